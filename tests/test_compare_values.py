"""value_mismatch / date_mismatch: the gold's must-not-flag pairs, mutations, pairing rules."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.compare import CompareContext
from factcheck.compare.values import compare_values, format_quantity, rounding
from factcheck.extract.dates import extract_times, time_key
from factcheck.extract.parse import available
from factcheck.extract.values import extract_quantities, value_key
from factcheck.model import Article, Finding, Group, Kind, Quantity, Severity, Span, Statement
from tests.conftest import SEEDS, load_gold, seed_text
from tests.quote_fixtures import extracted_pair

AFP, MONDE, AFP2, ECRAN = (
    "000_cc2fc5dfc65894bb.txt",
    "001_1c4b4929e730dec3.txt",
    "002_b648ab011321f28c.txt",
    "004_4e3b21f8941335f3.txt",
)
OUTLETS = {AFP: "AFP", MONDE: "Le Monde", ECRAN: "EcranMobile.fr"}


def published(article: str) -> dt.date | None:
    value = load_gold()["articles"][article]["published"]
    return dt.date.fromisoformat(value) if value else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding ``text[start:end]``: a hand-made statement span."""
    stops = [m.end() - 1 for m in re.finditer(r"[.!?]\s", text[:start])]
    left = max(text.rfind("\n", 0, start), *stops, -1)
    m = re.search(r"[.!?](?=\s|$)|\n", text[end:])
    return left + 1, end + (m.start() + 1 if m else len(text) - end)


def statement(article: str, text: str, quote: str) -> Statement:
    """A statement around ``quote`` with what the extractors find in it."""
    start = text.find(quote)
    assert start >= 0, quote
    s, e = sentence_around(text, start, start + len(quote))
    span = Span(article, s, e, text[s:e])
    return Statement(
        span=span,
        quantities=tuple(extract_quantities(span, "fr")),
        times=tuple(extract_times(span, "fr", published(article))),
    )


def context(*statements: Statement, texts: dict[str, str] | None = None) -> CompareContext:
    articles = {
        s.article: Article(
            id=s.article,
            path=s.article,
            text=(texts or {}).get(s.article) or seed_text(s.article),
            sha256="",
            language="fr",
            outlet=OUTLETS.get(s.article),
            published=published(s.article),
        )
        for s in statements
    }
    group = Group(id="g1", label="test", statements=tuple(statements), confidence=1.0)
    return CompareContext(articles=articles, statements=list(statements), groups=[group])


def seed_statement(article: str, quote: str) -> Statement:
    return statement(article, seed_text(article), quote)


# ------------------------------------------------------------------ the gold


def test_no_value_or_date_finding_on_must_not_flag_pairs() -> None:
    for pair in load_gold()["must_not_flag"]:
        sides = [seed_statement(s["article"], s["quote"]) for s in pair["statements"]]
        assert list(compare_values(context(*sides))) == [], pair["why"]


def test_no_value_or_date_finding_in_gold_groups() -> None:
    for group in load_gold()["groups"]:
        sides = [seed_statement(s["article"], s["quote"]) for s in group["statements"]]
        assert list(compare_values(context(*sides))) == [], group["id"]


def test_penalty_reads_two_years_and_60000_eur_in_all_three_outlets() -> None:
    penalty = next(g for g in load_gold()["groups"] if g["id"] == "penalty")
    for side in penalty["statements"]:
        found = seed_statement(side["article"], side["quote"]).quantities
        values = {(q.kind.value, q.value, q.unit) for q in found}
        assert values == {("duration", 2.0, "year"), ("currency", 60000.0, "EUR")}
        prison = next(q for q in found if q.kind.value == "duration")
        assert prison.head == "emprisonnement"


# ------------------------------------------------------------------ mutations

MUTATIONS = [
    # (mutated article, sentence quote, old, new, partner, partner quote, kind, severity)
    (AFP, "puni de deux ans d'emprisonnement et de 60.000 euros", "60.000", "45.000",
     MONDE, "60 000 euros d’amende", Kind.VALUE_MISMATCH, Severity.ERROR),
    (AFP, "exigeant sous 72 heures un rapport détaillé", "72 heures", "48 heures",
     ECRAN, "sous 72 heures", Kind.VALUE_MISMATCH, Severity.ERROR),
    (AFP, "L'enquête initiale contre X avait été ouverte en juillet", "en juillet",
     "en septembre", AFP2, "avait été ouverte en juillet", Kind.DATE_MISMATCH, Severity.WARNING),
    (AFP, "puni de deux ans d'emprisonnement et de 60.000 euros", "deux ans", "trois ans",
     AFP2, "puni de deux ans d’emprisonnement", Kind.VALUE_MISMATCH, Severity.ERROR),
]  # fmt: skip


