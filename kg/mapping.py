"""Mapping an extraction record to RDF: the only place that knows the graph's shape.

No regexes and no parsing here: the record is already clean. Every node gets its IRI from
:mod:`kg.ids`. Facts about shared nodes (a person's name, a council's kommune, a project's label)
go to the shared entities graph (:func:`split_triples`); what a document says about them (a
participation, who was present together at its meeting) stays in the document's own graph.
See ``ontology/MODEL.md`` for the model.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg import ids
from kg.record import DocumentRecord, Handover, Participant

KG = ids.ONTOLOGY
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SCHEMA_LOCATION = "https://schema.org/location"

COUNCIL_CLASS = {"kredsraad": "Kredsraad", "lokalraad": "Lokalraad",
                 "faelles-kredsraad": "FaellesKredsraad", "other": "OtherCouncil"}
COUNCIL_LABEL = {"kredsraad": "Kredsråd", "lokalraad": "Lokalråd",
                 "faelles-kredsraad": "Fælles kredsråd", "other": "Råd"}
DOCUMENT_CLASS = {"referat": "Referat", "handlingsplan": "Handlingsplan",
                  "samarbejdsplan": "Samarbejdsplan", "other": "OtherDocument"}
SIDE = {"kommune": "SideKommune", "politi": "SidePoliti", "anden": "SideAnden"}
STATUS = {"present": "Present", "absent": "Absent", "member": "Member"}
COPRESENT = f"<{KG}copresentWith>"  # a fact of one meeting: stays in the document's graph

Triple = tuple[str, str, str]  # N-Triples-encoded subject, predicate, object


def iri(value: str) -> str:
    return f"<{value}>"


def kg(local: str) -> str:
    return f"<{KG}{local}>"


def lit(value: object, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal with proper escaping."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{XSD}{datatype}>'
    return f'"{text}"'


def council_iri(record: DocumentRecord) -> str:
    c = record.council
    return ids.council(c.kind, c.police_district, c.kommune)


def related_council(record: DocumentRecord, kind: str) -> tuple[str, str | None, str | None]:
    """(kind, district, kommune) of a body a document speaks of: its own council, the kommune's
    lokalråd, or the district's kredsråd / fælles kredsråd."""
    c = record.council
    if kind == c.kind:
        return c.kind, c.police_district, c.kommune
    return kind, c.police_district, c.kommune if kind == "lokalraad" else None


def _council_node(kind: str, district: str | None, kommune: str | None) -> Iterator[Triple]:
    node = iri(ids.council(kind, district, kommune))
    yield node, iri(RDF_TYPE), kg(COUNCIL_CLASS.get(kind, "OtherCouncil"))
    yield node, iri(RDF_TYPE), kg("Council")
    yield node, kg("councilKind"), lit(kind)
    yield node, iri(RDFS_LABEL), lit(label_of_council(kind, district, kommune), lang="da")
    if district:
        district_node = iri(ids.district(district))
        yield node, kg("policeDistrict"), district_node
        yield district_node, iri(RDF_TYPE), kg("PoliceDistrict")
        yield district_node, iri(RDFS_LABEL), lit(district, lang="da")
    if kommune:
        kommune_node = iri(ids.kommune(kommune))
        yield node, kg("kommune"), kommune_node
        yield kommune_node, iri(RDF_TYPE), kg("Kommune")
        yield kommune_node, iri(RDFS_LABEL), lit(kommune, lang="da")


def label_of_council(kind: str, district: str | None, kommune: str | None) -> str:
    """"Kredsråd Herning", "Fælles kredsråd Fyns Politi"."""
    return f"{COUNCIL_LABEL.get(kind, 'Råd')} {kommune or district or 'ukendt'}"


def council_label(record: DocumentRecord) -> str:
    c = record.council
    return label_of_council(c.kind, c.police_district, c.kommune)


def _council(record: DocumentRecord) -> Iterator[Triple]:
    c = record.council
    yield from _council_node(c.kind, c.police_district, c.kommune)


def meeting_iri(record: DocumentRecord) -> str | None:
    """Referater describe a meeting; plans (no date) describe none."""
    if record.document_type == "referat" and record.date:
        return ids.meeting(council_iri(record), record.date)
    return None


