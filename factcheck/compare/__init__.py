"""The compare stage: from aligned groups to findings.

Each comparer is a pure function ``(CompareContext) -> Iterable[Finding]`` with
the statement fields it reads declared beside it (:class:`Comparer`, like a
spaCy component's ``requires``); this module runs them in order, skipping one
whose required fields the stages did not produce. The pipeline runs
:func:`default_comparers` unless its caller passes others
(``factcheck.check(..., comparers=...)``, see docs/architecture.md). Comparers
read only the context: what the align stage knows reaches them as data, never
by importing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

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


def outlets(ctx: CompareContext, ids: Iterable[str]) -> str:
    """The outlets of articles ``ids``, for a message: their labels, sorted, comma-joined."""
    return ", ".join(sorted(ctx.articles[i].label for i in ids))


# The fields of a Statement a comparer may read (all but its span, which every one has).
StatementField = Literal["quantities", "times", "quotes", "mentions", "reported", "tokens", "claim"]


@dataclass(frozen=True)
class Comparer:
    """A comparer and the statement fields it reads.

    ``requires``: the fields it reads as they come; it is skipped, with a
    warning, when the stages produced one of them for no article (the parse,
    ``tokens``, exists only where a parser is installed). ``uses``: the fields
    it reads when a statement has them and works without (a finer reading).
    """

    # A list, or a generator: findings are read once, in order, as they come (a group of
    # n statements has n² pairs, which need not all be held at once).
    run: Callable[[CompareContext], Iterable[Finding]]
    requires: frozenset[StatementField] = frozenset()
    uses: frozenset[StatementField] = frozenset()

    @property
    def name(self) -> str:
        return self.run.__name__


def default_comparers() -> list[Comparer]:
    """The comparers every check runs, in order (``--single-source`` adds one after them)."""
    from factcheck.compare.ages import compare_ages
    from factcheck.compare.contradiction import compare_contradictions
    from factcheck.compare.entities import compare_entities
    from factcheck.compare.lists import compare_lists
    from factcheck.compare.offices import compare_offices
    from factcheck.compare.quotes import compare_quotes
    from factcheck.compare.values import compare_values

    # Every reader of the parse works without one (factcheck.extract.parse).
    return [
        Comparer(
            compare_values, requires=frozenset({"quantities", "times"}), uses=frozenset({"tokens"})
        ),
        Comparer(
            compare_quotes, requires=frozenset({"quotes", "reported"}), uses=frozenset({"tokens"})
        ),
        Comparer(
            compare_contradictions,
            # Quantities: a shared figure anchors two alternatives (compare.alternatives).
            requires=frozenset({"quotes", "mentions", "times", "quantities"}),
            uses=frozenset({"tokens"}),
        ),
        # It reads the entity graph and the statements' text, no extracted field.
        Comparer(compare_entities),
        # Lists of names are read from the mentions, joined where the parse coordinates them.
        Comparer(compare_lists, requires=frozenset({"mentions"}), uses=frozenset({"tokens"})),
        # Who holds which office is read from the parse: nothing without one.
        Comparer(compare_offices, uses=frozenset({"tokens"})),
        # A person's age is read after the person's name, in every statement.
        Comparer(compare_ages, requires=frozenset({"mentions"})),
    ]


def single_source_comparer() -> Comparer:
    """The comparer ``--single-source`` adds after the others."""
    from factcheck.compare.single import compare_single_source

    return Comparer(
        compare_single_source, requires=frozenset({"quantities", "times", "quotes", "mentions"})
    )


def run_comparers(
    ctx: CompareContext,
    *,
    comparers: Sequence[Comparer] | None = None,
    single_source: bool = False,
    missing: Mapping[StatementField, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Iterator[Finding], list[str]]:
    """Run ``comparers`` (default: :func:`default_comparers`) over the context:
    their findings, and a warning for each one skipped because it requires a
    field of ``missing`` (each field the stages did not produce, and why).
    ``single_source`` adds info findings for the checkable statements of
    ``ctx.unaligned``. The findings come lazily, comparer after comparer, as they
    are read; ``progress`` gets (comparers done, comparers to run) before the
    first and after each one."""
    comparers = list(default_comparers() if comparers is None else comparers)
    if single_source:
        comparers.append(single_source_comparer())
    missing = missing or {}
    warnings: list[str] = []
    ready: list[Comparer] = []
    for comparer in comparers:
        unmet = sorted(comparer.requires & missing.keys())
        if unmet:
            why = "; ".join(f"{field} ({missing[field]})" for field in unmet)
            warnings.append(f"comparer {comparer.name} skipped: it requires {why}")
        else:
            ready.append(comparer)
    return _findings(ctx, ready, progress or (lambda _done, _total: None)), warnings


def _findings(
    ctx: CompareContext, comparers: Sequence[Comparer], report: Callable[[int, int], None]
) -> Iterator[Finding]:
    report(0, len(comparers))
    for done, comparer in enumerate(comparers, 1):
        yield from comparer.run(ctx)
        report(done, len(comparers))
