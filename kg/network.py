"""The graph as networks (networkx): typed graph, person–meeting graph, co-attendance graph.

Everything is read from the store with a handful of SELECT queries (:func:`load_facts`), filtered by
document (police district = politikreds, kommune, year, see :class:`Filters`) and then turned into
``networkx`` graphs whose node ids are the IRIs. Node attributes are plain strings, integers and
booleans, so the graphs can be written as GraphML (:func:`write_graphml`) for Gephi and Cytoscape.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from kg.errors import KgError

NODE_KINDS = ("person", "meeting", "council", "kommune", "district", "project", "theme", "document")
KIND_LABELS = {"person": "person", "meeting": "møde (meeting)", "council": "råd (council)",
               "kommune": "kommune", "district": "politikreds (police district)",
               "project": "projekt (project)", "theme": "tema (theme)", "document": "dokument (document)"}
ATTENDING = ("present", "member")  # statuses that count as sitting in a council
RELATION_BY_STATUS = {"present": "deltog (attended)", "absent": "afbud (absent)", "member": "medlem (member)"}

PREFIXES = """PREFIX kg: <https://kredsgraf.dk/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# The queries read whole tables: each property is one scan, and the scans are hash-joined ({SELECT}
# blocks). Written as one plain pattern, Oxigraph would look each property up row by row (about 15 µs
# a look-up on a freshly built store) and, for a meeting that two documents describe, multiply the
# rows by two for every property. A document's and its meeting's facts are read in the document's
# graph (cheaper than the union of all graphs): one row per meeting and document describing it.
Q_DOCUMENTS = PREFIXES + """SELECT ?doc ?label ?type ?source ?year ?council ?meeting WHERE {
  { SELECT ?doc WHERE { GRAPH ?doc { ?doc a kg:Document } } }
  { SELECT ?doc ?type WHERE { GRAPH ?doc { ?doc kg:documentType ?type } } }
  { SELECT ?doc ?source WHERE { GRAPH ?doc { ?doc dcterms:source ?source } } }
  { SELECT ?doc ?council WHERE { GRAPH ?doc { ?doc kg:council ?council } } }
  OPTIONAL { SELECT ?doc ?label WHERE { GRAPH ?doc { ?doc rdfs:label ?label } } }
  OPTIONAL { SELECT ?doc ?year WHERE { GRAPH ?doc { ?doc kg:year ?year } } }
  OPTIONAL { SELECT ?doc ?meeting WHERE { GRAPH ?doc { ?doc kg:describes ?meeting } } }
}"""
Q_COUNCILS = PREFIXES + """SELECT ?council ?label ?kind ?kommune ?kommune_label ?district ?district_label
WHERE {
  ?council a kg:Council ; kg:councilKind ?kind .
  OPTIONAL { ?council rdfs:label ?label FILTER(LANG(?label) IN ("da", "")) }
  OPTIONAL { ?council kg:kommune ?kommune .
             OPTIONAL { ?kommune rdfs:label ?kommune_label FILTER(LANG(?kommune_label) IN ("da", "")) } }
  OPTIONAL { ?council kg:policeDistrict ?district .
             OPTIONAL { ?district rdfs:label ?district_label FILTER(LANG(?district_label) IN ("da", "")) } }
}"""
Q_KOMMUNE_DISTRICT = PREFIXES + """SELECT ?kommune ?district ?district_label WHERE {
  ?kommune a kg:Kommune ; kg:policeDistrict ?district .
  OPTIONAL { ?district rdfs:label ?district_label FILTER(LANG(?district_label) IN ("da", "")) }
}"""
Q_MEETINGS = PREFIXES + """SELECT ?meeting ?label ?date ?year ?council ?place ?doc WHERE {
  { SELECT ?doc ?meeting WHERE { GRAPH ?doc { ?meeting a kg:Meeting } } }
  { SELECT ?doc ?meeting ?council WHERE { GRAPH ?doc { ?meeting kg:council ?council } } }
  { SELECT ?doc ?meeting ?date WHERE { GRAPH ?doc { ?meeting dcterms:date ?date } } }
  OPTIONAL { SELECT ?doc ?meeting ?label WHERE { GRAPH ?doc { ?meeting rdfs:label ?label } } }
  OPTIONAL { SELECT ?doc ?meeting ?year WHERE { GRAPH ?doc { ?meeting kg:year ?year } } }
  OPTIONAL { SELECT ?doc ?meeting ?place WHERE { GRAPH ?doc { ?meeting schema:location ?place } } }
}"""
_SEP, _NONE, _ROW = "\u001f", "\u001e", "\u001d"
# Participations are read in the graph of the document that states them (the graph IS the
# document), one hash-joined scan per property, and packed: one string per participation, grouped
# per document, council and meeting, so each IRI of a group is turned into text once (at 10,000
# documents that, not the joins, is the cost). A participation that two documents state is one
# reading per document. The flags are optional (absent = false). Only participations have a
# kg:participant, so the type is not read.
_PARTICIPATION_FIELDS = ("person", "side", "status", "line", "role", "chair", "minute_taker", "evidence")
_PARTICIPATION_ROW = f"""CONCAT(STR(?person), "{_SEP}", COALESCE(?side, "{_NONE}"), "{_SEP}",
    COALESCE(?status, "{_NONE}"), "{_SEP}", COALESCE(STR(?line), "{_NONE}"), "{_SEP}",
    COALESCE(STR(?role), "{_NONE}"), "{_SEP}", COALESCE(STR(?chair), "{_NONE}"), "{_SEP}",
    COALESCE(STR(?minute_taker), "{_NONE}"), "{_SEP}", COALESCE(STR(?evidence), "{_NONE}"))"""
