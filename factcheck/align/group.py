"""From scored statement pairs to groups of statements that report one fact.

Two constraints keep groups clean:

* mutual best match: between two articles, a statement keeps only its best
  partner (within ``margin``), and only if it is also that partner's best;
* one statement per article: clusters grow greedily from the strongest pair
  down and never merge when both already hold a statement from the same article.

Pairs are numpy arrays ``(E, 2)`` of statement indices (``i < j``) with a
score each; everything is ordered by score, then by index, so the same input
gives the same groups, and the work is linear in the number of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _best_per_key(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each entry, the maximum value over all entries with its key (and the key's index)."""
    unique, inverse = np.unique(keys, return_inverse=True)
    best = np.full(len(unique), -np.inf)
    np.maximum.at(best, inverse, values)
    return best[inverse], inverse


def mutual_best(
    pairs: np.ndarray, scores: np.ndarray, article_of: np.ndarray, margin: float
) -> np.ndarray:
    """Indices of the pairs that are each side's best match in the other's article, best first."""
    if len(pairs) == 0:
        return np.zeros(0, dtype=np.int64)
    width = int(article_of.max()) + 1
    i, j = pairs[:, 0], pairs[:, 1]
    keys = np.concatenate([i * width + article_of[j], j * width + article_of[i]])
    best, _ = _best_per_key(keys, np.concatenate([scores, scores]))
    e = len(scores)
    kept = np.flatnonzero((scores >= best[:e] - margin) & (scores >= best[e:] - margin))
    return kept[np.lexsort((j[kept], i[kept], -scores[kept]))]


def cluster(
    n: int,
    edges: np.ndarray,
    article_of: np.ndarray,
    scored: tuple[np.ndarray, np.ndarray],
    cut: float,
) -> list[list[int]]:
    """Greedy merging along ``edges`` (pairs, best first), at most one statement per article.

    Two clusters merge only if the mean score of their scored cross pairs
    (``scored``: sorted pair codes ``i * n + j`` and their scores) reaches
    ``cut``, so that two facts never chain through one ambiguous sentence;
    pairs that were never candidates do not count. Returns the clusters with
    at least two statements, each sorted, in order of their first member.
    """
    codes, scores = scored
    parent = list(range(n))
    members: dict[int, list[int]] = {}
    arts: dict[int, set[int]] = {}
    art = article_of.tolist()

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def linked(a: list[int], b: list[int]) -> bool:
        left, right = np.meshgrid(np.asarray(a), np.asarray(b))
        wanted = (np.minimum(left, right) * n + np.maximum(left, right)).ravel()
        at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
        known = codes[at] == wanted
        return not known.any() or float(scores[at[known]].mean()) >= cut

    for i, j in edges.tolist():
        a, b = root(i), root(j)
        if a == b:
            continue
        arts_a = arts.get(a) or {art[a]}
        arts_b = arts.get(b) or {art[b]}
        if arts_a & arts_b or not linked(members.get(a, [a]), members.get(b, [b])):
            continue
        if len(arts_a) < len(arts_b):
            a, b, arts_a, arts_b = b, a, arts_b, arts_a
        parent[b] = a
        members[a] = members.pop(a, [a]) + members.pop(b, [b])
        arts[a] = arts_a | arts_b
        arts.pop(b, None)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def complete(
    clusters: Sequence[list[int]],
    pairs: np.ndarray,
    scores: np.ndarray,
    article_of: np.ndarray,
) -> list[list[int]]:
    """Clusters grown by statements that also state their fact from another group.

    One sentence may state two facts ("the fire ravaged the warehouse,
    mobilizing 120 firefighters"); greedy clustering puts it in one group
    only, and the other fact loses that outlet. A statement from an article a
    cluster lacks joins it when it has an above-threshold pair (``pairs``,
    ``scores``) with every member, best mean score first, one per article.
    """
    near: dict[int, dict[int, float]] = {}
    for (i, j), s in zip(pairs.tolist(), scores.tolist(), strict=True):
        near.setdefault(i, {})[j] = s
        near.setdefault(j, {})[i] = s
    art = article_of.tolist()
    out = []
    for members in clusters:
        grown = list(members)
        held = {art[m] for m in grown}
        common = set(near.get(grown[0], {}))
        for m in grown[1:]:
            common &= set(near.get(m, {}))
        ranked = sorted(
            (-sum(near[m][c] for m in grown) / len(grown), c) for c in common if art[c] not in held
        )
        for _, c in ranked:
            if art[c] not in held and all(c in near[m] for m in grown):
                grown.append(c)
                held.add(art[c])
        out.append(sorted(grown))
    return out


