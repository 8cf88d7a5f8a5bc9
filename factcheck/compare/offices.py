"""Who holds an office, read across the whole story: one office, two holders.

The group comparers see two statements only when the aligner put them in one
group; an outlet that names the wrong minister usually does so in a sentence
about another fact than the one naming the right one. This comparer reads every
statement of the run for ``office → person`` pairs, where the office is a role
noun with a complement or an adjective that says which one it is — ``la
ministre de l'Economie Christine Lagarde``, ``Le ministre cambodgien des
Affaires étrangères Hor Namhong``, ``South Sudan President Salva Kiir``,
``Miabek Lang, the commissioner of Pariang County`` — from the parse: the role
noun's own dependents next to it make the office, the name written right after
it (or right before it, in apposition) the holder.

One office held by two people who are not one person under two names (the
entity graph's canonical names; in one story and one office, a surname written
alike is one person: :func:`factcheck.compare.names.similar`) in different
articles is an entity_mismatch with both names as evidence; its ``group`` is
None, the two sentences being in different groups or none. It is a warning when
one article alone names the other holder (an outlet's slip); info when three
people are named, or two each by several articles (the office read too loosely,
or a change of holder over the story).

Not read: a role alone (``le ministre``, ``a spokesman``, ``the president``: a
story has many), a plural role (``les ministres``), a holder who is not the
current one (``l'ancien ministre``, ``former president``, ``nouveau ministre``,
``succède à``: the lexicon's ``not_current``), and an office for which one
article itself names two people (the office changed hands, or the reading is
wrong). Offices of different bodies or countries are different offices: the
whole complement is the office's key. Role names the lexicon's ``same_office``
lists together name one office (``patron`` / ``PDG`` / ``directeur général de la
Société Générale``, ``Boeing CEO`` / ``Boeing boss``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from factcheck.compare import CompareContext, outlets
from factcheck.compare.names import person_names, similar
from factcheck.extract.parse import children
from factcheck.lexicon import LANGUAGES, table, words
from factcheck.model import EntityValue, Evidence, Finding, Kind, Severity, Span, Statement, Token
from factcheck.normalize import norm

# Entity types of the parsers that say a token is a person, and those that say it is not.
_PERSON_ENTS = frozenset({"PER", "PERSON"})
# Words written between a role and the holder's name ("le ministre, M. Dupont").
_HONORIFICS = frozenset({"m", "m.", "mme", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})
# Lower-case words inside a person's name ("Charles de Gaulle", "Omar al-Bashir").
_PARTICLES = frozenset({"de", "du", "da", "van", "von", "der", "al", "el", "bin", "ben", "ibn"})
_MAX_NAME = 5  # tokens in a person's name, particles and hyphens included
# The entity graph's canonical name or label of a name.
_Namer = Callable[[str], str]


@dataclass(frozen=True)
class Holding:
    """One article saying who holds one office."""

    office: tuple[str, ...]  # the office's key: role words, then its qualifiers, sorted
    label: str  # the office as written, for the message
    person: str  # canonical name
    span: Span  # the person's name in the article


@dataclass(frozen=True)
class _Lexicon:
    roles: frozenset[str]
    title_parts: frozenset[str]
    not_current: frozenset[str]
    # The words of a role name (title parts and role) -> the office they all name.
    same_office: Mapping[frozenset[str], str]


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    def listed(key: str) -> frozenset[str]:
        return frozenset(_key(w) for w in words(lang, "offices", key))

    same = table(lang, "offices").get("same_office", {})
    return _Lexicon(
        roles=listed("roles"),
        title_parts=listed("title_parts"),
        not_current=listed("not_current"),
        same_office={
            frozenset(_key(w) for w in name.replace("-", " ").split()): office
            for office, names in same.items()
            for name in names
        },
    )


def not_current(lang: str) -> frozenset[str]:
    """Words that make a role's holder not the holder now (``ancien``, ``déchu``, ``former``)."""
    return _lexicon(lang).not_current


def _key(word: str) -> str:
    return norm(word, strip_accents=True)


