r"""Saturation and numerical stability: the demonstrations of chapters 04 and 05.

* :func:`naive_vs_stable_softmax` — the textbook softmax / log-sum-exp formulas next to the
  shifted (stable) ones, with numpy's floating-point warnings *captured* and returned, so a
  notebook shows them without printing to stderr.
* :func:`softmax_jacobian` — :math:`J = \operatorname{diag}(p) - p p^\top`, for gradients of losses
  applied *after* a softmax (MSE on softmax outputs, a double softmax).
* :func:`neuron_loss_vs_weight` and :func:`second_differences` (drawn by
:func:`lossviz.plots.plot_neuron_loss_vs_weight`) —
  the loss of one sigmoid neuron against its weight: MSE on :math:`\sigma(wx+b)` is not convex in
  :math:`w`, BCE is.
* :func:`sigmoid_chain_gradient` — the gradient through a chain of sigmoid units, a product of
  factors :math:`\sigma'(z_l)\,w_l` with :math:`\sigma' \le 1/4` (vanishing gradients).
* The sources' formulas and code, reproduced to be corrected: :func:`source_002_logistic_grad`,
  :func:`source_002_softmax_grad`, :func:`source_004_cross_entropy`, and :func:`try_call`, which
  runs
  a call and returns ``"ErrorType: message"`` instead of raising.

Everything is numpy only; the figures are in :mod:`lossviz.plots`.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._validation import as_float_array, check_finite, check_int, check_real
from .activations import sigmoid, softmax

__all__ = [
    "naive_softmax",
    "naive_logsumexp",
    "stable_logsumexp",
    "naive_vs_stable_softmax",
    "softmax_jacobian",
    "neuron_loss_vs_weight",
    "second_differences",
    "sigmoid_chain_gradient",
    "try_call",
    "source_002_logistic_grad",
    "source_002_softmax_grad",
    "source_004_cross_entropy",
]


# --------------------------------------------------------------------------- softmax / log-sum-exp
def naive_softmax(z, axis=-1):
    r"""Softmax by the textbook formula :math:`e^{z_i} / \sum_j e^{z_j}`, *without* the max shift.

    Overflows to ``inf / inf = nan`` once a logit exceeds about 709.78 (float64). Shown for
    contrast only: use :func:`lossviz.softmax`. numpy's floating-point warnings are left to the
    caller's settings (see :func:`naive_vs_stable_softmax` to capture them).

    Examples
    --------
    >>> naive_softmax([1.0, 2.0, 3.0]).round(4)
    array([0.09  , 0.2447, 0.6652])
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def naive_logsumexp(z, axis=-1):
    r""":math:`\log \sum_j e^{z_j}` computed literally (overflows for logits above ~709.78).

    Examples
    --------
    >>> round(float(naive_logsumexp([0.0, 0.0])), 6)
    0.693147
    """
    z = np.asarray(z, dtype=np.float64)
    return np.log(np.sum(np.exp(z), axis=axis))


def stable_logsumexp(z, axis=-1):
    r"""The log-sum-exp trick: :math:`m + \log \sum_j e^{z_j - m}` with :math:`m = \max_j z_j`.

    Every exponent is :math:`\le 0`, so nothing overflows, and the largest term is exactly 1,
    so the sum is :math:`\ge 1` and its log never underflows to :math:`-\infty`.

    Examples
    --------
    >>> float(stable_logsumexp([1000.0, 1000.0]))  # 1000 + log 2
    1000.6931471805599
    """
    z = as_float_array(z, "z", dtype=np.float64)
    check_finite(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    with np.errstate(under="ignore"):
        out = np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)) + m
    return np.squeeze(out, axis=axis)


