r"""Tiny full-batch gradient-descent trainers, vectorised and deterministic.

Every loss and every gradient comes from the maths core (:mod:`lossviz.losses`,
:mod:`lossviz.gradients`); this module only adds the chain rule through the linear
model ``z = X w + b`` and the update ``theta <- theta - lr * grad``.

* :func:`train_single_neuron` — Nielsen's one-neuron experiment (*Neural Networks and
  Deep Learning*, ch. 3): input ``x = 1``, target ``y = 0``, one weight and one bias, a
  sigmoid output; cross-entropy against the quadratic cost. ``w0`` and ``b0`` may be
  arrays: many neurons are then trained at once (one vectorised loop over the epochs).
* :func:`train_logistic_regression` — binary logistic regression with BCE (optionally
  ``pos_weight``), focal loss or MSE on the sigmoid, sample or class weights, L1/L2.
* :func:`train_softmax_regression` — multinomial logistic regression with softmax
  cross-entropy, class weights, label smoothing, L1/L2.

The objectives and their gradients are public too (:func:`logistic_regression_loss`,
:func:`logistic_regression_grad`, :func:`softmax_regression_loss`,
:func:`softmax_regression_grad`), so that a chapter can check them with
:func:`lossviz.gradients.numerical_grad`.

The quadratic cost of the single neuron
---------------------------------------
Nielsen writes the quadratic cost as :math:`C = (a - y)^2 / 2`, while this package's
:func:`~lossviz.losses.mse` has no ½. The factor matters for the experiment because it
halves the gradient at the same learning rate. :func:`train_single_neuron` uses
``mse_scale * (a - y)**2`` with ``mse_scale=0.5`` by default, Nielsen's convention, which
reproduces his numbers (computed here, η = 0.15, 300 epochs, x = 1, y = 0):

=====================  ==================  ===================  ===============
start                  quadratic ½(a−y)²   (a−y)² (no ½)        cross-entropy
=====================  ==================  ===================  ===============
w = 0.6, b = 0.9       output 0.094        output 0.061         output 0.012
w = 2.0, b = 2.0       output 0.203        output 0.078         output 0.012
=====================  ==================  ===================  ===============

(The output starts at σ(1.5) = 0.82 and σ(4) = 0.98.) ``mse_scale=1.0`` gives the cost
without ½.

Objective of the linear models
------------------------------
``data_loss = sum_i s_i * l_i / sum_i s_i`` (the plain mean when there are no sample
weights; with weights, a weighted average, so the scale of the weights does not change
the step size), plus the penalty ``l2 * sum(w**2) + l1 * sum(|w|)`` on the weights
(not on the bias). ``l_i`` is the per-sample loss of the core: for ``"bce"``
:func:`~lossviz.losses.bce_with_logits` (with ``pos_weight`` as in PyTorch), for
``"focal"`` :func:`~lossviz.losses.focal_loss_with_logits`, for ``"mse"``
``(sigmoid(z) - y)**2`` as :func:`~lossviz.losses.mse`. For the softmax regression the
data loss is :func:`~lossviz.losses.softmax_cross_entropy` with ``reduction="mean"``
(PyTorch's weighted mean when ``class_weight`` is given).

The trainers take a plain gradient step on the data loss and the L2 term, then handle
the L1 term by its proximal step (soft thresholding, ISTA): ``w <- sign(w) max(|w| -
lr * l1, 0)``. Unlike a subgradient step, which makes small weights jump around 0,
this decreases the objective steadily for a small enough ``lr`` and sets weights
exactly to 0 — the sparsity that L1 is known for. The gradient functions report the
L1 term as ``l1 * sign(w)`` (0 at ``w = 0``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import check_int, check_real, check_seed, check_weights_bias
from .activations import sigmoid, softmax
from .gradients import (
    bce_with_logits_grad,
    focal_loss_with_logits_grad,
    mse_sigmoid_grad,
    softmax_cross_entropy_grad,
)
from .imbalance import sample_weights as _sample_weights
from .losses import bce_with_logits, focal_loss_with_logits, mse, softmax_cross_entropy

__all__ = [
    "NeuronTrace",
    "LogisticRegressionFit",
    "SoftmaxRegressionFit",
    "train_single_neuron",
    "train_logistic_regression",
    "train_softmax_regression",
    "logistic_regression_loss",
    "logistic_regression_grad",
    "softmax_regression_loss",
    "softmax_regression_grad",
    "predict_proba_logistic",
    "predict_proba_softmax",
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


# --------------------------------------------------------------------------- validation
def _as_X(X, name="X", d=None):
    arr = np.asarray(X)
    if (
        arr.dtype == object
        or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool)
        or np.issubdtype(arr.dtype, np.complexfloating)
    ):
        raise TypeError(f"{name} must be a real numeric array; found dtype {arr.dtype}.")
    if arr.ndim == 1 and d is None:
        raise ValueError(
            f"{name} must be 2-D (n_samples, n_features); found shape {arr.shape}. "
            f"For one feature use {name}.reshape(-1, 1)."
        )
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); found shape {arr.shape}.")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row; found shape {arr.shape}.")
    if d is not None and arr.shape[1] != d:
        raise ValueError(
            f"{name} must have {d} columns (the number of weights); found shape {arr.shape}."
        )
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; found NaN or inf. Remove or impute those values.")
    return arr


def _check_l(name, value):
    return check_real(
        value, name, low=0.0, fix=f"{name} is a penalty strength; use {name}=0.0 for none."
    )


def _check_lr_epochs(lr, epochs):
    lr = check_real(
        lr, "lr", low=0.0, low_open=True, fix="Use a positive learning rate such as lr=0.1."
    )
    epochs = check_int(epochs, "epochs", minimum=0)
    return lr, epochs


def _penalty(W, l1, l2):
    """Penalty for a stack of weight vectors/matrices; sums over all but the first axis."""
    axes = tuple(range(1, W.ndim))
    out = np.zeros(W.shape[0])
    if l2:
        out = out + l2 * np.sum(W * W, axis=axes)
    if l1:
        out = out + l1 * np.sum(np.abs(W), axis=axes)
    return out


def _soft_threshold(w, t):
    """Proximal step of t * sum(|w|): shrink towards 0 by t, exactly 0 inside [-t, t]."""
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)


def _penalty_grad(w, l1, l2):
    g = np.zeros_like(w)
    if l2:
        g += 2.0 * l2 * w
    if l1:
        g += l1 * np.sign(w)
    return g


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


# --------------------------------------------------------------------------- fast kernels
# The training loops run hundreds of epochs on arrays whose validation costs more than the
# arithmetic (an explorer retrains a model on every slider move). Inside the loops the
# gradient with respect to the logits is therefore computed by these unvalidated kernels,
# which transcribe the core's formulas (lossviz.gradients) term by term on inputs that the
# trainer has already validated once. tests/test_train.py checks that they equal the core's
# functions; every loss value reported in a history comes from the core itself.
def _fast_dz(loss, y, z, pos_weight=None, gamma=2.0, alpha=None):
    """Per-sample d loss / d z, as the core's binary *_grad functions (no validation)."""
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        inv = 1.0 / (1.0 + e)
        pos = z >= 0
        p = np.where(pos, inv, e * inv)  # sigmoid(z)
        q = np.where(pos, e * inv, inv)  # sigmoid(-z) = 1 - p without cancellation
        if loss == "bce":
            if pos_weight is None:
                return p - y
            return p - y * (p + pos_weight * q)  # = (1 - y) p - w y (1 - p)
        if loss == "mse":
            return 2 * (p - y) * p * q
        # focal: (p - y) m^g + g ce m^(g-1) (1 - 2y) p q, times alpha_t; m = 1 - p_t
        if gamma == 0:
            grad = p - y
        else:
            m = y * q + (1 - y) * p
            ce = np.maximum(z, 0) - z * y + np.log1p(e)
            if gamma == 2:
                grad = (p - y) * (m * m) + 2 * ce * m * (1 - 2 * y) * p * q
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    grad = (p - y) * m**gamma + np.where(
                        m > 0, gamma * ce * m ** (gamma - 1) * (1 - 2 * y) * p * q, 0
                    )
        if alpha is not None:
            grad = grad * (alpha * y + (1 - alpha) * (1 - y))
        return grad


