"""Demonstrations of the errata shown in chapters 04–07: gradients, softmax, multi-label, imbalance.

Each function is registered with its table row by :func:`~lossviz.errata.registry.erratum`.
"""

from __future__ import annotations

import timeit

import numpy as np

from ..activations import log_sigmoid, sigmoid, softmax
from ..data import make_imbalanced, make_multiclass_blobs
from ..gradients import (
    bce_with_logits_grad,
    mse_sigmoid_grad,
    numerical_grad,
    softmax_cross_entropy_grad,
)
from ..i18n import N_, tr
from ..information import cross_entropy
from ..losses import (
    bce,
    bce_with_logits,
    categorical_cross_entropy,
    softmax_cross_entropy,
)
from ..train import train_logistic_regression, train_softmax_regression
from ._util import _r
from .registry import erratum
from .sandbox import capture, source_function

__all__: list[str] = []  # nothing public: the demonstrations are reached through lossviz.errata


def _logreg_loss(w, x, y):
    return float(bce_with_logits(np.array([y]), np.array([w @ x])))


@erratum(
    "E19",
    source="002 §3.1",
    quote="$-y\\,\\partial\\sigma/\\partial w + (1-y)\\,\\partial\\sigma/\\partial w$",
    says=N_("The logistic-regression gradient keeps the factor σ'(z)."),
    truth=N_("∂L/∂z = ŷ − y, so ∂L/∂w = (ŷ − y)x and ∂L/∂b = ŷ − y: no σ', no saturation."),
    kind="formula",
    shown_in="04 §4; 09 §1",
)
def _logistic_gradient():
    x, y = np.array([1.0, 2.0]), 1.0
    rows = []
    for w in (np.array([0.3, -0.2]), np.array([-2.0, -2.0])):
        z = float(w @ x)
        s = float(sigmoid(z))
        source = (-y * s * (1 - s) + (1 - y) * s * (1 - s)) * x
        truth = (s - y) * x
        num = numerical_grad(lambda t: _logreg_loss(t, x, y), w)
        rows.append(
            (
                z,
                np.round(source, 4).tolist(),
                np.round(truth, 4).tolist(),
                np.round(num, 4).tolist(),
            )
        )
    z, s6, t6, n6 = rows[1]
    return (
        tr("at z = {z:g}: formula gives dL/dw = {grad} (vanishes as the neuron saturates)").format(
            z=z, grad=s6
        ),
        tr("(yhat - y) x = {grad} = numerical {numerical}").format(grad=t6, numerical=n6),
        {"rows": rows},
    )


@erratum(
    "E20",
    source="003 §3.2",
    quote="「是凸函数，具有全局最小值」",
    says=N_("Cross-entropy is convex and has a global minimum, so optimisation is stable."),
    truth=N_(
        "Convex in the logits (so in the weights of logistic/softmax regression), not in a "
        "network's weights; on separable data no minimiser exists."
    ),
    kind="claim",
    shown_in="04 §6; 11 §3",
    also="003 §6.1",
)
def _convexity():
    x, y = np.array([-1.0, 1.0]), np.array([0.0, 1.0])

    def loss(w, v):
        return float(bce_with_logits(y, v * np.tanh(w * x)))

    la, lb, lm = _r(loss(2.0, 3.0)), _r(loss(-2.0, -3.0)), _r(loss(0.0, 0.0))
    margin = (2 * y - 1) * x  # > 0 for both points: the data are separable
    sep = [float(-np.mean(log_sigmoid(t * margin))) for t in (1, 10, 100)]
    return (
        tr("cross-entropy is convex and has a global minimum"),
        tr(
            "a tanh unit: L(2, 3) = {la} = L(-2, -3) = {lb} but the midpoint costs {lm} (not "
            "convex); separable data: loss {l1:.3g}, {l10:.3g}, {l100:.3g} at w = 1, 10, 100 (no "
            "minimiser)"
        ).format(la=la, lb=lb, lm=lm, l1=sep[0], l10=sep[1], l100=sep[2]),
        {"L(a)": la, "L(b)": lb, "L(mid)": lm, "separable": [float(f"{v:.3g}") for v in sep]},
    )


