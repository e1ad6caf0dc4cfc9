"""Interactive views (``kg view …``): one self-contained, offline HTML page per view.

A view is a subgraph of the typed graph (:mod:`kg.network`) drawn with vis-network, the library
pyvis uses. The page is written here, not by pyvis: pyvis writes in the platform encoding, loads
Bootstrap (and in ``local`` mode vis-network) from a CDN, and turns titles containing "href" into
``innerHTML`` popups. Here the vendored vis-network (``kg/vendor/``) is inlined, the page is UTF-8,
the data travel as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and every label, tooltip and detail is put into the page as text (``textContent``),
never as HTML. The page keeps pyvis's convention of a global ``network`` (the vis Network).

Large graphs: node and edge lists are built directly; above :data:`LAYOUT_THRESHOLD` nodes the
layout is computed here (:func:`fast_layout`) and physics is off; above the node limit the view
keeps the most connected nodes and says, in the page and on stderr, what was left out.
"""

from __future__ import annotations

import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.network import KIND_LABELS, Filters

VENDOR = Path(__file__).resolve().parent / "vendor"
NODE_LIMIT = 5000
LAYOUT_THRESHOLD = 300
KIND_STYLE = {  # kind → (vis shape, colour, size, legend glyph)
    "person": ("dot", "#4e79a7", 12, "●"), "meeting": ("diamond", "#f28e2b", 14, "◆"),
    "council": ("hexagon", "#e15759", 22, "⬢"), "kommune": ("square", "#59a14f", 18, "■"),
    "district": ("star", "#b07aa1", 26, "★"), "project": ("triangle", "#9c755f", 13, "▲"),
    "theme": ("triangleDown", "#ff9da7", 16, "▼"), "document": ("box", "#bab0ac", 10, "▭"),
}
SIDE_COLOURS = {"politi": "#4e79a7", "kommune": "#59a14f", "anden": "#9c755f"}
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                     "#ff9da7", "#9c755f", "#bab0ac")
FIELD_LABELS = {"role": "rolle (role)", "roles": "roller (roles)", "side": "side", "status": "status",
                "date": "dato (date)", "year": "år (year)", "place": "sted (place)",
                "source": "kilde (source)",
                "line": "linje (line)", "evidence": "sætning (sentence)", "document_type": "type",
                "title": "titel (title)", "council_kind": "rådstype (council kind)", "kommune": "kommune",
                "police_district": "politikreds", "theme_id": "tema-id", "meetings": "møder (meetings)",
                "weight": "fælles møder (shared meetings)", "centrality": "betweenness",
                "community": "fællesskab (community)", "chair": "formand (chair)",
                "minute_taker": "referent (minute taker)", "relation": "relation",
                "degree": "forbindelser (links)"}


@dataclass
class View:
    """A graph to draw, with how to colour and size it."""

    graph: Any  # networkx.Graph
    title: str
    colour_by: str = "kind"  # kind | side | community
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (glyph, colour, text)
    notes: list[str] = field(default_factory=list)
    #: adds the sentences to the part of ``graph`` that is drawn (read only for that part)
    sentences: Callable[[Any], None] | None = None

    def drawn(self, limit: int | None) -> tuple[Any, str | None]:
        """The graph to draw: at most ``limit`` nodes, and a message about the rest (see cut_to_limit)."""
        return cut_to_limit(self.graph, limit)


class _Overview(View):
    """The overview, built when first needed: a part of at most ``limit`` nodes is chosen from the
    graph's structure (degrees, same rule as cut_to_limit) and built alone."""

    def __init__(self, build: Callable[[int | None], tuple[Any, str | None]], title: str,
                 sentences: Callable[[Any], None]) -> None:
        self._build = build
        super().__init__(None, title, sentences=sentences)

    @property
    def graph(self):  # noqa: ANN201 - networkx.Graph
        if self._graph is None:
            self._graph = self._build(None)[0]
        return self._graph

    @graph.setter
    def graph(self, value: Any) -> None:
        self._graph = value

    def drawn(self, limit: int | None) -> tuple[Any, str | None]:
        return super().drawn(limit) if self._graph is not None else self._build(limit)


