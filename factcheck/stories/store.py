"""A persistent corpus state for incremental checking (``factcheck add``, ``factcheck watch``).

One SQLite file (the standard library's embedded database, chosen by
measurement in docs/stories.md) holds every article's path, content hash,
story features and story, and each story's last report as JSON. Adding,
changing or removing an article re-checks only the stories it leaves or
joins, so the cost of an update is bounded by its story, not by the corpus.
Sentence embeddings are not duplicated here: the embedding cache already
keeps them by text, so re-checking a story re-encodes nothing it has seen.

Every write is one transaction, so a crash leaves the previous state. A file
that is not a store of this format, fails SQLite's integrity check or was
written with other checking options is never trusted: it is set aside and
rebuilt, with a notice.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factcheck.errors import FactcheckError
from factcheck.model import StoriesReport, Story
from factcheck.options import Options
from factcheck.stories import StoryFeatures, assign, features, split

if TYPE_CHECKING:
    from factcheck.model import Embedder
    from factcheck.pipeline import Progress

FORMAT = "factcheck-store/1"
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " story INTEGER NOT NULL, title TEXT NOT NULL, terms TEXT NOT NULL, vector BLOB NOT NULL)",
    "CREATE TABLE stories (id INTEGER PRIMARY KEY, report TEXT NOT NULL)",
)


@dataclass(frozen=True)
class Update:
    """What one call changed: the stories re-checked, per-file problems, notices."""

    stories: StoriesReport
    errors: tuple[str, ...] = ()  # "path: problem" for each file that could not be used
    warnings: tuple[str, ...] = ()  # "path: remark" about files that were read
    removed: tuple[str, ...] = ()  # article ids no longer in the corpus
    emptied: tuple[int, ...] = ()  # stories left without articles


def _fingerprint(options: Options) -> str:
    # What changes a story's report: a store built with other options is rebuilt.
    keys = (options.lang, options.model, options.threshold, options.single_source)
    return json.dumps([*keys, options.alias_file, options.max_article_bytes])


@dataclass
class CorpusStore:
    """The corpus state in ``path``; ``notices`` says when it had to be rebuilt."""

    path: Path
    options: Options
    embedder: Embedder
    notices: list[str] = field(default_factory=list)
    _db: sqlite3.Connection | None = field(default=None, repr=False)
    _feats: dict[str, tuple[int, StoryFeatures]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], options: Options, embedder: Embedder
    ) -> CorpusStore:
        store = cls(Path(path), options, embedder)
        store._open()
        return store

    # --- opening, validation, rebuilding ------------------------------------

    def _open(self) -> None:
        problem = self._validate() if self.path.exists() else None
        if problem:
            aside = self.path.with_name(self.path.name + ".corrupt")
            os.replace(self.path, aside)
            self.notices.append(f"{self.path}: {problem}; set aside as {aside.name} and rebuilt")
        fresh = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One user at a time, possibly not the opening thread (a watch runs in a thread).
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        if fresh:
            with self._db:
                for statement in _SCHEMA:
                    self._db.execute(statement)
                self._db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("format", FORMAT), ("options", _fingerprint(self.options))],
                )
        self._load()

    def _validate(self) -> str | None:
        """Why the file at ``path`` cannot be trusted, or None."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            try:
                if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    return "damaged store (integrity check failed)"
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                db.execute("SELECT id, path, sha256, story, title, terms, vector FROM articles")
                db.execute("SELECT id, report FROM stories")
            finally:
                db.close()
        except sqlite3.Error as exc:
            return f"not a usable store ({exc})"
        if meta.get("format") != FORMAT:
            return f"store format {meta.get('format')!r}, expected {FORMAT!r}"
        if meta.get("options") != _fingerprint(self.options):
            return "store built with other checking options"
        return None

    def _load(self) -> None:
        rows = self.db.execute(
            "SELECT id, story, title, terms, vector FROM articles ORDER BY id"
        ).fetchall()
        for article, story, title, terms, vector in rows:
            vec = np.frombuffer(vector, dtype=np.float32)
            self._feats[article] = (story, StoryFeatures(article, title, json.loads(terms), vec))

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise FactcheckError("store is closed")
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- queries --------------------------------------------------------------

    def paths(self) -> dict[str, str]:
        """Article id -> path of every article in the corpus."""
        return dict(self.db.execute("SELECT id, path FROM articles").fetchall())

    def hashes(self) -> dict[str, str]:
        """Path -> content hash of every article in the corpus."""
        return dict(self.db.execute("SELECT path, sha256 FROM articles").fetchall())

    def stories(self) -> dict[int, list[str]]:
        """Story number -> its article ids (sorted)."""
        out: dict[int, list[str]] = {}
        for article, (story, _) in sorted(self._feats.items()):
            out.setdefault(story, []).append(article)
        return out

    def report(self, story: int) -> dict[str, Any] | None:
        """The last JSON report of ``story``."""
        row = self.db.execute("SELECT report FROM stories WHERE id = ?", (story,)).fetchone()
        return json.loads(row[0]) if row else None

    # --- updates --------------------------------------------------------------

    def add(
        self, paths: Sequence[str | os.PathLike[str]], progress: Progress | None = None
    ) -> Update:
        """Add (or refresh) the articles at ``paths``; re-check the stories they touch."""
        from factcheck.ingest import load_articles

        errors: list[str] = []
        notes: list[str] = []
        articles = []
        for path in paths:  # one file at a time: a bad file does not stop the others
            try:
                loaded, warnings = load_articles([path], self.options)
            except FactcheckError as exc:
                errors.append(str(exc))
                continue
            notes.extend(warnings)
            articles.extend(loaded)
        touched: set[int] = set()
        with self.db:
            for article, feat in zip(articles, features(articles, self.embedder), strict=True):
                old = self._feats.pop(article.id, None)
                if old is not None:
                    touched.add(old[0])
                story = self._story_for(feat)
                touched.add(story)
                self._feats[article.id] = (story, feat)
                self.db.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.path,
                        article.sha256,
                        story,
                        feat.title,
                        json.dumps(dict(feat.terms), ensure_ascii=False),
                        np.asarray(feat.vector, dtype=np.float32).tobytes(),
                    ),
                )
                touched |= self._split(story)
            result = self._recheck(touched, progress)
        return Update(result, tuple(errors), tuple(notes), emptied=self._emptied(touched))

    def remove(
        self, paths: Sequence[str | os.PathLike[str]], progress: Progress | None = None
    ) -> Update:
        """Forget the articles read from ``paths``; re-check the stories they leave."""
        wanted = {os.path.abspath(p) for p in paths}
        gone = [a for a, p in self.paths().items() if os.path.abspath(p) in wanted]
        touched = {self._feats.pop(a)[0] for a in gone}
        with self.db:
            self.db.executemany("DELETE FROM articles WHERE id = ?", [(a,) for a in gone])
            result = self._recheck(touched, progress)
        return Update(result, removed=tuple(sorted(gone)), emptied=self._emptied(touched))

    def sync(self, directory: str | os.PathLike[str], progress: Progress | None = None) -> Update:
        """Make the corpus match ``directory``: new and changed files added, deleted ones
        removed, unchanged ones untouched (a restart resumes at no cost)."""
        from factcheck.ingest import ARTICLE_SUFFIXES

        folder = Path(directory)
        present = sorted(
            str(folder / n)
            for n in os.listdir(folder)
            if not n.startswith(".") and n.lower().endswith(ARTICLE_SUFFIXES)
        )
        known = self.hashes()
        changed = [p for p in present if known.get(p) != _sha256(p)]
        gone = sorted(set(known) - set(present))
        removal = self.remove(gone, progress) if gone else None
        addition = self.add(changed, progress)
        if removal is None:
            return addition
        reports = _merge(removal.stories, addition.stories)
        return Update(
            reports,
            addition.errors,
            addition.warnings,
            removal.removed,
            tuple(sorted(set(removal.emptied) | set(addition.emptied))),
        )

    # --- internals ------------------------------------------------------------

    def _story_for(self, feat: StoryFeatures) -> int:
        numbers = sorted({s for s, _ in self._feats.values()})
        members = [[f for s, f in self._feats.values() if s == n] for n in numbers]
        chosen = assign(feat, members)
        return numbers[chosen] if chosen is not None else self._new_story()

    def _new_story(self) -> int:
        row = self.db.execute("SELECT MAX(id) FROM stories").fetchone()
        return max([0, row[0] or 0, *(s for s, _ in self._feats.values())]) + 1

    def _split(self, story: int) -> set[int]:
        """Split ``story`` as a batch would once it holds two events of one type: its
        largest part keeps the number, the others become new stories. The stories touched."""
        members = sorted(a for a, (s, _) in self._feats.items() if s == story)
        parts = split([self._feats[a][1] for a in members])
        keep = max(parts, key=len)
        touched = {story}
        for part in parts:
            if part is keep:
                continue
            number = self._new_story()
            touched.add(number)
            for i in part:
                self._feats[members[i]] = (number, self._feats[members[i]][1])
                self.db.execute("UPDATE articles SET story = ? WHERE id = ?", (number, members[i]))
        return touched

    def _emptied(self, touched: set[int]) -> tuple[int, ...]:
        live = {s for s, _ in self._feats.values()}
        return tuple(sorted(touched - live))

    def _recheck(self, touched: set[int], progress: Progress | None) -> StoriesReport:
        """Check each touched story again from its files and store its report."""
        from factcheck import __version__
        from factcheck.ingest import load_articles
        from factcheck.pipeline import check_articles
        from factcheck.render.json_report import render_json

        live = self.stories()
        paths = self.paths()
        stories, reports = [], []
        for number in sorted(touched):
            if number not in live:
                self.db.execute("DELETE FROM stories WHERE id = ?", (number,))
                continue
            articles, warnings = load_articles([paths[a] for a in live[number]], self.options)
            report = check_articles(
                articles, warnings, self.options, embedder=self.embedder, progress=progress
            )
            self.db.execute(
                "INSERT OR REPLACE INTO stories VALUES (?, ?)", (number, render_json(report))
            )
            feats = [self._feats[a][1] for a in live[number]]
            stories.append(Story(f"s{number}", _label(feats), tuple(live[number])))
            reports.append(report)
        return StoriesReport(tuple(stories), tuple(reports), __version__)


def _label(feats: Sequence[StoryFeatures]) -> str:
    from factcheck.stories import make_stories

    return make_stories(feats, [list(range(len(feats)))])[0].label


def _merge(a: StoriesReport, b: StoriesReport) -> StoriesReport:
    """Both updates' stories, the later report of a story re-checked twice winning."""
    by_id = {s.id: (s, r) for s, r in zip(a.stories, a.reports, strict=True)}
    by_id.update({s.id: (s, r) for s, r in zip(b.stories, b.reports, strict=True)})
    ordered = sorted(by_id.values(), key=lambda sr: int(sr[0].id[1:]))
    return StoriesReport(tuple(s for s, _ in ordered), tuple(r for _, r in ordered), b.tool_version)


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def default_store(directory: str | os.PathLike[str], cache_dir: str | None) -> Path:
    """Where ``factcheck watch DIR`` keeps DIR's corpus state: the cache, keyed by DIR."""
    from factcheck.align.cache import default_cache_dir

    key = hashlib.sha256(os.path.realpath(directory).encode("utf-8")).hexdigest()[:16]
    return Path(cache_dir or default_cache_dir()) / "stores" / f"{key}.sqlite3"
