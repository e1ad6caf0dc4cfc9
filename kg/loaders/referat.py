"""Loader for referater: minutes of kredsråd, lokalråd and fælles kredsråd meetings.

Recognised from content: a title block with "Referat", "Beslutningsreferat" or "…rådsmøde", or
an agenda heading ("Dagsorden") together with an attendee heading ("Deltagere", "Tilstede").
"""

from __future__ import annotations

import re

from kg.loaders import _common
from kg.loaders.agenda import parse_agenda
from kg.loaders.base import register
from kg.loaders.caseless import Caseless
from kg.loaders.council import find_council, find_place
from kg.loaders.dates import meeting_date
from kg.loaders.projects import find_projects
from kg.record import DocumentRecord
from kg.sources import SourceText

_HEAD_REFERAT = re.compile(r"\b(?:beslutnings|møde)?referat\b|\breferat\s+(?:af|fra)\b", re.IGNORECASE)
_HEAD_MEETING = re.compile(
    r"(?:kreds|lokal)råds?møde|(?:kreds|lokal)rådets\s+møde|møde\s+i\s+(?:kreds|lokal)råd", re.IGNORECASE)
_DAGSORDEN = re.compile(r"^[\W_]*dagsorden\b", re.IGNORECASE)
_ATTENDEES = re.compile(
    r"^[\W_]*(?:deltagere|mødedeltagere|til\s*stede|tilstedeværende|fremmødte|afbud|forhindret)\b",
    re.IGNORECASE)
_KREDS = Caseless(r"kredsråd")
_LOKAL = Caseless(r"lokalråd")
_PLAN = re.compile(r"handlings?plan|handleplan|samarbejdsplan", re.IGNORECASE)


def _count(word: Caseless, text: str, end: int | None = None) -> int:
    """How often ``word`` occurs in ``text`` (in its first ``end`` characters when given)."""
    return sum(1 for _ in word.finditer(text, 0, len(text) if end is None else end))


class ReferatLoader:
    """Minutes of a meeting (referat, beslutningsreferat)."""

    document_type = "referat"

    def score(self, source: SourceText) -> float:
        """Near 3 for a minutes title, 2 for a meeting title, plus 0.5 for agenda + attendee headings."""
        score = _common.title_score(source, _HEAD_REFERAT, 3.0)
        if not score and not _common.title_score(source, _PLAN):
            score = _common.title_score(source, _HEAD_MEETING, 2.0)
        if _common.has_line(source, _DAGSORDEN) and _common.has_line(source, _ATTENDEES):
            score = max(score, 1.5) + 0.5
        return score

    def load(self, source: SourceText) -> DocumentRecord:
        """Council, date, place, participants, agenda and projects of the minutes."""
        return _common.guarded(source, lambda: self._load(source))

    def _load(self, source: SourceText) -> DocumentRecord:
        text = source.text
        lines = text.split("\n")
        date = meeting_date(lines)
        kreds, lokal = _count(_KREDS, text, 2000), _count(_LOKAL, text, 2000)
        if not kreds and not lokal:
            kreds, lokal = _count(_KREDS, text), _count(_LOKAL, text)
        default_kind = "other" if not (kreds or lokal) else ("kredsraad" if kreds >= lokal else "lokalraad")
        return DocumentRecord(
            source=source.name, document_type=self.document_type,
            council=find_council(lines, text, default_kind),
            date=date.isoformat() if date else None, year=date.year if date else None,
            place=find_place(lines, text),
            participants=_common.people(lines, "present", mentions=True),
            agenda=parse_agenda(lines),
            projects=find_projects(lines),
            title=_common.head_text(source, 1) or None,
        )


register(ReferatLoader())