@dataclass
class ViewResult:
    """What was written: the file, the numbers drawn, and what was cut (if anything)."""

    path: Path
    nodes: int
    edges: int
    cut: str | None = None
    seconds: float = 0.0
    bytes: int = 0


# -- choosing the subgraph -------------------------------------------------------------------

def _base(store, filters: Filters | None) -> tuple[Any, Callable[[Any], None]]:
    """The typed graph with the place/year filters but all kinds (types are applied at the end),
    without sentences, and what adds them to the part drawn."""
    from kg.network import add_sentences, load_facts, typed_graph

    flt = filters or Filters()
    place = Filters(flt.district, flt.kommune, flt.year_from, flt.year_to)
    facts = load_facts(store, place, sentences=False)
    g = typed_graph(store, place, facts=facts, sentences=False)
    return g, lambda drawn: add_sentences(store, drawn, facts)


def _of_kind(g, nodes: Iterable[str], kind: str) -> set[str]:
    return {m for n in nodes for m in g[n] if g.nodes[m]["kind"] == kind}


def _with_context(g, nodes: set[str]) -> set[str]:
    """Add each meeting's council and referat, each document's themes and projects, each council's places."""
    nodes = set(nodes)
    meetings = {n for n in nodes if g.nodes[n]["kind"] == "meeting"}
    nodes |= _of_kind(g, meetings, "council") | _of_kind(g, meetings, "document")
    people = {n for n in nodes if g.nodes[n]["kind"] == "person"}
    docs = {n for n in nodes if g.nodes[n]["kind"] == "document"}
    nodes |= _of_kind(g, docs, "theme") | _of_kind(g, docs, "project") | _of_kind(g, docs, "council")
    councils = {n for n in nodes if g.nodes[n]["kind"] == "council"}
    nodes |= _of_kind(g, councils, "kommune") | _of_kind(g, councils, "district")
    plans = {d for c in councils for d in g[c] if g.nodes[d]["kind"] == "document"
             and any(p in people for p in g[c])}
    return nodes | plans


def _induced(g, nodes: Iterable[str]):
    """The subgraph on ``nodes`` as a new graph, nodes and edges in ``g``'s order (a networkx
    subgraph copy would order them by a set of strings, i.e. differently from run to run)."""
    keep = set(nodes)
    sub = g.__class__()
    sub.graph.update(g.graph)
    sub.add_nodes_from((n, dict(a)) for n, a in g.nodes(data=True) if n in keep)
    sub.add_edges_from((a, b, dict(d)) for a, b, d in g.edges(data=True) if a in keep and b in keep)
    return sub


def _finish(g, nodes: set[str], title: str, filters: Filters | None,
            sentences: Callable[[Any], None] | None = None, **kw: Any) -> View:
    sub = g if len(nodes) == len(g) else _induced(g, nodes)  # (nodes are g's)
    if filters and filters.types:
        sub.remove_nodes_from([n for n, k in sub.nodes(data="kind") if k not in filters.types])
    if filters and filters.describe():
        title = f"{title} ({filters.describe()})"
    return View(sub, title, sentences=sentences, **kw)


def overview_view(store, filters: Filters | None = None) -> View:
    """The whole graph: a colour and shape per kind (built when drawn: see :class:`_Overview`)."""
    from kg.network import add_sentences, load_facts, typed_adjacency, typed_graph

    title = "Kredsgraf: overblik (overview)"
    if filters and filters.types:  # the cut ranks by degree after the types filter: build it all
        g, sentences = _base(store, filters)
        return _finish(g, set(g), title, filters, sentences)
    place = filters or Filters()
    facts = load_facts(store, place, sentences=False)

    def build(limit: int | None) -> tuple[Any, str | None]:
        adjacency = typed_adjacency(facts)
        if not limit or len(adjacency) <= limit:
            return typed_graph(store, place, facts=facts, sentences=False), None
        ranked = sorted(adjacency, key=lambda node: (-len(adjacency[node]), str(node)))
        g = typed_graph(store, place, facts=facts, sentences=False, only=set(ranked[:limit]),
                        adjacency=adjacency)
        edges = sum(len(n) for n in adjacency.values()) // 2
        return g, _cut_message(limit, len(adjacency), edges - g.number_of_edges())

    if place.describe():
        title = f"{title} ({place.describe()})"
    return _Overview(build, title, lambda drawn: add_sentences(store, drawn, facts))


