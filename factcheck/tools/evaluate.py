"""Score a factcheck JSON report against a hand-made gold file (``factcheck-gold/1``).

The scorer works on the report's JSON form, so it can score any tool that
writes the same schema. Matching is by character-span overlap: a report span
matches a gold quote when both point into the same article file and their
offset ranges intersect. Gold quotes are exact substrings of the article
files; every occurrence of a quote counts as its location.

Metrics (see docs/accuracy.md for the exact definitions):

* alignment: precision/recall/F1 over cross-article statement pairs;
* expected-findings recall (kind, severity, evidence on each side);
* false alarms, optional findings above their ``max_severity``;
* ``must_not_flag`` and ``must_not_align`` violations, with the offending ids;
* publication-date accuracy where the gold gives a date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from factcheck.errors import InputError
from factcheck.ingest import read_article_text
from factcheck.jsonfile import read_json
from factcheck.model import Severity

if TYPE_CHECKING:
    from factcheck.model import Embedder

GOLD_FORMAT = "factcheck-gold/1"

# (article file name, start, end): a located gold quote or a report span.
Loc = tuple[str, int, int]


def load_gold(path: Path) -> dict[str, Any]:
    """Read and validate a gold file; problems become an :class:`InputError` naming it."""
    gold: dict[str, Any] = read_json(path, "gold")
    return gold


def gold_articles_dir(gold_path: Path, gold: Mapping[str, Any]) -> Path:
    """Where a gold file's articles live: its ``articles_dir`` (relative to it) or its folder."""
    articles_dir: str = gold.get("articles_dir", ".")  # a string: the gold schema says so
    return (gold_path.parent / articles_dir).resolve()


@dataclass(frozen=True)
class Violation:
    """A gold rule broken by the report: which rule, and which report items broke it."""

    rule: str  # the gold item's id, or its quote/why when it has no id
    offenders: tuple[str, ...]  # finding or group ids


@dataclass(frozen=True)
class DateCheck:
    """One article's publication date: what the gold says and what the report says."""

    article: str
    gold: str
    reported: str | None

    @property
    def correct(self) -> bool:
        return self.gold == self.reported


