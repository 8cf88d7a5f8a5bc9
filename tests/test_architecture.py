"""docs/architecture.md holds: the layering contracts pass, and each walkthrough works.

The walkthrough tests do what the page says, step by step: a comparer passed
to ``factcheck.check`` (and its declared fields checked), an output format
added to ``OUTPUT_FORMATS``, an embedder plugged into ``factcheck.check``.
"""

from __future__ import annotations

import configparser
import dataclasses
import hashlib
import os
import pkgutil
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

import numpy as np
import pytest

import factcheck
import factcheck.extract.parse
import factcheck.modes
import factcheck.stories
import factcheck.tools
from factcheck.compare import (
    CompareContext,
    Comparer,
    StatementField,
    default_comparers,
    single_source_comparer,
)
from factcheck.model import Evidence, Finding, Kind, Report, Severity, Statement
from factcheck.options import Options
from factcheck.render import OUTPUT_FORMATS, OutputFormat, RenderOptions, render_text, report_files
from tests.quote_fixtures import extracted_pair
from tests.render_fixtures import small_report

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "data" / "eval" / "articles"
CONTRACTS = REPO / ".importlinter"


def _contracts() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(CONTRACTS, encoding="utf-8")
    return parser


def _listed(value: str) -> set[str]:
    return {m.strip() for line in value.splitlines() for m in line.split("|") if m.strip()}


def _top_modules() -> set[str]:
    """Every module and package directly under factcheck (factcheck.X)."""
    return {f"factcheck.{m.name}" for m in pkgutil.iter_modules(factcheck.__path__)}


def test_import_contracts_pass() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists():
        if os.environ.get("FACTCHECK_FULL_SUITE") == "1":
            pytest.fail(f"FACTCHECK_FULL_SUITE=1 but {lint} is missing (the test extra)")
        pytest.skip("needs import-linter (pip install -e '.[test]')")
    # This checkout's package, whatever is installed; no cache files in the repository.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [str(lint), "--no-cache", "--no-logo", str(CONTRACTS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_every_module_is_in_a_layer() -> None:
    # modes and tools only hold their modules, each in its layer. The story
    # stage is the package module itself (its own contract); its sub-modules
    # are modes, listed in a layer.
    layered = _listed(_contracts()["importlinter:contract:layers"]["layers"])
    containers = (factcheck.modes, factcheck.stories, factcheck.tools)
    inside = {
        f"{package.__name__}.{m.name}"
        for package in containers
        for m in pkgutil.iter_modules(package.__path__)
    }
    assert layered == (_top_modules() - {p.__name__ for p in containers}) | inside


def test_render_contract_names_every_other_module() -> None:
    contract = _contracts()["importlinter:contract:render"]
    forbidden = _listed(contract["forbidden_modules"])
    allowed = {
        "factcheck.model",
        "factcheck.fingerprint",
        "factcheck.text",
        "factcheck.normalize",
        "factcheck.lexicon",
    }
    assert forbidden == _top_modules() - allowed - {"factcheck.render"}


# ---------------------------------------------------------------- walkthroughs


def compare_toy(ctx: CompareContext) -> list[Finding]:
    """A toy comparer: one info finding on the first aligned group."""
    if not ctx.groups:
        return []
    group = ctx.groups[0]
    return [
        Finding(
            kind=Kind.CONTRADICTION,
            severity=Severity.INFO,
            confidence=0.5,
            message="toy comparer: this group was seen",
            evidence=tuple(Evidence(s.span) for s in group.statements[:2]),
            group=group.id,
        )
    ]


class ToyEmbedder:
    """A deterministic fake with the Embedder protocol: hashed word counts, L2-normalized."""

    model_id = "toy-words-64"
    dimension = 64

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                rows[i, hashlib.sha256(word.encode()).digest()[0] % self.dimension] += 1.0
        lengths = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.maximum(lengths, 1e-12)


def test_a_comparer_added_as_documented_reports_its_finding() -> None:
    toy_comparer = Comparer(compare_toy, requires=frozenset({"tokens"}))
    report = factcheck.check(
        [str(ARTICLES)],
        Options(one_story=True),
        embedder=ToyEmbedder(),
        comparers=[*default_comparers(), toy_comparer],
    )
    toy = [f for f in report.findings if f.message.startswith("toy comparer")]
    assert len(toy) == 1, "the toy comparer's finding is in the report"
    assert toy[0].id and toy[0].group in {g.id for g in report.groups}
    assert not [w for w in report.warnings if "skipped" in w]
    without = factcheck.check([str(ARTICLES)], Options(one_story=True), embedder=ToyEmbedder())
    assert not [f for f in without.findings if f.message.startswith("toy comparer")]


