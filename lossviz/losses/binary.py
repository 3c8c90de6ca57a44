r"""Binary losses: BCE from probabilities or logits, the focal loss (numpy only).

Also the block kernels shared with :mod:`lossviz.losses.multiclass`.  Import the public
names from :mod:`lossviz.losses` (or :mod:`lossviz`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._validation import (
    as_float_array,
    check_finite,
    check_reduction,
    check_same_shape,
    check_unit_interval,
    ignore_underflow,
    reduce,
    result_dtype,
)
from ..activations import logit, sigmoid  # noqa: F401  (used in the examples)

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


__all__ = ["bce", "bce_with_logits", "focal_loss_with_logits", "focal_loss_prob"]

_PROB_HINT = " Did you pass logits? Use bce_with_logits."
_LABEL_HINT = (
    " Binary targets are hard labels 0/1 or soft targets in [0, 1]; "
    "for class indices 0..K-1 use softmax_cross_entropy."
)


# ----------------------------------------------------------------------------- helpers
def _binary_inputs(y_true, other, other_name, reduction, *, check_other=True):
    """Validated float arrays (y, other); ``check_other=False`` leaves the finiteness of ``other``
    to the caller (who must check it, e.g. through a non-finite result)."""
    check_reduction(reduction)
    y_arr = np.asarray(y_true)
    o_arr = np.asarray(other)
    o = as_float_array(
        o_arr, other_name, dtype=None, purpose="a loss"
    )  # a non-numeric input fails here first
    dtype = result_dtype(y_true, o)
    y = as_float_array(y_arr, "y_true", dtype=dtype, purpose="a loss")
    o = o.astype(dtype, copy=False)
    check_same_shape(y, o, "y_true", other_name)
    if check_other:
        check_finite(o, other_name)
    # min/max propagate NaN, so one range test also proves y finite; the detailed checks run
    # (and raise the specific message) only when it fails
    if not (y.min() >= 0 and y.max() <= 1):
        check_finite(y, "y_true")
        check_unit_interval(y, "y_true", hint=_LABEL_HINT)
    return y, o


def _pos_weight(pos_weight, logits):
    if pos_weight is None:
        return None
    pw = as_float_array(pos_weight, "pos_weight", dtype=logits.dtype, purpose="a loss")
    check_finite(pw, "pos_weight")
    if pw.min() < 0:
        raise ValueError(
            f"pos_weight must be non-negative; found min={pw.min():.4g}. "
            "A typical value is n_negative / n_positive for each label."
        )
    try:
        if np.broadcast_shapes(pw.shape, logits.shape) != logits.shape:
            raise ValueError
    except ValueError:
        raise ValueError(
            f"pos_weight must broadcast against logits (one weight per label, i.e. shape "
            f"({logits.shape[-1] if logits.ndim else 1},), or a scalar); found "
            f"pos_weight.shape={pw.shape} "
            f"and logits.shape={logits.shape}. Pass one weight per column of logits."
        ) from None
    return pw


# Block kernels.  The large-array paths work through the input in blocks of about _BLOCK
# elements with scratch buffers allocated once per call: the scratch stays in the CPU cache, each
# element makes one trip through memory, and no input-sized temporary is allocated (only the
# result itself for reduction="none" and the gradients).  Fresh input-sized temporaries are costly:
# each one is new memory from the OS, page-faulted in on first touch.
_BLOCK = 1 << 16


def _row_step(shape):
    """Rows (along axis 0) per block for an array of ``shape``."""
    per_row = 1
    for d in shape[1:]:
        per_row *= d
    return max(1, _BLOCK // max(per_row, 1))


def _finish(total, count, reduction, dtype):
    """Turn a float64 running sum into the ``"sum"``/``"mean"`` result, as :func:`reduce` would."""
    value = total if reduction == "sum" else total / count
    return float(value) if dtype == np.float64 else dtype.type(value)


def _bce_logits_blocks(y, z, pw, reduction):
    """bce_with_logits per element (reduction "none") or its float64 sum, block by block."""
    n = z.shape[0]
    step = _row_step(z.shape)
    first = (min(step, n),) + z.shape[1:]
    loss_buf = np.empty(first, z.dtype)
    tmp_buf = np.empty(first, z.dtype)
    tmp2_buf = np.empty(first, z.dtype)
    zeros = np.zeros(
        first, z.dtype
    )  # np.maximum(z, 0) with a scalar 0 is 3x slower than with an array
    out = np.empty_like(z) if reduction == "none" else None
    pwm1 = None if pw is None else np.broadcast_to(pw - 1, z.shape)  # a view: pw - 1 is pw-sized
    total = 0.0
    for i in range(0, n, step):
        zb, yb = z[i : i + step], y[i : i + step]
        m = zb.shape[0]
        loss = out[i : i + m] if out is not None else loss_buf[:m]
        tmp = tmp_buf[:m]
        _softplus_neg_abs(zb, out=loss)  # log1p(exp(-|z|))
        if pwm1 is not None:
            # softplus(z) - y*z + (w - 1)*y*softplus(-z): the same value as PyTorch's
            # (1 - y)*z + (1 + (w - 1)*y)*softplus(-z), without its cancellation for large |z|
            # (and bit-identical to the unweighted form when w = 1)
            np.negative(zb, out=tmp)
            np.maximum(tmp, 0, out=tmp)
            tmp += loss  # softplus(-z) = -log sigmoid(z)
            tmp *= yb
            tmp *= pwm1[i : i + m]
            loss += tmp
        # log1p(exp(-|z|)) + (max(z, 0) - z*y); the bracket first, so that it is exactly 0 or |z|
        # for hard labels and a tiny softplus is not lost (bce_with_logits(1, 100) = 3.7e-44, not 0)
        np.maximum(zb, zeros[:m], out=tmp)
        np.multiply(zb, yb, out=tmp2_buf[:m])
        tmp -= tmp2_buf[:m]
        loss += tmp
        if out is None:
            total += float(np.add.reduce(loss, axis=None, dtype=np.float64))
    return out, total


def _sigmoid_pair(z, p, q, neg, tmp=None):
    """Write sigmoid(z) into ``p`` without cancellation (and sigmoid(-z) = 1 - sigmoid(z) into ``q``
    when a scratch buffer ``tmp`` is given; otherwise ``q`` is scratch).  ``neg`` is a boolean
    scratch buffer.  The values equal :func:`_sigmoid_raw` exactly."""
    np.abs(z, out=q)
    np.negative(q, out=q)
    np.exp(q, out=q)  # e = exp(-|z|) in (0, 1]
    np.add(q, 1, out=p)  # 1 + e
    np.divide(q, p, out=q)  # e / (1 + e) = sigmoid(-|z|)
    np.divide(1, p, out=p)  # 1 / (1 + e) = sigmoid(|z|)
    np.less(z, 0, out=neg)
    if tmp is not None:
        np.copyto(tmp, p)
        np.copyto(p, q, where=neg)
        np.copyto(q, tmp, where=neg)
    else:
        np.copyto(p, q, where=neg)
    return p


def _softplus_neg_abs(z, out=None):
    """log1p(exp(-|z|)), written into ``out`` (a new buffer when None)."""
    out = np.abs(z, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    return out


# ----------------------------------------------------------------------------- binary
@ignore_underflow
def bce(y_true: ArrayLike, y_prob: ArrayLike, *, reduction: str = "mean") -> np.ndarray | float:
    r"""Binary cross-entropy from probabilities, exact.

    .. math:: \ell = -\bigl[\,y \log p + (1 - y) \log(1 - p)\,\bigr]

    Both terms sit inside the brackets and the minus sign applies to their sum.  Terms with a zero
    coefficient count as 0 (``0 · log 0 = 0``), so a perfect answer costs 0 and a confident wrong
    answer (``p = 0`` with ``y = 1``) costs ``inf``; the result is never NaN.  Unlike PyTorch's
    ``BCELoss`` nothing is clamped.

    Parameters
    ----------
    y_true : array_like
        Targets in [0, 1] (hard labels 0/1 or soft targets).
    y_prob : array_like
        Predicted probabilities in [0, 1], same shape.  Logits are refused: use
        :func:`bce_with_logits`.
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    float or ndarray

    Examples
    --------
    The worked examples of the sources: a true label 1 predicted at 0.8 and at 0.2.

    >>> round(bce([1], [0.8]), 3), round(bce([1], [0.2]), 3)
    (0.223, 1.609)
    >>> bce([1, 0], [0.0, 0.0], reduction="none")
    array([inf,  0.])
    >>> bce([1], [1.3])
    Traceback (most recent call last):
    ...
    ValueError: y_prob must lie in [0, 1]; found max=1.3. Did you pass logits? Use bce_with_logits.
    """
    y, p = _binary_inputs(y_true, y_prob, "y_prob", reduction)
    check_unit_interval(p, "y_prob", hint=_PROB_HINT)
    if p.ndim == 0:
        return reduce(_bce_exact(y, p), reduction)
    out, total = _bce_blocks(y, p, reduction)
    return out if reduction == "none" else _finish(total, p.size, reduction, p.dtype)


def _bce_exact(y, p):
    """-(y log p + (1 - y) log(1 - p)) with 0 * log 0 = 0, element by element."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.where(y > 0, y * np.log(p), 0)
        neg = np.where(y < 1, (1 - y) * np.log1p(-p), 0)
    return (0.0 - (pos + neg)).astype(
        p.dtype, copy=False
    )  # 0.0 - x: a perfect answer costs 0.0, not -0.0


