"""Demonstrations of the errata shown in chapters 01–03: losses, entropy, BCE and MSE.

Each function is registered with its table row by :func:`~lossviz.errata.registry.erratum`.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..i18n import N_, tr
from ..information import cross_entropy, entropy, kl_divergence
from ..losses import (
    bce,
    mse,
)
from ._util import _r
from .registry import erratum

__all__: list[str] = []  # nothing public: the demonstrations are reached through lossviz.errata


_P = np.array([0.7, 0.2, 0.1])


_Q = np.array([0.2, 0.3, 0.5])


def _cond_entropy(J):
    return float(entropy(J.ravel()) - entropy(J.sum(axis=0)))


@erratum(
    "E01",
    source="000 §1.2",
    quote="「为了解决上述挑战」",
    says=N_(
        "Choosing a suitable loss solves the training challenges (non-convexity, vanishing "
        "gradients, overfitting)."
    ),
    truth=N_(
        "The loss only sets the output gradient; σ' ≤ 1/4 shrinks gradients through every "
        "sigmoid layer whatever the loss. "
        "Activations, initialisation, normalisation and regularisation address those challenges."
    ),
    kind="misleading",
    shown_in="01 §3",
)
def _loss_cannot_fix_depth():
    z = np.linspace(-10, 10, 200001)
    s = sigmoid(z)
    top = float(np.max(s * (1 - s)))
    bound = top**10
    return (
        tr("choosing a loss is said to solve non-convexity, vanishing gradients and overfitting"),
        tr(
            "sigma'(z) <= {top:g} at every hidden layer whatever the loss: 10 sigmoid layers "
            "(w = 1) scale the gradient by <= {bound:.3g}"
        ).format(top=top, bound=bound),
        {"max_sigmoid_derivative": top, "bound_10_layers": bound},
    )


@erratum(
    "E03",
    source="004 §2.3",
    quote="「损失函数值越小，模型性能越好」",
    says=N_("The smaller the loss, the better the model."),
    truth=N_(
        "A lower training loss can mean over-fitting, and a lower cross-entropy can come with a "
        "lower accuracy: the loss is a surrogate."
    ),
    kind="claim",
    shown_in="01 §4; 11 §7",
    also="004 §6.1",
)
def _smaller_loss_better_model():
    y = np.ones(4)
    pa = np.array([0.55, 0.55, 0.55, 0.01])
    pb = np.array([0.45, 0.45, 0.45, 0.90])
    la, lb = _r(bce(y, pa), 3), _r(bce(y, pb), 3)
    aa, ab = float(np.mean(pa > 0.5)), float(np.mean(pb > 0.5))
    return (
        tr("the smaller the loss, the better the model"),
        tr(
            "model A: BCE {la}, accuracy {aa}; model B: BCE {lb}, accuracy {ab} — lower loss, "
            "worse accuracy"
        ).format(la=la, aa=aa, lb=lb, ab=ab),
        {"A": (la, aa), "B": (lb, ab)},
    )


@erratum(
    "E04",
    source="001 §1.1",
    quote="「从输入空间到实数的函数」",
    says=N_("A loss maps the input space to the reals and outputs a non-negative number."),
    truth=N_(
        "A loss compares a prediction with a target, ℓ(ŷ, y); the objective averages it over "
        "the data. "
        "Non-negativity is not part of the definition (a Gaussian NLL can be negative)."
    ),
    kind="wording",
    shown_in="01 §1; 08 §2",
)
def _loss_nonnegative():
    sigma = 0.1
    nll = 0.5 * np.log(2 * np.pi * sigma**2)
    return (
        tr("a loss maps the input space to a non-negative number"),
        tr(
            "a loss compares a prediction with a target; a Gaussian NLL (sigma = 0.1) at zero "
            "error is {nll:.4f} < 0"
        ).format(nll=nll),
        {"gaussian_nll_zero_error": _r(nll)},
    )


@erratum(
    "E05",
    source="003 §2.2",
    quote="$P = Q \\Rightarrow H(P||Q) = 0$",
    says=N_("If P = Q the cross-entropy is 0."),
    truth=N_("H(P, P) = H(P), zero only for a one-hot P; it is KL(P‖P) that is 0."),
    kind="claim",
    shown_in="02 §3",
)
def _h_p_p_is_not_zero():
    hpp, hp, kl = _r(cross_entropy(_P, _P)), _r(entropy(_P)), _r(kl_divergence(_P, _P))
    return (
        tr("if P = Q then H(P||Q) = 0"),
        tr(
            "p = [0.7, 0.2, 0.1]: H(p, p) = {hpp} = H(p) = {hp}; it is KL(p||p) that is {kl}"
        ).format(hpp=hpp, hp=hp, kl=kl),
        {"H(p,p)": hpp, "H(p)": hp, "KL(p||p)": kl},
    )


@erratum(
    "E06",
    source="003 §2.2",
    quote="$H(P||Q) = -\\sum P(x)\\log Q(x)$",
    says=N_("Cross-entropy is written H(P‖Q)."),
    truth=N_(
        "H(P‖Q) / D(P‖Q) is KL divergence's notation; cross-entropy is H(P, Q) = H(P) + KL(P‖Q)."
    ),
    kind="formula",
    shown_in="02 §3",
    also="003 §3.1",
)
def _cross_entropy_notation():
    ce, kl, h = _r(cross_entropy(_P, _Q)), _r(kl_divergence(_P, _Q)), _r(entropy(_P))
    return (
        tr("cross-entropy written H(P||Q), the notation of KL divergence"),
        tr("H(p, q) = {ce} but KL(p||q) = {kl}; they differ by H(p) = {h}").format(
            ce=ce, kl=kl, h=h
        ),
        {"H(p,q)": ce, "KL(p||q)": kl, "H(p)": h},
    )


@erratum(
    "E07",
    source="003 §2.2",
    quote="「如果P是Q的子集」",
    says=N_("If P is a subset of Q then H(P‖Q) ≥ 0."),
    truth=N_(
        "Distributions are not sets; H(P, Q) ≥ 0 always, and H(P, Q) ≥ H(P) (Gibbs). It is +∞ "
        "where Q = 0 and P > 0."
    ),
    kind="claim",
    shown_in="02 §3",
)
def _subset_condition():
    rng = np.random.default_rng(0)
    P = rng.dirichlet(np.ones(5), size=2000)
    Q = rng.dirichlet(np.ones(5), size=2000)
    ce = cross_entropy(P, Q)
    gap = ce - entropy(P)
    inf = float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    return (
        tr("if P is a subset of Q then H(P||Q) >= 0"),
        tr(
            "over 2000 random pairs min H(p, q) = {min_ce:.3f} >= 0 and min H(p, q) - H(p) = "
            "{min_gap:.4f} >= 0 (always); q = 0 where p > 0 gives H = {inf}"
        ).format(min_ce=ce.min(), min_gap=gap.min(), inf=inf),
        {"min_ce": _r(ce.min()), "min_gap": _r(gap.min()), "support_mismatch": inf},
    )


@erratum(
    "E08",
    source="003 §2.2",
    quote="$H(P||Q) = H(P) + H(Q)$",
    says=N_("If P and Q are independent then H(P‖Q) = H(P) + H(Q)."),
    truth=N_(
        "Independence is a property of random variables: H(X, Y) = H(X) + H(Y) for independent "
        "X, Y. The cross-entropy identity is false."
    ),
    kind="claim",
    shown_in="02 §3",
)
def _independent_sum():
    ce, hsum = _r(cross_entropy(_P, _Q)), _r(entropy(_P) + entropy(_Q))
    joint = _r(entropy(np.outer(_P, _Q).ravel()))
    return (
        tr("if P and Q are independent then H(P||Q) = H(P) + H(Q)"),
        tr(
            "H(p, q) = {ce} != H(p) + H(q) = {hsum}; what holds is H(X, Y) = {joint} = "
            "H(X) + H(Y) for independent X, Y"
        ).format(ce=ce, hsum=hsum, joint=joint),
        {"H(p,q)": ce, "H(p)+H(q)": hsum, "H(X,Y)": joint},
    )


@erratum(
    "E09",
    source="003 §2.2",
    quote="$H(P||Q|Y) = H(P||Q)$",
    says=N_("If P and Q are independent then H(P‖Q|Y) = H(P‖Q)."),
    truth=N_(
        "Undefined for two distributions; for random variables H(X|Y) ≤ H(X), with equality iff "
        "X and Y are independent."
    ),
    kind="claim",
    shown_in="02 §3",
)
def _conditional_identity():
    px, py = np.array([0.7, 0.3]), np.array([0.4, 0.6])
    ind = _r(_cond_entropy(np.outer(px, py)))
    dep = _r(_cond_entropy(np.array([[0.40, 0.30], [0.00, 0.30]])))
    hx = _r(entropy(px))
    return (
        tr("if P and Q are independent then H(P||Q|Y) = H(P||Q)"),
        tr(
            "undefined for distributions; for random variables H(X|Y) = {ind} = H(X) = {hx} if "
            "independent, {dep} < H(X) if not"
        ).format(ind=ind, hx=hx, dep=dep),
        {"H(X|Y)_independent": ind, "H(X|Y)_dependent": dep, "H(X)": hx},
    )


@erratum(
    "E10",
    source="001 §3.1.1",
    quote="「熵和条件熵的概念」",
    says=N_("Cross-entropy is based on entropy and conditional entropy."),
    truth=N_("It is entropy plus relative entropy: H(p, q) = H(p) + KL(p‖q)."),
    kind="claim",
    shown_in="02 §2",
)
def _entropy_plus_kl():
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    h, kl, ce = (
        _r(entropy(p, base=2)),
        _r(kl_divergence(p, q, base=2)),
        _r(cross_entropy(p, q, base=2)),
    )
    return (
        tr("cross-entropy is based on entropy and conditional entropy"),
        tr(
            "it is entropy plus relative entropy: in bits H(p) = {h} + KL(p||q) = {kl} = "
            "H(p, q) = {ce}"
        ).format(h=h, kl=kl, ce=ce),
        {"H(p)": h, "KL": kl, "H(p,q)": ce},
    )


@erratum(
    "E11",
    source="001 §2.1",
    quote="「差距的度量标准」",
    says=N_("Cross-entropy measures the distance between two distributions; smaller means closer."),
    truth=N_(
        "It is not a distance: H(p, q) ≠ H(q, p) and H(p, p) = H(p) ≠ 0. Only with p fixed does "
        "smaller mean closer (then the gap is KL)."
    ),
    kind="misleading",
    shown_in="02 §3",
    also="000 §2.1.1, 002 §2.1",
)
def _not_a_distance():
    a, b = _r(cross_entropy(_P, _Q)), _r(cross_entropy(_Q, _P))
    perfect = _r(cross_entropy([0.5, 0.5], [0.5, 0.5]))
    imperfect = _r(cross_entropy([0.99, 0.01], [0.9, 0.1]))
    return (
        tr("cross-entropy is a measure of the distance between two distributions"),
        tr(
            "H(p, q) = {a} but H(q, p) = {b}; a perfect fit of [0.5, 0.5] costs {perfect}, an "
            "imperfect fit of [0.99, 0.01] only {imperfect}"
        ).format(a=a, b=b, perfect=perfect, imperfect=imperfect),
        {"H(p,q)": a, "H(q,p)": b, "perfect": perfect, "imperfect": imperfect},
    )


@erratum(
    "E12",
    source="003 §2.1",
    quote="「有限随机变量集合」",
    says=N_("X is 'a set of random variables'; 'if X takes the value k then H(X) ≤ log k'."),
    truth=N_(
        "X is one discrete variable; if it takes k distinct values then 0 ≤ H(X) ≤ log k "
        "(equality for the uniform)."
    ),
    kind="wording",
    shown_in="02 §1",
)
def _entropy_bound():
    rng = np.random.default_rng(1)
    k = 4
    hs = entropy(rng.dirichlet(np.ones(k), 10000))
    det = float(entropy([1.0, 0.0, 0.0, 0.0]))
    return (
        tr("'X is a set of random variables', 'if X takes the value k then H(X) <= log k'"),
        tr(
            "X is one variable with k values: H(one-hot) = {det}, max H over 10000 random p = "
            "{max_random:.4f} <= log 4 = {log_k:.4f} (uniform)"
        ).format(det=det, max_random=hs.max(), log_k=np.log(k)),
        {"deterministic": det, "max_random": _r(hs.max()), "log_k": _r(np.log(k))},
    )


@erratum(
    "E13",
    source="000 §2.1.2",
    quote="$-\\sum y_i\\log p_i + (1-y_i)\\log(1-p_i)$",
    says=N_("Binary cross-entropy with the minus sign on the first term only."),
    truth=N_("L = −Σ[y log p + (1 − y) log(1 − p)]: for y = 0 the loss is −log(1 − p) ≥ 0."),
    kind="formula",
    shown_in="03 §3",
    also="002 §2.2",
)
def _binary_formula_sign():
    p = np.array([0.2, 0.8, 0.99])
    with np.errstate(all="ignore"):
        printed = np.log1p(-p)  # -0*log p + (1-0) log(1-p)
    right = bce(np.zeros(3), p, reduction="none")
    return (
        tr(
            "y=0, p=0.8: as printed -y log p + (1-y) log(1-p) = {value:+.3f} (negative, falls "
            "as p -> 1)"
        ).format(value=printed[1]),
        tr(
            "y=0, p=0.8: correct -[y log p + (1-y) log(1-p)] = {value:+.3f} (grows to inf as "
            "p -> 1)"
        ).format(value=right[1]),
        {
            "p": p.tolist(),
            "as_printed": [_r(v, 3) for v in printed],
            "correct": [_r(v, 3) for v in right],
        },
    )


@erratum(
    "E14",
    source="000 §2.2.3",
    quote="「对所有误差的惩罚力度相同」",
    says=N_("MSE penalises all errors equally, however large."),
    truth=N_(
        "The penalty is quadratic: twice the error costs four times as much, so outliers "
        "dominate (MAE is the loss with a constant-size gradient)."
    ),
    kind="claim",
    shown_in="03 §4; 08 §3",
    also="000 §7.1",
)
def _mse_not_equal_penalty():
    err = np.array([0.5, 1.0, 2.0, 10.0])
    sq = mse(np.zeros(4), err, reduction="none")
    return (
        tr("MSE penalises all errors equally, however large"),
        tr(
            "errors {errors} cost {squared}: doubling an error quadruples its penalty "
            "(gradient 2e grows linearly)"
        ).format(errors=err.tolist(), squared=sq.tolist()),
        {"errors": err.tolist(), "squared": sq.tolist()},
    )


@erratum(
    "E15",
    source="000 §2.2.1",
    quote="「最小二乘（Mean Squared Error）」",
    says=N_("最小二乘 (least squares) is the name of the MSE loss."),
    truth=N_(
        "均方误差 (MSE) is the loss; least squares is the method that minimises a sum of squared "
        "residuals."
    ),
    kind="wording",
    shown_in="03 §6; 08 (intro)",
)
def _least_squares_name():
    rng = np.random.default_rng(0)
    X = np.c_[np.ones(50), rng.normal(size=(50, 2))]
    y = X @ [1.0, 2.0, -3.0] + 0.1 * rng.normal(size=50)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    at_fit = float(mse(y, X @ w))
    steps = [w + d for d in np.r_[np.eye(3), -np.eye(3)] * 0.01]
    nearby = min(float(mse(y, X @ v)) for v in steps)
    return (
        tr("最小二乘 (least squares) used as the name of MSE"),
        tr(
            "least squares is the method, MSE the loss: the least-squares fit w = {w} minimises "
            "the MSE ({at_fit:.5f}; moving any weight by ±0.01 gives at least {nearby:.5f})"
        ).format(w=np.round(w, 3).tolist(), at_fit=at_fit, nearby=nearby),
        {"w": np.round(w, 3).tolist(), "mse_at_fit": _r(at_fit, 5), "mse_nearby": _r(nearby, 5)},
    )


@erratum(
    "E16",
    source="004 §3.2",
    quote="「模型预测值（取值为0或1）」",
    says=N_("In binary cross-entropy the prediction ŷ takes the value 0 or 1."),
    truth=N_(
        "ŷ = σ(z) is a probability in (0, 1); with hard 0/1 predictions the loss is 0 or ∞ (NaN "
        "in floating point) and has no gradient."
    ),
    kind="claim",
    shown_in="03 §3",
)
def _hard_predictions():
    y = np.array([1.0, 0.0, 1.0])
    hard = np.array([1.0, 0.0, 0.0])
    with np.errstate(all="ignore"):
        naive = float(-np.sum(y * np.log(hard) + (1 - y) * np.log(1 - hard)))
    exact = float(bce(y, hard, reduction="sum"))
    soft = _r(bce(y, [0.9, 0.2, 0.3], reduction="sum"))
    return (
        tr(
            "predictions 'take the value 0 or 1': the formula gives {naive} ({exact} computed "
            "exactly), and no gradient"
        ).format(naive=naive, exact=exact),
        tr("predictions are probabilities in (0, 1): [0.9, 0.2, 0.3] give {soft}").format(
            soft=soft
        ),
        {"hard_naive": naive, "hard_exact": exact, "soft": soft},
    )


@erratum(
    "E17",
    source="004 §3.1",
    quote="「差距的平方和」",
    says=N_("MSE is the sum of the squared differences."),
    truth=N_("MSE is their mean, (1/n)Σ(y − ŷ)²; the sum (SSE) grows with n."),
    kind="wording",
    shown_in="03 §6; 08 (intro)",
)
def _mse_is_a_mean():
    e = np.array([0.5, -0.5, 0.5])
    rows = {}
    for rep in (1, 100):
        ee = np.tile(e, rep)
        rows[ee.size] = (
            _r(mse(np.zeros_like(ee), ee)),
            _r(mse(np.zeros_like(ee), ee, reduction="sum")),
        )
    return (
        tr("MSE is 'the sum of squared differences'"),
        tr("MSE is their mean: n=3 MSE {mse3} SSE {sse3}; n=300 MSE {mse300} SSE {sse300}").format(
            mse3=rows[3][0], sse3=rows[3][1], mse300=rows[300][0], sse300=rows[300][1]
        ),
        {f"n={n}": v for n, v in rows.items()},
    )


@erratum(
    "E18",
    source="000 §2.3",
    quote="「可以使用最小二乘损失函数」",
    says=N_("The link between CE and MSE: MSE can be used when the model outputs probabilities."),
    truth=N_(
        "Both are negative log-likelihoods: BCE of a Bernoulli model, MSE (up to constants) of "
        "a Gaussian one."
    ),
    kind="misleading",
    shown_in="02 §4–5; 03 §6; 08 §2; 11 §2",
)
def _both_likelihoods():
    b = _r(bce([1.0], [0.8]))
    lik = _r(-np.log(0.8))
    y, yhat = np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.5, 2.0])
    nll = 0.5 * (y - yhat) ** 2 + 0.5 * np.log(2 * np.pi)
    const = np.unique(np.round(nll - 0.5 * mse(y, yhat, reduction="none"), 12))
    return (
        tr("the link: MSE can be used when the model outputs probabilities"),
        tr(
            "both are negative log-likelihoods: BCE {bce} = -log Bernoulli {lik}; Gaussian NLL - "
            "(y - yhat)^2/2 = {const:.4f} (constant, sigma = 1)"
        ).format(bce=b, lik=lik, const=const[0]),
        {"bce": b, "-log bernoulli": lik, "constant": _r(const[0])},
    )
