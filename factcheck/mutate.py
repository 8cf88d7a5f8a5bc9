"""Mutation self-test: edit one fact in one article and record what a checker must find.

A mutation changes one fact that at least one other article of the corpus also
states (a number, an amount, a duration, a date or weekday, a speaker, a name
in a list, a negation, a word inside a quotation), so that a correct checker
can detect it by comparing the two. Each mutation gives its own corpus: a copy
of the source articles with that one edit, plus a ``factcheck-gold/1`` file
whose expected finding points at the edited span and its counterpart.

Edits stay grammatical: number words keep agreement (``deux ans`` →
``trois ans``, never ``un ans``), French elision follows the new word
(``de juillet`` → ``d'août``), negation is inserted or removed whole
(``a reconnu`` ↔ ``n'a pas reconnu``). Facts are found with plain patterns and
the normalized view (:mod:`factcheck.normalize`), independently of the
checker's own extractors, so the self-test does not share their blind spots.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import re
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError
from factcheck.evaluate import GOLD_FORMAT, article_names, check_json
from factcheck.ingest import read_article_text
from factcheck.jsonfile import read_json
from factcheck.metadata import detect_language
from factcheck.model import Span
from factcheck.normalize import norm

if TYPE_CHECKING:
    from factcheck.model import Embedder

MUTATION_TYPES = (
    "number",
    "currency",
    "duration",
    "date",
    "speaker",
    "list_name",
    "negation",
    "quote_word",
    "lexical_negation",
    "alternative",
    "role_swap",
    "organisation",
    "reported_speaker",
)

EXPECTED_KIND = {
    "number": "value_mismatch",
    "currency": "value_mismatch",
    "duration": "value_mismatch",
    "date": "date_mismatch",
    "speaker": "attribution_mismatch",
    "list_name": "entity_mismatch",
    "negation": "contradiction",
    "quote_word": "quote_drift",
    "lexical_negation": "contradiction",
    "alternative": "contradiction",
    "role_swap": "contradiction",
    "organisation": "entity_mismatch",
    "reported_speaker": "attribution_mismatch",
}

MANIFEST = "mutations.json"


@dataclass(frozen=True)
class Edit:
    """One possible edit: replace ``text[start:end]`` (``original``) by one of ``choices``."""

    type: str
    article: str
    start: int
    end: int
    original: str
    choices: tuple[str, ...]
    key: tuple[Any, ...]  # the normalized fact, to find it in other articles


@dataclass(frozen=True)
class Mutation:
    """One applied edit, where it is, what it replaced, and the fact it contradicts."""

    id: str
    type: str
    article: str
    start: int  # same offset in the original and the mutated text
    end: int  # end of ``original`` in the original text
    original: str
    replacement: str
    counterpart: Span  # the same fact in another (unchanged) article
    corpus: Path  # folder of this mutation: gold.json and articles/
    seed: int

    @property
    def expected_kind(self) -> str:
        return EXPECTED_KIND[self.type]

    @property
    def mutated(self) -> Span:
        """The edited span in the mutated article."""
        end = self.start + len(self.replacement)
        return Span(self.article, self.start, end, self.replacement)

    @property
    def articles_dir(self) -> Path:
        return self.corpus / "articles"

    @property
    def gold_path(self) -> Path:
        return self.corpus / "gold.json"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "expected_kind": self.expected_kind,
            "counterpart": self.counterpart.as_dict(),
            "seed": self.seed,
        }


# --- vocabulary ------------------------------------------------------------------------------

_FR_NUMBERS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
}
_EN_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUMBER_WORDS = {**_FR_NUMBERS, **_EN_NUMBERS}
_CURRENCIES = {
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "eur": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "$": "USD",
    "usd": "USD",
    "livres": "GBP",
    "pounds": "GBP",
    "£": "GBP",
}
_DURATIONS = {
    "heure": "hour",
    "heures": "hour",
    "hour": "hour",
    "hours": "hour",
    "jour": "day",
    "jours": "day",
    "day": "day",
    "days": "day",
    "semaine": "week",
    "semaines": "week",
    "week": "week",
    "weeks": "week",
    "mois": "month",
    "month": "month",
    "months": "month",
    "an": "year",
    "ans": "year",
    "annee": "year",
    "annees": "year",
    "year": "year",
    "years": "year",
    "minute": "minute",
    "minutes": "minute",
}
_MULTIPLIERS = {
    "mille": 1e3,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}
_FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Same part of speech, gender and number on both sides, so the sentence stays grammatical.
_QUOTE_SWAPS = {
    "nos": "ces",
    "vos": "ces",
    "notre": "cette",
    "avons": "avions",
    "est": "était",
    "sont": "étaient",
    "sera": "serait",
    "seront": "seraient",
    "peut": "pourrait",
    "doit": "devrait",
    "corrigeons": "examinons",
    "identifié": "constaté",
    "mentent": "exagèrent",
    "condamne": "déplore",
    "condamnons": "déplorons",
    "failles": "erreurs",
    "erreurs": "failles",
    "médias": "journaux",
    "contenus": "messages",
    "images": "photos",
    "mesures": "actions",
    "sécurité": "protection",
    "immédiatement": "rapidement",
    "rapidement": "immédiatement",
    "totalement": "partiellement",
    "inacceptable": "regrettable",
    "inadmissible": "regrettable",
    "illégale": "tolérée",
    "interdite": "tolérée",
    "our": "their",
    "we": "they",
    "us": "them",
    "is": "was",
    "are": "were",
    "will": "would",
    "can": "could",
    "has": "had",
    "immediately": "quickly",
    "urgently": "quickly",
    "fully": "partly",
    "always": "often",
    "lapses": "errors",
    "safeguards": "systems",
    "illegal": "harmful",
    "unacceptable": "regrettable",
    "fixing": "reviewing",
    "identified": "noticed",
}

_STOP = set(
    [
        "les",
        "des",
        "une",
        "dans",
        "pour",
        "avec",
        "sur",
        "par",
        "qui",
        "que",
        "quoi",
        "dont",
        "ont",
        "est",
        "sont",
        "été",
        "avait",
        "avaient",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "aux",
        "du",
        "de",
        "la",
        "le",
        "un",
        "il",
        "elle",
        "ils",
        "elles",
        "nous",
        "vous",
        "mais",
        "plus",
        "pas",
        "ne",
        "aussi",
        "comme",
        "tout",
        "tous",
        "toute",
        "selon",
        "fait",
        "faire",
        "avoir",
        "etre",
        "après",
        "avant",
        "entre",
        "sans",
        "sous",
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "been",
        "will",
        "would",
        "their",
        "they",
        "which",
        "about",
        "after",
        "before",
        "into",
        "over",
        "said",
        "also",
        "than",
        "them",
        "there",
        "when",
        "where",
        "while",
    ]
)
# Capitalized words that start sentences rather than names.
_NOT_NAMES = set(
    [
        "Le",
        "La",
        "Les",
        "L",
        "Un",
        "Une",
        "Des",
        "De",
        "Du",
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "On",
        "Nous",
        "Vous",
        "Ce",
        "Cette",
        "Ces",
        "Selon",
        "Pour",
        "Dans",
        "En",
        "Mais",
        "Et",
        "Or",
        "Si",
        "Lire",
        "Outre",
        "Peu",
        "Son",
        "Sa",
        "Ses",
        "Leur",
        "Leurs",
        "Au",
        "Aux",
        "Par",
        "Sur",
        "Avec",
        "Sans",
        "Après",
        "Avant",
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "According",
    ]
)

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_NUM = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_VALUE = re.compile(
    rf"(?P<pre>[$€£]\s?)?\b(?P<num>{_NUM}|{'|'.join(_NUMBER_WORDS)})\b"
    r"(?:[\s\u00a0\u202f]+(?P<mult>mille|thousand|millions?|milliards?|billions?)\b)?"
    r"(?:[\s\u00a0\u202f]*(?:d['’]|de\s+|of\s+)?(?P<unit>%|€|\$|£|\w+²?))?",
    re.IGNORECASE,
)
# A title is not part of the name it precedes ("Mayor Helen Park": swap "Helen Park").
_TITLES = (
    "Mayor|Minister|President|Prime|Senator|Governor|Councillor|Judge|Chief|Professor|Dr|Mr|Mrs"
    "|Ms|Sir|Maître|Mme|Monsieur|Madame|Président|Présidente|Ministre|Docteur|Maire"
)
_NAME_TOKEN = rf"(?!(?:{_TITLES})\b)(?:[A-ZÀ-Ý][\w’'-]*\w|[a-z]+[A-Z]\w*)"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_WEEKDAYS = "|".join(_FR_DAYS + _EN_DAYS)
_FR_VERBS = (
    "déclaré|écrit|indiqué|affirmé|expliqué|précisé|ajouté|souligné|estimé|annoncé|assuré|dit"
    "|confirmé|rappelé|dénoncé|répondu|fait savoir|tweeté|martelé|insisté|reconnu|averti"
    "|détaillé|raconté|témoigné|regretté|admis|prévenu|jugé"
)
_EN_VERBS = "said|says|wrote|added|stated|told reporters|announced|warned|confirmed"
_SPEAKER_AFTER = re.compile(
    rf"(?:\b(?:a|ont)\s+(?:{_FR_VERBS})|\b(?:{_EN_VERBS})|\bselon|\bd['’]après|\baccording to)"
    rf"(?:\s+(?:{_WEEKDAYS}|hier|yesterday)(?:\s+(?:matin|soir|morning|evening))?)?"
    # An optional role before the name: "la préfète de l'Isère, Claire Duval".
    r"(?:\s+(?:les|le|la|l['’]|the)\s?[\w’'-]+(?:\s+(?:de|du|des|of)\s+(?:l['’]|la\s|le\s)?[\w’'-]+)?,?)?"
    rf"\s+(?P<name>{_NAME})",
)
_SPEAKER_BEFORE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:a\s+(?:{_FR_VERBS})|{_EN_VERBS})\b",
)
_PERSON = re.compile(rf"\b{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}}\b")
_LIST_LINK = re.compile(r"^\s*(?:,|et|and)\s", re.IGNORECASE)
_FR_AUX = "a|ont|avait|avaient|est|sont|était|étaient|avons|sera|seront"
_NEG_REMOVE = re.compile(
    rf"\b(?P<ne>ne\s+|n['’])(?P<aux>{_FR_AUX})\s+(?P<pas>pas|jamais)\b"
    r"|\b(?P<en>is|are|was|were|has|have|had|will|would|could|can|should|did|does|do)\s+not\b"
    r"|\b(?P<nt>is|are|was|were|has|have|had|did|does|do|could|should|would)n['’]t\b",
)
# Adverbs that end like participles ("ont aussi", "a parfois"): not a verb to negate.
_NOT_PARTICIPLES = "aussi|parfois|ainsi|depuis|puis|ici|lui|parmi|jamais|mais|souvent|bien|toujours"
_NEG_INSERT = re.compile(
    rf"(?<![\w'’])(?P<aux>{_FR_AUX})\s+(?!(?:{_NOT_PARTICIPLES})\b)"
    r"(?=[a-zéè]\w*(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|ort)\b)"
    r"|(?<![\w'’])(?P<en>is|are|was|were|has|have|had|will|would|could|can|should)\s+"
    r"(?=[a-z]\w*(?:ed|en|ing)\b)",
)
_QUOTED = re.compile(r"«([^»]{3,400})»|“([^”]{3,400})”|\"([^\"\n]{3,400})\"")
# A verb that asserts its complement, and the negating verb that replaces it (the
# complement stays: "a accepté de signer" → "a refusé de signer").
_LEXICAL_NEGATIONS = {
    "accepté de": "refusé de",
    "décidé de": "refusé de",
    "choisi de": "renoncé à",
    "réussi à": "échoué à",
    "confirmé": "démenti",
    "reconnu": "nié",
    "agreed to": "refused to",
    "decided to": "refused to",
    "managed to": "failed to",
    "confirmed": "denied",
    "admitted": "denied",
}
_LEXNEG = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+"
    r"(?P<fr>accepté de|décidé de|choisi de|réussi à|confirmé|reconnu)\b"
    r"|\b(?P<en>agreed to|decided to|managed to|confirmed|admitted)\b"
)
_SELON_NAME = re.compile(
    r"\b(?:[Ss]elon|[Dd]['’]après|[Aa]ccording to)\s+"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}})"
)
# "Paris a convoqué Hun Sen" → "Hun Sen a convoqué Paris": two bare names around a
# verb, the second not the modifier of a noun ("the Sudanese government").
_ROLE_SWAP = re.compile(
    rf"(?P<a>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})"
    r"(?P<mid>\s+(?:(?:a|ont|has|have|had)\s+)?[a-zéè]{3,}(?:é|ée|és|ed)\s+)"
    rf"(?P<b>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})\b"
    r"(?!\s+(?!(?:of|in|on|at|and|to|for|with|by|from|de|du|des|à|en|et|pour|par|sur|dans)\b)"
    r"[a-zéè])"
)
_ORG_SUBJECT = re.compile(
    rf"(?<![\w'’])(?P<org>{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|du|des|of|for)){{0,4}})"
    r"(?=\s+(?:a|ont|va|vont|avait|has|have|had|will)\s+(?:été\s+|been\s+)?(?P<verb>\w+))"
)
_ORG_POOL = {
    "fr": ("la Fondation Verlaine", "le groupe Altarès", "l'Office Norvane"),
    "en": ("the Calloway Institute", "Brimstead Holdings", "the Norvane Council"),
}


# --- finding candidate edits ----------------------------------------------------------------


def _case_like(word: str, model: str) -> str:
    """``word`` with the capitalization of ``model``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _parse_number(raw: str) -> float:
    word = raw.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    grouped = re.fullmatch(r"(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+)(?:,(\d+))?", raw)
    if grouped:
        whole = re.sub(r"\D", "", grouped.group(1))
        return float(f"{whole}.{grouped.group(2) or 0}")
    return float(raw.replace(",", "."))


