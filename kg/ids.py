"""Stable, readable IRIs for everything in the graph.

The same name always gives the same IRI, so loading the same documents twice yields the same
graph and a person named in two documents is one node. Only this module builds data IRIs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BASE = "https://kredsgraf.dk/id/"
ONTOLOGY = "https://kredsgraf.dk/ontology#"

PREFIXES = {
    "kg": ONTOLOGY, "id": BASE, "foaf": "http://xmlns.com/foaf/0.1/", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/", "org": "http://www.w3.org/ns/org#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})


@lru_cache(maxsize=1 << 16)  # pure; a build meets the same names thousands of times
def slug(text: str) -> str:
    """ASCII slug: ``"Midt- og Vestjyllands Politi"`` → ``midt-og-vestjyllands-politi``."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u201b\u02bc\u00b4`]")
_EDGE = re.compile(r"^[\s\"'()\[\],;:*]+|[\s\"'()\[\],;:*]+$")


def _clean_name(name: str) -> str:
    """Unicode form (NFKC: NFD æøå, ligatures, no-break spaces), dash and apostrophe variants,
    spacing and hyphen spacing ("Sejersgaard - Jacobsen") made uniform; surrounding punctuation dropped."""
    name = _APOSTROPHES.sub("'", _DASHES.sub("-", unicodedata.normalize("NFKC", name)))
    name = re.sub(r"\s*-\s*", "-", " ".join(name.split()))
    return _EDGE.sub("", name)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """A person's name folded for identity (navneidentitet).

    Case, spacing, hyphen spacing, dash/apostrophe variants, Unicode form, a missing space after
    an initial ("C.Hilborg") and the old spelling "aa" for "å" ("Kaare" = "Kåre") are ignored.
    Initials are *not* expanded: "C. Hilborg" and "Claus Hilborg" stay two names (see kg.aliases).
    """
    name = re.sub(r"\.(?=\w)", ". ", _clean_name(name)).casefold()
    return name.replace("aa", "å")


@lru_cache(maxsize=1 << 16)
def display_name(name: str) -> str:
    """The name as written, with spacing and dashes normalised (and ALL-CAPS names title-cased)."""
    name = _clean_name(name)
    return name.title() if name.isupper() else name


@lru_cache(maxsize=1 << 16)
def person(name: str) -> str:
    return f"{BASE}person/{slug(normalise_name(name))}"


def kommune(name: str) -> str:
    return f"{BASE}kommune/{slug(name)}"


def district(name: str) -> str:
    return f"{BASE}district/{slug(name)}"


def council(kind: str, district_name: str | None, kommune_name: str | None) -> str:
    """kredsråd of a district (per kommune where it meets one kommune), lokalråd of a kommune."""
    parts = [kind]
    if kind == "lokalraad" and kommune_name:
        parts.append(slug(kommune_name))
    else:
        parts.append(slug(district_name) if district_name else "ukendt-kreds")
        if kommune_name:
            parts.append(slug(kommune_name))
    return f"{BASE}council/{'/'.join(parts)}"


def meeting(council_iri: str, date: str) -> str:
    return f"{council_iri.replace(BASE + 'council/', BASE + 'meeting/')}/{date}"


def document(source_name: str) -> str:
    return f"{BASE}document/{slug(source_name)}"


def agenda_item(meeting_or_doc_iri: str, number: str) -> str:
    return f"{meeting_or_doc_iri}/item/{slug(number)}"


def participation(meeting_or_doc_iri: str, person_name: str) -> str:
    return f"{meeting_or_doc_iri}/participation/{slug(normalise_name(person_name))}"


def project(name: str) -> str:
    return f"{BASE}project/{slug(name)}"


def theme(theme_id: str) -> str:
    return f"{BASE}theme/{theme_id}"


THEME_SCHEME = f"{BASE}theme"


def mention(document_iri: str, line: int, theme_id: str, n: int = 1) -> str:
    """The n-th mention of a theme on a line (several sentences can share a line)."""
    suffix = f"-{n}" if n > 1 else ""
    return f"{document_iri}/mention/{line}/{theme_id}{suffix}"


def handover(document_iri: str, line: int, theme_id: str) -> str:
    return f"{document_iri}/handover/{line}/{theme_id}"
