r"""Post-hoc calibration by temperature scaling, measured on held-out data (chapter 05).

Guo et al. (ICML 2017) observed that a classifier trained to drive its training loss towards 0
is **over-confident** on new data: its largest softmax probability is larger than the fraction
it gets right. Temperature scaling fixes that after training: divide every logit by one number
``T``, fitted on a **validation** split by minimising the negative log-likelihood
(:func:`lossviz.calibration.fit_temperature`), and judge the result on a separate **test** split.
The arg-max (hence the accuracy) never changes.

This module sets up that experiment on the course's own data, both ways:

* ``"over-confident"`` — softmax regression trained long (3000 epochs) on 5 points per class of
  :func:`lossviz.data.make_multiclass_blobs` (4 classes): the training set is separable, the
  weights keep growing, and the held-out probabilities are too sure.
* ``"well-specified"`` — the same model on 200 points per class, 300 epochs: Gaussian blobs with
  one shared covariance are exactly what a linear softmax model describes, so it is already
  calibrated and the fitted ``T`` is close to 1 — nothing to gain.

Validation (250 points per class) and test (1000 per class) are fresh draws from the same
generator with their own seeds; the temperature never sees the test split.

Examples
--------
>>> s = temperature_study("well-specified")
>>> 0.9 < s.temperature < 1.1
True
>>> m1, mT = s.metrics(1.0), s.metrics(s.temperature)
>>> m1["accuracy"] == mT["accuracy"]            # scaling never changes the arg-max
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from ._text import Message, ljust, shown, width
from ._validation import check_int, check_real
from .activations import log_softmax, softmax
from .calibration import fit_temperature
from .data import make_multiclass_blobs
from .i18n import N_, tr
from .train import train_softmax_regression

__all__ = [
    "STUDIES",
    "TemperatureStudy",
    "make_temperature_study",
    "temperature_study",
    "reliability_bins",
]

#: The two preset experiments: name -> keyword arguments of :func:`make_temperature_study`.
STUDIES = {
    N_("over-confident"): dict(n_per_class=5, lr=1.0, epochs=3000),
    N_("well-specified"): dict(n_per_class=200, lr=0.5, epochs=300),
}

_N_CLASSES = 4
_SEPARATION = 3.0


def reliability_bins(y_true, probs, n_bins=15):
    """Top-label reliability per bin, every bin kept (empty bins have count 0).

    The bins are those of :func:`lossviz.metrics.calibration_curve` (equal width on [0, 1],
    closed on the right), so ``ece`` equals :func:`lossviz.calibration.top_label_ece`.

    Parameters
    ----------
    y_true : ndarray of int, shape (n,)
    probs : ndarray of shape (n, K)
        Row-stochastic probabilities.
    n_bins : int, default 15

    Returns
    -------
    dict
        ``edges`` (n_bins + 1), ``accuracy``, ``confidence`` (0 in empty bins), ``count``
        (n_bins each), ``ece``, ``mean_confidence`` and ``accuracy_all`` (over all samples).

    Examples
    --------
    >>> r = reliability_bins(np.array([0, 0, 1, 1]), np.array([[0.9, 0.1]] * 4), n_bins=10)
    >>> r["count"].tolist(), round(float(r["accuracy"][8]), 2), r["ece"]
    ([0, 0, 0, 0, 0, 0, 0, 0, 4, 0], 0.5, 0.4)
    """
    n_bins = check_int(n_bins, "n_bins", minimum=1, fix="Use e.g. n_bins=15.")
    probs = np.asarray(probs, dtype=float)
    y_true = np.asarray(y_true)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y_true).astype(float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], conf)
    count = np.bincount(ids, minlength=n_bins)
    conf_sum = np.bincount(ids, weights=conf, minlength=n_bins)
    right = np.bincount(ids, weights=correct, minlength=n_bins)
    safe = np.maximum(count, 1)
    accuracy, confidence = right / safe, conf_sum / safe
    ece = float(np.sum(np.abs(right - conf_sum)) / max(conf.size, 1))
    return {
        "edges": edges,
        "accuracy": accuracy,
        "confidence": confidence,
        "count": count.astype(np.int64),
        "ece": ece,
        "mean_confidence": float(conf.mean()),
        "accuracy_all": float(correct.mean()),
    }


@dataclass(frozen=True)
class TemperatureStudy:
    """A trained model's validation and test logits and the temperature fitted on validation.

    Attributes
    ----------
    name : str
    description : str
    logits_val, y_val : ndarray
        Validation split (the temperature is fitted here).
    logits_test, y_test : ndarray
        Held-out test split (every calibration number is measured here).
    temperature : float
        ``fit_temperature(logits_val, y_val)``.
    train_accuracy : float
    n_bins : int
        Bins of the ECE (15, as Guo et al.).
    """

    name: str
    description: str
    logits_val: np.ndarray
    y_val: np.ndarray
    logits_test: np.ndarray
    y_test: np.ndarray
    temperature: float
    train_accuracy: float
    n_bins: int = 15
    _curve: dict = field(default_factory=dict, repr=False, compare=False)

    def probs(self, T=1.0, split="test"):
        """``softmax(logits / T)`` of the ``"test"`` (default) or ``"val"`` split."""
        T = check_real(T, "T", low=0.0, low_open=True, fix="Use e.g. T=1.5.")
        if split not in ("test", "val"):
            raise ValueError(f"split must be 'test' or 'val'; found {split!r}.")
        z = self.logits_test if split == "test" else self.logits_val
        return softmax(z / T, axis=1)

    def metrics(self, T=1.0, split="test"):
        """ECE (15 bins), NLL (nats), accuracy and mean confidence at temperature ``T``.

        Returns
        -------
        dict
            ``T``, ``ece``, ``nll``, ``accuracy``, ``mean_confidence`` and the per-bin
            ``bins`` of :func:`reliability_bins`.
        """
        T = check_real(T, "T", low=0.0, low_open=True, fix="Use e.g. T=1.5.")
        z = self.logits_test if split == "test" else self.logits_val
        y = self.y_test if split == "test" else self.y_val
        bins = reliability_bins(y, self.probs(T, split), self.n_bins)
        nll = float(-np.mean(log_softmax(z / T, axis=1)[np.arange(y.size), y]))
        return {
            "T": T,
            "ece": bins["ece"],
            "nll": nll,
            "accuracy": bins["accuracy_all"],
            "mean_confidence": bins["mean_confidence"],
            "bins": bins,
        }

    def curve(self, temperatures=None):
        """Test ECE and NLL over a grid of temperatures (cached for the default grid).

        Returns
        -------
        dict
            ``T`` (default 81 values log-spaced from 0.25 to 8), ``ece``, ``nll``.
        """
        if temperatures is None:
            if not self._curve:
                self._curve.update(self.curve(np.geomspace(0.25, 8.0, 81)))
            return self._curve
        ts = np.asarray(temperatures, dtype=float)
        rows = [self.metrics(float(t)) for t in ts]
        return {
            "T": ts,
            "ece": np.array([r["ece"] for r in rows]),
            "nll": np.array([r["nll"] for r in rows]),
        }

    def table(self):
        """Before and after temperature scaling on the held-out test split, as a text table
        (in the current language)."""
        before, after = self.metrics(1.0), self.metrics(self.temperature)
        n_val, n_test = self.y_val.size, self.y_test.size
        split = N_("held-out test split ({n} points)")
        head = tr(split).format(n=n_test)
        # the columns T = 1 and T = T* start where they do in English
        pad = " " * max(1, 3 + width(split.format(n=n_test)) - width(head))
        lines = [
            tr("{name}: {description} (train accuracy {accuracy:.3f})").format(
                name=shown(self.name),
                description=shown(self.description),
                accuracy=self.train_accuracy,
            ),
            tr("T fitted on the validation split ({n} points): {T:.3f}").format(
                n=n_val, T=self.temperature
            ),
            f"{head}{pad}T = 1    T = {self.temperature:.3f}",
        ]
        for key, label in (
            ("ece", tr("ECE ({n} bins)").format(n=self.n_bins)),
            ("nll", tr("NLL (nats)")),
            ("accuracy", tr("accuracy")),
            ("mean_confidence", tr("mean confidence")),
        ):
            lines.append(f"  {ljust(label, 34)}{before[key]:>7.4f}  {after[key]:>10.4f}")
        return "\n".join(lines)


def make_temperature_study(
    n_per_class, *, lr, epochs, seed=0, n_val_per_class=250, n_test_per_class=1000, name=None
):
    """Train softmax regression on 4 Gaussian blobs and fit a temperature on validation data.

    Parameters
    ----------
    n_per_class : int
        Training points per class.
    lr : float
    epochs : int
        Full-batch gradient-descent steps from zero weights
        (:func:`lossviz.train.train_softmax_regression`).
    seed : int, default 0
        Seed of the training draw; validation and test use ``seed + 101`` and ``seed + 102``.
    n_val_per_class, n_test_per_class : int, default 250 and 1000
    name : str, optional

    Returns
    -------
    TemperatureStudy
    """
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1, fix="Use e.g. 5.")
    seed = check_int(seed, "seed", minimum=0, fix="Use e.g. seed=0.")
    blobs = functools.partial(make_multiclass_blobs, n_classes=_N_CLASSES, separation=_SEPARATION)
    X, y = blobs(n_per_class, seed=seed)
    Xv, yv = blobs(n_val_per_class, seed=seed + 101)
    Xt, yt = blobs(n_test_per_class, seed=seed + 102)
    fit = train_softmax_regression(X, y, n_classes=_N_CLASSES, lr=lr, epochs=epochs)
    zv, zt = fit.decision_function(Xv), fit.decision_function(Xt)
    desc = Message(
        N_("{n} points per class, {epochs} epochs at lr {lr:g}"),
        n=n_per_class,
        epochs=epochs,
        lr=lr,
    )
    return TemperatureStudy(
        name=name or N_("study"),
        description=desc,
        logits_val=zv,
        y_val=yv,
        logits_test=zt,
        y_test=yt,
        temperature=fit_temperature(zv, yv),
        train_accuracy=float((fit.predict(X) == y).mean()),
    )


@functools.cache
def temperature_study(name="over-confident"):
    """One of the preset experiments of :data:`STUDIES` (computed once, then cached).

    Examples
    --------
    >>> s = temperature_study("over-confident")
    >>> s.train_accuracy, s.temperature > 3
    (1.0, True)
    >>> s.metrics(s.temperature)["ece"] < s.metrics(1.0)["ece"]
    True
    """
    if name not in STUDIES:
        raise ValueError(f"name must be one of {sorted(STUDIES)}; found {name!r}.")
    return make_temperature_study(**STUDIES[name], name=name)
