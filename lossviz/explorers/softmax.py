r"""SoftmaxExplorer: logits, temperature, softmax probabilities, cross-entropy and its gradient.

With scaled logits :math:`u = z / T` and :math:`p = \mathrm{softmax}(u)`:

.. math::
    \mathrm{CE} = -\log p_c, \qquad
    \frac{\partial\,\mathrm{CE}}{\partial u} = p - \mathrm{onehot}(c),

and, for contrast, the squared error on the probabilities
:math:`\sum_k (p_k - \mathrm{onehot}_k)^2`,
whose gradient passes through the softmax Jacobian :math:`J = \mathrm{diag}(p) - p p^\top`:

.. math:: \frac{\partial\,\mathrm{MSE}}{\partial u} = J^\top\, 2 (p - \mathrm{onehot}(c)).

A confident wrong answer (:math:`p_c \to 0`) keeps the cross-entropy gradient near −1 on the true
class while the MSE gradient vanishes with :math:`p_c`.  The gradients are with respect to
:math:`u = z/T`; with respect to :math:`z` they are divided by :math:`T`.
"""

from __future__ import annotations

import numpy as np

from .. import style
from ..activations import softmax
from ..gradients import mse_softmax_grad
from ..i18n import tr
from ..losses import softmax_cross_entropy
from ._base import ChoiceParam, Explorer, FloatParam, text_width

__all__ = ["SoftmaxExplorer"]

_Z_DEFAULT = [2.0, 1.0, 0.1, -1.0, -2.0]
_T_MIN = 0.05
_LOG_FLOOR = 1e-4  # bottom of the log-scale panel


