"""The report as SARIF 2.1.0, for code-scanning UIs (GitHub, GitLab, IDEs).

One rule per finding kind; one result per finding, located at its first
evidence span, with the other sides as related locations. Regions give
1-based lines and columns, where a column counts Unicode code points
(``columnKind: unicodeCodePoints``: Python string indices, not UTF-16 units)
and lines end at CR, LF or CRLF; ``endColumn`` is exclusive, as SARIF defines.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factcheck.fingerprint import fingerprint
from factcheck.model import Article, Evidence, Finding, Kind, Report, Severity, value_label
from factcheck.render._common import xml_safe
from factcheck.render.json_report import dumps
from factcheck.text import visible

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
RULE_HELP = {
    Kind.VALUE_MISMATCH: "Outlets report different values (amount, count, duration) for one fact.",
    Kind.DATE_MISMATCH: "Outlets report incompatible dates or periods for one event.",
    Kind.ATTRIBUTION_MISMATCH: "The same quote is credited to different speakers.",
    Kind.QUOTE_DRIFT: "The words inside the quotation marks differ between outlets.",
    Kind.CONTRADICTION: "Aligned statements conflict (negation, opposite outcomes).",
    Kind.ENTITY_MISMATCH: "Outlets name different people or organisations in the same role.",
    Kind.SINGLE_SOURCE: "A fact that only one outlet reports.",
}
_LINE_END = re.compile(r"\r\n|\r|\n")


class _Lines:
    """Offset -> (line, column), both 1-based, for one article's text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def artifact_uri(path: str) -> str:
    """An article path as a URI reference: relative paths stay relative (POSIX, %-encoded)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix(), safe="/")
    return quote(pure.as_posix(), safe="/")


def _rule_name(kind: Kind) -> str:
    return "".join(part.title() for part in kind.value.split("_"))


def _location(
    evidence: Evidence, article: Article, index: int, lines: _Lines, **extra: Any
) -> dict[str, Any]:
    span = evidence.span
    start_line, start_column = lines.position(span.start)
    end_line, end_column = lines.position(span.end)
    location: dict[str, Any] = {
        **extra,
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(article.path), "index": index},
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column,
                "charOffset": span.start,
                "charLength": span.end - span.start,
                "snippet": {"text": span.text},
            },
        },
    }
    shown = value_label(evidence.value)
    location["message"] = {"text": visible(f"{article.label}: {shown or span.text}")}
    return location


def _result(
    finding: Finding,
    articles: dict[str, tuple[int, Article, _Lines]],
    rule_index: dict[Kind, int],
) -> dict[str, Any]:
    """One result per fact: the first side as its location, every other span stating
    any of its values (the agreeing outlets too) as related locations."""
    shown = {ev.span: ev for ev in finding.evidence}
    for variant in finding.values:
        for ev in variant.evidence:
            shown.setdefault(ev.span, ev)
    locations = []
    for position, evidence in enumerate(shown.values()):
        index, article, lines = articles[evidence.span.article]
        extra = {"id": position} if position else {}
        locations.append(_location(evidence, article, index, lines, **extra))
    result: dict[str, Any] = {
        "ruleId": finding.kind.value,
        "ruleIndex": rule_index[finding.kind],
        "level": LEVEL[finding.severity],
        "message": {"text": visible(finding.message)},
        "locations": locations[:1],
    }
    if len(locations) > 1:
        result["relatedLocations"] = locations[1:]
    result["partialFingerprints"] = {"factcheck/v1": fingerprint(finding)}
    result["properties"] = {
        "findingId": finding.id,
        "group": finding.group,
        "confidence": round(finding.confidence, 3),
    }
    if finding.values:
        result["properties"]["revision"] = finding.revision
        result["properties"]["values"] = [
            {"label": v.label, "articles": list(v.articles), "sources": v.sources}
            for v in finding.values
        ]
    return result


def report_to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log of a report, as JSON-ready data."""
    rule_index = {kind: i for i, kind in enumerate(Kind)}
    rules = [
        {
            "id": kind.value,
            "name": _rule_name(kind),
            "shortDescription": {"text": RULE_HELP[kind]},
            "defaultConfiguration": {"level": "note" if kind is Kind.SINGLE_SOURCE else "warning"},
        }
        for kind in Kind
    ]
    articles = {a.id: (i, a, _Lines(a.text)) for i, a in enumerate(report.articles)}
    artifacts = [
        {
            "location": {"uri": artifact_uri(a.path)},
            "encoding": a.encoding,
            "hashes": {"sha-256": a.sha256},
            "properties": {"articleId": a.id, "outlet": a.outlet},
        }
        for a in report.articles
    ]
    run = {
        "tool": {
            "driver": {
                "name": "factcheck",
                "version": report.tool_version,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": [_result(f, articles, rule_index) for f in report.findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, options: RenderOptions) -> str:
    """The SARIF 2.1.0 text of a report."""
    return xml_safe(dumps(report_to_sarif(report)))
