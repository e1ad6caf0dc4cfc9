"""The five shared documents end to end: the scorer's figures and the rows the named queries return."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kg.build import build
from kg.queries import run_query
from kg.store import open_store


@pytest.fixture(scope="module")
def shared_store():
    from tests_paths import shared_corpus_or_skip

    corpus = shared_corpus_or_skip()
    store = open_store("memory:")
    report = build([corpus], store)
    assert not report.failed, report.failed
    return store


def test_scorer_overall_and_people():
    from tests_paths import SHARED, shared_corpus_or_skip

    corpus = shared_corpus_or_skip()
    cmd = f"{sys.executable} -m kg.cli extract {{file}} --format json"
    scorer = SHARED / "tools" / "score_extraction.py"
    argv = [sys.executable, str(scorer), "--corpus", str(corpus), "--gold", str(SHARED / "gold"), "--quiet",
            "--cmd", cmd]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    summary = out.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w[\w ]*?) (\d\.\d\d)", summary.replace("summary: ", "")))
    assert float(figures["overall"]) >= 0.95, summary
    assert float(figures["people"]) >= 0.97, summary


def test_who_attended_herning_2023(shared_store):
    rows = run_query("meeting-participants", {"date": "2023-09-04", "kommune": "Herning"}, shared_store).rows
    present = {r["person"] for r in rows if r["status"] == "present"}
    assert present == {"Dorte West", "Erik Hattens", "Louise Raunkjær", "Grete Wilmoes", "Kirsten Bundgaard",
                       "Helle Kyndesen", "Claus Hilborg", "Claus Nørgaard", "Lars Kirkegaard",
                       "Kåre Skjæveland", "Niels Kristian Larsen", "Cecilie B. Christiansen"}
    roles = {r["person"]: (r["role"], r["side"]) for r in rows}
    assert roles["Claus Hilborg"] == ("Chefpolitiinspektør", "politi")
    assert roles["Louise Raunkjær"] == ("Direktør for Børn og Unge", "kommune")
    assert [r["person"] for r in rows if r["minute_taker"]] == ["Cecilie B. Christiansen"]


def test_apologies_to_struer_2024(shared_store):
    rows = run_query("absences", {}, shared_store).rows
    struer = {(r["person"], r["role"]) for r in rows if r["date"] == "2024-04-23"}
    assert struer == {("Lars Kirkegaard", "Stabschef"),
                      ("Marianne Hansen", "Afdelingschef for Politiets Administrative Center")}
    assert all(r["kommune"] == "Struer" and r["police_district"] == "Midt- og Vestjyllands Politi"
               for r in rows if r["date"] == "2024-04-23")


def test_person_meetings_follow_a_title_change(shared_store):
    rows = run_query("person-meetings", {"person": "lars kirkegaard"}, shared_store).rows
    assert [(r["date"], r["role"], r["status"]) for r in rows] == [
        ("2023-09-04", "Chef for PAC", "present"), ("2024-04-23", "Stabschef", "absent")]


def test_plan_members_and_co_attendance(shared_store):
    rows = run_query("attendance", {}, shared_store).rows
    members = {r["person"] for r in rows if r["status"] == "member"}
    assert "Jørn Lykkebak" in members and len(members) == 7
    pairs = run_query("co-attendance", {"min": "2"}, shared_store).rows
    shared = {frozenset((r["person_a"], r["person_b"])) for r in pairs}
    assert frozenset(("Helle Kyndesen", "Claus Hilborg")) in shared
    assert all(r["meetings"] == 2 for r in pairs)


def test_every_participation_has_its_evidence_line(shared_store):
    rows = run_query("attendance", {}, shared_store).rows
    assert len(rows) == 9 + 12 + 8 + 7
    for r in rows:
        assert r["line"] > 0 and r["person"].split()[-1] in r["evidence"], r
