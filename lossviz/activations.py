"""Activations in numerically stable form: sigmoid, log-sigmoid, logit, softmax, log-softmax.

numpy only.  Each function keeps float32 as float32 and returns a scalar for a scalar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._validation import as_float_array, check_finite, check_unit_interval, ignore_underflow

if TYPE_CHECKING:
    from numpy.typing import ArrayLike


__all__ = ["sigmoid", "log_sigmoid", "logit", "softmax", "log_softmax"]


def _scalar(out, like):
    if np.ndim(like) != 0:
        return out
    return out.item() if out.dtype == np.float64 else out[()]


@ignore_underflow
def sigmoid(z: ArrayLike) -> np.ndarray | float:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, stable for any ``z`` (also ±inf).

    For :math:`z < 0` it uses :math:`e^{z} / (1 + e^{z})` so that ``exp`` never overflows.

    Parameters
    ----------
    z : array_like
        Logits.  ``±inf`` give exactly 1 and 0; NaN is an error.

    Returns
    -------
    ndarray or scalar
        Probabilities in [0, 1], same shape and float precision as ``z``.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(np.array([-1000.0, 1000.0]))
    array([0., 1.])

    The naive form overflows in ``exp``; this one does not:

    >>> with np.errstate(over="raise"):
    ...     1 / (1 + np.exp(-np.float64(-710.0)))
    Traceback (most recent call last):
    ...
    FloatingPointError: overflow encountered in exp
    >>> with np.errstate(over="raise"):
    ...     sigmoid(-710.0) > 0
    True
    """
    z = as_float_array(z, "z", purpose="sigmoid")
    check_finite(z, "z", allow_inf=True)
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)
    return _scalar(out, z)


@ignore_underflow
def log_sigmoid(z: ArrayLike) -> np.ndarray | float:
    r"""Stable :math:`\log \sigma(z) = \min(z, 0) - \log(1 + e^{-|z|})`.

    Matches ``torch.nn.functional.logsigmoid`` and ``scipy.special.log_expit``.

    Examples
    --------
    >>> float(log_sigmoid(0.0))
    -0.6931471805599453

    Naive versus stable at a large negative logit:

    >>> with np.errstate(over="ignore", divide="ignore"):
    ...     naive = np.log(1 / (1 + np.exp(800.0)))
    >>> float(naive), float(log_sigmoid(-800.0))
    (-inf, -800.0)
    >>> float(log_sigmoid(-800.0))
    -800.0
    """
    z = as_float_array(z, "z", purpose="log_sigmoid")
    check_finite(z, "z", allow_inf=True)
    out = np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z)))
    return _scalar(out.astype(z.dtype, copy=False), z)


@ignore_underflow
def logit(p: ArrayLike) -> np.ndarray | float:
    r"""Inverse of the sigmoid, :math:`\log p - \log(1 - p)`; logit(0) = -inf, logit(1) = inf.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1].  Values outside raise ``ValueError`` (nothing is clipped).

    Examples
    --------
    >>> float(logit(0.5))
    0.0
    >>> logit(np.array([0.0, 1.0]))
    array([-inf,  inf])
    """
    p = as_float_array(p, "p", purpose="logit")
    check_finite(p, "p")
    check_unit_interval(
        p,
        "p",
        hint=" logit takes probabilities; if these are already logits (scores), use them as they "
        "are, or pass sigmoid(scores).",
    )
    with np.errstate(divide="ignore"):
        out = np.log(p) - np.log1p(-p)
    return _scalar(out, p)


@ignore_underflow
def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Stable log-softmax: :math:`z_i - \max z - \log \sum_j e^{z_j - \max z}`.

    Parameters
    ----------
    z : array_like
        Finite logits.
    axis : int, default -1
        The class axis.

    Examples
    --------
    >>> log_softmax(np.array([1000.0, 0.0]))
    array([    0., -1000.])

    The naive form gives NaN because ``exp(1000)`` overflows to inf and inf/inf is NaN:

    >>> z = np.array([1000.0, 0.0])
    >>> with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
    ...     np.log(np.exp(z) / np.exp(z).sum())
    array([ nan, -inf])
    """
    z = as_float_array(z, "z", purpose="log_softmax")
    check_finite(z, "z")
    if z.ndim == 0:
        raise ValueError(
            "z must have at least one axis (the classes); found a scalar. "
            "Pass a 1-D array of logits."
        )
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


@ignore_underflow
def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax :math:`e^{z_i} / \sum_j e^{z_j}`, computed after subtracting the maximum.

    Examples
    --------
    >>> softmax(np.array([1.0, 1.0]))
    array([0.5, 0.5])
    >>> softmax(np.array([1000.0, 0.0, -1000.0]))
    array([1., 0., 0.])
    """
    z = as_float_array(z, "z", purpose="softmax")
    check_finite(z, "z")
    if z.ndim == 0:
        raise ValueError(
            "z must have at least one axis (the classes); found a scalar. "
            "Pass a 1-D array of logits."
        )
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e
