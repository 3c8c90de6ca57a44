r"""Static figures of chapter 08's second half: floors, the price of robustness, leverage,
quantile lines and the house-price network.

* :func:`plot_floor_panels` — training curves with the floor each loss cannot go below, drawn
  and labelled (the sources' autoencoder and the [0, 1] targets).
* :func:`plot_slope_spread` — the fitted slope's spread over many seeds under each loss, with
  and without outliers (a Monte Carlo).
* :func:`plot_leverage` — outliers in x: lines fitted under each loss, legend outside the data.
* :func:`plot_quantile_lines` — quantile-regression lines over the data.
* :func:`plot_house_net` — training and held-out error of the house-price network per epoch.
"""

from __future__ import annotations

import numpy as np

from .. import style
from .._text import shown
from ..i18n import tr
from ._common import Artists, _finite, _get_axes, _legend, _lw, _set_labels, _styled

__all__ = [
    "plot_floor_panels",
    "plot_slope_spread",
    "plot_leverage",
    "plot_quantile_lines",
    "plot_house_net",
]


def _loss_key(name):
    return next((k for k in style.LOSS_COLORS if str(name).lower().startswith(k)), None)


def plot_floor_panels(panels, *, ax=None):
    r"""Training curves, one panel per entry, each curve with its floor as a labelled line.

    Parameters
    ----------
    panels : sequence of dict
        Each ``{"title": str, "histories": {name: losses}, "floors": {name: float}}``; a name
        starting with a loss key (``"mse ..."``, ``"bce ..."``) keeps that loss's colour, and its
        floor is drawn dotted in the same colour with its value written beside it.
    ax : sequence of Axes, optional

    Returns
    -------
    Artists
        ``ax`` (list), ``lines`` and ``floors`` (dicts keyed ``(panel, name)``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> axes = Figure().subplots(1, 2)
    >>> p = [{"title": "a", "histories": {"mse": [1.0, 0.7, 0.6]}, "floors": {"mse": 0.59}},
    ...      {"title": "b", "histories": {"bce": [0.7, 0.65]}, "floors": {"bce": 0.64}}]
    >>> art = plot_floor_panels(p, ax=axes)
    >>> art["floors"][(0, "mse")].get_ydata().tolist(), art["lines"][(1, "bce")].get_color()
    ([0.59, 0.59], '#0072B2')
    """
    panels = list(panels)
    if not panels:
        raise ValueError("panels is empty; pass e.g. [{'title': ..., 'histories': ..., ...}].")
    with _styled() as lecture:
        axes = _get_axes(ax, len(panels), (5.2 * len(panels), 3.6), lecture)
        art = Artists(ax=axes, lines={}, floors={})
        lw = _lw(lecture)
        for i, (a, panel) in enumerate(zip(axes, panels, strict=True)):
            steps = 1
            for name, values in panel["histories"].items():
                v = np.asarray(values, dtype=float)
                key = _loss_key(name)
                kw = {"label": shown(str(name))}
                if key:
                    kw = style.loss_style(key, **({} if key == name else kw))
                (art["lines"][(i, name)],) = a.plot(np.arange(v.size), _finite(v), lw=lw, **kw)
                steps = max(steps, v.size)
            for name, floor in panel.get("floors", {}).items():
                key = _loss_key(name)
                color = style.LOSS_COLORS[key] if key else "black"
                (art["floors"][(i, name)],) = a.plot(
                    [0, steps - 1], [floor, floor], color=color, lw=lw * 0.8, ls=":"
                )
                a.annotate(
                    tr("floor {floor:.3f}").format(floor=floor),
                    (steps - 1, floor),
                    xytext=(-4, 4),
                    textcoords="offset points",
                    ha="right",
                    va="bottom",
                    color=color,
                )
            title = panel.get("title")
            _set_labels(
                a, tr("step"), tr(style.LABELS["loss"]), shown(title) if title else title, lecture
            )
            _legend(a, lecture, loc="upper right")
    return art


