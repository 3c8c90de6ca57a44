"""Tests for lossviz.train: Nielsen's numbers, gradients, decreasing losses, speed, validation."""

import warnings

import numpy as np
import pytest

from lossviz.data import make_blobs_binary, make_imbalanced, make_multiclass_blobs
from lossviz.gradients import (
    bce_with_logits_grad,
    focal_loss_with_logits_grad,
    mse_sigmoid_grad,
    numerical_grad,
    softmax_cross_entropy_grad,
)
from lossviz.losses import bce_with_logits, focal_loss_with_logits
from lossviz.train import (
    LogisticRegressionFit,
    NeuronTrace,
    SoftmaxRegressionFit,
    logistic_regression_grad,
    logistic_regression_loss,
    predict_proba_logistic,
    predict_proba_softmax,
    softmax_regression_grad,
    softmax_regression_loss,
    train_logistic_regression,
    train_single_neuron,
    train_softmax_regression,
)
from lossviz.train._common import _fast_dz, _fast_softmax_grad, _smoothed_targets


# ----------------------------------------------------------------------------- Nielsen's neuron
def _nielsen_reference(w, b, cost, lr=0.15, epochs=300, half=True):
    """Plain-Python transcription of Nielsen's update rules (independent of the core)."""
    import math

    for _ in range(epochs):
        a = 1 / (1 + math.exp(-(w + b)))
        delta = a if cost == "ce" else a * a * (1 - a) * (1 if half else 2)
        w, b = w - lr * delta, b - lr * delta
    return 1 / (1 + math.exp(-(w + b)))


def test_nielsen_numbers_quadratic_with_half():
    a1 = train_single_neuron(0.6, 0.9, loss="mse").output
    a2 = train_single_neuron(2.0, 2.0, loss="mse").output
    assert a1[0] == pytest.approx(1 / (1 + np.exp(-1.5)))
    assert a2[0] == pytest.approx(1 / (1 + np.exp(-4.0)))
    assert round(float(a1[-1]), 2) == 0.09 and a1[-1] == pytest.approx(0.0940, abs=5e-4)
    assert round(float(a2[-1]), 2) == 0.20 and a2[-1] == pytest.approx(0.2028, abs=5e-4)
    assert a1[-1] == pytest.approx(_nielsen_reference(0.6, 0.9, "mse"), rel=1e-12)
    assert a2[-1] == pytest.approx(_nielsen_reference(2.0, 2.0, "mse"), rel=1e-12)


def test_nielsen_numbers_without_half_do_not_match():
    a1 = train_single_neuron(0.6, 0.9, loss="mse", mse_scale=1.0).output[-1]
    a2 = train_single_neuron(2.0, 2.0, loss="mse", mse_scale=1.0).output[-1]
    assert a1 == pytest.approx(_nielsen_reference(0.6, 0.9, "mse", half=False), rel=1e-12)
    assert a1 == pytest.approx(0.0610, abs=5e-4) and a2 == pytest.approx(0.0775, abs=5e-4)


def test_nielsen_cross_entropy_far_lower():
    for w0, b0 in [(0.6, 0.9), (2.0, 2.0)]:
        ce = train_single_neuron(w0, b0, loss="bce")
        q = train_single_neuron(w0, b0, loss="mse")
        assert ce.output[-1] == pytest.approx(_nielsen_reference(w0, b0, "ce"), rel=1e-12)
        assert ce.output[-1] < 0.015
        assert ce.output[-1] < q.output[-1] / 5
        assert np.all(np.diff(ce.cost) < 0)
    # the slowdown: from w = b = 2 the quadratic cost barely moves in the first 50 epochs
    q = train_single_neuron(2.0, 2.0, loss="mse")
    assert q.output[0] - q.output[50] < 0.01
    ce = train_single_neuron(2.0, 2.0, loss="bce")
    assert ce.output[0] - ce.output[50] > 0.5


