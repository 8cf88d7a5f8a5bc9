"""One finding per fact: the consolidation stage, between compare and report assembly.

Comparers report pairs: five outlets giving a toll as 2, 4, 7, 12 and 19 are
ten pairwise findings, and a wire dispatch with two copies repeats each
difference once per copy. This stage merges them, for any finding kind:

- **one fact**: pairwise findings of one kind that share an evidence span
  (the same figure, speaker or quoted words) are about one fact and become one
  finding, whose ``values`` list every distinct value with every span, article
  and independent-source count (wire copies count once, :mod:`factcheck.families`).
  Info pairs (weak: often two figures of two facts) link apart from warning-or-
  louder ones and join a loud fact only when they add no value of their own;
- **evidence**: one span per distinct value (the disagreeing sides); the
  agreeing spans stay in ``values`` and the pairwise findings in ``pairs``.
  A consolidated finding's evidence therefore never pairs two outlets that agree;
- **severity by independence**: the comparers' severity when two independent
  sources disagree; a difference only between copies of one dispatch is at most
  a warning; the message says how many sources give each value
  ("4 sources say 12; 1 says 18");
- **revision**: when the values of a figure or date follow publication time
  (each value's articles all published before the next value's), the finding is
  a revision told as a timeline, at most a warning; an article that narrates the
  change itself ("porté à 19", "revised from 300 to 350") is not in conflict with
  the earlier figure, and when only such articles differ the finding is info.
  Same-time disagreements stay conflicts.

Pure: findings, groups, articles and families in, findings out. Linear in the
number of pairwise findings (1,000 values of one fact: about 500,000 pairs, one
finding).
"""

from __future__ import annotations

import datetime as _dt
import heapq
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.families import family_of
from factcheck.model import (
    WITHOUT,
    Article,
    EntityValue,
    Evidence,
    Finding,
    Kind,
    Polarity,
    Quantity,
    QuoteAttribution,
    QuoteWords,
    ReportedAttribution,
    Severity,
    SourceFamily,
    Span,
    TimeExpr,
    Vagueness,
    ValueVariant,
    value_label,
)
from factcheck.normalize import norm
from factcheck.text import when

# Pairwise findings kept in a consolidated finding's ``pairs`` (all are counted).
MAX_PAIRS = 50
# Values a message names (all are in ``values``): a message stays one readable line.
MAX_LISTED = 8
# Kinds whose values can be revised over time (a figure, a date).
REVISABLE = frozenset({Kind.VALUE_MISMATCH, Kind.DATE_MISMATCH})
# A publication time without a zone may be anywhere from UTC-12 to UTC+14.
_EARLIEST_ZONE = _dt.timedelta(hours=14)
_LATEST_ZONE = _dt.timedelta(hours=12)
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def consolidate(
    findings: Iterable[Finding],
    articles: Sequence[Article],
    families: Sequence[SourceFamily] = (),
) -> list[Finding]:
    """One finding per fact and kind (see the module docstring); other findings unchanged.

    ``findings`` is read once, as it comes: each fact keeps what its merged finding
    shows (the first MAX_PAIRS pairs, one evidence per span, counts and maxima), so
    memory grows with the facts and spans, not with the pairwise findings."""
    by_id = {a.id: a for a in articles}
    family = family_of(families)
    facts = _Facts()
    others = []
    for finding in findings:
        if _two_sided(finding):
            facts.add(finding, _independent(finding, family))
        else:
            others.append(finding)
    out = [_merge(fact, by_id, family) for fact in facts.in_order()]
    return [*out, *others]


def _two_sided(finding: Finding) -> bool:
    return len(finding.evidence) >= 2 and finding.kind is not Kind.SINGLE_SOURCE


