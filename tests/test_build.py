"""The import step: per-file results, failures that lose nothing, re-loads, pruning, atomicity."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg import ids
from kg.build import build, remove
from kg.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _copy_examples(dest: Path, suffixes=(".txt", ".md")) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for f in sorted(EXAMPLES.iterdir()):
        if f.suffix in suffixes:
            out.append(Path(shutil.copy(f, dest / f.name)))
    assert out, "the example corpus has text documents"
    return out


def _graph(store, graph: str) -> set[str]:
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").terms
    return {f"{r['s'].n3()} {r['p'].n3()} {r['o'].n3()}" for r in rows}


def test_build_loads_each_file_into_its_own_graph(tmp_path):
    files = _copy_examples(tmp_path / "docs")
    store = open_store("memory:")
    report = build([tmp_path / "docs"], store)
    assert report.count("loaded") == len(files) and not report.failed
    graphs = set(store.named_graphs())
    assert {ids.document(f.name) for f in files} <= graphs


def test_rebuild_gives_the_identical_graph_and_skips_unchanged(tmp_path):
    _copy_examples(tmp_path / "docs")
    store = open_store(tmp_path / "store")
    build([tmp_path / "docs"], store)
    first = store.dump("nquads")
    report = build([tmp_path / "docs"], store)
    assert report.count("unchanged") == len(report.results)
    assert store.dump("nquads") == first
    build([tmp_path / "docs"], store, force=True)
    assert sorted(store.dump("nquads").splitlines()) == sorted(first.splitlines())


def test_changed_document_replaces_exactly_its_graph(tmp_path):
    files = _copy_examples(tmp_path / "docs")
    store = open_store("memory:")
    build([tmp_path / "docs"], store)
    other = ids.document(files[1].name)
    before_other = _graph(store, other)
    target = files[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nEkstra linje om indbrud.\n", encoding="utf-8")
    report = build([tmp_path / "docs"], store)
    assert [r.status for r in report.results if Path(r.path).name == target.name] == ["loaded"]
    assert _graph(store, other) == before_other
    graph = ids.document(target.name)
    query = f"SELECT ?sha WHERE {{ GRAPH <{graph}> {{ ?d <{ids.ONTOLOGY}sha256> ?sha }} }}"
    shas = {r["sha"] for r in store.query(query).rows}
    assert len(shas) == 1  # the old version's facts are gone


def test_bad_files_are_named_and_the_rest_still_loads(tmp_path):
    files = _copy_examples(tmp_path / "docs")
    (tmp_path / "docs" / "empty.txt").write_bytes(b"")
    (tmp_path / "docs" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "docs" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    store = open_store("memory:")
    report = build([tmp_path / "docs"], store)
    failed = {Path(r.path).name: r.message for r in report.failed}
    assert set(failed) == {"empty.txt", "image.png", "broken.pdf"}
    assert all(name in msg for name, msg in failed.items())
    assert report.count("loaded") == len(files)


def test_prune_and_remove(tmp_path):
    files = _copy_examples(tmp_path / "docs")
    store = open_store("memory:")
    build([tmp_path / "docs"], store)
    files[0].unlink()
    report = build([tmp_path / "docs"], store, prune=True)
    assert [r.path for r in report.results if r.status == "removed"] == [files[0].name]
    assert ids.document(files[0].name) not in store.named_graphs()
    results = remove([files[1]], store)
    assert [r.status for r in results] == ["removed"]
    assert ids.document(files[1].name) not in store.named_graphs()
    assert remove([files[1]], store)[0].status == "failed"


def _kill_build_after_loaded(docs: Path, store_path: Path, count: int) -> list[int]:
    """Run `kg build` in a child and SIGKILL it once it has reported ``count`` stored documents."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(docs), "--store", str(store_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    loaded, workers = 0, []
    for line in proc.stdout:
        loaded += "loaded" in line
        if loaded >= count:
            workers = _children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    _assert_ended(workers)  # its extraction workers go with it
    return workers


