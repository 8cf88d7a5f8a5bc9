"""Aligned statements that name different people in the same role.

In each aligned pair, people are read per role: every name after a role noun
(``les ministres Roland Lescure, Anne Le Hénanff et Aurore Bergé``, ``le
député socialiste Arthur Delaporte``) belongs to that role until the next one.
A role present on both sides with different people is an entity_mismatch
(warning) — unless each side qualifies the role with a word the other lacks
(``le président colombien`` / ``le président vénézuélien``, ``Thai Foreign
Minister`` / ``Cambodian foreign minister``: two offices, read from the parse),
a side names a past or next holder (``le Premier ministre déchu``, ``former
president``: the lexicon's ``not_current``, see :mod:`factcheck.compare.offices`),
one list is a subset of the other (an outlet names fewer people), the same
people in another order, or aliases of each other (``Bergé`` / ``Aurore
Bergé``, resolved through the entity graph). A name after ``for`` / ``pour``
completes the role (``a spokesman for the Enough Project``): a body, not a
person.

Institutions named differently (``ministère de l'Électronique et de
l'Informatique`` / ``ministère des Technologies de l'information``) are very
often one body under two translations: that is reported as info only.

An office tied to a place (``le parquet de Grenoble`` / ``le parquet de Lyon``,
``prosecutors in Grenoble``, ``la préfète de l'Isère``) with a different place
on the other side is an entity_mismatch (warning): one outlet has the wrong
jurisdiction — unless the other side names that place too (two offices acting).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from factcheck.compare import CompareContext
from factcheck.compare.names import same_name
from factcheck.compare.offices import not_current
from factcheck.extract.entities import NAME
from factcheck.model import EntityValue, Evidence, Finding, Kind, Severity, Span, Statement
from factcheck.normalize import norm

# Role nouns, singular and plural, mapped to one role key.
_ROLE = re.compile(
    r"\b(?P<role>(?:premier\s+|prime\s+)?ministre|député|sénateur|sénatrice|procureur|procureure|juge|porte-parole|"
    r"président|présidente|maire|commissaire|secrétaire|avocat|avocate|minister|deputy|senator|"
    r"judge|prosecutor|spokes(?:person|man|woman)|president|mayor|commissioner|lawyer)"
    r"(?:e|s|es)?\b",
    re.I,
)
_COMPLEMENT_BEFORE = re.compile(
    r"(?:\b(?:à|en|in|at|du|des|pour)|\bfor(?:\s+the)?|\bde(?:\s+la|\s+l['’])?|\bd['’]|\bl['’]|\bof(?:\s+the)?)\s*$",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(?P<head>minist[eè]re|ministry|department|agence|agency)\b(?P<rest>(?:[\s\u00a0]+[^\s,.;:]+){1,8})",
    re.I,
)
_INSTITUTION_STOP = re.compile(
    r"\s(?:a|ont|avait|avaient|est|qui|has|had|is|was|said|exigeant|demandant|sous|pour)\b", re.I
)

# Offices tied to a place, French and English words mapped to one key.
_OFFICES = {
    "prosecutor": r"parquets?|procureure?s?(?:\s+de\s+la\s+r[ée]publique)?"
    r"|prosecutors?(?:['’]s?\s+office)?",
    "court": r"tribunal(?:\s+(?:judiciaire|correctionnel|administratif))?|tribunaux"
    r"|cours?\s+d['’]appel|courts?(?:\s+of\s+appeal)?",
    "prefect": r"pr[ée]fecture|pr[ée]f[eè]te?s?|prefect(?:ure)?s?",
    "mayor": r"mairie|maires?|mayors?|town\s+hall|city\s+hall",
    "police": r"police|commissariat",
    "gendarmerie": r"gendarmerie",
}
_PLACE = r"(?P<place>[A-ZÀ-Ý][\w’'-]+(?:[\s-](?:sur|en|de|la|le)?[\s-]?[A-ZÀ-Ý][\w’'-]+)*)"
_OFFICE_RE = re.compile(
    "|".join(
        rf"\b(?P<{key}>(?i:{words}))\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|in\s+|of\s+"
        rf"|for\s+)(?:the\s+)?{_PLACE.replace('place', 'p_' + key)}"
        for key, words in _OFFICES.items()
    )
    + "|"
    + "|".join(
        rf"\b(?i:the)\s+{_PLACE.replace('place', 'q_' + key)}\s+(?P<e_{key}>(?i:{words}))\b"
        for key, words in _OFFICES.items()
        if key in ("prosecutor", "court", "police", "mayor")
    )
)


# A person named in a role: canonical name, where, and the words qualifying the role.
_Person = tuple[str, Span, frozenset[str]]
# Dependents of a role noun that qualify it ("ministre cambodgien", "Thai Foreign Minister").
_QUALIFIER_POS = ("ADJ", "PROPN")


@dataclass(frozen=True)
class _Reading:
    """What the entity checks read in one statement, computed once per statement (a
    group of n statements has n² pairs)."""

    roles: dict[str, list[_Person]]
    institution: tuple[str, Span] | None
    offices: dict[str, list[tuple[str, Span]]]
    text: str  # normalized, to find the other side's places

    @property
    def named(self) -> bool:
        """Whether any check has something to compare (a role's people, an institution,
        an office's place)."""
        return bool(self.roles or self.institution or self.offices)


def compare_entities(ctx: CompareContext) -> list[Finding]:
    """entity_mismatch findings: different people in one role, institutions named differently."""
    cache: dict[str, _Reading] = {}

    def read(st: Statement) -> _Reading:
        if st.id not in cache:
            cache[st.id] = _Reading(
                _roles(ctx, st),
                _institution(st),
                _offices(st),
                norm(st.span.text, strip_accents=True),
            )
        return cache[st.id]

    findings: list[Finding] = []
    for group in ctx.groups:
        # Each check needs something read on both sides: a statement with nothing read
        # pairs with none (a feed's group of thousands holds few that name anyone).
        named = [st for st in group.statements if read(st).named]
        for a, b in combinations(named, 2):
            if a.article == b.article:
                continue
            ra, rb = read(a), read(b)
            findings.extend(_people(ctx, (a, ra), (b, rb), group.id))
            findings.extend(_institutions(ctx, (a, ra), (b, rb), group.id))
            findings.extend(_jurisdictions(ctx, (a, ra), (b, rb), group.id))
    return findings


def _finding(
    severity: Severity,
    confidence: float,
    message: str,
    sides: tuple[tuple[str, Span], tuple[str, Span]],
    role: str | None,
    group: str,
) -> Finding:
    """An entity_mismatch with each side's (canonical name, span) as evidence."""
    return Finding(
        kind=Kind.ENTITY_MISMATCH,
        severity=severity,
        confidence=confidence,
        message=message,
        evidence=tuple(
            Evidence(span, EntityValue(canonical, role or None)) for canonical, span in sides
        ),
        group=group,
    )


def _qualifiers(st: Statement, start: int, end: int) -> frozenset[str]:
    """Adjectives and names the parse attaches to the role noun at local ``[start, end)``
    (``cambodgien``; ``thai``, ``foreign``); empty without a parse."""
    at = st.span.start
    nouns = [t for t in st.tokens if start <= t.start - at < end]
    if not nouns:
        return frozenset()
    noun = nouns[-1]
    return frozenset(
        norm(t.lemma or t.text, strip_accents=True)
        for t in st.tokens
        if t.head == noun.i
        and t.i != noun.i
        and t.pos in _QUALIFIER_POS
        and (t.dep == "amod" or (t.dep == "compound" and t.i < noun.i))
    )


def _phrase_words(text: str, at: int, name_at: int) -> set[str]:
    """The words of a role's noun phrase, read on the page (the parse often misplaces
    "former" or "déchu"): up to three words before the role, after any punctuation,
    and the words between the role and the name."""
    before = re.split(r"[,;:.()«»\"“”]", text[max(0, at - 40) : at])[-1]
    words = [*re.findall(r"\w+", before)[-3:], *re.findall(r"\w+", text[at:name_at])]
    return {norm(w, strip_accents=True) for w in words}


def _roles(ctx: CompareContext, st: Statement) -> dict[str, list[_Person]]:
    """role -> [(canonical person, surface span, role qualifiers)] in reading order."""
    text = st.span.text
    # "premier ministre" is a role of its own, not any "ministre".
    roles = [
        (m.start(), re.sub(r"\s+", " ", m.group("role").casefold()), m.end())
        for m in _ROLE.finditer(text)
    ]
    out: dict[str, list[_Person]] = {}
    mentions: dict[str, list[int]] = {}  # where each person's role was said
    for m in re.finditer(NAME, text):
        if len(m.group().split()) < 2:
            continue  # a person is named with at least a first and a last name
        if _COMPLEMENT_BEFORE.search(text[: m.start()]):
            continue  # a place or a body ("reçu à Phnom Penh", "de la Banque de France")
        earlier = [
            (at, role, end)
            for at, role, end in roles
            if at < m.start() and m.start() - at < 150 and not _opens_quote(text[at : m.start()])
        ]
        if not earlier:
            continue
        at, role, end = earlier[-1]
        qualifiers = _qualifiers(st, at, end)
        # "le Premier ministre thaïlandais déchu", "l'ex-Premier ministre", "Former Thai
        # prime minister": a past or next holder, whom the current one does not contradict.
        past = {*qualifiers, *_phrase_words(text, at, m.start())}
        if past & not_current(ctx.articles[st.article].language):
            continue
        canonical = ctx.entities.canonical(m.group()) if ctx.entities is not None else m.group()
        span = Span(st.article, st.span.start + m.start(), st.span.start + m.end(), m.group())
        out.setdefault(role, []).append((canonical, span, qualifiers))
        mentions.setdefault(role, []).append(at)
    # "les députés macroniste Eric Bothorel et socialiste Arthur Delaporte": the words
    # qualifying a role said once for several people are each one's, not all of them.
    return {
        role: [
            (c, sp, frozenset() if mentions[role].count(at) > 1 else q)
            for (c, sp, q), at in zip(people, mentions[role], strict=True)
        ]
        for role, people in out.items()
    }


def _opens_quote(between: str) -> bool:
    """True when a quotation opens between a role and a name and is still open: the
    name is in somebody's words ("le premier secrétaire du PS : « Nicolas Sarkozy
    n'a été pour rien »"), not the holder of the role."""
    return (
        between.count("«") > between.count("»")
        or between.count("“") > between.count("”")
        or between.count('"') % 2 == 1
    )


def _same_person(a: str, b: str) -> bool:
    """One person under two forms of the name (``Khaled Saad`` / ``Sawarmi Khaled Saad``,
    ``Amornvivat`` / ``Amorwiwat``: see :mod:`factcheck.compare.names`)."""
    ka, kb = norm(a, strip_accents=True).split(), norm(b, strip_accents=True).split()
    return ka == kb or same_name(ka, kb)


def _unmatched(person: _Person, others: list[_Person]) -> bool:
    """A person in a role the other side fills too (its qualifiers allow one office),
    with nobody of the same name there."""
    qualifiers = person[2]
    # "président colombien" / "président vénézuélien": each side says what the other
    # does not, so two offices; "nouveau ministre thaïlandais" / "ministre thaïlandais"
    # is one.
    alike = [o for o in others if not (qualifiers - o[2] and o[2] - qualifiers)]
    return bool(alike) and not any(_same_person(person[0], o[0]) for o in alike)


_Side = tuple[Statement, _Reading]


def _people(ctx: CompareContext, side_a: _Side, side_b: _Side, group: str) -> Iterator[Finding]:
    (a, read_a), (b, read_b) = side_a, side_b
    roles_a, roles_b = read_a.roles, read_b.roles
    for role in sorted(roles_a.keys() & roles_b.keys()):
        people_a, people_b = roles_a[role], roles_b[role]
        only_a = [p for p in people_a if _unmatched(p, people_b)]
        only_b = [q for q in people_b if _unmatched(q, people_a)]
        if not only_a or not only_b:
            continue  # same people, another order, or one outlet names fewer
        name_a, name_b = ctx.articles[a.article].label, ctx.articles[b.article].label
        listed_a = ", ".join(p[0] for p in only_a)
        listed_b = ", ".join(q[0] for q in only_b)
        yield _finding(
            Severity.WARNING,
            0.7,
            f"Different people in the same role ({role}): {name_a} names {listed_a}, "
            f"{name_b} names {listed_b}.",
            (only_a[0][:2], only_b[0][:2]),
            role,
            group,
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


def _institutions(
    ctx: CompareContext, side_a: _Side, side_b: _Side, group: str
) -> Iterator[Finding]:
    (a, read_a), (b, read_b) = side_a, side_b
    ia, ib = read_a.institution, read_b.institution
    if ia is None or ib is None or ia[0] == ib[0] or ia[0].split()[0] != ib[0].split()[0]:
        return
    yield _finding(
        Severity.INFO,
        0.4,
        f"{ctx.articles[a.article].label} and {ctx.articles[b.article].label} name the "
        f"institution differently (“{ia[1].text}” / “{ib[1].text}”): probably the same body "
        "under two translations; check the official name.",
        ((ia[1].text, ia[1]), (ib[1].text, ib[1])),
        None,
        group,
    )


_NOT_PLACES = frozenset({"republique", "republic", "etat", "state"})


def _offices(st: Statement) -> dict[str, list[tuple[str, Span]]]:
    """office key -> [(normalized place, span of office and place)] in reading order."""
    out: dict[str, list[tuple[str, Span]]] = {}
    for m in _OFFICE_RE.finditer(st.span.text):
        found = {k: v for k, v in m.groupdict().items() if v}
        key = next(k for k in found if k in _OFFICES or k[2:] in _OFFICES)
        key = key if key in _OFFICES else key[2:]
        place = found.get("p_" + key) or found["q_" + key]
        normalized = norm(place, strip_accents=True)
        if normalized in _NOT_PLACES:
            continue
        start, end = m.span()
        det = re.search(r"(?:\b[Ll]e|\b[Ll]a|\b[Ll]es|\b[Ll]['’])\s*$", st.span.text[:start])
        start = det.start() if det and not m.group().lower().startswith("the") else start
        span = Span(st.article, st.span.start + start, st.span.start + end, st.span.text[start:end])
        out.setdefault(key, []).append((normalized, span))
    return out


def _jurisdictions(
    ctx: CompareContext, side_a: _Side, side_b: _Side, group: str
) -> Iterator[Finding]:
    (a, read_a), (b, read_b) = side_a, side_b
    offices_a, offices_b = read_a.offices, read_b.offices
    text_a, text_b = read_a.text, read_b.text
    for key in sorted(offices_a.keys() & offices_b.keys()):
        places_a = {p for p, _ in offices_a[key]}
        places_b = {p for p, _ in offices_b[key]}
        # Either side naming the other's place too: two offices acting, not a wrong one.
        if any(re.search(rf"\b{re.escape(p)}\b", text_b) for p in places_a) or any(
            re.search(rf"\b{re.escape(p)}\b", text_a) for p in places_b
        ):
            continue
        span_a, span_b = offices_a[key][0][1], offices_b[key][0][1]
        yield _finding(
            Severity.WARNING,
            0.7,
            f"Different place for the same office ({key}): "
            f"{ctx.articles[a.article].label} says “{span_a.text}”, "
            f"{ctx.articles[b.article].label} says “{span_b.text}”.",
            ((span_a.text, span_a), (span_b.text, span_b)),
            key,
            group,
        )
