r"""LossExplorer: BCE, MSE and focal loss, and their gradients, against the predicted probability
or against the logit.

.. math::
    \mathrm{BCE} = -[y \log p + (1-y)\log(1-p)], \qquad \mathrm{MSE} = (p - y)^2, \qquad
    \mathrm{FL}_\gamma = -(1 - p_t)^\gamma \log p_t, \quad p_t = y p + (1-y)(1-p).

The BCE is infinite for a confident wrong answer (``p = 0`` with ``y = 1``); the explorer shows it
as "∞" with a capped mark, never as an error or NaN.

The *logit view* (control ``view = "z"``) puts the logit :math:`z` on the x axis, with
:math:`p = \sigma(z)` and the gradients with respect to :math:`z` (BCE: :math:`p - y`; MSE:
:math:`2(p - y)p(1 - p)`): the p slider's step of 0.01 never reaches the saturated regime
(:math:`|z| > 4.6`), the z slider goes to :math:`|z| = 10`.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..activations import sigmoid
from ..gradients import (
    bce_grad_prob,
    bce_with_logits_grad,
    focal_grad_prob,
    focal_loss_with_logits_grad,
    mse_grad_prob,
    mse_sigmoid_grad,
)
from ..i18n import N_, tr
from ..losses import bce, bce_with_logits, focal_loss_prob, focal_loss_with_logits, mse
from ._base import BoolParam, ChoiceParam, Explorer, FloatParam, rjust

__all__ = ["LossExplorer"]

_N_GRID = 401
_Z_MAX = 10.0
#: Axis settings of the two views: x limits, x label, gradient-panel y limits, y label, title
#: (the texts in English, translated when they are drawn).
#: In the logit view the loss axis reaches 10.5, above BCE's largest value on the grid (10.00005),
#: so no label of an off-scale value is needed there; its tick labels ("10") are no wider than the
#: p view's ("5.0"), whose layout the figure keeps.
_VIEWS = {
    "p": (
        (0.0, 1.0),
        style.LABELS["p"],
        (0.0, 5.0, 1.0),
        "%.1f",
        (-8.0, 8.0),
        style.LABELS["dLdp"],
        N_("gradient dL/dp"),
    ),
    "z": (
        (-_Z_MAX, _Z_MAX),
        style.LABELS["z"],
        (0.0, 10.5, 2.0),
        "%.0f",
        (-1.05, 1.05),
        style.LABELS["dLdz"],
        N_("gradient dL/dz"),
    ),
}


class LossExplorer(Explorer):
    r"""Loss and gradient against the predicted probability ``p`` for BCE, MSE and focal loss.

    Controls: ``view`` (``"p"``: the x axis is the probability; ``"z"``: the logit view), ``p``
    (0 to 1, step 0.01), ``z`` (the logit, −10 to 10, step 0.1), ``y`` (0 or 1), ``gamma`` (focal
    γ, 0 to 5) and the checkboxes ``show_bce``, ``show_mse``, ``show_focal``.  Left panel: the
    loss curves with a marker at ``p`` (or ``z``); right panel: dL/dp (or dL/dz); beside the
    picture: the values at the marker.  Infinite values (BCE and focal at ``p = 0`` for ``y = 1``)
    are shown as "∞" with a capped mark; their labels sit clear of the curves.

    Parameters
    ----------
    lecture : bool, optional
        Larger rendering for a lecture hall (default: :func:`lossviz.set_lecture_mode`).
    **params
        Initial control values, e.g. ``p=0.2, y=1``.

    Examples
    --------
    >>> ex = LossExplorer(p=0.8, y=1)
    >>> r = ex.compute(p=0.8, y=1, gamma=2)
    >>> round(r["bce"], 3), round(r["mse"], 3), round(r["bce_grad"], 3)
    (0.223, 0.04, -1.25)
    >>> round(ex.compute(p=0.2, y=1)["bce"], 3)
    1.609
    >>> ex.compute(p=0.0, y=1)["bce"]
    inf
    >>> ex.set(p=0.0)
    >>> print(ex.readout_text)
    p = 0.00, y = 1
               loss    dL/dp
    BCE           ∞       −∞
    MSE       1.000   −2.000
    FL γ=2.0      ∞       −∞
    >>> r = ex.compute(z=-6.0, y=1)
    >>> round(r["bce_dz"], 4), round(r["mse_dz"], 4)
    (-0.9975, -0.0049)
    >>> ex.set(view="z", z=-6.0, show_focal=False)
    >>> print(ex.readout_text)
    z = -6.0, p = σ(z) = 0.0025, y = 1
               loss    dL/dz
    BCE       6.002   −0.998
    MSE       0.995   −0.005
    """

    figsize = (10.0, 4.0)
    slow_artists = (
        "loss_bce",
        "loss_mse",
        "loss_focal",
        "grad_bce",
        "grad_mse",
        "grad_focal",
        "end_loss",
        "end_grad",
    )
    #: Controls shown but inactive in each view (the other view's slider).
    _inactive = {"p": "z", "z": "p"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self._live:
            self.controls["show_focal"].observe(self._enable_controls, names="value")
            self.controls["view"].observe(self._enable_controls, names="value")
            self._enable_controls()

    def _enable_controls(self, change=None):
        # γ only changes the focal curve: a slider that moves nothing visible is disabled; so is
        # the slider of the other view (p in the logit view, z in the p view)
        self.controls["gamma"].disabled = not self.controls["show_focal"].value
        view = self.controls["view"].value
        self.controls[view].disabled = False
        self.controls[self._inactive[view]].disabled = True

    def _slow_key(self, params):
        return (
            params.get("view", "p"),
            params["y"],
            params["gamma"],
            params["show_bce"],
            params["show_mse"],
            params["show_focal"],
        )

    def param_spec(self):
        return {
            "p": FloatParam(0.0, 1.0, 0.01, 0.8, label=tr("predicted p")),
            "y": ChoiceParam([("y = 0", 0), ("y = 1", 1)], 1, label=tr("true label")),
            "gamma": FloatParam(0.0, 5.0, 0.1, 2.0, label=tr("focal γ"), readout_format=".1f"),
            "show_bce": BoolParam(True, label="BCE"),
            "show_mse": BoolParam(True, label="MSE"),
            "show_focal": BoolParam(True, label=tr("focal")),
            "view": ChoiceParam(
                [(tr("p view"), "p"), (tr("logit view"), "z")], "p", label=tr("x axis")
            ),
            "z": FloatParam(-_Z_MAX, _Z_MAX, 0.1, 1.4, label=tr("logit z"), readout_format=".1f"),
        }

    def compute(self, *, p=0.8, y=1, gamma=2.0, z=1.4):
        """Loss values and gradients at ``p`` (with respect to ``p``) and at the logit ``z`` (with
        respect to ``z``), and the curves over [0, 1] and over [−10, 10].

        Returns
        -------
        dict
            ``p, y, gamma``; ``bce, mse, focal`` (loss values, ``inf`` allowed);
            ``bce_grad, mse_grad, focal_grad`` (dL/dp); ``grid`` (401 probabilities) and
            ``curves``: ``{name: (loss array, gradient array)}``.  The logit view: ``z``,
            ``p_z`` (σ(z)), ``bce_z, mse_z, focal_z`` (losses at σ(z)), ``bce_dz, mse_dz,
            focal_dz`` (dL/dz), ``zgrid`` (401 logits) and ``zcurves`` (loss and dL/dz arrays).
        """
        if isinstance(y, (bool, np.bool_)) or y not in (0, 1):
            raise ValueError(f"y must be the true label 0 or 1; found {y!r}.")
        if not (isinstance(p, (int, float, np.integer, np.floating)) and 0.0 <= p <= 1.0):
            raise ValueError(
                f"p must be a probability in [0, 1]; found {p!r}. "
                "For a logit use SaturationExplorer."
            )
        if not (
            isinstance(gamma, (int, float, np.integer, np.floating))
            and np.isfinite(gamma)
            and gamma >= 0
        ):
            raise ValueError(
                f"gamma must be a finite number >= 0 (0 gives the BCE); found {gamma!r}."
            )
        if not (isinstance(z, (int, float, np.integer, np.floating)) and np.isfinite(z)):
            raise ValueError(f"z must be a finite logit; found {z!r}.")
        p = float(p)
        y = int(y)
        gamma = float(gamma)
        z = float(z)
        grid, curves, zgrid, zcurves = self._curves(y, gamma)
        yz, zz = np.array([float(y)]), np.array([z])
        return {
            "z": z,
            "p_z": float(sigmoid(z)),
            "bce_z": float(bce_with_logits(yz, zz)),
            "mse_z": float(mse(yz, sigmoid(zz))),
            "focal_z": float(focal_loss_with_logits(yz, zz, gamma=gamma)),
            "bce_dz": float(bce_with_logits_grad(yz, zz)[0]),
            "mse_dz": float(mse_sigmoid_grad(yz, zz)[0]),
            "focal_dz": float(focal_loss_with_logits_grad(yz, zz, gamma=gamma)[0]),
            "zgrid": zgrid,
            "zcurves": zcurves,
            "p": p,
            "y": y,
            "gamma": gamma,
            "bce": float(bce([y], [p])),
            "mse": float(mse([y], [p])),
            "focal": float(focal_loss_prob(y, p, gamma)),
            "bce_grad": float(bce_grad_prob([float(y)], [p])[0]),
            "mse_grad": float(mse_grad_prob([float(y)], [p])[0]),
            "focal_grad": float(focal_grad_prob(y, p, gamma)),
            "grid": grid,
            "curves": curves,
        }

    def _curves(self, y, gamma):
        # the curves depend on (y, gamma) only, not on the slider p: computed once per pair (a
        # move of p then costs a few scalar evaluations); fresh copies are returned, so compute
        # stays pure
        cache = self.__dict__.setdefault("_curve_cache", {})
        key = (y, gamma)
        if key not in cache:
            grid = np.linspace(0.0, 1.0, _N_GRID)
            yg = np.full_like(grid, y, dtype=float)
            zgrid = np.linspace(-_Z_MAX, _Z_MAX, _N_GRID)
            yz = np.full_like(zgrid, y, dtype=float)
            cache[key] = (
                grid,
                {
                    "bce": (bce(yg, grid, reduction="none"), bce_grad_prob(yg, grid)),
                    "mse": (mse(yg, grid, reduction="none"), mse_grad_prob(yg, grid)),
                    "focal": (focal_loss_prob(yg, grid, gamma), focal_grad_prob(yg, grid, gamma)),
                },
                zgrid,
                {
                    "bce": (
                        bce_with_logits(yz, zgrid, reduction="none"),
                        bce_with_logits_grad(yz, zgrid),
                    ),
                    "mse": (
                        mse(yz, sigmoid(zgrid), reduction="none"),
                        mse_sigmoid_grad(yz, zgrid),
                    ),
                    "focal": (
                        focal_loss_with_logits(yz, zgrid, gamma=gamma, reduction="none"),
                        focal_loss_with_logits_grad(yz, zgrid, gamma=gamma),
                    ),
                },
            )
            while len(cache) > 16:
                cache.pop(next(iter(cache)))
        grid, curves, zgrid, zcurves = cache[key]

        def copy(c):
            return {k: (a.copy(), b.copy()) for k, (a, b) in c.items()}

        return grid.copy(), copy(curves), zgrid.copy(), copy(zcurves)

    def _build(self, fig, params):
        ax_l, ax_g = fig.subplots(1, 2)
        ax_l.set_xlim(0, 1)
        ax_l.set_ylim(0, 5)
        ax_l.set_xlabel(tr(style.LABELS["p"]))
        ax_l.set_ylabel(tr(style.LABELS["loss"]))
        ax_l.set_title(tr("loss"))
        ax_g.set_xlim(0, 1)
        ax_g.set_ylim(-8, 8)
        ax_g.axhline(0, color="0.5", lw=0.8)
        ax_g.set_xlabel(tr(style.LABELS["p"]))
        ax_g.set_ylabel(tr(style.LABELS["dLdp"]))
        ax_g.set_title(tr("gradient dL/dp"))
        art = {}
        for row, name in enumerate(("bce", "mse", "focal"), start=1):
            kw = style.loss_style(name)
            (art[f"loss_{name}"],) = ax_l.plot([], [], **kw)
            (art[f"grad_{name}"],) = ax_g.plot([], [], **kw)
            art[f"mark_loss_{name}"] = style.CappedMarker(ax_l, color=kw["color"], label_row=row)
            art[f"mark_grad_{name}"] = style.CappedMarker(ax_g, color=kw["color"], label_row=row)
        art["end_loss"] = style.CappedMarker(ax_l, color="black")
        art["end_grad"] = style.CappedMarker(ax_g, color="black")
        art["vline_l"] = ax_l.axvline(0.5, color="0.35", lw=1, ls=":")
        art["vline_g"] = ax_g.axvline(0.5, color="0.35", lw=1, ls=":")
        art["_legend"] = ax_l.legend(
            handles=[art["loss_bce"], art["loss_mse"], art["loss_focal"]],
            labels=["BCE", "MSE", tr("focal")],
            loc="upper center",
        )
        # the layout is made in the p view (the figure is always built so, and _draw switches to
        # the logit view): a frame depends on the setting only, not on the construction setting
        art["_axes"] = (ax_l, ax_g)
        ax_l.set_xlim(0, 0.5)  # forces _set_view to apply the p view's tick format
        self._set_view(ax_l, ax_g, "p")
        return art

    @staticmethod
    def _set_view(ax_l, ax_g, view):
        """Put the axes in ``view`` ("p" or "z"); True if anything changed."""
        from matplotlib.ticker import FormatStrFormatter, MultipleLocator

        xlim, xlabel, llim, lfmt, glim, glabel, gtitle = _VIEWS[view]
        xlabel, glabel, gtitle = tr(xlabel), tr(glabel), tr(gtitle)
        if tuple(ax_l.get_xlim()) == xlim and ax_g.get_xlabel() == xlabel:
            return False
        # texts are changed with set_text, which keeps their font (set_title and set_xlabel would
        # take the size from the rcParams in force, not the explorer's style)
        for ax in (ax_l, ax_g):
            ax.set_xlim(*xlim)
            ax.xaxis.label.set_text(xlabel)
        ax_l.set_ylim(*llim[:2])
        ax_l.yaxis.set_major_locator(MultipleLocator(llim[2]))
        ax_l.yaxis.set_major_formatter(FormatStrFormatter(lfmt))
        ax_g.set_ylim(*glim)
        ax_g.yaxis.label.set_text(glabel)
        ax_g.title.set_text(gtitle)
        return True

    def _draw(self, art, r, params):
        view = params.get("view", "p")
        changed = False
        if "_axes" in art:
            changed = self._set_view(*art["_axes"], view)
        shown = {n: bool(params.get(f"show_{n}", True)) for n in ("bce", "mse", "focal")}
        if view == "z":
            self._draw_z(art, r, shown)
        else:
            self._draw_p(art, r, shown)
        # the legend lists only the losses shown (it is static: a change needs a full redraw)
        legend = art.get("_legend")
        if legend is not None:
            # in the logit view the curves rise on the side of the wrong answer: the legend sits
            # on the other side (right for y = 1, left for y = 0)
            loc = (
                "upper center"
                if view == "p"
                else ("center right" if r["y"] == 1 else "center left")
            )
            if legend._loc != legend.codes[loc]:
                legend.set_loc(loc)
                changed = True
            for text, handle, name in zip(
                legend.get_texts(), legend.legend_handles, ("bce", "mse", "focal"), strict=True
            ):
                if text.get_visible() != shown[name]:
                    text.set_visible(shown[name])
                    handle.set_visible(shown[name])
                    changed = True
        return changed

    def _draw_z(self, art, r, shown):
        grid, z = r["zgrid"], r["z"]
        for name, (loss, grad) in r["zcurves"].items():
            art[f"loss_{name}"].set_data(grid, loss)
            art[f"grad_{name}"].set_data(grid, grad)
            art[f"loss_{name}"].set_visible(shown[name])
            art[f"grad_{name}"].set_visible(shown[name])
        art["end_loss"].set(np.nan, np.nan)
        art["end_grad"].set(np.nan, np.nan)
        for panel, suffix in (("loss", "_z"), ("grad", "_dz")):
            row = 0
            for name in ("bce", "mse", "focal"):
                m = art[f"mark_{panel}_{name}"]
                if not shown[name]:
                    m.set(np.nan, np.nan)
                    continue
                m.set(z, r[name + suffix], row=row)
                row += m.capped
        art["vline_l"].set_xdata([z, z])
        art["vline_g"].set_xdata([z, z])

    def _draw_p(self, art, r, shown):
        grid = r["grid"]
        p, y = r["p"], r["y"]
        for name, (loss, grad) in r["curves"].items():
            on = shown[name]
            # the infinite end is drawn by the capped "∞" mark, not by the line
            art[f"loss_{name}"].set_data(grid, np.where(np.isfinite(loss), loss, np.nan))
            art[f"grad_{name}"].set_data(grid, np.where(np.isfinite(grad), grad, np.nan))
            art[f"loss_{name}"].set_visible(on)
            art[f"grad_{name}"].set_visible(on)
        inf_end = 0.0 if y == 1 else 1.0
        # the curves' infinite end (BCE and focal at p_t = 0) gets one capped mark with one label
        # naming the curves ("∞ BCE, focal"), not one "∞" per curve stacked on top of each other
        inf_names = [n for n in ("bce", "focal") if shown[n]]
        label = ", ".join({"bce": "BCE", "focal": tr("focal")}[n] for n in inf_names)
        g_inf = -np.inf if y == 1 else np.inf
        end_x = inf_end if inf_names else np.nan
        art["end_loss"].set(end_x, np.inf, text=f"∞ {label}", row=0)
        art["end_grad"].set(
            end_x,
            g_inf,
            text=tr("{inf} {label} at p = {p:g}").format(
                inf="−∞" if y == 1 else "∞", label=label, p=inf_end
            ),
            row=0,
        )
        for panel, suffix in (("loss", ""), ("grad", "_grad")):
            row = 1
            for name in ("bce", "mse", "focal"):
                m = art[f"mark_{panel}_{name}"]
                v = r[name + suffix]
                if not shown[name] or (np.isinf(v) and p == inf_end):  # drawn by the end mark
                    m.set(np.nan, np.nan)
                    continue
                m.set(p, v, row=row)
                row += m.capped  # labels of off-scale values stack below the end mark's
        # the gradient curves run into the capped end along the edge of the panel (near p = 0
        # for y = 1, near p = 1 for y = 0), so labels next to the caps would sit on the curves:
        # they are moved clear of them, to p = 0.4 (y = 1) or p = 0.6 (y = 0), and say where
        for key in ("end_grad", "mark_grad_bce", "mark_grad_mse", "mark_grad_focal"):
            m = art[key]
            if m.capped:
                m.label.xy = (0.4 if y == 1 else 0.6, m.label.xy[1])
                m.label.set_ha("left" if y == 1 else "right")
                m.label.xyann = (0.0, m.label.xyann[1])
                if key != "end_grad":
                    m.label.set_text(
                        tr("{value} at p = {p:.2f}").format(value=m.label.get_text(), p=p)
                    )
        art["vline_l"].set_xdata([p, p])
        art["vline_g"].set_xdata([p, p])

    def _readout(self, r, params):
        shown = {n: bool(params.get(f"show_{n}", True)) for n in ("bce", "mse", "focal")}
        if params.get("view", "p") == "z":
            head = f"z = {r['z']:.1f}, p = σ(z) = {style.format_value(r['p_z'], 4)}, y = {r['y']}"
            lsuf, gsuf, gname = "_z", "_dz", "dL/dz"
        else:
            head = f"p = {r['p']:.2f}, y = {r['y']}"
            lsuf, gsuf, gname = "", "_grad", "dL/dp"
        lines = [(head, None), (f"{'':8s}{rjust(tr('loss'), 7)}{gname:>9s}", None)]
        names = {"bce": "BCE", "mse": "MSE", "focal": f"FL γ={r['gamma']:.1f}"}
        for name in ("bce", "mse", "focal"):
            if shown[name]:
                lines.append(
                    (
                        f"{names[name]:8s}{style.format_value(r[name + lsuf]):>7s}"
                        f"{style.format_value(r[name + gsuf]):>9s}",
                        style.LOSS_COLORS[name],
                    )
                )
        return lines

    def panel_title(self, params, setting):
        if params.get("view", "p") == "z":
            return tr("logit view: z = {z:g}, y = {y}").format(z=params["z"], y=params["y"])
        return f"p = {params['p']:.2f}, y = {params['y']}"
