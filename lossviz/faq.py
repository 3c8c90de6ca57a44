"""The sources' FAQ answered by computation (chapter 11): small helpers that return tables.

* :func:`accuracy_history` — training accuracy after every step of a logistic-regression fit.
* :func:`flipped_label_pull` — how hard mislabelled points pull on a trained model: their share of
  the gradient under BCE and under MSE on a sigmoid.
* :func:`imbalance_remedies` — 000 §8.3's remedies (none, class weights, over- and under-sampling,
  augmentation of the minority) on the same data, scored on held-out data.
* :func:`optimiser_table` — 001 §6 Q4: optimisers, learning rates and batch sizes on one network,
  with divergence.
* :func:`cross_entropy_forms` — 003 §6.2: which cross-entropy for which task, each row checked.

Every function is deterministic (seeded) and returns a :class:`Table`, whose ``str`` is a plain
aligned table (what a notebook prints) and which renders as HTML in Jupyter. Its data are English
(``t.column("remedy")``); column names and text marked for the catalogue are shown in the current
language (:mod:`lossviz.i18n`).

Examples
--------
>>> t = Table(["a", "b"], [[1, 0.5], [2, 0.25]])
>>> print(t)
a  b
-  ----
1  0.5
2  0.25
>>> t.column("b")
[0.5, 0.25]
"""

from __future__ import annotations

import html

import numpy as np

from ._text import Message, ljust, shown, width
from ._validation import check_int, check_real, check_seed
from .i18n import N_, tr

__all__ = [
    "Table",
    "accuracy_history",
    "flipped_label_pull",
    "imbalance_remedies",
    "optimiser_table",
    "cross_entropy_forms",
]


class Table:
    """Rows under named columns; ``str`` gives aligned plain text, Jupyter shows HTML."""

    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]
        for r in self.rows:
            if len(r) != len(self.columns):
                raise ValueError(f"each row needs {len(self.columns)} cells; found {len(r)}.")

    def column(self, name):
        """The values of column ``name``."""
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def row(self, first):
        """The row whose first cell is ``first``, as a dict."""
        for r in self.rows:
            if r[0] == first:
                return dict(zip(self.columns, r, strict=True))
        raise KeyError(f"no row starts with {first!r}; rows: {[r[0] for r in self.rows]}")

    @staticmethod
    def _fmt(v):
        if isinstance(v, (bool, np.bool_)):
            return tr("yes") if v else tr("no")
        if isinstance(v, (float, np.floating)):
            return f"{float(v):.4g}"
        return str(shown(v))

    def __str__(self):
        cells = [[str(shown(c)) for c in self.columns]]
        cells += [[self._fmt(v) for v in r] for r in self.rows]
        widths = [max(width(c[i]) for c in cells) for i in range(len(self.columns))]
        lines = [
            "  ".join(ljust(c[i], widths[i]) for i in range(len(widths))).rstrip() for c in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self):
        head = "".join(f"<th>{html.escape(str(shown(c)))}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(self._fmt(v))}</td>" for v in r) + "</tr>"
            for r in self.rows
        )
        return f"<table><tr>{head}</tr>{body}</table>"


