"""PDF reading on real PDFs made with fpdf2: text layer, furniture, hyphenation, bad PDFs, limits."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.formats import limits, pdf
from kg.sources import read_source

makers = pytest.importorskip("fixtures.files.makers")
pytest.importorskip("fpdf")
if not makers.DEJAVU.exists():
    pytest.skip(f"DejaVu font not found at {makers.DEJAVU}", allow_module_level=True)


@pytest.fixture()
def minutes_pdf(tmp_path: Path) -> Path:
    return makers.make_pdf(tmp_path / "referat.pdf")


def test_pdf_text_danish_letters_and_lines(minutes_pdf: Path) -> None:
    src = read_source(minutes_pdf)
    assert (src.file_format, src.encoding, src.warnings) == ("pdf", None, [])
    for name, title, _ in makers.ATTENDEES:
        assert f"{name}, {title}" in src.lines
    assert "Referent: Lise Kjær" in src.lines


def test_pdf_header_footer_and_page_numbers_removed(minutes_pdf: Path) -> None:
    text = read_source(minutes_pdf).text
    assert makers.PDF_HEADER not in text
    assert "Side " not in text and " af 3" not in text


def test_pdf_hyphenation_joined_and_suspended_compounds_kept(minutes_pdf: Path) -> None:
    text = read_source(minutes_pdf).text
    assert "kommunerne i politikredsen" in text and "kom-" not in text
    assert "herunder Børne- og Ungeudvalgets arbejde" in text
    assert "SSP-samarbejdet" in text


def test_pdf_pages_joined_by_blank_line(minutes_pdf: Path) -> None:
    lines = read_source(minutes_pdf).lines
    first_of_page = [body[0] for body in makers.PDF_PAGES]
    for title in first_of_page[1:]:
        i = lines.index(title)
        assert lines[i - 1] == "" and lines[i - 2] != ""


def test_pdf_recognised_by_content_whatever_the_suffix(tmp_path: Path, minutes_pdf: Path) -> None:
    moved = tmp_path / "referat.bin.txt"
    moved.write_bytes(minutes_pdf.read_bytes())
    assert read_source(moved).file_format == "pdf"


def test_encrypted_pdf_with_password(tmp_path: Path) -> None:
    f = makers.make_pdf(tmp_path / "hemmelig.pdf", password="kode123")
    with pytest.raises(DocumentError, match=r"encrypted PDF: a password is needed") as err:
        read_source(f)
    assert str(err.value).startswith(str(f))


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    f = makers.make_pdf(tmp_path / "beskyttet.pdf", password="")
    assert b"/Encrypt" in f.read_bytes()
    assert "Referent: Lise Kjær" in read_source(f).lines


def test_truncated_pdf(tmp_path: Path, minutes_pdf: Path) -> None:
    data = minutes_pdf.read_bytes()
    cut = tmp_path / "afbrudt.pdf"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(DocumentError, match="truncated PDF"):
        read_source(cut)


def test_corrupt_pdf_body(tmp_path: Path) -> None:
    f = tmp_path / "ødelagt.pdf"
    f.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 300 + b"\n%%EOF\n")
    with pytest.raises(DocumentError) as err:
        read_source(f)
    assert "PDF" in err.value.reason and "\n" not in str(err.value)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    f = makers.make_blank_pdf(tmp_path / "scannet.pdf", pages=2)
    with pytest.raises(DocumentError, match=r"no text layer \(scanned\?\)"):
        read_source(f)


def test_pdf_with_some_scanned_pages_warns(tmp_path: Path) -> None:
    pages = [makers.PDF_PAGES[0], [], makers.PDF_PAGES[2]]
    f = makers.make_pdf(tmp_path / "blandet.pdf", pages=pages, header=None, footer=False)
    src = read_source(f)
    assert src.warnings == ["page(s) 2 have no text layer (scanned?)"]
    assert "Referent: Lise Kjær" in src.lines


def test_pdf_page_limit(tmp_path: Path, minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(DocumentError, match=r"PDF has 3 pages, over the limit of 2"):
        read_source(minutes_pdf)


def _slow_pages(data: bytes, path: str) -> list[str]:
    time.sleep(30)
    return ["never"]


def _pid_pages(data: bytes, path: str) -> list[str]:
    return [f"Referatet er læst af processen {os.getpid()}"]


def _greedy_pages(data: bytes, path: str) -> list[str]:
    block = bytearray(1024**3)  # over the headroom the tests set: refused, never touched
    return [f"Referatet fylder {len(block)} bytes i hukommelsen"]


@pytest.fixture()
def fork_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: parsed in a forked child."""
    monkeypatch.setattr(limits, "FORK_MIN_BYTES", 0)


