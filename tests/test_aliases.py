"""Alias proposals and decisions, end to end on hand-made records and a temporary aliases file."""

from __future__ import annotations

import pytest

from kg import ids
from kg.aliases import (
    apply_aliases,
    confirm_alias,
    match_names,
    propose_aliases,
    read_decisions,
    reject_alias,
    titles_compatible,
)
from kg.errors import KgError
from kg.people import people, person_history
from kg.queries import run_query
from kg.record import Council, DocumentRecord, Evidence, Participant
from tests.conftest import make_records

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def _p(name: str, role: str, side: str, line: int) -> Participant:
    return Participant(name, role, side, evidence=Evidence(line, f"{name}, {role}"))


def _later_record() -> DocumentRecord:
    """A 2023 kredsråd meeting naming two people of the fixture records in another way."""
    return DocumentRecord(
        source="frederikshavn-2023.txt", document_type="referat", date="2023-11-07", year=2023,
        council=Council("kredsraad", "Nordjyllands Politi", "Frederikshavn"), sha256="d" * 64,
        participants=[_p("J. Åkjær", "Chefpolitiinspektør", "politi", 4),
                      _p("Søren Kragh", "Stabschef", "politi", 5),
                      _p("Mona Lund", "Jurist", "politi", 6), _p("M. Lund", "Sekretær", "kommune", 7)])


@pytest.fixture
def alias_store():
    from kg.build import load_reference
    from kg.mapping import record_triples, to_ntriples
    from kg.store import open_store

    s = open_store("memory:")
    load_reference(s)
    for r in [*make_records(), _later_record()]:
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    return s


@pytest.fixture
def aliases_file(tmp_path, monkeypatch):
    path = tmp_path / "aliases.ttl"
    monkeypatch.setenv("KG_ALIASES", str(path))
    return path


def _pairs(proposals) -> set[frozenset[str]]:
    return {frozenset((p.a, p.b)) for p in proposals}


@pytest.mark.parametrize("a, b, kind", [
    ("C. Hilborg", "Claus Hilborg", "initials"),
    ("Cecilie B. Christiansen", "Cecilie Christiansen", "middle name"),
    ("C.B. Christiansen", "Cecilie Christiansen", "initials, middle name"),
    ("Søren Krag", "Soren Krag", "spelling"),
    ("Ole Hansen", "Ole Bladt-Hansen", "middle name"),
])
def test_name_matches(a, b, kind):
    assert match_names(a, b)[0] == kind
    assert match_names(b, a)[0] == kind


@pytest.mark.parametrize("a, b", [("Claus Nørgaard", "Claus Hilborg"), ("C. Hilborg", "K. Hilborg"),
                                  ("Erik Holm", "Erik Hattens"), ("Claus Hilborg", "Claus Hilborg")])
def test_names_that_do_not_match(a, b):
    assert match_names(a, b) is None


def test_title_compatibility():
    assert titles_compatible("Chefpolitiinspektør", "chefpolitiinspektør") == "same"
    assert titles_compatible("Politiinspektør", "Chefpolitiinspektør") == "contained"
    assert titles_compatible("Politikommissær", "Vicepolitiinspektør") == "promotion"
    assert titles_compatible("Borgmester", "Politidirektør") is None


def test_proposals_carry_evidence_and_a_score(alias_store, aliases_file):
    proposals = propose_aliases(alias_store)
    assert _pairs(proposals) == {frozenset(("J. Åkjær", "Jens Åkjær")),
                                 frozenset(("Søren Krag", "Søren Kragh"))}
    jens = next(p for p in proposals if p.a == "J. Åkjær")
    assert jens.kind == "initials"
    assert (jens.a_iri, jens.b_iri) == (ids.person("J. Åkjær"), ids.person("Jens Åkjær"))
    assert "same side politi" in jens.evidence
    assert "same title Chefpolitiinspektør" in jens.evidence
    assert "same police district Nordjyllands Politi" in jens.evidence
    assert "adjacent years 2023 and 2021–2022" in jens.evidence
    assert jens.reason.startswith("J. Åkjær ~ Jens Åkjær: initials (J. = Jens)")
    assert proposals == sorted(proposals, key=lambda p: -p.score)


