r"""Loss and gradient curves (chapters 01, 03, 04): against the probability, against the logit,
one neuron's loss against its weight, and gradient descent on a one-parameter loss.

Examples
--------
>>> from matplotlib.figure import Figure
>>> art = plot_loss_vs_prob(y=1, ax=Figure().subplots())
>>> sorted(art)
['ax', 'bce', 'focal', 'infinity', 'mse']
"""

from __future__ import annotations

import numpy as np

from .. import style
from .._text import shown
from .._validation import as_float_array
from ..activations import sigmoid
from ..gradients import bce_grad_prob, focal_grad_prob, mse_grad_prob
from ..i18n import tr
from ..losses import bce, focal_loss_prob, mse
from ..stability import neuron_loss_vs_weight, second_differences
from ._common import (
    Artists,
    _both_labels,
    _check_y,
    _finite,
    _get_axes,
    _legend,
    _lw,
    _set_labels,
    _styled,
)

__all__ = [
    "plot_loss_vs_prob",
    "plot_grad_vs_prob",
    "plot_grad_vs_logit",
    "plot_neuron_loss_vs_weight",
    "plot_descent_1d",
]


def _focal_curves(y, grid, gamma):
    yg = np.full_like(grid, y)
    return focal_loss_prob(yg, grid, gamma), focal_grad_prob(yg, grid, gamma)


_FOCAL_DASHES = ((0, (1, 1.5)), (0, (4, 1.5, 1, 1.5)), "-.", "--", "-", (0, (8, 2)))


def _focal_styles(gammas):
    """One style per γ: the focal colour from light to dark and a different dash each, so the
    curves stay apart in print and for colour-blind readers."""
    from matplotlib.colors import to_rgb

    n = len(gammas)
    base = np.array(to_rgb(style.LOSS_COLORS["focal"]))
    for i, g in enumerate(gammas):
        if n == 1:
            color, dash = style.LOSS_COLORS["focal"], style.LOSS_STYLES["focal"]
        else:
            t = i / (n - 1)  # 0: light (mixed with white), 1: dark (mixed with black)
            color = (
                tuple(base + (1 - base) * 0.55 * (1 - 2 * t))
                if t <= 0.5
                else tuple(base * (1 - 0.45 * (2 * t - 1)))
            )
            dash = _FOCAL_DASHES[i % len(_FOCAL_DASHES)]
        yield (
            g,
            {"color": color, "linestyle": dash, "label": tr("focal γ={gamma:g}").format(gamma=g)},
        )


def _curves_vs_prob(ax, y, losses, gammas, n_points, lw, *, gradient):
    """Draw each loss (or its dL/dp) against p on ``ax``; return Artists with one Line2D per loss
    (``focal``: dict γ -> Line2D).  Infinite values are left out of the line (the caller marks
    them)."""
    grid = np.linspace(0.0, 1.0, n_points)
    yg = np.full_like(grid, y)
    curves = {
        "bce": lambda: bce_grad_prob(yg, grid) if gradient else bce(yg, grid, reduction="none"),
        "mse": lambda: mse_grad_prob(yg, grid) if gradient else mse(yg, grid, reduction="none"),
    }
    art = Artists(ax=ax)
    for name in losses:
        if name in curves:
            (art[name],) = ax.plot(grid, _finite(curves[name]()), lw=lw, **style.loss_style(name))
        elif name == "focal":
            art["focal"] = {}
            for g, kw in _focal_styles(list(gammas)):
                (art["focal"][g],) = ax.plot(
                    grid, _finite(_focal_curves(y, grid, g)[int(gradient)]), lw=lw, **kw
                )
        else:
            raise ValueError(f"losses may contain 'bce', 'mse', 'focal'; found {name!r}.")
    return art


