"""Statements whose claims conflict: one outlet says something happened, another
says it did not.

Rules, in French and English, no model (an NLI model with weights shipped in a
PyPI package was not available offline; see the issue-6 notes in docs):

- **reaction vs silence**: an actor "n'a pas réagi publiquement" / "did not
  comment" in one article, while another article has the same actor speak
  (a quote credited to it, or the actor as subject of a reporting verb).
  These are compared over *all* statements, not only aligned groups: the two
  sentences rarely share words (that is the point), so alignment cannot be
  relied on to pair them. They must name the same canonical entity and not be
  known to be on different days.
- **negation**: in an aligned pair, one statement negates a verb the other
  asserts (``n'a pas retiré`` / ``a retiré``, ``did not remove`` / ``removed``).
- **antonymous outcomes** in an aligned pair: ``a été retiré`` / ``reste en
  ligne``, ``confirmé`` / ``démenti``, ``accepted`` / ``rejected``…

- **lexical negation** (from the dependency parse, :mod:`factcheck.compare.clauses`):
  in an aligned pair, the same verb with a shared agent or patient is negated on
  one side only (``a renoncé à porter plainte`` / ``a porté plainte``, ``n'a reçu
  aucune aide`` / ``a reçu une aide``, ``denied that talks took place`` / ``talks
  took place``). Without a parse, the ``ne … pas`` patterns below are used.
- **incompatible alternatives**: two aligned statements fill the same slot (the
  same governing verb) with different members of one class of mutually exclusive
  values (``by train`` / ``by car``, ``nord`` / ``est``, ``reporté`` / ``annulé``);
  the classes are data, ``factcheck/lexicon/<lang>/alternatives.toml``. Classes
  whose members are predicates (how people died) are also compared across groups
  when the two statements share a figure and a noun (``3 employees were burnt to
  death`` / ``Three people suffocated in the bank``).
- **who did what to whom** (parse): the same verb with the same patient and
  another agent (``L'État va émettre des titres`` / ``les banques vont émettre des
  titres``) is an entity_mismatch; agent and patient swapped is a contradiction.

A paraphrase (``subira les mêmes conséquences`` / ``s'exposerait aux mêmes
sanctions``) has neither a negation mismatch nor an antonym pair, so it is
never flagged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from itertools import combinations

from factcheck.compare import CompareContext
from factcheck.compare.alternatives import alternative_conflicts
from factcheck.compare.clauses import (
    Clause,
    clauses,
    negators,
    other_filler,
    polarity_conflict,
    relative_tokens,
    same_filler,
)
from factcheck.lexicon import lexicon_language, words
from factcheck.model import (
    EntityValue,
    Evidence,
    Finding,
    Kind,
    Polarity,
    Severity,
    Span,
    Statement,
    Token,
)
from factcheck.normalize import norm
from factcheck.pairing import noun_class, stated_days

# "X n'a pas réagi", "X did not comment": the actor's silence.
_SILENCE = re.compile(
    r"\b(?:n['’](?:a|ont|avait|avaient)\s+pas\s+(?:\w+\s+)?(?:réagi|commenté|répondu|souhaité\s+"
    r"(?:réagir|commenter|répondre)|donné\s+suite|fait\s+de\s+commentaire)(?:\s+publiquement)?|"
    r"(?:est|sont|était|étaient)\s+restée?s?\s+(?:silencieu(?:x|se|ses)|muette?s?)|"
    r"(?:s['’]est|se\s+sont)\s+refusée?s?\s+à\s+tout\s+commentaire|"
    r"(?:did|does|has|have|had)\s+not\s+(?:immediately\s+|publicly\s+)?"
    r"(?:comment|respond|react|reply)(?:ed)?|declined\s+to\s+comment|"
    r"(?:was|were)\s+not\s+available\s+for\s+comment|remained\s+silent)\b",
    re.I,
)
# The actor speaking: "X a fait savoir", "X said", "X, l'entreprise…, a déclaré".
_SPOKE = re.compile(
    r"\b(?:(?:a|ont|avait|avaient)\s+)?(?:fait\s+savoir|fait\s+valoir|déclaré|affirmé|annoncé|"
    r"indiqué|précisé|expliqué|reconnu|écrit|confirmé|réagi|répondu|communiqué)\b|"
    r"\b(?:fait|font)\s+savoir\b|"
    r"\b(?:said|says|stated|announced|acknowledged|confirmed|responded|replied|wrote|told)\b",
    re.I,
)
_NEGATED_VERB = re.compile(
    r"\b(?:n['’]|ne\s+)(?:(?:a|ont|avait|avaient|est|sont|était|a\s+été|ont\s+été)\s+)?"
    # a past participle: "n'a pas retiré", "n'ont jamais admis" (not "n'est pas possible")
    r"(?:pas|jamais|plus)\s+(?:été\s+)?(?!été\b)(?P<fr>\w{2,}(?:ée?s?|ie?s?|ue?s?|is|ise?s?|it|ite?s?|ert|erte?s?))\b|"
    r"\b(?:did|does|do|has|have|had|was|were|is|are)\s*(?:not|n't)\s+(?:been\s+)?(?P<en>\w{4,})",
    re.I,
)
_NEGATOR_WORD = re.compile(r"\b(?:ne|n['’]|pas|jamais|aucune?|not|n't|never|no)\b", re.I)
# Outcomes that cannot both hold of the same thing.
_ANTONYMS: tuple[tuple[str, str], ...] = (
    (
        r"(?:a|ont)\s+été\s+(?:retiré|supprimé|effacé)e?s?",
        r"(?:reste|restent|toujours)\s+en\s+ligne",
    ),
    (r"(?:confirmé|confirme)", r"(?:démenti|dément)"),
    # A word the small parsers often misread as a noun ("a nié l'existence").
    (r"(?:reconnu|admis|avoué)e?s?", r"(?:nié|démenti)e?s?"),
    (r"(?:accepté|approuvé|adopté)e?s?", r"(?:rejeté|refusé)e?s?"),
    (r"(?:condamné)e?s?", r"(?:relaxé|acquitté)e?s?"),
    (r"(?:ouvert)e?s?", r"(?:fermé|clos)e?s?"),
    (
        r"(?:was|were|has\s+been|have\s+been)\s+(?:removed|deleted|taken\s+down)",
        r"(?:remains?|still)\s+(?:online|up|available)",
    ),
    (r"confirmed", r"denied"),
    (r"(?:acknowledged|admitted)", r"denied"),
    (r"(?:accepted|approved|adopted)", r"(?:rejected|refused)"),
    (r"convicted", r"acquitted"),
)
_ANTONYM_RES = tuple(
    (re.compile(rf"\b{left}\b", re.I), re.compile(rf"\b{right}\b", re.I))
    for left, right in _ANTONYMS
)
# Where a sentence states each antonym pair's outcome and its opposite.
Outcomes = tuple[tuple[re.Match[str] | None, re.Match[str] | None], ...]


def compare_contradictions(ctx: CompareContext) -> Iterator[Finding]:
    """contradiction findings: silence vs speech of one actor, negation and antonyms in
    groups; one pair of statements at a time.

    Two statements of a group are read once per pair of distinct shapes (words,
    language and parse relative to the statement): a feed's many copies of one
    sentence cost one reading, and each pair's findings are built from its drafts.
    """
    yield from _silence_vs_speech(ctx)
    parsed: dict[str, list[Clause]] = {}
    # Searched once per sentence, not once per pair of a group's statements.
    stated: dict[str, Outcomes] = {}

    def read(st: Statement) -> list[Clause]:
        if st.id not in parsed:
            parsed[st.id] = clauses(st.tokens, ctx.articles[st.article].language)
        return parsed[st.id]

    def outcomes(st: Statement) -> Outcomes:
        text = st.span.text
        if text not in stated:
            stated[text] = tuple((lt.search(text), rt.search(text)) for lt, rt in _ANTONYM_RES)
        return stated[text]

    numbers: dict[Hashable, int] = {}
    shapes: dict[int, int] = {}  # by object, as in compare.values

    def shape(st: Statement) -> int:
        if id(st) not in shapes:
            key = (st.span.text, ctx.articles[st.article].language, relative_tokens(st))
            shapes[id(st)] = numbers.setdefault(key, len(numbers))
        return shapes[id(st)]

    drafts: dict[tuple[int, int], list[_Draft]] = {}
    for group in ctx.groups:
        # Read once per statement, not once per pair (a group of thousands has millions).
        articles = [st.article for st in group.statements]
        numbered = [shape(st) for st in group.statements]
        for i, j in combinations(range(len(group.statements)), 2):
            if articles[i] == articles[j]:
                continue
            a, b = group.statements[i], group.statements[j]
            pair = (numbered[i], numbered[j])
            if pair not in drafts:
                if a.tokens and b.tokens:
                    negation = _lexical_negation(ctx, a, b, read(a), read(b))
                else:
                    negation = _negation(a, b)
                first = negation or _antonyms(a, b, outcomes)
                drafts[pair] = [*([first] if first else []), *_roles(a, b, read(a), read(b))]
            for draft in drafts[pair]:
                yield draft.finding(ctx, group.id, a, b)
    yield from alternative_conflicts(ctx)


@dataclass(frozen=True)
class _Draft:
    """A finding between two statements, by offsets inside them, with its message
    around the two outlets' names: what any two statements of the same shapes give."""

    kind: Kind
    severity: Severity
    confidence: float
    # Per side: from the pair's second statement?, local start and end, the value.
    sides: tuple[tuple[bool, int, int, Polarity | EntityValue], ...]
    words: tuple[str, str, str]

    def finding(self, ctx: CompareContext, group: str, a: Statement, b: Statement) -> Finding:
        spans = [_sub((b if second else a).span, s, e) for second, s, e, _ in self.sides]
        first, between, last = self.words
        names = [ctx.articles[sp.article].label for sp in spans]
        return Finding(
            kind=self.kind,
            severity=self.severity,
            confidence=self.confidence,
            message=first + names[0] + between + names[1] + last,
            evidence=tuple(
                Evidence(sp, value) for sp, (*_, value) in zip(spans, self.sides, strict=True)
            ),
            group=group,
        )


