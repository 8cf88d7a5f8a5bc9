"""Baselines: fingerprints survive edits elsewhere; new findings still count."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.fingerprint import fingerprint
from factcheck.model import Evidence, Finding, Kind, Report, Severity
from factcheck.modes.baseline import apply_baseline, load_baseline, write_baseline
from tests.render_fixtures import article, find, small_report


def _mismatch(prefix: str, left: str, right: str, kind: Kind = Kind.VALUE_MISMATCH) -> Finding:
    a = article("a", f"{prefix}Le parquet a requis {left}.\n")
    b = article("b", f"Selon l’AFP, {right}.\n")
    return Finding(
        kind,
        Severity.ERROR,
        0.9,
        "msg",
        (Evidence(a.span(*find(a, left))), Evidence(b.span(*find(b, right)))),
    )


def test_fingerprint_ignores_offsets_typography_case_and_side_order() -> None:
    base = _mismatch("", "60.000 euros", "45 000 euros")
    moved = _mismatch("Un paragraphe ajouté plus haut.\n", "60.000 euros", "45 000 euros")
    assert moved.evidence[0].span.start != base.evidence[0].span.start
    assert fingerprint(moved) == fingerprint(base)
    retyped = _mismatch("", "60.000\u00a0Euros", "45 000 euros")
    assert fingerprint(retyped) == fingerprint(base)
    swapped = dataclasses.replace(base, evidence=base.evidence[::-1], message="other words")
    assert fingerprint(swapped) == fingerprint(base)


def test_fingerprint_changes_with_the_value_or_the_kind() -> None:
    base = _mismatch("", "60.000 euros", "45 000 euros")
    assert fingerprint(_mismatch("", "60.000 euros", "48 000 euros")) != fingerprint(base)
    other_kind = _mismatch("", "60.000 euros", "45 000 euros", Kind.DATE_MISMATCH)
    assert fingerprint(other_kind) != fingerprint(base)


def test_write_then_apply_suppresses_accepted_findings_only(tmp_path: Path) -> None:
    report = small_report()
    path = tmp_path / "baseline.json"
    accepted = dataclasses.replace(report, findings=report.findings[:2])
    write_baseline(accepted, path)
    filtered = apply_baseline(report, load_baseline(path))
    assert [f.id for f in filtered.findings] == ["F3"]
    assert filtered.suppressed == 2
    assert filtered.worst() is Severity.INFO  # so --fail-on error now passes
    new = _mismatch("", "60.000 euros", "12 euros")
    again = apply_baseline(
        dataclasses.replace(report, findings=(*report.findings, new)), load_baseline(path)
    )
    assert new in again.findings  # a new finding still fails


def test_baseline_file_is_deterministic_json(tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(small_report(), first)
    report = small_report()
    write_baseline(dataclasses.replace(report, findings=report.findings[::-1]), second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert data["format"] == "factcheck-baseline/1" and len(data["findings"]) == 3


@pytest.mark.parametrize("content", [None, "not json", '{"findings": []}', "[1, 2]"])
def test_unusable_baseline_is_an_input_error_naming_the_file(tmp_path: Path, content) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as info:
        load_baseline(path)
    assert info.value.path == str(path)


def test_report_without_findings_gives_an_empty_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(Report((), (), (), "0"), path)
    assert load_baseline(path) == set()


def test_exit_code_after_a_baseline_fails_only_on_new_findings(tmp_path: Path) -> None:
    from factcheck.cli import exit_code_for
    from factcheck.errors import ExitCode

    report = small_report()
    path = tmp_path / "b.json"
    write_baseline(report, path)
    accepted = apply_baseline(report, load_baseline(path))
    assert exit_code_for(report, Severity.INFO) is ExitCode.FINDINGS
    assert exit_code_for(accepted, Severity.INFO) is ExitCode.OK
    new = _mismatch("", "60.000 euros", "12 euros")
    grown = dataclasses.replace(report, findings=(*report.findings, new))
    assert exit_code_for(apply_baseline(grown, load_baseline(path)), Severity.ERROR) is (
        ExitCode.FINDINGS
    )
