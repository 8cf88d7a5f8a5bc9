"""The compare stage: from aligned groups to findings.

Each comparer is a pure function ``(CompareContext) -> list[Finding]``; this
module runs them all and gives the findings stable ids and a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.model import Article, Finding, Group, Statement

if TYPE_CHECKING:
    from factcheck.extract.entities import EntityGraph


@dataclass(frozen=True)
class CompareContext:
    """Everything a comparer may look at."""

    articles: Mapping[str, Article]
    statements: Sequence[Statement]
    groups: Sequence[Group]
    # The entity/alias graph built by the extract stage (factcheck.extract.entities).
    entities: EntityGraph | None = None


Comparer = Callable[[CompareContext], list[Finding]]


def _comparers() -> list[Comparer]:
    from factcheck.compare.contradiction import compare_contradictions
    from factcheck.compare.entities import compare_entities
    from factcheck.compare.quotes import compare_quotes
    from factcheck.compare.values import compare_values

    return [compare_values, compare_quotes, compare_contradictions, compare_entities]


def run_comparers(
    ctx: CompareContext,
    *,
    single_source: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """Run every comparer over the context; ``single_source`` adds info findings
    for checkable statements that no other article states. ``progress`` gets
    (comparers done, comparers in all) before the first and after each one."""
    comparers = _comparers()
    if single_source:
        from factcheck.compare.single import compare_single_source

        comparers.append(compare_single_source)
    report = progress or (lambda _done, _total: None)
    findings: list[Finding] = []
    report(0, len(comparers))
    for done, comparer in enumerate(comparers, 1):
        findings.extend(comparer(ctx))
        report(done, len(comparers))
    return findings
