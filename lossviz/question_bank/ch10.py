"""Self-check questions of chapter 10 (label smoothing and penalties)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

__all__ = ["QUESTIONS"]

_EPS, _K = 0.2, 4
# the smoothed target row t = (1 - eps) * onehot + eps / K, as label_smoothing builds it
_T = (1 - _EPS) * np.eye(_K)[0] + _EPS / _K
_T_TRUE = float(_T[0])
_T2 = np.array([1 - _EPS / 2, _EPS / 2])
_FLOOR = float(lv.entropy(_T2))
_CHECK = float(lv.softmax_cross_entropy([0], [np.log(_T2)], label_smoothing=_EPS))


def _smoothing_solution():
    """Computed when asked (it trains two models): the held-out numbers of chapter 10."""
    rows, _ = lv.smoothing.calibration_study("well-specified", eps_values=(0.0, 0.1))
    one_hot, smoothed = rows
    return Text(
        N_(
            "Smoothing helps only an over-confident model. A calibrated one becomes "
            "under-confident: lv.smoothing.calibration_study('well-specified') gives held-out "
            "ECE {ece:.4f} with one-hot targets and {ece_smoothed:.4f} with eps = 0.1 (mean "
            "confidence {confidence:.3f} -> {confidence_smoothed:.3f}, accuracy "
            "{accuracy:.3f} -> {accuracy_smoothed:.3f}); temperature scaling fitted on "
            "validation data undoes it (T = {t:.2f} < 1)."
        ),
        ece=one_hot["ece"],
        ece_smoothed=smoothed["ece"],
        confidence=one_hot["confidence"],
        confidence_smoothed=smoothed["confidence"],
        accuracy=one_hot["accuracy"],
        accuracy_smoothed=smoothed["accuracy"],
        t=smoothed["T"],
    )


QUESTIONS = [
    Exercise(
        N_(
            "Label smoothing with eps = 0.2 and K = 4 classes: what target "
            "probability does the true class get?"
        ),
        answer=_T_TRUE,
        misconceptions=("percent",),
        traps=[
            Trap(
                1 - _EPS,
                N_(
                    "That is (1 − ε)·y without the share ε/K that every class, the "
                    "true one included, receives."
                ),
            ),
            Trap(1 - _EPS / 2, N_("That is the value for K = 2 classes; here K = 4.")),
            Trap(_EPS / _K, N_("That is the target of each of the other classes, ε/K.")),
        ],
        hint=N_("t = (1 - eps) * y + eps / K, and y = 1 for the true class."),
        solution=Text(
            N_(
                "(1 - 0.2) * 1 + 0.2 / 4 = {t_true:g}; each of the three other classes "
                "gets {other:g}."
            ),
            t_true=_T_TRUE,
            other=_EPS / _K,
        ),
    ),
    Exercise(
        N_(
            "Binary labels (K = 2) smoothed with eps = 0.2. What is the "
            "smallest cross-entropy any prediction can reach on one example, "
            "in nats (4 decimals)?"
        ),
        answer=_FLOOR,
        decimals=4,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                N_(
                    "With smoothed targets no prediction reaches 0: the minimum of "
                    "H(t, p) over p is the entropy H(t), reached at p = t."
                ),
            )
        ],
        hint=[
            N_("The smoothed target is (0.9, 0.1)."),
            N_("The minimum of H(t, p) over p is the entropy H(t), reached at p = t."),
        ],
        solution=Text(
            N_(
                "H(0.9, 0.1) = -(0.9 ln 0.9 + 0.1 ln 0.1) = {floor:.4f} "
                "(lv.entropy([0.9, 0.1]); lv.softmax_cross_entropy with "
                "label_smoothing=0.2 at p = t gives {check:.4f})."
            ),
            floor=_FLOOR,
            check=_CHECK,
        ),
    ),
    Exercise(
        N_("Which term added to the loss tends to set the weights of useless features to zero?"),
        answer="b",
        choices=[
            Choice(
                N_("An L2 penalty lambda * sum(w**2)."),
                why=N_(
                    "Its pull 2λw weakens in proportion as w shrinks, so weights get "
                    "small but not exactly 0."
                ),
            ),
            Choice(N_("An L1 penalty lambda * sum(|w|).")),
            Choice(
                N_("Label smoothing."),
                why=N_(
                    "Label smoothing changes the targets, not the weights' penalty: it "
                    "acts on predictions."
                ),
            ),
            Choice(
                N_("An MSE on the predicted probabilities."),
                why=N_("That is a loss on predictions; it puts no pull on individual weights."),
            ),
        ],
        hint=N_(
            "Compare the gradients: 2 lambda w shrinks in proportion; lambda "
            "sign(w) pulls by a constant amount."
        ),
        solution=N_(
            "L1: its pull lambda * sign(w) does not weaken near 0, so a weight "
            "whose data gradient is smaller than lambda ends at 0. L2 only "
            "shrinks weights; smoothing and MSE act on predictions."
        ),
    ),
    Exercise(
        N_(
            "A softmax model is already well calibrated on held-out data (ECE "
            "0.002). You retrain it with label smoothing eps = 0.1. What "
            "happens to its held-out calibration?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("It improves: label smoothing always improves calibration."),
                why=N_(
                    "Smoothing pulls every confidence towards 1 - eps + eps/K; a model "
                    "that was calibrated becomes under-confident (chapter 10 measures "
                    "its ECE rise)."
                ),
            ),
            Choice(
                N_(
                    "It gets worse: the model becomes under-confident, its "
                    "probabilities lower than its accuracy."
                ),
            ),
            Choice(
                N_("Nothing changes: smoothing only changes the training loss."),
                why=N_(
                    "The training targets change, so the trained logits and "
                    "probabilities change: the mean confidence drops (q.q4.solution() "
                    "computes by how much)."
                ),
            ),
            Choice(
                N_("The accuracy drops to 1 - eps."),
                why=N_(
                    "Smoothing lowers the confidence, not the arg-max: the accuracy barely moves."
                ),
            ),
        ],
        hint=N_("Where is the optimum of the smoothed loss for the true class's probability?"),
        solution=lambda: _smoothing_solution(),
    ),
]
