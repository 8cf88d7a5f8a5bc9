"""Hybrid scoring of statement pairs: embedding cosine, word overlap and shared anchors.

The score of a pair is a logistic model over four features, calibrated on
data (``benchmarks/calibrate_align.py`` writes ``config.json``):

* ``cos``: the embedding cosine (meaning, also across languages);
* ``lex``: overlap of content words on the normalized view, each word
  weighted by its rarity in the corpus and its specificity in general usage
  (wordfreq), so that sentences sharing only generic words stay apart;
* ``fuzz``: rapidfuzz token-sort similarity of the specific content words
  (word order and small edits);
* ``anchor``: shared anchors (same number, date interval, canonical entity or
  quote), weighted by how rare they are in the corpus: two sentences with the
  same "72 heures" and different wording still meet.

Boilerplate-looking text (subscription offers, teasers, photo credits)
multiplies the score down, whatever the ingest stage already removed.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy import sparse

from factcheck.align.embed import DEFAULT_MODEL
from factcheck.lexicon import general_frequency
from factcheck.model import Statement
from factcheck.normalize import norm

FEATURES = ("cos", "lex", "fuzz", "anchor")
CONFIG_PATH = Path(__file__).with_name("config.json")
PAIR_BATCH = 50_000
# Zipf frequency (log10 per billion words) at which a word counts as generic,
# and the range over which specificity falls from 1 to its floor.
GENERIC_ZIPF = 6.0
ZIPF_SPREAD = 3.0
SPECIFIC = 0.5  # words at least this specific feed the rapidfuzz feature
_COMBINING = re.compile(r"[\u0300-\u036f]")

# Function words of French and English: never evidence that two sentences
# state the same fact. IDF does the same job on large corpora; this list makes
# it hold on two short articles too.
_FUNCTION_WORDS = """
a au aux avec ce ces cet cette d dans de des du elle elles en et eux il ils je la le les
leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui
sa se ses son sur ta te tes toi ton tu un une vos votre vous y est sont ete etre avoir ont
avait avaient sera seront aussi ainsi alors apres avant comme dont donc encore entre jusqu
lors plus moins selon sans sous tout tous toute toutes tres deja l n s c j m t si ni car
the of and or to in on at by for with from as is are was were be been being has have had
do does did not no that this these those it its he she they them his her their we our you
your an but if then than so such which who whom whose what when where while after before
also into about over under more most other some any all can could would should will may
"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())