def _bce_blocks(y, p, reduction):
    """bce per element (reduction "none") or its float64 sum, block by block.  The plain formula
    gives NaN only for 0 * log 0 (y = 0 at p = 0, or y = 1 at p = 1); a block where that happens
    is recomputed with :func:`_bce_exact`.  Elsewhere the two agree exactly."""
    n = p.shape[0]
    step = _row_step(p.shape)
    first = (min(step, n),) + p.shape[1:]
    a_buf, b_buf, c_buf = (np.empty(first, p.dtype) for _ in range(3))
    out = np.empty_like(p) if reduction == "none" else None
    total = 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(0, n, step):
            pb, yb = p[i : i + step], y[i : i + step]
            m = pb.shape[0]
            a = out[i : i + m] if out is not None else a_buf[:m]
            b, c = b_buf[:m], c_buf[:m]
            np.log(pb, out=a)
            a *= yb  # y log p
            np.negative(pb, out=b)
            np.log1p(b, out=b)
            np.subtract(1, yb, out=c)
            b *= c  # (1 - y) log(1 - p)
            a += b
            np.subtract(0, a, out=a)  # 0 - x: a perfect answer costs 0.0, not -0.0
            block_sum = float(np.add.reduce(a, axis=None, dtype=np.float64))
            if np.isnan(block_sum):
                a[...] = _bce_exact(yb, pb)
                block_sum = float(np.add.reduce(a, axis=None, dtype=np.float64))
            total += block_sum
    return out, total


