"""Hypothesis properties of the maths core (kept fast: small arrays, bounded example counts)."""

import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import lossviz as lv

# LOSSVIZ_HYPOTHESIS_SCALE=10 runs ten times more examples (a deeper search than CI's fast one)
_SCALE = float(os.environ.get("LOSSVIZ_HYPOTHESIS_SCALE", "1"))
FAST = settings(
    max_examples=int(40 * _SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=int(15 * _SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

DTYPES = st.sampled_from([np.float32, np.float64])
SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6)


def floats(lo, hi, dtype=np.float64):
    width = 32 if dtype == np.float32 else 64
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=width)


@st.composite
def binary_case(draw, z_max=1e4, dtype=None, soft=True):
    dtype = draw(DTYPES) if dtype is None else dtype
    shape = draw(SHAPES)
    z = draw(hnp.arrays(dtype, shape, elements=floats(-z_max, z_max, dtype)))
    labels = floats(0, 1, dtype) if soft and draw(st.booleans()) else st.sampled_from([0.0, 1.0])
    y = draw(hnp.arrays(dtype, shape, elements=labels))
    return y, z


@st.composite
def class_case(draw, z_max=50.0, probs=None, dtype=np.float64):
    n = draw(st.integers(1, 5))
    k = draw(st.integers(2, 5))
    z = draw(hnp.arrays(dtype, (n, k), elements=floats(-z_max, z_max, dtype)))
    use_probs = draw(st.booleans()) if probs is None else probs
    if use_probs:
        raw = draw(hnp.arrays(np.float64, (n, k), elements=floats(0, 1)))
        raw[:, 0] += 1e-3
        y = (raw / raw.sum(axis=1, keepdims=True)).astype(dtype)
    else:
        y = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return y, z


@st.composite
def distributions(draw, k=None, n=None):
    k = draw(st.integers(1, 6)) if k is None else k
    n = draw(st.integers(1, 4)) if n is None else n
    raw = draw(hnp.arrays(np.float64, (n, k), elements=st.one_of(st.just(0.0), floats(1e-6, 1.0))))
    raw[:, 0] += 1e-3
    return raw / raw.sum(axis=1, keepdims=True)


class Strict:
    """Warnings as errors; numpy over/invalid/divide raise (underflow is intended)."""

    def __enter__(self):
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("error")
        self._e = np.errstate(over="raise", invalid="raise", divide="raise")
        self._e.__enter__()

    def __exit__(self, *exc):
        self._e.__exit__(*exc)
        self._w.__exit__(*exc)


# ----------------------------------------------------------------------------- non-negative,
# finite, dtype
@FAST
@given(binary_case())
def test_bce_with_logits_finite_nonnegative_dtype(case):
    y, z = case
    with Strict():
        out = lv.bce_with_logits(y, z, reduction="none")
        pw = lv.bce_with_logits(y, z, pos_weight=3.0, reduction="none")
        foc = lv.focal_loss_with_logits(y, z, gamma=2.0, alpha=0.25, reduction="none")
        grads = [
            lv.bce_with_logits_grad(y, z),
            lv.bce_with_logits_grad(y, z, pos_weight=3.0),
            lv.mse_sigmoid_grad(y, z),
            lv.focal_loss_with_logits_grad(y, z, gamma=2.0, alpha=0.25),
            lv.focal_loss_with_logits_grad(y, z, gamma=0.5),
        ]
    for arr in [out, pw, foc, *grads]:
        assert arr.dtype == z.dtype and arr.shape == z.shape
        assert np.all(np.isfinite(arr))
    # soft targets give a positive minimum (the entropy of y); hard targets give >= 0
    assert np.all(out >= -1e-6 * np.maximum(1, np.abs(z)))
    assert np.all(foc >= 0)
    for g in grads[:2]:
        assert np.all(np.abs(g) <= 3.0 + 1e-6)


@FAST
@given(
    class_case(z_max=1e4, dtype=np.float32) | class_case(z_max=1e4, dtype=np.float64),
    st.sampled_from([0.0, 0.1]),
    st.booleans(),
)
def test_softmax_cross_entropy_finite_nonnegative_dtype(case, eps, weighted):
    y, z = case
    w = np.linspace(0.5, 2.0, z.shape[1]) if weighted else None
    with Strict():
        out = lv.softmax_cross_entropy(y, z, class_weight=w, label_smoothing=eps, reduction="none")
        g = lv.softmax_cross_entropy_grad(y, z, class_weight=w, label_smoothing=eps)
        act = [lv.softmax(z), lv.log_softmax(z), lv.sigmoid(z), lv.log_sigmoid(z)]
    assert out.dtype == z.dtype and g.dtype == z.dtype
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(g))
    assert np.all(out >= 0)
    for a in act:
        assert a.dtype == z.dtype and np.all(np.isfinite(a))


