"""Finding candidate edits: the facts of an article that another article also states.

Each finder yields the :class:`Edit` s of one type it can make in one article;
:func:`find_edits` keeps those whose fact (its ``key``) another article states in
a passage sharing enough words, and pairs each with that counterpart.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.metadata import detect_language
from factcheck.model import Span
from factcheck.normalize import norm
from factcheck.tools.mutate.vocabulary import (
    CURRENCIES,
    DURATIONS,
    EN_DAYS,
    EN_MONTHS,
    EN_NUMBERS,
    EN_VERBS,
    FR_AUX,
    FR_DAYS,
    FR_MONTHS,
    FR_NUMBERS,
    FR_VERBS,
    LEXICAL_NEGATIONS,
    MULTIPLIERS,
    NOT_NAMES,
    NOT_PARTICIPLES,
    NUMBER_WORDS,
    ORG_POOL,
    PEOPLE_POOL,
    QUOTE_SWAPS,
    STOP_WORDS,
    TITLES,
)

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


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_NUM = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_VALUE = re.compile(
    rf"(?P<pre>[$€£]\s?)?\b(?P<num>{_NUM}|{'|'.join(NUMBER_WORDS)})\b"
    r"(?:[\s\u00a0\u202f]+(?P<mult>mille|thousand|millions?|milliards?|billions?)\b)?"
    r"(?:[\s\u00a0\u202f]*(?:d['’]|de\s+|of\s+)?(?P<unit>%|€|\$|£|\w+²?))?",
    re.IGNORECASE,
)
_NAME_TOKEN = rf"(?!(?:{TITLES})\b)(?:[A-ZÀ-Ý][\w’'-]*\w|[a-z]+[A-Z]\w*)"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_WEEKDAYS = "|".join(FR_DAYS + EN_DAYS)
_SPEAKER_AFTER = re.compile(
    rf"(?:\b(?:a|ont)\s+(?:{FR_VERBS})|\b(?:{EN_VERBS})|\bselon|\bd['’]après|\baccording to)"
    rf"(?:\s+(?:{_WEEKDAYS}|hier|yesterday)(?:\s+(?:matin|soir|morning|evening))?)?"
    # An optional role before the name: "la préfète de l'Isère, Claire Duval".
    r"(?:\s+(?:les|le|la|l['’]|the)\s?[\w’'-]+(?:\s+(?:de|du|des|of)\s+(?:l['’]|la\s|le\s)?[\w’'-]+)?,?)?"
    rf"\s+(?P<name>{_NAME})",
)
_SPEAKER_BEFORE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:a\s+(?:{FR_VERBS})|{EN_VERBS})\b",
)
_PERSON = re.compile(rf"\b{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}}\b")
_LIST_LINK = re.compile(r"^\s*(?:,|et|and)\s", re.IGNORECASE)
_NEG_REMOVE = re.compile(
    rf"\b(?P<ne>ne\s+|n['’])(?P<aux>{FR_AUX})\s+(?P<pas>pas|jamais)\b"
    r"|\b(?P<en>is|are|was|were|has|have|had|will|would|could|can|should|did|does|do)\s+not\b"
    r"|\b(?P<nt>is|are|was|were|has|have|had|did|does|do|could|should|would)n['’]t\b",
)
_NEG_INSERT = re.compile(
    rf"(?<![\w'’])(?P<aux>{FR_AUX})\s+(?!(?:{NOT_PARTICIPLES})\b)"
    r"(?=[a-zéè]\w*(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|ort)\b)"
    r"|(?<![\w'’])(?P<en>is|are|was|were|has|have|had|will|would|could|can|should)\s+"
    r"(?=[a-z]\w*(?:ed|en|ing)\b)",
)
_QUOTED = re.compile(r"«([^»]{3,400})»|“([^”]{3,400})”|\"([^\"\n]{3,400})\"")
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


# --- finding candidate edits ----------------------------------------------------------------


def _case_like(word: str, model: str) -> str:
    """``word`` with the capitalization of ``model``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _parse_number(raw: str) -> float:
    word = raw.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    grouped = re.fullmatch(r"(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+)(?:,(\d+))?", raw)
    if grouped:
        whole = re.sub(r"\D", "", grouped.group(1))
        return float(f"{whole}.{grouped.group(2) or 0}")
    return float(raw.replace(",", "."))


def _number_choices(raw: str, english: bool) -> tuple[str, ...]:
    """Other values written like ``raw``, never 0 or 1 (which would change agreement)."""
    word = raw.lower()
    if word in NUMBER_WORDS:
        # "six" is both French and English: the article's language decides.
        in_english = word in EN_NUMBERS and (english or word not in FR_NUMBERS)
        table = EN_NUMBERS if in_english else FR_NUMBERS
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
        value *= MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        if pre or unit in CURRENCIES:
            kind, key = "currency", (value, CURRENCIES[pre or unit])
        elif unit in DURATIONS:
            kind, key = "duration", (value, DURATIONS[unit])
        elif unit and unit[0].isalpha() and unit not in STOP_WORDS and _is_count_head(unit):
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
    months = {norm(x, strip_accents=True) for x in FR_MONTHS + EN_MONTHS}
    measure = unit in ("m2", "km2", "km", "kg", "ha")
    return (len(unit) > 2 or measure) and unit not in months and unit not in MULTIPLIERS


