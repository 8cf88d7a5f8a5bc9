"""What all renderers share: visible escapes, value labels, context, coverage."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.model import (
    EntityValue,
    Evidence,
    Finding,
    Group,
    Kind,
    Polarity,
    Quantity,
    QuoteAttribution,
    QuoteWords,
    Report,
    ReportedAttribution,
    Severity,
    Span,
    Statement,
    TimeExpr,
    ValueKind,
    value_label,
)
from factcheck.render._common import (
    MAX_COVERAGE_ARTICLES,
    MAX_COVERAGE_ROWS,
    Contexts,
    Mark,
    coverage,
    coverage_note,
    pieces,
)
from factcheck.text import visible, visible_runs
from tests.render_fixtures import article, find, small_report


def test_visible_escapes_controls_and_bidi_and_keeps_the_rest() -> None:
    assert visible("a\x1b[31mb\u202ec\x07") == "a\\x1b[31mb\\u202ec\\x07"
    assert visible("l'été « 60 000 € »\n2 ans") == "l'été « 60 000 € » 2 ans"
    assert visible("a\nb", one_line=False) == "a\nb"
    assert list(visible_runs("x\x00y")) == [("x", False), ("\\x00", True), ("y", False)]


@given(st.text())
def test_visible_output_is_always_safe(text: str) -> None:
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert not unsafe.search(visible(text))
    assert not unsafe.search(visible(text, one_line=False))


def test_value_labels_of_each_evidence_type() -> None:
    span = Span("a", 0, 8, "60 000 €")
    money = Quantity(span, 60000.0, 60000.0, 60000.0, ValueKind.CURRENCY, unit="EUR")
    assert value_label(money) == "60000 EUR"
    day = dt.date(2026, 1, 2)
    assert value_label(TimeExpr(span, day, day, "day")) == "2026-01-02"
    assert value_label(TimeExpr(span, day, dt.date(2026, 1, 3), "day")) == "2026-01-02…2026-01-03"
    assert value_label(TimeExpr(span, None, None, "weekday", label="weekday:4")) == "Friday"
    attribution = QuoteAttribution("la société", "xAI", "Grok", None, "Bloomberg", "Nous…")
    assert value_label(attribution) == "xAI (relayed by Bloomberg)"
    assert value_label(ReportedAttribution("Marc L.", None, "selon", "Marie L.", None)) == "Marc L."
    assert value_label(Polarity("silent", actor="xAI")) == "xAI silent"
    assert value_label(EntityValue("Paul Martin", role="agent")) == "Paul Martin"
    assert value_label(QuoteWords("", "vraiment")) == "without “vraiment”"
    assert value_label(Polarity("negated")) == "it did not happen"
    assert value_label(None) == ""


def test_context_is_the_aligned_statement_or_the_surrounding_sentence() -> None:
    report = small_report()
    f1 = report.findings[0]
    assert Contexts(report).around(f1.evidence[0].span).text.startswith("Le parquet a requis")
    lone = article("x", "Titre\nPremière phrase. La valeur est 12 euros ici. Fin.\n")
    ev = Evidence(lone.span(*find(lone, "12 euros")))
    finding = Finding(Kind.SINGLE_SOURCE, Severity.INFO, 1.0, "m", (ev,))
    bare = Report((lone,), (), (finding,), "0")
    assert Contexts(bare).around(ev.span).text == "La valeur est 12 euros ici."


def test_pieces_split_a_sentence_around_its_highlights() -> None:
    report = small_report()
    span = report.findings[0].evidence[0].span
    context = Contexts(report).around(span)
    parts = list(pieces(context, [span]))
    assert "".join(text for text, _ in parts) == context.text
    assert [text for text, hl in parts if hl] == ["60.000 euros"]


def test_coverage_rows_for_groups_and_single_source_facts() -> None:
    rows = {row.key: row for row in coverage(small_report())}
    assert rows["g1"].marks == (Mark.DISAGREES, Mark.DISAGREES, Mark.ABSENT)
    assert rows["g3"].marks == (Mark.STATES, Mark.ABSENT, Mark.STATES)
    assert rows["F3"].marks == (Mark.ABSENT, Mark.ABSENT, Mark.ONLY)
    assert (rows["g1"].finding, rows["g3"].finding, rows["F3"].finding) == ("F1", None, "F3")


def _many_groups(groups: int, articles: int = 2) -> Report:
    arts = [article(f"a{i}", "Une phrase. " * groups) for i in range(articles)]
    spans = [[a.span(12 * k, 12 * k + 11) for k in range(groups)] for a in arts]
    made = tuple(
        Group(f"g{k}", "x", (Statement(spans[0][k]), Statement(spans[1][k])), 1.0)
        for k in range(groups)
    )
    last = made[-1]
    finding = Finding(
        Kind.VALUE_MISMATCH,
        Severity.ERROR,
        1.0,
        "m",
        tuple(Evidence(s.span) for s in last.statements),
        group=last.id,
        id="F1",
    )
    return Report(tuple(arts), made, (finding,), "0")


def test_coverage_is_capped_keeping_facts_with_findings() -> None:
    report = _many_groups(MAX_COVERAGE_ROWS + 50)
    rows = coverage(report)
    assert len(rows) == MAX_COVERAGE_ROWS
    assert rows[-1].key == f"g{MAX_COVERAGE_ROWS + 49}"  # the flagged last group is kept
    assert coverage_note(report) == "50 more facts are not shown (facts with findings first)."
    assert coverage_note(small_report()) is None


def test_coverage_matrix_is_left_out_for_too_many_articles() -> None:
    report = _many_groups(3, articles=MAX_COVERAGE_ARTICLES + 1)
    assert coverage(report) == []
    assert "27 articles" in (coverage_note(report) or "")
