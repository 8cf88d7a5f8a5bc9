"""The report as GitHub-flavoured Markdown, for tickets and pull-request comments.

Article text is escaped so it cannot break a table, start a link, an
auto-link, a mention, emphasis or raw HTML, and a cell never starts with a
spreadsheet formula character.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.model import Evidence, Finding, Report, Severity, value_label
from factcheck.render._common import (
    MARK_LEGEND,
    MARK_SYMBOL,
    Contexts,
    coverage,
    coverage_note,
    finding_title,
    findings_by_group,
    ordered_findings,
    pieces,
    split_emails,
    value_rows,
    words_kept_excluded,
)
from factcheck.render.annotated import (
    FAMILIES_NOTE,
    FAMILIES_TITLE,
    SOURCES_HEADER,
    family_lines,
    sources_cell,
)
from factcheck.text import visible

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

# Punctuation that means something to CommonMark/GFM anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>|~&@!#])")
# Auto-links: "http://..." (the colon) and "www." (the dot).
_AUTOLINK = re.compile(r":(?=//)|(?<=[wW]{3})\.")
# A leading character that starts a list ("-", "1."), a heading, a quote, or a
# formula in a spreadsheet (also right after leading bold markers: the rendered
# cell would start with it).
_LEADING = re.compile(r"^((?:\*\*)?\d*)([=+\-@#>.)])")


def _inline(text: str) -> str:
    return "".join(
        f"`{piece}`" if is_email else _escaped(piece)
        for piece, is_email in split_emails(visible(text))
    )


def _escaped(text: str) -> str:
    out = _SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: "\\" + m.group(0), out)


def md_leading(markdown: str) -> str:
    """Escape a leading list/heading/formula character of an already escaped cell."""
    return _LEADING.sub(r"\1\\\2", markdown)


def md(text: str) -> str:
    """Inert Markdown for one line of untrusted text (article text, outlets, messages)."""
    return md_leading(_inline(text).strip())


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _sentence(contexts: Contexts, evidence: Evidence) -> str:
    """The evidence's sentence with the evidence in bold."""
    out = ""
    for piece, highlighted in pieces(contexts.around(evidence.span), [evidence.span]):
        escaped = _inline(piece)
        core = escaped.strip()
        if highlighted and core:
            # Emphasis must hug its text: keep surrounding spaces outside the markers.
            lead, trail = (
                escaped[: len(escaped) - len(escaped.lstrip())],
                escaped[len(escaped.rstrip()) :],
            )
            escaped = f"{lead}**{core}**{trail}"
        out += escaped
    return md_leading(out.strip())


def _finding(report: Report, contexts: Contexts, number: int, finding: Finding) -> list[str]:
    labels = {a.id: a.label for a in report.articles}
    about = f"confidence {finding.confidence:.2f}"
    if finding.pair_count > 1:
        about += f", {finding.pair_count} pairs of statements"
    lines = [
        f"### {number}. {finding.severity.value.upper()} · {md(finding_title(finding))}",
        "",
        md(finding.message) + f" ({about})",
        "",
    ]
    values = value_rows(report, finding)
    if len(values) > 1:
        timed = any(v.when for v in values)
        header = ["Value, in time order" if finding.revision else "Value", "Stated by"]
        lines += _table(
            header + (["Published"] if timed else []),
            [[md(v.value), md(v.outlets)] + ([md(v.when)] if timed else []) for v in values],
        )
    rows = [
        [
            md(labels.get(ev.span.article, ev.span.article)),
            _sentence(contexts, ev),
            md(value_label(ev.value)),
        ]
        for ev in finding.evidence
    ]
    return lines + _table(["Outlet", "Statement", "Value"], rows)


def _findings(report: Report) -> list[str]:
    lines = ["## Findings", ""]
    if not report.findings:
        lines += ["No discrepancy found.", ""]
    contexts = Contexts(report)
    for number, finding in enumerate(ordered_findings(report), 1):
        lines += _finding(report, contexts, number, finding)
    return lines


def render_markdown(report: Report, options: RenderOptions) -> str:
    """The full Markdown report."""
    counts = " · ".join(f"{report.count(s)} {s.value}" for s in reversed(Severity))
    lines = [
        "# factcheck report",
        "",
        f"**{counts}** — {len(report.articles)} articles, {len(report.groups)} groups",
    ]
    if report.suppressed is not None:
        lines[-1] += f", {report.suppressed} suppressed by baseline"
    lines += [""]
    if report.warnings:
        lines += [f"- warning: {md(w)}" for w in report.warnings] + [""]
    # Issue 20: findings first, then the tables that explain them.
    lines += _findings(report)

    lines += ["## Articles", ""]
    rows = []
    for number, article in enumerate(report.articles, 1):
        published = article.published.isoformat() if article.published else "unknown"
        if article.published and article.published_source:
            published += f" ({md(article.published_source)})"
        kept, excluded = words_kept_excluded(article)
        rows.append(
            [
                str(number),
                md(article.id) + (f" ({md(article.role)})" if article.role != "reference" else ""),
                md(article.outlet or "unknown"),
                published,
                md(article.language),
                f"{kept} / {excluded}",
            ]
        )
    lines += _table(["#", "Article", "Outlet", "Published", "Lang", "Words kept / excluded"], rows)
    # Issue 11: source families (wire copies) and outlets / independent sources per fact.
    families = family_lines(report)
    if families:
        lines += [f"**{FAMILIES_TITLE}** ({FAMILIES_NOTE}):", ""]
        lines += [f"- {md(family)}: {shared}" for family, shared in families] + [""]

    matrix = coverage(report)
    if matrix:
        header = ["Fact"] + [str(n) for n in range(1, len(report.articles) + 1)]
        has_sources = bool(report.corroboration)
        header += [SOURCES_HEADER] if has_sources else []
        rows = [
            [md(row.label)]
            + [MARK_SYMBOL[m] for m in row.marks]
            + ([sources_cell(report, row.key) or ""] if has_sources else [])
            for row in matrix
        ]
        lines += ["## Coverage", "", *_table(header, rows), md(MARK_LEGEND), ""]
    note = coverage_note(report)
    if note:
        lines += [md(note), ""]

    if options.verbose:
        flagged = findings_by_group(report)
        consistent = [g for g in report.groups if g.id not in flagged]
        if consistent:
            lines += ["## Consistent groups", ""]
            lines += [
                f"- consistent across {len(g.articles)} outlets: {md(g.label)}" for g in consistent
            ] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