@dataclass(frozen=True)
class EvalResult:
    """Every metric of one report against one gold file."""

    gold_pairs: int
    hit_pairs: int
    judged_pairs: int
    correct_pairs: int
    expected_found: tuple[str, ...]
    expected_missed: tuple[str, ...]
    expected_found_any_kind: tuple[str, ...]
    false_alarms: tuple[str, ...]
    optional_over_severity: tuple[Violation, ...]
    must_not_flag: tuple[Violation, ...]
    must_not_align: tuple[Violation, ...]
    dates: tuple[DateCheck, ...]
    bad_spans: int
    groups: int
    findings: int
    findings_warning_plus: int
    must_not_flag_total: int = 0
    must_not_align_total: int = 0

    @property
    def pair_recall(self) -> float:
        return self.hit_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def pair_precision(self) -> float:
        return self.correct_pairs / self.judged_pairs if self.judged_pairs else 0.0

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_precision, self.pair_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def expected_total(self) -> int:
        return len(self.expected_found) + len(self.expected_missed)

    @property
    def expected_recall(self) -> float:
        return len(self.expected_found) / self.expected_total if self.expected_total else 1.0

    @property
    def date_accuracy(self) -> float | None:
        if not self.dates:
            return None
        return sum(d.correct for d in self.dates) / len(self.dates)

    def metrics(self) -> dict[str, float | int | None]:
        """The headline numbers (what quality floors are pinned on)."""
        return {
            "pair_precision": round(self.pair_precision, 3),
            "pair_recall": round(self.pair_recall, 3),
            "pair_f1": round(self.pair_f1, 3),
            "expected_recall": round(self.expected_recall, 3),
            "expected_found": len(self.expected_found),
            "expected_total": self.expected_total,
            "false_alarms": len(self.false_alarms),
            "optional_over_severity": len(self.optional_over_severity),
            "must_not_flag_violations": len(self.must_not_flag),
            "must_not_align_violations": len(self.must_not_align),
            "date_accuracy": None if self.date_accuracy is None else round(self.date_accuracy, 3),
            "bad_spans": self.bad_spans,
        }

    def as_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: the headline metrics plus the lists behind them."""
        return {
            "metrics": self.metrics(),
            "alignment": {
                "gold_pairs": self.gold_pairs,
                "hit_pairs": self.hit_pairs,
                "judged_pairs": self.judged_pairs,
                "correct_pairs": self.correct_pairs,
            },
            "expected_found": list(self.expected_found),
            "expected_missed": list(self.expected_missed),
            "expected_found_any_kind": list(self.expected_found_any_kind),
            "false_alarms": list(self.false_alarms),
            "optional_over_severity": [asdict(v) for v in self.optional_over_severity],
            "must_not_flag": [asdict(v) for v in self.must_not_flag],
            "must_not_flag_total": self.must_not_flag_total,
            "must_not_align": [asdict(v) for v in self.must_not_align],
            "must_not_align_total": self.must_not_align_total,
            "dates": [{**asdict(d), "correct": d.correct} for d in self.dates],
            "counts": {
                "groups": self.groups,
                "findings": self.findings,
                "findings_warning_plus": self.findings_warning_plus,
            },
        }


def _severity_rank(value: Any) -> int:
    try:
        return Severity(value).rank
    except ValueError:
        return -1


def _overlaps(span: Loc, locs: Iterable[Loc]) -> bool:
    name, start, end = span
    return any(name == n and start < e and s < end for n, s, e in locs)


class _Flag(NamedTuple):
    """A report finding reduced to what scoring needs."""

    id: str
    kind: Any
    rank: int
    evidence: list[Loc]


class _Located:
    """The articles of a gold set, read once, with gold quotes located in them."""

    def __init__(self, articles_dir: Path) -> None:
        self.dir = articles_dir
        self._texts: dict[str, str] = {}

    def text(self, name: str) -> str:
        if name not in self._texts:
            path = self.dir / name
            try:
                self._texts[name] = read_article_text(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(str(path), f"cannot read gold article: {exc}") from None
        return self._texts[name]

    def locate(self, statement: Mapping[str, str]) -> tuple[Loc, ...]:
        """Every occurrence of a gold quote; a quote that is nowhere is an input error."""
        name, quote = statement["article"], statement["quote"]
        text = self.text(name)
        found: list[Loc] = []
        i = text.find(quote)
        while i >= 0:
            found.append((name, i, i + len(quote)))
            i = text.find(quote, i + 1)
        if not found:
            raise InputError(str(self.dir / name), f"gold quote not found: {quote!r}")
        return tuple(found)

    def covers(self, evidence: Sequence[Loc], statements: Sequence[Mapping[str, str]]) -> bool:
        """Evidence touches the gold statements of two articles (or of the only one)."""
        articles = {st["article"] for st in statements}
        touched = {
            st["article"]
            for st in statements
            if any(_overlaps(e, self.locate(st)) for e in evidence)
        }
        return len(touched) >= min(2, len(articles))


_Groups = list[tuple[str, list[Loc]]]
_GoldItems = Sequence[Mapping[str, Any]]


def _read_report(report: Mapping[str, Any], located: _Located) -> tuple[_Groups, list[_Flag], int]:
    """The report's groups and findings as located spans, and how many spans are wrong."""
    id_to_name = article_names(report)
    bad_spans = 0

    def loc(span: Mapping[str, Any]) -> Loc:
        nonlocal bad_spans
        name = id_to_name.get(span["article"], span["article"])
        try:
            ok = located.text(name)[span["start"] : span["end"]] == span["text"]
        except InputError:
            ok = False  # the report names an article the gold set does not have
        bad_spans += not ok
        return (name, span["start"], span["end"])

    groups = [
        (g.get("id", ""), [loc(s) for s in g.get("statements", [])])
        for g in report.get("groups", [])
    ]
    findings = [
        _Flag(
            f.get("id", ""),
            f.get("kind"),
            _severity_rank(f.get("severity")),
            [loc(e) for e in f.get("evidence", [])],
        )
        for f in report.get("findings", [])
    ]
    return groups, findings, bad_spans


def _pair_counts(
    groups: _Groups, gold_groups: Sequence[Sequence[tuple[str, tuple[Loc, ...]]]]
) -> tuple[int, int, int, int]:
    """Gold pairs, gold pairs found in one report group, judged report pairs, correct ones."""
    gold_pairs = [(a[1], b[1]) for g in gold_groups for a, b in combinations(g, 2) if a[0] != b[0]]
    hit = sum(
        any(
            any(_overlaps(s, l1) for s in spans) and any(_overlaps(s, l2) for s in spans)
            for _, spans in groups
        )
        for l1, l2 in gold_pairs
    )
    judged = correct = 0
    for _, spans in groups:
        for s1, s2 in combinations(spans, 2):
            if s1[0] == s2[0]:
                continue
            g1 = {i for i, g in enumerate(gold_groups) for _, locs in g if _overlaps(s1, locs)}
            g2 = {i for i, g in enumerate(gold_groups) for _, locs in g if _overlaps(s2, locs)}
            if g1 and g2:  # only pairs the gold has an opinion on are judged
                judged += 1
                correct += bool(g1 & g2)
    return len(gold_pairs), hit, judged, correct


