r"""EntropyExplorer: entropy, cross-entropy and KL divergence of two distributions over K outcomes.

.. math::
    H(p) = -\sum_i p_i \log p_i, \qquad H(p, q) = -\sum_i p_i \log q_i, \qquad
    D_{\mathrm{KL}}(p \| q) = H(p, q) - H(p) \ge 0 .

The sliders set non-negative **weights**; the distributions are the weights divided by their sum,
:math:`p_i = w_i / \sum_j w_j` — said in the controls' labels, in the figure and in the readout, so
nothing is renormalised behind the reader's back.  ``q_i = 0`` where ``p_i > 0`` makes the
cross-entropy and the KL divergence infinite: shown as "∞".  The KL bar carries its value, so a KL
divergence too small to see as a bar (0.023 nats) is still read on the figure.  The KL part has
its own colour (:data:`lossviz.style.ACCENT_COLORS` ``"kl"``), not a loss's colour.

The figure is laid out once, at a fixed reference setting (nats), whatever setting the explorer
starts at: the frame after any moves equals a freshly built explorer's frame at the same setting.
"""

from __future__ import annotations

import math

import numpy as np

from .. import style
from ..i18n import N_, tr
from ..information import cross_entropy, entropy, kl_divergence
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["EntropyExplorer"]

_P_DEFAULT = [1.0, 0.6, 0.3, 0.15, 0.1, 0.05]
_Q_DEFAULT = [0.4, 0.5, 0.6, 0.3, 0.2, 0.2]
_YMAX = {"nats": 4.0, "bits": 6.0}
#: The units' names as shown (English; translated where they are drawn).
_UNITS = {"nats": N_("nats"), "bits": N_("bits")}
#: Why a value is undefined or infinite (``message`` of :meth:`EntropyExplorer.compute`).
_NO_DISTRIBUTION = N_("all weights of {which} are 0: no distribution. Raise a slider.")
_BOTH = N_("p and q")
_Q_ZERO = N_("q is 0 where p > 0 (outcome {outcomes}): H(p, q) = KL(p‖q) = ∞")


def _message(pn, qn, kl, translate=str):
    """Why a value is undefined or infinite ("" when none is), through ``translate``."""
    if pn is None or qn is None:
        which = "p" if qn is not None else "q" if pn is not None else translate(_BOTH)
        return translate(_NO_DISTRIBUTION).format(which=which)
    if math.isinf(kl):
        bad = [str(i + 1) for i in range(pn.size) if pn[i] > 0 and qn[i] == 0]
        return translate(_Q_ZERO).format(outcomes=", ".join(bad))
    return ""


def _normalise(w):
    w = np.asarray(w, dtype=float)
    s = w.sum()
    return None if s <= 0 else w / s