def test_a_comparer_requiring_the_parse_is_skipped_with_a_warning_without_a_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No parser installed for any language: the extract stage produces no tokens.
    monkeypatch.setattr(factcheck.extract.parse, "pipeline", lambda lang: None)
    needs_parse = Comparer(compare_toy, requires=frozenset({"tokens"}))
    reads_parse = Comparer(compare_toy, uses=frozenset({"tokens"}))
    report = factcheck.check(
        [str(ARTICLES)],
        Options(one_story=True),
        embedder=ToyEmbedder(),
        comparers=[*default_comparers(), needs_parse],
    )
    assert not [f for f in report.findings if f.message.startswith("toy comparer")]
    languages = sorted({a.language for a in report.articles})
    assert [w for w in report.warnings if "skipped" in w] == [
        "comparer compare_toy skipped: it requires tokens "
        f"(no parser is installed for {', '.join(languages)})"
    ]
    # One that only uses the parse runs, and the defaults (which only use it) all ran.
    used = factcheck.check(
        [str(ARTICLES)], Options(one_story=True), embedder=ToyEmbedder(), comparers=[reads_parse]
    )
    assert [f.message for f in used.findings] == ["toy comparer: this group was seen"]
    assert not [w for w in used.warnings if "skipped" in w]


def test_statement_fields_are_the_statement_s_fields() -> None:
    fields = {f.name for f in dataclasses.fields(Statement)} - {"span"}
    assert set(get_args(StatementField)) == fields


def _blank(ctx: CompareContext, keep: frozenset[StatementField]) -> CompareContext:
    """The context with every statement field outside ``keep`` emptied."""
    empty: dict[str, object] = {
        f: None if f == "claim" else () for f in get_args(StatementField) if f not in keep
    }

    def blank(statement: Statement) -> Statement:
        return dataclasses.replace(statement, **empty)  # type: ignore[arg-type]

    return dataclasses.replace(
        ctx,
        statements=[blank(s) for s in ctx.statements],
        groups=[
            dataclasses.replace(g, statements=tuple(blank(s) for s in g.statements))
            for g in ctx.groups
        ],
        unaligned=[blank(s) for s in ctx.unaligned],
    )


def test_each_default_comparer_reads_only_what_it_declares(tmp_path: Path) -> None:
    # The real embedder: its groups give every comparer something to find here. The
    # eval articles agree on who holds each office: one more names another holder.
    for article in ARTICLES.iterdir():
        shutil.copy(article, tmp_path / article.name)
    (tmp_path / "e_radio_fr.txt").write_text(
        "Le PDG de Valorest, Paul Martin, s'est rendu sur place mercredi matin.\n",
        encoding="utf-8",
    )
    seen: list[CompareContext] = []
    capture = Comparer(lambda ctx: seen.append(ctx) or [])
    factcheck.check(
        [str(tmp_path)], Options(one_story=True, single_source=True), comparers=[capture]
    )
    (captured,) = seen
    # No list in these articles differs by one name, and no one is given two ages: the
    # list and age comparers are held to their declarations on pairs of their own.
    own = {
        "compare_lists": extracted_pair(
            "en",
            "Talks brought together France, Germany, Italy and Spain on Monday.",
            "Talks brought together France, Germany, Poland and Spain on Monday.",
        ),
        "compare_ages": extracted_pair(
            "en",
            "John Jenkin, 23, was arrested on Friday.",
            "Police named the man as John Jenkin, aged 32.",
        ),
    }
    for comparer in [*default_comparers(), single_source_comparer()]:
        ctx = own.get(comparer.name, captured)
        # A comparer may yield its findings lazily: list() runs it.
        findings = list(comparer.run(ctx))
        assert findings, f"{comparer.name} finds something in these articles"
        declared = comparer.requires | comparer.uses
        assert list(comparer.run(_blank(ctx, declared))) == findings, comparer.name
        # What it only uses, it works without.
        list(comparer.run(_blank(ctx, comparer.requires)))


def render_toy(report: Report, options: RenderOptions) -> str:
    """A toy output format: one line per finding."""
    return "".join(f"{f.severity.value}\t{f.kind.value}\t{f.message}\n" for f in report.findings)


def test_an_output_format_added_as_documented_renders_a_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(
        OUTPUT_FORMATS, "toy", OutputFormat("toy", "tests.test_architecture:render_toy")
    )
    report = small_report()
    text = render_text(report, "toy", RenderOptions())
    assert text.splitlines() == [
        f"{f.severity.value}\t{f.kind.value}\t{f.message}" for f in report.findings
    ]
    assert report_files(report, "seeds", RenderOptions())["seeds.toy"] == text


def test_an_embedder_plugged_in_as_documented_gives_a_report() -> None:
    embedder = ToyEmbedder()
    report = factcheck.check([str(ARTICLES)], Options(one_story=True), embedder=embedder)
    assert isinstance(report, Report)
    assert len(report.articles) == 4
    assert report.groups, "the toy embedder's vectors align statements"
    # Deterministic: the same embedder gives the same report.
    again = factcheck.check([str(ARTICLES)], Options(one_story=True), embedder=embedder)
    assert render_text(again, "json", RenderOptions()) == render_text(
        report, "json", RenderOptions()
    )
