"""The static figures in Chinese: every plot of lossviz.plots, as the chapters call it, drawn in
``zh`` with no missing translation and no missing glyph, and unchanged in English.

Each case builds its figure the way a chapter does (``ax=None``, the chapter's own names, titles and
labels) and draws it after the plot function has returned — outside the style context, as the
inline backend draws after the cell — so a text created without the CJK fonts would show up as a
"Glyph … missing" warning, an error here.
"""

from __future__ import annotations

import io
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Text

import lossviz as lv
from lossviz import i18n, plots, style
from lossviz.figure import render_small_multiples

CJK = re.compile(r"[\u3400-\u9fff]")
#: English words that stay in the Chinese figures: acronyms, function names and formulas
KEPT = {
    "BCE",
    "MSE",
    "MAE",
    "RMSE",
    "ECE",
    "Huber",
    "sigmoid",
    "softmax",
    "log",
    "min",
    "const",
    "randn",
    "dot",
    "eps",
    "Theil",
    "Sen",
}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _figure(art):
    """The Figure of a plot's artists (the plot functions return Artists, dicts of them)."""
    for key in ("ax", "axes", "sigmoid", "bce"):
        a = art.get(key) if isinstance(art, dict) else None
        if a is None:
            continue
        a = a[0] if isinstance(a, (list, tuple)) else a
        return a.figure
    raise AssertionError(f"no figure in {art!r}")


def _case_data():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (40, 2)), rng.normal(2, 1, (15, 2))])
    y = np.r_[np.zeros(40, int), np.ones(15, int)]
    return X, y, lv.sigmoid(X @ np.array([1.5, 1.5]) - 3)


def _descent_runs():
    runs = {f"η = {lr:g}": lv.descent_regimes.run_descent("logit", -2.0, lr, 30) for lr in (1, 30)}
    return plots.plot_descent_runs(runs)


def _descent_1d():
    loss2, grad2 = lv.descent.double_well(0.3)
    ends = {
        f"start w = {w0:+.1f}": lv.descent.gradient_descent(loss2, grad2, w0, lr=0.05, n_steps=20)
        for w0 in (0.5, -0.5)
    }
    return plots.plot_descent_1d(loss2, ends)


def _regression_fits():
    size, price, is_out = lv.data.make_regression_with_outliers(50, 0.1, return_outlier_mask=True)
    fits = {k: lv.regression.fit_line(size, price, loss=k, delta=25.0) for k in ("mse", "mae")}
    clean = lv.regression.fit_line(size[~is_out], price[~is_out])
    return plots.plot_regression_fits(
        size, price, {"clean": clean, **fits}, outliers=is_out, true_line=(50.0, 3.0)
    )


def _slope_spread():
    mc = {
        name: lv.robust.slope_spread(
            n_seeds=10, outlier_fraction=frac, losses=("mse", "mae", "huber", "huber-scale")
        )
        for name, frac in (("Gaussian noise only", 0.0), ("10 % outliers", 0.1))
    }
    return plots.plot_slope_spread(mc)


def _leverage():
    xl, yl, bad = lv.robust.make_leverage_outliers(50, 5, seed=0)
    fits = {k: lv.regression.fit_line(xl, yl, loss=k, delta=25.0) for k in ("mse", "mae")}
    fits["Theil–Sen"] = lv.robust.theil_sen(xl, yl)
    return plots.plot_leverage(xl, yl, bad, fits)


def _quantile_lines():
    size, price = lv.data.make_regression_with_outliers(50, 0.1)
    fits = {tau: lv.robust.fit_line_quantile(size, price, tau=tau) for tau in (0.1, 0.5, 0.9)}
    return plots.plot_quantile_lines(size, price, fits)


def _house_net():
    X, y = lv.housenet.make_house_features(200, seed=0)
    net = lv.housenet.train_house_net(X, y, epochs=3, seed=0, X_val=X, y_val=y)
    return plots.plot_house_net(net, references={"noise": 25.0, "least squares": 40.0})


def _floor_panels():
    panels = [
        dict(title="randn targets (seed 003)", histories={"mse": [1.0, 0.7]}, floors={"mse": 0.6}),
        dict(title="targets in [0, 1]", histories={"bce": [0.8, 0.66]}, floors={"bce": 0.64}),
    ]
    return plots.plot_floor_panels(panels)


def _lr_finder():
    X, y = lv.data.make_blobs_binary(200, separation=3.0)
    finder = lv.lr_finder.lr_range_test(X, y, lr_min=1e-3, lr_max=1e4, steps=60)
    grid = lv.lr_finder.lr_sweep(X, y, np.logspace(-3, 3, 7), steps=20)
    return plots.plot_lr_finder(finder, sweep=grid, bound=2.5)


def _cumulative_loss():
    prob = lv.imbalance_compare.make_problem(20)
    fit = lv.imbalance_compare.fit_remedy(prob.X, prob.y, "none")
    curves = lv.imbalance_compare.cumulative_loss(prob.y, fit.decision_function(prob.X))
    return {"axes": plots.plot_cumulative_loss(curves)["axes"]}


