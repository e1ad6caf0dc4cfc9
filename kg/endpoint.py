"""Running SPARQL operations for ``kg serve``: guards, datasets, time and row limits, formats.

Independent of HTTP (that is :mod:`kg.server`). For a store folder every query runs in a fresh
worker process that opens the store read-only (Oxigraph admits read-only opens beside one writer,
and a fresh open sees every committed write), so a query past ``--timeout`` is really stopped by
killing its process, and ``kg serve`` never holds the store's write lock: ``kg build`` can run
while it serves. Updates (``--allow-update``) run the same way with a read-write open that lasts
only as long as the update. Workers also drop their network access (a new network namespace) where
the kernel allows it, behind the text guard that refuses ``SERVICE`` and ``LOAD``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.sparql import tokens

RESULTS_TYPES = [("application/sparql-results+json", "json"), ("application/json", "json"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
GRAPH_TYPES = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("text/plain", "nt"),
               ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
         "nt": "application/n-triples", "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml"}
PREFIXES = {"kg": "https://kredsgraf.dk/ontology#", "id": "https://kredsgraf.dk/id/",
            "foaf": "http://xmlns.com/foaf/0.1/", "dcterms": "http://purl.org/dc/terms/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}  # JSON-LD: a local context, nothing to fetch
LOCK_HINT = "(e.g. a running `kg build` or `kg import`); retry when it has finished"


class OperationError(Exception):
    """A request that gets an HTTP error status with a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(status, reason)  # both in args: it crosses the worker pipe pickled
        self.status = status
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


@dataclass
class Operation:
    """One SPARQL query or update with its protocol dataset."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    accept: str = "*/*"


@dataclass
class Limits:
    timeout: float = 5.0
    max_rows: int = 10000
    base_iri: str = "http://127.0.0.1/sparql"


@dataclass
class Outcome:
    """A response: status, media type, body."""

    status: int
    media: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# -- text guards ---------------------------------------------------------------------------
def unescape(text: str) -> str:
    """The text with SPARQL's \\u/\\U code point escapes resolved (the parser does this first)."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                  lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def mask(text: str) -> str:
    """The text with strings, comments and IRIs blanked (same length), for keyword checks."""
    out = list(text)
    for m in tokens(text):
        if m.lastgroup in ("string", "comment", "iri"):
            out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


def keyword_positions(masked: str, word: str) -> list[tuple[int, int]]:
    """(position, brace depth) of each keyword ``word``. Conservative: only a letter, digit or ``_``
    around it, or ``?``/``$``/``:`` before it (a variable, a local name), make it not a keyword."""
    found, depth = [], 0
    pattern = re.compile(rf"(?<![\w:?$]){word}(?!\w)|[{{}}]", re.IGNORECASE)
    for m in pattern.finditer(masked):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
        else:
            found.append((m.start(), depth))
    return found


def check_safe(op: Operation) -> None:
    """Refuse what would read outside the store: SERVICE (federated query) and LOAD."""
    masked = mask(unescape(op.text))
    if keyword_positions(masked, "SERVICE"):
        raise OperationError(403, "SERVICE (federated query) is disabled on this endpoint")
    if op.kind == "update" and keyword_positions(masked, "LOAD"):
        raise OperationError(403, "LOAD is disabled on this endpoint: use `kg import FILE` instead")


def has_dataset_clause(text: str) -> bool:
    """Whether a query names its own dataset (FROM / FROM NAMED)."""
    return bool(keyword_positions(mask(text), "FROM"))


def apply_using(op: Operation) -> str:
    """The update text with the protocol's using-graph-uri / using-named-graph-uri as USING clauses
    before each top-level WHERE of a DELETE/INSERT operation (a 400 if the text has USING or WITH)."""
    if not op.default_graphs and not op.named_graphs:
        return op.text
    masked = mask(op.text)
    if any(d == 0 for w in ("USING", "WITH") for _, d in keyword_positions(masked, w)):
        raise OperationError(400, "using-graph-uri/using-named-graph-uri cannot be combined with "
                                  "USING or WITH in the update")
    clause = " ".join([f"USING <{g}>" for g in op.default_graphs] +
                      [f"USING NAMED <{g}>" for g in op.named_graphs]) + " "
    out, last = [], 0
    for pos, depth in keyword_positions(masked, "WHERE"):
        if depth == 0 and not re.search(r"DELETE\s*$", masked[:pos], re.IGNORECASE):
            out += [op.text[last:pos], clause]
            last = pos
    out.append(op.text[last:])
    return "".join(out)


