"""Source families: which articles are copies or rewrites of one another.

Newsrooms republish wire dispatches with light edits, so five articles may be
only two independent sources. Two articles are in one family when a large part
of the smaller one's own prose is shared word for word with the other, in
passages of at least :data:`SHINGLE_WORDS` words after normalization. Text
inside quotation marks does not count: independent reporters quote the same
speaker verbatim, but only a copy repeats the narration around the quote.
Wire credits (``Article.wire_credits``) only name a family; they are never
evidence of copying, since two different AFP dispatches are two sources.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from factcheck.model import Article, Corroboration, Group, SharedPassages, SourceFamily
from factcheck.normalize import normalize

# Word n-gram length: long enough that two independent articles on one story
# share almost none (measured: 0 on the seeds' unrelated pairs at 8 words).
SHINGLE_WORDS = 8
# Fraction of the smaller article's unquoted prose words covered by shared
# passages above which two articles are one family. Measured on the seeds: an
# AFP dispatch and its rewrite 0.52, outlets reusing a few wire sentences
# 0.07-0.12, unrelated articles 0.
MIN_SHARED_RATIO = 0.3
# Below this many shared words, a high ratio on a tiny text is coincidence.
MIN_SHARED_WORDS = 20
# A passage found in more articles than this is a template or boilerplate (a feed's
# stock sentence), not evidence of copying: it proposes no pair and covers no word.
# Without the cap, 10,000 templated files had 12.5 million candidate pairs.
MAX_SHINGLE_ARTICLES = 200

_WORD = re.compile(r"\w+")
# A quoted passage in the normalized view (all quotation marks are '"' there);
# a quote never runs past a line break, so an unbalanced mark spoils one line only.
_QUOTED = re.compile(r'"[^"\n]*"')


def _prose_runs(article: Article) -> list[list[str]]:
    """Runs of normalized words from the article's prose, outside quotes and boilerplate.

    Each run is a stretch of text no shingle may cross (a removed quote or
    excluded range sits between two runs).
    """
    runs: list[list[str]] = []
    pos = 0
    for start, end in [*((s, e) for s, e, _ in sorted(article.excluded)), (len(article.text), 0)]:
        if start > pos:
            unquoted = _QUOTED.split(normalize(article.text[pos:start], strip_accents=True).text)
            runs.extend(_WORD.findall(piece) for piece in unquoted)
        pos = max(pos, end)
    return [run for run in runs if run]


def _shingles(runs: Sequence[list[str]]) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Each shingle of the runs and where it starts: (run, word)."""
    k = SHINGLE_WORDS
    places: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for r, run in enumerate(runs):
        for i in range(len(run) - k + 1):
            places.setdefault(tuple(run[i : i + k]), []).append((r, i))
    return places


def _covered_words(
    places: Mapping[tuple[str, ...], list[tuple[int, int]]], shared: Iterable[tuple[str, ...]]
) -> int:
    """Words inside at least one shared shingle, from where each shingle starts: the
    length of the union of their spans, read from the shared shingles only (two
    articles of one template share a few)."""
    k = SHINGLE_WORDS
    covered, run, end = 0, -1, 0
    for r, i in sorted(at for shingle in shared for at in places[shingle]):
        if r != run:
            run, end = r, i
        covered += i + k - max(i, end)
        end = i + k
    return covered


def shared_passages(articles: Sequence[Article]) -> Iterator[SharedPassages]:
    """Shared-passage measures for every pair of articles that shares any passage, one
    pair at a time (a feed of templated stories has millions: the caller keeps what it
    needs, :func:`source_families` the copies).

    Candidate pairs come from an inverted index of shingles, so unrelated
    articles cost nothing and large corpora stay near-linear; a shingle held by
    more than :data:`MAX_SHINGLE_ARTICLES` articles is left out.
    """
    runs = {a.id: _prose_runs(a) for a in articles}
    places = {a.id: _shingles(runs[a.id]) for a in articles}
    holders: dict[tuple[str, ...], list[str]] = {}
    for article in articles:
        for shingle in places[article.id]:
            holders.setdefault(shingle, []).append(article.id)
    common = {shingle for shingle, ids in holders.items() if len(ids) > MAX_SHINGLE_ARTICLES}
    shingles = {aid: set(found).difference(common) for aid, found in places.items()}
    order = {a.id: i for i, a in enumerate(articles)}
    # Each article's later partners, one article at a time: a feed of templated stories
    # has millions of candidate pairs, never all held at once.
    for article in articles:
        first = article.id
        partners = {
            other
            for shingle in shingles[first]
            for other in holders[shingle]
            if order[other] > order[first]
        }
        for second in sorted(partners, key=order.__getitem__):
            yield _measure(first, second, runs, places, shingles)


