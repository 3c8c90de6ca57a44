"""Analytic gradients against numerical_grad, closed forms, and behaviour at the extremes."""

import numpy as np
import pytest
from scipy import special

import lossviz as lv

RNG = np.random.default_rng(2)


pytestmark = pytest.mark.usefixtures("strict")


def _check(f_sum, grad, x, rtol=1e-6, atol=1e-7):
    num = lv.numerical_grad(f_sum, x)
    np.testing.assert_allclose(grad, num, rtol=rtol, atol=atol)


Y = np.array([1.0, 0.0, 1.0, 0.0, 0.3, 0.8])
Z = np.array([0.4, -1.3, -3.0, 2.2, 0.0, 5.0])


def test_bce_with_logits_grad_is_p_minus_y():
    np.testing.assert_allclose(lv.bce_with_logits_grad(Y, Z), special.expit(Z) - Y, rtol=1e-14)
    _check(lambda t: lv.bce_with_logits(Y, t, reduction="sum"), lv.bce_with_logits_grad(Y, Z), Z)


@pytest.mark.parametrize("pw", [2.5, 0.5, 1.0])
def test_bce_with_logits_grad_pos_weight(pw):
    _check(
        lambda t: lv.bce_with_logits(Y, t, pos_weight=pw, reduction="sum"),
        lv.bce_with_logits_grad(Y, Z, pos_weight=pw),
        Z,
    )


def test_bce_with_logits_grad_pos_weight_per_label():
    y = RNG.integers(0, 2, size=(4, 3)).astype(float)
    z = RNG.normal(size=(4, 3))
    pw = np.array([0.5, 1.0, 3.0])
    _check(
        lambda t: lv.bce_with_logits(y, t, pos_weight=pw, reduction="sum"),
        lv.bce_with_logits_grad(y, z, pos_weight=pw),
        z,
    )


def test_mean_gradient_is_per_sample_over_n():
    num = lv.numerical_grad(lambda t: lv.bce_with_logits(Y, t), Z)
    np.testing.assert_allclose(lv.bce_with_logits_grad(Y, Z) / Z.size, num, rtol=1e-6, atol=1e-8)


def test_mse_sigmoid_grad():
    p = special.expit(Z)
    np.testing.assert_allclose(lv.mse_sigmoid_grad(Y, Z), 2 * (p - Y) * p * (1 - p), rtol=1e-12)
    _check(lambda t: lv.mse(Y, special.expit(t), reduction="sum"), lv.mse_sigmoid_grad(Y, Z), Z)


def test_saturation_mse_vanishes_bce_does_not():
    # y = 1, confidently wrong logit: BCE gradient ~ -1, MSE-on-sigmoid gradient ~ 0
    g_bce = lv.bce_with_logits_grad([1.0], [-20.0])[0]
    g_mse = lv.mse_sigmoid_grad([1.0], [-20.0])[0]
    assert g_bce == pytest.approx(-1.0, abs=1e-8)
    assert abs(g_mse) < 1e-8
    assert lv.bce_with_logits_grad([1.0], [-1e4])[0] == -1.0


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 3.5])
@pytest.mark.parametrize("alpha", [None, 0.25, 0.8])
def test_focal_grad(gamma, alpha):
    _check(
        lambda t: lv.focal_loss_with_logits(Y, t, gamma=gamma, alpha=alpha, reduction="sum"),
        lv.focal_loss_with_logits_grad(Y, Z, gamma=gamma, alpha=alpha),
        Z,
    )


def test_focal_grad_gamma0_alpha_none_is_bce_grad():
    np.testing.assert_allclose(
        lv.focal_loss_with_logits_grad(Y, Z, gamma=0), lv.bce_with_logits_grad(Y, Z), rtol=1e-15
    )


def test_focal_grad_finite_at_extremes():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    z = np.array([1e4, -1e4, -1e4, 1e4])
    for gamma in (0.5, 2.0):
        g = lv.focal_loss_with_logits_grad(y, z, gamma=gamma, alpha=0.25)
        assert np.all(np.isfinite(g))
        np.testing.assert_allclose(g, [0.0, 0.0, -0.25, 0.75])


def _softmax_cases():
    z = RNG.normal(scale=2, size=(5, 4))
    y = RNG.integers(0, 4, size=5)
    q = special.softmax(RNG.normal(size=(5, 4)), axis=1)
    w = np.array([0.5, 2.0, 1.0, 3.0])
    return [
        ("index", y, z, {}),
        ("index+weight", y, z, {"class_weight": w}),
        ("index+smoothing", y, z, {"label_smoothing": 0.15}),
        ("index+weight+smoothing", y, z, {"class_weight": w, "label_smoothing": 0.3}),
        ("probs", q, z, {}),
        ("probs+weight+smoothing", q, z, {"class_weight": w, "label_smoothing": 0.1}),
    ]


