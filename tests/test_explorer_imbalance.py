"""ImbalanceExplorer (the remedies compared) and lossviz.imbalance_compare.

The labels are the truth (the ratio the slider names is the ratio trained on and tested on, up to
1:1000); every control moved (both ends and the middle) updates the artists in place without new
artists; a threshold move retrains nothing; the computations agree with scikit-learn.
"""

import math
import os
import warnings

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists

from lossviz import imbalance_compare as ic
from lossviz.explorers import ImbalanceExplorer
from lossviz.explorers import imbalance as imb_mod
from lossviz.explorers.imbalance import RATIOS, REMEDIES


@pytest.fixture(scope="module")
def ex():
    return ImbalanceExplorer()


@pytest.fixture(scope="module")
def pure():
    return ImbalanceExplorer(_live=False)


# ------------------------------------------------------------------------- the labels are the truth
@pytest.mark.parametrize("ratio", RATIOS)
def test_every_ratio_is_the_true_ratio_in_training_and_held_out(pure, ratio):
    r = pure.compute(ratio=ratio)
    (n0, n1), (m0, m1) = r["counts"], r["test_counts"]
    assert n0 / n1 == ratio and m0 / m1 == ratio
    assert n1 >= 20 and m1 >= 100
    assert r["rate"] == pytest.approx(1 / (1 + ratio))


def test_largest_ratios_differ(pure):
    # the old explorer trained 1:500 and 1:1000 on the same 2000 : 5
    a, b = pure.compute(ratio=500), pure.compute(ratio=1000)
    assert a["counts"] == (10000, 20) and b["counts"] == (20000, 20)


def test_readout_states_the_counts(ex):
    ex.set(ratio=1000, threshold=0.5, remedy_a="none", remedy_b="class_weights")
    text = ex.readout_text
    assert "train 20000 : 20 (1:1000), held out 100000 : 100" in text
    assert "precision n/a" in text  # no positive prediction at threshold 0.5
    assert "nan" not in text.lower()


# --------------------------------------------------------------------------- values
def test_weights_raise_recall_same_ranking(pure):
    r = pure.compute(ratio=100, remedy_a="none", remedy_b="class_weights")
    assert r["b"]["recall"] > r["a"]["recall"] + 0.5
    assert abs(r["a"]["ap"] - r["b"]["ap"]) < 0.01  # the same precision-recall curve
    assert r["b"]["ece"] > 10 * r["a"]["ece"]


def test_prior_correction_restores_calibration(pure):
    r = pure.compute(ratio=100, remedy_a="class_weights", remedy_b="prior_correction")
    assert r["b"]["ece"] < r["a"]["ece"] / 10
    assert r["a"]["ap"] == pytest.approx(r["b"]["ap"])  # a logit shift keeps the ranking


def test_threshold_moves_the_operating_point_only(pure):
    lo = pure.compute(ratio=20, threshold=0.05)
    hi = pure.compute(ratio=20, threshold=0.5)
    assert lo["a"]["recall"] > hi["a"]["recall"] and lo["a"]["ap"] == hi["a"]["ap"]
    # the operating point agrees with a direct computation
    prob = ic.make_problem(20)
    fit = ic.fit_remedy(prob.X, prob.y, "none")
    op = ic.operating_point(prob.y_test, fit.predict_proba(prob.X_test), 0.05)
    assert lo["a"]["recall"] == pytest.approx(op["recall"])
    assert lo["a"]["precision"] == pytest.approx(op["precision"])


def test_focal_gamma_zero_is_cross_entropy(pure):
    r = pure.compute(ratio=20, remedy_a="none", remedy_b="focal", gamma=0.0)
    assert r["b"]["loss"] == "bce"  # drawn in cross-entropy's colour
    assert r["b"]["ap"] == pytest.approx(r["a"]["ap"], abs=1e-6)
    assert pure.compute(ratio=20, remedy_b="focal", gamma=2.0)["b"]["loss"] == "focal"


@pytest.mark.parametrize(
    "kw",
    [{"ratio": 0.5}, {"ratio": 2000}, {"remedy_a": "smote"}, {"ratio": "1:10"}, {"threshold": 1.0}],
)
def test_bad_input(pure, kw):
    with pytest.raises(ValueError):
        pure.compute(**kw)


# --------------------------------------------------------------------------- live behaviour
def test_every_control_end_and_middle_updates_in_place(ex):
    ex.set(ratio=20, remedy_a="none", remedy_b="class_weights", gamma=2.0, threshold=0.5)
    n0 = n_artists(ex)
    for name, spec in ex._spec.items():
        values = control_ends(spec)
        if hasattr(spec, "min"):
            values = [spec.min, round((spec.min + spec.max) / 2, 2), spec.max]
        for v in values:
            if name == "threshold" and v >= 1.0:
                v = 0.99
            before = ex.render_png()
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                ex.set(**{name: v})
            assert ex.last_error is None, (name, v, ex.last_error)
            assert n_artists(ex) == n0, (name, v)
            assert_clean_result(ex.result, skip=("a", "b"))
            for slot in ("a", "b"):
                assert_clean_result(ex.result[slot], skip=("boundary",))
            if name in ("ratio", "threshold") and v != values[0]:
                assert ex.render_png() != before, (name, v)
        ex.set(**{name: ex._spec[name].default})


