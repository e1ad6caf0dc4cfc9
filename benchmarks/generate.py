"""Generate a corpus of realistic kredsråd/lokalråd documents with their expected records.

    python3 benchmarks/generate.py --documents 1000 --seed 7 OUT/
    python3 benchmarks/generate.py --documents 200 --formats txt=70,md=10,pdf=10,docx=10 --bad 6 OUT/

Writes ``OUT/doc_00000.txt`` … (referater of kredsråd, lokalråd and fælles kredsråd meetings,
lokalråd handlingsplaner and district samarbejdsplaner, 2007–2025, real kommuner and police
districts, invented people who recur with changing titles) and, for each, the expected extraction
record ``OUT-expected/doc_00000.json`` (beside OUT, so that ``kg build OUT`` sees documents only) in the
shape of the shared spec. The output is the same,
byte for byte, for the same seed and arguments. ``--bad K`` adds K unreadable files
(``bad_*``: empty, binary, truncated and encrypted PDF, a ZIP that is not a DOCX, an unknown kind).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import layouts  # noqa: E402
from world import World, build_world  # noqa: E402

DEFAULT_FORMATS = "txt=90,md=4,pdf=3,docx=3"
KINDS = (("kredsraad", 45), ("lokalraad", 22), ("faelles-kredsraad", 8), ("handlingsplan", 15),
         ("samarbejdsplan", 10))


@dataclass
class Doc:
    """One generated document: its blocks (see ``render``) and its expected record."""

    stem: str
    fmt: str
    blocks: list = field(default_factory=list)
    record: dict = field(default_factory=dict)


def parse_formats(spec: str) -> list[tuple[str, int]]:
    """``"txt=80,pdf=10,docx=10"`` or ``"txt,pdf"`` → [(format, weight)]."""
    out = []
    for part in spec.split(","):
        name, _, weight = part.strip().partition("=")
        if name not in ("txt", "md", "pdf", "docx"):
            raise SystemExit(f"unknown format {name!r} (txt, md, pdf, docx)")
        out.append((name, int(weight or 1)))
    return out


def pick(rng: random.Random, weighted: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> str:
    """A weighted choice."""
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def make_doc(world: World, seed: int, index: int, formats: list[tuple[str, int]]) -> Doc:
    """The document number ``index`` of a corpus (depends only on seed, index and formats)."""
    rng = random.Random(f"doc:{seed}:{index}")
    fmt, kind = pick(rng, formats), pick(rng, KINDS)
    doc = Doc(stem=f"doc_{index:05d}", fmt=fmt)
    year = rng.randint(2007, 2025)
    district = rng.choice(sorted(world.districts))
    kommune = rng.choice(world.districts[district])
    if kind == "handlingsplan":
        layouts.handlingsplan(doc, rng, world, kommune, year)
    elif kind == "samarbejdsplan":
        layouts.samarbejdsplan(doc, rng, world, district, year)
    else:
        layouts.referat(doc, rng, world, kind, district, kommune, year)
    doc.record["source"] = f"{doc.stem}.{fmt}"
    return doc


def expected_dir(out: Path) -> Path:
    """Where the expected records of the corpus in ``out`` go: ``OUT-expected`` beside it."""
    return out.parent / f"{out.name}-expected"


def write_doc(doc: Doc, out: Path) -> None:
    """Write the document in its format and its expected record."""
    from render import blocks_to_docx, blocks_to_pdf, blocks_to_text

    path = out / doc.record["source"]
    if doc.fmt == "pdf":
        path.write_bytes(blocks_to_pdf(doc.blocks, footer=doc.record.get("_footer", ""), unicode_font=False))
    elif doc.fmt == "docx":
        path.write_bytes(blocks_to_docx(doc.blocks))
    else:
        text = blocks_to_text(doc.blocks, markdown=doc.fmt == "md")
        path.write_bytes(_encode(text, doc.record.pop("_encoding", "utf-8")))
    doc.record.pop("_footer", None)
    doc.record.pop("_encoding", None)
    expected = expected_dir(out) / f"{doc.stem}.json"
    expected.write_text(json.dumps(doc.record, ensure_ascii=False) + "\n", encoding="utf-8")


def _encode(text: str, encoding: str) -> bytes:
    """Text bytes in the document's encoding (a few old documents are Windows-1252 or have a BOM)."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


def write_bad(out: Path, count: int, seed: int) -> list[Path]:
    """``count`` unreadable files for the ingestion demo (cycling through six kinds)."""
    from bad import bad_files

    written = []
    for i, (name, data) in enumerate(bad_files(count, seed)):
        path = out / f"bad_{i:02d}_{name}"
        path.write_bytes(data)
        written.append(path)
    return written


def _write_share(out: Path, documents: int, seed: int, formats: str, jobs: int, share: int) -> list[Doc]:
    """Write the documents ``share``, ``share + jobs``, … (one worker's part)."""
    world, fmts = build_world(seed), parse_formats(formats)
    docs = []
    for i in range(share, documents, jobs):
        doc = make_doc(world, seed, i, fmts)
        write_doc(doc, out)
        doc.blocks = []  # the text is on disk; keep the record only
        docs.append(doc)
    return docs


def generate(out: Path, documents: int, seed: int = 1, formats: str = DEFAULT_FORMATS,
             bad: int = 0, jobs: int = 1) -> list[Doc]:
    """Write ``documents`` documents (and ``bad`` bad files) to ``out``; return them in order.

    Each document depends only on the seed, its number and the formats, so ``jobs`` worker processes
    write the same bytes as one.
    """
    out.mkdir(parents=True, exist_ok=True)
    expected_dir(out).mkdir(exist_ok=True)
    parse_formats(formats)
    if jobs <= 1:
        docs = _write_share(out, documents, seed, formats, 1, 0)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            parts = pool.map(_write_share, *zip(*[(out, documents, seed, formats, jobs, k)
                                                  for k in range(jobs)], strict=True))
            docs = sorted((d for part in parts for d in part), key=lambda d: d.stem)
    write_bad(out, bad, seed)
    return docs


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--documents", "-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default=DEFAULT_FORMATS,
                    help=f"formats with weights, e.g. txt=80,pdf=10,docx=10 (default {DEFAULT_FORMATS})")
    ap.add_argument("--bad", type=int, default=0, help="also write this many unreadable files")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (same output for any number)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = generate(args.out, args.documents, args.seed, args.formats, args.bad, args.jobs)
    dt = time.perf_counter() - t0
    counts: dict[str, int] = {}
    for d in docs:
        counts[d.fmt] = counts.get(d.fmt, 0) + 1
    mix = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"wrote {len(docs)} documents ({mix}) and {args.bad} bad files to {args.out} in {dt:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
