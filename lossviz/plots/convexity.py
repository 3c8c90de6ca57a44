r"""Convexity both ways (chapter 04): the squared error is convex in the probability and in the
weight of an identity output, and not convex in the weight of a sigmoid output; BCE on a sigmoid
is convex.

Examples
--------
>>> from matplotlib.figure import Figure
>>> arts = plot_convexity_both_ways(ax=Figure().subplots(1, 4))
>>> sorted(k for k in arts if k.startswith("concave"))
['concave_MSE on sigmoid, in w']
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import N_, tr
from ..surface import convexity_curves
from ._common import Artists, _get_axes, _legend, _set_labels, _styled

__all__ = ["plot_convexity_both_ways"]

#: curve name -> (loss, legend, x label, verdict); the text is English, shown through ``tr``
_PANELS = {
    "MSE in p": ("mse", N_("(p − y)², y = 0"), N_("predicted probability p"), N_("convex in p")),
    "MSE, identity output, in w": (
        "mse",
        N_("(w·x − y)², x = 1, y = 0"),
        N_("weight w"),
        N_("convex in w"),
    ),
    "MSE on sigmoid, in w": (
        "mse",
        N_("(σ(w·x) − y)², x = 1, y = 0"),
        N_("weight w"),
        N_("NOT convex in w"),
    ),
    "BCE on sigmoid, in w": (
        "bce",
        N_("BCE of σ(w·x), x = 1, y = 0"),
        N_("weight w"),
        N_("convex in w"),
    ),
}


def plot_convexity_both_ways(ax=None):
    r"""Four panels: where the squared error is convex and where it is not, and BCE.

    Each panel shades the region where the curve is concave (negative second difference); only the
    squared error after a sigmoid has one.

    Parameters
    ----------
    ax : sequence of 4 Axes, optional
        Omitted: a new figure with four panels.

    Returns
    -------
    Artists
        ``{curve name: Line2D}``, ``"concave_<name>"`` for each shaded region, and ``"axes"``.
    """
    curves = convexity_curves()
    with _styled() as lecture:
        axes = _get_axes(ax, 4, (13.0, 3.2), lecture)
        arts = Artists()
        for a, (name, (t, v)) in zip(axes, curves.items(), strict=True):
            loss, label, xlabel, verdict = _PANELS[name]
            (arts[name],) = a.plot(t, v, **style.loss_style(loss, label=tr(label)))
            concave = np.zeros(t.size, dtype=bool)
            concave[1:-1] = (v[2:] - 2.0 * v[1:-1] + v[:-2]) < -1e-15
            if concave.any():
                arts[f"concave_{name}"] = a.fill_between(
                    t,
                    0,
                    1,
                    where=concave,
                    transform=a.get_xaxis_transform(),
                    color=style.LOSS_COLORS[loss],
                    alpha=0.12,
                    linewidth=0,
                    label=tr("concave here"),
                )
            _set_labels(a, tr(xlabel), tr(style.LABELS["loss"]), tr(verdict), lecture)
            a.set_ylim(bottom=0.0, top=float(v.max()) * 1.45)
            _legend(a, lecture, loc="upper center")
        arts["axes"] = axes
    return arts
