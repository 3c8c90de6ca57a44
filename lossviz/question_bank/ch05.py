"""Self-check questions of chapter 05 (softmax and many classes)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Trap

__all__ = ["QUESTIONS"]

_Z = np.array([1.0, 2.0, 0.0])
_P = lv.softmax(_Z)
_GRAD = lv.softmax_cross_entropy_grad([0], [_Z])[0]

_K = 10
_FLOOR = float(lv.softmax_cross_entropy([0], [np.eye(_K)[0]]))  # best 'logits' after a softmax
_UNIFORM = float(np.log(_K))

_ZX = np.array([0.0, -1000.0])
with np.errstate(divide="ignore"):
    _NAIVE = float(np.log(lv.softmax(_ZX))[1])  # -inf: the probability underflows to 0
_STABLE = float(lv.log_softmax(_ZX)[1])
_CE_Z = float(lv.softmax_cross_entropy([0], [_Z]))
_CE_Z_NAIVE = float(-np.log(lv.softmax(_Z)[0]))
_SHIFT_SAME = bool(np.allclose(lv.softmax(_Z), lv.softmax(_Z - 5.0)))

QUESTIONS = [
    Exercise(
        "Logits z = [1, 2, 0], true class 0. What is the gradient of the cross-entropy with "
        "respect to the logits (a list of 3 numbers, 3 decimals)?",
        answer=_GRAD.tolist(),
        decimals=3,
        traps=[
            Trap(
                -_GRAD,
                "Every entry has the right size, but the signs are flipped: that is "
                "onehot(y) − softmax(z), and the gradient is softmax(z) − onehot(y).",
                "sign",
            ),
            Trap(_P, "That is softmax(z) itself; subtract the one-hot target [1, 0, 0]."),
        ],
        hint=[
            "The gradient is softmax(z) - onehot(y).",
            "lv.softmax([1.0, 2.0, 0.0]) - [1, 0, 0], or "
            "lv.softmax_cross_entropy_grad([0], [[1.0, 2.0, 0.0]]).",
        ],
        solution=f"softmax(z) = {np.round(_P, 3).tolist()}, minus [1, 0, 0]: "
        f"{np.round(_GRAD, 3).tolist()}. The components sum to 0.",
    ),
    Exercise(
        "A model with K = 10 classes applies a softmax and then passes the probabilities to "
        "CrossEntropyLoss (a double softmax). What is the smallest loss it can ever reach, "
        "log(1 + (K - 1)/e), in nats (3 decimals)?",
        answer=_FLOOR,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                "A perfect model reaches 0 with one softmax; after a second one the 'logits' lie "
                "in [0, 1], so the true class never stands out by more than 1.",
            ),
            Trap(
                _UNIFORM,
                "That is log K, the loss of a uniform prediction; the double softmax does better "
                "than uniform, because the true class's input can be 1 and the others 0.",
            ),
        ],
        hint="The second softmax sees 'logits' in [0, 1]; at best the true class has 1 and the "
        "others 0.",
        solution=f"-log(e / (e + 9)) = log(1 + 9/e) = {_FLOOR:.3f} nats, even for a perfect model "
        "(lv.softmax_cross_entropy([0], [np.eye(10)[0]])).",
    ),
    Exercise(
        "lossviz computes the softmax cross-entropy from the logits, as logsumexp(z) - z_y, not "
        "as -log(softmax(z)[y]). Why?",
        answer="a",
        choices=[
            Choice(
                "For a very wrong class the probability underflows to 0, and -log 0 = inf; the "
                "log-sum-exp form never forms that probability.",
                why=f"With z = [0, −1000], softmax gives exactly 0 for class 1, so its log is "
                f"{_NAIVE}; lv.log_softmax gives the true {_STABLE:.0f}.",
            ),
            Choice(
                "The two formulas give different losses, and the log-sum-exp one is the "
                "correct loss.",
                why=f"In exact arithmetic they are the same number (at z = [1, 2, 0] both give "
                f"{_CE_Z:.4f}); only floating point loses it at extreme logits.",
            ),
            Choice(
                "Subtracting the largest logit changes the probabilities, which regularises the "
                "model.",
                why="Softmax does not change when one constant is subtracted from every logit; "
                "subtracting max(z) only keeps exp() from overflowing.",
            ),
            Choice(
                "It is faster.",
                why="Both need the same exponentials; the difference is in what they return at "
                "extreme logits, not in speed.",
            ),
        ],
        hint="Compute np.log(lv.softmax([0.0, -1000.0])) and lv.log_softmax([0.0, -1000.0]).",
        solution=f"softmax([0, -1000])[1] underflows to 0 and its log is {_NAIVE}, while "
        f"log_softmax = z - logsumexp(z) gives {_STABLE:.0f}. Where both are finite they agree "
        f"({_CE_Z:.4f} and {_CE_Z_NAIVE:.4f} at z = [1, 2, 0]); shifting the logits leaves the "
        f"softmax unchanged (softmax(z) equals softmax(z - 5): {_SHIFT_SAME}).",
    ),
    Exercise(
        "Which statement about seed 004 §4.2's cross_entropy_loss is true?",
        answer="c",
        choices=[
            Choice(
                "It runs and returns the binary cross-entropy of the three examples.",
                why="It does not run: a sum over axis 1 of a 1-D array raises AxisError.",
            ),
            Choice(
                "It only fails because of the unused batch_size variable.",
                why="An unused variable is harmless; the failure is the softmax over axis 1 of "
                "a 1-D array.",
            ),
            Choice(
                "It raises AxisError (axis 1 of a 1-D array), and it mixes a softmax with binary "
                "(1 - y) terms; binary labels with one logit each need bce_with_logits.",
            ),
            Choice(
                "Reshaping the inputs to (3, 1) repairs it.",
                why="A softmax over one column is 1 everywhere, so the code takes log(1 − 1) = "
                "log 0 and the loss is nan.",
            ),
        ],
        hint="Run lv.stability.try_call(lv.stability.source_004_cross_entropy, "
        "np.array([0, 1, 1]), np.array([-1.0, 0.0, 1.0])).",
        solution="(c). Reshaped to (3, 1) the softmax over one column is 1 everywhere, so the "
        "code takes log(1 - 1) = log 0 and the loss is nan: (d) is false; an unused variable is "
        "harmless (b).",
    ),
]
