"""Self-check questions of chapter 02 (entropy, cross-entropy and KL)."""

import math

from lossviz.exercises import Exercise

__all__ = ["QUESTIONS"]

QUESTIONS = [
    Exercise(
        "What is the entropy, in bits, of a fair four-sided die?",
        answer=2.0,
        hint=[
            "Each face has probability 1/4, so each outcome surprises you by -log2(1/4).",
            "Or compute lv.entropy(np.full(4, 0.25), base=2).",
        ],
        solution="H = -4 * (1/4) * log2(1/4) = log2 4 = 2 bits: two yes/no questions identify the face. "
        "In nats it is ln 4 = 1.386.",
    ),
    Exercise(
        "p = (0.5, 0.5). What is the cross-entropy H(p, p), in nats (3 decimals)? "
        "(Seed 003 §2.2 claims it is 0.)",
        answer=math.log(2),
        hint="H(p, p) = -sum p log p: the cross-entropy of p with itself is its entropy.",
        solution="H(p, p) = H(p) = ln 2 = 0.693 nats. It is the KL divergence KL(p||p) that is 0.",
    ),
    Exercise(
        "p = (0.5, 0.5), q = (0.25, 0.75). What is KL(p || q) in bits (3 decimals)?",
        answer=0.5 * math.log2(2) + 0.5 * math.log2(0.5 / 0.75),
        hint=[
            "KL(p||q) = sum p log2(p / q).",
            "Or H(p, q) - H(p): lv.cross_entropy(p, q, base=2) - lv.entropy(p, base=2).",
        ],
        solution="0.5*log2(0.5/0.25) + 0.5*log2(0.5/0.75) = 0.5 - 0.292 = 0.208 bits: "
        "H(p, q) = 1.208 bits minus H(p) = 1 bit.",
    ),
    Exercise(
        "Minimising the mean squared error is maximising the likelihood of which model of the targets?",
        answer="b",
        choices=[
            "A Bernoulli model (labels 0/1).",
            "A Gaussian model with a fixed standard deviation.",
            "A categorical model over K classes.",
            "None: MSE has no likelihood interpretation.",
        ],
        hint="Write -log of the normal density N(y; y_hat, sigma^2) and look at what depends on y_hat.",
        solution="-log N(y; y_hat, sigma^2) = (y - y_hat)^2 / (2 sigma^2) + log(2 pi sigma^2)/2: with sigma "
        "fixed, the mean NLL is MSE/(2 sigma^2) + const. Bernoulli and categorical models give BCE "
        "and categorical cross-entropy.",
    ),
]
