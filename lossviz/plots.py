r"""Static figures of the course, in one visual language (:mod:`lossviz.style`).

Every function takes ``ax=None`` (a new figure is made when it is None), returns its artists in a
dict (:class:`Artists`), never calls ``plt.show()`` and never changes matplotlib's global
``rcParams`` (the lossviz style and lecture mode are applied with :func:`matplotlib.rc_context`
and explicit artist properties).  Infinite values are drawn as a capped mark with "∞".

* :func:`plot_loss_vs_prob` — BCE, MSE, focal (several γ) against the predicted probability.
* :func:`plot_grad_vs_prob` — dL/dp against the predicted probability.
* :func:`plot_grad_vs_logit` — dL/dz against the logit and the BCE/MSE ratio on a log scale.
* :func:`plot_training_curves` — loss per epoch for several runs.
* :func:`plot_distributions`, :func:`plot_information_bars` — p and q; H(p), H(p, q), KL(p‖q).
* :func:`plot_softmax_bars` — softmax probabilities (with temperature).
* :func:`plot_decision_boundary` — a 2-D decision boundary (linear model or any ``predict_proba``).
* :func:`plot_reliability` — reliability (calibration) diagram.
* :func:`small_multiples` — the static twin of an explorer at several settings, one Figure.
* :func:`plot_regression_fits` — data points (outliers marked) and fitted lines (MSE, MAE, Huber).

Examples
--------
>>> import matplotlib
>>> from matplotlib.figure import Figure
>>> before = dict(matplotlib.rcParams)
>>> ax = Figure().subplots()
>>> art = plot_loss_vs_prob(y=1, ax=ax)
>>> sorted(art)
['ax', 'bce', 'focal', 'infinity', 'mse']
>>> art["infinity"][1].get_text()
'∞'
>>> dict(matplotlib.rcParams) == before
True
"""

from __future__ import annotations

import contextlib

import numpy as np

from . import style
from ._validation import as_float_array, check_finite
from .activations import sigmoid, softmax
from .explorers._base import StaticFigure
from .gradients import bce_grad_prob, mse_grad_prob
from .information import cross_entropy, entropy, kl_divergence
from .losses import bce, mse
from .stability import neuron_loss_vs_weight, second_differences

__all__ = [
    "Artists",
    "StaticFigure",
    "plot_loss_vs_prob",
    "plot_grad_vs_prob",
    "plot_grad_vs_logit",
    "plot_training_curves",
    "plot_distributions",
    "plot_information_bars",
    "plot_softmax_bars",
    "plot_decision_boundary",
    "plot_reliability",
    "small_multiples",
    "plot_regression_fits",
    "plot_neuron_loss_vs_weight",
    "plot_sigmoid_vs_softmax",
    "plot_descent_1d",
]


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
    """Set the style on the axes explicitly, so it holds when the figure is drawn outside rc_context."""
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


def _focal_curves(y, grid, gamma):
    from .explorers.loss import focal_grad_prob, focal_loss_prob

    return focal_loss_prob(y, grid, gamma), focal_grad_prob(y, grid, gamma)


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
        yield g, {"color": color, "linestyle": dash, "label": f"focal γ={g:g}"}


# --------------------------------------------------------------------------- loss and gradient vs p
def _both_labels(func, y, ax, kwargs):
    """Draw ``func`` for y = 0 and y = 1 side by side; returns Artists {0: ..., 1: ..., "ax": [...]}."""
    ys = [_check_y(v) for v in y]
    with _styled() as lecture:
        axes = _get_axes(ax, len(ys), (10.0, 3.6), lecture)
    art = Artists(ax=axes)
    for a, yv in zip(axes, ys):
        art[yv] = func(yv, ax=a, **kwargs)
    return art


