"""The terminal report: layout, highlighting, verbose groups, exports."""

from __future__ import annotations

import io
import re

from rich.console import Console

from factcheck.render import RenderOptions, render, render_text
from factcheck.render.rich_report import PLAIN_CLOSE, PLAIN_OPEN, export_svg
from tests.render_fixtures import small_report


def _plain(width: int = 100, **options) -> str:
    return render_text(small_report(), "rich", RenderOptions(width=width, **options))


def test_findings_come_first_most_severe_first_then_the_tables() -> None:
    text = _plain()
    assert text.splitlines()[:2] == [
        "warning: afp: no publication date",
        "Summary: 1 error · 1 warning · 1 info · 3 articles · 3 groups",
    ]
    positions = [
        text.index(s)
        for s in (
            "1. ERROR · Amount (amende) differs",
            "2. WARNING · Quote credited to a different speaker",
            "3. INFO · Stated by one source only",
            "Articles",
            "Coverage",
        )
    ]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("Summary: 1 error · 1 warning · 1 info · 3 articles · 3 groups")


def test_header_shows_date_source_and_words_kept_and_excluded() -> None:
    text = _plain()
    assert "2026-01-02 (dateline)" in text
    assert "31 / 4" in text  # the newsletter line's 4 words are excluded


def test_coverage_marks_disagreement_and_single_source() -> None:
    def marks(fact: str) -> list[str]:
        line = next(line for line in _plain().splitlines() if line.strip().startswith(fact))
        return line.split()[-3:]

    assert marks("Le parquet") == ["✗", "✗", "·"]
    assert marks("deux ans") == ["●", "·", "●"]
    assert marks("La ministre") == ["·", "·", "◆"]


def test_sides_are_side_by_side_at_100_columns_and_stacked_below() -> None:
    def line_with_both(text: str) -> bool:
        return any("─ Le Monde ─" in line and "─ AFP ─" in line for line in text.splitlines())

    assert line_with_both(_plain(100))
    assert not line_with_both(_plain(80))


def test_evidence_is_bracketed_without_color_and_styled_with_color() -> None:
    assert f"{PLAIN_OPEN}60.000 euros{PLAIN_CLOSE}" in _plain(80)
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system="truecolor")
    render(small_report(), "rich", console, RenderOptions())
    colored = out.getvalue()
    assert PLAIN_OPEN not in colored
    assert re.search(r"\x1b\[1;37;41m60\.000", colored)  # bold white on red


def test_verbose_adds_consistent_groups_and_excluded_text() -> None:
    assert "Consistent across" not in _plain()
    verbose = _plain(verbose=True)
    assert "Consistent across 2 outlets" in verbose
    assert "lemonde [155:187] newsletter: Abonnez-vous" in verbose


def test_options_width_overrides_the_console_width() -> None:
    out = io.StringIO()
    render(small_report(), "rich", Console(file=out, width=200), RenderOptions(width=80))
    assert max(len(line) for line in out.getvalue().splitlines()) <= 80


def test_svg_export_is_an_svg_with_the_findings() -> None:
    svg = export_svg(small_report(), RenderOptions())
    assert svg.startswith("<svg") and "Amount" in svg
    assert svg == export_svg(small_report(), RenderOptions())  # deterministic
    assert not re.search(r"url\([\"']?https?:", svg)  # no web font: the file makes no request


def test_titles_fit_at_80_columns_and_show_no_internal_id() -> None:
    text = _plain(80)
    titles = [line for line in text.splitlines() if line.startswith("╭─ ")]
    assert len(titles) == 3 and all(line.endswith("╮") and "…" not in line for line in titles)
    assert text.count("confidence 0.") == 3  # whole, never cut ("confidence 0─╮")
    for internal in ("value_mismatch", "attribution_mismatch", "single_source", "g1 ", "F1"):
        assert internal not in text
