"""DataPullExplorer (chapter 03): every control moved (both ends and the middle), artists updated in
place, the numbers the chapter prints, and the update time."""

import numpy as np
import pytest
from explorer_checks import assert_clean_result, control_ends, n_artists

from lossviz.explorers import DataPullExplorer
from lossviz.pointwise import point_pulls, pull_points


def test_every_control_both_ends_and_middle_in_place():
    ex = DataPullExplorer()
    n0 = n_artists(ex)
    ids = {k: id(v) for k, v in ex.artists.items()}
    for name, spec in ex._spec.items():
        lo, hi = control_ends(spec)
        for v in (lo, 0.5 * (lo + hi), hi):
            before = ex.artists["pull_bce"].get_ydata().copy()
            ex.set(**{name: v})
            assert ex.last_error is None, ex.last_error
            assert n_artists(ex) == n0, "a move created or removed artists"
            assert {k: id(a) for k, a in ex.artists.items()} == ids
            assert_clean_result(ex.result)
            if v != 0.5 * (lo + hi) or name == "w":
                assert ex.artists["pull_bce"].get_ydata() is not None
        ex.set(**{name: spec.default})
    assert before is not None


def test_move_changes_picture_and_bars():
    ex = DataPullExplorer(w=0.0, b=0.0)
    png, y0 = ex.render_png(), ex.artists["loss_bce"].get_ydata().copy()
    ex.set(w=2.0)
    assert ex.render_png() != png
    assert not np.array_equal(ex.artists["loss_bce"].get_ydata(), y0, equal_nan=True)


def test_confidently_wrong_point_pulls_hard_under_bce_only():
    x, y, wrong = pull_points()
    for w in (2.0, 3.0, 4.0):
        r = point_pulls(x, y, w=w, b=0.0)
        assert abs(r["bce_dz"][wrong]) > 0.98
        assert abs(r["mse_dz"][wrong]) < 0.03
        # BCE's pull on it is the largest of all points; MSE's is not
        assert np.argmax(np.abs(r["bce_dz"])) == wrong
        assert np.argmax(np.abs(r["mse_dz"])) != wrong
        # the identity |MSE'| / |BCE'| = 2p(1 - p) <= 1/2 holds point by point
        ratio = np.abs(r["mse_dz"]) / np.abs(r["bce_dz"])
        assert np.allclose(ratio, 2 * r["p"] * (1 - r["p"])) and ratio.max() <= 0.5


def test_gradients_match_numerical():
    from lossviz import numerical_grad
    from lossviz.losses import bce_with_logits

    x, y, _ = pull_points()
    r = point_pulls(x, y, w=1.3, b=-0.4)

    def mean_bce(wb):
        return bce_with_logits(y, wb[0] * x + wb[1])

    g = numerical_grad(mean_bce, np.array([1.3, -0.4]))
    assert np.allclose(g, [r["bce_dw"], r["bce_db"]], atol=1e-8)


def test_capped_losses_marked():
    ex = DataPullExplorer(w=4.0, b=0.0)
    r = ex.result
    over = r["bce"] > 4.0
    assert over.any()
    assert len(ex.artists["cap_bce"].get_xdata()) == int(over.sum())


def test_readout_names_numbers():
    ex = DataPullExplorer(w=2.0, b=0.0)
    text = ex.readout_text
    assert "mislabelled point p = 0.0111" in text
    assert "0.9889" in text and "0.0218" in text


def test_bad_inputs():
    with pytest.raises(ValueError, match="w must lie in"):
        DataPullExplorer(w=9.0)
    with pytest.raises(ValueError, match="same length"):
        point_pulls([0.0, 1.0], [1.0], 1.0, 0.0)
    with pytest.raises(ValueError, match="labels 0 or 1"):
        point_pulls([0.0], [0.5], 1.0, 0.0)


def test_update_time():
    ex = DataPullExplorer()
    times = []
    for w in np.linspace(-4, 4, 21):
        ex.set(w=round(float(w), 1))
        times.append(ex.timings["total"])
    assert np.median(times) < 0.05  # aim 20 ms; generous for a loaded CI machine


def test_static_twin():
    fig = DataPullExplorer().static([{"w": 0.0, "b": 0.0}, {"w": 2.0, "b": 0.0}])
    assert len(fig.axes) == 6
