r"""DataPullExplorer: every point's loss and pull under BCE and under MSE, for a one-feature model.

A small labelled data set (:func:`lossviz.pointwise.pull_points`, one point mislabelled), the
model :math:`p = \sigma(wx + b)` with sliders for ``w`` and ``b``, and for each point, side by
side, its loss and its pull :math:`|\partial \ell_i / \partial z_i|` under BCE
(:math:`|p_i - y_i|`) and under MSE on the sigmoid (:math:`2|p_i - y_i|\,p_i(1 - p_i)`).  A point
the model gets confidently wrong pulls with almost 1 under BCE and almost nothing under MSE: the
pull panel is on a log scale so that the small pulls show.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..activations import sigmoid
from ..i18n import tr
from ..pointwise import point_pulls, pull_points
from ._base import Explorer, FloatParam, rjust

__all__ = ["DataPullExplorer"]

_X_LIM = (-3.0, 3.0)
_LOSS_MAX = 4.0
_BAR_OFFSET = 0.09
_BAR_WIDTH = 5.0
_PULL_MIN = 1e-4
_N_CURVE = 121


class DataPullExplorer(Explorer):
    r"""Per-point loss and pull (gradient with respect to the point's logit), BCE against MSE.

    Controls: the weight ``w`` (−4 to 4) and the bias ``b`` (−4 to 4) of
    :math:`p = \sigma(wx + b)`.  Panels: the data with the model's curve (the mislabelled point
    ringed); each point's loss, a BCE bar and an MSE bar side by side (losses above 4 are capped
    with a triangle); each point's pull :math:`|\partial\ell_i/\partial z_i|` on a log scale.
    Beside the picture: the mean losses, the gradients with respect to ``w`` and ``b``, and the
    mislabelled point's pull and its share of the gradient with respect to ``w``.

    Parameters
    ----------
    n_points : int, default 12
    seed : int, default 0
        The data set (:func:`lossviz.pointwise.pull_points`).
    lecture : bool, optional
    **params
        Initial control values, e.g. ``w=2.0, b=0.0``.

    Examples
    --------
    >>> ex = DataPullExplorer(w=2.0, b=0.0)
    >>> r = ex.compute(w=2.0, b=0.0)
    >>> i = r["wrong"]
    >>> [round(float(r[k][i]), 3) for k in ("p", "bce_dz", "mse_dz")]
    [0.011, -0.989, -0.022]
    >>> [round(float(r[k][i]), 2) for k in ("bce_share", "mse_share")]
    [0.74, 0.2]
    """

    figsize = (12.0, 4.6)

    def __init__(self, n_points=12, seed=0, **kwargs):
        self.x, self.y, self.wrong = pull_points(n_points, seed=seed)
        super().__init__(**kwargs)

    def param_spec(self):
        return {
            "w": FloatParam(-4.0, 4.0, 0.1, 0.0, label=tr("weight w"), readout_format=".1f"),
            "b": FloatParam(-4.0, 4.0, 0.1, 0.0, label=tr("bias b"), readout_format=".1f"),
        }

    def compute(self, *, w=0.0, b=0.0):
        """Per-point values at ``(w, b)`` (see :func:`lossviz.pointwise.point_pulls`), plus
        ``x, y, wrong`` (the data) and ``curve_x, curve_p`` (the model's curve)."""
        r = point_pulls(self.x, self.y, w, b)
        r.update(w=float(w), b=float(b), x=self.x.copy(), y=self.y.copy(), wrong=self.wrong)
        r["curve_x"] = np.linspace(*_X_LIM, _N_CURVE)
        r["curve_p"] = sigmoid(float(w) * r["curve_x"] + float(b))
        return r

    def _build(self, fig, params):
        ax_d, ax_l, ax_g = fig.subplots(1, 3)
        x, y = self.x, self.y
        n = x.size
        # data panel
        ax_d.set_xlim(*_X_LIM)
        ax_d.set_ylim(-0.08, 1.08)
        ax_d.set_xlabel(tr("feature x"))
        ax_d.set_ylabel(tr("label y  and  p = σ(wx + b)"))
        ax_d.set_title(tr("data and model"))
        ax_d.axhline(0.5, color="0.85", lw=0.8, zorder=0)
        ok = np.ones(n, dtype=bool)
        ok[self.wrong] = False
        ax_d.plot(x[ok], y[ok], "o", color="black", zorder=3)
        ax_d.plot(x[~ok], y[~ok], "o", color="black", mfc="white", mew=2, ms=9, zorder=3)
        ax_d.annotate(
            tr("mislabelled"),
            (x[self.wrong], y[self.wrong]),
            xytext=(8, -4),
            textcoords="offset points",
            va="top",
            fontsize="small",
        )
        art = {}
        (art["curve"],) = ax_d.plot([], [], color="0.3", lw=2)
        # the error of each point: a segment from its label to its prediction
        (art["errors"],) = ax_d.plot([], [], color=style.ACCENT_COLORS["neutral"], lw=1, ls=":")
        # bars as thick vertical segments (one line per loss and panel: cheap to redraw); MSE's
        # bars are dashed, its line style everywhere in the course
        for ax, key in ((ax_l, "loss"), (ax_g, "pull")):
            ax.set_xlim(*_X_LIM)
            ax.set_xlabel(tr("feature x"))
            ax.axvline(x[self.wrong], color="0.88", lw=10, zorder=0)
            for name in ("bce", "mse"):
                (art[f"{key}_{name}"],) = ax.plot(
                    [],
                    [],
                    color=style.LOSS_COLORS[name],
                    lw=_BAR_WIDTH,
                    ls="-" if name == "bce" else (0, (1.4, 0.5)),
                    solid_capstyle="butt",
                    dash_capstyle="butt",
                    label={"bce": "BCE", "mse": tr("MSE on σ")}[name],
                )
        ax_l.set_ylim(0, _LOSS_MAX)
        ax_l.set_ylabel(tr("loss of each point"))
        # pull panel (log scale: MSE's small pulls must show)
        ax_g.set_yscale("log")
        ax_g.set_ylim(_PULL_MIN, 2.0)
        ax_g.set_ylabel(tr("pull on its logit |dl/dz| (log)"))
        fig.legend(
            handles=[art["loss_bce"], art["loss_mse"]],
            loc="outside upper right",
            ncol=2,
            frameon=False,
            handlelength=1.5,
        )
        # losses above the axis: a triangle at the top edge per loss
        trans = ax_l.get_xaxis_transform()
        for name in ("bce", "mse"):
            (art[f"cap_{name}"],) = ax_l.plot(
                [],
                [],
                "^",
                color=style.LOSS_COLORS[name],
                transform=trans,
                clip_on=False,
                zorder=5,
            )
            # outside the axes and often empty: not part of the layout (an empty unclipped line
            # makes constrained layout collapse the axes)
            art[f"cap_{name}"].set_in_layout(False)
        return art

    def _draw(self, art, r, params):
        x = r["x"]
        n = x.size
        art["curve"].set_data(r["curve_x"], r["curve_p"])
        gap = np.full(n, np.nan)
        art["errors"].set_data(np.repeat(x, 3), np.column_stack([r["y"], r["p"], gap]).ravel())
        for k, name in enumerate(("bce", "mse")):
            xs = np.repeat(x + (2 * k - 1) * _BAR_OFFSET, 3)
            loss = r[name]
            top = np.minimum(loss, _LOSS_MAX)
            art[f"loss_{name}"].set_data(xs, np.column_stack([np.zeros(n), top, gap]).ravel())
            over = loss > _LOSS_MAX
            art[f"cap_{name}"].set_data(
                x[over] + (2 * k - 1) * _BAR_OFFSET, np.full(int(over.sum()), 1.02)
            )
            pull = np.maximum(np.abs(r[f"{name}_dz"]), _PULL_MIN)
            art[f"pull_{name}"].set_data(
                xs, np.column_stack([np.full(n, _PULL_MIN), pull, gap]).ravel()
            )
        return False

    def _readout(self, r, params):
        f = style.format_value
        i = r["wrong"]
        lines = [
            (
                tr("w = {w:.1f}, b = {b:.1f};  mislabelled point p = {p}").format(
                    w=r["w"], b=r["b"], p=f(r["p"][i], 4)
                ),
                None,
            ),
            (
                f"{'':4s}{rjust(tr('mean loss'), 10)}{rjust(tr('its loss'), 9)}"
                f"{rjust(tr('its pull'), 9)}{rjust(tr('share of |dL/dw|'), 18)}",
                None,
            ),
        ]
        for name, label in (("bce", "BCE"), ("mse", "MSE")):
            lines.append(
                (
                    f"{label:4s}{f(r[name + '_mean'], 3):>10s}{f(r[name][i], 3):>9s}"
                    f"{f(abs(r[name + '_dz'][i]), 4):>9s}"
                    f"{100 * r[name + '_share'][i]:>16.0f} %",
                    style.LOSS_COLORS[name],
                )
            )
        return lines

    def panel_title(self, params, setting):
        return f"w = {params['w']:g}, b = {params['b']:g}"
