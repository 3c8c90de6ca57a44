"""Class imbalance: counts, class weights, resampling and prior correction.

Labels ``y`` are 1-D arrays of class indices ``0 .. K-1`` (integers, booleans, or floats
that are whole numbers). ``K`` is ``max(y) + 1`` unless ``n_classes`` is given.

Class weights
-------------
``method="balanced"``
    ``w_c = n / (K * n_c)``, exactly scikit-learn's
    ``compute_class_weight("balanced", ...)``. For counts 900 / 90 / 10 this gives
    0.370, 3.70 and 33.3. The weighted count ``w_c * n_c = n / K`` is the same for every
    class, so each class contributes equally to a weighted loss.
``method="effective_number"``
    Cui et al. (2019), *Class-Balanced Loss Based on Effective Number of Samples*:
    the effective number of samples of a class with ``n_c`` samples is
    ``E_c = (1 - beta**n_c) / (1 - beta)`` and ``w_c ∝ 1 / E_c = (1 - beta) / (1 - beta**n_c)``,
    normalised, as in the paper, so that the weights sum to ``K``. ``beta = 0`` gives
    equal weights (1 each); ``beta -> 1`` tends to inverse frequency (the balanced
    weights up to a common factor). The paper uses beta in {0.9, 0.99, 0.999, 0.9999}.

Resampling
----------
:func:`random_oversample` duplicates randomly chosen samples of the smaller classes
(with replacement) until every class has as many samples as the largest;
:func:`random_undersample` keeps a random subset (without replacement) of every class
as large as the smallest. Both are seeded.

Prior correction
----------------
A model trained on resampled data, or with class weights, predicts probabilities for
the class prior it was trained on (``train_prior``), not for the true one. Bayes' rule
maps them back: ``p'_c ∝ p_c * true_prior_c / train_prior_c``, renormalised over the
classes. After balanced weighting or resampling the training prior is uniform
(0.5 for a binary problem); :func:`effective_prior` computes it for any class weights.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_int, check_real, check_seed

__all__ = [
    "class_counts",
    "imbalance_ratio",
    "class_weights",
    "sample_weights",
    "effective_prior",
    "share_by_class",
    "random_oversample",
    "random_undersample",
    "prior_correction",
]

_METHODS = ("balanced", "effective_number")


# --------------------------------------------------------------------------- validation
def _as_labels(y, name="y", n_classes=None):
    """Validate class labels; return (int64 labels, K)."""
    if y is None:
        raise TypeError(
            f"{name} must be an array of class labels; found None. Pass e.g. {name}=[0, 1, 1]."
        )
    arr = np.asarray(y)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(
            f"{name} must hold integer class labels 0..K-1; found dtype {arr.dtype}. "
            f"Encode the classes as integers, e.g. with np.unique({name}, return_inverse=True)."
        )
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (one class label per sample); found shape {arr.shape}. "
            "For one-hot rows use y.argmax(axis=1)."
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; found 0 labels. Pass at least one sample.")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real class labels; found complex dtype {arr.dtype}.")
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)):
            raise ValueError(
                f"{name} must be finite; found NaN or inf. Remove or fix those labels."
            )
        if not np.all(arr == np.round(arr)):
            bad = arr[arr != np.round(arr)][0]
            raise ValueError(
                f"{name} must hold whole-number class labels 0..K-1; found {bad!r}. "
                "Did you pass probabilities? Threshold them first, "
                "e.g. (y_prob >= 0.5).astype(int)."
            )
    labels = arr.astype(np.int64)
    if labels.min() < 0:
        raise ValueError(
            f"{name} must hold class labels 0..K-1; found {int(labels.min())}. "
            "Map the labels to 0..K-1, e.g. with np.unique(y, return_inverse=True)."
        )
    k = int(labels.max()) + 1
    if n_classes is not None:
        n_classes = check_int(n_classes, "n_classes", minimum=1)
        if k > n_classes:
            raise ValueError(
                f"{name} holds class index {k - 1} but n_classes={n_classes}; allowed are "
                f"0..{n_classes - 1}. Raise n_classes or fix the labels."
            )
        k = n_classes
    return labels, k


def _as_counts(counts):
    arr = np.asarray(counts)
    if arr.ndim != 1 or arr.size == 0 or not (np.issubdtype(arr.dtype, np.number)):
        raise ValueError(
            f"counts must be a non-empty 1-D array of class counts; found {counts!r}. "
            "Pass e.g. counts=[900, 90, 10]."
        )
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or not np.all(arr == np.round(arr)):
        raise ValueError(
            f"counts must be whole numbers >= 0; found {arr.tolist()}. Pass e.g. counts=[900, 90, "
            f"10]."
        )
    return arr.astype(np.int64)


def _as_features(X, n):
    arr = np.asarray(X)
    if arr.ndim == 0 or arr.shape[0] != n:
        raise ValueError(
            f"X must have one row per label: len(y)={n}; found X with shape {arr.shape}. "
            "Pass X and y of the same length."
        )
    return arr


# --------------------------------------------------------------------------- counts
def class_counts(y, *, n_classes=None):
    """Number of samples of each class.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels 0..K-1.
    n_classes : int, optional
        K; default ``max(y) + 1``. Use it when the largest class may be absent.

    Returns
    -------
    ndarray of shape (K,), int64

    Examples
    --------
    >>> class_counts([0, 0, 1, 2, 2, 2])
    array([2, 1, 3])
    >>> class_counts([0, 0], n_classes=3)
    array([2, 0, 0])
    """
    labels, k = _as_labels(y, n_classes=n_classes)
    return np.bincount(labels, minlength=k).astype(np.int64)


def imbalance_ratio(y, *, n_classes=None):
    """Largest class count divided by the smallest.

    1.0 means balanced; ``inf`` if a class among 0..K-1 has no samples.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels 0..K-1.
    n_classes : int, optional
        K; default ``max(y) + 1``.

    Returns
    -------
    float

    Examples
    --------
    >>> imbalance_ratio([0] * 900 + [1] * 90 + [2] * 10)
    90.0
    >>> imbalance_ratio([0, 0, 0], n_classes=2)
    inf
    """
    counts = class_counts(y, n_classes=n_classes)
    if counts.min() == 0:
        return float("inf")
    return float(counts.max() / counts.min())


# --------------------------------------------------------------------------- weights
def class_weights(y=None, *, counts=None, method="balanced", beta=0.999, n_classes=None):
    """Per-class weights for a weighted loss.

    Give the labels ``y`` or the class ``counts``. See the module docstring for the
    definitions.

    Parameters
    ----------
    y : array_like of shape (n,), optional
        Class labels 0..K-1.
    counts : array_like of shape (K,), optional
        Class counts, instead of ``y``.
    method : {"balanced", "effective_number"}, default "balanced"
        ``"balanced"``: ``n / (K * n_c)`` (scikit-learn's ``"balanced"``).
        ``"effective_number"``: ``(1 - beta) / (1 - beta**n_c)`` normalised to sum to K
        (Cui et al. 2019).
    beta : float, default 0.999
        Only for ``"effective_number"``; in [0, 1).
    n_classes : int, optional
        K when ``y`` is given; default ``max(y) + 1``.

    Returns
    -------
    ndarray of shape (K,), float64
        ``weights[c]`` is the weight of class ``c``.

    Raises
    ------
    ValueError
        If a class has no samples (its weight would be infinite).

    Examples
    --------
    >>> class_weights(counts=[900, 90, 10]).round(3)
    array([ 0.37 ,  3.704, 33.333])
    >>> w = class_weights(counts=[900, 90, 10], method="effective_number", beta=0.99)
    >>> w.round(3), float(w.sum())
    (array([0.228, 0.384, 2.388]), 3.0)
    >>> class_weights([0, 0, 0, 1], method="effective_number", beta=0.0)
    array([1., 1.])
    """
    if (y is None) == (counts is None):
        raise ValueError(
            "give exactly one of y (labels) or counts (class counts); found "
            f"{'both' if y is not None else 'neither'}. E.g. class_weights(y) or "
            "class_weights(counts=[900, 90, 10])."
        )
    if y is not None:
        n_c = class_counts(y, n_classes=n_classes)
    else:
        if n_classes is not None:
            raise ValueError(
                "n_classes is taken from len(counts); do not pass n_classes with counts."
            )
        n_c = _as_counts(counts)
    if method not in _METHODS:
        raise ValueError(
            f"method must be one of {', '.join(repr(m) for m in _METHODS)}; found {method!r}."
        )
    if np.any(n_c == 0):
        missing = np.flatnonzero(n_c == 0).tolist()
        raise ValueError(
            f"every class needs at least one sample to get a finite weight; classes {missing} "
            f"have none (counts={n_c.tolist()}). Drop the empty classes or set n_classes correctly."
        )
    k = n_c.size
    if method == "balanced":
        return n_c.sum() / (k * n_c.astype(np.float64))
    beta = check_real(
        beta,
        "beta",
        low=0.0,
        high=1.0,
        high_open=True,
        fix="The paper uses beta in {0.9, 0.99, 0.999, 0.9999}.",
    )
    if beta == 0.0:  # 1 - 0**n = 1 for every n >= 1: equal weights
        return np.ones(k)
    # (1 - beta) / (1 - beta**n) without cancellation: 1 - beta**n = -expm1(n * log(beta))
    raw = (1.0 - beta) / -np.expm1(n_c * np.log(beta))
    return k * raw / raw.sum()


def _weights_vector(y_labels, k, class_weight):
    """class_weight (array, dict, or method name) -> vector of length k."""
    if isinstance(class_weight, str):
        return class_weights(y_labels, method=class_weight, n_classes=k)
    if isinstance(class_weight, dict):
        w = np.ones(k)
        for key, val in class_weight.items():
            if (
                isinstance(key, (bool, np.bool_))
                or not isinstance(key, numbers.Integral)
                or not 0 <= key < k
            ):
                raise ValueError(
                    f"class_weight keys must be class indices 0..{k - 1}; found key {key!r}."
                )
            w[int(key)] = val
    else:
        w = np.asarray(class_weight, dtype=np.float64)
        if w.ndim != 1 or w.size != k:
            raise ValueError(
                f"class_weight must have one weight per class (length {k}); found shape "
                f"{w.shape}. Pass e.g. class_weights(y)."
            )
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError(f"class_weight must be finite and >= 0; found {w.tolist()}.")
    return w


def sample_weights(y, class_weight, *, n_classes=None):
    """Per-sample weights ``class_weight[y]``.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels 0..K-1.
    class_weight : array_like of shape (K,), dict, or str
        Weights per class; a dict ``{class: weight}`` (missing classes get 1); or a
        method name for :func:`class_weights` (``"balanced"``, ``"effective_number"``).
    n_classes : int, optional
        K; default ``max(y) + 1``.

    Returns
    -------
    ndarray of shape (n,), float64

    Examples
    --------
    >>> sample_weights([0, 0, 0, 1], "balanced")
    array([0.66666667, 0.66666667, 0.66666667, 2.        ])
    >>> sample_weights([0, 1, 1], {0: 5.0})
    array([5., 1., 1.])
    """
    labels, k = _as_labels(y, n_classes=n_classes)
    return _weights_vector(labels, k, class_weight)[labels]


def effective_prior(y, class_weight=None, *, n_classes=None):
    """Class prior a weighted model is effectively trained on.

    ``prior_c = n_c * w_c / sum_j n_j * w_j``; with ``class_weight=None`` the empirical
    class frequencies. With balanced weights it is uniform.

    Parameters
    ----------
    y : array_like of shape (n,)
        Training labels 0..K-1.
    class_weight : array_like of shape (K,), dict, or str, optional
        As in :func:`sample_weights`.
    n_classes : int, optional

    Returns
    -------
    ndarray of shape (K,), float64, summing to 1.

    Examples
    --------
    >>> y = [0] * 90 + [1] * 10
    >>> effective_prior(y)
    array([0.9, 0.1])
    >>> effective_prior(y, "balanced")
    array([0.5, 0.5])
    """
    labels, k = _as_labels(y, n_classes=n_classes)
    counts = np.bincount(labels, minlength=k).astype(np.float64)
    if class_weight is not None:
        counts = counts * _weights_vector(labels, k, class_weight)
    total = counts.sum()
    if total <= 0:
        raise ValueError("the weighted class counts sum to 0; at least one weight must be > 0.")
    return counts / total


def share_by_class(y, values, *, sample_weight=None, n_classes=None):
    """Each class's share of a total: of the loss, of the gradient, of anything per sample.

    ``share_c = sum_{i: y_i = c} s_i |v_i| / sum_i s_i |v_i|`` with sample weights ``s``
    (1 by default). Absolute values are used, so signed per-sample gradients can be
    passed as they are. This shows why an averaged loss is dominated by the majority
    class: with 99 % negatives the negatives carry most of the loss and of the gradient
    even when each positive costs more.

    Parameters
    ----------
    y : array_like of shape (n,)
        Class labels 0..K-1.
    values : array_like of shape (n,)
        Per-sample values, e.g. ``bce_with_logits(y, z, reduction="none")`` or
        ``bce_with_logits_grad(y, z)``.
    sample_weight : array_like of shape (n,), optional
        E.g. ``sample_weights(y, "balanced")``.
    n_classes : int, optional

    Returns
    -------
    ndarray of shape (K,)
        Shares summing to 1 (all 0 when every value is 0).

    Examples
    --------
    >>> y = np.array([0] * 99 + [1])
    >>> loss = np.where(y == 1, 2.0, 0.1)        # each positive costs 20x more
    >>> share_by_class(y, loss).round(3)          # ... yet the negatives carry 83 %
    array([0.832, 0.168])
    >>> share_by_class(y, loss, sample_weight=sample_weights(y, "balanced")).round(3)
    array([0.048, 0.952])
    """
    labels, k = _as_labels(y, n_classes=n_classes)
    v = np.asarray(values, dtype=np.float64)
    if v.shape != labels.shape:
        raise ValueError(
            f"values must have one entry per label, shape {labels.shape}; found {v.shape}."
        )
    if not np.all(np.isfinite(v)):
        raise ValueError("values must be finite; found NaN or inf.")
    v = np.abs(v)
    if sample_weight is not None:
        s = np.asarray(sample_weight, dtype=np.float64)
        if s.shape != labels.shape or not np.all(np.isfinite(s)) or np.any(s < 0):
            raise ValueError(
                f"sample_weight must be finite, >= 0 and of shape {labels.shape}; found shape "
                f"{s.shape}."
            )
        v = v * s
    totals = np.bincount(labels, weights=v, minlength=k)
    total = totals.sum()
    return totals / total if total > 0 else np.zeros(k)


# --------------------------------------------------------------------------- resampling
def random_oversample(X, y, *, seed=0):
    """Duplicate random samples of the smaller classes until all classes are equal.

    All original rows are kept (first, in their order); for each class with fewer
    samples than the largest, randomly chosen rows of that class (with replacement)
    are appended until its count equals the largest count. Classes absent from ``y``
    stay absent.

    Parameters
    ----------
    X : array_like of shape (n, ...)
    y : array_like of shape (n,)
        Class labels 0..K-1.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X_res : ndarray of shape (m, ...)
    y_res : ndarray of shape (m,), int64
        ``m = K_present * max count``.

    Examples
    --------
    >>> X = np.arange(10).reshape(5, 2)
    >>> X_res, y_res = random_oversample(X, [0, 0, 0, 1, 1])
    >>> np.bincount(y_res).tolist(), X_res.shape
    ([3, 3], (6, 2))
    """
    labels, k = _as_labels(y)
    X = _as_features(X, labels.size)
    rng = check_seed(seed)
    counts = np.bincount(labels, minlength=k)
    target = counts.max()
    extra = []
    for c in range(k):
        if 0 < counts[c] < target:
            members = np.flatnonzero(labels == c)
            extra.append(rng.choice(members, size=target - counts[c], replace=True))
    idx = np.concatenate([np.arange(labels.size)] + extra) if extra else np.arange(labels.size)
    return X[idx], labels[idx]


def random_undersample(X, y, *, seed=0):
    """Keep a random subset of every class, as large as the smallest class.

    Sampling is without replacement; the kept rows keep their original order. Classes
    absent from ``y`` are ignored.

    Parameters
    ----------
    X : array_like of shape (n, ...)
    y : array_like of shape (n,)
        Class labels 0..K-1.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X_res : ndarray of shape (m, ...)
    y_res : ndarray of shape (m,), int64
        ``m = K_present * min count`` over the classes present.

    Examples
    --------
    >>> X = np.arange(10).reshape(5, 2)
    >>> X_res, y_res = random_undersample(X, [0, 0, 0, 1, 1])
    >>> np.bincount(y_res).tolist(), X_res.shape
    ([2, 2], (4, 2))
    """
    labels, k = _as_labels(y)
    X = _as_features(X, labels.size)
    rng = check_seed(seed)
    counts = np.bincount(labels, minlength=k)
    target = counts[counts > 0].min()
    keep = []
    for c in range(k):
        if counts[c] > 0:
            members = np.flatnonzero(labels == c)
            keep.append(rng.choice(members, size=target, replace=False))
    idx = np.sort(np.concatenate(keep))
    return X[idx], labels[idx]


# --------------------------------------------------------------------------- prior correction
def _as_prior(name, prior, k):
    arr = np.asarray(prior, dtype=np.float64)
    if k is None:  # binary: scalar prior of class 1
        if arr.ndim != 0:
            raise ValueError(
                f"{name} must be a scalar (the prior of class 1) when y_prob is 1-D; "
                f"found shape {arr.shape}. Pass e.g. {name}=0.1."
            )
        if not np.isfinite(arr) or not 0.0 < arr < 1.0:
            raise ValueError(
                f"{name} must lie in (0, 1); found {float(arr)}. Pass e.g. {name}=0.1."
            )
        return np.array([1.0 - arr, arr])
    if arr.shape != (k,):
        raise ValueError(
            f"{name} must have one prior per class, shape ({k},); found shape {arr.shape}."
        )
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0) or abs(arr.sum() - 1.0) > 1e-6:
        raise ValueError(
            f"{name} must be > 0 and sum to 1; found {arr.tolist()} (sum {arr.sum():.6g}). "
            f"Normalise it: {name} / {name}.sum()."
        )
    return arr


def prior_correction(y_prob, train_prior, true_prior):
    """Map probabilities predicted under ``train_prior`` to ``true_prior`` (Bayes).

    ``p'_c = p_c * r_c / sum_j p_j * r_j`` with ``r_c = true_prior_c / train_prior_c``.
    For a binary problem (``y_prob`` 1-D, the probability of class 1, and scalar priors
    of class 1) this is ``p' = p r1 / (p r1 + (1 - p) r0)``. Probabilities of exactly
    0 and 1 stay 0 and 1.

    Parameters
    ----------
    y_prob : array_like of shape (n,) or (n, K)
        Probabilities of class 1 (binary) or probability rows.
    train_prior : float or array_like of shape (K,)
        Class prior of the training data as the model saw it (0.5 after balanced
        resampling or weighting; see :func:`effective_prior`).
    true_prior : float or array_like of shape (K,)
        Class prior at deployment, e.g. the original class frequencies.

    Returns
    -------
    ndarray of the shape of ``y_prob``

    Examples
    --------
    A model trained on balanced data says 0.5; with a true prior of 1 % that is 1 %:

    >>> prior_correction([0.5, 0.9, 1.0], train_prior=0.5, true_prior=0.01).round(4)
    array([0.01  , 0.0833, 1.    ])
    >>> prior_correction([[0.5, 0.5]], [0.5, 0.5], [0.9, 0.1])
    array([[0.9, 0.1]])
    """
    p = np.asarray(y_prob, dtype=np.float64)
    if p.ndim not in (1, 2) or p.size == 0:
        raise ValueError(
            f"y_prob must be a non-empty 1-D array (binary) or 2-D array of probability "
            f"rows; found shape {p.shape}."
        )
    if not np.all(np.isfinite(p)):
        raise ValueError("y_prob must be finite; found NaN or inf.")
    if p.min() < 0.0 or p.max() > 1.0:
        raise ValueError(
            f"y_prob must lie in [0, 1]; found min={p.min():.4g}, max={p.max():.4g}. "
            "Did you pass logits? Apply sigmoid or softmax first."
        )
    if p.ndim == 1:
        prior_t = _as_prior("train_prior", train_prior, None)
        prior_q = _as_prior("true_prior", true_prior, None)
        r = prior_q / prior_t
        num = p * r[1]
        return num / (num + (1.0 - p) * r[0])
    k = p.shape[1]
    if np.any(np.abs(p.sum(axis=1) - 1.0) > 1e-6):
        raise ValueError(
            "each row of y_prob must sum to 1; found row sums "
            f"{p.sum(axis=1)[:5].round(6).tolist()}... Apply softmax to logits first."
        )
    r = _as_prior("true_prior", true_prior, k) / _as_prior("train_prior", train_prior, k)
    num = p * r
    return num / num.sum(axis=1, keepdims=True)