# --- silence vs speech ---------------------------------------------------------------


def _silence_vs_speech(ctx: CompareContext) -> Iterator[Finding]:
    speakers = [(st, actor, span) for st in ctx.statements for actor, span in _speech(ctx, st)]
    for st in ctx.statements:
        for m in _SILENCE.finditer(st.span.text):
            actor = _subject_entity(ctx, st, m.start())
            if actor is None:
                continue
            silence = _sub(st.span, m.start(), m.end())
            seen: set[str] = set()
            for other, who, spoke in speakers:
                if other.article == st.article or other.article in seen or who != actor:
                    continue
                if not _same_day(ctx, st, other):
                    continue
                seen.add(other.article)
                name_a = ctx.articles[st.article].label
                name_b = ctx.articles[other.article].label
                yield Finding(
                    kind=Kind.CONTRADICTION,
                    severity=Severity.WARNING,
                    confidence=0.75,
                    message=(
                        f"{name_a} says {actor} did not react (“{silence.text}”), "
                        f"but {name_b} reports {actor} speaking (“{spoke.text}”)."
                    ),
                    evidence=(
                        Evidence(silence, Polarity("silent", actor)),
                        Evidence(spoke, Polarity("spoke", actor)),
                    ),
                )


def _speech(ctx: CompareContext, st: Statement) -> Iterator[tuple[str, Span]]:
    """(actor, evidence span) for each actor the statement shows speaking."""
    for quote in st.quotes:
        if quote.speaker is not None and quote.speaker_entity:
            verb = _SPOKE.search(st.span.text)
            yield (
                quote.speaker_entity,
                (_sub(st.span, verb.start(), verb.end()) if verb else quote.speaker),
            )
    for m in _SPOKE.finditer(st.span.text):
        if _SILENCE.search(st.span.text[max(0, m.start() - 30) : m.end()]):
            continue
        actor = _subject_entity(ctx, st, m.start())
        if actor:
            yield actor, _sub(st.span, m.start(), _clause_end(st.span.text, m.end()))


