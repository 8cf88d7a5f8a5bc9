"""Quotes compared across outlets: who is credited (attribution_mismatch) and
what words sit inside the quotation marks (quote_drift).

Quotes are matched globally over all statements, not only inside alignment
groups: the same words can be quoted in sentences that otherwise differ a lot.
Two quotes match when most of the shorter one's words (normalized: typography,
case, accents, thousands separators, number words as digits, hyphenated and
elided words split) appear in order in the other; each quote keeps only its best
match per other article, and only mutual best matches count. Quotes under four
words (scare quotes such as « failles ») are too generic to match.

What is not a change of words: punctuation, ``trois``/``3``, ``Jean-Marie``/``Jean
Marie``, ``end game``/``endgame``; words left out where the other version has an
ellipsis; a longer or differently cut stretch at either end (``avoir sauvé la
vie`` / ``Vous m'avez sauvé la vie``). A cut of function words inside the quote
without an ellipsis is reported at info; a replaced word inside it, a content word
one version has and the other lacks (``aucun danger immédiat`` / ``aucun danger``),
or a negation added or dropped, at warning.

Speakers are one person when their names agree once titles and honorifics are
set aside (``Detective Jones`` / ``Ms Jones`` / ``Jones``; a transliteration such
as ``Carolos``/``Karolos`` counts as the same name) or when one is a description
without a name (``le préfet`` / ``le préfet du Rhône, Paul Martin``): a title
apposed to a name is never evidence of another speaker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from rapidfuzz.distance import LCSseq

from factcheck.compare import CompareContext
from factcheck.compare.names import person_names, same_name
from factcheck.extract.entities import NAME
from factcheck.lexicon import LANGUAGES, general_frequency, table
from factcheck.model import (
    Evidence,
    Finding,
    Kind,
    Quote,
    QuoteAttribution,
    QuoteWords,
    ReportedAttribution,
    ReportedSpeech,
    Severity,
    Span,
    Statement,
)
from factcheck.normalize import norm, normalize

MIN_WORDS = 4
# Shorter quotes of a named person are compared only with a longer quote of that person
# that has their words in order with others inside (:func:`_widened`), over at most
# this many times their length.
MIN_SHORT = 2
MAX_WIDENING = 4
# Share of the shorter quote's words found, in order, in the other quote.
MIN_COVERAGE = 0.6
# Edge words one version adds or drops: up to this many it is a (minor) change,
# beyond it one outlet simply quotes a longer excerpt.
MAX_EDGE_CHANGE = 2
# Reworded quotes (two translations of one statement): the share of the shorter quote's
# content stems (their first STEM letters) the other has.
STEM = 5
MIN_STEM_SHARE = 0.5
# Zipf frequency (wordfreq: log10 per billion words) from which a word is too common
# to tell two statements apart.
COMMON_ZIPF = 6.0
# A word bigram found in more quotes than this does not propose candidate pairs.
MAX_BIGRAM_QUOTES = 200

# Hyphenated and elided words are split so that "Jean-Marie" and "Jean Marie" agree.
_TOKEN = re.compile(r"\d{1,3}(?:[ .,]\d{3})+(?!\d)|\w+")
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")
_NUMBER_WORDS = {
    norm(word, strip_accents=True): digits
    for lang in LANGUAGES
    for word, digits in table(lang, "quote_numbers").get("numbers", {}).items()
}
# Words whose addition or removal inside a quote reverses it.
_NEGATORS = frozenset(
    ["ne", "n", "pas", "jamais", "plus", "aucun", "aucune", "not", "never", "no", "nt"]
)
_FUNCTION_WORDS_LIST = (
    "le la les l un une des du de d a à au aux et ou en dans sur par pour avec ce cet "
    "cette ces son sa ses leur leurs nos notre vos votre mon ma mes ton ta tes que qu qui "
    "ne n pas se s y il elle ils elles nous vous on je j est sont the a an of to in on at "
    "for and or but is are was were be it its this that these those our your their my his "
    "her we they you i"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_LIST.split())
_PRONOUNS = frozenset(["il", "elle", "ils", "elles", "on", "he", "she", "they", "it"])
# First words of a speaker that is an unnamed part of a crowd, not one source.
_VAGUE_GROUPS = frozenset([
    "many", "some", "others", "several", "few", "most",
    "certains", "certaines", "plusieurs", "beaucoup", "d'autres", "d’autres", "nombre",
])  # fmt: skip


@dataclass(frozen=True)
class _Token:
    key: str
    start: int  # article offsets
    end: int
    after_gap: bool = False  # an ellipsis stands right before this word


@dataclass(frozen=True)
class _Quoted:
    statement: Statement
    quote: Quote
    tokens: tuple[_Token, ...]


def compare_quotes(ctx: CompareContext) -> list[Finding]:
    """attribution_mismatch and quote_drift findings for quotes repeated across articles."""
    group_of = {st.id: g.id for g in ctx.groups for st in g.statements}
    every = [_Quoted(st, q, _tokens(q.span)) for st in ctx.statements for q in st.quotes]
    quoted = [q for q in every if len(q.tokens) >= MIN_WORDS]
    findings: list[Finding] = list(_reported_attributions(ctx))
    matched: set[tuple[str, int]] = set()
    for a, b in _matches(quoted):
        matched |= {_key(a), _key(b)}
        ga, gb = group_of.get(a.statement.id), group_of.get(b.statement.id)
        group = ga if ga == gb else None
        attribution = _attribution(ctx, a, b, group)
        if attribution:
            findings.append(attribution)
        drift = _drift(ctx, a, b, group)
        if drift:
            findings.append(drift)
    findings.extend(_reworded(ctx, [q for q in quoted if _key(q) not in matched]))
    short = [q for q in every if MIN_SHORT <= len(q.tokens) < MIN_WORDS]
    for a, b in _widened(quoted, short):
        ga, gb = group_of.get(a.statement.id), group_of.get(b.statement.id)
        drift = _drift(ctx, a, b, ga if ga == gb else None)
        if drift:
            findings.append(drift)
    return findings


def _key(q: _Quoted) -> tuple[str, int]:
    return q.statement.article, q.quote.span.start


def _tokens(span: Span) -> tuple[_Token, ...]:
    """Words of a quote, keyed for comparison (``60.000``, ``60 000`` and ``soixante
    mille`` are not all one token, but ``trois`` and ``3`` are)."""
    view = normalize(span.text, strip_accents=True)
    gaps = {m.end() for m in _ELLIPSIS.finditer(view.text)}
    out = []
    last = 0
    for m in _TOKEN.finditer(view.text):
        start, end = view.to_original(m.start(), m.end())
        word = m.group()
        if word[0].isdigit():
            word = re.sub(r"[ .,]", "", word)
        word = _NUMBER_WORDS.get(word, word)
        gap = any(last <= g <= m.start() for g in gaps)
        out.append(_Token(word, span.start + start, span.start + end, gap))
        last = m.end()
    return tuple(out)


def _overlap(a: Sequence[_Token], b: Sequence[_Token]) -> tuple[int, float]:
    """Words in common, in order (longest common subsequence of word keys), and their
    share of the shorter quote."""
    common = LCSseq.similarity([t.key for t in a], [t.key for t in b])
    return common, common / min(len(a), len(b))


def _share_content(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    """Two versions of one quote share its content words, not only "the … would be":
    at least two (one for a quote that has only one), in order."""
    ca, cb = ([t.key for t in q if t.key not in _FUNCTION_WORDS] for q in (a, b))
    return LCSseq.similarity(ca, cb) >= min(2, len(ca), len(cb))


def _candidates(quoted: Sequence[_Quoted]) -> set[tuple[int, int]]:
    """Pairs of quotes from different articles sharing a word bigram (not two function
    words): matching quotes always do, and this avoids comparing every pair."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, q in enumerate(quoted):
        keys = [t.key for t in q.tokens]
        for bigram in set(pairwise(keys)):
            if not _FUNCTION_WORDS.issuperset(bigram):
                index.setdefault(bigram, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) > MAX_BIGRAM_QUOTES:
            continue  # a stock phrase; real matches share rarer bigrams too
        for i, j in combinations(ids, 2):
            if quoted[i].statement.article != quoted[j].statement.article:
                pairs.add((i, j))
    return pairs


