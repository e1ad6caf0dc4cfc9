"""``kg trace`` and ``kg themes``: how a theme moved between councils over the years.

:func:`trace` reads the named query ``theme-trace`` (mentions in documents that deal with the
theme, and hand-overs of it) and returns :class:`TraceStep` objects in date order: one step per
document and agenda item for mentions (the item's sentences kept together), one per hand-over.
:func:`council_themes` reads ``council-themes``: which themes each council dealt with each year.
Renderers: :func:`render_trace` (table, json, html) and :func:`render_matrix` (table, csv, html).
The HTML pages are self-contained (inline CSS and JS, no external references).
"""

from __future__ import annotations

import difflib
import html
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError

KIND_LABEL = {"kredsraad": "kredsråd", "lokalraad": "lokalråd", "faelles-kredsraad": "fælles kredsråd",
              "other": "råd"}
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})


def fold(text: str) -> str:
    """Case- and accent-free form for matching: ``"Psykisk-Syge"`` → ``"psykisk syge"``."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


# ---------------------------------------------------------------------------------------------
# Theme names


def resolve_theme(name: str):  # noqa: ANN201 - returns kg.themes.Theme
    """The theme named by an id, a Danish or English label or a cue (case and accents ignored).

    Raises :class:`KgError` listing the closest names when nothing matches.
    """
    from kg.themes import content_stems, vocabulary

    wanted = fold(name)
    names: dict[str, Any] = {}
    for theme in vocabulary():
        for text in (theme.id, theme.label_da, theme.label_en, *theme.cues):
            names.setdefault(fold(text), theme)
    if wanted in names:
        return names[wanted]
    stems = content_stems(name)
    for theme in vocabulary():
        if stems and any(content_stems(c) == stems for c in theme.cues):
            return theme
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
    ids = list(dict.fromkeys(names[c].id for c in close))
    hint = f"; closest: {', '.join(ids)}" if ids else f"; known: {', '.join(t.id for t in vocabulary())}"
    raise KgError(f"unknown theme {name!r}{hint}")


# ---------------------------------------------------------------------------------------------
# The trace


@dataclass
class TraceStep:
    """One step of a theme's history: a document (agenda item) dealing with it, or a hand-over."""

    date: str | None
    year: int | None
    council: dict[str, str | None]
    source: str
    agenda_item: str | None
    evidence: str
    kind: str  # "mention" | "handover"
    to_council: dict[str, str | None] | None = None
    line: int | None = None
    from_kind: str | None = None
    sentences: list[tuple[int, str]] = field(default_factory=list)
    first_in_council: bool = False
    first_in_district: bool = False

    @property
    def sort_key(self) -> tuple:
        # a plan known only by its year sorts at the start of that year
        return (self.year or 0, self.date or "", self.source, self.line or 0, self.kind == "handover")

    def to_json(self) -> dict[str, Any]:
        """The step as the JSON object of ``kg trace --format json``."""
        return {"date": self.date, "year": self.year, "council": dict(self.council), "source": self.source,
                "agenda_item": self.agenda_item, "evidence": self.evidence, "kind": self.kind,
                "to_council": dict(self.to_council) if self.to_council else None,
                "line": self.line, "from_kind": self.from_kind,
                "sentences": [{"line": ln, "text": s} for ln, s in self.sentences],
                "first_in_council": self.first_in_council, "first_in_district": self.first_in_district}


def council_key(council: dict[str, str | None]) -> tuple[str, str, str]:
    kind = council.get("kind") or "other"
    return (kind, council.get("kommune") or "", council.get("police_district") or "")


def council_name(council: dict[str, str | None] | None) -> str:
    """"kredsråd Herning (Midt- og Vestjyllands Politi)"."""
    if not council:
        return "-"
    kind = KIND_LABEL.get(council.get("kind") or "other", council.get("kind") or "råd")
    where = council.get("kommune")
    district = council.get("police_district")
    text = f"{kind} {where}" if where else kind
    return f"{text} ({district})" if district else text


def _open(store):  # noqa: ANN001, ANN202 - a store object or a store spec
    if store is None or isinstance(store, (str, Path)):
        from kg.store import open_store

        return open_store(store, read_only=True)
    return store