def test_neuron_trace_fields_and_costs():
    tr = train_single_neuron(0.6, 0.9, loss="mse", epochs=10)
    assert isinstance(tr, NeuronTrace)
    assert tr.w.shape == tr.b.shape == tr.output.shape == tr.cost.shape == (11,)
    np.testing.assert_allclose(tr.output, 1 / (1 + np.exp(-(tr.w + tr.b))))
    np.testing.assert_allclose(tr.cost, 0.5 * tr.output**2)
    tr = train_single_neuron(0.6, 0.9, loss="bce", epochs=10, x=2.0, y=1.0)
    np.testing.assert_allclose(tr.cost, -np.log(1 / (1 + np.exp(-(2 * tr.w + tr.b)))))
    # with x != 1 the weight moves x times as fast as the bias
    np.testing.assert_allclose(tr.w - tr.w[0], 2.0 * (tr.b - tr.b[0]))
    assert train_single_neuron(0.0, 0.0, epochs=0).output.shape == (1,)


def test_neuron_vectorised_equals_scalar_runs():
    w0 = np.array([[0.6], [2.0], [-1.0]])
    b0 = np.array([0.9, 2.0])
    tr = train_single_neuron(w0, b0, loss="mse", epochs=50)
    assert tr.output.shape == (51, 3, 2)
    for i in range(3):
        for j in range(2):
            one = train_single_neuron(float(w0[i, 0]), float(b0[j]), loss="mse", epochs=50)
            np.testing.assert_allclose(tr.output[:, i, j], one.output, rtol=1e-12)
            np.testing.assert_allclose(tr.cost[:, i, j], one.cost, rtol=1e-12)


def test_neuron_extreme_values_finite_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tr = train_single_neuron(np.array([-500.0, 500.0]), 0.0, loss="bce", lr=10.0, epochs=20)
        tq = train_single_neuron(np.array([-500.0, 500.0]), 0.0, loss="mse", lr=10.0, epochs=20)
    for t in (tr, tq):
        assert all(np.all(np.isfinite(a)) for a in t)


# ----------------------------------------------------------------------------- fast kernels = core
Z_TEST = np.concatenate([np.linspace(-30, 30, 61), [-1e3, -700.0, 0.0, 700.0, 1e3]])


@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_fast_binary_kernels_equal_core(y):
    yv = np.full_like(Z_TEST, y)
    np.testing.assert_allclose(
        _fast_dz("bce", yv, Z_TEST), bce_with_logits_grad(yv, Z_TEST), rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        _fast_dz("bce", yv, Z_TEST, pos_weight=7.5),
        bce_with_logits_grad(yv, Z_TEST, pos_weight=7.5),
        rtol=1e-12,
        atol=1e-15,
    )
    np.testing.assert_allclose(
        _fast_dz("mse", yv, Z_TEST), mse_sigmoid_grad(yv, Z_TEST), rtol=1e-12, atol=1e-15
    )
    for gamma in [0, 0.5, 1, 2, 5]:
        for alpha in [None, 0.25]:
            np.testing.assert_allclose(
                _fast_dz("focal", yv, Z_TEST, gamma=gamma, alpha=alpha),
                focal_loss_with_logits_grad(yv, Z_TEST, gamma=gamma, alpha=alpha),
                rtol=1e-10,
                atol=1e-14,  # the two terms cancel for confident right answers
            )


@pytest.mark.parametrize("class_weight", [None, np.array([0.2, 1.0, 5.0])])
@pytest.mark.parametrize("eps", [0.0, 0.1])
def test_fast_softmax_kernel_equals_core(class_weight, eps):
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(20, 3)) * 5
    Z[0] = [1e3, -1e3, 0]
    y = rng.integers(0, 3, 20)
    U = _smoothed_targets(y, 3, class_weight, eps)
    ours = _fast_softmax_grad(Z.copy(), U, U.sum(axis=1, keepdims=True))
    ref = softmax_cross_entropy_grad(y, Z, class_weight=class_weight, label_smoothing=eps)
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-15)


