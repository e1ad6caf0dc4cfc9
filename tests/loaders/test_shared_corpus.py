"""The loaders on the shared corpus, checked against its hand-made gold records (skipped if absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import extract

FIELDS = ("document_type", "date", "year")


def _pairs(corpus: Path) -> list[tuple[Path, dict]]:
    gold_dir = corpus.parent / "gold"
    out = []
    for gold in sorted(gold_dir.glob("*.json")):
        docs = [p for p in corpus.glob(gold.stem + ".*")]
        if docs:
            out.append((docs[0], json.loads(gold.read_text(encoding="utf-8"))))
    if not out:
        pytest.skip(f"no gold records beside {corpus}")
    return out


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def test_metadata_and_council_match_gold(shared_corpus: Path) -> None:
    for doc, gold in _pairs(shared_corpus):
        record = extract(doc).to_json()
        for field in FIELDS:
            assert record[field] == gold[field], (doc.name, field)
        assert record["council"] == gold["council"], doc.name


def test_people_and_their_details_match_gold(shared_corpus: Path) -> None:
    for doc, gold in _pairs(shared_corpus):
        got = {_key(p["name"]): p for p in extract(doc).to_json()["participants"]}
        want = {_key(p["name"]): p for p in gold["participants"]}
        assert set(got) == set(want), doc.name
        for key, g in want.items():
            for field in ("role", "side", "status", "chair", "minute_taker"):
                assert got[key][field] == g[field], (doc.name, key, field)


def test_agenda_numbers_match_gold(shared_corpus: Path) -> None:
    for doc, gold in _pairs(shared_corpus):
        got = [a["number"] for a in extract(doc).to_json()["agenda"]]
        assert got == [a["number"] for a in gold["agenda"]], doc.name
