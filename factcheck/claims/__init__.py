"""The claims stage: each prose sentence becomes one or more claims.

A sentence often states several facts ("the storm killed two people, injured
fourteen and cut power to 30,000 homes"; "le gouvernement a nommé X, qui
remplace Y, et annoncé 2 milliards"), and each is reported on its own by other
outlets. Alignment compares claims, not sentences.

A claim is a :class:`~factcheck.model.Statement` whose span is a contiguous
clause of the sentence (an exact slice of the original text, possibly the
whole sentence), carrying the sentence's values, dates, quotes, mentions and
tokens that lie inside it, and a :class:`~factcheck.model.Claim` frame: the
sentence, the claim's index in it, its predicate lemma and its subject.

Splitting reads the dependency parse (``Statement.tokens``): the sentence is
cut before each clause that carries its own fact — a coordinated verb
("… et annoncé 2 milliards"), a participial or adverbial clause ("…,
mobilisant 120 pompiers"), a relative clause ("…, qui remplace Y"), a
coordinated counted outcome ("trois morts et douze blessés") — never inside a
quote, a value or a date, and never before a reporting clause (", police
said", "a-t-il déclaré", "selon X"), which stays with the claim it reports.
Pieces too small to state a fact join their neighbour. Without a parse (a
language with no parser installed) a sentence is one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from factcheck.lexicon import words
from factcheck.model import Claim, Span, Statement, Token

# Clause heads that can start a claim of their own (UD labels of spaCy's French
# and English pipelines). Complements (ccomp, xcomp) are what a verb says or
# wants, not a second fact; reported speech stays whole.
_CLAUSE_DEPS = frozenset(
    {"conj", "advcl", "acl", "acl:relcl", "relcl", "parataxis", "dep", "advcl:cleft"}
)
_VERBAL = frozenset({"VERB", "AUX"})
_OBJECTS = ("obj", "dobj", "obl:arg")
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj")
# Connectors left between two claims: they belong to neither.
_CONNECTOR_POS = frozenset({"CCONJ", "PUNCT"})
_LINK_POS = _CONNECTOR_POS | {"SCONJ"}
_SEPARATORS = frozenset({",", ";", ":", "-", "–", "—"})
# A claim needs at least this many word tokens (letters or digits).
MIN_WORDS = 2


def _subtree_bounds(tokens: Sequence[Token]) -> tuple[list[int], list[int]]:
    """Leftmost and rightmost token index of each token's subtree."""
    left = [t.i for t in tokens]
    right = [t.i for t in tokens]
    children: dict[int, list[int]] = {}
    for t in tokens:
        if t.head != t.i:
            children.setdefault(t.head, []).append(t.i)
    # Depth-first from each root; parses are trees, but guard against cycles.
    order: list[int] = []
    seen: set[int] = set()
    roots = [t.i for t in tokens if t.head == t.i]
    stack = list(roots)
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        order.append(i)
        stack.extend(children.get(i, ()))
    for i in reversed(order):
        for c in children.get(i, ()):
            left[i] = min(left[i], left[c])
            right[i] = max(right[i], right[c])
    return left, right


def _is_word(token: Token) -> bool:
    return any(ch.isalnum() for ch in token.text)


def _has_child(tokens: Sequence[Token], i: int, deps: Sequence[str]) -> bool:
    return any(t.head == i and t.i != i and t.dep in deps for t in tokens)


def _counted(tokens: Sequence[Token], i: int) -> bool:
    """A noun with its own number ("douze blessés", "14 injured")."""
    return any(t.head == i and t.i != i and t.pos == "NUM" for t in tokens)


def _reports(tokens: Sequence[Token], t: Token, reporting: frozenset[str]) -> bool:
    """A reporting clause (", police said", "», a déclaré le ministre", "précisant que …").

    A reporting verb whose object holds a figure ("a annoncé 2 milliards",
    "reported a profit of 3 billion dollars") states a fact. An object alone is
    no guide: parsers read French inverted subjects ("a déclaré le ministre")
    as objects.
    """
    if t.lemma not in reporting:
        return False
    objects = [x.i for x in tokens if x.head == t.i and x.i != t.i and x.dep in _OBJECTS]
    return not any(_holds_number(tokens, o) for o in objects)


def _holds_number(tokens: Sequence[Token], i: int) -> bool:
    """Whether the subtree of token ``i`` holds a number."""
    for t in tokens:
        j, steps = t.i, 0
        while steps <= len(tokens):
            if j == i:
                if t.pos == "NUM":
                    return True
                break
            if tokens[j].head == j:
                break
            j = tokens[j].head
            steps += 1
    return False


