"""Attendee lists (deltagerlister): who was present, sent apologies (afbud) or is a member.

Handles the layouts met in minutes and plans: one person a line with the title before or after
the name (tab- or ``|``-separated tables, "Navn (titel)", "Titel Navn, Organisation"), prose lists
joined by commas and "og", names and titles in two blocks paired by position, side blocks ("Fra
kommunen:", "Fra politiet:"), apologies ("Afbud:", "Afbud fra …", "Fraværende:"), "Referent:"
lines and a closing signature ("Med venlig hilsen …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.loaders import reference
from kg.loaders.caseless import Caseless, line_indexes
from kg.loaders.names import FIRST_NAMES, ORG_SUFFIX_RE, has_title, is_name, is_title_word, name_runs
from kg.record import Evidence, Participant

_SECTION_HEAD = re.compile(
    r"^[\W_]*(?:deltagere|mødedeltagere|deltagerliste|deltog|til\s*stede(?:\s+var)?|tilstedeværende|"
    r"fremmødte|(?:[\wæøå]+s\s+)?medlemmer(?:ne)?(?:\s+er)?|[\wæøå]+\s+består\s+af|følgende\s+deltog)"
    r"(?:\s+(?:i|fra|på)\s+mødet)?\b(?:[^:\n]{0,40}?(?::|$)|\s+(?:var|er)\b(?=\s+\S))\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_STATUS_HEAD = re.compile(
    r"^[\W_]*(?P<kind>afbud(?:\s+fra)?|meldt\s+afbud|fraværende|ikke\s+til\s*stede|forhindret|forhindrede|"
    r"ikke\s+mødt|udeblevne?|"
    r"referent|mødeleder|ordstyrer|formand)\b(?:\s*(?:var|er|havde))?\s*(?P<colon>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ABSENT = ("afbud", "meldt", "fravær", "ikke", "forhindre", "udeblev")
_SIDE_HEAD = re.compile(
    r"^[\W_]*(?:(?:deltagere|repræsentanter|medlemmer|deltog)\s+)?(?:fra\s+|for\s+)?"
    r"(?P<who>kommunen|politiet|anklagemyndigheden|øvrige(?:\s+deltagere)?|andre(?:\s+deltagere)?|gæster|"
    r"eksterne(?:\s+deltagere)?|inviterede(?:\s+gæster)?|"
    r"[A-ZÆØÅ][\w-]+(?:\s+[\w-]+){0,3}\s+(?:[Kk]ommune|[Pp]oliti|[Ll]okalpoliti))"
    r"(?:\s+deltog)?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^[\W_]*(?:dagsorden|referat\b|beslutningsreferat|ad\s+\d|pkt\.?\s*\d|punkt\s+\d|\d{1,2}\s*[.)]\s+\S|"
    r"mødet\s+blev|indledning|velkomst|bilag)",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^\s*(?:med\s+)?venlig(?:st)?\s+hilsen\b[,:]?\s*(?P<rest>.*)$", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
_ORG = re.compile(
    r"[A-ZÆØÅ][\w-]*(?:\s+[\w-]+){0,3}?\s+(?:[Kk]ommune|[Ll]okalpoliti(?:et)?|[Pp]oliti(?:kreds)?|"
    r"[Aa]nklagemyndighed(?:en)?)\b|(?:[A-ZÆØÅ][\w-]*\s+){0,3}[A-ZÆØÅ][\w-]*" + ORG_SUFFIX_RE + r"\b"
    r"(?:\s+[A-ZÆØÅ][\w-]*){0,2}"
)
_ORG_AFTER_COMMA = re.compile(r",\s*(" + _ORG.pattern + r")\s*,?\s*$")
_POLITI = re.compile(
    r"politi|anklage|stabschef|jurist|\bpac\b|kriminal|efterforsk|betjent|kommissær|rigspoliti",
    re.IGNORECASE,
)
_KOMMUNE = re.compile(
    r"borgmester|rådmand|kommun|byråd|direktør\s+for|chef\s+for|udvalgsformand|ssp-konsulent|skole|"
    r"børne|kultur|sundhed|social|ungdoms|forvaltning|psykiatrichef|handicap|familie|\bssp|gadeplan|"
    r"pædagog|rådgiver|sagsbehandler|fritid|ældre|beskæftigelse|jobcenter|miljø|beredskabschef",
    re.IGNORECASE,
)
_CHAIR = re.compile(r"^(?:formand|mødeleder|ordstyrer)$", re.IGNORECASE)
_FLAG_PAREN = re.compile(r"\(\s*(referent|formand|mødeleder|ordstyrer)\s*\)", re.IGNORECASE)
_FLAG_PART = re.compile(r"\s*,\s*(referent|formand|mødeleder|ordstyrer)\s*(?=,|\)|$)", re.IGNORECASE)
_TABLE_SEP = re.compile(r"^[\s|:+-]+$")


@dataclass
class Entry:
    """One person as read from one line of an attendee list."""

    name: str
    line: int
    text: str
    title: str | None = None
    org: str | None = None
    flags: set[str] = field(default_factory=set)


@dataclass
class _Context:
    side: str | None = None
    status: str = "present"
    flag: str | None = None  # "referent" / "formand" for entries under such a heading


# ---------------------------------------------------------------------------------------------
# Parsing one line


_LEAD_IN = re.compile(r"^.*?\b(?:deltog|deltager|mødte(?:\s+op)?|var\s+til\s+stede)\s+(?:også\s+)?",
                      re.IGNORECASE)


_SPACES = re.compile(r"\s+")
_LEAD_AND = re.compile(r"^(?:og|samt)\s+", re.IGNORECASE)
_TRAIL_AND = re.compile(r"\s+(?:og|samt)$", re.IGNORECASE)
_TRAIL_AND_CASED = re.compile(r"\s+(?:og|samt)$")
_LETTER = re.compile(r"[a-zæøå]", re.IGNORECASE)
_REFERENT = re.compile(r"\breferent\b", re.IGNORECASE)
_CHAIR_WORD = re.compile(r"(?<![\w-])(?:formand|mødeleder|ordstyrer)\b", re.IGNORECASE)


def _clean_title(text: str, flags: set[str]) -> str | None:
    """Strip separators, "(referent)" and notes; set flags; capitalise the first letter."""
    title, found = _clean_title_flags(text)
    flags.update(found)
    return title


@lru_cache(maxsize=8192)
def _clean_title_flags(text: str) -> tuple[str | None, frozenset[str]]:
    """:func:`_clean_title` of one text: the title and the flags it sets."""
    flags: set[str] = set()
    for m in _FLAG_PAREN.finditer(text):
        flags.add(_flag_of(m.group(1)))
    text = _FLAG_PAREN.sub(" ", text)
    for m in _FLAG_PART.finditer(text):
        flags.add(_flag_of(m.group(1)))
    text = _FLAG_PART.sub("", text)
    text = _PAREN.sub(lambda m: m.group(0) if has_title(m.group(1)) else " ", text)
    text = _LEAD_IN.sub("", text)  # "Fra Fyns Politi deltog politidirektør" → "politidirektør"
    text = _SPACES.sub(" ", text).strip(" \t,;:–-.|")
    text = _LEAD_AND.sub("", text).strip(" ,;:–-")
    text = _TRAIL_AND.sub("", text).strip(" ,;:–-")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text or not _LETTER.search(text):
        return None, frozenset(flags)
    if _CHAIR.match(text) or text.lower() == "referent":
        flags.add(_flag_of(text))
        return None, frozenset(flags)
    if _REFERENT.search(text):
        flags.add("referent")
    if _CHAIR_WORD.search(text):
        flags.add("formand")
    return text[0].upper() + text[1:], frozenset(flags)


def _flag_of(word: str) -> str:
    return "referent" if word.lower() == "referent" else "formand"


_LAST_COMMA_PART = re.compile(r",\s*([A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)?)\s*,?\s*$")


def _split_org(text: str) -> tuple[str, str | None]:
    """Split an organisation set off by a comma ("borgmester, Nyborg Kommune", or a bare kommune
    name: "borgmester, Aarhus") from a title part."""
    m = _ORG_AFTER_COMMA.search(text)
    if not m:
        m = _LAST_COMMA_PART.search(text)
        if not m or not reference.canonical_kommune(m.group(1)):
            return text, None
    return text[: m.start()] + text[m.end():], m.group(1)


_CELL_SEP = re.compile(r"\t+|\s*\|\s*|\s{3,}")
_WIDE_GAP = re.compile(r"\S\s{3,}\S")


def _parse_cells(text: str, line: int) -> list[Entry]:
    """A table row: cells split by tabs or ``|``; the name cell may come first or second."""
    cells = [c.strip() for c in _CELL_SEP.split(text) if c.strip()]
    for k, cell in enumerate(cells):
        bare = _PAREN.sub("", cell).strip()
        if is_name(bare):
            entry = Entry(name=bare, line=line, text=text)
            rest = cells[k + 1:]
            before = [c for c in cells[:k] if has_title(c)]
            title_cell = rest[0] if rest and (has_title(rest[0]) or not _ORG.fullmatch(rest[0])) else None
            if title_cell is None and before:
                title_cell = before[-1]
            notes = _PAREN.findall(cell)
            title_text, cell_org = _split_org(title_cell or "")  # "Borgmester, Faxe Kommune"
            entry.title = _clean_title(title_text, entry.flags)
            for note in notes:
                _clean_title(f"({note})", entry.flags)
            orgs = [c for c in rest if c is not title_cell]
            entry.org = cell_org or (orgs[0] if orgs else None)
            return [entry]
    return []


_AFTER_NAME = re.compile(r"\s*(?:,|\s[–-])?\s*(?P<org>" + _ORG.pattern
                         + r")?\s*(?P<notes>(?:\([^()]*\)\s*)*)")


def _title_first(text: str, runs: list[tuple[int, int]], line: int) -> list[Entry]:
    """"Borgmester Ib Kristensen, kommunaldirektør Ole Hansen og …": the title precedes each name."""
    out, pos = [], 0
    for k, (a, b) in enumerate(runs):
        entry = Entry(name=text[a:b], line=line, text=text)
        title_part, org = _split_org(text[pos:a])
        limit = runs[k + 1][0] if k + 1 < len(runs) else len(text)
        after = text[b:limit]
        m = _AFTER_NAME.match(after)
        consumed = m.end() if m else 0
        if m and m.group("org"):
            org = m.group("org")
        if m and m.group("notes"):
            title_part += " " + m.group("notes")
        if k + 1 == len(runs):  # the last entry keeps any remaining text (a trailing note)
            tail = after[consumed:]
            if _PAREN.search(tail):
                title_part += " " + " ".join(f"({n})" for n in _PAREN.findall(tail))
        entry.title = _clean_title(title_part, entry.flags)
        entry.org = org
        out.append(entry)
        pos = b + consumed
    return out


_PART_SEP = re.compile(r",|\s[–-]\s|\t")


def _name_first(text: str, runs: list[tuple[int, int]], line: int) -> list[Entry]:
    """"Lars Mortensen (borgmester), Anne Holm, kommunaldirektør og …": the title follows the name."""
    out = []
    for k, (a, b) in enumerate(runs):
        entry = Entry(name=text[a:b], line=line, text=text)
        limit = runs[k + 1][0] if k + 1 < len(runs) else len(text)
        after = text[b:limit]
        parens = _PAREN.findall(after)
        titled = [p for p in parens if has_title(p) or _FLAG_PAREN.search(f"({p})")]
        plain = _PAREN.sub(" ", after)
        parts = [p.strip(" \t–-:") for p in _PART_SEP.split(plain)]
        parts = [_TRAIL_AND_CASED.sub("", p).strip() for p in parts if p.strip(" \t–-:")]
        title = next((p for p in parts if has_title(p)), None)
        org = next((p for p in parts if _ORG.fullmatch(p) and p is not title), None)
        if title is None and titled:
            title, paren_org = _split_org(titled[0])
            org = org or (paren_org.strip(" ,") if paren_org else None)
        for p in parens:
            _clean_title(f"({p})", entry.flags)
            if org is None and _ORG.fullmatch(p.strip()):
                org = p.strip()
        entry.title = _clean_title(title or "", entry.flags)
        entry.org = org
        out.append(entry)
    return out


def parse_line(text: str, line: int) -> list[Entry]:
    """Every person named on one attendee-list line."""
    return [Entry(name, line, read, title, org, set(flags))
            for name, read, title, org, flags in _parse_text(text)]


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> tuple[tuple[str, str, str | None, str | None, frozenset[str]], ...]:
    """The entries of one line without their line number: (name, text read, title, org, flags)."""
    return tuple((e.name, e.text, e.title, e.org, frozenset(e.flags)) for e in _parse_line(text, 0))


def _parse_line(text: str, line: int) -> list[Entry]:
    if _TABLE_SEP.match(text):
        return []
    if "\t" in text or "|" in text or _WIDE_GAP.search(text):
        cells = _parse_cells(text, line)
        if cells:
            return cells
        text = _CELL_SEP.sub(" ", text)
    runs = name_runs(text)
    if not runs:
        return []
    if has_title(_PAREN.sub(" ", text[: runs[0][0]])):
        return _title_first(text, runs, line)
    return _name_first(text, runs, line)


# ---------------------------------------------------------------------------------------------
# Sections


_KOMMUNE_WORD = re.compile(r"kommune", re.IGNORECASE)
_POLITI_ORG = re.compile(r"politi|anklagemyndighed", re.IGNORECASE)


def _side_of(entry: Entry, context_side: str | None) -> str | None:
    """The side from the block heading, the organisation, or the title's words."""
    if context_side:
        return context_side
    return _side_of_org_or_title(entry.org, entry.title)


