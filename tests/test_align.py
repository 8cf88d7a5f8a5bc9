"""The align stage: grouping invariants, hybrid scoring, seeds gold, cross-lingual fixtures."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.align import align, single_source
from factcheck.align.candidates import Search, candidate_pairs
from factcheck.align.embed import DEFAULT_MODEL, EMBEDDERS, HashEmbedder
from factcheck.align.score import anchors, boilerplate_score, profile, tokens
from factcheck.model import Group, Quantity, Span, Statement, ValueKind
from tests.conftest import load_gold, shared_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "align"

STORY = {
    "a": [
        "Le délit est puni de deux ans d'emprisonnement et de 60.000 euros, a rappelé le parquet.",
        "Le ministère indien a exigé sous 72 heures un rapport détaillé sur les mesures prises.",
        "La météo sera clémente ce week-end sur la côte.",
        "L'enquête initiale contre X avait été ouverte en juillet.",
    ],
    "b": [
        "L'enquête visant X est ouverte depuis juillet, a précisé le parquet.",
        "Ce délit est puni de deux ans d’emprisonnement et de 60 000 euros d’amende.",
        "Le club de football local a gagné son match dimanche.",
    ],
    "c": [
        "Le délit est puni de deux ans d'emprisonnement et de 60.000 euros.",
        "Le ministère indien a exigé un rapport sous 72 heures.",
        "L'enquête initiale contre X avait été ouverte en juillet.",
        "Un nouveau restaurant a ouvert ses portes dans le quartier.",
    ],
}


def build(articles: dict[str, list[str]]) -> list[Statement]:
    """Statements with real spans: each article's text is its sentences joined by spaces."""
    out = []
    for article, sentences in articles.items():
        text = " ".join(sentences)
        at = 0
        for sentence in sentences:
            start = text.index(sentence, at)
            at = start + len(sentence)
            out.append(Statement(Span(article, start, at, sentence)))
    return out


def signature(groups: Sequence[Group]) -> list[tuple[str, tuple[str, ...]]]:
    return [(g.id, tuple(s.id for s in g.statements)) for g in groups]


def test_groups_hold_the_same_facts_across_articles() -> None:
    groups = align(build(STORY), HashEmbedder())
    texts = [sorted(s.span.text[:20] for s in g.statements) for g in groups]
    assert any(
        all(t.startswith(("Le délit", "Ce délit")) for t in g) and len(g) == 3 for g in texts
    )
    assert any(all("enquête" in t for t in g) for g in texts)
    assert not any(
        any(w in t for t in g for w in ("météo", "football", "restaurant")) for g in texts
    )


def test_group_invariants() -> None:
    statements = build(STORY)
    for g in align(statements, HashEmbedder()):
        articles = [s.article for s in g.statements]
        assert len(set(articles)) == len(articles) >= 2  # cross-article, one per article
        assert 0.0 <= g.confidence <= 1.0
        assert 0 < len(g.label) <= 91
        ids = "\n".join(s.id for s in g.statements)
        assert g.id == "g-" + hashlib.sha256(ids.encode()).hexdigest()[:12]


def test_threshold_override() -> None:
    statements = build(STORY)
    assert align(statements, HashEmbedder(), threshold=1.01) == []
    assert len(align(statements, HashEmbedder(), threshold=0.0)) >= len(
        align(statements, HashEmbedder())
    )


def test_one_article_aligns_nothing() -> None:
    assert align(build({"a": STORY["a"]}), HashEmbedder()) == []


@settings(max_examples=25, deadline=None)
@given(st.permutations(sorted(STORY)), st.randoms(use_true_random=False))
def test_input_order_does_not_change_groups(order: list[str], rnd: object) -> None:
    expected = signature(align(build(STORY), HashEmbedder()))
    shuffled = build({name: STORY[name] for name in order})
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert signature(align(shuffled, HashEmbedder())) == expected


def test_ann_search_finds_the_exact_neighbours() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(40, 64))
    vectors = np.repeat(centres, 5, axis=0) + 0.05 * rng.normal(size=(200, 64))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    article_of = np.tile(np.arange(5), 40)
    none: list[frozenset[str]] = [frozenset()] * 200
    exact, _ = candidate_pairs(vectors, article_of, none, Search(8, 0.5, 10_000, 0))
    ann, cos = candidate_pairs(vectors, article_of, none, Search(8, 0.5, 0, 0))
    assert {tuple(p) for p in exact.tolist()} == {tuple(p) for p in ann.tolist()}
    assert (cos > 0.5).all()
    assert len(ann) < 200 * 199 / 2 / 10  # far from all pairs


