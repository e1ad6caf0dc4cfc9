"""The corpus generator (``benchmarks/generate.py``) and the sample corpus (``examples/``).

Checks that generation is deterministic, writes what it says, gives expected records of the spec's
shape, that its people recur over the years with changing titles, that each theme's text carries
only its own cues, and (smoke test) that the extraction reads generated documents correctly.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402
import layouts  # noqa: E402
import templates  # noqa: E402

THEME_IDS = [line.split("\t")[0] for line in
             (ROOT / "ontology" / "themes.tsv").read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
SPEC_KEYS = {"source", "document_type", "council", "date", "year", "place", "participants", "agenda",
             "projects", "themes"}
MIXED = "txt=50,md=10,pdf=20,docx=20"


def _files(folder: Path) -> dict[str, bytes]:
    """Every file the generator wrote for ``folder``: its documents and, beside it, its records."""
    files = [p for d in (folder, generate.expected_dir(folder)) for p in sorted(d.rglob("*")) if p.is_file()]
    return {str(p.relative_to(folder.parent)).removeprefix(folder.name): p.read_bytes() for p in files}


def _records(folder: Path) -> list[dict]:
    records = sorted(generate.expected_dir(folder).glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in records]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 text documents of seed 11."""
    out = tmp_path_factory.mktemp("corpus")
    generate.generate(out, 300, seed=11, formats="txt=90,md=10")
    return out


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    generate.generate(tmp_path / "a", 24, seed=5, formats=MIXED, bad=6)
    generate.generate(tmp_path / "b", 24, seed=5, formats=MIXED, bad=6)
    generate.generate(tmp_path / "c", 24, seed=5, formats=MIXED, bad=6, jobs=2)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a == b == c
    assert {Path(n).suffix for n in a} >= {".txt", ".md", ".pdf", ".docx", ".json"}


def test_another_seed_gives_other_documents(tmp_path: Path) -> None:
    generate.generate(tmp_path / "a", 10, seed=5, formats="txt")
    generate.generate(tmp_path / "b", 10, seed=6, formats="txt")
    assert _files(tmp_path / "a") != _files(tmp_path / "b")


def test_counts_of_documents_records_and_bad_files(tmp_path: Path) -> None:
    generate.main([str(tmp_path), "--documents", "17", "--seed", "2", "--formats", MIXED, "--bad", "6"])
    docs = [p for p in tmp_path.iterdir() if p.is_file() and p.name.startswith("doc_")]
    bad = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bad_"))
    assert len(docs) == 17
    records = generate.expected_dir(tmp_path).glob("*.json")
    assert sorted(p.stem for p in docs) == sorted(p.stem for p in records)
    assert len(bad) == 6
    assert {Path(n).suffix for n in bad} == {".txt", ".pdf", ".docx", ".xyz"}
    assert (tmp_path / "bad_00_empty.txt").read_bytes() == b""
    with zipfile.ZipFile(tmp_path / "bad_04_not-a-docx.docx") as z:
        assert "word/document.xml" not in z.namelist()
    assert not (tmp_path / "bad_02_truncated.pdf").read_bytes().rstrip().endswith(b"%%EOF")


def test_expected_records_have_the_spec_shape(corpus: Path) -> None:
    records = _records(corpus)
    assert len(records) == 300
    kinds = set()
    for r in records:
        assert set(r) == SPEC_KEYS
        assert (corpus / r["source"]).is_file()
        assert r["document_type"] in ("referat", "handlingsplan", "samarbejdsplan")
        kinds.add((r["document_type"], r["council"]["kind"]))
        assert r["council"]["police_district"].endswith("Politi")
        assert 2007 <= r["year"] <= 2025
        if r["document_type"] == "referat":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) and r["date"].startswith(str(r["year"]))
            assert [a["number"] for a in r["agenda"]] == [str(i) for i in range(1, len(r["agenda"]) + 1)]
        else:
            assert r["date"] is None and r["agenda"] == []
        for p in r["participants"]:
            assert p["side"] in ("kommune", "politi", "anden")
            assert p["status"] in ("present", "absent", "member")
            assert p["role"][0].isupper() and "referent" not in p["role"]
        assert r["themes"] and r["themes"] == sorted(r["themes"], key=THEME_IDS.index)
    assert kinds == {("referat", "kredsraad"), ("referat", "lokalraad"), ("referat", "faelles-kredsraad"),
                     ("handlingsplan", "lokalraad"), ("samarbejdsplan", "kredsraad")}


def test_every_expected_name_and_role_is_in_its_text(corpus: Path) -> None:
    for r in _records(corpus):
        text = (corpus / r["source"]).read_bytes()
        text = text.decode("utf-8-sig") if text.startswith(b"\xef\xbb\xbf") else _decode(text)
        folded = text.casefold()
        for p in r["participants"]:
            assert p["name"] in text, (r["source"], p["name"])
            assert p["role"].casefold() in folded, (r["source"], p["role"])
        for a in r["agenda"]:
            assert a["title"] in text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def test_people_recur_over_the_years_with_changing_titles(corpus: Path) -> None:
    seen: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for r in _records(corpus):
        for p in r["participants"]:
            seen[p["name"]].add((r["year"], p["role"]))
    recurring = [n for n, s in seen.items() if len({y for y, _ in s}) >= 2]
    promoted = [n for n, s in seen.items() if len({role for _, role in s}) >= 2]
    assert len(recurring) >= 30
    assert len(promoted) >= 5
    # a title never goes back down: the years of each title follow the career order
    for name in promoted:
        by_year = sorted(seen[name])
        first_year = {}
        for year, role in by_year:
            first_year.setdefault(role, year)
        assert len(set(first_year.values())) == len(first_year), (name, by_year)


