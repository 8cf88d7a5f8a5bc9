"""Word lists and lexicons, one home per language, as data files users can read and extend.

Each list is a TOML file ``factcheck/lexicon/<lang>/<name>.toml`` (``lang`` is ``fr``
or ``en``). Its shape is the list's own (documented at the top of each file), read
as a plain mapping by :func:`table`; callers turn it into the frozen sets or maps
they need once. A user can extend any list with a file of the same name in a
directory given by ``$FACTCHECK_LEXICON_DIR`` (``<dir>/<lang>/<name>.toml``): lists
are concatenated and tables merged, the user's entries winning.
See ``docs/lexicon.md``.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "en")
_HERE = Path(__file__).parent


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = [*old, *(v for v in value if v not in old)]
        elif isinstance(old, dict) and isinstance(value, Mapping):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


@functools.cache
def table(lang: str, name: str) -> Mapping[str, Any]:
    """The lexicon ``name`` for ``lang`` (``{}`` when there is none), user additions merged."""
    path = _HERE / lang / f"{name}.toml"
    data = _read(path) if path.is_file() else {}
    user_dir = os.environ.get("FACTCHECK_LEXICON_DIR")
    if user_dir:
        extra = Path(user_dir) / lang / f"{name}.toml"
        if extra.is_file():
            data = _merge(data, _read(extra))
    return data


@functools.lru_cache(maxsize=1 << 16)
def general_frequency(word: str) -> float:
    """How common ``word`` is in general French or English, whichever is higher: its
    Zipf frequency (wordfreq: log10 of its uses per billion words; "le", "the" about 7,
    "vendredi" 5, "emprisonnement" 3)."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in LANGUAGES)


def lexicon_language(lang: str) -> str:
    """The lexicon a text's language reads: English for ``en*``, French otherwise."""
    return "en" if lang.startswith("en") else "fr"


def words(lang: str, name: str, key: str = "words") -> frozenset[str]:
    """A flat word list (the array ``key`` of the lexicon ``name``) as a frozen set."""
    return frozenset(str(w) for w in table(lang, name).get(key, ()))
