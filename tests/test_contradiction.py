"""contradiction findings (factcheck.compare.contradiction), and issue 6 on the seeds end to end."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.compare.contradiction import compare_contradictions
from factcheck.compare.entities import compare_entities
from factcheck.compare.quotes import compare_quotes
from factcheck.model import Finding, Kind, Report, Severity, Span
from tests.conftest import SEEDS, load_gold, seed_text
from tests.quote_fixtures import article, context, extracted_pair

SILENT_FR = "xAI, l'entreprise qui développe Grok, n'a pas réagi publiquement à la controverse."
SPOKE_FR = "xAI a fait savoir vendredi que des failles avaient été corrigées."


def test_silence_against_speech_of_the_same_actor() -> None:
    a = article("a", SILENT_FR, published="2026-01-02")
    b = article("b", SPOKE_FR)
    (finding,) = list(compare_contradictions(context([a, b])))
    assert (finding.kind, finding.severity) == (Kind.CONTRADICTION, Severity.WARNING)
    assert [e.span.article for e in finding.evidence] == ["a", "b"]
    assert finding.evidence[0].span.text == "n'a pas réagi publiquement"
    assert "fait savoir" in finding.evidence[1].span.text
    assert "xAI" in finding.message


def test_silence_against_a_quote_in_english() -> None:
    a = article("a", "Acme Corp did not comment on the recall.", lang="en")
    b = article("b", '"We are recalling every unit," said Acme Corp on Monday.', lang="en")
    (finding,) = list(compare_contradictions(context([a, b])))
    assert finding.evidence[0].span.text == "did not comment"


@pytest.mark.parametrize(
    ("a_text", "b_text", "dates"),
    [
        (SILENT_FR, SPOKE_FR, ("2026-01-02", "2026-01-15")),  # spoke two weeks later
        (SILENT_FR, "Meta a fait savoir vendredi que des failles existaient.", (None, None)),
        (SILENT_FR, "Des experts ont déclaré que xAI devait répondre.", (None, None)),
    ],
)
def test_no_contradiction_on_other_days_or_other_actors(
    a_text: str, b_text: str, dates: tuple[str | None, str | None]
) -> None:
    a = article("a", a_text, published=dates[0])
    b = article("b", b_text, published=dates[1])
    assert list(compare_contradictions(context([a, b]))) == []


def test_one_article_does_not_contradict_itself() -> None:
    a = article("a", f"{SILENT_FR}\n\n{SPOKE_FR}")
    b = article("b", "Rien à voir ici.")
    assert list(compare_contradictions(context([a, b]))) == []


def test_negated_verb_in_an_aligned_pair() -> None:
    a = article("a", "Le gouvernement n'a pas retiré le projet de loi mardi.")
    b = article("b", "Le gouvernement a retiré le projet de loi mardi.")
    ctx = context([a, b], groups=[["n'a pas retiré", "a retiré"]])
    (finding,) = list(compare_contradictions(ctx))
    assert [e.span.text for e in finding.evidence] == ["n'a pas retiré", "retiré"]
    assert finding.group == "G0"


@pytest.mark.parametrize(
    ("lang", "a_text", "b_text"),
    [
        ("fr", "Les images ont été retirées par la plateforme.", "Les images restent en ligne."),
        ("en", "The video was removed by the platform.", "The video remains online."),
        ("fr", "Le ministère a confirmé la fermeture.", "Le ministère a démenti la fermeture."),
    ],
)
def test_antonymous_outcomes_in_an_aligned_pair(lang: str, a_text: str, b_text: str) -> None:
    a, b = article("a", a_text, lang=lang), article("b", b_text, lang=lang)
    ctx = context([a, b], groups=[[a_text, b_text]])
    (finding,) = list(compare_contradictions(ctx))
    assert {e.span.article for e in finding.evidence} == {"a", "b"}


def test_unaligned_antonyms_are_not_compared() -> None:
    a = article("a", "Les images ont été retirées par la plateforme.")
    b = article("b", "Le site reste en ligne malgré tout.")
    assert list(compare_contradictions(context([a, b]))) == []


# --- the seeds --------------------------------------------------------------------


def _located(statements: list[dict]) -> list[list[Span]]:
    out = []
    for st in statements:
        text, spans = seed_text(st["article"]), []
        start = text.find(st["quote"])
        while start >= 0:
            spans.append(Span(st["article"], start, start + len(st["quote"]), st["quote"]))
            start = text.find(st["quote"], start + 1)
        out.append(spans)
    return out


def _covers(finding: Finding, statements: list[dict]) -> bool:
    """The finding's evidence overlaps every listed quote (the scorer's rule for two articles)."""
    return all(
        any(e.span.overlaps(g) for e in finding.evidence for g in gs) for gs in _located(statements)
    )


def _touches_pair(finding: Finding, statements: list[dict]) -> bool:
    touched = {
        st["article"]
        for st, gs in zip(statements, _located(statements), strict=True)
        if any(e.span.overlaps(g) for e in finding.evidence for g in gs)
    }
    return len(touched) >= 2


@pytest.fixture(scope="module")
def seed_findings() -> list[Finding]:
    gold = load_gold()
    seeds = [article(p.name, seed_text(p.name)) for p in sorted(SEEDS.glob("*.txt"))]
    seeds = [article(a.id, a.text, published=gold["articles"][a.id]["published"]) for a in seeds]
    # The fixture helper picks the sentence containing each anchor: the gold quotes.
    groups = [[st["quote"] for st in g["statements"]] for g in gold["groups"]]
    ctx = context(seeds, groups=groups)
    return compare_quotes(ctx) + list(compare_contradictions(ctx)) + compare_entities(ctx)


def test_seed_silence_vs_speech(seed_findings: list[Finding]) -> None:
    gold = next(f for f in load_gold()["expected_findings"] if f["id"] == "xai-silent-vs-spoke")
    assert any(
        f.kind is Kind.CONTRADICTION
        and f.severity >= Severity.WARNING
        and _covers(f, gold["statements"])
        for f in seed_findings
    )


def test_seed_must_not_flag_pairs_with_gold_groups(seed_findings: list[Finding]) -> None:
    """With the gold alignment, no comparer of issue 6 flags a must-not-flag pair
    (the Musk paraphrase among them) at warning or above."""
    for pair in load_gold()["must_not_flag"]:
        for f in seed_findings:
            assert not (f.severity >= Severity.WARNING and _touches_pair(f, pair["statements"])), (
                pair["why"],
                f.message,
            )


@pytest.mark.slow
def test_end_to_end_issue6_findings(seeds_report: Report) -> None:
    """``factcheck.check`` on the seeds: the expected findings at warning or above.

    Must-not-flag pairs are checked on the consolidated findings, where a pair is
    flagged only on different values of one fact: tests/test_pipeline.py."""
    gold = load_gold()
    for expected in gold["expected_findings"]:
        assert any(
            f.kind.value == expected["kind"]
            and f.severity >= Severity.WARNING
            and _covers(f, expected["statements"])
            for f in seeds_report.findings
        ), expected["id"]


def test_a_negated_adjective_is_not_a_negated_event() -> None:
    a = article("a", "Il n'a pas été possible de joindre le ministère mardi.")
    b = article("b", "Il a été possible de joindre le ministère mardi soir.")
    ctx = context([a, b], groups=[["pas été possible", "a été possible"]])
    assert list(compare_contradictions(ctx)) == []


def test_a_group_reads_each_pair_of_shapes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """40 outlets printing one of 2 sentences: 780 pairs of statements, at most 2² readings,
    and every pair of opposite outlets still has its finding."""
    from factcheck.compare import CompareContext, contradiction
    from factcheck.model import Article, Group, Statement

    calls = []
    real = contradiction._negation

    def counted(a: Statement, b: Statement) -> object:
        calls.append((a.span.text, b.span.text))
        return real(a, b)

    monkeypatch.setattr(contradiction, "_negation", counted)
    texts = ("Le maire a signé le contrat.", "Le maire n'a pas signé le contrat.")
    statements = []
    articles = {}
    for i in range(40):
        aid = f"a{i:02d}.txt"
        text = texts[i % 2]
        articles[aid] = Article(id=aid, path=aid, text=text, sha256="", language="fr")
        statements.append(Statement(span=Span(aid, 0, len(text), text)))
    group = Group(id="g", label="", statements=tuple(statements), confidence=1.0)
    found = list(compare_contradictions(CompareContext(articles, statements, [group])))
    assert len(calls) <= 2 * 2
    assert len([f for f in found if f.kind is Kind.CONTRADICTION]) == 20 * 20
    assert {e.span.article for f in found for e in f.evidence} == set(articles)


def test_pairs_where_one_side_names_nothing_are_never_visited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A feed's group of 40 outlets whose sentence names no alternative and nobody in a
    role: 780 pairs of statements, none read pair by pair (nor remembered)."""
    from factcheck.compare import CompareContext, alternatives, entities
    from factcheck.model import Article, Group, Statement

    calls = []

    def counted(name: str, real: object) -> object:
        def wrapper(*args: object) -> object:
            calls.append(name)
            return real(*args)  # type: ignore[operator]

        return wrapper

    monkeypatch.setattr(alternatives, "_conflicts", counted("alt", alternatives._conflicts))
    monkeypatch.setattr(entities, "_people", counted("people", entities._people))
    statements = []
    articles = {}
    for i in range(40):
        aid = f"a{i:02d}.txt"
        text = f"Les travaux doivent durer {i + 2} mois."
        articles[aid] = Article(id=aid, path=aid, text=text, sha256="", language="fr")
        statements.append(Statement(span=Span(aid, 0, len(text), text)))
    group = Group(id="g", label="", statements=tuple(statements), confidence=1.0)
    ctx = CompareContext(articles, statements, [group])
    assert list(compare_contradictions(ctx)) == compare_entities(ctx) == []
    assert calls == []


@pytest.mark.parametrize(
    ("lang", "first", "second", "flagged"),
    [
        # casualties are compared across the story, aligned or not
        (
            "fr",
            "Deux salariés ont été légèrement blessés en tentant d'éteindre les flammes.",
            "Aucun blessé n'est à déplorer, selon les premiers éléments.",
            True,
        ),
        ("en", "Two workers were injured while fighting the flames.", "No one was hurt.", True),
        # one of the two questions each: both hold
        (
            "fr",
            "Deux salariés ont été légèrement blessés en tentant d'éteindre les flammes.",
            "Aucun mort n'est à déplorer, selon les premiers éléments.",
            False,
        ),
    ],
)
def test_casualties_are_compared_across_the_story(
    lang: str, first: str, second: str, flagged: bool
) -> None:
    ctx = dataclasses.replace(extracted_pair(lang, first, second), groups=[])
    found = [
        f for f in compare_contradictions(ctx) if f.kind is Kind.CONTRADICTION and f.group is None
    ]
    assert bool(found) is flagged
