"""Chapter 08's second half: joint-scale Huber, quantiles, leverage, the continuous Bernoulli,
the house-price network and their plots, checked against scikit-learn and scipy."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import lossviz as lv
from lossviz import continuous_bernoulli as cb
from lossviz import housenet, robust

sklearn_lm = pytest.importorskip("sklearn.linear_model")
scipy_stats = pytest.importorskip("scipy.stats")
scipy_integrate = pytest.importorskip("scipy.integrate")


@pytest.fixture(scope="module")
def houses():
    return lv.data.make_regression_with_outliers(50, 0.1, seed=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("epsilon", [1.35, 2.0])
def test_huber_scale_matches_sklearn(seed, epsilon):
    x, y = lv.data.make_regression_with_outliers(50, 0.1, seed=seed)
    ours = robust.fit_line_huber_scale(x, y, epsilon=epsilon)
    sk = sklearn_lm.HuberRegressor(epsilon=epsilon, alpha=0.0, max_iter=10000).fit(x[:, None], y)
    assert ours.slope == pytest.approx(sk.coef_[0], rel=1e-5)
    assert ours.intercept == pytest.approx(sk.intercept_, rel=1e-4)
    assert ours.scale == pytest.approx(sk.scale_, rel=1e-4)
    # our objective is at least as low as scikit-learn's
    obj = robust._huber_scale_objective
    assert obj(y - ours.predict(x), ours.scale, epsilon) <= obj(
        y - sk.predict(x[:, None]), sk.scale_, epsilon
    ) * (1 + 1e-9)


def test_huber_scale_is_equivariant_and_fixed_delta_is_not(houses):
    x, y = houses
    a, b = robust.fit_line_huber_scale(x, y), robust.fit_line_huber_scale(x, 1000 * y)
    assert b.slope / 1000 == pytest.approx(a.slope, rel=1e-6)
    assert b.scale / 1000 == pytest.approx(a.scale, rel=1e-6)
    f1 = lv.regression.fit_line(x, y, loss="huber", delta=25.0)
    f2 = lv.regression.fit_line(x, 1000 * y, loss="huber", delta=25.0)
    assert abs(f2.intercept / 1000 - f1.intercept) > 1.0


def test_huber_scale_rejects_epsilon_at_most_one(houses):
    with pytest.raises(ValueError, match="epsilon"):
        robust.fit_line_huber_scale(*houses, epsilon=1.0)


def test_huber_is_delta_times_smooth_l1():
    r = np.linspace(-50, 50, 1001)
    z = np.zeros_like(r)
    for d in (0.1, 1.0, 7.0):
        h = lv.huber(z, r, delta=d, reduction="none")
        assert np.allclose(h, d * robust.smooth_l1(z, r, beta=d, reduction="none"), atol=1e-12)
    # PyTorch's definition, transcribed: 0.5 x^2 / beta if |x| < beta else |x| - 0.5 beta
    x = np.array([-3.0, -0.2, 0.0, 0.7, 2.0])
    ref = np.where(np.abs(x) < 1.5, 0.5 * x**2 / 1.5, np.abs(x) - 0.75)
    assert np.allclose(robust.smooth_l1(0 * x, x, beta=1.5, reduction="none"), ref)
    assert robust.smooth_l1(0 * x, x, beta=0.0) == pytest.approx(np.mean(np.abs(x)))


@pytest.mark.parametrize("tau", [0.05, 0.1, 0.37, 0.5, 0.9])
def test_pinball_matches_sklearn_and_quantile(tau, houses):
    from sklearn.metrics import mean_pinball_loss

    x, y = houses
    p = 3.0 * x + 40
    assert robust.pinball_loss(y, p, tau=tau) == pytest.approx(mean_pinball_loss(y, p, alpha=tau))
    best = robust.best_quantile_constant(y, tau)
    q = np.quantile(y, tau, method="inverted_cdf")
    assert best.low == pytest.approx(q)
    if float(len(y) * tau).is_integer():  # only then does numpy's default interpolation minimise
        assert best.low <= np.quantile(y, tau) <= best.high
    assert robust.pinball_loss(y, 0 * y + q, tau=tau) == pytest.approx(best.loss)


@pytest.mark.parametrize("tau", [0.1, 0.5, 0.9])
def test_quantile_line_matches_sklearn(tau, houses):
    x, y = houses
    ours = robust.fit_line_quantile(x, y, tau=tau)
    sk = sklearn_lm.QuantileRegressor(quantile=tau, alpha=0.0, solver="highs").fit(x[:, None], y)
    loss_ours = robust.pinball_loss(y, ours.predict(x), tau=tau)
    loss_sk = robust.pinball_loss(y, sk.predict(x[:, None]), tau=tau)
    assert loss_ours <= loss_sk + 1e-9


def test_theil_sen_matches_scipy():
    x, y, bad = robust.make_leverage_outliers()
    ours = robust.theil_sen(x, y)
    ref = scipy_stats.theilslopes(y, x)
    assert ours.slope == pytest.approx(ref.slope)
    assert int(bad.sum()) == 5 and abs(ours.slope - 3.0) < 0.3
    for loss in ("mse", "mae", "huber"):  # every loss of the residual fails on leverage points
        assert lv.regression.fit_line(x, y, loss=loss, delta=25.0).slope < 1.0


def test_slope_spread_both_ways():
    clean = robust.slope_spread(n_seeds=60, outlier_fraction=0.0)["sd"]
    dirty = robust.slope_spread(n_seeds=60, outlier_fraction=0.1)["sd"]
    assert clean["mse"] < clean["huber"] < clean["mae"]
    assert dirty["mse"] > 2 * max(dirty["huber"], dirty["mae"])


@pytest.mark.parametrize("lam", [0.01, 0.1, 0.3, 0.5 - 1e-6, 0.5, 0.8, 0.99])
def test_continuous_bernoulli_against_quadrature(lam):
    area = scipy_integrate.quad(lambda y: lam**y * (1 - lam) ** (1 - y), 0, 1)[0]
    assert cb.bernoulli_density_integral(lam) == pytest.approx(area, rel=1e-9)
    c = np.exp(cb.cb_log_norm(lam))
    mean = scipy_integrate.quad(lambda y: y * c * lam**y * (1 - lam) ** (1 - y), 0, 1)[0]
    assert cb.cb_mean(lam) == pytest.approx(mean, abs=1e-9)


def test_cb_mle_maximises_the_likelihood():
    lam = cb.cb_mle([0.3])
    grid = np.linspace(0.001, 0.999, 9981)
    assert (
        abs(grid[np.argmin(cb.cb_nll(np.full_like(grid, 0.3), grid, reduction="none"))] - lam)
        < 2e-4
    )
    with pytest.raises(ValueError, match="strictly inside"):
        cb.cb_log_norm(1.0)


def test_house_net_generalises_and_is_seeded():
    Xtr, ytr = housenet.make_house_features(400, seed=0)
    Xte, yte = housenet.make_house_features(1000, seed=1)
    a = housenet.train_house_net(Xtr, ytr, epochs=60, X_val=Xte, y_val=yte)
    b = housenet.train_house_net(Xtr, ytr, epochs=60, X_val=Xte, y_val=yte)
    assert np.array_equal(a.val_rmse, b.val_rmse)
    assert a.val_rmse[-1] < a.val_rmse[9] < housenet.rmse(yte, 0 * yte + ytr.mean())
    assert housenet.rmse(yte, a.predict(Xte)) == pytest.approx(a.val_rmse[-1])


def test_house_net_small_steps_lower_the_loss():
    # the SGD step follows the MSE gradient: a larger small step lowers the loss more
    X, y = housenet.make_house_features(32, seed=3)
    n0 = housenet.train_house_net(X, y, epochs=1, batch_size=32, lr=1e-6, hidden=4)
    n1 = housenet.train_house_net(X, y, epochs=1, batch_size=32, lr=2e-6, hidden=4)
    assert n1.train_rmse[0] < n0.train_rmse[0]


def test_plots_make_no_global_changes():
    before = dict(matplotlib.rcParams)
    r = robust.slope_spread(n_seeds=5, losses=("mse", "huber-scale"))
    art = lv.plots.plot_slope_spread({"a": r}, ax=Figure().subplots())
    assert art["boxes"][("a", "huber-scale")].get_hatch() == "//"
    art = lv.plots.plot_floor_panels(
        [{"title": "t", "histories": {"mse": [1.0, 0.6]}, "floors": {"mse": 0.59}}],
        ax=Figure().subplots(),
    )
    assert art["floors"][(0, "mse")].get_color() == lv.style.LOSS_COLORS["mse"]
    assert dict(matplotlib.rcParams) == before
