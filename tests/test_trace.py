"""``kg trace`` / ``kg themes``: theme histories from the graph, their filters and renderers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.trace import TraceStep, council_themes, render_matrix, render_trace, resolve_theme, trace, trace_html

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "themes"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def _store(folder: Path):
    from kg.build import build
    from kg.store import open_store

    store = open_store("memory:")
    report = build([folder], store=store)
    assert not report.failed
    return store


@pytest.fixture(scope="module")
def own_store():
    return _store(FIXTURES)


@pytest.fixture(scope="module")
def shared_store():
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside the project ({SHARED_CORPUS} is absent)")
    return _store(SHARED_CORPUS)


# --- theme names -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "theme_id"), [
    ("psykisk-syge", "psykisk-syge"), ("Psykisk Syge", "psykisk-syge"), ("BURGLARY", "indbrud"),
    ("indbruddene", "indbrud"), ("Faerdsel", "faerdsel"), ("boern og unge", "boern-og-unge"),
    ("Bandekriminalitet", "bander"), ("Dyreværn", "dyrevaern"),
])
def test_theme_is_matched_by_id_label_or_cue(name: str, theme_id: str) -> None:
    assert resolve_theme(name).id == theme_id


def test_unknown_theme_lists_the_closest() -> None:
    with pytest.raises(KgError, match="psykisk-syge"):
        resolve_theme("psykist")


# --- own corpus -------------------------------------------------------------------------------

def test_steps_are_in_date_order_with_first_appearances(own_store) -> None:
    steps = trace("indbrud", own_store)
    keys = [(s.year, s.date or "") for s in steps]
    assert keys == sorted(keys)
    assert [s.year for s in steps if s.kind == "mention"][0] == 2012
    firsts = {s.council["police_district"]: s.year for s in steps if s.first_in_district}
    assert firsts == {"Nordjyllands Politi": 2012, "Fyns Politi": 2015, "Sydøstjyllands Politi": 2021}
    vejle_firsts = [s for s in steps if s.first_in_council and s.council["kommune"] == "Vejle"]
    assert [(s.council["kind"], s.year) for s in vejle_firsts] == [("kredsraad", 2021), ("lokalraad", 2022)]


def test_filters_narrow_the_trace(own_store) -> None:
    assert {s.year for s in trace("indbrud", own_store, from_year=2015, to_year=2021)} == {2015, 2021}
    assert {s.council["kommune"] for s in trace("indbrud", own_store, district="fyn")} == {"Odense"}
    assert {s.council["kommune"] for s in trace("indbrud", own_store, kommune="VEJLE")} == {"Vejle"}
    assert trace("indbrud", own_store, from_year=2030) == []


def test_handovers_appear_as_steps(own_store) -> None:
    steps = trace("psykisk-syge", own_store)
    handovers = [s for s in steps if s.kind == "handover"]
    assert [(s.date, s.from_kind, s.to_council["kind"], s.to_council["kommune"]) for s in handovers] == [
        ("2021-03-10", "kredsraad", "lokalraad", "Vejle"), ("2022-05-02", "kredsraad", "lokalraad", "Vejle")]
    assert "arbejdes videre med emnet i lokalrådet" in handovers[0].evidence
    burglary_handover = [s for s in trace("indbrud", own_store) if s.kind == "handover"]
    assert [s.agenda_item for s in burglary_handover] == ["1"]


def test_json_shape(own_store) -> None:
    data = json.loads(render_trace(trace("psykisk-syge", own_store), "psykisk-syge", "json"))
    assert data and isinstance(data, list)
    for step in data:
        spec = {"date", "year", "council", "source", "agenda_item", "evidence", "kind", "to_council"}
        assert spec <= set(step)
        assert set(step["council"]) == {"kind", "kommune", "police_district"}
        assert step["kind"] in ("mention", "handover")
        assert (step["to_council"] is None) == (step["kind"] == "mention")
        assert step["evidence"]
    mention = next(s for s in data if s["kind"] == "mention" and s["source"].startswith("2021"))
    assert mention["agenda_item"] == "3" and "psykisk" in mention["evidence"].lower()


def test_table_names_the_councils_and_first_appearances(own_store) -> None:
    text = render_trace(trace("indbrud", own_store), "indbrud", "table")
    assert "kredsråd Aalborg (Nordjyllands Politi)" in text
    assert "First appearance per police district:" in text
    assert text.index("2012-09-18") < text.index("2021-03-10")


def test_html_is_self_contained_and_escaped(own_store) -> None:
    steps = trace("indbrud", own_store)
    evil = TraceStep("2023-01-01", 2023, {"kind": "kredsraad", "kommune": "Vejle", "police_district": None},
                     "x.txt", None, "<script>alert('x')</script> & </script>", "mention",
                     sentences=[(1, "<img src=x onerror=alert(1)>")])
    page = trace_html(steps + [evil], resolve_theme("indbrud"))
    assert "http://" not in page and "https://" not in page
    assert "<script>alert" not in page and "<img src" not in page
    assert page.count("<script") == 2  # the data block and the inline code, nothing else
    assert page.count('data-i="') >= 2 * len(steps)  # every step is clickable (svg mark + table row)
    assert "kredsråd Aalborg (Nordjyllands Politi)" in page


def test_council_theme_matrix(own_store) -> None:
    matrix = council_themes(own_store)
    vejle = ("kredsraad", "Vejle", "Sydøstjyllands Politi")
    assert matrix.themes(vejle, 2021) == ["psykisk-syge", "indbrud", "bander"]
    assert matrix.years == [2012, 2015, 2021, 2022]
    csv_text = render_matrix(matrix, "csv")
    assert csv_text.splitlines()[0] == "council_kind,kommune,police_district,year,themes"
    assert "kredsraad,Vejle,Sydøstjyllands Politi,2021,psykisk-syge;indbrud;bander" in csv_text
    page = render_matrix(matrix, "html")
    assert "http" not in page and page.count("<tr>") == len(matrix.councils) + 1
    assert "kredsråd Vejle" in render_matrix(matrix, "table")


# --- the shared corpus (done-when of issue 4) --------------------------------------------------

def test_psykisk_syge_herning_before_struer_with_handover(shared_store) -> None:
    steps = trace("psykisk-syge", shared_store)
    herning = [s for s in steps if s.council["kommune"] == "Herning" and s.kind == "mention"]
    struer = [s for s in steps if s.council["kommune"] == "Struer" and s.kind == "mention"]
    assert herning[0].date == "2023-09-04" and struer[0].date == "2024-04-23"
    assert steps.index(herning[0]) < steps.index(struer[0])
    assert "psykisk" in herning[0].evidence.lower() and "psykisk" in struer[0].evidence.lower()
    to_lokalraad = [s for s in steps if s.kind == "handover" and s.to_council["kind"] == "lokalraad"]
    assert any("Lokalrådene har grebet opgaven" in s.evidence for s in to_lokalraad)
    assert all(s.date == "2024-04-23" for s in to_lokalraad)


def test_indbrud_spans_2009_to_2024_across_three_districts(shared_store) -> None:
    steps = trace("indbrud", shared_store)
    years = [s.year for s in steps]
    assert min(years) == 2009 and max(years) == 2024
    assert len({s.council["police_district"] for s in steps}) == 3
    assert sum(s.first_in_district for s in steps) == 3
