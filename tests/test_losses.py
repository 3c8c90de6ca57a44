"""Losses: the sources' worked examples, agreement with scipy / scikit-learn, exactness."""

import numpy as np
import pytest
from scipy import special
from sklearn.metrics import log_loss

import lossviz as lv

RNG = np.random.default_rng(1)


pytestmark = pytest.mark.usefixtures("strict")


# ----------------------------------------------------------------------------- worked examples
def test_worked_examples_bce():
    # y = 1 predicted at 0.8 and at 0.2 (seed 000 §4, 001 §2–3)
    assert lv.bce([1], [0.8]) == pytest.approx(-np.log(0.8), rel=1e-15)
    assert lv.bce([1], [0.2]) == pytest.approx(-np.log(0.2), rel=1e-15)
    assert round(lv.bce([1], [0.8]), 3) == 0.223
    assert round(lv.bce([1], [0.2]), 3) == 1.609
    np.testing.assert_allclose(
        lv.bce([1, 1], [0.8, 0.2], reduction="none"), [0.22314355, 1.60943791]
    )


def test_worked_examples_mse():
    np.testing.assert_allclose(
        lv.mse([1.0, 1.0], [0.8, 0.2], reduction="none"), [0.04, 0.64], rtol=1e-12
    )
    assert lv.mse([1.0, 1.0], [0.8, 0.2]) == pytest.approx(0.34)


def test_worked_examples_logits_and_categorical():
    z = np.log(0.8 / 0.2)  # sigmoid(z) = 0.8
    assert lv.bce_with_logits([1], [z]) == pytest.approx(-np.log(0.8), rel=1e-14)
    assert lv.bce_with_logits([1], [-z]) == pytest.approx(-np.log(0.2), rel=1e-14)
    assert lv.categorical_cross_entropy([0], [[0.8, 0.2]]) == pytest.approx(-np.log(0.8), rel=1e-14)
    assert lv.softmax_cross_entropy([0], [[np.log(0.8), np.log(0.2)]]) == pytest.approx(
        -np.log(0.8), rel=1e-14
    )


def test_mse_is_quadratic_not_equal_penalty():
    # erratum 000 §2.2.3: doubling the error quadruples the squared error
    assert lv.mse([0.0], [2.0]) == 4 * lv.mse([0.0], [1.0])


# ----------------------------------------------------------------------------- exactness
def test_bce_exact_inf_and_zero_not_clipped():
    out = lv.bce([1, 0, 1, 0], [0.0, 1.0, 1.0, 0.0], reduction="none")
    assert (
        out[0] == np.inf and out[1] == np.inf
    )  # not 100 (torch's clamp) nor 36.04 (sklearn's eps)
    assert out[2] == 0.0 and out[3] == 0.0
    assert not np.signbit(out[2]) and not np.signbit(out[3])  # regression: was -0.0
    assert lv.bce([1], [0.0]) == np.inf
    assert lv.bce([1], [1e-300]) == pytest.approx(300 * np.log(10))  # no eps clipping either


def test_bce_soft_targets_zero_log_zero():
    # y in (0, 1) at p = 0: the (1-y) log(1-p) term is 0 and y log p is -inf
    assert lv.bce([0.5], [0.0]) == np.inf
    assert lv.bce([0.0], [0.0]) == 0.0
    assert lv.bce([0.3], [0.3]) == pytest.approx(-(0.3 * np.log(0.3) + 0.7 * np.log(0.7)))


def test_bce_with_logits_extremes():
    out = lv.bce_with_logits([1, 0, 1, 0], [1e4, -1e4, -1e4, 1e4], reduction="none")
    np.testing.assert_array_equal(out, [0.0, 0.0, 1e4, 1e4])


def test_categorical_cross_entropy_exact_inf():
    out = lv.categorical_cross_entropy([1, 0], [[1.0, 0.0], [1.0, 0.0]], reduction="none")
    np.testing.assert_array_equal(out, [np.inf, 0.0])


