"""Every chapter in a real JupyterLab in headless Chromium: run all cells, then move every control.

For each ``notebooks/NN-*.ipynb`` (a copy, so nothing committed is modified):
open it, run all cells, fail on any error output, traceback on stderr,
"Error displaying widget" or a widget stuck at "Loading widget…"; then move every
slider of every widget (keyboard: Home, ArrowRight, End, ArrowLeft; mouse: a drag)
and every Dropdown / ToggleButtons option, and fail if a move changes the value
but not the figure, or produces error output. One full-notebook screenshot per
chapter goes to test-artifacts/browser-<timestamp>/.
"""

from __future__ import annotations

import _harness as H
import pytest

pytestmark = pytest.mark.browser

CHAPTERS = H.chapters()


def run_notebook_checks(
    nb: H.LabNotebook, shot=None
) -> tuple[list[str], H.ControlReport | None, list[str]]:
    """Run all cells and exercise the controls; returns (failures, control report, notes)."""
    failures: list[str] = []
    notes: list[str] = []
    rep = None
    try:
        run = nb.run_all()
        nb.driver.wait_widgets_rendered(timeout=45)
        if run.get("error"):
            failures.append(f"notebook:run-all-cells failed: {run['error']}")
        for p in nb.cell_problems():
            msg = f"cell {p['cell']}: {p['kind']}: {p['text']}"
            (notes if p["kind"] == "stderr" else failures).append(msg)
        for t in nb.driver.stderr_texts():
            if H.err_text_is_error(t) and not any(t[:200] in f for f in failures):
                failures.append(f"error text on stderr: {t[:1500]}")
        failures += nb.driver.widget_problems()
        failures += nb.driver.layout_problems()
        if not failures:  # only move controls in a notebook that ran cleanly
            rep = nb.driver.exercise_all()
            failures += rep.failures
        failures += [f"browser error: {e}" for e in nb.log.widget_related()]
    finally:
        if shot is not None:
            try:
                nb.screenshot(shot)
            except Exception as e:  # a screenshot problem must not hide the real result
                notes.append(f"screenshot failed: {e}")
    return failures, rep, notes


def test_chapters_exist():
    assert CHAPTERS, f"no chapter notebooks notebooks/NN-*.ipynb found in {H.NOTEBOOKS}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_in_jupyterlab(chapter, lab_notebook, artifacts_dir):
    nb = lab_notebook(f"notebooks/{chapter.name}")
    shot = artifacts_dir / f"{chapter.stem}.png"
    failures, rep, notes = run_notebook_checks(nb, shot)
    print(f"{chapter.name}: screenshot {shot}")
    if rep is not None:
        print(f"{rep.n_sliders} slider(s) moved; " + "; ".join(rep.actions))
    for n in notes:
        print("note:", n)
    assert not failures, f"{chapter.name} in JupyterLab:\n- " + "\n- ".join(failures)
