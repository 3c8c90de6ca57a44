"""Tests for lossviz.imbalance: weights (vs scikit-learn), resampling, prior correction."""

import warnings

import numpy as np
import pytest
from sklearn.utils.class_weight import compute_class_weight

from lossviz.imbalance import (
    class_counts,
    class_weights,
    effective_prior,
    imbalance_ratio,
    prior_correction,
    random_oversample,
    random_undersample,
    sample_weights,
)

Y3 = np.repeat([0, 1, 2], [900, 90, 10])


def test_counts_and_ratio():
    assert class_counts(Y3).tolist() == [900, 90, 10]
    assert class_counts([0, 1], n_classes=4).tolist() == [1, 1, 0, 0]
    assert class_counts(np.array([True, False, True])).tolist() == [1, 2]
    assert class_counts(np.array([0.0, 1.0, 1.0])).tolist() == [1, 2]
    assert imbalance_ratio(Y3) == 90.0
    assert imbalance_ratio([0, 1]) == 1.0
    assert imbalance_ratio([1, 1]) == float("inf")  # class 0 absent


def test_balanced_known_values():
    w = class_weights(Y3)
    np.testing.assert_allclose(w, [1000 / 2700, 1000 / 270, 1000 / 30])
    assert np.round(w, 2).tolist() == [0.37, 3.70, 33.33]
    np.testing.assert_allclose(class_weights(counts=[900, 90, 10]), w)
    # each class contributes the same total weight n / K
    np.testing.assert_allclose(w * [900, 90, 10], 1000 / 3)


@pytest.mark.parametrize("seed", range(5))
def test_balanced_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    k = rng.integers(2, 7)
    y = rng.integers(0, k, size=rng.integers(k * 3, 500))
    y[:k] = np.arange(k)  # every class present
    ours = class_weights(y)
    ref = compute_class_weight("balanced", classes=np.arange(k), y=y)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def test_effective_number_definition():
    counts = np.array([900, 90, 10])
    for beta in [0.9, 0.99, 0.999, 0.9999]:
        w = class_weights(counts=counts, method="effective_number", beta=beta)
        raw = (1 - beta) / (1 - beta**counts)
        np.testing.assert_allclose(w, 3 * raw / raw.sum(), rtol=1e-10)
        assert w.sum() == pytest.approx(3.0)
        assert np.all(np.diff(w) > 0)  # rarer class -> larger weight


def test_effective_number_limits():
    counts = [900, 90, 10]
    np.testing.assert_array_equal(
        class_weights(counts=counts, method="effective_number", beta=0.0), [1.0, 1.0, 1.0]
    )
    near_one = class_weights(counts=counts, method="effective_number", beta=1 - 1e-12)
    bal = class_weights(counts=counts)
    np.testing.assert_allclose(near_one, 3 * bal / bal.sum(), rtol=1e-6)
    # default beta is 0.999
    np.testing.assert_allclose(
        class_weights(counts=counts, method="effective_number"),
        class_weights(counts=counts, method="effective_number", beta=0.999),
    )


def test_no_warnings_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        class_weights(counts=[10**9, 1], method="effective_number", beta=0.9999)
        class_weights(counts=[10**9, 1])
        prior_correction([0.0, 1.0], 0.5, 0.001)


def test_sample_weights_forms():
    y = [0, 0, 0, 1]
    np.testing.assert_allclose(sample_weights(y, "balanced"), [2 / 3, 2 / 3, 2 / 3, 2.0])
    np.testing.assert_allclose(sample_weights(y, [1.0, 10.0]), [1, 1, 1, 10])
    np.testing.assert_allclose(sample_weights(y, {1: 3.0}), [1, 1, 1, 3])
    sw = sample_weights(Y3, "effective_number")
    np.testing.assert_allclose(sw, class_weights(Y3, method="effective_number")[Y3])


def test_effective_prior():
    np.testing.assert_allclose(effective_prior(Y3), [0.9, 0.09, 0.01])
    np.testing.assert_allclose(effective_prior(Y3, "balanced"), [1 / 3] * 3)
    np.testing.assert_allclose(effective_prior([0, 0, 0, 1], [1.0, 3.0]), [0.5, 0.5])


