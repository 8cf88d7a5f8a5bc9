"""The one data model shared by every pipeline stage.

Every piece of text the pipeline talks about is a :class:`Span`: an article id
plus character offsets into that article's original decoded text, so that
``article.text[span.start:span.end] == span.text`` always holds and evidence can
be shown and highlighted anywhere.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

# An input article is a reference, or the editor's draft checked against them.
Role = Literal["reference", "draft"]


class Severity(enum.StrEnum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Kind(enum.StrEnum):
    """What kind of discrepancy a finding reports."""

    VALUE_MISMATCH = "value_mismatch"
    DATE_MISMATCH = "date_mismatch"
    ATTRIBUTION_MISMATCH = "attribution_mismatch"
    QUOTE_DRIFT = "quote_drift"
    CONTRADICTION = "contradiction"
    ENTITY_MISMATCH = "entity_mismatch"
    SINGLE_SOURCE = "single_source"


class ValueKind(enum.StrEnum):
    """What a number measures."""

    CURRENCY = "currency"
    DURATION = "duration"
    PERCENT = "percent"
    COUNT = "count"
    ORDINAL = "ordinal"
    LENGTH = "length"  # unit "m", "km", "mi", "ft"
    AREA = "area"  # unit "m2", "km2", "ha", "mi2", "ft2", "acre"
    NUMBER = "number"


@dataclass(frozen=True)
class Span:
    """A slice of one article's original text."""

    article: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: Span) -> bool:
        return self.article == other.article and self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.article == other.article and self.start <= other.start and other.end <= self.end


def make_span(article: str, text: str, start: int, end: int) -> Span:
    """Build a span of ``text`` (an article's full text) between two offsets."""
    return Span(article, start, end, text[start:end])


@dataclass(frozen=True)
class ArticleData:
    """An article given as bytes instead of a path (the CLI reads ``-`` from standard input).

    ``name`` becomes its id; it is plain text unless ``name`` ends in ``.html``/``.htm``.
    """

    name: str
    data: bytes


@dataclass(frozen=True)
class Article:
    """One input article: its original decoded text and what we know about it."""

    id: str
    path: str
    text: str
    sha256: str
    language: str = "und"
    outlet: str | None = None
    published: _dt.date | None = None
    published_source: str | None = None
    # The publication (or last update) time when the article gives one: aware
    # when it names its zone ("7:12pm BST"), naive local time otherwise.
    published_at: _dt.datetime | None = None
    encoding: str = "utf-8"
    role: Role = "reference"
    # Character ranges of the original text that are not article prose
    # (navigation, newsletter blocks, captions...): kept in the offset space,
    # excluded from alignment and comparison.
    excluded: tuple[tuple[int, int, str], ...] = ()
    # Wire agencies credited in the text (AFP, Reuters...).
    wire_credits: tuple[str, ...] = ()
    # How the text was obtained when it is not the file's bytes decoded as-is,
    # e.g. "trafilatura 2.3.1" for HTML input.
    extracted_with: str | None = None

    @property
    def label(self) -> str:
        """How messages name this article: its outlet when known, else its id."""
        return self.outlet or self.id

    @property
    def excluded_chars(self) -> int:
        return sum(end - start for start, end, _ in self.excluded)

    def span(self, start: int, end: int) -> Span:
        return make_span(self.id, self.text, start, end)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "language": self.language,
            "sha256": self.sha256,
            "chars": len(self.text),
            "encoding": self.encoding,
            "excluded_chars": self.excluded_chars,
            "role": self.role,
            "wire_credits": list(self.wire_credits),
            "extracted_with": self.extracted_with,
        }


@dataclass(frozen=True)
class Segment:
    """A sentence of an article, with its paragraph and whether it is boilerplate."""

    span: Span
    paragraph: int
    excluded: str | None = None  # why it is not article prose, or None


