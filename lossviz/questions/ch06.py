"""Self-check questions of chapter 06 (multi-label)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "Seed 003 §3.1's 'log loss' -sum_c [y_c ln p_c + (1 - y_c) ln(1 - p_c)] for the target "
        "y = [1, 0, 0] and the prediction p = [0.6, 0.3, 0.1]: what is its value, in nats (3 decimals)?",
        answer=-(math.log(0.6) + math.log(0.7) + math.log(0.9)),
        hint=[
            "Each class contributes a binary cross-entropy: -ln 0.6 for the true class, "
            "-ln(1 - p_c) for the others.",
            "Check with lv.multilabel.source_003_log_loss([1, 0, 0], [0.6, 0.3, 0.1]).",
        ],
        solution="-ln 0.6 - ln 0.7 - ln 0.9 = 0.511 + 0.357 + 0.105 = 0.973 nats.",
    ),
    Exercise(
        "For the same y = [1, 0, 0] and p = [0.6, 0.3, 0.1], what is the cross-entropy "
        "-sum_c y_c ln p_c (3 decimals)? (It is NOT the previous answer.)",
        answer=-math.log(0.6),
        hint="Only the true class has y_c = 1.",
        solution="-ln 0.6 = 0.511 nats (lv.categorical_cross_entropy([0], [[0.6, 0.3, 0.1]])). "
        "The (1 - y_c) terms of the 'log loss' add 0.462 for the two wrong classes.",
    ),
    Exercise(
        "A photo-tagging model must say, for each of 20 tags, whether the tag applies; a photo can "
        "have several tags or none. Which output layer and loss?",
        answer="b",
        choices=[
            "One softmax over the 20 tags with categorical cross-entropy.",
            "An independent sigmoid per tag with a binary cross-entropy per tag.",
            "One softmax over the 20 tags with MSE.",
            "One sigmoid for the whole photo with a binary cross-entropy.",
        ],
        hint="Can two of the outputs both be above 0.5 under a softmax?",
        solution="The tags are not mutually exclusive, so each needs its own yes/no probability: "
        "a sigmoid and a BCE per tag (lv.bce_with_logits on the (n, 20) target matrix). "
        "A softmax shares one unit of probability and can switch on at most one tag at 0.5.",
    ),
    Exercise(
        "A label is on in 30 of 200 training rows. What pos_weight = n_negative / n_positive "
        "would you give it (3 decimals)?",
        answer=170 / 30,
        hint="n_negative = 200 - 30.",
        solution="170 / 30 = 5.667 (lv.multilabel.pos_weight_from_labels computes it per column). "
        "Its 30 positives then weigh 30 * 5.667 = 170, as much as its 170 negatives.",
    ),
]
