"""Demonstrations of the errata shown in chapters 08–11: regression, the sources' code, penalties.

Each function is registered with its table row by :func:`~lossviz.errata.registry.erratum`.
"""

from __future__ import annotations

import difflib

import numpy as np

from ..activations import softmax
from ..data import make_blobs_binary
from ..gradients import (
    bce_with_logits_grad,
    numerical_grad,
)
from ..i18n import N_, tr
from ..information import entropy, kl_divergence
from ..losses import (
    bce,
    bce_with_logits,
    mse,
    softmax_cross_entropy,
)
from ..train import train_logistic_regression
from ._util import _r, _stages
from .registry import erratum
from .sandbox import _round_numbers, capture, repair_stages, source_function
from .sources import SEED_004_COPIES, SEED_004_PARAGRAPHS

__all__: list[str] = []  # nothing public: the demonstrations are reached through lossviz.errata


def _two_head_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    ycls = rng.integers(0, 2, 8).astype(float)
    yreg = rng.normal(size=8)
    w = rng.normal(size=6)
    return X, ycls, yreg, w


@erratum(
    "E31",
    source="001 §6 Q2",
    quote="「它只适用于分类任务」",
    says=N_("Cross-entropy only for classification, MSE only for regression."),
    truth=N_(
        "BCE fits any target in [0, 1]; square loss trains classifiers well (Hui & Belkin, ICLR "
        "2021)."
    ),
    kind="claim",
    shown_in="08 §5; 11 §3, §9",
    also="001 §2.3, §6 Q1, 002 §6 Q1, 003 §6.3",
)
def _ce_only_classification():
    grid = np.linspace(0.001, 0.999, 999)
    best = _r(grid[np.argmin(bce(np.full_like(grid, 0.3), grid, reduction="none"))], 3)
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(-1, 1, (200, 2)), rng.normal(1, 1, (200, 2))]
    y = np.r_[np.zeros(200), np.ones(200)]
    A = np.c_[np.ones(400), X]
    w = np.linalg.lstsq(A, 2 * y - 1, rcond=None)[0]
    acc = _r(np.mean((A @ w > 0) == y), 4)
    return (
        tr("cross-entropy only for classification, MSE only for regression"),
        tr(
            "BCE fits a target of 0.3 exactly (minimiser {best}); a linear classifier fitted by "
            "square loss reaches accuracy {acc}"
        ).format(best=best, acc=acc),
        {"bce_minimiser": best, "square_loss_accuracy": acc},
    )


@erratum(
    "E32",
    source="003 ch.21 §5",
    quote="`nn.Sigmoid()` + `nn.MSELoss()`, `x = torch.randn(...)`",
    says=N_(
        "An autoencoder with a sigmoid output trained with MSE to reproduce standard-normal inputs."
    ),
    truth=N_(
        "A sigmoid cannot reach negative targets: the MSE has a floor > 0. Real targets: linear "
        "output + MSE; targets in [0, 1]: sigmoid + BCE."
    ),
    kind="code",
    shown_in="08 §5",
)
def _autoencoder_sigmoid_mse():
    x = np.random.default_rng(0).standard_normal((3, 784))
    outside = _r(np.mean((x < 0) | (x > 1)), 3)
    floor = _r(mse(x, np.clip(x, 0, 1)), 3)
    _, err = capture(bce, x, np.full_like(x, 0.5))
    return (
        tr(
            "sigmoid output + MSE on randn targets: {outside} of the targets lie outside [0, 1], "
            "MSE can never go below {floor}"
        ).format(outside=outside, floor=floor),
        tr(
            "a linear output for real targets (floor 0), or targets in [0, 1] with BCE — lv.bce "
            "refuses the randn targets: {error}"
        ).format(error=err.split(";")[0]),
        {"outside": outside, "mse_floor": floor, "bce_error": err},
    )


