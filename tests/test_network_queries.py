"""kg.network's table queries (hash-joined scans, packed participations) give the same networks as the
plain queries they replaced (tests/fixtures/reference_queries/network/), and a participation that two
documents state is one reading per document, not a product of its properties. None of them reads
kg:inDocument (the graph is the document) and the chair/minute-taker flags are optional."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import ids, network
from tests.test_queries_rewrites import _store, _two_documents_of_one_meeting, random_records

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference_queries" / "network"
#: read by a function of kg.network rather than a query string: reference rows → the same result
FUNCTIONS = {"Q_PARTICIPATIONS": "participation_rows", "Q_MENTIONS": "first_mentions",
             "Q_PROJECTS": "project_rows", "Q_THEMES": "theme_rows"}
QUERIES = sorted(p.stem for p in REFERENCE.glob("Q_*.rq") if p.stem not in FUNCTIONS)


def _reference(name: str) -> str:
    return (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")


def _rank(r: dict) -> tuple:
    status = {"present": 0, "member": 1, "absent": 2}.get(r["status"], 3)
    line = -1 if r["line"] is None else r["line"]
    return (status, r["doc"], line, r["role"] or "", r["side"] or "", r["evidence"] or "", r["chair"],
            r["minute_taker"])


def reference_participation_rows(store, sentences: bool = True, present_only: bool = False) -> list[dict]:
    """The plain query, one reading per participation (present, then member, then absent; then the
    first document, line, role, side, sentence, flags), flags false when absent."""
    best: dict[tuple, dict] = {}
    for r in store.query(_reference("Q_PARTICIPATIONS")).rows:
        r = {**r, "chair": bool(r["chair"]), "minute_taker": bool(r["minute_taker"]),
             "evidence": r["evidence"] if sentences else None}
        if present_only and (r["status"] != "present" or not r["meeting"]):
            continue
        key = (r["meeting"] or r["doc"], r["person"])
        if key not in best or _rank(r) < _rank(best[key]):
            best[key] = r
    return list(best.values())


def reference_first_mentions(store, pairs: list[tuple[str, str]]) -> dict:
    rows = sorted(store.query(_reference("Q_MENTIONS")).rows,
                  key=lambda r: (-1 if r["line"] is None else r["line"], r["evidence"]))
    out: dict = {}
    for r in rows:
        key = (r["doc"], r["theme"])
        if key in set(pairs):
            out.setdefault(key, (r["evidence"], r["line"]))
    return out


def _smallest_label(rows: list[dict], key: str) -> list[dict]:
    """One row per document and ``key``: the smallest label (a missing one last)."""
    out: dict[tuple, dict] = {}
    for r in sorted(rows, key=lambda r: (r["label"] is None, str(r["label"]), str(r.get("id")))):
        out.setdefault((r["doc"], r[key]), r)
    return list(out.values())


def reference_project_rows(store) -> list[dict]:
    return _smallest_label(store.query(_reference("Q_PROJECTS")).rows, "project")


def reference_theme_rows(store) -> list[dict]:
    return _smallest_label(store.query(_reference("Q_THEMES")).rows, "theme")


def _use_references(monkeypatch) -> None:
    for name in QUERIES:
        monkeypatch.setattr(network, name, _reference(name))
    monkeypatch.setattr(network, "participation_rows", reference_participation_rows)
    monkeypatch.setattr(network, "first_mentions", reference_first_mentions)
    monkeypatch.setattr(network, "project_rows", reference_project_rows)
    monkeypatch.setattr(network, "theme_rows", reference_theme_rows)


def _dump(g) -> tuple[dict, dict]:
    return ({n: dict(a) for n, a in g.nodes(data=True)},
            {tuple(sorted((u, v))): dict(a) for u, v, a in g.edges(data=True)})


def _graphs(store) -> list[tuple[dict, dict]]:
    return [_dump(f(store)) for f in (network.typed_graph, network.person_meeting_graph,
                                      network.co_attendance_graph)]


def test_every_reference_is_a_network_query():
    assert QUERIES and all(hasattr(network, q) for q in QUERIES)
    assert all(hasattr(network, f) for f in FUNCTIONS.values())


def test_no_query_reads_in_document():
    texts = [v for k, v in vars(network).items() if k.startswith("Q_") and isinstance(v, str)]
    texts += [p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.rq")]
    assert len(texts) > 10 and not any("inDocument" in t for t in texts)


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
    _use_references(monkeypatch)
    old = _graphs(store)
    assert new == old
    assert len(new[0][0]) > 20 and len(new[2][1]) > 0


@pytest.mark.parametrize("seed", [24, 25, 26, 27])
def test_networks_equal_those_of_the_plain_queries_with_meetings_described_twice(monkeypatch, seed):
    """With meetings that two documents describe, the reading kept is the same rule in both."""
    store = _store(random_records(seed, 30))
    new = _graphs(store)
    _use_references(monkeypatch)
    assert new == _graphs(store)


def test_a_participation_stated_by_two_documents_is_one_reading_present_first():
    store = _store(_two_documents_of_one_meeting())
    rows = network.participation_rows(store)
    # a.txt: Anne, Bo present, Carl absent; b.pdf: Carl, Dorte present
    assert len(rows) == 4
    carl = [r for r in rows if r["person"] == ids.person("Carl Ærø")]
    assert [(r["status"], r["doc"]) for r in carl] == [("present", ids.document("b.pdf"))]
    plain = store.query(_reference("Q_PARTICIPATIONS")).rows
    assert len(plain) == 5  # one row per document that states a participation
    assert all(r["chair"] is False and r["minute_taker"] is False for r in rows)


def test_flags_are_false_when_not_stated():
    """The mapping may leave out kg:isChair / kg:isMinuteTaker when false."""
    store = _store(_two_documents_of_one_meeting())
    store.update("DELETE WHERE { GRAPH ?g { ?p <https://kredsgraf.dk/ontology#isChair> ?c } }")
    store.update("DELETE WHERE { GRAPH ?g { ?p <https://kredsgraf.dk/ontology#isMinuteTaker> ?c } }")
    rows = network.participation_rows(store)
    assert len(rows) == 4 and not any(r["chair"] or r["minute_taker"] for r in rows)
    g = network.typed_graph(store)
    edges = [a for _, _, a in g.edges(data=True) if a.get("status") == "present"]
    assert len(edges) == 4 and all(a["chair"] is False and a["minute_taker"] is False for a in edges)


def test_present_only_reads_the_same_present_readings(store):
    full = [r for r in network.participation_rows(store, sentences=False)
            if r["status"] == "present" and r["meeting"]]
    slim = network.participation_rows(store, sentences=False, present_only=True)
    assert len(slim) == len(full) > 5

    def key(r: dict) -> tuple:
        return (r["doc"], r["person"], r["meeting"], r["line"], r["role"])

    assert sorted(map(key, slim)) == sorted(map(key, full))


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


@pytest.mark.parametrize("few", [0, 10_000])
def test_sentences_added_later_are_those_of_the_full_graph(monkeypatch, few):
    """Views build the graph without sentences and add them to the part they draw: looked up
    (a few pairs, in chunks) or read for the whole store (many), the same as reading them first."""
    monkeypatch.setattr(network, "FEW_SENTENCES", few)
    monkeypatch.setattr(network, "FEW_MENTIONS", few)
    monkeypatch.setattr(network, "CHUNK", 7)
    store = _store(random_records(26, 30))
    full = network.typed_graph(store)
    facts = network.load_facts(store, sentences=False)
    bare = network.typed_graph(store, facts=facts, sentences=False)
    assert any("evidence" in a for _, _, a in full.edges(data=True))
    assert not any("evidence" in a for _, _, a in bare.edges(data=True))
    part = bare.subgraph(list(bare)[: len(bare) // 2]).copy()
    network.add_sentences(store, part, facts)
    assert part.number_of_edges() > 20
    assert all(a == full.edges[u, v] for u, v, a in part.edges(data=True))
    network.add_sentences(store, bare, facts)
    assert _dump(bare) == _dump(full)
