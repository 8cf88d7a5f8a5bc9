"""Golden files: every format on the hand-built fixture reports, byte for byte.

Regenerate after an intended change with::

    FACTCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_render_golden.py

then review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.render import EXTENSIONS, FORMATS, RenderOptions, render_text
from tests.render_fixtures import hostile_report, small_report

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"
FIXTURES = {"small": small_report, "hostile": hostile_report}

CASES = [
    (fixture, fmt, width, verbose)
    for fixture in FIXTURES
    for fmt in FORMATS
    for width, verbose in (
        [(100, False), (80, False), (100, True)] if fmt == "rich" else [(None, False)]
    )
]


def _name(fixture: str, fmt: str, width: int | None, verbose: bool) -> str:
    parts = [fixture, fmt, *([str(width)] if width else []), *(["verbose"] if verbose else [])]
    return "-".join(parts) + "." + EXTENSIONS[fmt]


@pytest.mark.parametrize(("fixture", "fmt", "width", "verbose"), CASES)
def test_output_matches_golden_file(
    fixture: str, fmt: str, width: int | None, verbose: bool
) -> None:
    text = render_text(FIXTURES[fixture](), fmt, RenderOptions(verbose=verbose, width=width))
    path = GOLDEN / _name(fixture, fmt, width, verbose)
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing {path.name}: run FACTCHECK_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_bytes().decode("utf-8"), (
        f"{path.name} differs; if intended, regenerate with FACTCHECK_UPDATE_GOLDEN=1"
    )


def test_rich_text_respects_the_pinned_width() -> None:
    for width in (80, 100):
        text = render_text(small_report(), "rich", RenderOptions(width=width))
        assert max(len(line) for line in text.splitlines()) <= width


def test_report_files_cover_every_format_and_the_svg() -> None:
    from factcheck.render import report_files

    files = report_files(small_report(), "seeds", RenderOptions())
    assert sorted(files) == sorted([f"seeds.{ext}" for ext in EXTENSIONS.values()] + ["seeds.svg"])
    assert files["seeds.md"] == render_text(small_report(), "markdown", RenderOptions())
