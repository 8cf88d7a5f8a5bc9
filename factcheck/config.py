"""Project settings for the command line, the way ruff and black find theirs.

A setting is a long option of a command (``format``, ``fail-on``, ``exclude``…).
Its value comes, first match wins, from the command line, a ``FACTCHECK_*``
environment variable (``FACTCHECK_FAIL_ON=warning``), the nearest config file,
then the option's default. The config file is the first ``factcheck.toml``
(top-level keys) or ``pyproject.toml`` with a ``[tool.factcheck]`` table found
walking up from the first article's folder (the current folder for ``-``).
Relative paths in a file are relative to the file's folder.

Only this module and :mod:`factcheck.cli` know about files and variables: the
library receives plain :class:`~factcheck.options.Options`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click
from click.core import ParameterSource

ENV_PREFIX = "FACTCHECK_"
FILE_NAME = "factcheck.toml"
PYPROJECT = "pyproject.toml"

# Options that describe a newsroom's project and so may come from the environment
# or a config file. Per-run ones (--output, --draft, --published…) may not.
SETTINGS = (
    "format",
    "fail-on",
    "lang",
    "color",
    "model",
    "threshold",
    "aliases",
    "single-source",
    "width",
    "baseline",
    "max-article-bytes",
    "exclude",
    "include",
    "quiet",
    "verbose",
)


class ConfigError(click.ClickException):
    """A config file or setting that cannot be used: one line, exit 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        from factcheck.text import visible

        click.echo(f"factcheck: {visible(self.message)}", err=True, file=file)


@dataclass(frozen=True)
class ConfigFile:
    """The settings of one config file, keyed by option name (``fail-on``)."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)


def find_config(paths: Iterable[str], cwd: Path | None = None) -> ConfigFile | None:
    """The config file nearest the first article path (``-`` counts as the current folder)."""
    here = cwd or Path.cwd()
    first = next(iter(paths), "-")
    start = here if first == "-" else (here / first)
    folder = start if start.is_dir() else start.parent
    for directory in (folder.resolve(), *folder.resolve().parents):
        own = directory / FILE_NAME
        if own.is_file():
            return ConfigFile(own, _load(own))
        project = directory / PYPROJECT
        if project.is_file():
            table = _load(project).get("tool", {}).get("factcheck")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{project}: [tool.factcheck] must be a table")
                return ConfigFile(project, table)
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def env_name(setting: str) -> str:
    """``fail-on`` -> ``FACTCHECK_FAIL_ON``."""
    return ENV_PREFIX + setting.upper().replace("-", "_")


def _setting(param: click.Parameter) -> str | None:
    """The setting name of an option, None when it is not a setting."""
    if not isinstance(param, click.Option):
        return None
    for opt in param.opts:
        if opt.startswith("--") and opt[2:] in SETTINGS:
            return opt[2:]
    return None


class ConfiguredCommand(click.Command):
    """A command whose settings also come from ``FACTCHECK_*`` variables and a config file.

    ``config_from`` names the argument holding the article paths the config
    search starts from (None: the current folder). A file's values are checked
    against a ``strict`` command's options (``check``: a bad value is an error);
    other commands take only the values that fit theirs (``format = "html"``
    is no format for ``diff``).
    """

    def __init__(
        self, *args: Any, config_from: str | None = None, strict: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.config_from = config_from
        self.strict = strict
        for param in self.params:
            setting = _setting(param)
            if setting and param.envvar is None:
                param.envvar = env_name(setting)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        raw = ctx.params.get(self.config_from) if self.config_from else None
        starts = [raw] if isinstance(raw, str) else list(raw or ())
        config = find_config(starts)
        if config is not None:
            apply_config(ctx, self, config, strict=self.strict)
        return rest


def apply_config(
    ctx: click.Context, command: click.Command, config: ConfigFile, *, strict: bool = True
) -> None:
    """Give each setting still at its default the value ``config`` holds for it.

    Values go through the option's own type, so a bad one fails as it would on
    the command line, naming the file (unless not ``strict``: then it is left
    out). Unknown keys are errors (a typo must not pass silently); a setting
    another command has is ignored here.
    """
    unknown = sorted(set(config.values) - set(SETTINGS))
    if unknown:
        raise ConfigError(
            f"{config.path}: unknown setting {unknown[0]!r} (known: {', '.join(SETTINGS)})"
        )
    for param in command.params:
        setting = _setting(param)
        if setting not in config.values or param.name is None:
            continue
        if ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
            continue  # the command line or the environment said otherwise
        value = _relative_to(config.path.parent, param, config.values[setting])
        try:
            ctx.params[param.name] = param.process_value(ctx, value)
        except click.BadParameter as exc:
            if not strict:
                continue
            raise ConfigError(f"{config.path}: {setting}: {exc.message}") from None
        # Recorded so that later defaults (the format from the -o suffix) know it was set.
        ctx.set_parameter_source(param.name, ParameterSource.DEFAULT_MAP)


def _relative_to(folder: Path, param: click.Parameter, value: Any) -> Any:
    if not isinstance(param.type, click.Path):
        return value
    if isinstance(value, str) and not os.path.isabs(value):
        return str(folder / value)
    return value


def was_given(ctx: click.Context, name: str) -> bool:
    """Whether option ``name`` came from the command line, the environment or a config file."""
    return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)


# Report formats by output file suffix, for -o without --format.
FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".sarif": "sarif",
    ".xml": "junit",
}


def format_for(output: str, formats: Sequence[str]) -> str | None:
    """The format an output file's suffix names (``report.html`` -> html), if one of ``formats``."""
    name = output.lower()
    suffix = ".sarif" if name.endswith(".sarif.json") else Path(name).suffix
    fmt = FORMAT_BY_SUFFIX.get(suffix)
    return fmt if fmt in formats else None
