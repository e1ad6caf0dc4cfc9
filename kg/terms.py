"""Converting RDF terms between pyoxigraph and rdflib, and to plain Python values."""

from __future__ import annotations

from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"


def ox_to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as the equivalent rdflib term (None stays None)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == XSD + "string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term {term!r}")


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