# ----------------------------------------------------------------------------- gradients vs
# numerical
def _theta_check(loss_fn, grad_fn, w, b, **kw):
    d = w.size

    def f(theta):
        return loss_fn(theta[:d], theta[d], **kw)

    gw, gb = grad_fn(w, b, **kw)
    num = numerical_grad(f, np.concatenate([w, [b]]))
    np.testing.assert_allclose(np.concatenate([gw, [gb]]), num, rtol=1e-5, atol=1e-8)


BIN_CASES = [
    dict(),
    dict(loss="mse"),
    dict(loss="focal"),
    dict(loss="focal", gamma=0.5, alpha=0.25),
    dict(pos_weight=9.0),
    dict(sample_weight="balanced"),
    dict(sample_weight="effective_number", loss="focal", gamma=1.0),
    dict(l2=0.3, l1=0.05),
    dict(loss="mse", l2=0.1, sample_weight="balanced"),
]


@pytest.mark.parametrize("kw", BIN_CASES)
def test_logistic_gradient_matches_numerical(kw):
    X, y = make_imbalanced(60, 5, separation=1.5, seed=2)
    w, b = np.array([0.4, -0.7]), 0.3
    _theta_check(
        lambda w_, b_, **k: logistic_regression_loss(X, y, w_, b_, **k),
        lambda w_, b_, **k: logistic_regression_grad(X, y, w_, b_, **k),
        w,
        b,
        **kw,
    )


@pytest.mark.parametrize("kw", BIN_CASES)
def test_training_step_uses_that_gradient(kw):
    X, y = make_imbalanced(60, 5, separation=1.5, seed=2)
    fit = train_logistic_regression(X, y, lr=0.3, epochs=1, w0=[0.4, -0.7], b0=0.3, **kw)
    gw, gb = logistic_regression_grad(X, y, [0.4, -0.7], 0.3, **kw)
    w0 = np.array([0.4, -0.7])
    l1 = kw.get("l1", 0.0)
    if l1:  # proximal step: gradient step without the L1 term, then soft threshold
        u = w0 - 0.3 * (gw - l1 * np.sign(w0))
        expected = np.sign(u) * np.maximum(np.abs(u) - 0.3 * l1, 0)
    else:
        expected = w0 - 0.3 * gw
    np.testing.assert_allclose(fit.weights, expected, rtol=1e-12)
    assert fit.bias == pytest.approx(0.3 - 0.3 * gb, rel=1e-12)
    assert fit.history["loss"][0] == pytest.approx(
        logistic_regression_loss(X, y, [0.4, -0.7], 0.3, **kw), rel=1e-12
    )


def test_logistic_loss_is_the_core_mean():
    X, y = make_blobs_binary(40, seed=1)
    w, b = np.array([0.5, -0.2]), 0.1
    z = X @ w + b
    assert logistic_regression_loss(X, y, w, b) == pytest.approx(bce_with_logits(y, z))
    assert logistic_regression_loss(
        X, y, w, b, loss="focal", gamma=2.0, alpha=0.25
    ) == pytest.approx(focal_loss_with_logits(y, z, gamma=2.0, alpha=0.25))
    assert logistic_regression_loss(X, y, w, b, l2=0.5, l1=0.1) == pytest.approx(
        bce_with_logits(y, z) + 0.5 * np.sum(w**2) + 0.1 * np.sum(np.abs(w))
    )
    s = np.arange(1.0, 41.0)
    assert logistic_regression_loss(X, y, w, b, sample_weight=s) == pytest.approx(
        np.sum(s * bce_with_logits(y, z, reduction="none")) / s.sum()
    )


SM_CASES = [
    dict(),
    dict(label_smoothing=0.1),
    dict(class_weight=[0.5, 1.0, 3.0]),
    dict(class_weight=[0.5, 1.0, 3.0], label_smoothing=0.2, l2=0.1, l1=0.02),
]