def mutate(tmp_path: Path, article: str, quote: str, old: str, new: str) -> tuple[str, int]:
    """Copy the seeds, change ``old`` to ``new`` inside ``quote``; return text and offset."""
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    path = corpus / article
    text = path.read_bytes().decode("utf-8-sig")
    at = text.find(quote) + quote.find(old)
    assert text.find(quote) >= 0 and quote.find(old) >= 0
    path.write_bytes((text[:at] + new + text[at + len(old) :]).encode("utf-8"))
    return path.read_bytes().decode("utf-8"), at


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[f"{m[2]}->{m[3]}" for m in MUTATIONS])
def test_one_changed_value_is_reported_with_both_spans(tmp_path: Path, mutation: Any) -> None:
    article, quote, old, new, partner, partner_quote, kind, severity = mutation
    text, at = mutate(tmp_path, article, quote, old, new)
    changed = statement(article, text, quote.replace(old, new))
    other = seed_statement(partner, partner_quote)
    # Before the change the pair is consistent.
    assert list(compare_values(context(seed_statement(article, quote), other))) == []

    findings = list(compare_values(context(changed, other, texts={article: text})))

    assert [(f.kind, f.severity) for f in findings] == [(kind, severity)]
    mutated_side, partner_side = findings[0].evidence
    assert mutated_side.span.article == article
    assert mutated_side.span.start <= at < mutated_side.span.end
    assert text[mutated_side.span.start : mutated_side.span.end] == mutated_side.span.text
    partner_start = seed_text(partner).find(partner_quote)
    assert partner_side.span.article == partner
    assert partner_start <= partner_side.span.start < partner_start + len(partner_quote)
    assert mutated_side.value is not None and partner_side.value is not None
    assert findings[0].group == "g1" and findings[0].id == ""


def test_a_changed_amount_in_a_three_outlet_group_points_at_the_outlier(tmp_path: Path) -> None:
    quote = "puni de deux ans d'emprisonnement et de 60.000 euros"
    text, at = mutate(tmp_path, AFP, quote, "60.000", "45.000")
    changed = statement(AFP, text, quote.replace("60.000", "45.000"))
    others = [
        seed_statement(MONDE, "puni de deux ans d’emprisonnement et de 60 000 euros d’amende"),
        seed_statement(AFP2, "puni de deux ans d’emprisonnement et de 60.000 euros"),
    ]
    findings = list(compare_values(context(changed, *others, texts={AFP: text})))
    assert len(findings) == 2
    for f in findings:
        assert f.kind is Kind.VALUE_MISMATCH and f.severity is Severity.ERROR
        assert any(e.span.article == AFP and e.span.start <= at < e.span.end for e in f.evidence)
        assert {e.value.value for e in f.evidence if isinstance(e.value, Quantity)} == {
            45000.0,
            60000.0,
        }
    assert "AFP says 45,000 EUR" in findings[0].message
    assert "Le Monde says 60,000 EUR" in findings[0].message


# ------------------------------------------------------------- pairing rules


def adhoc(article: str, sentence: str, when: dt.date | None = None, lang: str = "fr") -> Statement:
    span = Span(article, 0, len(sentence), sentence)
    return Statement(
        span=span,
        quantities=tuple(extract_quantities(span, lang)),
        times=tuple(extract_times(span, lang, when)),
    )


