"""Running the real ``factcheck`` command in a subprocess, as a user or a CI job does.

The subprocess gets a private embedding cache (never the user's) and the
small hash embedder, so a run costs the pipeline only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
PROSE = (
    "Le conseil municipal a voté lundi un budget de 3,2 millions d’euros pour l’école.\n",
    "Lundi, le conseil municipal a adopté un budget de 3,2 millions d’euros pour l’école.\n",
)
NORMAL = (ExitCode.OK, ExitCode.FINDINGS)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: list[str]


def env_for(cache: Path) -> dict[str, str]:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("FORCE_COLOR", None)
    return env


def factcheck(
    *args: str | Path, cache: Path, stdin: bytes | None = None, timeout: float = 600
) -> Run:
    """Run ``python -m factcheck ARGS`` with a private cache; stdout and stderr decoded."""
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env_for(cache),
        timeout=timeout,
        check=False,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace").splitlines(),
    )


def check_args(*paths: str | Path) -> list[str | Path]:
    """``check PATHS`` with the hash embedder, JSON output and no progress display."""
    return ["check", *paths, "--model", "hash-3gram-256", "--format", "json", "-q"]


def two_articles(directory: Path, texts: tuple[str, str] = PROSE) -> list[Path]:
    """``a.txt`` and ``b.txt`` in ``directory``, holding ``texts``."""
    paths = []
    for name, text in zip("ab", texts, strict=True):
        path = directory / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def assert_error(run: Run, path: str | Path, problem: str) -> None:
    """Exit 2, nothing on stdout, exactly one line ``factcheck: PATH: problem…``."""
    assert run.code == ExitCode.INPUT_ERROR, run
    assert run.out == "", run
    assert len(run.err) == 1, run.err
    assert run.err[0].startswith(f"factcheck: {path}: "), run.err
    assert problem in run.err[0], run.err
