"""The scale benchmark (issue 7): build generated corpora and time the build, the queries and the tools.

    python3 benchmarks/run.py                     # 1,000 and 10,000 documents (about ten minutes)
    python3 benchmarks/run.py --sizes 1000 --quick

For each size it generates the corpus (``benchmarks/generate.py``, deterministic seed, cached in a
temporary folder), builds it into an embedded Oxigraph store in a child process and reports
documents/s, quads/s, peak memory of the build (the build process and its extraction workers),
the store's size on disk, the time to add one document to the full store, ``kg --help`` start-up
and p50/p95 latency of every named query, ``kg trace``, ``kg analyze path`` and a 2,000-node
``kg view`` on the embedded store and on plain rdflib in memory, with their ratio. It also scores
the extraction of the generated documents against their expected records.

Every measurement that touches the store runs in a child process with a time box and a memory
guard, so one runaway query is reported as ``killed`` instead of stopping the benchmark (or the
machine). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
SEED = 7
MEMORY_GUARD = 3 * 1024**3  # a measuring child above this resident size is stopped
VIEW_NODES = 2_000

sys.path.insert(0, str(BENCH))
from generate import expected_dir  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Corpus and extraction score


def corpus(size: int, cache: Path, seed: int = SEED) -> Path:
    """The generated corpus of ``size`` documents (written once, then reused from ``cache``)."""
    folder = cache / f"documents-{size}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        sys.path.insert(0, str(BENCH))
        import generate

        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(expected_dir(folder), ignore_errors=True)
        generate.generate(folder, size, seed=seed, jobs=os.cpu_count() or 1)
        done.write_text("ok\n", encoding="utf-8")
    return folder


def documents(folder: Path) -> list[Path]:
    """The documents of a generated corpus."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.startswith("doc_"))


def _load_scorer():  # noqa: ANN202 - the shared scorer module
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract_json(path: str) -> dict | None:
    from kg.errors import DocumentError
    from kg.extract import extract

    try:
        return extract(path).to_json()
    except DocumentError:
        return None


@dataclass
class Score:
    """Extraction of generated documents against their expected records (the shared scorer's fields)."""

    documents: int = 0
    failed: int = 0
    summary: str = ""
    overall: float = 0.0
    misses: list[str] = field(default_factory=list)


def score(folder: Path, limit: int | None = None) -> Score:
    """Score the extraction of the first ``limit`` documents of ``folder`` with the shared scorer's
    rules (exact metadata, people by name with role/side/status, agenda, projects, themes)."""
    if not SCORER.exists():
        return Score(summary=f"scorer not found at {SCORER}")
    sc = _load_scorer()
    files = documents(folder)[:limit]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        preds = list(pool.map(_extract_json, map(str, files), chunksize=16))
    out = Score(documents=len(files))
    scalar_ok, detail_ok, matched = Counter(), Counter(), 0
    tallies = {k: sc.Tally() for k in ("people", "agenda", "projects", "themes")}
    for path, pred in zip(files, preds, strict=True):
        gold = json.loads((expected_dir(folder) / f"{path.stem}.json").read_text(encoding="utf-8"))
        if pred is None:
            out.failed += 1
            out.misses.append(f"{path.name}: extraction failed")
            pred = {}
        matched += _score_one(sc, path.name, pred, gold, scalar_ok, detail_ok, tallies, out.misses)
    n = len(files)
    scalar = sum(scalar_ok.values()) / (n * len(sc.FIELDS)) if n else 0.0
    details = sum(detail_ok.values()) / (3 * matched) if matched else 1.0
    parts = {"metadata": scalar, **{k: t.f1() for k, t in tallies.items()}, "person details": details}
    out.overall = (scalar + details + sum(t.f1() for t in tallies.values())) / 6
    out.summary = f"overall {out.overall:.3f} · " + " · ".join(f"{k} {v:.3f}" for k, v in parts.items())
    return out


