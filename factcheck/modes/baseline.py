"""Baselines: accept known findings once, fail only on new ones.

A finding is matched by its fingerprint (:mod:`factcheck.fingerprint`), never
by offsets, so an edit elsewhere in an article (or a typographic change such as
``'`` → ``’``) keeps it matching.
"""

from __future__ import annotations

import dataclasses
import json
import os

from factcheck.fingerprint import fingerprint
from factcheck.jsonfile import read_json
from factcheck.model import Finding, Report
from factcheck.output import write_text

BASELINE_FORMAT = "factcheck-baseline/1"


def _pair_fingerprints(finding: Finding) -> list[str]:
    """Fingerprints of the pairwise findings a consolidated one merges (all of them
    only when every pair is kept), so a baseline written before consolidation
    still accepts the fact."""
    if not finding.pairs or len(finding.pairs) != finding.pair_count:
        return []
    return [fingerprint(p) for p in finding.pairs]


def load_baseline(path: str | os.PathLike[str]) -> set[str]:
    """The fingerprints accepted in a baseline file (InputError when unusable)."""
    data = read_json(path, "baseline")
    return {str(e["fingerprint"]) for e in data["findings"]}


def baseline_text(report: Report) -> str:
    """The baseline file accepting every finding of ``report`` (sorted, deterministic)."""
    entries = {
        fingerprint(f): {"fingerprint": fingerprint(f), "kind": f.kind.value, "message": f.message}
        for f in report.findings
    }
    data = {"format": BASELINE_FORMAT, "findings": [entries[k] for k in sorted(entries)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the baseline of ``report`` safely (:func:`factcheck.output.write_text`)."""
    write_text(os.fspath(path), baseline_text(report), "--write-baseline")


def apply_baseline(report: Report, fingerprints: set[str]) -> Report:
    """``report`` without the accepted findings; their count goes to ``suppressed``."""
    kept = tuple(
        f
        for f in report.findings
        if fingerprint(f) not in fingerprints
        and not ((pairs := _pair_fingerprints(f)) and fingerprints.issuperset(pairs))
    )
    suppressed = len(report.findings) - len(kept)
    return dataclasses.replace(report, findings=kept, suppressed=suppressed)
