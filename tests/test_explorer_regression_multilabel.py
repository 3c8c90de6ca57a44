"""Tests of RegressionExplorer (MSE / MAE / Huber under outliers) and MultiLabelExplorer
(sigmoids vs softmax).

compute() values without widgets; a control change updates the picture without adding artists;
both ends of every control raise nothing and show finite values or "∞"; callback errors are shown;
no figure leaks; the static twin; plot_regression_fits.
"""

import gc
import math
import warnings

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from explorer_checks import assert_clean_result, control_ends, n_artists, texts  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import lossviz as lv  # noqa: E402
from lossviz.data import make_house_prices as house_data  # noqa: E402
from lossviz.data import multilabel_target_patterns as target_patterns  # noqa: E402
from lossviz.explorers import MultiLabelExplorer, RegressionExplorer, render_small_multiples  # noqa: E402
from lossviz.explorers._base import FloatParam, IntParam  # noqa: E402
from lossviz.regression import fit_line  # noqa: E402


@pytest.fixture(scope="module")
def regression():
    return RegressionExplorer()


@pytest.fixture(scope="module")
def multilabel():
    return MultiLabelExplorer()


@pytest.fixture(scope="module")
def multilabel4():
    return MultiLabelExplorer(k=4)


EXPLORERS = ["regression", "multilabel", "multilabel4"]

MOVES = {
    "regression": [
        {"outlier_size": 0.0},
        {"outlier_size": 300.0},
        {"n_outliers": 12},
        {"delta": 100.0},
        {"outlier_size": 900.0},
        {"n_outliers": 1},
        {"delta": 5.0},
        {"outlier_size": 500.0},
    ],
    "multilabel": [
        {"z0": -3.0},
        {"target": "1,0,1"},
        {"z1": 5.0},
        {"z2": 2.0},
        {"target": "1,1,1"},
        {"z0": 4.0},
        {"target": "0,1,0"},
    ],
    "multilabel4": [
        {"z3": 3.0},
        {"target": "1,0,0,1"},
        {"z0": -6.0},
        {"target": "1,1,1,1"},
        {"z2": 1.0},
    ],
}


def _reset(ex):
    ex.set(**{k: spec.default for k, spec in ex._spec.items()})


