"""The 1,000-conflicting-values case (docs/robustness.md): one finding per fact, bounded.

Usage: ``python -m benchmarks.bench_consolidate [--values N] [--end-to-end]``

- By default, the consolidation stage alone: N articles each giving one fact a
  different value make N (N - 1) / 2 pairwise value_mismatch findings (what
  the comparers emit); the stage merges them. Prints the findings in and out,
  the stage's wall time and the peak memory it allocates (tracemalloc).
- ``--end-to-end``: the whole check (``--model hash-3gram-256``) on N such
  files written to a temporary folder, with the process's peak RSS. The
  comparers' own pairwise loop dominates there (quadratic in N).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import tempfile
import time
from pathlib import Path

from factcheck.model import Article, Evidence, Finding, Kind, Quantity, Severity, ValueKind


def _articles(n: int) -> list[Article]:
    out = []
    for i in range(n):
        text = f"The earthquake killed {1000 + i} people, rescuers said."
        out.append(Article(id=f"{i:04d}.txt", path=f"{i:04d}.txt", text=text, sha256="0" * 64))
    return out


def _evidence(article: Article) -> Evidence:
    start = article.text.index("killed ") + len("killed ")
    end = article.text.index(" people")
    value = float(article.text[start:end])
    span = article.span(start, end)
    return Evidence(span, Quantity(span, value, value, value, ValueKind.COUNT, head="person"))


def _pairs(articles: list[Article]) -> list[Finding]:
    sides = [_evidence(a) for a in articles]
    return [
        Finding(Kind.VALUE_MISMATCH, Severity.ERROR, 0.8, "Count differs.", (a, b), "g1")
        for i, a in enumerate(sides)
        for b in sides[i + 1 :]
    ]


def stage(n: int) -> dict[str, float]:
    """Consolidate the pairwise findings of n conflicting values; time and peak memory."""
    from factcheck.consolidate import consolidate

    articles = _articles(n)
    pairs = _pairs(articles)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    out = consolidate(pairs, articles)
    elapsed = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "values": n,
        "pairwise_findings": len(pairs),
        "findings_out": len(out),
        "values_listed": len(out[0].values),
        "pairs_kept": len(out[0].pairs),
        "seconds": round(elapsed, 2),
        "pairwise_findings_rss_mb": round(rss_before / 2**10),
        "peak_rss_growth_in_stage_mb": round((rss_after - rss_before) / 2**10),
    }


def end_to_end(n: int) -> dict[str, float]:
    """The whole check on n files stating one fact with n values."""
    import factcheck

    with tempfile.TemporaryDirectory() as tmp:
        for article in _articles(n):
            Path(tmp, article.id).write_text(article.text + "\n", encoding="utf-8")
        started = time.perf_counter()
        report = factcheck.check([tmp], factcheck.Options(model="hash-3gram-256"))
        elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    return {
        "values": n,
        "findings": len(report.findings),
        "pairs_merged": max((f.pair_count for f in report.findings), default=0),
        "seconds": round(elapsed, 1),
        "peak_rss_mb": round(rss),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=1000)
    parser.add_argument("--end-to-end", action="store_true")
    args = parser.parse_args()
    print(dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    print(stage(args.values))
    if args.end_to_end:
        print(end_to_end(args.values))


if __name__ == "__main__":
    main()
