"""Prove the story check leaves single-story reports unchanged (issues 20/22).

    python scripts/check_story_identity.py [CORPORA] [--against OTHER_FACTCHECK_BIN]

For the seeds and each development cluster, the JSON and Markdown reports of
``factcheck check`` (story check on) must be byte-identical to ``--one-story``
(today's path, no story stage); with ``--against``, also to that binary's
output (e.g. the main branch). Exit 1 on any difference.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _report(command: list[str], folder: Path, fmt: str, *extra: str) -> bytes:
    run = subprocess.run(
        [*command, "check", str(folder), "--format", fmt, "--quiet", *extra],
        capture_output=True,
        check=False,
    )
    if run.returncode not in (0, 1):
        raise SystemExit(f"{folder}: exit {run.returncode}: {run.stderr.decode()[-300:]}")
    return run.stdout


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("../shared/corpora")
    other = argv[argv.index("--against") + 1] if "--against" in argv else None
    ours = [sys.executable, "-m", "factcheck"]
    found = root.iterdir() if root.is_dir() else ()
    clusters = sorted(p.name for p in found if (p / "gold.json").is_file())
    folders = [("seeds", Path("seeds"))] + [(c, root / c / "articles") for c in clusters]
    failed = 0
    for name, folder in folders:
        if not folder.is_dir():
            print(f"{name}: missing, skipped")
            continue
        for fmt in ("json", "markdown"):
            default = _report(ours, folder, fmt)
            same = default == _report(ours, folder, fmt, "--one-story")
            if other:
                same = same and default == _report([other], folder, fmt)
            print(f"{name} {fmt}: {'identical' if same else 'DIFFERENT'}")
            failed += not same
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