class Vagueness(enum.StrEnum):
    """How a figure is stated: exactly, roughly, as a bound or as an order of magnitude."""

    EXACT = "exact"  # "12", "entre 10 et 20" (a stated range is exact about its ends)
    APPROXIMATE = "approximate"  # "about 100", "près de 100", "une centaine"
    LOWER_BOUND = "lower_bound"  # "at least 40", "plus de 300": [40, inf)
    UPPER_BOUND = "upper_bound"  # "up to 20,000", "moins de 25 km": [0, 25]
    MAGNITUDE = "magnitude"  # "dozens", "des milliers", "hundreds of thousands"


@dataclass(frozen=True)
class Quantity:
    """A number found in text, normalized: value, interval, unit, kind, what it counts.

    ``high`` is ``math.inf`` for an open upper end ("at least 40"). The binding
    fields (:mod:`factcheck.extract.binding`) say what the figure counts; empty
    or None when unknown (no parse, or nothing found).
    """

    span: Span
    value: float
    low: float
    high: float
    kind: ValueKind
    unit: str | None = None  # "EUR", "USD", "hour", "year", "%", ...
    head: str | None = None  # the counted noun, lemma-ish: "ministre", "emprisonnement"
    qualifier: str | None = None  # "plus de", "environ", ...
    vagueness: Vagueness = Vagueness.EXACT
    predicate: tuple[str, ...] = ()  # predicate classes: ("kill",), ("injure",), ...
    # classes of clauses describing the counted things ("soldats déployés", "qui s'étaient
    # rendus"): what they are, not what the figure measures
    attributes: tuple[str, ...] = ()
    verb: str | None = None  # the governing word's lemma when no class names it ("durer")
    referent: tuple[str, ...] = ()  # whose figure: ("thaïlandais",), ("police",)
    scope: tuple[str, ...] = ()  # places, years, reference points: ("athens",), ("2007",)
    source: str | None = None  # who gives it: "police", "ministère"
    part: bool = False  # a part of a total: "14 autres otages", "another 20,000"
    parsed: bool = False  # the binding was read from a parse (False: no parser, all unknown)

    def as_value(self) -> dict[str, Any]:
        return {
            "type": "quantity",
            "value": self.value,
            "low": self.low,
            "high": None if math.isinf(self.high) else self.high,
            "kind": self.kind.value,
            "unit": self.unit,
            "head": self.head,
            "qualifier": self.qualifier,
            "vagueness": self.vagueness.value,
            "predicate": list(self.predicate),
            "attributes": list(self.attributes),
            "verb": self.verb,
            "referent": list(self.referent),
            "scope": list(self.scope),
            "source": self.source,
            "part": self.part,
            "parsed": self.parsed,
        }


@dataclass(frozen=True)
class TimeExpr:
    """A date or period as an inclusive interval of days; unresolved when unknown."""

    span: Span
    start: _dt.date | None
    end: _dt.date | None
    granularity: str  # "day", "week", "month", "season", "semester", "year", "weekday", "clock"
    relative: bool = False
    # For relative expressions that cannot be resolved (no publication date),
    # what they name: e.g. "weekday:4" for Friday; for a clock time, its reading
    # ("15:20", "18:00–23:59", "05:00 +00:00").
    label: str | None = None
    # A time of day ("à 15h30", "Thursday afternoon"): minutes after midnight, an
    # inclusive interval, and the zone written after it (the time_zones lexicon's
    # value; "" local time; None when unstated). Its day is another expression's.
    clock: tuple[int, int] | None = None
    zone: str | None = None
    # A time of day stated as a limit ("avant mardi midi", "by 6 p.m."): two
    # deadlines of one fact are one moment, whatever verbs they hang on.
    deadline: bool = False

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def as_value(self) -> dict[str, Any]:
        return {
            "type": "time",
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "relative": self.relative,
            "label": self.label,
        } | (
            {"clock": list(self.clock), "zone": self.zone, "deadline": self.deadline}
            if self.clock is not None
            else {}
        )


@dataclass(frozen=True)
class Mention:
    """A named person, organisation, product or place, linked to a canonical entity."""

    span: Span
    canonical: str
    label: str  # "PER", "ORG", "PRODUCT", "LOC", "MISC"

    def as_value(self) -> dict[str, Any]:
        return {"type": "entity", "canonical": self.canonical, "label": self.label}