def _smoothing_reliability():
    return plots.plot_smoothing_reliability(*lv.smoothing.calibration_study(eps_values=(0.0, 0.1)))


def _polynomial_fits():
    return plots.plot_polynomial_fits(lv.polyfit.polynomial_fits((1, 3, 9)))


X, Y, P = _case_data()

#: Every plot function, called as (or like) the chapters call it.
CASES = {
    "loss_vs_prob": lambda: plots.plot_loss_vs_prob(y=(0, 1), gammas=(0, 0.5, 2)),
    "grad_vs_prob": lambda: plots.plot_grad_vs_prob(y=(0, 1), losses=("bce", "mse", "focal")),
    "grad_vs_logit": lambda: plots.plot_grad_vs_logit(y=1),
    "neuron_loss_vs_weight": lambda: plots.plot_neuron_loss_vs_weight(
        losses=("bce", "mse", "half_mse")
    ),
    "descent_1d": _descent_1d,
    "descent_runs": _descent_runs,
    "polynomial_fits": _polynomial_fits,
    "training_curves": lambda: plots.plot_training_curves(
        {"BCE": [0.7, 0.4, 0.2]}, xlabel="step", title="mean BCE during gradient descent"
    ),
    "training_curves_names": lambda: plots.plot_training_curves(
        {"one-hot": [0.9, 0.5], "smoothed (eps = 0.1)": [0.9, 0.6]}, logy=True
    ),
    "training_curves_runs": lambda: plots.plot_training_curves(
        [[0.9, 0.5], [0.8, 0.7]], ylabel="training accuracy", legend="outside"
    ),
    "training_curves_published": lambda: plots.plot_training_curves(
        {
            "as published: dw = -X.T.dot(...)": [0.7, 0.9],
            "repaired: dw = +X.T.dot(...)": [0.7, 0.5],
        },
        xlabel="epoch / 100",
    ),
    "distributions": lambda: plots.plot_distributions([0.7, 0.2, 0.1], [0.4, 0.4, 0.2]),
    "distributions_labels": lambda: plots.plot_distributions(
        np.eye(3)[0], [0.9, 0.05, 0.05], labels=["class 0 (true)", "class 1", "class 2"]
    ),
    "information_bars": lambda: plots.plot_information_bars([0.5, 0.5], [0.9, 0.1], base=2),
    "information_bars_nats": lambda: plots.plot_information_bars([0.5, 0.5], [1.0, 0.0]),
    "softmax_bars": lambda: plots.plot_softmax_bars([2.0, 1.0, 0.1], temperature=0.5, true_class=0),
    "sigmoid_vs_softmax": lambda: plots.plot_sigmoid_vs_softmax([2.0, 1.5, -1.0]),
    "sigmoid_vs_softmax_names": lambda: plots.plot_sigmoid_vs_softmax(
        [2.0, 1.5, -1.0], labels=["beach", "sunset", "people"]
    ),
    "decision_boundary": lambda: plots.plot_decision_boundary(X, Y, weights=[1.5, 1.5], bias=-3),
    "reliability": lambda: plots.plot_reliability(Y, P, n_bins=5, show_counts=True),
    "regression_fits": _regression_fits,
    "convexity_both_ways": lambda: {"axes": plots.plot_convexity_both_ways()["axes"]},
    "cumulative_loss": _cumulative_loss,
    "focal_gradient": lambda: plots.plot_focal_gradient(gammas=(0, 1, 2, 5), y=0),
    "focal_gradient_positive": lambda: plots.plot_focal_gradient(gammas=(0, 2), y=1),
    "lr_finder": _lr_finder,
    "floor_panels": _floor_panels,
    "slope_spread": _slope_spread,
    "leverage": _leverage,
    "quantile_lines": _quantile_lines,
    "house_net": _house_net,
    "smoothing_reliability": _smoothing_reliability,
}