def _rows(store, query_name: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    from kg.queries import run_query

    return run_query(query_name, params or {}, store=_open(store)).rows


def _best_evidence(sentences: list[tuple[int, str]]) -> str:
    """The first real sentence of a step: not a bare title or bullet, not a list of examples."""
    from kg.themes import find_cues, in_enumeration

    def plain(text: str) -> bool:
        cues = find_cues(text)
        return not all(in_enumeration(text, m.start) for m in cues) if cues else True

    for wanted in (lambda t: len(t.split()) >= 6 and t[:1].isalnum() and plain(t), lambda t: plain(t)):
        for _, text in sentences:
            if wanted(text):
                return text
    return sentences[0][1] if sentences else ""


def _steps_from_rows(rows: list[dict[str, Any]]) -> list[TraceStep]:
    grouped: dict[tuple, TraceStep] = {}
    steps: list[TraceStep] = []
    for r in rows:
        council = {"kind": r.get("council_kind"), "kommune": r.get("kommune"),
                   "police_district": r.get("police_district")}
        year = int(r["year"]) if r.get("year") is not None else None
        date = str(r["date"]) if r.get("date") else None
        line, text = int(r.get("line") or 0), str(r.get("evidence") or "")
        if r.get("kind") == "handover":
            # the mapping sends a hand-over to the lokalråd of the same kommune
            same = council["kommune"] if r.get("to_kind") == "lokalraad" else None
            to_kommune = r.get("to_kommune") or same
            to = {"kind": r.get("to_kind"), "kommune": to_kommune,
                  "police_district": r.get("to_district") or council["police_district"]}
            steps.append(TraceStep(date, year, council, r["source"], r.get("agenda_item"), text, "handover",
                                   to, line, r.get("from_kind") or council["kind"], [(line, text)]))
            continue
        key = (r["source"], r.get("agenda_item"))
        if key not in grouped:
            grouped[key] = TraceStep(date, year, council, r["source"], r.get("agenda_item"), "", "mention",
                                     None, line)
            steps.append(grouped[key])
        if (line, text) not in grouped[key].sentences:
            grouped[key].sentences.append((line, text))
    for step in steps:
        step.sentences.sort()
        step.line = step.sentences[0][0] if step.sentences else step.line
        if step.kind == "mention":
            step.evidence = _best_evidence(step.sentences)
    return steps


def _matches(step: TraceStep, from_year: int | None, to_year: int | None, district: str | None,
             kommune: str | None) -> bool:
    if from_year is not None and (step.year is None or step.year < from_year):
        return False
    if to_year is not None and (step.year is None or step.year > to_year):
        return False
    councils = [step.council] + ([step.to_council] if step.to_council else [])
    if district and not any(fold(district) in fold(c.get("police_district") or "") for c in councils):
        return False
    return not kommune or any(fold(kommune) == fold(c.get("kommune") or "") for c in councils)


def mark_first_appearances(steps: list[TraceStep]) -> None:
    """Flag the first step of each council and of each police district."""
    seen_council: set[tuple] = set()
    seen_district: set[str] = set()
    for step in steps:
        key = council_key(step.council)
        step.first_in_council = key not in seen_council
        seen_council.add(key)
        district = step.council.get("police_district") or ""
        step.first_in_district = bool(district) and district not in seen_district
        seen_district.add(district)


def trace(theme: str, store=None, from_year: int | None = None, to_year: int | None = None,  # noqa: ANN001
          district: str | None = None, kommune: str | None = None) -> list[TraceStep]:
    """A theme's history in date order (``kg trace``); ``store`` is a store or a store spec.

    THEME is an id, label or cue (see :func:`resolve_theme`); the filters narrow by year range,
    police district (part of the name) and kommune. First appearances are flagged on the steps.
    """
    found = resolve_theme(theme)
    steps = _steps_from_rows(_rows(store, "theme-trace", {"theme": found.id}))
    steps = [s for s in steps if _matches(s, from_year, to_year, district, kommune)]
    steps.sort(key=lambda s: s.sort_key)
    mark_first_appearances(steps)
    return steps


# ---------------------------------------------------------------------------------------------
# Trace renderers


def render_trace(steps: list[TraceStep], theme: str, fmt: str = "table") -> str:
    """Render a trace as ``table`` (text), ``json`` (list of steps) or ``html`` (timeline page)."""
    found = resolve_theme(theme)
    if fmt == "json":
        return json.dumps([s.to_json() for s in steps], ensure_ascii=False, indent=2)
    if fmt == "html":
        return trace_html(steps, found)
    if fmt == "table":
        return trace_table(steps, found)
    raise KgError(f"unknown format {fmt!r} (use table, json or html)")


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def trace_table(steps: list[TraceStep], theme) -> str:  # noqa: ANN001
    """Plain-text history: one block per step, then first appearances per council and district."""
    out = [f"{theme.id} — {theme.label_da} ({theme.label_en}): {len(steps)} steps", ""]
    for s in steps:
        when = s.date or str(s.year or "-")
        item = f"punkt {s.agenda_item}" if s.agenda_item else "-"
        if s.kind == "handover":
            head = (f"{when:<10}  HAND-OVER {KIND_LABEL.get(s.from_kind or '', s.from_kind)} → "
                    f"{council_name(s.to_council)}   [{s.source}:{s.line}, {item}]")
        else:
            flags = " ".join(f for f, on in (("*first in council*", s.first_in_council),
                                             ("*first in district*", s.first_in_district)) if on)
            head = f"{when:<10}  {council_name(s.council)}   [{s.source}:{s.line}, {item}] {flags}".rstrip()
        more = f" (+{len(s.sentences) - 1} more)" if s.kind == "mention" and len(s.sentences) > 1 else ""
        out += [head, f"{'':<12}“{_short(s.evidence)}”{more}"]
    out += ["", "First appearance per council:"]
    out += [f"  {council_name(s.council):<55} {s.date or s.year}  {s.source}"
            for s in steps if s.first_in_council]
    out += ["First appearance per police district:"]
    out += [f"  {s.council.get('police_district'):<55} {s.date or s.year}  {s.source}"
            for s in steps if s.first_in_district]
    return "\n".join(out)


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element (no "</script>", no markup characters)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _when(step: TraceStep) -> float:
    if step.date:
        y, m, d = (int(x) for x in step.date[:10].split("-"))
        return y + (m - 1) / 12 + (d - 1) / 365
    return float(step.year or 0)


_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}.lane{font-size:12px;fill:#333}.grid{stroke:#ddd}.yr{font-size:11px;fill:#666}
.step{cursor:pointer;stroke:#fff;stroke-width:1.5}.mention{fill:#2b6cb0}.first{fill:#c05621}
.handover{stroke:#2f855a;stroke-width:2;fill:none}.hdot{fill:#2f855a;cursor:pointer}
.step:hover,.hdot:hover{stroke:#000}.sel{stroke:#000;stroke-width:3}
#detail{border:1px solid #ccc;padding:.8em;margin:1em 0;min-height:3em;background:#fafafa}
#detail .meta{color:#555;font-size:.9em}table{border-collapse:collapse;font-size:.85em}
td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
.legend span{display:inline-block;margin-right:1.2em}.sw{width:10px;height:10px;border-radius:5px}
"""

_JS = """
const steps = JSON.parse(document.getElementById('trace-data').textContent);
const box = document.getElementById('detail');
function show(i){
  const s = steps[i]; box.textContent = '';
  const meta = document.createElement('div'); meta.className = 'meta';
  meta.textContent = (s.date || s.year || '') + ' · ' + s.council_name + ' · ' + s.source
    + (s.agenda_item ? ' · punkt ' + s.agenda_item : '')
    + (s.kind === 'handover' ? ' · hand-over → ' + s.to_name : '');
  box.appendChild(meta);
  for (const t of s.sentences) {
    const p = document.createElement('p'); p.textContent = 'l. ' + t.line + ': ' + t.text; box.appendChild(p);
  }
  document.querySelectorAll('.sel').forEach(e => e.classList.remove('sel'));
  document.querySelectorAll('[data-i="' + i + '"]').forEach(e => e.classList.add('sel'));
}
document.querySelectorAll('[data-i]').forEach(e => e.addEventListener('click', () => show(+e.dataset.i)));
if (steps.length) show(0);
"""


def _lanes(steps: list[TraceStep]) -> list[tuple[str, str, str]]:
    lanes: list[tuple[str, str, str]] = []
    for s in steps:
        for c in (s.council, s.to_council):
            if c and council_key(c) not in lanes:
                lanes.append(council_key(c))
    return lanes


def _svg(steps: list[TraceStep], lanes: list[tuple[str, str, str]]) -> str:
    """Councils as lanes, steps placed in time, hand-overs as arrows to the receiving lane."""
    left, width, lane_h = 300, 760, 44
    times = [_when(s) for s in steps] or [0.0]
    lo, hi = min(times) - 0.5, max(times) + 0.5
    x_of = {id(s): left + (t - lo) / (hi - lo) * width for s, t in zip(steps, times, strict=True)}
    height = lane_h * len(lanes) + 40
    parts = [f'<svg width="{left + width + 40}" height="{height}" role="img">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#2f855a"/></marker></defs>']
    for year in range(int(lo) + 1, int(hi) + 1):
        x = left + (year - lo) / (hi - lo) * width
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 20}"/>'
                     f'<text class="yr" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>')
    for i, key in enumerate(lanes):
        name = council_name({"kind": key[0], "kommune": key[1] or None, "police_district": key[2] or None})
        y = 30 + i * lane_h
        parts.append(f'<line class="grid" x1="{left}" y1="{y}" x2="{left + width}" y2="{y}"/>'
                     f'<text class="lane" x="{left - 8}" y="{y + 4}" text-anchor="end">'
                     f'{html.escape(name)}</text>')
    for i, s in enumerate(steps):
        x, y = x_of[id(s)], 30 + lanes.index(council_key(s.council)) * lane_h
        tip = html.escape(f"{s.date or s.year} {council_name(s.council)}: {_short(s.evidence, 140)}")
        if s.kind == "handover" and s.to_council:
            x += 10  # beside the meeting's own mark
            y2 = 30 + lanes.index(council_key(s.to_council)) * lane_h
            y2 = y2 if y2 != y else y - 16
            parts.append(f'<path class="handover" d="M{x:.1f},{y} C{x + 30:.1f},{y} {x + 30:.1f},{y2} '
                         f'{x + 8:.1f},{y2}" marker-end="url(#arrow)"/>'
                         f'<rect class="hdot" data-i="{i}" x="{x - 5:.1f}" y="{y - 5}" width="10" '
                         f'height="10"><title>{tip}</title></rect>')
        else:
            cls = "step first" if s.first_in_council else "step mention"
            parts.append(f'<circle class="{cls}" data-i="{i}" cx="{x:.1f}" cy="{y}" r="7">'
                         f'<title>{tip}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def trace_html(steps: list[TraceStep], theme) -> str:  # noqa: ANN001
    """A self-contained timeline page: lanes per council, click a step for its sentences."""
    lanes = _lanes(steps)
    data = []
    for s in steps:
        d = s.to_json()
        d["council_name"], d["to_name"] = council_name(s.council), council_name(s.to_council)
        data.append(d)
    rows = "".join(
        f"<tr data-i=\"{i}\"><td>{html.escape(s.date or str(s.year or ''))}</td>"
        f"<td>{html.escape(council_name(s.council))}</td><td>{html.escape(s.kind)}"
        f"{html.escape(' → ' + council_name(s.to_council)) if s.to_council else ''}</td>"
        f"<td>{html.escape(s.source)}</td><td>{html.escape(s.agenda_item or '')}</td>"
        f"<td>{html.escape(s.evidence)}</td></tr>" for i, s in enumerate(steps))
    title = html.escape(f"{theme.label_da} — trace")
    return (f"<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{_CSS}</style></head><body><h1>{html.escape(theme.label_da)} "
            f"<small>({html.escape(theme.id)}, {len(steps)} steps)</small></h1>"
            "<p class=\"legend\"><span style=\"color:#2b6cb0\">● mention</span>"
            "<span style=\"color:#c05621\">● first in council</span>"
            "<span style=\"color:#2f855a\">■→ hand-over</span> Click a step to read its sentences.</p>"
            f"{_svg(steps, lanes)}<div id=\"detail\"></div>"
            "<table><thead><tr><th>date</th><th>council</th><th>kind</th><th>source</th><th>item</th>"
            f"<th>evidence</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<script type=\"application/json\" id=\"trace-data\">{_script_json(data)}</script>"
            f"<script>{_JS}</script></body></html>")


# ---------------------------------------------------------------------------------------------
# Council × year matrix


@dataclass
class ThemeMatrix:
    """Which themes each council dealt with each year (``kg themes``)."""

    councils: list[tuple[str, str, str]]  # (kind, kommune, police district)
    years: list[int]
    cells: dict[tuple[tuple[str, str, str], int], list[str]]

    def themes(self, council: tuple[str, str, str], year: int) -> list[str]:
        return self.cells.get((council, year), [])


def council_themes(store=None) -> ThemeMatrix:  # noqa: ANN001
    """The council × year matrix of themes, from the named query ``council-themes``."""
    from kg.themes import vocabulary

    order = {t.id: i for i, t in enumerate(vocabulary())}
    cells: dict[tuple[tuple[str, str, str], int], list[str]] = {}
    for r in _rows(store, "council-themes"):
        key = council_key({"kind": r.get("council_kind"), "kommune": r.get("kommune"),
                           "police_district": r.get("police_district")})
        cells.setdefault((key, int(r["year"])), []).append(str(r["theme"]))
    for themes in cells.values():
        themes.sort(key=lambda t: order.get(t, len(order)))
    councils = sorted({k for k, _ in cells}, key=lambda c: (c[2], c[1], c[0]))
    years = sorted({y for _, y in cells})
    return ThemeMatrix(councils, years, cells)


def _council_label(key: tuple[str, str, str]) -> str:
    return council_name({"kind": key[0], "kommune": key[1] or None, "police_district": key[2] or None})


def render_matrix(matrix: ThemeMatrix, fmt: str = "table") -> str:
    """Render the matrix as ``table`` (text), ``csv`` (one row per council and year) or ``html``."""
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["council_kind", "kommune", "police_district", "year", "themes"])
        for c in matrix.councils:
            for y in matrix.years:
                if matrix.themes(c, y):
                    writer.writerow([c[0], c[1], c[2], y, ";".join(matrix.themes(c, y))])
        return buf.getvalue()
    if fmt == "html":
        return matrix_html(matrix)
    if fmt == "table":
        return matrix_table(matrix)
    raise KgError(f"unknown format {fmt!r} (use table, csv or html)")


def matrix_table(matrix: ThemeMatrix) -> str:
    """Text view: one block per council, one line per year with its themes."""
    out: list[str] = []
    for c in matrix.councils:
        out.append(_council_label(c))
        out += [f"  {y}  {', '.join(matrix.themes(c, y))}" for y in matrix.years if matrix.themes(c, y)]
    return "\n".join(out) if out else "(no themes in the store)"


def matrix_html(matrix: ThemeMatrix) -> str:
    """A heat map: councils × years, shade = number of themes, the themes in each cell."""
    top = max((len(v) for v in matrix.cells.values()), default=1)
    head = "".join(f"<th>{y}</th>" for y in matrix.years)
    body = []
    for c in matrix.councils:
        cells = []
        for y in matrix.years:
            themes = matrix.themes(c, y)
            alpha = 0.12 + 0.78 * len(themes) / top if themes else 0
            cells.append(f"<td style=\"background:rgba(192,86,33,{alpha:.2f})\" "
                         f"title=\"{html.escape(', '.join(themes))}\">{len(themes) or ''}"
                         f"<div class=\"t\">{html.escape(', '.join(themes))}</div></td>")
        body.append(f"<tr><th>{html.escape(_council_label(c))}</th>{''.join(cells)}</tr>")
    css = ("body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}"
           "td,th{border:1px solid #ddd;padding:4px 6px;font-size:12px;vertical-align:top;text-align:left}"
           "td{min-width:80px}.t{font-size:10px;color:#333}")
    return ("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\">"
            f"<title>Temaer pr. råd og år</title><style>{css}</style></head><body>"
            "<h1>Themes per council and year</h1>"
            f"<table><thead><tr><th>council</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            "</body></html>")
