"""The mutation generator: one grammatical edit of a shared fact per corpus, recorded exactly."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.tools.evaluate import load_gold, read_article_text
from factcheck.tools.mutate import (
    EXPECTED_KIND,
    MUTATION_TYPES,
    find_edits,
    load_mutations,
    mutate,
    render_mutation_text,
    score_mutations,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Two French and two English short reports of one invented story, so every
# mutation type has candidates in both languages (the last line of each: reported
# speech, a verb with a complement, an alternative, two actors, an organisation).
CORPUS = {
    "fr_a.txt": (
        "Le maire Paul Girard a annoncé lundi 3 mars que la ville investira 12 millions "
        "d'euros sur trois ans dans quarante écoles. « Nous avons choisi la prudence », "
        "a déclaré Paul Girard devant le conseil. Les conseillers Marie Dubois, Jean Petit "
        "et Luc Moreau ont voté contre le budget. La préfecture n'a pas réagi à ce vote "
        "du conseil municipal. Les travaux commenceront en avril dans le quartier nord.\n"
        "Selon Claire Morel, le chantier a été reporté. Le conseil a accepté de financer la "
        "cantine. La délégation est arrivée en train à Lyon. Girard a remercié Morel lundi. "
        "La Région Auvergne a financé le projet.\n"
    ),
    "fr_b.txt": (
        "Lundi 3 mars, le maire Paul Girard a annoncé que la ville investira 12 millions "
        "d’euros sur trois ans dans quarante écoles. « Nous avons choisi la prudence », "
        "a déclaré Paul Girard lors du conseil. Marie Dubois, Jean Petit et Luc Moreau, "
        "conseillers d’opposition, ont voté contre le budget. La préfecture n’a pas réagi "
        "à ce vote du conseil municipal. Les travaux commenceront en avril dans le quartier nord.\n"
        "Selon Claire Morel, le chantier a été reporté. Le conseil a accepté de financer la "
        "cantine. La délégation est arrivée en train à Lyon. Girard a remercié Morel lundi. "
        "La Région Auvergne a financé le projet.\n"
    ),
    "en_a.txt": (
        "Mayor Helen Park said on Monday that the city will spend $40 million over five years "
        'on twelve bridges. "We have listened to residents and we are acting now," said '
        "Helen Park at the council meeting. Councillors Ruth Adams, Tom Baker and Ian Cole "
        "voted against the plan. The state agency has not commented on the council vote. "
        "Work on the bridges will start in September near the harbour.\n"
        "According to Sarah Lane, the vote was postponed. The council agreed to fund the "
        "library. The delegation arrived by train in Leeds. Park thanked Lane on Monday. "
        "The Harbour Trust has funded the project.\n"
    ),
    "en_b.txt": (
        "The city will spend $40 million over five years on twelve bridges, Mayor Helen Park "
        'said on Monday. "We have listened to residents and we are acting now," said '
        "Helen Park at the council meeting. Ruth Adams, Tom Baker and Ian Cole voted against "
        "the plan at the council. The state agency has not commented on the council vote. "
        "Work on the bridges will start in September near the harbour.\n"
        "According to Sarah Lane, the vote was postponed. The council agreed to fund the "
        "library. The delegation arrived by train in Leeds. Park thanked Lane on Monday. "
        "The Harbour Trust has funded the project.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def assert_exact_edit(m: Any, source: Path) -> None:
    before = read_article_text(source / m.article)
    after = read_article_text(m.articles_dir / m.article)
    assert before[m.start : m.end] == m.original
    assert after[: m.start] == before[: m.start]
    assert after[m.start : m.start + len(m.replacement)] == m.replacement
    assert after[m.start + len(m.replacement) :] == before[m.end :]
    assert m.original != m.replacement
    for other in (source).glob("*.txt"):
        if other.name != m.article:
            assert (m.articles_dir / other.name).read_bytes() == other.read_bytes()


@pytest.mark.parametrize("kind", MUTATION_TYPES)
def test_every_type_changes_exactly_the_recorded_span(
    kind: str, corpus: Path, tmp_path: Path
) -> None:
    mutations = mutate(corpus, tmp_path, seed=3, count=40, types=(kind,))
    assert mutations, f"no {kind} mutation found in the fixture corpus"
    for m in mutations:
        assert m.type == kind
        assert_exact_edit(m, corpus)
        # The counterpart is the same fact in another, unchanged article.
        assert m.counterpart.article != m.article
        counter = read_article_text(corpus / m.counterpart.article)
        assert counter[m.counterpart.start : m.counterpart.end] == m.counterpart.text


def test_the_gold_file_of_a_mutation_is_valid_and_points_at_the_edit(
    corpus: Path, tmp_path: Path
) -> None:
    mutations = mutate(corpus, tmp_path, seed=1, count=len(MUTATION_TYPES))
    assert {m.type for m in mutations} == set(MUTATION_TYPES)  # one of each, taken in turn
    for m in mutations:
        gold = load_gold(m.gold_path)
        (expected,) = gold["expected_findings"]
        assert expected["kind"] == EXPECTED_KIND[m.type]
        mutated_side, other_side = expected["statements"]
        text = read_article_text(m.articles_dir / m.article)
        start = text.find(mutated_side["quote"])
        assert text.count(mutated_side["quote"]) == 1
        assert start <= m.start and m.start + len(m.replacement) <= start + len(
            mutated_side["quote"]
        )
        assert other_side["article"] == m.counterpart.article


def test_same_seed_same_mutations_and_other_seed_others(corpus: Path, tmp_path: Path) -> None:
    first = [m.as_dict() for m in mutate(corpus, tmp_path / "a", seed=11, count=12)]
    again = [m.as_dict() for m in mutate(corpus, tmp_path / "b", seed=11, count=12)]
    other = [m.as_dict() for m in mutate(corpus, tmp_path / "c", seed=12, count=12)]
    assert first == again
    assert first != other
    assert [m.as_dict() for m in load_mutations(tmp_path / "a")] == first


def test_only_facts_another_article_states_are_mutated(tmp_path: Path) -> None:
    texts = {
        "a.txt": "La ville investira 12 millions d'euros dans quarante écoles du quartier nord.\n",
        "b.txt": "Le club a recruté trois joueurs argentins pour la saison prochaine.\n",
    }
    assert find_edits(texts) == []


def _gold(folder: Path, groups: list[list[tuple[str, str]]]) -> Path:
    path = folder / "gold.json"
    gold = {
        "format": "factcheck-gold/1",
        "articles_dir": ".",
        "articles": {name: {} for name in CORPUS},
        "groups": [
            {"id": f"g{n}", "statements": [{"article": a, "quote": q} for a, q in group]}
            for n, group in enumerate(groups)
        ],
    }
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_with_a_gold_file_only_its_facts_are_edited_against_their_statements(
    corpus: Path, tmp_path: Path
) -> None:
    # The gold lists one fact: the mayor's 12 million over three years (fr_a and fr_b).
    quote_a = "la ville investira 12 millions d'euros sur trois ans"
    quote_b = "la ville investira 12 millions d’euros sur trois ans"
    gold = _gold(tmp_path, [[("fr_a.txt", quote_a), ("fr_b.txt", quote_b)]])
    mutations = mutate(corpus, tmp_path / "out", seed=3, count=50, gold=gold)
    assert {m.type for m in mutations} >= {"currency", "duration"}
    for m in mutations:
        assert_exact_edit(m, corpus)
        own, other = (quote_a, quote_b) if m.article == "fr_a.txt" else (quote_b, quote_a)
        start = read_article_text(corpus / m.article).index(own)
        assert start <= m.start and m.end <= start + len(own)
        counter_start = read_article_text(corpus / m.counterpart.article).index(other)
        assert counter_start <= m.counterpart.start
        assert m.counterpart.end <= counter_start + len(other)
    manifest = json.loads((tmp_path / "out" / "mutations.json").read_text("utf-8"))
    assert manifest["gold"] == str(gold.resolve())
    # Without the gold file the whole corpus is a candidate.
    assert len(mutate(corpus, tmp_path / "all", seed=3, count=50)) > len(mutations)


def test_a_gold_file_of_other_articles_is_an_input_error(corpus: Path, tmp_path: Path) -> None:
    gold = _gold(tmp_path, [[("fr_a.txt", "une phrase absente"), ("fr_b.txt", "le maire")]])
    with pytest.raises(InputError, match="gold quote not found"):
        mutate(corpus, tmp_path / "out", seed=3, count=5, gold=gold)


def _edits(text_a: str, text_b: str, kind: str) -> list[tuple[str, str]]:
    texts = {"a.txt": text_a, "b.txt": text_b}
    return [
        (e.original, choice)
        for e, _ in find_edits(texts, (kind,))
        if e.article == "a.txt"
        for choice in e.choices
    ]


def test_number_words_keep_agreement() -> None:
    text = "Le prévenu a été condamné à deux ans de prison par le tribunal correctionnel de Lyon.\n"
    choices = _edits(text, text, "duration")
    assert choices and all(orig == "deux" for orig, _ in choices)
    assert "un" not in {new for _, new in choices}  # "un ans" would be ungrammatical
    assert ("deux", "trois") in choices
    # "six" is French and English: the replacement follows the article's language.
    english = "The court sentenced the banker to six years in prison for the fraud in London.\n"
    assert ("six", "seven") in _edits(english, english, "duration")


def test_negation_is_removed_or_inserted_whole() -> None:
    text = (
        "La préfecture n'a pas réagi au vote. Le maire a reconnu une erreur de calcul du budget.\n"
    )
    changes = set(_edits(text, text, "negation"))
    assert ("n'a pas", "a") in changes
    assert ("a", "n'a pas") in changes  # before "reconnu"
    english = (
        "The agency has not commented on the vote. The mayor has admitted an error in the budget.\n"
    )
    changes = set(_edits(english, english, "negation"))
    assert ("has not", "has") in changes and ("has", "has not") in changes
    # Never inside an attribution incise, never before an adverb that looks like a participle.
    incise = (
        "« Nous avons fait une erreur de calcul », a reconnu le maire devant le conseil. "
        "Les failles ont aussi concerné le budget.\n"
    )
    changes = set(_edits(incise, incise, "negation"))
    assert ("avons", "n'avons pas") in changes  # the negation finder does run here
    assert ("a", "n'a pas") not in changes and ("ont", "n'ont pas") not in changes


def test_month_swap_fixes_french_elision(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    text = "Les travaux du pont prévus au mois de juillet ont pris du retard, selon la mairie.\n"
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(text, encoding="utf-8")
    seen = set()
    for seed in range(30):
        for m in mutate(src, tmp_path / f"out{seed}", seed=seed, count=4, types=("date",)):
            after = read_article_text(m.articles_dir / m.article)
            seen.add(m.replacement)
            assert not re.search(r"\bde [aeiouAEIOU]", after), after
            assert not re.search(r"\bd'[^aeiouyéèhAEIOU]", after), after
    assert any(r.startswith("d'") for r in seen)  # août, avril or octobre came up


def test_enough_mutations_on_the_seeds(tmp_path: Path) -> None:
    mutations = mutate(SEEDS, tmp_path, seed=2026, count=50)
    assert len(mutations) == 50
    assert len({m.type for m in mutations}) >= 6
    for m in mutations:
        assert_exact_edit(m, SEEDS)
    manifest = json.loads((tmp_path / "mutations.json").read_text("utf-8"))
    assert len(manifest["mutations"]) == 50


# --- scoring ---------------------------------------------------------------------------------


def _report(findings: list[dict[str, Any]]) -> dict[str, Any]:
    articles = [{"id": name, "path": name} for name in CORPUS]
    return {"articles": articles, "groups": [], "findings": findings}


def _finding(
    fid: str, kind: str, severity: str, *spans: tuple[str, int, int, str]
) -> dict[str, Any]:
    evidence = [{"article": a, "start": s, "end": e, "text": t} for a, s, e, t in spans]
    return {"id": fid, "kind": kind, "severity": severity, "evidence": evidence}


def test_score_counts_detection_and_collateral(corpus: Path, tmp_path: Path) -> None:
    (m,) = mutate(corpus, tmp_path, seed=5, count=1, types=("currency",))
    span = (m.article, m.start, m.start + len(m.replacement), m.replacement)
    other = (m.counterpart.article, m.counterpart.start, m.counterpart.end, m.counterpart.text)
    old = _finding(
        "F1", "quote_drift", "warning", ("fr_a.txt", 0, 2, "Le"), ("fr_b.txt", 0, 2, "Lu")
    )
    far = _finding(
        "F3", "contradiction", "error", ("en_a.txt", 0, 5, "Mayor"), ("en_b.txt", 0, 3, "The")
    )
    baseline = _report([old])
    reports = {
        "good": _report([old, _finding("F2", "value_mismatch", "error", span, other)]),
        "noisy": _report([old, _finding("F2", "value_mismatch", "info", span, other), far]),
        "blind": _report([old]),
    }
    scores = {
        name: score_mutations([m], {m.id: rep}, baseline).outcomes[0]
        for name, rep in reports.items()
    }
    assert scores["good"].detected_kind and scores["good"].collateral == ()
    assert scores["noisy"].detected == ("F2",) and not scores["noisy"].detected_warning
    assert scores["noisy"].collateral == ("F3",) and scores["noisy"].collateral_warning == 1
    assert not scores["blind"].detected and scores["blind"].collateral == ()
    metrics = score_mutations([m], {m.id: reports["noisy"]}, baseline).metrics()
    assert metrics["detection_rate"] == 1.0 and metrics["clean_rate"] == 0.0
    text = render_mutation_text(score_mutations([m], {m.id: reports["blind"]}, baseline))
    assert "not detected (1):" in text and m.replacement in text


@pytest.mark.slow
def test_cli_eval_on_a_mutate_folder_runs_the_checker(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    out = tmp_path / "out"
    assert (
        CliRunner()
        .invoke(main, ["mutate", str(corpus), str(out), "--seed", "9", "--count", "2"])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(main, ["eval", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metrics"]["mutations"] == 2
    assert {o["mutation"]["id"] for o in data["outcomes"]} == {"m000", "m001"}


def test_bom_and_crlf_survive_the_edit(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    text = (
        "Le maire a annoncé lundi un budget de 12 millions d'euros.\r\n"
        "La ville investira dans quarante écoles.\r\n"
    )
    for name in ("a.txt", "b.txt"):
        (src / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    mutations = mutate(src, tmp_path / "out", seed=0, count=6)
    assert len(mutations) >= 3
    for m in mutations:
        data = (m.articles_dir / m.article).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 2
        assert_exact_edit(m, src)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6))
def test_any_seed_gives_exact_edits(seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        mutations = mutate(SEEDS, Path(tmp), seed=seed, count=4)
        assert len(mutations) == 4
        for m in mutations:
            assert_exact_edit(m, SEEDS)
