"""Self-check questions of chapter 06 (multi-label)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Trap

__all__ = ["QUESTIONS"]

_Y = [1, 0, 0]
_PR = [0.6, 0.3, 0.1]
_LOG_LOSS = float(lv.multilabel.source_003_log_loss(_Y, _PR))
_CE = float(lv.categorical_cross_entropy([0], [_PR]))

_LOGITS = np.array([5.0, 5.0, -5.0])  # tags 'dog' and 'beach' present, 'cat' absent
_SOFT = lv.softmax(_LOGITS)
_SIG = lv.sigmoid(_LOGITS)

QUESTIONS = [
    Exercise(
        "Seed 003 §3.1's 'log loss' -sum_c [y_c ln p_c + (1 - y_c) ln(1 - p_c)] for the target "
        "y = [1, 0, 0] and the prediction p = [0.6, 0.3, 0.1]: what is its value, in nats "
        "(3 decimals)?",
        answer=_LOG_LOSS,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _CE,
                "That is the categorical cross-entropy −ln 0.6; the 'log loss' adds the "
                "(1 − y_c) terms −ln(1 − p_c) of the other classes.",
            )
        ],
        hint=[
            "Each class contributes a binary cross-entropy: -ln 0.6 for the true class, "
            "-ln(1 - p_c) for the others.",
            "Check with lv.multilabel.source_003_log_loss([1, 0, 0], [0.6, 0.3, 0.1]).",
        ],
        solution=f"-ln 0.6 - ln 0.7 - ln 0.9 = {-np.log(0.6):.3f} + {-np.log(0.7):.3f} + "
        f"{-np.log(0.9):.3f} = {_LOG_LOSS:.3f} nats.",
    ),
    Exercise(
        "For the same y = [1, 0, 0] and p = [0.6, 0.3, 0.1], what is the cross-entropy "
        "-sum_c y_c ln p_c (3 decimals)? (It is NOT the previous answer.)",
        answer=_CE,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _LOG_LOSS,
                "That is the 'log loss' with the (1 − y_c) terms; the cross-entropy keeps only "
                "the true class, whose y_c is 1.",
            )
        ],
        hint="Only the true class has y_c = 1.",
        solution=f"-ln 0.6 = {_CE:.3f} nats (lv.categorical_cross_entropy([0], [[0.6, 0.3, "
        f"0.1]])). The (1 - y_c) terms of the 'log loss' add {_LOG_LOSS - _CE:.3f} for the two "
        "wrong classes.",
    ),
    Exercise(
        "A photo-tagging model must say, for each of 20 tags, whether the tag applies; a photo "
        "can have several tags or none. Which output layer and loss?",
        answer="b",
        choices=[
            Choice(
                "One softmax over the 20 tags with categorical cross-entropy.",
                why="A softmax shares one unit of probability among the tags, so two tags that "
                "both apply cannot both get a probability near 1.",
            ),
            Choice("An independent sigmoid per tag with a binary cross-entropy per tag."),
            Choice(
                "One softmax over the 20 tags with MSE.",
                why="The loss does not fix the output: the softmax still makes the tags compete, "
                "and MSE adds slow gradients.",
            ),
            Choice(
                "One sigmoid for the whole photo with a binary cross-entropy.",
                why="One sigmoid gives one yes/no answer for the photo, not one per tag.",
            ),
        ],
        hint="Can two of the outputs both be above 0.5 under a softmax?",
        solution="The tags are not mutually exclusive, so each needs its own yes/no probability: "
        "a sigmoid and a BCE per tag (lv.bce_with_logits on the (n, 20) target matrix). A "
        "softmax shares one unit of probability and can switch on at most one tag at 0.5.",
    ),
    Exercise(
        "A photo shows a dog on a beach: tags (dog, beach, cat) = (1, 1, 0). The network's three "
        "logits are (5, 5, -5). What goes wrong if its output layer is a softmax over the tags?",
        answer="d",
        choices=[
            Choice(
                "Nothing, if the target row is normalised to (0.5, 0.5, 0).",
                why=f"Then the best the softmax can say is {np.round(_SOFT, 3).tolist()}: "
                "each present tag gets at most one half, so 'dog' and 'beach' look uncertain "
                "although both are surely there.",
            ),
            Choice(
                "The absent tag 'cat' gets no gradient from softmax cross-entropy.",
                why="It does: the gradient p_c − t_c = p_c for an absent tag pushes its logit "
                "down.",
            ),
            Choice(
                "A softmax over 3 tags is slower to compute than 3 sigmoids.",
                why="Both cost a few exponentials per tag; the problem is what the outputs can "
                "mean, not speed.",
            ),
            Choice(
                "The softmax's outputs sum to 1, so the tags compete: 'dog' and 'beach' cannot "
                "both be near 1, as independent sigmoids can.",
                why=f"softmax(5, 5, −5) = {np.round(_SOFT, 3).tolist()}, while the sigmoids give "
                f"{np.round(_SIG, 3).tolist()}.",
            ),
        ],
        hint="Compute lv.softmax([5.0, 5.0, -5.0]) and lv.sigmoid(np.array([5.0, 5.0, -5.0])).",
        solution=f"A softmax spreads one unit of probability: {np.round(_SOFT, 3).tolist()}. "
        f"Independent sigmoids say yes or no per tag: {np.round(_SIG, 3).tolist()}.",
    ),
]
