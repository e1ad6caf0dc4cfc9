"""Theme detection (temaer): mentions, the themes a document deals with, and hand-overs.

The vocabulary is ``ontology/themes.tsv``. Text and cues are compared as Danish Snowball stems,
so inflections match ("indbruddene" → indbrud); compounds match where the cue's stem begins,
ends or sits inside a longer word with a real word left over ("bandekriminalitet" → bander,
"indbrudsforebyggende" → indbrud). Multi-word cues match as sequences of content-word stems.

A document *deals with* a theme (``record.themes``) when the theme is in a title or heading, or
in a body sentence that is not a passing word: not inside an enumeration of examples, not a
person's title or an organisation's name, not in a purpose clause ("for at …"), not a side remark
in a section about another theme, and not an area a plan declines ("Ingen planer", "der henvises
til central handleplan").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.loaders.caseless import Caseless
from kg.record import DocumentRecord, Handover, ThemeMention
from kg.sources import SourceText

# ---------------------------------------------------------------------------------------------
# Vocabulary and stems

STOPWORDS = frozenset("i af og på med for til fra om den det de en et eller samt mod ved".split())
ROLE_HEADS = ("chef", "direktør", "leder", "konsulent", "koordinator", "inspektør", "sekretær")
VOWELS = frozenset("aeiouyæøå")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+")


@dataclass(frozen=True)
class Theme:
    """One theme of the vocabulary (id, Danish and English label, cue phrases)."""

    id: str
    label_da: str
    label_en: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class _Cue:
    theme: int  # index into the vocabulary
    text: str
    stems: tuple[str, ...]


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - snowballstemmer has no type hints
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of one word, applied twice ("kriminaliteten" → "kriminalit")."""
    stemmer = _stemmer()
    return stemmer.stemWord(stemmer.stemWord(word.lower()))


