"""The extraction record: what one source document yields, before any RDF.

Loaders return a :class:`DocumentRecord`; :func:`DocumentRecord.to_json` gives the object that
``kg extract FILE --format json`` prints (``../shared/spec/extraction-format.md``). Fields that
the spec does not name (evidence lines, theme mentions, hand-overs, encoding) are kept on the
record for the graph and left out of the spec JSON unless asked for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DOCUMENT_TYPES = ("referat", "handlingsplan", "samarbejdsplan", "other")
COUNCIL_KINDS = ("kredsraad", "lokalraad", "faelles-kredsraad", "other")
SIDES = ("kommune", "politi", "anden")
STATUSES = ("present", "absent", "member")


@dataclass
class Evidence:
    """Where in the source a fact was read: 1-based line number and the sentence."""

    line: int
    sentence: str


@dataclass
class Council:
    """The body whose meeting or plan a document is (kredsråd, lokalråd, fælles kredsråd)."""

    kind: str = "other"
    police_district: str | None = None
    kommune: str | None = None


@dataclass
class Participant:
    """One person named in a document (deltager, afbud, medlem)."""

    name: str
    role: str | None = None
    side: str = "anden"
    status: str = "present"
    chair: bool = False
    minute_taker: bool = False
    evidence: Evidence | None = None
    joined_at_item: str | None = None  # "stødte til mødet under punkt 3"
    left_at_item: str | None = None


@dataclass
class AgendaItem:
    """A numbered agenda item (dagsordenspunkt); sub-items are not separate items."""

    number: str
    title: str
    line: int | None = None


@dataclass
class ThemeMention:
    """A theme cue found in the text (one per theme per sentence)."""

    theme: str
    sentence: str
    line: int
    agenda_item: str | None = None
    cue: str | None = None


@dataclass
class Handover:
    """A sentence where one body hands a theme to another (e.g. kredsråd → lokalråd)."""

    theme: str
    from_kind: str
    to_kind: str
    sentence: str
    line: int
    agenda_item: str | None = None


@dataclass
class DocumentRecord:
    """Everything extracted from one source document."""

    source: str
    document_type: str = "other"
    council: Council = field(default_factory=Council)
    date: str | None = None
    year: int | None = None
    place: str | None = None
    participants: list[Participant] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    mentions: list[ThemeMention] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    # Provenance of the text itself.
    path: str | None = None
    sha256: str | None = None
    file_format: str | None = None  # txt, md, pdf, docx, html
    encoding: str | None = None  # the decoding chosen for text files
    title: str | None = None

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """The spec's JSON object; ``full=True`` adds evidence, mentions and hand-overs."""
        out: dict[str, Any] = {
            "source": self.source,
            "document_type": self.document_type,
            "council": asdict(self.council),
            "date": self.date,
            "year": self.year,
            "place": self.place,
            "participants": [
                {k: getattr(p, k) for k in ("name", "role", "side", "status", "chair", "minute_taker")}
                for p in self.participants
            ],
            "agenda": [{"number": a.number, "title": a.title} for a in self.agenda],
            "projects": list(self.projects),
            "themes": list(self.themes),
        }
        if full:
            out["participants"] = [asdict(p) for p in self.participants]
            out["agenda"] = [asdict(a) for a in self.agenda]
            out["mentions"] = [asdict(m) for m in self.mentions]
            out["handovers"] = [asdict(h) for h in self.handovers]
            out.update(path=self.path, sha256=self.sha256, file_format=self.file_format,
                       encoding=self.encoding, title=self.title)
        return out
