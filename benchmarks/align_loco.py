"""Leave one cluster out: does a calibration of the pair score generalise to a story it never saw?

    python benchmarks/align_loco.py [--features cos lex ...] [--plain-l2] [--shipped]
                                    [--json OUT] [--write]

Loads the seeds and the five real clusters of ``../shared/corpora`` through the
pipeline's own stages (ingest, segment, extract with the parse, claims), so the
units are exactly those the align stage sees. For each cluster: fits the
logistic weights of the chosen features on the seeds and the four other
clusters (candidate pairs of the runtime search; label: both units touch one
gold group), picks the threshold on those same training sets through the full
grouping (see :func:`calibrate`), then aligns the held-out cluster with that
calibration and scores it with the reference scorer. Also reports the held-out
ROC AUC of the fitted score on judged pairs (both units touch some gold
quote), and with ``--shipped`` the calibration of ``config.json`` on every
cluster. ``--write`` fits on the seeds and all five clusters and stores the
result as the default embedder's calibration in ``factcheck/align/config.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.calibrate_align import fit_logistic, fit_standardized, gold_labels
from benchmarks.harness import GOLD, ROOT, SEEDS, gold_metrics
from factcheck.align import _first_of_repeats, align
from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.score import (
    CONFIG_PATH,
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
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.2, 0.81, 0.05)]
PLATEAU = 0.01  # pooled F1 this close to the best counts as equally good


@dataclass
class Corpus:
    """One gold corpus as the align stage sees it, with its candidate pairs' features."""

    name: str
    articles: list[Article]
    units: list[Statement]
    directory: Path
    gold: Path
    x: np.ndarray  # FEATURES of every candidate pair
    y: np.ndarray  # 1: both units touch one gold group
    judged: np.ndarray  # both units touch some gold quote (what pair precision counts)


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
    judged = np.array([bool(labels[i]) and bool(labels[j]) for i, j in pairs], dtype=bool)
    return Corpus(name, list(articles), units, directory, gold, x, y, judged)


def corpora(embedder: Embedder) -> list[Corpus]:
    """The seeds first, then the clusters in name order."""
    sets = [("seeds", SEEDS, GOLD)]
    for gold in sorted(CORPORA.glob("*/gold.json")):
        sets.append((gold.parent.name, gold.parent / "articles", gold))
    return [load(name, d, g, embedder) for name, d, g in sets]


def metrics(corpus: Corpus, cal: Calibration, embedder: Embedder) -> dict[str, Any]:
    """The reference scorer's pair metrics of the full grouping under ``cal``."""
    groups = align(corpus.units, embedder, model=cal)
    return gold_metrics(corpus.articles, groups, corpus.directory, corpus.gold)


