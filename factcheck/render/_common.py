"""What every human-facing renderer shares: order, labels, context, coverage, safe text.

Renderers differ only in syntax; what they show (which findings first, which
sentence surrounds a piece of evidence, who states which fact) is decided here
once, so the terminal, Markdown and HTML reports never disagree.
"""

from __future__ import annotations

import bisect
import enum
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.model import Article, Finding, Kind, Quantity, Report, Severity, Span
from factcheck.text import visible_runs, when

# What XML 1.0 cannot hold at all, escaped or not (JUnit; SARIF that tools turn into XML).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# GitHub turns an e-mail address into a mailto: link whatever is escaped in it
# (backslashes and entities are decoded first); a code span is never linked.
_EMAIL = re.compile(r"[A-Za-z0-9._+\-]+@[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+")


def h(text: str, *, one_line: bool = True) -> str:
    """Untrusted text as HTML: escaped, with unsafe characters shown as marked escapes."""
    return "".join(
        f'<span class="esc">{html.escape(run)}</span>' if escaped else html.escape(run)
        for run, escaped in visible_runs(text, one_line=one_line)
    )


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def split_emails(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` as (piece, is_email) pairs, so Markdown can put addresses in code spans."""
    pos = 0
    for match in _EMAIL.finditer(text):
        if match.start() > pos:
            yield text[pos : match.start()], False
        yield match.group(0), True
        pos = match.end()
    if pos < len(text):
        yield text[pos:], False


class Mark(enum.StrEnum):
    """One cell of the coverage matrix."""

    STATES = "states"  # the article reports the fact, consistently
    DISAGREES = "disagrees"  # the article is on one side of a finding at warning or above
    ONLY = "only"  # the article is the only source of the fact
    ABSENT = "absent"


MARK_SYMBOL = {Mark.STATES: "●", Mark.DISAGREES: "✗", Mark.ONLY: "◆", Mark.ABSENT: "·"}
MARK_LEGEND = "● states the fact · ✗ disagrees · ◆ only source · · not stated"


@dataclass(frozen=True)
class CoverageRow:
    """One fact (a group, or a single-source finding) and each article's mark."""

    key: str  # group id, or finding id for a single-source fact
    label: str
    marks: tuple[Mark, ...]  # in report.articles order
    finding: str | None = None  # the row's most severe finding, if any


def ordered_findings(report: Report) -> list[Finding]:
    """Findings most severe first, then most confident, keeping the pipeline's stable
    order among equals."""
    return sorted(report.findings, key=lambda f: (-f.severity.rank, -round(f.confidence, 3)))


_KIND_TITLE = {
    Kind.DATE_MISMATCH: "Date differs",
    Kind.ATTRIBUTION_MISMATCH: "Quote credited to a different speaker",
    Kind.QUOTE_DRIFT: "Quote worded differently",
    Kind.CONTRADICTION: "Accounts contradict each other",
    Kind.ENTITY_MISMATCH: "Named differently",
    Kind.SINGLE_SOURCE: "Stated by one source only",
}
_MEASURE = {
    "currency": "Amount",
    "duration": "Duration",
    "percent": "Percentage",
    "count": "Number",
    "ordinal": "Rank",
}


def finding_title(finding: Finding) -> str:
    """A short title for people: "Death toll differs", "Quote credited to a different
    speaker", "Amount revised" (never an id or a snake_case kind)."""
    if finding.kind is Kind.VALUE_MISMATCH:
        from factcheck.lexicon import LANGUAGES, table

        value = next((ev.value for ev in finding.evidence if ev.value), None)
        quantity = value if isinstance(value, Quantity) else None
        head = (quantity.head or "") if quantity else ""
        heads: dict[str, str] = {}
        for lang in LANGUAGES:
            heads.update(table(lang, "finding_titles").get("heads", {}))
        measure = _MEASURE.get(quantity.kind.value, "Figure") if quantity else "Figure"
        subject = heads.get(head) or measure
        if head and head not in heads:
            subject += f" ({head})"
        title = f"{subject} differs"
    else:
        title = _KIND_TITLE.get(finding.kind, "Difference")
    if finding.revision:
        title = title.replace("differs", "revised") if "differs" in title else f"{title} (revised)"
    return title


# Rows of a fact's values table in the human reports (JSON keeps every value).
MAX_VALUE_ROWS = 20


@dataclass(frozen=True)
class ValueRow:
    """One distinct value of a fact, as the human reports show it."""

    value: str
    outlets: str  # the outlets stating it, and how many independent sources they are
    when: str  # earliest publication time of its articles, "" when unknown


def value_rows(report: Report, finding: Finding) -> list[ValueRow]:
    """The finding's values (in time order for a revision), for a small table per fact."""
    labels = {a.id: a.label for a in report.articles}
    rows = []
    for v in finding.values[:MAX_VALUE_ROWS]:
        outlets = ", ".join(labels.get(a, a) for a in v.articles)
        if v.sources != len(v.articles):
            outlets += f" ({v.sources} independent source{'s' if v.sources != 1 else ''})"
        shown = v.label + (" (tells the change)" if v.narrated else "")
        rows.append(ValueRow(shown, outlets, when(v.published_at)))
    if len(finding.values) > MAX_VALUE_ROWS:
        rows.append(ValueRow(f"… {len(finding.values) - MAX_VALUE_ROWS} more values", "", ""))
    return rows


def numbered(report: Report) -> dict[str, int]:
    """Finding id -> its number in the human reports (1 is shown first)."""
    return {f.id: n for n, f in enumerate(ordered_findings(report), 1)}


def findings_by_group(report: Report) -> dict[str, list[Finding]]:
    """Group id -> its findings, in report order."""
    out: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.group is not None:
            out.setdefault(finding.group, []).append(finding)
    return out


def _coverage_rows(report: Report) -> list[CoverageRow]:
    """Every row of the coverage matrix, in report order."""
    by_group = findings_by_group(report)
    rows = []
    for group in report.groups:
        stating = set(group.articles)
        disagreeing = {
            ev.span.article
            for f in by_group.get(group.id, [])
            if f.severity >= Severity.WARNING
            for ev in f.evidence
        }
        marks = tuple(
            Mark.DISAGREES
            if a.id in disagreeing
            else Mark.STATES
            if a.id in stating
            else Mark.ABSENT
            for a in report.articles
        )
        flagged = sorted(by_group.get(group.id, []), key=lambda f: -f.severity.rank)
        rows.append(CoverageRow(group.id, group.label, marks, flagged[0].id if flagged else None))
    for finding in report.findings:
        if finding.kind is Kind.SINGLE_SOURCE and finding.evidence:
            only = {ev.span.article for ev in finding.evidence}
            marks = tuple(Mark.ONLY if a.id in only else Mark.ABSENT for a in report.articles)
            rows.append(CoverageRow(finding.id, finding.evidence[0].span.text, marks, finding.id))
    return rows


# Beyond these a matrix is no longer readable (and costs more to draw than the
# check): columns must still match the articles table by eye.
MAX_COVERAGE_ARTICLES = 26
MAX_COVERAGE_ROWS = 200


def coverage(report: Report) -> list[CoverageRow]:
    """The coverage matrix rows to show: which article states which fact, and where it
    disagrees. Capped (see :func:`coverage_note`): facts with findings are kept first."""
    if len(report.articles) > MAX_COVERAGE_ARTICLES:
        return []
    rows = _coverage_rows(report)
    if len(rows) <= MAX_COVERAGE_ROWS:
        return rows
    kept = {id(r) for r in sorted(rows, key=lambda r: r.finding is None)[:MAX_COVERAGE_ROWS]}
    return [r for r in rows if id(r) in kept]


def coverage_note(report: Report) -> str | None:
    """What the coverage matrix leaves out, if anything, in one sentence."""
    if len(report.articles) > MAX_COVERAGE_ARTICLES:
        return (
            f"Coverage matrix left out: {len(report.articles)} articles "
            f"(it is drawn for at most {MAX_COVERAGE_ARTICLES})."
        )
    total = len(_coverage_rows(report))
    if total > MAX_COVERAGE_ROWS:
        return f"{total - MAX_COVERAGE_ROWS} more facts are not shown (facts with findings first)."
    return None


_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_MAX_CONTEXT = 300


class Contexts:
    """Finds the sentence around an evidence span: its aligned statement, else the nearby text.

    Built once per rendering: statements are indexed by article and start, so
    a report with thousands of findings and statements renders in linear time.
    """

    def __init__(self, report: Report) -> None:
        self.articles = {a.id: a for a in report.articles}
        spans: dict[str, list[Span]] = {}
        for group in report.groups:
            for statement in group.statements:
                spans.setdefault(statement.article, []).append(statement.span)
        self._spans = {k: sorted(v, key=lambda s: (s.start, s.end)) for k, v in spans.items()}
        self._starts = {k: [s.start for s in v] for k, v in self._spans.items()}

    def around(self, span: Span) -> Span:
        """The statement containing ``span``, else the sentence-like text around it."""
        spans = self._spans.get(span.article, [])
        # Statements are sentences, which do not overlap: scan back from the
        # last one starting at or before the span until one ends before it.
        for i in range(
            bisect.bisect_right(self._starts.get(span.article, []), span.start) - 1, -1, -1
        ):
            if spans[i].contains(span):
                return spans[i]
            if spans[i].end <= span.start:
                break
        article = self.articles.get(span.article)
        if article is None:
            return span
        text = article.text
        lo = max(0, span.start - _MAX_CONTEXT)
        starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, span.start)]
        start = starts[-1] if starts else lo
        stop = _SENTENCE_END.search(text, span.end, min(len(text), span.end + _MAX_CONTEXT))
        end = stop.start() + 1 if stop else min(len(text), span.end + _MAX_CONTEXT)
        return article.span(start, max(end, span.end))


def pieces(context: Span, highlights: list[Span]) -> Iterator[tuple[str, bool]]:
    """Split ``context`` into (text, highlighted) runs for the spans inside it."""
    pos = context.start
    for hl in sorted(highlights, key=lambda s: (s.start, -s.end)):
        start, end = max(hl.start, pos), min(hl.end, context.end)
        if hl.article != context.article or start >= end:
            continue
        if start > pos:
            yield context.text[pos - context.start : start - context.start], False
        yield context.text[start - context.start : end - context.start], True
        pos = end
    if pos < context.end:
        yield context.text[pos - context.start :], False


def words_kept_excluded(article: Article) -> tuple[int, int]:
    """Words of article prose and words in excluded (boilerplate) ranges."""
    excluded = sum(len(article.text[s:e].split()) for s, e, _ in article.excluded)
    return len(article.text.split()) - excluded, excluded
