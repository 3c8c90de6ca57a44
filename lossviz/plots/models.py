r"""Models and their training (chapters 01, 07, 08, 09): loss per epoch, decision boundaries,
reliability diagrams, straight lines fitted under several losses.

Examples
--------
>>> from matplotlib.figure import Figure
>>> art = plot_training_curves({"bce": [0.7, 0.4]}, ax=Figure().subplots())
>>> sorted(art["lines"])
['bce']
"""

from __future__ import annotations

import numpy as np

from .. import style
from .._text import shown
from ..activations import sigmoid
from ..i18n import tr
from ._common import (
    Artists,
    _finite,
    _get_axes,
    _legend,
    _lw,
    _set_labels,
    _styled,
)

__all__ = [
    "plot_training_curves",
    "plot_decision_boundary",
    "plot_reliability",
    "plot_regression_fits",
]


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
    >>> ax = Figure().subplots()
    >>> art = plot_training_curves({"bce": [0.7, 0.4, 0.2], "mse": [0.25, 0.2, 0.18]}, ax=ax)
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
            labels = [tr("run {i}").format(i=i + 1) for i in range(len(runs))]
        if len(labels) != len(runs):
            raise ValueError(
                f"labels must have one name per run ({len(runs)}); found {len(labels)}."
            )
        items = list(zip(labels, runs, strict=True))
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
                    f"history {name!r} must be a non-empty 1-D sequence of losses; "
                    f"found shape {v.shape}."
                )
            key = next((k for k in style.LOSS_COLORS if str(name).lower().startswith(k)), None)
            if key is not None:
                kw = style.loss_style(key, label=shown(str(name)))
            else:
                kw = {"color": others[j % len(others)], "label": shown(str(name))}
                j += 1
            (art["lines"][name],) = ax.plot(np.arange(v.size), _finite(v), lw=lw, **kw)
        if logy:
            ax.set_yscale("log")
        _set_labels(
            ax,
            shown(xlabel) or tr(style.LABELS["epoch"]),
            shown(ylabel) or tr(style.LABELS["loss"]),
            shown(title),
            lecture,
        )
        if legend == "outside":
            _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        elif legend:
            _legend(ax, lecture)
    return art


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
    >>> ax = Figure().subplots()
    >>> art = plot_decision_boundary(X, [0, 1, 1, 0], weights=[0.0, 4.0], bias=-2.0, ax=ax)
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
            "give exactly one of weights= (a linear model, with bias=) or predict_proba= "
            "(a callable)."
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
                label=tr("class {label} (n={n})").format(label=lab, n=int(m.sum())),
                zorder=3,
            )
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.grid(False)
        _set_labels(ax, tr(style.LABELS["x1"]), tr(style.LABELS["x2"]), None, lecture)
        if legend:
            _legend(ax, lecture, loc="best")
    return art


# --------------------------------------------------------------------------- calibration
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
    """Reliability (calibration) diagram: observed frequency of class 1 against mean predicted
    probability.

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
    # metrics is a lower layer (computation), imported here only: ``import lossviz.plots`` stays
    # free of it
    from ..metrics import calibration_curve

    prob_true, prob_pred, counts = calibration_curve(
        y_true, y_prob, n_bins=n_bins, strategy=strategy
    )
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (6.8, 4.0), lecture)  # wide: the legend sits right of the square
        art = Artists(ax=ax, prob_true=prob_true, prob_pred=prob_pred, counts=counts)
        if diagonal:
            (art["diagonal"],) = ax.plot(
                [0, 1], [0, 1], color="0.5", ls=":", lw=1.2, label=tr("perfectly calibrated")
            )
        (art["curve"],) = ax.plot(
            prob_pred,
            prob_true,
            marker="o",
            lw=_lw(lecture),
            color=color or style.LOSS_COLORS["bce"],
            label=label or tr("model"),
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
                for x, yv, c in zip(prob_pred, prob_true, counts, strict=True)
            ]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        _set_labels(
            ax,
            tr(style.LABELS["confidence"]),
            tr(style.LABELS["frequency"]),
            tr("reliability diagram"),
            lecture,
        )
        # outside the square: curves of badly calibrated models fill either corner
        _legend(ax, lecture, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return art


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
    xlabel=None,
    ylabel=None,
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
    xlabel, ylabel : str, optional
        Default "living area (m²)" and "price (k€)" (in the current language).

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
            "fits must be a dict name -> LineFit or (intercept, slope); "
            f"found {type(fits).__name__}."
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
            label=tr("data"),
            linestyle="none",
        )
        (art["outliers"],) = ax.plot(
            x[mask],
            y[mask],
            "X",
            color="black",
            markersize=ms * 1.1,
            label=tr("outliers"),
            linestyle="none",
        )
        if true_line is not None:
            a, b = _line_coefs("true_line", true_line)
            (art["true"],) = ax.plot(
                xs,
                a + b * xs,
                color="black",
                linestyle=":",
                linewidth=lw * 0.6,
                label=tr("true line"),
            )
        for name, (a, b) in coefs.items():
            if name in style.LOSS_COLORS:
                label = tr("{loss} fit").format(loss=tr(style.LOSS_NAMES[name]))
                kw = style.loss_style(name, label=label)
            else:
                kw = {
                    "color": style.ACCENT_COLORS["neutral"],
                    "linestyle": "-",
                    "label": shown(str(name)),
                }
            (art[name],) = ax.plot(xs, a + b * xs, linewidth=lw, **kw)
        ax.set_xlim(lo, hi)
        _set_labels(
            ax,
            tr("living area (m²)") if xlabel is None else shown(xlabel),
            tr("price (k€)") if ylabel is None else shown(ylabel),
            None,
            lecture,
        )
        if legend:
            _legend(ax, lecture, loc="upper left")
    return art
