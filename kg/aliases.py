"""Alias proposals and decisions (personaliaser): may two person nodes be the same person?

:func:`propose_aliases` compares the people of a store and proposes pairs whose names may be one
person: an initial for a first name ("C. Hilborg" / "Claus Hilborg"), a missing middle name
("Cecilie B. Christiansen" / "Cecilie Christiansen") or a near-identical spelling (difflib ratio
≥ 0.9). Each proposal carries its evidence (same side, compatible titles, same politikreds,
overlapping years; against: named in the same document, other side or district) with a score.

Decisions live in a Turtle file (``ontology/aliases.ttl``; ``KG_ALIASES`` or ``path=`` for
another): a confirmed pair is an ``owl:sameAs`` triple plus a ``kg:AliasDecision`` (date, note,
evidence), a rejected pair only the decision, so it is never proposed again. The file is
rewritten in a fixed order, UTF-8, æøå intact. :func:`apply_aliases` puts the decisions into a
store; :mod:`kg.people` and ``person-roles.rq`` follow ``owl:sameAs``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import ids
from kg.errors import KgError
from kg.people import Person, load_people, name_tokens

ALIASES_GRAPH = "https://kredsgraf.dk/id/graph/aliases"
ALIAS_BASE = ids.BASE + "alias/"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DECISIONS = ("confirmed", "rejected")
MIN_SCORE = 0.4
SPELLING_RATIO = 0.9

# Title ladders (karriereveje): a later title higher on the same ladder is a promotion.
LADDERS = (
    ("politibetjent", "politiassistent", "vicepolitikommissær", "politikommissær", "vicepolitiinspektør",
     "politiinspektør", "chefpolitiinspektør", "politidirektør", "rigspolitichef"),
    ("anklager", "senioranklager", "specialanklager", "chefanklager", "statsadvokat"),
    ("konsulent", "specialkonsulent", "chefkonsulent", "kontorchef", "afdelingschef", "direktør",
     "kommunaldirektør"),
    ("byrådsmedlem", "rådmand", "viceborgmester", "borgmester"),
)

HEADER = """# Person aliases of Kredsgraf (personaliaser): are two person nodes one person?
#
# Written by `kg aliases confirm A B` and `kg aliases reject A B` (kg/aliases.py). The file is
# rewritten in a fixed order, so comments added by hand are not kept (triples are).
# A confirmed pair is one owl:sameAs triple (queries follow it) and a kg:AliasDecision saying when
# and why; a rejected pair has only its kg:AliasDecision, so `kg aliases propose` skips it.
# Only confirmed aliases get owl:sameAs (a source or a person who knows); never guesses.
# This file is loaded into the reference graph (https://kredsgraf.dk/id/graph/reference).

