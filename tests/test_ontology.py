"""The OWL ontology (HermiT: consistent, all classes satisfiable; labels and comments) and the
reference data (12 politikredse, 98 kommuner, the theme scheme) against their source tables."""

from __future__ import annotations

import csv
import importlib.util
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import ids
from kg.ontology import load_ontology_graph, reason, reference_graph

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
KG = ids.ONTOLOGY
SKOS = "http://www.w3.org/2004/02/skos/core#"
POLICE_DISTRICT = URIRef(KG + "PoliceDistrict")
KOMMUNE = URIRef(KG + "Kommune")
IN_DISTRICT = URIRef(KG + "policeDistrict")

DISTRICT_NAMES = {
    "Nordjyllands Politi", "Østjyllands Politi", "Midt- og Vestjyllands Politi", "Sydøstjyllands Politi",
    "Syd- og Sønderjyllands Politi", "Fyns Politi", "Sydsjællands og Lolland-Falsters Politi",
    "Midt- og Vestsjællands Politi", "Nordsjællands Politi", "Københavns Vestegns Politi",
    "Københavns Politi", "Bornholms Politi",
}


def _builder():
    """``ontology/build_reference.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_reference", ONTOLOGY_DIR / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tsv(name: str) -> list[list[str]]:
    with (ONTOLOGY_DIR / name).open(encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f, delimiter="\t")][1:]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology_graph()


@pytest.fixture(scope="module")
def ref() -> Graph:
    return reference_graph()


# -- reasoner ------------------------------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="Java is needed for HermiT")


@needs_java
@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class():
    result = reason()
    assert result.consistent, result.message
    assert result.unsatisfiable == []


@needs_java
@pytest.mark.slow
def test_reference_data_is_consistent_with_the_ontology(onto, ref):
    """Districts, kommuner and themes as individuals: consistent; a kommune typed as a district is not."""
    assert reason(onto + ref).consistent
    broken = onto + ref
    broken.add((URIRef(ids.kommune("Herning")), RDF.type, POLICE_DISTRICT))
    result = reason(broken)
    assert not result.consistent and result.message


@needs_java
@pytest.mark.slow
def test_hermit_sees_a_planted_contradiction(onto):
    """The check above could fail: a person who is also a meeting is unsatisfiable (disjoint)."""
    broken = Graph()
    for t in onto:
        broken.add(t)
    broken.add((URIRef(KG + "Person"), RDFS.subClassOf, URIRef(KG + "Meeting")))
    result = reason(broken)
    assert KG + "Person" in result.unsatisfiable


@needs_java
@pytest.mark.slow
def test_hermit_rejects_two_statuses_for_one_participation(onto):
    """kg:status is functional and the statuses are pairwise different individuals."""
    broken = Graph()
    for t in onto:
        broken.add(t)
    p = URIRef("https://kredsgraf.dk/id/test/participation")
    broken.add((p, URIRef(KG + "status"), URIRef(KG + "Present")))
    broken.add((p, URIRef(KG + "status"), URIRef(KG + "Absent")))
    assert not reason(broken).consistent


# -- labels and comments -------------------------------------------------------------------------

def _own_terms(g: Graph, kinds: tuple[URIRef, ...]) -> set[URIRef]:
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef) and s.startswith(KG)}


def test_every_class_and_property_has_danish_and_english_label_and_a_comment(onto):
    terms = _own_terms(onto, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                              OWL.NamedIndividual))
    assert len(terms) > 50
    missing = []
    for term in sorted(terms):
        langs = {lab.language for lab in onto.objects(term, RDFS.label) if isinstance(lab, Literal)}
        comments = [c for c in onto.objects(term, RDFS.comment) if str(c).strip()]
        if not {"da", "en"} <= langs or not comments:
            missing.append(term)
    assert missing == []


def test_model_classes_are_declared_and_aligned(onto):
    """The classes of MODEL.md exist, with their standard superclasses."""
    expect = {"Person": "http://xmlns.com/foaf/0.1/Person", "Meeting": "https://schema.org/Event",
              "Document": "http://www.w3.org/ns/prov#Entity", "Participation": "http://www.w3.org/ns/prov#Entity",
              "Side": SKOS + "Concept", "AttendanceStatus": SKOS + "Concept"}
    for local, parent in expect.items():
        assert (URIRef(KG + local), RDFS.subClassOf, URIRef(parent)) in onto, local
    for local in ("Kredsraad", "Lokalraad", "FaellesKredsraad", "OtherCouncil"):
        assert (URIRef(KG + local), RDFS.subClassOf, URIRef(KG + "Council")) in onto


def test_no_property_has_xsd_date_as_range(onto):
    """HermiT rejects xsd:date ranges; dates are left to the SHACL shapes."""
    assert list(onto.subject_objects(RDFS.range)) and not list(
        onto.subjects(RDFS.range, URIRef("http://www.w3.org/2001/XMLSchema#date")))


def test_sides_and_statuses_are_pairwise_different_concepts(onto):
    members = set()
    for node in onto.subjects(RDF.type, OWL.AllDifferent):
        lst = onto.value(node, OWL.distinctMembers)
        members |= set(onto.items(lst))
    values = {"Side": {"SideKommune", "SidePoliti", "SideAnden"},
              "AttendanceStatus": {"Present", "Absent", "Member"}}
    for cls, locals_ in values.items():
        found = {str(s).removeprefix(KG) for s in onto.subjects(RDF.type, URIRef(KG + cls))}
        assert found == locals_
        assert {URIRef(KG + v) for v in locals_} <= members


# -- reference data ------------------------------------------------------------------------------

def test_twelve_districts_with_the_police_names(ref):
    districts = set(ref.subjects(RDF.type, POLICE_DISTRICT))
    assert len(districts) == 12
    names = {_label(ref, d, "da") for d in districts}
    assert names == DISTRICT_NAMES
    assert {URIRef(ids.district(n)) for n in DISTRICT_NAMES} == districts
    assert all(_label(ref, d, "en") for d in districts)


def _label(g: Graph, node: URIRef, lang: str) -> str | None:
    labels = [str(x) for x in g.objects(node, RDFS.label) if isinstance(x, Literal) and x.language == lang]
    return labels[0] if len(labels) == 1 else None


def test_98_kommuner_each_in_exactly_one_district(ref):
    kommuner = set(ref.subjects(RDF.type, KOMMUNE))
    assert len(kommuner) == 98
    districts = set(ref.subjects(RDF.type, POLICE_DISTRICT))
    for k in kommuner:
        assert _label(ref, k, "da") and _label(ref, k, "en"), k
        ds = list(ref.objects(k, IN_DISTRICT))
        assert len(ds) == 1 and ds[0] in districts, k
    used = {next(ref.objects(k, IN_DISTRICT)) for k in kommuner}
    assert used == districts  # every district has kommuner


def test_kommuner_table_is_complete_and_consistent():
    rows = _tsv("kommuner.tsv")
    names = [r[0] for r in rows]
    assert len(rows) == 98 and len(set(names)) == 98
    assert {r[1] for r in rows} == DISTRICT_NAMES
    assert not any(n.endswith("Kommune") or n == "Christiansø" for n in names)
    assert len({r[2] for r in rows}) == 5  # the five regions
    sizes = {}
    for r in rows:
        sizes[r[2]] = sizes.get(r[2], 0) + 1
    assert sizes == {"Region Hovedstaden": 29, "Region Sjælland": 17, "Region Syddanmark": 22,
                     "Region Midtjylland": 19, "Region Nordjylland": 11}


@pytest.mark.parametrize("kommune,district", [
    ("Herning", "Midt- og Vestjyllands Politi"), ("Struer", "Midt- og Vestjyllands Politi"),
    ("Thisted", "Midt- og Vestjyllands Politi"), ("Silkeborg", "Midt- og Vestjyllands Politi"),
    ("Billund", "Sydøstjyllands Politi"), ("Skanderborg", "Sydøstjyllands Politi"),
    ("Vejen", "Syd- og Sønderjyllands Politi"), ("Middelfart", "Fyns Politi"),
    ("Køge", "Midt- og Vestsjællands Politi"), ("Slagelse", "Sydsjællands og Lolland-Falsters Politi"),
    ("Gladsaxe", "Københavns Vestegns Politi"), ("Lyngby-Taarbæk", "Nordsjællands Politi"),
    ("Høje-Taastrup", "Københavns Vestegns Politi"), ("Tårnby", "Københavns Politi"),
    ("Ærø", "Fyns Politi"), ("Læsø", "Nordjyllands Politi"), ("Fanø", "Syd- og Sønderjyllands Politi"),
])
def test_known_kommune_districts(ref, kommune, district):
    assert (URIRef(ids.kommune(kommune)), IN_DISTRICT, URIRef(ids.district(district))) in ref


def test_reference_ttl_matches_kommuner_tsv():
    build = _builder()
    expected = build.reference_graph(build.read_kommuner())
    actual = Graph().parse(ONTOLOGY_DIR / "reference.ttl", format="turtle")
    assert isomorphic(expected, actual), "run python ontology/build_reference.py and commit the output"
    # independent of the generator: every TSV row is in the file
    for kommune, district, region in _tsv("kommuner.tsv"):
        node = URIRef(ids.kommune(kommune))
        assert (node, IN_DISTRICT, URIRef(ids.district(district))) in actual
        assert (node, URIRef(KG + "region"), Literal(region)) in actual


def test_themes_ttl_agrees_with_themes_tsv():
    rows = _tsv("themes.tsv")
    g = Graph().parse(ONTOLOGY_DIR / "themes.ttl", format="turtle")
    concept, scheme = URIRef(SKOS + "Concept"), URIRef(ids.THEME_SCHEME)
    concepts = set(g.subjects(RDF.type, concept))
    assert concepts == {URIRef(ids.theme(r[0])) for r in rows}
    for theme_id, label_da, label_en, cues in rows:
        node = URIRef(ids.theme(theme_id))
        assert (node, URIRef(SKOS + "inScheme"), scheme) in g
        assert set(g.objects(node, URIRef(SKOS + "notation"))) == {Literal(theme_id)}
        assert set(g.objects(node, URIRef(SKOS + "prefLabel"))) == {Literal(label_da, lang="da"),
                                                                   Literal(label_en, lang="en")}
        expected_alt = {Literal(c.strip(), lang="da") for c in cues.split(";") if c.strip()}
        assert set(g.objects(node, URIRef(SKOS + "altLabel"))) == expected_alt
    build = _builder()
    assert isomorphic(build.themes_graph(build.read_themes()), g)


def test_aliases_file_is_valid_turtle():
    """owl:sameAs links two person IRIs; every decision names both and says confirmed or rejected."""
    from rdflib.namespace import RDF

    g = Graph().parse(ONTOLOGY_DIR / "aliases.ttl", format="turtle")
    person = "https://kredsgraf.dk/id/person/"
    for a, b in g.subject_objects(OWL.sameAs):
        assert str(a).startswith(person) and str(b).startswith(person)
    for d in g.subjects(RDF.type, URIRef(KG + "AliasDecision")):
        assert g.value(d, RDF.subject) is not None and g.value(d, RDF.object) is not None
        assert str(g.value(d, URIRef(KG + "decision"))) in {"confirmed", "rejected"}
