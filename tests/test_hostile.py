"""Hostile article text, end to end through ``factcheck check``, in every format.

Two articles disagree on a fine next to a sentence full of payloads (rich
markup, ANSI colour, OSC terminal-title and hyperlink escapes, HTML/JS, a
table-breaking ``</td>`` and ``|``, a Markdown ``javascript:`` link, C0/C1
controls), credit a quote holding a U+202E bidi override to different
speakers, and share a sentence starting with spreadsheet formula prefixes.
Whatever the format, none of it may act on the reader, and the terminal and
document formats show it as visible escapes.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from factcheck.cli import main
from factcheck.render import FORMATS
from tests.render_fixtures import HTMLElements

PAYLOAD = (
    "[red]x[/red] \x1b[31mrouge\x1b[0m \x1b]0;pwned\x07 "
    "\x1b]8;;http://evil\x07lien\x1b]8;;\x07 <script>alert(1)</script> </td> a|b "
    "[x](javascript:alert(1)) \x08\x0b\x9b"
)
QUOTE = "Nous corrigeons les \u202eseliaf\u202c failles"
FORMULAS = '=HYPERLINK("http://evil") +1+1 @SUM(A1) sont les formules que le tableur exécuterait.'
ARTICLES = {
    "a.txt": (
        f"Le parquet a requis une amende de 60.000 euros contre la société {PAYLOAD}.\n"
        f"« {QUOTE} », a écrit le compte X de Grok.\n{FORMULAS}\n"
    ),
    "b.txt": (
        f"Le parquet a requis une amende de 45.000 euros contre la société {PAYLOAD}.\n"
        f"« {QUOTE} », a déclaré xAI.\n{FORMULAS}\n"
    ),
}
# Characters that act on a terminal or on text direction when they reach it raw.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HUMAN = ("rich", "markdown", "html")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    directory = tmp_path_factory.mktemp("hostile")
    for name, text in ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return [str(directory / name) for name in ARTICLES]


def run(articles: list[str], *args: str, **env: str) -> tuple[int, str, str]:
    # a.txt and b.txt share most of their text (one source family): their differing
    # fine is a warning, not an error (issue 17), so any warning fails the run.
    command = ["check", *articles, "--model", "hash-3gram-256", "-q", "--verbose"]
    command += ["--fail-on", "warning", *args]
    result = CliRunner(env=env).invoke(main, command)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def outputs(articles: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each format's report, written with --output as a CI job would."""
    directory = tmp_path_factory.mktemp("reports")
    texts = {}
    for fmt in FORMATS:
        target = directory / f"report.{fmt}"
        code, _, err = run(articles, "--format", fmt, "--output", str(target))
        assert code == 1, err  # the fine differs
        texts[fmt] = target.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_escape_or_bidi_character_reaches_the_report(
    outputs: dict[str, str], fmt: str
) -> None:
    assert not ACTIVE.findall(outputs[fmt])


def _seen(fmt: str, text: str) -> str:
    """What a reader sees: Markdown and HTML rendered, tags dropped, entities decoded."""
    if fmt == "markdown":
        text = _markdown_html(text)
    if fmt in ("markdown", "html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


@pytest.mark.parametrize("fmt", HUMAN)
def test_hostile_text_is_shown_as_visible_escapes(outputs: dict[str, str], fmt: str) -> None:
    seen = _seen(fmt, outputs[fmt])
    for escape in ("\\x1b]0;pwned\\x07", "\\x1b]8;;http", "\\u202e", "\\x9b", "[red]x[/red]"):
        assert escape in seen, (fmt, escape)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [s for item in data for s in _strings(item)] if isinstance(data, list) else []


def test_json_keeps_the_exact_text_escaped(outputs: dict[str, str]) -> None:
    report = json.loads(outputs["json"])
    values = _strings(report)
    assert any(PAYLOAD in v for v in values) and any(QUOTE in v for v in values)
    for article in ARTICLES:
        spans = [s for g in report["groups"] for s in g["statements"] if s["article"] in article]
        spans += [e for f in report["findings"] for e in f["evidence"]]
        for span in spans:
            text = ARTICLES[span["article"].rsplit("/", 1)[-1]]
            assert text[span["start"] : span["end"]] == span["text"]


def test_sarif_and_junit_parse_and_keep_the_findings(outputs: dict[str, str]) -> None:
    sarif = json.loads(outputs["sarif"])
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"value_mismatch", "attribution_mismatch"}
    suite = ET.fromstring(outputs["junit"])  # XML 1.0 has no raw control characters
    assert suite.iter("failure") is not None and list(suite.iter("failure"))