@dataclass(frozen=True)
class Quote:
    """A quoted passage (inner text) with who is credited for it."""

    span: Span
    speaker: Span | None = None  # the surface form in the text
    speaker_entity: str | None = None  # canonical entity
    relay: str | None = None  # who relays it when not the speaker (an agency)


@dataclass(frozen=True)
class ReportedSpeech:
    """Words reported without quotation marks and who is credited for them
    (``selon X, …``, ``…, according to X``, ``X said that …``, ``X told AFP …``)."""

    span: Span  # the reported words
    speaker: Span  # the surface form in the text
    speaker_entity: str | None = None  # canonical entity
    cue: str = ""  # the words that credit it: "selon", "according to", "a déclaré que"…


@dataclass(frozen=True)
class Token:
    """One token of a dependency parse (:mod:`factcheck.extract.parse`), in article offsets.

    ``i`` and ``head`` index the sentence's token tuple; the root is its own head.
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal part of speech: "VERB", "NOUN", "NUM", ...
    dep: str  # dependency label of the language's scheme: "nsubj", "obj", "nummod", ...
    head: int
    ent: str | None = None  # named-entity type of the token, when any

    def placed(self, i: int, start: int, end: int, head: int) -> Token:
        """This token at other positions (a clause's own indices, a statement's own
        offsets), its words and syntax unchanged; cheaper than ``dataclasses.replace``,
        which readers of the parse call on every token."""
        return Token(i, start, end, self.text, self.lemma, self.pos, self.dep, head, self.ent)


@dataclass(frozen=True)
class Claim:
    """Where a claim sits in its sentence, and what it is about (:mod:`factcheck.claims`).

    A sentence stating several facts becomes several claims, each a clause of it.
    """

    sentence: Span  # the whole sentence the claim was cut from
    clause: int | None  # the claim's position among the sentence's clauses; None: the sentence
    clauses: int  # how many clauses the sentence was cut into (1: it states one fact)
    predicate: str | None = None  # lemma of the claim's main verb ("kill", "nommer")
    subject: str | None = None  # the predicate's subject as written, own or coordinated

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "clause": self.clause,
            "clauses": self.clauses,
            "predicate": self.predicate,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class Statement:
    """A unit of comparison: one claim of article prose and what was extracted from it.

    Without the claims stage (or for a sentence stating one fact) the claim is
    the whole sentence.
    """

    span: Span
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # Speech reported without quotation marks, with who is credited for it.
    reported: tuple[ReportedSpeech, ...] = ()
    # The sentence's dependency parse; empty when no parser is installed for its
    # language. Left out of equality and hashing: it is derived from the span.
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)
    # Set by the claims stage: which claim of which sentence this statement is.
    claim: Claim | None = None

    @property
    def id(self) -> str:
        return f"{self.span.article}:{self.span.start}-{self.span.end}"

    @property
    def article(self) -> str:
        return self.span.article

    def as_dict(self) -> dict[str, Any]:
        """The sentence span plus the normalized values and dates read in it."""
        values = [q.as_value() | {"text": q.span.text} for q in self.quantities]
        values += [t.as_value() | {"text": t.span.text} for t in self.times]
        out = {**self.span.as_dict(), "values": values}
        if self.claim is not None:
            out["claim"] = self.claim.as_dict()
        return out


@dataclass(frozen=True)
class Group:
    """Statements from at least two articles that report the same fact."""

    id: str
    label: str
    statements: tuple[Statement, ...]
    confidence: float

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({s.article for s in self.statements}))

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "statements": [s.as_dict() for s in self.statements],
        }


@dataclass(frozen=True)
class QuoteAttribution:
    """Evidence value: who a quotation is credited to, against the other side's speaker."""

    speaker: str  # the surface form in the text
    speaker_entity: str
    other_speaker_entity: str
    relation: str | None  # how the two speakers relate (entity graph), when known
    relay: str | None  # who relays the quote when not the speaker (an agency)
    quote: str  # the quoted words

    def as_value(self) -> dict[str, Any]:
        return {
            "type": "attribution",
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            "other_speaker_entity": self.other_speaker_entity,
            "relation": self.relation,
            "relay": self.relay,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class ReportedAttribution:
    """Evidence value: who reported words are credited to (``selon X``), against the other side."""

    speaker: str  # the surface form in the text
    speaker_entity: str | None
    cue: str  # the words that credit it: "selon", "according to"…
    other_speaker_entity: str
    relation: str | None  # how the two speakers relate (entity graph), when known

    def as_value(self) -> dict[str, Any]:
        return {
            "type": "attribution",
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            "cue": self.cue,
            "other_speaker_entity": self.other_speaker_entity,
            "relation": self.relation,
        }


@dataclass(frozen=True)
class QuoteWords:
    """Evidence value: words inside one side's quotation marks where the other has others."""

    words: str  # this side's words ("" when it has none there)
    other_words: str

    def as_value(self) -> dict[str, Any]:
        return {"type": "quote_words", "words": self.words, "other_words": self.other_words}


@dataclass(frozen=True)
class Polarity:
    """Evidence value: which of two excluding claims a side makes ("silent" / "spoke")."""

    claim: str
    actor: str | None = None  # whose claim, when the comparer names one

    def as_value(self) -> dict[str, Any]:
        actor = {"actor": self.actor} if self.actor is not None else {}
        return {"type": "polarity", **actor, "claim": self.claim}


@dataclass(frozen=True)
class EntityValue:
    """Evidence value: the canonical entity a side names, and in what role when it matters."""

    canonical: str
    role: str | None = None  # "agent", "patient"...

    def as_value(self) -> dict[str, Any]:
        role = {"role": self.role} if self.role is not None else {}
        return {"type": "entity", "canonical": self.canonical, **role}


# What a side of a finding states, normalized; its JSON form is ``as_value()``.
EvidenceValue = (
    Quantity
    | TimeExpr
    | QuoteAttribution
    | ReportedAttribution
    | QuoteWords
    | Polarity
    | EntityValue
)


@dataclass(frozen=True)
class Evidence:
    """One side of a finding: a span and the normalized value read there."""

    span: Span
    value: EvidenceValue | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.span.as_dict(),
            "value": self.value.as_value() if self.value is not None else None,
        }