def _number_choices(raw: str, english: bool) -> tuple[str, ...]:
    """Other values written like ``raw``, never 0 or 1 (which would change agreement)."""
    word = raw.lower()
    if word in _NUMBER_WORDS:
        # "six" is both French and English: the article's language decides.
        in_english = word in _EN_NUMBERS and (english or word not in _FR_NUMBERS)
        table = _EN_NUMBERS if in_english else _FR_NUMBERS
        return tuple(_case_like(w, raw) for w in table if w != word)
    # Change the leading digit only: the separators and decimals keep the outlet's style.
    first = next(i for i, c in enumerate(raw) if c.isdigit())
    return tuple(raw[:first] + d + raw[first + 1 :] for d in "23456789" if d != raw[first])


def _value_edits(name: str, text: str) -> Iterator[Edit]:
    english = detect_language(text) == "en"
    for m in _VALUE.finditer(text):
        raw = m.group("num")
        value = _parse_number(raw)
        if value < 2:
            continue
        unit = norm(m.group("unit") or "", strip_accents=True)
        pre = (m.group("pre") or "").strip()
        value *= _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        if pre or unit in _CURRENCIES:
            kind, key = "currency", (value, _CURRENCIES[pre or unit])
        elif unit in _DURATIONS:
            kind, key = "duration", (value, _DURATIONS[unit])
        elif unit and unit[0].isalpha() and unit not in _STOP and _is_count_head(unit):
            if 1900 <= value <= 2100 and raw.isdigit():
                continue  # a year, not a count
            kind, key = "number", (value, unit[:5])
        elif unit == "%":
            kind, key = "number", (value, "%")
        else:
            continue
        choices = _number_choices(raw, english)
        yield Edit(kind, name, m.start("num"), m.end("num"), raw, choices, key)


