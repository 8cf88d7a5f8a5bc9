"""``factcheck watch DIR``: re-check an article-drop folder whenever files change.

After the first full check, only what changed in the findings is printed
(see :mod:`factcheck.diff`), so a desk sees at once what a new or corrected
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

    ``changes`` replaces the file-system watcher (an iterable of change batches),
    for tests; by default it is :func:`watchfiles.watch` on ``directory``,
    stopped by ``stop_event`` or Ctrl-C. An input error during a re-check
    (a half-copied file, say) is printed and the watch goes on.
    """
    previous = report_to_dict(run_check())
    console.print(Text.assemble(("watching ", "dim"), str(directory), ": ", _summary(previous)))
    if changes is None:
        import watchfiles  # optional dependency (extra "watch"); imported only when watching

        changes = watchfiles.watch(os.fspath(directory), stop_event=stop_event)
    for _batch in changes:
        try:
            report = run_check()
        except FactcheckError as exc:
            console.print(Text(f"error: {exc}", style="red"))
            continue
        current = report_to_dict(report)
        console.rule(_summary(current))
        print_diff(diff_reports(previous, current), console)
        previous = current


def _summary(report: dict[str, Any]) -> Text:
    counts = report["summary"]["findings"]
    shown = " · ".join(f"{counts[s.value]} {s.value}" for s in reversed(Severity))
    return Text(f"{report['summary']['articles']} articles · {shown}")
