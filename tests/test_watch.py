"""factcheck watch: the folder's stories first, then each change re-checks only its story."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from rich.console import Console

from factcheck.align.embed import HashEmbedder
from factcheck.modes.watch import _complete, watch
from factcheck.options import Options
from factcheck.stories.store import CorpusStore

SEEDS = Path(__file__).parent.parent / "seeds"
CRUE = Path(__file__).parent / "data" / "stories" / "crue"


def _store(tmp_path: Path) -> CorpusStore:
    return CorpusStore.open(tmp_path / "store.sqlite3", Options(), HashEmbedder())


def test_new_deleted_and_bad_files_update_only_their_story(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    shutil.copytree(SEEDS, feed)
    shutil.copy(CRUE / "crue-1.txt", feed / "crue-1.txt")
    shutil.copy(CRUE / "crue-2.txt", feed / "crue-2.txt")
    new, bad = feed / "crue-3.txt", feed / "broken.txt"

    def changes():  # the watcher's batches, written as a desk would drop files
        shutil.copy(CRUE / "crue-3.txt", new)
        yield {("added", str(new))}
        bad.write_bytes(b"\x00\x01\x02 binary")
        yield {("added", str(bad)), ("added", str(feed / "notes.json"))}
        (feed / "crue-1.txt").unlink()
        yield {("deleted", str(feed / "crue-1.txt"))}

    out = io.StringIO()
    watch(feed, _store(tmp_path), Console(file=out, width=200), changes=changes(), settle=0)
    text = out.getvalue()
    assert text.count("7 articles") == 0  # never one check of everything
    assert "s1 " in text and "5 articles" in text and "2 articles" in text  # first sync
    assert text.count("3 articles") == 1  # crue-3 joined its story, only it was re-checked
    assert "error: " in text and "broken.txt" in text  # reported, and the watch went on
    assert "removed: crue-1.txt" in text
    assert text.rstrip().splitlines()[-1] != ""


def test_a_file_still_being_written_is_not_complete(tmp_path: Path) -> None:
    path = tmp_path / "copy.txt"
    path.write_text("start")
    stop = threading.Event()

    def writer() -> None:
        with path.open("a") as handle:
            while not stop.is_set():
                handle.write("more text ")
                handle.flush()
                time.sleep(0.02)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert not _complete(str(path), 0.3)
    finally:
        stop.set()
        thread.join()
    assert _complete(str(path), 0.1)


def test_watches_the_directory_until_stopped(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    stop = threading.Event()
    out = io.StringIO()
    store = _store(tmp_path)
    thread = threading.Thread(
        target=watch,
        args=(feed, store, Console(file=out, width=200)),
        kwargs={"stop_event": stop, "settle": 0.05},
    )
    thread.start()
    deadline = time.monotonic() + 30
    while "crue-1.txt" not in str(store.stories()) and time.monotonic() < deadline:
        shutil.copy(CRUE / "crue-1.txt", feed / "crue-1.txt")
        time.sleep(0.3)
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "crue-1.txt" in str(store.stories())


def test_sigterm_ends_the_watch_with_143(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "watch", str(feed), "--no-color"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"watching")
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