_NUMBER_GROUPS = re.compile(r"(?<=\d)[ .,](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_QUOTED = re.compile(r'"([^"]{3,}?)"')
_BOILERPLATE = (
    # Subscription, newsletter and paywall offers.
    re.compile(
        r"abonn|newsletter|s'inscrire|inscrivez|subscribe|sign up|/ ?mois\b|per month|"
        r"reserve aux abonnes|tous droits reserves|all rights reserved|cookies?\b"
    ),
    # Teasers linking to other articles, navigation bars.
    re.compile(r"\b(lire aussi|voir aussi|a lire|read more|see also|related)\b|\|"),
    # Photo credits: "( AFP / Name )", "NAME / AP".
    re.compile(r"\b(afp|ap|reuters|getty|bloomberg|afp photo)\s*/|/\s*(afp|ap|reuters|getty)\b"),
)


@dataclass(frozen=True)
class Profile:
    """What scoring needs from one statement, computed once."""

    tokens: frozenset[str]
    content: str  # specific content words in text order, for rapidfuzz
    specificity: Mapping[str, float]  # of each token (see specificity())
    anchors: frozenset[str]
    boilerplate: float


@dataclass(frozen=True)
class Calibration:
    """Logistic weights over FEATURES, a bias, and the alignment threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Map rows of features to a probability of "same fact"."""
        z = features @ np.asarray(self.weights, dtype=np.float64) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


def _numbers_joined(view: str) -> str:
    # "60.000", "60 000" and "60,000" are one token; "1,43" becomes "1.43".
    return _DECIMAL_COMMA.sub(".", _NUMBER_GROUPS.sub("", view))


def _view(text: str) -> str:
    return norm(text)


def _flat(text: str) -> str:
    """``text`` without accents (é → e), for matching words across spellings."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_flat_word = lru_cache(maxsize=1 << 16)(_flat)


def _surfaces(view: str) -> list[str]:
    """Content words as written (accents kept, for frequency look-ups)."""
    found = _TOKEN.findall(_numbers_joined(view))
    return [t for t in found if _flat_word(t) not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def _words(view: str) -> list[str]:
    return [_flat_word(t) for t in _surfaces(view)]


def tokens(text: str) -> list[str]:
    """Content words of ``text`` on the accent-free normalized view, in order."""
    return _words(_view(text))


@lru_cache(maxsize=1 << 16)
def specificity(word: str) -> float:
    """How specific a word is in general French and English usage, in [0.1, 1].

    From the word's Zipf frequency (wordfreq): "vendredi", "mesures" or
    "annoncé" are in every news story and weigh little; "emprisonnement" or
    "correctives" weigh fully. Numbers are always specific.
    """
    if word[0].isdigit():
        return 1.0
    zipf = general_frequency(word)
    return min(1.0, max(0.1, (GENERIC_ZIPF - zipf) / ZIPF_SPREAD))


def _boilerplate(view: str, words: Sequence[str]) -> float:
    flat = _flat(view)
    score = 0.5 * sum(1 for pattern in _BOILERPLATE if pattern.search(flat))
    if len(words) < 4:
        score += 0.5  # a heading or a button, not a statement
    return min(1.0, score)


def boilerplate_score(text: str) -> float:
    """How much ``text`` looks like page furniture rather than prose, in [0, 1]."""
    view = _view(text)
    return _boilerplate(view, _words(view))


def _quote_keys(views: Sequence[str]) -> set[str]:
    words = (_words(v) for v in views)
    return {"q:" + " ".join(w) for w in words if len(w) >= 3}


def _anchors(statement: Statement, view: str, words: Sequence[str]) -> frozenset[str]:
    keys: set[str] = set()
    for q in statement.quantities:
        keys.add(f"v:{q.kind.value}:{q.unit}:{q.value:g}")
    for t in statement.times:
        if t.resolved:
            keys.add(f"t:{t.start}/{t.end}")
    for m in statement.mentions:
        keys.add(f"m:{m.canonical}")
    keys |= _quote_keys([_view(quote.span.text) for quote in statement.quotes])
    keys.update(f"n:{w}" for w in words if w[0].isdigit())
    keys |= _quote_keys(_QUOTED.findall(view))
    return frozenset(keys)


def anchors(statement: Statement) -> frozenset[str]:
    """Facts a statement pins down, as comparable keys.

    Uses what the extract stage found (values, date intervals, canonical
    entities, quotes) and, so that alignment also works before or without
    those extractors, the number tokens and quoted passages of the text itself.
    """
    view = _view(statement.span.text)
    return _anchors(statement, view, _words(view))


def profile(statement: Statement) -> Profile:
    """Precompute the scoring view of one statement (one normalization pass)."""
    view = _view(statement.span.text)
    surfaces = _surfaces(view)
    words = [_flat_word(t) for t in surfaces]
    weight = {w: specificity(t) for w, t in zip(words, surfaces, strict=True)}
    return Profile(
        tokens=frozenset(words),
        content=" ".join(w for w in words if weight[w] >= SPECIFIC),
        specificity=weight,
        anchors=_anchors(statement, view, words),
        boilerplate=_boilerplate(view, words),
    )


def rarity(profiles: Sequence[Profile], attr: str) -> dict[str, float]:
    """Weight in [0, 1] of each token or anchor: 1 when unique, 0 when everywhere."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(getattr(p, attr))
    n = max(len(profiles), 2)
    return {key: max(0.0, math.log(n / count) / math.log(n)) for key, count in df.items()}


def _rows(sets: Sequence[frozenset[str]], weight: Mapping[str, float]) -> sparse.csr_matrix:
    """One sparse row per set: the weights of its members."""
    vocabulary: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for members in sets:
        for key in sorted(members):
            indices.append(vocabulary.setdefault(key, len(vocabulary)))
            data.append(weight[key])
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(sets), max(len(vocabulary), 1)))


def _paired_dot(matrix: sparse.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    products = matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]])
    return np.asarray(products.sum(axis=1)).ravel()