def compare_offices(ctx: CompareContext) -> Iterator[Finding]:
    """entity_mismatch findings: one office held by different people in different articles."""
    seen: set[tuple[str, int]] = set()
    by_office: dict[tuple[str, ...], list[Holding]] = {}
    canonical = ctx.entities.canonical if ctx.entities is not None else str
    label = ctx.entities.label if ctx.entities is not None else (lambda _name: "MISC")
    for st in ctx.statements:
        article = ctx.articles[st.article]
        if article.language not in LANGUAGES or not st.tokens:
            continue
        for held in holdings(st, article.text, _lexicon(article.language), canonical, label):
            # Claims of one sentence share its parse: read each name once.
            if (held.span.article, held.span.start) not in seen:
                seen.add((held.span.article, held.span.start))
                by_office.setdefault(held.office, []).append(held)
    for office in sorted(by_office):
        yield from _disagreements(ctx, by_office[office])


def holdings(
    st: Statement,
    text: str,
    lex: _Lexicon,
    canonical: _Namer,
    label: _Namer,
) -> list[Holding]:
    """The (office, holder) pairs a statement's sentence writes, from its parse."""
    tokens = st.tokens
    if any(_key(t.lemma) in lex.not_current and t.pos in ("VERB", "NOUN") for t in tokens):
        return []  # "succède à", "his successor": the sentence tells a change of holder
    kids = children(tokens)
    out = []
    for role in tokens:
        if role.pos not in ("NOUN", "PROPN") or _key(role.lemma) not in lex.roles:
            continue
        phrase = _office_phrase(tokens, role, _subtree(role.i, kids))
        if phrase is None:
            continue
        first, last, after = phrase
        around = tokens[max(first - 1, 0) : after + 1]  # "l'ex-", "déchu (…)"
        if any({_key(t.lemma), _key(t.text)} & lex.not_current for t in around):
            continue
        name = _holder(tokens, first, after)
        if name is None:
            continue
        # (office tokens, name): one, or one per complement of a plural role
        read = [([*range(first, last + 1)], name)]
        if _plural(role):
            # Several people hold a plural role, except when each complement is written
            # with its own holder: "les ministres de l'Économie Christine Lagarde et du
            # Budget Éric Woerth".
            second = _distributed(tokens, name[1] + 1)
            if second is None:
                continue
            read.append(([*range(first, role.i + 1), *second[0]], second[1]))
        for words_at, (a, b) in read:
            office = _office_key(tokens, role, words_at, lex)
            start, end = tokens[a].start, tokens[b].end
            person = canonical(text[start:end])
            if office is None or not _name_words(person):
                continue
            if not _is_person(tokens[a : b + 1], label(person), role):
                continue
            written = _written(tokens, text, words_at)
            span = Span(st.article, start, end, text[start:end])
            out.append(Holding(office, written, person, span))
    return out


def _office_key(
    tokens: Sequence[Token], role: Token, at: Sequence[int], lex: _Lexicon
) -> tuple[str, ...] | None:
    """The office's key: the role's title words and lemma, then the qualifiers that say
    which office it is, sorted; None for a role alone ("le ministre", "Prime Minister")."""
    content = [
        (_key(t.lemma if t.pos != "PROPN" else t.text), t.head == role.i)
        for t in (tokens[i] for i in at)
        if t.i != role.i and t.pos in ("ADJ", "NOUN", "PROPN", "NUM") and t.text.isalnum()
    ]
    # "Premier ministre", not "directeur général de la Société Générale"
    title = [w for w, own in content if own and w in lex.title_parts]
    qualifiers = sorted(w for w, own in content if not own or w not in lex.title_parts)
    if not qualifiers:
        return None
    role_word = _key(role.lemma)
    # "patron" / "directeur général" / "PDG" of one company: one office
    same = lex.same_office.get(frozenset({*title, role_word}))
    if same is not None:
        return (same, "|", *qualifiers)
    return (*sorted(title), role_word, "|", *qualifiers)


def _distributed(tokens: Sequence[Token], k: int) -> tuple[range, tuple[int, int]] | None:
    """After the first holder of a plural role, "et du Budget Éric Woerth": the second
    complement's tokens and its holder; None when the role is not written that way."""
    if k + 1 >= len(tokens) or tokens[k].pos != "CCONJ" or tokens[k + 1].pos != "ADP":
        return None
    j = k + 1
    while j < len(tokens) and not _name_start(tokens, j):
        if tokens[j].pos in ("PUNCT", "VERB", "AUX", "CCONJ", "SCONJ", "PRON"):
            return None
        j += 1
    name = _name_run(tokens, j, 1)
    return None if name is None else (range(k + 1, j), name)


