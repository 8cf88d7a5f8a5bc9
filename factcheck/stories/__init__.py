"""The story stage: group articles into news stories before alignment.

Two articles belong to one story when they share rare words (names, places,
dates, the specific vocabulary of an event) and their prose means the same
thing (the mean of their sentence embeddings, which also bridges French and
English). A word's weight comes from its general frequency in the article's
language (``wordfreq``), not from the input, so an article's features never
depend on the other articles: the batch clustering and the incremental
``assign`` of a new article use the same similarity and the same threshold
(the batch also splits a story made of two events of one type, ``_split``; a
new article then joins its own event's half).
No story label is ever read; the constants are calibrated held-out
(``benchmarks/eval_stories.py``, ``docs/stories.md``).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factcheck.model import Article, Story

if TYPE_CHECKING:
    from factcheck.model import Embedder

_WORD = re.compile(r"\w+")
# Rows of the similarity matrix computed at once (its temporaries stay ~100 MB a block).
SIMILARITY_ROWS = 1024


@cache
def settings() -> Mapping[str, float]:
    """The calibrated constants of ``stories/config.json``."""
    data = json.loads((Path(__file__).with_name("config.json")).read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


@dataclass(frozen=True, eq=False)
class StoryFeatures:
    """What the story stage knows of one article: weighted rare words and a meaning vector."""

    article: str
    title: str
    terms: Mapping[str, float]  # unit length
    vector: np.ndarray  # unit length, or zeros when the article has no prose

    def as_json(self) -> dict[str, Any]:
        return {"article": self.article, "title": self.title, "terms": dict(self.terms)}


@lru_cache(maxsize=200_000)
def _weight(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        zipf = zipf_frequency(word, lang)
    except LookupError:  # a language wordfreq does not know: every word counts as rare
        zipf = 0.0
    return max(0.0, settings()["rare_zipf"] - zipf)


def _terms(texts: Sequence[str], lang: str) -> dict[str, float]:
    # Lone digits and counts say little about the story; four-digit years do.
    counts = Counter(
        w
        for text in texts
        for w in (m.group(0).lower() for m in _WORD.finditer(text))
        if len(w) > 1 and (not w.isdigit() or len(w) == 4)
    )
    weighted = {w: (1.0 + math.log(n)) * _weight(w, lang) for w, n in counts.items()}
    weighted = {w: x for w, x in weighted.items() if x > 0}
    length = math.sqrt(sum(x * x for x in weighted.values())) or 1.0
    return {w: x / length for w, x in sorted(weighted.items())}


def _short(title: str, limit: int = 80) -> str:
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"


def features(articles: Sequence[Article], embedder: Embedder) -> list[StoryFeatures]:
    """Story features of each article (prose sentences only), all sentences embedded at once."""
    from factcheck.segment import segment

    prose = [[s.span.text for s in segment(a) if s.excluded is None] for a in articles]
    flat = [t for texts in prose for t in texts]
    vectors = embedder.embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    out, at = [], 0
    for article, texts in zip(articles, prose, strict=True):
        rows = vectors[at : at + len(texts)]
        at += len(texts)
        mean = rows.mean(axis=0) if len(rows) else np.zeros(embedder.dimension, dtype=np.float32)
        mean = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
        lang = article.language if article.language in ("fr", "en") else "en"
        title = texts[0] if texts else article.id
        out.append(
            StoryFeatures(article.id, _short(" ".join(title.split())), _terms(texts, lang), mean)
        )
    return out


def similarity(a: Sequence[StoryFeatures], b: Sequence[StoryFeatures]) -> np.ndarray:
    """The story similarity of every article of ``a`` with every article of ``b``."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    for f in (*a, *b):
        for w in f.terms:
            vocab.setdefault(w, len(vocab))

    def matrix(rows: Sequence[StoryFeatures]) -> Any:
        data = [x for f in rows for x in f.terms.values()]
        cols = [vocab[w] for f in rows for w in f.terms]
        ptr = np.cumsum([0, *(len(f.terms) for f in rows)])
        return sparse.csr_matrix((data, cols, ptr), shape=(len(rows), max(1, len(vocab))))

    weight = settings()["lexical_weight"]
    left, right = matrix(a), matrix(b).T
    vectors = np.stack([f.vector for f in b]).T
    combined = np.empty((len(a), len(b)))
    # By blocks of rows: 10,000 articles make one 800 MB matrix, not five at once.
    for lo in range(0, len(a), SIMILARITY_ROWS):
        hi = min(len(a), lo + SIMILARITY_ROWS)
        block = (left[lo:hi] @ right).toarray()
        block *= weight
        block += (1.0 - weight) * (np.stack([f.vector for f in a[lo:hi]]) @ vectors)
        combined[lo:hi] = np.clip(block, 0.0, 1.0)
    return combined


