"""The terminal report: articles, coverage matrix, one panel per finding, summary.

Every piece of article text goes through :func:`~factcheck.text.visible`
and into :class:`rich.text.Text` objects, never into markup strings, so a
``[bold]`` or an ANSI escape inside an article prints literally.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich import box

# The template's own module: rich.console uses it but does not re-export it.
from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factcheck.model import Evidence, Finding, Report, Severity, value_label
from factcheck.render._common import (
    MARK_LEGEND,
    MARK_SYMBOL,
    Contexts,
    Mark,
    coverage,
    coverage_note,
    finding_title,
    findings_by_group,
    ordered_findings,
    pieces,
    value_rows,
    words_kept_excluded,
)
from factcheck.render.annotated import SOURCES_HEADER, draft_section, families_section, sources_cell
from factcheck.text import visible

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
HIGHLIGHT_STYLE = {
    Severity.ERROR: "bold white on red",
    Severity.WARNING: "bold black on yellow",
    Severity.INFO: "bold black on cyan",
}
MARK_STYLE = {
    Mark.STATES: "green",
    Mark.DISAGREES: "bold red",
    Mark.ONLY: "magenta",
    Mark.ABSENT: "dim",
}

# Below this width the two sides of a finding are stacked instead of side by side.
SIDE_BY_SIDE_MIN_WIDTH = 100
# Without color a highlight would be invisible, so evidence is bracketed instead.
PLAIN_OPEN, PLAIN_CLOSE = "⟦", "⟧"


def _t(text: str, style: str = "") -> Text:
    """Article or user text as an inert Text (escaped, one line)."""
    return Text(visible(text), style=style)


def _header(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    table = Table(title=Text("Articles", style="bold"), box=box.SIMPLE_HEAD, expand=False)
    # Article ids are what users type next (--published ID=...): keep them whole on wide screens.
    longest = max((len(a.id) for a in report.articles), default=7)
    id_width = min(40, longest) if width >= SIDE_BY_SIDE_MIN_WIDTH else None
    for name in ("#", "Article", "Outlet", "Published", "Lang", "Words kept / excluded"):
        table.add_column(name, overflow="fold", min_width=id_width if name == "Article" else None)
    for number, article in enumerate(report.articles, 1):
        published = (
            Text.assemble(
                _t(article.published.isoformat()),
                _t(f" ({article.published_source})" if article.published_source else "", "dim"),
            )
            if article.published
            else Text("unknown", style="dim")
        )
        kept, excluded = words_kept_excluded(article)
        article_id = _t(article.id)
        if article.role != "reference":
            article_id.append(f" ({visible(article.role)})", style="bold")
        table.add_row(
            Text(str(number)),
            article_id,
            _t(article.outlet or "unknown", "" if article.outlet else "dim"),
            published,
            _t(article.language),
            Text(f"{kept} / {excluded}"),
        )
    return table


def _coverage(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    rows, note = coverage(report), coverage_note(report)
    if not rows:
        return Text(note or "No fact is stated by two articles.", style="dim")
    table = Table(title=Text("Coverage", style="bold"), box=box.SIMPLE_HEAD, caption=MARK_LEGEND)
    table.add_column("Fact", overflow="fold", ratio=1)
    for number in range(1, len(report.articles) + 1):
        table.add_column(str(number), justify="center", no_wrap=True)
    # Issue 11: outlets / independent sources (wire copies count once) per group.
    if report.corroboration:
        table.add_column(SOURCES_HEADER, justify="center", no_wrap=True)
    for row in rows:
        label = _t(row.label)
        label.truncate(120, overflow="ellipsis")
        cells = [Text(MARK_SYMBOL[m], style=MARK_STYLE[m]) for m in row.marks]
        sources = sources_cell(report, row.key)
        if sources is not None:
            cells.append(Text(sources))
        table.add_row(label, *cells)
    return Group(table, Text(note, style="dim")) if note else table


def _side(contexts: Contexts, evidence: Evidence, finding: Finding, color: bool) -> RenderableType:
    """One side of a finding: the sentence with the evidence highlighted, and its value."""
    context = contexts.around(evidence.span)
    sentence = Text()
    for piece, highlighted in pieces(context, [evidence.span]):
        if not highlighted:
            sentence.append(visible(piece))
        elif color:
            sentence.append(visible(piece), style=HIGHLIGHT_STYLE[finding.severity])
        else:
            sentence.append(f"{PLAIN_OPEN}{visible(piece)}{PLAIN_CLOSE}")
    body: list[RenderableType] = [sentence]
    shown = value_label(evidence.value)
    if shown:
        body.append(Text.assemble(("→ ", "dim"), _t(shown, "bold")))
    article = contexts.articles.get(evidence.span.article)
    title = _t(article.label if article else evidence.span.article, "bold")
    return Panel(Group(*body), title=title, title_align="left", box=box.SQUARE)


def _values_table(report: Report, finding: Finding) -> RenderableType | None:
    """A small table per fact: each distinct value, who states it, and when."""
    rows = value_rows(report, finding)
    if len(rows) < 2:
        return None
    timed = any(row.when for row in rows)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_edge=False)
    table.add_column("Value" if not finding.revision else "Value, in time order", overflow="fold")
    table.add_column("Stated by", overflow="fold", ratio=1)
    if timed:
        table.add_column("Published", overflow="fold")
    for row in rows:
        cells = [_t(row.value, "bold"), _t(row.outlets)]
        table.add_row(*cells, *([_t(row.when)] if timed else []))
    return table


def _finding_panel(
    report: Report, contexts: Contexts, number: int, finding: Finding, width: int, color: bool
) -> RenderableType:
    sides = [_side(contexts, ev, finding, color) for ev in finding.evidence]
    if width >= SIDE_BY_SIDE_MIN_WIDTH and 1 < len(sides) <= 3:
        grid = Table.grid(expand=True, padding=(0, 1))
        for _ in sides:
            grid.add_column(ratio=1)
        grid.add_row(*sides)
        statements: RenderableType = grid
    else:
        statements = Group(*sides)
    # A short title: a long one is cut at 80 columns ("confidence 0─╮").
    title = Text.assemble(
        (f"{number}. {finding.severity.value.upper()}", SEVERITY_STYLE[finding.severity]),
        " · ",
        _t(finding_title(finding), "bold"),
    )
    about = f"confidence {finding.confidence:.2f}"
    if finding.pair_count > 1:
        about += f" · {finding.pair_count} pairs of statements"
    body: list[RenderableType] = [_t(finding.message), Text(about, style="dim")]
    table = _values_table(report, finding)
    if table is not None:
        body.append(table)
    return Panel(
        Group(*body, Text(), statements),
        title=title,
        title_align="left",
        border_style=SEVERITY_STYLE[finding.severity],
        box=box.ROUNDED,
    )


def _findings(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    if not report.findings:
        return Text("No discrepancy found.", style="green")
    contexts = Contexts(report)
    panels = [
        _finding_panel(report, contexts, n, f, width, color)
        for n, f in enumerate(ordered_findings(report), 1)
    ]
    return Group(Rule(Text("Findings", style="bold")), *panels)


def _consistent(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    """--verbose: every aligned group without findings, with its statements."""
    flagged = findings_by_group(report)
    labels = {a.id: a.label for a in report.articles}
    parts: list[RenderableType] = [Rule(Text("Consistent groups", style="bold"))]
    for group in report.groups:
        if group.id in flagged:
            continue
        outlets = len(group.articles)
        parts.append(
            Text.assemble(
                f"Consistent across {outlets} outlets",
                _t(f" (confidence {group.confidence:.2f}): ", "dim"),
                _t(group.label),
            )
        )
        for statement in group.statements:
            parts.append(
                Text.assemble(
                    "  ",
                    _t(labels.get(statement.article, statement.article), "dim"),
                    ": ",
                    _t(statement.span.text),
                )
            )
    return Group(*parts) if len(parts) > 1 else Text()


def _excluded(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    """--verbose: what ingestion left out of the comparison, per article."""
    parts: list[RenderableType] = []
    for article in report.articles:
        for start, end, reason in article.excluded:
            snippet = _t(article.text[start:end])
            snippet.truncate(80, overflow="ellipsis")
            parts.append(
                Text.assemble(_t(f"{article.id} [{start}:{end}] {reason}: ", "dim"), snippet)
            )
    return Group(Rule(Text("Excluded text", style="bold")), *parts) if parts else Text()


def _counts(report: Report) -> Text:
    line = Text("Summary: ", style="bold")
    for severity in reversed(Severity):
        count = report.count(severity)
        line.append(f"{count} {severity.value}", style=SEVERITY_STYLE[severity] if count else "")
        line.append(" · ")
    line.append(f"{len(report.articles)} articles · {len(report.groups)} groups")
    if report.suppressed is not None:
        line.append(f" · {report.suppressed} suppressed by baseline", style="dim")
    return line


def _summary(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    notes = [Text.assemble(("warning: ", "yellow"), _t(w)) for w in report.warnings]
    return Group(*notes, _counts(report))


Section = Callable[[Report, "RenderOptions", int, bool], RenderableType]


def _lead(report: Report, options: RenderOptions, width: int, color: bool) -> RenderableType:
    """The first lines: what was found, in counts, and the run's warnings."""
    return _summary(report, options, width, color)


