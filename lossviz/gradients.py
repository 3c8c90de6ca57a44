r"""Analytic per-sample gradients of the losses, and a numerical gradient to check them.

All gradients are of the per-sample loss (``reduction="none"``): the gradient of the ``"sum"``
is the same array, and that of the ``"mean"`` is it divided by the mean's denominator.

With respect to the logit :math:`z` (through :math:`p = \sigma(z)`):

* BCE: :math:`\partial \ell / \partial z = p - y` — no factor :math:`\sigma'(z)`, so no saturation.
* MSE on :math:`\sigma(z)`: :math:`2 (p - y)\, p (1 - p)` — vanishes when the neuron saturates.
* softmax cross-entropy: :math:`p - \text{onehot}(y)` (more generally :math:`(\sum_c u_c)\,p - u`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._validation import as_float_array, check_finite, check_unit_interval, ignore_underflow
from .activations import softmax
from .losses.binary import (
    _binary_inputs,
    _check_alpha,
    _check_gamma,
    _hard_label_inputs,
    _pos_weight,
    _row_step,
    _sigmoid_pair,
    _sigmoid_raw,
    bce_with_logits,
)
from .losses.multiclass import (
    _check_class_weight,
    _check_label_smoothing,
    _class_dtype,
    _class_targets,
    _softmax_blocks,
    _weighted_targets,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import ArrayLike


__all__ = [
    "bce_with_logits_grad",
    "mse_sigmoid_grad",
    "softmax_cross_entropy_grad",
    "focal_loss_with_logits_grad",
    "bce_grad_prob",
    "mse_grad_prob",
    "focal_grad_prob",
    "mse_softmax_grad",
    "numerical_grad",
]


@ignore_underflow
def bce_with_logits_grad(
    y_true: ArrayLike, logits: ArrayLike, *, pos_weight: ArrayLike | None = None
) -> np.ndarray:
    r"""Gradient of :func:`~lossviz.bce_with_logits` per sample with respect to the logits.

    .. math:: \frac{\partial \ell}{\partial z} = (1 - y)\,\sigma(z) - w_+\, y\,\sigma(-z)
              \;=\; p - y \quad (w_+ = 1)

    Examples
    --------
    >>> bce_with_logits_grad([1.0, 0.0], [0.0, 0.0])
    array([-0.5,  0.5])
    >>> bce_with_logits_grad([1.0], [-1e4])
    array([-1.])
    """
    y, z = _binary_inputs(y_true, logits, "logits", "none")
    pw = _pos_weight(pos_weight, z)
    if z.ndim == 0:
        return bce_with_logits_grad(y.reshape(1), z.reshape(1), pos_weight=pw)[0]
    # block by block (see losses.binary._BLOCK): no input-sized temporary besides the result
    out = np.empty_like(z)
    n = z.shape[0]
    step = _row_step(z.shape)
    if pw is None:
        # p - y with p = 1 / (1 + exp(-z)), written straight into the result: exp(-z) overflows to
        # inf for z < -709 (float64) and gives p = 0 there, the correctly rounded value or within
        # a subnormal of it; elsewhere this is as accurate as the two-branch sigmoid and twice as
        # fast
        with np.errstate(over="ignore"):
            for i in range(0, n, step):
                g = out[i : i + step]
                np.negative(z[i : i + step], out=g)
                np.exp(g, out=g)
                g += 1
                np.divide(1, g, out=g)
                g -= y[i : i + step]
        return out
    first = (min(step, n),) + z.shape[1:]
    p_buf, q_buf = np.empty(first, z.dtype), np.empty(first, z.dtype)
    neg_buf = np.empty(first, bool)
    t_buf = None if pw is None else np.empty(first, z.dtype)
    pwb = None if pw is None else np.broadcast_to(pw, z.shape)
    for i in range(0, n, step):
        zb, yb = z[i : i + step], y[i : i + step]
        m = zb.shape[0]
        p, q = p_buf[:m], q_buf[:m]
        _sigmoid_pair(zb, p, q, neg_buf[:m], None if t_buf is None else t_buf[:m])
        if pwb is None:
            np.subtract(p, yb, out=out[i : i + m])  # p - y
        else:
            # (1 - y) p - w y (1 - p) = p - y (p + w q), with q = sigmoid(-z) free of cancellation
            np.multiply(q, pwb[i : i + m], out=q)
            q += p
            q *= yb
            np.subtract(p, q, out=out[i : i + m])
    return out


@ignore_underflow
def mse_sigmoid_grad(y_true: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Gradient of :math:`(\sigma(z) - y)^2` with respect to :math:`z`: :math:`2(p - y)\,p(1 - p)`.

    Examples
    --------
    The BCE gradient :math:`p - y` is :math:`1 / (2 p (1 - p))` times larger: 2 at :math:`z = 0`,
    about 200 at :math:`z = -6` (a confident wrong answer for :math:`y = 1`).  With the quadratic
    cost :math:`\tfrac12 (p - y)^2` of many textbooks the factor is :math:`1 / \sigma'(z)`: 4 at 0.

    >>> float(bce_with_logits_grad([1.0], [0.0])[0] / mse_sigmoid_grad([1.0], [0.0])[0])
    2.0
    >>> round(float(bce_with_logits_grad([1.0], [-6.0])[0] / mse_sigmoid_grad([1.0], [-6.0])[0]))
    203
    """
    y, z = _binary_inputs(y_true, logits, "logits", "none")
    p = _sigmoid_raw(z)
    q = _sigmoid_raw(-z)  # 1 - p without cancellation
    return (2 * (p - y) * p * q).astype(z.dtype, copy=False)


