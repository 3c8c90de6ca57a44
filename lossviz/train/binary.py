r"""Binary trainers: Nielsen's single neuron and logistic regression.

Import the public names from :mod:`lossviz.train`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import check_real, check_seed, check_weights_bias
from ..activations import sigmoid
from ..gradients import (
    bce_with_logits_grad,
    focal_loss_with_logits_grad,
    mse_sigmoid_grad,
)
from ..imbalance import sample_weights as _sample_weights
from ..losses import bce_with_logits, focal_loss_with_logits, mse
from ._common import (
    _as_X,
    _check_l,
    _check_lr_epochs,
    _fast_dz,
    _LazyHistory,
    _penalty,
    _penalty_grad,
    _soft_threshold,
)

__all__ = [
    "NeuronTrace",
    "LogisticRegressionFit",
    "train_single_neuron",
    "train_logistic_regression",
    "logistic_regression_loss",
    "logistic_regression_grad",
    "predict_proba_logistic",
]

_BINARY_LOSSES = ("bce", "focal", "mse")


# --------------------------------------------------------------------------- results
class NeuronTrace(NamedTuple):
    """Per-epoch trace of :func:`train_single_neuron`.

    Each field has shape ``(epochs + 1, *shape)``: index 0 is the start, index ``t``
    the state after ``t`` updates. ``shape`` is the broadcast shape of ``w0`` and ``b0``
    (``()`` for scalars).
    """

    w: np.ndarray
    b: np.ndarray
    output: np.ndarray
    cost: np.ndarray


class LogisticRegressionFit(NamedTuple):
    """Result of :func:`train_logistic_regression`; unpacks as ``weights, bias, history``.

    ``history`` is a dict of arrays with one row per epoch (``epochs + 1`` rows, row 0 the
    start): ``"loss"`` (the objective, data loss + penalty), ``"data_loss"``,
    ``"weights"`` (``(epochs + 1, d)``) and ``"bias"``.
    """

    weights: np.ndarray
    bias: float
    history: dict

    def decision_function(self, X):
        """Logits ``X @ weights + bias``."""
        return _as_X(X, "X", d=self.weights.size) @ self.weights + self.bias

    def predict_proba(self, X):
        """Probability of class 1 for each row of ``X``."""
        return predict_proba_logistic(X, self.weights, self.bias)

    def predict(self, X, threshold=0.5):
        """Class 1 where the probability is >= ``threshold``, as int64."""
        threshold = check_real(threshold, "threshold", low=0.0, high=1.0)
        return (self.predict_proba(X) >= threshold).astype(np.int64)


# --------------------------------------------------------------------------- single neuron
def train_single_neuron(w0, b0, *, x=1.0, y=0.0, lr=0.15, epochs=300, loss="bce", mse_scale=0.5):
    r"""Train one sigmoid neuron ``a = sigmoid(w x + b)`` by gradient descent.

    Nielsen's experiment: input ``x = 1``, target ``y = 0``, the same learning rate for
    both costs. The gradient of the cost with respect to ``z = w x + b`` comes from the
    core — :func:`~lossviz.gradients.bce_with_logits_grad` (``a - y``) for
    cross-entropy, ``mse_scale *`` :func:`~lossviz.gradients.mse_sigmoid_grad`
    (``2 mse_scale (a - y) a (1 - a)``) for the quadratic cost — and then
    ``dC/dw = x dC/dz``, ``dC/db = dC/dz``.

    Parameters
    ----------
    w0, b0 : float or array_like
        Initial weight and bias. Arrays are broadcast together and every pair is trained
        independently, in one vectorised loop (for explorers and cost landscapes).
    x : float, default 1.0
        The input.
    y : float, default 0.0
        The target, in [0, 1].
    lr : float, default 0.15
        Learning rate η (> 0).
    epochs : int, default 300
        Number of updates (>= 0).
    loss : {"bce", "mse"}, default "bce"
        ``"bce"``: cross-entropy ``-[y ln a + (1 - y) ln(1 - a)]``; ``"mse"``: the
        quadratic cost ``mse_scale * (a - y)**2``.
    mse_scale : float, default 0.5
        Factor of the quadratic cost: 0.5 is Nielsen's ``(a - y)^2 / 2``, 1.0 the
        package's :func:`~lossviz.losses.mse`. Ignored for ``"bce"``.

    Returns
    -------
    NeuronTrace
        Named tuple ``(w, b, output, cost)`` of arrays of shape ``(epochs + 1, *shape)``;
        row ``t`` is the state after ``t`` updates.

    Examples
    --------
    The numbers of Nielsen's chapter 3 (η = 0.15, 300 epochs):

    >>> mse_run = train_single_neuron(0.6, 0.9, loss="mse")
    >>> round(float(mse_run.output[0]), 2), round(float(mse_run.output[-1]), 3)
    (0.82, 0.094)
    >>> round(float(train_single_neuron(2.0, 2.0, loss="mse").output[-1]), 3)
    0.203
    >>> round(float(train_single_neuron(2.0, 2.0, loss="bce").output[-1]), 3)
    0.012

    Many starting points at once:

    >>> trace = train_single_neuron(np.array([0.6, 2.0]), np.array([0.9, 2.0]), loss="mse")
    >>> trace.output.shape, trace.output[-1].round(3)
    ((301, 2), array([0.094, 0.203]))
    """
    if loss not in ("bce", "mse"):
        raise ValueError(f"loss must be 'bce' or 'mse'; found {loss!r}.")
    w0 = np.asarray(w0, dtype=np.float64)
    b0 = np.asarray(b0, dtype=np.float64)
    for name, arr in (("w0", w0), ("b0", b0)):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite; found {arr}. Pass a finite starting value.")
    try:
        shape = np.broadcast_shapes(w0.shape, b0.shape)
    except ValueError:
        raise ValueError(
            f"w0 and b0 must broadcast together; found shapes {w0.shape} and {b0.shape}."
        ) from None
    x = check_real(x, "x")
    y = check_real(y, "y", low=0.0, high=1.0, fix="The target of a sigmoid neuron is in [0, 1].")
    lr, epochs = _check_lr_epochs(lr, epochs)
    mse_scale = check_real(
        mse_scale, "mse_scale", low=0.0, low_open=True, fix="Use 0.5 (Nielsen's (a-y)^2/2) or 1.0."
    )
    W = np.empty((epochs + 1,) + shape)
    B = np.empty((epochs + 1,) + shape)
    W[0] = w0
    B[0] = b0
    y_arr = np.full(shape, y)
    w, b = W[0].copy(), B[0].copy()
    scale = 1.0 if loss == "bce" else mse_scale
    for t in range(epochs):
        z = w * x + b
        g = _fast_dz(loss, y_arr, z)  # = bce_with_logits_grad or mse_sigmoid_grad
        if scale != 1.0:
            g *= scale
        w -= lr * x * g
        b -= lr * g
        W[t + 1] = w
        B[t + 1] = b
    Z = W * x + B
    output = sigmoid(Z)
    Y = np.broadcast_to(y, Z.shape)
    if loss == "bce":
        cost = bce_with_logits(Y, Z, reduction="none")
    else:
        cost = mse_scale * mse(Y, output, reduction="none")
    return NeuronTrace(
        W, B, np.asarray(output, dtype=np.float64), np.asarray(cost, dtype=np.float64)
    )


# --------------------------------------------------------------------------- logistic regression
class _Binary:
    """Validated binary problem: the per-sample loss and its gradient wrt the logits."""

    def __init__(self, X, y, *, loss, sample_weight, pos_weight, gamma, alpha, l1, l2):
        self.X = _as_X(X)
        n = self.X.shape[0]
        y_arr = np.asarray(y)
        if y_arr.ndim != 1 or y_arr.shape[0] != n:
            raise ValueError(
                f"y must be 1-D with one target per row of X ({n}); found shape {y_arr.shape}."
            )
        if (
            not (np.issubdtype(y_arr.dtype, np.number) or y_arr.dtype == bool)
            or y_arr.dtype == object
        ):
            raise TypeError(f"y must hold numbers 0/1; found dtype {y_arr.dtype}.")
        self.y = y_arr.astype(np.float64)
        if not np.all(np.isfinite(self.y)) or self.y.min() < 0 or self.y.max() > 1:
            raise ValueError(
                f"y must hold targets in [0, 1] (labels 0/1); found min={np.nanmin(self.y):.4g}, "
                f"max={np.nanmax(self.y):.4g}. For several classes use train_softmax_regression."
            )
        if loss not in _BINARY_LOSSES:
            raise ValueError(
                f"loss must be one of {', '.join(repr(v) for v in _BINARY_LOSSES)}; found {loss!r}."
            )
        if pos_weight is not None and loss != "bce":
            raise ValueError(
                f"pos_weight applies to loss='bce' only; found loss={loss!r}. "
                "Use sample_weight for the other losses."
            )
        if loss != "focal" and (gamma is not None or alpha is not None):
            raise ValueError(f"gamma and alpha apply to loss='focal' only; found loss={loss!r}.")
        self.loss = loss
        self.pos_weight = pos_weight
        self.gamma = 2.0 if gamma is None else gamma
        self.alpha = alpha
        self.l1, self.l2 = _check_l("l1", l1), _check_l("l2", l2)
        if sample_weight is None:
            self.s = None
        else:
            if isinstance(sample_weight, str):
                if not np.all((self.y == 0) | (self.y == 1)):
                    raise ValueError("sample_weight given by name needs hard labels 0/1 in y.")
                s = _sample_weights(self.y.astype(np.int64), sample_weight, n_classes=2)
            else:
                s = np.asarray(sample_weight, dtype=np.float64)
            if s.shape != (n,):
                raise ValueError(
                    f"sample_weight must have shape ({n},), one weight per row of X; "
                    f"found {s.shape}."
                )
            if not np.all(np.isfinite(s)) or s.min() < 0 or s.sum() <= 0:
                raise ValueError("sample_weight must be finite, >= 0, with a positive sum.")
            self.s = s / s.sum()
        # validates pos_weight, gamma, alpha once, with the core's messages
        self._per_sample_loss(self.y[:1], np.zeros(1))
        if pos_weight is not None and np.ndim(pos_weight) != 0:
            raise ValueError(
                f"pos_weight must be a scalar for a binary model; found shape "
                f"{np.shape(pos_weight)}."
            )
        self.pw = None if pos_weight is None else float(pos_weight)

    def _per_sample_loss(self, y, z):
        if self.loss == "bce":
            return bce_with_logits(y, z, pos_weight=self.pos_weight, reduction="none")
        if self.loss == "focal":
            return focal_loss_with_logits(
                y, z, gamma=self.gamma, alpha=self.alpha, reduction="none"
            )
        return mse(y, sigmoid(z), reduction="none")

    def dz_fast(self, z):
        """As :meth:`dz`, with the unvalidated kernel (for the training loop)."""
        g = _fast_dz(self.loss, self.y, z, self.pw, self.gamma, self.alpha)
        return g * self.s if self.s is not None else g / g.size

    def dz(self, z):
        """d data_loss / d z_i (already divided by n or weighted), from the core."""
        if self.loss == "bce":
            g = bce_with_logits_grad(self.y, z, pos_weight=self.pos_weight)
        elif self.loss == "focal":
            g = focal_loss_with_logits_grad(self.y, z, gamma=self.gamma, alpha=self.alpha)
        else:
            g = mse_sigmoid_grad(self.y, z)
        return g * self.s if self.s is not None else g / g.size

    def grad(self, w, b):
        gz = self.dz(self.X @ w + b)
        return self.X.T @ gz + _penalty_grad(w, self.l1, self.l2), float(gz.sum())

    def objectives(self, W, B, Z=None):
        """(objective, data_loss) for stacked weights W (T, d) and biases B (T,).

        ``Z`` (T, n), the logits of every row, may be passed when already known: a large
        ``W @ X.T`` is avoided on purpose (multithreaded BLAS is slow for it here).
        """
        if Z is None:
            Z = np.stack([self.X @ w + b for w, b in zip(W, B, strict=True)])
        L = self._per_sample_loss(np.broadcast_to(self.y, Z.shape), Z)
        data = L @ self.s if self.s is not None else L.mean(axis=1)
        return data + _penalty(W, self.l1, self.l2), data


def logistic_regression_loss(
    X,
    y,
    weights,
    bias,
    *,
    loss="bce",
    sample_weight=None,
    pos_weight=None,
    gamma=None,
    alpha=None,
    l2=0.0,
    l1=0.0,
):
    """Objective of :func:`train_logistic_regression` at ``weights``, ``bias``.

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]]); y = np.array([1, 0])
    >>> round(logistic_regression_loss(X, y, [0.0], 0.0), 4)   # ln 2
    0.6931
    """
    prob = _Binary(
        X,
        y,
        loss=loss,
        sample_weight=sample_weight,
        pos_weight=pos_weight,
        gamma=gamma,
        alpha=alpha,
        l1=l1,
        l2=l2,
    )
    w, b = check_weights_bias(weights, bias, prob.X.shape[1])
    return float(prob.objectives(w[None, :], np.array([b]))[0][0])


def logistic_regression_grad(
    X,
    y,
    weights,
    bias,
    *,
    loss="bce",
    sample_weight=None,
    pos_weight=None,
    gamma=None,
    alpha=None,
    l2=0.0,
    l1=0.0,
):
    """Gradient ``(d objective / d weights, d objective / d bias)`` of the logistic objective.

    The objective is :func:`logistic_regression_loss`.

    For BCE without weights this is ``(X.T @ (p - y) / n, mean(p - y))``.

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]]); y = np.array([1, 0])
    >>> logistic_regression_grad(X, y, [0.0], 0.0)
    (array([-0.5]), 0.0)
    """
    prob = _Binary(
        X,
        y,
        loss=loss,
        sample_weight=sample_weight,
        pos_weight=pos_weight,
        gamma=gamma,
        alpha=alpha,
        l1=l1,
        l2=l2,
    )
    w, b = check_weights_bias(weights, bias, prob.X.shape[1])
    return prob.grad(w, b)


def train_logistic_regression(
    X,
    y,
    *,
    lr=0.5,
    epochs=300,
    loss="bce",
    sample_weight=None,
    pos_weight=None,
    gamma=None,
    alpha=None,
    l2=0.0,
    l1=0.0,
    w0=None,
    b0=0.0,
    seed=None,
):
    """Binary logistic regression by full-batch gradient descent.

    Parameters
    ----------
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Labels 0/1 (or soft targets in [0, 1]).
    lr : float, default 0.5
        Learning rate (> 0).
    epochs : int, default 300
        Number of updates (>= 0).
    loss : {"bce", "focal", "mse"}, default "bce"
        Per-sample loss of the core (see the module docstring).
    sample_weight : array_like of shape (n,) or str, optional
        Per-sample weights, or ``"balanced"`` / ``"effective_number"`` for the class
        weights of :func:`lossviz.imbalance.class_weights`. The data loss is the
        weighted average ``sum s_i l_i / sum s_i``.
    pos_weight : float, optional
        Weight of the positive term of BCE, as in PyTorch's ``BCEWithLogitsLoss``
        (``loss="bce"`` only).
    gamma : float, optional
        Focal-loss focusing parameter (``loss="focal"`` only; default 2.0).
    alpha : float in [0, 1], optional
        Focal-loss weight of the positives (``loss="focal"`` only; default none).
    l2, l1 : float, default 0.0
        Penalty ``l2 * sum(w**2) + l1 * sum(|w|)`` on the weights (not the bias); the L1
        term by a proximal (soft-thresholding) step, so weights can become exactly 0.
    w0 : array_like of shape (d,), optional
        Initial weights; default zeros, or small random numbers N(0, 0.01²) when
        ``seed`` is given.
    b0 : float, default 0.0
        Initial bias.
    seed : int or numpy.random.Generator, optional
        Seed of the random initial weights (only used when ``w0`` is None).

    Returns
    -------
    LogisticRegressionFit
        Named tuple ``(weights, bias, history)``; see :class:`LogisticRegressionFit`.

    Examples
    --------
    >>> from lossviz.data import make_blobs_binary
    >>> X, y = make_blobs_binary(200, separation=3.0)
    >>> fit = train_logistic_regression(X, y, lr=0.5, epochs=200)
    >>> w, b, hist = fit
    >>> bool(hist["loss"][-1] < hist["loss"][0]), round(float(hist["loss"][0]), 4)
    (True, 0.6931)
    >>> float((fit.predict(X) == y).mean()) > 0.9
    True
    """
    prob = _Binary(
        X,
        y,
        loss=loss,
        sample_weight=sample_weight,
        pos_weight=pos_weight,
        gamma=gamma,
        alpha=alpha,
        l1=l1,
        l2=l2,
    )
    lr, epochs = _check_lr_epochs(lr, epochs)
    d = prob.X.shape[1]
    if w0 is None:
        w = np.zeros(d) if seed is None else 0.01 * check_seed(seed).standard_normal(d)
    else:
        w = check_weights_bias(w0, b0, d, names=("w0", "b0"))[0].copy()
    b = check_real(b0, "b0")
    W = np.empty((epochs + 1, d))
    B = np.empty(epochs + 1)
    W[0], B[0] = w, b
    X_ = prob.X
    XT = np.ascontiguousarray(X_.T)
    Z = np.empty((epochs + 1, X_.shape[0]))
    for t in range(epochs):
        z = Z[t]
        np.matmul(X_, w, out=z)
        z += b
        gz = prob.dz_fast(z)
        gw = XT @ gz
        if prob.l2:
            gw += 2.0 * prob.l2 * w
        w = w - lr * gw
        if prob.l1:
            w = _soft_threshold(w, lr * prob.l1)
        b = b - lr * float(gz.sum())
        W[t + 1], B[t + 1] = w, b
    Z[epochs] = X_ @ w + b
    history = _LazyHistory(lambda: prob.objectives(W, B, Z), weights=W, bias=B)
    return LogisticRegressionFit(w, float(b), history)


def predict_proba_logistic(X, weights, bias):
    """Probability of class 1, ``sigmoid(X @ weights + bias)``.

    Examples
    --------
    >>> predict_proba_logistic([[0.0], [100.0]], [1.0], 0.0)
    array([0.5, 1. ])
    """
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1:
        raise ValueError(f"weights must be 1-D (one per feature); found shape {w.shape}.")
    w, b = check_weights_bias(w, bias, w.size)
    return np.asarray(sigmoid(_as_X(X, "X", d=w.size) @ w + b), dtype=np.float64)
