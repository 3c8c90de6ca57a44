r"""SaturationExplorer: the gradient with respect to the logit, for BCE and for MSE on a sigmoid.

With :math:`p = \sigma(z)` and :math:`\sigma'(z) = p(1-p)`:

.. math::
    \frac{\partial\,\mathrm{BCE}}{\partial z} = p - y, \qquad
    \frac{\partial (p - y)^2}{\partial z} = 2 (p - y)\, \sigma'(z), \qquad
    \text{ratio} = \frac{1}{2\sigma'(z)} .

The ratio depends on the convention for the quadratic cost.  lossviz's :func:`~lossviz.mse`, like
PyTorch's ``MSELoss``, is :math:`(p - y)^2` (no ½): the ratio is :math:`1/(2\sigma'(z))`, **2** at
:math:`z = 0`.  With the textbook quadratic cost :math:`\tfrac12 (p - y)^2` (Nielsen, *Neural
Networks and Deep Learning*, ch. 3) it is :math:`1/\sigma'(z)`, **4** at :math:`z = 0`.  Either way
it grows like :math:`e^{|z|}`: about 200 (or 400) at :math:`|z| = 6`.  The explorer shows both.
"""

from __future__ import annotations

import matplotlib
import numpy as np

from .. import style
from ..activations import sigmoid
from ..gradients import bce_with_logits_grad, mse_sigmoid_grad
from ..i18n import tr
from ..losses import bce_with_logits, mse
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["SaturationExplorer"]

_Z_MAX = 10.0
_N_GRID = 401


def _sig_pair(z):
    z = np.asarray(z, dtype=float)
    return sigmoid(z), sigmoid(-z)  # p and 1 - p without cancellation


