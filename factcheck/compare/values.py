"""value_mismatch and date_mismatch between aligned statements of different articles.

For each group and each pair of statements from two articles, quantities are
paired only when they measure the same thing (same kind, same currency or a
convertible duration unit, agreeing head nouns: the prison term with the
prison term, the fine with the fine); a value that has no partner is an
omission, never a contradiction. Paired values are compared as intervals
(qualifiers such as ``plus de`` widen them), then once more widened by the
rounding of the written figure (``60.000`` may be a round ``60 000``) to tell a
rounding-level difference (warning) from a contradiction (error for amounts,
durations, percentages and counts of people).

Dates are compared as day intervals: ``juillet`` lies inside ``l'été``.
Relative expressions left unresolved are never compared, nor are two relative
ones from articles published a week or more apart; yearless dates are compared
month against month (``--07`` against July 2025).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import functools
import json
import math
import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.compare import CompareContext
from factcheck.compare.clauses import governor, relative_tokens, same_governor
from factcheck.extract.dates import stated_weekday
from factcheck.extract.values import MEASURE_UNITS, RANGE
from factcheck.model import (
    Evidence,
    Finding,
    Group,
    Kind,
    Quantity,
    Severity,
    Span,
    Statement,
    TimeExpr,
    Vagueness,
    ValueKind,
)
from factcheck.normalize import norm
from factcheck.pairing import (
    binding_certainty,
    far_apart,
    magnitude,
    pair_statement_quantities,
    pair_times,
    places_differ,
    stated_days,
    unit_factor,
    yearless_months,
)

_CALIBRATION = Path(__file__).resolve().parent.parent / "align" / "value_calibration.json"


@functools.cache
def calibration() -> dict[str, Any]:
    """The calibrated factors and severity thresholds (``align/value_calibration.json``)."""
    data: dict[str, Any] = json.loads(_CALIBRATION.read_text(encoding="utf-8"))
    return data


_BOUNDS = (Vagueness.LOWER_BOUND, Vagueness.UPPER_BOUND)
_KIND_LABEL = {
    ValueKind.CURRENCY: "Amount",
    ValueKind.DURATION: "Duration",
    ValueKind.PERCENT: "Percentage",
    ValueKind.COUNT: "Count",
    ValueKind.ORDINAL: "Rank",
    ValueKind.LENGTH: "Distance",
    ValueKind.AREA: "Area",
}
_UNIT_NAMES = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
    "week": "weeks", "month": "months", "year": "years", "decade": "decades",
    "century": "centuries",
}  # fmt: skip


def compare_values(ctx: CompareContext) -> Iterator[Finding]:
    """value_mismatch and date_mismatch findings for every group (see the module docstring),
    one pair of statements at a time.

    A feed tells one fact in the same words many times: two statements are compared
    once per pair of distinct shapes (:func:`_shape`), not once per pair of
    statements (a group of n statements with k shapes: k² comparisons, not n²), and
    each pair's findings are built from its shapes' outcomes.
    """
    outcomes: dict[tuple[int, int], list[_Outcome]] = {}
    # Each distinct shape numbered once (hashing a shape reads all of it); statements
    # by object: a clause and its sentence may share a span, not their values.
    numbers: dict[Hashable, int] = {}
    shapes: dict[int, int] = {}

    def shape(st: Statement) -> int:
        if id(st) not in shapes:
            shapes[id(st)] = numbers.setdefault(_shape(ctx, st), len(numbers))
        return shapes[id(st)]

    # The same two sentences may sit in two overlapping groups: report them once. Only a
    # finding with a value seen in two places (two groups, or a clause and its
    # sentence) can come twice, so only those are remembered, not every pair.
    places: dict[tuple[str, int, int], int] = {}
    for group in ctx.groups:
        for st in group.statements:
            for span in [q.span for q in st.quantities] + [t.span for t in st.times]:
                where = (span.article, span.start, span.end)
                places[where] = places.get(where, 0) + 1
    seen: set[tuple[object, ...]] = set()
    for group in ctx.groups:
        statements = sorted(group.statements, key=lambda s: (s.article, s.span.start))
        # Read once per statement, not once per pair (a group of thousands has millions).
        articles = [st.article for st in statements]
        numbered = [shape(st) for st in statements]
        for i, a in enumerate(statements):
            for j in range(i + 1, len(statements)):
                if articles[i] == articles[j]:
                    continue
                b = statements[j]
                shapes_of = (numbered[i], numbered[j])
                if shapes_of not in outcomes:
                    outcomes[shapes_of] = (
                        _value_outcomes(a, b)
                        + _date_outcomes(ctx, a, b)
                        + _weekday_outcomes(ctx, a, b)
                        + _clock_outcomes(a, b)
                    )
                for finding in _findings(ctx, group, a, b, outcomes[shapes_of]):
                    spans = [e.span for e in finding.evidence]
                    if all(places[(s.article, s.start, s.end)] == 1 for s in spans):
                        yield finding
                        continue
                    key = (finding.kind, *spans)
                    if key not in seen:
                        seen.add(key)
                        yield finding


# ---------------------------------------------------------------- quantities


def rounding(value: float) -> float:
    """Half a unit of the last significant digit of a written figure.

    ``60000`` may stand for anything from 55 000 to 65 000; ``72`` for 71.5 to 72.5;
    ``1.43`` for 1.425 to 1.435.
    """
    if value == int(value):
        n, zeros = int(abs(value)), 0
        while n and n % 10 == 0:
            n //= 10
            zeros += 1
        return 0.5 * 10.0**zeros
    decimals = len(f"{abs(value):.10f}".rstrip("0").split(".")[1])
    return 0.5 * 10.0**-decimals


def _interval(q: Quantity, other: Quantity) -> tuple[float, float]:
    """``q``'s interval in a common unit, as compared with ``other``.

    A part of a total ("14 autres otages") stands for a total a few units larger
    (the ones the sentence names apart); a length converted from another unit
    ("10 miles" against "15 km") is loose by the conversion tolerance.
    """
    cal = calibration()["quantity"]
    f = unit_factor(q)
    low, high = q.low * f, q.high * f
    if q.part and not other.part and q.kind is ValueKind.COUNT:
        high += cal["part_slack"] * f
    if q.unit != other.unit and q.kind in MEASURE_UNITS:
        low, high = low * (1 - cal["unit_tolerance"]), high * (1 + cal["unit_tolerance"])
    return low, high


def _slack(q: Quantity) -> float:
    """How far a written figure may be from what it stands for, in the common unit: its
    rounding, except for a rank ("XIe siècle", "10th floor"), which is never rounded."""
    if q.kind is ValueKind.ORDINAL:
        return 0.5 * unit_factor(q)
    return rounding(q.value) * unit_factor(q)


def _disjoint(a: Quantity, b: Quantity, widen: bool) -> bool:
    """True when the intervals do not meet (after widening each by its rounding)."""
    (a_low, a_high), (b_low, b_high) = _interval(a, b), _interval(b, a)
    finite = [abs(x) for x in (a_low, a_high, b_low, b_high) if not math.isinf(x)]
    eps = 1e-9 * max([*finite, 1.0])
    if not widen:
        return a_high < b_low - eps or b_high < a_low - eps
    ra, rb = _slack(a), _slack(b)
    # Strict: figures whose rounding ranges only touch ("2" and "3") still differ.
    return a_high + ra <= b_low - rb + eps or b_high + rb <= a_low - ra + eps


_AMBIGUOUS_GROUP = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{3}(?![\d.,])")


def _grouping_ambiguity(a: Quantity, b: Quantity) -> bool:
    """True when a factor of 1000 comes from reading ``60.000`` or ``1,500`` in another
    convention than the writer's (a French figure in an English text): not a finding."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return (
        low > 0
        and abs(high / low - 1000) < 1e-6
        and any(_AMBIGUOUS_GROUP.search(q.span.text) for q in (a, b))
    )


