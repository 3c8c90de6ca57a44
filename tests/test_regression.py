"""Tests of lossviz.regression."""

import numpy as np
import pytest

import lossviz as lv
from lossviz import regression as R
from lossviz.data import make_multiclass_blobs, make_regression_with_outliers


def test_gaussian_nll_is_affine_in_mse_and_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    y, yhat = rng.normal(size=20), rng.normal(size=20)
    for sigma in (0.1, 1.0, 7.0):
        nll = R.gaussian_nll(y, yhat, sigma=sigma)
        assert np.isclose(
            nll, lv.mse(y, yhat) / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)
        )
        assert np.isclose(nll, -stats.norm.logpdf(y, loc=yhat, scale=sigma).mean())
    assert np.isclose(R.gaussian_nll(y, yhat, reduction="sum"), 20 * R.gaussian_nll(y, yhat))
    assert R.gaussian_nll(y, yhat, reduction="none").shape == (20,)


def test_gaussian_nll_bad_sigma():
    with pytest.raises(ValueError, match="sigma must be a finite number > 0"):
        R.gaussian_nll([0.0], [0.0], sigma=0)
    with pytest.raises(TypeError, match="sigma must be a real number > 0; found .1. of type str"):
        R.gaussian_nll([0.0], [0.0], sigma="1")


def test_fit_line_mse_is_least_squares():
    x, y = make_regression_with_outliers(60, 0.1, seed=3)
    f = R.fit_line(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    assert np.isclose(f.slope, slope) and np.isclose(f.intercept, intercept) and f.n_iter == 0


def test_fit_line_mae_is_the_exact_lad_line():
    x, y = make_regression_with_outliers(40, 0.1, seed=1)
    f = R.fit_line(x, y, loss="mae")
    i, j = np.triu_indices(x.size, 1)  # an L1 line passes through two data points: try them all
    b = (y[j] - y[i]) / (x[j] - x[i])
    a = y[i] - b * x[i]
    best = np.abs(y[None] - a[:, None] - b[:, None] * x[None]).mean(1).min()
    assert lv.mae(y, f.predict(x)) <= best + 1e-6


def test_fit_line_huber_minimises_huber():
    opt = pytest.importorskip("scipy.optimize")
    x, y = make_regression_with_outliers(50, 0.1, seed=2)
    f = R.fit_line(x, y, loss="huber", delta=25.0)
    res = opt.minimize(
        lambda c: lv.huber(y, c[0] + c[1] * x, delta=25.0),
        [f.intercept + 5, f.slope - 0.1],
        method="Nelder-Mead",
        options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000),
    )
    assert lv.huber(y, f.predict(x), delta=25.0) <= res.fun + 1e-7


def test_outliers_pull_mse_not_mae_or_huber():
    x, y, out = make_regression_with_outliers(50, 0.1, return_outlier_mask=True)
    clean = R.fit_line(x[~out], y[~out])
    shift = {
        loss: abs(R.fit_line(x, y, loss=loss, delta=25.0).intercept - clean.intercept)
        for loss in ("mse", "mae", "huber")
    }
    assert shift["mse"] > 5 * max(shift["mae"], shift["huber"])


def test_fit_line_gd_converges_to_closed_form():
    x, y = make_regression_with_outliers(30, 0.0, seed=5)
    f, hist = R.fit_line_gd(x, y, lr=0.2, epochs=300)
    exact = R.fit_line(x, y)
    assert np.isclose(f.intercept, exact.intercept, rtol=1e-6) and np.isclose(
        f.slope, exact.slope, rtol=1e-6
    )
    assert hist.shape == (301,) and np.all(np.diff(hist) <= 1e-9)


