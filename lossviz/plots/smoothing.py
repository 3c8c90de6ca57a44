"""Chapter 10's held-out reliability diagrams: label smoothing against temperature scaling."""

from __future__ import annotations

from .. import style
from ..calibration import apply_temperature, reliability
from ..i18n import tr
from ._common import Artists, _get_axes, _styled

__all__ = ["plot_smoothing_reliability"]

_MARKERS = ("o", "s", "^", "D", "v", "P")


def plot_smoothing_reliability(rows, y_test, *, n_bins=10, ax=None):
    """Top-label reliability on held-out data, one line per ``eps``: as trained (left) and
    after temperature scaling fitted on the validation split (right).

    Parameters
    ----------
    rows, y_test
        :func:`lossviz.smoothing.calibration_study`'s result.
    n_bins : int, default 10
    ax : sequence of two Axes, optional

    Returns
    -------
    Artists
        ``axes`` and one line per panel and ``eps`` (``raw_<eps>``, ``T_<eps>``).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from lossviz.smoothing import calibration_study
    >>> art = plot_smoothing_reliability(*calibration_study(eps_values=(0.0, 0.1)))
    >>> sorted(k for k in art if k != "axes")
    ['T_0', 'T_0.1', 'raw_0', 'raw_0.1']
    """
    with _styled() as lecture:
        axes = _get_axes(ax, 2, (10.0, 4.2), lecture)
        art = Artists(axes=axes)
        colour = style.LOSS_COLORS["bce"]
        n = len(rows)
        for a, scaled in zip(axes, (False, True), strict=True):
            a.plot([0, 1], [0, 1], color="0.6", lw=1, ls=":", label=tr("perfect calibration"))
            for i, r in enumerate(rows):
                t = r["T"] if scaled else 1.0
                rel = reliability(y_test, apply_temperature(r["test_logits"], t), n_bins=n_bins)
                ece = r["ece_T"] if scaled else r["ece"]
                label = f"ε = {r['eps']:g}: ECE {ece:.3f}" + (f", T = {t:.2f}" if scaled else "")
                (line,) = a.plot(
                    rel["confidence"],
                    rel["accuracy"],
                    marker=_MARKERS[i % 6],
                    color=colour,
                    alpha=1.0 - 0.6 * i / max(n - 1, 1),
                    lw=1.8,
                    ms=5,
                    label=label,
                )
                art[f"{'T' if scaled else 'raw'}_{r['eps']:g}"] = line
            a.set_xlim(0.3, 1.0)  # the largest of 3 probabilities is at least 1/3
            a.set_ylim(0.0, 1.0)
            a.set_xlabel(tr("confidence (largest probability), held-out test data"))
            a.set_ylabel(tr("accuracy in the bin"))
            a.set_title(tr("after temperature scaling") if scaled else tr("as trained"))
            a.legend(loc="upper left", fontsize="small", frameon=False)
        return art