def test_ann_path_gives_the_same_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.align as align_module

    statements = build(STORY)
    exact = signature(align(statements, HashEmbedder()))
    settings = align_module.config()
    forced = {**settings, "search": {**settings["search"], "exact_limit": 0}}
    monkeypatch.setattr(align_module, "config", lambda: forced)
    assert signature(align(statements, HashEmbedder())) == exact


def test_rare_shared_anchor_makes_a_candidate() -> None:
    vectors = np.eye(3, dtype=np.float32)  # orthogonal: no neighbour by cosine
    keys = [frozenset({"n:72"}), frozenset({"n:72"}), frozenset()]
    pairs, _ = candidate_pairs(vectors, np.arange(3), keys, Search(2, 0.5, 100, 8))
    assert pairs.tolist() == [[0, 1]]


def test_anchors_use_extractions_and_text() -> None:
    text = (
        'Il a écrit "nous corrigeons les failles de toute urgence" sous 72 heures et 60 000 euros.'
    )
    span = Span("a", 0, len(text), text)
    quantity = Quantity(Span("a", 67, 69, "72"), 72.0, 72.0, 72.0, ValueKind.DURATION, "hour")
    keys = anchors(Statement(span, quantities=(quantity,)))
    assert {"v:duration:hour:72", "n:72", "n:60000"} <= keys
    assert any(k.startswith("q:") and "failles" in k for k in keys)


def test_tokens_ignore_function_words_and_typography() -> None:
    assert tokens("L’enquête de la Justice a 60.000 euros") == [
        "enquete",
        "justice",
        "60000",
        "euros",
    ]
    assert profile(build({"a": ["Le délit est puni."]})[0]).tokens == {"delit", "puni"}


def test_boilerplate_looks_like_boilerplate() -> None:
    assert (
        boilerplate_score("Accédez à tous nos contenus en illimité à partir de 6,99 €/mois.") >= 0.5
    )
    assert boilerplate_score("Lire aussi | Article réservé à nos abonnés Un titre") >= 0.5
    assert boilerplate_score("Technologies | IA | Entretiens | Usages") >= 0.5
    assert boilerplate_score("Le parquet de Paris a étendu vendredi son enquête visant X.") == 0.0


def test_single_source_lists_unaligned_checkable_statements() -> None:
    statements = build(STORY)
    groups = align(statements, HashEmbedder())
    alone = [s.span.text for s in single_source(statements, groups)]
    assert alone == []  # nothing unaligned carries a number, date, quote or name
    extra = build({"d": ["Le bilan fait état de 1.250 victimes selon la préfecture."]})
    assert [s.span.text for s in single_source(statements + extra, groups)] == [extra[0].span.text]


# --- real model, gold data -------------------------------------------------


def _gold_statements() -> tuple[list, list[Statement]]:
    from benchmarks.harness import seed_statements

    articles, statements, _ = seed_statements()
    return articles, statements


@pytest.fixture(scope="module")
def seed_groups() -> tuple[list, list[Group]]:
    articles, statements = _gold_statements()
    return articles, align(statements, EMBEDDERS[DEFAULT_MODEL]())


def _in_one_group(
    groups: Sequence[Group], articles: list, quotes: Sequence[tuple[str, str]]
) -> bool:
    names = {a.id: Path(a.path).name for a in articles}
    texts = {Path(a.path).name: a.text for a in articles}

    def hits(s: Statement, name: str, quote: str) -> bool:
        at = texts[name].find(quote)
        assert at >= 0, quote
        return names[s.article] == name and s.span.start < at + len(quote) and at < s.span.end

    return any(all(any(hits(s, n, q) for s in g.statements) for n, q in quotes) for g in groups)


@pytest.mark.slow
def test_seed_gold_pair_f1(seed_groups: tuple[list, list[Group]]) -> None:
    from benchmarks.harness import gold_metrics

    shared_file("eval", "seeds_gold.json")
    shared_file("eval", "score.py")

    articles, groups = seed_groups
    metrics = gold_metrics(articles, groups)
    assert metrics["pair_f1"] >= 0.85, metrics
    assert metrics["must_not_align_violations"] == 0, metrics


