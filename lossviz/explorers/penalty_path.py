r"""PenaltyPathExplorer: the weights of penalised logistic regression against the strength λ.

Chapter 10's data (one informative feature, nine of noise). Controls: the penalty (L1 or L2) and
:math:`\log_{10}\lambda`. Left: every weight against λ (log axis), the informative one in
colour, a line at the current λ and a star at the λ that a validation split chooses. Right: the
training and validation losses (mean BCE, no penalty) against λ. L1 paths hit zero exactly; L2
paths shrink smoothly and never reach it. The paths are computed once
(:func:`lossviz.penalties.chapter_paths`); a move of λ redraws only the markers.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import tr
from ..penalties import chapter_paths
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["PenaltyPathExplorer"]


class PenaltyPathExplorer(Explorer):
    r"""Regularisation paths of L1 and L2 and the λ a validation split chooses.

    Examples
    --------
    >>> ex = PenaltyPathExplorer(_live=False)
    >>> r = ex.compute(kind="l1", log_lam=-1.0)
    >>> round(r["lam"], 4), r["n_zero"], round(r["best_lam"], 4)
    (0.1, 9, 0.0316)
    >>> ex.compute(kind="l2", log_lam=0.0)["n_zero"]
    0
    """

    figsize = (11.0, 4.6)
    slow_artists = ("paths", "signal", "val", "train", "best", "best_val")

    def __init__(self, **kwargs):
        self._paths = chapter_paths()
        super().__init__(**kwargs)

    def param_spec(self):
        return {
            "kind": ChoiceParam(
                [("L1  λΣ|w|", "l1"), ("L2  λΣw²", "l2")], "l1", label=tr("penalty")
            ),
            "log_lam": FloatParam(-4.0, 0.0, 0.1, -1.5, label="log₁₀ λ", readout_format=".1f"),
        }

    def _slow_key(self, params):
        return params["kind"]

    def compute(self, *, kind="l1", log_lam=-1.5):
        """The path of ``kind`` and, at the grid point nearest ``10**log_lam``: ``lam``,
        ``weights``, ``n_zero``, ``val_loss``; ``best_lam`` (smallest validation loss)."""
        p = self._paths[kind]
        lams = p["lambdas"]
        i = int(np.argmin(np.abs(np.log10(lams) - float(log_lam))))
        return {
            "lambdas": lams,
            "path": p["weights"],
            "train_curve": p["train_loss"],
            "val_curve": p["val_loss"],
            "best": p["best"],
            "best_lam": float(lams[p["best"]]),
            "i": i,
            "lam": float(lams[i]),
            "weights": p["weights"][i],
            "n_zero": int(np.sum(p["weights"][i] == 0.0)),
            "val_loss": float(p["val_loss"][i]),
            "kind": kind,
        }

    def _build(self, fig, params):
        ax, ax_v = fig.subplots(1, 2)
        lams = self._paths["l1"]["lambdas"]
        art = {}
        for a in (ax, ax_v):
            a.set_xscale("log")
            a.set_xlim(lams[0], lams[-1])
            a.set_xlabel(tr("penalty strength λ (log)"))
        top = max(float(p["weights"].max()) for p in self._paths.values()) + 0.2
        bottom = min(float(p["weights"].min()) for p in self._paths.values()) - 0.2
        self._ylim = (bottom, top)
        ax.set_ylim(bottom, top)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_ylabel(tr("weight"))
        ax.set_title(tr("weights against λ"))
        d = self._paths["l1"]["weights"].shape[1]
        nan = np.full(lams.size, np.nan)
        # the nine noise weights as one line (NaN-separated): one artist to redraw
        (art["paths"],) = ax.plot(
            np.tile(np.r_[lams, np.nan], d - 1),
            np.tile(np.r_[nan, np.nan], d - 1),
            color="0.55",
            lw=1.2,
            label=tr("noise features"),
        )
        (art["signal"],) = ax.plot(
            lams, nan, color=style.LOSS_COLORS["bce"], lw=2.5, label=tr("informative feature")
        )
        (art["best"],) = ax.plot(
            [], [], "*", color="black", ms=14, label=tr("λ chosen on validation")
        )
        (art["now"],) = ax.plot([], [], color="black", lw=1, ls=":")
        (art["dots"],) = ax.plot([], [], "o", color="black", ms=4)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize="small", frameon=False
        )
        ax_v.set_ylim(0.35, 0.75)
        ax_v.set_ylabel(tr("mean BCE (nats)"))
        ax_v.set_title(tr("loss against λ"))
        (art["train"],) = ax_v.plot(
            lams, nan, color=style.LOSS_COLORS["bce"], lw=1.5, ls=":", label=tr("training")
        )
        (art["val"],) = ax_v.plot(
            lams, nan, color=style.LOSS_COLORS["bce"], lw=2.5, label=tr("validation (held out)")
        )
        (art["best_val"],) = ax_v.plot([], [], "*", color="black", ms=14)
        (art["now_v"],) = ax_v.plot([], [], "o", color="black", ms=7)
        ax_v.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize="small", frameon=False
        )
        return art

    def _draw(self, art, r, params):
        lams, path = r["lambdas"], r["path"]
        noise = np.c_[path[:, 1:].T, np.full(path.shape[1] - 1, np.nan)].ravel()
        art["paths"].set_ydata(noise)
        art["signal"].set_ydata(path[:, 0])
        b = r["best"]
        art["best"].set_data([lams[b]], [path[b, 0]])
        art["train"].set_ydata(r["train_curve"])
        art["val"].set_ydata(r["val_curve"])
        art["best_val"].set_data([lams[b]], [r["val_curve"][b]])
        lam = r["lam"]
        art["now"].set_data([lam, lam], list(self._ylim))
        art["dots"].set_data(np.full(path.shape[1], lam), r["weights"])
        art["now_v"].set_data([lam], [r["val_loss"]])
        return False

    def _readout(self, r, params):
        name = "L1" if r["kind"] == "l1" else "L2"
        return [
            (
                tr(
                    "{name}, λ = {lam:.2g}: weights exactly 0: {n_zero} of {n};  "
                    "informative weight {w:.3f}"
                ).format(
                    name=name,
                    lam=r["lam"],
                    n_zero=r["n_zero"],
                    n=r["weights"].size,
                    w=r["weights"][0],
                ),
                None,
            ),
            (
                tr(
                    "validation loss {loss:.4f};  chosen λ = {best:.2g} "
                    "(validation loss {best_loss:.4f})"
                ).format(
                    loss=r["val_loss"], best=r["best_lam"], best_loss=r["val_curve"][r["best"]]
                ),
                style.LOSS_COLORS["bce"],
            ),
        ]

    def panel_title(self, params, setting):
        name = "L1" if params["kind"] == "l1" else "L2"
        return f"{name}, λ = {10 ** params['log_lam']:.2g}"