@dataclass
class _Fact:
    """What the pairwise findings of one fact add up to, as far as the merged finding
    shows them."""

    first: int  # input position of its first finding
    pairs: list[tuple[int, Finding]]  # the first MAX_PAIRS, by input position
    count: int
    # Each evidence span at its first appearance: (input position, place in evidence).
    evidence: dict[tuple[str, int, int], tuple[int, int, Evidence]]
    severity: Severity  # the most severe
    independent: Severity | None  # the most severe between independent sources
    confidence: float
    group: tuple[int, str] | None  # the first group given

    @classmethod
    def of(cls, at: int, finding: Finding, independent: bool) -> _Fact:
        fact = cls(at, [], 0, {}, finding.severity, None, finding.confidence, None)
        fact.take(at, finding, independent)
        return fact

    def take(self, at: int, finding: Finding, independent: bool) -> None:
        """Add the finding at input position ``at``, after every finding it holds."""
        if len(self.pairs) < MAX_PAIRS:
            self.pairs.append((at, finding))
        self.count += 1
        for place, ev in enumerate(finding.evidence):
            self.evidence.setdefault((ev.span.article, ev.span.start, ev.span.end), (at, place, ev))
        self.severity = _most_severe(self.severity, finding.severity)
        if independent:
            self.independent = _most_severe(self.independent or finding.severity, finding.severity)
        self.confidence = max(self.confidence, finding.confidence)
        if self.group is None and finding.group is not None:
            self.group = (at, finding.group)

    def absorb(self, other: _Fact) -> None:
        self.first = min(self.first, other.first)
        self.pairs = list(heapq.merge(self.pairs, other.pairs, key=lambda p: p[0]))[:MAX_PAIRS]
        self.count += other.count
        for key, seen in other.evidence.items():
            if key not in self.evidence or seen[:2] < self.evidence[key][:2]:
                self.evidence[key] = seen
        self.severity = _most_severe(self.severity, other.severity)
        if other.independent is not None:
            self.independent = _most_severe(
                self.independent or other.independent, other.independent
            )
        self.confidence = max(self.confidence, other.confidence)
        if other.group is not None and (self.group is None or other.group < self.group):
            self.group = other.group


def _most_severe(a: Severity, b: Severity) -> Severity:
    return b if b.rank > a.rank else a


class _Facts:
    """Findings of one kind linked by a shared evidence span, gathered as they come
    (union-find over the spans)."""

    def __init__(self) -> None:
        self._count = 0
        # Facts by the position of their first finding; a finding joining a fact
        # adds nothing here (a fact may gather millions).
        self._parent: dict[int, int] = {}
        self._facts: dict[int, _Fact] = {}
        # Plain tuples: hashing the Span dataclass (with its text) dominated the cost.
        # The first item is the tier: warning-or-louder pairs and info pairs link facts
        # apart, so that weak pairs never chain unrelated figures into a loud finding.
        self._owner: dict[tuple[bool, Kind, str, int, int], int] = {}
        self._loud: dict[int, bool] = {}

    def _root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def add(self, finding: Finding, independent: bool) -> None:
        at = self._count
        self._count += 1
        kind = finding.kind
        loud = finding.severity.rank >= Severity.WARNING.rank
        keys = [
            (loud, kind, ev.span.article, ev.span.start, ev.span.end) for ev in finding.evidence
        ]
        # Linked across groups: the aligner may put one sentence in several overlapping
        # groups, and the same figure there is the same fact (measured on the five
        # development clusters: 66 warning+ findings linked across groups, 87 linked
        # only inside one group, with the same expected findings and must-not-flags).
        roots = sorted({self._root(self._owner[k]) for k in keys if k in self._owner})
        if not roots:
            target = self._parent[at] = at
            self._facts[at] = _Fact.of(at, finding, independent)
            self._loud[at] = loud
        else:
            target = roots[0]
            for root in roots[1:]:
                self._facts[target].absorb(self._facts.pop(root))
                self._parent[root] = target
            self._facts[target].take(at, finding, independent)
        for key in keys:
            self._owner.setdefault(key, target)

    def in_order(self) -> list[_Fact]:
        """The facts in the order of their first finding. A fact of info pairs joins
        the loud facts it shares spans with (and joins them into one) when it adds no
        value they lack (more outlets stating their values: "une douzaine" beside
        "12"); otherwise it stays a finding of its own, so that weak pairs never chain
        other figures into a loud finding."""
        for root, fact in list(self._facts.items()):
            if self._loud[root]:
                continue
            kind = fact.pairs[0][1].kind
            owners = {
                self._root(owner)
                for key in fact.evidence
                if (owner := self._owner.get((True, kind, *key))) is not None
            }
            if not owners:
                continue
            louds = sorted(owners)
            known = {
                _variant_key(ev) for at in louds for *_, ev in self._facts[at].evidence.values()
            }
            if all(_variant_key(ev) in known for *_, ev in fact.evidence.values()):
                target = self._facts[louds[0]]
                for at in louds[1:]:
                    target.absorb(self._facts.pop(at))
                    self._parent[at] = louds[0]
                target.absorb(self._facts.pop(root))
        return sorted(self._facts.values(), key=lambda fact: fact.first)


