"""Encoder speed of every candidate embedder, back to back on the same sentences.

    python benchmarks/speed_embedders.py  ->  benchmarks/results/embedder_speed.json

The seed sentences, repeated with a counter so that nothing is cached, are
encoded once per model after a warm-up call that loads it; the best of
``--runs`` runs is kept, since the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import ROOT, machine, seed_statements
from factcheck.align.embed import EMBEDDERS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    _, statements, _ = seed_statements()
    texts = [f"{s.span.text} ({n})" for n in range(args.copies) for s in statements]
    rows = []
    for model_id in sorted(EMBEDDERS):
        embedder = EMBEDDERS[model_id]()
        start = time.perf_counter()
        embedder.embed(texts[:8])
        load = time.perf_counter() - start
        best = min(_timed(embedder.embed, texts) for _ in range(args.runs))
        rows.append(
            {
                "model": model_id,
                "sentences": len(texts),
                "sentences_per_s": round(len(texts) / best, 1),
                "first_call_s": round(load, 2),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    out = ROOT / "benchmarks" / "results" / "embedder_speed.json"
    out.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")


def _timed(function: object, texts: list[str]) -> float:
    start = time.perf_counter()
    function(texts)  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
