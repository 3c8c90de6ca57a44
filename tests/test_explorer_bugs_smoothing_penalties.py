"""Tests of chapter 09's BugSwitchExplorer and chapter 10's SmoothingGapExplorer and
PenaltyPathExplorer, and of their computation modules (lossviz.scratch, smoothing, penalties).

Every control moved to both ends and the middle: artists updated in place, no new artists, no NaN
in a result; the numbers the chapters print; the bug switches react as the chapter says.
"""

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists

import lossviz as lv
from lossviz import penalties, scratch, smoothing
from lossviz.explorers import BugSwitchExplorer, PenaltyPathExplorer, SmoothingGapExplorer
from lossviz.explorers._base import FloatParam


@pytest.fixture(scope="module")
def bug():
    return BugSwitchExplorer(image_format="png")


@pytest.fixture(scope="module")
def gap():
    return SmoothingGapExplorer(image_format="png")


@pytest.fixture(scope="module")
def path():
    return PenaltyPathExplorer(image_format="png")


def _positions(spec):
    ends = control_ends(spec)
    if isinstance(spec, FloatParam):
        return [ends[0], round((spec.min + spec.max) / 2, 2), ends[1]]
    if len(ends) > 2:
        return ends
    return ends + [ends[0]]


@pytest.mark.parametrize("name", ["bug", "gap", "path"])
def test_every_control_updates_in_place(name, request):
    ex = request.getfixturevalue(name)
    count = n_artists(ex)
    ids = {k: id(a) for k, a in ex.artists.items()}
    for key, spec in ex._spec.items():
        for value in _positions(spec):
            before = ex.image_bytes
            ex.set(**{key: value})
            assert ex.last_error is None
            assert_clean_result(ex.result, skip=("reported",))
            assert n_artists(ex) == count
            assert {k: id(a) for k, a in ex.artists.items()} == ids
            assert isinstance(ex.image_bytes, bytes) and len(ex.image_bytes) > 0
            del before
    ex.set(**{k: s.default for k, s in ex._spec.items()})


def test_bug_switches_react_as_the_chapter_says(bug):
    r = {b: bug.compute(bug=b) for b in scratch.BUGS}
    assert r["none"]["check"] < 1e-6 and r["none"]["test_accuracy"][-1] > 0.9
    assert r["sign"]["check"] == pytest.approx(1.0, abs=1e-6)
    assert r["sign"]["test_loss"][-1] > 100 * r["none"]["test_loss"][-1]
    assert r["shape"]["error"].startswith("ValueError") and np.isinf(r["shape"]["check"])
    assert r["axis"]["check"] > 0.1
    assert r["unstable"]["check"] < 1e-6  # a gradient check cannot see an overflow
    raw = bug.compute(bug="unstable", raw_pixels=True)
    assert np.isinf(raw["test_loss"][-1])
    assert bug.compute(bug="none", raw_pixels=True)["test_accuracy"][-1] > 0.9
    assert r["no_neg"]["check"] < 1e-6 and r["no_neg"]["reported"][-1] < 1e-3
    assert r["no_neg"]["test_loss"][-1] > 10 * r["no_neg"]["ref_loss"][-1]


def test_scratch_loop_equals_the_chapter_loop():
    d = scratch.digits_split()
    X, y = d["X_train"], d["y_train"]
    W, b, rng = np.zeros((64, 10)), np.zeros(10), np.random.default_rng(0)
    for _ in range(2):
        for idx in np.array_split(rng.permutation(len(y)), len(y) // 32):
            _, dW, db = scratch.softmax_loss_grads(W, b, X[idx], y[idx])
            W, b = W - 0.5 * dW, b - 0.5 * db
    run = scratch.train_scratch(d, epochs=2)
    assert np.allclose(run["weights"], W)
    assert scratch.softmax_loss_grads(W, b, d["X_test"], d["y_test"])[0] == pytest.approx(
        run["test_loss"][-1]
    )


def test_scratch_gradient_matches_lossviz():
    d = scratch.digits_split()
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(64, 10)), rng.normal(size=10)
    loss, dW, db = scratch.softmax_loss_grads(W, b, d["X_train"][:50], d["y_train"][:50])
    gW, gb = lv.train.softmax_regression_grad(d["X_train"][:50], d["y_train"][:50], W, b)
    assert np.allclose(dW, gW) and np.allclose(db, gb)
    ref = lv.softmax_cross_entropy(d["y_train"][:50], d["X_train"][:50] @ W + b)
    assert loss == pytest.approx(ref)


