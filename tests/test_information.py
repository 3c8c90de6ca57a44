"""Entropy, cross-entropy, KL divergence: known values, scipy agreement, identities."""

import numpy as np
import pytest
from scipy import special, stats

import lossviz as lv

RNG = np.random.default_rng(3)


pytestmark = pytest.mark.usefixtures("strict")


def _dists(n, k):
    return special.softmax(RNG.normal(scale=2, size=(n, k)), axis=-1)


def test_known_values():
    assert lv.entropy([0.5, 0.5], base=2) == 1.0
    assert lv.entropy([0.25] * 4, base=2) == pytest.approx(2.0)
    assert lv.entropy([1.0, 0.0]) == 0.0
    assert lv.entropy([0.5, 0.5]) == pytest.approx(np.log(2))
    assert lv.cross_entropy([1.0, 0.0], [0.8, 0.2]) == pytest.approx(-np.log(0.8))
    assert lv.cross_entropy([1.0, 0.0], [0.2, 0.8]) == pytest.approx(-np.log(0.2))
    assert lv.kl_divergence([0.5, 0.5], [0.5, 0.5]) == 0.0


def test_entropy_matches_scipy_entr():
    p = _dists(20, 5)
    p[0] = [1.0, 0.0, 0.0, 0.0, 0.0]
    np.testing.assert_allclose(lv.entropy(p), special.entr(p).sum(axis=-1), rtol=1e-13, atol=0)
    np.testing.assert_allclose(lv.entropy(p), stats.entropy(p, axis=-1), rtol=1e-12)


def test_kl_matches_scipy_rel_entr():
    p, q = _dists(20, 5), _dists(20, 5)
    p[0, :2] = [0.0, p[0, 0] + p[0, 1]]
    np.testing.assert_allclose(
        lv.kl_divergence(p, q), special.rel_entr(p, q).sum(axis=-1), rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        lv.kl_divergence(p, q, base=2), stats.entropy(p, q, base=2, axis=-1), rtol=1e-12, atol=1e-15
    )


def test_cross_entropy_matches_scipy_xlogy():
    p, q = _dists(20, 5), _dists(20, 5)
    np.testing.assert_allclose(
        lv.cross_entropy(p, q), -special.xlogy(p, q).sum(axis=-1), rtol=1e-13
    )


def test_kl_is_cross_entropy_minus_entropy_and_nonnegative():
    p, q = _dists(50, 6), _dists(50, 6)
    kl = lv.kl_divergence(p, q)
    np.testing.assert_allclose(kl, lv.cross_entropy(p, q) - lv.entropy(p), rtol=1e-10, atol=1e-12)
    assert np.all(kl >= 0)


def test_cross_entropy_of_p_with_itself_is_entropy_not_zero():
    # erratum 003 §2.2: "if P = Q then H(P||Q) = 0" holds for KL, not for the cross-entropy
    p = [0.7, 0.2, 0.1]
    assert lv.cross_entropy(p, p) == pytest.approx(lv.entropy(p))
    assert lv.cross_entropy(p, p) > 0.5
    assert lv.kl_divergence(p, p) == 0.0


def test_kl_not_symmetric_and_inf_on_support_mismatch():
    assert lv.kl_divergence([0.5, 0.5], [0.9, 0.1]) != pytest.approx(
        lv.kl_divergence([0.9, 0.1], [0.5, 0.5])
    )
    assert lv.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert lv.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert lv.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))  # 0 * log 0 = 0


@pytest.mark.parametrize("base", [2, 10, np.e])
def test_base_conversion(base):
    p, q = _dists(10, 4), _dists(10, 4)
    np.testing.assert_allclose(lv.entropy(p, base=base), lv.entropy(p) / np.log(base), rtol=1e-14)
    np.testing.assert_allclose(
        lv.cross_entropy(p, q, base=base), lv.cross_entropy(p, q) / np.log(base), rtol=1e-14
    )
    np.testing.assert_allclose(
        lv.kl_divergence(p, q, base=base), lv.kl_divergence(p, q) / np.log(base), rtol=1e-14
    )


def test_bits_equal_nats_over_ln2():
    p = _dists(1, 8)[0]
    assert lv.entropy(p, base=2) == pytest.approx(lv.entropy(p) / np.log(2), rel=1e-14)


def test_axis():
    p, q = _dists(3, 4), _dists(3, 4)
    np.testing.assert_allclose(lv.entropy(p.T, axis=0), lv.entropy(p), rtol=1e-15)
    np.testing.assert_allclose(
        lv.cross_entropy(p.T, q.T, axis=0), lv.cross_entropy(p, q), rtol=1e-15
    )
    np.testing.assert_allclose(
        lv.kl_divergence(p.T, q.T, axis=0), lv.kl_divergence(p, q), rtol=1e-15
    )