Q_PARTICIPATION_GROUPS = PREFIXES + f"""SELECT ?doc ?council ?meeting
       (GROUP_CONCAT(?row; separator="{_ROW}") AS ?rows) WHERE {{
  {{ SELECT ?doc ?p ?person WHERE {{ GRAPH ?doc {{ ?p kg:participant ?person }} }} }}
  {{ SELECT ?doc ?p ?council WHERE {{ GRAPH ?doc {{ ?p kg:inCouncil ?council }} }} }}
  {{ SELECT ?doc ?p ?side_iri WHERE {{ GRAPH ?doc {{ ?p kg:side ?side_iri }} }} }}
  {{ SELECT ?doc ?p ?status_iri WHERE {{ GRAPH ?doc {{ ?p kg:status ?status_iri }} }} }}
  {{ SELECT ?side_iri ?side WHERE {{ ?side_iri skos:notation ?side }} }}
  {{ SELECT ?status_iri ?status WHERE {{ ?status_iri skos:notation ?status }} }}
  OPTIONAL {{ SELECT ?doc ?p ?meeting WHERE {{ GRAPH ?doc {{ ?p kg:meeting ?meeting }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?role WHERE {{ GRAPH ?doc {{ ?p kg:role ?role }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?chair WHERE {{ GRAPH ?doc {{ ?p kg:isChair ?chair }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?minute_taker WHERE {{ GRAPH ?doc {{ ?p kg:isMinuteTaker ?minute_taker }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?line WHERE {{ GRAPH ?doc {{ ?p kg:sourceLine ?line }} }} }}
  OPTIONAL {{ SELECT ?doc ?p ?evidence WHERE {{ GRAPH ?doc {{ ?p kg:evidence ?evidence }} }} }}
  BIND({_PARTICIPATION_ROW} AS ?row)
}} GROUP BY ?doc ?council ?meeting"""


def _without(query: str, *needles: str) -> str:
    """``query`` without the lines holding any of ``needles`` (split at "\\n" only: str.splitlines
    would also split at the separators)."""
    return "\n".join(line for line in query.split("\n") if not any(n in line for n in needles))


#: the same without the sentence (the analyses do not show it; long strings are slow to read)
Q_PARTICIPATION_GROUPS_BRIEF = _without(Q_PARTICIPATION_GROUPS, "kg:evidence")
#: only who was present at which meeting, with role and line (enough for a shortest path)
Q_PRESENT_AT_MEETINGS = _without(Q_PARTICIPATION_GROUPS_BRIEF, "kg:side", "?side_iri ?side WHERE",
                                 "kg:inCouncil", "kg:isChair", "kg:isMinuteTaker").replace(
    "?status_iri skos:notation ?status }",
    '?status_iri skos:notation ?status FILTER(STR(?status) = "present") }').replace(
    "OPTIONAL { SELECT ?doc ?p ?meeting", "{ SELECT ?doc ?p ?meeting")
