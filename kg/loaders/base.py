"""The loader interface and registry.

A loader reads one *kind* of document (referat, handlingsplan, samarbejdsplan). It is chosen
from the content, never the file name: every registered loader scores the text and the highest
score wins. Loaders return a :class:`~kg.record.DocumentRecord` and never touch the store.
"""

from __future__ import annotations

from typing import Protocol

from kg.errors import DocumentError
from kg.record import DocumentRecord
from kg.sources import SourceText


class Loader(Protocol):
    """One document kind."""

    #: the ``document_type`` this loader produces
    document_type: str

    def score(self, source: SourceText) -> float:
        """How strongly the text looks like this kind (0 = not at all)."""
        ...

    def load(self, source: SourceText) -> DocumentRecord:
        """Extract the record; raise :class:`~kg.errors.DocumentError` on unusable input."""
        ...


REGISTRY: list[Loader] = []


def register(loader: Loader) -> Loader:
    """Add a loader to the registry (used as ``register(MyLoader())`` in each module)."""
    REGISTRY.append(loader)
    return loader


def loader_for(source: SourceText) -> Loader:
    """The registered loader that scores highest on the text."""
    from kg.loaders import load_all

    load_all()
    scored = sorted(((ld.score(source), i, ld) for i, ld in enumerate(REGISTRY)), key=lambda t: (-t[0], t[1]))
    if not scored or scored[0][0] <= 0:
        raise DocumentError(source.path or source.name, "not a document of a known kind "
                            "(no referat, handlingsplan or samarbejdsplan markers found)")
    return scored[0][2]


def extract_source(source: SourceText) -> DocumentRecord:
    """Run the right loader on a source text and add provenance and themes."""
    record = loader_for(source).load(source)
    record.source = source.name
    record.path, record.sha256 = source.path, source.sha256
    record.file_format, record.encoding = source.file_format, source.encoding
    from kg import themes

    themes.annotate(record, source)
    return record
