"""The loaders on small invented documents, one for each attendee/agenda/date layout of the genre."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.extract import extract
from kg.record import DocumentRecord, Participant

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"


def load(name: str) -> DocumentRecord:
    return extract(LAYOUTS / name)


def people(record: DocumentRecord) -> dict[str, Participant]:
    return {p.name: p for p in record.participants}


def summary(record: DocumentRecord) -> list[tuple[str, str | None, str, str]]:
    return [(p.name, p.role, p.side, p.status) for p in record.participants]


def agenda(record: DocumentRecord) -> list[tuple[str, str]]:
    return [(a.number, a.title) for a in record.agenda]


def test_pipe_table_and_decision_minutes() -> None:
    r = load("pipe_table_beslutningsreferat.txt")
    assert r.document_type == "referat"
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "lokalraad", "Vejle", "Sydøstjyllands Politi")
    assert r.date == "2023-09-04" and r.year == 2023
    assert summary(r) == [
        ("Sanne Lykke Dahl", "Borgmester", "kommune", "present"),
        ("Torben Aas", "Lokalpolitileder", "politi", "present"),
        ("Henriette Bloch", "SSP-koordinator", "kommune", "present"),
        ("Jakob Frimann", "Direktør", "anden", "present"),  # a housing company: neither side
    ]
    assert agenda(r) == [("1", "Godkendelse af dagsorden"), ("2", 'Status på "Tryg i Bydelen"'),
                         ("3", "Eventuelt")]
    assert r.projects == ["Tryg i Bydelen"]


def test_title_first_lines_afbud_with_reason_and_referent_line() -> None:
    r = load("title_first_lines.txt")
    assert r.date == "2023-09-04"  # "4/9-2023"
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "lokalraad", "Hjørring", "Nordjyllands Politi")
    p = people(r)
    assert (p["Anne Holm"].role, p["Anne Holm"].side) == ("Borgmester", "kommune")
    assert p["Lone Mikkelsen"].role == "Kommunaldirektør"  # lower-case title capitalised
    assert (p["Bent Skovby"].role, p["Bent Skovby"].side) == ("Politikommissær", "politi")
    assert (p["Peter Berg"].status, p["Peter Berg"].role) == ("absent", None)  # "(ferie)" is no title
    assert p["Sofie Krag"].minute_taker and p["Sofie Krag"].side == "politi"
    assert sum(q.minute_taker for q in r.participants) == 1
    # no separate agenda list: the "Ad N" headings give the items; sub-items are not items
    assert agenda(r) == [("1", "Velkomst og godkendelse af dagsorden"),
                         ("2", "Kriminalitetsudviklingen i Hjørring"), ("3", "Eventuelt")]


def test_names_first_with_titles_in_parentheses_and_joins() -> None:
    r = load("names_parens_joins.txt")
    assert r.date == "2017-09-14"  # "møde nr. 3/2017" is not a date
    assert r.council.kind == "kredsraad" and r.council.police_district == "Fyns Politi"
    p = people(r)
    assert summary(r)[:4] == [
        ("Lars Mortensen", "Borgmester", "kommune", "present"),
        ("Gitte Juhl", "Politidirektør", "politi", "present"),
        ("Ove Nørby", "Kommunaldirektør", "kommune", "present"),
        ("Maja Brandt", "Chefanklager", "politi", "present"),
    ]
    assert (p["Søren Ravn"].status, p["Søren Ravn"].role, p["Søren Ravn"].side) == (
        "absent", "Borgmester", "kommune")
    assert p["Ove Nørby"].left_at_item == "2" and p["Ove Nørby"].status == "present"
    assert p["Maja Brandt"].joined_at_item == "3" and p["Maja Brandt"].status == "present"
    assert [a.number for a in r.agenda] == ["1", "2", "3", "4"]
    assert r.agenda[2].title == "Psykisk syge"


def test_prose_list_with_og_and_closing_signature() -> None:
    r = load("prose_og_signature.txt")
    assert summary(r) == [
        ("Ulrik Vang", "Borgmester", "kommune", "present"),
        ("Kirsten Dyhr Lund", "Kommunaldirektør", "kommune", "present"),
        ("Mads Bech", "Direktør for Børn og Familie", "kommune", "present"),
        ("Kim Ejlersen", "Politidirektør", "politi", "present"),
        ("Hanne Lysgaard", "Politiinspektør", "politi", "present"),
        ("Vibeke Sand", "Sekretariatschef", "politi", "present"),  # side of the person listed before
    ]
    assert [q.name for q in r.participants if q.minute_taker] == ["Vibeke Sand"]
    assert not any(q.chair for q in r.participants)
    # a wrapped agenda line is joined to its item
    assert agenda(r)[1] == ("2", "Den lokale kriminalitet og tryghed i kommunen")
    assert r.council.kommune == "Thisted" and r.council.police_district == "Midt- og Vestjyllands Politi"


def test_names_and_titles_in_two_blocks() -> None:
    r = load("two_blocks.txt")
    assert summary(r) == [
        ("Birthe Nørgaard", "Borgmester", "kommune", "present"),
        ("Jens Otto Kjær", "Kommunaldirektør", "kommune", "present"),
        ("Helga Steen", "Politidirektør", "politi", "present"),
        ("Mikkel Dahl Vester", "Juridisk konsulent", "politi", "present"),
        ("Poul Erik Lund", "Politiinspektør", "politi", "absent"),
        ("Tine Harbo", "Chef for Social og Sundhed", "kommune", "absent"),
    ]
    assert people(r)["Mikkel Dahl Vester"].minute_taker
    assert r.place == "rådhuset i Lemvig"


def test_tab_table_with_chair_and_referent() -> None:
    r = load("tab_table.txt")
    p = people(r)
    assert p["Anders Mølgaard"].chair and p["Anders Mølgaard"].side == "kommune"
    assert p["Pia Krog"].minute_taker and p["Pia Krog"].role == "Politiassistent"
    assert [q.chair for q in r.participants].count(True) == 1


def test_faelles_kredsraad_has_no_kommune() -> None:
    r = load("faelles_kredsraad.txt")
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "faelles-kredsraad", None, "Fyns Politi")
    assert [q.side for q in r.participants] == ["kommune", "kommune", "kommune", "politi"]


def test_handlingsplan_members() -> None:
    r = load("handlingsplan.txt")
    assert r.document_type == "handlingsplan" and r.year == 2019 and r.date is None
    assert (r.council.kind, r.council.kommune) == ("lokalraad", "Køge")
    # the text names no district: it comes from the kommune
    assert r.council.police_district == "Midt- og Vestsjællands Politi"
    assert {q.status for q in r.participants} == {"member"}
    p = people(r)
    assert p["Anders Frost"].chair and p["Anders Frost"].role == "Lokalpolitileder"
    assert p["Tage Holst"].side == "kommune" and p["Line Bøje"].side == "politi"
    assert r.agenda == []


def test_samarbejdsplan() -> None:
    r = load("samarbejdsplan.txt")
    assert r.document_type == "samarbejdsplan" and r.year == 2015
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "kredsraad", None, "Bornholms Politi")
    assert r.participants == [] and r.agenda == []


def test_evidence_lines_point_at_the_attendee_list() -> None:
    r = load("two_blocks.txt")
    lines = (LAYOUTS / "two_blocks.txt").read_text(encoding="utf-8").split("\n")
    for q in r.participants:
        assert q.evidence is not None and q.name in lines[q.evidence.line - 1]
    for a in r.agenda:
        assert a.line is not None and a.title in lines[a.line - 1]


def test_kind_comes_from_content_not_file_name(tmp_path: Path) -> None:
    target = tmp_path / "handlingsplan_2020.txt"
    shutil.copy(LAYOUTS / "two_blocks.txt", target)
    assert extract(target).document_type == "referat"


def test_text_of_no_known_kind_is_refused() -> None:
    with pytest.raises(DocumentError, match="not a document of a known kind"):
        load("not_a_document.txt")


def test_prose_without_colon_side_headings_and_inline_flags() -> None:
    r = load("mixed_variants.txt")
    assert (r.council.kind, r.council.kommune) == ("lokalraad", "Vordingborg")  # kredsråd only mentioned
    assert r.date == "2019-03-07"
    p = people(r)
    assert p["Mikael Smed Andersen"].chair and p["Mikael Smed Andersen"].role == "Borgmester"
    assert (p["Erik Falk"].role, p["Erik Falk"].side, p["Erik Falk"].left_at_item) == (
        "Politikommissær", "politi", "2")
    assert (p["Anne-Mette Vad"].role, p["Anne-Mette Vad"].side) == ("Skoleleder", "kommune")
    assert (p["Jens Peter Krogh"].role, p["Jens Peter Krogh"].side) == (None, "kommune")
    assert (p["Karin Løve"].status, p["Karin Løve"].side) == ("absent", "politi")
    assert [q.name for q in r.participants if q.chair] == ["Mikael Smed Andersen"]
    assert [a.title for a in r.agenda] == ["Nyt fra politiet", "Kredsrådets beslutninger om tryghed",
                                           "Eventuelt"]


def test_inline_referent_line_does_not_flag_the_rest_of_the_list(tmp_path: Path) -> None:
    doc = tmp_path / "m.txt"
    doc.write_text("Referat af lokalrådsmøde i Esbjerg Kommune 3. maj 2022\n\nDeltagere:\n"
                   "Referent: Lise Bork, jurist\nAnne Holm, borgmester\nPer Lind, politikommissær\n\n"
                   "Dagsorden\n1. Eventuelt\n", encoding="utf-8")
    r = extract(doc)
    assert [q.name for q in r.participants if q.minute_taker] == ["Lise Bork"]
    assert [q.name for q in r.participants] == ["Lise Bork", "Anne Holm", "Per Lind"]
    assert r.council.police_district == "Syd- og Sønderjyllands Politi"


def test_minutes_without_attendee_list_take_the_titled_people_named() -> None:
    r = load("no_attendee_list.txt")
    assert summary(r) == [("Mads Krog", "Politidirektør", "politi", "present"),
                          ("Tove Lind", "Borgmester", "kommune", "present")]
    assert r.council.police_district == "Østjyllands Politi"  # from the kommune


def test_district_kredsraad_with_several_mayors_has_no_kommune() -> None:
    """Mayors of several kommuner at one meeting: the district's kredsråd, not a one-kommune meeting,
    even though a "Sted:" line names the town where it met."""
    r = load("kredsraad_whole_district.txt")
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "kredsraad", None, "Nordjyllands Politi")
    assert r.date == "2015-03-03" and r.place == "Politigården i Aalborg, mødelokale 2"
    assert people(r)["Jørgen Bøgh"].chair and people(r)["Lisbeth Dahl"].minute_taker
    assert people(r)["Birgit S. Hansen"].status == "absent"
    assert [p.side for p in r.participants].count("kommune") == 4
    assert agenda(r)[1] == ("2", "Status på indsatsen mod indbrud i private hjem")


def test_minutes_saved_from_a_kommune_website() -> None:
    """HTML: table of attendees with organisation, afbud in prose, an <ol> agenda, "Ad N" sections."""
    r = load("lokalraad_website.html")
    assert (r.document_type, r.council.kind, r.council.kommune) == ("referat", "lokalraad", "Viborg")
    assert r.date == "2019-11-12" and r.file_format == "html"
    assert summary(r) == [
        ("Poul Erik Dahl", "Lokalpolitileder", "politi", "present"),
        ("Gitte Ravn Madsen", "SSP-koordinator", "kommune", "present"),
        ("Henrik Ørsted", "Skoleleder", "kommune", "present"),
        ("Anne-Mette Juul", "Politikommissær", "politi", "present"),
        ("Leif Brandt", "Chef for Familieafdelingen", "kommune", "absent"),
    ]
    assert people(r)["Gitte Ravn Madsen"].minute_taker
    assert [a.title for a in r.agenda][1] == "Unge og euforiserende stoffer"
    handovers = [(h.theme, h.from_kind, h.to_kind) for h in r.handovers]
    assert handovers == [("narkotika", "lokalraad", "kredsraad")]


def test_windows_1252_prose_list_with_meeting_number_and_pkt_items() -> None:
    """Old minutes in Windows-1252: "møde nr. 2/2012 … afholdt den … på …", a prose list with
    lower-case titles, "Fraværende:" with a reason, "Pkt. N." items without a separate agenda."""
    r = load("lokalraad_cp1252_prose.txt")
    assert r.encoding in ("cp1252", "latin-1")
    assert (r.council.kind, r.council.kommune, r.date) == ("lokalraad", "Odsherred", "2012-06-14")
    assert r.place and r.place.startswith("Odsherred Rådhus")
    assert summary(r)[-1] == ("Claus Brink", "Ungdomsskoleleder", "kommune", "absent")
    assert people(r)["Ole Friis"].chair and people(r)["Bente Krogh"].minute_taker
    assert {p.name for p in r.participants if p.status == "present"} == {
        "Ole Friis", "Bente Krogh", "Niels Hauge", "Marianne Toft", "Søren Vind"}
    assert [a.title for a in r.agenda] == ["Meddelelser", "Unge i Nykøbing centrum", "Næste møde"]


def test_pdf_minutes_where_the_text_follows_the_list_without_a_blank_line(tmp_path) -> None:
    """In PDFs the first paragraph often follows the attendee list directly: it is not a title."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "files"))
    from makers import ATTENDEES, make_pdf

    r = extract(make_pdf(tmp_path / "referat.pdf"))
    assert r.file_format == "pdf"
    roles = {p.name: p.role for p in r.participants}
    assert {n: roles.get(n) for n, _, _ in ATTENDEES} == {n: t for n, t, _ in ATTENDEES}


