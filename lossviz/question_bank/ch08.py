"""Self-check questions of chapter 08 (regression and MSE)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_Y, _YHAT = np.array([1.0, 0.0]), np.array([0.0, 0.0])  # MSE 0.5
_MSE = float(lv.mse(_Y, _YHAT))
_NLL = float(lv.regression.gaussian_nll(_Y, _YHAT, sigma=1.0))
_CONST = _NLL - _MSE / 2  # 0.5 ln(2 pi)

_PRICES = np.array([100.0, 120.0, 130.0, 150.0, 1000.0])
_BEST_MAE = float(lv.regression.best_constant(_PRICES, "mae")[0])
_BEST_MSE = float(lv.regression.best_constant(_PRICES, "mse")[0])

_TARGETS = [-0.5, 0.5, 1.5]
_FLOOR = float(lv.regression.sigmoid_mse_floor(_TARGETS))

QUESTIONS = [
    Exercise(
        N_(
            "A regression model has MSE = 0.5 on its data. Under Gaussian "
            "noise with sigma = 1, what is the mean negative log-likelihood, "
            "in nats (4 decimals)?"
        ),
        answer=_NLL,
        decimals=4,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(_MSE / 2, N_("That is MSE/(2σ²) alone; the Gaussian NLL adds ½ ln(2πσ²).")),
            Trap(
                _MSE + _CONST,
                N_("That uses MSE/σ²; the density has (y − ŷ)²/(2σ²), so the MSE is halved."),
                "half",
            ),
            Trap(_CONST, N_("That is the constant ½ ln(2π) alone; add MSE/(2σ²).")),
        ],
        hint=[
            N_("NLL = MSE / (2 sigma^2) + 0.5 * log(2 pi sigma^2)."),
            Text(
                N_("0.5 * log(2 pi) = {const:.4f}."),
                const=_CONST,
            ),
        ],
        solution=Text(
            N_(
                "0.5 / 2 + 0.5 ln(2 pi) = {half_mse:.2f} + {const:.4f} = {nll:.4f}. Any "
                "sigma gives the same minimiser; lv.regression.gaussian_nll "
                "computes it."
            ),
            half_mse=_MSE / 2,
            const=_CONST,
            nll=_NLL,
        ),
    ),
    Exercise(
        N_(
            "Five house prices (k€): 100, 120, 130, 150 and 1000 (a typo). "
            "Which constant prediction minimises the MAE?"
        ),
        answer=_BEST_MAE,
        traps=[
            Trap(
                _BEST_MSE,
                N_(
                    "That is the mean, the best constant under MSE, dragged up by the "
                    "typo; the MAE's best constant is the median."
                ),
            )
        ],
        hint=N_("The MAE of a constant is smallest at the median of the data."),
        solution=Text(
            N_(
                "The median, {best_mae:g}: moving the prediction away from it adds "
                "more absolute error on one side than it removes on the other. The "
                "MSE's best constant is the mean, {best_mse:g}, dragged up by the "
                "typo (lv.regression.best_constant(prices, 'mae') and (prices, "
                "'mse'))."
            ),
            best_mae=_BEST_MAE,
            best_mse=_BEST_MSE,
        ),
    ),
    Exercise(
        N_(
            "An autoencoder must reproduce images normalised to [-1, 1]. Which "
            "output layer and loss?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("A sigmoid output with binary cross-entropy."),
                why=N_("A sigmoid cannot output −0.7, and BCE refuses targets outside [0, 1]."),
            ),
            Choice(N_("A linear (or tanh) output with MSE.")),
            Choice(
                N_("A sigmoid output with MSE."),
                why=N_(
                    "A sigmoid cannot reach the negative targets, so the MSE has a floor above 0."
                ),
            ),
            Choice(
                N_("A softmax over the pixels with cross-entropy."),
                why=N_(
                    "A softmax makes the pixels sum to 1: it describes one choice "
                    "among pixels, not an image's intensities, and cannot output "
                    "negative values."
                ),
            ),
        ],
        hint=N_("Which outputs can reach -0.7? And which loss accepts a target of -0.7?"),
        solution=N_(
            "Many targets are negative: a sigmoid cannot reach them (MSE then "
            "has a floor > 0) and BCE refuses them. A linear or tanh output "
            "with MSE can fit every target. Rescaling the images to [0, 1] "
            "would make sigmoid + BCE right."
        ),
    ),
    Exercise(
        N_(
            "Targets -0.5, 0.5 and 1.5 are fitted with sigmoid outputs under "
            "MSE. Sigmoid outputs lie strictly between 0 and 1, so the MSE "
            "approaches a floor without ever reaching it. What is that floor, "
            "the infimum of the MSE (4 decimals)?"
        ),
        answer=_FLOOR,
        decimals=4,
        traps=[
            Trap(
                0.0,
                N_(
                    "Sigmoid outputs lie in (0, 1): the targets −0.5 and 1.5 cannot be "
                    "reached, so the MSE cannot go to 0."
                ),
            ),
            Trap(3 * _FLOOR, N_("That is the sum of the squared gaps; the MSE is their mean.")),
        ],
        hint=N_(
            "Each output's best value is its target clipped to [0, 1], approached as z -> ±inf."
        ),
        solution=Text(
            N_(
                "The clipped targets are 0, 0.5 and 1, so the squared gaps are "
                "0.25, 0 and 0.25: the infimum is 0.5 / 3 = {floor:.4f} "
                "(lv.regression.sigmoid_mse_floor), approached as the logits grow "
                "without bound and never attained."
            ),
            floor=_FLOOR,
        ),
    ),
]
