r"""ImbalanceExplorer: what class imbalance does to a logistic regression, and what weighting
does about it.

Seeded 2-D data (:func:`lossviz.data.make_imbalanced`: two unit Gaussians ``separation`` apart,
class 1 the minority) at an imbalance ratio from 1:1 to 1:1000; a logistic regression trained
live by full-batch gradient descent (:func:`lossviz.train.train_logistic_regression`) with

* ``"none"`` — plain BCE (the mean over samples: the majority dominates);
* ``"balanced"`` — BCE with the class weights ``n / (K n_c)`` (scikit-learn's "balanced");
* ``"effective_number"`` — BCE with the weights ``(1 - β) / (1 - β^{n_c})`` of Cui et al. (2019);
* ``"focal"`` — the focal loss ``-α_t (1 - p_t)^γ log p_t`` of Lin et al. (2017).

Shown: the data with the learned decision boundary and the Bayes-optimal one; each class's share
of the total loss and of the total gradient ``Σ_i s_i |∂ℓ_i/∂z_i|`` (``s_i`` the sample weight),
for the untrained model (every ``p = 0.5``) and for the trained one; minority recall and
precision on held-out data; and a reliability (calibration) diagram: what weighting does to the
probabilities.

Because the data are two Gaussians of unit variance, the true probability of class 1 is known
exactly: ``P(y = 1 | x) = σ(separation · x₁ + ln(n₁ / n₀))``.  The calibration panel plots, per
bin of predicted probability, the mean of this true probability (a noise-free line) and the
observed frequency of class 1 on the held-out data (markers).  With weighting the model is trained
for a different class prior (:func:`lossviz.imbalance.effective_prior`); Bayes' rule
(:func:`lossviz.imbalance.prior_correction`) maps its probabilities back, shown as a dotted line.

Details
-------
* At most 2000 majority points are drawn from the data set; the minority keeps at least
  ``min_minority = 5`` points, so at 1:1000 the training data are 2000 : 5 (the readout says so).
* The model starts at ``w = 0`` and a bias equal to the log-odds of the (weighted) class prior —
  the initialisation of Lin et al. (2017) — and takes 300 gradient steps with learning rate 2.
* Precision with no predicted positives is reported as 0 with ``precision_defined = False`` (the
  readout says "n/a"), never as a warning or NaN.
* Fitted models are cached per setting, so revisiting a setting costs nothing.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np

from .. import style
from ..activations import sigmoid
from ..data import make_imbalanced
from ..gradients import bce_with_logits_grad, focal_loss_with_logits_grad
from ..imbalance import class_weights, prior_correction
from ..losses import bce_with_logits, focal_loss_with_logits
from ..metrics import calibration_curve, precision_recall
from ..train import train_logistic_regression
from ._base import ChoiceParam, Explorer, FloatParam
from ._params import SelectionParam

__all__ = ["ImbalanceExplorer", "SelectionParam", "RATIOS", "WEIGHTINGS"]

#: The imbalance ratios of the slider (log-spaced, 1:1 to 1:1000).
RATIOS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
#: Weighting schemes: value -> label.
WEIGHTINGS = {
    "none": "none",
    "balanced": "balanced n/(K·n_c)",
    "effective_number": "effective number (β)",
    "focal": "focal (γ, α)",
}
_BETAS = (0.9, 0.99, 0.999, 0.9999)
_ALPHAS = (("off", "off"), ("0.1", 0.1), ("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75), ("0.9", 0.9))

_MAJ_COLOR = style.OKABE_ITO["sky_blue"]
_MIN_COLOR = style.OKABE_ITO["orange"]
_MIN_COLOR_TEXT = "#A06A00"  # the minority's orange, darkened for text
_NOTE_COLOR = style.OKABE_ITO["vermillion"]
_XLIM = (-4.5, 5.0)
_YLIM = (-3.8, 3.8)
_CAL_BINS = 10
_CACHE_SIZE = 64


_cache: OrderedDict = OrderedDict()


def _cached(key, make):
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    value = make()
    _cache[key] = value
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return value


def _n_minority(n_majority, ratio, min_minority):
    return int(max(min_minority, round(n_majority / ratio)))


def _shares(y, z, s, loss, gamma, alpha):
    """Class shares (majority, minority) of Σ s_i ℓ_i and of Σ s_i |∂ℓ_i/∂z_i|."""
    yf = y.astype(np.float64)
    if loss == "focal":
        ell = focal_loss_with_logits(yf, z, gamma=gamma, alpha=alpha, reduction="none")
        g = focal_loss_with_logits_grad(yf, z, gamma=gamma, alpha=alpha)
    else:
        ell = bce_with_logits(yf, z, reduction="none")
        g = bce_with_logits_grad(yf, z)
    ell = ell * s
    g = np.abs(g) * s
    out = []
    for v in (ell, g):
        per = np.array([v[y == 0].sum(), v[y == 1].sum()])
        tot = per.sum()
        out.append(per / tot if tot > 0 else np.array([0.5, 0.5]))
    return out


def _binned_mean(p, values, n_bins, min_count=10):
    """Mean of ``p`` and of ``values`` in each uniform bin of ``p`` (as calibration_curve) that
    holds at least ``min_count`` points."""
    bins = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(bins[1:-1], p)
    cnt = np.bincount(ids, minlength=n_bins)
    sp = np.bincount(ids, weights=p, minlength=n_bins)
    sv = np.bincount(ids, weights=values, minlength=n_bins)
    nz = cnt >= max(min_count, 1)
    return sp[nz] / cnt[nz], sv[nz] / cnt[nz]


def _segment(w, b, xlim, ylim):
    """End points of the line ``w·x + b = 0`` across the box (NaN when w = 0)."""
    w1, w2 = float(w[0]), float(w[1])
    if w1 == 0.0 and w2 == 0.0:
        return [np.nan, np.nan], [np.nan, np.nan]
    if abs(w2) >= abs(w1):
        xs = np.array(xlim, dtype=float)
        return list(xs), list(-(w1 * xs + b) / w2)
    ys = np.array(ylim, dtype=float)
    return list(-(w2 * ys + b) / w1), list(ys)


class ImbalanceExplorer(Explorer):
    r"""Class imbalance and its remedies on a live-trained logistic regression.

    Controls: ``ratio`` (imbalance 1:1 to 1:1000, log-spaced), ``weighting`` (``"none"``,
    ``"balanced"``, ``"effective_number"``, ``"focal"``), ``beta`` (effective number), ``gamma``
    and ``alpha`` (focal; ``"off"`` or None: no α weighting).  Controls that do not apply to the
    chosen weighting are disabled.

    Panels: the data and the decision boundary (the Bayes-optimal one dotted); each class's share of
    the loss and of the gradient, untrained and trained; the reliability diagram; a readout with the
    minority recall and precision on held-out data.

    Parameters
    ----------
    lecture : bool, optional
    **params
        Initial control values, e.g. ``ratio=100, weighting="balanced"``.

    Examples
    --------
    >>> ex = ImbalanceExplorer(_live=False)
    >>> r0 = ex.compute(ratio=100, weighting="none")
    >>> r1 = ex.compute(ratio=100, weighting="balanced")
    >>> r0["n_majority"], r0["n_minority"]
    (2000, 20)
    >>> bool(r1["recall"] > r0["recall"])
    True
    >>> [round(float(v), 3) for v in r0["loss_share_start"]]   # the untrained model: 2000 vs 20
    [0.99, 0.01]
    >>> [round(float(v), 3) for v in r1["loss_share_start"]]
    [0.5, 0.5]
    """

    figsize = (11.0, 3.9)

    def __init__(
        self,
        *,
        n_majority=2000,
        min_minority=5,
        epochs=300,
        lr=2.0,
        separation=2.0,
        seed=0,
        **kwargs,
    ):
        self.options = {
            "n_majority": int(n_majority),
            "min_minority": int(min_minority),
            "epochs": int(epochs),
            "lr": float(lr),
            "separation": float(separation),
            "seed": int(seed),
        }
        super().__init__(**kwargs)
        if self._live:
            self.controls["weighting"].observe(self._enable_controls, names="value")
            self._enable_controls()

    def param_spec(self):
        return {
            "ratio": SelectionParam([(f"1:{r}", r) for r in RATIOS], 100, label="imbalance"),
            "weighting": ChoiceParam(
                [(label, v) for v, label in WEIGHTINGS.items()], "none", label="weighting"
            ),
            "beta": SelectionParam(list(_BETAS), 0.999, label="β (effective number)"),
            "gamma": FloatParam(0.0, 5.0, 0.5, 2.0, label="focal γ", readout_format=".1f"),
            "alpha": SelectionParam(list(_ALPHAS), "off", label="focal α"),
        }

    def _enable_controls(self, change=None):
        wt = self.controls["weighting"].value
        self.controls["beta"].disabled = wt != "effective_number"
        self.controls["gamma"].disabled = wt != "focal"
        self.controls["alpha"].disabled = wt != "focal"

    # ---------------------------------------------------------------- computation
    def compute(
        self,
        *,
        ratio=100,
        weighting="none",
        beta=0.999,
        gamma=2.0,
        alpha=None,
        n_majority=None,
        min_minority=None,
        epochs=None,
        lr=None,
        separation=None,
        seed=None,
    ):
        r"""Train the model for one setting and measure what the minority class gets.

        Parameters
        ----------
        ratio : float in [1, 1000]
            Imbalance ratio n_majority / n_minority requested (the minority keeps at least
            ``min_minority`` points).
        weighting : {"none", "balanced", "effective_number", "focal"}
        beta : float in [0, 1)
            Effective-number β (``weighting="effective_number"`` only).
        gamma : float >= 0, alpha : float in [0, 1], "off" or None
            Focal-loss parameters (``weighting="focal"`` only; torchvision semantics, α weighs
            the positive = minority class).
        n_majority, min_minority, epochs, lr, separation, seed : optional
            Override the constructor's options (2000, 5, 300, 2.0, 2.0, 0).

        Returns
        -------
        dict
            ``n_majority, n_minority, actual_ratio`` (training counts), ``prior`` (minority
            fraction), ``class_weight`` ([majority, minority]; ones for none/focal),
            ``train_prior`` (class-1 prior the weighted loss trains for); ``weights, bias`` of the
            fit; ``loss_share_start, grad_share_start, loss_share_trained,
            grad_share_trained`` (arrays [majority, minority], each summing to 1);
            ``recall, precision, f1, tp, fp, fn, n_pred_pos, precision_defined`` (minority class,
            held-out data, threshold 0.5) and ``recall_train, precision_train``; ``n_test_majority,
            n_test_minority``; ``mean_prob`` (mean predicted minority probability, held out) and
            ``minority_rate``; calibration: ``cal_pred, cal_true`` (observed frequency per bin,
            :func:`lossviz.metrics.calibration_curve`), ``cal_counts``, ``ece``,
            ``cal_exact_pred, cal_exact_true`` (mean true probability per bin),
            ``cal_corr_pred, cal_corr_true`` (after prior correction; empty when not applicable),
            ``ece_corrected`` (``None`` when not applicable); plotting: ``X, y`` (training data),
            ``boundary`` ((x1s, x2s) end points),
            ``bayes_x1`` (the Bayes-optimal boundary x₁ = ln(n₀/n₁)/separation).
        """
        o = (
            dict(self.options)
            if hasattr(self, "options")
            else {
                "n_majority": 2000,
                "min_minority": 5,
                "epochs": 300,
                "lr": 2.0,
                "separation": 2.0,
                "seed": 0,
            }
        )
        for k, v in (
            ("n_majority", n_majority),
            ("min_minority", min_minority),
            ("epochs", epochs),
            ("lr", lr),
            ("separation", separation),
            ("seed", seed),
        ):
            if v is not None:
                o[k] = v
        if (
            isinstance(ratio, (bool, np.bool_))
            or not isinstance(ratio, (int, float, np.integer, np.floating))
            or not (1.0 <= float(ratio) <= 1000.0)
        ):
            raise ValueError(
                f"ratio must be a number in [1, 1000] (n_majority / n_minority); found {ratio!r}."
            )
        if weighting not in WEIGHTINGS:
            raise ValueError(
                f"weighting must be one of {', '.join(map(repr, WEIGHTINGS))}; found {weighting!r}."
            )
        ratio = float(ratio)
        beta, gamma = float(beta), float(gamma)
        alpha = None if alpha is None or alpha == "off" else float(alpha)
        n0 = int(o["n_majority"])
        n1 = _n_minority(n0, ratio, int(o["min_minority"]))
        sep, seed = float(o["separation"]), int(o["seed"])
        X, y = _cached(
            ("data", n0, n1, sep, seed),
            lambda: make_imbalanced(n0, n_minority=n1, separation=sep, seed=seed),
        )
        n0t = 5 * n0
        n1t = _n_minority(n0t, ratio, int(o["min_minority"]))
        Xt, yt = _cached(
            ("data", n0t, n1t, sep, seed + 1),
            lambda: make_imbalanced(n0t, n_minority=n1t, separation=sep, seed=seed + 1),
        )
        counts = np.array([n0, n1])
        prior = n1 / (n0 + n1)
        loss = "focal" if weighting == "focal" else "bce"
        if weighting in ("balanced", "effective_number"):
            cw = class_weights(counts=counts, method=weighting, beta=beta)
        else:
            cw = np.ones(2)
        wcounts = counts * cw
        train_prior = float(wcounts[1] / wcounts.sum())
        key = (
            "fit",
            n0,
            n1,
            sep,
            seed,
            weighting,
            beta if weighting == "effective_number" else None,
            gamma if loss == "focal" else None,
            alpha if loss == "focal" else None,
            int(o["epochs"]),
            float(o["lr"]),
        )

        def fit():
            s = None if weighting in ("none", "focal") else cw[y]
            kw = {"gamma": gamma, "alpha": alpha} if loss == "focal" else {"sample_weight": s}
            b0 = math.log(train_prior / (1.0 - train_prior))  # Lin et al.: start at the prior
            return train_logistic_regression(
                X, y, lr=float(o["lr"]), epochs=int(o["epochs"]), loss=loss, b0=b0, **kw
            )

        res = _cached(key, fit)
        w, b = res.weights, res.bias
        s = cw[y]
        ls0, gs0 = _shares(y, np.zeros(y.size), s, loss, gamma, alpha)
        z_train = X @ w + b
        ls1, gs1 = _shares(y, z_train, s, loss, gamma, alpha)
        p_test = sigmoid(Xt @ w + b)
        pred = (p_test >= 0.5).astype(np.int64)
        pr = precision_recall(yt, pred)
        pr_train = precision_recall(y, (sigmoid(z_train) >= 0.5).astype(np.int64))
        cal_true, cal_pred, cal_counts = calibration_curve(yt, p_test, n_bins=_CAL_BINS)
        ece = float(np.sum(cal_counts * np.abs(cal_true - cal_pred)) / cal_counts.sum())
        # the true P(y=1|x) of two unit Gaussians, at the held-out prior
        p_bayes = sigmoid(sep * Xt[:, 0] + math.log(n1t / n0t))
        ex_pred, ex_true = _binned_mean(p_test, p_bayes, 2 * _CAL_BINS)
        prior_t = n1t / (n0t + n1t)
        if weighting in ("balanced", "effective_number") and abs(train_prior - prior_t) > 1e-12:
            p_corr = prior_correction(p_test, train_prior=train_prior, true_prior=prior_t)
            corr_pred, corr_true = _binned_mean(p_corr, p_bayes, 2 * _CAL_BINS)
            ct, cp, cc = calibration_curve(yt, p_corr, n_bins=_CAL_BINS)
            ece_corr = float(np.sum(cc * np.abs(ct - cp)) / cc.sum())
        else:
            corr_pred = corr_true = np.empty(0)
            ece_corr = None
        bx, by = _segment(w, b, _XLIM, _YLIM)
        return {
            "ratio": ratio,
            "weighting": weighting,
            "beta": beta,
            "gamma": gamma,
            "alpha": alpha,
            "loss": loss,
            "n_majority": n0,
            "n_minority": n1,
            "actual_ratio": n0 / n1,
            "prior": prior,
            "class_weight": cw,
            "train_prior": train_prior,
            "weights": w,
            "bias": float(b),
            "loss_share_start": ls0,
            "grad_share_start": gs0,
            "loss_share_trained": ls1,
            "grad_share_trained": gs1,
            "recall": float(pr["recall"]),
            "precision": float(pr["precision"]),
            "f1": float(pr["f1"]),
            "tp": pr["tp"],
            "fp": pr["fp"],
            "fn": pr["fn"],
            "n_pred_pos": pr["tp"] + pr["fp"],
            "precision_defined": pr["tp"] + pr["fp"] > 0,
            "recall_train": float(pr_train["recall"]),
            "precision_train": float(pr_train["precision"]),
            "n_test_majority": n0t,
            "n_test_minority": n1t,
            "mean_prob": float(p_test.mean()),
            "minority_rate": prior_t,
            "cal_pred": cal_pred,
            "cal_true": cal_true,
            "cal_counts": cal_counts,
            "ece": ece,
            "cal_exact_pred": ex_pred,
            "cal_exact_true": ex_true,
            "cal_corr_pred": corr_pred,
            "cal_corr_true": corr_true,
            "ece_corrected": ece_corr,
            "X": X,
            "y": y,
            "boundary": (bx, by),
            "bayes_x1": math.log(n0 / n1) / sep if sep > 0 else math.nan,
        }

    # ---------------------------------------------------------------- figure
    def _build(self, fig, params):
        gs = fig.add_gridspec(1, 3, width_ratios=[1.1, 0.8, 0.95])
        ax_d = fig.add_subplot(gs[0, 0])
        ax_s = fig.add_subplot(gs[0, 1])
        ax_c = fig.add_subplot(gs[0, 2])
        o = self.options
        # data: the majority points never change with the ratio (make_imbalanced is nested)
        Xm, _ = make_imbalanced(
            o["n_majority"], n_minority=1, separation=o["separation"], seed=o["seed"]
        )
        ax_d.scatter(
            Xm[:-1, 0],
            Xm[:-1, 1],
            s=4,
            color=_MAJ_COLOR,
            alpha=0.35,
            linewidths=0,
            label="majority (class 0)",
            rasterized=True,
        )
        ax_d.set_xlim(*_XLIM)
        ax_d.set_ylim(*_YLIM)
        ax_d.set_xlabel(style.LABELS["x1"])
        ax_d.set_ylabel(style.LABELS["x2"])
        ax_d.set_title("data and decision boundary")
        art = {}
        art["minority"] = ax_d.scatter(
            np.full(1, np.nan),
            np.full(1, np.nan),
            s=16,
            color=_MIN_COLOR,
            edgecolors="black",
            linewidths=0.4,
            label="minority (class 1)",
            zorder=3,
        )
        (art["boundary"],) = ax_d.plot(
            [],
            [],
            color=style.LOSS_COLORS["bce"],
            lw=2,
            label="learned boundary (p = 0.5)",
            zorder=4,
        )
        art["bayes"] = ax_d.axvline(
            0.0, color="0.35", lw=1.2, ls=":", label="Bayes-optimal boundary"
        )
        ax_d.legend(
            loc="lower left", fontsize="x-small", markerscale=1.5, framealpha=0.8, frameon=True
        )
        # shares: four 100 % stacked bars
        rows = ["loss\nuntrained", "gradient\nuntrained", "loss\ntrained", "gradient\ntrained"]
        ypos = np.arange(len(rows))[::-1].astype(float)
        art["bars_major"] = ax_s.barh(
            ypos, np.full(4, 0.5), left=0.0, color=_MAJ_COLOR, height=0.6, label="majority"
        )
        art["bars_minor"] = ax_s.barh(
            ypos, np.full(4, 0.5), left=0.5, color=_MIN_COLOR, height=0.6, label="minority"
        )
        ax_s.set_yticks(ypos, rows)
        ax_s.set_xlim(0, 1)
        ax_s.set_ylim(-0.6, 3.9)
        ax_s.set_xticks([0, 0.5, 1.0], ["0", "50%", "100%"])
        ax_s.axvline(0.5, color="0.5", lw=0.8, ls=":")
        ax_s.set_title("each class's share")
        ax_s.grid(False)
        ax_s.legend(loc="upper center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize="x-small")
        art["share_text"] = [
            ax_s.text(0.98, yy, "", ha="right", va="center", fontsize="small", fontweight="bold")
            for yy in ypos
        ]
        # calibration
        ax_c.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="perfect calibration")
        ax_c.set_xlim(0, 1)
        ax_c.set_ylim(0, 1)
        ax_c.set_aspect("equal", adjustable="box")
        ax_c.set_xlabel("predicted probability of class 1")
        ax_c.set_ylabel("true / observed frequency")
        ax_c.set_title("calibration (held-out data)")
        (art["cal_exact"],) = ax_c.plot(
            [], [], color=style.LOSS_COLORS["bce"], lw=2, label="true P(y=1|x)"
        )
        (art["cal_obs"],) = ax_c.plot(
            [],
            [],
            "o",
            color=style.LOSS_COLORS["bce"],
            markersize=4,
            mfc="white",
            label="observed frequency",
        )
        (art["cal_corr"],) = ax_c.plot(
            [], [], color="black", lw=1.5, ls=":", label="after prior correction"
        )
        ax_c.legend(loc="upper left", fontsize="x-small")
        o = self.options
        ax_s.set_xlabel(
            f"{o['epochs']} GD steps (lr {o['lr']:g}); test data: same ratio, threshold 0.5",
            fontsize="x-small",
            color="0.35",
        )
        return art

    def _draw(self, art, r, params):
        X, y = r["X"], r["y"]
        art["minority"].set_offsets(X[y == 1])
        bx, by = r["boundary"]
        art["boundary"].set_data(bx, by)
        bayes = r["bayes_x1"]
        art["bayes"].set_xdata([bayes, bayes])
        color = style.LOSS_COLORS["focal" if r["loss"] == "focal" else "bce"]
        art["boundary"].set_color(color)
        shares = [
            r["loss_share_start"],
            r["grad_share_start"],
            r["loss_share_trained"],
            r["grad_share_trained"],
        ]
        for i, sh in enumerate(shares):
            maj = float(sh[0])
            art["bars_major"][i].set_width(maj)
            art["bars_minor"][i].set_x(maj)
            art["bars_minor"][i].set_width(1.0 - maj)
            art["share_text"][i].set_text(f"{100 * float(sh[1]):.1f}%")
        for key, px, py in (
            ("cal_exact", "cal_exact_pred", "cal_exact_true"),
            ("cal_obs", "cal_pred", "cal_true"),
            ("cal_corr", "cal_corr_pred", "cal_corr_true"),
        ):
            art[key].set_data(r[px], r[py])
            if key != "cal_corr":
                art[key].set_color(color)
        return False

    def _readout(self, r, params):
        fv = style.format_value
        o = self.options
        prec = fv(r["precision"], 2) if r["precision_defined"] else "n/a"
        ece = fv(r["ece"])
        if r["ece_corrected"] is not None:
            ece += f" → {fv(r['ece_corrected'])} corrected"
        lines = [
            (f"train {r['n_majority']} : {r['n_minority']} (1:{r['actual_ratio']:.0f})", None),
            (f"minority recall {fv(r['recall'], 2)}, precision {prec}", _MIN_COLOR_TEXT),
            (
                f"predicted positive {r['n_pred_pos']} of "
                f"{r['n_test_majority'] + r['n_test_minority']}",
                None,
            ),
            (f"mean p {fv(r['mean_prob'], 4)}, true rate {fv(r['minority_rate'], 4)}", None),
            (f"ECE {ece}", None),
        ]
        if r["n_minority"] * r["ratio"] > r["n_majority"] * 1.01:
            lines.append((f"(at least {o['min_minority']} minority points kept)", _NOTE_COLOR))
        if not r["precision_defined"]:
            lines.append(("(no positive predictions: precision n/a)", _NOTE_COLOR))
        return lines

    def panel_title(self, params, setting):
        p = params
        wt = p["weighting"]
        alpha = "off" if p["alpha"] in (None, "off") else format(p["alpha"], "g")
        extra = {
            "effective_number": f", β = {p['beta']:g}",
            "focal": f", γ = {p['gamma']:g}, α = {alpha}",
        }
        return f"1:{p['ratio']:g}, weighting: {WEIGHTINGS[wt]}{extra.get(wt, '')}"