@erratum(
    "E33",
    source="001 §4.2",
    quote="`nn.Linear(128, 1)` … `criterion(outputs, labels)`",
    says=N_(
        "MSELoss on outputs of shape (B, 1), with the labels' shape left open (train_loader is "
        "never defined)."
    ),
    truth=N_(
        "Labels of the usual shape (B,) broadcast against (B, 1) to (B, B), a wrong loss; "
        "squeeze the output (or reshape the labels) first."
    ),
    kind="hypothetical",
    shown_in="08 §4; 09 §3.5",
)
def _shape_broadcast():
    out = np.array([[1.0], [2.0], [3.0], [4.0]])
    y = np.array([1.0, 2.0, 3.0, 4.0])
    broadcast = float(np.mean((out - y) ** 2))
    _, err = capture(mse, y, out)
    return (
        tr(
            "perfect predictions of shape (4, 1) against targets (4,): MSE broadcasts to (4, 4) = "
            "{broadcast}"
        ).format(broadcast=broadcast),
        tr("squeeze to (4,): MSE = {squeezed}; lv.mse refuses the mismatch: {error}").format(
            squeezed=mse(y, out[:, 0]), error=err.split(";")[0]
        ),
        {"broadcast": broadcast, "squeezed": float(mse(y, out[:, 0])), "lv_error": err},
    )


@erratum(
    "E34",
    source="002 §4.1",
    quote="`y_hat = sigmoid(w.dot(X) + b)`",
    says=N_("Logistic regression in numpy with w of shape (2, 1)."),
    truth=N_(
        "w.dot(X) fails on shapes; X.dot(w) then broadcasts (4, 1) against (4,). Use w of shape "
        "(2,) and z = X @ w + b."
    ),
    kind="code",
    shown_in="09 §3.1",
)
def _logistic_shapes():
    st = _stages("002 §4.1")
    return (
        tr("{published}; after X.dot(w): {repaired}").format(published=st[0][1], repaired=st[1][1]),
        tr(
            "with weights of shape (2,) the shapes agree and the code runs ({summary}; the rise "
            "is E35)"
        ).format(summary=st[2][1]),
        {"stages": st},
    )


@erratum(
    "E35",
    source="002 §4.1",
    quote="`dw = -X.T.dot(y_hat - y)`",
    says=N_("Update dw = −Xᵀ(ŷ − y) followed by w −= lr·dw."),
    truth=N_(
        "That is gradient ascent in w (b still descends): after a first dip the loss rises. The "
        "gradient is +Xᵀ(ŷ − y)."
    ),
    kind="code",
    shown_in="09 §3.1",
    also="002 §4.2",
)
def _update_sign():
    st = _stages("002 §4.1")
    return (
        tr("dw = -X.T.dot(y_hat - y), w -= lr*dw: {summary}").format(summary=st[2][1]),
        tr("dw = +X.T.dot(y_hat - y): {summary}").format(summary=st[3][1]),
        {
            "source_losses": repair_stages("002 §4.1")[2][1].losses,
            "fixed_losses": repair_stages("002 §4.1")[3][1].losses,
        },
    )


@erratum(
    "E36",
    source="002 §4.2",
    quote="`np.sum(exp_sum, axis=0)`",
    says=N_("Softmax normalised over axis 0."),
    truth=N_(
        "Axis 0 runs over the samples: rows do not sum to 1. Normalise over the classes (axis=1)."
    ),
    kind="code",
    shown_in="05 §6; 09 §3.2",
)
def _softmax_axis():
    Z = np.array([[2.0, 1.0], [0.5, 3.0], [1.0, 1.0]])
    src = source_function("002 §4.2", "softmax")(Z)
    return (
        tr("softmax over axis 0: row sums {sums} (columns sum to 1)").format(
            sums=np.round(src.sum(1), 3).tolist()
        ),
        tr("softmax over the classes: row sums {sums}").format(
            sums=np.round(softmax(Z).sum(1), 3).tolist()
        ),
        {"source_row_sums": np.round(src.sum(1), 3).tolist()},
    )