def _curves_vs_prob(ax, y, losses, gammas, n_points, lw, *, gradient):
    """Draw each loss (or its dL/dp) against p on ``ax``; return Artists with one Line2D per loss
    (``focal``: dict γ -> Line2D).  Infinite values are left out of the line (the caller marks them)."""
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
    >>> art = plot_loss_vs_prob(y=0, losses=("bce", "focal"), gammas=(0.5, 2, 5), ax=Figure().subplots())
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
        _set_labels(ax, style.LABELS["p"], style.LABELS["loss"], f"loss for y = {y}", lecture)
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
        _set_labels(ax, style.LABELS["p"], style.LABELS["dLdp"], f"gradient for y = {y}", lecture)
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
        _set_labels(ax_g, style.LABELS["z"], style.LABELS["dLdz"], f"gradient for y = {y}", lecture)
        (art["ratio"],) = ax_r.semilogy(
            z, 1 / (2 * p * q), color="black", lw=lw * 0.8, label="ratio, MSE = (p − y)²: 1/(2σ')"
        )
        (art["ratio_half"],) = ax_r.semilogy(
            z,
            1 / (p * q),
            color=style.ACCENT_COLORS["neutral"],
            ls="--",
            lw=lw * 0.8,
            label="ratio, cost ½(p − y)²: 1/σ'",
        )
        ax_r.set_xlim(*zlim)
        ax_r.set_ylim(1, max(1e1, 3 * float(np.max(1 / (p * q)))))
        _set_labels(
            ax_r,
            style.LABELS["z"] if ax_r is not ax_g else None,
            "|BCE grad| / |MSE grad|",
            "ratio (log scale)"
            if ax is None or isinstance(ax, (list, tuple, np.ndarray))
            else None,
            lecture,
        )
        if legend:
            _legend(ax_g, lecture, loc="upper left")
            _legend(ax_r, lecture, loc="upper center", fontsize="small")
    return art


# --------------------------------------------------------------------------- training curves
def plot_training_curves(
    histories,
    *,
    ax=None,
    labels=None,
    logy=False,
    xlabel=None,
    ylabel=None,
    title=None,
    legend=True,
):
    """Loss per epoch for several runs.

    Parameters
    ----------
    histories : dict name -> sequence, or a sequence of sequences
        One loss value per epoch for each run.  Names that are loss keys (``"bce"``, ``"mse"``,
        ``"focal"``, ``"mae"``, ``"huber"``, or starting with them, e.g. ``"bce (lr=0.1)"``) keep
        their course colours.
    labels : sequence of str, optional
        Names when ``histories`` is a sequence.
    logy : bool
        Log-scale y axis.
    legend : bool or "outside"
        Show the legend inside the axes (``True``), to the right of them (``"outside"``, for curves
        that fill the whole plot), or not at all (``False``).

    Returns
    -------
    Artists
        ``ax`` and ``lines`` (dict name -> Line2D).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_training_curves({"bce": [0.7, 0.4, 0.2], "mse": [0.25, 0.2, 0.18]}, ax=Figure().subplots())
    >>> art["lines"]["bce"].get_color()
    '#0072B2'
    >>> art = plot_training_curves({"a": [3, 1, 2]}, ax=Figure().subplots(), legend="outside")
    >>> art["ax"].get_legend().get_bbox_to_anchor() is not None
    True
    """
    if isinstance(histories, dict):
        items = list(histories.items())
    else:
        runs = list(histories)
        if labels is None:
            labels = [f"run {i + 1}" for i in range(len(runs))]
        if len(labels) != len(runs):
            raise ValueError(
                f"labels must have one name per run ({len(runs)}); found {len(labels)}."
            )
        items = list(zip(labels, runs))
    if not items:
        raise ValueError("histories is empty; pass e.g. {'bce': losses_per_epoch}.")
    others = [c for k, c in style.OKABE_ITO.items() if k not in ("yellow",)]
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (5.5, 3.6), lecture)
        art = Artists(ax=ax, lines={})
        lw = _lw(lecture)
        j = 0
        for name, values in items:
            v = np.asarray(values, dtype=float)
            if v.ndim != 1 or v.size == 0:
                raise ValueError(
                    f"history {name!r} must be a non-empty 1-D sequence of losses; found shape {v.shape}."
                )
            key = next((k for k in style.LOSS_COLORS if str(name).lower().startswith(k)), None)
            if key is not None:
                kw = style.loss_style(key, label=str(name))
            else:
                kw = {"color": others[j % len(others)], "label": str(name)}
                j += 1
            (art["lines"][name],) = ax.plot(np.arange(v.size), _finite(v), lw=lw, **kw)
        if logy:
            ax.set_yscale("log")
        _set_labels(
            ax, xlabel or style.LABELS["epoch"], ylabel or style.LABELS["loss"], title, lecture
        )
        if legend == "outside":
            _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        elif legend:
            _legend(ax, lecture)
    return art


