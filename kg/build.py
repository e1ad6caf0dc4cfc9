"""``build``: the import step. Files in, one named graph per document out.

Loaders return records; this module owns the rest: which files, which IRIs (via
:mod:`kg.mapping`), skipping unchanged documents, and the transaction per document. A file that
fails is reported with its reason and the rest of the batch still loads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import ids
from kg.errors import DocumentError
from kg.store import ONTOLOGY_GRAPH, REFERENCE_GRAPH

SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html", ".htm"}
DOC_SHA = f"""SELECT ?g ?sha ?source WHERE {{ GRAPH ?g {{ ?g <{ids.ONTOLOGY}sha256> ?sha ;
    <http://purl.org/dc/terms/source> ?source }} }}"""


@dataclass
class FileResult:
    """What happened to one file: ``loaded``, ``unchanged``, ``failed`` or ``removed``."""

    path: str
    status: str
    message: str = ""
    triples: int = 0
    document_type: str | None = None


@dataclass
class BuildReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        statuses = ("loaded", "unchanged", "removed", "failed")
        parts = [f"{self.count(s)} {s}" for s in statuses if self.count(s)]
        return f"{len(self.results)} files: {', '.join(parts) or 'nothing to do'} in {self.seconds:.1f} s"


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every file under the given files/folders (hidden files and folders skipped), sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += [f for f in sorted(p.rglob("*")) if f.is_file()
                      and not any(part.startswith(".") for part in f.relative_to(p).parts)]
        else:
            found.append(p)
    return found


def stored_documents(store) -> dict[str, tuple[str, str]]:
    """Document graph IRI → (sha256, source file name) for every document in the store."""
    return {r["g"]: (r["sha"], r["source"]) for r in store.query(DOC_SHA).rows}


def load_reference(store) -> None:
    """Load the ontology, the reference data and the themes into their own graphs.

    A graph is reloaded only when its files changed (their hash is kept in the graph), so the
    blank nodes of OWL axioms keep their identity and a rebuild gives the identical dataset.
    """
    import hashlib

    from kg.paths import ONTOLOGY_DIR

    for graph, names in ((ONTOLOGY_GRAPH, ["kredsgraf.ttl"]),
                         (REFERENCE_GRAPH, ["reference.ttl", "themes.ttl", "aliases.ttl"])):
        files = [ONTOLOGY_DIR / n for n in names if (ONTOLOGY_DIR / n).exists()]
        if not files:
            continue
        digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
        ask = f"ASK {{ GRAPH <{graph}> {{ <{graph}> <{ids.ONTOLOGY}sha256> \"{digest}\" }} }}"
        if store.query(ask).boolean:
            continue
        from rdflib import Graph, Literal, URIRef

        g = Graph()
        for f in files:
            g.parse(f, format="turtle")
        g.add((URIRef(graph), URIRef(ids.ONTOLOGY + "sha256"), Literal(digest)))
        store.replace_graph(graph, g.serialize(format="nt"))


def extract_file(path: Path):
    """Extract one file; returns the record or raises DocumentError (never anything else)."""
    from kg.extract import extract

    if path.suffix.lower() not in SUFFIXES:
        raise DocumentError(str(path), f"unsupported file type '{path.suffix or '(none)'}' "
                            f"(expected one of {', '.join(sorted(SUFFIXES))})")
    try:
        return extract(path)
    except DocumentError:
        raise
    except Exception as exc:  # a loader bug must not stop the batch
        raise DocumentError(str(path), f"internal error while reading: {type(exc).__name__}: {exc}") from exc


def load_one(store, path: Path, known: dict[str, tuple[str, str]], force: bool = False) -> FileResult:
    """Extract one file and replace its graph in one transaction (or skip it if unchanged)."""
    from kg.mapping import record_triples, to_ntriples

    try:
        record = extract_file(path)
    except DocumentError as err:
        return FileResult(str(path), "failed", str(err))
    graph = ids.document(record.source)
    if not force and known.get(graph, ("", ""))[0] == record.sha256:
        return FileResult(str(path), "unchanged", document_type=record.document_type)
    triples = record_triples(record)
    store.replace_graph(graph, to_ntriples(triples))
    return FileResult(str(path), "loaded", f"{record.document_type}, {len(record.participants)} people",
                      len(triples), record.document_type)


def build(paths: Iterable[str | Path], store=None, *, prune: bool = False, force: bool = False,
          on_result: Callable[[FileResult], None] | None = None) -> BuildReport:
    """Load every document under ``paths`` into ``store`` (a store object or a spec for open_store)."""
    from kg.store import open_store

    start = time.perf_counter()
    if store is None or isinstance(store, (str, Path)):
        store = open_store(store)
    files = discover(paths)
    load_reference(store)
    known = stored_documents(store)
    report = BuildReport()
    for path in files:
        result = load_one(store, path, known, force)
        report.results.append(result)
        if on_result:
            on_result(result)
    if prune:
        report.results += prune_missing(store, {p.name for p in files}, known, on_result)
    store.flush()
    report.seconds = time.perf_counter() - start
    return report


def prune_missing(store, present: set[str], known: dict[str, tuple[str, str]],
                  on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Drop the graphs of stored documents whose file is not among ``present``."""
    out = []
    for graph, (_, source) in sorted(known.items()):
        if source not in present:
            store.drop_graph(graph)
            out.append(FileResult(source, "removed", "file is gone"))
            if on_result:
                on_result(out[-1])
    return out


def remove(paths: Iterable[str | Path], store=None) -> list[FileResult]:
    """Drop the graphs of the given documents (by file name) from the store."""
    from kg.store import open_store

    if store is None or isinstance(store, (str, Path)):
        store = open_store(store)
    known = stored_documents(store)
    out = []
    for p in map(Path, paths):
        graph = ids.document(p.name)
        if graph in known:
            store.drop_graph(graph)
            out.append(FileResult(str(p), "removed"))
        else:
            out.append(FileResult(str(p), "failed", f"{p}: not in the store"))
    store.flush()
    return out