class EntropyExplorer(Explorer):
    r"""Two distributions ``p`` (true) and ``q`` (predicted) over ``k`` outcomes; H(p), H(p, q),
    KL(p‖q).

    Parameters
    ----------
    k : int, default 3
        Number of outcomes, 2 to 6 (fixed for an explorer; make another for another ``k``).
    lecture : bool, optional
    **params
        Initial weights ``p1 … pk``, ``q1 … qk`` (each in [0, 1]; normalised by their sum) and
        ``unit`` (``"nats"`` or ``"bits"``).

    Examples
    --------
    >>> ex = EntropyExplorer(k=2, p1=1.0, p2=1.0, q1=1.0, q2=1.0, unit="bits")
    >>> r = ex.compute(p1=1.0, p2=1.0, q1=1.0, q2=1.0, unit="bits")
    >>> r["H_p"], r["H_pq"], r["KL"]
    (1.0, 1.0, 0.0)
    >>> r = ex.compute(p1=0.5, p2=0.5, q1=1.0, q2=0.0)   # q gives 0 to an outcome p can produce
    >>> r["H_pq"], r["KL"]
    (inf, inf)
    >>> ex.compute(p=[0.8, 0.2], q=[0.5, 0.5], unit="nats")["p"]
    array([0.8, 0.2])
    """

    figsize = (10.0, 3.8)

    def __init__(self, k=3, **kwargs):
        if (
            isinstance(k, (bool, np.bool_))
            or not isinstance(k, (int, np.integer))
            or not 2 <= k <= 6
        ):
            raise ValueError(
                f"k must be an integer from 2 to 6 (the number of outcomes); found {k!r}."
            )
        self.k = int(k)
        super().__init__(**kwargs)

    def param_spec(self):
        spec = {}
        for i in range(1, self.k + 1):
            spec[f"p{i}"] = FloatParam(
                0.0, 1.0, 0.01, _P_DEFAULT[i - 1], label=tr("weight of p{i}").format(i=i)
            )
        for i in range(1, self.k + 1):
            spec[f"q{i}"] = FloatParam(
                0.0, 1.0, 0.01, _Q_DEFAULT[i - 1], label=tr("weight of q{i}").format(i=i)
            )
        spec["unit"] = ChoiceParam(
            [(tr(_UNITS[u]), u) for u in ("nats", "bits")], "nats", label=tr("unit")
        )
        return spec

    def compute(self, *, unit="nats", p=None, q=None, **weights):
        r"""Normalise the weights and compute H(p), H(p, q), KL(p‖q) in ``unit``.

        Parameters
        ----------
        unit : {"nats", "bits"}
        p, q : sequence of float, optional
            Weights of all outcomes at once (instead of ``p1 … pk`` / ``q1 … qk``).
        **weights
            ``p1 … pk``, ``q1 … qk``: non-negative weights.

        Returns
        -------
        dict
            ``w_p, w_q`` (the weights), ``p, q`` (normalised, or None when all weights are 0),
            ``H_p, H_pq, KL`` (floats, ``inf`` allowed; None when undefined), ``unit``,
            ``message`` (why a value is undefined or infinite, else "").
        """
        if unit not in _YMAX:
            raise ValueError(f"unit must be 'nats' or 'bits'; found {unit!r}.")
        k = self.k
        w = {}
        for name, given in (("p", p), ("q", q)):
            if given is not None:
                arr = np.asarray(given, dtype=float)
                if arr.shape != (k,):
                    raise ValueError(
                        f"{name} must have {k} weights (k={k}); found shape {arr.shape}."
                    )
            else:
                arr = np.array(
                    [
                        float(weights.pop(f"{name}{i}", self._spec[f"{name}{i}"].default))
                        for i in range(1, k + 1)
                    ]
                )
            if np.any(~np.isfinite(arr)) or np.any(arr < 0):
                raise ValueError(
                    f"the weights of {name} must be finite and >= 0; found {arr.tolist()}."
                )
            w[name] = arr
        if weights:
            raise TypeError(
                f"unknown parameter(s) {sorted(weights)}; expected p1…p{k}, q1…q{k}, unit."
            )
        pn, qn = _normalise(w["p"]), _normalise(w["q"])
        base = 2 if unit == "bits" else None
        out = {
            "w_p": w["p"],
            "w_q": w["q"],
            "p": pn,
            "q": qn,
            "unit": unit,
            "H_p": None,
            "H_q": None,
            "H_pq": None,
            "KL": None,
            "message": "",
        }
        if pn is not None:
            out["H_p"] = float(entropy(pn, base=base))
        if qn is not None:
            out["H_q"] = float(entropy(qn, base=base))
        if pn is None or qn is None:
            out["message"] = _message(pn, qn, None)
            return out
        out["H_pq"] = float(cross_entropy(pn, qn, base=base))
        out["KL"] = float(kl_divergence(pn, qn, base=base))
        out["message"] = _message(pn, qn, out["KL"])
        return out

    def _build(self, fig, params):
        k = self.k
        ax_d, ax_h = fig.subplots(1, 2, width_ratios=[1.3, 1])
        x = np.arange(k)
        width = 0.38
        art = {"_ax_h": ax_h}
        art["bars_p"] = ax_d.bar(
            x - width / 2,
            np.zeros(k),
            width,
            color=style.ACCENT_COLORS["p"],
            label=tr("p (true)"),
            edgecolor="black",
            linewidth=0.5,
        )
        art["bars_q"] = ax_d.bar(
            x + width / 2,
            np.zeros(k),
            width,
            color=style.ACCENT_COLORS["q"],
            label=tr("q (predicted)"),
            edgecolor="black",
            linewidth=0.5,
            hatch="//",
        )
        art["zero_q"] = [
            ax_d.text(
                i + width / 2,
                0.03,
                "q = 0\n−log q = ∞",
                ha="center",
                va="bottom",
                color=style.OKABE_ITO["black"],
                fontsize="small",
                fontweight="bold",
                rotation=90,
                visible=False,
            )
            for i in range(k)
        ]
        ax_d.set_xticks(x, [str(i + 1) for i in range(k)])
        ax_d.set_xlim(-0.6, k - 0.4)
        ax_d.set_ylim(0, 1.05)
        ax_d.set_xlabel(tr(style.LABELS["outcome"]))
        ax_d.set_ylabel(tr(style.LABELS["prob"]))
        ax_d.set_title(tr("p = w / Σw,  q = w′ / Σw′  (sliders set weights)"), fontsize="medium")
        ax_d.legend(loc="upper right")
        names = ["H(p)", "H(p, q)", "KL(p‖q)"]
        xh = np.arange(3)
        c_h, c_kl = style.ACCENT_COLORS["p"], style.ACCENT_COLORS["kl"]
        art["bar_Hp"] = ax_h.bar(
            [0, 1], [0, 0], 0.6, color=c_h, edgecolor="black", linewidth=0.5, label="H(p)"
        )
        art["bar_KL"] = ax_h.bar(
            [1, 2],
            [0, 0],
            0.6,
            bottom=[0, 0],
            color=c_kl,
            edgecolor="black",
            linewidth=0.5,
            label="KL(p‖q)",
        )
        # the KL value above its bar: a KL of 0.023 nats is a sliver of a bar but a readable
        # number (one text: each text costs milliseconds per frame; H(p), H(p, q) read off the axis)
        art["kl_value"] = ax_h.annotate(
            "",
            (2, 0.0),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontweight="bold",
        )
        ax_h.set_xticks(xh, names)
        ax_h.set_xlim(-0.6, 2.6)
        # laid out at a fixed reference unit, not the starting setting: the layout is frozen after
        # construction, and must not depend on where the explorer started (_draw sets the unit)
        ax_h.set_ylim(0, _YMAX["nats"])
        ax_h.set_ylabel(tr(_UNITS["nats"]))
        ax_h.set_title("H(p, q) = H(p) + KL(p‖q)", fontsize="medium")
        ax_h.legend(loc="upper left")
        art["cap_Hpq"] = style.CappedMarker(ax_h, color="black")
        art["cap_KL"] = style.CappedMarker(ax_h, color="black")
        art["cap_Hp"] = style.CappedMarker(ax_h, color="black")
        for key in ("cap_Hpq", "cap_KL", "cap_Hp"):  # "∞" on a white ground, not on the hatching
            art[key].label.set_bbox({"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
        return art

    def _draw(self, art, r, params):
        k = self.k
        changed = False
        ax_h = art["_ax_h"]
        ymax = _YMAX[r["unit"]]
        if ax_h.get_ylim()[1] != ymax:
            ax_h.set_ylim(0, ymax)
            ax_h.set_ylabel(tr(_UNITS[r["unit"]]))
            changed = True
        pn = r["p"] if r["p"] is not None else np.zeros(k)
        qn = r["q"] if r["q"] is not None else np.zeros(k)
        for i in range(k):
            art["bars_p"].patches[i].set_height(pn[i])
            art["bars_q"].patches[i].set_height(qn[i])
            # q = 0 where p > 0: the outcome the code for q cannot encode
            bad = r["p"] is not None and r["q"] is not None and pn[i] > 0 and qn[i] == 0
            art["zero_q"][i].set_visible(bool(bad))
        hp = r["H_p"] if r["H_p"] is not None else 0.0
        kl = r["KL"] if r["KL"] is not None else 0.0
        hpq = r["H_pq"] if r["H_pq"] is not None else 0.0
        b_hp0, b_hp1 = art["bar_Hp"].patches
        b_kl1, b_kl2 = art["bar_KL"].patches
        b_hp0.set_height(min(hp, ymax))
        b_hp1.set_height(min(hp, ymax))
        kl_shown = min(kl, ymax)
        b_kl1.set_y(min(hp, ymax))
        b_kl1.set_height(max(min(hp + kl, ymax) - min(hp, ymax), 0.0))
        b_kl2.set_y(0.0)
        b_kl2.set_height(kl_shown)
        art["cap_Hp"].set(0 if hp > ymax else np.nan, hp)
        art["cap_Hpq"].set(1 if hpq > ymax else np.nan, hpq)
        art["cap_KL"].set(2 if kl > ymax else np.nan, kl)
        text = art["kl_value"]
        if r["KL"] is None or kl > ymax:  # undefined, or off the scale: the capped mark says it
            text.set_visible(False)
        else:
            text.xy = (2, kl)
            text.set_text(f"KL = {style.format_value(kl)}")
            text.set_visible(True)
        return changed

    def _readout(self, r, params):
        f = style.format_value
        u = tr(_UNITS[r["unit"]])
        sp, sq = r["w_p"].sum(), r["w_q"].sum()

        def vec(d):
            return "[—]" if d is None else "[" + ", ".join(f"{v:.2f}" for v in d) + "]"

        lines = [
            (f"p = w/Σw   = {vec(r['p'])}  (Σw = {sp:.2f})", style.ACCENT_COLORS["p"]),
            (f"q = w′/Σw′ = {vec(r['q'])}  (Σw′ = {sq:.2f})", style.OKABE_ITO["orange"]),
        ]
        for label, key in (("H(p)     ", "H_p"), ("H(p, q)  ", "H_pq"), ("KL(p‖q)  ", "KL")):
            v = r[key]
            lines.append((f"{label}= {tr('undefined') if v is None else f(v)} {u}", None))
        if r["message"]:
            message = _message(r["p"], r["q"], r["KL"], translate=tr)
            lines.append((message, style.OKABE_ITO["vermillion"]))
        return lines

    def panel_title(self, params, setting):
        def part(k, v):
            if k == "unit":
                return f"{tr('unit')} = {tr(_UNITS[v])}"
            return f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"

        return ", ".join(part(k, v) for k, v in setting.items())
