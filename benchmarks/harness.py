"""Shared helpers of the alignment benchmarks: seed statements, gold scoring, timing.

Statements come from the pipeline's own ingest and segment stages when they
are importable; otherwise from a plain sentence splitter, so the alignment
can be measured on its own. Gold scoring calls the independent reference
scorer ``../shared/eval/score.py`` on a minimal report, so the numbers here
use exactly its definition (cross-article pairs, span overlap).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import platform
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.model import Article, Group, Statement

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "seeds_gold.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

_SENTENCE_END = re.compile(r"(?<=[.!?…»\"])\s+(?=[A-ZÀ-Ý«\"“])")


def _plain_articles(directory: Path) -> list[Article]:
    out = []
    for path in sorted(directory.glob("*.txt")):
        data = path.read_bytes()
        out.append(
            Article(
                id=path.name,
                path=str(path),
                text=data.decode("utf-8-sig"),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    return out


def _plain_sentences(article: Article) -> list[Statement]:
    out = []
    for line in re.finditer(r"[^\n]+", article.text):
        start = line.start()
        for piece in _SENTENCE_END.split(line.group()):
            begin = article.text.index(piece, start)
            start = begin + len(piece)
            if piece.strip():
                out.append(Statement(article.span(begin, begin + len(piece))))
    return out


def seed_statements(
    directory: Path = SEEDS, splitter: str = "auto"
) -> tuple[list[Article], list[Statement], str]:
    """Articles and their prose statements with extracted anchors; also says which stages ran."""
    if splitter in ("auto", "pipeline"):
        try:
            from factcheck.extract import build_entities, extract
            from factcheck.ingest import load_articles
            from factcheck.options import Options
            from factcheck.segment import segment

            articles, _ = load_articles([str(directory)], Options())
            segments = {a.id: segment(a) for a in articles}
            entities = build_entities(articles, segments)
            statements = [
                s for a in articles for s in extract(a, segments[a.id], a.language, entities)
            ]
            return list(articles), statements, "pipeline ingest+segment+extract"
        except Exception:  # the pipeline's stages may be absent or broken mid-change
            if splitter == "pipeline":
                raise
    articles = _plain_articles(directory)
    return articles, [s for a in articles for s in _plain_sentences(a)], "plain splitter"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("gold_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_metrics(
    articles: Sequence[Article],
    groups: Sequence[Group],
    directory: Path = SEEDS,
    gold_path: Path = GOLD,
) -> dict[str, Any]:
    """The reference scorer's alignment metrics for these groups against a gold file."""
    report = {
        "articles": [{"id": a.id, "path": a.path} for a in articles],
        "groups": [g.as_dict() for g in groups],
        "findings": [],
    }
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return dict(_scorer().score(report, gold, directory))


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in info.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "gpu": "none",
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