def _is_count_head(unit: str) -> bool:
    months = {norm(x, strip_accents=True) for x in _FR_MONTHS + _EN_MONTHS}
    measure = unit in ("m2", "km2", "km", "kg", "ha")
    return (len(unit) > 2 or measure) and unit not in months and unit not in _MULTIPLIERS


def _date_edits(name: str, text: str) -> Iterator[Edit]:
    months = _FR_MONTHS + _EN_MONTHS
    month_re = "|".join(months)
    for m in re.finditer(rf"\b({_WEEKDAYS})\b", text, re.IGNORECASE):
        word = m.group(1)
        table = _FR_DAYS if word.lower() in _FR_DAYS else _EN_DAYS
        index = [d.lower() for d in table].index(word.lower())
        choices = tuple(_case_like(d, word) for i, d in enumerate(table) if i != index)
        yield Edit("date", name, m.start(1), m.end(1), word, choices, ("weekday", index))
    day_month = re.compile(
        rf"\b(?P<day>1er|\d{{1,2}})\s+(?P<month>{month_re})\b"
        rf"|\b(?P<month2>{'|'.join(_EN_MONTHS)})\s+(?P<day2>\d{{1,2}})\b",
        re.IGNORECASE,
    )
    dated: set[int] = set()
    for m in day_month.finditer(text):
        group = "day" if m.group("day") else "day2"
        raw = m.group(group)
        month = (m.group("month") or m.group("month2")).lower()
        day = 1 if raw == "1er" else int(raw)
        if not 1 <= day <= 31:
            continue
        dated.add(m.start("month") if m.group("month") else m.start("month2"))
        choices = tuple(str(d) for d in (3, 5, 8, 11, 14, 17, 20, 23, 26) if d != day)
        key = ("day", day, [x.lower() for x in months].index(month) % 12)
        yield Edit("date", name, m.start(group), m.end(group), raw, choices, key)
    for m in re.finditer(rf"\b({month_re})\b", text, re.IGNORECASE):
        if m.start(1) in dated or m.group(1) in ("may", "Mars"):
            continue  # the modal verb and the planet, not months
        word = m.group(1)
        table = _FR_MONTHS if word.lower() in _FR_MONTHS else _EN_MONTHS
        index = [x.lower() for x in table].index(word.lower())
        choices = tuple(_case_like(x, word) for i, x in enumerate(table) if i != index)
        yield Edit("date", name, m.start(1), m.end(1), word, choices, ("month", index))


