"""Gradient descent on tiny problems, and the training challenges of chapter 01.

Chapter 01 (*Why loss functions*) and chapter 03 (*BCE vs MSE*) use these small, exact
demonstrations:

=================================  ==========================================================
name                               what it gives
=================================  ==========================================================
:func:`gradient_descent`           the path of plain gradient descent as a :class:`DescentPath`
                                   (parameters, loss and gradient at every step)
:func:`constant_classifier`        one logit ``z`` shared by every example, scored with the mean
                                   binary cross-entropy: the smallest classification problem
:func:`line_fit`                   a straight line ``w x + b`` scored with the mean squared
                                   error: a two-parameter problem with a bowl-shaped loss
:func:`double_well`                a one-parameter loss with two valleys: where gradient descent
                                   ends depends on where it starts (non-convexity)
:func:`polynomial_fit_errors`      training and test MSE of polynomials of several degrees fitted
                                   to the same ten noisy points (over- and under-fitting)
=================================  ==========================================================

The problem builders return ``(loss, grad)``: two plain functions of a parameter vector, so the
same :func:`gradient_descent` runs on all of them and :mod:`lossviz.plots` can draw the path.
Everything here is numpy and the maths core only; nothing is random without a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._text import rjust, shown, width
from ._validation import check_int, check_real, check_seed
from .activations import sigmoid
from .i18n import tr
from .losses import bce_with_logits, mse

__all__ = [
    "DescentPath",
    "gradient_descent",
    "constant_classifier",
    "line_fit",
    "double_well",
    "polynomial_fit_errors",
]


@dataclass(frozen=True)
class DescentPath:
    """The path of gradient descent: one row per step, step 0 being the starting point.

    Attributes
    ----------
    params : ndarray of shape (n_steps + 1, n_params)
        The parameters before the first step (row 0) and after each step.
    losses : ndarray of shape (n_steps + 1,)
        The loss at each row of ``params``.
    grads : ndarray of shape (n_steps + 1, n_params)
        The gradient at each row of ``params``.
    lr : float
        The learning rate used.
    names : tuple of str
        A name for each parameter (used by :meth:`table`).
    """

    params: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    lr: float
    names: tuple

    @property
    def n_steps(self):
        """Number of steps taken (``len(losses) - 1``)."""
        return len(self.losses) - 1

    @property
    def final(self):
        """The parameters after the last step, as a 1-D array."""
        return self.params[-1].copy()

    @property
    def steps(self):
        """The step numbers ``0, 1, …, n_steps``, for plotting the loss against the step."""
        return np.arange(self.n_steps + 1)

    def table(self, every=1, digits=4, extra=None):
        """Return the path as a text table: step, each parameter, the loss and the gradient size.

        Parameters
        ----------
        every : int, default 1
            Show every ``every``-th step (the last step is always shown).
        digits : int, default 4
            Decimal places.
        extra : dict of str -> callable, optional
            More columns, each computed from the parameter vector of a row
            (e.g. ``{"p": lambda t: lv.sigmoid(t[0])}``).

        Examples
        --------
        >>> loss, grad = double_well()
        >>> print(gradient_descent(loss, grad, [0.5], lr=0.1, n_steps=2).table(digits=3))
        step        w     loss   |grad|
           0    0.500    0.713    1.200
           1    0.620    0.565    1.227
           2    0.743    0.424    1.032
        """
        every = check_int(every, "every", minimum=1)
        digits = check_int(digits, "digits", minimum=0)
        extra = dict(extra or {})
        # the column names as shown (marked ones in the current language)
        cols = [str(shown(c)) for c in [*self.names, *extra]] + [tr("loss"), tr("|grad|")]
        w = max(digits + 4, *(width(c) for c in cols))
        step = tr("step")
        w0 = max(4, width(step))
        rows = sorted(set(range(0, self.n_steps + 1, every)) | {self.n_steps})
        lines = [rjust(step, w0) + "".join(rjust(c, w + 2) for c in cols)]
        for i in rows:
            vals = list(self.params[i]) + [float(f(self.params[i])) for f in extra.values()]
            vals += [self.losses[i], float(np.sqrt(np.sum(self.grads[i] ** 2)))]
            lines.append(f"{i:>{w0}}" + "".join(f"{_fmt(v, digits):>{w + 2}}" for v in vals))
        return "\n".join(lines)


def _fmt(v, digits):
    v = float(v)
    if not np.isfinite(v):
        return "inf" if v > 0 else ("-inf" if v < 0 else "nan")
    return f"{v + 0.0:.{digits}f}".replace("-0." + "0" * digits, "0." + "0" * digits)


_LR_FIX = "Pass a positive learning rate such as lr=0.1."


def gradient_descent(loss, grad, x0, *, lr=0.1, n_steps=20, names=None):
    r"""Run plain gradient descent and record the path.

    The step is :math:`\theta_{t+1} = \theta_t - \eta\,\nabla L(\theta_t)`.

    Parameters
    ----------
    loss : callable
        ``loss(theta) -> float`` for a 1-D parameter array ``theta``.
    grad : callable
        ``grad(theta) -> array`` of the same shape as ``theta``.
    x0 : float or array_like
        The starting parameters.
    lr : float, default 0.1
        The learning rate :math:`\eta` (> 0).
    n_steps : int, default 20
        Number of updates.
    names : sequence of str, optional
        Parameter names for :meth:`DescentPath.table`; default ``w`` for one parameter,
        ``theta0, theta1, …`` otherwise.

    Returns
    -------
    DescentPath

    Raises
    ------
    ValueError
        If the loss or the gradient becomes infinite or NaN (the learning rate is too large
        for the problem); the message gives the step.

    Examples
    --------
    Minimise :math:`(w - 3)^2` from 0: each step removes 20 % of the distance to 3.

    >>> path = gradient_descent(lambda t: float((t[0] - 3) ** 2), lambda t: 2 * (t - 3), 0.0,
    ...                         lr=0.1, n_steps=3)
    >>> path.params[:, 0].round(3)
    array([0.   , 0.6  , 1.08 , 1.464])
    >>> path.losses.round(3)
    array([9.   , 5.76 , 3.686, 2.359])
    """
    if not callable(loss) or not callable(grad):
        raise TypeError(
            "loss and grad must be callables of a 1-D parameter array; "
            f"found {type(loss).__name__} and {type(grad).__name__}."
        )
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix=_LR_FIX)
    n_steps = check_int(n_steps, "n_steps", minimum=0)
    theta = np.atleast_1d(np.array(x0, dtype=np.float64))
    if theta.ndim != 1 or theta.size == 0:
        raise ValueError(
            f"x0 must be a number or a 1-D array of parameters; found shape {theta.shape}."
        )
    if not np.all(np.isfinite(theta)):
        raise ValueError(f"x0 must be finite; found {theta}.")
    if names is None:
        names = ("w",) if theta.size == 1 else tuple(f"theta{i}" for i in range(theta.size))
    names = tuple(str(n) for n in names)
    if len(names) != theta.size:
        raise ValueError(
            f"names must give one name per parameter ({theta.size}); found {len(names)}: {names}."
        )
    params = np.empty((n_steps + 1, theta.size))
    grads = np.empty_like(params)
    losses = np.empty(n_steps + 1)
    for t in range(n_steps + 1):
        g = np.asarray(grad(theta.copy()), dtype=np.float64).reshape(theta.shape)
        f = float(loss(theta.copy()))
        if not (np.isfinite(f) and np.all(np.isfinite(g))):
            raise ValueError(
                f"the loss or gradient is not finite at step {t} (loss={f}); "
                f"lr={lr} is too large for this problem. Try a smaller lr."
            )
        params[t], grads[t], losses[t] = theta, g, f
        with np.errstate(
            over="ignore", invalid="ignore"
        ):  # an overflow is reported at the next step
            theta = theta - lr * g
    return DescentPath(params=params, losses=losses, grads=grads, lr=lr, names=names)


def _labels01(y_true):
    y = np.asarray(y_true, dtype=np.float64).reshape(-1)
    if y.size == 0:
        raise ValueError("y_true must hold at least one label; found an empty array.")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y_true must hold labels 0 or 1; found {np.unique(y)[:5]}.")
    return y


def constant_classifier(y_true):
    r"""The smallest classification problem: one logit :math:`z`, :math:`p = \sigma(z)` for all.

    The loss is the mean binary cross-entropy
    :math:`L(z) = -\frac1N\sum_i [y_i \log\sigma(z) + (1 - y_i)\log(1 - \sigma(z))]`, with gradient
    :math:`L'(z) = \sigma(z) - \bar y`. It is minimised at :math:`\sigma(z) = \bar y`, the share of
    positives, where it equals the entropy of the labels.

    Parameters
    ----------
    y_true : array_like of 0/1 labels

    Returns
    -------
    loss, grad : callables of a parameter array ``[z]``

    Examples
    --------
    >>> loss, grad = constant_classifier([1, 1, 1, 0])
    >>> round(loss([0.0]), 4), grad([0.0])
    (0.6931, array([-0.25]))
    """
    y = _labels01(y_true)
    ybar = float(y.mean())

    def loss(theta):
        z = np.full(y.shape, float(np.asarray(theta).reshape(-1)[0]))
        return float(bce_with_logits(y, z))

    def grad(theta):
        return np.atleast_1d(sigmoid(float(np.asarray(theta).reshape(-1)[0])) - ybar)

    return loss, grad


def line_fit(x, y):
    r"""Fit a straight line :math:`\hat y = w x + b` by the mean squared error.

    :math:`L(w, b) = \frac1N\sum_i (w x_i + b - y_i)^2`, gradient
    :math:`\bigl(\frac2N\sum_i r_i x_i,\ \frac2N\sum_i r_i\bigr)` with residuals
    :math:`r_i = w x_i + b - y_i`.
    The loss is a convex bowl in :math:`(w, b)`.

    Parameters
    ----------
    x, y : array_like of shape (n,)

    Returns
    -------
    loss, grad : callables of a parameter array ``[w, b]``

    Examples
    --------
    >>> loss, grad = line_fit([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])   # y = 2x + 1
    >>> loss([2.0, 1.0]), grad([2.0, 1.0])
    (0.0, array([0., 0.]))
    >>> round(loss([0.0, 0.0]), 4)
    11.6667
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(
            f"x and y must be non-empty and of the same length; found shapes {x.shape} and "
            f"{y.shape}."
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must be finite; found NaN or inf.")

    def loss(theta):
        w, b = np.asarray(theta, dtype=np.float64).reshape(2)
        return float(mse(y, w * x + b))

    def grad(theta):
        w, b = np.asarray(theta, dtype=np.float64).reshape(2)
        r = w * x + b - y
        return np.array([2 * np.mean(r * x), 2 * np.mean(r)]) + 0.0

    return loss, grad


def double_well(tilt=0.3):
    r"""A one-parameter loss with two valleys: :math:`L(w) = (w^2 - 1)^2 + \text{tilt}\cdot w`.

    With ``tilt > 0`` the left valley (near :math:`w = -1`) is lower than the right one (near
    :math:`w = +1`). Gradient descent goes downhill from where it starts, so a start at
    :math:`w > 0` ends in the right, higher valley: the result of non-convex optimisation depends
    on the starting point.

    Returns
    -------
    loss, grad : callables of a parameter array ``[w]``

    Examples
    --------
    >>> loss, grad = double_well()
    >>> right = gradient_descent(loss, grad, [0.5], lr=0.05, n_steps=200).final
    >>> left = gradient_descent(loss, grad, [-0.5], lr=0.05, n_steps=200).final
    >>> round(float(right[0]), 3), round(float(left[0]), 3)
    (0.96, -1.036)
    >>> round(loss(right), 3), round(loss(left), 3)
    (0.294, -0.305)
    """
    tilt = check_real(tilt, "tilt")

    def loss(theta):
        w = np.asarray(theta, dtype=np.float64).reshape(-1)[0]
        with np.errstate(
            over="ignore", invalid="ignore"
        ):  # divergence shows as inf, caught by the caller
            return float((w * w - 1) ** 2 + tilt * w)

    def grad(theta):
        w = np.asarray(theta, dtype=np.float64).reshape(-1)[0]
        with np.errstate(over="ignore", invalid="ignore"):
            return np.atleast_1d(4 * w * (w * w - 1) + tilt)

    return loss, grad


def polynomial_fit_errors(degrees=(1, 3, 9), *, n_train=10, noise=0.3, seed=2):
    r"""Fit polynomials of several degrees to the same noisy points; return train and test MSE.

    The fits are least squares.  The points are :math:`y = \sin(2\pi x) + \varepsilon`,
    :math:`\varepsilon \sim N(0, \text{noise}^2)`,
    at ``n_train`` equally spaced :math:`x \in [0, 1]`; the test error is the MSE against the
    noise-free
    curve on 200 points. Every fit minimises the same loss (MSE), yet a too-simple model under-fits
    and
    a too-flexible one over-fits: the loss alone does not prevent either.

    Parameters
    ----------
    degrees : sequence of int, default (1, 3, 9)
        Each degree must be below ``n_train``.
    n_train : int, default 10
    noise : float, default 0.3
    seed : int, default 2

    Returns
    -------
    dict
        ``{degree: (train_mse, test_mse)}`` as Python floats.

    Examples
    --------
    >>> errs = polynomial_fit_errors((1, 3, 9))
    >>> {d: (round(tr, 3), round(te, 3)) for d, (tr, te) in errs.items()}
    {1: (0.22, 0.242), 3: (0.086, 0.036), 9: (0.0, 0.768)}
    """
    n_train = check_int(n_train, "n_train", minimum=2)
    noise = check_real(noise, "noise", low=0.0)
    if noise < 0:
        raise ValueError(f"noise must be >= 0; found {noise}.")
    degrees = [check_int(d, "degree", minimum=0) for d in np.atleast_1d(degrees).tolist()]
    if max(degrees) >= n_train:
        raise ValueError(
            f"each degree must be below n_train={n_train}; found {max(degrees)}. "
            "Use fewer degrees or more points."
        )
    rng = check_seed(seed)
    x = np.linspace(0, 1, n_train)
    y = np.sin(2 * np.pi * x) + noise * rng.standard_normal(n_train)
    xt = np.linspace(0, 1, 200)
    yt = np.sin(2 * np.pi * xt)
    P = np.polynomial.polynomial
    out = {}
    for d in degrees:
        c = P.polyfit(x, y, d)
        out[d] = (float(mse(y, P.polyval(x, c))), float(mse(yt, P.polyval(xt, c))))
    return out
