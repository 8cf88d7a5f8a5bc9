"""Aligned statements whose lists of names differ by one member.

A list is a run of named entities (``Statement.mentions``) joined by commas and
a final conjunction: ``Marc Gonsalves, Keith Stansell et Thomas Howes``, ``the
European Union and the International Monetary Fund``, and a breakdown whose
members each carry a figure (``BNP Paribas 2,55 milliards, la Société Générale
1,7 milliard et le Crédit Mutuel 1,2 milliard``). Where the sentence has a
dependency parse, two names the parse coordinates (``conj``) are one list even
when other words stand between them.

Two statements of one group (different articles) whose lists mostly coincide but
name X on one side where the other names Y are an entity_mismatch: lists of the
same size sharing all but one member (for two names, in the same place), or a
member that takes the place of another between the same two shared neighbours.
Not flagged: one outlet naming fewer members or more (a subset, a longer list),
another order, aliases of one entity (resolved through the entity graph,
:mod:`factcheck.compare.names`, a word in two forms, or an acronym and its
words), lists sharing only one member of several (two different facts), and a
name the other statement also gives elsewhere.

Severity warning: on the five real clusters it adds no warning+ finding beyond
those kept by the other comparers (docs/accuracy.md, "Names swapped inside a list").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from factcheck.compare import CompareContext
from factcheck.compare.names import same_name
from factcheck.extract.entities import NAME
from factcheck.model import EntityValue, Evidence, Finding, Kind, Severity, Span, Statement
from factcheck.normalize import norm

_CONJUNCTION = r"(?:et|and|ou|or)"
_DETERMINER = r"(?:(?:le|la|les|the|des|du|de\s+la|de\s+l['’])\s+|l['’]\s*)?"
# A breakdown's figure after a member: "2,55 milliards", ", 1,7 milliard", "(10 %)".
_FIGURE = (
    r"(?:\s*[,:]?\s*(?:\(\d[^()]{0,20}\)|\d[\d.,\u00a0\u202f ]*(?:\s*%|(?:\s+[a-zà-ÿ'’]+){0,2})))?"
)
_LINK = re.compile(
    rf"{_FIGURE}\s*(?:[,;]\s*(?:(?P<and1>{_CONJUNCTION})\s+)?|\s+(?P<and2>{_CONJUNCTION})\s+)"
    rf"{_DETERMINER}",
    re.I,
)
# What stands before a sentence's first word: nothing, or a quotation mark or dash.
_OPENING = re.compile(r"^[\s«“\"'‘(—–-]*$")
_LOWER_WORDS = re.compile(rf"(?:\s+(?!{_CONJUNCTION}\b)[a-zà-ÿ]+){{1,3}}")
_PIECE = re.compile(rf"\s*{_DETERMINER}(?P<name>{NAME})")
_INNER_LINK = re.compile(rf",\s*|\s+{_CONJUNCTION}\s+")
# Two names the parse coordinates are read as one list only this close.
_CONJ_REACH = 60


@dataclass(frozen=True)
class _Member:
    span: Span
    canonical: str
    words: list[str]  # the canonical name, normalized, word by word
    # The name's words and the lower-case ones after it, for its acronym
    # ("Fonds monétaire international", "Union européenne": the NAME pattern reads one word).
    spelled: list[str]


def compare_lists(ctx: CompareContext) -> Iterator[Finding]:
    """entity_mismatch findings: one name of a list replaced by another."""
    cache: dict[str, list[list[_Member]]] = {}

    def read(st: Statement) -> list[list[_Member]]:
        if st.id not in cache:
            cache[st.id] = _lists(st)
        return cache[st.id]

    listing_of = {g.id: [st for st in g.statements if read(st)] for g in ctx.groups}
    # One name per entity across the groups: a fact's findings are merged across them.
    names = _one_name_each(
        [m for sts in listing_of.values() for st in sts for found in read(st) for m in found]
    )
    for group in ctx.groups:
        # Only statements holding a list pair (a group of thousands holds few).
        listing = listing_of[group.id]
        for a, b in combinations(listing, 2):
            if a.article == b.article:
                continue
            for list_a in read(a):
                for list_b in read(b):
                    swap = _swap(list_a, list_b)
                    if swap is not None and not _named_elsewhere(swap, a, b):
                        yield _finding(ctx, (a, swap[0]), (b, swap[1]), list_a, names, group.id)


def _one_name_each(members: Sequence[_Member]) -> dict[Span, str]:
    """Each member's name, one for all its aliases (the longest: ``IMF`` and
    ``International Monetary Fund`` are one side of a fact, whichever an outlet writes,
    when findings are merged per fact)."""
    clusters: list[list[_Member]] = []
    # Aliases share the initial of their first or last word ("IMF" / "International
    # Monetary Fund", "Sarkozy" / "Nicolas Sarkozy"): only those clusters are compared.
    by_initial: dict[str, list[list[_Member]]] = {}
    for member in members:
        initials = {member.words[0][:1], member.words[-1][:1]} if member.words else {""}
        near = [c for i in sorted(initials) for c in by_initial.get(i, [])]
        home = next((c for c in near if _same(member, c[0])), None)
        if home is None:
            home = []
            clusters.append(home)
        for i in initials:
            # By identity: clusters are lists, compared by value they would be read whole.
            if all(c is not home for c in by_initial.setdefault(i, [])):
                by_initial[i].append(home)
        home.append(member)
    return {
        m.span: max((n.canonical for n in cluster), key=len)
        for cluster in clusters
        for m in cluster
    }


def _lists(st: Statement) -> list[list[_Member]]:
    """The statement's lists of two names or more, in reading order."""
    text, offset = st.span.text, st.span.start
    names = list(_names(st))
    coordinated = _coordinated(st, names)
    lists: list[list[_Member]] = []
    run: list[_Member] = []
    closed = False  # the run has its final conjunction
    joined = False  # the parse coordinates two of its names
    for member in names:
        if run and not closed:
            between = text[run[-1].span.end - offset : member.span.start - offset]
            link = _LINK.fullmatch(between)
            conj = (run[-1].span.start, member.span.start) in coordinated
            if link or conj:
                run.append(member)
                closed = bool(link and (link.group("and1") or link.group("and2")))
                joined = joined or conj
                continue
        if len(run) >= 2 and (closed or joined):
            lists.append(run)
        run, closed, joined = [member], False, False
    if len(run) >= 2 and (closed or joined):
        lists.append(run)
    return lists


