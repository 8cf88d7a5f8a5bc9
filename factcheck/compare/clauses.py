"""What a statement's clauses assert, read from its dependency parse (``Statement.tokens``).

For every verb: its lemma, whether it is negated and the clause's agent and patient.
Negation is lexical as well as grammatical, and scoped to the clause it governs:

- an adverb attached to the verb (``pas``, ``jamais``, ``ne … plus``; ``not``,
  ``never``, ``no longer``), a negative determiner on one of its arguments
  (``n'a reçu aucune aide``, ``received no aid``), a negating preposition
  (``sans``, ``without``);
- a negating verb governing it (``a renoncé à porter plainte``, ``denied that talks
  took place``, ``refused to``, ``failed to``): the governed verb is negated, not the
  negating one;
- a verb complementing a negated verb (``n'a pas voulu porter plainte``);
- a negating verb the parser hung below the verb it governs, as its subject (``a nié
  avoir versé``: ``nié`` the subject of ``versé``, at times tagged a name): a verb is
  never a nominal subject.

Agent and patient undo the passive (``X a été saisi par Y``: agent Y, patient X) and
are keyed by the head noun with its modifiers (``Conseil d'État`` ≠ ``Conseil
constitutionnel``). The words are data: ``factcheck/lexicon/<lang>/negators.toml``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.extract.parse import children
from factcheck.lexicon import lexicon_language, table
from factcheck.model import Statement, Token
from factcheck.normalize import norm

_SUBJECT = ("nsubj",)
_PASSIVE_SUBJECT = ("nsubj:pass", "nsubjpass")
_OBJECT = ("obj", "dobj")
_AGENT = ("obl:agent", "agent")
_COMPLEMENT = ("xcomp", "ccomp", "obj", "dobj", "advcl", "acl")
# How many tokens a complement may sit from the negated verb it inherits from.
_INHERIT_SPAN = 6
_NOT_ARGUMENTS = ("DET", "ADP", "PUNCT", "SPACE", "CCONJ", "SCONJ")
# An apposition names the same thing again ("Grok, l'assistant IA de X").
_MODIFIERS = ("amod", "nmod", "flat", "flat:name", "compound", "pobj", "appos")
_PRONOUNS = ("PRON",)


@dataclass(frozen=True)
class Negators:
    verbs: frozenset[str]
    adverbs: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    needs: dict[str, str]
    opposites: frozenset[frozenset[str]]
    # Pronouns that, in one of two aligned statements, stand for the other's argument.
    standing_for: frozenset[str] = frozenset()
    # Auxiliaries, and endings (written "-rait" in the lexicon), that make a clause
    # hypothetical.
    hypothetical: frozenset[str] = frozenset()
    hypothetical_endings: tuple[str, ...] = ()


@functools.cache
def negators(lang: str) -> Negators:
    data = table(lexicon_language(lang), "negators")

    def words(key: str) -> frozenset[str]:
        return frozenset(norm(str(w), strip_accents=True) for w in data.get(key, ()))

    needs = {
        norm(str(k), strip_accents=True): norm(str(v), strip_accents=True)
        for k, v in dict(data.get("needs", {})).items()
    }
    opposites = frozenset(
        frozenset((norm(str(k), strip_accents=True), norm(str(v), strip_accents=True)))
        for k, v in dict(data.get("opposites", {})).items()
    )
    return Negators(
        words("verbs"),
        words("adverbs"),
        words("determiners"),
        words("prepositions"),
        needs,
        opposites,
        words("standing_for"),
        frozenset(w for w in words("hypothetical") if not w.startswith("-")),
        tuple(w[1:] for w in words("hypothetical") if w.startswith("-")),
    )


@dataclass(frozen=True)
class Clause:
    """One verb of a statement and what it says."""

    verb: Token
    lemma: str
    negated: bool
    agent: frozenset[str] | None  # key words of the agent; None when absent or a pronoun
    patient: frozenset[str] | None
    agent_token: Token | None
    patient_token: Token | None
    # A negation of the verb's own ("n'a pas été maîtrisé"), not one taken from the
    # clause it depends on ("n'avait pas été déplacé après qu'elle a été tuée").
    negated_here: bool = False
    # A hypothesis ("would not be put", "ne serait pas"): the lexicon's ``hypothetical``.
    hypothetical: bool = False


def _lemma(tok: Token) -> str:
    return norm(tok.lemma or tok.text, strip_accents=True)


def _key(tok: Token, kids: dict[int, list[Token]]) -> frozenset[str] | None:
    """The head noun of an argument and its modifiers (``conseil`` + ``etat``)."""
    if tok.pos in _PRONOUNS or tok.pos in _NOT_ARGUMENTS or tok.text.endswith(("'", "’")):
        return None  # a pronoun, or a misparse that made an article ("l’") the subject
    words = {_lemma(tok)}
    stack = list(kids.get(tok.i, ()))
    while stack:
        k = stack.pop()
        if k.dep in _MODIFIERS and k.pos in ("NOUN", "PROPN", "ADJ"):
            words.add(_lemma(k))
            stack.extend(kids.get(k.i, ()))
    return frozenset(words)


def _locally_negated(
    verb: Token, kids: dict[int, list[Token]], neg: Negators, tokens: Sequence[Token]
) -> bool:
    head = tokens[verb.head]
    if verb.dep == "pcomp" and _lemma(head) in neg.prepositions:
        return True  # "without paying"
    for k in kids.get(verb.i, ()):
        lemma = _lemma(k)
        if k.dep in ("advmod", "neg") and lemma in neg.adverbs:
            need = neg.needs.get(lemma)
            if need is None:
                return True
            # "ne … plus" (a sibling "ne"), "no longer" (a child "no").
            near = [*kids.get(verb.i, ()), *kids.get(k.i, ())]
            if any(_lemma(x).rstrip("'’") == need for x in near):
                return True
        if k.dep in ("mark", "case") and lemma in neg.prepositions:
            return True
        if k.dep in (*_OBJECT, *_SUBJECT, *_PASSIVE_SUBJECT) and any(
            d.dep == "det" and _lemma(d) in neg.determiners for d in kids.get(k.i, ())
        ):
            return True
    return False


def _inverted_negator(verb: Token, kids: dict[int, list[Token]], neg: Negators) -> Token | None:
    """A negating verb just before ``verb`` that the parse made its subject."""
    return next(
        (
            k
            for k in kids.get(verb.i, ())
            if k.dep in _SUBJECT
            and _lemma(k) in neg.verbs  # whatever its tag: the parse may call "nié" a name
            and 0 < verb.i - k.i <= _INHERIT_SPAN
        ),
        None,
    )


def clauses(tokens: Sequence[Token], lang: str) -> list[Clause]:
    """Every verb of a parsed sentence with its polarity, agent and patient."""
    if not tokens:
        return []
    base = tokens[0].i
    by_i = {t.i - base: t for t in tokens}
    local = [t.placed(t.i - base, t.start, t.end, t.head - base) for t in tokens]
    kids = children(local)
    neg = negators(lang)
    negated: dict[int, bool] = {}
    here: dict[int, bool] = {}

    def negated_here(t: Token) -> bool:
        if t.i not in here:
            here[t.i] = _locally_negated(t, kids, neg, local)
        return here[t.i]

    def is_negated(t: Token) -> bool:
        if t.i in negated:
            return negated[t.i]
        negated[t.i] = False  # guards against cycles in a malformed parse
        value = negated_here(t) or _inverted_negator(t, kids, neg) is not None
        if not value and t.head != t.i and t.dep in _COMPLEMENT:
            head = local[t.head]
            # "a refusé de porter plainte" inherits; a verb far from its head is more
            # often a misparse of another clause ("ont refusé de … mais … a diffusé").
            if head.pos in ("VERB", "AUX") and abs(t.i - head.i) <= _INHERIT_SPAN:
                value = _lemma(head) in neg.verbs or is_negated(head)
        negated[t.i] = value
        return value

    out = []
    for t in local:
        if t.pos != "VERB":
            continue
        own = kids.get(t.i, [])
        # "L'Etat va émettre": the subject hangs on the governing verb.
        inherited = kids.get(t.head, []) if t.dep == "xcomp" else []
        # "La France a nié avoir versé" misparsed: the subject is the negating verb's.
        negator = _inverted_negator(t, kids, neg)
        if negator is not None:
            inherited = kids.get(negator.i, [])
            own = [k for k in own if k is not negator]
        subj = next((k for k in own if k.dep in _SUBJECT), None) or next(
            (k for k in inherited if k.dep in _SUBJECT), None
        )
        psubj = next((k for k in own if k.dep in _PASSIVE_SUBJECT), None)
        obj = next((k for k in own if k.dep in _OBJECT), None)
        agent_tok = next((k for k in own if k.dep in _AGENT), None)
        agent: Token | None
        patient: Token | None
        if psubj is not None:
            agent, patient = agent_tok, psubj
        else:
            agent, patient = subj, obj
        if agent is not None and agent.dep == "agent":  # English "by" phrase
            agent = next((k for k in kids.get(agent.i, ()) if k.dep == "pobj"), None)
        out.append(
            Clause(
                verb=by_i[t.i],
                lemma=_lemma(t),
                negated=is_negated(t),
                agent=_key(agent, kids) if agent is not None else None,
                patient=_key(patient, kids) if patient is not None else None,
                agent_token=by_i[agent.i] if agent is not None else None,
                patient_token=by_i[patient.i] if patient is not None else None,
                negated_here=negated_here(t),
                hypothetical=_hypothetical(t, kids, neg),
            )
        )
    return out


def _hypothetical(verb: Token, kids: dict[int, list[Token]], neg: Negators) -> bool:
    """A verb or one of its auxiliaries that says the clause is a hypothesis: a modal
    ("would") or a conditional ending ("-rait"), from the lexicon's ``hypothetical``."""
    for w in (verb, *(k for k in kids.get(verb.i, ()) if k.dep.startswith("aux"))):
        text = norm(w.text, strip_accents=True)
        if _lemma(w) in neg.hypothetical or text.endswith(neg.hypothetical_endings):
            return True
    return False