@erratum(
    "E21",
    source="000 §8.1",
    quote="「惩罚力度更大」",
    says=N_("CE converges faster because it punishes wrong probabilities harder."),
    truth=N_(
        "Scaling a loss only rescales the learning rate; CE's gradient at the logit, p − y, "
        "lacks MSE's factor 2p(1 − p)."
    ),
    kind="misleading",
    shown_in="04 §4; 11 §1",
    also="000 §2.1.3, §7.1",
)
def _harder_punishment():
    z = np.array([0.0, -2.0, -6.0])
    y = np.ones(3)
    ratio = bce_with_logits_grad(y, z) / mse_sigmoid_grad(y, z)
    r = [_r(v, 1) for v in ratio]
    return (
        tr("cross-entropy converges faster because it punishes harder"),
        tr(
            "it is the gradient at the logit: dBCE/dz / dMSE/dz = 1/(2p(1-p)) = {r0}, {r1}, {r2} "
            "at z = 0, -2, -6 (y = 1)"
        ).format(r0=r[0], r1=r[1], r2=r[2]),
        {"z": z.tolist(), "ratio": r},
    )


@erratum(
    "E22",
    source="003 §5.2",
    quote="「可能会导致梯度消失或梯度爆炸」",
    says=N_("Cross-entropy may cause vanishing or exploding gradients."),
    truth=N_(
        "Its gradient at a sigmoid/softmax logit, p − y, lies in [−1, 1]; vanishing/exploding "
        "gradients come from depth."
    ),
    kind="misleading",
    shown_in="04 §7; 05 §6",
)
def _ce_gradients_bounded():
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    g = bce_with_logits_grad(np.ones(5), z)
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-z))
        naive = -1 / p * p * (1 - p)
    shown = (np.round(g, 4) + 0.0).tolist()  # + 0.0 turns -0.0 (p - 1 = -9e-14 at z = 30) into 0.0
    return (
        tr("cross-entropy may cause vanishing or exploding gradients"),
        tr(
            "dCE/dz = p - y stays in [-1, 1]: {grad} for z = {z}; only a naive -1/p * p(1-p) "
            "breaks: {naive} at z = {z0:g}"
        ).format(grad=shown, z=z.tolist(), naive=naive[0], z0=z[0]),
        {"grad": shown, "naive_first": float(naive[0])},
    )


@erratum(
    "E23",
    source="002 §3.2",
    quote="$-y_i\\hat y_i + (1-y_i)\\delta_{i,y}\\hat y_i$",
    says=N_("The softmax-regression gradient; ∂L/∂w_i and ∂L/∂b_i given the same expression."),
    truth=N_("∂L/∂z_i = ŷ_i − y_i (p − onehot), ∂L/∂w_i = (ŷ_i − y_i)x, ∂L/∂b_i = ŷ_i − y_i."),
    kind="formula",
    shown_in="05 §3; 09 §2",
)
def _softmax_gradient():
    z = np.array([[2.0, 1.0, 0.1]])
    y = np.array([1.0, 0.0, 0.0])
    p = softmax(z)[0]
    source = -y * p + (1 - y) * y * p  # delta_{i,y} = y_i for a one-hot y
    truth = softmax_cross_entropy_grad(np.array([0]), z)[0]
    num = numerical_grad(lambda t: softmax_cross_entropy(np.array([0]), t, reduction="sum"), z)[0]
    return (
        tr("dL/dz from the formula: {grad} (wrong classes never pushed down)").format(
            grad=np.round(source, 4).tolist()
        ),
        tr("p - onehot = {grad} = numerical {numerical}").format(
            grad=np.round(truth, 4).tolist(), numerical=np.round(num, 4).tolist()
        ),
        {"source": np.round(source, 4).tolist(), "p_minus_y": np.round(truth, 4).tolist()},
    )


