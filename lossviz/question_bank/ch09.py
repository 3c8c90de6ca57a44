"""Self-check questions of chapter 09 (from scratch)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_X, _YL = np.array([[1.0, 2.0]]), np.array([1])
_DW = lv.train.logistic_regression_grad(_X, _YL, [0.0, 0.0], 0.0)[0]
_NEG = float(lv.bce([0, 0], [0.99, 0.99]))
_POS = float(lv.bce([1, 1], [0.99, 0.99]))


def _check_solution():
    """Computed when asked (it trains the loops once): the chapter's 'no (1-y) term' run."""
    runs = lv.scratch.bug_runs()
    bad, good = runs["no_neg", False, 0.5], runs["none (odd)", False, 0.5]
    return Text(
        N_(
            "The check passes whenever the gradient is the derivative of the loss you wrote, "
            "right or wrong. lv.BugSwitchExplorer's 'no (1-y) term' setting: relative error "
            "{relative_error:.1e}, reported loss {reported:.3f}, held-out loss "
            "{test_loss:.3f} against {full_test_loss:.3f} for the full BCE."
        ),
        relative_error=bad["check"]["relative_error"],
        reported=bad["reported"][-1],
        test_loss=bad["test_loss"][-1],
        full_test_loss=good["test_loss"][-1],
    )


QUESTIONS = [
    Exercise(
        N_(
            "Logistic regression with w = [0, 0] and b = 0, one example x = "
            "[1, 2] with label y = 1. What is the gradient of the BCE with "
            "respect to w? (Give a list of two numbers.)"
        ),
        answer=_DW.tolist(),
        traps=[
            Trap(
                -_DW,
                N_(
                    "Every entry has the right size, but the signs are flipped: that "
                    "is (y − p)·x, and the gradient is (p − y)·x. Descending along (y "
                    "− p)·x climbs the loss (seed 002's bug)."
                ),
                "sign",
            )
        ],
        hint=[
            N_("At w = 0 the prediction is p = sigmoid(0) = 0.5."),
            N_("The gradient is (p - y) * x."),
        ],
        solution=Text(
            N_(
                "(0.5 - 1) * [1, 2] = {dw}. Check: "
                "lv.train.logistic_regression_grad(np.array([[1.0, 2.0]]), "
                "np.array([1]), [0.0, 0.0], 0.0)."
            ),
            dw=_DW.tolist(),
        ),
    ),
    Exercise(
        N_(
            "Seed 002 §4.1 computes dw = -X.T.dot(y_hat - y) and then w -= "
            "learning_rate * dw. What does this update do to the loss (with "
            "the shapes repaired)?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("It decreases the loss: this is gradient descent."),
                why=N_(
                    "The update climbs: dw is minus the gradient, so w −= lr · dw adds "
                    "lr times the gradient."
                ),
            ),
            Choice(
                N_(
                    "It increases the loss: minus the gradient is subtracted, i.e. "
                    "gradient ascent on w."
                ),
            ),
            Choice(
                N_("It raises a shape error."),
                why=N_("The question repairs the shapes; X.T @ (y_hat − y) then has w's shape."),
            ),
            Choice(
                N_("It leaves w unchanged."),
                why=N_(
                    "The weights do move: dw is not 0 while the predictions are wrong, "
                    "so w moves, in the wrong direction."
                ),
            ),
        ],
        hint=N_("The gradient of the summed BCE with respect to w is +X.T @ (y_hat - y)."),
        solution=N_(
            "dw is minus the gradient, so w -= lr * dw adds lr times the "
            "gradient: after a first dip the loss printed every 100 epochs "
            "rises (lv.errata.repair_stages('002 §4.1')). Use dw = X.T @ "
            "(y_hat - y)."
        ),
    ),
    Exercise(
        N_(
            "Two negative examples (y = 0) are both predicted at p = 0.99. "
            "Seed 003 §4.1's function gives them loss 0. What is their mean "
            "binary cross-entropy, in nats (4 decimals)?"
        ),
        answer=_NEG,
        decimals=4,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                N_(
                    "That is what the source's function returns: it multiplies log p "
                    "by the label, so negatives cost nothing. BCE's (1 − y) term "
                    "charges them −ln(1 − p)."
                ),
            ),
            Trap(
                _POS,
                N_("That is −ln 0.99, the loss of a positive example; for y = 0 use −ln(1 − p)."),
            ),
        ],
        hint=N_("For y = 0 the binary cross-entropy is -ln(1 - p)."),
        solution=Text(
            N_(
                "-ln(0.01) = {neg:.4f} for each, so the mean is {neg:.4f} "
                "(lv.bce([0, 0], [0.99, 0.99])). The source multiplies log p by "
                "the label, so every negative example costs nothing."
            ),
            neg=_NEG,
        ),
    ),
    Exercise(
        N_(
            "You switch on seed 003 §4.1's loss -sum(y * log p) (the (1 - y) "
            "term missing) on a binary task and differentiate that loss "
            "correctly. The gradient check reports a relative error of 1e-10. "
            "What does that tell you?"
        ),
        answer="c",
        choices=[
            Choice(
                N_("The training is correct."),
                why=N_(
                    "The check compares the gradient with the loss it came from; here "
                    "the loss itself is wrong, and the held-out loss rises while the "
                    "reported loss falls to 0."
                ),
            ),
            Choice(
                N_("The gradient has the wrong sign."),
                why=N_("A flipped sign gives a relative error of exactly 1, not 1e-10."),
            ),
            Choice(
                N_(
                    "Only that the gradient matches this loss: the check cannot see a "
                    "wrong loss; the held-out loss can."
                ),
            ),
            Choice(
                N_("Nothing: a relative error of 1e-10 is too large to trust."),
                why=N_(
                    "Central differences agree with a right gradient to about 1e-9 to "
                    "1e-11; 1e-10 is a pass."
                ),
            ),
        ],
        hint=N_(
            "A gradient check compares a gradient with the numerical derivative of the same loss."
        ),
        solution=lambda: _check_solution(),
    ),
]