def compare(
    a: str,
    b: str,
    when_a: dt.date | None = None,
    when_b: dt.date | None = None,
    lang: str = "fr",
) -> list[Finding]:
    left, right = adhoc("a.txt", a, when_a, lang), adhoc("b.txt", b, when_b, lang)
    articles = {
        k: Article(id=k, path=k, text=v, sha256="", language=lang, published=when)
        for k, v, when in (("a.txt", a, when_a), ("b.txt", b, when_b))
    }
    group = Group(id="g", label="", statements=(left, right), confidence=1.0)
    return list(compare_values(CompareContext(articles, [left, right], [group])))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("puni de deux ans de prison", "puni de 60 000 euros d'amende"),  # different things
        ("puni de deux ans de prison et de 60 000 euros", "puni de 60 000 euros"),  # omission
        ("trois ministres ont saisi la justice", "trois députés ont saisi la justice"),
        ("une amende de 60 000 euros", "une amende de 60 000 dollars"),  # other currency
        ("plus de 20.000 images", "20.500 images"),  # a lower bound
        ("environ 3 000 personnes", "3 200 personnes"),  # an approximation
        ("sous 72 heures", "sous trois jours"),  # the same duration in other units
        ("l'article 2256 du code", "l'article 40 du code"),  # designators are not values
        ("la 9e position", "la neuvième position"),
        ("deux ans de prison", "deux ans d’emprisonnement"),  # synonym heads
        ("soixante mille euros d'amende", "60.000 euros d'amende"),
        ("des milliers d'images", "plus de 20.000 images"),
        ("entre 10 et 20 personnes", "15 personnes"),  # a range
        ("de deux à trois ans de prison", "trois ans de prison"),
    ],
)  # fmt: skip
def test_consistent_or_unrelated_values_are_not_flagged(a: str, b: str) -> None:
    assert compare(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "severity"),
    [
        ("trois ministres ont saisi la justice", "quatre ministres ont saisi la justice",
         Severity.ERROR),
        ("20.000 images", "30.000 images", Severity.ERROR),  # beyond rounding
        ("une amende de 60.000 euros", "une amende de 62.000 euros", Severity.WARNING),
        ("une amende de 60.000 euros", "une amende de 90.000 euros", Severity.ERROR),
        ("81% des victimes", "18% des victimes", Severity.ERROR),
        ("deux ans de prison", "trois ans d'emprisonnement", Severity.ERROR),
        ("sous 72 heures", "sous deux jours", Severity.ERROR),
        # a compound head agrees with its synonym; counts of people contradict
        ("120 pompiers mobilisés", "quelque 150 sapeurs-pompiers engagés", Severity.ERROR),
    ],
)  # fmt: skip
def test_contradicting_values_are_flagged(a: str, b: str, severity: Severity) -> None:
    findings = compare(a, b)
    assert [(f.kind, f.severity) for f in findings] == [(Kind.VALUE_MISMATCH, severity)]
    assert [e.span.article for e in findings[0].evidence] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("Ils ont marché au moins trois jours", "Ils ont marché au moins sept jours", "fr"),
        ("moins de neuf mois après", "moins de six mois après", "fr"),
        ("at least 7 people were killed", "at least 12 people were killed", "en"),
        ("more than 300 families fled", "more than 500 families fled", "en"),
    ],
)
def test_bounds_on_different_figures_are_shown_at_info(a: str, b: str, lang: str) -> None:
    """Both bounds may hold, but one outlet's floor is not the other's: worth a look."""
    findings = compare(a, b, lang=lang)
    assert [(f.kind, f.severity) for f in findings] == [(Kind.VALUE_MISMATCH, Severity.INFO)]
    assert "both are bounds" in findings[0].message


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("au moins trois jours", "au moins 3 jours"),  # the same bound
        ("plus de 20.000 images", "plus de 20.500 images"),  # within the rounding
        ("au moins 40 personnes", "moins de 50 personnes"),  # both may hold: 45
        ("au moins 40 personnes", "au plus 30 personnes"),  # a contradiction, not two bounds
    ],
)
def test_bounds_that_agree_are_not_shown_as_bounds(a: str, b: str) -> None:
    assert not [f for f in compare(a, b) if "both are bounds" in f.message]


@pytest.mark.parametrize(
    ("a", "b"),
    [("un temple du XIIe siècle", "un temple du Xe siècle"), ("au 10e étage", "au 12e étage")],
)
def test_ranks_are_never_rounded(a: str, b: str) -> None:
    """ "Xe" is not a round "10" that may stand for 12: a rank is exact."""
    (finding,) = compare(a, b)
    assert finding.kind is Kind.VALUE_MISMATCH
    assert "rounding" not in finding.message


def test_a_pair_in_two_overlapping_groups_is_reported_once() -> None:
    left = adhoc("a.txt", "une amende de 60.000 euros")
    right = adhoc("b.txt", "une amende de 45.000 euros")
    articles = {
        s.article: Article(id=s.article, path=s.article, text=s.span.text, sha256="")
        for s in (left, right)
    }
    groups = [Group(id=g, label="", statements=(left, right), confidence=1.0) for g in "gh"]
    findings = list(compare_values(CompareContext(articles, [left, right], groups)))
    assert [f.group for f in findings] == ["g"]


