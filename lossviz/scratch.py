r"""Softmax regression from scratch on the digits, and the sources' bugs switched on one at a time.

The data are scikit-learn's bundled 8×8 digits (:func:`sklearn.datasets.load_digits`: 1797
images, 64 pixels in 0..16, 10 classes; shipped with scikit-learn, nothing is downloaded),
pixels divided by 16, split once by a seeded permutation into a training and a held-out set.

:func:`softmax_loss_grads` is the loss and gradient of chapter 09, written as the chapter writes
it (``-log_p[np.arange(n), y]``); :func:`train_scratch` is the minibatch loop. ``bug=`` switches
on one of the sources' errors (:data:`BUGS`) inside the same loop:

``"sign"``        ``dw = -X.T @ (P - Y)`` then ``w -= lr * dw`` (seed 002 §4.1, §4.2): ascent
``"shape"``       ``w.dot(X)`` for the scores (002 §4.1, §4.2): a ``ValueError``
``"axis"``        softmax normalised over ``axis=0``, the samples (002 §4.2)
``"unstable"``    ``np.log(np.exp(z) / np.exp(z).sum())`` without subtracting the maximum
                  (002 §4.2, 004 §4.2): fine for small scores, ``inf``/NaN once they grow
``"no_neg"``      ``-sum(y * log p)`` on binary labels, the ``(1 - y) log(1 - p)`` term missing
                  (003 §4.1), on the binary task "odd digit?"

:func:`gradient_check` compares each version's gradient with the central-difference gradient of
the loss the same code computes, as the relative error
``||g - g_num|| / (||g|| + ||g_num||)`` (0: equal; 1: opposite or one of them 0).

Examples
--------
>>> d = digits_split()
>>> d["X_train"].shape, d["X_test"].shape
((1297, 64), (500, 64))
>>> run = train_scratch(d, epochs=3)
>>> bool(run["test_accuracy"][-1] > 0.9)
True
"""

from __future__ import annotations

import functools

import numpy as np

from ._validation import check_int, check_real, check_seed
from .gradients import numerical_grad

__all__ = [
    "BUGS",
    "digits_split",
    "softmax_loss_grads",
    "buggy_loss_grads",
    "relative_error",
    "gradient_check",
    "train_scratch",
    "bug_runs",
    "LEARNING_RATES",
]

#: bug key -> (short label, source, task): the task is "digits" (10 classes, softmax) or "odd"
#: (binary, sigmoid: is the digit odd?).
BUGS = {
    "none": ("the correct loop", "chapter 09", "digits"),
    "sign": ("dw = -X.T @ (P - Y), then w -= lr * dw", "002 §4.1, §4.2", "digits"),
    "shape": ("scores w.dot(X) instead of X @ w", "002 §4.1, §4.2", "digits"),
    "axis": ("softmax over axis 0 (the samples)", "002 §4.2", "digits"),
    "unstable": ("log(exp(z) / sum exp(z)), no max subtracted", "002 §4.2, 004 §4.2", "digits"),
    "no_neg": ("-sum(y log p): the (1 - y) term missing", "003 §4.1", "odd"),
}


def _check_bug(bug):
    if bug not in BUGS:
        raise ValueError(
            f"bug must be one of {', '.join(map(repr, BUGS))}; found {bug!r}. "
            f"Use bug='none' for the correct loop."
        )
    return bug


@functools.lru_cache(maxsize=4)
def _digits(n_test, seed):
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    order = check_seed(seed).permutation(len(y))
    test, train = order[:n_test], order[n_test:]
    out = {"X_train": X[train], "y_train": y[train], "X_test": X[test], "y_test": y[test]}
    for v in out.values():
        v.setflags(write=False)
    return out


