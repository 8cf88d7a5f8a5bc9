"""Quantity extraction: a table of French and English expressions, properties, offsets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.values import extract_quantities, parse_number, value_family, value_key
from factcheck.model import Quantity, Span, ValueKind

TABLE = Path(__file__).parent / "data" / "values" / "quantities.tsv"


def _rows() -> list[tuple[str, ...]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


ROWS = _rows()


def quantities(text: str, lang: str, prefix: str = "") -> list[Quantity]:
    """Extract from ``text`` placed after ``prefix`` in a fake article."""
    article = prefix + text
    return extract_quantities(Span("a", len(prefix), len(article), text), lang)


def test_table_is_large_enough() -> None:
    langs = [row[0] for row in ROWS]
    assert langs.count("fr") >= 60
    assert langs.count("en") >= 30


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[1][:40]}:{r[2][:20]}" for r in ROWS])
def test_table(row: tuple[str, ...]) -> None:
    lang, sentence, span = row[:3]
    found = quantities(sentence, lang)
    if span == "-":
        assert found == [], [q.span.text for q in found]
        return
    value, low, high, kind, unit, head = row[3:]
    matching = [q for q in found if q.span.text == span]
    assert matching, f"no quantity spanning {span!r}: {[q.span.text for q in found]}"
    q = matching[0]
    assert (q.value, q.low, q.high) == pytest.approx((float(value), float(low), float(high)))
    assert q.kind is ValueKind(kind)
    assert q.unit == (None if unit == "-" else unit)
    assert q.head == (None if head == "-" else head)


def test_spans_point_into_the_article() -> None:
    prefix = "Titre\n\nUn premier paragraphe. "
    sentence = "Il encourt deux ans d’emprisonnement et 60\u202f000 euros d’amende."
    article = prefix + sentence
    found = quantities(sentence, "fr", prefix)
    assert [q.span.text for q in found] == ["deux ans", "60\u202f000 euros"]
    for q in found:
        assert article[q.span.start : q.span.end] == q.span.text


def test_penalty_statements_of_the_seeds() -> None:
    """The three outlets' penalty: 2 years and 60000 EUR, whatever the separator."""
    for sentence in (
        "puni de deux ans d'emprisonnement et de 60.000 euros",
        "puni de deux ans d’emprisonnement et de 60 000 euros d’amende",
    ):
        found = {q.kind: q for q in quantities(sentence, "fr")}
        assert (found[ValueKind.DURATION].value, found[ValueKind.DURATION].unit) == (2, "year")
        assert (found[ValueKind.CURRENCY].value, found[ValueKind.CURRENCY].unit) == (60000, "EUR")


def test_value_key_converts_durations() -> None:
    hours = quantities("sous 72 heures", "fr")[0]
    days = quantities("sous trois jours", "fr")[0]
    assert value_key(hours) == value_key(days) == ("duration", "day", 3.0)


def test_value_family_ignores_the_figure() -> None:
    (a,) = quantities("puni de deux ans d'emprisonnement", "fr")
    (b,) = quantities("puni de trois ans d'emprisonnement", "fr")
    assert value_key(a) != value_key(b)
    assert value_family(a) == value_family(b) == ("duration", "day", "emprisonnement")


def test_as_value_is_json_ready() -> None:
    q = quantities("plus de 20.000 images", "fr")[0]
    assert q.as_value() == {
        "type": "quantity",
        "value": 20000.0,
        "low": 20000.0,
        "high": None,  # an open end ("plus de": at least 20,000)
        "kind": "count",
        "unit": None,
        "head": "image",
        "qualifier": "plus de",
        "vagueness": "lower_bound",
        "predicate": [],
        "attributes": [],
        "verb": None,
        "referent": [],
        "scope": [],
        "source": None,
        "part": False,
        "parsed": False,
    }


# ------------------------------------------------------------------ properties


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def integer_forms(n: int) -> list[tuple[str, str]]:
    """Every supported way of writing the integer ``n`` in digits, with its language."""
    forms = [("fr", str(n)), ("en", str(n))]
    if n >= 1000:
        forms += [
            ("fr", _group(n, ".")),
            ("fr", _group(n, " ")),
            ("fr", _group(n, "\u00a0")),
            ("fr", _group(n, "\u202f")),
            ("en", _group(n, ",")),
            ("en", _group(n, " ")),
        ]
    return forms


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_every_digit_form_of_an_integer_reads_the_same(n: int) -> None:
    for lang, form in integer_forms(n):
        assert parse_number(form, lang) == n, (lang, form)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=1, max_value=2))
def test_every_form_of_a_decimal_reads_the_same(hundredths: int, digits: int) -> None:
    value = hundredths / 10**digits
    text = f"{value:.{digits}f}"
    integer, frac = text.split(".")
    forms = [("en", text), ("fr", f"{integer},{frac}")]
    if int(integer) >= 1000:
        forms += [
            ("en", f"{_group(int(integer), ',')}.{frac}"),
            ("fr", f"{_group(int(integer), '.')},{frac}"),
            ("fr", f"{_group(int(integer), chr(0x202F))},{frac}"),
        ]
    for lang, form in forms:
        assert parse_number(form, lang) == pytest.approx(value), (lang, form)
    # with a scale word: "1,43 million" == "1.43 million" == 1 430 000
    assert parse_number(f"{integer},{frac} million", "fr") == pytest.approx(value * 1e6)
    assert parse_number(f"{text} million", "en") == pytest.approx(value * 1e6)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), st.integers(0, 999_999_999))