def test_bce_with_logits_scalar_input():
    # regression: 0-d logits raised "TypeError: return arrays must be of ArrayType"
    assert lv.bce_with_logits(1, 0.0) == pytest.approx(np.log(2))
    assert lv.bce_with_logits(1, 0.5, pos_weight=2.0) == pytest.approx(-2 * special.log_expit(0.5))
    assert np.shape(lv.bce_with_logits(1, 0.5, reduction="none")) == ()
    assert lv.focal_loss_with_logits(1, 0.0, gamma=2) == pytest.approx(0.25 * np.log(2))


# ----------------------------------------------------------------------------- agreement with scipy
def test_bce_with_logits_matches_scipy_log_expit():
    z = RNG.normal(scale=10, size=500)
    y = RNG.uniform(size=500)
    expected = -(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    np.testing.assert_allclose(
        lv.bce_with_logits(y, z, reduction="none"), expected, rtol=1e-12, atol=1e-14
    )


def test_bce_matches_scipy_xlogy():
    p = RNG.uniform(size=300)
    p[:3] = [0.0, 1.0, 0.5]
    y = RNG.integers(0, 2, size=300).astype(float)
    y[:3] = [0.0, 1.0, 1.0]
    expected = -(special.xlogy(y, p) + special.xlog1py(1 - y, -p))
    np.testing.assert_allclose(lv.bce(y, p, reduction="none"), expected, rtol=1e-14)


def test_softmax_cross_entropy_matches_scipy():
    z = RNG.normal(scale=5, size=(50, 6))
    y = RNG.integers(0, 6, size=50)
    expected = special.logsumexp(z, axis=1) - z[np.arange(50), y]
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z, reduction="none"), expected, rtol=1e-12
    )
    q = special.softmax(RNG.normal(size=(50, 6)), axis=1)
    expected = -np.sum(q * special.log_softmax(z, axis=1), axis=1)
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(q, z, reduction="none"), expected, rtol=1e-12
    )


def test_categorical_matches_scipy_xlogy():
    p = special.softmax(RNG.normal(size=(40, 4)), axis=1)
    q = special.softmax(RNG.normal(size=(40, 4)), axis=1)
    expected = -special.xlogy(q, p).sum(axis=1)
    np.testing.assert_allclose(
        lv.categorical_cross_entropy(q, p, reduction="none"), expected, rtol=1e-12
    )


# ----------------------------------------------------------------------------- agreement with
# scikit-learn
def test_bce_matches_sklearn_log_loss():
    # log_loss clips to [eps, 1-eps] with eps = machine epsilon: keep p well inside
    p = RNG.uniform(0.01, 0.99, size=1000)
    y = RNG.integers(0, 2, size=1000)
    assert lv.bce(y, p) == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-12)
    assert lv.bce(y, p, reduction="sum") == pytest.approx(
        log_loss(y, p, labels=[0, 1], normalize=False), rel=1e-12
    )
    z = lv.logit(p)
    assert lv.bce_with_logits(y, z) == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-10)


def test_bce_single_class_batch_matches_sklearn_with_labels():
    # without labels= sklearn refuses a batch holding one class; with it, the values agree
    assert lv.bce([1, 1], [0.8, 0.2]) == pytest.approx(
        log_loss([1, 1], [0.8, 0.2], labels=[0, 1]), rel=1e-12
    )


def test_bce_differs_from_sklearn_where_sklearn_clips():
    assert lv.bce([1], [0.0]) == np.inf
    assert np.isfinite(log_loss([1, 0], [0.0, 0.0], labels=[0, 1]))


def test_categorical_matches_sklearn_log_loss_with_sample_weight():
    k = 5
    p = special.softmax(RNG.normal(size=(200, k)), axis=1)
    y = RNG.integers(0, k, size=200)
    assert lv.categorical_cross_entropy(y, p) == pytest.approx(
        log_loss(y, p, labels=range(k)), rel=1e-12
    )
    assert lv.softmax_cross_entropy(y, np.log(p)) == pytest.approx(
        log_loss(y, p, labels=range(k)), rel=1e-10
    )
    # class_weight mean = sum w_{y_n} l_n / sum w_{y_n} = sklearn's sample-weighted mean with
    # weights w[y]
    w = RNG.uniform(0.1, 3, size=k)
    expected = log_loss(y, p, labels=range(k), sample_weight=w[y])
    assert lv.categorical_cross_entropy(y, p, class_weight=w) == pytest.approx(expected, rel=1e-12)
    assert lv.softmax_cross_entropy(y, np.log(p), class_weight=w) == pytest.approx(
        expected, rel=1e-10
    )


