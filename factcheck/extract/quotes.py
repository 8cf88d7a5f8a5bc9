"""Quoted passages in a sentence and who is credited for them.

Quotation marks are paired with a small stack machine that knows French and
English typography: ``« … »`` (with or without no-break spaces), ``“ … ”``,
``‘ … ’`` (a ``’`` followed by a letter is an apostrophe, not a closing mark)
and straight ``"`` (opening or closing is decided from the surrounding
characters, so a stray ``""`` does not shift every later pair). Only the
outermost quotes are returned; nested ones stay inside their parent's text.

Speakers come from reporting-verb patterns, tried in order:

1. after the quote: ``« … », a écrit vendredi le compte X de Grok``,
   ``"…", said Jane Doe``, ``« … », a-t-il souligné`` (pronoun), ``« … »,
   les ministres soulignent``, ``"…", Jane Doe said``, ``« … », selon X``;
2. before the quote: ``Selon X, « … »``, ``X a affirmé : « … »``, a partial
   quote woven after a reporting verb (``X a annoncé lancer une enquête
   "afin de …"``): the speaker is that verb's subject;
3. a quote with none of these takes the speaker of a neighbouring quote in
   the same sentence (``"…" et "…", avait déclaré X``).

A relaying source (``rapporte l'agence Bloomberg``, ``a appris l'AFP auprès
du ministère public``, ``told Reuters``) is recorded apart from the speaker.
A pronoun speaker (``il``, ``ils``, ``she``) is resolved to the previous
sentence's speaker or subject when that sentence is given, else kept as is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.lexicon import lexicon_language
from factcheck.model import Quote, ReportedSpeech, Span

# --- quotation marks -------------------------------------------------------

_CLOSERS = {"«": "»", "“": "”", "„": "“”", "‘": "’", '"': '"'}
_WORD_CHAR = re.compile(r"\w")


def _is_word(ch: str) -> bool:
    return bool(_WORD_CHAR.match(ch))


def _ends_sentence(text: str, pos: int) -> bool:
    """Only punctuation and spaces follow ``pos``."""
    return not re.search(r"\w", text[pos + 1 :])


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of every balanced quotation in ``text``."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []

    def close(marks: str, pos: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            opener, at = stack[depth]
            if any(m in _CLOSERS[opener] for m in marks):
                del stack[depth:]
                pairs.append((at, pos))
                return True
        return False

    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch in "«„":
            stack.append((ch, i))
        elif ch == "»":
            close("»", i)
        elif ch == "“":
            if not (stack and stack[-1][0] == "„" and close("“", i)):
                stack.append((ch, i))
        elif ch == "”":
            close("”", i)
        elif ch == "‘":
            if not _is_word(prev):
                stack.append((ch, i))
        elif ch == "’":
            # An apostrophe (l’IA, users’ data) unless a ‘ is open and the mark ends a word.
            if any(op == "‘" for op, _ in stack) and not _is_word(nxt):
                close("’", i)
        elif ch == '"':
            opening = not _is_word(prev) and prev not in '.,;:!?…"' and not nxt.isspace()
            has_open = any(op == '"' for op, _ in stack)
            # After a space and before a word, a mark opens a quotation nested in the
            # open one (``"pas besoin d'utiliser ce "guichet public""``).
            nested = has_open and prev.isspace() and _is_word(nxt)
            if has_open and not nested and not (opening and stack[-1][0] != '"'):
                close('"', i)
            elif opening:
                stack.append((ch, i))
            elif not has_open and not pairs and _ends_sentence(text, i):
                # A closing mark with no opener ends a quotation that began in an
                # earlier sentence: the quoted words run from this sentence's start.
                pairs.append((-1, i))
            # else: a stray straight quote (seed 003's ``"deepfake""``), ignored.
        if (
            ch in "»”"
            and not pairs
            and not any(c in text[:i] for c in '«“„"»”')
            and _ends_sentence(text, i)
        ):
            pairs.append((-1, i))
    # An opening mark left open runs to the end of the sentence: the quotation
    # goes on in the next sentence.
    for opener, at in stack:
        if opener in "«“" or (opener == '"' and len(stack) == 1):
            pairs.append((at, len(text)))
    outer = [p for p in pairs if not any(q != p and q[0] <= p[0] and p[1] <= q[1] for q in pairs)]
    return sorted(outer)


# --- reporting verbs and attribution patterns ------------------------------

# French reporting verbs: -er stems take the usual endings; others are listed.
_FR_ER_STEMS = (
    "déclar affirm soulign ajout indiqu précis expliqu rappel estim assur confi détaill "
    "annonc martel insist confirm lanc tweet comment dénonc résum observ regrett déplor "
    "salu racont témoign souhait plaid clam lâch tranch argu signal réclam exig exhort "
    "avou ordonn évoqu glis poursuiv relev réit répét prévi mentionn insist alert menac"
)
_FR_ER = _FR_ER_STEMS.split()
_FR_ER_ENDINGS = "é|ée|és|ées|e|ent|ait|aient|ant|er|le|lent"
_FR_OTHER = (
    "écrit|écrivent|dite|dites|jugé|jugée|jugent|jugeait|noté|notait|demandé|demandée|demandent|"
    "demandait|écrivait|écrivaient|écrivant|écrire|dit|disent|disait|disaient|disant|dire|"
    "reconnu|reconnue|reconnaît|reconnait|reconnaissent|reconnaissant|admis|admet|admettent|"
    "prévenu|prévient|averti|avertit|démenti|dément|répondu|répond|répondent|répondant|"
    "défendu|défend|défendent|conclu|conclut|promis|promet|soutenu|soutient|maintenu|maintient|"
    "réagi|réagit|réagissent|décrit|décrivent|poursuit|poursuivi|"
    "(?:fait|font|faisait|faisaient|faire|faisant)\\s+(?:savoir|valoir|remarquer|observer)|"
    "(?:mis|met|mettent|mettant)\\s+en\\s+garde"
)
_FR_VERB = rf"(?:(?:{'|'.join(_FR_ER)})(?:{_FR_ER_ENDINGS})|{_FR_OTHER})"
_EN_VERB = (
    r"(?:said|says|say|saying|told|tells|wrote|writes|written|added|adds|stated|states|"
    r"explained|explains|noted|notes|warned|warns|claimed|claims|argued|argues|insisted|"
    r"insists|declared|declares|announced|announces|tweeted|posted|replied|replies|responded|"
    r"commented|acknowledged|acknowledges|admitted|admits|confirmed|confirms|denied|denies|"
    r"stressed|stresses|emphasized|emphasised|recalled|asserted|remarked|conceded|vowed|"
    r"promised|urged|pledged|called|calls|described|describes|dubbed|termed|threatened|"
    r"threatens)"
)
_VERB = {"fr": _FR_VERB, "en": _EN_VERB}
_AUX = {
    "fr": r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront|s['’](?:est|était|sont|étaient)|"
    r"se\s+(?:sont|seraient)|est|sont|était|étaient)",
    "en": r"(?:has|have|had|will|would|was|were|is|are)",
}
_PRONOUNS = {"il", "elle", "ils", "elles", "on", "he", "she", "they", "it", "we", "i", "nous"}
# Words that may sit between a reporting verb and its inverted subject.
_SKIP_FR = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|ensuite|alors|"
    r"également|aussi|encore|toutefois|pourtant|récemment|déjà|plus\s+tard|ce\s+(?:matin|soir)|"
    r"cette\s+semaine|avant\s+(?:lui|elle|eux)|après\s+(?:lui|elle|eux)|de\s+son\s+côté|"
    r"(?:soir|matin|midi|dernier|dernière)|"
    # where or to whom it was said: "a réagi sur X la députée", "a confié à l'AFP un diplomate"
    r"sur\s+(?:X|Twitter|Facebook|Instagram|TikTok|LinkedIn|Bluesky|les\s+réseaux\s+sociaux)|"
    r"dans\s+un\s+communiqué|à\s+la\s+presse|à\s+(?:l['’])?(?:AFP|Reuters|Bloomberg|AP))"
)
_SKIP_EN = (
    r"(?:on\s+\w+day|yesterday|today|also|later|earlier|again|then|in\s+a\s+statement|"
    r"on\s+(?:X|Twitter|Facebook|Instagram|social\s+media))"
)
_SKIP = {"fr": _SKIP_FR, "en": _SKIP_EN}
# Where a speaker noun phrase stops.
_FR_NP_STOPS = (
    "qui que qu dont où lors dans devant en sur après avant pour depuis selon auprès "
    "ajoutant précisant soulignant estimant expliquant affirmant rappelant indiquant "
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier ce cette mais car tandis"
)
_EN_NP_STOPS = (
    "who which that in on at after before during while adding noting saying when but "
    "yesterday today monday tuesday wednesday thursday friday saturday sunday to"
)
_NP_STOP_WORDS = {"fr": frozenset(_FR_NP_STOPS.split()), "en": frozenset(_EN_NP_STOPS.split())}
_NP_PUNCT = re.compile(r"[,.;:!?()«»\"“”\[\]\n—–]|\s-\s")
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞŒ][\w'’-]*(?:\.\w[\w'’-]*)*"
_NAME = rf"{_CAP_WORD}(?:\s+(?:(?:de|du|des|d['’]|van|von|der|el|al|bin|ben)\s*)?{_CAP_WORD})*"
_LIST_TAIL = re.compile(rf"((?:\s*,\s*{_NAME})*\s+(?:et|and)\s+{_NAME})")

_AGENCIES = re.compile(
    r"\b(AFP|Reuters|Bloomberg|AP|Associated Press|Agence France-Presse|dpa|DPA|ANSA|EFE|"
    r"Kyodo|Xinhua|Tass|TASS|Anadolu|PA Media|Belga|ATS|Europa Press)\b"
)
_MEDIA_NOUN = (
    r"(?:l['’]agence(?:\s+de\s+presse)?|le\s+site(?:\s+d['’]information)?|le\s+journal|"
    r"le\s+quotidien|l['’]hebdomadaire|la\s+chaîne|la\s+radio|le\s+média|"
    r"(?:the\s+)?(?:news\s+)?agency|the\s+(?:newspaper|website|broadcaster)|the)"
)
_RELAY = {
    "fr": re.compile(
        rf"\b(?:rapporte|rapportait|a\s+rapporté|relaie|relaye|a\s+relayé|a\s+appris|apprend|"
        rf"selon|d['’]après|(?:cité|relayé)(?:e|s|es)?\s+par|à|a\s+indiqué\s+à|a\s+dit\s+à|a\s+déclaré\s+à)\s+"
        rf"(?:{_MEDIA_NOUN}\s+|l['’]|le\s+|la\s+)?({_NAME})"
    ),
    "en": re.compile(
        rf"\b(?:told|according\s+to|reported|reports|reporting\s+by|cited\s+by|quoted\s+by)\s+"
        rf"(?:{_MEDIA_NOUN}\s+)?({_NAME})|({_NAME})\s+reported\b"
    ),
}
# Relaying verbs whose object is always the relay, even when it is no known agency.
_RELAY_VERBS = re.compile(r"rapport|relai|relay|appri|apprend|cit|told|report|quoted", re.I)
_SOURCE_OF_RELAY = {
    "fr": re.compile(r"\bauprès\s+(?:de\s+)?"),
    "en": re.compile(r"\bfrom\s+(?:the\s+)?"),
}
_SELON = {
    "fr": re.compile(r"\b(?:[Ss]elon|[Dd]['’]après|Pour)\s+"),
    "en": re.compile(r"\b[Aa]ccording\s+to\s+"),
}
# Openings of a comma-separated chunk that is an adverbial, not a subject.
_ADVERBIAL = re.compile(
    r"^(?:en|dans|pour|après|avant|selon|depuis|lors|par|sur|à|au|aux|vers|alors|début|fin|un\s+peu|"
    r"mi-\w+|hier|ce|cette|quelques|peu|plus|comme|outre|face|in|on|at|after|before|earlier|"
    r"later|last|yesterday|today|meanwhile|however|since|during|for|while|when|as|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|\w+ant|\w+ing)\b",
    re.I,
)
_CONJUNCTIONS = re.compile(r"^(?:mais|et|or|puis|donc|but|and|so|then)\s+", re.I)
_RELATIVE = re.compile(r"\s(?:qui|dont|lequel|laquelle|who|which|that)\s.*$", re.I)
_CONNECTOR_GAP = re.compile(r"^[\s,;]*(?:et|ou|puis|and|or|then)?[\s,;]*$", re.I)


# The three shapes of an attribution right after a quote.
_INVERTED = {
    lang: re.compile(rf"(?:{_AUX[lang]}|{_VERB[lang]})-(?:t-)?(il|elle|ils|elles|on)\b", re.I)
    for lang in _VERB
}
_VERB_FIRST = {
    lang: re.compile(
        rf"(?:{_AUX[lang]}\s+)?(?:{_SKIP[lang]}\s+)*{_VERB[lang]}\b\s*(?:{_SKIP[lang]}\s+)*", re.I
    )
    for lang in _VERB
}
_SUBJECT_FIRST = {
    lang: re.compile(
        rf"(.{{1,80}}?)\s+(?:{_AUX[lang]}\s+)?(?:{_SKIP[lang]}\s+)*{_VERB[lang]}\b", re.I
    )
    for lang in _VERB
}


@dataclass(frozen=True)
class _Attribution:
    start: int  # local offsets of the speaker surface in the sentence
    end: int


def extract_quotes(sentence: Span, lang: str, previous: Sequence[Span] = ()) -> list[Quote]:
    """The quotations in ``sentence`` with their speaker and relaying source.

    Quote spans are the inner text (marks excluded) in article coordinates.
    ``previous`` (the preceding sentences of the same article, nearest last; a
    few are enough) lets a pronoun speaker (``a-t-il souligné``) be resolved
    to the nearest earlier speaker or subject that is not itself a pronoun;
    without it the pronoun itself is the speaker.
    """
    lang = lexicon_language(lang)
    text = sentence.text
    pairs = _quote_pairs(text)
    if not pairs:
        return []
    found: list[_Attribution | None] = []
    for k, (op, cl) in enumerate(pairs):
        tail_end = pairs[k + 1][0] if k + 1 < len(pairs) else len(text)
        head_start = pairs[k - 1][1] + 1 if k else 0
        found.append(_after(text, cl + 1, tail_end, lang) or _before(text, head_start, op, lang))
    relay = _relay(text, lang)
    if relay is not None:
        # "…", a appris l'AFP auprès du ministère public: the ministry spoke, AFP relays.
        source = _relay_source(text, lang)
        found = [source if a is None or text[a.start : a.end] == relay else a for a in found]
    found = _share_between_quotes(text, pairs, found)
    quotes: list[Quote] = []
    for (op, cl), attribution in zip(pairs, found, strict=True):
        start, end = _strip(text, op + 1, cl)
        if start >= end:
            continue
        speaker = None
        if attribution is not None:
            speaker = _span(sentence, attribution.start, attribution.end)
            if _is_pronoun(speaker.text):
                # An earlier quote of this sentence first, then earlier sentences.
                named = [q.speaker for q in quotes if q.speaker and not _is_pronoun(q.speaker.text)]
                speaker = (named[-1] if named else _antecedent(previous, lang)) or speaker
        quotes.append(Quote(span=_span(sentence, start, end), speaker=speaker, relay=relay))
    return quotes


def _span(sentence: Span, start: int, end: int) -> Span:
    return Span(
        sentence.article, sentence.start + start, sentence.start + end, sentence.text[start:end]
    )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\u202f\u00a0"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u202f\u00a0"):
        end -= 1
    return start, end


def _after(text: str, start: int, end: int, lang: str) -> _Attribution | None:
    """A speaker credited right after a quote (``« … », a déclaré X``)."""
    tail = text[start:end]
    lead = re.match(r"[\s.,…!?]*(?:[-–—]\s*)?", tail)
    pos = lead.end() if lead else 0
    # Inverted pronoun: « … », a-t-il souligné / avait-il mis en garde / ajoute-t-elle.
    inverted = _INVERTED[lang].match(tail, pos)
    if inverted:
        return _Attribution(start + inverted.start(1), start + inverted.end(1))
    # Verb then subject: « … », a écrit vendredi le compte X de Grok / said Jane Doe.
    m = _VERB_FIRST[lang].match(tail, pos)
    if m:
        np = _noun_phrase(tail, m.end(), lang)
        if np:
            return _Attribution(start + np[0], start + np[1])
    # Selon X / according to X right after the quote.
    m = _SELON[lang].match(tail, pos)
    if m:
        np = _noun_phrase(tail, m.end(), lang)
        if np:
            return _Attribution(start + np[0], start + np[1])
    # Subject then verb: "…", Jane Doe said / « … », les ministres soulignent. The comma
    # (before the closing mark in English) keeps "des « failles » qu'il promet" out.
    if "," not in tail[:pos] and text[start - 2 : start - 1] != ",":
        return None
    m = _SUBJECT_FIRST[lang].match(tail, pos)
    if m and end < len(text) and not tail[m.end() :].strip(" :\u00a0\u202f"):
        return None  # « … », X déclarait « … »: the verb introduces the next quote
    if m and not _NP_PUNCT.search(m.group(1)):
        subject = _subject(tail, pos, m.end(1), lang)
        if subject:
            return _Attribution(start + subject[0], start + subject[1])
    return None


def _before(text: str, start: int, end: int, lang: str) -> _Attribution | None:
    """A speaker credited before a quote: ``Selon X, « … »`` or ``X a dit : « … »``."""
    head = text[start:end]
    selon = list(_SELON[lang].finditer(head))
    if selon:
        np = _noun_phrase(head, selon[-1].end(), lang)
        # Only when nothing but a comma separates it from the quote.
        if np and re.fullmatch(r"[\s,:]*", head[np[1] :]):
            return _Attribution(start + np[0], start + np[1])
    verbs = list(re.finditer(rf"\b{_VERB[lang]}\b", head, re.I))
    if not verbs:
        # "Selon l'Insee, le chômage a baissé de « 0,2 point »": a sentence-wide source.
        np = _noun_phrase(text, selon[0].end(), lang) if selon and selon[0].start() == 0 else None
        return _Attribution(start + np[0], start + np[1]) if np else None
    subject = _subject(head, 0, verbs[0].start(), lang)
    if subject is None:
        # English inversion before a quote: said Jane Doe: "…".
        np = _noun_phrase(head, verbs[-1].end(), lang)
        if np and lang == "en" and head[np[1] :].strip().startswith(":"):
            return _Attribution(start + np[0], start + np[1])
        return None
    return _Attribution(start + subject[0], start + subject[1])


def _noun_phrase(text: str, pos: int, lang: str) -> tuple[int, int] | None:
    """The noun phrase starting at ``pos``, stopped at punctuation or a clause word."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    stop = _NP_PUNCT.search(text, pos)
    limit = stop.start() if stop else len(text)
    words = list(re.finditer(r"[\w'’.-]+", text[pos:limit]))
    end = pos
    for n, w in enumerate(words):
        token = w.group().casefold()
        bare = re.split(r"['’]", token)[0]
        if (n and (token in _NP_STOP_WORDS[lang] or bare in _NP_STOP_WORDS[lang])) or n >= 10:
            break
        end = pos + w.end()
    if end == pos:
        return None
    first = text[pos:end].split()[0]
    if first.casefold() in _NP_STOP_WORDS[lang] or not (
        any(c.isupper() for c in first) or _is_determiner(first) or first.casefold() in _PRONOUNS
    ):
        return None
    if text[pos:end].casefold().startswith(("les ", "the ", "des ")):
        extra = _LIST_TAIL.match(text, end)
        if extra:
            end = extra.end()
    elif _is_determiner(first):
        # A title and the person's name in apposition: "la préfète de l'Isère, Claire
        # Duval, lors d'un point presse": the name is part of who spoke.
        name = _APPOSED_NAME.match(text, end)
        if name and len(name.group(1).split()) >= 2:
            end = name.end(1)
    return pos, end


