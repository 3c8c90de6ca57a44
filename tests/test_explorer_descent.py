"""Tests of GradientDescentExplorer and of lossviz.descent_regimes (chapter 01).

compute() without widgets; the three regimes reachable; every control at both ends and the middle
updates the picture in place (no new artists), never raises, never shows NaN; divergence is a
capped "∞" mark; the static twin; the chapter's plots (descent runs, polynomial fits).
"""

import math
import warnings

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists, texts
from matplotlib.figure import Figure

import lossviz as lv
from lossviz.descent import constant_classifier, gradient_descent, polynomial_fit_errors
from lossviz.descent_regimes import critical_lr, problem_1d, run_descent
from lossviz.explorers import GradientDescentExplorer
from lossviz.explorers._base import FloatParam, IntParam
from lossviz.explorers._params import SelectionParam
from lossviz.polyfit import polynomial_fits

LABELS = np.array([1, 1, 1, 0, 1, 0, 1, 1, 0, 1])


@pytest.fixture(scope="module")
def ex():
    return GradientDescentExplorer()


def _middle(spec):
    if isinstance(spec, SelectionParam):
        values = [v for _, v in spec._pairs()]
        return values[len(values) // 2]
    if isinstance(spec, (FloatParam, IntParam)):
        mid = (spec.min + spec.max) / 2
        return int(mid) if isinstance(spec, IntParam) else round(mid, 6)
    return control_ends(spec)[-1]


# --------------------------------------------------------------------------- computation
def test_logit_problem_matches_the_chapters_gradient_descent():
    loss, grad = constant_classifier(LABELS)
    for lr in (0.1, 1.0, 10.0, 30.0):
        ref = gradient_descent(loss, grad, -2.0, lr=lr, n_steps=30)
        run = run_descent("logit", -2.0, lr, 30)
        np.testing.assert_allclose(run.ws, ref.params[:, 0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(run.losses, ref.losses, rtol=1e-12)


def test_three_regimes_reachable():
    assert run_descent("quadratic", 2.0, 0.3, 30).regime == "converges"
    assert run_descent("quadratic", 2.0, 0.7, 30).regime == "converges, oscillating"
    assert run_descent("logit", -2.0, 10.0, 30).regime == "oscillates"
    run = run_descent("double well", 0.5, 0.5, 30)
    assert run.regime == "diverges" and run.diverged_at == 19
    assert np.all(np.isfinite(run.ws)) and np.all(np.isfinite(run.losses))


def test_critical_rates():
    assert critical_lr(problem_1d("quadratic"), 0.0) == 1.0
    logit = problem_1d("logit")
    assert critical_lr(logit, logit.minima[0]) == pytest.approx(2 / 0.21)
    for lr in (0.9, 1.1, 1.5):  # the quadratic's rate 1 is the boundary
        run = run_descent("quadratic", 1.0, lr, 60)
        assert (run.regime == "diverges") == (lr > 1)
        assert (run.diverged_at is not None) == (lr == 1.5)  # 1.2**60 < 1e6: growing swings


def test_double_well_minima_are_stationary():
    prob = problem_1d("double well")
    for m in prob.minima:
        assert abs(prob.grad(m)) < 1e-12 and prob.curvature(m) > 0
    assert prob.loss(prob.minima[0]) < prob.loss(prob.minima[1])


@pytest.mark.parametrize("bad", [dict(lr=0.0), dict(lr=-1.0), dict(n_steps=-1), dict(w0=math.nan)])
def test_run_descent_bad_input(bad):
    kw = dict(problem="quadratic", w0=1.0, lr=0.1, n_steps=5) | bad
    with pytest.raises(ValueError):
        run_descent(**kw)


def test_unknown_problem_names_the_choices():
    with pytest.raises(ValueError, match="quadratic"):
        problem_1d("cubic")


def test_polynomial_fits_reproduce_the_chapters_numbers():
    fits = polynomial_fits((1, 3, 9))
    ref = polynomial_fit_errors((1, 3, 9))
    for d, (tr, te) in ref.items():
        assert fits.errors[d]["train"] == pytest.approx(tr)
        assert fits.errors[d]["noise-free"] == pytest.approx(te)
    # fresh noisy points: about the noise-free error plus the noise variance 0.09
    for e in fits.errors.values():
        assert e["held-out"] == pytest.approx(e["noise-free"] + 0.09, abs=0.06)


# --------------------------------------------------------------------------- live behaviour
def test_every_control_at_both_ends_and_middle(ex):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, spec in ex._spec.items():
            for value in [*control_ends(spec), _middle(spec)]:
                before = ex.render_png()
                n = n_artists(ex)
                ex.set(**{name: value})
                assert ex.last_error is None, (name, value, ex.last_error)
                assert n_artists(ex) == n, (name, value)
                assert_clean_result(ex.result)
                for text in texts(ex):
                    assert "nan" not in text.lower(), (name, value, text)
                if ex.render_png() == before:  # only a control already at that value may
                    assert ex.params[name] == value
        for problem in ("quadratic", "logit", "double well"):
            for lr in (0.01, 50.0):
                for w0 in (-3.0, 3.0):
                    ex.set(problem=problem, lr=lr, w0=w0, n_steps=100)
                    assert ex.last_error is None, (problem, lr, w0, ex.last_error)
                    assert_clean_result(ex.result)


def test_moves_update_artists_in_place(ex):
    ex.set(problem="logit", lr=1.0, w0=-2.0, n_steps=30)
    path = ex.artists["path"]
    n = n_artists(ex)
    ex.set(lr=10.0)
    assert ex.artists["path"] is path and n_artists(ex) == n
    assert ex.result["regime"] == "oscillates"


def test_divergence_is_a_capped_mark(ex):
    ex.set(problem="double well", lr=0.5, w0=0.5, n_steps=30)
    assert ex.result["regime"] == "diverges"
    for key in ("div_l", "div_r"):
        mark = ex.artists[key]
        assert mark.capped and mark.label.get_text().startswith("∞")
    assert "step 19" in ex.artists["div_l"].label.get_text()
    assert "regime: diverges" in ex.readout_text
    ex.set(lr=0.05)
    assert not ex.artists["div_l"].capped


def test_widget_change_triggers_update(ex):
    for name, w in ex.controls.items():
        frames = ex.frames
        ends = control_ends(ex._spec[name])
        w.value = ends[0] if w.value != ends[0] else ends[-1]
        assert ex.frames == frames + 1, name
        assert ex.last_error is None


def test_static_twin_three_regimes():
    ex = GradientDescentExplorer()
    fig = ex.static(
        [dict(lr=1.0), dict(lr=10.0), dict(problem="double well", w0=0.5, lr=0.5)], ncols=3
    )
    assert fig is not None


def test_update_is_fast(ex):
    ex.set(problem="logit", w0=-2.0, n_steps=30)
    times = []
    for lr in (0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0) * 2:
        ex.set(lr=lr)
        times.append(ex.timings["total"])
    assert np.median(times) < 0.05  # aim 20 ms; generous for a loaded test machine


# --------------------------------------------------------------------------- plots
def test_plot_descent_runs_marks_divergence():
    runs = {f"η = {lr:g}": run_descent("double well", 0.5, lr, 30) for lr in (0.05, 0.5)}
    art = lv.plots.plot_descent_runs(runs, ax=Figure().subplots(1, 2))
    assert len(art["diverged"]) == 1 and art["diverged"][0].label.get_text() == "∞ η = 0.5"
    assert art["ax"][1].get_yscale() == "log"


def test_plot_polynomial_fits_draws_each_fit():
    fits = polynomial_fits((1, 3, 9))
    art = lv.plots.plot_polynomial_fits(fits, ax=Figure().subplots(1, 3))
    for d, line in art["fits"].items():
        np.testing.assert_allclose(line.get_ydata(), fits.curves[d])
        assert line.get_color() == lv.style.LOSS_COLORS["mse"]
    assert list(art["off_scale"]) == [9]
