"""Exit codes and the errors that map to them."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Process exit codes of the ``factcheck`` command (documented in the README)."""

    OK = 0  # no finding at or above --fail-on
    FINDINGS = 1  # at least one finding at or above --fail-on
    INPUT_ERROR = 2  # usage error or unusable input (missing, unreadable, not text)
    INTERNAL_ERROR = 3  # a bug: rerun with --debug for the traceback
    INTERRUPTED = 130  # SIGINT (Ctrl-C)
    BROKEN_PIPE = 141  # standard output closed by its reader (e.g. `| head`)
    TERMINATED = 143  # SIGTERM


class FactcheckError(Exception):
    """Base of the errors the CLI turns into a one-line message and an exit code."""

    exit_code = ExitCode.INTERNAL_ERROR


class InputError(FactcheckError):
    """An input file or option cannot be used; the message names the file and the problem."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
