"""Time and memory limits for parsing one file, so that one hostile document cannot hang the build.

Why: pypdf, lxml and BeautifulSoup parse untrusted bytes; a crafted PDF can make pypdf loop for
minutes or allocate gigabytes. Every parse run by :func:`run_limited` therefore has

* a **time limit**: when it is up the parse is stopped and :class:`~kg.errors.DocumentError`
  says "parsing took longer than the limit of N s";
* a **memory limit**: the address space may grow by at most :data:`MEMORY_HEADROOM` while
  parsing, so a decompression bomb ends as "out of memory while parsing" instead of swapping the
  machine (DOCX readers also refuse ZIPs that declare too much, before unpacking).

Where the parse runs (the design, chosen for cost): forking a process costs 6–10 ms of CPU on
our machines, more than reading a small PDF (≈6 ms) or DOCX (≈1.5 ms) itself, and the build
reads thousands of such files in its pool workers. So

* a file smaller than :data:`FORK_MIN_BYTES`, parsed on a main thread (the build's pool workers,
  ``kg extract``, a small build), is parsed **in this process**: a ``SIGALRM`` interval timer
  interrupts it at the limit (pypdf and the readers spend their time in Python code; a single
  C call on a small file is short), and the soft ``RLIMIT_AS`` is lowered to the current size
  plus the headroom for the duration of the call and restored afterwards (a ``MemoryError``
  inside becomes a DocumentError);
* a larger file, or any file parsed off the main thread (a server's request threads, where
  ``SIGALRM`` cannot be used), is parsed in a **forked child** (plain ``os.fork``, so this works
  inside the daemonic pool workers too): the parent reads the result from a pipe with a deadline
  and kills the child at the limit; the child caps its own address space, arms its own alarm
  (it dies by itself if its parent disappears) and leaves by ``os._exit``. A crash of the parser
  (a segfault, ``os._exit``) is contained there and reported as "the parser crashed (exit code
  N)", and long C calls on big inputs are cut off too. Before the first fork the reader's
  ``warm`` hook imports the parser's lazily imported modules in the parent, so children start warm.

Where neither works (no ``fork`` and not on the main thread) the parser runs in-process under
the memory limit and the size and page budgets of the readers.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kg.errors import DocumentError

#: extra address space a parse may use on top of what the process had when it started
MEMORY_HEADROOM = 2 * 1024**3
#: files of at least this many bytes are parsed in a forked child (smaller ones in-process)
FORK_MIN_BYTES = 256 * 1024
_CRASH_EXIT = 70  #: exit code of a child that could not report its outcome


@dataclass
class Extracted:
    """What a format reader returns: clean text, the decoding used (text formats) and warnings."""

    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


class _Timeout(BaseException):
    """Raised by the SIGALRM handler of the in-process path (not an Exception, so that
    :func:`_call` and the parsers do not mistake it for a parser error)."""


def one_line(text: object, limit: int = 200) -> str:
    """An exception message as one short line (parsers' messages may span lines)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _too_long(label: str, timeout: float) -> str:
    return f"{label}: parsing took longer than the limit of {timeout:g} s"


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


def _address_space() -> int | None:
    """This process's current address-space size in bytes (None where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _limit_memory() -> None:
    """Cap a child's address space (soft and hard) at its size plus :data:`MEMORY_HEADROOM`."""
    try:
        import resource

        current = _address_space()
        if current is not None:
            limit = current + MEMORY_HEADROOM
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass


@contextmanager
def _memory_cap() -> Iterator[None]:
    """Lower the soft ``RLIMIT_AS`` to the current size plus the headroom while the block runs
    (never above the hard limit or an existing lower soft limit), then restore it."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    current = _address_space()
    limit = None if current is None else current + MEMORY_HEADROOM
    if limit is not None and hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if limit is None or (soft != resource.RLIM_INFINITY and soft <= limit):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def can_fork() -> bool:
    """True when a parser child process can be started here (``os.fork`` exists)."""
    return hasattr(os, "fork")


def _alarm_usable() -> bool:
    """True when a SIGALRM timer can interrupt a parse here (on the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _child(write_fd: int, func: Callable[..., Extracted], args: tuple[Any, ...], label: str,
           timeout: float) -> None:
    """Body of the forked child: parse, write the pickled outcome to the pipe, ``os._exit``."""
    code = 0
    try:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(int(min(timeout, 1e6)) + 5)  # ends the child if its parent no longer waits
        _limit_memory()
        result = _call(func, args, label)
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
            payload = pickle.dumps(("error", f"{label}: cannot return the text ({type(exc).__name__})", None))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    except BaseException:  # noqa: BLE001 - nothing may escape into the parent's code
        code = _CRASH_EXIT
    finally:
        os._exit(code)


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All bytes from ``fd`` until EOF, or None when the deadline passes first."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _in_child(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
              timeout: float) -> tuple[str, Any, Any]:
    """Run in a forked process, killing it after ``timeout`` seconds."""
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector then leaves the inherited objects (and their pages) alone
    try:
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(write_fd, func, args, label, timeout)
    finally:
        gc.unfreeze()
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
    if payload is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise DocumentError(path, _too_long(label, timeout))
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if not payload:
        raise DocumentError(path, f"{label}: the parser crashed (exit code {code})")
    return pickle.loads(payload)


def _in_process(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
                timeout: float) -> tuple[str, Any, Any]:
    """Run here under the memory cap, with a SIGALRM timer when on the main thread."""
    with _memory_cap():
        if not _alarm_usable():
            return _call(func, args, label)

        def on_alarm(signum: int, frame: Any) -> None:
            raise _Timeout

        old = signal.signal(signal.SIGALRM, on_alarm)
        started = time.monotonic()
        outer, interval = signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return _call(func, args, label)
        except _Timeout:
            raise DocumentError(path, _too_long(label, timeout)) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            if outer:  # a caller's own timer: re-armed with what was left of it (at once if spent)
                left = max(outer - (time.monotonic() - started), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, left, interval)


def run_limited(func: Callable[..., Extracted], args: tuple[Any, ...], path: str, label: str,
                timeout: float, isolate: bool = True, size: int | None = None,
                warm: Callable[[], None] | None = None) -> Extracted:
    """Run ``func(*args)`` under the time and memory limits and return its :class:`Extracted`.

    ``size`` is the input's size in bytes: below :data:`FORK_MIN_BYTES` (and on a main thread)
    the parse runs in-process, otherwise, or when ``size`` is None, in a forked child (see the
    module docstring); ``isolate=False`` always runs in-process. ``warm`` is called before a
    fork. Any failure becomes a :class:`DocumentError` for ``path`` whose reason starts with
    ``label`` (e.g. "corrupt PDF"), except a reader's own DocumentError, whose reason is kept.
    """
    small = size is not None and size < FORK_MIN_BYTES and _alarm_usable()
    if isolate and not small and can_fork():
        if warm is not None:
            warm()
        status, value, line = _in_child(func, args, path, label, timeout)
    else:
        status, value, line = _in_process(func, args, path, label, timeout)
    if status != "ok":
        raise DocumentError(path, str(value), line)
    return value