def features(
    pairs: np.ndarray,
    cosines: np.ndarray,
    profiles: Sequence[Profile],
    token_weight: Mapping[str, float],
    anchor_weight: Mapping[str, float],
) -> np.ndarray:
    """One row of FEATURES per pair ``(i, j)`` of profile indices."""
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float64)
    if len(pairs) == 0:
        return out
    out[:, 0] = cosines
    # Lengths use corpus rarity only, shared words also count their specificity:
    # two sentences sharing only generic words stay low even when all their
    # words are generic.
    rare = _rows([p.tokens for p in profiles], token_weight)
    lengths = np.sqrt(np.asarray(rare.multiply(rare).sum(axis=1)).ravel())
    general: dict[str, float] = {}
    for p in profiles:
        general.update(p.specificity)
    specific = {w: r * math.sqrt(general[w]) for w, r in token_weight.items()}
    words = sparse.diags(1.0 / np.maximum(lengths, 1e-12)) @ _rows(
        [p.tokens for p in profiles], specific
    )
    # Noisy-or over shared anchors: 1 - prod(1 - w) = 1 - exp(-sum(-log(1 - w))).
    evidence = {k: math.sqrt(-math.log(max(1.0 - w, 1e-6))) for k, w in anchor_weight.items()}
    anchored = _rows([p.anchors for p in profiles], evidence)
    contents = [p.content for p in profiles]
    for start in range(0, len(pairs), PAIR_BATCH):  # bounded memory on large corpora
        batch = pairs[start : start + PAIR_BATCH]
        rows = slice(start, start + len(batch))
        out[rows, 1] = _paired_dot(words, batch)
        left = [contents[i] for i in batch[:, 0]]
        right = [contents[j] for j in batch[:, 1]]
        similar = cpdist(left, right, scorer=fuzz.token_sort_ratio) / 100.0
        # Two empty strings are "identical" to rapidfuzz; no content word is no evidence.
        empty = np.array([not (a and b) for a, b in zip(left, right, strict=True)], dtype=bool)
        out[rows, 2] = np.where(empty, 0.0, similar)
        out[rows, 3] = 1.0 - np.exp(-_paired_dot(anchored, batch))
    return out


def score_pairs(
    pairs: np.ndarray,
    cosines: np.ndarray,
    profiles: Sequence[Profile],
    weights: tuple[Mapping[str, float], Mapping[str, float]],
    calibration: Calibration,
) -> np.ndarray:
    """Probability that each pair states the same fact, boilerplate penalized.

    ``weights`` are the corpus rarities of words and anchors (see :func:`rarity`).
    """
    if len(pairs) == 0:
        return np.zeros(0)
    x = features(pairs, cosines, profiles, *weights)
    boiler = np.array([p.boilerplate for p in profiles])
    penalty = 1.0 - np.maximum(boiler[pairs[:, 0]], boiler[pairs[:, 1]])
    probability: np.ndarray = calibration.probability(x) * penalty
    return probability


@cache
def _config() -> dict[str, Any]:
    return dict(json.loads(CONFIG_PATH.read_text(encoding="utf-8")))


def config() -> dict[str, Any]:
    """The alignment settings of ``config.json`` (calibrations and search sizes)."""
    return _config()


def calibration(model_id: str) -> Calibration:
    """The calibration measured for ``model_id``, else the default model's."""
    models = config()["models"]
    entry = models.get(model_id, models[DEFAULT_MODEL])
    return Calibration(tuple(entry["weights"]), entry["bias"], entry["threshold"])
