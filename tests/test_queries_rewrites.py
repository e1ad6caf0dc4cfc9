"""The rewritten (fast) named queries return the same rows as the plain reference queries they replace
(tests/fixtures/reference_queries/), on hand-made records and on random little corpora that include
the awkward cases: a meeting described by two documents that disagree on who was present, one person
listed twice, unknown statuses, documents replaced and removed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg import ids
from kg.build import load_reference, store_records
from kg.mapping import record_triples, split_triples, to_ntriples
from kg.queries import NamedQuery, bind_params, named_queries, parse_query_file
from kg.record import AgendaItem, Council, DocumentRecord, Evidence, Handover, Participant, ThemeMention
from kg.store import ENTITIES_GRAPH, open_store

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference_queries"
REWRITTEN = sorted(p.stem for p in REFERENCE.glob("*.rq"))
#: queries whose ORDER BY keys identify a row, so the order must match too
EXACT_ORDER = {"co-attendance"}

PEOPLE = ["Anne Dahl", "Bo Holm", "Carl Ærø", "Dorte Øst", "Erik Ålund", "Frida Krag", "Gert Lind",
          "Hanne Berg", "Ib Mose", "Jytte Vang", "Karl Aa", "Lise Bøgh"]
PLACES = [("Nordjyllands Politi", "Aalborg"), ("Nordjyllands Politi", "Hjørring"),
          ("Fyns Politi", "Odense"), ("Midt- og Vestjyllands Politi", "Herning")]
THEMES = ["indbrud", "bander", "narkotika", "psykisk-syge"]


def _participant(rng: random.Random, name: str, line: int) -> Participant:
    status = rng.choice(["present", "present", "present", "absent", "member", "unknown"])
    return Participant(name=name, role=rng.choice(["Borgmester", "Politidirektør", None]),
                       side=rng.choice(["kommune", "politi", "anden"]), status=status,
                       chair=rng.random() < 0.1, evidence=Evidence(line, f"{name} deltog"))


def _record(rng: random.Random, n: int, date: str | None = None, place=None) -> DocumentRecord:
    district, kommune = place or rng.choice(PLACES)
    kind = rng.choice(["kredsraad", "lokalraad"])
    doc_type = "referat" if date or rng.random() < 0.8 else "handlingsplan"
    date = date or (f"20{rng.randint(20, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                    if doc_type == "referat" else None)
    names = rng.sample(PEOPLE, rng.randint(0, 7))
    if names and rng.random() < 0.2:
        names.append(names[0].upper())  # one person listed twice (another status, same IRI)
    themes = rng.sample(THEMES, rng.randint(0, 2))
    mentions = [ThemeMention(t, f"Sætning {i} om {t}.", 10 + i, rng.choice(["1", "2", None]), t)
                for i, t in enumerate(rng.choices(THEMES, k=rng.randint(0, 4)))]
    handovers = [Handover(t, kind, "lokalraad" if kind == "kredsraad" else "kredsraad", f"{t} videre.",
                          30 + i, None) for i, t in enumerate(rng.sample(THEMES, rng.randint(0, 1)))]
    return DocumentRecord(
        source=f"doc-{n:03d}.txt", document_type=doc_type, council=Council(kind, district, kommune),
        date=date, year=int(date[:4]) if date else rng.choice([2021, 2022, None]), sha256=f"{n:064x}",
        participants=[_participant(rng, name, 3 + i) for i, name in enumerate(names)],
        agenda=[AgendaItem("1", "Orientering", 8), AgendaItem("2", "Status", 9)], themes=themes,
        mentions=mentions, handovers=handovers)


def random_records(seed: int, count: int = 30) -> list[DocumentRecord]:
    """Random documents; a few describe the same meeting as an earlier one (same council and date)."""
    rng = random.Random(seed)
    records: list[DocumentRecord] = []
    twinned: set[str] = set()
    for n in range(count):
        # at most two documents per meeting: the reference queries multiply every property of a
        # participation by the number of graphs that hold it (2**10 rows for two, 4**10 for four)
        earlier = [r for r in records if r.document_type == "referat" and r.source not in twinned]
        if earlier and rng.random() < 0.25:
            twin = rng.choice(earlier)
            twinned.add(twin.source)
            c = twin.council
            rec = _record(rng, n, twin.date, (c.police_district, c.kommune))
            rec.council = Council(c.kind, c.police_district, c.kommune)
        else:
            rec = _record(rng, n)
        records.append(rec)
    return records


def _store(records: list[DocumentRecord]):
    store = open_store("memory:")
    load_reference(store)
    store_records(store, records)
    return store


def _rows(store, path: Path | None, params: dict[str, str], text: str = "") -> list[tuple]:
    query = parse_query_file(path) if path else NamedQuery("(inline)", text)
    given = {k: v for k, v in params.items() if k in {p.name for p in query.params}}
    bindings = bind_params(NamedQuery("(inline)", query.text, params=query.params), given)
    result = store.query(query.text, bindings)
    return [tuple(t.get(v) for v in result.vars) for t in result.terms]


#: GROUP_CONCAT(DISTINCT …) columns (their order is not defined): compared as sets of parts
CONCATENATED = {"people": {4: ", ", 5: "; "}}


def _unordered_parts(name: str, rows: list[tuple]) -> list[tuple]:
    columns = CONCATENATED.get(name, {})
    return [tuple(tuple(sorted(str(v).split(columns[i]))) if i in columns and v is not None else v
                  for i, v in enumerate(row)) for row in rows]


def _assert_same(store, name: str, params: dict[str, str]) -> int:
    new = _unordered_parts(name, _rows(store, named_queries()[name].path, params))
    old = _unordered_parts(name, _rows(store, REFERENCE / f"{name}.rq", params))
    if name in EXACT_ORDER:
        assert new == old, (name, params)
    else:
        assert sorted(map(repr, new)) == sorted(map(repr, old)), (name, params)
    if name in SORT_KEYS:
        _assert_sorted_like(store, name, params)
    return len(new)


#: queries whose ORDER BY is total: (columns, in order) of the sort as SPARQL does it (unbound
#: first, numbers by value, strings by code point); council-themes sorts councils by police
#: district, kommune and kind (missing labels as "")
SORT_KEYS = {
    "theme-mentions": ("theme", "year", "source", "line", "evidence", "agenda_item"),
    "theme-trace": ("year", "date", "source", "line", "kind", "evidence", "agenda_item"),
    "council-themes": ("police_district", "kommune", "council_kind", "year", "theme"),
}


def _plain_rows(store, path: Path, params: dict[str, str]) -> list[dict]:
    query = parse_query_file(path)
    given = {k: v for k, v in params.items() if k in {p.name for p in query.params}}
    return store.query(query.text, bind_params(query, given)).rows


def _sort_key(name: str, row: dict) -> tuple:
    if name == "council-themes":
        return tuple(row[c] or "" for c in SORT_KEYS[name][:3]) + (row["year"], row["theme"])
    return tuple((row[c] is not None, row[c]) for c in SORT_KEYS[name])


def _assert_sorted_like(store, name: str, params: dict[str, str]) -> None:
    """The rows come exactly in the order of the sort keys, applied to the reference's rows."""
    new = _plain_rows(store, named_queries()[name].path, params)
    old = _plain_rows(store, REFERENCE / f"{name}.rq", params)
    assert new == sorted(old, key=lambda r: _sort_key(name, r)), (name, params)
    keys = [_sort_key(name, r) for r in new]
    assert len(set(keys)) == len(keys), (name, params)  # total: no two rows tie


