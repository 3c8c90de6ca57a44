"""Tests for lossviz.metrics: agreement with scikit-learn, zero division, validation."""

import warnings

import numpy as np
import pytest
from sklearn import calibration as skcal
from sklearn import metrics as skm

from lossviz.metrics import (
    accuracy,
    brier_score,
    calibration_curve,
    confusion_matrix,
    expected_calibration_error,
    f1_score,
    precision,
    precision_recall,
    recall,
)


def _random_pair(seed, k=2, n=200):
    rng = np.random.default_rng(seed)
    return rng.integers(0, k, n), rng.integers(0, k, n)


@pytest.mark.parametrize("seed", range(6))
def test_binary_metrics_match_sklearn(seed):
    t, p = _random_pair(seed)
    np.testing.assert_array_equal(confusion_matrix(t, p), skm.confusion_matrix(t, p))
    assert precision(t, p) == pytest.approx(skm.precision_score(t, p))
    assert recall(t, p) == pytest.approx(skm.recall_score(t, p))
    assert f1_score(t, p) == pytest.approx(skm.f1_score(t, p))
    assert accuracy(t, p) == pytest.approx(skm.accuracy_score(t, p))
    r = precision_recall(t, p)
    assert (r["precision"], r["recall"], r["f1"]) == pytest.approx(
        (skm.precision_score(t, p), skm.recall_score(t, p), skm.f1_score(t, p))
    )
    assert r["tp"] == int(((t == 1) & (p == 1)).sum())


@pytest.mark.parametrize("pos_label", [0, 1, 2])
def test_one_vs_rest_matches_sklearn(pos_label):
    t, p = _random_pair(7, k=3)
    np.testing.assert_array_equal(confusion_matrix(t, p), skm.confusion_matrix(t, p))
    ref_p = skm.precision_score(t, p, labels=[pos_label], average=None)[0]
    ref_r = skm.recall_score(t, p, labels=[pos_label], average=None)[0]
    ref_f = skm.f1_score(t, p, labels=[pos_label], average=None)[0]
    assert precision(t, p, pos_label=pos_label) == pytest.approx(ref_p)
    assert recall(t, p, pos_label=pos_label) == pytest.approx(ref_r)
    assert f1_score(t, p, pos_label=pos_label) == pytest.approx(ref_f)


def test_confusion_matrix_layout_and_n_classes():
    cm = confusion_matrix([1, 1, 1], [1, 1, 0])
    np.testing.assert_array_equal(cm, [[0, 0], [1, 2]])  # [[TN, FP], [FN, TP]]
    assert confusion_matrix([0, 0], [0, 0]).shape == (2, 2)
    assert confusion_matrix([0, 1], [0, 1], n_classes=4).shape == (4, 4)


def test_zero_division_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert precision([0, 1], [0, 0]) == 0.0
        assert precision([0, 1], [0, 0], zero_division=1.0) == 1.0
        assert recall([0, 0], [0, 1]) == 0.0
        assert recall([0, 0], [0, 0], zero_division=1.0) == 1.0
        assert f1_score([0, 0], [0, 0]) == 0.0
        assert f1_score([0, 0], [0, 0], zero_division=1.0) == 1.0
        assert np.isnan(precision([0, 1], [0, 0], zero_division=np.nan))
        assert f1_score([1, 0], [0, 1]) == 0.0  # precision + recall = 0 -> 0
        r = precision_recall([0, 0], [0, 0], zero_division=1.0)
        assert r["precision"] == r["recall"] == r["f1"] == 1.0


def test_zero_division_default_matches_sklearn_value():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert precision([0, 1], [0, 0]) == skm.precision_score([0, 1], [0, 0])
        assert recall([0, 0], [0, 1]) == skm.recall_score([0, 0], [0, 1])


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("n_bins", [1, 3, 10, 25])
@pytest.mark.parametrize("seed", range(4))
def test_calibration_curve_matches_sklearn(strategy, n_bins, seed):
    rng = np.random.default_rng(seed)
    n = 300
    p = rng.beta(0.7, 2.0, n)
    if seed == 1:
        p = np.round(p, 1)  # values exactly on bin edges
    if seed == 2:
        p[:5] = [0.0, 1.0, 0.5, 0.1, 0.9]
    y = (rng.uniform(size=n) < p).astype(int)
    ref_true, ref_pred = skcal.calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    prob_true, prob_pred, counts = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    np.testing.assert_allclose(prob_true, ref_true, rtol=1e-12)
    np.testing.assert_allclose(prob_pred, ref_pred, rtol=1e-12)
    assert counts.sum() == n and np.all(counts > 0)
    assert counts.dtype == np.int64


