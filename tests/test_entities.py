"""The entity alias graph (factcheck.extract.entities)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.entities import build_entity_graph
from factcheck.model import Span
from tests.conftest import SEEDS, seed_text

ALIASES = Path(__file__).parent / "data" / "quotes" / "aliases.toml"

FR = (
    "xAI, l'entreprise d'intelligence artificielle d'Elon Musk qui développe Grok, n'a pas réagi. "
    "Grok, l'assistant IA développé par xAI, reste limité. "
    "Le réseau social X, propriété d'Elon Musk, est visé. "
    "Thomas Regnier, un porte-parole de la Commission européenne, a réagi. "
    "Le porte-parole du Parti socialiste, Arthur Delaporte, a protesté. "
    "Le gouvernement a saisi l'Autorité de régulation de la communication (Arcom)."
)
EN = (
    "xAI, the company that develops Grok, did not comment. "
    "Jane Roe, a spokesperson for Acme Corp, said nothing. "
    "OpenAI's chatbot ChatGPT was up."
)


SEED_TEXTS = [(p.name, seed_text(p.name)) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def seeds_graph():
    return build_entity_graph(SEED_TEXTS)


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("le compte X de Grok", "Grok"),
        ("Grok", "Grok"),
        ("l'assistant IA du réseau social X", "Grok"),
        ("l’assistant IA du réseau social X", "Grok"),
        ("xAI", "xAI"),
        ("l'entreprise d'intelligence artificielle d'Elon Musk", "xAI"),
        ("l’entreprise qui édite Grok", "xAI"),
        ("X", "X"),
        ("le réseau social X", "X"),
        ("le procureur Rob Bonta", "Rob Bonta"),
        ("l’Autorité de régulation de la communication audiovisuelle et numérique", "Arcom"),
    ],
)
def test_seed_surface_forms_map_to_one_entity(seeds_graph, surface: str, canonical: str) -> None:
    assert seeds_graph.canonical(surface) == canonical


def test_seed_relations_are_learned_from_appositions(seeds_graph) -> None:
    assert seeds_graph.relation("Grok", "xAI") == "Grok is a product of xAI"
    assert seeds_graph.relation("xAI", "le compte X de Grok") == "xAI develops Grok"
    assert seeds_graph.relation("xAI", "Elon Musk") == "xAI is owned by Elon Musk"
    assert seeds_graph.relation("Thomas Regnier", "Commission européenne") == (
        "Thomas Regnier is a spokesperson of Commission européenne"
    )
    assert seeds_graph.relation("Arthur Delaporte", "Rob Bonta") is None


def test_french_patterns() -> None:
    graph = build_entity_graph([("a", FR)], use_spacy=False)
    described = {r.describe() for r in graph.relations()}
    assert {
        "Grok is a product of xAI",
        "xAI is owned by Elon Musk",
        "X is owned by Elon Musk",
        "Thomas Regnier is a spokesperson of Commission européenne",
        "Arthur Delaporte is a spokesperson of Parti socialiste",
    } <= described
    assert graph.canonical("le porte-parole du Parti socialiste") == "Arthur Delaporte"
    assert graph.canonical("l'Autorité de régulation de la communication") == "Arcom"
    # A relation through one intermediate entity is spelled out.
    assert graph.relation("Grok", "Elon Musk") == (
        "Grok is a product of xAI; xAI is owned by Elon Musk"
    )


def test_english_patterns() -> None:
    graph = build_entity_graph([("a", EN)], use_spacy=False)
    assert graph.canonical("the company that develops Grok") == "xAI"
    assert graph.relation("Grok", "xAI") == "Grok is a product of xAI"
    assert graph.relation("Jane Roe", "Acme Corp") == "Jane Roe is a spokesperson of Acme Corp"
    assert graph.relation("ChatGPT", "OpenAI") == "ChatGPT is a product of OpenAI"


def test_a_clause_is_not_an_apposition() -> None:
    graph = build_entity_graph([("a", "En France, le parquet de Paris a étendu son enquête.")])
    assert graph.canonical("le parquet") != "France"


def test_alias_file_adds_entities_aliases_and_relations() -> None:
    text = "La place Beauvau a démenti. Le ministre de l'Intérieur a parlé."
    graph = build_entity_graph([("a", text)], alias_file=str(ALIASES))
    assert graph.canonical("Beauvau") == graph.canonical("la place Beauvau")
    assert graph.canonical("la place Beauvau") == "Ministère de l'Intérieur"
    assert graph.canonical("le ministre de l'Intérieur") == "Jean Dupuis"
    assert graph.relation("le ministre de l'Intérieur", "Beauvau") == (
        "Jean Dupuis is a spokesperson of Ministère de l'Intérieur"
    )
    sentence = Span("a", 0, len(text), text)
    first = graph.mentions(sentence)[0]
    assert (first.span.text, first.canonical) == ("place Beauvau", "Ministère de l'Intérieur")


def test_mentions_point_into_the_text_and_skip_lowercase_words() -> None:
    graph = build_entity_graph([("a", FR)], use_spacy=False)
    text = "zz Le réseau social X et l’assistant IA développé par xAI, x fois."
    sentence = Span("a", 3, len(text), text[3:])
    mentions = graph.mentions(sentence)
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.text
    assert [(m.span.text, m.canonical) for m in mentions] == [
        ("réseau social X", "X"),
        ("assistant IA développé par xAI", "Grok"),
    ]


def test_labels_from_rules(seeds_graph) -> None:
    assert seeds_graph.label("Elon Musk") == "PER"
    assert seeds_graph.label("Grok") == "PRODUCT"
    assert seeds_graph.label("xAI") == "ORG"
    assert seeds_graph.label("Commission européenne") == "ORG"


@pytest.mark.slow
def test_spacy_labels_what_rules_leave_open() -> None:
    graph = build_entity_graph(SEED_TEXTS, use_spacy=True)
    # Rules leave these open (no place preposition or organisation word next to them).
    assert graph.label("Gaza") == "LOC"
    assert graph.label("Ofcom") == "ORG"


@given(st.text(alphabet=st.sampled_from(list("aX xAI Grok l’'«» ,.\u00a0Élé-")), max_size=60))
def test_mentions_of_any_text_are_valid_spans(text: str) -> None:
    graph = build_entity_graph([("a", FR)])
    full = "zz" + text
    for m in graph.mentions(Span("a", 2, len(full), text)):
        assert full[m.span.start : m.span.end] == m.span.text != ""


def test_a_title_apposed_after_a_reporting_verb_is_an_alias_of_the_name() -> None:
    text = (
        "\"Aucun danger\", a déclaré la préfète de l'Isère, Claire Duval, lors d'un point presse."
    )
    graph = build_entity_graph([("a", text)])
    assert graph.canonical("la préfète de l'Isère") == "Claire Duval"
    # Another role is not folded into her.
    assert graph.canonical("le maire de Montbréal") != "Claire Duval"