def governor(
    tokens: Sequence[Token], start: int, end: int, pos: tuple[str, ...] = ("VERB", "NOUN")
) -> str | None:
    """The lemma of the nearest word of a part of speech in ``pos`` above the article
    range ``[start, end)`` in the parse: what a date is said of ("voted in January" →
    vote, "the Wednesday bombings" → bombing), the verb a value fills a slot of; None
    without a parse, at the root, or without such a word."""
    if not tokens:
        return None
    base = tokens[0].i
    inside = [t for t in tokens if t.start < end and start < t.end]
    if not inside:
        return None
    tok = next((t for t in inside if not (start <= tokens[t.head - base].start < end)), inside[0])
    for _ in range(len(tokens)):
        if tok.head == tok.i:
            return None
        tok = tokens[tok.head - base]
        if tok.pos in pos and not (start <= tok.start < end):
            return _lemma(tok)
    return None


def same_governor(a: str, b: str) -> bool:
    """One word or two forms of it ("bomb" / "bombing", "libérer" / "libération")."""
    short = min(len(a), len(b), 5)
    return a[:short] == b[:short]


def same_filler(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """One argument named more or less precisely (``le préfet`` / ``le préfet du Rhône``)."""
    return a is not None and b is not None and (a <= b or b <= a)


def other_filler(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """Two arguments both given and not the same (``its workers`` / ``its taxes``)."""
    return a is not None and b is not None and not same_filler(a, b)


def polarity_conflict(x: Clause, y: Clause, lang: str) -> bool:
    """Whether two clauses say opposite things of the same verb: one negated and not the
    other, or opposite verbs (``reconnaître`` / ``nier``) with the same polarity."""
    if x.lemma == y.lemma:
        return x.negated != y.negated
    opposite = frozenset((x.lemma, y.lemma)) in negators(lang).opposites
    return opposite and x.negated == y.negated


def relative_tokens(st: Statement) -> tuple[Token, ...]:
    """A statement's parse with offsets from its own start (``i`` and ``head`` already
    count from its sentence's first token): equal for two copies of one sentence."""
    at = st.span.start
    return tuple(t.placed(t.i, t.start - at, t.end - at, t.head) for t in st.tokens)
