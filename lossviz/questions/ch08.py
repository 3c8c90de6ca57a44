"""Self-check questions of chapter 08 (regression and MSE)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "A regression model has MSE = 0.5 on its data. Under Gaussian noise with sigma = 1, what is the "
        "mean negative log-likelihood, in nats (4 decimals)?",
        answer=0.5 / 2 + 0.5 * math.log(2 * math.pi),
        hint=["NLL = MSE / (2 sigma^2) + 0.5 * log(2 pi sigma^2).", "0.5 * log(2 pi) = 0.9189."],
        solution="0.5 / 2 + 0.5 ln(2 pi) = 0.25 + 0.9189 = 1.1689. Any sigma gives the same minimiser; "
        "lv.regression.gaussian_nll computes it.",
    ),
    Exercise(
        "Five house prices (k€): 100, 120, 130, 150 and 1000 (a typo). Which constant prediction minimises "
        "the MAE?",
        answer=130.0,
        hint="The MAE of a constant is smallest at the median of the data.",
        solution="The median, 130: moving the prediction away from it adds more absolute error on one side than "
        "it removes on the other. The MSE's best constant is the mean, 300, dragged up by the typo "
        "(lv.regression.best_constant(prices, 'mae') and (prices, 'mse')).",
    ),
    Exercise(
        "An autoencoder must reproduce images normalised to [-1, 1]. Which output layer and loss?",
        answer="b",
        choices=[
            "A sigmoid output with binary cross-entropy.",
            "A linear (or tanh) output with MSE.",
            "A sigmoid output with MSE.",
            "A softmax over the pixels with cross-entropy.",
        ],
        hint="Which outputs can reach -0.7? And which loss accepts a target of -0.7?",
        solution="Many targets are negative: a sigmoid cannot reach them (MSE then has a floor > 0) and "
        "BCE refuses them. A linear or tanh output with MSE can fit every target. Rescaling the "
        "images to [0, 1] would make sigmoid + BCE right.",
    ),
    Exercise(
        "Targets -0.5, 0.5 and 1.5 are fitted with sigmoid outputs under MSE. What is the lowest MSE any "
        "outputs can reach (4 decimals)?",
        answer=(0.25 + 0 + 0.25) / 3,
        hint="Each output's best value is its target clipped to [0, 1].",
        solution="The clipped targets are 0, 0.5 and 1, so the squared gaps are 0.25, 0 and 0.25: the floor is "
        "0.5 / 3 = 0.1667 (lv.regression.sigmoid_mse_floor).",
    ),
]
