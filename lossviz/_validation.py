"""Input checks shared by the maths core (numpy only).

Every check raises a :class:`ValueError` (bad value) or :class:`TypeError` (bad
type) whose message names the argument, says what is allowed, what was found
and how to fix it.  Nothing is clipped or renormalised.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

__all__ = [
    "ignore_underflow",
    "REDUCTIONS",
    "as_float_array",
    "check_real",
    "check_int",
    "check_seed",
    "child_rngs",
    "check_weights_bias",
    "check_finite",
    "check_reduction",
    "check_same_shape",
    "check_unit_interval",
    "check_distribution",
    "check_class_indices",
    "float_dtype_of",
    "result_dtype",
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


def result_dtype(*inputs) -> np.dtype:
    """The float dtype of a result computed from ``inputs`` (array_likes; ``None`` is skipped).

    float32 only when every float input is float32 (as PyTorch gives float64 for a float64
    target with float32 predictions).  Python scalars are weak, as in numpy: ``1.0`` alongside
    a float32 array keeps float32.  Lists count as float64 arrays once they hold a float.

    Examples
    --------
    >>> result_dtype(np.ones(2), np.ones(2, np.float32))
    dtype('float64')
    >>> result_dtype([1, 0], np.ones(2, np.float32)), result_dtype(1.0, np.float32(0.5))
    (dtype('float32'), dtype('float32'))
    """
    arrays = [
        np.asarray(x)
        for x in inputs
        if x is not None and not isinstance(x, (bool, int, float, complex))
    ]
    return float_dtype_of(*arrays)


def as_float_array(x, name, *, dtype=None, allow_empty=False, purpose="this function"):
    """Convert ``x`` to a float ndarray, with a clear error for a non-numeric input.

    Examples
    --------
    >>> as_float_array([1, 0], "y_true")
    array([1., 0.])
    >>> as_float_array(["a"], "y_true")
    Traceback (most recent call last):
    ...
    TypeError: y_true must be numeric (int, float or bool); found dtype <U1. Convert it with
    np.asarray(y_true, dtype=float).
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
            f"{name} must be real; found complex dtype {arr.dtype}. Pass the real part "
            f"({name}.real) if that is what you mean."
        )
    if arr.size == 0 and not allow_empty:
        raise ValueError(
            f"{name} is empty (shape {arr.shape}); {purpose} needs at least one element. "
            f"Check how {name} was built or sliced."
        )
    if dtype is None:
        dtype = float_dtype_of(arr)
    return arr.astype(dtype, copy=False)


# ----------------------------------------------------------------------------- scalars
def _is_bool(value):
    return isinstance(value, (bool, np.bool_))


def _range_text(low, high, low_open, high_open):
    """``"> 0"``, ``">= 0"``, ``"in [0, 1)"`` … the allowed range of a real argument, in words."""
    if low is None and high is None:
        return ""
    if high is None:
        return f" {'>' if low_open else '>='} {low:g}"
    if low is None:
        return f" {'<' if high_open else '<='} {high:g}"
    return f" in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def _example(low, high, low_open, high_open):
    """A value inside the range, for the fix of a message."""
    if low is not None and high is not None:
        return (low + high) / 2 if (low_open or high_open) else low
    if low is not None:
        return low + 1 if low_open else low
    if high is not None:
        return high - 1 if high_open else high
    return 1.0