def test_word_table_with_organisation_in_the_title_cell(tmp_path) -> None:
    """A joint district meeting in Word: "Borgmester, Faxe Kommune" in one cell gives the title
    "Borgmester"; the mayors of several kommuner make it the whole district's council."""
    from docx import Document

    doc = Document()
    doc.add_heading("Fælles kredsrådsmøde i Sydsjællands og Lolland-Falsters Politi", 1)
    doc.add_paragraph("Dato: 7. november 2018, kl. 13.00 – 15.30")
    doc.add_paragraph("Deltagere:")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Navn", "Funktion"
    rows = [("Per Tange", "Borgmester, Faxe Kommune"), ("Ida Holt Berg", "Borgmester, Lolland Kommune"),
            ("Kirsten Hansen", "Politidirektør")]
    for name, cell in rows:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = name, cell
    doc.add_paragraph("Dagsorden")
    for i, item in enumerate(["Velkomst", "Indbrud i beboelse", "Eventuelt"], 1):
        doc.add_paragraph(f"{i}. {item}")
    doc.save(tmp_path / "faelles.docx")
    r = extract(tmp_path / "faelles.docx")
    assert (r.council.kind, r.council.kommune, r.date) == ("faelles-kredsraad", None, "2018-11-07")
    assert summary(r) == [("Per Tange", "Borgmester", "kommune", "present"),
                          ("Ida Holt Berg", "Borgmester", "kommune", "present"),
                          ("Kirsten Hansen", "Politidirektør", "politi", "present")]


