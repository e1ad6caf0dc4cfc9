"""Telling person names (navne) from titles (titler) and organisations in attendee lists.

A *name run* is a sequence of capitalised words ("Cecilie B. Christiansen", "Ole Bladt-Hansen")
that is neither a title word (Borgmester, Politidirektør, …), nor a department word that titles
often carry (Direktør for *Børn og Unge*), nor a place followed by an organisation word
("Billund kommune", "Billund Lokalpoliti"). :func:`name_runs` finds them in a piece of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Title words: whole words, or the endings of compound titles (ungdomsskole-inspektør).
TITLE_SUFFIXES = (
    "direktør", "chef", "inspektør", "kommissær", "assistent", "betjent", "leder", "konsulent",
    "koordinator", "anklager", "jurist", "fuldmægtig", "sekretær", "medarbejder", "ingeniør",
    "borgmester", "rådmand", "formand", "repræsentant", "rådgiver", "specialist", "sygeplejerske",
    "overlæge", "advokat", "sagsbehandler", "pædagog", "lærer", "referent", "mødeleder", "politiker",
    "udvalgsformand", "byrådsmedlem", "medlem", "kommandør", "analytiker", "partner", "psykolog",
    "kontorchef", "souschef", "økonom", "vicedirektør", "planlægger", "ansvarlig", "assessor",
    "kriminalassistent", "politiassistent", "politibetjent", "elev", "praktikant", "kundechef",
)
TITLE_WORDS = {"jurist", "ingeniør", "konsulent", "sekretær", "referent", "formand", "næstformand",
               "mødeleder", "direktør", "chef", "leder", "anklager", "advokat", "borgmester",
               "viceborgmester", "rådmand", "juridisk", "juridiske", "politisk", "faglig", "administrerende",
               "konstitueret", "kst.", "fg.", "vicepolitiinspektør", "overbetjent", "politiintendant"}

# Capitalised words that belong to a title's department, not to a name.
DEPARTMENT_WORDS = {
    "børn", "unge", "voksne", "kultur", "teknik", "plan", "miljø", "sundhed", "social", "ældre", "skole",
    "skoler", "dagtilbud", "familie", "familier", "forebyggelse", "beskæftigelse", "økonomi", "fritid",
    "erhverv", "handicap", "psykiatri", "administration", "center", "politiets", "administrative",
    "borgerservice", "job", "arbejdsmarked", "udvikling", "by", "land", "natur", "omsorg", "sekretariat",
    "stab", "direktion", "digitalisering", "it", "hr", "personale", "ledelse", "trafik", "færdsel",
    "beredskab", "efterforskning", "forebyggelsessektion", "lokalpoliti", "lokalpolitiet", "politi",
    "politiet", "kommune", "kommunen", "kommunes", "region", "regionen", "anklagemyndighed",
    "anklagemyndigheden", "rigspolitiet", "rådhus", "rådhuset", "uddannelse", "integration", "kredsrådet",
    "lokalrådet", "kredsråd", "lokalråd", "borgmesterkontoret", "sekretariatet", "staben", "afdeling",
    "afdelingen", "fra", "til", "med", "ved", "hos", "dagsorden", "referat", "afbud", "deltagere",
    "fraværende", "tilstede", "mødet", "punkt", "pkt", "ad", "velkomst", "eventuelt", "kommunen:",
    "ssp", "sekretær", "vest", "øst", "nord", "syd", "midt", "mv", "m.v", "sektion", "sektionen",
    "lokalsektionen", "grænsesektionen", "ungdomsskolen", "skoleområdet", "myndighed", "myndighedsafdeling",
    "senior", "chefsekretær", "kontor", "kontoret", "koncern", "koncernservice", "hjemmepleje", "pleje",
    "psykiatrien", "området", "område", "sundhedsområdet", "voksenområdet", "børneområdet", "kvalitet",
    "strategi", "analyse", "kommunikation", "it-kriminalitet", "jura", "juridisk", "vicepolitiinspektør",
    "politidirektør", "borgmester", "og", "i", "af", "for", "navn", "navne", "titel", "stilling",
    "organisation", "funktion", "repræsenterer", "bemærkning", "bemærkninger", "side", "status",
}
ORG_WORDS = re.compile(
    r"^(?:kommune|kommunes|lokalpoliti|lokalpolitiet|politi|politiet|politikreds|politistation|"
    r"lokalpolitistation|anklagemyndighed|region|regionen|ssp|byråd|byrådet)$",
    re.IGNORECASE,
)
# Endings of organisation names ("Nyborg Boligselskab", "Kriminalforsorgen"): never part of a name.
ORG_SUFFIXES = ("selskab", "selskabet", "forening", "foreningen", "skole", "skolen", "center", "centret",
                "centeret", "styrelse", "styrelsen", "forsorg", "forsorgen", "fonden", "fond", "gymnasium",
                "hospital", "hospitalet", "sygehus", "sygehuset", "universitet", "region", "regionen",
                "politistation", "lokalpoliti", "kommune", "boligselskab", "organisation", "tjeneste")
ORG_SUFFIX_RE = "(?:" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")"

# Common Danish first names: a run starting with one of them is trimmed to start there.
FIRST_NAMES = set("""
aase adam agnete aksel albert alberte alexander alfred alice allan amalie amanda anders andreas ane
anette anita ann anna anne annette anja ansgar anton arne asger asta astrid axel benedikte bent bente
berit bettina birgit birgitte birthe bjarne bjørn bo bodil britt brian bruno camilla carina carl carsten
casper cecilie charlotte christian christina christine christoffer claus dan daniel david dennis ditte
dorte dorthe ebbe edith eigil ejner elin eline elisabeth ella ellen elsebeth else emil emilie emma erik
erling esben ester eva finn flemming frank frede frederik freja frida gitte gorm grete gudrun gunnar
hanne hans hasse heidi helene helga helle helmer henning henrik henriette herdis hugo ib ida inge inger
ingrid irene jacob jakob jan jane janne jannik jens jeppe jes jesper jette jimmy joan johan johanne
johannes john jonas jonna jan jørgen jørn josefine julie jytte kaj kamilla karen kari karin karina
karl kasper katrine kenneth kenn kent kim kirsten kirstine kristian kristina kristine kurt kåre lars
lasse laura lea leif lene lillian line linda lis lisa lisbeth liselotte lise lone lotte louise lucas
ludvig magnus maiken maja malene mads majbritt margit margrethe maria marianne marie mark marlene
martin mathias mathilde mette michael michelle mikael mikkel mogens mona morten nanna natasja niels
nikolaj nicolai nina ninna oliver ole oskar otto ove palle per pernille peter pia poul preben rasmus
rene rené rikke rita robert ruth rune sabrina sandra sanne sara sebastian signe simon sofie sonja
sophie steen sten stig susanne svend søren tanja thomas tina tine tobias tom tommy tonny tove troels
trine torben ture ulla ulrik ulrikke vagn valdemar vibeke victor viggo villads vivi william winnie
yvonne åse anders-peter jens-peter hans-henrik karl-erik per-olof ib-ole marie-louise anne-mette
anne-marie hanne-lise lise-lotte
""".split())

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’]*(?:-[\w]+)*\.?|\S")
_CAP_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáíóú'’]+(?:-[A-ZÆØÅa-zæøå][a-zæøåäöüé'’]+)*$")
_INITIAL = re.compile(r"^[A-ZÆØÅ]\.$")
_PARTICLES = {"von", "van", "de", "la", "le", "du", "da", "di", "af"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words (keeping hyphens and a trailing full stop of initials) and punctuation, with offsets."""
    return [Token(*t) for t in _tokens(text)]