def test_evidence_against_lowers_the_score(alias_store, aliases_file):
    assert not any("M. Lund" in (p.a, p.b) for p in propose_aliases(alias_store))
    (lund,) = [p for p in propose_aliases(alias_store, min_score=0) if "M. Lund" in (p.a, p.b)]
    assert lund.score < 0.4
    assert any(e.startswith("both named in the same document frederikshavn-2023.txt") for e in lund.evidence)
    assert any(e.startswith("different sides") for e in lund.evidence)


def test_confirmed_alias_end_to_end(alias_store, aliases_file):
    assert len(person_history("J. Åkjær", alias_store)) == 1
    decision = confirm_alias("J. Åkjær", "Jens Åkjær", note="Same chief inspector, per the secretariat.",
                             store=alias_store, today="2025-01-15")
    assert decision.decision == "confirmed" and "same title Chefpolitiinspektør" in decision.evidence
    text = aliases_file.read_text(encoding="utf-8")
    assert "person:j-aakjaer owl:sameAs person:jens-aakjaer ." in text
    assert '"J. Åkjær = Jens Åkjær"@da' in text and '"2025-01-15"^^xsd:date' in text
    assert apply_aliases(alias_store) == 1
    rows = [r for r in people(alias_store) if "Åkjær" in r["person"]]
    assert len(rows) == 1
    assert (rows[0]["person"], rows[0]["also_written"], rows[0]["documents"]) == ("Jens Åkjær", "J. Åkjær", 3)
    history = person_history("J. Åkjær", alias_store)
    assert [(r["year"], r["title"], r["written_as"]) for r in history] == [
        (2021, "Politiinspektør", "Jens Åkjær"), (2022, "Chefpolitiinspektør", "Jens Åkjær"),
        (2023, "Chefpolitiinspektør", "J. Åkjær")]
    assert len(run_query("person-roles", {"person": "j. åkjær"}, alias_store).rows) == 3
    assert frozenset(("J. Åkjær", "Jens Åkjær")) not in _pairs(propose_aliases(alias_store))


def test_rejected_alias_end_to_end(alias_store, aliases_file):
    reject_alias("Søren Kragh", "Søren Krag", note="Two people: Kragh came from Østjylland.",
                 store=alias_store, today="2025-01-16")
    decisions = read_decisions(aliases_file)
    (d,) = decisions.values()
    assert (d.decision, d.note, d.label) == ("rejected", "Two people: Kragh came from Østjylland.",
                                             "Søren Krag ≠ Søren Kragh")
    assert "owl:sameAs person:" not in aliases_file.read_text(encoding="utf-8")
    apply_aliases(alias_store)
    assert {"Søren Krag", "Søren Kragh"} <= {r["person"] for r in people(alias_store)}
    assert _pairs(propose_aliases(alias_store)) == {frozenset(("J. Åkjær", "Jens Åkjær"))}


def test_a_later_decision_replaces_an_earlier_one(alias_store, aliases_file):
    confirm_alias("Søren Kragh", "Søren Krag", store=alias_store, today="2025-01-16")
    apply_aliases(alias_store)
    assert "Søren Kragh" not in {r["person"] for r in people(alias_store)}
    reject_alias("Søren Krag", "Søren Kragh", store=alias_store, today="2025-01-17")
    apply_aliases(alias_store)
    assert {"Søren Krag", "Søren Kragh"} <= {r["person"] for r in people(alias_store)}
    assert [d.decision for d in read_decisions().values()] == ["rejected"]


def test_aliases_file_is_deterministic_turtle_with_danish_letters(alias_store, aliases_file, tmp_path):
    from rdflib import Graph, URIRef

    confirm_alias("J. Åkjær", "Jens Åkjær", note="Bekræftet af sekretariatet i Aalborg", today="2025-01-15")
    reject_alias("Søren Krag", "Søren Kragh", today="2025-01-16")
    first = aliases_file.read_bytes()
    other = tmp_path / "again.ttl"
    confirm_alias("Søren Kragh", "Søren Krag", path=other, today="2025-01-16")
    reject_alias("Søren Krag", "Søren Kragh", path=other, today="2025-01-16")
    confirm_alias("Jens Åkjær", "J. Åkjær", path=other, note="Bekræftet af sekretariatet i Aalborg",
                  today="2025-01-15")
    assert other.read_bytes() == first
    assert "Bekræftet af sekretariatet i Aalborg" in first.decode("utf-8")
    g = Graph().parse(aliases_file, format="turtle", encoding="utf-8")
    assert set(g.subject_objects(URIRef(OWL_SAME_AS))) == {
        (URIRef(ids.person("J. Åkjær")), URIRef(ids.person("Jens Åkjær")))}
    assert len(read_decisions(aliases_file)) == 2


