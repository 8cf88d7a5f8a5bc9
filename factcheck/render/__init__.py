"""The render stage: a :class:`~factcheck.model.Report` in every output format.

Renderers only format: they never change what was found. ``render`` prints to
an injected console; ``render_text`` returns the exact text of a format (for
``--output`` files and golden tests). Machine formats (json, sarif, junit,
markdown, html) are written byte-exact, never wrapped or styled.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.model import Report, Severity

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class OutputFormat:
    """An output format: the extension of its files and where its renderer is."""

    extension: str
    # "module:function", a ``(Report, RenderOptions) -> str``; imported on first use,
    # so `factcheck --help` loads no renderer.
    renderer: str


# Every output format, in the order --format lists them (adding one: docs/architecture.md).
OUTPUT_FORMATS: dict[str, OutputFormat] = {
    "rich": OutputFormat("txt", "factcheck.render.rich_report:export_text"),  # plain text
    "json": OutputFormat("json", "factcheck.render.json_report:render_json"),
    "markdown": OutputFormat("md", "factcheck.render.markdown:render_markdown"),
    "html": OutputFormat("html", "factcheck.render.html:render_html"),
    "sarif": OutputFormat("sarif", "factcheck.render.sarif:render_sarif"),
    "junit": OutputFormat("xml", "factcheck.render.junit:render_junit"),
}
FORMATS = tuple(OUTPUT_FORMATS)
EXTENSIONS = {name: fmt.extension for name, fmt in OUTPUT_FORMATS.items()}

DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class RenderOptions:
    """How to render (never what to check)."""

    verbose: bool = False  # also show consistent groups and excluded text
    fail_on: Severity | None = Severity.ERROR  # JUnit failures; None means never fail
    width: int | None = None  # text width for the rich/plain-text report; None: the console's
    draft: str | None = None  # article id of an editor's draft (annotated-draft view)


def _renderer(fmt: str) -> Callable[[Report, RenderOptions], str]:
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    module, _, function = OUTPUT_FORMATS[fmt].renderer.partition(":")
    renderer: Callable[[Report, RenderOptions], str] = getattr(
        importlib.import_module(module), function
    )
    return renderer


def render_text(report: Report, fmt: str, options: RenderOptions) -> str:
    """The complete text of ``report`` in ``fmt``; for "rich", plain text without color."""
    return _renderer(fmt)(report, options)


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

    files = {
        f"{stem}.{spec.extension}": render_text(report, fmt, options)
        for fmt, spec in OUTPUT_FORMATS.items()
    }
    files[f"{stem}.svg"] = export_svg(report, options)
    return files