def test_random_oversample_counts_and_content():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1000, 2))
    y = np.repeat([0, 1, 2], [700, 250, 50])
    Xr, yr = random_oversample(X, y, seed=1)
    assert np.bincount(yr).tolist() == [700, 700, 700]
    assert Xr.shape == (2100, 2)
    np.testing.assert_array_equal(Xr[:1000], X)  # originals kept, first
    # every added row is a copy of a row of its own class
    added, added_y = Xr[1000:], yr[1000:]
    for c in (1, 2):
        src = {tuple(r) for r in X[y == c]}
        assert all(tuple(r) in src for r in added[added_y == c])
    # seeded
    Xr2, yr2 = random_oversample(X, y, seed=1)
    np.testing.assert_array_equal(Xr, Xr2)
    Xr3, _ = random_oversample(X, y, seed=2)
    assert not np.array_equal(Xr, Xr3)


def test_random_undersample_counts_and_content():
    X = np.arange(2000.0).reshape(1000, 2)
    y = np.repeat([0, 1, 2], [700, 250, 50])
    Xr, yr = random_undersample(X, y, seed=1)
    assert np.bincount(yr).tolist() == [50, 50, 50]
    rows = Xr[:, 0] / 2
    assert np.all(np.diff(rows) > 0)  # original order, no duplicates
    np.testing.assert_array_equal(y[rows.astype(int)], yr)
    assert np.all(yr[Xr[:, 0] >= 1900] == 2)  # all 50 minority kept
    Xr2, _ = random_undersample(X, y, seed=1)
    np.testing.assert_array_equal(Xr, Xr2)


def test_resample_one_dimensional_X_and_balanced_input():
    X = np.arange(4)
    Xr, yr = random_oversample(X, [0, 1, 0, 1])
    np.testing.assert_array_equal(Xr, X)
    Xr, yr = random_undersample(X, [0, 1, 0, 1])
    np.testing.assert_array_equal(Xr, X)


def test_prior_correction_binary():
    p = np.array([0.0, 0.2, 0.5, 0.9, 1.0])
    out = prior_correction(p, 0.5, 0.01)
    expected = p * 0.02 / (p * 0.02 + (1 - p) * 1.98)
    np.testing.assert_allclose(out, expected)
    assert out[0] == 0.0 and out[-1] == 1.0
    # identity when the priors agree; inverse maps back
    np.testing.assert_allclose(prior_correction(p, 0.3, 0.3), p)
    np.testing.assert_allclose(prior_correction(prior_correction(p, 0.5, 0.1), 0.1, 0.5), p)


def test_prior_correction_recovers_true_posterior():
    # exact posteriors of two Gaussians under two priors
    x = np.linspace(-3, 3, 13)
    lik1, lik0 = np.exp(-((x - 1) ** 2) / 2), np.exp(-((x + 1) ** 2) / 2)

    def post(pi):
        return pi * lik1 / (pi * lik1 + (1 - pi) * lik0)

    np.testing.assert_allclose(prior_correction(post(0.5), 0.5, 0.05), post(0.05))


