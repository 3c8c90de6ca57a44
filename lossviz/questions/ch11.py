"""Self-check questions of chapter 11 (FAQ and errata)."""

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "A sigmoid output predicts p = 0.1 for a positive example (y = 1). By what factor is the cross-entropy "
        "gradient with respect to the logit larger than the MSE one, (p - y)^2 without 1/2? (3 decimals)",
        answer=1 / (2 * 0.1 * 0.9),
        hint=["dBCE/dz = p - y; dMSE/dz = 2 (p - y) p (1 - p).", "The ratio is 1 / (2 p (1 - p))."],
        solution="1 / (2 * 0.1 * 0.9) = 5.556. At p = 0.0025 (z = -6) it is about 203 "
        "(lv.bce_with_logits_grad / lv.mse_sigmoid_grad).",
    ),
    Exercise(
        "A multi-task loss is L = CE + 0.5 * MSE. For one parameter, dCE/dθ = 0.3 and dMSE/dθ = -0.4. "
        "What is dL/dθ?",
        answer=0.1,
        hint="The gradient of a weighted sum is the weighted sum of the gradients.",
        solution="0.3 + 0.5 * (-0.4) = 0.1. Seed 001 §6 Q5's 'cannot be combined directly' is wrong; "
        "lv.regression.train_two_head trains such a loss.",
    ),
    Exercise(
        "Which is a genuine drawback of cross-entropy?",
        answer="b",
        choices=[
            "It can only be used for classification.",
            "A confidently predicted example with a wrong label costs without bound, and keeps a full-size gradient.",
            "Unlike MSE, it is dominated by the majority class on imbalanced data.",
            "It cannot be added to an MSE in one loss.",
        ],
        hint="Compute lv.bce([0], [0.999999]) and lv.mse([0], [0.999999]).",
        solution="(b): -log(1 - p) grows without bound and its gradient p - y stays near 1, so label noise pulls "
        "hard. (a), (c) and (d) are the sources' claims, each refuted in this chapter.",
    ),
]
