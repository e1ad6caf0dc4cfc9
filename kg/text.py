"""Shared text clean-up for every source format: the one place that repairs typographic artefacts.

Three layers, used by :mod:`kg.sources` and the format readers in :mod:`kg.formats`:

* :func:`normalize_chars` — character level, never changes the number of lines: Unicode NFC
  (a decomposed ``a`` + ring becomes ``å``), non-breaking and other odd spaces become a space, soft
  hyphens and zero-width characters vanish, ligatures (``ﬁ``, ``ﬂ`` …) are spelled out, Word's
  private-use bullets become ``•``, line separators become ``\\n``. Smart quotes and dashes
  (“ ” ‘ ’ « » – —) are *kept*: they are part of the text.
* :func:`join_hyphenated` — words hyphenated across a line break (orddeling) are joined:
  ``kom-\\nmuner`` → ``kommuner``, while Danish suspended compounds keep their hyphen
  (``Børne-\\nog Ungeudvalget`` → ``Børne- og Ungeudvalget``) and real hyphens before a capital or
  after an acronym stay (``Ringkøbing-\\nSkjern`` → ``Ringkøbing-Skjern``, ``SSP-\\nsamarbejdet``).
* :func:`strip_page_furniture` — PDF page headers, footers and page numbers: lines repeating at the
  top or bottom of most pages (digits that follow the page number are allowed to vary, so
  ``Referat – side 3 af 7`` is recognised), ``Side 3 af 7``, ``3/7``, ``- 3 -`` and lone page numbers.

With ``keep_lines=True`` (plain-text files, whose line numbers a user can look up in an editor)
nothing changes the line count: removed furniture becomes an empty line and a hyphenated word is
completed on the first line, its tail taken off the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

#: characters replaced one for one (spaces, hyphens, bullets, line separators, ligatures)
_REPLACE = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u205f": " ",
    "\u3000": " ", "\u1680": " ",
    "\u2011": "-", "\u2010": "-",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\x0b": "\n",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
    "\ufb06": "st",
    "\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "✓", "\uf02d": "-",
}
#: characters removed (soft hyphen, zero-width space/joiners, word joiner, stray BOM, C0 controls)
_DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff" + "".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\f")
_TABLE = str.maketrans({**_REPLACE, **dict.fromkeys(_DROP)})
#: any character of the table (``str.translate`` is slow on non-ASCII text; most texts need none)
_IN_TABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")

#: the words after which a line-final hyphen is a suspended compound (Børne- og Ungeudvalget)
SUSPENDED_JOINERS = frozenset({"og", "eller", "samt", "and", "or", "&"})

_HYPHEN_END = re.compile(r"(?P<head>\w*[^\W\d_]{2})-$")
_FIRST_WORD = re.compile(r"^(?P<word>[^\s]+)(?P<rest>.*)$")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:side|page|pag\.|s\.)\s*)?(?P<n>\d{1,4})"
    r"(?:\s*(?:af|of|/|ud af)\s*(?P<m>\d{1,4}))?[-–—\s]*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_ZONE = 3  # lines at the top and bottom of a page that may be furniture


def normalize_chars(text: str) -> str:
    """Character-level clean-up (NFC, spaces, soft hyphens, ligatures, CR/LF); line count unchanged
    except that ``\\r\\n``/``\\r`` and Unicode line separators become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _IN_TABLE.search(text):
        text = text.translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    return "\n".join([line.rstrip() for line in text.split("\n")])


def _is_upper_or_acronym(head: str) -> bool:
    """True if the part before a line-final hyphen is an acronym or ends in a digit (SSP-, IT-)."""
    last = head.split()[-1] if head.split() else head
    return len(last) <= 5 and last.isupper()


def _join_pair(head: str, tail_word: str) -> str:
    """How ``head-`` and the next line's first word join: the joined text of the word."""
    if tail_word.lower().rstrip(".,;:") in SUSPENDED_JOINERS:
        return f"{head}- {tail_word}"
    if tail_word[:1].isupper() or tail_word[:1].isdigit() or _is_upper_or_acronym(head):
        return f"{head}-{tail_word}"
    return f"{head}{tail_word}"


def join_hyphenated(text: str, keep_lines: bool = False) -> str:
    """Join words hyphenated across a line break (see module docstring for the rules).

    A line qualifies when it ends in two or more letters and ``-`` and the next line starts with
    a letter or digit. Without ``keep_lines`` the two lines become one; with it, the completed
    word ends the first line and the rest stays on the second.
    """
    if "-\n" not in text and not text.endswith("-"):  # no line ends in a hyphen: nothing to join
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.endswith("-"):
            out.append(line)
            i += 1
            continue
        cut = max(0, len(line) - 80)  # a word is never longer; keeps the search linear
        m = _HYPHEN_END.search(line, cut)
        nxt = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        fw = _FIRST_WORD.match(nxt) if m else None
        if not m or not fw or not (nxt[:1].isalnum() or nxt[:1] == "&"):
            out.append(line)
            i += 1
            continue
        word, rest = fw.group("word"), fw.group("rest")
        joined = line[: m.start("head")] + _join_pair(m.group("head"), word)
        if keep_lines:
            out.append(joined)
            lines[i + 1] = rest.lstrip()
            i += 1
        else:
            lines[i + 1] = joined + rest
            i += 1
    return "\n".join(out)


