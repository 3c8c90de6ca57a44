r"""Multi-label classification: independent sigmoids with a BCE per label, against one softmax.

* :func:`source_003_log_loss` — seed 003 §3.1's multi-class "log loss"
  :math:`-\sum_c [y_c \log \hat y_c + (1 - y_c)\log(1 - \hat y_c)]`, which is the *multi-label*
  loss (a BCE per label, summed), not the softmax cross-entropy :math:`-\sum_c y_c \log \hat y_c`.
* :func:`fit_linear_head` — a linear model with either a sigmoid per label (BCE per label) or one
  softmax over the labels (cross-entropy), trained by full-batch gradient descent from zero
  weights, so it is deterministic.  Returns a :class:`LinearHead`.
* :func:`multilabel_scores` — per-label accuracy (1 − Hamming loss), exact-match accuracy and the
  mean number of labels per row, true and predicted.
* :func:`make_multilabel_with_rates` — seeded multi-label data whose labels have chosen positive
  rates (e.g. a common, a rarer and a rare tag), for ``pos_weight``.
* (the figure of the same logits through independent sigmoids and one softmax is
:func:`lossviz.plots.plot_sigmoid_vs_softmax`)
* :func:`pos_weight_from_labels` — ``n_negative / n_positive`` per label, the ``pos_weight`` that
  PyTorch's ``BCEWithLogitsLoss`` documentation suggests for imbalanced labels.

numpy only; its figures are in :mod:`lossviz.plots`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validation import as_float_array, check_finite, check_int, check_real, check_seed
from .activations import log_softmax, sigmoid, softmax
from .losses import bce

__all__ = [
    "make_multilabel_with_rates",
    "source_003_log_loss",
    "LinearHead",
    "fit_linear_head",
    "multilabel_scores",
    "pos_weight_from_labels",
]

_HEADS = ("sigmoid", "softmax")


def make_multilabel_with_rates(n=600, rates=(0.5, 0.2, 0.05), *, n_features=2, noise=0.5, seed=0):
    r"""Seeded multi-label data in which label ``j`` is on for a share ``rates[j]`` of the rows.

    Label ``j`` is on when a noisy linear score is above its ``1 - rates[j]`` quantile:
    ``score_j = X @ W[:, j] + noise * e_j`` with standard-normal ``X``, ``W`` and ``e``. The
    labels are independent given ``X`` and a row may carry any subset of them.

    Parameters
    ----------
    n : int, default 600
    rates : sequence of float in (0, 1), default (0.5, 0.2, 0.05)
        Target share of positives of each label (met exactly up to rounding).
    n_features : int, default 2
    noise : float, default 0.5
        Standard deviation of the label noise (0: labels are a linear function of ``X``).
    seed : int, default 0

    Returns
    -------
    X : ndarray of shape (n, n_features)
    Y : ndarray of shape (n, len(rates)), int64 0/1

    Examples
    --------
    >>> X, Y = make_multilabel_with_rates(1000, (0.5, 0.1))
    >>> Y.mean(axis=0).tolist()
    [0.5, 0.1]
    """
    rates = np.asarray(rates, dtype=np.float64)
    if rates.ndim != 1 or rates.size == 0 or np.any(~((rates > 0) & (rates < 1))):
        raise ValueError(
            f"rates must be a non-empty list of shares in (0, 1); found {rates.tolist()}."
        )
    n = check_int(n, "n", minimum=2)
    n_features = check_int(n_features, "n_features", minimum=1)
    noise = check_real(noise, "noise", low=0.0, fix="noise=0 makes the labels linear in X.")
    rng = check_seed(seed, allow_none=True)
    W = rng.standard_normal((n_features, rates.size))
    X = rng.standard_normal((n, n_features))
    score = X @ W + noise * rng.standard_normal((n, rates.size))
    k = np.maximum(1, np.round(rates * n).astype(int))  # positives per label
    Y = np.zeros((n, rates.size), dtype=np.int64)
    for j in range(rates.size):
        Y[np.argsort(-score[:, j], kind="stable")[: k[j]], j] = 1
    return X, Y


def source_003_log_loss(y_true, y_prob):
    r"""Seed 003 §3.1's "log loss", per sample.

    :math:`-\sum_c [y_c \log \hat y_c + (1 - y_c) \log(1 - \hat y_c)]`.

    This is the sum over labels of a binary cross-entropy — the multi-label loss of seed 004
    §3.3 — and it is **not** equal to :math:`-\sum_c y_c \log \hat y_c` (the softmax
    cross-entropy), as 003 §3.1 claims: the :math:`(1 - y_c)` terms also charge every wrong class.

    Parameters
    ----------
    y_true : array_like of shape (C,) or (n, C)
        0/1 targets (one-hot or multi-hot).
    y_prob : array_like, same shape
        Predicted probabilities in [0, 1].

    Returns
    -------
    float for one sample, ndarray of shape (n,) for several.

    Examples
    --------
    >>> round(source_003_log_loss([0, 1, 0], [0.2, 0.7, 0.1]), 3)   # -ln .8 - ln .7 - ln .9
    0.685
    """
    per_label = bce(y_true, y_prob, reduction="none")
    out = np.sum(per_label, axis=-1)
    return float(out) if np.ndim(out) == 0 else out


@dataclass
class LinearHead:
    """A linear model ``logits = X @ W + b`` with a sigmoid per label or one softmax.

    Attributes
    ----------
    W : ndarray of shape (n_features, n_labels)
    b : ndarray of shape (n_labels,)
    head : {"sigmoid", "softmax"}
    losses : list of float
        Training loss after each epoch.
    """

    W: np.ndarray
    b: np.ndarray
    head: str
    losses: list = field(default_factory=list)

    def logits(self, X):
        """Raw scores ``X @ W + b``, shape (n, n_labels)."""
        return as_float_array(X, "X", dtype=np.float64) @ self.W + self.b

    def predict_proba(self, X):
        """Per-label probabilities (sigmoid head) or one distribution per row (softmax head)."""
        z = self.logits(X)
        return sigmoid(z) if self.head == "sigmoid" else softmax(z, axis=-1)

    def predict(self, X, threshold=0.5):
        """0/1 label matrix: every label whose probability is at least ``threshold``."""
        return (self.predict_proba(X) >= threshold).astype(np.int64)


def fit_linear_head(X, Y, *, head="sigmoid", lr=0.5, epochs=300, pos_weight=None):
    r"""Train a linear model with a sigmoid per label (BCE) or one softmax (cross-entropy).

    Full-batch gradient descent from zero weights (deterministic).  With ``head="sigmoid"`` the
    loss is the mean over all entries of ``bce_with_logits(Y, logits, pos_weight=pos_weight)``,
    gradient :math:`(\sigma(z) - y)/(n m)` (weighted).  With ``head="softmax"`` each row of
    ``Y`` is turned into a target distribution by dividing by its number of labels (rows with
    no label cannot be expressed by a softmax and contribute nothing); the loss is the mean
    cross-entropy, gradient :math:`(p - u)/n`.

    Parameters
    ----------
    X : array_like of shape (n, n_features)
    Y : array_like of shape (n, n_labels)
        0/1 targets: multi-hot for multi-label data, one-hot for exclusive classes.
    head : {"sigmoid", "softmax"}, default "sigmoid"
    lr : float, default 0.5
    epochs : int, default 300
    pos_weight : array_like of shape (n_labels,), optional
        Only for the sigmoid head: weight of the positive term of each label.

    Returns
    -------
    LinearHead

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]]); Y = np.array([[1, 0], [0, 1]])
    >>> m = fit_linear_head(X, Y, head="softmax", epochs=200)
    >>> m.predict(X).tolist()
    [[1, 0], [0, 1]]
    >>> m.losses[-1] < m.losses[0]
    True
    """
    if head not in _HEADS:
        raise ValueError(f"head must be 'sigmoid' or 'softmax'; found {head!r}.")
    X = as_float_array(X, "X", dtype=np.float64)
    Y = as_float_array(Y, "Y", dtype=np.float64)
    check_finite(X, "X")
    if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0]:
        raise ValueError(
            f"X must be (n, n_features) and Y (n, n_labels) with the same n; found "
            f"X.shape={X.shape}, "
            f"Y.shape={Y.shape}. For one label use Y[:, None]."
        )
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError("Y must hold 0/1 labels (multi-hot rows); found other values.")
    lr = check_real(
        lr, "lr", low=0.0, low_open=True, fix="Pass a positive learning rate such as lr=0.5."
    )
    epochs = check_int(epochs, "epochs", minimum=1)
    n, m = Y.shape
    if pos_weight is not None:
        if head != "sigmoid":
            raise ValueError("pos_weight applies to the sigmoid head only (a BCE per label).")
        pw = np.broadcast_to(as_float_array(pos_weight, "pos_weight", dtype=np.float64), (m,))
    else:
        pw = np.ones(m)
    W = np.zeros((X.shape[1], m))
    b = np.zeros(m)
    losses = []
    if head == "softmax":
        counts = Y.sum(axis=1, keepdims=True)
        U = np.divide(Y, counts, out=np.zeros_like(Y), where=counts > 0)
    for _ in range(epochs):
        z = X @ W + b
        if head == "sigmoid":
            p = sigmoid(z)
            # d/dz of -[pw y log s + (1-y) log(1-s)] = (1 + (pw-1) y) s - pw y
            g = ((1.0 + (pw - 1.0) * Y) * p - pw * Y) / (n * m)
            ls = pw * Y * np.logaddexp(0.0, -z) + (1.0 - Y) * np.logaddexp(0.0, z)
            losses.append(float(ls.mean()))
        else:
            lp = log_softmax(z, axis=-1)
            p = np.exp(lp)
            g = (p * U.sum(axis=1, keepdims=True) - U) / n
            losses.append(float(-(U * lp).sum() / n))
        W -= lr * (X.T @ g)
        b -= lr * g.sum(axis=0)
    return LinearHead(W=W, b=b, head=head, losses=losses)


def multilabel_scores(Y_true, Y_pred):
    """Per-label accuracy, exact-match accuracy and mean number of labels per row.

    Parameters
    ----------
    Y_true, Y_pred : array_like of shape (n, n_labels), 0/1

    Returns
    -------
    dict
        ``label_accuracy`` (share of correct entries, 1 − Hamming loss), ``exact_match`` (share of
        rows with every label right), ``labels_per_row_true`` and ``labels_per_row_pred``.

    Examples
    --------
    >>> multilabel_scores([[1, 1, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]])
    {'label_accuracy': 0.8333333333333334, 'exact_match': 0.5, 'labels_per_row_true': 1.5,
    'labels_per_row_pred': 1.0}
    """
    T = np.asarray(Y_true)
    P = np.asarray(Y_pred)
    if T.shape != P.shape or T.ndim != 2:
        raise ValueError(
            f"Y_true and Y_pred must be 2-D with the same shape; found {T.shape} and {P.shape}."
        )
    return {
        "label_accuracy": float(np.mean(T == P)),
        "exact_match": float(np.mean(np.all(T == P, axis=1))),
        "labels_per_row_true": float(T.sum(axis=1).mean()),
        "labels_per_row_pred": float(P.sum(axis=1).mean()),
    }


def pos_weight_from_labels(Y):
    """``n_negative / n_positive`` for each label (column) of a 0/1 label matrix.

    Multiplying the positive term of each label's BCE by this weight makes its positives and
    negatives contribute equally to the loss.

    Examples
    --------
    >>> pos_weight_from_labels([[1, 0], [0, 0], [0, 1], [0, 1]])
    array([3., 1.])
    """
    Y = np.asarray(Y)
    if Y.ndim != 2:
        raise ValueError(f"Y must be a 2-D 0/1 label matrix (n, n_labels); found shape {Y.shape}.")
    pos = Y.sum(axis=0).astype(np.float64)
    if np.any(pos == 0):
        raise ValueError(
            f"every label needs at least one positive to get a finite pos_weight; labels "
            f"{np.flatnonzero(pos == 0).tolist()} have none."
        )
    return (Y.shape[0] - pos) / pos
