r"""Matching losses: which loss gives :math:`\partial L/\partial z = \hat y - y`, and what MSE gives
instead (chapter 03).

A loss *matches* an output function :math:`\hat y = f(z)` when its gradient with respect to the
logit :math:`z` is the error :math:`\hat y - y` itself: the identity with the squared error
:math:`\tfrac12 (z - y)^2`, the sigmoid with binary cross-entropy, the softmax with the
multiclass cross-entropy.  The squared error after a sigmoid does not match: its logit gradient
carries the factor :math:`2\sigma'(z) = 2p(1-p) \le \tfrac12`.

Every function here *computes* what the chapter states: the loss obtained by integrating
:math:`p - y` over :math:`z` (Nielsen's route to cross-entropy), the matching-loss table checked
with numerical gradients, the logit gradients of both losses, the ratio
:math:`|\mathrm{MSE}'| / |\mathrm{BCE}'| = 2p(1-p)`, and scale-free comparisons of the two losses
(ratios within one loss, which no rescaling of the loss can change).

Examples
--------
>>> t = matching_loss_table()
>>> [row["matches"] for row in t]
['yes', 'yes', 'yes', 'no']
>>> r = gradient_ratio_check()
>>> r["max_ratio"] <= 0.5, r["max_identity_error"] < 1e-12
(True, True)
"""

from __future__ import annotations

import numpy as np

from ._text import Message, ljust, rjust, shown, width
from ._validation import as_float_array, check_finite, check_int, check_real, check_seed
from .activations import sigmoid, softmax
from .gradients import (
    bce_grad_prob,
    bce_with_logits_grad,
    mse_grad_prob,
    mse_sigmoid_grad,
    numerical_grad,
)
from .i18n import N_, tr
from .losses import bce, bce_with_logits, mse, softmax_cross_entropy

__all__ = [
    "Table",
    "loss_from_logit_gradient",
    "integration_check",
    "matching_loss_table",
    "logit_gradient_table",
    "gradient_ratio_check",
    "chain_rule_table",
    "growth_table",
    "loss_ratio_crossover",
    "mse_sigmoid_formula_check",
]


class Table(list):
    """A list of row dicts that prints as an aligned text table (names in the header).

    The rows are English; names, text cells and the title marked for the catalogue are printed in
    the current language (:mod:`lossviz.i18n`).

    Examples
    --------
    >>> print(Table([{"a": 1, "b": 0.5}], formats={"b": ".2f"}))
    a     b
    1  0.50
    """

    def __init__(self, rows=(), *, formats=None, title=None):
        super().__init__(rows)
        self.formats = dict(formats or {})
        self.title = title

    def _cell(self, key, value):
        if isinstance(value, (float, np.floating)):
            value = float(value)
            if np.isinf(value):
                return "∞" if value > 0 else "−∞"
            return format(value, self.formats.get(key, ".4g"))
        return str(shown(value))

    def __str__(self):
        if not self:
            return tr("(empty table)")
        keys = list(self[0])
        names = [str(shown(k)) for k in keys]
        cells = [[self._cell(k, row[k]) for k in keys] for row in self]
        widths = [max(width(k), *(width(c[i]) for c in cells)) for i, k in enumerate(names)]
        lines = [] if self.title is None else [str(shown(self.title))]
        for c in [names, *cells]:
            lines.append(
                "  ".join(
                    rjust(v, w) if i else ljust(v, w)
                    for i, (v, w) in enumerate(zip(c, widths, strict=True))
                )
            )
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def column(self, key):
        """The values of one column as a numpy array (or a list for text).

        Examples
        --------
        >>> Table([{"a": 1.0}, {"a": 2.0}]).column("a")
        array([1., 2.])
        """
        values = [row[key] for row in self]
        if all(isinstance(v, (int, float, np.integer, np.floating)) for v in values):
            return np.array(values, dtype=float)
        return values


def _label(y, name="y"):
    if isinstance(y, (bool, np.bool_)) or y not in (0, 1):
        raise ValueError(f"{name} must be the true label 0 or 1; found {y!r}. Pass {name}=0 or 1.")
    return int(y)


