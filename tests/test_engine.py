"""The Dask engine: per-story checks on a local cluster give the single-process report."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.align.embed import HashEmbedder
from factcheck.options import Options
from factcheck.stories.engine import check_stories
from factcheck.stories.render import render_stories

distributed = pytest.importorskip("distributed", reason="the engine extra is not installed")

SEEDS = Path(__file__).parent.parent / "seeds"
CRUE = Path(__file__).parent / "data" / "stories" / "crue"
PATHS = [str(SEEDS), str(CRUE)]


class KillsItsWorkerOnce(HashEmbedder):
    """Ends the first worker process it runs in (a marker file makes it once); in the
    process that made it (where stories are grouped) it is a plain HashEmbedder."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.home = os.getpid()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if os.getpid() != self.home and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os._exit(1)  # the worker dies mid-task, as on a crash or an OOM kill
        return super().embed(texts)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def _json(result: object) -> str:
    from factcheck.render import RenderOptions

    return render_stories(result, "json", RenderOptions())  # type: ignore[arg-type]


def test_two_workers_give_the_single_process_report(client: object) -> None:
    from factcheck.stories.engine import check_stories_on_cluster

    alone = check_stories(PATHS, Options(), embedder=HashEmbedder())
    spread = check_stories_on_cluster(PATHS, Options(), client=client, embedder=HashEmbedder())
    assert len(spread.stories) == 2
    assert _json(spread) == _json(alone)


def test_a_worker_killed_mid_run_still_gives_the_full_identical_report(
    client: object, tmp_path: Path
) -> None:
    from factcheck.stories.engine import check_stories_on_cluster

    marker = tmp_path / "killed"
    alone = check_stories(PATHS, Options(), embedder=HashEmbedder())
    spread = check_stories_on_cluster(
        PATHS, Options(), client=client, embedder=KillsItsWorkerOnce(str(marker))
    )
    assert marker.exists()  # a worker did die during the run
    assert _json(spread) == _json(alone)
