"""The align stage: group statements from different articles that report the same fact.

``align`` embeds every statement once, finds candidate pairs (nearest
neighbours plus shared rare anchors), scores them with the hybrid model of
:mod:`factcheck.align.score`, and groups mutual best matches with at most one
statement per article. ``single_source`` lists the checkable statements no
other article aligns with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.embed import DEFAULT_MODEL, EMBEDDERS, Embedder, get_embedder
from factcheck.align.group import cluster, mutual_best
from factcheck.align.score import calibration, config, profile, rarity, score_pairs
from factcheck.model import Group, Statement

__all__ = ["DEFAULT_MODEL", "EMBEDDERS", "Embedder", "align", "get_embedder", "single_source"]

LABEL_CHARS = 90


def _order(statement: Statement) -> tuple[str, int, int]:
    return (statement.span.article, statement.span.start, statement.span.end)


def _label(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[:LABEL_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _group_id(members: Sequence[Statement]) -> str:
    digest = hashlib.sha256("\n".join(s.id for s in members).encode("utf-8")).hexdigest()
    return "g-" + digest[:12]


def align(
    statements: Sequence[Statement],
    embedder: Embedder,
    threshold: float | None = None,
) -> list[Group]:
    """Group the statements that report the same fact across different articles.

    ``threshold`` (a probability in [0, 1]) overrides the calibrated one for
    the embedder's model. Only pairs from different articles align; a group
    holds at most one statement per article. Groups are sorted by their first
    statement and do not depend on the input order.
    """
    ordered = sorted(set(statements), key=_order)
    if len({s.article for s in ordered}) < 2:
        return []
    settings = config()["search"]
    cal = calibration(embedder.model_id)
    cut = cal.threshold if threshold is None else threshold
    article_ids = sorted({s.article for s in ordered})
    article_of = np.array([article_ids.index(s.article) for s in ordered])
    profiles = [profile(s) for s in ordered]
    vectors = embedder.embed([s.span.text for s in ordered])
    search = Search(
        k=settings["k"],
        cos_floor=settings["cos_floor"],
        exact_limit=settings["exact_limit"],
        anchor_block_cap=settings["anchor_block_cap"],
    )
    pairs, cosines = candidate_pairs(vectors, article_of, [p.anchors for p in profiles], search)
    weights = (rarity(profiles, "tokens"), rarity(profiles, "anchors"))
    scores = score_pairs(pairs, cosines, profiles, weights, cal)
    keep = scores >= cut
    edges = mutual_best(pairs[keep], scores[keep], article_of.tolist(), settings["margin"])
    scored = {(i, j): s for s, i, j in edges}
    groups = []
    for members in cluster(len(ordered), edges, article_of.tolist()):
        inside = [
            scored[(i, j)]
            for a, i in enumerate(members)
            for j in members[a + 1 :]
            if (i, j) in scored
        ]
        centrality = [
            sum(scored.get((min(i, j), max(i, j)), 0.0) for j in members) for i in members
        ]
        central = members[int(np.argmax(centrality))]
        chosen = tuple(ordered[i] for i in members)
        groups.append(
            Group(
                id=_group_id(chosen),
                label=_label(ordered[central].span.text),
                statements=chosen,
                confidence=float(np.mean(inside)),
            )
        )
    return groups


def single_source(statements: Sequence[Statement], groups: Sequence[Group]) -> list[Statement]:
    """Statements with a number, date, quote or named actor that no other article aligns with."""
    aligned = {s.id for g in groups for s in g.statements}
    return [
        s
        for s in sorted(set(statements), key=_order)
        if s.id not in aligned and profile(s).anchors and profile(s).boilerplate < 0.5
    ]
