"""Tests of lossviz.stability: naive vs stable softmax, the neuron's loss against its weight,
the sigmoid chain, and the reproductions of the sources' formulas and code."""

import warnings

import numpy as np
import pytest

import lossviz as lv
from lossviz import stability as st


def test_naive_vs_stable_captures_warnings_and_leaves_no_trace():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning escaping would raise here
        r = st.naive_vs_stable_softmax([1000.0, 999.0, 998.0])
    assert np.isnan(r["naive_softmax"]).all()
    assert r["naive_logsumexp"] == np.inf
    assert np.all(np.isfinite(r["stable_softmax"]))
    assert r["stable_softmax"].sum() == pytest.approx(1.0)
    assert r["stable_logsumexp"] == pytest.approx(1000 + np.log(1 + np.exp(-1) + np.exp(-2)))
    assert "RuntimeWarning: overflow encountered in exp" in r["warnings"]
    assert np.geterr()["over"] == "warn"  # numpy's default restored


def test_naive_and_stable_agree_on_small_logits():
    z = np.array([[0.3, -1.2, 2.0], [5.0, 5.0, -5.0]])
    r = st.naive_vs_stable_softmax(z)
    np.testing.assert_allclose(r["naive_softmax"], r["stable_softmax"], rtol=1e-12)
    np.testing.assert_allclose(r["naive_logsumexp"], r["stable_logsumexp"], rtol=1e-12)
    assert r["warnings"] == []


def test_stable_logsumexp_matches_scipy():
    special = pytest.importorskip("scipy.special")
    z = np.array([[1000.0, -1000.0, 3.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(st.stable_logsumexp(z), special.logsumexp(z, axis=-1))


def test_softmax_jacobian_matches_numerical_gradient():
    z = np.array([0.5, -1.0, 2.0])
    J = st.softmax_jacobian(z)
    for i in range(3):
        num = lv.numerical_grad(lambda t, i=i: lv.softmax(t)[i], z)
        np.testing.assert_allclose(J[i], num, atol=1e-8)
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)


def test_neuron_loss_matches_core_losses():
    w = np.linspace(-3, 3, 7)
    z = w * 1.5 + 0.2
    y = np.full_like(z, 0.3)
    np.testing.assert_allclose(
        st.neuron_loss_vs_weight(w, x=1.5, y=0.3, b=0.2, loss="bce"),
        lv.bce_with_logits(y, z, reduction="none"),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        st.neuron_loss_vs_weight(w, x=1.5, y=0.3, b=0.2, loss="mse"),
        lv.mse(y, lv.sigmoid(z), reduction="none"),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        st.neuron_loss_vs_weight(w, x=1.5, y=0.3, b=0.2, loss="half_mse"),
        0.5 * lv.mse(y, lv.sigmoid(z), reduction="none"),
        rtol=1e-12,
    )


def test_mse_on_sigmoid_is_not_convex_but_bce_is():
    w = np.linspace(-8, 8, 401)
    for y in (0.0, 1.0):
        d_mse = st.second_differences(st.neuron_loss_vs_weight(w, y=y, loss="mse"))
        d_bce = st.second_differences(st.neuron_loss_vs_weight(w, y=y, loss="bce"))
        assert d_mse.min() < 0 < d_mse.max()
        assert d_bce.min() >= 0


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="loss must be one of"):
        st.neuron_loss_vs_weight([0.0], loss="hinge")
    with pytest.raises(
        ValueError, match=r"y must be a finite number in \[0, 1\]; found 2\. The target"
    ):
        st.neuron_loss_vs_weight([0.0], y=2.0)
    with pytest.raises(ValueError, match="at least 3 points"):
        st.second_differences([1.0, 2.0])
    with pytest.raises(ValueError, match="depth"):
        st.sigmoid_chain_gradient(0)
    with pytest.raises(ValueError, match="scalar"):
        st.naive_vs_stable_softmax(3.0)


def test_sigmoid_chain_gradient_matches_numerical():
    w = np.array([1.5, -2.0, 0.7, 3.0])
    b = np.array([0.1, 0.2, -0.3, 0.0])

    def out_from_layer(layer, dz):
        a = 0.4
        for k in range(4):
            z = w[k] * a + b[k] + (dz if k == layer else 0.0)
            a = lv.sigmoid(z)
        return a

    g = st.sigmoid_chain_gradient(4, w=w, b=b, x=0.4)
    for layer in range(4):
        num = (out_from_layer(layer, 1e-6) - out_from_layer(layer, -1e-6)) / 2e-6
        assert g[layer] == pytest.approx(num, rel=1e-6)
    assert np.all(
        np.abs(st.sigmoid_chain_gradient(20, w=1.0, x=0.3)) <= 0.25 ** np.arange(20, 0, -1) + 1e-18
    )


def test_source_gradients_are_wrong_and_the_truth_is_p_minus_y():
    z = np.array([0.3, -1.0, 2.0])
    y = np.array([0.0, 1.0, 0.0])
    truth = lv.numerical_grad(lambda t: lv.softmax_cross_entropy(y, t, reduction="sum"), z)
    np.testing.assert_allclose(truth, lv.softmax(z) - y, atol=1e-8)
    src = st.source_002_softmax_grad(y, z)
    assert np.all(src[y == 0] == 0) and not np.allclose(src, truth)
    # logistic: source is (1 - 2y) p (1 - p), truth p - y
    assert st.source_002_logistic_grad(1.0, -6.0) == pytest.approx(
        -lv.sigmoid(-6.0) * (1 - lv.sigmoid(-6.0))
    )
    assert float(lv.bce_with_logits_grad(1.0, -6.0)) == pytest.approx(lv.sigmoid(-6.0) - 1)


def test_source_004_code_raises_the_axis_error_and_try_call_reports_it():
    msg = st.try_call(st.source_004_cross_entropy, np.array([0, 1, 1]), np.array([-1.0, 0.0, 1.0]))
    assert msg == "numpy.exceptions.AxisError: axis 1 is out of bounds for array of dimension 1"
    # made 2-D, the softmax over one column is 1 and log(1 - 1) fails
    msg2 = st.try_call(
        st.source_004_cross_entropy, np.array([[0], [1], [1]]), np.array([[-1.0], [0.0], [1.0]])
    )
    assert msg2.startswith("FloatingPointError: divide by zero")
    assert st.try_call(lambda: 2 + 2) == 4


def test_plot_helper_returns_artists_without_touching_rcparams():
    import matplotlib
    from matplotlib.figure import Figure

    before = dict(matplotlib.rcParams)
    arts = lv.plots.plot_neuron_loss_vs_weight(ax=Figure().subplots(), losses=("bce", "half_mse"))
    assert set(arts) == {"bce", "half_mse", "concave_half_mse"}
    assert dict(matplotlib.rcParams) == before