PARAMS = [{}, {"min": "2"}, {"theme": "indbrud"}, {"theme": "bander"}, {"theme": "ukendt"},
          {"person": "Nemo Ingen"}, {"date": "1999-01-01"}, {"kommune": "Aalborg"}, {"district": "fyn"}]


def _params(records: list[DocumentRecord]) -> list[dict[str, str]]:
    """The fixed parameter sets, and every person, meeting date and kommune of the records."""
    found: list[dict[str, str]] = []
    for rec in records:
        found += [{"person": p.name} for p in rec.participants]
        if rec.date:
            found += [{"date": rec.date}, {"date": rec.date, "kommune": rec.council.kommune or ""}]
    unique = {tuple(sorted(p.items())): p for p in [*PARAMS, *found]}
    return list(unique.values())


def _check_all(store, records: list[DocumentRecord]) -> dict[str, int]:
    """Each rewritten query with every parameter set that applies to it; rows found per query."""
    counts: dict[str, int] = {}
    for name in REWRITTEN:
        q = named_queries()[name]
        declared = {p.name for p in q.params}
        for params in _params(records):
            if params and not set(params) & declared or any(
                    p.required and p.name not in params for p in q.params):
                continue
            counts[name] = counts.get(name, 0) + _assert_same(store, name, params)
    return counts


