"""kg.views: what the written page contains (the browser tests check what it renders)."""

from __future__ import annotations

import json
import re

import pytest

from kg import ids
from kg.errors import KgError
from kg.record import Council, DocumentRecord, Evidence, Participant
from kg.views import (
    TEMPLATE,
    View,
    co_attendance_view,
    council_view,
    cut_to_limit,
    meeting_view,
    overview_view,
    person_view,
    theme_view,
    write_view,
)

EVIL = '<img src=x onerror="window.kgPwned=1">'
SCRIPT = "<script>window.kgPwned=2</script>"


def evil_record() -> DocumentRecord:
    """A referat whose names and sentences try to inject HTML (and say "href")."""
    return DocumentRecord(
        source="evil-2024.txt", document_type="referat",
        council=Council("kredsraad", "Fyns Politi", "Odense"),
        date="2024-02-01", year=2024, projects=['Projekt <a href="javascript:alert(1)">klik</a>'],
        participants=[Participant(EVIL, "Borgmester", "kommune",
                                  evidence=Evidence(3, 'se <a href="http://x">her</a> %VIS_JS%')),
                      Participant(SCRIPT, "Politidirektør", "politi"),
                      Participant("Åse Ærø", "Jurist", "politi", evidence=Evidence(5, "Åse Ærø\tJurist"))])


@pytest.fixture
def evil_store(store):
    from kg.mapping import record_triples, to_ntriples

    r = evil_record()
    store.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    return store


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_page_is_offline_utf8_and_keeps_the_global_network(store, tmp_path):
    result = write_view(overview_view(store), tmp_path / "o.html")
    raw = result.path.read_bytes()
    text = raw.decode("utf-8")  # fails if not UTF-8
    assert not re.search(r"<script[^>]*\ssrc\s*=", text, re.I)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?:", text, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?https?:", text, re.I)
    assert "sourceMappingURL" not in text
    assert "var network;" in text and "new vis.Network(" in text
    assert "Birgitte Østergaard" in text
    data = page_data(text)
    assert len(data["nodes"]) == result.nodes == overview_view(store).graph.number_of_nodes()
    assert len(data["edges"]) == result.edges
    assert result.bytes == len(raw)


def test_injected_markup_is_never_live(evil_store, tmp_path):
    text = write_view(overview_view(evil_store), tmp_path / "evil.html").path.read_text(encoding="utf-8")
    assert "<img" not in text and "<script>window" not in text and "<a href" not in text
    data = page_data(text)
    labels = {n["label"] for n in data["nodes"]}
    assert EVIL in labels and SCRIPT in labels  # kept as text, escaped in the page source
    tips = " ".join(e["tip"] for e in data["edges"])
    assert "%VIS_JS%" in tips  # a placeholder-looking sentence is not expanded
    assert "innerHTML" not in TEMPLATE


def test_title_from_a_document_is_escaped(evil_store, tmp_path):
    text = write_view(person_view(evil_store, EVIL), tmp_path / "p.html").path.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert "&lt;img" in title and "<img" not in title


def test_person_view_depth_counts_meeting_hops(store):
    one = {a["label"] for _, a in person_view(store, "Ulla Bæk").graph.nodes(data=True)}
    assert {"Jens Åkjær", "Mona Lund", "Kredsråd Hjørring 2022-05-10", "Kredsråd Hjørring"} <= one
    assert "Birgitte Østergaard" not in one
    two = {a["label"] for _, a in person_view(store, "Ulla Bæk", depth=2).graph.nodes(data=True)}
    assert {"Birgitte Østergaard", "Kredsråd Aalborg 2021-03-02", "Indbrud"} <= two
    with pytest.raises(KgError):
        person_view(store, "Ulla Bæk", depth=0)


def test_council_theme_and_meeting_views_pick_their_part(store):
    council = {a["label"] for _, a in council_view(store, "Hjørring").graph.nodes(data=True)}
    assert "Kredsråd Hjørring" in council and "Kredsråd Aalborg" not in council
    theme = {a["label"] for _, a in theme_view(store, "indbrud").graph.nodes(data=True)}
    assert {"Indbrud", "aalborg-2021.txt", "Kredsråd Aalborg 2021-03-02", "Søren Krag"} <= theme
    assert "Ulla Bæk" not in theme
    meeting = meeting_view(store, "2021-03-02", "Aalborg").graph
    people = {a["label"] for _, a in meeting.nodes(data=True) if a["kind"] == "person"}
    assert people == {"Birgitte Østergaard", "Jens Åkjær", "Mona Lund", "Søren Krag"}
    for make in (lambda: council_view(store, "Odense"), lambda: theme_view(store, "bogus"),
                 lambda: meeting_view(store, "2021-03-02", "Hjørring")):
        with pytest.raises(KgError):
            make()


