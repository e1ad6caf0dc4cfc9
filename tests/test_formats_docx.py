"""DOCX reading on real Word files made with python-docx: order, tables, numbering, bad ZIPs."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.formats import docx as docx_format
from kg.sources import read_source

makers = pytest.importorskip("fixtures.files.makers")
docx = pytest.importorskip("docx")
W = docx_format.W


def test_docx_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    src = read_source(makers.make_docx(tmp_path / "referat.docx"))
    assert (src.file_format, src.encoding) == ("docx", None)
    lines = src.lines
    assert lines[0] == "Referat af lokalrådsmøde i Kalundborg Kommune"
    header = lines.index("Navn\tTitel\tOrganisation")
    assert lines[header - 1] == "Deltagere:"
    assert lines[header + 1: header + 1 + len(makers.ATTENDEES)] == ["\t".join(r) for r in makers.ATTENDEES]
    assert lines[header + 1 + len(makers.ATTENDEES)] == "Pkt. 1 Godkendelse af dagsorden"
    assert "Dagsordenen blev godkendt – “uden bemærkninger”." in lines


def test_docx_list_numbering_rendered(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Dagsorden")
    items = ["Godkendelse af dagsorden", "Orientering fra politiet", "Eventuelt"]
    for item in items:
        doc.add_paragraph(item, style="List Number")
    doc.add_paragraph("Tryghed", style="List Bullet")
    f = tmp_path / "dagsorden.docx"
    doc.save(str(f))
    assert read_source(f).lines == ["Dagsorden", *[f"{i}. {t}" for i, t in enumerate(items, 1)], "Tryghed"]


def test_docx_tracked_changes_tabs_breaks_and_merged_cells(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("Mødet blev ")
    run = p.add_run("holdt")
    ins = copy.deepcopy(run._r)
    ins[-1].text = " i Slagelse"
    deleted = copy.deepcopy(run._r)
    deleted[-1].tag = W + "delText"
    deleted[-1].text = " i Sorø"
    for tag, r in (("ins", ins), ("del", deleted)):
        wrapper = p._p.makeelement(W + tag, {W + "id": "1", W + "author": "x"})
        wrapper.append(r)
        p._p.append(wrapper)
    q = doc.add_paragraph("Navn")
    q.add_run().add_tab()
    q.add_run("Titel")
    q.add_run().add_break()
    q.add_run("Ny linje")
    table = doc.add_table(rows=1, cols=3)
    merged = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    merged.text = "Anne Holm"
    table.rows[0].cells[2].text = "Borgmester"
    f = tmp_path / "ændringer.docx"
    doc.save(str(f))
    assert read_source(f).lines == ["Mødet blev holdt i Slagelse", "Navn\tTitel", "Ny linje",
                                    "Anne Holm\tBorgmester"]


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(("entries", "reason"), [
    ({"noter.txt": b"Referat"}, "a ZIP archive that is not a DOCX"),
    ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}, "Excel workbook"),
    ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument"),
])
def test_zip_that_is_not_a_docx(tmp_path: Path, entries: dict[str, bytes], reason: str) -> None:
    f = tmp_path / "referat.docx"
    f.write_bytes(_zip(entries))
    with pytest.raises(DocumentError, match=reason):
        read_source(f)


def test_docx_with_broken_parts(tmp_path: Path) -> None:
    f = tmp_path / "halv.docx"
    f.write_bytes(_zip({"word/document.xml": b"<w:document>ikke xml"}))
    with pytest.raises(DocumentError) as err:
        read_source(f)
    assert "DOCX" in str(err.value) and "\n" not in str(err.value)


def test_truncated_docx(tmp_path: Path) -> None:
    data = makers.make_docx(tmp_path / "hel.docx").read_bytes()
    f = tmp_path / "afbrudt.docx"
    f.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError, match="DOCX"):
        read_source(f)


def test_docx_decompression_bomb_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_format, "MAX_UNZIPPED", 50_000)
    f = makers.make_docx(tmp_path / "stor.docx")
    with pytest.raises(DocumentError, match=r"DOCX unpacks to [\d,]+ bytes, over the limit of 50,000"):
        read_source(f)


# --- the direct package reader against python-docx ---------------------------------------------

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
NUMBERING_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
STYLES_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def _listed_docx() -> bytes:
    """A Word file with a heading, a table, numbered lists (by style and by numPr), a bullet."""
    doc = docx.Document()
    doc.add_heading("Dagsorden for kredsrådet", 1)
    for item in ["Godkendelse af dagsorden", "Tryghed i nattelivet", "Eventuelt"]:
        doc.add_paragraph(item, style="List Number")
    doc.add_paragraph("Underpunkt", style="List Number 2")
    doc.add_paragraph("Bemærkning", style="List Bullet")
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Navn", "Titel"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Søren Østergaard", "Borgmester"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The package with parts replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    for name, blob in change.items():
        if blob is None:
            entries.pop(name, None)
        else:
            entries[name] = blob
    return _zip(entries)


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def _outcome(read, data: bytes) -> tuple:
    """What a reader gives as the build sees it: ("ok", text) or ("error", one-line reason)."""
    from kg.formats.limits import _call

    status, value, _ = _call(read, (data, "referat.docx"), "cannot read DOCX")
    if status == "ok":
        return (status, value.text)
    return (status, re.sub(r" at 0x[0-9a-f]+", "", value))  # python-docx names the stream object


def _same_as_python_docx(data: bytes) -> tuple:
    fast = _outcome(docx_format.read, data)
    assert fast == _outcome(docx_format.read_with_python_docx, data)
    return fast


def test_direct_reader_gives_python_docx_text_without_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _listed_docx()
    reference = _outcome(docx_format.read_with_python_docx, data)
    monkeypatch.setattr(docx_format, "read_with_python_docx", lambda data, path: pytest.fail("fallback used"))
    assert _outcome(docx_format.read, data) == reference
    assert reference[1].split("\n")[:4] == ["Dagsorden for kredsrådet", "1. Godkendelse af dagsorden",
                                            "2. Tryghed i nattelivet", "3. Eventuelt"]
    assert "Søren Østergaard\tBorgmester" in reference[1]


def _rels(data: bytes, old: bytes, new: bytes) -> bytes:
    rels = _part(data, "word/_rels/document.xml.rels")
    assert old in rels
    return _rezip(data, {"word/_rels/document.xml.rels": rels.replace(old, new, 1)})


def _variants() -> dict[str, bytes]:
    base = _listed_docx()
    types = _part(base, "[Content_Types].xml")
    styles = _part(base, "word/styles.xml")
    document = _part(base, "word/document.xml")
    rels = _part(base, "word/_rels/document.xml.rels")
    numbering_rel = re.search(rb"<Relationship [^>]*" + re.escape(NUMBERING_REL) + rb'"[^>]*/>', rels).group()
    variants = {
        "plain": base,
        "template main part (.dotx)": _rezip(base, {"[Content_Types].xml": types.replace(MAIN.encode(),
                                                                                          TEMPLATE.encode())}),
        "partname override in capitals": _rezip(base, {"[Content_Types].xml": types.replace(
            b'PartName="/word/document.xml"', b'PartName="/WORD/Document.XML"')}),
        "no numbering relationship": _rels(base, NUMBERING_REL, NUMBERING_REL + b"-not"),
        "no styles relationship": _rels(base, STYLES_REL, STYLES_REL + b"-not"),
        "two numbering relationships": _rezip(base, {"word/_rels/document.xml.rels": rels.replace(
            b"</Relationships>", numbering_rel.replace(b'Id="', b'Id="x') + b"</Relationships>")}),
        "external numbering relationship": _rezip(base, {"word/_rels/document.xml.rels": rels.replace(
            numbering_rel, numbering_rel.replace(b"/>", b' TargetMode="External"/>'))}),
        "numbering part missing": _rezip(base, {"word/numbering.xml": None}),
        "styles part malformed": _rezip(base, {"word/styles.xml": styles[:-40]}),
        "document part malformed": _rezip(base, {"word/document.xml": document[:-30]}),
        "no package relationships": _rezip(base, {"_rels/.rels": None}),
        "list style without numPr": _rezip(base, {"word/styles.xml": styles.replace(b"w:numPr>",
                                                                                    b"w:numPrX>")}),
        "bad list level": _rezip(base, {"word/styles.xml": styles.replace(b'<w:ilvl w:val="1"/>',
                                                                          b'<w:ilvl w:val="en"/>')}),
    }
    assert len({*variants.values()}) == len(variants)  # every change took effect
    return variants


#: what each variant gives: numbered lists, lists without numbers, or an error
EXPECTED = {"plain": "numbered", "template main part (.dotx)": "error",
            "partname override in capitals": "numbered",
            "no numbering relationship": "unnumbered", "no styles relationship": "unnumbered",
            "two numbering relationships": "error", "external numbering relationship": "error",
            "numbering part missing": "error", "styles part malformed": "error",
            "document part malformed": "error", "no package relationships": "error",
            "list style without numPr": "unnumbered", "bad list level": "error"}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_direct_reader_matches_python_docx_on_odd_packages(name: str) -> None:
    status, value = _same_as_python_docx(_variants()[name])
    if EXPECTED[name] == "error":
        assert status == "error" and "DOCX" in value
    else:
        assert status == "ok"
        assert ("\n1. Godkendelse af dagsorden\n" in value) == (EXPECTED[name] == "numbered")
        assert "\nGodkendelse af dagsorden\n" in value or EXPECTED[name] == "numbered"


def test_cached_list_tables_follow_the_styles_part() -> None:
    """Two files of one template share the cached tables; a changed styles part is read anew."""
    variants = _variants()
    numbered = _outcome(docx_format.read, variants["plain"])[1]
    plain = _outcome(docx_format.read, variants["list style without numPr"])[1]
    assert "1. Godkendelse" in numbered and "1. Godkendelse" not in plain
    assert _outcome(docx_format.read, variants["plain"])[1] == numbered


def test_damaged_part_the_text_does_not_use_is_ignored() -> None:
    """python-docx refuses a package with malformed settings; the direct reader does not read them."""
    base = _listed_docx()
    data = _rezip(base, {"word/settings.xml": b"<w:settings>"})
    assert _outcome(docx_format.read_with_python_docx, data)[0] == "error"
    assert _outcome(docx_format.read, data) == _outcome(docx_format.read, base)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Normal", "List Number", "List Number 2", "List Bullet",
                                           "Heading 1", "table"]),
                          st.text(alphabet="abcæøåÆØÅ 1.\t-–", min_size=0, max_size=12)),
                min_size=1, max_size=12))
def test_direct_reader_matches_python_docx_on_generated_files(blocks: list[tuple[str, str]]) -> None:
    doc = docx.Document()
    for style, text in blocks:
        if style == "table":
            table = doc.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = text, text[::-1]
        else:
            doc.add_paragraph(text, style=style)
    buf = io.BytesIO()
    doc.save(buf)
    _same_as_python_docx(buf.getvalue())