def _document(record: DocumentRecord, doc: str) -> Iterator[Triple]:
    node = iri(doc)
    yield node, iri(RDF_TYPE), kg(DOCUMENT_CLASS.get(record.document_type, "OtherDocument"))
    yield node, iri(RDF_TYPE), kg("Document")
    yield node, kg("documentType"), lit(record.document_type)
    yield node, iri(DCT + "source"), lit(record.source)
    yield node, iri(RDFS_LABEL), lit(record.title or record.source, lang="da")
    yield node, kg("council"), iri(council_iri(record))
    if record.title:
        yield node, iri(DCT + "title"), lit(record.title)
    if record.year:
        yield node, kg("year"), lit(record.year, "integer")
    for key, value in (("sha256", record.sha256), ("fileFormat", record.file_format),
                       ("encoding", record.encoding)):
        if value:
            yield node, kg(key), lit(value)
    for name in record.projects:
        proj = iri(ids.project(name))
        yield node, kg("mentionsProject"), proj
        yield proj, iri(RDF_TYPE), kg("Project")
        yield proj, iri(RDFS_LABEL), lit(name, lang="da")
    for theme in record.themes:
        yield node, iri(DCT + "subject"), iri(ids.theme(theme))


def _meeting(record: DocumentRecord, meeting: str, doc: str) -> Iterator[Triple]:
    node = iri(meeting)
    yield node, iri(RDF_TYPE), kg("Meeting")
    yield node, kg("council"), iri(council_iri(record))
    yield node, iri(DCT + "date"), lit(record.date, "date")
    yield node, iri(RDFS_LABEL), lit(f"{council_label(record)} {record.date}", lang="da")
    if record.year:
        yield node, kg("year"), lit(record.year, "integer")
    if record.place:
        yield node, iri(SCHEMA_LOCATION), lit(record.place)
    yield iri(doc), kg("describes"), node


def _agenda(record: DocumentRecord, holder: str) -> Iterator[Triple]:
    for pos, item in enumerate(record.agenda, start=1):
        node = iri(ids.agenda_item(holder, item.number))
        yield iri(holder), kg("agendaItem"), node
        yield node, iri(RDF_TYPE), kg("AgendaItem")
        yield node, kg("itemNumber"), lit(item.number)
        yield node, kg("position"), lit(pos, "integer")
        yield node, iri(DCT + "title"), lit(item.title)
        yield node, iri(RDFS_LABEL), lit(f"{item.number}. {item.title}", lang="da")


def _provenance(node: str, doc: str, line: int | None, sentence: str | None) -> Iterator[Triple]:
    """Where a fact was read: the document (PROV-O; the document's graph holds the fact too), the
    line and the sentence."""
    yield node, iri(PROV_DERIVED), iri(doc)
    yield node, kg("sourceLine"), lit(line or 0, "integer")
    yield node, kg("evidence"), lit(sentence or "")


def _participation(record: DocumentRecord, p: Participant, holder: str, meeting: str | None,
                   doc: str) -> Iterator[Triple]:
    node = iri(ids.participation(holder, p.name))
    person = iri(ids.person(p.name))
    yield person, iri(RDF_TYPE), kg("Person")
    yield person, iri(FOAF_NAME), lit(ids.display_name(p.name))
    yield person, iri(RDFS_LABEL), lit(ids.display_name(p.name))
    yield node, iri(RDF_TYPE), kg("Participation")
    yield node, kg("participant"), person
    yield node, kg("inCouncil"), iri(council_iri(record))
    if meeting:
        yield node, kg("meeting"), iri(meeting)
    if p.role:
        yield node, kg("role"), lit(p.role)
    yield node, kg("side"), kg(SIDE.get(p.side, "SideAnden"))
    yield node, kg("status"), kg(STATUS.get(p.status, "Present"))
    if p.chair:  # flags are stated when true; absent means the document does not say so
        yield node, kg("isChair"), lit("true", "boolean")
    if p.minute_taker:
        yield node, kg("isMinuteTaker"), lit("true", "boolean")
    if p.joined_at_item:
        yield node, kg("joinedAtItem"), lit(p.joined_at_item)
    if p.left_at_item:
        yield node, kg("leftAtItem"), lit(p.left_at_item)
    ev = p.evidence
    yield from _provenance(node, doc, ev.line if ev else None, ev.sentence if ev else p.name)


