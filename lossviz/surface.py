r"""Loss landscapes and gradient-descent paths of one-feature sigmoid models (chapter 04).

Two models, one idea: the output is :math:`p = \sigma(w x + b)` and the loss is either
cross-entropy (BCE) or the squared error on the probability (MSE on σ).

* **Nielsen's single neuron** (input 1, target 0): :func:`train_neuron_runs` trains cross-entropy,
  Nielsen's quadratic cost ½(a − y)² and PyTorch's ``MSELoss`` (a − y)² side by side, each with
  its own learning rate; :func:`neuron_rate_table` prints the final outputs at several rates.
* **A one-feature logistic model on data** (:func:`one_feature_data`): the mean loss on a grid of
  ``(w, b)`` (:func:`loss_surface`), full-batch gradient descent from a start
  (:func:`descent_path`), the smallest Hessian eigenvalue (:func:`hessian_min_eig`: ≥ 0
  everywhere for BCE, negative on MSE's plateaus) and the minimiser of each loss
  (:func:`minimiser`).
* **Convexity both ways** (:func:`convexity_table`): the squared error is convex in the
  probability and in the weight of an identity output, and not convex in the weight of a sigmoid
  output; BCE on a sigmoid is convex.

Everything here is numpy only (the computation layer); the explorers and plots draw it.

Examples
--------
>>> runs = train_neuron_runs(2.0, 2.0, 0.15, 300, lr_ce=0.005)
>>> W, B = runs["ce"]
>>> round(float(1 / (1 + np.exp(-(W[-1] + B[-1])))), 2)
0.78
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np

from ._text import ljust, rjust
from ._validation import check_int, check_real
from .activations import sigmoid
from .data import make_blobs_binary
from .i18n import N_, tr

__all__ = [
    "RUNS",
    "train_neuron_runs",
    "neuron_rate_table",
    "one_feature_data",
    "mean_loss",
    "loss_surface",
    "descent_path",
    "descent_paths",
    "hessian_min_eig",
    "minimiser",
    "convexity_table",
    "convexity_curves",
    "SURFACE_LOSSES",
]

#: The runs of Nielsen's neuron: name -> (label, quadratic scale or None for cross-entropy).
RUNS = {
    "ce": ("cross-entropy", None),
    "quadratic": ("quadratic ½(a−y)²", 0.5),
    "mseloss": ("MSELoss (a−y)², no ½", 1.0),
}

#: The losses of the one-feature model.
SURFACE_LOSSES = ("bce", "mse")

_CACHE_SIZE = 256
_neuron_cache: OrderedDict = OrderedDict()


# --------------------------------------------------------------------------- Nielsen's neuron
def _sigmoid_float(z):
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _run(w, b, lr, x, y, n, scale, W, B):
    """Append ``n`` gradient-descent updates of one neuron to the lists ``W`` and ``B``.

    ``scale`` None: cross-entropy, dC/dz = a - y; else quadratic ``scale (a-y)^2``,
    dC/dz = 2 scale (a - y) a (1 - a).  Plain floats: about 1 µs per update.
    """
    sig = _sigmoid_float
    if scale is None:
        for _ in range(n):
            g = sig(w * x + b) - y
            w -= lr * x * g
            b -= lr * g
            W.append(w)
            B.append(b)
    else:
        two_s = 2.0 * scale
        for _ in range(n):
            a = sig(w * x + b)
            g = two_s * (a - y) * a * (1.0 - a)
            w -= lr * x * g
            b -= lr * g
            W.append(w)
            B.append(b)


def _one_run(name, w0, b0, lr, x, y, epochs):
    key = (name, w0, b0, lr, x, y)
    entry = _neuron_cache.get(key)
    if entry is None:
        entry = {"W": [w0], "B": [b0], "arrays": None}
        _neuron_cache[key] = entry
        if len(_neuron_cache) > _CACHE_SIZE:
            _neuron_cache.popitem(last=False)
    else:
        _neuron_cache.move_to_end(key)
    have = len(entry["W"]) - 1
    if epochs > have or entry["arrays"] is None:
        if epochs > have:
            _run(
                entry["W"][-1],
                entry["B"][-1],
                lr,
                x,
                y,
                epochs - have,
                RUNS[name][1],
                entry["W"],
                entry["B"],
            )
        entry["arrays"] = (np.array(entry["W"]), np.array(entry["B"]))
    W, B = entry["arrays"]
    w_v, b_v = W[: epochs + 1], B[: epochs + 1]
    w_v.flags.writeable = False
    b_v.flags.writeable = False
    return w_v, b_v


def train_neuron_runs(w0, b0, lr, epochs, *, lr_ce=None, x=1.0, y=0.0):
    r"""Weights and biases of the three runs of :data:`RUNS` after 0..``epochs`` updates.

    Nielsen's neuron :math:`a = \sigma(w x + b)`, trained by gradient descent on cross-entropy
    (rate ``lr_ce``), on ½(a − y)² and on (a − y)² (both at rate ``lr``).  Each run is cached per
    ``(w0, b0, rate, x, y)``; a request for more epochs continues the cached run (gradient descent
    is deterministic, so the result equals a fresh run).

    Parameters
    ----------
    w0, b0 : float
        Initial weight and bias.
    lr : float
        Learning rate of the quadratic costs (> 0), e.g. Nielsen's 0.15.
    lr_ce : float, optional
        Learning rate of cross-entropy (> 0); default: ``lr``, a like-for-like comparison.
    epochs : int
        Number of updates (>= 0).
    x, y : float, default 1.0 and 0.0
        Input and target (Nielsen's experiment).

    Returns
    -------
    dict
        ``name -> (W, B)``, read-only float64 arrays of length ``epochs + 1``.

    Examples
    --------
    >>> runs = train_neuron_runs(0.6, 0.9, 0.15, 300)
    >>> W, B = runs["quadratic"]
    >>> W.shape, round(float(sigmoid(W[-1] + B[-1])), 3)
    ((301,), 0.094)
    >>> train_neuron_runs(0.6, 0.9, 0.0, 10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0; found 0. Pass a positive learning rate, e.g. ...
    """
    fix = "Pass a positive learning rate, e.g. {}=0.15."
    w0, b0 = check_real(w0, "w0"), check_real(b0, "b0")
    x, y = check_real(x, "x"), check_real(y, "y", low=0.0, high=1.0)
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix=fix.format("lr"))
    lr_ce = (
        lr
        if lr_ce is None
        else check_real(lr_ce, "lr_ce", low=0.0, low_open=True, fix=fix.format("lr_ce"))
    )
    epochs = check_int(epochs, "epochs", minimum=0)
    rates = {"ce": lr_ce, "quadratic": lr, "mseloss": lr}
    return {name: _one_run(name, w0, b0, rates[name], x, y, epochs) for name in RUNS}


def neuron_rate_table(starts=((0.6, 0.9), (2.0, 2.0)), rates=(0.15, 0.005), *, epochs=300):
    r"""Final outputs of Nielsen's neuron for each start, cost and learning rate, as a text table.

    Parameters
    ----------
    starts : sequence of (w0, b0)
    rates : sequence of float
        Learning rates, each used for every cost.
    epochs : int, default 300

    Returns
    -------
    str
        One row per start and rate: the final output ``a`` of cross-entropy, ½(a − y)² and
        (a − y)² (the target is 0, so smaller is better).

    Examples
    --------
    >>> print(neuron_rate_table(starts=[(2.0, 2.0)], rates=[0.15]))
    start (w0, b0)      η   cross-entropy   ½(a−y)²   (a−y)²
    (2, 2)           0.15           0.012     0.203    0.078
    """
    start, ce = tr("start (w0, b0)"), tr("cross-entropy")
    head = f"{ljust(start, 14)} {'η':>6} {rjust(ce, 15)} {'½(a−y)²':>9} {'(a−y)²':>8}"
    lines = [head]
    for w0, b0 in starts:
        for lr in rates:
            runs = train_neuron_runs(w0, b0, lr, epochs)
            a = {k: float(sigmoid(W[-1] + B[-1])) for k, (W, B) in runs.items()}
            lines.append(
                f"{f'({w0:g}, {b0:g})':<14} {lr:>6g} {a['ce']:>15.3f} {a['quadratic']:>9.3f} "
                f"{a['mseloss']:>8.3f}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- one-feature model
def one_feature_data(n=40, *, separation=2.0, seed=0):
    """A seeded one-feature data set: feature x₁ of :func:`lossviz.data.make_blobs_binary`.

    Two overlapping classes (unit variance, centres ``±separation / 2``), so both losses have a
    finite minimiser.

    Returns
    -------
    x, y : ndarray of shape (n,), float64 (``y`` in {0, 1})

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> x.shape, float(y.mean())
    ((40,), 0.5)
    """
    X, y = make_blobs_binary(n, separation=separation, seed=seed)
    return X[:, 0].astype(np.float64), y.astype(np.float64)


def _check_loss(loss):
    if loss not in SURFACE_LOSSES:
        raise ValueError(f"loss must be one of {SURFACE_LOSSES}; found {loss!r}.")
    return loss


def _sig(z):
    # stable, one ufunc, no validation: for the inner loops
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def mean_loss(w, b, x, y, loss="bce"):
    r"""Mean loss of the model :math:`\sigma(w x + b)` on the data ``(x, y)``, for arrays of ``w``
    and ``b`` (broadcast together).

    ``"bce"``: :math:`\log(1 + e^z) - y z` (stable); ``"mse"``: :math:`(\sigma(z) - y)^2` (no ½,
    like :func:`lossviz.mse`).

    Examples
    --------
    >>> x, y = np.array([-1.0, 1.0]), np.array([0.0, 1.0])
    >>> round(float(mean_loss(0.0, 0.0, x, y, "bce")), 4), float(mean_loss(0.0, 0.0, x, y, "mse"))
    (0.6931, 0.25)
    """
    _check_loss(loss)
    w, b = np.broadcast_arrays(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
    z = w[..., None] * np.asarray(x, dtype=np.float64) + b[..., None]
    y = np.asarray(y, dtype=np.float64)
    if loss == "bce":
        return np.mean(np.logaddexp(0.0, z) - y * z, axis=-1)
    return np.mean((_sig(z) - y) ** 2, axis=-1)


def loss_surface(x, y, w_grid, b_grid, loss="bce"):
    """The mean loss on the grid: an array of shape ``(len(b_grid), len(w_grid))`` (rows: b).

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> loss_surface(x, y, np.linspace(-6, 6, 5), np.linspace(-6, 6, 3), "mse").shape
    (3, 5)
    """
    W, B = np.meshgrid(np.asarray(w_grid, float), np.asarray(b_grid, float))
    return mean_loss(W, B, x, y, loss)


def descent_paths(x, y, w0, b0, *, lr, steps):
    r"""Full-batch gradient descent on BCE and on MSE on σ from the same start, together.

    The gradient with respect to the logit is :math:`p - y` for BCE and
    :math:`2 (p - y)\,p(1 - p)` for MSE on σ; then :math:`\partial/\partial w` = mean of
    ``g x``, :math:`\partial/\partial b` = mean of ``g``.  Both gradients are bounded, so the paths
    stay finite at any learning rate.  The two runs share one loop of nine numpy calls per step
    into preallocated buffers (about 5 µs per step for 40 points, unloaded).  The result agrees with
    a plain loop per loss to rounding (1e-15 relative at η ≤ 5; at η = 50 the oscillating runs
    amplify rounding, as any summation order would).

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data (``y`` in [0, 1]).
    w0, b0 : float
        The start.
    lr : float
        Learning rate (> 0), the same for both losses.
    steps : int
        Number of updates (>= 0).

    Returns
    -------
    dict
        ``{"bce": (W, B, L), "mse": (W, B, L)}``: weights, biases and mean losses along each path,
        arrays of shape ``(steps + 1,)``.

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> paths = descent_paths(x, y, -5.0, -5.0, lr=1.0, steps=200)
    >>> round(float(paths["bce"][2][-1]), 3), round(float(paths["mse"][2][-1]), 3)
    (0.172, 0.5)
    """
    lr = check_real(
        lr, "lr", low=0.0, low_open=True, fix="Pass a positive learning rate, e.g. 1.0."
    )
    steps = check_int(steps, "steps", minimum=0)
    w0, b0 = check_real(w0, "w0"), check_real(b0, "b0")
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = x.size
    # The state is theta = [[w, b] (BCE), [w, b] (MSE)]; one step is nine numpy calls into
    # preallocated buffers (no temporaries).  With t = tanh(z / 2):  2 (p - y) = t + 1 - 2y,
    # BCE's dC/dz = (p - y) = h / 2 and MSE's 2 (p - y) p (1 - p) = h (1 - t^2) / 4.
    Xa = np.stack([x, np.ones(n)], axis=1)  # (n, 2): the gradient is g @ Xa / n
    half_x = np.ascontiguousarray(0.5 * Xa.T)  # theta @ half_x = z / 2
    rate_x = (lr / n) * Xa
    one_m2y = np.broadcast_to(1.0 - 2.0 * y, (2, n)).copy()
    a = np.array([[0.5], [0.25]])
    q = np.array([[0.0], [0.25]])
    P = np.empty((steps + 1, 2, 2))
    P[0] = ((w0, b0), (w0, b0))
    t, h, f, g = np.empty((2, n)), np.empty((2, n)), np.empty((2, n)), np.empty((2, 2))
    matmul, tanh, mul, add, sub = np.matmul, np.tanh, np.multiply, np.add, np.subtract
    theta = P[0]
    for i in range(1, steps + 1):
        matmul(theta, half_x, out=t)
        tanh(t, out=t)
        add(t, one_m2y, out=h)  # 2 (p - y)
        mul(t, t, out=f)
        mul(f, q, out=f)
        sub(a, f, out=f)  # 1/2 (BCE), (1 - t^2) / 4 (MSE)
        mul(h, f, out=h)  # dC/dz per row
        matmul(h, rate_x, out=g)  # lr * (mean g x, mean g)
        nxt = P[i]
        sub(theta, g, out=nxt)
        theta = nxt
    W, B = P[:, :, 0], P[:, :, 1]
    out = {}
    for i, loss in enumerate(SURFACE_LOSSES):
        Wi, Bi = W[:, i].copy(), B[:, i].copy()
        out[loss] = (Wi, Bi, mean_loss(Wi, Bi, x, y, loss))
    return out


def descent_path(x, y, w0, b0, *, lr, steps, loss="bce"):
    """Full-batch gradient descent on one loss (see :func:`descent_paths`).

    Returns
    -------
    W, B, L : ndarray of shape (steps + 1,)

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> W, B, L = descent_path(x, y, -5.0, -5.0, lr=1.0, steps=200, loss="bce")
    >>> round(float(L[-1]), 3), bool(L[-1] < L[0])
    (0.172, True)
    """
    _check_loss(loss)
    return descent_paths(x, y, w0, b0, lr=lr, steps=steps)[loss]


def hessian_min_eig(w, b, x, y, loss="bce"):
    r"""The smallest eigenvalue of the Hessian of the mean loss in ``(w, b)``, for arrays of ``w``
    and ``b``.

    The Hessian is the mean of :math:`h(z)\,[x, 1]^\top [x, 1]` with :math:`h = \sigma'(z) \ge 0`
    for BCE and :math:`h = 2[\sigma'(z)^2 + (p - y)\sigma'(z)(1 - 2p)]` for MSE on σ, which is
    negative where the model is confidently wrong: there MSE is not convex.

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> bool(hessian_min_eig(-5.0, -5.0, x, y, "bce") >= 0)
    True
    >>> bool(hessian_min_eig(-5.0, -5.0, x, y, "mse") < 0)
    True
    """
    _check_loss(loss)
    w, b = np.broadcast_arrays(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = w[..., None] * x + b[..., None]
    p = _sig(z)
    d = p * (1.0 - p)
    h = d if loss == "bce" else 2.0 * (d * d + (p - y) * d * (1.0 - 2.0 * p))
    a = np.mean(h * x * x, axis=-1)
    c = np.mean(h * x, axis=-1)
    e = np.mean(h, axis=-1)
    return 0.5 * (a + e) - np.sqrt(0.25 * (a - e) ** 2 + c * c)


def minimiser(x, y, loss="bce", *, start=(0.0, 0.0)):
    """The minimiser ``(w, b)`` of the mean loss (Newton's method with a step halving).

    For MSE on σ the surface is not convex: the result is the minimum reached from ``start``.

    Examples
    --------
    >>> x, y = one_feature_data()
    >>> [round(v, 2) for v in minimiser(x, y, "bce")], [round(v, 2) for v in minimiser(x, y, "mse")]
    ([3.61, 0.29], [2.64, 0.22])
    """
    _check_loss(loss)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    t = np.array(start, dtype=np.float64)
    X = np.stack([x, np.ones_like(x)], axis=1)

    def f(v):
        return float(mean_loss(v[0], v[1], x, y, loss))

    for _ in range(100):
        z = X @ t
        p = _sig(z)
        d = p * (1.0 - p)
        if loss == "bce":
            g, h = p - y, d
        else:
            g, h = 2.0 * (p - y) * d, 2.0 * (d * d + (p - y) * d * (1.0 - 2.0 * p))
        grad = X.T @ g / x.size
        hess = (X * h[:, None]).T @ X / x.size
        convex_here = np.linalg.eigvalsh(hess)[0] > 1e-10
        delta = np.linalg.solve(hess, grad) if convex_here else grad
        step, f0 = 1.0, f(t)
        while f(t - step * delta) > f0 and step > 1e-8:
            step /= 2.0
        t = t - step * delta
        if np.abs(step * delta).max() < 1e-12:
            break
    return float(t[0]), float(t[1])


# --------------------------------------------------------------------------- convexity both ways
def convexity_table(grid=None):
    r"""Second differences of four curves, as a text table: where convexity holds and where not.

    * MSE :math:`(p - y)^2` against the probability ``p`` (y = 0, ``p`` in [0, 1]);
    * MSE of an identity output :math:`(w x - y)^2` against the weight (x = 1, y = 0);
    * MSE on a sigmoid :math:`(\sigma(w x) - y)^2` against the weight;
    * BCE on a sigmoid against the weight.

    A curve on a grid is convex exactly when every second difference is >= 0.

    Parameters
    ----------
    grid : array_like, optional
        Weight grid (default 321 points on [-8, 8]).

    Returns
    -------
    str

    Examples
    --------
    >>> print(convexity_table())  # doctest: +NORMALIZE_WHITESPACE
    curve                             smallest 2nd difference   convex
    MSE in p                                        +5.00e-05      yes
    MSE, identity output, in w                      +5.00e-03      yes
    MSE on sigmoid, in w                            -3.00e-04       no
    BCE on sigmoid, in w                            +8.81e-07      yes
    """
    lines = [
        f"{ljust(tr('curve'), 30)} {rjust(tr('smallest 2nd difference'), 26)} "
        f"{rjust(tr('convex'), 8)}"
    ]
    for name, (_, v) in convexity_curves(grid).items():
        d2 = v[2:] - 2.0 * v[1:-1] + v[:-2]
        m = float(d2.min())
        verdict = tr("yes") if m >= -1e-15 else tr("no")
        lines.append(f"{ljust(tr(name), 30)} {m:>+26.2e} {rjust(verdict, 8)}")
    return "\n".join(lines)


def convexity_curves(grid=None):
    r"""The four curves of :func:`convexity_table`: ``name -> (abscissa, values)``.

    Examples
    --------
    >>> list(convexity_curves())[:2]
    ['MSE in p', 'MSE, identity output, in w']
    """
    w = np.linspace(-8.0, 8.0, 321) if grid is None else np.asarray(grid, dtype=np.float64)
    p = np.linspace(0.0, 1.0, 201)
    return {  # the names are English, marked for the catalogue (shown through ``tr``)
        N_("MSE in p"): (p, p**2),
        N_("MSE, identity output, in w"): (w, w**2),
        N_("MSE on sigmoid, in w"): (w, _sig(w) ** 2),
        N_("BCE on sigmoid, in w"): (w, np.logaddexp(0.0, w)),
    }