class SoftmaxExplorer(Explorer):
    r"""Logit sliders and a temperature; the probabilities, the cross-entropy for the true class,
    its gradient ``p − onehot`` and, for contrast, the gradient of the squared error on softmax.

    Parameters
    ----------
    n_classes : int, default 3
        3 to 5 (fixed for an explorer).
    lecture : bool, optional
    **params
        Initial ``z0 …`` (logits, −10 to 10), ``T`` (temperature, 0.05 to 5) and ``true_class``.

    Examples
    --------
    >>> ex = SoftmaxExplorer(n_classes=3)
    >>> r = ex.compute(z=[2.0, 1.0, 0.1], T=1.0, true_class=0)
    >>> np.round(r["p"], 3)
    array([0.659, 0.242, 0.099])
    >>> round(r["ce"], 3)
    0.417
    >>> np.round(r["grad_ce"], 3)
    array([-0.341,  0.242,  0.099])
    >>> r = ex.compute(z=[-10.0, 10.0, 10.0], T=0.05, true_class=0)  # cold and confidently wrong
    >>> round(r["ce"], 2), round(float(r["grad_ce"][0]), 2), float(abs(r["grad_mse"][0])) < 1e-100
    (400.69, -1.0, True)
    """

    figsize = (12.0, 4.0)

    def __init__(self, n_classes=3, **kwargs):
        if (
            isinstance(n_classes, (bool, np.bool_))
            or not isinstance(n_classes, (int, np.integer))
            or not 3 <= n_classes <= 5
        ):
            raise ValueError(f"n_classes must be an integer from 3 to 5; found {n_classes!r}.")
        self.n_classes = int(n_classes)
        super().__init__(**kwargs)

    def param_spec(self):
        spec = {
            f"z{i}": FloatParam(
                -10.0,
                10.0,
                0.1,
                _Z_DEFAULT[i],
                label=tr("logit z{i}").format(i=i),
                readout_format=".1f",
            )
            for i in range(self.n_classes)
        }
        spec["T"] = FloatParam(_T_MIN, 5.0, 0.05, 1.0, label=tr("temperature T"))
        spec["true_class"] = ChoiceParam(list(range(self.n_classes)), 0, label=tr("true class"))
        return spec

    def compute(self, *, T=1.0, true_class=0, z=None, **logits):
        """Probabilities, cross-entropy and the two gradients (with respect to ``u = z / T``).

        Parameters
        ----------
        T : float > 0
        true_class : int
        z : sequence of float, optional
            All logits at once (instead of ``z0, z1, …``).
        **logits
            ``z0, z1, …``.

        Returns
        -------
        dict
            ``z, u`` (= z/T), ``p``, ``true_class``, ``T``, ``ce`` (−log p_c), ``mse``
            (Σ (p − onehot)²), ``grad_ce`` (p − onehot), ``grad_mse`` (Jᵀ 2(p − onehot)),
            ``entropy`` (of p, nats).
        """
        n = self.n_classes
        if z is None:
            z = [float(logits.pop(f"z{i}", self._spec[f"z{i}"].default)) for i in range(n)]
        if logits:
            raise TypeError(
                f"unknown parameter(s) {sorted(logits)}; expected z0…z{n - 1}, T, true_class."
            )
        z = np.asarray(z, dtype=float)
        if z.shape != (n,):
            raise ValueError(f"z must have {n} logits (n_classes={n}); found shape {z.shape}.")
        T = float(T)
        if not (np.isfinite(T) and T > 0):
            raise ValueError(
                f"T must be a positive temperature; found {T!r}. Use a small T such as 0.05, not 0."
            )
        c = int(true_class)
        if not 0 <= c < n:
            raise ValueError(f"true_class must be in 0…{n - 1}; found {true_class!r}.")
        u = z / T
        p = softmax(u)
        onehot = np.zeros(n)
        onehot[c] = 1.0
        with np.errstate(divide="ignore"):
            ent = float(-np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)))
        return {
            "z": z,
            "u": u,
            "p": p,
            "T": T,
            "true_class": c,
            "ce": float(softmax_cross_entropy([c], u[None, :])),
            "mse": float(np.sum((p - onehot) ** 2)),
            "grad_ce": p - onehot,
            "grad_mse": mse_softmax_grad(c, u),
            "entropy": abs(ent),
        }

    def _build(self, fig, params):
        n = self.n_classes
        ax_p, ax_g, ax_l = fig.subplots(1, 3, width_ratios=[1.0, 1.0, 1.0])
        x = np.arange(n)
        ticks = [str(i) for i in range(n)]
        art = {}
        art["bars_p"] = ax_p.bar(
            x, np.zeros(n), 0.6, color=style.ACCENT_COLORS["p"], edgecolor="black", linewidth=0.5
        )
        art["true_mark"] = ax_p.bar(
            [0],
            [1.0],
            0.72,
            fill=False,
            edgecolor="black",
            linewidth=2.0,
            linestyle="--",
            label=tr("true class"),
        )
        ax_p.set_ylim(0, 1.05)
        ax_p.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax_p.set_ylabel("p = softmax(z / T)")
        ax_p.set_title(tr("probabilities"))
        w = 0.38
        art["bars_ce"] = ax_g.bar(
            x - w / 2, np.zeros(n), w, **_bar_style("bce"), label="CE: p − onehot"
        )
        art["bars_mse"] = ax_g.bar(
            x + w / 2,
            np.zeros(n),
            w,
            **_bar_style("mse"),
            label=tr("MSE on softmax:\nJᵀ·2(p − onehot)"),
        )
        ax_g.axhline(0, color="0.4", lw=0.8)
        ax_g.set_ylim(-1.05, 1.05)
        ax_g.set_yticks([-1, -0.5, 0, 0.5, 1])
        ax_g.set_ylabel("dL/du,  u = z / T")
        ax_g.set_title(tr("gradient (linear scale)"))
        # the same gradients' sizes on a log scale: MSE's |g| of 0.001 is visible here
        art["log_ce"] = ax_l.bar(x - w / 2, np.zeros(n), w, bottom=_LOG_FLOOR, **_bar_style("bce"))
        art["log_mse"] = ax_l.bar(x + w / 2, np.zeros(n), w, bottom=_LOG_FLOOR, **_bar_style("mse"))
        (art["log_below"],) = ax_l.plot(
            [],
            [],
            "v",
            color="black",
            markersize=7,
            transform=ax_l.get_xaxis_transform(),
            clip_on=False,
            label=tr("|g| below 1e-4"),
        )
        art["log_below"].set_in_layout(False)
        ax_l.set_yscale("log")
        ax_l.set_ylim(_LOG_FLOOR, 1.5)
        ax_l.set_ylabel(tr("|dL/du|  (log scale)"))
        ax_l.set_title(tr("|gradient|, log scale"))
        for ax in (ax_p, ax_g, ax_l):
            ax.set_xticks(x, ticks)
            ax.set_xlim(-0.6, n - 0.4)
            ax.set_xlabel(tr(style.LABELS["class"]))
        # one legend for the three panels, outside every axes: it never covers a bar
        handles = [art["true_mark"], art["bars_ce"], art["bars_mse"], art["log_below"]]
        fig.legend(
            handles=handles,
            labels=[h.get_label() for h in handles],
            loc="outside right upper",
            handlelength=1.6,
        )
        return art

    def _draw(self, art, r, params):
        c = r["true_class"]
        for i, patch in enumerate(art["bars_p"].patches):
            patch.set_height(r["p"][i])
        art["true_mark"].patches[0].set_x(c - 0.36)
        below_x = []
        for i in range(self.n_classes):
            art["bars_ce"].patches[i].set_height(r["grad_ce"][i])
            art["bars_mse"].patches[i].set_height(r["grad_mse"][i])
            for key, grad, dx in (
                ("log_ce", r["grad_ce"], -0.19),
                ("log_mse", r["grad_mse"], 0.19),
            ):
                size = abs(float(grad[i]))
                art[key].patches[i].set_height(max(size, _LOG_FLOOR) - _LOG_FLOOR)
                if size < _LOG_FLOOR:
                    below_x.append(i + dx)
        art["log_below"].set_data(below_x, [0.04] * len(below_x))
        return False

    def _readout(self, r, params):
        f = style.format_value
        c = r["true_class"]
        gce, gmse = r["grad_ce"][c], r["grad_mse"][c]
        grad = tr("true-class gradient:")
        lines = [
            (tr("T = {T:.2f}, true class {c}").format(T=r["T"], c=c), None),
            ("p = [" + ", ".join(f"{v:.3f}" for v in r["p"]) + "]", style.ACCENT_COLORS["p"]),
            (f"CE = −log p_{c} = {f(r['ce'])}", style.LOSS_COLORS["bce"]),
            (f"Σ(p − onehot)²  = {f(r['mse'])}", style.LOSS_COLORS["mse"]),
            (f"{grad} CE {f(gce)}", style.LOSS_COLORS["bce"]),
            (f"{' ' * text_width(grad)}MSE {f(gmse)}", style.LOSS_COLORS["mse"]),
            (tr("entropy of p = {h} nats").format(h=f(r["entropy"])), None),
        ]
        return lines

    def panel_title(self, params, setting):
        zs = ", ".join(f"{params[f'z{i}']:g}" for i in range(self.n_classes))
        return tr("z = ({z}), T = {T:g}, true class {c}").format(
            z=zs, T=params["T"], c=params["true_class"]
        )


def _bar_style(name):
    return {
        "color": style.LOSS_COLORS[name],
        "edgecolor": "black",
        "linewidth": 0.5,
        "hatch": "//" if name == "mse" else None,
    }
