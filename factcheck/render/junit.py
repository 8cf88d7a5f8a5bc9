"""The report as JUnit XML, for CI systems that show test results.

One test case per fact group, failing when the group has a finding at or
above ``--fail-on``; a finding outside any group is its own test case.
Findings below the threshold are listed in the case's ``system-out``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from factcheck.model import Finding, Report, value_label
from factcheck.render._common import findings_by_group, xml_safe
from factcheck.text import visible

if TYPE_CHECKING:
    from factcheck.render import RenderOptions


def _describe(labels: dict[str, str], finding: Finding) -> str:
    """A finding in a few plain lines: severity, kind, message, each side."""
    lines = [f"[{finding.severity.value}] {finding.kind.value} {finding.id}: {finding.message}"]
    for v in finding.values:
        outlets = ", ".join(labels.get(a, a) for a in v.articles)
        lines.append(f"  value {v.label}: {outlets} ({v.sources} independent)")
    for ev in finding.evidence:
        shown = value_label(ev.value)
        where = f"{labels.get(ev.span.article, ev.span.article)} [{ev.span.start}:{ev.span.end}]"
        lines.append(f"  {where}: {ev.span.text}" + (f" ({shown})" if shown else ""))
    # visible() also drops what XML 1.0 cannot carry (NUL and other C0 controls).
    return "\n".join(visible(line) for line in lines)


def _case(
    labels: dict[str, str],
    name: str,
    classname: str,
    findings: list[Finding],
    options: RenderOptions,
) -> tuple[ET.Element, bool]:
    case = ET.Element("testcase", {"classname": classname, "name": visible(name), "time": "0"})
    failing = [f for f in findings if options.fail_on is not None and f.severity >= options.fail_on]
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank)
        failure = ET.SubElement(
            case,
            "failure",
            {"message": visible(worst.message), "type": worst.kind.value},
        )
        failure.text = "\n\n".join(_describe(labels, f) for f in failing)
    passing = [f for f in findings if f not in failing]
    if passing:
        ET.SubElement(case, "system-out").text = "\n\n".join(_describe(labels, f) for f in passing)
    return case, bool(failing)


def render_junit(report: Report, options: RenderOptions) -> str:
    """The JUnit XML text of a report."""
    group_ids = {g.id for g in report.groups}
    by_group = findings_by_group(report)
    labels = {a.id: a.label for a in report.articles}
    cases = [
        _case(
            labels,
            f"{group.id}: {group.label}",
            "factcheck.group",
            by_group.get(group.id, []),
            options,
        )
        for group in report.groups
    ]
    cases += [
        _case(labels, f"{f.id}: {f.kind.value}", "factcheck.finding", [f], options)
        for f in report.findings
        if f.group not in group_ids
    ]
    failures = sum(1 for _, failed in cases if failed)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "factcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "factcheck", **counts, "time": "0"})
    suite.extend(case for case, _ in cases)
    ET.indent(root)
    xml = ET.tostring(root, "unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(xml) + "\n"
