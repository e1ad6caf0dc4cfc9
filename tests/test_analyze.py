"""kg.analyze on hand-made records and on the shared documents' gold records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.analyze import bridges, centrality, communities, path, render_rows
from kg.errors import KgError
from kg.network import Filters

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_bridges_are_people_in_two_councils(store):
    rows = {r["person"]: r for r in bridges(store)}
    assert set(rows) == {"Jens Åkjær", "Mona Lund", "Birgitte Østergaard"}  # Søren Krag only sent apologies
    assert rows["Jens Åkjær"]["council_names"] == "Kredsråd Aalborg; Kredsråd Hjørring"
    assert rows["Birgitte Østergaard"]["council_names"] == "Kredsråd Aalborg; Lokalråd Aalborg"
    assert rows["Jens Åkjær"]["districts"] == 1
    assert bridges(store, Filters(kommune="Hjørring")) == []


def test_path_goes_through_the_shared_meetings(store):
    rows = path(store, "Birgitte Østergaard", "ulla bæk")
    assert [r["date"] for r in rows] == ["2021-03-02", "2022-05-10"]
    assert rows[0]["from"] == "Birgitte Østergaard" and rows[-1]["to"] == "Ulla Bæk"
    assert rows[0]["to"] == rows[1]["from"] and rows[0]["to"] in {"Jens Åkjær", "Mona Lund"}
    assert rows[1]["to_role"] == "Borgmester"
    with pytest.raises(KgError, match="no person named"):
        path(store, "Birgitte Østergaard", "Søren Krag")  # absent only: not in the meeting graph


def test_path_reports_people_who_are_not_connected(records):
    from kg import ids
    from kg.build import load_reference
    from kg.mapping import record_triples, to_ntriples
    from kg.record import Council, DocumentRecord, Participant
    from kg.store import open_store

    apart = DocumentRecord(source="odense-2020.txt", document_type="referat", date="2020-01-07", year=2020,
                           council=Council("kredsraad", "Fyns Politi", "Odense"),
                           participants=[Participant("Per Fjord", "Borgmester", "kommune")])
    s = open_store("memory:")
    load_reference(s)
    for r in [*records, apart]:
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    with pytest.raises(KgError, match="not connected"):
        path(s, "Per Fjord", "Ulla Bæk")


def test_centrality_ranks_the_connectors_first(store):
    rows = centrality(store)
    top = {r["person"] for r in rows[:2]}
    assert top == {"Jens Åkjær", "Mona Lund"}
    by_name = {r["person"]: r for r in rows}
    assert by_name["Jens Åkjær"]["betweenness_person_meeting"] > 0
    assert by_name["Ulla Bæk"]["betweenness_person_meeting"] == 0
    assert by_name["Jens Åkjær"]["meetings"] == 2 and by_name["Jens Åkjær"]["councils"] == 2
    assert len(centrality(store, top=1)) == 1


def test_communities_cover_every_present_person_once(store):
    rows = communities(store)
    members = [m for r in rows for m in r["members"].split("; ")]
    assert sorted(members) == sorted({"Birgitte Østergaard", "Jens Åkjær", "Mona Lund", "Ulla Bæk"})
    assert sum(r["size"] for r in rows) == len(members)


def test_render_rows_csv_json_and_table_keep_danish_letters(store):
    rows = bridges(store)
    parsed = list(csv.DictReader(io.StringIO(render_rows(rows, "csv"))))
    assert [r["person"] for r in parsed] == [r["person"] for r in rows]
    assert json.loads(render_rows(rows, "json")) == rows
    table = render_rows(rows, "table")
    assert "Birgitte Østergaard" in table and table.endswith(f"({len(rows)} rows)")
    assert render_rows([], "table") == "(no rows)"


# -- the shared documents ------------------------------------------------------------------------

def _gold_store():
    from kg import ids
    from kg.build import load_reference
    from kg.mapping import record_triples, to_ntriples
    from kg.record import AgendaItem, Council, DocumentRecord, Participant
    from kg.store import open_store

    gold = SHARED / "gold"
    if not gold.is_dir():
        pytest.skip(f"the shared gold records are not beside the project ({gold} is absent)")
    s, records = open_store("memory:"), []
    load_reference(s)  # the sides' and statuses' notations live in the ontology graph
    for f in sorted(gold.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        r = DocumentRecord(source=d["source"], document_type=d["document_type"],
                           council=Council(**d["council"]), date=d["date"], year=d["year"], place=d["place"],
                           participants=[Participant(**p) for p in d["participants"]],
                           agenda=[AgendaItem(**a) for a in d["agenda"]], projects=d["projects"],
                           themes=d["themes"])
        records.append(r)
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    return s, records


def _present_at(records, date: str) -> set[str]:
    (record,) = [r for r in records if r.date == date]
    return {p.name for p in record.participants if p.status == "present"}


def test_shared_bridges_between_herning_and_struer():
    store, records = _gold_store()
    both = _present_at(records, "2023-09-04") & _present_at(records, "2024-04-23")
    rows = {r["person"]: r for r in bridges(store)}
    assert {"Helle Kyndesen", "Claus Hilborg"} <= set(rows)
    assert set(rows) == both  # the gold also has Kåre Skjæveland at both meetings
    assert rows["Helle Kyndesen"]["council_names"] == "Kredsråd Herning; Kredsråd Struer"
    assert rows["Claus Hilborg"]["meetings"] == "Kredsråd Herning 2023-09-04; Kredsråd Struer 2024-04-23"


def test_shared_path_from_herning_to_struer_through_a_bridge():
    store, records = _gold_store()
    rows = path(store, "Dorte West", "Marianne Bredal")
    assert [(r["date"], r["council"]) for r in rows] == [("2023-09-04", "Kredsråd Herning"),
                                                         ("2024-04-23", "Kredsråd Struer")]
    middle = rows[0]["to"]
    assert middle == rows[1]["from"]
    assert middle in _present_at(records, "2023-09-04") & _present_at(records, "2024-04-23")
    with pytest.raises(KgError, match="not connected"):
        path(store, "Dorte West", "Ib Kristensen")  # Billund (Sydøstjylland) shares nobody with Herning


def test_shared_corpus_through_the_loaders(shared_corpus):
    """The same questions on what the loaders extract from the shared files."""
    from kg.build import build
    from kg.store import open_store

    s = open_store("memory:")
    build([shared_corpus], s)
    if not s.query("ASK { ?p a <https://kredsgraf.dk/ontology#Participation> }").boolean:
        pytest.skip("the loaders extract no participants from the shared corpus yet")
    names = {r["person"] for r in bridges(s)}
    assert {"Helle Kyndesen", "Claus Hilborg"} <= names
    rows = path(s, "Dorte West", "Marianne Bredal")
    assert [r["date"] for r in rows] == ["2023-09-04", "2024-04-23"]


def _path_on_the_full_graph(store, a: str, b: str, filters: Filters | None = None) -> list[dict]:
    """The shortest path as found on the person–meeting graph with all its attributes (as before
    path built its own bare graph)."""
    import networkx as nx

    from kg.network import find_node, load_facts, person_meeting_graph

    pm = person_meeting_graph(store, facts=load_facts(store, filters, content=False, sentences=False))
    nodes = nx.shortest_path(pm, find_node(pm, a, "person"), find_node(pm, b, "person"))
    rows = []
    for step, i in enumerate(range(0, len(nodes) - 2, 2), start=1):
        left, meeting, right = nodes[i], nodes[i + 1], nodes[i + 2]
        m = pm.nodes[meeting]
        rows.append({"step": step, "from": pm.nodes[left]["label"],
                     "from_role": pm.edges[left, meeting].get("role", ""), "meeting": m["label"],
                     "date": m.get("date", ""), "council": m.get("council", ""),
                     "to": pm.nodes[right]["label"], "to_role": pm.edges[right, meeting].get("role", ""),
                     "source": pm.edges[left, meeting].get("source", "")})
    return rows


@pytest.mark.parametrize("seed", [31, 32])
def test_path_is_the_one_found_on_the_full_person_meeting_graph(seed):
    """Random corpora (some meetings described by two documents): the same chain, step by step."""
    import random

    from kg.network import person_meeting_graph
    from tests.test_queries_rewrites import _store, random_records

    store = _store(random_records(seed, 40))
    pm = person_meeting_graph(store)
    people = sorted(str(a["label"]) for _, a in pm.nodes(data=True) if a["kind"] == "person")
    rng = random.Random(seed)
    checked = 0
    for a, b in (rng.sample(people, 2) for _ in range(25)):
        try:
            expected = _path_on_the_full_graph(store, a, b)
        except Exception:  # noqa: BLE001 - not connected: path must say so too
            with pytest.raises(KgError):
                path(store, a, b)
            continue
        assert path(store, a, b) == expected
        checked += 1
    assert checked >= 5


def test_path_under_a_filter_is_the_one_found_on_the_filtered_graph():
    from kg.network import load_facts, person_meeting_graph
    from tests.test_queries_rewrites import _store, random_records

    store = _store(random_records(33, 40))
    late = Filters(year_from=2020)
    pm = person_meeting_graph(store, facts=load_facts(store, late, content=False, sentences=False))
    people = sorted(str(a["label"]) for _, a in pm.nodes(data=True) if a["kind"] == "person")
    pairs = [(a, b) for a in people[:6] for b in people[-6:] if a != b]
    found = 0
    for a, b in pairs:
        try:
            expected = _path_on_the_full_graph(store, a, b, late)
        except Exception:  # noqa: BLE001 - not connected
            continue
        assert path(store, a, b, late) == expected
        found += 1
    assert found >= 3
