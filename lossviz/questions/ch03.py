"""Self-check questions of chapter 03 (BCE vs MSE)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "A NEGATIVE example (y = 0) is predicted at p = 0.9. What is its binary cross-entropy, "
        "in nats (3 decimals)?",
        answer=-math.log(0.1),
        hint=[
            "For y = 0 only the second term survives: -ln(1 - p).",
            "1 - p = 0.1; try np.log or lv.bce([0], [0.9]).",
        ],
        solution="-ln(1 - 0.9) = -ln 0.1 = 2.303 nats: the mirror image of a positive predicted at 0.1.",
    ),
    Exercise(
        "The same example (y = 0, p = 0.9) under MSE: what is (p - y)^2?",
        answer=0.81,
        hint="The error is 0.9 - 0 = 0.9; square it (or lv.mse([0], [0.9])).",
        solution="(0.9 - 0)^2 = 0.81. BCE charges 2.303 for the same mistake, and it would grow "
        "without bound as p -> 1, while MSE can never exceed 1.",
    ),
    Exercise(
        "Which statement about the squared error is true?",
        answer="c",
        choices=[
            "It penalises all errors equally, however large (seed 000 §2.2.3).",
            "Doubling the error doubles the penalty.",
            "Doubling the error quadruples the penalty; on a probability it is still bounded by 1.",
            "It is unbounded on probabilities, like cross-entropy.",
        ],
        hint="Compute lv.mse([0, 0], [0.2, 0.4], reduction='none'), then lv.mse([1], [0.0]).",
        solution="(2e)^2 = 4e^2, so the penalty grows quadratically (it is MAE that grows linearly). "
        "With y and p in [0, 1] the error is at most 1, so MSE <= 1, whereas BCE -> infinity "
        "as the prediction approaches the wrong certainty.",
    ),
    Exercise(
        "For a positive example (y = 1) predicted at p = 0.05, what is the gradient of BCE with "
        "respect to p?",
        answer=-20.0,
        hint=["For y = 1 the BCE gradient is -1/p.", "Check with lv.bce_grad_prob([1], [0.05])."],
        solution="-1/0.05 = -20 (MSE's gradient there is 2(0.05 - 1) = -1.9). The sign says: "
        "increase p.",
    ),
]
