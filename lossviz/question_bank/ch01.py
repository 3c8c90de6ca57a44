"""Self-check questions of chapter 01 (why loss functions)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_Y = np.array([1, 1, 1, 0])
_P = float(_Y.mean())  # where the gradient sigmoid(z) - mean(y) of the mean BCE is 0
_LOSS_AT_P = float(lv.bce(_Y, np.full(4, _P)))
_G = float(lv.bce_with_logits_grad(0.7, 0.0))  # the mean gradient at z = 0 with 70 % positives

QUESTIONS = [
    Exercise(
        N_(
            "Labels [1, 1, 1, 0]: one logit z predicts p = sigmoid(z) for "
            "every example and is trained by gradient descent on the mean BCE. "
            "Which probability p does it converge to?"
        ),
        answer=_P,
        misconceptions=("percent",),
        traps=[
            Trap(
                1 - _P,
                N_(
                    "That is the share of negatives; p is the predicted probability of "
                    "the positive class (y = 1)."
                ),
            )
        ],
        hint=[
            N_("The gradient of the mean BCE with respect to z is sigmoid(z) - mean(labels)."),
            N_(
                "Descent stops where the gradient is 0. Try "
                "lv.descent.constant_classifier([1, 1, 1, 0])."
            ),
        ],
        solution=Text(
            N_(
                "The gradient sigmoid(z) - {p:g} is 0 at p = {p:g}, the share of "
                "positives (the maximum-likelihood estimate); the loss there is "
                "the entropy of the labels, {loss_at_p:.3f} nats."
            ),
            p=_P,
            loss_at_p=_LOSS_AT_P,
        ),
    ),
    Exercise(
        N_("Same model, labels with 70 % positives. What is the gradient dL/dz at z = 0?"),
        answer=_G,
        traps=[
            Trap(
                -_G,
                N_(
                    "The size is right, but that is y − p: the gradient of BCE with "
                    "respect to the logit is p − y, negative here, so descent raises z."
                ),
                "sign",
            )
        ],
        hint=N_("sigmoid(0) = 0.5; the gradient is sigmoid(z) - 0.7."),
        solution=Text(
            N_(
                "0.5 - 0.7 = {g:.1f}. Negative: gradient descent (z <- z - lr * "
                "gradient) increases z, which raises p towards 0.7."
            ),
            g=_G,
        ),
    ),
    Exercise(
        N_("What does the choice of loss function decide in a deep network of sigmoid layers?"),
        answer="b",
        choices=[
            Choice(
                N_("Whether the gradient vanishes in the lowest layers."),
                why=N_(
                    "Each layer multiplies the gradient by w σ′(z) with σ′ ≤ 1/4, "
                    "whatever the loss: the loss cannot undo the hidden layers' "
                    "factors."
                ),
            ),
            Choice(
                N_("The gradient at the output, which back-propagation then passes down."),
                why=N_("The loss sets only the output gradient; the layers below scale it."),
            ),
            Choice(
                N_("Whether a very flexible model overfits."),
                why=N_(
                    "Overfitting depends on capacity, data and regularisation; BCE and "
                    "MSE both let a flexible model fit the noise."
                ),
            ),
            Choice(
                N_("Whether the loss surface in the weights has a single valley."),
                why=N_("A network's loss surface is non-convex in its weights with either loss."),
            ),
        ],
        hint=N_(
            "Look at lv.stability.sigmoid_chain_gradient: which factors come "
            "from the layers, which from the loss?"
        ),
        solution=N_(
            "The loss sets only the output gradient. Each layer multiplies it "
            "by a factor w * sigma'(z) with sigma' <= 1/4 whatever the loss; "
            "overfitting depends on capacity, data and regularisation; and a "
            "network's loss surface is non-convex with either loss."
        ),
    ),
]
