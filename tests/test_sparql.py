"""Parameter binding by substitution: values never become query syntax."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.sparql import code_only, substitute


def test_substitute_replaces_only_variable_tokens():
    q = 'SELECT ?x WHERE { ?x ?p "?_name" . FILTER(?y = ?_name) } # ?_name in a comment'
    out = substitute(q, {"_name": Literal("Åse")})
    assert out.count('"Åse"') == 1
    assert '"?_name"' in out and "# ?_name in a comment" in out


def test_substitute_escapes_quotes_so_a_value_cannot_inject():
    evil = 'x" ) } ; DROP ALL ; SELECT * { ?s ?p "'
    out = substitute("SELECT * WHERE { ?s ?p ?_v }", {"_v": Literal(evil)})
    assert "DROP ALL" in out
    assert out.count('"') - out.count('\\"') == 2  # one literal: the quotes inside are escaped


def test_substitute_does_not_touch_longer_variable_names():
    out = substitute("SELECT ?_name_full WHERE { ?s ?p ?_name }", {"_name": Literal(1)})
    assert "?_name_full" in out and "?_name }" not in out


def test_invalid_iri_is_refused():
    with pytest.raises(QueryError):
        substitute("SELECT * { ?_s ?p ?o }", {"_s": URIRef("http://x> } DROP ALL {")})


def test_code_only_blanks_strings_and_comments():
    text = 'SELECT * { ?s ?p "SERVICE" } # SERVICE <http://x>'
    assert "SERVICE" not in code_only(text)
    assert "SERVICE" in code_only("SELECT * { SERVICE <http://x> { ?s ?p ?o } }")
