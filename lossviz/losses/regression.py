r"""Regression losses: MSE, MAE, Huber, as PyTorch's ``MSELoss``, ``L1Loss``, ``HuberLoss``.

Import them from :mod:`lossviz.losses` (or :mod:`lossviz`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._validation import (
    as_float_array,
    check_finite,
    check_reduction,
    check_same_shape,
    ignore_underflow,
    reduce,
    result_dtype,
)

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


__all__ = ["mse", "mae", "huber"]


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
def mse(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> np.ndarray | float:
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
def mae(y_true: ArrayLike, y_pred: ArrayLike, *, reduction: str = "mean") -> np.ndarray | float:
    r"""Mean absolute error :math:`|\hat y - y|` (``torch.nn.L1Loss``).

    Examples
    --------
    >>> mae([0.0, 0.0], [1.0, -3.0])
    2.0
    """
    y, p = _regression_inputs(y_true, y_pred, reduction)
    return reduce(np.abs(p - y), reduction)


@ignore_underflow
def huber(
    y_true: ArrayLike, y_pred: ArrayLike, *, delta: float = 1.0, reduction: str = "mean"
) -> np.ndarray | float:
    r"""Huber loss (``torch.nn.HuberLoss``): quadratic near 0, linear beyond ``delta``.

    .. math:: \ell = \tfrac12 d^2 \text{ if } |d| < \delta, \quad
              \delta\,(|d| - \tfrac12\delta) \text{ otherwise}

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
            f"delta must be a finite number > 0; found delta={delta!r}. The usual choice is "
            f"delta=1.0."
        )
    y, p = _regression_inputs(y_true, y_pred, reduction)
    d = np.abs(p - y)
    loss = np.where(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta)).astype(d.dtype, copy=False)
    return reduce(loss, reduction)
