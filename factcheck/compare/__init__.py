"""The compare stage: from aligned groups to findings.

Each comparer is a pure function ``(CompareContext) -> list[Finding]``; this
module runs them in order. The pipeline runs :func:`default_comparers` unless
its caller passes others (``factcheck.check(..., comparers=...)``, see
docs/architecture.md). Comparers read only the context: what the align stage
knows reaches them as data, never by importing it.
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
    # Checkable statements no other article aligns with (factcheck.align.single_source),
    # filled by the pipeline for --single-source.
    unaligned: Sequence[Statement] = ()


Comparer = Callable[[CompareContext], list[Finding]]


def default_comparers() -> list[Comparer]:
    """The comparers every check runs, in order (``--single-source`` adds one after them)."""
    from factcheck.compare.contradiction import compare_contradictions
    from factcheck.compare.entities import compare_entities
    from factcheck.compare.quotes import compare_quotes
    from factcheck.compare.values import compare_values

    return [compare_values, compare_quotes, compare_contradictions, compare_entities]


def run_comparers(
    ctx: CompareContext,
    *,
    comparers: Sequence[Comparer] | None = None,
    single_source: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """Run ``comparers`` (default: :func:`default_comparers`) over the context;
    ``single_source`` adds info findings for the checkable statements of
    ``ctx.unaligned``. ``progress`` gets (comparers done, comparers in all)
    before the first and after each one."""
    comparers = list(default_comparers() if comparers is None else comparers)
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
