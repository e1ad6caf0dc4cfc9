"""Checking the graph against the SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

``validate(data)`` takes an rdflib Graph or Dataset, a store object, or a store path (as the CLI's
``--store``). It checks the union of all graphs together with the reference data (politikredse,
kommuner, themes), with the ontology as pySHACL's ``ont_graph`` and no inference: RDFS inference
would type every object of ``kg:theme`` as a theme by the property's range and so hide wrong links.
Violations make the graph non-conforming; warnings are reported but allowed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError

SH = "http://www.w3.org/ns/shacl#"
PREFIXES = {
    "https://kredsgraf.dk/ontology#": "kg:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://purl.org/dc/terms/": "dcterms:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/ns/org#": "org:",
}


def short(term: Any) -> str:
    """A term for people: ``kg:participant`` for known vocabularies, ``<IRI>`` otherwise."""
    if term is None:
        return "-"
    text = str(term)
    for ns, prefix in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns):]:
            return prefix + text[len(ns):]
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return f"<{text}>"
    if isinstance(term, Literal):
        return term.n3()
    return text


@dataclass
class Violation:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    focus: str
    path: str
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None = None
    shape: str | None = None

    def text(self) -> str:
        value = f" (value {self.value})" if self.value and self.value != self.focus else ""
        return f"{self.severity.upper():9} {self.focus}\n          {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the readable list of results."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)

    def summary(self) -> str:
        verdict = "conforms" if self.conforms else "does NOT conform"
        counts = f"{self.count('Violation')} violation(s), {self.count('Warning')} warning(s)"
        checked = f"{self.triples} triples checked in {self.seconds:.1f} s"
        return f"The graph {verdict} to the shapes: {counts} ({checked})."

    def text(self, limit: int = 50) -> str:
        """The summary and the first ``limit`` results, violations first."""
        lines = [self.summary()]
        lines += [v.text() for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"... and {len(self.violations) - limit} more (use --limit to see them).")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def _union_graph(data: Any):
    """An rdflib Graph with every triple of ``data`` (graph, dataset, store or store path)."""
    from rdflib import Dataset, Graph
    from rdflib.graph import ConjunctiveGraph

    if isinstance(data, (Dataset, ConjunctiveGraph)):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        copy = Graph()
        for t in data:
            copy.add(t)
        return copy
    if data is None or isinstance(data, (str, Path)):
        from kg.store import open_store

        data = open_store(data, read_only=True)
    if hasattr(data, "dump"):
        union = Graph()
        union.parse(data=data.dump("ntriples"), format="nt")
        return union
    raise KgError(f"cannot validate a {type(data).__name__}: give a graph, a store or a store path")


def _results(results_graph) -> list[Violation]:
    """The pySHACL results graph as :class:`Violation` objects, violations first."""
    from rdflib import RDF, URIRef

    def one(node, local: str):
        return results_graph.value(node, URIRef(SH + local))

    found = []
    nested = set(results_graph.objects(None, URIRef(SH + "detail")))
    for node in results_graph.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        if node in nested:  # the details of a sh:node result repeat what the outer result says
            continue
        severity = str(one(node, "resultSeverity") or SH + "Violation").removeprefix(SH)
        messages = sorted(str(m) for m in results_graph.objects(node, URIRef(SH + "resultMessage")))
        value = one(node, "value")
        found.append(Violation(focus=short(one(node, "focusNode")), path=short(one(node, "resultPath")),
                               message=messages[0] if messages else "does not conform", severity=severity,
                               value=short(value) if value is not None else None,
                               shape=short(one(node, "sourceShape"))))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(found, key=lambda v: (order.get(v.severity, 3), v.focus, v.path, v.message))


@lru_cache(maxsize=1)
def _fixed_graphs() -> tuple[Any, Any, Any]:
    """Shapes, ontology and reference data, parsed once per process (only read, never changed)."""
    from kg.ontology import load_ontology_graph, reference_graph, shapes_graph

    return shapes_graph(), load_ontology_graph(), reference_graph()


def validate(data: Any = None, include_reference: bool = True, inference: str = "none") -> ValidationReport:
    """Validate ``data`` (graph, dataset, store or store path; default the ``.kg`` store).

    ``include_reference`` adds the reference data so that links to kommuner, districts and
    themes resolve even in a graph of one document; ``inference`` is passed to pySHACL.
    """
    from pyshacl import validate as shacl

    shapes, ontology, reference = _fixed_graphs()
    graph = _union_graph(data)
    if include_reference:
        for t in reference:
            graph.add(t)
    start = time.perf_counter()
    conforms, results_graph, _ = shacl(graph, shacl_graph=shapes, ont_graph=ontology,
                                       inference=inference, allow_warnings=True, advanced=False)
    return ValidationReport(conforms=bool(conforms), violations=_results(results_graph),
                            triples=len(graph), seconds=time.perf_counter() - start)