@erratum(
    "E37",
    source="002 §4.2",
    quote="`y * np.log(y_hat)`, `y = np.array([0, 0, 1, 1])`",
    says=N_("Softmax regression with w.dot(X) and integer labels as targets."),
    truth=N_(
        "Shapes fail twice; class indices are not one-hot rows. Use X @ W + b and Y = np.eye(K)[y]."
    ),
    kind="code",
    shown_in="09 §3.2",
)
def _softmax_regression_code():
    st = _stages("002 §4.2")
    return (
        tr("{published}; after X.dot(w): {repaired}").format(published=st[0][1], repaired=st[1][1]),
        tr("one-hot targets, softmax over classes, descent: {summary}").format(summary=st[4][1]),
        {"stages": st},
    )


@erratum(
    "E38",
    source="004 §4.2",
    quote="`np.exp(y_pred).sum(axis=1, keepdims=True)`",
    says=N_("Cross-entropy code: a softmax over axis 1 of a 1-D array, then binary (1 − y) terms."),
    truth=N_(
        "AxisError; with axis 0 it mixes the samples in one softmax. Binary labels need a "
        "sigmoid per sample (BCE with logits)."
    ),
    kind="code",
    shown_in="05 §8; 09 §3.3",
)
def _softmax_of_1d():
    runs = repair_stages("004 §4.2")
    st = [(label, _round_numbers(run.summary())) for label, run in runs]
    ref = _r(bce_with_logits(np.array([0.0, 1.0, 1.0]), np.array([-1.0, 0.0, 1.0])))
    return (
        tr("{published}; with axis 0 (softmax across the 3 samples) it prints {printed}").format(
            published=st[0][1], printed=_round_numbers(runs[1][1].last_printed())
        ),
        tr("sigmoid per sample: {loss} (= lv.bce_with_logits)").format(loss=ref),
        {"stages": st, "bce_with_logits": ref},
    )


@erratum(
    "E39",
    source="003 §4.1",
    quote="`-np.sum(y_true * np.log(y_pred))`",
    says=N_("A numpy cross-entropy taking 1-D labels and 1-D probabilities."),
    truth=N_(
        "Labels act as weights: negatives cost nothing, 0·log 0 gives NaN, class indices fail. "
        "Use BCE, or index the true class."
    ),
    kind="code",
    shown_in="09 §3.4",
)
def _labels_as_weights():
    f = source_function("003 §4.1", "cross_entropy_loss")
    neg, _ = capture(f, [0, 0], [0.99, 0.99])
    _, shape_err = capture(f, [0, 1, 2], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]])
    zero, _ = capture(f, [1, 0], [0.9, 0.0])
    right = _r(bce([0.0, 0.0], [0.99, 0.99]))
    return (
        tr(
            "two negatives predicted 0.99 cost {negatives}; a probability 0 gives {zero}; class "
            "indices: {error}"
        ).format(negatives=0.0 + neg, zero=zero, error=shape_err),
        tr("binary cross-entropy of the two negatives = {loss}").format(loss=right),
        {
            "negatives": 0.0 + float(neg),
            "zero_prob": float(zero),
            "indices_error": shape_err,
            "bce": right,
        },
    )


@erratum(
    "E40",
    source="001 §4.1",
    quote="`optim.SGD(net.parameters(), lr=0.01)`",
    says=N_("PyTorch training loops using net and train_loader."),
    truth=N_("Neither is defined: NameError. Add net = Net() and a DataLoader."),
    kind="code",
    shown_in="09 §3.5",
    also="001 §4.2",
)
def _undefined_names():
    st = [(label, run.summary()) for label, run in repair_stages("001 §4.1")]
    return (
        tr("{published}; with net = Net(): {repaired}").format(
            published=st[0][1], repaired=st[1][1]
        ),
        tr("define net = Net() and a DataLoader train_loader (then the loop runs)"),
        {
            "stages": st,
            "stages_4_2": [(label, run.summary()) for label, run in repair_stages("001 §4.2")],
        },
    )


