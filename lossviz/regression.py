r"""Regression with MSE, MAE and Huber; the Gaussian likelihood; square loss for classifiers.

Small, exact tools for chapters 08 and 11 (numpy only, deterministic):

* :func:`gaussian_nll` — the negative log-likelihood of a Gaussian with fixed :math:`\sigma`,
  which is :math:`\mathrm{MSE}/(2\sigma^2) + \tfrac12\log 2\pi\sigma^2`: minimising MSE *is*
  maximum likelihood under Gaussian noise.
* :func:`fit_line` — a straight line fitted under MSE (least squares, closed form), MAE or Huber
  (iteratively reweighted least squares); :func:`fit_line_gd` — the MSE line by gradient descent,
  with its loss history.
* :func:`best_constant` — the constant prediction that minimises a loss (mean for MSE, median
  for MAE, frequency for BCE).
* :func:`sigmoid_mse_floor` and :func:`fit_free_sigmoid` — how close outputs squashed into
  (0, 1) can get to targets that leave [0, 1] (the autoencoder of seed 003, ch. 21).
* :func:`fit_square_loss_classifier` — a linear classifier fitted by least squares on one-hot
  targets (square loss for classification, Hui & Belkin 2021).
* :func:`train_two_head` — a tiny network with a shared hidden layer and two heads, trained on
  cross-entropy + weight · MSE (combining the two losses, as multi-task models do).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    as_float_array,
    check_finite,
    check_int,
    check_real,
    check_reduction,
    check_same_shape,
    check_seed,
    reduce,
)
from .activations import sigmoid
from .losses import bce, bce_with_logits, huber, mae, mse

__all__ = [
    "gaussian_nll",
    "LineFit",
    "fit_line",
    "fit_line_gd",
    "best_constant",
    "sigmoid_mse_floor",
    "fit_free_sigmoid",
    "SquareLossClassifier",
    "fit_square_loss_classifier",
    "TwoHeadFit",
    "train_two_head",
]

_LOSSES = ("mse", "mae", "huber")
_LR_FIX = "Pass a positive learning rate such as lr=0.1."


# --------------------------------------------------------------------------- validation
def _xy(x, y):
    x = as_float_array(x, "x", dtype=np.float64)
    y = as_float_array(y, "y", dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(
            f"x must be 1-D (one feature per sample); found shape {x.shape}. Use x.ravel()."
        )
    check_same_shape(x, y, "x", "y")
    check_finite(x, "x")
    check_finite(y, "y")
    if x.size < 2 or np.ptp(x) == 0:
        raise ValueError(
            "x must hold at least two different values to fit a line; found "
            f"{x.size} value(s) with range {float(np.ptp(x)) if x.size else 0.0:g}."
        )
    return x, y


def _loss_name(loss):
    if loss not in _LOSSES:
        raise ValueError(f"loss must be one of {_LOSSES}; found loss={loss!r}.")
    return loss


# --------------------------------------------------------------------------- likelihood
def gaussian_nll(y_true, y_pred, *, sigma=1.0, reduction="mean"):
    r"""Negative log-likelihood of ``y_true`` under :math:`\mathcal N(y_\text{pred}, \sigma^2)`.

    .. math:: -\log \mathcal N(y;\hat y,\sigma^2) = \frac{(y-\hat y)^2}{2\sigma^2}
              + \tfrac12\log(2\pi\sigma^2)

    With :math:`\sigma` fixed, the mean over the data is
    ``mse / (2 sigma**2) + 0.5 * log(2 pi sigma**2)``:
    an increasing affine function of the MSE, so both have the same minimiser.

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
    sigma : float, default 1.0
        Standard deviation of the noise (> 0).
    reduction : {"mean", "sum", "none"}, default "mean"

    Examples
    --------
    >>> y, yhat = [1.0, 2.0, 3.0], [1.5, 2.5, 2.0]
    >>> expected = mse(y, yhat) / 8 + 0.5 * np.log(2 * np.pi * 4)
    >>> bool(np.isclose(gaussian_nll(y, yhat, sigma=2.0), expected))
    True
    >>> round(gaussian_nll([0.0], [0.0], sigma=0.1), 4)    # a density: the NLL can be negative
    -1.3836
    """
    check_reduction(reduction)
    sigma = check_real(
        sigma,
        "sigma",
        low=0.0,
        low_open=True,
        fix="sigma is the noise standard deviation, e.g. sigma=1.0.",
    )
    sq = mse(y_true, y_pred, reduction="none")
    nll = sq / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)
    return reduce(np.asarray(nll, dtype=np.float64), reduction)


# --------------------------------------------------------------------------- lines
class LineFit(NamedTuple):
    """A fitted line ``y = intercept + slope * x``; ``n_iter`` is 0 for the closed form."""

    intercept: float
    slope: float
    loss: str
    n_iter: int

    def predict(self, x):
        """``intercept + slope * x``."""
        return self.intercept + self.slope * np.asarray(x, dtype=np.float64)


def fit_line(x, y, *, loss="mse", delta=1.0, max_iter=1000, tol=1e-10):
    r"""Fit ``y ≈ a + b x`` by minimising the mean ``loss`` of the residuals.

    * ``"mse"``: least squares, closed form (``np.linalg.lstsq``).
    * ``"mae"`` and ``"huber"``: iteratively reweighted least squares (IRLS). Each step solves a
      weighted least-squares problem with weights :math:`1/\max(|r|, \epsilon)` (MAE) or
      :math:`\min(1, \delta/|r|)` (Huber), which decreases the loss at every step.

    Parameters
    ----------
    x, y : array_like of shape (n,)
    loss : {"mse", "mae", "huber"}, default "mse"
    delta : float, default 1.0
        Huber's threshold, in the units of ``y`` (residuals beyond it count linearly).
    max_iter : int, default 1000
    tol : float, default 1e-10
        Stop when the coefficients change by less than ``tol`` (relative).

    Returns
    -------
    LineFit

    Examples
    --------
    >>> x = np.arange(6.0); y = 1 + 2 * x
    >>> y[5] += 100                                  # one gross outlier
    >>> [round(v, 2) for v in fit_line(x, y)[:2]]
    [-18.05, 16.29]
    >>> [round(v, 2) for v in fit_line(x, y, loss="mae")[:2]]
    [1.0, 2.0]
    """
    x, y = _xy(x, y)
    loss = _loss_name(loss)
    delta = check_real(
        delta,
        "delta",
        low=0.0,
        low_open=True,
        fix="Huber's delta is in the units of y, e.g. the noise level.",
    )
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    A = np.column_stack([np.ones_like(x), x])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    if loss == "mse":
        return LineFit(float(coef[0]), float(coef[1]), loss, 0)
    eps = 1e-9 * max(1.0, float(np.abs(y).max()))
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 (the count of iterations is returned)
        r = np.abs(y - A @ coef)
        w = (
            1.0 / np.maximum(r, eps)
            if loss == "mae"
            else np.minimum(1.0, delta / np.maximum(r, eps))
        )
        sw = np.sqrt(w)
        new = np.linalg.lstsq(A * sw[:, None], y * sw, rcond=None)[0]
        done = np.max(np.abs(new - coef)) <= tol * (1 + np.max(np.abs(coef)))
        coef = new
        if done:
            break
    return LineFit(float(coef[0]), float(coef[1]), loss, it)


def fit_line_gd(x, y, *, lr=0.1, epochs=100):
    r"""Fit the MSE line by full-batch gradient descent; return ``(LineFit, loss_history)``.

    The feature is standardised first (:math:`u = (x - \bar x)/s_x`), gradient descent runs on
    :math:`\hat y = a' + b' u` with the gradient of the MSE, :math:`2\,\overline{(\hat y - y)}` and
    :math:`2\,\overline{(\hat y - y)u}`, and the coefficients are mapped back to ``x``. The history
    holds the MSE before each update and after the last (``epochs + 1`` values).

    Examples
    --------
    >>> x = np.array([0.0, 1.0, 2.0, 3.0]); y = np.array([1.0, 3.0, 5.0, 7.0])
    >>> fit, hist = fit_line_gd(x, y, lr=0.1, epochs=200)
    >>> round(fit.intercept, 4), round(fit.slope, 4), bool(hist[-1] < 1e-12)
    (1.0, 2.0, True)
    """
    x, y = _xy(x, y)
    lr = check_real(
        lr, "lr", low=0.0, low_open=True, fix="Try lr=0.1 (the feature is standardised)."
    )
    epochs = check_int(epochs, "epochs", minimum=0)
    mu, s = x.mean(), x.std()
    u = (x - mu) / s
    a = b = 0.0
    hist = np.empty(epochs + 1)
    for t in range(epochs + 1):
        r = a + b * u - y
        hist[t] = np.mean(r * r)
        if t == epochs:
            break
        a -= lr * 2 * r.mean()
        b -= lr * 2 * np.mean(r * u)
    return LineFit(float(a - b * mu / s), float(b / s), "mse", epochs), hist


def best_constant(y, loss="mse", *, delta=1.0):
    r"""The constant prediction :math:`c` that minimises the mean ``loss`` over ``y``, and its loss.

    MSE → the mean, MAE → a median, Huber → between them (found by IRLS), BCE (``y`` in [0, 1])
    → the mean, i.e. the frequency of 1s; its minimum loss is then the entropy of that frequency.

    Returns
    -------
    (c, loss_at_c) : tuple of floats

    Examples
    --------
    >>> y = np.array([1.0, 2.0, 3.0, 10.0])
    >>> best_constant(y, "mse")
    (4.0, 12.5)
    >>> best_constant(y, "mae")
    (2.5, 2.5)
    >>> c, l = best_constant([1, 1, 1, 0], "bce"); c, round(l, 4)
    (0.75, 0.5623)
    """
    if loss == "bce":
        yy = as_float_array(y, "y", dtype=np.float64)
        c = float(yy.mean())
        return c, float(bce(yy, np.full_like(yy, c)))
    yy = as_float_array(y, "y", dtype=np.float64).ravel()
    check_finite(yy, "y")
    loss = _loss_name(loss)
    if loss == "mse":
        c = float(yy.mean())
    elif loss == "mae":
        c = float(np.median(yy))
    else:
        delta = check_real(delta, "delta", low=0.0, low_open=True)
        c = float(np.median(yy))
        for _ in range(200):
            w = np.minimum(1.0, delta / np.maximum(np.abs(yy - c), 1e-12))
            new = float(np.sum(w * yy) / np.sum(w))
            if abs(new - c) <= 1e-13 * (1 + abs(c)):
                c = new
                break
            c = new
    f = {"mse": mse, "mae": mae, "huber": lambda a, b: huber(a, b, delta=delta)}[loss]
    return c, float(f(yy, np.full_like(yy, c)))


# --------------------------------------------------------------------------- outputs squashed into
# (0, 1)
def sigmoid_mse_floor(y_true):
    r"""The smallest MSE that any outputs in [0, 1] can reach on ``y_true``.

    Each output's best value is the target clipped to [0, 1], so the floor is
    :math:`\overline{(y - \operatorname{clip}(y, 0, 1))^2}`; a sigmoid (values in (0, 1)) can only
    approach it. It is 0 exactly when every target lies in [0, 1].

    Examples
    --------
    >>> sigmoid_mse_floor([-1.0, 0.5, 2.0])
    0.6666666666666666
    >>> sigmoid_mse_floor([0.0, 0.3, 1.0])
    0.0
    """
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    check_finite(y, "y_true")
    return float(mse(y, np.clip(y, 0.0, 1.0)))


def fit_free_sigmoid(y_true, *, loss="mse", lr=1.0, epochs=500):
    r"""Give every target its own logit :math:`z`, output :math:`\sigma(z)`, train by descent.

    This is the most flexible model a sigmoid output layer can be (a decoder that could produce
    any logit), so its loss is a lower bound for the real network's. With ``loss="mse"`` the
    gradient is :math:`2(\sigma(z) - y)\sigma'(z)` per element (times ``n`` for the mean's
    scale, so ``lr`` is per element); with ``loss="bce"`` it is :math:`\sigma(z) - y`, and the
    targets must lie in [0, 1].

    Returns
    -------
    (outputs, loss_history) : ndarray shaped like ``y_true``, ndarray of ``epochs + 1`` losses

    Examples
    --------
    >>> out, hist = fit_free_sigmoid([-1.0, 0.5, 2.0], epochs=2000)
    >>> out.round(2).tolist(), bool(hist[-1] - sigmoid_mse_floor([-1.0, 0.5, 2.0]) < 0.01)
    ([0.0, 0.5, 1.0], True)
    """
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    check_finite(y, "y_true")
    if loss not in ("mse", "bce"):
        raise ValueError(f"loss must be 'mse' or 'bce'; found loss={loss!r}.")
    if loss == "bce":
        bce(y, np.full_like(y, 0.5))  # validates: targets must lie in [0, 1]
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix=_LR_FIX)
    epochs = check_int(epochs, "epochs", minimum=0)
    z = np.zeros_like(y)
    hist = np.empty(epochs + 1)
    for t in range(epochs + 1):
        p = sigmoid(z)
        hist[t] = mse(y, p) if loss == "mse" else bce_with_logits(y, z)
        if t == epochs:
            break
        g = 2 * (p - y) * p * (1 - p) if loss == "mse" else p - y
        z -= lr * g
    return sigmoid(z), hist


# --------------------------------------------------------------------------- square loss for
# classifiers
class SquareLossClassifier(NamedTuple):
    """Linear scores ``X @ weights + bias`` fitted to one-hot targets; predicts the arg-max."""

    weights: np.ndarray
    bias: np.ndarray

    def decision_function(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def predict(self, X):
        return np.argmax(self.decision_function(X), axis=1).astype(np.int64)


def fit_square_loss_classifier(X, y, *, n_classes=None, l2=0.0):
    r"""Fit a linear classifier by least squares on one-hot targets (square loss, closed form).

    Minimises :math:`\frac1n\|XW + b - Y\|^2 + \text{l2}\,\|W\|^2` with :math:`Y` the one-hot
    labels, then predicts the class with the largest score — the square-loss classifier that
    Hui & Belkin (ICLR 2021) found competitive with cross-entropy.

    Examples
    --------
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]]); y = np.array([0, 0, 1, 1])
    >>> fit_square_loss_classifier(X, y).predict(X).tolist()
    [0, 0, 1, 1]
    """
    X = as_float_array(X, "X", dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (samples, features); found shape {X.shape}.")
    y = np.asarray(y)
    if (
        y.shape != (X.shape[0],)
        or not np.issubdtype(y.dtype, np.integer)
        or (y.size and y.min() < 0)
    ):
        raise ValueError(
            f"y must hold one non-negative integer class per row of X, shape ({X.shape[0]},); "
            f"found shape {y.shape}, dtype {y.dtype}."
        )
    k = int(y.max()) + 1 if n_classes is None else check_int(n_classes, "n_classes", minimum=2)
    Y = np.eye(k)[y]
    A = np.column_stack([X, np.ones(X.shape[0])])
    n, d = X.shape
    reg = np.zeros((d + 1, d + 1))
    reg[:d, :d] = n * float(l2) * np.eye(d)
    coef = np.linalg.solve(A.T @ A + reg, A.T @ Y)
    return SquareLossClassifier(coef[:d], coef[d])


# --------------------------------------------------------------------------- two heads, one loss
class TwoHeadFit(NamedTuple):
    """Parameters and history of :func:`train_two_head`.

    ``params`` is a dict ``V (d, h), c (h,), w_cls (h,), b_cls, w_reg (h,), b_reg``; ``history``
    a dict of arrays ``"ce"``, ``"mse"`` and ``"total" = ce + weight * mse`` (one value per epoch,
    plus the last).
    """

    params: dict
    history: dict

    def hidden(self, X):
        return np.tanh(np.asarray(X, dtype=np.float64) @ self.params["V"] + self.params["c"])

    def predict_proba(self, X):
        """Probability of class 1 from the classification head."""
        return sigmoid(self.hidden(X) @ self.params["w_cls"] + self.params["b_cls"])

    def predict_value(self, X):
        """The regression head's output."""
        return self.hidden(X) @ self.params["w_reg"] + self.params["b_reg"]