def test_gamma_disabled_unless_focal(ex):
    ex.set(remedy_a="none", remedy_b="class_weights")
    assert ex.controls["gamma"].disabled
    ex.set(remedy_b="focal")
    assert not ex.controls["gamma"].disabled
    ex.set(remedy_b="class_weights")


def test_threshold_move_retrains_nothing(ex, monkeypatch):
    ex.set(ratio=100, remedy_a="none", remedy_b="focal", threshold=0.5)

    def boom(*a, **k):
        raise AssertionError("a threshold move must not train")

    monkeypatch.setattr(imb_mod, "fit_remedy", boom)
    ex.set(threshold=0.2)
    assert ex.last_error is None
    ex.set(threshold=0.5)


def test_static_twin_titles_name_the_remedies():
    from lossviz.figure import render_small_multiples

    fig = render_small_multiples(
        ImbalanceExplorer, [{"ratio": 1000}, {"ratio": 100, "remedy_b": "focal"}]
    )
    titles = [sf._suptitle.get_text() for sf in fig.subfigs]
    assert titles[0].startswith("1:1000 · A none vs B class weights")
    assert "focal loss γ=2" in titles[1]


def test_sweep_table(pure):
    t = pure.sweep_table((20, 1000))
    assert t["1:1000"]["train"] == "20000 : 20" and t["1:1000"]["A prec"] == "n/a"


# --------------------------------------------------------------------------- imbalance_compare
def test_pr_curve_and_ap_agree_with_sklearn():
    from sklearn.metrics import average_precision_score, precision_recall_curve

    rng = np.random.default_rng(0)
    for _ in range(50):
        y = rng.integers(0, 2, 60)
        s = np.round(rng.random(60), 1)
        if y.sum() == 0:
            continue
        p, r, t = precision_recall_curve(y, s)
        p2, r2, t2 = ic.pr_curve(y, s)
        np.testing.assert_allclose(p2, p)
        np.testing.assert_allclose(r2, r)
        np.testing.assert_allclose(t2, t)
        assert ic.average_precision(y, s) == pytest.approx(average_precision_score(y, s))


def test_fit_remedy_agrees_with_sklearn():
    from sklearn.linear_model import LogisticRegression

    prob = ic.make_problem(20)
    for remedy, kw in (("none", {}), ("class_weights", {"class_weight": "balanced"})):
        fit = ic.fit_remedy(prob.X, prob.y, remedy)
        sk = LogisticRegression(C=1e8, tol=1e-10, max_iter=10000, **kw).fit(prob.X, prob.y)
        np.testing.assert_allclose(fit.weights, sk.coef_[0], atol=2e-3)
        assert fit.bias == pytest.approx(sk.intercept_[0], abs=2e-3)


def test_prior_correction_is_the_bayes_map():
    from lossviz.imbalance import prior_correction

    prob = ic.make_problem(50)
    w = ic.fit_remedy(prob.X, prob.y, "class_weights")
    pc = ic.fit_remedy(prob.X, prob.y, "prior_correction")
    expect = prior_correction(w.predict_proba(prob.X_test), 0.5, prob.prior)
    np.testing.assert_allclose(pc.predict_proba(prob.X_test), expect, rtol=1e-9, atol=1e-15)


def test_loss_shares_and_cumulative_loss():
    prob = ic.make_problem(20)
    z = ic.fit_remedy(prob.X, prob.y, "none").decision_function(prob.X)
    ce = ic.loss_shares(prob.y, z, gamma=0)
    fl = ic.loss_shares(prob.y, z, gamma=2)
    assert ce["positives"] + ce["negatives"] == pytest.approx(1.0)
    assert ce["frac_easy_negatives"] > 0.9 and ce["easy_negatives"] < 0.2
    assert fl["easy_negatives"] < ce["easy_negatives"] / 100
    c = ic.cumulative_loss(prob.y, z, gammas=(0.0, 2.0))
    for name in ("positives", "negatives"):
        for g in (0.0, 2.0):
            frac, cum = c[name][g]
            assert cum[-1] == pytest.approx(1.0) and np.all(np.diff(cum) >= -1e-15)
    # focal: the easiest half of the negatives carries less of their loss than under CE
    half = lambda g: np.interp(0.5, *c["negatives"][g])  # noqa: E731
    assert half(2.0) < half(0.0)


def test_flood_focal_helps_network_not_linear():
    net = ic.flood_experiment(n_easy=(5000,), seeds=(0, 1))
    ce, fl = net.column("AP mean")
    assert fl > ce + 0.01
    lin = ic.flood_experiment(n_easy=(5000,), linear=True)
    a, b = lin.column("AP mean")
    assert abs(a - b) < 0.005