@ignore_underflow
def bce_with_logits(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    pos_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> np.ndarray | float:
    r"""Binary cross-entropy on logits, the stable form of ``bce(y, sigmoid(z))``.

    .. math::
        \ell = -\bigl[\,w_+\, y \log \sigma(z) + (1 - y) \log(1 - \sigma(z))\,\bigr]
             = (1 - y)\,z + \bigl(1 + (w_+ - 1)\,y\bigr)\bigl(\log(1 + e^{-|z|}) + \max(-z, 0)\bigr)

    the formula of ``torch.nn.BCEWithLogitsLoss``.  Finite for every finite ``z``, in float32
    and float64.

    Parameters
    ----------
    y_true : array_like
        Targets in [0, 1]; for multi-label problems a 2-D array ``(n_samples, n_labels)``.
    logits : array_like
        Raw scores ``z``, same shape.
    pos_weight : array_like, optional
        Weight :math:`w_+` of the positive term, broadcast along the last axis (one per label).
    reduction : {"mean", "sum", "none"}, default "mean"

    Examples
    --------
    >>> round(bce_with_logits([1], [0.0]), 4)
    0.6931
    >>> bce_with_logits([1, 0], [-1e4, -1e4], reduction="none")
    array([10000.,     0.])

    The naive form ``bce(y, sigmoid(z))`` loses everything once ``sigmoid`` rounds to 0:

    >>> bce([1], [float(sigmoid(-800.0))]), bce_with_logits([1], [-800.0])
    (inf, 800.0)
    """
    # For "mean"/"sum" the finiteness of the logits is checked through the total (a NaN or inf
    # logit always makes it non-finite), which saves a pass over the input.
    fused = reduction != "none" and np.ndim(logits) > 0
    y, z = _binary_inputs(y_true, logits, "logits", reduction, check_other=not fused)
    pw = _pos_weight(pos_weight, z)
    if z.ndim == 0:  # the in-place ufuncs below need array buffers, not numpy scalars
        loss = bce_with_logits(y.reshape(1), z.reshape(1), pos_weight=pw, reduction="none").reshape(
            ()
        )
        return reduce(loss, reduction)
    if not fused:
        out, total = _bce_logits_blocks(y, z, pw, reduction)
        return out
    with np.errstate(invalid="ignore", over="ignore"):
        _, total = _bce_logits_blocks(y, z, pw, reduction)
    if not np.isfinite(total):
        check_finite(z, "logits")  # raises for NaN/inf; otherwise the total truly overflowed
    return _finish(total, z.size, reduction, z.dtype)


@ignore_underflow
def focal_loss_with_logits(
    y_true: ArrayLike,
    logits: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    reduction: str = "mean",
) -> np.ndarray | float:
    r"""Focal loss of Lin et al. (2017) on logits, as ``torchvision.ops.sigmoid_focal_loss``.

    .. math::
        \ell = \alpha_t\,(1 - p_t)^{\gamma}\,\mathrm{BCE}(y, z), \quad
        p_t = p\,y + (1 - p)(1 - y), \quad \alpha_t = \alpha\,y + (1 - \alpha)(1 - y)

    with :math:`p = \sigma(z)`.  ``gamma=0`` and ``alpha=None`` give exactly
    :func:`bce_with_logits`.  :math:`1 - p_t` is computed as
    :math:`y\,\sigma(-z) + (1-y)\,\sigma(z)`,
    so it does not round to 0 for confident correct answers.

    Parameters
    ----------
    y_true, logits : array_like
        Targets in [0, 1] and raw scores, same shape.
    gamma : float, default 2.0
        Focusing parameter, ``>= 0``.
    alpha : float in [0, 1], optional
        Weight of the positive class (``1 - alpha`` for the negatives).  ``None``: no weighting.
        The paper's choice with ``gamma=2`` is ``alpha=0.25``.
    reduction : {"mean", "sum", "none"}, default "mean"

    Examples
    --------
    With ``gamma=2``, an easy example at :math:`p_t = 0.9` gets 100 times less loss than BCE:

    >>> z = float(logit(0.9))
    >>> ratio = bce_with_logits([1], [z]) / focal_loss_with_logits([1], [z], gamma=2)
    >>> round(ratio, 6)
    100.0
    """
    y, z = _binary_inputs(y_true, logits, "logits", reduction)
    _check_gamma(gamma)
    a = _check_alpha(alpha)
    ce = bce_with_logits(y, z, reduction="none")
    p = _sigmoid_raw(z)
    q = _sigmoid_raw(-z)
    one_minus_pt = y * q + (1 - y) * p
    loss = ce * one_minus_pt**gamma if gamma != 0 else ce
    if a is not None:
        loss = loss * (a * y + (1 - a) * (1 - y))
    return reduce(loss.astype(z.dtype, copy=False), reduction)


def _hard_label_inputs(y_true, y_prob, hint):
    """Validated float arrays (y, p) broadcast together: ``y`` hard labels 0/1, ``p`` in [0, 1]."""
    dtype = result_dtype(y_true, y_prob)
    p = as_float_array(y_prob, "y_prob", dtype=dtype, purpose="a loss")
    y = as_float_array(y_true, "y_true", dtype=dtype, purpose="a loss")
    check_finite(p, "y_prob")
    check_unit_interval(p, "y_prob", hint=hint)
    check_finite(y, "y_true")
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"y_true must hold hard labels 0 or 1; found {float(y[bad].ravel()[0]):.4g}. "
            "Threshold soft targets first (y_true >= 0.5), or use focal_loss_with_logits, "
            "which accepts targets in [0, 1]."
        )
    try:
        y, p = np.broadcast_arrays(y, p)
    except ValueError:
        raise ValueError(
            f"y_true and y_prob must broadcast together; found y_true.shape={y.shape} and "
            f"y_prob.shape={p.shape}. Pass one label, or one label per probability."
        ) from None
    return y, p


