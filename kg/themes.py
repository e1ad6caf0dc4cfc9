"""Theme detection (placeholder until the theme rules land)."""

from __future__ import annotations

from kg.record import DocumentRecord
from kg.sources import SourceText


def annotate(record: DocumentRecord, source: SourceText) -> None:
    """Fill ``record.mentions``, ``record.themes`` and ``record.handovers`` from the text."""
