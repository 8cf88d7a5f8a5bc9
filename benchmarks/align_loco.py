"""Leave one cluster out: does a set of pair features generalise to a story it never saw?

    python benchmarks/align_loco.py [--features cos lex fuzz anchor ...] [--json OUT]

Loads the seeds and the five real clusters of ``../shared/corpora`` through the
pipeline's own stages (ingest, segment, extract with the parse, claims), so the
units are exactly those the align stage sees. For each cluster: fits the
logistic weights of the chosen features on the seeds and the four other
clusters (candidate pairs of the runtime search, label: both units touch one
gold group), picks the threshold with the best pooled pair F1 through the full
grouping on those same training sets, then aligns the held-out cluster with
that calibration and scores it with the reference scorer. Also reports the
shipped calibration on every cluster and the held-out ROC AUC of the fitted
score on judged pairs (both units touch some gold quote).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.calibrate_align import fit_logistic, gold_labels
from benchmarks.harness import GOLD, ROOT, SEEDS, gold_metrics
from factcheck.align import _first_of_repeats, align
from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.score import (
    FEATURES,
    Calibration,
    calibration,
    config,
    features,
    profile,
    rarity,
)
from factcheck.model import Article, Embedder, Statement
from factcheck.options import Options

CORPORA = ROOT.parent / "shared" / "corpora"
THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.81, 0.05)]
PLATEAU = 0.01  # pooled F1 this close to the best counts as equally good


@dataclass
class Corpus:
    name: str
    articles: list[Article]
    units: list[Statement]
    directory: Path
    gold: Path
    x: np.ndarray  # FEATURES of every candidate pair
    y: np.ndarray  # 1: same gold group
    judged: np.ndarray  # both units touch some gold quote


def load(name: str, directory: Path, gold: Path, embedder: Embedder) -> Corpus:
    """The align stage's units of one corpus and the features of its candidate pairs."""
    from factcheck import pipeline

    options = Options()
    articles, _ = pipeline.read_input([directory], options, lambda _e: None)
    statements, _ = pipeline._extract_all(articles, options, lambda _e: None)
    units = pipeline._claims_of(articles, statements, options)
    ordered = _first_of_repeats(units)
    labels = gold_labels(ordered, articles, gold)
    ids = sorted({s.article for s in ordered})
    article_of = np.array([ids.index(s.article) for s in ordered])
    profiles = [profile(s) for s in ordered]
    vectors = embedder.embed([s.span.text for s in ordered])
    settings = config()["search"]
    search = Search(
        settings["k"], settings["cos_floor"], settings["exact_limit"], settings["anchor_block_cap"]
    )
    pairs, cosines = candidate_pairs(vectors, article_of, [p.anchors for p in profiles], search)
    x = features(pairs, cosines, profiles, rarity(profiles, "tokens"), rarity(profiles, "anchors"))
    y = np.array([bool(labels[i] & labels[j]) for i, j in pairs], dtype=np.float64)
    judged = np.array([bool(labels[i]) and bool(labels[j]) for i, j in pairs])
    return Corpus(name, list(articles), units, directory, gold, x, y, judged)


def corpora(embedder: Embedder) -> list[Corpus]:
    """The seeds first, then the clusters in name order."""
    sets = [("seeds", SEEDS, GOLD)]
    for gold in sorted(CORPORA.glob("*/gold.json")):
        sets.append((gold.parent.name, gold.parent / "articles", gold))
    return [load(name, d, g, embedder) for name, d, g in sets]


def metrics(corpus: Corpus, cal: Calibration, embedder: Embedder) -> dict:
    groups = align(corpus.units, embedder, model=cal)
    return gold_metrics(corpus.articles, groups, corpus.directory, corpus.gold)


