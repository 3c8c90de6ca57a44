r"""BugSwitchExplorer: the from-scratch softmax loop on the digits with one of the sources' bugs on.

Every setting (bug × pixel scale × learning rate) is trained once, when the first explorer is
built (:func:`lossviz.scratch.bug_runs`, about 2 s); moving a control only redraws. Panels: the
held-out cross-entropy per epoch (log scale; the correct loop at the same setting in grey, the
loss the buggy code itself reports dotted), the held-out accuracy, and the gradient check's
relative error (log scale; below 1e-6 passes).
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..i18n import N_, tr
from ..scratch import BUGS, LEARNING_RATES, bug_runs
from ._base import ChoiceParam, Explorer
from ._params import SelectionParam

__all__ = ["BugSwitchExplorer"]

_LOSS_LIM = (0.03, 3e4)
_CHECK_LIM = (1e-12, 3.0)
_PASS = 1e-6
#: The bugs' short names (English; shown through ``tr``).
_SHORT = {
    "none": N_("correct"),
    "sign": N_("dw sign"),
    "shape": N_("w.dot(X)"),
    "axis": N_("softmax axis 0"),
    "unstable": N_("no max shift"),
    "no_neg": N_("no (1−y) term"),
}
#: The bugs' descriptions and sources (:data:`lossviz.scratch.BUGS`), marked for the catalogue.
_BUG_TEXT = (
    N_("the correct loop"),
    N_("dw = -X.T @ (P - Y), then w -= lr * dw"),
    N_("scores w.dot(X) instead of X @ w"),
    N_("softmax over axis 0 (the samples)"),
    N_("log(exp(z) / sum exp(z)), no max subtracted"),
    N_("-sum(y log p): the (1 - y) term missing"),
    N_("chapter 09"),
    N_("002 §4.1, §4.2"),
    N_("002 §4.2"),
    N_("002 §4.2, 004 §4.2"),
    N_("003 §4.1"),
)


def _capped(values, top):
    """Values for a log-scale line: inf and values above ``top`` drawn at ``top``."""
    v = np.asarray(values, float)
    return np.where(np.isfinite(v) & (v <= top), v, top)


class BugSwitchExplorer(Explorer):
    r"""Switch on one of the sources' bugs in the from-scratch training loop and watch it react.

    Controls: ``bug`` (one of :data:`lossviz.scratch.BUGS`), ``raw_pixels`` (pixels 0–1 or the
    raw 0–16), ``lr`` (0.05, 0.5, 2). The task is the 10-class digits, except for the missing
    ``(1 − y)`` term, a binary loss, shown on "is the digit odd?".

    Examples
    --------
    >>> ex = BugSwitchExplorer(_live=False)
    >>> r = ex.compute(bug="sign", raw_pixels=False, lr=0.5)
    >>> round(r["check"], 3), bool(r["test_loss"][-1] > 100)
    (1.0, True)
    >>> ex.compute(bug="shape")["error"][:11]
    'ValueError:'
    """

    figsize = (12.0, 4.8)

    def __init__(self, epochs=10, **kwargs):
        self.epochs = int(epochs)
        self._runs = bug_runs(self.epochs)
        super().__init__(**kwargs)

    def param_spec(self):
        return {
            "bug": ChoiceParam([(tr(_SHORT[k]), k) for k in BUGS], "none", label=tr("bug")),
            "raw_pixels": ChoiceParam(
                [(tr("pixels 0–1"), False), (tr("raw pixels 0–16"), True)],
                False,
                label=tr("input"),
            ),
            "lr": SelectionParam(list(LEARNING_RATES), 0.5, label=tr("learning rate")),
        }

    def compute(self, *, bug="none", raw_pixels=False, lr=0.5):
        """The precomputed run (see :func:`lossviz.scratch.train_scratch`) and the correct
        loop's at the same setting (``ref_*``), plus ``check`` (relative error, ``inf`` when
        the check cannot run) and ``label``, ``source``."""
        run = self._runs[bug, bool(raw_pixels), float(lr)]
        ref = self._runs["none", bool(raw_pixels), float(lr)]
        if run["task"] == "odd":  # the correct binary loop, with the full BCE
            ref = self._runs["none (odd)", bool(raw_pixels), float(lr)]
        label, source, task = BUGS[bug]
        return {
            "reported": run["reported"],
            "test_loss": run["test_loss"],
            "test_accuracy": run["test_accuracy"],
            "ref_loss": ref["test_loss"],
            "ref_accuracy": ref["test_accuracy"],
            "error": run["error"],
            "check": run["check"]["relative_error"],
            "label": label,
            "source": source,
            "task": task,
        }

    def _build(self, fig, params):
        ax_l, ax_a, ax_g = fig.subplots(1, 3, gridspec_kw={"width_ratios": [3, 3, 1.2]})
        e = np.arange(self.epochs + 1)
        art = {}
        ax_l.set_yscale("log")
        ax_l.set_xlim(0, self.epochs)
        ax_l.set_ylim(*_LOSS_LIM)
        ax_l.set_xlabel(tr("epoch"))
        ax_l.set_ylabel(tr("held-out cross-entropy (nats, log)"))
        ax_l.set_title(tr("loss"))
        grey = style.ACCENT_COLORS["neutral"]
        (art["ref_loss"],) = ax_l.plot(
            e, e * 0.0 + 1, color=grey, lw=3, alpha=0.5, label=tr("correct loop")
        )
        (art["loss"],) = ax_l.plot(
            e,
            e * 0.0 + 1,
            color=style.LOSS_COLORS["bce"],
            lw=2,
            label=tr("with the bug: held-out"),
        )
        (art["reported"],) = ax_l.plot(
            e, e * 0.0 + 1, color="black", lw=1.2, ls=":", label=tr("the loss the code reports")
        )
        (art["inf"],) = ax_l.plot(
            [], [], "^", color="black", ms=9, transform=ax_l.get_xaxis_transform()
        )
        art["error"] = ax_l.text(
            0.03,
            0.5,
            "",
            transform=ax_l.transAxes,
            fontsize="small",
            color=style.OKABE_ITO["vermillion"],
            va="center",
        )
        ax_l.legend(
            loc="upper center", bbox_to_anchor=(1.1, -0.16), ncol=3, fontsize="small", frameon=False
        )
        ax_a.set_xlim(0, self.epochs)
        ax_a.set_ylim(0, 1.0)
        ax_a.set_xlabel(tr("epoch"))
        ax_a.set_ylabel(tr("held-out accuracy"))
        ax_a.set_title(tr("accuracy"))
        (art["ref_acc"],) = ax_a.plot(e, e * 0.0, color=grey, lw=3, alpha=0.5)
        (art["acc"],) = ax_a.plot(e, e * 0.0, color=style.LOSS_COLORS["bce"], lw=2)
        ax_g.set_yscale("log")
        ax_g.set_xlim(-1, 1.2)
        ax_g.set_ylim(*_CHECK_LIM)
        ax_g.set_xticks([])
        ax_g.set_ylabel(tr("relative error of dW"))
        ax_g.set_title(tr("gradient check"))
        ax_g.axhspan(_CHECK_LIM[0], _PASS, color=style.OKABE_ITO["bluish_green"], alpha=0.15)
        for y, word in ((1e-9, tr("passes")), (1e-3, tr("caught"))):
            ax_g.text(-0.75, y, word, rotation=90, ha="center", va="center", fontsize="small")
        (art["check"],) = ax_g.plot([0.3, 0.3], [1, 1], color="black", lw=16, solid_capstyle="butt")
        return art

    def _draw(self, art, r, params):
        top = _LOSS_LIM[1]
        n = len(r["test_loss"])
        e = np.arange(n)
        art["ref_loss"].set_ydata(_capped(r["ref_loss"], top))
        art["ref_acc"].set_ydata(r["ref_accuracy"])
        art["loss"].set_data(e, _capped(r["test_loss"], top))
        rep = np.maximum(_capped(r["reported"], top), 1.05 * _LOSS_LIM[0])  # 0 shows at the floor
        art["reported"].set_data(e, rep)
        art["acc"].set_data(e, r["test_accuracy"])
        off = ~np.isfinite(r["test_loss"]) | (r["test_loss"] > top)
        first = e[off][:1]  # the first epoch off the scale (or inf / NaN): a triangle at the top
        art["inf"].set_data(first, np.full(first.size, 0.96))
        art["error"].set_text(
            tr("the code raises") + "\n" + r["error"].replace(" not aligned", "\nnot aligned")
            if r["error"]
            else ""
        )
        c = r["check"]
        art["check"].set_data(
            [0.3, 0.3], [_CHECK_LIM[0], min(max(c, _CHECK_LIM[0]), _CHECK_LIM[1])]
        )
        art["check"].set_color(
            style.OKABE_ITO["vermillion"] if c > _PASS else style.OKABE_ITO["bluish_green"]
        )
        return False

    def _readout(self, r, params):
        f = style.format_value
        task = tr("10 digits") if r["task"] == "digits" else tr("task: odd digit?")
        c = r["check"]
        if r["error"]:
            check = tr("cannot run: the code raises")
        else:
            check = f"{c:.1e} ({tr('caught') if c > _PASS else tr('passes')})"
        return [
            (f"{tr(r['label'])}  [{tr(r['source'])}]", None),
            (
                tr(
                    "held-out loss {loss}, accuracy {accuracy:.3f} "
                    "(correct: {ref_loss}, {ref_accuracy:.3f}; {task})"
                ).format(
                    loss=f(r["test_loss"][-1], 3),
                    accuracy=r["test_accuracy"][-1],
                    ref_loss=f(r["ref_loss"][-1], 3),
                    ref_accuracy=r["ref_accuracy"][-1],
                    task=task,
                ),
                style.LOSS_COLORS["bce"],
            ),
            (tr("gradient check, relative error of dW: {check}").format(check=check), None),
        ]

    def panel_title(self, params, setting):
        px = tr("raw pixels") if params["raw_pixels"] else tr("pixels 0–1")
        return tr("{bug}, {pixels}, lr = {lr:g}").format(
            bug=tr(_SHORT[params["bug"]]), pixels=px, lr=params["lr"]
        )
