"""The what-if second look: statements that would align if their figures agreed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import factcheck.align
from factcheck.align import align
from factcheck.align.embed import HashEmbedder
from factcheck.align.score import Calibration, profile, rarity, score_pairs
from factcheck.align.whatif import rescore, with_values_of
from factcheck.extract.dates import extract_times
from factcheck.extract.values import extract_quantities
from factcheck.model import Span, Statement

FRIDAY = dt.date(2026, 1, 2)


def said(article: str, text: str, published: dt.date | None = FRIDAY) -> Statement:
    """A one-sentence article's statement with its quantities and dates extracted."""
    span = Span(article, 10, 10 + len(text), text)
    return Statement(
        span=span,
        quantities=tuple(extract_quantities(span, "fr")),
        times=tuple(extract_times(span, "fr", published)),
    )


def test_a_changed_figure_is_rewritten_to_the_partners() -> None:
    a = said("a", "Le ministère a exigé sous 48 heures un rapport détaillé.")
    b = said("b", "Le ministère a ordonné des mesures sous 72 heures.")
    variant = with_values_of(a, b)
    assert variant is not None
    assert variant.span.text == "Le ministère a exigé sous 72 heures un rapport détaillé."
    assert [q.value for q in variant.quantities] == [72.0]
    assert variant.span.article == "a"


def test_equal_values_in_other_words_need_no_rewrite() -> None:
    a = said("a", "Le délit est puni de deux ans d'emprisonnement et de 60.000 euros.")
    b = said("b", "Ce délit est puni de 2 ans de prison et de 60 000 euros d'amende.")
    assert with_values_of(a, b) is None


def test_values_that_measure_other_things_are_left_alone() -> None:
    a = said("a", "Le délit est puni de deux ans d'emprisonnement.")
    b = said("b", "Le rapport compte 300 pages.")
    assert with_values_of(a, b) is None


def test_only_figures_that_differ_are_rewritten() -> None:
    a = said("a", "Le délit est puni de deux ans d'emprisonnement et de 45.000 euros.")
    b = said("b", "Le délit est puni de deux ans d'emprisonnement et de 60.000 euros.")
    variant = with_values_of(a, b)
    assert variant is not None
    assert variant.span.text == b.span.text


def test_a_date_a_day_off_is_rewritten_but_not_a_far_or_overlapping_one() -> None:
    tuesday = said("a", "Le feu s'est déclaré mardi 6 janvier dans un entrepôt.")
    monday = said("b", "Le feu a pris lundi 5 janvier dans un entrepôt.")
    variant = with_values_of(tuesday, monday)
    assert variant is not None and "lundi 5 janvier" in variant.span.text
    # A week and more apart: two events, not one event misdated.
    later = said("c", "Le feu a pris mardi 20 janvier dans un entrepôt.")
    assert with_values_of(tuesday, later) is None
    # Overlapping periods do not contradict: nothing to rewrite.
    summer = said("d", "L'enquête est ouverte depuis l'été 2025.")
    july = said("e", "L'enquête a été ouverte en juillet 2025.")
    assert with_values_of(summer, july) is None


def test_rescore_only_raises_pairs_inside_the_window() -> None:
    statements = [
        said("a", "Le ministère indien a exigé sous 48 heures un rapport détaillé sur X."),
        said("b", "Le ministère indien a exigé sous 72 heures un rapport détaillé sur X."),
    ]
    profiles = [profile(s) for s in statements]
    embedder = HashEmbedder()
    vectors = embedder.embed([s.span.text for s in statements])
    pairs = np.array([[0, 1]])
    cosines = np.array([float(vectors[0] @ vectors[1])])
    weights = (rarity(profiles, "tokens"), rarity(profiles, "anchors"))
    cal = Calibration((3.0, 2.0, 1.0, 1.0), -2.5, 0.6)
    before = score_pairs(pairs, cosines, profiles, weights, cal)
    raised = rescore(pairs, before, statements, profiles, vectors, weights, cal, embedder, (0, 1))
    assert raised[0] > before[0]
    # Outside the window (already above the cut, or below the floor): untouched.
    kept = rescore(pairs, before, statements, profiles, vectors, weights, cal, embedder, (0, 0))
    assert kept[0] == before[0]


def test_align_groups_two_reports_that_differ_only_by_a_figure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Worded apart, these two meet only if their deadlines agree: one ultimatum,
    # grouped for compare to report the figures.
    deadline = [
        said("a", "Le ministère indien a exigé de X un rapport détaillé sous 48 heures."),
        said("b", "Selon TechCrunch, le ministère indien a ordonné à X d'agir sous 72 heures."),
        said("c", "La météo sera clémente ce week-end sur la côte atlantique."),
    ]
    groups = align(deadline, HashEmbedder())
    assert [{s.article for s in g.statements} for g in groups] == [{"a", "b"}]
    monkeypatch.setattr(factcheck.align, "rescore", lambda pairs, scores, *_: scores)
    assert align(deadline, HashEmbedder()) == []
