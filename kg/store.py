"""The graph store: one named graph per source document.

The default is an embedded Oxigraph store in a folder (``.kg/``). ``open_store`` also takes
``memory:`` (an in-memory Oxigraph store, for tests and notebooks). Every write that replaces a
document is one SPARQL update (``DROP`` + ``INSERT DATA``), which Oxigraph applies as a single
transaction: a killed build leaves each document's graph either old or new, never half.

Documents that are not in the store yet (the bulk of a first build) take a faster path: Oxigraph's
``bulk_load``, which writes sorted files straight into RocksDB at less than half the cost of a
transaction but is not atomic. So the graphs of such a batch are first recorded in a small
*pending* graph (one transaction), then bulk-loaded, then that record is cleared (one transaction;
several loads can run at once, each with its own record).
If the process dies in between, the next writable open of the store finds the record and drops
those graphs before anything else happens (:meth:`OxigraphStore.repair`): they were new, so
nothing that was in the store before is touched, and the next build loads them again.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError

REFERENCE_GRAPH = "https://kredsgraf.dk/id/graph/reference"
ONTOLOGY_GRAPH = "https://kredsgraf.dk/id/graph/ontology"
ENTITIES_GRAPH = "https://kredsgraf.dk/id/graph/entities"
#: graphs being bulk-loaded right now; non-empty only if a writer died during the load
PENDING_GRAPH = "https://kredsgraf.dk/id/graph/pending"
_LOADING = "https://kredsgraf.dk/ontology#loading"
#: below this much N-Quads text a batch is loaded in one transaction: bulk loading writes new files
#: into RocksDB, which costs more than it saves for a few documents
BULK_MIN_BYTES = 2_000_000


class QueryResult:
    """A SELECT/ASK/CONSTRUCT result: rdflib terms (``terms``) and plain values (``rows``).

    An embedded store hands over its own terms (``raw``: one tuple per solution, in ``vars`` order);
    ``rows`` are made from them directly and ``terms`` only when asked for, since turning a large
    result into rdflib terms costs more than the query."""

    def __init__(self, kind: str, vars: list[str] | None = None, terms: list[dict[str, Any]] | None = None,
                 boolean: bool | None = None, triples: list[tuple] | None = None,
                 raw: list[tuple] | None = None) -> None:
        self.kind = kind  # "select", "ask", "graph"
        self.vars = vars or []
        self.boolean = boolean
        self.triples = triples or []
        self._raw = raw
        self._terms = terms if terms is not None else None if raw is not None else []  # None: made lazily

    @property
    def terms(self) -> list[dict[str, Any]]:
        if self._terms is None:
            from kg.terms import ox_to_rdflib

            self._terms = [{v: ox_to_rdflib(t) for v, t in zip(self.vars, row, strict=True)}
                           for row in self._raw or []]
        return self._terms

    @property
    def rows(self) -> list[dict[str, Any]]:
        if self._raw is not None:
            from kg.terms import ox_to_python

            made: dict[Any, Any] = {}  # a value per distinct term: labels and IRIs repeat down a column

            def value(term: Any) -> Any:
                try:
                    return made[term]
                except KeyError:
                    made[term] = v = ox_to_python(term)
                    return v

            return [{v: value(t) for v, t in zip(self.vars, row, strict=True)} for row in self._raw]
        from kg.terms import to_python

        return [{v: to_python(t.get(v)) for v in self.vars} for t in self.terms]

    def __len__(self) -> int:
        return len(self._raw) if self._raw is not None else len(self.terms)


class OxigraphStore:
    """An embedded Oxigraph store (a folder on disk, or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = str(path) if path is not None else None
        self._pending = threading.Lock()  # guards the pending record of concurrent bulk loads
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(self.path)
            else:
                Path(self.path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(self.path)
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"store {self.path} is locked by another process that writes it "
                                 f"(e.g. a running `kg build` or `kg serve --allow-update`): {msg}") from None
            raise StoreError(f"cannot open store {self.path}: {msg}") from None
        self.repaired: list[str] = [] if read_only else self.repair()

    # -- writing -------------------------------------------------------------------------
    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace the named graph ``graph`` by the N-Triples text, in one transaction."""
        self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")

    def replace_graphs(self, graphs: dict[str, str], add: dict[str, str] | None = None) -> None:
        """Replace several named graphs, and add triples to others (``add``), in one transaction."""
        if not graphs and not add:
            return
        if getattr(self, "_store", None) is not None and self._all_new(graphs):
            self._add_new(graphs, add or {})  # nothing to drop: a (much faster) load
            return
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        body = "\n".join(f"GRAPH <{g}> {{\n{nt}\n}}" for g, nt in {**graphs, **(add or {})}.items() if nt)
        self.update(" ;\n".join(parts + [f"INSERT DATA {{\n{body}\n}}"]))

    def _all_new(self, graphs: dict[str, str]) -> bool:
        import pyoxigraph as ox

        return not any(self._store.contains_named_graph(ox.NamedNode(g)) for g in graphs)

    def _add_new(self, graphs: dict[str, str], add: dict[str, str]) -> None:
        """Write graphs that are not in the store yet (and additions to others): in memory one
        atomic ``load``; on disk a ``bulk_load`` between a pending record and its removal."""

        quads = "".join(to_nquads(nt, g) for g, nt in {**graphs, **add}.items()).encode("utf-8")
        self._load_new(list(graphs), len(quads), input=quads)

    def bulk_add(self, nquads: str | Path, graphs: list[str]) -> None:
        """Add the N-Quads file ``nquads`` holding the new graphs ``graphs`` (and additions to
        others): a small file in one transaction, a large one by ``bulk_load`` between a pending
        record and its removal (see the module docstring)."""
        self._load_new(graphs, Path(nquads).stat().st_size, path=str(nquads))

    def _load_new(self, graphs: list[str], size: int, **source: Any) -> None:
        """Load N-Quads (``input=`` bytes or ``path=``) holding the new ``graphs``: in one transaction
        when small or in memory, else by ``bulk_load`` between a pending record and its removal."""
        import pyoxigraph as ox

        try:
            if self.path is None or size < BULK_MIN_BYTES:
                self._store.load(format=ox.RdfFormat.N_QUADS, **source)  # atomic
                return
            pending = f"<{PENDING_GRAPH}>"
            record = f"GRAPH {pending} {{ {pending} <{_LOADING}> {' , '.join(f'<{g}>' for g in graphs)} }}"
            with self._pending:
                self.update(f"INSERT DATA {{ {record} }}")
            # lenient: no IRI validation; these N-Quads were written by kg.mapping from kg.ids slugs
            self._store.bulk_load(format=ox.RdfFormat.N_QUADS, lenient=True, **source)
            with self._pending:  # other loads may be running (kg.build loads two at a time)
                self.update(f"DELETE DATA {{ {record} }}")
                if not self.interrupted():  # no other load is pending: the record graph goes too
                    self.update(f"DROP SILENT GRAPH {pending}")
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"cannot store: {exc}") from None

    def interrupted(self) -> list[str]:
        """Graphs a writer was bulk-loading when it died (empty in a healthy store)."""
        import pyoxigraph as ox

        pending = ox.NamedNode(PENDING_GRAPH)
        if not self._store.contains_named_graph(pending):
            return []
        return sorted(q.object.value for q in self._store.quads_for_pattern(
            pending, ox.NamedNode(_LOADING), None, pending))

    def repair(self) -> list[str]:
        """Drop the half-loaded graphs of an interrupted bulk load (one transaction); returns them.
        Facts they added to the entities graph are left for the build's orphan clean-up."""
        graphs = self.interrupted()
        if graphs:
            self.update(" ;\n".join([f"DROP SILENT GRAPH <{g}>" for g in graphs]
                                     + [f"DROP SILENT GRAPH <{PENDING_GRAPH}>"]))
        return graphs

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed update: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed: {exc}") from None

    def load_rdf(self, data: bytes | str, fmt: str, graph: str | None) -> None:
        """Parse RDF (``turtle``, ``ntriples``, ``nquads``, ``trig``, ``rdfxml``) into ``graph``."""
        import pyoxigraph as ox

        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                   "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "rdfxml": ox.RdfFormat.RDF_XML}
        to_graph = ox.NamedNode(graph) if graph else None
        try:
            if to_graph is not None and fmt not in ("nquads", "trig"):
                self._store.load(data, format=formats[fmt], to_graph=to_graph)
            else:
                self._store.load(data, format=formats[fmt])
        except SyntaxError as exc:
            raise StoreError(f"cannot parse {fmt}: {exc}") from None

    # -- reading -------------------------------------------------------------------------
    def graph_values(self, predicate: str, graphs: list[str] | None = None) -> dict[str, str]:
        """Named graph → the value of ``<graph> <predicate> ?value`` stated inside that graph (a
        document's own sha256, source, …), for ``graphs`` or every graph; read from the indexes."""
        import pyoxigraph as ox

        pred = ox.NamedNode(predicate)
        if graphs is None:
            quads = self._store.quads_for_pattern(None, pred, None, None)
            return {q.graph_name.value: q.object.value for q in quads
                    if isinstance(q.graph_name, ox.NamedNode) and q.subject == q.graph_name}
        out = {}
        for g in graphs:
            node = ox.NamedNode(g)
            for q in self._store.quads_for_pattern(node, pred, None, node):
                out[g] = q.object.value
        return out

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def query(self, sparql: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a query over the union of all graphs; ``params`` (name → rdflib term) are bound
        by substitution (:func:`kg.sparql.substitute`)."""
        import pyoxigraph as ox

        from kg.sparql import substitute

        try:
            text = substitute(sparql, params or {})
            res = self._store.query(text, use_default_graph_as_union=not _has_dataset_clause(text))
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
        if isinstance(res, (bool, ox.QueryBoolean)):
            return QueryResult(kind="ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            return QueryResult(kind="select", vars=names, raw=_solutions(res))
        from kg.terms import ox_to_rdflib

        triples = [(ox_to_rdflib(t.subject), ox_to_rdflib(t.predicate), ox_to_rdflib(t.object)) for t in res]
        return QueryResult(kind="graph", triples=triples)

    def dump(self, fmt: str) -> bytes:
        """The whole dataset (``nquads``/``trig``) or the union as a graph (``turtle``/``ntriples``)."""
        import pyoxigraph as ox

        from kg.ids import PREFIXES

        if fmt == "nquads":
            return self._store.dump(format=ox.RdfFormat.N_QUADS)
        if fmt == "trig":
            return self._store.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        quads = self._store.quads_for_pattern(None, None, None, None)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        if fmt == "turtle":
            return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self._store)

    def optimize(self) -> None:
        """Compact the on-disk indexes (RocksDB): after bulk loads, lookups read one file per index
        instead of one per load (2-4× faster queries at 10,000 documents)."""
        if self.path is not None:
            self._store.optimize()

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()


_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)


def _solutions(res: Any) -> list[tuple]:
    """Every solution as a tuple of Oxigraph terms. The collector is paused meanwhile: a large result
    is hundreds of thousands of new objects, none in a cycle, and each collection would walk them all."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return [tuple(sol) for sol in res]
    finally:
        if was_enabled:
            gc.enable()


def _has_dataset_clause(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED), which then wins over the union."""
    from kg.sparql import code_only

    return bool(_FROM.search(code_only(sparql)))


def to_nquads(ntriples: str, graph: str) -> str:
    """N-Triples text as N-Quads in ``graph`` (ends with a newline; empty for no triples).

    N-Triples has one statement per line and escapes newlines inside literals, so every " .\n"
    ends a statement: naming the graph there turns the text into N-Quads."""
    text = ntriples.strip()
    return f"{text}\n".replace(" .\n", f" <{graph}> .\n") if text else ""


def open_store(spec: str | Path | None = None, read_only: bool = False, update_url: str | None = None):
    """Open the store named by ``spec``: a folder (default ``.kg``), ``memory:``, or a SPARQL URL."""
    spec = str(spec or ".kg")
    if spec == "memory:":
        return OxigraphStore(None)
    if spec == "rdflib:":
        from kg.rdflib_store import RdflibStore

        return RdflibStore()
    if spec.startswith(("http://", "https://")):
        from kg.remote import SparqlEndpointStore

        return SparqlEndpointStore(spec, update_url=update_url)
    if read_only and not Path(spec).exists():
        raise StoreError(f"no store at {spec}: run `kg build FOLDER --store {spec}` first")
    return OxigraphStore(spec, read_only=read_only)
