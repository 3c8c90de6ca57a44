"""Self-check questions of chapter 05 (softmax and many classes)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

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
        N_(
            "Logits z = [1, 2, 0], true class 0. What is the gradient of the "
            "cross-entropy with respect to the logits (a list of 3 numbers, 3 "
            "decimals)?"
        ),
        answer=_GRAD.tolist(),
        decimals=3,
        traps=[
            Trap(
                -_GRAD,
                N_(
                    "Every entry has the right size, but the signs are flipped: that "
                    "is onehot(y) − softmax(z), and the gradient is softmax(z) − "
                    "onehot(y)."
                ),
                "sign",
            ),
            Trap(_P, N_("That is softmax(z) itself; subtract the one-hot target [1, 0, 0].")),
        ],
        hint=[
            N_("The gradient is softmax(z) - onehot(y)."),
            N_(
                "lv.softmax([1.0, 2.0, 0.0]) - [1, 0, 0], or "
                "lv.softmax_cross_entropy_grad([0], [[1.0, 2.0, 0.0]])."
            ),
        ],
        solution=Text(
            N_("softmax(z) = {p}, minus [1, 0, 0]: {grad}. The components sum to 0."),
            p=np.round(_P, 3).tolist(),
            grad=np.round(_GRAD, 3).tolist(),
        ),
    ),
    Exercise(
        N_(
            "A model with K = 10 classes applies a softmax and then passes the "
            "probabilities to CrossEntropyLoss (a double softmax). What is the "
            "smallest loss it can ever reach, log(1 + (K - 1)/e), in nats (3 "
            "decimals)?"
        ),
        answer=_FLOOR,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                N_(
                    "A perfect model reaches 0 with one softmax; after a second one "
                    "the 'logits' lie in [0, 1], so the true class never stands out by "
                    "more than 1."
                ),
            ),
            Trap(
                _UNIFORM,
                N_(
                    "That is log K, the loss of a uniform prediction; the double "
                    "softmax does better than uniform, because the true class's input "
                    "can be 1 and the others 0."
                ),
            ),
        ],
        hint=N_(
            "The second softmax sees 'logits' in [0, 1]; at best the true "
            "class has 1 and the others 0."
        ),
        solution=Text(
            N_(
                "-log(e / (e + 9)) = log(1 + 9/e) = {floor:.3f} nats, even for a "
                "perfect model (lv.softmax_cross_entropy([0], [np.eye(10)[0]]))."
            ),
            floor=_FLOOR,
        ),
    ),
    Exercise(
        N_(
            "lossviz computes the softmax cross-entropy from the logits, as "
            "logsumexp(z) - z_y, not as -log(softmax(z)[y]). Why?"
        ),
        answer="a",
        choices=[
            Choice(
                N_(
                    "For a very wrong class the probability underflows to 0, and -log "
                    "0 = inf; the log-sum-exp form never forms that probability."
                ),
                why=Text(
                    N_(
                        "With z = [0, −1000], softmax gives exactly 0 for class 1, so its "
                        "log is {naive}; lv.log_softmax gives the true {stable:.0f}."
                    ),
                    naive=_NAIVE,
                    stable=_STABLE,
                ),
            ),
            Choice(
                N_(
                    "The two formulas give different losses, and the log-sum-exp one "
                    "is the correct loss."
                ),
                why=Text(
                    N_(
                        "In exact arithmetic they are the same number (at z = [1, 2, 0] "
                        "both give {ce_z:.4f}); only floating point loses it at extreme "
                        "logits."
                    ),
                    ce_z=_CE_Z,
                ),
            ),
            Choice(
                N_(
                    "Subtracting the largest logit changes the probabilities, which "
                    "regularises the model."
                ),
                why=N_(
                    "Softmax does not change when one constant is subtracted from "
                    "every logit; subtracting max(z) only keeps exp() from overflowing."
                ),
            ),
            Choice(
                N_("It is faster."),
                why=N_(
                    "Both need the same exponentials; the difference is in what they "
                    "return at extreme logits, not in speed."
                ),
            ),
        ],
        hint=N_("Compute np.log(lv.softmax([0.0, -1000.0])) and lv.log_softmax([0.0, -1000.0])."),
        solution=Text(
            N_(
                "softmax([0, -1000])[1] underflows to 0 and its log is {naive}, "
                "while log_softmax = z - logsumexp(z) gives {stable:.0f}. Where "
                "both are finite they agree ({ce_z:.4f} and {ce_z_naive:.4f} at z "
                "= [1, 2, 0]); shifting the logits leaves the softmax unchanged "
                "(softmax(z) equals softmax(z - 5): {shift_same})."
            ),
            naive=_NAIVE,
            stable=_STABLE,
            ce_z=_CE_Z,
            ce_z_naive=_CE_Z_NAIVE,
            shift_same=_SHIFT_SAME,
        ),
    ),
    Exercise(
        N_("Which statement about seed 004 §4.2's cross_entropy_loss is true?"),
        answer="c",
        choices=[
            Choice(
                N_("It runs and returns the binary cross-entropy of the three examples."),
                why=N_("It does not run: a sum over axis 1 of a 1-D array raises AxisError."),
            ),
            Choice(
                N_("It only fails because of the unused batch_size variable."),
                why=N_(
                    "An unused variable is harmless; the failure is the softmax over "
                    "axis 1 of a 1-D array."
                ),
            ),
            Choice(
                N_(
                    "It raises AxisError (axis 1 of a 1-D array), and it mixes a "
                    "softmax with binary (1 - y) terms; binary labels with one logit "
                    "each need bce_with_logits."
                ),
            ),
            Choice(
                N_("Reshaping the inputs to (3, 1) repairs it."),
                why=N_(
                    "A softmax over one column is 1 everywhere, so the code takes "
                    "log(1 − 1) = log 0 and the loss is nan."
                ),
            ),
        ],
        hint=N_(
            "Run lv.stability.try_call(lv.stability.source_004_cross_entropy, "
            "np.array([0, 1, 1]), np.array([-1.0, 0.0, 1.0]))."
        ),
        solution=N_(
            "(c). Reshaped to (3, 1) the softmax over one column is 1 "
            "everywhere, so the code takes log(1 - 1) = log 0 and the loss is "
            "nan: (d) is false; an unused variable is harmless (b)."
        ),
    ),
]