# ----------------------------------------------------------------------------- semantics (PyTorch
# definitions)
def test_reductions():
    y = np.array([1.0, 0.0, 1.0])
    z = np.array([0.3, -2.0, 4.0])
    per = lv.bce_with_logits(y, z, reduction="none")
    assert per.shape == (3,)
    assert lv.bce_with_logits(y, z, reduction="sum") == pytest.approx(per.sum(), rel=1e-15)
    assert lv.bce_with_logits(y, z) == pytest.approx(per.mean(), rel=1e-15)
    assert isinstance(lv.bce_with_logits(y, z), float)


def test_pos_weight_formula_and_broadcast():
    y = RNG.integers(0, 2, size=(30, 3)).astype(float)
    z = RNG.normal(scale=3, size=(30, 3))
    pw = np.array([1.0, 2.5, 0.5])
    expected = -(pw * y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    np.testing.assert_allclose(
        lv.bce_with_logits(y, z, pos_weight=pw, reduction="none"), expected, rtol=1e-12
    )
    # the mean divides by the number of elements (PyTorch), not by the summed weights
    assert lv.bce_with_logits(y, z, pos_weight=pw) == pytest.approx(expected.mean(), rel=1e-12)


def test_class_weight_with_index_targets_divides_by_summed_target_weights():
    z = RNG.normal(size=(20, 3))
    y = RNG.integers(0, 3, size=20)
    w = np.array([0.2, 1.0, 5.0])
    per = lv.softmax_cross_entropy(y, z, reduction="none")
    per_w = lv.softmax_cross_entropy(y, z, class_weight=w, reduction="none")
    np.testing.assert_allclose(per_w, w[y] * per, rtol=1e-12)
    assert lv.softmax_cross_entropy(y, z, class_weight=w) == pytest.approx(
        per_w.sum() / w[y].sum(), rel=1e-12
    )
    assert lv.softmax_cross_entropy(y, z, class_weight=w, reduction="sum") == pytest.approx(
        per_w.sum(), rel=1e-12
    )


def test_class_weight_with_probability_targets_divides_by_n():
    z = RNG.normal(size=(20, 3))
    q = special.softmax(RNG.normal(size=(20, 3)), axis=1)
    w = np.array([0.2, 1.0, 5.0])
    per_w = -np.sum(w * q * special.log_softmax(z, axis=1), axis=1)
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(q, z, class_weight=w, reduction="none"), per_w, rtol=1e-12
    )
    assert lv.softmax_cross_entropy(q, z, class_weight=w) == pytest.approx(per_w.mean(), rel=1e-12)


def test_zero_total_class_weight_is_a_clear_error_not_nan():
    # regression: the weighted mean was 0/0 = NaN with a RuntimeWarning
    with pytest.raises(ValueError, match=r"summed class weights of the targets.*reduction='sum'"):
        lv.softmax_cross_entropy([0, 0], [[1.0, 2.0], [3.0, 4.0]], class_weight=[0.0, 1.0])
    assert (
        lv.softmax_cross_entropy(
            [0, 0], [[1.0, 2.0], [3.0, 4.0]], class_weight=[0.0, 1.0], reduction="sum"
        )
        == 0.0
    )


def test_label_smoothing_formula():
    z = RNG.normal(size=(10, 4))
    y = RNG.integers(0, 4, size=10)
    eps = 0.1
    logp = special.log_softmax(z, axis=1)
    u = np.eye(4)[y] * (1 - eps) + eps / 4
    expected = -np.sum(u * logp, axis=1)
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z, label_smoothing=eps, reduction="none"), expected, rtol=1e-12
    )
    # same through one-hot probability rows
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(np.eye(4)[y], z, label_smoothing=eps, reduction="none"),
        expected,
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        lv.categorical_cross_entropy(
            y, special.softmax(z, axis=1), label_smoothing=eps, reduction="none"
        ),
        expected,
        rtol=1e-10,
    )


