"""attribution_mismatch and quote_drift (factcheck.compare.quotes)."""

from __future__ import annotations

import re

import pytest

from factcheck.compare.names import person_names
from factcheck.compare.quotes import compare_quotes
from factcheck.model import Finding, Kind, QuoteAttribution, QuoteWords, Severity, Span
from tests.conftest import SEEDS, gold_span, load_gold, seed_text
from tests.quote_fixtures import article, context


def _kind(findings: list[Finding], kind: Kind) -> list[Finding]:
    return [f for f in findings if f.kind is kind]


def test_related_speakers_are_a_warning_with_the_relation() -> None:
    a = article(
        "a",
        "Grok, l'assistant IA développé par xAI, a réagi vendredi.\n\n"
        "« Nous corrigeons les failles de toute urgence », a écrit le compte X de Grok.",
    )
    b = article(
        "b",
        "« Nous corrigeons les failles de toute urgence », a fait savoir xAI, "
        "rapporte l'agence Bloomberg.",
    )
    (finding,) = _kind(compare_quotes(context([a, b])), Kind.ATTRIBUTION_MISMATCH)
    assert finding.severity is Severity.WARNING
    first, second = finding.evidence
    assert (first.span.text, second.span.text) == ("le compte X de Grok", "xAI")
    assert isinstance(first.value, QuoteAttribution) and isinstance(second.value, QuoteAttribution)
    assert first.value.speaker_entity == "Grok"
    assert first.value.other_speaker_entity == "xAI"
    assert first.value.relation == "Grok is a product of xAI"
    assert second.value.relay == "Bloomberg"
    assert "Grok is a product of xAI" in finding.message


def test_unrelated_speakers_are_an_error_in_english() -> None:
    a = article("a", '"We will not raise taxes this year," said John Smith.', lang="en")
    b = article("b", '"We will not raise taxes this year," Mary Jones said.', lang="en")
    (finding,) = compare_quotes(context([a, b]))
    assert (finding.kind, finding.severity) == (Kind.ATTRIBUTION_MISMATCH, Severity.ERROR)
    assert [e.span.text for e in finding.evidence] == ["John Smith", "Mary Jones"]


@pytest.mark.parametrize(
    ("speaker_a", "speaker_b"),
    [
        ("le parquet de Paris", "le parquet"),
        ("les ministres Paul Martin et Léa Roux", "les ministres"),
        ("le compte X de Grok", "Grok"),
    ],
)
def test_one_speaker_named_less_precisely_is_not_a_mismatch(speaker_a: str, speaker_b: str) -> None:
    quote = "« Le délit est puni de deux ans de prison »"
    a = article("a", f"{quote}, a rappelé {speaker_a}.")
    b = article("b", f"{quote}, a rappelé {speaker_b}.")
    assert compare_quotes(context([a, b])) == []


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        ("Prime Minister George Papandreou", [["george", "papandreou"]]),
        ("le porte-parole de l'ONU", []),
        ("the commissioner of Pariang County in South Sudan's Unity State", []),
        ("le maire de Montbréal, Henri Blanc", [["henri", "blanc"]]),
        ("Marc L.", [["marc", "l"]]),
    ],
)
def test_person_names_leave_out_places_that_complete_a_noun(
    surface: str, names: list[list[str]]
) -> None:
    assert person_names(surface) == names


@pytest.mark.parametrize(
    ("speaker_a", "speaker_b"),
    [
        ("la préfète de l'Isère", "le maire de Montbréal"),
        ("la préfète, Claire Duval", "la préfète Nadia Berkane"),
    ],
)
def test_two_titles_or_two_names_are_two_speakers(speaker_a: str, speaker_b: str) -> None:
    quote = "« Les mesures ne montrent aucun danger pour la population »"
    a = article("a", f"{quote}, a déclaré {speaker_a}.")
    b = article("b", f"{quote}, a déclaré {speaker_b}.")
    assert _kind(compare_quotes(context([a, b])), Kind.ATTRIBUTION_MISMATCH)


