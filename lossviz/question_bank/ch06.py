"""Self-check questions of chapter 06 (multi-label)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

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
        N_(
            "Seed 003 §3.1's 'log loss' -sum_c [y_c ln p_c + (1 - y_c) ln(1 - "
            "p_c)] for the target y = [1, 0, 0] and the prediction p = [0.6, "
            "0.3, 0.1]: what is its value, in nats (3 decimals)?"
        ),
        answer=_LOG_LOSS,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _CE,
                N_(
                    "That is the categorical cross-entropy −ln 0.6; the 'log loss' "
                    "adds the (1 − y_c) terms −ln(1 − p_c) of the other classes."
                ),
            )
        ],
        hint=[
            N_(
                "Each class contributes a binary cross-entropy: -ln 0.6 for the "
                "true class, -ln(1 - p_c) for the others."
            ),
            N_("Check with lv.multilabel.source_003_log_loss([1, 0, 0], [0.6, 0.3, 0.1])."),
        ],
        solution=Text(
            N_(
                "-ln 0.6 - ln 0.7 - ln 0.9 = {ln06:.3f} + {ln07:.3f} + {ln09:.3f} = "
                "{log_loss:.3f} nats."
            ),
            ln06=-np.log(0.6),
            ln07=-np.log(0.7),
            ln09=-np.log(0.9),
            log_loss=_LOG_LOSS,
        ),
    ),
    Exercise(
        N_(
            "For the same y = [1, 0, 0] and p = [0.6, 0.3, 0.1], what is the "
            "cross-entropy -sum_c y_c ln p_c (3 decimals)? (It is NOT the "
            "previous answer.)"
        ),
        answer=_CE,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                _LOG_LOSS,
                N_(
                    "That is the 'log loss' with the (1 − y_c) terms; the "
                    "cross-entropy keeps only the true class, whose y_c is 1."
                ),
            )
        ],
        hint=N_("Only the true class has y_c = 1."),
        solution=Text(
            N_(
                "-ln 0.6 = {ce:.3f} nats (lv.categorical_cross_entropy([0], [[0.6, "
                "0.3, 0.1]])). The (1 - y_c) terms of the 'log loss' add {extra:.3f} "
                "for the two wrong classes."
            ),
            ce=_CE,
            extra=_LOG_LOSS - _CE,
        ),
    ),
    Exercise(
        N_(
            "A photo-tagging model must say, for each of 20 tags, whether the "
            "tag applies; a photo can have several tags or none. Which output "
            "layer and loss?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("One softmax over the 20 tags with categorical cross-entropy."),
                why=N_(
                    "A softmax shares one unit of probability among the tags, so two "
                    "tags that both apply cannot both get a probability near 1."
                ),
            ),
            Choice(N_("An independent sigmoid per tag with a binary cross-entropy per tag.")),
            Choice(
                N_("One softmax over the 20 tags with MSE."),
                why=N_(
                    "The loss does not fix the output: the softmax still makes the "
                    "tags compete, and MSE adds slow gradients."
                ),
            ),
            Choice(
                N_("One sigmoid for the whole photo with a binary cross-entropy."),
                why=N_("One sigmoid gives one yes/no answer for the photo, not one per tag."),
            ),
        ],
        hint=N_("Can two of the outputs both be above 0.5 under a softmax?"),
        solution=N_(
            "The tags are not mutually exclusive, so each needs its own yes/no "
            "probability: a sigmoid and a BCE per tag (lv.bce_with_logits on "
            "the (n, 20) target matrix). A softmax shares one unit of "
            "probability and can switch on at most one tag at 0.5."
        ),
    ),
    Exercise(
        N_(
            "A photo shows a dog on a beach: tags (dog, beach, cat) = (1, 1, "
            "0). The network's three logits are (5, 5, -5). What goes wrong if "
            "its output layer is a softmax over the tags?"
        ),
        answer="d",
        choices=[
            Choice(
                N_("Nothing, if the target row is normalised to (0.5, 0.5, 0)."),
                why=Text(
                    N_(
                        "Then the best the softmax can say is {soft}: each present tag gets "
                        "at most one half, so 'dog' and 'beach' look uncertain although "
                        "both are surely there."
                    ),
                    soft=np.round(_SOFT, 3).tolist(),
                ),
            ),
            Choice(
                N_("The absent tag 'cat' gets no gradient from softmax cross-entropy."),
                why=N_(
                    "It does: the gradient p_c − t_c = p_c for an absent tag pushes its logit down."
                ),
            ),
            Choice(
                N_("A softmax over 3 tags is slower to compute than 3 sigmoids."),
                why=N_(
                    "Both cost a few exponentials per tag; the problem is what the "
                    "outputs can mean, not speed."
                ),
            ),
            Choice(
                N_(
                    "The softmax's outputs sum to 1, so the tags compete: 'dog' and "
                    "'beach' cannot both be near 1, as independent sigmoids can."
                ),
                why=Text(
                    N_("softmax(5, 5, −5) = {soft}, while the sigmoids give {sig}."),
                    soft=np.round(_SOFT, 3).tolist(),
                    sig=np.round(_SIG, 3).tolist(),
                ),
            ),
        ],
        hint=N_("Compute lv.softmax([5.0, 5.0, -5.0]) and lv.sigmoid(np.array([5.0, 5.0, -5.0]))."),
        solution=Text(
            N_(
                "A softmax spreads one unit of probability: {soft}. Independent "
                "sigmoids say yes or no per tag: {sig}."
            ),
            soft=np.round(_SOFT, 3).tolist(),
            sig=np.round(_SIG, 3).tolist(),
        ),
    ),
]
