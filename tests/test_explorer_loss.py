"""LossExplorer's logit view (chapter 03): the view switch, the z slider at both ends and the
middle, artists in place, numbers, and labels of infinite values clear of the curves."""

import numpy as np
from explorer_checks import assert_clean_result, n_artists

from lossviz.explorers import LossExplorer


def test_view_switch_and_z_slider_in_place():
    ex = LossExplorer()
    n0 = n_artists(ex)
    ax_l, ax_g = ex.artists["_axes"]
    for view in ("z", "p", "z"):
        ex.set(view=view)
        for y in (0, 1):
            for z in (-10.0, 0.0, 10.0):
                ex.set(z=z, y=y)
                assert ex.last_error is None, ex.last_error
                assert n_artists(ex) == n0
                assert_clean_result(ex.result)
        lim = (-10.0, 10.0) if view == "z" else (0.0, 1.0)
        assert tuple(ax_g.get_xlim()) == lim and tuple(ax_l.get_xlim()) == lim
    ex.set(view="z", z=-6.0, y=1)
    # the marker sits at z on the curve, not at p
    assert ex.artists["mark_grad_bce"].point.get_xdata()[0] == -6.0
    assert "dL/dz" in ex.readout_text and "−0.998" in ex.readout_text


def test_inactive_slider_disabled():
    ex = LossExplorer()
    assert ex.controls["z"].disabled and not ex.controls["p"].disabled
    ex.set(view="z")
    assert ex.controls["p"].disabled and not ex.controls["z"].disabled


def test_logit_gradients():
    ex = LossExplorer(_live=False)
    for z in (-6.0, -2.0, 0.0):
        r = ex.compute(z=z, y=1)
        p = 1 / (1 + np.exp(-z))
        assert np.isclose(r["bce_dz"], p - 1)
        assert np.isclose(r["mse_dz"], 2 * (p - 1) * p * (1 - p))
        assert abs(r["mse_dz"]) <= 0.5 * abs(r["bce_dz"])


def test_logit_view_never_capped():
    ex = LossExplorer(view="z")
    for y in (0, 1):
        for z in (-10.0, 10.0):
            ex.set(z=z, y=y)
            for k in ("bce", "mse", "focal"):
                assert not ex.artists[f"mark_loss_{k}"].capped
                assert not ex.artists[f"mark_grad_{k}"].capped


def _text_box(ex, text):
    ex.canvas.draw()
    return text.get_window_extent(ex.canvas.get_renderer())


def test_infinite_labels_clear_of_the_curves():
    """The "−∞ BCE" label of the gradient panel (and off-scale values) never sit on a curve."""
    for y, p in ((1, 0.0), (1, 0.02), (0, 1.0), (0, 0.98)):
        ex = LossExplorer(p=p, y=y, image_format="png")
        ax_g = ex.artists["_axes"][1]
        for key in ("end_grad", "mark_grad_bce", "mark_grad_focal"):
            m = ex.artists[key]
            if not m.capped:
                continue
            box = _text_box(ex, m.label)
            for name in ("bce", "mse", "focal"):
                line = ex.artists[f"grad_{name}"]
                pts = ax_g.transData.transform(np.column_stack(line.get_data()))
                pts = pts[np.isfinite(pts).all(axis=1)]
                inside = (
                    (pts[:, 0] >= box.x0 - 2)
                    & (pts[:, 0] <= box.x1 + 2)
                    & (pts[:, 1] >= box.y0 - 2)
                    & (pts[:, 1] <= box.y1 + 2)
                )
                assert not inside.any(), f"{key} label on the {name} curve at y={y}, p={p}"


def test_logit_view_static_twin():
    ex = LossExplorer()
    fig = ex.static([{"view": "z", "z": -6.0, "y": 1}, {"p": 0.02, "y": 1}])
    assert len(fig.axes) == 4
    assert fig.axes[1].get_xlabel() == "logit z" and fig.axes[3].get_xlabel() != "logit z"
