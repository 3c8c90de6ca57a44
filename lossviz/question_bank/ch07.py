"""Self-check questions of chapter 07 (class imbalance)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

# 900 negatives, 100 positives, a model at z = 0 (p = 0.5 for every example)
_Y = np.array([0] * 900 + [1] * 100)
_Z0 = np.zeros(_Y.size)
_SHARE_BCE = lv.imbalance.share_by_class(_Y, lv.bce_with_logits_grad(_Y, _Z0))
_SHARE_MSE = lv.imbalance.share_by_class(_Y, lv.mse_sigmoid_grad(_Y, _Z0))
_BASE_RATE = float(_Y.mean())

# accuracy of "always negative" with 990 : 10
_Y2 = np.array([0] * 990 + [1] * 10)
_ACC = 100 * float(lv.metrics.accuracy(_Y2, np.zeros_like(_Y2)))
_REC = float(lv.metrics.recall(_Y2, np.zeros_like(_Y2)))


def _focal_ratio(p_t, gamma=2.0):
    """How many times smaller the focal loss is than cross-entropy at p_t."""
    z = lv.logit(p_t)
    return float(lv.bce_with_logits([1], [z]) / lv.focal_loss_with_logits([1], [z], gamma=gamma))


_EASY, _HARD = _focal_ratio(0.9), _focal_ratio(0.1)

QUESTIONS = [
    Exercise(
        N_(
            "900 negatives and 100 positives. Seed 000 §8.2 says cross-entropy "
            "is biased towards the majority class. What makes a classifier "
            "trained with the mean loss favour the majority?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("Cross-entropy itself: with MSE the classes would count equally."),
                why=Text(
                    N_(
                        "At z = 0 the negatives carry {share_bce_0:.2f} of the summed "
                        "gradient with BCE and {share_mse_0:.2f} with MSE: the imbalance "
                        "is in the data, not in the loss."
                    ),
                    share_bce_0=_SHARE_BCE[0],
                    share_mse_0=_SHARE_MSE[0],
                ),
            ),
            Choice(
                N_(
                    "The average: each class gets its share n_c/n of the loss and of "
                    "the gradient, with any loss."
                ),
                why=Text(
                    N_(
                        "Here the negatives' share is {share_bce_0:.2f} = 900/1000, for "
                        "BCE and MSE alike; class weights or resampling change the shares."
                    ),
                    share_bce_0=_SHARE_BCE[0],
                ),
            ),
            Choice(
                N_("The logarithm gives the rare examples a smaller loss."),
                why=N_(
                    "An example's loss depends on its prediction, not on how common "
                    "its class is: a positive predicted at p costs −ln p whether "
                    "positives are 10 % or 50 %."
                ),
            ),
            Choice(
                N_("Nothing: cross-entropy makes a model predict each class equally often."),
                why=Text(
                    N_(
                        "A constant model trained with cross-entropy converges to the base "
                        "rate, p = {base_rate:g} (chapter 01): it reproduces the imbalance."
                    ),
                    base_rate=_BASE_RATE,
                ),
            ),
        ],
        hint=N_(
            "lv.imbalance.share_by_class(y, lv.bce_with_logits_grad(y, z)) at "
            "z = 0; then the same with lv.mse_sigmoid_grad."
        ),
        solution=Text(
            N_(
                "Each class's share of an averaged loss is n_c/n: the negatives "
                "carry {share_bce_0:.2f} of the gradient at z = 0 with BCE and "
                "{share_mse_0:.2f} with MSE."
            ),
            share_bce_0=_SHARE_BCE[0],
            share_mse_0=_SHARE_MSE[0],
        ),
    ),
    Exercise(
        N_(
            "990 negatives and 10 positives. A model says 'negative' for every "
            "example. What is its accuracy, as a percentage?"
        ),
        answer=_ACC,
        rtol=1e-3,
        misconceptions=("fraction",),
        hint=N_(
            "Accuracy counts the right predictions: every negative is right, "
            "every positive is wrong. Or lv.metrics.accuracy(y, "
            "np.zeros_like(y))."
        ),
        solution=Text(
            N_(
                "990 / 1000 = {acc:g} %, and its recall of the positives is "
                "{rec:g}: accuracy hides the imbalance. Judge by precision, recall "
                "and calibration, on held-out data."
            ),
            acc=_ACC,
            rec=_REC,
        ),
    ),
    Exercise(
        N_(
            "Focal loss multiplies each example's cross-entropy by (1 - "
            "p_t)^gamma. With gamma = 2, what does that do?"
        ),
        answer="a",
        choices=[
            Choice(
                N_(
                    "It down-weights the easy, well-classified examples, so the hard "
                    "ones dominate the gradient."
                ),
                why=Text(
                    N_(
                        "At p_t = 0.9 the loss is {easy:.0f} times smaller than "
                        "cross-entropy, at p_t = 0.1 only {hard:.2f} times."
                    ),
                    easy=_EASY,
                    hard=_HARD,
                ),
            ),
            Choice(
                N_("It up-weights the rare class."),
                why=N_(
                    "(1 − p_t)^γ depends on how well an example is classified, not on "
                    "its class; weighting by class is α's job (and α = 0.25 "
                    "down-weights the positives)."
                ),
            ),
            Choice(
                N_("It makes every model's probabilities better calibrated."),
                why=N_(
                    "On this chapter's well-specified logistic model it makes them "
                    "less calibrated; for over-confident deep networks it often helps "
                    "(Mukhoti et al., 2020). It is not a calibration method in general."
                ),
            ),
            Choice(
                N_("It is cross-entropy with class weights."),
                why=Text(
                    N_(
                        "A class weight is one constant per class; the focal factor "
                        "changes with the prediction: {easy:.0f} times less loss at p_t = "
                        "0.9, {hard:.2f} times at 0.1, within one class."
                    ),
                    easy=_EASY,
                    hard=_HARD,
                ),
            ),
        ],
        hint=N_(
            "Compute lv.bce_with_logits([1], [z]) / "
            "lv.focal_loss_with_logits([1], [z], gamma=2) at z = lv.logit(0.9) "
            "and at z = lv.logit(0.1)."
        ),
        solution=Text(
            N_(
                "The factor (1 - p_t)^2 is 0.01 at p_t = 0.9 and 0.81 at 0.1: easy "
                "examples lose {easy:.0f}x of their loss, hard ones {hard:.2f}x."
            ),
            easy=_EASY,
            hard=_HARD,
        ),
    ),
    Exercise(
        N_(
            "In the focal loss with alpha = 0.25 (Lin et al. 2017, "
            "torchvision's default), which is true?"
        ),
        answer="c",
        choices=[
            Choice(
                N_("The rare positives get weight 0.75 and the negatives 0.25."),
                why=N_("The positives get 0.25: α_t = α for y = 1 and 1 − α for y = 0."),
            ),
            Choice(
                N_("alpha = 0.25 is the inverse class frequency of the positives."),
                why=N_(
                    "It is a tuned constant, and it down-weights the rare class; "
                    "inverse frequency would up-weight it."
                ),
            ),
            Choice(
                N_(
                    "The positives get weight 0.25 and the negatives 0.75, and the "
                    "paper found the best alpha decreases as gamma increases."
                ),
                why=N_(
                    "γ already suppresses the many easy negatives, so the positives "
                    "need less help: α = 0.75 was best at γ = 0, 0.25 at γ = 2."
                ),
            ),
            Choice(
                N_("alpha has no effect once gamma > 0."),
                why=N_(
                    "It has an effect: α multiplies every example's loss by α_t "
                    "whatever γ is, and the paper tuned the two together."
                ),
            ),
        ],
        hint=N_("alpha_t = alpha for y = 1 and 1 - alpha for y = 0."),
        solution=N_(
            "alpha_t = 0.25 for positives and 0.75 for negatives: the rare "
            "class is down-weighted. The paper's explanation: gamma already "
            "suppresses the many easy negatives, so the positives need less "
            "help; alpha = 0.75 was best at gamma = 0, 0.25 at gamma = 2."
        ),
    ),
]
