"""``python3 course.py present NN --lecture``: the chapter in Voilà in lecture style.

Serves the chapter with the LossExplorer (03) with the exact Voilà command and environment of
``tools/present.py`` twice, normal and ``--lecture`` (``LOSSVIZ_LECTURE=1`` for the kernel),
and compares what the browser shows: the explorer's picture is larger by lossviz.style's
lecture factor (its natural size in pixels), and its readout's computed font size is larger.
"""

from __future__ import annotations

import contextlib
import secrets

import _harness as H
import pytest
from test_voila import pick_chapter

pytestmark = pytest.mark.browser

MEASURE = r"""
() => {
  const img = document.querySelector('.widget-image, img.jupyter-widgets');
  const fonts = [...document.querySelectorAll('.jupyter-widgets div[style*="font-size"]')]
    .map(d => parseFloat(getComputedStyle(d).fontSize)).filter(x => x > 0);
  return {w: img ? img.naturalWidth : 0, h: img ? img.naturalHeight : 0,
          font: fonts.length ? Math.max(...fonts) : 0};
}
"""


def _serve(notebook, workdir, lecture: bool) -> H.Server:
    """H.start_voila, with the environment that present.py gives Voilà (lecture or not)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port, token = H.free_port(), secrets.token_hex(24)
    cmd = H.voila_command(notebook, port=port, token=token, open_browser=False)
    env = H.present_tool.voila_env(lecture, H._isolated_env(workdir))
    proc, log_path = H._spawn("voila", cmd, notebook.parent, env, workdir)
    server = H.Server("voila", port, token, proc, workdir, log_path)
    server._log = proc._lv_log  # type: ignore[attr-defined]
    return H._wait_ready(server, "/voila/static/no-such-file", 120, any_status=True)


def _measure(browser_context, notebook, workdir, lecture, artifacts_dir) -> dict:
    server = _serve(notebook, workdir, lecture)
    page = None
    try:
        page = browser_context.new_page()
        page.goto(f"{server.base}/?token={server.token}", wait_until="domcontentloaded")
        page.wait_for_function(
            """() => { const img = document.querySelector('.widget-image, img.jupyter-widgets');
                       return !document.getElementById('loading') && img && img.naturalWidth; }""",
            timeout=300_000,
            polling=250,
        )
        H.WidgetDriver(page, quiet_ms=300).wait_widgets_rendered(timeout=60)
        body = page.evaluate("() => document.body.innerText")
        assert "There was an error when executing cell" not in body
        return page.evaluate(MEASURE)
    finally:
        if page is not None:
            with contextlib.suppress(Exception):
                name = "lecture" if lecture else "normal"
                H.full_screenshot(page, artifacts_dir / f"voila-{name}-{notebook.stem}.png")
            page.close()
        server.stop()


def test_present_lecture_style(browser_context, artifacts_dir, tmp_path):
    chapter = pick_chapter()
    assert chapter is not None, "no chapter with an explorer to present"
    nb = H.copy_notebooks(tmp_path / "root", [chapter]) / chapter.name
    normal = _measure(browser_context, nb, tmp_path / "normal", False, artifacts_dir)
    lecture = _measure(browser_context, nb, tmp_path / "lecture", True, artifacts_dir)
    print(f"{chapter.name}: normal {normal}, lecture {lecture}")
    from lossviz import style

    assert normal["w"] > 0 and lecture["w"] > 0
    assert lecture["w"] == pytest.approx(normal["w"] * style.LECTURE_SCALE, rel=0.02), (
        f"the explorer picture is {lecture['w']} px wide with --lecture and {normal['w']} px "
        f"without: lecture mode is not in force (expected a factor {style.LECTURE_SCALE})"
    )
    assert lecture["h"] > normal["h"]
    assert lecture["font"] > normal["font"] > 0, (normal, lecture)