def test_an_unnamed_crowd_is_no_speaker() -> None:
    quote = "“We will not leave this city, whatever happens”"
    a = article("a", f"{quote}, many in Athens said.", lang="en")
    b = article("b", f"{quote}, Prime Minister George Papandreou said.", lang="en")
    assert not _kind(compare_quotes(context([a, b])), Kind.ATTRIBUTION_MISMATCH)


def test_lists_of_speakers_sharing_people_are_a_warning() -> None:
    quote = "« Nous saluons cet accord »"
    a = article("a", f"{quote}, ont déclaré les ministres Paul Martin, Léa Roux et Marc Petit.")
    b = article("b", f"{quote}, ont déclaré les ministres Paul Martin, Léa Roux et Julie Blanc.")
    (finding,) = compare_quotes(context([a, b]))
    assert finding.severity is Severity.WARNING
    value = finding.evidence[0].value
    assert isinstance(value, QuoteAttribution)
    assert value.relation == "both name Paul Martin, Léa Roux"


def test_typography_only_is_not_drift() -> None:
    a = article("a", "«\u00a0L’enquête n’est pas close\u00a0– loin de là\u00a0», a dit le juge.")
    b = article("b", "\"L'enquête n'est pas close - loin de là\", a dit le juge.")
    assert compare_quotes(context([a, b])) == []


def test_thousands_separators_are_typography() -> None:
    a = article("a", "« Une amende de 60.000 euros est prévue », a rappelé le parquet.")
    b = article("b", "« Une amende de 60 000 euros est prévue », a rappelé le parquet.")
    assert compare_quotes(context([a, b])) == []


def test_a_changed_content_word_is_a_warning_with_the_words() -> None:
    a = article("a", "« Nous avons identifié des failles dans nos garde-fous », a écrit Grok.")
    b = article(
        "b", "« Nous avons identifié des failles dans les dispositifs de sécurité », a écrit Grok."
    )
    (finding,) = compare_quotes(context([a, b]))
    assert (finding.kind, finding.severity) == (Kind.QUOTE_DRIFT, Severity.WARNING)
    assert [e.span.text for e in finding.evidence] == [
        "nos garde-fous",
        "les dispositifs de sécurité",
    ]
    assert finding.evidence[0].value == QuoteWords("nos garde-fous", "les dispositifs de sécurité")


def test_one_trailing_word_is_info() -> None:
    a = article(
        "a", "« Le délit est puni de deux ans de prison et de 60.000 euros », a dit le parquet."
    )
    b = article(
        "b",
        "« Le délit est puni de deux ans de prison et de 60 000 euros d’amende », "
        "a dit le parquet.",
    )
    (finding,) = compare_quotes(context([a, b]))
    assert (finding.kind, finding.severity) == (Kind.QUOTE_DRIFT, Severity.INFO)
    assert finding.evidence[1].span.text == "d’amende"


def test_two_content_words_added_at_the_end_are_a_warning() -> None:
    a = article("a", "« Le délit est puni de deux ans de prison », a dit le parquet.")
    b = article(
        "b", "« Le délit est puni de deux ans de prison ferme aménageable », a dit le parquet."
    )
    (finding,) = compare_quotes(context([a, b]))
    assert (finding.kind, finding.severity) == (Kind.QUOTE_DRIFT, Severity.WARNING)


def test_a_longer_excerpt_is_not_drift() -> None:
    a = article(
        "a",
        '"We identified lapses in our safeguards and are urgently fixing them, '
        'child abuse material is illegal," the company said.',
        lang="en",
    )
    b = article(
        "b",
        'The company said: "We identified lapses in our safeguards and are urgently fixing them."',
        lang="en",
    )
    assert compare_quotes(context([a, b])) == []


def test_a_heading_repeating_part_of_a_quote_does_not_steal_the_match() -> None:
    a = article(
        "a", "« Nous corrigeons les failles dans nos garde-fous sans attendre », a écrit Grok."
    )
    b = article(
        "b",
        "« Les failles dans nos garde-fous »\n\n"
        "« Nous corrigeons les failles dans nos protections sans attendre », a écrit Grok.",
    )
    (finding,) = compare_quotes(context([a, b]))
    assert [e.span.text for e in finding.evidence] == ["garde-fous", "protections"]


