"""Tests for lossviz.descent: the gradient-descent path and the tiny problems of chapter 01."""

import numpy as np
import pytest

from lossviz.activations import logit, sigmoid
from lossviz.descent import (
    DescentPath,
    constant_classifier,
    double_well,
    gradient_descent,
    line_fit,
    polynomial_fit_errors,
)
from lossviz.gradients import numerical_grad
from lossviz.information import entropy


@pytest.mark.parametrize(
    "problem, theta",
    [
        (constant_classifier([1, 1, 0, 1, 0, 1, 1]), [0.3]),
        (line_fit([0.0, 1.0, 2.5, 4.0], [1.0, 2.0, 2.0, 7.0]), [0.4, -0.7]),
        (double_well(0.3), [0.8]),
    ],
)
def test_analytic_gradient_matches_numerical(problem, theta):
    loss, grad = problem
    np.testing.assert_allclose(grad(np.array(theta)), numerical_grad(loss, theta), atol=1e-7)


def test_path_shapes_and_update_rule():
    loss, grad = line_fit([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
    path = gradient_descent(loss, grad, [0.0, 0.0], lr=0.05, n_steps=10, names=("w", "b"))
    assert isinstance(path, DescentPath)
    assert (
        path.params.shape == (11, 2) and path.grads.shape == (11, 2) and path.losses.shape == (11,)
    )
    assert path.n_steps == 10 and list(path.steps) == list(range(11))
    np.testing.assert_allclose(path.params[1:], path.params[:-1] - 0.05 * path.grads[:-1])
    assert np.all(np.diff(path.losses) < 0)  # a small step on a convex bowl always goes down


def test_constant_classifier_converges_to_share_of_positives_and_label_entropy():
    y = np.array([1] * 7 + [0] * 3)
    loss, grad = constant_classifier(y)
    path = gradient_descent(loss, grad, [-2.0], lr=2.0, n_steps=200)
    assert sigmoid(path.final[0]) == pytest.approx(0.7, abs=1e-8)
    assert path.final[0] == pytest.approx(logit(0.7), abs=1e-7)
    assert path.losses[-1] == pytest.approx(entropy([0.7, 0.3]), abs=1e-12)


def test_line_fit_reaches_least_squares():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([1.0, 2.5, 2.5, 4.0])
    loss, grad = line_fit(x, y)
    path = gradient_descent(loss, grad, [0.0, 0.0], lr=0.1, n_steps=2000)
    w, b = np.polynomial.polynomial.polyfit(x, y, 1)[::-1]
    np.testing.assert_allclose(path.final, [w, b], atol=1e-8)


def test_double_well_start_decides_the_valley():
    loss, grad = double_well()
    right = gradient_descent(loss, grad, 0.5, lr=0.05, n_steps=300).final
    left = gradient_descent(loss, grad, -0.5, lr=0.05, n_steps=300).final
    assert right[0] > 0 > left[0]
    assert loss(left) < loss(right)
    assert abs(grad(right)[0]) < 1e-8 and abs(grad(left)[0]) < 1e-8


def test_polynomial_fit_errors_under_and_over_fit():
    errs = polynomial_fit_errors((1, 3, 9))
    assert errs[9][0] < errs[3][0] < errs[1][0]  # training MSE falls with the degree
    assert errs[3][1] < errs[1][1] and errs[3][1] < errs[9][1]  # test MSE is lowest in the middle
    assert polynomial_fit_errors((3,)) == polynomial_fit_errors((3,))


def test_table_lists_steps_and_extra_columns():
    loss, grad = constant_classifier([1, 0, 1])
    path = gradient_descent(loss, grad, [0.0], lr=1.0, n_steps=7, names=("z",))
    text = path.table(every=3, digits=3, extra={"p": lambda t: sigmoid(t[0])})
    lines = text.splitlines()
    assert lines[0].split() == ["step", "z", "p", "loss", "|grad|"]
    assert [int(line.split()[0]) for line in lines[1:]] == [0, 3, 6, 7]
    assert lines[1].split()[2] == "0.500"


@pytest.mark.parametrize(
    "kwargs, exc, fragment",
    [
        (
            dict(lr=0.0),
            ValueError,
            "lr must be a finite number > 0; found 0. Pass a positive learning rate",
        ),
        (dict(lr="big"), TypeError, "lr must be a real number"),
        (dict(n_steps=-1), ValueError, "n_steps must be an integer >= 0"),
        (dict(n_steps=2.5), TypeError, "n_steps must be an integer"),
        (dict(names=("a", "b")), ValueError, "one name per parameter"),
    ],
)
def test_bad_arguments(kwargs, exc, fragment):
    loss, grad = double_well()
    with pytest.raises(exc, match=fragment):
        gradient_descent(loss, grad, [0.5], **kwargs)


def test_divergence_is_reported_not_nan():
    loss, grad = double_well()
    with pytest.raises(ValueError, match="too large"):
        gradient_descent(loss, grad, [3.0], lr=10.0, n_steps=50)


def test_bad_problem_inputs():
    with pytest.raises(ValueError, match="labels 0 or 1"):
        constant_classifier([0, 2])
    with pytest.raises(ValueError, match="same length"):
        line_fit([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="below n_train"):
        polynomial_fit_errors((10,), n_train=10)


def test_plot_descent_1d_draws_each_path_on_the_curve():
    from matplotlib.figure import Figure

    import lossviz as lv

    loss, grad = lv.descent.double_well(0.3)
    runs = {s: lv.descent.gradient_descent(loss, grad, s, lr=0.05, n_steps=50) for s in (0.5, -0.5)}
    art = lv.plots.plot_descent_1d(loss, runs, ax=Figure().subplots())
    for s, path in runs.items():
        line = art["paths"][s]
        assert np.allclose(line.get_xdata(), path.params[:, 0])
        assert np.allclose(line.get_ydata(), path.losses)
    with pytest.raises(ValueError, match="paths"):
        lv.plots.plot_descent_1d(loss, {})
    with pytest.raises(TypeError, match="loss"):
        lv.plots.plot_descent_1d(None, runs)
