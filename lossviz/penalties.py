r"""L1 and L2 penalties: regularisation paths, and which "L2" an optimiser means.

:func:`penalty_path` trains logistic regression (mean BCE plus ``lam * sum(w**2)`` or
``lam * sum(|w|)``, the bias unpenalised — the objective of
:func:`lossviz.train.train_logistic_regression`) for many ``lam`` at once, vectorised over
``lam``, with the same full-batch steps (the L1 term by a proximal soft-thresholding step, so
weights reach exactly 0). :func:`path_data` is chapter 10's data set: one informative feature,
nine of noise, with a validation split to choose ``lam`` and a test split.

Three meanings of "L2" (:func:`l2_conventions`): the penalty ``lam * sum(w**2)`` in the loss has
gradient ``2 lam w``; PyTorch's ``SGD(weight_decay=lam)`` adds ``lam w`` to the gradient (the
gradient of ``lam / 2 * sum(w**2)``); ``AdamW(weight_decay=lam)`` shrinks the weights by
``lr * lam * w`` outside Adam's normalisation (Loshchilov & Hutter, 2019), which is not the same
as putting any L2 term into the loss that Adam sees (:func:`adam_steps`).

Examples
--------
>>> d = path_data()
>>> p = penalty_path(d["X_train"], d["y_train"], [1e-3, 0.1], kind="l1")
>>> p["weights"].shape, int((p["weights"][1] == 0).sum())
((2, 10), 9)
"""

from __future__ import annotations

import functools

import numpy as np

from ._validation import check_int, check_real
from .data import make_blobs_binary

__all__ = [
    "path_data",
    "penalty_path",
    "chapter_paths",
    "PATH_LAMBDAS",
    "l2_conventions",
    "adam_steps",
]


@functools.lru_cache(maxsize=2)
def _path_data(n_noise):
    def make(n, seed):
        X, y = make_blobs_binary(n, separation=2.0, seed=seed)
        noise = np.random.default_rng(seed).normal(size=(n, n_noise))
        return np.c_[X, noise], y

    X, y = make(200, 0)
    Xv, yv = make(1000, 2)
    Xt, yt = make(2000, 1)
    return {"X_train": X, "y_train": y, "X_val": Xv, "y_val": yv, "X_test": Xt, "y_test": yt}


def path_data(n_noise=8):
    """Chapter 10's data: 2-D blobs (feature 0 informative, feature 1 not) plus ``n_noise``
    noise features; 200 training points (seed 0, as the chapter), 1000 validation (seed 2),
    2000 test (seed 1, as the chapter).

    Examples
    --------
    >>> {k: v.shape for k, v in path_data().items()}["X_val"]
    (1000, 10)
    """
    n_noise = check_int(n_noise, "n_noise", minimum=0, fix="Use e.g. n_noise=8.")
    return dict(_path_data(n_noise))


def _bce_logits(y, Z):
    """Mean BCE per column of logits Z (n, L)."""
    return np.mean(np.logaddexp(0.0, Z) - y[:, None] * Z, axis=0)


def penalty_path(X, y, lambdas, *, kind="l2", lr=0.5, epochs=2000, X_val=None, y_val=None):
    """Weights of penalised logistic regression for every ``lam`` in ``lambdas``.

    Parameters
    ----------
    X : ndarray (n, d)
    y : ndarray (n,) of 0/1
    lambdas : sequence of float >= 0
    kind : {"l1", "l2"}
    lr, epochs : as :func:`lossviz.train.train_logistic_regression`
    X_val, y_val : optional
        A validation split: its mean BCE (no penalty) per ``lam`` is returned and the best
        ``lam`` chosen.

    Returns
    -------
    dict
        ``lambdas`` (L,), ``weights`` (L, d), ``bias`` (L,), ``train_loss`` (L,: mean BCE),
        and with a validation split ``val_loss`` (L,) and ``best`` (index of the smallest).
    """
    if kind not in ("l1", "l2"):
        raise ValueError(f"kind must be 'l1' or 'l2'; found {kind!r}. Use kind='l2'.")
    lam = np.array([check_real(v, "lambdas", low=0.0) for v in lambdas], dtype=float)
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix="Use e.g. lr=0.5.")
    epochs = check_int(epochs, "epochs", minimum=1, fix="Use e.g. epochs=2000.")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    W = np.zeros((d, lam.size))
    b = np.zeros(lam.size)
    for _ in range(epochs):
        Z = X @ W + b
        G = (0.5 * (1.0 + np.tanh(0.5 * Z)) - y[:, None]) / n  # (p - y) / n
        gW = X.T @ G
        if kind == "l2":
            gW = gW + 2.0 * lam * W
        W = W - lr * gW
        if kind == "l1":
            W = np.sign(W) * np.maximum(np.abs(W) - lr * lam, 0.0)
        b = b - lr * G.sum(axis=0)
    out = {
        "lambdas": lam,
        "weights": W.T.copy(),
        "bias": b,
        "train_loss": _bce_logits(y, X @ W + b),
    }
    if X_val is not None:
        out["val_loss"] = _bce_logits(np.asarray(y_val, float), np.asarray(X_val) @ W + b)
        out["best"] = int(np.argmin(out["val_loss"]))
    return out


