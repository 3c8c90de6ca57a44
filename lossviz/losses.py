r"""Loss functions for classification and regression, exact and numerically stable (numpy only).

Definitions follow PyTorch where PyTorch has the same function:

* :func:`bce` is ``torch.nn.BCELoss`` without its clamp of ``log`` at -100: a confident wrong
  answer costs exactly ``inf``.
* :func:`bce_with_logits` is ``torch.nn.BCEWithLogitsLoss`` (``pos_weight`` included).
* :func:`softmax_cross_entropy` is ``torch.nn.functional.cross_entropy`` (class indices or
  probability rows, ``weight`` as ``class_weight``, ``label_smoothing``).
* :func:`focal_loss_with_logits` is ``torchvision.ops.sigmoid_focal_loss`` (``alpha=None`` means
  torchvision's ``alpha=-1``: no weighting).
* :func:`mse`, :func:`mae`, :func:`huber` are ``MSELoss`` (no factor ½), ``L1Loss``, ``HuberLoss``.

Every function takes ``reduction="mean" | "sum" | "none"``.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_float_array,
    check_class_indices,
    check_distribution,
    check_finite,
    check_reduction,
    check_same_shape,
    check_unit_interval,
    ignore_underflow,
    reduce,
    result_dtype,
)
from .activations import logit, sigmoid  # noqa: F401  (used in the examples)

__all__ = [
    "bce",
    "bce_with_logits",
    "mse",
    "mae",
    "huber",
    "softmax_cross_entropy",
    "categorical_cross_entropy",
    "focal_loss_with_logits",
    "focal_loss_prob",
]

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
            f"({logits.shape[-1] if logits.ndim else 1},), or a scalar); found pos_weight.shape={pw.shape} "
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
def bce(y_true, y_prob, *, reduction="mean"):
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
def bce_with_logits(y_true, logits, *, pos_weight=None, reduction="mean"):
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
def focal_loss_with_logits(y_true, logits, *, gamma=2.0, alpha=None, reduction="mean"):
    r"""Focal loss of Lin et al. (2017) on logits, as ``torchvision.ops.sigmoid_focal_loss``.

    .. math::
        \ell = \alpha_t\,(1 - p_t)^{\gamma}\,\mathrm{BCE}(y, z), \quad
        p_t = p\,y + (1 - p)(1 - y), \quad \alpha_t = \alpha\,y + (1 - \alpha)(1 - y)

    with :math:`p = \sigma(z)`.  ``gamma=0`` and ``alpha=None`` give exactly
    :func:`bce_with_logits`.  :math:`1 - p_t` is computed as :math:`y\,\sigma(-z) + (1-y)\,\sigma(z)`,
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
def focal_loss_prob(y_true, y_prob, gamma=2.0):
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
            f"gamma must be a real number >= 0; found {type(gamma).__name__} {gamma!r}. Pass e.g. gamma=2.0."
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


# ----------------------------------------------------------------------------- regression
def _regression_inputs(y_true, y_pred, reduction):
    check_reduction(reduction)
    p = as_float_array(y_pred, "y_pred", purpose="a loss")
    p = p.astype(result_dtype(y_true, p), copy=False)
    y = as_float_array(y_true, "y_true", dtype=p.dtype, purpose="a loss")
    check_same_shape(y, p, "y_true", "y_pred")
    check_finite(y, "y_true")
    check_finite(p, "y_pred")
    return y, p


@ignore_underflow
def mse(y_true, y_pred, *, reduction="mean"):
    r"""Mean squared error :math:`(\hat y - y)^2` (no factor ½, as ``torch.nn.MSELoss``).

    The penalty is quadratic: an error twice as large costs four times as much.

    Examples
    --------
    >>> mse([1.0, 1.0], [0.8, 0.2], reduction="none")
    array([0.04, 0.64])
    >>> mse([0.0], [2.0]) / mse([0.0], [1.0])
    4.0
    """
    y, p = _regression_inputs(y_true, y_pred, reduction)
    d = p - y
    d *= d
    return reduce(d, reduction)