@erratum(
    "E24",
    source="000 §5.2",
    quote="「预测的概率分布」",
    says=N_("The outputs given to CrossEntropyLoss are the predicted probability distribution."),
    truth=N_(
        "They are logits; CrossEntropyLoss applies log-softmax itself. A softmax before it "
        "('double softmax') changes the loss."
    ),
    kind="misleading",
    shown_in="05 §5",
)
def _logits_not_probabilities():
    z = np.array([[5.0, -5.0], [-1.2, 3.4]])
    y = np.array([0, 1])
    good = softmax_cross_entropy(y, z)
    double = softmax_cross_entropy(y, softmax(z))
    return (
        tr("the outputs of nn.Linear are called a predicted probability distribution"),
        tr(
            "they are logits (row sums {sums}): CrossEntropyLoss on them = {good:.5f}; "
            "softmax first ('double softmax') = {double:.5f}"
        ).format(sums=z.sum(1).tolist(), good=good, double=double),
        {
            "row_sums": z.sum(1).tolist(),
            "ce_logits": _r(good, 5),
            "ce_double_softmax": _r(double, 5),
        },
    )


def _xlogy(a, b):
    """``a * log(b)`` with ``0 * log(anything) = 0``, as ``scipy.special.xlogy``."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    safe = np.where(a == 0, 1.0, b)
    with np.errstate(divide="ignore"):
        return np.where(a == 0, 0.0, a * np.log(safe))


@erratum(
    "E25",
    source="002 §4.2",
    quote="`np.exp(z)`, `np.log(1 - y_hat)`",
    says=N_(
        "Softmax computed as exp(z) / Σ exp(z), and the loss as the log of the probabilities "
        "sigmoid/softmax return."
    ),
    truth=N_(
        "exp overflows to inf/NaN for large logits: subtract the maximum first (softmax is "
        "shift-invariant). Once σ(z) rounds to 0 or 1, log gives −inf and 0·log 0 gives NaN: xlogy "
        "removes the NaN, and only log-probabilities computed from the logits (log-sigmoid, "
        "log-softmax, BCEWithLogits) are right."
    ),
    kind="code",
    shown_in="05 §6; 09 §3.1, §3.2",
    also="002 §4.1, 004 §4.2",
)
def _naive_softmax_and_log():
    z = np.array([1000.0, 0.0, -1000.0])
    naive, _ = capture(source_function("002 §4.2", "softmax"), z)
    stable = softmax(z)
    # 002 §4.1: cross_entropy_loss(y, sigmoid(z)) for three single samples
    y, zs = np.array([1.0, 0.0, 1.0]), np.array([40.0, 40.0, -800.0])
    sig, ce = (
        source_function("002 §4.1", "sigmoid"),
        source_function("002 §4.1", "cross_entropy_loss"),
    )
    p = np.array([capture(sig, v)[0] for v in zs])
    src = [float(capture(ce, y[i : i + 1], p[i : i + 1])[0]) for i in range(3)]
    xlogy = [float(-(_xlogy(y[i], p[i]) + _xlogy(1 - y[i], 1 - p[i]))) + 0.0 for i in range(3)]
    exact = bce_with_logits(y, zs, reduction="none")  # -[y log_sigmoid(z) + (1-y) log_sigmoid(-z)]
    exact_shown = [float(f"{v:.3g}") for v in exact]
    return (
        tr(
            "the sources' softmax of [1000, 0, -1000] = {naive}; their "
            "cross_entropy_loss(y, sigmoid(z)) at (y, z) = (1, 40), (0, 40), (1, -800) = {loss}"
        ).format(naive=naive.tolist(), loss=src),
        tr(
            "softmax minus the max first: {stable}; with xlogy (0 log 0 = 0): {xlogy}; "
            "from the logit with log-sigmoid: {exact}"
        ).format(stable=stable.tolist(), xlogy=xlogy, exact=exact_shown),
        {
            "naive": naive.tolist(),
            "stable": stable.tolist(),
            "sigmoid_rounded": p.tolist(),
            "source_loss": src,
            "xlogy_loss": xlogy,
            "log_sigmoid_loss": exact.tolist(),
        },
    )


@erratum(
    "E26",
    source="003 §3.1",
    quote="$-\\sum_c[y_c\\log\\hat y_c + (1-y_c)\\log(1-\\hat y_c)]$",
    says=N_("The multi-class log loss has (1 − y_c) terms and equals −Σ y_c log ŷ_c."),
    truth=N_(
        "That is the multi-label loss (independent sigmoids); the multi-class loss is −Σ y_c "
        "log ŷ_c. The two differ."
    ),
    kind="formula",
    shown_in="06 §5",
)
def _log_loss_with_1_minus_y():
    y = np.array([0.0, 1.0, 0.0])
    q = np.array([0.2, 0.7, 0.1])
    ml = bce(y, q, reduction="sum")
    mc = categorical_cross_entropy(y[None], q[None])
    return (
        tr(
            "'log loss' with (1 - y_c) terms on y = [0, 1, 0], yhat = [0.2, 0.7, 0.1]: {loss:.4f}"
        ).format(loss=ml),
        tr(
            "multi-class cross-entropy -sum y log yhat = {loss:.4f} (the (1 - y_c) form is the "
            "multi-label loss)"
        ).format(loss=mc),
        {"with_1_minus_y": _r(ml), "multiclass": _r(mc)},
    )


@erratum(
    "E27",
    source="003 §3.1",
    quote="$H(y||p)$, $p_c = y_c$",
    says=N_("The loss is H(y‖p) with p the true distribution, p_c = y_c."),
    truth=N_("The target is compared with itself; the loss is H(y, ŷ) = −Σ y_c log ŷ_c."),
    kind="formula",
    shown_in="06 §5",
)
def _h_y_p():
    y = np.array([0.0, 1.0, 0.0])
    as_written = float(cross_entropy(y, y))
    right = _r(cross_entropy(y, [0.2, 0.7, 0.1]))
    return (
        tr(
            "H(y||p) with p_c = y_c compares the target with itself: {loss} whatever the model "
            "predicts"
        ).format(loss=as_written),
        tr("H(y, yhat) = -sum y log yhat = {loss} for yhat = [0.2, 0.7, 0.1]").format(loss=right),
        {"as_written": as_written, "H(y,yhat)": right},
    )


@erratum(
    "E28",
    source="003 §3.2",
    quote="$\\partial L/\\partial\\hat y_c = 1/(1-\\hat y_c)$",
    says=N_("For y_c = 0 the derivative of the cross-entropy is 1/(1 − ŷ_c)."),
    truth=N_(
        "True for the multi-label loss only; for −Σ y log ŷ it is 0 (wrong classes are pushed "
        "down through the softmax)."
    ),
    kind="formula",
    shown_in="06 §5",
)
def _derivative_wrong_class():
    y = np.array([0.0, 1.0, 0.0])
    q = np.array([0.2, 0.7, 0.1])
    ml = numerical_grad(lambda t: bce(y, t, reduction="sum"), q)
    mc = numerical_grad(lambda t: float(-np.sum(y * np.log(t))), q)
    return (
        tr("dL/dyhat_c = 1/(1 - yhat_c) for y_c = 0: true for the multi-label loss {grad}").format(
            grad=np.round(ml, 4).tolist()
        ),
        tr("for -sum y log yhat it is 0 when y_c = 0: {grad}").format(
            grad=np.round(mc, 4).tolist()
        ),
        {"multilabel": np.round(ml, 4).tolist(), "categorical": np.round(mc, 4).tolist()},
    )


def _best_time(func, number=3, repeat=5):
    """Seconds per call: the best of ``repeat`` timings of ``number`` calls (timeit)."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


