"""Through the CLI: every format honours --fail-on and --output (pipeline stubbed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import factcheck.pipeline
from factcheck.cli import main
from factcheck.render import FORMATS, RenderOptions, render_text
from factcheck.render.rich_report import export_text
from tests.render_fixtures import small_report


@pytest.fixture(autouse=True)
def _stub_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The renderers are under test here, not the models: the check returns the fixture.
    def check(paths: Any, options: Any = None, **_kwargs: Any):
        return small_report()

    monkeypatch.setattr(factcheck.pipeline, "check", check)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_exit_code_follows_fail_on_in_every_format(fmt: str, fail_on: str, code: int) -> None:
    result = CliRunner().invoke(main, ["check", "seeds", "--format", fmt, "--fail-on", fail_on])
    assert result.exit_code == code, result.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_holds_exactly_the_rendered_text(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(
        main, ["check", "seeds", "--format", fmt, "--output", str(target), "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    expected = render_text(small_report(), fmt, RenderOptions(fail_on=None))
    assert target.read_text(encoding="utf-8") == expected


def test_rich_output_file_is_the_plain_text_report(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    CliRunner().invoke(main, ["check", "seeds", "--output", str(target), "--width", "80"])
    assert target.read_text(encoding="utf-8") == export_text(
        small_report(), RenderOptions(width=80)
    )
