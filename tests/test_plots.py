"""Static plot helpers and style: return artists, keep global rcParams, draw ∞, lecture mode."""

from __future__ import annotations

import math
import warnings

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import lossviz as lv  # noqa: E402
from lossviz import plots, style  # noqa: E402

RNG = np.random.default_rng(0)
X = np.vstack([RNG.normal(0, 1, (40, 2)), RNG.normal(2, 1, (15, 2))])
Y = np.r_[np.zeros(40, int), np.ones(15, int)]
P = lv.sigmoid(X @ np.array([1.5, 1.5]) - 3)

CALLS = {
    "loss_vs_prob": lambda ax: plots.plot_loss_vs_prob(y=1, gammas=(0.5, 2, 5), ax=ax),
    "loss_vs_prob_y0": lambda ax: plots.plot_loss_vs_prob(y=0, ax=ax),
    "grad_vs_prob": lambda ax: plots.plot_grad_vs_prob(y=1, losses=("bce", "mse", "focal"), ax=ax),
    "grad_vs_logit": lambda ax: plots.plot_grad_vs_logit(y=0, ax=ax),
    "training": lambda ax: plots.plot_training_curves(
        {"bce": [0.7, 0.3, 0.1], "mse": [0.3, 0.25, 0.2]}, ax=ax
    ),
    "distributions": lambda ax: plots.plot_distributions([0.5, 0.5], [0.9, 0.1], ax=ax),
    "information": lambda ax: plots.plot_information_bars([0.5, 0.3, 0.2], [0.2, 0.3, 0.5], ax=ax),
    "softmax": lambda ax: plots.plot_softmax_bars(
        [1.0, 2.0, 0.5], temperature=2.0, true_class=1, ax=ax
    ),
    "boundary": lambda ax: plots.plot_decision_boundary(X, Y, weights=[1.5, 1.5], bias=-3, ax=ax),
    "reliability": lambda ax: plots.plot_reliability(Y, P, n_bins=5, ax=ax, show_counts=True),
}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_returns_artists_and_keeps_rcparams(name):
    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = Figure()
        ax = fig.subplots(1, 2) if name == "grad_vs_logit" else fig.subplots()
        art = CALLS[name](ax)
        fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    assert isinstance(art, plots.Artists) and "ax" in art
    assert art["ax"] is (ax[0] if name == "grad_vs_logit" else ax)
    assert dict(matplotlib.rcParams) == before
    assert repr(art).startswith("<lossviz artists: ax")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_ax_none_makes_a_pyplot_figure(name):
    before = dict(matplotlib.rcParams)
    n = len(plt.get_fignums())
    art = CALLS[name](None)
    assert len(plt.get_fignums()) == n + 1
    assert art["ax"].figure.number in plt.get_fignums()
    assert dict(matplotlib.rcParams) == before


def test_bce_infinite_end_is_marked():
    art = plots.plot_loss_vs_prob(y=1, ax=Figure().subplots())
    cap, text = art["infinity"]
    assert text.get_text() == "∞"
    assert cap.get_xdata()[0] == 0.0
    # the drawn curve holds no inf (it stops at the edge) and no NaN from the maths
    y = art["bce"].get_ydata()
    assert not np.any(np.isinf(y))
    art = plots.plot_loss_vs_prob(y=0, losses=("mse",), ax=Figure().subplots())
    assert "infinity" not in art  # MSE is bounded


def test_both_labels_side_by_side():
    before = dict(matplotlib.rcParams)
    art = plots.plot_loss_vs_prob(y=(0, 1), gammas=(1, 2))
    assert len(art["ax"]) == 2 and art["ax"][0].figure is art["ax"][1].figure
    assert art[0]["ax"] is art["ax"][0] and art[1]["ax"] is art["ax"][1]
    g = plots.plot_grad_vs_prob(y=[0, 1], ax=Figure().subplots(1, 2))
    assert g[0]["infinity"][1].get_text() == "∞" and g[1]["infinity"][1].get_text() == "−∞"
    with pytest.raises(TypeError, match="sequence of 2 Axes"):
        plots.plot_loss_vs_prob(y=(0, 1), ax=Figure().subplots())
    assert dict(matplotlib.rcParams) == before


def test_grad_vs_logit_ratio_conventions():
    art = plots.plot_grad_vs_logit(ax=Figure().subplots(1, 2))
    z, r = art["ratio"].get_data()
    _, rh = art["ratio_half"].get_data()
    i = int(np.argmin(np.abs(z)))
    assert z[i] == 0 and r[i] == 2.0 and rh[i] == 4.0
    j = int(np.argmin(np.abs(z + 6)))
    assert 150 < r[j] < 250
    # one Axes: ratio on a log twin axis
    art = plots.plot_grad_vs_logit(ax=Figure().subplots())
    assert art["ratio_ax"] is not art["ax"] and art["ratio_ax"].get_yscale() == "log"


def test_information_bars_values():
    art = plots.plot_information_bars([0.5, 0.5], [0.9, 0.1], base=2, ax=Figure().subplots())
    assert art["H_p_value"] == pytest.approx(1.0)
    assert art["KL_value"] == pytest.approx(lv.kl_divergence([0.5, 0.5], [0.9, 0.1], base=2))
    kl_stack = art["KL"].patches[0]
    assert kl_stack.get_y() == pytest.approx(1.0) and kl_stack.get_height() == pytest.approx(
        art["KL_value"]
    )
    art = plots.plot_information_bars([0.5, 0.5], [1.0, 0.0], ax=Figure().subplots())
    assert [t.get_text() for t in art["values"]][1:] == ["∞", "∞"]
    with pytest.raises(ValueError, match="sum to 1"):
        plots.plot_information_bars([0.5, 0.6], [0.5, 0.5])