def _is_name(candidate: str) -> bool:
    tokens = candidate.split()
    # "L’Inde", "D'Artagnan": an elided article or preposition glued to a place name.
    return bool(tokens) and tokens[0] not in _NOT_NAMES and not re.match(r"[LD]['’]", tokens[0])


def _speaker_edits(name: str, text: str) -> Iterator[Edit]:
    for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE):
        for m in pattern.finditer(text):
            speaker = m.group("name")
            # "le parquet de Paris a dit": Paris completes a noun, it is not the speaker.
            before = text[max(0, m.start("name") - 5) : m.start("name")]
            complement = re.search(r"\b(?:de|du|des|of)\s+$|\bd['’]$", before)
            if _is_name(speaker) and not complement:
                key = ("name", norm(speaker, strip_accents=True))
                yield Edit("speaker", name, m.start("name"), m.end("name"), speaker, (), key)


def _list_name_edits(name: str, text: str) -> Iterator[Edit]:
    people = [m for m in _PERSON.finditer(text) if _is_name(m.group())]
    for a, b in itertools.pairwise(people):
        between = text[a.end() : b.start()]
        # Two names joined by a list separator (possibly with a title word between).
        if len(between) <= 30 and "\n" not in between and _LIST_LINK.match(between):
            for m in (a, b):
                key = ("name", norm(m.group(), strip_accents=True))
                yield Edit("list_name", name, m.start(), m.end(), m.group(), (), key)


def _negation_edits(name: str, text: str) -> Iterator[Edit]:
    apostrophe = "’" if text.count("’") > text.count("'") else "'"
    for m in _NEG_REMOVE.finditer(text):
        if m.group("aux"):
            new = m.group("aux")
            if m.group("ne")[0].isupper():
                new = _case_like(new, "X")
        elif m.group("en"):
            new = m.group("en")
        else:
            new = m.group("nt")
        key = ("negation", m.group("aux") or m.group("en") or m.group("nt"))
        yield Edit("negation", name, m.start(), m.end(), m.group(), (new,), key)
    for m in _NEG_INSERT.finditer(text):
        if m.group("aux"):
            aux = m.group("aux")
            before = text[max(0, m.start() - 4) : m.start()]
            if re.search(r"\b(?:y|en|se|s['’])\s$", before):
                continue  # "il y a", "s'en est": negating these needs more than ne...pas
            if re.search(r"[»\"”],?\s*$", before):
                continue  # '», a rappelé le parquet': an attribution incise is never negated
            ne = f"n{apostrophe}" if aux[0] in "aeéèiouy" else "ne "
            new = f"{ne}{aux} pas"
        else:
            aux = m.group("en")
            new = f"{aux} not"
        yield Edit(
            "negation", name, m.start(), m.start() + len(aux), aux, (new,), ("negation", aux)
        )