# --------------------------------------------------------------------------- information
def plot_distributions(p, q=None, *, ax=None, labels=None, legend=True):
    """Bars of a distribution ``p`` (and ``q`` beside it).  Distributions are checked, not renormalised.

    Returns
    -------
    Artists
        ``ax``, ``p`` (BarContainer), ``q`` (BarContainer or absent).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_distributions([0.7, 0.2, 0.1], [0.4, 0.4, 0.2], ax=Figure().subplots())
    >>> len(art["p"]), len(art["q"])
    (3, 3)
    """
    p = np.asarray(p, dtype=float)
    entropy(p)  # validates p (non-negative, sums to 1), raising a clear error otherwise
    if q is not None:
        q = np.asarray(q, dtype=float)
        entropy(q)
        if q.shape != p.shape:
            raise ValueError(f"p and q must have the same shape; found {p.shape} and {q.shape}.")
    k = p.size
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (5.0, 3.4), lecture)
        x = np.arange(k)
        w = 0.38 if q is not None else 0.6
        art = Artists(ax=ax)
        art["p"] = ax.bar(
            x - (w / 2 if q is not None else 0),
            p,
            w,
            color=style.ACCENT_COLORS["p"],
            edgecolor="black",
            linewidth=0.5,
            label="p",
        )
        if q is not None:
            art["q"] = ax.bar(
                x + w / 2,
                q,
                w,
                color=style.ACCENT_COLORS["q"],
                edgecolor="black",
                linewidth=0.5,
                hatch="//",
                label="q",
            )
        ax.set_xticks(x, labels if labels is not None else [str(i + 1) for i in range(k)])
        ax.set_ylim(0, 1.05)
        _set_labels(ax, style.LABELS["outcome"], style.LABELS["prob"], None, lecture)
        if legend and q is not None:
            _legend(ax, lecture)
    return art


