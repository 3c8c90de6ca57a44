"""Activations: known values, agreement with scipy.special, stability, dtypes."""

import numpy as np
import pytest
from scipy import special

import lossviz as lv

RNG = np.random.default_rng(0)
Z = np.concatenate([np.linspace(-50, 50, 1001), [-1e4, -745.0, -710.0, 0.0, 710.0, 1e4]])


pytestmark = pytest.mark.usefixtures("strict")


def test_known_values():
    assert lv.sigmoid(0.0) == 0.5
    assert lv.logit(0.5) == 0.0
    assert lv.log_sigmoid(0.0) == pytest.approx(-np.log(2), rel=1e-15)
    assert lv.sigmoid(np.log(4.0)) == pytest.approx(0.8, rel=1e-15)
    np.testing.assert_allclose(lv.softmax(np.array([1.0, 1.0, 1.0])), np.full(3, 1 / 3), rtol=1e-15)


def test_sigmoid_matches_scipy_expit():
    np.testing.assert_allclose(
        lv.sigmoid(Z), special.expit(Z), rtol=1e-15, atol=1e-300
    )  # subnormals near -710


def test_log_sigmoid_matches_scipy_log_expit():
    np.testing.assert_allclose(lv.log_sigmoid(Z), special.log_expit(Z), rtol=1e-14, atol=1e-300)


def test_logit_matches_scipy_logit():
    p = np.concatenate([np.linspace(0, 1, 1001), [1e-300, 1 - 1e-16]])
    with np.errstate(divide="ignore"):
        expected = special.logit(p)
    np.testing.assert_allclose(lv.logit(p), expected, rtol=1e-12)
    assert lv.logit(0.0) == -np.inf and lv.logit(1.0) == np.inf


def test_logit_inverts_sigmoid():
    # beyond z ~ 15, sigmoid(z) is within 1e-7 of 1 and 1 - p carries few significant digits
    z = np.linspace(-30, 15, 301)
    np.testing.assert_allclose(lv.logit(lv.sigmoid(z)), z, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_and_log_softmax_match_scipy(axis):
    z = RNG.normal(scale=20, size=(7, 5))
    np.testing.assert_allclose(
        lv.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        lv.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(
        lv.log_softmax(z, axis=axis),
        z - special.logsumexp(z, axis=axis, keepdims=True),
        rtol=1e-12,
        atol=1e-12,
    )


def test_softmax_extreme_logits():
    z = np.array([1e4, 0.0, -1e4])
    np.testing.assert_array_equal(lv.softmax(z), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(lv.log_softmax(z), [0.0, -1e4, -2e4])


def test_sigmoid_infinite_is_exact_without_warning():
    np.testing.assert_array_equal(lv.sigmoid(np.array([np.inf, -np.inf])), [1.0, 0.0])
    np.testing.assert_array_equal(lv.log_sigmoid(np.array([np.inf, -np.inf])), [0.0, -np.inf])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("func", [lv.sigmoid, lv.log_sigmoid, lv.softmax, lv.log_softmax])
def test_dtype_preserved_and_finite(func, dtype):
    z = np.array([-1e4, -100.0, -1.0, 0.0, 1.0, 100.0, 1e4], dtype=dtype)
    out = func(z)
    assert out.dtype == dtype
    assert np.all(np.isfinite(out))


def test_logit_float32():
    assert lv.logit(np.array([0.25, 0.5], np.float32)).dtype == np.float32


def test_scalar_in_scalar_out():
    assert isinstance(lv.sigmoid(0.3), float)
    assert isinstance(lv.log_sigmoid(0.3), float)
    assert isinstance(lv.logit(0.3), float)
    assert np.ndim(lv.sigmoid(np.float32(0.3))) == 0


def test_underflow_does_not_raise_under_seterr_all_raise():
    # regression: np.seterr(all="raise") made sigmoid(-1e4) raise FloatingPointError (underflow in
    # exp)
    with np.errstate(all="raise"):
        assert lv.sigmoid(-1e4) == 0.0
        assert lv.log_sigmoid(np.float32(-1e4)) == np.float32(-1e4)
        np.testing.assert_array_equal(lv.softmax(np.array([0.0, -1e4])), [1.0, 0.0])


def test_input_not_modified():
    z = np.array([[1.0, 2.0, 3.0]])
    z0 = z.copy()
    lv.softmax(z)
    lv.log_softmax(z)
    lv.sigmoid(z)
    np.testing.assert_array_equal(z, z0)


# ----------------------------------------------------------------------------- type hints
@pytest.mark.parametrize("module", ["activations", "losses", "gradients", "information"])
def test_every_public_core_function_is_type_hinted(module):
    import importlib
    import inspect

    mod = importlib.import_module(f"lossviz.{module}")
    for name in mod.__all__:
        sig = inspect.signature(getattr(mod, name))
        assert sig.return_annotation is not inspect.Signature.empty, f"{name} has no return type"
        for p in sig.parameters.values():
            assert p.annotation is not inspect.Parameter.empty, f"{name}({p.name}) has no type"
