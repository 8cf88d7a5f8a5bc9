"""Headless Chromium for the HTML report tests (and the reports/ screenshot).

Usage: ``python -m tests.browser REPORT.html SCREENSHOT.png`` saves a screenshot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Console messages (errors, CSP violations) go to stderr as "...:CONSOLE:N] ..." lines.
    "--enable-logging=stderr",
    "--v=0",
)
_CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)")


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


def _run(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = chromium()
    assert exe, "chromium is not installed"
    with tempfile.TemporaryDirectory(prefix="factcheck-chromium-") as profile:
        return subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )


def load(page: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and every console message it logged."""
    done = _run(page, "--dump-dom")
    return done.stdout, _CONSOLE.findall(done.stderr)


def screenshot(page: Path, target: Path, width: int = 1200, height: int = 2400) -> None:
    """Save a PNG screenshot of the page."""
    _run(page, f"--screenshot={target.resolve()}", f"--window-size={width},{height}")


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
