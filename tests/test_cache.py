"""The embedding cache cannot change an answer (factcheck/align/cache.py; issue 24).

Every damaged or planted cache gives the same vectors, and the same report,
as an empty cache, with a notice; concurrent writers and a writer killed with
-9 leave a cache that still gives identical results.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck import check
from factcheck.align import embed
from factcheck.align.cache import FILE_NAME, CachedEmbedder, cache_info, clear_cache
from factcheck.align.embed import HashEmbedder
from factcheck.options import Options
from factcheck.render import RenderOptions, render_text
from tests.subproc import PROSE, check_args, env_for, factcheck, two_articles

TEXTS = [
    f"Le conseil municipal a voté {i} millions d’euros pour l’école n° {i}." for i in range(40)
]


class Counting(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().embed(texts)


class CaseSensitive(HashEmbedder):
    """Like the hash embedder, but on the raw text: case changes the vector, as in real models."""

    def __init__(self) -> None:
        super().__init__()
        self.model_id = "case-sensitive-test"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        for i in range(len(text) + 1):
            vec[hash_of(f" {text} "[i : i + 3]) % self.dimension] += 1.0
        return vec


def hash_of(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def _fresh(texts: Sequence[str] = TEXTS) -> np.ndarray:
    return HashEmbedder().embed(texts)


def _sql(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    with db:
        for statement in statements:
            db.execute(statement)
    db.close()


def _identical_vectors(path: Path) -> None:
    _sql(path, "UPDATE emb SET vec = (SELECT vec FROM emb LIMIT 1)")


def _nan(path: Path) -> None:
    blob = np.full(256, np.nan, dtype=np.float32).tobytes().hex()
    _sql(path, f"UPDATE emb SET vec = x'{blob}'")


def _wrong_type(path: Path) -> None:
    _sql(path, "UPDATE emb SET vec = 'not a vector'")


def _flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    for _ in range(200):
        i = rng.randrange(100, len(data))
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _random(path: Path) -> None:
    path.write_bytes(random.Random(3).randbytes(path.stat().st_size))


def _view(path: Path) -> None:
    # Selecting from it never ends: the cache must not run anything it finds.
    _sql(
        path,
        "CREATE VIEW v AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        " SELECT x FROM c",
    )


def _trigger(path: Path) -> None:
    _sql(path, "CREATE TRIGGER t AFTER INSERT ON emb BEGIN DELETE FROM emb; END")


def _old_format(path: Path) -> None:
    path.unlink()
    _sql(path, "CREATE TABLE emb (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))")


POISONS: dict[str, Callable[[Path], None]] = {
    "identical-vectors": _identical_vectors,
    "nan": _nan,
    "wrong-type": _wrong_type,
    "flipped-bytes": _flipped,
    "truncated": _truncated,
    "random": _random,
    "view": _view,
    "trigger": _trigger,
    "old-format": _old_format,
}


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_damaged_cache_gives_fresh_vectors_and_heals(tmp_path: Path, poison: str) -> None:
    CachedEmbedder(HashEmbedder(), tmp_path).embed(TEXTS)
    POISONS[poison](tmp_path / FILE_NAME)
    notices: list[str] = []
    vectors = CachedEmbedder(HashEmbedder(), tmp_path, notices.append).embed(TEXTS)
    np.testing.assert_array_equal(vectors, _fresh())
    if poison != "flipped-bytes":  # flips in free space change nothing, so need no notice
        assert len(notices) == 1, notices
        assert notices[0].startswith(str(tmp_path / FILE_NAME))
    # The next run reads a healthy cache: no notice, no model call.
    again = Counting()
    later: list[str] = []
    np.testing.assert_array_equal(
        CachedEmbedder(again, tmp_path, later.append).embed(TEXTS), _fresh()
    )
    assert later == [] and again.calls == []


def test_case_variants_do_not_share_a_vector(tmp_path: Path) -> None:
    cache = CachedEmbedder(CaseSensitive(), tmp_path)
    upper = cache.embed([t.upper() for t in TEXTS])
    lower = cache.embed(TEXTS)
    np.testing.assert_array_equal(lower, CaseSensitive().embed(TEXTS))
    assert not np.array_equal(upper, lower)


def test_another_model_version_does_not_reuse_vectors(tmp_path: Path) -> None:
    CachedEmbedder(HashEmbedder(), tmp_path).embed(TEXTS)
    newer = Counting()
    newer.model_version = "2"
    CachedEmbedder(newer, tmp_path).embed(TEXTS)
    assert newer.calls == [sorted(TEXTS, key=CachedEmbedder(newer, tmp_path).key)]


def _report_json(paths: Sequence[Path], cache: Path, model: str = "hash-3gram-256") -> str:
    report = check([str(p) for p in paths], Options(model=model, cache_dir=str(cache)))
    return render_text(report, "json", RenderOptions())


def _articles(directory: Path, transform: Callable[[str], str] = str) -> list[Path]:
    directory.mkdir()
    paths = []
    for name, text in zip("ab", PROSE, strict=True):
        path = directory / f"{name}.txt"
        path.write_text(transform(text) + "Il a été adopté à 12 voix contre 3.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_case_folding_collision_gives_identical_reports_in_either_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(embed.EMBEDDERS, "case-sensitive-test", CaseSensitive)
    original = _articles(tmp_path / "orig")
    upper = _articles(tmp_path / "upper", str.upper)
    alone = _report_json(original, tmp_path / "c0", "case-sensitive-test")
    upper_alone = _report_json(upper, tmp_path / "c1", "case-sensitive-test")
    _report_json(upper, tmp_path / "c2", "case-sensitive-test")
    assert _report_json(original, tmp_path / "c2", "case-sensitive-test") == alone
    _report_json(original, tmp_path / "c3", "case-sensitive-test")
    assert _report_json(upper, tmp_path / "c3", "case-sensitive-test") == upper_alone


@pytest.mark.parametrize("poison", ["identical-vectors", "nan", "wrong-type", "truncated", "view"])
def test_poisoned_cache_gives_the_empty_cache_report(
    tmp_path: Path, poison: str, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = _articles(tmp_path / "articles")
    expected = _report_json(articles, tmp_path / "empty")
    _report_json(articles, tmp_path / "cache")
    POISONS[poison](tmp_path / "cache" / FILE_NAME)
    capsys.readouterr()
    assert _report_json(articles, tmp_path / "cache") == expected
    notices = capsys.readouterr().err.splitlines()
    assert len(notices) == 1 and notices[0].startswith("factcheck: notice: "), notices


def test_view_planted_cache_through_the_command(tmp_path: Path) -> None:
    articles = two_articles(tmp_path)
    expected = factcheck(*check_args(*articles), cache=tmp_path / "empty")
    factcheck(*check_args(*articles), cache=tmp_path / "cache")
    _view(tmp_path / "cache" / FILE_NAME)
    run = factcheck(*check_args(*articles), cache=tmp_path / "cache", timeout=300)
    assert (run.code, run.out) == (expected.code, expected.out)
    assert run.err == [
        f"factcheck: notice: {tmp_path / 'cache' / FILE_NAME}: unexpected schema (view v);"
        " rebuilding the embedding cache"
    ]


# A writer process: embeds many texts in batches (each batch stored in one transaction)
# and prints a digest of all its vectors.
WRITER = """
import hashlib, sys
from factcheck.align.cache import CachedEmbedder
from factcheck.align.embed import HashEmbedder
texts = [f"phrase {i} du lot {i % 7}, version {sys.argv[2]}" for i in range(int(sys.argv[3]))]
cache = CachedEmbedder(HashEmbedder(), sys.argv[1])
out = b"".join(cache.embed(texts[i : i + 50]).tobytes() for i in range(0, len(texts), 50))
print(hashlib.sha256(out).hexdigest())
"""


def _expected_digest(version: str, count: int) -> str:
    texts = [f"phrase {i} du lot {i % 7}, version {version}" for i in range(count)]
    out = b"".join(_fresh(texts[i : i + 50]).tobytes() for i in range(0, len(texts), 50))
    return hashlib.sha256(out).hexdigest()


def _writer(cache: Path, version: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(cache), version, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(cache),
    )


def test_two_concurrent_writers_ten_times(tmp_path: Path) -> None:
    expected = {v: _expected_digest(v, 600) for v in ("a", "b")}
    for _ in range(10):
        # Overlapping texts: both write some of the same keys at the same time.
        procs = {v: _writer(tmp_path / "cache", v if v == "a" else "a", 600) for v in ("a", "b")}
        for proc in procs.values():
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            assert out.strip() == expected["a"]
            assert err == ""
    assert cache_info(tmp_path / "cache").rows == {"hash-3gram-256@1": 600}


def test_kill_minus_nine_mid_write_then_rerun(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc = _writer(cache, "k", 20_000)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (cache / FILE_NAME).exists():
        time.sleep(0.01)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    rerun = _writer(cache, "k", 2_000)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.strip() == _expected_digest("k", 2_000)


@pytest.mark.slow
def test_two_concurrent_check_runs_ten_times(tmp_path: Path) -> None:
    articles = two_articles(tmp_path)
    expected = factcheck(*check_args(*articles), cache=tmp_path / "empty").out
    cmd = [sys.executable, "-m", "factcheck", *map(str, check_args(*articles))]
    for _ in range(10):
        procs = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env_for(tmp_path / "shared"))
            for _ in range(2)
        ]
        for proc in procs:
            out, _ = proc.communicate(timeout=600)
            assert out.decode() == expected


def test_cache_command_info_and_clear(tmp_path: Path) -> None:
    CachedEmbedder(HashEmbedder(), tmp_path).embed(TEXTS)
    run = factcheck("cache", "info", cache=tmp_path)
    assert run.code == 0 and run.err == []
    assert f"path: {tmp_path / FILE_NAME}" in run.out
    assert "model hash-3gram-256@1: 40 vectors" in run.out
    run = factcheck("cache", "clear", cache=tmp_path)
    assert run.code == 0 and run.out.startswith(f"removed {tmp_path / FILE_NAME} (")
    assert not (tmp_path / FILE_NAME).exists()
    assert clear_cache(tmp_path) == 0
    assert "no cache file yet" in factcheck("cache", "info", cache=tmp_path).out


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from factcheck.align.cache import default_cache_dir

    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert default_cache_dir() == tmp_path / "factcheck"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"


def test_the_test_suite_uses_a_private_cache() -> None:
    from factcheck.align.cache import default_cache_dir

    assert "embedding-cache" in str(default_cache_dir())
    assert os.environ["FACTCHECK_CACHE_DIR"] == str(default_cache_dir())
