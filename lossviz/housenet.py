r"""The house-price network of seed 001 §4.2, trained in numpy.

The source defines ``fc1 = nn.Linear(10, 128)``, a ReLU, ``fc2 = nn.Linear(128, 1)``,
``nn.MSELoss()`` and ``optim.SGD(lr=0.01)`` for 10 epochs over a ``train_loader`` it never
defines (nor ``net``).  Here is that model in numpy, on seeded synthetic houses with ten features,
with the error measured on houses it never saw:

* :func:`make_house_features` — ten features (area, rooms, age, distance to the centre, ...; two
  of them irrelevant) and a price in k€ that is not linear in them, plus Gaussian noise
  (σ = 25 k€, so no model can reach a root-mean-squared error below about 25 k€).
* :func:`train_house_net` — 10 → ``hidden`` → ReLU → 1, MSE, minibatch SGD (seeded), features
  and price standardised on the training set (the source shows no data, so it cannot say).
* :func:`linear_baseline` — least squares on the same features, the model to beat.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_finite, check_int, check_real, check_seed

__all__ = [
    "HOUSE_FEATURES",
    "HOUSE_NOISE",
    "make_house_features",
    "HouseNet",
    "train_house_net",
    "linear_baseline",
    "rmse",
]

#: The ten input columns of :func:`make_house_features`.
HOUSE_FEATURES = (
    "area_m2",
    "rooms",
    "age_years",
    "distance_km",
    "floor",
    "garden",
    "energy_class",
    "parking",
    "listing_month",
    "house_number",
)
#: Standard deviation of the price noise (k€): the smallest RMSE any model can expect.
HOUSE_NOISE = 25.0


def make_house_features(n=1000, *, seed=0):
    r"""``n`` seeded houses with the ten features of :data:`HOUSE_FEATURES` and a price in k€.

    price = 50 + 3·area·(0.6 + 0.8·exp(−distance/6)) − 1.2·age + 25·garden·[area > 100]
    − 12·energy_class + 15·parking + Gaussian noise (σ = :data:`HOUSE_NOISE`); listing month and
    house number do not matter.  Near the centre a m² is worth more (an interaction), and a
    garden only adds value to big houses: a straight line in the features cannot fit it exactly.

    Returns
    -------
    (X, price) : ndarray (n, 10), ndarray (n,)

    Examples
    --------
    >>> X, y = make_house_features(5, seed=0)
    >>> X.shape, y.shape
    ((5, 10), (5,))
    """
    n = check_int(n, "n", minimum=1)
    rng = check_seed(seed)
    area = rng.uniform(40.0, 200.0, n)
    rooms = np.clip(np.round(area / 25.0 + rng.normal(0.0, 0.7, n)), 1, None)
    age = rng.uniform(0.0, 100.0, n)
    dist = rng.uniform(0.5, 30.0, n)
    floor = rng.integers(0, 11, n).astype(float)
    garden = (rng.random(n) < 0.4).astype(float)
    energy = rng.integers(1, 8, n).astype(float)
    parking = (rng.random(n) < 0.5).astype(float)
    month = rng.integers(1, 13, n).astype(float)
    number = rng.integers(1, 200, n).astype(float)
    price = (
        50.0
        + 3.0 * area * (0.6 + 0.8 * np.exp(-dist / 6.0))
        - 1.2 * age
        + 25.0 * garden * (area > 100)
        - 12.0 * energy
        + 15.0 * parking
        + HOUSE_NOISE * rng.standard_normal(n)
    )
    X = np.column_stack([area, rooms, age, dist, floor, garden, energy, parking, month, number])
    return X, price


def rmse(y_true, y_pred):
    """Root mean squared error, in the units of ``y``.

    Examples
    --------
    >>> rmse([1.0, 2.0], [1.0, 4.0])
    1.4142135623730951
    """
    y = as_float_array(y_true, "y_true", dtype=np.float64)
    p = as_float_array(y_pred, "y_pred", dtype=np.float64)
    if y.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same shape; found {y.shape}, {p.shape}.")
    return float(np.sqrt(np.mean((y - p) ** 2)))


class HouseNet(NamedTuple):
    """A trained 10 → hidden → 1 ReLU network with its standardisation and its loss history."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: float
    x_mean: np.ndarray
    x_sd: np.ndarray
    y_mean: float
    y_sd: float
    train_rmse: np.ndarray  # per epoch (after each), k€
    val_rmse: np.ndarray  # per epoch on (X_val, y_val), k€; empty without them

    def predict(self, X):
        """Prices in k€ for the rows of ``X`` (n, 10)."""
        u = (np.asarray(X, dtype=np.float64) - self.x_mean) / self.x_sd
        h = np.maximum(u @ self.W1 + self.b1, 0.0)
        return (h @ self.W2 + self.b2) * self.y_sd + self.y_mean


