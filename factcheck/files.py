"""Opening input files without following a swap to a pipe or device.

A file is opened first (non-blocking, so a named pipe with no writer cannot
hang the run) and then checked with ``fstat`` on the open descriptor: what
is read is what was checked, even if the path is replaced in between.
"""

from __future__ import annotations

import errno
import os
import stat

from factcheck.errors import InputError

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(Exception):
    """The path is a pipe, socket, device or directory; ``kind`` says which."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe", …), None for a regular file."""
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file.

    Raises :class:`NotRegularFile` for anything else (checked on the open
    descriptor) and ``OSError`` when it cannot be opened.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # opening a socket
            raise NotRegularFile("a socket") from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind:
            raise NotRegularFile(kind)
        return handle.read(limit + 1)


def describe(exc: OSError) -> str:
    """A short, stable description of why a file cannot be read."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, PermissionError):
        return "permission denied (cannot read)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or str(exc)


def read_regular(path: str, limit: int, what: str) -> bytes:
    """:func:`read_bytes` with every problem an :class:`InputError` naming ``path``."""
    try:
        data = read_bytes(path, limit)
    except NotRegularFile as exc:
        raise InputError(path, f"{exc.kind}, not a regular file; a {what} must be a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read {what}: {describe(exc)}") from None
    if len(data) > limit:
        raise InputError(path, f"{what} larger than {limit:,} bytes")
    return data
