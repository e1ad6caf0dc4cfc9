"""Writing a document as plain text, PDF or DOCX, byte-for-byte deterministic.

A document is a list of *blocks*: ``("h", text)`` a heading, ``("p", text)`` a paragraph (may hold
several lines), ``("table", rows)`` an attendee table (first row is the header). The same blocks
give the ``.txt`` text (tables as TAB-separated lines), a PDF (fpdf2, a font with æ, ø, å) and a
DOCX (python-docx, tables as real Word tables). fpdf2 and python-docx are imported inside the
functions that need them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

Block = tuple[str, object]

#: fixed timestamp written into PDF and DOCX metadata so that output is the same on every run
FIXED_TIME = datetime(2024, 1, 1, tzinfo=UTC)
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def blocks_to_text(blocks: list[Block], markdown: bool = False) -> str:
    """The plain-text form: blocks separated by a blank line, table cells by TAB.

    With ``markdown`` headings get ``##`` and tables become Markdown tables.
    """
    parts: list[str] = []
    for kind, value in blocks:
        if kind == "table" and markdown:
            rows = list(value)  # type: ignore[call-overload]
            lines = ["| " + " | ".join(r) + " |" for r in rows]
            lines.insert(1, "|" + "---|" * len(rows[0]))
            parts.append("\n".join(lines))
        elif kind == "table":
            parts.append("\n".join("\t".join(row) for row in value[1:]))  # type: ignore[index]
        elif kind == "h" and markdown:
            parts.append(f"## {value}")
        else:
            parts.append(str(value))
    return "\n\n".join(parts) + "\n"


def _dejavu() -> tuple[Path, Path] | None:
    """Regular and bold DejaVu Sans, if installed."""
    for d in _FONT_DIRS:
        reg, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if reg.exists() and bold.exists():
            return reg, bold
    return None


def blocks_to_pdf(blocks: list[Block], footer: str = "", unicode_font: bool = True) -> bytes:
    """A PDF with a text layer; ``footer`` plus the page number is printed on every page.

    ``unicode_font`` embeds DejaVu Sans (slow: about 0.4 s a file); otherwise the core Helvetica font
    is used, whose Latin-1 encoding still covers æ, ø and å.
    """
    from fpdf import FPDF

    class _Pdf(FPDF):
        def footer(self) -> None:  # noqa: D102 - fpdf2 hook
            self.set_y(-15)
            self.set_font(family, size=8)
            self.cell(0, 10, f"{footer}   Side {self.page_no()}".strip(), align="C")

    pdf = _Pdf(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    fonts = _dejavu() if unicode_font else None
    if fonts:
        family = "DejaVu"
        pdf.add_font(family, "", str(fonts[0]))
        pdf.add_font(family, "B", str(fonts[1]))
    else:  # the core fonts are Latin-1, which still covers æ, ø, å
        family = "Helvetica"
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for kind, value in blocks:
        _pdf_block(pdf, family, kind, value)
    return bytes(pdf.output())


def _pdf_block(pdf: object, family: str, kind: str, value: object) -> None:
    """Write one block to an fpdf2 document."""
    w = pdf.epw  # type: ignore[attr-defined]
    if kind == "h":
        pdf.set_font(family, "B", 13)  # type: ignore[attr-defined]
        pdf.multi_cell(w, 7, str(value), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    elif kind == "table":
        pdf.set_font(family, "", 10)  # type: ignore[attr-defined]
        for row in value[1:]:  # type: ignore[index]
            pdf.multi_cell(w, 5.5, "    ".join(row), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    else:
        pdf.set_font(family, "", 10.5)  # type: ignore[attr-defined]
        pdf.multi_cell(w, 5.5, str(value), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(3)  # type: ignore[attr-defined]


def blocks_to_docx(blocks: list[Block]) -> bytes:
    """A DOCX: headings, paragraphs (one per line) and Word tables; fixed metadata and zip dates."""
    import docx

    doc = docx.Document()
    props = doc.core_properties
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.author = props.last_modified_by = "Kredsgraf"
    for kind, value in blocks:
        if kind == "h":
            doc.add_heading(str(value), level=2)
        elif kind == "table":
            rows = list(value)  # type: ignore[call-overload]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            for line in str(value).split("\n"):
                doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed entry dates and order, so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
