"""Date and time expressions of a sentence, as inclusive intervals of days.

Absolute dates (``2 janvier``, ``1er novembre 2023``, ``January 2, 2026``),
relative ones (``vendredi``, ``hier``, ``la semaine dernière``, ``last week``)
and periods (``juillet``, ``l'été``, ``le premier semestre 2025``, ``début
janvier``) become :class:`~factcheck.model.TimeExpr` intervals so that the
comparer compares intervals, not strings: July lies inside summer.

Resolution rules against the publication date ``P`` (documented here because a
report depends on them):

* a weekday alone (``vendredi``, ``Friday``) is the most recent such day on or
  before ``P`` (wire style: "vendredi" in a Friday dispatch is that Friday);
  ``vendredi dernier``/``last Friday`` is strictly before ``P``,
  ``vendredi prochain``/``next Friday`` strictly after;
* a month, season, semester or quarter without a year is its most recent
  occurrence that starts on or before ``P`` (a month after P's month is in the
  previous year); with ``dernier``/``last`` the most recent one that ended
  before ``P``; with ``prochain``/``next`` the first starting after ``P``;
* ``ce week-end`` is P's weekend when P is a Saturday or Sunday, otherwise the
  span from the previous Saturday to the next Sunday (the phrase is used for
  both; a wide interval never invents a mismatch);
* ``début``/``mi-``/``fin`` of a month are the days 1-15, 8-22 and 16-end
  (overlapping on purpose: they are loose);
* seasons are wide (summer = 1 June to 22 September, and so on) because
  outlets use them loosely.

Without a publication date relative expressions stay unresolved with a label
(``weekday:4``); absolute dates without a year keep a yearless ISO label
(``--01-02``, ``--07``) that the comparer may still match month against month.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from factcheck.model import Span, TimeExpr
from factcheck.normalize import NormalizedText, normalize

_MONTHS = {
    "fr": {
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2,
        "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
        "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
        "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    },
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    },
}  # fmt: skip
_WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
# Month names that are also ordinary words: only a date next to a day, a year
# or a time preposition ("May" the verb, "Mars" the planet).
_AMBIGUOUS_MONTHS = {"may", "mar", "march", "jan", "oct", "dec", "sept", "sep", "mai", "mars"}
_SEASONS = {
    # season -> (start month, start day, end month, end day); end may wrap the year
    "summer": (6, 1, 9, 22),
    "autumn": (9, 1, 12, 20),
    "winter": (12, 1, 3, 20),
    "spring": (3, 1, 6, 20),
}
_SEASON_WORDS = {
    "été": "summer", "ete": "summer", "automne": "autumn", "hiver": "winter",
    "printemps": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
    "winter": "winter", "spring": "spring",
}  # fmt: skip
_ORDINAL_WORDS = {
    "premier": 1, "première": 1, "premiere": 1, "1er": 1, "1re": 1, "1ère": 1,
    "second": 2, "seconde": 2, "deuxième": 2, "deuxieme": 2, "2e": 2, "2ème": 2, "2nd": 2,
    "troisième": 3, "troisieme": 3, "3e": 3, "3ème": 3, "3rd": 3, "quatrième": 4,
    "quatrieme": 4, "4e": 4, "4ème": 4, "4th": 4, "first": 1, "third": 3, "fourth": 4,
    "1st": 1,
}  # fmt: skip
_RELATIVE_DAYS = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "ce matin": 0, "ce soir": 0,
    "cet après-midi": 0, "cette nuit": 0, "demain": 1, "après-demain": 2,
    "yesterday": -1, "today": 0, "this morning": 0, "this afternoon": 0, "tonight": 0,
    "tomorrow": 1,
}  # fmt: skip
_PAST = {"dernier", "dernière", "derniere", "passé", "passée", "passe", "passee", "last"}
_NEXT = {"prochain", "prochaine", "next"}
_THIS = {"ce", "cet", "cette", "this"}
# First word of a month edge ("début janvier", "the end of January") -> part of the month.
_EDGES = {
    "début": "start", "debut": "start", "au": "start", "early": "start", "beginning": "start",
    "start": "start", "mi-": "mid", "mi": "mid", "mid-": "mid", "mid": "mid", "fin": "end",
    "à": "end", "late": "end", "end": "end",
}  # fmt: skip


def _relation(word: str) -> str | None:
    """ "past" for dernier/last, "next" for prochain/next, else None."""
    return "past" if word in _PAST else "next" if word in _NEXT else None


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that prefixes do not win."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class _Parsed:
    """A time expression found in the normalized text, before resolution."""

    start: int  # normalized offsets
    end: int
    kind: str  # "date", "month", "season", "part", "year", "relday", "weekday", "period"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    part: tuple[str, int] | None = None  # ("semester"|"quarter"|"fortnight", index)
    edge: str | None = None  # "start", "mid", "end" of a month
    rel: str | None = None  # "past", "next", "this"
    offset: int = 0  # days from publication, for relday
    unit: str | None = None  # "week", "weekend", "month", "year" for periods


class _Patterns:
    """Compiled regular expressions of one language, over the normalized view."""

    def __init__(self, lang: str) -> None:
        months = _alt(_MONTHS[lang])
        weekdays = _alt(_WEEKDAYS[lang])
        year = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
        b = r"(?<![\w-])"
        e = r"(?![\w-])"
        if lang == "fr":
            day = r"(?P<day>1er|1re|1ère|premier|[0-3]?\d)"
            self.day_month = re.compile(
                # "jeudi après-midi 4 juillet": a part of the day may sit between
                rf"{b}(?:(?P<wd>{weekdays})\s(?:(?:matin|midi|après-midi|apres-midi|soir)\s)?)?"
                rf"(?:le\s)?{day}\s(?P<month>{months})\.?(?:\s(?:de\s)?{year})?{e}"
            )
            self.month_day = None
            edges = r"(?P<edge>début|debut|mi-|mi\s|fin|courant|au\sdébut\sde|à\sla\sfin\sde)"
            self.month = re.compile(
                rf"{b}(?:(?P<prep>en|depuis|dès|jusqu'en|d'ici)\s)?(?:{edges}\s?(?:d')?)?"
                rf"(?P<month>{months})(?:\s(?:de\s)?{year})?{e}"
            )
            self.season = re.compile(
                rf"{b}(?P<det>l'|le\s|cet\s|ce\s|en\s|au\s)(?P<season>été|ete|automne|hiver"
                rf"|printemps)(?:\s(?P<rel>dernier|prochain|passé))?(?:\s{year})?{e}"
            )
            self.part = re.compile(
                rf"{b}(?P<ord>{_alt(_ORDINAL_WORDS)})\s(?P<unit>semestre|trimestre|quinzaine)"
                rf"(?:\s(?:de\s|d')?(?:(?P<month>{months})\s?)?(?:{year})?)?{e}"
            )
            self.relday = re.compile(rf"{b}(?P<rd>{_alt(_RELATIVE_DAYS)}){e}")
            self.weekday = re.compile(rf"{b}(?P<wd>{weekdays})(?:\s(?P<rel>dernier|prochain))?{e}")
            self.period = re.compile(
                rf"{b}(?:(?P<this>ce|cet|cette)\s(?P<unit1>week-end|weekend|semaine|mois|année"
                rf"|annee)(?:-ci)?|(?:la|le|l')\s?(?P<unit2>week-end|weekend|semaine|mois|année"
                rf"|annee|an)\s(?P<rel>dernier|dernière|derniere|passé|passée|prochain"
                rf"|prochaine))(?![\w])"
            )
            self.year = re.compile(rf"{b}{year}")
        else:
            day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
            part = r"(?:\s(?:morning|afternoon|evening|night))?"  # "Thursday afternoon, July 4"
            self.day_month = re.compile(
                rf"{b}(?:(?P<wd>{weekdays}){part},?\s)?(?:the\s)?{day}\s(?:of\s)?(?P<month>{months})\.?"
                rf"(?:,?\s{year})?{e}"
            )
            self.month_day = re.compile(
                rf"{b}(?:(?P<wd>{weekdays}){part},?\s)?(?P<month>{months})\.?\s{day}{e}"
                rf"(?:,?\s{year})?"
            )
            edges = (
                r"(?P<edge>early|mid-|mid\s|late|the\send\sof|the\sbeginning\sof|the\sstart\sof)"
            )
            self.month = re.compile(
                rf"{b}(?:(?P<prep>in|since|by|until|from|during|last|next|this)\s)?(?:{edges}\s?)?"
                rf"(?P<month>{months})(?:,?\s(?:of\s)?{year})?{e}"
            )
            self.season = re.compile(
                rf"{b}(?P<det>(?:in\s)?the\s|this\s|last\s|next\s|in\s)(?P<season>summer|autumn"
                rf"|fall|winter|spring)(?:\s(?:of\s)?{year})?{e}"
            )
            self.part = re.compile(
                rf"{b}(?P<ord>{_alt(_ORDINAL_WORDS)})\s(?P<unit>half|quarter)"
                rf"(?:\s(?:of\s)?{year})?{e}"
            )
            self.relday = re.compile(rf"{b}(?P<rd>{_alt(_RELATIVE_DAYS)}){e}")
            self.weekday = re.compile(rf"{b}(?:(?P<rel>last|next|this|on)\s)?(?P<wd>{weekdays}){e}")
            self.period = re.compile(
                rf"{b}(?:(?P<rel>last|this|next)\s(?P<unit1>weekend|week-end|week|month|year))"
                rf"(?![\w])"
            )
            self.year = re.compile(rf"{b}{year}")
        self.iso = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d])")
        self.numeric = re.compile(
            r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})(?![\d/]|\.\d)"
        )
        self.quarter = re.compile(rf"{b}[qt](?P<q>[1-4])\s{year}")


_PATTERNS: dict[str, _Patterns] = {}


def _build_candidate(lang: str) -> re.Pattern[str]:
    """A cheap test on the raw lowercased sentence: can it hold a time expression at all?

    A superset of the patterns' words, so most sentences skip normalization.
    """
    words = [
        *_MONTHS[lang], *_WEEKDAYS[lang], *_SEASON_WORDS, *_ORDINAL_WORDS,
        "hier", "demain", "aujourd", "matin", "soir", "nuit", "après-midi", "yesterday",
        "today", "tomorrow", "tonight", "morning", "afternoon", "semaine", "week-end",
        "weekend", "mois", "année", "annee", "an", "week", "month", "year",
        *_clock_words(lang).points, *_clock_words(lang).parts,
    ]  # fmt: skip
    return re.compile(rf"\d|\b(?:{_alt(words)})\b")


# Built on first use: the clock words come from the lexicon, read only when needed.
_candidate = functools.cache(_build_candidate)


# Words that make a following 4-digit number a count or an amount, not a year.
_NOT_YEAR_NEXT = re.compile(r"\s?(?:%|€|\$|£|[a-zàâçéèêëîïôûùüÿœ]{3,})")
# English plurals without a final s.
_PLURALS = frozenset({"people", "men", "women", "children", "police", "staff", "personnel"})
# Function words (French and English): never a counted noun, never a unit.
FUNCTION_WORDS = frozenset({
    "et", "ou", "à", "au", "aux", "de", "des", "du", "en", "par", "pour", "sur", "sous",
    "dans", "avec", "sans", "contre", "entre", "vers", "chez", "après", "avant", "depuis",
    "pendant", "lors", "que", "qui", "dont", "où", "il", "elle", "ils", "elles", "on", "a",
    "est", "sont", "était", "avait", "ont", "fut", "sera", "le", "la", "les", "un", "une",
    "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "and", "or", "to", "in",
    "at", "of", "for", "by", "with", "from", "after", "before", "since", "during", "until",
    "that", "which", "who", "the", "an", "is", "was", "were", "are", "has", "had", "have",
    "will"
})  # fmt: skip


def _patterns(lang: str) -> _Patterns:
    key = "en" if lang == "en" else "fr"
    if key not in _PATTERNS:
        _PATTERNS[key] = _Patterns(key)
    return _PATTERNS[key]


def _day(value: str) -> int:
    return 1 if value in {"1er", "1re", "1ère", "premier"} else int(value)


def _month(lang: str, word: str) -> int:
    return _MONTHS["en" if lang == "en" else "fr"][word.rstrip(".")]


def _year(m: re.Match[str]) -> int | None:
    value = m.groupdict().get("year")
    return int(value) if value else None


# Is the original text capitalized at this match group? (English months and weekdays are.)
_Capitalized = Callable[[re.Match[str], str], bool]


def _scan(norm: NormalizedText, original: str, lang: str) -> list[_Parsed]:
    """Every time expression in the normalized text, longest first, no overlaps."""
    p = _patterns(lang)
    text = norm.text

    def capitalized(m: re.Match[str], group: str) -> bool:
        start, _ = norm.to_original(m.start(group), m.end(group))
        return original[start : start + 1].isupper()

    found = [
        *_numeric_dates(p, text, lang),
        *_named_dates(p, text, lang, capitalized),
        *_year_parts(p, text, lang),
        *_months(p, text, lang, capitalized),
        *_seasons(p, text),
        *_days(p, text, lang, capitalized),
        *_periods(p, text),
        *_years(p, text, lang),
    ]
    return _longest(found)


def _numeric_dates(p: _Patterns, text: str, lang: str) -> Iterator[_Parsed]:
    """ISO dates and day/month/year in figures."""
    for m in p.iso.finditer(text):
        if 1 <= int(m["month"]) <= 12:
            yield _Parsed(
                m.start(), m.end(), "date", int(m["year"]), int(m["month"]), int(m["day"])
            )
    for m in p.numeric.finditer(text):
        a, b_ = int(m["a"]), int(m["b"])
        # French writes day/month; English is ambiguous unless one side exceeds 12.
        if lang == "en" and b_ > 12 >= a:
            a, b_ = b_, a
        elif lang == "en" and a <= 12 and b_ <= 12 and a != b_:
            continue
        if 1 <= b_ <= 12 and 1 <= a <= 31:
            yield _Parsed(m.start(), m.end(), "date", int(m["year"]), b_, a)


def _named_dates(
    p: _Patterns, text: str, lang: str, capitalized: _Capitalized
) -> Iterator[_Parsed]:
    """A day with a month named in words ("3 mars", "March 3"), perhaps a weekday and year."""
    for pattern in (p.day_month, p.month_day):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if lang == "en" and not capitalized(m, "month"):
                continue
            wd = _WEEKDAYS["en" if lang == "en" else "fr"].index(m["wd"]) if m["wd"] else None
            day = _day(m["day"])
            if 1 <= day <= 31:
                yield _Parsed(
                    m.start(), m.end(), "date", _year(m), _month(lang, m["month"]), day,
                    weekday=wd,
                )  # fmt: skip


def _year_parts(p: _Patterns, text: str, lang: str) -> Iterator[_Parsed]:
    """Halves, quarters and fortnights: "le premier semestre", "Q3 2024", "T1 2025"."""
    for m in p.part.finditer(text):
        unit = {"semestre": "semester", "half": "semester", "trimestre": "quarter"}.get(
            m["unit"], m["unit"]
        )
        index = _ORDINAL_WORDS[m["ord"]]
        if unit == "quinzaine":
            if not m.groupdict().get("month") or index > 2:
                continue
            yield _Parsed(
                m.start(), m.end(), "part", _year(m), _month(lang, m["month"]),
                part=("fortnight", index),
            )  # fmt: skip
        elif (unit == "semester" and index <= 2) or unit == "quarter":
            yield _Parsed(m.start(), m.end(), "part", _year(m), part=(unit, index))
    for m in p.quarter.finditer(text):
        yield _Parsed(m.start(), m.end(), "part", _year(m), part=("quarter", int(m["q"])))


def _months(p: _Patterns, text: str, lang: str, capitalized: _Capitalized) -> Iterator[_Parsed]:
    """A month without a day, perhaps with an edge ("début mars") or a relation ("last May")."""
    for m in p.month.finditer(text):
        word = m["month"]
        anchored = bool(m["prep"] or m["edge"] or m.groupdict().get("year"))
        cap = capitalized(m, "month")
        if lang == "en" and not cap:
            continue
        if word in _AMBIGUOUS_MONTHS and not anchored:
            continue
        if lang != "en" and cap and not anchored and m.start("month") > 0:
            continue  # "Mars" mid-sentence is a planet or a name
        edge_key = _EDGES.get(m["edge"].replace("the ", "").split(" ")[0]) if m["edge"] else None
        rel = {"last": "past", "next": "next", "this": "this"}.get(m["prep"] or "")
        start = m.start("edge") if edge_key else m.start()
        yield _Parsed(start, m.end(), "month", _year(m), _month(lang, word), edge=edge_key, rel=rel)


def _seasons(p: _Patterns, text: str) -> Iterator[_Parsed]:
    """A season, perhaps with a relation or a year ("l'été dernier", "in the spring of 2024")."""
    for m in p.season.finditer(text):
        det = m["det"].strip()
        rel = _relation(m.groupdict().get("rel") or det) or ("this" if det in _THIS else None)
        start = m.start("season") if det in {"en", "au", "in", "in the", "the"} else m.start()
        yield _Parsed(
            start, m.end(), "season", _year(m), season=_SEASON_WORDS[m["season"]], rel=rel
        )


def _days(p: _Patterns, text: str, lang: str, capitalized: _Capitalized) -> Iterator[_Parsed]:
    """Relative days ("hier", "tomorrow") and weekdays without a date."""
    for m in p.relday.finditer(text):
        yield _Parsed(m.start(), m.end(), "relday", offset=_RELATIVE_DAYS[m["rd"]])
    for m in p.weekday.finditer(text):
        if lang == "en" and not capitalized(m, "wd"):
            continue
        rel_word = m["rel"] or ""
        rel = _relation(rel_word)
        start = m.start("wd") if rel_word in {"on", "this"} else m.start()
        index = _WEEKDAYS["en" if lang == "en" else "fr"].index(m["wd"])
        yield _Parsed(start, m.end(), "weekday", weekday=index, rel=rel)


def _periods(p: _Patterns, text: str) -> Iterator[_Parsed]:
    """A week, month or year relative to the article ("cette semaine", "last year")."""
    for m in p.period.finditer(text):
        unit_word = m.groupdict().get("unit1") or m.groupdict().get("unit2") or ""
        unit = {
            "week-end": "weekend", "weekend": "weekend", "semaine": "week", "week": "week",
            "mois": "month", "month": "month", "année": "year", "annee": "year", "an": "year",
            "year": "year",
        }[unit_word]  # fmt: skip
        rel = _relation(m.groupdict().get("rel") or "") or "this"
        yield _Parsed(m.start(), m.end(), "period", unit=unit, rel=rel)


def _years(p: _Patterns, text: str, lang: str) -> Iterator[_Parsed]:
    """A year alone, unless a noun after it makes it a quantity."""
    for m in p.year.finditer(text):
        nxt = _NOT_YEAR_NEXT.match(text, m.end())
        word = nxt.group().strip() if nxt else ""
        # English puts a year before a singular noun ("the 2024 election")
        attributive = lang == "en" and word.isalpha() and not word.endswith("s")
        if word and word not in FUNCTION_WORDS and not (attributive and word not in _PLURALS):
            continue  # "2000 personnes", "2025 euros": a quantity, not a year
        yield _Parsed(m.start(), m.end(), "year", int(m["year"]))


# When matches overlap, the more precise kind wins, then the longer match:
# "since January 9" is a day, not the month of "since January".
_PRECISION = {"date": 0, "part": 1, "month": 2, "season": 3, "period": 4, "relday": 5}


def _longest(found: list[_Parsed]) -> list[_Parsed]:
    """Keep the most precise, then longest, of overlapping matches."""
    chosen: list[_Parsed] = []  # kept sorted by start, never overlapping
    starts: list[int] = []
    ranked = sorted(found, key=lambda c: (_PRECISION.get(c.kind, 9), -(c.end - c.start), c.start))
    for cand in ranked:
        i = bisect.bisect_left(starts, cand.start)
        if (i > 0 and chosen[i - 1].end > cand.start) or (
            i < len(chosen) and chosen[i].start < cand.end
        ):
            continue
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return chosen


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_Bounds = Callable[[int], tuple[dt.date, dt.date]]
# (start, end, granularity, relative, label)
_Resolved = tuple[dt.date | None, dt.date | None, str, bool, str | None]


def _occurrence(
    bounds: _Bounds, published: dt.date, rel: str | None
) -> tuple[dt.date, dt.date] | None:
    """Pick the occurrence of a yearly period relative to ``published`` (see module doc).

    ``bounds`` maps a year to that year's (start, end) of the period.
    """
    spans = [bounds(y) for y in range(published.year - 2, published.year + 2)]
    if rel == "past":
        past = [s for s in spans if s[1] < published]
        return past[-1] if past else None
    if rel == "next":
        future = [s for s in spans if s[0] > published]
        return future[0] if future else None
    if rel == "this":
        for s in spans:
            if s[0] <= published <= s[1]:
                return s
        future = [s for s in spans if s[0] > published]
        return future[0] if future else None
    started = [s for s in spans if s[0] <= published]
    return started[-1] if started else None


def _month_bounds(month: int, edge: str | None) -> _Bounds:
    def bounds(year: int) -> tuple[dt.date, dt.date]:
        last = calendar.monthrange(year, month)[1]
        lo, hi = {"start": (1, 15), "mid": (8, 22), "end": (16, last)}.get(edge or "", (1, last))
        return dt.date(year, month, lo), dt.date(year, month, hi)

    return bounds


def _season_bounds(season: str) -> _Bounds:
    m1, d1, m2, d2 = _SEASONS[season]

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        end_year = year + 1 if m2 < m1 else year
        return dt.date(year, m1, d1), dt.date(end_year, m2, d2)

    return bounds


def _part_bounds(part: tuple[str, int], month: int | None) -> _Bounds:
    unit, index = part

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        if unit == "fortnight" and month is not None:
            if index == 1:
                return dt.date(year, month, 1), dt.date(year, month, 15)
            return dt.date(year, month, 16), _month_end(year, month)
        size = 6 if unit == "semester" else 3
        first = (index - 1) * size + 1
        return dt.date(year, first, 1), _month_end(year, first + size - 1)

    return bounds


def _resolve(p: _Parsed, published: dt.date | None) -> _Resolved:
    """(start, end, granularity, relative, label) of a parsed expression."""
    if p.kind == "date" and p.month is not None and p.day is not None:
        year = p.year
        if year is None and published is not None:
            year = published.year if p.month <= published.month else published.year - 1
        if year is None:
            return None, None, "day", False, f"--{p.month:02d}-{p.day:02d}"
        try:
            day = dt.date(year, p.month, p.day)
        except ValueError:
            return None, None, "day", False, f"invalid:{year}-{p.month}-{p.day}"
        return day, day, "day", False, None
    if p.kind == "year" and p.year is not None:
        return dt.date(p.year, 1, 1), dt.date(p.year, 12, 31), "year", False, None
    bounds: _Bounds
    if p.kind == "month" and p.month is not None:
        bounds, gran, label = _month_bounds(p.month, p.edge), "month", f"--{p.month:02d}"
    elif p.kind == "season" and p.season is not None:
        bounds, gran, label = _season_bounds(p.season), "season", f"season:{p.season}"
    elif p.kind == "part" and p.part is not None:
        bounds, gran = _part_bounds(p.part, p.month), p.part[0]
        # a fortnight of a named month keeps that month ("--01"), comparable without a year
        label = f"--{p.month:02d}" if p.month else f"{p.part[0]}:{p.part[1]}"
    else:
        return _resolve_relative(p, published)
    if p.year is not None:
        span = bounds(p.year)
        return span[0], span[1], gran, False, None
    if published is None:
        return None, None, gran, False, label
    found = _occurrence(bounds, published, p.rel)
    if found is None:
        return None, None, gran, False, label
    return found[0], found[1], gran, False, None


def _resolve_relative(p: _Parsed, published: dt.date | None) -> _Resolved:
    if p.kind == "relday":
        if published is None:
            return None, None, "day", True, f"day:{p.offset:+d}"
        day = published + dt.timedelta(days=p.offset)
        return day, day, "day", True, None
    if p.kind == "weekday" and p.weekday is not None:
        if published is None:
            return None, None, "weekday", True, f"weekday:{p.weekday}"
        back = (published.weekday() - p.weekday) % 7
        if p.rel == "past" and back == 0:
            back = 7
        if p.rel == "next":
            back = -((p.weekday - published.weekday()) % 7 or 7)
        day = published - dt.timedelta(days=back)
        return day, day, "day", True, None
    unit = p.unit or "week"
    label = f"{unit}:{p.rel}"
    if published is None:
        return None, None, unit, True, label
    shift = {"past": -1, "this": 0, "next": 1}[p.rel or "this"]
    if unit in {"week", "weekend"}:
        monday = published - dt.timedelta(days=published.weekday())
        monday += dt.timedelta(weeks=shift)
        if unit == "week":
            return monday, monday + dt.timedelta(days=6), "week", True, None
        saturday = monday + dt.timedelta(days=5)
        if shift == 0 and published.weekday() < 5:
            # "ce week-end" on a weekday: the last one or the coming one
            last_saturday = saturday - dt.timedelta(days=7)
            return last_saturday, saturday + dt.timedelta(days=1), "week", True, None
        return saturday, saturday + dt.timedelta(days=1), "week", True, None
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        year, month = divmod(index, 12)
        return dt.date(year, month + 1, 1), _month_end(year, month + 1), "month", True, None
    year = published.year + shift
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", True, None


@functools.lru_cache(maxsize=1024)
def normalized_sentence(text: str) -> NormalizedText:
    """The normalized view of a sentence, cached: both value extractors read it in turn."""
    return normalize(text)


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, lang: str) -> tuple[_Parsed, ...]:
    key = "en" if lang == "en" else "fr"
    if not _candidate(key).search(text.lower()):
        return ()
    return tuple(_scan(normalized_sentence(text), text, lang))


def time_ranges(text: str, lang: str) -> list[tuple[int, int]]:
    """Ranges of ``normalized_sentence(text)`` that are date or time expressions (clock
    times included: "à 15 heures" is an hour, not a duration).

    The quantity extractor uses this to leave the numbers of dates alone.
    """
    ranges = [(p.start, p.end) for p in _parsed(text, lang)]
    return sorted(ranges + [(c.start, c.end) for c in _clocks(text, lang)])


def extract_times(sentence: Span, lang: str, published: dt.date | None) -> list[TimeExpr]:
    """Date and time expressions of ``sentence`` as intervals, spans in article offsets.

    ``published`` is the article's publication date, used to resolve relative
    expressions and missing years (see the module docstring for the rules).
    """
    parsed = _parsed(sentence.text, lang)
    if not parsed and not _clocks(sentence.text, lang):
        return []
    norm = normalized_sentence(sentence.text)
    out = []
    for p in parsed:
        start, end = norm.to_original(p.start, p.end)
        lo, hi, gran, relative, label = _resolve(p, published)
        span = Span(
            sentence.article, sentence.start + start, sentence.start + end, sentence.text[start:end]
        )
        out.append(TimeExpr(span, lo, hi, gran, relative=relative, label=label))
    for c in _clocks(sentence.text, lang):
        start, end = norm.to_original(c.start, c.end)
        span = Span(
            sentence.article, sentence.start + start, sentence.start + end, sentence.text[start:end]
        )
        out.append(
            TimeExpr(
                span,
                None,
                None,
                "clock",
                label=c.label,
                clock=(c.low, c.high),
                zone=c.zone,
                deadline=c.deadline,
            )
        )
    return sorted(out, key=lambda t: t.span.start)


_WEEKDAY_NUMBER = {word: i for names in _WEEKDAYS.values() for i, word in enumerate(names)}
_WEEKDAY_WORD = re.compile(rf"(?<![\w-])(?:{_alt(_WEEKDAY_NUMBER)})(?![\w-])")


def stated_weekday(t: TimeExpr) -> int | None:
    """The weekday a time expression names in words (``vendredi 2 janvier`` → 4), if any."""
    m = _WEEKDAY_WORD.search(normalized_sentence(t.span.text).text)
    return _WEEKDAY_NUMBER[m.group()] if m else None


def season_months(season: str) -> frozenset[int]:
    """The months a season touches ("summer" → June to September), for yearless comparison."""
    first, _, last, _ = _SEASONS[season]
    return frozenset((first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1))


def time_key(t: TimeExpr) -> tuple[str, str] | None:
    """A hashable anchor for alignment: the resolved interval, or None when unresolved."""
    if t.start is None or t.end is None:
        return None
    return (t.start.isoformat(), t.end.isoformat())


# ------------------------------------------------------------------ clock times


@dataclass(frozen=True)
class _ClockWords:
    """One language's clock-time lexicon (``lexicon/<lang>/clock_times.toml``)."""

    intro: re.Pattern[str]  # an intro word (approximate or not) ending right before
    deadline: re.Pattern[str]  # a word that makes the time (or its day) a deadline
    approximate: frozenset[str]
    approximate_minutes: int
    not_after: re.Pattern[str]
    hours: re.Pattern[str] | None  # "15 heures 30"
    points: dict[str, tuple[int, int]]
    parts: dict[str, tuple[int, int]]
    words: re.Pattern[str] | None  # a point or a part of the day


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


