"""The JSON report (schema version 1.2): the format every other tool reads.

The schema lives in ``factcheck/schemas/report.schema.json``. Output is
byte-deterministic: the same report always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from factcheck.fingerprint import fingerprint
from factcheck.model import Report, Severity

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

SCHEMA_VERSION = "1.2"

# json.dumps escapes C0 controls itself; these are the other characters that
# act on a terminal or on text direction when the file is printed (C1 controls,
# bidi overrides, line separators). Escaping them keeps the parsed value
# identical while making the bytes inert.
_INERT = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the schema's field order."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": report.tool_version},
        "articles": [a.as_dict() for a in report.articles],
        "groups": [g.as_dict() for g in report.groups],
        "findings": [f.as_dict() | {"fingerprint": fingerprint(f)} for f in report.findings],
        "summary": {
            "articles": len(report.articles),
            "groups": len(report.groups),
            "findings": {s.value: report.count(s) for s in reversed(Severity)},
        },
    }
    if report.suppressed is not None:
        data["summary"]["suppressed"] = report.suppressed
    if report.warnings:
        data["warnings"] = list(report.warnings)
    # Issue 11: source families (wire copies) and per-group independent-source counts.
    if report.families is not None:
        data["families"] = [f.as_dict() for f in report.families]
    if report.corroboration is not None:
        data["corroboration"] = {g: c.as_dict() for g, c in report.corroboration.items()}
    return data


def dumps(data: Any) -> str:
    """Deterministic, inert JSON text with a trailing newline."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return _INERT.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def render_json(report: Report, options: RenderOptions | None = None) -> str:
    """The JSON report text (no rendering option changes it: ``options`` is ignored)."""
    return dumps(report_to_dict(report))
