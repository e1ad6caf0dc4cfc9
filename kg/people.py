"""People across documents (personer på tværs af dokumenter): one entry per person, role histories.

A person node is one IRI per normalised name (:func:`kg.ids.person`); confirmed aliases
(``owl:sameAs`` in ``ontology/aliases.ttl``, see :mod:`kg.aliases`) join several nodes into one
person. :func:`people` lists every person with documents, years, sides and titles;
:func:`person_history` gives one person's titles (rollehistorik) with dates, council, side,
status and source line, through the named query ``queries/person-roles.rq``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from kg import ids
from kg.errors import KgError

PREFIXES = """PREFIX kg: <https://kredsgraf.dk/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

PARTICIPATION_FIELDS = ["who", "role", "side", "status", "date", "year", "doc", "source", "line", "evidence",
                        "council", "district", "kommune"]
_SEP, _NONE, _ROW = "\u001f", "\u001e", "\u001d"
# A participation's own facts are read in the graph of the document that states it (the graph IS the
# document), each property as one scan, hash-joined ({SELECT} blocks), and packed into one string per
# participation, grouped per document, council and meeting: converting cells, not joining, is what
# costs at 10,000 documents. The facts of documents, meetings and councils are small tables read
# apart and joined in Python. Only participations have a kg:participant, so the type is not read.
_PARTICIPATION_ROW = f"""CONCAT(STR(?who), "{_SEP}", ?side, "{_SEP}", ?status, "{_SEP}", STR(?line), "{_SEP}",
           COALESCE(?role, "{_NONE}"), "{_SEP}", ?evidence)"""
PARTICIPATION_GROUPS = PREFIXES + f"""SELECT ?doc ?council ?meeting
       (GROUP_CONCAT(?row; separator="{_ROW}") AS ?rows) WHERE {{
  {{ SELECT ?doc ?p ?who WHERE {{ GRAPH ?doc {{ ?p kg:participant ?who }} }} }}
  {{ SELECT ?doc ?p ?council WHERE {{ GRAPH ?doc {{ ?p kg:inCouncil ?council }} }} }}
  {{ SELECT ?doc ?p ?side_iri WHERE {{ GRAPH ?doc {{ ?p kg:side ?side_iri }} }} }}
  {{ SELECT ?doc ?p ?status_iri WHERE {{ GRAPH ?doc {{ ?p kg:status ?status_iri }} }} }}
  {{ SELECT ?side_iri ?side WHERE {{ ?side_iri skos:notation ?side }} }}
  {{ SELECT ?status_iri ?status WHERE {{ ?status_iri skos:notation ?status }} }}
  {{ SELECT ?doc ?p ?line WHERE {{ GRAPH ?doc {{ ?p kg:sourceLine ?line }} }} }}
  {{ SELECT ?doc ?p ?evidence WHERE {{ GRAPH ?doc {{ ?p kg:evidence ?evidence }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?role WHERE {{ GRAPH ?doc {{ ?p kg:role ?role }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?meeting WHERE {{ GRAPH ?doc {{ ?p kg:meeting ?meeting }} }} }}
  BIND({_PARTICIPATION_ROW} AS ?row)
}} GROUP BY ?doc ?council ?meeting"""
#: the same for a few people, found from them (index look-ups rather than whole-table scans)
PARTICIPATION_GROUPS_OF = PREFIXES + f"""SELECT ?doc ?council ?meeting
       (GROUP_CONCAT(?row; separator="{_ROW}") AS ?rows) WHERE {{
  VALUES ?who {{ #WHO# }}
  GRAPH ?doc {{
    ?p kg:participant ?who ; a kg:Participation ; kg:inCouncil ?council ; kg:side ?side_iri ;
       kg:status ?status_iri ; kg:sourceLine ?line ; kg:evidence ?evidence .
  }}
  OPTIONAL {{ GRAPH ?doc {{ ?p kg:role ?role }} }}  # (inside GRAPH, Oxigraph would scan every role)
  OPTIONAL {{ GRAPH ?doc {{ ?p kg:meeting ?meeting }} }}
  ?side_iri skos:notation ?side .
  ?status_iri skos:notation ?status .
  BIND({_PARTICIPATION_ROW} AS ?row)
}} GROUP BY ?doc ?council ?meeting"""
DOCUMENTS = PREFIXES + """SELECT ?doc ?source ?year WHERE {
  #DOCS#
  { SELECT ?doc ?source WHERE { GRAPH ?doc { ?doc a kg:Document ; dcterms:source ?source } } }
  OPTIONAL { SELECT ?doc ?year WHERE { GRAPH ?doc { ?doc kg:year ?year } } }
}"""
MEETING_DATES = PREFIXES + """SELECT DISTINCT ?meeting ?date WHERE {
  #MEETINGS#
  { SELECT DISTINCT ?meeting WHERE { ?meeting a kg:Meeting } }
  { SELECT DISTINCT ?meeting ?date WHERE { ?meeting dcterms:date ?date } }
}"""
COUNCIL_PLACES = PREFIXES + """SELECT ?council ?district ?kommune WHERE {
  ?council a kg:Council .
  OPTIONAL { ?council kg:policeDistrict ?district }
  OPTIONAL { ?council kg:kommune ?kommune }
}"""
NAMES = PREFIXES + "SELECT ?who ?name WHERE { ?who a kg:Person ; foaf:name ?name }"
SAME_AS = PREFIXES + """SELECT ?a ?b WHERE { ?a owl:sameAs ?b . FILTER(isIRI(?a) && isIRI(?b)) }"""
LABELS = PREFIXES + """SELECT ?x (MIN(?l) AS ?label) WHERE {
  { ?x a kg:PoliceDistrict } UNION { ?x a kg:Kommune } UNION { ?x a kg:Council }
  ?x rdfs:label ?l . FILTER(LANG(?l) = "da") } GROUP BY ?x"""