_NEVER = re.compile(r"(?!)")  # an empty word list matches nothing


@functools.cache
def _clock_words(lang: str) -> _ClockWords:
    from factcheck.lexicon import table

    data = table("en" if lang == "en" else "fr", "clock_times")
    intro = [str(w) for w in data.get("intro", ())]
    deadline = [str(w) for w in data.get("deadline", ())]
    points = {str(k): (_minutes(v), _minutes(v)) for k, v in data.get("points", {}).items()}
    parts = {str(k): (_minutes(v[0]), _minutes(v[1])) for k, v in data.get("parts", {}).items()}
    hour_words = [str(w) for w in data.get("hour_words", ())]
    return _ClockWords(
        intro=re.compile(rf"(?<![\w'])(?P<w>{_alt(intro)})[\s,]*$") if intro else _NEVER,
        deadline=re.compile(rf"(?<![\w'])(?:{_alt(deadline)})[\s,]*$") if deadline else _NEVER,
        approximate=frozenset(str(w) for w in data.get("approximate", ())),
        approximate_minutes=int(data.get("approximate_minutes", 0)),
        not_after=re.compile(rf"\s?(?:{_alt(str(w) for w in data.get('not_after', ()))})(?!\w)")
        if data.get("not_after")
        else _NEVER,
        hours=re.compile(
            rf"(?<![\w,.])(?P<h>[0-2]?\d)\s(?:{_alt(hour_words)})(?:\s(?P<m>[0-5]\d))?(?![\w])"
        )
        if hour_words
        else None,
        points=points,
        parts=parts,
        words=re.compile(rf"(?<![\w-])(?P<w>{_alt([*points, *parts])})(?![\w-])")
        if points or parts
        else None,
    )


