"""Self-check question of chapter 00 (start here): a first try of the self-check API."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "A try-out: a cell above computed the binary cross-entropy of a positive example predicted at "
        "p = 0.8. What is the loss of a positive example predicted at p = 0.5 (3 decimals)?",
        answer=math.log(2),
        hint=[
            "For a positive example (y = 1) the binary cross-entropy is -ln p.",
            "Compute it with lv.bce([1], [0.5]) or np.log.",
        ],
        solution="-ln 0.5 = ln 2 = 0.693: a prediction of 0.5 says 'no idea', and costs one bit (0.693 nats). "
        "Chapter 03 compares it with the squared error, (1 - 0.5)^2 = 0.25.",
    ),
]
