"""``factcheck watch DIR``: keep an article-drop folder checked, one story at a time.

The folder's corpus state lives in a store (:mod:`factcheck.stories.store`):
at start the store is synchronised with the folder (only new, changed and
deleted files cost anything, so a restart resumes); then each new or edited
file joins its story and only that story is re-checked, deleted or renamed
files leave theirs. For each re-checked story, only what changed in its
findings is printed (see :mod:`factcheck.modes.diff`). A file still being written
is read only once its size and time stop changing; a file that cannot be
used is reported with its name and the watch goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

from factcheck.errors import FactcheckError
from factcheck.ingest import ARTICLE_SUFFIXES
from factcheck.model import Severity
from factcheck.modes.diff import diff_reports, print_diff
from factcheck.render.json_report import report_to_dict
from factcheck.stories.store import CorpusStore, Update
from factcheck.text import visible

# A file is complete once its size and modification time hold still this long.
SETTLE_SECONDS = 0.5


def watch(
    directory: str | os.PathLike[str],
    store: CorpusStore,
    console: Console,
    *,
    stop_event: threading.Event | None = None,
    changes: Iterable[Iterable[Any]] | None = None,
    settle: float = SETTLE_SECONDS,
) -> None:
    """Synchronise ``store`` with ``directory``, then follow its changes, printing what changed.

    ``changes`` replaces the file-system watcher for tests (an iterable of
    batches of paths or of ``(change, path)`` pairs); by default it is
    :func:`watchfiles.watch` on ``directory``, stopped by ``stop_event``.
    """
    console.print(Text.assemble(("watching ", "dim"), visible(str(directory))))
    for notice in store.notices:
        console.print(Text(f"notice: {notice}", style="yellow"))
    shown: dict[str, dict[str, Any]] = {}
    _show(_attempt(store.sync, directory), shown, console)
    if changes is None:
        import watchfiles  # optional dependency (extra "watch"); imported only when watching

        changes = watchfiles.watch(os.fspath(directory), stop_event=stop_event)
    for batch in changes:
        paths = sorted({item[1] if isinstance(item, tuple) else item for item in batch})
        articles = [
            p
            for p in paths
            if os.path.basename(p).lower().endswith(ARTICLE_SUFFIXES)
            and not os.path.basename(p).startswith(".")
        ]
        gone = [p for p in articles if not os.path.exists(p)]
        ready = [p for p in articles if p not in gone and _complete(p, settle)]
        if gone:
            _show(_attempt(store.remove, gone), shown, console)
        if ready:
            _show(_attempt(store.add, ready), shown, console)


def _attempt(update: Callable[[Any], Update], argument: Any) -> Update | str:
    """The update, or the one-line error that stopped it (the watch goes on)."""
    try:
        result = update(argument)
    except FactcheckError as exc:
        return str(exc)
    return result


def _complete(path: str, settle: float) -> bool:
    """Whether ``path`` has stopped growing (a copy in progress is read later: its
    next write brings another change)."""
    try:
        before = os.stat(path)
        time.sleep(settle)
        after = os.stat(path)
    except OSError:
        return False
    return (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)


def _show(update: Update | str, shown: dict[str, dict[str, Any]], console: Console) -> None:
    """Print per-file errors, then for each re-checked story its warnings and what changed."""
    if isinstance(update, str):
        console.print(Text(f"error: {update}", style="red"))
        return
    for error in update.errors:
        console.print(Text(f"error: {visible(error)}", style="red"))
    for warning in update.warnings:
        console.print(Text(f"warning: {visible(warning)}", style="yellow"))
    for article in update.removed:
        console.print(Text(f"removed: {visible(article)}", style="dim"))
    for number in update.emptied:
        shown.pop(f"s{number}", None)
        console.print(Text(f"story s{number} has no article left", style="dim"))
    result = update.stories
    for story, report in zip(result.stories, result.reports, strict=True):
        current = report_to_dict(report)
        console.rule(_summary(story.id, story.label, current))
        for warning in report.warnings:
            console.print(Text(f"warning: {visible(warning)}", style="yellow"))
        print_diff(diff_reports(shown.get(story.id, {"findings": []}), current), console)
        shown[story.id] = current


def _summary(story: str, label: str, report: dict[str, Any]) -> Text:
    counts = report["summary"]["findings"]
    shown = " · ".join(f"{counts[s.value]} {s.value}" for s in reversed(Severity))
    return Text(f"{story} {visible(label)} · {report['summary']['articles']} articles · {shown}")