def test_markdown_minutes_with_prose_lists_by_side() -> None:
    """Markdown: bold labels and "## Ad N:" headings; "Name (titel, Kommune)" in prose lists per side;
    mayors of several kommuner make it the district's kredsråd; "afholdt torsdag den …"."""
    r = load("markdown_prose_by_side.md")
    assert (r.council.kind, r.council.kommune, r.council.police_district) == (
        "kredsraad", None, "Østjyllands Politi")
    assert (r.date, r.place) == ("2017-09-14", "Politigården i Aarhus")
    assert summary(r)[:4] == [("Jacob Bundsgaard", "Borgmester", "kommune", "present"),
                              ("Anders Kühnau", "Borgmester", "kommune", "present"),
                              ("Kristian Würtz", "Rådmand", "kommune", "present"),
                              ("Bo Ahlquist", "Politidirektør", "politi", "present")]
    assert ("Bettina Holm", "Borgmester", "kommune", "absent") in summary(r)
    assert people(r)["Maja Lind"].minute_taker
    assert agenda(r)[2] == ("3", "Psykisk syge i arrest")
    assert not any("*" in (p.role or "") for p in r.participants)


def test_name_dash_title_lines_and_forhindret() -> None:
    """"Name – titel, organisation (formand)" one a line under "Mødedeltagere:", "Forhindret:" for
    apologies, a "4/3-2024" date and "Ad 1." sections without an agenda list."""
    r = load("dash_titles_forhindret.txt")
    assert (r.council.kind, r.council.kommune, r.date) == ("lokalraad", "Esbjerg", "2024-03-04")
    assert summary(r) == [
        ("Mette Bruun", "Politikommissær", "politi", "present"),
        ("Karsten Lund", "SSP-leder", "kommune", "present"),
        ("Hanne Kirk", "Afdelingschef", "kommune", "present"),
        ("Per Sønderby", "Boligsocial koordinator", "anden", "present"),
        ("Jesper Frost", "Skolechef", "kommune", "absent"),
    ]
    assert people(r)["Mette Bruun"].chair
    assert [a.title for a in r.agenda] == ["Nyt fra politiet", "Tryghed i Kvaglund", "Evt."]
