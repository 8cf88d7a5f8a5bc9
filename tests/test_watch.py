"""factcheck watch: a full check first, then only what changed."""

from __future__ import annotations

import dataclasses
import io
import threading
import time
from pathlib import Path

from rich.console import Console

from factcheck.errors import InputError
from factcheck.model import Report
from factcheck.watch import watch
from tests.render_fixtures import small_report


def test_prints_every_finding_first_then_only_changes_and_survives_input_errors() -> None:
    full = small_report()
    reports = iter(
        [
            InputError("drop", "no article yet"),
            full,
            dataclasses.replace(full, findings=full.findings[1:]),  # F1 corrected
            InputError("drop/new.txt", "not text"),
            dataclasses.replace(full, findings=full.findings[1:]),  # nothing new
        ]
    )

    def run_check() -> Report:
        item = next(reports)
        if isinstance(item, Exception):
            raise item
        return item

    out = io.StringIO()
    watch("drop", run_check, Console(file=out, width=100), changes=[{"a"}, {"b"}, {"c"}, {"d"}])
    text = out.getvalue()
    assert text.startswith("watching drop\nerror: drop: no article yet\n")
    assert "3 articles · 1 error · 1 warning · 1 info" in text  # first good check
    assert "+ error   value_mismatch" in text  # lists every finding once
    assert "- error   value_mismatch" in text and "1 disappeared" in text
    assert "error: drop/new.txt: not text" in text
    # The last re-check is compared with the last good report, not the failed one.
    assert text.rstrip().endswith("No change in findings.")


def test_watches_the_directory_until_stopped(tmp_path: Path) -> None:
    stop = threading.Event()
    calls: list[int] = []

    def run_check() -> Report:
        calls.append(1)
        if len(calls) == 2:  # the first check, then one after a file change
            stop.set()
        return small_report()

    thread = threading.Thread(
        target=watch,
        args=(tmp_path, run_check, Console(file=io.StringIO())),
        kwargs={"stop_event": stop},
    )
    thread.start()
    deadline = time.monotonic() + 20
    while len(calls) < 2 and time.monotonic() < deadline:
        (tmp_path / "article.txt").write_text(f"edit {time.monotonic()}")
        time.sleep(0.3)
    thread.join(timeout=20)
    assert len(calls) == 2 and not thread.is_alive()
