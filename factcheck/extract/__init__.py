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
from factcheck.model import Article, Quote, ReportedSpeech, Segment, Span, Statement, Token


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


def _prose(segments: Sequence[Segment]) -> list[Span]:
    return [seg.span for seg in segments if seg.excluded is None]


def parse_prose(
    articles: Sequence[tuple[Sequence[Segment], str]],
) -> list[list[tuple[Token, ...]]]:
    """The parse of each article's prose sentences (its segments and language).

    One spaCy stream per language for all the articles: batches then span
    articles instead of holding one short article each, which is faster and
    gives the same tokens (each sentence is parsed on its own).
    """
    by_lang: dict[str, list[Span]] = {}
    for segments, lang in articles:
        by_lang.setdefault(lang, []).extend(_prose(segments))
    parsed = {lang: iter(parse_sentences(spans, lang)) for lang, spans in by_lang.items()}
    return [
        [next(parsed[lang]) for _ in range(len(_prose(segments)))] for segments, lang in articles
    ]


def extract(
    article: Article,
    segments: Sequence[Segment],
    lang: str,
    entities: EntityGraph,
    parsed: Sequence[tuple[Token, ...]] | None = None,
) -> list[Statement]:
    """Turn an article's prose sentences into statements with their anchors.

    ``parsed`` is the parse of the prose sentences (:func:`parse_prose`), else
    they are parsed here."""
    statements: list[Statement] = []
    prose = _prose(segments)
    parsed = parse_sentences(prose, lang) if parsed is None else parsed
    for sentence, tokens in zip(prose, parsed, strict=True):
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
