"""The SHACL shapes (ontology/shapes.ttl) through kg.validate: a hand-built valid graph conforms,
planted errors are caught and named, and the graphs built from real documents conform."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg import ids
from kg.validate import ValidationReport, validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES_CORPUS = ROOT / "examples" / "corpus"
KG = ids.ONTOLOGY
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF_NAME = URIRef("http://xmlns.com/foaf/0.1/name")
DATE = URIRef("http://purl.org/dc/terms/date")
DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
DT = URIRef(XSD + "dateTime")  # a date with a time is not an xsd:date

COUNCIL = ids.council("kredsraad", "Midt- og Vestjyllands Politi", "Herning")
MEETING = URIRef(ids.meeting(COUNCIL, "2024-03-14"))
DOC = ids.document("2024-03-14_kredsraad_herning.txt")
METTE = URIRef(ids.person("Mette Kjærgaard Holm"))
P_JENS = URIRef(ids.participation(str(MEETING), "Jens Aage Lind"))
P_SOFIE = URIRef(ids.participation(str(MEETING), "Sofie Dalby"))
MENTION = URIRef(ids.mention(DOC, 12, "indbrud"))
HANDOVER = URIRef(ids.handover(DOC, 14, "ssp"))


def kg(local: str) -> URIRef:
    return URIRef(KG + local)


def load(name: str) -> Graph:
    return Graph().parse(FIXTURES / name, format="turtle")


def problems(report: ValidationReport, severity: str = "Violation") -> set[tuple[str, str]]:
    """(focus, path) of every result of ``severity``."""
    return {(v.focus, v.path) for v in report.violations if v.severity == severity}


@pytest.fixture()
def valid() -> Graph:
    return load("valid.ttl")


def test_valid_fixture_conforms(valid):
    report = validate(valid)
    assert report.conforms, report.text()
    assert report.violations == []
    assert "conforms" in report.summary()


def test_valid_fixture_needs_the_reference_data(valid):
    """Without districts, kommuner and themes the links in the fixture do not resolve."""
    report = validate(valid, include_reference=False)
    assert not report.conforms
    assert (f"<{COUNCIL}>", "kg:kommune") in problems(report)
    assert (f"<{MENTION}>", "kg:theme") in problems(report)


def test_fixture_with_four_planted_errors_names_each(valid):
    report = validate(load("invalid.ttl"))
    assert not report.conforms
    assert problems(report) == {
        (f"<{P_JENS}>", "kg:participant"),
        (f"<{P_SOFIE}>", "kg:status"),
        (f"<{MEETING}>", "dcterms:date"),
        (f"<{METTE}>", "foaf:name"),
    }
    by_path = {v.path: v for v in report.violations}
    assert "person" in by_path["kg:participant"].message
    assert by_path["kg:status"].value == "kg:Maybe"
    assert "xsd:date" in by_path["dcterms:date"].message
    assert "name" in by_path["foaf:name"].message
    text = report.text()
    assert "4 violation(s)" in text and str(P_JENS) in text


def _without(g: Graph, s, p) -> Graph:
    g.remove((s, p, None))
    return g


def _replace(g: Graph, s, p, o) -> Graph:
    g.remove((s, p, None))
    g.add((s, p, o))
    return g


PLANTED = {
    "participation without person": (lambda g: _without(g, P_JENS, kg("participant")),
                                      (f"<{P_JENS}>", "kg:participant")),
    "status outside the allowed individuals": (lambda g: _replace(g, P_SOFIE, kg("status"), kg("Late")),
                                               (f"<{P_SOFIE}>", "kg:status")),
    "status as a string": (lambda g: _replace(g, P_SOFIE, kg("status"), Literal("present")),
                           (f"<{P_SOFIE}>", "kg:status")),
    "two statuses": (lambda g: g.add((P_SOFIE, kg("status"), kg("Absent"))), (f"<{P_SOFIE}>", "kg:status")),
    "side outside the allowed individuals": (lambda g: _replace(g, P_JENS, kg("side"), kg("SideRegion")),
                                             (f"<{P_JENS}>", "kg:side")),
    "meeting date as a string": (lambda g: _replace(g, MEETING, DATE, Literal("2024-03-14")),
                                 (f"<{MEETING}>", "dcterms:date")),
    "meeting date as dateTime": (lambda g: _replace(g, MEETING, DATE, Literal("2024-03-14T10:00:00",
                                                                              datatype=DT)),
                                 (f"<{MEETING}>", "dcterms:date")),
    "meeting without date": (lambda g: _without(g, MEETING, DATE), (f"<{MEETING}>", "dcterms:date")),
    "person without name": (lambda g: _without(g, METTE, FOAF_NAME), (f"<{METTE}>", "foaf:name")),
    "year as a string": (lambda g: _replace(g, MEETING, kg("year"), Literal("2024")),
                         (f"<{MEETING}>", "kg:year")),
    "mention without document": (lambda g: _without(g, MENTION, DERIVED),
                                 (f"<{MENTION}>", "prov:wasDerivedFrom")),
    "mention without line": (lambda g: _without(g, MENTION, kg("sourceLine")),
                             (f"<{MENTION}>", "kg:sourceLine")),
    "handover without evidence": (lambda g: _without(g, HANDOVER, kg("evidence")),
                                  (f"<{HANDOVER}>", "kg:evidence")),
    "unknown theme": (lambda g: _replace(g, MENTION, kg("theme"), URIRef(ids.theme("vejret"))),
                      (f"<{MENTION}>", "kg:theme")),
    "handover to an unknown council kind": (lambda g: _replace(g, HANDOVER, kg("toKind"), Literal("byraad")),
                                            (f"<{HANDOVER}>", "kg:toKind")),
    "kommune outside the 98": (lambda g: _replace(g, URIRef(COUNCIL), kg("kommune"),
                                                  URIRef(ids.kommune("Christiansø"))),
                               (f"<{COUNCIL}>", "kg:kommune")),
    "participant who is not a person": (lambda g: _replace(g, P_JENS, kg("participant"), MEETING),
                                        (f"<{P_JENS}>", "kg:participant")),
    "present together with a meeting": (lambda g: g.add((METTE, kg("copresentWith"), MEETING)),
                                        (f"<{METTE}>", "kg:copresentWith")),
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_each_planted_error_alone_is_the_one_violation(valid, name):
    plant, expected = PLANTED[name]
    report = validate(plant(valid))
    assert not report.conforms
    assert problems(report) == {expected}
    assert all(v.message and not v.message.startswith("Value") for v in report.violations)


def test_warnings_are_reported_but_allowed(valid):
    """A source line of 0 (unknown) is a warning: reported, yet the graph still conforms."""
    report = validate(_replace(valid, MENTION, kg("sourceLine"), Literal(0)))
    assert report.conforms
    assert problems(report, "Warning") == {(f"<{MENTION}>", "kg:sourceLine")}


def test_document_subclass_is_enough_for_provenance(valid):
    """The fixture types its document only kg:Referat; dropping that type breaks provenance."""
    doc = URIRef(DOC)
    assert (doc, RDF.type, kg("Document")) not in valid
    valid.remove((doc, RDF.type, kg("Referat")))
    report = validate(valid)
    assert (f"<{P_JENS}>", "prov:wasDerivedFrom") in problems(report)


def test_validate_accepts_a_store_and_a_dataset(valid):
    from rdflib import Dataset

    from kg.store import open_store

    store = open_store("memory:")
    store.load_rdf(valid.serialize(format="nt"), "ntriples", "https://kredsgraf.dk/id/document/x")
    assert validate(store).conforms
    broken = _without(valid, METTE, FOAF_NAME)
    ds = Dataset()
    g = ds.graph(URIRef("https://kredsgraf.dk/id/document/x"))
    for t in broken:
        g.add(t)
    assert problems(validate(ds)) == {(f"<{METTE}>", "foaf:name")}


def test_a_missing_store_is_a_one_line_error(tmp_path):
    from kg.errors import KgError

    with pytest.raises(KgError, match="no store"):
        validate(str(tmp_path / "nowhere"))


# -- graphs built from documents -----------------------------------------------------------------

def _built_graph(folder: Path) -> Graph:
    from kg.extract import extract
    from kg.mapping import record_graph

    g = Graph()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        for t in record_graph(extract(path)):
            g.add(t)
    return g


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus not found at {SHARED_CORPUS}")
def test_graph_of_the_shared_corpus_conforms():
    g = _built_graph(SHARED_CORPUS)
    assert len(list(g.subjects(RDF.type, kg("Participation")))) > 20
    report = validate(g)
    assert report.conforms, report.text(limit=20)


@pytest.mark.skipif(not EXAMPLES_CORPUS.is_dir(), reason="examples/corpus not present yet")
def test_graph_of_the_example_corpus_conforms():
    report = validate(_built_graph(EXAMPLES_CORPUS))
    assert report.conforms, report.text(limit=20)


@pytest.mark.skipif(not EXAMPLES_CORPUS.is_dir(), reason="examples/corpus not present yet")
def test_every_kg_term_the_mapping_writes_is_declared_in_the_ontology():
    from kg.ontology import load_ontology_graph

    onto = load_ontology_graph()
    g = _built_graph(EXAMPLES_CORPUS)
    used = {p for p in g.predicates() if str(p).startswith(KG)}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(KG)}
    used |= {o for p, o in g.predicate_objects() if isinstance(o, URIRef) and str(o).startswith(KG)}
    assert len(used) > 20
    undeclared = sorted(t for t in used if (t, RDF.type, None) not in onto)
    assert undeclared == []
