"""Unreadable files for the ingestion demo: each must give one clear error line, not a crash."""

from __future__ import annotations

import io
import random
import zipfile

KINDS = ("empty.txt", "binary.txt", "truncated.pdf", "encrypted.pdf", "not-a-docx.docx", "unknown.xyz")


def _pdf(encrypted: bool) -> bytes:
    """A small real PDF, optionally encrypted with a user password."""
    from fpdf import FPDF
    from render import FIXED_TIME

    pdf = FPDF()
    pdf.set_creation_date(FIXED_TIME)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Referat af kredsrådsmøde i Vejle Kommune den 3. marts 2015\n\nDeltagere:\n"
                         "Borgmester Jens Holm\nPolitidirektør Lis Bang")
    if encrypted:
        pdf.set_encryption(owner_password="ejer", user_password="hemmelig")
    return bytes(pdf.output())


def _not_docx() -> bytes:
    """A valid ZIP archive that holds no Word document."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("billeder/readme.txt", date_time=(2024, 1, 1, 0, 0, 0))
        z.writestr(info, "ikke et dokument")
    return buf.getvalue()


def bad_file(kind: str, rng: random.Random) -> bytes:
    """The bytes of one bad file of ``kind`` (one of :data:`KINDS`)."""
    if kind == "empty.txt":
        return b""
    if kind == "binary.txt":
        return bytes(rng.getrandbits(8) for _ in range(2048))
    if kind == "truncated.pdf":
        data = _pdf(False)
        return data[: len(data) // 3]
    if kind == "encrypted.pdf":
        return _pdf(True)
    if kind == "not-a-docx.docx":
        return _not_docx()
    return "Referat af et møde, men i et format som ingen kender.\n".encode()


def bad_files(count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` (name, bytes) pairs cycling through the kinds."""
    rng = random.Random(f"bad:{seed}")
    return [(KINDS[i % len(KINDS)], bad_file(KINDS[i % len(KINDS)], rng)) for i in range(count)]
