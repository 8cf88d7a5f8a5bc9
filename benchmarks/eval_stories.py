"""Story clustering against labelled stories: adjusted Rand index and B³, per language.

    python -m benchmarks.eval_stories [/work/shared/corpora] [--markdown]

Reads ``CORPORA/mixed/articles`` and its ``stories.json`` (labels are read here,
only to score: the story stage never sees them). The threshold and the split
ratio are calibrated held-out: fit together on the French stories, scored on
the English ones, and the other way round; the shipped constants
(``factcheck/stories/config.json``) are scored on both. Also checks that the
seeds and each development cluster stay one story (the single-story case must
not change).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from math import comb
from pathlib import Path

from factcheck.align import get_embedder
from factcheck.ingest import load_articles
from factcheck.options import Options
from factcheck.stories import StoryFeatures, cluster, features, settings

GRID = [round(0.15 + 0.01 * i, 2) for i in range(26)]
# 0: never split a story in two.
SPLITS = [0.0, 0.8, 0.85, 0.9, 0.95, 1.0]


def ari(truth: Sequence[str], pred: Sequence[int]) -> float:
    """Adjusted Rand index (Hubert and Arabie)."""
    pairs = sum(comb(n, 2) for n in Counter(zip(truth, pred, strict=True)).values())
    a = sum(comb(n, 2) for n in Counter(truth).values())
    b = sum(comb(n, 2) for n in Counter(pred).values())
    expected = a * b / comb(len(truth), 2)
    top = (a + b) / 2
    return 1.0 if top == expected else (pairs - expected) / (top - expected)


def b_cubed(truth: Sequence[str], pred: Sequence[int]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 (Bagga and Baldwin), averaged over articles."""
    gold: dict[str, set[int]] = defaultdict(set)
    found: dict[int, set[int]] = defaultdict(set)
    for i, (t, p) in enumerate(zip(truth, pred, strict=True)):
        gold[t].add(i)
        found[p].add(i)
    n = len(truth)
    precision = (
        sum(len(gold[t] & found[p]) / len(found[p]) for t, p in zip(truth, pred, strict=True)) / n
    )
    recall = (
        sum(len(gold[t] & found[p]) / len(gold[t]) for t, p in zip(truth, pred, strict=True)) / n
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def labels(feats: Sequence[StoryFeatures], threshold: float, split: float) -> list[int]:
    out = [0] * len(feats)
    for n, members in enumerate(cluster(feats, threshold, split)):
        for i in members:
            out[i] = n
    return out


def score(
    feats: Sequence[StoryFeatures], truth: Sequence[str], threshold: float, split: float
) -> dict:
    pred = labels(feats, threshold, split)
    p, r, f = b_cubed(truth, pred)
    return {
        "threshold": threshold,
        "split_ratio": split,
        "articles": len(truth),
        "stories": len(set(truth)),
        "found": len(set(pred)),
        "ari": ari(truth, pred),
        "b3_precision": p,
        "b3_recall": r,
        "b3_f1": f,
    }


def main(argv: Sequence[str]) -> None:
    root = Path(next((a for a in argv if not a.startswith("--")), "/work/shared/corpora"))
    mixed = root / "mixed"
    stories = json.loads((mixed / "stories.json").read_text(encoding="utf-8"))["stories"]
    embedder = get_embedder()
    articles, _ = load_articles([mixed / "articles"], Options())
    feats = features(articles, embedder)
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        by_lang[a.language].append(i)
    rows = []
    for fit, test in (("fr", "en"), ("en", "fr")):
        fit_f = [feats[i] for i in by_lang[fit]]
        fit_t = [stories[Path(articles[i].path).name] for i in by_lang[fit]]
        grid = [(th, sp) for sp in SPLITS for th in GRID]
        best = max(grid, key=lambda ts: score(fit_f, fit_t, *ts)["ari"])
        test_f = [feats[i] for i in by_lang[test]]
        test_t = [stories[Path(articles[i].path).name] for i in by_lang[test]]
        rows.append({"scored": test, "fitted_on": fit, **score(test_f, test_t, *best)})
    shipped = settings()["threshold"], settings()["split_ratio"]
    for lang in ("fr", "en"):
        f = [feats[i] for i in by_lang[lang]]
        t = [stories[Path(articles[i].path).name] for i in by_lang[lang]]
        rows.append({"scored": lang, "fitted_on": "shipped", **score(f, t, *shipped)})
    single = {}
    found = root.iterdir() if root.is_dir() else ()
    clusters = sorted(p.name for p in found if (p / "gold.json").is_file())
    for name, folder in [("seeds", Path("seeds"))] + [(c, root / c / "articles") for c in clusters]:
        if folder.is_dir():
            arts, _ = load_articles([folder], Options())
            single[name] = len(cluster(features(arts, embedder), *shipped))
    if "--markdown" in argv:
        print(
            "| scored | constants fitted on | threshold | split ratio | articles | stories |"
            " found | ARI | B³ P | B³ R | B³ F1 |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(
                f"| {r['scored']} | {r['fitted_on']} | {r['threshold']:.2f} |"
                f" {r['split_ratio']:.2f} | {r['articles']} |"
                f" {r['stories']} | {r['found']} | {r['ari']:.3f} | {r['b3_precision']:.3f} |"
                f" {r['b3_recall']:.3f} | {r['b3_f1']:.3f} |"
            )
        print()
        print(
            "Stories found in single-story inputs: "
            + ", ".join(f"{k} {v}" for k, v in single.items())
        )
    else:
        print(json.dumps({"rows": rows, "single_story_inputs": single}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