@ignore_underflow
def focal_loss_with_logits_grad(
    y_true: ArrayLike, logits: ArrayLike, *, gamma: float = 2.0, alpha: float | None = None
) -> np.ndarray:
    r"""Gradient of :func:`~lossviz.focal_loss_with_logits` per sample with respect to the logits.

    With :math:`m = 1 - p_t = y(1-p) + (1-y)p` and :math:`\mathrm{ce}` the BCE,

    .. math:: \frac{\partial \ell}{\partial z} = \alpha_t\bigl[(p - y)\,m^{\gamma}
              + \gamma\,\mathrm{ce}\,m^{\gamma - 1} (1 - 2y)\,p(1 - p)\bigr]

    Examples
    --------
    ``gamma=0`` gives the BCE gradient :math:`p - y`:

    >>> focal_loss_with_logits_grad([1.0], [0.0], gamma=0)
    array([-0.5])
    """
    y, z = _binary_inputs(y_true, logits, "logits", "none")
    _check_gamma(gamma)
    a = _check_alpha(alpha)
    p = _sigmoid_raw(z)
    q = _sigmoid_raw(-z)
    m = y * q + (1 - y) * p
    grad = (p - y) * m**gamma if gamma != 0 else p - y
    if gamma != 0:
        ce = bce_with_logits(y, z, reduction="none")
        with np.errstate(divide="ignore", invalid="ignore"):
            second = np.where(m > 0, gamma * ce * m ** (gamma - 1) * (1 - 2 * y) * p * q, 0)
        grad = grad + second
    if a is not None:
        grad = grad * (a * y + (1 - a) * (1 - y))
    return grad.astype(z.dtype, copy=False)


@ignore_underflow
def softmax_cross_entropy_grad(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    axis: int = -1,
    class_weight: ArrayLike | None = None,
    label_smoothing: float = 0.0,
) -> np.ndarray:
    r"""Gradient of :func:`~lossviz.softmax_cross_entropy` per sample with respect to the logits.

    .. math:: \frac{\partial \ell_n}{\partial z_n} = \Bigl(\sum_c u_{n,c}\Bigr)\,p_n - u_n
              \;=\; p_n - \text{onehot}(y_n) \quad\text{(no weights, no smoothing)}

    Returns an array with the shape of ``logits``.

    Examples
    --------
    >>> softmax_cross_entropy_grad([0], [[0.0, 0.0]])
    array([[-0.5,  0.5]])
    """
    eps = _check_label_smoothing(label_smoothing)
    z = as_float_array(logits, "logits", purpose="a gradient")
    z = z.astype(_class_dtype(y_true, z), copy=False)
    check_finite(z, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have a class axis; found a scalar. For one binary score use "
            "bce_with_logits_grad."
        )
    z_last, targets = _class_targets(y_true, z, axis, "logits")
    n_classes = z_last.shape[-1]
    w = _check_class_weight(class_weight, n_classes, z_last.dtype)
    if targets.dtype.kind in "iu" and w is None and eps == 0:
        grad = _softmax_blocks(z_last, targets)  # p - onehot(y), block by block
        return np.moveaxis(grad, -1, axis) if z.ndim > 1 else grad
    p = _softmax_blocks(z_last)
    u, _ = _weighted_targets(targets, n_classes, w, eps, z_last.dtype)
    grad = np.sum(u, axis=-1, keepdims=True) * p - u
    return np.moveaxis(grad, -1, axis) if z.ndim > 1 else grad


