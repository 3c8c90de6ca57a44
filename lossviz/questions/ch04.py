"""Self-check questions of chapter 04 (saturation)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

_S2 = 1 / (1 + math.exp(-2.0))

QUESTIONS = [
    Exercise(
        "A positive example (y = 1) has logit z = -2. What is dBCE/dz (3 decimals)?",
        answer=1 / (1 + math.exp(2.0)) - 1,
        hint=[
            "Through a sigmoid, dBCE/dz = p - y.",
            "p = sigmoid(-2); check with lv.bce_with_logits_grad(1.0, -2.0).",
        ],
        solution="p = sigmoid(-2) = 0.119, so dBCE/dz = 0.119 - 1 = -0.881.",
    ),
    Exercise(
        "With lossviz's mse, (p - y)^2 (no 1/2), what is the ratio |dBCE/dz| / |dMSE/dz| at z = 2 "
        "(for either label; 3 significant figures)?",
        answer=1 / (2 * _S2 * (1 - _S2)),
        hint=[
            "The ratio is 1 / (2 sigma'(z)) with sigma'(z) = p(1 - p).",
            "Check with the explorer of section 3: ex.compute(z=2.0, y=1)['ratio'].",
        ],
        solution="sigma(2) = 0.881, sigma'(2) = 0.105, ratio = 1 / 0.210 = 4.77 "
        "(9.53 with the textbook cost 1/2 (p - y)^2).",
    ),
    Exercise(
        "Which statement explains why cross-entropy trains a sigmoid output faster than MSE?",
        answer="b",
        choices=[
            "Cross-entropy punishes wrong predictions harder, and a larger loss means faster learning.",
            "Its gradient with respect to the logit is p - y: the sigmoid's slope sigma'(z) cancels, "
            "so a saturated, wrong neuron still gets a large gradient.",
            "Cross-entropy is convex in the weights of any network.",
            "Cross-entropy has no vanishing-gradient problem in the hidden layers.",
        ],
        hint="Compare 10 * MSE with BCE at z = -6: a bigger loss does not help.",
        solution="(b). Multiplying a loss by a constant only rescales the learning rate (a); "
        "convexity holds in the logits, not in a network's weights (c); the hidden layers' "
        "sigma' factors remain whatever the loss (d).",
    ),
    Exercise(
        "A chain of ten sigmoid units with unit weights: back-propagation multiplies the gradient "
        "by one factor sigma'(z) <= 1/4 per unit. What is the largest possible total factor "
        "(3 significant figures)?",
        answer=0.25**10,
        rtol=1e-3,
        hint="sigma'(z) <= 1/4, one factor per layer.",
        solution="(1/4)^10 = 9.54e-07 (lv.stability.sigmoid_chain_gradient(10, w=1.0, b=-0.5, x=0.5)[0]).",
    ),
]
