"""The extract stage: from an article's sentences to statements with their anchors.

A statement is one sentence of article prose (segments marked as boilerplate
are skipped) with the values, dates, quotes and named entities found in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factcheck.extract.dates import extract_times
from factcheck.extract.entities import EntityGraph, build_entity_graph
from factcheck.extract.parse import parse_sentences
from factcheck.extract.quotes import extract_quotes, extract_reported
from factcheck.extract.values import extract_quantities
from factcheck.model import Article, Quote, ReportedSpeech, Segment, Statement


def build_entities(
    articles: Sequence[Article],
    segments: Mapping[str, Sequence[Segment]],
    alias_file: str | None = None,
) -> EntityGraph:
    """Build the alias graph of people, organisations and products from article prose."""
    texts = [
        (a.id, "\n".join(s.span.text for s in segments[a.id] if s.excluded is None))
        for a in articles
    ]
    return build_entity_graph(texts, alias_file=alias_file)


def extract(
    article: Article, segments: Sequence[Segment], lang: str, entities: EntityGraph
) -> list[Statement]:
    """Turn an article's prose sentences into statements with their anchors."""
    statements: list[Statement] = []
    prose = [seg.span for seg in segments if seg.excluded is None]
    for sentence, tokens in zip(prose, parse_sentences(prose, lang), strict=True):
        # The preceding sentences resolve pronoun speakers ("a-t-il souligné").
        previous = [s.span for s in statements[-3:]]
        quotes = extract_quotes(sentence, lang, previous=previous)
        statements.append(
            Statement(
                span=sentence,
                quantities=tuple(extract_quantities(sentence, lang, tokens)),
                times=tuple(extract_times(sentence, lang, article.published)),
                quotes=tuple(_resolve(q, entities) for q in quotes),
                mentions=tuple(entities.mentions(sentence)),
                reported=tuple(
                    _resolve_reported(r, entities) for r in extract_reported(sentence, lang)
                ),
                tokens=tokens,
            )
        )
    return statements


def _resolve(quote: Quote, entities: EntityGraph) -> Quote:
    if quote.speaker is None or quote.speaker_entity is not None:
        return quote
    return Quote(
        span=quote.span,
        speaker=quote.speaker,
        speaker_entity=entities.canonical(quote.speaker.text),
        relay=quote.relay,
    )


def _resolve_reported(speech: ReportedSpeech, entities: EntityGraph) -> ReportedSpeech:
    return ReportedSpeech(
        span=speech.span,
        speaker=speech.speaker,
        speaker_entity=entities.canonical(speech.speaker.text),
        cue=speech.cue,
    )
