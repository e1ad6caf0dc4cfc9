"""``build``: the import step. Files in, one named graph per document out.

Loaders return records; this module owns the rest: which files, which IRIs (via
:mod:`kg.mapping`), skipping unchanged documents, and the transaction per document. A file that
fails is reported with its reason and the rest of the batch still loads.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import ids
from kg.errors import DocumentError, KgError
from kg.store import ENTITIES_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH

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
    repaired: list[str] = field(default_factory=list)  # half-loaded graphs of an interrupted build, dropped

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        statuses = ("loaded", "unchanged", "removed", "failed")
        parts = [f"{self.count(s)} {s}" for s in statuses if self.count(s)]
        text = f"{len(self.results)} files: {', '.join(parts) or 'nothing to do'} in {self.seconds:.1f} s"
        if self.repaired:
            text += (f" (first removed {len(self.repaired)} half-written documents of an interrupted build;"
                     " they were loaded again if their files are among the paths)")
        return text


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


def stored_documents(store, graphs: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """Document graph IRI → (sha256, source file name) for ``graphs`` (default: every document)."""
    if hasattr(store, "graph_values"):  # straight from the indexes: 10,000 documents in milliseconds
        shas = store.graph_values(f"{ids.ONTOLOGY}sha256", graphs)
        sources = store.graph_values("http://purl.org/dc/terms/source", list(shas))
        return {g: (sha, sources[g]) for g, sha in shas.items() if g in sources}
    rows = store.query(DOC_SHA).rows
    wanted = None if graphs is None else set(graphs)
    return {r["g"]: (r["sha"], r["source"]) for r in rows if wanted is None or r["g"] in wanted}


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


@dataclass
class Prepared:
    """A file made ready for the store (in a worker): its result and, if loaded, its graph."""

    result: FileResult
    graph: str | None = None
    nquads: bytes | None = None  # the document's own graph, as UTF-8 N-Quads (ready to bulk-load)
    entities: str = ""  # facts about people, councils and projects (N-Triples), for the entities graph

    @property
    def ntriples(self) -> str:
        """The document's own graph as N-Triples text, for a transaction (which names the graph)."""
        text = (self.nquads or b"").decode("utf-8")
        return text.replace(f" <{self.graph}> .\n", " .\n")  # a literal's newline is escaped: safe


