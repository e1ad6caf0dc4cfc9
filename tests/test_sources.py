"""read_source: encodings, format recognition by content, bad input, limits, and a property test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.sources import SourceText, decode_text, read_source

TEXT = "Referat af kredsrådsmøde i Aabenraa Kommune\nTilstede: Søren Ærø (borgmester) – “formand”\nÅbent møde"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.parametrize(("encoding", "recorded"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")])
def test_text_encodings(tmp_path: Path, encoding: str, recorded: str) -> None:
    f = tmp_path / "referat.txt"
    f.write_bytes(TEXT.encode(encoding))
    src = read_source(f)
    assert src.text == TEXT
    assert src.encoding == recorded
    assert src.file_format == "txt"


def test_latin1_without_cp1252_bytes_is_recorded_as_latin1(tmp_path: Path) -> None:
    text = TEXT.replace("–", "-").replace("“", '"').replace("”", '"')
    f = tmp_path / "gammel.txt"
    f.write_bytes(text.encode("latin-1"))
    src = read_source(f)
    assert (src.text, src.encoding) == (text, "latin-1")


def test_cp1252_punctuation_in_0x80_0x9f(tmp_path: Path) -> None:
    raw = "“Tryghed” – og ‘samarbejde’ … €".encode("cp1252")
    assert all(0x80 <= b <= 0x9F for b in raw if b > 0x7F and b != 0x80) and b"\x93" in raw
    text, enc = decode_text(raw)
    assert (text, enc) == ("“Tryghed” – og ‘samarbejde’ … €", "cp1252")


def test_danish_dos_codepage_and_double_encoded_utf8() -> None:
    text = "Mødet på Ærø: Børne- og Ungeudvalget, Åbenrå"
    assert decode_text(text.encode("cp865")) == (text, "cp865")
    assert decode_text(text.encode("utf-8").decode("cp1252").encode("utf-8"))[0] == text


def test_markdown_keeps_line_numbers(tmp_path: Path) -> None:
    """Heading and bold marks go, the words and every line number stay."""
    f = tmp_path / "referat.md"
    text = "# Referat\n\n**Afbud:** Ib Berg\n\nPunkt 1: samarbejdet med kom-\nmunerne  \n"
    f.write_text(text, encoding="utf-8")
    src = read_source(f)
    assert src.file_format == "md"
    assert src.lines == ["Referat", "", "Afbud: Ib Berg", "", "Punkt 1: samarbejdet med kommunerne", "", ""]


def test_sourcetext_fields_backward_compatible(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    src = read_source(f)
    assert isinstance(src, SourceText)
    assert (src.name, src.path, len(src.sha256 or "")) == ("a.txt", str(f), 64)
    assert src.lines == TEXT.split("\n")
    assert SourceText("x", "a\nb").lines == ["a", "b"]  # positional construction still works


@pytest.mark.parametrize(("content", "suffix", "reason"), [
    (b"", ".txt", "file is empty"),
    (b"  \n\r\n ", ".txt", "file is empty"),
    (b"Referat\nlinje to\nbin\x00\x01\x02\x03", ".txt", "binary content (NUL byte)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), ".png", "unsupported file type: PNG image"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), ".txt", "unsupported file type: PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), ".doc", "legacy Office file"),
    (b"{\\rtf1\\ansi Referat}", ".rtf", "RTF document"),
    (b"Navn;Titel\nAnne;Borgmester\n", ".csv", "unsupported file type '.csv'"),
    (b"Referat som tekst", ".pdf", "not a PDF"),
    (b"Referat som tekst", ".docx", "not a DOCX"),
])
def test_bad_input_is_one_clear_line(tmp_path: Path, content: bytes, suffix: str, reason: str) -> None:
    f = tmp_path / f"fil{suffix}"
    f.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_source(f)
    msg = str(err.value)
    assert msg.startswith(str(f) + ": ") and reason in msg
    assert "\n" not in msg


def test_nul_byte_error_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(b"linje 1\nlinje 2\nlinje \x00 3\n")
    with pytest.raises(DocumentError) as err:
        read_source(f)
    assert err.value.line == 3 and str(err.value).endswith("(line 3)")


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "stor.txt"
    f.write_bytes(b"Referat " * 2000)
    with pytest.raises(DocumentError, match=r"16,000 bytes, over the limit of 10,000"):
        read_source(f, max_bytes=10_000)
    assert read_source(f, max_bytes=20_000).text.startswith("Referat")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read file"):
        read_source(tmp_path / "findes-ikke.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        read_source(tmp_path)


def test_content_beats_suffix_html_in_txt(tmp_path: Path) -> None:
    f = tmp_path / "gemt.txt"
    f.write_text("<!DOCTYPE html><html><body><p>Referat</p><script>x()</script></body></html>",
                 encoding="utf-8")
    src = read_source(f)
    assert (src.file_format, src.text) == ("html", "Referat")


def test_cli_import_does_not_load_parsers() -> None:
    code = ("import sys, kg.sources, kg.formats, kg.text; "
            "print(sorted(m for m in ('pypdf', 'docx', 'bs4', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present at ../shared/corpus")
def test_shared_corpus_reads_unchanged_apart_from_trailing_spaces_and_markdown_marks() -> None:
    from kg.text import strip_markdown

    for f in sorted(CORPUS.glob("*.txt")):
        raw = strip_markdown(f.read_text(encoding="utf-8")).split("\n")
        src = read_source(f)
        assert src.lines == [line.rstrip() for line in raw], f.name


_PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html>", b"\xef\xbb\xbf",
                             b"\xff\xfe", "Referat æøå\n".encode("cp1252")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=_PREFIXES, body=st.binary(max_size=600),
       suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".xlsx", ""]))
def test_property_any_bytes_give_text_or_document_error(tmp_path: Path, prefix: bytes, body: bytes,
                                                       suffix: str) -> None:
    f = tmp_path / f"hyp{suffix}"
    f.write_bytes(prefix + body)
    try:
        src = read_source(f, timeout=10)
    except DocumentError as err:
        assert "\n" not in str(err) and str(err).startswith(str(f))
    else:
        assert isinstance(src, SourceText) and src.text.strip()
        assert "\x00" not in src.text and "\r" not in src.text


def test_utf8_with_stray_cp1252_bytes_keeps_the_utf8() -> None:
    raw = "Møde i Tønder og Ærø. ".encode() + "“citat” – slut".encode("cp1252")
    assert decode_text(raw) == ("Møde i Tønder og Ærø. “citat” – slut", "utf-8 (with stray cp1252 bytes)")


def test_parser_messages_spanning_lines_become_one_line(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.formats import text as text_format

    def multi_line(data: bytes, path: str) -> None:
        raise DocumentError(path, "første linje\nanden linje")

    monkeypatch.setattr(text_format, "read", multi_line)
    f = tmp_path / "a.txt"
    f.write_text("Referat", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        read_source(f)
    assert err.value.reason == "første linje anden linje"
