"""Unit tests of the parsing helpers: dates, names, reference data, attendee lines, agendas."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.loaders import load_all, reference
from kg.loaders.agenda import parse_agenda
from kg.loaders.attendees import parse_line
from kg.loaders.base import REGISTRY
from kg.loaders.dates import find_dates, meeting_date, plan_year
from kg.loaders.names import name_runs
from kg.sources import SourceText


@pytest.mark.parametrize("text, want", [
    ("den 4. september 2023", dt.date(2023, 9, 4)),
    ("mødet 04.09.2023 kl. 10", dt.date(2023, 9, 4)),
    ("Referat 4/9-2023", dt.date(2023, 9, 4)),
    ("møde nr. 3/2017 afholdt den 14. september 2017", dt.date(2017, 9, 14)),
    ("2024-04-23", dt.date(2024, 4, 23)),
    ("den 1. Marts 2010", dt.date(2010, 3, 1)),
])
def test_dates(text: str, want: dt.date) -> None:
    assert meeting_date([text]) == want


def test_impossible_dates_are_skipped() -> None:
    assert find_dates("31.02.2023 og 30. februar 2020") == []


def test_plan_year() -> None:
    assert plan_year("Handlingsplan for 2010\nLokalrådet i Billund") == 2010
    assert plan_year("## Samarbejdsplan 2009") == 2009


def test_reference_data() -> None:
    assert len(reference.DISTRICTS) == 12
    assert len(reference.KOMMUNER) == 98
    assert reference.district_of("Struer") == "Midt- og Vestjyllands Politi"
    assert reference.district_of("århus") == "Østjyllands Politi"
    assert reference.district_of("Atlantis") is None
    found = reference.find_districts("i Midt- og Vestsjællands politikreds og hos Fyns Politi")
    assert [d for _, d in found] == ["Midt- og Vestsjællands Politi", "Fyns Politi"]
    kommuner = reference.find_kommuner("Ikast-Brande Kommunes borgere, XStruer Kommune og Århus kommune")
    assert [k for _, k in kommuner] == ["Ikast-Brande", "Aarhus"]


@pytest.mark.parametrize("text, names", [
    ("Direktør for Teknik, Plan og Kultur Martin Holm-Sørensen og Politidirektør Ib Lund",
     ["Martin Holm-Sørensen", "Ib Lund"]),
    ("Vicepolitikommissær Anne D. Kjær, Vejle Lokalpoliti", ["Anne D. Kjær"]),
    ("Afdelingschef for Politiets Administrative Center", []),
    ("Lokalrådet drøfter spørgsmål om kriminalitet i Billund Kommune", []),
])
def test_name_runs(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in name_runs(text)] == names


def test_parse_line_name_first_comma_title_and_org() -> None:
    (e,) = parse_line("Hanne Vig, skoleleder, Tved Skole", 4)
    assert (e.name, e.title, e.line) == ("Hanne Vig", "Skoleleder", 4)


def test_agenda_prefers_the_list_over_ad_sections() -> None:
    lines = ["Dagsorden", "1. Velkomst", "2. Orientering:", " a) Status", "3. Eventuelt.", "",
             "Ad 1 – Godkendelse", "Ad 2 – Noget andet", "Ad 3 – Mere", "Ad 4 – Eventuelt"]
    assert [(a.number, a.title) for a in parse_agenda(lines)] == [
        ("1", "Velkomst"), ("2", "Orientering"), ("3", "Eventuelt")]


def test_agenda_pkt_numbering() -> None:
    lines = ["Pkt. 1 Godkendelse af dagsorden", "Beslutning: ok", "Pkt. 2 Eventuelt"]
    assert [(a.number, a.title) for a in parse_agenda(lines)] == [
        ("1", "Godkendelse af dagsorden"), ("2", "Eventuelt")]


_PIECES = st.sampled_from(list("abcæøå ABCÆØÅ.,:;()|\t\n-–1234567890/\"”") + [
    "Referat ", "Deltagere:", "Afbud:", "Dagsorden", "Borgmester ", "Ad 1", "Handlingsplan ",
    "Samarbejdsplan ", "Med venlig hilsen\n", "Kommune ", "Politi ", "Anne Holm ", "(referent)",
    "stødte til mødet under punkt 3. ", "1. ", "Pkt. 2 ", "4. september 2023", "Fra kommunen:\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_loaders_never_raise_anything_but_document_error(text: str) -> None:
    load_all()
    source = SourceText(name="random.txt", text=text)
    for loader in REGISTRY:
        assert loader.score(source) >= 0
        try:
            record = loader.load(source)
        except DocumentError:
            continue
        assert record.document_type == loader.document_type


def test_projects_need_a_project_word_or_a_short_proper_name() -> None:
    from kg.loaders.projects import find_projects

    lines = ['Borgmesteren sagde "Det går godt" og omtalte "Tryghedsundersøgelsen 2022".',
             'Kommunen udbreder "Nabohjælp", og tilbuddet "en indgang" er åbent.',
             "Bo Trygt er en borgervendt indsats mod indbrud."]
    assert find_projects(lines) == ["Nabohjælp", "en indgang", "Bo Trygt"]


def test_projects_in_single_quotes_and_named_networks() -> None:
    """Single quotes count only after a project word; "netværket X" names a network."""
    from kg.loaders.projects import find_projects

    lines = ["Kommunen fortalte om pilotprojektet 'Nabohjælp+', der støttes af TrygFonden.",
             "Politiet deltager i netværket Trygt Natteliv Kolding.",
             "Borgmesterens 'gode idé' blev drøftet, og der var enighed om at 'se på det'."]
    assert find_projects(lines) == ["Nabohjælp+", "Trygt Natteliv Kolding"]


def test_reference_data_agrees_with_the_ontology_table() -> None:
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parents[2] / "ontology" / "kommuner.tsv"
    if not table.is_file():
        pytest.skip(f"{table} is absent")
    with table.open(encoding="utf-8", newline="") as f:
        rows = {r["kommune"]: r["police_district"] for r in csv.DictReader(f, delimiter="\t")}
    assert rows == reference.KOMMUNE_DISTRICT


@pytest.mark.parametrize("second_line", [
    "SSP-konsulent Inge Krogh, vicepolitiinspektør Ulla Bang og politiinspektør Bo Svendsen (referent).",
    "(referent), SSP-konsulent Inge Krogh og vicepolitiinspektør Ulla Bang samt Bo Svendsen, politiet.",
])
def test_a_prose_list_wrapped_onto_a_line_that_ends_like_a_sentence(second_line: str) -> None:
    """In PDFs the attendee sentence wraps; its last line ends with a full stop and has many words,
    like the minutes that may follow without a blank line. After a line ending in a comma, or on a
    line starting with "(" or a small letter, it is still the list."""
    from kg.loaders.attendees import parse_attendees

    first = "Borgmester Pernille Buus, kommunaldirektør Nanna Krog Hvid, direktør Bjarne Skovgaard"
    first += "," if second_line[0] != "(" else ""
    lines = ["Deltagere:", first, second_line, "Mødet blev holdt i kommunens lokaler i Vejle i god ro."]
    names = [p.name for p in parse_attendees(lines)]
    assert names[:3] == ["Pernille Buus", "Nanna Krog Hvid", "Bjarne Skovgaard"]
    assert {"Inge Krogh", "Ulla Bang"} <= set(names) and "Vejle" not in " ".join(names)
    body = parse_attendees(["Deltagere:", "Borgmester Pernille Buus og direktør Bjarne Skovgaard",
                            "Mødet blev holdt i kommunens lokaler i Vejle i god ro og orden."])
    assert [p.name for p in body] == ["Pernille Buus", "Bjarne Skovgaard"]


def test_a_prose_list_wrapped_inside_a_name() -> None:
    """A PDF line break can fall between a first name and the surname: the next line is still the
    list, though it ends like a sentence."""
    from kg.loaders.attendees import parse_attendees

    lines = ["Tilstede:",
             "Lokalpolitileder Inge Nygaard (formand), politiassistent Pernille Munch (referent), "
             "chef for Børn og Familie Dorthe", "Toft og chef for Social og Sundhed Signe Skov Lauridsen.",
             "Fraværende:", "Mikkel Kronborg (SSP-koordinator)"]
    people = parse_attendees(lines)
    assert [p.name for p in people] == ["Inge Nygaard", "Pernille Munch", "Dorthe Toft",
                                        "Signe Skov Lauridsen", "Mikkel Kronborg"]
    assert people[2].role == "Chef for Børn og Familie" and people[-1].status == "absent"


def test_a_prose_list_wrapped_after_a_title_but_not_a_sentence_after_a_name_title_row() -> None:
    """After a line ending with a title, a line opening with a listed name ("Lene Lund Fabricius,")
    is the list going on; one opening with a name and a verb is the minutes."""
    from kg.loaders.attendees import parse_attendees

    wrapped = parse_attendees([
        "Tilstede:",
        "Politikommissær Tove Svendsen (formand), vicepolitikommissær Camilla Skov Ulrichsen (referent), "
        "SSP-leder",
        "Lene Lund Fabricius, leder af Socialpsykiatrien Pia Gregersen og chef Carsten Lund Hjorth.",
        "Dagsorden:"])
    assert [p.name for p in wrapped] == ["Tove Svendsen", "Camilla Skov Ulrichsen", "Lene Lund Fabricius",
                                         "Pia Gregersen", "Carsten Lund Hjorth"]
    assert wrapped[2].role == "SSP-leder"
    rows = parse_attendees(["Deltagere:", "Anne Holm, Borgmester", "Jens Åberg, Handicap- og Psykiatrichef",
                            "Jens Åberg orienterede om punktet, og sagen blev drøftet grundigt."])
    assert [(p.name, p.role) for p in rows] == [("Anne Holm", "Borgmester"),
                                                ("Jens Åberg", "Handicap- og Psykiatrichef")]