@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://kredsgraf.dk/ontology#> .
@prefix person: <https://kredsgraf.dk/id/person/> .
@prefix alias: <https://kredsgraf.dk/id/alias/> .
"""


@dataclass
class AliasProposal:
    """Two person nodes that may be one person, with the evidence for and against."""

    a: str  # the name as written (the shorter form)
    b: str
    a_iri: str
    b_iri: str
    kind: str  # "initials", "middle name", "initials, middle name" or "spelling"
    score: float
    reason: str  # one line
    evidence: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "kind": self.kind, "score": self.score, "reason": self.reason,
                "a_iri": self.a_iri, "b_iri": self.b_iri}


PROPOSAL_COLUMNS = ["a", "b", "kind", "score", "reason", "a_iri", "b_iri"]


@dataclass
class AliasDecision:
    """A recorded decision on a pair of person IRIs (``a`` < ``b``)."""

    a: str
    b: str
    decision: str  # confirmed / rejected
    date: str | None = None
    note: str | None = None
    evidence: str | None = None
    label: str | None = None
    bare: bool = False  # a hand-written owl:sameAs without a decision node

    @property
    def key(self) -> tuple[str, str]:
        return (self.a, self.b)


# -- the aliases file ---------------------------------------------------------------------------

def aliases_path(path: str | Path | None = None) -> Path:
    """The aliases file: ``path``, else ``$KG_ALIASES``, else ``ontology/aliases.ttl``."""
    from kg.paths import ontology_file

    if path:
        return Path(path)
    env = os.environ.get("KG_ALIASES")
    return Path(env) if env else ontology_file("aliases.ttl")


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def read_decisions(path: str | Path | None = None) -> dict[tuple[str, str], AliasDecision]:
    """The decisions of the aliases file (an absent file has none)."""
    from rdflib import RDF, Graph, Namespace, URIRef

    file = aliases_path(path)
    if not file.exists():
        return {}
    kg, dct, rdfs = Namespace(ids.ONTOLOGY), Namespace("http://purl.org/dc/terms/"), Namespace(
        "http://www.w3.org/2000/01/rdf-schema#")
    g = Graph()
    try:
        g.parse(file, format="turtle", encoding="utf-8")
    except Exception as exc:  # rdflib raises several parser error types
        raise KgError(f"cannot parse the aliases file {file}: {exc}") from None
    out: dict[tuple[str, str], AliasDecision] = {}
    for node in sorted(g.subjects(RDF.type, kg.AliasDecision)):
        a, b = g.value(node, RDF.subject), g.value(node, RDF.object)
        decision = str(g.value(node, kg.decision) or "")
        if a is None or b is None or decision not in DECISIONS:
            raise KgError(f"{file}: alias decision {node} needs rdf:subject, rdf:object and "
                          f"kg:decision confirmed/rejected")
        d = AliasDecision(*pair(str(a), str(b)), decision, *(_opt(g.value(node, p)) for p in (
            dct.date, rdfs.comment, kg.evidence, rdfs.label)))
        out[d.key] = d
    for a, b in sorted(g.subject_objects(URIRef(OWL_SAME_AS))):
        out.setdefault(pair(str(a), str(b)), AliasDecision(*pair(str(a), str(b)), "confirmed", bare=True))
    return out


def _opt(value: object) -> str | None:
    return str(value) if value is not None else None


def _lit(text: str) -> str:
    """A Turtle string literal (UTF-8 kept, quotes and line ends escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _ref(iri: str) -> str:
    for prefix, base in (("person:", ids.BASE + "person/"), ("alias:", ALIAS_BASE)):
        local = iri.removeprefix(base)
        if local != iri and re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]", local):
            return prefix + local
    return f"<{iri}>"


def decision_iri(a: str, b: str) -> str:
    """``…/id/alias/<a>--<b>`` from the two person IRIs."""
    a, b = pair(a, b)
    return f"{ALIAS_BASE}{ids.slug(a.rsplit('/', 1)[-1])}--{ids.slug(b.rsplit('/', 1)[-1])}"


def _decision_turtle(d: AliasDecision) -> str:
    lines = [f"{_ref(decision_iri(d.a, d.b))} a kg:AliasDecision ;",
             f"    rdf:subject {_ref(d.a)} ;", "    rdf:predicate owl:sameAs ;",
             f"    rdf:object {_ref(d.b)} ;",
             f"    kg:decision {_lit(d.decision)}"]
    if d.label:
        lines[-1] += " ;"
        lines.append(f"    rdfs:label {_lit(d.label)}@da")
    for key, value, suffix in (("dcterms:date", d.date, "^^xsd:date"), ("rdfs:comment", d.note, ""),
                               ("kg:evidence", d.evidence, "")):
        if value:
            lines[-1] += " ;"
            lines.append(f"    {key} {_lit(value)}{suffix}")
    return "\n".join(lines) + " .\n"


def to_turtle(decisions: Iterable[AliasDecision]) -> str:
    """The aliases file's text: header, owl:sameAs triples, then the decisions, all sorted."""
    ordered = sorted(decisions, key=lambda d: d.key)
    same = [f"{_ref(d.a)} owl:sameAs {_ref(d.b)} ." for d in ordered if d.decision == "confirmed"]
    parts = [HEADER]
    if same:
        parts.append("# Confirmed: the same person.\n" + "\n".join(same) + "\n")
    recorded = [_decision_turtle(d) for d in ordered if not d.bare]
    if recorded:
        parts.append("# Decisions (confirmed and rejected) with date, note and evidence.\n"
                     + "\n".join(recorded))
    return "\n".join(parts)


def write_decisions(decisions: Iterable[AliasDecision], path: str | Path | None = None) -> Path:
    """Rewrite the aliases file atomically (write a temporary file, then rename)."""
    file = aliases_path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(to_turtle(decisions), encoding="utf-8", newline="\n")
    tmp.replace(file)
    return file


# -- matching names -----------------------------------------------------------------------------

def _word_match(x: str, y: str) -> str | None:
    """``equal``, ``initial`` (one word is the other's initial) or None."""
    if x == y:
        return "equal"
    if (len(x) == 1 < len(y) and y.startswith(x)) or (len(y) == 1 < len(x) and x.startswith(y)):
        return "initial"
    return None