# --------------------------------------------------------------------------- Nielsen's route
def loss_from_logit_gradient(y, z, *, z_far=40.0, step=1e-3):
    r"""Integrate :math:`\partial L/\partial z = \sigma(z) - y` numerically: the loss it implies.

    The integration constant is fixed by "a perfect prediction costs nothing": :math:`L \to 0` as
    :math:`z \to +\infty` for :math:`y = 1` (integrated from ``z_far`` down to ``z``) and as
    :math:`z \to -\infty` for :math:`y = 0` (from ``-z_far`` up to ``z``).  Trapezoidal rule
    with the given ``step``.  The exact answer is :math:`-[y \ln p + (1-y)\ln(1-p)]`, the BCE.

    Parameters
    ----------
    y : {0, 1}
    z : array_like
        Logits, each in ``[-z_far, z_far]``.
    z_far : float, default 40
        Where the loss is taken as 0 (the tail beyond it is below ``1e-17``).
    step : float, default 1e-3

    Returns
    -------
    numpy.ndarray
        The integrated loss at each ``z``.

    Examples
    --------
    >>> L = loss_from_logit_gradient(1, [0.0, -2.0])
    >>> np.round(L, 6)
    array([0.693147, 2.126928])
    """
    y = _label(y)
    z_far = check_real(z_far, "z_far", low=1.0, fix="Pass z_far=40.0.")
    step = check_real(step, "step", low=0.0, low_open=True, high=1.0, fix="Pass step=1e-3.")
    z = as_float_array(z, "z", dtype=np.float64)
    check_finite(z, "z")
    if np.any(np.abs(z) > z_far):
        raise ValueError(
            f"z must lie in [-z_far, z_far] = [{-z_far}, {z_far}]; found max |z| = "
            f"{float(np.max(np.abs(z)))}. Raise z_far."
        )
    n = int(np.ceil(2 * z_far / step)) + 1
    t = np.linspace(-z_far, z_far, n)
    g = sigmoid(t) - y
    # cumulative trapezoid from -z_far
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (g[1:] + g[:-1]) * np.diff(t))])
    at_z = np.interp(z, t, cum)
    # L(z) = ∫_{start}^{z} g: start = -z_far for y = 0, +z_far for y = 1
    return at_z - (cum[-1] if y == 1 else 0.0)


def integration_check(z=(-6.0, -2.0, 0.0, 2.0, 6.0)):
    r"""The integrated loss of :func:`loss_from_logit_gradient` against ``bce_with_logits``.

    Returns
    -------
    Table
        One row per label and logit: ``y, z, integral of (p - y)``, ``bce_with_logits`` and their
        absolute difference.

    Examples
    --------
    >>> t = integration_check()
    >>> float(t.column("|difference|").max()) < 1e-6
    True
    """
    z = as_float_array(z, "z", dtype=np.float64).reshape(-1)
    rows = []
    for y in (1, 0):
        integ = loss_from_logit_gradient(y, z)
        exact = bce_with_logits(np.full_like(z, y), z, reduction="none")
        for zi, a, b in zip(z, integ, exact, strict=True):
            rows.append(
                {
                    "y": y,
                    "z": float(zi),
                    N_("integral of (p - y)"): float(a),
                    "bce_with_logits": float(b),
                    N_("|difference|"): float(abs(a - b)),
                }
            )
    return Table(
        rows,
        formats={
            "z": "+.0f",
            "integral of (p - y)": ".6f",
            "bce_with_logits": ".6f",
            "|difference|": ".1e",
        },
    )


