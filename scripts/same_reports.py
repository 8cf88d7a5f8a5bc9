"""Prove that a refactoring left every report byte-identical.

Usage (from anywhere)::

    python scripts/same_reports.py save DIR     # before the change
    python scripts/same_reports.py compare DIR  # after it: exit 1 on any byte difference

``save`` checks the bundled seeds and tests/data/eval/articles in a few
configurations (default, verbose with single-source facts, a draft with
coverage, a baseline that accepts some findings) and writes the report of each
in every format (rich as plain text, json, markdown, html, sarif, junit) into
DIR, plus the ``diff`` of two of them in JSON and as printed. ``compare`` does
the same in memory and lists every file that differs from DIR, is missing or is
new. The checkout the script sits in is the one imported, whatever is installed.
No report carries a time or anything but the version of the package, so
nothing is normalised.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.model import Report  # noqa: E402  (after the path above)

SEEDS = sorted(str(p.relative_to(REPO)) for p in (REPO / "seeds").glob("*.txt"))
EVAL = "tests/data/eval/articles"


def _runs() -> dict[str, tuple[list[str], dict[str, object], bool]]:
    """Run name -> (paths, Options fields, verbose)."""
    return {
        "seeds": (["seeds"], {}, False),
        "seeds-verbose": (["seeds"], {"single_source": True}, True),
        "seeds-draft": (SEEDS[1:], {"draft": SEEDS[0], "coverage": True}, False),
        "eval": ([EVAL], {}, False),
        "eval-verbose": ([EVAL], {"single_source": True, "per_pair": True}, True),
    }


def generate() -> dict[str, str]:
    """File name -> text of every report this script compares."""
    from rich.console import Console

    import factcheck
    from factcheck.draft import draft_id_of
    from factcheck.fingerprint import fingerprint
    from factcheck.modes import baseline
    from factcheck.modes.diff import diff_json, diff_reports, print_diff
    from factcheck.render import FORMATS, RenderOptions, render_text

    files: dict[str, str] = {}
    reports: dict[str, Report] = {}

    def add(name: str, report: Report, verbose: bool) -> None:
        options = RenderOptions(verbose=verbose, width=100, draft=draft_id_of(report.articles))
        for fmt in FORMATS:
            files[f"{name}.{fmt}"] = render_text(report, fmt, options)

    for name, (paths, fields, verbose) in _runs().items():
        report = factcheck.check(paths, factcheck.Options(**fields))  # type: ignore[arg-type]
        reports[name] = report
        add(name, report, verbose)
    # A baseline accepting every other finding: the suppressed count and the fingerprints.
    seeds = reports["seeds"]
    accepted = {fingerprint(f) for f in seeds.findings[::2]}
    reports["seeds-baseline"] = baseline.apply_baseline(seeds, accepted)
    add("seeds-baseline", reports["seeds-baseline"], False)
    files["seeds.baseline"] = baseline.baseline_text(seeds)

    old = json.loads(render_text(reports["seeds"], "json", RenderOptions()))
    new = json.loads(render_text(reports["seeds-baseline"], "json", RenderOptions()))
    result = diff_reports(new, old)
    files["diff.json"] = diff_json(result)
    out = io.StringIO()
    print_diff(result, Console(file=out, width=100, color_system=None, force_terminal=False))
    files["diff.txt"] = out.getvalue()
    return files


def _in_repo(action: Callable[[], dict[str, str]]) -> dict[str, str]:
    # Relative paths keep article ids identical on every checkout.
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        return action()
    finally:
        os.chdir(cwd)


def save(directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(_in_repo(generate).items()):
        (directory / name).write_text(text, encoding="utf-8", newline="")
    print(f"saved {len(list(directory.iterdir()))} reports in {directory}")
    return 0


def compare(directory: Path) -> int:
    now = _in_repo(generate)
    before = {p.name: p.read_bytes().decode("utf-8") for p in directory.iterdir()}
    differ = sorted(n for n in now.keys() & before.keys() if now[n] != before[n])
    problems = (
        [f"differs: {n}" for n in differ]
        + [f"missing now: {n}" for n in sorted(before.keys() - now.keys())]
        + [f"new: {n}" for n in sorted(now.keys() - before.keys())]
    )
    for line in problems:
        print(line)
    print(f"{len(now)} reports compared, {len(problems)} differences")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print("usage: python scripts/same_reports.py save|compare DIR", file=sys.stderr)
        return 2
    directory = Path(argv[1])
    return save(directory) if argv[0] == "save" else compare(directory)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
