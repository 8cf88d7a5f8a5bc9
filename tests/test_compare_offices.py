"""Who holds an office, read across the story (factcheck.compare.offices).

Each case is a few one-sentence articles run through the real extract stage (the
parse included) with no alignment: the comparer reads every statement, whatever
group it is in.
"""

from __future__ import annotations

import pytest

from factcheck.compare import CompareContext
from factcheck.compare.offices import compare_offices
from factcheck.consolidate import consolidate
from factcheck.extract import build_entities, extract, parse
from factcheck.model import Finding, Kind, Severity
from factcheck.segment import segment
from tests.quote_fixtures import article

W, INFO = Severity.WARNING, Severity.INFO

LAGARDE = "Le plan a été annoncé hier soir par la ministre de l'Economie Christine Lagarde."
HOR = "Le ministre cambodgien des Affaires étrangères Hor Namhong a déclaré deux morts."
KIIR = "In a press conference, South Sudan President Salva Kiir stated his country would not react."
PAPANDREOU = "Greek Prime Minister George Papandreou said the firebombing was a murderous act."

# (language, one sentence per article, expected: None or (severity, evidence texts))
CASES = [
    # One article names another holder of a specific office: flagged.
    (
        "fr",
        [LAGARDE, LAGARDE, LAGARDE.replace("Christine Lagarde", "Nadia Berkane")],
        (W, ["Christine Lagarde", "Nadia Berkane"]),
    ),
    ("fr", [HOR, HOR.replace("Hor Namhong", "Hugo Lemaire")], (W, ["Hor Namhong", "Hugo Lemaire"])),
    (
        "fr",
        [
            "Georges Pauget, le président de la Fédération bancaire française, a expliqué.",
            "Hugo Lemaire, le président de la Fédération bancaire française, a expliqué.",
        ],
        (W, ["Georges Pauget", "Hugo Lemaire"]),
    ),
    (
        "fr",
        [
            "Il y avait les ministres de l'Économie Christine Lagarde et du Budget Éric Woerth.",
            LAGARDE.replace("Christine Lagarde", "Nadia Berkane"),
        ],
        (W, ["Christine Lagarde", "Nadia Berkane"]),
    ),
    (
        "fr",
        [
            "Le Premier ministre cambodgien Hun Sen avait menacé lundi.",
            "Le Premier ministre cambodgien Claire Fontanel avait menacé lundi.",
            "Le Premier ministre cambodgien Hun Sen a parlé mardi.",
        ],
        (W, ["Hun Sen", "Claire Fontanel"]),
    ),
    (
        "en",
        [KIIR, KIIR, KIIR.replace("Salva Kiir", "Laura Whitfield")],
        (W, ["Salva Kiir", "Laura Whitfield"]),
    ),
    (
        "en",
        [PAPANDREOU, PAPANDREOU.replace("George Papandreou", "Megan Castellano")],
        (W, ["George Papandreou", "Megan Castellano"]),
    ),
    (
        "en",
        [
            "Miabek Lang, the commissioner of Pariang County, said seven people died.",
            "Peter Lindqvist, the commissioner of Pariang County, said seven people died.",
        ],
        (W, ["Miabek Lang", "Peter Lindqvist"]),
    ),
    # Three holders, or two each named by several articles: info.
    (
        "en",
        [
            PAPANDREOU,
            PAPANDREOU.replace("George Papandreou", "Megan Castellano"),
            PAPANDREOU.replace("George Papandreou", "Laura Whitfield"),
        ],
        (INFO, ["George Papandreou", "Megan Castellano"]),
    ),
    (
        "fr",
        [
            LAGARDE,
            LAGARDE,
            LAGARDE.replace("Christine Lagarde", "Nadia Berkane"),
            LAGARDE.replace("Christine Lagarde", "Nadia Berkane"),
        ],
        (INFO, ["Christine Lagarde", "Nadia Berkane"]),
    ),
    # A role alone says no office: not read.
    (
        "fr",
        ["Le ministre Jean Dupont a parlé hier.", "Le ministre Paul Martin a parlé hier."],
        None,
    ),
    (
        "fr",
        [
            "Un porte-parole, Jean Dupont, a parlé hier.",
            "Un porte-parole, Paul Martin, a parlé hier.",
        ],
        None,
    ),
    ("en", ["A spokesman, John Smith, said so.", "A spokesman, Paul Jones, said so."], None),
    ("en", ["The president Bill Clinton said so.", "The president George Bush said so."], None),
    (
        "en",
        ["Prime Minister George Papandreou said so.", "Prime Minister Costas Karamanlis said so."],
        None,
    ),
    # Offices of different countries are different offices.
    (
        "fr",
        [
            "Le ministre thaïlandais des Affaires étrangères Sompong Amorwiwat a parlé hier.",
            "Le ministre cambodgien des Affaires étrangères Hor Namhong a parlé hier.",
        ],
        None,
    ),
    (
        "en",
        [
            "Sudan's President Omar al-Bashir denied it.",
            "South Sudan President Salva Kiir denied it.",
        ],
        None,
    ),
    # Not the current holder: former, new, deposed, acting, a successor.
    ("fr", ["L'ancien ministre de l'Economie Jean Dupont a parlé.", LAGARDE], None),
    ("fr", ["Le nouveau ministre de l'Economie Jean Dupont a parlé.", LAGARDE], None),
    (
        "fr",
        [
            "Paul Martin succède au ministre de l'Economie Jean Dupont.",
            LAGARDE.replace("Christine Lagarde", "Paul Martin"),
        ],
        None,
    ),
    (
        "fr",
        [
            "Il aide le Premier ministre thaïlandais déchu Thaksin Shinawatra.",
            "Le Premier ministre thaïlandais Somchai Wongsawat a parlé.",
        ],
        None,
    ),
    ("en", ["Former Greek Prime Minister Costas Karamanlis said so.", PAPANDREOU], None),
    (
        "en",
        [
            "Acting Interior Secretary John Smith said so.",
            "Interior Secretary Ken Salazar said so.",
        ],
        None,
    ),
    # A plural role: several holders.
    ("fr", ["Les ministres de l'Economie Jean Dupont et Paul Martin ont parlé.", LAGARDE], None),
    (
        "en",
        [
            "Foreign ministers Hor Namhong and Noppadon Pattama met.",
            "Foreign minister Hor Namhong spoke.",
        ],
        None,
    ),
    # One person under two forms of the name.
    ("fr", [HOR, HOR.replace("Hor Namhong", "Hor Nam Hong")], None),
    (
        "en",
        [
            "Special prosecutor Terrence Robertson spoke.",
            "Special prosecutor Terry Robertson spoke.",
        ],
        None,
    ),
    # One article names two holders of the office: a change of holder, not a slip.
    (
        "fr",
        [
            "La ministre de l'Economie Christine Lagarde a reçu "
            "la ministre de l'Economie Nadia Berkane.",
            LAGARDE,
        ],
        None,
    ),
    # Role names of one office (the lexicon's same_office): a company's head.
    (
        "fr",
        [
            "Frédéric Oudéa, patron de la Société Générale, affirmait ne pas en avoir besoin.",
            "Seul le directeur général de la Société Générale, Hugo Lemaire, avait parlé.",
        ],
        (W, ["Frédéric Oudéa", "Hugo Lemaire"]),
    ),
    (
        "en",
        [
            "Boeing boss Dennis Muilenburg said the plane was safe.",
            "Boeing CEO Kevin McAllister said the plane was safe.",
        ],
        (W, ["Dennis Muilenburg", "Kevin McAllister"]),
    ),
    # An apposed office followed by a relative clause: the clause ends the apposition.
    (
        "fr",
        [
            "À commencer par Frédéric Oudéa, patron de la Société générale qui affirmait"
            " ne pas en avoir besoin.",
            "Seul le directeur général de la Société Générale, Hugo Lemaire, avait parlé.",
        ],
        (W, ["Frédéric Oudéa", "Hugo Lemaire"]),
    ),
    (
        "en",
        [
            "The attack was condemned by Taban Deng, the governor of Unity state who visited"
            " the camp.",
            "Laura Whitfield, the governor of Unity state, said the regime was to blame.",
        ],
        (W, ["Taban Deng", "Laura Whitfield"]),
    ),
    # Two offices of one company, or one office of two companies: not flagged.
    (
        "fr",
        [
            "Frédéric Oudéa, patron de la Société Générale, affirmait ne pas en avoir besoin.",
            "Hugo Lemaire, le président de la Société Générale, avait parlé.",
        ],
        None,
    ),
    (
        "en",
        [
            "Boeing boss Dennis Muilenburg said the plane was safe.",
            "Airbus CEO Guillaume Faury said the plane was safe.",
        ],
        None,
    ),
]