def _smoothed_targets(y, k, class_weight, eps):
    """PyTorch's weighted, smoothed targets u[n, c] = w_c ((1 - eps) [c = y_n] + eps / K)."""
    U = np.full((y.size, k), eps / k)
    U[np.arange(y.size), y] += 1.0 - eps
    if class_weight is not None:
        U *= class_weight
    return U


def _fast_softmax_grad(Z, U, U_sum):
    """Per-sample d loss / d Z = (sum_c u_c) softmax(Z) - u, as softmax_cross_entropy_grad."""
    with np.errstate(under="ignore"):
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
    P *= U_sum
    P -= U
    return P


class _LazyHistory(dict):
    """A dict whose "loss" and "data_loss" are computed by the core on first access.

    Training itself needs only the gradients; the per-epoch losses of a whole run are
    one vectorised call to the core's loss, made only when someone looks at them.
    """

    def __init__(self, compute, **arrays):
        super().__init__(arrays)
        self._compute = compute

    def _fill(self):
        if self._compute is not None:
            obj, data = self._compute()
            self._compute = None
            dict.__setitem__(self, "loss", obj)
            dict.__setitem__(self, "data_loss", data)

    def __getitem__(self, key):
        if key in ("loss", "data_loss"):
            self._fill()
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __contains__(self, key):
        return key in ("loss", "data_loss") or dict.__contains__(self, key)

    def keys(self):
        self._fill()
        return dict.keys(self)

    def items(self):
        self._fill()
        return dict.items(self)

    def values(self):
        self._fill()
        return dict.values(self)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self):
        self._fill()
        return dict.__len__(self)

    def __repr__(self):
        self._fill()
        return dict.__repr__(self)

    def __eq__(self, other):
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None


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
                f"pos_weight must be a scalar for a binary model; found shape {np.shape(pos_weight)}."
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
            Z = np.stack([self.X @ w + b for w, b in zip(W, B)])
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
    """Gradient ``(d objective / d weights, d objective / d bias)`` of :func:`logistic_regression_loss`.

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
            Z = np.stack([self.X @ W + b for W, b in zip(Ws, Bs)])
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
    """Gradient ``(d objective / d weights, d objective / d bias)`` of :func:`softmax_regression_loss`.

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
