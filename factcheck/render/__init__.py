"""The render stage: a :class:`~factcheck.model.Report` in every output format.

Renderers only format: they never change what was found. ``render`` prints to
an injected console; ``render_text`` returns the exact text of a format (for
``--output`` files and golden tests). Machine formats (json, sarif, junit,
markdown, html) are written byte-exact, never wrapped or styled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.model import Report, Severity

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("rich", "json", "markdown", "html", "sarif", "junit")
# File extension of each format's text (rich: the plain-text export).
EXTENSIONS = {
    "rich": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "junit": "xml",
}

DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class RenderOptions:
    """How to render (never what to check)."""

    verbose: bool = False  # also show consistent groups and excluded text
    fail_on: Severity | None = Severity.ERROR  # JUnit failures; None means never fail
    width: int | None = None  # text width for the rich/plain-text report; None: the console's
    draft: str | None = None  # article id of an editor's draft (annotated-draft view)


def _machine_renderer(fmt: str) -> Callable[[Report, RenderOptions], str]:
    # Imported on demand so `factcheck --help` loads no renderer.
    if fmt == "json":
        from factcheck.render.json_report import render_json

        return lambda report, _options: render_json(report)
    if fmt == "markdown":
        from factcheck.render.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from factcheck.render.html import render_html

        return render_html
    if fmt == "sarif":
        from factcheck.render.sarif import render_sarif

        return render_sarif
    if fmt == "junit":
        from factcheck.render.junit import render_junit

        return render_junit
    if fmt == "rich":
        from factcheck.render.rich_report import export_text

        return export_text
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_text(report: Report, fmt: str, options: RenderOptions) -> str:
    """The complete text of ``report`` in ``fmt``; for "rich", plain text without color."""
    return _machine_renderer(fmt)(report, options)


def render(report: Report, fmt: str, console: Console, options: RenderOptions) -> None:
    """Print ``report`` in ``fmt`` to ``console``.

    The rich format uses the console's width and colors; every other format is
    written as its exact text (no markup, highlighting or wrapping).
    """
    if fmt == "rich":
        from factcheck.render.rich_report import print_report

        print_report(report, console, options)
        return
    console.out(render_text(report, fmt, options), end="", highlight=False)


def report_files(report: Report, stem: str, options: RenderOptions) -> dict[str, str]:
    """File name -> text of ``report`` in every format, plus the rich report as SVG.

    For a folder of example reports (``reports/``): the caller writes them.
    """
    from factcheck.render.rich_report import export_svg

    files = {f"{stem}.{EXTENSIONS[fmt]}": render_text(report, fmt, options) for fmt in FORMATS}
    files[f"{stem}.svg"] = export_svg(report, options)
    return files
