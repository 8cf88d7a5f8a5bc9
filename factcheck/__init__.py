"""factcheck: cross-source fact consistency checker.

The whole pipeline is one call::

    import factcheck
    report = factcheck.check(["seeds/"], factcheck.Options())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from collections.abc import Sequence

    from factcheck.compare import Comparer
    from factcheck.model import Embedder, Report
    from factcheck.options import Options
    from factcheck.pipeline import Inputs

__all__ = ["Options", "Report", "__version__", "check"]


def check(
    paths: Inputs,
    options: Options | None = None,
    *,
    embedder: Embedder | None = None,
    comparers: Sequence[Comparer] | None = None,
) -> Report:
    """Read the articles at ``paths``, align their statements and report discrepancies.

    ``embedder`` replaces the one ``options.model`` names; ``comparers`` replaces the
    default comparers (docs/architecture.md shows how to add either).
    """
    from factcheck.pipeline import check as _check

    return _check(paths, options, embedder=embedder, comparers=comparers)


def __getattr__(name: str) -> Any:
    # Keep `import factcheck` (and so `factcheck --help`) free of heavy imports.
    if name == "Options":
        from factcheck.options import Options

        return Options
    if name == "Report":
        from factcheck.model import Report

        return Report
    raise AttributeError(name)