def _cut_heads(tokens: Sequence[Token], reporting: frozenset[str]) -> list[int]:
    """Token indices of the clause heads the sentence is cut before."""
    heads = []
    for t in tokens:
        if t.head == t.i or _reports(tokens, t, reporting):
            continue
        head = tokens[t.head]
        if t.pos in _VERBAL and t.dep in _CLAUSE_DEPS:
            heads.append(t.i)
        elif (
            t.dep == "conj"
            and t.pos in ("NOUN", "PROPN")
            and _counted(tokens, t.i)
            and _counted(tokens, head.i)
        ):
            # A list of counted outcomes: "trois morts et douze blessés".
            heads.append(t.i)
    return heads


def _protected(statement: Statement) -> list[tuple[int, int]]:
    """Character ranges no cut may fall inside: quotes, values, dates."""
    spans = [q.span for q in statement.quotes]
    spans += [q.span for q in statement.quantities]
    spans += [t.span for t in statement.times]
    return [(s.start, s.end) for s in spans]


def _cut_points(statement: Statement, reporting: frozenset[str]) -> list[int]:
    """Token indices where a new claim starts, in order (0 is implicit).

    Each clause that carries its own fact starts a claim at its first word
    (connectors such as "," or "et" stay between claims), except inside a
    quote, a value or a date. Pieces that cannot stand alone are merged back
    afterwards (:func:`_pieces`). Measured on the five real clusters: also
    cutting before clauses in the middle of a sentence, and not only those
    that close it, raised pooled pair F1 from 0.439 to 0.480 at the same
    precision, since the whole sentence stays a claim of its own.
    """
    tokens = statement.tokens
    left, _ = _subtree_bounds(tokens)
    protected = _protected(statement)
    starts = set()
    for h in _cut_heads(tokens, reporting):
        at = left[h]
        while at < h and tokens[at].pos in _CONNECTOR_POS:
            at += 1
        if (
            at > 0
            and _boundary(tokens[at - 1])
            and not any(a < tokens[at].start < b for a, b in protected)
        ):
            starts.add(at)
    return sorted(starts)


def _boundary(before: Token) -> bool:
    """Whether a claim may start after this token: never after an article or a
    preposition ("l'", "de"), where a misparse would cut a noun phrase in two."""
    return before.pos not in ("DET", "ADP") and not before.text.endswith(("'", "’"))


def _stands(tokens: Sequence[Token]) -> bool:
    """Whether a piece can state a fact alone: two words and a verb or a number.

    Connectors and subordinators ("et", "when", "than") do not count as words.
    """
    body = [t for t in tokens if _is_word(t) and t.pos not in _LINK_POS]
    return len(body) >= MIN_WORDS and any(t.pos in _VERBAL or t.pos == "NUM" for t in body)


def _pieces(tokens: Sequence[Token], cuts: Sequence[int]) -> list[tuple[int, int]]:
    """Token ranges [first, last] of the claims; a piece that cannot stand joins a neighbour."""
    bounds = [0, *cuts, len(tokens)]
    merged: list[tuple[int, int]] = []
    for k in range(len(bounds) - 1):
        first, last = bounds[k], bounds[k + 1] - 1
        if merged and not _stands(tokens[first : last + 1]):
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    if len(merged) > 1 and not _stands(tokens[merged[0][0] : merged[0][1] + 1]):
        merged[:2] = [(merged[0][0], merged[1][1])]
    return merged


def _trimmed(tokens: Sequence[Token], first: int, last: int, is_last: bool) -> tuple[int, int]:
    """Drop the connectors (", et", ", and") that end a claim, except the sentence's end.

    Closing quote marks and brackets stay: they belong to the claim.
    """
    if is_last:
        return first, last
    while last > first and (tokens[last].pos == "CCONJ" or tokens[last].text in _SEPARATORS):
        last -= 1
    return first, last


def _subject(tokens: Sequence[Token], head: int, text: str) -> str | None:
    """The subject of ``head`` as written: its noun phrase without clauses or apposition."""
    for t in tokens:
        if t.head == head and t.i != head and t.dep in _SUBJECTS:
            kept = _phrase(tokens, t.i)
            return text[tokens[min(kept)].start : tokens[max(kept)].end]
    return None


def _phrase(tokens: Sequence[Token], head: int) -> set[int]:
    """``head`` and its dependents, clauses, appositions and punctuation left out, contiguous."""
    kept = {head}
    grew = True
    while grew:
        grew = False
        for t in tokens:
            if (
                t.i not in kept
                and t.head in kept
                and t.head != t.i
                and t.dep not in _CLAUSE_DEPS
                and t.dep != "appos"
                and t.pos != "PUNCT"
            ):
                kept.add(t.i)
                grew = True
    # Only the run of tokens around the head, so the subject is one slice of text.
    low = high = head
    while low - 1 in kept:
        low -= 1
    while high + 1 in kept:
        high += 1
    return set(range(low, high + 1))


