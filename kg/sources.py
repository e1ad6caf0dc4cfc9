"""Reading a source file into clean text: the one place that knows file formats.

Loaders never open files; they get a :class:`SourceText`. :func:`read_source` checks the size,
recognises the kind from the content (:mod:`kg.formats`), runs its reader under a time limit
(:mod:`kg.formats.limits`) and returns the cleaned text (:mod:`kg.text`). Everything a file can do
wrong ends as one :class:`~kg.errors.DocumentError` line: ``FILE: what is wrong (line N)``.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError
from kg.formats.text import decode_text

__all__ = ["MAX_BYTES", "TIMEOUT", "SourceText", "decode_text", "read_source"]

MAX_BYTES = 20 * 1024 * 1024  #: far larger than any minutes (a long PDF referat is ~1 MB)
TIMEOUT = 60.0  #: seconds of parsing per file (pypdf reads ~20 pages a second)


@dataclass
class SourceText:
    """A document's text, split in lines (1-based numbering is ``index + 1``).

    ``file_format`` is the kind found in the content (txt, md, pdf, docx, html); ``encoding`` the
    decoding chosen for text and HTML files (None for PDF/DOCX); ``warnings`` what was read with
    a loss (e.g. PDF pages without a text layer).
    """

    name: str
    text: str
    file_format: str = "txt"
    encoding: str | None = "utf-8"
    path: str | None = None
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing directories, unreadable and oversized files before reading."""
    try:
        info = path.stat()  # one system call for both checks
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(str(path), "is a directory, not a file")
        size = info.st_size
        if size > max_bytes:
            raise DocumentError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we looked, or a special file
        raise DocumentError(str(path), f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise DocumentError(str(path), "file is empty")
    return data


def read_source(path: str | Path, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT) -> SourceText:
    """Read any supported file (txt, md, pdf, docx, html) into a :class:`SourceText`.

    ``max_bytes`` limits the file size, ``timeout`` the seconds spent parsing it (PDF, DOCX and
    HTML parse in a worker process that is killed at the limit). Raises :class:`DocumentError`.
    """
    from kg import formats
    from kg.formats.limits import one_line

    path = Path(path)
    data = _read_bytes(path, max_bytes)
    try:
        fmt = formats.detect_format(data, str(path), path.suffix)
        got = formats.extract(fmt, data, str(path), timeout)
    except DocumentError as err:
        if "\n" not in err.reason:
            raise
        raise DocumentError(err.path, one_line(err.reason, 300), err.line) from None
    if not got.text.strip():
        raise DocumentError(str(path), f"no text found in the {fmt.label}")
    return SourceText(name=path.name, text=got.text, file_format=fmt.name, encoding=got.encoding,
                      path=str(path), sha256=hashlib.sha256(data).hexdigest(), warnings=got.warnings)
