"""Self-check questions of chapter 03 (BCE vs MSE)."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_BCE_NEG = float(lv.bce([0], [0.9]))
_BCE_POS = float(lv.bce([1], [0.9]))
_MSE_NEG = float(lv.mse([0], [0.9]))
_G_BCE_P = float(lv.bce_grad_prob([1], [0.05])[0])
_G_MSE_P = float(lv.mse_grad_prob([1], [0.05])[0])

# the gradient with respect to the logit at z = -4 for a positive example
_Z = -4.0
_PZ = float(lv.sigmoid(_Z))
_SLOPE = _PZ * (1 - _PZ)
_GZ_BCE = float(lv.bce_with_logits_grad(1.0, _Z))
_GZ_MSE = float(lv.mse_sigmoid_grad(1.0, _Z))
_RATIO = _GZ_BCE / _GZ_MSE
_RATIO_0 = float(lv.bce_with_logits_grad(1.0, 0.0) / lv.mse_sigmoid_grad(1.0, 0.0))
_GP_MSE = float(lv.mse_grad_prob([1], [_PZ])[0])

QUESTIONS = [
    Exercise(
        N_(
            "A NEGATIVE example (y = 0) is predicted at p = 0.9. What is its "
            "binary cross-entropy, in nats (3 decimals)?"
        ),
        answer=_BCE_NEG,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _BCE_POS,
                N_(
                    "That is −ln 0.9, the loss of a positive example; for y = 0 only "
                    "the second term survives: −ln(1 − p)."
                ),
            )
        ],
        hint=[
            N_("For y = 0 only the second term survives: -ln(1 - p)."),
            N_("1 - p = 0.1; try np.log or lv.bce([0], [0.9])."),
        ],
        solution=Text(
            N_(
                "-ln(1 - 0.9) = -ln 0.1 = {bce_neg:.3f} nats: the mirror image of "
                "a positive predicted at 0.1."
            ),
            bce_neg=_BCE_NEG,
        ),
    ),
    Exercise(
        N_("The same example (y = 0, p = 0.9) under MSE: what is (p - y)^2?"),
        answer=_MSE_NEG,
        misconceptions=("half",),
        traps=[Trap(0.9, N_("That is the error p − y itself; the squared error squares it."))],
        hint=N_("The error is 0.9 - 0 = 0.9; square it (or lv.mse([0], [0.9]))."),
        solution=Text(
            N_(
                "(0.9 - 0)^2 = {mse_neg:.2f}. BCE charges {bce_neg:.3f} for the "
                "same mistake, and it would grow without bound as p -> 1, while "
                "MSE can never exceed 1."
            ),
            mse_neg=_MSE_NEG,
            bce_neg=_BCE_NEG,
        ),
    ),
    Exercise(
        N_("Which statement about the squared error is true?"),
        answer="c",
        choices=[
            Choice(
                N_("It penalises all errors equally, however large (seed 000 §2.2.3)."),
                why=N_(
                    "The penalty is e²: an error of 0.4 costs four times an error of "
                    "0.2 (lv.mse([0, 0], [0.2, 0.4], reduction='none'))."
                ),
            ),
            Choice(
                N_("Doubling the error doubles the penalty."),
                why=N_(
                    "That is the absolute error (MAE); the squared error grows as e², "
                    "so doubling the error quadruples it."
                ),
            ),
            Choice(
                N_(
                    "Doubling the error quadruples the penalty; on a probability it is "
                    "still bounded by 1."
                ),
            ),
            Choice(
                N_("It is unbounded on probabilities, like cross-entropy."),
                why=N_(
                    "With y and p in [0, 1] the error is at most 1, so MSE ≤ 1; it is "
                    "BCE that grows without bound."
                ),
            ),
        ],
        hint=N_("Compute lv.mse([0, 0], [0.2, 0.4], reduction='none'), then lv.mse([1], [0.0])."),
        solution=N_(
            "(2e)^2 = 4e^2, so the penalty grows quadratically (it is MAE that "
            "grows linearly). With y and p in [0, 1] the error is at most 1, "
            "so MSE <= 1, whereas BCE -> infinity as the prediction approaches "
            "the wrong certainty."
        ),
    ),
    Exercise(
        N_(
            "For a positive example (y = 1) predicted at p = 0.05, what is the "
            "gradient of BCE with respect to p?"
        ),
        answer=_G_BCE_P,
        traps=[
            Trap(
                _G_MSE_P,
                N_("That is MSE's gradient 2(p − y); BCE's gradient for y = 1 is −1/p."),
            )
        ],
        hint=[
            N_("For y = 1 the BCE gradient is -1/p."),
            N_("Check with lv.bce_grad_prob([1], [0.05])."),
        ],
        solution=Text(
            N_(
                "-1/0.05 = {g_bce_p:g} (MSE's gradient there is 2(0.05 - 1) = "
                "{g_mse_p:g}). The sign says: increase p."
            ),
            g_bce_p=_G_BCE_P,
            g_mse_p=_G_MSE_P,
        ),
    ),
    Exercise(
        Text(
            N_(
                "A positive example (y = 1) has logit z = -4, so p = sigmoid(-4) = "
                "{pz:.3f}: confidently wrong. With respect to the logit, dBCE/dz = "
                "{gz_bce:.3f} while dMSE/dz = {gz_mse:.4f} (MSE = (p - y)^2 on p = "
                "sigmoid(z)). Why is BCE's gradient {ratio:.0f} times larger?"
            ),
            pz=_PZ,
            gz_bce=_GZ_BCE,
            gz_mse=_GZ_MSE,
            ratio=_RATIO,
        ),
        answer="b",
        choices=[
            Choice(
                N_(
                    "Because BCE's loss value is larger, and a larger loss gives a larger gradient."
                ),
                why=N_(
                    "A gradient is a slope, not a value: 10 × MSE has a ten times "
                    "larger value and still carries the factor σ′(z) that vanishes as "
                    "z → −∞. Any loss can be rescaled; the shape is what differs."
                ),
            ),
            Choice(
                N_(
                    "Through the sigmoid, BCE's 1/p cancels the slope sigma'(z) = p(1 "
                    "- p), leaving p - y; MSE keeps the factor sigma'(z)."
                ),
                why=Text(
                    N_(
                        "The gradient dBCE/dz = p − y = {gz_bce:.3f} stays near −1 while "
                        "the neuron is wrong; MSE's 2(p − y)σ′(z) has σ′(−4) = "
                        "{slope:.4f}. For y = 0 it is 1/(1 − p) that cancels."
                    ),
                    gz_bce=_GZ_BCE,
                    slope=_SLOPE,
                ),
            ),
            Choice(
                N_("Because MSE is bounded by 1, so its gradient is small."),
                why=Text(
                    N_(
                        "Bounded values do not mean a small slope: MSE's gradient with "
                        "respect to p is 2(p − 1) = {gp_mse:.2f} here. It is the sigmoid's "
                        "slope σ′(z), brought in by the chain rule, that makes dMSE/dz "
                        "small."
                    ),
                    gp_mse=_GP_MSE,
                ),
            ),
            Choice(
                N_(
                    "The two gradients differ by a constant factor, so a larger "
                    "learning rate would make MSE as fast."
                ),
                why=Text(
                    N_(
                        "The ratio 1/(2σ′(z)) is {ratio_0:.0f} at z = 0 and {ratio:.1f} at "
                        "z = −4: it changes with z, so no single learning rate makes MSE "
                        "behave like BCE."
                    ),
                    ratio_0=_RATIO_0,
                    ratio=_RATIO,
                ),
            ),
        ],
        hint=[
            N_("By the chain rule, dL/dz = dL/dp * sigma'(z), with sigma'(z) = p(1 - p)."),
            N_("Compare lv.bce_with_logits_grad(1.0, -4.0) with lv.mse_sigmoid_grad(1.0, -4.0)."),
        ],
        solution=Text(
            N_(
                "BCE's dL/dp = -1/p meets sigma'(z) = p(1 - p) and leaves p - y; "
                "MSE's 2(p - y) is multiplied by sigma'(-4) = {slope:.4f}, so its "
                "gradient is {ratio:.1f} times smaller, and the gap grows as the "
                "neuron saturates."
            ),
            slope=_SLOPE,
            ratio=_RATIO,
        ),
    ),
]