@ignore_underflow
def focal_loss_prob(y_true: ArrayLike, y_prob: ArrayLike, gamma: float = 2.0) -> np.ndarray | float:
    r"""Focal loss :math:`-(1 - p_t)^\gamma \log p_t` from a probability (elementwise, exact).

    :math:`p_t = p` for ``y = 1`` and :math:`1 - p` for ``y = 0``.  ``p_t = 0`` gives ``inf``,
    ``p_t = 1`` gives 0 (never NaN), and ``gamma = 0`` gives the BCE.  It equals
    :func:`focal_loss_with_logits` (``alpha=None``, ``reduction="none"``) at
    ``logits = logit(y_prob)``; use that one when you have logits.

    Parameters
    ----------
    y_true : {0, 1} or array_like of them
        Hard labels; broadcast against ``y_prob`` (one label for a whole curve is fine).
    y_prob : float or array_like in [0, 1]
        Predicted probability of the positive class.
    gamma : float >= 0, default 2.0
        Focusing parameter.

    Returns
    -------
    ndarray or numpy scalar
        The per-element loss (no reduction), shaped like the broadcast inputs.

    Examples
    --------
    >>> float(focal_loss_prob(1, 0.9, gamma=2))  # doctest: +ELLIPSIS
    0.00105360...
    >>> focal_loss_prob(1, np.array([0.0, 1.0]), gamma=2)
    array([inf,  0.])
    >>> float(focal_loss_prob(0, 0.2, gamma=0)) == bce([0], [0.2])
    True
    """
    _check_gamma(gamma)
    y, p = _hard_label_inputs(y_true, y_prob, " Did you pass logits? Use focal_loss_with_logits.")
    pt = np.where(y == 1, p, 1 - p)
    with np.errstate(divide="ignore", invalid="ignore"):
        logpt = np.where(y == 1, np.log(p), np.log1p(-p))  # log(1 - p) exact for small p
        out = np.where(pt < 1, -((1 - pt) ** gamma) * logpt, 0.0).astype(p.dtype, copy=False)
    return out[()] if out.ndim == 0 else out


def _sigmoid_raw(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype, copy=False)


def _check_gamma(gamma):
    if isinstance(gamma, (bool, np.bool_)) or not isinstance(
        gamma, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"gamma must be a real number >= 0; found {type(gamma).__name__} {gamma!r}. Pass e.g. "
            f"gamma=2.0."
        )
    if not np.isfinite(gamma) or gamma < 0:
        raise ValueError(
            f"gamma must be a finite number >= 0; found gamma={gamma!r}. "
            "gamma=0 gives plain cross-entropy; the focal loss paper uses gamma=2."
        )


def _check_alpha(alpha):
    if alpha is None:
        return None
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(
        alpha, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"alpha must be None or a number in [0, 1]; found {type(alpha).__name__} {alpha!r}."
        )
    if not (0 <= alpha <= 1):
        raise ValueError(
            f"alpha must lie in [0, 1] (the weight of the positive class); found alpha={alpha!r}. "
            "Use alpha=None for no weighting (torchvision's alpha=-1)."
        )
    return float(alpha)
