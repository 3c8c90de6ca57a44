"""Input checks shared by the maths core (numpy only).

Every check raises a :class:`ValueError` (bad value) or :class:`TypeError` (bad
type) whose message names the argument, says what is allowed, what was found
and how to fix it.  Nothing is clipped or renormalised.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = [
    "ignore_underflow",
    "REDUCTIONS",
    "as_float_array",
    "check_finite",
    "check_reduction",
    "check_same_shape",
    "check_unit_interval",
    "check_distribution",
    "check_class_indices",
    "float_dtype_of",
    "reduce",
]

REDUCTIONS = ("mean", "sum", "none")


def ignore_underflow(func):
    """Decorator: run ``func`` with floating-point underflow ignored.

    ``exp(-1e4)`` rounding to 0 is the intended result of the stable formulas, not an error, so a
    user's ``np.seterr(all="raise")`` must not turn it into a ``FloatingPointError``.  Overflow,
    invalid operations and division by zero keep the caller's settings.

    Examples
    --------
    >>> @ignore_underflow
    ... def tiny():
    ...     return np.exp(-1e4)
    >>> with np.errstate(all="raise"):
    ...     float(tiny())
    0.0
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with np.errstate(under="ignore"):
            return func(*args, **kwargs)

    return wrapper


def float_dtype_of(*arrays):
    """Return the floating dtype of the result: float32 only when every float input is float32.

    Integer and boolean inputs count as "no preference"; float16 is promoted to float32.

    Examples
    --------
    >>> float_dtype_of(np.zeros(2, np.float32), np.array([0, 1]))
    dtype('float32')
    >>> float_dtype_of(np.zeros(2, np.float32), np.zeros(2))
    dtype('float64')
    """
    floats = [a.dtype for a in arrays if np.issubdtype(a.dtype, np.floating)]
    if floats and all(d.itemsize <= 4 for d in floats):
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def as_float_array(x, name, *, dtype=None, allow_empty=False):
    """Convert ``x`` to a float ndarray, with a clear error for a non-numeric input.

    Examples
    --------
    >>> as_float_array([1, 0], "y_true")
    array([1., 0.])
    >>> as_float_array(["a"], "y_true")
    Traceback (most recent call last):
    ...
    TypeError: y_true must be numeric (int, float or bool); found dtype <U1. Convert it with np.asarray(y_true, dtype=float).
    """
    arr = np.asarray(x)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(
            f"{name} must be numeric (int, float or bool); found dtype {arr.dtype}. "
            f"Convert it with np.asarray({name}, dtype=float)."
        )
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(
            f"{name} must be real; found complex dtype {arr.dtype}. Pass the real part ({name}.real) if that is what you mean."
        )
    if arr.size == 0 and not allow_empty:
        raise ValueError(
            f"{name} is empty (shape {arr.shape}); a loss needs at least one element. "
            f"Check how {name} was built or sliced."
        )
    if dtype is None:
        dtype = float_dtype_of(arr)
    return arr.astype(dtype, copy=False)


def check_finite(arr, name, *, allow_inf=False):
    """Raise ``ValueError`` when ``arr`` holds NaN (or inf, unless ``allow_inf``).

    A single reduction detects the common all-finite case without a temporary.

    Examples
    --------
    >>> check_finite(np.array([0.0, np.nan]), "logits")
    Traceback (most recent call last):
    ...
    ValueError: logits must be finite; found 1 NaN value(s) (first at index (1,)). Remove or impute them before computing a loss.
    """
    # A huge but finite array may overflow the sum, and +inf + -inf is NaN: neither is an error here.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.add.reduce(arr, axis=None)):
            return
    nan = np.isnan(arr)
    if nan.any():
        first = tuple(int(i) for i in np.argwhere(nan)[0])
        raise ValueError(
            f"{name} must be finite; found {int(nan.sum())} NaN value(s) (first at index {first}). "
            "Remove or impute them before computing a loss."
        )
    if allow_inf:
        return
    inf = np.isinf(arr)
    if inf.any():
        first = tuple(int(i) for i in np.argwhere(inf)[0])
        raise ValueError(
            f"{name} must be finite; found {int(inf.sum())} infinite value(s) (first at index {first}). "
            "Logits and labels are finite numbers; a probability of exactly 0 or 1 belongs in y_prob, not here."
        )


def check_reduction(reduction):
    """Check that ``reduction`` is one of ``"mean"``, ``"sum"``, ``"none"``.

    Examples
    --------
    >>> check_reduction("avg")
    Traceback (most recent call last):
    ...
    ValueError: reduction must be one of 'mean', 'sum', 'none'; found 'avg'. Use reduction='mean' for the average over elements.
    """
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(
            "reduction must be one of 'mean', 'sum', 'none'; "
            f"found {reduction!r}. Use reduction='mean' for the average over elements."
        )


def check_same_shape(a, b, name_a, name_b):
    """Raise ``ValueError`` showing both shapes when they differ.

    Examples
    --------
    >>> check_same_shape(np.zeros(3), np.zeros((3, 1)), "y_true", "y_prob")
    Traceback (most recent call last):
    ...
    ValueError: y_true and y_prob must have the same shape; found y_true.shape=(3,) and y_prob.shape=(3, 1). Reshape one of them, e.g. y_prob.reshape(y_true.shape) or y_prob.ravel().
    """
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape; found {name_a}.shape={a.shape} "
            f"and {name_b}.shape={b.shape}. Reshape one of them, e.g. "
            f"{name_b}.reshape({name_a}.shape) or {name_b}.ravel()."
        )