Q_PERSON_NAMES = PREFIXES + """SELECT ?person ?name WHERE { ?person a kg:Person ; foaf:name ?name }"""
# A document's projects and themes, one row a document (their IRIs joined by spaces), and the
# labels of each project and theme once: 6,000 project and 33,000 theme rows of four cells each
# cost more to read than the query.
Q_DOC_PROJECTS = PREFIXES + """SELECT ?doc (GROUP_CONCAT(STR(?project); separator=" ") AS ?projects) WHERE {
  GRAPH ?doc { ?doc kg:mentionsProject ?project }
} GROUP BY ?doc"""
Q_PROJECT_LABELS = PREFIXES + """SELECT ?project ?label WHERE {
  { SELECT DISTINCT ?project WHERE { ?doc kg:mentionsProject ?project } }
  OPTIONAL { ?project rdfs:label ?label }
}"""
Q_DOC_THEMES = PREFIXES + """SELECT ?doc (GROUP_CONCAT(STR(?theme); separator=" ") AS ?themes) WHERE {
  GRAPH ?doc { ?doc dcterms:subject ?theme }
} GROUP BY ?doc"""
Q_THEME_LABELS = PREFIXES + """SELECT ?theme ?label ?id WHERE {
  { SELECT DISTINCT ?theme WHERE { ?doc dcterms:subject ?theme } }
  OPTIONAL { ?theme skos:prefLabel ?label FILTER(LANG(?label) IN ("da", "")) }
  OPTIONAL { ?theme skos:notation ?id }
}"""
# The evidence of a document–theme edge: the first mention of the theme in the document (lowest
# line, a mention without one first; of two on that line, the sentence first in code-point order).
_MENTIONS = """{ SELECT ?doc ?m ?theme WHERE { GRAPH ?doc { ?m kg:theme ?theme } } }
    { SELECT ?doc ?m WHERE { GRAPH ?doc { ?m a kg:ThemeMention } } }
    OPTIONAL { SELECT ?doc ?m ?l WHERE { GRAPH ?doc { ?m kg:sourceLine ?l } } }"""
Q_FIRST_MENTIONS = PREFIXES + f"""SELECT ?doc ?theme ?line (MIN(?ev) AS ?evidence) WHERE {{
  {{ SELECT ?doc ?theme (MIN(COALESCE(?l, -1)) AS ?line) WHERE {{ {_MENTIONS} }} GROUP BY ?doc ?theme }}
  {{ SELECT ?doc ?theme ?m ?line WHERE {{ {_MENTIONS} BIND(COALESCE(?l, -1) AS ?line) }} }}
  {{ SELECT ?doc ?m ?ev WHERE {{ GRAPH ?doc {{ ?m kg:evidence ?ev }} }} }}
}} GROUP BY ?doc ?theme ?line"""
#: the mentions of a few (document, theme) pairs, found from them (look-ups, not scans)
Q_MENTIONS_OF = PREFIXES + """SELECT ?doc ?theme ?line ?evidence WHERE {
  VALUES (?doc ?theme) { #PAIRS# }
  GRAPH ?doc { ?m kg:theme ?theme ; a kg:ThemeMention ; kg:evidence ?evidence }
  OPTIONAL { GRAPH ?doc { ?m kg:sourceLine ?l } }
  BIND(COALESCE(?l, -1) AS ?line)
}"""
# The sentence of each participation (a node one document states twice may have two: the first)
_SENTENCES = """{ SELECT ?doc ?p ?person WHERE { GRAPH ?doc { ?p kg:participant ?person } } }
  { SELECT ?doc ?p ?evidence WHERE { GRAPH ?doc { ?p kg:evidence ?evidence } } }"""
Q_PARTICIPATION_SENTENCES = PREFIXES + f"""SELECT ?doc ?person (MIN(?evidence) AS ?sentence) WHERE {{
  {_SENTENCES}
}} GROUP BY ?doc ?person"""
Q_PARTICIPATION_SENTENCES_OF = PREFIXES + """SELECT ?doc ?person (MIN(?evidence) AS ?sentence) WHERE {
  VALUES (?doc ?person) { #PAIRS# }
  GRAPH ?doc { ?p kg:participant ?person ; kg:evidence ?evidence }
} GROUP BY ?doc ?person"""
#: above this many pairs, sentences and first mentions are read for the whole store: at 10,000
#: documents looking up 10,000 participations takes 0.6 s, reading all 63,000 sentences 3-4 s;
#: looking up 1,000 document–theme pairs 0.27 s, reading the first mentions of all 32,000 2.5 s
FEW_SENTENCES, FEW_MENTIONS = 30_000, 5_000
#: pairs per look-up query: with many more, Oxigraph's plan changes and scans far more (3,000
#: document–theme pairs took 29 s where 1,000 took 0.27 s)
CHUNK = 500


