"""Output targets are never destroyed (docs/robustness.md, "Output safety"; issue 24).

Subprocess tests of the real command, run as root in CI too: a refused
target is still exactly what it was, and nothing is written anywhere else.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from factcheck.output import write_text
from tests.subproc import NORMAL, assert_error, check_args, factcheck, two_articles

OPTIONS = ("--output", "--write-baseline")


def _snapshot(path: Path) -> tuple[int, int, int, str]:
    info = os.lstat(path)
    link = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
    return info.st_mode, info.st_rdev, info.st_size, link


def _refused(tmp_path: Path, option: str, target: Path, problem: str) -> None:
    articles = two_articles(tmp_path)
    before = _snapshot(target) if os.path.lexists(target) else None
    listing = sorted(os.listdir(target.parent)) if target.parent.is_dir() else None
    run = factcheck(*check_args(*articles), option, target, cache=tmp_path / "c")
    assert_error(run, target, problem)
    assert option in run.err[0]
    if before is not None:
        assert _snapshot(target) == before
    if listing is not None:
        assert sorted(os.listdir(target.parent)) == listing


@pytest.mark.parametrize("option", OPTIONS)
def test_fifo_target_is_refused_and_kept(tmp_path: Path, option: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "pipe")
    _refused(tmp_path, option, out / "pipe", "is a named pipe, not a regular file")


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root (CI runs as root)")
@pytest.mark.parametrize("option", OPTIONS)
def test_device_node_target_is_refused_and_kept(tmp_path: Path, option: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mknod(out / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    _refused(tmp_path, option, out / "null", "is a character device")
    assert os.lstat(out / "null").st_rdev == os.makedev(1, 3)


@pytest.mark.parametrize("option", OPTIONS)
def test_symlink_target_is_refused_and_kept(tmp_path: Path, option: str) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    _refused(tmp_path, option, link, "is a symbolic link")
    assert real.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("option", OPTIONS)
def test_directory_target_is_refused(tmp_path: Path, option: str) -> None:
    (tmp_path / "out").mkdir()
    _refused(tmp_path, option, tmp_path / "out", "is a directory")


@pytest.mark.parametrize("option", OPTIONS)
def test_read_only_target_is_refused_and_kept(tmp_path: Path, option: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.json"
    target.write_text("accepted", encoding="utf-8")
    target.chmod(0o444)
    _refused(tmp_path, option, target, "is read-only")
    assert target.read_text(encoding="utf-8") == "accepted"


@pytest.mark.parametrize("option", OPTIONS)
def test_missing_directory_is_refused_before_the_run(tmp_path: Path, option: str) -> None:
    target = tmp_path / "nowhere" / "r.json"
    _refused(tmp_path, option, target, "does not exist")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any directory")
def test_read_only_directory_is_refused_before_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        _refused(tmp_path, "--output", out / "r.json", "is not writable")
    finally:
        out.chmod(0o755)


def test_eval_output_is_checked_before_scoring(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    gold = tmp_path / "gold.json"
    gold.write_text("{}", encoding="utf-8")
    run = factcheck("eval", gold, "-o", tmp_path / "pipe", cache=tmp_path / "c")
    assert_error(run, tmp_path / "pipe", "is a named pipe")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_modes_kept_and_stale_temporary_files_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    report, baseline = out / "r.json", out / "b.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    baseline.write_text("old", encoding="utf-8")
    baseline.chmod(0o604)
    # What a writer killed with -9 leaves: a temp file named after its (dead) pid.
    stale = out / ".r.json.999999999.abcd.tmp"
    stale.write_text("partial", encoding="utf-8")
    run = factcheck(
        *check_args(*two_articles(tmp_path)),
        "-o",
        report,
        "--write-baseline",
        baseline,
        cache=tmp_path / "c",
    )
    assert run.code in NORMAL, run
    assert run.out == ""
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert stat.S_IMODE(baseline.stat().st_mode) == 0o604
    assert json.loads(report.read_text(encoding="utf-8"))["articles"]
    assert json.loads(baseline.read_text(encoding="utf-8"))["format"] == "factcheck-baseline/1"
    assert sorted(p.name for p in out.iterdir()) == ["b.json", "r.json"]


def test_dash_is_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_text("-", "report\n")
    assert capsys.readouterr().out == "report\n"
    assert list(tmp_path.iterdir()) == []


def test_a_live_writer_temporary_file_is_left_alone(tmp_path: Path) -> None:
    # A concurrent writer's temp file (its pid runs) is not ours to remove.
    live = tmp_path / f".r.json.{os.getppid()}.abcd.tmp"
    live.write_text("in progress", encoding="utf-8")
    write_text(str(tmp_path / "r.json"), "done")
    assert live.exists()
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "done"
