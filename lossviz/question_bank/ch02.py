"""Self-check questions of chapter 02 (entropy, cross-entropy and KL)."""

import numpy as np

import lossviz as lv
from lossviz.exercises import Choice, Exercise, Text, Trap
from lossviz.i18n import N_

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
        N_("What is the entropy, in bits, of a fair four-sided die?"),
        answer=_H_DIE,
        misconceptions=("sign", "nats"),
        hint=[
            N_("Each face has probability 1/4, so each outcome surprises you by -log2(1/4)."),
            N_("Or compute lv.entropy(np.full(4, 0.25), base=2)."),
        ],
        solution=Text(
            N_(
                "H = -4 * (1/4) * log2(1/4) = log2 4 = {h_die:g} bits: two yes/no "
                "questions identify the face. In nats it is ln 4 = "
                "{h_die_nats:.3f}."
            ),
            h_die=_H_DIE,
            h_die_nats=_H_DIE_NATS,
        ),
    ),
    Exercise(
        N_(
            "p = (0.5, 0.5). What is the cross-entropy H(p, p), in nats (3 "
            "decimals)? (Seed 003 §2.2 claims it is 0.)"
        ),
        answer=_H_PP,
        decimals=3,
        misconceptions=("sign", "bits"),
        traps=[
            Trap(
                0.0,
                N_(
                    "That is the seed's claim, and it is KL(p‖p) that is 0; the "
                    "cross-entropy of p with itself is the entropy H(p)."
                ),
            )
        ],
        hint=N_("H(p, p) = -sum p log p: the cross-entropy of p with itself is its entropy."),
        solution=Text(
            N_(
                "H(p, p) = H(p) = ln 2 = {h_pp:.3f} nats. It is the KL divergence "
                "KL(p||p) that is 0."
            ),
            h_pp=_H_PP,
        ),
    ),
    Exercise(
        N_("p = (0.5, 0.5), q = (0.25, 0.75). What is KL(p || q) in bits (3 decimals)?"),
        answer=_KL_PQ,
        decimals=3,
        misconceptions=("sign", "nats"),
        traps=[
            Trap(
                _KL_QP, N_("That is KL(q‖p): KL is not symmetric, and the question asks KL(p‖q).")
            ),
            Trap(_H_PQ, N_("That is the cross-entropy H(p, q); KL(p‖q) = H(p, q) − H(p).")),
        ],
        hint=[
            N_("KL(p||q) = sum p log2(p / q)."),
            N_("Or H(p, q) - H(p): lv.cross_entropy(p, q, base=2) - lv.entropy(p, base=2)."),
        ],
        solution=Text(
            N_(
                "0.5*log2(0.5/0.25) + 0.5*log2(0.5/0.75) = {kl_pq:.3f} bits: H(p, "
                "q) = {h_pq:.3f} bits minus H(p) = {h_p:g} bit."
            ),
            kl_pq=_KL_PQ,
            h_pq=_H_PQ,
            h_p=_H_P,
        ),
    ),
    Exercise(
        N_(
            "Minimising the mean squared error is maximising the likelihood of "
            "which model of the targets?"
        ),
        answer="b",
        choices=[
            Choice(
                N_("A Bernoulli model (labels 0/1)."),
                why=N_(
                    "The Bernoulli negative log-likelihood is the binary "
                    "cross-entropy, not the squared error."
                ),
            ),
            Choice(
                N_("A Gaussian model with a fixed standard deviation."),
                why=N_("-log N(y; ŷ, σ²) = (y − ŷ)²/(2σ²) + a constant."),
            ),
            Choice(
                N_("A categorical model over K classes."),
                why=N_(
                    "The categorical negative log-likelihood is −log p of the true "
                    "class: the categorical cross-entropy."
                ),
            ),
            Choice(
                N_("None: MSE has no likelihood interpretation."),
                why=N_("It has one: with σ fixed, the Gaussian NLL is MSE/(2σ²) plus a constant."),
            ),
        ],
        hint=N_(
            "Write -log of the normal density N(y; y_hat, sigma^2) and look at "
            "what depends on y_hat."
        ),
        solution=N_(
            "-log N(y; y_hat, sigma^2) = (y - y_hat)^2 / (2 sigma^2) + log(2 "
            "pi sigma^2)/2: with sigma fixed, the mean NLL is MSE/(2 sigma^2) "
            "+ const. Bernoulli and categorical models give BCE and "
            "categorical cross-entropy."
        ),
    ),
]
