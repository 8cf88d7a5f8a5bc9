"""Every format valid for its parser, whatever the article text (issue 24).

XML 1.0-invalid characters (U+FFFE, U+FFFF, controls) in article text or an
outlet name leave JUnit and SARIF parseable; invisible and bidi characters
are shown as escapes in human formats; e-mail addresses do not become
mailto: links in GitHub's Markdown (cmark-gfm, the renderer GitHub uses).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck import check
from factcheck.options import Options
from factcheck.render import RenderOptions, render_text
from factcheck.render._common import split_emails, xml_safe
from factcheck.text import visible
from tests.subproc import NORMAL, check_args, factcheck, two_articles

HOSTILE = "\ufffe\uffff\u200b\u2060\U000e0041"
TEXTS = (
    f"Le conseil municipal{HOSTILE} a voté lundi un budget de 3,2 millions d’euros"
    " pour l’école, écrit jean.dupont@example.com.\n",
    "Lundi, le conseil municipal a adopté un budget de 4,5 millions d’euros pour l’école,"
    " écrit jean.dupont@example.com.\n",
)


def _articles(directory: Path) -> list[Path]:
    paths = two_articles(directory, TEXTS)
    (directory / "a.txt.meta.json").write_text(
        json.dumps({"outlet": "Le Journal\ufffe\uffff"}), encoding="utf-8"
    )
    return paths


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("hostile")
    report = check([str(p) for p in _articles(directory)], Options(model="hash-3gram-256"))
    options = RenderOptions(verbose=True)
    return {fmt: render_text(report, fmt, options) for fmt in ("junit", "sarif", "markdown")}


def test_visible_shows_invisible_and_noncharacters() -> None:
    assert visible("a\u200bb\u2060c\U000e0041d\ufffee") == ("a\\u200bb\\u2060c\\U000e0041d\\ufffee")


def test_xml_safe_keeps_what_xml_allows() -> None:
    assert xml_safe("a\tb\nc\x1bd\ufffee\uffff\u00e9") == "a\tb\nc\ufffdd\ufffde\ufffd\u00e9"


def test_junit_parses_with_noncharacters_in_text_and_outlet(reports: dict[str, str]) -> None:
    root = ET.fromstring(reports["junit"].encode("utf-8"))
    assert root.tag == "testsuites"
    assert "\ufffe" not in reports["junit"] and "\uffff" not in reports["junit"]


def test_sarif_has_no_xml_invalid_character(reports: dict[str, str]) -> None:
    data = json.loads(reports["sarif"])
    assert data["version"] == "2.1.0"
    assert "\ufffe" not in reports["sarif"] and "\uffff" not in reports["sarif"]


def test_markdown_shows_invisible_characters(reports: dict[str, str]) -> None:
    assert "\u200b" not in reports["markdown"] and "\U000e0041" not in reports["markdown"]


def test_email_address_is_not_a_mailto_link_on_github(reports: dict[str, str]) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    html = cmarkgfm.github_flavored_markdown_to_html(reports["markdown"])
    assert "jean.dupont@example.com" in html
    assert "mailto:" not in html


def test_split_emails() -> None:
    assert list(split_emails("écrire à a.b@c.fr ou x@y")) == [
        ("écrire à ", False),
        ("a.b@c.fr", True),
        (" ou x@y", False),
    ]


def test_junit_through_the_command_parses(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    run = factcheck(
        *check_args(*_articles(tmp_path)), "--format", "junit", "-o", out, cache=tmp_path / "c"
    )
    assert run.code in NORMAL, run
    assert ET.parse(out).getroot().tag == "testsuites"
