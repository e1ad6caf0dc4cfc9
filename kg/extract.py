"""``extract``: one file in, one extraction record out (no graph involved)."""

from __future__ import annotations

from pathlib import Path

from kg.record import DocumentRecord


def extract(path: str | Path) -> DocumentRecord:
    """Read ``path`` (any supported format) and return its :class:`DocumentRecord`.

    Raises :class:`kg.errors.DocumentError` with a one-line reason when the file cannot be read.
    """
    from kg.loaders.base import extract_source
    from kg.sources import read_source

    return extract_source(read_source(path))


def format_table(record: DocumentRecord) -> str:
    """A readable plain-text view of a record (``kg extract --format table``)."""
    c = record.council
    out = [
        f"source         {record.source}",
        f"document_type  {record.document_type}",
        f"council        {c.kind} · {c.police_district or '-'} · {c.kommune or '-'}",
        f"date / year    {record.date or '-'} / {record.year or '-'}",
        f"place          {record.place or '-'}",
        "",
        f"participants ({len(record.participants)})",
    ]
    for p in record.participants:
        flags = "".join([" formand" if p.chair else "", " referent" if p.minute_taker else ""])
        out.append(f"  {p.name:<30} {p.role or '-':<40} {p.side:<8} {p.status}{flags}")
    out.append(f"agenda ({len(record.agenda)})")
    out += [f"  {a.number:>3}. {a.title}" for a in record.agenda]
    out.append(f"projects: {', '.join(record.projects) or '-'}")
    out.append(f"themes:   {', '.join(record.themes) or '-'}")
    return "\n".join(out)
