"""``factcheck watch DIR``: re-check an article-drop folder whenever files change.

After the first check, only what changed in the findings is printed (see
:mod:`factcheck.diff`), so a desk sees at once what a new or corrected
article brings.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

from factcheck.diff import diff_reports, print_diff
from factcheck.errors import FactcheckError
from factcheck.model import Report, Severity
from factcheck.render._common import visible
from factcheck.render.json_report import report_to_dict


def watch(
    directory: str | os.PathLike[str],
    run_check: Callable[[], Report],
    console: Console,
    *,
    stop_event: threading.Event | None = None,
    changes: Iterable[Any] | None = None,
) -> None:
    """Check now, then after every change under ``directory``, printing what changed.

    The first check lists every finding as new. An input error (a half-copied
    file, too few articles yet) is printed and the watch goes on; the next
    successful check is compared with the last successful one. ``changes``
    replaces the file-system watcher (an iterable of change batches) for tests;
    by default it is :func:`watchfiles.watch` on ``directory``, stopped by
    ``stop_event`` or Ctrl-C.
    """
    previous: dict[str, Any] = {"findings": []}
    console.print(Text.assemble(("watching ", "dim"), visible(str(directory))))
    previous = _recheck(run_check, previous, console)
    if changes is None:
        import watchfiles  # optional dependency (extra "watch"); imported only when watching

        changes = watchfiles.watch(os.fspath(directory), stop_event=stop_event)
    for _batch in changes:
        previous = _recheck(run_check, previous, console)


def _recheck(
    run_check: Callable[[], Report], previous: dict[str, Any], console: Console
) -> dict[str, Any]:
    """Run one check and print its difference from ``previous``; return the new baseline."""
    try:
        current = report_to_dict(run_check())
    except FactcheckError as exc:
        console.print(Text(f"error: {exc}", style="red"))
        return previous
    console.rule(_summary(current))
    print_diff(diff_reports(previous, current), console)
    return current


def _summary(report: dict[str, Any]) -> Text:
    counts = report["summary"]["findings"]
    shown = " · ".join(f"{counts[s.value]} {s.value}" for s in reversed(Severity))
    return Text(f"{report['summary']['articles']} articles · {shown}")
