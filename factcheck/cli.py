"""The ``factcheck`` command: parse options, call the library, pick a renderer.

Nothing here knows how checking works; everything it does is callable from
Python through :func:`factcheck.check`. Heavy modules are imported inside the
commands so that ``factcheck --help`` answers at once.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from factcheck import __version__
from factcheck.config import ConfiguredCommand, format_for, was_given
from factcheck.errors import ExitCode, FactcheckError, InputError
from factcheck.files import describe, file_kind
from factcheck.output import check_target, write_text
from factcheck.render import FORMATS  # a plain tuple: no renderer is imported
from factcheck.text import visible

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.model import Report, Severity
    from factcheck.options import Lang, Options
    from factcheck.pipeline import Input, StageProgress

FAIL_ON = ("error", "warning", "info", "never")
COLOR = ("auto", "always", "never")
STDIN = "-"


class _Terminated(Exception):
    """Raised from the SIGTERM handler so cleanup runs as for Ctrl-C."""


def _on_sigterm(_signum: int, _frame: Any) -> NoReturn:
    raise _Terminated


def _fail(message: str, code: ExitCode) -> NoReturn:
    # A file name or article text in the message must not act on the terminal.
    click.echo(f"factcheck: {visible(message)}", err=True)
    sys.exit(int(code))


@contextmanager
def _guarded(debug: bool) -> Iterator[None]:
    """Turn every failure into one line on stderr and a documented exit code."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    except FactcheckError as exc:
        _fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        _closed_stdout()
    except KeyboardInterrupt:
        _fail("interrupted; no report written", ExitCode.INTERRUPTED)
    except _Terminated:
        _fail("terminated; no report written", ExitCode.TERMINATED)
    except click.exceptions.Exit:
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
            ExitCode.INTERNAL_ERROR,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)


def _closed_stdout() -> NoReturn:
    """The reader of standard output went away (``factcheck check … | head``).

    Exit with the documented code 141 (as a shell reports SIGPIPE), not 1,
    which would read as "findings"; stdout goes to /dev/null so the final
    flush cannot fail again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(int(ExitCode.BROKEN_PIPE))


def _raise_broken_pipe() -> None:
    raise BrokenPipeError  # rich's own handler exits 1


def _check_threshold(threshold: float | None) -> None:
    # click's FloatRange lets NaN through: every comparison with it is false.
    if threshold is not None and not math.isfinite(threshold):
        raise InputError("--threshold", f"must be a number from 0 to 1, got {threshold}")


def _parse_published(values: tuple[str, ...]) -> dict[str, _dt.date]:
    out: dict[str, _dt.date] = {}
    for item in values:
        article, sep, day = item.partition("=")
        try:
            if not sep or not article:
                raise ValueError
            out[article] = _dt.date.fromisoformat(day)
        except ValueError:
            raise InputError("--published", f"expected ARTICLE=YYYY-MM-DD, got {item!r}") from None
    return out


def _make_console(color: str, width: int | None, *, stderr: bool = False) -> Console:
    """A rich console for ``--color``: auto leaves NO_COLOR, FORCE_COLOR and the
    terminal check to rich; always and never override them."""
    from rich.console import Console

    console = Console(
        stderr=stderr,
        width=width,
        highlight=False,
        soft_wrap=False,
        force_terminal=True if color == "always" else None,
        no_color={"always": False, "never": True}.get(color),
        color_system=None if color == "never" else "auto",
    )
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
    return console


def _color(color: str, no_color: bool) -> str:
    return "never" if no_color else color


def _color_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--color auto|always|never`` and its older spelling ``--no-color``."""
    command = click.option("--no-color", is_flag=True, help="Same as --color never.")(command)
    return click.option(
        "--color",
        type=click.Choice(COLOR),
        default="auto",
        show_default=True,
        help="Colour in terminal output; auto honours NO_COLOR and FORCE_COLOR.",
    )(command)


