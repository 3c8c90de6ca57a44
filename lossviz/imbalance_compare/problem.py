"""The problem and its remedies: a printable table, data at the true ratio, training."""

from __future__ import annotations

import math
import time
from typing import NamedTuple

import numpy as np

from .._text import ljust, rjust, shown, width
from .._validation import check_int, check_real
from ..activations import sigmoid
from ..data import make_imbalanced
from ..gradients import bce_with_logits_grad, focal_loss_with_logits_grad
from ..i18n import N_, tr
from ..imbalance import class_weights, random_oversample, random_undersample
from ..losses import bce_with_logits, focal_loss_with_logits

__all__ = [
    "REMEDIES",
    "Table",
    "ImbalanceProblem",
    "RemedyFit",
    "true_ratio_counts",
    "make_problem",
    "fit_logistic",
    "fit_remedy",
]


#: The remedies compared: value -> label (English; shown through :func:`lossviz.i18n.tr`).
REMEDIES = {
    "none": N_("none"),
    "class_weights": N_("class weights"),
    "oversample": N_("oversampling"),
    "undersample": N_("undersampling"),
    "focal": N_("focal loss"),
    "prior_correction": N_("weights + prior correction"),
}


# --------------------------------------------------------------------------- a printable table
class Table:
    """Rows of named numbers that print as an aligned text table.

    The rows are English (``t["class weights"]["recall"]``); column names and text cells marked for
    the catalogue are printed in the current language (:mod:`lossviz.i18n`).

    Parameters
    ----------
    rows : list of dict
        One dict per row, the same keys in each; the first key is the row's name.
    digits : int, default 3

    Examples
    --------
    >>> t = Table([{"remedy": "none", "recall": 0.4}, {"remedy": "weights", "recall": 0.85}])
    >>> print(t)
    remedy   recall
    none      0.400
    weights   0.850
    >>> t["weights"]["recall"]
    0.85
    """

    def __init__(self, rows, *, digits=3):
        self.rows = [dict(r) for r in rows]
        self.digits = check_int(digits, "digits", minimum=0)
        self.columns = list(self.rows[0]) if self.rows else []

    def __getitem__(self, name):
        key = self.columns[0]
        for r in self.rows:
            if r[key] == name:
                return r
        raise KeyError(
            f"no row named {name!r}; the rows are {', '.join(repr(r[key]) for r in self.rows)}."
        )

    def column(self, name):
        """The values of one column, as a list."""
        return [r[name] for r in self.rows]

    def _cell(self, v):
        if isinstance(v, (bool, np.bool_)):
            return tr("yes") if v else tr("no")
        if isinstance(v, (int, np.integer)):
            return str(int(v))
        if isinstance(v, (float, np.floating)):
            return f"{float(v):.{self.digits}f}"
        return str(shown(v))

    def __str__(self):
        names = [str(shown(c)) for c in self.columns]
        cells = [[self._cell(r[c]) for c in self.columns] for r in self.rows]
        widths = [max(width(c), *(width(row[i]) for row in cells)) for i, c in enumerate(names)]
        lines = []
        for row in [names, *cells]:
            lines.append(
                "  ".join(
                    ljust(c, w) if i == 0 else rjust(c, w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                ).rstrip()
            )
        return "\n".join(lines)

    __repr__ = __str__


# --------------------------------------------------------------------------- data at the true ratio
def true_ratio_counts(ratio, *, n_minority=20, base_majority=2000):
    """Counts ``(n_majority, n_minority)`` whose ratio is exactly ``ratio``.

    The minority gets ``max(n_minority, round(base_majority / ratio))`` points and the majority
    ``ratio`` times as many (rounded), so the majority grows beyond ``base_majority`` when the
    ratio is large instead of the minority being capped.

    Examples
    --------
    >>> true_ratio_counts(20), true_ratio_counts(500), true_ratio_counts(1000)
    ((2000, 100), (10000, 20), (20000, 20))
    """
    ratio = check_real(
        ratio, "ratio", low=1.0, high=1000.0, fix="Pass n_majority / n_minority, e.g. ratio=100."
    )
    n_minority = check_int(n_minority, "n_minority", minimum=1)
    base_majority = check_int(base_majority, "base_majority", minimum=1)
    n1 = max(n_minority, int(round(base_majority / ratio)))
    return int(round(ratio * n1)), n1


class ImbalanceProblem(NamedTuple):
    """Training and held-out data at one imbalance ratio (see :func:`make_problem`)."""

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    separation: float

    @property
    def counts(self):
        """Training counts ``(n_majority, n_minority)``."""
        return int((self.y == 0).sum()), int((self.y == 1).sum())

    @property
    def test_counts(self):
        """Held-out counts ``(n_majority, n_minority)``."""
        return int((self.y_test == 0).sum()), int((self.y_test == 1).sum())

    @property
    def ratio(self):
        """Training ratio n_majority / n_minority."""
        n0, n1 = self.counts
        return n0 / n1

    @property
    def test_ratio(self):
        """Held-out ratio n_majority / n_minority."""
        n0, n1 = self.test_counts
        return n0 / n1

    @property
    def prior(self):
        """Fraction of the minority (class 1) in the training data."""
        return float(self.y.mean())

    def bayes_logit(self, X):
        """The true log-odds of class 1 at the training prior: ``separation·x₁ + ln(n₁/n₀)``."""
        n0, n1 = self.counts
        return self.separation * np.asarray(X)[:, 0] + math.log(n1 / n0)


def make_problem(
    ratio,
    *,
    n_minority=20,
    base_majority=2000,
    test_minority=100,
    test_factor=5,
    separation=2.0,
    seed=0,
):
    """Training and held-out data at exactly the imbalance ``ratio`` (1 to 1000).

    Two unit Gaussians ``separation`` apart (:func:`lossviz.data.make_imbalanced`); counts by
    :func:`true_ratio_counts` — training with at least ``n_minority`` minority points and
    ``base_majority`` majority points, held-out data ``test_factor`` times larger with at least
    ``test_minority`` minority points, both at the same ratio.  The held-out data come from
    ``seed + 1``.  The majority points of a smaller data set are the first ones of a larger one.

    Returns
    -------
    ImbalanceProblem

    Examples
    --------
    >>> p = make_problem(100)
    >>> p.counts, p.test_counts, round(p.prior, 4)
    ((2000, 20), (10000, 100), 0.0099)
    """
    seed = check_int(seed, "seed", minimum=0)
    separation = check_real(separation, "separation", low=0.0)
    test_factor = check_int(test_factor, "test_factor", minimum=1)
    n0, n1 = true_ratio_counts(ratio, n_minority=n_minority, base_majority=base_majority)
    n0t, n1t = true_ratio_counts(
        ratio, n_minority=test_minority, base_majority=test_factor * base_majority
    )
    X, y = make_imbalanced(n0, n_minority=n1, separation=separation, seed=seed)
    Xt, yt = make_imbalanced(n0t, n_minority=n1t, separation=separation, seed=seed + 1)
    return ImbalanceProblem(X, y, Xt, yt, separation)


# --------------------------------------------------------------------------- training
def fit_logistic(X, y, *, loss="bce", gamma=2.0, alpha=None, sample_weight=None):
    """Weights and bias of a logistic regression at the optimum of its (weighted mean) loss.

    L-BFGS (scipy) on the maths core's loss and gradient: ``loss="bce"``
    (:func:`lossviz.bce_with_logits`) or ``"focal"`` (:func:`lossviz.focal_loss_with_logits`,
    ``gamma``, ``alpha``); the data loss is ``Σ s_i ℓ_i / Σ s_i``.  Starts at ``w = 0`` and the
    bias of the class prior (Lin et al. 2017).

    Returns
    -------
    weights : ndarray of shape (d,)
    bias : float
    n_iter : int

    Examples
    --------
    >>> X, y = make_imbalanced(2000, n_minority=100)
    >>> w, b, _ = fit_logistic(X, y)
    >>> [round(float(v), 1) for v in w]     # the true log-odds: 2 x1 - ln 20 = 2 x1 - 3.0
    [2.1, 0.1]
    >>> round(b, 1)
    -3.0
    """
    from scipy.optimize import minimize

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if loss not in ("bce", "focal"):
        raise ValueError(f"loss must be 'bce' or 'focal'; found {loss!r}.")
    s = np.ones(y.size) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    s = s / s.sum()
    Xb = np.hstack([X, np.ones((X.shape[0], 1))])
    XbT = np.ascontiguousarray(Xb.T)
    prior = float(np.clip((s * y).sum(), 1e-12, 1 - 1e-12))
    theta0 = np.zeros(Xb.shape[1])
    theta0[-1] = math.log(prior / (1.0 - prior))
    kw = {"gamma": float(gamma), "alpha": alpha} if loss == "focal" else {}
    lossf = focal_loss_with_logits if loss == "focal" else bce_with_logits
    gradf = focal_loss_with_logits_grad if loss == "focal" else bce_with_logits_grad

    def f(theta):
        z = Xb @ theta
        return float(s @ lossf(y, z, reduction="none", **kw)), XbT @ (s * gradf(y, z, **kw))

    res = minimize(
        f,
        theta0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 1000, "gtol": 1e-9, "ftol": 1e-15},
    )
    return res.x[:-1].copy(), float(res.x[-1]), int(res.nit)


