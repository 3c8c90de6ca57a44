"""Explorers: pure compute values, live updates in place, slider ends, errors shown, no leaks."""

from __future__ import annotations

import math
import warnings

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lossviz as lv  # noqa: E402
from lossviz import style  # noqa: E402
from lossviz.explorers import (  # noqa: E402
    EntropyExplorer,
    Explorer,
    FloatParam,
    IntParam,
    LossExplorer,
    SaturationExplorer,
    SoftmaxExplorer,
)
from lossviz.gradients import focal_grad_prob  # noqa: E402
from lossviz.gradients import mse_softmax_grad as softmax_mse_grad  # noqa: E402
from lossviz.losses import focal_loss_prob  # noqa: E402

FACTORIES = {
    "loss": lambda **kw: LossExplorer(**kw),
    "saturation": lambda **kw: SaturationExplorer(**kw),
    "saturation_wxb": lambda **kw: SaturationExplorer(inputs="wxb", **kw),
    "entropy": lambda **kw: EntropyExplorer(k=3, **kw),
    "entropy6": lambda **kw: EntropyExplorer(k=6, **kw),
    "softmax": lambda **kw: SoftmaxExplorer(n_classes=3, **kw),
    "softmax5": lambda **kw: SoftmaxExplorer(n_classes=5, **kw),
}
MOVES = {  # a slider and a few values for it
    "loss": ("p", [0.1, 0.5, 0.9]),
    "saturation": ("z", [-6.0, 3.0, 6.0]),
    "saturation_wxb": ("w", [-2.0, 0.5, 3.0]),
    "entropy": ("q1", [0.1, 0.5, 0.9]),
    "entropy6": ("p3", [0.1, 0.5, 0.9]),
    "softmax": ("z1", [-5.0, 0.0, 5.0]),
    "softmax5": ("T", [0.1, 0.5, 4.0]),
}


@pytest.fixture(params=sorted(FACTORIES))
def name(request):
    return request.param


@pytest.fixture
def ex(name):
    return FACTORIES[name]()


def n_artists(ex):
    return len(ex.figure.findobj())


# --------------------------------------------------------------------------- compute values
def test_loss_worked_examples():
    ex = LossExplorer(_live=False)
    r = ex.compute(p=0.8, y=1, gamma=2)
    assert round(r["bce"], 3) == 0.223
    assert round(ex.compute(p=0.2, y=1)["bce"], 3) == 1.609
    assert r["mse"] == pytest.approx(0.04)
    assert r["bce_grad"] == pytest.approx(-1.25)
    assert r["mse_grad"] == pytest.approx(-0.4)
    assert r["focal"] == pytest.approx(0.2**2 * -math.log(0.8))
    # y = 0 mirrors y = 1
    r0 = ex.compute(p=0.2, y=0)
    assert r0["bce"] == pytest.approx(-math.log(0.8))


