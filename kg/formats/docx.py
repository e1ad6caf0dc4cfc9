"""DOCX: paragraphs and tables in document order, read from the WordprocessingML itself.

Text is taken from the XML rather than python-docx's ``Paragraph.text`` so that nothing is
lost or doubled: tracked insertions are kept and deletions dropped, content controls (``w:sdt``)
and text boxes are read, the fallback copy of drawing content (``mc:Fallback``) is skipped,
field codes are skipped while their shown result is kept. Word's automatic list numbering is
rendered (``1.``, ``a)``) because agendas are usually such lists. A table row becomes one line
with its cells joined by TAB (``name<TAB>title<TAB>organisation``); paragraphs inside one cell
are joined by a space. Page headers and footers are not part of the body and are not read.

Reading the package (why not python-docx first): ``docx.Document`` unzips and parses every part
of the package (settings, core properties, headers, the 350 KB ``styles.xml`` of Word's and
python-docx's templates) through custom element classes; that took two thirds of the reading
time. :class:`_Package` reads only the parts the text depends on, straight from the ZIP with
lxml and python-docx's parser options (``remove_blank_text``, no entities): ``[Content_Types].xml``,
the package and document relationships, ``word/document.xml``, the numbering part and the styles
part, and finds them exactly as python-docx does (the one ``officeDocument`` relationship, the one
``numbering`` and ``styles`` relationship of the document part, content types by override, then
by extension). The list-numbering tables taken from ``numbering.xml`` and ``styles.xml`` are cached
by the parts' bytes (documents made from one template share them), so the styles part of a
repeated template is not parsed again. Whatever that reader does not handle (a missing or
malformed part it needs, relationships that are external, doubled or of the wrong content type,
a macro-enabled or template main part, a damaged ZIP member) raises :class:`_Unusual` and the file
is read by python-docx as before, which gives the same text or the same error as ever; parts
the text does not use (settings, headers, images) are no longer opened, so their damage no longer
makes a DOCX unreadable. The decompression-bomb check (:func:`_check_zip`) runs before either.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections.abc import Callable, Iterator
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
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_CACHE_SIZE = 16  #: numbering/styles tables kept per process (one per template in use)
_cache: dict[tuple[object, ...], Any] = {}


class Numbering:
    """Counters for Word's automatic list numbering (``w:numPr``), rendered as text prefixes."""

    def __init__(self, levels: dict[tuple[str, str], tuple[str, str, int]] | None = None,
                 styles: dict[str, tuple[str | None, int]] | None = None) -> None:
        self.levels = levels or {}  #: (numId, ilvl) → (number format, level text, start)
        self.styles = styles or {}  #: paragraph styleId → (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def of_document(cls, document: Any) -> Numbering:
        """The numbering of a python-docx ``Document`` (none when it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return cls()
        try:
            styles_root = document.styles.element
        except (AttributeError, KeyError, NotImplementedError):
            styles = {}
        else:
            styles = style_numbering(styles_root)
        return cls(numbering_levels(root), styles)

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


def numbering_levels(root: Any) -> dict[tuple[str, str], tuple[str, str, int]]:
    """(numId, ilvl) → (number format, level text, start) from the numbering part's root."""
    levels: dict[tuple[str, str], tuple[str, str, int]] = {}
    abstract = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
    for num in root.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        node = abstract.get(ref.get(W + "val")) if ref is not None else None
        for lvl in node.iter(W + "lvl") if node is not None else ():
            fmt, text, start = (lvl.find(W + t) for t in ("numFmt", "lvlText", "start"))
            levels[(num.get(W + "numId"), lvl.get(W + "ilvl"))] = (
                fmt.get(W + "val") if fmt is not None else "decimal",
                text.get(W + "val") if text is not None else "",
                int(start.get(W + "val")) if start is not None else 1)
    return levels


def style_numbering(root: Any) -> dict[str, tuple[str | None, int]]:
    """styleId → (numId, level) for paragraph styles that number their paragraphs (List Number).

    Only a style's own ``w:pPr/w:numPr`` counts: the ``w:basedOn`` chain is not followed (the
    earlier chain walk stopped after the style itself, and this keeps its output)."""
    styles = {st.get(W + "styleId"): st for st in root.iter(W + "style")}
    out: dict[str, tuple[str | None, int]] = {}
    for sid, style in styles.items():
        num_pr = style.find(f"{W}pPr/{W}numPr")
        found = _num_pr(num_pr, None, 0) if num_pr is not None else None
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


class _Unusual(Exception):
    """The package is not in the plain shape :class:`_Package` reads: python-docx reads it."""


