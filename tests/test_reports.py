"""reports/ holds the seeds report in every format; it must match what the code produces."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


def _generate() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location(
        "update_reports", REPO / "scripts" / "update_reports.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate()


def test_reports_are_up_to_date() -> None:
    stale = [
        name
        for name, text in _generate().items()
        if not (REPO / "reports" / name).exists()
        or (REPO / "reports" / name).read_bytes().decode("utf-8") != text
    ]
    assert not stale, (
        f"reports/ is stale ({', '.join(stale)}): run python scripts/update_reports.py"
    )
