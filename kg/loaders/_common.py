"""Shared pieces of the three loaders: heading markers, safe loading, the participant pass."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kg.errors import DocumentError
from kg.loaders.attendees import mark_joins, mentioned_people, parse_attendees, signature
from kg.record import DocumentRecord, Evidence, Participant
from kg.sources import SourceText

HEAD_LINES = 6


def head_text(source: SourceText, n: int = HEAD_LINES) -> str:
    """The document's title block: its first ``n`` non-empty, not overlong lines."""
    return _head_text(source.text, n)


@lru_cache(maxsize=64)  # the loaders' scores and the record ask for the same text's head several times
def _head_text(text: str, n: int) -> str:
    out: list[str] = []
    start = 0
    while len(out) < n and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip().strip("#*_ ")
        if line:
            out.append(line)
        start = end + 1
    return "\n".join(ln for ln in out if len(ln) < 250)


def title_score(source: SourceText, pattern: re.Pattern[str], best: float = 3.0) -> float:
    """``best`` when the first heading line matches ``pattern``, a little less for each later line
    of the title block; prose lines (120 characters or more) do not count. 0 when none match."""
    for k, line in enumerate(head_text(source).split("\n")):
        if len(line) < 120 and pattern.search(line):
            return best - 0.2 * k
    return 0.0


def has_line(source: SourceText, pattern: re.Pattern[str]) -> bool:
    """Whether a line of the text starts (after blanks and markup) with ``pattern``'s match."""
    return _line_start(pattern).search(source.text) is not None


@lru_cache(maxsize=64)
def _line_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` at the start of any line (after blanks)."""
    return re.compile(r"(?m)^[ \t]*" + pattern.pattern.lstrip("^"), pattern.flags)


def guarded(source: SourceText, build: Callable[[], DocumentRecord]) -> DocumentRecord:
    """Run a loader body; anything but a :class:`DocumentError` becomes one (never a traceback)."""
    try:
        return build()
    except DocumentError:
        raise
    except Exception as exc:  # a loader bug must still reach the user as one line, not a traceback
        raise DocumentError(source.path or source.name, f"cannot extract: {exc.__class__.__name__}: {exc}")\
            from exc


def people(lines: list[str], status: str, mentions: bool = False) -> list[Participant]:
    """Participants from the attendee lists, joins/leaves, and the closing signature as referent.

    With ``mentions`` (minutes), a text without any attendee list yields the people it names
    with a title instead.
    """
    found = parse_attendees(lines, status)
    if not found and mentions:
        found = mentioned_people(lines)
    mark_joins(found, lines)
    if not any(p.minute_taker for p in found):
        signed = signature(lines)
        if signed:
            name, title, line = signed
            key = " ".join(name.casefold().split())
            match = next((p for p in found if " ".join(p.name.casefold().split()) == key), None)
            if match is not None:
                match.minute_taker = True
            elif found:
                side = "politi" if title and re.search(r"politi|anklage", title, re.I) else "anden"
                found.append(Participant(name=name, role=title, side=side, status="present",
                                         minute_taker=True, evidence=Evidence(line, name)))
    return found


class PlanLoader:
    """A yearly plan (handlingsplan, samarbejdsplan): members, council, year, projects; no meeting.

    Subclasses set the ``document_type``, the title pattern and the council the plan belongs to.
    """

    document_type = "other"
    head: re.Pattern[str] = re.compile(r"(?!)")
    council_kind = "other"
    whole_district = False

    def score(self, source: SourceText) -> float:
        """Near 3 when the title names this kind of plan (less the later the line), else 0."""
        return title_score(source, self.head, 2.9)

    def load(self, source: SourceText) -> DocumentRecord:
        """Council, year, members and projects of the plan."""
        return guarded(source, lambda: self._load(source))

    def _load(self, source: SourceText) -> DocumentRecord:
        from kg.loaders.council import find_council
        from kg.loaders.dates import plan_year
        from kg.loaders.projects import find_projects

        text = source.text
        lines = text.split("\n")
        return DocumentRecord(
            source=source.name, document_type=self.document_type,
            council=find_council(lines, text, self.council_kind, whole_district=self.whole_district),
            year=plan_year(text),
            participants=people(lines, "member"),
            projects=find_projects(lines),
            title=head_text(source, 1) or None,
        )
