"""Tests of LossSurfaceExplorer and lossviz.surface: values, every control moved (both ends and the
middle), artists updated in place, the static twin."""

import warnings

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists, texts

from lossviz import surface
from lossviz.explorers import LossSurfaceExplorer


@pytest.fixture(scope="module")
def ex():
    return LossSurfaceExplorer()


def test_plateau_start_mse_stalls_bce_converges(ex):
    r = ex.compute(w0=-5.0, b0=-5.0, lr=1.0, steps=200)
    assert r["gap"]["bce"] < 1e-3
    assert r["gap"]["mse"] > 0.4  # still on the plateau: every prediction ≈ 0
    assert r["start_min_eig"]["mse"] < 0 <= r["start_min_eig"]["bce"]


def test_central_start_both_converge(ex):
    r = ex.compute(w0=0.0, b0=0.0, lr=1.0, steps=200)
    assert r["gap"]["bce"] < 1e-3 and r["gap"]["mse"] < 1e-3


def test_bce_convex_everywhere_mse_not():
    land = LossSurfaceExplorer(_live=False).land
    assert land["min_eig"]["bce"].min() >= 0
    assert (land["min_eig"]["mse"] < 0).any()


def test_paths_match_a_plain_loop():
    x, y = surface.one_feature_data()
    paths = surface.descent_paths(x, y, 1.3, -2.0, lr=0.7, steps=25)
    for loss in ("bce", "mse"):
        w, b = 1.3, -2.0
        for _ in range(25):
            p = 1 / (1 + np.exp(-(w * x + b)))
            g = p - y if loss == "bce" else 2 * (p - y) * p * (1 - p)
            w, b = w - 0.7 * np.mean(g * x), b - 0.7 * np.mean(g)
        np.testing.assert_allclose([paths[loss][0][-1], paths[loss][1][-1]], [w, b], rtol=1e-12)


def _plain_descent(x, y, w0, b0, lr, steps, loss):
    """One loss, one step at a time, the textbook formulas: the reference of descent_paths."""
    W, B = [w0], [b0]
    w, b = w0, b0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(w * x + b)))
        g = p - y if loss == "bce" else 2 * (p - y) * p * (1 - p)
        w, b = w - lr * np.mean(g * x), b - lr * np.mean(g)
        W.append(w)
        B.append(b)
    return np.array(W), np.array(B)


@pytest.mark.parametrize("lr", [0.05, 1.0, 5.0, 20.0])
@pytest.mark.parametrize("start", [(-5.0, -5.0), (0.0, 0.0), (-4.0, -4.0), (6.0, -6.0)])
def test_vectorised_paths_equal_a_plain_loop_over_400_steps(start, lr):
    x, y = surface.one_feature_data()
    paths = surface.descent_paths(x, y, *start, lr=lr, steps=400)
    for loss in ("bce", "mse"):
        W, B = _plain_descent(x, y, *start, lr, 400, loss)
        np.testing.assert_allclose(paths[loss][0], W, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(paths[loss][1], B, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(
            paths[loss][2], surface.mean_loss(W, B, x, y, loss), rtol=1e-9, atol=1e-12
        )


def test_paths_zero_steps_and_extension():
    x, y = surface.one_feature_data()
    p0 = surface.descent_paths(x, y, 1.0, 2.0, lr=1.0, steps=0)
    assert p0["bce"][0].tolist() == [1.0] and p0["mse"][1].tolist() == [2.0]
    long = surface.descent_paths(x, y, 1.0, 2.0, lr=1.0, steps=300)
    short = surface.descent_paths(x, y, 1.0, 2.0, lr=1.0, steps=120)
    for loss in ("bce", "mse"):
        assert np.array_equal(long[loss][0][:121], short[loss][0])


def test_gradient_of_surface_is_zero_at_minimiser():
    x, y = surface.one_feature_data()
    for loss in ("bce", "mse"):
        w, b = surface.minimiser(x, y, loss)
        h = 1e-5
        gw = surface.mean_loss(w + h, b, x, y, loss) - surface.mean_loss(w - h, b, x, y, loss)
        gb = surface.mean_loss(w, b + h, x, y, loss) - surface.mean_loss(w, b - h, x, y, loss)
        assert abs(gw) / (2 * h) < 1e-6 and abs(gb) / (2 * h) < 1e-6


def test_convexity_table_both_ways():
    rows = {line[:30].strip(): line.split()[-1] for line in surface.convexity_table().splitlines()}
    assert rows["MSE in p"] == "yes" and rows["MSE, identity output, in w"] == "yes"
    assert rows["MSE on sigmoid, in w"] == "no" and rows["BCE on sigmoid, in w"] == "yes"


def _middle(spec):
    ends = control_ends(spec)
    if hasattr(spec, "options"):
        vals = [v for _, v in spec._pairs()]
        return vals[len(vals) // 2]
    return type(ends[0])((ends[0] + ends[-1]) / 2)


def test_every_control_both_ends_and_middle_in_place(ex):
    ex.set(w0=-5.0, b0=-5.0, lr=1.0, steps=200)
    n = n_artists(ex)
    ids = {k: id(v) for k, v in ex.artists.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, spec in ex._spec.items():
            for value in [*control_ends(spec), _middle(spec)]:
                before = ex.render_png()
                ex.set(**{name: value})
                assert ex.last_error is None, (name, value, ex.last_error)
                assert_clean_result(ex.result)
                assert n_artists(ex) == n, (name, value)
                assert {k: id(v) for k, v in ex.artists.items()} == ids
                assert all("nan" not in t.lower() for t in texts(ex))
                del before
    ex.set(w0=-5.0, b0=-5.0, lr=1.0, steps=200)


def test_control_move_changes_picture(ex):
    for move in ({"w0": -2.0}, {"b0": 1.0}, {"lr": 5.0}, {"steps": 50}):
        before = ex.render_png()
        ex.set(**move)
        assert ex.render_png() != before, move


def test_surfaces_computed_once(ex, monkeypatch):
    from lossviz.explorers import surface as mod

    calls = []
    monkeypatch.setattr(mod, "loss_surface", lambda *a, **k: calls.append(a))
    ex.set(w0=1.0)
    ex.set(w0=2.0)
    LossSurfaceExplorer(_live=False)  # same data set: cached
    assert calls == []


def test_update_is_fast(ex):
    import time

    times = []
    for i, w0 in enumerate(np.linspace(-5, 5, 12)):
        t = time.perf_counter()
        ex.set(w0=round(float(w0), 1), b0=-5.0 + (i % 2) * 0.1)
        times.append(time.perf_counter() - t)
    assert np.median(times) < 0.1  # 20 ms unloaded; loose here (shared CI machine)


def test_static_twin(ex):
    fig = ex.static([dict(w0=-5.0, b0=-5.0), dict(w0=0.0, b0=0.0)], scale=1.0)
    assert len(fig.subfigs) == 2


def test_bad_values(ex):
    with pytest.raises(ValueError):
        ex.set(lr=0.3)
    with pytest.raises(ValueError):
        surface.descent_paths([0.0], [1.0], 0.0, 0.0, lr=-1.0, steps=3)
    with pytest.raises(ValueError):
        surface.mean_loss(0.0, 0.0, [0.0], [1.0], loss="mae")
