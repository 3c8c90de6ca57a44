r"""Static figures of the course, in one visual language (:mod:`lossviz.style`).

Every function takes ``ax=None`` (a new figure is made when it is None), returns its artists in a
dict (:class:`Artists`), never calls ``plt.show()`` and never changes matplotlib's global
``rcParams`` (the lossviz style and lecture mode are applied with :func:`matplotlib.rc_context`
and explicit artist properties).  Infinite values are drawn as a capped mark with "∞".

The functions live in four modules by topic and are all importable from here:

:mod:`lossviz.plots.curves` (chapters 01, 03, 04)
    :func:`plot_loss_vs_prob` (BCE, MSE, focal with several γ, against the predicted
    probability), :func:`plot_grad_vs_prob` (dL/dp), :func:`plot_grad_vs_logit` (dL/dz and the
    BCE/MSE ratio on a log scale), :func:`plot_neuron_loss_vs_weight`, :func:`plot_descent_1d`.
:mod:`lossviz.plots.distributions` (chapters 02, 05, 06)
    :func:`plot_distributions`, :func:`plot_information_bars` (p and q; H(p), H(p, q),
    KL(p‖q)), :func:`plot_softmax_bars` (with temperature), :func:`plot_sigmoid_vs_softmax`.
:mod:`lossviz.plots.models` (chapters 01, 07, 08, 09)
    :func:`plot_training_curves`, :func:`plot_decision_boundary`, :func:`plot_reliability`,
    :func:`plot_regression_fits` (points, outliers marked, lines fitted under MSE, MAE, Huber).

:mod:`lossviz.plots.robustness` (chapter 08)
    :func:`plot_floor_panels`, :func:`plot_slope_spread`, :func:`plot_leverage`,
    :func:`plot_quantile_lines`, :func:`plot_house_net`.

:func:`small_multiples` draws the static twin of an explorer at several settings, one Figure
(:func:`lossviz.figure.render_small_multiples`).  This package imports no explorer: it sits below
them (``tests/test_layers.py``).

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

from ..figure import StaticFigure, render_small_multiples
from ._common import Artists
from .convexity import plot_convexity_both_ways  # chapter 04
from .curves import (
    plot_descent_1d,
    plot_grad_vs_logit,
    plot_grad_vs_prob,
    plot_loss_vs_prob,
    plot_neuron_loss_vs_weight,
)
from .descent_runs import plot_descent_runs, plot_polynomial_fits
from .distributions import (
    plot_distributions,
    plot_information_bars,
    plot_sigmoid_vs_softmax,
    plot_softmax_bars,
)
from .imbalance import plot_cumulative_loss, plot_focal_gradient  # chapter 07
from .lr_finder import plot_lr_finder
from .models import (
    plot_decision_boundary,
    plot_regression_fits,
    plot_reliability,
    plot_training_curves,
)
from .robustness import (  # chapter 08's second half
    plot_floor_panels,
    plot_house_net,
    plot_leverage,
    plot_quantile_lines,
    plot_slope_spread,
)
from .smoothing import plot_smoothing_reliability  # chapter 10

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
    "plot_smoothing_reliability",
    "small_multiples",
    "plot_regression_fits",
    "plot_neuron_loss_vs_weight",
    "plot_sigmoid_vs_softmax",
    "plot_descent_1d",
    "plot_descent_runs",
    "plot_polynomial_fits",
    "plot_lr_finder",
    "plot_floor_panels",
    "plot_slope_spread",
    "plot_leverage",
    "plot_quantile_lines",
    "plot_house_net",
    "plot_cumulative_loss",
    "plot_focal_gradient",
    "plot_convexity_both_ways",
]


def small_multiples(explorer, settings, *, ncols=None, titles=None, scale=1.0, **init_kwargs):
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
    StaticFigure

    Examples
    --------
    >>> from lossviz.explorers import LossExplorer
    >>> fig = small_multiples(LossExplorer, [{"p": 0.2}, {"p": 0.8}])
    >>> len(fig.subfigs), fig.subfigs[0]._suptitle.get_text()
    (2, 'p = 0.20, y = 1')
    """
    return render_small_multiples(
        explorer, settings, ncols=ncols, titles=titles, scale=scale, **init_kwargs
    )