def test_loss_infinite_ends_are_inf_not_nan():
    ex = LossExplorer(_live=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = ex.compute(p=0.0, y=1)
        r1 = ex.compute(p=1.0, y=0)
        r2 = ex.compute(p=1.0, y=1, gamma=0.5)
    assert r["bce"] == math.inf and r["bce_grad"] == -math.inf and r["focal"] == math.inf
    assert r1["bce"] == math.inf and r1["bce_grad"] == math.inf
    assert r2["bce"] == 0.0 and r2["focal"] == 0.0 and r2["focal_grad"] == 0.0
    for res in (r, r1, r2):
        for key in ("bce", "mse", "focal", "bce_grad", "mse_grad", "focal_grad"):
            assert not math.isnan(res[key])
        for loss, grad in res["curves"].values():
            assert not np.any(np.isnan(loss)) and not np.any(np.isnan(grad))


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("y", [0, 1])
def test_focal_prob_matches_core_and_numerical_gradient(gamma, y):
    p = np.array([0.03, 0.2, 0.5, 0.8, 0.97])
    core = lv.focal_loss_with_logits(
        np.full(5, float(y)), lv.logit(p), gamma=gamma, reduction="none"
    )
    np.testing.assert_allclose(focal_loss_prob(y, p, gamma), core, rtol=1e-10, atol=1e-14)
    num = [lv.numerical_grad(lambda t: float(focal_loss_prob(y, t[0], gamma)), [v])[0] for v in p]
    np.testing.assert_allclose(focal_grad_prob(y, p, gamma), num, rtol=1e-5, atol=1e-8)


def test_saturation_ratio_conventions():
    ex = SaturationExplorer(_live=False)
    r = ex.compute(z=0.0, y=1)
    assert r["ratio"] == 2.0 and r["ratio_half"] == 4.0  # (p-y)^2 vs 1/2 (p-y)^2
    assert r["bce_grad"] == -0.5 and r["mse_grad"] == -0.25
    assert abs(r["bce_grad"] / r["mse_grad"]) == pytest.approx(r["ratio"])
    assert abs(r["bce_grad"] / r["mse_half_grad"]) == pytest.approx(r["ratio_half"])
    for z, y in ((-6.0, 1), (6.0, 0)):
        r = ex.compute(z=z, y=y)
        assert 150 < r["ratio"] < 250 and 350 < r["ratio_half"] < 450  # hundreds at |z| = 6
        assert abs(r["bce_grad"] / r["mse_grad"]) == pytest.approx(r["ratio"])
    r = ex.compute(z=10.0, y=1)
    assert np.isfinite(r["ratio"]) and r["ratio"] > 1e4


def test_saturation_weight_input_bias():
    ex = SaturationExplorer(inputs="wxb", _live=False)
    r = ex.compute(w=2.0, x=-1.5, b=0.5, y=1)
    assert r["z"] == -2.5
    assert r["ratio"] == ex.compute(z=-2.5, y=1)["ratio"]
    assert r["bce_grad"] == pytest.approx(lv.sigmoid(-2.5) - 1)
    with pytest.raises(TypeError, match="either z or"):
        ex.compute(z=1.0, w=1.0)
    with pytest.raises(ValueError, match="inputs must be"):
        SaturationExplorer(inputs="wx")
    spec = SaturationExplorer(inputs="wxb", _live=False).param_spec()
    worst = (
        max(abs(spec["w"].min), spec["w"].max) * max(abs(spec["x"].min), spec["x"].max)
        + spec["b"].max
    )
    assert worst <= 10.0  # z stays on the axes


def test_compute_validates_inputs():
    ex = LossExplorer(_live=False)
    with pytest.raises(ValueError, match="p must be a probability"):
        ex.compute(p=1.2)
    with pytest.raises(ValueError, match="y must be the true label 0 or 1"):
        ex.compute(y=0.5)
    with pytest.raises(ValueError, match="gamma must be"):
        ex.compute(gamma=-1)
    with pytest.raises(ValueError, match="T must be a positive temperature"):
        SoftmaxExplorer(_live=False).compute(T=0.0)
    with pytest.raises(ValueError, match="weights of q must be finite and >= 0"):
        EntropyExplorer(_live=False).compute(q=[0.5, -0.1, 0.6])


def test_entropy_values_and_infinity():
    ex = EntropyExplorer(k=3, _live=False)
    r = ex.compute(p1=0.6, p2=0.3, p3=0.1, q1=0.2, q2=0.3, q3=0.5, unit="nats")
    p, q = np.array([0.6, 0.3, 0.1]), np.array([0.2, 0.3, 0.5])
    assert r["H_p"] == pytest.approx(lv.entropy(p))
    assert r["H_pq"] == pytest.approx(lv.cross_entropy(p, q))
    assert r["KL"] == pytest.approx(r["H_pq"] - r["H_p"])
    rb = ex.compute(p1=0.6, p2=0.3, p3=0.1, q1=0.2, q2=0.3, q3=0.5, unit="bits")
    assert rb["KL"] == pytest.approx(r["KL"] / math.log(2))
    # weights are normalised, and said so: weights (2, 1, 1) mean p = (0.5, 0.25, 0.25)
    r = ex.compute(p=[2.0, 1.0, 1.0], q=[1.0, 1.0, 0.0])
    np.testing.assert_allclose(r["p"], [0.5, 0.25, 0.25])
    assert r["H_pq"] == math.inf and r["KL"] == math.inf
    assert "∞" in r["message"]
    # all-zero weights: no distribution, no exception
    r = ex.compute(p=[0.0, 0.0, 0.0], q=[1.0, 1.0, 1.0])
    assert r["p"] is None and r["KL"] is None and "all weights of p are 0" in r["message"]


def test_softmax_values_and_gradients():
    ex = SoftmaxExplorer(n_classes=4, _live=False)
    z = np.array([1.0, -0.5, 2.0, 0.3])
    for T in (0.5, 1.0, 3.0):
        r = ex.compute(z=z, T=T, true_class=1)
        u = z / T
        np.testing.assert_allclose(r["p"], lv.softmax(u))
        assert r["ce"] == pytest.approx(lv.softmax_cross_entropy([1], u[None, :]))
        np.testing.assert_allclose(r["grad_ce"], lv.softmax_cross_entropy_grad([1], u[None, :])[0])
        f = lambda t: float(((lv.softmax(t) - np.eye(4)[1]) ** 2).sum())  # noqa: E731
        np.testing.assert_allclose(r["grad_mse"], lv.numerical_grad(f, u), atol=1e-7)
        np.testing.assert_allclose(r["grad_mse"], softmax_mse_grad(1, u))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = ex.compute(z=[-10.0, 10.0, 10.0, -10.0], T=0.05, true_class=0)
    assert np.isfinite(r["ce"]) and r["ce"] == pytest.approx(400 + math.log(2))
    assert r["grad_ce"][0] == pytest.approx(-1.0) and abs(r["grad_mse"][0]) < 1e-100


def test_compute_is_pure(ex):
    before = ex.params
    img = ex.image.value
    frames = ex.frames
    ex.compute(**ex._compute_args(before))
    assert ex.params == before and ex.image.value == img and ex.frames == frames


# --------------------------------------------------------------------------- live behaviour
def test_control_change_updates_in_place(name, ex):
    key, values = MOVES[name]
    n0 = n_artists(ex)
    ids = {k: id(v) for k, v in ex.artists.items()}
    seen = {bytes(ex.image.value)}
    pngs = {ex.render_png()}
    for v in values:
        ex.controls[key].value = v
        assert ex.last_error is None, ex.last_error
        seen.add(bytes(ex.image.value))
        pngs.add(ex.render_png())
    assert (
        len(seen) == len(values) + 1 and len(pngs) == len(values) + 1
    )  # the picture changed each time
    assert n_artists(ex) == n0  # no artist was added
    assert {k: id(v) for k, v in ex.artists.items()} == ids


def test_every_slider_end(name, ex):
    n0 = n_artists(ex)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for key, spec in ex.param_spec().items():
            if not isinstance(spec, (FloatParam, IntParam)):
                continue
            for end in (spec.min, spec.max):
                ex.controls[key].value = end
                assert ex.last_error is None, f"{key}={end}: {ex.last_error}"
                text = ex.readout_text
                assert "nan" not in text.lower(), f"{key}={end}: {text}"
        # all sliders at their lower / upper ends together
        for which in ("min", "max"):
            ex.set(
                **{
                    k: getattr(s, which)
                    for k, s in ex.param_spec().items()
                    if isinstance(s, (FloatParam, IntParam))
                }
            )
            assert ex.last_error is None, ex.last_error
            assert "nan" not in ex.readout_text.lower()
    assert n_artists(ex) == n0


def test_loss_explorer_shows_infinity():
    ex = LossExplorer(p=0.5, y=1)
    ex.set(p=0.0)
    assert ex.last_error is None
    assert "∞" in ex.readout_text and "∞" in ex.readout.value
    # one capped mark with one label names the infinite curves (not one "∞" per curve, stacked)
    end = ex.artists["end_loss"]
    assert end.capped and end.label.get_visible() and end.label.get_text() == "∞ BCE, focal"
    # the gradient panel's label sits clear of the curves, so it says where the infinity is
    assert ex.artists["end_grad"].label.get_text() == "−∞ BCE, focal at p = 0"
    for name in ("bce", "focal"):
        for panel in ("loss", "grad"):
            assert not any(a.get_visible() for a in ex.artists[f"mark_{panel}_{name}"].artists)
    assert ex.artists["mark_loss_mse"].point.get_visible()
    ex.set(show_bce=False)
    assert end.label.get_text() == "∞ focal"
    ex.set(show_focal=False)
    assert not end.label.get_visible()
    ex.set(show_bce=True, show_focal=True, y=0, p=1.0)
    assert (
        end.label.get_text() == "∞ BCE, focal"
        and ex.artists["end_grad"].label.get_text() == "∞ BCE, focal at p = 1"
    )
    ex.set(y=1)
    ex.set(p=0.8)
    assert "0.223" in ex.readout_text
    ex.set(p=0.2)
    assert "1.609" in ex.readout_text
    assert ex.artists["mark_loss_bce"].point.get_visible()


def test_loss_explorer_off_scale_labels_stack():
    # near p = 0 BCE and focal are finite but off the scale: each label gets its own row below the
    # end mark's "∞ BCE, focal", so no two labels are drawn on the same spot
    ex = LossExplorer(p=0.5, y=1)
    ex.set(p=0.005)
    marks = [ex.artists["end_loss"], ex.artists["mark_loss_bce"], ex.artists["mark_loss_focal"]]
    assert all(m.capped for m in marks)
    offsets = [m.label.xyann[1] for m in marks]
    assert len(set(offsets)) == 3, offsets
    assert ex.artists["mark_loss_bce"].label.get_text() == "5.30 ↑"


def test_entropy_explorer_shows_infinity_for_zero_q():
    ex = EntropyExplorer(k=3)
    ex.set(q1=0.0)
    assert ex.last_error is None
    assert ex.result["KL"] == math.inf
    assert "KL(p‖q)  = ∞" in ex.readout_text
    assert ex.artists["cap_KL"].label.get_text() == "∞"
    assert ex.artists["zero_q"][0].get_visible()
    ex.set(unit="bits")  # axis limits change: the background is redrawn, not stale
    assert ex.artists["_ax_h"].get_ylabel() == "bits"


def test_callback_errors_are_shown_not_lost():
    ex = LossExplorer()

    def broken(**params):
        raise ZeroDivisionError("deliberate")

    ex.compute = broken
    ex.controls["p"].value = 0.3  # a slider move: the exception must not escape the callback
    assert ex.last_error is not None and "ZeroDivisionError: deliberate" in ex.last_error
    outs = ex.error_output.outputs
    assert outs and "ZeroDivisionError: deliberate" in outs[0]["text"]
    del ex.compute  # back to the class method
    ex.controls["p"].value = 0.4
    assert ex.last_error is None and ex.error_output.outputs == ()


def test_no_pyplot_figure_leak_over_100_moves():
    before = plt.get_fignums()
    ex = SaturationExplorer()
    n0 = n_artists(ex)
    for v in np.linspace(-10, 10, 100):
        ex.controls["z"].value = float(round(v, 1))
    assert plt.get_fignums() == before
    assert n_artists(ex) == n0
    ex.static([{"z": 0.0}, {"z": 3.0}])
    assert plt.get_fignums() == before


def test_set_validates():
    ex = LossExplorer()
    with pytest.raises(TypeError, match="no parameter 'q'.*p, y, gamma"):
        ex.set(q=0.3)
    with pytest.raises(ValueError, match=r"p must lie in \[0.0, 1.0\]; found 1.5"):
        ex.set(p=1.5)
    with pytest.raises(ValueError, match="y must be one of"):
        ex.set(y=2)
    with pytest.raises(ValueError, match="k must be an integer from 2 to 6"):
        EntropyExplorer(k=7)
    with pytest.raises(ValueError, match="n_classes must be an integer from 3 to 5"):
        SoftmaxExplorer(n_classes=2)


def test_set_redraws_once():
    ex = LossExplorer()
    f = ex.frames
    ex.set(p=0.3, y=0, gamma=1.0)
    assert ex.frames == f + 1 and ex.params["y"] == 0


def test_widget_and_display():
    ex = LossExplorer()
    assert set(ex.controls) == {
        "p",
        "y",
        "gamma",
        "show_bce",
        "show_mse",
        "show_focal",
        "view",
        "z",
    }
    assert ex.controls["p"].continuous_update
    assert (
        ex.controls["p"].min == 0.0
        and ex.controls["p"].max == 1.0
        and ex.controls["p"].step == 0.01
    )
    assert ex.image in ex.widget.children[1].children and ex.error_output in ex.widget.children
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    # the picture travels as a data: URL (the browser paints it sooner than a blob: URL)
    assert ex.image.format == "url" and bytes(ex.image.value).startswith(b"data:image/jpeg;base64,")
    assert ex.image_bytes[:2] == b"\xff\xd8"
    assert ex.render_png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert repr(ex).startswith("LossExplorer(p=0.8")


def test_hidden_losses():
    ex = LossExplorer()
    ex.set(show_mse=False)
    assert not ex.artists["loss_mse"].get_visible()
    assert "MSE" not in ex.readout_text


def test_png_format_option():
    ex = SaturationExplorer(image_format="png")
    assert (
        bytes(ex.image.value).startswith(b"data:image/png;base64,")
        and ex.image_bytes[:4] == b"\x89PNG"
    )
    raw = SaturationExplorer(image_format="png", data_url=False)
    assert raw.image.format == "png" and raw.image.value[:4] == b"\x89PNG" == raw.image_bytes[:4]
    with pytest.raises(TypeError, match="data_url"):
        SaturationExplorer(data_url="yes")
    with pytest.raises(ValueError, match="image_format"):
        SaturationExplorer(image_format="gif")


def test_lecture_mode_is_larger():
    small = LossExplorer(lecture=False)
    big = LossExplorer(lecture=True)
    assert big.figure.get_size_inches()[0] > small.figure.get_size_inches()[0]
    ax_s, ax_b = small.figure.axes[0], big.figure.axes[0]
    assert ax_b.xaxis.label.get_fontsize() > ax_s.xaxis.label.get_fontsize()
    assert big.artists["loss_bce"].get_linewidth() > small.artists["loss_bce"].get_linewidth()
    with style.lecture_style():
        assert SaturationExplorer().lecture
    assert not SaturationExplorer().lecture


def test_rcparams_untouched():
    before = dict(matplotlib.rcParams)
    ex = SoftmaxExplorer(lecture=True)
    ex.set(T=0.5)
    ex.static([{"T": 1.0}])
    assert dict(matplotlib.rcParams) == before

    def broken_draw(artists, result, params):
        raise RuntimeError("draw failed")

    ex._draw = broken_draw  # an exception in the middle of a frame restores rcParams too
    ex.controls["T"].value = 2.0
    assert "RuntimeError: draw failed" in ex.last_error
    assert dict(matplotlib.rcParams) == before


# --------------------------------------------------------------------------- static twin
def test_static_twin_from_class_and_instance():
    fig = lv.plots.small_multiples(EntropyExplorer, [{"q1": 0.5}, {"q1": 0.0}], k=4)
    assert len(fig.subfigs) == 2
    assert fig._repr_png_()[:4] == b"\x89PNG"
    ex = LossExplorer(p=0.3)
    fig = ex.static([{"p": 0.2}, {"p": 0.8}, {"p": 0.0}], ncols=3)
    assert len(fig.subfigs) == 3
    titles = [s._suptitle.get_text() for s in fig.subfigs]
    assert titles == ["p = 0.20, y = 1", "p = 0.80, y = 1", "p = 0.00, y = 1"]
    readouts = [s._supxlabel.get_text() for s in fig.subfigs]
    assert "0.223" in readouts[1] and "1.609" in readouts[0] and "∞" in readouts[2]
    # the live explorer is unchanged by drawing its static twin
    assert ex.params["p"] == 0.3


def test_static_twin_validates():
    with pytest.raises(ValueError, match="non-empty list of parameter dicts"):
        LossExplorer.static(LossExplorer(), [])
    with pytest.raises(ValueError, match="p must lie"):
        lv.plots.small_multiples(LossExplorer, [{"p": 2.0}])
    with pytest.raises(TypeError, match="Explorer subclass or instance"):
        lv.plots.small_multiples(dict, [{"p": 0.2}])


def test_subclass_contract_minimal():
    class Line(Explorer):
        figsize = (4, 3)

        def param_spec(self):
            return {"a": FloatParam(-1.0, 1.0, 0.1, 0.5)}

        def compute(self, *, a=0.5):
            return {"a": a}

        def _build(self, fig, params):
            ax = fig.subplots()
            ax.set_xlim(0, 1)
            ax.set_ylim(-1, 1)
            (line,) = ax.plot([], [])
            return {"line": line, "mark": style.CappedMarker(ax)}

        def _draw(self, art, r, params):
            art["line"].set_data([0, 1], [0, r["a"]])
            art["mark"].set(1.0, r["a"] * 10)  # off the scale for |a| > 0.1

        def _readout(self, r, params):
            return [(f"a = {r['a']:.1f}", None)]

    ex = Line()
    ex.set(a=1.0)
    assert ex.artists["mark"].label.get_text() == "10.00 ↑"
    assert ex.readout_text == "a = 1.0"
    fig = Line.static(ex, [{"a": 0.0}, {"a": -1.0}])
    assert [s._suptitle.get_text() for s in fig.subfigs] == ["a = 0", "a = -1"]


def test_loss_explorer_disables_gamma_without_the_focal_curve():
    ex = lv.LossExplorer(show_focal=False)
    assert ex.controls["gamma"].disabled
    ex.controls["show_focal"].value = True
    assert not ex.controls["gamma"].disabled
    ex.controls["show_focal"].value = False
    assert ex.controls["gamma"].disabled


def test_saturation_markers_stay_visible_when_they_coincide():
    # at z = 10 with y = 1 both gradients are ~0: the BCE marker is a larger ring below the MSE one
    ex = SaturationExplorer()
    ex.set(z=10.0, y=1)
    bce, mse = ex.artists["mark_bce"].point, ex.artists["mark_mse"].point
    assert bce.get_visible() and mse.get_visible()
    assert bce.get_markersize() > mse.get_markersize() and bce.get_zorder() < mse.get_zorder()