def test_heads_pair_across_languages() -> None:
    left = adhoc("a.txt", "Le sinistre a mobilisé 120 pompiers.")
    right = adhoc("b.txt", "Around 150 firefighters fought the blaze.", lang="en")
    articles = {
        s.article: Article(id=s.article, path=s.article, text=s.span.text, sha256="")
        for s in (left, right)
    }
    group = Group(id="g", label="", statements=(left, right), confidence=1.0)
    findings = list(compare_values(CompareContext(articles, [left, right], [group])))
    assert [(f.kind, f.severity) for f in findings] == [(Kind.VALUE_MISMATCH, Severity.ERROR)]


def test_several_values_are_paired_by_head() -> None:
    findings = compare(
        "trois ministres et deux députés ont saisi la justice",
        "deux députés et quatre ministres ont saisi la justice",
    )
    assert len(findings) == 1
    assert [e.span.text for e in findings[0].evidence] == ["trois ministres", "quatre ministres"]


FRIDAY = dt.date(2026, 1, 2)


@pytest.mark.parametrize(
    ("a", "b", "when_a", "when_b"),
    [
        ("a reconnu vendredi", "a reconnu vendredi 2 janvier", FRIDAY, None),
        ("a reconnu vendredi", "a reconnu le 2 janvier 2026", FRIDAY, None),
        ("ouverte depuis l'été", "ouverte en juillet", FRIDAY, FRIDAY),
        ("ouverte depuis l'été", "ouverte en juillet", FRIDAY, None),
        ("a reconnu vendredi", "a reconnu vendredi", None, None),  # the same weekday
        # a qualified weekday places itself in another week than a bare one
        ("a reconnu vendredi", "a reconnu jeudi prochain", None, None),
        ("a reconnu vendredi et jeudi", "a reconnu lundi", None, None),  # which day is it?
        ("libérée mercredi 2 juillet", "libérée le 2 juillet", None, None),  # one weekday only
        ("libérée mercredi 2 juillet", "libérée mercredi", None, None),
        ("Début janvier, la plateforme", "le 9 janvier, la plateforme", FRIDAY, FRIDAY),
        ("une loi de 2025", "vendredi 2 janvier", FRIDAY, FRIDAY),  # a year is not paired
        # a relative date only meets its own class: here it dates another event
        ("a reconnu vendredi", "publiée la semaine dernière", FRIDAY, dt.date(2026, 1, 15)),
    ],
)
def test_compatible_or_unresolved_dates_are_not_flagged(
    a: str, b: str, when_a: dt.date | None, when_b: dt.date | None
) -> None:
    assert compare(a, b, when_a, when_b) == []


@pytest.mark.parametrize(
    ("a", "b", "when_a", "when_b", "severity"),
    [
        ("a reconnu vendredi", "a reconnu jeudi 1er janvier 2026", FRIDAY, None,
         Severity.INFO),  # only a weekday disagrees: weak evidence (calibrated)
        ("ouverte le 3 juillet 2025", "ouverte le 5 juillet 2025", None, None, Severity.ERROR),
        ("ouverte en septembre", "ouverte en juillet", FRIDAY, FRIDAY, Severity.ERROR),
        ("ouverte en septembre", "ouverte en juillet", FRIDAY, None, Severity.WARNING),
        ("une loi de 2024", "une loi de 2025", None, None, Severity.INFO),  # bare years
        # the weekday contradicts the other side's date
        ("a reconnu vendredi", "a reconnu mercredi 2 janvier", FRIDAY, None, Severity.INFO),
        ("le vendredi 2 janvier 2026", "le jeudi 2 janvier 2026", None, None, Severity.INFO),
        # one day of the month given two weekdays, years unknown: one weekday is wrong
        ("le vendredi 2 janvier", "le jeudi 2 janvier", None, None, Severity.INFO),
        # a dated weekday against an undated bare one
        ("libérée samedi 2 juillet", "libérée mercredi", None, None, Severity.INFO),
        # undated articles: bare weekdays cannot be placed, but they differ (info only)
        ("a reconnu vendredi", "a reconnu jeudi", None, None, Severity.INFO),
        ("a reconnu vendredi", "a reconnu le jeudi 1er janvier 2026", None, None, Severity.INFO),
        ("a reconnu vendredi", "a reconnu jeudi", FRIDAY, None, Severity.INFO),
    ],
)  # fmt: skip
def test_disjoint_dates_are_flagged(
    a: str, b: str, when_a: dt.date | None, when_b: dt.date | None, severity: Severity
) -> None:
    findings = compare(a, b, when_a, when_b)
    assert [(f.kind, f.severity) for f in findings] == [(Kind.DATE_MISMATCH, severity)]