def test_rewritten_queries_match_their_references_on_the_hand_made_records(store, records):
    counts = _check_all(store, records)
    assert counts["co-attendance"] > 0 and counts["attendance"] > 0 and counts["theme-trace"] > 0
    assert counts["person-meetings"] > 0 and counts["meeting-participants"] > 0


@pytest.mark.parametrize("seed", range(4))
def test_rewritten_queries_match_their_references_on_random_corpora(seed):
    records = random_records(seed)
    store = _store(records)
    counts = _check_all(store, records)
    assert counts["co-attendance"] > 0 and counts["council-themes"] > 0 and counts["theme-mentions"] > 0
    assert counts["person-meetings"] > 0 and counts["meeting-participants"] > 0


def _two_documents_of_one_meeting() -> list[DocumentRecord]:
    place = Council("kredsraad", "Nordjyllands Politi", "Aalborg")

    def doc(source: str, present: list[str], absent: list[str]) -> DocumentRecord:
        people = [Participant(n, None, "kommune", "present", evidence=Evidence(1, n)) for n in present]
        people += [Participant(n, None, "politi", "absent", evidence=Evidence(2, n)) for n in absent]
        return DocumentRecord(source=source, document_type="referat", council=place, date="2022-01-10",
                              year=2022, sha256=source[0] * 64, participants=people)

    return [doc("a.txt", ["Anne Dahl", "Bo Holm"], ["Carl Ærø"]), doc("b.pdf", ["Carl Ærø", "Dorte Øst"], [])]


def test_co_attendance_counts_a_meeting_described_by_two_documents_once():
    """Anne and Dorte never share a document, yet both were present at the meeting; Carl is absent
    in one document and present in the other (present wins, as in the participation join)."""
    store = _store(_two_documents_of_one_meeting())
    _assert_same(store, "co-attendance", {})
    found = _rows(store, named_queries()["co-attendance"].path, {})
    rows = {(str(r[0]), str(r[1])): int(r[2]) for r in found}
    assert len(rows) == 6 and set(rows.values()) == {1}
    assert {"Anne Dahl", "Dorte Øst"} in [set(k) for k in rows]


def test_co_attendance_follows_documents_replaced_and_removed():
    records = random_records(11, 24)
    store = _store(records)
    _assert_same(store, "co-attendance", {})
    for record in records[:8]:  # remove some documents, as `kg remove` does
        store.drop_graph(ids.document(record.source))
    _assert_same(store, "co-attendance", {})
    changed = random_records(12, 24)[8:16]  # replace others with different contents, same file names
    for old, new in zip(records[8:16], changed, strict=True):
        new.source = old.source
        document, entities = split_triples(record_triples(new))
        store.replace_graphs({ids.document(new.source): to_ntriples(document)},
                             add={ENTITIES_GRAPH: to_ntriples(entities)})
    assert _assert_same(store, "co-attendance", {}) > 0


def _one_meeting_two_readings() -> list[DocumentRecord]:
    """One meeting described by two documents that say different things about one person."""
    place = Council("kredsraad", "Fyns Politi", "Odense")

    def doc(source: str, status: str, side: str, role: str, line: int) -> DocumentRecord:
        carl = Participant("Carl Ærø", role, side, status, chair=status == "present",
                           evidence=Evidence(line, f"{source}: Carl Ærø, {role}"))
        return DocumentRecord(source=source, document_type="referat", council=place, date="2022-03-01",
                              year=2022, sha256=source[0] * 64, participants=[carl])

    return [doc("a.txt", "absent", "politi", "Politiinspektør", 4),
            doc("b.txt", "present", "kommune", "Borgmester", 9)]


