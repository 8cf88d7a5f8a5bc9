"""Source families: wire copies are one source, independent reporting is not merged."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import families as families_module
from factcheck.families import (
    MIN_SHARED_RATIO,
    corroboration,
    corroboration_by_group,
    shared_passages,
    source_families,
)
from factcheck.model import Article, Corroboration, Group, Statement
from tests.conftest import SEEDS

# A made-up wire dispatch, sentence by sentence (no relation to the seeds).
DISPATCH = [
    "Le conseil municipal de Rivebelle a voté mardi soir la fermeture de la piscine"
    " olympique pour une durée de dix-huit mois, invoquant des fissures découvertes"
    " dans le bassin principal.",
    "Les travaux de réparation sont estimés à 4,2 millions d'euros par le cabinet d'ingénieurs"
    " mandaté par la mairie au printemps dernier.",
    "Les clubs de natation de la ville devront s'entraîner dans les communes voisines pendant"
    " toute la durée du chantier, une perspective qui inquiète les parents des jeunes nageurs.",
    "L'opposition municipale dénonce un manque d'entretien chronique depuis l'inauguration"
    " de l'équipement en 1998 et réclame un audit indépendant des comptes.",
]
QUOTE = (
    '"Nous ne pouvions pas prendre le moindre risque pour la sécurité des baigneurs'
    ' et du personnel", a déclaré la maire Hélène Carvin.'
)
OWN_REPORTING = [
    "Interrogé par notre rédaction, un maître-nageur raconte avoir signalé les premières fissures"
    " il y a plus de deux ans sans obtenir de réponse de sa hiérarchie.",
    "À la sortie du conseil, une trentaine de parents s'étaient rassemblés devant l'hôtel de ville"
    " avec des banderoles réclamant un calendrier précis de réouverture.",
    "Selon nos informations, la région pourrait participer au financement à hauteur d'un tiers,"
    " une hypothèse que son président n'a pas confirmée lundi.",
]
OTHER_DISPATCH = [
    "Le tribunal administratif de Lorvanne a suspendu jeudi l'arrêté préfectoral autorisant"
    " l'extension de la carrière de calcaire située au nord de la commune.",
    "Les juges estiment que l'étude d'impact ne tenait pas compte des nappes phréatiques"
    " qui alimentent en eau potable plusieurs villages de la vallée.",
    "L'exploitant dispose de deux mois pour faire appel de cette décision devant la cour"
    " administrative d'appel, a précisé son avocat à l'issue de l'audience.",
]
NEWSLETTER = (
    "Recevez chaque matin notre sélection des meilleurs articles de la rédaction, les enquêtes"
    " exclusives et les analyses de nos journalistes directement dans votre boîte mail."
)


def _article(
    article_id: str,
    paragraphs: list[str],
    *,
    credits: tuple[str, ...] = (),
    exclude: str | None = None,
) -> Article:
    text = "\n\n".join(paragraphs)
    excluded: tuple[tuple[int, int, str], ...] = ()
    if exclude is not None:
        start = text.index(exclude)
        excluded = ((start, start + len(exclude), "newsletter"),)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        article_id, article_id, text, digest, "fr", excluded=excluded, wire_credits=credits
    )


def _ratio(a: Article, b: Article) -> float:
    links = list(shared_passages([a, b]))
    return links[0].ratio if links else 0.0


def test_a_rewrite_of_a_dispatch_is_one_family_labelled_by_the_wire() -> None:
    wire = _article("wire.txt", [*DISPATCH, QUOTE], credits=("AFP",))
    # An outlet keeps three of the four dispatch sentences and adds its own reporting.
    rewrite = _article("rewrite.txt", [DISPATCH[0], OWN_REPORTING[0], DISPATCH[1], DISPATCH[3]])
    families = source_families([wire, rewrite])
    assert [f.members for f in families] == [("wire.txt", "rewrite.txt")]
    assert families[0].wire == "AFP"
    assert families[0].label == "AFP dispatch (wire.txt, rewrite.txt)"
    assert families[0].evidence[0].ratio >= MIN_SHARED_RATIO


def test_sharing_a_quote_is_not_copying() -> None:
    # Independent reporters quote the same speaker word for word; only the quote is shared.
    first = _article("first.txt", [DISPATCH[0], QUOTE])
    second = _article("second.txt", [*OWN_REPORTING, QUOTE])
    assert _ratio(first, second) == 0.0
    assert source_families([first, second]) == []


def test_two_dispatches_of_one_agency_are_two_sources() -> None:
    first = _article("monday.txt", DISPATCH, credits=("AFP",))
    second = _article("thursday.txt", OTHER_DISPATCH, credits=("AFP",))
    assert source_families([first, second]) == []


def test_boilerplate_shared_by_two_pages_is_not_evidence_of_copying() -> None:
    first = [DISPATCH[0], NEWSLETTER, NEWSLETTER]
    second = [OTHER_DISPATCH[0], NEWSLETTER]
    # Unmarked, the newsletter block alone makes the pages look like copies...
    assert source_families([_article("a.txt", first), _article("b.txt", second)])
    # ...excluded as boilerplate (both occurrences), it does not count.
    a = _article("a.txt", first)
    a_start = a.text.index(NEWSLETTER)
    a = Article(
        a.id,
        a.path,
        a.text,
        a.sha256,
        "fr",
        excluded=(
            (a_start, a_start + len(NEWSLETTER), "newsletter"),
            (a.text.rindex(NEWSLETTER), len(a.text), "newsletter"),
        ),
    )
    b = _article("b.txt", second, exclude=NEWSLETTER)
    assert source_families([a, b]) == []


def test_a_passage_in_more_articles_than_the_cap_is_a_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Four articles of a feed open with one stock paragraph; two of them also share their
    # own text. With the cap at 3, the stock paragraph proposes no pair and covers no word.
    feed = [
        _article(f"feed{i}.txt", [NEWSLETTER, OWN_REPORTING[i]]) for i in range(len(OWN_REPORTING))
    ]
    copy = _article("copy.txt", [NEWSLETTER, OWN_REPORTING[0]])
    articles = [*feed, copy]
    assert len(list(shared_passages(articles))) == 6  # every pair
    monkeypatch.setattr(families_module, "MAX_SHINGLE_ARTICLES", 3)
    links = list(shared_passages(articles))
    assert [(link.first, link.second) for link in links] == [("feed0.txt", "copy.txt")]
    assert links[0].ratio < 1.0
    assert [f.members for f in source_families(articles)] == [("feed0.txt", "copy.txt")]


def test_copies_of_copies_join_one_family() -> None:
    wire = _article("wire.txt", DISPATCH, credits=("Reuters",))
    first = _article("first.txt", [DISPATCH[0], DISPATCH[1], OWN_REPORTING[0]])
    second = _article("second.txt", [DISPATCH[2], DISPATCH[3], OWN_REPORTING[1]])
    loner = _article("loner.txt", OTHER_DISPATCH)
    families = source_families([wire, first, second, loner])
    assert [f.members for f in families] == [("wire.txt", "first.txt", "second.txt")]
    assert families[0].label.startswith("Reuters dispatch")


def _group(*article_ids: str) -> Group:
    statements = tuple(Statement(span=_article(a, ["x"]).span(0, 1)) for a in article_ids)
    return Group("G1", "fact", statements, 1.0)


def test_corroboration_counts_families_once() -> None:
    wire = _article("wire.txt", DISPATCH, credits=("AFP",))
    copy = _article("copy.txt", DISPATCH[:3])
    own = _article("own.txt", OWN_REPORTING)
    # The draft stitches the wire and the independent article together.
    draft = Article("draft", "-", own.text + "\n\n" + wire.text, own.sha256, "fr", role="draft")
    families = source_families([wire, copy, own])
    assert corroboration(_group("wire.txt", "copy.txt"), families) == Corroboration(2, 1)
    assert corroboration(_group("wire.txt", "copy.txt", "own.txt"), families) == Corroboration(3, 2)
    everything = [wire, copy, own, draft]
    group = _group("wire.txt", "copy.txt", "draft")
    families = source_families(everything)
    # The draft neither confirms a fact, nor counts as an outlet, nor merges families.
    assert corroboration_by_group(everything, [group], families) == {"G1": Corroboration(2, 1)}
    assert [f.members for f in families] == [("wire.txt", "copy.txt")]


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    from factcheck.ingest import load_articles
    from factcheck.options import Options

    articles, _ = load_articles([SEEDS], Options())
    return articles


def test_on_the_seeds_000_and_002_are_one_afp_family(seed_articles: list[Article]) -> None:
    families = source_families(seed_articles)
    assert len(families) == 1
    (afp,) = families
    assert [m[:3] for m in afp.members] == ["000", "002"]
    assert afp.wire == "AFP"
    assert afp.label.startswith("AFP dispatch (")
    ratios = {
        (link.first[:3], link.second[:3]): link.ratio for link in shared_passages(seed_articles)
    }
    # The copy shares most of its narration; Le Monde (001) reuses only a few wire sentences,
    # and the other AFP dispatch (003) shares nothing with 000 beyond the agency's name.
    assert ratios[("000", "002")] > 0.45
    assert max(ratios.get(("000", "001"), 0.0), ratios.get(("001", "002"), 0.0)) < 0.2
    assert ("000", "003") not in ratios


@given(
    st.lists(st.lists(st.sampled_from("abc"), max_size=20), max_size=4),
    st.lists(st.lists(st.sampled_from("abc"), max_size=20), max_size=4),
)
def test_covered_words_are_the_words_inside_a_shared_shingle(
    mine: list[list[str]], theirs: list[list[str]]
) -> None:
    """Read from the shared shingles' places only, the count is the words marked by
    sliding over every run (what a templated feed's pairs no longer pay for)."""
    from factcheck.families import SHINGLE_WORDS, _covered_words, _shingles

    k = SHINGLE_WORDS
    shared = set(_shingles(mine)) & set(_shingles(theirs))
    marked = 0
    for run in mine:
        inside = [False] * len(run)
        for i in range(len(run) - k + 1):
            if tuple(run[i : i + k]) in shared:
                inside[i : i + k] = [True] * k
        marked += sum(inside)
    assert _covered_words(_shingles(mine), shared) == marked
