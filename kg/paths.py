"""Where the project's data files live (ontology, queries), found relative to the checkout."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR", ROOT / "ontology"))
QUERIES_DIR = Path(os.environ.get("KG_QUERIES_DIR", ROOT / "queries"))
EXPORTS_DIR = Path("exports")
DEFAULT_STORE = ".kg"


def ontology_file(name: str) -> Path:
    """A data file of ``ontology/`` by name, e.g. ``ontology_file("themes.tsv")``."""
    return ONTOLOGY_DIR / name
