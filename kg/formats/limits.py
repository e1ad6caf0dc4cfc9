"""Time and memory limits for parsing one file, so that one hostile document cannot hang the build.

Design (why a worker process): pypdf, python-docx and BeautifulSoup are pure Python on top of
zlib/lxml, and a crafted PDF can make them loop for minutes or allocate gigabytes. A thread cannot
be stopped and ``SIGALRM`` only works on the main thread and cannot interrupt a long C call, so
:func:`run_limited` runs the parser in a **forked child process**: the parent waits on a pipe
with ``poll(timeout)``; when the time is up it kills the child and raises
:class:`~kg.errors.DocumentError` ("parsing took longer than N s"). The child also gets an
address-space limit (:data:`MEMORY_HEADROOM` above what it inherited), so a decompression bomb ends
as "out of memory" instead of swapping the machine. Forking costs a few milliseconds and needs no
re-import, and the child sees the parent's modules as they are (tests may monkeypatch a parser).

Where forking is impossible (no ``fork`` start method, or we already run inside a daemonic pool
worker that may not have children) the parser runs in-process; on the main thread a
``SIGALRM`` timer still interrupts it (pypdf spends its time in Python code), elsewhere only the
size and page budgets of the readers apply.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.errors import DocumentError

#: extra address space a parser child may use on top of what it inherits from the parent
MEMORY_HEADROOM = 2 * 1024**3


@dataclass
class Extracted:
    """What a format reader returns: clean text, the decoding used (text formats) and warnings."""

    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


class _Timeout(BaseException):
    """Raised by the SIGALRM handler of the in-process fallback (not an Exception, so that
    :func:`_call` does not mistake it for a parser error)."""


def one_line(text: object, limit: int = 200) -> str:
    """An exception message as one short line (parsers' messages may span lines)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(exc: BaseException, label: str) -> tuple[str, int | None]:
    """A one-line reason for an exception escaping a parser."""
    if isinstance(exc, DocumentError):
        return exc.reason, exc.line
    if isinstance(exc, MemoryError):
        return f"{label}: out of memory while parsing", None
    if isinstance(exc, RecursionError):
        return f"{label}: structure nested too deeply", None
    first = one_line(exc)
    return f"{label}: {type(exc).__name__}{': ' + first if first else ''}", None


def _call(func: Callable[..., Extracted], args: tuple[Any, ...], label: str) -> tuple[str, Any, Any]:
    """Run the parser and turn any exception into a picklable ("error", reason, line) triple."""
    try:
        return ("ok", func(*args), None)
    except Exception as exc:  # noqa: BLE001 - hostile input may raise anything inside a parser
        return ("error", *_describe(exc, label))


def _limit_memory() -> None:
    """Cap the child's address space at its current size plus :data:`MEMORY_HEADROOM`."""
    try:
        import resource

        with open("/proc/self/statm", encoding="utf-8") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass


def _child(conn: Any, func: Callable[..., Extracted], args: tuple[Any, ...], label: str) -> None:
    """Body of the worker process: parse, send the outcome, exit."""
    _limit_memory()
    result = _call(func, args, label)
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
        conn.send(("error", f"{label}: cannot return the text ({type(exc).__name__})", None))
    conn.close()


def can_fork() -> bool:
    """True when a parser child process can be started here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return not multiprocessing.current_process().daemon


def _in_child(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
              timeout: float) -> tuple[str, Any, Any]:
    """Run in a forked process, killing it after ``timeout`` seconds."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, func, args, label), daemon=True)
    gc.freeze()  # the child's collector then leaves the inherited objects (and their pages) alone
    try:
        proc.start()
    finally:
        gc.unfreeze()
    send.close()
    try:
        if not recv.poll(timeout):
            raise DocumentError(path, f"{label}: parsing took longer than the limit of {timeout:g} s")
        try:
            return recv.recv()
        except EOFError:
            proc.join(1)
            raise DocumentError(path, f"{label}: the parser crashed (exit code {proc.exitcode})") from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def _in_process(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
                timeout: float) -> tuple[str, Any, Any]:
    """Fallback: run here, with a SIGALRM timer when on the main thread."""
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not use_alarm:
        return _call(func, args, label)

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return _call(func, args, label)
    except _Timeout:
        raise DocumentError(path, f"{label}: parsing took longer than the limit of {timeout:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_limited(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
                timeout: float, isolate: bool = True) -> Extracted:
    """Run ``func(*args)`` under a time limit and return its :class:`Extracted`.

    Any failure becomes a :class:`DocumentError` for ``path`` whose reason starts with ``label``
    (e.g. "corrupt PDF"), except a reader's own DocumentError, whose reason is kept.
    """
    runner = _in_child if isolate and can_fork() else _in_process
    status, value, line = runner(func, args, path, label, timeout)
    if status != "ok":
        raise DocumentError(path, str(value), line)
    return value
