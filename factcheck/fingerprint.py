"""The fingerprint of a finding: a stable id of what it says, for baselines, diffs and SARIF.

Built from the finding's kind and the normalized text of its evidence (or the
labels of its distinct values), never from offsets. It lives below the stages
and the renderers so that the JSON and SARIF reports, ``--baseline`` and
``factcheck diff`` all compute it the same way without importing each other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from factcheck.model import Finding
from factcheck.normalize import norm


def fingerprint_of(kind: str, evidence_texts: Iterable[str]) -> str:
    """A stable id of what a finding says: kind + normalized evidence texts (order-free)."""
    texts = sorted(norm(text) for text in evidence_texts)
    payload = "\x1f".join([kind, *texts])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def fingerprint(finding: Finding) -> str:
    """The fingerprint of a finding: per fact and kind for a consolidated finding (its
    distinct values, so it stays the same when another outlet joins with a value
    already listed), else from its evidence texts (see :func:`fingerprint_of`)."""
    if finding.values:
        return fact_fingerprint(finding.kind.value, (v.label for v in finding.values))
    return fingerprint_of(finding.kind.value, (ev.span.text for ev in finding.evidence))


def fact_fingerprint(kind: str, labels: Iterable[str]) -> str:
    """The fingerprint of a fact from its kind and the labels of its distinct values."""
    return fingerprint_of(kind, (f"value\x1e{label}" for label in labels))
