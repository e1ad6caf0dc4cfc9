"""kg.network's table queries (hash-joined scans) give the same networks as the plain queries they
replaced (tests/fixtures/reference_queries/network/), and a participation that two documents state
is one row per document, not a product of its properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import ids, network
from tests.test_queries_rewrites import _store, _two_documents_of_one_meeting, random_records

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference_queries" / "network"
QUERIES = sorted(p.stem for p in REFERENCE.glob("Q_*.rq"))


def _dump(g) -> tuple[dict, dict]:
    return ({n: dict(a) for n, a in g.nodes(data=True)},
            {tuple(sorted((u, v))): dict(a) for u, v, a in g.edges(data=True)})


def _graphs(store) -> list[tuple[dict, dict]]:
    return [_dump(f(store)) for f in (network.typed_graph, network.person_meeting_graph,
                                      network.co_attendance_graph)]


def test_every_reference_is_a_network_query():
    assert QUERIES and all(hasattr(network, q) for q in QUERIES)


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_networks_equal_those_of_the_plain_queries(monkeypatch, seed):
    """Corpora where each meeting has one document and each person one line in it: then a
    participation has one reading, and its first row is the same whichever query gives it."""
    seen, single = set(), []
    for r in random_records(seed, 30):
        key = (r.council.kind, r.council.police_district, r.council.kommune, r.date)
        if r.date is None or key not in seen:
            people = {ids.person(p.name): p for p in reversed(r.participants)}
            r.participants = list(people.values())
            single.append(r)
            seen.add(key)
    store = _store(single)
    new = _graphs(store)
    for name in QUERIES:
        monkeypatch.setattr(network, name, (REFERENCE / f"{name}.rq").read_text(encoding="utf-8"))
    old = _graphs(store)
    assert new == old
    assert len(new[0][0]) > 20 and len(new[2][1]) > 0


def test_a_participation_stated_by_two_documents_is_one_row_per_document():
    store = _store(_two_documents_of_one_meeting())
    rows = store.query(network.Q_PARTICIPATIONS).rows
    # a.txt: Anne, Bo present, Carl absent; b.pdf: Carl, Dorte present
    assert len(rows) == 5
    carl = [r for r in rows if r["name"] == "Carl Ærø"]
    assert sorted(r["status"] for r in carl) == ["absent", "present"]
    plain = store.query((REFERENCE / "Q_PARTICIPATIONS.rq").read_text(encoding="utf-8")).rows
    assert len(plain) > len(rows)  # the plain join crosses Carl's two readings


def test_brief_facts_leave_out_only_the_sentences(store):
    full = network.load_facts(store)
    brief = network.load_facts(store, content=False, sentences=False)
    assert brief.themes == [] and brief.projects == [] and full.themes
    assert all(r.get("evidence") is None for r in brief.participations)
    assert all(r.get("evidence") for r in full.participations)

    def without_sentence(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k != "evidence"} for r in rows]

    assert without_sentence(full.participations) == without_sentence(brief.participations)
    pm_full = network.person_meeting_graph(store, facts=full)
    pm_brief = network.person_meeting_graph(store, facts=brief)
    assert set(pm_full.edges) == set(pm_brief.edges)
    edges = pm_brief.edges
    assert all(edges[e].get("source") and "evidence" not in edges[e] for e in edges)