def person_view(store, name: str, depth: int = 1, filters: Filters | None = None) -> View:
    """A person's meetings, roles, councils, co-attendees and the themes of those meetings.

    ``depth`` counts meeting hops: 1 = the person's own meetings and the people met there,
    2 = also those people's meetings and the people met there, and so on.
    """
    from kg.network import find_node

    if depth < 1:
        raise KgError("--depth must be at least 1")
    g, sentences = _base(store, filters)
    start = find_node(g, name, "person")
    people, seen = {start}, {start}
    for _ in range(depth):
        places = _of_kind(g, people, "meeting") | _of_kind(g, people, "council")
        seen |= places
        people = _of_kind(g, places, "person") - seen
        seen |= people
    return _finish(g, _with_context(g, seen), f"Person: {g.nodes[start]['label']}", filters, sentences)


def council_view(store, place: str, filters: Filters | None = None) -> View:
    """The councils of a kommune or police district: meetings, people, documents, themes."""
    from kg.ids import normalise_name

    g, sentences = _base(store, filters)
    want = normalise_name(place).removesuffix(" kommune")
    councils = {n for n, a in g.nodes(data=True) if a["kind"] == "council" and (
        normalise_name(str(a.get("kommune", ""))) == want or normalise_name(a["label"]) == want
        or want in normalise_name(str(a.get("police_district", ""))))}
    if not councils:
        known = sorted({str(a["label"]) for _, a in g.nodes(data=True) if a["kind"] == "council"})
        raise KgError(f"no council of {place!r} in the graph (councils: {', '.join(known) or 'none'})")
    meetings = _of_kind(g, councils, "meeting")
    nodes = councils | meetings | _of_kind(g, meetings | councils, "person")
    return _finish(g, _with_context(g, nodes), f"Råd (council): {place}", filters, sentences)


def theme_view(store, theme: str, filters: Filters | None = None) -> View:
    """A theme, the documents that deal with it, their meetings, councils and people."""
    from kg.ids import normalise_name

    g, sentences = _base(store, filters)
    want = normalise_name(theme)
    found = [n for n, a in g.nodes(data=True) if a["kind"] == "theme"
             and want in (normalise_name(str(a["label"])), normalise_name(str(a.get("theme_id", ""))))]
    if not found:
        known = sorted(str(a.get("theme_id") or a["label"]) for _, a in g.nodes(data=True)
                       if a["kind"] == "theme")
        raise KgError(f"no theme {theme!r} in the graph (themes: {', '.join(known) or 'none'})")
    docs = _of_kind(g, found, "document")
    meetings = _of_kind(g, docs, "meeting")
    nodes = set(found) | docs | meetings | _of_kind(g, meetings | _of_kind(g, docs, "council"), "person")
    return _finish(g, _with_context(g, nodes), f"Tema (theme): {g.nodes[found[0]]['label']}", filters,
                   sentences)


def meeting_view(store, date: str, kommune: str | None = None, filters: Filters | None = None) -> View:
    """The meeting(s) held on a date (optionally in one kommune): who came, who sent apologies."""
    from kg.ids import normalise_name

    g, sentences = _base(store, filters)
    meetings = {n for n, a in g.nodes(data=True) if a["kind"] == "meeting" and a.get("date") == date}
    if kommune:
        want = normalise_name(kommune).removesuffix(" kommune")
        meetings = {m for m in meetings
                    if any(normalise_name(str(g.nodes[c].get("kommune", ""))) == want
                           for c in _of_kind(g, [m], "council"))}
    if not meetings:
        raise KgError(f"no meeting on {date}" + (f" in {kommune}" if kommune else "") + " in the graph")
    nodes = meetings | _of_kind(g, meetings, "person")
    return _finish(g, _with_context(g, nodes), f"Møde (meeting) {date}" + (f", {kommune}" if kommune else ""),
                   filters, sentences)


