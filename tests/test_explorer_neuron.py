"""Tests of the neuron explorer: a learning rate per cost, its legend and readout (chapter 04)."""

import pytest
from explorer_checks import control_ends

from lossviz.explorers import NeuronTrainingExplorer
from lossviz.explorers.neuron import LEARNING_RATES
from lossviz.train import train_single_neuron


@pytest.fixture(scope="module")
def ex():
    return NeuronTrainingExplorer(w0=2.0, b0=2.0)


def test_rate_sliders_reach_nielsen_0_005(ex):
    for name in ("lr", "lr_ce"):
        assert control_ends(ex._spec[name])[0] == 0.005
        assert type(ex.controls[name]).__name__ == "SelectionSlider"
    assert 0.15 in LEARNING_RATES and 0.01 in LEARNING_RATES


@pytest.mark.parametrize("w0,b0,final", [(0.6, 0.9, 0.418), (2.0, 2.0, 0.780)])
def test_nielsen_rate_for_cross_entropy(ex, w0, b0, final):
    r = ex.compute(w0=w0, b0=b0, lr=0.15, lr_ce=0.005, epochs=300)
    assert r["final_output"]["ce"] == pytest.approx(final, abs=5e-4)
    ref = train_single_neuron(w0, b0, lr=0.005, epochs=300, loss="bce")
    assert r["final_output"]["ce"] == pytest.approx(float(ref.output[-1]), rel=1e-9)
    # the quadratic costs keep their own rate
    same = ex.compute(w0=w0, b0=b0, lr=0.15, epochs=300)
    assert r["final_output"]["quadratic"] == same["final_output"]["quadratic"]


def test_lr_ce_default_is_lr(ex):
    a = ex.compute(w0=2.0, b0=2.0, lr=0.3, epochs=50)
    b = ex.compute(w0=2.0, b0=2.0, lr=0.3, lr_ce=0.3, epochs=50)
    assert a["final_output"] == b["final_output"]


def test_legend_names_only_drawn_curves(ex):
    ex.set(show_mseloss=False)
    legends = ex.artists["_legends"]
    visible = [lg for lg in legends.values() if lg.get_visible()]
    assert len(visible) == 1
    assert not any("MSELoss" in t.get_text() for t in visible[0].get_texts())
    ex.set(show_mseloss=True)
    visible = [lg for lg in legends.values() if lg.get_visible()]
    assert any("MSELoss" in t.get_text() for t in visible[0].get_texts())
    ex.set(show_mseloss=False)


def test_readout_is_readable(ex):
    ex.set(w0=2.0, b0=2.0, lr=0.15, lr_ce=0.005)
    text = ex.readout_text
    assert "CE 0.005" in text and "quadratic 0.15" in text
    assert "56.6 × that of ½(a−y)²" in text and "<" not in text


def test_every_rate_setting(ex):
    for value in (0.005, 0.15, 3.0):
        for name in ("lr", "lr_ce"):
            ex.set(**{name: value})
            assert ex.last_error is None, (name, value, ex.last_error)


def test_bad_lr_ce(ex):
    with pytest.raises(ValueError):
        ex.compute(lr_ce=0.0)
    with pytest.raises(ValueError):
        ex.set(lr_ce=0.004)