@lru_cache(maxsize=20_000)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words of a phrase (function words left out)."""
    return tuple(stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Theme, ...]:
    """The themes of ``ontology/themes.tsv`` in file order (read once)."""
    from kg.paths import ontology_file

    themes = []
    for raw in ontology_file("themes.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = raw.split("\t")
        if len(cols) >= 4 and cols[0].strip():
            cues = tuple(c.strip() for c in cols[3].split(";") if c.strip())
            themes.append(Theme(cols[0].strip(), cols[1].strip(), cols[2].strip(), cues))
    return tuple(themes)


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, list[_Cue]], tuple[_Cue, ...], dict[str, list[_Cue]]]:
    """(single-word cues by stem, single-word cues for compounds, multi-word cues by first stem)."""
    single: dict[str, list[_Cue]] = {}
    multi: dict[str, list[_Cue]] = {}
    for i, theme in enumerate(vocabulary()):
        for text in theme.cues:
            variants = {content_stems(text)}
            if "-" in text:
                variants.add(content_stems(re.sub(r"-\s*", "", text)))
            for stems in variants:
                if len(stems) == 1:
                    single.setdefault(stems[0], []).append(_Cue(i, text, stems))
                elif stems:
                    multi.setdefault(stems[0], []).append(_Cue(i, text, stems))
    compound = tuple(c for cues in single.values() for c in cues if len(c.stems[0]) >= 4)
    return single, compound, multi


def _compound_ok(word: str, cue_stem: str, word_stem: str) -> bool:
    """Is ``word`` a compound holding ``cue_stem`` with a real word left over?"""
    if word.startswith(cue_stem):
        rest = word[len(cue_stem):]
        linked = rest[:1] in ("s", "e") and len(rest) > 5
        rest = rest[1:] if linked else rest
        # "event|uelle": a vowel straight after a consonant-final stem is an ending, not a new word
        if not linked and rest[:1] in VOWELS and cue_stem[-1:] not in VOWELS:
            return False
        return len(rest) >= 5 and not rest.startswith(ROLE_HEADS)
    if len(cue_stem) >= 5 and word_stem.endswith(cue_stem) and len(word_stem) - len(cue_stem) >= 3:
        return True
    pos = word.find(cue_stem, 3)
    return len(cue_stem) >= 6 and pos >= 3 and len(word) - pos - len(cue_stem) >= 3


@lru_cache(maxsize=100_000)
def word_cues(word: str) -> tuple[_Cue, ...]:
    """Single-word cues a lower-cased word matches (exact stem, or as part of a compound)."""
    single, compound, _ = _cue_index()
    s = stem(word)
    found = list(single.get(s, ()))
    if len(word) > 6:
        seen = {c.theme for c in found}
        for cue in compound:
            if cue.theme not in seen and cue.stems[0] != s and _compound_ok(word, cue.stems[0], s):
                found.append(cue)
                seen.add(cue.theme)
    return tuple(found)


def _last_ok(word: str, cue_stem: str) -> bool:
    """The last word of a multi-word cue: same stem or the start of a compound."""
    s = stem(word)
    compound = len(cue_stem) >= 4 and word.startswith(cue_stem) and len(word) - len(cue_stem) >= 5
    return s == cue_stem or compound


@dataclass(frozen=True)
class Match:
    """One cue found in a sentence: theme index, cue, character span, word span."""

    theme: int
    cue: str
    start: int
    end: int
    words: int


@lru_cache(maxsize=1)
def _stem_finder() -> re.Pattern[str]:
    """Any cue's (first) stem. A Snowball stem is a prefix of its word, so a word matches a cue only
    if it holds a cue stem; the rest need no stemming."""
    single, _, multi = _cue_index()
    stems = sorted({*single, *multi}, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in stems))


@lru_cache(maxsize=200_000)
def _word_info(word: str) -> tuple[tuple[_Cue, ...], tuple[_Cue, ...]] | None:
    """(single-word cues, multi-word cues starting here) of a lower-cased word; None for stopwords."""
    if word in STOPWORDS:
        return None
    if not _stem_finder().search(word):
        return (), ()
    return word_cues(word), tuple(_cue_index()[2].get(stem(word), ()))


@lru_cache(maxsize=200_000)
def _starts_cue(word: str) -> bool:
    """Whether a lower-cased word is a single-word cue or the first word of a multi-word cue."""
    info = _word_info(word)
    return info is not None and bool(info[0] or info[1])


@lru_cache(maxsize=32_768)
def find_cues(sentence: str) -> tuple[Match, ...]:
    """All non-overlapping cue matches in a sentence (longest cue wins); cached per sentence."""
    low = sentence.lower()
    words = _WORD.findall(low)
    if not any(map(_starts_cue, words)):  # most sentences hold no cue word at all
        return ()
    content = []
    pos = 0
    for word, info in zip(words, map(_word_info, words), strict=True):
        # only non-word characters separate the words, so each is the next occurrence of its text
        pos = low.find(word, pos)
        if info is not None:
            content.append((word, pos, pos + len(word), info))
        pos += len(word)
    found: list[Match] = []
    for i, (_, s, e, (singles, multis)) in enumerate(content):
        for cue in multis:
            n = len(cue.stems)
            tail = content[i + 1:i + n]
            if len(tail) != n - 1:
                continue
            inner = all(stem(t[0]) == c for t, c in zip(tail[:-1], cue.stems[1:-1], strict=True))
            if inner and _last_ok(tail[-1][0], cue.stems[-1]):
                found.append(Match(cue.theme, cue.text, s, tail[-1][2], n))
        for cue in singles:
            found.append(Match(cue.theme, cue.text, s, e, 1))
    if len(found) < 2:
        return tuple(found)
    found.sort(key=lambda m: (-m.words, -(m.end - m.start), m.start))
    kept: list[Match] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return tuple(sorted(kept, key=lambda m: m.start))


def resolve_theme_id(theme_id: str) -> Theme | None:
    """The vocabulary entry with this id, or ``None``."""
    return next((t for t in vocabulary() if t.id == theme_id), None)


# ---------------------------------------------------------------------------------------------
# Document structure: paragraphs, sentences, sections

_AD = re.compile(r"^[\W_]*ad\.?\s+(?:pkt\.?\s*|punkt\s+)?(\d{1,2})\b\s*[.:)]?\s*[–-]?\s*(.*?)[\s:.]*$",
                 re.IGNORECASE)
_NUMBERED = re.compile(r"^[\W_]*(\d{1,2})((?:\.\d{1,2})*)[.)]?\s+(\S.*)$")
_LETTERED = re.compile(r"^[\s\-•*–]*\(?([a-zæøå])[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^\s*[-•*–]\s+")
_LIST_START = re.compile(r"^\s*(?:[-•*–]|\(?[a-zæøå][.)]\s|\d{1,2}[.)]|ad\s+\d)", re.IGNORECASE)
_DAGSORDEN = re.compile(r"^[\W_]*(?:dagsorden|dagsordenspunkter)\b", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?](\s+)(?=[\"”“«(]?[A-ZÆØÅ0-9])")  # group 1: the break between sentences
_MARKUP = re.compile(r"[*_#`]+")
_NEGATIVE = Caseless(r"\bingen\b[^.]*\bplan|henvises til central|\bikke udarbejdet\b")
_PURPOSE = re.compile(r"\b(?:for|til) at\b[^,;:]*$", re.IGNORECASE)
_ROLE_BEFORE = re.compile(r"(?:direktør|chef|leder|konsulent|koordinator|udvalg)(?:en)?\s+(?:for|af)\s+$",
                          re.IGNORECASE)
_LOCATIVE = re.compile(r"(?<!fokus )(?<!fokusere )\bpå\s+$", re.IGNORECASE)
_AT_PLACE = re.compile(r"\s+i\s+[A-ZÆØÅ]")
_Mark = re.Match[str] | None
_CLAUSE_WORDS = frozenset("og men så hvordan hvor der som at idet hvis når da fordi mens herunder".split())


@dataclass(slots=True)
class Sentence:
    """A sentence of the text with its place in the document's structure."""

    text: str
    line: int
    kind: str  # "title" (agenda item, heading), "body", "attendee"
    section: int
    item: str | None
    para: int


