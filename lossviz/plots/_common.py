"""Helpers shared by the plot modules: the :class:`Artists` result, axes, style, labels."""

from __future__ import annotations

import contextlib

import numpy as np

from .. import style

__all__ = ["Artists"]


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