def _check_xy(X, y):
    X = as_float_array(X, "X", dtype=np.float64)
    y = as_float_array(y, "y", dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X must be (n, d) and y (n,); found X.shape={X.shape}, y.shape={y.shape}. "
            "Pass y.ravel() for a column of targets."
        )
    check_finite(X, "X")
    check_finite(y, "y")
    return X, y


def train_house_net(
    X, y, *, hidden=128, lr=0.01, epochs=10, batch_size=32, seed=0, X_val=None, y_val=None
):
    r"""Train seed 001 §4.2's network: ``Linear(d, hidden)`` → ReLU → ``Linear(hidden, 1)``, MSE,
    plain SGD on shuffled minibatches.

    Features and price are standardised with the training set's mean and standard deviation;
    weights start as in PyTorch's ``nn.Linear`` (uniform in :math:`\pm 1/\sqrt{\text{fan-in}}`).
    The gradient is that of the mean squared error of the batch (``nn.MSELoss``, no ½).  With
    ``X_val, y_val`` (houses kept out of training) the held-out RMSE is recorded after each epoch.

    Returns
    -------
    HouseNet

    Examples
    --------
    >>> X, y = make_house_features(200, seed=0)
    >>> net = train_house_net(X, y, epochs=5)
    >>> net.train_rmse.shape, bool(net.train_rmse[-1] < net.train_rmse[0])
    ((5,), True)
    """
    X, y = _check_xy(X, y)
    hidden = check_int(hidden, "hidden", minimum=1)
    lr = check_real(lr, "lr", low=0.0, low_open=True, fix="The source uses lr=0.01.")
    epochs = check_int(epochs, "epochs", minimum=1)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    rng = check_seed(seed)
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val (held-out houses), or neither.")
    if X_val is not None:
        X_val, y_val = _check_xy(X_val, y_val)
    xm, xs = X.mean(0), X.std(0)
    xs = np.where(xs > 0, xs, 1.0)
    ym, ysd = float(y.mean()), float(y.std()) or 1.0
    U, t = (X - xm) / xs, (y - ym) / ysd
    n, d = U.shape
    k1, k2 = 1.0 / np.sqrt(d), 1.0 / np.sqrt(hidden)
    W1 = rng.uniform(-k1, k1, (d, hidden))
    b1 = rng.uniform(-k1, k1, hidden)
    W2 = rng.uniform(-k2, k2, hidden)
    b2 = float(rng.uniform(-k2, k2))
    hist = np.empty(epochs)
    val = np.empty(epochs if X_val is not None else 0)
    U_val = None if X_val is None else (X_val - xm) / xs
    for e in range(epochs):
        for idx in np.array_split(rng.permutation(n), max(1, -(-n // batch_size))):
            u, tt = U[idx], t[idx]
            a = u @ W1 + b1
            h = np.maximum(a, 0.0)
            g = 2.0 * (h @ W2 + b2 - tt) / idx.size  # dMSE/d(output)
            gh = np.outer(g, W2) * (a > 0)
            W2 -= lr * (h.T @ g)
            b2 -= lr * float(g.sum())
            W1 -= lr * (u.T @ gh)
            b1 -= lr * gh.sum(0)
        out = np.maximum(U @ W1 + b1, 0.0) @ W2 + b2
        hist[e] = np.sqrt(np.mean((out - t) ** 2)) * ysd
        if U_val is not None:
            out = (np.maximum(U_val @ W1 + b1, 0.0) @ W2 + b2) * ysd + ym
            val[e] = np.sqrt(np.mean((out - y_val) ** 2))
    return HouseNet(W1, b1, W2, b2, xm, xs, ym, ysd, hist, val)


def linear_baseline(X, y):
    """Least squares on the raw features (with an intercept); returns a predict function.

    Examples
    --------
    >>> X, y = make_house_features(300, seed=0)
    >>> predict = linear_baseline(X, y)
    >>> predict(X).shape
    (300,)
    """
    X, y = _check_xy(X, y)
    A = np.column_stack([np.ones(len(X)), X])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]

    def predict(Xn):
        Xn = np.asarray(Xn, dtype=np.float64)
        return coef[0] + Xn @ coef[1:]

    return predict
