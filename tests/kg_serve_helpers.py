"""Starting a real ``kg serve`` (and other servers) on loopback for the endpoint tests."""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "sparql11-protocol"
TOKEN = "test-token-æøå-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, seconds: float = 20.0) -> None:
    """Wait (bounded) until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {err}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


@dataclass
class Server:
    url: str
    proc: subprocess.Popen

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


@contextmanager
def kg_serve(store: Path | str, *args: str, env: dict | None = None,
             cwd: Path | None = None) -> Iterator[Server]:
    """A running ``kg serve --store STORE ARGS`` on a free loopback port; stopped afterwards."""
    port = free_port()
    proc = subprocess.Popen(["kg", "serve", "--store", str(store), "--port", str(port), "--quiet", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    try:
        wait_for_port(port, proc)
        yield Server(f"http://127.0.0.1:{port}", proc)
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, then kill if it does not end within 10 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc.stderr:
        proc.stderr.close()


def request(url: str, data: bytes | None = None, headers: dict | None = None,
            method: str | None = None, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one HTTP request; HTTP errors are returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def kg(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``kg`` command."""
    out = subprocess.run(["kg", *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    if check and out.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({out.returncode}): {out.stderr}")
    return out


class Listener:
    """A loopback TCP listener that records every connection it gets (a canary for outbound requests)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