def _score_one(sc, name: str, pred: dict, gold: dict, scalar_ok: Counter, detail_ok: Counter,  # noqa: ANN001
               tallies: dict, misses: list[str]) -> int:
    """Add one document's comparison to the tallies; returns the number of matched people."""
    for f in sc.FIELDS:
        ok = sc.norm(sc.get(pred, f)) == sc.norm(sc.get(gold, f))
        scalar_ok[f] += ok
        if not ok:
            misses.append(f"{name}: {f} {sc.get(pred, f)!r}, want {sc.get(gold, f)!r}")
    gp, pp = gold.get("participants") or [], pred.get("participants") or []
    pairs = sc.match_lists(pp, gp, lambda p, g: sc.norm(p.get("name")) == sc.norm(g.get("name")))
    tallies["people"].add(len(pairs), len(pp), len(gp))
    if len(pairs) < max(len(gp), len(pp)):
        misses.append(f"{name}: people {len(pairs)} matched of {len(gp)} wanted, {len(pp)} given")
    for p, g in pairs:
        for key in ("role", "status", "side"):
            if sc.same_detail(key, p.get(key), g.get(key)):
                detail_ok[key] += 1
            else:
                misses.append(f"{name}: {g.get('name')}: {key} {p.get(key)!r}, want {g.get(key)!r}")
    ga, pa = gold.get("agenda") or [], pred.get("agenda") or []
    apairs = sc.match_lists(pa, ga, lambda p, g: sc.norm(p.get("number")) == sc.norm(g.get("number"))
                            and sc.similar(p.get("title", ""), g.get("title", ""), 0.6))
    tallies["agenda"].add(len(apairs), len(pa), len(ga))
    gj, pj = gold.get("projects") or [], pred.get("projects") or []
    jpairs = sc.match_lists(pj, gj, lambda p, g: sc.similar(p, g, 0.8))
    tallies["projects"].add(len(jpairs), len(pj), len(gj))
    if len(jpairs) < max(len(gj), len(pj)):
        misses.append(f"{name}: projects {len(jpairs)} matched of {len(gj)} wanted, {len(pj)} given")
    gt, pt = set(gold.get("themes") or []), set(pred.get("themes") or [])
    tallies["themes"].add(len(gt & pt), len(pt), len(gt))
    if gt != pt or len(apairs) < max(len(ga), len(pa)):
        misses.append(f"{name}: agenda or themes differ "
                      f"(themes missing {sorted(gt - pt)}, extra {sorted(pt - gt)})")
    return len(pairs)


# ---------------------------------------------------------------------------------------------
# Child-process measurements


def _tree_rss() -> int:
    """Resident size of this process and all its descendants (psutil), in bytes."""
    import psutil

    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


class Guard:
    """Samples the process tree's memory; stops this process when a step runs over its time box
    or the memory guard (the parent then reports the step as killed). ``report``: print the
    ``killed`` line (exit codes: 3 time box, 4 memory)."""

    def __init__(self, timeout: float | None = None, report: bool = True) -> None:
        self.peak, self.timeout, self.started = 0, timeout, time.monotonic()
        self.report, self.memory = report, True
        try:
            import psutil  # noqa: F401

            self.method = "psutil: RSS of the process and its workers, sampled every 50 ms"
        except ImportError:
            self.method = "getrusage: peak RSS of the process + of its largest worker"
        threading.Thread(target=self._run, daemon=True).start()

    def step(self) -> None:
        self.started = time.monotonic()

    def _stop(self, why: str, code: int) -> None:
        if self.report:
            print(json.dumps({"killed": why}), flush=True)
        os._exit(code)

    def _run(self) -> None:
        while True:
            if self.memory and self.method.startswith("psutil"):
                self.peak = max(self.peak, _tree_rss())
                if self.peak > MEMORY_GUARD:
                    self._stop(f"over {MEMORY_GUARD / 1024**3:.0f} GB", 4)
            if self.timeout and time.monotonic() - self.started > self.timeout:
                self._stop(f"over {self.timeout:g} s", 3)
            time.sleep(0.05)

    def peak_bytes(self) -> int:
        if self.method.startswith("psutil"):
            return self.peak
        import resource

        return 1024 * (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                       + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def child_build(folder: str, store_dir: str) -> dict[str, Any]:
    """(child) Build the corpus into a new store; time, quads, peak memory."""
    from kg.build import build
    from kg.store import open_store

    guard = Guard()
    files = documents(Path(folder))
    started = time.perf_counter()
    store = open_store(store_dir)
    report = build(files, store)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(files), "loaded": report.count("loaded"),
            "failed": report.count("failed"), "quads": len(store), "peak": guard.peak_bytes(),
            "memory_method": guard.method}


