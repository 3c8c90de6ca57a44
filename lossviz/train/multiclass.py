r"""Softmax (multinomial logistic) regression, trained by full-batch gradient descent.

Import the public names from :mod:`lossviz.train`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import check_int, check_weights_bias
from ..activations import softmax
from ..gradients import (
    softmax_cross_entropy_grad,
)
from ..losses import softmax_cross_entropy
from ._common import (
    _as_X,
    _check_l,
    _check_lr_epochs,
    _fast_softmax_grad,
    _LazyHistory,
    _penalty,
    _penalty_grad,
    _smoothed_targets,
    _soft_threshold,
)

__all__ = [
    "SoftmaxRegressionFit",
    "train_softmax_regression",
    "softmax_regression_loss",
    "softmax_regression_grad",
    "predict_proba_softmax",
]


class SoftmaxRegressionFit(NamedTuple):
    """Result of :func:`train_softmax_regression`; unpacks as ``weights, bias, history``.

    ``weights`` has shape ``(d, K)``, ``bias`` ``(K,)``; ``history`` as in
    :class:`LogisticRegressionFit` (``"weights"`` of shape ``(epochs + 1, d, K)``).
    """

    weights: np.ndarray
    bias: np.ndarray
    history: dict

    def decision_function(self, X):
        """Logits ``X @ weights + bias``, shape ``(n, K)``."""
        return _as_X(X, "X", d=self.weights.shape[0]) @ self.weights + self.bias

    def predict_proba(self, X):
        """Class probabilities, shape ``(n, K)``."""
        return predict_proba_softmax(X, self.weights, self.bias)

    def predict(self, X):
        """Most probable class of each row, int64."""
        return np.argmax(self.decision_function(X), axis=1).astype(np.int64)


# --------------------------------------------------------------------------- softmax regression
class _Multi:
    def __init__(self, X, y, *, n_classes, class_weight, label_smoothing, l1, l2):
        self.X = _as_X(X)
        n = self.X.shape[0]
        y_arr = np.asarray(y)
        if y_arr.ndim != 1 or y_arr.shape[0] != n:
            raise ValueError(
                f"y must be 1-D class indices, one per row of X ({n}); found shape {y_arr.shape}. "
                "For one-hot rows pass y.argmax(axis=1)."
            )
        if not np.issubdtype(y_arr.dtype, np.integer):
            if (
                np.issubdtype(y_arr.dtype, np.floating)
                and np.all(np.isfinite(y_arr))
                and np.all(y_arr == np.round(y_arr))
            ):
                y_arr = y_arr.astype(np.int64)
            else:
                raise TypeError(
                    f"y must hold integer class indices 0..K-1; found dtype {y_arr.dtype}."
                )
        if y_arr.min() < 0:
            raise ValueError(f"y must hold class indices 0..K-1; found {int(y_arr.min())}.")
        k = (
            int(y_arr.max()) + 1
            if n_classes is None
            else check_int(n_classes, "n_classes", minimum=2)
        )
        if n_classes is None:
            k = max(k, 2)
        if y_arr.max() >= k:
            raise ValueError(
                f"y holds class index {int(y_arr.max())} but n_classes={k}; allowed are 0..{k - 1}."
            )
        self.y, self.k = y_arr.astype(np.int64), k
        self.class_weight = (
            None if class_weight is None else np.asarray(class_weight, dtype=np.float64)
        )
        self.label_smoothing = label_smoothing
        self.l1, self.l2 = _check_l("l1", l1), _check_l("l2", l2)
        # validate class_weight / label_smoothing with the core's messages
        softmax_cross_entropy(
            self.y[:1],
            np.zeros((1, k)),
            class_weight=self.class_weight,
            label_smoothing=label_smoothing,
        )
        # the core's weighted mean divides by the summed weights of the targets
        self.denom = (
            float(n) if self.class_weight is None else float(self.class_weight[self.y].sum())
        )
        if self.denom <= 0:
            raise ValueError(
                "the class weights of the samples sum to 0; give some class a weight > 0."
            )

    def grad(self, W, b, Z=None):
        if Z is None:
            Z = self.X @ W + b
        G = (
            softmax_cross_entropy_grad(
                self.y, Z, class_weight=self.class_weight, label_smoothing=self.label_smoothing
            )
            / self.denom
        )
        return self.X.T @ G + _penalty_grad(W, self.l1, self.l2), G.sum(axis=0)

    def objectives(self, Ws, Bs, Z=None):
        if Z is None:  # per epoch: small matmuls, no slow multithreaded large one
            Z = np.stack([self.X @ W + b for W, b in zip(Ws, Bs, strict=True)])
        Y = np.broadcast_to(self.y, Z.shape[:2])
        L = softmax_cross_entropy(
            Y,
            Z,
            class_weight=self.class_weight,
            label_smoothing=self.label_smoothing,
            reduction="none",
        )
        data = L.sum(axis=1) / self.denom
        return data + _penalty(Ws, self.l1, self.l2), data


def softmax_regression_loss(
    X, y, weights, bias, *, n_classes=None, class_weight=None, label_smoothing=0.0, l2=0.0, l1=0.0
):
    """Objective of :func:`train_softmax_regression` at ``weights`` (d, K) and ``bias`` (K,).

    Examples
    --------
    >>> X = np.zeros((2, 1)); y = np.array([0, 2])
    >>> round(softmax_regression_loss(X, y, np.zeros((1, 3)), np.zeros(3)), 4)   # ln 3
    1.0986
    """
    prob = _Multi(
        X,
        y,
        n_classes=n_classes,
        class_weight=class_weight,
        label_smoothing=label_smoothing,
        l1=l1,
        l2=l2,
    )
    W, b = check_weights_bias(weights, bias, prob.X.shape[1], prob.k)
    return float(prob.objectives(W[None], b[None])[0][0])


def softmax_regression_grad(
    X, y, weights, bias, *, n_classes=None, class_weight=None, label_smoothing=0.0, l2=0.0, l1=0.0
):
    """Gradient ``(d objective / d weights, d objective / d bias)`` of the softmax objective.

    The objective is :func:`softmax_regression_loss`.

    Without weights and smoothing: ``X.T @ (P - onehot(y)) / n`` and its column means.

    Examples
    --------
    >>> X = np.ones((1, 1)); y = np.array([0])
    >>> gW, gb = softmax_regression_grad(X, y, np.zeros((1, 2)), np.zeros(2))
    >>> gW, gb
    (array([[-0.5,  0.5]]), array([-0.5,  0.5]))
    """
    prob = _Multi(
        X,
        y,
        n_classes=n_classes,
        class_weight=class_weight,
        label_smoothing=label_smoothing,
        l1=l1,
        l2=l2,
    )
    W, b = check_weights_bias(weights, bias, prob.X.shape[1], prob.k)
    return prob.grad(W, b)


def train_softmax_regression(
    X,
    y,
    *,
    n_classes=None,
    lr=0.5,
    epochs=300,
    l2=0.0,
    l1=0.0,
    label_smoothing=0.0,
    class_weight=None,
    w0=None,
    b0=None,
):
    """Multinomial logistic (softmax) regression by full-batch gradient descent.

    Parameters
    ----------
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Class indices 0..K-1.
    n_classes : int, optional
        K; default ``max(y) + 1`` (at least 2).
    lr : float, default 0.5
    epochs : int, default 300
    l2, l1 : float, default 0.0
        Penalty ``l2 * sum(W**2) + l1 * sum(|W|)`` (not on the bias); the L1 term by a
        proximal (soft-thresholding) step.
    label_smoothing : float in [0, 1), default 0.0
        As in PyTorch: the target becomes ``(1 - eps) onehot + eps / K``.
    class_weight : array_like of shape (K,), optional
        As in :func:`~lossviz.losses.softmax_cross_entropy` (weighted mean).
    w0 : array_like of shape (d, K), optional
        Initial weights (default zeros).
    b0 : array_like of shape (K,), optional
        Initial biases (default zeros).

    Returns
    -------
    SoftmaxRegressionFit
        Named tuple ``(weights, bias, history)``.

    Examples
    --------
    >>> from lossviz.data import make_multiclass_blobs
    >>> X, y = make_multiclass_blobs(50, 3, separation=4.0)
    >>> fit = train_softmax_regression(X, y, lr=0.5, epochs=200)
    >>> fit.weights.shape, fit.bias.shape
    ((2, 3), (3,))
    >>> round(float(fit.history["loss"][0]), 4), bool(fit.history["loss"][-1] < 0.3)
    (1.0986, True)
    >>> float((fit.predict(X) == y).mean()) > 0.9
    True
    """
    prob = _Multi(
        X,
        y,
        n_classes=n_classes,
        class_weight=class_weight,
        label_smoothing=label_smoothing,
        l1=l1,
        l2=l2,
    )
    lr, epochs = _check_lr_epochs(lr, epochs)
    d, k = prob.X.shape[1], prob.k
    W, b = check_weights_bias(
        np.zeros((d, k)) if w0 is None else w0,
        np.zeros(k) if b0 is None else b0,
        d,
        k,
        names=("w0", "b0"),
    )
    W, b = W.copy(), b.copy()
    Ws = np.empty((epochs + 1, d, k))
    Bs = np.empty((epochs + 1, k))
    Ws[0], Bs[0] = W, b
    X_ = prob.X
    XT = np.ascontiguousarray(X_.T)
    Z = np.empty((epochs + 1, X_.shape[0], k))
    U = _smoothed_targets(prob.y, k, prob.class_weight, float(label_smoothing)) / prob.denom
    U_sum = U.sum(axis=1, keepdims=True)
    for t in range(epochs):
        z = Z[t]
        np.matmul(X_, W, out=z)
        z += b
        G = _fast_softmax_grad(z, U, U_sum)  # = softmax_cross_entropy_grad(...) / denom
        gW = XT @ G
        if prob.l2:
            gW += 2.0 * prob.l2 * W
        W = W - lr * gW
        if prob.l1:
            W = _soft_threshold(W, lr * prob.l1)
        b = b - lr * G.sum(axis=0)
        Ws[t + 1], Bs[t + 1] = W, b
    Z[epochs] = X_ @ W + b
    history = _LazyHistory(lambda: prob.objectives(Ws, Bs, Z), weights=Ws, bias=Bs)
    return SoftmaxRegressionFit(W, b, history)


def predict_proba_softmax(X, weights, bias):
    """Class probabilities ``softmax(X @ weights + bias)``, shape (n, K).

    Examples
    --------
    >>> predict_proba_softmax([[0.0]], [[1.0, 2.0]], [0.0, 0.0])
    array([[0.5, 0.5]])
    """
    W = np.asarray(weights, dtype=np.float64)
    if W.ndim != 2:
        raise ValueError(f"weights must be 2-D (features, classes); found shape {W.shape}.")
    W, b = check_weights_bias(W, bias, W.shape[0], W.shape[1])
    return np.asarray(softmax(_as_X(X, "X", d=W.shape[0]) @ W + b, axis=1), dtype=np.float64)
