"""Self-check questions of chapter 00 (start here): a first try of the self-check API, and one
question on the course's central idea, answered with the explorer above it."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_BCE = float(lv.bce([1], [0.5]))  # ln 2
_MSE = float(lv.mse([1], [0.5]))

# a positive example predicted at p = 0.01: confidently wrong
_P_WRONG = 0.01
_G_BCE = float(lv.bce_grad_prob([1], [_P_WRONG])[0])  # -1/p
_G_MSE = float(lv.mse_grad_prob([1], [_P_WRONG])[0])  # 2(p - 1)
_L_BCE = float(lv.bce([1], [_P_WRONG]))
_L_MSE = float(lv.mse([1], [_P_WRONG]))

QUESTIONS = [
    Exercise(
        N_(
            "A try-out: a cell above computed the binary cross-entropy of a "
            "positive example predicted at p = 0.8. What is the loss of a "
            "positive example predicted at p = 0.5, in nats (3 decimals)?"
        ),
        answer=_BCE,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _MSE,
                N_(
                    "That is the squared error (1 − 0.5)²; the question asks for the "
                    "binary cross-entropy, −ln p for a positive example."
                ),
            )
        ],
        hint=[
            N_("For a positive example (y = 1) the binary cross-entropy is -ln p."),
            N_("Compute it with lv.bce([1], [0.5]) or np.log."),
        ],
        solution=Text(
            N_(
                "-ln 0.5 = ln 2 = {bce:.3f}: a prediction of 0.5 says 'no idea', "
                "and costs one bit ({bce:.3f} nats). Chapter 03 compares it with "
                "the squared error, (1 - 0.5)^2 = {mse:.2f}."
            ),
            bce=_BCE,
            mse=_MSE,
        ),
    ),
    Exercise(
        N_(
            "A positive example (y = 1) is predicted at p = 0.01: confidently "
            "wrong. Which loss pulls harder on that prediction (has the larger "
            "gradient dL/dp in size), and why? Move the explorer's p slider "
            "towards 0 to see it."
        ),
        answer="b",
        choices=[
            Choice(
                N_(
                    "The squared error: its loss grows with the square of the error, "
                    "so it punishes large errors hardest."
                ),
                why=Text(
                    N_(
                        "The squared error is at most 1 on a probability: here (1 − 0.01)² "
                        "= {l_mse:.2f}, and its slope 2(p − 1) = {g_mse:.2f} never exceeds "
                        "2 in size. Squaring punishes large errors more than small ones, "
                        "but only up to 1."
                    ),
                    l_mse=_L_MSE,
                    g_mse=_G_MSE,
                ),
            ),
            Choice(
                N_(
                    "Binary cross-entropy: its gradient −1/p grows without bound as p "
                    "→ 0, so a confidently wrong prediction is pulled hardest."
                ),
            ),
            Choice(
                N_("Both pull equally: the error p − y is the same, −0.99."),
                why=Text(
                    N_(
                        "The error is the same, but the losses turn it into different "
                        "slopes: dBCE/dp = −1/p = {g_bce:.0f} and dMSE/dp = 2(p − 1) = "
                        "{g_mse:.2f}."
                    ),
                    g_bce=_G_BCE,
                    g_mse=_G_MSE,
                ),
            ),
            Choice(
                N_(
                    "Neither: at p = 0.01 the prediction is nearly certain, so the "
                    "gradient is nearly 0."
                ),
                why=Text(
                    N_(
                        "Nearly certain and wrong is the worst case, not the flattest: the "
                        "loss is {l_bce:.2f} nats under BCE, and both slopes are far from "
                        "0."
                    ),
                    l_bce=_L_BCE,
                ),
            ),
        ],
        hint=[
            N_("For y = 1, dBCE/dp = -1/p and dMSE/dp = 2(p - 1)."),
            N_(
                "Evaluate both at p = 0.01, or lv.bce_grad_prob([1], [0.01]) and "
                "lv.mse_grad_prob([1], [0.01])."
            ),
        ],
        solution=Text(
            N_(
                "dBCE/dp = -1/0.01 = {g_bce:.0f} against dMSE/dp = 2(0.01 - 1) = "
                "{g_mse:.2f}: cross-entropy pulls about {ratio:.0f} times harder, and "
                "without bound as p -> 0, because -log p is unbounded while the "
                "squared error of a probability is at most 1. That is the course's "
                "thread: chapter 03 compares the two losses, chapter 04 shows what "
                "happens behind a sigmoid."
            ),
            g_bce=_G_BCE,
            g_mse=_G_MSE,
            ratio=_G_BCE / _G_MSE,
        ),
    ),
]
