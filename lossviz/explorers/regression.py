r"""RegressionExplorer: a straight line fitted under MSE, MAE and Huber while outliers are dragged
away.

The house-price data of chapter 08 (:func:`lossviz.data.make_house_prices`, 50 houses, seed 0):
price = 50 + 3 × area + Gaussian noise (σ = 25 k€).  The explorer lifts ``n_outliers`` of the
houses by ``outlier_size`` k€ (0 = no outliers; the first five are the chapter's five outliers)
and fits a line under each loss with :func:`lossviz.regression.fit_line`:

.. math::
    \mathrm{MSE} = \overline{r^2}, \qquad \mathrm{MAE} = \overline{|r|}, \qquad
    \mathrm{Huber}_\delta = \overline{\begin{cases}\tfrac12 r^2 & |r| < \delta\\
    \delta(|r| - \tfrac12\delta) & \text{otherwise}\end{cases}}, \qquad r = y - \hat y .

Left panel: the points (outliers as crosses), the true line and the three fitted lines.  Right
panel: each loss against the residual, on a log scale, with every point placed on the curve of
its loss at its residual under that loss's fit: the square puts an outlier hundreds of times
higher than an ordinary point, the absolute value only a few times, so under MSE a handful of
outliers carry most of the total loss and the line moves to please them.  Beside the picture:
intercept and slope of each fit and the outliers' share of each total loss.

Fits are cached per setting (the MAE fit by IRLS takes a few milliseconds; MSE and Huber less).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .. import style
from ..data import HOUSE_PRICE_INTERCEPT, HOUSE_PRICE_SLOPE, make_house_prices
from ..i18n import tr
from ..losses import huber
from ..regression import fit_line
from ._base import Explorer, FloatParam, IntParam, ljust, rjust, text_width

__all__ = ["RegressionExplorer"]

_N = 50
_SEED = 0
_LOSSES = ("mse", "mae", "huber")
_PRICE_TOPS = (800.0, 1200.0, 1800.0, 2400.0)  # y-limit steps of the data panel (k€)
_RESID_TOPS = (300.0, 700.0, 1200.0)  # x-limit steps of the residual panel (k€)
_RESID_LO = -250.0
_LOSS_YLIM = (1e-1, 1e11)  # the top three decades hold the legend, above every curve
_N_GRID = 400
_CACHE_SIZE = 512
_fit_cache: OrderedDict = OrderedDict()
_data_cache: dict = {}


def _house_data():
    # read-only and made once: every setting of the explorer starts from the same houses
    if not _data_cache:
        data = make_house_prices(_N, seed=_SEED)
        for a in data:
            a.flags.writeable = False
        _data_cache["data"] = data
    return _data_cache["data"]


def _cached_fit(loss, size, price, key, delta):
    k = (loss, key, delta if loss == "huber" else None)
    fit = _fit_cache.get(k)
    if fit is None:
        fit = fit_line(size, price, loss=loss, delta=delta)
        _fit_cache[k] = fit
        if len(_fit_cache) > _CACHE_SIZE:
            _fit_cache.popitem(last=False)
    else:
        _fit_cache.move_to_end(k)
    return fit


def _loss_values(name, r, delta):
    if name == "mse":
        return r * r
    if name == "mae":
        return np.abs(r)
    return huber(np.zeros_like(r), r, delta=delta, reduction="none")


def _loss_grad(name, r, delta):
    """dL/dr per point: the force with which a point pulls the line."""
    if name == "mse":
        return 2.0 * r
    if name == "mae":
        return np.sign(r)
    return np.clip(r, -delta, delta)


def _step(value, steps):
    for s in steps:
        if value <= s:
            return s
    return steps[-1]


class RegressionExplorer(Explorer):
    r"""Lines fitted under MSE, MAE and Huber to house prices with outliers; each loss against the
    residual.

    Controls: ``outlier_size`` (how far above the true line the outliers sit, 0 to 1000 k€;
    0 = no outliers), ``n_outliers`` (how many of the 50 houses are outliers, 0 to 20) and
    ``delta`` (Huber's δ, 1 to 200 k€).

    Parameters
    ----------
    lecture : bool, optional
    **params
        Initial control values, e.g. ``outlier_size=400, n_outliers=5, delta=25``.

    Examples
    --------
    >>> ex = RegressionExplorer(_live=False)
    >>> r = ex.compute(outlier_size=0.0, n_outliers=5)
    >>> [round(r["fits"][k].slope, 2) for k in ("mse", "mae", "huber")]
    [3.08, 3.14, 3.07]
    >>> r = ex.compute(outlier_size=400.0, n_outliers=5, delta=25.0)
    >>> round(r["fits"]["mse"].intercept - r["fits"]["mae"].intercept)
    23
    >>> round(r["outlier_share"]["mse"], 2), round(r["outlier_share"]["mae"], 2)
    (0.87, 0.69)
    """

    figsize = (10.0, 4.6)

    # laid out with the widest axes (largest outliers), whatever the starting setting
    layout_params = {"outlier_size": 1000.0, "n_outliers": 20}

    def param_spec(self):
        return {
            "outlier_size": FloatParam(
                0.0, 1000.0, 10.0, 400.0, label=tr("outlier size (k€)"), readout_format=".0f"
            ),
            "n_outliers": IntParam(0, 20, 5, label=tr("outliers (of 50)")),
            "delta": FloatParam(
                1.0, 200.0, 1.0, 25.0, label=tr("Huber δ (k€)"), readout_format=".0f"
            ),
        }

    def compute(self, *, outlier_size=400.0, n_outliers=5, delta=25.0):
        """Data, the three fits, residuals and per-point losses, and the loss curves.

        Returns
        -------
        dict
            ``outlier_size, n_outliers, delta``; ``x`` (area, m²), ``y`` (price, k€), ``is_outlier``
            (bool; all False when ``outlier_size`` or ``n_outliers`` is 0); ``true_line``
            ``(intercept, slope)``; ``fits`` ``{loss: LineFit}``; ``residuals`` and
            ``point_loss`` ``{loss: array}`` (each under its own fit); ``total_loss`` and
            ``outlier_share`` ``{loss: float}`` (mean loss; the outliers' share of the summed
            loss, 0 without outliers); ``pull_ratio`` ``{loss: float or None}`` (mean
            :math:`|\\partial L/\\partial r|` of an outlier over that of an ordinary point, at
            the true line: how much harder an outlier pulls the line away from the truth; None
            without outliers); ``grid`` (residuals) and ``curves`` ``{loss: array}``.
        """
        for name, value in (("outlier_size", outlier_size), ("delta", delta)):
            if isinstance(value, (bool, np.bool_)) or not isinstance(
                value, (int, float, np.integer, np.floating)
            ):
                raise TypeError(f"{name} must be a number; found {type(value).__name__} {value!r}.")
        if not (np.isfinite(outlier_size) and outlier_size >= 0):
            raise ValueError(
                "outlier_size must be a finite number >= 0 (k€ above the line); "
                f"found {outlier_size!r}."
            )
        if not (np.isfinite(delta) and delta > 0):
            raise ValueError(
                f"delta must be a finite number > 0 (Huber's threshold in k€); found {delta!r}."
            )
        if (
            isinstance(n_outliers, (bool, np.bool_))
            or not isinstance(n_outliers, (int, np.integer))
            or not 0 <= n_outliers <= _N // 2
        ):
            raise ValueError(
                f"n_outliers must be an integer in [0, {_N // 2}]; found {n_outliers!r}."
            )
        outlier_size, delta, n_outliers = float(outlier_size), float(delta), int(n_outliers)
        size, clean, order = _house_data()
        is_out = np.zeros(_N, dtype=bool)
        if outlier_size > 0:
            is_out[order[:n_outliers]] = True
        price = clean + outlier_size * is_out
        key = (outlier_size, int(is_out.sum()))
        fits, resid, point_loss, total, share, pull = {}, {}, {}, {}, {}, {}
        n_out = int(is_out.sum())
        r_true = price - (
            HOUSE_PRICE_INTERCEPT + HOUSE_PRICE_SLOPE * size
        )  # residuals from the true line
        for name in _LOSSES:
            f = _cached_fit(name, size, price, key, delta)
            fits[name] = f
            r = price - f.predict(size)
            lv = _loss_values(name, r, delta)
            resid[name], point_loss[name] = r, lv
            total[name] = float(lv.mean())
            s = float(lv.sum())
            share[name] = float(lv[is_out].sum() / s) if s > 0 else 0.0
            g = np.abs(_loss_grad(name, r_true, delta))
            pull[name] = float(g[is_out].mean() / g[~is_out].mean()) if n_out else None
        top = _step(max(float(np.max(r)) for r in resid.values()) + 30.0, _RESID_TOPS)
        grid = np.linspace(_RESID_LO, top, _N_GRID)
        curves = {name: _loss_values(name, grid, delta) for name in _LOSSES}
        return {
            "outlier_size": outlier_size,
            "n_outliers": n_outliers,
            "delta": delta,
            "x": size,
            "y": price,
            "is_outlier": is_out,
            "true_line": (HOUSE_PRICE_INTERCEPT, HOUSE_PRICE_SLOPE),
            "fits": fits,
            "residuals": resid,
            "point_loss": point_loss,
            "total_loss": total,
            "outlier_share": share,
            "pull_ratio": pull,
            "grid": grid,
            "curves": curves,
            "price_top": _step(
                1.35 * (float(price.max()) + 50.0), _PRICE_TOPS
            ),  # top quarter kept for the legend
            "resid_top": top,
        }

    # ---------------------------------------------------------------- drawing
    def _build(self, fig, params):
        from ..plots import plot_regression_fits

        r = self.compute(**self._compute_args(params))
        ax_d, ax_r = fig.subplots(1, 2, width_ratios=[1.15, 1])
        with style.lecture_style(self.lecture):
            art = plot_regression_fits(
                r["x"],
                r["y"],
                r["fits"],
                outliers=r["is_outlier"],
                ax=ax_d,
                true_line=r["true_line"],
                xlim=(30.0, 210.0),
                legend=False,
            )
        # two rows in the top quarter, which price_top keeps free of houses
        ax_d.legend(loc="upper left", fontsize="small", ncol=3, columnspacing=0.8, handlelength=1.6)
        ax_d.set_ylim(0, r["price_top"])
        ax_d.set_title(tr("the data and three fitted lines"))
        ax_r.set_yscale("log")
        ax_r.set_xlim(_RESID_LO, r["resid_top"])
        ax_r.set_ylim(*_LOSS_YLIM)
        ax_r.set_xlabel(tr("residual r = y − ŷ (k€)"))
        ax_r.set_ylabel(tr("loss of one point (log scale)"))
        ax_r.set_title(tr("each loss against the residual"))
        out = {
            "_ax_data": ax_d,
            "_ax_resid": ax_r,
            "points": art["points"],
            "outliers": art["outliers"],
        }
        names = {"mse": "r²", "mae": "|r|", "huber": "(δ)"}
        for name in _LOSSES:
            out[f"line_{name}"] = art[name]
            kw = style.loss_style(name, label=f"{tr(style.LOSS_NAMES[name])} {names[name]}")
            (out[f"curve_{name}"],) = ax_r.plot([], [], **kw)
            (out[f"dots_{name}"],) = ax_r.plot(
                [], [], "o", color=kw["color"], markersize=4, alpha=0.8, linestyle="none"
            )
        out["delta_lo"] = ax_r.axvline(-25.0, color=style.LOSS_COLORS["huber"], lw=1, ls=":")
        out["delta_hi"] = ax_r.axvline(25.0, color=style.LOSS_COLORS["huber"], lw=1, ls=":")
        ax_r.legend(
            handles=[out[f"curve_{n}"] for n in _LOSSES],
            loc="upper center",
            fontsize="small",
            handlelength=2.5,
        )
        return out

    def _draw(self, art, r, params):
        changed = False
        ax_d, ax_r = art["_ax_data"], art["_ax_resid"]
        if ax_d.get_ylim()[1] != r["price_top"]:
            ax_d.set_ylim(0, r["price_top"])
            changed = True
        if ax_r.get_xlim()[1] != r["resid_top"]:
            ax_r.set_xlim(_RESID_LO, r["resid_top"])
            changed = True
        x, y, m = r["x"], r["y"], r["is_outlier"]
        art["points"].set_data(x[~m], y[~m])
        art["outliers"].set_data(x[m], y[m])
        xs = np.asarray(art["line_mse"].get_xdata(), dtype=float)
        grid = r["grid"]
        for name in _LOSSES:
            f = r["fits"][name]
            art[f"line_{name}"].set_data(xs, f.predict(xs))
            art[f"curve_{name}"].set_data(
                grid, np.where(r["curves"][name] > 0, r["curves"][name], np.nan)
            )
            pl = r["point_loss"][name]
            art[f"dots_{name}"].set_data(r["residuals"][name], np.where(pl > 0, pl, np.nan))
        d = r["delta"]
        art["delta_lo"].set_xdata([-d, -d])
        art["delta_hi"].set_xdata([d, d])
        return changed

    def _readout(self, r, params):
        n_out = int(r["is_outlier"].sum())
        if n_out:
            head = tr("{n} outliers of 50, +{size:.0f} k€").format(n=n_out, size=r["outlier_size"])
        else:
            head = tr("no outliers")
        # the rows' names: "true" and the losses' names (wider in Chinese: the column grows)
        names = {"true": tr("true"), **{k: tr(style.LOSS_NAMES[k]) for k in _LOSSES}}
        w = max(6, 1 + max(text_width(v) for v in names.values()))
        lines = [
            (tr("{head}; Huber δ = {delta:.0f} k€").format(head=head, delta=r["delta"]), None),
            (
                f"{'':{w}s}{rjust(tr('intercept'), 10)}{rjust(tr('slope'), 8)}"
                f"{rjust(tr('outlier'), 9)}",
                None,
            ),
            (f"{'':{w}s}{'(k€)':>10s}{'(k€/m²)':>8s}{rjust(tr('pull'), 9)}", None),
        ]
        a, b = r["true_line"]
        lines.append((f"{ljust(names['true'], w)}{a:>10.1f}{b:>8.3f}{'':>9s}", None))
        for name in _LOSSES:
            f = r["fits"][name]
            pull = style.format_value(r["pull_ratio"][name], 1) + "×" if n_out else "–"
            lines.append(
                (
                    f"{ljust(names[name], w)}"
                    f"{style.format_value(f.intercept, 1):>10s}"
                    f"{style.format_value(f.slope, 3):>8s}{pull:>9s}",
                    style.LOSS_COLORS[name],
                )
            )
        lines.append((tr("pull: outlier's |dL/dr| ÷ ordinary point's"), None))
        return lines

    def panel_title(self, params, setting):
        if params["outlier_size"] == 0 or params["n_outliers"] == 0:
            head = tr("no outliers")
        else:
            head = tr("{n} outliers at +{size:g} k€").format(
                n=params["n_outliers"], size=params["outlier_size"]
            )
        return tr("{head}, Huber δ = {delta:g} k€").format(head=head, delta=params["delta"])
