"""DOCX: paragraphs and tables in document order, through python-docx's XML tree.

Text is taken from the WordprocessingML itself rather than ``Paragraph.text`` so that nothing is
lost or doubled: tracked insertions are kept and deletions dropped, content controls (``w:sdt``)
and text boxes are read, the fallback copy of drawing content (``mc:Fallback``) is skipped,
field codes are skipped while their shown result is kept. Word's automatic list numbering is
rendered (``1.``, ``a)``) because agendas are usually such lists. A table row becomes one line
with its cells joined by TAB (``name<TAB>title<TAB>organisation``); paragraphs inside one cell
are joined by a space. Page headers and footers are not part of the body and are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from kg.errors import DocumentError
from kg.formats.limits import Extracted, one_line
from kg.text import clean_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_UNZIPPED = 200 * 1024 * 1024  #: a DOCX unpacking to more than this is a decompression bomb
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "pPr", W + "rPr",
         MC + "Fallback", W + "txbxContent", W + "footnoteReference", W + "commentReference"}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


class Numbering:
    """Counters for Word's automatic list numbering (``w:numPr``), rendered as text prefixes."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str | None, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        self.styles = _style_numbering(document)
        abstract = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            node = abstract.get(ref.get(W + "val")) if ref is not None else None
            for lvl in node.iter(W + "lvl") if node is not None else ():
                fmt, text, start = (lvl.find(W + t) for t in ("numFmt", "lvlText", "start"))
                self.levels[(num.get(W + "numId"), lvl.get(W + "ilvl"))] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "",
                    int(start.get(W + "val")) if start is not None else 1)

    def prefix(self, p: Any) -> str:
        """The rendered number of paragraph ``p`` ("1. ") or "" when it is not numbered."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = p.find(f"{W}pPr/{W}pStyle")
        key, ilvl = self.styles.get(style.get(W + "val"), (None, 0)) if style is not None else (None, 0)
        if num_pr is not None:
            key, ilvl = _num_pr(num_pr, key, ilvl)
        level = self.levels.get((key, str(ilvl)))
        if key is None or level is None or level[0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(key, {})
        counts[ilvl] = counts.get(ilvl, level[2] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = level[1]
        for i in range(ilvl + 1):
            fmt = self.levels.get((key, str(i)), ("decimal", "", 1))[0]
            text = text.replace(f"%{i + 1}", _format_number(counts.get(i, 1), fmt))
        return text + " " if text.strip() else ""


def _num_pr(num_pr: Any, key: str | None, ilvl: int) -> tuple[str | None, int]:
    """(numId, level) of a ``w:numPr``, defaulting to those given (from the paragraph style)."""
    num_id, ilvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
    if num_id is not None:
        key = num_id.get(W + "val")
    if ilvl_el is not None:
        ilvl = int(ilvl_el.get(W + "val") or 0)
    return key, ilvl


def _style_numbering(document: Any) -> dict[str, tuple[str | None, int]]:
    """styleId → (numId, level) for paragraph styles that number their paragraphs (List Number)."""
    try:
        styles = {st.get(W + "styleId"): st for st in document.styles.element.iter(W + "style")}
    except (AttributeError, KeyError, NotImplementedError):
        return {}
    out: dict[str, tuple[str | None, int]] = {}
    for sid in styles:
        seen, current, found = set(), styles.get(sid), None
        while current is not None and found is None and sid not in seen:
            num_pr = current.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                found = _num_pr(num_pr, None, 0)
            based = current.find(W + "basedOn")
            seen.add(current.get(W + "styleId"))
            nxt = based.get(W + "val") if based is not None else None
            current = styles.get(nxt) if nxt not in seen else None
        if found is not None and found[0] is not None:
            out[sid] = found
    return out


def _format_number(n: int, fmt: str) -> str:
    """A list counter in Word's number format."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
        out = ""
        for v, s in vals:
            while n >= v:
                out, n = out + s, n - v
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


def _run_text(el: Any, out: list[str]) -> None:
    """Append the visible text below ``el`` in document order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _CHARS:
            out.append(_CHARS[tag])
        else:
            _run_text(child, out)


def paragraph_lines(p: Any, numbering: Numbering) -> list[str]:
    """A paragraph's line(s): its text with its list number, then any text-box paragraphs."""
    parts: list[str] = []
    _run_text(p, parts)
    lines = [numbering.prefix(p) + "".join(parts)]
    for box in p.iter(W + "txbxContent"):
        lines += [line for q in box.iter(W + "p") for line in [_plain(q)] if line.strip()]
    return lines


def _plain(p: Any) -> str:
    """A paragraph's text without numbering (inside cells and text boxes)."""
    parts: list[str] = []
    _run_text(p, parts)
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    """A table cell's text on one line (its paragraphs and nested tables joined by spaces)."""
    texts = [_plain(p) for p in tc.iter(W + "p")]
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


def table_lines(tbl: Any) -> Iterator[str]:
    """One line per table row, cells joined by TAB; empty rows skipped."""
    for tr in tbl.iter(W + "tr"):
        if next(tr.iterancestors(W + "tbl"), None) is not tbl:
            continue  # a row of a nested table: already inside its cell's text
        cells = [_cell_text(tc) for tc in tr if tc.tag == W + "tc" or tc.tag == W + "sdt"]
        if any(cells):
            yield "\t".join(cells)


def body_lines(container: Any, numbering: Numbering) -> Iterator[str]:
    """Lines of the body's paragraphs and tables in document order (content controls opened)."""
    for child in container:
        if child.tag == W + "p":
            yield from paragraph_lines(child, numbering)
        elif child.tag == W + "tbl":
            yield from table_lines(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent")
            yield from body_lines(content if content is not None else child, numbering)


def _check_zip(data: bytes, path: str) -> None:
    """Refuse decompression bombs before python-docx unpacks anything."""
    try:
        size = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(path, f"corrupt DOCX: {one_line(exc)}") from None
    if size > MAX_UNZIPPED:
        raise DocumentError(path, f"DOCX unpacks to {size:,} bytes, over the limit of {MAX_UNZIPPED:,}")


def preload() -> None:
    """Import the parser library in the parent process (forked workers then start fast)."""
    import docx  # noqa: F401


def read(data: bytes, path: str) -> Extracted:
    """Read a DOCX's body text (see the module docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise DocumentError(path, f"corrupt DOCX: {type(exc).__name__}: {one_line(exc)}") from None
    lines = list(body_lines(document.element.body, Numbering(document)))
    return Extracted(clean_text("\n".join(lines)), None)
