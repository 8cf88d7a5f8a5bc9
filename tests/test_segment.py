"""Sentence and paragraph segmentation with offsets into the original text."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.boilerplate import find_excluded
from factcheck.ingest import load_articles
from factcheck.model import Article, Segment
from factcheck.options import Options
from factcheck.segment import MAX_SENTENCE_CHARS, segment
from tests.conftest import load_gold

ROOT = Path(__file__).resolve().parents[1]


def _article(text: str, excluded: tuple[tuple[int, int, str], ...] = ()) -> Article:
    return Article(id="a.txt", path="a.txt", text=text, sha256="", excluded=excluded)


def _texts(text: str) -> list[str]:
    return [s.span.text for s in segment(_article(text))]


def _holding(segments: list[Segment], text: str, needle: str) -> Segment:
    i = text.find(needle)
    assert i >= 0, needle
    found = [s for s in segments if s.span.start <= i and i + len(needle) <= s.span.end]
    assert found, f"{needle!r} is cut across sentences"
    return found[0]


def test_splits_french_sentences() -> None:
    assert _texts("Le parquet a ouvert une enquête. Il a entendu trois témoins! Et ensuite ?") == [
        "Le parquet a ouvert une enquête.",
        "Il a entendu trois témoins!",
        "Et ensuite ?",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont a été élu maire en 2020.",
        "Mme Martin et Dr. Durand ont signé, etc. avec le maire.",
        "L'amende s'élève à 60.000 euros pour 1,43 million de publications.",
        "Le roman de J. K. Rowling est sorti aux U.S. en juin.",
        "Mr. Smith met Prof. Jones at St. Andrews on Jan. 5 in the morning.",
        "« Nous corrigeons. Nous ferons mieux », a déclaré M. Musk.",
        '"We are fixing it. We will do better," Mr. Musk said.',
    ],
)
def test_does_not_split_abbreviations_numbers_initials_or_quotes(text: str) -> None:
    assert _texts(text) == [text]


def test_etc_ends_a_sentence_before_a_capital() -> None:
    assert _texts("Des pommes, des poires, etc. Le reste a été vendu. Éric est parti.") == [
        "Des pommes, des poires, etc.",
        "Le reste a été vendu.",
        "Éric est parti.",
    ]


def test_splits_after_a_closing_quote() -> None:
    assert _texts("Il a dit « c'est fini. » Le lendemain, il est revenu.") == [
        "Il a dit « c'est fini. »",
        "Le lendemain, il est revenu.",
    ]


def test_attribution_broken_onto_next_line_stays_with_its_quote() -> None:
    text = "« Nous avons identifié des failles »\n, a écrit le compte X de Grok.\nLa suite.\n"
    sentences = _texts(text)
    assert sentences[0] == "« Nous avons identifié des failles »\n, a écrit le compte X de Grok."
    assert sentences[1] == "La suite."


def test_paragraphs_are_numbered_and_lower_case_lines_continue() -> None:
    text = "Titre sans point\nLe texte commence\nici et continue. Deuxième phrase.\n\nAutre."
    segments = segment(_article(text))
    assert [(s.paragraph, s.span.text) for s in segments] == [
        (0, "Titre sans point"),
        (1, "Le texte commence\nici et continue."),
        (1, "Deuxième phrase."),
        (2, "Autre."),
    ]


def test_text_hard_wrapped_at_a_fixed_width_joins_its_lines() -> None:
    text = (
        "Le ministre de l'Intérieur a annoncé lundi la création de 1 500 postes\n"
        "de policiers supplémentaires d'ici à 2027, selon un communiqué publié par\n"
        "Beauvau. Cette annonce intervient après plusieurs mois de tensions avec\n"
        "les syndicats de police, qui réclamaient davantage de moyens humains et\n"
        "Matériels depuis le printemps.\n"
        "\n"
        "Le budget sera présenté en conseil des ministres le mois prochain.\n"
    )
    segments = segment(_article(text))
    assert [(s.paragraph, s.span.text.split()[0]) for s in segments] == [
        (0, "Le"),
        (0, "Cette"),
        (1, "Le"),
    ]


def test_excluded_ranges_are_hard_boundaries_and_tag_their_segments() -> None:
    text = "Légende de la photo. JEAN DUPONT / AFP\nLe vrai texte commence ici."
    caption_end = text.index("\n")
    segments = segment(_article(text, ((0, caption_end, "caption"),)))
    assert [s.excluded for s in segments] == ["caption", "caption", None]
    assert segments[-1].span.text == "Le vrai texte commence ici."


def test_crlf_text_keeps_exact_offsets() -> None:
    text = "Première phrase.\r\nDeuxième phrase.\r\n\r\nTroisième."
    segments = segment(_article(text))
    assert [s.span.text for s in segments] == ["Première phrase.", "Deuxième phrase.", "Troisième."]
    assert all(text[s.span.start : s.span.end] == s.span.text for s in segments)


def test_a_huge_line_is_cut_into_bounded_sentences_in_linear_time() -> None:
    text = "mot " * 2_500_000  # 10 MB, one line, no punctuation
    started = time.perf_counter()
    segments = segment(_article(text))
    elapsed = time.perf_counter() - started
    assert all(len(s.span.text) <= MAX_SENTENCE_CHARS for s in segments)
    assert segments[0].span.start == 0 and segments[-1].span.end == len(text.rstrip())
    assert elapsed < 20, elapsed


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*list('aZé .!?«»"\n,M1'), "\xa0", "’"]), max_size=200))
def test_spans_always_point_into_the_text_in_order(text: str) -> None:
    segments = segment(_article(text))
    for s in segments:
        assert text[s.span.start : s.span.end] == s.span.text
        assert s.span.text.strip() == s.span.text != ""
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(segments))
    # Nothing but white space falls between sentences.
    gaps, pos = [], 0
    for seg in segments:
        gaps.append(text[pos : seg.span.start])
        pos = seg.span.end
    gaps.append(text[pos:])
    assert "".join(gaps).strip() == ""


def _seed_segments() -> dict[str, tuple[Article, list[Segment]]]:
    articles, _ = load_articles([ROOT / "seeds"], Options())
    return {a.id: (a, segment(a)) for a in articles}


def test_every_gold_quote_lies_in_one_sentence_of_the_seeds() -> None:
    gold = load_gold()
    seeds = _seed_segments()
    statements = [s for g in gold["groups"] for s in g["statements"]]
    statements += [s for f in gold["expected_findings"] for s in f["statements"]]
    for statement in statements:
        article, segments = seeds[statement["article"]]
        assert _holding(segments, article.text, statement["quote"]).excluded is None


def test_no_must_not_align_quote_is_in_a_prose_segment() -> None:
    gold = load_gold()
    seeds = _seed_segments()
    for entry in gold["must_not_align"]:
        for statement in entry["statements"]:
            article, segments = seeds[statement["article"]]
            i = article.text.find(statement["quote"])
            end = i + len(statement["quote"])
            prose = [
                s for s in segments if s.excluded is None and s.span.start < end and i < s.span.end
            ]
            assert not prose, statement["quote"]


def test_seed_002_quotes_keep_their_broken_line_attribution() -> None:
    article, segments = _seed_segments()["002_b648ab011321f28c.txt"]
    sentence = _holding(segments, article.text, "Nous avons identifié des failles")
    assert "a écrit le compte X de Grok" in sentence.span.text


_LINES = st.sampled_from(
    [
        "Le parquet a ouvert une enquête. M. Dupont a parlé.",
        "« Nous corrigeons », a dit X.",
        ", a écrit le compte X.",
        "Newsletter",
        "S’inscrire",
        "Lire aussi | Une autre histoire",
        "Tags : a, b",
        "Tech | IA | Business",
        "Photo : JEAN DUPONT / AFP",
        "Mercredi 7 Janvier 2026",
        " date 2026-01-02 Légende. ( AFP / Nom )",
        "",
        "   ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_LINES | st.text(max_size=30), max_size=25), st.sampled_from(["\n", "\r\n", "\n\n"])
)
def test_segments_are_wholly_inside_or_outside_excluded_ranges(lines: list[str], eol: str) -> None:
    text = eol.join(lines)
    article = _article(text, find_excluded(text))
    for seg in segment(article):
        assert text[seg.span.start : seg.span.end] == seg.span.text
        inside = [r for s, e, r in article.excluded if s <= seg.span.start and seg.span.end <= e]
        touching = [r for s, e, r in article.excluded if s < seg.span.end and seg.span.start < e]
        assert seg.excluded == (inside[0] if inside else None)
        assert len(touching) == len(inside)