# ------------------------------------------------------------------ values


def _variant_key(ev: Evidence) -> tuple[object, ...]:
    """What makes two evidence spans state the same value, by value type."""
    v = ev.value
    if isinstance(v, Quantity):
        # "une centaine" and "près de 100" are one value written two ways: the
        # stated figure decides, not the interval its vagueness gives it.
        return ("quantity", v.kind, v.unit, v.value)
    if isinstance(v, TimeExpr):
        return ("time", v.start, v.end, v.label)
    if isinstance(v, (QuoteAttribution, ReportedAttribution)):
        return ("attribution", norm(v.speaker_entity or v.speaker))
    if isinstance(v, QuoteWords):
        return ("quote_words", norm(v.words))
    if isinstance(v, Polarity):
        return ("polarity", v.claim)
    if isinstance(v, EntityValue):
        return ("entity", norm(v.canonical))
    return ("text", norm(ev.span.text))


def _label(ev: Evidence) -> str:
    v = ev.value
    shown = value_label(v) or ev.span.text
    if isinstance(v, Quantity) and v.low != v.high:
        # An open upper end ("at least 40") shows as "…".
        shown += f" [{_bound(v.low)}–{_bound(v.high)}]"
    return shown


def _bound(x: object) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) and math.isfinite(x) else "…"


@dataclass
class _Variant:
    key: tuple[object, ...]
    evidence: list[Evidence]
    narrated: list[bool]  # per evidence: its sentence tells the change


def _variants(evidence: Sequence[Evidence], texts: Mapping[str, str]) -> list[_Variant]:
    """Evidence grouped by value (:func:`_variant_key`).

    Quantities whose intervals merely overlap ("4 %" and "3 to 4 %") stay two values:
    merging them by overlap chained different figures (18 with "around 20") and lost
    three expected findings of the development clusters."""
    keyed: dict[tuple[object, ...], list[Evidence]] = {}
    for ev in evidence:
        keyed.setdefault(_variant_key(ev), []).append(ev)
    if len(keyed) < 2 and len(evidence) >= 2:
        # The values read the same (typography): tell the sides apart by their text.
        keyed = {}
        for ev in evidence:
            keyed.setdefault(("text", norm(ev.span.text)), []).append(ev)
    return [
        _Variant(key, items, [_narrates(texts.get(e.span.article, ""), e.span) for e in items])
        for key, items in keyed.items()
    ]


# --------------------------------------------------------------- narration


def _cue_pattern() -> re.Pattern[str]:
    from factcheck.lexicon import LANGUAGES, table

    phrases = sorted(
        {
            str(p).lower()
            for lang in LANGUAGES
            for p in table(lang, "revision_cues").get("phrases", ())
        },
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.I)


_CUES: list[re.Pattern[str]] = []


def _narrates(text: str, span: Span) -> bool:
    """True when the sentence around ``span`` tells a change of figure ("porté à 19")."""
    if not _CUES:
        _CUES.append(_cue_pattern())
    lo = max(0, span.start - 300)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, span.start)]
    start = starts[-1] if starts else lo
    stop = _SENTENCE_END.search(text, span.end, min(len(text), span.end + 300))
    end = stop.start() if stop else min(len(text), span.end + 300)
    return bool(_CUES[0].search(text, start, end))


# ------------------------------------------------------------------- time


@dataclass(frozen=True)
class _Window:
    """When an article came out, as an interval; ``aware`` when in UTC."""

    start: _dt.datetime
    end: _dt.datetime
    aware: bool