class SaturationExplorer(Explorer):
    r"""σ(z), dL/dz for BCE and for MSE on σ(z), and their ratio on a log scale.

    Controls: the logit ``z`` (−10 to 10) and the true label ``y``; with ``inputs="wxb"`` the logit
    is :math:`z = w x + b` instead, with sliders for the weight ``w`` (−3 to 3), the input ``x``
    (−2 to 2) and the bias ``b`` (−4 to 4), so ``|z| <= 10``.  Panels: the sigmoid with a
    marker (and σ'(z) dotted); the two gradients with markers; their ratio on a log axis, in both
    conventions for the quadratic cost (see the module docstring): ``1/(2σ'(z))`` for
    ``(p − y)²`` (lossviz's ``mse``, PyTorch's ``MSELoss``) and ``1/σ'(z)`` for ``½(p − y)²``.

    Parameters
    ----------
    inputs : {"z", "wxb"}, default "z"
        Drive the logit directly, or through a weight, an input and a bias.
    lecture : bool, optional
    **params
        Initial control values.

    Examples
    --------
    >>> ex = SaturationExplorer(z=0.0, y=1)
    >>> r = ex.compute(z=0.0, y=1)
    >>> r["ratio"], r["ratio_half"]
    (2.0, 4.0)
    >>> round(ex.compute(z=-6.0, y=1)["ratio"]), round(ex.compute(z=6.0, y=0)["ratio_half"])
    (203, 405)
    >>> r["bce_grad"], r["mse_grad"]
    (-0.5, -0.25)
    >>> ex2 = SaturationExplorer(inputs="wxb", w=2.0, x=1.0, b=-1.0)
    >>> ex2.result["z"], ex2.compute(w=2.0, x=1.5, b=-1.0)["z"]
    (1.0, 2.0)
    """

    figsize = (11.0, 3.8)
    slow_artists = ("grad_bce", "grad_mse", "target")

    def _slow_key(self, params):
        return params["y"]

    def __init__(self, inputs="z", **kwargs):
        if inputs not in ("z", "wxb"):
            raise ValueError(
                f"inputs must be 'z' (a logit slider) or 'wxb' (z = w·x + b); found {inputs!r}."
            )
        self.inputs = inputs
        super().__init__(**kwargs)

    def param_spec(self):
        if self.inputs == "wxb":
            spec = {
                "w": FloatParam(-3.0, 3.0, 0.1, 1.0, label=tr("weight w"), readout_format=".1f"),
                "x": FloatParam(-2.0, 2.0, 0.1, 1.0, label=tr("input x"), readout_format=".1f"),
                "b": FloatParam(-4.0, 4.0, 0.1, 0.0, label=tr("bias b"), readout_format=".1f"),
            }
        else:
            spec = {
                "z": FloatParam(
                    -_Z_MAX, _Z_MAX, 0.1, 0.0, label=tr("logit z"), readout_format=".1f"
                )
            }
        spec["y"] = ChoiceParam([("y = 0", 0), ("y = 1", 1)], 1, label=tr("true label"))
        return spec

    def compute(self, *, z=None, y=1, w=None, x=None, b=None):
        """Values at ``z`` (or at ``z = w x + b``) and the curves over [−10, 10].

        Parameters
        ----------
        z : float, optional
            The logit (default 0 unless ``w``, ``x``, ``b`` are given).
        y : {0, 1}
        w, x, b : float, optional
            Weight, input and bias; ``z = w x + b``.  ``dL/dw = x · dL/dz`` is returned too.

        Returns
        -------
        dict
            ``z, y, p`` (= σ(z)), ``dsigma`` (σ'(z)), ``bce, mse`` (losses), ``bce_grad`` (p − y),
            ``mse_grad`` (2(p − y)σ'(z)), ``mse_half_grad`` ((p − y)σ'(z)), ``ratio``
            (BCE/MSE gradient, MSE = (p − y)²) and ``ratio_half`` (quadratic cost ½(p − y)²), and
            ``grid`` with ``curves`` (arrays over the grid: ``sigma, dsigma, bce_grad, mse_grad,
            ratio, ratio_half``).
        """
        if isinstance(y, (bool, np.bool_)) or y not in (0, 1):
            raise ValueError(f"y must be the true label 0 or 1; found {y!r}.")
        wxb = (w, x, b)
        if any(v is not None for v in wxb):
            if z is not None:
                raise TypeError("give either z or (w, x, b), not both.")
            w = 1.0 if w is None else float(w)
            x = 1.0 if x is None else float(x)
            b = 0.0 if b is None else float(b)
            z = w * x + b
        z = 0.0 if z is None else float(z)
        if not np.isfinite(z):
            raise ValueError(f"z must be finite; found {z!r}.")
        y = int(y)
        p, q = _sig_pair(z)
        p, q = float(p), float(q)
        ds = p * q
        grid = np.linspace(-_Z_MAX, _Z_MAX, _N_GRID)
        gp, gq = _sig_pair(grid)
        yg = np.full_like(grid, y)
        curves = {
            "sigma": gp,
            "dsigma": gp * gq,
            "bce_grad": bce_with_logits_grad(yg, grid),
            "mse_grad": mse_sigmoid_grad(yg, grid),
            "ratio": 1.0 / (2.0 * gp * gq),
            "ratio_half": 1.0 / (gp * gq),
        }
        return {
            "z": z,
            "y": y,
            "p": p,
            "dsigma": ds,
            "bce": float(bce_with_logits([float(y)], [z])),
            "mse": float(mse([float(y)], [p])),
            "bce_grad": float(bce_with_logits_grad([float(y)], [z])[0]),
            "mse_grad": float(mse_sigmoid_grad([float(y)], [z])[0]),
            "mse_half_grad": float(0.5 * mse_sigmoid_grad([float(y)], [z])[0]),
            "ratio": 1.0 / (2.0 * ds),
            "ratio_half": 1.0 / ds,
            "w": w,
            "x": x,
            "b": b,
            "grid": grid,
            "curves": curves,
        }

    def _build(self, fig, params):
        ax_s, ax_g, ax_r = fig.subplots(1, 3)
        r0 = self.compute(z=0.0, y=1)
        grid, c = r0["grid"], r0["curves"]
        # sigmoid panel (static curves)
        ax_s.plot(grid, c["sigma"], color="black", label="σ(z)")
        ax_s.plot(
            grid, c["dsigma"], color=style.ACCENT_COLORS["neutral"], ls=":", label="σ'(z) = p(1−p)"
        )
        ax_s.set_xlim(-_Z_MAX, _Z_MAX)
        ax_s.set_ylim(-0.05, 1.05)
        ax_s.set_xlabel(tr(style.LABELS["z"]))
        ax_s.set_ylabel("p = σ(z)")
        ax_s.set_title(tr("sigmoid"))
        ax_s.legend(loc="center left", fontsize="small")
        # gradient panel
        ax_g.set_xlim(-_Z_MAX, _Z_MAX)
        ax_g.set_ylim(-1.05, 1.05)
        ax_g.axhline(0, color="0.5", lw=0.8)
        ax_g.set_xlabel(tr(style.LABELS["z"]))
        ax_g.set_ylabel(tr(style.LABELS["dLdz"]))
        ax_g.set_title(tr("gradient dL/dz"))
        art = {}
        (art["grad_bce"],) = ax_g.plot([], [], **style.loss_style("bce", label="BCE: p − y"))
        (art["grad_mse"],) = ax_g.plot(
            [], [], **style.loss_style("mse", label="MSE: 2(p − y)σ'(z)")
        )
        ax_g.legend(handles=[art["grad_bce"], art["grad_mse"]], loc="upper left", fontsize="small")
        # ratio panel (static curves: the ratio does not depend on y)
        ax_r.semilogy(grid, c["ratio"], color="black", label="MSE = (p − y)²  (PyTorch)")
        ax_r.semilogy(
            grid,
            c["ratio_half"],
            color=style.ACCENT_COLORS["neutral"],
            ls="--",
            label=tr("cost ½(p − y)²  (Nielsen)"),
        )
        ax_r.set_xlim(-_Z_MAX, _Z_MAX)
        ax_r.set_ylim(1, 1e5)
        ax_r.set_xlabel(tr(style.LABELS["z"]))
        ax_r.set_ylabel(tr("|BCE grad| / |MSE grad|"))
        ax_r.set_title(tr("ratio (log scale)"))
        ax_r.legend(loc="upper center", fontsize="small")  # between the arms of the V
        art["target"] = ax_s.axhline(1.0, color=style.LOSS_COLORS["bce"], lw=1, ls="--")
        art["mark_sigma"] = style.CappedMarker(ax_s, color="black")
        # where both gradients are ~0 (large |z| on the right side) the two markers coincide: the
        # BCE
        # one is larger and drawn below, so it shows as a ring around the MSE marker
        art["mark_bce"] = style.CappedMarker(
            ax_g,
            color=style.LOSS_COLORS["bce"],
            zorder=4,
            size=1.7 * float(matplotlib.rcParams["lines.markersize"]),
        )
        art["mark_mse"] = style.CappedMarker(ax_g, color=style.LOSS_COLORS["mse"], label_row=1)
        art["mark_ratio"] = style.CappedMarker(ax_r, color="black")
        art["mark_ratio_half"] = style.CappedMarker(
            ax_r, color=style.ACCENT_COLORS["neutral"], label_row=1
        )
        art["vlines"] = [ax.axvline(0, color="0.35", lw=1, ls=":") for ax in (ax_s, ax_g, ax_r)]
        return art

    def _draw(self, art, r, params):
        grid, c, z = r["grid"], r["curves"], r["z"]
        art["grad_bce"].set_data(grid, c["bce_grad"])
        art["grad_mse"].set_data(grid, c["mse_grad"])
        art["target"].set_ydata([r["y"], r["y"]])
        art["mark_sigma"].set(z, r["p"])
        art["mark_bce"].set(z, r["bce_grad"])
        art["mark_mse"].set(z, r["mse_grad"])
        art["mark_ratio"].set(z, r["ratio"])
        art["mark_ratio_half"].set(z, r["ratio_half"])
        for v in art["vlines"]:
            v.set_xdata([z, z])
        return False

    def _readout(self, r, params):
        f = style.format_value
        head = []
        if r["w"] is not None:
            head = [
                (f"z = w·x + b = {r['w']:.1f}·{r['x']:.1f} + {r['b']:.1f}", None),
                (
                    f"dL/dw = x·dL/dz:  BCE {f(r['x'] * r['bce_grad'], 4)},  "
                    f"MSE {f(r['x'] * r['mse_grad'], 4)}",
                    None,
                ),
            ]
        return head + [
            (f"z = {r['z']:.1f}, y = {r['y']}, p = σ(z) = {f(r['p'])}", None),
            (f"σ'(z) = p(1 − p)   = {f(r['dsigma'], 4)}", None),
            (f"BCE  dL/dz = p − y  = {f(r['bce_grad'], 4)}", style.LOSS_COLORS["bce"]),
            (f"MSE  dL/dz = 2(p − y)σ'(z) = {f(r['mse_grad'], 4)}", style.LOSS_COLORS["mse"]),
            (
                tr("ratio 1/(2σ') = {ratio}  (MSE = (p−y)², PyTorch MSELoss)").format(
                    ratio=f(r["ratio"], 1)
                ),
                None,
            ),
            (
                tr("ratio 1/σ'    = {ratio}  (cost ½(p−y)², Nielsen)").format(
                    ratio=f(r["ratio_half"], 1)
                ),
                style.ACCENT_COLORS["neutral"],
            ),
        ]

    def panel_title(self, params, setting):
        if self.inputs == "wxb":
            return (
                f"w = {params['w']:g}, x = {params['x']:g}, b = {params['b']:g}, y = {params['y']}"
            )
        return f"z = {params['z']:g}, y = {params['y']}"