@lru_cache(maxsize=8192)
def _side_of_org_or_title(org: str | None, title: str | None) -> str | None:
    if org:
        if _KOMMUNE_WORD.search(org) or reference.canonical_kommune(org):
            return "kommune"
        if _POLITI_ORG.search(org):
            return "politi"
        return "anden"
    title = title or ""
    if _POLITI.search(title):
        return "politi"
    if _KOMMUNE.search(title):
        return "kommune"
    return None


def _side_heading(who: str) -> str | None:
    low = who.lower()
    if low.startswith(("øvrige", "andre", "gæster", "eksterne", "inviterede")):
        return "anden"
    if "kommune" in low:
        return "kommune"
    if "politi" in low or "anklagemyndighed" in low:
        return "politi"
    return None


def _name_key(name: str) -> str:
    """A name folded for comparison: case and spacing ignored."""
    return " ".join(name.casefold().split())


class _Collector:
    """Gathers entries with their status, side and flags, in document order."""

    def __init__(self, default_status: str) -> None:
        self.default_status = default_status
        self.people: list[Participant] = []
        self._by_key: dict[str, Participant] = {}  # the first person of each folded name
        self._pending: list[tuple[Participant, _Context]] = []  # names waiting for a title block

    def add(self, entry: Entry, ctx: _Context) -> Participant:
        flags = set(entry.flags)
        if ctx.flag:
            flags.add(ctx.flag)
        person = Participant(name=_SPACES.sub(" ", entry.name), role=entry.title,
                             side=_side_of(entry, ctx.side) or "", status=ctx.status,
                             chair="formand" in flags, minute_taker="referent" in flags,
                             evidence=Evidence(entry.line, entry.text.strip()))
        existing = self.find(person.name)
        if existing is not None:
            _merge(existing, person)
            return existing
        self.people.append(person)
        self._by_key.setdefault(_name_key(person.name), person)
        return person

    def find(self, name: str) -> Participant | None:
        return self._by_key.get(_name_key(name))

    def paragraph(self, rows: list[tuple[int, str]], ctx: _Context) -> None:
        """One block of consecutive lines under one heading."""
        rows = _until_prose(rows)
        if not rows:
            return
        if all(not name_runs(text) for _, text in rows):
            self._pair_titles(rows)
            return
        if all(is_name(_PAREN.sub("", t).strip()) for _, t in rows) and not any("\t" in t for _, t in rows):
            self._pending = []
            for line, text in rows:
                entries = parse_line(text, line)
                for e in entries:
                    self._pending.append((self.add(e, ctx), ctx))
            return
        self._pending = []
        if len(rows) > 1 and any(len(name_runs(t)) > 1 for _, t in rows) and not _is_table(rows):
            self._prose(rows, ctx)
            return
        merged: list[tuple[int, str]] = []
        for line, text in rows:
            if merged and not name_runs(text) and "\t" not in text:
                merged[-1] = (merged[-1][0], merged[-1][1] + " " + text.strip())
            else:
                merged.append((line, text))
        for line, text in merged:
            for e in parse_line(text, line):
                self.add(e, ctx)

    def _prose(self, rows: list[tuple[int, str]], ctx: _Context) -> None:
        """A prose list wrapped over several lines: read as one text; each person keeps the line
        where the name starts."""
        text, starts = "", []
        for line, row in rows:
            starts.append((len(text), line))
            text += row.strip() + " "
        for e in parse_line(text.strip(), rows[0][0]):
            at = text.find(e.name)
            e.line = max((ln for off, ln in starts if off <= at), default=rows[0][0])
            e.text = next(row for ln, row in rows if ln == e.line).strip()
            self.add(e, ctx)

    def _pair_titles(self, rows: list[tuple[int, str]]) -> None:
        """A block of titles after a block of names: pair them by position."""
        pending, self._pending = self._pending, []
        for (person, ctx), (_, text) in zip(pending, rows, strict=False):
            flags: set[str] = set()
            person.role = _clean_title(text, flags)
            person.minute_taker |= "referent" in flags
            person.chair |= "formand" in flags
            if not ctx.side:
                person.side = _side_of(Entry(person.name, 0, "", person.role), None) or ""


