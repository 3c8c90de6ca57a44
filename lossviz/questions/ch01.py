"""Self-check questions of chapter 01 (why loss functions)."""

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "Labels [1, 1, 1, 0]: one logit z predicts p = sigmoid(z) for every example and is trained by "
        "gradient descent on the mean BCE. Which probability p does it converge to?",
        answer=0.75,
        hint=[
            "The gradient of the mean BCE with respect to z is sigmoid(z) - mean(labels).",
            "Descent stops where the gradient is 0. Try lv.descent.constant_classifier([1, 1, 1, 0]).",
        ],
        solution="The gradient sigmoid(z) - 0.75 is 0 at p = 0.75, the share of positives (the maximum-"
        "likelihood estimate); the loss there is the entropy of the labels, 0.562 nats.",
    ),
    Exercise(
        "Same model, labels with 70 % positives. What is the gradient dL/dz at z = 0?",
        answer=-0.2,
        hint="sigmoid(0) = 0.5; the gradient is sigmoid(z) - 0.7.",
        solution="0.5 - 0.7 = -0.2. Negative: gradient descent (z <- z - lr * gradient) increases z, "
        "which raises p towards 0.7.",
    ),
    Exercise(
        "What does the choice of loss function decide in a deep network of sigmoid layers?",
        answer="b",
        choices=[
            "Whether the gradient vanishes in the lowest layers.",
            "The gradient at the output, which back-propagation then passes down.",
            "Whether a very flexible model overfits.",
            "Whether the loss surface in the weights has a single valley.",
        ],
        hint="Look at lv.stability.sigmoid_chain_gradient: which factors come from the layers, which from the loss?",
        solution="The loss sets only the output gradient. Each layer multiplies it by a factor w * sigma'(z) "
        "with sigma' <= 1/4 whatever the loss; overfitting depends on capacity, data and "
        "regularisation; and a network's loss surface is non-convex with either loss.",
    ),
]