@dataclass(frozen=True)
class _Clock:
    start: int  # normalized offsets
    end: int
    low: int  # minutes after midnight
    high: int
    zone: str | None
    label: str
    deadline: bool  # "avant mardi midi", "by 6 p.m."


_MERIDIEM = re.compile(r"\d\s?[ap]\.?m\b")  # "3:20 p.m.", "7pm"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@functools.lru_cache(maxsize=1024)
def _clocks(text: str, lang: str) -> tuple[_Clock, ...]:
    """The times of day in a sentence ("à 15h30", "at 3:20 p.m.", "mardi soir").

    A figure in hours is a time of day only when it says so itself (a.m./p.m., a
    zone after it) or comes after an intro word or a day ("à 15h", "mardi 15h");
    otherwise it may be a duration ("en 2h"). A bare English 1:00-12:59 is left
    alone (morning or afternoon unknown). Words of the day ("soir", "noon") count
    right after a day, and points ("midi") after an intro word too. Ranges never
    overlap a date expression.
    """
    from factcheck.metadata import find_times

    key = "en" if lang == "en" else "fr"
    if not _candidate(key).search(text.lower()):
        return ()
    words = _clock_words(key)
    norm = normalized_sentence(text)
    ntext = norm.text
    dates = _parsed(text, lang)
    date_ends = {p.end: p.start for p in dates}
    date_starts = [p.start for p in dates]  # sorted, never overlapping

    def day_before(start: int) -> int | None:
        """Where the day written right before ``start`` begins ("mardi" of "mardi soir")."""
        i = start  # back over the spaces and commas only: no copy of the text before
        while i > 0 and ntext[i - 1] in " ,":
            i -= 1
        return date_ends.get(i)

    def after_day(start: int) -> bool:
        return day_before(start) is not None

    def deadline(start: int) -> bool:
        day = day_before(start)
        at = start if day is None else day
        return words.deadline.search(ntext, max(0, at - 30), at) is not None

    def intro(start: int) -> str | None:
        m = words.intro.search(ntext, max(0, start - 30), start)
        return m["w"] if m else None

    found: list[_Clock] = []

    def add(start: int, end: int, low: int, high: int, zone: str | None) -> None:
        i = bisect.bisect_left(date_starts, end)  # the last date starting before the end
        if (i and dates[i - 1].end > start) or words.not_after.match(ntext, end):
            return
        word = intro(start)
        if word in words.approximate and low == high:
            slack = words.approximate_minutes
            low, high = max(0, low - slack), min(24 * 60 - 1, high + slack)
        shown = _hhmm(low) if low == high else f"{_hhmm(low)}–{_hhmm(high)}"
        label = f"{shown} {zone}" if zone else shown
        found.append(_Clock(start, end, low, high, zone, label, deadline(start)))

    for t in find_times(text, key):
        written = text[t.start : t.end].lower()
        close = t.end - (written.endswith(")") and "(" not in written)  # "(05h00 GMT)"
        start = bisect.bisect_left(norm.starts, t.start)
        end = bisect.bisect_left(norm.starts, close)
        stated = t.zone is not None or _MERIDIEM.search(written) is not None
        hour = t.time.hour
        if not stated:
            if not (intro(start) or after_day(start)):
                continue
            if key == "en" and 1 <= hour <= 12:
                continue  # "at 3:20": morning or afternoon?
        minute = hour * 60 + t.time.minute
        add(start, end, minute, minute, t.zone)
    if words.hours is not None:
        for m in words.hours.finditer(ntext):
            hour = int(m["h"])
            if hour <= 23 and (intro(m.start()) or after_day(m.start())):
                minute = hour * 60 + int(m["m"] or 0)
                add(m.start(), m.end(), minute, minute, None)
    if words.words is not None:
        for m in words.words.finditer(ntext):
            name = m["w"]
            if after_day(m.start()) or (name in words.points and intro(m.start())):
                low, high = words.points.get(name) or words.parts[name]
                add(m.start(), m.end(), low, high, None)
    found.sort(key=lambda c: c.start)
    kept: list[_Clock] = []
    for c in found:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return tuple(kept)
