"""Draft mode: check an editor's draft against reference articles.

The draft is read as one more article with ``role="draft"`` and goes through
the whole pipeline like any other; this module then turns the compare stage's
pairwise findings into the editor's view: only what involves the draft, one
finding per point phrased from the draft's side with every reference that
disagrees, the draft's claims no reference states, and (on request) the
reference facts the draft omits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from factcheck.compare import CompareContext
from factcheck.compare.single import checkable_items
from factcheck.errors import InputError
from factcheck.families import independent_sources
from factcheck.model import (
    Article,
    EntityValue,
    Evidence,
    Finding,
    Group,
    Kind,
    Severity,
    SourceFamily,
    Span,
    Statement,
    value_label,
)
from factcheck.normalize import norm
from factcheck.options import Options
from factcheck.text import count_phrase, join_names

DRAFT_ROLE: Final = "draft"
STDIN = "-"
# The id of a draft read from standard input.
STDIN_ID = "draft"
# How sure "no reference states this" is: it rests on alignment recall.
UNSUPPORTED_CONFIDENCE = 0.6
# The fewest independent references that make an omitted fact worth a note.
MIN_INDEPENDENT_FOR_OMISSION = 2

_VERBS = {
    Kind.ATTRIBUTION_MISMATCH: ("credits it to", "credit it to"),
    Kind.QUOTE_DRIFT: ("quotes", "quote"),
    Kind.ENTITY_MISMATCH: ("names", "name"),
}
_SAYS = ("says", "say")
_MAX_SHOWN = 80


def load_draft(source: str, options: Options) -> Article:
    """Read the draft (a file or ``-``) as an :class:`Article` with ``role="draft"``.

    It goes through the references' ingest path (size limit, special-file
    refusal, decoding, HTML extraction, metadata); a draft rarely has a
    dateline, so ``--published draft=YYYY-MM-DD`` resolves its relative dates.
    """
    from factcheck.ingest import load_named_article

    draft_id = STDIN_ID if source == STDIN else Path(source).name
    article = load_named_article(source, draft_id, options)
    if not article.text.strip():
        raise InputError(source, "the draft is empty")
    return dataclasses.replace(article, role=DRAFT_ROLE, outlet=None, path=source)


def add_draft(
    articles: Sequence[Article], warnings: Sequence[str], source: str, options: Options
) -> tuple[list[Article], list[str]]:
    """Read the draft at ``source`` (a file or ``-``) and put it first among the references.

    A reference that is the draft file itself (same id and bytes, e.g. the
    draft sits in the references' folder) is dropped: a text cannot confirm itself.
    """
    draft = load_draft(source, options)
    kept, notes = [], list(warnings)
    for article in articles:
        if article.id == draft.id and article.sha256 == draft.sha256:
            notes.append(f"{article.path}: is the draft; not used as a reference")
        elif article.id == draft.id:
            raise InputError(source, f"a reference has the same name ({article.path})")
        else:
            kept.append(article)
    return [draft, *kept], notes


def draft_id_of(articles: Iterable[Article]) -> str | None:
    """The id of the draft among ``articles``, if there is one."""
    return next((a.id for a in articles if a.role == DRAFT_ROLE), None)


def draft_findings(
    ctx: CompareContext,
    findings: Sequence[Finding],
    families: Sequence[SourceFamily],
    *,
    coverage: bool = False,
) -> list[Finding]:
    """The editor's findings: the draft against the references.

    - discrepancies that involve the draft, one per point of the draft, with
      the disagreeing references as evidence and the message phrased from the
      draft's side; a point where references themselves are split and one of
      them states what the draft says is the references' dispute, not the draft's;
    - info findings for the draft's checkable claims that no reference states;
    - with ``coverage``, info findings for facts at least two independent
      references state and the draft omits.
    """
    draft = draft_id_of(ctx.articles.values())
    if draft is None:
        return list(findings)
    out = _against_draft(ctx, findings, draft, families)
    out += unsupported_claims(ctx.statements, ctx.groups, draft)
    if coverage:
        out += omitted_facts(ctx, draft, families)
    return out


def _key(evidence: Evidence) -> str:
    """What a side of a finding asserts, comparable across outlets' typography.

    A normalized value when there is one (an amount, a date, a canonical
    speaker: "le compte X de Grok" and "Grok" are one side), else the words.
    """
    return value_label(evidence.value) or norm(evidence.span.text)


def _against_draft(
    ctx: CompareContext,
    findings: Sequence[Finding],
    draft: str,
    families: Sequence[SourceFamily],
) -> list[Finding]:
    # What other references say against each reference span, per kind. When a
    # reference the draft disagrees with is opposed by another reference saying
    # what the draft says, the references are split and the draft follows one.
    opposed: dict[tuple[Kind, Span], set[str]] = {}
    for f in findings:
        if all(e.span.article != draft for e in f.evidence):
            for e in f.evidence:
                opposed.setdefault((f.kind, e.span), set()).update(
                    _key(o) for o in f.evidence if o.span.article != e.span.article
                )
    # Pairwise findings about one point of the draft (same kind and draft spans), across
    # groups: a reference may state the fact twice (a heading and the body).
    merged: dict[tuple[Kind, tuple[Span, ...]], list[Finding]] = {}
    for f in findings:
        if f.kind is Kind.SINGLE_SOURCE:
            continue  # recomputed from the draft's side below
        mine = tuple(e for e in f.evidence if e.span.article == draft)
        theirs = [e for e in f.evidence if e.span.article != draft]
        if not mine or not theirs:
            continue
        if any(_key(m) in opposed.get((f.kind, t.span), ()) for m in mine for t in theirs):
            continue
        merged.setdefault((f.kind, tuple(e.span for e in mine)), []).append(f)
    order = {aid: i for i, aid in enumerate(ctx.articles)}
    out = []
    for (kind, _), parts in merged.items():
        mine = tuple(e for e in parts[0].evidence if e.span.article == draft)
        theirs = sorted(
            {e.span: e for f in parts for e in f.evidence if e.span.article != draft}.values(),
            key=lambda e: (order.get(e.span.article, len(order)), e.span.start),
        )
        out.append(
            Finding(
                kind=kind,
                severity=max((f.severity for f in parts), key=lambda s: s.rank),
                confidence=max(f.confidence for f in parts),
                message=_message(kind, mine, theirs, ctx, families),
                evidence=(*mine, *theirs),
                group=parts[0].group,
            )
        )
    return _one_per_point(out, draft)


def _one_per_point(findings: list[Finding], draft: str) -> list[Finding]:
    """Drop a finding whose draft spans all lie inside a more severe finding's.

    An edited number inside a quotation is both a value mismatch and a quote
    drift; the editor needs one note on it, the most severe.
    """
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence)):
        taken = [e.span for k in kept for e in k.evidence if e.span.article == draft]
        mine = [e.span for e in f.evidence if e.span.article == draft]
        if not all(any(t.contains(m) for t in taken) for m in mine):
            kept.append(f)
    return kept


def _shown(evidence: Evidence) -> str:
    value = evidence.value
    if isinstance(value, EntityValue) and value.canonical:
        text = value.canonical
    else:
        text = " ".join(evidence.span.text.split())
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1] + "…"
    return f"«{text}»"


def _names(article_ids: Sequence[str], ctx: CompareContext) -> str:
    return join_names(ctx.articles[a].label for a in article_ids)


def _message(
    kind: Kind,
    mine: Sequence[Evidence],
    theirs: Sequence[Evidence],
    ctx: CompareContext,
    families: Sequence[SourceFamily],
) -> str:
    """``Your draft says «45.000 euros»; AFP and Le Monde say «60.000 euros» (...)``."""
    one, many = _VERBS.get(kind, _SAYS)
    draft_side = " and ".join(dict.fromkeys(_shown(e) for e in mine))
    sides: dict[str, list[Evidence]] = {}
    for e in theirs:
        sides.setdefault(_key(e), []).append(e)
    reference_parts = []
    for side in sides.values():
        ids = list(dict.fromkeys(e.span.article for e in side))
        verb = one if len({ctx.articles[a].label for a in ids}) == 1 else many
        reference_parts.append(f"{_names(ids, ctx)} {verb} {_shown(side[0])}")
    stating = list(dict.fromkeys(e.span.article for e in theirs))
    return (
        f"Your draft {one} {draft_side}; {'; '.join(reference_parts)}"
        f" ({_count(stating, families)})."
    )


def _count(article_ids: Sequence[str], families: Sequence[SourceFamily]) -> str:
    return count_phrase(len(article_ids), independent_sources(article_ids, families))


def unsupported_claims(
    statements: Sequence[Statement], groups: Sequence[Group], draft: str
) -> list[Finding]:
    """Info findings for the draft's checkable statements that no reference states."""
    supported = {
        s.span
        for g in groups
        if any(a != draft for a in g.articles)
        for s in g.statements
        if s.article == draft
    }
    out = []
    for statement in statements:
        if statement.article != draft or statement.span in supported:
            continue
        items = checkable_items(statement)
        if items:
            out.append(
                Finding(
                    kind=Kind.SINGLE_SOURCE,
                    severity=Severity.INFO,
                    confidence=UNSUPPORTED_CONFIDENCE,
                    message="No reference states this claim of your draft ("
                    + ", ".join(items)
                    + "): it rests on your own reporting.",
                    evidence=(Evidence(statement.span),),
                )
            )
    return out


def omitted_facts(
    ctx: CompareContext, draft: str, families: Sequence[SourceFamily]
) -> list[Finding]:
    """Info findings for facts that independent references state and the draft does not.

    Groups that repeat sentences already listed (one fact aligned as a quote
    and as a sentence) give one note, the best-corroborated group's.
    """
    order = list(ctx.articles)
    candidates = []
    for group in ctx.groups:
        stating = [a for a in order if a in group.articles and a != draft]
        independent = independent_sources(stating, families)
        if draft not in group.articles and independent >= MIN_INDEPENDENT_FOR_OMISSION:
            candidates.append((independent, len(stating), group, stating))
    candidates.sort(key=lambda c: (-c[0], -c[1]))
    listed: list[Span] = []
    out = []
    for _, _, group, stating in candidates:
        spans = [s.span for s in group.statements]
        if all(any(span.overlaps(seen) for seen in listed) for span in spans):
            continue
        listed += spans
        out.append(
            Finding(
                kind=Kind.SINGLE_SOURCE,
                severity=Severity.INFO,
                confidence=group.confidence,
                message=f"Your draft omits a fact that {_names(stating, ctx)} state"
                f" ({_count(stating, families)}): {group.label}",
                evidence=tuple(Evidence(span) for span in spans),
                group=group.id,
            )
        )
    return out