def assess(
    a: Quantity, b: Quantity, heads_agree: bool, same_slot: bool = False
) -> tuple[Severity, float] | None:
    """Severity and confidence of a discrepancy between two paired quantities, or None
    when they are consistent (their intervals meet: "more than 300" and "312").

    Confidence is the product of the calibrated factors that apply (binding
    certainty, head agreement, rounding-level gap, places, order of magnitude,
    figures far apart); ``same_slot``: the two figures sit in the same words
    (:func:`same_slot`), which binds them as surely as a parse would.
    See ``align/value_calibration.json`` and docs/values.md.
    """
    if not _disjoint(a, b, widen=False) or _grouping_ambiguity(a, b):
        return None
    rounding_level = not _disjoint(a, b, widen=True)
    confidence = _confidence(a, b, heads_agree, same_slot)
    if rounding_level:
        confidence *= calibration()["quantity"]["rounding_level"]
    two_sources = a.source is not None and b.source is not None and a.source != b.source
    return _graded(confidence, cap_warning=rounding_level or two_sources), confidence


def _confidence(a: Quantity, b: Quantity, heads_agree: bool, same_slot: bool) -> float:
    """The product of the calibrated factors that say how surely two figures are one."""
    factors = calibration()["quantity"]
    binding = "bound" if same_slot else binding_certainty(a, b)
    confidence: float = factors["base"] * factors["binding"][binding]
    if not heads_agree:
        confidence *= factors["heads_disagree"]
    if places_differ(a, b):
        confidence *= factors["places_differ"]
    if magnitude(a) or magnitude(b):
        confidence *= factors["magnitude"]
    if far_apart(a, b, factors["far_ratio"]):
        confidence *= factors["far_apart"]
    return confidence


