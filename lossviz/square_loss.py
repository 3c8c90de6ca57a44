r"""Square loss against cross-entropy for classifiers: a small numpy network on the digits data.

A mini-replication of Hui & Belkin, "Evaluation of Neural Architectures Trained with Square Loss
vs Cross-Entropy in Classification Tasks" (ICLR 2021, arXiv:2006.07322).  The same network — one
hidden layer of ``tanh`` units (or none: a linear model) and ``K`` linear outputs — is trained

* with cross-entropy: softmax of the outputs, :math:`-\log p_y`;
* with square loss **on the outputs themselves** (no softmax), as in the paper:
  :math:`\ell(f, c) = \frac1K\big[k\,(f_c - M)^2 + \sum_{i \ne c} f_i^2\big]`, where ``k = M = 1``
  is the plain square loss against the one-hot target and larger ``k``, ``M`` are the paper's
  rescaling for many classes (they used ``k = 1, M = 1`` below 42 classes).

Data: scikit-learn's bundled 8×8 digits (:func:`sklearn.datasets.load_digits`, 1797 images, read
from the installed package, nothing downloaded), pixels scaled to [0, 1], one fixed stratified
train/test split; the seed of a run changes the initial weights and the order of the minibatches.
scikit-learn is needed only by :func:`load_digits_split`.

Examples
--------
>>> data = load_digits_split()
>>> data.X_train.shape, data.X_test.shape, data.n_classes
((1258, 64), (539, 64), 10)
>>> fit = train_mlp(data.X_train, data.y_train, loss="square", hidden=0, epochs=5)
>>> bool(fit.accuracy(data.X_test, data.y_test) > 0.8)
True
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from ._validation import check_int, check_real, check_seed
from .i18n import tr

__all__ = [
    "DigitsSplit",
    "load_digits_split",
    "MLPFit",
    "train_mlp",
    "square_loss_outputs",
    "replicate",
    "one_blas_thread",
    "summary",
    "make_many_classes",
]

_OPTIMISERS = ("sgd", "momentum", "adam")
_LOSSES = ("ce", "square")


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread (threadpoolctl, when installed).

    The matrices here are small: on a shared 2-core machine, BLAS threads only contend (measured:
    the replication of chapter 11 runs about 3 times faster on one thread under load).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class DigitsSplit:
    """A train/test split of the digits data (pixels in [0, 1])."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    n_classes: int


def load_digits_split(*, test_fraction=0.3, seed=0):
    """scikit-learn's bundled digits, split per class (stratified) into train and test.

    Parameters
    ----------
    test_fraction : float in (0, 1), default 0.3
    seed : int, default 0
        The split's seed.

    Returns
    -------
    DigitsSplit
    """
    test_fraction = check_real(
        test_fraction, "test_fraction", low=0.0, high=1.0, low_open=True, high_open=True
    )
    rng = check_seed(seed)
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - scikit-learn is in the test extra
        raise ImportError(
            "load_digits_split needs scikit-learn (its digits data ship with the package); "
            "install it with `pip install scikit-learn`."
        ) from exc
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    test = np.zeros(y.size, dtype=bool)
    for c in np.unique(y):
        members = np.flatnonzero(y == c)
        test[rng.choice(members, size=int(round(test_fraction * members.size)), replace=False)] = 1
    return DigitsSplit(X[~test], y[~test], X[test], y[test], int(y.max()) + 1)


def square_loss_outputs(f, y, *, k=1.0, M=1.0):
    """Hui & Belkin's square loss on raw outputs, per example, and its gradient.

    Parameters
    ----------
    f : ndarray of shape (n, K)
        The network's outputs (no softmax).
    y : ndarray of shape (n,)
        Class indices.
    k, M : float, default 1.0
        Weight and target of the true class (the rescaling for many classes).

    Returns
    -------
    loss : ndarray of shape (n,)
    grad : ndarray of shape (n, K)
        d loss / d f.

    Examples
    --------
    >>> loss, grad = square_loss_outputs(np.array([[0.5, 0.0]]), np.array([0]))
    >>> loss.tolist(), grad.tolist()
    ([0.125], [[-0.5, 0.0]])
    """
    f = np.asarray(f, dtype=float)
    n, K = f.shape
    T = np.zeros_like(f)
    W = np.ones_like(f)
    T[np.arange(n), y] = M
    W[np.arange(n), y] = k
    R = f - T
    return np.sum(W * R * R, axis=1) / K, 2.0 * W * R / K