PEOPLE_COLUMNS = ["person", "also_written", "documents", "first_year", "last_year", "sides", "titles", "iri"]
HISTORY_COLUMNS = ["person", "written_as", "date", "year", "title", "council", "council_kind", "kommune",
                   "police_district", "side", "status", "chair", "source", "line", "evidence"]


@dataclass
class Participation:
    """One appearance of a person node in one document (deltagelse)."""

    person: str  # the person node's IRI
    role: str | None
    side: str
    status: str
    date: str | None
    year: int | None
    document: str
    source: str
    line: int
    evidence: str
    council: str
    district: str | None = None
    kommune: str | None = None


@dataclass
class Person:
    """A person: one or more person nodes joined by confirmed aliases."""

    iris: list[str]
    names: dict[str, list[str]]  # node IRI → the names written for it
    participations: list[Participation] = field(default_factory=list)

    @property
    def all_names(self) -> list[str]:
        return sorted({n for names in self.names.values() for n in names})

    @cached_property
    def name(self) -> str:
        """The fullest, most used spelling (e.g. "Claus Hilborg" rather than "C. Hilborg")."""
        return best_name(self.all_names, [p.evidence for p in self.participations])

    @property
    def iri(self) -> str:
        """The IRI of the node that carries :attr:`name`."""
        best = self.name
        return next(i for i in self.iris if best in self.names.get(i, [])) if self.names else self.iris[0]

    @property
    def documents(self) -> list[str]:
        return sorted({p.source for p in self.participations})

    @property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.participations if p.year is not None})

    @property
    def sides(self) -> list[str]:
        return sorted({p.side for p in self.participations})

    @property
    def titles(self) -> list[str]:
        """Distinct titles in the order first held."""
        seen: dict[str, None] = {}
        for p in sorted(self.participations, key=_chronological):
            if p.role:
                seen.setdefault(p.role, None)
        return list(seen)

    @property
    def districts(self) -> list[str]:
        return sorted({p.district for p in self.participations if p.district})


