"""Case-insensitive patterns that scan long texts fast, with exactly the answers of ``re.IGNORECASE``.

Python's ``re`` cannot skip ahead to a candidate position when a case-insensitive pattern starts
with a letter, so scanning a whole document with an alternation of words costs every alternative
at every character. :class:`Caseless` lower-cases the text once and scans it with the same
pattern compiled case-sensitively (its words are written in lower case), which ``re`` can skip
through. That is the same answer wherever every character of the text is in :data:`SAFE_RANGES`
(Latin letters, punctuation, symbols): there a character lower-cases to one character, matches a
lower-case letter of the pattern under ``re.IGNORECASE`` exactly when its lower case *is* that
letter, and keeps its class (space, word character, digit, line break). Any other text (dotted
capital I, long s, Kelvin sign …) is scanned with the ``re.IGNORECASE`` pattern itself.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Protocol

#: characters for which the lower-cased scan is exact (checked for every one by tests/loaders)
SAFE_RANGES = ("\x00-\u012f", "\u0132-\u017e", "\u0180-\u024f", "\u2000-\u206f", "\u20a0-\u20cf",
               "\u2190-\u21ff", "\u2500-\u27bf")
_UNSAFE = re.compile("[^" + "".join(SAFE_RANGES) + "]")
_SYNTAX = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")  # escapes and group names: not text to match


_last: tuple[str, str | None] = ("", "")  # the last text lowered (one tuple: safe to share between threads)


def _lowered(text: str) -> str | None:
    """``text`` lower-cased when every character is safe, else None. The last answer is kept, since
    a loader scans the same document text with several patterns."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    lowered = text.lower() if _latin_1(text) or _UNSAFE.search(text) is None else None
    _last = (text, lowered)
    return lowered


def _latin_1(text: str) -> bool:
    """All characters below U+0100 (inside the first safe range): a copy, much cheaper than a scan."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


class Caseless:
    """A case-insensitive pattern whose letters are all lower case (e.g. ``stødte\\s+til|ankom``).

    Matches give the positions of the original text; their groups are of the lower-cased text.
    """

    __slots__ = ("pattern", "_exact", "_fast")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        literal = _SYNTAX.sub("", pattern)
        if literal != literal.lower() or _UNSAFE.search(literal):
            raise ValueError(f"a Caseless pattern is written in lower case, in safe characters: {pattern!r}")
        self.pattern = pattern
        self._exact = re.compile(pattern, flags | re.IGNORECASE)
        self._fast = re.compile(pattern, flags & ~re.IGNORECASE)

    def _scan(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = _lowered(text)
        return (self._fast, lowered) if lowered is not None else (self._exact, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern, scanned = self._scan(text)
        return pattern.search(scanned, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern, scanned = self._scan(text)
        return pattern.finditer(scanned, pos, endpos)


class _Finder(Protocol):
    def finditer(self, text: str) -> Iterator[re.Match[str]]: ...


def line_indexes(pattern: _Finder, text: str) -> list[int]:
    """Indexes (0-based, ascending) of the lines of ``text`` holding a match of ``pattern``, a
    pattern that never spans a line break: one scan of the whole text instead of one per line."""
    found: list[int] = []
    line = pos = 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if not found or found[-1] != line:
            found.append(line)
    return found
