"""Self-test of the browser harness on generated notebooks: it must pass a working
widget and it must catch broken ones (so a green browser run means something)."""

from __future__ import annotations

import _harness as H
import pytest
from test_lab import run_notebook_checks

pytestmark = pytest.mark.browser

FROZEN = """\
import ipywidgets as W
img = W.Image(value=open(__import__('matplotlib').get_data_path() + '/images/home.png', 'rb').read(), format='png')
s = W.FloatSlider(description='frozen', min=0, max=1, step=0.1)   # moves, but nothing is redrawn
W.VBox([s, img])"""

TOO_WIDE = """\
import ipywidgets as W
png = open(__import__('matplotlib').get_data_path() + '/images/home.png', 'rb').read()
W.HBox([W.Image(value=png, format='png', width=2400, layout=W.Layout(min_width='2400px')), W.HTML('hidden readout')])"""

BOGUS_WIDGET = """\
from IPython.display import display
display({'application/vnd.jupyter.widget-view+json': {'model_id': 'no-such-model', 'version_major': 2, 'version_minor': 0}}, raw=True)"""


def test_harness_accepts_working_standin(lab_root, lab_notebook):
    H.standin_notebook(lab_root / "selftest" / "good.ipynb")
    nb = lab_notebook("selftest/good.ipynb")
    failures, rep, _ = run_notebook_checks(nb)
    assert not failures, failures
    assert rep is not None and rep.n_sliders == 1
    changed = [a for a in rep.actions if a.endswith(" changed")]
    for move in (
        "[Home]",
        "[End]",
        "[drag to 30%]",
        "[ArrowRight]",
        "[ArrowLeft]",
        "[drag to 12%]",
        "[mse]",
        "[bce]",
    ):
        assert any(move in a for a in changed), (move, rep.actions)


def test_harness_catches_callback_error_and_frozen_figure(lab_root, lab_notebook):
    H.write_notebook(
        lab_root / "selftest" / "broken-controls.ipynb",
        [H.STANDIN_EXPLORER, "StandIn(fail_at=0)", FROZEN],
    )
    nb = lab_notebook("selftest/broken-controls.ipynb")
    nb.driver.change_timeout = 4.0  # the frozen slider times out by design
    failures, rep, _ = run_notebook_checks(nb)
    text = "\n".join(failures)
    assert "stand-in failure at k=0" in text, text  # the explorer's error Output is read
    assert "figure did not change" in text and "frozen" in text, text


def test_harness_catches_broken_widget_and_cell_error(lab_root, lab_notebook):
    H.write_notebook(
        lab_root / "selftest" / "broken-cells.ipynb",
        ["1 + 1", TOO_WIDE, BOGUS_WIDGET, "raise ValueError('boom in a cell')"],
    )
    nb = lab_notebook("selftest/broken-cells.ipynb")
    failures, _, _ = run_notebook_checks(nb)
    text = "\n".join(failures)
    assert '"hidden readout"' in text and "beyond the right edge" in text, text
    assert "boom in a cell" in text, text
    assert "Error displaying widget" in text or "Loading widget" in text, text
