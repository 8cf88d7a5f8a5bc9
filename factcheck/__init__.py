"""factcheck: cross-source fact consistency checker.

The whole pipeline is one call::

    import factcheck
    report = factcheck.check(["seeds/"], factcheck.Options())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factcheck.model import Report
    from factcheck.options import Options
    from factcheck.pipeline import Inputs

__all__ = ["Options", "Report", "__version__", "check"]


def check(paths: Inputs, options: Options | None = None) -> Report:
    """Read the articles at ``paths``, align their statements and report discrepancies."""
    from factcheck.pipeline import check as _check

    return _check(paths, options)


def __getattr__(name: str) -> Any:
    # Keep `import factcheck` (and so `factcheck --help`) free of heavy imports.
    if name == "Options":
        from factcheck.options import Options

        return Options
    if name == "Report":
        from factcheck.model import Report

        return Report
    raise AttributeError(name)