def test_small_files_are_parsed_in_process(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "extract_pages", _pid_pages)
    assert minutes_pdf.stat().st_size < limits.FORK_MIN_BYTES
    assert read_source(minutes_pdf).text.endswith(f" {os.getpid()}")
    monkeypatch.setattr(limits, "FORK_MIN_BYTES", minutes_pdf.stat().st_size)
    child = read_source(minutes_pdf).text.rsplit(" ", 1)[1]
    assert child.isdigit() and int(child) != os.getpid()


def test_pdf_time_limit_kills_the_worker(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch,
                                         fork_always: None) -> None:
    monkeypatch.setattr(pdf, "extract_pages", _slow_pages)
    start = time.monotonic()
    with pytest.raises(DocumentError, match=r"parsing took longer than the limit of 1 s") as err:
        read_source(minutes_pdf, timeout=1)
    assert time.monotonic() - start < 10
    assert str(err.value).startswith(str(minutes_pdf)) and "PDF" in str(err.value)


def _slow_parse_is_stopped_in_process(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow parser is stopped by SIGALRM within the limit; the next parse works, no alarm is left."""
    monkeypatch.setattr(pdf, "extract_pages", _slow_pages)
    start = time.monotonic()
    with pytest.raises(DocumentError, match="longer than the limit of 0.5 s"):
        read_source(minutes_pdf, timeout=0.5)
    assert time.monotonic() - start < 10
    monkeypatch.undo()
    assert read_source(minutes_pdf).file_format == "pdf"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.6)


def test_pdf_time_limit_in_process(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small file is parsed here; SIGALRM stops a slow parser, and the alarm is gone afterwards."""
    _slow_parse_is_stopped_in_process(minutes_pdf, monkeypatch)


def test_callers_own_timer_survives_an_in_process_parse(minutes_pdf: Path) -> None:
    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        fired.append(signum)

    old = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        assert read_source(minutes_pdf).file_format == "pdf"
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < left <= 30
        assert signal.getsignal(signal.SIGALRM) is handler and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_pdf_time_limit_in_process_fallback(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch,
                                            fork_always: None) -> None:
    """Without fork even a large file is parsed here, and SIGALRM still stops a slow parser."""
    monkeypatch.setattr(limits, "can_fork", lambda: False)
    _slow_parse_is_stopped_in_process(minutes_pdf, monkeypatch)


def test_pdf_time_limit_off_the_main_thread(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server thread cannot use SIGALRM: even a small file goes to a child that is killed."""
    monkeypatch.setattr(pdf, "extract_pages", _slow_pages)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_source(minutes_pdf, timeout=1)
        except DocumentError as exc:
            errors.append(exc)

    worker = threading.Thread(target=read)
    start = time.monotonic()
    worker.start()
    worker.join(20)
    assert not worker.is_alive() and time.monotonic() - start < 10
    assert len(errors) == 1 and "parsing took longer than the limit of 1 s" in str(errors[0])


@pytest.mark.parametrize("where", ["in-process", "child"])
def test_pdf_memory_limit(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_AS)
    monkeypatch.setattr(limits, "MEMORY_HEADROOM", 256 * 1024**2)
    if where == "child":
        monkeypatch.setattr(limits, "FORK_MIN_BYTES", 0)
    monkeypatch.setattr(pdf, "extract_pages", _greedy_pages)
    with pytest.raises(DocumentError, match=r"cannot read PDF: out of memory while parsing"):
        read_source(minutes_pdf)
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the cap is lifted after the parse
    monkeypatch.setattr(limits, "MEMORY_HEADROOM", 4 * 1024**3)
    assert f"fylder {1024**3} bytes" in read_source(minutes_pdf).text


def test_parser_crash_in_worker_is_reported(minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch,
                                            fork_always: None) -> None:
    monkeypatch.setattr(pdf, "extract_pages", lambda data, path: os._exit(3))
    with pytest.raises(DocumentError, match=r"the parser crashed \(exit code 3\)"):
        read_source(minutes_pdf)


@pytest.mark.parametrize("where", ["in-process", "child"])
def test_unexpected_parser_exception_becomes_document_error(
        minutes_pdf: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    if where == "child":
        monkeypatch.setattr(limits, "FORK_MIN_BYTES", 0)

    def boom(data: bytes, path: str) -> list[str]:
        raise KeyError("/Kids")

    monkeypatch.setattr(pdf, "extract_pages", boom)
    with pytest.raises(DocumentError, match=r"cannot read PDF: KeyError: '/Kids'"):
        read_source(minutes_pdf)


def test_pdf_table_rows_become_tab_separated_lines(tmp_path: Path) -> None:
    lines = read_source(makers.make_table_pdf(tmp_path / "tabel.pdf")).lines
    i = lines.index("Navn\tTitel\tOrganisation")
    assert lines[i + 1: i + 1 + len(makers.ATTENDEES)] == ["\t".join(r) for r in makers.ATTENDEES]
    assert lines[i - 1] == "" and lines[i - 2] == "Tilstede var:"  # the gap before the table is kept
    assert lines[i + 1 + len(makers.ATTENDEES)] == ""
