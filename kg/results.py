"""SPARQL results in the W3C formats (JSON, CSV, TSV, XML) and as a readable table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape

from kg.store import QueryResult


def _json_term(term: Any) -> dict[str, str]:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [{v: _json_term(t) for v, t in row.items() if t is not None} for row in result.terms]
    return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values, CRLF line ends)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    w.writerow(result.vars)
    for row in result.terms:
        w.writerow(["" if row.get(v) is None else str(row[v]) for v in result.vars])
    return buf.getvalue()


def _tsv_term(term: Any) -> str:
    from rdflib import Literal

    if term is None:
        return ""
    if isinstance(term, Literal) and not term.language and term.datatype is None:
        return term.n3()
    return term.n3()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(_tsv_term(row.get(v)) for v in result.vars) for row in result.terms]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    from rdflib import BNode, Literal

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ask":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out)
    out += [f'<variable name="{v}"/>' for v in result.vars] + ["</head>", "<results>"]
    for row in result.terms:
        out.append("<result>")
        for v, t in row.items():
            if t is None:
                continue
            if isinstance(t, Literal):
                attr = f' xml:lang="{t.language}"' if t.language else (
                    f' datatype="{escape(str(t.datatype))}"' if t.datatype else "")
                inner = f"<literal{attr}>{escape(str(t))}</literal>"
            elif isinstance(t, BNode):
                inner = f"<bnode>{escape(str(t))}</bnode>"
            else:
                inner = f"<uri>{escape(str(t))}</uri>"
            out.append(f'<binding name="{v}">{inner}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out)


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """A readable fixed-width table of a SELECT result (values, not IRIs, where possible)."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    rows = [[_cell(r.get(v), max_width) for v in result.vars] for r in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.vars)]
    line = "  ".join(v.ljust(w) for v, w in zip(result.vars, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith("https://kredsgraf.dk/id/"):
        text = text.removeprefix("https://kredsgraf.dk/id/")
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


FORMATS = {"json": to_json, "csv": to_csv, "tsv": to_tsv, "xml": to_xml, "table": to_table}


def render(result: QueryResult, fmt: str) -> str:
    return FORMATS[fmt](result)
