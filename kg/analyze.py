"""Network analyses (``kg analyze``): centrality, communities, paths and bridges between councils.

Each analysis returns a list of rows (dicts of plain values); :func:`render_rows` prints them as
a table, CSV or JSON. "Sitting in" a council (at sidde i et råd) means being present at one of its
meetings (deltager) or being a member named in its plan (medlem); an apology (afbud) does not count.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Any

from kg.errors import KgError
from kg.network import ATTENDING, Facts, Filters, load_facts


def _facts(store, filters: Filters | None) -> Facts:
    return load_facts(store, filters, content=False, sentences=False)  # people, meetings, councils


def centrality(store, filters: Filters | None = None, top: int | None = None) -> list[dict[str, Any]]:
    """Who connects councils and districts: betweenness on the person–meeting and co-attendance graphs."""
    import networkx as nx

    from kg.network import co_attendance_graph, person_meeting_graph

    facts = _facts(store, filters)
    pm = person_meeting_graph(store, facts=facts)
    co = co_attendance_graph(store, facts=facts)
    b_pm = nx.betweenness_centrality(pm, normalized=True)
    # Distance = 1 / shared meetings, so people who meet often are "close".
    for _, _, attrs in co.edges(data=True):
        attrs["distance"] = 1.0 / attrs["weight"]
    b_co = nx.betweenness_centrality(co, weight="distance", normalized=True)
    councils = _councils_by_person(facts)
    rows = [{"person": attrs["label"], "side": attrs.get("side", ""), "meetings": pm.degree(node),
             "councils": len(councils.get(node, ())), "co_attendees": co.degree(node) if node in co else 0,
             "betweenness_person_meeting": round(b_pm.get(node, 0.0), 4),
             "betweenness_co_attendance": round(b_co.get(node, 0.0), 4)}
            for node, attrs in pm.nodes(data=True) if attrs["kind"] == "person"]
    rows.sort(key=lambda r: (-r["betweenness_person_meeting"], -r["betweenness_co_attendance"], r["person"]))
    return rows[:top] if top else rows


def communities(store, filters: Filters | None = None, seed: int = 1) -> list[dict[str, Any]]:
    """Groups of people who meet each other (Louvain on the co-attendance graph, weighted)."""
    import networkx as nx

    from kg.network import co_attendance_graph

    facts = _facts(store, filters)
    co = co_attendance_graph(store, facts=facts)
    if co.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(co, weight="weight", seed=seed)
    groups = sorted(groups, key=lambda c: (-len(c), min(co.nodes[n]["label"] for n in c)))
    councils = _councils_by_person(facts)
    rows = []
    for number, members in enumerate(groups, start=1):
        names = sorted(co.nodes[n]["label"] for n in members)
        sides = sorted({co.nodes[n].get("side", "") for n in members} - {""})
        labels = sorted({facts.councils[c].get("label") or c for n in members for c in councils.get(n, ())})
        rows.append({"community": number, "size": len(members), "members": "; ".join(names),
                     "sides": ", ".join(sides), "councils": "; ".join(labels)})
    return rows


def community_of(store, filters: Filters | None = None, seed: int = 1) -> dict[str, int]:
    """Person IRI → community number (as numbered by :func:`communities`)."""
    import networkx as nx

    from kg.network import co_attendance_graph

    co = co_attendance_graph(store, facts=_facts(store, filters))
    if co.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(co, weight="weight", seed=seed)
    groups = sorted(groups, key=lambda c: (-len(c), min(co.nodes[n]["label"] for n in c)))
    return {n: i for i, members in enumerate(groups, start=1) for n in members}


def path(store, person_a: str, person_b: str, filters: Filters | None = None) -> list[dict[str, Any]]:
    """How two people are connected: the shortest chain person → meeting → person, one row per meeting.

    The person–meeting graph is built bare (who was present where, edges in the order
    :func:`kg.network.person_meeting_graph` adds them, so the same path is found); only the
    meetings on the path are described.
    """
    import networkx as nx

    from kg.network import find_node

    facts = load_facts(store, filters, content=False, sentences=False, present_only=True)
    pm, reading = _bare_person_meeting_graph(facts)
    a, b = find_node(pm, person_a, "person"), find_node(pm, person_b, "person")
    try:
        nodes = nx.shortest_path(pm, a, b)
    except nx.NetworkXNoPath:
        raise KgError(f"{pm.nodes[a]['label']} and {pm.nodes[b]['label']} are not connected "
                      "through any meeting in the graph") from None
    rows = []
    for step, i in enumerate(range(0, len(nodes) - 2, 2), start=1):
        left, meeting, right = nodes[i], nodes[i + 1], nodes[i + 2]
        m = facts.meetings[meeting]
        council = facts.councils.get(m["council"], {})
        rows.append({"step": step, "from": pm.nodes[left]["label"],
                     "from_role": reading[left, meeting].get("role") or "",
                     "meeting": _meeting_label(meeting, m), "date": str(m.get("date") or ""),
                     "council": council.get("label") or "",
                     "to": pm.nodes[right]["label"], "to_role": reading[right, meeting].get("role") or "",
                     "source": facts.documents[reading[left, meeting]["doc"]]["source"] or ""})
    return rows


def _meeting_label(iri: str, m: dict) -> str:
    return str(m.get("label") or m.get("date") or iri.rsplit("/", 1)[-1])


def _bare_person_meeting_graph(facts: Facts):  # noqa: ANN202 - (networkx.Graph, readings)
    """People (kind, label) and the meetings they were present at; (person, meeting) → reading."""
    import networkx as nx

    g = nx.Graph()
    reading: dict[tuple[str, str], dict] = {}
    for r in facts.participations:
        if r.get("meeting") not in facts.meetings or r["status"] != "present":
            continue
        person = r["person"]
        if person not in g:
            g.add_node(person, kind="person", label=facts.person_names.get(person, r["name"]))
        g.add_edge(person, r["meeting"])
        reading[person, r["meeting"]] = r
    return g, reading


def _councils_by_person(facts: Facts) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in facts.participations:
        if r["status"] in ATTENDING:
            out[r["person"]].add(r["council"])
    return out


def bridges(store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """People who sat in more than one council or more than one police district (politikreds)."""
    facts = _facts(store, filters)
    seats: dict[str, list[dict]] = defaultdict(list)
    for r in facts.participations:
        if r["status"] in ATTENDING:
            seats[r["person"]].append(r)
    rows = []
    for person, found in seats.items():
        councils = {r["council"] for r in found}
        districts = {facts.councils[c].get("district_label") for c in councils} - {None}
        if len(councils) < 2 and len(districts) < 2:
            continue
        meetings = sorted({str(facts.meetings[r["meeting"]].get("label")) for r in found
                           if r.get("meeting") in facts.meetings})
        rows.append({"person": facts.person_names.get(person, found[0]["name"]), "councils": len(councils),
                     "districts": len(districts),
                     "council_names": "; ".join(sorted(facts.councils[c].get("label") or c
                                                       for c in councils)),
                     "district_names": "; ".join(sorted(districts)), "meetings": "; ".join(meetings),
                     "roles": "; ".join(sorted({r["role"] for r in found if r.get("role")}))})
    rows.sort(key=lambda r: (-r["districts"], -r["councils"], r["person"]))
    return rows


def render_rows(rows: list[dict[str, Any]], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV (UTF-8, header row) or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    if fmt != "table":
        raise KgError(f"unknown format {fmt!r} (table, csv, json)")
    if not rows:
        return "(no rows)"
    cells = [[str(r.get(c, "")) for c in columns] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_cut(v, w).ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
