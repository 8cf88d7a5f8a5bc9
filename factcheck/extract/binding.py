"""What a figure counts, read from the dependency parse of its sentence.

Each quantity is bound, from the tokens of :mod:`factcheck.extract.parse`, to

* its **predicate**: the classes of the words that say what the number measures
  ("blessés", "were injured", "déployés", "dropped"), from the governing verb up
  the tree, the counted noun itself ("deux morts") and the clauses that modify it
  ("soldats qui s'étaient rendus");
* its **referent**: whose figure it is, from adjectives and names on the counted
  noun ("soldats thaïlandais", "côté cambodgien");
* its **scope**: the places, years and reference points stated next to it
  ("in Athens", "en 2007", "south of the border");
* its **source**: who gives it ("police said", "selon le ministère");
* whether it is a **part** of a total ("14 autres otages", "another 20,000").

Binding is per quantity, from the tokens under and around its span, so it works
the same on a whole sentence and on a clause. Without a parse every field stays
unknown, and comparison treats unknown as compatible but uncertain.
The word classes live in ``factcheck/lexicon/<lang>/value_binding.toml``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from factcheck.extract.parse import children
from factcheck.lexicon import table
from factcheck.model import Quantity, Token, ValueKind

# Dependency labels (French UD and English ClearNLP schemes) by role.
_MODIFIER_CLAUSES = frozenset({"acl", "acl:relcl", "relcl", "amod", "appos", "xcomp", "oprd"})
_OBJECTS = frozenset({"obj", "dobj", "obl", "obl:arg", "obl:mod", "pobj", "xcomp", "oprd",
                      "acomp", "attr", "ccomp", "dative"})  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "agent"})
_PLACE_ENTS = frozenset({"LOC", "GPE", "FAC"})
# Prepositions that put a name in place of a scope ("à Alep", "in Thessaloniki").
_PLACE_PREPOSITIONS = frozenset({"à", "en", "dans", "près", "in", "at", "near", "inside"})
_MAX_UP = 6


@dataclass(frozen=True)
class _Lexicon:
    classes: Mapping[str, frozenset[str]]  # lemma -> predicate classes
    reporting: frozenset[str]
    according: frozenset[str]
    part: frozenset[str]
    side: frozenset[str]
    not_referent: frozenset[str]
    owned: frozenset[str]
    elapsed_before: frozenset[str]
    elapsed_after: frozenset[str]
    place_relatives: frozenset[str]


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    data = table(lang, "value_binding")
    classes: dict[str, set[str]] = {}
    for name, lemmas in data.get("predicates", {}).items():
        for lemma in lemmas:
            classes.setdefault(str(lemma), set()).add(str(name))
    return _Lexicon(
        classes={k: frozenset(v) for k, v in classes.items()},
        **{
            key: frozenset(str(w) for w in data.get(key, ()))
            for key in (
                "reporting",
                "according",
                "part",
                "side",
                "not_referent",
                "owned",
                "elapsed_before",
                "elapsed_after",
                "place_relatives",
            )
        },
    )


def predicate_classes(lemma: str, lang: str) -> frozenset[str]:
    """The predicate classes a lemma names (empty when none)."""
    return _lexicon(lang).classes.get(lemma.lower(), frozenset())


def bind(quantity: Quantity, tokens: Sequence[Token], lang: str) -> Quantity:
    """``quantity`` with its predicate, referent, scope, source and part fields read from
    ``tokens`` (the parse of the sentence or clause holding it); unchanged without a parse."""
    inside = [t for t in tokens if t.start < quantity.span.end and quantity.span.start < t.end]
    if not inside:
        return quantity
    lex = _lexicon(lang)
    # The figure's own words never say whose it is: "du XIIe siècle" read as a name.
    own = frozenset(t.i for t in inside)
    anchor = _anchor(inside, tokens)
    kids = children(tokens)
    predicates: set[str] = set(lex.classes.get(anchor.lemma, ()))
    attributes: set[str] = set()
    for child in kids.get(anchor.i, ()):
        if child.dep in _MODIFIER_CLAUSES:
            attributes |= _word_classes(child, kids, lex)
    governor: Token | None = _described(anchor, quantity, tokens)
    if governor is not None:
        source = _according(anchor, tokens, kids, lex)
    else:
        governor, source = _govern(anchor, tokens, kids, lex)
    if governor is not None:
        predicates |= _word_classes(governor, kids, lex)
    if quantity.kind is ValueKind.DURATION and _elapsed(inside, tokens, lex):
        predicates.add("elapsed")
    verb = governor.lemma if governor is not None and not predicates else None
    return replace(
        quantity,
        parsed=True,
        verb=verb,
        predicate=tuple(sorted(predicates)),
        attributes=tuple(sorted(attributes - predicates)),
        referent=_referent(anchor, kids, lex, own) + _owner_subject(anchor, governor, kids, lex),
        scope=_scope(anchor, governor, tokens, kids, own, lex),
        source=source,
        part=_is_part(anchor, inside, kids, lex),
    )


def _described(anchor: Token, quantity: Quantity, tokens: Sequence[Token]) -> Token | None:
    """The noun a figure joined to its counted noun by a hyphen describes ("a 200-student
    schoolhouse", "a 300-bed hospital"): the figure is that noun's size, not what the
    clause's verb does to it. None for any other figure ("3 bank employees")."""
    if "-" not in quantity.span.text or anchor.dep != "compound" or anchor.head == anchor.i:
        return None
    head = tokens[anchor.head]
    return head if head.pos in {"NOUN", "PROPN"} else None


def _elapsed(inside: Sequence[Token], tokens: Sequence[Token], lex: _Lexicon) -> bool:
    """A time elapsed since the reported event: "four months ago", "il y a quatre mois"."""
    first, last = inside[0].i, inside[-1].i
    after = tokens[last + 1].lemma if last + 1 < len(tokens) else ""
    before = " ".join(t.text.lower() for t in tokens[max(0, first - 3) : first])
    return after in lex.elapsed_after or any(before.endswith(w) for w in lex.elapsed_before)


def _anchor(inside: Sequence[Token], tokens: Sequence[Token]) -> Token:
    """The token that stands for the quantity in the tree: its counted noun when the
    number modifies one, else the number itself (the last token heading the span)."""
    ids = {t.i for t in inside}
    tops = [t for t in inside if t.head not in ids or t.head == t.i]
    top = tops[-1] if tops else inside[-1]
    if top.pos == "NUM" and top.dep in {"nummod", "det", "quantmod"} and top.head != top.i:
        return tokens[top.head]
    return top


def _word_classes(
    t: Token, children: Mapping[int, list[Token]], lex: _Lexicon, depth: int = 2
) -> set[str]:
    """Classes of a word, or, for a verb outside the lexicon, of its objects and
    complements ("took to the streets", "put the march at ...", "accusés d'avoir
    opéré une incursion"), two verbs deep."""
    found = set(lex.classes.get(t.lemma, ()))
    if found or t.pos not in {"VERB", "AUX"} or depth == 0:
        return found
    for child in children.get(t.i, ()):
        if child.dep in _OBJECTS and child.pos == "VERB":
            found |= _word_classes(child, children, lex, depth - 1)
        elif child.dep in _OBJECTS and child.pos in {"NOUN", "PROPN", "ADJ"}:
            found |= lex.classes.get(child.lemma, set())
        elif child.dep in {"prep", "case"}:
            for grand in children.get(child.i, ()):
                found |= lex.classes.get(grand.lemma, set())
    return found


def _govern(
    anchor: Token, tokens: Sequence[Token], children: Mapping[int, list[Token]], lex: _Lexicon
) -> tuple[Token | None, str | None]:
    """The content word that governs the quantity, and the source of the figure.

    Walks up from the anchor to the first verb, adjective or predicate noun; a
    reporting verb on the way (or above) gives the source: its subject, or the
    object of "selon"/"according to".
    """
    governor: Token | None = None
    source = _according(anchor, tokens, children, lex)
    t = anchor
    if t.dep == "conj" and tokens[t.head].pos in {"VERB", "AUX"}:
        # "dix soldats ... s'étaient rendus" parsed as a conjunct of the first verb:
        # the clause's own verb is the next conjoined verb.
        later = [c for c in children.get(t.head, ()) if c.dep == "conj" and c.i > t.i]
        if later and later[0].pos == "VERB":
            governor = later[0]
    for _ in range(_MAX_UP):
        if t.head == t.i:
            break
        if t.dep == "conj" and tokens[t.head].head != t.head:
            # a conjunct shares its first conjunct's governor, not its words:
            # "deux morts et sept blessés" -> the governor of "morts"
            t = tokens[t.head]
        t = tokens[t.head]
        source = source or _according(t, tokens, children, lex)
        if t.lemma in lex.reporting:
            return governor, source or _subject(t, tokens, children)
        if governor is None and (t.pos in {"VERB", "ADJ"} or t.lemma in lex.classes):
            governor = t
    return governor, source


def _subject(verb: Token, tokens: Sequence[Token], children: Mapping[int, list[Token]]) -> str:
    subjects = [c for c in children.get(verb.i, ()) if c.dep in _SUBJECTS]
    if not subjects:
        return verb.lemma
    head = subjects[0]
    names = [c for c in children.get(head.i, ()) if c.dep in {"compound", "flat:name", "flat"}]
    return " ".join(t.lemma for t in sorted([*names, head], key=lambda t: t.i))


def _according(
    t: Token, tokens: Sequence[Token], children: Mapping[int, list[Token]], lex: _Lexicon
) -> str | None:
    """The source named by a "selon X" / "according to X" attached to ``t``."""
    for child in children.get(t.i, ()):
        marks = [c for c in children.get(child.i, ()) if c.lemma in lex.according]
        if marks and child.pos in {"NOUN", "PROPN"}:
            return child.lemma
        if child.lemma in lex.according:
            objects: list[Token] = [
                g for c in children.get(child.i, ()) for g in [c, *children.get(c.i, ())]
            ]
            nouns = [g for g in objects if g.pos in {"NOUN", "PROPN"}]
            if nouns:
                return nouns[0].lemma
    return None


def _referent(
    anchor: Token, children: Mapping[int, list[Token]], lex: _Lexicon, own: frozenset[int]
) -> tuple[str, ...]:
    """Whose figure: adjectives and names on the counted noun, or on a "côté"/"side" noun."""
    out: set[str] = set()
    for child in children.get(anchor.i, ()):
        if child.i in own:
            continue
        if _names_owner(child, lex):
            out.add(child.lemma)
        elif child.lemma in lex.side:
            out |= {g.lemma for g in children.get(child.i, ()) if _names_owner(g, lex)}
    return tuple(sorted(out))


def _owner_subject(
    anchor: Token, governor: Token | None, children: Mapping[int, list[Token]], lex: _Lexicon
) -> tuple[str, ...]:
    """A named subject of the governing verb when the figure is its object: "Japan lost
    3 percent", "la France a envoyé 80 soldats" are Japan's and France's figures."""
    if governor is None or anchor.dep in _SUBJECTS:
        return ()
    if not lex.classes.get(governor.lemma, frozenset()) & lex.owned:
        return ()  # "le Cambodge accusait 100 soldats": the accuser does not own them
    named = [
        c.lemma
        for c in children.get(governor.i, ())
        if c.dep in _SUBJECTS and (c.pos == "PROPN" or c.ent in _PLACE_ENTS | {"NORP", "ORG"})
    ]
    return tuple(sorted(named))


def _names_owner(t: Token, lex: _Lexicon) -> bool:
    if t.dep in {"amod", "nmod", "compound", "npadvmod", "poss", "nmod:poss"} and (
        t.pos == "PROPN" or t.ent in {"NORP", "GPE", "ORG", "LOC"}
    ):
        return True
    return (
        t.dep == "amod"
        and t.pos == "ADJ"
        and t.lemma not in lex.not_referent
        and t.lemma not in lex.classes
        and t.lemma not in lex.part
        and t.text[:1].isalpha()
    )


def _scope(
    anchor: Token,
    governor: Token | None,
    tokens: Sequence[Token],
    children: Mapping[int, list[Token]],
    own: frozenset[int],
    lex: _Lexicon,
) -> tuple[str, ...]:
    """Places, years and reference points stated on the quantity or its governing word."""
    out: set[str] = set()
    heads = [anchor, *([governor] if governor is not None else [])]
    if anchor.head != anchor.i:
        # the word the figure hangs on: "10 miles south of the border", "counted 12 dead
        # in Aleppo" (a reporting verb or a mis-tagged one is not a governor, but it
        # holds the scope)
        heads.append(tokens[anchor.head])
    for h in heads:
        # "in Thessaloniki, where another 20,000 marched": the clause's place is the
        # name its relative adverb stands for
        if (
            h.dep in _MODIFIER_CLAUSES
            and h.head != h.i
            and any(c.lemma in lex.place_relatives for c in children.get(h.i, ()))
        ):
            out.update(_names(tokens[h.head], children))
    for h in heads:
        for child in children.get(h.i, ()):
            for t in [child, *children.get(child.i, ())]:
                if t.i == anchor.i or t.i in own:
                    continue
                marks = {c.lemma for c in children.get(t.i, ()) if c.dep == "case"}
                if child.dep == "prep" and t is not child:
                    marks.add(child.lemma)
                if t.ent in _PLACE_ENTS or (t.pos == "PROPN" and marks & _PLACE_PREPOSITIONS):
                    out.add(t.lemma)
                elif t.pos == "NUM" and len(t.text) == 4 and t.text[:2] in {"19", "20"}:
                    out.add(t.text)
    return tuple(sorted(out))


def _names(t: Token, children: Mapping[int, list[Token]]) -> set[str]:
    """The place a noun phrase names: itself when it is a name, or the name that
    completes it ("la ville de Lyon", "the city of Thessaloniki"); not names it
    relates ("la frontière entre la Thaïlande et le Cambodge" is neither country)."""
    if t.pos == "PROPN":
        return {t.lemma}
    named = set()
    for child in children.get(t.i, ()):
        if child.dep == "prep" and child.lemma == "of":
            named |= {x.lemma for x in children.get(child.i, ()) if x.pos == "PROPN"}
        elif child.pos == "PROPN" and child.dep in {"nmod", "appos"}:
            marks = {c.lemma for c in children.get(child.i, ()) if c.dep == "case"}
            if marks <= {"de"}:
                named.add(child.lemma)
    return named


def _is_part(
    anchor: Token, inside: Sequence[Token], children: Mapping[int, list[Token]], lex: _Lexicon
) -> bool:
    """True for "14 autres otages", "another 20,000", "three more": a part of a total."""
    # "another" may hang on the number ("another 20,000 people") or on the noun
    near = [*inside, *(c for t in (*inside, anchor) for c in children.get(t.i, ()))]
    text = {t.i: t.lemma for t in near}
    return any(
        t.lemma in lex.part
        and t.pos in {"ADJ", "DET", "ADV"}
        and text.get(t.i + 1) not in {"than", "que"}  # "more than 300" is a bound
        for t in near
    )
