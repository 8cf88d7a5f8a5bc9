"""Quantities of a sentence: numbers with their unit, kind, interval and counted noun.

Reads digits in any thousands/decimal convention (``60.000``, ``60 000`` with a
normal, no-break or narrow no-break space, ``60,000``, ``1,43 million``),
numbers in words through text2num (``deux ans``, ``soixante mille``, ``two
years``), approximate nouns (``une dizaine``, ``des milliers``, ``a dozen``),
units (currencies, durations, percentages), ordinals (``neuvième position``)
and qualifiers that widen the interval (``plus de``, ``environ``, ``at least``).

Matching runs on the normalized view of the sentence (:mod:`factcheck.normalize`)
and every span is mapped back to the article's original offsets.

Digit-group rule for one separator followed by exactly three digits (the only
ambiguous case): it separates thousands when it is the language's thousands
mark (``.`` in French, ``,`` in English) and is a decimal mark otherwise; more
than one group (``1.234.567``), a space, or both marks (``1.234,5``) are never
ambiguous; an integer part of ``0`` always means a decimal.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.extract.binding import bind
from factcheck.extract.dates import FUNCTION_WORDS, normalized_sentence, time_ranges
from factcheck.lexicon import words as _words
from factcheck.model import Quantity, Span, Token, Vagueness, ValueKind

_LETTER = "a-zàâäçéèêëîïôöûùüÿœæ"
_WORD = rf"[{_LETTER}]+(?:-[{_LETTER}]+)*"

_NUMBER_WORDS = {
    "fr": (
        "zéro", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
        "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts",
        "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille", "million",
        "millions", "milliard", "milliards",
    ),
    "en": (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "thousand", "million", "millions", "billion", "billions",
    ),
}  # fmt: skip
# Number words that are also articles or pronouns: a value only before a unit.
_WEAK_WORDS = {"un", "une", "one"}
_SCALES = {
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
           "billion": 1e12, "billions": 1e12, "md": 1e9, "mds": 1e9, "mrd": 1e9, "m": 1e6,
           "k": 1e3},
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
           "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3, "mn": 1e6},
}  # fmt: skip
_SCALE_ABBREVIATIONS = {"md", "mds", "mrd", "m", "k", "bn", "mn"}

# Approximate nouns: "une dizaine de" -> about 10; plural "des dizaines de" -> a wide range.
_APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000, "dozen": 12,
}  # fmt: skip
_PLURAL_VAGUE = {
    "dizaines": 10, "centaines": 100, "milliers": 1000, "millions": 1e6, "milliards": 1e9,
    "dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "billions": 1e9,
}  # fmt: skip

_CURRENCIES = [
    (r"€|eur(?:os?)?\b", "EUR"),
    (r"dollars?\s(?:canadiens|canadian)|c\$|cad\b", "CAD"),
    (r"dollars?\s(?:australiens|australian)|a\$|aud\b", "AUD"),
    (r"us\$|usd\b|\$|dollars?(?:\s(?:américains|us))?", "USD"),
    (r"£|gbp\b|livres?\ssterling|pounds?\ssterling", "GBP"),
    (r"chf\b|francs?\ssuisses|swiss\sfrancs?", "CHF"),
    (r"¥|yens?\b|jpy\b", "JPY"),
    (r"yuans?\b|cny\b|renminbi", "CNY"),
    (r"roubles?\b|rubles?\b|rub\b", "RUB"),
]
_PREFIX_CURRENCY = {
    "€": "EUR", "$": "USD", "us$": "USD", "£": "GBP", "¥": "JPY", "eur": "EUR", "usd": "USD",
    "gbp": "GBP", "chf": "CHF",
}  # fmt: skip
_DURATIONS = [
    (r"secondes?|seconds?|sec\b", "second"),
    (r"minutes?|min\b", "minute"),
    (r"heures?|hours?|hrs?\b|h(?![\w])", "hour"),
    (r"journées?|jours?|days?", "day"),
    (r"semaines?|weeks?", "week"),
    (r"mois|months?", "month"),
    (r"années?|ans?\b|years?", "year"),
    (r"décennies?|decades?", "decade"),
    (r"siècles?|centuries|century", "century"),
]
# How many days each duration unit lasts (for comparing 72 hours with 3 days).
DURATION_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}  # fmt: skip
# Lengths, and how many metres each unit is (for "10 miles" against "16 km").
_LENGTHS = [
    (r"kilomètres?|kilometres?|kilometers?|kms?\b", "km"),
    (r"miles?\b", "mi"),
    (r"mètres?|metres?|meters?", "m"),
    (r"feet|foot|ft\b|pieds?\b", "ft"),
]
LENGTH_METRES = {"km": 1000.0, "mi": 1609.344, "m": 1.0, "ft": 0.3048}
# Areas, and how many square metres each unit is ("4,6 km2", "1.8 square miles", "500 hectares").
_AREAS = [
    (r"km2|km²|kilom[eè]tres?\s?carr[eé]s?|square\s?kilomet(?:re|er)s?|sq\.?\s?km\b", "km2"),
    (r"hectares?|ha\b", "ha"),
    (r"square\s?miles?|sq\.?\s?mi\b|miles?\s?carr[eé]s?", "mi2"),
    (r"m2|m²|m[eè]tres?\s?carr[eé]s?|square\s?met(?:re|er)s?|sq\.?\s?m\b", "m2"),
    (r"square\s?f(?:ee|oo)t|sq\.?\s?ft\b", "ft2"),
    (r"acres?\b", "acre"),
]
AREA_SQUARE_METRES = {
    "km2": 1e6, "ha": 1e4, "mi2": 2_589_988.110336, "m2": 1.0, "ft2": 0.09290304,
    "acre": 4046.8564224,
}  # fmt: skip
# Kinds measured in units of one dimension: the base unit and each unit's size in it.
MEASURE_UNITS: dict[ValueKind, tuple[str, dict[str, float]]] = {
    ValueKind.LENGTH: ("m", LENGTH_METRES),
    ValueKind.AREA: ("m2", AREA_SQUARE_METRES),
}
_PERCENT = r"%|pour\s?cent|percent|per\scent|pct\b"
_POINTS = r"points?\sde\spourcentage|percentage\spoints?"

# Qualifiers before a number and how they widen [v, v] to [low, high].
_QUALIFIERS = {
    "at_least": (
        "plus de", "plus d'", "au moins", "pas moins de", "au minimum", "au-delà de",
        "au-dessus de", "un peu plus de", "plus d'une", "more than", "at least", "over",
        "above", "just over", "upwards of", "no fewer than", "no less than", "in excess of",
    ),
    "at_most": (
        "moins de", "moins d'", "au plus", "au maximum", "jusqu'à", "jusqu'a", "pas plus de",
        "en dessous de", "au-dessous de", "un peu moins de", "less than", "fewer than",
        "under", "below", "at most", "up to", "as many as", "as much as", "no more than",
        "just under",
    ),
    "about": (
        "environ", "quelque", "près de", "près d'", "pres de", "autour de", "approximativement",
        "à peu près", "about", "around", "approximately", "roughly", "some", "close to",
        "an estimated", "circa", "nearly", "almost", "presque", "quasiment", "quasi",
    ),
}  # fmt: skip
_QUALIFIER_KIND = {q: kind for kind, words in _QUALIFIERS.items() for q in words}
_QUALIFIER_RE = re.compile(
    r"(?<![\w'])(?P<q>"
    + "|".join(sorted((re.escape(q) for q in _QUALIFIER_KIND), key=len, reverse=True))
    + r")\s?$"
)

# Words before a number that make it a designator, not a quantity ("l'article 2256").
_DESIGNATORS = frozenset({
    "article", "articles", "art", "alinéa", "alinea", "n°", "nº", "no", "numéro", "numero", "loi",
    "section", "sections", "chapitre", "chapter", "page", "pages", "p", "paragraphe", "paragraph",
    "amendement", "amendment", "décret", "decree", "titre", "tome", "volume", "vol", "épisode",
    "episode", "version", "niveau", "level", "ligne", "line", "route", "rue", "salle", "room",
    "number", "item", "annexe", "appendix", "figure", "fig", "tableau", "table",
})  # fmt: skip
# Words after a number that are not what it counts.
_NON_HEADS = FUNCTION_WORDS | frozenset({
    "fois", "times", "quart", "quarts", "tiers", "moitié", "demi", "half", "et", "ou", "étaient",
    "seront", "avaient", "furent", "sont", "ont", "were", "been", "being", "per", "par", "chacun",
    "ago", "later", "earlier", "old", "chacune", "each", "last", "next", "this",
})  # fmt: skip
# Pre-nominal adjectives skipped to reach the counted noun ("trois nouveaux ministres").
_ADJECTIVES = frozenset({
    "nouveaux", "nouvelles", "nouveau", "nouvelle", "autres", "grands", "grandes", "petits",
    "petites", "jeunes", "premiers", "premières", "derniers", "dernières", "principaux",
    "principales", "anciens", "anciennes", "other", "new", "more", "additional", "young",
    "former", "major", "large", "small", "main", "further",
})  # fmt: skip
# Plurals that are also their singular.
_INVARIABLE = frozenset({
    "pays", "fois", "mois", "prix", "taux", "voix", "corps", "temps", "poids", "cas", "bras",
    "choix", "avis", "fils", "os", "droits", "news", "series", "species",
})  # fmt: skip


@dataclass(frozen=True)
class _Number:
    """A number read in the normalized text, before units."""

    start: int
    end: int
    value: float
    low: float
    high: float
    ordinal: bool = False
    currency: str | None = None  # from a prefix symbol ("$5")
    # how loose the figure is: "approx" ("une dizaine"), the plural noun ("milliers"),
    # "range" ("entre 10 et 20")
    vague: str | None = None


# The qualifier of a quantity read from two figures ("entre 10 et 20", "2 à 5 ans").
RANGE = "range"


def parse_number(text: str, lang: str) -> float | None:
    """The value of one number written in digits (any convention) or in words, else None.

    ``parse_number("60.000", "fr") == 60000``; ``parse_number("1,43 million", "fr")
    == 1430000``; ``parse_number("soixante mille", "fr") == 60000``.
    """
    norm = normalized_sentence(text).text.strip()
    found = _numbers(norm, _lang(lang))
    if not found or found[0].start != 0:
        return None
    number = found[0]
    end, scale = _scale(norm, number.end, _lang(lang), number.currency is not None)
    if end != len(norm):
        return None
    return _clean(number.value * scale)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


def _clean(value: float) -> float:
    """Round away binary noise (1.43 * 1e6 = 1430000.0000000002)."""
    return float(f"{value:.12g}")


def _digits_value(token: str, lang: str) -> float | None:
    """Read a digit token with thousands/decimal separators (see the module docstring)."""
    marks = [c for c in token if c in ". ,"]
    if not marks:
        return float(token)
    if " " in marks:
        # Space-grouped thousands; a trailing "." or "," is then the decimal mark.
        decimal = next((c for c in reversed(token) if c in ".,"), None)
        integer, _, frac = token.rpartition(decimal) if decimal else (token, "", "")
        if "." in integer or "," in integer or " " in frac:
            return None  # spaces mixed with other marks ("0 100.000.000", "0.000 100")
        return float(integer.replace(" ", "") + ("." + frac if frac else ""))
    if "." in marks and "," in marks:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        if token.count(decimal) > 1:
            return None  # two decimal marks ("1,000.000.000"): not one number
        return float(token.replace(thousands, "").replace(decimal, "."))
    mark = marks[0]
    groups = token.split(mark)
    if len(groups) > 2:
        if all(len(g) == 3 for g in groups[1:]):
            return float("".join(groups))
        return None
    integer, frac = groups
    thousands_mark = "." if lang == "fr" else ","
    if len(frac) == 3 and mark == thousands_mark and integer != "0":
        return float(integer + frac)
    return float(integer + "." + frac)


_DIGITS_RE = re.compile(
    r"(?P<prefix>(?:us\$|[€$£¥]|(?<![\w])(?:eur|usd|gbp|chf)\s)\s?)?(?<![\w#.,])"
    r"(?P<num>\d{1,3}(?:[ .,]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<ord>er|re|ère|ème|eme|e|è|st|nd|rd|th)?"
    # a number ends at a non-letter, or at an attached scale or hour mark ("3m", "72h")
    r"(?:(?![\w])|(?=(?:mds|md|mrd|bn|mn|m|k|h)(?![\w])))"
)


def _numbers(
    text: str, lang: str, original: Callable[[int, int], str] | None = None
) -> list[_Number]:
    """Numbers in digits, in words, approximate nouns and, given the ``original``
    (cased) text of a normalized range, Roman ordinals; in text order, no overlaps."""
    found = _digit_numbers(text, lang) + _word_numbers(text, lang) + _approx_numbers(text, lang)
    if original is not None and lang == "fr":
        found += _roman_ordinals(text, original)
    chosen: list[_Number] = []
    for cand in sorted(found, key=lambda n: (n.start, -(n.end - n.start))):
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(cand)
    return chosen


def _digit_numbers(text: str, lang: str) -> list[_Number]:
    """Numbers in digits, with a currency symbol before them and an ordinal ending."""
    out = []
    for m in _DIGITS_RE.finditer(text):
        start = m.start("num")
        before = _before(text, start)
        if before.endswith(("#", "-")) and re.search(r"[^\W\d]-$|#$", before):
            continue  # "COVID-19", "#2", "F-35"
        if re.search(r"\d[:h]$", before) or _CLOCK_AFTER.match(text, m.end()):
            continue  # a time of day: "14:30", "14h30"
        value = _digits_value(m["num"], lang)
        if value is None or value >= 1e15:
            continue  # a malformed group, or an identifier (phone, ISBN), not a quantity
        ordinal = bool(m["ord"])
        if ordinal and ("." in m["num"] or "," in m["num"]):
            continue
        prefix = (m["prefix"] or "").strip()
        out.append(
            _Number(
                m.start() if prefix else start,
                m.end(),
                value,
                value,
                value,
                ordinal=ordinal,
                currency=_PREFIX_CURRENCY.get(prefix),
            )
        )
    return out


# "XIIe siècle", "IIIe République": a Roman numeral with a French ordinal ending,
# upper case in the original ("le", "ce" and "xe" read alike in the normalized text).
_ROMAN_ORDINAL = re.compile(r"(?<![\w'-])(?P<r>[ivxlc]{1,7})(?:e|ème|eme|er)(?![\w])")
# The same, cheaply, on the raw text (one L, C or I alone is never a numeral here).
_ROMAN_CANDIDATE = re.compile(r"\b(?:[IVXLC]{2,7}|V|X)(?:e|ème|eme|er)\b")
_ROMAN_DIGITS = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
_ROMAN_TENS = ("", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc")
# Every well-formed numeral below 400 (centuries, republics, arrondissements).
_ROMAN_VALUES = {
    h + t + u: 100 * i + 10 * j + k
    for i, h in enumerate(("", "c", "cc", "ccc"))
    for j, t in enumerate(_ROMAN_TENS)
    for k, u in enumerate(_ROMAN_DIGITS)
    if i or j or k
}


def _roman_ordinals(text: str, original: Callable[[int, int], str]) -> list[_Number]:
    """Roman ordinals written in capitals ("XIIe"); one capital L, C or I alone is a
    word ("Le", "Ce") or an initial, not a numeral."""
    out = []
    for m in _ROMAN_ORDINAL.finditer(text):
        numeral = original(m.start("r"), m.end("r"))
        value = _ROMAN_VALUES.get(m["r"])
        if value is None or not numeral.isupper() or numeral in {"L", "C", "I"}:
            continue
        out.append(_Number(m.start(), m.end(), value, value, value, ordinal=True))
    return out


_ORDINAL_WORD = {
    "fr": re.compile(rf"(?<![\w'-])(?P<w>[{_LETTER}-]+ième)(?![\w])"),
    "en": re.compile(r"(?<![\w'-])(?P<w>(?:[a-z]+-)?(?:[a-z]+th|first|second|third))(?![\w])"),
}
# "first", "second", "third" alone are too often not ranks ("second time", "a third").
_AMBIGUOUS_ORDINALS = {"first", "second", "third"}


def _build_word_run(lang: str) -> re.Pattern[str]:
    vocab = "|".join(sorted(_NUMBER_WORDS[lang], key=len, reverse=True))
    joiner = r"(?:\s(?:et|and)\s|-et-|-|\s)"
    # English "a hundred", "a million"; French "a" is the verb avoir.
    article = r"(?:(?P<a>an?)\s)?" if lang == "en" else r"(?P<a>(?!))?"
    return re.compile(rf"(?<![\w-]){article}(?P<run>(?:{vocab})(?:{joiner}(?:{vocab}))*)(?![\w-])")


_WORD_RUNS = {lang: _build_word_run(lang) for lang in _NUMBER_WORDS}


def _word_numbers(text: str, lang: str) -> list[_Number]:
    """Numbers in words (text2num) and ordinal words ("neuvième", "ninth")."""
    from text_to_num import alpha2digit, text2num

    out = []
    for m in _WORD_RUNS[lang].finditer(text):
        words = m["run"].split(" ")
        while words:
            phrase = " ".join(words)
            try:
                value = float(text2num(("one " if m["a"] else "") + phrase, lang))
            except ValueError:
                words.pop()
                continue
            start = m.start() if m["a"] else m.start("run")
            end = m.start("run") + len(phrase)
            if text.endswith("l'", 0, start):
                break  # "l'un des": a pronoun
            if phrase in _WEAK_WORDS and not (
                _WEAK_UNIT.match(text, end) or _counted_one(text, start, end, lang)
            ):
                break
            out.append(_Number(start, end, value, value, value))
            break
    for m in _ORDINAL_WORD[lang].finditer(text):
        if m["w"] in _AMBIGUOUS_ORDINALS:
            continue
        digits = re.match(r"\d+", alpha2digit(m["w"], lang))
        if digits:
            value = float(digits.group())
            out.append(_Number(m.start(), m.end(), value, value, value, ordinal=True))
    return out


# English "one" before a noun counts ("one bomb fell", "killed one person"); after
# these words it is a pronoun or an idiom ("no one", "the one", "each one").
_ONE_NOT_AFTER = re.compile(r"(?:^|\s)(?:no|the|every|each|any|which|this|that|some)\s$")


@functools.cache
def _counted_nouns(lang: str) -> frozenset[str]:
    """Nouns after which "un"/"une" counts one ("un mort"), from the lexicon."""
    return _words(lang, "value_binding", "counted_after_article")


def _counted_one(text: str, start: int, end: int, lang: str) -> bool:
    m = _HEAD_DIRECT.match(text, end)
    if lang != "en":
        # "un mort", "un blessé": an article that counts, before a casualty noun.
        return m is not None and m["h"] in _counted_nouns(lang)
    if text[start:end] != "one" or _ONE_NOT_AFTER.search(text, 0, start):
        return False
    return (
        m is not None
        and _noun(m["h"]) is not None
        and m["h"] not in _ADJECTIVES
        and m["h"] not in FUNCTION_WORDS
        and m["h"] != "another"
    )


_WEAK_UNIT = re.compile(
    r"\s(?:an|année|semaine|mois|heure|jour|journée|minute|siècle|million|milliard"
    r"|euro|dollar|year|week|month|hour|decade|century|billion)s?(?![\w])"
)


@functools.cache
def _candidate(lang: str) -> re.Pattern[str]:
    """A cheap test on the raw lowercased sentence: can it hold a quantity at all?

    A superset of what the extractor reads (digits, number words, weak words
    before a unit, approximate nouns, ordinal endings), so that most sentences
    skip normalization entirely.
    """
    strong = [w for w in _NUMBER_WORDS[lang] if w not in _WEAK_WORDS]
    nouns = [*_APPROX_NOUNS, *_PLURAL_VAGUE]
    ordinal = "ième" if lang == "fr" else r"th\b|first|second|third"
    weak = r"\b(?:un|une|one)" + _WEAK_UNIT.pattern + (r"|\bone\s" if lang == "en" else "")
    counted = _counted_nouns(lang)
    if lang != "en" and counted:
        weak += rf"|\bune?\s(?:{'|'.join(map(re.escape, sorted(counted)))})\b"
    return re.compile(rf"\d|\b(?:{'|'.join(strong)})\b|{'|'.join(nouns)}|{ordinal}|{weak}")


_APPROX_RE = {
    "fr": re.compile(
        r"(?<![\w'])(?P<det>une?|des|plusieurs|quelques)\s(?P<noun>dizaines?|douzaines?|"
        r"quinzaines?|vingtaines?|trentaines?|quarantaines?|cinquantaines?|soixantaines?|"
        r"centaines?|milliers?|millions|milliards)(?:\s(?:de|d')\s?(?P<of>milliers|millions|"
        r"milliards)(?![\w]))?(?![\w])"
    ),
    "en": re.compile(
        r"(?<![\w'])(?P<det>an?|several|)\s?(?P<noun>dozens?|tens|hundreds|thousands|"
        r"millions|billions)(?:\sof\s(?P<of>thousands|millions|billions)(?![\w]))?(?![\w])"
    ),
}


def _approx_numbers(text: str, lang: str) -> list[_Number]:
    """Approximate nouns: "une dizaine", "a dozen", "des milliers", "tens of thousands"."""
    out = []
    for m in _APPROX_RE[lang].finditer(text):
        noun, det = m["noun"], m["det"]
        of = _PLURAL_VAGUE.get(m["of"] or "", 1)
        if noun in _APPROX_NOUNS and det in {"un", "une", "a", "an"}:
            base = _APPROX_NOUNS[noun] * of
            lo, hi = (base * 0.75, base * 1.25) if noun != "dozen" else (base, base)
            out.append(_Number(m.start(), m.end(), base, lo, hi, vague="approx"))
        elif noun in _PLURAL_VAGUE and det not in {"un", "une", "a", "an"}:
            # "des milliers": from two thousand to under a hundred thousand (used loosely)
            base = _PLURAL_VAGUE[noun] * of
            out.append(_Number(m.start(), m.end(), 2 * base, 2 * base, 100 * base - 1, vague=noun))
    return out


_SYMBOL_NEXT = re.compile(r"\s?[€$£]")
_SCALE_RE = re.compile(r"[\s-]?(?P<w>[a-z]+)(?![\w])")  # "1,5 milliard", "$143-billion"


def _scale(text: str, pos: int, lang: str, has_symbol: bool) -> tuple[int, float]:
    """A scale word after a number ("1,43 million"): (new end, multiplier)."""
    m = _SCALE_RE.match(text, pos)
    if not m or m["w"] not in _SCALES[lang]:
        return pos, 1.0
    word = m["w"]
    if word in _SCALE_ABBREVIATIONS:
        attached = m.group().strip() == m.group()
        currency_next = _SYMBOL_NEXT.match(text, m.end())
        if not (currency_next or (has_symbol and attached)):
            return pos, 1.0
    return m.end(), _SCALES[lang][word]


_CURRENCY_RE = re.compile(
    r"\s?(?:d'|de\s|of\s)?(?:"
    + "|".join(f"(?P<{code}>{pattern})" for pattern, code in _CURRENCIES)
    + r")"
)
_POINTS_RE = re.compile(rf"\s?(?:{_POINTS})(?![\w])")
_PERCENT_RE = re.compile(rf"\s?(?:{_PERCENT})")
_DURATION_RES = [
    (re.compile(rf"(?:\s|-)?(?:{pattern})(?![\w])"), unit) for pattern, unit in _DURATIONS
]
_LENGTH_RES = [(re.compile(rf"(?:\s|-)?(?:{pattern})(?![\w])"), unit) for pattern, unit in _LENGTHS]
_AREA_RES = [(re.compile(rf"(?:\s|-)?(?:{pattern})(?![\w])"), unit) for pattern, unit in _AREAS]
# "deux ans et demi", "two and a half years" (the half before the unit is read by text2num)
_HALF_BEFORE = re.compile(r"\sand\sa\shalf(?=\s)")
_HALF = re.compile(r"\s(?:et\s)?demie?(?![\w])|\sand\sa\shalf(?![\w])")


def _match_unit(text: str, pos: int) -> tuple[int, ValueKind, str] | None:
    """A unit right after ``pos``: (end, kind, unit)."""
    m = _CURRENCY_RE.match(text, pos)
    if m and m.lastgroup:
        return m.end(), ValueKind.CURRENCY, m.lastgroup
    m = _POINTS_RE.match(text, pos)
    if m:
        return m.end(), ValueKind.PERCENT, "pp"
    m = _PERCENT_RE.match(text, pos)
    if m:
        return m.end(), ValueKind.PERCENT, "%"
    for pattern, unit in _DURATION_RES:
        m = pattern.match(text, pos)
        if m:
            if unit == "hour" and m.group().strip("- ") == "h" and m.group().startswith(" "):
                continue  # "5 h" is too often a clock time; "72h" is fine
            return m.end(), ValueKind.DURATION, unit
    # Areas first: "km2" and "kilomètres carrés" begin with a length.
    for kind, patterns in ((ValueKind.AREA, _AREA_RES), (ValueKind.LENGTH, _LENGTH_RES)):
        for pattern, unit in patterns:
            m = pattern.match(text, pos)
            if m:
                return m.end(), kind, unit
    return None


_HEAD_AFTER = re.compile(
    rf"\s?(?:de\s|d'|des\s|du\s|of\s|in\s)(?:(?:la|l'|ces|ses|leurs|cette|ce|cet|the|their|its|his"
    rf"|her)\s?)?(?P<h>{_WORD})"
)
_HEAD_DIRECT = re.compile(rf"\s(?P<h>{_WORD})")
_HEAD_COMPOUND = re.compile(rf"-(?P<h>[{_LETTER}]+)(?![\w-])")
_OF = re.compile(r"\s?(?:de\s|d'|of\s)")
_HEAD_WORD = re.compile(rf"(?P<h>{_WORD})")
_HEAD_BEFORE = re.compile(
    rf"(?:^|\s|')(?:(?:un|une|le|la|les|des|du|son|sa|ses|leur|a|an|the|its|their)\s|l')"
    rf"(?P<h>{_WORD})(?:\s{_WORD})?\s(?:de\s?|d'|of\s?)$"
)
_AGE_BEFORE = re.compile(r"(?:âgée?s?|agée?s?|aged)\s(?:de\s)?$")
_ATTRIBUTIVE = re.compile(r"(?:^|\s)(?:a|an|the|its|their|his|her)\s$")
_AGE_AFTER = re.compile(r"[\s-]old(?![\w])")
_CLOCK_BEFORE = re.compile(r"(?:^|\s)(?:à|vers|at|by|dès|from)\s?$")
_CLOCK_AFTER = re.compile(r"[:h]\d")
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman"}


def _before(text: str, pos: int) -> str:
    """The few words before ``pos`` (qualifiers, prepositions, a head noun).

    Looking back a bounded distance keeps extraction linear on very long
    sentences; the window starts on a space so that word boundaries hold.
    """
    start = max(0, pos - 80)
    if start:
        space = text.find(" ", start, pos)
        start = space if space >= 0 else pos
    return text[start:pos]


def _lemma(word: str, lang: str) -> str:
    """Singular-ish lowercase form of a noun, the same for both numbers of a word.

    Each part of a hyphenated compound agrees in number ("sapeurs-pompiers"
    is "sapeur-pompier").
    """
    if "-" in word:
        return "-".join(_lemma(part, lang) for part in word.split("-"))
    if lang == "en" and word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _INVARIABLE or len(word) <= 3:
        return word
    if lang == "en" and word.endswith("ies"):
        return word[:-3] + "y"
    if lang == "fr" and word.endswith("eaux"):
        return word[:-1]
    if lang == "fr" and word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word


def _noun(word: str | None) -> str | None:
    if not word or word in _NON_HEADS or word in _DESIGNATORS or len(word) < 3:
        return None
    return word


def _qualifier(text: str, start: int) -> tuple[int, str | None]:
    before = _before(text, start)
    m = _QUALIFIER_RE.search(before)
    if not m:
        return start, None
    return start - len(before) + m.start("q"), m["q"]


def _widen(number: _Number, qualifier: str | None) -> tuple[float, float, Vagueness]:
    """The interval a qualified figure allows, with an open end for a bound."""
    low, high = number.low, number.high
    kind = _QUALIFIER_KIND.get(qualifier or "")
    if number.vague in _PLURAL_VAGUE:
        return low, high, Vagueness.MAGNITUDE
    if kind == "at_least":
        return low, math.inf, Vagueness.LOWER_BOUND
    if kind == "at_most":
        return 0.0, high, Vagueness.UPPER_BOUND
    if kind == "about":
        return low * 0.9, high * 1.1, Vagueness.APPROXIMATE
    if number.vague == "approx":
        return low, high, Vagueness.APPROXIMATE
    return low, high, Vagueness.EXACT


def _is_designated(text: str, start: int) -> bool:
    """True when the number names something ("l'article 2256", "articles 1 et 2")."""
    words = [w.split("'")[-1] for w in re.findall(r"[\w°º']+", _before(text, start))]
    # Skip back over a list of numbers: "articles 12 et 13", "pages 4, 5 et 6".
    i = len(words) - 1
    while i >= 0 and (words[i].isdigit() or words[i] in {"et", "ou", "à", "and", "or", "to"}):
        i -= 1
    return i >= 0 and words[i] in _DESIGNATORS


def extract_quantities(sentence: Span, lang: str, tokens: Sequence[Token] = ()) -> list[Quantity]:
    """Quantities of ``sentence`` with spans in article offsets, each bound to what it
    counts when ``tokens`` (the sentence's parse) are given.

    Numbers that belong to dates, designators (``l'article 2256``), identifiers
    (``COVID-19``), clock times and hashtags are left out. A figure in parentheses
    right after another ("10 miles (15 kilometers)") is a conversion of it and
    keeps its bound.
    """
    lang = _lang(lang)
    if not _candidate(lang).search(sentence.text.lower()) and not (
        lang == "fr" and _ROMAN_CANDIDATE.search(sentence.text)
    ):
        return []
    norm = normalized_sentence(sentence.text)
    text = norm.text
    dates = time_ranges(sentence.text, lang)  # sorted, never overlapping
    date_starts = [start for start, _ in dates]
    out: list[Quantity] = []
    consumed = previous_end = 0
    opened: ValueKind | None = None  # the kind of a range whose first end was just read

    def original(start: int, end: int) -> str:
        o_start, o_end = norm.to_original(start, end)
        return sentence.text[o_start:o_end]

    for number in _merge_ranges(text, _numbers(text, lang, original)):
        if number.start < consumed:
            continue
        i = bisect.bisect_left(date_starts, number.end)
        if i and dates[i - 1][1] > number.start:
            continue  # a number of a date

        if _is_designated(text, number.start):
            continue
        quantity_end, quantity = _read_quantity(text, number, lang)
        if quantity is None:
            continue
        consumed = quantity_end
        q_start, qualifier = _qualifier(text, number.start)
        low, high, vagueness = _widen(number, qualifier)
        value, unit, kind, head = quantity
        closes = opened is kind and bool(_RANGE_AND.fullmatch(text, previous_end, q_start))
        opened = None
        if vagueness is Vagueness.EXACT and kind in _MEASURES:
            # "entre 40 minutes et 2h20", "between 40 minutes and two hours": two ends
            # in different units are read apart, as a floor and a ceiling.
            if closes:
                low, vagueness = 0.0, Vagueness.UPPER_BOUND
            elif _opens_range(text, number.start, quantity_end):
                high, vagueness, opened = math.inf, Vagueness.LOWER_BOUND, kind
        scale = value / number.value if number.value else 1.0
        if out and _CONVERSION.fullmatch(text, previous_end, q_start) and out[-1].value:
            # "less than 25 km (15 miles)": the conversion states the same bound
            prev = out[-1]
            low, high, vagueness = (
                value * prev.low / prev.value,
                value * prev.high / prev.value,
                (prev.vagueness),
            )
            scale = 1.0
        o_start, o_end = norm.to_original(q_start, quantity_end)
        if (
            kind is ValueKind.COUNT
            and text[number.start : number.end] == "one"
            and not any(
                t.end == sentence.start + o_end and t.pos in ("NOUN", "PROPN") for t in tokens
            )
        ):
            continue  # "one landed": a pronoun; without a parse "one" is never a count
        out.append(
            Quantity(
                span=Span(
                    sentence.article,
                    sentence.start + o_start,
                    sentence.start + o_end,
                    sentence.text[o_start:o_end],
                ),
                value=value,
                low=_clean(low * scale),
                high=_clean(high * scale) if not math.isinf(high) else math.inf,
                kind=kind,
                unit=unit,
                head=head,
                qualifier=qualifier or number.vague,
                vagueness=vagueness,
            )
        )
        previous_end = quantity_end
    return [bind(q, tokens, lang) for q in out] if tokens else out


_CONVERSION = re.compile(r"\s?[(\[]\s?(?:soit|or|i\.e\.|environ|about)?\s?")


# A range: "entre 10 et 20", "de 10 à 20", "between 10 and 20", "from 10 to 20", "10-20".
_RANGE_JOIN = re.compile(r"\s?(?P<j>-|–|à|et|to|and)\s?")
_RANGE_PREFIX = re.compile(r"(?:^|\s)(?P<w>entre|between|de|d'|from)\s?$")
_RANGE_WORDS = {"et": {"entre"}, "and": {"between"}, "à": {"de", "d'", "entre"}, "to": {"from"}}


_RANGE_AND = re.compile(r"\s(?:et|and)\s")


# Kinds with a unit, where "entre X et Y" is a range, not two parties ("entre trois
# soldats et leur chef").
_MEASURES = frozenset([ValueKind.DURATION, *MEASURE_UNITS, ValueKind.CURRENCY, ValueKind.PERCENT])


def _opens_range(text: str, start: int, end: int) -> bool:
    """A figure after "entre"/"between" and before "et"/"and" that was not merged into
    a range with the figure after it: the lower end of a range."""
    prefix = _RANGE_PREFIX.search(_before(text, start))
    opening = prefix is not None and prefix["w"] in _RANGE_WORDS["et"] | _RANGE_WORDS["and"]
    return opening and bool(_RANGE_AND.match(text, end))


# The unit written after both ends: "de 3 % à 6 %", "entre 2 ans et 5 ans".
_UNIT_THEN_JOIN = re.compile(r"\s?(?P<u>%|[^\W\d_]{1,12})\s?(?P<j>-|–|à|et|to|and)\s?")


def _repeated_unit_join(text: str, a: _Number, b: _Number) -> re.Match[str] | None:
    """The join of a range whose unit follows each end, when the same unit follows both."""
    join = _UNIT_THEN_JOIN.fullmatch(text, a.end, b.start)
    if join is None:
        return None
    after = re.match(rf"\s?{re.escape(join['u'])}(?!\w)", text[b.end :])
    return join if after else None


def _merge_ranges(text: str, numbers: list[_Number]) -> list[_Number]:
    """Merge two numbers that form a range into one interval."""
    out: list[_Number] = []
    i = 0
    while i < len(numbers):
        a = numbers[i]
        b = numbers[i + 1] if i + 1 < len(numbers) else None
        join = _RANGE_JOIN.fullmatch(text, a.end, b.start) if b else None
        if b is not None and join is None:
            join = _repeated_unit_join(text, a, b)
        plain = b is not None and not (a.ordinal or b.ordinal or a.vague or b.vague)
        if b is not None and join and plain and a.value < b.value:
            before = _before(text, a.start)
            prefix = _RANGE_PREFIX.search(before)
            word = prefix["w"] if prefix else None
            if join["j"] in "-–" or word in _RANGE_WORDS[join["j"]]:
                # "entre"/"between"/"from" belong to the range; "de" is just a preposition
                wide = prefix is not None and word not in {"de", "d'"}
                start = a.start - len(before) + prefix.start("w") if wide and prefix else a.start
                middle = (a.value + b.value) / 2
                currency = a.currency or b.currency
                out.append(_Number(start, b.end, middle, a.value, b.value, False, currency, RANGE))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _read_quantity(
    text: str, number: _Number, lang: str
) -> tuple[int, tuple[float, str | None, ValueKind, str | None] | None]:
    """Read scale, unit and head after a number: (end, (value, unit, kind, head)).

    For counts the end includes the counted noun ("trois ministres").
    """
    end, scale = _scale(text, number.end, lang, number.currency is not None)
    value = _clean(number.value * scale)
    if number.ordinal:
        # "XIIe siècle", "12th century", and the compound "a 12th-century temple".
        m = _HEAD_DIRECT.match(text, end) or _HEAD_COMPOUND.match(text, end)
        head = _noun(m["h"]) if m else None
        if m is None or head is None:
            return end, (value, None, ValueKind.ORDINAL, None)
        return m.end(), (value, None, ValueKind.ORDINAL, _lemma(head, lang))
    # "1,43 million de publications", "une dizaine de jours": units and nouns after "de"
    of = _OF.match(text, end) if number.vague or scale > 1 else None
    unit_match = _match_unit(text, end)
    if unit_match is None and of:
        unit_match = _match_unit(text, of.end())
    before_unit = _HALF_BEFORE.match(text, end) if unit_match is None else None
    after = _match_unit(text, before_unit.end()) if before_unit else None
    if after and after[1] is ValueKind.DURATION:  # "two and a half years"
        value, unit_match = value + 0.5, after
    if number.currency and (unit_match is None or unit_match[1] is not ValueKind.CURRENCY):
        unit_match = (end, ValueKind.CURRENCY, number.currency)
    if unit_match is not None:
        return _with_unit(text, number, lang, value, unit_match)
    direct = _HEAD_WORD.match(text, of.end()) if of else _HEAD_DIRECT.match(text, end)
    if direct is None and lang == "en":
        direct = _HEAD_COMPOUND.match(text, end)  # "a 200-student school", "a 27-member bloc"
    if direct and direct["h"] in _ADJECTIVES:
        direct = _HEAD_DIRECT.match(text, direct.end())
    head = _noun(direct["h"] if direct else None)
    if direct is None or head is None:
        return end, (value, None, ValueKind.NUMBER, None)
    return direct.end(), (value, None, ValueKind.COUNT, _lemma(head, lang))


def _with_unit(
    text: str, number: _Number, lang: str, value: float, unit_match: tuple[int, ValueKind, str]
) -> tuple[int, tuple[float, str | None, ValueKind, str | None] | None]:
    """Finish a quantity that has a unit: skip clock times, find its head noun."""
    end, kind, unit = unit_match
    half = _HALF.match(text, end) if kind is ValueKind.DURATION else None
    if half:
        end, value = half.end(), value + 0.5
    before = _before(text, number.start)
    if (
        kind is ValueKind.DURATION
        and unit == "hour"
        and value <= 24
        and _CLOCK_BEFORE.search(before)
    ):
        return end, None  # "à 15 heures": a clock time
    if kind is ValueKind.DURATION and (_AGE_BEFORE.search(before) or _AGE_AFTER.match(text, end)):
        return end, (value, unit, kind, "age")
    after = _HEAD_AFTER.match(text, end)
    head = _noun(after["h"]) if after else None
    if head is None and lang == "en" and _ATTRIBUTIVE.search(before):
        # "a $60,000 fine", "a 72-hour deadline": the amount qualifies the next noun
        direct = _HEAD_DIRECT.match(text, end)
        head = _noun(direct["h"]) if direct else None
    if head is None:
        found = _HEAD_BEFORE.search(_before(text, _qualifier(text, number.start)[0]))
        head = _noun(found["h"]) if found else None
    return end, (value, unit, kind, _lemma(head, lang) if head else None)


def value_key(q: Quantity) -> tuple[str, str | None, float]:
    """A hashable anchor for alignment: kind, unit family and value in a base unit.

    Durations are in days, so ``72 heures`` and ``trois jours`` share a key.
    """
    if q.kind is ValueKind.DURATION and q.unit in DURATION_DAYS:
        return (q.kind.value, "day", _clean(q.value * DURATION_DAYS[q.unit]))
    if q.kind in MEASURE_UNITS and q.unit in MEASURE_UNITS[q.kind][1]:
        base, sizes = MEASURE_UNITS[q.kind]
        return (q.kind.value, base, _clean(q.value * sizes[q.unit]))
    return (q.kind.value, q.unit, q.value)


def value_family(q: Quantity) -> tuple[str, str | None, str | None]:
    """What a quantity measures, without its value: kind, unit family and head.

    An alignment anchor that survives a changed figure ("sous 48 heures" and
    "sous 72 heures" share ``("duration", "day", None)``), so that two outlets
    that disagree on a value can still be aligned, and the disagreement reported.
    """
    unit = "day" if q.kind is ValueKind.DURATION and q.unit in DURATION_DAYS else q.unit
    unit = MEASURE_UNITS[q.kind][0] if q.kind in MEASURE_UNITS else unit
    return (q.kind.value, unit, q.head)
