"""The bad-input matrix of docs/robustness.md, through the command line.

Each case runs ``factcheck check`` (the small hash embedder, JSON output) and
asserts the exact exit code and what the user reads on stderr: one line naming
the file for an error, one warning line per skipped file otherwise.
"""

from __future__ import annotations

import errno
import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck import ingest
from factcheck.cli import main
from factcheck.errors import ExitCode

PROSE = (
    "Le conseil municipal a voté lundi un budget de 3,2 millions d’euros pour l’école.\n",
    "Lundi, le conseil municipal a adopté un budget de 3,2 millions d’euros pour l’école.\n",
)
NORMAL = (ExitCode.OK, ExitCode.FINDINGS)


def _write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _two_articles(directory: Path) -> list[Path]:
    return [_write(directory, f"{n}.txt", text) for n, text in zip("ab", PROSE, strict=True)]


def check(*paths: Path | str, extra: tuple[str, ...] = ()) -> tuple[int, str, list[str]]:
    """Run ``factcheck check``; return the exit code, stdout and the stderr lines."""
    args = ["check", *map(str, paths), "--model", "hash-3gram-256", "--format", "json", "-q"]
    result = CliRunner().invoke(main, [*args, *extra])
    return result.exit_code, result.stdout, result.stderr.splitlines()


def assert_error(code: int, out: str, err: list[str], path: Path | str, problem: str) -> None:
    """Exit 2, nothing on stdout, and exactly one line ``factcheck: PATH: problem…``."""
    assert code == ExitCode.INPUT_ERROR, err
    assert out == ""
    assert len(err) == 1, err
    assert err[0].startswith(f"factcheck: {path}: {problem}"), err


def report_of(out: str) -> dict[str, Any]:
    return json.loads(out)


def article_ids(out: str) -> list[str]:
    return [a["id"] for a in report_of(out)["articles"]]


# --- errors (exit 2) ---------------------------------------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert_error(*check(missing), missing, "no such file or directory")


def test_empty_path_is_not_the_current_directory(tmp_path: Path) -> None:
    # `factcheck check "$UNSET"` checked the current directory (Path("") is ".").
    assert_error(*check("", *_two_articles(tmp_path)), "''", "empty path")


def test_directory_with_no_articles(tmp_path: Path) -> None:
    _write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n")
    assert_error(*check(tmp_path), tmp_path, "directory has no article files")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
        (b"PK\x03\x04\x14\x00\x08\x00", "binary file (a ZIP archive (or DOCX/ODT)), not text"),
        (b"Le maire\x00a dit\x00oui.\n", "binary file (contains NUL bytes), not text"),
    ],
    ids=["png", "zip", "nul"],
)
def test_binary_file(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = _write(tmp_path, "c.txt", content)
    assert_error(*check(*_two_articles(tmp_path), bad), bad, problem)


def test_invalid_utf8_in_a_utf8_file(tmp_path: Path) -> None:
    bad = _write(tmp_path, "c.txt", "Élargie à l’été ".encode() + b"\xff\xc3(" + b" fin.\n")
    assert_error(*check(*_two_articles(tmp_path), bad), bad, "invalid UTF-8 (byte 22: 0xff)")


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert_error(*check(*_two_articles(tmp_path), loop), loop, "symbolic link loop")


def test_symlink_loop_inside_a_directory(tmp_path: Path) -> None:
    _two_articles(tmp_path)
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    assert_error(*check(tmp_path), tmp_path / "loop.txt", "symbolic link loop")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; see the simulated case")
def test_no_read_permission(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", PROSE[0])
    secret.chmod(0)
    assert_error(*check(*_two_articles(tmp_path), secret), secret, "permission denied")


def test_no_read_permission_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests run as root, who can read a chmod-0 file: make open() refuse like the kernel.
    secret = _write(tmp_path, "secret.txt", PROSE[0])

    real_open = os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> int:
        if Path(file) == secret:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    assert_error(
        *check(*_two_articles(tmp_path), secret), secret, "permission denied (cannot read)"
    )


def test_file_above_the_maximum_article_size(tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", PROSE[0] * 20)
    code, out, err = check(*_two_articles(tmp_path), big, extra=("--max-article-bytes", "1000"))
    assert_error(code, out, err, big, "larger than the maximum article size (1,000 bytes)")


def test_maximum_article_size_must_be_positive(tmp_path: Path) -> None:
    code, _, err = check(*_two_articles(tmp_path), extra=("--max-article-bytes", "0"))
    assert code == ExitCode.INPUT_ERROR
    assert any("--max-article-bytes" in line for line in err)


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b" \n\t\r\n  \n", "only white space")],
    ids=["empty", "whitespace"],
)
def test_empty_file_with_one_usable_article_is_an_error(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    empty = _write(tmp_path, "empty.txt", content)
    good = _write(tmp_path, "a.txt", PROSE[0])
    code, out, err = check(empty, good)
    assert_error(code, out, err, empty, f"{problem}; fewer than two usable articles remain")


def test_deleted_file_named_explicitly_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = _write(tmp_path, "gone.txt", PROSE[0])
    real_read = ingest._read

    def delete_then_read(source: Any, *args: Any) -> Any:
        if source.path == gone:
            gone.unlink()
        return real_read(source, *args)

    monkeypatch.setattr(ingest, "_read", delete_then_read)
    assert_error(*check(*_two_articles(tmp_path), gone), gone, "no such file or directory")


# --- warnings: the file is skipped, the run goes on -------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b" \n\t\r\n  \n", "only white space")],
    ids=["empty", "whitespace"],
)
def test_empty_or_whitespace_file_is_skipped(tmp_path: Path, content: bytes, problem: str) -> None:
    empty = _write(tmp_path, "empty.txt", content)
    code, out, err = check(*_two_articles(tmp_path), empty)
    assert code in NORMAL
    assert err == [f"factcheck: warning: {empty}: {problem}; skipped"]
    assert article_ids(out) == ["a.txt", "b.txt"]