@FAST
@given(binary_case(dtype=np.float64, soft=False), st.sampled_from(["mean", "sum"]))
def test_probability_losses_nonnegative(case, reduction):
    y, z = case
    p = lv.sigmoid(z)
    with Strict():
        assert lv.bce(y, p, reduction=reduction) >= 0  # may be inf, never NaN
        assert lv.mse(y, p, reduction=reduction) >= 0
        assert lv.mae(y, p, reduction=reduction) >= 0
        assert lv.huber(y, p, reduction=reduction) >= 0


# ----------------------------------------------------------------------------- reductions agree
# with "none"
@FAST
@given(binary_case(z_max=30.0, dtype=np.float64))
def test_mean_and_sum_agree_with_none_binary(case):
    y, z = case
    p = lv.sigmoid(z)
    for f, a, kw in [
        (lv.bce_with_logits, z, {}),
        (lv.bce_with_logits, z, {"pos_weight": 2.0}),
        (lv.focal_loss_with_logits, z, {"gamma": 1.5, "alpha": 0.3}),
        (lv.bce, p, {}),
        (lv.mse, p, {}),
        (lv.mae, p, {}),
        (lv.huber, z, {"delta": 0.7}),
    ]:
        none = f(y, a, reduction="none", **kw)
        assert f(y, a, reduction="sum", **kw) == pytest.approx(np.sum(none), rel=1e-12, abs=1e-300)
        assert f(y, a, reduction="mean", **kw) == pytest.approx(
            np.mean(none), rel=1e-12, abs=1e-300
        )


@FAST
@given(class_case(), st.sampled_from([0.0, 0.2]), st.booleans())
def test_mean_and_sum_agree_with_none_classes(case, eps, weighted):
    y, z = case
    k = z.shape[1]
    w = np.linspace(0.5, 2.0, k) if weighted else None
    kw = dict(class_weight=w, label_smoothing=eps)
    none = lv.softmax_cross_entropy(y, z, reduction="none", **kw)
    assert lv.softmax_cross_entropy(y, z, reduction="sum", **kw) == pytest.approx(
        none.sum(), rel=1e-12
    )
    # PyTorch: a weighted mean over the targets' weights; probability targets divide by N
    denom = w[y].sum() if w is not None and y.dtype.kind == "i" else z.shape[0]
    assert lv.softmax_cross_entropy(y, z, reduction="mean", **kw) == pytest.approx(
        none.sum() / denom, rel=1e-12
    )
    p = lv.softmax(z)
    if np.all(p > 0):
        none_p = lv.categorical_cross_entropy(y, p, reduction="none", **kw)
        assert lv.categorical_cross_entropy(y, p, reduction="mean", **kw) == pytest.approx(
            none_p.sum() / denom, rel=1e-12
        )


# ----------------------------------------------------------------------------- logits form ==
# probability form
@FAST
@given(binary_case(z_max=15.0, dtype=np.float64))
def test_bce_with_logits_equals_bce_of_sigmoid(case):
    # |z| <= 15: sigmoid is not saturated in float64 (1 - p >= 3e-7 keeps ~9 significant digits);
    # beyond that the probability form loses digits, which is why the logits form exists
    y, z = case
    np.testing.assert_allclose(
        lv.bce_with_logits(y, z, reduction="none"),
        lv.bce(y, lv.sigmoid(z), reduction="none"),
        rtol=1e-7,
        atol=1e-9,
    )