def _subject_entity(ctx: CompareContext, st: Statement, verb_at: int) -> str | None:
    """The canonical entity of the clause subject before local offset ``verb_at``."""
    before = [
        m
        for m in st.mentions
        if m.span.end - st.span.start <= verb_at and m.span.start >= st.span.start
    ]
    if not before:
        return None
    # The sentence's first mention before the verb is the subject in "X, l'entreprise …, n'a
    # pas réagi"; a later mention inside an apposition names something else.
    first = before[0]
    gap = st.span.text[first.span.end - st.span.start : verb_at]
    if re.search(r"[.;:]|\s(?:que|qu['’]|that)\s", gap):
        return None
    return first.canonical


def _clause_end(text: str, pos: int) -> int:
    """Extend evidence over the next few words (``fait savoir vendredi que des failles``),
    not past punctuation and not ending on a small word (``de``, ``the``)."""
    stop = re.search(r"[,.;:«»\"]", text[pos:])
    limit = pos + stop.start() if stop else len(text)
    words = list(re.finditer(r"\S+", text[pos:limit]))[:6]
    while len(words) > 1 and len(words[-1].group()) <= 3:
        words.pop()
    return pos + words[-1].end() if words else pos


def _same_day(ctx: CompareContext, a: Statement, b: Statement) -> bool:
    """False only when the two statements are known to be about different days."""
    days_a, days_b = stated_days(a.times), stated_days(b.times)
    if days_a and days_b:
        return bool(days_a & days_b)
    pa, pb = ctx.articles[a.article].published, ctx.articles[b.article].published
    return pa is None or pb is None or abs((pa - pb).days) <= 1


