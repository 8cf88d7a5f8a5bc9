"""End-to-end cost of the feed check (``check --split-stories``) on real text with many stories.

    python -m benchmarks.bench_e2e [CORPORA] [--sizes 100,500,1280] [--engine N] [--out FILE]
    python -m benchmarks.bench_e2e --merge A.json B.json [--out FILE]

Not a timed test: a measurement, committed under ``benchmarks/results/`` with
the machine it ran on. For each size, a fresh process with an empty embedding
cache (cold) reads that many articles of ``CORPORA/mixed`` (whole stories,
in a fixed order of their names; the story labels choose the subset only,
the checker never reads them), groups them into stories and checks each one,
then renders the JSON report. Every stage is timed; the bare encoder (no cache)
is timed in the same process on exactly the unique texts the run encoded, so
total / encode says what the checker adds to encoding. Its memory is this
process's peak and, apart, the peak of the process that parses ahead
(``factcheck/extract/parse.py``; forked, so the pages it shares with this one
count in both). Unlike
``benchmarks/bench_align.py`` (align stage only, on copies of the seeds) this
counts reading, segmenting, extracting, story grouping, comparing and rendering.

``--engine N`` also runs, for each size and right after the single process,
``check_stories_on_cluster`` on a local Dask cluster of N worker processes
(what ``check --split-stories --workers N`` runs), cold too. Its memory is the
whole process tree's: the sum of every process's own peak (``VmHWM``, an upper
bound, as the peaks need not coincide) and the largest sum of resident sizes
sampled every 0.2 s (a lower bound). Its JSON report is compared with the
single process's (SHA-256 of the text).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class _Recording:
    """Wraps the real encoder to keep the texts the cache let through, and its time."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dimension = inner.dimension
        self.texts: list[str] = []
        self.seconds = 0.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        start = time.perf_counter()
        out = self.inner.embed(texts)
        self.seconds += time.perf_counter() - start
        return out


