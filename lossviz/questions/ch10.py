"""Self-check questions of chapter 10 (label smoothing and penalties)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "Label smoothing with eps = 0.2 and K = 4 classes: what target probability does the true class get?",
        answer=0.85,
        hint="t = (1 - eps) * y + eps / K, and y = 1 for the true class.",
        solution="(1 - 0.2) * 1 + 0.2 / 4 = 0.85; each of the three other classes gets 0.05.",
    ),
    Exercise(
        "Binary labels (K = 2) smoothed with eps = 0.2. What is the smallest cross-entropy any prediction can "
        "reach on one example, in nats (4 decimals)?",
        answer=-(0.9 * math.log(0.9) + 0.1 * math.log(0.1)),
        hint=[
            "The smoothed target is (0.9, 0.1).",
            "The minimum of H(t, p) over p is the entropy H(t), reached at p = t.",
        ],
        solution="H(0.9, 0.1) = -(0.9 ln 0.9 + 0.1 ln 0.1) = 0.3251 (lv.entropy([0.9, 0.1])).",
    ),
    Exercise(
        "Which term added to the loss tends to set the weights of useless features to zero?",
        answer="b",
        choices=[
            "An L2 penalty lambda * sum(w**2).",
            "An L1 penalty lambda * sum(|w|).",
            "Label smoothing.",
            "An MSE on the predicted probabilities.",
        ],
        hint="Compare the gradients: 2 lambda w shrinks in proportion; lambda sign(w) pulls by a constant amount.",
        solution="L1: its pull lambda * sign(w) does not weaken near 0, so a weight whose data gradient is smaller "
        "than lambda ends at 0. L2 only shrinks weights; smoothing and MSE act on predictions.",
    ),
]