# --------------------------------------------------------------------------- the matching table
def matching_loss_table(*, n=6, n_classes=3, seed=0):
    r"""Output function and loss pairs, each checked: is :math:`\partial L/\partial z = \hat y - y`?

    For each pair, seeded random logits and targets; the gradient of the summed loss with respect
    to the logits by central differences (:func:`lossviz.numerical_grad`), compared with
    :math:`\hat y - y`.

    Rows: identity with :math:`\tfrac12 (z - y)^2` (the ½ matters: lossviz's ``mse`` without it
    gives :math:`2(\hat y - y)`), sigmoid with BCE, softmax with cross-entropy, and sigmoid with
    the squared error :math:`(p - y)^2`, which does not match.

    Returns
    -------
    Table
        Columns ``output, loss, dL/dz`` (the analytic form), ``max |num - (yhat - y)|`` and
        ``matches`` ("yes" below 1e-6).

    Examples
    --------
    >>> t = matching_loss_table()
    >>> float(t.column("max |num - (yhat - y)|")[:3].max()) < 1e-6
    True
    """
    n = check_int(n, "n", minimum=1)
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    rng = check_seed(seed)
    z = rng.normal(0.0, 2.0, n)
    y_real = rng.normal(0.0, 1.0, n)
    y_bin = (rng.random(n) < 0.5).astype(float)
    zk = rng.normal(0.0, 2.0, (n, n_classes))
    yk = rng.integers(0, n_classes, n)
    onehot = np.eye(n_classes)[yk]

    def half_sq(t):
        return 0.5 * float(np.sum((t - y_real) ** 2))

    cases = [
        (N_("identity  yhat = z"), "½(z − y)²", "yhat − y", half_sq, z, z, y_real),
        (
            "sigmoid   yhat = σ(z)",
            "BCE",
            "p − y",
            lambda t: bce_with_logits(y_bin, t, reduction="sum"),
            z,
            sigmoid(z),
            y_bin,
        ),
        (
            "softmax   yhat = softmax(z)",
            N_("cross-entropy"),
            "p − onehot(y)",
            lambda t: softmax_cross_entropy(yk, t, reduction="sum"),
            zk,
            softmax(zk),
            onehot,
        ),
        (
            "sigmoid   yhat = σ(z)",
            "(p − y)²",
            "2(p − y)·p(1 − p)",
            lambda t: mse(y_bin, sigmoid(t), reduction="sum"),
            z,
            sigmoid(z),
            y_bin,
        ),
    ]
    rows = []
    for output, loss, form, f, zz, yhat, target in cases:
        num = numerical_grad(f, zz)
        err = float(np.max(np.abs(num - (yhat - target))))
        rows.append(
            {
                N_("output"): output,
                N_("loss"): loss,
                "dL/dz": form,
                "max |num - (yhat - y)|": err,
                N_("matches"): N_("yes") if err < 1e-6 else N_("no"),
            }
        )
    return Table(rows, formats={"max |num - (yhat - y)|": ".1e"})


def mse_sigmoid_formula_check(*, n=6, seed=0):
    """Largest difference between the numerical logit gradient of ``(σ(z) − y)²`` and
    ``2(p − y)p(1 − p)`` (the "what it is instead" of the table's last row).

    Examples
    --------
    >>> mse_sigmoid_formula_check() < 1e-8
    True
    """
    rng = check_seed(seed)
    z = rng.normal(0.0, 2.0, n)
    y = (rng.random(n) < 0.5).astype(float)
    num = numerical_grad(lambda t: mse(y, sigmoid(t), reduction="sum"), z)
    return float(np.max(np.abs(num - mse_sigmoid_grad(y, z))))


# --------------------------------------------------------------------------- logit gradients
def logit_gradient_table(z=(-6.0, -2.0, 0.0), y=1):
    r"""The logit gradient of BCE and of MSE on :math:`\sigma(z)` at each ``z``, and their ratio.

    Returns
    -------
    Table
        ``z, p, BCE dL/dz`` (:math:`p - y`), ``MSE dL/dz`` (:math:`2(p - y)p(1 - p)`),
        ``|MSE'|/|BCE'|`` and ``2p(1-p)``.

    Examples
    --------
    >>> t = logit_gradient_table()
    >>> np.round(t.column("BCE dL/dz"), 4)
    array([-0.9975, -0.8808, -0.5   ])
    >>> np.round(t.column("MSE dL/dz"), 4)
    array([-0.0049, -0.185 , -0.25  ])
    """
    y = _label(y)
    z = as_float_array(z, "z", dtype=np.float64).reshape(-1)
    check_finite(z, "z")
    yy = np.full_like(z, float(y))
    p = sigmoid(z)
    g_bce = bce_with_logits_grad(yy, z)
    g_mse = mse_sigmoid_grad(yy, z)
    rows = []
    for i in range(z.size):
        rows.append(
            {
                "z": float(z[i]),
                "p": float(p[i]),
                "BCE dL/dz": float(g_bce[i]),
                "MSE dL/dz": float(g_mse[i]),
                "|MSE'|/|BCE'|": float(abs(g_mse[i]) / abs(g_bce[i])),
                "2p(1-p)": float(2 * p[i] * (1 - p[i])),
            }
        )
    return Table(
        rows,
        formats={
            "z": "+.0f",
            "p": ".4f",
            "BCE dL/dz": "+.4f",
            "MSE dL/dz": "+.4f",
            "|MSE'|/|BCE'|": ".4f",
            "2p(1-p)": ".4f",
        },
        title=f"y = {y}",
    )


