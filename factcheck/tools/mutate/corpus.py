"""Writing mutated corpora: one folder per edit with its articles and gold file.

:func:`mutate` draws the edits, :func:`load_mutations` reads back what a run wrote.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.ingest import read_article_text
from factcheck.jsonfile import read_json
from factcheck.model import Span
from factcheck.tools.evaluate import GOLD_FORMAT, load_gold
from factcheck.tools.mutate.edits import MUTATION_TYPES, Edit, find_edits, with_elision

EXPECTED_KIND = {
    "number": "value_mismatch",
    "currency": "value_mismatch",
    "duration": "value_mismatch",
    "date": "date_mismatch",
    "speaker": "attribution_mismatch",
    "list_name": "entity_mismatch",
    "negation": "contradiction",
    "quote_word": "quote_drift",
    "lexical_negation": "contradiction",
    "alternative": "contradiction",
    "role_swap": "contradiction",
    "organisation": "entity_mismatch",
    "reported_speaker": "attribution_mismatch",
}

MANIFEST = "mutations.json"


@dataclass(frozen=True)
class Mutation:
    """One applied edit, where it is, what it replaced, and the fact it contradicts."""

    id: str
    type: str
    article: str
    start: int  # same offset in the original and the mutated text
    end: int  # end of ``original`` in the original text
    original: str
    replacement: str
    counterpart: Span  # the same fact in another (unchanged) article
    corpus: Path  # folder of this mutation: gold.json and articles/
    seed: int

    @property
    def expected_kind(self) -> str:
        return EXPECTED_KIND[self.type]

    @property
    def mutated(self) -> Span:
        """The edited span in the mutated article."""
        end = self.start + len(self.replacement)
        return Span(self.article, self.start, end, self.replacement)

    @property
    def articles_dir(self) -> Path:
        return self.corpus / "articles"

    @property
    def gold_path(self) -> Path:
        return self.corpus / "gold.json"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "expected_kind": self.expected_kind,
            "counterpart": self.counterpart.as_dict(),
            "seed": self.seed,
        }


def _unique_quote(text: str, start: int, end: int) -> str:
    """The shortest word-extended window around ``[start, end)`` that occurs once in ``text``."""
    while True:
        quote = text[start:end]
        if text.count(quote) == 1 or (start == 0 and end == len(text)):
            return quote
        grow_left = start > 0 and (end == len(text) or (end - start) % 2)
        if grow_left:
            start = max(0, text.rfind(" ", 0, start - 1) + 1) if start > 1 else 0
        else:
            nxt = text.find(" ", end + 1)
            end = len(text) if nxt < 0 else nxt


def _article_files(source_dir: Path) -> list[Path]:
    return sorted(p for p in source_dir.iterdir() if p.is_file() and p.suffix == ".txt")


def gold_facts(gold_path: Path, texts: Mapping[str, str]) -> list[list[Span]]:
    """The gold file's groups as spans of ``texts``: statements that report one fact.

    A gold quote is located at its first occurrence; an article or quote that
    ``texts`` lacks means the gold file describes other articles (an input error).
    """
    facts = []
    for group in load_gold(gold_path).get("groups", []):
        spans = []
        for statement in group["statements"]:
            name, quote = statement["article"], statement["quote"]
            at = texts[name].find(quote) if name in texts else -1
            if at < 0:
                raise InputError(str(gold_path), f"gold quote not found in {name}: {quote!r}")
            spans.append(Span(name, at, at + len(quote), quote))
        facts.append(spans)
    return facts


def mutate(
    source_dir: Path,
    out_dir: Path,
    seed: int,
    count: int = 1,
    types: Sequence[str] = MUTATION_TYPES,
    gold: Path | None = None,
) -> list[Mutation]:
    """Write ``count`` mutated corpora of ``source_dir`` under ``out_dir``, one edit each.

    Mutation types are taken in turn (in a seed-shuffled order) so a run covers
    all of them; within a type the candidate and its replacement are drawn with
    ``random.Random(seed)``, so the same seed gives the same corpora. Each
    corpus is ``out_dir/<id>/articles/*.txt`` plus ``out_dir/<id>/gold.json``;
    ``out_dir/mutations.json`` lists them all. Returns fewer than ``count``
    mutations when the corpus has no more candidate facts. With ``gold`` (a
    gold file of ``source_dir``), only facts its groups list are edited, each
    against another article's statement of the same group: every edit then
    has a counterpart a reader would agree on.
    """
    files = _article_files(Path(source_dir))
    texts = {p.name: read_article_text(p) for p in files}
    facts = None if gold is None else gold_facts(gold, texts)
    rng = random.Random(seed)
    pool: dict[str, list[tuple[Edit, Span]]] = {}
    for edit, other in find_edits(texts, types, facts):
        pool.setdefault(edit.type, []).append((edit, other))
    order = sorted(pool)
    rng.shuffle(order)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mutations: list[Mutation] = []
    turn = 0
    while len(mutations) < count and any(pool.values()):
        kind = order[turn % len(order)]
        turn += 1
        if not pool[kind]:
            continue
        edit, other = pool[kind].pop(rng.randrange(len(pool[kind])))
        new = rng.choice(edit.choices)
        start, original, replacement = edit.start, edit.original, new
        if edit.type in ("date", "speaker", "list_name", "reported_speaker", "organisation"):
            start, original, replacement = with_elision(
                texts[edit.article], edit.start, edit.end, new
            )
        mutation = Mutation(
            id=f"m{len(mutations):03d}",
            type=edit.type,
            article=edit.article,
            start=start,
            end=edit.end,
            original=original,
            replacement=replacement,
            counterpart=other,
            corpus=out_dir / f"m{len(mutations):03d}",
            seed=seed,
        )
        _write_corpus(mutation, files, texts[edit.article])
        mutations.append(mutation)
    _write_manifest(out_dir, Path(source_dir), seed, gold, mutations)
    return mutations


def _write_manifest(
    out_dir: Path, source_dir: Path, seed: int, gold: Path | None, mutations: Sequence[Mutation]
) -> None:
    """``out_dir/mutations.json``: the source corpus, the seed, the gold file and every mutation."""
    manifest = {
        "source": str(source_dir.resolve()),
        "seed": seed,
        "gold": None if gold is None else str(gold.resolve()),
        "mutations": [{**m.as_dict(), "corpus": m.corpus.name} for m in mutations],
    }
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )


def _write_corpus(m: Mutation, files: Sequence[Path], original_text: str) -> None:
    m.articles_dir.mkdir(parents=True, exist_ok=True)
    mutated_text = original_text[: m.start] + m.replacement + original_text[m.end :]
    for path in files:
        target = m.articles_dir / path.name
        if path.name != m.article:
            shutil.copyfile(path, target)
            continue
        bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
        with target.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(mutated_text)
    counter_text = read_article_text(m.articles_dir / m.counterpart.article)
    statements = [
        {"article": m.article, "quote": _unique_quote(mutated_text, m.start, m.mutated.end)},
        {
            "article": m.counterpart.article,
            "quote": _unique_quote(counter_text, m.counterpart.start, m.counterpart.end),
        },
    ]
    gold = {
        "format": GOLD_FORMAT,
        "description": (
            f"Mutation {m.id} ({m.type}): {m.original!r} -> {m.replacement!r} in {m.article}; "
            f"{m.counterpart.article} still states the original."
        ),
        "articles_dir": "articles",
        "articles": {p.name: {} for p in files},
        "groups": [{"id": f"{m.id}-fact", "statements": statements}],
        "expected_findings": [
            {
                "id": m.id,
                "kind": m.expected_kind,
                "min_severity": "warning",
                "why": f"{m.type} edited: {m.original!r} became {m.replacement!r}.",
                "statements": statements,
            }
        ],
        "mutation": m.as_dict(),
    }
    m.gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", "utf-8")


def load_mutations(out_dir: Path) -> list[Mutation]:
    """The mutations a previous :func:`mutate` run wrote under ``out_dir``."""
    manifest = read_json(Path(out_dir) / MANIFEST, "mutations")
    return [
        Mutation(
            id=d["id"],
            type=d["type"],
            article=d["article"],
            start=d["start"],
            end=d["end"],
            original=d["original"],
            replacement=d["replacement"],
            counterpart=Span(**d["counterpart"]),
            corpus=Path(out_dir) / d["corpus"],
            seed=d["seed"],
        )
        for d in manifest["mutations"]
    ]
