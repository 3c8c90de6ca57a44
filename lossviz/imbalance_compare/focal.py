"""Focal loss's mechanism (loss shares, cumulative loss) and a flood of easy negatives."""

from __future__ import annotations

import math

import numpy as np

from .._text import Message
from .._validation import check_int, check_real, check_seed
from ..activations import sigmoid
from ..gradients import bce_with_logits_grad, focal_loss_with_logits_grad
from ..i18n import N_
from ..losses import bce_with_logits, focal_loss_with_logits
from .evaluation import average_precision
from .problem import Table, fit_logistic, fit_remedy, make_problem

__all__ = [
    "loss_shares",
    "easy_negative_table",
    "cumulative_loss",
    "make_flood",
    "train_mlp",
    "flood_experiment",
]


# --------------------------------------------------------------------------- focal loss's mechanism
def _per_sample_loss(y, z, gamma, alpha=None):
    if gamma == 0 and alpha is None:
        return bce_with_logits(y, z, reduction="none")
    return focal_loss_with_logits(y, z, gamma=gamma, alpha=alpha, reduction="none")


def loss_shares(y, z, *, gamma=0.0, easy=0.9):
    """Where the total loss comes from: the shares of the positives, the negatives and the
    *easy* negatives (``p_t = 1 − p > easy``), under cross-entropy (``gamma=0``) or focal loss.

    Returns
    -------
    dict
        ``positives, negatives, easy_negatives`` (shares of the total loss, the first two sum to
        1), ``n_easy_negatives``, ``frac_easy_negatives`` (of all negatives).

    Examples
    --------
    >>> y = np.array([1, 0, 0, 0])
    >>> z = np.array([0.0, -4.0, -4.0, 0.0])        # two easy negatives, p = 0.018
    >>> r = loss_shares(y, z)
    >>> round(r["easy_negatives"], 3), r["n_easy_negatives"]
    (0.026, 2)
    """
    y = np.asarray(y)
    z = np.asarray(z, dtype=np.float64)
    gamma = check_real(gamma, "gamma", low=0.0)
    easy = check_real(easy, "easy", low=0.0, high=1.0)
    ell = _per_sample_loss(y.astype(np.float64), z, gamma)
    total = float(ell.sum())
    easy_neg = (y == 0) & (sigmoid(-z) > easy)
    share = (lambda m: float(ell[m].sum()) / total) if total > 0 else (lambda m: 0.0)
    n_neg = int((y == 0).sum())
    return {
        "positives": share(y == 1),
        "negatives": share(y == 0),
        "easy_negatives": share(easy_neg),
        "n_easy_negatives": int(easy_neg.sum()),
        "frac_easy_negatives": int(easy_neg.sum()) / n_neg if n_neg else 0.0,
    }


def _loss_name(focal, gamma):
    """ "cross-entropy", or "focal γ=…" when ``focal`` (English; printed translated)."""
    if not focal:
        return N_("cross-entropy")
    return Message(N_("focal γ={gamma:g}"), gamma=gamma)


def easy_negative_table(ratios=(20, 1000), *, gammas=(0.0, 2.0), easy=0.9):
    """:func:`loss_shares` of the plain model (``fit_remedy(..., "none")``) on the training data
    of :func:`make_problem` at each ratio, measured with cross-entropy and with focal loss.

    Returns
    -------
    Table
        Columns ``ratio, loss, easy negatives (share of all negatives), their share of the
        loss, all negatives' share, positives' share``.
    """
    rows = []
    for ratio in ratios:
        prob = make_problem(ratio)
        z = fit_remedy(prob.X, prob.y, "none").decision_function(prob.X)
        for g in gammas:
            sh = loss_shares(prob.y, z, gamma=g, easy=easy)
            rows.append(
                {
                    N_("ratio"): f"1:{ratio:g}",
                    N_("loss measured"): _loss_name(g != 0, g),
                    N_("easy neg / neg"): sh["frac_easy_negatives"],
                    N_("easy neg share"): sh["easy_negatives"],
                    N_("neg share"): sh["negatives"],
                    N_("pos share"): sh["positives"],
                }
            )
    return Table(rows, digits=4)


def cumulative_loss(y, z, *, gammas=(0.0, 0.5, 1.0, 2.0)):
    """Normalised cumulative loss of the positives and of the negatives (Lin et al. 2017, Fig. 4).

    For each γ, the per-sample loss of one class is sorted from low to high and its cumulative sum
    divided by the class total: the curve at a fraction ``f`` of the class says which share of the
    class's loss the easiest ``f`` of its examples carry.  A curve hugging the bottom right means
    a few hard examples carry nearly all of it.

    Returns
    -------
    dict
        ``{"positives": {γ: (fraction, cumulative)}, "negatives": {...}}``.

    Examples
    --------
    >>> c = cumulative_loss([0, 0, 0, 1], [-3.0, -2.0, 1.0, 0.5], gammas=(0.0,))
    >>> frac, cum = c["negatives"][0.0]
    >>> frac.tolist(), cum.round(3).tolist()
    ([0.3333333333333333, 0.6666666666666666, 1.0], [0.033, 0.118, 1.0])
    """
    y = np.asarray(y)
    z = np.asarray(z, dtype=np.float64)
    out = {"positives": {}, "negatives": {}}
    for g in gammas:
        g = check_real(g, "gamma", low=0.0)
        ell = _per_sample_loss(y.astype(np.float64), z, g)
        for name, mask in (("positives", y == 1), ("negatives", y == 0)):
            v = np.sort(ell[mask])
            c = np.cumsum(v)
            c = c / c[-1] if c.size and c[-1] > 0 else c
            out[name][g] = (np.arange(1, v.size + 1) / max(v.size, 1), c)
    return out


