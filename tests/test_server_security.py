"""``kg serve`` is safe by default: each claim checked against a live server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from kg_serve_helpers import EXAMPLES, TOKEN, Listener, kg, kg_serve, request

PERSON = "https://kredsgraf.dk/id/person/test-jytte-moelgaard"
DATA = f"""<{PERSON}> <http://xmlns.com/foaf/0.1/name> "Jytte Mølgaard" .
<{PERSON}> <http://xmlns.com/foaf/0.1/based_near> <https://kredsgraf.dk/id/kommune/vejle> .
"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(40))} }}" for i in range(5)) + " }"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("security")
    data = folder / "people.nt"
    data.write_text(DATA, encoding="utf-8")
    kg("import", str(data), "--store", str(folder / "store"))
    return folder / "store"


@pytest.fixture(scope="module")
def server(store):
    with kg_serve(store, "--timeout", "1", "--max-rows", "5") as srv:
        yield srv


@pytest.fixture(scope="module")
def rw_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("security-rw")
    data = folder / "people.nt"
    data.write_text(DATA, encoding="utf-8")
    kg("import", str(data), "--store", str(folder / "store"))
    with kg_serve(folder / "store", "--allow-update", "--token", TOKEN) as srv:
        yield srv


@pytest.fixture
def listener():
    lis = Listener()
    yield lis
    lis.close()


JSON = "application/sparql-results+json"


