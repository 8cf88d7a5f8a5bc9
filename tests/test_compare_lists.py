"""entity_mismatch findings for a name swapped inside a list (factcheck.compare.lists).

Each row is two one-sentence articles through the real extract stage (parse, mentions,
entity graph), aligned as one group: the pair of names flagged, or None.
"""

from __future__ import annotations

import pytest

from factcheck.compare.lists import compare_lists
from factcheck.model import Kind, Severity
from tests.quote_fixtures import extracted_pair

CASES = [
    # --- flagged: one member replaced, same size or same place ---
    (
        "fr",
        "Les otages Marc Gonsalves, Keith Stansell et Thomas Howes ont été libérés.",
        "Les otages Marc Gonsalves, Hugo Lemaire et Thomas Howes ont été libérés.",
        ("Keith Stansell", "Hugo Lemaire"),
    ),
    (
        "fr",
        "Les otages Marc Gonsalves, Keith Stansell et Thomas Howes ont été libérés.",
        "Les otages Thomas Howes, Marc Gonsalves et Nadia Berkane ont été libérés.",
        ("Keith Stansell", "Nadia Berkane"),
    ),
    (
        "en",
        "Greece gets a rescue package from the European Union and the International Monetary Fund.",
        "Greece gets a rescue package from the Daniel Okafor and the International Monetary Fund.",
        ("European Union", "Daniel Okafor"),
    ),
    (
        "en",
        "Bombers fly over Southern Kordofan and Blue Nile every day.",
        "Bombers fly over Southern Kordofan and Megan Castellano every day.",
        ("Blue Nile", "Megan Castellano"),
    ),
    (
        "fr",
        "Suivent BNP Paribas, la Société Générale, le Crédit Mutuel et les Caisses d'Epargne.",
        "Suivent BNP Paribas, la Société Générale, le Crédit Lyonnais et les Caisses d'Epargne.",
        ("Crédit Mutuel", "Crédit Lyonnais"),
    ),
    (
        # A breakdown, each member with its figure; the other side lists more banks.
        "fr",
        "BNP Paribas recevra 2,55 milliards, la Société Générale 1,7 milliard, le Crédit "
        "Mutuel 1,2 milliard et les Caisses d'Epargne 1,1 milliard.",
        "Suivent BNP Paribas, Société Générale, la Diac, les Caisses d'Epargne, les Banques "
        "Populaires et Natixis.",
        ("Crédit Mutuel", "Diac"),
    ),
    (
        "en",
        "Talks brought together France, Germany, Italy and Spain on Monday.",
        "Talks brought together France, Germany, Poland and Spain on Monday.",
        ("Italy", "Poland"),
    ),
    (
        "en",
        "Ministers Paul Martin, Lea Roux and Mark Little signed the letter.",
        "Ministers Paul Martin, Lea Roux, and Julia White signed the letter.",
        ("Mark Little", "Julia White"),
    ),
    (
        "fr",
        "Les trois provinces de Sisophon, Siem Reap et Battambang ont été perdues.",
        "Les trois provinces de Sisophon, Kampot et Battambang ont été perdues.",
        ("Siem Reap", "Kampot"),
    ),
    (
        "fr",
        "Renault et Peugeot ont annoncé des suppressions de postes.",
        "Renault et Citroën ont annoncé des suppressions de postes.",
        ("Peugeot", "Citroën"),
    ),
    # --- not flagged ---
    (
        # One outlet names fewer members.
        "fr",
        "Les otages Marc Gonsalves, Keith Stansell et Thomas Howes ont été libérés.",
        "Les otages Marc Gonsalves et Thomas Howes ont été libérés.",
        None,
    ),
    (
        # Another order.
        "fr",
        "Les otages Marc Gonsalves, Keith Stansell et Thomas Howes ont été libérés.",
        "Les otages Thomas Howes, Marc Gonsalves et Keith Stansell ont été libérés.",
        None,
    ),
    (
        # A longer list that simply adds members.
        "en",
        "Talks brought together France and Germany on Monday.",
        "Talks brought together France, Germany, Italy and Spain on Monday.",
        None,
    ),
    (
        # A surname alone is the same person.
        "fr",
        "Nicolas Sarkozy et François Fillon ont reçu les banquiers.",
        "Sarkozy et François Fillon ont reçu les banquiers.",
        None,
    ),
    (
        # An acronym and its words are one body.
        "fr",
        "L'aide vient de l'Union européenne et du Fonds monétaire international.",
        "L'aide vient de l'UE et du Fonds monétaire international.",
        None,
    ),
    (
        "en",
        "The loan comes from the European Union and the International Monetary Fund.",
        "The loan comes from the European Union and the IMF.",
        None,
    ),
    (
        # Acronyms of names followed by other lower-case words.
        "en",
        "Cuts demanded by the European Union and International Monetary Fund in exchange.",
        "Cuts demanded by the EU and IMF in exchange for a loan.",
        None,
    ),
    (
        # Nothing shared: two different facts.
        "en",
        "Talks brought together France and Germany on Monday.",
        "Talks brought together Italy and Spain on Monday.",
        None,
    ),
    (
        # One member in common of long lists: two different facts.
        "fr",
        "Ont voté pour la France, l'Allemagne, l'Italie et l'Espagne.",
        "Ont voté pour la France, la Pologne, la Grèce et le Portugal.",
        None,
    ),
    (
        # The other side names that member too, elsewhere in its sentence.
        "en",
        "France and Germany met, while Italy watched.",
        "France and Italy met, while Germany watched.",
        None,
    ),
    (
        # A place before the comma starts no list.
        "fr",
        "A Paris, Nicolas Sarkozy a reçu François Fillon.",
        "A Bogota, Nicolas Sarkozy a reçu François Fillon.",
        None,
    ),
    (
        # One word of a name in two forms.
        "en",
        "Rebels hold Southern Kordofan and Blue Nile.",
        "Rebels hold South Kordofan and Blue Nile.",
        None,
    ),
    (
        # Two pairs sharing one name, each in another place: not one name for another.
        "fr",
        "Les Caisses d'Epargne et les Banques Populaires suivent.",
        "Les Banques Populaires et la Diac suivent.",
        None,
    ),
    (
        # A differing last member of a longer list has no shared neighbour after it.
        "fr",
        "Suivent BNP Paribas, la Société Générale et le Crédit Mutuel.",
        "Suivent BNP Paribas, la Société Générale, Natixis et la Diac.",
        None,
    ),
]


@pytest.mark.parametrize(("lang", "first", "second", "expected"), CASES)
def test_a_name_swapped_in_a_list(
    lang: str, first: str, second: str, expected: tuple[str, str] | None
) -> None:
    findings = list(compare_lists(extracted_pair(lang, first, second)))
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.kind, finding.severity) == (Kind.ENTITY_MISMATCH, Severity.WARNING)
    assert tuple(e.span.text for e in finding.evidence) == expected
    for e, text in zip(finding.evidence, (first, second), strict=True):
        assert text[e.span.start : e.span.end] == e.span.text  # an exact slice of the article
    assert all(name in finding.message for name in expected)