def _written(tokens: Sequence[Token], text: str, at: Sequence[int]) -> str:
    """The office as written: its runs of consecutive tokens, joined by a space."""
    runs: list[list[int]] = []
    for i in at:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " ".join(text[tokens[r[0]].start : tokens[r[-1]].end] for r in runs)


def _plural(role: Token) -> bool:
    """``ministres``, ``ministers``: offices of several people."""
    text, lemma = role.text.casefold(), role.lemma.casefold()
    return text != lemma and text.endswith(("s", "x")) and not lemma.endswith(("s", "x"))


def _subtree(i: int, kids: Mapping[int, list[Token]]) -> set[int]:
    out: set[int] = set()
    todo = [i]
    while todo:
        for kid in kids.get(todo.pop(), ()):
            if kid.i not in out:
                out.add(kid.i)
                todo.append(kid.i)
    return out


def _office_phrase(
    tokens: Sequence[Token], role: Token, below: set[int]
) -> tuple[int, int, int] | None:
    """The office: the first and last token of the role and its dependents written
    next to it, up to the holder's name (``la ministre [de l'Economie] Christine
    Lagarde``, ``[South Sudan] President Salva Kiir``), and the token after it (an
    aside in brackets skipped)."""
    first = role.i
    while first and (
        (first - 1 in below and tokens[first - 1].pos in ("ADJ", "NOUN", "PROPN", "PART"))
        or tokens[first - 1].end == tokens[first].start  # "co-founder"
    ):
        first -= 1
    last = role.i
    k = role.i + 1
    while k < len(tokens) and k in below:
        t = tokens[k]
        if t.text == "(":
            close = next((j for j in range(k, len(tokens)) if tokens[j].text == ")"), None)
            if close is None:
                return None
            k = close + 1  # an acronym or aside, not part of the office's key
            continue
        if t.pos in ("PUNCT", "VERB", "AUX", "CCONJ", "SCONJ", "PRON") or _name_start(tokens, k):
            break
        last = k
        k += 1
    return first, last, k


def _capitalized(t: Token) -> bool:
    return t.text[:1].isupper()


def _name_start(tokens: Sequence[Token], k: int) -> bool:
    """Whether a person's name can open at token ``k``: a capitalized proper noun not
    governed by a preposition or a determiner (``de l'Economie``, ``of the Enough
    Project``) nor ending a name begun before it. A common noun opens one only
    before a proper noun (the French parser reads ``Hun`` of ``Hun Sen`` as a noun).
    Whether it is a person is decided on the whole name (:func:`_is_person`)."""
    t = tokens[k]
    if not _capitalized(t) or (k and tokens[k - 1].pos in ("ADP", "DET")):
        return False
    if k and tokens[k - 1].head == k and tokens[k - 1].ent == t.ent:
        return False  # the end of a name begun before ("of Pariang County")
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return t.pos in ("PROPN", "X") or (
        t.pos == "NOUN" and nxt is not None and nxt.pos == "PROPN" and _capitalized(nxt)
    )


def _holder(tokens: Sequence[Token], first: int, after: int) -> tuple[int, int] | None:
    """The token range of the name the office is written with: right after it
    (``ministre de l'Economie Christine Lagarde``, ``, M. Dupont``) or, in
    apposition, right before it (``John Prendergast, the co-founder of …,``)."""
    k = after
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    if k < len(tokens) and tokens[k].text.casefold() in _HONORIFICS:
        k += 1
    written_after = _name_run(tokens, k, 1)
    if written_after is not None:
        return written_after
    j = first - 1
    if j >= 0 and tokens[j].pos == "DET":
        j -= 1
    closed = after >= len(tokens) or tokens[after].pos == "PUNCT" or _relative(tokens, after)
    if j >= 1 and tokens[j].text == "," and closed:
        return _name_run(tokens, j - 1, -1)
    return None


