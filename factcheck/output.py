"""Writing reports and baselines without ever destroying what the target was.

Every command writes its files through :func:`write_text`, after checking the
target with :func:`check_target` before any work starts. The promise
(docs/robustness.md, "Output safety"):

- ``-`` is standard output; any other target that exists must be a regular
  file (not a symlink, directory, FIFO, socket or device node), else exit 2;
- a read-only target (no write bit) is refused, not overwritten;
- the target's directory must exist and be writable;
- the new content goes to a temporary file in the same directory, which is
  renamed over the target once complete; it gets the existing file's mode (and
  owner, when allowed), or for a new file 0666 minus the umask;
- the temporary file is removed on every exit path Python sees; one left by a
  killed process (its name holds the writer's pid) is removed by the next write
  to the same target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from factcheck.errors import InputError
from factcheck.files import file_kind

STDOUT = "-"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def check_target(path: str, option: str) -> None:
    """Raise :class:`InputError` when ``path`` cannot be written safely (see the module doc)."""
    if path == STDOUT:
        return
    if not path:
        raise InputError("''", f"{option}: empty path")
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(path, f"{option}: cannot inspect the target: {exc.strerror}") from None
    if info is not None:
        kind = file_kind(info.st_mode)
        if kind:
            raise InputError(path, f"{option}: the target is {kind}, not a regular file; refused")
        if not info.st_mode & 0o222:
            raise InputError(path, f"{option}: the target is read-only; refused")
    directory = target.parent
    if not directory.is_dir():
        raise InputError(path, f"{option}: directory {directory} does not exist")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InputError(path, f"{option}: directory {directory} is not writable")


def write_text(path: str, text: str, option: str = "--output") -> None:
    """Write ``text`` to ``path`` (``-``: standard output) through a temp file and a rename.

    The target is checked again right before the rename, so a file swapped
    for a special file during the run is still not replaced.
    """
    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_target(path, option)
    target = Path(path)
    directory = target.parent
    _remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{_temp_prefix(target)}{os.getpid()}.", suffix=".tmp", dir=directory
    )
    try:
        _copy_mode(fd, target)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path, option)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_mode(fd: int, target: Path) -> None:
    """The existing target's mode and owner, else the mode a new file gets (umask)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    os.fchmod(fd, stat.S_IMODE(info.st_mode))
    with contextlib.suppress(OSError):  # only root may give a file away; others keep theirs
        os.fchown(fd, info.st_uid, info.st_gid)


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files a killed writer of ``target`` left (its pid is no longer running)."""
    prefix = _temp_prefix(target)
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix) :].split(".", 1)[0]
        if not (pid_text.isdigit() and name.endswith(".tmp")) or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            stale = target.parent / name
            if stat.S_ISREG(os.lstat(stale).st_mode):
                stale.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