# The report, top to bottom: findings first (issue 20), then the tables that
# explain them. Issue 11's families and annotated draft slot in after the articles.
SECTIONS: tuple[Section, ...] = (_lead, _findings, _header, _coverage, _summary)
VERBOSE_SECTIONS: tuple[Section, ...] = (
    _lead,
    _findings,
    _header,
    _coverage,
    _consistent,
    _excluded,
    _summary,
)


def sections(
    report: Report, options: RenderOptions, width: int, color: bool
) -> Iterable[RenderableType]:
    """The report's parts in order, each a rich renderable."""
    chosen = VERBOSE_SECTIONS if options.verbose else SECTIONS
    # Issue 11: source families under the articles table, then the annotated draft.
    parts = [families_section(report), draft_section(report, options.draft, color)]
    rendered = [section(report, options, width, color) for section in chosen]
    after = chosen.index(_header) + 1
    return [*rendered[:after], *(p for p in parts if p is not None), *rendered[after:]]


def print_report(report: Report, console: Console, options: RenderOptions) -> None:
    """Print the terminal report to ``console`` (at ``options.width`` when set)."""
    width = options.width or console.width
    color = console.color_system is not None and not console.no_color
    for part in sections(report, options, width, color):
        console.print(part, width=width)


# Rich's SVG template loads its font from a CDN; the report must make no request,
# so the web-font URLs are dropped (the locally installed font or a monospace
# fallback is used).
_SVG_FORMAT = re.sub(r',\s*url\("https://[^"]*"\) format\("[a-z0-9]+"\)', "", CONSOLE_SVG_FORMAT)


def _recording_console(width: int, color: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        record=True,
        force_terminal=color,
        color_system="truecolor" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        _environ={},  # COLUMNS/NO_COLOR of the caller's shell must not change the output
    )


def export_text(report: Report, options: RenderOptions) -> str:
    """The terminal report as plain text (no color) at ``options.width`` (default 100)."""
    from factcheck.render import DEFAULT_WIDTH

    console = _recording_console(options.width or DEFAULT_WIDTH, color=False)
    print_report(report, console, options)
    return console.export_text()


def export_svg(report: Report, options: RenderOptions) -> str:
    """The terminal report, in color, as an SVG image (for reports/)."""
    from factcheck.render import DEFAULT_WIDTH

    console = _recording_console(options.width or DEFAULT_WIDTH, color=True)
    print_report(report, console, options)
    return console.export_svg(title="factcheck", code_format=_SVG_FORMAT)
