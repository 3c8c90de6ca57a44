"""Classification metrics in numpy: confusion matrix, precision, recall, F1, calibration.

Conventions follow scikit-learn: ``confusion_matrix[i, j]`` counts samples of true class
``i`` predicted as class ``j``; precision, recall and F1 are computed for one class,
``pos_label`` (default 1), against all others.

Zero division
-------------
No metric here warns or returns NaN by accident. When a ratio has a zero denominator
the result is the documented ``zero_division`` value, ``0.0`` by default (what
scikit-learn returns after its warning):

* precision with no predicted positives (TP + FP = 0),
* recall with no actual positives (TP + FN = 0),
* F1 when precision + recall = 0 (always 0.0) or when either of them hits zero division
  (then ``zero_division``).

Calibration
-----------
:func:`calibration_curve` bins the predicted probabilities exactly like
``sklearn.calibration.calibration_curve`` (bins closed on the right, the first also on
the left) and returns, for the non-empty bins, the observed frequency of class 1, the
mean predicted probability and the number of samples.
:func:`expected_calibration_error` is ``sum_b (n_b / n) * |prob_true_b - prob_pred_b|``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_int, check_real

__all__ = [
    "confusion_matrix",
    "accuracy",
    "precision",
    "recall",
    "f1_score",
    "precision_recall",
    "brier_score",
    "calibration_curve",
    "expected_calibration_error",
]

_STRATEGIES = ("uniform", "quantile")


# --------------------------------------------------------------------------- validation
def _labels(name, y):
    arr = np.asarray(y)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(
            f"{name} must hold integer class labels; found dtype {arr.dtype}. "
            "Encode classes as 0..K-1."
        )
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one label per sample); found shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; found 0 labels.")
    if np.issubdtype(arr.dtype, np.floating) and (
        not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr))
    ):
        bad = arr[~np.isfinite(arr) | (arr != np.round(arr))][0]
        raise ValueError(
            f"{name} must hold whole-number class labels; found {bad!r}. "
            "Did you pass probabilities? Threshold them, e.g. (y_prob >= 0.5).astype(int)."
        )
    out = arr.astype(np.int64)
    if out.min() < 0:
        raise ValueError(f"{name} must hold class labels >= 0; found {int(out.min())}.")
    return out


def _pair(y_true, y_pred):
    t, p = _labels("y_true", y_true), _labels("y_pred", y_pred)
    if t.shape != p.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape; found {t.shape} and {p.shape}."
        )
    return t, p


def _zero_division(value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"zero_division must be a float in [0, 1] or nan; found {value!r} of type "
            f"{type(value).__name__}. Pass e.g. zero_division=0.0."
        )
    value = float(value)
    if np.isnan(value):
        return value
    return check_real(
        value, "zero_division", low=0.0, high=1.0, fix="Pass 0.0, 1.0, or nan to flag the case."
    )
    return value


def _binary_prob(y_true, y_prob):
    t = _labels("y_true", y_true)
    if t.max() > 1:
        raise ValueError(
            f"y_true must be binary (0/1) for calibration; found label {int(t.max())}. "
            "For several classes, compare one class against the rest: (y == c).astype(int)."
        )
    p = np.asarray(y_prob)
    if not np.issubdtype(p.dtype, np.number) or np.issubdtype(p.dtype, np.complexfloating):
        raise TypeError(f"y_prob must be real probabilities; found dtype {p.dtype}.")
    p = p.astype(np.float64)
    if p.shape != t.shape:
        raise ValueError(
            f"y_true and y_prob must have the same shape; found {t.shape} and {p.shape}."
        )
    if not np.all(np.isfinite(p)):
        raise ValueError("y_prob must be finite; found NaN or inf.")
    if p.min() < 0.0 or p.max() > 1.0:
        raise ValueError(
            f"y_prob must lie in [0, 1]; found min={p.min():.4g}, max={p.max():.4g}. "
            "Did you pass logits? Apply sigmoid first."
        )
    return t, p


def _counts(y_true, y_pred, pos_label):
    t, p = _pair(y_true, y_pred)
    pos_label = check_int(pos_label, "pos_label", fix="Pass the positive class, e.g. pos_label=1.")
    tp = int(np.count_nonzero((t == pos_label) & (p == pos_label)))
    fp = int(np.count_nonzero((t != pos_label) & (p == pos_label)))
    fn = int(np.count_nonzero((t == pos_label) & (p != pos_label)))
    return tp, fp, fn


# --------------------------------------------------------------------------- metrics
def confusion_matrix(y_true, y_pred, *, n_classes=None):
    """Counts of (true class, predicted class) pairs.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        Class labels 0..K-1.
    n_classes : int, optional
        K; default ``max(max(y_true), max(y_pred)) + 1`` (at least 2).

    Returns
    -------
    ndarray of shape (K, K), int64
        Rows are true classes, columns predicted classes. For a binary problem
        ``[[TN, FP], [FN, TP]]``.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    array([[1, 1],
           [1, 2]])
    """
    t, p = _pair(y_true, y_pred)
    k = max(2, int(max(t.max(), p.max())) + 1)
    if n_classes is not None:
        k = check_int(
            n_classes,
            "n_classes",
            minimum=k,
            fix=f"The labels go up to {k - 1}, so pass n_classes={k} or more (or None).",
        )
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k).astype(np.int64)


def accuracy(y_true, y_pred):
    """Fraction of correct predictions.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted class labels.

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    t, p = _pair(y_true, y_pred)
    return float(np.mean(t == p))