def _bounds_differ(a: Quantity, b: Quantity) -> bool:
    """Two bounds of one side ("at least 3 days" / "at least 7 days", "moins de 9 mois" /
    "moins de 6 mois") on figures that differ beyond rounding.

    They do not contradict each other (both can hold), but one outlet's floor is
    not the other's: worth a look, so :func:`_value_outcomes` reports them at info.
    """
    if a.vagueness is not b.vagueness or a.vagueness not in _BOUNDS:
        return False
    if _grouping_ambiguity(a, b):
        return False
    x, y = a.value * unit_factor(a), b.value * unit_factor(b)
    slack = _slack(a) + _slack(b)
    return abs(x - y) > slack


def _ranges_differ(a: Quantity, b: Quantity) -> bool:
    """Two ranges ("de 2 à 5 ans" / "de 2 à 10 ans") with an end that differs beyond
    the rounding of its figures.

    Overlapping ranges never contradict as intervals, yet a range states both its
    ends: one outlet's "2 to 10 years" is not another's "2 to 5 years".
    """
    if a.qualifier != RANGE or b.qualifier != RANGE or _grouping_ambiguity(a, b):
        return False
    fa, fb = unit_factor(a), unit_factor(b)
    # As in _disjoint: figures whose rounding ranges only touch ("20" / "30") differ.
    return any(
        abs(x * fa - y * fb) >= (rounding(x) * fa + rounding(y) * fb) * (1 - 1e-9)
        for x, y in ((a.low, b.low), (a.high, b.high))
    )


def _graded(confidence: float, cap_warning: bool) -> Severity:
    thresholds = calibration()["severity"]
    if confidence >= thresholds["error"] and not cap_warning:
        return Severity.ERROR
    return Severity.WARNING if confidence >= thresholds["warning"] else Severity.INFO


@dataclass(frozen=True)
class _Outcome:
    """A discrepancy between two statements, by the positions of its two values in
    them (``quantities`` for a value, ``times`` for a date): what a pair of
    statements of the same shapes gives again."""

    kind: Kind
    left: int
    right: int
    severity: Severity
    confidence: float
    # The message around the two outlets' names (the rest is the same for the shapes).
    words: tuple[str, str, str]

    @classmethod
    def of(
        cls,
        kind: Kind,
        a: Statement,
        va: Quantity | TimeExpr,
        b: Statement,
        vb: Quantity | TimeExpr,
        severity: Severity,
        confidence: float,
        words: tuple[str, str, str],
    ) -> _Outcome:
        """The outcome of ``va`` in ``a`` against ``vb`` in ``b`` (a figure or a date)."""
        items = (a.quantities, b.quantities) if kind is Kind.VALUE_MISMATCH else (a.times, b.times)
        return cls(kind, _index(items[0], va), _index(items[1], vb), severity, confidence, words)


def _relative(span: Span, origin: Span) -> Span:
    return Span("", span.start - origin.start, span.end - origin.start, span.text)