def plot_loss_vs_prob(
    y=1,
    *,
    losses=("bce", "mse", "focal"),
    gammas=(2.0,),
    ylim=(0.0, 5.0),
    ax=None,
    n_points=501,
    legend=True,
):
    r"""Loss against the predicted probability ``p`` for a true label ``y``.

    BCE :math:`-\log p` (``y = 1``) or :math:`-\log(1-p)` (``y = 0``), MSE :math:`(p-y)^2` (no ½)
    and the focal loss for each γ in ``gammas``.  BCE's infinite end is marked "∞".

    Parameters
    ----------
    y : {0, 1} or (0, 1)
        The true label; ``(0, 1)`` draws both side by side (``ax`` then None or a pair of Axes,
        and the result is ``{"ax": [ax0, ax1], 0: Artists, 1: Artists}``).
    losses : sequence of {"bce", "mse", "focal"}
    gammas : sequence of float
        Focal γ values (used when "focal" is in ``losses``).
    ylim : (float, float)
    ax : matplotlib Axes, optional
    n_points : int
    legend : bool

    Returns
    -------
    Artists
        ``ax``, one Line2D per loss (``focal``: dict γ -> Line2D), ``infinity`` ([cap, text]) when
        an infinite loss is drawn.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> art = plot_loss_vs_prob(y=0, losses=("bce", "focal"), gammas=(0.5, 2, 5), ax=ax)
    >>> sorted(art["focal"])
    [0.5, 2, 5]
    >>> both = plot_loss_vs_prob(y=(0, 1), ax=Figure().subplots(1, 2))
    >>> float(both[0]["infinity"][0].get_xdata()[0]), float(both[1]["infinity"][0].get_xdata()[0])
    (1.0, 0.0)
    """
    if isinstance(y, (tuple, list)):
        return _both_labels(
            plot_loss_vs_prob,
            y,
            ax,
            dict(losses=losses, gammas=gammas, ylim=ylim, n_points=n_points, legend=legend),
        )
    y = _check_y(y)
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (5.0, 3.6), lecture)
        art = _curves_vs_prob(ax, y, losses, gammas, n_points, _lw(lecture), gradient=False)
        ax.set_xlim(0, 1)
        ax.set_ylim(*ylim)
        if "bce" in losses or "focal" in losses:
            art["infinity"] = style.mark_infinite(
                ax, 0.0 if y == 1 else 1.0, fontsize=style.rc(lecture)["font.size"]
            )
        _set_labels(
            ax,
            tr(style.LABELS["p"]),
            tr(style.LABELS["loss"]),
            tr("loss for y = {y}").format(y=y),
            lecture,
        )
        if legend:
            _legend(ax, lecture, loc="upper center")
    return art


def plot_grad_vs_prob(
    y=1,
    *,
    losses=("bce", "mse"),
    gammas=(2.0,),
    ylim=(-10.0, 10.0),
    ax=None,
    n_points=501,
    legend=True,
):
    r"""dL/dp against the predicted probability: BCE :math:`-y/p + (1-y)/(1-p)` (unbounded), MSE
    :math:`2(p - y)` (bounded by 2), focal.  The infinite end is marked "−∞" / "∞".
    ``y=(0, 1)`` draws both labels side by side (see :func:`plot_loss_vs_prob`).

    Returns
    -------
    Artists
        ``ax``, one Line2D per loss (``focal``: dict γ -> Line2D), ``infinity``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_grad_vs_prob(y=1, ax=Figure().subplots())
    >>> art["infinity"][1].get_text()
    '−∞'
    """
    if isinstance(y, (tuple, list)):
        return _both_labels(
            plot_grad_vs_prob,
            y,
            ax,
            dict(losses=losses, gammas=gammas, ylim=ylim, n_points=n_points, legend=legend),
        )
    y = _check_y(y)
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (5.0, 3.6), lecture)
        art = _curves_vs_prob(ax, y, losses, gammas, n_points, _lw(lecture), gradient=True)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_xlim(0, 1)
        ax.set_ylim(*ylim)
        if "bce" in losses or "focal" in losses:
            art["infinity"] = style.mark_infinite(
                ax,
                0.0 if y == 1 else 1.0,
                top=(y == 0),
                label="−∞" if y == 1 else "∞",
                fontsize=style.rc(lecture)["font.size"],
            )
        _set_labels(
            ax,
            tr(style.LABELS["p"]),
            tr(style.LABELS["dLdp"]),
            tr("gradient for y = {y}").format(y=y),
            lecture,
        )
        if legend:
            _legend(ax, lecture, loc="upper center" if y == 0 else "lower right")
    return art


