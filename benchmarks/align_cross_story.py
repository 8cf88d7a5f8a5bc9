"""False alignments the gold cannot see: statements of two different stories grouped as one fact.

    python -m benchmarks.align_cross_story [CORPORA] [--pairs 30] [--per-story 3] [--seed 11]
                                           [--json OUT]

The gold's pair precision judges only pairs whose two statements both touch a
gold quote, so a calibration that groups more loosely can look better on it
while it groups sentences that merely share vocabulary ("a annoncé vendredi de
nouvelles mesures"). This measures that cost without any gold: it draws pairs
of stories of one language and of different topics from ``CORPORA/mixed``
(``stories.json`` is read here only to label; the checker never sees it; the
corpus's two stories of one topic share their subject and some facts), checks the articles
of both stories as one story (``--one-story``), and counts the cross-article
statement pairs inside groups: pairs within one story and pairs across the two
stories. Every cross-story pair is a false alignment; within-story pairs are
not all right, so compare calibrations at equal within-story counts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any


def sample(mixed: Path, pairs: int, per_story: int, seed: int) -> list[list[Path]]:
    """``pairs`` inputs, each the first ``per_story`` articles of two stories of one language."""
    from factcheck.ingest import load_articles
    from factcheck.options import Options

    stories: dict[str, str] = json.loads((mixed / "stories.json").read_text(encoding="utf-8"))[
        "stories"
    ]
    members: dict[str, list[str]] = defaultdict(list)
    for name, story in sorted(stories.items()):
        members[story].append(name)
    by_language: dict[str, list[str]] = defaultdict(list)
    for story, names in sorted(members.items()):
        if len(names) >= per_story:
            (first,) = load_articles([mixed / "articles" / names[0]], Options())[0]
            by_language[first.language].append(story)
    rng = random.Random(seed)
    languages = sorted(lang for lang, found in by_language.items() if len(found) >= 2)
    out: list[list[Path]] = []
    while len(out) < pairs:
        a, b = rng.sample(by_language[rng.choice(languages)], 2)
        if _topic(a) == _topic(b):
            continue  # the corpus pairs two stories per topic: the same subject, weeks apart
        chosen = members[a][:per_story] + members[b][:per_story]
        out.append([mixed / "articles" / n for n in chosen])
    return out


def _topic(story: str) -> str:
    """The corpus's topic of a story label: ``ecb-12-ecbplus`` → ``ecb-12``, ``rpm2-T05_C2`` →
    ``rpm2-T05``."""
    return re.split(r"[-_](?=[^-_]*$)", story)[0]


def measure(inputs: list[list[Path]], stories: dict[str, str]) -> dict[str, Any]:
    from factcheck.options import Options
    from factcheck.pipeline import check

    within = across = 0
    for paths in inputs:
        report = check(paths, Options(one_story=True))
        label = {a.id: stories[Path(a.path).name] for a in report.articles}
        for group in report.groups:
            for x, y in itertools.combinations(group.statements, 2):
                if x.article != y.article:
                    same = label[x.article] == label[y.article]
                    within, across = within + same, across + (not same)
    return {
        "inputs": len(inputs),
        "within_story_pairs": within,
        "cross_story_pairs": across,
        "cross_story_share": round(across / (within + across), 4) if within + across else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="?", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--per-story", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", type=Path, help="write the result here")
    args = parser.parse_args()
    mixed = args.corpora / "mixed"
    stories = json.loads((mixed / "stories.json").read_text(encoding="utf-8"))["stories"]
    inputs = sample(mixed, args.pairs, args.per_story, args.seed)
    result = {"pairs": args.pairs, "per_story": args.per_story, "seed": args.seed}
    result |= measure(inputs, stories)
    print(json.dumps(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
