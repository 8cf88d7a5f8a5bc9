"""Date and time expressions: a table of French and English expressions, resolution rules."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import extract_times, time_key
from factcheck.model import Span, TimeExpr

TABLE = Path(__file__).parent / "data" / "values" / "times.tsv"
FR_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _rows() -> list[tuple[str, ...]]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


ROWS = _rows()


def times(text: str, lang: str, published: dt.date | None, prefix: str = "") -> list[TimeExpr]:
    article = prefix + text
    return extract_times(Span("a", len(prefix), len(article), text), lang, published)


def _date(value: str) -> dt.date | None:
    return None if value == "-" else dt.date.fromisoformat(value)


def test_table_size() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[1]}:{r[2][:40]}" for r in ROWS])
def test_table(row: tuple[str, ...]) -> None:
    lang, published, sentence, span = row[:4]
    found = times(sentence, lang, _date(published))
    if span == "-":
        assert found == [], [t.span.text for t in found]
        return
    start, end, granularity, label = row[4:]
    matching = [t for t in found if t.span.text == span]
    assert matching, f"no time spanning {span!r}: {[t.span.text for t in found]}"
    t = matching[0]
    assert (t.start, t.end) == (_date(start), _date(end))
    assert t.granularity == granularity
    assert t.label == (None if label == "-" else label)


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    friday = dt.date(2026, 1, 2)
    for offset in range(7):
        published = friday + dt.timedelta(days=offset)
        (t,) = times("a reconnu vendredi", "fr", published)
        assert t.start == t.end
        assert t.start is not None and t.start.weekday() == 4
        assert 0 <= (published - t.start).days < 7
        assert t.relative


def test_month_after_publication_month_is_previous_year() -> None:
    published = dt.date(2026, 3, 15)
    for month, name in enumerate(FR_MONTHS, start=1):
        (t,) = times(f"ouverte en {name}", "fr", published)
        assert t.start is not None
        assert t.start.year == (2026 if month <= 3 else 2025)


def test_spans_point_into_the_article() -> None:
    prefix = "Titre\n\n"
    sentence = "Le parquet a étendu vendredi 2 janvier une enquête ouverte depuis l’été."
    article = prefix + sentence
    found = times(sentence, "fr", dt.date(2026, 1, 2), prefix)
    assert [t.span.text for t in found] == ["vendredi 2 janvier", "l’été"]
    for t in found:
        assert article[t.span.start : t.span.end] == t.span.text


def test_time_key_only_for_resolved() -> None:
    (resolved,) = times("vendredi", "fr", dt.date(2026, 1, 2))
    (unresolved,) = times("vendredi", "fr", None)
    assert time_key(resolved) == ("2026-01-02", "2026-01-02")
    assert time_key(unresolved) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_every_written_form_of_a_date_resolves_to_it(day: dt.date) -> None:
    fr_day = "1er" if day.day == 1 else str(day.day)
    en_month = day.strftime("%B")
    forms = [
        ("fr", f"le {fr_day} {FR_MONTHS[day.month - 1]} {day.year}"),
        ("fr", f"{FR_WEEKDAYS[day.weekday()]} {day.day} {FR_MONTHS[day.month - 1]} {day.year}"),
        ("fr", day.strftime("%d/%m/%Y")),
        ("fr", day.isoformat()),
        ("en", f"{en_month} {day.day}, {day.year}"),
        ("en", f"{day.day} {en_month} {day.year}"),
        ("en", day.isoformat()),
    ]
    for lang, form in forms:
        found = times(f"Il a parlé {form}.", lang, None)
        assert [(t.start, t.end) for t in found] == [(day, day)], (lang, form)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=10), st.dates())
def test_spans_always_match_the_text(sentence: str, prefix: str, published: dt.date) -> None:
    article = prefix + sentence
    for lang in ("fr", "en"):
        for t in times(sentence, lang, published, prefix):
            assert article[t.span.start : t.span.end] == t.span.text
            assert t.start is None or t.end is None or t.start <= t.end


def test_extraction_speed(capsys: pytest.CaptureFixture[str]) -> None:
    """Report the time per 1,000 sentences (a measurement, with a generous bound)."""
    sentences = [(row[0], row[2]) for row in ROWS] * 10
    published = dt.date(2026, 1, 15)
    start = time.perf_counter()
    for lang, sentence in sentences:
        times(sentence, lang, published)
    per_1000 = (time.perf_counter() - start) / len(sentences) * 1000
    with capsys.disabled():
        print(f"\nextract_times: {per_1000:.3f} s per 1,000 sentences")
    assert per_1000 < 10


# A clock time is a time of day only when it says so (a.m./p.m., a zone) or follows
# an intro word or a day; a figure in hours may be a duration or a distance.
CLOCKS = [
    ("en", "dropped four bombs at 3:20 p.m. in the region", "3:20 p.m.", (920, 920), None),
    ("en", "attacked the camp at 2:53 p.m. local time today", "2:53 p.m. local time",
     (893, 893), ""),
    ("en", "at approximately 3:00 pm, the camp was bombed", "3:00 pm", (870, 930), None),
    ("en", "he arrived at about 12:00 GMT on Thursday", "12:00 GMT", (690, 750), "+00:00"),
    ("en", "on Thursday afternoon a bomber struck", "afternoon", (720, 1080), None),
    ("en", "the vote closed at 14:30", "14:30", (870, 870), None),
    ("en", "talks resumed at noon", "noon", (720, 720), None),
    ("fr", "exigé le retrait, avant mardi soir, des soldats", "soir", (1080, 1439), None),
    ("fr", "retirés avant mardi midi (05h00 GMT)", "midi", (720, 720), None),
    ("fr", "retirés avant mardi midi (05h00 GMT)", "05h00 GMT", (300, 300), "+00:00"),
    ("fr", "la réunion a commencé vers 15 heures", "15 heures", (870, 930), None),
    ("fr", "il est arrivé à 14h05", "14h05", (845, 845), None),
    ("fr", "un sommet à 20h00 heure de Paris", "20h00 heure de Paris", (1200, 1200),
     "Europe/Paris"),
]  # fmt: skip
NOT_CLOCKS = [
    ("en", "the meeting lasted 3:20 into the game, at 3:20 sharp"),  # morning or afternoon?
    ("en", "a 5:1 vote and a 2:03:59 marathon"),
    ("en", "every night the shelling went on"),
    ("fr", "le trajet a duré 2h30 en moyenne"),  # a duration
    ("fr", "le village est à 2 heures de route de Paris"),  # a distance
    ("fr", "les 24h du Mans, sous 72 heures"),
    ("fr", "le soir, la ville se vide"),  # a part of the day without a day
]


@pytest.mark.parametrize(("lang", "sentence", "span", "clock", "zone"), CLOCKS)
def test_clock_times(
    lang: str, sentence: str, span: str, clock: tuple[int, int], zone: str | None
) -> None:
    found = [t for t in times(sentence, lang, None, prefix="Titre. ") if t.clock is not None]
    matching = [t for t in found if t.span.text == span]
    assert matching, [t.span.text for t in found]
    t = matching[0]
    assert (t.clock, t.zone, t.granularity, t.start) == (clock, zone, "clock", None)
    assert t.label is not None and t.label.startswith(f"{clock[0] // 60:02d}:")


DEADLINES = [
    ("fr", "exigé le retrait, avant mardi soir, des soldats", "soir", True),
    ("fr", "retirés avant mardi midi (05h00 GMT)", "midi", True),
    ("fr", "une réponse attendue d'ici mardi soir", "soir", True),
    ("fr", "la réunion a commencé vers 15 heures", "15 heures", False),
    ("fr", "il est arrivé mardi soir", "soir", False),
    ("en", "ordered them out by 6 p.m. on Tuesday", "6 p.m.", True),
    ("en", "troops must leave before Tuesday noon", "noon", True),
    ("en", "dropped four bombs at 3:20 p.m. in the region", "3:20 p.m.", False),
]


@pytest.mark.parametrize(("lang", "sentence", "span", "deadline"), DEADLINES)
def test_a_time_stated_as_a_limit_is_a_deadline(
    lang: str, sentence: str, span: str, deadline: bool
) -> None:
    (t,) = [t for t in times(sentence, lang, None) if t.span.text == span and t.clock]
    assert t.deadline is deadline


@pytest.mark.parametrize(("lang", "sentence"), NOT_CLOCKS)
def test_figures_in_hours_that_are_not_times_of_day(lang: str, sentence: str) -> None:
    assert [t.span.text for t in times(sentence, lang, None) if t.clock is not None] == []
