"""Bounds and vagueness of figures (issue 16): open ends, vagueness classes, consistency.

Property tests on the interval normalizer of :mod:`factcheck.extract.values` and on
the consistency rule of :func:`factcheck.compare.values.assess` (no parse needed).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.compare.values import assess
from factcheck.extract.values import extract_quantities, value_key
from factcheck.model import Quantity, Span, Vagueness, ValueKind

LOWER = {"fr": ["plus de", "au moins", "pas moins de"], "en": ["more than", "at least", "over"]}
UPPER = {"fr": ["moins de", "jusqu'à", "au plus"], "en": ["less than", "up to", "at most"]}
ABOUT = {"fr": ["environ", "près de", "quelque"], "en": ["about", "around", "roughly"]}
NOUN = {"fr": "personnes", "en": "people"}


def one(text: str, lang: str) -> Quantity:
    (q,) = extract_quantities(Span("a", 0, len(text), text), lang)
    return q


values = st.integers(min_value=2, max_value=900_000)
langs = st.sampled_from(["fr", "en"])


@settings(max_examples=60, deadline=None)
@given(values, langs, st.data())
def test_a_lower_bound_has_an_open_end(v: int, lang: str, data: st.DataObject) -> None:
    q = one(f"{data.draw(st.sampled_from(LOWER[lang]))} {v} {NOUN[lang]}", lang)
    assert (q.low, q.high, q.vagueness) == (v, math.inf, Vagueness.LOWER_BOUND)
    assert q.as_value()["high"] is None  # JSON has no infinity


@settings(max_examples=60, deadline=None)
@given(values, langs, st.data())
def test_an_upper_bound_starts_at_zero(v: int, lang: str, data: st.DataObject) -> None:
    q = one(f"{data.draw(st.sampled_from(UPPER[lang]))} {v} {NOUN[lang]}", lang)
    assert (q.low, q.high, q.vagueness) == (0, v, Vagueness.UPPER_BOUND)


@settings(max_examples=60, deadline=None)
@given(values, langs, st.data())
def test_an_approximate_figure_contains_its_value(v: int, lang: str, data: st.DataObject) -> None:
    q = one(f"{data.draw(st.sampled_from(ABOUT[lang]))} {v} {NOUN[lang]}", lang)
    assert q.vagueness is Vagueness.APPROXIMATE
    assert q.low < v < q.high


@settings(max_examples=80, deadline=None)
@given(values, st.integers(min_value=0, max_value=100_000), langs, st.data())
def test_an_exact_figure_inside_a_bound_is_never_flagged(
    v: int, extra: int, lang: str, data: st.DataObject
) -> None:
    bound = one(f"{data.draw(st.sampled_from(LOWER[lang]))} {v} {NOUN[lang]}", lang)
    exact = one(f"{v + extra} {NOUN[lang]}", lang)
    assert assess(bound, exact, heads_agree=True) is None
    assert assess(exact, bound, heads_agree=True) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=40), langs)
def test_half_years_are_months(years: int, lang: str) -> None:
    half = "ans et demi" if lang == "fr" else "and a half years"
    q = one(f"{years} {half}", lang)
    months = one(f"{12 * years + 6} {'mois' if lang == 'fr' else 'months'}", lang)
    assert q.value == years + 0.5
    assert assess(q, months, heads_agree=True) is None


@pytest.mark.parametrize(
    ("text", "lang", "vagueness"),
    [
        ("des dizaines de personnes", "fr", Vagueness.MAGNITUDE),
        ("hundreds of thousands of people", "en", Vagueness.MAGNITUDE),
        ("une centaine de soldats", "fr", Vagueness.APPROXIMATE),
        ("un millier de soldats", "fr", Vagueness.APPROXIMATE),
        ("a dozen people", "en", Vagueness.APPROXIMATE),
        ("entre 10 et 20 personnes", "fr", Vagueness.EXACT),
        ("twelve people", "en", Vagueness.EXACT),
    ],
)
def test_vagueness_classes(text: str, lang: str, vagueness: Vagueness) -> None:
    assert one(text, lang).vagueness is vagueness


@pytest.mark.parametrize(
    ("text", "lang", "interval"),
    [
        ("de 3 % à 6 % par an", "fr", (3, 6)),
        ("entre 2 ans et 5 ans de prison", "fr", (2, 5)),
        ("between 3 percent and 4 percent", "en", (3, 4)),
        ("de 3 à 6 % par an", "fr", (3, 6)),
    ],
)
def test_a_range_with_its_unit_after_each_end_is_one_range(
    text: str, lang: str, interval: tuple[int, int]
) -> None:
    q = one(text, lang)
    assert (q.low, q.high, q.qualifier) == (*interval, "range")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("de 10 jours à 2 semaines", "fr"),  # two units: a floor and a ceiling, not one range
        ("3 soldats et 5 soldats", "fr"),  # no "entre": two figures
    ],
)
def test_figures_with_other_units_or_no_range_word_stay_apart(text: str, lang: str) -> None:
    assert len(extract_quantities(Span("a", 0, len(text), text), lang)) == 2


@pytest.mark.parametrize(
    ("text", "lang", "unit", "square_metres"),
    [
        ("un territoire de 4,6 km2", "fr", "km2", 4.6e6),
        ("4,6 kilomètres carrés", "fr", "km2", 4.6e6),
        ("500 hectares ont brûlé", "fr", "ha", 5e6),
        ("un appartement de 40 m²", "fr", "m2", 40),
        ("1.8 square miles", "en", "mi2", 1.8 * 2_589_988.110336),
        ("the fire burned 1,700 acres", "en", "acre", 1700 * 4046.8564224),
        ("a 12,000 square feet warehouse", "en", "ft2", 12000 * 0.09290304),
    ],
)
def test_areas_are_read_in_square_metres(
    text: str, lang: str, unit: str, square_metres: float
) -> None:
    q = one(text, lang)
    assert (q.kind, q.unit) == (ValueKind.AREA, unit)
    assert value_key(q) == ("area", "m2", pytest.approx(square_metres))


def test_a_conversion_in_parentheses_keeps_the_bound() -> None:
    text = "less than 25 km (15 miles) from the border"
    km, miles = extract_quantities(Span("a", 0, len(text), text), "en")
    assert (km.vagueness, miles.vagueness) == (Vagueness.UPPER_BOUND, Vagueness.UPPER_BOUND)
    assert (miles.low, miles.high) == (0, 15)
    ten = one("10 miles", "en")
    assert assess(miles, ten, heads_agree=True) is None