def _xml(blob: bytes) -> Any:
    """Parse a part as python-docx does (blank text between elements dropped, no entities)."""
    from lxml import etree

    return etree.fromstring(blob, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def _cached(kind: str, key: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """``build()``, remembered under ``(kind, *key)`` (the oldest entry is dropped when full)."""
    full_key = (kind, *key)
    if full_key in _cache:
        return _cache[full_key]
    value = build()
    if len(_cache) >= _CACHE_SIZE:
        del _cache[next(iter(_cache))]
    _cache[full_key] = value
    return value


class _Package:
    """The parts of a DOCX its text depends on, found as python-docx finds them (see the module
    docstring); raises :class:`_Unusual` for anything else."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile) -> None:
        self.data, self.zf = data, zf
        self.names = {info.filename: info for info in zf.infolist()}
        types = _xml(zf.read("[Content_Types].xml"))
        self.overrides = {o.get("PartName").lower(): o.get("ContentType")
                          for o in types.findall(_TYPES + "Override")}
        self.defaults = {d.get("Extension").lower(): d.get("ContentType")
                         for d in types.findall(_TYPES + "Default")}

    def content_type(self, part: str) -> str:
        """A part's content type: its override, else the default for its extension."""
        ext = posixpath.splitext(part)[1]
        ext = ext[1:] if ext.startswith(".") else ext
        found = self.overrides.get(part.lower(), self.defaults.get(ext.lower()))
        if found is None:
            raise _Unusual(f"no content type for {part}")
        return found

    def related(self, source: str, reltype: str, content_type: str) -> str | None:
        """The part that ``source`` ("/" for the package) relates to by its one relationship of
        ``reltype``, or None when it has none."""
        base, name = posixpath.split(source)
        rels_name = posixpath.join(base, "_rels", f"{name}.rels")[1:]
        if rels_name not in self.names:
            return None
        rels = _xml(self.zf.read(rels_name)).findall(_PKG_RELS)
        ids = [rel.get("Id") for rel in rels]
        if len(set(ids)) != len(ids):
            raise _Unusual("doubled relationship ids")
        matching = [rel for rel in rels if rel.get("Type") == _REL + reltype]
        if not matching:
            return None
        rel = matching[0]
        if len(matching) > 1 or rel.get("TargetMode", "Internal") != "Internal":
            raise _Unusual(f"{reltype}: doubled or external relationship")
        part = posixpath.abspath(posixpath.join(base, rel.get("Target")))
        if part[1:] not in self.names or self.content_type(part) != content_type:
            raise _Unusual(f"{reltype}: missing part or other content type")
        return part

    def blob_key(self, part: str) -> tuple[object, ...]:
        """A key that identifies a part's content without unpacking it: its local header and
        stored (compressed) bytes with the method, flags, CRC and sizes they unpack under, i.e.
        everything :mod:`zipfile` reads to unpack it."""
        info = self.names[part[1:]]
        offset = info.header_offset
        if self.data[offset: offset + 4] != b"PK\x03\x04":
            raise _Unusual(f"{part}: bad local header")
        name_len, extra_len = struct.unpack("<HH", self.data[offset + 26: offset + 30])
        end = offset + 30 + name_len + extra_len + info.compress_size
        return (info.compress_type, info.flag_bits, info.CRC, info.file_size, info.compress_size,
                info.orig_filename, self.data[offset:end])

    def parsed(self, part: str) -> Any:
        """A part's XML tree."""
        return _xml(self.zf.read(part[1:]))

    def body_and_numbering(self) -> tuple[Any, Numbering]:
        """The ``w:body`` element and the list numbering of the main document part."""
        main = self.related("/", "officeDocument", _MAIN_TYPE)
        if main is None:
            raise _Unusual("no main document part")
        body = self.parsed(main).find(W + "body")
        if body is None:
            raise _Unusual("no w:body")
        numbering = self.related(main, "numbering", _NUMBERING_TYPE)
        if numbering is None:
            return body, Numbering()
        styles_part = self.related(main, "styles", _STYLES_TYPE)
        styles = {} if styles_part is None else _cached(
            "styles", self.blob_key(styles_part), lambda: style_numbering(self.parsed(styles_part)))
        levels = _cached("levels", self.blob_key(numbering), lambda: numbering_levels(self.parsed(numbering)))
        return body, Numbering(levels, styles)


def _check_zip(data: bytes, path: str) -> zipfile.ZipFile:
    """Refuse decompression bombs before anything is unpacked; the opened archive."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        size = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(path, f"corrupt DOCX: {one_line(exc)}") from None
    if size > MAX_UNZIPPED:
        raise DocumentError(path, f"DOCX unpacks to {size:,} bytes, over the limit of {MAX_UNZIPPED:,}")
    return zf


def preload() -> None:
    """Import the XML library in the parent process (forked workers then start fast)."""
    import lxml.etree  # noqa: F401


def read_with_python_docx(data: bytes, path: str) -> Extracted:
    """Read through python-docx: for packages :class:`_Package` does not handle (after
    :func:`_check_zip`), and the reference the tests compare the direct reader with."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise DocumentError(path, f"corrupt DOCX: {type(exc).__name__}: {one_line(exc)}") from None
    lines = body_lines(document.element.body, Numbering.of_document(document))
    return Extracted(clean_text("\n".join(lines)), None)


def read(data: bytes, path: str) -> Extracted:
    """Read a DOCX's body text (see the module docstring)."""
    zf = _check_zip(data, path)
    try:
        body, numbering = _Package(data, zf).body_and_numbering()
    except Exception:  # noqa: BLE001 - any surprise in the package: python-docx decides
        return read_with_python_docx(data, path)
    return Extracted(clean_text("\n".join(body_lines(body, numbering))), None)
