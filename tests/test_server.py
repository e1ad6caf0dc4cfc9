"""``kg serve`` and ``kg import``: protocol parsing, content negotiation, the page, importing RDF."""

from __future__ import annotations

import json
import os
import urllib.parse

import pytest
from kg_serve_helpers import kg, kg_serve, request

from kg.endpoint import Operation, OperationError, apply_using, negotiate
from kg.server import parse_request

KG = "https://kredsgraf.dk/id/"
DATA = f"""<{KG}person/test-inge-thygesen> <http://xmlns.com/foaf/0.1/name> "Inge Thygesen" .
<{KG}person/test-inge-thygesen> <http://xmlns.com/foaf/0.1/based_near> <{KG}kommune/faaborg-midtfyn> .
<{KG}kommune/faaborg-midtfyn> <http://www.w3.org/2000/01/rdf-schema#label> "Faaborg-Midtfyn"@da .
"""
FORM = "application/x-www-form-urlencoded"


# -- protocol parsing (no server) ----------------------------------------------------------
def test_get_query_with_dataset():
    qs = urllib.parse.urlencode([("query", "ASK {}"), ("default-graph-uri", "http://a"),
                                 ("default-graph-uri", "http://b"), ("named-graph-uri", "http://c")])
    op = parse_request("GET", qs, None, b"", "text/csv")
    assert (op.kind, op.text, op.default_graphs, op.named_graphs, op.accept) == (
        "query", "ASK {}", ["http://a", "http://b"], ["http://c"], "text/csv")