_SENTENCE_END = re.compile(r"[.!?]\s*$")


def _is_body_sentence(text: str) -> bool:
    """A running-text sentence (ends with a full stop and has many words), not an attendee line; in
    PDFs the minutes often follow the list without a blank line."""
    return bool(_SENTENCE_END.search(text)) and len(text.split()) >= 7 and "\t" not in text


_LIST_GOES_ON = re.compile(r"(?:,|\b(?:og|samt|and))\s*$", re.IGNORECASE)


def _until_prose(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The rows of an attendee block up to the first body sentence after at least one row. A row
    after one that ends with a comma, "og" or a first name, or that starts with "(" or a small
    letter, is the wrapped rest of a prose list, not a sentence; so is a row after one that ends
    with a title when it opens with a listed name (a title alone is not enough: "Name, Title" rows
    end with one)."""
    for i, (_, text) in enumerate(rows):
        if i and _is_body_sentence(text) and not _continues(rows[i - 1][1], text):
            return rows[:i]
    return rows


def _continues(before: str, text: str) -> bool:
    start, words = text.lstrip()[:1], before.split()
    last = words[-1] if words and words[-1][-1:].isalnum() else ""  # no stop, colon or bracket at the end
    cut = last.casefold() in FIRST_NAMES  # "… chef for Børn og Familie Dorthe" / "Toft og …"
    cut |= bool(last) and is_title_word(last) and _starts_with_listed_name(text)  # "…, SSP-leder" / "Lene …,"
    return bool(_LIST_GOES_ON.search(before)) or start == "(" or start.islower() or cut


def _starts_with_listed_name(text: str) -> bool:
    """The row opens with a name followed by list punctuation ("Lene Lund Fabricius, leder af …"),
    not by a verb ("Jens Åberg orienterede om …")."""
    text = text.lstrip()
    runs = name_runs(text)
    if not runs or runs[0][0] != 0:
        return False
    rest = text[runs[0][1]:].lstrip()
    return rest[:1] in (",", "(") or rest.startswith("og ")


def _is_table(rows: list[tuple[int, str]]) -> bool:
    return any("\t" in t or "|" in t or _WIDE_GAP.search(t) for _, t in rows)


def _merge(old: Participant, new: Participant) -> None:
    old.role = old.role or new.role
    old.side = old.side or new.side
    old.chair |= new.chair
    old.minute_taker |= new.minute_taker
    if new.status == "absent" and old.status != "absent" and not old.role:
        old.status = new.status


def _side_head(text: str) -> re.Match[str] | None:
    """``_SIDE_HEAD`` at the start of ``text`` (it needs a colon: texts without one are not tried)."""
    return _SIDE_HEAD.match(text) if ":" in text else None


def _heading(text: str, ctx: _Context, default_status: str, in_section: bool) -> tuple[_Context, str] | None:
    """A heading that changes the context (side, status, flag); returns it and the rest of the line."""
    parts = _heading_parts(text, in_section)
    if parts is None:
        return None
    side, status, flag, rest = parts
    status = default_status if status == _DEFAULT_STATUS else ctx.status if status == _SAME_STATUS else status
    return _Context(side=side, status=status, flag=flag), rest


_DEFAULT_STATUS, _SAME_STATUS = "(default status)", "(status of the context)"


@lru_cache(maxsize=8192)
def _heading_parts(text: str, in_section: bool) -> tuple[str | None, str, str | None, str] | None:
    """:func:`_heading` of one line text: (side, status, flag, rest), the status maybe a placeholder."""
    m = _STATUS_HEAD.match(text)
    if m and (m.group("colon") or m.group("kind").lower().startswith(_ABSENT)):
        kind = m.group("kind").lower()
        if kind.startswith(_ABSENT):
            rest = m.group("rest")
            side = _side_head(rest) if rest else None
            if side and _side_heading(side.group("who")):
                return _side_heading(side.group("who")), "absent", None, side.group("rest")
            return None, "absent", None, rest
        flag = "referent" if kind == "referent" else "formand"
        return None, _DEFAULT_STATUS, flag, m.group("rest")
    m = _side_head(text)
    if m and _side_heading(m.group("who")) and (in_section or not m.group("rest").strip()):
        return _side_heading(m.group("who")), _SAME_STATUS, None, m.group("rest")
    return None


@lru_cache(maxsize=8192)
def _section_rest(text: str) -> str | None:
    """The rest of an attendee-section heading line ("Deltagere: …"), or None."""
    m = _SECTION_HEAD.match(text)
    return m.group("rest") if m and len(text.split()) <= 150 else None


@lru_cache(maxsize=8192)
def _ends_section(text: str) -> bool:
    """An agenda heading or prose without names: the attendee section has ended."""
    return bool(_STOP.match(text) or (len(text.split()) > 10 and not name_runs(text)))


#: a word that every attendee heading holds (or the colon of "Fra kommunen:"); outside a list, lines
#: without one change nothing and are skipped
_HEADING_WORD = Caseless(r"deltag|deltog|stede|fremmødte|medlemmer|består|afbud|fraværende|ikke|forhindre"
                         r"|udeblev|referent|mødeleder|ordstyrer|formand|:")


def parse_attendees(lines: list[str], default_status: str = "present") -> list[Participant]:
    """Every person in the document's attendee lists, with role, side, status and flags."""
    scan = _Scanner(default_status)
    heads = line_indexes(_HEADING_WORD, "\n".join(lines))
    idx = k = 0
    while idx < len(lines):
        if scan.ctx is None:  # outside a list: on to the next line that might open one
            while k < len(heads) and heads[k] < idx:
                k += 1
            if k == len(heads):
                break
            idx = heads[k]
        scan.line(idx + 1, lines[idx])
        idx += 1
    scan.flush()
    _resolve_sides(scan.coll.people)
    return scan.coll.people


class _Scanner:
    """Walks the lines: opens a section at an attendee heading, closes it at the agenda or prose."""

    def __init__(self, default_status: str) -> None:
        self.default_status = default_status
        self.coll = _Collector(default_status)
        self.ctx: _Context | None = None
        self.rows: list[tuple[int, str]] = []
        self._outside = _Context(status=default_status)  # the context _heading sees outside a section

    def flush(self) -> None:
        if self.rows and self.ctx is not None:
            self.coll.paragraph(list(self.rows), self.ctx)
        self.rows.clear()

    def line(self, idx: int, raw: str) -> None:
        text = raw.strip().strip("*_#").strip()
        if not text:
            if self.rows:
                self.flush()
            return
        section_rest = _section_rest(text)
        outer = self.ctx
        head = _heading(text, outer or self._outside, self.default_status, outer is not None)
        if section_rest is not None and not head:
            self.flush()
            self.coll._pending = []
            self.ctx, rest = _Context(status=self.default_status), section_rest
        elif head:
            self.flush()
            self.ctx, rest = head
        elif self.ctx is None:
            return
        elif _ends_section(text):
            self.flush()
            self.ctx = None
            return
        else:
            self.rows.append((idx, raw.strip()))
            return
        if rest.strip():
            self.rows.append((idx, rest.strip()))
            if self.ctx.flag or self.ctx.status == "absent":
                self.flush()
                if self.ctx.flag:  # "Referent: X" on one line: the list around it goes on as before
                    self.ctx = outer


def _resolve_sides(people: list[Participant]) -> None:
    """Unknown sides take the side of the person listed just before (else after), else "anden"."""
    for k, p in enumerate(people):
        if p.side:
            continue
        before = next((q.side for q in reversed(people[:k]) if q.side and q.status == p.status), None)
        after = next((q.side for q in people[k + 1:] if q.side and q.status == p.status), None)
        p.side = before or after or "anden"


# ---------------------------------------------------------------------------------------------
# Signatures and joins


def signature(lines: list[str]) -> tuple[str, str | None, int] | None:
    """The signer of a closing "Med venlig hilsen": (name, title, line)."""
    for idx in range(len(lines) - 1, -1, -1):
        m = _SIGNATURE.match(lines[idx])
        if not m:
            continue
        following = [m.group("rest")] if m.group("rest").strip() else []
        following += [ln.strip() for ln in lines[idx + 1: idx + 5] if ln.strip()]
        if not following:
            return None
        entries = parse_line(", ".join(following[:2]), idx + 2)
        if entries:
            return entries[0].name, entries[0].title, entries[0].line
        return None
    return None


_JOIN = re.compile(r"stødte\s+til|kom\s+til\s+mødet|ankom|deltog\s+(?:kun\s+)?under|deltog\s+fra", re.I)
_LEAVE = re.compile(r"forlod\s+mødet|gik\s+fra\s+mødet|deltog\s+indtil|deltog\s+til\s+og\s+med", re.I)
_ITEM_REF = re.compile(r"\b(?:punkt|pkt\.?)\s*(\d{1,2})\b", re.IGNORECASE)
_SECTION_NO = re.compile(r"^[\W_]*(?:ad|pkt\.?|punkt)?\s*(\d{1,2})\b\s*[.:)–-]?", re.IGNORECASE)


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


#: a join or leave phrase within one line (``\s`` without the line break): one scan of the whole text
#: finds every line that holds one
_JOIN_LEAVE_IN_LINE = Caseless(f"{_JOIN.pattern}|{_LEAVE.pattern}".replace(r"\s", r"[^\S\n]"))


def _join_leave_lines(text: str) -> set[int]:
    """Indexes of the lines of ``text`` holding a join or leave phrase."""
    return set(line_indexes(_JOIN_LEAVE_IN_LINE, text))


def mark_joins(people: list[Participant], lines: list[str]) -> None:
    """Set ``joined_at_item``/``left_at_item`` from "stødte til mødet under punkt 3" and the like."""
    if not people:
        return
    hits = _join_leave_lines("\n".join(lines))
    if not hits:
        return
    current: str | None = None
    for idx in range(max(hits) + 1):
        text = lines[idx].strip()
        sec = _SECTION_NO.match(text)
        heading = text.lower().startswith(("ad ", "pkt", "punkt")) or (sec and sec.group(0)[-1:] in ".:)")
        if sec and heading and len(text) < 120:
            current = sec.group(1)
        if idx not in hits or not (_JOIN.search(text) or _LEAVE.search(text)):
            continue
        for sentence in _SENTENCE_SPLIT.split(text):
            joins, leaves = _JOIN.search(sentence), _LEAVE.search(sentence)
            if not (joins or leaves):
                continue
            ref = _ITEM_REF.search(sentence)
            item = ref.group(1) if ref else current
            for p in people:
                if p.name.casefold() in sentence.casefold():
                    if joins:
                        p.joined_at_item = item
                    if leaves:
                        p.left_at_item = item


_TITLE_BEFORE = re.compile(r"([A-Za-zæøåÆØÅ-]+)\s+$")


def mentioned_people(lines: list[str]) -> list[Participant]:
    """Minutes without an attendee list: people the text names with a title ("Politidirektør X
    orienterede") took part in the meeting. Each is present, with that title as role."""
    coll = _Collector("present")
    for idx, raw in enumerate(lines, start=1):
        for a, b in name_runs(raw):
            before = _TITLE_BEFORE.search(raw, max(0, a - 40), a)
            if not before or not _is_role_word(before.group(1)):
                continue
            entry = Entry(name=raw[a:b], line=idx, text=raw.strip())
            entry.title = _clean_title(before.group(1), entry.flags)
            entry.flags.discard("formand")
            if coll.find(entry.name) is None:
                coll.add(entry, _Context())
    _resolve_sides(coll.people)
    return coll.people


def _is_role_word(word: str) -> bool:
    return is_title_word(word) and word.casefold() not in {"referent", "formand", "leder", "chef"}
