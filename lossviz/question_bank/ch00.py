"""Self-check questions of chapter 00 (start here): a first try of the self-check API, and one
question on the course's central idea, answered with the explorer above it."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Trap

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
        "A try-out: a cell above computed the binary cross-entropy of a positive example "
        "predicted at p = 0.8. What is the loss of a positive example predicted at p = 0.5, "
        "in nats (3 decimals)?",
        answer=_BCE,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _MSE,
                "That is the squared error (1 − 0.5)²; the question asks for the binary "
                "cross-entropy, −ln p for a positive example.",
            )
        ],
        hint=[
            "For a positive example (y = 1) the binary cross-entropy is -ln p.",
            "Compute it with lv.bce([1], [0.5]) or np.log.",
        ],
        solution=f"-ln 0.5 = ln 2 = {_BCE:.3f}: a prediction of 0.5 says 'no idea', and costs "
        f"one bit ({_BCE:.3f} nats). Chapter 03 compares it with the squared error, "
        f"(1 - 0.5)^2 = {_MSE:.2f}.",
    ),
    Exercise(
        "A positive example (y = 1) is predicted at p = 0.01: confidently wrong. Which loss pulls "
        "harder on that prediction (has the larger gradient dL/dp in size), and why? "
        "Move the explorer's p slider towards 0 to see it.",
        answer="b",
        choices=[
            Choice(
                "The squared error: its loss grows with the square of the error, so it punishes "
                "large errors hardest.",
                why=f"The squared error is at most 1 on a probability: here (1 − 0.01)² = "
                f"{_L_MSE:.2f}, and its slope 2(p − 1) = {_G_MSE:.2f} never exceeds 2 in size. "
                "Squaring punishes large errors more than small ones, but only up to 1.",
            ),
            Choice(
                "Binary cross-entropy: its gradient −1/p grows without bound as p → 0, so a "
                "confidently wrong prediction is pulled hardest.",
            ),
            Choice(
                "Both pull equally: the error p − y is the same, −0.99.",
                why=f"The error is the same, but the losses turn it into different slopes: "
                f"dBCE/dp = −1/p = {_G_BCE:.0f} and dMSE/dp = 2(p − 1) = {_G_MSE:.2f}.",
            ),
            Choice(
                "Neither: at p = 0.01 the prediction is nearly certain, so the gradient is "
                "nearly 0.",
                why="Nearly certain and wrong is the worst case, not the flattest: the loss is "
                f"{_L_BCE:.2f} nats under BCE, and both slopes are far from 0.",
            ),
        ],
        hint=[
            "For y = 1, dBCE/dp = -1/p and dMSE/dp = 2(p - 1).",
            "Evaluate both at p = 0.01, or lv.bce_grad_prob([1], [0.01]) and "
            "lv.mse_grad_prob([1], [0.01]).",
        ],
        solution=f"dBCE/dp = -1/0.01 = {_G_BCE:.0f} against dMSE/dp = 2(0.01 - 1) = {_G_MSE:.2f}: "
        f"cross-entropy pulls about {_G_BCE / _G_MSE:.0f} times harder, and without bound as "
        "p -> 0, because -log p is unbounded while the squared error of a probability is at most "
        "1. That is the course's thread: chapter 03 compares the two losses, chapter 04 shows "
        "what happens behind a sigmoid.",
    ),
]