def pooled(rows: list[dict]) -> dict[str, float]:
    """Micro-averaged pair precision, recall and F1 (as ``corpus_scores.py`` pools them)."""
    correct = sum(r["pair_precision"] * r["judged_pairs"] for r in rows)
    judged = sum(r["judged_pairs"] for r in rows)
    hits = sum(r["pair_recall"] * r["gold_pairs"] for r in rows)
    gold = sum(r["gold_pairs"] for r in rows)
    p, r = (correct / judged if judged else 0.0), (hits / gold if gold else 0.0)
    return {
        "P": round(p, 3),
        "R": round(r, 3),
        "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """ROC AUC by ranks (ties counted half)."""
    pos, neg = scores[labels > 0], scores[labels == 0]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    values = np.concatenate([pos, neg])
    for v in np.unique(values):  # average ranks of ties
        tied = values == v
        ranks[tied] = ranks[tied].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def fit_standardized(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """``fit_logistic`` on standardized columns, mapped back: the L2 penalty then
    weighs every feature alike (word overlap lies in [0, 0.3] where the cosine
    spans [0.2, 0.9], and the plain fit shrank its weight most)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w, b = fit_logistic((x - mean) / scale, y)
    return w / scale, float(b - (w / scale) @ mean)


def fit(
    train: list[Corpus], columns: list[int], judged_only: bool, standardize: bool
) -> tuple[tuple[float, ...], float]:
    """Logistic weights over ``columns`` (zero elsewhere) and the bias."""
    keep = [c.judged if judged_only else np.ones(len(c.y), dtype=bool) for c in train]
    x = np.vstack([c.x[k][:, columns] for c, k in zip(train, keep, strict=True)])
    y = np.concatenate([c.y[k] for c, k in zip(train, keep, strict=True)])
    if standardize:
        w, b = fit_standardized(x, y)
    else:
        w, b = fit_logistic(x, y)
    weights = np.zeros(len(FEATURES))
    weights[columns] = w
    return tuple(round(float(v), 4) for v in weights), round(float(b), 4)


def calibrate(
    train: list[Corpus],
    columns: list[int],
    embedder: Embedder,
    judged_only: bool,
    standardize: bool,
) -> Calibration:
    """Weights fitted on ``train``, threshold with the best pooled F1 on ``train``."""
    weights, bias = fit(train, columns, judged_only, standardize)
    by_threshold = {
        t: pooled([metrics(c, Calibration(weights, bias, t), embedder) for c in train])["F1"]
        for t in THRESHOLDS
    }
    # Pooled F1 is flat over a wide range of thresholds: take the plateau's most
    # precise end, since every wrong group can become a wrong finding.
    top = max(by_threshold.values())
    best = max(t for t, f1 in by_threshold.items() if f1 >= top - PLATEAU)
    return Calibration(weights, bias, best)


def loco(
    sets: list[Corpus], columns: list[int], embedder: Embedder, judged_only: bool, standardize: bool
) -> dict:
    """Each cluster scored by a calibration fitted on the seeds and the other clusters."""
    out: dict = {"features": [FEATURES[c] for c in columns], "clusters": {}}
    rows = []
    for held in sets[1:]:
        train = [c for c in sets if c is not held]
        cal = calibrate(train, columns, embedder, judged_only, standardize)
        row = metrics(held, cal, embedder)
        rows.append(row)
        score = cal.probability(held.x)[held.judged]
        out["clusters"][held.name] = {
            "P": row["pair_precision"],
            "R": row["pair_recall"],
            "F1": row["pair_f1"],
            "threshold": cal.threshold,
            "weights": cal.weights,
            "auc": round(auc(score, held.y[held.judged]) or 0.0, 3),
        }
        print(held.name, json.dumps(out["clusters"][held.name]), flush=True)
    out["pooled"] = pooled(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", nargs="+", default=list(FEATURES), choices=FEATURES)
    parser.add_argument("--judged-only", action="store_true", help="fit on judged pairs only")
    parser.add_argument("--standardize", action="store_true", help="L2 on standardized features")
    parser.add_argument("--shipped", action="store_true", help="also score the shipped calibration")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from factcheck.pipeline import make_embedder

    embedder = make_embedder(Options())
    sets = corpora(embedder)
    result: dict = {}
    if args.shipped:
        shipped = calibration(embedder.model_id)
        rows = {c.name: metrics(c, shipped, embedder) for c in sets[1:]}
        result["shipped"] = {
            "clusters": {n: {"F1": r["pair_f1"]} for n, r in rows.items()},
            "pooled": pooled(list(rows.values())),
        }
        print("shipped", json.dumps(result["shipped"]), flush=True)
    columns = [FEATURES.index(f) for f in args.features]
    result["loco"] = loco(sets, columns, embedder, args.judged_only, args.standardize)
    print("pooled", json.dumps(result["loco"]["pooled"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