def _quote_word_edits(name: str, text: str) -> Iterator[Edit]:
    for q in _QUOTED.finditer(text):
        group = next(i for i in (1, 2, 3) if q.group(i) is not None)
        for w in _WORD.finditer(q.group(group)):
            swap = _QUOTE_SWAPS.get(w.group().lower())
            if swap:
                start = q.start(group) + w.start()
                yield Edit(
                    "quote_word",
                    name,
                    start,
                    start + len(w.group()),
                    w.group(),
                    (_case_like(swap, w.group()),),
                    ("word", norm(w.group())),
                )


def _lexical_negation_edits(name: str, text: str) -> Iterator[Edit]:
    for m in _LEXNEG.finditer(text):
        group = "fr" if m.group("fr") else "en"
        word = m.group(group)
        yield Edit(
            "lexical_negation",
            name,
            m.start(group),
            m.end(group),
            word,
            (_LEXICAL_NEGATIONS[word],),
            ("lexneg", word),
        )


def _alternative_edits(name: str, text: str) -> Iterator[Edit]:
    """A member of a class of exclusive values (lexicon ``alternatives``) swapped for
    another member of its class: "en train" → "en voiture"."""
    from factcheck.lexicon import table

    lang = detect_language(text)
    for cls, body in table("en" if lang == "en" else "fr", "alternatives").items():
        if not body.get("mutate", True):
            continue
        members = {k: v for k, v in body.items() if isinstance(v, list) and k != "compatible"}
        compatible = {frozenset(p) for p in body.get("compatible", ())}
        for member, forms in members.items():
            for form in forms:
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    others = tuple(
                        _case_like(str(v[0]), m.group())
                        for k, v in members.items()
                        if k != member and frozenset((k, member)) not in compatible
                    )
                    key = ("alternative", cls, member)
                    yield Edit("alternative", name, m.start(), m.end(), m.group(), others, key)


def _role_swap_edits(name: str, text: str) -> Iterator[Edit]:
    for m in _ROLE_SWAP.finditer(text):
        a, b = m.group("a"), m.group("b")
        if not (_is_name(a) and _is_name(b)) or norm(a) == norm(b):
            continue
        swapped = b + m.group("mid") + a
        key = ("name", norm(a, strip_accents=True))
        yield Edit("role_swap", name, m.start(), m.end(), m.group(), (swapped,), key)


def _organisation_edits(name: str, text: str) -> Iterator[Edit]:
    lang = "en" if detect_language(text) == "en" else "fr"
    for m in _ORG_SUBJECT.finditer(text):
        org = m.group("org")
        if not _is_name(org) or len(org.split()) < 2 or org.split()[-1] in ("de", "of", "for"):
            continue
        # The fact is this actor doing this: another article must say the same actor
        # with the same verb (its stem), not merely name it.
        key = ("actor", norm(org, strip_accents=True), norm(m.group("verb"))[:5])
        choices = tuple(o for o in _ORG_POOL[lang] if o not in text)
        yield Edit("organisation", name, m.start(), m.end(), org, choices, key)


def _reported_speaker_edits(name: str, text: str) -> Iterator[Edit]:
    for m in _SELON_NAME.finditer(text):
        if _is_name(m.group("name")):
            key = ("name", norm(m.group("name"), strip_accents=True))
            yield Edit(
                "reported_speaker", name, m.start("name"), m.end("name"), m.group("name"), (), key
            )


def _mentions(name: str, text: str) -> Iterator[Edit]:
    """Every proper-name run: never edited, but where a swapped name is found elsewhere."""
    for m in re.finditer(_NAME, text):
        # A lone capitalized word after a full stop is a sentence start, not a name.
        sentence_start = re.search(
            r"(?:^|[.!?»\"]\s*\n?)\s*$", text[max(0, m.start() - 4) : m.start()]
        )
        if _is_name(m.group()) and not (sentence_start and " " not in m.group()):
            key = ("name", norm(m.group(), strip_accents=True))
            yield Edit("mention", name, m.start(), m.end(), m.group(), (), key)


_FINDERS: tuple[Callable[[str, str], Iterator[Edit]], ...] = (
    _value_edits,
    _date_edits,
    _speaker_edits,
    _list_name_edits,
    _negation_edits,
    _quote_word_edits,
    _lexical_negation_edits,
    _alternative_edits,
    _role_swap_edits,
    _organisation_edits,
    _reported_speaker_edits,
    _mentions,
)


# --- is the fact stated elsewhere? ----------------------------------------------------------