def test_label_smoothing_with_class_weight_pytorch_definition():
    # PyTorch: (1-eps) * weighted NLL + eps/K * sum_c w_c (-log p_c), mean divided by sum w_{y_n}
    z = RNG.normal(size=(12, 3))
    y = RNG.integers(0, 3, size=12)
    w = np.array([0.5, 2.0, 1.0])
    eps = 0.2
    logp = special.log_softmax(z, axis=1)
    per = (1 - eps) * w[y] * -logp[np.arange(12), y] + eps / 3 * np.sum(w * -logp, axis=1)
    got = lv.softmax_cross_entropy(y, z, class_weight=w, label_smoothing=eps, reduction="none")
    np.testing.assert_allclose(got, per, rtol=1e-12)
    assert lv.softmax_cross_entropy(y, z, class_weight=w, label_smoothing=eps) == pytest.approx(
        per.sum() / w[y].sum()
    )


def test_softmax_cross_entropy_axis():
    z = RNG.normal(size=(4, 3, 5))  # (N, C, d) as in PyTorch
    y = RNG.integers(0, 3, size=(4, 5))
    moved = np.moveaxis(z, 1, -1)
    expected = lv.softmax_cross_entropy(y, moved, reduction="none")
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z, axis=1, reduction="none"), expected, rtol=1e-14
    )
    q = special.softmax(RNG.normal(size=(4, 3, 5)), axis=1)
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(q, z, axis=1, reduction="none"),
        lv.softmax_cross_entropy(np.moveaxis(q, 1, -1), moved, reduction="none"),
        rtol=1e-14,
    )


def test_multilabel_bce_with_logits_2d():
    y = np.array([[1, 0, 1], [0, 0, 1]], dtype=float)
    z = np.array([[2.0, -1.0, 0.5], [0.0, -3.0, 1.0]])
    out = lv.bce_with_logits(y, z, reduction="none")
    assert out.shape == (2, 3)
    assert lv.bce_with_logits(y, z) == pytest.approx(out.mean())


def test_focal_formula_torchvision():
    z = RNG.normal(scale=3, size=200)
    y = RNG.integers(0, 2, size=200).astype(float)
    p = special.expit(z)
    ce = -(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    p_t = p * y + (1 - p) * (1 - y)
    for gamma, alpha in [(2.0, 0.25), (0.5, None), (3, 0.9), (0.0, 0.25)]:
        expected = ce * (1 - p_t) ** gamma
        if alpha is not None:
            expected = expected * (alpha * y + (1 - alpha) * (1 - y))
        got = lv.focal_loss_with_logits(y, z, gamma=gamma, alpha=alpha, reduction="none")
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-15)


def test_focal_easy_example_downweighted_100x():
    z = float(lv.logit(0.9))
    assert lv.bce_with_logits([1], [z]) / lv.focal_loss_with_logits(
        [1], [z], gamma=2
    ) == pytest.approx(100.0)


def test_huber_and_mae():
    np.testing.assert_allclose(
        lv.huber([0.0, 0.0, 0.0], [0.5, 3.0, -3.0], reduction="none"), [0.125, 2.5, 2.5]
    )
    np.testing.assert_allclose(
        lv.huber([0.0], [3.0], delta=2.0, reduction="none"), [2.0 * (3.0 - 1.0)]
    )
    assert lv.mae([0.0, 0.0], [1.0, -3.0]) == 2.0
    # Huber is 0.5 * MSE inside delta and delta * (MAE - delta/2) outside
    d = np.linspace(-0.9, 0.9, 19)
    np.testing.assert_allclose(lv.huber(np.zeros_like(d), d, reduction="none"), 0.5 * d**2)


