"""The rows of docs/robustness.md added for issues 21 and 24, through the real command.

Each case runs ``python -m factcheck`` in a subprocess (as CI does, as root
too) and checks the exit code, the one line naming the file and the problem,
and that nothing was written to standard output.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.subproc import NORMAL, REPO, assert_error, check_args, factcheck, two_articles

REPORT = {"schema_version": "1.1", "findings": []}
FINDING = {
    "kind": "value_mismatch",
    "severity": "error",
    "message": "m",
    "evidence": [{"article": "a.txt", "start": 0, "end": 1, "text": "L"}],
}
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER = "1" * 5_001


def _file(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _with_finding(**changes: object) -> str:
    finding = {k: v for k, v in {**FINDING, **changes}.items() if v is not None}
    return json.dumps({**REPORT, "findings": [finding]})


BAD_REPORTS = {
    "empty-finding": (json.dumps({**REPORT, "findings": [{}]}), "at findings/0:"),
    "findings-number": (json.dumps({**REPORT, "findings": 3}), "at findings: 3 is not of type"),
    "findings-string": (json.dumps({**REPORT, "findings": "x"}), "at findings: 'x' is not of type"),
    "evidence-missing": (_with_finding(evidence=None), "'evidence' is a required property"),
    "evidence-text-number": (
        _with_finding(evidence=[{"article": "a", "start": 0, "end": 1, "text": 5}]),
        "at findings/0/evidence/0/text",
    ),
    "severity-list": (_with_finding(severity=["error"]), "at findings/0/severity"),
    "kind-number": (_with_finding(kind=7), "at findings/0/kind"),
    "deep": (DEEP, "nested too deeply"),
    "huge-number": (f'{{"schema_version": {HUGE_NUMBER}, "findings": []}}', "5,001 digits"),
    "nan": ('{"schema_version": NaN, "findings": []}', "NaN is not JSON"),
    "not-json": ("{", "Expecting property name"),
}


@pytest.mark.parametrize("case", sorted(BAD_REPORTS))
def test_diff_refuses_a_bad_report(tmp_path: Path, case: str) -> None:
    content, problem = BAD_REPORTS[case]
    good = _file(tmp_path, "old.json", json.dumps(REPORT))
    bad = _file(tmp_path, "new.json", content)
    assert_error(factcheck("diff", good, bad, cache=tmp_path / "c"), bad, problem)


@pytest.mark.parametrize("case", ["empty-finding", "deep", "severity-list"])
def test_eval_refuses_a_bad_report(tmp_path: Path, case: str) -> None:
    content, problem = BAD_REPORTS[case]
    bad = _file(tmp_path, "report.json", content)
    gold = REPO.parent / "shared" / "eval" / "seeds_gold.json"
    if not gold.is_file():
        pytest.skip("../shared/eval/seeds_gold.json is absent")
    run = factcheck("eval", gold, "--articles", REPO / "seeds", "--report", bad, cache=tmp_path)
    assert_error(run, bad, problem)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[]", "not a valid baseline file at (top)"),
        ('{"format": "factcheck-baseline/1", "findings": [{}]}', "'fingerprint' is a required"),
        ('{"format": "other", "findings": []}', "at format"),
        (DEEP, "nested too deeply"),
    ],
    ids=["list", "entry-without-fingerprint", "other-format", "deep"],
)
def test_check_refuses_a_bad_baseline_before_the_run(
    tmp_path: Path, content: str, problem: str
) -> None:
    bad = _file(tmp_path, "baseline.json", content)
    run = factcheck(*check_args(*two_articles(tmp_path)), "--baseline", bad, cache=tmp_path / "c")
    assert_error(run, bad, problem)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("a.txt.meta.json", '{"outlet": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too"),
        ("a.txt.meta.json", '{"outlet": ' + HUGE_NUMBER + "}", "5,001 digits"),
        ("a.txt.meta.json", '{"outlet": 3}', "at outlet: 3 is not of type"),
        ("a.txt.meta.json", "[1]", "not a valid metadata file at (top)"),
        ("factcheck.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("factcheck.json", '{"articles": {"a.txt": ' + HUGE_NUMBER + "}}", "5,001 digits"),
        ("factcheck.json", '{"articles": []}', "at articles"),
        ("factcheck.json", '{"articles": {"a.txt": {"language": ["fr"]}}}', "a.txt/language"),
    ],
    ids=[
        "sidecar-deep",
        "sidecar-huge-number",
        "sidecar-outlet-number",
        "sidecar-list",
        "folder-deep",
        "folder-huge-number",
        "folder-articles-list",
        "folder-language-list",
    ],
)
def test_bad_metadata_file(tmp_path: Path, name: str, content: str, problem: str) -> None:
    articles = two_articles(tmp_path)
    bad = _file(tmp_path, name, content)
    assert_error(factcheck(*check_args(*articles), cache=tmp_path / "c"), bad, problem)


def test_metadata_file_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    articles = two_articles(tmp_path)
    os.mkfifo(tmp_path / "a.txt.meta.json")
    run = factcheck(*check_args(*articles), cache=tmp_path / "c", timeout=120)
    assert_error(run, tmp_path / "a.txt.meta.json", "a named pipe, not a regular file")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not a valid mutation manifest: Expecting"),
        ("{}", "'source' is a required property"),
        ('{"source": "x", "seed": 1, "mutations": [{"id": "m000"}]}', "at mutations/0"),
        (
            '{"source": "x", "seed": 1, "mutations": [{"id": "m", "type": "t", "article": "a",'
            ' "start": 0, "end": 1, "original": "a", "replacement": "b", "corpus": "../..",'
            ' "seed": 1, "counterpart": {"article": "b", "start": 0, "end": 1, "text": "a"}}]}',
            "at mutations/0/corpus",
        ),
    ],
    ids=["invalid", "empty-object", "missing-fields", "corpus-escapes"],
)
def test_eval_refuses_a_bad_mutation_manifest(tmp_path: Path, content: str, problem: str) -> None:
    folder = tmp_path / "mutations"
    folder.mkdir()
    manifest = _file(folder, "mutations.json", content)
    assert_error(factcheck("eval", folder, cache=tmp_path / "c"), manifest, problem)


def _mutate_source(tmp_path: Path, encoding: str) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    for name, text in (
        ("a.txt", "Le conseil a voté lundi un budget de 3,2 millions d’euros pour l’école.\n"),
        ("b.txt", "Lundi, le conseil a adopté un budget de 3,2 millions d’euros pour l’école.\n"),
    ):
        (source / name).write_bytes(text.encode(encoding))
    return source


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_mutate_accepts_what_check_accepts(tmp_path: Path, encoding: str) -> None:
    source = _mutate_source(tmp_path, encoding)
    run = factcheck("mutate", source, tmp_path / "out", "--seed", "1", cache=tmp_path / "c")
    assert run.code == 0, run
    assert run.out.startswith("m000 ")
    manifest = json.loads((tmp_path / "out" / "mutations.json").read_text(encoding="utf-8"))
    assert len(manifest["mutations"]) == 1


def test_mutate_refuses_a_png_named_txt(tmp_path: Path) -> None:
    source = _mutate_source(tmp_path, "utf-8")
    png = _file(source, "c.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    run = factcheck("mutate", source, tmp_path / "out", "--seed", "1", cache=tmp_path / "c")
    assert_error(run, png, "binary file (a PNG image), not text")


# --- articles that are not text, or not files ----------------------------------------


def test_named_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    run = factcheck(*check_args(*two_articles(tmp_path), tmp_path / "pipe.txt"), cache=tmp_path)
    assert_error(run, tmp_path / "pipe.txt", "a named pipe, not a regular file; refused")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.txt").st_mode)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_named_device_is_refused(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    run = factcheck(*check_args(*two_articles(tmp_path), device), cache=tmp_path / "c")
    assert_error(run, device, "a character device, not a regular file; refused")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (bytes(1_000_000), "binary file (zero-filled: mostly NUL bytes), not text"),
        (
            "Le conseil a voté un budget de 3,2 millions.\n".encode("utf-32-le"),
            "looks like UTF-32 without a byte-order mark; not guessed",
        ),
        (
            "Le conseil a voté un budget de 3,2 millions.\n".encode("utf-32-be"),
            "looks like UTF-32 without a byte-order mark; not guessed",
        ),
    ],
    ids=["zero-filled", "utf32-le", "utf32-be"],
)
def test_non_text_is_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = _file(tmp_path, "c.txt", content)
    run = factcheck(*check_args(*two_articles(tmp_path), bad), cache=tmp_path / "c")
    assert_error(run, bad, problem)


def test_threshold_nan_is_refused(tmp_path: Path) -> None:
    run = factcheck(*check_args(*two_articles(tmp_path)), "--threshold", "nan", cache=tmp_path)
    assert_error(run, "--threshold", "must be a number from 0 to 1, got nan")


# --- drafts go through the references' ingest ------------------------------------------


def test_draft_device_is_refused(tmp_path: Path) -> None:
    run = factcheck(*check_args(*two_articles(tmp_path)), "--draft", "/dev/zero", cache=tmp_path)
    assert_error(run, "/dev/zero", "a character device, not a regular file; refused")


def test_draft_on_stdin_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    args = [*check_args(*two_articles(tmp_path)), "--draft", "-", "--max-article-bytes", "1000"]
    run = factcheck(*args, cache=tmp_path, stdin=b"Le conseil a vote. " * 10_000)
    assert_error(run, "-", "larger than the maximum article size (1,000 bytes)")


def test_draft_file_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    draft = _file(tmp_path, "draft.txt", "Le conseil a voté. " * 100)
    args = [*check_args(*two_articles(tmp_path)), "--draft", draft, "--max-article-bytes", "1000"]
    assert_error(factcheck(*args, cache=tmp_path), draft, "larger than the maximum article size")


# --- runs that go on ---------------------------------------------------------------------


def test_html_pages_with_deep_nesting_and_control_entities_are_read(tmp_path: Path) -> None:
    body = (
        "<p>Le conseil municipal a voté lundi un budget de 3,2 millions d’euros pour l’école"
        " primaire du quartier, a annoncé le maire dans un communiqué.</p>"
    )
    deep = _file(tmp_path, "deep.html", f"<html><body>{'<div>' * 300}{body}</body></html>")
    entity = _file(
        tmp_path,
        "entity.html",
        "<html><body><article>"
        + body.replace("lundi", "lundi&#x1b;&#xffff;")
        + "</article></body></html>",
    )
    run = factcheck(*check_args(deep, entity), cache=tmp_path / "c")
    assert run.code in NORMAL, run
    assert run.err == []
    report = json.loads(run.out)
    assert [a["id"] for a in report["articles"]] == ["deep.html", "entity.html"]


def test_broken_pipe_exits_141_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.subproc import env_for

    articles = two_articles(tmp_path)
    # A reader that closes at once: the report is larger than a pipe's buffer.
    big = _file(tmp_path, "c.txt", "Le conseil a voté un budget de 3 millions. " * 5_000)
    cmd = [sys.executable, "-m", "factcheck", *map(str, check_args(*articles, big)), "--verbose"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(tmp_path / "c")
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=600) == 141
    assert b"Traceback" not in err and b"internal error" not in err


def test_file_names_with_escapes_are_visible_in_mutate_output(tmp_path: Path) -> None:
    source = _mutate_source(tmp_path, "utf-8")
    shutil.move(source / "a.txt", source / "a\x1b]0;pwned\x07.txt")
    run = factcheck("mutate", source, tmp_path / "out", "--seed", "1", cache=tmp_path / "c")
    assert run.code == 0, run
    assert "\x1b" not in run.out and "\x07" not in run.out


@pytest.mark.parametrize("option", ["--aliases", "--baseline", "--draft"])
def test_missing_or_special_input_options_fail_before_the_run(tmp_path: Path, option: str) -> None:
    missing = tmp_path / "missing.toml"
    run = factcheck(*check_args(*two_articles(tmp_path)), option, missing, cache=tmp_path / "c")
    assert_error(run, missing, f"{option}: no such file or directory")
    os.mkfifo(tmp_path / "pipe")
    run = factcheck(*check_args(*two_articles(tmp_path)), option, tmp_path / "pipe", cache=tmp_path)
    assert_error(run, tmp_path / "pipe", f"{option}: a named pipe, not a regular file")