def _cues() -> dict[str, list[str]]:
    rows = (ROOT / "ontology" / "themes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {c[0]: [w.strip().casefold() for w in c[3].split(";") if w.strip()]
            for c in (r.split("\t") for r in rows) if len(c) >= 4}


@pytest.mark.parametrize("theme", list(templates.THEMES))
def test_theme_text_has_its_own_cues_only(theme: str) -> None:
    cues = _cues()
    titles, paragraphs, projects = templates.THEMES[theme]
    for text in (*titles, *paragraphs, *projects, *templates.PROJECT_SENTENCES):
        low = unicodedata.normalize("NFC", text).casefold()
        others = [t for t, ws in cues.items() if t != theme and any(w in low for w in ws)]
        assert not others, (theme, text, others)
    for text in paragraphs:
        assert any(w in text.casefold() for w in cues[theme]), (theme, text)


def test_untitled_text_has_no_theme_cue() -> None:
    for text in (*templates.OPENING_TEXT, *templates.NEWS_TEXT, *templates.CLOSING_TEXT,
                 *templates.OPENING_ITEMS, *templates.NEWS_ITEMS, *templates.CLOSING_ITEMS,
                 *templates.HANDOVER_TO_LOKAL, *templates.HANDOVER_FROM_KREDS):
        assert not layouts.has_cue(text), text


def test_pdf_and_docx_carry_the_text(tmp_path: Path) -> None:
    import docx
    import pypdf

    docs = generate.generate(tmp_path, 12, seed=8, formats="pdf=1,docx=1")
    for d in docs:
        path = tmp_path / d.record["source"]
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        else:
            document = docx.Document(str(path))
            text = "\n".join(p.text for p in document.paragraphs)
            text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        flat = " ".join(text.split())
        for p in d.record["participants"]:
            assert " ".join(p["name"].split()) in flat, (path.name, p["name"])


# ---------------------------------------------------------------- the sample corpus

def test_every_example_has_an_expected_record() -> None:
    corpus, expected = ROOT / "examples" / "corpus", ROOT / "examples" / "expected"
    assert sorted(p.stem for p in corpus.iterdir()) == sorted(p.stem for p in expected.glob("*.json"))
    assert {p.suffix for p in corpus.iterdir()} == {".txt", ".md", ".docx", ".pdf"}
    for path in expected.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert set(record) == SPEC_KEYS and (corpus / record["source"]).is_file()


def test_example_binaries_are_reproducible(tmp_path: Path) -> None:
    import make_examples

    for path in make_examples.write_examples(tmp_path):
        if path.suffix == ".pdf" and not any(Path(d).is_dir() for d in ("/usr/share/fonts/truetype/dejavu",)):
            continue  # the committed PDF embeds DejaVu Sans; without it the bytes differ
        assert path.read_bytes() == (ROOT / "examples" / "corpus" / path.name).read_bytes(), path.name


# ---------------------------------------------------------------- extraction smoke test

def _norm(text: object) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    return " ".join(re.sub(r"[\"'().,:;]", " ", text).split())


def _f1(tp: int, pred: int, gold: int) -> float:
    if pred == gold == 0:
        return 1.0
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _add(tally: list[int], pred: object, gold: object) -> None:
    """Add true positives, predicted and expected counts of two sets to a tally."""
    tally[0] += len(pred & gold)  # type: ignore[operator]
    tally[1] += len(pred)  # type: ignore[arg-type]
    tally[2] += len(gold)  # type: ignore[arg-type]


def _agenda_key(item: dict) -> tuple[str, str]:
    return item["number"], _norm(item["title"])


def score(records: list[tuple[dict, dict]]) -> dict[str, float]:
    """Micro-averaged scores of (predicted, expected) spec records, like the shared scorer."""
    meta_ok = meta_n = 0
    tallies = {k: [0, 0, 0] for k in ("people", "themes", "agenda", "projects")}
    detail_ok = detail_n = 0
    for pred, gold in records:
        for key in ("document_type", "date", "year"):
            meta_ok += _norm(pred.get(key)) == _norm(gold.get(key))
            meta_n += 1
        for key in ("kind", "police_district", "kommune"):
            meta_ok += _norm(pred["council"].get(key)) == _norm(gold["council"].get(key))
            meta_n += 1
        pp = {_norm(p["name"]): p for p in pred["participants"]}
        gp = {_norm(p["name"]): p for p in gold["participants"]}
        _add(tallies["people"], pp.keys(), gp.keys())
        for name in pp.keys() & gp.keys():
            for key in ("role", "side", "status"):
                detail_ok += _norm(pp[name][key]) == _norm(gp[name][key])
                detail_n += 1
        for key, f in (("themes", str), ("projects", _norm), ("agenda", _agenda_key)):
            _add(tallies[key], {f(x) for x in pred[key]}, {f(x) for x in gold[key]})
    out = {k: _f1(*v) for k, v in tallies.items()}
    out["metadata"] = meta_ok / meta_n
    out["details"] = detail_ok / detail_n if detail_n else 1.0
    return out


def test_extraction_reads_generated_documents(tmp_path: Path) -> None:
    from kg.extract import extract

    docs = generate.generate(tmp_path, 30, seed=21, formats="txt=24,md=2,pdf=2,docx=2")
    pairs = [(extract(tmp_path / d.record["source"]).to_json(), d.record) for d in docs]
    s = score(pairs)
    print("extraction of 30 generated documents:", {k: round(v, 3) for k, v in s.items()})
    assert s["people"] >= 0.95
    assert s["details"] >= 0.95
    assert s["metadata"] >= 0.9
    assert s["agenda"] >= 0.9
    assert s["themes"] >= 0.9
    assert s["projects"] >= 0.6
