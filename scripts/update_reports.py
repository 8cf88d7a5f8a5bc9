"""Regenerate the example reports in reports/ from the bundled seeds.

Usage (from anywhere): ``python scripts/update_reports.py``. Review the diff,
then commit; ``tests/test_reports.py`` fails while reports/ is stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEM = "seeds"


def generate() -> dict[str, str]:
    """File name -> content of every example report, computed from seeds/."""
    import factcheck
    from factcheck.render import RenderOptions, report_files

    # Relative paths keep the reports identical on every checkout.
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        report = factcheck.check(["seeds"], factcheck.Options())
    finally:
        os.chdir(cwd)
    return report_files(report, STEM, RenderOptions(width=100))


def main() -> int:
    out = REPO / "reports"
    out.mkdir(exist_ok=True)
    for name, text in sorted(generate().items()):
        (out / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote reports/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
