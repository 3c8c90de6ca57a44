r"""Learning rates against curvature: the bound 2/L, fixed-rate sweeps and a learning-rate finder.

Gradient descent :math:`\theta \leftarrow \theta - \eta \nabla L(\theta)` is guaranteed to lower
a loss whose curvature (largest Hessian eigenvalue) is at most :math:`L` everywhere when
:math:`\eta < 2/L`; on a quadratic it diverges for every :math:`\eta > 2/L`.  Convexity says
nothing about the step: a convex loss can be descended unstably.

For logistic regression (mean binary cross-entropy of :math:`z = Xw + b`) the Hessian is
:math:`\tilde X^\top \operatorname{diag}(p(1-p)) \tilde X / N \preceq \tilde X^\top \tilde X / (4N)`
(:math:`\tilde X` is ``X`` with a column of ones), with equality at :math:`w = 0`, where
:math:`p = 1/2`.  For square loss on a linear output the Hessian is constant,
:math:`2 \tilde X^\top \tilde X / N`, so the bound is exact everywhere.

* :func:`curvature` — the largest Hessian eigenvalue (the bound, or the local value at a point).
* :func:`lr_sweep` — full-batch gradient descent at many fixed rates at once (vectorised): the loss
  after each step, which rates diverge.
* :func:`lr_range_test` — the learning-rate finder (Smith, "Cyclical learning rates", WACV 2017;
  fastai's ``lr_find``): one run whose rate grows geometrically every step, stopped when the loss
  blows up; the suggested rate is where the loss falls fastest.

Everything here is numpy only, deterministic, and fast enough for an explorer (a 60-rate sweep of
100 steps on 200 points takes a few milliseconds).

Examples
--------
>>> from lossviz.data import make_blobs_binary
>>> X, y = make_blobs_binary(200, separation=3.0)
>>> L = curvature(X)
>>> round(L, 4), round(2 / L, 3)
(0.7859, 2.545)
>>> sweep = lr_sweep(X, y, [1.0, 100.0], steps=1)
>>> sweep.losses[:, 1].round(3).tolist()
[0.338, 1.773]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validation import check_int, check_real, check_seed

__all__ = [
    "curvature",
    "SweepResult",
    "lr_sweep",
    "RangeTestResult",
    "lr_range_test",
]

_LOSSES = ("bce", "square")


def _design(X, name="X"):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(
            f"{name} must be a non-empty 2-D array of shape (n, d); found shape {X.shape}. "
            "Pass one row per example, e.g. X.reshape(-1, 1) for one feature."
        )
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} must be finite; found NaN or inf. Remove or impute them first.")
    return np.hstack([X, np.ones((X.shape[0], 1))])


def _targets(y, n):
    y = np.asarray(y, dtype=float)
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},), one label per row of X; found {y.shape}.")
    if np.any((y < 0) | (y > 1)) or not np.all(np.isfinite(y)):
        raise ValueError("y must hold labels 0/1 (or targets in [0, 1]); found values outside.")
    return y


def _check_loss(loss):
    if loss not in _LOSSES:
        raise ValueError(
            f"loss must be one of {', '.join(map(repr, _LOSSES))}; found {loss!r}. Use 'bce' for "
            "logistic regression or 'square' for least squares on the linear output."
        )
    return loss


def curvature(X, *, weights=None, bias=0.0, loss="bce"):
    """The largest eigenvalue of the Hessian of the mean loss with respect to ``(w, b)``.

    Parameters
    ----------
    X : array_like of shape (n, d)
    weights : array_like of shape (d,), optional
        Where to take the Hessian (``loss="bce"`` only).  Default: the global bound
        :math:`\\lambda_{max}(\\tilde X^\\top \\tilde X) / (4n)`, which is the Hessian at ``w = 0``.
    bias : float, default 0.0
    loss : {"bce", "square"}
        ``"square"``: mean of :math:`(\\tilde X\\theta - y)^2` (no ½), Hessian
        :math:`2 \\tilde X^\\top \\tilde X / n` everywhere.

    Returns
    -------
    float

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]])
    >>> curvature(X), curvature(X, loss="square")
    (0.25, 2.0)
    >>> curvature(X, weights=[5.0]) < 0.01   # confident model: flat loss
    True
    """
    Xb = _design(X)
    n = Xb.shape[0]
    loss = _check_loss(loss)
    if loss == "square":
        if weights is not None:
            raise ValueError("weights is only used with loss='bce'; square loss has one Hessian.")
        return float(np.linalg.eigvalsh(2.0 * Xb.T @ Xb / n)[-1])
    if weights is None:
        s = np.full(n, 0.25)
    else:
        w = np.asarray(weights, dtype=float).reshape(-1)
        if w.shape != (Xb.shape[1] - 1,):
            raise ValueError(
                f"weights must have shape ({Xb.shape[1] - 1},), one per feature; found {w.shape}."
            )
        bias = check_real(bias, "bias")
        p = 1.0 / (1.0 + np.exp(-np.clip(Xb[:, :-1] @ w + bias, -500, 500)))
        s = p * (1.0 - p)
    return float(np.linalg.eigvalsh((Xb * s[:, None]).T @ Xb / n)[-1])


def _loss_grad(Xb, y, Theta, loss):
    """Mean loss (R,) and gradient (R, d+1) for each row of ``Theta`` (R, d+1)."""
    Z = Xb @ Theta.T  # (n, R)
    n = Xb.shape[0]
    if loss == "bce":
        losses = np.mean(np.logaddexp(0.0, Z) - y[:, None] * Z, axis=0)
        with np.errstate(over="ignore"):
            P = 1.0 / (1.0 + np.exp(-Z))
        G = (Xb.T @ (P - y[:, None])).T / n
    else:
        R = Z - y[:, None]
        with np.errstate(over="ignore", invalid="ignore"):
            losses = np.mean(R * R, axis=0)
            G = 2.0 * (Xb.T @ R).T / n
    return losses, G


@dataclass(frozen=True)
class SweepResult:
    """Gradient descent at fixed rates: ``losses[r, t]`` is the loss of rate ``lrs[r]`` after
    ``t`` steps (``t = 0`` is the start).

    ``diverged[r]``: the loss ended above where it started (or overflowed to ``inf``);
    ``monotone[r]``: no step raised the loss.  Infinite losses are kept as ``inf`` (never NaN).
    """

    lrs: np.ndarray
    losses: np.ndarray
    loss: str
    diverged: np.ndarray = field(repr=False)
    monotone: np.ndarray = field(repr=False)

    @property
    def final(self):
        """The loss after the last step, one per rate."""
        return self.losses[:, -1]

    @property
    def divergence_rate(self):
        """The smallest rate that diverged (``inf`` if none did)."""
        bad = self.lrs[self.diverged]
        return float(bad.min()) if bad.size else float("inf")

    @property
    def best_rate(self):
        """The rate with the lowest final loss."""
        return float(self.lrs[int(np.argmin(self.final))])

    def row(self, lr):
        """The loss history of the rate closest to ``lr`` (on a log scale)."""
        i = int(np.argmin(np.abs(np.log(self.lrs) - np.log(lr))))
        return self.losses[i]


def lr_sweep(X, y, lrs, *, steps=100, loss="bce"):
    """Full-batch gradient descent from ``w = 0, b = 0`` at each rate of ``lrs``, all at once.

    Parameters
    ----------
    X : array_like of shape (n, d)
    y : array_like of shape (n,)
        Labels 0/1 (targets of the linear output for ``loss="square"``).
    lrs : array_like of positive floats
    steps : int, default 100
    loss : {"bce", "square"}

    Returns
    -------
    SweepResult

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]]); y = np.array([1.0, 0.0])
    >>> s = lr_sweep(X, y, [0.5, 1.1], steps=30, loss="square")   # 2/L = 1
    >>> s.diverged.tolist(), s.monotone.tolist()
    ([False, True], [True, False])
    >>> [bool(s.monotone[0]), s.divergence_rate]
    [True, 1.1]
    """
    Xb = _design(X)
    y = _targets(y, Xb.shape[0])
    loss = _check_loss(loss)
    lrs = np.atleast_1d(np.asarray(lrs, dtype=float))
    if lrs.ndim != 1 or lrs.size == 0 or not np.all(np.isfinite(lrs)) or np.any(lrs <= 0):
        raise ValueError(
            "lrs must be a non-empty 1-D sequence of finite rates > 0; "
            f"found {np.array2string(lrs, threshold=6)}. Use e.g. np.logspace(-3, 3, 61)."
        )
    steps = check_int(steps, "steps", minimum=1)
    Theta = np.zeros((lrs.size, Xb.shape[1]))
    out = np.empty((lrs.size, steps + 1))
    alive = np.ones(lrs.size, dtype=bool)
    for t in range(steps + 1):
        losses, G = _loss_grad(Xb, y, Theta, loss)
        losses = np.where(np.isfinite(losses) & alive, losses, np.inf)
        out[:, t] = losses
        alive &= np.isfinite(losses)
        if t < steps:
            with np.errstate(over="ignore", invalid="ignore"):
                Theta = np.where(alive[:, None], Theta - lrs[:, None] * G, 0.0)
    diverged = ~(out[:, -1] <= out[:, 0])
    with np.errstate(invalid="ignore"):
        monotone = np.all(np.diff(out, axis=1) <= 1e-12, axis=1)
    return SweepResult(lrs=lrs, losses=out, loss=loss, diverged=diverged, monotone=monotone)


@dataclass(frozen=True)
class RangeTestResult:
    """One learning-rate-finder run: ``losses[t]`` is the training loss after step ``t`` taken at
    rate ``lrs[t]``.

    ``suggested`` is the rate where the loss falls fastest against ``log(lr)`` (fastai's "steep"
    rule); ``min_rate`` the rate at the lowest loss; ``divergence_rate`` the rate at which the loss
    first exceeded ``stop_factor`` times its lowest value (``inf`` if it never did).
    """

    lrs: np.ndarray
    losses: np.ndarray
    suggested: float
    min_rate: float
    divergence_rate: float
    stop_factor: float


def lr_range_test(
    X,
    y,
    *,
    lr_min=1e-3,
    lr_max=1e4,
    steps=120,
    batch_size=None,
    stop_factor=4.0,
    loss="bce",
    seed=0,
):
    """The learning-rate finder: one run, the rate multiplied by a constant every step.

    Start at ``w = 0``; step ``t`` uses rate ``lr_min * (lr_max / lr_min) ** (t / (steps - 1))``
    on a minibatch (or the full batch) and records the loss on the whole training set.  The run
    stops once that loss exceeds ``stop_factor`` times the lowest loss so far (divergence), or at
    ``lr_max``.

    Parameters
    ----------
    X, y : training data (labels 0/1 for ``loss="bce"``)
    lr_min, lr_max : float
        The sweep's ends (``0 < lr_min < lr_max``).
    steps : int, default 120
    batch_size : int, optional
        Minibatch size (default: the full batch, a deterministic curve).
    stop_factor : float, default 4.0
        fastai's rule: stop when the loss exceeds 4 × its minimum.
    loss : {"bce", "square"}
    seed : int, default 0
        Order of the minibatches.

    Returns
    -------
    RangeTestResult

    Examples
    --------
    >>> from lossviz.data import make_blobs_binary
    >>> X, y = make_blobs_binary(200, separation=3.0)
    >>> r = lr_range_test(X, y)
    >>> bool(r.lrs[0] < r.suggested < r.min_rate < r.divergence_rate <= r.lrs[-1])
    True
    >>> bool(r.losses[-1] > r.stop_factor * r.losses.min())
    True
    """
    Xb = _design(X)
    n = Xb.shape[0]
    y = _targets(y, n)
    loss = _check_loss(loss)
    lr_min = check_real(lr_min, "lr_min", low=0.0, low_open=True)
    lr_max = check_real(lr_max, "lr_max", low=lr_min, low_open=True, fix="Pass lr_max > lr_min.")
    steps = check_int(steps, "steps", minimum=3)
    stop_factor = check_real(stop_factor, "stop_factor", low=1.0, low_open=True)
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n)
    rng = check_seed(seed)
    rates = lr_min * (lr_max / lr_min) ** (np.arange(steps) / (steps - 1))
    theta = np.zeros((1, Xb.shape[1]))
    order = rng.permutation(n)
    pos = 0
    losses = []
    best = np.inf
    for lr in rates:
        if batch_size is None:
            _, G = _loss_grad(Xb, y, theta, loss)
        else:
            if pos + batch_size > n:
                order, pos = rng.permutation(n), 0
            idx = order[pos : pos + batch_size]
            pos += batch_size
            _, G = _loss_grad(Xb[idx], y[idx], theta, loss)
        with np.errstate(over="ignore", invalid="ignore"):
            theta = theta - lr * G
        (value,), _ = _loss_grad(Xb, y, theta, loss)
        value = float(value) if np.isfinite(value) else np.inf
        losses.append(value)
        best = min(best, value)
        if value > stop_factor * best:
            break
    losses = np.asarray(losses)
    lrs = rates[: losses.size]
    diverged = losses[-1] > stop_factor * losses.min()
    i_min = int(np.argmin(losses))
    fin = losses[: i_min + 1]
    slope = np.gradient(fin, np.log(lrs[: i_min + 1])) if fin.size > 1 else np.zeros(1)
    return RangeTestResult(
        lrs=lrs,
        losses=losses,
        suggested=float(lrs[int(np.argmin(slope))]),
        min_rate=float(lrs[i_min]),
        divergence_rate=float(lrs[-1]) if diverged else float("inf"),
        stop_factor=stop_factor,
    )
