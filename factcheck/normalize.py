"""A normalized view of text for matching, with a map back to original offsets.

Outlets write the same words with different typography: ``'`` or ``’``,
``"…"`` or ``« … »`` with no-break spaces, ``-`` or ``–``, narrow no-break
spaces inside numbers. Matching happens on the normalized view; evidence is
always reported on the original text through :meth:`NormalizedText.to_original`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = "'’‘ʼʹ`´′"
_QUOTES = '"«»“”„‟″'
_DASHES = "-‐‑‒–—―−"
_OPENING_QUOTES = "«“„‟"
_CLOSING_QUOTES = "»”"

_SINGLE = {c: "'" for c in _APOSTROPHES} | {c: '"' for c in _QUOTES} | {c: "-" for c in _DASHES}
# Runs of ASCII characters that normalize to themselves (up to case) and runs of
# white space are handled a run at a time: a 10 MB article normalizes in seconds.
_TOKEN = re.compile(
    r"(?P<plain>[A-Za-z0-9!#$%&()*+,./:;<=>?@\[\\\]^_{|}~]+)|(?P<space>\s+)|(?P<other>.)", re.DOTALL
)


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
    if ch.isspace():  # every Unicode space separator (Zs) is isspace() too
        return " "
    out = unicodedata.normalize("NFKC", ch)
    if strip_accents:
        out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    if casefold:
        out = out.casefold()
    return out


# Sentences are normalized again and again (by every extractor and comparer);
# the view is immutable, so one computation per text serves them all. Long
# texts (whole articles) are not kept: their offset maps are large.
MEMO_MAX_CHARS = 4000


def normalize(text: str, *, casefold: bool = True, strip_accents: bool = False) -> NormalizedText:
    """Return the normalized view of ``text`` with an offset map.

    Typographic variants of apostrophes, quotation marks, dashes and spaces
    become one form; runs of white space collapse to one space; spaces just
    inside French quotation marks (``« failles »``) are dropped; case is folded.
    """
    if len(text) <= MEMO_MAX_CHARS:
        return _normalize_memo(text, casefold, strip_accents)
    return _normalize(text, casefold, strip_accents)


def _normalize(text: str, casefold: bool, strip_accents: bool) -> NormalizedText:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    for token in _TOKEN.finditer(text):
        i, j = token.span()
        if token.lastgroup == "plain":
            out.append(token.group().lower() if casefold else token.group())
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        elif token.lastgroup == "space":
            after_open = i > 0 and text[i - 1] in _OPENING_QUOTES
            before_close = j < n and text[j] in _CLOSING_QUOTES
            if not (after_open or before_close) and starts and j < n:
                out.append(" ")
                starts.append(i)
                ends.append(j)
        else:
            piece = normalize_char(token.group(), casefold=casefold, strip_accents=strip_accents)
            out.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
    return NormalizedText("".join(out), tuple(starts), tuple(ends))


_normalize_memo = lru_cache(maxsize=100_000)(_normalize)


def norm(text: str, *, strip_accents: bool = False) -> str:
    """The normalized string only (for keys and comparisons)."""
    return normalize(text, strip_accents=strip_accents).text
