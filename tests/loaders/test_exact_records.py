"""Stricter than the shared scorer: every person's title, side, status and flags, and every agenda
title, exactly as in the hand-made records (the scorer accepts a title that merely contains the
expected words, which would hide "Fra Fyns Politi deltog politidirektør")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract

ROOT = Path(__file__).resolve().parents[2]
SETS = [(ROOT / "examples" / "corpus", ROOT / "examples" / "expected"),
        (ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "gold")]


def _cases():
    for corpus, expected in SETS:
        for gold in sorted(expected.glob("*.json")) if expected.is_dir() else []:
            yield pytest.param(corpus, gold, id=gold.stem)


def _people(record: dict) -> dict[str, tuple]:
    keys = ("role", "side", "status", "chair", "minute_taker")
    return {p["name"]: tuple(p[k] for k in keys) for p in record["participants"]}


@pytest.mark.parametrize(("corpus", "gold_path"), list(_cases()))
def test_people_and_agenda_exactly(corpus: Path, gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    (doc,) = [p for p in corpus.glob(gold_path.stem + ".*")]
    got = extract(doc).to_json()
    assert _people(got) == _people(gold)
    assert got["agenda"] == gold["agenda"]
    assert (got["council"], got["date"], got["year"]) == (gold["council"], gold["date"], gold["year"])
