"""The scorer on small hand-built reports, and its agreement with the reference scorer."""

from __future__ import annotations

import copy
import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.tools.evaluate import evaluate, load_gold, render_text
from tests.conftest import load_gold as seeds_gold
from tests.conftest import shared_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def span(article: str, quote: str) -> dict[str, Any]:
    start = TEXTS[article].find(quote)
    assert start >= 0, quote
    return {"article": article, "start": start, "end": start + len(quote), "text": quote}


def report(groups=(), findings=(), published=None) -> dict[str, Any]:
    published = published or {}
    return {
        "schema_version": "1",
        "articles": [
            {"id": name, "path": f"seeds/{name}", "published": published.get(name)}
            for name in TEXTS
        ],
        "groups": [{"id": f"G{i}", "statements": list(g)} for i, g in enumerate(groups)],
        "findings": [
            {
                "id": f"F{i}",
                "kind": kind,
                "severity": sev,
                "evidence": [dict(e, value=None) for e in ev],
            }
            for i, (kind, sev, ev) in enumerate(findings)
        ],
    }


def perfect_report() -> dict[str, Any]:
    groups = [
        [span(s["article"], s["quote"]) for s in g["statements"]] for g in seeds_gold()["groups"]
    ]
    findings = [
        (
            ef["kind"],
            ef.get("min_severity", "warning"),
            [span(s["article"], s["quote"]) for s in ef["statements"]],
        )
        for ef in seeds_gold()["expected_findings"]
    ]
    published = {name: meta["published"] for name, meta in seeds_gold()["articles"].items()}
    return report(groups, findings, published)


def mnf_pair(index: int) -> list[dict[str, Any]]:
    return [
        span(s["article"], s["quote"]) for s in seeds_gold()["must_not_flag"][index]["statements"]
    ]


def test_seeds_gold_is_valid_against_the_schema() -> None:
    assert load_gold(shared_file("eval", "seeds_gold.json"))["format"] == "factcheck-gold/1"


def test_a_perfect_report_scores_one() -> None:
    result = evaluate(perfect_report(), seeds_gold(), SEEDS)
    m = result.metrics()
    assert m["pair_precision"] == m["pair_recall"] == m["pair_f1"] == 1.0
    assert m["expected_recall"] == 1.0
    assert m["date_accuracy"] == 1.0
    assert m["false_alarms"] == m["must_not_flag_violations"] == m["must_not_align_violations"] == 0
    assert m["bad_spans"] == 0


def test_an_empty_report_has_zero_recall() -> None:
    result = evaluate(report(), seeds_gold(), SEEDS)
    assert result.pair_recall == 0.0 and result.pair_f1 == 0.0
    assert result.expected_recall == 0.0
    assert set(result.expected_missed) == {ef["id"] for ef in seeds_gold()["expected_findings"]}
    assert result.date_accuracy == 0.0


def test_flagging_a_must_not_flag_pair_counts_one_violation_and_one_false_alarm() -> None:
    base = perfect_report()
    flagged = report(
        [g["statements"] for g in base["groups"]],
        [("value_mismatch", "error", mnf_pair(0))],
    )
    result = evaluate(flagged, seeds_gold(), SEEDS)
    assert len(result.must_not_flag) == 1
    assert result.must_not_flag[0].offenders == ("F0",)
    assert result.false_alarms == ("F0",)


def test_an_info_finding_on_a_must_not_flag_pair_is_allowed() -> None:
    result = evaluate(
        report(findings=[("value_mismatch", "info", mnf_pair(0))]), seeds_gold(), SEEDS
    )
    assert result.must_not_flag == () and result.false_alarms == ()


def test_severity_below_min_or_wrong_kind_does_not_count_as_found() -> None:
    ef = seeds_gold()["expected_findings"][0]
    ev = [span(s["article"], s["quote"]) for s in ef["statements"]]
    low = evaluate(report(findings=[(ef["kind"], "info", ev)]), seeds_gold(), SEEDS)
    assert ef["id"] in low.expected_missed
    wrong = evaluate(report(findings=[("quote_drift", "error", ev)]), seeds_gold(), SEEDS)
    assert ef["id"] in wrong.expected_missed and ef["id"] in wrong.expected_found_any_kind
    # Evidence on one side only does not find a two-sided discrepancy.
    one_side = evaluate(report(findings=[(ef["kind"], "error", ev[:1])]), seeds_gold(), SEEDS)
    assert ef["id"] in one_side.expected_missed


def test_optional_finding_above_its_max_severity_is_reported() -> None:
    of = seeds_gold()["optional_findings"][1]
    ev = [span(s["article"], s["quote"]) for s in of["statements"]]
    result = evaluate(report(findings=[(of["kind"], "warning", ev)]), seeds_gold(), SEEDS)
    assert [v.rule for v in result.optional_over_severity] == [of["id"]]
    assert result.false_alarms == ()  # it is a known discrepancy, just too loud


