"""Fast term conversion gives the same values as going through rdflib."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kg.store import open_store
from kg.terms import ox_to_python, ox_to_rdflib, to_python

XSD = "http://www.w3.org/2001/XMLSchema#"


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


CASES = [typed("2018-05-10", "date"), typed("2018-05-10Z", "date"), typed("007", "integer"),
         typed("-3", "integer"), typed("+3", "integer"), typed("true", "boolean"), typed("1", "boolean"),
         typed("2.50", "decimal"), typed("1e3", "double"), typed("2020-01-01T10:00:00Z", "dateTime"),
         typed("x", "integer"), typed("²", "integer"), typed("٣", "integer"),
         ox.Literal("Kredsråd Øst", language="da"), ox.Literal("Ærø"),
         ox.NamedNode("https://kredsgraf.dk/id/person/søren-åberg"), ox.BlankNode("b1")]


@pytest.mark.parametrize("term", CASES, ids=str)
def test_python_values_match_rdflib(term: object) -> None:
    fast, slow = ox_to_python(term), to_python(ox_to_rdflib(term))
    assert fast == slow
    assert type(fast) is type(slow) or isinstance(slow, str)


@pytest.mark.filterwarnings("ignore::UserWarning")
@given(st.text(), st.sampled_from(["string", "integer", "date", "boolean", "gYear"]))
def test_any_lexical_form_matches_rdflib(text: str, datatype: str) -> None:
    term = typed(text, datatype) if datatype != "string" else ox.Literal(text)
    assert ox_to_python(term) == to_python(ox_to_rdflib(term))


def test_rdflib_terms_are_equal_and_cached() -> None:
    iri = ox.NamedNode("https://kredsgraf.dk/id/council/lokalraad/sorø")
    assert ox_to_rdflib(iri) == URIRef(iri.value) and ox_to_rdflib(iri) is ox_to_rdflib(iri)
    assert ox_to_rdflib(typed("2018-05-10", "date")) == Literal("2018-05-10", datatype=URIRef(XSD + "date"))
    assert ox_to_rdflib(ox.Literal("å", language="da")) == Literal("å", lang="da")
    long = ox.Literal("ø" * 500)
    assert ox_to_rdflib(long) == Literal("ø" * 500)
    assert isinstance(ox_to_rdflib(ox.BlankNode("b1")), BNode)


def test_query_rows_equal_rows_from_rdflib_terms() -> None:
    store = open_store("memory:")
    store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> "Sorø"@da , 3 , "2018-05-10"^^<'
                 + XSD + 'date> , true , <urn:b> } }')
    result = store.query("SELECT ?o ?missing WHERE { <urn:a> <urn:p> ?o OPTIONAL { ?o <urn:q> ?missing } }")
    assert len(result) == 5
    assert result.rows == [{v: to_python(t.get(v)) for v in result.vars} for t in result.terms]
    assert sorted(map(str, (r["o"] for r in result.rows))) == ["2018-05-10", "3", "Sorø", "True", "urn:b"]
    assert all(r["missing"] is None for r in result.rows)
