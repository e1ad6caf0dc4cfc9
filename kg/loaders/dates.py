"""Danish dates (datoer): "4. september 2023", "04.09.2023", "4/9-2023", "2023-09-04".

:func:`meeting_date` picks the meeting's date from a document's heading lines; :func:`plan_year`
the year a plan is for ("Handlingsplan for 2010", "Samarbejdsplan 2009").
"""

from __future__ import annotations

import datetime as dt
import re

from kg.loaders.caseless import Caseless

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Each date starts with a digit at a word boundary, written ``\d(?<!\w\d)`` (the digit, then "no word
# character before it") rather than ``\b\d``: the same matches, but ``re`` can skip ahead to digits.
_WORD_DATE = re.compile(rf"(\d(?<!\w\d)\d?)\.?\s*({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.IGNORECASE)
_NUM_DATE = re.compile(r"(\d(?<!\w\d)\d?)[./-](\d{1,2})[./-](\d{4}|\d{2})\b(?![./-]\d)")
_SLASH_DASH_DATE = re.compile(r"(\d(?<!\w\d)\d?)/(\d{1,2})[- ](\d{4})\b")
_ISO_DATE = re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
# "møde nr. 3/2017" (\bmøde written as møde with "no word character before it" behind, so that the
# lower-cased scan can skip ahead to the word)
_MEETING_NO = Caseless(r"møde(?<!\wmøde)\s+nr\.?\s*\d+\s*/\s*\d{2,4}")
_PLAN_YEAR = re.compile(r"(?:handlings?plan|samarbejdsplan)\w*\s+(?:for\s+(?:år(?:et)?\s+)?)?(\d{4})",
                        re.IGNORECASE)


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in ``text`` as (offset, date), in order of appearance."""
    spans = [m.span() for m in _MEETING_NO.finditer(text)]
    for a, b in spans:  # "møde nr. 3/2017" is no date: blanked out, offsets kept
        text = text[:a] + " " * (b - a) + text[b:]
    found: dict[int, dt.date] = {}
    for m in _WORD_DATE.finditer(text):
        d = _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.setdefault(m.start(), d)
    for rx, order in ((_ISO_DATE, (1, 2, 3)), (_SLASH_DASH_DATE, (3, 2, 1)), (_NUM_DATE, (3, 2, 1))):
        for m in rx.finditer(text):
            if any(abs(m.start() - k) < 3 for k in found):
                continue
            y, mo, d = (int(m.group(i)) for i in order)
            date = _make(y, mo, d)
            if date:
                found[m.start()] = date
    return sorted(found.items())


def meeting_date(lines: list[str], head: int = 15) -> dt.date | None:
    """The meeting's date: the first date in the first ``head`` non-empty lines, else anywhere."""
    nonempty = [ln for ln in lines if ln.strip()]
    for chunk in (nonempty[:head], nonempty):
        dates = find_dates("\n".join(chunk))
        if dates:
            return dates[0][1]
    return None


def plan_year(text: str) -> int | None:
    """The year a plan is for: "Handlingsplan for 2010" → 2010, else the first year in the heading."""
    m = _PLAN_YEAR.search(text[:3000])
    if m:
        return int(m.group(1))
    m = _YEAR.search(text[:1000])
    return int(m.group(1)) if m else None
