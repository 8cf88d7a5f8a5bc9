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


def _exact_neighbours(vectors: np.ndarray, k: int) -> np.ndarray:
    n = len(vectors)
    idx = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, BLOCK_ROWS):
        block = vectors[start : start + BLOCK_ROWS] @ vectors.T
        idx[start : start + len(block)] = np.argpartition(-block, k - 1, axis=1)[:, :k]
    return idx


def _ann_neighbours(vectors: np.ndarray, k: int) -> np.ndarray:
    from usearch.index import Index

    # 8-bit vectors and a shallow build: candidates are rescored exactly anyway.
    index = Index(ndim=vectors.shape[1], metric="ip", dtype="i8", expansion_add=32)
    # One thread builds the graph: the same input always gives the same index.
    index.add(np.arange(len(vectors)), vectors, threads=1)
    found = index.search(vectors, k, threads=0)
    # Missing neighbours come back as out-of-range keys; the caller drops them.
    return np.asarray(found.keys, dtype=np.int64).reshape(len(vectors), -1)


def _anchor_blocks(
    anchor_sets: Sequence[frozenset[str]], article_of: np.ndarray, cap: int
) -> list[np.ndarray]:
    """Pair codes ``i * n + j`` of statements sharing an anchor held by at most ``cap`` of them."""
    n = len(anchor_sets)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(anchor_sets):
        for key in keys:
            blocks[key].append(i)
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    for members in blocks.values():
        if 1 < len(members) <= cap:
            by_size[len(members)].append(members)
    codes = []
    for size, same in by_size.items():  # all blocks of one size at once
        table = np.array(same, dtype=np.int64)
        a, b = np.triu_indices(size, 1)
        left, right = table[:, a].ravel(), table[:, b].ravel()
        cross = article_of[left] != article_of[right]
        codes.append(left[cross] * n + right[cross])
    return codes


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
    near_codes = np.zeros(0, dtype=np.int64)
    near_cos = np.zeros(0)
    if n > 1:
        k = min(n, search.k + 1)  # +1: a statement is its own nearest neighbour
        near = _exact_neighbours if n <= search.exact_limit else _ann_neighbours
        idx = near(vectors, k)
        rows = np.repeat(np.arange(n), idx.shape[1])
        cols = idx.ravel()
        ok = (cols >= 0) & (cols < n)
        rows, cols = rows[ok], cols[ok]
        ok = article_of[rows] != article_of[cols]
        rows, cols = rows[ok], cols[ok]
        near_codes = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols))
        # Neighbours must also be close: the floor is applied to the exact cosine.
        near_cos = _cosines(vectors, near_codes, n)
        keep = near_cos >= search.cos_floor
        near_codes, near_cos = near_codes[keep], near_cos[keep]
    blocked = np.unique(
        np.concatenate(
            [
                np.zeros(0, dtype=np.int64),
                *_anchor_blocks(anchor_sets, article_of, search.anchor_block_cap),
            ]
        )
    )
    blocked = blocked[~np.isin(blocked, near_codes)]
    codes = np.concatenate([near_codes, blocked])
    cosines = np.concatenate([near_cos, _cosines(vectors, blocked, n)])
    order = np.argsort(codes)
    codes, cosines = codes[order], cosines[order]
    pairs = np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1).astype(np.int64)
    return pairs, cosines


def _cosines(vectors: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """Exact cosines of the pairs coded ``i * n + j``, in bounded batches."""
    out = np.empty(len(codes))
    step = BLOCK_ROWS * 64
    for start in range(0, len(codes), step):
        batch = codes[start : start + step]
        out[start : start + len(batch)] = np.einsum(
            "ij,ij->i", vectors[batch // n], vectors[batch % n]
        )
    return out