# --- negation and antonyms in aligned pairs ----------------------------------------


def _negation(a: Statement, b: Statement) -> _Draft | None:
    for neg, pos in ((a, b), (b, a)):
        for m in _NEGATED_VERB.finditer(neg.span.text):
            verb = (m.group("fr") or m.group("en")).casefold()
            stem = verb[:5]
            asserted = re.search(rf"\b{re.escape(stem)}\w*", pos.span.text, re.I)
            if asserted is None or _NEGATED_VERB.search(
                pos.span.text[max(0, asserted.start() - 25) : asserted.end()]
            ):
                continue
            return _draft(
                b,
                (neg, m.start(), m.end(), "negated"),
                (pos, asserted.start(), asserted.end(), "asserted"),
                "one says it did not happen, the other that it did",
            )
    return None


def _lexical_negation(
    ctx: CompareContext,
    a: Statement,
    b: Statement,
    ca: list[Clause],
    cb: list[Clause],
) -> _Draft | None:
    """The same verb with a shared agent or patient, negated on one side only."""
    lang = ctx.articles[a.article].language
    pronouns, reporting = negators(lang).standing_for, _reporting(lang)
    alike: bool | None = None
    best: tuple[int, Clause, Clause, Statement, Statement] | None = None
    for x in ca:
        for y in cb:
            if not polarity_conflict(x, y, lang):
                continue
            # One argument under two names of a class of nouns ("salariés" / "employés").
            xa, ya, xp, yp = map(_classed, (x.agent, y.agent, x.patient, y.patient))
            shared = same_filler(xa, ya) + same_filler(xp, yp)
            # What a pronoun stands for: only the patient ("Il n'a pas été maîtrisé"), and
            # never of a reporting verb ("he would not say" / "Ketsoyan said": two
            # statements, not one denied).
            plain = not (x.hypothetical or y.hypothetical) and (x.negated_here or y.negated_here)
            if (
                plain
                and x.lemma not in reporting
                and (
                    _standing_for(x.patient_token, y.patient, pronouns)
                    or _standing_for(y.patient_token, x.patient, pronouns)
                )
            ):
                shared += 1
            if not shared:
                # A misparsed or cut argument: the rest of the two statements must then
                # say the same thing.
                if alike is None:
                    alike = _said_alike(a, b)
                if not alike:
                    continue
            if other_filler(xa, ya) or other_filler(xp, yp):
                continue  # "paid its workers" / "did not pay its taxes": two facts
            # The negated side: the one with a negation, or the negating verb of a pair.
            x_negative = x.negated if x.lemma == y.lemma else _negating(x, lang)
            neg, pos = (x, y) if x_negative else (y, x)
            st_neg, st_pos = (a, b) if x_negative else (b, a)
            lo, hi = _clause_range(st_pos, pos)
            if _NEGATOR_WORD.search(st_pos.span.text[max(0, lo - 30) : hi]):
                continue  # the parse missed a negation the words show
            # Prefer shared arguments, then main verbs: a complement of a negated verb
            # ("n'a pas reconnu … ayant permis") inherits the negation.
            rank = 2 * shared + (x.verb.dep == "ROOT") + (y.verb.dep == "ROOT")
            if best is None or rank > best[0]:
                best = (rank, neg, pos, st_neg, st_pos)
    if best is None:
        return None
    _, neg, pos, st_neg, st_pos = best
    return _draft(
        b,
        (st_neg, *_clause_range(st_neg, neg), "negated"),
        (st_pos, *_clause_range(st_pos, pos), "asserted"),
        "one says it did not happen, the other that it did",
    )


