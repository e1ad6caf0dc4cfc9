"""The layouts of the genre, as code: each function fills a :class:`generate.Doc` with blocks and the
expected record (referat of a kredsråd/lokalråd/fælles kredsråd meeting, handlingsplan, samarbejdsplan).

Attendee layouts: "Fra kommunen:/Fra politiet:" blocks of name TAB title; "Tilstede var:" one a line,
title first; "Name (titel)"; a prose list with commas and "og"; names and titles in two blocks paired
by position; a table (Navn / Titel / Organisation). Absences as a block, a sentence with reasons, or
"Fraværende:". Dates in five spellings; agendas as "1." lists with "Ad 1"/"Pkt. 1" sections or only
the sections. The choice is random per document, so no loader can be tuned to one template.
"""

from __future__ import annotations

import random
from typing import Any

import templates as tpl
from world import AMBIGUOUS_TITLES, World

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag")
THEME_ORDER = list(tpl.THEMES)
_CUES: list[str] = []


def theme_cues() -> list[str]:
    """All cue words of ``ontology/themes.tsv`` (lower case), to keep speakers' titles out of the text."""
    if not _CUES:
        from world import REPO

        path = REPO / "ontology" / "themes.tsv"
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 4:
                _CUES.extend(c.strip().lower() for c in cols[3].split(";") if c.strip())
    return _CUES


def has_cue(text: str) -> bool:
    """Whether a theme cue occurs in ``text``."""
    low = text.lower()
    return any(c in low for c in theme_cues())


def lower_title(title: str) -> str:
    """"Kommunaldirektør" → "kommunaldirektør" (but "SSP-koordinator" stays)."""
    return title[0].lower() + title[1:] if len(title) > 1 and title[1].islower() else title


def participant(e: dict) -> dict:
    """An attendee entry as a participant of the spec record."""
    return {"name": e["name"], "role": e["title"], "side": e["side"], "status": e["status"],
            "chair": e["chair"], "minute_taker": e["mt"]}


# ---------------------------------------------------------------- dates and headings

def meeting_date(rng: random.Random, year: int) -> tuple[int, int]:
    """A plausible meeting day (no meetings in July)."""
    month = rng.choice([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12])
    return month, rng.randint(1, 28)


def date_phrase(rng: random.Random, year: int, month: int, day: int) -> str:
    """The date as a secretariat writes it."""
    style = rng.randrange(5)
    if style == 0:
        return f"den {day}. {MONTHS[month - 1]} {year}"
    if style == 1:
        return f"{rng.choice(WEEKDAYS)} den {day}. {MONTHS[month - 1]} {year}"
    if style == 2:
        return f"den {day:02d}.{month:02d}.{year}"
    if style == 3:
        return f"den {day}/{month}-{year}"
    return f"{day}. {MONTHS[month - 1]} {year}"


def referat_heading(rng: random.Random, kind: str, kommune: str, district: str, date: str,
                    year: int) -> list[tuple[str, Any]]:
    """The title lines of a referat."""
    bare = date.removeprefix("den ")
    if kind == "faelles-kredsraad":
        return rng.choice([[("h", f"Referat af fælles kredsrådsmøde i {district} {date}")],
                           [("p", district), ("h", "Fælles kredsrådsmøde"),
                            ("p", f"Referat af mødet {date}")]])
    if kind == "lokalraad":
        return rng.choice([[("h", f"Referat af møde i Lokalrådet i {kommune} Kommune {date}")],
                           [("p", f"Lokalrådet i {kommune} Kommune"),
                            ("h", f"Referat af lokalrådsmøde {date}")]])
    nr = rng.randint(1, 4)
    return rng.choice([
        [("h", f"Referat af kredsrådsmøde i {kommune} Kommune {date}")],
        [("p", f"{kommune.upper()} KOMMUNE"), ("h", "Beslutningsreferat"),
         ("p", f"Kredsrådsmøde mellem {kommune} Kommune og {district}\n\nDato: {bare}")],
        [("h", f"Kredsrådet for {kommune} Kommune og {district}"),
         ("p", f"Referat af møde nr. {nr}/{year} {date}")],
    ])


