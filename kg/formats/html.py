"""HTML: minutes saved from a kommune website, through BeautifulSoup (lxml, else html.parser).

Charset: a byte-order mark wins, then ``<meta charset>`` / ``http-equiv`` in the first 4 KB
(``iso-8859-1`` and ``us-ascii`` mean Windows-1252, as browsers read them), then the detection of
plain-text files. Page chrome is dropped (``script``, ``style``, ``nav``, ``header``, ``footer``,
``aside``, forms' buttons …); if the page has one ``<main>`` (or ``role="main"``) with text, only
that is read. Block elements become lines, ``<br>`` a line break, table rows one line with cells
joined by TAB, ordered-list items get their number ("1. ") as a browser shows it; entities are
decoded by the parser.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from kg.errors import DocumentError
from kg.formats.limits import Extracted
from kg.formats.text import check_not_binary, decode_text
from kg.text import clean_text

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii"}
DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe",
        "svg", "button", "select", "head", "object", "embed", "canvas", "dialog")
PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote",
                        "pre", "figure", "hr", "address"})
BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "ul", "center", "tbody", "thead",
    "tfoot", "html"})


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode HTML bytes by BOM, then declared charset, then text detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, path)
    m = _META.search(data[:4096])
    if m:
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = None
        if name:
            name = "cp1252" if name in _AS_CP1252 else name
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    return decode_text(data, path)


class _Writer:
    """Collects text and breaks while walking the tree.

    Block boundaries are *soft* breaks (1 = new line, 2 = blank line, as between paragraphs) that
    merge with their neighbours and swallow the whitespace between them; ``<br>`` is a hard line
    break that always counts.
    """

    def __init__(self) -> None:
        self.parts: list[str | int] = []

    def text(self, s: str) -> None:
        self.parts.append(s)

    def newline(self, level: int = 1) -> None:
        self.parts.append(level)

    def result(self) -> str:
        out: list[str] = []
        pending = 0
        for part in self.parts:
            if isinstance(part, int):
                pending = max(pending, part)
            elif part.strip(" \t") or part == "\n":
                if pending and out:
                    out.append("\n" * pending)
                pending = 0
                out.append(part)
            elif not pending:
                out.append(part)
        return "".join(out)


def _inline(s: str) -> str:
    """Collapse HTML whitespace in a text node (as a browser does outside ``<pre>``)."""
    return re.sub(r"[ \t\r\n\f]+", " ", s)


def _cell_text(cell: Any) -> str:
    """A table cell on one line."""
    w = _Writer()
    _walk(cell, w)
    return " ".join(w.result().split())


def _row(tr: Any, w: _Writer) -> None:
    """One table row: its cells joined by TAB."""
    cells = [_cell_text(c) for c in tr.find_all(["td", "th"], recursive=False)]
    if any(cells):
        w.newline()
        w.text("\t".join(cells))
        w.newline()


def _list_item(li: Any, w: _Writer) -> None:
    """A list item; in an ``<ol>`` prefixed by its number."""
    parent = li.parent
    prefix = ""
    if parent is not None and parent.name == "ol":
        try:
            start = int(parent.get("start", 1))
        except (TypeError, ValueError):
            start = 1
        index = [c for c in parent.find_all("li", recursive=False)].index(li)
        prefix = f"{start + index}. "
    w.newline()
    w.text(prefix)
    _walk(li, w)
    w.newline()


def _walk(node: Any, w: _Writer) -> None:
    """Render the children of ``node`` as text."""
    from bs4 import Comment, NavigableString, Tag

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            pre = child.find_parent("pre") is not None
            w.text(str(child) if pre else _inline(str(child)))
        elif isinstance(child, Tag):
            _element(child, w)


def _element(tag: Any, w: _Writer) -> None:
    """Render one element."""
    name = tag.name
    if name == "br":
        w.text("\n")
    elif name == "tr":
        _row(tag, w)
    elif name == "li":
        _list_item(tag, w)
    elif name in ("td", "th"):  # a cell outside a row (broken markup)
        w.text(_cell_text(tag) + "\t")
    elif name in BLOCKS:
        level = 2 if name in PARAGRAPHS else 1
        w.newline(level)
        _walk(tag, w)
        w.newline(level)
    else:
        _walk(tag, w)


def _content_root(soup: Any) -> Any:
    """The page's single ``<main>`` if it has text, else the body (or the whole document)."""
    mains = soup.find_all("main") or soup.find_all(attrs={"role": "main"})
    if len(mains) == 1 and mains[0].get_text(strip=True):
        return mains[0]
    return soup.body or soup


def _soup(text: str) -> Any:
    """Parse with lxml when installed, else Python's html.parser."""
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(text, "lxml")
    except Exception:  # noqa: BLE001 - bs4.FeatureNotFound when lxml is missing
        return BeautifulSoup(text, "html.parser")


def preload() -> None:
    """Import the parser library in the parent process (forked workers then start fast)."""
    import bs4  # noqa: F401

    try:
        import lxml  # noqa: F401
    except ImportError:
        pass


def read(data: bytes, path: str) -> Extracted:
    """Read the visible text of a web page (see the module docstring)."""
    text, encoding = decode_html(data, path)
    check_not_binary(text, path, "HTML file")
    soup = _soup(text)
    for tag in soup.find_all(DROP):
        tag.decompose()
    w = _Writer()
    root = _content_root(soup)
    _walk(root, w) if root is not soup.body else _element(root, w)
    lines = [line.strip(" ") for line in w.result().split("\n")]
    out = clean_text("\n".join(lines))
    if not out.strip():
        raise DocumentError(path, "no visible text in the HTML page")
    return Extracted(out, encoding)
