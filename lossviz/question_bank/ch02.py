"""Self-check questions of chapter 02 (entropy, cross-entropy and KL)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Trap

__all__ = ["QUESTIONS"]

_H_DIE = float(lv.entropy(np.full(4, 0.25), base=2))
_H_DIE_NATS = float(lv.entropy(np.full(4, 0.25)))
_P = np.array([0.5, 0.5])
_Q = np.array([0.25, 0.75])
_H_PP = float(lv.cross_entropy(_P, _P))
_KL_PQ = float(lv.kl_divergence(_P, _Q, base=2))
_KL_QP = float(lv.kl_divergence(_Q, _P, base=2))
_H_PQ = float(lv.cross_entropy(_P, _Q, base=2))
_H_P = float(lv.entropy(_P, base=2))

QUESTIONS = [
    Exercise(
        "What is the entropy, in bits, of a fair four-sided die?",
        answer=_H_DIE,
        misconceptions=("sign", "nats"),
        hint=[
            "Each face has probability 1/4, so each outcome surprises you by -log2(1/4).",
            "Or compute lv.entropy(np.full(4, 0.25), base=2).",
        ],
        solution=f"H = -4 * (1/4) * log2(1/4) = log2 4 = {_H_DIE:g} bits: two yes/no questions "
        f"identify the face. In nats it is ln 4 = {_H_DIE_NATS:.3f}.",
    ),
    Exercise(
        "p = (0.5, 0.5). What is the cross-entropy H(p, p), in nats (3 decimals)? "
        "(Seed 003 §2.2 claims it is 0.)",
        answer=_H_PP,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                "That is the seed's claim, and it is KL(p‖p) that is 0; the cross-entropy of p "
                "with itself is the entropy H(p).",
            )
        ],
        hint="H(p, p) = -sum p log p: the cross-entropy of p with itself is its entropy.",
        solution=f"H(p, p) = H(p) = ln 2 = {_H_PP:.3f} nats. It is the KL divergence KL(p||p) "
        "that is 0.",
    ),
    Exercise(
        "p = (0.5, 0.5), q = (0.25, 0.75). What is KL(p || q) in bits (3 decimals)?",
        answer=_KL_PQ,
        decimals=3,
        misconceptions=("sign", "nats"),
        traps=[
            Trap(_KL_QP, "That is KL(q‖p): KL is not symmetric, and the question asks KL(p‖q)."),
            Trap(_H_PQ, "That is the cross-entropy H(p, q); KL(p‖q) = H(p, q) − H(p)."),
        ],
        hint=[
            "KL(p||q) = sum p log2(p / q).",
            "Or H(p, q) - H(p): lv.cross_entropy(p, q, base=2) - lv.entropy(p, base=2).",
        ],
        solution=f"0.5*log2(0.5/0.25) + 0.5*log2(0.5/0.75) = {_KL_PQ:.3f} bits: "
        f"H(p, q) = {_H_PQ:.3f} bits minus H(p) = {_H_P:g} bit.",
    ),
    Exercise(
        "Minimising the mean squared error is maximising the likelihood of which model of the "
        "targets?",
        answer="b",
        choices=[
            Choice(
                "A Bernoulli model (labels 0/1).",
                why="The Bernoulli negative log-likelihood is the binary cross-entropy, "
                "not the squared error.",
            ),
            Choice(
                "A Gaussian model with a fixed standard deviation.",
                why="-log N(y; ŷ, σ²) = (y − ŷ)²/(2σ²) + a constant.",
            ),
            Choice(
                "A categorical model over K classes.",
                why="The categorical negative log-likelihood is −log p of the true class: the "
                "categorical cross-entropy.",
            ),
            Choice(
                "None: MSE has no likelihood interpretation.",
                why="It has one: with σ fixed, the Gaussian NLL is MSE/(2σ²) plus a constant.",
            ),
        ],
        hint="Write -log of the normal density N(y; y_hat, sigma^2) and look at what depends on "
        "y_hat.",
        solution="-log N(y; y_hat, sigma^2) = (y - y_hat)^2 / (2 sigma^2) + log(2 pi sigma^2)/2: "
        "with sigma fixed, the mean NLL is MSE/(2 sigma^2) + const. Bernoulli and categorical "
        "models give BCE and categorical cross-entropy.",
    ),
]
