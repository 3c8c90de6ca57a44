"""Self-check questions of chapter 04 (saturation)."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Trap

__all__ = ["QUESTIONS"]

_G1 = float(lv.bce_with_logits_grad(1.0, -2.0))
_P1 = float(lv.sigmoid(-2.0))
_G1_MSE = float(lv.mse_sigmoid_grad(1.0, -2.0))

_S2 = float(lv.sigmoid(2.0))
_D2 = _S2 * (1 - _S2)
_RATIO2 = float(lv.bce_with_logits_grad(1.0, 2.0) / lv.mse_sigmoid_grad(1.0, 2.0))

# Nielsen's neuron, saturated and wrong
_Z6 = -6.0
_P6 = float(lv.sigmoid(_Z6))
_D6 = _P6 * (1 - _P6)
_MSE6 = float(lv.mse([1.0], [_P6]))
_RATIO6 = float(lv.bce_with_logits_grad(1.0, _Z6) / lv.mse_sigmoid_grad(1.0, _Z6))

QUESTIONS = [
    Exercise(
        "A positive example (y = 1) has logit z = -2. What is dBCE/dz (3 decimals)?",
        answer=_G1,
        decimals=3,
        traps=[
            Trap(_P1, "That is p = σ(−2); the gradient with respect to the logit is p − y."),
            Trap(
                _G1_MSE,
                "That is dMSE/dz = 2(p − y)σ′(z); the question asks for BCE, whose gradient is "
                "p − y.",
            ),
        ],
        hint=[
            "Through a sigmoid, dBCE/dz = p - y.",
            "p = sigmoid(-2); check with lv.bce_with_logits_grad(1.0, -2.0).",
        ],
        solution=f"p = sigmoid(-2) = {_P1:.3f}, so dBCE/dz = {_P1:.3f} - 1 = {_G1:.3f}.",
    ),
    Exercise(
        "With lossviz's mse, (p - y)^2 (no 1/2), what is the ratio |dBCE/dz| / |dMSE/dz| at "
        "z = 2 (for either label; 3 significant figures)?",
        answer=_RATIO2,
        sig=3,
        misconceptions=("half",),
        traps=[
            Trap(
                2 * _RATIO2,
                "That is the ratio for the textbook cost ½(p − y)²; this question uses lossviz's "
                "mse, (p − y)², whose gradient is twice as large.",
                "half",
            )
        ],
        hint=[
            "The ratio is 1 / (2 sigma'(z)) with sigma'(z) = p(1 - p).",
            "Check with the explorer of section 3: ex.compute(z=2.0, y=1)['ratio'].",
        ],
        solution=f"sigma(2) = {_S2:.3f}, sigma'(2) = {_D2:.3f}, ratio = 1 / (2 sigma'(2)) = "
        f"{_RATIO2:.2f} ({2 * _RATIO2:.2f} with the textbook cost 1/2 (p - y)^2).",
    ),
    Exercise(
        "Which statement explains why cross-entropy trains a sigmoid output faster than MSE?",
        answer="b",
        choices=[
            Choice(
                "Cross-entropy punishes wrong predictions harder, and a larger loss means faster "
                "learning.",
                why="Multiplying a loss by a constant only rescales the learning rate; 10 × MSE "
                "still stalls at z = −6. The shape of the gradient is what matters.",
            ),
            Choice(
                "Its gradient with respect to the logit is p - y: the sigmoid's slope sigma'(z) "
                "cancels, so a saturated, wrong neuron still gets a large gradient.",
            ),
            Choice(
                "Cross-entropy is convex in the weights of any network.",
                why="It is convex in the logit, not in a network's weights: hidden layers make "
                "the surface non-convex with any loss.",
            ),
            Choice(
                "Cross-entropy has no vanishing-gradient problem in the hidden layers.",
                why="The hidden layers' σ′ factors remain whatever the loss; the loss sets only "
                "the output gradient.",
            ),
        ],
        hint="Compare 10 * MSE with BCE at z = -6: a bigger loss does not help.",
        solution="(b). Multiplying a loss by a constant only rescales the learning rate (a); "
        "convexity holds in the logits, not in a network's weights (c); the hidden layers' "
        "sigma' factors remain whatever the loss (d).",
    ),
    Exercise(
        "Nielsen's neuron starts saturated and wrong: y = 1 at z = -6. Under the quadratic cost it "
        "barely moves for many epochs, then learns quickly; under cross-entropy it learns at once. "
        "Why is the quadratic cost slow at the start?",
        answer="c",
        choices=[
            Choice(
                "The quadratic cost is small there, so there is little left to learn.",
                why=f"It is near its maximum: (σ(−6) − 1)² = {_MSE6:.3f} of at most 1. The "
                "weights move by the gradient, not by the value.",
            ),
            Choice(
                "The quadratic cost is not convex in z, so descent is stuck in a local minimum.",
                why="For one example, (σ(z) − 1)² decreases all the way as z grows: there is no "
                "other minimum to be stuck in. The start is a plateau, not a trap.",
            ),
            Choice(
                "Its gradient carries the sigmoid's slope sigma'(z), which is tiny when the "
                "neuron is saturated; cross-entropy's p - y is not.",
                why=f"σ′(−6) = {_D6:.4f}, so the quadratic cost's gradient is {_RATIO6:.0f} times "
                "smaller than cross-entropy's p − y there.",
            ),
            Choice(
                "Cross-entropy was run with a larger learning rate.",
                why="The chapter runs both at η = 0.15 (Nielsen's own cross-entropy runs used a "
                "smaller rate, 0.005); the gradients differ in shape, and no constant makes up a "
                f"ratio that goes from 2 at z = 0 to {_RATIO6:.0f} at z = −6.",
            ),
        ],
        hint="Compare lv.mse_sigmoid_grad(1.0, -6.0) with lv.bce_with_logits_grad(1.0, -6.0).",
        solution=f"At z = -6, sigma'(z) = {_D6:.4f}: the quadratic cost's gradient "
        f"2(p - y)sigma'(z) is {_RATIO6:.0f} times smaller than cross-entropy's p - y. It grows "
        "only once z nears 0, which is why the curve is flat first and then falls.",
    ),
]