def test_certain_outcome_has_entropy_plus_zero():
    # regression: a row with a certain outcome gave -0.0 next to other rows
    h = lv.entropy(np.array([[0.5, 0.5], [1.0, 0.0]]))
    assert h[1] == 0.0 and not np.signbit(h[1])
    ce = lv.cross_entropy([1.0, 0.0], [1.0, 0.0])
    assert ce == 0.0 and not np.signbit(ce)


def test_uniform_maximises_entropy():
    k = 6
    for p in _dists(30, k):
        assert lv.entropy(p) <= np.log(k) + 1e-12


def test_float32_preserved():
    p = np.array([0.5, 0.5], np.float32)
    q = np.array([0.9, 0.1], np.float32)
    assert lv.entropy(p).dtype == np.float32
    assert lv.cross_entropy(p, q).dtype == np.float32
    assert lv.kl_divergence(p, q).dtype == np.float32


def test_not_renormalised():
    with pytest.raises(ValueError, match="must sum to 1"):
        lv.entropy([0.5, 0.4])


def test_large_batch_row_sums_in_blocks():
    # the distribution check sums rows block by block (several blocks here)
    p = _dists(70000, 3)
    np.testing.assert_allclose(lv.entropy(p), special.entr(p).sum(axis=-1), rtol=1e-12)
    p[65000, 0] += 1e-3
    with pytest.raises(ValueError, match=r"p must sum to 1 along axis -1; found a sum of 1.001"):
        lv.entropy(p)


# ----------------------------------------------------------------------------- KL never below 0
def test_kl_old_failure_case_is_not_negative():
    # issue 10: p log p - p log q gave -1.7e-17 here; scipy's rel_entr sum gives +8.5e-28
    x, y = 0.9456657713430001, 0.9456657713430094
    p, q = np.array([x, 1 - x]), np.array([y, 1 - y])
    assert float(np.sum(p * (np.log(p) - np.log(q)))) < 0  # the old formula
    kl = lv.kl_divergence(p, q)
    assert kl >= 0
    assert kl == pytest.approx(special.rel_entr(p, q).sum(), rel=1e-6, abs=1e-30)


def _near_pairs(rng, n, k, dtype=np.float64):
    """``n`` pairs of ``k``-outcome distributions whose relative gap is 1e-15 … 1e-1."""
    p = rng.dirichlet(np.ones(k) * rng.choice([0.2, 1.0, 10.0]), size=n)
    scale = 10.0 ** rng.uniform(-15, -1, size=(n, 1))
    q = np.abs(p * (1 + rng.normal(size=p.shape) * scale))
    p = (p / p.sum(axis=1, keepdims=True)).astype(dtype)
    q = (q / q.sum(axis=1, keepdims=True)).astype(dtype)
    return p, q


def test_kl_never_negative_on_near_equal_pairs():
    rng = np.random.default_rng(10)
    p, q = _near_pairs(rng, 20000, 5)
    kl = lv.kl_divergence(p, q)
    old = np.sum(p * (np.log(p) - np.log(q)), axis=1)
    rel = special.rel_entr(p, q).sum(axis=1)
    assert (old < 0).mean() > 0.1 and (rel < 0).mean() > 0.1  # both plain sums go below 0
    assert np.all(kl >= 0)
    np.testing.assert_allclose(kl, rel, rtol=1e-6, atol=1e-15)
    np.testing.assert_allclose(kl, stats.entropy(p, q, axis=1), rtol=1e-6, atol=1e-15)


def test_kl_never_negative_float32_and_zeros():
    rng = np.random.default_rng(11)
    p, q = _near_pairs(rng, 5000, 4, np.float32)
    assert np.all(lv.kl_divergence(p, q) >= 0)
    # zero outcomes: p = 0 contributes nothing, q = 0 < p makes it infinite
    p = np.array([[0.0, 0.3, 0.7], [0.2, 0.8, 0.0], [0.5, 0.5, 0.0]])
    q = np.array([[0.1, 0.2, 0.7], [0.2, 0.8, 0.0], [0.5, 0.0, 0.5]])
    np.testing.assert_allclose(
        lv.kl_divergence(p, q), special.rel_entr(p, q).sum(axis=1), rtol=1e-14, atol=1e-17
    )


def test_kl_matches_scipy_over_the_whole_range():
    rng = np.random.default_rng(12)
    for alpha in (0.05, 0.5, 5.0):
        p = rng.dirichlet(np.ones(6) * alpha, size=500)
        q = rng.dirichlet(np.ones(6) * alpha, size=500)
        np.testing.assert_allclose(
            lv.kl_divergence(p, q), stats.entropy(p, q, axis=1), rtol=1e-12, atol=1e-15
        )