@ignore_underflow
def bce_grad_prob(y_true: ArrayLike, y_prob: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`~lossviz.bce` per sample with respect to the probability.

    .. math:: \frac{\partial \ell}{\partial p} = -\frac{y}{p} + \frac{1 - y}{1 - p}

    A term with a zero coefficient counts as 0, so the result is ``-inf`` / ``inf`` only where the
    loss itself is infinite nearby (``p = 0`` with ``y > 0``, ``p = 1`` with ``y < 1``), never NaN.

    Examples
    --------
    >>> bce_grad_prob([1.0, 1.0], [0.8, 0.2])
    array([-1.25, -5.  ])
    >>> bce_grad_prob([1.0, 0.0], [0.0, 0.0])
    array([-inf,   1.])
    """
    y, p = _binary_inputs(y_true, y_prob, "y_prob", "none")
    check_unit_interval(p, "y_prob", hint=" Did you pass logits? Use bce_with_logits_grad.")
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.where(y > 0, -y / p, 0)
        neg = np.where(y < 1, (1 - y) / (1 - p), 0)
    return (pos + neg).astype(p.dtype, copy=False)


@ignore_underflow
def mse_grad_prob(y_true: ArrayLike, y_prob: ArrayLike) -> np.ndarray:
    r"""Gradient of :math:`(p - y)^2` with respect to :math:`p`: :math:`2 (p - y)`, bounded by 2.

    Examples
    --------
    >>> mse_grad_prob([1.0, 1.0], [0.8, 0.2])
    array([-0.4, -1.6])
    """
    y, p = _binary_inputs(y_true, y_prob, "y_prob", "none")
    check_unit_interval(p, "y_prob", hint=" Did you pass logits? Use mse_sigmoid_grad.")
    return 2 * (p - y)


@ignore_underflow
def focal_grad_prob(y_true: ArrayLike, y_prob: ArrayLike, gamma: float = 2.0) -> np.ndarray | float:
    r"""Derivative of :func:`~lossviz.losses.focal_loss_prob` with respect to ``p`` (elementwise).

    .. math:: \frac{\partial \mathrm{FL}}{\partial p_t} = \gamma (1-p_t)^{\gamma-1}\log p_t
              - \frac{(1-p_t)^\gamma}{p_t}, \qquad \frac{\partial p_t}{\partial p} = 2y - 1.

    ``-inf`` / ``inf`` at ``p_t = 0``; at ``p_t = 1`` the limit (0, or the BCE's ``∓1`` for
    ``gamma = 0``), never NaN.  ``gamma = 0`` gives :func:`bce_grad_prob`.

    Parameters
    ----------
    y_true : {0, 1} or array_like of them
        Hard labels; broadcast against ``y_prob``.
    y_prob : float or array_like in [0, 1]
    gamma : float >= 0, default 2.0

    Returns
    -------
    ndarray or numpy scalar
        Shaped like the broadcast inputs.

    Examples
    --------
    >>> float(focal_grad_prob(1, 0.5, gamma=0))
    -2.0
    >>> focal_grad_prob(1, np.array([0.0, 1.0]), gamma=2)
    array([-inf,   0.])
    """
    _check_gamma(gamma)
    y, p = _hard_label_inputs(
        y_true, y_prob, " Did you pass logits? Use focal_loss_with_logits_grad."
    )
    pt = np.where(y == 1, p, 1 - p)
    sign = np.where(y == 1, 1.0, -1.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        m = 1 - pt
        logpt = np.where(y == 1, np.log(p), np.log1p(-p))
        first = np.where((pt < 1) & (pt > 0) & (gamma > 0), gamma * m ** (gamma - 1) * logpt, 0.0)
        second = np.where(pt > 0, -(m**gamma) / pt, -np.inf)
    out = (sign * (first + second)).astype(p.dtype, copy=False)
    return out[()] if out.ndim == 0 else out


@ignore_underflow
def mse_softmax_grad(y_true: ArrayLike, logits: ArrayLike, *, axis: int = -1) -> np.ndarray:
    r"""Gradient with respect to the logits of the squared error on softmax outputs.

    The loss per sample is :math:`\sum_k (\mathrm{softmax}(u)_k - t_k)^2` (summed over the
    classes, no factor ½), with :math:`t` the one-hot of the class index (or a given probability
    row).  Its gradient is :math:`J^\top 2 (p - t)` with :math:`J = \mathrm{diag}(p) - p p^\top`:

    .. math:: \frac{\partial \ell}{\partial u} = 2\,[\,p \odot d - p\,(p \cdot d)\,],
              \qquad d = p - t.

    It carries the softmax's Jacobian, so it vanishes when the softmax saturates, even on a
    confident wrong answer; the cross-entropy's gradient :math:`p - t` does not.

    Parameters
    ----------
    y_true : int or array_like
        Class indices with the shape of ``logits`` minus the class axis (one ``int`` for 1-D
        logits), or float probability rows with the shape of ``logits``.
    logits : array_like
        Raw scores, at least 1-D; the class axis is ``axis``.
    axis : int, default -1

    Returns
    -------
    ndarray
        Shaped like ``logits``.

    Examples
    --------
    >>> from lossviz import numerical_grad, softmax
    >>> u = np.array([0.5, -1.0, 2.0])
    >>> g = mse_softmax_grad(0, u)
    >>> num = numerical_grad(lambda t: float(((softmax(t) - np.eye(3)[0]) ** 2).sum()), u)
    >>> bool(np.allclose(g, num, atol=1e-8))
    True

    A confident wrong answer: the squared error's gradient is tiny, the cross-entropy's is not.

    >>> float(np.abs(mse_softmax_grad(0, [-10.0, 10.0])).max()) < 1e-7
    True
    """
    z = as_float_array(logits, "logits", purpose="a gradient")
    z = z.astype(_class_dtype(y_true, z), copy=False)
    check_finite(z, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have a class axis; found a scalar. For one binary score use "
            "mse_sigmoid_grad."
        )
    z_last, targets = _class_targets(y_true, z, axis, "logits")
    p = softmax(z_last, axis=-1)
    if targets.dtype.kind in "iu":
        d = p.copy()
        np.put_along_axis(
            d, targets[..., None], np.take_along_axis(d, targets[..., None], -1) - 1, -1
        )
    else:
        d = p - targets
    grad = 2.0 * (p * d - p * np.sum(p * d, axis=-1, keepdims=True))
    return np.moveaxis(grad, -1, axis) if z.ndim > 1 else grad


def numerical_grad(
    f: Callable[[np.ndarray], float], x: ArrayLike, *, eps: float = 1e-6
) -> np.ndarray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x`` (float64).

    :math:`\partial f / \partial x_i \approx
    (f(x + \varepsilon e_i) - f(x - \varepsilon e_i)) / 2\varepsilon`,
    with error :math:`O(\varepsilon^2)`.  Used to check the analytic gradients.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a scalar (e.g. a loss with
        ``reduction="sum"``).
    x : array_like
    eps : float, default 1e-6

    Examples
    --------
    >>> from lossviz.losses import bce_with_logits
    >>> z = np.array([0.3, -1.2])
    >>> y = np.array([1.0, 0.0])
    >>> g = numerical_grad(lambda t: bce_with_logits(y, t, reduction="sum"), z)
    >>> bool(np.allclose(g, bce_with_logits_grad(y, z), atol=1e-8))
    True
    """
    if not callable(f):
        raise TypeError(f"f must be a callable returning a scalar; found {type(f).__name__}.")
    x = np.array(
        as_float_array(x, "x", dtype=np.float64)
    )  # a copy: the caller's array is never touched
    check_finite(x, "x")
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a small positive number; found eps={eps!r}. Try eps=1e-6.")
    grad = np.empty_like(x)
    flat = x.reshape(-1)
    g = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = float(f(x))
        flat[i] = old - eps
        down = float(f(x))
        flat[i] = old
        g[i] = (up - down) / (2 * eps)
    return grad