@pytest.mark.parametrize(
    ("a", "b", "lang", "severity"),
    [
        ("dropped four bombs at 3:20 p.m. in the region", "dropped bombs at 2:53 p.m. local time",
         "en", Severity.WARNING),
        ("exigé le retrait avant mardi soir", "exigé le retrait avant mardi midi", "fr",
         Severity.WARNING),
        # one deadline told with other verbs ("exigé le retrait avant" / "retirés avant")
        ("a exigé le retrait, avant mardi soir, des soldats",
         "si les soldats ne s'étaient pas retirés avant mardi midi", "fr", Severity.WARNING),
        ("The army demanded a withdrawal by 6 p.m. on Tuesday.",
         "The troops had not withdrawn by noon on Tuesday.", "en", Severity.WARNING),
        # hours apart and said of other words: two moments of the story
        ("The camp was bombed at 9 a.m.", "The UN condemned the raid at 6 p.m.", "en",
         Severity.INFO),
    ],
)  # fmt: skip
def test_times_of_day_that_differ_are_flagged(
    a: str, b: str, lang: str, severity: Severity
) -> None:
    findings = compare_in(a, b, lang)
    assert [(f.kind, f.severity) for f in findings] == [(Kind.DATE_MISMATCH, severity)]
    assert findings[0].message.startswith("Time of day differs")


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("bombed at approximately 3:00 pm", "bombed at 2:53 p.m.", "en"),  # within "about"
        ("on Thursday afternoon a bomber struck", "the bombs fell at 3:20 p.m.", "en"),
        ("bombed at 3 p.m.", "bombed at 3:10 p.m.", "en"),  # a rounded hour
        ("arrived at 12:00 GMT", "bombed at 3:00 p.m.", "en"),  # a zone against local time
        ("retirés avant mardi midi (05h00 GMT)", "retirés avant mardi midi", "fr"),
        ("à 15h le 3 juillet 2025", "à 18h le 5 juillet 2025", "fr"),  # other days
    ],
)
def test_times_of_day_that_may_agree_are_not_flagged(a: str, b: str, lang: str) -> None:
    assert [f.message for f in compare_in(a, b, lang) if f.message.startswith("Time of day")] == []


def compare_in(a: str, b: str, lang: str) -> list[Finding]:
    """Two one-sentence articles through the real extract stage (the parse says what
    each time is said of)."""
    if not available(lang):
        pytest.skip(f"no dependency parser installed for {lang}")
    return list(compare_values(extracted_pair(lang, a, b)))


def test_relative_dates_of_articles_published_weeks_apart_are_not_compared() -> None:
    left = adhoc("a.txt", "Vendredi, les députés ont saisi la justice", FRIDAY)
    right = adhoc("b.txt", "X a annoncé mercredi des mesures", dt.date(2026, 1, 15))
    assert left.times[0].relative and right.times[0].relative

    def run(b_published: dt.date) -> list[Finding]:
        articles = {
            "a.txt": Article("a.txt", "a.txt", left.span.text, "", published=FRIDAY),
            "b.txt": Article("b.txt", "b.txt", right.span.text, "", published=b_published),
        }
        group = Group(id="g", label="", statements=(left, right), confidence=1.0)
        return list(compare_values(CompareContext(articles, [left, right], [group])))

    assert run(dt.date(2026, 1, 15)) == []  # thirteen days apart: different weeks
    assert [f.kind for f in run(dt.date(2026, 1, 3))] == [Kind.DATE_MISMATCH]


