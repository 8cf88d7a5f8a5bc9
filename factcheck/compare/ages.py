"""A person's age, read across the story: one person, two ages.

News gives the age of the people it names in apposition, right after the name:
``Ingrid Betancourt, 46 ans,``, ``Jean Dupont, âgé de 45 ans``, ``Rachida Dati
(42 ans)``, ``John Jenkin, 23, was``, ``Zurana Horton, aged 34``, ``Allen
Kirkpatrick (61)``. Like an office (:mod:`factcheck.compare.offices`), an age is
a fact of the whole story: the outlet that gets it wrong usually says so in a
sentence about another fact than the one the other outlets align it with, so
every statement of the run is read, not only the groups.

Two articles giving one person (the entity graph's canonical name, or one
surname written alike: :func:`factcheck.compare.names.same_name`) ages two or
more years apart are a value_mismatch warning with both figures as evidence and
``group`` None; one year apart is info (a birthday may fall between two
reports, or one outlet counts the coming one). When both articles are dated,
the time between them is counted first (a report two years later gives an age
two more). Not read: an age that does not follow a person's name (``âgée de 46
ans, elle``: who is "elle"?) and a person one article itself gives two ages (a
correction, or a misreading). A person given three different ages is shown at
info (the name may be too common in the story to be one person).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factcheck.compare import CompareContext, outlets
from factcheck.compare.names import person_names, same_name
from factcheck.model import (
    Evidence,
    Finding,
    Kind,
    Quantity,
    Severity,
    Span,
    Statement,
    ValueKind,
)

# What follows a name when it is an age, per language: ", 46 ans", ", âgée de 46 ans",
# " (46 ans)"; ", 23,", ", aged 34", ", 61 years old", " (61)".
_AGE_AFTER = {
    "fr": re.compile(
        r"(?:,\s*(?:âgée?s?\s+de\s+)?|\s*\()(?P<age>\d{1,3})\s+ans\b(?!\s+(?:de|d'|d’|après|plus))"
    ),
    "en": re.compile(
        r"(?:,\s*aged\s+|,\s*(?=\d{1,3}(?:\s*,|\s+years?\s+old\b))|\s*\((?=\d{1,3}\)))"
        r"(?P<age>\d{1,3})(?!\d)"
    ),
}
_OLDEST = 120
# Entity labels that are never a person.
_NOT_PEOPLE = frozenset({"ORG", "LOC", "PRODUCT"})


@dataclass(frozen=True)
class Age:
    """One article saying how old one person is."""

    person: str  # the name as the entity graph knows it
    words: tuple[str, ...]  # the person's name, normalized, word by word
    age: int
    span: Span  # the figure


def ages(st: Statement, lang: str) -> list[Age]:
    """The (person, age) pairs a statement writes in apposition after a name."""
    pattern = _AGE_AFTER.get(lang)
    if pattern is None:
        return []
    text, origin = st.span.text, st.span.start
    out = []
    for mention in st.mentions:
        if mention.label in _NOT_PEOPLE:
            continue
        m = pattern.match(text, mention.span.end - origin)
        if m is None or not 0 < int(m["age"]) <= _OLDEST:
            continue
        runs = person_names(mention.canonical)
        if not runs or len(runs[-1]) < 2:
            continue  # a single word ("Paris, 12 ans") is not sure to be a person
        start, end = origin + m.start("age"), origin + m.end("age")
        figure = Span(st.article, start, end, m["age"])
        out.append(Age(mention.canonical, tuple(runs[-1]), int(m["age"]), figure))
    return out


def compare_ages(ctx: CompareContext) -> Iterator[Finding]:
    """value_mismatch findings: one person given different ages by different articles."""
    seen: set[tuple[str, int]] = set()
    people: list[list[Age]] = []  # ages of one person, in reading order
    for st in ctx.statements:
        article = ctx.articles[st.article]
        for found in ages(st, article.language):
            # Claims of one sentence share its text: read each figure once.
            if (found.span.article, found.span.start) in seen:
                continue
            seen.add((found.span.article, found.span.start))
            mine = next((p for p in people if _same_person(p[0], found)), None)
            if mine is None:
                people.append([found])
            else:
                mine.append(found)
    for told in people:
        yield from _disagreements(ctx, told)


def _same_person(a: Age, b: Age) -> bool:
    return a.person == b.person or same_name(list(a.words), list(b.words))


def _disagreements(ctx: CompareContext, told: Sequence[Age]) -> Iterator[Finding]:
    """Findings for one person: every age other than the one most articles give."""
    by_age: dict[int, list[Age]] = {}
    for a in told:
        by_age.setdefault(a.age, []).append(a)
    if len(by_age) < 2:
        return
    articles = {age: {a.span.article for a in found} for age, found in by_age.items()}
    if sum(map(len, articles.values())) > len(set().union(*articles.values())):
        return  # one article gives two ages: a correction, or a misreading
    order = sorted(by_age, key=lambda age: (-len(articles[age]), age))
    main = by_age[order[0]][0]
    for age in order[1:]:
        odd = by_age[age][0]
        apart = _years_apart(ctx, main, odd)
        if apart < 1:
            continue  # the time between the two reports explains it
        loud = len(by_age) == 2 and apart >= 2
        names = (outlets(ctx, articles[main.age]), outlets(ctx, articles[age]))
        yield Finding(
            kind=Kind.VALUE_MISMATCH,
            severity=Severity.WARNING if loud else Severity.INFO,
            confidence=0.7 if loud else 0.35,
            message=f"Age differs ({main.person}): {names[0]} "
            f"{'says' if len(articles[main.age]) == 1 else 'say'} {main.age}, {names[1]} "
            f"{'says' if len(articles[age]) == 1 else 'say'} {age}"
            f"{' (a birthday may fall between the two reports)' if apart < 2 else ''}.",
            evidence=(Evidence(main.span, _quantity(main)), Evidence(odd.span, _quantity(odd))),
        )


def _years_apart(ctx: CompareContext, a: Age, b: Age) -> int:
    """How far two ages disagree, once the time between the two reports is counted
    (when both articles are dated: a trial two years after the crime adds two years)."""
    when = [ctx.articles[x.span.article].published for x in (a, b)]
    elapsed = 0
    if when[0] is not None and when[1] is not None:
        elapsed = round((when[1] - when[0]).days / 365.25)
    return abs(b.age - a.age - elapsed)


def _quantity(a: Age) -> Quantity:
    return Quantity(
        span=a.span,
        value=a.age,
        low=a.age,
        high=a.age,
        kind=ValueKind.DURATION,
        unit="year",
        head="age",
    )
