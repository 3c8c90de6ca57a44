r"""GradientDescentExplorer: the learning rate and the start of gradient descent on one parameter;
convergence, oscillation and divergence.

.. math::
    w_{t+1} = w_t - \eta\, L'(w_t)

on one of three losses of one parameter (:func:`lossviz.descent_regimes.problem_1d`): the quadratic
:math:`w^2`, chapter 01's one logit scored with the mean BCE (7 positives of 10), and the double
well :math:`(w^2 - 1)^2 + 0.3w`.  Left: the loss curve with the path on it (open circle: the
start, filled: the end).  Right: the excess loss :math:`L(w_t) - \min L` per step on a log axis,
where convergence is a falling line, oscillation a plateau and divergence a rising one.  A run
that leaves every bound is stopped and drawn as a capped mark "∞ diverged at step t", never an
error.  Near a minimum :math:`w^*` the distance is multiplied by :math:`1 - \eta L''(w^*)` per
step: the readout gives :math:`1/L''` (above it the steps alternate) and :math:`2/L''` (above it
they grow).

The figure is laid out once at a fixed reference setting (the quadratic, 30 steps) and the limits
of each problem are set when it is drawn, so the frame after any moves equals a freshly built
explorer's frame.
"""

from __future__ import annotations

import math

import numpy as np

from .. import style
from ..descent_regimes import critical_lr, problem_1d, run_descent
from ..i18n import N_, tr
from ._base import ChoiceParam, Explorer, FloatParam, IntParam
from ._params import SelectionParam

__all__ = ["GradientDescentExplorer", "LEARNING_RATES"]

#: The learning-rate slider's values (about five per decade, 0.01 to 50).
LEARNING_RATES = (
    0.01,
    0.02,
    0.03,
    0.05,
    0.07,
    0.1,
    0.2,
    0.3,
    0.5,
    0.7,
    1.0,
    2.0,
    3.0,
    5.0,
    7.0,
    10.0,
    20.0,
    30.0,
    50.0,
)

#: Per problem: x-limits and y-limits of the loss panel, and the colour of its curve.
_VIEW = {
    "quadratic": ((-3.2, 3.2), (-0.3, 10.0), style.ACCENT_COLORS["neutral"]),
    "logit": ((-6.0, 6.0), (0.0, 4.5), style.LOSS_COLORS["bce"]),
    "double well": ((-2.0, 2.0), (-0.6, 3.0), style.ACCENT_COLORS["neutral"]),
}
#: The problems' texts and the regimes (:mod:`lossviz.descent_regimes`), marked for the
#: catalogue: shown through ``tr``.
_PROBLEM_TEXT = (
    N_("L(w) = w²"),
    N_("mean BCE, 7 of 10 positive"),
    N_("L(w) = (w² − 1)² + 0.3 w"),
    N_("w"),
    N_("logit z"),
)
_REGIMES = (
    N_("converges"),
    N_("converges, oscillating"),
    N_("oscillates"),
    N_("too slow"),
    N_("diverges"),
)
#: Short names of the problems in the static twin's titles.
_SHORT = {"quadratic": N_("w²"), "logit": N_("one logit"), "double well": N_("double well")}
_REFERENCE = ("quadratic", 30)  # the setting the figure is laid out at
_LOG_FLOOR, _LOG_TOP = 1e-10, 1e4
_N_CURVE = 400
_curves = {}


def _curve(name):
    if name not in _curves:
        prob = problem_1d(name)
        x = np.linspace(*_VIEW[name][0], _N_CURVE)
        _curves[name] = (x, np.array([prob.loss(float(v)) for v in x]))
    return _curves[name]


