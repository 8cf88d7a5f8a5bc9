"""single_source: checkable statements that no other article states (``--single-source``)."""

from __future__ import annotations

from factcheck.compare import CompareContext
from factcheck.model import Evidence, Finding, Kind, Severity, Statement

# Mention labels that name an actor a reader could call to check a claim.
ACTOR_LABELS = frozenset({"PER", "ORG"})
# Only one outlet says it: worth knowing, not a discrepancy.
SINGLE_SOURCE_CONFIDENCE = 0.5


def checkable_items(statement: Statement) -> list[str]:
    """What a reader could check in a statement: numbers, dates, quotes, named actors."""
    items = [f"number «{q.span.text}»" for q in statement.quantities]
    items += [f"date «{t.span.text}»" for t in statement.times]
    items += ["a quote"] * bool(statement.quotes)
    actors = dict.fromkeys(m.canonical for m in statement.mentions if m.label in ACTOR_LABELS)
    items += [f"actor «{name}»" for name in actors]
    return items


def compare_single_source(ctx: CompareContext) -> list[Finding]:
    """Info findings for the checkable statements no other article aligns with."""
    findings = []
    for statement in ctx.unaligned:
        items = checkable_items(statement)
        if not items:
            continue
        outlet = ctx.articles[statement.article].label
        findings.append(
            Finding(
                kind=Kind.SINGLE_SOURCE,
                severity=Severity.INFO,
                confidence=SINGLE_SOURCE_CONFIDENCE,
                message=f"Only {outlet} states this ({', '.join(items)}).",
                evidence=(Evidence(statement.span),),
            )
        )
    return findings
