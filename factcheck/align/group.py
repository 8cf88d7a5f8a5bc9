"""From scored statement pairs to groups of statements that report one fact.

Two constraints keep groups clean:

* mutual best match: between two articles, a statement keeps only its best
  partner (within ``margin``), and only if it is also that partner's best;
* one statement per article: clusters grow greedily from the strongest pair
  down and never merge when both already hold a statement from the same article.

Everything is ordered by score, then by statement index, so the same input
gives the same groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def mutual_best(
    pairs: np.ndarray,
    scores: np.ndarray,
    article_of: Sequence[int],
    margin: float,
) -> list[tuple[float, int, int]]:
    """Pairs that are each side's best match in the other's article, best first."""
    best: dict[tuple[int, int], float] = {}
    for (i, j), s in zip(pairs.tolist(), scores.tolist(), strict=True):
        for me, other in ((i, j), (j, i)):
            key = (me, article_of[other])
            best[key] = max(best.get(key, 0.0), s)
    kept = [
        (s, i, j)
        for (i, j), s in zip(pairs.tolist(), scores.tolist(), strict=True)
        if s >= best[(i, article_of[j])] - margin and s >= best[(j, article_of[i])] - margin
    ]
    return sorted(kept, key=lambda e: (-e[0], e[1], e[2]))


def cluster(
    n: int, edges: Sequence[tuple[float, int, int]], article_of: Sequence[int]
) -> list[list[int]]:
    """Greedy merging along ``edges`` (best first), at most one statement per article.

    Returns the clusters with at least two statements, each sorted, in order
    of their first member.
    """
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    arts: dict[int, set[int]] = {i: {article_of[i]} for i in range(n)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in edges:
        a, b = root(i), root(j)
        if a == b or arts[a] & arts[b]:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
        arts[a] |= arts.pop(b)
    return sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: m[0])