def file_sha256(path: Path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def prepare(path: Path, known_sha: str | None = None, force: bool = False) -> Prepared:
    """Extract and map one file (no store access); unchanged files are not even extracted."""
    from kg.mapping import encode_nquads, record_triples, split_triples, to_ntriples

    if not force and known_sha and file_sha256(path) == known_sha:
        return Prepared(FileResult(str(path), "unchanged"))
    try:
        record = extract_file(path)
    except DocumentError as err:
        return Prepared(FileResult(str(path), "failed", str(err)))
    triples = record_triples(record)
    result = FileResult(str(path), "loaded", f"{record.document_type}, {len(record.participants)} people",
                        len(triples), record.document_type)
    document, entities = split_triples(triples)
    graph = ids.document(record.source)
    return Prepared(result, graph, encode_nquads(document, graph), to_ntriples(entities))


def _write(store, batch: list[Prepared], written: set[str] | None = None) -> None:
    """Write a batch in one transaction (each document's graph replaced, its entity facts added to
    the entities graph); if that fails, write its documents one by one. ``written``: entity
    statements this build already stored (not sent again)."""
    ready = [p for p in batch if p.graph]
    if not ready:
        return
    try:
        _write_documents(store, ready, written)
        return
    except KgError:
        if len(ready) == 1:
            raise
    for p in ready:
        try:
            _write_documents(store, [p], written)
        except KgError as err:
            p.result.status, p.result.message = "failed", f"{p.result.path}: cannot store: {err}"


def _write_documents(store, ready: list[Prepared], written: set[str] | None = None) -> None:
    lines = dict.fromkeys(line for p in ready for line in p.entities.split("\n") if line)
    if written is not None:
        lines = {line: None for line in lines if line not in written}
    store.replace_graphs({p.graph: p.ntriples for p in ready}, add={ENTITIES_GRAPH: "\n".join(lines)})
    if written is not None:
        written.update(lines)


class _Spool:
    """New documents collected in an N-Quads file until it is big enough to bulk-load at once:
    RocksDB ingests a few large loads far more cheaply than many small ones, and the documents'
    text does not wait in memory meanwhile."""

    def __init__(self, written: set[str]) -> None:
        import tempfile

        self.written = written  # entity statements already sent by this build
        self.file = tempfile.NamedTemporaryFile("wb", suffix=".nq", prefix="kg-", delete=False)
        self.items: list[Prepared] = []
        self.size = 0

    def add(self, p: Prepared) -> None:
        from kg.store import to_nquads

        new = [line for line in p.entities.split("\n") if line and line not in self.written]
        self.written.update(new)
        self.size += self.file.write(p.nquads or b"")  # made by the worker: written as it is
        if new:
            self.size += self.file.write(to_nquads("\n".join(new), ENTITIES_GRAPH).encode("utf-8"))
        p.nquads, p.entities = None, ""  # on disk now
        self.items.append(p)

    def load(self, store) -> None:
        """Load the file into the store (one call); on failure every document of it fails."""
        self.file.close()
        try:
            store.bulk_add(self.file.name, [p.graph for p in self.items])
        except KgError as err:
            self.written.clear()  # what this file held may be missing: send entity facts again
            for p in self.items:
                p.result.status, p.result.message = "failed", f"{p.result.path}: cannot store: {err}"
        finally:
            Path(self.file.name).unlink(missing_ok=True)

    def discard(self) -> None:
        self.file.close()
        Path(self.file.name).unlink(missing_ok=True)


class _Writer:
    """Writes in background threads while extraction goes on (Oxigraph releases the GIL while it
    writes); finished jobs are handed back to the caller's thread by :meth:`done`, in the order they
    were put. Bulk loads (spool files of new documents) run ``loaders`` at a time: one load keeps
    about one core busy, and RocksDB takes concurrent loads. A transaction (replaced documents) waits
    for every job put before it, as with one writer: a load that fails forgets which entity facts
    were sent (``written``), and the transaction must see that before it leaves any out."""

    def __init__(self, store, known: Iterable[str] = (), loaders: int = 2) -> None:
        import queue
        import threading

        self.store, self.written, self.known = store, set(), set(known)
        self.candidates: set[str] = set()  # entities the replaced versions named: orphans maybe
        self.todo: queue.Queue = queue.Queue(maxsize=loaders)  # bounded: extraction waits for the disk
        self.finished: dict[int, list[Prepared]] = {}
        self.put_count = self.done_count = 0
        self.error: BaseException | None = None
        self.completed: set[int] = set()
        self.changed = threading.Condition()
        self.threads = [threading.Thread(target=self._run, name=f"kg-writer-{i}", daemon=True)
                        for i in range(max(1, loaders))]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while (item := self.todo.get()) is not None:
            number, job = item
            try:
                if self.error is None and isinstance(job, _Spool):
                    job.load(self.store)
                elif self.error is None:
                    with self.changed:
                        self.changed.wait_for(lambda n=number: self.completed.issuperset(range(n)))
                    replaced = [p.graph for p in job if p.graph in self.known]
                    self.candidates |= entity_references(self.store, replaced) if replaced else set()
                    _write(self.store, job, self.written)
            except BaseException as exc:  # handed to the caller's thread by done()/close()
                self.error = exc
            if isinstance(job, _Spool):
                job.discard()
            self.finished[number] = job.items if isinstance(job, _Spool) else job
            with self.changed:
                self.completed.add(number)
                self.changed.notify_all()

    def put(self, job: list[Prepared] | _Spool) -> None:
        """Queue a batch for one transaction, or a spool file of new documents for one bulk load."""
        self.todo.put((self.put_count, job))
        self.put_count += 1

    def done(self) -> Iterator[list[Prepared]]:
        """Jobs written so far, in the order they were put (all of them after :meth:`close`)."""
        while self.done_count in self.finished:
            yield self.finished.pop(self.done_count)
            self.done_count += 1
            if self.error is not None:
                raise self.error

    def close(self) -> None:
        for _ in self.threads:
            self.todo.put(None)
        for thread in self.threads:
            thread.join()
        if self.error is not None:
            raise self.error


DROP_ORPHANS = f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}
WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?s }} FILTER(?g != <{ENTITIES_GRAPH}>) }} }}"""


def drop_orphan_entities(store, candidates: set[str] | None = None) -> None:
    """Remove people, councils and projects that no document in the store names any more: among
    ``candidates`` (what replaced or removed documents named; see :func:`entity_references`), or
    all of them when ``candidates`` is None (a full scan: seconds at 10,000 documents)."""
    if candidates is None:
        store.update(DROP_ORPHANS)
        return
    ordered = sorted(candidates)
    for i in range(0, len(ordered), 500):
        values = " ".join(f"<{c}>" for c in ordered[i:i + 500])
        store.update(DROP_ORPHANS.replace("WHERE {", f"WHERE {{ VALUES ?s {{ {values} }}", 1))


def entity_references(store, graphs: Iterable[str]) -> set[str]:
    """The shared entities (people, councils, projects, …) that the given document graphs name."""
    from kg.mapping import ENTITY_PREFIXES

    prefixes = tuple(p.lstrip("<") for p in ENTITY_PREFIXES)
    graphs = sorted(graphs)
    found: set[str] = set()
    for i in range(0, len(graphs), 200):
        values = " ".join(f"<{g}>" for g in graphs[i:i + 200])
        rows = store.query(f"SELECT DISTINCT ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                           "FILTER(isIRI(?o)) }").rows
        found.update(r["o"] for r in rows if r["o"].startswith(prefixes))
    return found


def store_records(store, records) -> None:
    """Put extraction records straight into a store (notebooks, tests): as the build does, one
    graph per document plus the shared entities graph, in one transaction."""
    from kg.mapping import encode_nquads, record_triples, split_triples, to_ntriples

    batch = []
    for record in records:
        document, entities = split_triples(record_triples(record))
        result = FileResult(record.source, "loaded")
        graph = ids.document(record.source)
        batch.append(Prepared(result, graph, encode_nquads(document, graph), to_ntriples(entities)))
    _write_documents(store, batch)


_WORKER_KNOWN: dict[str, str] = {}


def _init_worker(known: dict[str, str], parent: int) -> None:
    global _WORKER_KNOWN
    _WORKER_KNOWN = known
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    """On Linux, have the kernel end this worker when the build process dies, even by SIGKILL:
    otherwise the workers of a killed build wait for work for ever."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the call above
        os._exit(1)


