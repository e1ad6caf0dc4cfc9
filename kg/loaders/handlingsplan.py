"""Loader for handlingsplaner: a lokalråd's (or kredsråd's) action plan for a year.

Recognised from a title block with "Handlingsplan" or "Handleplan". Everyone listed is a member
(status "member"); there is no date or agenda, and the year is the plan's year.
"""

from __future__ import annotations

import re

from kg.loaders import _common
from kg.loaders.base import register
from kg.loaders.council import find_council
from kg.loaders.dates import plan_year
from kg.loaders.projects import find_projects
from kg.record import DocumentRecord
from kg.sources import SourceText

_HEAD = re.compile(r"handlings?plan|handleplan", re.IGNORECASE)


class HandlingsplanLoader:
    """An action plan (handlingsplan)."""

    document_type = "handlingsplan"

    def score(self, source: SourceText) -> float:
        """Near 3 when the title names a handlingsplan (less the later the line), else 0."""
        return _common.title_score(source, _HEAD, 2.9)

    def load(self, source: SourceText) -> DocumentRecord:
        """Council, year, members and projects of the plan."""
        return _common.guarded(source, lambda: self._load(source))

    def _load(self, source: SourceText) -> DocumentRecord:
        text = source.text
        lines = text.split("\n")
        return DocumentRecord(
            source=source.name, document_type=self.document_type,
            council=find_council(lines, text, "lokalraad"),
            year=plan_year(text),
            participants=_common.people(lines, "member"),
            projects=find_projects(lines),
            title=_common.head_text(source, 1) or None,
        )


register(HandlingsplanLoader())