# --------------------------------------------------------------------------- gradient vs logit
def plot_grad_vs_logit(y=1, *, zlim=(-10.0, 10.0), ax=None, n_points=401, legend=True):
    r"""dL/dz for BCE (:math:`p - y`) and MSE on σ(z) (:math:`2(p-y)\sigma'(z)`), and their ratio on
    a log scale in both conventions: :math:`1/(2\sigma'(z))` for :math:`(p-y)^2` (lossviz, PyTorch)
    and :math:`1/\sigma'(z)` for the textbook :math:`\tfrac12(p-y)^2` (2 and 4 at ``z = 0``).

    Parameters
    ----------
    y : {0, 1}
    zlim : (float, float)
    ax : None, one Axes, or a pair of Axes
        None: a new 1×2 figure.  One Axes: the ratio goes on a twin y-axis (log) of it.
        A pair: gradients on the first, ratio on the second.

    Returns
    -------
    Artists
        ``ax``, ``ratio_ax``, ``bce``, ``mse``, ``ratio`` (PyTorch convention), ``ratio_half``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_grad_vs_logit(ax=Figure().subplots(1, 2))
    >>> art["ratio_ax"].get_yscale()
    'log'
    >>> float(np.interp(0.0, *art["ratio_half"].get_data()))
    4.0
    """
    y = _check_y(y)
    with _styled() as lecture:
        if ax is not None and not isinstance(ax, (list, tuple, np.ndarray)):
            (ax_g,) = _get_axes(ax, 1, (5.0, 3.6), lecture)
            ax_r = ax_g.twinx()
            ax_r.grid(False)
        else:
            ax_g, ax_r = _get_axes(ax, 2, (10.0, 3.6), lecture)
        z = np.linspace(zlim[0], zlim[1], n_points)
        if not np.any(z == 0) and zlim[0] < 0 < zlim[1]:
            z = np.sort(np.append(z, 0.0))
        p, q = sigmoid(z), sigmoid(-z)
        lw = _lw(lecture)
        art = Artists(ax=ax_g, ratio_ax=ax_r)
        (art["bce"],) = ax_g.plot(z, p - y, lw=lw, **style.loss_style("bce", label="BCE: p − y"))
        (art["mse"],) = ax_g.plot(
            z, 2 * (p - y) * p * q, lw=lw, **style.loss_style("mse", label="MSE: 2(p − y)σ'(z)")
        )
        ax_g.axhline(0, color="0.5", lw=0.8)
        ax_g.set_xlim(*zlim)
        ax_g.set_ylim(-1.05, 1.05)
        _set_labels(
            ax_g,
            tr(style.LABELS["z"]),
            tr(style.LABELS["dLdz"]),
            tr("gradient for y = {y}").format(y=y),
            lecture,
        )
        (art["ratio"],) = ax_r.semilogy(
            z,
            1 / (2 * p * q),
            color="black",
            lw=lw * 0.8,
            label=tr("ratio, MSE = (p − y)²: 1/(2σ')"),
        )
        (art["ratio_half"],) = ax_r.semilogy(
            z,
            1 / (p * q),
            color=style.ACCENT_COLORS["neutral"],
            ls="--",
            lw=lw * 0.8,
            label=tr("ratio, cost ½(p − y)²: 1/σ'"),
        )
        ax_r.set_xlim(*zlim)
        ax_r.set_ylim(1, max(1e1, 3 * float(np.max(1 / (p * q)))))
        _set_labels(
            ax_r,
            tr(style.LABELS["z"]) if ax_r is not ax_g else None,
            tr("|BCE grad| / |MSE grad|"),
            tr("ratio (log scale)")
            if ax is None or isinstance(ax, (list, tuple, np.ndarray))
            else None,
            lecture,
        )
        if legend:
            _legend(ax_g, lecture, loc="upper left")
            _legend(ax_r, lecture, loc="upper center", fontsize="small")
    return art


def plot_neuron_loss_vs_weight(w=None, *, x=1.0, y=0.0, b=0.0, losses=("bce", "mse"), ax=None):
    r"""Plot the loss of one sigmoid neuron against its weight, shading where each curve is concave.

    Parameters
    ----------
    w : array_like, optional
        Weight grid; default 601 points on [-8, 8].
    x, y, b : float
        Input, target and bias, as in :func:`neuron_loss_vs_weight`.
    losses : sequence of {"bce", "mse", "half_mse"}
    ax : matplotlib Axes or sequence of Axes, optional
        One Axes: every curve on it. A sequence: one Axes per loss. Omitted: a new figure with
        one panel per loss (each with its own loss scale, so the shapes are visible).

    Returns
    -------
    dict
        ``{loss name: Line2D}`` plus ``"concave_<name>"`` for the shaded regions where the second
        difference is negative (present only when there is such a region).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> arts = plot_neuron_loss_vs_weight(ax=Figure().subplots())
    >>> sorted(arts)
    ['bce', 'concave_mse', 'mse']
    """
    w = np.linspace(-8.0, 8.0, 601) if w is None else as_float_array(w, "w", dtype=np.float64)
    losses = list(losses)
    with style.style_context():
        if ax is None:
            import matplotlib.pyplot as plt

            _, axes = plt.subplots(
                1,
                len(losses),
                figsize=style.figsize(4.2 * len(losses), 3.4),
                squeeze=False,
                layout="constrained",
            )
            axes = list(axes[0])
        elif np.iterable(ax):
            axes = list(ax)
            if len(axes) != len(losses):
                raise ValueError(
                    f"ax must hold one Axes per loss ({len(losses)}); found {len(axes)}."
                )
        else:
            axes = [ax] * len(losses)
        artists = {}
        for name, a in zip(losses, axes, strict=True):
            key = "mse" if name == "half_mse" else name
            label = "½·MSE" if name == "half_mse" else tr(style.LOSS_NAMES[key])
            vals = neuron_loss_vs_weight(w, x=x, y=y, b=b, loss=name)
            (artists[name],) = a.plot(w, vals, **style.loss_style(key, label=label))
            concave = np.zeros(w.size, dtype=bool)
            concave[1:-1] = second_differences(vals) < -1e-12
            if concave.any():
                artists[f"concave_{name}"] = a.fill_between(
                    w,
                    0,
                    1,
                    where=concave,
                    transform=a.get_xaxis_transform(),
                    color=style.LOSS_COLORS[key],
                    alpha=0.12,
                    linewidth=0,
                    label=tr("{label}: concave here").format(label=label),
                )
        for a in dict.fromkeys(axes):
            a.set_xlabel(tr("weight w"))
            a.set_ylabel(tr(style.LABELS["loss"]))
            a.legend(loc="upper left")
        title = tr("one sigmoid neuron: x = {x:g}, y = {y:g}, b = {b:g}").format(x=x, y=y, b=b)
        if len(set(map(id, axes))) > 1:
            axes[0].figure.suptitle(title)
        else:
            axes[0].set_title(title)
    return Artists(artists)


