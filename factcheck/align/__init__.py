"""The align stage: group statements from different articles that report the same fact.

``align`` embeds every statement once, finds candidate pairs (nearest
neighbours plus shared rare anchors), scores them with the hybrid model of
:mod:`factcheck.align.score`, gives near misses whose figures differ a second
look (:mod:`factcheck.align.whatif`), and groups mutual best matches with at
most one statement per article. ``single_source`` lists the checkable statements no
other article aligns with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.embed import DEFAULT_MODEL, EMBEDDERS, get_embedder
from factcheck.align.group import cluster, complete, leftovers, mutual_best, summarize
from factcheck.align.score import (
    Calibration,
    calibration,
    config,
    profile,
    rarity,
    score_pairs,
)
from factcheck.align.whatif import rescore
from factcheck.model import Embedder, Group, Statement
from factcheck.normalize import norm

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


def _repeat_key(statement: Statement) -> tuple[str, str]:
    return (statement.article, norm(statement.span.text))


def _first_of_repeats(statements: Sequence[Statement]) -> list[Statement]:
    """Statements in text order, each sentence an article repeats word for word kept once.

    A repeated sentence states its fact once; aligning every copy would only
    let the copies crowd each other out of the nearest-neighbour search.
    """
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sorted(set(statements), key=_order):
        key = _repeat_key(s)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def align(
    statements: Sequence[Statement],
    embedder: Embedder,
    threshold: float | None = None,
    model: Calibration | None = None,
) -> list[Group]:
    """Group the statements that report the same fact across different articles.

    ``threshold`` (a probability in [0, 1]) overrides the calibrated one for
    the embedder's model; ``model`` replaces the calibrated scoring model
    itself (the calibration script uses it). Only pairs from different articles align; a group
    holds at most one statement per article. Groups are sorted by their first
    statement and do not depend on the input order.
    """
    ordered = _first_of_repeats(statements)
    if len({s.article for s in ordered}) < 2:
        return []
    settings = config()["search"]
    cal = model or calibration(embedder.model_id)
    cut = cal.threshold if threshold is None else threshold
    article_ids = sorted({s.article for s in ordered})
    number = {a: n for n, a in enumerate(article_ids)}
    article_of = np.array([number[s.article] for s in ordered])
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
    window = (settings["what_if_floor"], cut)
    scores = rescore(pairs, scores, ordered, profiles, vectors, weights, cal, embedder, window)
    scored = (pairs[:, 0] * len(ordered) + pairs[:, 1], scores)
    keep = scores >= cut
    pairs, scores = pairs[keep], scores[keep]
    best_first = mutual_best(pairs, scores, article_of, settings["margin"])
    clusters = cluster(len(ordered), pairs[best_first], article_of, scored, cut)
    clusters = complete(clusters, pairs, scores, article_of)
    if settings["leftovers"]:
        clusters = leftovers(clusters, pairs, scores, article_of)
    if not clusters:
        return []
    groups = []
    for members, (confidence, central) in zip(
        clusters, summarize(clusters, pairs, scores), strict=True
    ):
        chosen = tuple(ordered[i] for i in members)
        groups.append(
            Group(
                id=_group_id(chosen),
                label=_label(ordered[central].span.text),
                statements=chosen,
                confidence=confidence,
            )
        )
    return groups


def _sentence(statement: Statement) -> Statement:
    """The sentence a claim was cut from, as a key (a statement without a claim is a sentence)."""
    if statement.claim is None or statement.claim.clause is None:
        return statement
    return Statement(span=statement.claim.sentence)


def single_source(statements: Sequence[Statement], groups: Sequence[Group]) -> list[Statement]:
    """Statements with a number, date, quote or named actor that no other article aligns with.

    A sentence counts as aligned when it or one of its clauses is in a group.
    """
    aligned = {_repeat_key(_sentence(s)) for g in groups for s in g.statements}
    alone = [s for s in _first_of_repeats(statements) if _repeat_key(_sentence(s)) not in aligned]
    views = [profile(s) for s in alone]
    return [s for s, p in zip(alone, views, strict=True) if p.anchors and p.boilerplate < 0.5]