def test_decision_boundary_inputs():
    ax = Figure().subplots()
    art = plots.plot_decision_boundary(
        X, Y, predict_proba=lambda pts: lv.sigmoid(pts.sum(axis=1) - 2), ax=ax
    )
    assert set(art["points"]) == {0, 1}
    two_col = lambda pts: np.column_stack([1 - lv.sigmoid(pts[:, 0]), lv.sigmoid(pts[:, 0])])  # noqa: E731
    plots.plot_decision_boundary(X, Y, predict_proba=two_col, ax=Figure().subplots())
    with pytest.raises(TypeError, match="exactly one of"):
        plots.plot_decision_boundary(X, Y, ax=ax)
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        plots.plot_decision_boundary(X[:, :1], Y, weights=[1, 1])


def test_reliability_matches_metrics():
    art = plots.plot_reliability(Y, P, n_bins=5, ax=Figure().subplots())
    from lossviz.metrics import calibration_curve

    pt, pp, c = calibration_curve(Y, P, n_bins=5)
    np.testing.assert_allclose(art["prob_true"], pt)
    np.testing.assert_allclose(art["prob_pred"], pp)
    np.testing.assert_array_equal(art["counts"], c)
    x, yv = art["curve"].get_data()
    np.testing.assert_allclose(x, pp)
    np.testing.assert_allclose(yv, pt)


def test_training_curves_colours_and_validation():
    art = plots.plot_training_curves(
        [[1, 0.5], [0.8, 0.6]], labels=["a", "b"], ax=Figure().subplots(), logy=True
    )
    assert set(art["lines"]) == {"a", "b"} and art["ax"].get_yscale() == "log"
    art = plots.plot_training_curves({"mse (lr=1)": [0.3, 0.2]}, ax=Figure().subplots())
    assert art["lines"]["mse (lr=1)"].get_color() == style.LOSS_COLORS["mse"]
    assert art["lines"]["mse (lr=1)"].get_linestyle() == "--"
    with pytest.raises(ValueError, match="one name per run"):
        plots.plot_training_curves([[1, 0.5]], labels=["a", "b"])
    with pytest.raises(ValueError, match="empty"):
        plots.plot_training_curves({})


def test_softmax_bars_stable_at_small_temperature():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        art = plots.plot_softmax_bars(
            [1000.0, 0.0, -1000.0], temperature=0.01, ax=Figure().subplots()
        )
    np.testing.assert_allclose(art["probs"], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="temperature"):
        plots.plot_softmax_bars([1.0, 2.0], temperature=0)


def test_lecture_mode_changes_sizes_not_rcparams():
    before = dict(matplotlib.rcParams)
    normal = plots.plot_loss_vs_prob(y=1)
    with style.lecture_style():
        big = plots.plot_loss_vs_prob(y=1)
    assert dict(matplotlib.rcParams) == before
    assert big["ax"].figure.get_size_inches()[0] > normal["ax"].figure.get_size_inches()[0]
    assert big["ax"].xaxis.label.get_fontsize() > normal["ax"].xaxis.label.get_fontsize()
    assert big["bce"].get_linewidth() > normal["bce"].get_linewidth()
    style.set_lecture_mode(True)
    try:
        again = plots.plot_loss_vs_prob(y=1)
        assert again["ax"].xaxis.label.get_fontsize() == big["ax"].xaxis.label.get_fontsize()
    finally:
        style.set_lecture_mode(False)
    assert dict(matplotlib.rcParams) == before
    with pytest.raises(TypeError, match="True or False"):
        style.set_lecture_mode("yes")


def test_small_multiples_no_pyplot_figure():
    from lossviz.explorers import LossExplorer, SoftmaxExplorer

    n = plt.get_fignums()
    fig = plots.small_multiples(LossExplorer, [{"p": 0.2}, {"p": 0.8}])
    assert isinstance(fig, plots.StaticFigure) and plt.get_fignums() == n
    assert fig._repr_png_()[:4] == b"\x89PNG"
    fig = plots.small_multiples(SoftmaxExplorer, [{"T": 0.5}, {"T": 2.0}], n_classes=5, ncols=2)
    assert len(fig.subfigs) == 2


def test_capped_marker_and_format():
    ax = Figure().subplots()
    ax.set_ylim(-1, 1)
    m = style.CappedMarker(ax)
    m.set(0.5, 0.3)
    assert m.point.get_visible() and not m.label.get_visible()
    m.set(0.5, -math.inf)
    assert m.cap.get_marker() == "v" and m.label.get_text() == "−∞"
    m.set(0.5, 3.0)
    assert m.label.get_text() == "3.00 ↑"
    m.set(float("nan"), 1.0)
    assert not any(a.get_visible() for a in m.artists)
    assert style.format_value(float("nan")) == "undefined"
    assert style.format_value(-0.0001) == "−1.00e-04"
    with pytest.raises(ValueError, match="one of 'bce'"):
        style.loss_style("hinge")


def test_palette_is_the_agreed_one():
    assert style.LOSS_COLORS == {
        "bce": "#0072B2",
        "mse": "#D55E00",
        "focal": "#009E73",
        "mae": "#CC79A7",
        "huber": "#E69F00",
    }
    assert style.LOSS_STYLES["bce"] == "-" and style.LOSS_STYLES["mse"] == "--"
    assert style.LOSS_STYLES["focal"] == "-." and style.LOSS_STYLES["mae"] == ":"
    for key in ("p", "z", "loss", "dLdp", "dLdz"):
        assert key in style.LABELS