@ignore_underflow
def mae(y_true, y_pred, *, reduction="mean"):
    r"""Mean absolute error :math:`|\hat y - y|` (``torch.nn.L1Loss``).

    Examples
    --------
    >>> mae([0.0, 0.0], [1.0, -3.0])
    2.0
    """
    y, p = _regression_inputs(y_true, y_pred, reduction)
    return reduce(np.abs(p - y), reduction)


@ignore_underflow
def huber(y_true, y_pred, *, delta=1.0, reduction="mean"):
    r"""Huber loss (``torch.nn.HuberLoss``): quadratic near 0, linear beyond ``delta``.

    .. math:: \ell = \tfrac12 d^2 \text{ if } |d| < \delta, \quad \delta\,(|d| - \tfrac12\delta) \text{ otherwise}

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], reduction="none")
    array([0.125, 2.5  ])
    >>> huber([0.0], [1.0], delta=0)
    Traceback (most recent call last):
    ...
    ValueError: delta must be a finite number > 0; found delta=0. The usual choice is delta=1.0.
    """
    if isinstance(delta, (bool, np.bool_)) or not isinstance(
        delta, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"delta must be a number > 0; found {type(delta).__name__} {delta!r}.")
    if not np.isfinite(delta) or delta <= 0:
        raise ValueError(
            f"delta must be a finite number > 0; found delta={delta!r}. The usual choice is delta=1.0."
        )
    y, p = _regression_inputs(y_true, y_pred, reduction)
    d = np.abs(p - y)
    loss = np.where(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta)).astype(d.dtype, copy=False)
    return reduce(loss, reduction)


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
            f"class_weight must hold one weight per class, shape ({n_classes},); found shape {w.shape}. "
            "Compute it with lv.class_weights(y, n_classes=...) or pass a list of K numbers."
        )
    check_finite(w, "class_weight")
    if w.min() < 0:
        raise ValueError(f"class_weight must be non-negative; found min={w.min():.4g}.")
    return w


def _class_targets(y_true, scores, axis, scores_name):
    """Return (scores moved to last axis, targets) where targets are int indices or probability rows."""
    scores = np.moveaxis(scores, axis, -1) if scores.ndim > 1 else scores
    n_classes = scores.shape[-1]
    y_arr = np.asarray(y_true)
    if y_arr.dtype == object or not (
        np.issubdtype(y_arr.dtype, np.number) or y_arr.dtype == np.bool_
    ):
        raise TypeError(
            f"y_true must be integer class indices or probability rows; found dtype {y_arr.dtype}. "
            "Encode string labels as integers first (e.g. np.unique(labels, return_inverse=True)[1])."
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
            " Float targets are read as probability rows; cast class indices to int (y_true.astype(int))."
            if y.shape == scores.shape[:-1]
            else ""
        )
        raise ValueError(
            f"y_true as probability rows must have the shape of {scores_name}; found y_true.shape={y.shape} "
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
    y_true, logits, *, axis=-1, class_weight=None, label_smoothing=0.0, reduction="mean"
):
    r"""Softmax cross-entropy on raw logits, as ``torch.nn.functional.cross_entropy``.

    .. math:: \ell_n = -\sum_c u_{n,c} \log \operatorname{softmax}(z_n)_c

    where :math:`u_n` is the one-hot (or given probability) target, smoothed to
    :math:`(1-\varepsilon)\,u + \varepsilon / K` and multiplied by ``class_weight``.  The log-softmax
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
    ValueError: y_true holds class indices, which must lie in 0..2 for 3 classes; found max=3. Check the number of classes in logits (its class axis) or re-encode the labels.
    """
    check_reduction(reduction)
    eps = _check_label_smoothing(label_smoothing)
    z = as_float_array(logits, "logits", purpose="a loss")
    z = z.astype(_class_dtype(y_true, z), copy=False)
    check_finite(z, "logits")
    if z.ndim == 0:
        raise ValueError(
            "logits must have a class axis; found a scalar. For one binary score use bce_with_logits."
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
    y_true, y_prob, *, axis=-1, class_weight=None, label_smoothing=0.0, reduction="mean"
):
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