def _window(article: Article | None) -> _Window | None:
    if article is None:
        return None
    if article.published_at is not None:
        at = article.published_at
        if at.tzinfo is not None and at.utcoffset() is not None:
            utc = at.astimezone(_dt.UTC).replace(tzinfo=None)
            return _Window(utc, utc, True)
        return _Window(at, at, False)
    if article.published is not None:
        start = _dt.datetime.combine(article.published, _dt.time())
        return _Window(start, start + _dt.timedelta(days=1), False)
    return None


def _before(a: _Window, b: _Window) -> bool:
    """True when ``a`` ends before ``b`` starts for sure (a naive local time
    compared with a UTC one may be in any zone)."""
    a_end, b_start = a.end, b.start
    if a.aware and not b.aware:
        b_start -= _EARLIEST_ZONE
    elif b.aware and not a.aware:
        a_end += _LATEST_ZONE
    return a_end < b_start


def _timeline(
    variants: Sequence[_Variant], articles: Mapping[str, Article]
) -> list[_Variant] | None:
    """The variants in publication order when their articles' times do not overlap, else None."""
    windows: list[list[_Window]] = []
    for variant in variants:
        # An editor's draft is not published yet: the references make the timeline.
        found = [
            _window(a)
            for ev in variant.evidence
            if (a := articles.get(ev.span.article)) is None or a.role != "draft"
        ]
        if not found or any(w is None for w in found):
            return None
        windows.append([w for w in found if w is not None])
    order = sorted(range(len(variants)), key=lambda i: min(w.start for w in windows[i]))
    for i, j in itertools.pairwise(order):
        if not all(_before(a, b) for a in windows[i] for b in windows[j]):
            return None
    return [variants[i] for i in order]


# ------------------------------------------------------------------ merge


def _merge(fact: _Fact, articles: Mapping[str, Article], family: Mapping[str, str]) -> Finding:
    evidence = [ev for *_, ev in sorted(fact.evidence.values(), key=lambda seen: seen[:2])]
    first = fact.pairs[0][1]
    texts = {aid: a.text for aid, a in articles.items()}
    variants = _variants(evidence, texts)
    kind = first.kind

    def source(aid: str) -> str:
        return family.get(aid, aid)

    # Severity by independence: a difference between independent sources keeps the
    # comparers' severity; one only between copies of one dispatch is at most a warning.
    severity = min(fact.severity, Severity.WARNING, key=lambda s: s.rank)
    if fact.independent is not None:
        # Copies that disagree still count (at most a warning) beside weaker
        # differences between independent sources.
        severity = max(severity, fact.independent, key=lambda s: s.rank)
    confidence = fact.confidence

    revision = False
    conflicting = [v for v in variants if not all(v.narrated)]
    ordered: list[_Variant] | None = None
    if kind in REVISABLE:
        if len(conflicting) <= 1 < len(variants):
            # Only articles that tell the change themselves differ: nobody is wrong.
            revision, severity = True, Severity.INFO
            ordered = conflicting + [v for v in variants if v not in conflicting]
        else:
            drafts = {aid for aid, a in articles.items() if a.role == "draft"}
            ordered = _timeline(
                [v for v in conflicting if any(e.span.article not in drafts for e in v.evidence)],
                articles,
            )
            if ordered is not None and len(ordered) > 1:
                revision = True
                severity = min(severity, Severity.WARNING, key=lambda s: s.rank)
                if any(e.span.article in drafts for e in ordered[-1].evidence):
                    severity = Severity.INFO  # the draft gives the latest figure
                ordered += [v for v in variants if v not in ordered]
            else:
                ordered = None
    if kind is Kind.ENTITY_MISMATCH and (
        _self_contradicting(conflicting) or _named_together(conflicting, texts)
    ):
        # One article naming two of the people or bodies (for the role, or anywhere in
        # its text) knows them as two actors of the story (two countries' prime
        # ministers; a president and his chief of staff), not as one in doubt.
        severity = Severity.INFO
    if ordered is None:
        ordered = sorted(
            variants,
            key=lambda v: (-_sources(v, source), _first(v, articles)),
        )
    values = tuple(_value(v, articles, source) for v in ordered)
    taken: set[str] = set()
    shown_list: list[Evidence] = []
    for v in ordered:
        sides = _sides(v, source, articles, taken)
        taken.update(ev.span.article for ev in sides)
        shown_list += sides
    shown = tuple(shown_list)
    group = fact.group[1] if fact.group is not None else None
    if fact.count == 1 and not revision:
        message = first.message
    else:
        message = _message(first, values, revision, articles)
    return Finding(
        kind=kind,
        severity=severity,
        confidence=confidence,
        message=message,
        evidence=shown,
        group=group,
        values=values,
        revision=revision,
        pairs=tuple(f for _, f in fact.pairs),
        pair_count=fact.count,
    )