def _context(lang: str, texts: list[str]) -> CompareContext:
    articles = [article(f"a{n}", text, lang=lang) for n, text in enumerate(texts)]
    segments = {a.id: segment(a) for a in articles}
    graph = build_entities(articles, segments)
    sts = [st for a in articles for st in extract(a, segments[a.id], lang, graph)]
    return CompareContext(
        articles={a.id: a for a in articles}, statements=sts, groups=[], entities=graph
    )


def _offices(lang: str, texts: list[str]) -> list[Finding]:
    if not parse.available(lang):
        pytest.skip(f"no {lang} parser installed")
    return list(compare_offices(_context(lang, texts)))


@pytest.mark.parametrize(("lang", "texts", "expected"), CASES)
def test_one_office_two_holders(
    lang: str, texts: list[str], expected: tuple[Severity, list[str]] | None
) -> None:
    findings = _offices(lang, texts)
    if expected is None:
        assert findings == []
        return
    severity, spans = expected
    first = findings[0]
    assert (first.kind, first.severity, first.group) == (Kind.ENTITY_MISMATCH, severity, None)
    assert [e.span.text for e in first.evidence] == spans


def test_evidence_spans_are_the_article_text_and_the_message_names_both() -> None:
    ctx_texts = [LAGARDE, LAGARDE.replace("Christine Lagarde", "Nadia Berkane")]
    (finding,) = _offices("fr", ctx_texts)
    for ev, text in zip(finding.evidence, ctx_texts, strict=True):
        assert text[ev.span.start : ev.span.end] == ev.span.text
    assert "ministre de l'Economie" in finding.message
    assert "Christine Lagarde" in finding.message and "Nadia Berkane" in finding.message


def test_a_finding_across_groups_keeps_no_group_when_consolidated() -> None:
    ctx = _context("fr", [HOR, HOR, HOR.replace("Hor Namhong", "Hugo Lemaire")])
    if not parse.available("fr"):
        pytest.skip("no fr parser installed")
    (merged,) = consolidate(compare_offices(ctx), list(ctx.articles.values()))
    assert merged.group is None and merged.severity is Severity.WARNING
