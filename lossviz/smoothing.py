r"""Label smoothing: the loss against the logit gap, its finite optimum, and held-out calibration.

With smoothed targets :math:`t = (1 - \varepsilon) y + \varepsilon / K`, a model whose true-class
logit exceeds the :math:`K - 1` others (all equal) by a gap :math:`g` has
:math:`p_\text{true} = e^g / (e^g + K - 1)` and loss
:math:`-t_\text{true}\log p_\text{true} - (K - 1)\,\tfrac{\varepsilon}{K}\log p_\text{other}`.
It is smallest where :math:`p = t`, at the finite gap
:math:`g^* = \log\bigl((1 - \varepsilon + \varepsilon / K) / (\varepsilon / K)\bigr)`
(infinite for :math:`\varepsilon = 0`).

:func:`calibration_study` trains softmax regression with several :math:`\varepsilon` and reports,
on held-out test data, accuracy, top-label ECE and NLL — before and after temperature scaling
fitted on a separate validation split (:mod:`lossviz.calibration`). Two settings: the
well-specified blobs of chapter 10 (one-hot training is already calibrated, smoothing makes it
under-confident) and an over-confident one (few points, many noise features, trained long).

Examples
--------
>>> round(optimal_gap(0.1, 3), 4)
3.3322
>>> g = np.linspace(0.0, 10.0, 10001)
>>> round(float(g[np.argmin(gap_loss(g, 0.1, 3))]), 3)
3.332
"""

from __future__ import annotations

import functools

import numpy as np

from ._validation import check_int, check_real
from .calibration import apply_temperature, fit_temperature, temperature_nll, top_label_ece
from .data import make_multiclass_blobs
from .train import train_softmax_regression

__all__ = [
    "smoothed_target",
    "gap_loss",
    "optimal_gap",
    "SETTINGS",
    "calibration_study",
]


def _eps_k(eps, k):
    eps = check_real(eps, "eps", low=0.0, high=1.0, high_open=True, fix="Use e.g. eps=0.1.")
    k = check_int(k, "K", minimum=2, fix="Use e.g. K=3.")
    return eps, k


def smoothed_target(eps, K):
    """The smoothed target row of class 0: ``(1 - eps) * onehot + eps / K``.

    Examples
    --------
    >>> smoothed_target(0.1, 3).round(4).tolist()
    [0.9333, 0.0333, 0.0333]
    """
    eps, k = _eps_k(eps, K)
    return (1.0 - eps) * np.eye(k)[0] + eps / k


def gap_loss(gaps, eps, K):
    """Smoothed cross-entropy (nats) when the true logit leads the ``K - 1`` others by ``gaps``.

    Stable for any finite gap (``logaddexp``); ``eps = 0`` is the one-hot cross-entropy.

    Examples
    --------
    >>> gap_loss([0.0, 20.0], 0.0, 3).round(10).tolist()
    [1.0986122887, 4.1e-09]
    """
    eps, k = _eps_k(eps, K)
    g = np.asarray(gaps, dtype=float)
    log_norm = np.logaddexp(g, np.log(k - 1.0))  # log(e^g + K - 1)
    log_p_true = g - log_norm
    log_p_other = -log_norm
    t_true = 1.0 - eps + eps / k
    return -(t_true * log_p_true + (k - 1) * (eps / k) * log_p_other)


def optimal_gap(eps, K):
    """``log((1 - eps + eps / K) / (eps / K))``: the gap where the smoothed loss is smallest.

    ``inf`` for ``eps = 0`` (the one-hot loss only falls as the gap grows).

    Examples
    --------
    >>> optimal_gap(0.0, 3), round(optimal_gap(0.2, 10), 4)
    (inf, 3.7136)
    """
    eps, k = _eps_k(eps, K)
    if eps == 0.0:
        return float("inf")
    return float(np.log((1.0 - eps + eps / k) / (eps / k)))


#: The two settings of :func:`calibration_study`: training set size per class, blob separation,
#: number of pure-noise features, epochs.
SETTINGS = {
    "well-specified": dict(n_train=100, separation=6.0, noise=0, epochs=2000),
    "over-confident": dict(n_train=20, separation=3.0, noise=30, epochs=3000),
}


def _make(setting, n_per_class, seed):
    s = SETTINGS[setting]
    X, y = make_multiclass_blobs(n_per_class, 3, separation=s["separation"], seed=seed)
    if s["noise"]:
        noise = np.random.default_rng(100 + seed).normal(size=(len(y), s["noise"]))
        X = np.c_[X, noise]
    return X, y


@functools.lru_cache(maxsize=8)
def _study(setting, eps_values, n_bins):
    s = SETTINGS[setting]
    X, y = _make(setting, s["n_train"], seed=0)
    Xv, yv = _make(setting, 200, seed=1)  # validation: fits the temperature
    Xt, yt = _make(setting, 2000, seed=2)  # test: every number reported
    rows = []
    for eps in eps_values:
        fit = train_softmax_regression(X, y, lr=0.5, epochs=s["epochs"], label_smoothing=eps)
        zv, zt = fit.decision_function(Xv), fit.decision_function(Xt)
        t = fit_temperature(zv, yv)
        rows.append(
            {
                "eps": eps,
                "accuracy": float(np.mean(zt.argmax(axis=1) == yt)),
                "confidence": float(apply_temperature(zt, 1.0).max(axis=1).mean()),
                "ece": top_label_ece(yt, apply_temperature(zt, 1.0), n_bins=n_bins),
                "nll": temperature_nll(zt, yt, 1.0),
                "T": t,
                "ece_T": top_label_ece(yt, apply_temperature(zt, t), n_bins=n_bins),
                "nll_T": temperature_nll(zt, yt, t),
                "test_logits": zt,
            }
        )
    return rows, yt


def calibration_study(setting="well-specified", eps_values=(0.0, 0.05, 0.1, 0.2), n_bins=15):
    """Held-out accuracy, confidence, ECE and NLL for each ``eps``, with and without a fitted
    temperature.

    Three seeded splits from the same generator: training (seed 0), validation (seed 1, 200 per
    class: fits the temperature) and test (seed 2, 2000 per class: every reported number).

    Parameters
    ----------
    setting : {"well-specified", "over-confident"}
        See :data:`SETTINGS`.
    eps_values : tuple of float
    n_bins : int, default 15
        Bins of the top-label ECE (Guo et al., 2017).

    Returns
    -------
    rows : list of dict
        Per ``eps``: ``accuracy``, ``confidence`` (mean largest probability), ``ece``, ``nll``
        (nats), ``T`` (fitted temperature), ``ece_T``, ``nll_T``, ``test_logits``.
    y_test : ndarray

    Examples
    --------
    >>> rows, _ = calibration_study(eps_values=(0.0, 0.1))
    >>> [(r["eps"], round(r["ece"], 4), round(r["nll"], 4)) for r in rows]
    [(0.0, 0.0019, 0.0122), (0.1, 0.0931, 0.1077)]
    """
    if setting not in SETTINGS:
        raise ValueError(
            f"setting must be one of {', '.join(map(repr, SETTINGS))}; found {setting!r}. "
            f"Use setting='well-specified'."
        )
    eps_values = tuple(float(_eps_k(e, 3)[0]) for e in eps_values)
    n_bins = check_int(n_bins, "n_bins", minimum=1, fix="Use e.g. n_bins=15.")
    rows, yt = _study(setting, eps_values, n_bins)
    return [dict(r) for r in rows], yt.copy()
