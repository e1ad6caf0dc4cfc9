"""Named queries: headers, safe parameters, and the rows they return on hand-made records."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.queries import named_queries, run_query

REQUIRED = {"attendance", "person-meetings", "meeting-participants", "absences", "council-meetings",
            "projects", "theme-mentions", "co-attendance"}


def test_every_named_query_has_a_summary_and_columns():
    queries = named_queries()
    assert REQUIRED - {"theme-mentions"} <= set(queries)
    for q in queries.values():
        assert q.summary, q.name
        assert q.columns, q.name
        for p in q.params:
            assert f"?_{p.name}" in q.text, f"{q.name} declares {p.name} but never uses ?_{p.name}"


def test_every_named_query_runs_on_the_store(store):
    for q in named_queries().values():
        params = {p.name: _example(p.type) for p in q.params if p.required}
        result = run_query(q.name, params, store)
        assert result.kind == "select"
        assert result.vars == q.columns, q.name


def _example(kind: str) -> str:
    return {"date": "2021-03-02", "integer": "1"}.get(kind, "x")


def test_person_meetings_ignores_case_and_spacing_and_keeps_titles(store):
    rows = run_query("person-meetings", {"person": "jens   åkjær"}, store).rows
    assert [(r["date"], r["role"]) for r in rows] == [("2021-03-02", "Politiinspektør"),
                                                     ("2022-05-10", "Chefpolitiinspektør")]


def test_meeting_participants_filters_by_date_and_kommune(store):
    rows = run_query("meeting-participants", {"date": "2021-03-02"}, store).rows
    assert {r["person"] for r in rows} == {"Birgitte Østergaard", "Jens Åkjær", "Mona Lund", "Søren Krag"}
    assert {r["person"] for r in rows if r["status"] == "absent"} == {"Søren Krag"}
    assert [r["person"] for r in rows if r["minute_taker"]] == ["Mona Lund"]
    assert run_query("meeting-participants", {"date": "2021-03-02", "kommune": "Hjørring"}, store).rows == []
    other = run_query("meeting-participants", {"date": "2021-03-02", "kommune": "aalborg"}, store).rows
    assert len(other) == 4


def test_absences(store):
    rows = run_query("absences", {}, store).rows
    assert [(r["person"], r["role"], r["kommune"]) for r in rows] == [("Søren Krag", "Stabschef", "Aalborg")]


def test_co_attendance_counts_shared_meetings(store):
    rows = run_query("co-attendance", {}, store).rows
    pairs = {(r["person_a"], r["person_b"]): r["meetings"] for r in rows}
    key = tuple(sorted(["Jens Åkjær", "Mona Lund"], key=lambda n: _iri(n)))
    assert pairs[key] == 2
    assert all(n <= 2 for n in pairs.values())
    assert {tuple(sorted(k)) for k, v in pairs.items() if v >= 2} == {("Jens Åkjær", "Mona Lund")}
    only = run_query("co-attendance", {"min": "2"}, store).rows
    assert len(only) == 1


def _iri(name: str) -> str:
    from kg import ids

    return ids.person(name)


def test_council_meetings_counts(store):
    rows = run_query("council-meetings", {}, store).rows
    assert [(r["date"], r["kommune"], r["present"], r["absent"]) for r in rows] == [
        ("2021-03-02", "Aalborg", 3, 1), ("2022-05-10", "Hjørring", 3, 0)]


def test_projects(store):
    rows = run_query("projects", {}, store).rows
    assert [r["project"] for r in rows] == ["Tryg i Nord"]


def test_attendance_has_source_line_and_evidence(store):
    rows = run_query("attendance", {}, store).rows
    assert len(rows) == 8
    assert all(r["source"] and r["line"] and r["evidence"] for r in rows)


def test_bad_parameter_is_a_one_line_error(store):
    with pytest.raises(QueryError, match="not a date"):
        run_query("meeting-participants", {"date": "4. september"}, store)
    with pytest.raises(QueryError, match="needs --param person"):
        run_query("person-meetings", {}, store)
    with pytest.raises(QueryError, match="has no parameter"):
        run_query("attendance", {"nope": "1"}, store)
    with pytest.raises(QueryError, match="malformed query"):
        run_query("SELECT ?x WHERE { ?x", {}, store)
    with pytest.raises(QueryError, match="unknown query"):
        run_query("atendance", {}, store)


def test_injection_attempt_is_just_a_string(store):
    rows = run_query("person-meetings", {"person": 'x")) } DELETE WHERE { ?s ?p ?o } #'}, store).rows
    assert rows == []
    assert len(run_query("attendance", {}, store).rows) == 8


def test_named_queries_give_the_same_rows_on_rdflib(store, records):
    """The same queries and bindings on plain rdflib: binding does not depend on the engine."""
    from kg.build import load_reference, store_records
    from kg.store import open_store

    other = open_store("rdflib:")
    load_reference(other)
    store_records(other, records)
    given = {"person": "Jens Åkjær", "date": "2021-03-02", "min": "2", "theme": "indbrud"}
    for name, q in named_queries().items():  # every named query (rdflib knows no LATERAL, for one)
        params = {p.name: given[p.name] for p in q.params if p.required or p.name == "min"}
        a = run_query(name, params, store).rows
        b = run_query(name, params, other).rows
        assert sorted(map(_canonical, a)) == sorted(map(_canonical, b)), name
        assert a, name


#: GROUP_CONCAT columns: SPARQL leaves the order of the joined values to the engine
CONCATENATED = {"sides": ", ", "titles": "; ", "councils": "; "}


def _canonical(row: dict) -> str:
    return repr({k: "|".join(sorted(v.split(CONCATENATED[k]))) if k in CONCATENATED and isinstance(v, str)
                 else v for k, v in row.items()})


def test_from_clause_selects_one_document_graph(store):
    """A query with FROM sees only that graph; without it, the union of all graphs."""
    from kg import ids

    graph = ids.document("hjoerring-2022.txt")
    q = ("PREFIX kg: <https://kredsgraf.dk/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) "
         "{from} WHERE {{ ?p a kg:Participation }}")
    only = run_query(q.format(**{"from": f"FROM <{graph}>"}), {}, store).rows[0]["n"]
    everything = run_query(q.format(**{"from": ""}), {}, store).rows[0]["n"]
    assert (only, everything) == (3, 8)


def test_theme_parameter_binds_the_theme_iri():
    from rdflib import URIRef

    from kg import ids
    from kg.queries import bind_params

    trace = named_queries()["theme-trace"]
    assert bind_params(trace, {"theme": "psykisk-syge"}) == {"_theme": URIRef(ids.theme("psykisk-syge"))}
    odd = bind_params(trace, {"theme": 'a b"> }'})["_theme"]  # not an id: an IRI that names no theme
    assert str(odd) == ids.theme("a%20b%22%3E%20%7D")
    assert bind_params(trace, {"theme": ""}) == {"_theme": URIRef(ids.theme(""))}
    assert bind_params(named_queries()["theme-mentions"], {"theme": ""}) == {}  # optional: every theme


def test_theme_queries_find_no_rows_for_an_unknown_theme(store):
    assert run_query("theme-mentions", {"theme": "indbrud"}, store).rows
    assert run_query("theme-trace", {"theme": "indbrud"}, store).rows
    for value in ("ukendt", "INDBRUD", "indbrud ", 'a b"> }', "æøå", "ind/brud"):
        assert run_query("theme-mentions", {"theme": value}, store).rows == [], value
        assert run_query("theme-trace", {"theme": value}, store).rows == [], value
    assert run_query("theme-trace", {"theme": ""}, store).rows == []
    every = run_query("theme-mentions", {}, store).rows
    assert every == run_query("theme-mentions", {"theme": "indbrud"}, store).rows  # the only one mentioned
    assert run_query("theme-mentions", {"theme": ""}, store).rows == every


def test_every_theme_iri_is_made_from_its_notation(store):
    """The `theme` parameter type binds ids.theme(id): the queries rely on that being the IRI that
    carries skos:notation id in the store."""
    from kg import ids

    rows = run_query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?t ?id WHERE { "
                     f"?t skos:notation ?id ; skos:inScheme <{ids.THEME_SCHEME}> }}", {}, store).rows
    assert len(rows) >= 20
    assert all(r["t"] == ids.theme(r["id"]) for r in rows)