def _prepare_in_worker(args: tuple[str, bool]) -> Prepared:
    path, force = args
    return prepare(Path(path), _WORKER_KNOWN.get(ids.document(Path(path).name)), force)


def _prepared(files: list[Path], known: dict[str, str], force: bool, workers: int) -> Iterator[Prepared]:
    """Prepared files in order; extraction runs in ``workers`` processes when it is worth it.

    A reader that kills its process (a crash in a C extension) breaks the pool: the files it had not
    finished are then read one at a time, each in a process of its own, so the one that crashes is
    reported as failed and the pool goes on with the rest."""
    if workers <= 1 or len(files) < 2 * PARALLEL_MIN:
        for f in files:
            yield prepare(f, known.get(ids.document(f.name)), force)
        return
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    while done < len(files):
        pool = _pool(workers, known)
        try:
            for prepared in pool.map(_prepare_in_worker, [(str(f), force) for f in files[done:]],
                                     chunksize=CHUNK):
                yield prepared
                done += 1
        except BrokenProcessPool:
            for f in files[done:done + workers * CHUNK]:  # likely among these (else the next pool breaks)
                yield _prepare_alone(f, known, force)
                done += 1
        finally:  # also when the caller stops early: no waiting for files nobody will read
            pool.shutdown(wait=False, cancel_futures=True)


def _pool(workers: int, known: dict[str, str]):  # noqa: ANN202 - a ProcessPoolExecutor
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(known, os.getpid()))