def _shape(ctx: CompareContext, st: Statement) -> Hashable:
    """What the comparison of a statement reads, wherever the statement is: its words,
    figures, dates and parse relative to its own start, and its article's date
    (relative dates are read against it). Two statements of one shape have the same
    outcomes against any third."""
    origin = st.span
    article = ctx.articles.get(st.article)
    return (
        st.span.text,
        article is not None,
        article.published if article is not None else None,
        tuple(dataclasses.replace(q, span=_relative(q.span, origin)) for q in st.quantities),
        tuple(dataclasses.replace(t, span=_relative(t.span, origin)) for t in st.times),
        relative_tokens(st),
    )


def _findings(
    ctx: CompareContext, group: Group, a: Statement, b: Statement, outcomes: Sequence[_Outcome]
) -> list[Finding]:
    """The findings of two statements from the outcomes of their shapes."""
    out = []
    for o in outcomes:
        if o.kind is Kind.VALUE_MISMATCH:
            qa, qb = a.quantities[o.left], b.quantities[o.right]
            evidence = (Evidence(qa.span, qa), Evidence(qb.span, qb))
        else:
            ta, tb = a.times[o.left], b.times[o.right]
            evidence = (Evidence(ta.span, ta), Evidence(tb.span, tb))
        first, between, last = o.words
        out.append(
            Finding(
                kind=o.kind,
                severity=o.severity,
                confidence=_scaled(o.confidence, group),
                message=first + _name(ctx, a.article) + between + _name(ctx, b.article) + last,
                evidence=evidence,
                group=group.id,
            )
        )
    return out


def _value_outcomes(a: Statement, b: Statement) -> list[_Outcome]:
    out = []
    pairs = pair_statement_quantities(a, b)
    for qa, qb, heads_agree in pairs:
        slot = heads_agree and in_context(a.span, b.span, pairs, qa, qb)
        graded = assess(qa, qb, heads_agree, slot)
        if graded is not None:
            severity, confidence = graded
            words = _value_words(qa, qb, rounding_level=not _disjoint(qa, qb, widen=True))
        elif _bounds_differ(qa, qb):
            severity, confidence = Severity.INFO, _confidence(qa, qb, heads_agree, slot)
            words = _value_words(
                qa, qb, rounding_level=False, how=" (both are bounds: they may both hold)"
            )
        elif _ranges_differ(qa, qb):
            confidence = _confidence(qa, qb, heads_agree, slot)
            severity = _graded(confidence, cap_warning=True)
            words = _value_words(
                qa, qb, rounding_level=False, how=" (the ranges overlap, their ends differ)"
            )
        else:
            continue
        out.append(_Outcome.of(Kind.VALUE_MISMATCH, a, qa, b, qb, severity, confidence, words))
    return out


def _index(items: Sequence[object], item: object) -> int:
    """The position of ``item`` itself (not of an equal one) in ``items``."""
    return next(i for i, x in enumerate(items) if x is item)


_WORD = re.compile(r"\w+")


def _context(where: Span, q: Quantity, words: int) -> tuple[list[str], list[str]]:
    """Up to ``words`` words before and after a figure in its statement, normalized."""
    text = where.text
    lo, hi = q.span.start - where.start, q.span.end - where.start
    before = [norm(w, strip_accents=True) for w in _WORD.findall(text[:lo])][-words:]
    after = [norm(w, strip_accents=True) for w in _WORD.findall(text[hi:])][:words]
    return before, after


def same_slot(a: Span, qa: Quantity, b: Span, qb: Quantity) -> bool:
    """Whether two figures fill the same place in the same words: the words around them
    agree (``slot_words`` each side, ``slot_share`` of them, in order). Two outlets
    printing one sentence with another figure ("a fait 12 morts" / "a fait 19 morts")
    count the same thing, whatever the parse says."""
    cal = calibration()["quantity"]
    n, share = int(cal["slot_words"]), float(cal["slot_share"])
    (b1, a1), (b2, a2) = _context(a, qa, n), _context(b, qb, n)
    if min(len(b1) + len(a1), len(b2) + len(a2)) < n:
        return False  # too little context to tell
    same = difflib.SequenceMatcher(None, b1, b2).find_longest_match().size
    same += difflib.SequenceMatcher(None, a1, a2).find_longest_match().size
    return same >= share * max(len(b1) + len(a1), len(b2) + len(a2))


def in_context(
    a: Span, b: Span, pairs: Sequence[tuple[Quantity, Quantity, bool]], qa: Quantity, qb: Quantity
) -> bool:
    """Whether the words around two paired figures bind them to one thing, whatever the
    parse says: the same slot in the same words, or a sibling figure that agrees."""
    return same_slot(a, qa, b, qb) or _sibling_agrees(pairs, qa, qb)


