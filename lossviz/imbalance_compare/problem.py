r"""Remedies for class imbalance compared on the same data, at the true ratio.

The computations behind chapter 07 and :class:`lossviz.explorers.ImbalanceExplorer`:

* :func:`make_problem` — training and held-out data of two unit Gaussians at an imbalance ratio
  that is exactly the one asked for (up to 1:1000): the minority keeps at least
  ``min_minority`` points and the majority grows to ``ratio`` times as many, so "1:1000" is
  20000 : 20 in training and 100000 : 100 held out, never a silently capped ratio.
* :func:`fit_remedy` — one logistic regression per remedy, trained to its optimum (L-BFGS on the
  maths core's losses and gradients): ``"none"``, ``"class_weights"`` (``n / (K n_c)``),
  ``"oversample"``, ``"undersample"``, ``"focal"`` (γ) and ``"prior_correction"`` (class weights,
  then Bayes' rule maps the probabilities back to the true prior: a shift of the logit).
* :func:`pr_curve`, :func:`average_precision`, :func:`operating_point`, :func:`tune_threshold` —
  the precision-recall curve (scikit-learn's conventions), its operating point at a threshold,
  and a threshold chosen on a validation split.
* :func:`compare_remedies` — a :class:`Table` of precision, recall, F1, AP, ECE and mean predicted
  probability on held-out data, one row per remedy; :func:`sklearn_peer` — the same data through
  scikit-learn (``class_weight``, ``CalibratedClassifierCV`` with Platt and isotonic,
  ``average_precision_score``, ``TunedThresholdClassifierCV``).
* Focal loss's mechanism: :func:`loss_shares` (the share of the total loss that comes from easy
  negatives), :func:`cumulative_loss` (the normalised cumulative loss of Lin et al. 2017, Fig. 4).
* A flood of easy negatives: :func:`make_flood` and :func:`train_mlp`, a one-hidden-layer network
  trained with cross-entropy or focal loss, where focal loss can help (and a linear model, where it
  cannot).

Examples
--------
>>> prob = make_problem(1000)
>>> prob.counts, prob.test_counts
((20000, 20), (100000, 100))
>>> prob.ratio, prob.test_ratio
(1000.0, 1000.0)
"""

from __future__ import annotations

import json
import math
import os
import time
from typing import NamedTuple

import numpy as np

from .._validation import check_int, check_real, check_seed
from ..activations import sigmoid
from ..data import make_imbalanced
from ..gradients import bce_with_logits_grad, focal_loss_with_logits_grad
from ..imbalance import class_weights, random_oversample, random_undersample
from ..losses import bce_with_logits, focal_loss_with_logits
from ..metrics import calibration_curve

__all__ = [
    "REMEDIES",
    "Table",
    "ImbalanceProblem",
    "RemedyFit",
    "true_ratio_counts",
    "make_problem",
    "fit_logistic",
    "fit_remedy",
    "pr_curve",
    "average_precision",
    "operating_point",
    "expected_calibration_error",
    "evaluate",
    "tune_threshold",
    "compare_remedies",
    "sklearn_peer",
    "class_share_table",
    "effective_number_table",
    "loss_shares",
    "easy_negative_table",
    "cumulative_loss",
    "make_flood",
    "train_mlp",
    "flood_experiment",
    "EXPLORER_RATIOS",
    "EXPLORER_GAMMAS",
    "FITS_FILE",
    "setting_key",
    "explorer_settings",
    "held_out_summary",
    "pr_from_summary",
    "evaluate_setting",
    "precompute_fits",
    "stored_fits",
    "stored_setting",
    "fit_from_record",
]

#: The remedies compared: value -> label.
REMEDIES = {
    "none": "none",
    "class_weights": "class weights",
    "oversample": "oversampling",
    "undersample": "undersampling",
    "focal": "focal loss",
    "prior_correction": "weights + prior correction",
}