def digits_split(n_test=500, seed=0):
    """The digits, pixels scaled to [0, 1], split into training and held-out sets.

    Parameters
    ----------
    n_test : int, default 500
        Size of the held-out set (the rest, 1297 by default, is for training).
    seed : int, default 0
        Seed of the permutation that splits the 1797 images.

    Returns
    -------
    dict
        ``X_train`` (n, 64), ``y_train`` (n,), ``X_test``, ``y_test`` (read-only arrays).

    Examples
    --------
    >>> d = digits_split(n_test=297)
    >>> d["X_train"].shape, float(d["X_train"].max()), np.bincount(d["y_train"]).sum()
    ((1500, 64), 1.0, np.int64(1500))
    """
    n_test = check_int(n_test, "n_test", minimum=1, maximum=1796, fix="Use e.g. n_test=500.")
    check_seed(seed)
    return dict(_digits(n_test, int(seed)))


def softmax_loss_grads(W, b, X, y):
    """Mean softmax cross-entropy and its gradients, as chapter 09 writes them.

    Parameters
    ----------
    W : ndarray of shape (d, K)
    b : ndarray of shape (K,)
    X : ndarray of shape (n, d)
    y : ndarray of int, shape (n,)

    Returns
    -------
    loss : float
    dW : ndarray of shape (d, K)
        ``X.T @ (P - Y) / n``.
    db : ndarray of shape (K,)

    Examples
    --------
    >>> loss, dW, db = softmax_loss_grads(np.zeros((2, 3)), np.zeros(3), np.ones((1, 2)), [0])
    >>> round(loss, 4), db.round(4).tolist()
    (1.0986, [-0.6667, 0.3333, 0.3333])
    """
    n = len(y)
    Z = X @ W + b
    log_p = Z - Z.max(axis=1, keepdims=True)
    log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    G = np.exp(log_p)
    G[np.arange(n), y] -= 1.0  # P - Y
    return float(loss), X.T @ G / n, G.mean(axis=0)


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def buggy_loss_grads(bug, W, b, X, y):
    """Loss and gradients as the code with ``bug`` computes them (see :data:`BUGS`).

    For ``"no_neg"`` the model is binary: ``W`` of shape (d,), ``b`` a float, ``y`` 0/1.
    ``"shape"`` raises the ``ValueError`` that ``w.dot(X)`` raises. Overflow warnings are
    silenced; their ``inf`` and NaN are returned.

    Examples
    --------
    >>> W, b, X, y = np.zeros((2, 3)), np.zeros(3), np.ones((1, 2)), np.array([0])
    >>> buggy_loss_grads("sign", W, b, X, y)[1][:, 0].round(4).tolist()
    [0.6667, 0.6667]
    >>> buggy_loss_grads("shape", W, b, X, y)
    Traceback (most recent call last):
    ...
    ValueError: shapes (2,3) and (1,2) not aligned: 3 (dim 1) != 1 (dim 0)
    """
    _check_bug(bug)
    n = len(y)
    rows = np.arange(n)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if bug == "none" and np.ndim(W) == 1:  # the correct binary loop (task "odd")
            z = X @ W + b
            g = _sigmoid(z) - y
            loss = np.mean(np.logaddexp(0.0, z) - y * z)
            return float(loss), X.T @ g / n, float(g.mean())
        if bug == "none":
            return softmax_loss_grads(W, b, X, y)
        if bug == "sign":
            loss, dW, db = softmax_loss_grads(W, b, X, y)
            return loss, -dW, db  # 002: dw = -X.T.dot(y_hat - y), db has the right sign
        if bug == "shape":
            W.dot(X)  # raises: (d, K) . (n, d)
        if bug == "no_neg":
            p = _sigmoid(X @ W + b)
            loss = -np.mean(y * np.log(p))
            g = -y * (1.0 - p)  # d/dz of -y log sigmoid(z): the code's own loss, differentiated
            return float(loss), X.T @ g / n, float(g.mean())
        Z = X @ W + b
        if bug == "axis":
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
            P = E / E.sum(axis=0, keepdims=True)  # each class's column sums to 1
        else:  # "unstable"
            E = np.exp(Z)
            P = E / E.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(P[rows, y]))
        G = P.copy()
        G[rows, y] -= 1.0
        return float(loss), X.T @ G / n, G.mean(axis=0)