def _copresence(record: DocumentRecord) -> Iterator[Triple]:
    """``kg:copresentWith`` between every two people present at the meeting the document describes
    (co-attendance, precomputed), the lower person IRI as subject.

    Kept in the document's own graph (never the entities graph): the number of document graphs that
    state a pair is the number of meetings the two shared, and replacing or removing a document keeps
    that count right. Present means what ``kg:status`` says: ``kg:Present`` (also for an unknown status).
    """
    present = sorted({ids.person(p.name) for p in record.participants
                      if STATUS.get(p.status, "Present") == "Present"})
    for i, first in enumerate(present):
        for second in present[i + 1:]:
            yield iri(first), COPRESENT, iri(second)


def _themes(record: DocumentRecord, holder: str, doc: str) -> Iterator[Triple]:
    seen: dict[tuple[int, str], int] = {}
    for m in record.mentions:
        n = seen[(m.line, m.theme)] = seen.get((m.line, m.theme), 0) + 1
        node = iri(ids.mention(doc, m.line, m.theme, n))
        yield node, iri(RDF_TYPE), kg("ThemeMention")
        yield node, kg("theme"), iri(ids.theme(m.theme))
        if m.agenda_item:
            yield node, kg("inAgendaItem"), iri(ids.agenda_item(holder, m.agenda_item))
        yield from _provenance(node, doc, m.line, m.sentence)
    for h in record.handovers:
        yield from _handover(record, h, holder, doc)


def _handover(record: DocumentRecord, h: Handover, holder: str, doc: str) -> Iterator[Triple]:
    node = iri(ids.handover(doc, h.line, h.theme))
    yield node, iri(RDF_TYPE), kg("Handover")
    yield node, kg("theme"), iri(ids.theme(h.theme))
    yield node, kg("fromKind"), lit(h.from_kind)
    yield node, kg("toKind"), lit(h.to_kind)
    for prop, kind in (("fromCouncil", h.from_kind), ("toCouncil", h.to_kind)):
        if kind in COUNCIL_CLASS and kind != "other":
            related = related_council(record, kind)
            yield node, kg(prop), iri(ids.council(*related))
            yield from _council_node(*related)
    if record.date:
        yield node, iri(DCT + "date"), lit(record.date, "date")
    if h.agenda_item:
        yield node, kg("inAgendaItem"), iri(ids.agenda_item(holder, h.agenda_item))
    yield from _provenance(node, doc, h.line, h.sentence)


def record_triples(record: DocumentRecord) -> list[Triple]:
    """All triples about one document, de-duplicated, in a stable order (document and entity facts)."""
    doc = ids.document(record.source)
    meeting = meeting_iri(record)
    holder = meeting or doc
    parts: list[Iterator[Triple]] = [_council(record), _document(record, doc), _agenda(record, holder),
                                     _themes(record, holder, doc)]
    if meeting:
        parts.append(_meeting(record, meeting, doc))
    for p in record.participants:
        parts.append(_participation(record, p, holder, meeting, doc))
    if meeting:
        parts.append(_copresence(record))
    seen: dict[Triple, None] = {}
    for part in parts:
        for t in part:
            seen.setdefault(t, None)
    return list(seen)


#: subjects whose facts many documents share: kept once, in the entities graph
ENTITY_PREFIXES = tuple(f"<{ids.BASE}{kind}/" for kind in ("person", "council", "project"))
#: subjects the reference graph already describes (ontology/reference.ttl)
REFERENCE_PREFIXES = tuple(f"<{ids.BASE}{kind}/" for kind in ("kommune", "district"))


def split_triples(triples: list[Triple]) -> tuple[list[Triple], list[Triple]]:
    """(document facts, shared entity facts). A person's name or a council's kommune is stated by
    many documents; kept in every document's graph, Oxigraph's union default graph would return one
    copy per document and joins would multiply them. Kommuner and districts are reference data.
    ``kg:copresentWith`` is about one meeting, so it stays with the document that describes it."""
    document, entities = [], []
    for t in triples:
        if t[0].startswith(ENTITY_PREFIXES) and t[1] != COPRESENT:
            entities.append(t)
        elif not t[0].startswith(REFERENCE_PREFIXES):
            document.append(t)
    return document, entities


def to_ntriples(triples: list[Triple]) -> str:
    return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)


def encode_nquads(triples: list[Triple], graph: str) -> bytes:
    """The triples in the named graph ``graph``, as UTF-8 N-Quads (every statement ends with a newline)."""
    g = f"<{graph}>"
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o in triples).encode("utf-8")


def record_graph(record: DocumentRecord):
    """The record's triples as an rdflib Graph (for validation, export, notebooks)."""
    from rdflib import Graph

    g = Graph()
    g.parse(data=to_ntriples(record_triples(record)), format="nt")
    return g