# --------------------------------------------------------------------------- a printable table
class Table:
    """Rows of named numbers that print as an aligned text table.

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
            return "yes" if v else "no"
        if isinstance(v, (int, np.integer)):
            return str(int(v))
        if isinstance(v, (float, np.floating)):
            return f"{float(v):.{self.digits}f}"
        return str(v)

    def __str__(self):
        cells = [[self._cell(r[c]) for c in self.columns] for r in self.rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(self.columns)]
        lines = [
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(self.columns, widths, strict=True))
            ).rstrip()
        ]
        for row in cells:
            lines.append(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
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


# --------------------------------------------------------------------------- evaluation
def _check_binary(y_true, y_prob):
    t = np.asarray(y_true)
    p = np.asarray(y_prob, dtype=np.float64)
    if t.ndim != 1 or p.shape != t.shape or t.size == 0:
        raise ValueError(
            f"y_true and y_prob must be 1-D of the same non-zero length; found shapes "
            f"{t.shape} and {p.shape}."
        )
    if not np.all((t == 0) | (t == 1)):
        raise ValueError("y_true must hold labels 0/1; found other values.")
    if not np.all(np.isfinite(p)):
        raise ValueError("y_prob must be finite; found NaN or inf.")
    return t.astype(np.int64), p


def pr_curve(y_true, y_score):
    """Precision and recall at every distinct threshold (scikit-learn's ``precision_recall_curve``).

    Returns
    -------
    precision, recall, thresholds : ndarray
        ``thresholds`` increasing; ``precision[i], recall[i]`` for "predict 1 when score ≥
        thresholds[i]"; a last point ``precision = 1, recall = 0`` (no threshold) closes the curve.

    Examples
    --------
    >>> p, r, t = pr_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> p.tolist(), r.tolist(), t.tolist()
    ([0.5, 0.6666666666666666, 0.5, 1.0, 1.0], [1.0, 1.0, 0.5, 0.5, 0.0], [0.1, 0.35, 0.4, 0.8])
    """
    t, s = _check_binary(y_true, y_score)
    tps, fps, s_last = _pr_counts(t, s)
    n_pos = tps[-1]
    precision = tps / (tps + fps)
    recall = tps / n_pos if n_pos > 0 else np.zeros_like(tps, dtype=np.float64)
    sl = slice(None, None, -1)  # increasing thresholds, as scikit-learn
    return (
        np.r_[precision[sl], 1.0],
        np.r_[recall[sl], 0.0],
        s_last[sl],
    )


def _pr_counts(t, s):
    """True and false positives at every distinct score, highest score first (checked input)."""
    order = np.argsort(s, kind="mergesort")[::-1]
    s, t = s[order], t[order]
    last = np.r_[np.flatnonzero(np.diff(s)), s.size - 1]
    tps = np.cumsum(t)[last]
    fps = (last + 1) - tps
    return tps, fps, s[last]


def average_precision(y_true, y_score):
    """Average precision ``Σ_n (R_n − R_{n−1}) P_n`` (scikit-learn's ``average_precision_score``).

    Examples
    --------
    >>> round(average_precision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.8333
    """
    precision, recall, _ = pr_curve(y_true, y_score)
    return float(-np.sum(np.diff(recall) * precision[:-1]))


def operating_point(y_true, y_prob, threshold=0.5):
    """Precision, recall and F1 of the rule "predict 1 when ``y_prob ≥ threshold``".

    Precision with no predicted positive is reported as 0 with ``"precision_defined": False``.

    Examples
    --------
    >>> operating_point([0, 1, 1, 0], [0.2, 0.7, 0.4, 0.6], 0.5)["precision"]
    0.5
    """
    t, p = _check_binary(y_true, y_prob)
    threshold = check_real(threshold, "threshold", low=0.0, high=1.0)
    pred = p >= threshold
    tp = int((pred & (t == 1)).sum())
    n_pred = int(pred.sum())
    n_pos = int(t.sum())
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_pos if n_pos else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
    return {
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "tp": tp,
        "n_pred": n_pred,
        "precision_defined": n_pred > 0,
    }


def expected_calibration_error(y_true, y_prob, n_bins=10):
    """ECE over ``n_bins`` uniform bins (as :func:`lossviz.metrics.expected_calibration_error`).

    Examples
    --------
    >>> expected_calibration_error([0, 1, 1, 1], [0.25, 0.75, 0.75, 0.75], n_bins=2)
    0.25
    """
    pt, pp, c = calibration_curve(y_true, y_prob, n_bins=n_bins)
    return float(np.sum(c * np.abs(pt - pp)) / c.sum())


def evaluate(y_true, y_prob, threshold=0.5):
    """Held-out summary of predicted probabilities: precision, recall, F1 at ``threshold``,
    average precision (AP), ECE, mean predicted probability and the true rate.

    Examples
    --------
    >>> r = evaluate([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> round(r["ap"], 4), r["recall"]
    (0.8333, 0.5)
    """
    t, p = _check_binary(y_true, y_prob)
    op = operating_point(t, p, threshold)
    return {
        "precision": op["precision"],
        "recall": op["recall"],
        "f1": op["f1"],
        "ap": average_precision(t, p),
        "ece": expected_calibration_error(t, p),
        "mean_p": float(p.mean()),
        "rate": float(t.mean()),
    }


def tune_threshold(y_true, y_prob, *, metric="f1"):
    """The threshold that maximises F1 (``metric="f1"``) on the given (validation) data.

    Examples
    --------
    >>> tune_threshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.35
    """
    if metric != "f1":
        raise ValueError(f"metric must be 'f1'; found {metric!r}.")
    precision, recall, thresholds = pr_curve(y_true, y_prob)
    p, r = precision[:-1], recall[:-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return float(thresholds[int(np.argmax(f1))])


def compare_remedies(problem, remedies=tuple(REMEDIES), *, gamma=2.0, threshold=0.5):
    """One logistic regression per remedy on ``problem``'s training data, evaluated on its
    held-out data (:func:`evaluate`).

    Returns
    -------
    Table
        Columns ``remedy, precision, recall, F1, AP, ECE, mean p``.

    Examples
    --------
    >>> t = compare_remedies(make_problem(20), ("none", "class_weights"))
    >>> t.columns
    ['remedy', 'precision', 'recall', 'F1', 'AP', 'ECE', 'mean p']
    """
    rows = []
    for remedy in remedies:
        fit = fit_remedy(problem.X, problem.y, remedy, gamma=gamma)
        e = evaluate(problem.y_test, fit.predict_proba(problem.X_test), threshold)
        name = REMEDIES[remedy] + (f" γ={gamma:g}" if remedy == "focal" else "")
        rows.append(
            {
                "remedy": name,
                "precision": e["precision"],
                "recall": e["recall"],
                "F1": e["f1"],
                "AP": e["ap"],
                "ECE": e["ece"],
                "mean p": e["mean_p"],
            }
        )
    return Table(rows)


def sklearn_peer(problem, *, seed=0):
    """The same data through scikit-learn, as a peer of :func:`compare_remedies`.

    Rows: ``LogisticRegression`` (C = 1e6, effectively unpenalised) without and with
    ``class_weight="balanced"``; the balanced model recalibrated by ``CalibratedClassifierCV``
    (``method="sigmoid"``: Platt scaling, and ``"isotonic"``; 5-fold); the plain model with the
    threshold tuned for F1 by ``TunedThresholdClassifierCV`` (scikit-learn >= 1.5; otherwise a
    threshold searched on a 25 % validation split, :func:`tune_threshold`).  Held-out
    precision, recall, F1 at the model's threshold, AP (``average_precision_score``), ECE and
    mean predicted probability.

    Returns
    -------
    Table
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score

    X, y, Xt, yt = problem.X, problem.y, problem.X_test, problem.y_test

    def lr(**kw):
        return LogisticRegression(C=1e6, max_iter=1000, **kw)

    models = [
        ("LogisticRegression", lr(), 0.5),
        ("class_weight='balanced'", lr(class_weight="balanced"), 0.5),
        (
            "balanced + Platt (sigmoid)",
            CalibratedClassifierCV(lr(class_weight="balanced"), method="sigmoid", cv=5),
            0.5,
        ),
        (
            "balanced + isotonic",
            CalibratedClassifierCV(lr(class_weight="balanced"), method="isotonic", cv=5),
            0.5,
        ),
    ]
    try:
        from sklearn.model_selection import TunedThresholdClassifierCV

        models.append(
            (
                "TunedThresholdClassifierCV (F1)",
                TunedThresholdClassifierCV(lr(), scoring="f1", cv=5, random_state=seed),
                None,
            )
        )
    except ImportError:  # scikit-learn < 1.5: a validation split
        models.append(("threshold on a validation split (F1)", None, None))
    rows = []
    for name, model, thr in models:
        if model is None:
            rng = check_seed(seed)
            val = rng.random(y.size) < 0.25
            m = lr().fit(X[~val], y[~val])
            thr = tune_threshold(y[val], m.predict_proba(X[val])[:, 1])
            p = m.predict_proba(Xt)[:, 1]
            pred = p >= thr
        else:
            model.fit(X, y)
            p = model.predict_proba(Xt)[:, 1]
            pred = model.predict(Xt) if thr is None else p >= thr
        rows.append(
            {
                "scikit-learn": name,
                "precision": float(precision_score(yt, pred, zero_division=0.0)),
                "recall": float(recall_score(yt, pred)),
                "F1": float(f1_score(yt, pred)),
                "AP": float(average_precision_score(yt, p)),
                "ECE": expected_calibration_error(yt, p),
                "mean p": float(p.mean()),
            }
        )
    return Table(rows)


# --------------------------------------------------------------------------- shares and weights
def class_share_table(y, z, *, sample_weight=None):
    """Each class's share of the total loss and of the total gradient ``Σ s_i |∂ℓ_i/∂z_i|``,
    for BCE and for MSE on ``σ(z)``, at the logits ``z``.

    Returns
    -------
    Table
        Columns ``loss, loss share neg, loss share pos, grad share neg, grad share pos``.

    Examples
    --------
    >>> print(class_share_table(np.array([0, 0, 0, 1]), np.zeros(4)))
    loss  loss share neg  loss share pos  grad share neg  grad share pos
    BCE            0.750           0.250           0.750           0.250
    MSE            0.750           0.250           0.750           0.250
    """
    from ..gradients import mse_sigmoid_grad
    from ..losses import mse

    y = np.asarray(y)
    z = np.asarray(z, dtype=np.float64)
    s = np.ones(y.size) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    yf = y.astype(np.float64)
    rows = []
    for name, ell, g in (
        ("BCE", bce_with_logits(yf, z, reduction="none"), bce_with_logits_grad(yf, z)),
        ("MSE", mse(yf, sigmoid(z), reduction="none"), mse_sigmoid_grad(yf, z)),
    ):
        row = {"loss": name}
        for what, v in (("loss", s * ell), ("grad", s * np.abs(g))):
            tot = float(v.sum())
            for c, cname in ((0, "neg"), (1, "pos")):
                row[f"{what} share {cname}"] = float(v[y == c].sum()) / tot if tot else 0.0
        rows.append(row)
    return Table(rows)


def effective_number_table(counts, betas=(0.9, 0.99, 0.999, 0.9999)):
    """Cui et al.'s effective numbers ``(1 − β^n)/(1 − β)`` and the class weights they give, per β.

    Returns
    -------
    Table
        Columns ``beta``, ``E_<n>`` and ``w_<n>`` for each count ``n``.

    Examples
    --------
    >>> print(effective_number_table([90, 10], betas=(0.9,)))
    beta   E_90   E_10   w_90   w_10
    0.9   10.00   6.51  0.789  1.211
    """
    counts = [check_int(c, "counts", minimum=1) for c in counts]
    rows = []
    for beta in betas:
        beta = check_real(beta, "beta", low=0.0, high=1.0, high_open=True)
        w = class_weights(counts=counts, method="effective_number", beta=beta)
        row = {"beta": f"{beta:g}"}
        for n in counts:
            row[f"E_{n}"] = f"{(1 - beta**n) / (1 - beta):.2f}"
        for n, wn in zip(counts, w, strict=True):
            row[f"w_{n}"] = float(wn)
        rows.append(row)
    return Table(rows)


# --------------------------------------------------------------------------- focal loss's mechanism
def _per_sample_loss(y, z, gamma, alpha=None):
    if gamma == 0 and alpha is None:
        return bce_with_logits(y, z, reduction="none")
    return focal_loss_with_logits(y, z, gamma=gamma, alpha=alpha, reduction="none")


def loss_shares(y, z, *, gamma=0.0, easy=0.9):
    """Where the total loss comes from: the shares of the positives, the negatives and the
    *easy* negatives (``p_t = 1 − p > easy``), under cross-entropy (``gamma=0``) or focal loss.

    Returns
    -------
    dict
        ``positives, negatives, easy_negatives`` (shares of the total loss, the first two sum to
        1), ``n_easy_negatives``, ``frac_easy_negatives`` (of all negatives).

    Examples
    --------
    >>> y = np.array([1, 0, 0, 0])
    >>> z = np.array([0.0, -4.0, -4.0, 0.0])        # two easy negatives, p = 0.018
    >>> r = loss_shares(y, z)
    >>> round(r["easy_negatives"], 3), r["n_easy_negatives"]
    (0.026, 2)
    """
    y = np.asarray(y)
    z = np.asarray(z, dtype=np.float64)
    gamma = check_real(gamma, "gamma", low=0.0)
    easy = check_real(easy, "easy", low=0.0, high=1.0)
    ell = _per_sample_loss(y.astype(np.float64), z, gamma)
    total = float(ell.sum())
    easy_neg = (y == 0) & (sigmoid(-z) > easy)
    share = (lambda m: float(ell[m].sum()) / total) if total > 0 else (lambda m: 0.0)
    n_neg = int((y == 0).sum())
    return {
        "positives": share(y == 1),
        "negatives": share(y == 0),
        "easy_negatives": share(easy_neg),
        "n_easy_negatives": int(easy_neg.sum()),
        "frac_easy_negatives": int(easy_neg.sum()) / n_neg if n_neg else 0.0,
    }


def easy_negative_table(ratios=(20, 1000), *, gammas=(0.0, 2.0), easy=0.9):
    """:func:`loss_shares` of the plain model (``fit_remedy(..., "none")``) on the training data
    of :func:`make_problem` at each ratio, measured with cross-entropy and with focal loss.

    Returns
    -------
    Table
        Columns ``ratio, loss, easy negatives (share of all negatives), their share of the
        loss, all negatives' share, positives' share``.
    """
    rows = []
    for ratio in ratios:
        prob = make_problem(ratio)
        z = fit_remedy(prob.X, prob.y, "none").decision_function(prob.X)
        for g in gammas:
            sh = loss_shares(prob.y, z, gamma=g, easy=easy)
            rows.append(
                {
                    "ratio": f"1:{ratio:g}",
                    "loss measured": "cross-entropy" if g == 0 else f"focal γ={g:g}",
                    "easy neg / neg": sh["frac_easy_negatives"],
                    "easy neg share": sh["easy_negatives"],
                    "neg share": sh["negatives"],
                    "pos share": sh["positives"],
                }
            )
    return Table(rows, digits=4)


def cumulative_loss(y, z, *, gammas=(0.0, 0.5, 1.0, 2.0)):
    """Normalised cumulative loss of the positives and of the negatives (Lin et al. 2017, Fig. 4).

    For each γ, the per-sample loss of one class is sorted from low to high and its cumulative sum
    divided by the class total: the curve at a fraction ``f`` of the class says which share of the
    class's loss the easiest ``f`` of its examples carry.  A curve hugging the bottom right means
    a few hard examples carry nearly all of it.

    Returns
    -------
    dict
        ``{"positives": {γ: (fraction, cumulative)}, "negatives": {...}}``.

    Examples
    --------
    >>> c = cumulative_loss([0, 0, 0, 1], [-3.0, -2.0, 1.0, 0.5], gammas=(0.0,))
    >>> frac, cum = c["negatives"][0.0]
    >>> frac.tolist(), cum.round(3).tolist()
    ([0.3333333333333333, 0.6666666666666666, 1.0], [0.033, 0.118, 1.0])
    """
    y = np.asarray(y)
    z = np.asarray(z, dtype=np.float64)
    out = {"positives": {}, "negatives": {}}
    for g in gammas:
        g = check_real(g, "gamma", low=0.0)
        ell = _per_sample_loss(y.astype(np.float64), z, g)
        for name, mask in (("positives", y == 1), ("negatives", y == 0)):
            v = np.sort(ell[mask])
            c = np.cumsum(v)
            c = c / c[-1] if c.size and c[-1] > 0 else c
            out[name][g] = (np.arange(1, v.size + 1) / max(v.size, 1), c)
    return out


# ------------------------------------------------------------------------ a flood of easy negatives
def make_flood(n_pos=100, n_hard=400, n_easy=5000, *, seed=0):
    """Positives in a disc (radius 1.2), hard negatives in a ring around it (radius 0.8 to 2) and a
    flood of ``n_easy`` easy negatives in a band far above (``x₁`` in [−6, 6], ``x₂`` in [3, 4]):
    a problem a linear model cannot solve and a small network can.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> X, y = make_flood(10, 20, 100)
    >>> X.shape, int(y.sum())
    ((130, 2), 10)
    """
    n_pos = check_int(n_pos, "n_pos", minimum=1)
    n_hard = check_int(n_hard, "n_hard", minimum=0)
    n_easy = check_int(n_easy, "n_easy", minimum=0)
    rng = check_seed(seed)

    def ring(n, r0, r1):
        r = np.sqrt(rng.uniform(r0**2, r1**2, n))
        a = rng.uniform(0.0, 2 * np.pi, n)
        return np.c_[r * np.cos(a), r * np.sin(a)]

    band = np.c_[rng.uniform(-6.0, 6.0, n_easy), rng.uniform(3.0, 4.0, n_easy)]
    X = np.r_[ring(n_pos, 0.0, 1.2), ring(n_hard, 0.8, 2.0), band]
    y = np.r_[np.ones(n_pos, dtype=np.int64), np.zeros(n_hard + n_easy, dtype=np.int64)]
    return X, y


def train_mlp(X, y, *, loss="bce", gamma=2.0, hidden=3, steps=800, lr=0.02, seed=0):
    """A network with one tanh hidden layer, trained by full-batch Adam on cross-entropy or focal
    loss (the gradient with respect to the logit from the maths core).  The output bias starts
    at the log-odds of the class prior (Lin et al. 2017).

    Returns
    -------
    callable
        ``predict_proba(X)`` of the trained network.

    Examples
    --------
    >>> X, y = make_flood(50, 100, 200)
    >>> f = train_mlp(X, y, steps=200)
    >>> f(X).shape
    (350,)
    """
    if loss not in ("bce", "focal"):
        raise ValueError(f"loss must be 'bce' or 'focal'; found {loss!r}.")
    hidden = check_int(hidden, "hidden", minimum=1)
    steps = check_int(steps, "steps", minimum=0)
    X = np.asarray(X, dtype=np.float64)
    yf = np.asarray(y, dtype=np.float64)
    rng = check_seed(seed)
    d = X.shape[1]
    prior = float(np.clip(yf.mean(), 1e-12, 1 - 1e-12))
    params = [
        rng.normal(0.0, 1.0 / math.sqrt(d), (d, hidden)),
        np.zeros(hidden),
        rng.normal(0.0, 1.0 / math.sqrt(hidden), hidden),
        np.array([math.log(prior / (1 - prior))]),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    n = yf.size
    for t in range(1, steps + 1):
        W1, b1, w2, b2 = params
        H = np.tanh(X @ W1 + b1)
        z = H @ w2 + b2[0]
        if loss == "bce":
            g = bce_with_logits_grad(yf, z) / n
        else:
            g = focal_loss_with_logits_grad(yf, z, gamma=gamma) / n
        gH = np.outer(g, w2) * (1 - H * H)
        grads = [X.T @ gH, gH.sum(0), H.T @ g, np.array([g.sum()])]
        for i, (p, gr) in enumerate(zip(params, grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * gr
            v[i] = 0.999 * v[i] + 0.001 * gr * gr
            p -= lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    W1, b1, w2, b2 = (p.copy() for p in params)

    def predict_proba(Xn):
        return sigmoid(np.tanh(np.asarray(Xn, dtype=np.float64) @ W1 + b1) @ w2 + b2[0])

    return predict_proba


def flood_experiment(n_easy=(0, 5000), *, seeds=(0, 1, 2, 3), gamma=2.0, linear=False, **mlp):
    """Held-out average precision of cross-entropy and focal loss on :func:`make_flood`, mean and
    standard deviation over the training seeds (network initialisations).

    Training data: 100 positives, 400 hard negatives and each of ``n_easy`` easy negatives (seed
    0); held-out data ten times larger (seed 1).  ``linear=True`` fits a logistic regression to
    its optimum instead of the network.

    Returns
    -------
    Table
        Columns ``easy negatives, loss, AP mean, AP sd``.
    """
    rows = []
    for ne in n_easy:
        X, y = make_flood(100, 400, ne, seed=0)
        Xt, yt = make_flood(1000, 4000, 10 * ne, seed=1)
        for loss in ("bce", "focal"):
            aps = []
            for s in seeds if not linear else (0,):
                if linear:
                    w, b, _ = fit_logistic(X, y, loss=loss, gamma=gamma)
                    p = sigmoid(Xt @ w + b)
                else:
                    p = train_mlp(X, y, loss=loss, gamma=gamma, seed=s, **mlp)(Xt)
                aps.append(average_precision(yt, p))
            rows.append(
                {
                    "easy negatives": int(ne),
                    "loss": "cross-entropy" if loss == "bce" else f"focal γ={gamma:g}",
                    "AP mean": float(np.mean(aps)),
                    "AP sd": float(np.std(aps)),
                }
            )
    return Table(rows)


# ----------------------------------------------------------------- the explorer's fits, stored
#: The ratios of :class:`lossviz.explorers.ImbalanceExplorer`'s slider (log-spaced, 1:1 to 1:1000).
EXPLORER_RATIOS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
#: The values of the explorer's focal γ slider (0 to 5 in steps of 0.5).
EXPLORER_GAMMAS = tuple(0.5 * k for k in range(11))
#: The package data file written by :func:`precompute_fits`.
FITS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "_precomputed",
    "imbalance_fits.json",
)
_FORMAT = 1
_PR_POINTS = 300
_MIN_BIN = 20
_stored: dict = {}


def setting_key(ratio, remedy, gamma=None):
    """The key of one explorer setting in :data:`FITS_FILE` (γ counts for focal loss only).

    Examples
    --------
    >>> setting_key(100, "focal", 2), setting_key(100, "none", 2)
    ('100.0|focal|2.0', '100.0|none|-')
    """
    g = repr(float(gamma)) if remedy == "focal" else "-"
    return f"{float(ratio)!r}|{remedy}|{g}"


def explorer_settings():
    """Every (ratio, remedy, γ) the explorer's controls can reach: 10 ratios × (5 remedies + focal
    loss at 11 values of γ) = 160 settings (γ is ``None`` for the remedies without it).

    Examples
    --------
    >>> s = explorer_settings()
    >>> len(s), s[0], s[-1]
    (160, (1, 'none', None), (1000, 'prior_correction', None))
    """
    out = []
    for ratio in EXPLORER_RATIOS:
        for remedy in REMEDIES:
            if remedy == "focal":
                out.extend((ratio, remedy, g) for g in EXPLORER_GAMMAS)
            else:
                out.append((ratio, remedy, None))
    return out


def _thin_index(x, n):
    """Indices of a step curve with fewer points: where ``x`` changes (both ends of each run of
    equal ``x``), then, if still more than ``n``, every k-th of them (the ends kept)."""
    change = np.flatnonzero(np.diff(x) != 0)
    idx = np.unique(np.r_[0, change, change + 1, x.size - 1])
    if idx.size > n:
        idx = idx[np.unique(np.r_[np.linspace(0, idx.size - 1, n).astype(int), idx.size - 1])]
    return idx


def held_out_summary(y_true, y_prob, *, pr_points=_PR_POINTS, min_bin=_MIN_BIN):
    """What the explorer draws of one model's held-out probabilities, as plain JSON values.

    The precision-recall curve thinned to at most ``pr_points`` points, stored exactly as counts
    (``pr_tp``, ``pr_fp``: true and false positives at each kept threshold, highest recall first;
    the closing point recall 0, precision 1 is implied; see :func:`pr_from_summary`), ``n_pos``,
    ``ap`` (:func:`average_precision`), ``ece`` (:func:`expected_calibration_error`), ``mean_p``
    and the reliability diagram ``cal_pred, cal_true`` (bins of at least ``min_bin`` examples).

    Examples
    --------
    >>> s = held_out_summary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], min_bin=1)
    >>> s["pr_tp"], s["pr_fp"], round(s["ap"], 4)
    ([2, 2, 1, 1], [2, 1, 1, 0], 0.8333)
    """
    t, p = _check_binary(y_true, y_prob)
    tps, fps, _ = _pr_counts(t, p)
    n_pos = int(tps[-1])
    recall = np.r_[(tps / n_pos if n_pos > 0 else np.zeros(tps.size))[::-1], 0.0]
    idx = _thin_index(recall, pr_points)[:-1]  # the last kept point is the closing one
    cal_true, cal_pred, cal_n = calibration_curve(t, p, n_bins=10)
    keep = cal_n >= min_bin  # a bin of a handful of examples is noise, not calibration
    return {
        "n_pos": n_pos,
        "pr_tp": [int(v) for v in tps[::-1][idx]],
        "pr_fp": [int(v) for v in fps[::-1][idx]],
        "ap": average_precision(t, p),
        "ece": expected_calibration_error(t, p),
        "mean_p": float(p.mean()),
        "cal_pred": [float(v) for v in cal_pred[keep]],
        "cal_true": [float(v) for v in cal_true[keep]],
    }


def pr_from_summary(summary):
    """The thinned precision-recall curve of :func:`held_out_summary`: ``recall, precision``.

    Bit for bit the values :func:`pr_curve` gives at those thresholds.

    Examples
    --------
    >>> r, p = pr_from_summary(held_out_summary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))
    >>> r.tolist(), p.tolist()
    ([1.0, 1.0, 0.5, 0.5, 0.0], [0.5, 0.6666666666666666, 0.5, 1.0, 1.0])
    """
    tp = np.asarray(summary["pr_tp"], dtype=np.int64)
    fp = np.asarray(summary["pr_fp"], dtype=np.int64)
    n_pos = summary["n_pos"]
    recall = tp / n_pos if n_pos > 0 else np.zeros(tp.size)
    return np.r_[recall, 0.0], np.r_[tp / (tp + fp), 1.0]


def _fit_record(fit):
    return {
        "weights": [float(v) for v in fit.weights],
        "bias": float(fit.bias),
        "logit_shift": float(fit.logit_shift),
        "train_prior": float(fit.train_prior),
        "n_train": [int(v) for v in fit.n_train],
    }


def fit_from_record(record, remedy):
    """The :class:`RemedyFit` of a stored setting (``seconds`` 0: nothing was trained)."""
    return RemedyFit(
        remedy,
        np.array(record["weights"], dtype=np.float64),
        float(record["bias"]),
        float(record["logit_shift"]),
        float(record["train_prior"]),
        tuple(record["n_train"]),
        0.0,
    )


def evaluate_setting(ratio, remedy, gamma=None, *, problem=None):
    """Train one remedy at one ratio of :func:`make_problem` and summarise it on held-out data.

    Returns
    -------
    fit : RemedyFit
    record : dict
        The fitted parameters (``weights, bias, logit_shift, train_prior, n_train``) and
        :func:`held_out_summary` of the held-out probabilities: one entry of :data:`FITS_FILE`.
    """
    prob = make_problem(ratio) if problem is None else problem
    fit = fit_remedy(prob.X, prob.y, remedy, gamma=2.0 if gamma is None else gamma)
    record = _fit_record(fit)
    record.update(held_out_summary(prob.y_test, fit.predict_proba(prob.X_test)))
    return fit, record


def precompute_fits(path=FITS_FILE, settings=None):
    """Write the explorer's fits and held-out curves to ``path`` (JSON, deterministic).

    Regenerate the package data after any change to the data, the training or the summaries::

        python -c "import lossviz.imbalance_compare as ic; ic.precompute_fits()"

    ``settings`` (default :func:`explorer_settings`: every setting of the explorer's controls,
    about two minutes) is a list of ``(ratio, remedy, gamma)``.  One setting per line, keys sorted.

    Returns
    -------
    str
        The path written.
    """
    settings = explorer_settings() if settings is None else list(settings)
    problems = {}
    lines = []
    for ratio, remedy, gamma in settings:
        if ratio not in problems:
            problems = {ratio: make_problem(ratio)}  # one data set in memory at a time
        _, record = evaluate_setting(ratio, remedy, gamma, problem=problems[ratio])
        key = setting_key(ratio, remedy, gamma)
        lines.append(f"{json.dumps(key)}: {json.dumps(record, sort_keys=True)}")
    head = {
        "about": "ImbalanceExplorer's fits: written by lossviz.imbalance_compare.precompute_fits()",
        "format": _FORMAT,
        "pr_points": _PR_POINTS,
        "min_bin": _MIN_BIN,
    }
    body = ",\n".join(lines)
    text = json.dumps(head, sort_keys=True)[:-1] + ', "settings": {\n' + body + "\n}}\n"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    _stored.pop(os.path.abspath(path), None)
    return path


def stored_fits(path=FITS_FILE):
    """The settings stored by :func:`precompute_fits`: ``{setting_key: record}`` (read once;
    empty when the file is missing).

    Examples
    --------
    >>> len(stored_fits()) >= 160
    True
    """
    key = os.path.abspath(path)
    if key not in _stored:
        try:
            with open(key, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            data = {"settings": {}}
        if data.get("format", _FORMAT) != _FORMAT:
            raise ValueError(
                f"{path} has format {data.get('format')!r}; this lossviz reads format {_FORMAT}. "
                "Regenerate it with lossviz.imbalance_compare.precompute_fits()."
            )
        _stored[key] = data["settings"]
    return _stored[key]


def stored_setting(ratio, remedy, gamma=None):
    """The stored record of one explorer setting, or ``None`` when it is not in the file.

    Examples
    --------
    >>> stored_setting(100, "none")["n_train"]
    [2000, 20]
    >>> stored_setting(100, "focal", 1.25) is None    # not a value of the slider
    True
    """
    return stored_fits().get(setting_key(ratio, remedy, gamma))
