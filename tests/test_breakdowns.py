"""Which figures of a sentence belong to the members of a breakdown (factcheck.pairing.owners).

A breakdown gives two or more named members each its figure, written right after the
name ("BNP Paribas 2,55 milliards"); only then are figures kept to their member when
two statements are compared. Run through the real extract stage (the parse included).
"""

from __future__ import annotations

import pytest

from factcheck.extract import parse
from factcheck.pairing import owners
from tests.quote_fixtures import extracted_pair


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        (
            "fr",
            "Crédit Agricole va recevoir 3 milliards d'euros, BNP Paribas 2,55 milliards "
            "d'euros et la Société Générale 1,7 milliard.",
            ("credit agricole", "bnp paribas", "societe generale"),
        ),
        (
            "en",
            "Barclays will get 3 billion pounds, HSBC 2 billion pounds and Lloyds 1 billion "
            "pounds.",
            ("barclays", "hsbc", "lloyds"),
        ),
        # Names near figures that are no breakdown: a subject, a list of people, an
        # adjective or a number word the parser tagged as an entity.
        (
            "fr",
            "Betancourt et 34 autres otages - trois Américains et onze Colombiens - ont été "
            "secourus mercredi.",
            (None, None, None),
        ),
        (
            "fr",
            "L'un des deux guérilleros capturés lors de la libération d'Ingrid Betancourt et "
            "de 14 autres otages a nié hier avoir trahi.",
            (None, None),
        ),
        (
            "fr",
            "Des tirs entre soldats thaïlandais et cambodgiens ont fait au moins deux morts et "
            "sept blessés.",
            (None, None),
        ),
    ],
)
def test_breakdown_members(lang: str, sentence: str, expected: tuple[str | None, ...]) -> None:
    if not parse.available(lang):
        pytest.skip(f"no {lang} parser installed")
    statement = extracted_pair(lang, sentence, sentence).statements[0]
    assert owners(statement) == expected
