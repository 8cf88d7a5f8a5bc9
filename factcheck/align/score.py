"""Hybrid scoring of statement pairs: embedding cosine, word overlap and shared anchors.

The score of a pair is a logistic model over four features, calibrated on
data (``benchmarks/calibrate_align.py`` writes ``config.json``):

* ``cos``: the embedding cosine (meaning, also across languages);
* ``lex``: IDF-weighted overlap of content words on the normalized view, so
  that words every sentence uses count for nothing;
* ``fuzz``: rapidfuzz token-sort similarity of the content words (word order
  and small edits);
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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from factcheck.model import Statement
from factcheck.normalize import norm

FEATURES = ("cos", "lex", "fuzz", "anchor")
CONFIG_PATH = Path(__file__).with_name("config.json")

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
    content: str  # content words in text order, for rapidfuzz
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


def _numbers_joined(text: str) -> str:
    # "60.000", "60 000" and "60,000" are one token; "1,43" becomes "1.43".
    return _DECIMAL_COMMA.sub(".", _NUMBER_GROUPS.sub("", text))


def tokens(text: str) -> list[str]:
    """Content words of ``text`` on the accent-free normalized view, in order."""
    view = _numbers_joined(norm(text, strip_accents=True))
    return [t for t in _TOKEN.findall(view) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def boilerplate_score(text: str) -> float:
    """How much ``text`` looks like page furniture rather than prose, in [0, 1]."""
    view = norm(text, strip_accents=True)
    score = 0.5 * sum(1 for pattern in _BOILERPLATE if pattern.search(view))
    if len(tokens(text)) < 4:
        score += 0.5  # a heading or a button, not a statement
    return min(1.0, score)


def _quote_key(quoted: str) -> str:
    return "q:" + " ".join(tokens(quoted))


def anchors(statement: Statement) -> frozenset[str]:
    """Facts a statement pins down, as comparable keys.

    Uses what the extract stage found (values, date intervals, canonical
    entities, quotes) and, so that alignment also works before or without
    those extractors, the number tokens and quoted passages of the text itself.
    """
    keys: set[str] = set()
    for q in statement.quantities:
        keys.add(f"v:{q.kind.value}:{q.unit}:{q.value:g}")
    for t in statement.times:
        if t.resolved:
            keys.add(f"t:{t.start}/{t.end}")
    for m in statement.mentions:
        keys.add(f"m:{m.canonical}")
    for quote in statement.quotes:
        if len(tokens(quote.span.text)) >= 3:
            keys.add(_quote_key(quote.span.text))
    text = statement.span.text
    keys.update(f"n:{t}" for t in tokens(text) if t[0].isdigit())
    keys.update(
        _quote_key(m)
        for m in _QUOTED.findall(norm(text, strip_accents=True))
        if len(tokens(m)) >= 3
    )
    return frozenset(keys)


def profile(statement: Statement) -> Profile:
    """Precompute the scoring view of one statement."""
    words = tokens(statement.span.text)
    return Profile(
        tokens=frozenset(words),
        content=" ".join(words),
        anchors=anchors(statement),
        boilerplate=boilerplate_score(statement.span.text),
    )


def rarity(profiles: Sequence[Profile], attr: str) -> dict[str, float]:
    """Weight in [0, 1] of each token or anchor: 1 when unique, 0 when everywhere."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(getattr(p, attr))
    n = max(len(profiles), 2)
    return {key: max(0.0, math.log(n / count) / math.log(n)) for key, count in df.items()}


def features(
    pairs: np.ndarray,
    cosines: np.ndarray,
    profiles: Sequence[Profile],
    token_weight: Mapping[str, float],
    anchor_weight: Mapping[str, float],
) -> np.ndarray:
    """One row of FEATURES per pair ``(i, j)`` of profile indices."""
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float64)
    out[:, 0] = cosines
    for row, (i, j) in enumerate(pairs):
        a, b = profiles[i], profiles[j]
        shared = a.tokens & b.tokens
        if shared:
            num = sum(token_weight[t] ** 2 for t in shared)
            da = math.sqrt(sum(token_weight[t] ** 2 for t in a.tokens))
            db = math.sqrt(sum(token_weight[t] ** 2 for t in b.tokens))
            out[row, 1] = num / (da * db) if da and db else 0.0
        out[row, 2] = fuzz.token_sort_ratio(a.content, b.content) / 100.0
        miss = 1.0
        for key in a.anchors & b.anchors:
            miss *= 1.0 - anchor_weight[key]
        out[row, 3] = 1.0 - miss
    return out


def score_pairs(
    pairs: np.ndarray,
    cosines: np.ndarray,
    profiles: Sequence[Profile],
    weights: tuple[Mapping[str, float], Mapping[str, float]],
    calibration: Calibration,
) -> np.ndarray:
    """Probability that each pair states the same fact, boilerplate penalized.

    ``weights`` are the corpus-wide rarities of tokens and anchors (see :func:`rarity`).
    """
    if len(pairs) == 0:
        return np.zeros(0)
    x = features(pairs, cosines, profiles, *weights)
    penalty = np.array(
        [1.0 - max(profiles[i].boilerplate, profiles[j].boilerplate) for i, j in pairs]
    )
    return calibration.probability(x) * penalty


@cache
def _config() -> dict[str, Any]:
    return dict(json.loads(CONFIG_PATH.read_text(encoding="utf-8")))


def config() -> dict[str, Any]:
    """The alignment settings of ``config.json`` (calibrations and search sizes)."""
    return _config()


def calibration(model_id: str) -> Calibration:
    """The calibration measured for ``model_id``, else the generic one."""
    models = config()["models"]
    entry = models.get(model_id, models["default"])
    return Calibration(tuple(entry["weights"]), entry["bias"], entry["threshold"])
