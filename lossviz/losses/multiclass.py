r"""Many-class losses: softmax cross-entropy on logits, categorical cross-entropy from
probabilities (numpy only).  Import them from :mod:`lossviz.losses` (or :mod:`lossviz`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._validation import (
    as_float_array,
    check_class_indices,
    check_distribution,
    check_finite,
    check_reduction,
    ignore_underflow,
    reduce,
    result_dtype,
)
from .binary import _finish, _row_step

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


__all__ = ["softmax_cross_entropy", "categorical_cross_entropy"]


# ----------------------------------------------------------------------------- many classes
def _check_label_smoothing(label_smoothing):
    if isinstance(label_smoothing, (bool, np.bool_)) or not isinstance(
        label_smoothing, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"label_smoothing must be a number in [0, 1); found {type(label_smoothing).__name__}."
        )
    if not (0 <= label_smoothing < 1):
        raise ValueError(
            f"label_smoothing must lie in [0, 1); found label_smoothing={label_smoothing!r}. "
            "Typical values are 0.05 to 0.2; 0 switches smoothing off."
        )
    return float(label_smoothing)


def _check_class_weight(class_weight, n_classes, dtype):
    if class_weight is None:
        return None
    w = as_float_array(class_weight, "class_weight", dtype=dtype, purpose="a loss")
    if w.ndim != 1 or w.shape[0] != n_classes:
        raise ValueError(
            f"class_weight must hold one weight per class, shape ({n_classes},); found shape "
            f"{w.shape}. "
            "Compute it with lv.class_weights(y, n_classes=...) or pass a list of K numbers."
        )
    check_finite(w, "class_weight")
    if w.min() < 0:
        raise ValueError(f"class_weight must be non-negative; found min={w.min():.4g}.")
    return w


def _class_targets(y_true, scores, axis, scores_name):
    """(scores moved to the last axis, targets): targets are int indices or probability rows."""
    scores = np.moveaxis(scores, axis, -1) if scores.ndim > 1 else scores
    n_classes = scores.shape[-1]
    y_arr = np.asarray(y_true)
    if y_arr.dtype == object or not (
        np.issubdtype(y_arr.dtype, np.number) or y_arr.dtype == np.bool_
    ):
        raise TypeError(
            f"y_true must be integer class indices or probability rows; found dtype {y_arr.dtype}. "
            "Encode string labels as integers first "
            "(e.g. np.unique(labels, return_inverse=True)[1])."
        )
    if np.issubdtype(y_arr.dtype, np.integer):
        if y_arr.shape != scores.shape[:-1]:
            raise ValueError(
                f"y_true holds class indices, so its shape must be the shape of {scores_name} "
                f"without the class axis; found y_true.shape={y_arr.shape} and "
                f"{scores_name}.shape={scores.shape} (classes last). "
                f"For one-hot or probability rows pass a float array of shape {scores.shape}."
            )
        check_class_indices(y_arr, n_classes, scores_name=scores_name)
        return scores, y_arr.astype(np.intp, copy=False)
    y = as_float_array(y_arr, "y_true", dtype=scores.dtype, purpose="a loss")
    y = np.moveaxis(y, axis, -1) if y.ndim > 1 else y
    if y.shape != scores.shape:
        hint = (
            " Float targets are read as probability rows; cast class indices to int "
            "(y_true.astype(int))."
            if y.shape == scores.shape[:-1]
            else ""
        )
        raise ValueError(
            f"y_true as probability rows must have the shape of {scores_name}; found "
            f"y_true.shape={y.shape} "
            f"and {scores_name}.shape={scores.shape}.{hint}"
        )
    check_finite(y, "y_true")
    check_distribution(y, "y_true")
    return scores, y


def _class_dtype(y_true, scores):
    """Dtype of a many-class result: integer class indices have no say, probability rows do."""
    y = np.asarray(y_true) if not isinstance(y_true, (bool, int, float)) else y_true
    if isinstance(y, np.ndarray) and not np.issubdtype(y.dtype, np.floating):
        return scores.dtype
    return result_dtype(y, scores)


def _row_max(z2, out):
    """Maximum of each row of the 2-D ``z2`` into ``out``: a loop over a few columns is several
    times faster than ``np.max(axis=1)`` on short rows."""
    if z2.shape[1] > 16:
        return np.max(z2, axis=1, out=out)
    np.copyto(out, z2[:, 0])
    for c in range(1, z2.shape[1]):
        np.maximum(out, z2[:, c], out=out)
    return out


def _softmax_blocks(z, targets=None):
    """Softmax over the last axis (minus the one-hot of integer ``targets`` when given), block by
    block into a new array: the gradient p - onehot(y) of the softmax cross-entropy."""
    n_classes = z.shape[-1]
    out = np.empty(z.shape, z.dtype)
    z2 = z.reshape(-1, n_classes)
    out2 = out.reshape(-1, n_classes)
    t = None if targets is None else targets.reshape(-1)
    rows = z2.shape[0]
    step = _row_step(z2.shape)
    mx = np.empty(min(step, rows), z.dtype)
    ones = np.ones(n_classes, z.dtype)
    ar = np.arange(min(step, rows))
    for i in range(0, rows, step):
        zb = z2[i : i + step]
        m = zb.shape[0]
        g = out2[i : i + m]
        _row_max(zb, mx[:m])
        np.subtract(zb, mx[:m, None], out=g)
        np.exp(g, out=g)
        np.dot(g, ones, out=mx[:m])  # row sums (BLAS), reusing the max buffer
        np.divide(g, mx[:m, None], out=g)
        if t is not None:
            g[ar[:m], t[i : i + m]] -= 1
    return out


def _sce_index_blocks(targets, z, reduction):
    """Softmax cross-entropy with integer targets, no weights, no smoothing, block by block:
    per-sample losses (reduction "none") or their float64 sum."""
    n_classes = z.shape[-1]
    z2 = z.reshape(-1, n_classes)  # a view unless the class axis was moved
    t = targets.reshape(-1)
    rows = z2.shape[0]
    step = _row_step(z2.shape)
    first = min(step, rows)
    shifted = np.empty((first, n_classes), z.dtype)
    mx = np.empty(first, z.dtype)
    ones = np.ones(n_classes, z.dtype)
    ar = np.arange(first)
    out = np.empty(rows, z.dtype) if reduction == "none" else None
    total = 0.0
    for i in range(0, rows, step):
        zb = z2[i : i + step]
        m = zb.shape[0]
        s = shifted[:m]
        _row_max(zb, mx[:m])
        np.subtract(zb, mx[:m, None], out=s)
        picked = s[ar[:m], t[i : i + m]]  # z_y - max z
        np.exp(s, out=s)
        lse = mx[:m]
        np.dot(s, ones, out=lse)  # row sums (BLAS)
        np.log(lse, out=lse)
        loss = out[i : i + m] if out is not None else lse
        np.subtract(lse, picked, out=loss)
        if out is None:
            total += float(np.add.reduce(loss, dtype=np.float64))
    return (None if out is None else out.reshape(targets.shape)), total


def _weighted_targets(targets, n_classes, class_weight, eps, dtype):
    """Return u (..., K) with loss_n = -sum_c u_c log p_c, and the per-sample mean weight."""
    if targets.dtype.kind in "iu":
        u = np.zeros(targets.shape + (n_classes,), dtype=dtype)
        np.put_along_axis(u, targets[..., None], 1.0, axis=-1)
        w_y = None
        if class_weight is not None:
            w_y = class_weight[targets]
            u *= w_y[..., None] * (1 - eps)
            if eps:
                u += eps / n_classes * class_weight
        elif eps:
            u *= 1 - eps
            u += eps / n_classes
        return u, w_y
    u = targets
    if eps:
        u = u * (1 - eps) + eps / n_classes
    if class_weight is not None:
        u = u * class_weight
    return u, None


@ignore_underflow
def softmax_cross_entropy(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    axis: int = -1,
    class_weight: ArrayLike | None = None,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> np.ndarray | float:
    r"""Softmax cross-entropy on raw logits, as ``torch.nn.functional.cross_entropy``.

    .. math:: \ell_n = -\sum_c u_{n,c} \log \operatorname{softmax}(z_n)_c

    where :math:`u_n` is the one-hot (or given probability) target, smoothed to
    :math:`(1-\varepsilon)\,u + \varepsilon / K` and multiplied by ``class_weight``.  The
    log-softmax
    is computed with the log-sum-exp shift, so logits of ±1e4 are fine.

    Parameters
    ----------
    y_true : array_like
        Either integer class indices with the shape of ``logits`` minus the class axis, or float
        probability rows with the shape of ``logits`` (each summing to 1).
    logits : array_like
        Raw scores; the class axis is ``axis``.  Do **not** apply softmax first.
    axis : int, default -1
    class_weight : array_like of shape (K,), optional
        With class indices and ``reduction="mean"`` the sum is divided by :math:`\sum_n w_{y_n}`
        (PyTorch's weighted mean); with probability rows it is divided by the number of samples,
        again as in PyTorch.
    label_smoothing : float in [0, 1), default 0
    reduction : {"mean", "sum", "none"}, default "mean"

    Examples
    --------
    >>> round(softmax_cross_entropy([0], [[2.0, 1.0, 0.1]]), 4)
    0.417
    >>> softmax_cross_entropy(np.array([0, 1]), [[1000.0, 0.0], [1000.0, 0.0]], reduction="none")
    array([   0., 1000.])
    >>> softmax_cross_entropy([3], [[0.0, 0.0, 0.0]])
    Traceback (most recent call last):
    ...
    ValueError: y_true holds class indices, which must lie in 0..2 for 3 classes; found max=3. Check
    the number of classes in logits (its class axis) or re-encode the labels.
    """
    check_reduction(reduction)
    eps = _check_label_smoothing(label_smoothing)
    z = as_float_array(logits, "logits", purpose="a loss")
    z = z.astype(_class_dtype(y_true, z), copy=False)
    check_finite(z, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have a class axis; found a scalar. For one binary score use "
            "bce_with_logits."
        )
    z, targets = _class_targets(y_true, z, axis, "logits")
    n_classes = z.shape[-1]
    w = _check_class_weight(class_weight, n_classes, z.dtype)
    if targets.dtype.kind in "iu" and w is None and eps == 0:
        out, total = _sce_index_blocks(targets, z, reduction)
        if reduction == "none":
            return out if out.ndim else out[()]
        return _finish(total, targets.size, reduction, z.dtype)
    zmax = np.max(z, axis=-1, keepdims=True)
    shifted = z - zmax
    lse = np.log(np.sum(np.exp(shifted), axis=-1))
    u, w_y = _weighted_targets(targets, n_classes, w, eps, z.dtype)
    # -sum u (shifted - lse) = lse * sum(u) - sum(u * shifted)
    loss = lse * np.sum(u, axis=-1) - np.sum(u * shifted, axis=-1)
    return reduce(loss, reduction, denominator=None if w_y is None else np.sum(w_y))


@ignore_underflow
def categorical_cross_entropy(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    axis: int = -1,
    class_weight: ArrayLike | None = None,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> np.ndarray | float:
    r"""Categorical cross-entropy from probabilities: :math:`-\sum_c u_c \log \hat p_c`, exact.

    Same targets and options as :func:`softmax_cross_entropy`, but ``y_prob`` are probabilities
    (each row in [0, 1], summing to 1).  Zero target mass times :math:`\log 0` counts as 0; a zero
    probability on a true class costs ``inf``.  Prefer :func:`softmax_cross_entropy` on logits.

    Examples
    --------
    >>> round(categorical_cross_entropy([0], [[0.8, 0.1, 0.1]]), 3)
    0.223
    >>> categorical_cross_entropy([1, 0], [[1.0, 0.0], [1.0, 0.0]], reduction="none")
    array([inf,  0.])
    """
    check_reduction(reduction)
    eps = _check_label_smoothing(label_smoothing)
    p = as_float_array(y_prob, "y_prob", purpose="a loss")
    p = p.astype(_class_dtype(y_true, p), copy=False)
    if p.ndim == 0:
        raise ValueError(
            "y_prob must have a class axis; found a scalar. For one binary probability use bce."
        )
    try:
        check_distribution(p, "y_prob", axis=axis)
    except ValueError as exc:
        raise ValueError(str(exc) + " If these are logits, use softmax_cross_entropy.") from None
    p, targets = _class_targets(y_true, p, axis, "y_prob")
    n_classes = p.shape[-1]
    w = _check_class_weight(class_weight, n_classes, p.dtype)
    if targets.dtype.kind in "iu" and w is None and eps == 0:
        # one-hot targets: only the true class's probability enters, -log p_y
        if p.flags.c_contiguous:  # flat gather: faster than take_along_axis
            flat_idx = np.arange(0, p.size, n_classes) + targets.reshape(-1)
            loss = np.take(p.reshape(-1), flat_idx).reshape(targets.shape)
        else:
            loss = np.take_along_axis(p, targets[..., None], axis=-1)[..., 0]
        with np.errstate(divide="ignore"):
            np.log(loss, out=loss)
        np.subtract(0, loss, out=loss)  # 0 - x: a perfect answer costs 0.0, not -0.0
        return reduce(loss if loss.ndim else loss[()], reduction)
    u, w_y = _weighted_targets(targets, n_classes, w, eps, p.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(u > 0, u * np.log(p), 0)
    loss = 0.0 - np.sum(terms, axis=-1)
    return reduce(loss, reduction, denominator=None if w_y is None else np.sum(w_y))
