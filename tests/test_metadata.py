"""Publication dates, outlets, wire credits and language read from article text."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.boilerplate import find_excluded
from factcheck.metadata import (
    date_from_filename,
    detect_language,
    find_dates,
    find_outlet,
    find_published,
    find_wire_credits,
    html_metadata,
    is_date_line,
    outlet_from_filename,
)

D = _dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le mercredi 1er novembre 2023, à Bletchley", D(2023, 11, 1)),
        ("Mercredi 7 Janvier 2026", D(2026, 1, 7)),
        ("publié le 2 août 2025", D(2025, 8, 2)),
        ("January 5, 2026 10:32 AM", D(2026, 1, 5)),
        ("5th January 2026", D(2026, 1, 5)),
        ("Sept. 3, 2025", D(2025, 9, 3)),
        ("2026-01-02T08:00", D(2026, 1, 2)),
        ("03/04/2026", D(2026, 4, 3)),
    ],
)
def test_find_dates(text: str, expected: _dt.date) -> None:
    assert [m.date for m in find_dates(text)] == [expected]


def test_find_dates_skips_impossible_dates_and_partial_ones() -> None:
    assert list(find_dates("31 février 2026, le 2 janvier, 2026-13-01")) == []
    assert [m.date for m in find_dates("03/04/2026", day_first=False)] == [D(2026, 3, 4)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mercredi 7 Janvier 2026", True),
        ("Publié le 12 mars 2026 à 10h05, mis à jour à 11h", True),
        ("January 5, 2026 10:32 AM GMT", True),
        ("Le 7 janvier 2026, le ministre a annoncé une réforme des retraites.", False),
        ("Aucune date ici", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_published_from_wire_dateline() -> None:
    assert find_published(" date 2026-01-02 Logo de Grok.\n\nTexte.") == (D(2026, 1, 2), "dateline")
    text = "PARIS, 9 janvier 2026 (AFP) - Le gouvernement a annoncé jeudi une réforme."
    assert find_published(text) == (D(2026, 1, 9), "dateline")


def test_published_from_header_and_footer_lines() -> None:
    body = "Le ministre a parlé.\n" * 10
    assert find_published("Publié le 3 mars 2026\n" + body) == (D(2026, 3, 3), "header")
    assert find_published(body + "\nTags : x\nMercredi 7 Janvier 2026\n") == (
        D(2026, 1, 7),
        "footer",
    )


def test_header_prefers_the_publication_over_the_update() -> None:
    text = "Mis à jour le 5 mars 2026\nPublié le 4 mars 2026\nLe texte.\n"
    assert find_published(text) == (D(2026, 3, 4), "header")


def test_dates_in_captions_and_prose_are_not_publication_dates() -> None:
    caption = "Le ministre à Paris, le mercredi 1er novembre 2023. JEAN DUPONT / AFP\n"
    prose = "Le 2 janvier 2026, le parquet a ouvert une enquête sur la plateforme.\n"
    text = caption + prose + "Suite du texte.\n"
    assert find_published(text, find_excluded(text)) is None


def test_date_from_filename() -> None:
    assert date_from_filename("lemonde_2026-01-03_grok.txt") == D(2026, 1, 3)
    assert date_from_filename("20260103-afp.txt") == D(2026, 1, 3)
    assert date_from_filename("000_cc2fc5dfc65894bb.txt") is None
    assert date_from_filename("2026-19-45.txt") is None


def test_wire_credits() -> None:
    assert find_wire_credits("Texte.\nLe Monde avec AFP et Reuters") == ("AFP", "Reuters")
    assert find_wire_credits("LONDON, Jan 5 (Reuters) - Text.") == ("Reuters",)
    assert find_wire_credits("a appris l’AFP auprès du parquet") == ("AFP",)
    assert find_wire_credits("« … », rapporte l’agence Bloomberg.") == ("Bloomberg",)
    assert find_wire_credits("the minister told the Associated Press on Monday") == ("AP",)
    # A mere mention, or a photo agency in a caption, is not a credit for the text.
    assert find_wire_credits("L'AFP fête ses 80 ans. Photo LEON NEAL / AP") == ()


def test_outlet_from_text_and_filename() -> None:
    assert find_outlet("EcranMobile.fr\n\nTitre\nTexte.") == "EcranMobile.fr"
    assert find_outlet("Texte.\nLe Monde avec Bloomberg\n\nNo comment yet") == "Le Monde"
    assert find_outlet("WASHINGTON (AP) — The Senate voted.") == "AP"
    assert find_outlet(" date 2026-01-02 Logo. ( AFP / Lionel BONAVENTURE )\nTexte.") == "AFP"
    assert find_outlet("Un texte sans signature.\nFin.") is None
    assert find_outlet("Le Dauphiné du Soir\nMercredi 12 mars 2025\n\nLe feu a pris.") == (
        "Le Dauphiné du Soir"
    )
    # A title-cased headline is not a masthead unless a date or byline follows it.
    headline = "Daily Life In The Valley\nThe river rose on Monday.\n" + "More text.\n" * 4
    assert find_outlet(headline) is None
    assert outlet_from_filename("lemonde_2026-01-03.txt") == "Le Monde"
    assert outlet_from_filename("reuters-grok.txt") == "Reuters"
    assert outlet_from_filename("000_cc2fc5dfc65894bb.txt") is None


def test_html_metadata() -> None:
    html = (
        '<meta property="og:site_name" content="La Gazette">'
        '<meta property="article:published_time" content="2026-02-03T08:15:00+01:00">'
    )
    assert html_metadata(html) == (D(2026, 2, 3), "La Gazette")
    assert html_metadata('<time datetime="2025-12-24">hier</time>') == (D(2025, 12, 24), None)
    assert html_metadata('{"datePublished": "2025-11-30T10:00:00Z"}') == (D(2025, 11, 30), None)
    assert html_metadata("<p>rien</p>") == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le parquet de Paris a étendu vendredi son enquête visant le réseau social X.", "fr"),
        ("The Paris prosecutor's office on Friday widened its investigation into X.", "en"),
        ("Die Staatsanwaltschaft hat die Ermittlungen gegen die Plattform ausgeweitet.", "de"),
        ("12 345 678", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_numeric_dates_follow_the_article_order() -> None:
    assert find_published("13/04/2026\nThe text.\n", day_first=False) is None
    assert find_published("04/13/2026\nText.\n", day_first=False) == (D(2026, 4, 13), "header")
    assert find_published("04/03/2026\nLe texte.\n") == (D(2026, 3, 4), "header")


_PIECES = st.sampled_from(
    [
        "13/04/2026",
        "Mercredi 7 Janvier 2026",
        " date 2026-01-02 ",
        "(AFP)",
        "PARIS, 2 mai 2026 (AFP) -",
        "Le Monde avec AFP",
        "EcranMobile.fr",
        "Publié le",
        "« x »",
        "\n",
        "\n\n",
        " | ",
        "Photo DR",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=20), max_size=20), st.booleans())
def test_metadata_readers_never_fail(pieces: list[str], day_first: bool) -> None:
    text = "".join(pieces)
    excluded = find_excluded(text)
    assert all(text[s:e].strip() for s, e, _ in excluded)
    found = find_published(text, excluded, day_first=day_first)
    assert found is None or found[1] in ("dateline", "header", "footer")
    assert (
        find_outlet(text) is None
        or find_outlet(text) in text
        or find_outlet(text)
        in ("AFP", "Reuters", "AP", "Bloomberg", "dpa", "ANSA", "EFE", "Belga", "ATS")
    )
    assert detect_language(text) in ("fr", "en", "de", "es", "it", "und")
    assert list(find_wire_credits(text)) == sorted(set(find_wire_credits(text)))