def _names(st: Statement) -> Iterator[_Member]:
    """The statement's names in reading order: its capitalised mentions ("other" may be a
    learned alias, not a name), without a first word of the sentence the parse reads as no
    name ("Suivent BNP Paribas", "Ministers Paul Martin"), a mention holding a list
    ("Banques Populaires et Natixis") cut in its names."""
    offset = st.span.start
    # Words capitalised only because they open the sentence.
    openers = {t.start: t.end for t in st.tokens if t.pos not in ("PROPN", "ADJ", "X")}
    mentions = (m for m in st.mentions if offset <= m.span.start and m.span.end <= st.span.end)
    for m in sorted(mentions, key=lambda m: m.span.start):
        start = m.span.start
        if (
            start in openers
            and openers[start] < m.span.end
            and _OPENING.search(st.span.text[: start - offset])
        ):
            rest = st.span.text[openers[start] - offset : m.span.end - offset]
            start = m.span.end - len(rest.lstrip())
        surface = m.span.text[start - m.span.start :]
        # The pieces between the commas and conjunctions inside the mention.
        cuts = [(c.start(), c.end()) for c in _INNER_LINK.finditer(surface)]
        for begin, end in zip(
            [0] + [e for _, e in cuts], [s for s, _ in cuts] + [len(surface)], strict=True
        ):
            # A piece after a conjunction starts with its determiner and may run on past
            # the name ("et les Caisses d'Epargne à hauteur"): its name is what NAME reads.
            piece = _PIECE.match(surface, begin, end)
            if piece is None:
                continue
            name = piece.group("name")
            at = start + piece.start("name")
            canonical = m.canonical if name == m.span.text else name
            after = _LOWER_WORDS.match(st.span.text, at + len(name) - offset)
            words = norm(canonical, strip_accents=True).split()
            spelled = words + (norm(after.group(), strip_accents=True).split() if after else [])
            yield _Member(Span(st.article, at, at + len(name), name), canonical, words, spelled)


def _coordinated(st: Statement, names: Sequence[_Member]) -> set[tuple[int, int]]:
    """(start of the name holding a conjunct's head, start of the conjunct's name) for each
    ``conj`` the parse draws between two names close together."""
    starts = {
        t.i: m.span.start
        for m in names
        for t in st.tokens
        if m.span.start <= t.start and t.end <= m.span.end
    }
    pairs = set()
    for t in st.tokens:
        if t.dep != "conj" or t.i not in starts or t.head not in starts:
            continue
        first, second = sorted((starts[t.head], starts[t.i]))
        if first != second and second - first <= _CONJ_REACH:
            pairs.add((first, second))
    return pairs


def _same(x: _Member, y: _Member) -> bool:
    """One entity: one canonical name, one name written two ways (``Caisse d'Epargne`` /
    ``Caisses d'Epargne``, ``Sarkozy`` / ``Nicolas Sarkozy``), or an acronym and its words."""
    if x.canonical == y.canonical or x.words == y.words:
        return True
    if x.words and y.words and (same_name(x.words, y.words) or _derived(x.words, y.words)):
        return True
    return _acronym(x.span.text, y) or _acronym(y.span.text, x)