def _predicate(
    tokens: Sequence[Token], first: int, last: int, reporting: frozenset[str]
) -> int | None:
    """The claim's main predicate: its highest verb that does not only report the claim,
    else its highest verb, else its highest noun."""
    inside = [i for i in range(first, last + 1) if _is_word(tokens[i])]

    def depth(i: int) -> int:
        d = 0
        while tokens[i].head != i and d < len(tokens):
            i = tokens[i].head
            d += 1
        return d

    verbs = [i for i in inside if tokens[i].pos == "VERB"]
    stated = [i for i in verbs if not _reports(tokens, tokens[i], reporting)]
    pool = stated or verbs or [i for i in inside if tokens[i].pos in ("AUX", "NOUN", "PROPN")]
    if not pool:
        return None
    best = min(pool, key=lambda i: (depth(i), i))
    # "va injecter", "is set to cut": the verb the auxiliary-like head governs says what happens.
    governed = [
        t.i
        for t in tokens
        if t.head == best
        and t.dep == "xcomp"
        and t.pos == "VERB"
        and _is_word(t)
        and 0 < t.i - best <= 2
    ]
    return governed[0] if governed and first <= governed[0] <= last else best


def _inherited_subject(tokens: Sequence[Token], head: int, text: str) -> str | None:
    """The subject of a clause, or of the clause it is coordinated with or governed by."""
    seen = 0
    i = head
    while seen < len(tokens):
        found = _subject(tokens, i, text)
        if found or tokens[i].dep not in ("conj", "xcomp") or tokens[i].head == i:
            return found
        i = tokens[i].head
        seen += 1
    return None


def _reindexed(tokens: Sequence[Token], first: int, last: int) -> tuple[Token, ...]:
    """The tokens of one claim, indices rebased so heads outside the claim become roots."""
    out = []
    for t in tokens[first : last + 1]:
        head = t.head - first if first <= t.head <= last else t.i - first
        out.append(t.placed(t.i - first, t.start, t.end, head))
    return tuple(out)


def _inside(span: Span, start: int, end: int) -> bool:
    return start <= span.start and span.end <= end


def split(statement: Statement, text: str, lang: str) -> list[Statement]:
    """The clauses of one sentence statement, each a claim; ``text`` is its article's text.

    A sentence that states one fact (or has no parse) gives one claim: itself.
    """
    tokens = statement.tokens
    sentence = statement.span
    reporting = words(lang, "claims_reporting")
    pieces = _pieces(tokens, _cut_points(statement, reporting)) if tokens else []
    if len(pieces) < 2:
        return [_whole(statement, text, reporting, 1)]
    out = []
    for k, (first, last) in enumerate(pieces):
        first, last = _trimmed(tokens, first, last, k == len(pieces) - 1)
        # The first claim starts where the sentence starts, the last ends where it ends,
        # so that no character of the sentence (an opening quote mark, a final full stop) is lost.
        start = sentence.start if k == 0 else tokens[first].start
        end = sentence.end if k == len(pieces) - 1 else tokens[last].end
        pred = _predicate(tokens, first, last, reporting)
        frame = Claim(
            sentence=sentence,
            clause=k,
            clauses=len(pieces),
            predicate=tokens[pred].lemma if pred is not None else None,
            subject=_inherited_subject(tokens, pred, text) if pred is not None else None,
        )
        span = Span(sentence.article, start, end, text[start:end])
        out.append(
            Statement(
                span=span,
                quantities=tuple(q for q in statement.quantities if _inside(q.span, start, end)),
                times=tuple(t for t in statement.times if _inside(t.span, start, end)),
                quotes=tuple(q for q in statement.quotes if _inside(q.span, start, end)),
                mentions=tuple(m for m in statement.mentions if _inside(m.span, start, end)),
                tokens=_reindexed(tokens, first, last),
                claim=frame,
            )
        )
    return out


def _whole(statement: Statement, text: str, reporting: frozenset[str], clauses: int) -> Statement:
    """The sentence as a claim of its own (``clauses``: how many clauses it was cut into)."""
    tokens = statement.tokens
    pred = _predicate(tokens, 0, len(tokens) - 1, reporting) if tokens else None
    subject = _inherited_subject(tokens, pred, text) if pred is not None else None
    frame = Claim(
        sentence=statement.span,
        clause=None,
        clauses=clauses,
        predicate=tokens[pred].lemma if pred is not None else None,
        subject=subject,
    )
    return replace(statement, claim=frame)


def claims(statements: Sequence[Statement], text: str, lang: str) -> list[Statement]:
    """The claims of one article's sentence statements, in text order.

    Each sentence stays a claim of its own, and a sentence cut into several
    clauses adds one claim per clause: alignment can then match the whole
    sentence to another outlet's sentence and each clause to a report of that
    one fact. ``text`` is the article's full text.
    """
    out: list[Statement] = []
    for statement in statements:
        parts = split(statement, text, lang)
        if len(parts) == 1:
            out.extend(parts)
        else:
            reporting = words(lang, "claims_reporting")
            out.append(_whole(statement, text, reporting, len(parts)))
            out.extend(parts)
    return out