def _subset(mixed: Path, size: int) -> list[str]:
    stories = json.loads((mixed / "stories.json").read_text(encoding="utf-8"))["stories"]
    by_story: dict[str, list[str]] = defaultdict(list)
    for name, story in sorted(stories.items()):
        by_story[story].append(name)
    order = sorted(by_story, key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    chosen: list[str] = []
    for story in order:
        if len(chosen) >= size:
            break
        chosen.extend(by_story[story][: size - len(chosen)])
    return [str(mixed / "articles" / n) for n in chosen]


def _stage_clock() -> tuple[dict[str, float], Any]:
    """Seconds per stage, and the progress callback that fills them."""
    from factcheck.pipeline import StageProgress

    stages: dict[str, float] = defaultdict(float)
    current = ["start"]
    since = [time.perf_counter()]

    def step(event: StageProgress) -> None:
        # Every stage reports its start and its progress: only a new stage moves the clock.
        stage = event.stage
        if stage == current[0]:
            return
        now = time.perf_counter()
        if current[0] != "start":  # before the first stage: setting up the run
            stages[current[0]] += now - since[0]
        current[0], since[0] = stage, now

    return stages, step


def _findings(result: Any) -> dict[str, int]:
    from factcheck.model import Severity

    return {s.value: sum(r.count(s) for r in result.reports) for s in reversed(Severity)}


def run_one(mixed: Path, size: int) -> dict[str, Any]:
    """One cold run in this process (called in a child process per size)."""
    from factcheck.align.embed import CachedEmbedder, USEEmbedder
    from factcheck.options import Options
    from factcheck.pipeline import StageProgress
    from factcheck.stories.engine import check_stories
    from factcheck.stories.render import stories_json

    stages, step = _stage_clock()
    load_at_start = os.getloadavg()
    paths = _subset(mixed, size)
    with tempfile.TemporaryDirectory() as cache:
        encoder = _Recording(USEEmbedder())
        embedder = CachedEmbedder(encoder, cache)
        start = time.perf_counter()
        result = check_stories(paths, Options(), embedder=embedder, progress=step)
        step(StageProgress("render"))
        text = stories_json(result)  # what `check --split-stories --format json` writes
        step(StageProgress("done"))
        total = time.perf_counter() - start
    # The bare re-encoding below holds all the vectors at once: not the checker's memory.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The background parse's process (extract/parse.py), ended and waited for by now.
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    unique = sorted(set(encoder.texts))
    bare = USEEmbedder()
    bare.embed(unique[:8])  # model load is not encoding
    start = time.perf_counter()
    bare.embed(unique)
    encode = time.perf_counter() - start
    return {
        "mode": "single",
        "articles": len(paths),
        "stories": len(result.stories),
        "total_s": round(total, 2),
        "stages_s": {k: round(v, 2) for k, v in sorted(stages.items())},
        "product_encode_s": round(encoder.seconds, 2),
        "bare_encode_s": round(encode, 2),
        "unique_texts": len(unique),
        "total_over_encode": round(total / encode, 2) if encode else None,
        "peak_rss_mb": round(peak / 1024, 1),
        "peak_rss_parse_worker_mb": round(worker / 1024, 1),
        "peak_rss_with_bare_encode_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        **_outcome(result, len(paths), total, text, load_at_start),
    }


def _outcome(
    result: Any, articles: int, total: float, text: str, load_at_start: tuple[float, ...]
) -> dict[str, Any]:
    """What a run found and how fast, and the load around it (the machine is shared:
    the load says how much of the wall time was ours)."""
    return {
        "findings": _findings(result),
        "articles_per_s": round(articles / total, 2),
        "report_bytes": len(text.encode("utf-8")),
        "report_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "load_average_at_start": load_at_start,
        "load_average_at_end": os.getloadavg(),
    }


class _TreeMemory:
    """Samples the resident memory of this process and all its descendants in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil  # a dependency of Dask's distributed, so there with the engine extra

        self.root = psutil.Process()
        self.every = every
        self.largest_sum = 0
        self.hwm: dict[int, int] = {}  # pid -> its own peak (VmHWM) at the last sample
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        total = 0
        for proc in [self.root, *self.root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
                status = Path(f"/proc/{proc.pid}/status").read_text()
            except (psutil.Error, OSError):
                continue  # ended between the listing and the reading
            hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
            self.hwm[proc.pid] = int(hwm.split()[1]) * 1024
        self.largest_sum = max(self.largest_sum, total)

    def _run(self) -> None:
        while not self.stop.wait(self.every):
            self._sample()

    def __enter__(self) -> _TreeMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run_engine(mixed: Path, size: int, workers: int) -> dict[str, Any]:
    """One cold run of the Dask engine on ``workers`` local worker processes."""
    from factcheck.options import Options
    from factcheck.pipeline import StageProgress
    from factcheck.stories.engine import check_stories_on_cluster
    from factcheck.stories.render import stories_json

    stages, step = _stage_clock()
    load_at_start = os.getloadavg()
    paths = _subset(mixed, size)
    with tempfile.TemporaryDirectory() as cache, _TreeMemory() as memory:
        start = time.perf_counter()
        # The workers build their own embedder on this empty cache (one SQLite file for all).
        result = check_stories_on_cluster(
            paths, Options(cache_dir=cache), workers=workers, progress=step
        )
        step(StageProgress("render"))
        text = stories_json(result)
        step(StageProgress("done"))
        total = time.perf_counter() - start
    mb = 1024 * 1024
    return {
        "mode": f"engine, {workers} local workers",
        "articles": len(paths),
        "stories": len(result.stories),
        "total_s": round(total, 2),
        # "compare" here is the cluster's start, every story's check on the workers and its end.
        "stages_s": {k: round(v, 2) for k, v in sorted(stages.items())},
        "peak_rss_mb": round(sum(memory.hwm.values()) / mb, 1),
        "peak_rss_sampled_sum_mb": round(memory.largest_sum / mb, 1),
        "peak_rss_main_process_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        "processes_seen": len(memory.hwm),
        **_outcome(result, len(paths), total, text, load_at_start),
    }


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def growth_exponents(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """log(cost ratio) / log(size ratio) between consecutive sizes: 1 is linear."""
    growth = {}
    for a, b in itertools.pairwise(sorted(rows, key=lambda r: r["articles"])):
        ratio = math.log(b["articles"] / a["articles"])

        def exponent(before: float, after: float, ratio: float = ratio) -> float:
            return round(math.log(after / before) / ratio, 2)

        growth[f"{a['articles']}->{b['articles']}"] = {
            "wall": exponent(a["total_s"], b["total_s"]),
            "compare": exponent(a["stages_s"]["compare"], b["stages_s"]["compare"]),
            "peak_rss": exponent(a["peak_rss_mb"], b["peak_rss_mb"]),
        }
    return growth


def _write(result: dict[str, Any], out: str | None) -> None:
    text = json.dumps(result, indent=2) + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    print(text)


def main(argv: list[str]) -> None:
    out = argv[argv.index("--out") + 1] if "--out" in argv else None
    if "--merge" in argv:
        # Sizes run in separate invocations (a long one alone) join one file.
        parts = [
            json.loads(Path(a).read_text(encoding="utf-8"))
            for a in argv[argv.index("--merge") + 1 :]
            if not a.startswith("--") and a != out
        ]
        rows = sorted((r for p in parts for r in p["runs"]), key=lambda r: r["articles"])
        _write({**parts[0], "runs": rows, "growth_exponents": growth_exponents(rows)}, out)
        return
    root = Path(next((a for a in argv if not a.startswith("--")), "/work/shared/corpora"))
    if "--child" in argv:
        size = int(argv[argv.index("--child") + 1])
        if "--engine" in argv:
            row = run_engine(root / "mixed", size, int(argv[argv.index("--engine") + 1]))
        else:
            row = run_one(root / "mixed", size)
        print(json.dumps(row))
        return
    sizes = [100, 500, 1280]
    if "--sizes" in argv:
        sizes = [int(x) for x in argv[argv.index("--sizes") + 1].split(",")]
    engine = ["--engine", argv[argv.index("--engine") + 1]] if "--engine" in argv else []
    result: dict[str, Any] = {
        "what": "check --split-stories end to end, cold cache, one process"
        + (f"; then the Dask engine on {engine[1]} local workers, same size" if engine else ""),
        "machine": machine(),
    }
    rows = []
    for size in sizes:
        # The engine runs right after the single process on the same size: the same load.
        for mode in [[], engine] if engine else [[]]:
            command = [sys.executable, "-m", "benchmarks.bench_e2e", str(root)]
            child = subprocess.run(
                [*command, "--child", str(size), *mode],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), file=sys.stderr)
        if engine:
            rows[-1]["same_report_as_single"] = (
                rows[-1]["report_sha256"] == rows[-2]["report_sha256"]
            )
        result["runs"] = rows
        result["growth_exponents"] = {
            mode: growth_exponents([r for r in rows if r["mode"] == mode])
            for mode in dict.fromkeys(r["mode"] for r in rows)
        }
        if out:  # written after every size: a long run stopped still leaves its rows
            Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _write(result, out)


if __name__ == "__main__":
    main(sys.argv[1:])
