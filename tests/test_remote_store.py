"""An external SPARQL store: the real ``oxigraph serve`` on loopback as ``--store URL``.

The same documents are built into an embedded store and, through ``--store …/query --update-url
…/update``, into an Oxigraph server; every named query must give the same rows on both.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from kg_serve_helpers import EXAMPLES, free_port, kg, kg_serve, request, stop, wait_for_port

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """``oxigraph serve`` (union default graph, as Kredsgraf's queries expect) on a free port."""
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def corpora() -> list[Path]:
    found = [EXAMPLES] if EXAMPLES.is_dir() else []
    return found + ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else [])


@pytest.fixture(scope="module")
def built(oxigraph, tmp_path_factory):
    """(remote store URL, embedded store folder), both built from the same corpora."""
    if not corpora():
        pytest.skip("neither examples/corpus nor the shared corpus is present")
    embedded = tmp_path_factory.mktemp("embedded") / "store"
    remote = f"{oxigraph}/query"
    for corpus in corpora():
        kg("build", str(corpus), "--store", str(embedded), "-q", "--keep-going")
        kg("build", str(corpus), "--store", remote, "--update-url", f"{oxigraph}/update", "-q",
           "--keep-going")
    return remote, embedded


def sample_values(embedded: Path) -> dict[str, str]:
    """A value for each column name seen in the parameterless queries (to fill required params)."""
    from kg.queries import named_queries, run_query

    values: dict[str, str] = {}
    for q in named_queries().values():
        if any(p.required for p in q.params):
            continue
        for row in run_query(q.name, {}, str(embedded)).rows:
            for key, value in row.items():
                if value not in (None, "") and key not in values:
                    values[key] = str(value)
    return values


def canonical(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted(row.items())) for row in rows)


def test_named_queries_give_the_same_rows(built):
    from kg.queries import named_queries, run_query
    from kg.store import open_store

    remote_url, embedded = built
    values = sample_values(embedded)
    remote = open_store(remote_url)
    compared = 0
    for q in named_queries().values():
        params = {p.name: values[p.name] for p in q.params if p.required and p.name in values}
        if len(params) < sum(p.required for p in q.params):
            continue
        local_rows = run_query(q.name, params, str(embedded)).rows
        remote_rows = run_query(q.name, params, remote).rows
        assert canonical(remote_rows) == canonical(local_rows), q.name
        compared += bool(local_rows)
    assert compared >= 5  # most named queries return rows on the examples


def test_same_graphs_and_size(built):
    from kg.store import open_store

    remote_url, embedded = built
    remote = open_store(remote_url)
    local = open_store(str(embedded), read_only=True)
    assert remote.named_graphs() == local.named_graphs()
    assert len(remote) == len(local)


def test_rebuild_is_unchanged_and_replaces_atomically(built, oxigraph):
    """A second build over HTTP finds every document unchanged (sha256 read back from the server)."""
    remote_url, _ = built
    out = kg("build", str(corpora()[0]), "--store", remote_url, "--update-url", f"{oxigraph}/update")
    assert "unchanged" in out.stdout and "loaded" not in out.stdout.split("files:")[-1]


def test_kg_query_cli_and_import_on_the_remote_store(oxigraph, tmp_path):
    data = tmp_path / "ekstra.ttl"
    data.write_text('<https://kredsgraf.dk/id/person/test-aase-frandsen> <http://xmlns.com/foaf/0.1/name> '
                    '"Aase Frandsen" .\n', encoding="utf-8")
    kg("import", str(data), "--graph", "https://kredsgraf.dk/id/graph/test-ekstra", "--store",
       f"{oxigraph}/query", "--update-url", f"{oxigraph}/update")
    out = kg("query", "SELECT ?n WHERE { GRAPH <https://kredsgraf.dk/id/graph/test-ekstra> { ?p ?x ?n } }",
             "--store", f"{oxigraph}/query", "--format", "csv")
    assert out.stdout.splitlines()[1:] == ["Aase Frandsen"]


def test_kg_serve_in_front_of_the_remote_store(built):
    """kg serve --store URL: the protocol in front of another server, same answers."""
    import json
    import urllib.parse

    remote_url, embedded = built
    text = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with kg_serve(remote_url) as srv:
        status, _, body = request(srv.sparql + "?" + urllib.parse.urlencode({"query": text}))
        assert status == 200, body
        served = json.loads(body)["results"]["bindings"][0]["n"]["value"]
        status, _, body = request(srv.sparql + "?" + urllib.parse.urlencode(
            {"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}))
        assert status == 403
    from kg.store import open_store

    assert int(served) == len(open_store(remote_url).named_graphs())
    assert int(served) >= len(open_store(str(embedded), read_only=True).named_graphs())


def test_unreachable_endpoint_is_one_line(tmp_path):
    out = kg("query", "ASK {}", "--store", f"http://127.0.0.1:{free_port()}/query", check=False)
    assert out.returncode == 1
    assert "cannot reach SPARQL endpoint" in out.stderr and len(out.stderr.strip().splitlines()) == 1
