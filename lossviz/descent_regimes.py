r"""Gradient descent on one parameter, run to the end whatever the learning rate: convergence,
oscillation and divergence (chapter 01 and its gradient-descent explorer).

:func:`lossviz.descent.gradient_descent` stops with an error when a step overflows; here a run
never raises: a path that leaves every bound is recorded as *diverged* at that step, so a slider
may go to any learning rate.

=================================  ==========================================================
name                               what it gives
=================================  ==========================================================
:func:`problem_1d`                 a one-parameter loss (:class:`Problem1D`): ``"quadratic"``
                                   :math:`w^2`, ``"logit"`` (the mean BCE of one logit for
                                   7 positives of 10) or ``"double well"``
                                   :math:`(w^2 - 1)^2 + 0.3 w`, with its gradient, curvature
                                   and minima
:func:`run_descent`                the path :math:`w_{t+1} = w_t - \eta L'(w_t)` as a
                                   :class:`DescentRun`: steps, losses, excess loss over the
                                   minimum, the step where it diverged, and its regime
:func:`critical_lr`                :math:`2 / L''(w^*)`: above it the steps overshoot the
                                   minimum by more than they approach it
=================================  ==========================================================

The regime of a run (:attr:`DescentRun.regime`) is one of ``"converges"`` (monotone),
``"converges, oscillating"`` (the steps alternate in sign and shrink), ``"oscillates"`` (they
alternate and do not settle), ``"too slow"`` (still moving the same way after the last step) and
``"diverges"`` (the run left the bound :math:`|w| \le 10^6`, or its swings keep growing).

Near a minimum :math:`w^*` with curvature :math:`L''`, a step multiplies the distance by
:math:`1 - \eta L''`: monotone for :math:`\eta < 1/L''`, oscillating and shrinking for
:math:`1/L'' < \eta < 2/L''`, growing beyond :math:`2/L''`.

Examples
--------
>>> quad = problem_1d("quadratic")
>>> critical_lr(quad, 0.0)
1.0
>>> [run_descent(quad, 2.0, lr, 30).regime for lr in (0.3, 0.7, 1.0, 2.0)]
['converges', 'converges, oscillating', 'oscillates', 'diverges']
>>> run_descent(quad, 2.0, 2.0, 30).diverged_at
12
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._validation import check_int, check_real

__all__ = ["Problem1D", "DescentRun", "PROBLEMS", "problem_1d", "run_descent", "critical_lr"]

#: The one-parameter problems, by name.
PROBLEMS = ("quadratic", "logit", "double well")

#: |w| beyond this counts as diverged (the loss of the double well would overflow soon after).
_BOUND = 1e6
_TILT = 0.3
_YBAR = 0.7  # the chapter's labels: 7 positives of 10


@dataclass(frozen=True)
class Problem1D:
    """A one-parameter loss with its gradient and curvature (plain functions of a float).

    Attributes
    ----------
    name : str
    loss, grad, curvature : callable
        ``f(w) -> float``.
    minima : tuple of float
        The local minima, lowest first.
    xlabel : str
        The parameter's name (``"w"`` or ``"logit z"``).
    formula : str
        The loss as text.
    """

    name: str
    loss: object
    grad: object
    curvature: object
    minima: tuple
    xlabel: str
    formula: str

    @property
    def min_loss(self):
        """The lowest loss (at ``minima[0]``)."""
        return self.loss(self.minima[0])


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _log1pexp(z):  # log(1 + e^z) without overflow
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def _double_well_minima(tilt):
    roots = np.roots([4.0, 0.0, -4.0, tilt])  # L'(w) = 4w^3 - 4w + tilt
    real = sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12)
    mins = [w for w in real if 12 * w * w - 4 > 0]
    return tuple(sorted(mins, key=lambda w: (w * w - 1) ** 2 + tilt * w))


def problem_1d(name):
    r"""One of the one-parameter problems of :data:`PROBLEMS`.

    * ``"quadratic"``: :math:`L(w) = w^2`, curvature 2 everywhere, minimum at 0.
    * ``"logit"``: one logit :math:`z`, :math:`p = \sigma(z)` for all of 10 labels with 7
      positives, mean BCE :math:`L(z) = \log(1 + e^z) - 0.7 z`; gradient
      :math:`\sigma(z) - 0.7` (never larger than 1 in size), minimum at
      :math:`z = \ln(7/3)`, loss there the entropy of the labels.
    * ``"double well"``: :math:`L(w) = (w^2 - 1)^2 + 0.3 w`, two valleys (the left one lower).

    Examples
    --------
    >>> logit = problem_1d("logit")
    >>> round(logit.minima[0], 4), round(logit.min_loss, 4)
    (0.8473, 0.6109)
    >>> [round(w, 3) for w in problem_1d("double well").minima]
    [-1.036, 0.96]
    """
    if name == "quadratic":
        return Problem1D(
            name,
            lambda w: w * w,
            lambda w: 2.0 * w,
            lambda w: 2.0,
            (0.0,),
            "w",
            "L(w) = w²",
        )
    if name == "logit":
        return Problem1D(
            name,
            lambda z: _log1pexp(z) - _YBAR * z,
            lambda z: _sigmoid(z) - _YBAR,
            lambda z: _sigmoid(z) * (1.0 - _sigmoid(z)),
            (math.log(_YBAR / (1 - _YBAR)),),
            "logit z",
            "mean BCE, 7 of 10 positive",
        )
    if name == "double well":
        return Problem1D(
            name,
            lambda w: (w * w - 1.0) ** 2 + _TILT * w,
            lambda w: 4.0 * w * (w * w - 1.0) + _TILT,
            lambda w: 12.0 * w * w - 4.0,
            _double_well_minima(_TILT),
            "w",
            "L(w) = (w² − 1)² + 0.3 w",
        )
    raise ValueError(
        f"problem must be one of {', '.join(map(repr, PROBLEMS))}; found {name!r}. "
        "Pick one of those names."
    )


def critical_lr(problem, w_star):
    r"""The learning rate :math:`2 / L''(w^*)` above which descent cannot settle at ``w_star``.

    Examples
    --------
    >>> round(critical_lr(problem_1d("logit"), problem_1d("logit").minima[0]), 3)
    9.524
    """
    c = float(problem.curvature(float(w_star)))
    return math.inf if c <= 0 else 2.0 / c


@dataclass(frozen=True)
class DescentRun:
    """One run of gradient descent on a :class:`Problem1D`.

    Attributes
    ----------
    ws, losses : ndarray
        The parameter and the loss at steps 0 … n (only the steps before a divergence).
    excess : ndarray
        ``losses - problem.min_loss`` (>= 0): the distance to the lowest loss.
    lr : float
    n_steps : int
        The steps asked for.
    diverged_at : int or None
        The first step whose parameter left ``|w| <= 1e6`` (or whose loss overflowed).
    regime : str
        ``"converges"``, ``"converges, oscillating"``, ``"oscillates"``, ``"too slow"`` or
        ``"diverges"``.
    nearest_min : float
        The minimum nearest to the last parameter.
    """

    ws: np.ndarray
    losses: np.ndarray
    excess: np.ndarray
    lr: float
    n_steps: int
    diverged_at: int | None
    regime: str
    nearest_min: float

    @property
    def final(self):
        """The last parameter reached (before a divergence)."""
        return float(self.ws[-1])


def _regime(ws, diverged_at, problem):
    if diverged_at is not None:
        return "diverges"
    steps = np.diff(ws)
    if steps.size == 0:
        return "too slow"
    scale = max(1.0, abs(ws[0]))
    settled = abs(float(problem.grad(float(ws[-1])))) < 1e-3 and abs(steps[-1]) < 1e-3 * scale
    tail = steps[-min(6, steps.size) :]
    moving = tail[np.abs(tail) > 1e-12 * scale]
    alternating = moving.size >= 2 and bool(np.all(moving[1:] * moving[:-1] < 0))
    flips = int(np.sum(steps[1:] * steps[:-1] < 0))
    if settled:
        return "converges, oscillating" if flips >= 2 else "converges"
    dist = np.abs(ws - min(problem.minima, key=lambda m: abs(m - ws[-1])))
    if flips >= 2 and dist[-1] > 2 * dist[dist.size // 2] > 0:
        return "diverges"  # the swings grow: still inside the bound when the run ends
    return "oscillates" if alternating or flips >= 2 else "too slow"


def run_descent(problem, w0, lr, n_steps=30):
    r"""Run :math:`w_{t+1} = w_t - \eta L'(w_t)` for ``n_steps`` steps; never raises on
    divergence.

    Parameters
    ----------
    problem : Problem1D or str
    w0 : float
        The start.
    lr : float
        The learning rate :math:`\eta > 0`.
    n_steps : int, default 30

    Returns
    -------
    DescentRun

    Examples
    --------
    >>> run = run_descent("logit", -2.0, 1.0, 30)
    >>> run.regime, round(float(run.losses[0]), 4), round(float(run.losses[-1]), 4)
    ('converges', 1.5269, 0.6109)
    >>> run_descent("double well", 0.5, 0.5, 30).regime
    'diverges'
    """
    if isinstance(problem, str):
        problem = problem_1d(problem)
    if not isinstance(problem, Problem1D):
        raise TypeError(
            f"problem must be a Problem1D or one of {PROBLEMS}; found {type(problem).__name__}."
        )
    w = check_real(w0, "w0")
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix="Use a small positive rate such as 0.1.")
    n_steps = check_int(n_steps, "n_steps", minimum=0)
    ws, losses = [w], [problem.loss(w)]
    diverged_at = None
    for t in range(1, n_steps + 1):
        try:
            w = w - lr * problem.grad(w)
            f = problem.loss(w)
        except OverflowError:
            diverged_at = t
            break
        if not (abs(w) <= _BOUND and math.isfinite(f)):
            diverged_at = t
            break
        ws.append(w)
        losses.append(f)
    ws_a, losses_a = np.array(ws), np.array(losses)
    excess = np.maximum(losses_a - problem.min_loss, 0.0)
    nearest = min(problem.minima, key=lambda m: abs(m - ws_a[-1]))
    return DescentRun(
        ws_a,
        losses_a,
        excess,
        lr,
        n_steps,
        diverged_at,
        _regime(ws_a, diverged_at, problem),
        float(nearest),
    )
