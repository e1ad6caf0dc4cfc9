"""DOCX reading on real Word files made with python-docx: order, tables, numbering, bad ZIPs."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest

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