def test_aligning_boilerplate_is_a_must_not_align_violation() -> None:
    teaser = seeds_gold()["must_not_align"][1]["statements"][0]
    penalty = seeds_gold()["groups"][0]["statements"][0]
    bad = report(
        [[span(penalty["article"], penalty["quote"]), span(teaser["article"], teaser["quote"])]]
    )
    result = evaluate(bad, seeds_gold(), SEEDS)
    assert [(v.rule, v.offenders) for v in result.must_not_align] == [(teaser["quote"], ("G0",))]


def test_a_wrong_pair_lowers_precision_only() -> None:
    a, b = seeds_gold()["groups"][0]["statements"][0], seeds_gold()["groups"][1]["statements"][1]
    good = [
        [span(s["article"], s["quote"]) for s in g["statements"]] for g in seeds_gold()["groups"]
    ]
    result = evaluate(
        report([*good, [span(a["article"], a["quote"]), span(b["article"], b["quote"])]]),
        seeds_gold(),
        SEEDS,
    )
    assert result.pair_recall == 1.0
    assert result.judged_pairs == result.correct_pairs + 1


def test_a_gold_quote_that_is_not_in_its_article_is_an_error_naming_it() -> None:
    gold = copy.deepcopy(seeds_gold())
    gold["groups"][0]["statements"][0]["quote"] = "soixante mille euros introuvables"
    with pytest.raises(InputError, match="soixante mille euros introuvables"):
        evaluate(report(), gold, SEEDS)


def test_spans_whose_text_does_not_match_are_counted() -> None:
    s = span("000_cc2fc5dfc65894bb.txt", "60.000 euros")
    bad = dict(s, text="45.000 euros")
    result = evaluate(
        report([[bad, span("001_1c4b4929e730dec3.txt", "60 000 euros")]]), seeds_gold(), SEEDS
    )
    assert result.bad_spans == 1


def test_render_text_names_the_misses_and_violations() -> None:
    text = render_text(
        evaluate(report(findings=[("value_mismatch", "error", mnf_pair(0))]), seeds_gold(), SEEDS)
    )
    assert "must_not_flag violations: 1/" in text
    assert seeds_gold()["expected_findings"][0]["id"] in text


# --- agreement with the independent reference scorer ------------------------------------------


@functools.cache
def _reference_scorer() -> Any:
    path = shared_file("eval", "score.py")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def assert_agrees(rep: dict[str, Any]) -> None:
    ours = evaluate(rep, seeds_gold(), SEEDS)
    ref = _reference_scorer()(rep, seeds_gold(), SEEDS)
    m = ours.metrics()
    assert (m["pair_precision"], m["pair_recall"], m["pair_f1"]) == (
        ref["pair_precision"],
        ref["pair_recall"],
        ref["pair_f1"],
    )
    assert (ours.gold_pairs, ours.judged_pairs) == (ref["gold_pairs"], ref["judged_pairs"])
    assert list(ours.expected_found) == ref["expected_found_ids"]
    assert len(ours.expected_found_any_kind) == ref["expected_found_any_kind"]
    assert len(ours.must_not_flag) == ref["must_not_flag_violations"]
    assert len(ours.must_not_align) == ref["must_not_align_violations"]
    assert ours.bad_spans == ref["bad_spans"]
    assert ours.findings_warning_plus == ref["findings_warning_plus"]


def test_agrees_with_reference_on_hand_built_reports() -> None:
    teaser = seeds_gold()["must_not_align"][1]["statements"][0]
    penalty = seeds_gold()["groups"][0]["statements"][0]
    mixed = report(
        [
            [span(penalty["article"], penalty["quote"]), span(teaser["article"], teaser["quote"])],
            *[
                [span(s["article"], s["quote"]) for s in g["statements"][:2]]
                for g in seeds_gold()["groups"][3:8]
            ],
        ],
        [("value_mismatch", "error", mnf_pair(0)), ("contradiction", "warning", mnf_pair(3))],
    )
    for rep in (perfect_report(), report(), mixed):
        assert_agrees(rep)


def _random_span(draw: Any) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 300)))
    return {"article": name, "start": start, "end": end, "text": text[start:end]}


@st.composite
def random_reports(draw: Any) -> dict[str, Any]:
    groups = [
        [_random_span(draw) for _ in range(draw(st.integers(2, 4)))]
        for _ in range(draw(st.integers(0, 8)))
    ]
    kinds = st.sampled_from(
        ["value_mismatch", "quote_drift", "attribution_mismatch", "contradiction"]
    )
    findings = [
        (
            draw(kinds),
            draw(st.sampled_from(["info", "warning", "error"])),
            [_random_span(draw), _random_span(draw)],
        )
        for _ in range(draw(st.integers(0, 6)))
    ]
    return report(groups, findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_reports())
def test_agrees_with_reference_on_random_reports(rep: dict[str, Any]) -> None:
    assert_agrees(rep)