def _self_contradicting(variants: Sequence[_Variant]) -> bool:
    """True when one article states two of the values (outside narrated changes)."""
    seen: set[str] = set()
    for v in variants:
        mine = {ev.span.article for ev, n in zip(v.evidence, v.narrated, strict=True) if not n}
        if seen & mine:
            return True
        seen |= mine
    return False


def _named_together(variants: Sequence[_Variant], texts: Mapping[str, str]) -> bool:
    """True when an article that takes no side names two of the values as written in
    the others (an article that does take a side may simply be inconsistent)."""
    names = [{ev.span.text for ev in v.evidence} for v in variants]
    sides = {ev.span.article for v in variants for ev in v.evidence}
    for aid, text in texts.items():
        if aid not in sides and sum(any(n in text for n in forms) for forms in names) >= 2:
            return True
    return False


def _independent(finding: Finding, family: Mapping[str, str]) -> bool:
    """True when the finding's sides come from two independent sources."""
    first = finding.evidence[0].span.article
    home = family.get(first, first)
    return any(family.get(ev.span.article, ev.span.article) != home for ev in finding.evidence)


def _sides(
    variant: _Variant,
    source: Callable[[str], str],
    articles: Mapping[str, Article],
    taken: set[str],
) -> list[Evidence]:
    """The spans of a value that go into the finding's evidence (the disagreeing sides).

    A value from one source (an article, or a dispatch and its copies) shows one
    span per article: each copy prints the disputed text. A value that independent
    sources agree on shows one span, the original's (:func:`_originality`): they
    corroborate each other, and evidence pairing two agreeing outlets would read
    as a discrepancy between them
    (measured on the development clusters: listing every span added two
    must-not-flag violations; one span per value lost two seeds expectations,
    the AFP dispatch's copy).
    """
    told = [ev for ev, n in zip(variant.evidence, variant.narrated, strict=True) if not n]
    candidates = told or variant.evidence
    if len({source(ev.span.article) for ev in candidates}) > 1:
        # An article already shown for another value would seem to contradict itself.
        return [
            min(
                candidates,
                key=lambda ev: (
                    ev.span.article in taken,
                    _originality(ev, articles.get(ev.span.article)),
                ),
            )
        ]
    return list({ev.span.article: ev for ev in reversed(candidates)}.values())[::-1]


def _originality(ev: Evidence, article: Article | None) -> tuple[int, int, _dt.datetime]:
    """Sort key that puts first the span closest to the origin of a value: an agency's
    own dispatch (its outlet is the agency it credits), then the figure stated
    exactly ("120" before "around 120"), then the earliest known time."""
    if article is None:
        return (2, 1, _dt.datetime.max)
    dispatch = article.outlet is not None and article.outlet in article.wire_credits
    vague = isinstance(ev.value, Quantity) and ev.value.vagueness is not Vagueness.EXACT
    return (0 if dispatch else 1, int(vague), _sort_time(article.published_at or _dt.datetime.max))


def _sources(variant: _Variant, source: Callable[[str], str]) -> int:
    return len({source(ev.span.article) for ev in variant.evidence})


def _first(variant: _Variant, articles: Mapping[str, Article]) -> tuple[str, int]:
    ev = min(variant.evidence, key=lambda e: (e.span.article, e.span.start))
    return (ev.span.article, ev.span.start)


