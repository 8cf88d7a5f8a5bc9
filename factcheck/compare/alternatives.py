"""Incompatible alternatives: two statements fill one slot with different members of a
class of mutually exclusive values (``by train`` / ``by car``, ``reporté`` / ``annulé``,
``burnt to death`` / ``suffocated``).

The classes are data (``factcheck/lexicon/<lang>/alternatives.toml``, shape documented
there). Members are matched as whole words, longest form first, on the normalized
text. The slot is the verb governing the member (from the parse): two members under
different verbs are not alternatives (``arrivé en train, reparti en voiture``),
unless both qualify the same noun of the same named thing (``the east city of
Thessaloniki`` / ``the northern city of Thessaloniki``). A
statement naming both members (``en train puis en voiture``) contradicts nothing.
Pairs come from aligned groups; for classes whose members are predicates (how people
died, whether anyone was hurt), also from any two articles whose statements share a
figure and a noun, or two nouns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from factcheck.compare import CompareContext
from factcheck.compare.clauses import Clause, clauses, governor, negators, other_filler
from factcheck.lexicon import lexicon_language, table
from factcheck.model import Evidence, Finding, Kind, Polarity, Severity, Span, Statement, Token
from factcheck.normalize import norm, normalize


@dataclass(frozen=True)
class AltClass:
    name: str
    members: Mapping[str, tuple[str, ...]]  # member -> normalized forms
    compatible: frozenset[frozenset[str]]
    predicate: bool
    about_name: bool
    across_story: bool = False


@dataclass(frozen=True)
class _Hit:
    cls: str
    member: str
    span: Span
    slot: str | None  # lemma of the governing verb
    noun: str | None  # lemma of the noun the member qualifies ("the northern *city*")
    names: frozenset[str]  # capitalised words right around the member
    theme: frozenset[str] | None  # what the member is said of (the verb's patient or agent)


# How far from a member a name is read as the person it is said of.
_NEAR = 30


@functools.cache
def classes(lang: str) -> tuple[AltClass, ...]:
    """The alternative classes of a language, from its lexicon."""
    data = table(lexicon_language(lang), "alternatives")
    out = []
    for name, body in data.items():
        if not isinstance(body, Mapping):
            continue
        members = {
            k: tuple(norm(str(f), strip_accents=True) for f in v)
            for k, v in body.items()
            if isinstance(v, list) and k != "compatible"
        }
        compatible = frozenset(frozenset(p) for p in body.get("compatible", ()))
        out.append(
            AltClass(
                name,
                members,
                compatible,
                bool(body.get("predicate", False)),
                bool(body.get("about_name", False)),
                bool(body.get("across_story", False)),
            )
        )
    return tuple(out)


@functools.cache
def _patterns(lang: str) -> tuple[tuple[AltClass, re.Pattern[str], dict[str, str]], ...]:
    """One pattern per class (longest form first), so that classes may overlap
    ("ont été tuées par balles": some victims, and how they died). Between two words
    of a form one adverb may stand ("ont été légèrement blessés", "were seriously
    injured": the lexicon's ``adverb_endings``); each form is a named group, so the
    member is known whatever stands in between."""
    endings = table(lexicon_language(lang), "alternatives").get("adverb_endings", [])
    adverb = "|".join(re.escape(norm(str(e), strip_accents=True)) for e in endings)
    gap = rf"(?:\s+\w+(?:{adverb}))?\s+" if adverb else r"\s+"
    out = []
    for c in classes(lang):
        forms = sorted(
            {f: member for member, fs in c.members.items() for f in fs}.items(),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        if forms:
            alternation = "|".join(
                f"(?P<f{n}>{gap.join(re.escape(w) for w in form.split())})"
                for n, (form, _) in enumerate(forms)
            )
            owner = {f"f{n}": member for n, (_, member) in enumerate(forms)}
            out.append((c, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), owner))
    return tuple(out)


def _clause(
    found: Sequence[Clause], tokens: Sequence[Token], start: int, end: int
) -> Clause | None:
    """Of the statement's clauses ``found``, the one whose verb is inside a member
    ("were injured"), else the one that governs it ("arrived by train")."""
    for clause in found:
        if start <= clause.verb.start < end:
            return clause
    for clause in found:
        if any(t.start < end and start < t.end and t.head == clause.verb.i for t in tokens):
            return clause
    return None


def _theme(clause: Clause | None, start: int, end: int) -> frozenset[str] | None:
    """What the verb at or governing a member is said of: its patient, else its agent
    ("La réunion a été annulée" → réunion)."""
    if clause is None:
        return None
    patient = clause.patient_token
    # The member may be the verb's object itself ("broke out east of"): not a theme.
    if patient is not None and not (start <= patient.start < end):
        return clause.patient
    agent = clause.agent_token
    # Nor its subject ("Aucun blessé n'est à déplorer").
    if agent is not None and start <= agent.start < end:
        return None
    return clause.agent


def _negates(form: str, lang: str) -> bool:
    """Whether a member's own words carry a negation ("no casualties", "sans blessé")."""
    neg = negators(lang)
    words = set(re.findall(r"\w+", form))
    return bool(words & (neg.adverbs | neg.determiners | neg.prepositions))


def hits(st: Statement, lang: str) -> list[_Hit]:
    """The class members a statement names, with the verb each one fills a slot of."""
    view = normalize(st.span.text, strip_accents=True)
    out = []
    found: list[Clause] | None = None  # the statement's clauses, read at its first member
    for cls, pattern, owner in _patterns(lang):
        for m in pattern.finditer(view.text):
            lo, hi = view.to_original(m.start(), m.end())
            if lo and st.span.text[lo].isupper():
                continue  # part of a name ("South Sudan", "Nord Stream"), not a value
            span = Span(st.article, st.span.start + lo, st.span.start + hi, st.span.text[lo:hi])
            if found is None:
                found = clauses(st.tokens, lang)
            clause = _clause(found, st.tokens, span.start, span.end)
            if clause is not None and clause.negated and not _negates(m.group(), lang):
                continue  # "no children were injured", "did not travel by train": no member
            near = st.span.text[max(0, lo - _NEAR) : lo] + " " + st.span.text[hi : hi + _NEAR]
            out.append(
                _Hit(
                    cls.name,
                    owner[str(m.lastgroup)],
                    span,
                    # the verb the member fills a slot of (None when it is the verb)
                    governor(st.tokens, span.start, span.end, ("VERB",)),
                    governor(st.tokens, span.start, span.end, ("NOUN",)),
                    frozenset(re.findall(r"(?<!^)\b[A-ZÀ-Ý][\w'’-]+", near)),
                    _theme(clause, span.start, span.end),
                )
            )
    return out


def alternative_conflicts(ctx: CompareContext) -> list[Finding]:
    """contradiction findings for aligned statements naming exclusive alternatives."""
    cache: dict[str, list[_Hit]] = {}

    def read(st: Statement) -> list[_Hit]:
        if st.id not in cache:
            cache[st.id] = hits(st, ctx.articles[st.article].language)
        return cache[st.id]

    findings: list[Finding] = []
    # Pairs of statements that name members: a pair where one names none gives nothing
    # in either loop, so it is neither read nor remembered (a feed's group of thousands
    # held millions of such pairs here).
    seen: set[tuple[str, str]] = set()
    for group in ctx.groups:
        naming = [st for st in group.statements if read(st)]
        for a, b in combinations(naming, 2):
            if a.article != b.article and (a.id, b.id) not in seen:
                seen.add((a.id, b.id))
                findings.extend(_conflicts(ctx, a, b, read(a), read(b), group.id, False))
    # Predicate classes across groups: the same figure and a shared noun anchor the pair,
    # or a class compared across the whole story that both statements name.
    with_predicates = [
        st for st in ctx.statements if any(_class(ctx, st, h.cls).predicate for h in read(st))
    ]
    story_wide = {
        st.id: {h.cls for h in read(st) if _class(ctx, st, h.cls).across_story}
        for st in with_predicates
    }
    for a, b in combinations(with_predicates, 2):
        if a.article == b.article or (a.id, b.id) in seen:
            continue
        if not (story_wide[a.id] & story_wide[b.id] or _anchored(a, b)):
            continue
        seen.add((a.id, b.id))
        findings.extend(_conflicts(ctx, a, b, read(a), read(b), None, True))
    return findings


def _class(ctx: CompareContext, st: Statement, name: str) -> AltClass:
    return next(c for c in classes(ctx.articles[st.article].language) if c.name == name)


def _anchored(a: Statement, b: Statement) -> bool:
    values_a = {q.value for q in a.quantities if q.value >= 2}
    values_b = {q.value for q in b.quantities if q.value >= 2}
    nouns_a = {norm(t.lemma, strip_accents=True) for t in a.tokens if t.pos in ("NOUN", "PROPN")}
    nouns_b = {norm(t.lemma, strip_accents=True) for t in b.tokens if t.pos in ("NOUN", "PROPN")}
    shared = len(nouns_a & nouns_b)
    return (bool(values_a & values_b) and shared >= 1) or shared >= 2


def _conflicts(
    ctx: CompareContext,
    a: Statement,
    b: Statement,
    ha: list[_Hit],
    hb: list[_Hit],
    group: str | None,
    predicates_only: bool,
) -> Iterator[Finding]:
    for x in ha:
        cls = _class(ctx, a, x.cls)
        if predicates_only and not cls.predicate:
            continue
        for y in hb:
            if y.cls != x.cls or y.member == x.member:
                continue
            if frozenset((x.member, y.member)) in cls.compatible:
                continue
            # A statement naming both (or a compatible value) contradicts nothing.
            if any(_agrees(cls, h.member, y.member) for h in ha if h.cls == x.cls) or any(
                _agrees(cls, h.member, x.member) for h in hb if h.cls == x.cls
            ):
                continue
            if cls.about_name and not x.names & y.names:
                continue  # relatives of different people
            if not predicates_only and other_filler(x.theme, y.theme):
                continue  # said of two things: "la réunion annulée" / "le concert maintenu"
            # Two verbs: "arrivé en train, reparti en voiture" — unless both members
            # qualify one noun of one named thing ("violence in the east city of
            # Thessaloniki" / "rioting spread to the northern city of Thessaloniki").
            one_thing = x.noun is not None and x.noun == y.noun and bool(x.names & y.names)
            two_verbs = None not in (x.slot, y.slot) and x.slot != y.slot
            if not cls.predicate and two_verbs and not one_thing:
                continue
            yield _finding(ctx, cls, x, y, group)
            return


def _agrees(cls: AltClass, m: str, other: str) -> bool:
    return m == other or frozenset((m, other)) in cls.compatible


def _finding(ctx: CompareContext, cls: AltClass, x: _Hit, y: _Hit, group: str | None) -> Finding:
    name_a = ctx.articles[x.span.article].label
    name_b = ctx.articles[y.span.article].label
    return Finding(
        kind=Kind.CONTRADICTION,
        severity=Severity.WARNING,
        confidence=0.6,
        message=(
            f"{name_a} says “{x.span.text}”, {name_b} says “{y.span.text}”: "
            f"these exclude each other ({cls.name.replace('_', ' ')})."
        ),
        evidence=(
            Evidence(x.span, Polarity(x.member)),
            Evidence(y.span, Polarity(y.member)),
        ),
        group=group,
    )
