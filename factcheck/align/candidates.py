"""Candidate pairs to score: nearest neighbours by embedding plus shared rare anchors.

Scoring every sentence pair grows quadratically with the corpus. Each
statement instead meets its ``k`` nearest neighbours from other articles
(exact search in row blocks for small corpora, a usearch HNSW index above
``exact_limit`` statements) plus every statement sharing a rare anchor with it
(blocking: two sentences with the same "72 heures" meet even when their
wording is far apart). Memory stays bounded by the block size and ``k``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK_ROWS = 512


@dataclass(frozen=True)
class Search:
    """How candidates are found (values from config.json)."""

    k: int  # neighbours per statement
    cos_floor: float  # neighbours below this cosine are not candidates
    exact_limit: int  # above this many statements, use the ANN index
    anchor_block_cap: int  # anchors shared by more statements are too common to block on


def _exact_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(vectors)
    idx = np.empty((n, k), dtype=np.int64)
    sim = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, BLOCK_ROWS):
        block = vectors[start : start + BLOCK_ROWS] @ vectors.T
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        idx[start : start + len(block)] = top
        sim[start : start + len(block)] = np.take_along_axis(block, top, axis=1)
    return idx, sim


def _ann_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    from usearch.index import Index

    index = Index(ndim=vectors.shape[1], metric="ip", dtype="f32")
    # One thread builds the graph: the same input always gives the same index.
    index.add(np.arange(len(vectors)), vectors, threads=1)
    found = index.search(vectors, k, threads=1)
    keys = np.asarray(found.keys, dtype=np.int64).reshape(len(vectors), -1)
    # usearch reports inner-product distance as 1 - similarity.
    sims = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(len(vectors), -1)
    return keys, sims


def candidate_pairs(
    vectors: np.ndarray,
    article_of: np.ndarray,
    anchor_sets: Sequence[frozenset[str]],
    search: Search,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)`` with ``i < j`` from different articles, and their cosines.

    ``article_of[i]`` is the article number of statement ``i``; the result is
    sorted, so the same input always gives the same pairs.
    """
    n = len(vectors)
    found: set[tuple[int, int]] = set()
    if n > 1:
        k = min(n, search.k + 1)  # +1: a statement is its own nearest neighbour
        near = _exact_neighbours if n <= search.exact_limit else _ann_neighbours
        idx, sim = near(vectors, k)
        for i in range(n):
            for j, s in zip(idx[i], sim[i], strict=True):
                if 0 <= j < n and s >= search.cos_floor and article_of[i] != article_of[j]:
                    found.add((min(i, int(j)), max(i, int(j))))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(anchor_sets):
        for key in keys:
            blocks[key].append(i)
    for members in blocks.values():
        if 1 < len(members) <= search.anchor_block_cap:
            for a, i in enumerate(members):
                for j in members[a + 1 :]:
                    if article_of[i] != article_of[j]:
                        found.add((i, j))
    pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
    cosines = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    return pairs, cosines.astype(np.float64)