def check_real(
    value, name, *, low=None, high=None, low_open=False, high_open=False, fix=""
) -> float:
    """Return ``value`` as a finite Python float in the given range, or raise.

    ``low``/``high`` bound the range (``None``: unbounded); ``low_open``/``high_open`` exclude
    the end.  ``fix`` replaces the default advice at the end of the message.

    Examples
    --------
    >>> check_real(0.5, "lr", low=0.0, low_open=True)
    0.5
    >>> fix = "Pass a positive learning rate such as 0.1."
    >>> check_real(-0.1, "lr", low=0.0, low_open=True, fix=fix)
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0; found -0.1. Pass a positive learning rate such as
    0.1.
    >>> check_real("big", "lr")
    Traceback (most recent call last):
    ...
    TypeError: lr must be a real number; found 'big' of type str. Pass a plain number, e.g. lr=1.0.
    """
    allowed = _range_text(low, high, low_open, high_open)
    if _is_bool(value) or not isinstance(value, numbers.Real):
        example = _example(low, high, low_open, high_open)
        raise TypeError(
            f"{name} must be a real number{allowed}; found {value!r} of type "
            f"{type(value).__name__}. "
            f"{fix or f'Pass a plain number, e.g. {name}={float(example)!r}.'}"
        )
    value = float(value)
    lo_bad = low is not None and (value <= low if low_open else value < low)
    hi_bad = high is not None and (value >= high if high_open else value > high)
    if not np.isfinite(value) or lo_bad or hi_bad:
        example = _example(low, high, low_open, high_open)
        raise ValueError(
            f"{name} must be a finite number{allowed}; found {value:g}. "
            f"{fix or f'Choose a value in that range, e.g. {name}={float(example)!r}.'}"
        )
    return value


def check_int(value, name, *, minimum=None, maximum=None, fix="") -> int:
    """Return ``value`` as a Python int in ``[minimum, maximum]``, or raise.

    ``bool`` is refused (``True`` is not a count); numpy integers are accepted.

    Examples
    --------
    >>> check_int(3, "n", minimum=2)
    3
    >>> check_int(1, "n", minimum=2)
    Traceback (most recent call last):
    ...
    ValueError: n must be an integer >= 2; found 1. Use n=2 or more.
    >>> check_int(10.5, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be an integer; found 10.5 of type float. Pass a whole number, e.g. n=10.
    """
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        example = 1 if minimum is None else max(minimum, 1)
        if isinstance(value, numbers.Real) and not _is_bool(value) and np.isfinite(value):
            example = int(value)
            if minimum is not None:
                example = max(example, minimum)
        raise TypeError(
            f"{name} must be an integer; found {value!r} of type {type(value).__name__}. "
            f"{fix or f'Pass a whole number, e.g. {name}={example}.'}"
        )
    value = int(value)
    if minimum is not None and value < minimum:
        if maximum is not None:
            allowed = f"an integer in {minimum}..{maximum}"
        else:
            allowed = f"an integer >= {minimum}"
        raise ValueError(
            f"{name} must be {allowed}; found {value}. {fix or f'Use {name}={minimum} or more.'}"
        )
    if maximum is not None and value > maximum:
        allowed = (
            f"an integer in {minimum}..{maximum}"
            if minimum is not None
            else f"an integer <= {maximum}"
        )
        raise ValueError(
            f"{name} must be {allowed}; found {value}. {fix or f'Use {name}={maximum} or less.'}"
        )
    return value