@erratum(
    "E41",
    source="003 §6.2",
    quote="「二分类…平滑对数损失函数」",
    says=N_("Binary tasks: smoothed log loss; multi-class tasks: log loss."),
    truth=N_(
        "Label smoothing, target (1 − ε)y + ε/K, works for any K; its optimum is p_true = 1 − ε "
        "+ ε/K and its minimum loss the entropy of the smoothed target."
    ),
    kind="misleading",
    shown_in="10 §1",
)
def _smoothing_any_k():
    rows = {}
    for K in (2, 10):
        t = np.full(K, 0.1 / K)
        t[0] += 0.9
        opt = softmax_cross_entropy(np.array([0]), np.log(t)[None], label_smoothing=0.1)
        rows[K] = (_r(t[0], 3), _r(opt), _r(entropy(t)))
    return (
        tr("binary tasks -> smoothed log loss, multi-class -> log loss"),
        tr(
            "smoothing works for any K: with eps = 0.1 the best p_true is {best2} (K=2) and "
            "{best10} (K=10), minimum loss {loss2} and {loss10} = H(smoothed target)"
        ).format(best2=rows[2][0], best10=rows[10][0], loss2=rows[2][1], loss10=rows[10][1]),
        {f"K={k}": v for k, v in rows.items()},
    )


@erratum(
    "E42",
    source="001 §6 Q5",
    quote="「不能直接结合使用」",
    says=N_(
        "CE and MSE cannot be combined directly; add L1 or L2 regularisation as an auxiliary loss."
    ),
    truth=N_(
        "Weighted sums of losses are losses (multi-task models); an L1/L2 penalty acts on the "
        "weights, not on prediction errors."
    ),
    kind="claim",
    shown_in="10 §3; 11 §8",
)
def _combining_losses():
    X, ycls, yreg, w = _two_head_problem()

    def total(t):
        return float(bce_with_logits(ycls, X @ t[:3]) + 0.5 * mse(yreg, X @ t[3:]))

    analytic = np.r_[
        X.T @ bce_with_logits_grad(ycls, X @ w[:3]) / 8, 0.5 * X.T @ (2 * (X @ w[3:] - yreg)) / 8
    ]
    diff = float(np.abs(analytic - numerical_grad(total, w)).max())
    w0 = np.zeros(3)
    pen = float(np.sum(w0**2))
    err = _r(mse(yreg, X @ w0))
    return (
        tr("CE and MSE cannot be combined; add L1/L2 as an auxiliary loss"),
        tr(
            "CE + 0.5 MSE (two heads) is a loss whose gradient is the sum of the heads' gradients "
            "(largest difference from a numerical gradient {diff:.0e}); an L2 penalty at w = 0 "
            "is {penalty} while those predictions have MSE {mse}"
        ).format(diff=diff, penalty=pen, mse=err),
        {
            "gradient_is_sum": diff < 1e-6,
            "gradient_max_diff": diff,
            "l2_at_zero": pen,
            "mse_at_zero": err,
        },
    )


