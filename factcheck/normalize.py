"""A normalized view of text for matching, with a map back to original offsets.

Outlets write the same words with different typography: ``'`` or ``’``,
``"…"`` or ``« … »`` with no-break spaces, ``-`` or ``–``, narrow no-break
spaces inside numbers. Matching happens on the normalized view; evidence is
always reported on the original text through :meth:`NormalizedText.to_original`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_APOSTROPHES = "'’‘ʼʹ`´′"
_QUOTES = '"«»“”„‟″'
_DASHES = "-‐‑‒–—―−"
_OPENING_QUOTES = "«“„‟"
_CLOSING_QUOTES = "»”"

_SINGLE = {c: "'" for c in _APOSTROPHES} | {c: '"' for c in _QUOTES} | {c: "-" for c in _DASHES}


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Zs"


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text; character ``i`` comes from ``original[starts[i]:ends[i]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` range to the original text's offsets."""
        if start >= end:
            if not self.starts:
                return (0, 0)
            pos = self.starts[start] if start < len(self.starts) else self.ends[-1]
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])


def normalize_char(ch: str, *, casefold: bool = True, strip_accents: bool = False) -> str:
    """Normalize one character (may return several, e.g. a ligature, or none)."""
    if ch in _SINGLE:
        return _SINGLE[ch]
    if _is_space(ch):
        return " "
    out = unicodedata.normalize("NFKC", ch)
    if strip_accents:
        out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    if casefold:
        out = out.casefold()
    return out


def normalize(text: str, *, casefold: bool = True, strip_accents: bool = False) -> NormalizedText:
    """Return the normalized view of ``text`` with an offset map.

    Typographic variants of apostrophes, quotation marks, dashes and spaces
    become one form; runs of white space collapse to one space; spaces just
    inside French quotation marks (``« failles »``) are dropped; case is folded.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if _is_space(ch):
            j = i
            while j < n and _is_space(text[j]):
                j += 1
            after_open = i > 0 and text[i - 1] in _OPENING_QUOTES
            before_close = j < n and text[j] in _CLOSING_QUOTES
            if not (after_open or before_close) and out and j < n:
                out.append(" ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        piece = normalize_char(ch, casefold=casefold, strip_accents=strip_accents)
        for c in piece:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    return NormalizedText("".join(out), tuple(starts), tuple(ends))


def norm(text: str, *, strip_accents: bool = False) -> str:
    """The normalized string only (for keys and comparisons)."""
    return normalize(text, strip_accents=strip_accents).text