def _derived(a: list[str], b: list[str]) -> bool:
    """One place or body with a word in two forms (``Southern Kordofan`` / ``South
    Kordofan``): the same last word, and each other word sharing its first four letters."""
    return (
        len(a) == len(b) > 1
        and a[-1] == b[-1]
        and all(v[:4] == w[:4] and len(v) >= 4 for v, w in zip(a[:-1], b[:-1], strict=True))
    )


def _acronym(surface: str, other: _Member) -> bool:
    """``FMI`` / ``Fonds monétaire international``, ``UE`` / ``Union européenne``: the
    letters are the initials of the other name's words, and of the lower-case words after
    it as far as they go."""
    letters = norm(surface.replace(".", ""), strip_accents=True)
    if not (2 <= len(letters) <= 6 and surface.replace(".", "").isupper()):
        return False
    small = ("de", "du", "des", "d", "of", "the")
    named = sum(1 for w in other.words if w not in small)
    initials = "".join(w[0] for w in other.spelled if w not in small)
    return len(letters) >= named and initials[: len(letters)] == letters


def _swap(list_a: Sequence[_Member], list_b: Sequence[_Member]) -> tuple[_Member, _Member] | None:
    """(X, Y) when list A names X where list B names Y, the lists otherwise coinciding."""
    # For each member, the position of its match in list A (None: unshared).
    in_a = [i if any(_same(x, y) for y in list_b) else None for i, x in enumerate(list_a)]
    in_b = [next((i for i, x in enumerate(list_a) if _same(y, x)), None) for y in list_b]
    only_a = [x for x, at in zip(list_a, in_a, strict=True) if at is None]
    only_b = [y for y, at in zip(list_b, in_b, strict=True) if at is None]
    if not only_a or not only_b:
        return None  # the same members, another order, or one outlet names fewer or more
    if len(list_a) == len(list_b) and len(only_a) == len(only_b) == 1:
        x, y = only_a[0], only_b[0]
        # Two names sharing one: the other must stand in its place ("A et B" / "B et C"
        # are two pairs, not one name for another).
        if len(list_a) > 2 or list_a.index(x) == list_b.index(y):
            return x, y
        return None
    if len(list_a) - len(only_a) < 2:
        return None  # one member in common: two different facts
    slots_b = _slots(list_b, in_b)
    for bounds, members in _slots(list_a, in_a).items():
        other = slots_b.get(bounds, [])
        if len(members) == len(other) == 1:
            return members[0], other[0]
    return None


def _slots(
    members: Sequence[_Member], in_a: Sequence[int | None]
) -> dict[tuple[int, int], list[_Member]]:
    """The unshared members between two consecutive shared ones, keyed by those two
    neighbours' positions in list A (a place inside the list, not at either end)."""
    slots: dict[tuple[int, int], list[_Member]] = {}
    previous: int | None = None
    pending: list[_Member] = []
    for member, at in zip(members, in_a, strict=True):
        if at is None:
            pending.append(member)
            continue
        if previous is not None and pending:
            slots[(previous, at)] = pending
        previous, pending = at, []
    return slots


def _named_elsewhere(swap: tuple[_Member, _Member], a: Statement, b: Statement) -> bool:
    """Either side naming the other's member elsewhere in its statement: two lists of
    one story, not a wrong name."""
    x, y = swap
    text_a = norm(a.span.text, strip_accents=True)
    text_b = norm(b.span.text, strip_accents=True)
    return bool(
        re.search(rf"\b{re.escape(' '.join(y.words))}\b", text_a)
        or re.search(rf"\b{re.escape(' '.join(x.words))}\b", text_b)
    )


def _finding(
    ctx: CompareContext,
    side_a: tuple[Statement, _Member],
    side_b: tuple[Statement, _Member],
    listed: Sequence[_Member],
    names: Mapping[Span, str],
    group: str,
) -> Finding:
    (a, x), (b, y) = side_a, side_b
    kept = [m.span.text for m in listed if m is not x]
    beside = f" beside {', '.join(kept)}" if kept else ""
    return Finding(
        kind=Kind.ENTITY_MISMATCH,
        severity=Severity.WARNING,
        confidence=0.6,
        message=(
            f"Different name in the same list: {ctx.articles[a.article].label} names "
            f"{x.span.text}{beside}, {ctx.articles[b.article].label} names "
            f"{y.span.text}."
        ),
        evidence=(
            Evidence(x.span, EntityValue(names[x.span])),
            Evidence(y.span, EntityValue(names[y.span])),
        ),
        group=group,
    )