@erratum(
    "E43",
    source="003 ch.22 §3",
    quote="「使模型在新的数据上表现更好」",
    says=N_("Adding a penalty term makes the model perform better on new data."),
    truth=N_(
        "The penalty weight trades variance for bias: too small over-fits, too large "
        "under-fits; choose it on held-out data."
    ),
    kind="misleading",
    shown_in="10 §2",
)
def _penalty_both_ways():
    # few points, a flexible model: held-out MSE of a degree-9 polynomial fitted to 10 points
    rng = np.random.default_rng(2)
    x = np.linspace(0, 1, 10)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(10)
    xt = np.random.default_rng(3).random(2000)
    yt = np.sin(2 * np.pi * xt) + 0.3 * np.random.default_rng(4).standard_normal(2000)
    V, Vt = np.vander(x, 10), np.vander(xt, 10)
    few = {}
    for lam in (0.0, 1e-6, 1e-3, 10.0, 1e6):
        # ridge as an augmented least-squares problem: stable even for lambda = 0
        A = np.r_[V, np.sqrt(lam) * np.eye(10)]
        w = np.linalg.lstsq(A, np.r_[y, np.zeros(10)], rcond=None)[0]
        few[lam] = _r(mse(yt, Vt @ w), 3)
    # plenty of data, a well-specified model: logistic regression on two Gaussian classes
    X, yc = make_blobs_binary(2000, separation=2.0, seed=1)
    Xt, yct = make_blobs_binary(20000, separation=2.0, seed=2)
    many = {}
    for lam in (0.0, 1e-3, 1e-2, 1e-1, 1.0):
        fit = train_logistic_regression(X, yc, l2=lam, lr=0.5, epochs=500)
        many[lam] = _r(bce_with_logits(yct.astype(float), Xt @ fit.weights + fit.bias), 3)
    return (
        tr("a penalty term makes the model better on new data"),
        tr(
            "held-out loss against the L2 weight lambda — 10 points, degree 9 (MSE): {few}; "
            "2000 points, well-specified logistic regression (BCE): {many} — a penalty helps an "
            "over-fitting model, is neutral when small, hurts when large"
        ).format(
            few=", ".join(f"{k:g}: {v}" for k, v in few.items()),
            many=", ".join(f"{k:g}: {v}" for k, v in many.items()),
        ),
        {"few_points_test_mse": few, "many_points_test_bce": many},
    )


@erratum(
    "E44",
    source="001 §7 [3]",
    quote='Nielsen … "Coursera, 2015"',
    says=N_("Nielsen, Neural networks and deep learning, Coursera, 2015."),
    truth=N_(
        "M. A. Nielsen, Neural Networks and Deep Learning, Determination Press, 2015 — a free "
        "online book."
    ),
    kind="citation",
    shown_in="11 §10",
)
def _citation_nielsen():
    return (
        "Nielsen, 'Neural networks and deep learning', Coursera, 2015",  # as the source cites it
        tr(
            "M. A. Nielsen, Neural Networks and Deep Learning, Determination Press, 2015 (online "
            "book)"
        ),
        {},
    )


@erratum(
    "E45",
    source="001 §7 [5]",
    quote="Patterson, Dustin … arXiv:1610.00050, 2016",
    says=N_("The PyTorch paper by 'Patterson, Dustin et al.', arXiv:1610.00050, 2016."),
    truth=N_(
        "A. Paszke, S. Gross, F. Massa et al., PyTorch: An Imperative Style, High-Performance "
        "Deep Learning Library, NeurIPS 2019, arXiv:1912.01703."
    ),
    kind="citation",
    shown_in="11 §10",
)
def _citation_pytorch():
    return (
        "Patterson, Dustin et al., arXiv:1610.00050, 2016",  # as the source cites it
        tr("Paszke et al., NeurIPS 2019, arXiv:1912.01703"),
        {},
    )


@erratum(
    "E46",
    source="003 ch.20 §1",
    quote="《Transformer for Language Understanding》",
    says=N_(
        "Self-attention first appeared in the 2017 paper 'Transformer for Language Understanding'."
    ),
    truth=N_(
        "No such paper: the Transformer is Vaswani et al., 'Attention Is All You Need', NeurIPS "
        "2017; self-attention was used earlier (e.g. Cheng, Dong & Lapata 2016)."
    ),
    kind="citation",
    shown_in="11 §10 (outside the course)",
)
def _citation_transformer():
    return (
        tr("'Transformer for Language Understanding' (2017)"),
        tr("Vaswani et al., 'Attention Is All You Need', NeurIPS 2017"),
        {},
    )


@erratum(
    "E47",
    source="003 ch.20 §5",
    quote="`np.sqrt(self.input_dim)`",
    says=N_("A self-attention module using np without importing numpy."),
    truth=N_("NameError in the forward pass; import numpy or use self.input_dim ** 0.5."),
    kind="code",
    shown_in="11 §10 (outside the course)",
)
def _attention_numpy():
    st = [(label, run.summary()) for label, run in repair_stages("003 ch.20 §5")]
    return (
        st[0][1],
        tr(
            "import numpy (or use self.input_dim ** 0.5): then the forward pass gets past the "
            "scaling"
        ),
        {"stages": st},
    )