class GradientDescentExplorer(Explorer):
    r"""Gradient descent on one parameter: learning rate, start and problem.

    Controls: ``problem`` (``"quadratic"``, ``"logit"``, ``"double well"``), ``lr`` (0.01 to 50,
    :data:`LEARNING_RATES`), ``w0`` (the start, −3 to 3) and ``n_steps`` (1 to 100).

    Parameters
    ----------
    lecture : bool, optional
    **params
        Initial control values, e.g. ``problem="logit", lr=10.0, w0=-2.0``.

    Examples
    --------
    >>> ex = GradientDescentExplorer(_live=False)
    >>> r = ex.compute(problem="logit", lr=1.0, w0=-2.0, n_steps=30)
    >>> r["regime"], round(float(r["losses"][-1]), 4), round(r["critical_lr"], 2)
    ('converges', 0.6109, 9.52)
    >>> ex.compute(problem="logit", lr=10.0, w0=-2.0, n_steps=30)["regime"]
    'oscillates'
    >>> r = ex.compute(problem="double well", lr=0.5, w0=0.5, n_steps=30)
    >>> r["regime"], r["diverged_at"]
    ('diverges', 19)
    """

    figsize = (10.0, 3.8)

    def param_spec(self):
        return {
            "problem": ChoiceParam(
                [
                    (tr("quadratic w²"), "quadratic"),
                    (tr("one logit, BCE"), "logit"),
                    (tr("double well"), "double well"),
                ],
                "logit",
                label=tr("loss"),
            ),
            "lr": SelectionParam(list(LEARNING_RATES), 1.0, label=tr("learning rate η")),
            "w0": FloatParam(-3.0, 3.0, 0.1, -2.0, label=tr("start w₀")),
            "n_steps": IntParam(1, 100, 30, label=tr("steps")),
        }

    def compute(self, *, problem="logit", lr=1.0, w0=-2.0, n_steps=30):
        """Run the descent (:func:`lossviz.descent_regimes.run_descent`).

        Returns
        -------
        dict
            ``problem, lr, w0, n_steps``; ``ws, losses, excess`` (arrays over the steps run);
            ``diverged_at`` (int or None); ``regime`` (str); ``nearest_min``, ``min_loss``;
            ``critical_lr`` (:math:`2/L''` at the nearest minimum) and ``monotone_lr``
            (:math:`1/L''`); ``formula`` and ``xlabel`` of the problem.
        """
        prob = problem_1d(problem)
        run = run_descent(prob, w0, lr, n_steps)
        crit = critical_lr(prob, run.nearest_min)
        return {
            "problem": problem,
            "lr": float(lr),
            "w0": float(w0),
            "n_steps": int(n_steps),
            "ws": run.ws,
            "losses": run.losses,
            "excess": run.excess,
            "diverged_at": run.diverged_at,
            "regime": run.regime,
            "nearest_min": run.nearest_min,
            "min_loss": prob.min_loss,
            "critical_lr": crit,
            "monotone_lr": crit / 2,
            "formula": prob.formula,
            "xlabel": prob.xlabel,
        }

    def _build(self, fig, params):
        ax_l, ax_r = fig.subplots(1, 2, width_ratios=[1.15, 1])
        art = {"_ax_l": ax_l, "_ax_r": ax_r, "_state": {}}
        (art["_curve"],) = ax_l.plot([], [], lw=2)
        black = style.OKABE_ITO["black"]
        (art["path"],) = ax_l.plot([], [], "-o", color=black, lw=1, ms=3, alpha=0.75)
        (art["start"],) = ax_l.plot([], [], "o", mfc="white", mec=black, ms=8, mew=1.5)
        (art["end"],) = ax_l.plot([], [], "o", color=black, ms=7)
        art["div_l"] = style.CappedMarker(ax_l, color=black)
        ax_r.set_yscale("log")
        ax_r.set_ylim(_LOG_FLOOR, _LOG_TOP)
        ax_r.set_xlabel(tr("step t"))
        ax_r.set_ylabel(tr("L(w_t) − min L  (log)"))
        ax_r.set_title(tr("excess loss per step"), fontsize="medium")
        (art["excess"],) = ax_r.plot([], [], "-o", color=black, lw=1.2, ms=3)
        art["div_r"] = style.CappedMarker(ax_r, color=black)
        for m in (art["div_l"], art["div_r"]):
            m.label.set_bbox({"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
        self._set_view(art, *_REFERENCE)
        return art

    @staticmethod
    def _set_view(art, problem, n_steps):
        """Limits, labels and the loss curve of ``problem`` (static parts of the figure)."""
        ax_l, ax_r = art["_ax_l"], art["_ax_r"]
        (x0, x1), ylim, colour = _VIEW[problem]
        x, y = _curve(problem)
        art["_curve"].set_data(x, y)
        art["_curve"].set_color(colour)
        ax_l.set_xlim(x0, x1)
        ax_l.set_ylim(*ylim)
        prob = problem_1d(problem)
        ax_l.set_xlabel(tr(prob.xlabel))
        ax_l.set_ylabel(tr(style.LABELS["loss"]))
        ax_l.set_title(tr(prob.formula), fontsize="medium")
        ax_r.set_xlim(-0.02 * n_steps, 1.02 * n_steps)
        art["_state"].update(problem=problem, n_steps=n_steps)

    def _draw(self, art, r, params):
        state = art["_state"]
        changed = False
        if (state.get("problem"), state.get("n_steps")) != (r["problem"], r["n_steps"]):
            self._set_view(art, r["problem"], r["n_steps"])
            changed = True
        ws, losses = r["ws"], r["losses"]
        art["path"].set_data(ws, losses)
        art["start"].set_data(ws[:1], losses[:1])
        (lo, hi), _, _ = _VIEW[r["problem"]]
        t = np.arange(ws.size)
        art["excess"].set_data(t, np.clip(r["excess"], _LOG_FLOOR, None))
        if r["diverged_at"] is None:
            art["end"].set_data(ws[-1:], losses[-1:])
            art["div_l"].set(np.nan, np.nan)
            art["div_r"].set(np.nan, np.nan)
        else:
            art["end"].set_data([], [])
            step = r["diverged_at"]
            # the last point kept, pinned to the panel's edge on the side it left by
            last = float(ws[-1]) if ws.size > 1 else float(ws[0])
            x_edge = min(max(last, lo), hi)
            text = tr("∞ diverged at step {step}").format(step=step)
            art["div_l"].set(x_edge, math.inf, text=text)
            art["div_r"].set(step, math.inf, text=tr("∞ diverged"))
        return changed

    def _readout(self, r, params):
        f = style.format_value
        name = r["xlabel"].split()[-1]
        lines = [
            (tr(r["formula"]), None),
            (
                tr("η = {lr:g}, {name}₀ = {w0:.1f}, {n_steps} steps").format(
                    lr=r["lr"], name=name, w0=r["w0"], n_steps=r["n_steps"]
                ),
                None,
            ),
        ]
        if r["diverged_at"] is None:
            lines.append(
                (
                    tr("{name} = {w:.4f}, loss = {loss}").format(
                        name=name, w=r["ws"][-1], loss=f(r["losses"][-1], 4)
                    ),
                    None,
                )
            )
        else:
            lines.append(
                (
                    tr("loss = ∞ (|{name}| > 1e6 at step {step})").format(
                        name=name, step=r["diverged_at"]
                    ),
                    None,
                )
            )
        lines.append(
            (tr("regime: {regime}").format(regime=tr(r["regime"])), style.OKABE_ITO["blue"])
        )
        lines.append(
            (
                tr("near {name}* = {w:.3f}: 1/L″ = {monotone}, 2/L″ = {critical}").format(
                    name=name,
                    w=r["nearest_min"],
                    monotone=f(r["monotone_lr"], 3),
                    critical=f(r["critical_lr"], 3),
                ),
                None,
            )
        )
        return lines

    def panel_title(self, params, setting):
        return tr("{problem}: η = {lr:g}, start {w0:g}, {n_steps} steps").format(
            problem=tr(_SHORT[params["problem"]]),
            lr=params["lr"],
            w0=params["w0"],
            n_steps=params["n_steps"],
        )
