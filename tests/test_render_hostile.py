"""Hostile article text comes out inert in every output format.

The fixture puts rich markup, ANSI/OSC escapes (color, terminal title,
hyperlink), HTML/JS, a table-breaking ``</td>`` and ``|``, a Markdown
``javascript:`` link, spreadsheet formula prefixes, C0/C1 controls and a bidi
override into article text, evidence, outlet names, labels and messages.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from factcheck.render import FORMATS, RenderOptions, render, render_text
from tests.render_fixtures import HOSTILE, HTMLElements, hostile_report

# Bytes that act on a terminal or on text direction if they reach it raw.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_escape_or_bidi_character_reaches_the_output(fmt: str) -> None:
    text = render_text(hostile_report(), fmt, RenderOptions(verbose=True))
    assert not ACTIVE.findall(text)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [s for item in data for s in _strings(item)] if isinstance(data, list) else []


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_characters_are_shown_visibly(fmt: str) -> None:
    text = render_text(hostile_report(), fmt, RenderOptions(verbose=True))
    if fmt in ("json", "sarif"):
        # Data formats keep the exact text: escaped in the file, equal once parsed.
        assert any(HOSTILE in value for value in _strings(json.loads(text)))
    else:
        assert "\\u202e" in text and "\\x1b" in text


def test_rich_on_a_color_terminal_prints_markup_and_escapes_literally() -> None:
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system="truecolor")
    render(hostile_report(), "rich", console, RenderOptions(verbose=True))
    printed = out.getvalue()
    # Rich's own styling uses ESC [ ... m; nothing else: no OSC (title, hyperlink), no raw BEL.
    assert not re.search(r"\x1b\]|\x07|\x9b|\u202e", printed)
    assert "[red]x[/red]" in printed and "[bold]gras[/bold]" in printed
    assert "\\x1b]0;title\\x07" in printed


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_renders_without_links_html_or_broken_tables() -> None:
    text = render_text(hostile_report(), "markdown", RenderOptions(verbose=True))
    rendered = _markdown_html(text)
    assert "<a " not in rendered and "<script" not in rendered and "<img" not in rendered
    assert "javascript:" not in re.sub(r"&[a-z]+;|<[^>]+>", "", rendered).replace(
        "[x](javascript:alert(1))", ""
    )
    # "|" inside article text stays inside its cell (GFM silently drops excess cells).
    assert re.search(r"<td>[^<]*a\|b", rendered)
    # Every table row has exactly as many cells as its header.
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        header = len(re.findall(r"<th>", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert all(len(re.findall(r"<td>", row)) == header for row in rows)
    assert "[x](javascript:alert(1))" in rendered  # shown, as text


def test_markdown_cells_never_start_with_a_formula_character() -> None:
    text = render_text(hostile_report(), "markdown", RenderOptions())
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip().removeprefix("**") for c in line.strip("|").split(" | ")]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], line


def test_html_contains_no_injected_element_or_handler() -> None:
    text = render_text(hostile_report(), "html", RenderOptions(verbose=True))
    parser = HTMLElements()
    parser.feed(text)
    assert parser.tags.count("script") == 1  # the report's own filter script
    assert "img" not in parser.tags
    assert not [name for name, _ in parser.attrs if name.startswith("on")]
    assert not [v for _, v in parser.attrs if v and "javascript:" in v.lower()]
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in text


def test_markdown_message_lines_cannot_become_lists_or_headings() -> None:
    from factcheck.render.markdown import md

    rendered = _markdown_html("\n\n".join(md(t) for t in ("1. un", "- deux", "# trois", "> q")))
    assert "<ol" not in rendered and "<ul" not in rendered
    assert "<h1" not in rendered and "<blockquote" not in rendered


def test_markdown_breaks_gfm_autolinks_and_mentions() -> None:
    from factcheck.render.markdown import md

    # GFM (not the CommonMark renderer above) links bare URLs, www. hosts,
    # e-mail addresses and @mentions; each trigger is escaped, except an e-mail
    # address, which GitHub links even escaped: it goes in a code span.
    escaped = md("voir http://evil.example, www.evil.example, a@b.example et @journaliste")
    assert "http\\://evil" in escaped and "www\\.evil" in escaped
    assert "`a@b.example`" in escaped and "\\@journaliste" in escaped