def _ce(f, y):
    m = f.max(axis=1, keepdims=True)
    e = np.exp(f - m)
    s = e.sum(axis=1, keepdims=True)
    logp = f - m - np.log(s)
    n = f.shape[0]
    P = e / s
    P[np.arange(n), y] -= 1.0
    return -logp[np.arange(n), y], P


@dataclass(frozen=True)
class MLPFit:
    """A trained network: ``params`` (W1, b1, W2, b2; W1 is None without a hidden layer) and the
    mean training loss after each epoch in ``history`` (``inf`` once it overflowed)."""

    params: tuple
    history: np.ndarray
    loss: str

    def outputs(self, X):
        """The K outputs (logits) for each row of ``X``."""
        W1, b1, W2, b2 = self.params
        H = np.asarray(X, dtype=float) if W1 is None else np.tanh(X @ W1 + b1)
        return H @ W2 + b2

    def predict(self, X):
        """The class with the largest output (the same rule for both losses)."""
        return np.argmax(self.outputs(X), axis=1)

    def accuracy(self, X, y):
        """The fraction of ``X``'s rows classified as ``y``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

    @property
    def diverged(self):
        """The loss ended above where it started, or overflowed."""
        return bool(not np.isfinite(self.history[-1]) or self.history[-1] > self.history[0])


def train_mlp(
    X,
    y,
    *,
    loss="ce",
    hidden=32,
    optimiser="momentum",
    lr=None,
    batch_size=32,
    epochs=30,
    seed=0,
    init_scale=1.0,
    k=1.0,
    M=1.0,
):
    """Train a one-hidden-layer ``tanh`` network (``hidden=0``: linear) by minibatch descent.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)
        Class indices 0..K-1.
    loss : {"ce", "square"}
        Softmax cross-entropy, or Hui & Belkin's square loss on the outputs
        (:func:`square_loss_outputs` with ``k``, ``M``).
    hidden : int, default 32
    optimiser : {"sgd", "momentum", "adam"}
        Plain SGD; heavy-ball momentum 0.9; Adam (β = 0.9, 0.999, ε = 1e-8).
    lr : float, optional
        Default 0.1 for SGD and momentum, 0.01 for Adam.
    batch_size : int, default 32
        ``n`` for full-batch gradient descent.
    epochs : int, default 30
    seed : int, default 0
        Initial weights (Gaussian, standard deviation ``init_scale / sqrt(fan_in)``) and minibatch
        order.
    init_scale : float, default 1.0

    Returns
    -------
    MLPFit

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 2)); y = (X[:, 0] > 0).astype(int)
    >>> fit = train_mlp(X, y, hidden=8, epochs=20)
    >>> fit.accuracy(X, y) > 0.95, fit.history.shape
    (True, (21,))
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(
            f"X must have shape (n, d) and y shape (n,); found {X.shape} and {y.shape}."
        )
    if loss not in _LOSSES:
        raise ValueError(f"loss must be 'ce' or 'square'; found {loss!r}.")
    if optimiser not in _OPTIMISERS:
        raise ValueError(
            f"optimiser must be one of {', '.join(map(repr, _OPTIMISERS))}; found {optimiser!r}."
        )
    y = y.astype(np.int64)
    n, d = X.shape
    K = int(y.max()) + 1
    hidden = check_int(hidden, "hidden", minimum=0)
    lr = (0.01 if optimiser == "adam" else 0.1) if lr is None else lr
    lr = check_real(lr, "lr", low=0.0, low_open=True)
    batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n)
    epochs = check_int(epochs, "epochs", minimum=1)
    init_scale = check_real(init_scale, "init_scale", low=0.0)
    k = check_real(k, "k", low=0.0, low_open=True)
    M = check_real(M, "M", low=0.0, low_open=True)
    rng = check_seed(seed)
    if hidden:
        params = [
            rng.normal(scale=init_scale / np.sqrt(d), size=(d, hidden)),
            np.zeros(hidden),
            rng.normal(scale=init_scale / np.sqrt(hidden), size=(hidden, K)),
            np.zeros(K),
        ]
    else:
        params = [None, None, rng.normal(scale=init_scale / np.sqrt(d), size=(d, K)), np.zeros(K)]
    live = [i for i, p in enumerate(params) if p is not None]
    m1 = {i: np.zeros_like(params[i]) for i in live}
    m2 = {i: np.zeros_like(params[i]) for i in live}

    def forward(Xb):
        H = Xb if params[0] is None else np.tanh(Xb @ params[0] + params[1])
        return H, H @ params[2] + params[3]

    def loss_grad(f, yb):
        return _ce(f, yb) if loss == "ce" else square_loss_outputs(f, yb, k=k, M=M)

    def full_loss():
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(np.mean(loss_grad(forward(X)[1], y)[0]))
        return value if np.isfinite(value) else np.inf

    history = [full_loss()]
    t = 0
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            Xb, yb = X[idx], y[idx]
            with np.errstate(over="ignore", invalid="ignore"):
                H, f = forward(Xb)
                dF = loss_grad(f, yb)[1] / idx.size
                grads = {2: H.T @ dF, 3: dF.sum(axis=0)}
                if params[0] is not None:
                    dH = (dF @ params[2].T) * (1.0 - H * H)
                    grads[0], grads[1] = Xb.T @ dH, dH.sum(axis=0)
                t += 1
                for i in live:
                    g = grads[i]
                    if optimiser == "sgd":
                        step = g
                    elif optimiser == "momentum":
                        m1[i] = 0.9 * m1[i] + g
                        step = m1[i]
                    else:
                        m1[i] = 0.9 * m1[i] + 0.1 * g
                        m2[i] = 0.999 * m2[i] + 0.001 * g * g
                        step = (m1[i] / (1 - 0.9**t)) / (np.sqrt(m2[i] / (1 - 0.999**t)) + 1e-8)
                    params[i] = params[i] - lr * step
        history.append(full_loss())
        if not np.isfinite(history[-1]):
            history.extend([np.inf] * (epochs + 1 - len(history)))
            break
    return MLPFit(params=tuple(params), history=np.asarray(history), loss=loss)