def place_line(rng: random.Random, kommune: str) -> tuple[list[tuple[str, Any]], str | None]:
    """Where the meeting was held, as a line and as the record's ``place``."""
    if rng.random() < 0.15:
        return [], None
    place = rng.choice(tpl.PLACES).format(kommune=kommune)
    line = rng.choice([f"Mødet blev afholdt på {place}.", f"Sted: {place}", f"Mødested: {place}"])
    if place.startswith("kommunens") or place.startswith("rådhuset") or place.startswith("byrådssalen"):
        line = line if line.startswith("Mødet") else f"Mødet blev holdt i {place}."
    return [("p", line)], place


# ---------------------------------------------------------------- who attends

def _entry(person: Any, year: int, status: str = "present") -> dict:
    return {"name": person.name, "title": person.title(year), "side": person.side, "org": person.org,
            "status": status, "chair": False, "mt": False, "joined": None}


def attendees(rng: random.Random, world: World, kind: str, district: str, kommune: str,
              year: int) -> list[dict]:
    """The people invited to a meeting, with their titles that year (before absences)."""
    police, local = world.police[district], world.local[kommune]
    h = world.holder
    if kind == "faelles-kredsraad":
        mayors = [h(world.local[k], "borgmester", year) for k in world.districts[district]]
        cops = [h(police, t, year) for t in ("direktor", "inspektor1", "inspektor2", "sekretariat")]
        entries = [_entry(p, year) for p in mayors + cops]
        entries[-1]["mt"] = True
        if rng.random() < 0.3:
            entries[-4]["chair"] = True  # the police director leads the meeting
        return entries
    if kind == "lokalraad":
        keys = ["lokalpoliti", "forebyggelse", "ssp",
                *rng.sample(["skole", "ungdomsskole", "social", "born"], 2)]
        if rng.random() < 0.4:
            keys.append(rng.choice(["bolig", "kriminalforsorg"]))
        entries = [_entry(h(local, k, year), year) for k in keys]
        entries[0]["chair"] = rng.random() < 0.7
        entries[rng.choice([1, 2])]["mt"] = True
        return entries
    kom = ["borgmester", "kommunaldirektor",
           *rng.sample(["born", "social", "teknik", "ssp"], rng.randint(1, 3))]
    pol = ["direktor", *rng.sample(["inspektor1", "inspektor2", "inspektor3"], rng.randint(1, 2))]
    pol += [k for k in ("stab", "anklager") if rng.random() < 0.4] + ["sekretariat"]
    entries = [_entry(h(local, k, year), year) for k in kom] + [_entry(h(police, k, year), year) for k in pol]
    entries[-1]["mt"] = True
    return entries


def mark_absent(rng: random.Random, entries: list[dict]) -> None:
    """Zero to two people send apologies (never the chair or the referent)."""
    free = [e for e in entries if not e["chair"] and not e["mt"] and e["title"] not in AMBIGUOUS_TITLES]
    for e in rng.sample(free, min(len(free), rng.choice([0, 0, 1, 1, 2]))):
        e["status"] = "absent"
        e["reason"] = rng.choice(tpl.ABSENCE_REASONS)


# ---------------------------------------------------------------- attendee layouts

def _flags(e: dict, sep: str = ", ") -> str:
    words = (["formand" if e.get("chair_word") == "formand" else "mødeleder"] if e["chair"] else [])
    return sep.join(words + (["referent"] if e["mt"] else []))


def _paren(e: dict) -> str:
    flags = _flags(e)
    return f" ({flags})" if flags else ""


