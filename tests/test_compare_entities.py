"""entity_mismatch findings (factcheck.compare.entities)."""

from __future__ import annotations

from factcheck.compare.entities import compare_entities
from factcheck.model import Kind, Severity
from tests.quote_fixtures import article, context


def _check(a_text: str, b_text: str, lang: str = "fr") -> list:
    """Compare the first sentences of two one-paragraph articles, aligned."""
    a, b = article("a", a_text, lang=lang), article("b", b_text, lang=lang)
    first = [text.split(". ")[0] for text in (a_text, b_text)]
    return compare_entities(context([a, b], groups=[first]))


def test_a_different_minister_in_the_list_is_flagged() -> None:
    (finding,) = _check(
        "Les ministres Paul Martin, Léa Roux et Marc Petit ont porté plainte.",
        "Les ministres Paul Martin, Léa Roux et Julie Blanc ont porté plainte.",
    )
    assert (finding.kind, finding.severity) == (Kind.ENTITY_MISMATCH, Severity.WARNING)
    assert [e.span.text for e in finding.evidence] == ["Marc Petit", "Julie Blanc"]
    assert "ministr" in finding.message


def test_a_subset_of_the_list_is_not_flagged() -> None:
    assert (
        _check(
            "Les ministres Paul Martin, Léa Roux et Marc Petit ont porté plainte.",
            "Les ministres Paul Martin et Marc Petit ont porté plainte.",
        )
        == []
    )


def test_another_order_is_not_flagged() -> None:
    assert (
        _check(
            "Les députés Eric Bothorel et Arthur Delaporte ont saisi la justice.",
            "Le député Arthur Delaporte et le député Eric Bothorel ont saisi la justice.",
        )
        == []
    )


def test_a_surname_alone_is_the_same_person() -> None:
    assert (
        _check(
            "Le procureur Rob Bonta a ouvert une enquête.",
            "Le procureur Bonta, de Californie, a ouvert une enquête. Rob Bonta est élu.",
        )
        == []
    )


def test_english_different_spokesperson() -> None:
    (finding,) = _check(
        "Company spokesperson Jane Roe confirmed the recall.",
        "Company spokesperson John Doe confirmed the recall.",
        lang="en",
    )
    assert [e.span.text for e in finding.evidence] == ["Jane Roe", "John Doe"]


def test_a_ministry_named_differently_is_info_only() -> None:
    (finding,) = _check(
        "Le ministère indien de l'Électronique et de l'Informatique a exigé un rapport.",
        "Le ministère indien des Technologies de l’information a exigé un rapport.",
    )
    assert (finding.kind, finding.severity) == (Kind.ENTITY_MISMATCH, Severity.INFO)
    assert (
        finding.evidence[0].span.text
        == "Le ministère indien de l'Électronique et de l'Informatique"
    )


def test_the_same_office_in_another_place_is_flagged() -> None:
    (finding,) = _check(
        "Le parquet de Grenoble a ouvert une enquête sur l'incendie.",
        "Le parquet de Lyon a ouvert une enquête sur l'incendie.",
    )
    assert (finding.kind, finding.severity) == (Kind.ENTITY_MISMATCH, Severity.WARNING)
    assert [e.span.text for e in finding.evidence] == [
        "Le parquet de Grenoble",
        "Le parquet de Lyon",
    ]
    assert "prosecutor" in finding.message


def test_the_office_is_read_in_english_word_orders_too() -> None:
    (finding,) = _check(
        "Prosecutors in Grenoble have opened an investigation.",
        "The Lyon prosecutor has opened an investigation.",
        lang="en",
    )
    assert [e.span.text for e in finding.evidence] == [
        "Prosecutors in Grenoble",
        "The Lyon prosecutor",
    ]


def test_the_same_place_or_two_offices_acting_are_not_flagged() -> None:
    assert (
        _check(
            "Le parquet de Grenoble a ouvert une enquête.",
            "Prosecutors in Grenoble opened an investigation.",
        )
        == []
    )
    # The other side names both places: two prosecutors, not a wrong one.
    assert (
        _check(
            "Le parquet de Paris a étendu son enquête.",
            "Le parquet de Lyon, saisi après celui de Paris, a ouvert une enquête.",
        )
        == []
    )
    # Different offices in different places are different people.
    assert (
        _check(
            "La préfète de l'Isère a pris la parole.",
            "Le maire de Montbréal a pris la parole.",
        )
        == []
    )
