"""The `kg` command through click's CliRunner, and the docs kept honest."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from kg.cli import main
from kg.queries import named_queries

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "kg") -> dict[str, click.Command]:
    out = {}
    for name, cmd in group.commands.items():
        out[f"{prefix} {name}"] = cmd
        if isinstance(cmd, click.Group):
            out.update(_commands(cmd, f"{prefix} {name}"))
    return out


def test_every_command_has_help_and_is_in_the_readme():
    for name, cmd in _commands(main).items():
        assert (cmd.help or "").strip(), f"{name} has no help"
        assert f"`{name}" in README, f"{name} is not in the README"


def test_every_named_query_is_listed_in_the_readme():
    for name in named_queries():
        assert f"`{name}`" in README, f"query {name} is not in the README"


def test_help_is_instant_and_imports_nothing_heavy():
    code = ("import sys, kg.cli; "
            "heavy = {'rdflib', 'pyoxigraph', 'owlready2', 'networkx', 'pyvis', 'pypdf'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_then_query_examples(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["build", str(EXAMPLES), "--store", store])
    assert result.exit_code == 0, result.output
    n = len([p for p in EXAMPLES.iterdir() if p.is_file()])
    assert f"{n} files: {n} loaded" in result.output
    result = runner.invoke(main, ["query", "attendance", "--format", "csv", "--store", store])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) > 10
    expected = {"person", "role", "side", "status", "date", "kommune", "police_district", "source"}
    assert expected <= set(rows[0])
    assert any("ø" in r["person"] or "æ" in r["person"] or "å" in r["person"] for r in rows)
    result = runner.invoke(main, ["query", "council-meetings", "--format", "json", "--store", store])
    data = json.loads(result.output)
    assert data["head"]["vars"][0] == "date" and data["results"]["bindings"]


def test_query_errors_are_one_line(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    runner.invoke(main, ["build", str(EXAMPLES), "--store", store])
    result = runner.invoke(main, ["query", "meeting-participants", "-p", "date=igår", "--store", store])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not a date" in result.output
    result = runner.invoke(main, ["query", "SELECT ?x {", "--store", store])
    assert result.exit_code == 1 and "malformed query" in result.output


def test_query_without_a_store_says_how_to_build(tmp_path):
    result = CliRunner().invoke(main, ["query", "attendance", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "kg build" in result.output


def test_build_exit_code_with_bad_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "tom.txt").write_text("", encoding="utf-8")
    sample = EXAMPLES / "2019-03-12_kredsraad_svendborg.txt"
    (docs / "ok.txt").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(docs), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "tom.txt" in result.output and "1 loaded" in result.output and "1 failed" in result.output
    result = runner.invoke(main, ["build", str(docs), "--store", str(tmp_path / "s"), "--keep-going"])
    assert result.exit_code == 0


def test_extract_json_matches_the_spec_shape():
    doc = EXAMPLES / "2019-03-12_kredsraad_svendborg.txt"
    result = CliRunner().invoke(main, ["extract", str(doc), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"source", "document_type", "council", "date", "year", "place", "participants",
                         "agenda", "projects", "themes"}
    assert data["source"] == doc.name and data["document_type"] == "referat"


def test_export_formats(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    runner.invoke(main, ["build", str(EXAMPLES), "--store", store])
    for fmt, probe in (("turtle", "@prefix"), ("trig", "{"), ("nquads", "> ."), ("jsonld", "@context")):
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(main, ["export", "--format", fmt, "-o", str(out), "--store", store])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert probe in text and "Svendborg" in text
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(tmp_path / "g.jsonld", format="json-ld")
    assert len(ds) > 100 or sum(1 for _ in ds.quads()) > 100


def test_stats_counts(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    runner.invoke(main, ["build", str(EXAMPLES), "--store", store])
    result = runner.invoke(main, ["stats", "--store", store])
    counts = {line.split()[0]: int(line.split()[-1].replace(",", "")) for line in result.output.splitlines()
              if line.strip() and line.split()[-1].replace(",", "").isdigit()}
    assert counts["Document"] == len([p for p in EXAMPLES.iterdir() if p.is_file()])
    assert counts["Person"] > 5 and counts["Participation"] >= counts["Person"]
