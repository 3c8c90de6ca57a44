r"""MultiLabelExplorer: the same logits through independent sigmoids (a BCE per label) and one
softmax.

A multi-label target such as ``(1, 1, 0)`` says that labels 0 and 1 are both present.

* **Independent sigmoids** give each label its own probability :math:`p_j = \sigma(z_j)`; the loss
  is a BCE per label, :math:`\ell_j = -[y_j\log p_j + (1-y_j)\log(1-p_j)]` (summed or averaged),
  and its gradient is :math:`\partial\ell_j/\partial z_j = p_j - y_j`.  Any number of labels can
  be near 1 at once; the loss can approach 0.
* **One softmax** shares one unit of probability: :math:`q = \mathrm{softmax}(z)`.  Its
  cross-entropy needs a *distribution* as target, so the multi-hot target is normalised
  **explicitly** to :math:`t = y / \sum_j y_j` (e.g. ``(0.5, 0.5, 0)``) — the explorer says so in
  its readout; nothing is renormalised silently.  The gradient is :math:`q - t`.  Two present
  labels can get at most 0.5 each on average, and the loss cannot go below the entropy of
  :math:`t`, :math:`\ln m` for :math:`m` present labels.

The all-zero target is not offered: it is a valid multi-label target for the sigmoids, but it
cannot be normalised into a distribution for the softmax.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import NullLocator

from .. import style
from ..activations import sigmoid, softmax
from ..data import multilabel_target_patterns
from ..gradients import bce_with_logits_grad, softmax_cross_entropy_grad
from ..i18n import tr
from ..information import entropy
from ..losses import bce_with_logits, softmax_cross_entropy
from ._base import ChoiceParam, Explorer, FloatParam

__all__ = ["MultiLabelExplorer"]

_DEFAULT_LOGITS = (2.0, 1.5, -1.0, -2.0, 0.5)
_Z_MAX = 8.0
_LINTHRESH = 1e-3  # the gradient panel is linear within ±1e-3, logarithmic beyond
_SIG = style.LOSS_COLORS["bce"]
# softmax + CE is a cross-entropy too: the same colour as BCE (one colour per loss), told apart
# by its hatching; orange is Huber's colour
_SOFT = style.LOSS_COLORS["bce"]


@dataclass
class _DropdownParam(ChoiceParam):
    """A choice among many options, shown as a drop-down list."""

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.Dropdown(
            options=self._pairs(),
            value=self.default,
            description=self.label or name,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="220px"),
        )


class MultiLabelExplorer(Explorer):
    r"""Independent sigmoids against one softmax on the same logits, for a multi-hot target.

    Controls: one logit slider per label (``z0``, ``z1``, ..., from −8 to 8) and ``target``, a
    0/1 pattern such as ``"1,1,0"``.  Left panel: the probabilities, sigmoid per label and softmax,
    with the targets marked (``y`` for the sigmoids, the normalised ``y/Σy`` for the softmax).
    Right panel: the gradients with respect to the logits, ``p − y`` and ``q − y/Σy``.  Beside
    the picture: every number, the BCE (sum and mean over the labels) and the softmax
    cross-entropy with its floor :math:`\ln m`.

    Parameters
    ----------
    k : int, default 3
        Number of labels (2 to 5).
    lecture : bool, optional
    **params
        Initial control values, e.g. ``z0=2.0, target="1,1,0"``.

    Examples
    --------
    >>> ex = MultiLabelExplorer(_live=False)
    >>> r = ex.compute(z0=4.0, z1=4.0, z2=-4.0, target="1,1,0")
    >>> np.round(r["sigmoid"], 3).tolist(), np.round(r["softmax"], 3).tolist()
    ([0.982, 0.982, 0.018], [0.5, 0.5, 0.0])
    >>> r["target_normalised"].tolist()
    [0.5, 0.5, 0.0]
    >>> round(r["bce_sum"], 3), round(r["softmax_ce"], 3), round(r["softmax_ce_floor"], 3)
    (0.054, 0.693, 0.693)
    """

    figsize = (10.8, 4.6)

    def __init__(self, k=3, **kwargs):
        if (
            isinstance(k, (bool, np.bool_))
            or not isinstance(k, (int, np.integer))
            or not 2 <= k <= 5
        ):
            raise ValueError(
                f"k must be the number of labels, an integer from 2 to 5; found {k!r}."
            )
        self.k = int(k)
        super().__init__(**kwargs)

    def param_spec(self):
        k = self.k
        spec = {
            f"z{j}": FloatParam(
                -_Z_MAX,
                _Z_MAX,
                0.1,
                _DEFAULT_LOGITS[j],
                label=tr("logit z{i}").format(i=j),
                readout_format=".1f",
            )
            for j in range(k)
        }
        default = ",".join(["1", "1"] + ["0"] * (k - 2))
        spec["target"] = _DropdownParam(
            multilabel_target_patterns(k), default, label=tr("target y")
        )
        return spec

    def _parse_target(self, target):
        if isinstance(target, str):
            parts = [s.strip() for s in target.split(",")]
        else:
            parts = [
                str(int(v))
                if isinstance(v, (int, np.integer, float, np.floating)) and v in (0, 1)
                else "?"
                for v in np.ravel(target)
            ]
        if len(parts) != self.k or any(s not in ("0", "1") for s in parts):
            raise ValueError(
                f"target must be {self.k} labels of 0 or 1, "
                f"e.g. {multilabel_target_patterns(self.k)[-2]!r}; "
                f"found {target!r}."
            )
        y = np.array([float(s) for s in parts])
        if y.sum() == 0:
            raise ValueError(
                "target must have at least one label 1: an all-zero target cannot be normalised "
                "into a distribution for the softmax cross-entropy."
            )
        return y

    def compute(self, *, target=None, **logits):
        """Probabilities, losses and gradients of both heads for logits ``z0, z1, ...`` and
        ``target``.

        Returns
        -------
        dict
            ``z``, ``y`` (the 0/1 target), ``target_normalised`` (``y / y.sum()``, the softmax's
            target), ``sigmoid``, ``softmax`` (probabilities), ``bce`` (per label), ``bce_sum``,
            ``bce_mean``, ``softmax_ce``, ``softmax_ce_floor`` (its smallest possible value, the
            entropy of the normalised target, ln m), ``grad_sigmoid`` (``p − y``),
            ``grad_softmax`` (``q − y/Σy``), ``on_sigmoid`` / ``on_softmax`` (labels with
            probability > 0.5).
        """
        k = self.k
        unknown = sorted(set(logits) - {f"z{j}" for j in range(k)})
        if unknown:
            raise TypeError(f"unknown parameter {unknown[0]!r}; the logits are z0 … z{k - 1}.")
        spec = self.param_spec()
        z = np.array([float(logits.get(f"z{j}", spec[f"z{j}"].default)) for j in range(k)])
        if not np.all(np.isfinite(z)):
            raise ValueError(f"logits must be finite; found {z.tolist()}.")
        y = self._parse_target(spec["target"].default if target is None else target)
        t = y / y.sum()  # explicit normalisation of the multi-hot target for the softmax
        p = sigmoid(z)
        q = softmax(z)
        per = bce_with_logits(y, z, reduction="none")
        return {
            "z": z,
            "y": y,
            "target_normalised": t,
            "sigmoid": p,
            "softmax": q,
            "bce": per,
            "bce_sum": float(per.sum()),
            "bce_mean": float(per.mean()),
            "softmax_ce": float(softmax_cross_entropy(t[None, :], z[None, :])),
            "softmax_ce_floor": float(entropy(t)),
            "grad_sigmoid": bce_with_logits_grad(y, z),
            "grad_softmax": softmax_cross_entropy_grad(t[None, :], z[None, :])[0],
            "on_sigmoid": [j for j in range(k) if p[j] > 0.5],
            "on_softmax": [j for j in range(k) if q[j] > 0.5],
        }

    # ---------------------------------------------------------------- drawing
    def _build(self, fig, params):
        k = self.k
        x = np.arange(k)
        ax_p, ax_g = fig.subplots(1, 2)
        w = 0.38
        art = {}
        art["bars_sigmoid"] = ax_p.bar(x - w / 2, np.zeros(k), w, color=_SIG, label="sigmoid σ(z)")
        art["bars_softmax"] = ax_p.bar(
            x + w / 2, np.zeros(k), w, color=_SOFT, hatch="//", edgecolor="white", label="softmax q"
        )
        # targets as diamonds (not ticks): a target of 0.5 stays visible on the 0.5 line
        target_style = dict(
            ls="none",
            marker="D",
            markersize=8,
            mfc="white",
            mec="black",
            mew=2.0,
            zorder=4,
            clip_on=False,
        )
        (art["target_sigmoid"],) = ax_p.plot([], [], **target_style, label="target y | y/Σy")
        (art["target_softmax"],) = ax_p.plot([], [], **target_style)
        ax_p.axhline(
            0.5, color=style.ACCENT_COLORS["neutral"], ls=":", lw=1.5, label="threshold 0.5"
        )
        ax_p.set_ylim(0, 1.08)
        ax_p.set_yticks(np.linspace(0, 1, 6))
        ax_p.set_ylabel(tr(style.LABELS["prob"]))
        ax_p.set_title(tr("probabilities"))
        art["grad_sigmoid"] = ax_g.bar(
            x - w / 2, np.zeros(k), w, color=_SIG, label="sigmoids: p − y"
        )
        art["grad_softmax"] = ax_g.bar(
            x + w / 2,
            np.zeros(k),
            w,
            color=_SOFT,
            hatch="//",
            edgecolor="white",
            label="softmax: q − y/Σy",
        )
        ax_g.axhline(0, color="0.4", lw=0.8)
        # symmetric log scale: linear within ±1e-3, logarithmic beyond, so a gradient of 0.002
        # (both heads near their optimum) is still a visible bar
        ax_g.set_yscale("symlog", linthresh=_LINTHRESH, linscale=0.5)
        ax_g.set_ylim(-1.05, 1.05)
        ax_g.set_yticks([-1, -0.1, -0.01, 0, 0.01, 0.1, 1])
        ax_g.set_yticklabels(["−1", "−0.1", "−0.01", "0", "0.01", "0.1", "1"])
        ax_g.yaxis.set_minor_locator(NullLocator())
        ax_g.set_ylabel(tr("{label}  (symmetric log scale)").format(label=tr(style.LABELS["dLdz"])))
        ax_g.set_title(tr("gradient per logit"))
        for ax in (ax_p, ax_g):
            ax.set_xlim(-0.6, k - 0.4)
            ax.set_xticks(x, [tr("label {j}").format(j=j) for j in range(k)])
        handles = [
            art["bars_sigmoid"],
            art["bars_softmax"],
            art["target_sigmoid"],
            ax_p.lines[-1],
        ]
        # one legend outside the axes: it never covers a bar
        fig.legend(
            handles=handles,
            labels=[
                tr("sigmoids: σ(z), p − y"),
                tr("softmax: q, q − y/Σy"),
                tr("target y | y/Σy"),
                tr("threshold 0.5"),
            ],
            loc="outside right upper",
            handlelength=1.6,
        )
        return art

    def _draw(self, art, r, params):
        x = np.arange(self.k)
        w = 0.38
        for bar, h in zip(art["bars_sigmoid"], r["sigmoid"], strict=True):
            bar.set_height(h)
        for bar, h in zip(art["bars_softmax"], r["softmax"], strict=True):
            bar.set_height(h)
        for name in ("sigmoid", "softmax"):
            for bar, g in zip(art[f"grad_{name}"], r[f"grad_{name}"], strict=True):
                bar.set_y(0.0)
                bar.set_height(float(g))
        art["target_sigmoid"].set_data(x - w / 2, r["y"])
        art["target_softmax"].set_data(x + w / 2, r["target_normalised"])
        return False

    def _readout(self, r, params):
        fmt = style.format_value
        ys = ", ".join(str(int(v)) for v in r["y"])
        ts = ", ".join(f"{v:.2f}" for v in r["target_normalised"])
        m = int(r["y"].sum())
        lines = [
            (tr("y = ({y}); softmax target y/Σy = ({t})").format(y=ys, t=ts), None),
            (tr("(normalised explicitly: softmax CE needs a distribution)"), _SOFT),
            (f"{'':3s}{'z':>6s}{'σ(z)':>7s}{'q':>7s}{'BCE':>7s}{'p−y':>8s}{'q−y/Σy':>8s}", None),
        ]
        for j in range(self.k):
            lines.append(
                (
                    f"{j:<3d}{r['z'][j]:>6.1f}{r['sigmoid'][j]:>7.3f}{r['softmax'][j]:>7.3f}"
                    f"{r['bce'][j]:>7.3f}{r['grad_sigmoid'][j]:>+8.3f}{r['grad_softmax'][j]:>+8.3f}",
                    None,
                )
            )
        lines += [
            (
                tr("BCE sum {sum}, mean {mean};  softmax CE {ce} (≥ ln {m} = {floor})").format(
                    sum=fmt(r["bce_sum"]),
                    mean=fmt(r["bce_mean"]),
                    ce=fmt(r["softmax_ce"]),
                    m=m,
                    floor=fmt(r["softmax_ce_floor"]),
                ),
                None,
            ),
            (
                tr("above 0.5: sigmoids {sigmoids}, softmax {softmax}").format(
                    sigmoids=_labels(r["on_sigmoid"]), softmax=_labels(r["on_softmax"])
                ),
                None,
            ),
        ]
        return lines

    def panel_title(self, params, setting):
        z = ", ".join(f"{params[f'z{j}']:g}" for j in range(self.k))
        return tr("z = ({z}), target ({target})").format(z=z, target=params["target"])


def _labels(idx):
    return "{" + ", ".join(str(j) for j in idx) + "}" if idx else tr("none")
