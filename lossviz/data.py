"""Seeded synthetic data sets for the course.

Every function takes a ``seed`` (an ``int`` >= 0 or a :class:`numpy.random.Generator`)
with a fixed default, so a notebook cell gives the same numbers on every run. Features
are ``float64`` arrays, class labels are ``int64`` arrays. Nothing here needs more than
numpy.

=================================  =====================================================
function                           returns
=================================  =====================================================
:func:`make_blobs_binary`          ``X`` (n, 2), ``y`` (n,) in {0, 1}
:func:`make_imbalanced`            ``X`` (n_majority + n_minority, 2), ``y`` in {0, 1};
                                   class 1 is the minority
:func:`make_multiclass_blobs`      ``X`` (n_per_class * n_classes, 2), ``y`` in 0..K-1
:func:`make_multilabel`            ``X`` (n, n_features), ``Y`` (n, n_labels) of 0/1
:func:`make_regression_with_outliers`  ``size_m2`` (n,), ``price`` (n,) [, ``is_outlier``]
:func:`make_house_prices`          ``size_m2``, ``clean_price``, ``outlier_order`` (n,)
:func:`multilabel_target_patterns` every non-zero 0/1 target of k labels, as strings
=================================  =====================================================

Bad arguments raise a ``ValueError`` or ``TypeError`` that names the argument, says
what is allowed, what was found and how to fix it.
"""

from __future__ import annotations

import itertools

import numpy as np

from ._validation import check_int, check_real, check_seed, child_rngs

__all__ = [
    "make_blobs_binary",
    "make_imbalanced",
    "make_multiclass_blobs",
    "make_multilabel",
    "make_regression_with_outliers",
    "make_house_prices",
    "multilabel_target_patterns",
    "HOUSE_PRICE_INTERCEPT",
    "HOUSE_PRICE_SLOPE",
    "HOUSE_PRICE_NOISE",
]

#: Price of a house with 0 m² in the regression example, in thousands of euros.
HOUSE_PRICE_INTERCEPT = 50.0
#: Price per m² in the regression example, in thousands of euros per m².
HOUSE_PRICE_SLOPE = 3.0
#: Standard deviation of the Gaussian noise on the price, in thousands of euros.
HOUSE_PRICE_NOISE = 25.0


# --------------------------------------------------------------------------- data sets
def make_blobs_binary(n=200, *, separation=2.0, seed=0):
    """Two Gaussian blobs in 2-D, one per class.

    Class 0 is centred at ``(-separation / 2, 0)``, class 1 at ``(+separation / 2, 0)``;
    both have unit variance in each direction. The first ``n // 2`` rows are class 0,
    the rest class 1.

    Parameters
    ----------
    n : int, default 200
        Total number of points (>= 2).
    separation : float, default 2.0
        Distance between the two centres, in standard deviations (>= 0). With 0 the
        classes cannot be told apart; with 4 they barely overlap.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64 in {0, 1}

    Examples
    --------
    >>> X, y = make_blobs_binary(100, separation=3.0)
    >>> X.shape, y.shape, int(y.sum())
    ((100, 2), (100,), 50)
    >>> bool(X[y == 1, 0].mean() > X[y == 0, 0].mean())
    True
    """
    n = check_int(n, "n", minimum=2)
    separation = check_real(separation, "separation", low=0.0)
    rng = check_seed(seed)
    n0 = n // 2
    y = np.zeros(n, dtype=np.int64)
    y[n0:] = 1
    X = rng.standard_normal((n, 2))
    X[:, 0] += np.where(y == 1, separation / 2.0, -separation / 2.0)
    return X, y