def _context(text: str, start: int, end: int, radius: int = 160) -> tuple[int, int]:
    """The window around a span, inside its paragraph."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return max(left, start - radius), min(right, end + radius)


def _content_words(text: str) -> set[str]:
    return {
        w
        for w in _WORD.findall(norm(text, strip_accents=True))
        if (len(w) > 3 and w not in _STOP) or (w.isdigit() and len(w) > 1)
    }


def _needed_overlap(edit: Edit) -> int:
    """Shared context words needed to call two mentions the same fact.

    A specific key (a name, an amount, a figure of 10 or more with its unit)
    rarely repeats by chance, so one shared word around it is enough, which
    also lets a French and an English report match. Common keys (weekdays,
    small numbers, auxiliaries, quote words) need a clearly shared passage.
    """
    key = edit.key
    if key[0] in ("name", "actor") or edit.type == "currency":
        return 1
    if edit.type in ("number", "duration") and key[0] >= 10:
        return 1
    return 3


def _counterpart(edit: Edit, texts: Mapping[str, str], all_edits: Sequence[Edit]) -> Span | None:
    """The same fact in another article: the same key in a passage sharing enough words.

    A speaker may be named differently elsewhere (that is what attribution
    checks are for), so for speakers any named speaker or name in a passage
    sharing many words also counts; the same name is preferred.
    """
    own = texts[edit.article]
    lo, hi = _context(own, edit.start, edit.end)
    words = _content_words(own[lo : edit.start] + " " + own[edit.end : hi])
    best: tuple[tuple[int, int, int, str, int], Edit] | None = None
    for other in all_edits:
        if other.article == edit.article:
            continue
        same = other.key == edit.key
        # A speaker may be named differently elsewhere; a verb negated in words is
        # matched by the passage it sits in (another outlet may not use that verb).
        loose = (
            edit.type in ("speaker", "reported_speaker")
            and other.type in ("speaker", "reported_speaker", "mention")
        ) or (edit.type == "lexical_negation" and other.type == "mention")
        if not (same or loose):
            continue
        text = texts[other.article]
        a, b = _context(text, other.start, other.end)
        shared = len(words & _content_words(text[a : other.start] + " " + text[other.end : b]))
        if shared < (_needed_overlap(edit) if same else 5):
            continue
        rank = (int(same), int(other.type == "speaker"), shared, other.article, -other.start)
        if best is None or rank > best[0]:
            best = (rank, other)
    if best is None:
        return None
    found = best[1]
    return Span(found.article, found.start, found.end, found.original)


def _with_elision(text: str, start: int, end: int, new: str) -> tuple[int, str, str]:
    """Adjust a preceding French ``de``/``le``/``que`` to the new word's first letter.

    Returns the (possibly earlier) start, the original text from there, and the
    replacement: ``de juillet`` → ``d'août`` and ``d'avril`` → ``de mai``.
    """
    vowel = new[:1].lower() in "aeiouyéèêâîôh"
    m = re.search(r"\b([dlDL]|[Qq]u)(['’])$", text[max(0, start - 3) : start])
    if m and not vowel:
        full = {"d": "de", "l": "le", "qu": "que"}[m.group(1).lower()]
        begin = start - len(m.group())
        return begin, text[begin:end], _case_like(full, m.group(1)) + " " + new
    m = re.search(r"\b([dD]e|[Ll]e|[Qq]ue) $", text[max(0, start - 4) : start])
    if m and vowel:
        begin = start - len(m.group())
        apostrophe = "’" if text.count("’") > text.count("'") else "'"
        return begin, text[begin:end], m.group(1)[:-1] + apostrophe + new
    return start, text[start:end], new


_PEOPLE_POOL = {
    "fr": ("Claire Fontanel", "Julien Marchetti", "Nadia Berkane", "Hugo Lemaire"),
    "en": ("Laura Whitfield", "Daniel Okafor", "Megan Castellano", "Peter Lindqvist"),
}


def _name_choices(edit: Edit, texts: Mapping[str, str]) -> tuple[str, ...]:
    """Invented people who appear nowhere in the corpus (so the swap is a real change)."""
    corpus = " ".join(texts.values())
    english = detect_language(texts[edit.article]) == "en"
    pool = _PEOPLE_POOL["en"] if english else _PEOPLE_POOL["fr"]
    return tuple(p for p in pool if p not in corpus)


def _short_line(text: str, pos: int) -> bool:
    """A line of a few words: a header, dateline, byline or tag, not a reported fact."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(_WORD.findall(text[start : end if end >= 0 else len(text)])) < 8


def find_edits(
    texts: Mapping[str, str], types: Sequence[str] = MUTATION_TYPES
) -> list[tuple[Edit, Span]]:
    """Every candidate edit of the wanted ``types`` whose fact another article also states.

    Returns ``(edit, counterpart)`` pairs in a stable order (article, offset, type).
    """
    edits = [e for name in sorted(texts) for finder in _FINDERS for e in finder(name, texts[name])]
    out = []
    for edit in edits:
        if edit.type not in types:
            continue
        if edit.type in ("speaker", "list_name", "reported_speaker"):
            edit = dataclasses.replace(edit, choices=_name_choices(edit, texts))
        if not edit.choices or _short_line(texts[edit.article], edit.start):
            continue
        other = _counterpart(edit, texts, edits)
        if other is not None:
            out.append((edit, other))
    out.sort(key=lambda p: (p[0].article, p[0].start, p[0].type))
    return out


# --- writing mutated corpora ----------------------------------------------------------------


def _unique_quote(text: str, start: int, end: int) -> str:
    """The shortest word-extended window around ``[start, end)`` that occurs once in ``text``."""
    while True:
        quote = text[start:end]
        if text.count(quote) == 1 or (start == 0 and end == len(text)):
            return quote
        grow_left = start > 0 and (end == len(text) or (end - start) % 2)
        if grow_left:
            start = max(0, text.rfind(" ", 0, start - 1) + 1) if start > 1 else 0
        else:
            nxt = text.find(" ", end + 1)
            end = len(text) if nxt < 0 else nxt


def _article_files(source_dir: Path) -> list[Path]:
    return sorted(p for p in source_dir.iterdir() if p.is_file() and p.suffix == ".txt")


