r"""Polynomials fitted by least squares to ten noisy points: under- and over-fitting, with the
fitted curves to draw and two named test errors (chapter 01).

The data are :math:`y = \sin(2\pi x) + \varepsilon`, :math:`\varepsilon \sim N(0, 0.3^2)`, at ten
equally spaced :math:`x \in [0, 1]` — the same points as
:func:`lossviz.descent.polynomial_fit_errors`, whose numbers are reproduced.  Each fit is scored
three ways, each with its name:

* **training MSE** — on the ten points it was fitted to;
* **MSE against the noise-free curve** — :math:`\sin(2\pi x)` on 200 points of :math:`[0, 1]`:
  how far the fit is from the truth (no noise in the target);
* **held-out MSE** — on 200 *fresh noisy* points from the same generator (another seed), as a test
  set is in practice.  It is about the previous one plus the noise variance 0.09.

Examples
--------
>>> fits = polynomial_fits((1, 3, 9))
>>> print(fits.table())
degree  training MSE  MSE vs noise-free curve  held-out MSE (fresh noisy points)
     1         0.220                    0.242                              0.348
     3         0.086                    0.036                              0.130
     9         0.000                    0.768                              0.810
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._text import rjust, width
from ._validation import check_int, check_real, check_seed
from .i18n import tr
from .losses import mse

__all__ = ["PolynomialFits", "polynomial_fits"]


@dataclass(frozen=True)
class PolynomialFits:
    """Fitted polynomials, the data, and their errors.

    Attributes
    ----------
    x, y : ndarray
        The training points.
    x_heldout, y_heldout : ndarray
        The fresh noisy points of the held-out set.
    grid, truth : ndarray
        200 points of [0, 1] and the noise-free curve :math:`\\sin(2\\pi x)` there.
    curves : dict
        ``degree -> fitted values on grid``.
    errors : dict
        ``degree -> {"train": float, "noise-free": float, "held-out": float}``.
    noise : float
    """

    x: np.ndarray
    y: np.ndarray
    x_heldout: np.ndarray
    y_heldout: np.ndarray
    grid: np.ndarray
    truth: np.ndarray
    curves: dict
    errors: dict
    noise: float

    def table(self, digits=3):
        """The three errors of each degree as a text table with named columns."""
        head = (
            tr("degree"),
            tr("training MSE"),
            tr("MSE vs noise-free curve"),
            tr("held-out MSE (fresh noisy points)"),
        )
        widths = [width(h) for h in head]
        rows = ["  ".join(head)]
        for d, e in self.errors.items():
            cells = (e["train"], e["noise-free"], e["held-out"])
            vals = [rjust(f"{v:.{digits}f}", w) for v, w in zip(cells, widths[1:], strict=True)]
            rows.append("  ".join([rjust(str(d), widths[0]), *vals]))
        return "\n".join(rows)

    def __repr__(self):
        return f"PolynomialFits(degrees={list(self.errors)})\n{self.table()}"


def polynomial_fits(
    degrees=(1, 3, 9), *, n_train=10, noise=0.3, seed=2, n_heldout=200, heldout_seed=102
):
    """Fit polynomials of ``degrees`` to the same ``n_train`` noisy points; score each three ways.

    Parameters
    ----------
    degrees : sequence of int, default (1, 3, 9)
        Each below ``n_train``.
    n_train : int, default 10
    noise : float, default 0.3
        Standard deviation of the noise, in training and held-out data alike.
    seed : int, default 2
        Seed of the training noise (the points of :func:`lossviz.descent.polynomial_fit_errors`).
    n_heldout : int, default 200
        Fresh noisy points, :math:`x` uniform on [0, 1].
    heldout_seed : int, default 102
        Seed of the held-out points (independent of the training noise).

    Returns
    -------
    PolynomialFits

    Examples
    --------
    >>> fits = polynomial_fits((3,))
    >>> round(fits.errors[3]["noise-free"], 3), fits.curves[3].shape
    (0.036, (200,))
    """
    n_train = check_int(n_train, "n_train", minimum=2)
    n_heldout = check_int(n_heldout, "n_heldout", minimum=1)
    noise = check_real(noise, "noise", low=0.0)
    degrees = [check_int(d, "degree", minimum=0) for d in np.atleast_1d(degrees).tolist()]
    if max(degrees) >= n_train:
        raise ValueError(
            f"each degree must be below n_train={n_train}; found {max(degrees)}. "
            "Use fewer degrees or more points."
        )
    rng = check_seed(seed)
    x = np.linspace(0, 1, n_train)
    y = np.sin(2 * np.pi * x) + noise * rng.standard_normal(n_train)
    rng_ho = check_seed(heldout_seed, "heldout_seed")
    x_ho = rng_ho.uniform(0, 1, n_heldout)
    y_ho = np.sin(2 * np.pi * x_ho) + noise * rng_ho.standard_normal(n_heldout)
    grid = np.linspace(0, 1, 200)
    truth = np.sin(2 * np.pi * grid)
    P = np.polynomial.polynomial
    curves, errors = {}, {}
    for d in degrees:
        c = P.polyfit(x, y, d)
        curves[d] = P.polyval(grid, c)
        errors[d] = {
            "train": float(mse(y, P.polyval(x, c))),
            "noise-free": float(mse(truth, curves[d])),
            "held-out": float(mse(y_ho, P.polyval(x_ho, c))),
        }
    return PolynomialFits(x, y, x_ho, y_ho, grid, truth, curves, errors, noise)
