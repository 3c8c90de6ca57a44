r"""Information measures of discrete distributions: entropy, cross-entropy, KL divergence.

All in nats by default; ``base=2`` gives bits.  The distributions are checked (non-negative,
summing to 1 along ``axis``) and never renormalised.  ``0 · log 0 = 0``.

.. math::
    H(p) = -\sum_i p_i \log p_i, \qquad
    H(p, q) = -\sum_i p_i \log q_i, \qquad
    D_{\mathrm{KL}}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p) \ge 0.

:math:`H(p, q) = H(p)` when :math:`q = p`; it is the KL divergence, not the cross-entropy, that is
0 there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._validation import as_float_array, check_distribution, check_same_shape, ignore_underflow

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


__all__ = ["entropy", "cross_entropy", "kl_divergence"]


def _dist(x, name, axis):
    arr = as_float_array(x, name, purpose="a distribution")
    if arr.ndim == 0:
        raise ValueError(
            f"{name} must be a distribution with at least one outcome (1-D); found a scalar."
        )
    check_distribution(arr, name, axis=axis)
    return arr


def _base(base):
    if base is None:
        return 1.0
    if isinstance(base, (bool, np.bool_)) or not isinstance(
        base, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"base must be None (nats) or a number > 0 other than 1; found {type(base).__name__}."
        )
    if not (np.isfinite(base) and base > 0 and base != 1):
        raise ValueError(
            f"base must be a finite number > 0 other than 1 (2 for bits, e for nats); found "
            f"base={base!r}."
        )
    return float(np.log(base))


def _out(x):
    x = np.asarray(x)
    return x.item() if x.ndim == 0 and x.dtype == np.float64 else x[()]


@ignore_underflow
def entropy(p: ArrayLike, *, base: float | None = None, axis: int = -1) -> np.ndarray | float:
    r"""Entropy :math:`H(p) = -\sum_i p_i \log p_i`: the mean surprise of outcomes drawn from ``p``.

    Parameters
    ----------
    p : array_like
        Probabilities along ``axis``, non-negative and summing to 1.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` bits.
    axis : int, default -1

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> entropy([1.0, 0.0])
    0.0
    >>> entropy([0.5, 0.6])
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along axis -1; found a sum of 1.1 (off by +0.1). Normalise it
    yourself (p / p.sum(axis=-1, keepdims=True)) if that is what you mean; lossviz does not
    renormalise silently.
    """
    lb = _base(base)
    p = _dist(p, "p", axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0)
    h = -np.sum(terms, axis=axis) / lb
    return _out(h + 0.0)  # + 0.0 turns -0.0 (a certain outcome) into 0.0


@ignore_underflow
def cross_entropy(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> np.ndarray | float:
    r"""Cross-entropy :math:`H(p, q) = -\sum_i p_i \log q_i`: the average code length when outcomes
    from ``p`` are coded with a code built for ``q``.

    ``inf`` when ``q`` gives probability 0 to an outcome that ``p`` gives weight.  At ``q = p`` it
    equals the entropy :math:`H(p)`, not 0.

    Examples
    --------
    >>> round(cross_entropy([1.0, 0.0], [0.8, 0.2]), 3)
    0.223
    >>> p = [0.5, 0.5]
    >>> cross_entropy(p, p, base=2)
    1.0
    """
    lb = _base(base)
    p = _dist(p, "p", axis)
    q = _dist(q, "q", axis)
    check_same_shape(p, q, "p", "q")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(q), 0)
    return _out(0.0 - np.sum(terms, axis=axis) / lb)


def _kl_terms(p, q):
    r"""Per-outcome terms :math:`p \log(p/q) - p + q` (``scipy.special.kl_div``), each ``>= 0``.

    For distributions the ``- p + q`` parts sum to 0, so the terms sum to
    :math:`\sum_i \mathrm{rel\_entr}(p_i, q_i)` up to rounding; unlike the plain ``rel_entr``
    terms, each one is non-negative in floating point too, so their sum never rounds below 0.
    Written :math:`q\,f(r)` with :math:`r = p/q`, :math:`f(r) = r \log r - r + 1`, and near
    :math:`r = 1` (:math:`|t| < 10^{-2}`, :math:`t = r - 1`) the series
    :math:`f = \sum_{k \ge 2} (-1)^k t^k / (k(k-1))`, free of the cancellation of the direct form.
    Conventions: ``p = 0`` gives ``q``; ``q = 0 < p`` gives ``inf``.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        both = (p > 0) & (q > 0)
        r = np.where(both, p / np.where(q > 0, q, 1), 1)
        t = r - 1
        near = np.abs(t) < 1e-2
        mid = (r >= 0.5) & (r <= 2) & ~near
        series = (
            t
            * t
            * (
                0.5
                + t
                * (
                    -1 / 6
                    + t
                    * (
                        1 / 12
                        + t * (-1 / 20 + t * (1 / 30 + t * (-1 / 42 + t * (1 / 56 - t / 72))))
                    )
                )
            )
        )
        direct = (1 + t) * np.log1p(np.where(mid, t, 0)) - t
        far = p * (np.log(np.where(both, p, 1)) - np.log(np.where(both, q, 1))) - p + q
        terms = np.where(near, q * series, np.where(mid, q * direct, far))
        terms = np.where(both, terms, np.where(p > 0, np.inf, q))
    return np.maximum(terms, 0)  # only a -0.0 can reach this: every branch is >= 0 by construction


@ignore_underflow
def kl_divergence(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> np.ndarray | float:
    r"""Kullback–Leibler divergence :math:`D_{\mathrm{KL}}(p\|q) = \sum_i p_i \log(p_i / q_i)`.

    It equals :math:`H(p, q) - H(p)`.

    Non-negative (also in floating point: it never rounds below 0), 0 exactly when ``p == q``, not
    symmetric; ``inf`` when ``q`` is 0 where ``p`` is not.  Each outcome contributes
    :math:`p_i \log(p_i/q_i) - p_i + q_i \ge 0`; the added :math:`-p_i + q_i` sum to 0 for two
    distributions, so the result agrees with ``scipy.special.rel_entr(p, q).sum()`` and
    ``scipy.stats.entropy(p, q)`` to rounding, without their tiny negative values for nearly
    equal ``p`` and ``q``.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> p, q = [0.5, 0.5], [0.9, 0.1]
    >>> round(kl_divergence(p, q), 4), round(kl_divergence(q, p), 4)
    (0.5108, 0.368)
    >>> kl_divergence([1.0, 0.0], [0.0, 1.0])
    inf

    Nearly equal distributions: ``p log p - p log q`` rounds below 0, this does not.

    >>> x, y = 0.9456657713430001, 0.9456657713430094
    >>> p, q = np.array([x, 1 - x]), np.array([y, 1 - y])
    >>> float(np.sum(p * (np.log(p) - np.log(q)))) < 0, kl_divergence(p, q) >= 0
    (True, True)
    """
    lb = _base(base)
    p = _dist(p, "p", axis)
    q = _dist(q, "q", axis)
    check_same_shape(p, q, "p", "q")
    return _out(np.sum(_kl_terms(p, q), axis=axis) / lb)
