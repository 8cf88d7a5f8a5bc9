"""JUnit XML: one case per group, failures at or above --fail-on."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from factcheck.model import Severity
from factcheck.render import RenderOptions, render_text
from tests.render_fixtures import hostile_report, small_report


def _cases(fail_on: Severity | None, make=small_report) -> dict[str, ET.Element]:
    root = ET.fromstring(render_text(make(), "junit", RenderOptions(fail_on=fail_on)))
    return {case.get("name", ""): case for case in root.iter("testcase")}


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (Severity.ERROR, {"g1"}),
        (Severity.WARNING, {"g1", "g2"}),
        (Severity.INFO, {"g1", "g2", "F3"}),
        (None, set()),
    ],
)
def test_failures_follow_fail_on(fail_on: Severity | None, failing: set[str]) -> None:
    cases = _cases(fail_on)
    # One case per group (g1..g3) plus the finding without a group (F3).
    assert sorted(name.split(":")[0] for name in cases) == ["F3", "g1", "g2", "g3"]
    failed = {
        name.split(":")[0] for name, case in cases.items() if case.find("failure") is not None
    }
    assert failed == failing


def test_failure_names_the_kind_and_lists_both_sides() -> None:
    failure = _cases(Severity.ERROR)["g1: Le parquet a requis une amende"].find("failure")
    assert failure is not None and failure.get("type") == "value_mismatch"
    assert "60.000 euros" in (failure.text or "") and "45 000 euros" in (failure.text or "")


def test_suite_counts_match_the_cases() -> None:
    root = ET.fromstring(
        render_text(small_report(), "junit", RenderOptions(fail_on=Severity.WARNING))
    )
    assert (root.get("tests"), root.get("failures")) == ("4", "2")


def test_hostile_text_is_well_formed_xml_without_control_characters() -> None:
    cases = _cases(Severity.INFO, hostile_report)
    assert len(cases) == 2  # parsed: NUL, ESC and BEL would make the XML invalid