# ------------------------------------------------------------------------ a flood of easy negatives
def make_flood(n_pos=100, n_hard=400, n_easy=5000, *, seed=0):
    """Positives in a disc (radius 1.2), hard negatives in a ring around it (radius 0.8 to 2) and a
    flood of ``n_easy`` easy negatives in a band far above (``x₁`` in [−6, 6], ``x₂`` in [3, 4]):
    a problem a linear model cannot solve and a small network can.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> X, y = make_flood(10, 20, 100)
    >>> X.shape, int(y.sum())
    ((130, 2), 10)
    """
    n_pos = check_int(n_pos, "n_pos", minimum=1)
    n_hard = check_int(n_hard, "n_hard", minimum=0)
    n_easy = check_int(n_easy, "n_easy", minimum=0)
    rng = check_seed(seed)

    def ring(n, r0, r1):
        r = np.sqrt(rng.uniform(r0**2, r1**2, n))
        a = rng.uniform(0.0, 2 * np.pi, n)
        return np.c_[r * np.cos(a), r * np.sin(a)]

    band = np.c_[rng.uniform(-6.0, 6.0, n_easy), rng.uniform(3.0, 4.0, n_easy)]
    X = np.r_[ring(n_pos, 0.0, 1.2), ring(n_hard, 0.8, 2.0), band]
    y = np.r_[np.ones(n_pos, dtype=np.int64), np.zeros(n_hard + n_easy, dtype=np.int64)]
    return X, y


def train_mlp(X, y, *, loss="bce", gamma=2.0, hidden=3, steps=800, lr=0.02, seed=0):
    """A network with one tanh hidden layer, trained by full-batch Adam on cross-entropy or focal
    loss (the gradient with respect to the logit from the maths core).  The output bias starts
    at the log-odds of the class prior (Lin et al. 2017).

    Returns
    -------
    callable
        ``predict_proba(X)`` of the trained network.

    Examples
    --------
    >>> X, y = make_flood(50, 100, 200)
    >>> f = train_mlp(X, y, steps=200)
    >>> f(X).shape
    (350,)
    """
    if loss not in ("bce", "focal"):
        raise ValueError(f"loss must be 'bce' or 'focal'; found {loss!r}.")
    hidden = check_int(hidden, "hidden", minimum=1)
    steps = check_int(steps, "steps", minimum=0)
    X = np.asarray(X, dtype=np.float64)
    yf = np.asarray(y, dtype=np.float64)
    rng = check_seed(seed)
    d = X.shape[1]
    prior = float(np.clip(yf.mean(), 1e-12, 1 - 1e-12))
    params = [
        rng.normal(0.0, 1.0 / math.sqrt(d), (d, hidden)),
        np.zeros(hidden),
        rng.normal(0.0, 1.0 / math.sqrt(hidden), hidden),
        np.array([math.log(prior / (1 - prior))]),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    n = yf.size
    for t in range(1, steps + 1):
        W1, b1, w2, b2 = params
        H = np.tanh(X @ W1 + b1)
        z = H @ w2 + b2[0]
        if loss == "bce":
            g = bce_with_logits_grad(yf, z) / n
        else:
            g = focal_loss_with_logits_grad(yf, z, gamma=gamma) / n
        gH = np.outer(g, w2) * (1 - H * H)
        grads = [X.T @ gH, gH.sum(0), H.T @ g, np.array([g.sum()])]
        for i, (p, gr) in enumerate(zip(params, grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * gr
            v[i] = 0.999 * v[i] + 0.001 * gr * gr
            p -= lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    W1, b1, w2, b2 = (p.copy() for p in params)

    def predict_proba(Xn):
        return sigmoid(np.tanh(np.asarray(Xn, dtype=np.float64) @ W1 + b1) @ w2 + b2[0])

    return predict_proba


def flood_experiment(n_easy=(0, 5000), *, seeds=(0, 1, 2, 3), gamma=2.0, linear=False, **mlp):
    """Held-out average precision of cross-entropy and focal loss on :func:`make_flood`, mean and
    standard deviation over the training seeds (network initialisations).

    Training data: 100 positives, 400 hard negatives and each of ``n_easy`` easy negatives (seed
    0); held-out data ten times larger (seed 1).  ``linear=True`` fits a logistic regression to
    its optimum instead of the network.

    Returns
    -------
    Table
        Columns ``easy negatives, loss, AP mean, AP sd``.
    """
    rows = []
    for ne in n_easy:
        X, y = make_flood(100, 400, ne, seed=0)
        Xt, yt = make_flood(1000, 4000, 10 * ne, seed=1)
        for loss in ("bce", "focal"):
            aps = []
            for s in seeds if not linear else (0,):
                if linear:
                    w, b, _ = fit_logistic(X, y, loss=loss, gamma=gamma)
                    p = sigmoid(Xt @ w + b)
                else:
                    p = train_mlp(X, y, loss=loss, gamma=gamma, seed=s, **mlp)(Xt)
                aps.append(average_precision(yt, p))
            rows.append(
                {
                    N_("easy negatives"): int(ne),
                    N_("loss"): _loss_name(loss != "bce", gamma),
                    N_("AP mean"): float(np.mean(aps)),
                    N_("AP sd"): float(np.std(aps)),
                }
            )
    return Table(rows)
