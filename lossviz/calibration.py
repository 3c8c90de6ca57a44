r"""Temperature scaling and top-label calibration (Guo et al., 2017).

Temperature scaling divides every logit of a trained classifier by one number :math:`T > 0`,
chosen to minimise the negative log-likelihood (NLL) on a **validation** split, and then
reports probabilities ``softmax(z / T)``. :math:`T > 1` softens an over-confident model,
:math:`T < 1` sharpens an under-confident one; the arg-max, hence the accuracy, never changes.

Reference: C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On Calibration of Modern Neural
Networks", ICML 2017.

The NLL of ``softmax(beta * z)`` is convex in ``beta = 1 / T`` (a log-sum-exp of linear
functions minus a linear function), and its derivative
``mean_i(sum_k p_ik z_ik - z_i,y_i)`` increases with ``beta``. :func:`fit_temperature` finds
the zero of that derivative by bisection in ``log beta``: no starting point, no step size, and
a result at the end of the allowed range (never NaN) when the optimum lies beyond it.

Binary models with one logit per sample (shape ``(n,)``, probability ``sigmoid(z)``) are
handled as the two-class logits ``[0, z]``, whose softmax is ``[1 - sigmoid(z), sigmoid(z)]``.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> z_true = rng.normal(size=(2000, 3)) * 2.0
>>> probs = np.exp(z_true) / np.exp(z_true).sum(1, keepdims=True)
>>> y = np.array([rng.choice(3, p=p) for p in probs])
>>> T = fit_temperature(3.0 * z_true, y)       # logits three times too large
>>> round(T, 1)
3.0
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite, check_int, check_real
from .activations import log_softmax, softmax
from .metrics import calibration_curve, expected_calibration_error

__all__ = [
    "apply_temperature",
    "fit_temperature",
    "temperature_nll",
    "top_label_confidence",
    "top_label_ece",
    "reliability",
]


def _logits_and_labels(logits, y, name="logits", y_name="y"):
    """Validate; return two-class (or K-class) logits of shape (n, K) and int labels."""
    z = as_float_array(logits, name, purpose="temperature scaling")
    check_finite(z, name)
    if z.ndim == 1:
        z = np.stack([np.zeros_like(z), z], axis=1)
    elif z.ndim != 2:
        raise ValueError(
            f"{name} must have shape (n,) (one binary logit per sample) or (n, K); found "
            f"shape {z.shape}. Pass the model's raw scores before the sigmoid or softmax."
        )
    labels = np.asarray(y)
    if labels.shape != (z.shape[0],):
        raise ValueError(
            f"{y_name} must have shape ({z.shape[0]},), one class index per row of {name}; "
            f"found shape {labels.shape}. Pass class indices, not one-hot rows."
        )
    if labels.size and (
        not np.issubdtype(labels.dtype, np.integer) and not np.all(np.equal(np.mod(labels, 1), 0))
    ):
        raise ValueError(
            f"{y_name} must hold integer class indices; found non-integer values. "
            f"Pass labels such as [0, 2, 1]."
        )
    labels = labels.astype(np.int64)
    if labels.size and (labels.min() < 0 or labels.max() >= z.shape[1]):
        raise ValueError(
            f"{y_name} must lie in 0..{z.shape[1] - 1} (the classes of {name}); found "
            f"min={labels.min()}, max={labels.max()}. Check that the labels match the logits."
        )
    if z.shape[0] == 0:
        raise ValueError(
            f"{name} is empty; temperature scaling needs validation samples. Pass at least one row."
        )
    return z, labels


def _temperature(temperature):
    return check_real(
        temperature, "temperature", low=0.0, low_open=True, fix="Use e.g. temperature=1.5."
    )


def apply_temperature(logits, temperature):
    """Probabilities of temperature-scaled logits: ``softmax(z / T)`` (or ``sigmoid(z / T)``).

    Parameters
    ----------
    logits : array_like of shape (n, K) or (n,)
        Raw scores; 1-D means one binary logit per sample.
    temperature : float > 0

    Returns
    -------
    ndarray
        Shape (n, K) row-stochastic probabilities, or (n,) probabilities of class 1 for 1-D
        logits.

    Examples
    --------
    >>> apply_temperature([[2.0, 0.0]], 2.0).round(4)
    array([[0.7311, 0.2689]])
    >>> apply_temperature([2.0], 2.0).round(4)
    array([0.7311])
    """
    t = _temperature(temperature)
    z = as_float_array(logits, "logits", purpose="apply_temperature")
    check_finite(z, "logits")
    if z.ndim == 1:
        return softmax(np.stack([np.zeros_like(z), z / t], axis=1), axis=1)[:, 1]
    if z.ndim != 2:
        raise ValueError(
            f"logits must have shape (n,) or (n, K); found shape {z.shape}. "
            f"Pass one row of scores per sample."
        )
    return softmax(z / t, axis=1)


def temperature_nll(logits, y, temperature):
    """Mean negative log-likelihood (nats) of ``softmax(logits / temperature)``.

    Parameters
    ----------
    logits : array_like of shape (n, K) or (n,)
    y : array_like of int, shape (n,)
        Class indices (0/1 for 1-D logits).
    temperature : float > 0

    Returns
    -------
    float

    Examples
    --------
    >>> round(temperature_nll([[2.0, 0.0]], [0], 1.0), 4)
    0.1269
    """
    z, labels = _logits_and_labels(logits, y)
    t = _temperature(temperature)
    return float(-np.mean(log_softmax(z / t, axis=1)[np.arange(len(labels)), labels]))


def _nll_slope(z, labels, beta):
    """d/d(beta) of the mean NLL of softmax(beta * z); increasing in beta."""
    p = softmax(beta * z, axis=1)
    return float(np.mean(np.sum(p * z, axis=1) - z[np.arange(len(labels)), labels]))


def fit_temperature(logits_val, y_val, *, t_min=0.01, t_max=100.0, n_iter=100):
    """The temperature that minimises the validation NLL (Guo et al., 2017).

    Parameters
    ----------
    logits_val : array_like of shape (n, K) or (n,)
        Raw scores of the trained model on a validation split (never the test split).
    y_val : array_like of int, shape (n,)
        Validation class indices.
    t_min, t_max : float, default 0.01 and 100
        The search range. When the optimum lies beyond an end (e.g. every validation sample is
        classified correctly, so ever sharper probabilities keep lowering the NLL), that end is
        returned.
    n_iter : int, default 100
        Bisection steps in ``log(1 / T)``; 100 reach the precision of a float.

    Returns
    -------
    float
        The fitted temperature ``T``; use :func:`apply_temperature` with it on the test logits.

    Examples
    --------
    >>> z = np.array([[4.0, 0.0], [4.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    >>> y = np.array([0, 0, 1, 1])                   # 3 of 4 right at confidence 0.982
    >>> T = fit_temperature(z, y)
    >>> round(T, 4), apply_temperature(z, T).max(1).round(4).tolist()
    (3.6410, [0.75, 0.75, 0.75, 0.75])
    """
    z, labels = _logits_and_labels(logits_val, y_val, "logits_val", "y_val")
    t_min = check_real(t_min, "t_min", low=0.0, low_open=True, fix="Use e.g. t_min=0.01.")
    t_max = check_real(t_max, "t_max", low=t_min, low_open=True, fix="Use e.g. t_max=100.0.")
    n_iter = check_int(n_iter, "n_iter", minimum=1, fix="Use e.g. n_iter=100.")
    lo, hi = np.log(1.0 / t_max), np.log(1.0 / t_min)  # log beta
    if _nll_slope(z, labels, np.exp(lo)) >= 0.0:
        return t_max
    if _nll_slope(z, labels, np.exp(hi)) <= 0.0:
        return t_min
    for _ in range(n_iter):
        mid = 0.5 * (lo + hi)
        if _nll_slope(z, labels, np.exp(mid)) < 0.0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / np.exp(0.5 * (lo + hi)))


def top_label_confidence(y_true, probs):
    """Confidence (largest probability) and correctness (arg-max = label) per sample.

    Parameters
    ----------
    y_true : array_like of int, shape (n,)
    probs : array_like of shape (n, K), or (n,) probabilities of class 1

    Returns
    -------
    confidence : ndarray of shape (n,)
    correct : ndarray of int64, shape (n,)

    Examples
    --------
    >>> c, ok = top_label_confidence([0, 1], [[0.8, 0.2], [0.7, 0.3]])
    >>> c.tolist(), ok.tolist()
    ([0.8, 0.7], [1, 0])
    """
    p = as_float_array(probs, "probs", purpose="top_label_confidence")
    if p.ndim == 1:
        p = np.stack([1.0 - p, p], axis=1)
    if p.ndim != 2 or np.any(p < 0) or np.any(p > 1):
        raise ValueError(
            f"probs must be probabilities of shape (n,) or (n, K) in [0, 1]; found shape "
            f"{p.shape}. Did you pass logits? Use apply_temperature(logits, 1.0)."
        )
    labels = np.asarray(y_true).astype(np.int64)
    if labels.shape != (p.shape[0],):
        raise ValueError(
            f"y_true must have shape ({p.shape[0]},); found {labels.shape}. "
            f"Pass one class index per row of probs."
        )
    return p.max(axis=1), (p.argmax(axis=1) == labels).astype(np.int64)


def top_label_ece(y_true, probs, n_bins=15):
    """Expected calibration error of the top label (Guo et al.'s ECE, 15 equal-width bins).

    ``sum_b (n_b / n) |accuracy_b - mean confidence_b|`` over bins of the largest probability.

    Examples
    --------
    >>> top_label_ece([0, 0, 1, 1], [[0.9, 0.1]] * 4, n_bins=10)
    0.4
    """
    conf, correct = top_label_confidence(y_true, probs)
    return expected_calibration_error(correct, conf, n_bins=n_bins)


def reliability(y_true, probs, n_bins=15):
    """Reliability-diagram data of the top label: accuracy, confidence and count per bin.

    Returns
    -------
    dict
        ``accuracy``, ``confidence``, ``count`` (arrays over the non-empty bins) and ``ece``.

    Examples
    --------
    >>> r = reliability([0, 0, 1, 1], [[0.9, 0.1]] * 4, n_bins=10)
    >>> r["accuracy"].tolist(), r["confidence"].tolist(), r["ece"]
    ([0.5], [0.9], 0.4)
    """
    conf, correct = top_label_confidence(y_true, probs)
    acc, mean_conf, count = calibration_curve(correct, conf, n_bins=n_bins)
    ece = float(np.sum(count * np.abs(acc - mean_conf)) / count.sum())
    return {"accuracy": acc, "confidence": mean_conf, "count": count, "ece": ece}