@pytest.mark.parametrize("method,qs,ctype,body,status", [
    ("GET", "update=CLEAR+ALL", None, b"", 405),
    ("GET", "query=ASK+%7B%7D&query=ASK+%7B%7D", None, b"", 400),
    ("GET", "", None, b"", 400),
    ("POST", "", None, b"query=ASK+%7B%7D", 400),
    ("POST", "", "text/plain", b"ASK {}", 415),
    ("POST", "", "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 415),
    ("POST", "", "application/sparql-query", "ASK {}".encode("utf-16"), 400),
    ("POST", "", FORM, b"query=ASK+%7B%7D&update=CLEAR+ALL", 400),
    ("POST", "query=ASK+%7B%7D", "application/sparql-query", b"ASK {}", 400),
    ("POST", "", FORM, b"query=%FF", 400),
    ("GET", "query=ASK+%7B%7D&default-graph-uri=not%20an%20iri", None, b"", 400),
])
def test_bad_requests_are_4xx(method, qs, ctype, body, status):
    with pytest.raises(OperationError) as err:
        parse_request(method, qs, ctype, body, None)
    assert err.value.status == status
    assert err.value.reason and "\n" not in err.value.reason


def test_form_post_merges_url_and_body():
    op = parse_request("POST", "default-graph-uri=http%3A%2F%2Fa", FORM + "; charset=UTF-8",
                       b"query=SELECT+%28%22%C3%A6%C3%B8%C3%A5%22+AS+%3Fx%29+%7B%7D", None)
    assert op.text == 'SELECT ("æøå" AS ?x) {}'
    assert op.default_graphs == ["http://a"]


@pytest.mark.parametrize("accept,expected", [
    (None, "json"),
    ("text/csv", "csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("text/tab-separated-values, text/csv;q=0.9", "tsv"),
    ("text/*", "xml"),  # text/xml is a results type too, and offered first
    ("image/png", None),
    ("application/sparql-results+json;q=0, */*;q=0.1", "xml"),
])
def test_negotiate_select(accept, expected):
    from kg.endpoint import RESULTS_TYPES

    assert negotiate(accept, RESULTS_TYPES) == expected


def test_using_clauses_go_before_each_top_level_where():
    text = ("INSERT DATA { <http://s> <http://p> 1 } ;\n"
            "INSERT { GRAPH <http://g> { ?s a <http://x> } }\n"
            "WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?q ?r } } } ;\n"
            "DELETE WHERE { ?s <http://gone> ?o } ;\n"
            'DELETE { ?s ?p "WHERE" } WHERE { ?s ?p "WHERE" }')
    out = apply_using(Operation("update", text, ["http://d"], ["http://n"]))
    clause = "USING <http://d> USING NAMED <http://n> WHERE"
    assert out.count(clause) == 2
    assert out.count("WHERE") == text.count("WHERE") and "SELECT ?s WHERE" in out
    assert "DELETE WHERE { ?s <http://gone>" in out


def test_using_conflicts_with_with_clause():
    with pytest.raises(OperationError) as err:
        apply_using(Operation("update", "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://d"]))
    assert err.value.status == 400


# -- live server ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A folder with a store, an exports/ view, an extra named query; kg serve running in it."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "data.nt").write_text(DATA, encoding="utf-8")
    kg("import", str(folder / "data.nt"), "--store", str(folder / "store"))
    (folder / "exports").mkdir()
    (folder / "exports" / "netværk.html").write_text("<html><body>Netværk</body></html>", encoding="utf-8")
    (folder / "secret.txt").write_text("HEMMELIG", encoding="utf-8")
    queries = folder / "queries"
    queries.mkdir()
    (queries / "by-name.rq").write_text(
        '#+ summary: Find a person </script><script>alert("x")</script>\n'
        "#+ param: name string required - the name\n"
        "SELECT ?p WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?_name }\n", encoding="utf-8")
    env = dict(os.environ, KG_QUERIES_DIR=str(queries))
    with kg_serve(folder / "store", env=env, cwd=folder) as srv:
        yield srv


def post_query(srv, text: str, accept: str) -> tuple[int, dict, bytes]:
    return request(srv.sparql, text.encode("utf-8"), {"Content-Type": "application/sparql-query",
                                                      "Accept": accept})


SELECT = "SELECT ?name ?label WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name ; " \
         "<http://xmlns.com/foaf/0.1/based_near>/<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
CONSTRUCT = ("CONSTRUCT { ?p <http://example.org/navn> ?name } "
             "WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name }")


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_formats(site, accept, media):
    status, headers, body = post_query(site, SELECT, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    text = body.decode("utf-8")
    assert "Inge Thygesen" in text and "Faaborg-Midtfyn" in text
    if media == "text/tab-separated-values":
        assert '"Faaborg-Midtfyn"@da' in text


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_graph_formats(site, accept, fmt):
    from rdflib import Graph, Literal

    status, headers, body = post_query(site, CONSTRUCT, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == accept
    graph = Graph().parse(data=body, format=fmt)
    assert list(graph.objects()) == [Literal("Inge Thygesen")]


def test_jsonld_needs_no_remote_context(site):
    status, _, body = post_query(site, CONSTRUCT, "application/ld+json")
    doc = json.loads(body)
    contexts = [doc.get("@context")] if isinstance(doc, dict) else [d.get("@context") for d in doc]
    assert all(c is None or isinstance(c, dict) for c in contexts)  # inline, never a URL to fetch
    assert any(isinstance(c, dict) and c.get("foaf") == "http://xmlns.com/foaf/0.1/" for c in contexts)


def test_unacceptable_type_is_406(site):
    status, _, body = post_query(site, SELECT, "image/png")
    assert status == 406
    assert len(body.strip().splitlines()) == 1


def test_page_is_offline_and_escapes_query_text(site):
    status, headers, body = request(site.url + "/")
    page = body.decode("utf-8")
    assert status == 200
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "by-name" in page and "netv" in page
    assert '</script><script>alert("x")' not in page  # the summary is data, not markup
    assert " src=" not in page and 'href="http' not in page and "<link" not in page
    assert "innerHTML" not in page


def test_named_query_with_bound_parameter(site):
    form = urllib.parse.urlencode({"name": "Inge Thygesen"}).encode()
    status, _, body = request(site.url + "/named/by-name", form,
                              {"Content-Type": FORM, "Accept": "application/sparql-results+json"})
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert [r["p"]["value"] for r in rows] == [f"{KG}person/test-inge-thygesen"]
    status, _, body = request(site.url + "/named/by-name", urllib.parse.urlencode(
        {"name": '" } SELECT * WHERE { ?s ?p ?o } #'}).encode(), {"Content-Type": FORM})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []  # a value, never syntax
    status, _, _ = request(site.url + "/named/by-name", b"", {"Content-Type": FORM})
    assert status == 400


def test_exports_are_linked_and_only_they_are_served(site):
    status, _, body = request(site.url + "/exports/" + urllib.parse.quote("netværk.html"))
    assert status == 200 and "Netværk" in body.decode("utf-8")
    for path in ("/exports/../secret.txt", "/exports/%2e%2e/secret.txt", "/secret.txt", "/exports/nope.html"):
        status, _, body = request(site.url + path)
        assert status == 404 and b"HEMMELIG" not in body


def test_other_methods_are_405(site):
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = request(site.sparql + "?query=ASK%7B%7D", method=method)
        assert status == 405
        assert "POST" in headers.get("Allow", "")


# -- kg import -----------------------------------------------------------------------------
def test_import_default_graph_from_file_name(tmp_path):
    from kg.importer import default_graph_iri, import_rdf
    from kg.store import open_store

    path = tmp_path / "Ærø kommune.nt"
    path.write_text(DATA, encoding="utf-8")
    store = open_store("memory:")
    result = import_rdf(path, store=store)
    assert result.graphs == [default_graph_iri(path)] == [f"{KG}graph/import/aeroe-kommune-nt"]
    assert result.triples == 3 and len(store) == 3
    import_rdf(path, store=store)  # replaces: same size again
    assert len(store) == 3
    import_rdf(path, store=store, append=True, graph=f"{KG}graph/andet")
    assert store.named_graphs() == [f"{KG}graph/andet", f"{KG}graph/import/aeroe-kommune-nt"]


def test_import_trig_keeps_its_graph_names(tmp_path):
    from kg.importer import import_rdf
    from kg.store import open_store

    path = tmp_path / "data.trig"
    path.write_text('<http://example.org/g1> { <http://example.org/s> <http://example.org/p> "én" }\n'
                    '<http://example.org/s> <http://example.org/p> "to" .\n', encoding="utf-8")
    store = open_store("memory:")
    result = import_rdf(path, graph="http://example.org/default", store=store)
    assert result.graphs == ["http://example.org/default", "http://example.org/g1"]
    rows = store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g").rows
    assert [(r["g"], r["o"]) for r in rows] == [("http://example.org/default", "to"),
                                                 ("http://example.org/g1", "én")]


def test_import_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/s> <http://example.org/p> .\n", encoding="utf-8")
    other = tmp_path / "notes.docx"
    other.write_bytes(b"x")
    for path in (bad, other):
        out = kg("import", str(path), "--store", str(tmp_path / "store"), check=False)
        assert out.returncode == 1
        assert out.stderr.startswith("error:") and len(out.stderr.strip().splitlines()) == 1