def plot_information_bars(p, q, *, base=None, ax=None, ylim=None):
    """Bars of H(p), H(p, q) (stacked as H(p) + KL) and KL(p‖q), with their values; ∞ is capped.

    Parameters
    ----------
    p, q : distributions (checked, never renormalised)
    base : None (nats) or 2 (bits)
    ylim : (float, float), optional

    Returns
    -------
    Artists
        ``ax``, ``H_p``, ``KL`` (BarContainers), ``values`` (list of Text), ``infinity`` (list of
        capped marks, possibly empty), and the numbers ``H_p_value``, ``H_pq_value``, ``KL_value``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_information_bars([0.5, 0.5], [1.0, 0.0], base=2, ax=Figure().subplots())
    >>> [t.get_text() for t in art["values"]]
    ['1.000', '∞', '∞']
    """
    hp = float(entropy(p, base=base))
    hpq = float(cross_entropy(p, q, base=base))
    kl = float(kl_divergence(p, q, base=base))
    unit = "nats" if base is None else ("bits" if base == 2 else f"log base {base:g}")
    finite = [v for v in (hp, hpq, kl) if np.isfinite(v)]
    top = ylim[1] if ylim is not None else max(1.0, 1.3 * max(finite))
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (4.5, 3.4), lecture)
        art = Artists(ax=ax)
        c_h, c_kl = style.ACCENT_COLORS["p"], style.OKABE_ITO["vermillion"]
        art["H_p"] = ax.bar(
            [0, 1],
            [min(hp, top)] * 2,
            0.6,
            color=c_h,
            edgecolor="black",
            linewidth=0.5,
            label="H(p)",
        )
        kl_top = min(hp + kl, top) - min(hp, top)
        art["KL"] = ax.bar(
            [1, 2],
            [kl_top, min(kl, top)],
            0.6,
            bottom=[min(hp, top), 0],
            color=c_kl,
            edgecolor="black",
            linewidth=0.5,
            label="KL(p‖q)",
        )
        ax.set_xticks([0, 1, 2], ["H(p)", "H(p, q)", "KL(p‖q)"])
        ax.set_xlim(-0.6, 2.6)
        ax.set_ylim(0 if ylim is None else ylim[0], top)
        art["values"] = []
        art["infinity"] = []
        for x, v in ((0, hp), (1, hpq), (2, kl)):
            if v > top:
                m = style.CappedMarker(ax, color="black")
                m.set(x, v)
                art["infinity"].append(m)
                txt = m.label
            else:
                txt = ax.annotate(
                    style.format_value(v),
                    (x, v),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                )
            art["values"].append(txt)
        _set_labels(ax, None, unit, "H(p, q) = H(p) + KL(p‖q)", lecture)
        _legend(ax, lecture, loc="upper left")
        art.update(H_p_value=hp, H_pq_value=hpq, KL_value=kl)
    return art


# --------------------------------------------------------------------------- softmax
def plot_softmax_bars(logits, *, temperature=1.0, true_class=None, ax=None, labels=None):
    """Bars of ``softmax(logits / temperature)``; the true class outlined.

    Returns
    -------
    Artists
        ``ax``, ``bars`` (BarContainer), ``probs`` (the array), ``true`` (outline, if any).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_softmax_bars([2.0, 1.0, 0.1], temperature=0.5, true_class=0, ax=Figure().subplots())
    >>> np.round(art["probs"], 3)
    array([0.864, 0.117, 0.019])
    """
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"logits must be a 1-D array of at least 2 scores; found shape {z.shape}.")
    t = float(temperature)
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be a positive number; found {temperature!r}.")
    p = softmax(z / t)
    k = z.size
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (4.5, 3.4), lecture)
        x = np.arange(k)
        art = Artists(ax=ax, probs=p)
        art["bars"] = ax.bar(
            x, p, 0.6, color=style.ACCENT_COLORS["p"], edgecolor="black", linewidth=0.5
        )
        if true_class is not None:
            c = int(true_class)
            if not 0 <= c < k:
                raise ValueError(f"true_class must be in 0…{k - 1}; found {true_class!r}.")
            art["true"] = ax.bar(
                [c],
                [1.0],
                0.72,
                fill=False,
                edgecolor="black",
                linewidth=2,
                linestyle="--",
                label="true class",
            )
            _legend(ax, lecture, loc="upper right")
        ax.set_xticks(x, labels if labels is not None else [str(i) for i in range(k)])
        ax.set_ylim(0, 1.05)
        _set_labels(
            ax,
            style.LABELS["class"],
            "p = softmax(z / T)" if t != 1 else "p = softmax(z)",
            f"T = {t:g}",
            lecture,
        )
    return art


