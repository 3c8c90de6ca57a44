r"""NeuronTrainingExplorer: Nielsen's single sigmoid neuron trained with cross-entropy and with
the quadratic cost.

The experiment of Nielsen, *Neural Networks and Deep Learning*, ch. 3: one neuron
:math:`a = \sigma(w x + b)` with input :math:`x = 1` and target :math:`y = 0`, trained by
gradient descent from an initial weight :math:`w_0` and bias :math:`b_0`, each cost with its own
learning rate (equal by default, a like-for-like comparison; Nielsen's cross-entropy runs used
:math:`\eta = 0.005`, at which cross-entropy ends at about 0.42 and 0.78):

.. math::
    C_\mathrm{CE} = -[y \ln a + (1 - y) \ln(1 - a)], \qquad
    \frac{\partial C_\mathrm{CE}}{\partial z} = a - y;

    C_\mathrm{quad} = \tfrac12 (a - y)^2 \ \text{(Nielsen's quadratic cost)}, \qquad
    \frac{\partial C_\mathrm{quad}}{\partial z} = (a - y)\,\sigma'(z).

The factor :math:`\sigma'(z) = a(1 - a)` makes the quadratic cost learn slowly when the neuron
starts badly wrong (:math:`a \approx 1`): at :math:`\eta = 0.15` and 300 epochs it takes
:math:`w = 0.6, b = 0.9` to an output of about 0.09 and :math:`w = b = 2` to about 0.20, while
cross-entropy reaches about 0.012 from both.  PyTorch's ``MSELoss`` has no ½ (the package's
:func:`lossviz.mse`): its gradient is twice as large, exactly as if :math:`\eta` were doubled
(outputs ≈ 0.061 and ≈ 0.078) — shown on request, labelled.

Speed: the three runs (cross-entropy, ½(a−y)², (a−y)²) are trained by
:func:`lossviz.surface.train_neuron_runs`, a scalar loop in plain Python floats (about 1 µs per
update, ≈ 60× faster than the array-based :func:`lossviz.train.train_single_neuron`, whose
numbers it reproduces to rounding — the tests check that), cached per run and rate and extended
when more epochs are asked for, so the epochs slider costs no training at all.
"""

from __future__ import annotations

import math

import numpy as np

from .. import style
from .. import surface as _surface
from ..activations import sigmoid
from ..i18n import N_, tr
from ..losses import bce_with_logits
from ..surface import RUNS, train_neuron_runs
from ._base import BoolParam, Explorer, FloatParam, IntParam
from ._params import SelectionParam

__all__ = ["NeuronTrainingExplorer", "train_neuron_runs", "RUNS", "LEARNING_RATES"]

_RUN_STYLE = {
    "ce": {"color": style.LOSS_COLORS["bce"], "linestyle": style.LOSS_STYLES["bce"]},
    "quadratic": {"color": style.LOSS_COLORS["mse"], "linestyle": style.LOSS_STYLES["mse"]},
    "mseloss": {"color": style.LOSS_COLORS["mse"], "linestyle": ":", "alpha": 0.85},
}

#: The learning-rate sliders' values (log-spaced, down to Nielsen's 0.005 for cross-entropy).
LEARNING_RATES = (
    0.005,
    0.0075,
    0.01,
    0.015,
    0.02,
    0.03,
    0.05,
    0.075,
    0.1,
    0.15,
    0.2,
    0.3,
    0.5,
    0.75,
    1.0,
    1.5,
    2.0,
    3.0,
)

#: The runs' names (:data:`lossviz.surface.RUNS`), marked for the catalogue: shown through ``tr``.
_RUN_NAMES = (N_("cross-entropy"), N_("quadratic ½(a−y)²"), N_("MSELoss (a−y)², no ½"))

# Axis limits jump between a few steps (the smallest that holds the data), so that most slider
# moves only blit the curves and the axes are redrawn rarely.
_CE_YLIMS = (0.5, 1.0, 2.0, 5.0, 11.0)  # cross-entropy cost axis
_QUAD_YLIMS = (0.1, 0.25, 0.5, 1.0)  # quadratic cost axis
_EPOCH_XLIMS = (10, 20, 50, 100, 200, 300, 500, 1000)  # epoch axis
# the training cache lives with the training code (lossviz.surface); this name is kept for the
# benchmarks, which empty it to time trainings from scratch
_cache = _surface._neuron_cache


def _ladder(value, ladder, fill=1.0):
    """The smallest step of ``ladder`` with ``value <= fill * step`` (else the last step)."""
    for top in ladder:
        if value <= top * fill:
            return top
    return ladder[-1]