def test_calibration_empty_bins_dropped():
    y = [0, 1, 1, 0]
    p = [0.05, 0.95, 0.91, 0.02]
    prob_true, prob_pred, counts = calibration_curve(y, p, n_bins=10)
    assert counts.tolist() == [2, 2]
    np.testing.assert_allclose(prob_true, [0.0, 1.0])
    np.testing.assert_allclose(prob_pred, [0.035, 0.93])


def test_expected_calibration_error():
    rng = np.random.default_rng(0)
    p = rng.uniform(size=20000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    assert expected_calibration_error(y, p) < 0.02  # calibrated by construction
    # overconfident: push probabilities towards 0/1
    p_over = np.clip(0.5 + 1.8 * (p - 0.5), 0, 1)
    assert expected_calibration_error(y, p_over) > 0.1
    # manual computation
    pt, pp, c = calibration_curve(y, p_over, n_bins=5)
    assert expected_calibration_error(y, p_over, n_bins=5) == pytest.approx(
        np.sum(c / c.sum() * np.abs(pt - pp))
    )
    assert expected_calibration_error([1, 1], [1.0, 1.0]) == 0.0


def test_brier_matches_sklearn():
    rng = np.random.default_rng(3)
    p = rng.uniform(size=50)
    y = rng.integers(0, 2, 50)
    assert brier_score(y, p) == pytest.approx(skm.brier_score_loss(y, p))


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: precision([0, 1], [0, 1, 1]), ValueError, ["same shape", "(2,)", "(3,)"]),
        (lambda: precision([0, 0.5], [0, 1]), ValueError, ["whole-number", "0.5", "Threshold"]),
        (lambda: recall(["a"], ["b"]), TypeError, ["integer class labels"]),
        (lambda: recall([[0, 1]], [[0, 1]]), ValueError, ["1-D"]),
        (lambda: f1_score([], []), ValueError, ["must not be empty"]),
        (lambda: f1_score([0, -1], [0, 1]), ValueError, [">= 0", "-1"]),
        (lambda: precision([0, 1], [0, 1], zero_division="warn"), TypeError, ["zero_division"]),
        (
            lambda: precision([0, 1], [0, 1], zero_division=2.0),
            ValueError,
            ["zero_division", "[0, 1]"],
        ),
        (lambda: precision([0, 1], [0, 1], pos_label="1"), TypeError, ["pos_label"]),
        (lambda: confusion_matrix([0, 3], [0, 1], n_classes=2), ValueError, ["n_classes", ">= 4"]),
        (
            lambda: calibration_curve([0, 1], [0.2, 1.3]),
            ValueError,
            ["[0, 1]", "max=1.3", "logits"],
        ),
        (lambda: calibration_curve([0, 1], [0.2, np.nan]), ValueError, ["finite"]),
        (lambda: calibration_curve([0, 2], [0.2, 0.3]), ValueError, ["binary", "found label 2"]),
        (lambda: calibration_curve([0, 1], [0.2]), ValueError, ["same shape"]),
        (lambda: calibration_curve([0, 1], [0.2, 0.3], n_bins=0), ValueError, ["n_bins", ">= 1"]),
        (
            lambda: calibration_curve([0, 1], [0.2, 0.3], strategy="equal"),
            ValueError,
            ["'uniform'", "'quantile'", "'equal'"],
        ),
        (lambda: calibration_curve([0, 1], ["a", "b"]), TypeError, ["y_prob must be real"]),
        (lambda: expected_calibration_error([0, 1], [-0.1, 0.5]), ValueError, ["min=-0.1"]),
    ],
)
def test_validation_messages(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value), (w, str(info.value))