def leftovers(
    clusters: Sequence[list[int]],
    pairs: np.ndarray,
    scores: np.ndarray,
    article_of: np.ndarray,
) -> list[list[int]]:
    """Groups for statements that mutual best matching left alone.

    One outlet may write in one sentence what another writes in two (the
    prosecutor extended the probe *after* three ministers reported it): the
    long sentence is the best match of only one of the two, and the other is
    left alone. Such a statement gets its own group with its best
    above-threshold partner (``pairs``) in each other article, even when that
    partner is already grouped: a statement can then belong to several groups.
    Partners join best first, and only if they are above the threshold with
    every member already there, so unrelated partners never meet.
    """
    n = len(article_of)
    grouped = np.zeros(n, dtype=bool)
    for members in clusters:
        grouped[members] = True
    me = np.concatenate([pairs[:, 0], pairs[:, 1]])
    other = np.concatenate([pairs[:, 1], pairs[:, 0]])
    score = np.concatenate([scores, scores])
    alone = ~grouped[me]
    me, other, score = me[alone], other[alone], score[alone]
    # Best partner per (statement, other article): sort, keep the first of each run.
    order = np.lexsort((other, -score, article_of[other], me))
    me, other, score = me[order], other[order], score[order]
    first = np.ones(len(me), dtype=bool)
    first[1:] = (me[1:] != me[:-1]) | (article_of[other[1:]] != article_of[other[:-1]])
    linked = np.sort(pairs[:, 0] * n + pairs[:, 1])

    def above(a: int, b: int) -> bool:
        code = min(a, b) * n + max(a, b)
        at = int(np.searchsorted(linked, code))
        return at < len(linked) and int(linked[at]) == code

    partners: dict[int, list[tuple[float, int]]] = {}
    for i, j, s in zip(
        me[first].tolist(), other[first].tolist(), score[first].tolist(), strict=True
    ):
        partners.setdefault(i, []).append((-s, j))
    extra = []
    for i, ranked in partners.items():
        members = [i]
        for _, j in sorted(ranked):
            if all(above(m, j) for m in members[1:]):
                members.append(j)
        extra.append(tuple(sorted(members)))
    known = {tuple(c) for c in clusters}
    new = set(extra) - known
    return sorted([*clusters, *(list(m) for m in new)], key=lambda m: (m[0], m))


def summarize(
    clusters: Sequence[list[int]], pairs: np.ndarray, scores: np.ndarray
) -> list[tuple[float, int]]:
    """For each cluster: its confidence (mean score of the pairs inside it) and most central member.

    A member's centrality is the sum of its scores with the other members
    (ties keep the smallest index). Each cluster's own member pairs are looked
    up among the scored pairs, so the work is the sum of squared cluster sizes
    (at most one statement per article), never the number of scored pairs
    times the number of groups a statement sits in.
    """
    if not clusters:
        return []
    n = int(max(int(pairs.max(initial=0)), max(max(m) for m in clusters))) + 1
    codes = pairs[:, 0].astype(np.int64) * n + pairs[:, 1]
    order = np.argsort(codes, kind="stable")
    codes, ranked = codes[order], np.asarray(scores, dtype=np.float64)[order]
    out = []
    for members in clusters:
        m = np.asarray(members, dtype=np.int64)
        a, b = np.triu_indices(len(m), 1)
        left, right = np.minimum(m[a], m[b]), np.maximum(m[a], m[b])
        wanted = left * n + right
        at = np.minimum(np.searchsorted(codes, wanted), max(len(codes) - 1, 0))
        found = codes[at] == wanted if len(codes) else np.zeros(len(wanted), dtype=bool)
        s = ranked[at[found]] if len(codes) else np.zeros(0)
        confidence = float(s.mean()) if len(s) else 0.0
        central = np.zeros(len(m))
        np.add.at(central, a[found], s)
        np.add.at(central, b[found], s)
        # Members are sorted, so argmax's first maximum is the smallest index.
        out.append((confidence, int(m[int(np.argmax(central))]) if len(s) else int(m[0])))
    return out
