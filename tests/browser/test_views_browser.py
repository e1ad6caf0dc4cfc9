"""The views in headless Chromium with the network blocked (Chrome DevTools Protocol, stdlib only).

Each view's page must render the expected number of nodes and edges (read from the page's global
``network``), raise no script error and request nothing but its own file; a screenshot of each is
saved under ``tests/artifacts/``. An injected ``<img onerror>`` label must never run, also not when
its node is hovered and clicked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import ids
from tests.browser.cdp import Browser, find_chromium
from tests.test_views import EVIL, evil_record

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
COUNTS = "JSON.stringify([network.body.data.nodes.length, network.body.data.edges.length, kgErrors])"


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if not binary:
        pytest.skip("no Chromium found (install Debian's chromium package, or set KG_CHROMIUM)")
    b = Browser(binary)
    yield b
    b.close()


@pytest.fixture
def evil_store(store):
    from kg.mapping import record_triples, to_ntriples

    r = evil_record()
    store.replace_graph(ids.document(r.source), to_ntriples(record_triples(r)))
    return store


def _views(store):
    from kg.views import (
        co_attendance_view,
        council_view,
        meeting_view,
        overview_view,
        person_view,
        theme_view,
    )

    return {"overview": overview_view(store), "person": person_view(store, "Jens Åkjær", depth=2),
            "council": council_view(store, "Aalborg"), "theme": theme_view(store, "indbrud"),
            "meeting": meeting_view(store, "2022-05-10"), "co-attendance": co_attendance_view(store),
            "co-attendance-community": co_attendance_view(store, colour="community")}


def _check_rendered(browser, path: Path, nodes: int, edges: int, name: str) -> None:
    browser.open(path)
    shown_nodes, shown_edges, page_errors = json.loads(browser.evaluate(COUNTS))
    assert (shown_nodes, shown_edges) == (nodes, edges)
    assert browser.evaluate("network.body.nodeIndices.length") == nodes  # drawn, not only loaded
    assert page_errors == [] and browser.errors() == []
    assert browser.requests() == [path.resolve().as_uri()]
    browser.screenshot(ARTIFACTS / f"view-{name}.png")


@pytest.mark.parametrize("name", ["overview", "person", "council", "theme", "meeting", "co-attendance",
                                  "co-attendance-community"])
def test_each_view_renders_offline(browser, evil_store, tmp_path, name):
    from kg.views import write_view

    result = write_view(_views(evil_store)[name], tmp_path / f"{name}.html")
    assert result.nodes > 0
    _check_rendered(browser, result.path, result.nodes, result.edges, name)


def _node_point(browser, label: str) -> tuple[float, float]:
    js = f"""(function () {{
      var want = {json.dumps(label)};
      var id = network.body.data.nodes.get().find(function (n) {{ return n.label === want; }}).id;
      var p = network.canvasToDOM(network.getPositions([id])[id]);
      var r = document.getElementById("kg-network").getBoundingClientRect();
      return [p.x + r.left, p.y + r.top];
    }})()"""
    x, y = browser.evaluate(js)
    return x, y


def test_injected_img_onerror_never_runs(browser, evil_store, tmp_path):
    import time

    from kg.views import overview_view, write_view

    result = write_view(overview_view(evil_store), tmp_path / "evil.html")
    browser.open(result.path)
    browser.evaluate("network.fit(); network.redraw(); true")
    x, y = _node_point(browser, EVIL)
    browser.mouse("mouseMoved", x, y)
    time.sleep(0.6)  # the tooltip delay
    tooltip = browser.evaluate("(document.querySelector('div.vis-tooltip') || {}).textContent || ''")
    assert EVIL in tooltip  # shown, as text
    browser.mouse("mousePressed", x, y)
    browser.mouse("mouseReleased", x, y)
    time.sleep(0.3)
    assert browser.evaluate("document.querySelector('#kg-details h3').textContent") == EVIL
    assert browser.evaluate("typeof window.kgPwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, a[href], #kg-main script').length") == 0
    assert browser.errors() == []
    browser.screenshot(ARTIFACTS / "view-injection.png")


def test_search_box_finds_and_focuses_a_node(browser, store, tmp_path):
    from kg.views import overview_view, write_view

    result = write_view(overview_view(store), tmp_path / "search.html")
    browser.open(result.path)
    selected = browser.evaluate("""(function () {
      var box = document.getElementById("kg-search");
      box.value = "ulla bæk";
      box.dispatchEvent(new Event("change"));
      var id = network.getSelectedNodes()[0];
      return [network.body.data.nodes.get(id).label, document.querySelector('#kg-details h3').textContent];
    })()""")
    assert selected == ["Ulla Bæk", "Ulla Bæk"]


def test_large_precomputed_layout_renders_with_physics_off(browser, tmp_path):
    import networkx as nx

    from kg.views import View, write_view

    g = nx.barabasi_albert_graph(2000, 2, seed=5)
    g = nx.relabel_nodes(g, {i: f"n{i}" for i in g})
    for node in g:
        g.nodes[node].update(kind="person", label=node)
    result = write_view(View(g, "large"), tmp_path / "large.html")
    _check_rendered(browser, result.path, 2000, g.number_of_edges(), "large-2000")
    assert browser.evaluate("network.physics.physicsEnabled") is False