def check_unit_interval(arr, name, *, hint=""):
    """Raise ``ValueError`` when a value of ``arr`` lies outside [0, 1].

    Examples
    --------
    >>> check_unit_interval(np.array([0.5, -0.21]), "y_prob", hint=" Did you pass logits? Use bce_with_logits.")
    Traceback (most recent call last):
    ...
    ValueError: y_prob must lie in [0, 1]; found min=-0.21. Did you pass logits? Use bce_with_logits.
    """
    lo = arr.min()
    hi = arr.max()
    if lo < 0 or hi > 1:
        found = f"min={lo:.4g}" if lo < 0 else f"max={hi:.4g}"
        if lo < 0 and hi > 1:
            found = f"min={lo:.4g} and max={hi:.4g}"
        raise ValueError(f"{name} must lie in [0, 1]; found {found}.{hint}")


def check_distribution(arr, name, *, axis=-1):
    """Check that ``arr`` holds probability distributions along ``axis``: non-negative, summing to 1.

    The tolerance on the sum is ``1e-6`` for float64 and ``1e-4`` for float32.

    Examples
    --------
    >>> check_distribution(np.array([0.5, 0.4]), "p")
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along axis -1; found a sum of 0.9 (off by -0.1). Normalise it yourself (p / p.sum(axis=-1, keepdims=True)) if that is what you mean; lossviz does not renormalise silently.
    """
    sums, lo = _sum_and_min_along(arr, axis)
    with np.errstate(over="ignore", invalid="ignore"):
        if not np.isfinite(
            np.add.reduce(sums, axis=None)
        ):  # NaN/inf anywhere makes its row sum non-finite
            check_finite(arr, name)
    if lo < 0:
        raise ValueError(
            f"{name} must be non-negative (a probability distribution); found min={lo:.4g}. "
            f"Did you pass logits or log-probabilities? Apply lv.softmax first."
        )
    tol = 1e-4 if arr.dtype == np.float32 else 1e-6
    if np.min(sums) < 1 - tol or np.max(sums) > 1 + tol:
        bad = np.abs(sums - 1) > tol
        worst = np.asarray(sums)[bad].ravel()[0]
        raise ValueError(
            f"{name} must sum to 1 along axis {axis}; found a sum of {worst:.6g} (off by {worst - 1:+.3g}). "
            f"Normalise it yourself ({name} / {name}.sum(axis={axis}, keepdims=True)) if that is what you mean; "
            "lossviz does not renormalise silently."
        )


def _sum_and_min_along(arr, axis):
    """``(arr.sum(axis=axis), arr.min())`` in one trip through memory.

    For the last axis of a C-contiguous float array the rows go in blocks: a matrix-vector product
    with ones (several times faster than numpy's reduction over short rows, and small enough to stay
    a single-threaded BLAS call) and the block's minimum while it is still in the cache.
    """
    if not (
        arr.ndim >= 1
        and axis in (-1, arr.ndim - 1)
        and arr.flags.c_contiguous
        and arr.dtype.kind == "f"
    ):
        return arr.sum(axis=axis), arr.min()
    k = arr.shape[-1]
    rows = arr.reshape(-1, k)
    out = np.empty(rows.shape[0], arr.dtype)
    ones = np.ones(k, arr.dtype)
    step = max(1, (1 << 16) // max(k, 1))
    lo = np.inf
    for i in range(0, rows.shape[0], step):
        block = rows[i : i + step]
        np.dot(block, ones, out=out[i : i + step])
        lo = min(lo, block.min())  # a NaN here is caught through the sums
    return out.reshape(arr.shape[:-1]), arr.dtype.type(lo)


def check_class_indices(y, n_classes, name="y_true"):
    """Check integer class indices in ``range(n_classes)``.

    Examples
    --------
    >>> check_class_indices(np.array([0, 3]), 3)
    Traceback (most recent call last):
    ...
    ValueError: y_true holds class indices, which must lie in 0..2 for 3 classes; found max=3. Check the number of classes in logits (its last axis) or re-encode the labels.
    """
    lo, hi = y.min(), y.max()
    if lo < 0 or hi >= n_classes:
        found = f"min={lo}" if lo < 0 else f"max={hi}"
        raise ValueError(
            f"{name} holds class indices, which must lie in 0..{n_classes - 1} for {n_classes} classes; "
            f"found {found}. Check the number of classes in logits (its last axis) or re-encode the labels."
        )


def reduce(loss, reduction, denominator=None):
    """Apply ``reduction`` to per-element losses; ``denominator`` overrides the count for ``"mean"``.

    Examples
    --------
    >>> reduce(np.array([1.0, 3.0]), "mean")
    2.0
    """
    if reduction == "none":
        return loss
    total = np.add.reduce(loss, axis=None)
    if reduction == "sum":
        return total.item() if total.dtype == np.float64 else total
    denom = loss.size if denominator is None else denominator
    if denom == 0:
        raise ValueError(
            "reduction='mean' divides by the summed class weights of the targets, which is 0 here "
            "(every target's class has weight 0), so the mean is undefined. "
            "Use reduction='sum', or give the classes present a positive class_weight."
        )
    out = total / denom
    out = np.asarray(out, dtype=loss.dtype)[()]
    return out.item() if out.dtype == np.float64 else out
