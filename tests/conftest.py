"""Shared test fixtures: paths to the seeds and the gold, and gold-quote lookup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.model import Span

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD_PATH = REPO.parent / "shared" / "eval" / "seeds_gold.json"


def load_gold() -> dict[str, Any]:
    """The hand-made reading of the seeds (../shared/eval/seeds_gold.json)."""
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def seed_text(article: str) -> str:
    """A seed article's text, decoded as factcheck decodes it."""
    return (SEEDS / article).read_bytes().decode("utf-8-sig")


def gold_span(article: str, quote: str) -> Span:
    """Locate a gold quote (an exact substring) in a seed article."""
    text = seed_text(article)
    start = text.find(quote)
    assert start >= 0, f"gold quote not found in {article}: {quote!r}"
    return Span(article, start, start + len(quote), quote)


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    return load_gold()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_report() -> Any:
    """The seeds checked with the default (real) model, computed once per session."""
    import factcheck

    return factcheck.check([str(SEEDS)], factcheck.Options())


@pytest.fixture(scope="session")
def seeds_json(seeds_report: Any) -> dict[str, Any]:
    """The seeds report as the JSON users get."""
    from factcheck.render import RenderOptions, render_text

    return json.loads(render_text(seeds_report, "json", RenderOptions()))
