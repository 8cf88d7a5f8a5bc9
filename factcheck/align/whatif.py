"""A second look at near misses: would two statements align if their figures agreed?

The discrepancies a fact-checker wants most are in values, and a changed
value is exactly what pushes two reports of one fact apart: "sous 72 heures"
and "sous 48 heures" lose their shared number, part of their shared words and
some embedding similarity. So a candidate pair that scored below the threshold
but pairs values that measure the same thing (see :mod:`factcheck.pairing`)
is scored again with one side rewritten to carry the other side's figures and
dates. If that rewrite would align, the two sentences report one fact with
different values: they are grouped, and the compare stage reports the values.

The rewritten pair must pass the same threshold as any other pair: only the
disagreement on the values is forgiven, and only when it is plausible (figures
within NEAR_RATIO of each other, dates at most NEAR_DAYS apart). Pairs whose
values already agree are never rescored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from factcheck.align.score import Calibration, Profile, profile, score_pairs
from factcheck.extract.values import value_key
from factcheck.model import Embedder, Quantity, Span, Statement, TimeExpr
from factcheck.pairing import pair_statement_quantities, pair_times

# Outlets that get one event's date wrong are off by a day or a weekday, and a
# figure they disagree on stays within an order of magnitude; two dates or two
# figures further apart in sentences that share little are two facts.
NEAR_DAYS = 7
NEAR_RATIO = 10.0


def _close_but_different(a: Quantity, b: Quantity) -> bool:
    """Figures that differ by less than a factor NEAR_RATIO (in a common unit)."""
    (_, _, x), (_, _, y) = value_key(a), value_key(b)
    if x == y or x * y <= 0:
        return False
    return max(abs(x), abs(y)) / min(abs(x), abs(y)) < NEAR_RATIO


def _close_but_disjoint(a: TimeExpr, b: TimeExpr) -> bool:
    """Resolved intervals that do not meet but lie at most NEAR_DAYS apart."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    gap = max((b.start - a.end).days, (a.start - b.end).days)
    return 0 < gap <= NEAR_DAYS


def with_values_of(a: Statement, b: Statement) -> Statement | None:
    """``a`` rewritten with ``b``'s figures and nearby dates where the two pair but differ.

    None when no paired value differs. The rewritten statement keeps ``a``'s
    span position (its offsets are not meaningful, only its text): it is a
    hypothesis to score, never evidence to show.
    """
    if not (a.quantities and b.quantities) and not (a.times and b.times):
        return None  # nothing to pair: most candidate pairs, tried by the thousand
    edits: list[tuple[Span, Span]] = []
    quantities: list[Quantity] = list(a.quantities)
    times: list[TimeExpr] = list(a.times)
    for qa, qb, _ in pair_statement_quantities(a, b):
        if _close_but_different(qa, qb):
            edits.append((qa.span, qb.span))
            quantities[quantities.index(qa)] = qb
    for ta, tb in pair_times(a.times, b.times):
        if _close_but_disjoint(ta, tb):
            edits.append((ta.span, tb.span))
            times[times.index(ta)] = tb
    if not edits:
        return None
    text, base, last = a.span.text, a.span.start, a.span.end
    for old, new in sorted(edits, key=lambda e: e[0].start, reverse=True):
        if old.end > last or old.start < a.span.start:
            return None  # overlapping or stray spans: no clean rewrite
        text = text[: old.start - base] + new.text + text[old.end - base :]
        last = old.start
    return replace(
        a,
        span=replace(a.span, text=text, end=a.span.start + len(text)),
        quantities=tuple(quantities),
        times=tuple(times),
    )


def rescore(
    pairs: np.ndarray,
    scores: np.ndarray,
    statements: Sequence[Statement],
    profiles: Sequence[Profile],
    vectors: np.ndarray,
    weights: tuple[Mapping[str, float], Mapping[str, float]],
    cal: Calibration,
    embedder: Embedder,
    window: tuple[float, float],
) -> np.ndarray:
    """``scores`` raised to the what-if score of each pair whose score lies in ``window``.

    ``window`` is ``(floor, cut)``: pairs already above the cut need no second
    look, and those below the floor are too far apart for a changed figure to
    explain (the floor bounds the extra embedding work on large corpora).
    """
    floor, cut = window
    rows: list[int] = []
    variants: list[Statement] = []
    partners: list[int] = []
    for e in np.flatnonzero((scores >= floor) & (scores < cut)).tolist():
        i, j = int(pairs[e, 0]), int(pairs[e, 1])
        variant = with_values_of(statements[i], statements[j])
        if variant is not None:
            rows.append(e)
            variants.append(variant)
            partners.append(j)
    if not rows:
        return scores
    extra = embedder.embed([v.span.text for v in variants])
    cosines = np.einsum("ij,ij->i", extra, vectors[partners])
    n = len(profiles)
    extra_profiles = [profile(v) for v in variants]
    all_profiles = [*profiles, *extra_profiles]
    # A rewrite may join words into a token the corpus never had: weigh it as unique.
    tokens, anchors = dict(weights[0]), dict(weights[1])
    for p in extra_profiles:
        tokens.update((t, 1.0) for t in p.tokens if t not in tokens)
        anchors.update((k, 1.0) for k in p.anchors if k not in anchors)
    what_if = np.stack([np.arange(n, n + len(variants)), np.asarray(partners)], axis=1)
    out = scores.copy()
    rescored = score_pairs(what_if, cosines, all_profiles, (tokens, anchors), cal)
    out[rows] = np.maximum(scores[rows], rescored)
    return out