def query(srv, text: str, accept: str = JSON, **params) -> tuple[int, dict, bytes]:
    fields = urllib.parse.urlencode({"query": text, **params}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    return request(srv.sparql, fields, headers)


def update(srv, text: str, token: str | None = TOKEN) -> tuple[int, dict, bytes]:
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return request(srv.sparql, text.encode("utf-8"), headers)


def ask(srv, text: str) -> bool:
    status, _, body = query(srv, text)
    assert status == 200, body
    return json.loads(body)["boolean"]


def test_listener_canary_works(listener):
    """The canary itself notices a connection (so 0 below means: nothing was requested)."""
    import socket

    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    deadline = time.monotonic() + 3
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections == 1


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c .SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX remote: <{url}> SELECT * WHERE {{ SERVICE remote: {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_and_nothing_is_requested(server, listener, template):
    status, _, body = query(server, template.format(url=f"http://127.0.0.1:{listener.port}/sparql"))
    assert status == 403, body
    assert b"SERVICE" in body
    time.sleep(0.3)
    assert listener.connections == 0


def test_service_word_in_strings_and_names_is_not_refused(server):
    text = ('SELECT ?x WHERE { BIND("SERVICE <http://x/> { }" AS ?x) ?s <http://example.org/SERVICE> ?o }'
            " # SERVICE")
    status, _, body = query(server, text)
    assert status == 200, body


def test_from_file_and_http_iris_read_nothing(server, listener, tmp_path):
    canary = tmp_path / "canary.nt"
    canary.write_text('<http://example.org/canary> <http://example.org/says> "KANARIEFUGL-7431" .\n',
                      encoding="utf-8")
    file_iri = canary.as_uri()
    http_iri = f"http://127.0.0.1:{listener.port}/data.nt"
    for text, params in [
        (f"SELECT * FROM <{file_iri}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{file_iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        (f"SELECT * WHERE {{ GRAPH <{file_iri}> {{ ?s ?p ?o }} }}", {}),
        (f"SELECT * FROM <{http_iri}> WHERE {{ ?s ?p ?o }}", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": file_iri}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": http_iri}),
    ]:
        status, _, body = query(server, text, **params)
        assert status == 200, body
        assert b"KANARIEFUGL" not in body and b"canary" not in body
        assert json.loads(body)["results"]["bindings"] == []
    time.sleep(0.3)
    assert listener.connections == 0


def test_load_is_refused_and_reads_nothing(rw_server, listener, tmp_path):
    canary = tmp_path / "canary.nt"
    canary.write_text('<http://example.org/canary> <http://example.org/says> "KANARIEFUGL-7431" .\n',
                      encoding="utf-8")
    for target in (canary.as_uri(), f"http://127.0.0.1:{listener.port}/data.nt"):
        status, _, body = update(rw_server, f"LOAD <{target}> INTO GRAPH <http://example.org/g>")
        assert status == 403, body
        assert b"LOAD" in body
    assert not ask(rw_server, 'ASK { GRAPH ?g { ?s ?p "KANARIEFUGL-7431" } }')
    time.sleep(0.3)
    assert listener.connections == 0


def test_read_only_by_default(server):
    status, _, body = update(server, f'INSERT DATA {{ GRAPH <http://example.org/g> {{ <{PERSON}> '
                                     '<http://example.org/p> "skrevet" }} }}')
    assert status == 403, body
    assert b"read-only" in body
    assert not ask(server, 'ASK { GRAPH ?g { ?s ?p "skrevet" } }')


def test_updates_need_the_bearer_token(rw_server):
    text = ('INSERT DATA { GRAPH <http://example.org/g> { '
            '<http://example.org/s> <http://example.org/p> "ærø" } }')
    for token in (None, "wrong-token"):
        status, headers, body = update(rw_server, text, token=token)
        assert status == 401, body
        assert "Bearer" in headers.get("WWW-Authenticate", "")
        assert not ask(rw_server, 'ASK { GRAPH ?g { ?s ?p "ærø" } }')
    status, _, body = update(rw_server, text)
    assert status == 200, body
    assert ask(rw_server, 'ASK { GRAPH <http://example.org/g> { ?s ?p "ærø" } }')


def test_allow_update_without_token_refuses_to_start(store):
    env = {k: v for k, v in os.environ.items() if k != "KG_TOKEN"}
    out = subprocess.run(["kg", "serve", "--store", str(store), "--port", "0", "--allow-update"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 1
    assert "token" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def _descendants(pid: int) -> set[int]:
    """All processes below ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_timeout_stops_the_query(server):
    query(server, "ASK {}")  # the worker machinery is up
    before = _descendants(server.proc.pid)
    start = time.monotonic()
    status, _, body = query(server, SLOW)
    elapsed = time.monotonic() - start
    assert status == 503, body
    assert b"query stopped after 1 s" in body
    assert elapsed < 4
    deadline = time.monotonic() + 5
    while _descendants(server.proc.pid) - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _descendants(server.proc.pid) - before, "the query's worker process is still alive"
    assert ask(server, "ASK { ?s ?p ?o }")  # and the server still answers


def test_row_limit_refuses_instead_of_truncating(server):
    values = "VALUES ?n { " + " ".join(str(i) for i in range(10)) + " }"
    status, _, body = query(server, f"SELECT ?n WHERE {{ {values} }}")
    assert status == 422, body
    assert b"--max-rows" in body and b"5" in body
    status, _, body = query(server, f"SELECT ?n WHERE {{ {values} }} LIMIT 5")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    status, _, body = query(server, f"CONSTRUCT {{ <http://example.org/s> <http://example.org/n> ?n }} "
                                    f"WHERE {{ {values} }}", accept="text/turtle")
    assert status == 422, body


def test_cors_is_off_by_default(server):
    status, headers, _ = request(server.sparql + "?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
    assert status == 200
    assert not any(k.lower().startswith("access-control-") for k in headers)


def test_cors_only_for_the_given_origin(store):
    with kg_serve(store, "--cors", "https://yasgui.example") as srv:
        status, headers, _ = request(srv.sparql + "?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"})
        assert status == 200
        assert headers.get("Access-Control-Allow-Origin") == "https://yasgui.example"
        status, headers, _ = request(srv.sparql, method="OPTIONS",
                                     headers={"Origin": "https://yasgui.example",
                                              "Access-Control-Request-Method": "POST"})
        assert status == 204
        assert "POST" in headers.get("Access-Control-Allow-Methods", "")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")
def test_binds_loopback_by_default(server):
    port = int(server.url.rsplit(":", 1)[1])
    listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A"]  # state LISTEN
    addresses = [a.split(":")[0] for a in listening if int(a.split(":")[1], 16) == port]
    assert addresses == ["0100007F"]  # 127.0.0.1, and only there


def test_build_while_serving_works(tmp_path):
    """serve holds no write lock: `kg build` runs beside it and the server sees each document."""
    if not EXAMPLES.is_dir():
        pytest.skip(f"{EXAMPLES} is absent")
    store = tmp_path / "store"
    kg("import", str(_write(tmp_path / "x.nt", DATA)), "--store", str(store))
    with kg_serve(store) as srv:
        count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a ?type } }"
        build = subprocess.Popen(["kg", "build", str(EXAMPLES), "--store", str(store), "-q"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = set()
        for _ in range(200):  # bounded: queries while the build runs
            status, _, body = query(srv, count)
            assert status == 200, body
            seen.add(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]))
            if build.poll() is not None:
                break
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
        status, _, body = query(srv, count)
        final = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    n_docs = len([p for p in EXAMPLES.iterdir() if p.is_file() and not p.name.startswith(".")])
    assert final >= n_docs
    assert max(seen) <= final


def test_locked_store_gives_one_clear_line(tmp_path):
    """While another process holds the write lock, an update (and a build) fails naming the lock."""
    store = tmp_path / "store"
    kg("import", str(_write(tmp_path / "x.nt", DATA)), "--store", str(store))
    code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
            "print('locked', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(store)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with kg_serve(store, "--allow-update", "--token", TOKEN) as srv:
            assert ask(srv, "ASK { ?s ?p ?o }")  # reads work beside the writer
            status, _, body = update(srv, "CLEAR ALL")
            assert status == 503, body
            assert b"locked" in body and len(body.strip().splitlines()) == 1
        out = kg("import", str(tmp_path / "x.nt"), "--store", str(store), check=False)
        assert out.returncode == 1
        assert "locked" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    finally:
        holder.stdin.close()
        holder.wait(10)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
