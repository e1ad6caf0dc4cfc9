"""File formats: recognise a file's kind and choose its reader (no heavy imports here).

The kind is decided by the content first (magic bytes: ``%PDF``, a ZIP holding
``word/document.xml``, ``<!DOCTYPE html``/``<html``) and by the file suffix only when the content
has no signature (plain text). Known but unsupported kinds (images, legacy ``.doc``, Excel,
OpenDocument, RTF, archives) and unknown suffixes raise
:class:`~kg.errors.DocumentError` ("unsupported file type …"). Each reader lives in its own module
(:mod:`kg.formats.pdf`, :mod:`kg.formats.docx`, :mod:`kg.formats.html`, :mod:`kg.formats.text`)
and imports its library inside the function.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from dataclasses import dataclass

from kg.errors import DocumentError
from kg.formats.limits import Extracted, one_line, run_limited


@dataclass(frozen=True)
class Format:
    """One readable kind of file."""

    name: str  #: the ``file_format`` recorded (txt, md, pdf, docx, html)
    reader: str  #: "module:function" of the reader, imported on use
    label: str  #: how errors name it ("PDF")
    isolate: bool  #: parse in a time-limited worker process


FORMATS = {
    "txt": Format("txt", "kg.formats.text:read", "text file", False),
    "md": Format("md", "kg.formats.text:read", "Markdown file", False),
    "pdf": Format("pdf", "kg.formats.pdf:read", "PDF", True),
    "docx": Format("docx", "kg.formats.docx:read", "DOCX", True),
    "html": Format("html", "kg.formats.html:read", "HTML", True),
}
SUFFIXES = {".txt": "txt", ".text": "txt", "": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf",
            ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".html": "html", ".htm": "html",
            ".xhtml": "html"}

#: signatures of kinds we recognise but do not read
_UNSUPPORTED_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"RIFF", "RIFF media file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "legacy Office file or password-protected Office document (OLE2; save as .docx)"),
    (b"{\\rtf", "RTF document (save as .docx)"), (b"%!PS", "PostScript file"),
    (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"), (b"\x00\x00\x00", "binary file"),
)
_HTML_START = re.compile(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_BOM = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _zip_kind(data: bytes, path: str) -> str:
    """Tell a DOCX from other ZIP containers."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(path, f"corrupt ZIP archive, not a readable DOCX ({one_line(exc)})") from None
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise DocumentError(path, "unsupported file type: Excel workbook (.xlsx)")
    if any(n.startswith("ppt/") for n in names):
        raise DocumentError(path, "unsupported file type: PowerPoint presentation (.pptx)")
    if "content.xml" in names:
        raise DocumentError(path, "unsupported file type: OpenDocument file (save as .docx)")
    raise DocumentError(path, "unsupported file type: a ZIP archive that is not a DOCX "
                        "(no word/document.xml)")


def _looks_like_html(data: bytes) -> bool:
    """``<!DOCTYPE html>`` or ``<html`` at the start (after a BOM, an XML declaration, comments)."""
    head = data[:4096]
    for bom in _BOM:
        if head.startswith(bom):
            head = head[len(bom):]
    if head[:1] == b"\x00" or head[1:2] == b"\x00":
        head = head.replace(b"\x00", b"")
    return bool(_HTML_START.match(head))


def detect_format(data: bytes, path: str, suffix: str) -> Format:
    """The :class:`Format` of a file from its bytes and suffix, or a DocumentError."""
    suffix = suffix.lower()
    if b"%PDF-" in data[:1024]:
        return FORMATS["pdf"]
    if data.startswith(b"PK\x03\x04") or (suffix == ".docx" and data.startswith(b"PK")):
        return FORMATS[_zip_kind(data, path)]
    if _looks_like_html(data):
        return FORMATS["html"]
    for magic, kind in _UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            raise DocumentError(path, f"unsupported file type: {kind}")
    name = SUFFIXES.get(suffix)
    if name == "pdf":
        raise DocumentError(path, "not a PDF: the %PDF header is missing (wrong suffix or damaged file)")
    if name == "docx":
        raise DocumentError(path, "not a DOCX: the file is not a ZIP archive")
    if name is None:
        supported = ", ".join(sorted({s for s in SUFFIXES if s}))
        raise DocumentError(path, f"unsupported file type '{suffix}' (supported: {supported})")
    return FORMATS[name]


def extract(fmt: Format, data: bytes, path: str, timeout: float) -> Extracted:
    """Run the format's reader on the bytes (under :func:`~kg.formats.limits.run_limited`'s time
    and memory limits when ``fmt.isolate``: in-process for small files, in a forked child for
    large ones)."""
    module_name, func = fmt.reader.split(":")
    module = importlib.import_module(module_name)
    reader = getattr(module, func)
    if not fmt.isolate:
        return reader(data, path)
    # preload: import the parser library once in this process before forking, not in every child
    return run_limited(reader, (data, path), path, f"cannot read {fmt.label}", timeout,
                       size=len(data), warm=getattr(module, "preload", None))
