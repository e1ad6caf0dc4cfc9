"""The shared text clean-up (kg.text): characters, hyphenation, page furniture."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text import clean_pages, clean_text, join_hyphenated, normalize_chars, strip_page_furniture


def test_normalize_chars_nfc_spaces_soft_hyphens_ligatures() -> None:
    raw = "Ta\u030arnby\u00a0Kommune: ﬁnansiering af so\u00adcial\u200b indsats\r\nnæste linje  "
    assert normalize_chars(raw) == "Tårnby Kommune: finansiering af social indsats\nnæste linje"


def test_normalize_chars_keeps_smart_quotes_dashes_and_tabs() -> None:
    raw = "„Tryghed“ – “citat” ‘x’ «y» — a\tb"
    assert normalize_chars(raw) == raw


def test_normalize_chars_word_bullets_and_line_separators() -> None:
    assert normalize_chars("\uf0b7 Punkt\u2028Næste") == "• Punkt\nNæste"


@pytest.mark.parametrize(("raw", "joined"), [
    ("samarbejdet med kom-\nmunerne", "samarbejdet med kommunerne"),
    ("Børne-\nog Ungeudvalget", "Børne- og Ungeudvalget"),
    ("Handicap-\nog Psykiatrichef", "Handicap- og Psykiatrichef"),
    ("sundheds-\neller socialområdet", "sundheds- eller socialområdet"),
    ("Ringkøbing-\nSkjern Kommune", "Ringkøbing-Skjern Kommune"),
    ("SSP-\nsamarbejdet", "SSP-samarbejdet"),
    ("COVID-\n19", "COVID-19"),
])
def test_join_hyphenated(raw: str, joined: str) -> None:
    assert join_hyphenated(raw) == joined


@pytest.mark.parametrize("raw", [
    "Børne- og kulturdirektør\nAnne Holm",  # hyphen not at the end of the line
    "Dagsorden -\npunkt 2",  # a dash after a space is not orddeling
    "Punkter:\n- tryghed\n- nattelivet",  # list dashes start lines
    "side 2 af 3 -\n",  # nothing follows
    "e-\nmail",  # one letter before the hyphen: not safely a word part
])
def test_join_hyphenated_leaves_other_hyphens(raw: str) -> None:
    assert join_hyphenated(raw) == raw


def test_join_hyphenated_keep_lines_preserves_line_count() -> None:
    raw = "Mødet med kom-\nmunerne i kredsen\nBørne-\nog Ungeudvalget\nslut"
    out = join_hyphenated(raw, keep_lines=True)
    assert out.split("\n") == ["Mødet med kommunerne", "i kredsen", "Børne- og", "Ungeudvalget", "slut"]


def test_join_hyphenated_chain() -> None:
    assert join_hyphenated("politi-\nkreds-\nrådet") == "politikredsrådet"


BODY = ["Mødet blev holdt på rådhuset", "Tilstede var borgmesteren", "Politiet orienterede om status",
        "Kredsrådet besluttede at fortsætte", "Eventuelt: intet"]


def _pages(n: int, header: str = "Kredsråd Fyn – referat 2023") -> list[str]:
    return [f"{header}\n{BODY[i - 1]}\n{BODY[-i]} {i * 7}\nSide {i} af {n}" for i in range(1, n + 1)]


def test_strip_page_furniture_headers_and_side_n_af_m() -> None:
    out = strip_page_furniture(_pages(4))
    assert out[0] == f"{BODY[0]}\n{BODY[-1]} 7"
    assert all("Kredsråd Fyn" not in p and "af 4" not in p for p in out)


def test_strip_page_furniture_numbered_header_lines() -> None:
    pages = [f"Referat kredsråd {i + 2}/9\n{BODY[i]}\n{BODY[i + 1]}" for i in range(3)]
    out = strip_page_furniture(pages)
    assert out == [f"{BODY[i]}\n{BODY[i + 1]}" for i in range(3)]


def test_strip_page_furniture_keeps_varying_lines_whose_numbers_do_not_follow_pages() -> None:
    pages = [f"Punkt {n}: {BODY[i]}\n{BODY[i + 1]}\n{BODY[i + 2]}" for i, n in enumerate((5, 9, 10))]
    assert strip_page_furniture(pages) == pages
    follow = [f"Punkt {i + 4}: referat\n{BODY[i]}\n{BODY[i + 2]}" for i in range(3)]
    assert strip_page_furniture(follow) == [f"{BODY[i]}\n{BODY[i + 2]}" for i in range(3)]


def test_strip_page_furniture_needs_half_the_pages() -> None:
    # a footer following the page number on 2 of 5 pages, a header on page 1 only: both are kept
    pages = [f"Afsnit {'ABCDE'[i]}\n{BODY[i]}\n{BODY[(i + 1) % 5]}\nNote {'vwxyz'[i]}" for i in range(5)]
    pages[0] = pages[0].replace("Afsnit A", "Fælles overskrift")
    pages[0], pages[1] = pages[0] + "\nSlut på side 1", pages[1] + "\nSlut på side 2"
    assert strip_page_furniture(pages) == pages
    pages[2] += "\nSlut på side 3"  # now on 3 of 5
    assert "Slut på side" not in "".join(strip_page_furniture(pages))


def test_strip_page_furniture_lone_page_numbers_and_dashes() -> None:
    pages = ["Tekst\n- 1 -", "Mere tekst\n2", "Slut\nPage 3 of 3"]
    assert strip_page_furniture(pages) == ["Tekst", "Mere tekst", "Slut"]


def test_strip_page_furniture_keep_lines_blanks_instead() -> None:
    out = strip_page_furniture(_pages(3), keep_lines=True)
    assert [len(p.split("\n")) for p in out] == [4, 4, 4]
    assert out[1].split("\n")[0] == "" and out[1].split("\n")[1] == BODY[1]


def test_clean_pages_joins_hyphen_across_page_break() -> None:
    pages = ["Hdr\nSamarbejdet med kom-\nSide 1 af 2", "Hdr\nmunerne fortsætter\nSide 2 af 2"]
    assert clean_pages(pages) == "Samarbejdet med kommunerne fortsætter"


def test_clean_text_form_feed_pages_keep_lines() -> None:
    raw = "Hdr A\nFørste side\nSide 1 af 2\n\fHdr A\nAnden tekst\nSide 2 af 2\n"
    out = clean_text(raw, keep_lines=True)
    assert len(out.split("\n")) == len(raw.split("\n"))
    assert out.split("\n")[1] == "Første side" and out.split("\n")[4] == "Anden tekst"
    assert "Hdr" not in out and "Side" not in out


_TEXTS = st.text(alphabet=st.sampled_from(list("abcæøåABØ -\n\t\f.1\u00ad\u00a0“”")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_property_keep_lines_never_changes_the_line_count(text: str) -> None:
    normalized = normalize_chars(text)
    assert len(clean_text(text, keep_lines=True).split("\n")) == len(normalized.split("\n"))


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_property_hyphen_joining_loses_no_letters(text: str) -> None:
    text = normalize_chars(text).replace("\f", "")
    letters = sorted(c for c in text if c.isalnum())
    for keep in (False, True):
        assert sorted(c for c in join_hyphenated(text, keep_lines=keep) if c.isalnum()) == letters
