"""SPARQL text utilities: a small tokenizer that knows strings, IRIs and comments.

Used to bind query parameters by SEP-0007 substitution semantics: each *variable token*
``?_name``/``$_name`` is replaced by the RDF term, serialised by rdflib's term serialiser
(quotes, backslashes and newlines escaped; IRIs validated). Strings, IRIs and comments are never
touched, so a value can never become query syntax. This behaves the same on every store
(Oxigraph, rdflib, a remote endpoint), which engine-side bindings do not: Oxigraph's
``substitutions`` and oxrdflib's ``initBindings`` require the variable in the projection and
join it after FILTERs are evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.errors import QueryError

TOKEN = re.compile(
    r"""(?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<var>[?$][A-Za-z_0-9\u00C0-\uFFFF]+)""",
    re.DOTALL,
)


def tokens(text: str) -> Iterator[re.Match]:
    """The string, comment, IRI and variable tokens of a SPARQL text, in order."""
    return TOKEN.finditer(text)


def serialise(term: Any) -> str:
    """An rdflib term in SPARQL/N-Triples syntax (raises QueryError for an invalid IRI)."""
    try:
        return term.n3()
    except Exception as exc:  # rdflib raises plain Exception for IRIs with forbidden characters
        raise QueryError(f"invalid parameter value {str(term)!r}: {exc}") from None


def substitute(text: str, bindings: dict[str, Any]) -> str:
    """Replace every variable token named in ``bindings`` (without ``?``) by its term."""
    if not bindings:
        return text
    out, pos = [], 0
    for m in tokens(text):
        if m.lastgroup == "var" and m.group()[1:] in bindings:
            out += [text[pos:m.start()], serialise(bindings[m.group()[1:]])]
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def code_only(text: str) -> str:
    """The query text with strings and comments blanked (for keyword checks such as SERVICE)."""
    out, pos = [], 0
    for m in tokens(text):
        if m.lastgroup in ("string", "comment"):
            out += [text[pos:m.start()], " "]
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)