def test_true_ratio_counts_and_errors():
    assert ic.true_ratio_counts(1000) == (20000, 20)
    assert ic.true_ratio_counts(1) == (2000, 2000)
    with pytest.raises(ValueError):
        ic.true_ratio_counts(2000)
    with pytest.raises(ValueError):
        ic.fit_remedy(np.zeros((4, 2)), np.array([0, 0, 1, 1]), "smote")
    assert not math.isnan(ic.tune_threshold([0, 1, 1, 0], [0.1, 0.8, 0.6, 0.3]))


def test_remedies_are_the_explorers_choices(pure):
    assert [v for _, v in pure._spec["remedy_a"]._pairs()] == list(REMEDIES)


# ------------------------------------------------------------------ stored fits (package data)
def _slider_settings():
    """Every (ratio, remedy, γ) the explorer's controls reach, read off the controls themselves."""
    spec = ImbalanceExplorer(_live=False)._spec
    ratios = [v for _, v in spec["ratio"]._pairs()]
    remedies = [v for _, v in spec["remedy_a"]._pairs()]
    g = spec["gamma"]
    n = int(round((g.max - g.min) / g.step))
    gammas = [round(g.min + k * g.step, 10) for k in range(n + 1)]
    return [
        (r, m, gm) for r in ratios for m in remedies for gm in (gammas if m == "focal" else [None])
    ]


def test_stored_fits_cover_every_explorer_setting():
    assert os.path.exists(ic.FITS_FILE), "run lossviz.imbalance_compare.precompute_fits()"
    stored = ic.stored_fits()
    settings = _slider_settings()
    missing = [s for s in settings if ic.setting_key(*s) not in stored]
    assert not missing, f"settings missing from {ic.FITS_FILE}: {missing[:5]}"
    assert len(settings) == len(ic.explorer_settings()) == 160


@pytest.mark.parametrize(
    "setting",
    [
        (1000, "none", None),
        (100, "focal", 2.0),
        (20, "undersample", None),
        (2, "prior_correction", None),
    ],
)
def test_stored_fits_agree_with_live_training(setting):
    _, live = ic.evaluate_setting(*setting)
    stored = ic.stored_setting(*setting)
    for k in ("weights", "bias", "logit_shift", "train_prior", "ap", "ece", "mean_p"):
        np.testing.assert_allclose(stored[k], live[k], rtol=1e-8, atol=1e-300, err_msg=k)
    for k in ("cal_pred", "cal_true"):
        np.testing.assert_allclose(stored[k], live[k], rtol=1e-8, err_msg=k)
    assert stored["n_train"] == live["n_train"] and stored["n_pos"] == live["n_pos"]
    assert stored["pr_tp"] == live["pr_tp"] and stored["pr_fp"] == live["pr_fp"]


def test_stored_summary_is_the_curve_bit_for_bit():
    prob = ic.make_problem(50)
    fit = ic.fit_from_record(ic.stored_setting(50, "class_weights"), "class_weights")
    p = fit.predict_proba(prob.X_test)
    precision, recall, _ = ic.pr_curve(prob.y_test, p)
    rec, prec = ic.pr_from_summary(ic.stored_setting(50, "class_weights"))
    idx = ic._thin_index(recall, 300)
    assert np.array_equal(rec, recall[idx]) and np.array_equal(prec, precision[idx])
    assert ic.stored_setting(50, "class_weights")["ap"] == ic.average_precision(prob.y_test, p)


def test_stored_and_live_explorers_print_the_same_numbers():
    kw = dict(ratio=20, remedy_a="focal", remedy_b="prior_correction", gamma=2.0, threshold=0.1)
    a = ImbalanceExplorer(_live=False).compute(**kw)
    b = ImbalanceExplorer(_live=False, precomputed=False).compute(**kw)
    for s in ("a", "b"):
        assert a[s]["stored"] and not b[s]["stored"]
        for k in ("precision", "recall", "f1", "n_pred", "ap", "ece", "mean_p"):
            assert a[s][k] == pytest.approx(b[s][k], rel=1e-8), (s, k)
        np.testing.assert_allclose(a[s]["pr_precision"], b[s]["pr_precision"], rtol=1e-12)


def test_no_move_trains_with_stored_fits(pure, monkeypatch):
    def boom(*a, **k):
        raise AssertionError("a stored setting must not train")

    monkeypatch.setattr(imb_mod, "fit_remedy", boom)
    for key in [k for k in imb_mod._cache if k[0] == "eval"]:
        del imb_mod._cache[key]
    for ratio in (1, 1000):
        for remedy in REMEDIES:
            pure.compute(ratio=ratio, remedy_a=remedy, remedy_b="focal", gamma=5.0)


def test_setting_not_stored_is_trained_live(pure):
    r = pure.compute(ratio=20, remedy_a="focal", remedy_b="none", gamma=1.25)
    assert not r["a"]["stored"] and r["b"]["stored"]
    assert r["a"]["fit_ms"] > 0 and 0 < r["a"]["ap"] <= 1
