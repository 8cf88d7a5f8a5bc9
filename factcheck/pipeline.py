"""The whole check as one function: ingest → segment → extract → claims → align → compare.

``check`` is what the CLI calls and what Python users call; it returns a
:class:`~factcheck.model.Report` and never renders anything.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck import __version__
from factcheck.errors import InputError
from factcheck.model import Article, ArticleData, Finding, Group, Report, Span, Statement
from factcheck.options import Options

if TYPE_CHECKING:
    import numpy as np

    from factcheck.compare import Comparer, StatementField
    from factcheck.extract.entities import EntityGraph
    from factcheck.model import Embedder

# Stage names reported to the progress callback, in order.
STAGES = ("read", "stories", "segment", "extract", "align", "compare")
# Sentences embedded between two progress reports in the align stage.
EMBED_CHUNK = 256


@dataclass(frozen=True)
class StageProgress:
    """Where a check is: ``done`` of ``total`` ``unit`` of ``stage`` (one of STAGES).

    ``total`` is None while a stage does not know its size yet. A stage
    reports ``done=0`` when it starts and ``done == total`` when it ends.
    """

    stage: str
    done: int = 0
    total: int | None = None
    unit: str = ""


Progress = Callable[[StageProgress], None]
# What a check reads: file or directory paths and in-memory articles, one or several.
Input = str | os.PathLike[str] | ArticleData
Inputs = Input | Sequence[Input]


def check(
    paths: Inputs,
    options: Options | None = None,
    *,
    embedder: Embedder | None = None,
    comparers: Sequence[Comparer] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check the articles at ``paths`` against each other and return the report.

    ``embedder`` overrides the sentence embedder chosen by ``options.model``
    (tests pass a small deterministic one); ``comparers`` replaces the default
    comparers (:func:`factcheck.compare.default_comparers`); ``progress``
    receives a :class:`StageProgress` as each stage starts, advances and ends.
    """
    options = options or Options()
    step = progress or (lambda _event: None)
    # Chosen before reading: an unusable --model fails before minutes of work.
    embedder = embedder if embedder is not None else make_embedder(options)
    articles, warnings = read_input(paths, options, step)
    with parse_ahead(articles, options):
        # The story step: say so before the findings when the input mixes stories;
        # `--split-stories` (factcheck.stories.engine.check_stories) checks each.
        warnings = [*warnings, *_story_hint(articles, embedder, options, step)]
        return check_articles(
            articles, warnings, options, embedder=embedder, comparers=comparers, progress=step
        )


def parse_ahead(articles: Sequence[Article], options: Options) -> AbstractContextManager[None]:
    """Within the block, the articles' prose sentences are parsed on another core
    while this one encodes (:func:`factcheck.extract.parse.parse_ahead`; a mode
    calls it once its input is read). In the order of the article names, the
    order in which stories take their articles."""
    from factcheck.extract.parse import parse_ahead as ahead
    from factcheck.segment import segment

    return ahead(
        (_language(article, options), seg.span.text)
        for article in sorted(articles, key=lambda a: a.id)
        for seg in segment(article)
        if seg.excluded is None
    )


def read_input(
    paths: Inputs,
    options: Options,
    step: Progress,
) -> tuple[list[Article], list[str]]:
    """The read stage: the articles at ``paths`` (plus the draft), and warnings."""
    from factcheck.ingest import load_articles

    if isinstance(paths, (str, os.PathLike, ArticleData)):
        paths = [paths]
    step(StageProgress("read"))
    articles, warnings = load_articles(paths, options)
    if options.draft is not None:
        from factcheck.draft import add_draft

        articles, warnings = add_draft(articles, warnings, options.draft, options)
    step(StageProgress("read", len(articles), len(articles), "articles"))
    return articles, warnings


def make_embedder(options: Options) -> Embedder:
    """The sentence embedder ``options.model`` names, behind the disk cache."""
    from factcheck.align import get_embedder

    try:
        return get_embedder(options.model, options.cache_dir)
    except ValueError as exc:
        raise InputError("--model", str(exc)) from None


def _story_hint(
    articles: Sequence[Article], embedder: Embedder, options: Options, step: Progress
) -> list[str]:
    if options.one_story or len(articles) < 2:
        return []
    n = len(articles)
    step(StageProgress("stories", 0, n, "articles"))
    from factcheck.stories import detect_stories, hint

    stories = detect_stories(articles, embedder)
    step(StageProgress("stories", n, n, "articles"))
    return hint(stories)


