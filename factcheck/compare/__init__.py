"""The compare stage: from aligned groups to findings.

Each comparer is a pure function ``(CompareContext) -> list[Finding]``; this
module runs them all and gives the findings stable ids and a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.model import Article, Finding, Group, Statement


@dataclass(frozen=True)
class CompareContext:
    """Everything a comparer may look at."""

    articles: Mapping[str, Article]
    statements: Sequence[Statement]
    groups: Sequence[Group]
    # The entity/alias graph built by the extract stage (factcheck.extract.entities).
    entities: Any = None


Comparer = Callable[[CompareContext], list[Finding]]