def train_two_head(X, y_class, y_value, *, hidden=8, weight=1.0, lr=0.1, epochs=500, seed=0):
    r"""Train a shared tanh layer with a classification head and a regression head on one loss.

    .. math:: L = \underbrace{\mathrm{BCE}(y_\text{class}, \sigma(z_c))}_{\text{classification}}
              + \text{weight}\cdot
              \underbrace{\mathrm{MSE}(y_\text{value}, z_r)}_{\text{regression}},
              \quad h = \tanh(XV + c),\; z_c = h\,w_c + b_c,\; z_r = h\,w_r + b_r .

    The gradient of the sum is the sum of the gradients; both flow into the shared layer. Full-batch
    gradient descent from small random weights (``seed``).

    Returns
    -------
    TwoHeadFit

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(64, 2)); yc = (X[:, 0] > 0).astype(float); yv = X[:, 1] ** 2
    >>> fit = train_two_head(X, yc, yv, epochs=300)
    >>> h = fit.history
    >>> bool(h["total"][-1] < h["total"][0]), bool(np.allclose(h["total"], h["ce"] + h["mse"]))
    (True, True)
    """
    X = as_float_array(X, "X", dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (samples, features); found shape {X.shape}.")
    yc = as_float_array(y_class, "y_class", dtype=np.float64)
    yv = as_float_array(y_value, "y_value", dtype=np.float64)
    if yc.shape != (X.shape[0],) or yv.shape != (X.shape[0],):
        raise ValueError(
            f"y_class and y_value must have shape ({X.shape[0]},), one per row of X; "
            f"found {yc.shape} and {yv.shape}."
        )
    bce(yc, np.full_like(yc, 0.5))  # validates the labels
    hidden = check_int(hidden, "hidden", minimum=1)
    weight = check_real(weight, "weight", low=0.0, fix="weight=0 trains the class head alone.")
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix=_LR_FIX)
    epochs = check_int(epochs, "epochs", minimum=0)
    n, d = X.shape
    rng = check_seed(seed, allow_none=True)
    V = rng.normal(scale=1 / np.sqrt(d), size=(d, hidden))
    c = np.zeros(hidden)
    wc = rng.normal(scale=1 / np.sqrt(hidden), size=hidden)
    wr = rng.normal(scale=1 / np.sqrt(hidden), size=hidden)
    bc = br = 0.0
    hist = {k: np.empty(epochs + 1) for k in ("ce", "mse", "total")}
    for t in range(epochs + 1):
        H = np.tanh(X @ V + c)
        zc, zr = H @ wc + bc, H @ wr + br
        ce, sq = float(bce_with_logits(yc, zc)), float(mse(yv, zr))
        hist["ce"][t], hist["mse"][t], hist["total"][t] = ce, sq, ce + weight * sq
        if t == epochs:
            break
        gzc = (sigmoid(zc) - yc) / n
        gzr = weight * 2 * (zr - yv) / n
        gH = np.outer(gzc, wc) + np.outer(gzr, wr)
        gA = gH * (1 - H * H)
        wc, bc = wc - lr * H.T @ gzc, bc - lr * gzc.sum()
        wr, br = wr - lr * H.T @ gzr, br - lr * gzr.sum()
        V, c = V - lr * X.T @ gA, c - lr * gA.sum(axis=0)
    params = dict(V=V, c=c, w_cls=wc, b_cls=bc, w_reg=wr, b_reg=br)
    return TwoHeadFit(params, hist)
