r"""Binary cross-entropy on targets in [0, 1] is not a likelihood: the continuous Bernoulli.

For a target :math:`y \in [0, 1]` and a prediction :math:`\lambda \in (0, 1)`, BCE is
:math:`-y\log\lambda - (1-y)\log(1-\lambda) = -\log\bigl(\lambda^y(1-\lambda)^{1-y}\bigr)`.
For :math:`y \in \{0, 1\}` that is the negative log of a Bernoulli probability; for the values in
between, :math:`\lambda^y(1-\lambda)^{1-y}` is not a density on [0, 1]: its integral is

.. math:: \int_0^1 \lambda^y (1-\lambda)^{1-y}\,dy
          = \frac{2\lambda - 1}{\log\lambda - \log(1-\lambda)} = \frac{1}{C(\lambda)} \le \tfrac12,

with :math:`C(\tfrac12) = 2`.  The *continuous Bernoulli* (Loaiza-Ganem & Cunningham, NeurIPS
2019) is the normalised density :math:`C(\lambda)\,\lambda^y(1-\lambda)^{1-y}`, whose negative
log-likelihood is BCE :math:`- \log C(\lambda)`.  BCE itself is the cross-entropy between two
Bernoulli distributions, Bernoulli(y) and Bernoulli(λ), a fine loss with its minimum at
:math:`\lambda = y`, but not the likelihood of a continuous target: the missing
:math:`\log C(\lambda)` depends on λ, so the maximum-likelihood λ differs.

Functions: :func:`cb_log_norm` (:math:`\log C`), :func:`bernoulli_density_integral`
(:math:`1/C`), :func:`cb_mean` (the mean of the continuous Bernoulli), :func:`cb_nll` and
:func:`cb_mle` (the λ that maximises the likelihood of targets).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite, check_unit_interval
from .losses import bce

__all__ = ["cb_log_norm", "bernoulli_density_integral", "cb_mean", "cb_nll", "cb_mle"]

_SERIES = 1e-4  # |1 - 2λ| below this: Taylor series instead of the closed forms


def _lam(lam):
    a = as_float_array(lam, "lam", dtype=np.float64)
    check_finite(a, "lam")
    if a.size and (a.min() <= 0 or a.max() >= 1):
        raise ValueError(
            f"lam must lie strictly inside (0, 1); found min={a.min():g}, max={a.max():g}. "
            "The continuous Bernoulli's normaliser is infinite at 0 and 1; pass sigmoid(logits)."
        )
    return a


def _out(v):
    return float(v) if np.ndim(v) == 0 else v


def cb_log_norm(lam):
    r""":math:`\log C(\lambda)`, :math:`C(\lambda) = 2\,\mathrm{artanh}(1-2\lambda)/(1-2\lambda)`,
    :math:`C(\tfrac12) = 2`: what BCE misses to be a log density on [0, 1].

    Examples
    --------
    >>> round(cb_log_norm(0.5), 6), round(float(np.log(2)), 6)
    (0.693147, 0.693147)
    >>> cb_log_norm([0.1, 0.9]).round(4)
    array([1.0103, 1.0103])
    """
    a = _lam(lam)
    u = 1.0 - 2.0 * a
    small = np.abs(u) < _SERIES
    us = np.where(small, 0.5, u)  # placeholder where the series is used
    closed = np.log(2.0 * np.arctanh(us) / us)
    series = np.log(2.0) + np.log1p(u * u / 3.0 + u**4 / 5.0)
    return _out(np.where(small, series, closed))


def bernoulli_density_integral(lam):
    r""":math:`\int_0^1 \lambda^y(1-\lambda)^{1-y}\,dy = 1/C(\lambda)`: never 1: it is ½ at
    λ = ½ and smaller elsewhere.

    Examples
    --------
    >>> round(bernoulli_density_integral(0.5), 6)
    0.5
    >>> y = np.linspace(0, 1, 100001); lam = 0.1
    >>> round(float(np.trapezoid(lam**y * (1 - lam) ** (1 - y), y)), 6)
    0.364096
    >>> round(bernoulli_density_integral(lam), 6)
    0.364096
    """
    return _out(np.exp(-np.asarray(cb_log_norm(lam))))


def cb_mean(lam):
    r"""The mean of the continuous Bernoulli,
    :math:`\lambda/(2\lambda - 1) + 1/(2\,\mathrm{artanh}(1 - 2\lambda))`, ½ at λ = ½.

    Examples
    --------
    >>> round(cb_mean(0.5), 6), round(cb_mean(0.1), 4)
    (0.5, 0.3301)
    """
    a = _lam(lam)
    u = 1.0 - 2.0 * a
    small = np.abs(u) < _SERIES
    us = np.where(small, 0.5, u)
    closed = -np.where(small, 0.25, a) / us + 1.0 / (2.0 * np.arctanh(us))
    series = 0.5 - u / 6.0  # first-order expansion about λ = ½
    return _out(np.where(small, series, closed))


def cb_nll(y, lam, *, reduction="mean"):
    r"""The continuous Bernoulli's negative log-likelihood: ``bce(y, lam) - log C(lam)``.

    Examples
    --------
    >>> round(cb_nll([0.3], [0.3]), 4), round(float(bce([0.3], [0.3])), 4)
    (-0.1397, 0.6109)
    """
    a = _lam(lam)
    yy = as_float_array(y, "y", dtype=np.float64)
    check_unit_interval(yy, "y")
    per = bce(yy, a, reduction="none") - np.asarray(cb_log_norm(a))
    if reduction == "none":
        return per
    if reduction == "sum":
        return float(per.sum())
    if reduction == "mean":
        return float(per.mean())
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none'; found {reduction!r}.")


def cb_mle(y):
    r"""The λ that maximises the continuous-Bernoulli likelihood of targets ``y`` (all sharing one
    λ): the λ whose mean :func:`cb_mean` equals the mean of ``y`` (found by bisection).  BCE's
    minimiser is the mean of ``y`` itself; the two differ except at ½.

    Examples
    --------
    >>> round(cb_mle([0.3]), 4), round(cb_mle([0.5]), 4)
    (0.0646, 0.5)
    """
    yy = as_float_array(y, "y", dtype=np.float64)
    check_unit_interval(yy, "y")
    m = float(yy.mean())
    if m <= 0.0 or m >= 1.0:
        raise ValueError(
            f"the mean of y must lie strictly inside (0, 1); found {m:g}: the likelihood then "
            "grows without bound as lam goes to 0 or 1."
        )
    lo, hi = 1e-15, 1.0 - 1e-15
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if cb_mean(mid) < m:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)
