"""The JSON report: schema 1.2, exact spans, determinism, byte-exact printing."""

from __future__ import annotations

import dataclasses
import io
import json
from importlib import resources

import jsonschema
import pytest
from rich.console import Console

from factcheck.model import Severity
from factcheck.render import RenderOptions, render, render_text
from factcheck.render.json_report import report_to_dict
from tests.render_fixtures import hostile_report, small_report

SCHEMA = json.loads(resources.files("factcheck").joinpath("schemas/report.schema.json").read_text())


@pytest.mark.parametrize("make", [small_report, hostile_report])
def test_output_validates_against_the_schema(make) -> None:
    data = json.loads(render_text(make(), "json", RenderOptions()))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema_version"] == "1.2"


@pytest.mark.parametrize("make", [small_report, hostile_report])
def test_every_span_is_the_article_text_between_its_offsets(make) -> None:
    report = make()
    data = json.loads(render_text(report, "json", RenderOptions()))
    texts = {a.id: a.text for a in report.articles}
    spans = [s for g in data["groups"] for s in g["statements"]]
    spans += [e for f in data["findings"] for e in f["evidence"]]
    assert spans
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def test_summary_counts_findings_by_severity_and_keeps_warnings() -> None:
    data = report_to_dict(small_report())
    assert data["summary"] == {
        "articles": 3,
        "groups": 3,
        "findings": {"error": 1, "warning": 1, "info": 1},
    }
    assert data["warnings"] == ["afp: no publication date"]
    assert data["articles"][0]["published_source"] == "dateline"
    assert data["articles"][0]["excluded_chars"] == len("Abonnez-vous à notre newsletter.")


def test_suppressed_count_appears_only_after_a_baseline() -> None:
    report = small_report()
    assert "suppressed" not in report_to_dict(report)["summary"]
    suppressed = dataclasses.replace(report, suppressed=2)
    assert report_to_dict(suppressed)["summary"]["suppressed"] == 2


def test_output_is_byte_deterministic_and_ends_with_a_newline() -> None:
    first = render_text(small_report(), "json", RenderOptions())
    assert first == render_text(small_report(), "json", RenderOptions(verbose=True, width=40))
    assert first.endswith("}\n") and "\u00e9" in first  # UTF-8, not \\u escapes


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "sarif", "junit"])
def test_render_prints_machine_formats_byte_exact_even_on_a_narrow_color_terminal(fmt) -> None:
    out = io.StringIO()
    console = Console(file=out, width=30, force_terminal=True, color_system="truecolor")
    render(hostile_report(), fmt, console, RenderOptions())
    assert out.getvalue() == render_text(hostile_report(), fmt, RenderOptions())


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_text(small_report(), "csv", RenderOptions(fail_on=Severity.INFO))
