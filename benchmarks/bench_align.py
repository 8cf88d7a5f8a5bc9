"""Benchmark of the align stage against the bare encoder (a script, not a timed test).

    python benchmarks/bench_align.py [--sizes 5 100 1000] [--model ID] [--out FILE]

For the seeds and for synthetic corpora built from them (paragraphs
shuffled, names renamed, numbers changed), each size in its own process so
peak memory is per size, it measures:

* ``prepare_s``: ingest + segment (the pipeline's stages when importable);
* ``claims_s``: the claims stage (``claim_units``: each sentence, plus its
  clauses when it states several facts), as in ``pipeline.check``;
* ``align_s``: ``factcheck.align.align`` from claim units to groups, with
  ``encode_s`` the encoding of every unit (no embedding cache) and
  ``what_if_texts`` / ``what_if_encode_s`` the rewrites the what-if second
  look encodes on top (align's own work, not the baseline's);
* ``baseline_s``: the bare baseline of the same run, encoding every sentence
  once (``bare_encode_s``, the same model, already loaded) plus exact
  all-pairs cosine: claims' extra encodes count against align;
* ``ratio``: ``align_s / baseline_s`` (goal: <= 1.5 at 1,000 articles);
* ``articles_per_s`` end to end and the encoder's share of that time;
* ``peak_rss_mb`` from ``resource.getrusage``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import ROOT, SEEDS, machine, seed_statements
from factcheck.align import align
from factcheck.align.embed import DEFAULT_MODEL, EMBEDDERS
from factcheck.claims import claims

FAKE_NAMES = [
    "Nova", "Atlas", "Orion", "Vega", "Lyra", "Zephyr", "Helios", "Juno", "Castor", "Rigel",
    "Martin", "Durand", "Lefebvre", "Moreau", "Garnier", "Chevalier", "Rousseau", "Blanc",
]  # fmt: skip
_NAME = re.compile(r"(?<=[a-zé,] )[A-Z][a-zéèë]{2,}\b")
_NUMBER = re.compile(r"\b\d+\b")


def synthetic_article(seed_text: str, rng: random.Random) -> str:
    """A seed rewritten: paragraphs shuffled, some names renamed, some numbers changed."""
    lines = [line for line in seed_text.splitlines() if line.strip()]
    rng.shuffle(lines)
    names = sorted(set(_NAME.findall(seed_text)))
    renames = {n: rng.choice(FAKE_NAMES) for n in names if rng.random() < 0.3}
    text = "\n\n".join(lines)
    text = _NAME.sub(lambda m: renames.get(m.group(), m.group()), text)
    return _NUMBER.sub(
        lambda m: str(int(m.group()) + rng.randint(1, 9)) if rng.random() < 0.3 else m.group(), text
    )


def write_corpus(size: int, directory: Path) -> Path:
    """``size`` articles in ``directory``: the seeds themselves when size is 5."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if size == len(seeds):
        return SEEDS
    rng = random.Random(size)
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(size):
        seed = seeds[k % len(seeds)]
        text = synthetic_article(seed.read_text(encoding="utf-8"), rng)
        (directory / f"s{k:04d}_{seed.stem[:3]}.txt").write_text(text, encoding="utf-8")
    return directory


class Timed:
    """Wraps an embedder and times each call.

    The first call encodes every statement once: that and its vectors are the
    bare baseline. Later calls (the what-if rewrites of factcheck.align.whatif)
    are align's own work.
    """

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.model_id = inner.model_id  # type: ignore[attr-defined]
        self.dimension = inner.dimension  # type: ignore[attr-defined]
        self.calls: list[tuple[int, float]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        start = time.perf_counter()
        out = self.inner.embed(texts)  # type: ignore[attr-defined]
        self.calls.append((len(texts), time.perf_counter() - start))
        if len(self.calls) == 1:
            self.vectors = out
        return out

    @property
    def seconds(self) -> float:
        """Time of the bare encoding of every statement (the first call)."""
        return self.calls[0][1] if self.calls else 0.0

    @property
    def extra(self) -> tuple[int, float]:
        """Texts and seconds encoded after the first call."""
        return sum(n for n, _ in self.calls[1:]), sum(t for _, t in self.calls[1:])


def all_pairs_cosine(vectors: np.ndarray, block: int = 1024) -> float:
    """Seconds for exact all-pairs cosine (best match of every row), in row blocks."""
    start = time.perf_counter()
    for i in range(0, len(vectors), block):
        sims = vectors[i : i + block] @ vectors.T
        sims.max(axis=1)
    return time.perf_counter() - start


def run_one(size: int, model_id: str) -> dict:
    """Measure one corpus size in this process."""
    directory = write_corpus(size, Path("/tmp") / f"factcheck-bench-{size}")
    start = time.perf_counter()
    articles, statements, splitter = seed_statements(directory)
    prepare = time.perf_counter() - start
    # The claims stage, as in pipeline.check: each sentence, plus its clauses when it has several.
    start = time.perf_counter()
    by_article: dict[str, list] = {}
    for s in statements:
        by_article.setdefault(s.article, []).append(s)
    units = [u for a in articles for u in claims(by_article.get(a.id, []), a.text, a.language)]
    claims_s = time.perf_counter() - start
    embedder = Timed(EMBEDDERS[model_id]())
    start = time.perf_counter()
    groups = align(units, embedder)
    align_s = time.perf_counter() - start
    # The bare encoder: the sentences alone, encoded once by the loaded model.
    start = time.perf_counter()
    bare = embedder.inner.embed([s.span.text for s in statements])  # type: ignore[attr-defined]
    bare_s = time.perf_counter() - start
    cosine_s = all_pairs_cosine(bare)
    baseline = bare_s + cosine_s
    total = prepare + claims_s + align_s
    return {
        "articles": size,
        "statements": len(statements),
        "claim_units": len(units),
        "claims_s": round(claims_s, 2),
        "bare_encode_s": round(bare_s, 2),
        "groups": len(groups),
        "splitter": splitter,
        "model": model_id,
        "prepare_s": round(prepare, 2),
        "align_s": round(align_s, 2),
        "encode_s": round(embedder.seconds, 2),
        "align_without_encoder_s": round(align_s - embedder.seconds, 2),
        "what_if_texts": embedder.extra[0],
        "what_if_encode_s": round(embedder.extra[1], 2),
        "allpairs_cosine_s": round(cosine_s, 2),
        "baseline_s": round(baseline, 2),
        "ratio": round(align_s / baseline, 3),
        "articles_per_s": round(size / total, 2),
        "encoder_share": round(embedder.seconds / total, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[5, 100, 1000])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "align.json")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.model)))
        return
    rows = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--model", args.model],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    result: dict = {"machine": machine(), "rows": rows}
    by_size = {r["articles"]: r for r in rows}
    if 100 in by_size and 1000 in by_size:
        # Growth exponent of the non-encoder work: 1 is linear, 2 quadratic.
        a, b = by_size[100], by_size[1000]
        result["growth_exponent_align_without_encoder"] = round(
            float(
                np.log(
                    max(b["align_without_encoder_s"], 1e-3)
                    / max(a["align_without_encoder_s"], 1e-3)
                )
                / np.log(b["statements"] / a["statements"])
            ),
            2,
        )
        result["growth_exponent_align"] = round(
            float(np.log(b["align_s"] / a["align_s"]) / np.log(b["statements"] / a["statements"])),
            2,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
