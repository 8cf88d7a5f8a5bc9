"""Boilerplate ranges: what is dropped, what is kept, and that offsets still hold."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factcheck.boilerplate import find_excluded, merge

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def _dropped(text: str) -> dict[str, str]:
    """Excluded text -> reason, after checking every range points into ``text``."""
    ranges = find_excluded(text)
    assert list(ranges) == sorted(ranges)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ranges))
    for start, end, _ in ranges:
        piece = text[start:end]
        assert piece == piece.strip() != ""
    return {text[start:end]: reason for start, end, reason in ranges}


def _kept(text: str) -> str:
    out, pos = [], 0
    for start, end, _ in find_excluded(text):
        out.append(text[pos:start])
        pos = end
    return "".join([*out, text[pos:]])


def _fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_repeated_newsletter_blocks_teaser_tags_and_navigation() -> None:
    text = _fixture("newsletter.txt")
    dropped = _dropped(text)
    assert dropped["Chaque matin, l’essentiel de l’actualité sélectionnée par la rédaction."] in (
        "newsletter",
        "repeated",
    )
    assert dropped["« Le Quotidien »"] == "newsletter"
    assert dropped["S’inscrire"] == "newsletter"
    assert (
        dropped["Lire aussi | Transports : la ville de Nantes abandonne la gratuité le week-end"]
        == "teaser"
    )
    assert (
        dropped["Abonnez-vous pour 1 € par mois et accédez à tous nos articles."] == "subscription"
    )
    assert dropped["Tags : transports, Lyon, gratuité"] == "tags"
    assert dropped["Accueil | Métropole | Transports | Politique | Sports"] == "navigation"
    kept = _kept(text)
    assert "Chaque matin" not in kept and "Nantes" not in kept
    for sentence in (
        "La ville de Lyon va expérimenter la gratuité des transports en commun",
        "Le coût de la mesure est estimé à 12 millions d’euros par an",
        "L’opposition municipale a dénoncé une mesure « électoraliste »",
    ):
        assert sentence in kept


def test_captions_and_photo_credits() -> None:
    text = _fixture("caption.txt")
    dropped = _dropped(text)
    caption = text.splitlines()[0]
    assert dropped[caption] == "caption"
    assert dropped["Photo : la préfecture de police, en 2020."] == "caption"
    kept = _kept(text)
    assert "1 500 postes de policiers" in kept and "tensions avec les syndicats" in kept
    assert "4 mars 2019" not in kept


def test_english_wire_furniture() -> None:
    text = _fixture("wire_en.txt")
    dropped = _dropped(text)
    assert dropped["By Jane Doe"] == "byline"
    assert dropped["LONDON, Jan 5 (Reuters) -"] == "dateline"
    assert dropped["January 5, 2026 10:32 AM GMT"] == "dateline"
    assert dropped["Reporting by Jane Doe; Editing by John Roe"] == "byline"
    assert dropped["Read more: Grok faces scrutiny across Europe"] == "teaser"
    kept = _kept(text)
    assert "Britain's media regulator Ofcom said on Monday" in kept
    assert "Dr. Smith, a lecturer" in kept


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Lire aussi | Article réservé à nos abonnés Une autre histoire", "teaser"),
        ("À lire aussi : le budget 2026 en cinq chiffres", "teaser"),
        ("Table des matières", "toc"),
        ("Technologies | IA | Entretiens | Usages | Business", "navigation"),
        ("Accueil > Monde > Europe", "navigation"),
        ("Accueil » Monde » Europe » Royaume-Uni", "navigation"),
        ("No comment yet, add your voice below!", "comments"),
        ("12 commentaires", "comments"),
        ("Partager Facebook Twitter E-mail", "comments"),
        ("Et vous, qu’en pensez-vous ? Laissez un commentaire ci-dessous.", "comments"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "byline"),
        ("Photo d’archives : le port de Brest, le 3 juin 2022.", "caption"),
        ("Photo DR", "caption"),
        ("Mots-clés : justice, numérique", "tags"),
        ("Le Monde avec AFP", "byline"),
        ("Le Dauphiné du Soir", "byline"),
        ("Par Jean Dupont et Marie Curie", "byline"),
        ("Offre spéciale étudiants et enseignants", "subscription"),
        ("Accédez à tous nos contenus à partir de 6,99 €/mois.", "subscription"),
        ("Photo : Jane Doe/Reuters", "caption"),
        ("Des manifestants à Londres, le 4 mars. Jane Doe/Getty Images", "caption"),
        ("Get unlimited access for $1 a month.", "subscription"),
        ("Image source, Getty Images", "caption"),
        ("Image caption, The regulator's offices in London", "caption"),
        ("Le président à l'Élysée, le 3 mai 2024. LUDOVIC MARIN / AFP", "caption"),
    ],
)
def test_line_rules(line: str, reason: str) -> None:
    text = f"Le gouvernement a présenté mercredi son projet de loi.\n{line}\nLa suite du texte."
    assert _dropped(text) == {line: reason}


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, le gouvernement a saisi l’Arcom au titre du Digital Services Act.",
        "Selon l'AFP, le parquet a ouvert une enquête vendredi.",
        "Le prix passe à 9,99 euros, a annoncé l'opérateur.",
        "Extension d’une enquête du parquet de Paris visant X",
        "- Grok admet des « failles » qu’il promet de corriger « de toute urgence ».",
        "« Nous avons identifié des failles »",
        "Twitter a annoncé lundi la suppression de 5 000 comptes.",
        "Photographes et journalistes ont été tenus à l'écart du site jusqu'à mercredi.",
        "Les mots « liberté », « égalité » et « fraternité » sont gravés au fronton",
        "Le trajet Paris > Lyon > Marseille, a-t-il dit, prend trois heures.",
        "Le loyer moyen passe à 800 euros par mois.",
        "Le salaire moyen atteint 2 100 euros/mois dans la région.",
        "Le TGV relie désormais les deux villes (Paris / Lyon).",
        "L'image a été vendue par un photographe de Getty Images",
        "Le solde des entrées / Sorties",
        "Par Jean, Paul et Marie, le texte a été relu deux fois.",
    ],
)
def test_prose_and_headings_are_kept(line: str) -> None:
    text = f"Le gouvernement a présenté mercredi son projet de loi.\n{line}\nLa suite du texte."
    assert _dropped(text) == {}


def test_table_of_contents_takes_the_entries_below_it() -> None:
    text = (
        "Premier paragraphe de l'article, avec une phrase complète.\n"
        "Sommaire\nLes faits\nLa réaction du gouvernement\n"
        "Le ministre a répondu mardi aux questions des députés.\n"
    )
    dropped = _dropped(text)
    assert dropped == {"Sommaire": "toc", "Les faits": "toc", "La réaction du gouvernement": "toc"}


def test_a_repeated_paragraph_keeps_its_first_copy() -> None:
    paragraph = "Le conseil a voté le budget à l’unanimité."
    text = f"{paragraph}\n\nAutre phrase du texte.\n\n{paragraph}\n"
    ranges = find_excluded(text)
    assert ranges == ((text.rindex(paragraph), len(text) - 1, "repeated"),)


def test_merge_resolves_overlaps() -> None:
    assert merge([(5, 10, "b"), (0, 7, "a"), (20, 30, "c")]) == (
        (0, 7, "a"),
        (7, 10, "b"),
        (20, 30, "c"),
    )
