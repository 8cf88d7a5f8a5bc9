"""End to end: one value changed in a copy of the seeds is reported, and nothing else is new."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.model import Finding, Kind, Report
from tests.conftest import SEEDS

AFP = "000_cc2fc5dfc65894bb.txt"

# (sentence quote in seed 000, old, new, expected kind)
MUTATIONS = [
    ("puni de deux ans d'emprisonnement et de 60.000 euros", "60.000", "45.000",
     Kind.VALUE_MISMATCH),
    # Worded apart, this pair aligns on its shared deadline; changed, the deadline
    # is found again by the what-if second look (factcheck.align.whatif).
    ("exigeant sous 72 heures un rapport détaillé", "72 heures", "48 heures",
     Kind.VALUE_MISMATCH),
    ("L'enquête initiale contre X avait été ouverte en juillet", "juillet", "septembre",
     Kind.DATE_MISMATCH),
    ("puni de deux ans d'emprisonnement et de 60.000 euros", "deux ans", "trois ans",
     Kind.VALUE_MISMATCH),
]  # fmt: skip


def _key(f: Finding) -> tuple[Any, ...]:
    """A finding independent of offsets (a mutation shifts the rest of its article)."""
    return (f.kind, tuple(sorted((e.span.article, e.span.text) for e in f.evidence)))


def _value_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.kind in (Kind.VALUE_MISMATCH, Kind.DATE_MISMATCH)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("quote", "old", "new", "kind"),
    MUTATIONS,
    ids=["60.000->45.000", "72->48 heures", "juillet->septembre", "deux->trois ans"],
)
def test_a_changed_value_is_reported_and_nothing_else(
    tmp_path: Path, seeds_report: Report, quote: str, old: str, new: str, kind: Kind
) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    path = corpus / AFP
    text = path.read_bytes().decode("utf-8")
    at = text.find(quote) + quote.find(old)
    assert text.find(quote) >= 0
    mutated = text[:at] + new + text[at + len(old) :]
    path.write_bytes(mutated.encode("utf-8"))

    report = factcheck.check([str(corpus)], factcheck.Options())

    def touches_change(f: Finding) -> bool:
        return any(
            e.span.article == AFP and e.span.start < at + len(new) and at < e.span.end
            for e in f.evidence
        )

    hits = [f for f in report.findings if f.kind is kind and touches_change(f)]
    assert hits, [f.message for f in report.findings]
    for f in hits:
        assert len({e.span.article for e in f.evidence}) == 2
        for e in f.evidence:
            source = mutated if e.span.article == AFP else (SEEDS / e.span.article).read_text()
            assert source[e.span.start : e.span.end] == e.span.text
    # Nothing new elsewhere, of any kind.
    before = Counter(_key(f) for f in seeds_report.findings)
    after = Counter(_key(f) for f in report.findings if not touches_change(f))
    assert after - before == Counter(), "new findings away from the change"


@pytest.mark.slow
def test_seeds_have_no_value_or_date_finding_on_must_not_flag_pairs(
    seeds_report: Report, gold: dict[str, Any]
) -> None:
    from tests.conftest import gold_span

    for pair in gold["must_not_flag"]:
        spans = [gold_span(s["article"], s["quote"]) for s in pair["statements"]]
        for f in _value_findings(seeds_report):
            touched = [any(e.span.overlaps(s) for e in f.evidence) for s in spans]
            assert not all(touched), (pair["why"], f.message)


@pytest.mark.slow
def test_seeds_have_no_value_or_date_finding_at_all(seeds_report: Report) -> None:
    """The gold expects none: every value and date the seeds share agrees."""
    assert [f.message for f in _value_findings(seeds_report)] == []
