"""Aligned statements that name different people in the same role.

In each aligned pair, people are read per role: every name after a role noun
(``les ministres Roland Lescure, Anne Le Hénanff et Aurore Bergé``, ``le
député socialiste Arthur Delaporte``) belongs to that role until the next one.
A role present on both sides with different people is an entity_mismatch
(warning) — unless one list is a subset of the other (an outlet names fewer
people), the same people in another order, or aliases of each other
(``Bergé`` / ``Aurore Bergé``, resolved through the entity graph).

Institutions named differently (``ministère de l'Électronique et de
l'Informatique`` / ``ministère des Technologies de l'information``) are very
often one body under two translations: that is reported as info only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from factcheck.compare import CompareContext
from factcheck.extract.entities import NAME
from factcheck.model import Evidence, Finding, Kind, Severity, Span, Statement
from factcheck.normalize import norm

# Role nouns, singular and plural, mapped to one role key.
_ROLE = re.compile(
    r"\b(?P<role>ministre|député|sénateur|sénatrice|procureur|procureure|juge|porte-parole|"
    r"président|présidente|maire|commissaire|secrétaire|avocat|avocate|minister|deputy|senator|"
    r"judge|prosecutor|spokes(?:person|man|woman)|president|mayor|commissioner|lawyer)"
    r"(?:e|s|es)?\b",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(?P<head>minist[eè]re|ministry|department|agence|agency)\b(?P<rest>(?:[\s\u00a0]+[^\s,.;:]+){1,8})",
    re.I,
)
_INSTITUTION_STOP = re.compile(
    r"\s(?:a|ont|avait|avaient|est|qui|has|had|is|was|said|exigeant|demandant|sous|pour)\b", re.I
)


def compare_entities(ctx: CompareContext) -> list[Finding]:
    """entity_mismatch findings: different people in one role, institutions named differently."""
    findings: list[Finding] = []
    for group in ctx.groups:
        for a, b in combinations(group.statements, 2):
            if a.article == b.article:
                continue
            findings.extend(_people(ctx, a, b, group.id))
            findings.extend(_institutions(ctx, a, b, group.id))
    return findings


def _roles(ctx: CompareContext, st: Statement) -> dict[str, list[tuple[str, Span]]]:
    """role -> [(canonical person, surface span)] in reading order."""
    text = st.span.text
    roles = [(m.start(), m.group("role").casefold()) for m in _ROLE.finditer(text)]
    out: dict[str, list[tuple[str, Span]]] = {}
    for m in re.finditer(NAME, text):
        if len(m.group().split()) < 2:
            continue  # a person is named with at least a first and a last name
        earlier = [role for at, role in roles if at < m.start() and m.start() - at < 150]
        if not earlier:
            continue
        canonical = ctx.entities.canonical(m.group()) if ctx.entities is not None else m.group()
        span = Span(st.article, st.span.start + m.start(), st.span.start + m.end(), m.group())
        out.setdefault(earlier[-1], []).append((canonical, span))
    return out


def _same_person(a: str, b: str) -> bool:
    ka, kb = norm(a, strip_accents=True).split(), norm(b, strip_accents=True).split()
    return ka == kb or (ka[-1:] == kb[-1:] and (len(ka) == 1 or len(kb) == 1))


def _people(ctx: CompareContext, a: Statement, b: Statement, group: str) -> Iterator[Finding]:
    roles_a, roles_b = _roles(ctx, a), _roles(ctx, b)
    for role in sorted(roles_a.keys() & roles_b.keys()):
        people_a, people_b = roles_a[role], roles_b[role]
        only_a = [p for p in people_a if not any(_same_person(p[0], q[0]) for q in people_b)]
        only_b = [q for q in people_b if not any(_same_person(q[0], p[0]) for p in people_a)]
        if not only_a or not only_b:
            continue  # same people, another order, or one outlet names fewer
        name_a, name_b = ctx.articles[a.article].label, ctx.articles[b.article].label
        listed_a = ", ".join(p[0] for p in only_a)
        listed_b = ", ".join(q[0] for q in only_b)
        yield Finding(
            kind=Kind.ENTITY_MISMATCH,
            severity=Severity.WARNING,
            confidence=0.7,
            message=(
                f"Different people in the same role ({role}): {name_a} names {listed_a}, "
                f"{name_b} names {listed_b}."
            ),
            evidence=(
                Evidence(only_a[0][1], {"type": "entity", "canonical": only_a[0][0], "role": role}),
                Evidence(only_b[0][1], {"type": "entity", "canonical": only_b[0][0], "role": role}),
            ),
            group=group,
        )


def _institution(st: Statement) -> tuple[str, Span] | None:
    m = _INSTITUTION.search(st.span.text)
    if m is None:
        return None
    end = m.end()
    stop = _INSTITUTION_STOP.search(st.span.text, m.end("head"), m.end())
    if stop:
        end = stop.start()
    start = m.start()
    det = re.search(r"(?:\b[Ll]e|\b[Ll]a|\b[Ll]['’]|\b[Tt]he)\s*$", st.span.text[:start])
    if det:
        start = det.start()
    span = Span(st.article, st.span.start + start, st.span.start + end, st.span.text[start:end])
    return norm(st.span.text[m.start() : end], strip_accents=True), span


def _institutions(ctx: CompareContext, a: Statement, b: Statement, group: str) -> Iterator[Finding]:
    ia, ib = _institution(a), _institution(b)
    if ia is None or ib is None or ia[0] == ib[0] or ia[0].split()[0] != ib[0].split()[0]:
        return
    yield Finding(
        kind=Kind.ENTITY_MISMATCH,
        severity=Severity.INFO,
        confidence=0.4,
        message=(
            f"{ctx.articles[a.article].label} and {ctx.articles[b.article].label} name the "
            f"institution differently (“{ia[1].text}” / “{ib[1].text}”): probably the same body "
            "under two translations; check the official name."
        ),
        evidence=(
            Evidence(ia[1], {"type": "entity", "canonical": ia[1].text}),
            Evidence(ib[1], {"type": "entity", "canonical": ib[1].text}),
        ),
        group=group,
    )