# --------------------------------------------------------------------------- regression: values
class TestRegressionCompute:
    def test_no_outliers_fits_agree_with_each_other_and_the_truth(self, regression):
        r = regression.compute(outlier_size=0.0, n_outliers=5, delta=25.0)
        assert not r["is_outlier"].any()
        slopes = [r["fits"][k].slope for k in ("mse", "mae", "huber")]
        icpts = [r["fits"][k].intercept for k in ("mse", "mae", "huber")]
        assert max(slopes) - min(slopes) < 0.1
        assert max(icpts) - min(icpts) < 10.0
        for s, a in zip(slopes, icpts, strict=True):
            assert s == pytest.approx(lv.data.HOUSE_PRICE_SLOPE, abs=0.15)
            assert a == pytest.approx(lv.data.HOUSE_PRICE_INTERCEPT, abs=20.0)

    def test_zero_outliers_equals_zero_size(self, regression):
        a = regression.compute(outlier_size=600.0, n_outliers=0)
        b = regression.compute(outlier_size=0.0, n_outliers=7)
        np.testing.assert_array_equal(a["y"], b["y"])
        assert a["fits"]["mse"] == b["fits"]["mse"]
        assert a["outlier_share"]["mse"] == 0.0

    def test_large_outliers_pull_mse_far_more_than_mae(self, regression):
        clean = regression.compute(outlier_size=0.0, n_outliers=5)
        far = regression.compute(outlier_size=800.0, n_outliers=5)
        move = {
            k: abs(far["fits"][k].predict(120.0) - clean["fits"][k].predict(120.0))
            for k in ("mse", "mae", "huber")
        }
        assert move["mse"] > 5 * move["mae"]
        assert move["mse"] > 5 * move["huber"]
        assert abs(far["fits"]["mse"].intercept - clean["fits"]["mse"].intercept) > 50
        assert far["outlier_share"]["mse"] > 0.8
        assert far["outlier_share"]["mse"] > far["outlier_share"]["mae"]

    def test_pull_grows_with_outlier_size_only_for_mse(self, regression):
        assert regression.compute(outlier_size=0.0)["pull_ratio"]["mse"] is None
        p4 = regression.compute(outlier_size=400.0, n_outliers=5, delta=25.0)["pull_ratio"]
        p10 = regression.compute(outlier_size=1000.0, n_outliers=5, delta=25.0)["pull_ratio"]
        assert p10["mse"] > 2 * p4["mse"] > 20
        assert p4["mae"] == p10["mae"] == 1.0
        assert p4["huber"] == pytest.approx(p10["huber"]) and p4["huber"] < 2

    def test_matches_fit_line_on_the_same_data(self, regression):
        r = regression.compute(outlier_size=350.0, n_outliers=8, delta=40.0)
        for loss in ("mse", "mae", "huber"):
            ref = fit_line(r["x"], r["y"], loss=loss, delta=40.0)
            assert r["fits"][loss].slope == pytest.approx(ref.slope, rel=1e-12)
            assert r["fits"][loss].intercept == pytest.approx(ref.intercept, rel=1e-12)

    def test_outliers_are_the_chapter_outliers_first(self, regression):
        _, _, mask = lv.data.make_regression_with_outliers(50, 0.1, return_outlier_mask=True)
        r = regression.compute(outlier_size=400.0, n_outliers=5)
        np.testing.assert_array_equal(r["is_outlier"], mask)
        size, clean, _ = house_data()
        np.testing.assert_allclose(r["y"] - clean, 400.0 * mask)
        ch_size, _ = lv.data.make_regression_with_outliers(50, 0.1)
        np.testing.assert_array_equal(size, ch_size)

    def test_point_losses_and_curves(self, regression):
        r = regression.compute(outlier_size=300.0, n_outliers=5, delta=25.0)
        for loss, f in (("mse", lv.mse), ("mae", lv.mae)):
            pred = r["fits"][loss].predict(r["x"])
            np.testing.assert_allclose(r["point_loss"][loss], f(r["y"], pred, reduction="none"))
            assert r["total_loss"][loss] == pytest.approx(float(f(r["y"], pred)))
        pred = r["fits"]["huber"].predict(r["x"])
        np.testing.assert_allclose(
            r["point_loss"]["huber"], lv.huber(r["y"], pred, delta=25.0, reduction="none")
        )
        g = r["grid"]
        np.testing.assert_allclose(r["curves"]["mse"], g * g)
        np.testing.assert_allclose(
            r["curves"]["huber"], lv.huber(np.zeros_like(g), g, delta=25.0, reduction="none")
        )

    def test_delta_moves_huber_between_mse_and_mae(self, regression):
        small = regression.compute(outlier_size=500.0, n_outliers=5, delta=1.0)
        big = regression.compute(outlier_size=500.0, n_outliers=5, delta=200.0)
        mae_i, mse_i = small["fits"]["mae"].intercept, small["fits"]["mse"].intercept
        assert abs(small["fits"]["huber"].intercept - mae_i) < abs(
            small["fits"]["huber"].intercept - mse_i
        )
        assert big["fits"]["huber"].intercept > small["fits"]["huber"].intercept

    @pytest.mark.parametrize(
        "kw,exc",
        [
            ({"outlier_size": -1.0}, ValueError),
            ({"delta": 0.0}, ValueError),
            ({"n_outliers": 30}, ValueError),
            ({"n_outliers": 2.5}, ValueError),
            ({"delta": "big"}, TypeError),
        ],
    )
    def test_bad_input(self, regression, kw, exc):
        with pytest.raises(exc):
            regression.compute(**kw)


