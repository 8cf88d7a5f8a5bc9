"""``factcheck diff OLD.json NEW.json``: what changed between two reports.

Findings are matched by their baseline fingerprint (kind + normalized
evidence text), so a correction elsewhere in an article does not make every
finding look new. A finding whose fingerprint is in both reports but whose
severity or message differs is "changed".
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

from factcheck.fingerprint import fact_fingerprint, fingerprint_of
from factcheck.jsonfile import read_json
from factcheck.render.json_report import dumps
from factcheck.text import visible

Finding = dict[str, Any]  # a finding as it appears in a JSON report


@dataclass(frozen=True)
class Change:
    """The same finding in both reports, with a different severity or message."""

    old: Finding
    new: Finding


@dataclass(frozen=True)
class DiffResult:
    """Findings that appeared, disappeared or changed from the old report to the new."""

    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]
    changed: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not (self.appeared or self.disappeared or self.changed)


def finding_fingerprint(finding: Finding) -> str:
    """The baseline fingerprint of a finding read from JSON: per fact from its values
    (schema 1.2), else from its evidence texts (older reports, --per-pair)."""
    if finding.get("values"):
        return fact_fingerprint(finding["kind"], (v["label"] for v in finding["values"]))
    return fingerprint_of(finding["kind"], (ev["text"] for ev in finding["evidence"]))


def load_report(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A JSON report from disk (InputError when it is not one)."""
    data: dict[str, Any] = read_json(path, "report")
    return data


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> DiffResult:
    """Compare the findings of two JSON reports (as loaded dicts)."""
    old_by_fp: dict[str, list[Finding]] = defaultdict(list)
    for finding in old["findings"]:
        old_by_fp[finding_fingerprint(finding)].append(finding)
    appeared, changed = [], []
    for finding in new["findings"]:
        matches = old_by_fp.get(finding_fingerprint(finding))
        if not matches:
            appeared.append(finding)
            continue
        previous = matches.pop(0)
        if (previous["severity"], previous.get("message", "")) != (
            finding["severity"],
            finding.get("message", ""),
        ):
            changed.append(Change(previous, finding))
    disappeared = [f for remaining in old_by_fp.values() for f in remaining]
    order = {id(f): i for i, f in enumerate(old["findings"])}
    disappeared.sort(key=lambda f: order[id(f)])
    return DiffResult(tuple(appeared), tuple(disappeared), tuple(changed))


def diff_to_dict(result: DiffResult) -> dict[str, Any]:
    """The diff as JSON-ready data."""
    return {
        "appeared": list(result.appeared),
        "disappeared": list(result.disappeared),
        "changed": [{"old": c.old, "new": c.new} for c in result.changed],
        "summary": {
            "appeared": len(result.appeared),
            "disappeared": len(result.disappeared),
            "changed": len(result.changed),
        },
    }


def diff_json(result: DiffResult) -> str:
    """The diff as deterministic JSON text."""
    return dumps(diff_to_dict(result))


def _line(sign: str, style: str, finding: Finding) -> Text:
    sides = " | ".join(visible(ev["text"]) for ev in finding["evidence"])
    return Text.assemble(
        (f"{sign} {finding['severity']:<7} ", style),
        (visible(finding["kind"]), "bold"),
        " ",
        visible(finding.get("message", "")),
        ("  [" + sides + "]", "dim"),
    )


def print_diff(result: DiffResult, console: Console) -> None:
    """Print the diff for a reader: + appeared, - disappeared, ~ changed."""
    if result.empty:
        console.print(Text("No change in findings."))
        return
    for finding in result.appeared:
        console.print(_line("+", "red", finding))
    for finding in result.disappeared:
        console.print(_line("-", "green", finding))
    for change in result.changed:
        console.print(_line("~", "yellow", change.new))
        console.print(
            Text(
                f"    was {change.old['severity']}: {visible(change.old.get('message', ''))}",
                style="dim",
            )
        )
    console.print(
        Text(
            f"{len(result.appeared)} appeared · {len(result.disappeared)} disappeared · "
            f"{len(result.changed)} changed",
            style="bold",
        )
    )