def test_file_deleted_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_articles(tmp_path)
    _write(tmp_path, "c.txt", "Le conseil a voté un budget pour l’école.\n")
    real_list = ingest._list_dir

    def list_then_delete(directory: Path) -> list[Path]:
        listed = real_list(directory)
        (directory / "c.txt").unlink()
        return listed

    monkeypatch.setattr(ingest, "_list_dir", list_then_delete)
    code, out, err = check(tmp_path)
    assert code in NORMAL
    assert err == [
        f"factcheck: warning: {tmp_path / 'c.txt'}: disappeared before it could be read; skipped"
    ]
    assert article_ids(out) == ["a.txt", "b.txt"]


def test_named_pipe_in_a_directory_is_skipped_not_waited_on(tmp_path: Path) -> None:
    # Opening a FIFO blocks until a writer comes: the run hung forever before the fix.
    _two_articles(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = check(tmp_path)
    assert code in NORMAL
    assert err == [
        f"factcheck: warning: {tmp_path / 'pipe.txt'}: not a regular file (a named pipe); skipped"
    ]
    assert article_ids(out) == ["a.txt", "b.txt"]


def test_duplicate_files_are_reported_as_duplicates(tmp_path: Path) -> None:
    a, b = _two_articles(tmp_path)
    copy = _write(tmp_path, "copy.txt", a.read_bytes())
    code, out, err = check(a, b, copy)
    assert code in NORMAL
    assert err == [
        f"factcheck: warning: {copy}: same bytes as {a}"
        " (duplicate file, not an independent source); skipped"
    ]
    report = report_of(out)
    assert [x["id"] for x in report["articles"]] == ["a.txt", "b.txt"]
    # The copy never counts as a second outlet confirming a fact.
    assert all("copy.txt" not in json.dumps(g) for g in report["groups"])


def test_same_path_twice_is_read_once(tmp_path: Path) -> None:
    a, b = _two_articles(tmp_path)
    code, out, err = check(a, b, a)
    assert code in NORMAL
    assert err == [f"factcheck: warning: {a}: given more than once (as {a}); read once"]
    assert article_ids(out) == ["a.txt", "b.txt"]


# --- normal input ------------------------------------------------------------------


def test_single_article_is_not_an_error(tmp_path: Path) -> None:
    only = _write(tmp_path, "a.txt", PROSE[0])
    code, out, err = check(only, extra=("--fail-on", "info"))
    assert code == ExitCode.OK
    assert err == ["factcheck: warning: only one usable article: nothing to compare"]
    report = report_of(out)
    assert article_ids(out) == ["a.txt"] and report["findings"] == []


def test_utf16_file_is_read(tmp_path: Path) -> None:
    u16 = _write(tmp_path, "c.txt", PROSE[1].encode("utf-16"))
    code, out, err = check(*_two_articles(tmp_path), u16)
    assert code in NORMAL and err == []
    article = next(a for a in report_of(out)["articles"] if a["id"] == "c.txt")
    assert article["encoding"] == "utf-16" and article["chars"] == len(PROSE[1])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_file_without_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    # Was refused as "binary file (contains NUL bytes)".
    u16 = _write(tmp_path, "c.txt", PROSE[1].encode(codec))
    code, out, err = check(*_two_articles(tmp_path), u16)
    assert code in NORMAL and err == []
    article = next(a for a in report_of(out)["articles"] if a["id"] == "c.txt")
    assert article["encoding"] == codec and article["chars"] == len(PROSE[1])


def _spans(report: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [s for g in report["groups"] for s in g["statements"]]
    return spans + [e for f in report["findings"] for e in f["evidence"]]


def _timed(run: Callable[[], tuple[int, str, list[str]]]) -> tuple[float, int, str, list[str]]:
    started = time.perf_counter()
    code, out, err = run()
    return time.perf_counter() - started, code, out, err


@pytest.mark.slow
def test_one_ten_megabyte_line(tmp_path: Path) -> None:
    huge = _write(tmp_path, "huge.txt", "mot " * 2_500_000)
    elapsed, code, out, err = _timed(lambda: check(*_two_articles(tmp_path), huge))
    assert code in NORMAL and err == []
    report = report_of(out)
    assert next(a for a in report["articles"] if a["id"] == "huge.txt")["chars"] == 10_000_000
    text = huge.read_text()
    assert all(
        text[s["start"] : s["end"]] == s["text"]
        for s in _spans(report)
        if s["article"] == "huge.txt"
    )
    assert elapsed < 600  # measured ~65 s on the 2-core CI machine; a hang fails


@pytest.mark.slow
def test_a_thousand_small_files(tmp_path: Path) -> None:
    # Distinct made-up sentences: 1,000 rewordings of one fact with 1,000 values would
    # be a different test (every pair disagrees: ~500,000 findings, see docs/robustness.md).
    rng = random.Random(10)
    syllables = ("ba", "ko", "ri", "tu", "me", "sa", "lo", "ni", "vé", "zu", "pa", "fo")
    for i in range(1000):
        words = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(12)]
        _write(tmp_path, f"{i:04d}.txt", " ".join(words).capitalize() + ".\n")
    elapsed, code, out, err = _timed(lambda: check(tmp_path))
    # 1,000 unrelated made-up texts are not one story: the story check says so, once.
    assert code in NORMAL and len(err) == 1 and "different stories" in err[0], err
    assert len(report_of(out)["articles"]) == 1000
    assert elapsed < 600  # measured 59 s on an idle 2-core machine


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    # The temporary file behind the atomic write is created 0600; the report must not stay so.
    report = tmp_path / "report.json"
    code, _, _ = check(*_two_articles(tmp_path), extra=("--output", str(report)))
    umask = os.umask(0)
    os.umask(umask)
    assert code in NORMAL
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask


def test_encoder_reads_at_most_max_chars_of_a_sentence() -> None:
    from factcheck.align import get_embedder
    from factcheck.align.embed import MAX_CHARS

    embedder = get_embedder("hash-3gram-256", None)
    words = " ".join(f"mot{i}" for i in range(3 * MAX_CHARS))
    vectors = embedder.embed([words, words[:MAX_CHARS], words[: MAX_CHARS - 50]])
    assert (vectors[0] == vectors[1]).all()  # the rest of a long sentence is not encoded
    assert not (vectors[1] == vectors[2]).all()  # ...but everything up to the cap is


def test_a_long_run_of_sentence_marks_is_segmented_in_linear_time(tmp_path: Path) -> None:
    # 20,000 "…" took 14 s to segment (quadratic regex backtracking); 200,000 took ~20 min.
    marks = _write(tmp_path, "c.txt", "Fin" + "…" * 200_000 + "\n")
    elapsed, code, out, err = _timed(lambda: check(*_two_articles(tmp_path), marks))
    assert code in NORMAL and err == []
    assert "c.txt" in article_ids(out)
    assert elapsed < 30
