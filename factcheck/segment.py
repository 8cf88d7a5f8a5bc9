"""The segment stage: an article's text cut into sentences and paragraphs, with offsets.

A rule-based splitter, chosen over spaCy's and pysbd's by measurement on the
seeds (see docs/input.md): it knows French and English abbreviations
(``M.``, ``Mme``, ``Dr.``, ``Jan.``), initials, numbers (``60.000``, ``1,43``),
never splits inside a quotation, and joins a line that continues the previous
one (an attribution the outlet broke onto its own line: ``« … »\\n, a écrit X``).
Excluded ranges (boilerplate) are hard boundaries, so each segment is either
all prose or all excluded. Everything is linear in the text length.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from factcheck.model import Article, Segment
from factcheck.text import line_spans

# Longer "sentences" (a 10 MB line without punctuation) are cut at white space:
# downstream stages (encoders, extractors) then stay bounded.
MAX_SENTENCE_CHARS = 2000
# A quotation longer than this is not trusted to be balanced: splits inside are allowed.
MAX_QUOTE_CHARS = 1500

# Words that end with a period without ending the sentence (compared case-folded).
_ABBREVIATION_WORDS = """m mm mme mmes mlle mlles mgr dr drs pr prof st ste sts cf p pp art al av bd
    boul vol chap fig éd env hab n° tél vs approx mr mrs ms messrs jr sr gen gov sen rep rev lt
    capt sgt cmdr adm corp dept inc ltd bros jan feb mar apr jun jul aug sep oct nov dec
    janv févr fév avr juil déc"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# Sentence-final punctuation, with any closing quotes or brackets that follow it.
# The look-behind starts a match only at the first mark of a run: "……" without
# white space after it would otherwise be rescanned from every mark (quadratic).
_END = re.compile(r"(?<![.!?…])[.!?…]+(?:[ \u00a0\u202f]?[»”\"’')\]])*(?=\s)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\.?$")
_NEXT = re.compile(r"\s+(\S)")
# Besides capitals and digits, what may start a new sentence: an opening quote or a dash.
_STARTERS = "«“\"'‘([¿¡—–-"
_OPENERS = {"«": "»", "“": "”"}
_QUOTE_CHARS = re.compile(r"[«»“”\"]")


def segment(article: Article) -> list[Segment]:
    """Split ``article.text`` into sentences tagged with paragraph index and exclusion reason."""
    text = article.text
    cuts = sorted({pos for start, end, _ in article.excluded for pos in (start, end)})
    out: list[Segment] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for piece_start, piece_end in _cut(start, end, cuts):
            reason = _reason(article.excluded, piece_start, piece_end)
            for s, e in _sentences(text, piece_start, piece_end):
                out.append(Segment(article.span(s, e), paragraph, reason))
    return out


def _is_continuation(line: str) -> bool:
    """A line that carries on the previous one: it starts in lower case or with ``,`` ``»``…"""
    first = line.lstrip()[:1]
    return bool(first) and (first.islower() or first in ",;:.)]»”…")


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for text wrapped at a fixed width (e-mail, some wire exports).

    There every line but a paragraph's last is long and none exceeds the width,
    so the line breaks say nothing and only blank lines separate paragraphs.
    """
    inner = [
        end - start
        for (start, end), (nxt_start, nxt_end) in itertools.pairwise(lines)
        if text[start:end].strip() and text[nxt_start:nxt_end].strip()
    ]
    longest = max((end - start for start, end in lines), default=0)
    return len(inner) >= 4 and longest <= 100 and sum(n >= 50 for n in inner) >= 0.8 * len(inner)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Blocks of consecutive lines; a blank line or a non-continuation line starts a new one."""
    lines = line_spans(text)
    wrapped = _hard_wrapped(text, lines)
    block: tuple[int, int] | None = None
    blank_before = True
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            blank_before = True
            continue
        if block is not None and not blank_before and (wrapped or _is_continuation(line)):
            block = (block[0], end)
        else:
            if block is not None:
                yield block
            block = (start, end)
        blank_before = False
    if block is not None:
        yield block


def _cut(start: int, end: int, cuts: list[int]) -> Iterator[tuple[int, int]]:
    """Split ``[start, end)`` at every cut position strictly inside it."""
    pos = start
    for i in range(bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)):
        yield pos, cuts[i]
        pos = cuts[i]
    yield pos, end


def _reason(excluded: tuple[tuple[int, int, str], ...], start: int, end: int) -> str | None:
    """The exclusion reason of a piece (pieces never straddle an excluded range's edge)."""
    i = bisect.bisect_right(excluded, (start, float("inf"), "")) - 1
    if i >= 0:
        s, e, why = excluded[i]
        if s <= start and end <= e:
            return why
    return None


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Disjoint ranges covered by balanced quotations in ``text[start:end]``."""
    ranges = []
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    for m in _QUOTE_CHARS.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if ch in _OPENERS:
            stack.append((ch, pos))
        elif ch == '"':
            straight.append(pos)
        elif stack and _OPENERS[stack[-1][0]] == ch:
            opened = stack.pop()[1]
            if pos - opened <= MAX_QUOTE_CHARS:
                ranges.append((opened, pos))
    # Straight quotes cannot say which is which: trust them only when they pair up.
    if len(straight) % 2 == 0:
        ranges.extend(
            (a, b)
            for a, b in zip(straight[::2], straight[1::2], strict=True)
            if b - a <= MAX_QUOTE_CHARS
        )
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the ``.`` at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    m = _WORD_BEFORE.search(text, max(start, dot - 30), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial ("J. K. Rowling") or the end of "U.S.", "J.-C."
    return word.casefold() in _ABBREVIATIONS


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence ranges of ``text[start:end]``, stripped of surrounding white space."""
    quoted = _quoted(text, start, end)
    qi = 0
    pos = start
    for m in _END.finditer(text, start, end):
        boundary = m.end()
        while qi < len(quoted) and quoted[qi][1] < boundary:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] < boundary <= quoted[qi][1]:
            continue
        nxt = _NEXT.match(text, boundary, end)
        first = nxt.group(1) if nxt else ""
        if not (first.isupper() or first.isdigit() or (first and first in _STARTERS)):
            continue
        if (
            m.group().startswith(".")
            and len(m.group()) == 1
            and _is_abbreviation(text, pos, m.start())
        ):
            continue
        yield from _bounded(text, pos, boundary)
        pos = boundary
    yield from _bounded(text, pos, end)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Strip white space and cut pieces longer than MAX_SENTENCE_CHARS at white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", limit - 200, limit)
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end