def plot_slope_spread(results, *, ax=None, true_slope=3.0):
    r"""The fitted slopes of a Monte Carlo (:func:`lossviz.robust.slope_spread`), one panel per
    setting: a box per loss in its colour, with the standard deviation written above it.

    Parameters
    ----------
    results : dict
        ``setting name -> result of slope_spread``.
    true_slope : float
        Drawn as a dotted line.

    Returns
    -------
    Artists
        ``ax`` (list) and ``boxes`` (dict ``(setting, loss) -> Patch``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> r = {"s": {"slopes": {"mse": np.array([2.9, 3.1]), "mae": np.array([2.8, 3.2])},
    ...            "sd": {"mse": 0.14, "mae": 0.28}}}
    >>> art = plot_slope_spread(r, ax=Figure().subplots())
    >>> sorted(art["boxes"])
    [('s', 'mae'), ('s', 'mse')]
    """
    results = dict(results)
    if not results:
        raise ValueError("results is empty; pass {setting: slope_spread(...)}.")
    n = len(results)
    with _styled() as lecture:
        axes = _get_axes(ax, n, (4.6 * n, 3.8), lecture)
        art = Artists(ax=axes, boxes={})
        for a, (setting, r) in zip(axes, results.items(), strict=True):
            names = list(r["slopes"])
            data = [np.asarray(r["slopes"][k], dtype=float) for k in names]
            bp = a.boxplot(data, patch_artist=True, widths=0.6, showfliers=True)
            a.set_xticks(
                range(1, len(names) + 1),
                [tr(style.LOSS_NAMES[k]) if k in style.LOSS_NAMES else shown(k) for k in names],
            )
            for k, box, med in zip(names, bp["boxes"], bp["medians"], strict=True):
                key = _loss_key(k)
                color = style.LOSS_COLORS[key] if key else style.ACCENT_COLORS["neutral"]
                box.set_facecolor(color)
                box.set_alpha(0.75)
                if key != k:  # a variant of the loss (e.g. "huber-scale"): hatched
                    box.set_hatch("//")
                med.set_color("black")
                art["boxes"][(setting, k)] = box
            top = max(float(d.max()) for d in data)
            for j, k in enumerate(names, start=1):
                a.annotate(
                    tr("sd {sd:.3f}").format(sd=r["sd"][k]),
                    (j, top),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                )
            lo = min(float(d.min()) for d in data)
            a.set_ylim(lo - 0.05 * (top - lo), top + 0.18 * (top - lo))
            a.axhline(true_slope, color="black", ls=":", lw=_lw(lecture) * 0.6)
            _set_labels(a, None, tr("fitted slope (k€/m²)"), shown(str(setting)), lecture)
    return art


