"""``stats``: counts of things in the store by class."""

from __future__ import annotations

from pathlib import Path

COUNTS = """PREFIX kg: <https://kredsgraf.dk/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:))) }
GROUP BY ?class ORDER BY ?class"""


def stats(store=None) -> list[tuple[str, int]]:
    """(label, count) rows: documents (named graphs), quads, then instances per kg: class."""
    from kg.store import open_store

    if store is None or isinstance(store, (str, Path)):
        store = open_store(store, read_only=True)
    rows = [("named graphs", len(store.named_graphs())), ("quads", len(store))]
    for r in store.query(COUNTS).rows:
        rows.append((r["class"].rsplit("#", 1)[-1], int(r["n"])))
    return rows
