"""The ``factcheck`` command: parse options, call the library, pick a renderer.

Nothing here knows how checking works; everything it does is callable from
Python through :func:`factcheck.check`. Heavy modules are imported inside the
commands so that ``factcheck --help`` answers at once.
"""

from __future__ import annotations

import datetime as _dt
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from factcheck import __version__
from factcheck.errors import ExitCode, FactcheckError, InputError
from factcheck.render import FORMATS  # a plain tuple: no renderer is imported
from factcheck.render._common import visible

FAIL_ON = ("error", "warning", "info", "never")


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


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written report, and an existing file is only
    replaced once the new one is complete.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    # mkstemp creates the file 0600; a report gets the mode any new file would get.
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def _make_console(no_color: bool, width: int | None) -> Any:
    from rich.console import Console

    return Console(no_color=no_color, width=width, highlight=False, soft_wrap=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def main() -> None:
    """Cross-source fact consistency checker.

    Reads several articles about the same story, aligns the statements that
    report the same fact and flags discrepancies with evidence from both sides.

    \b
    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
    2 usage or input error; 3 internal error; 130/143 interrupted/terminated.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="rich",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically)."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option("--lang", type=click.Choice(("auto", "fr", "en")), default="auto", show_default=True)
@click.option("--no-color", is_flag=True, help="Plain terminal output.")
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
    type=click.Path(dir_okay=False, exists=True),
    help="Alias file (TOML) of recurring names, see docs/aliases.md.",
)
@click.option(
    "--single-source", is_flag=True, help="Also list checkable facts only one article states."
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Show every aligned group and what was excluded."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
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
    type=click.Path(dir_okay=False, exists=True),
    help="Suppress findings already accepted in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Write every finding of this run to a baseline file.",
)
@click.option(
    "--max-article-bytes",
    type=click.IntRange(1),
    help="Refuse articles larger than this many bytes (default 20,000,000).",
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
    lang: str,
    no_color: bool,
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
    per_pair: bool,
    debug: bool,
) -> None:
    """Check the articles in PATHS (files or directories) against each other."""
    if coverage and draft is None:
        raise click.UsageError("--coverage needs --draft")
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
            per_pair=per_pair,
        )
        from factcheck import baseline as accepted

        # Read the baseline first: a bad file fails before minutes of work.
        known = accepted.load_baseline(baseline) if baseline else None
        with _progress(enabled=not quiet) as step:
            report = run_check(list(paths), options, progress=step)
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
            write_atomic(output, render_text(report, fmt, render_options))
        else:
            render(report, fmt, _make_console(no_color, width), render_options)
        sys.exit(int(exit_code_for(report, threshold_severity)))


def exit_code_for(report: Any, fail_on: Any) -> ExitCode:
    """1 when a finding is at or above ``fail_on`` (None: never), else 0."""
    if fail_on is None:
        return ExitCode.OK
    if any(f.severity >= fail_on for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A rich progress display on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from factcheck.pipeline import STAGES

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=len(STAGES))

        def step(stage: str) -> None:
            bar.update(task, description=stage, completed=STAGES.index(stage))

        yield step


@main.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=str))
@click.argument("new", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format", "fmt", type=click.Choice(("rich", "json")), default="rich", show_default=True
)
@click.option("--no-color", is_flag=True, help="Plain terminal output.")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def diff_command(old: str, new: str, fmt: str, no_color: bool, debug: bool) -> None:
    """Show the findings that appeared, disappeared or changed from OLD.json to NEW.json.

    Findings are matched by fingerprint (kind + normalized evidence text), so
    edits elsewhere in an article do not count. Exit 1 when a finding appeared.
    """
    with _guarded(debug):
        from factcheck.diff import diff_json, diff_reports, load_report, print_diff

        result = diff_reports(load_report(old), load_report(new))
        console = _make_console(no_color, None)
        if fmt == "json":
            console.out(diff_json(result), end="", highlight=False)
        else:
            print_diff(result, console)
        sys.exit(int(ExitCode.FINDINGS if result.appeared else ExitCode.OK))


@main.command("watch")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--lang", type=click.Choice(("auto", "fr", "en")), default="auto", show_default=True)
@click.option(
    "--single-source", is_flag=True, help="Also list checkable facts only one article states."
)
@click.option("--no-color", is_flag=True, help="Plain terminal output.")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def watch_command(
    directory: str, lang: str, single_source: bool, no_color: bool, debug: bool
) -> None:
    """Re-check DIRECTORY whenever articles are added or changed, printing what changed.

    Stop with Ctrl-C. Needs the "watch" extra (pip install 'factcheck[watch]').
    """
    with _guarded(debug):
        from factcheck.options import Options
        from factcheck.pipeline import check as run_check
        from factcheck.watch import watch

        options = Options(lang=lang, single_source=single_source)
        try:
            watch(directory, lambda: run_check([directory], options), _make_console(no_color, None))
        except KeyboardInterrupt:
            return  # Ctrl-C is how a watch ends, not an error


@main.command("eval")
@click.argument("target", type=click.Path(exists=True, path_type=str))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="Folder of the gold's articles (default: the gold's articles_dir).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Score this JSON report instead of running the checker.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the result to FILE (atomically)."
)
@click.option(
    "--format", "fmt", type=click.Choice(("rich", "json")), default="rich", show_default=True
)
@click.option("--no-color", is_flag=True, help="Plain terminal output.")
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def eval_command(
    target: str,
    articles: str | None,
    report_path: str | None,
    output: str | None,
    fmt: str,
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

        from factcheck.evaluate import evaluate_gold_file, print_rich, render_text
        from factcheck.mutate import check_mutation_dir, render_mutation_text

        console = _make_console(no_color, None)
        if Path(target).is_dir():
            if report_path or articles:
                raise InputError(
                    target, "--report/--articles apply to a gold file, not a mutate folder"
                )
            score = check_mutation_dir(Path(target))
            data, text = score.as_dict(), render_mutation_text(score)
            result = None
        else:
            report = None
            if report_path:
                from factcheck.diff import load_report

                report = load_report(report_path)
            result = evaluate_gold_file(Path(target), Path(articles) if articles else None, report)
            data, text = result.as_dict(), render_text(result, target)
        rendered = (
            json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else text + "\n"
        )
        if output:
            write_atomic(output, rendered)
        elif fmt == "rich" and result is not None:
            print_rich(result, console, target)
        else:
            console.out(rendered, end="", highlight=False)


@main.command("mutate")
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--seed", type=int, required=True, help="Random seed (same seed, same mutations).")
@click.option("--count", type=click.IntRange(1), default=1, show_default=True)
@click.option("--debug", is_flag=True, help="Print tracebacks of internal errors.")
def mutate_command(source_dir: str, out_dir: str, seed: int, count: int, debug: bool) -> None:
    """Write COUNT corpora of SOURCE_DIR, each with one fact edited, plus their gold files.

    Score a checker on them with `factcheck eval OUT_DIR`.
    """
    with _guarded(debug):
        from factcheck.mutate import mutate

        mutations = mutate(Path(source_dir), Path(out_dir), seed=seed, count=count)
        for m in mutations:
            click.echo(f"{m.id} {m.type:<10} {m.article}: {m.original!r} -> {m.replacement!r}")
        if len(mutations) < count:
            click.echo(
                f"factcheck: warning: only {len(mutations)} facts of {source_dir} are also "
                "stated by another article; wrote that many mutations",
                err=True,
            )