@erratum(
    "E29",
    source="004 §3.3",
    quote="「计算复杂度较高」",
    says=N_("Multi-label cross-entropy has a higher computational complexity."),
    truth=N_(
        "Both it and softmax cross-entropy are O(n·m): one transcendental function per logit; "
        "timed on the same logits they cost about the same."
    ),
    kind="claim",
    shown_in="06 §2",
)
def _multilabel_complexity():
    n, m = 20000, 20
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(n, m))
    Y = (rng.random((n, m)) < 0.2).astype(float)  # multi-label targets
    labels = rng.integers(0, m, n)  # one class per row
    t_ml = _best_time(lambda: bce_with_logits(Y, Z))
    t_sm = _best_time(lambda: softmax_cross_entropy(labels, Z))
    ratio = t_ml / t_sm
    return (
        tr("multi-label cross-entropy has a higher computational complexity"),
        tr(
            "timed on the same {n} x {m} logits (timeit, best of 5): multi-label BCE "
            "{ms_multilabel:.2f} ms, softmax CE {ms_softmax:.2f} ms, ratio {ratio:.2f}; both "
            "O(n m): {logsigmoids} log-sigmoids against {exps} exps + {logs} logs"
        ).format(
            n=n,
            m=m,
            ms_multilabel=t_ml * 1e3,
            ms_softmax=t_sm * 1e3,
            ratio=ratio,
            logsigmoids=n * m,
            exps=n * m,
            logs=n,
        ),
        {
            "multilabel_seconds": t_ml,
            "softmax_seconds": t_sm,
            "ratio": round(ratio, 2),
            "multilabel_ops": n * m,
            "softmax_ce_ops": n * m + n,
        },
    )


