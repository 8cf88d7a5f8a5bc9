"""Which values of two statements measure the same thing.

Both the align stage (would two sentences state one fact if their figures
agreed?) and the compare stage (do the paired figures contradict?) need the
same answer, so it lives here, below both: quantities pair by kind, unit
family and agreeing head nouns (the prison term with the prison term, the fine
with the fine), and only when their bindings (:mod:`factcheck.extract.binding`)
do not tell them apart: the killed are not the injured, Thai soldiers are not
Cambodian ones, a figure for 2007 is not one for 2008. A binding left unknown on
one side does not forbid a pair; :func:`binding_certainty` says how sure it is.
Times pair days with days and periods with periods.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from factcheck.extract.dates import season_months
from factcheck.extract.values import DURATION_DAYS, MEASURE_UNITS
from factcheck.model import Quantity, Statement, TimeExpr, Vagueness, ValueKind
from factcheck.normalize import norm

T = TypeVar("T")

# Head nouns that name the same thing (lemmas, French and English).
_HEAD_CLASSES = (
    {"emprisonnement", "prison", "réclusion", "détention", "incarcération", "imprisonment",
     "jail"},
    {"amende", "fine", "pénalité", "penalty", "sanction"},
    {"ministre", "minister"},
    {"député", "deputy", "parlementaire", "lawmaker", "mp"},
    {"personne", "person", "gen", "individu", "people"},
    {"image", "photo", "picture"},
    {"mort", "décès", "victime", "tué", "dead", "death", "victim", "killed"},
    {"blessé", "injured", "wounded"},
    {"publication", "post", "message", "tweet"},
    {"pompier", "sapeur-pompier", "firefighter", "fireman"},
    {"policier", "officer", "policeman"},
    {"soldat", "militaire", "soldier", "troop"},
    {"enfant", "child"}, {"mineur", "minor"}, {"femme", "woman"}, {"homme", "man"},
    {"habitant", "résident", "resident", "inhabitant"},
    {"manifestant", "protester", "demonstrator"},
    {"salarié", "employé", "employee", "worker"},
    {"étudiant", "student"}, {"élève", "pupil"},
    {"journaliste", "journalist", "reporter"},
    {"juge", "judge"}, {"membre", "member"}, {"otage", "hostage"},
    {"détenu", "prisoner", "inmate"}, {"civil", "civilian"},
    {"utilisateur", "usager", "user"}, {"sénateur", "senator"},
    {"engin", "véhicule", "vehicle"},
    {"kilomètre", "km", "kilometre", "kilometer"}, {"mètre", "metre", "meter"},
)  # fmt: skip
_HEAD_CLASS = {word: min(cls) for cls in _HEAD_CLASSES for word in cls}
_NOUN_CLASS = {
    norm(word, strip_accents=True): norm(min(cls), strip_accents=True)
    for cls in _HEAD_CLASSES
    for word in cls
}


def noun_class(lemma: str) -> str:
    """One name for the nouns of a class of synonyms (``salarie`` / ``employe`` /
    ``worker``), for lemmas keyed without accents; any other lemma unchanged."""
    return _NOUN_CLASS.get(lemma, lemma)


def _bucket(q: Quantity) -> tuple[str, str | None] | None:
    """What a quantity can be compared with; None when it is never compared."""
    if q.kind is ValueKind.DURATION and q.unit in DURATION_DAYS:
        return ("duration", None)
    if q.kind in (ValueKind.CURRENCY, ValueKind.PERCENT):
        return (q.kind.value, q.unit)
    if q.kind in MEASURE_UNITS:
        return (q.kind.value, None)
    if q.kind in (ValueKind.COUNT, ValueKind.ORDINAL) and q.head:
        return (q.kind.value, None)
    return None


def _head_class(head: str) -> str:
    return _HEAD_CLASS.get(head, head)


def _heads_agree(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and _head_class(a) == _head_class(b)


def _heads_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or _heads_agree(a, b)


def _years(q: Quantity) -> set[str]:
    return {s for s in q.scope if s.isdigit()}


def binding_conflict(a: Quantity, b: Quantity) -> str | None:
    """Why two quantities cannot measure the same thing (``"predicate"``, ``"referent"``,
    ``"scope"``), or None when their bindings are compatible (equal or unknown)."""
    described_a, described_b = {*a.predicate, *a.attributes}, {*b.predicate, *b.attributes}
    if described_a and described_b and not described_a & described_b:
        return "predicate"
    if a.referent and b.referent and not set(a.referent) & set(b.referent):
        return "referent"
    if _years(a) and _years(b) and not _years(a) & _years(b):
        return "scope"
    return None


def binding_certainty(a: Quantity, b: Quantity) -> str:
    """How sure it is that two compatible quantities count the same thing:
    ``"bound"`` (both sides say what they count: predicate classes, or the same
    governing word outside the lexicon), ``"half"`` (one side does, or two words
    outside the lexicon that may or may not be synonyms) or ``"unbound"``. A part of
    a total against another part ("20 more", "another five") is one notch less
    sure: two parts of what may be two totals. ``"unparsed"`` when a side has
    no parse at all (no parser installed for its language)."""
    if not (a.parsed and b.parsed):
        return "unparsed"  # no parser for a language: only the head nouns tell
    classified = [bool(q.predicate or q.attributes) for q in (a, b)]
    if all(classified) or (not any(classified) and a.verb is not None and a.verb == b.verb):
        level = 2
    else:
        level = 1 if any(classified) or a.verb or b.verb else 0
    if a.part and b.part and level:
        level -= 1
    levels = ("unbound", "half", "bound")
    return levels[level]


def places_differ(a: Quantity, b: Quantity) -> bool:
    """Both figures name places or reference points, and none in common ("from Yida" /
    "from the border"). Soft: one place has many names, so this only lowers confidence."""
    pa, pb = set(a.scope) - _years(a), set(b.scope) - _years(b)
    return bool(pa and pb and not pa & pb)


def far_apart(a: Quantity, b: Quantity, ratio: float) -> bool:
    """Figures ``ratio`` times apart or more (in a common unit): two outlets that
    disagree on one figure rarely do by that much, two figures of two facts often do."""
    x, y = abs(a.value * unit_factor(a)), abs(b.value * unit_factor(b))
    return min(x, y) > 0 and max(x, y) / min(x, y) >= ratio


def unit_factor(q: Quantity) -> float:
    """Multiplier to a common unit (days for durations, metres for lengths, square
    metres for areas)."""
    if q.kind is ValueKind.DURATION and q.unit in DURATION_DAYS:
        return DURATION_DAYS[q.unit]
    if q.kind in MEASURE_UNITS:
        return MEASURE_UNITS[q.kind][1].get(q.unit or "", 1.0)
    return 1.0


def magnitude(q: Quantity) -> bool:
    return q.vagueness is Vagueness.MAGNITUDE


# A breakdown gives each member its figure right after its name ("Crédit Agricole va
# recevoir 3 milliards, BNP Paribas 2,55 milliards"): a name owns the next figure when
# at most OWNER_REACH characters and no clause mark stand between them.
OWNER_REACH = 40
_CLAUSE_MARK = re.compile(r"[,;:()«»\"“”\n]")
# What a breakdown writes between a member and its figure, for all but maybe the first
# member ("BNP Paribas 2,55 milliards", "Crédit Mutuel : 1,2 milliard").
_TIGHT = re.compile(r"[\s:]{0,3}")


def owners(statement: Statement) -> tuple[str | None, ...]:
    """For each quantity of ``statement``, the named member whose figure it is in a
    breakdown, or None; all None unless two members have their figure right after
    their name ("Betancourt et 34 autres otages - trois Américains et onze
    Colombiens" is no breakdown)."""
    text, origin = statement.span.text, statement.span.start
    out: list[str | None] = []
    tight: set[str] = set()
    for q in statement.quantities:
        best: tuple[int, str] | None = None
        for m in statement.mentions:
            if not any(c.isupper() for c in m.span.text):
                continue  # "soldats cambodgiens ont fait deux morts": no member's name
            gap = q.span.start - m.span.end
            if 0 <= gap <= OWNER_REACH and (best is None or gap < best[0]):
                between = text[m.span.end - origin : q.span.start - origin]
                if not _CLAUSE_MARK.search(between) and not any(
                    m.span.end <= o.span.start < q.span.start for o in statement.quantities
                ):
                    best = (gap, norm(m.canonical, strip_accents=True))
                    if _TIGHT.fullmatch(between):
                        tight.add(best[1])
        out.append(None if best is None else best[1])
    if len(tight & {o for o in out if o is not None}) < 2:
        return tuple(None for _ in out)
    return tuple(out)


def pair_statement_quantities(a: Statement, b: Statement) -> list[tuple[Quantity, Quantity, bool]]:
    """:func:`pair_quantities` of two statements, figures of one breakdown member first.

    Two breakdowns of one fact pair each member's figure with the same member's
    figure (as if their nouns agreed), whatever the order or the number of
    members; the other figures then pair as usual.
    """
    first: list[tuple[Quantity, Quantity, bool]] = []
    taken_y: set[int] = set()
    owners_a, owners_b = owners(a), owners(b)
    for x, owner in zip(a.quantities, owners_a, strict=True):
        if owner is None or _bucket(x) is None:
            continue
        for j, y in enumerate(b.quantities):
            if (
                j not in taken_y
                and owners_b[j] == owner
                and _bucket(y) == _bucket(x)
                # The owner is whose figure it is; a parse of a gapped list often
                # hangs it on the wrong name, so only the other bindings may forbid.
                and binding_conflict(x, y) in (None, "referent")
            ):
                first.append((x, y, True))
                taken_y.add(j)
                break
    # Two breakdowns: a member's figure never pairs with another member's. Against a
    # statement that is no breakdown, a member's figure pairs only where that
    # statement names the member: "Crédit Agricole 3 milliards" is not "les 10,5
    # milliards" of the whole.
    both = any(owners_a) and any(owners_b)
    named_a, named_b = _named(a), _named(b)
    paired_x = {id(x) for x, _, _ in first}
    rest = pair_quantities(
        [
            x
            for x, o in zip(a.quantities, owners_a, strict=True)
            if id(x) not in paired_x and not (o and (both or not _names(named_b, o)))
        ],
        [
            y
            for j, (y, o) in enumerate(zip(b.quantities, owners_b, strict=True))
            if j not in taken_y and not (o and (both or not _names(named_a, o)))
        ],
    )
    return first + rest


def _named(statement: Statement) -> list[set[str]]:
    """The words of each name a statement mentions, keyed as :func:`owners` keys a member."""
    return [set(norm(m.canonical, strip_accents=True).split()) for m in statement.mentions]


def _names(named: Sequence[set[str]], member: str) -> bool:
    """Whether one of ``named`` is ``member``, in full or in part ("Betancourt" /
    "Ingrid Betancourt")."""
    words = set(member.split())
    return any(words <= name or (bool(name) and name <= words) for name in named)


def pair_quantities(
    xs: Sequence[Quantity], ys: Sequence[Quantity]
) -> list[tuple[Quantity, Quantity, bool]]:
    """Pairs of quantities that measure the same thing, with whether their heads agree.

    First quantities whose head nouns agree (or, for a count with no noun on one
    side, whose predicates are the same), in order; then, per kind, the remaining
    ones in order when both sides have as many left and their heads do not
    disagree (counts and ranks always need agreeing heads). No pair has
    conflicting bindings (:func:`binding_conflict`).
    """
    return _pair(xs, ys, _bucket, _quantity_agree, _quantity_rest)


def _quantity_agree(x: Quantity, y: Quantity) -> bool:
    if binding_conflict(x, y):
        return False
    return _heads_agree(x.head, y.head)


def _quantity_rest(x: Quantity, y: Quantity) -> bool:
    if x.kind in (ValueKind.COUNT, ValueKind.ORDINAL) or binding_conflict(x, y):
        return False
    return _heads_compatible(x.head, y.head)


def _pair(
    xs: Sequence[T],
    ys: Sequence[T],
    bucket: Callable[[T], object],
    agree: Callable[[T, T], bool],
    compatible: Callable[[T, T], bool],
) -> list[tuple[T, T, bool]]:
    pairs: list[tuple[T, T, bool]] = []
    used_x: set[int] = set()
    used_y: set[int] = set()
    for i, x in enumerate(xs):
        key = bucket(x)
        if key is None:
            continue
        for j, y in enumerate(ys):
            if j not in used_y and bucket(y) == key and agree(x, y):
                pairs.append((x, y, True))
                used_x.add(i)
                used_y.add(j)
                break
    keys = {bucket(x) for x in xs} - {None}
    for key in sorted(keys, key=repr):
        rest_x = [x for i, x in enumerate(xs) if i not in used_x and bucket(x) == key]
        rest_y = [y for j, y in enumerate(ys) if j not in used_y and bucket(y) == key]
        matched = list(zip(rest_x, rest_y, strict=False))
        if rest_x and len(rest_x) == len(rest_y) and all(compatible(x, y) for x, y in matched):
            pairs.extend((x, y, False) for x, y in matched)
    return pairs


def time_class(t: TimeExpr) -> str | None:
    """Which times can be paired: days with days, periods with periods, years with years."""
    if not (t.resolved or yearless_months(t) is not None):
        return None
    return t.granularity if t.granularity in ("day", "year") else "period"


def stated_days(times: Sequence[TimeExpr]) -> set[_dt.date]:
    """The days a statement's dates resolve to ("vendredi 2 janvier", "hier"): two
    statements whose days are all different speak of different days."""
    return {t.start for t in times if t.start is not None and t.resolved and t.granularity == "day"}


def yearless_months(t: TimeExpr) -> set[int] | None:
    """Months named by an unresolved but absolute expression ("--07", "season:summer")."""
    label = t.label or ""
    if label.startswith("--"):
        return {int(label[2:4])}
    if label.startswith("season:"):
        return set(season_months(label.split(":", 1)[1]))
    return None


def pair_times(xs: Sequence[TimeExpr], ys: Sequence[TimeExpr]) -> list[tuple[TimeExpr, TimeExpr]]:
    """Pairs of comparable time expressions: days with days and periods with periods, in order.

    The only absolute date of each side is paired whatever its precision
    ("le 15 juillet" with "en septembre"); a relative one ("vendredi", "la
    semaine dernière") only meets its own class, since in weakly related
    sentences it often dates another event; so does a bare year ("une loi de
    2025" is rarely the date of the reported event).
    """
    usable_x = [x for x in xs if time_class(x)]
    usable_y = [y for y in ys if time_class(y)]
    if len(usable_x) == 1 and len(usable_y) == 1:
        x, y = usable_x[0], usable_y[0]
        loose = x.relative or y.relative or "year" in (time_class(x), time_class(y))
        if not loose or time_class(x) == time_class(y):
            return [(x, y)]
        return []
    pairs = _pair(usable_x, usable_y, time_class, lambda _x, _y: False, lambda _x, _y: True)
    return [(x, y) for x, y, _ in pairs]
