"""The whole check as one function: ingest → segment → extract → claims → align → compare.

``check`` is what the CLI calls and what Python users call; it returns a
:class:`~factcheck.model.Report` and never renders anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from typing import Any

from factcheck import __version__
from factcheck.errors import InputError
from factcheck.model import Article, Finding, Group, Report, Statement
from factcheck.options import Options

Progress = Callable[[str], None]

# Stage names reported to the progress callback, in order.
STAGES = ("read", "segment", "extract", "align", "compare")


def check(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    embedder: Any = None,
    progress: Progress | None = None,
) -> Report:
    """Check the articles at ``paths`` against each other and return the report.

    ``embedder`` overrides the sentence embedder chosen by ``options.model``
    (tests pass a small deterministic one); ``progress`` is called with each
    stage name as it starts.
    """
    from factcheck.ingest import load_articles

    options = options or Options()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    step = progress or (lambda _stage: None)

    step("read")
    articles, warnings = load_articles(paths, options)
    if options.draft is not None:
        from factcheck.draft import add_draft

        articles, warnings = add_draft(articles, warnings, options.draft, options)
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

    step("align")
    from factcheck.align import align, get_embedder

    if embedder is None:
        try:
            embedder = get_embedder(options.model, options.cache_dir)
        except ValueError as exc:
            raise InputError("--model", str(exc)) from None
    groups = align(_claims_of(articles, statements, options), embedder, options.threshold)

    step("compare")
    from factcheck.compare import CompareContext, run_comparers

    ctx = CompareContext(
        articles={a.id: a for a in articles},
        statements=statements,
        groups=groups,
        entities=entities,
    )
    findings = run_comparers(ctx, single_source=options.single_source)
    from factcheck.families import corroboration_extra, source_families

    families = source_families(articles)
    if options.draft is not None:
        from factcheck.draft import draft_findings

        findings = draft_findings(ctx, findings, families, coverage=options.coverage)
    ordered_groups = tuple(sorted(groups, key=_group_order))
    return Report(
        articles=tuple(articles),
        groups=ordered_groups,
        findings=finalize_findings(findings, ordered_groups),
        tool_version=__version__,
        warnings=tuple(warnings),
        extra=corroboration_extra(articles, groups, families),
    )


def _extract_all(
    articles: Sequence[Article], options: Options, step: Progress
) -> tuple[list[Statement], Any]:
    from factcheck.extract import build_entities, extract
    from factcheck.segment import segment

    step("segment")
    segments = {a.id: segment(a) for a in articles}
    step("extract")
    entities = build_entities(articles, segments, alias_file=options.alias_file)
    statements: list[Statement] = []
    for article in articles:
        lang = article.language if options.lang == "auto" else options.lang
        statements.extend(extract(article, segments[article.id], lang, entities))
    return statements, entities


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
        lang = article.language if options.lang == "auto" else options.lang
        out.extend(claims(by_article.get(article.id, []), article.text, lang))
    return out


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


def _home_group(finding: Finding, groups: Sequence[Group]) -> str | None:
    """The first group whose statements hold every evidence span of ``finding``.

    Comparers that work across groups (quotes, reactions) leave ``group`` empty;
    attaching the finding to the fact it is about lets reports show it there.
    """
    for group in groups:
        if all(any(s.span.contains(e.span) for s in group.statements) for e in finding.evidence):
            return group.id
    return None


def finalize_findings(
    findings: Sequence[Finding], groups: Sequence[Group] = ()
) -> tuple[Finding, ...]:
    """Give findings stable ids and a group when they have none, drop exact
    duplicates, order most severe first."""
    unique: dict[str, Finding] = {}
    for f in findings:
        fid = finding_id(f)
        if fid not in unique:
            unique[fid] = Finding(
                kind=f.kind,
                severity=f.severity,
                confidence=f.confidence,
                message=f.message,
                evidence=f.evidence,
                group=f.group if f.group is not None else _home_group(f, groups),
                id=fid,
            )
    return tuple(
        sorted(
            unique.values(),
            key=lambda f: (
                -f.severity.rank,
                f.kind.value,
                f.evidence[0].span.article if f.evidence else "",
                f.evidence[0].span.start if f.evidence else 0,
                f.id,
            ),
        )
    )