def _measure(
    first: str,
    second: str,
    runs: Mapping[str, list[list[str]]],
    places: Mapping[str, Mapping[tuple[str, ...], list[tuple[int, int]]]],
    shingles: Mapping[str, set[tuple[str, ...]]],
) -> SharedPassages:
    shared = shingles[first] & shingles[second]
    measures = []
    for aid in (first, second):
        total = sum(len(run) for run in runs[aid])
        covered = _covered_words(places[aid], shared)
        measures.append((covered / total if total else 0.0, covered))
    # The smaller article's view: a short rewrite of a long dispatch is a copy.
    ratio, words = max(measures)
    return SharedPassages(first, second, ratio, words)


def _is_copy(link: SharedPassages) -> bool:
    return link.ratio >= MIN_SHARED_RATIO and link.shared_words >= MIN_SHARED_WORDS


def source_families(articles: Sequence[Article]) -> list[SourceFamily]:
    """Families of two or more articles that reuse one another's text.

    An article in no returned family is its own, independent source. Reuse is
    transitive: a rewrite of a rewrite of a dispatch joins the dispatch's family.
    So an article stitched from two dispatches joins both into one family: the
    safe direction, as it undercounts independent sources rather than inflating
    them. Drafts (``role == "draft"``) are the editor's own text, never a source,
    and are left out, so a draft mixing two wires cannot merge them.
    """
    articles = [a for a in articles if a.role != "draft"]
    parent = {a.id: a.id for a in articles}

    def root(aid: str) -> str:
        while parent[aid] != aid:
            parent[aid] = parent[parent[aid]]
            aid = parent[aid]
        return aid

    links = [link for link in shared_passages(articles) if _is_copy(link)]
    for link in links:
        parent[root(link.second)] = root(link.first)
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(root(article.id), []).append(article)
    # Each family's links, in order, found once (not by scanning every link per family).
    evidence: dict[str, list[SharedPassages]] = {}
    for link in links:
        evidence.setdefault(root(link.first), []).append(link)
    families: list[SourceFamily] = []
    for home, group in members.items():
        if len(group) < 2:
            continue
        ids = tuple(a.id for a in group)
        wire = _family_wire(group)
        names = ", ".join(ids)
        families.append(
            SourceFamily(
                id=f"S{len(families) + 1}",
                label=f"{wire} dispatch ({names})" if wire else f"shared text ({names})",
                members=ids,
                wire=wire,
                evidence=tuple(evidence.get(home, ())),
            )
        )
    return families


def _family_wire(group: Sequence[Article]) -> str | None:
    """The agency most members credit (ties: alphabetical), or None."""
    counts: dict[str, int] = {}
    for article in group:
        for wire in article.wire_credits:
            counts[wire] = counts.get(wire, 0) + 1
    return min(counts, key=lambda w: (-counts[w], w)) if counts else None


def family_of(families: Sequence[SourceFamily]) -> dict[str, str]:
    """Article id -> family id, for the articles that belong to a family."""
    return {member: family.id for family in families for member in family.members}


def independent_sources(article_ids: Iterable[str], families: Sequence[SourceFamily]) -> int:
    """How many independent sources a set of articles is: one per family, one per loner."""
    of = family_of(families)
    return len({of.get(aid, aid) for aid in article_ids})


def corroboration(
    group: Group, families: Sequence[SourceFamily], *, ignore: Collection[str] = ()
) -> Corroboration:
    """Articles stating the group's fact, and independent sources among them.

    Articles in ``ignore`` (an editor's draft) neither confirm nor count.
    """
    stating = [aid for aid in group.articles if aid not in ignore]
    return Corroboration(len(stating), independent_sources(stating, families))


def corroboration_by_group(
    articles: Sequence[Article], groups: Sequence[Group], families: Sequence[SourceFamily]
) -> dict[str, Corroboration]:
    """Group id -> its corroboration (``Report.corroboration``); drafts are left out."""
    drafts = {a.id for a in articles if a.role == "draft"}
    return {group.id: corroboration(group, families, ignore=drafts) for group in groups}
