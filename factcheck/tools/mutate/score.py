"""Scoring a checker on mutated corpora: detection and collateral findings, as a table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError
from factcheck.jsonfile import read_json
from factcheck.model import Span
from factcheck.tools.evaluate import article_names, check_json
from factcheck.tools.mutate.corpus import MANIFEST, Mutation, load_mutations
from factcheck.tools.mutate.edits import MUTATION_TYPES

if TYPE_CHECKING:
    from factcheck.model import Embedder

_WARNING = ("warning", "error")


@dataclass(frozen=True)
class MutationOutcome:
    """What the checker reported on one mutated corpus."""

    mutation: Mutation
    detected: tuple[str, ...]  # ids of findings (any severity) whose evidence touches the edit
    detected_warning: bool  # one of them is at warning or above
    detected_kind: bool  # one of them is at warning or above and of the expected kind
    collateral: tuple[str, ...]  # new findings (vs the unmutated run) away from the edit
    collateral_warning: int  # how many of those are at warning or above

    def as_dict(self) -> dict[str, Any]:
        return {
            "mutation": self.mutation.as_dict(),
            "detected": list(self.detected),
            "detected_warning": self.detected_warning,
            "detected_kind": self.detected_kind,
            "collateral": list(self.collateral),
            "collateral_warning": self.collateral_warning,
        }


@dataclass(frozen=True)
class MutationScore:
    """Detection and collateral damage over a run of mutations."""

    outcomes: tuple[MutationOutcome, ...]

    def _rates(self, outcomes: Sequence[MutationOutcome]) -> dict[str, float | int]:
        n = len(outcomes)

        def share(flags: Iterator[bool]) -> float:
            return round(sum(flags) / n, 3) if n else 0.0

        return {
            "mutations": n,
            "detection_rate": share(bool(o.detected) for o in outcomes),
            "detection_rate_warning": share(o.detected_warning for o in outcomes),
            "detection_rate_kind": share(o.detected_kind for o in outcomes),
            "clean_rate": share(o.collateral_warning == 0 for o in outcomes),
            "collateral_warning_per_mutation": (
                round(sum(o.collateral_warning for o in outcomes) / n, 3) if n else 0.0
            ),
        }

    def metrics(self) -> dict[str, float | int]:
        """Headline rates over all mutations (what quality floors are pinned on)."""
        return self._rates(self.outcomes)

    def by_type(self) -> dict[str, dict[str, float | int]]:
        """The same rates per mutation type."""
        types = sorted({o.mutation.type for o in self.outcomes}, key=MUTATION_TYPES.index)
        return {t: self._rates([o for o in self.outcomes if o.mutation.type == t]) for t in types}

    def as_dict(self) -> dict[str, Any]:
        return {
            "metrics": self.metrics(),
            "by_type": self.by_type(),
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


def _touches(evidence: Mapping[str, Any], names: Mapping[str, str], place: Span) -> bool:
    article: str = evidence["article"]
    start: int = evidence["start"]
    end: int = evidence["end"]
    return names.get(article, article) == place.article and start < place.end and place.start < end


def score_mutations(
    mutations: Sequence[Mutation],
    reports: Mapping[str, Mapping[str, Any]],
    baseline: Mapping[str, Any],
) -> MutationScore:
    """Score the checker's report on each mutated corpus (``reports[mutation.id]``).

    Detection: a finding whose evidence overlaps the edited span. Collateral: a
    finding absent from the unmutated ``baseline`` report (compared by baseline
    fingerprint: per fact from its values, so a copy leaving a fact is not a new
    finding; else kind + normalized evidence text) that does not touch the edit.
    """
    from factcheck.modes.diff import finding_fingerprint

    before = {finding_fingerprint(f) for f in baseline["findings"]}
    outcomes = []
    for m in mutations:
        report = reports[m.id]
        names = article_names(report)
        span = m.mutated
        # A finding about one fact lists every span of its values (issue 17); the edited
        # span may be one of several agreeing ones, outside the evidence's one per value.
        hits = [
            f
            for f in report["findings"]
            if any(
                _touches(e, names, span)
                for e in [*f["evidence"], *(e for v in f.get("values", ()) for e in v["evidence"])]
            )
        ]
        new = [
            f for f in report["findings"] if f not in hits and finding_fingerprint(f) not in before
        ]
        outcomes.append(
            MutationOutcome(
                mutation=m,
                detected=tuple(f["id"] for f in hits),
                detected_warning=any(f["severity"] in _WARNING for f in hits),
                detected_kind=any(
                    f["severity"] in _WARNING and f["kind"] == m.expected_kind for f in hits
                ),
                collateral=tuple(f["id"] for f in new),
                collateral_warning=sum(f["severity"] in _WARNING for f in new),
            )
        )
    return MutationScore(tuple(outcomes))


def check_mutations(
    mutations: Sequence[Mutation], source_dir: Path, embedder: Embedder | None = None
) -> MutationScore:
    """Run the checker on the source corpus and on every mutated corpus, and score it."""
    baseline = check_json(Path(source_dir), embedder)
    reports = {m.id: check_json(m.articles_dir, embedder) for m in mutations}
    return score_mutations(mutations, reports, baseline)


def check_mutation_dir(out_dir: Path, embedder: Embedder | None = None) -> MutationScore:
    """Score the checker on every corpus of a :func:`mutate` run (its ``mutations.json``)."""
    manifest = Path(out_dir) / MANIFEST
    if not manifest.is_file():
        raise InputError(str(out_dir), f"no {MANIFEST}: not a folder written by factcheck mutate")
    source = Path(read_json(manifest, "mutations")["source"])
    return check_mutations(load_mutations(Path(out_dir)), source, embedder)


def render_mutation_text(score: MutationScore) -> str:
    """A plain-text table of detection and collateral, overall and per type."""
    header = f"{'type':<12}{'n':>4}{'detected':>10}{'warning+':>10}{'kind':>8}{'clean':>8}"
    lines = [header]
    rows = [*score.by_type().items(), ("all", score.metrics())]
    for name, r in rows:
        lines.append(
            f"{name:<12}{r['mutations']:>4}{r['detection_rate']:>10.2f}"
            f"{r['detection_rate_warning']:>10.2f}{r['detection_rate_kind']:>8.2f}"
            f"{r['clean_rate']:>8.2f}"
        )
    missed = [o.mutation for o in score.outcomes if not o.detected]
    if missed:
        lines.append(f"not detected ({len(missed)}):")
        lines += [
            f"  {m.id} {m.type:<10} {m.article}: {m.original!r} -> {m.replacement!r}"
            for m in missed
        ]
    return "\n".join(lines)
