"""Self-check question of chapter 00 (start here): a first try of the self-check API."""

import lossviz as lv
from lossviz.exercises import Exercise, Trap

__all__ = ["QUESTIONS"]

_BCE = float(lv.bce([1], [0.5]))  # ln 2
_MSE = float(lv.mse([1], [0.5]))

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
]