def gradient_ratio_check(z_max=20.0, n=4001):
    r"""Check :math:`|\mathrm{MSE}'(z)| / |\mathrm{BCE}'(z)| = 2p(1-p) \le \tfrac12` on a grid of
    logits, for both labels.

    Returns
    -------
    dict
        ``n_points`` (grid points times two labels), ``max_ratio`` (its largest value),
        ``p_at_max`` (where), ``max_identity_error`` (largest relative difference from
        :math:`2p(1-p)`) and ``mse_pulls_harder`` (how many points have a larger MSE gradient).

    Examples
    --------
    >>> r = gradient_ratio_check()
    >>> r["max_ratio"], r["p_at_max"], r["mse_pulls_harder"]
    (0.5, 0.5, 0)
    """
    z_max = check_real(z_max, "z_max", low=0.0, low_open=True, high=700.0)
    n = check_int(n, "n", minimum=3)
    z = np.linspace(-z_max, z_max, n)
    p, q = sigmoid(z), sigmoid(-z)  # p and 1 - p without cancellation
    ratios, ident = [], []
    harder = 0
    for y in (0.0, 1.0):
        yy = np.full_like(z, y)
        gb = np.abs(bce_with_logits_grad(yy, z))
        gm = np.abs(mse_sigmoid_grad(yy, z))
        r = gm / gb
        ratios.append(r)
        ident.append(np.abs(r - 2 * p * q) / (2 * p * q))
        harder += int(np.sum(gm > gb))
    ratios = np.concatenate(ratios)
    i = int(np.argmax(ratios))
    return {
        "n_points": int(ratios.size),
        "max_ratio": float(ratios[i]),
        "p_at_max": float(np.concatenate([p, p])[i]),
        "max_identity_error": float(np.max(np.concatenate(ident))),
        "mse_pulls_harder": harder,
    }


def chain_rule_table(z=(-2.0, 0.0, 2.0)):
    r"""The chain rule through the sigmoid for BCE, both labels:
    :math:`\partial\ell/\partial p \cdot \sigma'(z) = p - y`.

    For :math:`y = 1`, :math:`\partial\ell/\partial p = -1/p` and :math:`\sigma'` cancels the
    :math:`1/p`; for :math:`y = 0` it is :math:`1/(1 - p)` and :math:`\sigma'` cancels the
    :math:`1/(1 - p)`.

    Returns
    -------
    Table
        ``y, z, p, dl/dp, σ'(z)``, their product ``dl/dp · σ'`` and ``p − y``.

    Examples
    --------
    >>> t = chain_rule_table()
    >>> bool(np.allclose(t.column("dl/dp · σ'"), t.column("p − y")))
    True
    """
    z = as_float_array(z, "z", dtype=np.float64).reshape(-1)
    check_finite(z, "z")
    p = sigmoid(z)
    ds = p * sigmoid(-z)
    rows = []
    for y in (1, 0):
        dldp = bce_grad_prob(np.full_like(p, float(y)), p)
        for i in range(z.size):
            rows.append(
                {
                    "y": y,
                    "z": float(z[i]),
                    "p": float(p[i]),
                    "dl/dp": float(dldp[i]),
                    "σ'(z)": float(ds[i]),
                    "dl/dp · σ'": float(dldp[i] * ds[i]),
                    "p − y": float(p[i] - y),
                }
            )
    fmt = {k: "+.4f" for k in ("dl/dp", "dl/dp · σ'", "p − y")}
    return Table(rows, formats={"z": "+.0f", "p": ".4f", "σ'(z)": ".4f", **fmt})


