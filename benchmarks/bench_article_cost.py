"""Cost of one article against its size: time and peak memory, per text shape.

Each (shape, size) runs in a fresh subprocess: it imports factcheck and warms
the parser up, then times ``factcheck.check`` on the article plus a one-line
reference (hash embedder, so only the per-article stages count), and reports
the wall time and the peak resident memory. The exponent of each shape is the
least-squares slope of log(time) on log(size); linear cost gives about 1.

    python benchmarks/bench_article_cost.py                     # 10 KB .. 5 MB
    python benchmarks/bench_article_cost.py --max-bytes 640000  # quicker
    python benchmarks/bench_article_cost.py --shapes newlines,dots

Writes benchmarks/results/article_cost.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZES = (10_000, 40_000, 160_000, 640_000, 2_560_000, 5_000_000)
WORDS = (
    *("le", "conseil", "municipal", "a", "voté", "lundi", "un", "budget", "de", "millions"),
    *("d’euros", "pour", "l’école", "du", "quartier", "selon", "le", "maire", "qui", "a"),
    *("précisé", "que", "les", "travaux", "commenceront", "en", "septembre"),
)


def _prose(size: int) -> str:
    rng = random.Random(size)
    out: list[str] = []
    length = 0
    while length < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 999)},{rng.randint(1, 9)}")
        sentence = " ".join(words).capitalize() + ". "
        if rng.random() < 0.15:
            sentence += "\n\n"
        out.append(sentence)
        length += len(sentence.encode("utf-8"))
    return "".join(out)


def _repeat(unit: str, size: int, head: str = "Le conseil a voté. ") -> str:
    return head + unit * max(1, (size - len(head)) // len(unit.encode("utf-8")))


SHAPES = {
    "prose": _prose,
    "long-line": lambda n: _repeat("mot ", n),
    "newlines": lambda n: _repeat("\n", n) + "Le maire a parlé lundi.\n",
    "dots": lambda n: _repeat(".", n),
    "quotes": lambda n: _repeat("« ", n),
    "digits": lambda n: _repeat("1 234 ", n),
}

RUNNER = """
import json, resource, sys, time
from factcheck import check
from factcheck.extract import parse
from factcheck.options import Options
parse.pipeline("fr")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
options = Options(model="hash-3gram-256", lang="fr", cache_dir=sys.argv[1] + ".cache")
report = check(sys.argv[1:], options)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "base_mb": before / 1024}))
"""


def measure(shape: str, size: int, directory: Path) -> dict[str, float]:
    article = directory / f"{shape}-{size}.txt"
    article.write_text(SHAPES[shape](size), encoding="utf-8")
    reference = directory / "reference.txt"
    reference.write_text("Le conseil municipal a voté lundi un budget.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(article), str(reference)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    article.unlink()
    return result


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) on log(bytes)."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(max(seconds, 1e-3)) for _, seconds in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-bytes", type=int, default=SIZES[-1])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/results/article_cost.json")
    args = parser.parse_args()
    sizes = [s for s in SIZES if s <= args.max_bytes]
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            rows = []
            for size in sizes:
                row = {"bytes": size, **measure(shape, size, Path(tmp))}
                rows.append(row)
                print(
                    f"{shape:<10} {size:>10,} B {row['seconds']:>8.2f} s"
                    f" {row['peak_mb']:>8.0f} MB peak ({row['base_mb']:.0f} MB before)",
                    flush=True,
                )
            # Small sizes are dominated by fixed costs; the slope is read from 40 KB up.
            slope = exponent([(r["bytes"], r["seconds"]) for r in rows if r["bytes"] >= 40_000])
            results[shape] = {"exponent": round(slope, 3), "runs": rows}
            print(f"{shape:<10} exponent {slope:.2f}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