@pytest.mark.parametrize(
    ("a", "b", "lang", "flagged"),
    [
        ("Il risque de 2 à 5 ans de prison.", "Il risque de 2 à 8 ans de prison.", "fr", True),
        ("Les crédits devront progresser de 3 à 4 % par an.",
         "Les crédits devront progresser de 3 à 6 % par an.", "fr", True),
        ("Between 10 and 20 people died.", "Between 10 and 30 people died.", "en", True),
        # the same range in words, a figure inside the range, a round end
        ("Il risque de 2 à 5 ans de prison.", "Il risque de deux à cinq ans de prison.", "fr",
         False),
        ("Between 10 and 20 people died.", "About 15 people died.", "en", False),
        ("Between 100 and 200 people died.", "Between 100 and 210 people died.", "en", False),
    ],
)  # fmt: skip
def test_ranges_whose_ends_differ(a: str, b: str, lang: str, flagged: bool) -> None:
    findings = compare_in(a, b, lang)
    if flagged:
        assert [(f.kind, f.severity) for f in findings] == [(Kind.VALUE_MISMATCH, Severity.WARNING)]
        assert "their ends differ" in findings[0].message
    else:
        assert findings == []


@pytest.mark.parametrize(
    ("a", "b", "lang", "flagged"),
    [
        ("Après sa libération mercredi, elle est arrivée jeudi à Paris.",
         "Elle arriverait vendredi à Paris.", "fr", True),
        ("Freed on Wednesday, she arrived in Paris on Thursday.",
         "She was due to arrive in Paris on Friday.", "en", True),
        # the day said of the same word agrees; the other day is of another event
        ("Après sa libération mercredi, elle est arrivée jeudi à Paris.",
         "Elle a été libérée mercredi.", "fr", False),
        ("Freed on Wednesday, she arrived in Paris on Thursday.", "She arrived on Thursday.",
         "en", False),
        # two days said of one word: which is it?
        ("Elle a parlé vendredi et samedi.", "Elle a parlé lundi.", "fr", False),
    ],
)  # fmt: skip
def test_weekdays_of_sentences_naming_several_days(
    a: str, b: str, lang: str, flagged: bool
) -> None:
    findings = compare_in(a, b, lang)
    expected = [(Kind.DATE_MISMATCH, Severity.INFO)] if flagged else []
    assert [(f.kind, f.severity) for f in findings] == expected


def test_rounding_of_written_figures() -> None:
    assert rounding(60000) == 5000
    assert rounding(72) == 0.5
    assert rounding(1.43) == pytest.approx(0.005)


def test_format_quantity() -> None:
    (q,) = adhoc("a.txt", "plus de 20.000 images").quantities
    assert format_quantity(q) == "20,000 [20,000–∞]"
    (q,) = adhoc("a.txt", "deux ans de prison").quantities
    assert format_quantity(q) == "2 years"


@pytest.mark.parametrize(
    ("a", "lang_a", "b", "lang_b", "expected"),
    [
        ("punishable by two years in prison and a $60,000 fine", "en",
         "punishable by three years in prison and a $60,000 fine", "en", ["two years"]),
        ("puni de deux ans d’emprisonnement et de 60 000 euros d’amende", "fr",
         "punishable by two years in prison and a €45,000 fine", "en", ["60 000 euros"]),
        ("trois ministres et deux députés", "fr", "three ministers and two lawmakers", "en", []),
        # a French-style figure in an English text reads 60.0: a convention, not a finding
        ("une amende de 60 000 euros", "fr", "a fine of 60.000 euros", "en", []),
        ("le parquet a étendu vendredi son enquête", "fr",
         "prosecutors widened the probe on Thursday", "en", ["vendredi"]),
    ],
)  # fmt: skip
def test_english_and_cross_lingual_pairs(
    a: str, lang_a: str, b: str, lang_b: str, expected: list[str]
) -> None:
    left, right = adhoc("a.txt", a, FRIDAY, lang_a), adhoc("b.txt", b, FRIDAY, lang_b)
    articles = {
        s.article: Article(s.article, s.article, s.span.text, "", published=FRIDAY)
        for s in (left, right)
    }
    group = Group(id="g", label="", statements=(left, right), confidence=1.0)
    findings = list(compare_values(CompareContext(articles, [left, right], [group])))
    assert [f.evidence[0].span.text for f in findings] == expected


_SEED_SENTENCES = [
    (AFP, "puni de deux ans d'emprisonnement et de 60.000 euros"),
    (AFP, "exigeant sous 72 heures un rapport détaillé"),
    (AFP, "trois ministres et deux députés avaient annoncé saisir la justice"),
    (AFP, "le parquet de Paris a étendu vendredi une enquête ouverte depuis l'été"),
    (AFP, "L'enquête initiale contre X avait été ouverte en juillet"),
    (MONDE, "avec 1,43 million de publications"),
    (MONDE, "une augmentation de 400 % de ces images"),
]