def mutate(
    source_dir: Path,
    out_dir: Path,
    seed: int,
    count: int = 1,
    types: Sequence[str] = MUTATION_TYPES,
) -> list[Mutation]:
    """Write ``count`` mutated corpora of ``source_dir`` under ``out_dir``, one edit each.

    Mutation types are taken in turn (in a seed-shuffled order) so a run covers
    all of them; within a type the candidate and its replacement are drawn with
    ``random.Random(seed)``, so the same seed gives the same corpora. Each
    corpus is ``out_dir/<id>/articles/*.txt`` plus ``out_dir/<id>/gold.json``;
    ``out_dir/mutations.json`` lists them all. Returns fewer than ``count``
    mutations when the corpus has no more candidate facts.
    """
    files = _article_files(Path(source_dir))
    texts = {p.name: read_article_text(p) for p in files}
    rng = random.Random(seed)
    pool: dict[str, list[tuple[Edit, Span]]] = {}
    for edit, other in find_edits(texts, types):
        pool.setdefault(edit.type, []).append((edit, other))
    order = sorted(pool)
    rng.shuffle(order)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mutations: list[Mutation] = []
    turn = 0
    while len(mutations) < count and any(pool.values()):
        kind = order[turn % len(order)]
        turn += 1
        if not pool[kind]:
            continue
        edit, other = pool[kind].pop(rng.randrange(len(pool[kind])))
        new = rng.choice(edit.choices)
        start, original, replacement = edit.start, edit.original, new
        if edit.type in ("date", "speaker", "list_name", "reported_speaker", "organisation"):
            start, original, replacement = _with_elision(
                texts[edit.article], edit.start, edit.end, new
            )
        mutation = Mutation(
            id=f"m{len(mutations):03d}",
            type=edit.type,
            article=edit.article,
            start=start,
            end=edit.end,
            original=original,
            replacement=replacement,
            counterpart=other,
            corpus=out_dir / f"m{len(mutations):03d}",
            seed=seed,
        )
        _write_corpus(mutation, files, texts[edit.article])
        mutations.append(mutation)
    manifest = {
        "source": str(Path(source_dir).resolve()),
        "seed": seed,
        "mutations": [{**m.as_dict(), "corpus": m.corpus.name} for m in mutations],
    }
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    return mutations


def _write_corpus(m: Mutation, files: Sequence[Path], original_text: str) -> None:
    m.articles_dir.mkdir(parents=True, exist_ok=True)
    mutated_text = original_text[: m.start] + m.replacement + original_text[m.end :]
    for path in files:
        target = m.articles_dir / path.name
        if path.name != m.article:
            shutil.copyfile(path, target)
            continue
        bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
        with target.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(mutated_text)
    counter_text = read_article_text(m.articles_dir / m.counterpart.article)
    statements = [
        {"article": m.article, "quote": _unique_quote(mutated_text, m.start, m.mutated.end)},
        {
            "article": m.counterpart.article,
            "quote": _unique_quote(counter_text, m.counterpart.start, m.counterpart.end),
        },
    ]
    gold = {
        "format": GOLD_FORMAT,
        "description": (
            f"Mutation {m.id} ({m.type}): {m.original!r} -> {m.replacement!r} in {m.article}; "
            f"{m.counterpart.article} still states the original."
        ),
        "articles_dir": "articles",
        "articles": {p.name: {} for p in files},
        "groups": [{"id": f"{m.id}-fact", "statements": statements}],
        "expected_findings": [
            {
                "id": m.id,
                "kind": m.expected_kind,
                "min_severity": "warning",
                "why": f"{m.type} edited: {m.original!r} became {m.replacement!r}.",
                "statements": statements,
            }
        ],
        "mutation": m.as_dict(),
    }
    m.gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", "utf-8")


def load_mutations(out_dir: Path) -> list[Mutation]:
    """The mutations a previous :func:`mutate` run wrote under ``out_dir``."""
    manifest = read_json(Path(out_dir) / MANIFEST, "mutations")
    return [
        Mutation(
            id=d["id"],
            type=d["type"],
            article=d["article"],
            start=d["start"],
            end=d["end"],
            original=d["original"],
            replacement=d["replacement"],
            counterpart=Span(**d["counterpart"]),
            corpus=Path(out_dir) / d["corpus"],
            seed=d["seed"],
        )
        for d in manifest["mutations"]
    ]


# --- scoring a checker on mutated corpora ---------------------------------------------------

_WARNING = ("warning", "error")


@dataclass(frozen=True)
class MutationOutcome:
    """What the checker reported on one mutated corpus."""

    mutation: Mutation
    detected: tuple[str, ...]  # ids of findings (any severity) whose evidence touches the edit
    detected_warning: bool  # one of them is at warning or above
    detected_kind: bool  # one of them is at warning or above and of the expected kind
    collateral: tuple[str, ...]  # new findings (vs the unmutated run) away from the edit
    collateral_warning: int  # how many of those are at warning or above

    def as_dict(self) -> dict[str, Any]:
        return {
            "mutation": self.mutation.as_dict(),
            "detected": list(self.detected),
            "detected_warning": self.detected_warning,
            "detected_kind": self.detected_kind,
            "collateral": list(self.collateral),
            "collateral_warning": self.collateral_warning,
        }


