r"""Chapter 01's figures of gradient descent and fitting: runs at several learning rates (the
parameter per step, and the excess loss on a log axis), and polynomial fits drawn over the data.

Examples
--------
>>> from matplotlib.figure import Figure
>>> from lossviz.descent_regimes import run_descent
>>> runs = {f"η = {lr:g}": run_descent("logit", -2.0, lr, 30) for lr in (1.0, 10.0)}
>>> art = plot_descent_runs(runs, ax=Figure().subplots(1, 2))
>>> sorted(art["excess"])
['η = 1', 'η = 10']
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np

from .. import style
from .._text import shown
from ..i18n import tr
from ._common import Artists, _get_axes, _legend, _lw, _set_labels, _styled

__all__ = ["plot_descent_runs", "plot_polynomial_fits"]

_FLOOR = 1e-10


def _run_colours(n):
    cmap = matplotlib.colormaps["viridis"]
    return [cmap(v) for v in np.linspace(0.0, 0.85, n)]


def plot_descent_runs(runs, *, ax=None, legend=True):
    r"""Runs of one-parameter gradient descent side by side: the parameter per step, and the
    excess loss :math:`L(w_t) - \min L` per step on a log axis.

    A run that oscillates is a zigzag of the parameter around the minimum (dashed) and a plateau
    of the excess loss; one that converges is a falling straight line on the log axis; one that
    diverges ends in a capped "∞" mark.
    Excess losses below 1e-10 are drawn at 1e-10.

    Parameters
    ----------
    runs : dict name -> DescentRun
        From :func:`lossviz.descent_regimes.run_descent`, all on the same problem.
    ax : sequence of two Axes, optional
    legend : bool, default True
        The legend goes to the right of the second panel, off the data.

    Returns
    -------
    Artists
        ``ax`` (two Axes), ``params`` and ``excess`` (dict name -> Line2D), ``diverged``
        (list of capped marks).
    """
    if not isinstance(runs, dict) or not runs:
        raise ValueError("runs must be a non-empty dict name -> DescentRun (from run_descent).")
    for name, run in runs.items():
        if not hasattr(run, "excess") or not hasattr(run, "ws"):
            raise TypeError(
                f"run {name!r} must be a DescentRun from lossviz.descent_regimes.run_descent; "
                f"found {type(run).__name__}."
            )
    colours = _run_colours(len(runs))
    markers = ["o", "s", "^", "D", "v", "P"]
    with _styled() as lecture:
        ax_w, ax_e = _get_axes(ax, 2, (10.0, 3.6), lecture)
        lw = _lw(lecture)
        art = Artists(ax=[ax_w, ax_e], params={}, excess={}, diverged=[])
        first = next(iter(runs.values()))
        ax_w.axhline(first.nearest_min, color="0.5", ls="--", lw=1, label=tr("minimum"))
        ax_e.set_yscale("log")
        n_max = max(r.n_steps for r in runs.values())
        for j, (name, run) in enumerate(runs.items()):
            kw = {"color": colours[j], "marker": markers[j % len(markers)], "ms": 3.5, "lw": lw}
            t = np.arange(run.ws.size)
            label = shown(str(name))
            (art["params"][name],) = ax_w.plot(t, run.ws, label=label, **kw)
            (art["excess"][name],) = ax_e.plot(t, np.maximum(run.excess, _FLOOR), label=label, **kw)
            if run.diverged_at is not None:
                m = style.CappedMarker(ax_e, color=colours[j])
                m.set(run.diverged_at, math.inf, text=f"∞ {label}")
                art["diverged"].append(m)
        ax_e.set_ylim(_FLOOR / 3, None)
        for a in (ax_w, ax_e):
            a.set_xlim(-0.5, n_max + 0.5)
        _set_labels(ax_w, tr("step t"), tr("parameter"), None, lecture)
        _set_labels(ax_e, tr("step t"), tr("L(w_t) − min L  (log scale)"), None, lecture)
        size = style.rc(lecture)["axes.titlesize"]
        ax_w.set_title(tr("the parameter per step"), fontsize=size)
        ax_e.set_title(tr("excess loss per step"), fontsize=size)
        if legend:
            _legend(ax_e, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return art


def plot_polynomial_fits(fits, *, ax=None, ylim=(-2.0, 2.0)):
    """One panel per degree: the training points, fresh held-out points, the noise-free curve and
    the fitted polynomial, with its three errors in the title.

    The fits minimise the mean squared error, so they are drawn in MSE's colour.  Where a fit
    leaves ``ylim`` its extreme value is given by a capped mark.

    Parameters
    ----------
    fits : PolynomialFits
        From :func:`lossviz.polyfit.polynomial_fits`.
    ax : sequence of Axes, optional
        One per degree.
    ylim : (float, float)

    Returns
    -------
    Artists
        ``ax`` (list), ``fits`` (dict degree -> Line2D), ``off_scale`` (dict degree -> capped
        mark, for fits that leave ``ylim``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lossviz.polyfit import polynomial_fits
    >>> art = plot_polynomial_fits(polynomial_fits((1, 9)), ax=Figure().subplots(1, 2))
    >>> sorted(art["fits"]), sorted(art["off_scale"])
    ([1, 9], [9])
    """
    if not hasattr(fits, "curves") or not hasattr(fits, "errors"):
        raise TypeError(
            "fits must be a PolynomialFits from lossviz.polyfit.polynomial_fits; "
            f"found {type(fits).__name__}."
        )
    degrees = list(fits.curves)
    with _styled() as lecture:
        axes = _get_axes(ax, len(degrees), (3.6 * len(degrees), 3.4), lecture)
        lw = _lw(lecture)
        art = Artists(ax=axes, fits={}, off_scale={})
        for a, d in zip(axes, degrees, strict=True):
            a.plot(
                fits.x_heldout,
                fits.y_heldout,
                ".",
                color=style.ACCENT_COLORS["p"],
                ms=4,
                alpha=0.6,
                label=tr("held-out (fresh, noisy)"),
            )
            a.plot(
                fits.grid, fits.truth, "--", color="0.45", lw=lw * 0.8, label=tr("noise-free curve")
            )
            (art["fits"][d],) = a.plot(
                fits.grid,
                fits.curves[d],
                color=style.LOSS_COLORS["mse"],
                lw=lw,
                label=tr("fit (least squares)"),
            )
            a.plot(
                fits.x, fits.y, "o", color="black", ms=5.5, label=tr("training points"), zorder=4
            )
            a.set_ylim(*ylim)
            a.set_xlim(0, 1)
            i_max = int(np.argmax(np.abs(fits.curves[d])))
            v = float(fits.curves[d][i_max])
            if not ylim[0] <= v <= ylim[1]:
                m = style.CappedMarker(a, color=style.LOSS_COLORS["mse"])
                m.set(float(fits.grid[i_max]), v)
                art["off_scale"][d] = m
            e = fits.errors[d]
            title = tr(
                "degree {d}\ntrain {train:.3f} · noise-free {noise_free:.3f}\n"
                "held-out {held_out:.3f}"
            ).format(d=d, train=e["train"], noise_free=e["noise-free"], held_out=e["held-out"])
            a.set_title(title, fontsize=style.rc(lecture)["axes.titlesize"])
            _set_labels(a, "x", "y" if a is axes[0] else None, None, lecture)
        _legend(axes[-1], lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return art