def accuracy_history(fit, X, y):
    """Accuracy on ``(X, y)`` of the weights after every step of a logistic-regression fit.

    Parameters
    ----------
    fit : LogisticRegressionFit
        From :func:`lossviz.train.train_logistic_regression` (its history holds the weights).
    X, y : the data to score on

    Returns
    -------
    list of float

    Examples
    --------
    >>> from lossviz.data import make_blobs_binary
    >>> from lossviz.train import train_logistic_regression
    >>> X, y = make_blobs_binary(100, separation=4.0)
    >>> acc = accuracy_history(train_logistic_regression(X, y, epochs=5), X, y)
    >>> len(acc), acc[-1] > 0.9
    (6, True)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    return [
        float(np.mean((X @ np.asarray(w) + b > 0) == y))
        for w, b in zip(fit.history["weights"], fit.history["bias"], strict=True)
    ]


def flipped_label_pull(*, n=400, flip=0.05, separation=3.0, epochs=2000, seed=0):
    """Mislabelled points under BCE and under MSE on a sigmoid: their pull on a trained model.

    Two seeded blobs; a fraction ``flip`` of the training labels is flipped.  A logistic model is
    trained on them with each loss; at the trained weights we report the flipped points' share of
    the total ``|dL/dz|`` (how hard they pull), their share of the loss, and the accuracy on clean
    held-out data drawn from the same blobs.

    Returns
    -------
    Table
        Columns ``loss, flipped fraction, gradient share, loss share, held-out accuracy``.

    Examples
    --------
    >>> t = flipped_label_pull(n=200, epochs=300)
    >>> t.column("loss")
    ['bce', 'mse']
    """
    from .data import make_blobs_binary
    from .gradients import bce_with_logits_grad, mse_sigmoid_grad
    from .losses import bce_with_logits, mse
    from .train import train_logistic_regression

    flip = check_real(flip, "flip", low=0.0, high=0.5)
    rng = check_seed(seed)
    X, y = make_blobs_binary(n, separation=separation, seed=seed)
    Xt, yt = make_blobs_binary(4 * n, separation=separation, seed=seed + 1)
    flipped = np.zeros(n, dtype=bool)
    flipped[rng.choice(n, size=int(round(flip * n)), replace=False)] = True
    y_noisy = np.where(flipped, 1 - y, y).astype(float)
    rows = []
    for loss, lr, grad in (("bce", 0.5, bce_with_logits_grad), ("mse", 2.0, mse_sigmoid_grad)):
        fit = train_logistic_regression(X, y_noisy, loss=loss, lr=lr, epochs=epochs)
        z = X @ fit.weights + fit.bias
        g = np.abs(grad(y_noisy, z))
        if loss == "bce":
            per = bce_with_logits(y_noisy, z, reduction="none")
        else:
            per = mse(y_noisy, 1.0 / (1.0 + np.exp(-z)), reduction="none")
        rows.append(
            [
                loss,
                round(float(flipped.mean()), 3),
                round(float(g[flipped].sum() / g.sum()), 3),
                round(float(per[flipped].sum() / per.sum()), 3),
                round(float(np.mean(fit.predict(Xt) == yt)), 3),
            ]
        )
    return Table(
        [
            N_("loss"),
            N_("flipped fraction"),
            N_("gradient share"),
            N_("loss share"),
            N_("held-out accuracy"),
        ],
        rows,
    )


def _augment_minority(X, y, n_new, rng, scale):
    """New minority points: random minority points plus Gaussian jitter (``scale`` × feature sd)."""
    members = np.flatnonzero(y == 1)
    base = X[rng.choice(members, size=n_new, replace=True)]
    sd = X[members].std(axis=0)
    Xa = base + rng.normal(size=base.shape) * scale * sd
    return np.vstack([X, Xa]), np.concatenate([y, np.ones(n_new, dtype=y.dtype)])


def imbalance_remedies(*, ratio=20, n_majority=1000, separation=2.0, epochs=300, seed=0):
    """000 §8.3's remedies for imbalance, each on the same data, scored on held-out data.

    Remedies: ``none``; ``class weights`` (balanced); ``oversample`` (random duplicates of the
    minority); ``undersample`` (a random subset of the majority); ``augment`` (new minority points:
    copies jittered by Gaussian noise of 0.3 feature standard deviations, a stand-in for the flips
    and rotations of images).  Each trains the same logistic regression with BCE (and, to show the
    remedies are not about cross-entropy, with MSE on the sigmoid).  The test set has the same
    ratio, 10 times as many points.

    Returns
    -------
    Table
        Columns ``remedy, loss, train minority share, recall, precision, balanced accuracy``.

    Examples
    --------
    >>> t = imbalance_remedies(epochs=50)
    >>> t.column("remedy")[:3]
    ['none', 'none', 'class weights']
    """
    from .data import make_imbalanced
    from .imbalance import random_oversample, random_undersample
    from .train import train_logistic_regression

    ratio = check_real(ratio, "ratio", low=1.0)
    n_majority = check_int(n_majority, "n_majority", minimum=10)
    X, y = make_imbalanced(n_majority, ratio, separation=separation, seed=seed)
    Xt, yt = make_imbalanced(10 * n_majority, ratio, separation=separation, seed=seed + 1)
    rng = check_seed(seed)
    n_min = int(np.sum(y == 1))
    data = {
        N_("none"): (X, y, None),
        N_("class weights"): (X, y, "balanced"),
        N_("oversample"): (*random_oversample(X, y, seed=seed), None),
        N_("undersample"): (*random_undersample(X, y, seed=seed), None),
        N_("augment"): (*_augment_minority(X, y, n_majority - n_min, rng, 0.3), None),
    }
    rows = []
    for remedy, (Xr, yr, weight) in data.items():
        for loss, lr in (("bce", 0.5), ("mse", 2.0)):
            fit = train_logistic_regression(
                Xr, yr, loss=loss, lr=lr, epochs=epochs, sample_weight=weight
            )
            pred = fit.predict(Xt)
            tp = np.sum((pred == 1) & (yt == 1))
            recall = tp / np.sum(yt == 1)
            precision = tp / max(np.sum(pred == 1), 1)
            specificity = np.sum((pred == 0) & (yt == 0)) / np.sum(yt == 0)
            rows.append(
                [
                    remedy,
                    loss,
                    round(float(np.mean(yr == 1)), 3),
                    round(float(recall), 3),
                    round(float(precision), 3),
                    round(float((recall + specificity) / 2), 3),
                ]
            )
    return Table(
        [
            N_("remedy"),
            N_("loss"),
            N_("train minority share"),
            N_("recall"),
            N_("precision"),
            N_("balanced accuracy"),
        ],
        rows,
    )


def optimiser_table(data=None, *, runs=None, epochs=10, hidden=32, seed=0):
    """001 §6 Q4 computed: one network on the digits, several optimisers, rates and batch sizes.

    Parameters
    ----------
    data : DigitsSplit, optional
        Default :func:`lossviz.square_loss.load_digits_split`.
    runs : list of (optimiser, lr, batch_size), optional
        ``batch_size`` None is the full batch.
        Default: SGD, momentum and Adam at their usual rates, SGD at three batch sizes, and each
        optimiser at a rate 10–30× too large.
    epochs : int, default 10
        The same number of passes over the data for every run (so a larger batch takes fewer steps).

    Returns
    -------
    Table
        Columns ``optimiser, lr, batch, steps, start loss, final loss, test accuracy, diverged``.

    Examples
    --------
    >>> t = optimiser_table(runs=[("sgd", 0.1, 64)], epochs=1)
    >>> t.column("steps")
    [20]
    """
    from .square_loss import load_digits_split, one_blas_thread, train_mlp

    data = load_digits_split() if data is None else data
    runs = runs or [
        ("sgd", 0.1, 32),
        ("momentum", 0.1, 32),
        ("adam", 0.01, 32),
        ("sgd", 0.1, 1),
        ("sgd", 0.1, None),
        ("sgd", 3.0, 32),
        ("momentum", 3.0, 32),
        ("adam", 0.3, 32),
    ]
    n = data.X_train.shape[0]
    rows = []
    for optimiser, lr, batch in runs:
        b = n if batch is None else min(batch, n)
        with one_blas_thread():
            fit = train_mlp(
                data.X_train,
                data.y_train,
                optimiser=optimiser,
                lr=lr,
                batch_size=b,
                epochs=epochs,
                hidden=hidden,
                seed=seed,
            )
        rows.append(
            [
                optimiser,
                lr,
                b,
                epochs * -(-n // b),
                round(float(fit.history[0]), 3),
                round(float(fit.history[-1]), 3),
                round(fit.accuracy(data.X_test, data.y_test), 3),
                fit.diverged,
            ]
        )
    return Table(
        [
            N_("optimiser"),
            "lr",
            N_("batch"),
            N_("steps"),
            N_("start loss"),
            N_("final loss"),
            N_("test accuracy"),
            N_("diverged"),
        ],
        rows,
    )


def cross_entropy_forms(seed=0):
    """003 §6.2 computed: task → output layer → loss, each row checked numerically.

    Every check compares two computations that must agree (largest absolute difference, or a
    property that must hold), on seeded random logits.

    Returns
    -------
    Table
        Columns ``task, output, loss, check, value, holds``.

    Examples
    --------
    >>> t = cross_entropy_forms()
    >>> all(t.column("holds"))
    True
    """
    from .activations import log_softmax, sigmoid, softmax
    from .gradients import bce_with_logits_grad, numerical_grad, softmax_cross_entropy_grad
    from .losses import bce_with_logits, softmax_cross_entropy

    rng = check_seed(seed)
    n, K = 50, 4
    Z = rng.normal(scale=2.0, size=(n, K))
    y = rng.integers(0, K, n)
    z = Z[:, 0]
    yb = (rng.random(n) < 0.5).astype(float)
    Y = (rng.random((n, K)) < 0.4).astype(float)
    rows = []

    # binary: sigmoid + BCE = softmax CE over the two logits (0, z)
    two = softmax_cross_entropy(yb.astype(int), np.stack([np.zeros(n), z], 1), reduction="none")
    d = float(np.abs(bce_with_logits(yb, z, reduction="none") - two).max())
    rows.append(
        [
            N_("one of 2 classes"),
            N_("1 logit, sigmoid"),
            N_("binary CE (bce_with_logits)"),
            N_("= softmax CE on logits (0, z)"),
            d,
            d < 1e-12,
        ]
    )

    # multiclass: softmax CE = -log softmax[y]; gradient p - onehot
    ce = softmax_cross_entropy(y, Z, reduction="none")
    d1 = float(np.abs(ce + log_softmax(Z)[np.arange(n), y]).max())
    num = numerical_grad(lambda v: softmax_cross_entropy(y[:1], v[None, :]), Z[0].copy())
    d2 = float(np.abs(softmax_cross_entropy_grad(y[:1], Z[:1])[0] - num).max())
    rows.append(
        [
            N_("one of K classes"),
            N_("K logits, softmax"),
            N_("softmax CE"),
            N_("= -log p_y; gradient p - onehot (numerical)"),
            max(d1, d2),
            max(d1, d2) < 1e-6,
        ]
    )

    # multi-label: K sigmoids, BCE per label; gradient sigma(z) - y; softmax cannot fit 2 labels
    g = bce_with_logits_grad(Y, Z)
    d3 = float(np.abs(g - (sigmoid(Z) - Y)).max())
    two_labels = Y.sum(axis=1) >= 2
    best_softmax = float(softmax(np.array([[50.0, 50.0, -50.0, -50.0]]))[0, 0])
    rows.append(
        [
            N_("any subset of K labels"),
            N_("K logits, K sigmoids"),
            N_("BCE per label"),
            Message(
                N_("gradient sigma(z) - y; softmax gives each of 2 true labels <= {best}"),
                best=best_softmax,
            ),
            d3,
            d3 < 1e-12 and bool(two_labels.any()),
        ]
    )

    # soft targets / label smoothing: CE with probability rows = (1-eps) CE + eps * uniform CE
    eps = 0.1
    smooth = softmax_cross_entropy(y, Z, label_smoothing=eps, reduction="none")
    uniform = -log_softmax(Z).mean(axis=1)
    d4 = float(np.abs(smooth - ((1 - eps) * ce + eps * uniform)).max())
    rows.append(
        [
            N_("one of K, smoothed (either K)"),
            N_("K logits, softmax"),
            N_("CE on smoothed targets"),
            N_("= (1-eps) CE + eps CE(uniform), eps = 0.1"),
            d4,
            d4 < 1e-12,
        ]
    )

    # smoothing is not "the binary form": with eps its optimum is p = 1 - eps/2, not 1
    p = np.linspace(0.5, 0.9999, 20000)
    yb_s = 1 - eps / 2
    best = float(p[np.argmin(-(yb_s * np.log(p) + (1 - yb_s) * np.log(1 - p)))])
    rows.append(
        [
            N_("binary with smoothing (003 §6.2)"),
            N_("1 logit, sigmoid"),
            N_("BCE on 1 - eps/2"),
            N_("a regulariser: best p = 1 - eps/2 = 0.95"),
            round(best, 4),
            abs(best - 0.95) < 1e-3,
        ]
    )

    # imbalance: weighted CE = weighted mean of per-example CE
    w = np.array([1.0, 2.0, 3.0, 4.0])
    weighted = softmax_cross_entropy(y, Z, class_weight=w)
    d5 = abs(weighted - float(np.sum(w[y] * ce) / np.sum(w[y])))
    rows.append(
        [
            N_("one of K, imbalanced"),
            N_("K logits, softmax"),
            N_("class-weighted CE"),
            N_("= sum w_y CE / sum w_y (PyTorch's weighted mean)"),
            d5,
            d5 < 1e-12,
        ]
    )
    return Table(
        [N_("task"), N_("output"), N_("loss"), N_("check"), N_("value"), N_("holds")], rows
    )