def plot_leverage(x, y, bad, fits, *, ax=None, true_line=(50.0, 3.0)):
    r"""Points (the bad ones as crosses) and one line per fit over the whole x range; the legend
    sits outside the axes so that it covers no point.

    ``fits``: ``name -> LineFit`` or ``(intercept, slope)``; names that are losses keep their
    colours, others are drawn in black (solid).

    Returns
    -------
    Artists
        ``ax``, ``points``, ``bad`` and one line per fit.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> x = np.array([1.0, 2.0, 30.0]); y = np.array([3.0, 5.0, 4.0])
    >>> art = plot_leverage(x, y, x > 10, {"mse": (4.0, 0.0)}, ax=Figure().subplots())
    >>> sorted(art)
    ['ax', 'bad', 'mse', 'points', 'true']
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    bad = np.asarray(bad, dtype=bool)
    xs = np.array([0.0, float(x.max()) * 1.05])
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (7.2, 4.0), lecture)
        lw = _lw(lecture)
        art = Artists(ax=ax)
        (art["points"],) = ax.plot(
            x[~bad],
            y[~bad],
            "o",
            color=style.ACCENT_COLORS["neutral"],
            alpha=0.75,
            label=tr("houses"),
        )
        (art["bad"],) = ax.plot(
            x[bad], y[bad], "X", color="black", ms=9, ls="none", label=tr("area typed in ft²")
        )
        a0, b0 = true_line
        (art["true"],) = ax.plot(xs, a0 + b0 * xs, "k:", lw=lw * 0.6, label=tr("true line"))
        for name, f in fits.items():
            a, b = (f.intercept, f.slope) if hasattr(f, "slope") else f
            key = _loss_key(name)
            kw = {"color": "black", "label": shown(str(name))}
            if key:
                kw = style.loss_style(key, **({} if key == name else {"label": kw["label"]}))
            (art[name],) = ax.plot(xs, a + b * xs, lw=lw, **kw)
        ax.set_xlim(*xs)
        ax.set_ylim(0, max(float(y.max()) * 1.3, 700.0))
        _set_labels(ax, tr("living area as recorded (m²)"), tr("price (k€)"), None, lecture)
        _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return art


def plot_quantile_lines(x, y, fits, *, ax=None):
    r"""Points and one quantile-regression line per τ (``fits``: ``tau -> LineFit``), each
    labelled with τ and the share of points below it.

    Returns
    -------
    Artists
        ``ax``, ``points`` and ``lines`` (dict tau -> Line2D).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> art = plot_quantile_lines([1.0, 2.0, 3.0], [1.0, 2.5, 3.0], {0.5: (0.5, 0.9)},
    ...                           ax=Figure().subplots())
    >>> art["lines"][0.5].get_label()
    'τ = 0.5 (below: 0.67)'
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xs = np.array([float(x.min()), float(x.max())])
    dashes = ["--", "-", "-."]
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.0, 4.0), lecture)
        lw = _lw(lecture)
        art = Artists(ax=ax, lines={})
        (art["points"],) = ax.plot(
            x, y, "o", color=style.ACCENT_COLORS["neutral"], alpha=0.75, label=tr("houses")
        )
        for i, (tau, f) in enumerate(sorted(fits.items())):
            a, b = (f.intercept, f.slope) if hasattr(f, "slope") else f
            below = float(np.mean(y < a + b * x))
            (art["lines"][tau],) = ax.plot(
                xs,
                a + b * xs,
                color="black",
                ls=dashes[i % 3],
                lw=lw,
                label=tr("τ = {tau:g} (below: {below:.2f})").format(tau=tau, below=below),
            )
        _set_labels(ax, tr("living area (m²)"), tr("price (k€)"), None, lecture)
        _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return art


def plot_house_net(net, *, ax=None, references=None):
    r"""Training and held-out RMSE of :func:`lossviz.housenet.train_house_net` per epoch, with
    reference levels (e.g. the noise floor and the linear model) as labelled dotted lines.

    Returns
    -------
    Artists
        ``ax``, ``train``, ``held_out`` and ``references`` (dict name -> Line2D).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lossviz.housenet import make_house_features, train_house_net
    >>> X, y = make_house_features(100)
    >>> net = train_house_net(X, y, epochs=3, X_val=X, y_val=y)
    >>> art = plot_house_net(net, ax=Figure().subplots(), references={"noise": 25.0})
    >>> len(art["train"].get_xdata()), sorted(art["references"])
    (3, ['noise'])
    """
    references = dict(references or {})
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.0, 3.8), lecture)
        lw = _lw(lecture)
        ep = np.arange(1, net.train_rmse.size + 1)
        art = Artists(ax=ax, references={})
        kw = style.loss_style("mse", label=tr("training houses (MSE)"))
        (art["train"],) = ax.plot(ep, net.train_rmse, lw=lw, **kw)
        if net.val_rmse.size:
            (art["held_out"],) = ax.plot(
                ep, net.val_rmse, lw=lw, color=kw["color"], ls="-", label=tr("held-out houses")
            )
        for name, level in references.items():
            (art["references"][name],) = ax.plot(
                [1, ep[-1]], [level, level], color="black", ls=":", lw=lw * 0.6
            )
            ax.annotate(
                f"{shown(str(name))} {level:.1f}",
                (1, level),
                xytext=(4, 3),
                textcoords="offset points",
                ha="left",
                va="bottom",
            )
        ax.set_xscale("log")
        _set_labels(ax, tr("epoch (log scale)"), tr("RMSE (k€)"), None, lecture)
        _legend(ax, lecture, loc="upper right")
    return art