def _sibling_agrees(
    pairs: Sequence[tuple[Quantity, Quantity, bool]], qa: Quantity, qb: Quantity
) -> bool:
    """Another figure of the two statements agrees, with its noun ("dix ministres et deux
    députés" / "trois ministres et deux députés"): the two statements give one list,
    so the figure that differs counts the same thing on both sides."""
    return any(
        heads and x is not qa and y is not qb and x.head is not None and x.value == y.value
        for x, y, heads in pairs
    )


def _scaled(confidence: float, group: Group) -> float:
    """A shaky alignment makes a shaky finding."""
    return round(confidence * (0.5 + 0.5 * max(0.0, min(1.0, group.confidence))), 3)


def format_quantity(q: Quantity) -> str:
    """A quantity for a message: ``60,000 EUR``, ``2 years``, ``more than 20,000``."""
    number = f"{q.value:,.2f}".rstrip("0").rstrip(".")
    if q.kind is ValueKind.CURRENCY:
        text = f"{number} {q.unit}"
    elif q.kind is ValueKind.PERCENT:
        text = f"{number} {'percentage points' if q.unit == 'pp' else '%'}"
    elif q.kind is ValueKind.DURATION:
        text = f"{number} {_UNIT_NAMES.get(q.unit or '', q.unit or '')}"
    elif q.kind is ValueKind.ORDINAL:
        text = f"#{number}"
    elif q.kind in MEASURE_UNITS:
        text = f"{number} {q.unit}"
    else:
        text = number
    if q.low != q.high:
        low = f"{q.low:,.2f}".rstrip("0").rstrip(".")
        high = "∞" if math.isinf(q.high) else f"{q.high:,.2f}".rstrip("0").rstrip(".")
        text += f" [{low}–{high}]"
    return text


def _name(ctx: CompareContext, article: str) -> str:
    found = ctx.articles.get(article)
    return found.label if found is not None else article


def _value_words(
    a: Quantity, b: Quantity, rounding_level: bool, how: str = ""
) -> tuple[str, str, str]:
    label = _KIND_LABEL.get(a.kind, "Value")
    about = a.head or b.head
    topic = f" ({about})" if about else ""
    if rounding_level:
        how = " (a rounding-level difference)"
    return (
        f"{label} differs{topic}: ",
        f" says {format_quantity(a)} (“{a.span.text}”), ",
        f" says {format_quantity(b)} (“{b.span.text}”){how}.",
    )


# --------------------------------------------------------------------- dates


def _months(t: TimeExpr) -> set[int]:
    if t.start is not None and t.end is not None:
        months: set[int] = set()
        day = t.start
        while day <= t.end and len(months) < 12:
            months.add(day.month)
            day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return months
    return yearless_months(t) or set()


def _month_day(t: TimeExpr) -> tuple[int, int] | None:
    if t.resolved and t.start == t.end and t.start is not None:
        return (t.start.month, t.start.day)
    label = t.label or ""
    if label.startswith("--") and len(label) == 7:
        return (int(label[2:4]), int(label[5:7]))
    return None


def times_compatible(a: TimeExpr, b: TimeExpr) -> bool:
    """True when two time expressions may name the same time (see the module docstring)."""
    if a.start is not None and a.end is not None and b.start is not None and b.end is not None:
        return a.start <= b.end and b.start <= a.end
    if not _months(a) & _months(b):
        return False
    da, db = _month_day(a), _month_day(b)
    return da is None or db is None or da == db


def _weekday_conflict(a: TimeExpr, b: TimeExpr) -> bool:
    """One side names a weekday that the other side's date is not ("mercredi 2 janvier"
    against a "vendredi" resolved to Friday 2 January), or both give one day of the
    month two weekdays ("mercredi 2 juillet" / "samedi 2 juillet", years unknown)."""
    if _same_date_named(a, b):
        return stated_weekday(a) != stated_weekday(b)
    for x, y in ((a, b), (b, a)):
        weekday = stated_weekday(x)
        day = y.start if y.start is not None and y.start == y.end else None
        if weekday is not None and day is not None and day.weekday() != weekday:
            return True
    return False