def _classed(key: frozenset[str] | None) -> frozenset[str] | None:
    return None if key is None else frozenset(noun_class(w) for w in key)


@functools.cache
def _reporting(lang: str) -> frozenset[str]:
    """Reporting verbs (the lexicon's ``claims_reporting``), keyed as clause lemmas."""
    listed = words(lexicon_language(lang), "claims_reporting")
    return frozenset(norm(w, strip_accents=True) for w in listed)


def _standing_for(
    token: Token | None, other: frozenset[str] | None, pronouns: frozenset[str]
) -> bool:
    """A personal pronoun argument ("Il n'a pas été maîtrisé") against a named one in
    the other statement of an aligned pair ("Le feu a été maîtrisé"): in one fact, the
    pronoun stands for it (the lexicon's ``standing_for``)."""
    return (
        token is not None and other is not None and norm(token.text, strip_accents=True) in pronouns
    )


_VERB_PARTS = ("aux", "aux:tense", "aux:pass", "auxpass", "advmod", "neg")
_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
# Share of the shorter statement's content lemmas that the other states too.
ALIKE_SHARE = 0.6
ALIKE_MIN_WORDS = 3


def _said_alike(a: Statement, b: Statement) -> bool:
    """Two statements made of the same content words (lemmas of nouns, verbs, names…)."""
    wa, wb = (
        {norm(t.lemma or t.text, strip_accents=True) for t in st.tokens if t.pos in _CONTENT_POS}
        for st in (a, b)
    )
    short = min(len(wa), len(wb))
    return short >= ALIKE_MIN_WORDS and len(wa & wb) >= ALIKE_SHARE * short


def _negating(clause: Clause, lang: str) -> bool:
    return clause.lemma in negators(lang).verbs


def _clause_range(st: Statement, clause: Clause) -> tuple[int, int]:
    """Local offsets of a clause's verb with its arguments (the evidence)."""
    toks: list[Token] = [
        t for t in (clause.verb, clause.agent_token, clause.patient_token) if t is not None
    ]
    # The verb's auxiliaries and negation words belong to what it says ("n'a pas reconnu").
    toks += [t for t in st.tokens if t.head == clause.verb.i and t.dep in _VERB_PARTS]
    return min(t.start for t in toks) - st.span.start, max(t.end for t in toks) - st.span.start


