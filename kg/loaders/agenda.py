"""Agendas (dagsordener): the numbered items of a meeting.

The agenda's own numbered list ("1. Orientering", "Pkt. 1 …", "Punkt 1: …") wins; where there is
none, the minutes' section headings ("Ad 1 – Orientering:") are used. Sub-items (a), b., 1.1) and
bullets are not items; wrapped lines are joined; a trailing ":" or "." is dropped.
"""

from __future__ import annotations

import re

from kg.record import AgendaItem

_ITEM = re.compile(
    r"^[\W_]*?(?:(?:pkt|punkt|dagsordenspunkt)\.?\s*)?(?P<num>\d{1,2})\s*(?:[.):]|\s[–-])?\s+(?P<title>\S.*)$",
    re.IGNORECASE,
)
_AD = re.compile(r"^[\W_]*ad\s+(?:pkt\.?\s*|punkt\s+)?(?P<num>\d{1,2})\b\s*[.:)]?\s*[–-]?\s*(?P<title>.*)$",
                 re.IGNORECASE)
_DAGSORDEN = re.compile(r"^[\W_]*(?:dagsorden|dagsordenspunkter|program)\b", re.IGNORECASE)
_BODY = re.compile(r"^[\W_]*(?:referat|beslutningsreferat|ad\s+\d)\b\s*[:.-]?", re.IGNORECASE)
_SUB = re.compile(r"^\s*(?:[-•*–]\s*)?(?:[a-zæøå][.)]|\d+\.\d+|[-•*–])\s*", re.IGNORECASE)
_MONTH = re.compile(r"^\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[.:]\d{2}\b")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:evt|mv|m\.v|m\.m|bl\.a|osv|etc|inkl|vedr|jf|ca|pkt|nr)\.$",
                           re.IGNORECASE)
MAX_TITLE = 220


def clean_title(text: str) -> str:
    """Normalise whitespace and markup; drop a trailing ":" or "."."""
    text = re.sub(r"[*_#`]+", "", text)
    text = " ".join(text.split()).rstrip(" :;–-")
    if text.endswith(".") and not _ABBREVIATION.search(text):
        text = text.rstrip(" .")
    return text.strip()


def _numbered(lines: list[str], start: int, stop_at_body: bool) -> list[AgendaItem]:
    """The run of items numbered 1, 2, 3, … from ``start``; wrapped lines joined."""
    items: list[AgendaItem] = []
    expected, last_was_item = 1, False
    for idx in range(start, len(lines)):
        raw = lines[idx]
        text = raw.strip()
        if not text:
            last_was_item = False
            continue
        if stop_at_body and items and _BODY.match(text):
            break
        m = _ITEM.match(text)
        if m and not _MONTH.match(text) and not _TIME.match(text) and int(m.group("num")) == expected:
            items.append(AgendaItem(number=m.group("num"), title=m.group("title"), line=idx + 1))
            expected += 1
            last_was_item = True
            continue
        if m and items and int(m.group("num")) == 1:
            break  # a new numbered list: the agenda has ended
        wrapped = text[0].islower() or text[0] in "(&"
        if last_was_item and wrapped and not _SUB.match(raw) and len(text) < 120:
            items[-1].title += " " + text
            continue
        last_was_item = False
    for it in items:
        it.title = clean_title(it.title)
    return [it for it in items if it.title and len(it.title) <= MAX_TITLE]


def _ad_sections(lines: list[str]) -> list[AgendaItem]:
    """Items from the minutes' "Ad N – Title" headings (only where they carry titles)."""
    items: list[AgendaItem] = []
    for idx, raw in enumerate(lines):
        m = _AD.match(raw.strip())
        if m and not any(it.number == m.group("num") for it in items):
            items.append(AgendaItem(number=m.group("num"), title=clean_title(m.group("title")), line=idx + 1))
    if items and all(it.title for it in items):
        return items
    return []


def parse_agenda(lines: list[str]) -> list[AgendaItem]:
    """The meeting's agenda items in order."""
    head = next((i for i, ln in enumerate(lines) if _DAGSORDEN.match(ln.strip())), None)
    if head is not None:
        items = _numbered(lines, head + 1, stop_at_body=True)
        if items:
            return items
    items = _numbered(lines, 0, stop_at_body=True)
    if len(items) >= 2:
        return items
    return _ad_sections(lines) or items
