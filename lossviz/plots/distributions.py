r"""Distributions and probabilities (chapters 02, 05, 06): p and q as bars, entropy,
cross-entropy and KL as bars, softmax with a temperature, sigmoids against one softmax.

Examples
--------
>>> from matplotlib.figure import Figure
>>> art = plot_distributions([0.7, 0.3], ax=Figure().subplots())
>>> len(art["p"])
2
"""

from __future__ import annotations

import numpy as np

from .. import style
from .._text import shown
from .._validation import as_float_array, check_finite
from ..activations import sigmoid, softmax
from ..i18n import tr
from ..information import cross_entropy, entropy, kl_divergence
from ._common import (
    Artists,
    _get_axes,
    _legend,
    _set_labels,
    _styled,
)

__all__ = [
    "plot_distributions",
    "plot_information_bars",
    "plot_softmax_bars",
    "plot_sigmoid_vs_softmax",
]


def plot_distributions(p, q=None, *, ax=None, labels=None, legend=True):
    """Bars of a distribution ``p`` (and ``q`` beside it).

    Distributions are checked, not renormalised.

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
        ax.set_xticks(
            x, [shown(t) for t in labels] if labels is not None else [str(i + 1) for i in range(k)]
        )
        ax.set_ylim(0, 1.05)
        _set_labels(ax, tr(style.LABELS["outcome"]), tr(style.LABELS["prob"]), None, lecture)
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
    if base is None:
        unit = tr("nats")
    else:
        unit = tr("bits") if base == 2 else tr("log base {base:g}").format(base=base)
    finite = [v for v in (hp, hpq, kl) if np.isfinite(v)]
    top = ylim[1] if ylim is not None else max(1.0, 1.3 * max(finite))
    with _styled() as lecture:
        (ax,) = _get_axes(ax, 1, (4.5, 3.4), lecture)
        art = Artists(ax=ax)
        c_h, c_kl = style.ACCENT_COLORS["p"], style.ACCENT_COLORS["kl"]
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
            hatch="xx",
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
    >>> ax = Figure().subplots()
    >>> art = plot_softmax_bars([2.0, 1.0, 0.1], temperature=0.5, true_class=0, ax=ax)
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
                label=tr("true class"),
            )
            _legend(ax, lecture, loc="upper right")
        ax.set_xticks(
            x, [shown(t) for t in labels] if labels is not None else [str(i) for i in range(k)]
        )
        ax.set_ylim(0, 1.05)
        _set_labels(
            ax,
            tr(style.LABELS["class"]),
            "p = softmax(z / T)" if t != 1 else "p = softmax(z)",
            f"T = {t:g}",
            lecture,
        )
    return art


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
    names = [tr("label {i}").format(i=i) for i in range(z.size)] if labels is None else list(labels)
    if len(names) != z.size:
        raise ValueError(
            f"labels must name each of the {z.size} logits; found {len(names)} names. "
            "Pass one name per logit, or labels=None."
        )
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
            label=tr("independent sigmoids (sum {total:.2f})").format(total=ps.sum()),
        )
        bars_m = ax.bar(
            x + 0.2,
            pm,
            width=0.4,
            color=style.ACCENT_COLORS["q"],
            hatch="//",
            edgecolor="white",
            label=tr("one softmax (sum {total:.2f})").format(total=pm.sum()),
        )
        line = ax.axhline(
            0.5,
            color=style.ACCENT_COLORS["neutral"],
            linestyle=":",
            linewidth=1.5,
            label=tr("threshold 0.5"),
        )
        ax.set_xticks(x, [f"{shown(n)}\nz = {v:g}" for n, v in zip(names, z, strict=True)])
        ax.set_ylim(0, 1.45)
        ax.set_yticks(np.linspace(0, 1, 6))
        ax.set_ylabel(tr(style.LABELS["prob"]))
        ax.legend(loc="upper right", ncol=1)
    return Artists(sigmoid=bars_s, softmax=bars_m, threshold=line)