def _same_date_named(a: TimeExpr, b: TimeExpr) -> bool:
    """Both name the same day of the same month, each with a weekday in words."""
    day = _month_day(a)
    return (
        day is not None
        and day == _month_day(b)
        and stated_weekday(a) is not None
        and stated_weekday(b) is not None
    )


def _undated(ctx: CompareContext, article: str) -> bool:
    return article not in ctx.articles or ctx.articles[article].published is None


def _published_close(ctx: CompareContext, a: str, b: str) -> bool:
    """True when two articles came out within a week of each other.

    "vendredi" in a 2 January dispatch and "mercredi" in a 15 January one speak
    of different weeks: two relative dates from such articles are not the
    same event told twice, whatever the alignment says.
    """
    pa, pb = (ctx.articles[x].published if x in ctx.articles else None for x in (a, b))
    return pa is not None and pb is not None and abs((pa - pb).days) < 7


def _published_same_day(ctx: CompareContext, a: str, b: str) -> bool:
    """Two articles out on the same day: a weekday they disagree on is the same day told
    twice, not a weak hint, so it weighs as an inferred date (``weekdays_same_day``)."""
    pa, pb = (ctx.articles[x].published if x in ctx.articles else None for x in (a, b))
    return pa is not None and pa == pb


def format_time(t: TimeExpr) -> str:
    """A time expression for a message: ``2026-01-02``, ``July 2025``, ``2025-06-01 to …``."""
    if t.start is not None and t.end is not None:
        if t.start == t.end:
            return t.start.strftime("%a %Y-%m-%d")
        last = (t.end + dt.timedelta(days=1)).day == 1
        if t.start.day == 1 and last and t.start.month == t.end.month:
            return f"{calendar.month_name[t.start.month]} {t.start.year}"
        return f"{t.start.isoformat()} to {t.end.isoformat()}"
    day = _month_day(t)
    if day:
        return f"{calendar.month_name[day[0]]} {day[1]} (year unknown)"
    months = yearless_months(t) or set()
    return ", ".join(calendar.month_name[m] for m in sorted(months)) + " (year unknown)"


def _date_grade(
    a: TimeExpr, b: TimeExpr, weekdays_differ: bool, same_day: bool = False
) -> tuple[Severity, float]:
    """Severity and confidence of two dates that differ (factors in the calibration file).

    Only a weekday that disagrees with a date, two bare years ("en 1907", "in 1955":
    rarely the date of the reported event) or a month without a year are weak
    evidence; an inferred date (relative, unresolved) is at most a warning.
    """
    factors = calibration()["date"]
    inferred = a.relative or b.relative or not (a.resolved and b.resolved) or weekdays_differ
    if weekdays_differ:
        confidence = factors["weekdays_same_day" if same_day else "weekdays_only"]
    elif a.granularity == "year" and b.granularity == "year":
        confidence = factors["bare_years"]
    elif not (a.resolved and b.resolved):
        confidence = factors["yearless"]
    else:
        confidence = factors["inferred" if inferred else "resolved"]
    return _graded(confidence, cap_warning=inferred), confidence


def _two_events(a: Statement, b: Statement, ta: TimeExpr, tb: TimeExpr) -> bool:
    """Dates months apart said of different words: two events of the story, not one
    event misdated (one event's reports may use other verbs, "s'est déclaré mardi" /
    "broke out on Monday", but are rarely months apart)."""
    if not _months_apart(ta, tb):
        return False
    heads = (
        governor(a.tokens, ta.span.start, ta.span.end),
        governor(b.tokens, tb.span.start, tb.span.end),
    )
    return bool(heads[0] and heads[1] and not same_governor(heads[0], heads[1]))


def _months_apart(a: TimeExpr, b: TimeExpr) -> bool:
    """More than ``date.event_gap_days`` between the two dates (or their months, for a
    month without a year)."""
    gap = float(calibration()["date"]["event_gap_days"])
    if a.start and a.end and b.start and b.end:
        return (max(a.start, b.start) - min(a.end, b.end)).days > gap
    ma, mb = _months(a), _months(b)
    if not ma or not mb:
        return False
    distance = min(min(abs(x - y), 12 - abs(x - y)) for x in ma for y in mb)
    return distance * 30 > gap