class RemedyFit(NamedTuple):
    """A logistic regression trained with one remedy (see :func:`fit_remedy`)."""

    remedy: str
    weights: np.ndarray
    bias: float
    logit_shift: float
    train_prior: float
    n_train: tuple
    seconds: float

    def decision_function(self, X):
        """The logit ``X @ weights + bias + logit_shift`` (the shift is the prior correction)."""
        return np.asarray(X, dtype=np.float64) @ self.weights + (self.bias + self.logit_shift)

    def predict_proba(self, X):
        """Probability of class 1."""
        return sigmoid(self.decision_function(X))

    def boundary_logit(self, threshold):
        """The value of ``X @ weights + bias`` where the predicted probability is ``threshold``."""
        return math.log(threshold / (1.0 - threshold)) - self.logit_shift - self.bias


def fit_remedy(X, y, remedy, *, gamma=2.0, alpha=None, seed=0):
    """Train a logistic regression with one of :data:`REMEDIES` on ``(X, y)``.

    ``"class_weights"`` and ``"prior_correction"`` use the balanced weights
    :func:`lossviz.imbalance.class_weights`; ``"oversample"`` / ``"undersample"`` the seeded
    :func:`lossviz.imbalance.random_oversample` / ``random_undersample``; ``"focal"`` the focal
    loss with ``gamma`` and ``alpha``.  ``"prior_correction"`` adds the logit shift
    ``ln(π/(1−π)) − ln(π'/(1−π'))`` from the training prior ``π' = 0.5`` to the true prior ``π``
    (Bayes' rule, :func:`lossviz.imbalance.prior_correction`).

    Returns
    -------
    RemedyFit

    Examples
    --------
    >>> X, y = make_imbalanced(2000, n_minority=100)
    >>> f = fit_remedy(X, y, "prior_correction")
    >>> round(f.train_prior, 2), round(f.logit_shift, 3)    # ln(100/2000)
    (0.5, -2.996)
    """
    if remedy not in REMEDIES:
        raise ValueError(
            f"remedy must be one of {', '.join(map(repr, REMEDIES))}; found {remedy!r}."
        )
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    t0 = time.perf_counter()
    prior = float(y.mean())
    sw, loss, train_prior, shift = None, "bce", prior, 0.0
    Xf, yf = X, y
    if remedy in ("class_weights", "prior_correction"):
        sw = class_weights(y)[y]
        train_prior = 0.5
    elif remedy == "oversample":
        Xf, yf = random_oversample(X, y, seed=seed)
        train_prior = float(yf.mean())
    elif remedy == "undersample":
        Xf, yf = random_undersample(X, y, seed=seed)
        train_prior = float(yf.mean())
    elif remedy == "focal":
        loss = "focal"
    w, b, _ = fit_logistic(Xf, yf, loss=loss, gamma=gamma, alpha=alpha, sample_weight=sw)
    if remedy == "prior_correction":
        shift = math.log(prior / (1 - prior)) - math.log(train_prior / (1 - train_prior))
    counts = (int((yf == 0).sum()), int((yf == 1).sum()))
    return RemedyFit(remedy, w, b, shift, train_prior, counts, time.perf_counter() - t0)
