"""``export``: the whole graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD (local context)."""

from __future__ import annotations

from pathlib import Path

from kg.ids import PREFIXES
from kg.paths import EXPORTS_DIR

SUFFIX = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld",
          "graphml": "graphml"}


def export_bytes(fmt: str, store) -> bytes:
    """The serialised graph. JSON-LD uses an inline (local) context: nothing is fetched."""
    if fmt in ("trig", "nquads", "turtle", "ntriples"):
        return store.dump(fmt)
    if fmt == "jsonld":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=store.dump("nquads"), format="nquads")
        return ds.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True).encode("utf-8")
    raise ValueError(f"unknown format {fmt}")


def export(fmt: str = "trig", output: str | Path | None = None, store=None) -> Path:
    """Write the graph to ``output`` (default ``exports/kredsgraf.<ext>``); returns the path."""
    from kg.store import open_store

    if store is None or isinstance(store, (str, Path)):
        store = open_store(store, read_only=True)
    path = Path(output) if output else EXPORTS_DIR / f"kredsgraf.{SUFFIX[fmt]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":  # the typed network for Gephi/Cytoscape, not RDF (kg.network)
        from kg.network import write_graphml

        return write_graphml(store, path)
    path.write_bytes(export_bytes(fmt, store))
    return path