@dataclass(slots=True)
class Section:
    """A stretch of text under one heading; ``anchor`` = the themes its heading names."""

    anchor: set[int] = field(default_factory=set)
    declined: bool = False
    heading_para: int | None = None
    colon: bool = False


@dataclass(slots=True)
class _Para:
    text: str
    line: int
    offsets: list[tuple[int, int]]  # (char offset in text, 1-based line)


def _is_heading_line(para: _Para | None) -> bool:
    """A one-line "Ad 2: Titel" or "2. Titel" paragraph: the text under it is a new paragraph even
    without a blank line between (common in Markdown and in text taken from PDFs)."""
    if para is None or len(para.offsets) > 1 or len(para.text.split()) > 14:
        return False
    return bool(_AD.match(para.text) or _NUMBERED.match(para.text))


def paragraphs(lines: list[str]) -> list[_Para]:
    """Non-empty lines joined where a sentence runs on (wrapped lines, hyphenated breaks)."""
    out: list[_Para] = []
    blank = True
    prev: _Para | None = None
    for idx, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            blank = True
            continue
        run_on = (prev is not None and (not blank or text[0].islower())
                  and prev.text.rstrip()[-1:] not in ".!?:" and not _LIST_START.match(raw)
                  and not _AD.match(text) and not _is_heading_line(prev))
        if run_on and prev is not None:
            if prev.text.endswith("-") and text[0].islower():
                prev.text = prev.text[:-1]
            else:
                prev.text += " "
            prev.offsets.append((len(prev.text), idx + 1))
            prev.text += text
        else:
            prev = _Para(text, idx + 1, [(0, idx + 1)])
            out.append(prev)
        blank = False
    return out


def _line_at(para: _Para, pos: int) -> int:
    line = para.line
    for off, ln in para.offsets:
        if off <= pos:
            line = ln
    return line


def split_sentences(para: _Para) -> list[tuple[str, int]]:
    """(sentence, line) pairs of one paragraph."""
    spans = _sentence_spans(para.text)
    if len(para.offsets) == 1:
        return [(sent, para.line) for sent, _ in spans]
    return [(sent, _line_at(para, start)) for sent, start in spans]


