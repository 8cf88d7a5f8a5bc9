"""Quality floors: the full checker on the three evaluation sets must not get worse.

The floors live in ``tests/quality_floors.json``; the measurement is
``benchmarks/accuracy.py``'s (the same numbers as docs/accuracy.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy import MUTATION_COUNT, MUTATION_RUNS, measure

# Imported at module level on purpose: without the pipeline this test must fail, not skip.
from factcheck.pipeline import check  # noqa: F401
from tests.conftest import shared_file

FLOORS_PATH = Path(__file__).resolve().parent / "quality_floors.json"
FLOORS: dict[str, Any] = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))


def test_floors_file_is_well_formed() -> None:
    assert set(FLOORS["sets"]) == {"seeds", "fire", *MUTATION_RUNS}
    for bounds in FLOORS["sets"].values():
        assert set(bounds) <= {"min", "max"}
        assert all(isinstance(v, (int, float)) for b in bounds.values() for v in b.values())
    for entry in FLOORS["lowered"]:
        assert {"set", "metric", "from", "to", "date", "reason"} <= set(entry)
        assert len(entry["reason"].split()) >= 5, "lowering a floor needs a written reason"


def violations(results: dict[str, Any]) -> list[str]:
    """Every metric outside its floor or ceiling, as readable lines."""
    out = []
    for name, bounds in FLOORS["sets"].items():
        metrics = results[name]["metrics"]
        for key, floor in bounds.get("min", {}).items():
            if metrics[key] is None or metrics[key] < floor:
                out.append(f"{name}.{key} = {metrics[key]} < floor {floor}")
        for key, ceiling in bounds.get("max", {}).items():
            if metrics[key] > ceiling:
                out.append(f"{name}.{key} = {metrics[key]} > ceiling {ceiling}")
    return out


def test_violations_are_reported() -> None:
    # Zero on every floored metric and huge on every capped one breaks each bound.
    worst = {
        name: {"metrics": {k: 0.0 for k in b.get("min", {})} | {k: 1e6 for k in b.get("max", {})}}
        for name, b in FLOORS["sets"].items()
    }
    broken = sum(
        len(b.get("max", {})) + sum(v > 0 for v in b.get("min", {}).values())
        for b in FLOORS["sets"].values()
    )
    assert len(violations(worst)) == broken > 0


@pytest.mark.slow
def test_quality_stays_above_the_floors(tmp_path: Path) -> None:
    shared_file("eval", "seeds_gold.json")
    shared_file("eval", "score.py")
    results = measure(tmp_path)
    assert results["mutations"]["metrics"]["mutations"] == MUTATION_COUNT >= 50
    assert violations(results) == []


def test_accuracy_page_shows_every_set() -> None:
    from benchmarks.accuracy import render_markdown

    results = json.loads(
        (
            Path(__file__).resolve().parents[1] / "benchmarks" / "results" / "accuracy.json"
        ).read_text("utf-8")
    )
    page = render_markdown(results)
    assert "| alignment pair F1 | " in page and "score.py" in page
    for run in MUTATION_RUNS:
        assert f"### {run}" in page
    assert f"{results['seeds']['metrics']['pair_f1']:.3f}" in page