@dataclass
class Filters:
    """Which documents to draw from: politikreds (substring), kommune, years, node kinds."""

    district: str | None = None
    kommune: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    types: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.types is not None:
            unknown = set(self.types) - set(NODE_KINDS)
            if unknown:
                raise KgError(f"unknown node type {', '.join(sorted(unknown))} "
                              f"(known: {', '.join(NODE_KINDS)})")

    def describe(self) -> str:
        """A short human summary, e.g. ``kommune=Herning, 2023–2024``."""
        parts = []
        if self.district:
            parts.append(f"politikreds={self.district}")
        if self.kommune:
            parts.append(f"kommune={self.kommune}")
        if self.year_from or self.year_to:
            parts.append(f"{self.year_from or '…'}–{self.year_to or '…'}")
        if self.types:
            parts.append("types=" + ",".join(sorted(self.types)))
        return ", ".join(parts)


@dataclass
class Facts:
    """The rows the networks are made of, already filtered (one dict per row, plain values)."""

    documents: dict[str, dict] = field(default_factory=dict)
    councils: dict[str, dict] = field(default_factory=dict)
    meetings: dict[str, dict] = field(default_factory=dict)
    participations: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    kommune_district: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)


def _first_by(rows: list[dict], key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for row in rows:
        out.setdefault(row[key], row)
    return out


def _fold(text: str | None) -> str:
    text = (text or "").casefold().strip()
    return text.removesuffix(" kommune").strip()


def _council_matches(council: dict | None, flt: Filters) -> bool:
    if council is None:
        return not (flt.district or flt.kommune)
    if flt.district and _fold(flt.district) not in _fold(council.get("district_label")):
        return False
    return not flt.kommune or _fold(flt.kommune) == _fold(council.get("kommune_label"))


def _year_matches(year: int | None, flt: Filters) -> bool:
    if flt.year_from is None and flt.year_to is None:
        return True
    if year is None:
        return False
    return (flt.year_from is None or year >= flt.year_from) and (flt.year_to is None or year <= flt.year_to)


def _doc_year(doc: dict, meetings: dict[str, dict]) -> int | None:
    if doc.get("year") is not None:
        return int(doc["year"])
    meeting = meetings.get(doc.get("meeting") or "")
    return int(str(meeting["date"])[:4]) if meeting and meeting.get("date") else None


def load_facts(store, filters: Filters | None = None, content: bool = True, sentences: bool = True,
               present_only: bool = False) -> Facts:
    """Read everything the networks need and keep only the documents that pass ``filters``.

    ``content=False`` leaves out projects and themes, ``sentences=False`` the sentences (of each
    participation, and of each document–theme edge). ``present_only`` reads only who was present
    at which meeting, with role and line (no side, council or flags).
    """
    flt = filters or Filters()
    councils = _first_by(store.query(Q_COUNCILS).rows, "council")
    # a meeting that two documents describe: as the first document describes it
    meetings = _first_by(sorted(store.query(Q_MEETINGS).rows, key=lambda r: r.get("doc") or ""), "meeting")
    documents = _first_by(store.query(Q_DOCUMENTS).rows, "doc")
    kept = {iri: d for iri, d in documents.items()
            if _council_matches(councils.get(d["council"]), flt)
            and _year_matches(_doc_year(d, meetings), flt)}
    facts = Facts(documents=kept)
    used_councils = {d["council"] for d in kept.values()}
    used_meetings = {d["meeting"] for d in kept.values() if d.get("meeting")}
    facts.councils = {k: v for k, v in councils.items() if k in used_councils}
    facts.meetings = {k: v for k, v in meetings.items() if k in used_meetings}
    names: dict[str, str] = {}
    for r in store.query(Q_PERSON_NAMES).rows:
        names[r["person"]] = min(names.get(r["person"], r["name"]), r["name"])
    parts = participation_rows(store, sentences, present_only)
    facts.person_names = {r["person"]: names[r["person"]] for r in parts if r["person"] in names}
    facts.participations = sorted((r for r in parts if r["doc"] in kept and r["person"] in names),
                                  key=lambda r: (r["doc"], r.get("line") or 0, r["person"]))
    for r in facts.participations:
        r["name"] = names[r["person"]]
    if content:
        _load_content(store, facts, kept, sentences)
    kommuner = {c["kommune"] for c in facts.councils.values() if c.get("kommune")}
    facts.kommune_district = {r["kommune"]: (r["district"], r.get("district_label"))
                              for r in store.query(Q_KOMMUNE_DISTRICT).rows if r["kommune"] in kommuner}
    return facts


_STATUS_RANK = {"present": 0, "member": 1, "absent": 2}


def reading_rank(row: dict) -> tuple:
    """Which reading of a participation is kept: present, then member, then absent; then the first
    document, line, role, side, sentence, flags (a node one document states twice has several)."""
    return (_STATUS_RANK.get(row["status"], 3), row["doc"], row["line"] if row["line"] is not None else -1,
            row["role"] or "", row.get("side") or "", row.get("evidence") or "", bool(row.get("chair")),
            bool(row.get("minute_taker")))


def participation_rows(store, sentences: bool = True, present_only: bool = False) -> list[dict[str, Any]]:
    """One row per participation: person, meeting, council, doc, role, side, status, chair,
    minute_taker, line (and evidence). A participation is a person at a meeting (or, for a plan,
    in a document), as its IRI is; of several readings (two documents state it), the first by
    :func:`reading_rank` is kept."""
    query = Q_PARTICIPATION_GROUPS if sentences else Q_PARTICIPATION_GROUPS_BRIEF
    if present_only:
        query = Q_PRESENT_AT_MEETINGS
    best: dict[tuple[str, str], dict] = {}
    for group in store.query(query).rows:
        common = {"meeting": group.get("meeting"), "council": group.get("council"), "doc": group["doc"]}
        for packed in str(group["rows"]).split(_ROW):
            row = dict(zip(_PARTICIPATION_FIELDS, (None if v == _NONE else v for v in packed.split(_SEP)),
                           strict=False))
            row.update(common, line=int(row["line"]) if row["line"] is not None else None,
                       chair=row["chair"] == "true", minute_taker=row["minute_taker"] == "true")
            key = (row["meeting"] or row["doc"], row["person"])
            if key not in best or reading_rank(row) < reading_rank(best[key]):
                best[key] = row
    return list(best.values())


def _load_content(store, facts: Facts, kept: dict[str, dict], sentences: bool) -> None:
    """Projects and themes of the kept documents; a theme edge's evidence is its first mention."""
    facts.projects = [r for r in project_rows(store) if r["doc"] in kept]
    facts.themes = [r for r in theme_rows(store) if r["doc"] in kept]
    if sentences:
        first = first_mentions(store, [(r["doc"], r["theme"]) for r in facts.themes])
        for r in facts.themes:
            r["evidence"], r["line"] = first.get((r["doc"], r["theme"]), (None, None))


def _linked(store, query: str, column: str) -> list[tuple[str, str]]:
    """(document, IRI) from a query giving each document's IRIs joined by spaces, by document."""
    pairs = set()
    for r in store.query(query).rows:
        pairs.update((r["doc"], iri) for iri in str(r[column]).split())
    return sorted(pairs)


def _smallest(rows: list[dict], key: str) -> dict[str, dict]:
    """One row per ``key``: the one with the smallest label (a label may be missing)."""
    out: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: (r.get("label") is None, str(r.get("label")), str(r.get("id")))):
        out.setdefault(r[key], r)
    return out


