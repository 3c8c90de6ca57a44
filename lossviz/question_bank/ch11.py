"""Self-check questions of chapter 11 (FAQ and errata)."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_Z = float(lv.logit(0.1))
_RATIO = float(lv.bce_with_logits_grad(1.0, _Z) / lv.mse_sigmoid_grad(1.0, _Z))
_Z6 = -6.0
_RATIO6 = float(lv.bce_with_logits_grad(1.0, _Z6) / lv.mse_sigmoid_grad(1.0, _Z6))
_P6 = float(lv.sigmoid(_Z6))

_D_CE, _D_MSE, _W = 0.3, -0.4, 0.5
_D_TOTAL = _D_CE + _W * _D_MSE

_P_BAD = 0.999999
_BCE_BAD = float(lv.bce([0], [_P_BAD]))
_MSE_BAD = float(lv.mse([0], [_P_BAD]))

QUESTIONS = [
    Exercise(
        N_(
            "A sigmoid output predicts p = 0.1 for a positive example (y = 1). "
            "By what factor is the cross-entropy gradient with respect to the "
            "logit larger than the MSE one, (p - y)^2 without 1/2? (3 decimals)"
        ),
        answer=_RATIO,
        decimals=3,
        misconceptions=("half",),
        traps=[
            Trap(
                2 * _RATIO,
                N_(
                    "That is the ratio for the ½(p − y)² convention; the question's "
                    "MSE has no ½, so its gradient is twice as large."
                ),
                "half",
            )
        ],
        hint=[
            N_("dBCE/dz = p - y; dMSE/dz = 2 (p - y) p (1 - p)."),
            N_("The ratio is 1 / (2 p (1 - p))."),
        ],
        solution=Text(
            N_(
                "1 / (2 * 0.1 * 0.9) = {ratio:.3f}. At p = {p6:.4f} (z = -6) it is "
                "about {ratio6:.0f} (lv.bce_with_logits_grad / "
                "lv.mse_sigmoid_grad)."
            ),
            ratio=_RATIO,
            p6=_P6,
            ratio6=_RATIO6,
        ),
    ),
    Exercise(
        N_(
            "A multi-task loss is L = CE + 0.5 * MSE. For one parameter, "
            "dCE/dθ = 0.3 and dMSE/dθ = -0.4. What is dL/dθ?"
        ),
        answer=_D_TOTAL,
        traps=[
            Trap(
                _D_CE + _D_MSE,
                N_(
                    "That is 0.3 + (−0.4): the weight 0.5 multiplies the MSE's "
                    "gradient as well as its value."
                ),
            ),
            Trap(
                _D_CE - _W * _D_MSE,
                N_(
                    "That subtracts the MSE term; the loss adds it, and its gradient "
                    "−0.4 is added with its weight."
                ),
            ),
        ],
        hint=N_("The gradient of a weighted sum is the weighted sum of the gradients."),
        solution=Text(
            N_(
                "0.3 + 0.5 * (-0.4) = {d_total:.1f}. Seed 001 §6 Q5's 'cannot be "
                "combined directly' is wrong; lv.regression.train_two_head trains "
                "such a loss."
            ),
            d_total=_D_TOTAL,
        ),
    ),
    Exercise(
        N_("Which is a genuine drawback of cross-entropy?"),
        answer="b",
        choices=[
            Choice(
                N_("It can only be used for classification."),
                why=N_(
                    "Cross-entropy is a negative log-likelihood: with a Gaussian model "
                    "it is the MSE, and sigmoid + BCE fits targets in [0, 1] (chapter "
                    "08)."
                ),
            ),
            Choice(
                N_(
                    "A confidently predicted example with a wrong label costs without "
                    "bound, and keeps a full-size gradient."
                ),
                why=Text(
                    N_(
                        "At p = {p_bad} for a negative label BCE is {bce_bad:.1f} against "
                        "MSE's {mse_bad:.3f}, and the gradient p − y stays near 1: "
                        "mislabelled points pull hard."
                    ),
                    p_bad=_P_BAD,
                    bce_bad=_BCE_BAD,
                    mse_bad=_MSE_BAD,
                ),
            ),
            Choice(
                N_("Unlike MSE, it is dominated by the majority class on imbalanced data."),
                why=N_(
                    "Any averaged loss gives each class its share n_c/n, MSE included (chapter 07)."
                ),
            ),
            Choice(
                N_("It cannot be added to an MSE in one loss."),
                why=N_(
                    "A weighted sum of losses has the weighted sum of their gradients; "
                    "lv.regression.train_two_head trains one."
                ),
            ),
        ],
        hint=N_("Compute lv.bce([0], [0.999999]) and lv.mse([0], [0.999999])."),
        solution=N_(
            "(b): -log(1 - p) grows without bound and its gradient p - y stays "
            "near 1, so label noise pulls hard. (a), (c) and (d) are the "
            "sources' claims, each refuted in this chapter."
        ),
    ),
]