def child_add(store_dir: str, path: str) -> dict[str, Any]:
    """(child) Add one new document to the full store (library call, store open), then remove it."""
    from kg.build import build, remove
    from kg.store import open_store

    store = open_store(store_dir)
    started = time.perf_counter()
    report = build([path], store, workers=1)
    seconds = time.perf_counter() - started
    remove([path], store)
    return {"seconds": seconds, "status": report.results[0].status if report.results else "none"}


def _load_rdflib(store_dir: str):  # noqa: ANN202 - an RdflibStore
    from kg.store import open_store

    source = open_store(store_dir, read_only=True)
    data = source.dump("nquads")
    target = open_store("rdflib:")
    target.load_rdf(data, "nquads", None)
    return target


def _operations(params: dict[str, Any]) -> dict[str, Any]:
    """Every timed operation by name (called with the store and the run's number): the named queries,
    trace, analyze path, a 2,000-node view. A query that looks up a person or a meeting takes the next
    of ``params["samples"]`` on each run (the heaviest first), so its p50 is a typical lookup."""
    from kg.queries import named_queries, run_query

    ops: dict[str, Any] = {}
    for name, q in named_queries().items():
        ops[f"query {name}"] = lambda store, i, q=q: len(run_query(q.name, _given(q, params, i), store))
    ops["kg trace"] = lambda store, _i: _trace(store, params["theme"])
    ops["kg analyze path"] = lambda store, _i: _analyze_path(store, params["person"], params["person_b"])
    ops[f"kg view ({VIEW_NODES:,} nodes)"] = lambda store, _i: _view(store)
    return ops


def _given(query, params: dict[str, Any], run: int) -> dict[str, str]:  # noqa: ANN001
    """The query's parameters for this run: lookup keys (person, meeting) cycle through the samples."""
    given = {p.name: params[p.name] for p in query.params if p.name in params}
    samples = params.get("samples", {})
    for keys in (("person",), ("date", "kommune")):
        if all(k in given for k in keys) and samples.get(keys[0]):
            pick = samples[keys[0]][run % len(samples[keys[0]])]
            given.update(zip(keys, pick if len(keys) > 1 else [pick], strict=True))
    return given


def _trace(store, theme: str) -> int:  # noqa: ANN001
    from kg.trace import trace

    return len(trace(theme, store))


def _analyze_path(store, a: str, b: str) -> int:  # noqa: ANN001
    from kg.analyze import path
    from kg.errors import KgError

    try:
        return len(path(store, a, b))
    except KgError:
        return 0  # not connected is an answer too


def _view(store) -> int:  # noqa: ANN001
    from kg.views import overview_view, write_view

    with tempfile.TemporaryDirectory() as tmp:
        return write_view(overview_view(store), Path(tmp) / "view.html", node_limit=VIEW_NODES,
                          warn=lambda _m: None).nodes


def child_operations(engine: str, store_dir: str, params_json: str, skip: str, timeout: float,
                     budget: float) -> None:
    """(child) Time every operation on one engine; one JSON line per result, as they finish."""
    params = json.loads(params_json)
    guard = Guard()
    started = time.perf_counter()
    if engine == "rdflib":
        store = _load_rdflib(store_dir)
    else:
        from kg.store import open_store

        store = open_store(store_dir, read_only=True)
    print(json.dumps({"loaded": time.perf_counter() - started}), flush=True)
    forked = engine == "rdflib" and hasattr(os, "fork")
    if forked:  # each operation in a fork of the loaded graph: a kill does not cost a reload
        guard.memory = False  # a fork's pages are counted twice by RSS; each fork guards itself
    else:
        guard.step()  # the time box counts from here: loading may take longer than one box
        guard.timeout = timeout
    for name, op in _operations(params).items():
        if name in skip.split("|"):
            continue
        print(json.dumps({"start": name}), flush=True)
        if forked:
            result = _in_fork(op, store, budget, timeout)
        else:
            result = _time_op(op, store, budget, guard)
        print(json.dumps({"name": name, **result}), flush=True)
    guard.timeout = None