def test_forms_of_different_integers_never_collide(a: int, b: int) -> None:
    if a == b:
        return
    for (lang_a, form_a), (lang_b, form_b) in zip(integer_forms(a), integer_forms(b), strict=False):
        assert parse_number(form_a, lang_a) != parse_number(form_b, lang_b)


_FR_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FR_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"]


def french_words(n: int) -> str:
    """Spell 0 < n < 1 000 000 in French (1990 spelling reform: hyphens everywhere)."""

    def below_100(k: int) -> str:
        if k < 10:
            return _FR_UNITS[k]
        if k < 17:
            return _FR_TEENS[k - 10]
        if k < 20:
            return "dix-" + _FR_UNITS[k - 10]
        tens_words = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
        tens, unit = divmod(k, 10)
        if tens in (7, 9):
            base = "soixante" if tens == 7 else "quatre-vingt"
            rest = k - (60 if tens == 7 else 80)
            joiner = "-et-" if rest == 11 else "-"
            return base + joiner + below_100(rest)
        if tens == 8:
            return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _FR_UNITS[unit]
        word = tens_words[tens]
        if unit == 0:
            return word
        return word + ("-et-un" if unit == 1 else "-" + _FR_UNITS[unit])

    def below_1000(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        parts = []
        if hundreds:
            parts.append(("" if hundreds == 1 else _FR_UNITS[hundreds] + " ") + "cent")
        if rest:
            parts.append(below_100(rest))
        return " ".join(parts)

    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(("" if thousands == 1 else below_1000(thousands) + " ") + "mille")
    if rest:
        parts.append(below_1000(rest))
    return " ".join(parts)


_EN_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def english_words(n: int) -> str:
    """Spell 0 < n < 1 000 000 in English."""

    def below_1000(k: int) -> str:
        hundreds, rest = divmod(k, 100)
        parts = [_EN_SMALL[hundreds] + " hundred"] if hundreds else []
        if rest >= 20:
            tens, unit = divmod(rest, 10)
            parts.append(_EN_TENS[tens] + (f"-{_EN_SMALL[unit]}" if unit else ""))
        elif rest:
            parts.append(_EN_SMALL[rest])
        return " ".join(parts)

    thousands, rest = divmod(n, 1000)
    parts = [below_1000(thousands) + " thousand"] if thousands else []
    if rest:
        parts.append(below_1000(rest))
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=999_999))
def test_words_and_digits_of_an_integer_read_the_same(n: int) -> None:
    assert parse_number(french_words(n), "fr") == n, french_words(n)
    assert parse_number(english_words(n), "en") == n, english_words(n)
    # in a sentence, with a currency: words and digits give one value
    in_words = quantities(f"une amende de {french_words(n)} euros", "fr")
    in_digits = quantities(f"une amende de {_group(n, chr(0x202F))} euros", "fr")
    assert [q.value for q in in_words] == [q.value for q in in_digits] == [n]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), st.text(max_size=10))
def test_spans_always_match_the_text(sentence: str, prefix: str) -> None:
    article = prefix + sentence
    for q in quantities(sentence, "fr", prefix) + quantities(sentence, "en", prefix):
        assert article[q.span.start : q.span.end] == q.span.text
        assert q.low <= q.value <= q.high or q.qualifier is not None


def test_extraction_speed(capsys: pytest.CaptureFixture[str]) -> None:
    """Report the time per 1,000 sentences (a measurement, with a generous bound)."""
    sentences = [row[1] for row in ROWS] * 10
    start = time.perf_counter()
    for i, sentence in enumerate(sentences):
        quantities(sentence, "en" if i % 7 == 0 else "fr")
    per_1000 = (time.perf_counter() - start) / len(sentences) * 1000
    with capsys.disabled():
        print(f"\nextract_quantities: {per_1000:.3f} s per 1,000 sentences")
    assert per_1000 < 10


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999_999), st.integers(min_value=2, max_value=999_999))
def test_words_of_different_integers_never_collide(a: int, b: int) -> None:
    if a == b:
        return
    assert parse_number(french_words(a), "fr") != parse_number(french_words(b), "fr")
    assert parse_number(english_words(a), "en") != parse_number(english_words(b), "en")


def test_a_very_long_sentence_stays_fast() -> None:
    """Look-behinds are bounded: 100,000 characters took 46 s when they were not."""
    sentence = " ".join(f"plus de {i} euros le {i % 28 + 1} janvier" for i in range(3000))
    start = time.perf_counter()
    found = quantities(sentence, "fr")
    assert len(found) == 3000
    assert time.perf_counter() - start < 15
