"""Self-check questions of chapter 04 (saturation)."""

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

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
        N_("A positive example (y = 1) has logit z = -2. What is dBCE/dz (3 decimals)?"),
        answer=_G1,
        decimals=3,
        traps=[
            Trap(_P1, N_("That is p = σ(−2); the gradient with respect to the logit is p − y.")),
            Trap(
                _G1_MSE,
                N_(
                    "That is dMSE/dz = 2(p − y)σ′(z); the question asks for BCE, whose "
                    "gradient is p − y."
                ),
            ),
        ],
        hint=[
            N_("Through a sigmoid, dBCE/dz = p - y."),
            N_("p = sigmoid(-2); check with lv.bce_with_logits_grad(1.0, -2.0)."),
        ],
        solution=Text(
            N_("p = sigmoid(-2) = {p1:.3f}, so dBCE/dz = {p1:.3f} - 1 = {g1:.3f}."),
            p1=_P1,
            g1=_G1,
        ),
    ),
    Exercise(
        N_(
            "With lossviz's mse, (p - y)^2 (no 1/2), what is the ratio "
            "|dBCE/dz| / |dMSE/dz| at z = 2 (for either label; 3 significant "
            "figures)?"
        ),
        answer=_RATIO2,
        sig=3,
        misconceptions=("half",),
        traps=[
            Trap(
                2 * _RATIO2,
                N_(
                    "That is the ratio for the textbook cost ½(p − y)²; this question "
                    "uses lossviz's mse, (p − y)², whose gradient is twice as large."
                ),
                "half",
            )
        ],
        hint=[
            N_("The ratio is 1 / (2 sigma'(z)) with sigma'(z) = p(1 - p)."),
            N_("Check with the explorer of section 3: ex.compute(z=2.0, y=1)['ratio']."),
        ],
        solution=Text(
            N_(
                "sigma(2) = {s2:.3f}, sigma'(2) = {d2:.3f}, ratio = 1 / (2 "
                "sigma'(2)) = {ratio2:.2f} ({ratio_half:.2f} with the textbook cost 1/2 (p "
                "- y)^2)."
            ),
            s2=_S2,
            d2=_D2,
            ratio2=_RATIO2,
            ratio_half=2 * _RATIO2,
        ),
    ),
    Exercise(
        N_("Which statement explains why cross-entropy trains a sigmoid output faster than MSE?"),
        answer="b",
        choices=[
            Choice(
                N_(
                    "Cross-entropy punishes wrong predictions harder, and a larger "
                    "loss means faster learning."
                ),
                why=N_(
                    "Multiplying a loss by a constant only rescales the learning rate; "
                    "10 × MSE still stalls at z = −6. The shape of the gradient is "
                    "what matters."
                ),
            ),
            Choice(
                N_(
                    "Its gradient with respect to the logit is p - y: the sigmoid's "
                    "slope sigma'(z) cancels, so a saturated, wrong neuron still gets "
                    "a large gradient."
                ),
            ),
            Choice(
                N_("Cross-entropy is convex in the weights of any network."),
                why=N_(
                    "It is convex in the logit, not in a network's weights: hidden "
                    "layers make the surface non-convex with any loss."
                ),
            ),
            Choice(
                N_("Cross-entropy has no vanishing-gradient problem in the hidden layers."),
                why=N_(
                    "The hidden layers' σ′ factors remain whatever the loss; the loss "
                    "sets only the output gradient."
                ),
            ),
        ],
        hint=N_("Compare 10 * MSE with BCE at z = -6: a bigger loss does not help."),
        solution=N_(
            "(b). Multiplying a loss by a constant only rescales the learning "
            "rate (a); convexity holds in the logits, not in a network's "
            "weights (c); the hidden layers' sigma' factors remain whatever "
            "the loss (d)."
        ),
    ),
    Exercise(
        N_(
            "Nielsen's neuron starts saturated and wrong: y = 1 at z = -6. "
            "Under the quadratic cost it barely moves for many epochs, then "
            "learns quickly; under cross-entropy it learns at once. Why is the "
            "quadratic cost slow at the start?"
        ),
        answer="c",
        choices=[
            Choice(
                N_("The quadratic cost is small there, so there is little left to learn."),
                why=Text(
                    N_(
                        "It is near its maximum: (σ(−6) − 1)² = {mse6:.3f} of at most 1. "
                        "The weights move by the gradient, not by the value."
                    ),
                    mse6=_MSE6,
                ),
            ),
            Choice(
                N_(
                    "The quadratic cost is not convex in z, so descent is stuck in a local minimum."
                ),
                why=N_(
                    "For one example, (σ(z) − 1)² decreases all the way as z grows: "
                    "there is no other minimum to be stuck in. The start is a plateau, "
                    "not a trap."
                ),
            ),
            Choice(
                N_(
                    "Its gradient carries the sigmoid's slope sigma'(z), which is tiny "
                    "when the neuron is saturated; cross-entropy's p - y is not."
                ),
                why=Text(
                    N_(
                        "σ′(−6) = {d6:.4f}, so the quadratic cost's gradient is "
                        "{ratio6:.0f} times smaller than cross-entropy's p − y there."
                    ),
                    d6=_D6,
                    ratio6=_RATIO6,
                ),
            ),
            Choice(
                N_("Cross-entropy was run with a larger learning rate."),
                why=Text(
                    N_(
                        "The chapter runs both at η = 0.15 (Nielsen's own cross-entropy "
                        "runs used a smaller rate, 0.005); the gradients differ in shape, "
                        "and no constant makes up a ratio that goes from 2 at z = 0 to "
                        "{ratio6:.0f} at z = −6."
                    ),
                    ratio6=_RATIO6,
                ),
            ),
        ],
        hint=N_("Compare lv.mse_sigmoid_grad(1.0, -6.0) with lv.bce_with_logits_grad(1.0, -6.0)."),
        solution=Text(
            N_(
                "At z = -6, sigma'(z) = {d6:.4f}: the quadratic cost's gradient "
                "2(p - y)sigma'(z) is {ratio6:.0f} times smaller than "
                "cross-entropy's p - y. It grows only once z nears 0, which is why "
                "the curve is flat first and then falls."
            ),
            d6=_D6,
            ratio6=_RATIO6,
        ),
    ),
]