@pytest.mark.parametrize("kw", SM_CASES)
def test_softmax_gradient_matches_numerical(kw):
    X, y = make_multiclass_blobs(15, 3, seed=4)
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(2, 3)) * 0.5, rng.normal(size=3) * 0.5

    def f(theta):
        return softmax_regression_loss(X, y, theta[:6].reshape(2, 3), theta[6:], **kw)

    gW, gb = softmax_regression_grad(X, y, W, b, **kw)
    num = numerical_grad(f, np.concatenate([W.ravel(), b]))
    np.testing.assert_allclose(np.concatenate([gW.ravel(), gb]), num, rtol=1e-5, atol=1e-8)
    fit = train_softmax_regression(X, y, lr=0.2, epochs=1, w0=W, b0=b, **kw)
    l1 = kw.get("l1", 0.0)
    U = W - 0.2 * (gW - l1 * np.sign(W))
    expected = np.sign(U) * np.maximum(np.abs(U) - 0.2 * l1, 0)
    np.testing.assert_allclose(fit.weights, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(fit.bias, b - 0.2 * gb, rtol=1e-12, atol=1e-15)


# ----------------------------------------------------------------------------- training behaviour
@pytest.mark.parametrize("kw", BIN_CASES)
def test_logistic_loss_decreases(kw):
    X, y = make_imbalanced(300, 10, separation=2.0, seed=0)
    fit = train_logistic_regression(X, y, lr=0.2, epochs=150, **kw)
    loss = fit.history["loss"]
    assert loss.shape == (151,) and fit.history["weights"].shape == (151, 2)
    assert loss[-1] < loss[0]
    assert np.all(np.diff(loss) <= 1e-12)  # small lr: monotone


def test_l1_gives_exact_zeros_and_l2_shrinks():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5))
    y = (X[:, 0] - X[:, 1] + 0.3 * rng.normal(size=300) > 0).astype(int)  # features 2..4 useless
    plain = train_logistic_regression(X, y, lr=0.5, epochs=500)
    lasso = train_logistic_regression(X, y, lr=0.5, epochs=500, l1=0.05)
    ridge = train_logistic_regression(X, y, lr=0.5, epochs=500, l2=0.05)
    assert np.all(plain.weights != 0)
    assert np.all(lasso.weights[2:] == 0.0) and np.all(lasso.weights[:2] != 0)
    assert np.linalg.norm(ridge.weights) < np.linalg.norm(plain.weights)
    assert np.all(np.diff(lasso.history["loss"]) <= 1e-12)


def test_softmax_loss_decreases_and_classifies():
    X, y = make_multiclass_blobs(60, 4, separation=4.0)
    fit = train_softmax_regression(X, y, lr=0.5, epochs=200)
    assert isinstance(fit, SoftmaxRegressionFit)
    loss = fit.history["loss"]
    assert loss[0] == pytest.approx(np.log(4)) and np.all(np.diff(loss) <= 1e-12)
    assert np.mean(fit.predict(X) == y) > 0.9
    P = fit.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(P, predict_proba_softmax(X, fit.weights, fit.bias))
    smooth = train_softmax_regression(X, y, lr=0.5, epochs=200, label_smoothing=0.2)
    assert smooth.predict_proba(X).max() < P.max()  # smoothing lowers the confidence


def test_logistic_matches_sklearn_with_l2():
    from sklearn.linear_model import LogisticRegression

    X, y = make_blobs_binary(200, separation=1.5, seed=3)
    C = 0.5
    ref = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    # sklearn minimises C * sum(l_i) + ||w||^2 / 2, i.e. mean(l_i) + ||w||^2 / (2 C n)
    fit = train_logistic_regression(X, y, lr=1.0, epochs=3000, l2=1 / (2 * C * len(y)))
    np.testing.assert_allclose(fit.weights, ref.coef_[0], rtol=1e-4)
    assert fit.bias == pytest.approx(ref.intercept_[0], rel=1e-4, abs=1e-6)
    np.testing.assert_allclose(fit.predict_proba(X), ref.predict_proba(X)[:, 1], atol=1e-5)