def project_rows(store) -> list[dict[str, Any]]:
    """Document, project and the project's label, one row per document and project."""
    labels = _smallest(store.query(Q_PROJECT_LABELS).rows, "project")
    return [{"doc": doc, "project": project, "label": labels.get(project, {}).get("label")}
            for doc, project in _linked(store, Q_DOC_PROJECTS, "projects")]


def theme_rows(store) -> list[dict[str, Any]]:
    """Document, theme and the theme's Danish label and id, one row per document and theme."""
    names = _smallest(store.query(Q_THEME_LABELS).rows, "theme")
    return [{"doc": doc, "theme": theme, "label": names.get(theme, {}).get("label"),
             "id": names.get(theme, {}).get("id")} for doc, theme in _linked(store, Q_DOC_THEMES, "themes")]


def first_mentions(store, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, int | None]]:
    """(document, theme) → (sentence, line) of the theme's first mention in the document."""
    if not pairs:
        return {}
    wanted = set(pairs)
    if len(wanted) > FEW_MENTIONS:
        rows = store.query(Q_FIRST_MENTIONS).rows
    else:
        rows = sorted(_looked_up(store, Q_MENTIONS_OF, wanted), key=lambda r: (r["line"], r["evidence"]))
    out: dict[tuple[str, str], tuple[str, int | None]] = {}
    for r in rows:
        key = (r["doc"], r["theme"])
        if key in wanted and key not in out:
            out[key] = (r["evidence"], None if r["line"] == -1 else r["line"])
    return out


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (GraphML has no null) and make everything str/int/float/bool."""
    out = {}
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        out[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return out


def _add_node(g, node: str, kind: str, label: str, **attrs: Any) -> None:
    if node in g:
        g.nodes[node].update(_clean(attrs))
        return
    label = label or node.rsplit("/", 1)[-1]
    g.add_node(node, **_clean({"kind": kind, "label": label, "iri": node, **attrs}))


def _edge(g, a: str, b: str, **attrs: Any) -> None:
    g.add_edge(a, b, **_clean(attrs))


def _add_places(g, facts: Facts) -> None:
    """Councils with their kommune and politikreds (and kommune → politikreds)."""
    for iri, c in facts.councils.items():
        _add_node(g, iri, "council", c.get("label") or iri, council_kind=c.get("kind"),
                  kommune=c.get("kommune_label"), police_district=c.get("district_label"))
        if c.get("kommune"):
            _add_node(g, c["kommune"], "kommune", c.get("kommune_label") or "")
            _edge(g, iri, c["kommune"], relation="kommune")
        if c.get("district"):
            _add_node(g, c["district"], "district", c.get("district_label") or "")
            _edge(g, iri, c["district"], relation="politikreds")
    for kommune, (district, label) in facts.kommune_district.items():
        _add_node(g, district, "district", label or "")
        _edge(g, kommune, district, relation="i politikreds")


def _add_documents(g, facts: Facts, only: set[str] | None = None) -> None:
    def out(*nodes: str) -> bool:  # (with only: skip what the graph would not take, before the attributes)
        return only is not None and not all(n in only for n in nodes)

    for iri, m in facts.meetings.items():
        if not out(iri):
            _add_node(g, iri, "meeting", m.get("label") or str(m.get("date")), date=str(m.get("date") or ""),
                      year=m.get("year"), place=m.get("place"))
        if not out(iri, m["council"]):
            _edge(g, iri, m["council"], relation="møde i (meeting of)")
    for iri, d in facts.documents.items():
        if not out(iri):
            _add_node(g, iri, "document", d["source"], document_type=d.get("type"), source=d["source"],
                      title=d.get("label"), year=d.get("year"))
        target = d["meeting"] if d.get("meeting") in facts.meetings else d["council"]
        if not out(iri, target):
            relation = "referat af (describes)" if target == d.get("meeting") else "plan for (plan of)"
            _edge(g, iri, target, relation=relation, source=d["source"])
    for r in facts.projects:
        if r["project"] not in g and not out(r["project"]):  # (a project or theme: the same in every row)
            _add_node(g, r["project"], "project", r.get("label") or "")
        if not out(r["doc"], r["project"]):
            _edge(g, r["doc"], r["project"], relation="nævner (mentions)",
                  source=facts.documents[r["doc"]]["source"])
    for r in facts.themes:
        if r["theme"] not in g and not out(r["theme"]):
            _add_node(g, r["theme"], "theme", r.get("label") or r.get("id") or "", theme_id=r.get("id"))
        if not out(r["doc"], r["theme"]):
            _edge(g, r["doc"], r["theme"], relation="tema (deals with)",
                  source=facts.documents[r["doc"]]["source"], line=r.get("line"), evidence=r.get("evidence"))


def _participation_attrs(r: dict, facts: Facts) -> dict[str, Any]:
    meeting = facts.meetings.get(r.get("meeting") or "", {})
    relation = RELATION_BY_STATUS.get(r["status"], "medlem (member)")
    return {"relation": relation,
            "role": r.get("role"), "side": r["side"], "status": r["status"], "chair": bool(r.get("chair")),
            "minute_taker": bool(r.get("minute_taker")), "date": str(meeting.get("date") or ""),
            "source": facts.documents[r["doc"]]["source"], "line": r.get("line"),
            "evidence": r.get("evidence")}


def _add_people(g, facts: Facts, only: set[str] | None = None) -> None:
    roles: dict[str, list[str]] = defaultdict(list)
    sides: dict[str, Counter] = defaultdict(Counter)
    dates = {iri: str(m.get("date") or "") for iri, m in facts.meetings.items()}
    sources = {iri: d["source"] for iri, d in facts.documents.items()}
    for r in facts.participations:
        person = r["person"]
        if r.get("role") and r["role"] not in roles[person]:
            roles[person].append(r["role"])
        sides[person][r["side"]] += 1
        target = r["meeting"] if r.get("meeting") in facts.meetings else r["council"]
        if only is not None and (person not in only or target not in only):
            if person in only and person not in g:
                _add_node(g, person, "person", facts.person_names.get(person, r["name"]))
            continue
        if person not in g:
            _add_node(g, person, "person", facts.person_names.get(person, r["name"]))
        # as _participation_attrs, with the meeting's date and the document's source looked up once
        attrs = {"relation": RELATION_BY_STATUS.get(r["status"], "medlem (member)"), "role": r.get("role"),
                 "side": r["side"], "status": r["status"], "chair": bool(r.get("chair")),
                 "minute_taker": bool(r.get("minute_taker")), "date": dates.get(r.get("meeting") or "", ""),
                 "source": sources[r["doc"]], "line": r.get("line"), "evidence": r.get("evidence")}
        g.add_edge(person, target, **{k: v for k, v in attrs.items() if v is not None and v != ""})
    for person, found in roles.items():
        if person in g:
            g.nodes[person]["roles"] = "; ".join(found)
    for person, counter in sides.items():
        if person in g:
            g.nodes[person]["side"] = counter.most_common(1)[0][0]


def typed_graph(store, filters: Filters | None = None, facts: Facts | None = None, sentences: bool = True,
                only: set[str] | None = None, adjacency: dict[str, set[str]] | None = None):
    """The full typed graph: person, meeting, council, kommune, district, project, theme, document.

    ``sentences=False`` leaves the sentences (and a theme edge's line) out of the edges: for a
    graph of which only a part is shown, :func:`add_sentences` adds them to that part.
    ``only``: build just the subgraph on these nodes (their ``degree`` still that in the whole graph,
    from ``adjacency``, :func:`typed_adjacency` of the same facts, if given).
    """
    import networkx as nx

    facts = facts or load_facts(store, filters, sentences=sentences)
    g = nx.Graph(name="kredsgraf") if only is None else _within(only)
    _add_places(g, facts)
    _add_documents(g, facts, only)
    _add_people(g, facts, only)
    types = (filters or Filters()).types
    if types:
        g.remove_nodes_from([n for n, k in g.nodes(data="kind") if k not in types])
    if only is not None and adjacency is None:
        adjacency = typed_adjacency(facts)
    for node in g:
        g.nodes[node]["degree"] = g.degree(node) if only is None else len(adjacency[node])
    return g


def _within(keep: set[str]):  # noqa: ANN202 - a networkx.Graph
    """A graph that takes only nodes in ``keep`` and edges between them (the rest is ignored)."""
    import networkx as nx

    class Within(nx.Graph):
        def add_node(self, node_for_adding, **attr) -> None:  # noqa: ANN003
            if node_for_adding in keep:
                super().add_node(node_for_adding, **attr)

        def add_edge(self, u_of_edge, v_of_edge, **attr) -> None:  # noqa: ANN003
            if u_of_edge in keep and v_of_edge in keep:
                super().add_edge(u_of_edge, v_of_edge, **attr)

    return Within(name="kredsgraf")


def typed_adjacency(facts: Facts) -> dict[str, set[str]]:
    """Node → its neighbours in :func:`typed_graph` (no types filter), without building it; in the
    order typed_graph adds the nodes."""
    adj: dict[str, set[str]] = {}

    def link(a: str, b: str) -> None:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)

    for iri, c in facts.councils.items():
        adj.setdefault(iri, set())
        for key in ("kommune", "district"):
            if c.get(key):
                link(iri, c[key])
    for kommune, (district, _label) in facts.kommune_district.items():
        adj.setdefault(district, set())
        link(kommune, district)
    for iri, m in facts.meetings.items():
        adj.setdefault(iri, set())
        link(iri, m["council"])
    for iri, d in facts.documents.items():
        adj.setdefault(iri, set())
        link(iri, d["meeting"] if d.get("meeting") in facts.meetings else d["council"])
    for r in facts.projects:
        link(r["doc"], r["project"])
    for r in facts.themes:
        link(r["doc"], r["theme"])
    for r in facts.participations:
        link(r["person"], r["meeting"] if r.get("meeting") in facts.meetings else r["council"])
    return adj


def _pairs_values(pairs: Iterable[tuple[str, str]]) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in pairs)


def _looked_up(store, query: str, pairs: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The rows of ``query`` for ``pairs`` (its #PAIRS#), :data:`CHUNK` pairs a query."""
    ordered = sorted(pairs)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ordered), CHUNK):
        rows += store.query(query.replace("#PAIRS#", _pairs_values(ordered[start:start + CHUNK]))).rows
    return rows


