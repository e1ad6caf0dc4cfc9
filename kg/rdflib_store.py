"""A plain rdflib in-memory store with the same interface as the Oxigraph store.

Used by the benchmarks (to compare engines in one run) and by tests that check the named
queries give the same rows on both engines. Open it with ``open_store("rdflib:")``.
"""

from __future__ import annotations

from typing import Any

from kg.errors import QueryError
from kg.store import QueryResult


class RdflibStore:
    """An rdflib ``Dataset`` in memory; queries see the union of the named graphs."""

    path = None

    def __init__(self) -> None:
        from rdflib import Dataset

        self._ds = Dataset(default_union=True)

    def replace_graph(self, graph: str, ntriples: str) -> None:
        self.replace_graphs({graph: ntriples})

    def replace_graphs(self, graphs: dict[str, str], add: dict[str, str] | None = None) -> None:
        from rdflib import Graph, URIRef

        parsed = {g: Graph().parse(data=nt, format="nt") for g, nt in graphs.items()}
        added = {g: Graph().parse(data=nt, format="nt") for g, nt in (add or {}).items()}
        for g in parsed:  # everything parsed first: a parse error changes nothing
            self._ds.remove_graph(URIRef(g))
        for g, triples in [*parsed.items(), *added.items()]:
            ctx = self._ds.graph(URIRef(g))
            for t in triples:
                ctx.add(t)

    def drop_graph(self, graph: str) -> None:
        from rdflib import URIRef

        self._ds.remove_graph(URIRef(graph))

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"malformed update: {exc}") from None

    def load_rdf(self, data: bytes | str, fmt: str, graph: str | None) -> None:
        from rdflib import URIRef

        names = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml"}
        if graph and fmt not in ("nquads", "trig"):
            self._ds.graph(URIRef(graph)).parse(data=data, format=names[fmt])
        else:
            self._ds.parse(data=data, format=names[fmt])

    def named_graphs(self) -> list[str]:
        return sorted(str(g.identifier) for g in self._ds.contexts()
                      if str(g.identifier) != "urn:x-rdflib:default")

    def query(self, sparql: str, params: dict[str, Any] | None = None) -> QueryResult:
        from kg.sparql import substitute

        try:
            res = self._ds.query(substitute(sparql, params or {}))
        except Exception as exc:
            raise QueryError(f"malformed query: {str(exc).splitlines()[0] if str(exc) else exc}") from None
        if res.type == "ASK":
            return QueryResult(kind="ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            return QueryResult(kind="select", vars=names,
                               terms=[{n: row[i] for i, n in enumerate(names)} for row in res])
        return QueryResult(kind="graph", triples=list(res.graph))

    def dump(self, fmt: str) -> bytes:
        return self._ds.serialize(format={"turtle": "turtle", "trig": "trig", "nquads": "nquads",
                                          "ntriples": "nt"}[fmt]).encode("utf-8")

    def __len__(self) -> int:
        return sum(len(g) for g in self._ds.contexts())

    def flush(self) -> None:
        pass