def _furniture_key(line: str) -> str:
    """Comparison key of a candidate header/footer line: case, spacing and digits ignored."""
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _zone_indexes(lines: Sequence[str]) -> list[int]:
    """Indexes of the first and last few non-empty lines of a page."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return sorted(set(filled[:_ZONE] + filled[-_ZONE:]))


def _zone_slots(lines: Sequence[str]) -> list[tuple[str, int, int]]:
    """(side, rank from that edge, line index) for the top and bottom few non-empty lines."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    top = [("top", r, i) for r, i in enumerate(filled[:_ZONE])]
    bottom = [("bottom", r, i) for r, i in enumerate(reversed(filled[-_ZONE:]))]
    return top + bottom


def _numbers_follow_pages(occurrences: list[tuple[int, str]]) -> bool:
    """True if, in every occurrence, some number equals the page index plus one constant offset."""
    offsets: set[int] | None = None
    for page, line in occurrences:
        found = {int(d) - page for d in _DIGITS.findall(line)}
        offsets = found if offsets is None else offsets & found
        if not offsets:
            return False
    return bool(offsets)


def _repeated_lines(pages: Sequence[list[str]]) -> set[tuple[int, int]]:
    """(page, line) positions of running headers/footers.

    A line is furniture when the same text (digits may follow the page number) stands at the
    same distance from the top or bottom edge on at least half the pages, and on two or more.
    """
    groups: dict[tuple[str, int, str], list[tuple[int, int, str]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        for side, rank, i in _zone_slots(lines):
            groups[(side, rank, _furniture_key(lines[i]))].append((p, i, lines[i]))
    need = max(2, (len(pages) + 1) // 2)
    found: set[tuple[int, int]] = set()
    for occ in groups.values():
        if len({p for p, _, _ in occ}) < need:
            continue
        exact = len({" ".join(o[2].split()).casefold() for o in occ}) == 1
        if exact or _numbers_follow_pages([(p, ln) for p, _, ln in occ]):
            found.update((p, i) for p, i, _ in occ)
    return found


def _is_page_number(line: str, n_pages: int) -> bool:
    """``Side 3 af 7``, ``3/7``, ``- 3 -``, ``Page 3`` or a lone number no larger than the page count."""
    m = _PAGE_NUMBER.match(line.strip())
    if not m:
        return False
    if m.group("m") or not line.strip().isdigit():
        return True
    return 1 <= int(m.group("n")) <= n_pages + 20


def strip_page_furniture(pages: Sequence[str], keep_lines: bool = False) -> list[str]:
    """Remove running headers, footers and page numbers from a document's pages.

    Only the top and bottom few lines of each page are candidates, and a repeated line must be
    found on at least half the pages (and at least two), so body text is never touched.
    """
    split = [p.split("\n") for p in pages]
    drop = _repeated_lines(split) if len(split) > 1 else set()
    out = []
    for p, lines in enumerate(split):
        zone = set(_zone_indexes(lines))
        kept = []
        for i, line in enumerate(lines):
            furniture = (p, i) in drop or (i in zone and _is_page_number(line, len(split)))
            if not furniture:
                kept.append(line)
            elif keep_lines:
                kept.append("")
        out.append("\n".join(kept))
    return out


_COLUMN_GAP = re.compile(r"\S(?: {3,})(?=\S)")


def layout_to_lines(page: str) -> str:
    """A page in pypdf's layout mode (characters on a grid) to lines: a run of three or more
    spaces between words is a column gap and becomes TAB, so a PDF table row reads
    ``name<TAB>title<TAB>organisation`` like a DOCX or HTML row; indentation is dropped, and
    blank lines between consecutive table rows (cell padding) are removed."""
    out: list[str] = []
    for raw in page.split("\n"):
        line = raw.strip()
        if _COLUMN_GAP.search(line):
            line = "\t".join(re.split(r" {3,}", line))
        out.append(line)
    for i in range(len(out) - 2, 0, -1):
        if not out[i] and "\t" in out[i - 1] and i + 1 < len(out) and "\t" in out[i + 1]:
            del out[i]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


def collapse_blank_lines(text: str) -> str:
    """At most one empty line in a row, none at the start or end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def clean_pages(pages: Sequence[str]) -> str:
    """A paged document (PDF) to clean text: furniture removed, pages joined by a blank line,
    hyphenation joined (also across a page break), blank lines collapsed."""
    pages = [normalize_chars(p).strip("\n") for p in pages]
    body = [p.strip("\n") for p in strip_page_furniture(pages)]
    text = "\n\n".join(p for p in body if p.strip())
    text = _join_across_page_breaks(text)
    return collapse_blank_lines(join_hyphenated(text))


def _join_across_page_breaks(text: str) -> str:
    """``kom-`` at the end of one page and ``muner`` at the start of the next: drop the blank line."""
    return re.sub(r"(\w[^\W\d_]-)\n\n(?=[^\W\d_])", r"\1\n", text)


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|__")


def strip_markdown(text: str) -> str:
    """Drop Markdown heading marks and bold markers (``## 2. Punkt``, ``**Afbud:**``), keeping the
    words and every line where it was, so secretariats' Markdown reads like their plain text."""
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "**" in text or "__" in text:
        text = _MD_STRONG.sub("", text)
    return text


def clean_text(text: str, keep_lines: bool = False) -> str:
    """Clean a whole text (any format). Form feeds (``\\f``, pdftotext's page breaks) split pages
    for furniture removal. ``keep_lines`` keeps line numbers those of the original file."""
    text = strip_markdown(normalize_chars(text))
    if "\f" in text:
        pages = strip_page_furniture(text.split("\f"), keep_lines=keep_lines)
        text = "".join(pages) if keep_lines else "\n\n".join(pages)
    text = join_hyphenated(text, keep_lines=keep_lines)
    return text if keep_lines else collapse_blank_lines(text)