def _chronological(p: Participation) -> tuple:
    return (p.year or 0, p.date or "", p.source, p.line)


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, folded (``"C.Hilborg"`` → ``("c", "hilborg")``, ``"Bladt-Hansen"`` → 2 words)."""
    words = re.split(r"[\s\-]+", ids.normalise_name(name))
    return tuple(t for t in (w.strip(".,'") for w in words) if t)


def best_name(names: Iterable[str], evidence: Iterable[str] = ()) -> str:
    """The spelling to show: most full (non-initial) words, then most words, most often written, longest."""
    names = list(names)
    if len(names) == 1:
        return names[0]
    texts = [ids.normalise_name(e) for e in evidence]

    def key(name: str) -> tuple:
        tokens = name_tokens(name)
        full = sum(len(t) > 1 for t in tokens)
        used = sum(ids.normalise_name(name) in t for t in texts)
        return (-full, -len(tokens), -used, -len(name), name)

    return min(names, key=key)


def open_read_only(store):
    """``store`` as given, or the store at a path/spec opened read-only."""
    if store is None or isinstance(store, (str, Path)):
        from kg.store import open_store

        return open_store(store, read_only=True)
    return store


def _rows(store, sparql: str) -> list[dict[str, Any]]:
    return store.query(sparql).rows



def packed_rows(store, fields: list[str], where: str) -> list[dict[str, str | None]]:
    """SELECT ``fields`` WHERE ``where`` as plain strings, each row packed into one literal.

    Converting every cell to an rdflib term costs far more than the query; one string a row
    keeps :func:`load_people` fast on thousands of participations, on any store.
    """
    cells = f', "{_SEP}", '.join(f'COALESCE(STR(?{f}), "{_NONE}")' for f in fields)
    sparql = f"{PREFIXES}SELECT (CONCAT({cells}) AS ?row) WHERE {{{where}\n}}"
    out = []
    for term in store.query(sparql).terms:
        values = str(term["row"]).split(_SEP)
        out.append({f: None if v == _NONE else v for f, v in zip(fields, values, strict=True)})
    return out


def same_as_pairs(store) -> list[tuple[str, str]]:
    """The confirmed aliases in the store (owl:sameAs between two IRIs)."""
    return sorted({(r["a"], r["b"]) for r in _rows(store, SAME_AS)})


def _clusters(iris: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find: IRI → the smallest IRI of its alias group."""
    parent = {i: i for i in iris}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in list(parent)}


def _participation(row: dict[str, Any], labels: dict[str, str]) -> Participation:
    year = row.get("year")
    return Participation(
        person=row["who"], role=row.get("role"), side=row["side"], status=row["status"],
        date=str(row["date"]) if row.get("date") else None, year=int(year) if year else None,
        document=row["doc"], source=row["source"], line=int(row["line"] or 0), evidence=row["evidence"] or "",
        council=labels.get(row["council"], row["council"]),
        district=labels.get(row["district"], row["district"]) if row.get("district") else None,
        kommune=labels.get(row["kommune"], row["kommune"]) if row.get("kommune") else None)


def _iris(values: Iterable[str]) -> str:
    return " ".join(f"<{v}>" for v in sorted(set(values)))


