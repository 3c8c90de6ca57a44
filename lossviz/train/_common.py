"""Shared pieces of the trainers: argument checks, penalties, fast kernels, lazy history."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, check_real


# --------------------------------------------------------------------------- validation
def _as_X(X, name="X", d=None):
    arr = np.asarray(X)
    if (
        arr.dtype == object
        or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool)
        or np.issubdtype(arr.dtype, np.complexfloating)
    ):
        raise TypeError(f"{name} must be a real numeric array; found dtype {arr.dtype}.")
    if arr.ndim == 1 and d is None:
        raise ValueError(
            f"{name} must be 2-D (n_samples, n_features); found shape {arr.shape}. "
            f"For one feature use {name}.reshape(-1, 1)."
        )
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); found shape {arr.shape}.")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row; found shape {arr.shape}.")
    if d is not None and arr.shape[1] != d:
        raise ValueError(
            f"{name} must have {d} columns (the number of weights); found shape {arr.shape}."
        )
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; found NaN or inf. Remove or impute those values.")
    return arr


def _check_l(name, value):
    return check_real(
        value, name, low=0.0, fix=f"{name} is a penalty strength; use {name}=0.0 for none."
    )


def _check_lr_epochs(lr, epochs):
    lr = check_real(
        lr, "lr", low=0.0, low_open=True, fix="Use a positive learning rate such as lr=0.1."
    )
    epochs = check_int(epochs, "epochs", minimum=0)
    return lr, epochs


def _penalty(W, l1, l2):
    """Penalty for a stack of weight vectors/matrices; sums over all but the first axis."""
    axes = tuple(range(1, W.ndim))
    out = np.zeros(W.shape[0])
    if l2:
        out = out + l2 * np.sum(W * W, axis=axes)
    if l1:
        out = out + l1 * np.sum(np.abs(W), axis=axes)
    return out


def _soft_threshold(w, t):
    """Proximal step of t * sum(|w|): shrink towards 0 by t, exactly 0 inside [-t, t]."""
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)


def _penalty_grad(w, l1, l2):
    g = np.zeros_like(w)
    if l2:
        g += 2.0 * l2 * w
    if l1:
        g += l1 * np.sign(w)
    return g


# --------------------------------------------------------------------------- fast kernels
# The training loops run hundreds of epochs on arrays whose validation costs more than the
# arithmetic (an explorer retrains a model on every slider move). Inside the loops the
# gradient with respect to the logits is therefore computed by these unvalidated kernels,
# which transcribe the core's formulas (lossviz.gradients) term by term on inputs that the
# trainer has already validated once. tests/test_train.py checks that they equal the core's
# functions; every loss value reported in a history comes from the core itself.
def _fast_dz(loss, y, z, pos_weight=None, gamma=2.0, alpha=None):
    """Per-sample d loss / d z, as the core's binary *_grad functions (no validation)."""
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        inv = 1.0 / (1.0 + e)
        pos = z >= 0
        p = np.where(pos, inv, e * inv)  # sigmoid(z)
        q = np.where(pos, e * inv, inv)  # sigmoid(-z) = 1 - p without cancellation
        if loss == "bce":
            if pos_weight is None:
                return p - y
            return p - y * (p + pos_weight * q)  # = (1 - y) p - w y (1 - p)
        if loss == "mse":
            return 2 * (p - y) * p * q
        # focal: (p - y) m^g + g ce m^(g-1) (1 - 2y) p q, times alpha_t; m = 1 - p_t
        if gamma == 0:
            grad = p - y
        else:
            m = y * q + (1 - y) * p
            ce = np.maximum(z, 0) - z * y + np.log1p(e)
            if gamma == 2:
                grad = (p - y) * (m * m) + 2 * ce * m * (1 - 2 * y) * p * q
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    grad = (p - y) * m**gamma + np.where(
                        m > 0, gamma * ce * m ** (gamma - 1) * (1 - 2 * y) * p * q, 0
                    )
        if alpha is not None:
            grad = grad * (alpha * y + (1 - alpha) * (1 - y))
        return grad


def _smoothed_targets(y, k, class_weight, eps):
    """PyTorch's weighted, smoothed targets u[n, c] = w_c ((1 - eps) [c = y_n] + eps / K)."""
    U = np.full((y.size, k), eps / k)
    U[np.arange(y.size), y] += 1.0 - eps
    if class_weight is not None:
        U *= class_weight
    return U


def _fast_softmax_grad(Z, U, U_sum):
    """Per-sample d loss / d Z = (sum_c u_c) softmax(Z) - u, as softmax_cross_entropy_grad."""
    with np.errstate(under="ignore"):
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
    P *= U_sum
    P -= U
    return P


class _LazyHistory(dict):
    """A dict whose "loss" and "data_loss" are computed by the core on first access.

    Training itself needs only the gradients; the per-epoch losses of a whole run are
    one vectorised call to the core's loss, made only when someone looks at them.
    """

    def __init__(self, compute, **arrays):
        super().__init__(arrays)
        self._compute = compute

    def _fill(self):
        if self._compute is not None:
            obj, data = self._compute()
            self._compute = None
            dict.__setitem__(self, "loss", obj)
            dict.__setitem__(self, "data_loss", data)

    def __getitem__(self, key):
        if key in ("loss", "data_loss"):
            self._fill()
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        return key in ("loss", "data_loss") or dict.__contains__(self, key)

    def keys(self):
        self._fill()
        return dict.keys(self)

    def items(self):
        self._fill()
        return dict.items(self)

    def values(self):
        self._fill()
        return dict.values(self)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self):
        self._fill()
        return dict.__len__(self)

    def __repr__(self):
        self._fill()
        return dict.__repr__(self)

    def __eq__(self, other):
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None