@pytest.mark.parametrize("name,y,z,kw", _softmax_cases(), ids=[c[0] for c in _softmax_cases()])
def test_softmax_cross_entropy_grad(name, y, z, kw):
    _check(
        lambda t: lv.softmax_cross_entropy(y, t, reduction="sum", **kw),
        lv.softmax_cross_entropy_grad(y, z, **kw),
        z,
    )


def test_softmax_cross_entropy_grad_is_p_minus_onehot():
    z = RNG.normal(size=(6, 3))
    y = RNG.integers(0, 3, size=6)
    np.testing.assert_allclose(
        lv.softmax_cross_entropy_grad(y, z),
        special.softmax(z, axis=1) - np.eye(3)[y],
        rtol=1e-12,
        atol=1e-15,
    )


@pytest.mark.parametrize("kw", [{}, {"class_weight": [1.0, 2.0, 0.5]}, {"label_smoothing": 0.2}])
def test_softmax_cross_entropy_grad_axis1(kw):
    z = RNG.normal(size=(3, 3, 2))  # (N, C, d)
    y = RNG.integers(0, 3, size=(3, 2))
    g = lv.softmax_cross_entropy_grad(y, z, axis=1, **kw)
    assert g.shape == z.shape
    _check(lambda t: lv.softmax_cross_entropy(y, t, axis=1, reduction="sum", **kw), g, z)


def test_softmax_cross_entropy_grad_axis0_probability_rows():
    z = RNG.normal(size=(4, 3))  # classes along axis 0
    q = special.softmax(RNG.normal(size=(4, 3)), axis=0)
    g = lv.softmax_cross_entropy_grad(q, z, axis=0)
    _check(lambda t: lv.softmax_cross_entropy(q, t, axis=0, reduction="sum"), g, z)


def test_softmax_grad_float32_extreme():
    z = np.array([[1e4, -1e4], [1e4, -1e4]], np.float32)
    g = lv.softmax_cross_entropy_grad(np.array([0, 1]), z)
    assert g.dtype == np.float32
    np.testing.assert_array_equal(g, [[0.0, 0.0], [1.0, -1.0]])


def test_bce_grad_prob():
    p = np.array([0.8, 0.2, 0.5, 0.3])
    y = np.array([1.0, 1.0, 0.0, 0.6])
    np.testing.assert_allclose(lv.bce_grad_prob(y, p), -y / p + (1 - y) / (1 - p), rtol=1e-14)
    _check(lambda t: lv.bce(y, t, reduction="sum"), lv.bce_grad_prob(y, p), p)
    np.testing.assert_allclose(lv.bce_grad_prob([1.0, 1.0], [0.8, 0.2]), [-1.25, -5.0])


def test_bce_grad_prob_endpoints_never_nan():
    g = lv.bce_grad_prob([1.0, 0.0, 1.0, 0.0, 0.5], [0.0, 0.0, 1.0, 1.0, 0.0])
    np.testing.assert_array_equal(g, [-np.inf, 1.0, -1.0, np.inf, -np.inf])


def test_mse_grad_prob():
    p = np.array([0.8, 0.2, 0.5])
    y = np.array([1.0, 1.0, 0.0])
    np.testing.assert_allclose(lv.mse_grad_prob(y, p), 2 * (p - y))
    _check(lambda t: lv.mse(y, t, reduction="sum"), lv.mse_grad_prob(y, p), p)


def test_float32_gradients():
    y = np.array([1, 0], np.float32)
    z = np.array([0.5, -1e4], np.float32)
    for g in (
        lv.bce_with_logits_grad(y, z),
        lv.bce_with_logits_grad(y, z, pos_weight=2.0),
        lv.mse_sigmoid_grad(y, z),
        lv.focal_loss_with_logits_grad(y, z, gamma=2, alpha=0.25),
        lv.bce_grad_prob(y, lv.sigmoid(z)),
        lv.mse_grad_prob(y, lv.sigmoid(z)),
    ):
        assert g.dtype == np.float32
    assert (
        lv.softmax_cross_entropy_grad([0], np.array([[0.5, 1.0]], np.float32)).dtype == np.float32
    )


