"""An external SPARQL 1.1 server as the graph store (``--store http://…/query``).

``SparqlEndpointStore`` offers the same methods as :class:`kg.store.OxigraphStore`, over the SPARQL
1.1 Protocol with the standard library's ``urllib``: queries go to the query URL, updates to the
update URL (``--update-url`` / ``KG_UPDATE_URL``; by default the query URL). A document's graph is
replaced by one update request (``DROP SILENT GRAPH`` + ``INSERT DATA``), which servers that apply
an update request as one transaction (Oxigraph, Fuseki, GraphDB) apply atomically.

Kredsgraf's queries read the *union* of the named graphs as the default graph: start Oxigraph with
``--union-default-graph``, set ``tdb2:unionDefaultGraph true`` on Fuseki; GraphDB and Virtuoso do
this by default. ``KG_TOKEN`` (if set) is sent as a bearer token, e.g. to ``kg serve --allow-update``.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from kg.errors import QueryError, StoreError
from kg.store import OxigraphStore, QueryResult

RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


class SparqlEndpointStore:
    """A graph store behind a SPARQL 1.1 query endpoint (and update endpoint)."""

    replace_graph = OxigraphStore.replace_graph
    replace_graphs = OxigraphStore.replace_graphs
    drop_graph = OxigraphStore.drop_graph

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 120.0,
                 token: str | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url or os.environ.get("KG_UPDATE_URL") or query_url
        self.timeout = timeout
        self.token = token if token is not None else os.environ.get("KG_TOKEN")
        self.path = None

    # -- HTTP ------------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: str,
              timeout: float | None = None) -> tuple[str, bytes]:
        """POST and return (media type, body); raises QueryError (4xx) or StoreError."""
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "kredsgraf"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(url, data=body, headers=headers, method="POST")
        limit = timeout or self.timeout
        try:
            with urllib.request.urlopen(req, timeout=limit) as resp:  # noqa: S310 (http(s) only)
                return resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as exc:
            reason = exc.read().decode("utf-8", "replace").strip().splitlines()
            line = f"{url} answered {exc.code}: {reason[0] if reason else exc.reason}"
            raise (QueryError(line) if 400 <= exc.code < 500 else StoreError(line)) from None
        except TimeoutError:
            raise StoreError(f"{url} did not answer within {limit:g} s") from None
        except urllib.error.URLError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {exc.reason}") from None

    def update(self, sparql: str) -> None:
        """Send one SPARQL update request to the update URL."""
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*")

    def query(self, sparql: str, params: dict[str, Any] | None = None, *,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              timeout: float | None = None) -> QueryResult:
        """Run a query; ``params`` are bound by substitution like the embedded store does."""
        from kg.sparql import substitute

        fields = [("query", substitute(sparql, params or {}))]
        fields += [("default-graph-uri", g) for g in default_graphs or []]
        fields += [("named-graph-uri", g) for g in named_graphs or []]
        body = urllib.parse.urlencode(fields).encode("ascii")
        media, data = self._post(self.query_url, body, "application/x-www-form-urlencoded",
                                 RESULT_TYPES, timeout)
        return parse_response(media, data)

    # -- writing RDF -----------------------------------------------------------------------
    def load_rdf(self, data: bytes | str, fmt: str, graph: str | None) -> None:
        """Parse RDF locally and add it with INSERT DATA (triples of a dataset's default graph go
        to ``graph`` when given)."""
        groups = parse_groups(data, fmt, graph)
        if groups:
            body = "\n".join(f"GRAPH <{g}> {{\n{nt}\n}}" if g else nt for g, nt in groups.items())
            self.update(f"INSERT DATA {{\n{body}\n}}")

    # -- reading ---------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(t["g"]) for t in res.terms if t.get("g") is not None)

    def dump(self, fmt: str) -> bytes:
        """The named graphs as a dataset (``nquads``/``trig``) or their union (``turtle``/``ntriples``)."""
        from rdflib import Dataset, Graph, URIRef

        res = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        if fmt in ("nquads", "trig"):
            ds = Dataset()
            for t in res.terms:
                ds.graph(URIRef(str(t["g"]))).add((t["s"], t["p"], t["o"]))
            return ds.serialize(format=fmt, encoding="utf-8")
        g = Graph()
        for t in res.terms:
            g.add((t["s"], t["p"], t["o"]))
        return g.serialize(format="nt" if fmt == "ntriples" else "turtle", encoding="utf-8")

    def __len__(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.terms[0]["n"]) if res.terms else 0

    def flush(self) -> None:
        """Nothing to do: the server owns durability."""


def parse_groups(data: bytes | str, fmt: str, graph: str | None) -> dict[str | None, str]:
    """RDF text → graph IRI (None: default graph) → N-Triples, parsed with pyoxigraph."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "rdfxml": ox.RdfFormat.RDF_XML}
    raw = data.encode("utf-8") if isinstance(data, str) else data
    groups: dict[str | None, list] = {}
    try:
        for quad in ox.parse(raw, format=formats[fmt]):
            name = graph if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            groups.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except SyntaxError as exc:
        raise StoreError(f"cannot parse {fmt}: {exc}") from None
    return {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") for g, ts in groups.items()}


def parse_response(media: str, data: bytes) -> QueryResult:
    """A SPARQL protocol response body as a QueryResult with rdflib terms."""
    if media in ("application/sparql-results+json", "application/json"):
        return parse_json_results(json.loads(data.decode("utf-8")))
    from rdflib import Graph

    fmt = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
           "application/rdf+xml": "xml", "application/ld+json": "json-ld"}.get(media)
    if fmt is None:
        raise StoreError(f"unexpected response media type {media!r} from the SPARQL endpoint")
    g = Graph()
    g.parse(data=data, format=fmt)
    return QueryResult(kind="graph", triples=list(g))


def parse_json_results(doc: dict[str, Any]) -> QueryResult:
    """SPARQL 1.1 Query Results JSON → QueryResult."""
    if "boolean" in doc:
        return QueryResult(kind="ask", boolean=bool(doc["boolean"]))
    names = doc.get("head", {}).get("vars", [])
    rows = [{n: json_term(b[n]) if n in b else None for n in names}
            for b in doc.get("results", {}).get("bindings", [])]
    return QueryResult(kind="select", vars=names, terms=rows)


def json_term(cell: dict[str, str]) -> Any:
    """One SPARQL JSON binding as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)
