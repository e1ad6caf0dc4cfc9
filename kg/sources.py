"""Reading a source file into clean text: the one place that knows file formats.

Loaders never open files; they get a :class:`SourceText`. Format readers (text with encoding
detection, PDF, DOCX, HTML) live here; shared clean-up (hyphenation, page artefacts) in
:mod:`kg.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentError

MAX_BYTES = 20 * 1024 * 1024  # far larger than any minutes


@dataclass
class SourceText:
    """A document's text, split in lines (1-based numbering is ``index + 1``)."""

    name: str
    text: str
    file_format: str = "txt"
    encoding: str | None = "utf-8"
    path: str | None = None
    sha256: str | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode text bytes: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_source(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read any supported file into a :class:`SourceText`, or raise :class:`DocumentError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise DocumentError(str(path), f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip():
        raise DocumentError(str(path), "file is empty")
    text, encoding = decode_text(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(name=path.name, text=text, file_format=path.suffix.lstrip(".").lower() or "txt",
                      encoding=encoding, path=str(path), sha256=hashlib.sha256(data).hexdigest())
