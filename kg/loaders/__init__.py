"""Document loaders, one module per document kind, behind :mod:`kg.loaders.base`."""

from __future__ import annotations

_LOADED = False


def load_all() -> None:
    """Import every loader module once so that each registers itself."""
    global _LOADED
    if _LOADED:
        return
    from kg.loaders import handlingsplan, referat, samarbejdsplan  # noqa: F401

    _LOADED = True
