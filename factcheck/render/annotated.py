"""Issue 11 in the human reports: the annotated draft, and the source families.

The annotated draft is an editor's draft with each checked span marked and
numbered notes below.

What is marked is decided once (:func:`draft_annotations`) from the report
alone, and the terminal and HTML renderers only differ in syntax:

- *contradicted*: the draft's side of a discrepancy with the references;
- *unsupported*: a checkable claim of the draft that no reference states;
- *consistent*: a draft statement aligned with references and not disputed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.model import Corroboration, Finding, Group, Kind, Report, Severity, Span
from factcheck.render._common import h
from factcheck.text import count_phrase, join_names, visible

if TYPE_CHECKING:
    from rich.console import RenderableType


class Status(enum.StrEnum):
    """What the check says about a span of the draft."""

    CONTRADICTED = "contradicted"
    UNSUPPORTED = "unsupported"
    CONSISTENT = "consistent"
    OMITTED = "omitted"  # a reference fact the draft does not state (nothing to mark)


# Brackets that show a mark's extent without color (plain text, golden files).
PLAIN = {
    Status.CONTRADICTED: ("⟦", "⟧"),
    Status.UNSUPPORTED: ("⟨", "⟩"),
    Status.CONSISTENT: ("‹", "›"),
    Status.OMITTED: ("", ""),
}
LEGEND = "⟦…⟧ contradicted by references · ⟨…⟩ stated by no reference · ‹…› consistent"
# The HTML report's existing highlight colors: red, yellow (plain mark), blue.
HTML_CLASS = {
    Status.CONTRADICTED: "sev-error",
    Status.UNSUPPORTED: "sev-warning",
    Status.CONSISTENT: "sev-info",
    Status.OMITTED: "",
}
STYLE = {
    Status.CONTRADICTED: "bold white on red",
    Status.UNSUPPORTED: "bold magenta underline",
    Status.CONSISTENT: "green",
    Status.OMITTED: "dim",
}


@dataclass(frozen=True)
class Note:
    """One numbered note under the draft, and the span of the draft it is about."""

    number: int
    status: Status
    span: Span | None  # None: a reference fact the draft omits (nothing to mark)
    text: str
    severity: Severity


def _consistent_text(report: Report, references: Sequence[str], group_id: str) -> str:
    stating = set(references)
    names = join_names(a.label for a in report.articles if a.id in stating)
    counts = (report.corroboration or {}).get(group_id)
    if counts is None:
        return f"Consistent with {names}."
    return f"Consistent with {names} ({count_phrase(counts.outlets, counts.independent_sources)})."


def draft_annotations(report: Report, draft_id: str) -> list[Note]:
    """The notes on the draft, numbered in reading order (omissions last)."""
    raw: list[tuple[Status, Span | None, str, Severity]] = []
    flagged: list[Span] = []
    for finding in report.findings:
        mine = [e.span for e in finding.evidence if e.span.article == draft_id]
        for span in mine:
            raw.append((_status(finding), span, finding.message, finding.severity))
            flagged.append(span)
        if not mine:
            raw.append((Status.OMITTED, None, finding.message, finding.severity))
    # A sentence aligned in several groups gets one note: the best-corroborated group's.
    counts = report.corroboration or {}
    best: dict[Span, Group] = {}
    for group in report.groups:
        if not any(a != draft_id for a in group.articles):
            continue
        for statement in group.statements:
            span = statement.span
            if statement.article != draft_id or any(span.overlaps(s) for s in flagged):
                continue
            if span not in best or _strength(group, counts) > _strength(best[span], counts):
                best[span] = group
    for span, group in best.items():
        references = [a for a in group.articles if a != draft_id]
        text = _consistent_text(report, references, group.id)
        raw.append((Status.CONSISTENT, span, text, Severity.INFO))
    raw.sort(key=lambda n: (n[1] is None, n[1].start if n[1] else 0, n[1].end if n[1] else 0))
    return [Note(i, *note) for i, note in enumerate(raw, 1)]


def _strength(group: Group, counts: Mapping[str, Corroboration]) -> tuple[int, int]:
    row = counts.get(group.id)
    return (row.independent_sources if row else 0, len(group.articles))


def _status(finding: Finding) -> Status:
    return Status.UNSUPPORTED if finding.kind is Kind.SINGLE_SOURCE else Status.CONTRADICTED


def _placed(notes: list[Note]) -> list[tuple[Span, list[Note]]]:
    """Marks to draw: overlapping notes share the first mark (its numbers are all shown)."""
    marks: list[tuple[Span, list[Note]]] = []
    for note in notes:
        if note.span is None:
            continue
        if marks and marks[-1][0].end > note.span.start:
            marks[-1][1].append(note)
        else:
            marks.append((note.span, [note]))
    return marks


def _worst(notes: list[Note]) -> Status:
    return min((n.status for n in notes), key=list(Status).index)


def annotated_draft_rich(report: Report, draft_id: str, *, color: bool = True) -> RenderableType:
    """The draft's text with marks and numbered notes below, as a rich renderable.

    Without ``color`` the marks are brackets (see :data:`LEGEND`), so the
    plain-text report shows them too. Article text is inert (escaped).
    """
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    draft = next(a for a in report.articles if a.id == draft_id)
    notes = draft_annotations(report, draft_id)
    body = Text()
    pos = 0
    for span, marked in _placed(notes):
        body.append(visible(draft.text[pos : span.start], one_line=False))
        status = _worst(marked)
        inner = visible(span.text, one_line=False)
        if color:
            body.append(inner, style=STYLE[status])
        else:
            body.append(PLAIN[status][0] + inner + PLAIN[status][1])
        body.append("".join(f"[{n.number}]" for n in marked), style="bold")
        pos = max(pos, span.end)
    body.append(visible(draft.text[pos:].rstrip(), one_line=False))
    lines = Table.grid(padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column(ratio=1)
    for n in notes:
        lines.add_row(
            Text(f"[{n.number}]", style="bold"),
            Text.assemble((n.status.value, STYLE[n.status] if color else ""), " ", visible(n.text)),
        )
    return Group(
        Rule(Text(f"Your draft ({visible(draft_id)}), annotated", style="bold")),
        Text(LEGEND, style="dim"),
        body,
        Text(),
        lines,
    )


def annotated_draft_html(report: Report, draft_id: str) -> str:
    """The draft's text with marks (hover for the note) and numbered footnotes, as HTML."""
    draft = next(a for a in report.articles if a.id == draft_id)
    notes = draft_annotations(report, draft_id)
    out = [
        f'<section id="annotated-draft"><h2>Your draft ({h(draft_id)}), annotated</h2>',
        f'<p class="meta">{h(LEGEND)}</p><div class="article-text">',
    ]
    pos = 0
    for span, marked in _placed(notes):
        status = _worst(marked)
        title = " ".join(f"[{n.number}] {n.text}" for n in marked)
        refs = "".join(
            f'<sup><a href="#draft-note-{n.number}">{n.number}</a></sup>' for n in marked
        )
        out.append(
            h(draft.text[pos : span.start], one_line=False)
            + f'<mark class="{HTML_CLASS[status]} draft-{status.value}" title="{h(title)}">'
            + h(span.text, one_line=False)
            + "</mark>"
            + refs
        )
        pos = max(pos, span.end)
    out.append(h(draft.text[pos:], one_line=False) + "</div><ol>")
    out += [
        f'<li id="draft-note-{n.number}"><b class="draft-{n.status.value}">'
        f"{n.status.value}</b> {h(n.text)}</li>"
        for n in notes
    ]
    out.append("</ol></section>")
    return "\n".join(out)


