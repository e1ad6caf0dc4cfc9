"""``kg import``: add existing RDF files (.nt, .ttl, .trig, .nq, .rdf) to the store.

A file's triples go into one named graph: ``--graph IRI`` or, by default, an IRI made from the file
name (``https://kredsgraf.dk/id/graph/import/<slug>``). Named graphs inside a .trig/.nq file keep
their names; only their default-graph triples go to that graph. By default the target graphs are
replaced in one transaction, so importing the same file twice gives the same store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg import ids
from kg.errors import StoreError

FORMATS = {".nt": "ntriples", ".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".rdf": "rdfxml",
           ".owl": "rdfxml"}


@dataclass
class ImportResult:
    """What ``import_rdf`` did: the graphs written and the number of triples."""

    path: str
    graphs: list[str]
    triples: int

    def summary(self) -> str:
        return f"imported {self.triples} triples from {self.path} into {', '.join(self.graphs)}"


def default_graph_iri(path: str | Path) -> str:
    """The graph IRI for a file imported without ``--graph``."""
    return f"{ids.BASE}graph/import/{ids.slug(Path(path).name)}"


def import_rdf(path: str | Path, graph: str | None = None, store=None, append: bool = False) -> ImportResult:
    """Import one RDF file into the store (a store object or a spec for :func:`kg.store.open_store`)."""
    from kg.remote import parse_groups
    from kg.store import open_store

    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unsupported RDF file type '{path.suffix or '(none)'}' "
                         f"(expected one of {', '.join(FORMATS)})")
    if graph is not None and not graph.split(":", 1)[0].isalpha():
        raise StoreError(f"--graph {graph!r} is not an absolute IRI")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    groups = parse_groups(data, fmt, graph or default_graph_iri(path))
    if store is None or isinstance(store, (str, Path)):
        store = open_store(store)
    graphs = {g: nt for g, nt in groups.items() if g is not None}
    if append:
        for g, nt in graphs.items():
            store.load_rdf(nt, "ntriples", g)
    else:
        store.replace_graphs(graphs)
    store.flush()
    triples = sum(nt.count("\n") for nt in graphs.values())
    return ImportResult(str(path), sorted(graphs), triples)
