r"""TemperatureExplorer: temperature scaling as post-hoc calibration, on held-out data.

A trained softmax model's test logits are divided by a temperature ``T`` (a slider) and the
explorer shows, on the held-out **test** split:

* left, the top-label reliability diagram (Guo et al., ICML 2017): per bin of confidence (the
  largest probability, 15 bins), the accuracy as a bar and the gap to the bin's mean confidence
  hatched; a calibrated model's bars reach the diagonal;
* right, the test ECE and the test NLL (the cross-entropy, in the loss's colour) against ``T`` on a
  log axis, with the current ``T`` and the temperature **fitted on the validation split**
  (:func:`lossviz.calibration.fit_temperature`) marked.

The two models are the experiments of :mod:`lossviz.posthoc`: ``"over-confident"`` (5 points per
class, trained long: the fitted T is about 4.9) and ``"well-specified"`` (200 points per class:
T is about 1, nothing to gain). Moving ``T`` never changes the accuracy.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection

from .. import style
from ..i18n import N_, tr
from ..posthoc import STUDIES, temperature_study
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["TemperatureExplorer"]

_T_MIN, _T_MAX = 0.25, 8.0
_ECE_MAX, _NLL_MAX = 0.5, 2.4
_GAP = dict(facecolor="0.8", edgecolor="0.3", linewidth=0.8)  # no hatch: 28 ms per frame
_ACC = dict(facecolor=style.ACCENT_COLORS["p"], edgecolor="black", linewidth=0.5)
_NLL = style.LOSS_COLORS["bce"]  # the NLL is the cross-entropy: its loss colour
#: The models' names (:data:`lossviz.posthoc.STUDIES`), marked for the catalogue.
_MODELS = (N_("over-confident"), N_("well-specified"))
#: A model's description, as :func:`lossviz.posthoc.make_temperature_study` writes it.
_DESCRIPTION = N_("{n_per_class} points per class, {epochs} epochs at lr {lr:g}")


class TemperatureExplorer(Explorer):
    r"""Temperature slider over a trained model's held-out reliability diagram, ECE and NLL.

    Parameters
    ----------
    lecture : bool, optional
    **params
        Initial ``model`` (``"over-confident"`` or ``"well-specified"``) and ``T`` (0.25 to 8).

    Examples
    --------
    >>> ex = TemperatureExplorer(_live=False)
    >>> r = ex.compute(model="over-confident", T=1.0)
    >>> round(r["ece"], 4), round(r["nll"], 4), round(r["T_fit"], 3)
    (0.1326, 1.1585, 4.924)
    >>> r = ex.compute(model="over-confident", T=r["T_fit"])
    >>> round(r["ece"], 4), round(r["nll"], 4)
    (0.0443, 0.4705)
    """

    figsize = (9.6, 3.9)

    def param_spec(self):
        return {
            "model": ChoiceParam(
                [(tr(name), name) for name in STUDIES], "over-confident", label=tr("model")
            ),
            "T": FloatParam(_T_MIN, _T_MAX, 0.05, 1.0, label=tr("temperature T")),
        }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in STUDIES:  # train both models and their curves once, before any slider moves
            temperature_study(name).curve()

    def compute(self, *, model="over-confident", T=1.0):
        """Test-split reliability bins, ECE, NLL, accuracy and confidence at temperature ``T``.

        Returns
        -------
        dict
            ``model``, ``T``, ``T_fit`` (fitted on validation), ``ece``, ``nll``, ``accuracy``,
            ``mean_confidence``, ``bins`` (:func:`lossviz.posthoc.reliability_bins`),
            ``ece_at_1`` / ``nll_at_1`` (the unscaled model), ``curve`` (test ECE and NLL
            against T), ``n_test``.
        """
        study = temperature_study(model)
        T = float(T)
        if not (np.isfinite(T) and T > 0):
            raise ValueError(f"T must be a positive temperature; found {T!r}. Use e.g. T=1.5.")
        m = study.metrics(T)
        curve = study.curve()
        return {
            "model": model,
            "T": T,
            "T_fit": study.temperature,
            "ece": m["ece"],
            "nll": m["nll"],
            "accuracy": m["accuracy"],
            "mean_confidence": m["mean_confidence"],
            "bins": m["bins"],
            "ece_at_1": float(np.interp(0.0, np.log(curve["T"]), curve["ece"])),
            "nll_at_1": float(np.interp(0.0, np.log(curve["T"]), curve["nll"])),
            "curve": curve,
            "n_test": int(study.y_test.size),
            "description": study.description,
        }

    # ---------------------------------------------------------------- drawing
    slow_artists = ("ece_curve", "nll_curve", "fit_line")

    def _slow_key(self, params):
        return params["model"]

    def _build(self, fig, params):
        ax_r, ax_c = fig.subplots(1, 2, width_ratios=[1.0, 1.25])
        n_bins = 15
        edges = np.linspace(0.0, 1.0, n_bins + 1)
        width = 1.0 / n_bins
        art = {}
        # one PolyCollection per kind of bar: 2 draws per frame instead of 30 patches
        art["_left"] = edges[:-1]
        art["acc"] = PolyCollection(
            _boxes(edges[:-1], width, 0, 0), **_ACC, label=tr("accuracy per bin")
        )
        art["gap"] = PolyCollection(
            _boxes(edges[:-1], width, 0, 0), **_GAP, label=tr("gap to confidence")
        )
        ax_r.add_collection(art["acc"])
        ax_r.add_collection(art["gap"])
        # how many points each bin holds: a bin with a handful of points can look wild
        (art["share"],) = ax_r.plot(
            [],
            [],
            color="0.2",
            lw=1.2,
            ls="--",
            drawstyle="steps-mid",
            label=tr("share of test points"),
        )
        art["_centres"] = edges[:-1] + 0.5 * width
        (diagonal,) = ax_r.plot(
            [0, 1],
            [0, 1],
            color="black",
            ls=":",
            lw=1.2,
            zorder=3,
            label=tr("perfectly calibrated"),
        )
        ax_r.set_xlim(0, 1)
        ax_r.set_ylim(0, 1)
        ax_r.set_xlabel(tr("confidence (largest probability)"))
        ax_r.set_ylabel(tr("accuracy on test data"))
        ax_r.set_title(tr("reliability (held-out test)"))

        ax_n = ax_c.twinx()
        (art["ece_curve"],) = ax_c.plot([], [], color="black", lw=2.0, label=tr("test ECE"))
        (art["nll_curve"],) = ax_n.plot(
            [], [], color=_NLL, lw=2.0, ls=style.LOSS_STYLES["bce"], label=tr("test NLL (CE)")
        )
        art["fit_line"] = ax_c.axvline(
            1.0,
            color=style.ACCENT_COLORS["neutral"],
            ls="--",
            lw=1.5,
            label=tr("T fitted on validation"),
        )
        art["T_line"] = ax_c.axvline(1.0, color="black", lw=1.0, alpha=0.6, label=tr("current T"))
        art["ece_mark"] = style.CappedMarker(ax_c, color="black")
        art["nll_mark"] = style.CappedMarker(ax_n, color=_NLL)
        for ax in (ax_c, ax_n):
            ax.set_xscale("log")
            ax.set_xlim(_T_MIN, _T_MAX)
        ax_c.set_xticks([0.25, 0.5, 1, 2, 4, 8], ["0.25", "0.5", "1", "2", "4", "8"])
        ax_c.minorticks_off()
        ax_c.set_ylim(0, _ECE_MAX)
        ax_n.set_ylim(0, _NLL_MAX)
        ax_n.grid(False)
        ax_c.set_xlabel(tr("temperature T (log scale)"))
        ax_c.set_ylabel(tr("ECE (15 bins)"))
        ax_n.set_ylabel(tr("NLL (nats)"), color=_NLL)
        ax_n.tick_params(axis="y", colors=_NLL)
        ax_c.set_title(tr("test ECE and NLL against T"))
        handles = [art["acc"], art["gap"], art["share"], diagonal]
        handles += [art["ece_curve"], art["nll_curve"], art["fit_line"], art["T_line"]]
        fig.legend(
            handles=handles,
            labels=[h.get_label() for h in handles],
            loc="outside right upper",
            handlelength=1.6,
        )
        return art

    def _draw(self, art, r, params):
        b = r["bins"]
        filled = b["count"] > 0
        acc = np.where(filled, b["accuracy"], 0.0)
        conf = np.where(filled, b["confidence"], 0.0)
        left, width = art["_left"], 1.0 / len(art["_left"])
        art["acc"].set_verts(_boxes(left, width, 0.0, acc))
        art["gap"].set_verts(_boxes(left, width, np.minimum(acc, conf), np.maximum(acc, conf)))
        art["share"].set_data(art["_centres"], b["count"] / max(int(b["count"].sum()), 1))
        curve = r["curve"]
        art["ece_curve"].set_data(curve["T"], curve["ece"])
        art["nll_curve"].set_data(curve["T"], curve["nll"])
        art["fit_line"].set_xdata([r["T_fit"], r["T_fit"]])
        art["T_line"].set_xdata([r["T"], r["T"]])
        art["ece_mark"].set(r["T"], r["ece"])
        art["nll_mark"].set(r["T"], r["nll"])
        return False

    def _readout(self, r, params):
        f = style.format_value
        model = r["model"]
        if model in STUDIES:  # the description in the current language
            description = tr(_DESCRIPTION).format(**STUDIES[model])
        else:
            description = r["description"]
        return [
            (tr("{model}: {description}").format(model=tr(model), description=description), None),
            (
                tr("T = {T:.2f}   (fitted on validation: {T_fit:.3f})").format(
                    T=r["T"], T_fit=r["T_fit"]
                ),
                None,
            ),
            (
                tr("test ECE = {ece}   (T = 1: {ece_at_1})").format(
                    ece=f(r["ece"]), ece_at_1=f(r["ece_at_1"])
                ),
                None,
            ),
            (
                tr("test NLL = {nll}   (T = 1: {nll_at_1})").format(
                    nll=f(r["nll"]), nll_at_1=f(r["nll_at_1"])
                ),
                _NLL,
            ),
            (
                tr("accuracy {accuracy} (any T), mean confidence {confidence}").format(
                    accuracy=f(r["accuracy"]), confidence=f(r["mean_confidence"])
                ),
                None,
            ),
        ]

    def panel_title(self, params, setting):
        return tr("{model} model, T = {T:.3g}").format(model=tr(params["model"]), T=params["T"])


def _boxes(left, width, bottom, top):
    """Rectangles ``[left, left + width] x [bottom, top]`` as an (n, 4, 2) vertex array."""
    left = np.asarray(left, dtype=float)
    bottom = np.broadcast_to(np.asarray(bottom, dtype=float), left.shape)
    top = np.broadcast_to(np.asarray(top, dtype=float), left.shape)
    right = left + width
    xs = np.stack([left, right, right, left], axis=1)
    ys = np.stack([bottom, bottom, top, top], axis=1)
    return np.stack([xs, ys], axis=2)
