"""Loader for referat documents (placeholder until the extraction rules land)."""

from __future__ import annotations

from kg.loaders.base import register
from kg.record import DocumentRecord
from kg.sources import SourceText


class _Loader:
    document_type = "referat"

    def score(self, source: SourceText) -> float:
        return 1.0 if "referat" in source.text[:2000].lower() else 0.0

    def load(self, source: SourceText) -> DocumentRecord:
        return DocumentRecord(source=source.name, document_type=self.document_type)


register(_Loader())
