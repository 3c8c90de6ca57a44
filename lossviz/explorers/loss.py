r"""LossExplorer: BCE, MSE and focal loss, and their gradients, against the predicted probability.

.. math::
    \mathrm{BCE} = -[y \log p + (1-y)\log(1-p)], \qquad \mathrm{MSE} = (p - y)^2, \qquad
    \mathrm{FL}_\gamma = -(1 - p_t)^\gamma \log p_t, \quad p_t = y p + (1-y)(1-p).

The BCE is infinite for a confident wrong answer (``p = 0`` with ``y = 1``); the explorer shows it
as "∞" with a capped mark, never as an error or NaN.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..gradients import bce_grad_prob, focal_grad_prob, mse_grad_prob
from ..losses import bce, focal_loss_prob, mse
from ._base import BoolParam, ChoiceParam, Explorer, FloatParam

__all__ = ["LossExplorer"]

_N_GRID = 401


class LossExplorer(Explorer):
    r"""Loss and gradient against the predicted probability ``p`` for BCE, MSE and focal loss.

    Controls: ``p`` (0 to 1, step 0.01), ``y`` (0 or 1), ``gamma`` (focal γ, 0 to 5) and the
    checkboxes ``show_bce``, ``show_mse``, ``show_focal``.  Left panel: the loss curves with a
    marker at ``p``; right panel: dL/dp; beside the picture: the values at ``p``.  Infinite values
    (BCE and focal at ``p = 0`` for ``y = 1``) are shown as "∞" with a capped mark.

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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self._live:
            self.controls["show_focal"].observe(self._enable_controls, names="value")
            self._enable_controls()

    def _enable_controls(self, change=None):
        # γ only changes the focal curve: a slider that moves nothing visible is disabled
        self.controls["gamma"].disabled = not self.controls["show_focal"].value

    def _slow_key(self, params):
        return (
            params["y"],
            params["gamma"],
            params["show_bce"],
            params["show_mse"],
            params["show_focal"],
        )

    def param_spec(self):
        return {
            "p": FloatParam(0.0, 1.0, 0.01, 0.8, label="predicted p"),
            "y": ChoiceParam([("y = 0", 0), ("y = 1", 1)], 1, label="true label"),
            "gamma": FloatParam(0.0, 5.0, 0.1, 2.0, label="focal γ", readout_format=".1f"),
            "show_bce": BoolParam(True, label="BCE"),
            "show_mse": BoolParam(True, label="MSE"),
            "show_focal": BoolParam(True, label="focal"),
        }

    def compute(self, *, p=0.8, y=1, gamma=2.0):
        """Loss values and gradients (with respect to ``p``) at ``p``, and the curves over [0, 1].

        Returns
        -------
        dict
            ``p, y, gamma``; ``bce, mse, focal`` (loss values, ``inf`` allowed);
            ``bce_grad, mse_grad, focal_grad`` (dL/dp); ``grid`` (401 probabilities) and
            ``curves``: ``{name: (loss array, gradient array)}``.
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
        p = float(p)
        y = int(y)
        gamma = float(gamma)
        grid, curves = self._curves(y, gamma)
        return {
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
            cache[key] = (
                grid,
                {
                    "bce": (bce(yg, grid, reduction="none"), bce_grad_prob(yg, grid)),
                    "mse": (mse(yg, grid, reduction="none"), mse_grad_prob(yg, grid)),
                    "focal": (focal_loss_prob(yg, grid, gamma), focal_grad_prob(yg, grid, gamma)),
                },
            )
            while len(cache) > 16:
                cache.pop(next(iter(cache)))
        grid, curves = cache[key]
        return grid.copy(), {k: (a.copy(), b.copy()) for k, (a, b) in curves.items()}

    def _build(self, fig, params):
        ax_l, ax_g = fig.subplots(1, 2)
        ax_l.set_xlim(0, 1)
        ax_l.set_ylim(0, 5)
        ax_l.set_xlabel(style.LABELS["p"])
        ax_l.set_ylabel(style.LABELS["loss"])
        ax_l.set_title("loss")
        ax_g.set_xlim(0, 1)
        ax_g.set_ylim(-8, 8)
        ax_g.axhline(0, color="0.5", lw=0.8)
        ax_g.set_xlabel(style.LABELS["p"])
        ax_g.set_ylabel(style.LABELS["dLdp"])
        ax_g.set_title("gradient dL/dp")
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
            labels=["BCE", "MSE", "focal"],
            loc="upper center",
        )
        return art

    def _draw(self, art, r, params):
        grid = r["grid"]
        p, y = r["p"], r["y"]
        shown = {n: bool(params.get(f"show_{n}", True)) for n in ("bce", "mse", "focal")}
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
        label = ", ".join({"bce": "BCE", "focal": "focal"}[n] for n in inf_names)
        g_inf = -np.inf if y == 1 else np.inf
        end_x = inf_end if inf_names else np.nan
        art["end_loss"].set(end_x, np.inf, text=f"∞ {label}", row=0)
        art["end_grad"].set(end_x, g_inf, text=f"{'−∞' if y == 1 else '∞'} {label}", row=0)
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
        art["vline_l"].set_xdata([p, p])
        art["vline_g"].set_xdata([p, p])
        # the legend lists only the losses shown (it is static: a change needs a full redraw)
        legend, changed = art.get("_legend"), False
        if legend is not None:
            for text, handle, name in zip(
                legend.get_texts(), legend.legend_handles, ("bce", "mse", "focal"), strict=True
            ):
                if text.get_visible() != shown[name]:
                    text.set_visible(shown[name])
                    handle.set_visible(shown[name])
                    changed = True
        return changed

    def _readout(self, r, params):
        shown = {n: bool(params.get(f"show_{n}", True)) for n in ("bce", "mse", "focal")}
        lines = [
            (f"p = {r['p']:.2f}, y = {r['y']}", None),
            (f"{'':8s}{'loss':>7s}{'dL/dp':>9s}", None),
        ]
        names = {"bce": "BCE", "mse": "MSE", "focal": f"FL γ={r['gamma']:.1f}"}
        for name in ("bce", "mse", "focal"):
            if shown[name]:
                lines.append(
                    (
                        f"{names[name]:8s}{style.format_value(r[name]):>7s}"
                        f"{style.format_value(r[name + '_grad']):>9s}",
                        style.LOSS_COLORS[name],
                    )
                )
        return lines

    def panel_title(self, params, setting):
        return f"p = {params['p']:.2f}, y = {params['y']}"
