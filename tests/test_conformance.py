"""The W3C SPARQL 1.1 Protocol test suite against a live ``kg serve`` on loopback.

The manifest (``../shared/conformance/sparql11-protocol/manifest.ttl``) is read with rdflib; each
test's ``ut:graphData`` is loaded with ``kg import`` into the named graph given by its label, and
its requests are sent in order (path prefix ``/sparql/`` kept: the server answers there). Two
modes: a read-only server (every query and ``bad_*`` test as the manifest says; the ``update_*``
requests must be refused with 403) and a server with ``--allow-update`` (all 34 tests, update
requests carrying the bearer token).
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from kg_serve_helpers import CONFORMANCE, TOKEN, kg, kg_serve

MANIFEST = CONFORMANCE / "manifest.ttl"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}


@dataclass
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    format: str | None = None
    boolean: bool | None = None


@dataclass
class ProtocolTest:
    name: str
    data: list[tuple[Path, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


def load_manifest() -> list[ProtocolTest]:
    """The manifest's tests in order."""
    from rdflib import Graph, URIRef
    from rdflib.collection import Collection

    g = Graph()
    g.parse(MANIFEST, format="turtle")
    manifest = next(g.subjects(URIRef(MF + "entries"), None))
    entries = Collection(g, g.value(manifest, URIRef(MF + "entries")))
    tests = []
    for entry in entries:
        test = ProtocolTest(name=str(entry).rsplit("#", 1)[1])
        for gd in g.objects(entry, URIRef(UT + "graphData")):
            test.data.append((Path(str(g.value(gd, URIRef(UT + "graph"))).removeprefix("file://")),
                              str(g.value(gd, URIRef(RDFS_LABEL)))))
        action = g.value(entry, URIRef(MF + "action"))
        for req in Collection(g, g.value(action, URIRef(HT + "requests"))):
            test.steps.append(_step(g, req))
        tests.append(test)
    return tests


def _step(g, req) -> Step:
    from rdflib import URIRef

    def val(node, prop):
        return g.value(node, URIRef(prop))

    headers = {}
    if val(req, HT + "headers") is not None:
        from rdflib.collection import Collection

        for h in Collection(g, val(req, HT + "headers")):
            headers[str(val(h, HT + "fieldName"))] = str(val(h, HT + "fieldValue"))
    body = None
    if val(req, HT + "body") is not None:
        b = val(req, HT + "body")
        body = str(val(b, CNT + "chars")).encode(str(val(b, CNT + "characterEncoding")).lower())
    resp = val(req, HT + "resp")
    codes = g.objects(resp, URIRef(MF + "expectedStatus"))
    statuses = {int(str(s).rsplit("StatusCode", 1)[1][0]) for s in codes}
    fmt = val(resp, MF + "expectedFormat")
    boolean = val(resp, MF + "expectedBoolean")
    return Step(str(val(req, HT + "methodName")), str(val(req, HT + "absolutePath")), headers, body,
                statuses, str(fmt) if fmt is not None else None,
                boolean.toPython() if boolean is not None else None)


TESTS = load_manifest() if MANIFEST.exists() else []


def send(base: str, step: Step, token: str | None) -> tuple[int, str, bytes]:
    """Send one request exactly as written (http.client adds no Content-Type of its own)."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = dict(step.headers)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if step.body is not None:
        headers["Content-Length"] = str(len(step.body))
    try:
        conn.request(step.method, step.path, body=step.body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type", ""), resp.read()
    finally:
        conn.close()


def check_format(step: Step, media: str, body: bytes) -> None:
    media = media.split(";")[0].strip()
    if step.format == "boolean":
        value = parse_boolean(media, body)
        assert isinstance(value, bool)
        if step.boolean is not None:
            assert value is step.boolean
    elif step.format == "tabular":
        assert media in RESULT_TYPES, media
        if media == "application/sparql-results+json":
            assert "bindings" in json.loads(body)["results"]
    elif step.format == "RDF":
        from rdflib import Graph

        assert media in RDF_TYPES, media
        Graph().parse(data=body, format=RDF_TYPES[media])


def parse_boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    assert media == "application/sparql-results+xml", media
    node = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node.text.strip() == "true"


def load_data(store: Path, test: ProtocolTest) -> None:
    for file, graph in test.data:
        kg("import", str(CONFORMANCE / file.name), "--graph", graph, "--store", str(store))


@pytest.fixture(scope="module")
def readonly_server(tmp_path_factory):
    if not MANIFEST.exists():
        pytest.skip(f"the conformance suite is not beside the project ({MANIFEST} is absent)")
    store = tmp_path_factory.mktemp("conformance-ro") / "store"
    kg("import", str(CONFORMANCE / "data1.nt"), "--store", str(store))  # creates the store folder
    with kg_serve(store) as server:
        yield server, store


@pytest.fixture(scope="module")
def update_server(tmp_path_factory):
    if not MANIFEST.exists():
        pytest.skip(f"the conformance suite is not beside the project ({MANIFEST} is absent)")
    store = tmp_path_factory.mktemp("conformance-rw") / "store"
    with kg_serve(store, "--allow-update", "--token", TOKEN) as server:
        yield server, store


def test_manifest_has_all_entries():
    if not MANIFEST.exists():
        pytest.skip(f"{MANIFEST} is absent")
    assert len(TESTS) == 34
    assert sum(t.name.startswith("bad_") for t in TESTS) == 14


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol_readonly(readonly_server, test: ProtocolTest):
    server, store = readonly_server
    load_data(store, test)
    for step in test.steps:
        status, media, body = send(server.url, step, token=None)
        if test.name.startswith("update_"):
            assert status == 403, body  # updates are off: refused, not applied
            assert b"read-only" in body
            return
        assert status // 100 in step.statuses, (status, body)
        check_format(step, media, body)


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol_with_updates(update_server, test: ProtocolTest):
    server, store = update_server
    load_data(store, test)
    for step in test.steps:
        status, media, body = send(server.url, step, token=TOKEN)
        assert status // 100 in step.statuses, (status, body)
        if status // 100 == 4:
            assert body.strip() and b"\n" not in body.strip(), body  # a one-line reason
        check_format(step, media, body)