@erratum(
    "E30",
    source="000 §8.2",
    quote="「容易受到数据不平衡的影响」",
    says=N_("Sensitivity to class imbalance is a drawback of cross-entropy."),
    truth=N_(
        "Any averaged loss (MSE too) is dominated by the majority class; the remedies apply to "
        "every loss."
    ),
    kind="misleading",
    shown_in="07 §2; 11 §3",
    also="004 §3.2",
)
def _imbalance_any_loss():
    X, y = make_imbalanced(1000, ratio=50, seed=0)
    Xt, yt = make_imbalanced(10000, ratio=50, seed=1)
    freq = _r(np.mean(y == 0), 3)
    rows = {}
    for loss, lr, grad in (("bce", 0.5, bce_with_logits_grad), ("mse", 2.0, mse_sigmoid_grad)):
        fit = train_logistic_regression(X, y, loss=loss, lr=lr, epochs=2000)
        g = grad(y.astype(float), X @ fit.weights + fit.bias)
        share = _r(np.abs(g[y == 0]).sum() / np.abs(g).sum(), 3)
        recall = _r(np.mean(fit.predict(Xt)[yt == 1] == 1), 3)
        rows[loss] = (share, recall)
    return (
        tr("sensitivity to imbalance is cross-entropy's drawback"),
        tr(
            "1000 : 20, trained to convergence: the majority ({freq} of the points) gives "
            "{share_bce} (BCE) and {share_mse} (MSE) of the gradient's size, and the held-out "
            "minority recall is {recall_bce} (BCE) and {recall_mse} (MSE) — MSE suffers the same"
        ).format(
            freq=freq,
            share_bce=rows["bce"][0],
            share_mse=rows["mse"][0],
            recall_bce=rows["bce"][1],
            recall_mse=rows["mse"][1],
        ),
        {
            "majority_fraction": freq,
            "share_bce": rows["bce"][0],
            "share_mse": rows["mse"][0],
            "recall_bce": rows["bce"][1],
            "recall_mse": rows["mse"][1],
        },
    )


@erratum(
    "E49",
    source="000 §2.1.3",
    quote="「特别是二分类问题」",
    says=N_("Cross-entropy is used for classification, mainly for binary classification."),
    truth=N_(
        "Softmax cross-entropy is the standard multiclass loss (PyTorch's CrossEntropyLoss, "
        "used by 000 §5.1 itself); binary cross-entropy is its K = 2 case."
    ),
    kind="claim",
    shown_in="05 §3",
    also="000 §8.1",
)
def _multiclass_standard():
    rng = np.random.default_rng(0)
    z2, y2 = rng.normal(scale=3.0, size=(1000, 2)), rng.integers(0, 2, 1000)
    two = softmax_cross_entropy(y2, z2, reduction="none")
    binary = bce_with_logits(y2.astype(float), z2[:, 1] - z2[:, 0], reduction="none")
    gap = float(np.abs(two - binary).max())
    X, y = make_multiclass_blobs(100, 5, separation=4.0, seed=0)
    Xt, yt = make_multiclass_blobs(400, 5, separation=4.0, seed=1)
    fit = train_softmax_regression(X, y, lr=0.5, epochs=300)
    acc = _r(np.mean(fit.predict(Xt) == yt), 3)
    return (
        tr("cross-entropy is 'mainly for binary classification'"),
        tr(
            "softmax CE on 2 logits = BCE on their difference (largest gap {gap:.1e} over 1000 "
            "samples); trained with it on 5 classes, held-out accuracy {acc} (chance 0.2)"
        ).format(gap=gap, acc=acc),
        {"k2_gap": gap, "five_class_accuracy": acc},
    )