def make_imbalanced(n_majority=1000, ratio=None, *, n_minority=None, separation=2.0, seed=0):
    """Binary 2-D data with a chosen imbalance ratio; class 1 is the minority.

    The majority class (0) is a unit Gaussian centred at ``(-separation / 2, 0)``, the
    minority class (1) a unit Gaussian at ``(+separation / 2, 0)``.

    The rows are not shuffled: the ``n_majority`` majority points come first, then the
    minority points. The two classes are drawn from separate random streams, so with an
    int ``seed`` the majority points do not depend on the ratio, and the minority points
    for a smaller minority are the first rows of those for a larger one: moving an
    imbalance slider removes or adds points instead of redrawing the cloud.

    Parameters
    ----------
    n_majority : int, default 1000
        Number of majority (class 0) points, >= 1.
    ratio : float, optional
        Imbalance ratio ``n_majority / n_minority`` in [1, 1000]; the minority count is
        ``max(1, round(n_majority / ratio))``. Default 10 when ``n_minority`` is not given.
    n_minority : int, optional
        Number of minority (class 1) points, in [1, n_majority]. Give ``ratio`` or
        ``n_minority``, not both.
    separation : float, default 2.0
        Distance between the class centres in standard deviations (>= 0).
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : ndarray of shape (n_majority + n_minority, 2), float64
    y : ndarray of shape (n_majority + n_minority,), int64 in {0, 1}

    Examples
    --------
    >>> X, y = make_imbalanced(1000, ratio=100)
    >>> X.shape, int((y == 0).sum()), int((y == 1).sum())
    ((1010, 2), 1000, 10)
    >>> X2, y2 = make_imbalanced(1000, n_minority=20)
    >>> bool(np.array_equal(X2[:1010], X))   # same majority, nested minority
    True
    """
    n_majority = check_int(n_majority, "n_majority", minimum=1)
    if ratio is not None and n_minority is not None:
        raise ValueError(
            f"give either ratio or n_minority, not both; found ratio={ratio!r} and "
            f"n_minority={n_minority!r}. Drop one of them."
        )
    if n_minority is None:
        ratio = (
            10.0
            if ratio is None
            else check_real(
                ratio,
                "ratio",
                low=1.0,
                high=1000.0,
                fix="Pass n_majority / n_minority from 1 (balanced) to 1000, e.g. ratio=10.",
            )
        )
        n_minority = max(1, int(round(n_majority / ratio)))
    else:
        n_minority = check_int(
            n_minority,
            "n_minority",
            minimum=1,
            maximum=n_majority,
            fix="The minority class needs between 1 and n_majority points.",
        )
    separation = check_real(separation, "separation", low=0.0)
    rng_major, rng_minor = child_rngs(seed, 2)
    X = np.empty((n_majority + n_minority, 2))
    X[:n_majority] = rng_major.standard_normal((n_majority, 2))
    X[n_majority:] = rng_minor.standard_normal((n_minority, 2))
    X[:n_majority, 0] -= separation / 2.0
    X[n_majority:, 0] += separation / 2.0
    y = np.zeros(n_majority + n_minority, dtype=np.int64)
    y[n_majority:] = 1
    return X, y


def make_multiclass_blobs(n_per_class=100, n_classes=3, *, separation=3.0, seed=0):
    """``n_classes`` Gaussian blobs in 2-D, centres evenly spaced on a circle.

    The centres lie on a circle of radius ``separation / (2 sin(pi / K))``, so that
    neighbouring centres are ``separation`` apart (for K = 2, two points ``separation``
    apart). Rows are grouped by class: class 0 first.

    Parameters
    ----------
    n_per_class : int, default 100
        Points per class (>= 1).
    n_classes : int, default 3
        Number of classes K (>= 2).
    separation : float, default 3.0
        Distance between neighbouring centres, in standard deviations (>= 0).
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : ndarray of shape (n_per_class * n_classes, 2), float64
    y : ndarray of shape (n_per_class * n_classes,), int64 in 0..n_classes-1

    Examples
    --------
    >>> X, y = make_multiclass_blobs(50, 4)
    >>> X.shape, np.bincount(y).tolist()
    ((200, 2), [50, 50, 50, 50])
    """
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1)
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    separation = check_real(separation, "separation", low=0.0)
    rng = check_seed(seed)
    radius = separation / (2.0 * np.sin(np.pi / n_classes))
    angles = 2.0 * np.pi * np.arange(n_classes) / n_classes
    centres = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(n_classes, dtype=np.int64), n_per_class)
    X = rng.standard_normal((y.size, 2)) + centres[y]
    return X, y


