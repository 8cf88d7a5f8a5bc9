"""Dependency parses as typed tokens: exact offsets, and a tampered English model refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import parse
from factcheck.model import Span


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