@dataclass(frozen=True)
class ValueVariant:
    """One distinct value (figure, wording, speaker...) of a fact, and who states it."""

    label: str  # reader-facing: "19", "xAI", "nos garde-fous"
    evidence: tuple[Evidence, ...]  # every span stating it
    articles: tuple[str, ...]  # article ids, in report order
    sources: int  # independent sources among them (a wire and its copies count once)
    published_at: _dt.datetime | None = None  # earliest known publication time of its articles
    narrated: bool = False  # its articles tell the change themselves ("porté à 19")

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "articles": list(self.articles),
            "sources": self.sources,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "narrated": self.narrated,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Finding:
    """A discrepancy between articles about one fact, with evidence from each side.

    A consolidated finding (:mod:`factcheck.consolidate`) lists every distinct
    value in ``values`` (in time order when ``revision``), keeps one span per
    value in ``evidence`` and the pairwise findings it merges in ``pairs``.
    """

    kind: Kind
    severity: Severity
    confidence: float
    message: str
    evidence: tuple[Evidence, ...]
    group: str | None = None
    id: str = ""
    values: tuple[ValueVariant, ...] = ()
    # The values follow publication time (a toll revised over a day, a later
    # correction) or an article narrates the change: a revision, not a conflict.
    revision: bool = False
    pairs: tuple[Finding, ...] = ()
    pair_count: int = 0  # pairwise findings merged (``pairs`` keeps at most MAX_PAIRS)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "severity": self.severity.value,
            "confidence": round(self.confidence, 3),
            "group": self.group,
            "message": self.message,
            "evidence": [e.as_dict() for e in self.evidence],
        }
        if self.values:
            out["values"] = [v.as_dict() for v in self.values]
            out["revision"] = self.revision
            out["pair_count"] = self.pair_count
            out["pairs"] = [p.as_dict() for p in self.pairs]
        return out


