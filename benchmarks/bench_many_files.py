"""Many tiny files in one folder: does ``factcheck check`` finish, with progress, in bounded memory?

    python -m benchmarks.bench_many_files [--files 10000] [--one-fact] [--out FILE]

Not a timed test: a measurement, committed under ``benchmarks/results/`` with
the machine it ran on. It writes ``--files`` one-paragraph articles into a
temporary folder (invented French and English news paragraphs from a fixed
seed: a few hundred stories told by about 25 outlets each, each story with its
own place, people and figures, one outlet in ten giving another amount, so
that alignment and comparison have real work), then, in a
fresh process with an empty embedding cache and the default embedder, runs
``factcheck.pipeline.check`` on the folder with a progress callback, what the
CLI runs. It records the wall time, the peak resident memory, the progress
events per stage (the CLI draws these as its progress display) and the
findings by severity.

``--one-fact``: every file tells the same story with its own amount (1,000 files:
one fact with 1,000 conflicting values, issue 21), written to
``benchmarks/results/one_fact.json`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "results" / "many_files.json"
ONE_FACT_OUT = REPO / "benchmarks" / "results" / "one_fact.json"

# Every story has its own place and people (syllables combined), as a feed has.
SYLLABLES = ("ber", "cal", "dor", "fen", "gar", "hal", "lor", "mar", "nor", "pel", "ros", "sal")
FIRST = ("Marie", "Paul", "Anne", "Louis", "Claire", "Jean", "Emma", "Hugo", "Lea", "Noah")


def _place(s: int) -> str:
    a, b, c = s % 12, (s // 12) % 12, (s // 144) % 12
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c]).capitalize()


def _person(s: int) -> str:
    return f"{FIRST[s % 10]} {(SYLLABLES[(s // 10) % 12] + SYLLABLES[s % 12]).capitalize()}"


FR = (
    "À {town}, le conseil municipal a voté {n} millions d'euros pour {thing}, "
    "a annoncé {name} {day}. Les travaux doivent durer {m} mois, selon la mairie. "
    "{k} riverains ont signé une pétition contre le projet."
)
EN = (
    "In {place}, the council approved {n} million pounds for {thing}, {name} said on "
    "{day}. Work is expected to last {m} months, according to the council. "
    "{k} residents signed a petition against the plan."
)
THINGS_FR = ("l'école", "le pont", "la piscine", "le stade", "la médiathèque", "le marché")
THINGS_EN = ("the school", "the bridge", "the pool", "the stadium", "the library", "the market")
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def write_corpus(folder: Path, files: int, seed: int = 2026, one_fact: bool = False) -> None:
    """``files`` one-paragraph articles: stories of about 25 outlets, most agreeing
    (``one_fact``: one story, each outlet with its own amount)."""
    rng = random.Random(seed)
    stories = 1 if one_fact else max(1, files // 25)
    facts = []
    for s in range(stories):
        french = s % 2 == 0
        facts.append(
            {
                "french": french,
                "town": _place(s),
                "thing": (THINGS_FR if french else THINGS_EN)[s % 6],
                "name": _person(s),
                "n": 2 + s % 40,
                "m": 3 + s % 20,
                "k": 100 + 7 * s,
                "day": s % 5,
            }
        )
    for i in range(files):
        fact = facts[i % stories]
        # One outlet in ten gives another amount; with one_fact, each its own.
        n = fact["n"] + (i if one_fact else 1 if rng.random() < 0.1 else 0)
        if fact["french"]:
            text = FR.format(
                town=fact["town"], n=n, thing=fact["thing"], name=fact["name"],
                day=DAYS_FR[fact["day"]], m=fact["m"], k=fact["k"],
            )  # fmt: skip
        else:
            text = EN.format(
                place=fact["town"], n=n, thing=fact["thing"], name=fact["name"],
                day=DAYS_EN[fact["day"]], m=fact["m"], k=fact["k"],
            )  # fmt: skip
        # A dispatch number keeps every file distinct (byte-identical copies are skipped).
        tag = f"Dépêche n° {i}." if fact["french"] else f"Dispatch no. {i}."
        (folder / f"a{i:05d}.txt").write_text(f"{text} {tag}\n", encoding="utf-8")


def _measure(folder: str) -> None:
    """In the child process: run the check and print the measurement as JSON."""
    import resource

    from factcheck.pipeline import StageProgress, check

    events: dict[str, int] = {}

    def progress(event: StageProgress) -> None:
        events[event.stage] = events.get(event.stage, 0) + 1

    start = time.perf_counter()
    report = check([folder], progress=progress)
    wall = time.perf_counter() - start
    severities: dict[str, int] = {}
    for f in report.findings:
        severities[f.severity.value] = severities.get(f.severity.value, 0) + 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall_s": round(wall, 1),
                "peak_rss_mb": round(peak_mb, 1),
                "articles": len(report.articles),
                "groups": len(report.groups),
                "findings": severities,
                "progress_events": events,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--one-fact", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _measure(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_corpus(folder, args.files, one_fact=args.one_fact)
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(Path(tmp) / "cache")}
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_many_files", "--child", str(folder)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, text=True, check=True,
        )  # fmt: skip
    result = {
        "what": "factcheck.check on a folder of one-paragraph files, cold cache, default embedder",
        "machine": {
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "files": args.files,
        "one_fact": args.one_fact,
        **json.loads(done.stdout.strip().splitlines()[-1]),
    }
    out = args.out or (ONE_FACT_OUT if args.one_fact else OUT)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