def test_weighting_raises_minority_recall():
    X, y = make_imbalanced(1000, 50, separation=2.0, seed=0)
    plain = train_logistic_regression(X, y, lr=0.5, epochs=300)
    bal = train_logistic_regression(X, y, lr=0.5, epochs=300, sample_weight="balanced")
    pw = train_logistic_regression(X, y, lr=0.5, epochs=300, pos_weight=50.0)
    rec = [np.mean(f.predict(X)[y == 1]) for f in (plain, bal, pw)]
    assert rec[0] < 0.5 < rec[1] and rec[2] > 0.5
    # weighting inflates the predicted probabilities of the minority class
    assert bal.predict_proba(X).mean() > plain.predict_proba(X).mean()


def test_fit_object_and_helpers():
    X, y = make_blobs_binary(50)
    fit = train_logistic_regression(X, y, epochs=20)
    assert isinstance(fit, LogisticRegressionFit)
    w, b, hist = fit
    assert isinstance(b, float) and w.shape == (2,)
    assert set(hist) == {"loss", "data_loss", "weights", "bias"}
    assert "loss" in hist and len(hist) == 4 and hist.get("nope") is None
    np.testing.assert_allclose(hist["data_loss"], hist["loss"])  # no penalty
    np.testing.assert_allclose(fit.decision_function(X), X @ w + b)
    np.testing.assert_allclose(fit.predict_proba(X), predict_proba_logistic(X, w, b))
    assert set(np.unique(fit.predict(X, threshold=0.9))) <= {0, 1}
    assert train_logistic_regression(X, y, epochs=0).history["loss"].shape == (1,)


def test_seeded_initialisation():
    X, y = make_blobs_binary(50)
    a = train_logistic_regression(X, y, epochs=0, seed=1).history["weights"][0]
    b = train_logistic_regression(X, y, epochs=0, seed=1).history["weights"][0]
    c = train_logistic_regression(X, y, epochs=0).history["weights"][0]
    np.testing.assert_array_equal(a, b)
    assert np.any(a != 0) and np.all(c == 0)