@FAST
@given(class_case(z_max=30.0), st.sampled_from([0.0, 0.1]), st.booleans())
def test_softmax_cross_entropy_equals_categorical_of_softmax(case, eps, weighted):
    y, z = case
    w = np.linspace(0.5, 2.0, z.shape[1]) if weighted else None
    kw = dict(class_weight=w, label_smoothing=eps, reduction="none")
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z, **kw),
        lv.categorical_cross_entropy(y, lv.softmax(z), **kw),
        rtol=1e-7,
        atol=1e-9,
    )


# ----------------------------------------------------------------------------- invariances and
# neutral options
@FAST
@given(class_case(z_max=100.0, probs=False), floats(-1e3, 1e3))
def test_softmax_shift_invariance(case, c):
    y, z = case
    np.testing.assert_allclose(lv.softmax(z + c), lv.softmax(z), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        lv.log_softmax(z + c) - lv.log_softmax(z), 0, atol=1e-9 * (1 + abs(c))
    )
    np.testing.assert_allclose(
        lv.softmax_cross_entropy(y, z + c, reduction="none"),
        lv.softmax_cross_entropy(y, z, reduction="none"),
        rtol=1e-9,
        atol=1e-9 * (1 + abs(c)),
    )


@FAST
@given(binary_case())
def test_pos_weight_one_changes_nothing(case):
    y, z = case
    ones = np.ones(z.shape[-1], z.dtype)
    base = lv.bce_with_logits(y, z, reduction="none")
    np.testing.assert_allclose(
        lv.bce_with_logits(y, z, pos_weight=1.0, reduction="none"), base, rtol=1e-6, atol=1e-6
    )
    np.testing.assert_allclose(
        lv.bce_with_logits(y, z, pos_weight=ones, reduction="none"), base, rtol=1e-6, atol=1e-6
    )
    np.testing.assert_allclose(
        lv.bce_with_logits_grad(y, z, pos_weight=ones),
        lv.bce_with_logits_grad(y, z),
        rtol=1e-6,
        atol=1e-7,
    )


@FAST
@given(class_case(), st.sampled_from([0.0, 0.3]))
def test_class_weight_ones_changes_nothing(case, eps):
    y, z = case
    ones = np.ones(z.shape[1])
    for red in ("none", "mean", "sum"):
        np.testing.assert_allclose(
            lv.softmax_cross_entropy(y, z, class_weight=ones, label_smoothing=eps, reduction=red),
            lv.softmax_cross_entropy(y, z, label_smoothing=eps, reduction=red),
            rtol=1e-12,
            # the weighted path sums u * log p, the plain one picks log p_y: rounding differs near 0
            atol=1e-12,
        )
    np.testing.assert_allclose(
        lv.softmax_cross_entropy_grad(y, z, class_weight=ones, label_smoothing=eps),
        lv.softmax_cross_entropy_grad(y, z, label_smoothing=eps),
        rtol=1e-12,
        atol=1e-15,
    )


@FAST
@given(binary_case())
def test_focal_gamma0_alpha_none_equals_bce(case):
    y, z = case
    np.testing.assert_allclose(
        lv.focal_loss_with_logits(y, z, gamma=0, alpha=None, reduction="none"),
        lv.bce_with_logits(y, z, reduction="none"),
        rtol=1e-6,
    )


@FAST
@given(binary_case(z_max=30.0, dtype=np.float64), floats(0.0, 5.0))
def test_focal_never_exceeds_bce(case, gamma):
    y, z = case
    assert np.all(
        lv.focal_loss_with_logits(y, z, gamma=gamma, reduction="none")
        <= lv.bce_with_logits(y, z, reduction="none") * (1 + 1e-12) + 1e-300
    )