# --------------------------------------------------------------------------- scale-free shape
def growth_table(p=(0.2, 0.05, 0.01, 1e-6), *, ref=0.8):
    r"""Scale-free comparison of BCE and MSE for a positive example (:math:`y = 1`).

    A loss can be multiplied by any constant (and the learning rate divided by it) without changing
    training, so "BCE charges 1.609 and MSE 0.64" compares nothing.  Ratios *within* one loss are
    unchanged by rescaling: each column divides the value at ``p`` by the value at ``ref``.

    Returns
    -------
    Table
        ``p``; ``BCE loss ×`` and ``MSE loss ×`` (:math:`\ell(p)/\ell(\mathrm{ref})`);
        ``BCE |dl/dp| ×`` and ``MSE |dl/dp| ×``; ``BCE |dl/dz| ×`` and ``MSE |dl/dz| ×`` (the
        gradient with respect to the logit, through the sigmoid).

    Examples
    --------
    >>> t = growth_table()
    >>> round(float(t[0]["BCE loss ×"]), 1), round(float(t[0]["MSE loss ×"]), 1)
    (7.2, 16.0)
    """
    ref = check_real(ref, "ref", low=0.0, high=1.0, low_open=True, high_open=True)
    p = as_float_array(p, "p", dtype=np.float64).reshape(-1)
    if np.any((p <= 0) | (p >= 1)):
        raise ValueError("p must lie in (0, 1) (open: the ratios at 0 are infinite for BCE).")
    ones = np.ones(p.size + 1)
    q = np.concatenate([[ref], p])
    lb = bce(ones, q, reduction="none")
    lm = mse(ones, q, reduction="none")
    gb = np.abs(bce_grad_prob(ones, q))
    gm = np.abs(mse_grad_prob(ones, q))
    ds = q * (1 - q)
    zb, zm = gb * ds, gm * ds
    rows = []
    for i in range(1, q.size):
        rows.append(
            {
                "p": float(q[i]),
                N_("BCE loss ×"): float(lb[i] / lb[0]),
                N_("MSE loss ×"): float(lm[i] / lm[0]),
                "BCE |dl/dp| ×": float(gb[i] / gb[0]),
                "MSE |dl/dp| ×": float(gm[i] / gm[0]),
                "BCE |dl/dz| ×": float(zb[i] / zb[0]),
                "MSE |dl/dz| ×": float(zm[i] / zm[0]),
            }
        )
    fmt = {k: ".3g" for k in rows[0] if k != "p"} if rows else {}
    return Table(
        rows,
        formats={"p": "g", **fmt},
        title=Message(N_("y = 1, each value ÷ its value at p = {ref:g}"), ref=ref),
    )


def loss_ratio_crossover(*, ref=0.8):
    r"""The probability below which BCE's loss ratio :math:`\ell(p)/\ell(\mathrm{ref})` exceeds
    MSE's (:math:`y = 1`), by bisection.

    Above it MSE's penalty grows faster relative to ``ref`` (×16 against ×7.2 at ``p = 0.2``);
    below it BCE's does, and without bound, while MSE's ratio never exceeds
    :math:`1/(1 - \mathrm{ref})^2`.

    Examples
    --------
    >>> round(loss_ratio_crossover(), 4)
    0.0039
    """
    ref = check_real(ref, "ref", low=0.0, high=1.0, low_open=True, high_open=True)

    def diff(p):
        return -np.log(p) / -np.log(ref) - (1 - p) ** 2 / (1 - ref) ** 2

    lo, hi = 1e-300, ref / 2  # diff(lo) > 0 > diff(ref / 2); both ratios are 1 at ref
    for _ in range(200):
        mid = np.sqrt(lo * hi) if hi / lo > 4 else 0.5 * (lo + hi)
        if diff(mid) > 0:
            lo = mid
        else:
            hi = mid
    return float(0.5 * (lo + hi))
