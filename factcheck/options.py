"""The one options object the CLI builds and the library consumes."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

# The --lang choices: "auto" reads each article's own language.
Lang = Literal["auto", "fr", "en"]

# File-name patterns a directory listing skips: a story folder's notes, not articles
# (matched case-insensitively; hidden files are always skipped).
DEFAULT_EXCLUDE = ("README*", "LICENSE*", "LICENCE*", "SOURCE*", "CHANGELOG*")


@dataclass(frozen=True)
class Options:
    """Everything that changes what ``factcheck.check`` does (not how it is rendered)."""

    lang: Lang = "auto"
    model: str | None = None  # embedder id; None picks the default
    threshold: float | None = None  # alignment threshold override
    published: dict[str, _dt.date] = field(default_factory=dict)  # article id -> date
    single_source: bool = False
    cache_dir: str | None = None  # embedding cache; None uses the user cache dir
    alias_file: str | None = None  # a newsroom's alias file for recurring names
    max_article_bytes: int = 20_000_000
    draft: str | None = None  # an editor's draft (file, or "-" for stdin) checked against the rest
    coverage: bool = False  # draft mode: also list facts independent references state and it omits
    # Directory listings skip names matching ``exclude`` unless they match ``include``;
    # a file named on its own is always read.
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    include: tuple[str, ...] = ()
    # Skip the story check (no "several stories" hint, no clustering cost).
    one_story: bool = False
    # One finding per pair of statements, as before consolidation (every
    # consolidated finding also keeps its pairs in ``Finding.pairs``).
    per_pair: bool = False
