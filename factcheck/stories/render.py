"""A check split into stories, in the formats that can hold several reports.

JSON lists the stories, each with its articles and its own report (the
single-story report schema); rich and Markdown print each story's report
under a heading. The other formats describe one check and are refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError
from factcheck.model import Report, Severity, StoriesReport, Story

if TYPE_CHECKING:
    from factcheck.render import RenderOptions

SPLIT_FORMATS = ("rich", "json", "markdown")


def _frame(result: StoriesReport) -> dict[str, Any]:
    """The top of the JSON report, with an empty list where the stories go."""
    from factcheck.render.json_report import SCHEMA_VERSION

    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": result.tool_version},
        "stories": [],
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


def _story_to_dict(story: Story, report: Report) -> dict[str, Any]:
    from factcheck.render.json_report import report_to_dict

    return {**story.as_dict(), "report": report_to_dict(report)}


def stories_to_dict(result: StoriesReport) -> dict[str, Any]:
    data = _frame(result)
    data["stories"] = [
        _story_to_dict(story, report)
        for story, report in zip(result.stories, result.reports, strict=True)
    ]
    return data


def stories_json(result: StoriesReport) -> str:
    """``dumps(stories_to_dict(result))``, built one story at a time.

    The JSON encoder keeps every piece of its output until it joins them: for
    a whole feed, those pieces and the dict of every report at once were the
    run's peak memory. A story's text is its own JSON indented two levels
    deeper (a newline inside a JSON string is always escaped).
    """
    from factcheck.render.json_report import dumps

    frame = dumps(_frame(result))
    if not result.stories:
        return frame
    empty = '\n  "stories": [],'
    at = frame.index(empty)
    stories = ",".join(
        "\n    " + dumps(_story_to_dict(story, report))[:-1].replace("\n", "\n    ")
        for story, report in zip(result.stories, result.reports, strict=True)
    )
    return f'{frame[:at]}\n  "stories": [{stories}\n  ],{frame[at + len(empty) :]}'


def render_stories(result: StoriesReport, fmt: str, options: RenderOptions) -> str:
    """The text of ``result`` in ``fmt`` (json, rich's plain text, or markdown)."""
    if fmt not in SPLIT_FORMATS:
        raise InputError(
            "--format", f"{fmt} holds one check; with --split-stories use json, rich or markdown"
        )
    if fmt == "json":
        return stories_json(result)
    from factcheck.render import render_text

    parts = []
    for story, report in zip(result.stories, result.reports, strict=True):
        title = f"Story {story.id}: {story.label} ({len(story.articles)} articles)"
        head = f"## {title}" if fmt == "markdown" else f"{title}\n{'=' * min(len(title), 100)}"
        parts.append(f"{head}\n\n{render_text(report, fmt, options)}")
    return "\n".join(parts)
