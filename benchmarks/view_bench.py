"""Time to build and write a view of 200, 2,000 and 10,000 nodes, and the size of the HTML.

Synthetic graphs shaped like the real one: meetings with 8–14 people each, drawn from a pool of
people who sit in a few councils. Usage: ``python benchmarks/view_bench.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

SIZES = (200, 2_000, 10_000)


def synthetic_graph(n: int, seed: int = 7):
    """About ``n`` nodes: one meeting per ten nodes, the rest people, plus councils."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.Graph()
    councils = [f"council/{i}" for i in range(max(2, n // 200))]
    meetings = [f"meeting/{i}" for i in range(max(1, n // 10))]
    people = [f"person/{i}" for i in range(n - len(councils) - len(meetings))]
    for c in councils:
        g.add_node(c, kind="council", label=f"Kredsråd {c}")
    for i, m in enumerate(meetings):
        council = councils[i % len(councils)]
        g.add_node(m, kind="meeting", label=f"Møde {i}", date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}")
        g.add_edge(m, council, relation="møde i")
    home = {p: rng.randrange(len(councils)) for p in people}
    by_council = {i: [p for p in people if home[p] == i] for i in range(len(councils))}
    for i, m in enumerate(meetings):
        pool = by_council[i % len(councils)] or people
        for p in rng.sample(pool, min(len(pool), rng.randint(8, 14))):
            g.add_node(p, kind="person", label=f"Person {p.split('/')[1]} Østergaard", side=rng.choice(
                ["politi", "kommune"]))
            g.add_edge(p, m, relation="deltog", role="Borgmester", source="x.txt",
                       evidence="Østergaard\tBorgmester")
    for p in people:  # people who never came still count as nodes
        if p not in g:
            g.add_node(p, kind="person", label=f"Person {p.split('/')[1]}", side="anden")
    return g


def run(out: Path) -> list[tuple]:
    from kg.views import NODE_LIMIT, View, write_view

    rows = []
    for n in SIZES:
        for limit in ((NODE_LIMIT, None) if n > NODE_LIMIT else (NODE_LIMIT,)):
            started = time.perf_counter()
            view = View(synthetic_graph(n), f"bench {n}")
            built = time.perf_counter() - started
            result = write_view(view, out / f"bench-{n}-{limit}.html", node_limit=limit, warn=lambda _m: None)
            rows.append((n, limit or "none", result.nodes, result.edges, built, result.seconds, result.bytes))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Keep the pages in this folder (default: a temporary one).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        heads = ("nodes", "limit", "drawn", "edges", "build s", "write s", "HTML MB")
        print(" ".join(f"{h:>8}" for h in heads))
        for n, limit, drawn, edges, built, wrote, size in run(out):
            print(f"{n:>8,} {limit!s:>8} {drawn:>8,} {edges:>8,} {built:>8.2f} {wrote:>8.2f} "
                  f"{size / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
