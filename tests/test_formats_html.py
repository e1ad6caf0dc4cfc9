"""HTML reading on kommune-style web pages: chrome dropped, tables, lists, entities, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.sources import read_source

makers = pytest.importorskip("fixtures.files.makers")
pytest.importorskip("bs4")


@pytest.mark.parametrize(("charset", "recorded"), [
    ("utf-8", "utf-8"), ("windows-1252", "cp1252"), ("iso-8859-1", "cp1252")])
def test_html_page_text(tmp_path: Path, charset: str, recorded: str) -> None:
    src = read_source(makers.make_html(tmp_path / "referat.html", charset))
    assert (src.file_format, src.encoding) == ("html", recorded)
    lines = src.lines
    assert lines[0] == "Referat af kredsrådsmøde i Sydøstjyllands Politi"
    assert "Mødet blev holdt den 14. september 2017 i Horsens." in lines  # &nbsp; → space
    assert "Mødeleder: Peter Sønderby" in lines  # <br> → line break
    rows = ["Navn\tTitel\tOrganisation", "Karen Bæk\tBorgmester\tHorsens Kommune",
            "Mikkel Frøslev\tPolitidirektør\tSydøstjyllands Politi"]
    i = lines.index(rows[0])
    assert lines[i: i + 3] == rows
    j = lines.index("1. Godkendelse af dagsorden")
    assert lines[j + 1] == "2. Orientering om tryghedsindsatsen & SSP"  # &amp; decoded
    assert "Næste møde: “efteråret”" in lines


def test_html_chrome_and_scripts_dropped(tmp_path: Path) -> None:
    text = read_source(makers.make_html(tmp_path / "referat.htm")).text
    for junk in ("tracking", "heller ikke", "Forside", "Cookiepolitik", "font-family", "Kredsråd</title>"):
        assert junk not in text


def test_html_without_main_reads_body_and_paragraph_blocks(tmp_path: Path) -> None:
    f = tmp_path / "gammel.html"
    f.write_text("<html><body><nav>Menu</nav><p>Deltagere:<br>Anne Holm<br>Bo Berg</p>"
                 "<p>Borgmester<br>Politidirektør</p><div>Afbud: <b>Lis</b> Nørgaard</div></body></html>",
                 encoding="utf-8")
    assert read_source(f).lines == ["Deltagere:", "Anne Holm", "Bo Berg", "", "Borgmester", "Politidirektør",
                                    "", "Afbud: Lis Nørgaard"]


def test_html_charset_from_bom_and_fallback_detection(tmp_path: Path) -> None:
    body = "<html><body><p>Møde i Tønder – “referat”</p></body></html>"
    f = tmp_path / "bom.html"
    f.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert (read_source(f).text, read_source(f).encoding) == ("Møde i Tønder – “referat”", "utf-8-sig")
    g = tmp_path / "uden.html"
    g.write_bytes(body.encode("cp1252"))  # no declaration: detected like a text file
    assert (read_source(g).text, read_source(g).encoding) == ("Møde i Tønder – “referat”", "cp1252")


def test_html_with_only_chrome_is_an_error(tmp_path: Path) -> None:
    from kg.errors import DocumentError

    f = tmp_path / "tom.html"
    f.write_text("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>",
                 encoding="utf-8")
    with pytest.raises(DocumentError, match="no visible text"):
        read_source(f)