def participation_sentences(store, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(document, person) → the sentence the person's participation was read from in that document."""
    wanted = set(pairs)
    if not wanted:
        return {}
    if len(wanted) > FEW_SENTENCES:
        rows = store.query(Q_PARTICIPATION_SENTENCES).rows
    else:
        rows = _looked_up(store, Q_PARTICIPATION_SENTENCES_OF, wanted)
    return {(r["doc"], r["person"]): r["sentence"] for r in rows if (r["doc"], r["person"]) in wanted}


def add_sentences(store, g, facts: Facts) -> None:
    """Put the sentences into ``g``, a typed graph (or part of one) built from ``facts`` read without
    them: the same values :func:`typed_graph` with sentences gives, read only for the edges ``g`` has."""
    readings = []
    for r in facts.participations:
        target = r["meeting"] if r.get("meeting") in facts.meetings else r["council"]
        if g.has_edge(r["person"], target):
            readings.append((r, target))
    found = participation_sentences(store, [(r["doc"], r["person"]) for r, _ in readings])
    for r, target in readings:  # in the order typed_graph adds them: the last sentence stays
        sentence = found.get((r["doc"], r["person"]))
        if sentence:
            g.edges[r["person"], target]["evidence"] = sentence
    themes = [r for r in facts.themes if g.has_edge(r["doc"], r["theme"])]
    first = first_mentions(store, [(r["doc"], r["theme"]) for r in themes])
    for r in themes:
        sentence, line = first.get((r["doc"], r["theme"]), (None, None))
        edge = g.edges[r["doc"], r["theme"]]
        edge.update(_clean({"line": line, "evidence": sentence}))


def person_meeting_graph(store, filters: Filters | None = None, facts: Facts | None = None,
                         statuses: tuple[str, ...] = ("present",)):
    """Bipartite graph of people and the meetings they attended (``bipartite`` 0 = person, 1 = meeting)."""
    import networkx as nx

    facts = facts or load_facts(store, filters, content=False)
    g = nx.Graph(name="person-meeting")
    for iri, m in facts.meetings.items():
        council = facts.councils.get(m["council"], {})
        _add_node(g, iri, "meeting", m.get("label") or str(m.get("date")), bipartite=1,
                  date=str(m.get("date") or ""), council=council.get("label"), council_iri=m["council"],
                  police_district=council.get("district_label"))
    for r in facts.participations:
        if r.get("meeting") not in facts.meetings or r["status"] not in statuses:
            continue
        _add_node(g, r["person"], "person", facts.person_names.get(r["person"], r["name"]), bipartite=0,
                  side=r["side"])
        _edge(g, r["person"], r["meeting"], **_participation_attrs(r, facts))
    return g


def co_attendance_graph(store, filters: Filters | None = None, facts: Facts | None = None):
    """People linked by the meetings they were both present at (``weight`` = number of meetings)."""
    import networkx as nx

    facts = facts or load_facts(store, filters, content=False, sentences=False)
    pm = person_meeting_graph(store, facts=facts)
    g = nx.Graph(name="co-attendance")
    for node, attrs in pm.nodes(data=True):
        if attrs["kind"] == "person":
            meetings = list(pm[node])
            g.add_node(node, **{k: v for k, v in attrs.items() if k != "bipartite"}, meetings=len(meetings))
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for meeting, attrs in pm.nodes(data=True):
        if attrs["kind"] == "meeting":
            for a, b in combinations(sorted(pm[meeting]), 2):
                shared[(a, b)].append(attrs["label"])
    for (a, b), labels in shared.items():
        _edge(g, a, b, weight=len(labels), meetings="; ".join(sorted(labels)))
    return g


def write_graphml(store, path: str | Path, filters: Filters | None = None) -> Path:
    """Write the typed graph as GraphML (for Gephi, Cytoscape) with the node kinds and attributes."""
    import networkx as nx

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    g = typed_graph(store, filters)
    nx.write_graphml(g, path, encoding="utf-8")
    return path


def find_node(g, text: str, kind: str | None = None) -> str:
    """The node whose label (or IRI) is ``text``, case and spacing ignored; else a helpful error."""
    from kg.ids import normalise_name

    want = normalise_name(text)
    candidates = [(n, a) for n, a in g.nodes(data=True) if kind is None or a.get("kind") == kind]
    for n, a in candidates:
        if normalise_name(str(a.get("label", ""))) == want or n == text:
            return n
    partial = [n for n, a in candidates if want in normalise_name(str(a.get("label", "")))]
    if len(partial) == 1:
        return partial[0]
    import difflib

    labels = [str(a.get("label", "")) for _, a in candidates]
    close = difflib.get_close_matches(text, labels, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if len(partial) > 1:
        hint = "; several match: " + ", ".join(sorted(str(g.nodes[n]["label"]) for n in partial)[:5])
    raise KgError(f"no {kind or 'node'} named {text!r} in the graph{hint}")