# --------------------------------------------------------------------------- decision boundary
def plot_decision_boundary(
    X,
    y,
    *,
    weights=None,
    bias=0.0,
    predict_proba=None,
    ax=None,
    grid_size=200,
    padding=0.5,
    show_proba=True,
    levels=(0.5,),
    legend=True,
):
    r"""Data in 2-D and the decision boundary of a classifier.

    Either a linear model :math:`p = \sigma(w \cdot x + b)` (``weights``, ``bias``) or any
    ``predict_proba(X) -> p`` (shape ``(n,)``, or ``(n, 2)`` whose column 1 is used).

    Parameters
    ----------
    X : array of shape (n, 2)
    y : array of shape (n,) with labels 0/1
    weights : array of shape (2,), optional
    bias : float
    predict_proba : callable, optional
    grid_size : int
    show_proba : bool
        Shade the predicted probability of class 1.
    levels : sequence of float
        Probability levels of the boundary lines (0.5 = the decision boundary).

    Returns
    -------
    Artists
        ``ax``, ``points`` (dict label -> PathCollection), ``boundary`` (ContourSet), ``proba``
        (ContourSet or absent).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    >>> art = plot_decision_boundary(X, [0, 1, 1, 0], weights=[0.0, 4.0], bias=-2.0, ax=Figure().subplots())
    >>> sorted(art["points"])
    [0, 1]
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2); found {X.shape}.")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},) to match X; found {y.shape}.")
    if (weights is None) == (predict_proba is None):
        raise TypeError(
            "give exactly one of weights= (a linear model, with bias=) or predict_proba= (a callable)."
        )
    if weights is not None:
        w = np.asarray(weights, dtype=float).ravel()
        if w.shape != (2,):
            raise ValueError(
                f"weights must have 2 entries (one per feature); found shape {w.shape}."
            )
        b = float(np.asarray(bias, dtype=float).ravel()[0]) if np.ndim(bias) else float(bias)

        def proba(pts):
            return sigmoid(pts @ w + b)
    else:
        if not callable(predict_proba):
            raise TypeError(
                f"predict_proba must be callable; found {type(predict_proba).__name__}."
            )

        def proba(pts):
            out = np.asarray(predict_proba(pts), dtype=float)
            return out[:, 1] if out.ndim == 2 else out

    lo = X.min(axis=0) - padding
    hi = X.max(axis=0) + padding
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], grid_size), np.linspace(lo[1], hi[1], grid_size))
    P = proba(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (4.8, 4.2), lecture)
        art = Artists(ax=ax, points={})
        if show_proba:
            art["proba"] = ax.contourf(
                gx, gy, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.25, vmin=0, vmax=1
            )
        art["boundary"] = ax.contour(
            gx,
            gy,
            P,
            levels=sorted(levels),
            colors="black",
            linewidths=_lw(lecture) * 0.8,
            linestyles="-",
        )
        colours = {0: style.OKABE_ITO["blue"], 1: style.OKABE_ITO["vermillion"]}
        markers = {0: "o", 1: "^"}
        ms = 40 if not lecture else 80
        for lab in sorted(np.unique(y).tolist()):
            m = y == lab
            art["points"][lab] = ax.scatter(
                X[m, 0],
                X[m, 1],
                s=ms,
                c=colours.get(lab, "0.3"),
                marker=markers.get(lab, "s"),
                edgecolors="white",
                linewidths=0.5,
                label=f"class {lab} (n={int(m.sum())})",
                zorder=3,
            )
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.grid(False)
        _set_labels(ax, style.LABELS["x1"], style.LABELS["x2"], None, lecture)
        if legend:
            _legend(ax, lecture, loc="best")
    return art


# --------------------------------------------------------------------------- calibration
def _calibration(y_true, y_prob, n_bins, strategy):
    try:
        from .metrics import calibration_curve
    except ImportError:  # pragma: no cover - metrics is part of the package
        calibration_curve = None
    if calibration_curve is not None:
        return calibration_curve(y_true, y_prob, n_bins=n_bins, strategy=strategy)
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    edges = (
        np.linspace(0, 1, n_bins + 1)
        if strategy == "uniform"
        else np.quantile(p, np.linspace(0, 1, n_bins + 1))
    )
    idx = np.clip(np.searchsorted(edges[1:-1], p, side="right"), 0, n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    return (
        np.bincount(idx, y, n_bins)[keep] / counts[keep],
        np.bincount(idx, p, n_bins)[keep] / counts[keep],
        counts[keep],
    )


def plot_reliability(
    y_true,
    y_prob,
    *,
    n_bins=10,
    strategy="uniform",
    ax=None,
    label=None,
    color=None,
    diagonal=True,
    show_counts=False,
):
    """Reliability (calibration) diagram: observed frequency of class 1 against mean predicted probability.

    Uses :func:`lossviz.metrics.calibration_curve`; bins with no sample are left out.  Call it again
    on the same ``ax`` (with ``diagonal=False``) to compare models.

    Returns
    -------
    Artists
        ``ax``, ``curve`` (Line2D), ``diagonal`` (Line2D, if drawn), ``prob_true``, ``prob_pred``,
        ``counts`` (arrays), ``count_labels`` (list of Text when ``show_counts``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> y = [0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> p = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0]
    >>> art = plot_reliability(y, p, n_bins=3, ax=Figure().subplots())
    >>> art["prob_true"]
    array([0. , 0.5, 1. ])
    """
    prob_true, prob_pred, counts = _calibration(y_true, y_prob, n_bins, strategy)
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.8, 4.0), lecture)  # wide: the legend sits right of the square
        art = Artists(ax=ax, prob_true=prob_true, prob_pred=prob_pred, counts=counts)
        if diagonal:
            (art["diagonal"],) = ax.plot(
                [0, 1], [0, 1], color="0.5", ls=":", lw=1.2, label="perfectly calibrated"
            )
        (art["curve"],) = ax.plot(
            prob_pred,
            prob_true,
            marker="o",
            lw=_lw(lecture),
            color=color or style.LOSS_COLORS["bce"],
            label=label or "model",
        )
        if show_counts:
            art["count_labels"] = [
                ax.annotate(
                    str(int(c)),
                    (x, yv),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontsize="small",
                    color="0.3",
                )
                for x, yv, c in zip(prob_pred, prob_true, counts)
            ]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        _set_labels(
            ax,
            style.LABELS["confidence"],
            style.LABELS["frequency"],
            "reliability diagram",
            lecture,
        )
        # outside the square: curves of badly calibrated models fill either corner
        _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return art


# --------------------------------------------------------------------------- static twins
def small_multiples(explorer, settings, *, ncols=None, titles=None, scale=0.75, **init_kwargs):
    """The static twin of an explorer: one Figure showing it at each parameter setting.

    Reuses the explorer's own drawing code (``_build`` and ``_draw`` on subfigures), so the static
    figure and the live one cannot disagree.  The Figure is not registered with pyplot (no leak);
    it displays as PNG in Jupyter.

    Parameters
    ----------
    explorer : Explorer class or instance
        With a class, unspecified parameters take their defaults; with an instance, its current
        values.
    settings : list of dict
        Parameter values for each panel, e.g. ``[{"p": 0.2}, {"p": 0.8}]``.
    ncols : int, optional
    titles : list of str, optional
    scale : float, default 0.75
        Panel size relative to the live figure.
    **init_kwargs
        Constructor options when ``explorer`` is a class (``k=4``, ``n_classes=5``, ...).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from lossviz.explorers import LossExplorer
    >>> fig = small_multiples(LossExplorer, [{"p": 0.2}, {"p": 0.8}])
    >>> len(fig.subfigs), fig.subfigs[0]._suptitle.get_text()
    (2, 'p = 0.20, y = 1')
    """
    from .explorers._base import render_small_multiples

    return render_small_multiples(
        explorer, settings, ncols=ncols, titles=titles, scale=scale, **init_kwargs
    )


# --------------------------------------------------------------------------- regression fits
def _line_coefs(name, fit):
    if hasattr(fit, "intercept") and hasattr(fit, "slope"):
        return float(fit.intercept), float(fit.slope)
    try:
        a, b = fit
        return float(a), float(b)
    except (TypeError, ValueError):
        raise TypeError(
            f"fits[{name!r}] must be a LineFit (lossviz.regression.fit_line) or an "
            f"(intercept, slope) pair; found {type(fit).__name__} {fit!r}."
        ) from None


def plot_regression_fits(
    x,
    y,
    fits,
    *,
    outliers=None,
    ax=None,
    true_line=None,
    xlim=None,
    legend=True,
    xlabel="living area (m²)",
    ylabel="price (k€)",
):
    r"""Data points, with the outliers marked, and one fitted straight line per loss.

    Each line keeps its loss's colour and line style (:data:`lossviz.style.LOSS_COLORS`); names
    that are not losses ("clean", "true", ...) are drawn in grey.  The lines span ``xlim``
    (default: the range of ``x``).  Every artist is an ordinary ``Line2D``, so an explorer can
    move it with ``set_data``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
    fits : dict
        ``name -> LineFit`` (from :func:`lossviz.regression.fit_line`) or ``(intercept, slope)``,
        e.g. ``{"mse": ..., "mae": ..., "huber": ...}``.
    outliers : array_like of bool, shape (n,), optional
        Marks these points as outliers (drawn as crosses).
    ax : matplotlib Axes, optional
    true_line : (intercept, slope), optional
        The line the data were generated from (thin black dotted).
    xlim : (float, float), optional
    legend : bool, default True

    Returns
    -------
    Artists
        ``ax``, ``points`` (Line2D, the ordinary points), ``outliers`` (Line2D, possibly empty),
        ``true`` (Line2D or absent) and one Line2D per name of ``fits``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> x = np.arange(6.0); y = 1 + 2 * x; y[5] += 100
    >>> fits = {"mse": (-18.05, 16.29), "mae": (1.0, 2.0)}
    >>> art = plot_regression_fits(x, y, fits, outliers=x == 5, ax=Figure().subplots())
    >>> sorted(art)
    ['ax', 'mae', 'mse', 'outliers', 'points']
    >>> len(art["outliers"].get_xdata()), art["mse"].get_color()
    (1, '#D55E00')
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(
            f"x and y must be 1-D arrays of the same length; found shapes {x.shape} and {y.shape}."
        )
    if x.size == 0:
        raise ValueError("x and y must hold at least one point; found none.")
    if not isinstance(fits, dict):
        raise TypeError(
            f"fits must be a dict name -> LineFit or (intercept, slope); found {type(fits).__name__}."
        )
    coefs = {name: _line_coefs(name, f) for name, f in fits.items()}
    if outliers is None:
        mask = np.zeros(x.shape, dtype=bool)
    else:
        mask = np.asarray(outliers)
        if mask.shape != x.shape or mask.dtype != bool:
            raise ValueError(
                f"outliers must be a boolean mask of shape {x.shape}; found shape {mask.shape}, "
                f"dtype {mask.dtype}."
            )
    lo, hi = (float(x.min()), float(x.max())) if xlim is None else (float(xlim[0]), float(xlim[1]))
    xs = np.array([lo, hi])
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.0, 4.0), lecture)
        lw = _lw(lecture)
        ms = style.rc(lecture)["lines.markersize"]
        art = Artists(ax=ax)
        (art["points"],) = ax.plot(
            x[~mask],
            y[~mask],
            "o",
            color=style.ACCENT_COLORS["neutral"],
            alpha=0.75,
            markersize=ms * 0.7,
            label="data",
            linestyle="none",
        )
        (art["outliers"],) = ax.plot(
            x[mask],
            y[mask],
            "X",
            color="black",
            markersize=ms * 1.1,
            label="outliers",
            linestyle="none",
        )
        if true_line is not None:
            a, b = _line_coefs("true_line", true_line)
            (art["true"],) = ax.plot(
                xs, a + b * xs, color="black", linestyle=":", linewidth=lw * 0.6, label="true line"
            )
        for name, (a, b) in coefs.items():
            if name in style.LOSS_COLORS:
                kw = style.loss_style(name, label=f"{style.LOSS_NAMES[name]} fit")
            else:
                kw = {"color": style.ACCENT_COLORS["neutral"], "linestyle": "-", "label": str(name)}
            (art[name],) = ax.plot(xs, a + b * xs, linewidth=lw, **kw)
        ax.set_xlim(lo, hi)
        _set_labels(ax, xlabel, ylabel, None, lecture)
        if legend:
            _legend(ax, lecture, loc="upper left")
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
        for name, a in zip(losses, axes):
            key = "mse" if name == "half_mse" else name
            label = "½·MSE" if name == "half_mse" else style.LOSS_NAMES[key]
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
                    label=f"{label}: concave here",
                )
        for a in dict.fromkeys(axes):
            a.set_xlabel("weight w")
            a.set_ylabel(style.LABELS["loss"])
            a.legend(loc="upper left")
        title = f"one sigmoid neuron: x = {x:g}, y = {y:g}, b = {b:g}"
        if len(set(map(id, axes))) > 1:
            axes[0].figure.suptitle(title)
        else:
            axes[0].set_title(title)
    return Artists(artists)


