"""Incremental checking: the corpus store and `factcheck add`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.align.embed import HashEmbedder
from factcheck.ingest import load_articles
from factcheck.options import Options
from factcheck.pipeline import check_articles
from factcheck.render.json_report import render_json
from factcheck.stories import detect_stories
from factcheck.stories.store import CorpusStore

SEEDS = Path(__file__).parent.parent / "seeds"
CRUE = Path(__file__).parent / "data" / "stories" / "crue"


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """A drop folder: the seeds and two articles of another story."""
    folder = tmp_path / "feed"
    shutil.copytree(SEEDS, folder)
    for name in ("crue-1.txt", "crue-2.txt"):
        shutil.copy(CRUE / name, folder / name)
    return folder


def _open(tmp_path: Path, options: Options | None = None) -> CorpusStore:
    return CorpusStore.open(tmp_path / "store.sqlite3", options or Options(), HashEmbedder())


def _full_check(paths: list[str]) -> str:
    articles, warnings = load_articles(paths, Options())
    return render_json(check_articles(articles, warnings, Options(), embedder=HashEmbedder()))


def test_adding_an_article_rechecks_only_its_story_as_a_full_check_would(
    feed: Path, tmp_path: Path
) -> None:
    store = _open(tmp_path)
    first = store.sync(feed)
    assert sorted(len(s.articles) for s in first.stories.stories) == [2, 5]
    new = feed / "crue-3.txt"
    shutil.copy(CRUE / "crue-3.txt", new)
    update = store.add([str(new)])
    assert [s.articles for s in update.stories.stories] == [
        ("crue-1.txt", "crue-2.txt", "crue-3.txt")
    ]
    crue = sorted(str(p) for p in feed.glob("crue-*.txt"))
    assert render_json(update.stories.reports[0]) == _full_check(crue)


def test_a_restart_resumes_and_deletes_update_the_story(feed: Path, tmp_path: Path) -> None:
    store = _open(tmp_path)
    store.sync(feed)
    before = store.stories()
    store.close()
    again = _open(tmp_path)
    assert not again.notices
    assert again.stories() == before
    assert again.sync(feed).stories.stories == ()  # nothing changed: nothing re-checked
    (feed / "001_1c4b4929e730dec3.txt").unlink()
    update = again.sync(feed)
    assert update.removed == ("001_1c4b4929e730dec3.txt",)
    seeds = sorted(str(p) for p in feed.glob("00*.txt"))
    assert render_json(update.stories.reports[0]) == _full_check(seeds)


@pytest.mark.parametrize("damage", [b"not a database at all", b""])
def test_a_damaged_store_is_set_aside_and_rebuilt(
    feed: Path, tmp_path: Path, damage: bytes
) -> None:
    store = _open(tmp_path)
    store.sync(feed)
    store.close()
    path = tmp_path / "store.sqlite3"
    path.write_bytes(damage + path.read_bytes()[len(damage) : 200] if damage else b"")
    rebuilt = _open(tmp_path)
    if damage:
        assert rebuilt.notices and "set aside" in rebuilt.notices[0]
        assert (tmp_path / "store.sqlite3.corrupt").exists()
    assert rebuilt.stories() == {}
    assert sorted(len(s.articles) for s in rebuilt.sync(feed).stories.stories) == [2, 5]


def test_a_store_built_with_other_options_is_not_trusted(feed: Path, tmp_path: Path) -> None:
    _open(tmp_path).sync(feed)
    other = _open(tmp_path, Options(single_source=True))
    assert "other checking options" in other.notices[0]
    assert other.stories() == {}


def test_a_bad_file_is_reported_and_the_others_are_added(feed: Path, tmp_path: Path) -> None:
    bad = feed / "empty.txt"
    bad.write_text("   \n")
    store = _open(tmp_path)
    update = store.add([str(bad), str(feed / "crue-1.txt"), str(feed / "crue-2.txt")])
    assert len(update.errors) == 1 and "empty.txt" in update.errors[0]
    assert [s.articles for s in update.stories.stories] == [("crue-1.txt", "crue-2.txt")]


_QUAKE = (
    "A strong earthquake struck {place} on {day}, seismologists said. {who} visited the"
    " {area} shelters where survivors of the tremor gathered. {more}"
)
# What each report adds (the same for both quakes: it tells neither apart).
_MORE = (
    "Schools stayed closed across the region.",
    "Power was restored to most homes by nightfall.",
    "Aid convoys reached the coast in the morning.",
    "Engineers inspected bridges and dams for cracks.",
)
_TWO_QUAKES = {
    "chile": ("Valparaiso in Chile", "Tuesday", "President Bachelet", "Vina del Mar"),
    "japan": ("Sendai in Japan", "Friday", "Prime Minister Kishida", "Miyagi"),
}


def test_a_story_grown_one_article_at_a_time_is_split_as_a_batch_would(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    for name, (place, day, who, area) in _TWO_QUAKES.items():
        for n, more in enumerate(_MORE):
            text = _QUAKE.format(place=place, day=day, who=who, area=area, more=more)
            (folder / f"{name}-{n}.txt").write_text(text, encoding="utf-8")
    store = _open(tmp_path)
    update = store.sync(folder)  # one article at a time: each joins the one quake story
    grown = sorted(tuple(a) for a in store.stories().values())
    batch = detect_stories(load_articles([str(folder)], Options())[0], HashEmbedder())
    assert (
        grown
        == sorted(s.articles for s in batch)
        == [
            tuple(f"chile-{n}.txt" for n in range(4)),
            tuple(f"japan-{n}.txt" for n in range(4)),
        ]
    )
    assert sorted(s.articles for s in update.stories.stories) == grown