def relative_error(g, g_num):
    """``||g - g_num|| / (||g|| + ||g_num||)``: 0 when equal, 1 when opposite; never NaN.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0]), relative_error([1.0, 2.0], [-1.0, -2.0])
    (0.0, 1.0)
    """
    g, g_num = np.asarray(g, float).ravel(), np.asarray(g_num, float).ravel()
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(g_num))):
        return float("inf")
    scale = np.linalg.norm(g) + np.linalg.norm(g_num)
    return float(np.linalg.norm(g - g_num) / scale) if scale > 0 else 0.0


def _init(task, d):
    return (np.zeros(d), 0.0) if task == "odd" else (np.zeros((d, 10)), np.zeros(10))


def _labels(task, y):
    return (y % 2).astype(np.int64) if task == "odd" else y


def gradient_check(bug, W=None, b=None, X=None, y=None, *, data=None, n=40):
    """Relative error between the code's gradient of W and the numerical gradient of its loss.

    Parameters
    ----------
    bug : str
        A key of :data:`BUGS`.
    W, b : arrays, optional
        The point of the check (default: a seeded random point of scale 0.1).
    X, y : arrays, optional
        The batch (default: the first ``n`` training digits of ``data``).
    data : dict, optional
        :func:`digits_split` (default ``digits_split()``).
    n : int, default 40

    Returns
    -------
    dict
        ``relative_error`` (float; ``inf`` when a value is not finite), ``error`` (the
        exception's ``"Type: message"`` or ``""``).

    Examples
    --------
    >>> gradient_check("none")["relative_error"] < 1e-7
    True
    >>> round(gradient_check("sign")["relative_error"], 6)
    1.0
    >>> gradient_check("shape")["error"][:11]
    'ValueError:'
    """
    _check_bug(bug)
    task = BUGS[bug][2]
    if X is None:
        data = digits_split() if data is None else data
        X, y = data["X_train"][:n], _labels(task, data["y_train"][:n])
    if W is None:
        rng = np.random.default_rng(1)
        W0, b0 = _init(task, X.shape[1])
        W = 0.1 * rng.normal(size=np.shape(W0))
        b = 0.1 * rng.normal(size=np.shape(b0)) if task == "digits" else 0.0
    try:
        _, dW, _ = buggy_loss_grads(bug, W, b, X, y)
    except Exception as exc:  # the shape bug: report it, as the code would fail
        return {"relative_error": float("inf"), "error": f"{type(exc).__name__}: {exc}"}
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        num = numerical_grad(lambda V: buggy_loss_grads(bug, V, b, X, y)[0], W)
    return {"relative_error": relative_error(dW, num), "error": ""}


def _eval(task, W, b, X, y):
    """True held-out cross-entropy (nats) and accuracy; inf loss when the weights are not
    finite."""
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        return float("inf"), float(np.mean(y == (1 if task == "odd" else 0)))
    if task == "odd":
        z = X @ W + b
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        return float(loss), float(np.mean((z > 0) == y))
    loss, _, _ = softmax_loss_grads(W, b, X, y)
    return loss, float(np.mean((X @ W + b).argmax(axis=1) == y))