def _date_edits(name: str, text: str) -> Iterator[Edit]:
    months = FR_MONTHS + EN_MONTHS
    month_re = "|".join(months)
    for m in re.finditer(rf"\b({_WEEKDAYS})\b", text, re.IGNORECASE):
        word = m.group(1)
        table = FR_DAYS if word.lower() in FR_DAYS else EN_DAYS
        index = [d.lower() for d in table].index(word.lower())
        choices = tuple(_case_like(d, word) for i, d in enumerate(table) if i != index)
        yield Edit("date", name, m.start(1), m.end(1), word, choices, ("weekday", index))
    day_month = re.compile(
        rf"\b(?P<day>1er|\d{{1,2}})\s+(?P<month>{month_re})\b"
        rf"|\b(?P<month2>{'|'.join(EN_MONTHS)})\s+(?P<day2>\d{{1,2}})\b",
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
        table = FR_MONTHS if word.lower() in FR_MONTHS else EN_MONTHS
        index = [x.lower() for x in table].index(word.lower())
        choices = tuple(_case_like(x, word) for i, x in enumerate(table) if i != index)
        yield Edit("date", name, m.start(1), m.end(1), word, choices, ("month", index))


def _is_name(candidate: str) -> bool:
    tokens = candidate.split()
    # "L’Inde", "D'Artagnan": an elided article or preposition glued to a place name.
    return bool(tokens) and tokens[0] not in NOT_NAMES and not re.match(r"[LD]['’]", tokens[0])


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
            swap = QUOTE_SWAPS.get(w.group().lower())
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
            (LEXICAL_NEGATIONS[word],),
            ("lexneg", word),
        )


def _alternative_edits(name: str, text: str) -> Iterator[Edit]:
    """A member of a class of exclusive values (lexicon ``alternatives``) swapped for
    another member of its class: "en train" → "en voiture"."""
    from factcheck.lexicon import table

    lang = detect_language(text)
    for cls, body in table("en" if lang == "en" else "fr", "alternatives").items():
        if not isinstance(body, dict) or not body.get("mutate", True):
            continue  # a setting of the lexicon (adverb_endings), or a class not swapped
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
        choices = tuple(o for o in ORG_POOL[lang] if o not in text)
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
        if (len(w) > 3 and w not in STOP_WORDS) or (w.isdigit() and len(w) > 1)
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


def _inside(edit: Edit, span: Span) -> bool:
    return edit.article == span.article and span.start <= edit.start and edit.end <= span.end


def _counterpart(
    edit: Edit,
    texts: Mapping[str, str],
    all_edits: Sequence[Edit],
    facts: Sequence[Sequence[Span]] | None = None,
) -> Span | None:
    """The same fact in another article: the same key in a passage sharing enough words.

    A speaker may be named differently elsewhere (that is what attribution
    checks are for), so for speakers any named speaker or name in a passage
    sharing many words also counts; the same name is preferred. With ``facts``
    (statements a gold file says report one fact), the edit must lie in one of
    them and its counterpart in another statement of that fact; the gold
    vouches for the passage, so no shared words are needed.
    """
    if facts is not None:
        # Every statement of the facts the edit lies in: its own and the others'.
        spans = [s for fact in facts if any(_inside(edit, own) for own in fact) for s in fact]
        if not spans:
            return None
        all_edits = [e for e in all_edits if any(_inside(e, s) for s in spans)]
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
        if facts is None and shared < (_needed_overlap(edit) if same else 5):
            continue
        rank = (int(same), int(other.type == "speaker"), shared, other.article, -other.start)
        if best is None or rank > best[0]:
            best = (rank, other)
    if best is None:
        return None
    found = best[1]
    return Span(found.article, found.start, found.end, found.original)


def with_elision(text: str, start: int, end: int, new: str) -> tuple[int, str, str]:
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


def _name_choices(edit: Edit, texts: Mapping[str, str]) -> tuple[str, ...]:
    """Invented people who appear nowhere in the corpus (so the swap is a real change)."""
    corpus = " ".join(texts.values())
    english = detect_language(texts[edit.article]) == "en"
    pool = PEOPLE_POOL["en"] if english else PEOPLE_POOL["fr"]
    return tuple(p for p in pool if p not in corpus)


def _short_line(text: str, pos: int) -> bool:
    """A line of a few words: a header, dateline, byline or tag, not a reported fact."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(_WORD.findall(text[start : end if end >= 0 else len(text)])) < 8


def find_edits(
    texts: Mapping[str, str],
    types: Sequence[str] = MUTATION_TYPES,
    facts: Sequence[Sequence[Span]] | None = None,
) -> list[tuple[Edit, Span]]:
    """Every candidate edit of the wanted ``types`` whose fact another article also states.

    ``facts``: when given, only edits inside these statements, each fact's
    statements in other articles being its counterparts (see :func:`_counterpart`).
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
        other = _counterpart(edit, texts, edits, facts)
        if other is not None:
            out.append((edit, other))
    out.sort(key=lambda p: (p[0].article, p[0].start, p[0].type))
    return out
