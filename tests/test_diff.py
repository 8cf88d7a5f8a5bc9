"""factcheck diff: appeared, disappeared, changed between two JSON reports."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.errors import InputError
from factcheck.modes.diff import diff_json, diff_reports, load_report, print_diff
from factcheck.render.json_report import report_to_dict
from tests.render_fixtures import small_report


def _old_new() -> tuple[dict, dict]:
    old = report_to_dict(small_report())
    new = copy.deepcopy(old)
    corrected = new["findings"].pop(0)  # the value mismatch was corrected
    new["findings"][0]["severity"] = "error"  # attribution escalated
    new["findings"][0]["message"] = "Now an error."
    added = copy.deepcopy(corrected)
    added["evidence"][1]["text"] = "12 euros"
    new["findings"].append(added)
    # Offsets moved everywhere (an edit at the top of an article): still the same findings.
    for finding in new["findings"]:
        for ev in finding["evidence"]:
            ev["start"] += 40
            ev["end"] += 40
    return old, new


def test_appeared_disappeared_and_changed_are_told_apart() -> None:
    old, new = _old_new()
    result = diff_reports(old, new)
    assert [f["id"] for f in result.disappeared] == ["F1"]
    assert [f["evidence"][1]["text"] for f in result.appeared] == ["12 euros"]
    assert [(c.old["severity"], c.new["severity"]) for c in result.changed] == [
        ("warning", "error")
    ]


def test_identical_reports_have_an_empty_diff() -> None:
    old = report_to_dict(small_report())
    result = diff_reports(old, copy.deepcopy(old))
    assert result.empty
    out = io.StringIO()
    print_diff(result, Console(file=out, width=100))
    assert out.getvalue() == "No change in findings.\n"


def test_printed_diff_has_one_line_per_change_and_a_total() -> None:
    out = io.StringIO()
    print_diff(diff_reports(*_old_new()), Console(file=out, width=200))
    lines = out.getvalue().splitlines()
    assert [line[:1] for line in lines[:3]] == ["+", "-", "~"]
    assert lines[-1] == "1 appeared · 1 disappeared · 1 changed"


def test_json_diff_is_deterministic_data() -> None:
    text = diff_json(diff_reports(*_old_new()))
    assert text == diff_json(diff_reports(*_old_new()))
    assert json.loads(text)["summary"] == {"appeared": 1, "disappeared": 1, "changed": 1}


def test_load_report_rejects_what_is_not_a_report(tmp_path: Path) -> None:
    good = tmp_path / "r.json"
    good.write_text(json.dumps(report_to_dict(small_report())))
    assert load_report(good)["schema_version"] == "1.2"
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    for path in (bad, tmp_path / "missing.json"):
        with pytest.raises(InputError):
            load_report(path)


def test_cli_diff_exits_1_when_a_finding_appeared(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    old, new = _old_new()
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    runner = CliRunner()
    args = ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]
    result = runner.invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["summary"]["appeared"] == 1
    same = runner.invoke(main, ["diff", str(tmp_path / "old.json"), str(tmp_path / "old.json")])
    assert (same.exit_code, same.output) == (0, "No change in findings.\n")
    missing = runner.invoke(main, ["diff", str(tmp_path / "nope.json"), str(tmp_path / "old.json")])
    assert missing.exit_code == 2 and "nope.json" in missing.output