def check_articles(
    articles: Sequence[Article],
    warnings: Sequence[str],
    options: Options,
    *,
    embedder: Embedder,
    comparers: Sequence[Comparer] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Segment, extract, align and compare ``articles`` as one story (``comparers``: see
    :func:`check`)."""
    from factcheck.align import align, single_source

    step = progress or (lambda _event: None)
    articles, warnings = list(articles), list(warnings)
    unknown = sorted(set(options.published) - {a.id for a in articles})
    if unknown:
        raise InputError("--published", f"no article named {', '.join(unknown)}")
    if len(articles) < 2:
        return Report(
            articles=tuple(articles),
            groups=(),
            findings=(),
            tool_version=__version__,
            warnings=(*warnings, "only one usable article: nothing to compare"),
        )
    statements, entities = _extract_all(articles, options, step)
    from factcheck.hygiene import bidi_warnings

    warnings = [*warnings, *bidi_warnings(statements)]

    # Alignment runs on claims: each sentence and, when it states several facts, its clauses.
    units = _claims_of(articles, statements, options)
    reporting = _ReportingEmbedder(embedder, len(units), step)
    step(StageProgress("align", 0, len(units), "statements"))
    groups = align(units, reporting, options.threshold)
    step(StageProgress("align", len(units), len(units), "statements"))

    from factcheck.compare import CompareContext, run_comparers

    ctx = CompareContext(
        articles={a.id: a for a in articles},
        statements=statements,
        groups=groups,
        entities=entities,
        unaligned=single_source(statements, groups) if options.single_source else (),
    )
    compared, skipped = run_comparers(
        ctx,
        comparers=comparers,
        single_source=options.single_source,
        missing=_unproduced(articles, options),
        progress=lambda done, total: step(StageProgress("compare", done, total, "checks")),
    )
    warnings += skipped
    from factcheck.families import corroboration_by_group, source_families

    families = source_families(articles)
    findings: Iterable[Finding] = compared
    if options.draft is not None:
        from factcheck.draft import draft_findings

        findings = draft_findings(ctx, list(findings), families, coverage=options.coverage)
    if not options.per_pair:
        from factcheck.consolidate import consolidate

        # Read as they come: the pairwise findings of a large group are never all held.
        findings = consolidate(findings, articles, families)
    ordered_groups = tuple(sorted(groups, key=_group_order))
    return Report(
        articles=tuple(articles),
        groups=ordered_groups,
        findings=finalize_findings(list(findings), ordered_groups),
        tool_version=__version__,
        warnings=tuple(warnings),
        families=tuple(families),
        corroboration=corroboration_by_group(articles, groups, families),
    )


def _extract_all(
    articles: Sequence[Article], options: Options, step: Progress
) -> tuple[list[Statement], EntityGraph]:
    from factcheck.extract import build_entities, extract, parse_prose
    from factcheck.segment import segment

    total = len(articles)
    segments = {}
    step(StageProgress("segment", 0, total, "articles"))
    for done, article in enumerate(articles, 1):
        segments[article.id] = segment(article)
        step(StageProgress("segment", done, total, "articles"))
    step(StageProgress("extract", 0, total, "articles"))
    entities = build_entities(articles, segments, alias_file=options.alias_file)
    langs = [_language(article, options) for article in articles]
    parsed = parse_prose([(segments[a.id], lang) for a, lang in zip(articles, langs, strict=True)])
    statements: list[Statement] = []
    for done, (article, lang, tokens) in enumerate(zip(articles, langs, parsed, strict=True), 1):
        statements.extend(extract(article, segments[article.id], lang, entities, tokens))
        step(StageProgress("extract", done, total, "articles"))
    return statements, entities


class _ReportingEmbedder:
    """Wraps an embedder to report, chunk by chunk, how many sentences are embedded."""

    def __init__(self, inner: Embedder, total: int, step: Progress) -> None:
        self.inner, self.total, self.step, self.done = inner, total, step, 0
        self.model_id = inner.model_id
        self.dimension = inner.dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if len(texts) <= EMBED_CHUNK:
            return self._count(self.inner.embed(texts))
        rows = [
            self._count(self.inner.embed(texts[i : i + EMBED_CHUNK]))
            for i in range(0, len(texts), EMBED_CHUNK)
        ]
        return np.vstack(rows)

    def _count(self, rows: np.ndarray) -> np.ndarray:
        self.done = min(self.total, self.done + len(rows))
        self.step(StageProgress("align", self.done, self.total, "statements"))
        return rows


def _claims_of(
    articles: Sequence[Article], statements: Sequence[Statement], options: Options
) -> list[Statement]:
    """Each sentence and, when it states several facts, each of its clauses (factcheck.claims)."""
    from factcheck.claims import claims

    by_article: dict[str, list[Statement]] = {}
    for statement in statements:
        by_article.setdefault(statement.article, []).append(statement)
    out: list[Statement] = []
    for article in articles:
        out.extend(
            claims(by_article.get(article.id, []), article.text, _language(article, options))
        )
    return out


def _language(article: Article, options: Options) -> str:
    return article.language if options.lang == "auto" else options.lang


def _unproduced(articles: Sequence[Article], options: Options) -> dict[StatementField, str]:
    """The statement fields the stages filled for no article, and why (a
    comparer that requires one is skipped). A field some articles have is
    produced: comparers read each statement's own."""
    from factcheck.extract.parse import available

    languages = sorted({_language(a, options) for a in articles})
    if any(available(lang) for lang in languages):
        return {}
    return {"tokens": f"no parser is installed for {', '.join(languages)}"}


def _group_order(group: Group) -> tuple[str, int]:
    first = group.statements[0].span
    return (first.article, first.start)


def finding_id(finding: Finding) -> str:
    """A stable id from the kind and the evidence positions (same input, same id)."""
    key = (
        finding.kind.value
        + "|"
        + "|".join(f"{e.span.article}:{e.span.start}-{e.span.end}" for e in finding.evidence)
    )
    return "F" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class _GroupIndex:
    """Which groups hold a span: statements indexed by article and start, built once,
    so attaching n findings to g groups costs about n log g, not n × g."""

    def __init__(self, groups: Sequence[Group]) -> None:
        holders: dict[Span, set[int]] = {}
        for index, group in enumerate(groups):
            for statement in group.statements:
                holders.setdefault(statement.span, set()).add(index)
        self._holders = holders
        self._spans: dict[str, list[Span]] = {}
        for span in sorted(holders, key=lambda s: (s.article, s.start, s.end)):
            self._spans.setdefault(span.article, []).append(span)
        self._starts = {a: [s.start for s in spans] for a, spans in self._spans.items()}
        self._ids = [g.id for g in groups]

    def _holding(self, span: Span) -> set[int]:
        spans = self._spans.get(span.article, [])
        out: set[int] = set()
        # Statements of one article do not overlap (one sentence may sit in several
        # groups, with the same span): scan back while a statement may still contain it.
        i = bisect.bisect_right(self._starts.get(span.article, []), span.start) - 1
        while i >= 0 and spans[i].start <= span.start:
            if spans[i].contains(span):
                out |= self._holders[spans[i]]
            elif spans[i].end <= span.start:
                break
            i -= 1
        return out

    def home(self, finding: Finding) -> str | None:
        """The first group whose statements hold every evidence span of ``finding``.

        Comparers that work across groups (quotes, reactions) leave ``group`` empty;
        attaching the finding to the fact it is about lets reports show it there.
        """
        common: set[int] | None = None
        for ev in finding.evidence:
            found = self._holding(ev.span)
            common = found if common is None else common & found
            if not common:
                return None
        return self._ids[min(common)] if common else None


def _with_id(finding: Finding, group: str | None) -> Finding:
    pairs = tuple(dataclasses.replace(p, id=finding_id(p)) for p in finding.pairs)
    return dataclasses.replace(finding, id=finding_id(finding), group=group, pairs=pairs)


def finalize_findings(
    findings: Sequence[Finding], groups: Sequence[Group] = ()
) -> tuple[Finding, ...]:
    """Give findings stable ids and a group when they have none, drop exact
    duplicates, order most severe first (then most confident)."""
    index = _GroupIndex(groups)
    unique: dict[str, Finding] = {}
    for f in findings:
        fid = finding_id(f)
        if fid not in unique:
            unique[fid] = _with_id(f, f.group if f.group is not None else index.home(f))
    return tuple(
        sorted(
            unique.values(),
            key=lambda f: (
                -f.severity.rank,
                -round(f.confidence, 3),
                f.kind.value,
                f.evidence[0].span.article if f.evidence else "",
                f.evidence[0].span.start if f.evidence else 0,
                f.id,
            ),
        )
    )
