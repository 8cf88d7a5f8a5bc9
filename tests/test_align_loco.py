"""The leave-one-cluster-out harness's pieces: rank AUC and the scale-free logistic fit."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.align_loco import auc
from benchmarks.calibrate_align import fit_standardized


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], 1.0),  # every positive above every negative
        ([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0], 0.5),  # ties count half
        ([0.9, 0.3, 0.6, 0.1], [1, 1, 0, 0], 0.75),
        ([0.9, 0.8], [1, 1], None),  # one class only: undefined
    ],
)
def test_auc(scores: list[float], labels: list[int], expected: float | None) -> None:
    assert auc(np.array(scores), np.array(labels, dtype=float)) == expected


def test_standardized_fit_does_not_depend_on_a_feature_scale() -> None:
    # A feature on a tenth of the scale gets ten times the weight and the same
    # probabilities: the L2 penalty no longer favours wide features.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] + x[:, 1] + rng.normal(scale=0.5, size=400) > 0).astype(float)
    w, b = fit_standardized(x, y)
    narrow = x * np.array([1.0, 0.1])
    w_narrow, b_narrow = fit_standardized(narrow, y)
    assert w_narrow[1] == pytest.approx(10 * w[1], rel=1e-6)
    assert narrow @ w_narrow + b_narrow == pytest.approx(x @ w + b, rel=1e-6, abs=1e-9)