# ----------------------------------------------------------------------------- analytic ==
# numerical gradients
@SLOW
@given(
    binary_case(z_max=8.0, dtype=np.float64),
    floats(0.1, 4.0),
    st.sampled_from([0.0, 0.5, 2.0]),
    st.sampled_from([None, 0.25]),
)
def test_binary_gradients_match_numerical(case, pw, gamma, alpha):
    y, z = case
    tol = dict(rtol=1e-5, atol=1e-6)
    pairs = [
        (lambda t: lv.bce_with_logits(y, t, reduction="sum"), lv.bce_with_logits_grad(y, z)),
        (
            lambda t: lv.bce_with_logits(y, t, pos_weight=pw, reduction="sum"),
            lv.bce_with_logits_grad(y, z, pos_weight=pw),
        ),
        (lambda t: lv.mse(y, lv.sigmoid(t), reduction="sum"), lv.mse_sigmoid_grad(y, z)),
        (
            lambda t: lv.focal_loss_with_logits(y, t, gamma=gamma, alpha=alpha, reduction="sum"),
            lv.focal_loss_with_logits_grad(y, z, gamma=gamma, alpha=alpha),
        ),
    ]
    for f, g in pairs:
        np.testing.assert_allclose(g, lv.numerical_grad(f, z), **tol)


@SLOW
@given(binary_case(z_max=4.0, dtype=np.float64))
def test_probability_gradients_match_numerical(case):
    y, z = case
    p = lv.sigmoid(z)  # |z| <= 4: p in [0.018, 0.982], away from the endpoints
    np.testing.assert_allclose(
        lv.bce_grad_prob(y, p),
        lv.numerical_grad(lambda t: lv.bce(y, t, reduction="sum"), p),
        rtol=1e-5,
        atol=1e-6,
    )
    np.testing.assert_allclose(
        lv.mse_grad_prob(y, p),
        lv.numerical_grad(lambda t: lv.mse(y, t, reduction="sum"), p),
        rtol=1e-5,
        atol=1e-6,
    )


@SLOW
@given(class_case(z_max=8.0), st.sampled_from([0.0, 0.25]), st.booleans(), st.sampled_from([-1, 0]))
def test_softmax_gradients_match_numerical(case, eps, weighted, axis):
    y, z = case
    w = np.linspace(0.5, 2.0, z.shape[1]) if weighted else None
    kw = dict(class_weight=w, label_smoothing=eps)
    if axis == 0:  # classes along axis 0: transpose logits (and probability rows)
        z = z.T.copy()
        if y.dtype.kind == "f":
            y = y.T.copy()
    kw["axis"] = axis
    g = lv.softmax_cross_entropy_grad(y, z, **kw)
    num = lv.numerical_grad(lambda t: lv.softmax_cross_entropy(y, t, reduction="sum", **kw), z)
    np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-6)


# ----------------------------------------------------------------------------- information
# identities
@FAST
@given(st.data())
def test_kl_equals_cross_entropy_minus_entropy(data):
    k = data.draw(st.integers(1, 6))
    n = data.draw(st.integers(1, 4))
    p = data.draw(distributions(k, n))
    q = data.draw(distributions(k, n))
    # make q's support cover p's so that everything is finite
    q = np.where(p > 0, np.maximum(q, 1e-3), q)
    q = q / q.sum(axis=1, keepdims=True)
    with Strict():
        kl = lv.kl_divergence(p, q)
        h_pq = lv.cross_entropy(p, q)
        h_p = lv.entropy(p)
    np.testing.assert_allclose(kl, h_pq - h_p, rtol=1e-9, atol=1e-12)
    assert np.all(kl >= -1e-15)
    assert np.all(h_pq >= h_p - 1e-12)  # Gibbs' inequality
    np.testing.assert_allclose(lv.kl_divergence(p, p), 0, atol=1e-15)


@FAST
@given(distributions())
def test_entropy_bits_are_nats_over_ln2(p):
    np.testing.assert_allclose(
        lv.entropy(p, base=2), lv.entropy(p) / np.log(2), rtol=1e-13, atol=1e-300
    )
    h = lv.entropy(p)
    assert np.all(h >= 0) and np.all(h <= np.log(p.shape[1]) + 1e-12)


@FAST
@given(
    p=hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(1e-6, 1.0)),
    rel=st.floats(1e-16, 1e-2),
    seed=st.integers(0, 2**32 - 1),
)
def test_kl_nonnegative_for_near_equal_distributions(p, rel, seed):
    p = p / p.sum()
    q = p * (1 + rel * np.random.default_rng(seed).standard_normal(p.size))
    q = np.abs(q) / np.abs(q).sum()
    assert lv.kl_divergence(p, q) >= 0
    assert lv.kl_divergence(q, p) >= 0
