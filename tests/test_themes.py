"""Theme detection: Danish morphology, the substantive rule, agenda items and hand-overs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import themes
from kg.extract import extract
from kg.record import AgendaItem, Council, DocumentRecord
from kg.sources import SourceText

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "themes"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def cue_themes(text: str) -> set[str]:
    """Theme ids whose cues occur in a sentence."""
    ids = [t.id for t in themes.vocabulary()]
    return {ids[m.theme] for m in themes.find_cues(text)}


def annotate_text(text: str, kind: str = "kredsraad", agenda: list[AgendaItem] | None = None,
                  year: int | None = 2021) -> DocumentRecord:
    record = DocumentRecord(source="t.txt", document_type="referat", council=Council(kind),
                            year=year, agenda=agenda or [])
    themes.annotate(record, SourceText(name="t.txt", text=text))
    return record


def test_vocabulary_is_read_from_the_tsv_in_order() -> None:
    vocab = themes.vocabulary()
    assert vocab[0].id == "psykisk-syge"
    assert "indbrud" in [t.id for t in vocab]
    assert all(t.cues for t in vocab)


@pytest.mark.parametrize(("sentence", "theme"), [
    ("Politiet orienterede om bandekriminaliteten i byen.", "bander"),
    ("Indbruddene i sommerhusene er steget.", "indbrud"),
    ("Kommunen arbejder med indbrudsforebyggende tiltag.", "indbrud"),
    ("Antallet af boligindbrud faldt.", "indbrud"),
    ("Der er mange psykisk sårbare borgere i midtbyen.", "psykisk-syge"),
    ("Borgere med psykiske lidelser fylder meget.", "psykisk-syge"),
    ("Lokalrådet følger ungdomskriminaliteten tæt.", "boern-og-unge"),
    ("Der blev talt om handel med narkotika.", "narkotika"),
    ("Resultatet af tryghedsundersøgelsen blev fremlagt.", "tryghed"),
    ("Der blev drøftet IT-kriminalitet.", "it-kriminalitet"),
    ("Vold i nære relationer er et fokusområde.", "vold-i-naere-relationer"),
])
def test_inflections_and_compounds_match(sentence: str, theme: str) -> None:
    assert theme in cue_themes(sentence)


@pytest.mark.parametrize(("sentence", "theme"), [
    ("Under eventuelt var der ingen bemærkninger.", "arrangementer"),  # not "events"
    ("Mødet sluttede kl. 16.", "indbrud"),
    ("Hun fik en bandage om armen.", "bander"),
])
def test_look_alike_words_do_not_match(sentence: str, theme: str) -> None:
    assert theme not in cue_themes(sentence)


def test_longest_cue_wins() -> None:
    # "prostitutionens bagmænd" is menneskehandel; "bagmænd" alone would be organised crime
    assert cue_themes("Indsatsen mod prostitutionens bagmænd.") == {"menneskehandel"}


def test_enumeration_of_examples_is_not_a_theme_but_a_briefing_is() -> None:
    text = ("1. Orientering\n\nAd 1 - Orientering:\n\n"
            "Politiet samarbejder med mange om bl.a. cyberkriminalitet, færdsel og dyreværn.\n\n"
            "Politiet orienterede om bandekriminaliteten i kredsen.\n")
    record = annotate_text(text)
    assert record.themes == ["bander"]
    assert {m.theme for m in record.mentions} >= {"it-kriminalitet", "faerdsel", "dyrevaern", "bander"}


def test_purpose_clause_and_person_titles_are_passing() -> None:
    text = ("Kommunen arbejder for at sikre tryghed i byen.\n\n"
            "Direktør for Børn og Unge Eva Lind var til stede.\n")
    assert annotate_text(text).themes == []


def test_plan_status_declines_or_keeps_an_area() -> None:
    text = ("Handlingsplan for 2015\n\nIndsatsen mod indbrud i beboelse:\n\nLokal handleplan udarbejdet.\n\n"
            "Indsatsen mod IT-kriminalitet:\n\nIngen lokal plan udarbejdet.\n\n"
            "Indsatsen mod fodboldbøller:\n\nDer henvises til central handleplan på området.\n")
    record = annotate_text(text, kind="lokalraad", year=2015)
    assert record.themes == ["indbrud"]


def test_side_remark_in_an_item_about_another_theme_is_not_a_theme() -> None:
    text = ("Dagsorden:\n\n1. Psykisk syge\n2. Eventuelt\n\nAd 1 - Psykisk syge:\n\n"
            "Kommunen fortalte om borgere med psykiske lidelser. "
            "Der er også flere anmeldelser om børn og unge.\n\n"
            "Politiet oplever mange sager med psykisk syge.\n")
    record = annotate_text(text, agenda=[AgendaItem("1", "Psykisk syge", 3), AgendaItem("2", "Eventuelt", 4)])
    assert record.themes == ["psykisk-syge"]


def test_mentions_carry_line_sentence_and_agenda_item() -> None:
    record = extract(FIXTURES / "2021-03-10_kredsraad_vejle.txt")
    lines = (FIXTURES / "2021-03-10_kredsraad_vejle.txt").read_text(encoding="utf-8").split("\n")
    burglary = [m for m in record.mentions if m.theme == "indbrud"]
    assert {m.agenda_item for m in burglary} == {"2"}
    for m in record.mentions:
        assert m.sentence in " ".join(lines[m.line - 1:m.line + 1])
    assert record.themes == ["psykisk-syge", "indbrud", "bander"]


def test_handover_refers_back_to_the_theme_of_the_previous_sentence() -> None:
    record = extract(FIXTURES / "2021-03-10_kredsraad_vejle.txt")
    assert [(h.theme, h.from_kind, h.to_kind, h.agenda_item) for h in record.handovers] == [
        ("psykisk-syge", "kredsraad", "lokalraad", "3")]
    assert "arbejdes videre med emnet i lokalrådet" in record.handovers[0].sentence


def test_lokalraad_takes_up_a_kredsraad_point() -> None:
    record = extract(FIXTURES / "2022-05-02_lokalraad_vejle.txt")
    assert [(h.theme, h.from_kind, h.to_kind) for h in record.handovers] == [
        ("psykisk-syge", "kredsraad", "lokalraad")]
    # the SSP-konsulent's title and the police station's name are not themes
    assert "ssp" not in record.themes
    assert record.themes == ["psykisk-syge", "indbrud"]


def test_handlingsplan_fixture() -> None:
    record = extract(FIXTURES / "2015_handlingsplan_lokalraad_odense.txt")
    assert record.themes == ["indbrud", "narkotika"]
    assert record.handovers == []


def test_next_years_theme_is_a_handover_but_candidates_are_not() -> None:
    chosen = annotate_text("Politiet vil indstille, at indbrud fortsat skal være et tema i 2022.\n")
    assert [(h.theme, h.to_kind) for h in chosen.handovers] == [("indbrud", "faelles-kredsraad")]
    candidate = annotate_text("Mulige indsatsområder i 2022 kunne f.eks. være indbrud.\n")
    assert candidate.handovers == []


@pytest.fixture
def shared_records() -> dict[str, DocumentRecord]:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the shared corpus is not beside the project ({corpus} is absent)")
    return {p.name[:3]: extract(p) for p in sorted(corpus.iterdir()) if p.is_file()}


def test_shared_corpus_themes_f1(shared_records: dict[str, DocumentRecord]) -> None:
    gold_dir = SHARED / "gold"
    tp = pred = gold = 0
    for path in sorted(gold_dir.glob("*.json")):
        expected = set(json.loads(path.read_text(encoding="utf-8"))["themes"])
        got = set(shared_records[path.name[:3]].themes)
        tp, pred, gold = tp + len(expected & got), pred + len(got), gold + len(expected)
    assert 2 * tp / (pred + gold) >= 0.90


def test_shared_corpus_handovers(shared_records: dict[str, DocumentRecord]) -> None:
    struer = shared_records["000"].handovers
    assert ("rusmidler", "lokalraad") in {(h.theme, h.to_kind) for h in struer}
    grebet = [h for h in struer if "grebet opgaven" in h.sentence]
    assert [(h.theme, h.from_kind, h.agenda_item) for h in grebet] == [("psykisk-syge", "kredsraad", "3")]


def test_cli_does_not_import_snowball_at_start_up() -> None:
    code = "import sys, kg.cli; print('snowballstemmer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_items_follow_section_headings_without_an_agenda_list():
    """Minutes whose numbered items are the section headings ("2. Status …" with its text right
    under it) and Markdown "## Ad N:" sections: each mention carries its own item."""
    from pathlib import Path

    from kg.extract import extract

    layouts = Path(__file__).resolve().parent / "fixtures" / "layouts"
    r = extract(layouts / "kredsraad_whole_district.txt")
    assert sorted({(m.theme, m.agenda_item) for m in r.mentions}) == [("indbrud", "2"), ("narkotika", "3")]
    assert [(h.theme, h.to_kind, h.agenda_item) for h in r.handovers] == [("indbrud", "lokalraad", "2")]
    md = extract(layouts / "markdown_prose_by_side.md")
    assert sorted({(m.theme, m.agenda_item) for m in md.mentions}) == [("bander", "2"), ("psykisk-syge", "3")]
    assert [(h.theme, h.agenda_item) for h in md.handovers] == [("psykisk-syge", "3")]
