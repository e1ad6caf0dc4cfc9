"""kg.network: the typed, person–meeting and co-attendance graphs, filters and GraphML."""

from __future__ import annotations

import pytest

from kg import ids
from kg.errors import KgError
from kg.network import (
    Filters,
    co_attendance_graph,
    find_node,
    person_meeting_graph,
    typed_graph,
    write_graphml,
)


def _kinds(g) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for _, attrs in g.nodes(data=True):
        out.setdefault(attrs["kind"], set()).add(attrs["label"])
    return out


def test_typed_graph_has_every_kind_with_labels(store):
    kinds = _kinds(typed_graph(store))
    assert kinds["person"] == {"Birgitte Østergaard", "Jens Åkjær", "Mona Lund", "Søren Krag", "Ulla Bæk"}
    assert kinds["meeting"] == {"Kredsråd Aalborg 2021-03-02", "Kredsråd Hjørring 2022-05-10"}
    assert kinds["council"] == {"Kredsråd Aalborg", "Kredsråd Hjørring", "Lokalråd Aalborg"}
    assert kinds["kommune"] == {"Aalborg", "Hjørring"}
    assert kinds["district"] == {"Nordjyllands Politi"}
    assert kinds["document"] == {"aalborg-2021.txt", "hjoerring-2022.txt", "plan-2023.txt"}
    assert kinds["project"] == {"Tryg i Nord"}
    assert kinds["theme"] == {"Indbrud", "Bander og rockere"}


def test_person_meeting_edges_carry_role_date_source_and_sentence(store):
    g = typed_graph(store)
    jens = ids.person("Jens Åkjær")
    by_date = {g.edges[jens, m]["date"]: g.edges[jens, m] for m in g[jens] if g.nodes[m]["kind"] == "meeting"}
    assert by_date["2021-03-02"]["role"] == "Politiinspektør"
    assert by_date["2022-05-10"]["role"] == "Chefpolitiinspektør"
    assert by_date["2021-03-02"]["source"] == "aalborg-2021.txt"
    assert by_date["2021-03-02"]["evidence"] == "Jens Åkjær\tPolitiinspektør"
    assert g.nodes[jens]["roles"] == "Politiinspektør; Chefpolitiinspektør"


def test_absence_and_plan_membership_are_kept_apart(store):
    g = typed_graph(store)
    soeren, birgitte = ids.person("Søren Krag"), ids.person("Birgitte Østergaard")
    (meeting,) = list(g[soeren])
    assert g.edges[soeren, meeting]["status"] == "absent"
    plan_council = ids.council("lokalraad", "Nordjyllands Politi", "Aalborg")
    assert g.edges[birgitte, plan_council]["status"] == "member"


def test_filters_by_kommune_year_district_and_types(store):
    hj = _kinds(typed_graph(store, Filters(kommune="Hjørring kommune")))
    assert hj["person"] == {"Jens Åkjær", "Ulla Bæk", "Mona Lund"}
    assert hj["document"] == {"hjoerring-2022.txt"}
    late = _kinds(typed_graph(store, Filters(year_from=2022)))
    assert late["meeting"] == {"Kredsråd Hjørring 2022-05-10"}
    assert "Søren Krag" not in late["person"]
    early = _kinds(typed_graph(store, Filters(year_to=2021)))
    assert early["document"] == {"aalborg-2021.txt"}
    assert typed_graph(store, Filters(district="fyns")).number_of_nodes() == 0
    assert len(_kinds(typed_graph(store, Filters(district="nordjylland")))["document"]) == 3
    only = typed_graph(store, Filters(types=frozenset({"person", "meeting"})))
    assert {a["kind"] for _, a in only.nodes(data=True)} == {"person", "meeting"}
    with pytest.raises(KgError, match="unknown node type"):
        Filters(types=frozenset({"people"}))


def test_person_meeting_graph_is_bipartite_and_leaves_out_absence(store):
    g = person_meeting_graph(store)
    assert ids.person("Søren Krag") not in g
    assert all((g.nodes[a]["kind"] == "person") != (g.nodes[b]["kind"] == "person") for a, b in g.edges)
    assert g.degree(ids.person("Mona Lund")) == 2


def test_co_attendance_weights_count_shared_meetings(store):
    g = co_attendance_graph(store)
    jens, mona, ulla, birgitte = (ids.person(n) for n in ("Jens Åkjær", "Mona Lund", "Ulla Bæk",
                                                          "Birgitte Østergaard"))
    assert g.edges[jens, mona]["weight"] == 2
    assert g.edges[jens, ulla]["weight"] == 1
    assert not g.has_edge(birgitte, ulla)
    assert "Kredsråd Hjørring 2022-05-10" in g.edges[jens, mona]["meetings"]


def test_graphml_round_trip_keeps_kinds_and_danish_names(store, tmp_path):
    import networkx as nx

    path = write_graphml(store, tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    original = typed_graph(store)
    assert back.number_of_nodes() == original.number_of_nodes()
    assert back.number_of_edges() == original.number_of_edges()
    assert back.nodes[ids.person("Birgitte Østergaard")]["label"] == "Birgitte Østergaard"
    assert back.nodes[ids.theme("indbrud")]["kind"] == "theme"
    assert "Østergaard" in path.read_text(encoding="utf-8")


def test_find_node_ignores_case_and_spacing_and_suggests(store):
    g = typed_graph(store)
    assert find_node(g, "jens   åkjær", "person") == ids.person("Jens Åkjær")
    with pytest.raises(KgError, match="Mona Lund"):
        find_node(g, "Mona Lunde", "person")


def test_export_routes_graphml_to_the_network(store, tmp_path):
    import networkx as nx

    from kg.export import export

    path = export("graphml", tmp_path / "k.graphml", store)
    kinds = {a["kind"] for _, a in nx.read_graphml(path).nodes(data=True)}
    assert kinds == {"person", "meeting", "council", "kommune", "district", "project", "theme", "document"}
