"""People's names as comparers see them: titles and honorifics set aside, spelling
variants and initials allowed (``Prime Minister George Papandreou`` / ``Mr Papandreou``,
``Carolos`` / ``Karolos Papoulias``, ``Khaled Saad`` / ``Sawarmi Khaled Saad``; not
``Marc L.`` / ``Marie L.``). The titles are data: ``factcheck/lexicon/<lang>/titles.toml``.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from factcheck.lexicon import LANGUAGES, words
from factcheck.normalize import norm

_TITLES = frozenset(
    norm(w, strip_accents=True).rstrip(".") for lang in LANGUAGES for w in words(lang, "titles")
)
_CAPITALISED = re.compile(r"[\w'’.]*[A-ZÀ-ÖØ-ÞŒ][\w'’.]*")
# Small words inside a name ("Le Pen", "Dominique de Villepin") and, before a
# capitalised run, the mark of a complement ("le patron de la Société générale").
_PARTICLES = frozenset(
    ["de", "du", "des", "d", "la", "le", "van", "von", "der", "den", "al", "el", "bin", "ben"]
)
_COMPLEMENT = frozenset(
    ["de", "du", "des", "d", "la", "l", "of", "for", "at", "from", "in", "au", "aux", "a", "à"]
)


def person_names(surface: str) -> list[list[str]]:
    """The runs of capitalised words that are not titles (``Prime Minister George
    Papandreou`` → [george, papandreou]), as normalized words; [] for a description
    (``le porte-parole de l'ONU``: a name after a preposition completes a noun)."""
    tokens = re.findall(r"[\w'’.]+|[,;:()«»\"“”—–]", surface)
    runs: list[list[str]] = []
    current: list[str] = []
    completing = False  # inside a run of capitalised words that completes a noun
    for n, word in enumerate(tokens):
        key = norm(word, strip_accents=True).rstrip(".'’")
        nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
        if (current or completing) and key in _PARTICLES and _CAPITALISED.fullmatch(nxt):
            if current:
                current.append(key)
            continue
        if _CAPITALISED.fullmatch(word) and key not in _TITLES and key not in _PARTICLES:
            if not current:
                before = norm(tokens[n - 1], strip_accents=True).rstrip("'’") if n else ""
                # "the commissioner of Pariang County in South Sudan's Unity State":
                # the whole run after the preposition is a place, not a person.
                completing = completing or before in _COMPLEMENT
                if completing:
                    continue
            current.append(key)
            continue
        completing = False
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def similar(x: str, y: str) -> bool:
    """One name written two ways (Carolos/Karolos, Amornvivat/Amorwiwat), or an initial."""
    if x == y or (len(x) <= 2 and y.startswith(x.rstrip("."))):
        return True
    return min(len(x), len(y)) >= 4 and Levenshtein.normalized_distance(x, y) <= 0.3


def same_name(a: list[str], b: list[str]) -> bool:
    """Same surname, and the shorter name's other words found in the longer one
    (``Khaled Saad`` / ``Sawarmi Khaled Saad``; not ``Marc L.`` / ``Marie L.``)."""
    if not similar(a[-1], b[-1]):
        return False
    short, long_ = sorted((a[:-1], b[:-1]), key=len)
    return all(any(similar(w, v) or similar(v, w) for v in long_) for w in short)
