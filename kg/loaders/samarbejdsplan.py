"""Loader for samarbejdsplaner: a police district's cooperation plan (retsplejelovens § 113).

Recognised from a title block with "Samarbejdsplan". The plan is the kredsråd's and spans the
whole district, so the kommune is null unless the title names one.
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

_HEAD = re.compile(r"samarbejdsplan", re.IGNORECASE)


class SamarbejdsplanLoader:
    """A cooperation plan (samarbejdsplan)."""

    document_type = "samarbejdsplan"

    def score(self, source: SourceText) -> float:
        """Near 3 when the title names a samarbejdsplan (less the later the line), else 0."""
        return _common.title_score(source, _HEAD, 2.9)

    def load(self, source: SourceText) -> DocumentRecord:
        """Council, year, named members and projects of the plan."""
        return _common.guarded(source, lambda: self._load(source))

    def _load(self, source: SourceText) -> DocumentRecord:
        text = source.text
        lines = text.split("\n")
        return DocumentRecord(
            source=source.name, document_type=self.document_type,
            council=find_council(lines, text, "kredsraad", whole_district=True),
            year=plan_year(text),
            participants=_common.people(lines, "member"),
            projects=find_projects(lines),
            title=_common.head_text(source, 1) or None,
        )


register(SamarbejdsplanLoader())