def test_fit_line_bad_inputs():
    with pytest.raises(ValueError, match="loss must be one of"):
        R.fit_line([0.0, 1.0], [0.0, 1.0], loss="l2")
    with pytest.raises(ValueError, match="at least two different values"):
        R.fit_line([1.0, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="same shape"):
        R.fit_line([0.0, 1.0], [0.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="x must be 1-D"):
        R.fit_line(np.zeros((2, 2)), np.zeros((2, 2)))


def test_best_constant():
    y = np.array([1.0, 2.0, 3.0, 10.0])
    assert R.best_constant(y, "mse")[0] == 2 + 2.0 and R.best_constant(y, "mae")[0] == 2.5
    c, loss = R.best_constant(y, "huber", delta=1.0)
    grid = np.linspace(0, 10, 100001)
    losses = [lv.huber(y, np.full(4, g), delta=1.0) for g in grid[::100]]
    assert loss <= min(losses) + 1e-9 and 2 <= c <= 4
    c, loss = R.best_constant([0.3], "bce")
    assert c == 0.3 and np.isclose(loss, lv.entropy([0.3, 0.7]))


def test_sigmoid_floor_and_free_sigmoid():
    x = np.random.default_rng(0).standard_normal(500)
    floor = R.sigmoid_mse_floor(x)
    assert 0.5 < floor < 0.7
    out, hist = R.fit_free_sigmoid(x, epochs=300)
    assert hist[-1] >= floor and hist[-1] - floor < 0.01 and np.all((out > 0) & (out < 1))
    x01 = (x - x.min()) / np.ptp(x)
    assert R.sigmoid_mse_floor(x01) == 0.0
    _, hb = R.fit_free_sigmoid(x01, loss="bce", epochs=500)
    assert hb[-1] - lv.bce(x01, x01) < 1e-4
    with pytest.raises(ValueError, match=r"y_true must lie in \[0, 1\]"):
        R.fit_free_sigmoid(x, loss="bce")
    with pytest.raises(ValueError, match="loss must be 'mse' or 'bce'"):
        R.fit_free_sigmoid(x, loss="mae")


def test_square_loss_classifier_on_blobs():
    X, y = make_multiclass_blobs(100, 3, separation=3.0)
    clf = R.fit_square_loss_classifier(X, y)
    assert clf.weights.shape == (2, 3) and clf.bias.shape == (3,)
    assert np.mean(clf.predict(X) == y) > 0.85
    A = np.c_[X, np.ones(len(y))]
    coef = np.linalg.lstsq(A, np.eye(3)[y], rcond=None)[0]
    assert np.allclose(np.c_[clf.weights.T, clf.bias].T, coef)
    with pytest.raises(ValueError, match="one non-negative integer class per row"):
        R.fit_square_loss_classifier(X, y.astype(float))


def test_two_head_gradient_and_training():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    yc = (X[:, 0] > 0).astype(float)
    yv = X[:, 1]
    fit = R.train_two_head(X, yc, yv, hidden=4, weight=0.5, lr=0.2, epochs=400)
    h = fit.history
    assert np.allclose(h["total"], h["ce"] + 0.5 * h["mse"])
    assert h["total"][-1] < 0.5 * h["total"][0]
    assert np.mean((fit.predict_proba(X) > 0.5) == yc) > 0.9
    # weight 0: the regression head gets no gradient
    init = R.train_two_head(X, yc, yv, hidden=4, weight=0.0, epochs=0).params["w_reg"]
    assert np.array_equal(
        R.train_two_head(X, yc, yv, hidden=4, weight=0.0, epochs=50).params["w_reg"], init
    )


def test_two_head_one_step_is_gradient_descent():
    """One update equals a step along the numerical gradient of CE + weight * MSE."""
    rng = np.random.default_rng(2)
    X = rng.normal(size=(10, 2))
    yc = rng.integers(0, 2, 10).astype(float)
    yv = rng.normal(size=10)
    p0 = R.train_two_head(X, yc, yv, hidden=3, weight=2.0, epochs=0, seed=4).params
    p1 = R.train_two_head(X, yc, yv, hidden=3, weight=2.0, epochs=1, lr=1e-3, seed=4).params

    def total(V):
        H = np.tanh(X @ V.reshape(2, 3) + p0["c"])
        return float(
            lv.bce_with_logits(yc, H @ p0["w_cls"] + p0["b_cls"])
            + 2.0 * lv.mse(yv, H @ p0["w_reg"] + p0["b_reg"])
        )

    g = lv.numerical_grad(total, p0["V"].ravel()).reshape(2, 3)
    assert np.allclose(p1["V"], p0["V"] - 1e-3 * g, atol=1e-9)
