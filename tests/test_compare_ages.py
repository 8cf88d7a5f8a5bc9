"""A person's age across the story: one person, two ages (factcheck.compare.ages)."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.compare import CompareContext
from factcheck.compare.ages import compare_ages
from factcheck.extract.entities import build_entity_graph
from factcheck.model import Article, Finding, Kind, Severity, Span, Statement


def _check(
    texts: list[str], lang: str, published: tuple[dt.date | None, ...] = (None, None)
) -> list[Finding]:
    """One sentence per article, read as the pipeline reads it (names from the graph)."""
    names = [f"{chr(97 + n)}.txt" for n in range(len(texts))]
    graph = build_entity_graph(list(zip(names, texts, strict=True)))
    statements = [
        Statement(span=span, mentions=tuple(graph.mentions(span)))
        for span in (Span(n, 0, len(t), t) for n, t in zip(names, texts, strict=True))
    ]
    articles = {
        n: Article(id=n, path=n, text=t, sha256="", language=lang, published=when)
        for n, t, when in zip(names, texts, published, strict=True)
    }
    return list(compare_ages(CompareContext(articles, statements, [], entities=graph)))


@pytest.mark.parametrize(
    ("texts", "lang", "expected"),
    [
        (["Ingrid Betancourt, 46 ans, est arrivée à Paris.",
          "Ingrid Betancourt, 26 ans, a remercié la France."], "fr", Severity.WARNING),
        (["Jean Dupont, âgé de 45 ans, a été interpellé.",
          "Le suspect, Jean Dupont (54 ans), a été entendu."], "fr", Severity.WARNING),
        (["John Jenkin, 23, was arrested on Friday.",
          "Police named the man as John Jenkin, aged 32."], "en", Severity.WARNING),
        (["Allen Kirkpatrick (61) died in the fire.",
          "Allen Kirkpatrick, 16 years old, died in the fire."], "en", Severity.WARNING),
        # a year apart: a birthday may fall between two reports
        (["Rachida Dati, 42 ans, a démissionné.", "Rachida Dati, 43 ans, a démissionné."], "fr",
         Severity.INFO),
        # one surname written two ways is one person
        (["Sompong Amornviwat, 62 ans, a parlé.", "Sompong Amorwiwat, 72 ans, a parlé."], "fr",
         Severity.WARNING),
    ],
)  # fmt: skip
def test_two_ages_for_one_person(texts: list[str], lang: str, expected: Severity) -> None:
    (finding,) = _check(texts, lang)
    assert (finding.kind, finding.severity, finding.group) == (Kind.VALUE_MISMATCH, expected, None)
    text = {f"{chr(97 + n)}.txt": t for n, t in enumerate(texts)}
    assert sorted(e.span.article for e in finding.evidence) == ["a.txt", "b.txt"]
    for e in finding.evidence:
        assert text[e.span.article][e.span.start : e.span.end] == e.span.text
        assert e.span.text.isdigit()


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        # the same age; two people; no name before the age; a figure that is no age
        (["Jean Dupont, 45 ans, a été interpellé.", "Jean Dupont, 45 ans, a été entendu."], "fr"),
        (["Jean Dupont, 45 ans, a été interpellé.", "Marie Durand, 52 ans, a été entendue."],
         "fr"),
        (["Âgée de 46 ans, elle est arrivée à Paris.", "Ingrid Betancourt, 26 ans, a parlé."],
         "fr"),
        (["Jean Dupont, 45 ans après les faits, a parlé.", "Jean Dupont, 60 ans, a parlé."], "fr"),
        (["BNP Paribas, 2 milliards, Société Générale, 1 milliard.",
          "BNP Paribas, 3 milliards."], "fr"),
        # one article gives two ages: a correction, or a misreading
        (["John Smith, 45, was hurt. John Smith, 54, later died.", "John Smith, 45, was hurt."],
         "en"),
        (["Gary Gomes, 35, and Tanya Wilson, 47, were hurt.",
          "Tanya Wilson, 47, and Gary Gomes, 35, were hurt."], "en"),
    ],
)  # fmt: skip
def test_not_two_ages_for_one_person(texts: list[str], lang: str) -> None:
    assert _check(texts, lang) == []


def test_the_time_between_two_dated_reports_is_counted() -> None:
    texts = ["Jose Orozco, 27, was arrested.", "Jose Orozco, 29, was convicted of murder."]
    two_years = (dt.date(2005, 8, 10), dt.date(2007, 8, 20))
    assert _check(texts, "en", two_years) == []
    (finding,) = _check(texts, "en")  # undated: the figures disagree
    assert finding.severity is Severity.WARNING
    (finding,) = _check(texts, "en", (dt.date(2005, 8, 10), dt.date(2005, 8, 12)))
    assert finding.severity is Severity.WARNING