def pooled(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Micro-averaged pair precision, recall and F1 (as ``corpus_scores.py`` pools them)."""
    correct = sum(r["pair_precision"] * r["judged_pairs"] for r in rows)
    judged = sum(r["judged_pairs"] for r in rows)
    hits = sum(r["pair_recall"] * r["gold_pairs"] for r in rows)
    gold = sum(r["gold_pairs"] for r in rows)
    p, r = (correct / judged if judged else 0.0), (hits / gold if gold else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)}


def auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """ROC AUC by ranks (ties count half); None without both classes."""
    n_pos, n_neg = int((labels > 0).sum()), int((labels == 0).sum())
    if not n_pos or not n_neg:
        return None
    ranks = rankdata(scores)
    return float((ranks[labels > 0].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def fit(
    train: list[Corpus], columns: list[int], standardize: bool
) -> tuple[tuple[float, ...], float]:
    """Logistic weights over ``columns`` (zero for the other features) and the bias."""
    x = np.vstack([c.x[:, columns] for c in train])
    y = np.concatenate([c.y for c in train])
    w, b = fit_standardized(x, y) if standardize else fit_logistic(x, y)
    weights = np.zeros(len(FEATURES))
    weights[columns] = w
    return tuple(round(float(v), 4) for v in weights), round(float(b), 4)


def calibrate(
    train: list[Corpus], columns: list[int], embedder: Embedder, standardize: bool
) -> tuple[Calibration, dict[float, float]]:
    """Weights fitted on ``train`` and the threshold chosen on ``train``, with the
    pooled F1 of every threshold tried.

    Pooled F1 is flat over a wide range of thresholds (0.53-0.55 from 0.3 to 0.6
    held out): the threshold is the most precise end of the plateau within
    PLATEAU of the best, since every wrong group can become a wrong finding.
    """
    weights, bias = fit(train, columns, standardize)
    by_threshold = {
        t: pooled([metrics(c, Calibration(weights, bias, t), embedder) for c in train])["F1"]
        for t in THRESHOLDS
    }
    top = max(by_threshold.values())
    chosen = max(t for t, f1 in by_threshold.items() if f1 >= top - PLATEAU)
    return Calibration(weights, bias, chosen), by_threshold


def _row(corpus: Corpus, cal: Calibration, embedder: Embedder) -> dict[str, Any]:
    m = metrics(corpus, cal, embedder)
    score = cal.probability(corpus.x)[corpus.judged]
    found = auc(score, corpus.y[corpus.judged])
    return {
        "P": m["pair_precision"],
        "R": m["pair_recall"],
        "F1": m["pair_f1"],
        "must_not_align": m["must_not_align_violations"],
        "threshold": cal.threshold,
        "auc": None if found is None else round(found, 3),
        "_metrics": m,
    }


def _table(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    pool = pooled([r.pop("_metrics") for r in rows.values()])
    return {"clusters": rows, "pooled": pool}


def loco(
    sets: list[Corpus], columns: list[int], embedder: Embedder, standardize: bool
) -> dict[str, Any]:
    """Each cluster scored by a calibration fitted on the seeds and the other clusters."""
    rows = {}
    for held in sets[1:]:
        cal, _ = calibrate([c for c in sets if c is not held], columns, embedder, standardize)
        rows[held.name] = _row(held, cal, embedder) | {"weights": list(cal.weights)}
    return {"features": [FEATURES[c] for c in columns]} | _table(rows)


def write(cal: Calibration, model_id: str) -> None:
    """Store ``cal`` as ``model_id``'s calibration in ``config.json``."""
    stored = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    stored["models"][model_id] = {
        "weights": list(cal.weights),
        "bias": cal.bias,
        "threshold": cal.threshold,
        "calibrated_on": "seeds + the five real clusters, standardized fit "
        "(benchmarks/align_loco.py --write)",
    }
    CONFIG_PATH.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", nargs="+", default=list(FEATURES), choices=FEATURES)
    parser.add_argument(
        "--plain-l2", action="store_true", help="the L2 penalty on raw features (before 2026-12)"
    )
    parser.add_argument("--shipped", action="store_true", help="also score config.json's model")
    parser.add_argument("--json", type=Path, help="write the tables here")
    parser.add_argument("--write", action="store_true", help="fit on all sets, store in config")
    args = parser.parse_args()
    from factcheck.pipeline import make_embedder

    embedder = make_embedder(Options())
    sets = corpora(embedder)
    columns = [FEATURES.index(f) for f in args.features]
    result: dict[str, Any] = {}
    if args.shipped:
        shipped = calibration(embedder.model_id)
        result["shipped"] = _table({c.name: _row(c, shipped, embedder) for c in sets[1:]})
        print("shipped", json.dumps(result["shipped"]), flush=True)
    result["loco"] = loco(sets, columns, embedder, not args.plain_l2)
    print("loco", json.dumps(result["loco"]), flush=True)
    if args.write:
        cal, by_threshold = calibrate(sets, columns, embedder, not args.plain_l2)
        result["all"] = {"calibration": cal.__dict__, "pooled_f1_by_threshold": by_threshold}
        print("all", json.dumps(result["all"]), flush=True)
        write(cal, embedder.model_id)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