def plot_sigmoid_vs_softmax(logits, *, labels=None, ax=None):
    r"""Bars: the same logits through independent sigmoids and through one softmax.

    The sigmoid bars are each in (0, 1) on their own (their sum can be anything between 0 and
    the number of labels); the softmax bars share one unit of probability. The sum of each set
    is written in the legend.

    Parameters
    ----------
    logits : array_like of shape (K,)
    labels : list of str, optional
        Names of the labels (default "label 0", "label 1", ...).
    ax : matplotlib Axes, optional

    Returns
    -------
    dict
        ``{"sigmoid": BarContainer, "softmax": BarContainer, "threshold": Line2D}``

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> arts = plot_sigmoid_vs_softmax([2.0, 1.5, -1.0], ax=Figure().subplots())
    >>> [round(float(b.get_height()), 3) for b in arts["softmax"]]
    [0.604, 0.366, 0.03]
    """
    z = as_float_array(logits, "logits", dtype=np.float64)
    check_finite(z, "logits")
    if z.ndim != 1:
        raise ValueError(f"logits must be one vector of shape (K,); found shape {z.shape}.")
    names = [f"label {i}" for i in range(z.size)] if labels is None else list(labels)
    ps, pm = sigmoid(z), softmax(z)
    x = np.arange(z.size)
    with style.style_context():
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=style.figsize(6.0, 3.4))
        bars_s = ax.bar(
            x - 0.2,
            ps,
            width=0.4,
            color=style.LOSS_COLORS["bce"],
            label=f"independent sigmoids (sum {ps.sum():.2f})",
        )
        bars_m = ax.bar(
            x + 0.2,
            pm,
            width=0.4,
            color=style.ACCENT_COLORS["q"],
            hatch="//",
            edgecolor="white",
            label=f"one softmax (sum {pm.sum():.2f})",
        )
        line = ax.axhline(
            0.5,
            color=style.ACCENT_COLORS["neutral"],
            linestyle=":",
            linewidth=1.5,
            label="threshold 0.5",
        )
        ax.set_xticks(x, [f"{n}\nz = {v:g}" for n, v in zip(names, z)])
        ax.set_ylim(0, 1.45)
        ax.set_yticks(np.linspace(0, 1, 6))
        ax.set_ylabel(style.LABELS["prob"])
        ax.legend(loc="upper right", ncol=1)
    return Artists(sigmoid=bars_s, softmax=bars_m, threshold=line)


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
    >>> art = plot_descent_1d(lambda t: float(t[0] ** 2), {"run": [1.0, 0.5, 0.25]}, ax=Figure().subplots())
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
                w, lv_, "o-", color=c, ms=3.5, lw=0.8, alpha=0.9, label=str(name)
            )
            ax.plot(w[:1], lv_[:1], "o", ms=8, mfc="white", mec=c, mew=1.6)
            ax.plot(w[-1:], lv_[-1:], "o", ms=8, color=c)
        ax.set_xlim(*xlim)
        _set_labels(ax, xlabel, style.LABELS["loss"], None, lecture)
        if legend:
            _legend(ax, lecture, loc="upper center")
    return art
