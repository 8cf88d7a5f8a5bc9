"""Calibration data for value_mismatch findings: how often each kind of evidence is right.

Usage: calibrate_values.py REPORTS_DIR CORPORA_DIR [CLUSTER ...]

Reads ``REPORTS_DIR/<cluster>.json`` (``factcheck check --format json``, every
severity) and each cluster's ``gold.json``, labels every value_mismatch and
date_mismatch finding as on target (its evidence covers an expected or optional
finding of the gold), forbidden (it covers a must-not-flag pair) or neither, and
prints the share on target per evidence bucket (binding certainty, rounding
level, places, magnitude, sources, date kind). The factors of
``factcheck/align/value_calibration.json`` are read off these shares; run it on
some clusters to fit and on the others to check (see docs/values.md).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def _spans(finding: dict[str, Any], names: dict[str, str]) -> list[tuple[str, int, int]]:
    return [(names[e["article"]], e["start"], e["end"]) for e in finding["evidence"]]


def _covers(
    spans: list[tuple[str, int, int]], statements: list[dict[str, Any]], texts: dict[str, str]
) -> bool:
    hit = set()
    for st in statements:
        text, quote = texts[st["article"]], st["quote"]
        start = text.find(quote)
        while start >= 0:
            if any(
                a == st["article"] and s < start + len(quote) and start < e for a, s, e in spans
            ):
                hit.add(st["article"])
            start = text.find(quote, start + 1)
    return len(hit) >= min(2, len({st["article"] for st in statements}))


def buckets(finding: dict[str, Any]) -> list[str]:
    """The evidence buckets a finding falls in (as in compare/values.py)."""
    a, b = (e["value"] or {} for e in finding["evidence"])
    if a.get("type") == "time":
        return [
            "date:"
            + (
                "weekday"
                if "weekdays differ" in finding["message"]
                else "years"
                if a.get("granularity") == b.get("granularity") == "year"
                else "yearless"
                if not (a.get("start") and b.get("start"))
                else "relative"
                if a.get("relative") or b.get("relative")
                else "resolved"
            )
        ]
    pa, pb = a.get("predicate") or [], b.get("predicate") or []
    out = ["binding:" + ("bound" if pa and pb else "half" if pa or pb else "unbound")]
    out.append(
        "heads:" + ("agree" if a.get("head") and a.get("head") == b.get("head") else "other")
    )
    out.append("rounding:" + str("rounding-level" in finding["message"]))
    years = lambda v: {s for s in v.get("scope") or [] if s.isdigit()}  # noqa: E731
    places = [set(v.get("scope") or []) - years(v) for v in (a, b)]
    out.append("places_differ:" + str(bool(places[0] and places[1] and not places[0] & places[1])))
    out.append("magnitude:" + str("magnitude" in (a.get("vagueness"), b.get("vagueness"))))
    out.append("kind:" + str(a.get("kind")))
    return out


def main(reports: Path, root: Path, clusters: list[str]) -> None:
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for name in clusters:
        gold = json.loads((root / name / "gold.json").read_text(encoding="utf-8"))
        adir = root / name / gold.get("articles_dir", "articles")
        texts = {p.name: p.read_text(encoding="utf-8-sig") for p in adir.iterdir() if p.is_file()}
        report = json.loads((reports / f"{name}.json").read_text(encoding="utf-8"))
        names = {a["id"]: Path(a["path"]).name for a in report["articles"]}
        targets = gold.get("expected_findings", []) + gold.get("optional_findings", [])
        for f in report["findings"]:
            if f["kind"] not in ("value_mismatch", "date_mismatch"):
                continue
            spans = _spans(f, names)
            on = any(_covers(spans, t["statements"], texts) for t in targets)
            bad = any(_covers(spans, m["statements"], texts) for m in gold.get("must_not_flag", []))
            for key in buckets(f):
                row = stats[key]
                row[0] += 1
                row[1] += on
                row[2] += bad
    print(f"{'bucket':28} {'n':>4} {'on target':>9} {'share':>6} {'forbidden':>9}")
    for key in sorted(stats):
        n, on, bad = stats[key]
        print(f"{key:28} {n:4d} {on:9d} {on / n:6.2f} {bad:9d}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