def test_float32_in_float32_out():
    y = np.array([1, 0, 1], np.float32)
    z = np.array([0.3, -2.0, 4.0], np.float32)
    p = lv.sigmoid(z)
    assert lv.bce(y, p).dtype == np.float32
    assert lv.bce(y, p, reduction="none").dtype == np.float32
    assert lv.bce_with_logits(y, z).dtype == np.float32
    assert lv.bce_with_logits(y, z, pos_weight=2.0, reduction="sum").dtype == np.float32
    assert lv.focal_loss_with_logits(y, z, alpha=0.25, reduction="none").dtype == np.float32
    assert lv.mse(y, p).dtype == np.float32
    assert lv.mae(y, p).dtype == np.float32
    assert lv.huber(y, p, reduction="none").dtype == np.float32
    zz = np.array([[0.3, -2.0, 4.0]], np.float32)
    assert lv.softmax_cross_entropy([2], zz).dtype == np.float32
    assert (
        lv.softmax_cross_entropy([2], zz, class_weight=[1, 2, 3], label_smoothing=0.1).dtype
        == np.float32
    )
    assert lv.categorical_cross_entropy([2], lv.softmax(zz), reduction="none").dtype == np.float32


def test_float64_result_is_python_float():
    assert isinstance(lv.bce([1], [0.8]), float)
    assert isinstance(lv.softmax_cross_entropy([0], [[1.0, 2.0]]), float)
    assert isinstance(lv.mse([1.0], [0.8], reduction="sum"), float)


def test_int_and_bool_targets_accepted():
    assert lv.bce(np.array([True, False]), [0.8, 0.1]) == pytest.approx(
        lv.bce([1.0, 0.0], [0.8, 0.1])
    )
    assert lv.bce_with_logits([1, 0], [1.0, -1.0]) == pytest.approx(
        lv.bce_with_logits([1.0, 0.0], [1.0, -1.0])
    )


def test_inputs_not_modified():
    y = np.array([1.0, 0.0, 1.0])
    z = np.array([0.3, -2.0, 4.0])
    y0, z0 = y.copy(), z.copy()
    lv.bce_with_logits(y, z)
    lv.bce_with_logits(y, z, pos_weight=2.0)
    lv.focal_loss_with_logits(y, z)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(z, z0)


def test_pos_weight_float32_no_cancellation():
    # regression: the pos_weight branch used PyTorch's (1-y)*z + c*softplus(-z), which cancels for a
    # large negative z and a small soft target (float32 error ~1e-5 relative); pos_weight=1 now
    # gives
    # exactly the unweighted value, and other weights stay close to a float64 reference
    y = np.array([0.0078125, 0.5], np.float32)
    z = np.array([-1032.0, -3000.5], np.float32)
    plain = lv.bce_with_logits(y, z, reduction="none")
    np.testing.assert_array_equal(lv.bce_with_logits(y, z, pos_weight=1.0, reduction="none"), plain)
    y64, z64 = y.astype(float), z.astype(float)
    for pw in (0.5, 3.0):
        ref = -(pw * y64 * special.log_expit(z64) + (1 - y64) * special.log_expit(-z64))
        np.testing.assert_allclose(
            lv.bce_with_logits(y, z, pos_weight=pw, reduction="none"), ref, rtol=2e-7
        )


