"""People across documents: one node per person, role histories, the person-roles query."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest

from kg import ids
from kg.errors import KgError
from kg.people import HISTORY_COLUMNS, PEOPLE_COLUMNS, people, person_history, render
from kg.queries import run_query
from kg.record import Council, DocumentRecord, Evidence, Participant

HERNING, STRUER = "001_482483523c639dbd.txt", "000_a48a257350f48b1b.txt"


@pytest.mark.parametrize("variant", [
    "martin sejersgaard-jacobsen", "MARTIN SEJERSGAARD-JACOBSEN", "Martin  Sejersgaard - Jacobsen",
    "Martin Sejersgaard – Jacobsen", "Martin\u00a0Sejersgaard‐Jacobsen", " Martin Sejersgaard-Jacobsen,",
])
def test_name_variants_are_one_iri(variant):
    assert ids.person(variant) == ids.person("Martin Sejersgaard-Jacobsen")
    assert ids.normalise_name(variant) == ids.normalise_name("Martin Sejersgaard-Jacobsen")


@pytest.mark.parametrize("a, b", [
    ("Kåre Skjæveland", "Kaare Skjæveland"), ("Kåre Skjæveland", "KAARE SKJÆVELAND"),
    ("Åse Ørsted", unicodedata.normalize("NFD", "Åse Ørsted")), ("Jens Åkjær", "Jens Aakjær"),
    ("C.Hilborg", "C. Hilborg"), ("Anne O’Hara", "Anne O'Hara"),
])
def test_spelling_variants_fold_to_one_name(a, b):
    assert ids.normalise_name(a) == ids.normalise_name(b)
    assert ids.person(a) == ids.person(b)


def test_initials_and_other_people_stay_apart():
    assert ids.person("C. Hilborg") != ids.person("Claus Hilborg")
    assert ids.person("Cecilie B. Christiansen") != ids.person("Cecilie Christiansen")
    assert ids.person("Jens Åkjær") != ids.person("Jens Åkær")


def test_iris_stay_readable_and_display_names_keep_danish_letters():
    assert ids.person("Kåre Skjæveland") == ids.BASE + "person/kaare-skjaeveland"
    assert ids.display_name("Martin Sejersgaard - Jacobsen") == "Martin Sejersgaard-Jacobsen"
    assert ids.display_name(unicodedata.normalize("NFD", "SØREN ÅKJÆR")) == "Søren Åkjær"


def _row(rows, name):
    (row,) = [r for r in rows if r["person"] == name]
    return row


def test_people_lists_every_person_once_with_years_sides_and_titles(store):
    rows = people(store)
    assert len(rows) == len({r["iri"] for r in rows}) == 5
    jens = _row(rows, "Jens Åkjær")
    assert (jens["documents"], jens["first_year"], jens["last_year"]) == (2, 2021, 2022)
    assert jens["titles"] == "Politiinspektør; Chefpolitiinspektør"
    assert jens["sides"] == "politi"
    birgitte = _row(rows, "Birgitte Østergaard")
    assert (birgitte["documents"], birgitte["first_year"], birgitte["last_year"]) == (2, 2021, 2023)


def _store_with(records):
    from kg.build import load_reference
    from kg.mapping import record_triples, to_ntriples
    from kg.store import open_store

    s = open_store("memory:")
    load_reference(s)
    for r in records:
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    return s


def _doc(source, date, kommune, *people):
    parts = [Participant(name, role, "politi", evidence=Evidence(i + 3, f"{name}\t{role}"))
             for i, (name, role) in enumerate(people)]
    council = Council("kredsraad", "Sydøstjyllands Politi", kommune)
    return DocumentRecord(source=source, document_type="referat", council=council, date=date,
                          year=int(date[:4]), sha256=source[0] * 64, participants=parts)


def test_written_variants_in_several_documents_make_one_person():
    nfd = unicodedata.normalize("NFD", "Kåre Skjæveland")
    s = _store_with([_doc("vejle-2019.txt", "2019-02-01", "Vejle", ("Kaare  Skjæveland", "Anklager"),
                          ("Ida Holm - Bech", "Jurist")),
                     _doc("horsens-2020.txt", "2020-06-01", "Horsens", (nfd, "Senioranklager"),
                          ("IDA HOLM-BECH", "Jurist")),
                     _doc("kolding-2021.txt", "2021-09-01", "Kolding", ("kåre skjæveland", "Chefanklager"))])
    rows = people(s)
    assert len(rows) == 2
    kaare = [r for r in rows if "Skj" in r["person"]][0]
    assert (kaare["documents"], kaare["first_year"], kaare["last_year"]) == (3, 2019, 2021)
    assert kaare["titles"] == "Anklager; Senioranklager; Chefanklager"
    history = person_history("KAARE SKJÆVELAND", s)
    assert [(r["year"], r["title"], r["kommune"]) for r in history] == [
        (2019, "Anklager", "Vejle"), (2020, "Senioranklager", "Horsens"), (2021, "Chefanklager", "Kolding")]
    ida = [r for r in rows if "Ida" in r["person"]][0]
    assert ida["documents"] == 2 and ida["person"] == "Ida Holm-Bech"


def test_person_history_has_dates_council_side_status_and_source_lines(store):
    rows = person_history("jens   ÅKJÆR", store)
    assert [(r["date"], r["title"]) for r in rows] == [("2021-03-02", "Politiinspektør"),
                                                      ("2022-05-10", "Chefpolitiinspektør")]
    assert [(r["source"], r["line"]) for r in rows] == [("aalborg-2021.txt", 6), ("hjoerring-2022.txt", 4)]
    assert {r["side"] for r in rows} == {"politi"} and {r["status"] for r in rows} == {"present"}
    assert [r["kommune"] for r in rows] == ["Aalborg", "Hjørring"]
    assert rows[0]["council"] == "Kredsråd Aalborg" and rows[0]["police_district"] == "Nordjyllands Politi"
    assert "Jens Åkjær" in rows[0]["evidence"]


def test_person_history_of_a_plan_member_has_the_year_and_no_date(store):
    rows = person_history("Birgitte Østergaard", store)
    assert [(r["date"], r["year"], r["council_kind"], r["status"]) for r in rows] == [
        ("2021-03-02", 2021, "kredsraad", "present"), (None, 2023, "lokalraad", "member")]
    assert rows[1]["chair"] is True


def test_unknown_person_names_the_closest(store):
    with pytest.raises(KgError) as err:
        person_history("Jens Åkjer", store)
    assert "Jens Åkjær" in str(err.value)
    with pytest.raises(KgError) as err:
        person_history("Lund", store)
    assert "Mona Lund" in str(err.value)


def test_person_roles_query_binds_the_name_and_ignores_case_spacing_and_aa(store):
    rows = run_query("person-roles", {"person": "JENS  AAKJÆR"}, store).rows
    assert [r["title"] for r in rows] == ["Politiinspektør", "Chefpolitiinspektør"]
    assert run_query("person-roles", {"person": 'x" || true || "'}, store).rows == []


def test_renderers_round_trip(store):
    rows = people(store)
    parsed = list(csv.DictReader(io.StringIO(render(rows, "csv", PEOPLE_COLUMNS))))
    assert [r["person"] for r in parsed] == [r["person"] for r in rows]
    assert json.loads(render(rows, "json", PEOPLE_COLUMNS)) == rows
    table = render(person_history("Mona Lund", store), "table", HISTORY_COLUMNS)
    assert table.splitlines()[0].split()[:3] == ["person", "written_as", "date"]
    assert table.endswith("(2 rows)") and "Mona Lund" in table
    with pytest.raises(KgError):
        render(rows, "xml", PEOPLE_COLUMNS)


def test_shared_corpus_people_recur_as_one_node(shared_corpus, tmp_path):
    from kg.build import build

    report = build([shared_corpus], str(tmp_path / "store"))
    assert not report.failed
    rows = people(str(tmp_path / "store"))
    by_name = {r["person"]: r for r in rows}
    for name in ("Helle Kyndesen", "Claus Hilborg", "Lars Kirkegaard", "Kåre Skjæveland"):
        sources = {h["source"] for h in person_history(name, str(tmp_path / "store"))}
        assert {HERNING, STRUER} <= sources, name
        assert sum(ids.normalise_name(n) == ids.normalise_name(name) for n in by_name) == 1
    lars = person_history("Lars Kirkegaard", str(tmp_path / "store"))
    assert [(r["year"], r["title"]) for r in lars] == [(2023, "Chef for PAC"), (2024, "Stabschef")]


def test_participation_rows_are_one_per_document_and_pair_each_reading_with_its_document():
    from kg.people import participation_rows
    from tests.test_queries_rewrites import _store, _two_documents_of_one_meeting

    store = _store(_two_documents_of_one_meeting())
    rows = participation_rows(store)
    # a.txt: Anne, Bo present, Carl absent; b.pdf: Carl, Dorte present
    seen = sorted((r["source"], r["evidence"], r["status"], r["line"]) for r in rows)
    assert seen == [("a.txt", "Anne Dahl", "present", "1"), ("a.txt", "Bo Holm", "present", "1"),
                    ("a.txt", "Carl Ærø", "absent", "2"), ("b.pdf", "Carl Ærø", "present", "1"),
                    ("b.pdf", "Dorte Øst", "present", "1")]
    assert {r["date"] for r in rows} == {"2022-01-10"} and {r["year"] for r in rows} == {2022}
    carl = ids.person("Carl Ærø")
    def by_source(found: list[dict]) -> list[dict]:
        return sorted(found, key=lambda r: r["source"])

    assert by_source(participation_rows(store, [carl])) == by_source([r for r in rows if r["who"] == carl])
    assert participation_rows(store, [ids.person("Nobody Here")]) == []


def test_person_history_names_the_person_from_their_own_sentences(store):
    """person_history reads only that person's participations; the name shown is the same as in people()."""
    listed = {r["iri"]: r["person"] for r in people(store)}
    for name in list(listed.values())[:5]:
        rows = person_history(name, store)
        assert rows and {r["person"] for r in rows} == {name}
