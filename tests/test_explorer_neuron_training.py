"""Tests of the training explorers: NeuronTrainingExplorer (Nielsen's single neuron) and
ImbalanceExplorer.

compute() values without widgets; a control change updates the picture without adding artists;
both ends of every control raise nothing and show finite values or "∞"/"n/a"; no figure leaks;
errors in callbacks are shown; the static twin.
"""

import gc
import math
import warnings

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from explorer_checks import assert_clean_result, control_ends, n_artists, texts  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lossviz.explorers import ImbalanceExplorer, NeuronTrainingExplorer, render_small_multiples  # noqa: E402
from lossviz.explorers._base import ChoiceParam  # noqa: E402
from lossviz.explorers.imbalance import RATIOS  # noqa: E402
from lossviz.explorers.neuron import train_neuron_runs  # noqa: E402
from lossviz.train import train_single_neuron  # noqa: E402


@pytest.fixture(scope="module")
def neuron():
    return NeuronTrainingExplorer()


@pytest.fixture(scope="module")
def imbalance():
    return ImbalanceExplorer()


@pytest.fixture(scope="module")
def imb_pure():
    return ImbalanceExplorer(_live=False)


# --------------------------------------------------------------------------- neuron: values
class TestNeuronCompute:
    def test_nielsen_quadratic_numbers(self, neuron):
        r1 = neuron.compute(w0=0.6, b0=0.9, lr=0.15, epochs=300)
        r2 = neuron.compute(w0=2.0, b0=2.0, lr=0.15, epochs=300)
        assert round(r1["start_output"], 2) == 0.82
        assert round(r2["start_output"], 2) == 0.98
        assert round(r1["final_output"]["quadratic"], 2) == 0.09
        assert round(r2["final_output"]["quadratic"], 2) == 0.20
        assert r1["final_output"]["quadratic"] == pytest.approx(0.0940, abs=5e-4)
        assert r2["final_output"]["quadratic"] == pytest.approx(0.2028, abs=5e-4)

    def test_cross_entropy_far_lower(self, neuron):
        for w0, b0 in ((0.6, 0.9), (2.0, 2.0)):
            r = neuron.compute(w0=w0, b0=b0, lr=0.15, epochs=300)
            ce, quad = r["final_output"]["ce"], r["final_output"]["quadratic"]
            assert ce < 0.02
            assert ce < quad / 5
            assert r["final_cost"]["ce"] < r["cost"]["ce"][0] / 100

    def test_mseloss_is_doubled_learning_rate(self, neuron):
        r1 = neuron.compute(w0=0.6, b0=0.9, lr=0.15, epochs=300)
        r2 = neuron.compute(w0=2.0, b0=2.0, lr=0.15, epochs=300)
        assert round(r1["final_output"]["mseloss"], 3) == 0.061
        assert round(r2["final_output"]["mseloss"], 3) == 0.078
        doubled = neuron.compute(w0=2.0, b0=2.0, lr=0.30, epochs=300)
        np.testing.assert_allclose(
            r2["output"]["mseloss"], doubled["output"]["quadratic"], rtol=1e-12
        )

    @pytest.mark.parametrize(
        "w0,b0,lr,epochs",
        [
            (0.6, 0.9, 0.15, 300),
            (2.0, 2.0, 0.15, 300),
            (-3.0, 4.5, 1.7, 137),
            (5.0, 5.0, 3.0, 1000),
        ],
    )
    def test_agrees_with_train_single_neuron(self, neuron, w0, b0, lr, epochs):
        r = neuron.compute(w0=w0, b0=b0, lr=lr, epochs=epochs)
        for name, kw in (
            ("ce", {"loss": "bce"}),
            ("quadratic", {"loss": "mse", "mse_scale": 0.5}),
            ("mseloss", {"loss": "mse", "mse_scale": 1.0}),
        ):
            ref = train_single_neuron(w0, b0, lr=lr, epochs=epochs, **kw)
            np.testing.assert_allclose(r["w"][name], ref.w, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(r["output"][name], ref.output, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(r["cost"][name], ref.cost, rtol=1e-9, atol=1e-12)

    def test_cache_extension_equals_fresh_run(self):
        short = train_neuron_runs(0.37, -1.1, 0.77, 50)
        long_ = train_neuron_runs(0.37, -1.1, 0.77, 400)
        again = train_neuron_runs(0.37, -1.1, 0.77, 120)
        for name in short:
            np.testing.assert_array_equal(long_[name][0][:51], short[name][0])
            np.testing.assert_array_equal(long_[name][0][:121], again[name][0])
        ref = train_single_neuron(0.37, -1.1, lr=0.77, epochs=400, loss="bce")
        np.testing.assert_allclose(long_["ce"][0], ref.w, rtol=1e-12)
        with pytest.raises(ValueError):
            long_["ce"][0][0] = 1.0  # read-only: a caller cannot corrupt the cache

    def test_shapes_and_start(self, neuron):
        r = neuron.compute(w0=0.6, b0=0.9, lr=0.15, epochs=300)
        assert r["epoch"].shape == (301,)
        for name in ("ce", "quadratic", "mseloss"):
            assert r["output"][name].shape == (301,)
            assert r["output"][name][0] == pytest.approx(r["start_output"])
        z0 = 1.5
        s = 1 / (1 + math.exp(-z0))
        assert r["slowdown"] == pytest.approx(1 / (s * (1 - s)))
        assert r["start_grad_z"]["quadratic"] == pytest.approx(s * s * (1 - s))

    def test_epochs_zero(self, neuron):
        r = neuron.compute(w0=2.0, b0=2.0, lr=0.15, epochs=0)
        assert r["epoch"].tolist() == [0]
        assert r["final_output"]["ce"] == r["start_output"]

    def test_slowdown_infinite_is_inf_not_nan(self, neuron):
        r = neuron.compute(w0=400.0, b0=400.0, lr=0.1, epochs=3)  # sigma'(800) underflows to 0
        assert r["slowdown"] == math.inf
        assert_clean_result(r, skip=("boundary",))

    @pytest.mark.parametrize(
        "kw,exc",
        [
            ({"lr": 0.0}, ValueError),
            ({"lr": -1.0}, ValueError),
            ({"epochs": -1}, ValueError),
            ({"epochs": 2.5}, ValueError),
            ({"w0": float("nan")}, ValueError),
            ({"b0": "1"}, TypeError),
            ({"y": 1.5}, ValueError),
        ],
    )
    def test_bad_input(self, neuron, kw, exc):
        with pytest.raises(exc):
            neuron.compute(**kw)


# ImbalanceExplorer's values: tests/test_explorer_imbalance.py


# --------------------------------------------------------------------------- both: live behaviour
EXPLORERS = ["neuron", "imbalance"]

MOVES = {
    "neuron": [
        {"w0": 2.0, "b0": 2.0},
        {"lr": 0.5},
        {"epochs": 120},
        {"show_mseloss": True},
        {"w0": -1.0},
        {"epochs": 1000},
        {"show_mseloss": False},
    ],
    "imbalance": [
        {"ratio": 10},
        {"remedy_b": "focal"},
        {"ratio": 1000},
        {"threshold": 0.05},
        {"remedy_a": "oversample"},
        {"gamma": 0.5},
        {"remedy_b": "prior_correction"},
        {"ratio": 1},
    ],
}


@pytest.mark.parametrize("which", EXPLORERS)
def test_control_change_updates_picture(request, which):
    ex = request.getfixturevalue(which)
    for move in MOVES[which]:
        before = ex.render_png()
        ex.set(**move)
        assert ex.last_error is None, ex.last_error
        assert ex.render_png() != before, move


@pytest.mark.parametrize("which", EXPLORERS)
def test_widget_change_triggers_update(request, which):
    ex = request.getfixturevalue(which)
    frames = ex.frames
    name, w = next((k, w) for k, w in ex.controls.items() if not getattr(w, "disabled", False))
    spec = ex._spec[name]
    ends = control_ends(spec)
    w.value = ends[0] if w.value != ends[0] else ends[-1]
    assert ex.frames == frames + 1
    assert ex.last_error is None


@pytest.mark.parametrize("which", EXPLORERS)
def test_artist_count_stable(request, which):
    ex = request.getfixturevalue(which)
    ex.set(**MOVES[which][0])
    n = n_artists(ex)
    n_all = []
    for move in MOVES[which] * 2:
        ex.set(**move)
        assert n_artists(ex) == n, move
        n_all.append(len(ex.figure.findobj()))
    half = len(MOVES[which])
    assert n_all[:half] == n_all[half:]  # ticks included: the same settings give the same count


@pytest.mark.parametrize("which", EXPLORERS)
def test_every_control_at_both_ends(request, which):
    ex = request.getfixturevalue(which)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, spec in ex._spec.items():
            for value in control_ends(spec):
                ex.set(**{name: value})
                assert ex.last_error is None, (name, value, ex.last_error)
                assert_clean_result(ex.result, skip=("boundary",))
                for text in texts(ex):
                    assert "nan" not in text.lower() and "undefined" not in text, (
                        name,
                        value,
                        text,
                    )
        # the extreme corners together
        corners = [
            {k: control_ends(s)[i] for k, s in ex._spec.items() if not isinstance(s, ChoiceParam)}
            for i in (0, -1)
        ]
        for corner in corners:
            ex.set(**corner)
            assert ex.last_error is None, (corner, ex.last_error)
            assert_clean_result(ex.result, skip=("boundary",))


def test_neuron_extreme_start_shows_infinity_or_finite(neuron):
    neuron.set(w0=5.0, b0=5.0, lr=0.01, epochs=0)
    text = neuron.readout_text
    assert "nan" not in text.lower()
    assert all(np.isfinite(v) for v in neuron.result["final_cost"].values())


def test_imbalance_ratio_slider_is_log_spaced(imbalance):
    opts = [v for _, v in imbalance._spec["ratio"]._pairs()]
    assert opts[0] == 1 and opts[-1] == 1000 and tuple(opts) == RATIOS
    steps = np.diff(np.log10(opts))
    assert steps.max() < 0.5  # no big jumps in log scale
    assert type(imbalance.controls["ratio"]).__name__ == "SelectionSlider"


@pytest.mark.parametrize("which", EXPLORERS)
def test_no_figure_leak_over_100_moves(request, which):
    ex = request.getfixturevalue(which)
    moves = MOVES[which]
    ex.set(**moves[0])
    gc.collect()
    n_pyplot = len(plt.get_fignums())
    n_fig = sum(isinstance(o, Figure) for o in gc.get_objects())
    n_art = n_artists(ex)
    for i in range(100):
        ex.set(**moves[i % len(moves)])
    gc.collect()
    assert len(plt.get_fignums()) == n_pyplot
    assert sum(isinstance(o, Figure) for o in gc.get_objects()) == n_fig
    assert n_artists(ex) == n_art
    assert ex.last_error is None


@pytest.mark.parametrize(
    "cls,move", [(NeuronTrainingExplorer, {"w0": 1.0}), (ImbalanceExplorer, {"ratio": 20})]
)
def test_callback_error_is_shown(cls, move):
    ex = cls()

    def broken(**kwargs):
        raise RuntimeError("boom in compute")

    good = ex.compute
    ex.compute = broken
    name, value = next(iter(move.items()))
    ex.controls[name].value = value  # a slider move: the callback must not raise
    assert "boom in compute" in ex.last_error
    assert ex.error_output.outputs and "boom in compute" in ex.error_output.outputs[0]["text"]
    ex.compute = good
    ex.set(**move)
    ex.controls[name].value = ex._spec[name].default
    assert ex.last_error is None and not ex.error_output.outputs


@pytest.mark.parametrize("which", EXPLORERS)
def test_out_of_range_set_raises(request, which):
    ex = request.getfixturevalue(which)
    bad = {"neuron": {"lr": 10.0}, "imbalance": {"ratio": 3}}[which]
    with pytest.raises(ValueError):
        ex.set(**bad)
    with pytest.raises(TypeError):
        ex.set(nonsense=1)


def test_static_twin_neuron(neuron):
    fig = neuron.static(
        [
            {"w0": 0.6, "b0": 0.9, "lr": 0.15, "epochs": 300},
            {"w0": 2.0, "b0": 2.0, "lr": 0.15, "epochs": 300},
        ]
    )
    assert isinstance(fig, Figure)
    assert len(fig.subfigs) == 2
    titles = [sf._suptitle.get_text() for sf in fig.subfigs]
    assert titles[0].startswith("w₀ = 0.6, b₀ = 0.9")
    assert plt.get_fignums() == [] or all(plt.figure(n) is not fig for n in plt.get_fignums())


def test_static_twin_imbalance_from_class():
    fig = render_small_multiples(
        ImbalanceExplorer,
        [
            {"ratio": 100},
            {"ratio": 100, "remedy_b": "oversample"},
            {"ratio": 100, "remedy_b": "focal", "gamma": 1.5},
        ],
    )
    assert isinstance(fig, Figure) and len(fig.subfigs) == 3
    assert "oversampling" in fig.subfigs[1]._suptitle.get_text()
    assert "γ=1.5" in fig.subfigs[2]._suptitle.get_text()
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:4] == b"\x89PNG"


def test_small_multiples_helper_if_present():
    lv = pytest.importorskip("lossviz")
    try:
        from lossviz.plots import small_multiples
    except ImportError:
        pytest.skip("lossviz.plots.small_multiples not available yet")
    fig = small_multiples(NeuronTrainingExplorer, [{"w0": 0.6, "b0": 0.9}, {"w0": 2.0, "b0": 2.0}])
    assert isinstance(fig, Figure)
    assert lv is not None


@pytest.mark.parametrize("which", EXPLORERS)
def test_update_timing_recorded(request, which):
    ex = request.getfixturevalue(which)
    ex.set(**MOVES[which][1])
    assert set(ex.timings) == {"compute", "draw", "encode", "total"}
    assert ex.timings["total"] > 0


def test_imbalance_selection_sliders_accept_values(imbalance):
    imbalance.set(remedy_b="focal", gamma=1.5, ratio=50)
    assert imbalance.params["ratio"] == 50 and imbalance.result["b"]["gamma"] == 1.5
    with pytest.raises(ValueError):
        imbalance.set(ratio=3)  # not a value of the slider
    with pytest.raises(ValueError):
        imbalance.set(remedy_a="smote")