def family_lines(report: Report) -> list[tuple[str, str]]:
    """(family, how much text its members share) per source family of the report."""
    out = []
    for family in report.families or ():
        # Rounded as in the JSON report, so the two formats never disagree.
        ratio = max((round(e.ratio, 3) for e in family.evidence), default=0.0)
        out.append((f"{family.id} {family.label}", f"{ratio:.0%} of the shorter text shared"))
    return out


SOURCES_HEADER = "Outlets / indep."


def sources_cell(report: Report, key: str) -> str | None:
    """A coverage row's "outlets / independent sources" (wire copies count once).

    None when the report carries no counts (no column); "" for a row that is not a group.
    """
    if not report.corroboration:
        return None
    row = report.corroboration.get(key)
    return f"{row.outlets} / {row.independent_sources}" if row else ""


FAMILIES_TITLE = "Source families"
FAMILIES_NOTE = "articles that reuse one dispatch count as one source"


def families_section(report: Report) -> RenderableType | None:
    """The source families (wire copies) found among the articles, for the terminal header."""
    from rich.text import Text

    lines = family_lines(report)
    if not lines:
        return None
    text = Text(FAMILIES_TITLE + " ", style="bold")
    text.append(f"({FAMILIES_NOTE})", style="dim")
    for family, shared in lines:
        text.append(f"\n  {visible(family)}")
        text.append(f" — {shared}", style="dim")
    return text


def draft_section(report: Report, draft_id: str | None, color: bool) -> RenderableType | None:
    """The annotated draft for the terminal report, when there is a draft."""
    if draft_id is None:
        return None
    return annotated_draft_rich(report, draft_id, color=color)


def families_html(report: Report) -> str:
    """The source families as HTML ("" when there are none)."""
    lines = family_lines(report)
    if not lines:
        return ""
    items = "".join(f"<li>{h(family)}: {h(shared)}</li>" for family, shared in lines)
    return f'<h2>{FAMILIES_TITLE}</h2><p class="meta">{FAMILIES_NOTE}.</p><ul>{items}</ul>'
