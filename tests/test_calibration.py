"""Temperature scaling (lossviz.calibration) against a brute-force grid search, and ECE."""

import numpy as np
import pytest

import lossviz as lv
from lossviz.calibration import (
    apply_temperature,
    fit_temperature,
    reliability,
    temperature_nll,
    top_label_ece,
)


def _sample(seed, n=600, k=4, scale=1.0):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, k)) * 2.0
    p = lv.softmax(z)
    y = (rng.random(n)[:, None] > np.cumsum(p, 1)).sum(1)
    return scale * z, y


def _grid_best(z, y, lo=0.05, hi=20.0, n=4001):
    grid = np.exp(np.linspace(np.log(lo), np.log(hi), n))
    nll = [temperature_nll(z, y, t) for t in grid]
    i = int(np.argmin(nll))
    return grid[i], nll[i], grid[1] / grid[0]


@pytest.mark.parametrize(("seed", "scale"), [(0, 3.0), (1, 0.4), (2, 1.0), (3, 7.0)])
def test_fit_temperature_matches_brute_force_grid(seed, scale):
    z, y = _sample(seed, scale=scale)
    t_fit = fit_temperature(z, y)
    t_grid, nll_grid, step = _grid_best(z, y)
    assert abs(np.log(t_fit / t_grid)) <= np.log(step)  # within one grid step
    assert temperature_nll(z, y, t_fit) <= nll_grid + 1e-12  # never worse than the grid
    # the generator's logits were scaled by `scale`: T recovers it
    assert t_fit == pytest.approx(scale, rel=0.25)


def test_binary_logits_match_two_class_form():
    z, y = _sample(5, k=2, scale=2.5)
    margin = z[:, 1] - z[:, 0]
    assert fit_temperature(margin, y) == pytest.approx(fit_temperature(z, y), rel=1e-9)
    assert np.allclose(apply_temperature(margin, 2.0), lv.sigmoid(margin / 2.0))


def test_accuracy_unchanged_and_ends_of_range():
    z, y = _sample(7, scale=5.0)
    t = fit_temperature(z, y)
    assert np.array_equal(apply_temperature(z, t).argmax(1), z.argmax(1))
    # every sample right: sharper keeps helping -> the lower end, not NaN
    zs = np.eye(3)[[0, 1, 2, 0]] * 3.0
    assert fit_temperature(zs, [0, 1, 2, 0], t_min=0.05) == 0.05
    # anti-correlated logits: the softest end
    assert fit_temperature(-zs, [0, 1, 2, 0], t_max=50.0) == 50.0


def test_temperature_lowers_ece_of_overconfident_model():
    z, y = _sample(11, n=4000, scale=4.0)
    zv, yv, zt, yt = z[:2000], y[:2000], z[2000:], y[2000:]
    t = fit_temperature(zv, yv)
    before = top_label_ece(yt, apply_temperature(zt, 1.0))
    after = top_label_ece(yt, apply_temperature(zt, t))
    assert after < before / 3
    r = reliability(yt, apply_temperature(zt, t))
    assert r["ece"] == pytest.approx(after) and r["count"].sum() == 2000


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(logits_val=np.zeros((3, 2, 2)), y_val=[0, 1, 0]), "shape"),
        (dict(logits_val=np.zeros((3, 2)), y_val=[0, 1]), "y_val must have shape"),
        (dict(logits_val=np.zeros((3, 2)), y_val=[0, 1, 2]), "0..1"),
        (dict(logits_val=np.zeros((0, 2)), y_val=np.zeros(0, int)), "empty"),
        (dict(logits_val=[[np.nan, 0.0]], y_val=[0]), "logits_val"),
    ],
)
def test_errors_name_the_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        fit_temperature(**kwargs)


def test_bad_temperature():
    with pytest.raises(ValueError, match="temperature"):
        apply_temperature([[1.0, 0.0]], 0.0)