def l2_conventions(w, lam):
    """The extra gradient (or step) each "L2" adds, at weights ``w`` and strength ``lam``.

    Returns
    -------
    dict
        ``penalty_grad``: the gradient of ``lam * sum(w**2)``, ``2 lam w``;
        ``sgd_weight_decay``: what ``torch.optim.SGD(weight_decay=lam)`` adds, ``lam w``
        (the gradient of ``lam / 2 * sum(w**2)``);
        ``numerical``: the central-difference gradient of ``lam * sum(w**2)``.

    Examples
    --------
    >>> c = l2_conventions([1.0, -2.0], 0.01)
    >>> c["penalty_grad"].tolist(), c["sgd_weight_decay"].tolist()
    ([0.02, -0.04], [0.01, -0.02])
    """
    from .gradients import numerical_grad

    w = np.asarray(w, dtype=float)
    lam = check_real(lam, "lam", low=0.0)
    return {
        "penalty_grad": 2.0 * lam * w,
        "sgd_weight_decay": lam * w,
        "numerical": numerical_grad(lambda v: lam * np.sum(v**2), w),
    }


def adam_steps(
    grad, w0, *, lr=0.01, lam=0.01, decoupled=False, steps=1000, betas=(0.9, 0.999), eps=1e-8
):
    """Adam with an L2 term in the loss (``decoupled=False``), or AdamW (``decoupled=True``).

    ``decoupled=False``: Adam on the gradient ``grad(w) + lam * w`` — what
    ``torch.optim.Adam(weight_decay=lam)`` does. ``decoupled=True``: Adam on ``grad(w)``, then
    ``w -= lr * lam * w`` — ``torch.optim.AdamW(weight_decay=lam)``.

    Parameters
    ----------
    grad : callable
        ``w -> gradient of the data loss``.
    w0 : array_like

    Returns
    -------
    ndarray
        The weights after ``steps`` steps.

    Examples
    --------
    >>> a = np.array([100.0, 0.01])               # very different curvatures
    >>> g = lambda w: a * (w - 1.0)               # data loss: sum(a/2 (w - 1)^2)
    >>> coupled = adam_steps(g, [1.0, 1.0], lam=0.1, steps=3000)
    >>> decoupled = adam_steps(g, [1.0, 1.0], lam=0.1, steps=3000, decoupled=True)
    >>> coupled.round(3).tolist(), decoupled.round(3).tolist()
    ([0.999, 0.091], [1.001, 1.0])
    """
    lr = check_real(lr, "lr", low=0.0, low_open=True)
    lam = check_real(lam, "lam", low=0.0)
    steps = check_int(steps, "steps", minimum=1)
    b1, b2 = betas
    w = np.array(w0, dtype=float)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = np.asarray(grad(w), dtype=float)
        if not decoupled:
            g = g + lam * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        step = lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        if decoupled:
            w = w - lr * lam * w
        w = w - step
    return w


#: The strengths of :func:`chapter_paths`: 41 values from 1e-4 to 1, evenly spaced in log.
PATH_LAMBDAS = tuple(float(v) for v in np.logspace(-4.0, 0.0, 41))


@functools.lru_cache(maxsize=1)
def _chapter_paths():
    d = path_data()
    return {
        kind: penalty_path(
            d["X_train"],
            d["y_train"],
            PATH_LAMBDAS,
            kind=kind,
            X_val=d["X_val"],
            y_val=d["y_val"],
        )
        for kind in ("l1", "l2")
    }


def chapter_paths():
    """The L1 and L2 paths of chapter 10 over :data:`PATH_LAMBDAS` (computed once, about 1 s).

    Returns
    -------
    dict
        ``{"l1": penalty_path(...), "l2": penalty_path(...)}`` with validation losses.

    Examples
    --------
    >>> p = chapter_paths()
    >>> int((p["l1"]["weights"][-1] == 0).sum()), int((p["l2"]["weights"][-1] == 0).sum())
    (10, 0)
    """
    return {k: {n: np.array(v) for n, v in p.items()} for k, p in _chapter_paths().items()}