def _matches(quoted: Sequence[_Quoted]) -> Iterator[tuple[_Quoted, _Quoted]]:
    """Mutual best matches between quotes of different articles, in input order.

    The best match has the most words in common (then the highest share): a short
    heading that repeats part of a quote loses to the full quote.
    """

    def scored() -> Iterator[tuple[int, int, tuple[float, ...]]]:
        for i, j in sorted(_candidates(quoted)):
            score = _overlap(quoted[i].tokens, quoted[j].tokens)
            if score[1] >= MIN_COVERAGE and _share_content(quoted[i].tokens, quoted[j].tokens):
                yield i, j, score

    for i, j in _mutual_best(quoted, scored()):
        yield quoted[i], quoted[j]


def _mutual_best(
    quoted: Sequence[_Quoted], scored: Iterable[tuple[int, int, tuple[float, ...]]]
) -> Iterator[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``scored`` (candidate pairs with a score, in
    order; the first of equal scores wins) where each quote is the other's best in its
    article, in order of ``i``."""
    best: dict[tuple[int, str], tuple[tuple[float, ...], int]] = {}
    for i, j, score in scored:
        for x, y in ((i, j), (j, i)):
            slot = (x, quoted[y].statement.article)
            if slot not in best or score > best[slot][0]:
                best[slot] = (score, y)
    for (i, _), (_, j) in sorted(best.items()):
        mutual = best.get((j, quoted[i].statement.article))
        if i < j and mutual is not None and mutual[1] == i:
            yield i, j


# --- reworded quotes ------------------------------------------------------------


def _stems(tokens: Sequence[_Token]) -> frozenset[str]:
    """Content words cut to their first letters: "thaïlandais" and "thaïlandaises",
    "entrés" and "entrer" agree; words common in any news text ("have", "from",
    "notre") are left out."""
    return frozenset(
        t.key[:STEM]
        for t in tokens
        if t.key not in _FUNCTION_WORDS and general_frequency(t.key) < COMMON_ZIPF
    )


def _reworded(ctx: CompareContext, quoted: Sequence[_Quoted]) -> Iterator[Finding]:
    """Quotes of one person named alike, in two statements aligned as one fact, worded
    too differently to match word for word yet sharing most of their content stems:
    two translations of one statement, or a paraphrase inside quotation marks.

    Each quote keeps its best such partner per other article, mutual best only,
    as for word matches (:func:`_matches`).
    """
    of_statement: dict[str, list[int]] = {}
    for i, q in enumerate(quoted):
        of_statement.setdefault(q.statement.id, []).append(i)
    # Pairs of quotes whose statements share a group, and the first such group: only
    # quotes in one group are compared, never all pairs of a large input.
    group_of: dict[tuple[int, int], str] = {}
    for g in ctx.groups:
        inside = sorted(i for st in g.statements for i in of_statement.get(st.id, ()))
        for i, j in combinations(inside, 2):
            if quoted[i].statement.article != quoted[j].statement.article:
                group_of.setdefault((i, j), g.id)
    stems = {i: _stems(quoted[i].tokens) for pair in group_of for i in pair}

    def scored() -> Iterator[tuple[int, int, tuple[float, ...]]]:
        for i, j in sorted(group_of):
            common = len(stems[i] & stems[j])
            if common < 2 or common < MIN_STEM_SHARE * min(len(stems[i]), len(stems[j])):
                continue
            if _one_person(quoted[i].quote, quoted[j].quote):
                yield i, j, (common / min(len(stems[i]), len(stems[j])),)

    for i, j in _mutual_best(quoted, scored()):
        yield _reworded_finding(ctx, quoted[i], quoted[j], group_of[(i, j)])


def _one_person(a: Quote, b: Quote) -> bool:
    """Both quotes credited to a person by name, the same name: "le général Bun Thean" /
    "le commandant Bun Thean". A description ("le ministère", "a spokesman") may be
    another person, and two different statements of it are common."""
    if a.speaker is None or b.speaker is None:
        return False
    return _named(a) and _named(b) and same_speaker(a.speaker.text, b.speaker.text)


def _reworded_finding(ctx: CompareContext, a: _Quoted, b: _Quoted, group: str) -> Finding:
    assert a.quote.speaker is not None and b.quote.speaker is not None
    name_a = ctx.articles[a.statement.article].label
    name_b = ctx.articles[b.statement.article].label
    sa, sb = a.quote.span, b.quote.span
    return Finding(
        kind=Kind.QUOTE_DRIFT,
        severity=Severity.WARNING,
        confidence=0.6,
        message=(
            f"Same speaker, same fact, reworded quote: {name_a} quotes "
            f"“{a.quote.speaker.text}”: “{sa.text}”; {name_b} quotes “{b.quote.speaker.text}”: "
            f"“{sb.text}” (two translations, or a paraphrase inside quotation marks: check "
            "which words were said)."
        ),
        evidence=(
            Evidence(sa, QuoteWords(sa.text, sb.text)),
            Evidence(sb, QuoteWords(sb.text, sa.text)),
        ),
        group=group,
    )


# --- short quotes widened ----------------------------------------------------------


def _widened(
    quoted: Sequence[_Quoted], short: Sequence[_Quoted]
) -> Iterator[tuple[_Quoted, _Quoted]]:
    """Short quotes (two or three words, too generic to match by themselves) of a person
    named alike, paired with the stretch of another outlet's quote of that person that
    has their words in order with other words inside: « zone de mort » / « une zone de
    bataille pour la vie et la mort ». A stretch with the short quote's words side by
    side is the same words, not a drift. Mutual best per pair of articles (the shortest
    stretch); yields (short quote, stretch)."""
    named = [q for q in quoted if _named(q.quote)]
    where: dict[str, set[int]] = {}
    for j, q in enumerate(named):
        for t in q.tokens:
            where.setdefault(t.key, set()).add(j)
    pool = [*named, *(q for q in short if _named(q.quote))]
    stretch: dict[tuple[int, int], tuple[int, int]] = {}

    def scored() -> Iterator[tuple[int, int, tuple[float, ...]]]:
        for i in range(len(named), len(pool)):
            keys = [t.key for t in pool[i].tokens]
            if sum(k not in _FUNCTION_WORDS for k in keys) < 2:
                continue
            for j in sorted(set.intersection(*(where.get(k, set()) for k in keys))):
                other = named[j]
                if other.statement.article == pool[i].statement.article:
                    continue
                window = _window(keys, [t.key for t in other.tokens])
                if window is None or not _one_person(pool[i].quote, other.quote):
                    continue
                stretch[(j, i)] = window
                yield j, i, (-float(window[1] - window[0]),)

    for j, i in _mutual_best(pool, scored()):
        lo, hi = stretch[(j, i)]
        yield pool[i], _Quoted(named[j].statement, named[j].quote, named[j].tokens[lo:hi])


def _named(quote: Quote) -> bool:
    return quote.speaker is not None and bool(person_names(quote.speaker.text))


def _window(keys: Sequence[str], longer: Sequence[str]) -> tuple[int, int] | None:
    """The shortest stretch ``[lo, hi)`` of ``longer`` holding ``keys`` in order, when it
    holds other words among them (at most ``MAX_WIDENING`` times as many words in all)
    and ``keys`` are nowhere side by side in ``longer``."""
    best: tuple[int, int] | None = None
    for lo, word in enumerate(longer):
        if word != keys[0]:
            continue
        at, k = lo, 0
        while at < len(longer) and k < len(keys):
            k += longer[at] == keys[k]
            at += 1
        if k < len(keys):
            break
        if at - lo == len(keys):
            return None  # the same words, side by side
        if best is None or at - lo < best[1] - best[0]:
            best = (lo, at)
    if best is None or best[1] - best[0] > MAX_WIDENING * len(keys):
        return None
    return best


# --- attribution -----------------------------------------------------------------


def _entity(ctx: CompareContext, quote: Quote) -> str | None:
    if quote.speaker is None or quote.speaker.text.casefold() in _PRONOUNS:
        return None
    if quote.speaker.text.casefold().split(" ", 1)[0] in _VAGUE_GROUPS:
        return None  # "many in Berlin", "certains manifestants": nobody in particular
    if quote.speaker_entity:
        return quote.speaker_entity
    if ctx.entities is not None:
        return str(ctx.entities.canonical(quote.speaker.text))
    return quote.speaker.text


def _content_words(text: str) -> set[str]:
    return {t.key for t in _tokens(Span("", 0, len(text), text)) if t.key not in _FUNCTION_WORDS}


def _same_speaker(a: Quote, b: Quote, ea: str, eb: str) -> bool:
    """Same entity, one person under two forms of a name, a description that may be that
    person (``le préfet`` / ``Paul Martin``), or one speaker named less precisely than
    the other (``le parquet`` / ``le parquet de Paris``)."""
    if ea == eb:
        return True
    assert a.speaker is not None and b.speaker is not None
    sa, sb = a.speaker.text, b.speaker.text
    if person_names(ea) and person_names(eb) and not same_speaker(ea, eb):
        return False  # the entities are two people's names ("la préfète, X" / "la préfète Y")
    if not (person_names(sa) or person_names(sb)):
        # Two descriptions with no name in common ("la préfète de l'Isère" / "le maire de
        # Montbréal") are two speakers, whatever names the entity graph attached to them.
        wa, wb = _content_words(sa), _content_words(sb)
        if wa and wb and not (wa <= wb or wb <= wa):
            return False
    return same_speaker(sa, sb) or same_speaker(ea, eb)


def same_speaker(a: str, b: str) -> bool:
    """Whether two speaker surfaces can name one speaker (see the module docstring)."""
    names_a, names_b = person_names(a), person_names(b)
    if names_a and names_b:
        # Every name of the shorter list is in the other (an outlet names fewer people).
        short, long_ = sorted((names_a, names_b), key=len)
        return all(any(same_name(x, y) for y in long_) for x in short)
    if names_a or names_b:
        # A description against a name: a title apposed to a name, not evidence
        # of another person; unless the description itself names someone else.
        return True
    wa, wb = _content_words(a), _content_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _shared_names(a: str, b: str) -> list[str]:
    """Names two lists of speakers share (``les ministres A, B et C`` / ``… A, B et D``)."""
    names_a = {norm(m.group()): m.group() for m in re.finditer(NAME, a)}
    names_b = {norm(m.group()) for m in re.finditer(NAME, b)}
    if len(names_a) < 2 or len(names_b) < 2:
        return []
    return [name for k, name in names_a.items() if k in names_b]


def _attribution(ctx: CompareContext, a: _Quoted, b: _Quoted, group: str | None) -> Finding | None:
    ea, eb = _entity(ctx, a.quote), _entity(ctx, b.quote)
    if ea is None or eb is None or _same_speaker(a.quote, b.quote, ea, eb):
        return None
    assert a.quote.speaker is not None and b.quote.speaker is not None
    relation = ctx.entities.relation(ea, eb) if ctx.entities is not None else None
    shared = _shared_names(a.quote.speaker.text, b.quote.speaker.text)
    if relation is None and shared:
        relation = f"both name {', '.join(shared)}"
    severity = Severity.WARNING if relation else Severity.ERROR
    name_a = ctx.articles[a.statement.article].label
    name_b = ctx.articles[b.statement.article].label
    message = (
        f"Same quote, different speaker: {name_a} credits {_who(a.quote, ea)}, "
        f"{name_b} credits {_who(b.quote, eb)}. "
        + (f"How they relate: {relation}." if relation else "They are not known to be related.")
    )
    return Finding(
        kind=Kind.ATTRIBUTION_MISMATCH,
        severity=severity,
        confidence=0.8 if relation else 0.7,
        message=message,
        evidence=(
            Evidence(a.quote.speaker, _attribution_value(a.quote, ea, eb, relation)),
            Evidence(b.quote.speaker, _attribution_value(b.quote, eb, ea, relation)),
        ),
        group=group,
    )


def _who(quote: Quote, entity: str) -> str:
    assert quote.speaker is not None
    via = f", relayed by {quote.relay}" if quote.relay else ""
    surface = quote.speaker.text
    return f"“{surface}”" + (f" ({entity}{via})" if entity != surface or via else "")


def _attribution_value(
    quote: Quote, entity: str, other: str, relation: str | None
) -> QuoteAttribution:
    assert quote.speaker is not None
    return QuoteAttribution(
        quote.speaker.text, entity, other, relation, quote.relay, quote.span.text
    )


def _reported_attributions(ctx: CompareContext) -> Iterator[Finding]:
    """attribution_mismatch for aligned statements crediting their words to different
    sources outside quotation marks (``selon Marc L.`` / ``selon Marie L.``)."""
    for group in ctx.groups:
        for a, b in combinations(group.statements, 2):
            if a.article == b.article:
                continue
            for x in a.reported:
                for y in b.reported:
                    ex = x.speaker_entity or x.speaker.text
                    ey = y.speaker_entity or y.speaker.text
                    if not (_plausible(x, a) and _plausible(y, b)):
                        continue
                    if ex == ey or same_speaker(x.speaker.text, y.speaker.text):
                        continue
                    if _NEUTRAL_CUE.fullmatch(x.cue) and _NEUTRAL_CUE.fullmatch(y.cue):
                        yield _reported_finding(ctx, a, b, x, y, group.id)


# Cues that credit words neutrally; "a démenti", "confirmed" say more than who spoke.
_NEUTRAL_CUE = re.compile(
    r"selon|d['’]après|according to|(?:a |ont |avait )?(?:dit|déclaré|affirmé|indiqué|"
    r"précisé|expliqué|assuré)|said|says|told|stated",
)


def _plausible(speech: ReportedSpeech, st: Statement) -> bool:
    """A speaker that is a noun phrase: no pronoun, no verb inside (a misread subject)."""
    sp = speech.speaker
    inside = [t for t in st.tokens if sp.start <= t.start and t.end <= sp.end]
    return sp.text.casefold() not in _PRONOUNS and not any(t.pos in ("VERB", "AUX") for t in inside)


def _speaker_names(speech: ReportedSpeech, st: Statement) -> list[list[str]]:
    """Person names in a speaker; a capital that only starts the sentence is no name."""
    text = speech.speaker.text
    if speech.speaker.start == st.span.start:
        text = text[:1].lower() + text[1:]
    return person_names(text)


def _reported_value(
    speech: ReportedSpeech, other: str, relation: str | None
) -> ReportedAttribution:
    return ReportedAttribution(
        speech.speaker.text, speech.speaker_entity, speech.cue, other, relation
    )


def _reported_finding(
    ctx: CompareContext,
    a: Statement,
    b: Statement,
    x: ReportedSpeech,
    y: ReportedSpeech,
    group: str,
) -> Finding:
    ex, ey = x.speaker_entity or x.speaker.text, y.speaker_entity or y.speaker.text
    relation = ctx.entities.relation(ex, ey) if ctx.entities is not None else None
    # Two people named differently for one fact is a discrepancy; two kinds of source
    # ("la police" / "les pompiers") often both spoke, and are shown at info.
    named = bool(_speaker_names(x, a) and _speaker_names(y, b))
    name_a, name_b = ctx.articles[a.article].label, ctx.articles[b.article].label
    return Finding(
        kind=Kind.ATTRIBUTION_MISMATCH,
        severity=Severity.WARNING if named and not relation else Severity.INFO,
        confidence=0.65 if named else 0.4,
        message=(
            f"Same fact, credited to different sources: {name_a} “{x.cue} {x.speaker.text}”, "
            f"{name_b} “{y.cue} {y.speaker.text}”. "
            + (f"How they relate: {relation}." if relation else "They are not known to be related.")
        ),
        evidence=(
            Evidence(x.speaker, _reported_value(x, ey, relation)),
            Evidence(y.speaker, _reported_value(y, ex, relation)),
        ),
        group=group,
    )


# --- drift --------------------------------------------------------------------------


def _drift(ctx: CompareContext, a: _Quoted, b: _Quoted, group: str | None) -> Finding | None:
    ka, kb = [t.key for t in a.tokens], [t.key for t in b.tokens]
    ops = difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    kept = [op for op in ops if op[0] != "equal" and _is_change(op, ops, a, b, ka, kb)]
    if not kept:
        return None  # typography, spelling of compounds, cuts at an ellipsis or the ends
    # Words added or dropped at the ends: two content words are a change of meaning.
    at_ends = [
        k
        for op in kept
        if op[0] != "replace" and _at_edge(op, ops)
        for k in (*ka[op[1] : op[2]], *kb[op[3] : op[4]])
    ]
    loud = sum(k not in _FUNCTION_WORDS for k in at_ends) > 1 or any(
        _is_warning(op, ops, ka, kb) for op in kept
    )
    severity = Severity.WARNING if loud else Severity.INFO
    name_a = ctx.articles[a.statement.article].label
    name_b = ctx.articles[b.statement.article].label
    evidence: list[Evidence] = []
    pieces = []
    for _, i1, i2, j1, j2 in sorted(kept, key=lambda op: op[1]):
        sa, sb = _words(ctx, a, i1, i2), _words(ctx, b, j1, j2)
        removed = sa.text if i2 > i1 else ""
        added = sb.text if j2 > j1 else ""
        if removed and added:
            pieces.append(f"{name_a} has “{removed}” where {name_b} has “{added}”")
        else:
            pieces.append(f"{name_b if added else name_a} adds “{added or removed}”")
        evidence.append(Evidence(sa, QuoteWords(removed, added)))
        evidence.append(Evidence(sb, QuoteWords(added, removed)))
    message = (
        "Same quote, different words inside the quotation marks: "
        + "; ".join(pieces)
        + ("." if loud else " (words cut or added: check the meaning is unchanged).")
    )
    return Finding(
        kind=Kind.QUOTE_DRIFT,
        severity=severity,
        confidence=0.9 if loud else 0.6,
        message=message,
        evidence=tuple(evidence),
        group=group,
    )


Opcode = tuple[str, int, int, int, int]


def _at_edge(op: Opcode, ops: Sequence[Opcode]) -> bool:
    return op is ops[0] or op is ops[-1]


def _is_change(
    op: Opcode, ops: Sequence[Opcode], a: _Quoted, b: _Quoted, ka: list[str], kb: list[str]
) -> bool:
    """Whether a difference between two versions of a quote is a change of words."""
    tag, i1, i2, j1, j2 = op
    if "".join(ka[i1:i2]) == "".join(kb[j1:j2]):
        return False  # "end game" / "endgame"
    if _at_edge(op, ops):
        # One outlet quotes a longer or differently cut stretch: "avoir sauvé la vie" /
        # "Vous m'avez sauvé la vie" (one word of a fragment against a longer lead-in).
        if tag != "replace":
            return max(i2 - i1, j2 - j1) <= MAX_EDGE_CHANGE
        if min(i2 - i1, j2 - j1) > 1 or abs((i2 - i1) - (j2 - j1)) < 2:
            return True
        # One word against several: a change only when that word is a variant of the
        # longer side's word at the junction ("importantes" / "importants, pour…").
        word = ka[i1] if i2 - i1 == 1 else kb[j1]
        longer = kb[j1:j2] if i2 - i1 == 1 else ka[i1:i2]
        junction = longer[0] if op is ops[-1] else longer[-1]
        return _variant(word, junction)
    # Words one version leaves out where it has an ellipsis.
    return not (
        (tag == "delete" and b.tokens[j1].after_gap) or (tag == "insert" and a.tokens[i1].after_gap)
    )


def _variant(x: str, y: str) -> bool:
    """Two forms of one word (agreement, spelling), not two words."""
    return x != y and min(len(x), len(y)) >= 5 and x[:5] == y[:5]


def _words_negate(ka: list[str], kb: list[str], op: Opcode) -> bool:
    """Whether the words one version adds include a negation."""
    _, i1, i2, j1, j2 = op
    return any(k in _NEGATORS for k in (*ka[i1:i2], *kb[j1:j2]))


def _is_warning(op: Opcode, ops: Sequence[Opcode], ka: list[str], kb: list[str]) -> bool:
    """A replaced word inside the quote, a content word added inside it (``aucun danger
    immédiat`` / ``aucun danger``), or a negation added or dropped, changes what was
    said; a cut of function words without an ellipsis (``We are all`` / ``We are``)
    may not (info)."""
    inside = not _at_edge(op, ops)
    return (
        (op[0] == "replace" and inside)
        or (
            inside
            and any(k not in _FUNCTION_WORDS for k in (*ka[op[1] : op[2]], *kb[op[3] : op[4]]))
        )
        or _words_negate(ka, kb, op)
        or (
            op[0] == "replace"
            and any(k not in _FUNCTION_WORDS for k in (*ka[op[1] : op[2]], *kb[op[3] : op[4]]))
        )
    )


def _words(ctx: CompareContext, q: _Quoted, i: int, j: int) -> Span:
    """The original text of tokens ``i:j``; for an empty range (words the other version
    adds) the two words around the gap, or the nearest one at an end."""
    tokens = q.tokens
    if i >= j:
        i, j = (max(i - 1, 0), min(i + 1, len(tokens)))
    article = ctx.articles[q.statement.article]
    return article.span(tokens[i].start, tokens[j - 1].end)