def check_seed(seed, name="seed", *, allow_none=False) -> np.random.Generator:
    """A :class:`numpy.random.Generator` from an int seed ``>= 0`` or a Generator (used as is).

    ``None`` (fresh, unreproducible randomness) is accepted only with ``allow_none=True``: the
    course's data and training runs are reproducible by default.

    Examples
    --------
    >>> bool(check_seed(0).integers(10) == np.random.default_rng(0).integers(10))
    True
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be an int >= 0 or a numpy.random.Generator; found -1. Pass e.g. seed=0 for
    reproducible results.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    allowed = "an int >= 0 or a numpy.random.Generator"
    if allow_none:
        allowed = "None, " + allowed
        if seed is None:
            return np.random.default_rng()
    if _is_bool(seed) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be {allowed}; found {seed!r} of type {type(seed).__name__}. "
            f"Pass e.g. {name}=0 for reproducible results."
        )
    if seed < 0:
        raise ValueError(
            f"{name} must be {allowed}; found {seed}. Pass e.g. {name}=0 for reproducible results."
        )
    return np.random.default_rng(int(seed))


def child_rngs(seed, k, name="seed") -> list[np.random.Generator]:
    """``k`` independent generators derived from ``seed`` (validated as in :func:`check_seed`).

    With an int seed, stream ``i`` depends only on ``(seed, i)``, so changing the size of one
    part of a data set does not change the points of another part.  A Generator is used as one
    shared stream, drawn in order.

    Examples
    --------
    >>> a, b = child_rngs(0, 2)
    >>> bool(a.integers(10**9) != b.integers(10**9))
    True
    """
    if isinstance(seed, np.random.Generator):
        return [seed] * k
    check_seed(seed, name)
    return [np.random.default_rng([int(seed), i]) for i in range(k)]


_WB_FIX = "Remove the NaN/inf: a diverged training run (too large a learning rate) produces them."


def check_weights_bias(
    weights, bias, d, k=None, *, names=("weights", "bias")
) -> tuple[np.ndarray, float | np.ndarray]:
    """Check the parameters of a linear model on ``d`` features, and return them as float64.

    Binary model (``k=None``): ``weights`` of shape ``(d,)`` and a scalar ``bias`` (returned as a
    float).  ``k`` classes: ``weights`` of shape ``(d, k)`` and ``bias`` of shape ``(k,)``.
    ``names`` are the argument names the messages use (e.g. ``("w0", "b0")``).

    Examples
    --------
    >>> w, b = check_weights_bias([1, 2], 0, 2)
    >>> w, b
    (array([1., 2.]), 0.0)
    >>> check_weights_bias(np.zeros(3), 0.0, 2)
    Traceback (most recent call last):
    ...
    ValueError: weights must have shape (2,), one per column of X; found shape (3,). Pass one weight
    per feature, e.g. np.zeros(2).
    >>> check_weights_bias(np.zeros((2, 3)), np.zeros(2), 2, 3)
    Traceback (most recent call last):
    ...
    ValueError: bias must have shape (3,), one per class; found shape (2,). Pass one bias per class,
    e.g. np.zeros(3).
    """
    wn, bn = names
    w = as_float_array(weights, wn, dtype=np.float64, allow_empty=True)
    b = as_float_array(bias, bn, dtype=np.float64, allow_empty=True)
    if k is None:
        if w.shape != (d,):
            raise ValueError(
                f"{wn} must have shape ({d},), one per column of X; found shape {w.shape}. "
                f"Pass one weight per feature, e.g. np.zeros({d})."
            )
        if b.ndim != 0:
            raise ValueError(
                f"{bn} must be a scalar for a binary model; found shape {b.shape}. "
                f"Pass one number, e.g. {bn}=0.0."
            )
    else:
        if w.shape != (d, k):
            raise ValueError(
                f"{wn} must have shape ({d}, {k}) (features, classes); found shape {w.shape}. "
                f"Pass e.g. np.zeros(({d}, {k}))."
            )
        if b.shape != (k,):
            raise ValueError(
                f"{bn} must have shape ({k},), one per class; found shape {b.shape}. "
                f"Pass one bias per class, e.g. np.zeros({k})."
            )
    check_finite(w, wn, fix=_WB_FIX)
    check_finite(b, bn, fix=_WB_FIX)
    return w, (float(b) if k is None else b)


def check_finite(arr, name, *, allow_inf=False, fix=None):
    """Raise ``ValueError`` when ``arr`` holds NaN (or inf, unless ``allow_inf``).

    A single reduction detects the common all-finite case without a temporary.

    Examples
    --------
    >>> check_finite(np.array([0.0, np.nan]), "logits")
    Traceback (most recent call last):
    ...
    ValueError: logits must be finite; found 1 NaN value(s) (first at index (1,)). Remove or impute
    them before computing a loss.
    """
    # A huge but finite array may overflow the sum, and +inf + -inf is NaN: neither is an error
    # here.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.add.reduce(arr, axis=None)):
            return
    nan = np.isnan(arr)
    if nan.any():
        first = tuple(int(i) for i in np.argwhere(nan)[0])
        raise ValueError(
            f"{name} must be finite; found {int(nan.sum())} NaN value(s) (first at index {first}). "
            + (fix or "Remove or impute them before computing a loss.")
        )
    if allow_inf:
        return
    inf = np.isinf(arr)
    if inf.any():
        first = tuple(int(i) for i in np.argwhere(inf)[0])
        raise ValueError(
            f"{name} must be finite; found {int(inf.sum())} infinite value(s) "
            f"(first at index {first}). "
            + (
                fix
                or "Logits and labels are finite numbers; a probability of exactly 0 or 1 "
                "belongs in y_prob, not here."
            )
        )


def check_reduction(reduction):
    """Check that ``reduction`` is one of ``"mean"``, ``"sum"``, ``"none"``.

    Examples
    --------
    >>> check_reduction("avg")
    Traceback (most recent call last):
    ...
    ValueError: reduction must be one of 'mean', 'sum', 'none'; found 'avg'. Use reduction='mean'
    for the average over elements.
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
    ValueError: y_true and y_prob must have the same shape; found y_true.shape=(3,) and
    y_prob.shape=(3, 1). Reshape one of them, e.g. y_prob.reshape(y_true.shape) or y_prob.ravel().
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
    >>> hint = " Did you pass logits? Use bce_with_logits."
    >>> check_unit_interval(np.array([0.5, -0.21]), "y_prob", hint=hint)
    Traceback (most recent call last):
    ...
    ValueError: y_prob must lie in [0, 1]; found min=-0.21. Did you pass logits? Use
    bce_with_logits.
    """
    lo = arr.min()
    hi = arr.max()
    if lo < 0 or hi > 1:
        found = f"min={lo:.4g}" if lo < 0 else f"max={hi:.4g}"
        if lo < 0 and hi > 1:
            found = f"min={lo:.4g} and max={hi:.4g}"
        raise ValueError(f"{name} must lie in [0, 1]; found {found}.{hint}")


def check_distribution(arr, name, *, axis=-1):
    """Check that ``arr`` holds distributions along ``axis``: non-negative, summing to 1.

    The tolerance on the sum is ``1e-6`` for float64 and ``1e-4`` for float32.

    Examples
    --------
    >>> check_distribution(np.array([0.5, 0.4]), "p")
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along axis -1; found a sum of 0.9 (off by -0.1). Normalise it
    yourself (p / p.sum(axis=-1, keepdims=True)) if that is what you mean; lossviz does not
    renormalise silently.
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
            f"{name} must sum to 1 along axis {axis}; found a sum of {worst:.6g} (off by "
            f"{worst - 1:+.3g}). "
            f"Normalise it yourself ({name} / {name}.sum(axis={axis}, keepdims=True)) if that is "
            f"what you mean; "
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


def check_class_indices(y, n_classes, name="y_true", scores_name="logits"):
    """Check integer class indices in ``range(n_classes)``.

    Examples
    --------
    >>> check_class_indices(np.array([0, 3]), 3)
    Traceback (most recent call last):
    ...
    ValueError: y_true holds class indices, which must lie in 0..2 for 3 classes; found max=3. Check
    the number of classes in logits (its class axis) or re-encode the labels.
    """
    lo, hi = y.min(), y.max()
    if lo < 0 or hi >= n_classes:
        found = f"min={lo}" if lo < 0 else f"max={hi}"
        raise ValueError(
            f"{name} holds class indices, which must lie in 0..{n_classes - 1} for {n_classes} "
            f"classes; "
            f"found {found}. Check the number of classes in {scores_name} (its class axis) or "
            f"re-encode "
            "the labels."
        )


def reduce(loss, reduction, denominator=None):
    """Apply ``reduction`` to per-element losses; ``denominator`` replaces the count of a mean.

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
