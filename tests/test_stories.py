"""The story stage: articles of different stories are told apart, and a folder
mixing stories gets a hint (default) or one report per story (--split-stories)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from factcheck.align.embed import HashEmbedder
from factcheck.cli import main
from factcheck.ingest import load_articles
from factcheck.options import Options
from factcheck.stories import StoryFeatures, assign, cluster, detect_stories, features
from factcheck.stories.engine import check_stories

SEEDS = Path(__file__).parent.parent / "seeds"
CRUE = Path(__file__).parent / "data" / "stories" / "crue"


def _articles(*folders: Path) -> list:
    return load_articles([str(f) for f in folders], Options())[0]


def test_seeds_and_another_story_are_two_stories() -> None:
    stories = detect_stories(_articles(SEEDS, CRUE), HashEmbedder())
    assert [sorted(s.articles) for s in stories] == [
        sorted(a.id for a in _articles(SEEDS)),
        ["crue-1.txt", "crue-2.txt", "crue-3.txt"],
    ]
    assert "Loue" in stories[1].label  # the title of one of its articles


@pytest.mark.parametrize("folder", [SEEDS, CRUE])
def test_one_story_stays_one_story(folder: Path) -> None:
    assert len(detect_stories(_articles(folder), HashEmbedder())) == 1


def test_a_new_article_joins_its_story_or_opens_one() -> None:
    embedder = HashEmbedder()
    seeds = features(_articles(SEEDS), embedder)
    crue = features(_articles(CRUE), embedder)
    assert assign(crue[2], [seeds, crue[:2]]) == 1
    assert assign(seeds[0], [seeds[1:], crue]) == 0
    assert assign(crue[0], [seeds]) is None


def test_split_report_has_no_cross_story_finding() -> None:
    result = check_stories([str(SEEDS), str(CRUE)], Options(), embedder=HashEmbedder())
    assert len(result.stories) == 2
    for story, report in zip(result.stories, result.reports, strict=True):
        assert {a.id for a in report.articles} == set(story.articles)
        for finding in report.findings:
            assert {e.span.article for e in finding.evidence} <= set(story.articles)


def test_cli_hints_when_stories_are_mixed(fast_model: list[str]) -> None:
    runner = CliRunner()
    mixed = runner.invoke(main, ["check", str(SEEDS), str(CRUE), "--format", "json", *fast_model])
    assert "seem to cover 2 different stories" in mixed.stderr
    assert "--split-stories" in mixed.stderr
    # The hint comes before the findings: it is on stderr before any report is written,
    # and the report says it too.
    assert any("2 different stories" in w for w in json.loads(mixed.stdout)["warnings"])
    quiet = runner.invoke(
        main, ["check", str(SEEDS), str(CRUE), "--one-story", "--format", "json", *fast_model]
    )
    assert "stories" not in quiet.stderr
    alone = runner.invoke(main, ["check", str(SEEDS), "--format", "json", *fast_model])
    assert "stories" not in alone.stderr


def test_cli_split_stories_lists_each_story(fast_model: list[str]) -> None:
    result = CliRunner().invoke(
        main,
        ["check", str(SEEDS), str(CRUE), "--split-stories", "--format", "json", *fast_model],
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["summary"]["stories"] == 2
    assert [s["articles"] for s in data["stories"]][1] == ["crue-1.txt", "crue-2.txt", "crue-3.txt"]
    for story in data["stories"]:
        for finding in story["report"]["findings"]:
            assert {e["article"] for e in finding["evidence"]} <= set(story["articles"])


def test_cli_split_stories_refuses_single_check_formats(fast_model: list[str]) -> None:
    result = CliRunner().invoke(
        main, ["check", str(SEEDS), str(CRUE), "--split-stories", "--format", "sarif", *fast_model]
    )
    assert result.exit_code == 2
    assert "--split-stories" not in result.stderr or "json" in result.stderr


def _invented(article: str, words: str) -> StoryFeatures:
    """Story features of an invented article: its rare words, equally weighted, and no
    prose meaning (a zero vector), so the similarity is the rare-word cosine alone."""
    terms = words.split()
    return StoryFeatures(article, article, {w: len(terms) ** -0.5 for w in terms}, np.zeros(4))


# Each invented article: two words of its event type, two of its own event (names,
# places) and one of its own. Same event: cosine 0.8; same type only: 0.4, which
# passes the threshold (0.7 x 0.4 = 0.28 >= 0.25) but is half the similarity within.
_QUAKE_CHILE = [f"earthquake magnitude valparaiso bachelet c{n}" for n in range(5)]
_QUAKE_JAPAN = [f"earthquake magnitude sendai fukushima j{n}" for n in range(5)]
_ONE_STORY = [f"earthquake magnitude valparaiso o{n} p{n}" for n in range(8)]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # Two events of one type: one story by the threshold, split in two.
        ([_QUAKE_CHILE[:4], _QUAKE_JAPAN[:4]], [[0, 1, 2, 3], [4, 5, 6, 7]]),
        # An even story (every pair as alike) has no halves to split.
        ([_ONE_STORY], [list(range(8))]),
        # A half smaller than split_min articles is no evidence of another event.
        ([_QUAKE_CHILE, _QUAKE_JAPAN[:2]], [list(range(7))]),
    ],
)
def test_a_story_of_two_events_of_one_type_is_split(
    events: list[list[str]], expected: list[list[int]]
) -> None:
    feats = [_invented(f"a{n}", words) for n, words in enumerate(w for e in events for w in e)]
    assert cluster(feats) == expected
    # Without the split pass the threshold alone keeps everything in one story.
    assert cluster(feats, split=0.0) == [list(range(len(feats)))]


def test_an_added_article_joins_its_half_of_a_split_story() -> None:
    chile = [_invented(f"c{n}", w) for n, w in enumerate(_QUAKE_CHILE[:4])]
    japan = [_invented(f"j{n}", w) for n, w in enumerate(_QUAKE_JAPAN[:4])]
    assert assign(_invented("new", "earthquake magnitude sendai fukushima x"), [chile, japan]) == 1
    assert (
        assign(_invented("new", "earthquake magnitude valparaiso bachelet x"), [chile, japan]) == 0
    )