def _time_op(op, store, budget: float, guard: Guard | None = None) -> dict[str, Any]:  # noqa: ANN001
    """Run an operation 3–20 times (within ``budget`` seconds); its times and row count."""
    times, rows, spent = [], 0, 0.0
    while len(times) < 3 or (spent < budget and len(times) < 20):
        if guard is not None:
            guard.step()
        t = time.perf_counter()
        rows = op(store, len(times))
        times.append(time.perf_counter() - t)
        spent += times[-1]
        if times[-1] > budget:
            break
    return {"times": times, "rows": rows}


def _in_fork(op, store, budget: float, timeout: float) -> dict[str, Any]:  # noqa: ANN001
    """:func:`_time_op` in a forked process with its own time box (per run) and memory guard; its
    result, or ``times: "killed (…)"`` when the guard stopped it."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: guard, work, hand the result back through the pipe
        os.close(read)
        guard = Guard(timeout, report=False)
        try:
            data = json.dumps(_time_op(op, store, budget, guard)).encode()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as the result
            data = json.dumps({"times": f"failed ({type(exc).__name__}: {exc})"}).encode()
        os.write(write, data)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if data:
        return json.loads(data)
    code = os.waitstatus_to_exitcode(status)
    why = {3: f"over {timeout:g} s", 4: f"over {MEMORY_GUARD / 1024**3:.0f} GB"}.get(code, f"exit {code}")
    return {"times": f"killed ({why})"}


def run_child(args: list[str], timeout: float) -> list[dict]:
    """Run ``run.py --child …`` and return its JSON lines (a crash or kill becomes a ``killed`` line)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        lines, code, err = out.stdout, out.returncode, out.stderr
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        lines = raw.decode() if isinstance(raw, bytes) else raw
        code, err = -9, f"over {timeout:g} s"
    rows = [json.loads(line) for line in lines.splitlines() if line.startswith("{")]
    if code != 0 and not any("killed" in r for r in rows):
        rows.append({"killed": f"exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}"})
    return rows


def measure_operations(engine: str, store_dir: Path, params: dict, timeout: float,
                       budget: float) -> tuple[dict[str, Any], float | None]:
    """Name → list of seconds (or a ``killed …`` string); restarts the child after a kill."""
    results: dict[str, Any] = {}
    load = None
    for _attempt in range(20):
        lines = run_child(["operations", engine, str(store_dir), json.dumps(params), "|".join(results),
                           str(timeout), str(budget)], timeout=600)
        current = None
        for line in lines:
            if "loaded" in line:
                load = line["loaded"]
            elif "start" in line:
                current = line["start"]
            elif "name" in line:
                results[line["name"]] = line["times"]
                current = None
            elif "killed" in line:
                if current is None:
                    return results, load
                results[current] = f"killed ({line['killed']})"
        if current is None:
            return results, load
    return results, load


def kg_help_seconds(runs: int = 7) -> float:
    """Median wall time of ``kg --help`` (a fresh process each time)."""
    exe = shutil.which("kg")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "kg.cli", "--help"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# ---------------------------------------------------------------------------------------------
# Parameters taken from the data


