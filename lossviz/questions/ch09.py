"""Self-check questions of chapter 09 (from scratch)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "Logistic regression with w = [0, 0] and b = 0, one example x = [1, 2] with label y = 1. "
        "What is the gradient of the BCE with respect to w? (Give a list of two numbers.)",
        answer=[-0.5, -1.0],
        hint=["At w = 0 the prediction is p = sigmoid(0) = 0.5.", "The gradient is (p - y) * x."],
        solution="(0.5 - 1) * [1, 2] = [-0.5, -1.0]. Check: "
        "lv.train.logistic_regression_grad(np.array([[1.0, 2.0]]), np.array([1]), [0.0, 0.0], 0.0).",
    ),
    Exercise(
        "Seed 002 §4.1 computes dw = -X.T.dot(y_hat - y) and then w -= learning_rate * dw. "
        "What does this update do to the loss (with the shapes repaired)?",
        answer="b",
        choices=[
            "It decreases the loss: this is gradient descent.",
            "It increases the loss: minus the gradient is subtracted, i.e. gradient ascent on w.",
            "It raises a shape error.",
            "It leaves w unchanged.",
        ],
        hint="The gradient of the summed BCE with respect to w is +X.T @ (y_hat - y).",
        solution="dw is minus the gradient, so w -= lr * dw adds lr times the gradient: after a first dip the loss "
        "printed every 100 epochs rises (lv.errata.repair_stages('002 §4.1')). Use dw = X.T @ (y_hat - y).",
    ),
    Exercise(
        "Two negative examples (y = 0) are both predicted at p = 0.99. Seed 003 §4.1's function gives them "
        "loss 0. What is their mean binary cross-entropy (4 decimals)?",
        answer=-math.log(0.01),
        hint="For y = 0 the binary cross-entropy is -ln(1 - p).",
        solution="-ln(0.01) = 4.6052 for each, so the mean is 4.6052 (lv.bce([0, 0], [0.99, 0.99])). The source "
        "multiplies log p by the label, so every negative example costs nothing.",
    ),
]
