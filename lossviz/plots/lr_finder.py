"""The learning-rate finder drawn: loss against the rate on a log scale, with the suggested rate,
the divergence point and (optionally) the curvature bound 2/L and a fixed-rate sweep (chapter 11).
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import tr
from ._common import Artists, _get_axes, _legend, _lw, _set_labels, _styled

__all__ = ["plot_lr_finder"]


def plot_lr_finder(result, *, sweep=None, bound=None, ax=None, title=None, loss="bce"):
    """Loss against learning rate (log x): a range test, its suggestion and its divergence point.

    Parameters
    ----------
    result : lossviz.lr_finder.RangeTestResult
    sweep : lossviz.lr_finder.SweepResult, optional
        Also draw the loss after the sweep's steps at each fixed rate (points).
    bound : float, optional
        A rate to mark as a dotted vertical line, e.g. the curvature bound ``2 / L``.
    loss : str, default "bce"
        The loss's course colour for the curve.

    Returns
    -------
    Artists
        ``ax``, ``curve``, ``suggested``, ``divergence`` (None if the run never diverged),
        ``sweep`` and ``bound`` (None when not given).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lossviz.data import make_blobs_binary
    >>> from lossviz.lr_finder import lr_range_test
    >>> X, y = make_blobs_binary(200, separation=3.0)
    >>> art = plot_lr_finder(lr_range_test(X, y), bound=2.5, ax=Figure().subplots())
    >>> art["ax"].get_xscale(), art["divergence"] is not None
    ('log', True)
    """
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.0, 3.8), lecture)
        lw = _lw(lecture)
        color = style.LOSS_COLORS.get(loss, "black")
        neutral = style.ACCENT_COLORS["neutral"]
        art = Artists(ax=ax, sweep=None, bound=None, divergence=None)
        (art["curve"],) = ax.plot(
            result.lrs,
            result.losses,
            color=color,
            lw=lw,
            label=tr("finder: rate × const each step"),
        )
        top = 1.15 * max(result.stop_factor * float(np.min(result.losses)), result.losses[0])
        if sweep is not None:
            shown = np.minimum(sweep.final, top)
            art["sweep"] = ax.scatter(
                sweep.lrs,
                shown,
                s=14,
                color=neutral,
                zorder=3,
                label=tr("fixed rate, loss after {n} steps").format(n=sweep.losses.shape[1] - 1),
            )
        i = int(np.argmin(np.abs(result.lrs - result.suggested)))
        (art["suggested"],) = ax.plot(
            [result.suggested],
            [result.losses[i]],
            "o",
            ms=8,
            color=style.OKABE_ITO["bluish_green"],
            label=tr("suggested (steepest fall): {lr:.3g}").format(lr=result.suggested),
            zorder=4,
        )
        if np.isfinite(result.divergence_rate):
            (art["divergence"],) = ax.plot(
                [result.divergence_rate],
                [min(result.losses[-1], top)],
                "X",
                ms=9,
                color=style.OKABE_ITO["vermillion"],
                zorder=4,
                label=tr("divergence (loss > {factor:g} × min): {lr:.3g}").format(
                    factor=result.stop_factor, lr=result.divergence_rate
                ),
            )
        if bound is not None:
            art["bound"] = ax.axvline(
                bound, color="black", ls=":", lw=lw * 0.8, label=f"2/L = {bound:.3g}"
            )
        ax.set_xscale("log")
        ax.set_ylim(0, top)
        _set_labels(
            ax,
            tr("learning rate η (log scale)"),
            tr("training loss"),
            shown(title) if title else title,
            lecture,
        )
        _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return art