def make_multilabel(n=200, n_labels=3, *, n_features=2, seed=0):
    """Multi-label data: each sample can carry any subset of ``n_labels`` tags.

    Label ``j`` is on when a noisy linear score of the features is positive:
    ``Y[:, j] = (X @ W[:, j] + b[j] + 0.5 * noise > 0)`` with random ``W`` and ``b``.
    The labels are therefore *not* mutually exclusive: a row may have none, one or
    several ones, which is the setting for independent sigmoids with a BCE per label
    (and not for a softmax).

    Parameters
    ----------
    n : int, default 200
        Number of samples (>= 1).
    n_labels : int, default 3
        Number of labels (>= 1).
    n_features : int, default 2
        Number of features (>= 1).
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : ndarray of shape (n, n_features), float64
    Y : ndarray of shape (n, n_labels), int64 of 0/1

    Examples
    --------
    >>> X, Y = make_multilabel(500, 4)
    >>> X.shape, Y.shape, sorted(np.unique(Y).tolist())
    ((500, 2), (500, 4), [0, 1])
    >>> bool((Y.sum(axis=1) > 1).any())   # several labels at once happen
    True
    """
    n = check_int(n, "n", minimum=1)
    n_labels = check_int(n_labels, "n_labels", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    rng = check_seed(seed)
    W = rng.standard_normal((n_features, n_labels))
    b = rng.uniform(-0.5, 0.5, size=n_labels)
    X = rng.standard_normal((n, n_features))
    noise = rng.standard_normal((n, n_labels))
    Y = (X @ W + b + 0.5 * noise > 0).astype(np.int64)
    return X, Y


def make_regression_with_outliers(n=50, outlier_fraction=0.1, *, seed=0, return_outlier_mask=False):
    """House prices against living area, with a few gross outliers.

    Sizes are uniform in [40, 200] m²; the clean prices follow
    ``price = HOUSE_PRICE_INTERCEPT + HOUSE_PRICE_SLOPE * size + noise`` (thousands of
    euros, i.e. 50 k€ + 3 k€ per m², Gaussian noise with standard deviation 25 k€).
    ``round(outlier_fraction * n)`` randomly chosen houses then get a gross error of
    +300 to +600 k€ (think: a data-entry error, or a villa by the sea), which pulls an
    MSE fit far more than an MAE or Huber fit.

    Parameters
    ----------
    n : int, default 50
        Number of houses (>= 2).
    outlier_fraction : float, default 0.1
        Fraction of houses that are outliers, in [0, 0.5).
    seed : int or numpy.random.Generator, default 0
    return_outlier_mask : bool, default False
        Also return the boolean mask of the outliers.

    Returns
    -------
    size_m2 : ndarray of shape (n,), float64
        Living area in m².
    price : ndarray of shape (n,), float64
        Price in thousands of euros.
    is_outlier : ndarray of shape (n,), bool
        Only when ``return_outlier_mask=True``.

    Examples
    --------
    >>> size, price, out = make_regression_with_outliers(100, 0.05, return_outlier_mask=True)
    >>> size.shape, price.shape, int(out.sum())
    ((100,), (100,), 5)
    >>> slope = np.polyfit(size[~out], price[~out], 1)[0]
    >>> bool(abs(slope - HOUSE_PRICE_SLOPE) < 0.3)
    True
    """
    n = check_int(n, "n", minimum=2)
    outlier_fraction = check_real(
        outlier_fraction,
        "outlier_fraction",
        low=0.0,
        high=0.5,
        high_open=True,
        fix="Outliers must stay a minority, e.g. outlier_fraction=0.1.",
    )
    rng = check_seed(seed)
    size = rng.uniform(40.0, 200.0, size=n)
    price = (
        HOUSE_PRICE_INTERCEPT
        + HOUSE_PRICE_SLOPE * size
        + HOUSE_PRICE_NOISE * rng.standard_normal(n)
    )
    n_out = int(round(outlier_fraction * n))
    is_outlier = np.zeros(n, dtype=bool)
    if n_out:
        idx = rng.choice(n, size=n_out, replace=False)
        is_outlier[idx] = True
        price[idx] += rng.uniform(300.0, 600.0, size=n_out)
    if return_outlier_mask:
        return size, price, is_outlier
    return size, price


# --------------------------------------------------------------------------- explorers' data
def make_house_prices(n=50, *, seed=0):
    """Chapter 08's houses before their outliers, and an order in which to make outliers of them.

    The data of :class:`lossviz.explorers.RegressionExplorer`, which lifts the first
    ``n_outliers`` houses of ``outlier_order`` by a chosen amount.

    Parameters
    ----------
    n : int >= 2, default 50
        Number of houses.
    seed : int >= 0, default 0
        The same seed as :func:`make_regression_with_outliers` (a ``Generator`` is not accepted:
        the houses are drawn twice, once with the chapter's outliers to find which they are).

    Returns
    -------
    size_m2 : ndarray of shape (n,)
        Living area in m², as in :func:`make_regression_with_outliers` with this ``n`` and seed.
    clean_price : ndarray of shape (n,)
        Price in k€ before any outlier is added.
    outlier_order : ndarray of int64, shape (n,)
        Every house once: first the ones that ``make_regression_with_outliers(n, 0.1, seed=seed)``
        turns into outliers (in index order), then the others in an order drawn with
        ``numpy.random.default_rng(seed + 1)``.

    Examples
    --------
    >>> size, clean, order = make_house_prices()
    >>> size.shape, clean.shape, sorted(order.tolist()) == list(range(50))
    ((50,), (50,), True)
    >>> _, price, out = make_regression_with_outliers(50, 0.1, return_outlier_mask=True)
    >>> bool(np.all(price[~out] == clean[~out]))
    True
    >>> sorted(order[:5].tolist()) == np.flatnonzero(out).tolist()
    True
    """
    seed = check_int(
        seed, "seed", minimum=0, fix="Pass a whole number such as seed=0 (not a Generator)."
    )
    size, clean = make_regression_with_outliers(n, 0.0, seed=seed)
    _, _, chapter_mask = make_regression_with_outliers(n, 0.1, seed=seed, return_outlier_mask=True)
    first = np.flatnonzero(chapter_mask)
    rest = np.flatnonzero(~chapter_mask)
    rest = rest[np.random.default_rng(seed + 1).permutation(rest.size)]
    return size, clean, np.concatenate([first, rest]).astype(np.int64)


def multilabel_target_patterns(k):
    """Every non-zero 0/1 target of ``k`` labels, as strings ``"1,0,1"``, fewest labels first.

    The targets offered by :class:`lossviz.explorers.MultiLabelExplorer` (the all-zero target is
    left out: it cannot be normalised into a distribution for a softmax).  There are
    :math:`2^k - 1` of them.

    Parameters
    ----------
    k : int, 1 to 10
        Number of labels.

    Returns
    -------
    list of str

    Examples
    --------
    >>> multilabel_target_patterns(3)
    ['1,0,0', '0,1,0', '0,0,1', '1,1,0', '1,0,1', '0,1,1', '1,1,1']
    >>> len(multilabel_target_patterns(4))
    15
    """
    k = check_int(k, "k", minimum=1, maximum=10, fix="Pass the number of labels, e.g. k=3.")
    out = []
    for m in range(1, k + 1):
        for on in itertools.combinations(range(k), m):
            out.append(",".join("1" if j in on else "0" for j in range(k)))
    return out