def _date_outcomes(ctx: CompareContext, a: Statement, b: Statement) -> list[_Outcome]:
    out = []
    for ta, tb in pair_times(a.times, b.times):
        if ta.relative and tb.relative and not _published_close(ctx, a.article, b.article):
            continue
        weekdays_differ = _weekday_conflict(ta, tb)
        if times_compatible(ta, tb) and not weekdays_differ:
            continue
        same_day = weekdays_differ and _published_same_day(ctx, a.article, b.article)
        severity, confidence = _date_grade(ta, tb, weekdays_differ, same_day)
        if _two_events(a, b, ta, tb):
            # "became a country in July" / "voted in January": dates of two events.
            confidence *= calibration()["date"]["governors_differ"]
            severity = _graded(confidence, cap_warning=True)
        if any(t.relative and _undated(ctx, t.span.article) for t in (ta, tb)):
            # "this week" in an article with no date of its own was read against
            # another article's date: a guess, shown at info.
            confidence *= calibration()["date"]["undated_relative"]
            severity = _graded(confidence, cap_warning=True)
        words = (
            "Date differs: ",
            f" says {format_time(ta)} (“{ta.span.text}”), ",
            f" says {format_time(tb)} (“{tb.span.text}”)"
            f"{' (the weekdays differ)' if weekdays_differ else ''}.",
        )
        out.append(_Outcome.of(Kind.DATE_MISMATCH, a, ta, b, tb, severity, confidence, words))
    return out


def _weekday_outcomes(ctx: CompareContext, a: Statement, b: Statement) -> list[_Outcome]:
    """A bare weekday of an undated article against the other statement's day, at info.

    Without a publication date "vendredi" cannot be placed, so it pairs with no
    date (:func:`factcheck.pairing.time_class`). Days (a bare weekday of an undated
    article, a day of the month with its weekday in words, or a resolved date) are
    matched when each statement names one, or, in statements naming several, when
    each is the only day said of one word on its side ("est arrivée jeudi" /
    "arriverait vendredi"); when at least one of the two is a bare weekday, their
    weekdays must still agree if they tell one event: a difference is worth a look,
    never a warning, since the unplaced weekday may be of another week (undated
    dispatches of several days name several events' days).
    """
    out = []
    for (ta, wa), (tb, wb) in _matched_days(ctx, a, b):
        placed = (ta.start is not None and tb.start is not None) or (
            _month_day(ta) is not None and _month_day(tb) is not None
        )
        if wa == wb or placed:
            continue  # dates are compared as dates
        factors = calibration()["date"]
        confidence = factors["weekdays_only"] * factors["undated_relative"]
        words = (
            "Weekday differs: ",
            f" says “{ta.span.text}” ({calendar.day_name[wa]}), ",
            f" says “{tb.span.text}” ({calendar.day_name[wb]}); an undated weekday may"
            " be of another week.",
        )
        out.append(_Outcome.of(Kind.DATE_MISMATCH, a, ta, b, tb, Severity.INFO, confidence, words))
    return out


_Day = tuple[TimeExpr, int]


def _matched_days(ctx: CompareContext, a: Statement, b: Statement) -> list[tuple[_Day, _Day]]:
    """The days of two statements that tell one day: the only day of each, or the only
    day each says of one word (its governor in the parse)."""
    days_a, days_b = _days(ctx, a), _days(ctx, b)
    if not days_a or not days_b:
        return []
    if len(_day_times(a)) == 1 and len(_day_times(b)) == 1:
        return [(days_a[0], days_b[0])]
    said_a, said_b = _said_of(a, days_a), _said_of(b, days_b)
    return [
        (day_a, day_b)
        for word_a, day_a in said_a.items()
        for word_b, day_b in said_b.items()
        if same_governor(word_a, word_b)
    ]


def _said_of(st: Statement, days: Sequence[_Day]) -> dict[str, _Day]:
    """Each word of the parse that exactly one day of ``st`` is said of, when that day's
    weekday is known, with that day."""
    times = _day_times(st)
    words = [governor(st.tokens, t.span.start, t.span.end) for t in times]
    # "vendredi et samedi": the parse hangs the second day on the first; both are
    # said of the first one's word.
    own = {
        norm(t.span.text.split()[0], strip_accents=True): w
        for t, w in zip(times, words, strict=True)
        if w is not None
    }
    said: dict[str, list[TimeExpr]] = {}
    for t, word in zip(times, words, strict=True):
        if word is not None:
            said.setdefault(own.get(word, word), []).append(t)
    weekday = {id(t): w for t, w in days}
    return {
        word: (told[0], weekday[id(told[0])])
        for word, told in said.items()
        if len(told) == 1 and id(told[0]) in weekday
    }