def _children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _assert_ended(pids: list[int], seconds: float = 10) -> None:
    import time

    def alive(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in pids if alive(p)], "a killed build left its workers running"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_build_leaves_every_document_whole(tmp_path):
    """Kill `kg build` part-way: each document's graph is entirely the old or the new version."""
    docs = tmp_path / "docs"
    originals = _copy_examples(tmp_path / "orig")
    docs.mkdir()
    for i in range(60):
        for f in originals:
            shutil.copy(f, docs / f"{i:03d}-{f.name}")
    store_path = tmp_path / "store"
    old = open_store(store_path)
    build([docs], old)
    old_graphs = {g: _graph(old, g) for g in old.named_graphs()}
    del old
    for f in docs.iterdir():  # every document changes
        f.write_text(f.read_text(encoding="utf-8") + "\nTilføjet senere.\n", encoding="utf-8")
    _kill_build_after_loaded(docs, store_path, 20)
    after = open_store(store_path)
    fresh = open_store("memory:")
    build([docs], fresh)
    changed = unchanged = 0
    for g, before in old_graphs.items():
        now = _graph(after, g)
        if now == before:
            unchanged += 1
        else:
            assert now == _graph(fresh, g), f"{g} is neither the old nor the new version"
            changed += 1
    assert changed >= 20 and unchanged >= 1


def test_people_no_document_names_any_more_leave_the_graph(tmp_path):
    """Shared facts live once in the entities graph; removing the only document naming a person
    removes the person, while people other documents name stay."""
    files = _copy_examples(tmp_path / "docs")
    store = open_store("memory:")
    build([tmp_path / "docs"], store)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name }"
    names = store.query("SELECT DISTINCT ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name }").rows
    assert store.query(q).rows[0]["n"] == len(names)  # one copy of each name, however many documents
    by_file = {f: set(_names(store, f)) for f in files}
    target, unique = next((f, names - set().union(*(n for g, n in by_file.items() if g != f)))
                          for f, names in by_file.items()
                          if names - set().union(*(n for g, n in by_file.items() if g != f)))
    remove([target], store)
    left = {r["name"] for r in store.query(
        "SELECT ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name }").rows}
    assert unique and not unique & left
    assert left >= set().union(*(n for g, n in by_file.items() if g != target))


def _names(store, path: Path) -> list[str]:
    graph = ids.document(path.name)
    q = (f"SELECT DISTINCT ?name WHERE {{ GRAPH <{graph}> {{ ?p <{ids.ONTOLOGY}participant> ?who }} "
         "?who <http://xmlns.com/foaf/0.1/name> ?name }")
    return [r["name"] for r in store.query(q).rows]


def test_an_interrupted_bulk_load_is_dropped_on_the_next_writable_open(tmp_path):
    """New documents are bulk-loaded (not atomic) between a pending record and its removal; a
    store left with the record loses exactly those graphs when it is next opened for writing."""
    files = _copy_examples(tmp_path / "docs")
    store_path = tmp_path / "store"
    store = open_store(store_path)
    build([tmp_path / "docs"], store)
    before = {g: _graph(store, g) for g in store.named_graphs()}
    assert store.interrupted() == [] and store.repaired == []
    half = "https://kredsgraf.dk/id/document/half-written-txt"
    store.update(f"""INSERT DATA {{ GRAPH <{half}> {{ <{half}> <{ids.ONTOLOGY}documentType> "referat" }}
      GRAPH <https://kredsgraf.dk/id/graph/pending> {{ <https://kredsgraf.dk/id/graph/pending>
        <https://kredsgraf.dk/ontology#loading> <{half}> }} }}""")
    del store
    reader = open_store(store_path, read_only=True)
    assert reader.interrupted() == [half] and reader.repaired == []  # a reader changes nothing
    del reader
    writer = open_store(store_path)
    assert writer.repaired == [half]
    assert writer.interrupted() == []
    assert {g: _graph(writer, g) for g in writer.named_graphs()} == before
    report = build([tmp_path / "docs"], writer)
    assert report.count("unchanged") == len(files)