def naive_vs_stable_softmax(logits, axis=-1):
    r"""Compute softmax and log-sum-exp naively and stably; capture the naive formula's warnings.

    The naive formulas run under ``np.errstate(all="warn")`` inside
    ``warnings.catch_warnings(record=True)``: every ``RuntimeWarning`` numpy raises is recorded
    and returned as text, nothing is printed to stderr, and the caller's warning filters and
    numpy error state are restored afterwards.

    Parameters
    ----------
    logits : array_like
        Finite raw scores.
    axis : int, default -1
        The class axis.

    Returns
    -------
    dict
        ``naive_softmax``, ``stable_softmax`` (arrays), ``naive_logsumexp``, ``stable_logsumexp``
        (arrays, or floats for a 1-D input) and ``warnings``, a list of the distinct warning
        messages of the naive computation, e.g. ``"RuntimeWarning: overflow encountered in exp"``.

    Examples
    --------
    >>> r = naive_vs_stable_softmax([1000.0, 999.0, 998.0])
    >>> r["naive_softmax"]
    array([nan, nan, nan])
    >>> r["stable_softmax"].round(4)
    array([0.6652, 0.2447, 0.09  ])
    >>> r["naive_logsumexp"], round(r["stable_logsumexp"], 4)
    (inf, 1000.4076)
    >>> r["warnings"]
    ['RuntimeWarning: overflow encountered in exp', 'RuntimeWarning: invalid value encountered in
    divide']
    >>> naive_vs_stable_softmax([1.0, 2.0])["warnings"]
    []
    """
    z = as_float_array(logits, "logits", dtype=np.float64)
    check_finite(z, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have a class axis; found a scalar. Pass e.g. [1000.0, 999.0]."
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn"):
            naive_p = naive_softmax(z, axis=axis)
            naive_l = naive_logsumexp(z, axis=axis)
    messages = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in messages:
            messages.append(text)
    stable_p = softmax(z, axis=axis)
    stable_l = stable_logsumexp(z, axis=axis)
    if z.ndim == 1:
        naive_l, stable_l = float(naive_l), float(stable_l)
    return {
        "naive_softmax": naive_p,
        "stable_softmax": stable_p,
        "naive_logsumexp": naive_l,
        "stable_logsumexp": stable_l,
        "warnings": messages,
    }


def softmax_jacobian(logits):
    r"""Jacobian of the softmax of one logit vector.

    :math:`J_{ij} = \partial p_i / \partial z_j = p_i(\delta_{ij} - p_j)`.

    The gradient of a loss :math:`L(p)` applied to :math:`p = \operatorname{softmax}(z)` is
    :math:`J^\top \nabla_p L`; for MSE, :math:`J^\top \, 2(p - y)`.

    Parameters
    ----------
    logits : array_like of shape (K,)

    Returns
    -------
    ndarray of shape (K, K), symmetric, rows summing to 0.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    z = as_float_array(logits, "logits", dtype=np.float64)
    check_finite(z, "logits")
    if z.ndim != 1:
        raise ValueError(
            f"logits must be one vector of shape (K,); found shape {z.shape}. Pass one row."
        )
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


# --------------------------------------------------------------------------- one sigmoid neuron
_NEURON_LOSSES = ("bce", "mse", "half_mse")


def neuron_loss_vs_weight(w, *, x=1.0, y=0.0, b=0.0, loss="bce"):
    r"""Loss of one sigmoid neuron :math:`a = \sigma(w x + b)` on one example, for each ``w``.

    Parameters
    ----------
    w : array_like
        Weights at which to evaluate the loss.
    x : float, default 1.0
        The input.
    y : float in [0, 1], default 0.0
        The target.
    b : float, default 0.0
        The bias.
    loss : {"bce", "mse", "half_mse"}, default "bce"
        ``"bce"``: :math:`-[y\log a + (1-y)\log(1-a)]`, computed from the logit (exact, no
        overflow);
        ``"mse"``: :math:`(a - y)^2` (lossviz's :func:`~lossviz.mse`, no ½);
        ``"half_mse"``: :math:`\tfrac12 (a - y)^2` (Nielsen's quadratic cost).

    Returns
    -------
    ndarray, the shape of ``w``

    Examples
    --------
    >>> neuron_loss_vs_weight([0.0], loss="bce").round(4)   # log 2
    array([0.6931])
    >>> neuron_loss_vs_weight([0.0], loss="mse"), neuron_loss_vs_weight([0.0], loss="half_mse")
    (array([0.25]), array([0.125]))
    """
    if loss not in _NEURON_LOSSES:
        raise ValueError(
            f"loss must be one of {', '.join(map(repr, _NEURON_LOSSES))}; found {loss!r}."
        )
    w = as_float_array(w, "w", dtype=np.float64)
    check_finite(w, "w")
    x = check_real(x, "x")
    b = check_real(b, "b")
    y = check_real(
        y, "y", low=0.0, high=1.0, fix="The target of a sigmoid neuron is a probability."
    )
    z = w * float(x) + float(b)
    if loss == "bce":
        # -[y log s(z) + (1-y) log s(-z)] with log s(t) = -logaddexp(0, -t)
        return float(y) * np.logaddexp(0.0, -z) + (1.0 - float(y)) * np.logaddexp(0.0, z)
    sq = (sigmoid(z) - float(y)) ** 2
    return 0.5 * sq if loss == "half_mse" else sq


def second_differences(values):
    r"""Second differences :math:`f_{i-1} - 2 f_i + f_{i+1}` of values on an evenly spaced grid.

    A function sampled on a grid is convex on it exactly when all second differences are
    :math:`\ge 0`; a sign change shows a point of inflection, so a non-convex function.

    Examples
    --------
    >>> second_differences([1.0, 0.0, 1.0, 4.0])
    array([2., 2.])
    """
    v = as_float_array(values, "values", dtype=np.float64)
    if v.ndim != 1 or v.size < 3:
        raise ValueError(f"values must be 1-D with at least 3 points; found shape {v.shape}.")
    return v[:-2] - 2.0 * v[1:-1] + v[2:]


# --------------------------------------------------------------------------- vanishing gradients
def sigmoid_chain_gradient(depth, *, w=1.0, b=0.0, x=0.0):
    r"""Back-propagate through a chain of ``depth`` scalar sigmoid units.

    Unit :math:`l` computes :math:`a_l = \sigma(w_l a_{l-1} + b_l)`.

    Returns :math:`\partial a_L / \partial z_l` for every layer :math:`l = 1..L`: the product
    :math:`\sigma'(z_L) \prod_{k=l+1}^{L} w_k \sigma'(z_{k-1})`, which shrinks by a factor
    :math:`|w|\sigma'(z) \le |w|/4` per layer. Whatever the loss, this factor multiplies the
    output gradient; cross-entropy only removes the output layer's own :math:`\sigma'`.

    Parameters
    ----------
    depth : int >= 1
    w, b : float or array_like of shape (depth,)
        Weights and biases of the units.
    x : float
        The input :math:`a_0`.

    Returns
    -------
    ndarray of shape (depth,)
        ``out[l - 1] = d a_L / d z_l``; ``out[-1]`` is :math:`\sigma'(z_L)`.

    Examples
    --------
    With ``x = 0.5``, ``w = 1``, ``b = -0.5`` every logit is 0, so every :math:`\sigma'` is 1/4,
    its maximum, and the gradient shrinks fourfold per layer:

    >>> sigmoid_chain_gradient(3, w=1.0, b=-0.5, x=0.5)
    array([0.015625, 0.0625  , 0.25    ])
    >>> float(sigmoid_chain_gradient(10, w=4.0, b=-2.0, x=0.5)[0])   # w = 4 cancels the 1/4
    0.25
    """
    depth = check_int(depth, "depth", minimum=1)
    ws = np.broadcast_to(np.asarray(w, dtype=np.float64), (depth,))
    bs = np.broadcast_to(np.asarray(b, dtype=np.float64), (depth,))
    a = float(x)
    zs = np.empty(depth)
    for k in range(depth):
        zs[k] = ws[k] * a + bs[k]
        a = float(sigmoid(zs[k]))
    s = sigmoid(zs)
    dsig = s * (1.0 - s)
    out = np.empty(depth)
    g = dsig[-1]
    out[-1] = g
    for k in range(depth - 2, -1, -1):
        g = g * ws[k + 1] * dsig[k]
        out[k] = g
    return out


# --------------------------------------------------------------------------- the sources,
# reproduced
def try_call(func, *args, **kwargs):
    """Call ``func(*args, **kwargs)``; return its result, or the last line of its traceback.

    The error line is ``"ErrorType: message"``, with the module of non-builtin exceptions as
    Python prints it (``"numpy.exceptions.AxisError: ..."``). numpy floating-point warnings raised
    during the call are turned into errors of their own (so a ``log(0)`` shows up as
    ``"FloatingPointError: divide by zero encountered in log"``) instead of being printed to stderr.

    Examples
    --------
    >>> try_call(int, "3")
    3
    >>> try_call(int, "three")
    "ValueError: invalid literal for int() with base 10: 'three'"
    >>> try_call(np.zeros(3).sum, axis=1)
    'numpy.exceptions.AxisError: axis 1 is out of bounds for array of dimension 1'
    """
    try:
        with np.errstate(all="raise", under="ignore"):
            return func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the point is to show any error
        cls = type(exc)
        name = (
            cls.__qualname__
            if cls.__module__ == "builtins"
            else f"{cls.__module__}.{cls.__qualname__}"
        )
        return f"{name}: {exc}"


def source_002_logistic_grad(y_true, logits):
    r"""Seed 002 §3.1's logistic-regression gradient, with respect to the logit :math:`z` (input 1).

    The source writes :math:`-y\,\partial\sigma/\partial w + (1-y)\,\partial\sigma/\partial w`, i.e.
    :math:`(1 - 2y)\,\sigma(z)(1 - \sigma(z))` per unit input. This is **wrong**: the gradient of
    BCE is :math:`\sigma(z) - y` (:func:`lossviz.bce_with_logits_grad`). Kept for the correction.

    Examples
    --------
    >>> float(source_002_logistic_grad(1.0, 0.0))   # the truth is 0.5 - 1 = -0.5
    -0.25
    """
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    p = sigmoid(as_float_array(logits, "logits", dtype=np.float64))
    ds = p * (1.0 - p)
    return -y * ds + (1.0 - y) * ds


def source_002_softmax_grad(y_true, logits):
    r"""Seed 002 §3.2's softmax-regression gradient w.r.t. the logits :math:`z_i` (input 1).

    The source writes :math:`-y_i \hat y_i + (1 - y_i)\,\delta_{i,y}\,\hat y_i`. Since
    :math:`\delta_{i,y} = 1` exactly where :math:`y_i = 1`, the second term is always 0 and the
    formula is :math:`-y_i \hat y_i`: zero for every wrong class and :math:`-\hat y` for the right
    one. The truth is :math:`\hat y_i - y_i` (:func:`lossviz.softmax_cross_entropy_grad`).

    Parameters
    ----------
    y_true : array_like of shape (K,) or (n, K)
        One-hot targets.
    logits : array_like, same shape

    Examples
    --------
    >>> source_002_softmax_grad([1, 0, 0], [0.0, 0.0, 0.0]).round(4)
    array([-0.3333,  0.    ,  0.    ])
    """
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    p = softmax(as_float_array(logits, "logits", dtype=np.float64))
    delta = (y == 1).astype(np.float64)  # delta_{i, y}: 1 at the true class
    return -y * p + (1.0 - y) * delta * p


def source_004_cross_entropy(y_true, y_pred):
    """Seed 004 §4.2's ``cross_entropy_loss``, verbatim (bugs included); run with :func:`try_call`.

    With the source's 1-D inputs the softmax sums over ``axis=1`` of a 1-D array, which raises
    ``numpy.exceptions.AxisError: axis 1 is out of bounds for array of dimension 1``.

    Examples
    --------
    >>> try_call(source_004_cross_entropy, np.array([0, 1, 1]), np.array([-1.0, 0.0, 1.0]))
    'numpy.exceptions.AxisError: axis 1 is out of bounds for array of dimension 1'
    """
    batch_size = y_true.shape[0]  # noqa: F841 - unused in the source too
    y_pred_softmax = np.exp(y_pred) / np.exp(y_pred).sum(axis=1, keepdims=True)
    loss = -np.mean(y_true * np.log(y_pred_softmax) + (1 - y_true) * np.log(1 - y_pred_softmax))
    return loss