def cluster(
    feats: Sequence[StoryFeatures], threshold: float | None = None, split: float | None = None
) -> list[list[int]]:
    """Indices of ``feats`` grouped into stories (weighted average linkage cut at
    ``threshold``, then each story split while its two halves are much less alike than
    each half is within: :func:`_split`), each sorted, stories ordered by their first
    index. Independent of the input order's ties."""
    cut = settings()["threshold"] if threshold is None else threshold
    ratio = settings()["split_ratio"] if split is None else split
    if len(feats) < 2:
        return [list(range(len(feats)))] if feats else []
    from scipy.cluster.hierarchy import linkage, to_tree

    # The matrix is freed before the linkage copies the distances and computed again,
    # to the bit, for the split: 10,000 articles peaked at 1.9 GB with all three held.
    tree = to_tree(linkage(_condensed_distance(similarity(feats, feats)), "weighted"))
    sims = similarity(feats, feats)
    # The flat cut: the highest subtrees merged at similarity >= cut (as fcluster's
    # "distance" criterion), walked without recursion (a chained tree is deep).
    tops, stack = [], [tree]
    while stack:
        node = stack.pop()
        if node.is_leaf() or node.dist <= 1.0 - cut:
            tops.append(node)
        else:
            stack.extend((node.get_right(), node.get_left()))
    groups = [g for node in tops for g in _split(node, sims, ratio)]
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def _condensed_distance(sims: np.ndarray) -> np.ndarray:
    """``1 - sims`` above the diagonal, row after row (scipy's condensed form), floored at
    0, written row by row: never a second full matrix."""
    n = len(sims)
    out = np.empty(n * (n - 1) // 2)
    at = 0
    for i in range(n - 1):
        row = 1.0 - sims[i, i + 1 :]
        out[at : at + len(row)] = np.maximum(row, 0.0)
        at += len(row)
    return out


def split(members: Sequence[StoryFeatures]) -> list[list[int]]:
    """One story's articles split as a batch splits a story (:func:`_split`, no threshold
    cut): indices of ``members`` per part, ordered by their first index. The incremental
    path runs it on the story an article joins, so that a story grown one article at a
    time tells two events of one type apart as a batch does."""
    return cluster(members, threshold=0.0)


def _split(node: Any, sims: np.ndarray, ratio: float) -> list[list[int]]:
    """The stories in the subtree ``node``: its two halves become two stories when the
    average similarity across them is below ``ratio`` times the lower of their average
    similarities within, each half holding at least ``split_min`` articles. Two events
    of one type (two earthquakes) share their vocabulary, so they pass the absolute
    threshold, but each event's articles share names, places and dates the other's lack."""
    least = settings()["split_min"]

    def within(members: list[int]) -> float:
        block = sims[np.ix_(members, members)]
        return float(block.sum() - np.trace(block)) / (len(members) * (len(members) - 1))

    out, stack = [], [node]
    while stack:
        top = stack.pop()
        if not top.is_leaf():
            left, right = top.get_left(), top.get_right()
            a, b = left.pre_order(), right.pre_order()
            if min(len(a), len(b)) >= least and float(sims[np.ix_(a, b)].mean()) < ratio * min(
                within(a), within(b)
            ):
                stack.extend((right, left))
                continue
        out.append(top.pre_order())
    return out


def assign(
    new: StoryFeatures,
    stories: Sequence[Sequence[StoryFeatures]],
    threshold: float | None = None,
) -> int | None:
    """The index of the story ``new`` joins (highest average similarity at or above the
    threshold), or None when it opens a story of its own."""
    cut = settings()["threshold"] if threshold is None else threshold
    members = [f for story in stories for f in story]
    if not members:
        return None
    row = similarity([new], members)[0]
    best, best_score, at = None, cut, 0
    for n, story in enumerate(stories):
        score = float(row[at : at + len(story)].mean()) if story else 0.0
        at += len(story)
        if score >= best_score:
            best, best_score = n, score
    return best


def _central_title(members: Sequence[StoryFeatures]) -> str:
    if len(members) < 3:
        return members[0].title
    sims = similarity(members, members).sum(axis=1)
    return members[int(np.argmax(sims))].title


def make_stories(
    feats: Sequence[StoryFeatures], clusters: Sequence[Sequence[int]]
) -> tuple[Story, ...]:
    """Stories ``s1``, ``s2``… in the order of their first article, labelled by their most
    central article's title."""
    out = []
    for n, members in enumerate(clusters, start=1):
        chosen = [feats[i] for i in members]
        out.append(
            Story(
                id=f"s{n}",
                label=_central_title(chosen),
                articles=tuple(sorted(f.article for f in chosen)),
            )
        )
    return tuple(out)


def detect_stories(
    articles: Sequence[Article], embedder: Embedder, threshold: float | None = None
) -> tuple[Story, ...]:
    """Group ``articles`` into stories (the story stage)."""
    ordered = sorted(articles, key=lambda a: a.id)
    feats = features(ordered, embedder)
    return make_stories(feats, _fold_unjudgeable(feats, cluster(feats, threshold)))


def _fold_unjudgeable(feats: Sequence[StoryFeatures], clusters: list[list[int]]) -> list[list[int]]:
    """Fold stories made only of articles too short to judge (fewer rare words than
    ``min_terms``: a one-line brief, a page of symbols) into the story they are most
    similar to: they are no evidence of another story."""
    least = settings()["min_terms"]
    solid = [c for c in clusters if any(len(feats[i].terms) >= least for i in c)]
    if not solid or len(solid) == len(clusters):
        return clusters
    merged = [list(c) for c in solid]
    for c in clusters:
        if c in solid:
            continue
        sims = similarity([feats[i] for i in c], [feats[i] for m in merged for i in m]).mean(0)
        bounds = np.cumsum([0, *(len(m) for m in merged)])
        means = [sims[a:b].mean() for a, b in itertools.pairwise(bounds)]
        merged[int(np.argmax(means))].extend(c)
    return sorted((sorted(m) for m in merged), key=lambda m: m[0])


def hint(stories: Sequence[Story]) -> list[str]:
    """The warning shown before the findings when the input covers several stories."""
    if len(stories) < 2:
        return []
    shown = "; ".join(f"{s.id}: {len(s.articles)} articles, “{s.label}”" for s in stories[:5])
    more = f"; and {len(stories) - 5} more" if len(stories) > 5 else ""
    return [
        f"these articles seem to cover {len(stories)} different stories ({shown}{more}); "
        "findings between articles of different stories are likely not discrepancies: "
        "rerun with --split-stories to check each story on its own, or --one-story to "
        "silence this"
    ]