class _FirstLoadWaits:
    """A store's Oxigraph object whose first bulk load waits for ``release`` (others pass through)."""

    def __init__(self, real) -> None:  # noqa: ANN001
        import threading

        self.real, self.calls = real, 0
        self.entered, self.release = threading.Event(), threading.Event()

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)

    def bulk_load(self, **kw) -> None:  # noqa: ANN003
        self.calls += 1
        if self.calls == 1:
            self.entered.set()
            assert self.release.wait(30)
        self.real.bulk_load(**kw)


def test_concurrent_bulk_loads_keep_each_others_pending_record(tmp_path, monkeypatch):
    """The build runs two bulk loads at once: a load that ends clears only its own record, so a
    writer that dies during the other still leaves that one's graphs listed for repair."""
    import threading

    import kg.store

    monkeypatch.setattr(kg.store, "BULK_MIN_BYTES", 0)  # bulk-load these small files
    store = open_store(tmp_path / "store")
    store._store = slow = _FirstLoadWaits(store._store)
    graphs = [f"https://kredsgraf.dk/id/document/load-{i}" for i in (1, 2)]
    files = []
    for i, g in enumerate(graphs):
        files.append(tmp_path / f"{i}.nq")
        files[-1].write_text(f'<{g}> <{ids.ONTOLOGY}documentType> "referat" <{g}> .\n', encoding="utf-8")
    first = threading.Thread(target=store.bulk_add, args=(files[0], [graphs[0]]))
    first.start()
    assert slow.entered.wait(30)
    store.bulk_add(files[1], [graphs[1]])  # starts and ends while the first is loading
    assert store.interrupted() == [graphs[0]]
    slow.release.set()
    first.join(30)
    assert store.interrupted() == []
    assert "https://kredsgraf.dk/id/graph/pending" not in store.named_graphs()
    assert set(graphs) <= set(store.named_graphs())


def test_a_transaction_waits_for_the_loads_put_before_it():
    """Two writer threads, but a transaction (replaced documents) still comes after every job put
    before it: a load that fails forgets which entity facts were sent, and the transaction must see that."""
    import threading
    import time

    from kg.build import FileResult, Prepared, _Spool, _Writer

    class Store:
        def __init__(self) -> None:
            self.release, self.calls = threading.Event(), []

        def bulk_add(self, path, graphs) -> None:  # noqa: ANN001
            assert self.release.wait(30)
            self.calls.append("load")

        def replace_graphs(self, graphs, add=None) -> None:  # noqa: ANN001
            self.calls.append("transaction")

    store = Store()
    writer = _Writer(store, loaders=2)
    spool = _Spool(writer.written)
    spool.add(Prepared(FileResult("a.txt", "loaded"), "urn:a", b"<urn:s> <urn:p> <urn:o> <urn:a> .\n"))
    writer.put(spool)
    writer.put([Prepared(FileResult("b.txt", "loaded"), "urn:b", b"<urn:s> <urn:p> <urn:o> <urn:b> .\n")])
    time.sleep(0.3)  # time enough for the free thread to write, if it did not wait
    assert store.calls == []
    store.release.set()
    writer.close()
    assert store.calls == ["load", "transaction"]
    assert [r.path for batch in writer.done() for r in (p.result for p in batch)] == ["a.txt", "b.txt"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_first_build_leaves_whole_documents_or_none(tmp_path):
    """Kill a first build (the bulk-load path) part-way: after the next writable open every
    document in the store is whole, and building again completes the store."""
    docs = tmp_path / "docs"
    originals = _copy_examples(tmp_path / "orig")
    docs.mkdir()
    for i in range(160):  # more than one write batch (kg.build.BATCH_TRIPLES)
        for f in originals:
            shutil.copy(f, docs / f"{i:03d}-{f.name}")
    store_path = tmp_path / "store"
    assert _kill_build_after_loaded(docs, store_path, 20), "the build had no workers to check"
    after = open_store(store_path)
    fresh = open_store("memory:")
    build([docs], fresh)
    documents = [g for g in after.named_graphs() if "/id/document/" in g]
    assert 20 <= len(documents) < len(list(docs.iterdir()))
    for g in documents:
        assert _graph(after, g) == _graph(fresh, g), f"{g} is not whole"
    build([docs], after)
    data = [g for g in fresh.named_graphs() if not g.endswith("/graph/ontology")]  # (its blank nodes differ)
    assert after.named_graphs() == fresh.named_graphs()
    assert {g: _graph(after, g) for g in data} == {g: _graph(fresh, g) for g in data}


def test_a_person_dropped_from_a_changed_document_leaves_the_graph(tmp_path):
    """Replacing a document removes the entities only its old version named (and nothing else);
    the targeted clean-up leaves the same entities graph as a full scan."""
    from kg.build import drop_orphan_entities
    from kg.store import ENTITIES_GRAPH

    files = _copy_examples(tmp_path / "docs")
    store = open_store("memory:")
    build([tmp_path / "docs"], store)
    by_file = {f: set(_names(store, f)) for f in files}
    target, unique = next((f, names - set().union(*(n for g, n in by_file.items() if g != f)))
                          for f, names in by_file.items()
                          if names - set().union(*(n for g, n in by_file.items() if g != f)))
    gone = sorted(unique)[0]
    text = target.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if gone not in line]
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = build([tmp_path / "docs"], store)
    assert [r.status for r in report.results if Path(r.path) == target] == ["loaded"]
    left = {r["name"] for r in store.query(
        "SELECT ?name WHERE { ?s <http://xmlns.com/foaf/0.1/name> ?name }").rows}
    assert gone not in left
    assert left >= set().union(*(n for g, n in by_file.items() if g != target))
    entities = _graph(store, ENTITIES_GRAPH)
    drop_orphan_entities(store)  # the full scan finds nothing more to drop
    assert _graph(store, ENTITIES_GRAPH) == entities