def _day_times(st: Statement) -> list[TimeExpr]:
    return [t for t in st.times if t.granularity in ("day", "weekday")]


def _days(ctx: CompareContext, st: Statement) -> list[_Day]:
    """The days of a statement whose weekday is known: resolved dates, days of the month
    with their weekday in words ("samedi 2 juillet"), and bare weekdays of an undated
    article ("vendredi", not "vendredi prochain": a qualified weekday places itself in
    another week than a bare one)."""
    out = []
    for t in _day_times(st):
        if t.start is not None and t.start == t.end:
            out.append((t, t.start.weekday()))
            continue
        weekday = stated_weekday(t)
        if weekday is None:
            continue
        bare = t.granularity == "weekday" and len(t.span.text.split()) == 1
        if _month_day(t) is not None or (bare and _undated(ctx, st.article)):
            out.append((t, weekday))
    return out


# --------------------------------------------------------------- clock times


def _clocks(statement: Statement) -> list[tuple[TimeExpr, tuple[int, int]]]:
    return [(t, t.clock) for t in statement.times if t.clock is not None]


def _zones_meet(a: TimeExpr, b: TimeExpr) -> bool:
    """Two times read in one zone: the same stated zone, or neither stated (local time)."""
    return (a.zone or "") == (b.zone or "")


def _clock_interval(clock: tuple[int, int]) -> tuple[int, int]:
    """A time of day widened by how precisely it is written: a minute ("14:53") is
    loose by ``clock_minutes``, a whole or half hour ("3 p.m.") by
    ``clock_hour_minutes`` (a rounded report); a period ("soir") is its own width."""
    low, high = clock
    if low == high:
        factors = calibration()["date"]
        slack = factors["clock_hour_minutes" if low % 30 == 0 else "clock_minutes"]
        low, high = low - slack, high + slack
    return low, high


def _clock_outcomes(a: Statement, b: Statement) -> list[_Outcome]:
    """date_mismatch for two times of day of one fact ("at 3:20 p.m." / "at 2:53 p.m.").

    Compared only when each statement states one time in a shared zone and their
    days, when both give one, are the same day. Times hours apart said of
    different words are two moments of the story ("attacked at 9 a.m.", "condemned
    at 6 p.m."): info — unless both are deadlines ("a exigé le retrait avant mardi
    soir" / "retirés avant mardi midi"), one limit told with other verbs. At most a
    warning: times of day are often reported loosely.
    """
    ca = [c for c in _clocks(a) if any(_zones_meet(c[0], u) for u, _ in _clocks(b))]
    cb = [c for c in _clocks(b) if any(_zones_meet(c[0], u) for u, _ in _clocks(a))]
    if len(ca) != 1 or len(cb) != 1:
        return []
    (ta, clock_a), (tb, clock_b) = ca[0], cb[0]
    days_a, days_b = stated_days(a.times), stated_days(b.times)
    if days_a and days_b and not days_a & days_b:
        return []
    (a_low, a_high), (b_low, b_high) = _clock_interval(clock_a), _clock_interval(clock_b)
    gap = max(a_low, b_low) - min(a_high, b_high)
    if gap <= 0:
        return []
    factors = calibration()["date"]
    confidence = factors["clock"]
    # The verb, not the nearest noun: a part of the day hangs on its day ("mardi soir").
    heads = (
        governor(a.tokens, ta.span.start, ta.span.end, ("VERB",)),
        governor(b.tokens, tb.span.start, tb.span.end, ("VERB",)),
    )
    if (
        gap > factors["clock_event_gap_minutes"]
        and not (ta.deadline and tb.deadline)  # one deadline, told with other verbs
        and heads[0]
        and heads[1]
        and not same_governor(heads[0], heads[1])
    ):
        confidence *= factors["governors_differ"]
    words = (
        "Time of day differs: ",
        f" says {ta.label} (“{ta.span.text}”), ",
        f" says {tb.label} (“{tb.span.text}”).",
    )
    severity = _graded(confidence, cap_warning=True)
    return [_Outcome.of(Kind.DATE_MISMATCH, a, ta, b, tb, severity, confidence, words)]
