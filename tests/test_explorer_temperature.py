"""Tests of TemperatureExplorer and lossviz.posthoc: held-out numbers against lossviz.calibration,
every control moved (both ends and the middle), artists updated in place, the static twin."""

import warnings

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists, texts

from lossviz import calibration, posthoc
from lossviz.explorers import TemperatureExplorer


@pytest.fixture(scope="module")
def ex():
    return TemperatureExplorer()


@pytest.mark.parametrize("name", list(posthoc.STUDIES))
def test_metrics_agree_with_calibration_module(name):
    s = posthoc.temperature_study(name)
    for T in (0.5, 1.0, s.temperature, 3.0):
        m = s.metrics(T)
        p = calibration.apply_temperature(s.logits_test, T)
        assert m["ece"] == pytest.approx(calibration.top_label_ece(s.y_test, p), abs=1e-12)
        assert m["nll"] == pytest.approx(
            calibration.temperature_nll(s.logits_test, s.y_test, T), abs=1e-12
        )
    assert s.temperature == calibration.fit_temperature(s.logits_val, s.y_val)


def test_both_ways():
    over = posthoc.temperature_study("over-confident")
    well = posthoc.temperature_study("well-specified")
    # over-confident: T well above 1, held-out ECE and NLL both drop, accuracy unchanged
    assert over.temperature > 3
    b, a = over.metrics(1.0), over.metrics(over.temperature)
    assert a["ece"] < b["ece"] / 2 and a["nll"] < b["nll"] / 2
    assert a["accuracy"] == b["accuracy"] and b["mean_confidence"] > b["accuracy"] + 0.1
    # already calibrated: T close to 1 and nothing to gain on held-out data
    assert abs(well.temperature - 1) < 0.1
    b, a = well.metrics(1.0), well.metrics(well.temperature)
    assert abs(a["ece"] - b["ece"]) < 0.002 and abs(a["nll"] - b["nll"]) < 0.002


def test_validation_and_test_are_different_draws():
    s = posthoc.temperature_study("over-confident")
    assert s.y_val.size == 1000 and s.y_test.size == 4000
    assert not np.allclose(s.logits_val[:100], s.logits_test[:100])


def test_reliability_bins_keep_empty_bins():
    r = posthoc.reliability_bins(np.array([0, 1]), np.array([[0.95, 0.05], [0.55, 0.45]]))
    assert r["count"].sum() == 2 and r["count"].size == 15
    assert r["ece"] == pytest.approx((0.05 + 0.55) / 2)


def _middle(spec):
    if hasattr(spec, "options"):
        vals = [v for _, v in spec._pairs()]
        return vals[len(vals) // 2]
    ends = control_ends(spec)
    return (ends[0] + ends[-1]) / 2


def test_every_control_both_ends_and_middle_in_place(ex):
    ex.set(model="over-confident", T=1.0)
    n = n_artists(ex)
    ids = {k: id(v) for k, v in ex.artists.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, spec in ex._spec.items():
            for value in [*control_ends(spec), _middle(spec)]:
                ex.set(**{name: value})
                assert ex.last_error is None, (name, value, ex.last_error)
                assert_clean_result(ex.result)
                assert n_artists(ex) == n, (name, value)
                assert {k: id(v) for k, v in ex.artists.items()} == ids
                assert all("nan" not in t.lower() for t in texts(ex))
    ex.set(model="over-confident", T=1.0)


def test_control_move_changes_picture(ex):
    for move in ({"T": 4.0}, {"model": "well-specified"}, {"T": 0.5}):
        before = ex.render_png()
        ex.set(**move)
        assert ex.render_png() != before, move
    ex.set(model="over-confident", T=1.0)


def test_capped_nll_at_coldest_temperature(ex):
    ex.set(model="over-confident", T=0.25)
    assert ex.result["nll"] > 2.4 and ex.artists["nll_mark"].capped
    ex.set(T=1.0)
    assert not ex.artists["nll_mark"].capped


def test_readout_names_the_fitted_temperature(ex):
    ex.set(model="over-confident", T=1.0)
    assert "fitted on validation: 4.924" in ex.readout_text
    assert "test ECE = 0.133" in ex.readout_text


def test_update_is_fast(ex):
    import time

    times = []
    for T in np.linspace(0.3, 7.5, 15):
        t = time.perf_counter()
        ex.set(T=round(float(T), 2))
        times.append(time.perf_counter() - t)
    assert np.median(times) < 0.1  # about 10 ms unloaded; loose here (shared CI machine)


def test_static_twin(ex):
    over = posthoc.temperature_study("over-confident")
    fig = ex.static([dict(T=1.0), dict(T=over.temperature)])
    assert len(fig.subfigs) == 2
    assert fig.subfigs[1]._suptitle.get_text() == "over-confident model, T = 4.92"


def test_bad_values(ex):
    with pytest.raises(ValueError):
        ex.set(T=0.1)
    with pytest.raises(ValueError):
        ex.set(model="under-confident")
    with pytest.raises(ValueError):
        posthoc.temperature_study("nope")