def test_a_bulk_build_compacts_the_store_and_keeps_every_quad(tmp_path, monkeypatch):
    """After bulk loads the build compacts the indexes (Store.optimize); the data is the same as a
    build of the same documents through transactions, which does not compact."""
    import kg.build
    import kg.store
    from kg.store import OxigraphStore

    _copy_examples(tmp_path / "docs")
    calls = []
    real = OxigraphStore.optimize
    monkeypatch.setattr(OxigraphStore, "optimize", lambda self: calls.append(self.path) or real(self))
    plain = open_store(tmp_path / "plain.kg")
    build([tmp_path / "docs"], plain, workers=1)
    assert calls == []  # a few small documents: transactions, nothing to compact
    monkeypatch.setattr(kg.store, "BULK_MIN_BYTES", 1)
    monkeypatch.setattr(kg.build, "OPTIMIZE_AFTER_BYTES", 1)
    bulk = open_store(tmp_path / "bulk.kg")
    build([tmp_path / "docs"], bulk, workers=1)
    assert calls == [str(tmp_path / "bulk.kg")]
    def quads(store) -> list[bytes]:  # the ontology's blank nodes are named anew by each store
        return sorted(q for q in store.dump("nquads").splitlines() if b"_:" not in q)

    assert len(quads(bulk)) > 1000 and quads(bulk) == quads(plain)


def test_a_reader_that_kills_its_worker_fails_that_file_only(tmp_path, monkeypatch):
    """A crash inside a parser (a segfault in a C extension) kills a pool worker: that file is
    reported as failed with the reason, every other file is loaded, and the build does not hang."""
    import kg.build

    docs = tmp_path / "docs"
    files = _copy_examples(docs, suffixes=(".txt",))
    for i in range(45 // len(files) + 1):  # enough files for the process pool
        for f in files:
            shutil.copy(f, docs / f"copy{i}-{f.name}")
    crash = docs / f"copy1-{files[0].name}"
    real = kg.build.prepare

    def crashing(path, *args, **kwargs):  # runs in the forked workers
        if path.name == crash.name:
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(kg.build, "prepare", crashing)
    store = open_store("memory:")
    report = build([docs], store, workers=2)
    assert [r.path for r in report.failed] == [str(crash)]
    assert "the reader crashed" in report.failed[0].message
    assert report.count("loaded") == len(list(docs.iterdir())) - 1 >= 2 * kg.build.PARALLEL_MIN