def train_scratch(
    data=None,
    *,
    bug="none",
    lr=0.5,
    epochs=15,
    batch_size=32,
    raw_pixels=False,
    task=None,
    seed=0,
):
    """Minibatch gradient descent of softmax (or, for ``bug="no_neg"``, logistic) regression.

    Parameters
    ----------
    data : dict, optional
        :func:`digits_split` (default ``digits_split()``).
    bug : str, default "none"
        A key of :data:`BUGS`: the error switched on.
    lr : float > 0, default 0.5
    epochs : int, default 15
    batch_size : int, default 32
    raw_pixels : bool, default False
        Train on the raw pixel values 0..16 instead of the scaled [0, 1] ones (scores 16 times
        larger: the unstabilised softmax then overflows).
    task : {"digits", "odd"}, optional
        The bug's task by default; ``task="odd"`` with ``bug="none"`` is the correct binary loop.
    seed : int, default 0
        Seed of the minibatch order (weights start at 0).

    Returns
    -------
    dict
        Per epoch (index 0 = before training): ``reported`` (the mean loss the code itself
        computes over the epoch's minibatches; ``inf`` stands for ``inf`` or NaN),
        ``test_loss`` (true cross-entropy on the held-out set), ``test_accuracy``; and
        ``error`` (``"Type: message"`` when the code raises, else ``""``), ``task``,
        ``weights``, ``bias``.

    Examples
    --------
    >>> r = train_scratch(bug="sign", epochs=2)
    >>> bool(r["test_loss"][0] < r["test_loss"][-1])     # ascent: the held-out loss grows
    True
    >>> train_scratch(bug="shape", epochs=2)["error"][:11]
    'ValueError:'
    """
    _check_bug(bug)
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix="Use e.g. lr=0.5.")
    epochs = check_int(epochs, "epochs", minimum=1, fix="Use e.g. epochs=15.")
    batch_size = check_int(batch_size, "batch_size", minimum=1, fix="Use e.g. batch_size=32.")
    rng = check_seed(seed)
    data = digits_split() if data is None else data
    task = BUGS[bug][2] if task is None else task
    if task not in ("digits", "odd") or (task != BUGS[bug][2] and bug != "none"):
        raise ValueError(
            f"task must be 'digits' or 'odd' (and the bug's own task, {BUGS[bug][2]!r}, for "
            f"bug={bug!r}); found {task!r}. Leave task unset."
        )
    scale = 16.0 if raw_pixels else 1.0
    X, y = scale * data["X_train"], _labels(task, data["y_train"])
    Xt, yt = scale * data["X_test"], _labels(task, data["y_test"])
    W, b = _init(task, X.shape[1])
    loss0, acc0 = _eval(task, W, b, Xt, yt)
    reported, test_loss, test_acc = [np.nan], [loss0], [acc0]
    error = ""
    n_batches = max(1, len(y) // batch_size)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(epochs):
            losses = []
            for idx in np.array_split(rng.permutation(len(y)), n_batches):
                try:
                    loss, dW, db = buggy_loss_grads(bug, W, b, X[idx], y[idx])
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    break
                W, b = W - lr * dW, b - lr * db
                losses.append(loss)
            if error:
                break
            mean = float(np.mean(losses))
            reported.append(mean if np.isfinite(mean) else float("inf"))
            loss_t, acc_t = _eval(task, W, b, Xt, yt)
            test_loss.append(loss_t)
            test_acc.append(acc_t)
    reported[0] = test_loss[0]  # before training the code would report the same starting loss
    return {
        "reported": np.array(reported),
        "test_loss": np.array(test_loss),
        "test_accuracy": np.array(test_acc),
        "error": error,
        "task": task,
        "weights": W,
        "bias": b,
    }


#: Learning rates of :func:`bug_runs` (and of the chapter's explorer).
LEARNING_RATES = (0.05, 0.5, 2.0)


@functools.lru_cache(maxsize=2)
def _bug_runs(epochs):
    data = digits_split()
    runs = {}
    for bug in BUGS:
        check = gradient_check(bug, data=data)
        for raw in (False, True):
            for lr in LEARNING_RATES:
                run = train_scratch(data, bug=bug, lr=lr, epochs=epochs, raw_pixels=raw)
                run["check"] = check
                runs[bug, raw, lr] = run
    check = gradient_check("none", data=data)
    for raw in (False, True):
        for lr in LEARNING_RATES:
            run = train_scratch(data, lr=lr, epochs=epochs, raw_pixels=raw, task="odd")
            run["check"] = check
            runs["none (odd)", raw, lr] = run
    return runs


def bug_runs(epochs=10):
    """Every bug of :data:`BUGS` trained at every pixel scale and rate of :data:`LEARNING_RATES`.

    Computed once per process (about 2 s) and shared; the result maps
    ``(bug, raw_pixels, lr)`` to :func:`train_scratch`'s dict plus ``check``
    (:func:`gradient_check` of that bug); ``("none (odd)", raw_pixels, lr)`` is the correct
    binary loop, the reference of ``"no_neg"``.

    Examples
    --------
    >>> runs = bug_runs(epochs=2)
    >>> len(runs), round(runs["sign", False, 0.5]["check"]["relative_error"], 3)
    (42, 1.0)
    """
    epochs = check_int(epochs, "epochs", minimum=1, fix="Use e.g. epochs=10.")
    return _bug_runs(epochs)
