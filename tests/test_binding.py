"""What a figure is bound to (factcheck.extract.binding), case by case."""

from __future__ import annotations

import pytest

from factcheck.extract.parse import available, parse_sentences
from factcheck.extract.values import extract_quantities
from factcheck.model import Quantity, Span

# (language, sentence, the figure as written, its predicate classes, its verb)
CASES = [
    # A figure joined to its noun by a hyphen describes the noun it modifies.
    ("en", "One bomb hit a 200-student schoolhouse.", "200-student", (), "schoolhouse"),
    ("en", "They built a 300-bed hospital last year.", "300-bed", (), "hospital"),
    # Without the hyphen the clause's verb says what the figure counts.
    ("en", "The fire killed three bank employees.", "three bank", ("kill",), None),
    ("en", "Two bombs hit the camp.", "Two bombs", ("drop",), None),
    ("fr", "Deux soldats ont été tués à la frontière.", "Deux soldats", ("kill",), None),
    # A century named by its rank dates what it modifies.
    ("fr", "Le temple du XIIe siècle domine la plaine.", "XIIe siècle", ("date_from",), None),
    ("en", "A 12th-century temple overlooks the plain.", "12th-century", ("date_from",), None),
]


def _figure(lang: str, text: str, written: str) -> Quantity:
    span = Span("a", 0, len(text), text)
    found = extract_quantities(span, lang, parse_sentences([span], lang)[0])
    (figure,) = [q for q in found if q.span.text == written]
    return figure


@pytest.mark.parametrize(("lang", "text", "written", "predicate", "verb"), CASES)
def test_binding(
    lang: str, text: str, written: str, predicate: tuple[str, ...], verb: str | None
) -> None:
    if not available(lang):
        pytest.skip(f"no dependency parser installed for {lang}")
    figure = _figure(lang, text, written)
    assert (figure.predicate, figure.verb) == (predicate, verb)


# (language, sentence, the figure as written, its scope, whether it is part of a total)
PLACE_CASES = [
    # A relative clause opened by a place adverb takes its antecedent's name as its place.
    (
        "en",
        "Violence also broke out in the northern city of Thessaloniki, where another "
        "20,000 people marched through the city center.",
        "20,000 people",
        ("thessaloniki",),
        True,
    ),
    (
        "en",
        "Violence broke out in the city of Patras, where 20,000 protesters marched.",
        "20,000 protesters",
        ("patras",),
        False,
    ),
    (
        "fr",
        "Des heurts ont éclaté dans la ville de Lyon, où 20 000 personnes ont défilé.",
        "20 000 personnes",
        ("lyon",),
        False,
    ),
    # A relative clause on a common noun names no place, nor do the names it relates.
    ("en", "They reached the camp, where 300 families live.", "300 families", (), False),
    (
        "fr",
        "Le calme est revenu à la frontière entre l'Inde et le Pakistan, où les "
        "affrontements de la veille avaient fait un mort et deux blessés.",
        "un mort",
        (),
        False,
    ),
    # "another" on the number, "autres" on the noun: a part of a total either way.
    ("en", "Another 12 people were injured.", "12 people", (), True),
    ("fr", "Quatorze autres otages ont été libérés.", "Quatorze autres otages", (), True),
    ("en", "More than 300 people were injured.", "More than 300 people", (), False),
]


@pytest.mark.parametrize(("lang", "text", "written", "scope", "part"), PLACE_CASES)
def test_scope_and_part(
    lang: str, text: str, written: str, scope: tuple[str, ...], part: bool
) -> None:
    if not available(lang):
        pytest.skip(f"no dependency parser installed for {lang}")
    figure = _figure(lang, text, written)
    assert (figure.scope, figure.part) == (scope, part)
