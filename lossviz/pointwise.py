r"""Per-point losses and pulls of a one-feature logistic model, under BCE and under MSE on σ.

The model is :math:`p_i = \sigma(z_i)`, :math:`z_i = w x_i + b`.  For each labelled point the
loss and its *pull* — the gradient of the point's loss with respect to its logit — are

.. math::
    \frac{\partial \ell_{\mathrm{BCE}}}{\partial z_i} = p_i - y_i, \qquad
    \frac{\partial (p_i - y_i)^2}{\partial z_i} = 2 (p_i - y_i)\, p_i (1 - p_i).

Both point the same way; only their sizes differ.  A point that the model gets confidently
wrong (:math:`p_i \to 1 - y_i`) pulls with almost 1 under BCE and almost 0 under MSE.  The
gradients with respect to ``w`` and ``b`` are the means of ``pull * x`` and of ``pull``.

Examples
--------
>>> x, y, wrong = pull_points()
>>> r = point_pulls(x, y, w=2.0, b=0.0)
>>> [round(float(r[k][wrong]), 4) for k in ("p", "bce_dz", "mse_dz")]
[0.0111, -0.9889, -0.0218]
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite, check_int, check_real, check_seed
from .activations import sigmoid
from .gradients import bce_with_logits_grad, mse_sigmoid_grad
from .losses import bce_with_logits

__all__ = ["pull_points", "point_pulls"]


def pull_points(n=12, *, seed=0):
    """A small one-feature data set with one mislabelled point, for the data-level explorer.

    ``n`` points spread evenly over [−2.7, 2.7] with a seeded jitter; the label is 1 right of 0
    and 0 left of it, except the second point from the left, labelled 1: a point that any good
    fit predicts confidently wrong.

    Parameters
    ----------
    n : int, default 12
        Number of points (at least 4).
    seed : int, default 0

    Returns
    -------
    x : numpy.ndarray
        Feature values, increasing.
    y : numpy.ndarray
        Labels 0 or 1 (floats).
    wrong : int
        Index of the mislabelled point.

    Examples
    --------
    >>> x, y, wrong = pull_points()
    >>> x.shape, int(y.sum()), wrong, float(y[wrong])
    ((12,), 7, 1, 1.0)
    """
    n = check_int(n, "n", minimum=4, maximum=60, fix="Pass n=12.")
    rng = check_seed(seed)
    step = 5.4 / (n - 1)
    x = np.linspace(-2.7, 2.7, n) + rng.uniform(-0.15, 0.15, n) * step
    y = (x > 0).astype(float)
    wrong = 1
    y[wrong] = 1.0
    return x, y, wrong


def point_pulls(x, y, w, b):
    r"""Loss and pull of every point under BCE and under MSE on :math:`\sigma(wx + b)`.

    Parameters
    ----------
    x, y : array_like
        Feature values and labels (0 or 1), the same length.
    w, b : float
        Weight and bias of the model.

    Returns
    -------
    dict
        ``z, p`` per point; ``bce, mse`` (per-point losses), ``bce_dz, mse_dz`` (per-point
        pulls, the gradient with respect to the point's logit); ``bce_mean, mse_mean``;
        ``bce_dw, bce_db, mse_dw, mse_db`` (gradients of the mean loss); ``bce_share,
        mse_share`` (each point's share of :math:`\sum_i |\partial\ell_i/\partial w|`).

    Examples
    --------
    >>> r = point_pulls([-1.0, 1.0], [0.0, 1.0], w=0.0, b=0.0)
    >>> r["bce_dz"].tolist(), r["mse_dz"].tolist()
    ([0.5, -0.5], [0.25, -0.25])
    """
    x = as_float_array(x, "x", dtype=np.float64).reshape(-1)
    y = as_float_array(y, "y", dtype=np.float64).reshape(-1)
    check_finite(x, "x")
    if x.shape != y.shape:
        raise ValueError(
            f"x and y must have the same length; found {x.size} and {y.size}. "
            "Pass one label per point."
        )
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must hold labels 0 or 1; found other values. Pass 0/1 labels.")
    w = check_real(w, "w")
    b = check_real(b, "b")
    z = w * x + b
    p = sigmoid(z)
    bce_i = bce_with_logits(y, z, reduction="none")
    mse_i = (p - y) ** 2
    g_bce = bce_with_logits_grad(y, z)
    g_mse = mse_sigmoid_grad(y, z)
    out = {"z": z, "p": p, "bce": bce_i, "mse": mse_i, "bce_dz": g_bce, "mse_dz": g_mse}
    for name, g in (("bce", g_bce), ("mse", g_mse)):
        out[f"{name}_mean"] = float(np.mean(out[name]))
        out[f"{name}_dw"] = float(np.mean(g * x))
        out[f"{name}_db"] = float(np.mean(g))
        contrib = np.abs(g * x)
        total = float(contrib.sum())
        out[f"{name}_share"] = contrib / total if total > 0 else np.zeros_like(contrib)
    return out