@lru_cache(maxsize=8192)
def _sentence_spans(text: str) -> tuple[tuple[str, int], ...]:
    """(sentence, offset where its piece of ``text`` starts) for the non-empty sentences of a text."""
    out: list[tuple[str, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        sent = text[start:m.start(1)].strip()
        if sent:
            out.append((sent, start))
        start = m.end(1)
    sent = text[start:].strip()
    if sent:
        out.append((sent, start))
    return tuple(out)


def _heading_by_text(para_text: str, text: str, numbered: _Mark, lettered: _Mark) -> bool | None:
    """Whether a paragraph is a heading (markup heading, short numbered/lettered line, short line ending
    ':') as far as its own text decides it (``text`` without markup, its numbered and lettered matches);
    None for a short line that is a heading only when it stands alone (:func:`_stands_alone`).

    The paragraph text starts like its first line, so the line's markup shows in it."""
    words = len(text.split(None, 15))  # the word count up to 16 (compared with 14 at most)
    if para_text.startswith("#") or (para_text.startswith("**") and words <= 14):
        return True
    if words <= 12 and ". " not in text and (numbered or lettered):
        return True
    if text.endswith(":") and words <= 14:
        return True
    if words > 6 or text[-1:] in ".!?," or not text[:1].isupper():
        return False
    return None


def _stands_alone(para: _Para, lines: list[str]) -> bool:
    """A blank line (or the edge of the text) before and after the paragraph."""
    before = para.line < 2 or not lines[para.line - 2].strip()
    return before and (para.offsets[-1][1] >= len(lines) or not lines[para.offsets[-1][1]].strip())


@lru_cache(maxsize=4096)
def _role_pattern(role: str) -> re.Pattern[str]:
    return re.compile(re.escape(role), re.IGNORECASE)


def _is_attendee_line(text: str, record: DocumentRecord) -> bool:
    """A line of the attendee list: little left once the names and titles are taken out."""
    hits = 0
    for p in record.participants:
        if p.name and p.name in text:
            hits += 1
            text = text.replace(p.name, " ")
            if p.role:
                text = _role_pattern(p.role).sub(" ", text)
    return hits > 0 and len(_WORD.findall(text)) <= 3 * hits


@dataclass
class Layout:
    """The parsed structure of a document."""

    sentences: list[Sentence]
    sections: list[Section]


def _agenda_region(paras: list[_Para]) -> tuple[int, int]:
    """Paragraph index range of a referat's agenda block (before the first "Ad N" heading)."""
    first_ad = next((i for i, p in enumerate(paras) if len(p.text) < 160 and _AD.match(p.text)), None)
    head = next((i for i, p in enumerate(paras) if _DAGSORDEN.match(p.text)), None)
    if first_ad is None and head is None:
        return 0, 0
    start = head if head is not None else next(
        (i for i, p in enumerate(paras[:first_ad]) if (m := _NUMBERED.match(p.text)) and m.group(1) == "1"
         and not m.group(2)), first_ad)
    stop = first_ad if first_ad is not None else len(paras)
    for i in range(start + 1, stop):
        t = paras[i].text.strip()
        if t.endswith(":") and len(t.split()) <= 2 and not _NUMBERED.match(t) and not _BULLET.match(t):
            return start, i
    return start, stop


def _match_ad(num: str, title: str, agenda: dict[str, str]) -> str | None:
    """The agenda item an "Ad N – Title" heading belongs to: by title where it has one."""
    if not title or not agenda:
        return num if (num in agenda or not agenda) else None
    words = set(content_stems(title))
    best, score = None, 0.0
    for number, item_title in agenda.items():
        other = set(content_stems(item_title))
        if words and other:
            overlap = len(words & other) / min(len(words), len(other))
            if overlap > score:
                best, score = number, overlap
    return best if score >= 0.5 else None


def _themes_of(text: str) -> set[int]:
    return {m.theme for m in find_cues(text)}


_BUT = re.compile(r",\s*men\b")


def _status_negative(text: str) -> bool:
    """A plan's status line declining an area ("Ingen planer", "der henvises til central …")."""
    if not _NEGATIVE.search(text):
        return False
    return not _BUT.search(text)


@lru_cache(maxsize=8192)
def _para_marks(para_text: str) -> tuple[str, _Mark, _Mark, _Mark, bool | None]:
    """A paragraph's text without markup, its numbered, "Ad N" (under 160 characters) and lettered
    heading matches, and :func:`_heading_by_text`."""
    text = _MARKUP.sub("", para_text).strip()
    ad = _AD.match(text) if len(text) < 160 else None
    numbered, lettered = _NUMBERED.match(text), _LETTERED.match(text)
    return text, numbered, ad, lettered, _heading_by_text(para_text, text, numbered, lettered)


def layout(source: SourceText, record: DocumentRecord) -> Layout:
    """Split the text into sentences, each with its section, agenda item and kind."""
    lines = source.lines
    paras = paragraphs(lines)
    a_start, a_stop = _agenda_region(paras)
    sections = [Section()]
    sentences: list[Sentence] = []
    agenda_titles: dict[str, str] = {}
    agenda_anchor: dict[str, set[int]] = {}
    sub_anchor: dict[tuple[str, str], set[int]] = {}
    attendee_names = [p.name for p in record.participants if p.name]
    item: str | None = None
    ad_item: str | None = None
    prev_colon: int | None = None
    for pi, para in enumerate(paras):
        text, num, ad, letter, heading = _para_marks(para.text)
        kind = "body"
        sents: list[tuple[str, int]] | None = None
        if a_start < pi < a_stop or (pi == a_start and num is not None):  # in the agenda
            sub = letter or (_BULLET.match(para.text) and not num)
            if num and not num.group(2):
                item = num.group(1)
                agenda_titles[item] = num.group(3)
                kind = "title"
            elif sub and item:
                kind = "title"
            if kind == "title" and item:
                themes = _themes_of(text)
                agenda_anchor.setdefault(item, set()).update(themes)
                if letter:
                    sub_anchor[(item, letter.group(1))] = themes
            if num:
                sections.append(Section(anchor=set(agenda_anchor.get(item or "", set()))))
        elif ad:
            ad_item = _match_ad(ad.group(1), ad.group(2).strip(), agenda_titles)
            item = ad_item
            anchor = set(agenda_anchor.get(item or "", set())) | _themes_of(ad.group(2))
            sections.append(Section(anchor=anchor, heading_para=pi))
            kind = "title"
        elif heading or (heading is None and _stands_alone(para, lines)):
            kind = "title"
            if num and not num.group(2) and not ad_item and a_stop == 0:
                item = num.group(1)
            sections.append(Section(anchor=_themes_of(text), heading_para=pi, colon=text.endswith(":")))
        elif letter:
            sents = split_sentences(para)
            anchor = sub_anchor.get((item or "", letter.group(1)), set()) | _themes_of(sents[0][0])
            sections.append(Section(anchor=anchor, heading_para=None))
        if kind == "body" and prev_colon == pi - 1 and sections[-1].colon and _status_negative(text):
            sections[-1].declined = True
            sections[-1].anchor = set()
        prev_colon = pi if kind == "title" else prev_colon
        if kind == "body" and any(map(para.text.__contains__, attendee_names)) \
                and _is_attendee_line(para.text, record):
            kind = "attendee"
        section = len(sections) - 1
        if sents is None and len(para.offsets) == 1:  # a one-line paragraph: every sentence on its line
            line = para.line
            sentences += [Sentence(sent, line, kind, section, item, pi)
                          for sent, _ in _sentence_spans(para.text)]
            continue
        for sent, line in sents if sents is not None else split_sentences(para):
            sentences.append(Sentence(sent, line, kind, section, item, pi))
    return Layout(sentences, sections)


# ---------------------------------------------------------------------------------------------
# Mentions and the substantive judgement


_COMMA = re.compile(",")
_AND_OR = re.compile(r"\s(?:og|eller)\s")
_LAST_WORD = re.compile(r"(?<!\w)\w+$")  # = \w+$ (a word start first: no retries inside words)
_CAPITALISED_BEFORE = re.compile(r"([A-ZÆØÅ][\w-]+)\s+$")


def in_enumeration(sentence: str, pos: int) -> bool:
    """Is the character ``pos`` inside an enumeration "A, B og C" of short items?"""
    return "," in sentence and any(x <= pos < y for x, y in _enumerated(sentence))


@lru_cache(maxsize=16_384)
def _enumerated(sentence: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the items of the enumerations "A, B og C" (three or more) of a sentence."""
    found: list[tuple[int, int]] = []
    bounds = [0] + [m.end() for m in _COMMA.finditer(sentence)]
    segments = [(a, (b - 1 if i + 1 < len(bounds) else len(sentence)))
                for i, (a, b) in enumerate(zip(bounds, bounds[1:] + [len(sentence) + 1], strict=True))]
    if len(segments) < 2:
        return ()

    def tail(a: int, b: int) -> tuple[int, int]:
        words = sentence[a:b].split()
        return (b - len(" ".join(words[-3:])), b)

    items = [tail(*segments[0])]
    for a, b in segments[1:]:
        seg = sentence[a:b]
        words = seg.split()
        split = _AND_OR.search(seg)
        parts = [(a, a + split.start()), (a + split.end(), b)] if split else [(a, b)]
        clause = not words or words[0].lower() in _CLAUSE_WORDS
        if clause or any(len(sentence[x:y].split()) > 4 for x, y in parts):
            items = [tail(a, b)]
            continue
        items += parts
        if split:  # "… og C" closes the enumeration
            if len(items) >= 3:
                found += items
            items = [tail(a, b)]
    return tuple(found)


def _is_role_or_name(sentence: str, m: Match, roles: tuple[str, ...] = ()) -> bool:
    """A cue that is part of a person's title or an organisation's name, not a topic."""
    for role in roles:
        at = sentence.find(role)
        while at >= 0:
            if at <= m.start and m.end <= at + len(role):
                return True
            at = sentence.find(role, at + 1)
    return _title_or_place_name(sentence, m.start, m.end, len(m.cue))


@lru_cache(maxsize=16_384)
def _title_or_place_name(sentence: str, start: int, end: int, cue_length: int) -> bool:
    """The cue at ``start:end`` follows "leder for", ends a title word, or follows a kommune's name."""
    before = sentence[:start]
    if _ROLE_BEFORE.search(before[-40:]):
        return True
    word = _LAST_WORD.search(sentence[:end])
    if word and word.group().lower().endswith(ROLE_HEADS) and len(word.group()) > cue_length + 3:
        return True
    prev = _CAPITALISED_BEFORE.search(before)
    if prev:
        return prev.group(1) in _kommuner()
    return False


@lru_cache(maxsize=1)
def _kommuner() -> frozenset[str]:
    from kg.loaders.reference import KOMMUNER

    return frozenset(KOMMUNER)


def _is_place(sentence: str, m: Match) -> bool:
    """A building named as where something happens: "åbent hus på politistationen"."""
    return _is_place_at(sentence, m.start, m.end)


def _is_place_at(sentence: str, start: int, end: int) -> bool:
    word = sentence[start:end]
    if " " in word or not word.lower().endswith(("en", "et")):
        return False
    return bool(_LOCATIVE.search(sentence[:start]) and _AT_PLACE.match(sentence[end:]))


@dataclass(slots=True)
class Found:
    """A theme in a sentence, with how strong the evidence is."""

    theme: int
    cue: str
    sentence: Sentence
    strength: str  # "title", "primary", "weak"


def _incidental(sentence: str, m: Match) -> bool:
    """A cue in a purpose clause ("for at …") or naming a building where something happens."""
    return _incidental_at(sentence, m.start, m.end)


@lru_cache(maxsize=16_384)
def _incidental_at(sentence: str, start: int, end: int) -> bool:
    return bool(_PURPOSE.search(sentence[:start])) or _is_place_at(sentence, start, end)


def _classify(sent: Sentence, matches: list[Match], section: Section, n_themes: int,
              lone: bool) -> str:
    """title / primary / weak for one theme's matches in one sentence."""
    if sent.kind == "title":
        return "weak" if section.declined else "title"
    m = matches[0]
    if n_themes >= 3 or all(in_enumeration(sent.text, x.start) for x in matches):
        return "weak"
    if all(_incidental(sent.text, x) for x in matches):
        return "weak"
    others = section.anchor - {m.theme}
    if others and m.theme not in section.anchor:
        if others & _themes_of(sent.text) or (len(section.anchor) == 1 and lone):
            return "weak"
    return "primary"


def find_mentions(lay: Layout, roles: tuple[str, ...] = ()) -> list[Found]:
    """Every theme mentioned in every sentence (one per theme per sentence) with its strength.

    ``roles`` are the participants' titles: a cue inside one ("SSP-koordinator") is no topic.
    """
    per_sentence: list[tuple[Sentence, dict[int, list[Match]]]] = []
    for sent in lay.sentences:
        if sent.kind == "attendee":
            continue
        cues = find_cues(sent.text)
        if not cues:
            continue
        named = tuple(filter(sent.text.__contains__, roles))  # the roles named in this sentence
        by_theme: dict[int, list[Match]] = {}
        for m in cues:
            if not _is_role_or_name(sent.text, m, named):
                by_theme.setdefault(m.theme, []).append(m)
        if by_theme:
            per_sentence.append((sent, by_theme))
    counts: dict[tuple[int, int], int] = {}
    for sent, by_theme in per_sentence:
        for t in by_theme:
            counts[(sent.section, t)] = counts.get((sent.section, t), 0) + 1
    found = []
    for sent, by_theme in per_sentence:
        section = lay.sections[sent.section]
        for t, matches in by_theme.items():
            strength = _classify(sent, matches, section, len(by_theme), counts[(sent.section, t)] == 1)
            found.append(Found(t, matches[0].cue, sent, strength))
    return found


# ---------------------------------------------------------------------------------------------
# Hand-overs (overdragelser)

# Hand-over phrases are scanned case-insensitively on the lower-cased sentence (kg.loaders.caseless).
_TO_LOKALRAAD = Caseless(
    r"arbejde[st]? videre med\b.*\blokalråd|lokalrådsregi|lokalrådets regi|lokalråd\w* har grebet"
    r"|indgår\b.*\blokalråd\w* arbejde"
    r"|følge[s]? op\b.*\b(?:i|af) (?:de enkelte |hvert enkelt |alle )?lokalråd"
    r"|(?:hvert enkelt|de enkelte|alle) lokalråd\w* skal|lokalråd\w* skal (?:derfor )?(?:drøfte|arbejde|tage)"
    r"|koncentrerer sig i lokalråd|(?:sendes|sendt|oversendes|oversendt|videregives|overdrages)\b.*\blokalråd"
    r"|lokalråd\w* (?:vil|skal) (?:arbejde|følge|tage)")
_FROM_KREDSRAAD = Caseless(r"(?:aftalt|vedtaget|besluttet) (?:i|af) kredsrådet|kredsrådet (?:har )?"
                           r"(?:besluttet|besluttede|vedtaget|vedtog)"
                           r"|(?:sendt|sendes|oversendt|videregivet)(?: videre)? fra kredsrådet")
_TO_KREDSRAAD = Caseless(
    r"(?:tages?|rejses?|bringes?) op (?:på|i) (?:det )?(?:næste |kommende )?(?:fælles )?kredsråd"
    r"|(?:sendes|sendt|oversendes|oversendt|videregives|forelægges|forelagt|overdrages)\b.*\bkredsråd"
    r"|kredsrådet (?:skal|bør|vil) (?:orienteres|drøfte|tage)")
_NEXT_PLAN = Caseless(r"(?:tema|indsatsområde|fokusområde)\w* (?:i|for) (?:samarbejdsplanen )?(20\d\d)"
                      r"|samarbejdsplan\w* (?:for )?(20\d\d)")
_CHOOSE = Caseless(r"\b(?:indstille|indstiller|vælge|valgt|vælges|besluttet|vedtaget|fortsat skal)\b")
_CANDIDATE = Caseless(r"\b(?:mulige|kunne f\.eks\.|forslag)\b")
_JOINT = Caseless("fælles kredsråd")


@lru_cache(maxsize=32_768)
def _may_hand_over_text(text: str) -> bool:
    return _may_hand_over(text.lower())


def _may_hand_over(low: str) -> bool:
    """A lower-cased sentence naming a council, a plan, a theme or an area (the rest hand nothing on)."""
    return "råd" in low or "samarbejdsplan" in low or "tema" in low or "område" in low


def _handover_kinds(sent: Sentence, doc_kind: str, year: int | None,
                    context: Callable[[], str]) -> tuple[str, str] | None:
    """(from_kind, to_kind) when the sentence hands a theme on, else ``None``."""
    text = sent.text
    low = text.lower()
    if not _may_hand_over(low):
        return None
    if "lokalråd" in low and _TO_LOKALRAAD.search(text):
        origin = "kredsraad" if _FROM_KREDSRAAD.search(context() + " " + text) else doc_kind
        return (origin, "lokalraad") if origin != "lokalraad" else None
    if doc_kind == "lokalraad" and _FROM_KREDSRAAD.search(text):
        return "kredsraad", "lokalraad"
    if doc_kind == "lokalraad" and "kredsråd" in low and _TO_KREDSRAAD.search(text):
        joint = _JOINT.search(text)
        return "lokalraad", "faelles-kredsraad" if joint else "kredsraad"
    plan = _NEXT_PLAN.search(text) if "20" in text else None  # a plan year 20NN is part of every match
    if plan and _CHOOSE.search(text) and not _CANDIDATE.search(text):
        target_year = int(plan.group(1) or plan.group(2))
        if year is None or target_year > year:
            joint = _JOINT.search(text)
            to_kind = "faelles-kredsraad" if joint else "kredsraad"
            return (doc_kind, to_kind) if doc_kind != to_kind else (doc_kind, "faelles-kredsraad")
    return None


def find_handovers(lay: Layout, found: list[Found], record: DocumentRecord) -> list[Handover]:
    """Sentences where one body gives a theme to another; themes may be named just before or after."""
    ids = [t.id for t in vocabulary()]
    by_sentence: dict[int, set[int]] = {}
    index = {id(s): i for i, s in enumerate(lay.sentences)}
    for f in found:
        by_sentence.setdefault(index[id(f.sentence)], set()).add(f.theme)
    out: list[Handover] = []
    for i, sent in enumerate(lay.sentences):
        if sent.kind == "attendee" or not _may_hand_over_text(sent.text):
            continue
        kinds = _handover_kinds(sent, record.council.kind, record.year, lambda i=i, sent=sent: " ".join(
            s.text for s in lay.sentences[max(0, i - 2):i] if s.section == sent.section))
        if not kinds:
            continue
        themes = by_sentence.get(i, set())
        if not themes and kinds[1] != "faelles-kredsraad":  # "Emnet …" refers back (or on to a list)
            themes = _themes_around(lay, by_sentence, i)
        for t in sorted(themes):
            out.append(Handover(ids[t], kinds[0], kinds[1], sent.text, sent.line, sent.item))
    return out


def _themes_around(lay: Layout, by_sentence: dict[int, set[int]], i: int) -> set[int]:
    """Themes a hand-over sentence refers to: the list it introduces, or the nearest before it."""
    sent = lay.sentences[i]
    if sent.text.rstrip().endswith(":"):
        ahead: set[int] = set()
        for j in range(i + 1, min(len(lay.sentences), i + 8)):
            if lay.sentences[j].kind == "title" and j > i + 1 and not ahead:
                break
            ahead |= by_sentence.get(j, set())
        if ahead:
            return ahead
    for j in range(i - 1, max(-1, i - 6), -1):
        if lay.sentences[j].section != sent.section:
            break
        if by_sentence.get(j):
            return by_sentence[j]
    return set(lay.sections[sent.section].anchor)


# ---------------------------------------------------------------------------------------------


def _items_by_heading_line(record: DocumentRecord) -> Callable[[int], str | None]:
    """Where the agenda items are the section headings themselves ("2. Status …" followed by its
    text, no separate agenda list), a line belongs to the last item heading above it."""
    heads = sorted((a.line, a.number) for a in record.agenda if a.line)
    spread = len(heads) > 1 and all(b[0] - a[0] > 2 for a, b in zip(heads, heads[1:], strict=False))

    starts = [at for at, _ in heads]

    def lookup(line: int) -> str | None:
        if not spread:
            return None
        above = bisect_right(starts, line)  # the heads at or above the line
        return heads[above - 1][1] if above else None

    return lookup


def annotate(record: DocumentRecord, source: SourceText) -> None:
    """Fill ``record.mentions``, ``record.themes`` and ``record.handovers`` from the text."""
    vocab = vocabulary()
    lay = layout(source, record)
    roles = tuple(sorted({p.role for p in record.participants if p.role and len(p.role) > 3}, key=len,
                         reverse=True))
    found = find_mentions(lay, roles)
    known_items = {a.number for a in record.agenda}
    by_line = _items_by_heading_line(record)

    def item_of(number: str | None, line: int = 0) -> str | None:
        if number in known_items:
            return number
        return by_line(line)

    record.mentions = [ThemeMention(vocab[f.theme].id, f.sentence.text, f.sentence.line,
                                    item_of(f.sentence.item, f.sentence.line), f.cue) for f in found]
    substantive = {f.theme for f in found if f.strength != "weak"}
    record.themes = [t.id for i, t in enumerate(vocab) if i in substantive]
    handovers = find_handovers(lay, found, record)
    for h in handovers:
        h.agenda_item = item_of(h.agenda_item, h.line)
    record.handovers = handovers