def _align(short: Sequence[str], long: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Fit ``short`` into ``long``: first word to first (or its initial), same last word, middle words
    in order. Returns the (initial, word) pairs used and the words of ``long`` left out."""
    if len(short) < 2 or len(long) < len(short) or short[-1] != long[-1]:
        return None
    if not _word_match(short[0], long[0]):
        return None
    used, j = [(short[0], long[0])], 1
    for word in short[1:-1]:
        while j < len(long) - 1 and not _word_match(word, long[j]):
            j += 1
        if j >= len(long) - 1:
            return None
        used.append((word, long[j]))
        j += 1
    matched = {w for _, w in used} | {long[-1]}
    initials = [(x, y) for x, y in used if _word_match(x, y) == "initial"]
    return initials, [w for w in long[1:-1] if w not in matched]


def _cap(word: str) -> str:
    return word.capitalize() + ("." if len(word) == 1 else "")


def match_names(x: str, y: str) -> tuple[str, str, float] | None:
    """How two names may be one person: (kind, detail, base score), or None.

    ``"C. Hilborg"``/``"Claus Hilborg"`` → initials; ``"Cecilie B. Christiansen"``/``"Cecilie
    Christiansen"`` → middle name; ``"Søren Krag"``/``"Soren Krag"`` → spelling (ratio ≥ 0.9).
    """
    import difflib

    tx, ty = name_tokens(x), name_tokens(y)
    if tx == ty:
        return None
    for short, long in ((tx, ty), (ty, tx)):
        fit = _align(short, long)
        if fit is None or (len(short) == len(long) and not fit[0]):
            continue
        initials, missing = fit
        kinds, details = [], []
        if initials:
            kinds.append("initials")
            details += [f"{_cap(min(a, b, key=len))} = {_cap(max(a, b, key=len))}" for a, b in initials]
        if missing:
            kinds.append("middle name")
            details.append("without " + " ".join(_cap(w) for w in missing))
        return ", ".join(kinds), "; ".join(details), 0.35 if len(kinds) == 2 else 0.4
    fx, fy = _folded(x), _folded(y)
    matcher = difflib.SequenceMatcher(None, fx, fy)
    if fx == fy or matcher.real_quick_ratio() < SPELLING_RATIO or matcher.quick_ratio() < SPELLING_RATIO:
        return None
    ratio = matcher.ratio()
    if ratio >= SPELLING_RATIO:
        return "spelling", f"similarity {ratio:.2f}", round(0.2 + (ratio - SPELLING_RATIO) * 3, 3)
    return None


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    """ASCII-folded name for spelling comparison ("Søren Krag" → "soeren krag")."""
    return ids.slug(ids.normalise_name(name)).replace("-", " ")


# -- evidence -----------------------------------------------------------------------------------

def _rank(title: str) -> tuple[int, int] | None:
    """(ladder, step) of the longest ladder word in the title."""
    text, best = title.casefold(), None
    for li, ladder in enumerate(LADDERS):
        for ri, word in enumerate(ladder):
            if word in text and (best is None or len(word) > best[2]):
                best = (li, ri, len(word))
    return best[:2] if best else None


def titles_compatible(t1: str, t2: str) -> str | None:
    """``same``, ``contained`` (one title inside the other), ``promotion`` (same ladder) or None."""
    a, b = " ".join(t1.casefold().split()), " ".join(t2.casefold().split())
    if a == b:
        return "same"
    if a in b or b in a:
        return "contained"
    ra, rb = _rank(a), _rank(b)
    return "promotion" if ra and rb and ra[0] == rb[0] else None


def _side(p: Person, q: Person) -> tuple[float, str]:
    ps, qs = set(p.sides) - {"anden"}, set(q.sides) - {"anden"}
    if ps & qs:
        return 0.2, f"same side {', '.join(sorted(ps & qs))}"
    if ps and qs:
        return -0.3, f"different sides {'/'.join(sorted(ps))} vs {'/'.join(sorted(qs))}"
    return 0.0, ""


def _titles(p: Person, q: Person) -> tuple[float, str]:
    found = {}
    for a in p.titles:
        for b in q.titles:
            how = titles_compatible(a, b)
            if how and how not in found:
                found[how] = (a, b)
    for how, weight, text in (("same", 0.2, "same title {a}"),
                              ("contained", 0.15, "compatible titles {a} / {b}"),
                              ("promotion", 0.15, "promotion path {a} → {b}")):
        if how in found:
            a, b = found[how]
            if how == "promotion" and (_rank(a) or (0, 0))[1] > (_rank(b) or (0, 0))[1]:
                a, b = b, a
            return weight, text.format(a=a, b=b)
    clash = _same_year_clash(p, q)
    if clash:
        return -0.3, clash
    if p.titles and q.titles:
        return 0.0, f"different titles {'/'.join(p.titles)} vs {'/'.join(q.titles)}"
    return 0.0, ""


def _same_year_clash(p: Person, q: Person) -> str:
    """Two incompatible titles held in the same year: two posts at once, so likely two people."""
    for a in p.participations:
        for b in q.participations:
            if a.year and a.year == b.year and a.role and b.role and not titles_compatible(a.role, b.role):
                return f"different posts in the same year {a.year}: {a.role} vs {b.role}"
    return ""


def _district(p: Person, q: Person) -> tuple[float, str]:
    pd, qd = set(p.districts), set(q.districts)
    if pd & qd:
        return 0.15, f"same police district {', '.join(sorted(pd & qd))}"
    if pd and qd:
        return -0.15, f"different police districts {'/'.join(sorted(pd))} vs {'/'.join(sorted(qd))}"
    return 0.0, ""


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])


def _years(p: Person, q: Person) -> tuple[float, str]:
    py, qy = p.years, q.years
    if not py or not qy:
        return 0.0, ""
    gap = max(py[0], qy[0]) - min(py[-1], qy[-1])
    spans = f"{_span(py)} and {_span(qy)}"
    if gap <= 0:
        return 0.1, f"overlapping years {spans}"
    if gap == 1:
        return 0.1, f"adjacent years {spans}"
    return (-0.1 if gap > 5 else 0.0), f"years {spans} ({gap} apart)"


def _documents(p: Person, q: Person) -> tuple[float, str]:
    shared = sorted(set(p.documents) & set(q.documents))
    if shared:
        return -0.5, f"both named in the same document {shared[0]} (two people?)"
    return 0.0, ""


def evidence(p: Person, q: Person) -> tuple[float, list[str]]:
    """Score and notes for and against two people being one (side, titles, district, years, documents)."""
    total, notes = 0.0, []
    for check in (_side, _titles, _district, _years, _documents):
        score, note = check(p, q)
        if note:
            total += score
            notes.append(note)
    return total, notes


# -- proposals ----------------------------------------------------------------------------------

def _candidate_pairs(persons: list[Person]) -> set[tuple[int, int]]:
    """Pairs of people sharing a first or last word of a name (blocking, so not all n² pairs)."""
    buckets: dict[str, set[int]] = {}
    for i, p in enumerate(persons):
        for name in p.all_names:
            words = [ids.slug(w) for w in name_tokens(name)]
            if words:
                buckets.setdefault("first:" + words[0], set()).add(i)
                buckets.setdefault("last:" + words[-1], set()).add(i)
    out: set[tuple[int, int]] = set()
    for members in buckets.values():
        ordered = sorted(members)
        out.update((a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:])
    return out


def _node_of(p: Person, name: str) -> str:
    return next(iri for iri, names in p.names.items() if name in names)


def _best_match(p: Person, q: Person) -> tuple[str, str, str, str, float] | None:
    """The strongest name match between two people: (name p, name q, kind, detail, base score)."""
    best = None
    for x in p.all_names:
        for y in q.all_names:
            m = match_names(x, y)
            if m and (best is None or m[2] > best[4]):
                best = (x, y, *m)
    return best


def _proposal(p: Person, q: Person) -> AliasProposal | None:
    match = _best_match(p, q)
    if match is None:
        return None
    x, y, kind, detail, base = match
    if len(x) > len(y) or (len(x) == len(y) and x > y):
        (x, p), (y, q) = (y, q), (x, p)
    extra, notes = evidence(p, q)
    score = round(min(1.0, max(0.0, base + extra)), 2)
    reason = f"{x} ~ {y}: {kind} ({detail})" + "".join(f"; {n}" for n in notes)
    return AliasProposal(x, y, _node_of(p, x), _node_of(q, y), kind, score, reason, notes)


def _decided(p: Person, q: Person, decisions: dict[tuple[str, str], AliasDecision]) -> bool:
    return any(pair(a, b) in decisions for a in p.iris for b in q.iris)


def propose_aliases(store=None, path: str | Path | None = None, min_score: float = MIN_SCORE,
                    ) -> list[AliasProposal]:
    """Pairs of person nodes that may be one person, best first; decided pairs are left out."""
    persons = load_people(store)
    decisions = read_decisions(path)
    out = []
    for i, j in sorted(_candidate_pairs(persons)):
        p, q = persons[i], persons[j]
        if _decided(p, q, decisions):
            continue
        proposal = _proposal(p, q)
        if proposal and proposal.score >= min_score:
            out.append(proposal)
    return sorted(out, key=lambda a: (-a.score, ids.normalise_name(a.b), ids.normalise_name(a.a)))


# -- decisions ----------------------------------------------------------------------------------

def _node(name_or_iri: str, persons: list[Person] | None) -> tuple[str, str | None]:
    """(person IRI, display name) of a name or IRI; checked against the store's people when given."""
    iri = name_or_iri if name_or_iri.startswith(ids.BASE) else ids.person(name_or_iri)
    if persons is None:
        return iri, None if name_or_iri.startswith(ids.BASE) else ids.display_name(name_or_iri)
    for p in persons:
        if iri in p.iris:
            return iri, p.names[iri][0]
    from kg.people import _suggest

    raise KgError(f"no person called {name_or_iri!r} in the store{_suggest(name_or_iri, persons)}")


def _evidence_text(store, a: str, b: str) -> str:
    """The evidence for a decision: between the two alias groups, or the two nodes if already joined."""
    persons = load_people(store)
    p = next(x for x in persons if a in x.iris)
    q = next(x for x in persons if b in x.iris)
    if p is q:
        nodes = load_people(store, follow_aliases=False)
        p, q = (next(x for x in nodes if iri in x.iris) for iri in (a, b))
    score, notes = evidence(p, q)
    match = _best_match(p, q)
    head = f"{match[2]} ({match[3]})" if match else "names differ"
    return "; ".join([head, *notes, f"evidence score {score:+.2f}"])


def decide(a: str, b: str, decision: str, *, path: str | Path | None = None, note: str | None = None,
           store=None, today: str | None = None) -> AliasDecision:
    """Record that person ``a`` and person ``b`` (names or IRIs) are (``confirmed``) or are not
    (``rejected``) one person; a later decision on the same pair replaces an earlier one."""
    if decision not in DECISIONS:
        raise KgError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    persons = load_people(store, follow_aliases=False) if store is not None else None
    (ia, na), (ib, nb) = _node(a, persons), _node(b, persons)
    if ia == ib:
        raise KgError(f"{a!r} and {b!r} are already one person node ({ia})")
    d = AliasDecision(*pair(ia, ib), decision, today or dt.date.today().isoformat(), note,
                      _evidence_text(store, ia, ib) if store is not None else None)
    names = {ia: na, ib: nb}
    if names[d.a] and names[d.b]:
        d.label = f"{names[d.a]} {'=' if decision == 'confirmed' else '≠'} {names[d.b]}"
    decisions = read_decisions(path)
    decisions[d.key] = d
    write_decisions(decisions.values(), path)
    return d


def confirm_alias(a: str, b: str, path: str | Path | None = None, note: str | None = None,
                  store=None, today: str | None = None) -> AliasDecision:
    """Record that ``a`` and ``b`` are the same person (owl:sameAs)."""
    return decide(a, b, "confirmed", path=path, note=note, store=store, today=today)


def reject_alias(a: str, b: str, path: str | Path | None = None, note: str | None = None,
                 store=None, today: str | None = None) -> AliasDecision:
    """Record that ``a`` and ``b`` are two people (never proposed again)."""
    return decide(a, b, "rejected", path=path, note=note, store=store, today=today)


def apply_aliases(store, path: str | Path | None = None) -> int:
    """Make the store follow the aliases file; returns the number of owl:sameAs pairs.

    The repository's ``ontology/aliases.ttl`` is part of the reference graph (reloaded here when it
    changed); another file (``path``/``KG_ALIASES``) goes into its own graph ``…/graph/aliases``.
    """
    from kg.build import load_reference
    from kg.paths import ontology_file

    file = aliases_path(path)
    load_reference(store)
    decisions = read_decisions(file)
    if file.resolve() == ontology_file("aliases.ttl").resolve() or not file.exists():
        store.drop_graph(ALIASES_GRAPH)
    else:
        from rdflib import Graph

        g = Graph().parse(file, format="turtle", encoding="utf-8")
        store.replace_graph(ALIASES_GRAPH, g.serialize(format="nt"))
    store.flush()
    return sum(d.decision == "confirmed" for d in decisions.values())
