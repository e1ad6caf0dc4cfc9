"""Smoke test of the scale benchmark (``benchmarks/run.py``): not timed, no assertion on speed.

Checks that 100 generated documents are extracted as their expected records say (the shared
scorer's rules), and that the benchmark runs end to end on a tiny corpus and prints every row.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


def test_generated_documents_are_extracted_as_expected(cache: Path) -> None:
    if not run.SCORER.exists():
        pytest.skip(f"shared scorer not found at {run.SCORER}")
    folder = run.corpus(100, cache, seed=3)
    assert len(run.documents(folder)) == 100
    score = run.score(folder)
    assert score.documents == 100
    assert score.failed == 0
    assert score.overall >= 0.99, score.misses[:10]
    assert "people" in score.summary and "themes" in score.summary


def test_parameters_come_from_the_data(cache: Path) -> None:
    folder = run.corpus(100, cache, seed=3)
    params = run.parameters(folder)
    text = "".join(p.read_text(encoding="utf-8") for p in run.expected_dir(folder).glob("*.json"))
    for key in ("person", "person_b", "kommune", "theme", "date"):
        assert params[key] and params[key] in text, key
    people, meetings = params["samples"]["person"], params["samples"]["date"]
    assert people[0] == params["person"] and [params["date"], params["kommune"]] == meetings[0]
    assert 1 < len(people) == len(set(people)) <= run.LOOKUP_SAMPLES
    from kg.queries import named_queries

    queries = named_queries()  # lookups take the next sample on each run, the heaviest first
    assert run._given(queries["person-meetings"], params, 0) == {"person": people[0]}
    assert run._given(queries["person-meetings"], params, 1) == {"person": people[1]}
    assert run._given(queries["meeting-participants"], params, len(meetings) + 1) == dict(
        zip(("date", "kommune"), meetings[1], strict=True))
    assert run._given(queries["theme-trace"], params, 5) == {"theme": params["theme"]}


def test_benchmark_runs_end_to_end_and_prints_every_row(cache: Path, capsys: pytest.CaptureFixture) -> None:
    code = run.main(["--sizes", "30", "--quick", "--cache", str(cache), "--score-limit", "30",
                     "--timeout", "60"])
    out = capsys.readouterr().out
    assert code == 0
    for label in ("documents/s", "quads/s", "peak memory of the build", "store size on disk",
                  "add one document to the full store", "`kg --help` start-up", "kg trace", "kg analyze path",
                  "kg view (2,000 nodes)", "Extraction of the generated documents"):
        assert label in out, label
    from kg.queries import named_queries

    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| query ")}
    assert set(rows) == {f"query {name}" for name in named_queries()}
    for name, line in rows.items():  # every operation was timed on both engines (or reported as killed)
        cells = [c.strip() for c in line.split("|")[2:5]]
        assert all(" ms" in c or c.startswith("killed") for c in cells[:2]), (name, cells)
    build = next(line for line in out.splitlines() if line.startswith("| failed documents"))
    assert build.split("|")[2].strip() == "0"


def test_an_operation_over_its_time_box_in_a_fork_is_reported_and_the_next_one_runs() -> None:
    """rdflib operations run in forks of the loaded graph: one over its time box is stopped and
    reported as killed, and the graph (here a list) is still there for the next operation."""
    import time

    graph = ["loaded"]
    slow = run._in_fork(lambda store, _i: time.sleep(5), graph, budget=0.1, timeout=0.5)
    assert slow == {"times": "killed (over 0.5 s)"}
    quick = run._in_fork(lambda store, _i: len(store), graph, budget=0.1, timeout=5)
    assert quick["rows"] == 1 and len(quick["times"]) >= 3 and all(t < 5 for t in quick["times"])
    broken = run._in_fork(lambda store, _i: 1 / 0, graph, budget=0.1, timeout=5)
    assert broken["times"].startswith("failed (ZeroDivisionError")
