"""Converting RDF terms between pyoxigraph and rdflib, and to plain Python values.

Query results can hold hundreds of thousands of values, so the conversions are written for speed:
classes are looked up once, IRIs and short literals (which repeat: councils, kommuner, dates) are
cached, and :func:`ox_to_python` turns common literals into Python values without building an rdflib
term first (the same values :func:`to_python` gives)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING, _INTEGER, _BOOLEAN, _DATE = (XSD + t for t in ("string", "integer", "boolean", "date"))
_DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHORT = 64  # literals up to this length are cached (names, labels, dates); sentences are not


class _Classes:
    """pyoxigraph and rdflib classes, imported on first use (never at module import)."""

    loaded = False

    @classmethod
    def load(cls) -> type[_Classes]:
        if not cls.loaded:
            import pyoxigraph as ox
            from rdflib import BNode, Literal, URIRef

            cls.ox, cls.BNode, cls.Literal, cls.URIRef = ox, BNode, Literal, URIRef
            cls.loaded = True
        return cls


def ox_to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as the equivalent rdflib term (None stays None)."""
    if term is None:
        return None
    c = _Classes.load()
    if isinstance(term, c.ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, c.ox.Literal):
        if len(term.value) <= _SHORT:
            return _short_literal(term)
        return _literal(term)
    if isinstance(term, c.ox.BlankNode):
        return c.BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


@lru_cache(maxsize=65536)
def _uri(value: str) -> Any:
    return _Classes.URIRef(value)


@lru_cache(maxsize=65536)
def _short_literal(term: Any) -> Any:
    return _literal(term)


def _literal(term: Any) -> Any:
    c = _Classes
    if term.language:
        return c.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == _STRING:
        return c.Literal(term.value)
    return c.Literal(term.value, datatype=_uri(dt))


def ox_to_python(term: Any) -> Any:
    """A pyoxigraph term as the plain value :func:`to_python` gives for its rdflib equivalent."""
    if term is None:
        return None
    c = _Classes.load()
    if not isinstance(term, c.ox.Literal):
        return term.value  # an IRI or a blank node's id, as str(URIRef/BNode)
    if term.language:
        return term.value
    dt = term.datatype.value
    value = term.value
    if dt == _STRING:
        return value
    if dt == _INTEGER and value.lstrip("+-").isdecimal():
        return int(value)
    if dt == _DATE and _DATE_FORM.fullmatch(value):
        return value
    if dt == _BOOLEAN and value in ("true", "false"):
        return value == "true"
    return to_python(ox_to_rdflib(term))  # anything else: exactly as rdflib reads it


def to_python(term: Any) -> Any:
    """A plain Python value for a row: IRIs as str, literals by datatype (dates as ISO strings)."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    return str(term)