def test_numerical_grad_does_not_touch_input_and_validates():
    x = np.array([1.0, 2.0])
    x0 = x.copy()
    g = lv.numerical_grad(lambda t: float(np.sum(t**2)), x)
    np.testing.assert_allclose(g, 2 * x0, rtol=1e-8)
    np.testing.assert_array_equal(x, x0)
    with pytest.raises(TypeError, match="f must be a callable"):
        lv.numerical_grad(3, x)
    with pytest.raises(ValueError, match="eps must be a small positive number"):
        lv.numerical_grad(np.sum, x, eps=0)
    with pytest.raises(ValueError, match="x must be finite"):
        lv.numerical_grad(np.sum, [np.nan])


# ----------------------------------------------------------------------------- moved from explorers
@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("y", [0, 1])
def test_focal_grad_prob_against_numerical(gamma, y):
    p = np.array([0.03, 0.2, 0.5, 0.77, 0.97])
    g = lv.focal_grad_prob(y, p, gamma)
    for v, gv in zip(p, g, strict=True):
        num = lv.numerical_grad(lambda t: float(lv.focal_loss_prob(y, t[0], gamma)), [v])[0]
        assert gv == pytest.approx(num, rel=1e-6, abs=1e-8)


def test_focal_grad_prob_gamma0_is_bce_grad_prob():
    p = np.array([0.0, 1e-9, 0.2, 0.5, 0.9, 1.0])
    for y in (0, 1):
        yy = np.full_like(p, y)
        np.testing.assert_allclose(
            lv.focal_grad_prob(y, p, gamma=0), lv.bce_grad_prob(yy, p), rtol=1e-14
        )


def test_focal_grad_prob_ends_never_nan():
    p = np.array([0.0, 1.0])
    for gamma in (0.0, 0.5, 2.0):
        g0, g1 = lv.focal_grad_prob(0, p, gamma), lv.focal_grad_prob(1, p, gamma)
        assert not np.isnan(g0).any() and not np.isnan(g1).any()
        assert g1[0] == -np.inf and g0[1] == np.inf


def test_focal_grad_prob_matches_logit_form_through_chain_rule():
    # dFL/dz = dFL/dp * p (1 - p)
    z = np.array([-3.0, -0.4, 0.0, 1.2, 4.0])
    p = lv.sigmoid(z)
    for y in (0.0, 1.0):
        via_p = lv.focal_grad_prob(y, p, 2.0) * p * (1 - p)
        np.testing.assert_allclose(
            via_p, lv.focal_loss_with_logits_grad(np.full_like(z, y), z, gamma=2.0), rtol=1e-10
        )


def _mse_softmax_loss(c, t):
    return float(((lv.softmax(t) - np.eye(t.shape[-1])[c]) ** 2).sum())


@pytest.mark.parametrize("c", [0, 1, 3])
def test_mse_softmax_grad_against_numerical(c):
    u = RNG.normal(size=4) * 2
    _check(lambda t: _mse_softmax_loss(c, t), lv.mse_softmax_grad(c, u), u, atol=1e-8)


def test_mse_softmax_grad_batch_axis_and_rows():
    z = RNG.normal(size=(5, 3))
    y = np.array([0, 2, 1, 1, 0])
    g = lv.mse_softmax_grad(y, z)
    for n in range(5):
        np.testing.assert_allclose(g[n], lv.mse_softmax_grad(int(y[n]), z[n]), rtol=1e-14)
    np.testing.assert_allclose(lv.mse_softmax_grad(y, z.T, axis=0), g.T, rtol=1e-14)
    np.testing.assert_allclose(lv.mse_softmax_grad(np.eye(3)[y], z), g, rtol=1e-14, atol=1e-16)
    rows = special.softmax(RNG.normal(size=(5, 3)), axis=1)
    num = lv.numerical_grad(lambda t: float(((special.softmax(t, axis=1) - rows) ** 2).sum()), z)
    np.testing.assert_allclose(lv.mse_softmax_grad(rows, z), num, atol=1e-8)


def test_mse_softmax_grad_matches_explorer_formula():
    u = np.array([0.5, -1.0, 2.0, 0.1])
    p = special.softmax(u)
    d = p - np.eye(4)[2]
    np.testing.assert_allclose(
        lv.mse_softmax_grad(2, u), 2 * (p * d - p * np.dot(p, d)), rtol=1e-14, atol=1e-17
    )


def test_mse_softmax_grad_vanishes_when_saturated_wrong():
    g = lv.mse_softmax_grad(0, [-12.0, 12.0])
    ce = lv.softmax_cross_entropy_grad([0], [[-12.0, 12.0]])[0]
    assert np.abs(g).max() < 1e-9 and np.abs(ce).max() > 0.99