def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """:func:`tokens` as (text, start, end) tuples."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        if len(word) > 1 and word[-1] == "." and not _INITIAL.match(word):
            out.append((word[:-1], start, end - 1))
            out.append((".", end - 1, end))
        else:
            out.append((word, start, end))
    return tuple(out)


_TITLE_END = re.compile("(?:" + "|".join(sorted(TITLE_SUFFIXES, key=len, reverse=True)) + ")$")


@lru_cache(maxsize=65536)
def is_title_word(word: str) -> bool:
    """Whether a word is (part of) a title: Borgmester, chefpolitiinspektør, SSP-konsulent."""
    w = word.casefold().rstrip(".,:;")
    if w in TITLE_WORDS:
        return True
    return len(w) > 3 and _TITLE_END.search(w) is not None and w not in FIRST_NAMES


@lru_cache(maxsize=65536)
def _name_like(tok: str) -> bool:
    if _INITIAL.match(tok):
        return True
    if not _CAP_WORD.match(tok):
        return False
    low = tok.casefold()
    if low.endswith(ORG_SUFFIXES) and low not in FIRST_NAMES:
        return False
    return low not in DEPARTMENT_WORDS and not is_title_word(tok)


def name_runs(text: str, min_words: int = 2) -> list[tuple[int, int]]:
    """Character spans of the person names in ``text`` (at least ``min_words`` words)."""
    return list(_name_runs(text, min_words))


@lru_cache(maxsize=16384)
def _name_runs(text: str, min_words: int) -> tuple[tuple[int, int], ...]:
    texts = _token_texts(text)
    like = list(map(_name_like, texts))
    if not any(like):
        return ()
    n = len(texts)
    found: list[tuple[int, int]] = []  # first and last token of each name
    i = 0
    while True:
        try:
            i = like.index(True, i)  # the next name-like word
        except ValueError:
            break
        if _is_initial(texts[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and (like[j + 1] or (texts[j + 1] in _PARTICLES and j + 2 < n and like[j + 2])):
            j += 1
        # a place before an organisation word ("Billund kommune") is not part of the name
        if j > i and j + 1 < n and ORG_WORDS.match(texts[j + 1]):
            j -= 1
        a, b = _trim_to_first_name(texts, i, j)
        if min_words <= b - a + 1 <= 5 and not _is_initial(texts[b]):
            found.append((a, b))
        i = j + 1
    if not found:
        return ()
    spans = _token_spans(text, texts, found[-1][1])  # the offsets, only for texts that name someone
    return tuple((spans[a][0], spans[b][1]) for a, b in found)


def _token_spans(text: str, texts: list[str], last: int) -> list[tuple[int, int]]:
    """(start, end) of the tokens ``texts[:last + 1]`` of ``text``. Only white space separates one
    token from the next (any other character is a token), so each is the next occurrence of its text."""
    spans = []
    pos = 0
    for tok in texts[: last + 1]:
        pos = text.find(tok, pos)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
    return spans


def _token_texts(text: str) -> list[str]:
    """The texts of :func:`tokens`, without offsets (cheaper)."""
    words = _TOKEN.findall(text)
    if "." not in text:
        return words
    out = []
    for word in words:
        if len(word) > 1 and word[-1] == "." and not _INITIAL.match(word):
            out += (word[:-1], ".")
        else:
            out.append(word)
    return out


def _is_initial(word: str) -> bool:
    """"B." (an initial): a capital letter and a full stop."""
    return len(word) == 2 and word[1] == "." and _INITIAL.match(word) is not None


def _trim_to_first_name(texts: list[str], i: int, j: int) -> tuple[int, int]:
    """The tokens ``i..j`` less the leading words before a known first name ("Kultur Martin Hansen" →
    "Martin Hansen"); of a long run without one, the last three."""
    for k in range(i, j + 1):
        if texts[k].casefold() in FIRST_NAMES and j - k + 1 >= 2:
            return k, j
    return (j - 2, j) if j - i + 1 > 4 else (i, j)


@lru_cache(maxsize=16384)
def is_name(text: str) -> bool:
    """Whether the whole of ``text`` is one person's name."""
    text = text.strip()
    runs = _name_runs(text, 2)
    return len(runs) == 1 and runs[0][0] == 0 and runs[0][1] == len(text)


@lru_cache(maxsize=16384)
def has_title(text: str) -> bool:
    """Whether ``text`` holds a title word."""
    return any(map(is_title_word, [t[0] for t in _tokens(text)]))