@erratum(
    "E48",
    source="002 §6 Q1",
    quote="「最小化模型…的拟合程度」",
    says=N_("Cross-entropy training minimises the model's degree of fit to the true distribution."),
    truth=N_("It minimises the misfit KL(p‖q_θ) (equivalently maximises the likelihood)."),
    kind="wording",
    shown_in="11 §2",
)
def _fit_or_misfit():
    p = np.array([0.7, 0.2, 0.1])
    a = np.linspace(-3, 3, 601)
    Z = np.stack([a, np.zeros_like(a), -a], axis=1)
    ce = softmax_cross_entropy(np.broadcast_to(p, Z.shape), Z, reduction="none")
    kl = kl_divergence(np.broadcast_to(p, Z.shape), softmax(Z))
    a_ce, a_kl = float(a[np.argmin(ce)]), float(a[np.argmin(kl)])
    return (
        tr("training minimises the model's degree of fit to the true distribution"),
        tr(
            "it minimises the misfit: over the model q = softmax([a, 0, -a]), H(p, q) is least at "
            "a = {argmin_ce:g} and KL(p||q) at a = {argmin_kl:g} (min KL = {min_kl:.4f}, not a "
            "fit of 0)"
        ).format(argmin_ce=a_ce, argmin_kl=a_kl, min_kl=kl.min()),
        {"same_argmin": a_ce == a_kl, "argmin_ce": a_ce, "argmin_kl": a_kl, "min_kl": _r(kl.min())},
    )


def _copies_of_004():
    """Paragraph fingerprints of the three copies of the article that seed 004 contains."""
    bounds = [*SEED_004_COPIES, float("inf")]
    return [
        [p for p in SEED_004_PARAGRAPHS if lo <= p[0] < hi]
        for lo, hi in zip(bounds, bounds[1:], strict=False)
    ]


def _repeated(earlier, later):
    """Matched paragraphs of ``later`` found, in order, in ``earlier`` (difflib on fingerprints)."""
    matcher = difflib.SequenceMatcher(
        None, [p[2] for p in earlier], [p[2] for p in later], autojunk=False
    )
    return [later[m.b + k] for m in matcher.get_matching_blocks() for k in range(m.size)]


@erratum(
    "E50",
    source="004 ch.24",
    quote="「# 24. 损失函数的深度学习」",
    says=N_(
        "Seed 004 ends its article (§1–§6) and then starts it again twice under the heading "
        "'# 24. …', repeating its sections."
    ),
    truth=N_("One article: the repeated copies add nothing (the course cites 004's first copy)."),
    kind="editorial",
    shown_in="11 §10",
)
def _repeated_sections():
    first, second, third = _copies_of_004()
    rows = []
    for earlier, later in ((first, second), (second, third)):
        same = _repeated(earlier, later)
        rows.append(
            (
                later[0][0],
                len(same),
                len(later),
                sum(p[1] for p in same),
                sum(p[1] for p in later),
            )
        )
    (l2, n2, t2, c2, tc2), (l3, n3, t3, c3, tc3) = rows
    return (
        tr(
            "seed 004 ends its article at line {end}, starts it again at line {second} and a "
            "third time at line {third}"
        ).format(end=SEED_004_COPIES[1] - 1, second=l2, third=l3),
        tr(
            "difflib over its paragraphs: from line {l2}, {n2} of {t2} paragraphs ({c2} of {tc2} "
            "characters) repeat the first copy verbatim; from line {l3}, {n3} of {t3} ({c3} of "
            "{tc3} characters) repeat the second"
        ).format(l2=l2, n2=n2, t2=t2, c2=c2, tc2=tc2, l3=l3, n3=n3, t3=t3, c3=c3, tc3=tc3),
        {
            "restarts_at": [l2, l3],
            "second_copy": {"paragraphs": (n2, t2), "characters": (c2, tc2)},
            "third_copy": {"paragraphs": (n3, t3), "characters": (c3, tc3)},
        },
    )