# --------------------------------------------------------------------------- multi-label: values
class TestMultiLabelCompute:
    @pytest.mark.parametrize(
        "z,target",
        [
            ((2.0, 1.5, -1.0), "1,1,0"),
            ((-8.0, 8.0, 0.0), "1,0,1"),
            ((0.3, -0.2, 4.4), "1,1,1"),
            ((5.0, 5.0, 5.0), "0,0,1"),
        ],
    )
    def test_values_match_the_maths_core(self, multilabel, z, target):
        r = multilabel.compute(z0=z[0], z1=z[1], z2=z[2], target=target)
        y = np.array([float(c) for c in target.split(",")])
        zz = np.array(z)
        np.testing.assert_allclose(r["sigmoid"], lv.sigmoid(zz))
        np.testing.assert_allclose(r["softmax"], lv.softmax(zz))
        assert r["softmax"].sum() == pytest.approx(1.0)
        np.testing.assert_allclose(r["bce"], lv.bce_with_logits(y, zz, reduction="none"))
        assert r["bce_sum"] == pytest.approx(float(lv.bce_with_logits(y, zz, reduction="sum")))
        assert r["bce_mean"] == pytest.approx(float(lv.bce_with_logits(y, zz)))
        t = y / y.sum()
        np.testing.assert_allclose(r["target_normalised"], t)
        assert r["target_normalised"].sum() == pytest.approx(1.0)
        assert r["softmax_ce"] == pytest.approx(float(lv.softmax_cross_entropy(t[None], zz[None])))
        np.testing.assert_allclose(r["grad_sigmoid"], lv.sigmoid(zz) - y)
        np.testing.assert_allclose(r["grad_softmax"], lv.softmax(zz) - t, atol=1e-12)
        assert r["softmax_ce_floor"] == pytest.approx(math.log(y.sum()))
        assert r["softmax_ce"] >= r["softmax_ce_floor"] - 1e-12

    def test_softmax_cannot_give_two_labels_high_probability(self, multilabel):
        r = multilabel.compute(z0=8.0, z1=8.0, z2=-8.0, target="1,1,0")
        assert r["on_sigmoid"] == [0, 1]
        assert r["on_softmax"] == []  # 0.5 each at best: neither above 0.5
        assert r["softmax"][:2].max() <= 0.5 + 1e-12
        assert r["bce_sum"] < 0.01 and r["softmax_ce"] == pytest.approx(math.log(2), abs=1e-6)

    def test_softmax_gradient_pushes_a_present_label_down(self, multilabel):
        r = multilabel.compute(z0=2.0, z1=1.5, z2=-1.0, target="1,1,0")
        assert r["grad_sigmoid"][0] < 0 < r["grad_softmax"][0]

    def test_readout_says_the_target_is_normalised(self, multilabel):
        multilabel.set(target="1,0,1")
        text = multilabel.readout_text
        assert "y/Σy = (0.50, 0.00, 0.50)" in text
        assert "normalised explicitly" in text
        assert "ln 2" in text

    def test_patterns(self):
        assert len(target_patterns(4)) == 15
        assert "0,0,0" not in target_patterns(3)

    @pytest.mark.parametrize(
        "kw,exc",
        [
            ({"target": "0,0,0"}, ValueError),
            ({"target": "1,2,0"}, ValueError),
            ({"target": "1,0"}, ValueError),
            ({"z9": 1.0}, TypeError),
        ],
    )
    def test_bad_input(self, multilabel, kw, exc):
        with pytest.raises(exc):
            multilabel.compute(**kw)

    @pytest.mark.parametrize("k", [1, 6, 2.0, True])
    def test_bad_k(self, k):
        with pytest.raises(ValueError):
            MultiLabelExplorer(k=k, _live=False)


# --------------------------------------------------------------------------- live behaviour
@pytest.mark.parametrize("which", EXPLORERS)
def test_control_change_updates_picture(request, which):
    ex = request.getfixturevalue(which)
    _reset(ex)
    for move in MOVES[which]:
        before = ex.render_png()
        ex.set(**move)
        assert ex.last_error is None, ex.last_error
        assert ex.render_png() != before, move


@pytest.mark.parametrize("which", EXPLORERS)
def test_widget_change_triggers_update(request, which):
    ex = request.getfixturevalue(which)
    for name, w in ex.controls.items():
        frames = ex.frames
        ends = control_ends(ex._spec[name])
        w.value = ends[0] if w.value != ends[0] else ends[-1]
        assert ex.frames == frames + 1, name
        assert ex.last_error is None


@pytest.mark.parametrize("which", EXPLORERS)
def test_artist_count_stable(request, which):
    ex = request.getfixturevalue(which)
    _reset(ex)
    ex.set(**MOVES[which][0])
    n = n_artists(ex)
    n_all = []
    for _ in range(2):
        _reset(ex)
        for move in MOVES[which]:
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
                assert_clean_result(ex.result)
                for text in texts(ex):
                    assert "nan" not in text.lower() and "undefined" not in text, (
                        name,
                        value,
                        text,
                    )
        numeric = {k: s for k, s in ex._spec.items() if isinstance(s, (FloatParam, IntParam))}
        for i in (0, -1):
            for j in (0, -1):  # corners, with mixed ends for the first control
                corner = {
                    k: control_ends(s)[i if n else j] for n, (k, s) in enumerate(numeric.items())
                }
                ex.set(**corner)
                assert ex.last_error is None, (corner, ex.last_error)
                assert_clean_result(ex.result)
                assert "nan" not in ex.readout_text.lower()


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
    "cls,move", [(RegressionExplorer, {"delta": 50.0}), (MultiLabelExplorer, {"z1": -2.0})]
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
    ex.controls[name].value = ex._spec[name].default
    assert ex.last_error is None and not ex.error_output.outputs