def test_gap_optimum_matches_grid_and_floor():
    g = np.linspace(0.0, 15.0, 150001)
    for eps in (0.01, 0.1, 0.3):
        for k in (2, 3, 10):
            best = g[np.argmin(smoothing.gap_loss(g, eps, k))]
            assert best == pytest.approx(smoothing.optimal_gap(eps, k), abs=2e-4)
            t = np.r_[1 - eps + eps / k, np.full(k - 1, eps / k)]
            floor = smoothing.gap_loss([smoothing.optimal_gap(eps, k)], eps, k)[0]
            assert floor == pytest.approx(float(lv.entropy(t)), abs=1e-12)
    z = np.array([[2.0, 0.0, 0.0]])
    assert smoothing.gap_loss([2.0], 0.1, 3)[0] == pytest.approx(
        lv.softmax_cross_entropy([0], z, label_smoothing=0.1)
    )


def test_calibration_study_both_ways():
    rows, _ = smoothing.calibration_study("well-specified", eps_values=(0.0, 0.1))
    assert rows[0]["ece"] < 0.01 < rows[1]["ece"]  # smoothing hurts a calibrated model
    oc, _ = smoothing.calibration_study("over-confident", eps_values=(0.0, 0.2))
    assert oc[1]["ece"] < oc[0]["ece"] / 2 and oc[1]["nll"] < oc[0]["nll"]  # and helps here
    assert oc[0]["ece_T"] < oc[0]["ece"] / 3  # temperature scaling fixes it too


def test_penalty_path_matches_lossviz_train_and_l1_hits_zero():
    d = penalties.path_data()
    for kind, lam in (("l1", 0.02), ("l2", 0.05)):
        fit = lv.train.train_logistic_regression(
            d["X_train"], d["y_train"], lr=0.5, epochs=2000, **{kind: lam}
        )
        p = penalties.penalty_path(d["X_train"], d["y_train"], [lam], kind=kind)
        assert np.allclose(fit.weights, p["weights"][0], atol=1e-12)
    paths = penalties.chapter_paths()
    assert (paths["l1"]["weights"][-1] == 0).all()
    assert not (paths["l2"]["weights"] == 0).any()
    # L2 shrinks smoothly: the norm falls monotonically with lambda
    assert np.all(np.diff(np.linalg.norm(paths["l2"]["weights"], axis=1)) < 0)


def test_l2_conventions_and_adamw():
    c = penalties.l2_conventions([0.5, -2.0], 0.01)
    assert np.allclose(c["penalty_grad"], c["numerical"], atol=1e-9)
    assert np.allclose(c["sgd_weight_decay"] * 2, c["penalty_grad"])
    curv = np.array([100.0, 0.01])
    grad = lambda w: curv * (w - 1.0)  # noqa: E731
    coupled = penalties.adam_steps(grad, [1.0, 1.0], lam=0.1, steps=3000)
    decoupled = penalties.adam_steps(grad, [1.0, 1.0], lam=0.1, steps=3000, decoupled=True)
    assert coupled[1] == pytest.approx(0.01 / 0.11, abs=2e-3)
    assert abs(decoupled[1] - 1.0) < 0.01
    # plain SGD: weight_decay = lam is exactly an L2 term lam/2 * sum(w**2) in the loss
    w = np.array([0.3, -1.0])
    assert np.allclose(
        grad(w) + 0.1 * w, grad(w) + penalties.l2_conventions(w, 0.05)["penalty_grad"]
    )


def test_statics_draw(bug, gap, path):
    for ex, settings in (
        (bug, [dict(bug="sign"), dict(bug="unstable", raw_pixels=True)]),
        (gap, [dict(eps=0.0), dict(eps=0.3, K=10)]),
        (path, [dict(kind="l1"), dict(kind="l2", log_lam=0.0)]),
    ):
        fig = ex.static(settings)
        assert len(fig.axes) >= 4
