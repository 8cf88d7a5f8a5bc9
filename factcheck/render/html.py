"""The report as one self-contained HTML page.

No external request, no JavaScript needed to read it: inline CSS, findings
listed most severe first, the coverage matrix, and every article's text with
the evidence highlighted in place, each side linking to the next side of the
same finding. A small inline script adds severity filters; a strict Content
Security Policy allows only that script (by hash) and the inline style, so
even a markup mistake could not run or load anything else. All text is
HTML-escaped, with control and bidi characters shown as visible escapes.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from typing import TYPE_CHECKING

from factcheck.model import Article, Finding, Report, Severity, Span, value_label
from factcheck.render._common import (
    MARK_LEGEND,
    MARK_SYMBOL,
    Contexts,
    coverage,
    coverage_note,
    finding_title,
    findings_by_group,
    h,
    numbered,
    ordered_findings,
    pieces,
    value_rows,
    words_kept_excluded,
)
from factcheck.render.annotated import (
    SOURCES_HEADER,
    annotated_draft_html,
    families_html,
    sources_cell,
)

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem}
h1{margin-bottom:.2rem}table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.mark{text-align:center}.m-disagrees{color:#b00020;font-weight:bold}.m-states{color:#137333}
.m-only{color:#8e24aa}.m-absent{color:#999}
.finding{border:1px solid #ccc;border-left:6px solid #999;margin:1rem 0;padding:.5rem 1rem}
.finding.sev-error{border-left-color:#b00020}.finding.sev-warning{border-left-color:#e6a100}
.finding.sev-info{border-left-color:#1a73e8}
.sides{display:flex;flex-wrap:wrap;gap:1rem}.side{flex:1 1 20rem;background:#f7f7f7;padding:.5rem}
.badge{font-weight:bold;text-transform:uppercase}.sev-error .badge{color:#b00020}
.sev-warning .badge{color:#8a6100}.sev-info .badge{color:#1a73e8}
mark{background:#ffe08a}mark.sev-error{background:#ffc9cf}mark.sev-info{background:#d2e3fc}
mark a{color:inherit}.esc{color:#b00020;font-family:monospace}
.article-text{white-space:pre-wrap;font-family:Georgia,serif;background:#fafafa;padding:1rem}
.meta{color:#555}.filters[hidden]{display:none}
table.values{margin:.25rem 0 .5rem}ol.timeline{margin:.25rem 0 .5rem}ol.timeline time{color:#555}
body.hide-error .sev-error.finding,body.hide-warning .sev-warning.finding,
body.hide-info .sev-info.finding{display:none}
"""