def test_no_warnings_on_separable_data():
    X, y = make_blobs_binary(100, separation=20.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for loss in ["bce", "focal", "mse"]:
            fit = train_logistic_regression(X, y, lr=5.0, epochs=200, loss=loss)
            assert np.all(np.isfinite(fit.history["loss"]))


# ----------------------------------------------------------------------------- validation
X2, Y2 = make_blobs_binary(10)


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (
            lambda: train_single_neuron(0.6, 0.9, loss="mae"),
            ValueError,
            ["'bce' or 'mse'", "'mae'"],
        ),
        (lambda: train_single_neuron(0.6, 0.9, lr=0), ValueError, ["lr", "found 0"]),
        (
            lambda: train_single_neuron(0.6, 0.9, epochs=-1),
            ValueError,
            ["epochs must be an integer >= 0"],
        ),
        (
            lambda: train_single_neuron(0.6, 0.9, epochs=2.5),
            TypeError,
            ["epochs must be an integer"],
        ),
        (
            lambda: train_single_neuron(0.6, 0.9, y=2.0),
            ValueError,
            ["y must be a finite number in [0, 1]; found 2."],
        ),
        (lambda: train_single_neuron(np.nan, 0.9), ValueError, ["w0 must be finite"]),
        (
            lambda: train_single_neuron(np.zeros(2), np.zeros(3)),
            ValueError,
            ["broadcast", "(2,)", "(3,)"],
        ),
        (lambda: train_single_neuron(0.6, 0.9, mse_scale=0), ValueError, ["mse_scale"]),
        (lambda: train_logistic_regression(X2[:, 0], Y2), ValueError, ["2-D", "reshape(-1, 1)"]),
        (lambda: train_logistic_regression(X2, Y2[:5]), ValueError, ["one target per row", "(5,)"]),
        (
            lambda: train_logistic_regression(X2, Y2 * 2),
            ValueError,
            ["[0, 1]", "train_softmax_regression"],
        ),
        (
            lambda: train_logistic_regression(X2, Y2, loss="hinge"),
            ValueError,
            ["'bce', 'focal', 'mse'", "'hinge'"],
        ),
        (
            lambda: train_logistic_regression(X2, Y2, loss="mse", pos_weight=2.0),
            ValueError,
            ["pos_weight applies to loss='bce'"],
        ),
        (
            lambda: train_logistic_regression(X2, Y2, gamma=2.0),
            ValueError,
            ["gamma and alpha apply to loss='focal'"],
        ),
        (
            lambda: train_logistic_regression(X2, Y2, loss="focal", gamma=-1.0),
            ValueError,
            ["gamma"],
        ),
        (lambda: train_logistic_regression(X2, Y2, loss="focal", alpha=1.5), ValueError, ["alpha"]),
        (lambda: train_logistic_regression(X2, Y2, pos_weight=-1.0), ValueError, ["pos_weight"]),
        (
            lambda: train_logistic_regression(X2, Y2, sample_weight=np.ones(3)),
            ValueError,
            ["sample_weight must have shape (10,)"],
        ),
        (
            lambda: train_logistic_regression(X2, Y2, sample_weight="inverse"),
            ValueError,
            ["'balanced'"],
        ),
        (lambda: train_logistic_regression(X2, Y2, l2=-1.0), ValueError, ["l2", "penalty"]),
        (
            lambda: train_logistic_regression(X2, Y2, w0=[1.0]),
            ValueError,
            ["w0 must have shape (2,), one per column of X; found shape (1,)"],
        ),
        (
            lambda: train_logistic_regression(np.full((10, 2), np.nan), Y2),
            ValueError,
            ["X must be finite"],
        ),
        (
            lambda: train_logistic_regression(X2.astype(str), Y2),
            TypeError,
            ["X must be a real numeric array"],
        ),
        (lambda: train_softmax_regression(X2, Y2 + 0.5), TypeError, ["integer class indices"]),
        (
            lambda: train_softmax_regression(X2, Y2 + 5, n_classes=3),
            ValueError,
            ["class index 6", "n_classes=3"],
        ),
        (
            lambda: train_softmax_regression(X2, Y2, class_weight=[1.0]),
            ValueError,
            ["class_weight"],
        ),
        (
            lambda: train_softmax_regression(X2, Y2, label_smoothing=1.0),
            ValueError,
            ["label_smoothing"],
        ),
        (
            lambda: train_softmax_regression(X2, Y2, w0=np.zeros((3, 2))),
            ValueError,
            ["shape (2, 2)"],
        ),
        (lambda: predict_proba_logistic(X2, [1.0, 2.0, 3.0], 0.0), ValueError, ["3 columns"]),
        (
            lambda: predict_proba_logistic(X2, [1.0, 2.0], [0.0, 1.0]),
            ValueError,
            ["bias must be a scalar"],
        ),
        (lambda: predict_proba_softmax(X2, [1.0, 2.0], [0.0]), ValueError, ["2-D"]),
    ],
)
def test_validation_messages(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value), (w, str(info.value))


def test_weighting_miscalibrates_and_prior_correction_repairs():
    """Chapter 07's story end to end: weights raise recall but inflate the probabilities."""
    from lossviz.imbalance import effective_prior, prior_correction
    from lossviz.metrics import expected_calibration_error, recall

    X, y = make_imbalanced(2000, 20, separation=2.5, seed=1)
    Xt, yt = make_imbalanced(2000, 20, separation=2.5, seed=2)  # fresh test data
    plain = train_logistic_regression(X, y, lr=1.0, epochs=400)
    bal = train_logistic_regression(X, y, lr=1.0, epochs=400, sample_weight="balanced")
    p_plain, p_bal = plain.predict_proba(Xt), bal.predict_proba(Xt)
    assert recall(yt, bal.predict(Xt)) > recall(yt, plain.predict(Xt))
    ece_plain = expected_calibration_error(yt, p_plain)
    ece_bal = expected_calibration_error(yt, p_bal)
    assert ece_bal > 3 * ece_plain
    train_prior = effective_prior(y, "balanced")[1]
    assert train_prior == pytest.approx(0.5)
    p_fixed = prior_correction(p_bal, train_prior, float(np.mean(y)))
    assert expected_calibration_error(yt, p_fixed) < ece_bal / 3
