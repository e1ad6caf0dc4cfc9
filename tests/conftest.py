"""Shared fixtures: the shared corpus (skipped where absent), small hand-made records, stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.record import AgendaItem, Council, DocumentRecord, Evidence, Handover, Participant, ThemeMention

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside the project ({SHARED_CORPUS} is absent)")
    return SHARED_CORPUS


def _person(name, role, side, status="present", line=1, **kw) -> Participant:
    return Participant(name=name, role=role, side=side, status=status,
                       evidence=Evidence(line, f"{name}\t{role}"), **kw)


def make_records() -> list[DocumentRecord]:
    """Two kredsråd meetings and a lokalråd plan with recurring people (invented names)."""
    district = "Nordjyllands Politi"
    first = DocumentRecord(
        source="aalborg-2021.txt", document_type="referat",
        council=Council("kredsraad", district, "Aalborg"), date="2021-03-02", year=2021,
        place="Aalborg Rådhus", sha256="a" * 64,
        participants=[
            _person("Birgitte Østergaard", "Borgmester", "kommune", line=5),
            _person("Jens Åkjær", "Politiinspektør", "politi", line=6),
            _person("Mona Lund", "Jurist", "politi", line=7, minute_taker=True),
            _person("Søren Krag", "Stabschef", "politi", status="absent", line=9),
        ],
        agenda=[AgendaItem("1", "Orientering fra politiet", 12), AgendaItem("2", "Indbrud", 13)],
        projects=["Tryg i Nord"], themes=["indbrud"],
        mentions=[ThemeMention("indbrud", "Der blev orienteret om indbrud.", 20, "2", "indbrud")],
        handovers=[Handover("indbrud", "kredsraad", "lokalraad", "Emnet sendes til lokalrådet.", 21, "2")],
    )
    second = DocumentRecord(
        source="hjoerring-2022.txt", document_type="referat",
        council=Council("kredsraad", district, "Hjørring"), date="2022-05-10", year=2022, sha256="b" * 64,
        participants=[
            _person("Jens  Åkjær", "Chefpolitiinspektør", "politi", line=4),
            _person("Ulla Bæk", "Borgmester", "kommune", line=5, chair=True),
            _person("Mona Lund", "Jurist", "politi", line=6),
        ],
        agenda=[AgendaItem("1", "Status", 10)],
    )
    plan = DocumentRecord(
        source="plan-2023.txt", document_type="handlingsplan",
        council=Council("lokalraad", district, "Aalborg"), year=2023, sha256="c" * 64,
        participants=[_person("Birgitte Østergaard", "Borgmester", "kommune", status="member", chair=True)],
        themes=["bander"],
    )
    return [first, second, plan]


@pytest.fixture
def records() -> list[DocumentRecord]:
    return make_records()


@pytest.fixture
def store(records):
    """An in-memory store with the hand-made records and the reference data loaded."""
    from kg.build import load_reference, store_records
    from kg.store import open_store

    s = open_store("memory:")
    load_reference(s)
    store_records(s, records)
    return s
