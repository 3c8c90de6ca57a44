r"""LossSurfaceExplorer: the (w, b) landscape of a one-feature logistic model under BCE and under
MSE on σ, with the gradient-descent path from a chosen start drawn on both.

The model is :math:`p = \sigma(w x + b)` on a seeded one-feature data set
(:func:`lossviz.surface.one_feature_data`: 40 points, two overlapping classes).  Cross-entropy is
convex in ``(w, b)`` (its Hessian is a mean of :math:`\sigma'(z) [x, 1]^\top [x, 1] \succeq 0`);
the squared error on the probability is not: far from the data's boundary every prediction is
saturated, the surface is a plateau, and gradient descent started there hardly moves.

Speed: the two surfaces do not depend on the controls.  They are computed once per data set
(cached for the whole session) and drawn into the static background; a control move runs the two
descents in one loop (:func:`lossviz.surface.descent_paths`, cached per start and rate and
extended when more steps are asked for) and redraws only the paths, the markers and the two loss
curves.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import N_, tr
from ..surface import (
    SURFACE_LOSSES,
    descent_paths,
    hessian_min_eig,
    loss_surface,
    minimiser,
    one_feature_data,
)
from ._base import Explorer, FloatParam, IntParam
from ._params import SelectionParam

__all__ = ["LossSurfaceExplorer", "LEARNING_RATES"]

#: The learning-rate slider's values (log-spaced).
LEARNING_RATES = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)

_WINDOW = (-8.0, 8.0)  # w and b axes of both surfaces
_N_GRID = 161
_GAP_FLOOR = 1e-7  # "loss − minimum" axis: smaller gaps are drawn at the floor
_GAP_TOP = 100.0
_MAX_STEPS = 400
_TITLES = {"bce": N_("BCE (convex)"), "mse": N_("MSE on σ (plateaus, not convex)")}
_surface_cache: dict = {}
_path_cache: dict = {}
_PATH_CACHE_SIZE = 128


def _landscape(n, separation, seed):
    """Data, surfaces, minima and Hessian signs for one data set (computed once, cached)."""
    key = (n, separation, seed)
    if key not in _surface_cache:
        x, y = one_feature_data(n, separation=separation, seed=seed)
        grid = np.linspace(*_WINDOW, _N_GRID)
        W, B = np.meshgrid(grid, grid)
        out = {"x": x, "y": y, "grid": grid, "surface": {}, "minimum": {}, "min_eig": {}}
        for loss in SURFACE_LOSSES:
            out["surface"][loss] = loss_surface(x, y, grid, grid, loss)
            w_min, b_min = minimiser(x, y, loss)
            out["minimum"][loss] = (
                w_min,
                b_min,
                float(loss_surface(x, y, [w_min], [b_min], loss)[0, 0]),
            )
            out["min_eig"][loss] = hessian_min_eig(W, B, x, y, loss)
        _surface_cache[key] = out
    return _surface_cache[key]


def _paths(land_key, x, y, w0, b0, lr, steps):
    key = (land_key, w0, b0, lr)
    entry = _path_cache.get(key)
    if entry is None or entry["steps"] < steps:
        entry = {"steps": steps, "paths": descent_paths(x, y, w0, b0, lr=lr, steps=steps)}
        _path_cache[key] = entry
        if len(_path_cache) > _PATH_CACHE_SIZE:
            _path_cache.pop(next(iter(_path_cache)))
    return {k: tuple(a[: steps + 1] for a in v) for k, v in entry["paths"].items()}


class LossSurfaceExplorer(Explorer):
    r"""The (w, b) loss landscape of a one-feature logistic model, BCE beside MSE on σ, with the
    gradient-descent path from ``(w0, b0)`` on both.

    Controls: the start ``w0`` and ``b0`` (−6 to 6), the learning rate ``lr`` (η, log-spaced from
    0.05 to 50, the same for both losses) and the number of ``steps`` (0 to 400).  Panels: the
    BCE surface and the MSE surface (grey: darker is higher; star: the minimum; white circle: the
    start; the path in the loss's colour, ending in a dot), and the distance of each loss from its
    own minimum over the steps, on a log scale.  The readout gives the end point and loss of each
    run.

    Parameters
    ----------
    n, separation, seed : int, float, int, default 40, 2.0, 0
        The data set (:func:`lossviz.surface.one_feature_data`), fixed at construction.
    lecture : bool, optional
    **params
        Initial control values.

    Examples
    --------
    >>> ex = LossSurfaceExplorer(_live=False)
    >>> r = ex.compute(w0=-5.0, b0=-5.0, lr=1.0, steps=200)
    >>> round(r["final_loss"]["bce"], 3), round(r["minimum"]["bce"][2], 3)
    (0.172, 0.172)
    >>> round(r["final_loss"]["mse"], 3), round(r["minimum"]["mse"][2], 3)   # stalled on a plateau
    (0.5, 0.058)
    >>> r = ex.compute(w0=0.0, b0=0.0, lr=1.0, steps=200)
    >>> round(r["final_loss"]["mse"], 3)
    0.059
    """

    figsize = (11.5, 3.9)

    def __init__(self, n=40, separation=2.0, seed=0, **kwargs):
        self._land_key = (int(n), float(separation), int(seed))
        self.land = _landscape(*self._land_key)
        super().__init__(**kwargs)

    def param_spec(self):
        return {
            "w0": FloatParam(-6.0, 6.0, 0.1, -5.0, label=tr("start w₀"), readout_format=".1f"),
            "b0": FloatParam(-6.0, 6.0, 0.1, -5.0, label=tr("start b₀"), readout_format=".1f"),
            "lr": SelectionParam(list(LEARNING_RATES), 1.0, label=tr("learning rate η")),
            "steps": IntParam(0, _MAX_STEPS, 200, step=10, label=tr("steps")),
        }

    def compute(self, *, w0=-5.0, b0=-5.0, lr=1.0, steps=200):
        r"""Gradient descent on both losses from ``(w0, b0)``.

        Parameters
        ----------
        w0, b0 : float
            The start.
        lr : float
            Learning rate (> 0), the same for both losses.
        steps : int
            Number of full-batch updates (>= 0).

        Returns
        -------
        dict
            ``path[loss]`` = ``(W, B, L)`` arrays of length ``steps + 1`` for ``loss`` in
            ``("bce", "mse")``; ``final_w, final_b, final_loss, start_loss, gap`` (final loss −
            minimum) per loss; ``minimum[loss]`` = ``(w, b, loss)``; ``start_min_eig[loss]``:
            the smallest Hessian eigenvalue at the start (negative: not convex there); the
            inputs.
        """
        land = self.land
        x, y = land["x"], land["y"]
        paths = _paths(self._land_key, x, y, float(w0), float(b0), float(lr), int(steps))
        out = {
            "path": paths,
            "minimum": land["minimum"],
            "final_w": {},
            "final_b": {},
            "final_loss": {},
            "start_loss": {},
            "gap": {},
            "start_min_eig": {},
        }
        for loss, (W, B, L) in paths.items():
            out["final_w"][loss] = float(W[-1])
            out["final_b"][loss] = float(B[-1])
            out["final_loss"][loss] = float(L[-1])
            out["start_loss"][loss] = float(L[0])
            out["gap"][loss] = max(float(L[-1]) - land["minimum"][loss][2], 0.0)
            out["start_min_eig"][loss] = float(hessian_min_eig(w0, b0, x, y, loss))
        out.update(w0=float(w0), b0=float(b0), lr=float(lr), steps=int(steps))
        return out

    # ---------------------------------------------------------------- figure
    def _build(self, fig, params):
        land = self.land
        grid = land["grid"]
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.1]})
        art = {}
        for ax, loss in zip(axes[:2], SURFACE_LOSSES, strict=True):
            surf = land["surface"][loss]
            # shade by rank (each loss on its own scale), a few contour lines on top
            rank = np.argsort(np.argsort(surf, axis=None)).reshape(surf.shape) / surf.size
            ax.imshow(
                rank,
                origin="lower",
                extent=(*_WINDOW, *_WINDOW),
                cmap="Greys",
                vmin=-0.15,
                vmax=1.6,
                interpolation="bilinear",
                aspect="auto",
            )
            levels = np.unique(np.quantile(surf, np.linspace(0.05, 0.95, 7)))
            ax.contour(grid, grid, surf, levels=levels, colors="0.4", linewidths=0.6)
            w_m, b_m, _ = land["minimum"][loss]
            ax.plot([w_m], [b_m], "*", color="k", markersize=12, markeredgecolor="w")
            ax.set_xlim(*_WINDOW)
            ax.set_ylim(*_WINDOW)
            ax.set_xlabel(tr("weight w"))
            ax.set_ylabel(tr("bias b"))
            ax.set_title(tr(_TITLES[loss]))
            colour = style.LOSS_COLORS[loss]
            (art[f"path_{loss}"],) = ax.plot([], [], "-", color=colour, lw=2.2)
            (art[f"start_{loss}"],) = ax.plot(
                [], [], "o", color="w", markeredgecolor="k", markersize=8
            )
            (art[f"end_{loss}"],) = ax.plot(
                [], [], "o", color=colour, markeredgecolor="k", markersize=7
            )
        ax_l = axes[2]
        ax_l.set_yscale("log")
        ax_l.set_ylim(_GAP_FLOOR, _GAP_TOP)
        ax_l.set_xlim(0, _MAX_STEPS)  # fixed: a full redraw of this figure costs ~100 ms
        ax_l.set_xlabel(tr("step"))
        ax_l.set_ylabel(tr("loss − its minimum"))
        ax_l.set_title(tr("distance from the minimum"))
        for loss in SURFACE_LOSSES:
            (art[f"gap_{loss}"],) = ax_l.plot(
                [], [], **style.loss_style(loss, label=tr(style.LOSS_NAMES[loss]))
            )
        ax_l.legend(loc="upper right")
        return art

    def _draw(self, art, r, params):
        for loss in SURFACE_LOSSES:
            W, B, L = r["path"][loss]
            art[f"path_{loss}"].set_data(W, B)
            art[f"start_{loss}"].set_data([W[0]], [B[0]])
            art[f"end_{loss}"].set_data([W[-1]], [B[-1]])
            gap = np.clip(L - r["minimum"][loss][2], _GAP_FLOOR, None)
            art[f"gap_{loss}"].set_data(np.arange(L.size), gap)
        return False

    def _readout(self, r, params):
        fv = style.format_value
        lines = [
            (
                tr("start ({w0:.1f}, {b0:.1f}), η {lr:g}, {steps} steps").format(
                    w0=r["w0"], b0=r["b0"], lr=r["lr"], steps=r["steps"]
                ),
                None,
            )
        ]
        for loss in SURFACE_LOSSES:
            name = "BCE" if loss == "bce" else "MSE"
            lines.append(
                (
                    tr("{name}: end ({w}, {b}), loss {loss} (min {min})").format(
                        name=name,
                        w=fv(r["final_w"][loss], 2),
                        b=fv(r["final_b"][loss], 2),
                        loss=fv(r["final_loss"][loss]),
                        min=fv(r["minimum"][loss][2]),
                    ),
                    style.LOSS_COLORS[loss],
                )
            )
        curv = r["start_min_eig"]["mse"]
        verdict = tr("not convex (a negative curvature)") if curv < 0 else tr("locally convex")
        lines.append((tr("MSE surface at the start: {verdict}").format(verdict=verdict), None))
        return lines

    def panel_title(self, params, setting):
        return tr("start (w₀, b₀) = ({w0:g}, {b0:g}), η = {lr:g}, {steps} steps").format(
            w0=params["w0"], b0=params["b0"], lr=params["lr"], steps=params["steps"]
        )
