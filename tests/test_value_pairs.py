"""The value-pair regression table (tests/data/value_pairs.txt), run pair by pair.

Each pair is parsed, its quantities extracted and bound and its names found
(an entity graph learned from the two sentences), paired as the compare stage
pairs them and graded: a ``differ`` pair must give a warning or an error,
``same`` and ``other`` pairs must not. A verdict ending in ``?`` is a known gap
(the right verdict, not yet met): it runs as a strict xfail, so fixing it shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.compare.values import assess, in_context
from factcheck.extract.entities import EntityGraph, build_entity_graph
from factcheck.extract.parse import available, parse_sentences
from factcheck.extract.values import extract_quantities
from factcheck.model import Severity, Span, Statement
from factcheck.pairing import pair_statement_quantities

TABLE = Path(__file__).parent / "data" / "value_pairs.txt"


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, verdict, a, b = (part.strip() for part in line.split(" | "))
            rows.append((lang, verdict, a, b))
    return rows


def _statement(text: str, lang: str, article: str, graph: EntityGraph) -> Statement:
    span = Span(article, 0, len(text), text)
    quantities = extract_quantities(span, lang, parse_sentences([span], lang)[0])
    return Statement(span=span, quantities=tuple(quantities), mentions=tuple(graph.mentions(span)))


def _flagged(lang: str, a: str, b: str) -> list[str]:
    out = []
    sa, sb = Span("a", 0, len(a), a), Span("b", 0, len(b), b)
    graph = build_entity_graph([("a", a), ("b", b)])
    pairs = pair_statement_quantities(
        _statement(a, lang, "a", graph), _statement(b, lang, "b", graph)
    )
    for qa, qb, heads in pairs:
        graded = assess(qa, qb, heads, heads and in_context(sa, sb, pairs, qa, qb))
        if graded is not None and graded[0] >= Severity.WARNING:
            out.append(f"{qa.span.text} / {qb.span.text}: {graded[0].value}")
    return out


def test_table_is_large_and_balanced() -> None:
    rows = _rows()
    verdicts = [r[1].rstrip("?") for r in rows]
    assert len(rows) >= 150
    assert {r[0] for r in rows} == {"fr", "en"}
    assert all(verdicts.count(v) >= 40 for v in ("differ", "same", "other"))


def _params() -> list[object]:
    gap = pytest.mark.xfail(strict=True, reason="known gap of the value binding")
    return [
        pytest.param(lang, verdict.rstrip("?"), a, b, marks=[gap] if verdict.endswith("?") else [])
        for lang, verdict, a, b in _rows()
    ]


@pytest.mark.parametrize(("lang", "verdict", "a", "b"), _params())
def test_value_pair(lang: str, verdict: str, a: str, b: str) -> None:
    if not available(lang):
        pytest.skip(f"no dependency parser installed for {lang}")
    flagged = _flagged(lang, a, b)
    if verdict == "differ":
        assert flagged, f"not flagged: {a!r} vs {b!r}"
    else:
        assert not flagged, f"flagged ({verdict}): {flagged}"
