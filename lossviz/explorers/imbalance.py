r"""ImbalanceExplorer: the remedies for class imbalance compared side by side, on the same data.

Seeded 2-D data (two unit Gaussians two standard deviations apart, class 1 the minority) at an
imbalance from 1:1 to 1:1000 that is exactly the one the slider names, in training *and* in the
held-out data (:func:`lossviz.imbalance_compare.make_problem`: the minority keeps at least 20
training points and the majority grows, so 1:1000 is 20000 : 20 in training and 100000 : 100 held
out).  Two remedies, A and B, each trains a logistic regression to the optimum of its loss
(:func:`lossviz.imbalance_compare.fit_remedy`): none, class weights ``n / (K n_c)``, over- and
under-sampling, focal loss (γ) and class weights followed by Bayes' prior correction.

Panels: the training data with each model's decision boundary at the chosen threshold (and the
Bayes-optimal one at the same threshold, dotted); the precision-recall curves on held-out data
with each model's operating point at the threshold (the dotted line is the precision of guessing:
the positive rate); the reliability diagram on held-out data (bins of at least 20 examples).
The readout gives the actual counts and, for A and B, precision, recall, average precision (AP)
and ECE.

Colours follow the course: cross-entropy remedies in the BCE colour, focal loss in its own; A is
drawn solid with circles, B dashed with squares.

Cost: no move trains a model.  The fitted parameters and held-out summaries (thinned
precision-recall curve as exact counts, AP, ECE, reliability) of all 160 settings of the controls
ship as package data (``lossviz/_precomputed/imbalance_fits.json``, written by
:func:`lossviz.imbalance_compare.precompute_fits`, read on first use); a move of the ratio, a
remedy or γ computes the held-out probabilities from the stored weights (about a millisecond for
100 100 points), and the operating point at the threshold is counted live from them, so it is
exact.  A setting not in the file (or ``precomputed=False``) is trained live (L-BFGS to the
optimum, 0.2-1 s) and gives the same numbers.  Everything is cached per setting.  Only the first
2000 majority points are drawn (the same points at every ratio).
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np

from .. import style
from ..i18n import N_, tr
from ..imbalance_compare import (
    EXPLORER_RATIOS,
    REMEDIES,
    Table,
    fit_from_record,
    fit_remedy,
    held_out_summary,
    make_problem,
    pr_from_summary,
    stored_setting,
)
from ._base import ChoiceParam, Explorer, FloatParam
from ._params import SelectionParam

__all__ = ["ImbalanceExplorer", "SelectionParam", "RATIOS", "REMEDIES"]

#: The imbalance ratios of the slider (log-spaced, 1:1 to 1:1000).
RATIOS = EXPLORER_RATIOS

_MAJ_COLOR = style.OKABE_ITO["sky_blue"]
_MIN_COLOR = style.OKABE_ITO["orange"]
_XLIM = (-4.5, 5.5)
_YLIM = (-3.8, 3.8)
_SLOTS = (("a", "-", "o"), ("b", "--", "s"))
_CACHE_SIZE = 96

_cache: OrderedDict = OrderedDict()

#: The remedies' names (:data:`lossviz.imbalance_compare.REMEDIES`), marked for the catalogue:
#: shown through ``tr``.
_REMEDY_NAMES = (
    N_("none"),
    N_("class weights"),
    N_("oversampling"),
    N_("undersampling"),
    N_("focal loss"),
    N_("weights + prior correction"),
)


def _cached(key, make):
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    value = make()
    _cache[key] = value
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return value


def _segment(w, c, xlim, ylim):
    """End points of the line ``w·x = c`` across the box (NaN when w = 0)."""
    w1, w2 = float(w[0]), float(w[1])
    if w1 == 0.0 and w2 == 0.0:
        return [np.nan, np.nan], [np.nan, np.nan]
    if abs(w2) >= abs(w1):
        xs = np.array(xlim, dtype=float)
        return list(xs), list((c - w1 * xs) / w2)
    ys = np.array(ylim, dtype=float)
    return list((c - w2 * ys) / w1), list(ys)


def _evaluation(ratio, remedy, gamma, precomputed=True):
    """One remedy at one ratio and everything a threshold move needs (cached): the stored fit
    and held-out summary when the setting is in the package data, else trained live."""
    g = float(gamma) if remedy == "focal" else None

    def make():
        prob = _cached(("problem", ratio), lambda: make_problem(ratio))
        record = stored_setting(ratio, remedy, g) if precomputed else None
        if record is None:
            fit = fit_remedy(prob.X, prob.y, remedy, gamma=gamma)
            p = fit.predict_proba(prob.X_test)
            summary = held_out_summary(prob.y_test, p)
        else:
            fit = fit_from_record(record, remedy)
            p = fit.predict_proba(prob.X_test)
            summary = record
        rec, prec = pr_from_summary(summary)
        return {
            "fit": fit,
            "stored": record is not None,
            "p": p,
            "y_pos": prob.y_test == 1,
            "n_pos": int(summary["n_pos"]),
            "pr_recall": rec,
            "pr_precision": prec,
            "ap": float(summary["ap"]),
            "ece": float(summary["ece"]),
            "mean_p": float(summary["mean_p"]),
            "cal_pred": np.array(summary["cal_pred"], dtype=np.float64),
            "cal_true": np.array(summary["cal_true"], dtype=np.float64),
        }

    key = ("eval", float(ratio), remedy, g, bool(precomputed))
    return _cached(key, make)


class ImbalanceExplorer(Explorer):
    r"""Two remedies for class imbalance side by side: decision boundaries, precision-recall
    curves with the operating point at a threshold, and reliability, all on the same data.

    Controls: ``ratio`` (imbalance 1:1 to 1:1000, log-spaced), ``remedy_a`` and ``remedy_b``
    (one of :data:`lossviz.imbalance_compare.REMEDIES`), ``gamma`` (focal loss's γ; used by the
    focal remedy only, disabled otherwise) and ``threshold`` (predict the minority when its
    probability is at least this).

    Parameters
    ----------
    precomputed : bool, default True
        Use the fits stored as package data (:func:`lossviz.imbalance_compare.precompute_fits`);
        ``False`` trains every setting live (the same numbers, 0.2-1 s per new setting).
    lecture : bool, optional
    **params
        Initial control values, e.g. ``ratio=100, remedy_b="focal"``.

    Examples
    --------
    >>> ex = ImbalanceExplorer(_live=False)
    >>> r = ex.compute(ratio=1000, remedy_a="none", remedy_b="class_weights")
    >>> r["counts"], r["test_counts"]          # the true ratio, in training and held out
    ((20000, 20), (100000, 100))
    >>> r["a"]["recall"], round(r["b"]["recall"], 2)   # at threshold 0.5
    (0.0, 0.86)
    >>> r2 = ex.compute(ratio=1000, remedy_a="none", threshold=0.01)
    >>> round(r2["a"]["recall"], 2)                   # the same model, another threshold
    0.49
    """

    figsize = (12.0, 4.3)
    #: Artists that do not change with the threshold: drawn once per (ratio, remedies, γ) into a
    #: second cached background, so a threshold move redraws only boundaries and markers.
    slow_artists = ("minority", "base_rate", "pr_a", "pr_b", "cal_a", "cal_b")

    def _slow_key(self, params):
        return tuple(params[k] for k in ("ratio", "remedy_a", "remedy_b", "gamma"))

    def __init__(self, *, precomputed=True, **kwargs):
        self.precomputed = bool(precomputed)
        super().__init__(**kwargs)
        if self._live:
            for name in ("remedy_a", "remedy_b"):
                self.controls[name].observe(self._enable_controls, names="value")
            self._enable_controls()

    def param_spec(self):
        remedies = [(tr(label), v) for v, label in REMEDIES.items()]
        return {
            "ratio": SelectionParam([(f"1:{r}", r) for r in RATIOS], 100, label=tr("imbalance")),
            "remedy_a": ChoiceParam(remedies, "none", label=tr("A (solid)")),
            "remedy_b": ChoiceParam(remedies, "class_weights", label=tr("B (dashed)")),
            "gamma": FloatParam(0.0, 5.0, 0.5, 2.0, label=tr("focal γ"), readout_format=".1f"),
            "threshold": FloatParam(0.01, 0.99, 0.01, 0.5, label=tr("threshold")),
        }

    def _enable_controls(self, change=None):
        focal = "focal" in (self.controls["remedy_a"].value, self.controls["remedy_b"].value)
        self.controls["gamma"].disabled = not focal

    # ---------------------------------------------------------------- computation
    def compute(
        self, *, ratio=100, remedy_a="none", remedy_b="class_weights", gamma=2.0, threshold=0.5
    ):
        r"""Both remedies at one setting.

        Returns
        -------
        dict
            ``counts, test_counts`` ((majority, minority) in training and held out; their ratio
            is ``ratio``), ``rate`` (held-out minority rate), ``threshold``, ``bayes_x1`` (the
            Bayes-optimal boundary at the threshold), and ``"a"``, ``"b"``: per remedy
            ``remedy, loss, precision, recall, f1, n_pred, precision_defined`` (held out, at the
            threshold), ``ap, ece, mean_p``, ``pr_recall, pr_precision`` (the curve),
            ``cal_pred, cal_true`` (reliability), ``boundary`` (end points of the decision
            boundary at the threshold), ``fit_ms`` (training time when first fitted; 0 for a
            stored fit), ``stored`` (the fit came from the package data).
        """
        if (
            isinstance(ratio, (bool, np.bool_))
            or not isinstance(ratio, (int, float, np.integer, np.floating))
            or not (1.0 <= float(ratio) <= 1000.0)
        ):
            raise ValueError(
                f"ratio must be a number in [1, 1000] (n_majority / n_minority); found {ratio!r}."
            )
        for name, v in (("remedy_a", remedy_a), ("remedy_b", remedy_b)):
            if v not in REMEDIES:
                raise ValueError(
                    f"{name} must be one of {', '.join(map(repr, REMEDIES))}; found {v!r}."
                )
        t = float(threshold)
        if not 0.0 < t < 1.0:
            raise ValueError(f"threshold must lie in (0, 1); found {threshold!r}.")
        ratio = float(ratio)
        prob = _cached(("problem", ratio), lambda: make_problem(ratio))
        n0, n1 = prob.counts
        logit_t = math.log(t / (1.0 - t))
        out = {
            "ratio": ratio,
            "counts": prob.counts,
            "test_counts": prob.test_counts,
            "rate": prob.test_counts[1] / sum(prob.test_counts),
            "threshold": t,
            "bayes_x1": (logit_t - math.log(n1 / n0)) / prob.separation,
            "minority_X": prob.X[prob.y == 1],
        }
        for slot, remedy in (("a", remedy_a), ("b", remedy_b)):
            ev = _evaluation(ratio, remedy, gamma, self.precomputed)
            fit = ev["fit"]
            pred = ev["p"] >= t  # counted live from the held-out probabilities: exact
            n_pred = int(np.count_nonzero(pred))
            tp = int(np.count_nonzero(pred & ev["y_pos"]))
            prec = tp / n_pred if n_pred else 0.0
            rec = tp / ev["n_pos"]
            out[slot] = {
                "remedy": remedy,
                # focal loss with γ = 0 is cross-entropy, and is drawn in its colour
                "loss": "focal" if remedy == "focal" and gamma > 0 else "bce",
                "gamma": float(gamma) if remedy == "focal" else None,
                "precision": prec,
                "recall": rec,
                "f1": 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0,
                "n_pred": n_pred,
                "precision_defined": n_pred > 0,
                "ap": ev["ap"],
                "ece": ev["ece"],
                "mean_p": ev["mean_p"],
                "pr_recall": ev["pr_recall"],
                "pr_precision": ev["pr_precision"],
                "cal_pred": ev["cal_pred"],
                "cal_true": ev["cal_true"],
                "boundary": _segment(fit.weights, fit.boundary_logit(t), _XLIM, _YLIM),
                "fit_ms": 1e3 * fit.seconds,
                "stored": ev["stored"],
            }
        return out

    # ---------------------------------------------------------------- figure
    def _build(self, fig, params):
        gs = fig.add_gridspec(1, 4, width_ratios=[1.15, 1.0, 1.0, 0.62])
        ax_d = fig.add_subplot(gs[0, 0])
        ax_p = fig.add_subplot(gs[0, 1])
        ax_c = fig.add_subplot(gs[0, 2])
        ax_l = fig.add_subplot(gs[0, 3])
        ax_l.axis("off")
        prob = make_problem(1)  # its first 2000 majority points are those of every ratio
        Xm = prob.X[prob.y == 0][:2000]
        maj = ax_d.scatter(
            Xm[:, 0], Xm[:, 1], s=4, color=_MAJ_COLOR, alpha=0.35, linewidths=0, rasterized=True
        )
        ax_d.set_xlim(*_XLIM)
        ax_d.set_ylim(*_YLIM)
        ax_d.set_xlabel(tr(style.LABELS["x1"]))
        ax_d.set_ylabel(tr(style.LABELS["x2"]))
        ax_d.set_title(tr("training data"))
        art = {}
        art["minority"] = ax_d.scatter(
            np.full(1, np.nan),
            np.full(1, np.nan),
            s=14,
            color=_MIN_COLOR,
            edgecolors="black",
            linewidths=0.4,
            zorder=3,
        )
        art["bayes"] = ax_d.axvline(0.0, color="0.3", lw=1.3, ls=":")
        ax_p.set_xlim(0, 1)
        ax_p.set_ylim(0, 1.02)
        ax_p.set_xlabel(tr("recall (held out)"))
        ax_p.set_ylabel(tr("precision (held out)"))
        ax_p.set_title(tr("precision–recall"))
        (art["base_rate"],) = ax_p.plot([0, 1], [0, 0], color="0.45", lw=1, ls=":")
        ax_c.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--")
        ax_c.set_xlim(0, 1)
        ax_c.set_ylim(0, 1)
        ax_c.set_xlabel(tr("predicted probability"))
        ax_c.set_ylabel(tr("observed frequency"))
        ax_c.set_title(tr("reliability (held out)"))
        for slot, ls, marker in _SLOTS:
            color = style.LOSS_COLORS["bce"]
            (art[f"boundary_{slot}"],) = ax_d.plot([], [], color=color, lw=2.2, ls=ls, zorder=4)
            (art[f"pr_{slot}"],) = ax_p.plot([], [], color=color, lw=2, ls=ls)
            (art[f"op_{slot}"],) = ax_p.plot(
                [], [], marker, color=color, mec="black", ms=8, zorder=5
            )
            (art[f"cal_{slot}"],) = ax_c.plot(
                [], [], color=color, lw=1.8, ls=ls, marker=marker, ms=4, mfc="white"
            )
        from matplotlib.lines import Line2D

        handles = [
            maj,
            Line2D([], [], ls="", marker="o", color=_MIN_COLOR, mec="black", ms=5),
            Line2D([], [], color="0.2", lw=2, ls="-", marker="o", ms=6),
            Line2D([], [], color="0.2", lw=2, ls="--", marker="s", ms=6),
            Line2D([], [], color=style.LOSS_COLORS["bce"], lw=3),
            Line2D([], [], color=style.LOSS_COLORS["focal"], lw=3),
            Line2D([], [], color="0.3", lw=1.3, ls=":"),
            Line2D([], [], color="0.6", lw=1, ls="--"),
        ]
        labels = [
            tr("majority (first 2000)"),
            tr("minority (training)"),
            tr("remedy A"),
            tr("remedy B"),
            tr("cross-entropy"),
            tr("focal loss"),
            tr("Bayes boundary;\nprecision of guessing"),
            tr("perfect calibration"),
        ]
        ax_l.legend(handles, labels, loc="center left", frameon=False, fontsize="small")
        art["_axes"] = (ax_d, ax_p, ax_c)
        return art

    def _draw(self, art, r, params):
        art["minority"].set_offsets(r["minority_X"])
        bx = r["bayes_x1"]
        art["bayes"].set_xdata([bx, bx])
        art["base_rate"].set_ydata([r["rate"], r["rate"]])
        for slot, _, _ in _SLOTS:
            s = r[slot]
            color = style.LOSS_COLORS[s["loss"]]
            xs, ys = s["boundary"]
            art[f"boundary_{slot}"].set_data(xs, ys)
            art[f"pr_{slot}"].set_data(s["pr_recall"], s["pr_precision"])
            if s["precision_defined"]:
                art[f"op_{slot}"].set_data([s["recall"]], [s["precision"]])
            else:  # no positive prediction: precision undefined, drawn at recall 0 on the top
                art[f"op_{slot}"].set_data([0.0], [1.0])
            art[f"cal_{slot}"].set_data(s["cal_pred"], s["cal_true"])
            for a in (art[f"boundary_{slot}"], art[f"pr_{slot}"], art[f"op_{slot}"]):
                a.set_color(color)
            art[f"op_{slot}"].set_markeredgecolor("black")
            art[f"cal_{slot}"].set_color(color)
        return False

    def _readout(self, r, params):
        fv = style.format_value
        n0, n1 = r["counts"]
        m0, m1 = r["test_counts"]
        lines = [
            (
                tr("train {n0} : {n1} (1:{ratio:g}), held out {m0} : {m1}").format(
                    n0=n0, n1=n1, ratio=n0 / n1, m0=m0, m1=m1
                ),
                None,
            ),
            (tr("threshold {t:.2f}").format(t=r["threshold"]), None),
        ]
        for slot, ls, _ in _SLOTS:
            s = r[slot]
            name = tr(REMEDIES[s["remedy"]]) + (
                f" γ={s['gamma']:g}" if s["gamma"] is not None else ""
            )
            prec = fv(s["precision"], 2) if s["precision_defined"] else tr("n/a")
            colour = style.LOSS_COLORS[s["loss"]]
            drawn = tr("{slot} solid: {name}") if ls == "-" else tr("{slot} dashed: {name}")
            lines.append((drawn.format(slot=slot.upper(), name=name), colour))
            lines.append(
                (
                    tr("  precision {precision}, recall {recall}; AP {ap}, ECE {ece}").format(
                        precision=prec,
                        recall=fv(s["recall"], 2),
                        ap=fv(s["ap"], 3),
                        ece=fv(s["ece"], 3),
                    ),
                    colour,
                )
            )
        lines.append(
            (tr("minority rate {rate} (dotted PR line)").format(rate=fv(r["rate"], 4)), None)
        )
        return lines

    def sweep_table(self, ratios=RATIOS, *, remedy_a="none", remedy_b="class_weights", **params):
        """The numbers of :meth:`compute` for A and B at each ratio, as a printable table.

        Returns
        -------
        lossviz.imbalance_compare.Table
            Columns ``ratio, train, held out`` and precision, recall, AP, ECE of A and of B (the
            columns are named in English; the table prints them in the current language).
        """
        # column names marked for the catalogue: the Table prints them translated
        names = {
            "a": (N_("A prec"), N_("A recall"), "A AP", "A ECE"),
            "b": (N_("B prec"), N_("B recall"), "B AP", "B ECE"),
        }
        rows = []
        for ratio in ratios:
            r = self.compute(ratio=ratio, remedy_a=remedy_a, remedy_b=remedy_b, **params)
            row = {
                N_("ratio"): f"1:{ratio:g}",
                N_("train"): "{} : {}".format(*r["counts"]),
                N_("held out"): "{} : {}".format(*r["test_counts"]),
            }
            for slot in ("a", "b"):
                s = r[slot]
                prec = f"{s['precision']:.3f}" if s["precision_defined"] else N_("n/a")
                c_prec, c_recall, c_ap, c_ece = names[slot]
                row[c_prec] = prec
                row[c_recall] = s["recall"]
                row[c_ap] = s["ap"]
                row[c_ece] = s["ece"]
            rows.append(row)
        return Table(rows)

    def panel_title(self, params, setting):
        p = params
        names = []
        for key in ("remedy_a", "remedy_b"):
            v = p[key]
            names.append(tr(REMEDIES[v]) + (f" γ={p['gamma']:g}" if v == "focal" else ""))
        return tr("1:{ratio:g} · A {a} vs B {b} · threshold {t:.2f}").format(
            ratio=p["ratio"], a=names[0], b=names[1], t=p["threshold"]
        )
