"""Evaluation of the remedies (PR curve, AP, operating point, ECE), class shares and weights."""

from __future__ import annotations

__all__ = [
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
]


import numpy as np

from .._text import Message
from .._validation import check_int, check_real, check_seed
from ..activations import sigmoid
from ..gradients import bce_with_logits_grad
from ..i18n import N_
from ..imbalance import class_weights
from ..losses import bce_with_logits
from ..metrics import calibration_curve
from .problem import REMEDIES, Table, fit_remedy


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
    >>> from lossviz.imbalance_compare import make_problem
    >>> t = compare_remedies(make_problem(20), ("none", "class_weights"))
    >>> t.columns
    ['remedy', 'precision', 'recall', 'F1', 'AP', 'ECE', 'mean p']
    """
    rows = []
    for remedy in remedies:
        fit = fit_remedy(problem.X, problem.y, remedy, gamma=gamma)
        e = evaluate(problem.y_test, fit.predict_proba(problem.X_test), threshold)
        if remedy == "focal":
            name = Message(N_("focal loss γ={gamma:g}"), gamma=gamma)
        else:
            name = REMEDIES[remedy]
        rows.append(
            {
                N_("remedy"): name,
                N_("precision"): e["precision"],
                N_("recall"): e["recall"],
                "F1": e["f1"],
                "AP": e["ap"],
                "ECE": e["ece"],
                N_("mean p"): e["mean_p"],
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
            N_("balanced + Platt (sigmoid)"),
            CalibratedClassifierCV(lr(class_weight="balanced"), method="sigmoid", cv=5),
            0.5,
        ),
        (
            N_("balanced + isotonic"),
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
        models.append((N_("threshold on a validation split (F1)"), None, None))
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
                N_("precision"): float(precision_score(yt, pred, zero_division=0.0)),
                N_("recall"): float(recall_score(yt, pred)),
                "F1": float(f1_score(yt, pred)),
                "AP": float(average_precision_score(yt, p)),
                "ECE": expected_calibration_error(yt, p),
                N_("mean p"): float(p.mean()),
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
    columns = {
        ("loss", 0): N_("loss share neg"),
        ("loss", 1): N_("loss share pos"),
        ("grad", 0): N_("grad share neg"),
        ("grad", 1): N_("grad share pos"),
    }
    rows = []
    for name, ell, g in (
        ("BCE", bce_with_logits(yf, z, reduction="none"), bce_with_logits_grad(yf, z)),
        ("MSE", mse(yf, sigmoid(z), reduction="none"), mse_sigmoid_grad(yf, z)),
    ):
        row = {N_("loss"): name}
        for what, v in (("loss", s * ell), ("grad", s * np.abs(g))):
            tot = float(v.sum())
            for c in (0, 1):
                row[columns[what, c]] = float(v[y == c].sum()) / tot if tot else 0.0
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
        row = {N_("beta"): f"{beta:g}"}
        for n in counts:
            row[f"E_{n}"] = f"{(1 - beta**n) / (1 - beta):.2f}"
        for n, wn in zip(counts, w, strict=True):
            row[f"w_{n}"] = float(wn)
        rows.append(row)
    return Table(rows)