def plot_descent_1d(loss, paths, *, xlim=None, ax=None, n_points=400, xlabel="w", legend=True):
    r"""A one-parameter loss :math:`L(w)` with gradient-descent paths drawn on it.

    Each path is shown by its iterates on the curve (open circle at the start, filled circle at
    the end), so a non-convex loss shows at a glance which valley each start falls into.

    Parameters
    ----------
    loss : callable
        ``loss([w]) -> float``, e.g. from :func:`lossviz.descent.double_well`.
    paths : dict name -> DescentPath or sequence of w
        The runs; a :class:`lossviz.descent.DescentPath` of one parameter, or the visited ``w``.
    xlim : (float, float), optional
        Range of ``w``; default: the visited range widened by 30 %.
    xlabel : str, default "w"

    Returns
    -------
    Artists
        ``ax``, ``curve`` (Line2D) and ``paths`` (dict name -> Line2D of the iterates).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> art = plot_descent_1d(lambda t: float(t[0] ** 2), {"run": [1.0, 0.5, 0.25]}, ax=ax)
    >>> art["paths"]["run"].get_xdata().tolist()
    [1.0, 0.5, 0.25]
    """
    if not callable(loss):
        raise TypeError(f"loss must be a callable of [w]; found {type(loss).__name__}.")
    if not isinstance(paths, dict) or not paths:
        raise ValueError("paths must be a non-empty dict name -> DescentPath (or sequence of w).")
    runs = {}
    for name, path in paths.items():
        params = getattr(path, "params", path)
        w = np.asarray(params, dtype=float)
        if w.ndim == 2 and w.shape[1] == 1:
            w = w[:, 0]
        if w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)):
            raise ValueError(
                f"path {name!r} must hold finite values of one parameter; found shape {w.shape}."
            )
        runs[name] = w
    if xlim is None:
        lo = min(float(w.min()) for w in runs.values())
        hi = max(float(w.max()) for w in runs.values())
        pad = 0.3 * max(hi - lo, 1e-9)
        xlim = (lo - pad, hi + pad)
    grid = np.linspace(xlim[0], xlim[1], int(n_points))
    others = [c for k, c in style.OKABE_ITO.items() if k not in ("yellow",)]
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (5.5, 3.6), lecture)
        lw = _lw(lecture)
        (curve,) = ax.plot(grid, [loss([g]) for g in grid], color="0.55", lw=lw, label="L(w)")
        art = Artists(ax=ax, curve=curve, paths={})
        for j, (name, w) in enumerate(runs.items()):
            c = others[j % len(others)]
            lv_ = np.array([loss([v]) for v in w])
            (art["paths"][name],) = ax.plot(
                w, lv_, "o-", color=c, ms=3.5, lw=0.8, alpha=0.9, label=shown(str(name))
            )
            ax.plot(w[:1], lv_[:1], "o", ms=8, mfc="white", mec=c, mew=1.6)
            ax.plot(w[-1:], lv_[-1:], "o", ms=8, color=c)
        ax.set_xlim(*xlim)
        # a one-letter name is a symbol, the same in every language
        xlabel = xlabel if len(xlabel) == 1 else shown(xlabel)
        _set_labels(ax, xlabel, tr(style.LABELS["loss"]), None, lecture)
        if legend:
            _legend(ax, lecture, loc="upper center")
    return art
