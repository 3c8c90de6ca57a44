r"""Robust regression beyond a fixed Huber δ: joint scale, quantiles, leverage, Monte Carlo.

Chapter 08's second half (numpy only, deterministic):

* :func:`smooth_l1` — PyTorch's ``SmoothL1Loss``; Huber with threshold δ is exactly
  :math:`\delta \cdot \mathrm{SmoothL1}_{\beta=\delta}`.
* :func:`pinball_loss` and :func:`best_quantile_constant` — the quantile (pinball) loss, whose
  best constant is a τ-quantile of the data; :func:`fit_line_quantile` — the exact quantile
  regression line (a line through two data points, found by checking every pair).
* :func:`fit_line_huber_scale` — Huber regression with the scale σ estimated jointly with the
  line, scikit-learn's ``HuberRegressor`` objective
  :math:`\sum_i \sigma + \sigma\,H_\varepsilon(r_i/\sigma)` (Owen 2007), so that δ = εσ follows
  the data's units.
* :func:`theil_sen` — the median of the pairwise slopes, robust to outliers in x as well.
* :func:`make_leverage_outliers` — chapter 08's houses with some areas typed in square feet.
* :func:`slope_spread` — the price of robustness: the spread of the fitted slope over many seeds
  under each loss, with and without outliers.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    as_float_array,
    check_finite,
    check_int,
    check_real,
    check_reduction,
    check_same_shape,
    reduce,
)
from .data import HOUSE_PRICE_SLOPE, make_regression_with_outliers
from .regression import LineFit, fit_line

__all__ = [
    "smooth_l1",
    "pinball_loss",
    "best_quantile_constant",
    "fit_line_quantile",
    "HuberScaleFit",
    "fit_line_huber_scale",
    "theil_sen",
    "make_leverage_outliers",
    "SQUARE_FEET_PER_M2",
    "slope_spread",
]

#: One square metre in square feet (the unit the leverage outliers were typed in).
SQUARE_FEET_PER_M2 = 10.7639


def _pair(y_true, y_pred, reduction):
    check_reduction(reduction)
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    p = as_float_array(y_pred, "y_pred", dtype=np.float64)
    check_same_shape(y, p, "y_true", "y_pred")
    check_finite(y, "y_true")
    check_finite(p, "y_pred")
    return y, p


def _xy(x, y):
    x = as_float_array(x, "x", dtype=np.float64)
    y = as_float_array(y, "y", dtype=np.float64)
    if x.ndim != 1 or x.shape != y.shape or x.size < 2:
        raise ValueError(
            "x and y must be 1-D arrays of the same length >= 2; "
            f"found shapes {x.shape} and {y.shape}. Pass one value per point, e.g. x.ravel()."
        )
    check_finite(x, "x")
    check_finite(y, "y")
    if np.ptp(x) == 0:
        raise ValueError("x must take at least two different values to fit a line; found one.")
    return x, y


# --------------------------------------------------------------------------- Huber = δ·SmoothL1
def smooth_l1(y_true, y_pred, *, beta=1.0, reduction="mean"):
    r"""PyTorch's ``SmoothL1Loss``: :math:`\tfrac12 d^2/\beta` for :math:`|d| < \beta`, else
    :math:`|d| - \tfrac12\beta`; ``beta=0`` is the absolute error.

    Huber with threshold δ (``torch.nn.HuberLoss``, :func:`lossviz.huber`) is
    :math:`\delta\cdot\mathrm{SmoothL1}_{\beta=\delta}`: the same shape, scaled by δ, so the two
    losses give the same minimiser and gradients that differ by the factor δ.

    Examples
    --------
    >>> smooth_l1([0.0, 0.0, 0.0], [0.5, 1.0, 3.0], reduction="none")
    array([0.125, 0.5  , 2.5  ])
    >>> smooth_l1([0.0], [3.0], beta=0.0)
    3.0
    >>> smooth_l1([0.0], [1.0], beta=-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: beta must be a finite number >= 0; found beta=-1. ...
    """
    if isinstance(beta, (bool, np.bool_)) or not isinstance(
        beta, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"beta must be a number >= 0; found {type(beta).__name__} {beta!r}.")
    if not np.isfinite(beta) or beta < 0:
        raise ValueError(
            f"beta must be a finite number >= 0; found beta={beta!r}. "
            "The usual choice is beta=1.0 (0 gives the absolute error)."
        )
    y, p = _pair(y_true, y_pred, reduction)
    d = np.abs(p - y)
    if beta == 0:
        return reduce(d, reduction)
    return reduce(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), reduction)


# --------------------------------------------------------------------------- quantiles
def _check_tau(tau):
    return check_real(
        tau,
        "tau",
        low=0.0,
        high=1.0,
        low_open=True,
        high_open=True,
        fix="tau is the quantile level, e.g. tau=0.9 for the 90th percentile.",
    )


def pinball_loss(y_true, y_pred, *, tau=0.5, reduction="mean"):
    r"""The quantile (pinball) loss :math:`\rho_\tau(r) = \max(\tau r, (\tau - 1) r)`,
    :math:`r = y - \hat y`.

    Under-predictions cost τ per unit, over-predictions 1 − τ; τ = ½ is half the absolute
    error.  The mean agrees with scikit-learn's ``mean_pinball_loss(y, ŷ, alpha=tau)``.

    Examples
    --------
    >>> pinball_loss([1.0, 1.0], [0.0, 2.0], tau=0.9, reduction="none")
    array([0.9, 0.1])
    >>> pinball_loss([1.0, 1.0], [0.0, 2.0], tau=0.5)
    0.5
    """
    tau = _check_tau(tau)
    y, p = _pair(y_true, y_pred, reduction)
    r = y - p
    return reduce(np.maximum(tau * r, (tau - 1.0) * r), reduction)


class QuantileConstant(NamedTuple):
    """The constants that minimise the mean pinball loss: every value in ``[low, high]``."""

    low: float
    high: float
    loss: float


def best_quantile_constant(y, tau):
    r"""The constants :math:`c` that minimise the mean pinball loss over ``y``: a τ-quantile.

    The loss is piecewise linear in :math:`c` with slope
    :math:`\#\{y_i < c\}/n - \tau` (for :math:`c` between data points), so it is smallest where
    that slope changes sign: at the order statistic :math:`y_{(\lceil n\tau\rceil)}`, and on the
    whole interval :math:`[y_{(n\tau)}, y_{(n\tau + 1)}]` when :math:`n\tau` is a whole number.
    Found here by evaluating the loss at every data point (a minimum is always at one).

    Returns
    -------
    QuantileConstant
        ``(low, high, loss)``: the minimising interval and the minimum mean loss.

    Examples
    --------
    >>> best_quantile_constant([1.0, 2.0, 3.0, 10.0], 0.5)
    QuantileConstant(low=2.0, high=3.0, loss=1.25)
    >>> best_quantile_constant([1.0, 2.0, 3.0, 10.0], 0.9)[:2]
    (10.0, 10.0)
    """
    tau = _check_tau(tau)
    yy = np.sort(as_float_array(y, "y", dtype=np.float64).ravel())
    check_finite(yy, "y")
    r = yy[None, :] - yy[:, None]  # row c = yy[j]
    losses = np.maximum(tau * r, (tau - 1.0) * r).mean(axis=1)
    best = losses.min()
    tie = np.flatnonzero(losses <= best + 1e-12 * (1.0 + abs(best)))
    return QuantileConstant(float(yy[tie[0]]), float(yy[tie[-1]]), float(best))


def fit_line_quantile(x, y, *, tau=0.5):
    r"""The exact quantile-regression line: minimise the mean pinball loss of :math:`a + b x`.

    The problem is a linear programme, and a solution passes through two data points; every
    pair is checked (``n`` ≤ 400).  About a fraction τ of the points lie below the line.

    Returns
    -------
    LineFit
        with ``loss="pinball"`` and ``n_iter`` 0.

    Examples
    --------
    >>> x = np.arange(5.0); y = 2 * x + np.array([0.0, 1.0, -1.0, 0.5, 0.0])
    >>> f = fit_line_quantile(x, y, tau=0.5); round(f.intercept, 3), round(f.slope, 3)
    (0.0, 2.0)
    """
    tau = _check_tau(tau)
    x, y = _xy(x, y)
    if x.size > 400:
        raise ValueError(
            f"fit_line_quantile checks every pair of points and allows n <= 400; found n={x.size}."
            " Fit on a subsample, or use sklearn.linear_model.QuantileRegressor."
        )
    i, j = np.triu_indices(x.size, k=1)
    ok = x[i] != x[j]
    i, j = i[ok], j[ok]
    b = (y[j] - y[i]) / (x[j] - x[i])
    a = y[i] - b * x[i]
    best, coef = np.inf, (0.0, 0.0)
    for s in range(0, a.size, 4096):
        r = y[None, :] - (a[s : s + 4096, None] + b[s : s + 4096, None] * x[None, :])
        loss = np.maximum(tau * r, (tau - 1.0) * r).mean(axis=1)
        k = int(np.argmin(loss))
        if loss[k] < best:
            best, coef = float(loss[k]), (float(a[s + k]), float(b[s + k]))
    return LineFit(coef[0], coef[1], "pinball", 0)


# --------------------------------------------------------------------------- Huber, joint scale
class HuberScaleFit(NamedTuple):
    """A Huber line with its jointly estimated scale; the outlier threshold is ``epsilon·scale``."""

    intercept: float
    slope: float
    scale: float
    epsilon: float
    n_iter: int

    @property
    def delta(self):
        """The Huber threshold in the units of ``y``: ``epsilon * scale``."""
        return self.epsilon * self.scale

    def predict(self, x):
        """``intercept + slope * x``."""
        return self.intercept + self.slope * np.asarray(x, dtype=np.float64)


def _huber_scale_objective(r, sigma, eps):
    z = np.abs(r) / sigma
    h = np.where(z > eps, 2.0 * eps * z - eps * eps, z * z)
    return float(np.sum(sigma + sigma * h))


def _best_scale(r, eps):
    """The σ > 0 minimising Σ σ + σ H_ε(r/σ) for fixed residuals (exact, by the inlier count)."""
    a = np.sort(np.abs(r))
    n = a.size
    if a[-1] == 0:
        return 0.0
    s = np.concatenate([[0.0], np.cumsum(a * a)])  # s[k]: sum of the k smallest squares
    k = np.arange(n + 1)
    den = n - (n - k) * eps * eps
    with np.errstate(divide="ignore", invalid="ignore"):
        sig = np.sqrt(np.where(den > 0, s / den, np.inf))
    lo = np.concatenate([[0.0], a])  # the k-th smallest |r| must be an inlier: <= eps·σ
    hi = np.concatenate([a, [np.inf]])  # the next one an outlier: > eps·σ
    ok = (den > 0) & (lo <= eps * sig) & (eps * sig < hi)
    return float(sig[np.flatnonzero(ok)[0]])


def fit_line_huber_scale(x, y, *, epsilon=1.35, max_iter=500, tol=1e-10):
    r"""Huber regression with the scale estimated jointly: scikit-learn's ``HuberRegressor``.

    Minimises (with no penalty, ``alpha=0`` in scikit-learn)

    .. math:: \sum_i \Bigl(\sigma + \sigma\,H_\varepsilon\bigl(\tfrac{y_i - a - b x_i}{\sigma}\bigr)
              \Bigr), \qquad H_\varepsilon(z) = \begin{cases} z^2 & |z| \le \varepsilon \\
              2\varepsilon|z| - \varepsilon^2 & \text{otherwise,}\end{cases}

    jointly convex in :math:`(a, b, \sigma)`.  For a fixed σ the line is the fixed-δ Huber line
    with :math:`\delta = \varepsilon\sigma` (:func:`lossviz.regression.fit_line`); for a fixed line
    the best σ has a closed form given which residuals are inliers.  Here the two alternate: one
    reweighted least-squares step for the line (weights :math:`\min(1, \varepsilon\sigma/|r|)`),
    then the exact σ, until nothing moves.  The fit is equivariant: multiply ``y`` by
    1000 (k€ → €) and the line and σ scale with it, which a fixed δ does not do.

    Parameters
    ----------
    x, y : array_like of shape (n,)
    epsilon : float > 1, default 1.35
        Residuals beyond ``epsilon * scale`` count linearly (1.35 gives 95 % of least squares'
        efficiency under Gaussian noise).
    max_iter : int, default 500
    tol : float, default 1e-10
        Stop when the coefficients and σ change by less than ``tol`` (relative).

    Returns
    -------
    HuberScaleFit
        ``intercept, slope, scale, epsilon, n_iter``; ``.delta`` is ``epsilon * scale``.

    Examples
    --------
    >>> x = np.arange(10.0)
    >>> y = 1 + 2 * x + np.array([0.3, -0.2, 0.1, 0, -0.1, 0.2, -0.3, 0, 0.1, 50])
    >>> f = fit_line_huber_scale(x, y)
    >>> round(f.slope, 2), round(fit_line(x, y).slope, 2)
    (2.02, 4.72)
    """
    x, y = _xy(x, y)
    epsilon = check_real(
        epsilon,
        "epsilon",
        low=1.0,
        low_open=True,
        fix="scikit-learn's default is epsilon=1.35; epsilon <= 1 lets the scale collapse to 0.",
    )
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    A = np.column_stack([np.ones_like(x), x])
    start = fit_line(x, y, loss="mae")
    coef = np.array([start.intercept, start.slope])
    sigma = _best_scale(y - A @ coef, epsilon)
    tiny = 1e-12 * max(1.0, float(np.abs(y).max()))
    it = 0
    while it < max_iter:
        it += 1
        if sigma == 0:
            break
        # one reweighted least-squares step for the line at this σ, then the exact best σ
        w = np.sqrt(np.minimum(1.0, epsilon * sigma / np.maximum(np.abs(y - A @ coef), tiny)))
        new = np.linalg.lstsq(A * w[:, None], y * w, rcond=None)[0]
        new_sigma = _best_scale(y - A @ new, epsilon)
        old = np.array([*coef, sigma])
        coef, sigma = new, new_sigma
        if np.max(np.abs(np.array([*coef, sigma]) - old)) <= tol * (1.0 + np.max(np.abs(old))):
            break
    return HuberScaleFit(float(coef[0]), float(coef[1]), sigma, epsilon, it)


# --------------------------------------------------------------------------- leverage
def theil_sen(x, y):
    r"""The Theil–Sen line: slope = median of the slopes of all pairs, intercept = median of
    :math:`y - b x`.  It withstands up to about 29 % bad points, in x as well as in y.

    Examples
    --------
    >>> x = np.arange(6.0); y = 1 + 2 * x; x[5] = 100.0        # one point far out in x
    >>> f = theil_sen(x, y); round(f.intercept, 2), round(f.slope, 2)
    (1.0, 2.0)
    """
    x, y = _xy(x, y)
    i, j = np.triu_indices(x.size, k=1)
    ok = x[i] != x[j]
    b = float(np.median((y[j[ok]] - y[i[ok]]) / (x[j[ok]] - x[i[ok]])))
    return LineFit(float(np.median(y - b * x)), b, "theil-sen", 0)


def make_leverage_outliers(n=50, n_bad=5, *, seed=0):
    r"""Chapter 08's houses (no price outliers) with ``n_bad`` areas typed in square feet.

    The prices are right; the areas of ``n_bad`` houses (chosen with the seed) are multiplied by
    :data:`SQUARE_FEET_PER_M2`, so those points sit far to the right of the others, at an
    ordinary price: outliers in x (high leverage), not in y.

    Returns
    -------
    (size, price, is_bad) : ndarrays of shape (n,)

    Examples
    --------
    >>> size, price, bad = make_leverage_outliers()
    >>> int(bad.sum()), bool(size[bad].min() > 400)
    (5, True)
    """
    n = check_int(n, "n", minimum=2)
    n_bad = check_int(n_bad, "n_bad", minimum=0, maximum=n // 2)
    size, price = make_regression_with_outliers(n, 0.0, seed=seed)
    bad = np.zeros(n, dtype=bool)
    bad[np.random.default_rng(check_int(seed, "seed", minimum=0) + 1).permutation(n)[:n_bad]] = True
    size = np.where(bad, size * SQUARE_FEET_PER_M2, size)
    return size, price, bad


# --------------------------------------------------------------------------- Monte Carlo
def slope_spread(*, n_seeds=200, n=50, outlier_fraction=0.0, delta=25.0, losses=None):
    r"""The fitted slope over ``n_seeds`` data sets, under each loss: the price of robustness.

    Each seed draws chapter 08's houses (:func:`lossviz.data.make_regression_with_outliers`, true
    slope 3) with ``outlier_fraction`` gross errors and fits a line under each loss
    (``"mse"``, ``"mae"``, ``"huber"`` with ``delta``, ``"huber-scale"`` with ε = 1.35).

    Returns
    -------
    dict
        ``slopes`` ``{loss: ndarray (n_seeds,)}``, ``sd`` and ``mean`` ``{loss: float}``,
        ``rmse`` ``{loss: float}`` (root mean squared error of the slope about the true 3).

    Examples
    --------
    >>> r = slope_spread(n_seeds=20)
    >>> r["sd"]["mse"] < r["sd"]["mae"]
    True
    """
    n_seeds = check_int(n_seeds, "n_seeds", minimum=2)
    losses = ("mse", "mae", "huber") if losses is None else tuple(losses)
    allowed = ("mse", "mae", "huber", "huber-scale")
    for name in losses:
        if name not in allowed:
            raise ValueError(f"losses must be taken from {allowed}; found {name!r}.")
    slopes = {name: np.empty(n_seeds) for name in losses}
    for s in range(n_seeds):
        x, y = make_regression_with_outliers(n, outlier_fraction, seed=s)
        for name in losses:
            if name == "huber-scale":
                slopes[name][s] = fit_line_huber_scale(x, y).slope
            else:
                slopes[name][s] = fit_line(x, y, loss=name, delta=delta).slope
    return {
        "slopes": slopes,
        "sd": {k: float(v.std(ddof=1)) for k, v in slopes.items()},
        "mean": {k: float(v.mean()) for k, v in slopes.items()},
        "rmse": {
            k: float(np.sqrt(np.mean((v - HOUSE_PRICE_SLOPE) ** 2))) for k, v in slopes.items()
        },
    }
