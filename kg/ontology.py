"""The ontology (ontologi) and the reference data as rdflib graphs, and the OWL reasoner check.

``load_ontology_graph()`` reads ``ontology/kredsgraf.ttl``; ``reference_graph()`` reads the
reference facts (politikredse, kommuner, themes and confirmed person aliases). ``reason()`` runs
the HermiT reasoner through owlready2 and tells whether the ontology is consistent and which
classes (if any) are unsatisfiable. Heavy libraries are imported inside the functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.paths import ontology_file

if TYPE_CHECKING:
    from rdflib import Graph

ONTOLOGY_IRI = "https://kredsgraf.dk/ontology"
ONTOLOGY_FILE = "kredsgraf.ttl"
SHAPES_FILE = "shapes.ttl"
REFERENCE_FILES = ("reference.ttl", "themes.ttl", "aliases.ttl")


@dataclass
class ReasonerResult:
    """What HermiT found: consistency, unsatisfiable classes (IRIs) and the run time."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def _parse(names: tuple[str, ...]) -> Graph:
    """One rdflib Graph of the named Turtle files of ``ontology/`` (missing optional files skipped)."""
    from rdflib import Graph

    graph = Graph()
    for name in names:
        path = ontology_file(name)
        if not path.exists():
            if name == "aliases.ttl":
                continue
            raise KgError(f"missing ontology file {path}")
        try:
            graph.parse(path, format="turtle", encoding="utf-8")
        except Exception as exc:  # rdflib raises several parser error types
            raise KgError(f"cannot parse {path}: {exc}") from None
    _bind(graph)
    return graph


def _bind(graph: Graph) -> None:
    """The project's usual prefixes, so that serialisations read well."""
    from kg.ids import ONTOLOGY

    for prefix, ns in (("kg", ONTOLOGY), ("org", "http://www.w3.org/ns/org#"),
                       ("foaf", "http://xmlns.com/foaf/0.1/"), ("skos", "http://www.w3.org/2004/02/skos/core#"),
                       ("prov", "http://www.w3.org/ns/prov#"), ("dcterms", "http://purl.org/dc/terms/"),
                       ("schema", "https://schema.org/")):
        graph.bind(prefix, ns, override=True)


def load_ontology_graph() -> Graph:
    """The OWL ontology (``ontology/kredsgraf.ttl``) as an rdflib Graph."""
    return _parse((ONTOLOGY_FILE,))


def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) as an rdflib Graph."""
    return _parse((SHAPES_FILE,))


def reference_graph() -> Graph:
    """Reference facts: 12 politikredse, 98 kommuner, the theme scheme and person aliases."""
    return _parse(REFERENCE_FILES)


def reason(graph: Graph | None = None) -> ReasonerResult:
    """Run HermiT over the ontology (or ``graph``) in a fresh owlready2 World.

    owlready2 does not read Turtle, so the graph is serialised to N-Triples in memory first.
    Needs Java on the PATH; raises :class:`KgError` when the reasoner cannot run at all.
    """
    import io
    import time

    import owlready2

    nt = (graph if graph is not None else load_ontology_graph()).serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(ONTOLOGY_IRI + "#").load(fileobj=io.BytesIO(nt), format="ntriples")
    start = time.perf_counter()
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        message = str(exc).strip()[:500] or "HermiT found the ontology inconsistent"
        return ReasonerResult(False, [], time.perf_counter() - start, message)
    except (OSError, owlready2.OwlReadyJavaError) as exc:
        raise KgError(f"the HermiT reasoner could not run (is Java installed?): {exc}") from None
    unsat = sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
    return ReasonerResult(True, unsat, time.perf_counter() - start)