@pytest.mark.parametrize(
    "which,bad",
    [
        ("regression", {"delta": 0.0}),
        ("multilabel", {"z0": 9.0}),
        ("multilabel", {"target": "0,0,0"}),
    ],
)
def test_out_of_range_set_raises(request, which, bad):
    ex = request.getfixturevalue(which)
    with pytest.raises(ValueError):
        ex.set(**bad)
    with pytest.raises(TypeError):
        ex.set(nonsense=1)


def test_regression_readout(regression):
    regression.set(outlier_size=400.0, n_outliers=5, delta=25.0)
    text = regression.readout_text
    r = regression.result
    for name, label in (("mse", "MSE"), ("mae", "MAE"), ("huber", "Huber")):
        f = r["fits"][name]
        line = next(t for t in text.splitlines() if t.startswith(label))
        assert f"{f.intercept:.1f}" in line and f"{f.slope:.3f}" in line
    regression.set(outlier_size=0.0)
    assert regression.readout_text.startswith("no outliers")


def test_regression_uses_plot_regression_fits_styles(regression):
    for name in ("mse", "mae", "huber"):
        line = regression.artists[f"line_{name}"]
        assert line.get_color() == lv.style.LOSS_COLORS[name]
        assert regression.artists[f"curve_{name}"].get_color() == lv.style.LOSS_COLORS[name]


def test_static_twins():
    for cls, settings in (
        (RegressionExplorer, [{"outlier_size": 0.0}, {"outlier_size": 600.0}]),
        (
            MultiLabelExplorer,
            [{"z0": 3.0, "z1": 3.0, "target": "1,1,0"}, {"z0": 3.0, "z1": -3.0, "target": "1,0,0"}],
        ),
    ):
        n_pyplot = len(plt.get_fignums())
        fig = cls().static(settings)
        assert isinstance(fig, Figure) and len(fig.subfigs) == 2
        assert len(plt.get_fignums()) == n_pyplot
        assert fig._repr_png_()[:4] == b"\x89PNG"
    fig = render_small_multiples(MultiLabelExplorer, [{"target": "1,0,0,1"}], k=4)
    assert "target (1,0,0,1)" in fig.subfigs[0]._suptitle.get_text()


def test_lazy_exports():
    assert lv.RegressionExplorer is RegressionExplorer
    assert lv.MultiLabelExplorer is MultiLabelExplorer


# --------------------------------------------------------------------------- plot_regression_fits
def test_plot_regression_fits():
    before = dict(matplotlib.rcParams)
    x, y, out = lv.data.make_regression_with_outliers(50, 0.1, return_outlier_mask=True)
    fits = {k: fit_line(x, y, loss=k, delta=25.0) for k in ("mse", "mae", "huber")}
    ax = Figure().subplots()
    art = lv.plots.plot_regression_fits(x, y, fits, outliers=out, ax=ax, true_line=(50.0, 3.0))
    assert set(art) == {"ax", "points", "outliers", "true", "mse", "mae", "huber"}
    assert len(art["outliers"].get_xdata()) == 5 and len(art["points"].get_xdata()) == 45
    for k, f in fits.items():
        assert art[k].get_color() == lv.style.LOSS_COLORS[k]
        xs, ys = art[k].get_data()
        np.testing.assert_allclose(ys, f.intercept + f.slope * np.asarray(xs))
    assert dict(matplotlib.rcParams) == before
    with pytest.raises(ValueError):
        lv.plots.plot_regression_fits(x, y[:3], fits, ax=ax)
    with pytest.raises(ValueError):
        lv.plots.plot_regression_fits(x, y, fits, outliers=out[:4], ax=ax)
    with pytest.raises(TypeError):
        lv.plots.plot_regression_fits(x, y, {"mse": "line"}, ax=ax)
    n = len(plt.get_fignums())
    art = lv.plots.plot_regression_fits(
        x, y, {"clean": (50.0, 3.0)}
    )  # ax=None: a new pyplot figure
    assert len(plt.get_fignums()) == n + 1
    plt.close(art["ax"].figure)
