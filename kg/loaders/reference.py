"""Reference data: the twelve police districts (politikredse) and the 98 kommuner in each.

The district names are written as the police write them (``Midt- og Vestjyllands Politi``);
kommune names without the word "Kommune". Used to recognise districts and kommuner in text,
and to find a kommune's district where the text names none.
"""

from __future__ import annotations

import re

from kg.loaders.caseless import Caseless

#: district name → the kommuner it covers (the 2007 police reform's division); kept equal to
#: ``ontology/kommuner.tsv`` (a test checks this)
DISTRICT_KOMMUNER: dict[str, tuple[str, ...]] = {
    "Nordjyllands Politi": (
        "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø", "Mariagerfjord", "Rebild",
        "Vesthimmerlands", "Aalborg",
    ),
    "Østjyllands Politi": (
        "Aarhus", "Favrskov", "Norddjurs", "Odder", "Randers", "Samsø", "Syddjurs",
    ),
    "Midt- og Vestjyllands Politi": (
        "Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Morsø", "Ringkøbing-Skjern", "Silkeborg",
        "Skive", "Struer", "Thisted", "Viborg",
    ),
    "Sydøstjyllands Politi": (
        "Billund", "Fredericia", "Hedensted", "Horsens", "Kolding", "Skanderborg", "Vejle",
    ),
    "Syd- og Sønderjyllands Politi": (
        "Aabenraa", "Esbjerg", "Fanø", "Haderslev", "Sønderborg", "Tønder", "Varde", "Vejen",
    ),
    "Fyns Politi": (
        "Assens", "Faaborg-Midtfyn", "Kerteminde", "Langeland", "Middelfart", "Nordfyns", "Nyborg",
        "Odense", "Svendborg", "Ærø",
    ),
    "Sydsjællands og Lolland-Falsters Politi": (
        "Faxe", "Guldborgsund", "Lolland", "Næstved", "Slagelse", "Sorø", "Vordingborg",
    ),
    "Midt- og Vestsjællands Politi": (
        "Greve", "Holbæk", "Kalundborg", "Køge", "Lejre", "Odsherred", "Ringsted", "Roskilde", "Solrød",
        "Stevns",
    ),
    "Nordsjællands Politi": (
        "Allerød", "Egedal", "Fredensborg", "Frederikssund", "Furesø", "Gentofte", "Gribskov", "Halsnæs",
        "Helsingør", "Hillerød", "Hørsholm", "Lyngby-Taarbæk", "Rudersdal",
    ),
    "Københavns Vestegns Politi": (
        "Albertslund", "Ballerup", "Brøndby", "Gladsaxe", "Glostrup", "Herlev", "Hvidovre",
        "Høje-Taastrup", "Ishøj", "Rødovre", "Vallensbæk",
    ),
    "Københavns Politi": ("København", "Frederiksberg", "Tårnby", "Dragør"),
    "Bornholms Politi": ("Bornholm",),
}

DISTRICTS: tuple[str, ...] = tuple(DISTRICT_KOMMUNER)
KOMMUNE_DISTRICT: dict[str, str] = {k: d for d, ks in DISTRICT_KOMMUNER.items() for k in ks}
KOMMUNER: tuple[str, ...] = tuple(KOMMUNE_DISTRICT)

# Other spellings met in documents → the canonical kommune name.
_KOMMUNE_ALIASES = {"Århus": "Aarhus", "Ålborg": "Aalborg", "Vesthimmerland": "Vesthimmerlands",
                    "Nordfyn": "Nordfyns", "Kjøbenhavn": "København"}


def _district_stem(name: str) -> str:
    """A district name without "Politi", lower-cased, as a regex with any spacing
    ("midt-\\s+og\\s+vestjyllands")."""
    return re.escape(name[: -len(" Politi")].lower()).replace(r"\ ", r"\s+")


# Districts are found by first finding "politi"/"politikreds" and then reading the words before it.
# (case-insensitive, scanned on the lower-cased text: kg.loaders.caseless)
# "politi"/"politikreds" after a space; the word comes first in the pattern (the space is checked
# behind it), so that re can skip ahead to the word
_POLITI_WORD = Caseless(r"politi(?<=\spoliti)(?:\b|kreds)")
_STEM_BEFORE = Caseless("(?:" + "|".join(f"(?P<d{i}>{_district_stem(d)})" for i, d in enumerate(DISTRICTS))
                        + r")$")
_STEM_LAST = re.compile("[" + "".join(sorted({re.escape(d[: -len(" Politi")][-1]) for d in DISTRICTS})) + "]",
                        re.IGNORECASE)
_KOMMUNE_NAMES = sorted([*KOMMUNER, *_KOMMUNE_ALIASES], key=len, reverse=True)
_KOMMUNE_WORD = re.compile(r"[Kk](?<=\s[Kk])ommunes?\b")  # after a space (the spaces before: find_kommuner)
_KOMMUNE_BEFORE = re.compile(r"(" + "|".join(re.escape(k) for k in _KOMMUNE_NAMES) + r")s?$")


#: case-folded spelling → canonical kommune name (the first spelling of ``_KOMMUNE_NAMES`` wins)
_CANONICAL: dict[str, str] = {}
for _k in _KOMMUNE_NAMES:
    _CANONICAL.setdefault(_k.casefold(), _KOMMUNE_ALIASES.get(_k, _k))


def canonical_kommune(name: str) -> str | None:
    """The canonical name of a kommune written ``name`` (any case), or ``None``."""
    return _CANONICAL.get(name.strip().casefold())


def find_districts(text: str) -> list[tuple[int, str]]:
    """Every district named in ``text`` as (offset, canonical name), in order."""
    out = []
    for m in _POLITI_WORD.finditer(text):
        end = m.start() - 1  # the space before the word
        # the stems' last letter (or a line break, where ``$`` also matches) must come just before
        if not end or (text[end - 1] != "\n" and not _STEM_LAST.match(text, end - 1)):
            continue
        start = max(0, end - 60)
        hit = _STEM_BEFORE.search(text, start, end)
        if hit and (hit.start() == 0 or not text[hit.start() - 1].isalpha()):
            idx = int(next(k for k, v in hit.groupdict().items() if v)[1:])
            out.append((hit.start(), DISTRICTS[idx]))
    return out


def find_kommuner(text: str) -> list[tuple[int, str]]:
    """Every "X Kommune" in ``text`` whose X is a real kommune, as (offset, canonical name)."""
    out = []
    for m in _KOMMUNE_WORD.finditer(text):
        end = m.start() - 1  # the spaces before "Kommune" start at end
        while end and text[end - 1].isspace():
            end -= 1
        hit = _KOMMUNE_BEFORE.search(text, max(0, end - 20), end)
        before = text[hit.start() - 1] if hit and hit.start() else " "
        if hit and not (before.isalpha() or before == "-"):
            out.append((hit.start(), _KOMMUNE_ALIASES.get(hit.group(1), hit.group(1))))
    return out


def district_of(kommune: str | None) -> str | None:
    """The police district of a kommune, or ``None`` for an unknown name."""
    if not kommune:
        return None
    canon = canonical_kommune(kommune)
    return KOMMUNE_DISTRICT.get(canon) if canon else None