def replicate(data=None, *, seeds=range(5), settings=None, **train_kwargs):
    """Held-out accuracy of the same network trained under several losses, over seeds.

    Parameters
    ----------
    data : DigitsSplit, optional
        Default :func:`load_digits_split`.
    seeds : iterable of int
        One run per seed and setting (initial weights and minibatch order).
    settings : dict name -> dict, optional
        Keyword arguments of :func:`train_mlp` per setting; default
        ``{"ce": {"loss": "ce"}, "square": {"loss": "square"}}``.
    **train_kwargs
        Shared keyword arguments of :func:`train_mlp`.

    Returns
    -------
    dict name -> ndarray
        The test accuracy of each seed.

    Examples
    --------
    >>> acc = replicate(seeds=[0, 1], hidden=0, epochs=3)
    >>> sorted(acc), acc["ce"].shape
    (['ce', 'square'], (2,))
    """
    data = load_digits_split() if data is None else data
    settings = settings or {"ce": {"loss": "ce"}, "square": {"loss": "square"}}
    out = {}
    with one_blas_thread():
        for name, kw in settings.items():
            acc = []
            for s in seeds:
                fit = train_mlp(data.X_train, data.y_train, seed=s, **{**train_kwargs, **kw})
                acc.append(fit.accuracy(data.X_test, data.y_test))
            out[name] = np.asarray(acc)
    return out


def summary(accuracies):
    """One line: mean ± sample standard deviation of each setting's test accuracy.

    Examples
    --------
    >>> summary({"ce": np.array([0.9, 1.0]), "square": np.array([0.8, 0.8])})
    'ce 0.9500 ± 0.0707, square 0.8000 ± 0.0000 (test accuracy over 2 seeds)'
    """
    parts = [f"{k} {np.mean(v):.4f} ± {np.std(v, ddof=1):.4f}" for k, v in accuracies.items()]
    n = min(len(v) for v in accuracies.values())
    return ", ".join(parts) + tr(" (test accuracy over {n} seeds)").format(n=n)


def make_many_classes(n_classes=100, n_per_class=20, *, dim=30, seed=0, test_seed=1):
    """Gaussian classes around random centres in ``dim`` dimensions, with a test set.

    The centres come from ``seed``; the training and test points share them and differ in their
    noise (``test_seed``).  For the many-class caveat of the square loss.

    Returns
    -------
    DigitsSplit
        (The same container as the digits: ``X_train, y_train, X_test, y_test, n_classes``.)

    Examples
    --------
    >>> d = make_many_classes(5, 4, dim=3)
    >>> d.X_train.shape, d.X_test.shape, d.n_classes
    ((20, 3), (20, 3), 5)
    """
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1)
    dim = check_int(dim, "dim", minimum=1)
    centres = check_seed(seed).normal(size=(n_classes, dim))
    y = np.repeat(np.arange(n_classes), n_per_class)
    noise = check_seed(seed + 1000).normal(size=(y.size, dim))
    noise_test = check_seed(test_seed + 2000).normal(size=(y.size, dim))
    return DigitsSplit(centres[y] + noise, y, centres[y] + noise_test, y.copy(), n_classes)
