"""The council (råd) a document belongs to: kind, police district, kommune; and the meeting place.

The kind comes from the heading ("Referat af kredsrådsmøde …", "Lokalrådet i Billund kommune",
"Fælles kredsrådsmøde"); the kommune from the heading ("… i Struer Kommune", "… i Billund") or the
text's most named kommune; the district from the district names in the text, else from the
kommune via :mod:`kg.loaders.reference`.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.loaders import reference
from kg.record import Council

_FAELLES = re.compile(r"fælles\s*[-–]?\s*kredsråd|kredsrådets\s+fællesmøde|fællesmøde\s+i\s+kredsrådet",
                      re.IGNORECASE)
_KREDS = re.compile(r"kredsråd|kredsraad", re.IGNORECASE)
_LOKAL = re.compile(r"lokalråd|lokalraad", re.IGNORECASE)
_PLACE = re.compile(
    r"\b(?:mødet?|møde\s+nr\.\s*[\d/]+\s+i\s+\w+,?)\s+(?:blev\s+)?"
    r"(?:afholdt|holdt|fandt\s+sted|afvikledes|afvikles)"
    r"(?:\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))?(?:\s+(?:den|d\.)\s+\d{1,2}\.?\s*(?:\w+|\d{1,2}\.?)\s+\d{4}(?:\s+kl\.\s*[\d.:]+)?)?\s+(?:på|i|hos)\s+"
    r"(?P<place>[^.\n]{2,80})",
    re.IGNORECASE,
)
_MOEDESTED = re.compile(r"^\s*(?:mødested|sted)\s*:\s*(?P<place>.+)$", re.IGNORECASE | re.MULTILINE)
_HEAD_PLACE = re.compile(r"møde\w*\s+(?:i|på)\s+(?P<place>[A-ZÆØÅ][\w-]*(?:\s+[Kk]ommune)?)")
_DATE_TAIL = re.compile(r"\s+(?:den|d\.)\s+\d.*$|\s+\d{1,2}[./].*$", re.IGNORECASE)


def heading(lines: list[str], n: int = 4) -> str:
    """The first ``n`` non-empty lines, joined (the document's title block)."""
    out: list[str] = []
    for ln in lines:
        if len(out) == n:
            break
        if ln := ln.strip():
            out.append(ln)
    return "\n".join(out)


def council_kind(head: str, default: str) -> str:
    """kredsraad / lokalraad / faelles-kredsraad from the title block, else ``default``."""
    top = "\n".join(head.split("\n")[:2])
    if _FAELLES.search(top) or (re.search(r"\bfælles", top, re.I) and _KREDS.search(top)):
        return "faelles-kredsraad"
    lokal, kreds = _LOKAL.search(head), _KREDS.search(head)
    if lokal and (not kreds or lokal.start() < kreds.start()):
        return "lokalraad"
    if kreds:
        return "kredsraad"
    return default


def _bare_kommune(text: str) -> str | None:
    """A kommune named in ``text`` with or without the word "Kommune" ("møde i Billund")."""
    found = reference.find_kommuner(text)
    if found:
        return found[0][1]
    for m in re.finditer(r"\b(?:i|for|på)\s+([A-ZÆØÅ][\w-]+)", text):
        canon = reference.canonical_kommune(m.group(1))
        if canon:
            return canon
    return None


def find_kommune(head: str, text: str) -> str | None:
    """The kommune in the title block, else the one the text names most as "X Kommune"."""
    found = _bare_kommune(head)
    if found:
        return found
    counts = Counter(k for _, k in reference.find_kommuner(text))
    return counts.most_common(1)[0][0] if counts else None


def find_district(text: str, kommune: str | None) -> str | None:
    """The district the text names (the kommune's own first), else the kommune's district."""
    named = Counter(d for _, d in reference.find_districts(text))
    own = reference.district_of(kommune)
    if own and own in named:
        return own
    if named:
        return named.most_common(1)[0][0]
    if own:
        return own
    by_kommune = Counter(reference.district_of(k) for _, k in reference.find_kommuner(text))
    return by_kommune.most_common(1)[0][0] if by_kommune else None


_MAYOR = re.compile(r"borgmester", re.IGNORECASE)
_MAYOR_OF = re.compile(r"borgmester\w*\s*,\s*([A-ZÆØÅ][\w-]+)|\(([A-ZÆØÅ][\w-]+)\)", re.IGNORECASE)


def _lines_with(word: re.Pattern[str], lines: list[str]) -> list[str]:
    """The lines holding a match of ``word`` (a pattern that never spans a line break), in order."""
    from kg.loaders.caseless import line_indexes

    return [lines[i] for i in line_indexes(word, "\n".join(lines))]


def mayors_of_several_kommuner(lines: list[str]) -> bool:
    """True when lines naming a borgmester name two or more different kommuner ("Borgmester X,
    Aarhus Kommune", "X (borgmester, Randers)", "Borgmester Y (Favrskov)"): the meeting is the
    whole district's kredsråd, not a meeting with one kommune."""
    kommuner: set[str] = set()
    for ln in _lines_with(_MAYOR, lines):
        kommuner |= {k for _, k in reference.find_kommuner(ln)}
        bare = (reference.canonical_kommune(a or b) for a, b in _MAYOR_OF.findall(ln))
        kommuner |= {k for k in bare if k}
    return len(kommuner) >= 2


def find_council(lines: list[str], text: str, default_kind: str, whole_district: bool = False) -> Council:
    """The council of a document; ``whole_district`` plans span all kommuner (kommune null)."""
    head = "\n".join(ln for ln in heading(lines).split("\n") if not _MOEDESTED.match(ln))
    kind = council_kind(heading(lines, 3), default_kind)
    kommune = None
    several_mayors = kind == "kredsraad" and not whole_district and mayors_of_several_kommuner(lines)
    if kind != "faelles-kredsraad" and not several_mayors:
        kommune = _bare_kommune(head) if whole_district else find_kommune(head, text)
    return Council(kind=kind, police_district=find_district(text, kommune), kommune=kommune)


def find_place(lines: list[str], text: str) -> str | None:
    """Where the meeting was held: "Mødet blev afholdt på rådhuset i Herning" → "rådhuset i Herning"."""
    for rx in (_MOEDESTED, _PLACE):
        m = rx.search(text[:4000])
        if m:
            place = _DATE_TAIL.sub("", m.group("place")).strip(" .,:")
            if place:
                return place
    m = _HEAD_PLACE.search(heading(lines))
    if m:
        return _DATE_TAIL.sub("", m.group("place")).strip(" .,:")
    return None
