"""Build compare contexts from small hand-written articles (quotes, speakers, entities).

The extract functions of issue 6 run directly (segment → extract_quotes with
the preceding sentences → speakers resolved through the entity graph), so the
comparers are tested without waiting for, or depending on, the alignment model.
Groups are given as lists of substrings: each picks the sentence containing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from factcheck.compare import CompareContext
from factcheck.extract import build_entities, extract
from factcheck.extract.entities import EntityGraph, build_entity_graph
from factcheck.extract.quotes import extract_quotes
from factcheck.model import Article, Group, Statement
from factcheck.segment import segment


def article(
    article_id: str, text: str, *, lang: str = "fr", published: str | None = None
) -> Article:
    return Article(
        id=article_id,
        path=article_id,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        language=lang,
        published=dt.date.fromisoformat(published) if published else None,
    )


def statements(art: Article, graph: EntityGraph) -> list[Statement]:
    """The article's prose sentences with quotes (speakers resolved) and mentions."""
    out: list[Statement] = []
    previous = []
    for seg in segment(art):
        if seg.excluded is not None:
            continue
        quotes = [
            dataclasses.replace(q, speaker_entity=graph.canonical(q.speaker.text))
            if q.speaker
            else q
            for q in extract_quotes(seg.span, art.language, previous[-3:])
        ]
        out.append(
            Statement(span=seg.span, quotes=tuple(quotes), mentions=tuple(graph.mentions(seg.span)))
        )
        previous.append(seg.span)
    return out


def context(
    articles: Sequence[Article],
    groups: Sequence[Sequence[str]] = (),
    alias_file: str | None = None,
) -> CompareContext:
    graph = build_entity_graph([(a.id, a.text) for a in articles], alias_file=alias_file)
    sts = [st for a in articles for st in statements(a, graph)]
    built = []
    for n, anchors in enumerate(groups):
        members = tuple(next(st for st in sts if anchor in st.span.text) for anchor in anchors)
        built.append(Group(f"G{n}", anchors[0], members, 1.0))
    by_id: Mapping[str, Article] = {a.id: a for a in articles}
    return CompareContext(articles=by_id, statements=sts, groups=built, entities=graph)


def extracted_pair(lang: str, first: str, second: str) -> CompareContext:
    """Two one-sentence articles through the real extract stage (parse, values, dates,
    quotes, entities), their statements in one group: what an aligner would hand the
    comparers for two reports of one fact."""
    articles = [article("a", first, lang=lang), article("b", second, lang=lang)]
    segments = {a.id: segment(a) for a in articles}
    graph = build_entities(articles, segments)
    sts = [st for a in articles for st in extract(a, segments[a.id], lang, graph)]
    group = Group("G0", "pair", tuple(sts), 1.0)
    return CompareContext(
        articles={a.id: a for a in articles}, statements=sts, groups=[group], entities=graph
    )
