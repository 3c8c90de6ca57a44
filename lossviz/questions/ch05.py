"""Self-check questions of chapter 05 (softmax and many classes)."""

import math

import numpy as np

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

_Z = np.array([1.0, 2.0, 0.0])
_P = np.exp(_Z) / np.exp(_Z).sum()

QUESTIONS = [
    Exercise(
        "Logits z = [1, 2, 0], true class 0. What is the gradient of the cross-entropy with respect "
        "to the logits (a list of 3 numbers, 3 decimals)?",
        answer=(_P - np.array([1.0, 0.0, 0.0])).tolist(),
        hint=[
            "The gradient is softmax(z) - onehot(y).",
            "lv.softmax([1.0, 2.0, 0.0]) - [1, 0, 0], or lv.softmax_cross_entropy_grad([0], [[1.0, 2.0, 0.0]]).",
        ],
        solution="softmax(z) = [0.245, 0.665, 0.090], minus [1, 0, 0]: [-0.755, 0.665, 0.090]. "
        "The components sum to 0.",
        atol=1e-3,
    ),
    Exercise(
        "A model with K = 10 classes applies a softmax and then passes the probabilities to "
        "CrossEntropyLoss (a double softmax). What is the smallest loss it can ever reach, "
        "log(1 + (K - 1)/e), in nats (3 decimals)?",
        answer=math.log(1 + 9 / math.e),
        hint="The second softmax sees 'logits' in [0, 1]; at best the true class has 1 and the others 0.",
        solution="-log(e / (e + 9)) = log(1 + 9/e) = 1.460 nats, even for a perfect model.",
    ),
    Exercise(
        "What does the log-sum-exp trick compute for log(e^1000 + e^1000) (3 decimals)?",
        answer=1000 + math.log(2),
        rtol=1e-9,
        atol=1e-3,
        hint="m + log(sum of e^(z - m)) with m = 1000.",
        solution="1000 + log(e^0 + e^0) = 1000 + log 2 = 1000.693 "
        "(lv.stability.stable_logsumexp([1000.0, 1000.0])); the naive formula gives inf.",
    ),
    Exercise(
        "Which statement about seed 004 §4.2's cross_entropy_loss is true?",
        answer="c",
        choices=[
            "It runs and returns the binary cross-entropy of the three examples.",
            "It only fails because of the unused batch_size variable.",
            "It raises AxisError (axis 1 of a 1-D array), and it mixes a softmax with binary (1 - y) terms; "
            "binary labels with one logit each need bce_with_logits.",
            "Reshaping the inputs to (3, 1) repairs it.",
        ],
        hint="Run lv.stability.try_call(lv.stability.source_004_cross_entropy, np.array([0, 1, 1]), np.array([-1.0, 0.0, 1.0])).",
        solution="(c). Reshaped to (3, 1) the softmax over one column is 1 everywhere, so the code takes "
        "log(1 - 1) = log 0 and the loss is nan: (d) is false; an unused variable is harmless (b).",
    ),
]
