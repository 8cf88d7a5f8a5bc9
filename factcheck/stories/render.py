"""A check split into stories, in the formats that can hold several reports.

JSON lists the stories, each with its articles and its own report (the
single-story report schema); rich and Markdown print each story's report
under a heading. The other formats describe one check and are refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError
from factcheck.model import Severity, StoriesReport

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

SPLIT_FORMATS = ("rich", "json", "markdown")


def stories_to_dict(result: StoriesReport) -> dict[str, Any]:
    from factcheck.render.json_report import SCHEMA_VERSION, report_to_dict

    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": result.tool_version},
        "stories": [
            {**story.as_dict(), "report": report_to_dict(report)}
            for story, report in zip(result.stories, result.reports, strict=True)
        ],
        "summary": {
            "stories": len(result.stories),
            "articles": sum(len(r.articles) for r in result.reports),
            "findings": {
                s.value: sum(r.count(s) for r in result.reports) for s in reversed(Severity)
            },
        },
    }
    if result.warnings:
        data["warnings"] = list(result.warnings)
    return data


def render_stories(result: StoriesReport, fmt: str, options: RenderOptions) -> str:
    """The text of ``result`` in ``fmt`` (json, rich's plain text, or markdown)."""
    if fmt not in SPLIT_FORMATS:
        raise InputError(
            "--format", f"{fmt} holds one check; with --split-stories use json, rich or markdown"
        )
    if fmt == "json":
        from factcheck.render.json_report import dumps

        return dumps(stories_to_dict(result))
    from factcheck.render import render_text

    parts = []
    for story, report in zip(result.stories, result.reports, strict=True):
        title = f"Story {story.id}: {story.label} ({len(story.articles)} articles)"
        head = f"## {title}" if fmt == "markdown" else f"{title}\n{'=' * min(len(title), 100)}"
        parts.append(f"{head}\n\n{render_text(report, fmt, options)}")
    return "\n".join(parts)