def _roles(a: Statement, b: Statement, ca: list[Clause], cb: list[Clause]) -> Iterator[_Draft]:
    """The same verb with another agent (or patient) and the other argument in common;
    or agent and patient swapped."""
    for x in ca:
        for y in cb:
            if x.lemma != y.lemma or x.negated != y.negated:
                continue
            if x.agent is None or y.agent is None:
                continue
            swapped = same_filler(x.agent, y.patient) and same_filler(x.patient, y.agent)
            if swapped and not same_filler(x.agent, y.agent):
                yield _draft(
                    b,
                    (a, *_clause_range(a, x), "agent first"),
                    (b, *_clause_range(b, y), "patient first"),
                    "who did what to whom is reversed",
                )
                return
            # The same verb and one argument in common, the other one differs:
            # another actor (agent) or another target (patient) in the same role.
            if same_filler(x.patient, y.patient) and not same_filler(x.agent, y.agent):
                role, tok_a, tok_b = "agent", x.agent_token, y.agent_token
                key_a: frozenset[str] | None = x.agent
                key_b: frozenset[str] | None = y.agent
            elif same_filler(x.agent, y.agent) and other_filler(x.patient, y.patient):
                role, tok_a, tok_b = "patient", x.patient_token, y.patient_token
                key_a, key_b = x.patient, y.patient
            else:
                continue
            assert tok_a is not None and tok_b is not None
            if _fills(ca, x.lemma, role, key_b) or _fills(cb, y.lemma, role, key_a):
                continue  # one article has both do it: two actors
            # Two names that neither statement otherwise uses are two actors; common
            # nouns ("rioters" / "protesters", "l'État" / "le gouvernement") are
            # often synonyms or metonyms: reported at info.
            loud = (
                _named(tok_a, a)
                and _named(tok_b, b)
                and not _acts_in(b, key_a)
                and not _acts_in(a, key_b)
            )
            (sa, ea), (sb, eb) = _clause_range(a, x), _clause_range(b, y)
            yield _Draft(
                kind=Kind.ENTITY_MISMATCH,
                severity=Severity.WARNING if loud else Severity.INFO,
                confidence=0.55 if loud else 0.35,
                sides=(
                    (False, sa, ea, EntityValue(tok_a.text, role)),
                    (True, sb, eb, EntityValue(tok_b.text, role)),
                ),
                words=(
                    f"Another {role} for “{x.verb.text}”: ",
                    f" has “{a.span.text[sa:ea]}”, ",
                    f" has “{b.span.text[sb:eb]}”.",
                ),
            )
            return


def _acts_in(st: Statement, key: frozenset[str] | None) -> bool:
    """Whether a statement's words include every key word of an argument."""
    words = {norm(t.lemma or t.text, strip_accents=True) for t in st.tokens}
    return key is not None and key <= words


def _named(tok: Token, st: Statement) -> bool:
    """A proper name or a capitalised word inside the sentence (``l'Etat``, ``Paris``)."""
    first = st.tokens[0].i if st.tokens else -1
    return tok.pos == "PROPN" or tok.ent is not None or (tok.text[:1].isupper() and tok.i != first)


def _fills(cs: list[Clause], lemma: str, role: str, key: frozenset[str] | None) -> bool:
    """Whether some clause of this verb has this argument in this role."""
    return any(
        c.lemma == lemma and same_filler(c.agent if role == "agent" else c.patient, key) for c in cs
    )


def _antonyms(
    a: Statement, b: Statement, outcomes: Callable[[Statement], Outcomes]
) -> _Draft | None:
    for k in range(len(_ANTONYM_RES)):
        for x, y in ((a, b), (b, a)):
            mx, x_opposite = outcomes(x)[k]
            my = outcomes(y)[k][1]
            if mx and my and not x_opposite:
                return _draft(
                    b,
                    (x, mx.start(), mx.end(), "outcome"),
                    (y, my.start(), my.end(), "opposite outcome"),
                    "the outcomes they report cannot both be true",
                )
    return None


def _draft(
    b: Statement,
    first: tuple[Statement, int, int, str],
    second: tuple[Statement, int, int, str],
    why: str,
) -> _Draft:
    """A contradiction between two claims, each at local offsets of its statement (``b``:
    the pair's second statement)."""
    texts = [st.span.text[s:e] for st, s, e, _ in (first, second)]
    return _Draft(
        kind=Kind.CONTRADICTION,
        severity=Severity.WARNING,
        confidence=0.6,
        sides=tuple((st is b, s, e, Polarity(claim)) for st, s, e, claim in (first, second)),
        words=("", f" (“{texts[0]}”) and ", f" (“{texts[1]}”) conflict: {why}."),
    )


def _sub(span: Span, start: int, end: int) -> Span:
    return Span(span.article, span.start + start, span.start + end, span.text[start:end])