def precision(y_true, y_pred, *, pos_label=1, zero_division=0.0):
    """TP / (TP + FP) for class ``pos_label``; ``zero_division`` if nothing is predicted positive.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted class labels (integers >= 0).
    pos_label : int, default 1
        The class scored; all other classes count as negative.
    zero_division : float, default 0.0
        Returned instead of 0/0 when nothing is predicted as ``pos_label``
        (0.0, 1.0 or nan); never a warning.

    Returns
    -------
    float

    Examples
    --------
    >>> precision([0, 0, 1, 1], [1, 0, 1, 1])
    0.6666666666666666
    >>> precision([0, 1], [0, 0])          # no positive predictions
    0.0
    """
    zd = _zero_division(zero_division)
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else zd


def recall(y_true, y_pred, *, pos_label=1, zero_division=0.0):
    """TP / (TP + FN) for class ``pos_label``; ``zero_division`` if there are no positives.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted class labels (integers >= 0).
    pos_label : int, default 1
        The class scored; all other classes count as negative.
    zero_division : float, default 0.0
        Returned instead of 0/0 when ``pos_label`` never occurs in ``y_true``
        (0.0, 1.0 or nan); never a warning.

    Returns
    -------
    float

    Examples
    --------
    >>> recall([0, 0, 1, 1], [1, 0, 1, 0])
    0.5
    >>> recall([0, 0], [0, 1], zero_division=1.0)
    1.0
    """
    zd = _zero_division(zero_division)
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else zd


def f1_score(y_true, y_pred, *, pos_label=1, zero_division=0.0):
    """Harmonic mean of precision and recall, ``2 TP / (2 TP + FP + FN)``.

    0.0 when precision + recall = 0; ``zero_division`` when TP + FP + FN = 0
    (no positives anywhere).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted class labels (integers >= 0).
    pos_label : int, default 1
        The class scored; all other classes count as negative.
    zero_division : float, default 0.0
        Returned instead of 0/0 when ``pos_label`` occurs nowhere
        (0.0, 1.0 or nan); never a warning.

    Returns
    -------
    float

    Examples
    --------
    >>> f1_score([0, 0, 1, 1], [1, 0, 1, 0])
    0.5
    """
    zd = _zero_division(zero_division)
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    denom = 2 * tp + fp + fn
    return 2 * tp / denom if denom else zd