# ----------------------------------------------------------------------------- block kernels
@pytest.mark.parametrize("block", [1, 7, 64, 1 << 16])
@pytest.mark.parametrize("shape", [(1,), (1000,), (37, 3), (5, 4, 6)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_block_kernels_agree_with_reference(monkeypatch, block, shape, dtype):
    # the large-array paths work block by block; any block size (including ones that split the
    # rows unevenly and leave a short last block) must give the same values as the plain formulas
    import lossviz.losses.binary as losses_module

    monkeypatch.setattr(losses_module, "_BLOCK", block)
    rng = np.random.default_rng(block + len(shape))
    z = (rng.normal(scale=6, size=shape)).astype(dtype)
    y = rng.uniform(size=shape).astype(dtype)
    z64, y64 = z.astype(float), y.astype(float)
    pw = rng.uniform(0.2, 3.0, size=shape[-1]).astype(dtype)
    tol = dict(rtol=2e-6, atol=1e-6) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-13)
    for w in (None, pw):
        ww = 1.0 if w is None else w.astype(float)
        ref = -(ww * y64 * special.log_expit(z64) + (1 - y64) * special.log_expit(-z64))
        none = lv.bce_with_logits(y, z, pos_weight=w, reduction="none")
        assert none.dtype == dtype and none.shape == shape
        np.testing.assert_allclose(none, ref, **tol)
        assert lv.bce_with_logits(y, z, pos_weight=w, reduction="sum") == pytest.approx(
            ref.sum(), rel=tol["rtol"]
        )
        assert lv.bce_with_logits(y, z, pos_weight=w) == pytest.approx(ref.mean(), rel=tol["rtol"])
        grad = lv.bce_with_logits_grad(y, z, pos_weight=w)
        p = special.expit(z64)
        assert grad.dtype == dtype
        np.testing.assert_allclose(grad, (1 - y64) * p - ww * y64 * (1 - p), **tol)
    # bce on probabilities, including exact endpoints that need the 0 * log 0 = 0 fallback
    pr = special.expit(z64).astype(dtype)
    pr.flat[:: max(1, pr.size // 5)] = 0.0
    yy = np.round(y)
    pr64 = pr.astype(float)
    ref = -(special.xlogy(yy, pr64) + special.xlog1py(1 - yy, -pr64))
    got = lv.bce(yy, pr, reduction="none")
    assert got.dtype == dtype
    np.testing.assert_allclose(got, ref, **tol)
    assert lv.bce(yy, pr, reduction="sum") == pytest.approx(ref.sum(), rel=tol["rtol"])
    # softmax cross-entropy with class indices over the last axis (and over axis 1 for 3-D)
    for axis in [-1] if len(shape) < 3 else [-1, 1]:
        k = shape[axis] if len(shape) > 1 else shape[0]
        t_shape = tuple(d for i, d in enumerate(shape) if i != (axis % len(shape)))
        t = rng.integers(0, k, size=t_shape)
        logp = special.log_softmax(z64, axis=axis)
        picked = np.take_along_axis(logp, np.expand_dims(t, axis), axis=axis).squeeze(axis)
        got = lv.softmax_cross_entropy(t, z, axis=axis, reduction="none")
        assert got.dtype == dtype and got.shape == t_shape
        np.testing.assert_allclose(got, -picked, **tol)
        assert lv.softmax_cross_entropy(t, z, axis=axis) == pytest.approx(
            -picked.mean(), rel=tol["rtol"]
        )
        probs = special.softmax(z64, axis=axis).astype(dtype)
        np.testing.assert_allclose(
            lv.categorical_cross_entropy(t, probs, axis=axis, reduction="none"),
            -picked,
            rtol=1e-5 if dtype == np.float32 else 1e-12,
            atol=1e-5 if dtype == np.float32 else 1e-12,
        )
        onehot = np.moveaxis(np.eye(k)[t], -1, axis)
        g = lv.softmax_cross_entropy_grad(t, z, axis=axis)
        assert g.dtype == dtype and g.shape == shape
        np.testing.assert_allclose(g, special.softmax(z64, axis=axis) - onehot, **tol)
        g2 = lv.softmax_cross_entropy_grad(t, z, axis=axis, label_smoothing=0.1)
        u = onehot * 0.9 + 0.1 / k
        np.testing.assert_allclose(g2, special.softmax(z64, axis=axis) - u, **tol)


def test_many_classes_row_max_path():
    # more than 16 classes takes np.max(axis=1) instead of the column loop
    z = RNG.normal(scale=5, size=(30, 40))
    y = RNG.integers(0, 40, size=30)
    expected = special.logsumexp(z, axis=1) - z[np.arange(30), y]
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z, reduction="none"), expected, rtol=1e-12
    )
    np.testing.assert_allclose(
        lv.softmax_cross_entropy_grad(y, z), special.softmax(z, axis=1) - np.eye(40)[y], atol=1e-15
    )


def test_bce_with_logits_grad_extreme_logits_exact():
    # p - y through 1 / (1 + exp(-z)): exp overflows (silently) for z < -709 and gives p = 0
    z = np.array([-1e4, -800.0, -709.0, -30.0, 0.0, 30.0, 800.0, 1e4])
    y = np.array([1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    with np.errstate(all="raise"):
        g = lv.bce_with_logits_grad(y, z)
    np.testing.assert_allclose(g, special.expit(z) - y, rtol=1e-15, atol=1e-300)
    assert g[0] == -1.0 and g[1] == 0.0 and g[-1] == 1.0


def test_single_distribution_none_reduction_is_0d():
    out = lv.softmax_cross_entropy(1, [2.0, 1.0, 0.1], reduction="none")
    assert np.ndim(out) == 0 and out == pytest.approx(special.logsumexp([2.0, 1.0, 0.1]) - 1.0)
    out = lv.categorical_cross_entropy(0, [0.8, 0.2], reduction="none")
    assert np.ndim(out) == 0 and out == pytest.approx(-np.log(0.8))
    assert lv.categorical_cross_entropy(0, [1.0, 0.0]) == 0.0 and not np.signbit(
        lv.categorical_cross_entropy(0, [1.0, 0.0])
    )


def test_huge_finite_inputs_no_overflow_warning():
    # regression: the one-reduction finiteness check overflowed (RuntimeWarning) on huge finite
    # values
    assert lv.mse([1e308, 1e308], [1e308, 1e308]) == 0.0
    assert lv.mae([1e308, -1e308], [1e308, -1e308]) == 0.0
    np.testing.assert_array_equal(lv.sigmoid(np.array([1e308, 1e308])), [1.0, 1.0])


def test_bce_with_logits_keeps_tiny_losses_of_confident_right_answers():
    """The exact value log1p(exp(-100)) = 3.7e-44 survives: no cancellation of max(z, 0) - z*y."""
    want = np.log1p(np.exp(-100.0))
    got = lv.bce_with_logits([1.0, 0.0], [100.0, -100.0], reduction="none")
    np.testing.assert_allclose(got, [want, want], rtol=1e-12)
    np.testing.assert_allclose(
        lv.bce_with_logits([1.0], [100.0], pos_weight=[2.0]), 2 * want, rtol=1e-12
    )


# ----------------------------------------------------------------------------- focal from
# probability
@pytest.mark.parametrize("y", [0, 1])
def test_focal_loss_prob_gamma0_is_bce(y):
    p = np.array([0.0, 1e-12, 0.1, 0.5, 0.9, 1.0])
    np.testing.assert_array_equal(
        lv.focal_loss_prob(y, p, gamma=0), lv.bce(np.full_like(p, y), p, reduction="none")
    )


@pytest.mark.parametrize("gamma", [0.5, 2.0, 4.0])
def test_focal_loss_prob_equals_logit_form(gamma):
    z = np.array([-6.0, -1.0, 0.0, 0.7, 5.0])
    for y in (0.0, 1.0):
        np.testing.assert_allclose(
            lv.focal_loss_prob(y, lv.sigmoid(z), gamma),
            lv.focal_loss_with_logits(np.full_like(z, y), z, gamma=gamma, reduction="none"),
            rtol=1e-9,
        )


def test_focal_loss_prob_ends_and_scalars():
    np.testing.assert_array_equal(lv.focal_loss_prob(1, [0.0, 1.0]), [np.inf, 0.0])
    np.testing.assert_array_equal(lv.focal_loss_prob(0, [0.0, 1.0]), [0.0, np.inf])
    assert np.ndim(lv.focal_loss_prob(1, 0.9)) == 0
    assert lv.focal_loss_prob(1, 0.9, 2) == pytest.approx(0.01 * -np.log(0.9), rel=1e-14)


def test_focal_loss_prob_rejects_bad_input():
    with pytest.raises(ValueError, match=r"y_prob must lie in \[0, 1\]; found max=1.5"):
        lv.focal_loss_prob(1, 1.5)
    with pytest.raises(ValueError, match="y_true must hold hard labels 0 or 1; found 0.3"):
        lv.focal_loss_prob(0.3, 0.5)
    with pytest.raises(ValueError, match="gamma must be a finite number >= 0"):
        lv.focal_loss_prob(1, 0.5, gamma=-1)
    with pytest.raises(ValueError, match="must broadcast together"):
        lv.focal_loss_prob([0, 1, 1], [0.5, 0.5])


# ----------------------------------------------------------------------------- mixed dtypes
# float32 only when every float input is float32 (PyTorch gives float64 for a float64 target with
# float32 predictions); integer labels and Python scalars have no say.
_P = np.array([0.8, 0.3, 0.6])
_Z = np.array([1.0, -1.0, 0.5])
_Y = np.array([1.0, 0.0, 1.0])
_K = np.array([[1.0, 0.0, -1.0], [0.5, 0.2, 0.1]])
_ROWS = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
_BINARY = [
    (lv.bce, _P, True),
    (lv.mse, _P, True),
    (lv.mae, _P, True),
    (lv.huber, _P, True),
    (lv.bce_with_logits, _Z, True),
    (lv.focal_loss_with_logits, _Z, True),
    (lv.bce_grad_prob, _P, False),
    (lv.mse_grad_prob, _P, False),
    (lv.bce_with_logits_grad, _Z, False),
    (lv.mse_sigmoid_grad, _Z, False),
    (lv.focal_loss_with_logits_grad, _Z, False),
    (lv.focal_loss_prob, _P, False),
    (lv.focal_grad_prob, _P, False),
]
_DTYPE_CASES = [
    (np.float64, np.float32, np.float64),
    (np.float32, np.float64, np.float64),
    (np.float32, np.float32, np.float32),
    (np.int64, np.float32, np.float32),
    (np.float64, np.float64, np.float64),
]


@pytest.mark.parametrize("func,x,has_reduction", _BINARY, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("y_dtype,x_dtype,expected", _DTYPE_CASES)
def test_mixed_dtypes_binary(func, x, has_reduction, y_dtype, x_dtype, expected):
    y, xx = _Y.astype(y_dtype), x.astype(x_dtype)
    reductions = ("mean", "sum", "none") if has_reduction else (None,)
    for reduction in reductions:
        kw = {} if reduction is None else {"reduction": reduction}
        out = func(y, xx, **kw)
        assert np.asarray(out).dtype == expected, (func.__name__, reduction)
        # the value is that of the float64 computation, to the result's precision
        ref = func(_Y, x, **kw)
        rtol = 1e-6 if expected == np.float32 else 1e-15
        if x_dtype == np.float32 or y_dtype == np.float32:
            rtol = 1e-6  # the float32 input itself was rounded
        np.testing.assert_allclose(out, ref, rtol=max(rtol, 1e-6), atol=1e-7)


@pytest.mark.parametrize(
    "func",
    [
        lv.softmax_cross_entropy,
        lv.softmax_cross_entropy_grad,
        lv.mse_softmax_grad,
        lv.categorical_cross_entropy,
    ],
    ids=lambda f: f.__name__,
)
@pytest.mark.parametrize("y_dtype,x_dtype,expected", _DTYPE_CASES[:3] + _DTYPE_CASES[4:])
def test_mixed_dtypes_many_classes(func, y_dtype, x_dtype, expected):
    scores = lv.softmax(_K) if func is lv.categorical_cross_entropy else _K
    out = func(_ROWS.astype(y_dtype), scores.astype(x_dtype))
    assert np.asarray(out).dtype == expected
    # integer class indices never upcast
    assert np.asarray(func(np.array([0, 2]), scores.astype(x_dtype))).dtype == x_dtype


def test_python_scalars_are_weak():
    assert lv.focal_loss_prob(1.0, np.float32(0.5)).dtype == np.float32
    assert lv.bce(1.0, np.float32(0.5)).dtype == np.float32
    assert lv.mse([1, 0], np.array([0.5, 0.5], np.float32)).dtype == np.float32