def _prepare_alone(path: Path, known: dict[str, str], force: bool) -> Prepared:
    """One file in a process of its own: a crash fails this file only."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        with _pool(1, known) as pool:
            return pool.submit(_prepare_in_worker, (str(path), force)).result()
    except BrokenProcessPool:
        return Prepared(FileResult(str(path), "failed", f"{path}: the reader crashed (its process died "
                                   "while reading this file); the rest of the batch is loaded"))


PARALLEL_MIN = 20  # below 2×this many files, a process pool costs more than it saves
CHUNK = 8  # files a worker takes at a time
BATCH_TRIPLES = 50_000  # replaced documents are written in transactions of about this many triples
SPOOL_BYTES = 64_000_000  # new documents are bulk-loaded up to this much N-Quads at a time (two at once)
OPTIMIZE_AFTER_BYTES = 24_000_000  # after bulk-loading this much (~500 documents), compact the store


def build(paths: Iterable[str | Path], store=None, *, prune: bool = False, force: bool = False,
          on_result: Callable[[FileResult], None] | None = None, workers: int | None = None) -> BuildReport:
    """Load every document under ``paths`` into ``store`` (a store object or a spec for open_store).

    Extraction runs in ``workers`` processes (default: one per core); the store is written from
    this process, a batch of documents per transaction, so each document is whole or absent.
    """
    from kg.store import open_store

    start = time.perf_counter()
    if store is None or isinstance(store, (str, Path)):
        store = open_store(store)
    files = discover(paths)
    from kg.aliases import apply_aliases

    apply_aliases(store)  # the reference graphs, and the aliases file ($KG_ALIASES) if it is another
    known = stored_documents(store, None if prune else [ids.document(f.name) for f in files])
    shas = {g: sha for g, (sha, _) in known.items()}
    report = BuildReport(repaired=list(getattr(store, "repaired", [])))
    writer = _Writer(store, known)
    bulk = hasattr(store, "bulk_add")
    spool = _Spool(writer.written) if bulk else None
    limit = SPOOL_BYTES // 8
    batch: list[Prepared] = []
    size = spooled = 0

    def report_done() -> None:
        for written in writer.done():
            for p in written:
                report.results.append(p.result)
                if on_result:
                    on_result(p.result)

    try:
        for prepared in _prepared(files, shas, force, workers or os.cpu_count() or 1):
            if spool is not None and prepared.graph and prepared.graph not in known:
                spool.add(prepared)  # new to the store: bulk-loaded with others
                if spool.size >= limit:  # the first loads small (early progress), then larger
                    spooled += spool.size
                    writer.put(spool)
                    spool, limit = _Spool(writer.written), min(2 * limit, SPOOL_BYTES)
            else:
                batch.append(prepared)
                size += prepared.result.triples
            if size >= BATCH_TRIPLES or len(batch) > 50 and not size:
                writer.put(batch)
                batch, size = [], 0
            report_done()
        writer.put(batch)
        if spool is not None:
            spooled += spool.size
            writer.put(spool)
            spool = None
    finally:
        if spool is not None:
            spool.discard()
        writer.close()
    report_done()
    candidates = writer.candidates  # only replaced or removed documents can leave an entity unnamed
    if prune:
        report.results += prune_missing(store, {p.name for p in files}, known, on_result, candidates)
    drop_orphan_entities(store, None if report.repaired else candidates)
    store.flush()
    if spooled >= OPTIMIZE_AFTER_BYTES and hasattr(store, "optimize"):
        store.optimize()  # bulk loads leave one file per load and index: compact them for fast queries
    report.seconds = time.perf_counter() - start
    return report


def prune_missing(store, present: set[str], known: dict[str, tuple[str, str]],
                  on_result: Callable[[FileResult], None] | None = None,
                  candidates: set[str] | None = None) -> list[FileResult]:
    """Drop the graphs of stored documents whose file is not among ``present``; the entities they
    named are added to ``candidates`` (for :func:`drop_orphan_entities`)."""
    out = []
    for graph, (_, source) in sorted(known.items()):
        if source not in present:
            _drop_documents(store, [graph], candidates)
            out.append(FileResult(source, "removed", "file is gone"))
            if on_result:
                on_result(out[-1])
    return out


def _drop_documents(store, graphs: list[str], candidates: set[str] | None) -> None:
    """Drop document graphs (one transaction), noting first which entities they named."""
    if candidates is not None:
        candidates |= entity_references(store, graphs)
    store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


def remove(paths: Iterable[str | Path], store=None) -> list[FileResult]:
    """Drop the graphs of the given documents (by file name) from the store."""
    from kg.store import open_store

    if store is None or isinstance(store, (str, Path)):
        store = open_store(store)
    paths = [Path(p) for p in paths]
    known = stored_documents(store, [ids.document(p.name) for p in paths])
    out, candidates = [], set()
    for p in paths:
        graph = ids.document(p.name)
        if graph in known:
            _drop_documents(store, [graph], candidates)
            out.append(FileResult(str(p), "removed"))
        else:
            out.append(FileResult(str(p), "failed", f"{p}: not in the store"))
    drop_orphan_entities(store, None if getattr(store, "repaired", None) else candidates)
    store.flush()
    return out