@dataclass(frozen=True)
class SharedPassages:
    """How much prose two articles share word for word (:mod:`factcheck.families`)."""

    first: str
    second: str
    ratio: float  # shared words / unquoted prose words of the smaller article
    shared_words: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": [self.first, self.second],
            "ratio": round(self.ratio, 3),
            "shared_words": self.shared_words,
        }


@dataclass(frozen=True)
class SourceFamily:
    """Articles that are copies or rewrites of one source (a wire dispatch and its reuses)."""

    id: str
    label: str
    members: tuple[str, ...]  # article ids, in input order
    wire: str | None  # the agency the members credit, when they do
    evidence: tuple[SharedPassages, ...]  # the links that joined the members

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "members": list(self.members),
            "wire": self.wire,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Corroboration:
    """How well a fact is sourced: reference articles stating it, independent sources among them.

    Copies of one dispatch (a :class:`SourceFamily`) count as one source.
    """

    outlets: int
    independent_sources: int

    def as_dict(self) -> dict[str, Any]:
        return {"outlets": self.outlets, "independent_sources": self.independent_sources}


@dataclass(frozen=True)
class Report:
    """The result of a check: articles, aligned groups and findings."""

    articles: tuple[Article, ...]
    groups: tuple[Group, ...]
    findings: tuple[Finding, ...]
    tool_version: str
    warnings: tuple[str, ...] = ()
    # Source families and per-group corroboration (keyed by group id), from
    # :mod:`factcheck.families`; None when nothing was compared (fewer than two
    # articles), and the JSON report then leaves them out.
    families: tuple[SourceFamily, ...] | None = None
    corroboration: Mapping[str, Corroboration] | None = None
    # Findings a --baseline file removed (:mod:`factcheck.modes.baseline`); None: no baseline.
    suppressed: int | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None, key=lambda s: s.rank)


# Reader-facing words for the polarity claims of contradiction evidence.
_CLAIMS = {"asserted": "it happened", "negated": "it did not happen"}
# How a quote version that lacks the other version's words is labelled.
WITHOUT = "without"


def value_label(value: EvidenceValue | None) -> str:
    """A short reader-facing form of an evidence value (a number with unit, a speaker...)."""
    if isinstance(value, Quantity):
        number = value.value
        shown = f"{number:g}" if isinstance(number, float) else str(number)
        return " ".join(str(p) for p in (shown, value.unit) if p)
    if isinstance(value, TimeExpr):
        start, end = _iso(value.start), _iso(value.end)
        if start:
            return str(start if start == end else f"{start}…{end}")
        if value.label and value.label.startswith("weekday:"):
            return calendar.day_name[int(value.label.split(":")[1])]  # an undated "vendredi"
        return value.label or ""
    if isinstance(value, QuoteAttribution):
        relay = f" (relayed by {value.relay})" if value.relay else ""
        return (value.speaker_entity or value.speaker) + relay
    if isinstance(value, ReportedAttribution):
        return value.speaker_entity or value.speaker
    if isinstance(value, EntityValue):
        return value.canonical
    if isinstance(value, QuoteWords):
        if not value.words and value.other_words:
            return f"{WITHOUT} “{value.other_words}”"  # the side that lacks the words
        return value.words
    if isinstance(value, Polarity):
        claim = _CLAIMS.get(value.claim, value.claim)
        return " ".join(p for p in (value.actor, claim) if p)
    return ""


def _iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Story:
    """Articles about one news story, as the story stage (:mod:`factcheck.stories`) grouped them."""

    id: str
    label: str  # the title (first line) of the story's most central article
    articles: tuple[str, ...]  # article ids, sorted

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles)}


@dataclass(frozen=True)
class StoriesReport:
    """A check split into stories: one report per story, no finding across stories."""

    stories: tuple[Story, ...]
    reports: tuple[Report, ...]  # reports[i] is the check of stories[i]'s articles
    tool_version: str
    warnings: tuple[str, ...] = ()  # about reading the input (each report has its own)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors of ``dimension`` columns (the
    align stage's model, :mod:`factcheck.align.embed`; the story stage uses it too)."""

    model_id: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per text, L2-normalized, dtype float32."""
        ...