def co_attendance_view(store, filters: Filters | None = None, colour: str = "side") -> View:
    """People linked by shared meetings: width = shared, size = betweenness, colour = side/community."""
    import networkx as nx

    from kg.network import co_attendance_graph

    g = co_attendance_graph(store, filters)
    for _, _, attrs in g.edges(data=True):
        attrs["distance"] = 1.0 / attrs["weight"]
    exact = len(g) <= 3000  # betweenness is O(n·m): degree centrality stands in for huge graphs
    centrality = nx.betweenness_centrality(g, weight="distance") if exact else nx.degree_centrality(g)
    for n, value in centrality.items():
        g.nodes[n]["centrality"] = round(value, 4)
    if colour == "community":
        from kg.analyze import community_of

        for n, number in community_of(store, filters).items():
            if n in g:
                g.nodes[n]["community"] = number
    elif colour != "side":
        raise KgError(f"unknown colouring {colour!r} (side, community)")
    title = "Fælles møder (co-attendance)"
    if filters and filters.describe():
        title += f" ({filters.describe()})"
    return View(g, title, colour_by=colour)


# -- layout ----------------------------------------------------------------------------------

def fast_layout(g, seed: int = 1, iterations: int = 50, sample: int = 160) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with sampled repulsion: O(n·sample) per iteration, fixed seed.

    networkx's ``spring_layout`` is exact but took 10 s for 1,000 nodes and minutes for 5,000 here;
    repelling each node from a random sample of the others (scaled up) gives a usable picture of
    10,000 nodes in seconds.
    """
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    edges = np.array([(index[a], index[b]) for a, b in g.edges()], dtype=int).reshape(-1, 2)
    k = 1.0 / np.sqrt(n)
    temperature = 0.1
    step = temperature / (iterations + 1)
    for _ in range(iterations):
        picked = pos[rng.choice(n, size=min(sample, n), replace=False)]
        dx = pos[:, 0:1] - picked[:, 0]
        dy = pos[:, 1:2] - picked[:, 1]
        weight = (k * k * n / len(picked)) / np.maximum(dx * dx + dy * dy, 1e-6)
        # sum_j (p_i - p_j) w_ij = p_i * sum_j w_ij - W @ p_j: two matrix products, no n×s×2 array
        disp = pos * weight.sum(axis=1)[:, None] - weight @ picked
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            force = d * np.linalg.norm(d, axis=1)[:, None] / k
            for axis in (0, 1):
                disp[:, axis] += np.bincount(edges[:, 1], force[:, axis], n) - \
                    np.bincount(edges[:, 0], force[:, axis], n)
        disp -= (pos - pos.mean(axis=0)) * 0.05 * n * k  # mild gravity keeps components together
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= step
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


# -- the page --------------------------------------------------------------------------------

def cut_to_limit(g, limit: int | None) -> tuple[Any, str | None]:
    """Keep the ``limit`` most connected nodes; returns the graph and a message about the rest."""
    n = g.number_of_nodes()
    if not limit or n <= limit:
        return g, None
    ranked = sorted(g.degree, key=lambda item: (-item[1], str(item[0])))
    sub = _induced(g, (node for node, _ in ranked[:limit]))
    return sub, _cut_message(limit, n, g.number_of_edges() - sub.number_of_edges())


def _cut_message(limit: int, n: int, dropped_edges: int) -> str:
    return (f"Showing {limit:,} of {n:,} nodes (the most connected): {n - limit:,} nodes and "
            f"{dropped_edges:,} edges were left out. Narrow the view with --district, --kommune, "
            "--from/--to or --types, "
            "or draw one person, council, theme or meeting (kg view person|council|theme|meeting).")


def _text_lines(attrs: dict[str, Any], skip: Iterable[str]) -> list[str]:
    skip = set(skip)
    return [f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in attrs.items()
            if k not in skip and v not in ("", None)]


def _node_tip(g, node: str, attrs: dict[str, Any]) -> str:
    lines = [str(attrs.get("label", node)), KIND_LABELS.get(attrs.get("kind", ""), attrs.get("kind", ""))]
    lines += _text_lines(attrs, skip=("kind", "label", "iri", "degree", "bipartite"))
    if attrs.get("kind") == "person":
        seats = [e for e in (g.edges[node, m] for m in g[node]) if e.get("relation") and e.get("source")]
        for e in sorted(seats, key=lambda e: (str(e.get("date", "")), str(e.get("source", ""))))[:12]:
            lines.append(f"{e.get('date') or '(plan)'} · {e.get('role') or '–'} · {e.get('status', '')} · "
                         f"{e.get('source', '')}")
    return "\n".join(lines)


def _edge_tip(attrs: dict[str, Any]) -> str:
    lines = _text_lines(attrs, skip=("distance", "evidence", "line"))
    if attrs.get("evidence"):
        where = f"linje {attrs['line']}: " if attrs.get("line") else ""
        lines.append(f"{where}“{attrs['evidence']}”")
    return "\n".join(lines)


def _colour(view: View, attrs: dict[str, Any]) -> str:
    if view.colour_by == "side":
        return SIDE_COLOURS.get(attrs.get("side", ""), "#bab0ac")
    if view.colour_by == "community":
        number = int(attrs.get("community", 0))
        return COMMUNITY_COLOURS[(number - 1) % len(COMMUNITY_COLOURS)] if number else "#bab0ac"
    return KIND_STYLE.get(attrs.get("kind", ""), KIND_STYLE["person"])[1]


def _size(view: View, attrs: dict[str, Any], top: float) -> float:
    if "centrality" in attrs:
        return round(10 + 30 * (attrs["centrality"] / top if top else 0), 1)
    return KIND_STYLE.get(attrs.get("kind", ""), KIND_STYLE["person"])[2]


def _payload(view: View, g, positions: dict[str, tuple[float, float]] | None) -> dict[str, Any]:
    ids = {node: i for i, node in enumerate(g)}
    top = max((a.get("centrality", 0) for _, a in g.nodes(data=True)), default=0)
    scale = max(600.0, (len(g) ** 0.5) * 60)
    nodes = []
    for node, attrs in g.nodes(data=True):
        shape = KIND_STYLE.get(attrs.get("kind", ""), KIND_STYLE["person"])[0]
        item = {"id": ids[node], "label": str(attrs.get("label", node)), "shape": shape,
                "color": _colour(view, attrs), "size": _size(view, attrs, top),
                "tip": _node_tip(g, node, attrs), "kind": attrs.get("kind", ""),
                "details": [[FIELD_LABELS.get(k, k), str(v)] for k, v in attrs.items() if k != "label"]}
        if positions:
            item["x"], item["y"] = round(positions[node][0] * scale, 1), round(positions[node][1] * scale, 1)
        nodes.append(item)
    heaviest = max((a.get("weight", 1) for _, _, a in g.edges(data=True)), default=1)
    edges = [{"from": ids[a], "to": ids[b], "tip": _edge_tip(attrs),
              "width": round(1 + 7 * (attrs.get("weight", 1) - 1) / max(heaviest - 1, 1), 2)
              if "weight" in attrs else 1,
              "dashes": attrs.get("status") == "absent"}
             for a, b, attrs in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "physics": positions is None}


def _legend(view: View, g) -> list[tuple[str, str, str]]:
    if view.legend:
        return view.legend
    if view.colour_by == "side":
        sides = sorted({str(a.get("side", "")) for _, a in g.nodes(data=True)} - {""})
        return [("●", SIDE_COLOURS.get(s, "#bab0ac"), f"side: {s}") for s in sides] + \
            [("—", "#888888", "edge width = shared meetings; size = betweenness")]
    if view.colour_by == "community":
        found = sorted({int(a.get("community", 0)) for _, a in g.nodes(data=True)} - {0})
        return [("●", COMMUNITY_COLOURS[(c - 1) % len(COMMUNITY_COLOURS)], f"fællesskab (community) {c}")
                for c in found] + [("—", "#888888", "edge width = shared meetings; size = betweenness")]
    kinds = {a.get("kind") for _, a in g.nodes(data=True)}
    out = [(KIND_STYLE[k][3], KIND_STYLE[k][1], KIND_LABELS[k]) for k in KIND_STYLE if k in kinds]
    return out + [("┄", "#888888", "stiplet = afbud (dashed = absent)")]


def _json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survive as themselves."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _vendor(name: str) -> str:
    text = (VENDOR / name).read_text(encoding="utf-8")
    # split on "\n" only: str.splitlines would also break at U+2028 and friends inside JS strings
    text = "\n".join(line for line in text.split("\n") if not line.startswith("//# sourceMappingURL"))
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def render_html(view: View, node_limit: int | None = NODE_LIMIT) -> tuple[str, Any, str | None]:
    """The page for ``view``; returns (html text, the graph drawn, cut message or None)."""
    g, cut = view.drawn(node_limit)
    if view.sentences:
        view.sentences(g)
    positions = fast_layout(g) if g.number_of_nodes() > LAYOUT_THRESHOLD else None
    data = _payload(view, g, positions)
    legend = "".join(f'<li><span class="kg-glyph" style="color:{colour}">{html.escape(glyph)}</span> '
                     f"{html.escape(text)}</li>" for glyph, colour, text in _legend(view, g))
    notes = [*view.notes, *([cut] if cut else [])]
    banner = "".join(f'<p class="kg-note">{html.escape(n)}</p>' for n in notes)
    summary = f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"
    parts = {"TITLE": html.escape(view.title), "SUMMARY": html.escape(summary), "LEGEND": legend,
             "BANNER": banner, "VIS_CSS": _vendor("vis-network.css"), "DATA": _json_for_script(data),
             "VIS_JS": _vendor("vis-network.min.js")}
    # one pass, so text from a document that looks like a placeholder is never expanded
    page = re.sub(r"%([A-Z_]+)%", lambda m: parts.get(m.group(1), m.group(0)), TEMPLATE)
    return page, g, cut


def write_view(view: View, path: str | Path, node_limit: int | None = NODE_LIMIT,
               warn: Callable[[str], None] | None = None) -> ViewResult:
    """Write the page as UTF-8; a cut is reported through ``warn`` (default: stderr)."""
    started = time.perf_counter()
    page, g, cut = render_html(view, node_limit)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    if cut:
        (warn or (lambda m: print(f"warning: {m}", file=sys.stderr)))(cut)
    return ViewResult(path, g.number_of_nodes(), g.number_of_edges(), cut, time.perf_counter() - started,
                      len(page.encode("utf-8")))


TEMPLATE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<script>
var kgErrors = [];
window.addEventListener("error", function (e) { kgErrors.push(String(e.message)); });
</script>
<style>%VIS_CSS%</style>
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; font-size: 14px; }
#kg-top { display: flex; gap: 1em; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ddd; }
#kg-top h1 { font-size: 16px; margin: 0; }
#kg-main { display: flex; height: calc(100% - 46px); }
#kg-network { flex: 1; min-width: 0; height: 100%; }
#kg-side { width: 300px; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px;
           box-sizing: border-box; }
#kg-side ul { padding-left: 0; list-style: none; margin: 0 0 1em 0; }
.kg-glyph { display: inline-block; width: 1.3em; text-align: center; }
.kg-note { background: #fff3cd; border: 1px solid #e0c36c; padding: 6px; margin: 0 0 8px 0; }
.kg-tip { white-space: pre-line; max-width: 420px; font-size: 12px; }
#kg-details dt { font-weight: bold; margin-top: 4px; }
#kg-details dd { margin: 0 0 0 0.5em; white-space: pre-line; }
#kg-details button { border: none; background: none; color: #0645ad; cursor: pointer; padding: 0;
                     text-align: left; }
</style>
</head>
<body>
<div id="kg-top">
  <h1>%TITLE%</h1>
  <span id="kg-summary">%SUMMARY%</span>
  <input id="kg-search" list="kg-names" placeholder="Søg (find a node by name)…" autocomplete="off">
  <datalist id="kg-names"></datalist>
  <span id="kg-search-status"></span>
</div>
<div id="kg-main">
  <div id="kg-network"></div>
  <div id="kg-side">
    %BANNER%
    <h2 style="font-size:14px">Forklaring (legend)</h2>
    <ul id="kg-legend">%LEGEND%</ul>
    <div id="kg-details"><p>Klik på en knude for detaljer (click a node for details).</p></div>
  </div>
</div>
<script type="application/json" id="kg-data">%DATA%</script>
<script>%VIS_JS%</script>
<script>
var network;  // the vis Network object (global, as in pyvis pages)
var kgReady = false, kgDrawn = false;
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function tip(text) {
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.textContent = text;
    return div;
  }
  var byId = {};
  var nodes = data.nodes.map(function (n) {
    byId[n.id] = n;
    var o = {id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, title: tip(n.tip)};
    if (n.x !== undefined) { o.x = n.x; o.y = n.y; }
    if (n.shape === "box") { o.font = {size: 11}; }
    return o;
  });
  var edges = data.edges.map(function (e, i) {
    return {id: i, from: e.from, to: e.to, width: e.width, dashes: e.dashes, title: tip(e.tip),
            color: {color: "#9aa5b1", highlight: "#333333", hover: "#333333"}};
  });
  var big = nodes.length > 300;
  var options = {
    physics: data.physics ? {stabilization: {iterations: 250}, barnesHut: {gravitationalConstant: -4000,
             springLength: 120}} : false,
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: big},
    edges: {smooth: big ? false : {type: "continuous"}},
    nodes: {font: {size: 12, face: "system-ui, sans-serif"}},
    layout: {improvedLayout: !big, randomSeed: 1}
  };
  network = new vis.Network(document.getElementById("kg-network"),
                            {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}, options);
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: false}); });
  }
  network.once("afterDrawing", function () { kgDrawn = true; });

  var details = document.getElementById("kg-details");
  function add(parent, tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: false});
    showDetails(id);
  }
  function showDetails(id) {
    var n = byId[id];
    details.replaceChildren();
    add(details, "h3", n.label);
    var dl = add(details, "dl");
    n.details.forEach(function (pair) { add(dl, "dt", pair[0]); add(dl, "dd", pair[1]); });
    var near = network.getConnectedNodes(id);
    add(details, "h4", "Forbindelser (linked to): " + near.length);
    var ul = add(details, "ul");
    near.slice(0, 200).forEach(function (m) {
      var button = add(add(ul, "li"), "button", byId[m].label + " (" + byId[m].kind + ")");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(m); });
    });
  }
  network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });

  var names = document.getElementById("kg-names");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (seen[n.label]) { return; }
    seen[n.label] = true;
    var option = document.createElement("option");
    option.value = n.label;
    names.appendChild(option);
  });
  var search = document.getElementById("kg-search"), status = document.getElementById("kg-search-status");
  function find() {
    var want = search.value.trim().toLowerCase();
    if (!want) { return; }
    var hit = data.nodes.find(function (n) { return n.label.toLowerCase() === want; }) ||
              data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(want) >= 0; });
    status.textContent = hit ? "" : "ikke fundet (not found)";
    if (hit) { focusNode(hit.id); }
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { find(); } });
  window.kgFocus = focusNode;
  kgReady = true;
})();
</script>
</body>
</html>
"""
