"""Docs that match behaviour: the README's numbers and exit codes."""

from __future__ import annotations

import json
import re

from benchmarks.accuracy import README, RESULTS, readme_rows, with_readme_rows
from factcheck.errors import ExitCode


def test_readme_numbers_are_the_accuracy_results() -> None:
    readme = README.read_text("utf-8")
    rows = readme_rows(json.loads(RESULTS.read_text("utf-8")))
    # Regenerate with: python benchmarks/accuracy.py --docs
    assert with_readme_rows(readme, rows) == readme


def test_readme_exit_code_table_lists_every_code() -> None:
    readme = README.read_text("utf-8")
    table = readme[readme.index("### Exit codes") :]
    listed = {
        int(code)
        for code in re.findall(r"^\| ([\d /]+) \|", table, re.M)
        for code in code.split("/")
    }
    assert listed == {int(code) for code in ExitCode}