def parameters(folder: Path) -> dict[str, Any]:
    """Sensible query parameters from the expected records: the most frequent person, a person met
    less often, a meeting date and kommune, the most frequent theme; and ``samples``: LOOKUP_SAMPLES
    people and meetings spread evenly over the frequency ranking, the heaviest first."""
    people, themes, meetings = Counter(), Counter(), Counter()
    for p in sorted(expected_dir(folder).glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        people.update(x["name"] for x in rec.get("participants") or [])
        themes.update(rec.get("themes") or [])
        if rec.get("date") and (rec.get("council") or {}).get("kommune"):
            meetings[(rec["date"], rec["council"]["kommune"])] += len(rec.get("participants") or [])
    ranked = [name for name, _ in people.most_common()]
    ranked_meetings = [list(m) for m, _ in meetings.most_common()]
    date, kommune = ranked_meetings[0]
    return {"person": ranked[0], "person_b": ranked[min(len(ranked) - 1, len(ranked) // 3)],
            "date": date, "kommune": kommune, "theme": themes.most_common(1)[0][0],
            "samples": {"person": _spread(ranked), "date": _spread(ranked_meetings)}}


LOOKUP_SAMPLES = 20


def _spread(ranked: list) -> list:
    """LOOKUP_SAMPLES items taken evenly from a ranking, its first (heaviest) item first."""
    step = max(1, len(ranked) // LOOKUP_SAMPLES)
    return ranked[::step][:LOOKUP_SAMPLES]


# ---------------------------------------------------------------------------------------------
# The run and the table


@dataclass
class SizeResult:
    size: int
    build: dict = field(default_factory=dict)
    disk: int = 0
    add: dict = field(default_factory=dict)
    ops: dict[str, dict[str, Any]] = field(default_factory=dict)
    load: dict[str, float | None] = field(default_factory=dict)


def run_size(size: int, cache: Path, args: argparse.Namespace) -> SizeResult:
    """Build one size and time everything on it."""
    folder = corpus(size, cache, args.seed)
    res = SizeResult(size)
    work = Path(tempfile.mkdtemp(prefix=f"kg-bench-{size}-"))
    store_dir = work / "store"
    try:
        _say(f"{size:,} documents: building …")
        res.build = run_child(["build", str(folder), str(store_dir)], timeout=args.build_timeout)[-1]
        res.disk = dir_size(store_dir)
        extra = _extra_document(cache, size, args.seed)
        res.add = run_child(["add", str(store_dir), str(extra)], timeout=120)[-1]
        params = parameters(folder)
        for engine in ("oxigraph", "rdflib"):
            if engine == "rdflib" and size > args.rdflib_max:
                continue
            _say(f"{size:,} documents: timing operations on {engine} …")
            box = args.timeout if engine == "oxigraph" else min(args.timeout, args.rdflib_timeout)
            res.ops[engine], res.load[engine] = measure_operations(engine, store_dir, params, box,
                                                                   args.budget)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return res


def _extra_document(cache: Path, size: int, seed: int) -> Path:
    """One document that is not in the corpus (number ``size`` of the same seed), in its own folder."""
    sys.path.insert(0, str(BENCH))
    import generate
    from world import build_world

    out = cache / f"extra-{size}-seed{seed}"
    out.mkdir(parents=True, exist_ok=True)
    expected_dir(out).mkdir(exist_ok=True)
    doc = generate.make_doc(build_world(seed), seed, size, generate.parse_formats("txt"))
    doc.stem = f"extra_{size:05d}"
    doc.record["source"] = f"{doc.stem}.txt"
    generate.write_doc(doc, out)
    return out / doc.record["source"]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _latency(value: Any) -> str:
    if value is None:
        return "not run"
    if isinstance(value, str):
        return value
    return f"{_ms(statistics.median(value))} / {_ms(_pct(value, 0.95))}"


def _ratio(ox: Any, rd: Any) -> str:
    if isinstance(ox, list) and isinstance(rd, list):
        return f"{statistics.median(rd) / max(statistics.median(ox), 1e-9):,.1f}×"
    return "–"


def table(results: list[SizeResult], help_s: float, sc: Score, args: argparse.Namespace) -> str:
    """The Markdown report."""
    head = "| | " + " | ".join(f"{r.size:,} documents" for r in results) + " |"
    sep = "|---" * (len(results) + 1) + "|"
    lines = ["### Build", "", head, sep]

    def row(label: str, fmt) -> None:  # noqa: ANN001
        lines.append(f"| {label} | " + " | ".join(fmt(r) for r in results) + " |")

    row("build time (end to end)", lambda r: f"{r.build.get('seconds', 0):.1f} s" if "seconds" in r.build
        else r.build.get("killed", "?"))
    row("documents/s", lambda r: f"{r.build['loaded'] / r.build['seconds']:,.0f}"
        if "seconds" in r.build else "–")
    row("quads", lambda r: f"{r.build['quads']:,}" if "quads" in r.build else "–")
    row("quads/s", lambda r: f"{r.build['quads'] / r.build['seconds']:,.0f}" if "seconds" in r.build else "–")
    row("failed documents", lambda r: str(r.build.get("failed", "–")))
    row("peak memory of the build", lambda r: f"{r.build['peak'] / 1024**2:,.0f} MB"
        if "peak" in r.build else "–")
    row("store size on disk", lambda r: f"{r.disk / 1024**2:,.0f} MB")
    row("add one document to the full store", lambda r: f"{_ms(r.add['seconds'])}" if "seconds" in r.add
        else r.add.get("killed", "?"))
    row("rdflib: load the dataset", lambda r: f"{r.load['rdflib']:.1f} s"
        if r.load.get("rdflib") else "not run")
    lines += ["", f"`kg --help` start-up: {_ms(help_s)} (median of 7 runs)", ""]
    method = next((r.build.get("memory_method") for r in results if r.build.get("memory_method")), "?")
    lines += [f"Peak memory: {method}.", ""]
    lines += ["### Latency p50 / p95 (embedded Oxigraph vs rdflib in memory)", ""]
    cols = []
    for r in results:
        cols += [f"{r.size:,}: Oxigraph", f"{r.size:,}: rdflib", f"{r.size:,}: rdflib ÷ Oxigraph"]
    lines += ["| operation | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    names = list(dict.fromkeys(n for r in results for e in r.ops.values() for n in e))
    for name in names:
        cells = []
        for r in results:
            ox, rd = r.ops.get("oxigraph", {}).get(name), r.ops.get("rdflib", {}).get(name)
            rd_cell = _latency(rd) if "rdflib" in r.ops else f"not run (rdflib capped at {args.rdflib_max:,})"
            cells += [_latency(ox), rd_cell, _ratio(ox, rd)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"Time box per operation {args.timeout:g} s (rdflib: "
              f"{min(args.timeout, args.rdflib_timeout):g} s, each operation in a fork of the loaded graph), "
              f"memory guard {MEMORY_GUARD / 1024**3:.0f} GB; "
              "p50/p95 over 3–20 runs (a single run when it takes longer than the per-operation budget; "
              "the first run is included). Queries that look up a person or a meeting take another one on "
              f"each run: {LOOKUP_SAMPLES} people (meetings) spread evenly over the ranking by number of "
              "participations (participants), the heaviest first — p50 is a typical lookup, p95 a heavy one; "
              "the other operations use the most frequent person and theme.", ""]
    lines += ["### Extraction of the generated documents", "", f"{sc.documents:,} documents "
              f"({sc.failed} failed): {sc.summary}"]
    if sc.misses:
        lines += [f"{len(sc.misses)} misses, first ones:"] + [f"- {m}" for m in sc.misses[:10]]
    else:
        lines.append("No misses.")
    return "\n".join(lines)


def machine() -> str:
    """nproc, memory, CPU model, Python and load average."""
    info = Path("/proc/cpuinfo")
    lines = info.read_text(encoding="utf-8").splitlines() if info.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
               platform.processor() or "?")
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}, "
            f"load average {load}")


def main(argv: list[str] | None = None) -> int:
    """Command line (``--child …`` is the internal entry of the measuring child processes)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="fewer runs per operation and shorter time boxes")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kredsgraf-bench",
                    help="where generated corpora are kept between runs")
    ap.add_argument("--rdflib-max", type=int, default=1000, help="largest size also timed on rdflib")
    ap.add_argument("--timeout", type=float, default=None, help="time box per operation run (s)")
    ap.add_argument("--rdflib-timeout", type=float, default=10.0,
                    help="time box per operation run on rdflib (s; default 10: it is far slower)")
    ap.add_argument("--score-limit", type=int, default=1000,
                    help="documents scored (the first ones of the largest corpus)")
    args = ap.parse_args(argv)
    args.timeout = args.timeout or (5.0 if args.quick else 20.0)
    args.budget = 0.5 if args.quick else 2.0
    args.build_timeout = 1800
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = machine()
    results = [run_size(n, args.cache, args) for n in sizes]
    _say("scoring extraction …")
    sc = score(corpus(max(sizes), args.cache, args.seed), args.score_limit)
    help_s = kg_help_seconds()
    quick = " --quick" if args.quick else ""
    print(f"## Benchmark (`python3 benchmarks/run.py --sizes {args.sizes}{quick}`)\n")
    print(f"Machine at start: {load_before}  \nat end: {machine()}  \n"
          f"total run time {time.perf_counter() - started:.0f} s\n")
    print(table(results, help_s, sc, args))
    return 0


def _child(argv: list[str]) -> int:
    kind, rest = argv[0], argv[1:]
    if kind == "build":
        print(json.dumps(child_build(*rest)), flush=True)
    elif kind == "add":
        print(json.dumps(child_add(*rest)), flush=True)
    elif kind == "operations":
        engine, store_dir, params, skip, timeout, budget = rest
        child_operations(engine, store_dir, params, skip, float(timeout), float(budget))
    return 0


if __name__ == "__main__":
    sys.exit(main())
