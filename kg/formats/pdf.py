"""PDF: the text layer through pypdf, cleaned by :func:`kg.text.clean_pages`.

Runs under the time and memory limits of :mod:`kg.formats.limits` (in-process for small files).
Nearly all of the time (≈6 ms for a two-page generated referat) is pypdf's layout-mode
extraction; the checks below are written not to add to it. Checks, in order: the ``%%EOF``
marker (a cut-off download is reported, not half read), encryption (the empty user password is
tried first, as viewers do), the page budget, then each page's text; a document whose pages
carry (almost) no letters has no text layer (a scan), and one whose text is mostly control or
private-use characters has fonts without a Unicode mapping. Pages without text in an otherwise
readable PDF are named in the warnings.
"""

from __future__ import annotations

import io
import itertools
import unicodedata

from kg.errors import DocumentError
from kg.formats.limits import Extracted, one_line
from kg.text import clean_pages, layout_to_lines

MAX_PAGES = 2000
MAX_CHARS = 20_000_000  #: extracted characters over all pages
MIN_LETTERS = 20  #: fewer letters than this in the whole document: no text layer


def _open(data: bytes, path: str):  # -> pypdf.PdfReader
    """Open and, if needed, decrypt with the empty password."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(path, "truncated PDF: no %%EOF marker at the end (incomplete download?)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, "encrypted PDF: a password is needed to read the text")
    except (FileNotDecryptedError, DependencyError) as exc:
        raise DocumentError(path, f"encrypted PDF: cannot decrypt ({one_line(exc)})") from None
    except PdfReadError as exc:
        raise DocumentError(path, f"corrupt PDF: {one_line(exc)}") from None
    return reader


def extract_pages(data: bytes, path: str) -> list[str]:
    """The raw text of each page, within the page and character budgets."""
    reader = _open(data, path)
    try:
        n_pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001 - broken page trees raise all sorts
        raise DocumentError(path, f"corrupt PDF: cannot read the page tree ({type(exc).__name__})") from None
    if n_pages == 0:
        raise DocumentError(path, "corrupt PDF: no pages")
    if n_pages > MAX_PAGES:
        raise DocumentError(path, f"PDF has {n_pages:,} pages, over the limit of {MAX_PAGES:,}")
    pages, total = [], 0
    for number, page in enumerate(reader.pages, start=1):
        text = _page_text(page)
        total += len(text)
        if total > MAX_CHARS:
            raise DocumentError(path, f"PDF text exceeds {MAX_CHARS:,} characters (at page {number})")
        pages.append(text)
    return pages


def _page_text(page: object) -> str:
    """A page's text in layout mode (keeps blank lines between blocks and table columns, see
    :func:`kg.text.layout_to_lines`); pypdf's plain mode if layout mode fails on the page."""
    try:
        return layout_to_lines(page.extract_text(extraction_mode="layout") or "")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - layout mode is the younger code path in pypdf
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _unmapped_share(text: str) -> float:
    """Share of non-space characters that are controls, private-use or U+FFFD (unmapped fonts)."""
    chars = "".join(text.split())  # str.split() drops exactly the characters str.isspace() is true for
    if not chars:
        return 0.0
    if chars.isprintable():  # no control, private-use or unassigned character: only U+FFFD counts
        bad = chars.count("\ufffd")
    else:
        bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    return bad / len(chars)


def _has_letters(text: str, count: int) -> bool:
    """True when ``text`` has at least ``count`` letters (stops counting there)."""
    return sum(1 for _ in itertools.islice(filter(str.isalpha, text), count)) >= count


def preload() -> None:
    """Import the parser library and the modules it imports on first use (``pypdf.filters``
    pulls in ``subprocess``) in the parent process, so that forked children start warm."""
    import pypdf  # noqa: F401
    import pypdf.filters  # noqa: F401


def read(data: bytes, path: str) -> Extracted:
    """Read a PDF's text layer: furniture removed, hyphenation joined, pages split by a blank line."""
    pages = extract_pages(data, path)
    raw = "".join(pages)
    if not _has_letters(raw, MIN_LETTERS):
        raise DocumentError(path, f"no text layer (scanned?): {len(pages)} page(s) without extractable text")
    if _unmapped_share(raw) > 0.3:
        raise DocumentError(path, "unreadable text layer: the fonts have no Unicode mapping")
    empty = [str(i) for i, p in enumerate(pages, start=1) if not p.strip()]
    warnings = [f"page(s) {', '.join(empty)} have no text layer (scanned?)"] if empty else []
    return Extracted(clean_pages(pages), None, warnings)