def test_a_participation_is_read_with_the_source_of_the_document_that_states_it():
    """The participation node of a meeting that two documents describe is in both graphs; each row
    pairs one document's source with that document's evidence, status, side, role and chair only, and
    council-meetings counts each document's own people (the first versions of these queries paired
    them across the documents: 32 rows instead of 2, and Carl present and absent in both rows)."""
    store = _store(_one_meeting_two_readings())
    rows = _rows(store, named_queries()["person-meetings"].path, {"person": "Carl Ærø"})
    found = {(str(r[9]), str(r[8]), str(r[7]), str(r[6]), str(r[10])) for r in rows}
    assert len(rows) == 2 and found == {
        ("a.txt", "absent", "politi", "Politiinspektør", "a.txt: Carl Ærø, Politiinspektør"),
        ("b.txt", "present", "kommune", "Borgmester", "b.txt: Carl Ærø, Borgmester")}
    rows = _rows(store, named_queries()["meeting-participants"].path, {"date": "2022-03-01"})
    found = {(str(r[9]), str(r[6]), str(r[5]), str(r[4]), r[7].toPython()) for r in rows}
    assert len(rows) == 2 and found == {("a.txt", "absent", "politi", "Politiinspektør", False),
                                        ("b.txt", "present", "kommune", "Borgmester", True)}
    rows = _rows(store, named_queries()["person-roles"].path, {"person": "carl ærø"})
    assert {(str(r[12]), str(r[4]), str(r[10]), r[11].toPython()) for r in rows} == {
        ("a.txt", "Politiinspektør", "absent", False), ("b.txt", "Borgmester", "present", True)}
    rows = _rows(store, named_queries()["absences"].path, {})
    assert [(str(r[7]), str(r[6]), str(r[5])) for r in rows] == [("a.txt", "politi", "Politiinspektør")]
    rows = _rows(store, named_queries()["council-meetings"].path, {})
    assert {(str(r[8]), int(r[5]), int(r[6])) for r in rows} == {("a.txt", 0, 1), ("b.txt", 1, 0)}
    for name in REWRITTEN:
        q = named_queries()[name]
        params = {"person": "Carl Ærø", "date": "2022-03-01", "theme": "indbrud"}
        _assert_same(store, name, {p.name: params[p.name] for p in q.params if p.name in params})



def test_chair_and_minute_taker_are_false_where_not_stated():
    """The mapping may write kg:isChair / kg:isMinuteTaker only when true: the queries then read false.
    (Without people listed twice in one document: their two readings share one node, and a false flag
    beside a true one cannot be told from an absent one.)"""
    records = random_records(5, 12)
    for rec in records:
        rec.participants = [p for p in rec.participants if not p.name.isupper()]
    store = _store(records)
    date = next(r.date for r in records if r.date and r.participants)
    cases = {"attendance": {}, "meeting-participants": {"date": date}}
    before = {name: sorted(map(repr, _rows(store, named_queries()[name].path, params)))
              for name, params in cases.items()}
    store.update("PREFIX kg: <https://kredsgraf.dk/ontology#> "
                 "DELETE WHERE { GRAPH ?g { ?p kg:isChair false } }; "
                 "DELETE WHERE { GRAPH ?g { ?p kg:isMinuteTaker false } }")
    assert not _rows(store, None, {}, "PREFIX kg: <https://kredsgraf.dk/ontology#> "
                     "SELECT ?p WHERE { ?p kg:isChair false }")
    for name, params in cases.items():
        assert before[name], name
        assert sorted(map(repr, _rows(store, named_queries()[name].path, params))) == before[name], name
        _assert_same(store, name, params)


def test_sentences_on_one_line_come_in_a_defined_order():
    """Several sentences on one line tie on every key the plain queries sort by; the rewritten ones
    sort them by the sentence (then the agenda item), whatever order the engine finds them in."""
    texts = ["Øget fokus på indbrud.", "Indbrud i sommerhuse.", "Antallet af indbrud faldt.",
             "Bander og indbrud."]
    mentions = [ThemeMention("indbrud", text, 12, "1", "indbrud") for text in texts]
    mentions += [ThemeMention("indbrud", "Indbrud i sommerhuse.", 12, "2", "indbrud")]
    record = DocumentRecord(source="linje.txt", document_type="referat", date="2022-05-01", year=2022,
                            council=Council("kredsraad", "Fyns Politi", "Odense"), sha256="c" * 64,
                            agenda=[AgendaItem("1", "Indbrud", 8), AgendaItem("2", "Status", 9)],
                            themes=["indbrud"], mentions=mentions)
    store = _store([record])
    for name in ("theme-mentions", "theme-trace"):
        rows = _plain_rows(store, named_queries()[name].path, {"theme": "indbrud"})
        assert [(r["evidence"], r["agenda_item"]) for r in rows] == [
            ("Antallet af indbrud faldt.", "1"), ("Bander og indbrud.", "1"), ("Indbrud i sommerhuse.", "1"),
            ("Indbrud i sommerhuse.", "2"), ("Øget fokus på indbrud.", "1")], name
        _assert_same(store, name, {"theme": "indbrud"})