_SCRIPT = """
document.documentElement.dataset.js = "ready";
const filters = document.getElementById("filters");
filters.hidden = false;
for (const box of filters.querySelectorAll("input")) {
  box.addEventListener("change", () => {
    document.body.classList.toggle("hide-" + box.value, !box.checked);
  });
}
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_csp_hash(_CSS)}; "
    f"script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _anchor(finding: Finding, side: int) -> str:
    return f"ev-{h(finding.id)}-{side}"


def _article_anchor(article_id: str) -> str:
    return f"article-{h(article_id)}"


def _header(report: Report) -> list[str]:
    counts = " · ".join(f"{report.count(s)} {s.value}" for s in reversed(Severity))
    suppressed = (
        f", {report.suppressed} suppressed by baseline" if report.suppressed is not None else ""
    )
    out = [
        "<h1>factcheck report</h1>",
        f'<p class="meta"><strong>{counts}</strong> — {len(report.articles)} articles, '
        f"{len(report.groups)} groups{suppressed}</p>",
    ]
    out += [f'<p class="meta">warning: {h(w)}</p>' for w in report.warnings]
    out += [
        '<form id="filters" class="filters" hidden>Show: '
        + " ".join(
            f'<label><input type="checkbox" value="{s.value}" checked> {s.value}</label>'
            for s in reversed(Severity)
        )
        + "</form>"
    ]
    return out


def _articles_table(report: Report) -> list[str]:
    out = [
        "<h2>Articles</h2><table><tr><th>#</th><th>Article</th><th>Outlet</th>"
        "<th>Published</th><th>Lang</th><th>Words kept / excluded</th></tr>"
    ]
    for number, a in enumerate(report.articles, 1):
        published = a.published.isoformat() if a.published else "unknown"
        if a.published and a.published_source:
            published += f" ({h(a.published_source)})"
        role = f" ({h(a.role)})" if a.role != "reference" else ""
        kept, excluded = words_kept_excluded(a)
        out.append(
            f'<tr><td>{number}</td><td><a href="#{_article_anchor(a.id)}">{h(a.id)}</a>{role}'
            f"</td><td>{h(a.outlet or 'unknown')}</td><td>{published}</td>"
            f"<td>{h(a.language)}</td><td>{kept} / {excluded}</td></tr>"
        )
    return [*out, "</table>"]


def _coverage_table(report: Report) -> list[str]:
    rows, note = coverage(report), coverage_note(report)
    if not rows:
        return [f'<p class="meta">{h(note)}</p>'] if note else []
    numbers = "".join(
        f'<th title="{h(a.label)}">{n}</th>' for n, a in enumerate(report.articles, 1)
    )
    # Issue 11: outlets / independent sources (wire copies count once) per group.
    if report.corroboration:
        numbers += f"<th>{SOURCES_HEADER}</th>"
    out = [f"<h2>Coverage</h2><table><tr><th>Fact</th>{numbers}</tr>"]
    for row in rows:
        cells = "".join(
            f'<td class="mark m-{m.value}" title="{m.value}">{MARK_SYMBOL[m]}</td>'
            for m in row.marks
        )
        sources = sources_cell(report, row.key)
        if sources is not None:
            cells += f'<td class="mark">{h(sources)}</td>'
        label = h(row.label)
        if row.finding:
            label = f'<a href="#finding-{h(row.finding)}">{label}</a>'
        out.append(f"<tr><td>{label}</td>{cells}</tr>")
    out += ["</table>", f'<p class="meta">{h(MARK_LEGEND)}</p>']
    return [*out, f'<p class="meta">{h(note)}</p>'] if note else out


def _values_html(report: Report, finding: Finding) -> list[str]:
    """Each distinct value with who states it; a revision as a timeline in time order."""
    rows = value_rows(report, finding)
    if len(rows) < 2:
        return []
    if finding.revision:
        items = "".join(
            f"<li>{f'<time>{h(r.when)}</time> ' if r.when else ''}<strong>{h(r.value)}</strong>"
            f" — {h(r.outlets)}</li>"
            for r in rows
        )
        return [f'<ol class="timeline">{items}</ol>']
    timed = any(r.when for r in rows)
    head = "<tr><th>Value</th><th>Stated by</th>" + ("<th>Published</th>" if timed else "")
    body = "".join(
        f"<tr><td><strong>{h(r.value)}</strong></td><td>{h(r.outlets)}</td>"
        + (f"<td>{h(r.when)}</td>" if timed else "")
        + "</tr>"
        for r in rows
    )
    return [f'<table class="values">{head}</tr>{body}</table>']


def _finding_section(
    report: Report, contexts: Contexts, number: int, finding: Finding
) -> list[str]:
    sev = finding.severity.value
    about = f"confidence {finding.confidence:.2f}"
    if finding.pair_count > 1:
        about += f" · {finding.pair_count} pairs of statements"
    out = [
        f'<section class="finding sev-{sev}" id="finding-{h(finding.id)}" data-severity="{sev}">',
        f'<h3>{number}. <span class="badge">{sev}</span> {h(finding_title(finding))}</h3>',
        f'<p>{h(finding.message)} <span class="meta">({about})</span></p>',
        *_values_html(report, finding),
        '<div class="sides">',
    ]
    for side, ev in enumerate(finding.evidence):
        sentence = "".join(
            f'<mark class="sev-{sev}">{h(text)}</mark>' if hl else h(text)
            for text, hl in pieces(contexts.around(ev.span), [ev.span])
        )
        shown = value_label(ev.value)
        value = f"<p>→ <strong>{h(shown)}</strong></p>" if shown else ""
        article = contexts.articles.get(ev.span.article)
        out.append(
            f'<div class="side"><p><b>{h(article.label if article else ev.span.article)}</b> '
            f'<a href="#{_anchor(finding, side)}">(in the article)</a></p>'
            f"<p>{sentence}</p>{value}</div>"
        )
    return [*out, "</div></section>"]


_Mark = tuple[Finding, int, Span]  # a finding, which side of it, and that side's span


def _marks_by_article(report: Report) -> dict[str, list[_Mark]]:
    marks: dict[str, list[_Mark]] = {}
    for finding in report.findings:
        for side, ev in enumerate(finding.evidence):
            marks.setdefault(ev.span.article, []).append((finding, side, ev.span))
    return marks


def _article_text(article: Article, marks: list[_Mark], numbers: dict[str, int]) -> str:
    """The article's full text with every evidence span marked and cross-linked."""
    cuts = {0, len(article.text)} | {s.start for *_, s in marks} | {s.end for *_, s in marks}
    out = []
    for start, end in itertools.pairwise(sorted(cuts)):
        out += [f'<a id="{_anchor(f, side)}"></a>' for f, side, s in marks if s.start == start]
        covering = [(f, side) for f, side, s in marks if s.start <= start and end <= s.end]
        chunk = h(article.text[start:end], one_line=False)
        if covering:
            finding, side = max(covering, key=lambda fs: fs[0].severity.rank)
            partner = (side + 1) % len(finding.evidence)
            title = "; ".join(
                f"{numbers.get(f.id, '')}. {finding_title(f)}: {f.message}" for f, _ in covering
            )
            chunk = (
                f'<mark class="sev-{finding.severity.value}" title="{h(title)}">'
                f'<a href="#{_anchor(finding, partner)}">{chunk}</a></mark>'
            )
        out.append(chunk)
        out += [
            f'<sup><a href="#finding-{h(f.id)}">{numbers.get(f.id, "")}</a></sup>'
            for f, _, s in marks
            if s.end == end
        ]
    return "".join(out)