@dataclass(frozen=True)
class MutationScore:
    """Detection and collateral damage over a run of mutations."""

    outcomes: tuple[MutationOutcome, ...]

    def _rates(self, outcomes: Sequence[MutationOutcome]) -> dict[str, float | int]:
        n = len(outcomes)

        def share(flags: Iterator[bool]) -> float:
            return round(sum(flags) / n, 3) if n else 0.0

        return {
            "mutations": n,
            "detection_rate": share(bool(o.detected) for o in outcomes),
            "detection_rate_warning": share(o.detected_warning for o in outcomes),
            "detection_rate_kind": share(o.detected_kind for o in outcomes),
            "clean_rate": share(o.collateral_warning == 0 for o in outcomes),
            "collateral_warning_per_mutation": (
                round(sum(o.collateral_warning for o in outcomes) / n, 3) if n else 0.0
            ),
        }

    def metrics(self) -> dict[str, float | int]:
        """Headline rates over all mutations (what quality floors are pinned on)."""
        return self._rates(self.outcomes)

    def by_type(self) -> dict[str, dict[str, float | int]]:
        """The same rates per mutation type."""
        types = sorted({o.mutation.type for o in self.outcomes}, key=MUTATION_TYPES.index)
        return {t: self._rates([o for o in self.outcomes if o.mutation.type == t]) for t in types}

    def as_dict(self) -> dict[str, Any]:
        return {
            "metrics": self.metrics(),
            "by_type": self.by_type(),
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


def _touches(evidence: Mapping[str, Any], names: Mapping[str, str], place: Span) -> bool:
    article: str = evidence["article"]
    start: int = evidence["start"]
    end: int = evidence["end"]
    return names.get(article, article) == place.article and start < place.end and place.start < end


def score_mutations(
    mutations: Sequence[Mutation],
    reports: Mapping[str, Mapping[str, Any]],
    baseline: Mapping[str, Any],
) -> MutationScore:
    """Score the checker's report on each mutated corpus (``reports[mutation.id]``).

    Detection: a finding whose evidence overlaps the edited span. Collateral: a
    finding absent from the unmutated ``baseline`` report (compared by baseline
    fingerprint: per fact from its values, so a copy leaving a fact is not a new
    finding; else kind + normalized evidence text) that does not touch the edit.
    """
    from factcheck.diff import finding_fingerprint

    before = {finding_fingerprint(f) for f in baseline["findings"]}
    outcomes = []
    for m in mutations:
        report = reports[m.id]
        names = article_names(report)
        span = m.mutated
        # A finding about one fact lists every span of its values (issue 17); the edited
        # span may be one of several agreeing ones, outside the evidence's one per value.
        hits = [
            f
            for f in report["findings"]
            if any(
                _touches(e, names, span)
                for e in [*f["evidence"], *(e for v in f.get("values", ()) for e in v["evidence"])]
            )
        ]
        new = [
            f for f in report["findings"] if f not in hits and finding_fingerprint(f) not in before
        ]
        outcomes.append(
            MutationOutcome(
                mutation=m,
                detected=tuple(f["id"] for f in hits),
                detected_warning=any(f["severity"] in _WARNING for f in hits),
                detected_kind=any(
                    f["severity"] in _WARNING and f["kind"] == m.expected_kind for f in hits
                ),
                collateral=tuple(f["id"] for f in new),
                collateral_warning=sum(f["severity"] in _WARNING for f in new),
            )
        )
    return MutationScore(tuple(outcomes))


def check_mutations(
    mutations: Sequence[Mutation], source_dir: Path, embedder: Embedder | None = None
) -> MutationScore:
    """Run the checker on the source corpus and on every mutated corpus, and score it."""
    baseline = check_json(Path(source_dir), embedder)
    reports = {m.id: check_json(m.articles_dir, embedder) for m in mutations}
    return score_mutations(mutations, reports, baseline)


def check_mutation_dir(out_dir: Path, embedder: Embedder | None = None) -> MutationScore:
    """Score the checker on every corpus of a :func:`mutate` run (its ``mutations.json``)."""
    manifest = Path(out_dir) / MANIFEST
    if not manifest.is_file():
        raise InputError(str(out_dir), f"no {MANIFEST}: not a folder written by factcheck mutate")
    source = Path(read_json(manifest, "mutations")["source"])
    return check_mutations(load_mutations(Path(out_dir)), source, embedder)


def render_mutation_text(score: MutationScore) -> str:
    """A plain-text table of detection and collateral, overall and per type."""
    header = f"{'type':<12}{'n':>4}{'detected':>10}{'warning+':>10}{'kind':>8}{'clean':>8}"
    lines = [header]
    rows = [*score.by_type().items(), ("all", score.metrics())]
    for name, r in rows:
        lines.append(
            f"{name:<12}{r['mutations']:>4}{r['detection_rate']:>10.2f}"
            f"{r['detection_rate_warning']:>10.2f}{r['detection_rate_kind']:>8.2f}"
            f"{r['clean_rate']:>8.2f}"
        )
    missed = [o.mutation for o in score.outcomes if not o.detected]
    if missed:
        lines.append(f"not detected ({len(missed)}):")
        lines += [
            f"  {m.id} {m.type:<10} {m.article}: {m.original!r} -> {m.replacement!r}"
            for m in missed
        ]
    return "\n".join(lines)
