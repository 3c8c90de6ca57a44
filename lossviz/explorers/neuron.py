r"""NeuronTrainingExplorer: Nielsen's single sigmoid neuron trained with cross-entropy and with
the quadratic cost.

The experiment of Nielsen, *Neural Networks and Deep Learning*, ch. 3: one neuron
:math:`a = \sigma(w x + b)` with input :math:`x = 1` and target :math:`y = 0`, trained by
gradient descent from an initial weight :math:`w_0` and bias :math:`b_0` with the **same**
learning rate :math:`\eta` for both costs:

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

Speed: the three runs (cross-entropy, ½(a−y)², (a−y)²) are trained together by a scalar loop
in plain Python floats (about 1 µs per update, ≈ 60× faster than the array-based
:func:`lossviz.train.train_single_neuron`, whose numbers it reproduces to rounding — the tests
check that), cached per ``(w0, b0, η)`` and extended when more epochs are asked for, so the
epochs slider costs no training at all.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np

from .. import style
from ..activations import sigmoid
from ..losses import bce_with_logits
from ._base import BoolParam, Explorer, FloatParam, IntParam

__all__ = ["NeuronTrainingExplorer", "train_neuron_runs", "RUNS"]

#: The runs trained side by side: name -> (label, quadratic scale or None for cross-entropy).
RUNS = {
    "ce": ("cross-entropy", None),
    "quadratic": ("quadratic ½(a−y)²", 0.5),
    "mseloss": ("MSELoss (a−y)², no ½", 1.0),
}

_RUN_STYLE = {
    "ce": {"color": style.LOSS_COLORS["bce"], "linestyle": style.LOSS_STYLES["bce"]},
    "quadratic": {"color": style.LOSS_COLORS["mse"], "linestyle": style.LOSS_STYLES["mse"]},
    "mseloss": {"color": style.LOSS_COLORS["mse"], "linestyle": ":", "alpha": 0.85},
}

# Axis limits jump between a few steps (the smallest that holds the data), so that most slider
# moves only blit the curves and the axes are redrawn rarely.
_CE_YLIMS = (0.5, 1.0, 2.0, 5.0, 11.0)  # cross-entropy cost axis
_QUAD_YLIMS = (0.1, 0.25, 0.5, 1.0)  # quadratic cost axis
_EPOCH_XLIMS = (10, 20, 50, 100, 200, 300, 500, 1000)  # epoch axis
_CACHE_SIZE = 128
_cache: OrderedDict = OrderedDict()


def _sigmoid_float(z):
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _run(w, b, lr, x, y, n, scale, W, B):
    """Append ``n`` gradient-descent updates of one neuron to the lists ``W`` and ``B``.

    ``scale`` None: cross-entropy, dC/dz = a - y; else quadratic ``scale (a-y)^2``,
    dC/dz = 2 scale (a - y) a (1 - a).  Plain floats: ~1 µs per update.
    """
    sig = _sigmoid_float
    if scale is None:
        for _ in range(n):
            g = sig(w * x + b) - y
            w -= lr * x * g
            b -= lr * g
            W.append(w)
            B.append(b)
    else:
        two_s = 2.0 * scale
        for _ in range(n):
            a = sig(w * x + b)
            g = two_s * (a - y) * a * (1.0 - a)
            w -= lr * x * g
            b -= lr * g
            W.append(w)
            B.append(b)


def train_neuron_runs(w0, b0, lr, epochs, *, x=1.0, y=0.0):
    """Weights and biases of the three runs of :data:`RUNS` after 0..``epochs`` updates.

    Cached per ``(w0, b0, lr, x, y)``; a request for more epochs continues the cached runs
    (gradient descent is deterministic, so the result equals a fresh run).

    Returns
    -------
    dict
        ``name -> (W, B)``, float64 arrays of length ``epochs + 1`` (read-only views).

    Examples
    --------
    >>> runs = train_neuron_runs(0.6, 0.9, 0.15, 300)
    >>> W, B = runs["quadratic"]
    >>> W.shape, round(float(sigmoid(W[-1] + B[-1])), 3)
    ((301,), 0.094)
    """
    key = (float(w0), float(b0), float(lr), float(x), float(y))
    entry = _cache.get(key)
    if entry is None:
        entry = {name: ([key[0]], [key[1]]) for name in RUNS}
        _cache[key] = entry
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    have = len(entry["ce"][0]) - 1
    if epochs > have:
        for name, (_, scale) in RUNS.items():
            W, B = entry[name]
            _run(W[-1], B[-1], key[2], key[3], key[4], epochs - have, scale, W, B)
        # keep arrays alongside the lists for cheap slicing
        entry["_arrays"] = {
            name: (np.array(entry[name][0]), np.array(entry[name][1])) for name in RUNS
        }
    elif "_arrays" not in entry:
        entry["_arrays"] = {
            name: (np.array(entry[name][0]), np.array(entry[name][1])) for name in RUNS
        }
    out = {}
    for name, (W, B) in entry["_arrays"].items():
        w_v, b_v = W[: epochs + 1], B[: epochs + 1]
        w_v.flags.writeable = False
        b_v.flags.writeable = False
        out[name] = (w_v, b_v)
    return out


def _ladder(value, ladder, fill=1.0):
    """The smallest step of ``ladder`` with ``value <= fill * step`` (else the last step)."""
    for top in ladder:
        if value <= top * fill:
            return top
    return ladder[-1]


class NeuronTrainingExplorer(Explorer):
    r"""Nielsen's single neuron (input 1, target 0) trained with cross-entropy and with the
    quadratic cost.

    Controls: initial weight ``w0`` and bias ``b0`` (−5 to 5), learning rate ``lr`` (η, 0.01 to 3,
    the same for every cost), ``epochs`` (0 to 1000) and the checkbox ``show_mseloss`` (also show
    PyTorch's ``MSELoss`` (a−y)², without the ½).  Panels: the output a over the epochs (all
    runs), the quadratic cost ½(a−y)² and the cross-entropy cost over the epochs; beside them a
    readout of the start and final outputs and costs and the start gradients.

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
            "w0": FloatParam(-5.0, 5.0, 0.1, 0.6, label="initial w", readout_format=".1f"),
            "b0": FloatParam(-5.0, 5.0, 0.1, 0.9, label="initial b", readout_format=".1f"),
            "lr": FloatParam(0.01, 3.0, 0.01, 0.15, label="learning rate η"),
            "epochs": IntParam(0, 1000, 300, step=10, label="epochs"),
            "show_mseloss": BoolParam(False, label="also PyTorch MSELoss (no ½)"),
        }

    def compute(self, *, w0=0.6, b0=0.9, lr=0.15, epochs=300, x=1.0, y=0.0):
        r"""Train the neuron from ``(w0, b0)`` for ``epochs`` updates with each cost.

        Parameters
        ----------
        w0, b0 : float
            Initial weight and bias (finite).
        lr : float
            Learning rate η > 0, the same for every cost.
        epochs : int
            Number of updates (>= 0).
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
            (``inf`` when σ'(z0) underflows); the inputs ``w0, b0, lr, epochs, x, y``;
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
        if not 0.0 <= float(y) <= 1.0:
            raise ValueError(f"y must lie in [0, 1] (the target of a sigmoid neuron); found {y!r}.")
        if (
            isinstance(epochs, (bool, np.bool_))
            or not isinstance(epochs, (int, np.integer))
            or epochs < 0
        ):
            raise ValueError(f"epochs must be an integer >= 0; found {epochs!r}.")
        w0, b0, lr, x, y, epochs = float(w0), float(b0), float(lr), float(x), float(y), int(epochs)
        runs = train_neuron_runs(w0, b0, lr, epochs, x=x, y=y)
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
        ax_a.set_title("output a = σ(w·1 + b)")
        ax_a.set_ylabel("output a")
        ax_q.set_title("quadratic cost ½(a − y)²")
        ax_q.set_ylabel("cost")
        ax_c.set_title("cross-entropy cost")
        ax_c.set_ylabel("cost")
        for ax in (ax_a, ax_q, ax_c):
            ax.set_xlabel(style.LABELS["epoch"])
            ax.set_xlim(0, 300)
        ax_q.set_ylim(0, 0.5)
        ax_c.set_ylim(0, 2.0)
        art = {}
        for name in RUNS:
            kw = _RUN_STYLE[name]
            (art[f"out_{name}"],) = ax_a.plot([], [], label=RUNS[name][0], **kw)
        (art["cost_quadratic"],) = ax_q.plot(
            [], [], label=RUNS["quadratic"][0], **_RUN_STYLE["quadratic"]
        )
        (art["cost_mseloss"],) = ax_q.plot(
            [], [], label=RUNS["mseloss"][0], **_RUN_STYLE["mseloss"]
        )
        (art["cost_ce"],) = ax_c.plot([], [], label=RUNS["ce"][0], **_RUN_STYLE["ce"])
        for name in RUNS:
            (art[f"end_{name}"],) = ax_a.plot(
                [], [], "o", color=_RUN_STYLE[name]["color"], markersize=5
            )
        ax_a.axhline(0.0, color="0.5", lw=0.8)
        ax_c.legend(
            handles=[art["out_ce"], art["out_quadratic"], art["out_mseloss"]],
            loc="upper right",
            fontsize="small",
            handlelength=2.5,
        )
        return art

    def _draw(self, art, r, params):
        show_mse = bool(params.get("show_mseloss", False))
        epoch = r["epoch"]
        changed = False
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
            (f"η {r['lr']:.2f}, {r['epochs']} epochs", None),
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
        lines.append((f"start ∂C/∂z: ½(a−y)² {fv(r['slowdown'], 1)}× < CE", None))
        return lines

    def panel_title(self, params, setting):
        return (
            f"w₀ = {params['w0']:g}, b₀ = {params['b0']:g}, η = {params['lr']:g}, "
            f"{params['epochs']} epochs"
        )