def evaluate(report: Mapping[str, Any], gold: Mapping[str, Any], articles_dir: Path) -> EvalResult:
    """Score a JSON report (schema "1") against a ``factcheck-gold/1`` gold mapping.

    ``articles_dir`` holds the gold's article files, named as in the gold.
    Raises :class:`InputError` when a gold quote cannot be found in its article.
    """
    located = _Located(Path(articles_dir))
    groups, findings, bad_spans = _read_report(report, located)
    gold_groups = [
        [(st["article"], located.locate(st)) for st in g["statements"]]
        for g in gold.get("groups", [])
    ]
    n_gold_pairs, hit, judged, correct = _pair_counts(groups, gold_groups)
    expected = list(gold.get("expected_findings", []))
    optional = list(gold.get("optional_findings", []))
    found, missed, found_any = _expected_findings(expected, findings, located)
    false_alarms = _false_alarms(findings, [*expected, *optional], located)
    over = _over_severity(optional, findings, located)
    mnf = _must_not_flag(gold.get("must_not_flag", []), findings, located)
    mna, mna_total = _must_not_align(gold.get("must_not_align", []), groups, findings, located)
    return EvalResult(
        gold_pairs=n_gold_pairs,
        hit_pairs=hit,
        judged_pairs=judged,
        correct_pairs=correct,
        expected_found=found,
        expected_missed=missed,
        expected_found_any_kind=found_any,
        false_alarms=false_alarms,
        optional_over_severity=over,
        must_not_flag=mnf,
        must_not_align=mna,
        dates=_publication_dates(report, gold),
        bad_spans=bad_spans,
        groups=len(groups),
        findings=len(findings),
        findings_warning_plus=sum(f.rank >= Severity.WARNING.rank for f in findings),
        must_not_flag_total=len(gold.get("must_not_flag", [])),
        must_not_align_total=mna_total,
    )


def _label(item: Mapping[str, Any], index: int) -> str:
    """How a gold item is named in the result: its id, else its reason, else its index."""
    return str(item.get("id") or item.get("why") or index)