def render_html(report: Report, options: RenderOptions) -> str:
    """The full HTML page of a report."""
    # Issue 20: the page opens on the findings; the tables that explain them follow.
    body = _header(report)
    body += [annotated_draft_html(report, options.draft)] if options.draft else []
    body.append("<h2>Findings</h2>")
    if not report.findings:
        body.append("<p>No discrepancy found.</p>")
    contexts = Contexts(report)
    for number, finding in enumerate(ordered_findings(report), 1):
        body += _finding_section(report, contexts, number, finding)
    body += _articles_table(report)
    # Issue 11: source families under the articles.
    body += [families_html(report)] if report.families else []
    body += _coverage_table(report)
    if options.verbose:
        flagged = findings_by_group(report)
        consistent = [g for g in report.groups if g.id not in flagged]
        if consistent:
            body.append("<h2>Consistent groups</h2><ul>")
            body += [
                f"<li>consistent across {len(g.articles)} outlets: {h(g.label)}</li>"
                for g in consistent
            ]
            body.append("</ul>")
    body.append("<h2>Articles, with the evidence in place</h2>")
    marks = _marks_by_article(report)
    numbers = numbered(report)
    for article in report.articles:
        text = _article_text(article, marks.get(article.id, []), numbers)
        body.append(
            f'<section id="{_article_anchor(article.id)}"><h3>{h(article.label)} '
            f'<span class="meta">({h(article.path)})</span></h3>'
            f'<div class="article-text">{text}</div></section>'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>factcheck report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
