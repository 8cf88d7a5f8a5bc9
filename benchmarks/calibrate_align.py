"""Calibrate the hybrid pair score per embedder and measure every candidate embedder.

    python benchmarks/calibrate_align.py [--write] [--models ID ...]

For each embedder: embeds the seed statements, fits the logistic weights of
the pair features on the seeds' gold groups (positive: both statements touch
one gold group), picks the threshold with the best gold pair F1 through the
full grouping, then scores the held-out FR/EN fixture set of
``tests/data/align`` with the same settings. Also measures encoder speed.
``--write`` stores the calibrations in ``factcheck/align/config.json`` and the
table in ``benchmarks/results/embedders.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import GOLD, ROOT, SEEDS, gold_metrics, machine, seed_statements
from factcheck.align import align
from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.embed import EMBEDDERS, Embedder
from factcheck.align.score import CONFIG_PATH, Calibration, features, profile, rarity
from factcheck.model import Article, Statement

FIXTURES = ROOT / "tests" / "data" / "align"
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.91, 0.05)]
ALL_PAIRS = Search(k=10_000, cos_floor=-1.0, exact_limit=10_000, anchor_block_cap=0)


class Precomputed:
    """An embedder answering from vectors computed once (threshold sweeps re-embed nothing)."""

    def __init__(self, model_id: str, texts: list[str], vectors: np.ndarray) -> None:
        self.model_id = model_id
        self.dimension = vectors.shape[1]
        self._rows = dict(zip(texts, vectors, strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._rows[t] for t in texts])


def _gold_sets(
    statements: list[Statement], gold_path: Path, texts: dict[str, str]
) -> list[set[int]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out: list[set[int]] = [set() for _ in statements]
    for g, group in enumerate(gold["groups"]):
        for st in group["statements"]:
            text = texts[st["article"]]
            at = text.find(st["quote"])
            while at >= 0:
                for n, s in enumerate(statements):
                    if (
                        s.span.article == st["article"]
                        and s.span.start < at + len(st["quote"])
                        and at < s.span.end
                    ):
                        out[n].add(g)
                at = text.find(st["quote"], at + 1)
    return out


def training_data(
    statements: list[Statement], articles: list[Article], vectors: np.ndarray, gold_path: Path
) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every cross-article pair (statements in canonical order)."""
    names = {a.id: Path(a.path).name for a in articles}
    texts = {Path(a.path).name: a.text for a in articles}
    named = [
        Statement(s.span.__class__(names[s.article], s.span.start, s.span.end, s.span.text))
        for s in statements
    ]
    labels_of = _gold_sets(named, gold_path, texts)
    ids = sorted({s.article for s in statements})
    article_of = np.array([ids.index(s.article) for s in statements])
    profiles = [profile(s) for s in statements]
    pairs, cosines = candidate_pairs(vectors, article_of, [p.anchors for p in profiles], ALL_PAIRS)
    x = features(pairs, cosines, profiles, rarity(profiles, "tokens"), rarity(profiles, "anchors"))
    y = np.array([bool(labels_of[i] & labels_of[j]) for i, j in pairs], dtype=np.float64)
    return x, y


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 4000
) -> tuple[np.ndarray, float]:
    """Class-balanced L2-regularized logistic regression by gradient descent."""
    w = np.zeros(x.shape[1])
    b = 0.0
    pos = max(y.sum(), 1.0)
    neg = max(len(y) - y.sum(), 1.0)
    sample = np.where(y > 0, 0.5 / pos, 0.5 / neg)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = (p - y) * sample
        w -= 1.0 * (x.T @ g + l2 * w)
        b -= 1.0 * g.sum()
    return w, b


def measure(model_id: str, seeds: tuple, fixtures: tuple) -> dict:
    embedder: Embedder = EMBEDDERS[model_id]()
    result: dict = {"model": model_id}
    sets = {}
    for name, (articles, statements, _) in (("seeds", seeds), ("fixtures", fixtures)):
        ordered = sorted(statements, key=lambda s: (s.article, s.span.start))
        texts = [s.span.text for s in ordered]
        start = time.perf_counter()
        vectors = embedder.embed(texts)
        elapsed = time.perf_counter() - start
        if name == "seeds":  # the first call includes loading the model
            start = time.perf_counter()
            embedder.embed(texts)
            result["sentences_per_s"] = round(len(texts) / (time.perf_counter() - start), 1)
            result["load_s"] = round(elapsed - len(texts) / result["sentences_per_s"], 2)
        sets[name] = (articles, ordered, Precomputed(model_id, texts, vectors))
    articles, ordered, pre = sets["seeds"]
    x, y = training_data(ordered, articles, pre.embed([s.span.text for s in ordered]), GOLD)
    w, b = fit_logistic(x, y)
    best = None
    for t in THRESHOLDS:
        cal = Calibration(tuple(float(v) for v in w), float(b), t)
        m = gold_metrics(articles, align(ordered, pre, model=cal), SEEDS)
        key = (m["pair_f1"], -m["must_not_align_violations"], -abs(t - 0.5))
        if best is None or key > best[0]:
            best = (key, t, m)
    assert best is not None
    _, threshold, seed_m = best
    cal = Calibration(tuple(round(float(v), 4) for v in w), round(float(b), 4), threshold)
    f_articles, f_ordered, f_pre = sets["fixtures"]
    fix_m = gold_metrics(
        f_articles,
        align(f_ordered, f_pre, model=cal),
        FIXTURES / "articles",
        FIXTURES / "gold.json",
    )
    # The same weights with the fixtures' own best threshold: how far off the seeds' choice is.
    fix_best = max(
        gold_metrics(
            f_articles,
            align(f_ordered, f_pre, model=Calibration(cal.weights, cal.bias, t)),
            FIXTURES / "articles",
            FIXTURES / "gold.json",
        )["pair_f1"]
        for t in THRESHOLDS
    )
    keys = ("pair_precision", "pair_recall", "pair_f1", "must_not_align_violations")
    result.update(
        calibration={"weights": list(cal.weights), "bias": cal.bias, "threshold": threshold},
        seeds={k: seed_m[k] for k in keys},
        fixtures={k: fix_m[k] for k in keys} | {"best_threshold_f1": fix_best},
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=sorted(EMBEDDERS))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    seeds = seed_statements(SEEDS)
    fixtures = seed_statements(FIXTURES / "articles")
    rows = []
    for model_id in args.models:
        row = measure(model_id, seeds, fixtures)
        print(json.dumps(row), flush=True)
        rows.append(row)
    if args.write:
        config = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
        for row in rows:
            config["models"][row["model"]] = row["calibration"] | {
                "calibrated_on": "seeds gold (benchmarks/calibrate_align.py)"
            }
        CONFIG_PATH.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        out = ROOT / "benchmarks" / "results" / "embedders.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(
            json.dumps({"machine": machine(), "splitter": seeds[2], "rows": rows}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