def test_rich_on_a_colour_terminal_emits_only_its_own_styling(articles: list[str]) -> None:
    code, out, _ = run(articles, "--format", "rich", FORCE_COLOR="1", COLUMNS="100")
    assert code == 1
    assert "\x1b[" in out  # rich's own colours are on
    assert not re.search(r"\x1b\]|\x07|\x9b|\u202e|\x08", out)  # no OSC, BEL, CSI, bidi, BS
    assert "[red]x[/red]" in out  # markup printed literally


def test_html_has_no_injected_element_link_or_handler(outputs: dict[str, str]) -> None:
    parser = HTMLElements()
    parser.feed(outputs["html"])
    assert parser.tags.count("script") <= 1  # at most the report's own filter script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs["html"]
    assert not [name for name, _ in parser.attrs if name.startswith("on")]
    assert not [v for _, v in parser.attrs if v and re.search("javascript:|evil", v, re.I)]


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_has_no_link_html_or_broken_table(outputs: dict[str, str]) -> None:
    rendered = _markdown_html(outputs["markdown"])
    assert "<a " not in rendered and "<script" not in rendered
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        header = len(re.findall(r"<th>", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert all(len(re.findall(r"<td>", row)) == header for row in rows)


def test_markdown_cells_never_start_with_a_formula_prefix(outputs: dict[str, str]) -> None:
    # A table pasted into a spreadsheet runs cells starting with = + - @ as formulas.
    assert "HYPERLINK" in outputs["markdown"]
    for line in outputs["markdown"].splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip().removeprefix("**") for c in line.strip("|").split(" | ")]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], line


def test_bidi_override_in_a_quote_is_a_visible_warning(articles: list[str]) -> None:
    code, out, err = run(articles, "--format", "json")
    assert code == 1
    lines = [line for line in err.splitlines() if "U+202E" in line]
    assert len(lines) == 2  # one per article quoting it
    assert all("RIGHT-TO-LEFT OVERRIDE" in line and "\\u202e" in line for line in lines)
    assert not ACTIVE.findall(err)
    warnings: Any = json.loads(out)["warnings"]
    assert sum("U+202E" in w for w in warnings) == 2


def test_file_name_escapes_do_not_reach_the_terminal(tmp_path: Path) -> None:
    hostile = tmp_path / "x\x1b]0;pwned\x07\u202e.txt"
    code, out, err = run([str(hostile)])
    assert code == 2 and out == ""
    assert not ACTIVE.findall(err)
    assert "x\\x1b]0;pwned\\x07\\u202e.txt: no such file or directory" in err


@pytest.fixture(scope="module")
def hostile_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same articles under hostile file names, one with a hostile outlet in its sidecar."""
    directory = tmp_path_factory.mktemp("names")
    first, second = "[red]a[red] |x`=1.txt", "<script>b.txt"
    (directory / first).write_text(ARTICLES["a.txt"], encoding="utf-8")
    (directory / second).write_text(ARTICLES["b.txt"], encoding="utf-8")
    outlet = {"outlet": "Le [bold]Monde[bold] \x1b]0;t\x07 | <b>x</b> =1+1"}
    (directory / f"{second}.meta.json").write_text(json.dumps(outlet), encoding="utf-8")
    return directory


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_names_and_outlets_are_inert(hostile_names: Path, fmt: str) -> None:
    code, out, err = run([str(hostile_names)], "--format", fmt)
    assert code == 1, err
    assert not ACTIVE.findall(out) and not ACTIVE.findall(err)
    if fmt == "html":
        parser = HTMLElements()
        parser.feed(out)
        assert parser.tags.count("script") <= 1 and "<b>x</b>" not in out
        assert "&lt;b&gt;x&lt;/b&gt;" in out and "&lt;script&gt;b.txt" in out
    if fmt == "markdown":
        assert "<b>" not in _markdown_html(out) and "<script>" not in _markdown_html(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_draft_on_standard_input_is_inert(articles: list[str], fmt: str) -> None:
    # The annotated draft prints the draft's own text: the same payloads, from stdin.
    command = ["check", "--draft", "-", articles[1], "--model", "hash-3gram-256", "-q"]
    result = CliRunner().invoke(main, [*command, "--format", fmt], input=ARTICLES["a.txt"])
    assert result.exit_code == 1, result.stderr
    assert not ACTIVE.findall(result.stdout) and not ACTIVE.findall(result.stderr)
    if fmt in HUMAN:
        assert "\\u202e" in _seen(fmt, result.stdout)