def precision_recall(y_true, y_pred, *, pos_label=1, zero_division=0.0):
    """Precision, recall and F1 of class ``pos_label`` in one call.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n,)
        True and predicted class labels.
    pos_label : int, default 1
    zero_division : float, default 0.0
        As in :func:`precision`, :func:`recall` and :func:`f1_score`.

    Returns
    -------
    dict
        ``{"precision": ..., "recall": ..., "f1": ..., "tp": ..., "fp": ..., "fn": ...}``

    Examples
    --------
    >>> r = precision_recall([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    >>> round(r["precision"], 3), round(r["recall"], 3), round(r["f1"], 3), r["tp"]
    (0.667, 0.667, 0.667, 2)
    """
    zd = _zero_division(zero_division)
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    return {
        "precision": tp / (tp + fp) if tp + fp else zd,
        "recall": tp / (tp + fn) if tp + fn else zd,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else zd,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def brier_score(y_true, y_prob):
    """Mean squared error between the binary label and the predicted probability.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Binary labels 0/1.
    y_prob : array_like of shape (n,)
        Predicted probabilities of class 1.

    Returns
    -------
    float

    Examples
    --------
    >>> brier_score([0, 1], [0.2, 0.6])
    0.1
    """
    t, p = _binary_prob(y_true, y_prob)
    return float(np.mean((p - t) ** 2))


def _check_bins(n_bins, strategy):
    check_int(n_bins, "n_bins", minimum=1, fix="Use e.g. n_bins=10.")
    if strategy not in _STRATEGIES:
        raise ValueError(
            f"strategy must be one of {', '.join(repr(s) for s in _STRATEGIES)}; found "
            f"{strategy!r}."
        )


def calibration_curve(y_true, y_prob, n_bins=10, strategy="uniform"):
    """Reliability diagram data: observed frequency against mean predicted probability.

    Parameters
    ----------
    y_true : array_like of shape (n,)
        Binary labels 0/1.
    y_prob : array_like of shape (n,)
        Predicted probabilities of class 1, in [0, 1].
    n_bins : int, default 10
    strategy : {"uniform", "quantile"}, default "uniform"
        ``"uniform"``: bins of equal width on [0, 1]; ``"quantile"``: edges at the
        quantiles of ``y_prob`` (bins of about equal counts).

    Returns
    -------
    prob_true : ndarray
        Fraction of class 1 in each non-empty bin.
    prob_pred : ndarray
        Mean predicted probability in each non-empty bin.
    counts : ndarray of int64
        Number of samples in each non-empty bin.

    Examples
    --------
    >>> y = [0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> p = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
    >>> prob_true, prob_pred, counts = calibration_curve(y, p, n_bins=3)
    >>> prob_true, prob_pred, counts
    (array([0. , 0.5, 1. ]), array([0.2  , 0.525, 0.85 ]), array([3, 2, 4]))
    """
    _check_bins(n_bins, strategy)
    t, p = _binary_prob(y_true, y_prob)
    if strategy == "quantile":
        bins = np.percentile(p, np.linspace(0.0, 100.0, n_bins + 1))
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    binids = np.searchsorted(bins[1:-1], p)
    total = np.bincount(binids, minlength=n_bins)
    sums = np.bincount(binids, weights=p, minlength=n_bins)
    trues = np.bincount(binids, weights=t, minlength=n_bins)
    nz = total > 0
    return trues[nz] / total[nz], sums[nz] / total[nz], total[nz].astype(np.int64)


def expected_calibration_error(y_true, y_prob, n_bins=10, strategy="uniform"):
    """Expected calibration error: count-weighted mean gap of the reliability diagram.

    ``ECE = sum_b (n_b / n) * |prob_true_b - prob_pred_b|`` over the bins of
    :func:`calibration_curve`. 0 for a perfectly calibrated model.

    Parameters
    ----------
    y_true, y_prob, n_bins, strategy
        As in :func:`calibration_curve`.

    Returns
    -------
    float

    Examples
    --------
    >>> expected_calibration_error([0, 1, 1, 1], [0.25, 0.75, 0.75, 0.75], n_bins=2)
    0.25
    """
    prob_true, prob_pred, counts = calibration_curve(
        y_true, y_prob, n_bins=n_bins, strategy=strategy
    )
    return float(np.sum(counts * np.abs(prob_true - prob_pred)) / counts.sum())
