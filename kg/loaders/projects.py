"""Named projects, programmes, pilots and services (projekter, indsatser, tilbud).

Three honest cues, each about how the text *introduces* a name:

* a quoted name right after a project word: projektet "En barndom uden vold i familien",
  døgntilbud "Skovlyset", Pilotprojekt "Tryk i Sydøstjylland";
* a capitalised name right after a project word ("projektet Stop Volden Fyn, som …");
* a capitalised name that the text calls a project or service: "Bo Trygt er en borgervendt
  indsats", "FUT-patruljen, som tidligere var et forsøg";
* a list item that starts with "Projekt …", and a short heading that its paragraph describes as
  project-organised ("Lokalråd+" … "projektorganiseret").

Near-duplicates ("Tryk i Sydøstjylland" / "Tryk i Sydøstjyllands Politi") are listed once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

_CUE = (r"(?:pilot)?projekt(?:et)?|\w*tilbud(?:det)?|indsats(?:en)?|kampagne(?:n)?|program(?:met)?|"
        r"initiativ(?:et)?|ordning(?:en)?|forsøg(?:et)?|koncept(?:et)?|netværk(?:et)?|satsning(?:en)?")
_CUE = _CUE + r"|partnerskab(?:et)?|patrulje(?:n)?|team(?:et)?|kampagne(?:n)?"
_QUOTED = re.compile(r"[\"“”„«»](?P<name>[^\"“”„«»]{2,80}?)[\"“”„«»]")
# Single quotes only count right after a project word (elsewhere they may be apostrophes).
_SINGLE_QUOTED = re.compile(r"['‘’](?P<name>[^'‘’\n]{2,60}?)['‘’](?!\w)")
_CUE_BEFORE = re.compile(r"\b(?:" + _CUE + r")\s+$", re.IGNORECASE)
_PROPER = re.compile(r"^[A-ZÆØÅ0-9][\w+-]*(?:\s+[\w+-]+){0,5}$")
# "NAME [, som tidligere] er/var en/et [adjektiv] indsats": found from the verb back to the name.
_CALLED = re.compile(r"\s(?:er|var)\s+(?:en|et)(?:\s+[\wæøå-]+){0,3}?\s+(?:" + _CUE + r")\b")
_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÆØÅ][\w+-]*(?:\s+[A-ZÆØÅ][\w+-]*){0,3})"
    r"(?:,?\s+(?:som|der)(?:\s+[\wæøå]+){0,3}?)?$"
)
# A quoted phrase without a project word before it is no name when it reads like speech or a document.
_NOT_A_NAME = re.compile(
    r"^(?:det|der|vi|jeg|man|han|hun|de|den|dette|hvis|når|at|som|en|et|ikke|alle|du|i)\s|[?!]$|"
    r"plan(?:en)?\b|aftale|undersøgelse|rapport|konference|temadag|strategi|referat|dagsorden",
    re.IGNORECASE,
)
# "projektet Stop Volden Bornholm, som …": a capitalised name right after a project word.
_AFTER_CUE = re.compile(
    r"\b(?:(?:pilot)?projekt(?:et)?|kampagnen|programmet|initiativet|tilbuddet|satsningen|netværket"
    r"|partnerskabet|ordningen)\s+"
    r"(?P<name>[A-ZÆØÅ][\w+-]*(?:\s+(?:(?:på|i|og|for|af|med|til|uden|mod)\s+)?[A-ZÆØÅ0-9][\w+-]*){0,5})"
    r"(?=\s*(?:[,.;:)]|\s(?:som|der|er|har|blev|skal|kører)\b))"
)
#: ``_AFTER_CUE`` without its leading ``\b``, tried where one of its cue words starts (:func:`_after_cue`)
_CUE_WORDS = ("pilotprojekt", "projekt", "kampagnen", "programmet", "initiativet", "tilbuddet", "satsningen",
              "netværket", "partnerskabet", "ordningen")
_CUE_THEN_NAME = re.compile(
    r"(?:pilotprojekt(?:et)?|projekt(?:et)?|kampagnen|programmet|initiativet|tilbuddet|satsningen|netværket"
    r"|partnerskabet|ordningen)\s+" + _AFTER_CUE.pattern.split(r"ordningen)\s+", 1)[1])
_ORG_END = re.compile(r"(?:kommune|politi|politikreds|region\w*)$", re.IGNORECASE)
_LIST_PROJECT = re.compile(r"^\s*[-•*–]\s*(Projekt\s+(?:til|om|for|mod|med|vedr\.?)\s+.{5,120}?)\s*$")
_HEADING = re.compile(r"^[\w+æøåÆØÅ-]+(?:\s+[\w+æøåÆØÅ-]+){0,2}\+?$")
_STOP_NAMES = {"det", "der", "den", "dette", "denne", "her", "han", "hun", "vi", "de", "politiet",
               "kommunen", "projektet", "indsatsen", "samarbejdet", "som", "men", "og", "hvilket"}


def _add(out: list[str], name: str) -> None:
    name = " ".join(name.split()).strip(" ,.;:")
    if len(name) < 2 or name.casefold() in _STOP_NAMES:
        return
    for k, have in enumerate(out):
        a, b = have.casefold(), name.casefold()
        if a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
            if len(name) < len(have) and a.startswith(b):
                out[k] = name
            return
    out.append(name)


def _headings(lines: list[str]) -> list[str]:
    """Short standalone headings whose next paragraph names them and calls them project-organised."""
    found = []
    blank = [not ln.strip() for ln in lines]
    for idx, raw in enumerate(lines):
        if blank[idx] or (idx and not blank[idx - 1]) or idx + 1 >= len(lines) or not blank[idx + 1]:
            continue  # a heading stands alone between blank lines
        text = raw.strip().strip("#*_ ")
        if not text or len(text) > 40 or not _HEADING.match(text):
            continue
        para = next((ln for ln in lines[idx + 1: idx + 4] if ln.strip()), "")
        if text.casefold() in para.casefold() and re.search(r"projekt", para, re.IGNORECASE):
            found.append(text)
    return found


def _after_cue(text: str) -> Iterator[re.Match[str]]:
    """``_AFTER_CUE.finditer(text)``: the same matches, found faster (the pattern is tried only where
    a cue word starts, found by plain substring search)."""
    starts = sorted({at for word in _CUE_WORDS for at in _occurrences(text, word)})
    pos = 0
    for at in starts:
        if at < pos or (at and (text[at - 1].isalnum() or text[at - 1] == "_")):  # no word boundary
            continue
        m = _CUE_THEN_NAME.match(text, at)
        if m:
            yield m
            pos = m.end()


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def find_projects(lines: list[str]) -> list[str]:
    """The named projects of a document, in order of first mention."""
    text = "\n".join(lines)
    hits: list[tuple[int, str]] = []
    for m in _QUOTED.finditer(text):
        name = " ".join(m.group("name").split())
        cue = _CUE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if cue or (_PROPER.match(name) and not _NOT_A_NAME.search(name)):
            hits.append((m.start("name"), name))
    for m in _SINGLE_QUOTED.finditer(text):
        if _CUE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            hits.append((m.start("name"), " ".join(m.group("name").split())))
    for m in _after_cue(text):
        if not _ORG_END.search(m.group("name")):
            hits.append((m.start("name"), m.group("name")))
    for m in _CALLED.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if before and before.group("name").split()[0].casefold() not in _STOP_NAMES:
            hits.append((before.start("name"), before.group("name")))
    offset = 0
    for raw in lines if "Projekt" in text else ():  # a list item "- Projekt til …" needs the word
        m = _LIST_PROJECT.match(raw)
        if m:
            hits.append((offset + m.start(1), m.group(1)))
        offset += len(raw) + 1
    for name in _headings(lines):
        hits.append((text.find(name), name))
    out: list[str] = []
    for _, name in sorted(hits):
        _add(out, name)
    return out