def _retypeset(text: str, choices: list[int]) -> str:
    """The same words with other typography: apostrophes, spaces, digit grouping."""
    variants = [
        lambda t: t.replace("'", "’"),
        lambda t: re.sub(r"(\d)\.(\d{3})", "\\1\u202f\\2", t),
        lambda t: re.sub(r"(\d)\.(\d{3})", "\\1\u00a0\\2", t),
        lambda t: t.replace(" %", "\u00a0%"),
        lambda t: t.replace(" ", "  "),
    ]
    for i in choices:
        text = variants[i](text)
    return text


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_SEED_SENTENCES),
    st.lists(st.integers(min_value=0, max_value=4), max_size=4),
)
def test_typographic_variants_are_never_flagged(
    source: tuple[str, str], choices: list[int]
) -> None:
    article, quote = source
    original = seed_statement(article, quote)
    text = _retypeset(original.span.text, choices)
    other = adhoc("b.txt", text, published(article))
    articles = {
        s.article: Article(id=s.article, path=s.article, text=seed_text(s.article), sha256="")
        for s in (original,)
    } | {"b.txt": Article(id="b.txt", path="b.txt", text=text, sha256="")}
    # the variant reads the same values and times, and nothing is flagged
    assert [value_key(q) for q in other.quantities] == [value_key(q) for q in original.quantities]
    assert [time_key(t) for t in other.times] == [time_key(t) for t in original.times]
    group = Group(id="g", label="", statements=(original, other), confidence=1.0)
    assert list(compare_values(CompareContext(articles, [original, other], [group]))) == []


@pytest.mark.parametrize(
    ("lang", "a", "b", "loud"),
    [
        # the same event dated twice: a discrepancy
        ("en", "South Sudan became independent in July 2011.",
         "South Sudan became independent in June 2011.", True),
        ("fr", "Le juge a été saisi le 3 juillet 2025.", "Le juge a été saisi le 5 juillet 2025.",
         True),
        ("en", "The bridge was bombed on 8 November 2011.",
         "The bombing of the bridge on 9 November 2011 killed two.", True),
        # one event told with other verbs, days apart: still a discrepancy
        ("fr", "Le feu s'est déclaré le 3 juillet 2025.", "L'incendie a éclaté le 5 juillet 2025.",
         True),
        # the dates of two events of one story: months apart, said of different verbs: info
        ("en", "South Sudan became independent in July 2011.",
         "The South Sudanese voted to secede in January 2011.", False),
        ("fr", "Le juge a été saisi le 3 juillet 2025.",
         "L'enquête avait été ouverte le 5 mars 2025.", False),
    ],
)  # fmt: skip
def test_a_date_is_compared_with_a_date_of_the_same_event(
    lang: str, a: str, b: str, loud: bool
) -> None:
    if not available(lang):
        pytest.skip(f"no dependency parser installed for {lang}")
    dates = [
        f for f in list(compare_values(extracted_pair(lang, a, b))) if f.kind is Kind.DATE_MISMATCH
    ]
    assert dates, "the two dates differ: a finding at some severity"
    assert any(f.severity >= Severity.WARNING for f in dates) == loud


def test_a_group_compares_each_pair_of_shapes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """60 outlets printing one of 3 sentences: 60·59/2 pairs of statements, at most 3²
    comparisons, and every pair still has its own findings."""
    from factcheck.compare import values

    calls = []
    real = values._value_outcomes

    def counted(a: Statement, b: Statement) -> list[Any]:
        calls.append((a.span.text, b.span.text))
        return real(a, b)

    monkeypatch.setattr(values, "_value_outcomes", counted)
    texts = [f"Le séisme a fait {n} morts." for n in (12, 19, 25)]
    statements = [adhoc(f"a{i:02d}.txt", texts[i % 3]) for i in range(60)]
    articles = {
        s.article: Article(id=s.article, path=s.article, text=s.span.text, sha256="")
        for s in statements
    }
    group = Group(id="g", label="", statements=tuple(statements), confidence=1.0)
    findings = list(compare_values(CompareContext(articles, statements, [group])))
    assert len(calls) <= 3 * 3
    # Each of the 3 values against each other: 20 outlets × 20 outlets per pair of values.
    assert len(findings) == 3 * 20 * 20
    assert {f.evidence[0].span.article for f in findings} >= {"a00.txt", "a01.txt"}