def _texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _draw(fig):
    """Draw the figure as the notebook does: after the plot function (and its style) returned."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _strict():
    warnings.simplefilter("error", i18n.MissingTranslationWarning)
    warnings.filterwarnings("error", message=r"Glyph .* missing", category=UserWarning)


def _english_words(texts):
    """English words left in the texts, besides KEPT, mathtext (log-scale tick labels) and an
    English term in parentheses after its Chinese one (轮（epoch）)."""
    words = set()
    for t in texts:
        if t.startswith("$") and t.endswith("$"):
            continue
        words |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"（[^）]*）", "", t)))
    return words - KEPT


def test_every_plot_function_has_a_case():
    assert set(plots.__all__) - {"Artists", "StaticFigure", "small_multiples"} <= {
        "plot_" + k
        for k in (
            "loss_vs_prob",
            "grad_vs_prob",
            "grad_vs_logit",
            "neuron_loss_vs_weight",
            "descent_1d",
            "descent_runs",
            "polynomial_fits",
            "training_curves",
            "distributions",
            "information_bars",
            "softmax_bars",
            "sigmoid_vs_softmax",
            "decision_boundary",
            "reliability",
            "regression_fits",
            "convexity_both_ways",
            "cumulative_loss",
            "focal_gradient",
            "lr_finder",
            "floor_panels",
            "slope_spread",
            "leverage",
            "quantile_lines",
            "house_net",
            "smoothing_reliability",
        )
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_plot_in_chinese(name):
    with warnings.catch_warnings():
        _strict()
        with i18n.language("zh"):
            fig = _figure(CASES[name]())
        _draw(fig)  # outside the language and style: the fonts must already be on the texts
    texts = _texts(fig)
    assert any(CJK.search(t) for t in texts), texts
    assert not _english_words(texts), (_english_words(texts), texts)


@pytest.mark.parametrize("name", sorted(CASES))
def test_plot_in_english(name):
    with warnings.catch_warnings():
        _strict()
        fig = _figure(CASES[name]())
        _draw(fig)
    texts = _texts(fig)
    assert not any(CJK.search(t) for t in texts), texts


def test_english_text_is_the_english_of_before():
    fig = _figure(plots.plot_loss_vs_prob(y=1))
    ax = fig.axes[0]
    assert ax.get_title() == "loss for y = 1"
    assert ax.get_xlabel() == "predicted probability p"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "BCE (cross-entropy)",
        "MSE",
        "focal γ=2",
    ]
    art = plots.plot_polynomial_fits(lv.polyfit.polynomial_fits((3,)))
    assert art["ax"][0].get_title() == "degree 3\ntrain 0.086 · noise-free 0.036\nheld-out 0.130"
    art = plots.plot_information_bars([0.5, 0.5], [0.9, 0.1])
    assert art["ax"].get_ylabel() == "nats"


def test_chinese_text():
    with i18n.language("zh"):
        fig = _figure(plots.plot_loss_vs_prob(y=1))
        art = plots.plot_polynomial_fits(lv.polyfit.polynomial_fits((3,)))
        reg = _regression_fits()
    ax = fig.axes[0]
    assert ax.get_title() == "y = 1 时的损失"
    assert ax.get_xlabel() == "预测概率 p"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "BCE（交叉熵）",
        "MSE",
        "焦点损失 γ=2",
    ]
    assert art["ax"][0].get_title().startswith("3 次多项式\n训练 0.086")
    # the chapters' own names are shown in the reader's language
    assert reg["clean"].get_label() == "无离群点"
    assert reg["ax"].get_xlabel() == "居住面积（m²）"


def test_chapter_text_is_marked():
    """Every text in CHAPTER_TEXT is what a chapter passes to a plot (so that it is worth a
    catalogue entry): found in the chapter sources."""
    from pathlib import Path

    from lossviz.plots._common import CHAPTER_TEXT

    chapters = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9]*.md")
    )
    for text in CHAPTER_TEXT:
        probe = {"start w = +0.5": "start w = {w0:+.1f}", "start w = -0.5": "start w = {w0:+.1f}"}
        assert probe.get(text, text) in chapters, text


class _TinyExplorer:
    """Just the explorer protocol render_small_multiples uses, with a Chinese readout."""

    figsize = (3.0, 2.0)
    dpi = 60
    lecture = False
    params = {"p": 0.5}

    def param_spec(self):
        return {}

    def compute(self, p):
        return {"p": p}

    def _build(self, fig, params):
        ax = fig.subplots()
        ax.set_xlabel(i18n.tr(style.LABELS["p"]))
        return {"ax": ax}

    def _draw(self, arts, result, params):
        arts["ax"].plot([0, 1], [0, result["p"]])

    def _readout(self, result, params):
        return [(i18n.tr("loss") + f" = {result['p']:.2f}", "black")]

    def _check_params(self, setting):
        return dict(setting)

    def _compute_args(self, params):
        return dict(params)

    def _title_for(self, params, setting):
        return f"p = {params['p']}"


def test_small_multiples_readout_and_titles_in_chinese():
    with warnings.catch_warnings():
        _strict()
        with i18n.language("zh"):
            fig = render_small_multiples(
                _TinyExplorer(), [{"p": 0.2}, {"p": 0.8}], titles=["step", "p = 0.8"]
            )
        png = fig._repr_png_()
    assert png[:4] == b"\x89PNG"
    assert fig.subfigs[0]._suptitle.get_text() == "步数"
    readout = fig.subfigs[0]._supxlabel
    assert readout.get_text() == "损失 = 0.20"
    assert "Noto Sans Mono CJK SC" in readout.get_fontfamily()
    with i18n.language("en"):
        fig = render_small_multiples(_TinyExplorer(), [{"p": 0.2}], titles=["step"])
    assert fig.subfigs[0]._suptitle.get_text() == "step"
    assert fig.subfigs[0]._supxlabel.get_fontfamily() == ["DejaVu Sans Mono"]


def test_style_text():
    assert style.format_value(float("nan")) == "undefined"
    assert style.loss_style("focal")["label"] == "focal"
    with i18n.language("zh"):
        assert style.format_value(float("nan")) == "未定义"
        assert style.loss_style("focal")["label"] == "焦点损失"
        assert style.loss_style("bce", label="x")["label"] == "x"
        for key, text in {**style.LABELS, **style.LOSS_NAMES}.items():
            assert i18n.tr(text), key  # every label and loss name has an entry
