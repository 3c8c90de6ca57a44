r"""SmoothingGapExplorer: the label-smoothed loss against the logit gap, with its finite optimum.

One control, :math:`\varepsilon` from 0 to 0.3 (and the number of classes ``K``). Left: the
smoothed cross-entropy against the gap :math:`g` between the true class's logit and the others
(the one-hot loss in grey), the optimum
:math:`g^* = \log((1-\varepsilon+\varepsilon/K)/(\varepsilon/K))` marked (an arrow with
"∞" at the right edge for :math:`\varepsilon = 0`). Right: the predicted
probability of the true class against the gap, with the smoothed target
:math:`1 - \varepsilon + \varepsilon/K` as a line.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import tr
from ..smoothing import gap_loss, optimal_gap
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["SmoothingGapExplorer"]

_G = np.linspace(-2.0, 12.0, 281)
_LOSS_MAX = 4.5


class SmoothingGapExplorer(Explorer):
    r"""Label smoothing: the loss against the logit gap and its optimum.

    Examples
    --------
    >>> ex = SmoothingGapExplorer(_live=False)
    >>> r = ex.compute(eps=0.1, K=3)
    >>> round(r["g_best"], 4), round(r["loss_best"], 4), round(r["t_true"], 4)
    (3.3322, 0.2911, 0.9333)
    >>> ex.compute(eps=0.0, K=3)["g_best"]
    inf
    """

    figsize = (10.0, 3.8)

    def param_spec(self):
        return {
            "eps": FloatParam(0.0, 0.3, 0.01, 0.1, label=tr("smoothing ε")),
            "K": ChoiceParam([("K = 2", 2), ("K = 3", 3), ("K = 10", 10)], 3, label=tr("classes")),
        }

    def compute(self, *, eps=0.1, K=3):
        """``gap``, ``loss`` (smoothed), ``onehot`` (eps = 0), ``p_true``, ``g_best``,
        ``loss_best`` (= H(t)), ``t_true``."""
        g_best = optimal_gap(eps, K)
        t_true = 1.0 - eps + eps / K
        best = float(gap_loss([g_best], eps, K)[0]) if np.isfinite(g_best) else 0.0
        return {
            "gap": _G,
            "loss": gap_loss(_G, eps, K),
            "onehot": gap_loss(_G, 0.0, K),
            "p_true": 1.0 / (1.0 + (K - 1) * np.exp(-_G)),
            "g_best": g_best,
            "loss_best": best,
            "t_true": t_true,
            "eps": float(eps),
            "K": int(K),
        }

    def _build(self, fig, params):
        ax, ax_p = fig.subplots(1, 2)
        art = {}
        colour = style.LOSS_COLORS["bce"]
        ax.set_xlim(_G[0], _G[-1])
        ax.set_ylim(0, _LOSS_MAX)
        ax.set_xlabel(tr("logit gap g = z_true − z_other"))
        ax.set_ylabel(tr("loss (nats)"))
        ax.set_title(tr("loss against the gap"))
        (art["onehot"],) = ax.plot(_G, _G * 0, color="0.6", lw=2, label=tr("one-hot (ε = 0)"))
        (art["loss"],) = ax.plot(_G, _G * 0, color=colour, lw=2.5, label=tr("smoothed"))
        (art["best"],) = ax.plot([], [], "o", color="black", ms=8, label=tr("optimum g*"))
        (art["best_line"],) = ax.plot([], [], color="black", lw=1, ls=":")
        (art["inf"],) = ax.plot([], [], ">", color="black", ms=10)
        art["inf_text"] = ax.text(_G[-1] - 0.3, 0.35, "", ha="right", fontsize="small")
        ax.legend(loc="upper center", fontsize="small", frameon=False)
        ax_p.set_xlim(_G[0], _G[-1])
        ax_p.set_ylim(0, 1.05)
        ax_p.set_xlabel(tr("logit gap g"))
        ax_p.set_ylabel(tr("p of the true class"))
        ax_p.set_title(tr("probability and the smoothed target"))
        (art["p"],) = ax_p.plot(_G, _G * 0, color="0.3", lw=2)
        (art["target"],) = ax_p.plot(
            [_G[0], _G[-1]],
            [1, 1],
            color=colour,
            lw=1.5,
            ls="--",
            label=tr("target 1 − ε + ε/K"),
        )
        (art["p_best"],) = ax_p.plot([], [], "o", color="black", ms=8)
        ax_p.legend(loc="lower right", fontsize="small", frameon=False)
        return art

    def _draw(self, art, r, params):
        art["loss"].set_ydata(np.minimum(r["loss"], _LOSS_MAX))
        art["onehot"].set_ydata(np.minimum(r["onehot"], _LOSS_MAX))
        art["p"].set_ydata(r["p_true"])
        art["target"].set_ydata([r["t_true"], r["t_true"]])
        g = r["g_best"]
        if np.isfinite(g) and g <= _G[-1]:
            art["best"].set_data([g], [r["loss_best"]])
            art["best_line"].set_data([g, g], [0, _LOSS_MAX])
            art["p_best"].set_data([g], [r["t_true"]])
            art["inf"].set_data([], [])
            art["inf_text"].set_text("")
        else:  # eps = 0: the optimum is at infinity (or beyond the axis)
            art["best"].set_data([], [])
            art["best_line"].set_data([], [])
            art["p_best"].set_data([], [])
            art["inf"].set_data([_G[-1] - 0.15], [0.15])
            text = tr("optimum g* = ∞") if not np.isfinite(g) else f"g* = {g:.1f}"
            art["inf_text"].set_text(text)
        return False

    def _readout(self, r, params):
        g = r["g_best"]
        gs = tr("∞ (no finite optimum)") if not np.isfinite(g) else f"{g:.3f}"
        return [
            (
                tr("ε = {eps:.2f}, K = {K}: optimum gap g* = {g}").format(
                    eps=r["eps"], K=r["K"], g=gs
                ),
                None,
            ),
            (
                tr("target p_true = {t:.4f};  loss floor H(t) = {floor:.4f}").format(
                    t=r["t_true"], floor=r["loss_best"]
                ),
                style.LOSS_COLORS["bce"],
            ),
        ]

    def panel_title(self, params, setting):
        return f"ε = {params['eps']:g}, K = {params['K']}"