def layout_blocks(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """Name TAB title under "Fra kommunen:" / "Fra politiet:" / "Øvrige:"."""
    out: list[tuple[str, Any]] = [("p", rng.choice(["Deltagere:", "Til stede:"]))]
    for side, head in (("kommune", "Fra kommunen:"), ("politi", "Fra politiet:"), ("anden", "Øvrige:")):
        rows = [f"{e['name']}\t{e['title']}{_paren(e)}" for e in entries if e["side"] == side]
        if rows:
            out += [("p", head), ("p", "\n".join(rows))]
    return out


def layout_title_first(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """"Tilstede var:" one a line, title first, sometimes with the organisation."""
    with_org = rng.random() < 0.5
    lines = []
    for e in entries:
        org = f", {e['org']}" if with_org or e["title"] in AMBIGUOUS_TITLES or e["side"] == "anden" else ""
        lines.append(f"{e['title']} {e['name']}{org}{_paren(e)}")
    return [("p", rng.choice(["Tilstede var:", "Til stede:", "Deltagere:"])), ("p", "\n".join(lines))]


def layout_name_paren(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """"Name (titel)" one a line."""
    lines = []
    for e in entries:
        flags = _flags(e)
        lines.append(f"{e['name']} ({lower_title(e['title'])}{', ' + flags if flags else ''})")
    return [("p", rng.choice(["Deltagere:", "Mødedeltagere:"])), ("p", "\n".join(lines))]


def layout_prose(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """A sentence: "Tilstede: Borgmester A, kommunaldirektør B og politidirektør C."."""
    parts = [f"{lower_title(e['title'])} {e['name']}{_paren(e)}" for e in entries]
    text = ", ".join(parts[:-1]) + " og " + parts[-1]
    lead = rng.choice(["Tilstede:", "Til stede var:", "Deltagere:"])
    return [("p", lead), ("p", text[0].upper() + text[1:] + ".")]


def layout_two_blocks(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """Names in one block and titles in the next, paired by position (per side)."""
    out: list[tuple[str, Any]] = [("p", "Deltagere:")]
    heads = rng.random() < 0.6
    for side, head in (("kommune", "Fra kommunen:"), ("politi", "Fra politiet:")):
        group = [e for e in entries if e["side"] == side]
        if not group:
            continue
        if heads:
            out.append(("p", head))
        out += [("p", "\n".join(e["name"] for e in group)),
                ("p", "\n".join(f"{e['title']}{_paren(e)}" for e in group))]
    return out


def layout_table(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """A table Navn / Titel / Organisation (a Word table in DOCX, TAB-separated in text)."""
    rows = [("Navn", "Titel", "Organisation")]
    rows += [(e["name"], f"{e['title']}{_paren(e)}", e["org"]) for e in entries]
    return [("p", "Deltagere:"), ("table", rows)]


LAYOUTS = {"blocks": layout_blocks, "title_first": layout_title_first, "name_paren": layout_name_paren,
           "prose": layout_prose, "two_blocks": layout_two_blocks, "table": layout_table}
#: layouts that survive each format (a PDF text layer has no TABs; tables only where real)
FORMAT_LAYOUTS = {
    "txt": ("blocks", "title_first", "name_paren", "prose", "two_blocks", "table"),
    "md": ("blocks", "title_first", "name_paren", "prose", "table"),
    "pdf": ("title_first", "name_paren", "prose"),
    "docx": ("title_first", "name_paren", "prose", "table"),
}
#: layouts where a reader cannot tell the side of an unclear title or an outside organisation
SIDE_BLIND = {"name_paren", "prose", "two_blocks"}


def absent_blocks(rng: random.Random, absent: list[dict], layout: str) -> list[tuple[str, Any]]:
    """The apologies, in a style that goes with the attendee layout."""
    if not absent:
        return []
    style = rng.randrange(3)
    if layout == "two_blocks":
        return [("p", "Afbud:"), ("p", "\n".join(e["name"] for e in absent)),
                ("p", "\n".join(e["title"] for e in absent))]
    if style == 0 and layout in ("blocks", "table"):
        return [("p", "Afbud:"), ("p", "\n".join(f"{e['name']}\t{e['title']}" for e in absent))]
    if style == 1:
        lines = [f"{e['title']} {e['name']} ({e['reason']})" for e in absent]
        return [("p", "Afbud fra:"), ("p", "\n".join(lines))]
    lines = [f"{e['name']} ({lower_title(e['title'])})" for e in absent]
    return [("p", rng.choice(["Afbud:", "Fraværende:"])), ("p", "\n".join(lines))]


# ---------------------------------------------------------------- agenda and minutes

def speaker_ref(rng: random.Random, e: dict) -> str:
    """How the minutes name a speaker: with the title where it carries no theme word."""
    if rng.random() < 0.6 and not has_cue(e["title"]):
        return f"{e['title']} {e['name']}"
    return e["name"]


def fill(text: str, rng: random.Random, kommune: str, district: str, year: int, project: str = "") -> str:
    """Fill a template's slots."""
    return text.format(kommune=kommune, district=district, n=rng.randint(120, 900), m=rng.randint(3, 40),
                       pct=rng.randint(5, 30), year=year, place=f"{kommune} midtby", project=project,
                       district_short=district.removesuffix(" Politi"))


def theme_paragraph(rng: random.Random, theme: str, kommune: str, district: str, year: int,
                    projects: list[str]) -> str:
    """A substantive paragraph on a theme, sometimes naming a project (added to ``projects``)."""
    _, paragraphs, names = tpl.THEMES[theme]
    text = fill(rng.choice(paragraphs), rng, kommune, district, year)
    if names and rng.random() < 0.35:
        project = fill(rng.choice(names), rng, kommune, district, year)
        text += " " + fill(rng.choice(tpl.PROJECT_SENTENCES), rng, kommune, district, year, project)
        if project not in projects:
            projects.append(project)
    return text


def choose_themes(rng: random.Random, year: int, count: int) -> list[str]:
    """``count`` distinct themes that fit the year (Covid-19 only 2020–2022)."""
    pool = [t for t in THEME_ORDER if t != "covid-19" or 2020 <= year <= 2022]
    return rng.sample(pool, count)


_PLAIN_TEXTS = {"opening": tpl.OPENING_TEXT, "news": tpl.NEWS_TEXT, "closing": tpl.CLOSING_TEXT}


def agenda_items(rng: random.Random, themes: list[str]) -> list[tuple[str, str]]:
    """(title, theme or "opening"/"news"/"closing") in order: opening, news, the themes, closing."""
    items: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        items.append((rng.choice(tpl.OPENING_ITEMS), "opening"))
    if rng.random() < 0.5:
        items.append((rng.choice(tpl.NEWS_ITEMS), "news"))
    items += [(rng.choice(tpl.THEMES[t][0]), t) for t in themes]
    items.append((rng.choice(tpl.CLOSING_ITEMS), "closing"))
    return items


def section_head(style: int, number: int, title: str) -> str:
    """An item's heading in the minutes."""
    return (f"Ad {number} - {title}", f"Ad {number}:", f"Pkt. {number}. {title}", f"{number}. {title}",
            f"Ad {number}. {title}")[style]


def minutes_sections(rng: random.Random, ctx: dict,
                     items: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """The minutes, one section an agenda item."""
    style = rng.randrange(5) if ctx["has_list"] else rng.choice([0, 2, 3, 4])
    present = [e for e in ctx["entries"] if e["status"] == "present"]
    joined = ctx.get("joined")
    out: list[tuple[str, Any]] = []
    for number, (title, theme) in enumerate(items, 1):
        out.append(("h", section_head(style, number, title)))
        body = []
        if joined and joined["joined"] == str(number):
            verb = rng.choice(["stødte til mødet under punkt", "deltog fra punkt"])
            body.append(f"{joined['name']} {verb} {number}.")
        if theme in _PLAIN_TEXTS:
            body.append(rng.choice(_PLAIN_TEXTS[theme]).format(speaker=speaker_ref(rng, rng.choice(present))))
        else:
            body.append(f"{speaker_ref(rng, rng.choice(present))} orienterede om punktet.")
            body.append(theme_paragraph(rng, theme, ctx["kommune"], ctx["district"], ctx["year"],
                                        ctx["projects"]))
            body += handover(rng, ctx["kind"])
        out.append(("p", " ".join(body[:1]) if len(body) == 1 else "\n\n".join(body)))
    return out


def handover(rng: random.Random, kind: str) -> list[str]:
    """Sometimes a hand-over sentence (kredsråd → lokalråd)."""
    if rng.random() > 0.3:
        return []
    if kind == "kredsraad":
        return [rng.choice(tpl.HANDOVER_TO_LOKAL)]
    if kind == "lokalraad":
        return [rng.choice(tpl.HANDOVER_FROM_KREDS)]
    return []


def referat(doc: Any, rng: random.Random, world: World, kind: str, district: str, kommune: str,
            year: int) -> None:
    """A referat of a kredsråd, lokalråd or fælles kredsråd meeting."""
    month, day = meeting_date(rng, year)
    layout = rng.choice(FORMAT_LAYOUTS[doc.fmt])
    entries = attendees(rng, world, kind, district, kommune, year)
    if layout in SIDE_BLIND:
        entries = _side_safe(entries)
    for e in entries:
        e["chair_word"] = rng.choice(["formand", "mødeleder"])
    mark_absent(rng, entries)
    present = [e for e in entries if e["status"] == "present"]
    absent = [e for e in entries if e["status"] == "absent"]
    themes = sorted(choose_themes(rng, year, rng.randint(2, 4)), key=THEME_ORDER.index)
    items = agenda_items(rng, themes)
    blocks = referat_heading(rng, kind, kommune, district, date_phrase(rng, year, month, day), year)
    host = kommune if kind != "faelles-kredsraad" else rng.choice(world.districts[district])
    places, place = place_line(rng, host)
    blocks += places
    blocks += LAYOUTS[layout](rng, present) + absent_blocks(rng, absent, layout)
    has_list = rng.random() < 0.85
    if has_list:
        blocks += [("p", "Dagsorden:"), ("p", "\n".join(f"{i}. {t}" for i, (t, _) in enumerate(items, 1)))]
    ctx = {"entries": entries, "kommune": kommune, "district": district, "year": year, "kind": kind,
           "projects": [], "has_list": has_list, "joined": _joiner(rng, present, len(items))}
    blocks += minutes_sections(rng, ctx, items)
    blocks += _referent_line(rng, entries)
    doc.blocks = blocks
    doc.record = {
        "source": "", "document_type": "referat",
        "council": {"kind": kind, "police_district": district,
                    "kommune": None if kind == "faelles-kredsraad" else kommune},
        "date": f"{year:04d}-{month:02d}-{day:02d}", "year": year, "place": place,
        "participants": [participant(e) for e in present + absent],
        "agenda": [{"number": str(i), "title": t} for i, (t, _) in enumerate(items, 1)],
        "projects": ctx["projects"], "themes": themes,
    }
    _format_extras(rng, doc, f"{district} · Referat")


def _side_safe(entries: list[dict]) -> list[dict]:
    """Drop people whose side a reader could not tell in a side-blind layout (keep a referent)."""
    kept = [e for e in entries if e["title"] not in AMBIGUOUS_TITLES and e["side"] != "anden"]
    if any(e["mt"] for e in entries) and not any(e["mt"] for e in kept):
        police = [e for e in kept if e["side"] == "politi" and not e["chair"]]
        (police or kept)[-1]["mt"] = True
    return kept


def _joiner(rng: random.Random, present: list[dict], items: int) -> dict | None:
    """Sometimes someone joins the meeting under a later item."""
    free = [e for e in present if not e["chair"] and not e["mt"]]
    if items < 3 or not free or rng.random() > 0.25:
        return None
    e = rng.choice(free)
    e["joined"] = str(rng.randint(2, items - 1))
    return e


def _referent_line(rng: random.Random, entries: list[dict]) -> list[tuple[str, Any]]:
    """"Referent: Name" at the end, in about half of the documents."""
    mt = [e for e in entries if e["mt"]]
    if not mt or rng.random() < 0.5:
        return []
    return [("p", rng.choice(["Referent: ", "Referent "]) + mt[0]["name"])]


def _format_extras(rng: random.Random, doc: Any, footer: str) -> None:
    """PDF footer; a few old text files in Windows-1252 or with a BOM."""
    doc.record["_footer"] = footer
    if doc.fmt == "txt":
        r = rng.random()
        doc.record["_encoding"] = "cp1252" if r < 0.04 else "utf-8-sig" if r < 0.07 else "utf-8"


# ---------------------------------------------------------------- plans

def member_lines(rng: random.Random, entries: list[dict], district: str) -> list[str]:
    """Members of a lokalråd, one a line: title first or name first, organisation, "(formand)"."""
    name_first = rng.random() < 0.4
    lines = []
    for e in entries:
        chair = " (formand)" if e["chair"] else ""
        if name_first:
            lines.append(f"{e['name']}, {lower_title(e['title'])}, {e['org']}{chair}")
        else:
            lines.append(f"{e['title']} {e['name']}, {e['org']}{chair}")
    return lines


def handlingsplan(doc: Any, rng: random.Random, world: World, kommune: str, year: int) -> None:
    """A lokalråd's handlingsplan: members, then numbered focus areas."""
    district = world.district_of(kommune)
    entries = attendees(rng, world, "lokalraad", district, kommune, year)
    for e in entries:
        e["status"], e["mt"] = "member", False
    themes = sorted(choose_themes(rng, year, rng.randint(3, 5)), key=THEME_ORDER.index)
    projects: list[str] = []
    blocks: list[tuple[str, Any]] = [
        ("h", rng.choice([f"Handlingsplan for {year}", f"Handlingsplan {year}"])),
        ("p", f"Lokalrådet i {kommune} Kommune"),
        ("p", f"Lokalrådet er et samarbejde mellem {kommune} Kommune og {district} om at forebygge "
              "kriminalitet i lokalområdet. Handlingsplanen bygger på de indsatsområder, som kredsrådet har "
              "fastlagt i samarbejdsplanen."),
        ("p", rng.choice(["Lokalrådets medlemmer er:", "Medlemmerne er:", "Medlemmer:"])),
    ]
    if doc.fmt == "docx" and rng.random() < 0.5:
        blocks.append(("table", [("Navn", "Titel", "Organisation")]
                       + [(e["name"], e["title"] + (" (formand)" if e["chair"] else ""), e["org"])
                          for e in entries]))
    else:
        blocks.append(("p", "\n".join(member_lines(rng, entries, district))))
    blocks += [("p", "Lokalrådet holder møde fire gange om året."), ("h", f"Indsatsområder for {year}")]
    for i, theme in enumerate(themes, 1):
        blocks.append(("h", f"{i}. {rng.choice(tpl.THEMES[theme][0])}"))
        blocks.append(("p", theme_paragraph(rng, theme, kommune, district, year, projects)))
    doc.blocks = blocks
    doc.record = {"source": "", "document_type": "handlingsplan",
                  "council": {"kind": "lokalraad", "police_district": district, "kommune": kommune},
                  "date": None, "year": year, "place": None,
                  "participants": [participant(e) for e in entries], "agenda": [],
                  "projects": projects, "themes": themes}
    _format_extras(rng, doc, f"Lokalrådet i {kommune} · Handlingsplan {year}")


def samarbejdsplan(doc: Any, rng: random.Random, world: World, district: str, year: int) -> None:
    """A district's samarbejdsplan: no people, sections with the focus areas."""
    kommuner = world.districts[district]
    themes = sorted(choose_themes(rng, year, rng.randint(3, 5)), key=THEME_ORDER.index)
    projects: list[str] = []
    listed = ", ".join(kommuner[:-1]) + " og " + kommuner[-1] if len(kommuner) > 1 else kommuner[0]
    blocks: list[tuple[str, Any]] = [
        ("h", f"Samarbejdsplan for {year}"),
        ("p", f"Plan for samarbejdet mellem {district} og kommunerne i politikredsen: {listed}."),
        ("h", "1. Indledning"),
        ("p", "Samarbejdsplanen er den fælles strategiske ramme for kredsrådets og lokalrådenes arbejde. "
              "Kredsrådet drøfter hvert år, hvilke indsatsområder der skal prioriteres."),
        ("h", "2. Kredsråd og lokalråd"),
        ("p", f"Kredsrådet består af politidirektøren og borgmestrene i politikredsens {len(kommuner)} "
              "kommuner. I hver kommune er der et lokalråd, som omsætter samarbejdsplanens indsatsområder "
              "til lokale handlingsplaner."),
        ("h", f"3. Indsatsområder for {year}"),
    ]
    for i, theme in enumerate(themes, 1):
        blocks.append(("h", f"3.{i} {rng.choice(tpl.THEMES[theme][0])}"))
        blocks.append(("p", theme_paragraph(rng, theme, rng.choice(kommuner), district, year, projects)))
    doc.blocks = blocks
    doc.record = {"source": "", "document_type": "samarbejdsplan",
                  "council": {"kind": "kredsraad", "police_district": district, "kommune": None},
                  "date": None, "year": year, "place": None, "participants": [], "agenda": [],
                  "projects": projects, "themes": themes}
    _format_extras(rng, doc, f"{district} · Samarbejdsplan {year}")