@pytest.mark.slow
@pytest.mark.parametrize("group_id", ["india-72h", "musk-consequences", "penalty"])
def test_seed_named_pairs_align(seed_groups: tuple[list, list[Group]], group_id: str) -> None:
    articles, groups = seed_groups
    gold = load_gold()
    (wanted,) = [g for g in gold["groups"] if g["id"] == group_id]
    quotes = [(s["article"], s["quote"]) for s in wanted["statements"]]
    assert _in_one_group(groups, articles, quotes)


@pytest.mark.slow
def test_generic_words_do_not_align() -> None:
    statements = build(
        {
            "a": ["Le gouvernement a annoncé vendredi de nouvelles mesures pour la population."],
            "b": ["Les députés ont annoncé vendredi de nouvelles mesures pour le climat."],
            "c": ["Le parquet a ouvert une enquête sur les faits signalés dans la région."],
        }
    )
    assert align(statements, EMBEDDERS[DEFAULT_MODEL]()) == []


@pytest.mark.slow
def test_english_wire_and_french_rewrite_align() -> None:
    from benchmarks.harness import gold_metrics, seed_statements

    shared_file("eval", "score.py")  # gold_metrics scores with the reference scorer

    articles, statements, _ = seed_statements(FIXTURES / "articles")
    groups = align(statements, EMBEDDERS[DEFAULT_MODEL]())
    gold = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))
    for group in gold["groups"]:
        en = [
            (s["article"], s["quote"]) for s in group["statements"] if s["article"] == "en_wire.txt"
        ]
        fr = [
            (s["article"], s["quote"])
            for s in group["statements"]
            if s["article"] == "fr_rewrite.txt"
        ]
        if en and fr:
            assert _in_one_group(groups, articles, en + fr), group["id"]
    metrics = gold_metrics(articles, groups, FIXTURES / "articles", FIXTURES / "gold.json")
    assert metrics["must_not_align_violations"] == 0, metrics
    assert metrics["pair_f1"] >= 0.85, metrics


def test_complete_adds_a_statement_that_states_a_second_fact() -> None:
    from factcheck.align.group import complete

    # Statements 0 and 1 (articles 0, 1) form a group; 2 and 3 (article 2) are
    # grouped elsewhere. 2 scores above the threshold with both members and
    # joins; 3 with one member only and does not.
    article_of = np.array([0, 1, 2, 2, 3])
    pairs = np.array([[0, 2], [1, 2], [0, 3], [1, 4]])
    scores = np.array([0.7, 0.8, 0.9, 0.95])
    assert complete([[0, 1]], pairs, scores, article_of) == [[0, 1, 2]]
    # One statement per article: the best mean of two candidates joins.
    pairs = np.array([[0, 2], [1, 2], [0, 3], [1, 3]])
    scores = np.array([0.7, 0.7, 0.8, 0.8])
    assert complete([[0, 1]], pairs, scores, article_of) == [[0, 1, 3]]
    assert complete([], pairs, scores, article_of) == []


def test_a_sentence_repeated_in_one_article_aligns_once() -> None:
    # Copies of one sentence would fill each other's nearest neighbours and
    # leave the other article out; an article repeating itself states one fact.
    said = "Le parquet de Paris a ouvert une enquête sur 72 cas signalés."
    statements = build({"a": [said] * 2000, "b": ["Le parquet de Paris enquête sur 72 cas."] * 3})
    groups = align(statements, HashEmbedder())
    assert [[s.id for s in g.statements] for g in groups] == [
        [statements[0].id, statements[2000].id]
    ]
    assert single_source(statements, groups) == []


def test_summarize_looks_up_each_clusters_own_pairs() -> None:
    from factcheck.align.group import summarize

    # Statement 0 sits in many groups: the work stays per group.
    clusters = [[0, k] for k in range(1, 3001)] + [[1, 2, 3]]
    pairs = np.array([[0, k] for k in range(1, 3001)] + [[1, 2], [2, 3]])
    scores = np.array([0.7] * 3000 + [0.9, 0.8])
    summary = summarize(clusters, pairs, scores)
    assert summary[0] == (0.7, 0)
    confidence, central = summary[-1]
    assert (round(confidence, 6), central) == (0.85, 2)  # 2 scores 0.9 + 0.8 with the others