def _relative(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` opens a relative clause ("Frédéric Oudéa, patron de la
    Société générale qui affirmait…"): the apposition ends there, as at a comma."""
    t = tokens[k]
    return t.pos == "PRON" and tokens[t.head].dep in ("acl:relcl", "relcl")


def _name_run(tokens: Sequence[Token], at: int, step: int) -> tuple[int, int] | None:
    """Two to four capitalized tokens (particles inside) from ``at``, read forward
    (step 1) or backward (step -1); None when there is no such name."""
    if not 0 <= at < len(tokens):
        return None
    if step == 1 and not _name_start(tokens, at):
        return None
    taken: list[int] = []
    k = at
    while 0 <= k < len(tokens) and len(taken) < _MAX_NAME:
        t = tokens[k]
        word = _capitalized(t) and t.pos in ("PROPN", "X", "NOUN") and t.text[:1].isalpha()
        inside = bool(taken) and (t.text.casefold() in _PARTICLES or t.text == "-")
        if not word and not inside:
            break
        taken.append(k)
        k += step
    while taken and not _capitalized(tokens[taken[-1]]):
        taken.pop()  # a particle ends no name
    if len(taken) < 2:
        return None
    return min(taken), max(taken)


def _is_person(name: Sequence[Token], label: str, role: Token) -> bool:
    """A person by the entity graph (its rules know ``Firstname Lastname``) or, when
    the graph does not know the name, by the parser's entities — unless the parser
    read the role and the name as one entity (``ministre de l'Economie Nadia
    Berkane`` as an organisation), which says nothing of the name."""
    if label != "MISC":
        return label == "PER"
    ents = {t.ent for t in name if t.ent is not None}
    return role.ent in ents or not ents - _PERSON_ENTS


def _name_words(surface: str) -> list[str]:
    """The person's name as normalized words, titles set aside (``Commander Nirad
    Sinha`` → [nirad, sinha]); [] when only titles are left (``Attorney General``)."""
    runs = person_names(surface)
    return runs[-1] if runs else []


def _same_person(a: str, b: str) -> bool:
    """One holder under two forms of the name: the same surname written alike
    (``Terrence`` / ``Terry Robertson``, ``M. Bedouet`` / ``Laurent Bedouet``: in one
    story and one office, the same surname is the same person), or the same words
    spaced otherwise (``Hor Namhong`` / ``Hor Nam Hong``)."""
    ka, kb = _name_words(a), _name_words(b)
    return similar(ka[-1], kb[-1]) or similar("".join(ka), "".join(kb))


def _disagreements(ctx: CompareContext, held: Sequence[Holding]) -> Iterator[Finding]:
    """Findings for one office: every holder other than the one most articles name."""
    people: list[list[Holding]] = []  # holdings of one person, in reading order
    for h in held:
        mine = next((p for p in people if _same_person(p[0].person, h.person)), None)
        if mine is None:
            people.append([h])
        else:
            mine.append(h)
    if len(people) < 2:
        return
    articles = [{h.span.article for h in p} for p in people]
    if any(a & b for i, a in enumerate(articles) for b in articles[i + 1 :]):
        return  # one article names two holders: a change of holder, or a misreading
    order = sorted(range(len(people)), key=lambda i: (-len(articles[i]), i))
    top = order[0]
    main = people[top][0]
    for other in order[1:]:
        odd = people[other][0]
        # The strong case: two holders, one of them named by a single article (an
        # outlet's slip). Three holders, or two each named by several articles, say
        # rather that the office was read too loosely or changed hands over the story.
        slip = len(people) == 2 and len(articles[other]) == 1
        named_main = outlets(ctx, articles[top])
        named_odd = outlets(ctx, articles[other])
        yield Finding(
            kind=Kind.ENTITY_MISMATCH,
            severity=Severity.WARNING if slip else Severity.INFO,
            confidence=0.7 if slip else 0.4,
            message=f"Different holders of one office ({main.label}): {named_main} "
            f"{'names' if len(articles[top]) == 1 else 'name'} {main.person}, {named_odd} "
            f"{'names' if len(articles[other]) == 1 else 'name'} {odd.person}.",
            evidence=(
                Evidence(main.span, EntityValue(main.person, main.label)),
                Evidence(odd.span, EntityValue(odd.person, odd.label)),
            ),
        )