def test_short_scare_quotes_are_not_compared() -> None:
    a = article("a", "Grok a reconnu des « failles », a écrit l'AFP.")
    b = article("b", "Grok admet des « failles » selon Bloomberg.")
    assert compare_quotes(context([a, b])) == []


def test_quotes_match_across_sentences_that_are_not_grouped() -> None:
    a = article(
        "a", "Le ministre, très remonté, a lancé : « Nous ne céderons rien sur ce dossier »."
    )
    b = article("b", "« Nous ne céderons rien sur ce dossier », a dit la ministre des Sports.")
    findings = compare_quotes(context([a, b]))  # no groups at all
    assert _kind(findings, Kind.ATTRIBUTION_MISMATCH)


_GENERAL = "le général de brigade cambodgien Bun Thean"
_COMMANDER = "le commandant cambodgien Bun Thean"


@pytest.mark.parametrize(
    ("first", "second", "grouped", "drift"),
    [
        # two translations of one statement, same speaker, aligned: a warning
        (
            f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}.",
            f"« Les troupes thaïlandaises ont pénétré sur notre territoire », a déclaré "
            f"{_COMMANDER}.",
            True,
            True,
        ),
        (
            '"Foreign troops have entered our territory near the temple," said General Bun Thean.',
            '"Soldiers from abroad entered into our territory by the temple," General Thean said.',
            True,
            True,
        ),
        # the same two quotes in sentences that are not aligned as one fact
        (
            f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}.",
            f"« Les troupes thaïlandaises ont pénétré sur notre territoire », a déclaré "
            f"{_COMMANDER}.",
            False,
            False,
        ),
        # two speakers
        (
            f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}.",
            "« Les troupes thaïlandaises ont pénétré sur notre territoire », a déclaré le "
            "général thaïlandais Wiboonsak Neeparn.",
            True,
            False,
        ),
        # a description may be another person of that body
        (
            f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}.",
            "« Les troupes thaïlandaises ont pénétré sur notre territoire », a déclaré le "
            "ministère cambodgien de la Défense.",
            True,
            False,
        ),
        # one speaker, two different things said about the same fact
        (
            f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}.",
            f"« Nous avons riposté pour défendre la frontière », a déclaré {_COMMANDER}.",
            True,
            False,
        ),
    ],
)
def test_a_reworded_quote_of_one_speaker_in_one_fact_is_drift(
    first: str, second: str, grouped: bool, drift: bool
) -> None:
    a, b = article("a", first), article("b", second)
    if "General" in first:
        a, b = article("a", first, lang="en"), article("b", second, lang="en")
    groups = [[first[:20], second[:20]]] if grouped else []
    found = _kind(compare_quotes(context([a, b], groups)), Kind.QUOTE_DRIFT)
    assert bool(found) is drift
    if drift:
        (finding,) = found
        assert finding.severity is Severity.WARNING
        inside = [re.split(r"[«»\"]", q)[1].strip() for q in (first, second)]
        assert [e.span.text for e in finding.evidence] == inside
        assert finding.group == "G0"
        assert "reworded" in finding.message


def test_a_quote_matched_word_for_word_is_not_also_reworded() -> None:
    first = f"« Des soldats thaïlandais sont entrés dans notre territoire », a déclaré {_GENERAL}."
    second = (
        f"« Des soldats thaïlandais sont entrés sur notre territoire », a déclaré {_COMMANDER}."
    )
    found = compare_quotes(context([article("a", first), article("b", second)], [["Des", "Des"]]))
    assert [f.message.startswith("Same quote, different words") for f in found] == [True]


_HUN_SEN = "Le Premier ministre cambodgien Hun Sen"