def _expected_findings(
    expected: _GoldItems, findings: Sequence[_Flag], located: _Located
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Expected findings found (of their kind, at their severity), missed, found as any kind."""
    found: list[str] = []
    missed: list[str] = []
    found_any: list[str] = []
    for i, ef in enumerate(expected):
        need = Severity(ef.get("min_severity", "warning")).rank
        hits = [
            f for f in findings if f.rank >= need and located.covers(f.evidence, ef["statements"])
        ]
        (found if any(f.kind == ef["kind"] for f in hits) else missed).append(_label(ef, i))
        if hits:
            found_any.append(_label(ef, i))
    return tuple(found), tuple(missed), tuple(found_any)


def _false_alarms(
    findings: Sequence[_Flag], known: _GoldItems, located: _Located
) -> tuple[str, ...]:
    """Findings at warning or above that no expected or optional gold finding accounts for."""
    return tuple(
        f.id
        for f in findings
        if f.rank >= Severity.WARNING.rank
        and not any(
            f.kind == k["kind"] and located.covers(f.evidence, k["statements"]) for k in known
        )
    )


def _over_severity(
    optional: _GoldItems, findings: Sequence[_Flag], located: _Located
) -> tuple[Violation, ...]:
    """Optional gold findings reported above their maximum severity."""
    over = []
    for i, of in enumerate(optional):
        cap = Severity(of.get("max_severity", "info")).rank
        offenders = tuple(
            f.id
            for f in findings
            if f.kind == of["kind"]
            and f.rank > cap
            and located.covers(f.evidence, of["statements"])
        )
        if offenders:
            over.append(Violation(_label(of, i), offenders))
    return tuple(over)


def _must_not_flag(
    pairs: _GoldItems, findings: Sequence[_Flag], located: _Located
) -> tuple[Violation, ...]:
    """Gold statement pairs that a finding at warning or above flags."""
    mnf = []
    for i, pair in enumerate(pairs):
        offenders = tuple(
            f.id
            for f in findings
            if f.rank >= Severity.WARNING.rank and located.covers(f.evidence, pair["statements"])
        )
        if offenders:
            mnf.append(Violation(_label(pair, i), offenders))
    return tuple(mnf)


def _must_not_align(
    items: _GoldItems, groups: _Groups, findings: Sequence[_Flag], located: _Located
) -> tuple[tuple[Violation, ...], int]:
    """Must-not-align statements that a group or a finding touches, and how many there are."""
    mna = []
    total = 0
    for item in items:
        for st in item["statements"]:
            total += 1
            locs = located.locate(st)
            offenders = tuple(
                gid for gid, spans in groups if any(_overlaps(s, locs) for s in spans)
            ) + tuple(f.id for f in findings if any(_overlaps(e, locs) for e in f.evidence))
            if offenders:
                mna.append(Violation(st["quote"], offenders))
    return tuple(mna), total


def _publication_dates(report: Mapping[str, Any], gold: Mapping[str, Any]) -> tuple[DateCheck, ...]:
    """The gold's publication dates next to the ones the report found."""
    names = article_names(report)
    reported = {names[a["id"]]: a.get("published") for a in report.get("articles", [])}
    return tuple(
        DateCheck(name, meta["published"], reported.get(name))
        for name, meta in sorted(gold.get("articles", {}).items())
        if meta.get("published")
    )


def article_names(report: Mapping[str, Any]) -> dict[str, str]:
    """Report article id -> the article's file name (how gold files name articles)."""
    return {a["id"]: Path(a.get("path") or a["id"]).name for a in report.get("articles", [])}


def check_json(articles_dir: Path, embedder: Embedder | None = None) -> dict[str, Any]:
    """Run the checker on a folder of articles and return its JSON report as a dict.

    Pass one ``embedder`` (``factcheck.align.get_embedder(...)``) when checking
    many corpora, so the model is loaded once.
    """
    from factcheck.options import Options
    from factcheck.pipeline import check
    from factcheck.render import RenderOptions, render_text

    report = check([str(articles_dir)], Options(), embedder=embedder)
    result: dict[str, Any] = json.loads(render_text(report, "json", RenderOptions()))
    return result


def evaluate_gold_file(
    gold_path: Path,
    articles_dir: Path | None = None,
    report: Mapping[str, Any] | None = None,
    embedder: Embedder | None = None,
) -> EvalResult:
    """Validate a gold file and score ``report`` against it (the checker's own when None)."""
    gold = load_gold(Path(gold_path))
    folder = Path(articles_dir) if articles_dir else gold_articles_dir(Path(gold_path), gold)
    if not folder.is_dir():
        raise InputError(str(folder), "articles folder of the gold file not found (use --articles)")
    if report is None:
        report = check_json(folder, embedder)
    return evaluate(report, gold, folder)


def _summary_lines(result: EvalResult) -> list[tuple[str, bool | None]]:
    """The summary, line by line, each marked good (True), bad (False) or neutral (None)."""
    m = result.metrics()
    lines: list[tuple[str, bool | None]] = [
        (
            f"alignment  precision {m['pair_precision']:.3f}  recall {m['pair_recall']:.3f}  "
            f"F1 {m['pair_f1']:.3f}  ({result.hit_pairs}/{result.gold_pairs} gold pairs, "
            f"{result.correct_pairs}/{result.judged_pairs} judged pairs)",
            None,
        ),
        (
            f"expected   {len(result.expected_found)}/{result.expected_total} found"
            + (f"; missed: {', '.join(result.expected_missed)}" if result.expected_missed else ""),
            not result.expected_missed,
        ),
        (
            f"false alarms (warning+): {len(result.false_alarms)}"
            + (f"  [{', '.join(result.false_alarms)}]" if result.false_alarms else ""),
            not result.false_alarms,
        ),
        (
            f"optional above max severity: {len(result.optional_over_severity)}",
            not result.optional_over_severity,
        ),
        (
            f"must_not_flag violations: {len(result.must_not_flag)}/{result.must_not_flag_total}",
            not result.must_not_flag,
        ),
        (
            f"must_not_align violations: {len(result.must_not_align)}"
            f"/{result.must_not_align_total}",
            not result.must_not_align,
        ),
    ]
    for label, items in (
        ("optional", result.optional_over_severity),
        ("must_not_flag", result.must_not_flag),
        ("must_not_align", result.must_not_align),
    ):
        lines += [(f"  {label}: {v.rule[:70]!r} <- {', '.join(v.offenders)}", False) for v in items]
    if result.dates:
        right = sum(d.correct for d in result.dates)
        lines.append(
            (f"publication dates: {right}/{len(result.dates)} correct", right == len(result.dates))
        )
        lines += [
            (f"  {d.article}: gold {d.gold}, reported {d.reported}", False)
            for d in result.dates
            if not d.correct
        ]
    if result.bad_spans:
        lines.append((f"spans whose text does not match the article: {result.bad_spans}", False))
    return lines


def render_text(result: EvalResult, title: str = "") -> str:
    """A plain-text summary of one evaluation."""
    lines = [title] if title else []
    return "\n".join(lines + [line for line, _ in _summary_lines(result)])


def print_rich(result: EvalResult, console: Any, title: str = "") -> None:
    """The same summary on a rich console, problems in red and clean checks in green."""
    from rich.text import Text

    if title:
        console.print(Text(title, style="bold"))
    styles = {True: "green", False: "red", None: ""}
    for line, good in _summary_lines(result):
        console.print(Text(line, style=styles[good]))  # Text: gold quotes are never markup