def _file_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--exclude``/``--include``: which files of a directory are articles."""
    command = click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help="Read files matching GLOB even when an --exclude pattern matches (repeatable).",
    )(command)
    return click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Skip directory files whose name matches GLOB, besides README*, LICENSE*, "
        "SOURCE*, CHANGELOG* and hidden files (repeatable).",
    )(command)


def _exclude(extra: tuple[str, ...]) -> tuple[str, ...]:
    from factcheck.options import DEFAULT_EXCLUDE

    return (*DEFAULT_EXCLUDE, *extra)


def _stdin_paths(paths: tuple[str, ...], draft: str | None, limit: int) -> list[Input]:
    """``PATHS`` with ``-`` replaced by the article standard input holds (read here, once)."""
    if paths.count(STDIN) > 1:
        raise InputError(STDIN, "standard input can be read only once")
    if STDIN in paths and draft == STDIN:
        raise InputError(STDIN, "standard input cannot be both an article and the --draft")
    if STDIN not in paths:
        return list(paths)
    from factcheck.model import ArticleData

    # One byte more than the limit lets the reader report an oversized article.
    data = sys.stdin.buffer.read(limit + 1)
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    is_html = head.startswith((b"<!doctype html", b"<html"))
    article = ArticleData("stdin.html" if is_html else "stdin", data)
    return [article if p == STDIN else p for p in paths]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def main() -> None:
    """Cross-source fact consistency checker.

    Reads several articles about the same story, aligns the statements that
    report the same fact and flags discrepancies with evidence from both sides.

    \b
    Settings such as --format or --exclude also come from FACTCHECK_FORMAT-style
    variables or a factcheck.toml / [tool.factcheck] in pyproject.toml found above
    the articles (README: Configuration). Shell completion:
    eval "$(_FACTCHECK_COMPLETE=bash_source factcheck)" (zsh_source, fish_source).

    \b
    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
    2 usage or input error; 3 internal error; 130/143 interrupted/terminated;
    141 standard output closed by its reader.
    """


@main.command(cls=ConfiguredCommand, config_from="paths", strict=True)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="rich",
    show_default=True,
    help="Report format (default: from the --output suffix, else rich).",
)
@click.option("--output", "-o", type=click.Path(), help="Write the report to FILE (atomically).")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option("--lang", type=click.Choice(("auto", "fr", "en")), default="auto", show_default=True)
@_color_options
@_file_options
@click.option("--model", help="Sentence embedder id (see docs/alignment.md).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), help="Alignment threshold override.")
@click.option(
    "--published",
    multiple=True,
    metavar="ARTICLE=YYYY-MM-DD",
    help="Publication date of an article (repeatable).",
)
@click.option(
    "--aliases",
    "alias_file",
    type=click.Path(path_type=str),
    help="Alias file (TOML) of recurring names, see docs/aliases.md.",
)
@click.option(
    "--single-source", is_flag=True, help="Also list checkable facts only one article states."
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Show every aligned group and what was excluded; log each stage on stderr.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display (warnings still show).")
@click.option("--width", type=click.IntRange(40, 400), help="Terminal width for the rich report.")
@click.option(
    "--draft",
    metavar="DRAFT",
    help="Check an editor's draft (a file, or - for standard input) against PATHS.",
)
@click.option(
    "--coverage",
    is_flag=True,
    help="With --draft: also list facts two independent references state and the draft omits.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=str),
    help="Suppress findings already accepted in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(),
    help="Write every finding of this run to a baseline file.",
)
@click.option(
    "--max-article-bytes",
    type=click.IntRange(1),
    help="Refuse articles larger than this many bytes (default 20,000,000).",
)
@click.option(
    "--split-stories",
    is_flag=True,
    help="Group the articles into stories and check each story on its own (see docs/stories.md).",
)
@click.option(
    "--one-story", is_flag=True, help="Treat the input as one story: no story check, no hint."
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    help="With --split-stories: check stories on a local Dask cluster of N workers.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --split-stories: check stories on this Dask scheduler (tcp://host:port).",
)
@click.option(
    "--per-pair",
    is_flag=True,
    help="One finding per pair of disagreeing statements instead of one per fact.",
)
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    lang: Lang,
    color: str,
    no_color: bool,
    exclude: tuple[str, ...],
    include: tuple[str, ...],
    model: str | None,
    threshold: float | None,
    published: tuple[str, ...],
    alias_file: str | None,
    single_source: bool,
    verbose: bool,
    quiet: bool,
    width: int | None,
    draft: str | None,
    coverage: bool,
    baseline: str | None,
    write_baseline: str | None,
    max_article_bytes: int | None,
    split_stories: bool,
    one_story: bool,
    workers: int | None,
    scheduler: str | None,
    per_pair: bool,
    debug: bool,
) -> None:
    """Check the articles in PATHS (files or directories; - reads one from standard input)."""
    if coverage and draft is None:
        raise click.UsageError("--coverage needs --draft")
    if split_stories and one_story:
        raise click.UsageError("--split-stories and --one-story exclude each other")
    if (workers or scheduler) and not split_stories:
        raise click.UsageError("--workers and --scheduler apply to --split-stories")
    color = _color(color, no_color)
    if output and not was_given(click.get_current_context(), "fmt"):
        fmt = format_for(output, FORMATS) or fmt
    with _guarded(debug):
        from factcheck.model import Severity
        from factcheck.options import Options
        from factcheck.pipeline import check as run_check
        from factcheck.render import RenderOptions, render, render_text

        threshold_severity = None if fail_on == "never" else Severity(fail_on)
        options = Options(
            lang=lang,
            model=model,
            threshold=threshold,
            published=_parse_published(published),
            alias_file=alias_file,
            single_source=single_source,
            draft=draft,
            coverage=coverage,
            max_article_bytes=max_article_bytes or Options.max_article_bytes,
            exclude=_exclude(exclude),
            include=include,
            one_story=one_story,
            per_pair=per_pair,
        )
        _check_outputs(("--output", output), ("--write-baseline", write_baseline))
        _check_inputs(("--aliases", alias_file), ("--baseline", baseline), ("--draft", draft))
        _check_threshold(threshold)
        if split_stories:
            engine = {"workers": workers, "scheduler": scheduler} if workers or scheduler else None
            _check_split(
                _stdin_paths(paths, draft, options.max_article_bytes),
                options,
                fmt,
                output,
                (color, quiet, verbose),
                threshold_severity,
                width,
                engine,
            )
        from factcheck.modes import baseline as accepted

        # Read the baseline first: a bad file fails before minutes of work.
        known = accepted.load_baseline(baseline) if baseline else None
        inputs = _stdin_paths(paths, draft, options.max_article_bytes)
        with _progress(color, quiet=quiet, verbose=verbose) as step:
            report = run_check(inputs, options, progress=step)
        for warning in report.warnings:
            click.echo(f"factcheck: warning: {visible(warning)}", err=True)
        from factcheck.draft import draft_id_of

        if write_baseline:
            accepted.write_baseline(report, write_baseline)
        if known is not None:
            report = accepted.apply_baseline(report, known)

        render_options = RenderOptions(
            verbose=verbose,
            fail_on=threshold_severity,
            width=width,
            draft=draft_id_of(report.articles),
        )
        if output:
            write_text(output, render_text(report, fmt, render_options))
        else:
            render(report, fmt, _make_console(color, width), render_options)
        sys.exit(int(exit_code_for(report, threshold_severity)))


def _check_inputs(*inputs: tuple[str, str | None]) -> None:
    """Refuse input files (option, path) that are missing or not regular files, before any work."""
    for option, path in inputs:
        if path is None or path == "-":
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            raise InputError(path, f"{option}: {describe(exc)}") from None
        kind = file_kind(info.st_mode)
        if kind:
            raise InputError(path, f"{option}: {kind}, not a regular file; refused")


def _check_outputs(*targets: tuple[str, str | None]) -> None:
    """Refuse unsafe output targets (option, path) before any work (docs/robustness.md)."""
    for option, path in targets:
        if path is not None:
            check_target(path, option)


def _check_split(
    paths: list[Input],
    options: Options,
    fmt: str,
    output: str | None,
    display: tuple[str, bool, bool],
    fail_on: Severity | None,
    width: int | None,
    engine: dict[str, Any] | None,
) -> NoReturn:
    """``check --split-stories``: one report per story, in one output (issue 22);
    ``engine`` (workers/scheduler) runs the per-story checks on Dask."""
    from factcheck.render import RenderOptions
    from factcheck.stories.engine import check_stories
    from factcheck.stories.render import SPLIT_FORMATS, render_stories

    if fmt not in SPLIT_FORMATS:
        raise InputError(
            "--format", f"{fmt} holds one check; use one of {', '.join(SPLIT_FORMATS)}"
        )
    color, quiet, verbose = display
    with _progress(color, quiet=quiet, verbose=verbose) as step:
        if engine is None:
            result = check_stories(paths, options, progress=step)
        else:
            from factcheck.stories.engine import check_stories_on_cluster

            result = check_stories_on_cluster(paths, options, progress=step, **engine)
    for warning in result.warnings:
        click.echo(f"factcheck: warning: {visible(warning)}", err=True)
    text = render_stories(result, fmt, RenderOptions(fail_on=fail_on, width=width))
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)
    codes = [exit_code_for(report, fail_on) for report in result.reports]
    sys.exit(int(max(codes, default=ExitCode.OK)))


def exit_code_for(report: Report, fail_on: Severity | None) -> ExitCode:
    """1 when a finding is at or above ``fail_on`` (None: never), else 0."""
    if fail_on is None:
        return ExitCode.OK
    if any(f.severity >= fail_on for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


@contextmanager
def _progress(
    color: str, *, quiet: bool, verbose: bool
) -> Iterator[Callable[[StageProgress], None]]:
    """Progress on stderr: a rich display with counts, rate and ETA per stage on a
    terminal; with --verbose, one plain line per finished stage anywhere; nothing
    with --quiet or when stderr is not a terminal."""
    import time

    last: list[Any] = []  # the latest event and when its stage started

    def finish() -> None:
        if verbose and last:
            event, since = last
            count = f"{event.done} {event.unit} " if event.unit else ""
            seconds = time.monotonic() - since
            click.echo(f"factcheck: {event.stage}: {count}in {seconds:.1f} s", err=True)

    def log(event: StageProgress) -> None:
        # A stage is logged when the next one starts, so its time covers all its work.
        if not last or last[0].stage != event.stage:
            finish()
            last[:] = [event, time.monotonic()]
        last[0] = event

    if quiet or not sys.stderr.isatty():
        yield log if verbose and not quiet else (lambda _event: None)
        finish()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description:<8}"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=_make_console(color, None, stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def step(event: StageProgress) -> None:
            log(event)
            if event.stage not in tasks:
                tasks[event.stage] = bar.add_task(event.stage, total=event.total, unit="", rate="")
            task = tasks[event.stage]
            bar.update(task, completed=event.done, total=event.total, unit=event.unit)
            speed = bar.tasks[task].speed
            if speed:
                bar.update(task, rate=f"{speed:,.1f}/s")

        yield step
    finish()


@main.command("diff", cls=ConfiguredCommand)
@click.argument("old", type=click.Path(dir_okay=False, path_type=str))
@click.argument("new", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format", "fmt", type=click.Choice(("rich", "json")), default="rich", show_default=True
)
@_color_options
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def diff_command(old: str, new: str, fmt: str, color: str, no_color: bool, debug: bool) -> None:
    """Show the findings that appeared, disappeared or changed from OLD.json to NEW.json.

    Findings are matched by fingerprint (kind + normalized evidence text), so
    edits elsewhere in an article do not count. Exit 1 when a finding appeared.
    """
    with _guarded(debug):
        from factcheck.modes.diff import diff_json, diff_reports, load_report, print_diff

        result = diff_reports(load_report(old), load_report(new))
        console = _make_console(_color(color, no_color), None)
        if fmt == "json":
            console.out(diff_json(result), end="", highlight=False)
        else:
            print_diff(result, console)
        sys.exit(int(ExitCode.FINDINGS if result.appeared else ExitCode.OK))


@main.command("watch", cls=ConfiguredCommand, config_from="directory")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--lang", type=click.Choice(("auto", "fr", "en")), default="auto", show_default=True)
@click.option(
    "--single-source", is_flag=True, help="Also list checkable facts only one article states."
)
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=str),
    help="Corpus state file (default: in the cache, one per watched folder).",
)
@_color_options
@_file_options
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def watch_command(
    directory: str,
    lang: Lang,
    single_source: bool,
    store: str | None,
    color: str,
    no_color: bool,
    exclude: tuple[str, ...],
    include: tuple[str, ...],
    debug: bool,
) -> None:
    """Keep DIRECTORY checked: each new, changed or deleted article re-checks only its story.

    Prints what changed in each story's findings. The corpus state is kept in a
    store, so a restart resumes. Stop with Ctrl-C (SIGTERM exits 143). Needs the
    "watch" extra (pip install 'factcheck[watch]').
    """
    with _guarded(debug):
        from factcheck.modes.watch import watch
        from factcheck.options import Options
        from factcheck.pipeline import make_embedder
        from factcheck.stories.store import CorpusStore, default_store

        options = Options(
            lang=lang, single_source=single_source, exclude=_exclude(exclude), include=include
        )
        path = store or default_store(directory, options.cache_dir)
        corpus = CorpusStore.open(path, options, make_embedder(options))
        # watchfiles turns any signal into KeyboardInterrupt: remember a SIGTERM so
        # that it still exits 143 (_guarded restores the previous handler).
        terminated: list[int] = []

        def on_sigterm(signum: int, frame: Any) -> NoReturn:
            terminated.append(signum)
            _on_sigterm(signum, frame)

        signal.signal(signal.SIGTERM, on_sigterm)
        try:
            watch(directory, corpus, _make_console(_color(color, no_color), None))
        except KeyboardInterrupt:
            if terminated:
                raise _Terminated from None
            return  # Ctrl-C is how a watch ends, not an error
        finally:
            corpus.close()


@main.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=str),
    default="factcheck-store.sqlite3",
    show_default=True,
    help="Corpus state file (created when missing).",
)
@click.option("--remove", is_flag=True, help="Remove FILES from the corpus instead.")
@click.option("--format", "fmt", type=click.Choice(("rich", "json", "markdown")), default="rich")
@click.option("--lang", type=click.Choice(("auto", "fr", "en")), default="auto", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True)
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def add_command(
    files: tuple[str, ...],
    store: str,
    remove: bool,
    fmt: str,
    lang: Lang,
    fail_on: str,
    debug: bool,
) -> None:
    """Add FILES to a persistent corpus and re-check only the stories they join.

    Prints the report of each re-checked story (see docs/stories.md). Exit 2
    when a file cannot be used (the others are still added).
    """
    with _guarded(debug):
        from factcheck.model import Severity
        from factcheck.options import Options
        from factcheck.pipeline import make_embedder
        from factcheck.render import RenderOptions
        from factcheck.stories.render import render_stories
        from factcheck.stories.store import CorpusStore

        options = Options(lang=lang)
        corpus = CorpusStore.open(store, options, make_embedder(options))
        try:
            update = corpus.remove(list(files)) if remove else corpus.add(list(files))
        finally:
            corpus.close()
        for line in corpus.notices:
            click.echo(f"factcheck: notice: {visible(line)}", err=True)
        for line in update.errors:
            click.echo(f"factcheck: error: {visible(line)}", err=True)
        for line in update.warnings:
            click.echo(f"factcheck: warning: {visible(line)}", err=True)
        severity = None if fail_on == "never" else Severity(fail_on)
        click.echo(render_stories(update.stories, fmt, RenderOptions(fail_on=severity)), nl=False)
        if update.errors:
            sys.exit(int(ExitCode.INPUT_ERROR))
        codes = [exit_code_for(r, severity) for r in update.stories.reports]
        sys.exit(int(max(codes, default=ExitCode.OK)))


@main.command("eval", cls=ConfiguredCommand, config_from="target")
@click.argument("target", type=click.Path(exists=True, path_type=str))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="Folder of the gold's articles (default: the gold's articles_dir).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=str),
    help="Score this JSON report instead of running the checker.",
)
@click.option("--output", "-o", type=click.Path(), help="Write the result to FILE (atomically).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("rich", "json")),
    default="rich",
    show_default=True,
    help="Result format (default: json for an --output ending in .json, else rich).",
)
@_color_options
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def eval_command(
    target: str,
    articles: str | None,
    report_path: str | None,
    output: str | None,
    fmt: str,
    color: str,
    no_color: bool,
    debug: bool,
) -> None:
    """Measure accuracy against TARGET: a gold file (docs/gold-format.md) or a mutate folder.

    For a gold file: alignment precision/recall/F1, expected findings found,
    false alarms, must_not_flag/must_not_align violations, publication dates.
    For a folder written by `factcheck mutate`: detection rate and collateral
    findings over its mutations.
    """
    with _guarded(debug):
        import json

        from factcheck.tools.evaluate import evaluate_gold_file, print_rich, render_text
        from factcheck.tools.mutate import check_mutation_dir, render_mutation_text

        _check_outputs(("--output", output))
        _check_inputs(("--report", report_path))
        console = _make_console(_color(color, no_color), None)
        if output and not was_given(click.get_current_context(), "fmt"):
            fmt = format_for(output, ("rich", "json")) or fmt
        if Path(target).is_dir():
            if report_path or articles:
                raise InputError(
                    target, "--report/--articles apply to a gold file, not a mutate folder"
                )
            score = check_mutation_dir(Path(target))
            data, text = score.as_dict(), visible(render_mutation_text(score), one_line=False)
            result = None
        else:
            report = None
            if report_path:
                from factcheck.modes.diff import load_report

                report = load_report(report_path)
            result = evaluate_gold_file(Path(target), Path(articles) if articles else None, report)
            data, text = result.as_dict(), visible(render_text(result, target), one_line=False)
        rendered = (
            json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else text + "\n"
        )
        if output:
            write_text(output, rendered)
        elif fmt == "rich" and result is not None:
            print_rich(result, console, visible(target))
        else:
            console.out(rendered, end="", highlight=False)


@main.command("mutate")
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--seed", type=int, required=True, help="Random seed (same seed, same mutations).")
@click.option("--count", type=click.IntRange(1), default=1, show_default=True)
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Edit only the facts of this gold file's groups, against their other statements.",
)
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def mutate_command(
    source_dir: str, out_dir: str, seed: int, count: int, gold: str | None, debug: bool
) -> None:
    """Write COUNT corpora of SOURCE_DIR, each with one fact edited, plus their gold files.

    Score a checker on them with `factcheck eval OUT_DIR`.
    """
    with _guarded(debug):
        from factcheck.tools.mutate import mutate

        mutations = mutate(
            Path(source_dir),
            Path(out_dir),
            seed=seed,
            count=count,
            gold=None if gold is None else Path(gold),
        )
        for m in mutations:
            line = f"{m.id} {m.type:<10} {m.article}: {m.original!r} -> {m.replacement!r}"
            click.echo(visible(line))
        if len(mutations) < count:
            click.echo(
                f"factcheck: warning: only {len(mutations)} facts of {visible(source_dir)} are"
                " also stated by another article; wrote that many mutations",
                err=True,
            )


@main.group("cache")
def cache_group() -> None:
    """Inspect or clear the embedding cache ($FACTCHECK_CACHE_DIR, else the user cache dir)."""


@cache_group.command("info")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def cache_info_command(debug: bool) -> None:
    """Where the cache is, its size and how many vectors it holds per model."""
    with _guarded(debug):
        from factcheck.align.cache import MAX_ROWS, cache_info, default_cache_dir

        info = cache_info(default_cache_dir())
        click.echo(f"path: {visible(str(info.path))}")
        if not info.exists:
            click.echo("state: empty (no cache file yet)")
            return
        click.echo(f"size: {info.size:,} bytes")
        if info.problem:
            click.echo(f"state: unusable ({visible(info.problem)}); the next run rebuilds it")
        for model, rows in info.rows.items():
            click.echo(f"model {visible(model)}: {rows:,} vectors")
        click.echo(f"limit: {MAX_ROWS:,} vectors (oldest dropped first)")


@cache_group.command("clear")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def cache_clear_command(debug: bool) -> None:
    """Delete the embedding cache; the next run recomputes the vectors it needs."""
    with _guarded(debug):
        from factcheck.align.cache import FILE_NAME, clear_cache, default_cache_dir

        directory = default_cache_dir()
        freed = clear_cache(directory)
        click.echo(f"removed {visible(str(directory / FILE_NAME))} ({freed:,} bytes)")