def test_bad_decisions_are_one_line_errors(alias_store, aliases_file):
    with pytest.raises(KgError, match="closest: Jens Åkjær"):
        confirm_alias("Jens Åkjer", "J. Åkjær", store=alias_store)
    with pytest.raises(KgError, match="already one person node"):
        confirm_alias("Jens Åkjær", "JENS  AAKJÆR")
    assert not aliases_file.exists()


def _disk_store(path) -> str:
    from kg.build import load_reference
    from kg.mapping import record_triples, to_ntriples
    from kg.store import open_store

    s = open_store(str(path))
    load_reference(s)
    for r in [*make_records(), _later_record()]:
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    s.flush()
    return str(path)


def test_cli_propose_confirm_reject(tmp_path):
    import json

    from click.testing import CliRunner

    from kg.cli import main

    store, file = _disk_store(tmp_path / "store"), str(tmp_path / "aliases.ttl")
    run = CliRunner().invoke
    out = run(main, ["aliases", "propose", "--format", "json", "--aliases", file, "--store", store])
    assert out.exit_code == 0, out.output
    assert {(p["a"], p["b"]) for p in json.loads(out.output)} == {("J. Åkjær", "Jens Åkjær"),
                                                                  ("Søren Krag", "Søren Kragh")}
    out = run(main, ["aliases", "confirm", "J. Åkjær", "Jens Åkjær", "--note", "ja", "--aliases", file,
                     "--store", store])
    assert out.exit_code == 0 and "confirmed: J. Åkjær = Jens Åkjær" in out.output, out.output
    out = run(main, ["aliases", "reject", "Søren Krag", "Søren Kragh", "--aliases", file, "--store", store])
    assert out.exit_code == 0, out.output
    out = run(main, ["aliases", "propose", "--aliases", file, "--store", store])
    assert out.output.strip().endswith("(0 proposals; decide with `kg aliases confirm A B` / "
                                       "`kg aliases reject A B`)")
    out = run(main, ["person", "j. åkjær", "--format", "json", "--store", store])
    assert [r["title"] for r in json.loads(out.output)] == ["Politiinspektør", "Chefpolitiinspektør",
                                                            "Chefpolitiinspektør"]
    out = run(main, ["people", "--format", "csv", "--store", store])
    assert sum("Åkjær" in line for line in out.output.splitlines()) == 1
    out = run(main, ["aliases", "confirm", "Nobody Here", "Jens Åkjær", "--aliases", file, "--store", store])
    assert out.exit_code == 1 and "no person called 'Nobody Here'" in out.output


def _person(name: str, *posts: tuple[int, str]):
    from kg.people import Participation, Person

    iri = ids.person(name)
    parts = [Participation(iri, role, "kommune", "present", None, year, f"doc-{year}", f"{name}-{year}.txt",
                           3, name, "Kredsråd Holbæk", "Midt- og Vestsjællands Politi", "Holbæk")
             for year, role in posts]
    return Person([iri], {iri: [name]}, parts)


def test_two_posts_in_the_same_year_count_against():
    from kg.aliases import evidence

    a = _person("Lene Sommer", (2011, "SSP-leder"))
    score_clash, notes = evidence(a, _person("Lene Juul Sommer", (2011, "Borgmester")))
    assert "different posts in the same year 2011: SSP-leder vs Borgmester" in notes
    score_later, notes = evidence(a, _person("Lene Juul Sommer", (2015, "Borgmester")))
    assert not any(n.startswith("different posts") for n in notes)
    score_same, _ = evidence(a, _person("Lene Juul Sommer", (2011, "SSP-leder")))
    assert score_clash < score_later < score_same
