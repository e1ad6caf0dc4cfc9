"""Plain text (``.txt``, ``.md``): encoding detection and binary-content checks.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else UTF-16 without BOM
when NUL bytes alternate with text; else an 8-bit code page. Among the 8-bit code pages
Windows-1252 is the default; it is recorded as ``latin-1`` when the file uses no byte in
0x80–0x9F (where the two differ), and Danish DOS (cp865) or Mac Roman win only when they turn
more bytes into letters inside words (``m›de`` in cp1252 is ``møde`` in cp865). UTF-8 with a few
stray Windows-1252 bytes (text pasted together) keeps its UTF-8 and decodes the strays alone,
recorded as ``utf-8 (with stray cp1252 bytes)``. Double-encoded
UTF-8 (``mÃ¸de``) is repaired and recorded as ``utf-8 (double-encoded, repaired)``.
"""

from __future__ import annotations

import re

from kg.errors import DocumentError
from kg.formats.limits import Extracted
from kg.text import clean_text

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_EIGHT_BIT = ("cp1252", "cp865", "mac_roman")
_MOJIBAKE = re.compile("Ã[¦¸¥†˜…©¤¶¼]|Ã\u0098|Ã\u0085")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1_BYTE = re.compile(b"[\x80-\x9f]")  #: the bytes where Windows-1252 and Latin-1 differ


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` if the NUL bytes sit in the odd/even positions of mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")


def _letter_score(text: str) -> int:
    """+1 for each non-ASCII letter between letters, -1 for each non-ASCII non-letter there."""
    found = _BETWEEN_LETTERS.findall(text)
    return 2 * sum(map(str.isalpha, found)) - len(found)


def _eight_bit(data: bytes) -> tuple[str, str]:
    """Decode with the best-scoring 8-bit code page (see module docstring)."""
    best: tuple[int, str, str] | None = None
    for enc in _EIGHT_BIT:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _letter_score(text)
        if best is None or score > best[0]:
            best = (score, enc, text)
    if best is None:
        return data.decode("latin-1"), "latin-1"
    _, enc, text = best
    if enc == "cp1252" and not _C1_BYTE.search(data):
        return text, "latin-1"
    return text, enc


def _repair_double_utf8(text: str) -> str | None:
    """Undo UTF-8 that was decoded as Windows-1252/Latin-1 and saved again as UTF-8."""
    if not _MOJIBAKE.search(text):
        return None
    for enc in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(enc).decode("utf-8")
        except UnicodeError:
            continue
        if not _MOJIBAKE.search(repaired):
            return repaired
    return None


def _mixed_utf8(data: bytes) -> str | None:
    """Mostly UTF-8 with a few stray Windows-1252 bytes (pasted text): decode each bad byte alone.

    Only when the file has at least as many valid multi-byte UTF-8 characters as stray bytes,
    which 8-bit text almost never has by accident.
    """
    parts: list[str] = []
    pos = strays = 0
    while pos < len(data):
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:  # the decoder stops at the first bad byte: linear overall
            strays += 1
            if strays > 1000:
                return None
            end = pos + exc.start
            parts.append(data[pos:end].decode("utf-8"))
            parts.append(data[end:end + 1].decode("cp1252", errors="replace"))
            pos = end + 1
    text = "".join(parts)
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - strays  # characters beyond ASCII
    return text if strays and multibyte >= strays else None


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode text bytes and name the decoding chosen (see the module docstring for the order)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff"), enc
            except UnicodeDecodeError as exc:
                raise DocumentError(path, f"invalid {enc.upper()} text after its byte-order mark "
                                    f"(byte {exc.start})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        enc16 = _utf16_without_bom(data)
        if enc16:
            try:
                return data.decode(enc16), enc16
            except UnicodeDecodeError:
                pass
        mixed = _mixed_utf8(data)
        return (mixed, "utf-8 (with stray cp1252 bytes)") if mixed is not None else _eight_bit(data)
    repaired = _repair_double_utf8(text)
    return (repaired, "utf-8 (double-encoded, repaired)") if repaired else (text, "utf-8")


def check_not_binary(text: str, path: str, what: str = "text file") -> None:
    """Raise if decoded text holds NUL bytes or many control characters (binary data)."""
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentError(path, f"binary content (NUL byte) in a {what}", text.count("\n", 0, nul) + 1)
    controls = _CONTROL.findall(text)
    if len(controls) > max(2, len(text) // 200):
        first = _CONTROL.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else None
        raise DocumentError(path, f"binary content ({len(controls)} control characters) in a {what}", line)


def read(data: bytes, path: str) -> Extracted:
    """Read a plain-text file; line numbers stay those of the file."""
    text, encoding = decode_text(data, path)
    check_not_binary(text, path)
    return Extracted(clean_text(text, keep_lines=True), encoding)