@pytest.mark.parametrize(
    ("lang", "short", "longer", "inserted"),
    [
        # a short quote whose words a longer quote of the same person has, with others inside
        (
            "fr",
            f"{_HUN_SEN} avait menacé de transformer la région en « zone de mort ».",
            "« J'ai dit au ministre que le secteur est une zone de bataille pour la vie et la "
            "mort », a dit Hun Sen.",
            "bataille pour la vie et la",
        ),
        (
            "en",
            'Mayor Anne Hidalgo called the attack a "cowardly act".',
            '"This was a cowardly and barbaric act against our city," said Anne Hidalgo.',
            "and barbaric",
        ),
        # the same words side by side: an excerpt of the longer quote, not a drift
        (
            "fr",
            f"{_HUN_SEN} avait menacé de transformer la région en « zone de mort ».",
            "« Si les soldats restent, ce sera une zone de mort », a dit Hun Sen.",
            None,
        ),
        # another person
        (
            "fr",
            f"{_HUN_SEN} avait menacé de transformer la région en « zone de mort ».",
            "« Le secteur est une zone de bataille pour la vie et la mort », a dit Abhisit "
            "Vejjajiva.",
            None,
        ),
        # the words too far apart in the longer quote: no sign it is one statement
        (
            "fr",
            f"{_HUN_SEN} avait menacé de transformer la région en « zone de mort ».",
            "« La zone est calme, nos soldats ne veulent pas de guerre et personne ne veut "
            "voir la mort », a dit Hun Sen.",
            None,
        ),
        # one content word ("la mort"): too little to say it is the same statement
        (
            "fr",
            f"{_HUN_SEN} a promis « la mort » aux agresseurs.",
            "« Ceux qui entrent risquent la vie et la mort », a dit Hun Sen.",
            None,
        ),
    ],
)
def test_a_short_quote_widened_in_a_longer_quote_of_the_same_person(
    lang: str, short: str, longer: str, inserted: str | None
) -> None:
    a, b = article("a", short, lang=lang), article("b", longer, lang=lang)
    found = _kind(compare_quotes(context([a, b])), Kind.QUOTE_DRIFT)
    if inserted is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity is Severity.WARNING
    assert f"adds “{inserted}”" in finding.message
    # The side without the words shows the two words around the gap.
    gap, words = (e.span.text for e in finding.evidence)
    assert words == inserted
    assert gap in short and len(gap.split()) == 2


def _occurrences(article_id: str, quote: str) -> list[Span]:
    """Every occurrence of a gold quote, as the reference scorer locates them."""
    text, out = seed_text(article_id), []
    start = text.find(quote)
    while start >= 0:
        out.append(Span(article_id, start, start + len(quote), quote))
        start = text.find(quote, start + 1)
    assert out, quote
    return out


def _covers(finding: Finding, statements: list[dict]) -> bool:
    located = [_occurrences(s["article"], s["quote"]) for s in statements]
    return all(any(e.span.overlaps(g) for e in finding.evidence for g in gs) for gs in located)


@pytest.fixture(scope="module")
def seed_findings() -> list[Finding]:
    seeds = [article(p.name, seed_text(p.name)) for p in sorted(SEEDS.glob("*.txt"))]
    return compare_quotes(context(seeds))


@pytest.mark.parametrize("expected", ["attribution-grok-vs-xai", "quote-drift-safeguards"])
def test_seed_expected_findings(seed_findings: list[Finding], expected: str) -> None:
    gold = next(f for f in load_gold()["expected_findings"] if f["id"] == expected)
    assert any(
        f.kind.value == gold["kind"]
        and f.severity >= Severity.WARNING
        and _covers(f, gold["statements"])
        for f in seed_findings
    )


def test_seed_must_not_flag_pairs(seed_findings: list[Finding]) -> None:
    for pair in load_gold()["must_not_flag"]:
        spans = [g for s in pair["statements"] for g in _occurrences(s["article"], s["quote"])]
        for f in seed_findings:
            if f.severity >= Severity.WARNING:
                touched = {s.article for s in spans if any(e.span.overlaps(s) for e in f.evidence)}
                assert len(touched) < 2, (pair["why"], f.message)


def test_seed_amende_is_info_at_most(seed_findings: list[Finding]) -> None:
    amende = gold_span("001_1c4b4929e730dec3.txt", "60 000 euros d’amende")
    touching = [f for f in seed_findings if any(e.span.overlaps(amende) for e in f.evidence)]
    assert touching and all(f.severity is Severity.INFO for f in touching)


def test_evidence_spans_point_into_the_articles(seed_findings: list[Finding]) -> None:
    for f in seed_findings:
        for e in f.evidence:
            assert isinstance(e.span, Span)
            assert seed_text(e.span.article)[e.span.start : e.span.end] == e.span.text
