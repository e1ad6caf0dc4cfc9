"""Named SPARQL queries: ``queries/*.rq`` files with a grlc-style header, and running them.

Header lines (``#+ key: value``) before the query text::

    #+ summary: Who attended which meeting
    #+ param: person string required - a person's name (case-insensitive)
    #+ columns: person, role, date

A parameter ``person`` appears in the query as ``?_person`` and is bound as an RDF term by the
store (SPARQL SEP-0007 substitution), never pasted into the text. Types: ``string``, ``date``,
``integer``, ``iri``, ``person`` (a name, bound as the person's IRI, and as given to ``?_person_name``)
and ``theme`` (a theme id, bound as the theme's IRI; an id that names no theme finds no rows).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.paths import QUERIES_DIR

PARAM_TYPES = ("string", "date", "integer", "iri", "person", "theme")


@dataclass
class Param:
    name: str
    type: str = "string"
    required: bool = True
    description: str = ""


@dataclass
class NamedQuery:
    name: str
    text: str
    summary: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    path: Path | None = None


_PARAM = re.compile(
    r"(?P<name>\w+)\s+(?P<type>\w+)(?:\s+(?P<req>required|optional))?\s*(?:-\s*(?P<desc>.*))?$")


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header (parsed once per version of the file: every query names
    its file, and reading all of them cost 1.5 ms a query). The result is shared: do not change it."""
    stat = path.stat()
    return _parse_query_file(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _parse_query_file(path: Path, _mtime_ns: int, _size: int) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    q = NamedQuery(name=path.stem, text=text, path=path)
    for line in text.splitlines():
        m = re.match(r"#\+\s*(\w+)\s*:\s*(.*)$", line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "summary":
            q.summary = value
        elif key == "columns":
            q.columns = [c.strip() for c in value.split(",") if c.strip()]
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or pm.group("type") not in PARAM_TYPES:
                raise QueryError(f"{path.name}: bad param header {value!r}")
            q.params.append(Param(pm.group("name"), pm.group("type"), pm.group("req") != "optional",
                                  (pm.group("desc") or "").strip()))
    return q


def named_queries(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """All named queries by name."""
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.rq"))}


def resolve(name_or_text: str) -> NamedQuery:
    """A named query, a path to a ``.rq`` file, or literal SPARQL text."""
    queries = named_queries()
    if name_or_text in queries:
        return queries[name_or_text]
    if name_or_text.endswith(".rq"):
        path = Path(name_or_text)
        if not path.exists():
            raise QueryError(f"no such query file: {name_or_text}")
        return parse_query_file(path)
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        return NamedQuery(name="(inline)", text=name_or_text)
    import difflib

    close = difflib.get_close_matches(name_or_text, list(queries), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(queries)}"
    raise QueryError(f"unknown query {name_or_text!r}{hint}")


def bind_params(query: NamedQuery, given: dict[str, str]) -> dict[str, Any]:
    """Check and type the parameters; returns variable name (``_x``) → rdflib term."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    declared = {p.name: p for p in query.params}
    if query.name != "(inline)":
        unknown = set(given) - set(declared)
        if unknown:
            raise QueryError(f"query {query.name} has no parameter {', '.join(sorted(unknown))}"
                             f" (it takes: {', '.join(declared) or 'none'})")
    missing = [p.name for p in query.params if p.required and p.name not in given]
    if missing:
        raise QueryError(f"query {query.name} needs --param {missing[0]}=…")
    out: dict[str, Any] = {}
    for key, value in given.items():
        kind = declared[key].type if key in declared else "string"
        if kind == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"--param {key}={value!r}: not a date (use YYYY-MM-DD)") from None
            out[f"_{key}"] = Literal(value, datatype=XSD.date)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise QueryError(f"--param {key}={value!r}: not a whole number")
            out[f"_{key}"] = Literal(int(value))
        elif kind == "iri":
            out[f"_{key}"] = URIRef(value)
        elif kind == "person":  # a name, matched whatever its case or spacing: the person's IRI
            from kg.ids import person

            if value or declared[key].required:  # an empty optional person: everyone, as if not given
                out[f"_{key}"] = URIRef(person(value))
                out[f"_{key}_name"] = Literal(value)  # the name as given, for a query that also matches text
        elif kind == "theme":
            if value or declared[key].required:  # an empty optional theme: every theme, as if not given
                out[f"_{key}"] = URIRef(theme_iri(value))
        else:
            out[f"_{key}"] = Literal(value)
    return out


def theme_iri(theme_id: str) -> str:
    """The IRI of the theme with this id (``skos:notation``). Anything that is not an id (other
    characters, spaces) is percent-encoded, so it names no theme and the query finds no rows."""
    from urllib.parse import quote

    from kg.ids import theme

    return theme(quote(theme_id, safe=""))


def run_query(name_or_text: str, params: dict[str, str] | None = None, store=None):
    """Run a named query (or a file, or SPARQL text) with bound parameters; returns QueryResult."""
    from kg.store import open_store

    query = resolve(name_or_text)
    bindings = bind_params(query, params or {})
    if store is None or isinstance(store, (str, Path)):
        store = open_store(store, read_only=True)
    return store.query(query.text, bindings)