_APPOSED_NAME = re.compile(rf",\s*({_NAME})(?=\s*(?:[,.;:)]|$))")


_DETERMINERS = re.compile(
    r"^(?:le|la|les|l['’]\w*|un|une|des|du|son|sa|ses|leur|leurs|ce|cet|cette|ces|the|a|an|"
    r"his|her|its|their|this|that|these|those)$",
    re.I,
)


def _is_determiner(word: str) -> bool:
    return bool(_DETERMINERS.match(word))


def _subject(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The subject of the clause ``text[start:end]``, which ends just before its verb.

    The subject is in the chunk right before the verb (``Début janvier, la
    plateforme a affirmé``) unless that chunk holds only an auxiliary; then it is
    the nearest earlier chunk that is not a relative clause or an adverbial
    (``Le procureur, qui brigue sa réélection, affirme``), or the whole list when
    the chunks enumerate (``X, Y et Z ont détaillé``).
    """
    chunks = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"[^,:;«»\"“”()]+", text[start:end])
        if m.group().strip()
    ]
    if not chunks:
        return None
    last = _clean_subject(text, *chunks[-1], lang)
    before = [c for c in chunks[:-1] if not _skippable(text[c[0] : c[1]])]
    enumeration = re.compile(r"(?:^|\s)(?:et|and)\s")
    if before and (
        any(enumeration.match(text[a:b].strip()) for a, b in before[1:])
        or (last is not None and enumeration.search(text[last[0] : last[1]]))
    ):
        first = _clean_subject(text, *before[0], lang)
        end_of_list = last[1] if last is not None else _strip(text, *before[-1])[1]
        return (first[0], end_of_list) if first else None
    if last is not None or not before:
        return last
    return _clean_subject(text, *before[-1], lang)


_SUBORDINATOR = re.compile(r"^(?:puisqu|lorsqu|parce\s+qu|qu|quoiqu)['’]", re.I)


def _is_pronoun(word: str) -> bool:
    return _SUBORDINATOR.sub("", word).casefold() in _PRONOUNS


def _skippable(chunk: str) -> bool:
    words = chunk.strip()
    return bool(_ADVERBIAL.match(words)) or words.casefold().startswith(("qui ", "who ", "which "))


def _clean_subject(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The noun phrase at the start of a chunk, cut at its verb; None when there is none."""
    start, end = _strip(text, start, end)
    while start < end and text[start] in "-–—•*":  # a bullet
        start, end = _strip(text, start + 1, end)
    piece = text[start:end]
    if _skippable(piece):
        return None
    for pattern in (_CONJUNCTIONS, _SUBORDINATOR):
        m = pattern.match(piece)
        if m:
            start += m.end()
            piece = piece[m.end() :]
    verb = re.search(
        rf"(?:^|\s){_AUX[lang]}\b|(?:^|\s)(?:n['’]|ne(?:\s|$)|s['’]|se(?:\s|$))", piece, re.I
    )
    if verb:
        piece = piece[: verb.start()]
    piece = _RELATIVE.sub("", piece).rstrip(" .")
    if not piece or len(piece.split()) > 12:
        return None
    return start, start + len(piece)


def _share_between_quotes(
    text: str, pairs: list[tuple[int, int]], found: list[_Attribution | None]
) -> list[_Attribution | None]:
    """Quotes with no speaker of their own take a neighbour's in the same sentence."""
    out = list(found)
    # "…" et "…", a déclaré X: the shared attribution comes after the last quote.
    for k in range(len(pairs) - 2, -1, -1):
        gap = text[pairs[k][1] + 1 : pairs[k + 1][0]]
        if out[k] is None and out[k + 1] is not None and _CONNECTOR_GAP.match(gap):
            out[k] = out[k + 1]
    # Otherwise a later quote continues the previous one's clause.
    for k in range(1, len(pairs)):
        if out[k] is None and out[k - 1] is not None:
            out[k] = out[k - 1]
    return out


def _relay(text: str, lang: str) -> str | None:
    """Who relays the sentence's quotes: a news agency or an outlet after a relaying verb."""
    for m in _RELAY[lang].finditer(text):
        group = next(g for g in range(1, len(m.groups()) + 1) if m.group(g))
        name = m.group(group)
        if _AGENCIES.fullmatch(name) or _RELAY_VERBS.search(text[m.start() : m.start(group)]):
            return name
    return None


def _relay_source(text: str, lang: str) -> _Attribution | None:
    """Who a relaying agency got the words from (``a appris l'AFP auprès du ministère public``)."""
    m = _SOURCE_OF_RELAY[lang].search(text)
    np = _noun_phrase(text, m.end(), lang) if m else None
    return _Attribution(*np) if np else None


def _antecedent(previous: Sequence[Span], lang: str) -> Span | None:
    """The nearest earlier speaker, else clause subject, that is not a pronoun."""
    for sentence in reversed(previous):
        for quote in reversed(extract_quotes(sentence, lang)):
            if quote.speaker is not None and not _is_pronoun(quote.speaker.text):
                return quote.speaker
        masked = _mask_quotes(sentence.text)
        verb = re.search(rf"\s(?:{_AUX[lang]}|{_VERB[lang]})\b", masked, re.I)
        subject = _subject(masked, 0, verb.start(), lang) if verb else None
        if subject is not None and not _is_pronoun(masked[subject[0] : subject[1]]):
            return _span(sentence, *subject)
    return None


def _mask_quotes(text: str) -> str:
    """``text`` with quoted passages blanked (same length), so clause rules skip them."""
    for op, cl in _quote_pairs(text):
        text = text[: op + 1] + " " * (cl - op - 1) + text[cl:]
    return text


# --- reported speech without quotation marks --------------------------------

_THAT = {
    "fr": re.compile(r"\s*(?:que\s+|qu['’])", re.I),
    "en": re.compile(r"\s*(?:that\s+)?", re.I),
}


def extract_reported(sentence: Span, lang: str) -> list[ReportedSpeech]:
    """Speech reported without quotation marks in ``sentence`` and who is credited.

    Shapes: ``Selon X, …`` / ``D'après X, …`` / ``According to X, …`` (source first),
    ``…, selon X.`` / ``…, according to X.`` (source last), ``X a affirmé que …`` /
    ``X said (that) …`` / ``X told AFP …`` (subject, reporting verb, reported clause)
    and ``…, a déclaré X.`` / ``…, X said.`` (attribution after the words). Sentences
    with quotation marks are left to :func:`extract_quotes`. Speaker entities are
    resolved later, like quote speakers.
    """
    lang = lexicon_language(lang)
    text = sentence.text
    if _quote_pairs(text):
        return []
    end = len(text.rstrip(" .!?…"))
    selon = _SELON[lang]
    m = selon.match(text) or selon.match(text, len(text) - len(text.lstrip()))
    if m:
        np = _noun_phrase(text, m.end(), lang)
        comma = text.find(",", np[1]) if np else -1
        if np and comma >= 0 and not text[np[1] : comma].strip():
            return [_reported(sentence, np, (comma + 1, end), m.group().strip())]
    for m in selon.finditer(text):
        np = _noun_phrase(text, m.end(), lang)
        if (
            np
            and m.start() > 0
            and text[m.start() - 2 : m.start()].strip() == ","
            and (not text[np[1] : end].strip())
        ):
            return [_reported(sentence, np, (0, m.start() - 2), m.group().strip())]
    verb = re.search(rf"\b(?:{_AUX[lang]}\s+)?{_VERB[lang]}\b", text, re.I)
    if verb is None:
        return []
    subject = _subject(text, 0, verb.start(), lang) if verb.start() else None
    if subject is not None and not _is_pronoun(text[subject[0] : subject[1]]):
        that = _THAT[lang].match(text, verb.end())
        if that and (that.group().strip() or lang == "en"):
            start = that.end()
            # "X told AFP (that) …": the listener is not part of the words.
            relay = _RELAY[lang].match(text, verb.start())
            listener = relay.group(relay.lastindex or 1) if relay is not None else ""
            after = _THAT[lang].match(text, start + len(listener)) if listener else None
            if after is not None and text[start:].startswith(listener):
                start = after.end()
            if start < end and (
                lang == "fr" or that.group().strip() or _clause_like(text[start:end])
            ):
                return [_reported(sentence, subject, (start, end), verb.group().strip())]
    # "…, a déclaré X." / "…, X said.": the attribution closes the sentence.
    comma = text.rfind(",", 0, verb.start())
    tail = _after(text, comma, len(text), lang) if comma > 0 else None
    if (
        tail is not None
        and not re.search(r"\w", text[max(tail.end, verb.end()) : end])
        and not _is_pronoun(text[tail.start : tail.end])
    ):
        return [_reported(sentence, (tail.start, tail.end), (0, comma), verb.group().strip())]
    return []


def _clause_like(words: str) -> bool:
    """An English "said" followed by a clause (a subject and a verb), not "said on Monday"."""
    return len(words.split()) >= 3 and not _SKIP["en"].startswith(words.split()[0])


def _reported(
    sentence: Span, speaker: tuple[int, int], words: tuple[int, int], cue: str
) -> ReportedSpeech:
    start, end = _strip(sentence.text, *words)
    return ReportedSpeech(
        span=_span(sentence, start, end),
        speaker=_span(sentence, *speaker),
        cue=re.sub(r"\s+", " ", cue).casefold(),
    )