# --- the second, independent gold set ---------------------------------------------------------

FIRE_GOLD = ROOT / "tests" / "data" / "eval" / "gold.json"


def test_second_gold_set_is_valid_and_complete() -> None:
    gold = load_gold(FIRE_GOLD)
    articles = gold["articles"]
    assert len(articles) >= 4
    assert {"fr", "en"} <= {a["language"] for a in articles.values()}
    assert len(gold["groups"]) >= 10
    assert len(gold["expected_findings"]) >= 5
    assert len({ef["kind"] for ef in gold["expected_findings"]}) >= 5
    assert len(gold["must_not_flag"]) >= 5
    # Every quote is located (an unknown quote raises), and a perfect reading scores 1.
    folder = FIRE_GOLD.parent / gold["articles_dir"]
    result = evaluate({"articles": [], "groups": [], "findings": []}, gold, folder)
    assert result.gold_pairs >= 20 and result.expected_recall == 0.0


# --- the command line ---------------------------------------------------------------------------


def test_cli_eval_scores_a_given_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    report_file = tmp_path / "report.json"
    report_file.write_text(json.dumps(perfect_report()), encoding="utf-8")
    out = tmp_path / "eval.json"
    gold_path = shared_file("eval", "seeds_gold.json")
    args = ["eval", str(gold_path), "--articles", str(SEEDS), "--report", str(report_file)]
    result = CliRunner().invoke(main, [*args, "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["metrics"]["pair_f1"] == 1.0
    text = CliRunner().invoke(main, args)
    expected = len(seeds_gold()["expected_findings"])
    assert f"expected   {expected}/{expected} found" in text.output


def test_cli_eval_names_a_missing_gold_quote(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    gold = copy.deepcopy(seeds_gold())
    gold["groups"][0]["statements"][0]["quote"] = "une citation absente"
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    report_file = tmp_path / "report.json"
    report_file.write_text(json.dumps(report()), encoding="utf-8")
    args = ["eval", str(gold_file), "--articles", str(SEEDS), "--report", str(report_file)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "une citation absente" in result.output


def test_cli_mutate_writes_corpora(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    result = CliRunner().invoke(
        main, ["mutate", str(SEEDS), str(tmp_path / "out"), "--seed", "4", "--count", "3"]
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 3
    assert (
        len(json.loads((tmp_path / "out" / "mutations.json").read_text("utf-8"))["mutations"]) == 3
    )


def test_agrees_with_reference_on_the_second_gold_set() -> None:
    gold = load_gold(FIRE_GOLD)
    folder = FIRE_GOLD.parent / gold["articles_dir"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}

    def fire_span(st: dict[str, str]) -> dict[str, Any]:
        start = texts[st["article"]].find(st["quote"])
        return {
            "article": st["article"],
            "start": start,
            "end": start + len(st["quote"]),
            "text": st["quote"],
        }

    # The gold's own reading as a report, plus one must_not_flag pair flagged as an error.
    flagged = gold["must_not_flag"][0]["statements"]
    rep = {
        "articles": [{"id": name, "path": name} for name in texts],
        "groups": [
            {"id": g["id"], "statements": [fire_span(s) for s in g["statements"]]}
            for g in gold["groups"]
        ],
        "findings": [
            {
                "id": f["id"],
                "kind": f["kind"],
                "severity": "error",
                "evidence": [fire_span(s) for s in f["statements"]],
            }
            for f in gold["expected_findings"]
        ]
        + [
            {
                "id": "bad",
                "kind": "value_mismatch",
                "severity": "error",
                "evidence": [fire_span(s) for s in flagged],
            }
        ],
    }
    ours = evaluate(rep, gold, folder)
    ref = _reference_scorer()(rep, gold, folder)
    assert (ours.metrics()["pair_f1"], ref["pair_f1"]) == (1.0, 1.0)
    assert list(ours.expected_found) == ref["expected_found_ids"]
    assert len(ours.must_not_flag) == ref["must_not_flag_violations"] == 1
    assert ours.false_alarms == ("bad",)


def test_cli_mutate_warns_when_no_fact_is_shared(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "La mairie a voté un budget de 12 millions d'euros.\n", encoding="utf-8"
    )
    (src / "b.txt").write_text("Le club a recruté trois joueurs argentins.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["mutate", str(src), str(tmp_path / "out"), "--seed", "1"])
    assert result.exit_code == 0
    assert "only 0 facts" in result.output


def test_cli_eval_rejects_report_for_a_mutate_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["mutate", str(SEEDS), str(out), "--seed", "1"]).exit_code == 0
    report_file = tmp_path / "report.json"
    report_file.write_text(json.dumps(report()), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(out), "--report", str(report_file)])
    assert result.exit_code == 2
    assert "mutate folder" in result.output
    not_mutated = CliRunner().invoke(main, ["eval", str(SEEDS)])
    assert not_mutated.exit_code == 2 and "mutations.json" in not_mutated.output