def test_types_filter_applies_after_choosing_the_view(store):
    from kg.network import Filters

    g = council_view(store, "Hjørring", Filters(types=frozenset({"person", "meeting"}))).graph
    assert {a["kind"] for _, a in g.nodes(data=True)} == {"person", "meeting"}
    assert g.number_of_nodes() == 4


def test_co_attendance_view_sizes_by_centrality_and_colours_by_side(store, tmp_path):
    view = co_attendance_view(store)
    data = page_data(write_view(view, tmp_path / "c.html").path.read_text(encoding="utf-8"))
    size = {n["label"]: n["size"] for n in data["nodes"]}
    colour = {n["label"]: n["color"] for n in data["nodes"]}
    assert size["Jens Åkjær"] > size["Ulla Bæk"]
    assert colour["Jens Åkjær"] == colour["Mona Lund"] != colour["Ulla Bæk"]
    widths = sorted(e["width"] for e in data["edges"])
    assert widths[0] < widths[-1]  # Jens–Mona shared two meetings
    community = co_attendance_view(store, colour="community")
    assert all("community" in a for _, a in community.graph.nodes(data=True))


def _synthetic(n: int):
    import networkx as nx

    g = nx.barabasi_albert_graph(n, 2, seed=3)
    g = nx.relabel_nodes(g, {i: f"n{i}" for i in g})
    for node in g:
        g.nodes[node].update(kind="person", label=f"Person {node}")
    return g


def test_large_graph_is_laid_out_and_cut_with_a_message(tmp_path):
    warnings: list[str] = []
    result = write_view(View(_synthetic(600), "big"), tmp_path / "big.html", node_limit=500,
                        warn=warnings.append)
    assert result.nodes == 500 and result.cut and warnings == [result.cut]
    assert "600" in result.cut and "--district" in result.cut
    text = result.path.read_text(encoding="utf-8")
    data = page_data(text)
    assert data["physics"] is False and all("x" in n and "y" in n for n in data["nodes"])
    assert "Showing 500 of 600 nodes" in text
    small = page_data(write_view(View(_synthetic(50), "small"), tmp_path / "s.html").path.read_text("utf-8"))
    assert small["physics"] is True and "x" not in small["nodes"][0]


def test_cut_keeps_the_most_connected_nodes():
    g = _synthetic(200)
    kept, msg = cut_to_limit(g, 20)
    lowest_kept = min(d for _, d in g.degree(kept))
    highest_dropped = max(d for n, d in g.degree if n not in kept)
    assert lowest_kept >= highest_dropped and msg
    assert cut_to_limit(g, None) == (g, None)


def test_cli_view_and_analyze(records, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.build import load_reference
    from kg.cli import main
    from kg.mapping import record_triples, to_ntriples
    from kg.store import open_store

    s = open_store(tmp_path / "kg")
    load_reference(s)
    for r in records:
        s.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    s.flush()
    del s
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["view", "person", "Mona Lund", "--store", "kg"])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "exports" / "view-person-mona-lund.html").exists()
    out = runner.invoke(main, ["analyze", "bridges", "--format", "json", "--store", "kg"])
    assert out.exit_code == 0, out.output
    assert {r["person"] for r in json.loads(out.output)} == {"Jens Åkjær", "Mona Lund", "Birgitte Østergaard"}
    out = runner.invoke(main, ["view", "person", "Nobody", "--store", "kg"])
    assert out.exit_code == 1 and "no person named" in out.output


@pytest.mark.parametrize("limit", [None, 7, 40, 150])
def test_overview_cut_built_alone_is_the_cut_of_the_whole_graph(limit):
    """The overview chooses its part from the structure and builds only that part: the same page as
    building the whole graph (with its sentences) and cutting it."""
    from kg.network import add_sentences, load_facts, typed_adjacency, typed_graph
    from kg.views import View, render_html
    from tests.test_queries_rewrites import _store, random_records

    store = _store(random_records(41, 30))
    facts = load_facts(store, sentences=False)
    whole = typed_graph(store, facts=facts, sentences=False)
    adjacency = typed_adjacency(facts)
    assert {n: len(m) for n, m in adjacency.items()} == dict(whole.degree)
    view = overview_view(store)
    eager = View(whole, view.title, sentences=lambda drawn: add_sentences(store, drawn, facts))
    page, drawn, cut = render_html(view, limit)
    assert (page, cut) == render_html(eager, limit)[::2]
    assert drawn.number_of_nodes() == min(limit or len(whole), len(whole))
    assert (cut is not None) == (limit is not None and limit < len(whole))
    full = typed_graph(store)  # with its sentences from the start
    assert all(a == full.edges[u, v] for u, v, a in drawn.edges(data=True))
    assert overview_view(store).graph.number_of_nodes() == len(whole)
