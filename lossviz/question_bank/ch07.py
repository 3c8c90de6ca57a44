"""Self-check questions of chapter 07 (class imbalance)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise

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
        "900 negatives and 100 positives. Seed 000 §8.2 says cross-entropy is biased towards the "
        "majority class. What makes a classifier trained with the mean loss favour the majority?",
        answer="b",
        choices=[
            Choice(
                "Cross-entropy itself: with MSE the classes would count equally.",
                why=f"At z = 0 the negatives carry {_SHARE_BCE[0]:.2f} of the summed gradient "
                f"with BCE and {_SHARE_MSE[0]:.2f} with MSE: the imbalance is in the data, not in "
                "the loss.",
            ),
            Choice(
                "The average: each class gets its share n_c/n of the loss and of the gradient, "
                "with any loss.",
                why=f"Here the negatives' share is {_SHARE_BCE[0]:.2f} = 900/1000, for BCE and "
                "MSE alike; class weights or resampling change the shares.",
            ),
            Choice(
                "The logarithm gives the rare examples a smaller loss.",
                why="An example's loss depends on its prediction, not on how common its class "
                "is: a positive predicted at p costs −ln p whether positives are 10 % or 50 %.",
            ),
            Choice(
                "Nothing: cross-entropy makes a model predict each class equally often.",
                why=f"A constant model trained with cross-entropy converges to the base rate, "
                f"p = {_BASE_RATE:g} (chapter 01): it reproduces the imbalance.",
            ),
        ],
        hint="lv.imbalance.share_by_class(y, lv.bce_with_logits_grad(y, z)) at z = 0; then the "
        "same with lv.mse_sigmoid_grad.",
        solution=f"Each class's share of an averaged loss is n_c/n: the negatives carry "
        f"{_SHARE_BCE[0]:.2f} of the gradient at z = 0 with BCE and {_SHARE_MSE[0]:.2f} with MSE.",
    ),
    Exercise(
        "990 negatives and 10 positives. A model says 'negative' for every example. What is its "
        "accuracy, as a percentage?",
        answer=_ACC,
        rtol=1e-3,
        misconceptions=("fraction",),
        hint="Accuracy counts the right predictions: every negative is right, every positive is "
        "wrong. Or lv.metrics.accuracy(y, np.zeros_like(y)).",
        solution=f"990 / 1000 = {_ACC:g} %, and its recall of the positives is {_REC:g}: accuracy "
        "hides the imbalance. Judge by precision, recall and calibration, on held-out data.",
    ),
    Exercise(
        "Focal loss multiplies each example's cross-entropy by (1 - p_t)^gamma. With gamma = 2, "
        "what does that do?",
        answer="a",
        choices=[
            Choice(
                "It down-weights the easy, well-classified examples, so the hard ones dominate "
                "the gradient.",
                why=f"At p_t = 0.9 the loss is {_EASY:.0f} times smaller than cross-entropy, at "
                f"p_t = 0.1 only {_HARD:.2f} times.",
            ),
            Choice(
                "It up-weights the rare class.",
                why="(1 − p_t)^γ depends on how well an example is classified, not on its class; "
                "weighting by class is α's job (and α = 0.25 down-weights the positives).",
            ),
            Choice(
                "It makes every model's probabilities better calibrated.",
                why="On this chapter's well-specified logistic model it makes them less "
                "calibrated; for over-confident deep networks it often helps (Mukhoti et al., "
                "2020). It is not a calibration method in general.",
            ),
            Choice(
                "It is cross-entropy with class weights.",
                why=f"A class weight is one constant per class; the focal factor changes with "
                f"the prediction: {_EASY:.0f} times less loss at p_t = 0.9, {_HARD:.2f} times "
                "at 0.1, within one class.",
            ),
        ],
        hint="Compute lv.bce_with_logits([1], [z]) / lv.focal_loss_with_logits([1], [z], "
        "gamma=2) at z = lv.logit(0.9) and at z = lv.logit(0.1).",
        solution=f"The factor (1 - p_t)^2 is 0.01 at p_t = 0.9 and 0.81 at 0.1: easy examples "
        f"lose {_EASY:.0f}x of their loss, hard ones {_HARD:.2f}x.",
    ),
    Exercise(
        "In the focal loss with alpha = 0.25 (Lin et al. 2017, torchvision's default), which is "
        "true?",
        answer="c",
        choices=[
            Choice(
                "The rare positives get weight 0.75 and the negatives 0.25.",
                why="The positives get 0.25: α_t = α for y = 1 and 1 − α for y = 0.",
            ),
            Choice(
                "alpha = 0.25 is the inverse class frequency of the positives.",
                why="It is a tuned constant, and it down-weights the rare class; inverse "
                "frequency would up-weight it.",
            ),
            Choice(
                "The positives get weight 0.25 and the negatives 0.75, and the paper found the "
                "best alpha decreases as gamma increases.",
                why="γ already suppresses the many easy negatives, so the positives need less "
                "help: α = 0.75 was best at γ = 0, 0.25 at γ = 2.",
            ),
            Choice(
                "alpha has no effect once gamma > 0.",
                why="It has an effect: α multiplies every example's loss by α_t whatever γ "
                "is, and the paper tuned the two together.",
            ),
        ],
        hint="alpha_t = alpha for y = 1 and 1 - alpha for y = 0.",
        solution="alpha_t = 0.25 for positives and 0.75 for negatives: the rare class is "
        "down-weighted. The paper's explanation: gamma already suppresses the many easy "
        "negatives, so the positives need less help; alpha = 0.75 was best at gamma = 0, 0.25 at "
        "gamma = 2.",
    ),
]
