"""Helpers shared by the plot modules: the :class:`Artists` result, axes, style, labels."""

from __future__ import annotations

import contextlib

import numpy as np

from .. import style
from ..i18n import N_

__all__ = ["Artists"]

#: Text the chapters pass to the plot functions from their code cells (titles, axis labels, names
#: of runs, fits and settings, tick labels). Both editions share those cells, so the English text
#: is marked here for the catalogue, and the plot functions show what they are given through
#: :func:`lossviz._text.shown`: marked text in the reader's language, anything else as it is.
CHAPTER_TEXT = (
    # 01
    N_("mean BCE during gradient descent"),
    N_("step"),
    N_("start w = +0.5"),
    N_("start w = -0.5"),
    # 06
    N_("beach"),
    N_("sunset"),
    N_("people"),
    # 08
    N_("mse (gradient descent)"),
    N_("MSE (k€²)"),
    N_("clean"),
    N_("Gaussian noise only"),
    N_("10 % outliers"),
    N_("huber-scale"),
    N_("noise"),
    N_("least squares"),
    N_("randn targets (seed 003)"),
    N_("targets in [0, 1]"),
    # 09
    N_("as published: dw = -X.T.dot(...)"),
    N_("repaired: dw = +X.T.dot(...)"),
    N_("epoch / 100"),
    # 10
    N_("one-hot"),
    N_("smoothed (eps = 0.1)"),
    N_("class 0 (true)"),
    N_("class 1"),
    N_("class 2"),
    # 11
    N_("training accuracy"),
    N_("training loss (BCE)"),
)


class Artists(dict):
    """The artists a plot function drew, by name (a dict with a short, deterministic repr).

    Examples
    --------
    >>> Artists(ax=None, bce=None)
    <lossviz artists: ax, bce>
    """

    def __repr__(self):
        return f"<lossviz artists: {', '.join(self)}>"


# --------------------------------------------------------------------------- helpers
@contextlib.contextmanager
def _styled():
    lecture = style.is_lecture_mode()
    with style.style_context(lecture):
        yield lecture


def _new_axes(n, figsize, lecture):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        1, n, figsize=style.figsize(*figsize, lecture=lecture), layout="constrained"
    )
    return list(np.atleast_1d(axes))


def _get_axes(ax, n, figsize, lecture):
    """``n`` axes: new ones when ``ax`` is None, else ``ax`` (one Axes, or a sequence of ``n``)."""
    if ax is None:
        axes = _new_axes(n, figsize, lecture)
    elif n == 1:
        if isinstance(ax, (list, tuple, np.ndarray)):
            raise TypeError("ax must be one matplotlib Axes here; found a sequence.")
        axes = [ax]
    else:
        if not isinstance(ax, (list, tuple, np.ndarray)) or len(ax) != n:
            raise TypeError(
                f"ax must be None or a sequence of {n} Axes here; found {type(ax).__name__}."
            )
        axes = list(ax)
    for a in axes:
        _finish(a, lecture)
    return axes


def _finish(ax, lecture):
    """Set the style on the axes explicitly, so it holds when the figure is drawn outside
    rc_context."""
    ax.grid(True, alpha=0.3)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    if lecture:
        rc = style.rc(True)
        ax.tick_params(
            labelsize=rc["xtick.labelsize"],
            width=rc["xtick.major.width"],
            length=rc["xtick.major.size"],
        )
        for sp in ax.spines.values():
            sp.set_linewidth(rc["axes.linewidth"])


def _label_size(lecture):
    return style.rc(lecture)["axes.labelsize"]


def _set_labels(ax, xlabel, ylabel, title=None, lecture=False):
    size = _label_size(lecture)
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=size)
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=size)
    if title is not None:
        ax.set_title(title, fontsize=style.rc(lecture)["axes.titlesize"])


def _legend(ax, lecture, **kw):
    kw.setdefault("frameon", False)
    kw.setdefault("fontsize", style.rc(lecture).get("legend.fontsize", "medium"))
    return ax.legend(**kw)


def _lw(lecture):
    return style.rc(lecture)["lines.linewidth"]


def _finite(a):
    a = np.asarray(a, dtype=float)
    return np.where(np.isfinite(a), a, np.nan)


def _check_y(y):
    if isinstance(y, (bool, np.bool_)) or y not in (0, 1):
        raise ValueError(f"y must be the true label 0 or 1; found {y!r}.")
    return int(y)


def _both_labels(func, y, ax, kwargs):
    """Draw ``func`` for y = 0 and y = 1 side by side.

    Returns Artists ``{0: ..., 1: ..., "ax": [...]}``.
    """
    ys = [_check_y(v) for v in y]
    with _styled() as lecture:
        axes = _get_axes(ax, len(ys), (10.0, 3.6), lecture)
    art = Artists(ax=axes)
    for a, yv in zip(axes, ys, strict=True):
        art[yv] = func(yv, ax=a, **kwargs)
    return art