def test_prior_correction_multiclass():
    p = np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])
    train = np.array([1 / 3] * 3)
    true = np.array([0.9, 0.09, 0.01])
    out = prior_correction(p, train, true)
    raw = p * true / train
    np.testing.assert_allclose(out, raw / raw.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    # binary as 2 columns agrees with the 1-D form
    q = np.array([0.1, 0.7])
    two = prior_correction(np.column_stack([1 - q, q]), [0.5, 0.5], [0.8, 0.2])
    np.testing.assert_allclose(two[:, 1], prior_correction(q, 0.5, 0.2))


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: class_counts([0, 1.5]), ValueError, ["whole-number", "1.5", "Threshold"]),
        (lambda: class_counts([-1, 0]), ValueError, ["0..K-1", "found -1"]),
        (lambda: class_counts([]), ValueError, ["must not be empty"]),
        (lambda: class_counts([[0, 1]]), ValueError, ["1-D", "(1, 2)", "argmax"]),
        (lambda: class_counts(["a", "b"]), TypeError, ["integer class labels", "np.unique"]),
        (lambda: class_counts([0, np.nan]), ValueError, ["finite"]),
        (lambda: class_counts([0, 3], n_classes=2), ValueError, ["class index 3", "n_classes=2"]),
        (lambda: class_counts(None), TypeError, ["found None"]),
        (
            lambda: class_weights(Y3, method="inverse"),
            ValueError,
            ["'balanced'", "'effective_number'", "'inverse'"],
        ),
        (
            lambda: class_weights(Y3, method="effective_number", beta=1.0),
            ValueError,
            ["beta", "[0, 1)", "found 1"],
        ),
        (lambda: class_weights(Y3, method="effective_number", beta=-0.1), ValueError, ["beta"]),
        (lambda: class_weights([0, 0], n_classes=2), ValueError, ["classes [1] have none"]),
        (lambda: class_weights(), ValueError, ["exactly one of y", "neither"]),
        (lambda: class_weights(Y3, counts=[1, 2]), ValueError, ["exactly one of y", "both"]),
        (lambda: class_weights(counts=[3, -1]), ValueError, ["counts must be whole numbers >= 0"]),
        (lambda: class_weights(counts=[3, 1], n_classes=3), ValueError, ["n_classes"]),
        (lambda: sample_weights([0, 1], [1.0]), ValueError, ["length 2", "(1,)"]),
        (lambda: sample_weights([0, 1], [1.0, -2.0]), ValueError, [">= 0"]),
        (
            lambda: sample_weights([0, 1], {5: 1.0}),
            ValueError,
            ["keys must be class indices 0..1", "5"],
        ),
        (
            lambda: random_oversample(np.zeros((3, 2)), [0, 1]),
            ValueError,
            ["one row per label", "(3, 2)"],
        ),
        (
            lambda: random_undersample(np.zeros((2, 2)), [0, 1], seed=-3),
            ValueError,
            ["seed must be an int >= 0"],
        ),
        (
            lambda: prior_correction([0.5, 1.2], 0.5, 0.1),
            ValueError,
            ["[0, 1]", "max=1.2", "logits"],
        ),
        (lambda: prior_correction([0.5], 0.0, 0.1), ValueError, ["train_prior", "(0, 1)"]),
        (
            lambda: prior_correction([0.5], 0.5, [0.1, 0.9]),
            ValueError,
            ["true_prior must be a scalar"],
        ),
        (lambda: prior_correction([[0.5, 0.5]], [0.5, 0.5], [0.2, 0.2]), ValueError, ["sum to 1"]),
        (lambda: prior_correction([[0.5, 0.5]], [1.0], [0.5, 0.5]), ValueError, ["shape (2,)"]),
        (
            lambda: prior_correction([[0.6, 0.6]], [0.5, 0.5], [0.5, 0.5]),
            ValueError,
            ["row of y_prob must sum to 1"],
        ),
        (lambda: prior_correction([np.nan], 0.5, 0.5), ValueError, ["finite"]),
    ],
)
def test_validation_messages(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value), (w, str(info.value))


def test_share_by_class():
    from lossviz.imbalance import share_by_class

    y = np.array([0] * 99 + [1])
    loss = np.where(y == 1, 2.0, 0.1)
    np.testing.assert_allclose(share_by_class(y, loss), [9.9 / 11.9, 2.0 / 11.9])
    bal = share_by_class(y, loss, sample_weight=sample_weights(y, "balanced"))
    np.testing.assert_allclose(bal, [0.1 / 2.1, 2.0 / 2.1])
    grad = np.where(y == 1, -0.9, 0.1)  # signed gradients: absolute values count
    np.testing.assert_allclose(share_by_class(y, grad), [9.9 / 10.8, 0.9 / 10.8])
    np.testing.assert_array_equal(share_by_class(y, np.zeros(100)), [0.0, 0.0])
    np.testing.assert_allclose(share_by_class([0, 0], [1.0, 1.0], n_classes=3), [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="one entry per label"):
        share_by_class(y, loss[:5])
    with pytest.raises(ValueError, match="finite"):
        share_by_class([0, 1], [np.nan, 1.0])
    with pytest.raises(ValueError, match="sample_weight"):
        share_by_class([0, 1], [1.0, 1.0], sample_weight=[1.0])