def participation_rows(store, persons: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every participation (or those of the person IRIs ``persons``) as a dict of
    :data:`PARTICIPATION_FIELDS`, one per document that states it (plain strings and None)."""
    if persons is None:
        groups = store.query(PARTICIPATION_GROUPS).rows
    else:
        groups = store.query(PARTICIPATION_GROUPS_OF.replace("#WHO#", _iris(persons))).rows
    if not groups:
        return []
    docs_filter = meetings_filter = ""
    if persons is not None:  # only the documents and meetings found
        docs_filter = f"VALUES ?doc {{ {_iris(g['doc'] for g in groups)} }}"
        meetings_filter = f"VALUES ?meeting {{ {_iris(g['meeting'] for g in groups if g.get('meeting'))} }}"
    docs = {r["doc"]: r for r in _rows(store, DOCUMENTS.replace("#DOCS#", docs_filter))}
    dates = {r["meeting"]: str(r["date"]) for r in _rows(store, MEETING_DATES.replace("#MEETINGS#",
                                                                                         meetings_filter))}
    places = {r["council"]: r for r in _rows(store, COUNCIL_PLACES)}
    out = []
    for g in groups:
        doc, place = docs.get(g["doc"]), places.get(g["council"], {})
        if doc is None:
            continue
        date = dates.get(g["meeting"]) if g.get("meeting") else None
        year = doc.get("year") if doc.get("year") is not None else (int(date[:4]) if date else None)
        common = {"date": date, "year": year, "doc": g["doc"], "source": doc["source"],
                  "council": g["council"], "district": place.get("district"), "kommune": place.get("kommune")}
        for packed in str(g["rows"]).split(_ROW):
            who, side, status, line, role, evidence = packed.split(_SEP, 5)
            out.append({"who": who, "role": None if role == _NONE else role, "side": side, "status": status,
                        "line": line, "evidence": evidence, **common})
    return out


def _people_without_participations(store, follow_aliases: bool) -> tuple[dict[str, Person], dict[str, str]]:
    """Person groups (alias groups joined) by their first IRI, and person IRI → group."""
    names: dict[str, list[str]] = {}
    for r in _rows(store, NAMES):
        names.setdefault(r["who"], []).append(r["name"])
    pairs = same_as_pairs(store) if follow_aliases else []
    group = _clusters(names, [(a, b) for a, b in pairs if a in names and b in names])
    people: dict[str, Person] = {}
    for iri in sorted(names):
        person = people.setdefault(group[iri], Person(iris=[], names={}))
        person.iris.append(iri)
        person.names[iri] = sorted(set(names[iri]))
    return people, group


def _add_participations(store, people: dict[str, Person], group: dict[str, str],
                        persons: Iterable[str] | None = None) -> None:
    labels = {r["x"]: r["label"] for r in _rows(store, LABELS)}
    for r in participation_rows(store, persons):
        if r["who"] in group:
            people[group[r["who"]]].participations.append(_participation(r, labels))
    for p in people.values():
        p.participations.sort(key=_chronological)


def load_people(store=None, follow_aliases: bool = True) -> list[Person]:
    """Every person in the store, alias groups joined (unless ``follow_aliases`` is False), by name."""
    store = open_read_only(store)
    people, group = _people_without_participations(store, follow_aliases)
    _add_participations(store, people, group)
    return sorted(people.values(), key=lambda p: (ids.normalise_name(p.name), p.iri))


def people(store=None) -> list[dict[str, Any]]:
    """One row per person: names, number of documents, first/last year, sides and titles."""
    rows = []
    for p in load_people(store):
        years = p.years
        rows.append({"person": p.name, "also_written": "; ".join(n for n in p.all_names if n != p.name),
                     "documents": len(p.documents), "first_year": years[0] if years else None,
                     "last_year": years[-1] if years else None, "sides": ", ".join(p.sides),
                     "titles": "; ".join(p.titles), "iri": p.iri})
    return rows


def find_person(name: str, persons: list[Person]) -> Person:
    """The person called ``name`` (or with that IRI); case, spacing and spelling variants ignored.

    Raises :class:`KgError` naming the closest names when there is no such person.
    """
    want = name if name.startswith(ids.BASE) else ids.person(name)
    for p in persons:
        if want in p.iris:
            return p
    key = ids.normalise_name(name)
    for p in persons:
        if any(ids.normalise_name(n) == key for n in p.all_names):
            return p
    raise KgError(f"no person called {name!r} in the store{_suggest(name, persons)}")


def _suggest(name: str, persons: list[Person]) -> str:
    import difflib

    by_key = {ids.normalise_name(n): n for p in persons for n in p.all_names}
    key = ids.normalise_name(name)
    close = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.6)
    close += [k for k in sorted(by_key) if key and key in k.split() and k not in close][:5 - len(close)]
    return f"; closest: {', '.join(by_key[k] for k in close)}" if close else ""


def person_history(name: str, store=None) -> list[dict[str, Any]]:
    """A person's role history: titles with dates, council, side, status, source file and line."""
    from kg.queries import run_query

    store = open_read_only(store)
    people, group = _people_without_participations(store, follow_aliases=True)
    person = find_person(name, list(people.values()))
    # only this person's participations: the name shown is chosen from their sentences
    _add_participations(store, {group[person.iris[0]]: person}, group, person.iris)
    rows = run_query("person-roles", {"person": person.names[person.iri][0]}, store).rows
    for r in rows:
        r["person"] = person.name
    return rows


# -- rendering --------------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def to_table(rows: list[dict[str, Any]], columns: list[str], max_width: int = 60) -> str:
    """A fixed-width table with a row count."""
    cells = [[_text(r.get(c)).replace("\t", " ").replace("\n", " ") for c in columns] for r in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_text(r.get(c)) if not isinstance(r.get(c), bool) else str(r[c]).lower()
                       for c in columns] for r in rows])
    return buf.getvalue()


def to_json(rows: list[dict[str, Any]], columns: list[str]) -> str:
    data = [{c: r.get(c) for c in columns} for r in rows]
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def render(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> str:
    """Rows as ``table``, ``csv`` or ``json``."""
    renderers = {"table": to_table, "csv": to_csv, "json": to_json}
    if fmt not in renderers:
        raise KgError(f"unknown format {fmt!r} (use {', '.join(renderers)})")
    return renderers[fmt](rows, columns)
