"""The on-disk embedding cache: it may save time, it must never change an answer.

The promise (docs/robustness.md, "Embedding cache"):

- a row's key is the SHA-256 of the model id, the model version and the exact
  text given to the model, so two texts the model may embed differently
  (case variants, another model version) never share a vector;
- every row read is checked (size, float32, finite, unit norm, and a digest
  binding the vector to its key and model); a bad row is recomputed and
  overwritten, never used;
- the file is checked before use (SQLite header, ``user_version``, exactly the
  expected table and no view, trigger or other object), so nothing planted in
  it runs; a file that fails is replaced by an empty cache, with a one-line
  notice on standard error;
- SQLite's locking and journal make concurrent writers and a ``kill -9``
  mid-write safe; a writer that cannot get the lock skips storing (the
  vectors it computed are still used);
- the cache holds at most :data:`MAX_ROWS` rows, the oldest written dropped first.

Default location: ``$FACTCHECK_CACHE_DIR``, else the platform's user cache
directory (``$XDG_CACHE_HOME/factcheck`` or ``~/.cache/factcheck`` on Linux).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from factcheck.model import Embedder

FILE_NAME = "embeddings.sqlite3"
FORMAT = 2  # PRAGMA user_version; 1 was the normalized-text key without digests
MAX_ROWS = 200_000  # about 400 MB of 512-dimension vectors
NORM_TOLERANCE = 1e-3
_HEADER = b"SQLite format 3\x00"
_TABLE = (
    "CREATE TABLE emb (model TEXT NOT NULL, key TEXT NOT NULL, vec BLOB NOT NULL,"
    " digest TEXT NOT NULL, PRIMARY KEY (model, key))"
)
_SCHEMA = {("table", "emb", _TABLE), ("index", "sqlite_autoindex_emb_1", None)}
_SIDE_FILES = ("-journal", "-wal", "-shm")


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else the platform's user cache directory for factcheck."""
    env = os.environ.get("FACTCHECK_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("factcheck", appauthor=False))


def _stderr_notice(message: str) -> None:
    from factcheck.text import visible

    print(f"factcheck: notice: {visible(message)}", file=sys.stderr)


class _Unusable(Exception):
    """The cache file is not a cache this version wrote; the message says why."""


class CachedEmbedder:
    """Wraps an embedder with the checked SQLite cache described in the module doc.

    Only cache misses (and bad rows) reach the wrapped embedder, so a fully
    cached run never loads the model. A cache that cannot be opened or created
    at all (read-only directory) is skipped for the run, with a notice.
    """

    def __init__(
        self,
        inner: Embedder,
        cache_dir: str | os.PathLike[str],
        notice: Callable[[str], None] = _stderr_notice,
    ) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dimension = inner.dimension
        self.version = f"{inner.model_id}@{getattr(inner, 'model_version', 'unversioned')}"
        self.path = Path(cache_dir) / FILE_NAME
        self._notice = notice
        self._db: sqlite3.Connection | None = None
        self._disabled = False

    def key(self, text: str) -> str:
        """SHA-256 of the model id and version and the exact text."""
        return hashlib.sha256(
            f"{self.version}\x00{text}".encode("utf-8", "surrogatepass")
        ).hexdigest()

    def _digest(self, key: str, blob: bytes) -> str:
        return hashlib.sha256(self.version.encode() + key.encode() + blob).hexdigest()[:32]

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._disabled:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = _open_checked(self.path)
            except (_Unusable, sqlite3.DatabaseError) as exc:
                self._rebuild(str(exc))
                self._db = _open_checked(self.path)
        except (OSError, sqlite3.Error, _Unusable) as exc:
            self._disabled = True
            self._notice(f"{self.path}: embedding cache not usable ({exc}); running without it")
        return self._db

    def _rebuild(self, problem: str) -> None:
        """Replace the cache file by an empty, valid one (atomically, by rename)."""
        self._notice(f"{self.path}: {problem}; rebuilding the embedding cache")
        if self._db is not None:
            self._db.close()
            self._db = None
        fd, tmp = tempfile.mkstemp(prefix=".embeddings.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            with db:
                _create(db)
            db.close()
            # A hot journal next to the new file would be "rolled back" into it.
            for suffix in _SIDE_FILES:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _valid(self, key: str, blob: object, digest: object) -> np.ndarray | None:
        if not isinstance(blob, bytes) or len(blob) != 4 * self.dimension:
            return None
        if digest != self._digest(key, blob):
            return None
        vec = np.frombuffer(blob, dtype=np.float32)
        if not np.isfinite(vec).all() or abs(float(np.linalg.norm(vec)) - 1.0) > NORM_TOLERANCE:
            return None
        return vec

    def _lookup(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._connect()
        if db is None:
            return found
        bad = 0
        try:
            unique = sorted(set(keys))
            for i in range(0, len(unique), 500):  # SQLite caps bound parameters
                chunk = unique[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, vec, digest FROM emb WHERE model = ? AND key IN ({marks})",
                    [self.version, *chunk],
                )
                for key, blob, digest in rows:
                    vec = self._valid(key, blob, digest) if key in chunk else None
                    if vec is None:
                        bad += 1
                    else:
                        found[key] = vec
        except sqlite3.DatabaseError as exc:
            self._recover(f"unreadable embedding cache ({exc})")
            return {}
        if bad:
            self._notice(
                f"{self.path}: {bad} invalid cached vector(s) ignored; recomputed and replaced"
            )
        return found

    def _recover(self, problem: str) -> None:
        """Rebuild after an error in use; if that fails too, run without the cache."""
        try:
            self._rebuild(problem)
        except (OSError, sqlite3.Error) as exc:
            self._disabled = True
            self._notice(f"{self.path}: cannot rebuild the embedding cache ({exc})")

    def _store(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        db = self._connect()
        if db is None:
            return
        rows = []
        for key, vec in zip(keys, vectors, strict=True):
            blob = np.ascontiguousarray(vec, dtype=np.float32).tobytes()
            rows.append((self.version, key, blob, self._digest(key, blob)))
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?, ?, ?)", rows)
                (count,) = db.execute("SELECT count(*) FROM emb").fetchone()
                if count > MAX_ROWS:
                    db.execute(
                        "DELETE FROM emb WHERE rowid IN"
                        " (SELECT rowid FROM emb ORDER BY rowid LIMIT ?)",
                        (count - MAX_ROWS,),
                    )
        except sqlite3.OperationalError:
            pass  # busy past the timeout, disk full: this run's vectors are simply not kept
        except sqlite3.DatabaseError as exc:
            self._recover(f"unwritable embedding cache ({exc})")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        keys = [self.key(t) for t in texts]
        found = self._lookup(keys)
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            vectors = np.asarray(self.inner.embed([t for _, t in missing]), dtype=np.float32)
            self._store([k for k, _ in missing], vectors)
            found.update(zip((k for k, _ in missing), vectors, strict=True))
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def _connect_raw(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    # Defences for a file someone else may have written: no functions from the
    # schema, and page-level sanity checks while reading.
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA cell_size_check = ON")
    return db


def _create(db: sqlite3.Connection) -> None:
    db.execute(_TABLE)
    db.execute(f"PRAGMA user_version = {FORMAT}")


def _open_checked(path: Path) -> sqlite3.Connection:
    """A connection to a cache file that holds exactly our schema (created when empty)."""
    if path.exists():
        with open(path, "rb") as handle:
            header = handle.read(len(_HEADER))
        if header and header != _HEADER:
            raise _Unusable("not an SQLite file")
        if header and path.stat().st_size < 512:
            raise _Unusable("truncated file")
    db = _connect_raw(path)
    try:
        objects = {
            (kind, name, sql)
            for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master")
        }
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if not objects and version == 0:
            with db:
                db.execute("BEGIN IMMEDIATE")
                # Another process may have created it between our read and our lock.
                if not db.execute("SELECT 1 FROM sqlite_master").fetchone():
                    _create(db)
        elif objects != _SCHEMA or version != FORMAT:
            known = {(kind, name) for kind, name, _ in _SCHEMA}
            extra = sorted(
                f"{kind} {name}" for kind, name, _ in objects if (kind, name) not in known
            )
            if extra:
                raise _Unusable(f"unexpected schema ({', '.join(extra)})")
            raise _Unusable(f"cache format {version}, expected {FORMAT}")
    except BaseException:
        db.close()
        raise
    return db


@dataclass(frozen=True)
class CacheInfo:
    """What ``factcheck cache info`` prints."""

    path: Path
    exists: bool
    size: int  # bytes, side files included
    rows: dict[str, int]  # model@version -> rows
    problem: str | None


def cache_info(directory: Path) -> CacheInfo:
    """Size and content of the cache in ``directory`` (reads only; never creates it)."""
    path = directory / FILE_NAME
    size = sum(p.stat().st_size for p in _files(path))
    if not path.exists():
        return CacheInfo(path, False, size, {}, None)
    rows: dict[str, int] = {}
    problem = None
    try:
        db = _open_checked(path)
        try:
            rows = dict(db.execute("SELECT model, count(*) FROM emb GROUP BY model ORDER BY model"))
        finally:
            db.close()
    except (_Unusable, sqlite3.Error, OSError) as exc:
        problem = str(exc)
    return CacheInfo(path, True, size, rows, problem)


def clear_cache(directory: Path) -> int:
    """Delete the cache file (and its journal); return the bytes freed."""
    freed = 0
    for path in _files(directory / FILE_NAME):
        with contextlib.suppress(FileNotFoundError):
            freed += path.stat().st_size
            path.unlink()
    return freed


def _files(path: Path) -> list[Path]:
    return [p for p in (path, *(Path(f"{path}{s}") for s in _SIDE_FILES)) if p.is_file()]
