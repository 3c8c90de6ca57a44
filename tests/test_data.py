"""Tests for lossviz.data: shapes, determinism, nesting, validation messages."""

import numpy as np
import pytest

from lossviz.data import (
    HOUSE_PRICE_INTERCEPT,
    HOUSE_PRICE_SLOPE,
    make_blobs_binary,
    make_imbalanced,
    make_multiclass_blobs,
    make_multilabel,
    make_regression_with_outliers,
)

ALL_CALLS = [
    lambda seed: make_blobs_binary(50, seed=seed),
    lambda seed: make_imbalanced(100, 5, seed=seed),
    lambda seed: make_multiclass_blobs(10, 3, seed=seed),
    lambda seed: make_multilabel(30, 3, seed=seed),
    lambda seed: make_regression_with_outliers(30, 0.1, seed=seed),
]


@pytest.mark.parametrize("call", ALL_CALLS)
def test_deterministic_and_seed_dependent(call):
    a, b, c = call(0), call(0), call(1)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("call", ALL_CALLS)
def test_generator_seed_accepted(call):
    out = call(np.random.default_rng(3))
    assert all(np.all(np.isfinite(o)) for o in out)


def test_blobs_binary():
    X, y = make_blobs_binary(101, separation=4.0)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.dtype == np.int64 and np.bincount(y).tolist() == [50, 51]
    assert X[y == 1, 0].mean() - X[y == 0, 0].mean() == pytest.approx(4.0, abs=0.5)


def test_blobs_zero_separation_allowed():
    X, y = make_blobs_binary(10, separation=0.0)
    assert X.shape == (10, 2)


@pytest.mark.parametrize("ratio", [1, 2.5, 10, 100, 1000])
def test_imbalanced_ratio(ratio):
    X, y = make_imbalanced(1000, ratio)
    counts = np.bincount(y)
    assert counts[0] == 1000
    assert counts[1] == max(1, round(1000 / ratio))
    assert X.shape == (y.size, 2)


def test_imbalanced_n_minority_and_nesting():
    X5, y5 = make_imbalanced(200, n_minority=5)
    X50, y50 = make_imbalanced(200, n_minority=50)
    np.testing.assert_array_equal(X5, X50[:205])
    np.testing.assert_array_equal(y5, y50[:205])
    # default ratio is 10
    _, y = make_imbalanced(200)
    assert np.bincount(y).tolist() == [200, 20]


def test_multiclass():
    X, y = make_multiclass_blobs(30, 5, separation=6.0)
    assert X.shape == (150, 2)
    assert np.bincount(y).tolist() == [30] * 5
    centres = np.array([X[y == k].mean(axis=0) for k in range(5)])
    d = np.linalg.norm(centres[0] - centres[1])
    assert d == pytest.approx(6.0, abs=1.0)


def test_multiclass_two_classes():
    X, y = make_multiclass_blobs(200, 2, separation=3.0)
    d = np.linalg.norm(X[y == 0].mean(axis=0) - X[y == 1].mean(axis=0))
    assert d == pytest.approx(3.0, abs=0.4)


def test_multilabel():
    X, Y = make_multilabel(1000, 5, n_features=3)
    assert X.shape == (1000, 3) and Y.shape == (1000, 5)
    assert set(np.unique(Y)) == {0, 1}
    assert Y.dtype == np.int64
    per_row = Y.sum(axis=1)
    assert (per_row == 0).any() and (per_row >= 2).any()
    assert np.all(Y.mean(axis=0) > 0.02) and np.all(Y.mean(axis=0) < 0.98)


def test_regression_with_outliers():
    x, y, out = make_regression_with_outliers(200, 0.05, return_outlier_mask=True)
    assert out.sum() == 10 and out.dtype == bool
    assert x.min() >= 40 and x.max() <= 200
    slope, intercept = np.polyfit(x[~out], y[~out], 1)
    assert slope == pytest.approx(HOUSE_PRICE_SLOPE, abs=0.2)
    assert intercept == pytest.approx(HOUSE_PRICE_INTERCEPT, abs=25)
    resid = y - (HOUSE_PRICE_INTERCEPT + HOUSE_PRICE_SLOPE * x)
    assert resid[out].min() > 200  # gross
    # the outliers pull a least-squares fit upwards
    slope_all, intercept_all = np.polyfit(x, y, 1)
    assert intercept_all + slope_all * 120 > intercept + slope * 120


def test_regression_default_two_outputs_and_zero_fraction():
    out = make_regression_with_outliers()
    assert len(out) == 2
    x, y, m = make_regression_with_outliers(20, 0.0, return_outlier_mask=True)
    assert not m.any()


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: make_blobs_binary(1), ValueError, ["n must be an integer >= 2", "found 1"]),
        (lambda: make_blobs_binary(10.5), TypeError, ["n must be an integer", "10.5"]),
        (lambda: make_blobs_binary(True), TypeError, ["n must be an integer"]),
        (lambda: make_blobs_binary(10, separation=-1), ValueError, ["separation", "found -1"]),
        (
            lambda: make_blobs_binary(10, separation=float("nan")),
            ValueError,
            ["separation must be a finite number >= 0", "found nan"],
        ),
        (lambda: make_blobs_binary(10, seed=-1), ValueError, ["seed must be an int >= 0"]),
        (lambda: make_blobs_binary(10, seed="a"), TypeError, ["seed must be an int", "Generator"]),
        (lambda: make_imbalanced(100, 0.5), ValueError, ["ratio", "[1, 1000]", "found 0.5"]),
        (lambda: make_imbalanced(100, 5000), ValueError, ["ratio", "found 5000"]),
        (lambda: make_imbalanced(100, 5, n_minority=3), ValueError, ["either ratio or n_minority"]),
        (
            lambda: make_imbalanced(100, n_minority=0),
            ValueError,
            ["n_minority must be an integer in 1..100", "found 0"],
        ),
        (
            lambda: make_imbalanced(100, n_minority=101),
            ValueError,
            ["n_minority must be an integer in 1..100"],
        ),
        (lambda: make_imbalanced(0), ValueError, ["n_majority must be an integer >= 1"]),
        (lambda: make_multiclass_blobs(10, 1), ValueError, ["n_classes must be an integer >= 2"]),
        (lambda: make_multilabel(10, 0), ValueError, ["n_labels must be an integer >= 1"]),
        (
            lambda: make_regression_with_outliers(10, 0.5),
            ValueError,
            ["outlier_fraction", "[0, 0.5)"],
        ),
        (
            lambda: make_regression_with_outliers(10, "x"),
            TypeError,
            ["outlier_fraction must be a real"],
        ),
    ],
)
def test_validation_messages(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value)
