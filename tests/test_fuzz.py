"""Fuzzing: random article text through every text-reading stage and the whole check.

The strategies mix what news text is made of (French and English words, month
and weekday names, numbers with every separator, all kinds of quotation marks,
newlines) with what it should survive (random Unicode from any script,
combining marks, controls, bidi characters). Every stage must return without
an exception, and every span it reports must be a true slice of the article:
``text[start:end] == span.text``.

Profiles (tests/conftest.py): ``ci`` (the default, bounded) and ``long`` for
local runs: ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.boilerplate import find_excluded
from factcheck.errors import InputError
from factcheck.extract import build_entities
from factcheck.extract.dates import extract_times
from factcheck.extract.quotes import extract_quotes
from factcheck.extract.values import extract_quantities
from factcheck.model import Article, Span, make_span
from factcheck.normalize import normalize
from factcheck.segment import segment

# Words of French and English news copy (space-separated, one token each).
VOCABULARY = (
    "le la les de du des et à a été M. Mme Dr etc. ministre parquet amende euros € EUR $ "
    "dollars millions milliard mille deux trois dix vingt soixante cent ans heures jours "
    "pour cent % semaine dernière hier aujourd'hui l'été l’été depuis premier semestre "
    "the of and said fine million years hours percent last week yesterday a dozen "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "January February March May July December lundi mardi mercredi jeudi vendredi samedi "
    "dimanche Monday Friday Sunday 1er 2e neuvième ninth a déclaré a écrit selon affirme "
    "said told according to Grok xAI Musk Macron AFP Reuters Le Monde ( ) , ; : . ! ? … - – —"
)
WORDS = VOCABULARY.split()
QUOTES = ("«", "»", "« ", " »", '"', "“", "”", "‘", "’", "'", "‹", "›", "„")
SEPARATORS = (".", ",", " ", "\u00a0", "\u202f", "'", "’", "")
STRANGE = (
    "\u0301",  # combining acute
    "\u0327",  # combining cedilla
    "\u200b",  # zero-width space
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte-order mark inside the text
    "\x1b[31m",  # ANSI colour
    "\t",
    "\r\n",
    "\r",
    "ﬁ",  # ligature
    "İ",  # lower-cases to two code points
    "ß",  # case-folds to two code points
    "Ⅻ",  # a number that is a letter
    "٣",  # an Arabic-Indic digit
    "３",  # a full-width digit
)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Digits with random thousands/decimal separators, sometimes a sign or a unit."""
    groups = draw(st.lists(st.integers(0, 999), min_size=1, max_size=4))
    sep = draw(st.sampled_from(SEPARATORS))
    text = str(groups[0]) + "".join(f"{sep}{g:03d}" for g in groups[1:])
    if draw(st.booleans()):
        text += draw(st.sampled_from((",", "."))) + str(draw(st.integers(0, 99)))
    return text + draw(st.sampled_from(("", " %", "%", " €", " euros", " ans", "e", "er")))


# Any Unicode except surrogates (not valid in text read from a file).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)

TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTES),
    st.sampled_from(STRANGE),
    numbers(),
    ANY_TEXT,
    st.just("\n"),
    st.just("\n\n"),
)
ARTICLE_TEXT = st.lists(TOKENS, max_size=80).map(" ".join)
LANGS = st.sampled_from(("fr", "en", "und"))


def _article(text: str, article_id: str = "a.txt") -> Article:
    return Article(
        id=article_id, path=article_id, text=text, sha256="", excluded=find_excluded(text)
    )


def _assert_slices(text: str, spans: Iterable[Span | None]) -> None:
    for span in spans:
        if span is not None:
            assert 0 <= span.start <= span.end <= len(text), span
            assert text[span.start : span.end] == span.text, span


def _whole(text: str) -> Span:
    return make_span("a.txt", text, 0, len(text))


@given(ARTICLE_TEXT, st.booleans())
def test_normalize_maps_every_span_back_into_the_original(text: str, strip: bool) -> None:
    view = normalize(text, strip_accents=strip)
    for start in range(0, len(view.text) + 1, 3):
        for end in (start, min(len(view.text), start + 5), len(view.text)):
            o_start, o_end = view.to_original(start, end)
            assert 0 <= o_start <= o_end <= len(text)


@given(ARTICLE_TEXT)
def test_segment_returns_true_slices_in_order(text: str) -> None:
    segments = segment(_article(text))
    _assert_slices(text, (s.span for s in segments))
    starts = [s.span.start for s in segments]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(segments))


@given(ARTICLE_TEXT, LANGS)
@example("0 100.000.000", "fr")  # mixed grouping marks: crashed float() before the fix
@example("1,000.000.000 $", "en")
@example("0.000 100", "fr")
def test_extract_quantities_returns_true_slices(text: str, lang: str) -> None:
    for seg in segment(_article(text)):
        _assert_slices(text, (q.span for q in extract_quantities(seg.span, lang)))
    _assert_slices(text, (q.span for q in extract_quantities(_whole(text), lang)))


@given(ARTICLE_TEXT, LANGS, st.one_of(st.none(), st.dates(dt.date(1900, 1, 1))))
def test_extract_times_returns_true_slices(text: str, lang: str, published: dt.date | None) -> None:
    _assert_slices(text, (t.span for t in extract_times(_whole(text), lang, published)))


@given(ARTICLE_TEXT, LANGS)
def test_extract_quotes_returns_true_slices(text: str, lang: str) -> None:
    sentences = [s.span for s in segment(_article(text))]
    for i, sentence in enumerate(sentences):
        for quote in extract_quotes(sentence, lang, previous=sentences[max(0, i - 3) : i]):
            _assert_slices(text, (quote.span, quote.speaker))


@given(ARTICLE_TEXT, ARTICLE_TEXT)
def test_entity_mentions_are_true_slices(text: str, other: str) -> None:
    articles = [_article(text), _article(other, "b.txt")]
    segments = {a.id: segment(a) for a in articles}
    graph = build_entities(articles, segments)
    for seg in segments["a.txt"]:
        _assert_slices(text, (m.span for m in graph.mentions(seg.span)))


PROSE = "Le parquet a requis une amende de 60.000 euros et deux ans de prison vendredi.\n"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ARTICLE_TEXT, ARTICLE_TEXT)
def test_whole_check_on_two_random_articles(tmp_path: Path, first: str, second: str) -> None:
    # A fixed sentence keeps both articles usable and gives the aligner something to group.
    texts = {"a.txt": PROSE + first, "b.txt": second + "\n" + PROSE.replace("60.000", "45 000")}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    try:
        report = factcheck.check(
            [str(tmp_path / name) for name in texts], factcheck.Options(model="hash-3gram-256")
        )
    except InputError as exc:
        # The documented refusal (docs/input.md: NUL bytes or mostly controls), not a crash.
        assert exc.problem.startswith("binary file ("), exc
        return
    decoded = {a.id: a.text for a in report.articles}
    # A leading BOM is the one thing decoding removes (utf-8-sig).
    assert decoded == {name: text.removeprefix("\ufeff") for name, text in texts.items()}
    for group in report.groups:
        for statement in group.statements:
            _assert_slices(decoded[statement.span.article], [statement.span])
    for finding in report.findings:
        for evidence in finding.evidence:
            _assert_slices(decoded[evidence.span.article], [evidence.span])
