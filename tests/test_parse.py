"""Dependency parses as typed tokens: exact offsets, a tampered English model refused,
and the same tokens when parsed ahead in another process."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent import futures
from pathlib import Path

import pytest

from factcheck.extract import parse
from factcheck.model import Span, Token


def _sentence(text: str, offset: int = 7) -> tuple[str, Span]:
    article = "x" * offset + text
    return article, Span("a", offset, offset + len(text), text)


@pytest.mark.parametrize(
    ("lang", "text", "verb", "number"),
    [
        ("fr", "Le bilan s'élève à trois morts et douze blessés.", "élever", "trois"),
        ("en", "The storm killed two people and injured fourteen.", "kill", "two"),
    ],
)
def test_tokens_carry_article_offsets_and_syntax(
    lang: str, text: str, verb: str, number: str
) -> None:
    if not parse.available(lang):
        pytest.skip(f"no {lang} parser installed")
    article, sentence = _sentence(text)
    (tokens,) = parse.parse_sentences([sentence], lang)
    assert all(article[t.start : t.end] == t.text for t in tokens)
    assert any(t.lemma == verb and t.pos == "VERB" for t in tokens)
    num = next(t for t in tokens if t.text == number)
    assert tokens[num.head].pos == "NOUN"


def test_unknown_language_has_no_parse() -> None:
    _, sentence = _sentence("Irgendein Satz.")
    assert parse.parse_sentences([sentence], "de") == [()]


def test_a_model_file_with_another_hash_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    (folder / "parser").mkdir(parents=True)
    (folder / "parser" / "model").write_bytes(b"tampered")
    good = {"parser/model": "0" * 64}
    assert not parse._verified(folder, good)
    assert not parse._verified(folder, {"missing/file": "0" * 64})


_AHEAD_TEXTS = [
    ("fr", "Le bilan s'élève à trois morts et douze blessés."),
    ("fr", "Selon la préfecture, 150 pompiers ont été mobilisés jeudi soir à Lyon."),
    ("en", "The storm killed two people and injured fourteen."),
    ("fr", "Le ministre a démissionné mardi, a indiqué l'Élysée."),
    ("en", "Police said the bank in Athens was attacked by three men on Wednesday."),
    ("en", "The storm killed two people and injured fourteen."),
    ("fr", "Le bilan s'élève à trois morts et douze blessés."),
]


def _parse_all() -> dict[str, list[tuple[Token, ...]]]:
    """Each language's sentences parsed in one call, at offset 7 (as an extract stage would)."""
    return {
        lang: parse.parse_sentences([_sentence(t)[1] for la, t in _AHEAD_TEXTS if la == lang], lang)
        for lang in ("fr", "en")
    }


@pytest.fixture
def ahead_on(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (parse.available("fr") and parse.available("en")):
        pytest.skip("needs the French and English parsers")
    monkeypatch.setattr(parse, "AHEAD_MIN_SENTENCES", 1)
    monkeypatch.setattr(parse, "_CHUNK", 2)


@pytest.mark.usefixtures("ahead_on")
@pytest.mark.parametrize("wait", [True, False], ids=["all-from-the-worker", "shared"])
def test_parses_ahead_are_the_parses_made_here(monkeypatch: pytest.MonkeyPatch, wait: bool) -> None:
    here = _parse_all()
    monkeypatch.setattr(parse, "_LEAVE", 0)  # this process takes every chunk not started
    with parse.parse_ahead(_AHEAD_TEXTS):
        ahead = parse._AHEAD
        assert ahead is not None
        if wait:
            futures.wait(list(ahead.texts))
            assert all(f.exception() is None for f in ahead.texts)
        assert _parse_all() == here
        assert not ahead.memo  # each parse was taken as often as announced
    assert parse._AHEAD is None
    assert not multiprocessing.active_children()


def _dies(lang: str, texts: list[str]) -> list[bytes]:
    os._exit(3)


def _fails(lang: str, texts: list[str]) -> list[bytes]:
    raise RuntimeError("no parser")


@pytest.mark.usefixtures("ahead_on")
@pytest.mark.parametrize("worker", [_dies, _fails])
def test_a_failing_worker_leaves_its_sentences_to_this_process(
    monkeypatch: pytest.MonkeyPatch, worker: Callable[[str, list[str]], list[bytes]]
) -> None:
    here = _parse_all()
    monkeypatch.setattr(parse, "_parse_chunk", worker)
    with parse.parse_ahead(_AHEAD_TEXTS):
        ahead = parse._AHEAD
        assert ahead is not None
        futures.wait(list(ahead.texts))
        assert all(f.exception() is not None for f in ahead.texts)
        assert _parse_all() == here
    assert not multiprocessing.active_children()


@pytest.mark.usefixtures("ahead_on")
def test_no_process_to_start_parses_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    here = _parse_all()

    def cannot(*args: object, **kwargs: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(futures.ProcessPoolExecutor, "submit", cannot)
    with parse.parse_ahead(_AHEAD_TEXTS):
        assert parse._AHEAD is not None
        assert _parse_all() == here
    assert not multiprocessing.active_children()


_GO = multiprocessing.get_context("fork").Event()


def _held(lang: str, texts: list[str]) -> list[bytes]:
    _GO.wait(60)
    return parse._pickled(lang, texts)


@pytest.mark.usefixtures("ahead_on")
def test_the_chunks_a_story_needs_go_to_the_front_of_the_queue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parse, "_CHUNK", 1)
    monkeypatch.setattr(parse, "_parse_chunk", _held)  # the worker waits for _GO
    texts = [("fr", f"Phrase numéro {n}.") for n in range(8)]
    _GO.clear()
    with parse.parse_ahead(texts):
        ahead = parse._AHEAD
        assert ahead is not None
        last = ahead.chunk[texts[-1]]
        assert ahead._first([last]) == 1
        queued = [f for f in ahead.texts if not (f.running() or f.done())]
        assert queued[0] is last  # the others it passed were queued again after it
        assert {ahead.texts[f][1][0] for f in ahead.texts} == {t for _, t in texts}
        _GO.set()
        assert parse.parse_sentences([_sentence(texts[-1][1])[1]], "fr")[0]


def test_few_sentences_start_no_process() -> None:
    with parse.parse_ahead(_AHEAD_TEXTS):
        assert parse._AHEAD is None
    assert not multiprocessing.active_children()


@pytest.mark.usefixtures("ahead_on")
@pytest.mark.parametrize("where", ["no fork (Windows)", "macOS", "the program chose spawn"])
def test_no_fork_where_forking_is_absent_or_unsafe(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    here = _parse_all()
    if where == "no fork (Windows)":
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    elif where == "macOS":
        monkeypatch.setattr(parse.sys, "platform", "darwin")
    else:
        monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: "spawn")
    with parse.parse_ahead(_AHEAD_TEXTS):
        assert parse._AHEAD is None
        assert _parse_all() == here
    assert not multiprocessing.active_children()
