r"""Static figures of chapter 07: focal loss's mechanism.

:func:`plot_cumulative_loss`
    The normalised cumulative loss of the positives and of the negatives for several γ (Lin et al.
    2017, Fig. 4), from :func:`lossviz.imbalance_compare.cumulative_loss`.
:func:`plot_focal_gradient`
    The gradient of focal loss with respect to the logit against the predicted probability, for
    several γ, beside cross-entropy's ``p − y``, on logarithmic axes so that the small gradients
    of easy examples show.

Examples
--------
>>> from matplotlib.figure import Figure
>>> ax = Figure().subplots()
>>> art = plot_focal_gradient(gammas=(0, 2), y=0, ax=ax)
>>> sorted(art)
['ax', 'focal']
>>> sorted(art["focal"])
[0, 2]
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..activations import logit
from ..gradients import focal_loss_with_logits_grad
from ..i18n import tr
from ._common import Artists, _get_axes, _styled

__all__ = ["plot_cumulative_loss", "plot_focal_gradient"]


def _gamma_style(g):
    """Cross-entropy's colour and line style for γ = 0, focal's (darker for larger γ) otherwise."""
    if g == 0:
        return {"color": style.LOSS_COLORS["bce"], "ls": style.LOSS_STYLES["bce"], "lw": 2.2}
    return {"color": style.LOSS_COLORS["focal"], "ls": style.LOSS_STYLES["focal"], "lw": 2.0}


def plot_cumulative_loss(curves, *, ax=None):
    r"""Lin et al.'s Fig. 4: the normalised cumulative loss of each class, one curve per γ.

    Parameters
    ----------
    curves : dict
        The result of :func:`lossviz.imbalance_compare.cumulative_loss`:
        ``{"positives": {γ: (fraction, cumulative)}, "negatives": {...}}``.
    ax : sequence of two Axes, optional

    Returns
    -------
    Artists
        ``axes`` and ``lines`` (``{(class, γ): Line2D}``).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> axes = Figure().subplots(1, 2)
    >>> c = {"positives": {0.0: (np.array([0.5, 1.0]), np.array([0.2, 1.0]))},
    ...      "negatives": {0.0: (np.array([0.5, 1.0]), np.array([0.1, 1.0]))}}
    >>> sorted(plot_cumulative_loss(c, ax=axes)["lines"])
    [('negatives', 0.0), ('positives', 0.0)]
    """
    with _styled() as lecture:
        axes = _get_axes(ax, 2, (9.0, 3.6), lecture)
        lines = {}
        for a, name in zip(axes, ("positives", "negatives"), strict=True):
            gammas = sorted(curves[name])
            for i, g in enumerate(gammas):
                frac, cum = curves[name][g]
                kw = _gamma_style(g)
                if g > 0:  # focal: lighter for small γ, full colour for the largest
                    kw["alpha"] = 0.45 + 0.55 * i / max(len(gammas) - 1, 1)
                (lines[(name, g)],) = a.plot(
                    np.r_[0.0, frac], np.r_[0.0, cum], label=f"γ = {g:g}", **kw
                )
            a.set_xlim(0, 1)
            a.set_ylim(0, 1.02)
            if name == "positives":
                a.set_xlabel(tr("fraction of the positives (easiest first)"))
                a.set_title(tr("positives"))
            else:
                a.set_xlabel(tr("fraction of the negatives (easiest first)"))
                a.set_title(tr("negatives"))
            a.set_ylabel(tr("cumulative share of their loss"))
            a.legend(loc="upper left", fontsize="small")
        return Artists(axes=axes, lines=lines)


def plot_focal_gradient(*, gammas=(0, 1, 2, 5), y=0, ax=None):
    r"""``|∂FL/∂z|`` against the predicted probability for each γ (γ = 0 is cross-entropy's
    ``|p − y|``), on logarithmic axes.

    For a negative (``y = 0``) cross-entropy's gradient is ``p``; focal loss's is about
    ``p^{γ+1}`` for small ``p`` (times ``1 + γ``): an easy negative at ``p = 0.01`` pulls
    ``10^{-4}`` as hard with γ = 2.

    Parameters
    ----------
    gammas : sequence of float
    y : {0, 1}
    ax : Axes, optional

    Returns
    -------
    Artists
        ``ax`` and ``focal`` (``{γ: Line2D}``).
    """
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1; found {y!r}.")
    with _styled() as lecture:
        (a,) = _get_axes(ax, 1, (5.0, 3.6), lecture)
        p_t = 1.0 - np.logspace(-4, np.log10(0.999), 400)  # p_t from 0.9999 down to 0.001
        p = p_t if y == 1 else 1.0 - p_t
        z = logit(p)
        lines = {}
        gammas = sorted(gammas)
        for i, g in enumerate(gammas):
            grad = np.abs(focal_loss_with_logits_grad(np.full(z.shape, float(y)), z, gamma=g))
            kw = _gamma_style(g)
            if g > 0:
                kw["alpha"] = 0.45 + 0.55 * i / max(len(gammas) - 1, 1)
            label = (
                tr("cross-entropy: |p − y|")
                if g == 0
                else tr("focal γ = {gamma:g}").format(gamma=g)
            )
            (lines[g],) = a.plot(1.0 - p_t, grad, label=label, **kw)
        a.set_xscale("log")
        a.set_yscale("log")
        a.set_ylim(1e-9, 2)
        a.set_xlabel(tr("1 − p_t (0.0001 = very easy, 1 = very wrong)"))
        a.set_ylabel(tr("|∂loss/∂z|"))
        if y == 1:
            a.set_title(tr("gradient for a positive (y = {y})").format(y=y))
        else:
            a.set_title(tr("gradient for a negative (y = {y})").format(y=y))
        a.legend(loc="upper left", fontsize="small")
        return Artists(ax=a, focal=lines)
