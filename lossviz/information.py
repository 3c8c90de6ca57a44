r"""Information measures of discrete distributions: entropy, cross-entropy, KL divergence (numpy only).

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

import numpy as np

from ._validation import as_float_array, check_distribution, check_same_shape, ignore_underflow

__all__ = ["entropy", "cross_entropy", "kl_divergence"]


def _dist(x, name, axis):
    arr = as_float_array(x, name)
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
            f"base must be a finite number > 0 other than 1 (2 for bits, e for nats); found base={base!r}."
        )
    return float(np.log(base))


def _out(x):
    x = np.asarray(x)
    return x.item() if x.ndim == 0 and x.dtype == np.float64 else x[()]


@ignore_underflow
def entropy(p, *, base=None, axis=-1):
    r"""Entropy :math:`H(p) = -\sum_i p_i \log p_i`: the average surprise of outcomes drawn from ``p``.

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
    ValueError: p must sum to 1 along axis -1; found a sum of 1.1 (off by +0.1). Normalise it yourself (p / p.sum(axis=-1, keepdims=True)) if that is what you mean; lossviz does not renormalise silently.
    """
    lb = _base(base)
    p = _dist(p, "p", axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0)
    h = -np.sum(terms, axis=axis) / lb
    return _out(h + 0.0)  # + 0.0 turns -0.0 (a certain outcome) into 0.0


@ignore_underflow
def cross_entropy(p, q, *, base=None, axis=-1):
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


@ignore_underflow
def kl_divergence(p, q, *, base=None, axis=-1):
    r"""Kullback–Leibler divergence :math:`D_{\mathrm{KL}}(p\|q) = \sum_i p_i \log(p_i / q_i) = H(p, q) - H(p)`.

    Non-negative, 0 exactly when ``p == q``, not symmetric; ``inf`` when ``q`` is 0 where ``p`` is not.
    Agrees with ``scipy.special.rel_entr(p, q).sum()``.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 4), round(kl_divergence([0.9, 0.1], [0.5, 0.5]), 4)
    (0.5108, 0.368)
    """
    lb = _base(base)
    p = _dist(p, "p", axis)
    q = _dist(q, "q", axis)
    check_same_shape(p, q, "p", "q")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log(p) - np.log(q)), 0)
    return _out(np.sum(terms, axis=axis) / lb)
