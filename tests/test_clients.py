"""Real SPARQL clients against a live ``kg serve``: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from kg_serve_helpers import TOKEN, kg, kg_serve

KG = "https://kredsgraf.dk/id/"
DATA = f"""@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{KG}person/test-soeren-aagaard> a foaf:Person ; foaf:name "Søren Aagaard" ;
    foaf:based_near <{KG}kommune/aeroe> .
<{KG}person/test-birthe-holm> a foaf:Person ; foaf:name "Birthe Holm" ;
    foaf:based_near <{KG}kommune/haderslev> .
<{KG}kommune/aeroe> rdfs:label "Ærø"@da .
<{KG}kommune/haderslev> rdfs:label "Haderslev"@da .
"""
PEOPLE = """PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?kommune WHERE { ?p a foaf:Person ; foaf:name ?name ; foaf:based_near/rdfs:label ?kommune }
ORDER BY ?name"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clients")
    (folder / "people.ttl").write_text(DATA, encoding="utf-8")
    kg("import", str(folder / "people.ttl"), "--graph", f"{KG}graph/test-people",
       "--store", str(folder / "store"))
    return folder / "store"


@pytest.fixture(scope="module")
def server(store):
    with kg_serve(store, "--allow-update", "--token", TOKEN) as srv:
        yield srv


def wrapper(server, query: str, fmt: str, method: str = "GET"):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server, method):
    from SPARQLWrapper import JSON

    rows = wrapper(server, PEOPLE, JSON, method).convert()["results"]["bindings"]
    assert [(r["name"]["value"], r["kommune"]["value"], r["kommune"]["xml:lang"]) for r in rows] == [
        ("Birthe Holm", "Haderslev", "da"), ("Søren Aagaard", "Ærø", "da")]


def test_sparqlwrapper_select_xml_csv_tsv(server):
    from SPARQLWrapper import CSV, TSV, XML

    doc = wrapper(server, PEOPLE, XML).convert()  # an xml.dom document
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == ["Birthe Holm", "Haderslev", "Søren Aagaard", "Ærø"]
    csv_text = wrapper(server, PEOPLE, CSV).convert().decode("utf-8")
    assert csv_text.splitlines() == ["name,kommune", "Birthe Holm,Haderslev", "Søren Aagaard,Ærø"]
    tsv_text = wrapper(server, PEOPLE, TSV).convert().decode("utf-8")
    assert tsv_text.splitlines()[0] == "?name\t?kommune"
    assert '"Ærø"@da' in tsv_text


def test_sparqlwrapper_ask_and_construct(server):
    from SPARQLWrapper import JSON, JSONLD, N3, TURTLE

    assert wrapper(server, 'ASK { ?p <http://xmlns.com/foaf/0.1/name> "Søren Aagaard" }', JSON).convert()[
        "boolean"] is True
    assert wrapper(server, 'ASK { ?p <http://xmlns.com/foaf/0.1/name> "Ingen" }', JSON).convert()[
        "boolean"] is False
    construct = f"CONSTRUCT {{ ?p <{KG}test/navn> ?n }} WHERE {{ ?p <http://xmlns.com/foaf/0.1/name> ?n }}"
    for fmt in (TURTLE, N3, JSONLD):
        graph = wrapper(server, construct, fmt).convert()
        if isinstance(graph, bytes):
            from rdflib import Graph

            graph = Graph().parse(data=graph, format="turtle")
        names = sorted(str(o) for o in graph.objects())
        assert names == ["Birthe Holm", "Søren Aagaard"], fmt


def test_sparqlwrapper_error_is_a_4xx(server):
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT * WHERE { ?s ?p", JSON)


def test_sparqlwrapper_update_with_bearer_token(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(server.sparql, updateEndpoint=server.sparql)
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setQuery(f'INSERT DATA {{ GRAPH <{KG}graph/test-wrapper> {{ <{KG}person/test-kaj-due> '
                    '<http://xmlns.com/foaf/0.1/name> "Kaj Due" } }')
    client.query()
    ask = f'ASK {{ GRAPH <{KG}graph/test-wrapper> {{ ?p <http://xmlns.com/foaf/0.1/name> "Kaj Due" }} }}'
    assert wrapper(server, ask, JSON).convert()["boolean"] is True


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_query(server, method):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.sparql, method=method, returnFormat="json"))
    rows = [(str(r.name), str(r.kommune), r.kommune.language) for r in graph.query(PEOPLE)]
    assert rows == [("Birthe Holm", "Haderslev", "da"), ("Søren Aagaard", "Ærø", "da")]


def test_rdflib_sparqlstore_triples_and_dataset_graph(server):
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.sparql, returnFormat="xml")
    graph = Graph(store=store, identifier=URIRef(f"{KG}graph/test-people"))
    names = sorted(str(o) for o in graph.objects(None, URIRef("http://xmlns.com/foaf/0.1/name")))
    assert names == ["Birthe Holm", "Søren Aagaard"]
    assert (URIRef(f"{KG}kommune/aeroe"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("Ærø", lang="da")) in graph


def test_rdflib_sparqlupdatestore_with_bearer_token(server):
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    store = SPARQLUpdateStore(server.sparql, server.sparql, headers={"Authorization": f"Bearer {TOKEN}"})
    graph = Graph(store=store, identifier=URIRef(f"{KG}graph/test-rdflib"))
    person = URIRef(f"{KG}person/test-lone-winther")
    graph.add((person, URIRef("http://xmlns.com/foaf/0.1/name"), Literal("Lone Winther")))
    assert (person, None, Literal("Lone Winther")) in graph
    graph.remove((person, None, None))
    assert (person, None, None) not in graph
