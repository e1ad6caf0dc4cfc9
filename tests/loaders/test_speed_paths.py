"""Fast paths of the loaders and theme detection give the same answers as the plain rules."""

from __future__ import annotations

import re

import pytest

from kg.loaders import projects, reference
from kg.loaders.attendees import mark_joins, parse_attendees
from kg.loaders.caseless import SAFE_RANGES, Caseless, line_indexes
from kg.record import Participant
from kg.themes import find_cues, in_enumeration


def _people() -> list[Participant]:
    return [Participant(name="Ib Lund", role=None, side="kommune", status="present"),
            Participant(name="Anne Holm", role=None, side="politi", status="present")]


def test_join_and_leave_found_on_their_own_lines() -> None:
    people = _people()
    lines = ["Ad 2: Status", "Ib Lund stødte til mødet.", "", "Ad 4: Eventuelt",
             "Anne Holm forlod mødet under punkt 5."]
    mark_joins(people, lines)
    assert (people[0].joined_at_item, people[0].left_at_item) == ("2", None)
    assert (people[1].joined_at_item, people[1].left_at_item) == (None, "5")


def test_phrase_broken_over_two_lines_is_no_join() -> None:
    people = _people()
    mark_joins(people, ["Ad 2: Status", "Ib Lund stødte", "til mødet."])
    assert people[0].joined_at_item is None


def test_join_phrase_in_any_case() -> None:
    people = _people()
    mark_joins(people, ["Pkt. 3. Tryghed", "IB LUND ANKOM"])
    assert people[0].joined_at_item == "3"


def _safe_chars() -> list[str]:
    out = []
    for lo, _, hi in (r.partition("-") for r in SAFE_RANGES):
        out += [chr(c) for c in range(ord(lo), ord(hi) + 1)]
    return out


def test_lower_cased_scan_is_exact_for_every_safe_character() -> None:
    chars = _safe_chars()
    letters = sorted({ch.lower() for ch in chars if ch.isalpha()})
    for ch in chars:
        low = ch.lower()
        assert len(low) == 1, ch
        assert (ch.isspace(), ch.isalnum() or ch == "_", ch.isdecimal(), ch == "\n") == \
            (low.isspace(), low.isalnum() or low == "_", low.isdecimal(), low == "\n"), ch
        for letter in letters:
            matches = re.fullmatch(re.escape(letter), ch, re.IGNORECASE) is not None
            assert matches == (low == letter), (ch, letter)


@pytest.mark.parametrize("text", [
    "Ib Lund STØDTE TIL mødet", "ib lund stødte\ttil", "Kim ANKOM", "Kim an\u212aOM",  # Kelvin sign K
    "Ib ſtødte til", "İb deltog fra punkt 2", "deltog\nfra", "gik fra mødet", "Møde uden noget",
])
def test_caseless_pattern_agrees_with_ignorecase(text: str) -> None:
    pattern = r"stødte\s+til|ankom|deltog\s+fra|gik\s+fra\s+mødet"
    fast = Caseless(pattern)
    want = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [m.span() for m in fast.finditer(text)] == want
    assert (fast.search(text) is not None) == bool(want)


def test_caseless_pattern_must_be_lower_case() -> None:
    with pytest.raises(ValueError):
        Caseless(r"Kommune\s+\w+")


@pytest.mark.parametrize("text", [
    "Der blev givet en status på projektet Alkoholfri Fest Langeland, som har kørt siden sidste år.",
    "delprojektet Stop Volden, som kører; pilotprojektet Tryk i Sydøstjylland.",
    "_projektet Bo Trygt er nyt. 2kampagnen Sikker Fest, der ...",
    "kampagnen Sikker By og programmet Unge i Byen skal fortsætte.",
])
def test_cue_then_name_finds_the_matches_of_the_plain_pattern(text: str) -> None:
    want = [(m.span(), m.group("name")) for m in projects._AFTER_CUE.finditer(text)]
    assert [(m.span(), m.group("name")) for m in projects._after_cue(text)] == want


def test_project_after_cue_word_needs_a_word_boundary() -> None:
    assert projects.find_projects(["Vi har delprojektet Stop Volden, som kører."]) == []
    assert projects.find_projects(["Vi har projektet Stop Volden, som kører."]) == ["Stop Volden"]


def test_line_indexes_lists_each_line_once() -> None:
    text = "Deltog fra start\nintet\nAnkom sent, deltog fra pkt. 2\n\nANKOM"
    assert line_indexes(Caseless(r"ankom|deltog\s+fra"), text) == [0, 2, 4]


def test_kommune_and_district_names_with_odd_spacing() -> None:
    text = ("Mødet i Aarhus  Kommune og i\nRanders kommunes lokaler; Midt- og\nVestjyllands Politi"
            " og FYNS POLITI.")
    assert reference.find_kommuner(text) == [(8, "Aarhus"), (29, "Randers")]
    assert [d for _, d in reference.find_districts(text)] == ["Midt- og Vestjyllands Politi", "Fyns Politi"]
    assert reference.find_kommuner("XAarhus Kommune") == []
    assert reference.find_districts("Vestjyllands  Politi") == []  # two spaces before Politi: no district


def test_attendee_list_found_after_prose() -> None:
    lines = ["Referat af mødet", "", "Der var ikke mange spørgsmål til punktet om trafik i år.", "",
             "Deltagere:", "Ib Lund, borgmester", "Anne Holm, politiinspektør", "",
             "Dagsorden:", "1. Velkomst"]
    people = parse_attendees(lines)
    assert [(p.name, p.role, p.side) for p in people] == [
        ("Ib Lund", "Borgmester", "kommune"), ("Anne Holm", "Politiinspektør", "politi")]


def test_enumeration_and_cue_offsets() -> None:
    sentence = "Indbrud, narko og posefester i byen, og senere indbrud igen"
    cues = find_cues(sentence)
    assert [sentence[m.start:m.end] for m in cues] == ["Indbrud", "narko", "posefester", "indbrud"]
    assert [in_enumeration(sentence, m.start) for m in cues] == [True, True, True, False]