class NeuronTrainingExplorer(Explorer):
    r"""Nielsen's single neuron (input 1, target 0) trained with cross-entropy and with the
    quadratic cost.

    Controls: initial weight ``w0`` and bias ``b0`` (−5 to 5), a learning rate per cost, each
    log-spaced from 0.005 to 3 (``lr`` for the quadratic costs, ``lr_ce`` for cross-entropy:
    equal rates compare like for like, ``lr_ce=0.005`` is Nielsen's setting), ``epochs`` (0 to
    1000) and the checkbox ``show_mseloss`` (also show PyTorch's ``MSELoss`` (a−y)², without the
    ½).  Panels: the output a over the epochs (all runs), the quadratic cost ½(a−y)² and the
    cross-entropy cost over the epochs; beside them a readout of the start and final outputs and
    costs and the start gradients.

    The quadratic cost is Nielsen's :math:`C = \tfrac12 (a - y)^2`; ``MSELoss`` (no ½) doubles
    its gradient, which is the same as doubling η.

    Parameters
    ----------
    lecture : bool, optional
        Larger rendering for a lecture hall.
    **params
        Initial control values, e.g. ``w0=2.0, b0=2.0``.

    Examples
    --------
    >>> ex = NeuronTrainingExplorer()
    >>> r = ex.compute(w0=0.6, b0=0.9, lr=0.15, epochs=300)
    >>> round(r["start_output"], 2), round(r["final_output"]["quadratic"], 2)
    (0.82, 0.09)
    >>> r = ex.compute(w0=2.0, b0=2.0, lr=0.15, epochs=300)
    >>> round(r["final_output"]["quadratic"], 2), round(r["final_output"]["ce"], 3)
    (0.2, 0.012)
    >>> round(r["final_output"]["mseloss"], 3)          # PyTorch's MSELoss: no ½
    0.078
    """

    figsize = (10.5, 3.7)

    def param_spec(self):
        return {
            "w0": FloatParam(-5.0, 5.0, 0.1, 0.6, label=tr("initial w"), readout_format=".1f"),
            "b0": FloatParam(-5.0, 5.0, 0.1, 0.9, label=tr("initial b"), readout_format=".1f"),
            "lr": SelectionParam(list(LEARNING_RATES), 0.15, label=tr("η quadratic costs")),
            "lr_ce": SelectionParam(list(LEARNING_RATES), 0.15, label=tr("η cross-entropy")),
            "epochs": IntParam(0, 1000, 300, step=10, label=tr("epochs")),
            "show_mseloss": BoolParam(False, label=tr("also PyTorch MSELoss (no ½)")),
        }

    def compute(self, *, w0=0.6, b0=0.9, lr=0.15, epochs=300, lr_ce=None, x=1.0, y=0.0):
        r"""Train the neuron from ``(w0, b0)`` for ``epochs`` updates with each cost.

        Parameters
        ----------
        w0, b0 : float
            Initial weight and bias (finite).
        lr : float
            Learning rate η > 0 of the quadratic costs (and of cross-entropy unless ``lr_ce``).
        epochs : int
            Number of updates (>= 0).
        lr_ce : float, optional
            Learning rate of cross-entropy (> 0); default ``lr`` (like for like).  Nielsen's
            cross-entropy runs used 0.005.
        x, y : float, default 1.0 and 0.0
            Input and target (Nielsen's experiment: 1 and 0).

        Returns
        -------
        dict
            ``epoch`` (0..epochs); for each run name in ``("ce", "quadratic", "mseloss")``:
            ``output[name]``, ``cost[name]``, ``w[name]``, ``b[name]`` (arrays of length
            ``epochs + 1``) and ``final_output[name]``, ``final_cost[name]``, ``final_w[name]``,
            ``final_b[name]`` (floats); ``start_output`` σ(w0 x + b0); ``start_grad_z``:
            ∂C/∂z at the start for each run (a − y, (a − y)σ'(z), 2(a − y)σ'(z));
            ``slowdown``: ``start_grad_z["ce"] / start_grad_z["quadratic"]`` = 1/σ'(z0)
            (``inf`` when σ'(z0) underflows); the inputs ``w0, b0, lr, lr_ce, epochs, x, y``;
            ``labels``: the display name of each run.
        """
        for name, v in (("w0", w0), ("b0", b0), ("lr", lr), ("x", x), ("y", y)):
            if isinstance(v, (bool, np.bool_)) or not isinstance(
                v, (int, float, np.integer, np.floating)
            ):
                raise TypeError(f"{name} must be a real number; found {type(v).__name__} {v!r}.")
            if not math.isfinite(float(v)):
                raise ValueError(f"{name} must be finite; found {v!r}.")
        if not float(lr) > 0:
            raise ValueError(f"lr must be > 0; found {lr!r}. Use a learning rate such as lr=0.15.")
        lr_ce = float(lr) if lr_ce is None else lr_ce
        if isinstance(lr_ce, (bool, np.bool_)) or not isinstance(
            lr_ce, (int, float, np.integer, np.floating)
        ):
            raise TypeError(f"lr_ce must be a real number; found {type(lr_ce).__name__}.")
        if not (math.isfinite(float(lr_ce)) and float(lr_ce) > 0):
            raise ValueError(
                f"lr_ce must be a finite number > 0; found {lr_ce!r}. Use e.g. lr_ce=0.005."
            )
        if not 0.0 <= float(y) <= 1.0:
            raise ValueError(f"y must lie in [0, 1] (the target of a sigmoid neuron); found {y!r}.")
        if (
            isinstance(epochs, (bool, np.bool_))
            or not isinstance(epochs, (int, np.integer))
            or epochs < 0
        ):
            raise ValueError(f"epochs must be an integer >= 0; found {epochs!r}.")
        w0, b0, lr, x, y, epochs = float(w0), float(b0), float(lr), float(x), float(y), int(epochs)
        lr_ce = float(lr_ce)
        runs = train_neuron_runs(w0, b0, lr, epochs, lr_ce=lr_ce, x=x, y=y)
        out = {
            "output": {},
            "cost": {},
            "w": {},
            "b": {},
            "final_output": {},
            "final_cost": {},
            "final_w": {},
            "final_b": {},
        }
        for name, (W, B) in runs.items():
            Z = W * x + B
            a = sigmoid(Z)
            Y = np.full(Z.shape, y)
            scale = RUNS[name][1]
            if scale is None:
                cost = bce_with_logits(Y, Z, reduction="none")  # stable: no log(0) for a -> 1
            else:
                cost = scale * (a - y) ** 2
            out["output"][name] = a
            out["cost"][name] = cost
            out["w"][name] = W
            out["b"][name] = B
            out["final_output"][name] = float(a[-1])
            out["final_cost"][name] = float(cost[-1])
            out["final_w"][name] = float(W[-1])
            out["final_b"][name] = float(B[-1])
        z0 = w0 * x + b0
        a0 = float(sigmoid(z0))
        dsig = a0 * (1.0 - a0)
        grads = {"ce": a0 - y, "quadratic": (a0 - y) * dsig, "mseloss": 2.0 * (a0 - y) * dsig}
        if grads["quadratic"] != 0.0:
            slowdown = abs(grads["ce"] / grads["quadratic"])
        else:
            slowdown = math.inf if grads["ce"] != 0.0 else 1.0
        out.update(
            {
                "epoch": np.arange(epochs + 1),
                "start_output": a0,
                "start_grad_z": grads,
                "slowdown": slowdown,
                "labels": {name: label for name, (label, _) in RUNS.items()},
                "w0": w0,
                "b0": b0,
                "lr": lr,
                "lr_ce": lr_ce,
                "epochs": epochs,
                "x": x,
                "y": y,
            }
        )
        return out

    # ---------------------------------------------------------------- figure
    def _build(self, fig, params):
        ax_a, ax_q, ax_c = fig.subplots(1, 3)
        ax_a.set_ylim(-0.02, 1.02)
        ax_a.set_title(tr("output a = σ(w·1 + b)"))
        ax_a.set_ylabel(tr("output a"))
        ax_q.set_title(tr("quadratic cost ½(a − y)²"))
        ax_q.set_ylabel(tr("cost"))
        ax_c.set_title(tr("cross-entropy cost"))
        ax_c.set_ylabel(tr("cost"))
        for ax in (ax_a, ax_q, ax_c):
            ax.set_xlabel(tr(style.LABELS["epoch"]))
            ax.set_xlim(0, 300)
        ax_q.set_ylim(0, 0.5)
        ax_c.set_ylim(0, 2.0)
        art = {}
        for name in RUNS:
            kw = _RUN_STYLE[name]
            (art[f"out_{name}"],) = ax_a.plot([], [], label=tr(RUNS[name][0]), **kw)
        (art["cost_quadratic"],) = ax_q.plot(
            [], [], label=tr(RUNS["quadratic"][0]), **_RUN_STYLE["quadratic"]
        )
        (art["cost_mseloss"],) = ax_q.plot(
            [], [], label=tr(RUNS["mseloss"][0]), **_RUN_STYLE["mseloss"]
        )
        (art["cost_ce"],) = ax_c.plot([], [], label=tr(RUNS["ce"][0]), **_RUN_STYLE["ce"])
        for name in RUNS:
            (art[f"end_{name}"],) = ax_a.plot(
                [], [], "o", color=_RUN_STYLE[name]["color"], markersize=5
            )
        ax_a.axhline(0.0, color="0.5", lw=0.8)
        # two legends, with and without MSELoss; the checkbox shows one (a legend never names a
        # curve that is not drawn)
        legends = {}
        for key, names in (("on", ("ce", "quadratic", "mseloss")), ("off", ("ce", "quadratic"))):
            legends[key] = ax_c.legend(
                handles=[art[f"out_{n}"] for n in names], loc="upper right", handlelength=2.5
            )
            ax_c.add_artist(legends[key])
        art["_legends"] = legends
        show = bool(params.get("show_mseloss", False))
        legends["on"].set_visible(show)
        legends["off"].set_visible(not show)
        return art

    def _draw(self, art, r, params):
        show_mse = bool(params.get("show_mseloss", False))
        epoch = r["epoch"]
        changed = False
        legends = art["_legends"]
        if legends["on"].get_visible() != show_mse:
            legends["on"].set_visible(show_mse)
            legends["off"].set_visible(not show_mse)
            changed = True
        # x-limits follow the epochs slider; y-limits of the cost panels only jump between a few
        # steps
        xmax = _ladder(r["epochs"], _EPOCH_XLIMS)
        ax_a = art["out_ce"].axes
        ax_q = art["cost_quadratic"].axes
        ax_c = art["cost_ce"].axes
        for ax in (ax_a, ax_q, ax_c):
            if ax.get_xlim() != (0.0, float(xmax)):
                ax.set_xlim(0.0, float(xmax))
                changed = True
        qtop = _ladder(
            float(r["cost"]["mseloss" if show_mse else "quadratic"][0]), _QUAD_YLIMS, 0.97
        )
        ctop = _ladder(float(r["cost"]["ce"][0]), _CE_YLIMS, 0.97)
        for ax, top in ((ax_q, qtop * 1.02), (ax_c, ctop * 1.02)):
            if ax.get_ylim() != (0.0, top):
                ax.set_ylim(0.0, top)
                changed = True
        for name in RUNS:
            on = show_mse or name != "mseloss"
            art[f"out_{name}"].set_data(epoch, r["output"][name])
            art[f"out_{name}"].set_visible(on)
            art[f"end_{name}"].set_data([epoch[-1]], [r["final_output"][name]])
            art[f"end_{name}"].set_visible(on)
            art[f"cost_{name}"].set_data(epoch, r["cost"][name])
            art[f"cost_{name}"].set_visible(on)
        return changed

    def _readout(self, r, params):
        fv = style.format_value
        show_mse = bool(params.get("show_mseloss", False))
        lines = [
            (f"w₀ {r['w0']:.2f}  b₀ {r['b0']:.2f}  a₀ {fv(r['start_output'])}", None),
            (
                tr("η: CE {lr_ce:g}, quadratic {lr:g}; {epochs} epochs").format(
                    lr_ce=r["lr_ce"], lr=r["lr"], epochs=r["epochs"]
                ),
                None,
            ),
        ]
        short = {"ce": "CE", "quadratic": "½(a−y)²", "mseloss": "(a−y)²"}
        for name in RUNS:
            if name == "mseloss" and not show_mse:
                continue
            lines.append(
                (
                    f"{short[name]:8s} a {fv(r['final_output'][name])}  "
                    f"C {fv(r['final_cost'][name])}",
                    _RUN_STYLE[name]["color"],
                )
            )
        lines.append((tr("at the start, ∂C/∂z of cross-entropy"), None))
        ratio = fv(r["slowdown"], 1)
        lines.append((tr("  is {ratio} × that of ½(a−y)²").format(ratio=ratio), None))
        return lines

    def panel_title(self, params, setting):
        if params["lr_ce"] == params["lr"]:
            rate = f"η = {params['lr']:g}"
        else:
            rate = f"η_CE = {params['lr_ce']:g}, η_quad = {params['lr']:g}"
        return tr("w₀ = {w0:g}, b₀ = {b0:g}, {rate}, {epochs} epochs").format(
            w0=params["w0"], b0=params["b0"], rate=rate, epochs=params["epochs"]
        )