def _value(
    variant: _Variant, articles: Mapping[str, Article], source: Callable[[str], str]
) -> ValueVariant:
    ids = list(dict.fromkeys(ev.span.article for ev in variant.evidence))
    times = [
        a.published_at
        for aid in ids
        if (a := articles.get(aid)) is not None and a.published_at is not None
    ]
    return ValueVariant(
        label=_label(variant.evidence[0]),
        evidence=tuple(variant.evidence),
        articles=tuple(ids),
        sources=len({source(aid) for aid in ids}),
        published_at=min(times, key=_sort_time) if times else None,
        narrated=all(variant.narrated),
    )


def _sort_time(moment: _dt.datetime) -> _dt.datetime:
    return moment.astimezone(_dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


# ---------------------------------------------------------------- message


def _outlets(ids: Iterable[str], articles: Mapping[str, Article]) -> str:
    return ", ".join(articles[a].label if a in articles else a for a in ids)


def _subject(first: Finding) -> str:
    """The comparer's own subject for the fact ("Count differs (person)"), when it gives one."""
    head, sep, _ = first.message.partition(":")
    return head if sep and len(head) <= 60 and "“" not in head else ""


# How a source states a value of each kind, and whether the value is words to quote.
_VERBS = {
    Kind.ATTRIBUTION_MISMATCH: ("credit", False),
    Kind.QUOTE_DRIFT: ("quote", True),
    Kind.ENTITY_MISMATCH: ("name", False),
}


def _message(
    first: Finding,
    values: Sequence[ValueVariant],
    revision: bool,
    articles: Mapping[str, Article],
) -> str:
    subject = _subject(first) or {
        Kind.ATTRIBUTION_MISMATCH: "Same quote, different speakers",
        Kind.QUOTE_DRIFT: "Same quote, different words",
        Kind.CONTRADICTION: "Accounts conflict",
        Kind.ENTITY_MISMATCH: "Different names in the same role",
    }.get(first.kind, "Values differ")
    drafts = {aid for aid, a in articles.items() if a.role == "draft"}
    if revision and all(not v.narrated for v in values):
        mine = [v for v in values if drafts & set(v.articles)]
        if mine:
            refs = [v for v in values if set(v.articles) - drafts]
            steps = " → ".join(f"{v.label} ({when(v.published_at) or '?'})" for v in refs)
            if drafts & set(refs[-1].articles):
                revised = subject.replace("differs", "revised")
                return f"{revised}: the draft gives the latest figure ({steps})."
            return (
                f"{subject}: the draft says {mine[0].label}; the references' figure changed "
                f"over time: {steps}, the latest being {refs[-1].label}."
            )
        steps = " → ".join(
            f"{v.label} ({_outlets(v.articles, articles)}"
            + (f", {when(v.published_at)}" if v.published_at else "")
            + ")"
            for v in values[:MAX_LISTED]
        )
        more = f" → … ({len(values) - MAX_LISTED} more)" if len(values) > MAX_LISTED else ""
        return f"{subject.replace('differs', 'revised')} over time: {steps}{more}."
    if revision:
        told = [v for v in values if v.narrated]
        rest = [v for v in values if not v.narrated]
        changed = ", ".join(f"{v.label} ({_outlets(v.articles, articles)})" for v in told)
        earlier = "; ".join(f"{v.label} ({_outlets(v.articles, articles)})" for v in rest)
        return (
            f"{subject.replace('differs', 'revised')}: the change to {changed} is told by the "
            f"article itself; the earlier figure: {earlier}."
        )
    verb, quoted = _VERBS.get(first.kind, ("say", False))
    parts = []
    for v in values[:MAX_LISTED]:
        said = verb + ("s" if v.sources == 1 else "")
        who = f"{v.sources} source{'s' if v.sources != 1 else ''}"
        if v.sources != len(v.articles):
            who += f" ({len(v.articles)} articles)"
        label = f"“{v.label}”" if quoted and not v.label.startswith(WITHOUT) else v.label
        note = " (telling it as a change)" if v.narrated else ""
        parts.append(f"{who} {said} {label}{note} ({_outlets(v.articles, articles)})")
    if len(values) > MAX_LISTED:
        parts.append(f"and {len(values) - MAX_LISTED} more values (listed in the finding's values)")
    return f"{subject}: " + "; ".join(parts) + "."
