"""Per-story checks (``check --split-stories``): in this process or on a Dask cluster.

A mode above the pipeline: :func:`check_stories` groups the articles into
stories (:mod:`factcheck.stories`, the story stage the pipeline also uses for
its hint) and runs the pipeline on each, in this process. On a cluster, the
stories are grouped in this process (one pass over every article), then
each story's check — the same :func:`factcheck.pipeline.check_articles` the
single process runs — is one Dask task. Reports come back as data and are
rendered here, so the output is byte-identical to the single-process run.
A task lost with a worker is run again on another one (Dask reschedules the
tasks of a dead worker), so the report is still complete. Needs the
"engine" extra (``pip install 'factcheck[engine]'``); nothing imports Dask
unless one of these options is given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError
from factcheck.model import Article, Report, StoriesReport, Story
from factcheck.options import Options

if TYPE_CHECKING:
    from factcheck.model import Embedder
    from factcheck.pipeline import Inputs, Progress


def _without_parses(report: Report) -> Report:
    """``report`` without its sentences' dependency parses (``Statement.tokens``).

    Only the comparers read them and no report shows them; a story's report is
    kept until every story is checked, and its parses would be kept with it.
    """
    groups = tuple(
        dataclasses.replace(
            g, statements=tuple(dataclasses.replace(s, tokens=()) for s in g.statements)
        )
        for g in report.groups
    )
    return dataclasses.replace(report, groups=groups)


def _check_story(
    articles: Sequence[Article], options: Options, embedder: Embedder | None
) -> Report:
    # Runs on a worker: the embedder is built there (its cache is a local file).
    from factcheck.pipeline import check_articles, make_embedder

    chosen = embedder if embedder is not None else make_embedder(options)
    return _without_parses(check_articles(articles, [], options, embedder=chosen))


def check_stories(
    paths: Inputs,
    options: Options | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> StoriesReport:
    """Group the articles at ``paths`` into stories and check each story on its own."""
    from factcheck import __version__
    from factcheck.pipeline import (
        StageProgress,
        check_articles,
        make_embedder,
        parse_ahead,
        read_input,
    )
    from factcheck.stories import detect_stories

    options = options or Options()
    step = progress or (lambda _event: None)
    articles, warnings = read_input(paths, options, step)
    embedder = embedder if embedder is not None else make_embedder(options)
    with parse_ahead(articles, options):
        step(StageProgress("stories", 0, len(articles), "articles"))
        stories = detect_stories(articles, embedder) if not options.one_story else ()
        if not stories:
            only = Story("s1", articles[0].id if articles else "", tuple(a.id for a in articles))
            stories = (only,)
        by_id = {a.id: a for a in articles}
        reports = tuple(
            _without_parses(
                check_articles(
                    [by_id[i] for i in story.articles],
                    [],
                    options,
                    embedder=embedder,
                    progress=step,
                )
            )
            for story in stories
        )
    return StoriesReport(stories, reports, __version__, tuple(warnings))


def _client(workers: int | None, scheduler: str | None) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "--workers" if scheduler is None else "--scheduler",
            "needs the engine extra: pip install 'factcheck[engine]'",
        ) from None
    if scheduler is not None:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise InputError("--scheduler", f"cannot reach {scheduler}: {exc}") from None
    cluster = LocalCluster(
        n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)


def check_stories_on_cluster(
    paths: Inputs,
    options: Options | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> StoriesReport:
    """:func:`check_stories`, each story checked as a Dask task.

    ``client`` reuses a connected ``dask.distributed.Client`` (tests); else
    one is made for ``scheduler`` or for a local cluster of ``workers``.
    ``embedder`` is shipped to the workers (tests pass a small one).
    """
    from factcheck import __version__
    from factcheck.pipeline import StageProgress, make_embedder, read_input
    from factcheck.stories import detect_stories

    options = options or Options()
    step = progress or (lambda _event: None)
    articles, warnings = read_input(paths, options, step)
    local = embedder if embedder is not None else make_embedder(options)
    step(StageProgress("stories", 0, len(articles), "articles"))
    stories = detect_stories(articles, local)
    by_id = {a.id: a for a in articles}
    own = client is None
    client = client if client is not None else _client(workers, scheduler)
    try:
        step(StageProgress("compare"))
        futures = [
            client.submit(
                _check_story,
                [by_id[i] for i in story.articles],
                options,
                embedder,
                pure=False,
                retries=2,
            )
            for story in stories
        ]
        reports = tuple(client.gather(futures))
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    return StoriesReport(tuple(stories), reports, __version__, tuple(warnings))