# -- content negotiation -------------------------------------------------------------------
def parse_accept(accept: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q values."""
    ranges = []
    for part in (accept or "*/*").split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        ranges.append((bits[0].lower(), q))
    return ranges


def negotiate(accept: str | None, offered: list[tuple[str, str]]) -> str | None:
    """The best offered format key for the Accept header, or None if nothing is acceptable."""
    ranges = parse_accept(accept)
    refused = {key for media, key in offered if (media, 0.0) in ranges}  # an explicit q=0 refuses the format
    best, best_q = None, 0.0
    for media, key in offered:
        q = _quality(media, ranges)
        if q > best_q and key not in refused:
            best, best_q = key, q
    return best


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    major = media.split("/")[0]
    scored = [(3 if r == media else 2 if r == f"{major}/*" else 1 if r == "*/*" else 0, q) for r, q in ranges]
    scored = [s for s in scored if s[0]]
    return max(scored)[1] if scored else 0.0


def render(result: Any, accept: str | None) -> Outcome:
    """A QueryResult as a response body in the negotiated format."""
    from kg import results

    if result.kind in ("select", "ask"):
        key = negotiate(accept, RESULTS_TYPES if result.kind == "select" else RESULTS_TYPES[:5])
        if key is None:
            raise OperationError(406, f"cannot give {result.kind.upper()} results as {accept}; "
                                      "use JSON, XML" + (", CSV or TSV" if result.kind == "select" else ""))
        text = results.render(result, key)
        return Outcome(200, MEDIA[key] + "; charset=utf-8", text.encode("utf-8"))
    key = negotiate(accept, GRAPH_TYPES)
    if key is None:
        raise OperationError(406, f"cannot give a graph as {accept}; "
                                  "use Turtle, N-Triples, JSON-LD or RDF/XML")
    from rdflib import Graph

    g = Graph()
    for t in result.triples:
        g.add(t)
    media = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json",
             "xml": "application/rdf+xml"}[key]
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    extra = {"context": dict(PREFIXES), "auto_compact": True} if key == "json-ld" else {}
    return Outcome(200, media + "; charset=utf-8", g.serialize(format=key, encoding="utf-8", **extra))


def check_rows(count: int, max_rows: int, kind: str) -> None:
    """Refuse a result over the row limit (never truncate silently)."""
    if count > max_rows:
        what = "rows" if kind == "select" else "triples"
        raise OperationError(422, f"the result has more than {max_rows} {what} (the server's --max-rows); "
                                  f"add LIMIT {max_rows} (and OFFSET to page) to the query")


# -- running on an embedded store folder ---------------------------------------------------
def _isolate_network() -> None:
    """Best effort: move this (worker) process into an empty network namespace."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(0x10000000 | 0x40000000) != 0:  # CLONE_NEWUSER | CLONE_NEWNET
            libc.unshare(0x40000000)
    except (OSError, AttributeError):
        pass


def _ox_dataset(op: Operation) -> dict[str, Any]:
    """pyoxigraph query keyword arguments for the operation's dataset."""
    import pyoxigraph as ox

    if op.default_graphs or op.named_graphs:
        return {"default_graph": [ox.NamedNode(g) for g in op.default_graphs],
                "named_graphs": [ox.NamedNode(g) for g in op.named_graphs]}
    if has_dataset_clause(op.text):
        return {}
    return {"use_default_graph_as_union": True}


def run_local(path: str, op: Operation, limits: Limits) -> Outcome:
    """Run one operation on the store folder (in the calling process)."""
    if op.kind == "update":
        return _update_local(path, op, limits)
    return render(_query_local(path, op, limits), op.accept)


def _query_local(path: str, op: Operation, limits: Limits, attempts: int = 6) -> Any:
    """Open read-only and query. A read-only open can race a writer that is rotating its files
    (RocksDB: "No such file" / "Corruption" on a file just replaced); a read is safe to retry."""
    import time

    import pyoxigraph as ox

    for attempt in range(attempts):
        try:
            store = ox.Store.read_only(path)
            res = store.query(op.text, base_iri=limits.base_iri, **_ox_dataset(op))
            return _collect(res, limits.max_rows)
        except SyntaxError as exc:
            raise OperationError(400, f"malformed query: {str(exc).splitlines()[0]}") from None
        except ValueError as exc:
            raise OperationError(400, f"bad dataset: {exc}") from None
        except (OSError, RuntimeError) as exc:
            transient = any(w in str(exc) for w in ("No such file", "Corruption"))
            if not transient or attempt == attempts - 1:
                raise OperationError(500, f"query failed: {str(exc).splitlines()[0]}") from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _collect(res: Any, max_rows: int) -> Any:
    """A pyoxigraph result as a QueryResult, refusing more than ``max_rows`` rows/triples."""
    import itertools

    import pyoxigraph as ox

    from kg.store import QueryResult
    from kg.terms import ox_to_rdflib

    if isinstance(res, bool) or isinstance(res, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(res))
    items = list(itertools.islice(res, max_rows + 1))
    if isinstance(res, ox.QuerySolutions):
        check_rows(len(items), max_rows, "select")
        names = [v.value for v in res.variables]
        return QueryResult(kind="select", vars=names,
                           terms=[{n: ox_to_rdflib(sol[n]) for n in names} for sol in items])
    check_rows(len(items), max_rows, "graph")
    return QueryResult(kind="graph", triples=[(ox_to_rdflib(t.subject), ox_to_rdflib(t.predicate),
                                               ox_to_rdflib(t.object)) for t in items])


def _update_local(path: str, op: Operation, limits: Limits) -> Outcome:
    import pyoxigraph as ox

    text = apply_using(op)
    try:
        store = ox.Store(path)
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise OperationError(503, f"store {path} is locked by another process that writes it "
                                      f"{LOCK_HINT}") from None
        raise OperationError(500, f"cannot open store {path}: {exc}") from None
    try:
        store.update(text, base_iri=limits.base_iri)
        store.flush()
    except SyntaxError as exc:
        raise OperationError(400, f"malformed update: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise OperationError(500, f"update failed: {str(exc).splitlines()[0]}") from None
    return Outcome(200, "text/plain; charset=utf-8", b"update applied\n")


def _worker_main(path: str, op: Operation, limits: Limits, conn: Any) -> None:
    """Worker process entry: run one operation and send back an Outcome or an OperationError."""
    _isolate_network()
    try:
        conn.send(run_local(path, op, limits))
    except OperationError as err:
        conn.send(err)
    except Exception as exc:  # report, never hang the parent
        conn.send(OperationError(500, f"internal error: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class FolderRunner:
    """Runs each operation in a killable worker process (forkserver, modules preloaded)."""

    def __init__(self, path: str, limits: Limits, workers: int = 2) -> None:
        import multiprocessing

        self.path = path
        self.limits = limits
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.endpoint", "kg.results", "kg.terms", "pyoxigraph", "rdflib"])
        self._slots = threading.BoundedSemaphore(workers)
        self._update_lock = threading.Lock()

    def run(self, op: Operation) -> Outcome:
        if not self._slots.acquire(timeout=self.limits.timeout):
            raise OperationError(503, f"server busy: no free query worker within {self.limits.timeout:g} s")
        try:
            if op.kind == "update":
                with self._update_lock:
                    return self._run_worker(op)
            return self._run_worker(op)
        finally:
            self._slots.release()

    def _run_worker(self, op: Operation) -> Outcome:
        parent, child = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_worker_main, args=(self.path, op, self.limits, child), daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(self.limits.timeout):
                proc.kill()
                raise OperationError(503, f"query stopped after {self.limits.timeout:g} s "
                                          "(the server's --timeout); nothing was returned")
            try:
                answer = parent.recv()
            except EOFError:
                raise OperationError(500, "the query worker died without an answer") from None
        finally:
            parent.close()
            proc.join(5)
        if isinstance(answer, OperationError):
            raise answer
        return answer

    def warm(self) -> None:
        """Start the worker machinery now (the fork server), not on the first request."""
        threading.Thread(target=self._warm, daemon=True).start()

    def _warm(self) -> None:
        try:
            self.run(Operation("query", "ASK {}"))
        except OperationError:
            pass

    def close(self) -> None:
        """Nothing held: workers end with their operation."""


class StoreRunner:
    """Runs operations against a store object in the calling thread (a remote SPARQL store)."""

    def __init__(self, store: Any, limits: Limits) -> None:
        self.store = store
        self.limits = limits
        self._update_lock = threading.Lock()

    def run(self, op: Operation) -> Outcome:
        from kg.errors import QueryError, StoreError

        try:
            if op.kind == "update":
                with self._update_lock:
                    self.store.update(apply_using(op))
                return Outcome(200, "text/plain; charset=utf-8", b"update applied\n")
            result = self.store.query(op.text, default_graphs=op.default_graphs or None,
                                      named_graphs=op.named_graphs or None, timeout=self.limits.timeout)
        except QueryError as err:
            raise OperationError(400, str(err)) from None
        except StoreError as err:
            if "did not answer within" in str(err):
                raise OperationError(503, f"query stopped after {self.limits.timeout:g} s "
                                          "(the server's --timeout)") from None
            raise OperationError(502, str(err)) from None
        count = len(result.terms) if result.kind == "select" else len(result.triples)
        if result.kind != "ask":
            check_rows(count, self.limits.max_rows, result.kind)
        return render(result, op.accept)

    def close(self) -> None:
        pass


def make_runner(spec: str, limits: Limits, allow_update: bool, update_url: str | None = None) -> Any:
    """The runner for a store spec: a folder (worker processes) or a SPARQL endpoint URL."""
    from kg.errors import StoreError

    if spec.startswith(("http://", "https://")):
        from kg.remote import SparqlEndpointStore

        return StoreRunner(SparqlEndpointStore(spec, update_url=update_url), limits)
    if spec == "memory:":
        raise StoreError("kg serve needs a store folder or a SPARQL endpoint URL, not memory:")
    if not Path(spec).is_dir():
        if not allow_update:
            raise StoreError(f"no store at {spec}: run `kg build FOLDER --store {spec}` first")
        _create_store(spec)
    return FolderRunner(spec, limits)


def _create_store(spec: str) -> None:
    """Create an empty store folder (then close it at once)."""
    from kg.store import OxigraphStore

    store = OxigraphStore(spec)
    store.flush()
    del store
