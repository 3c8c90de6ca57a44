"""One chapter in Voilà (app mode, as a lecturer presents it), in headless Chromium.

Serves the chapter with the LossExplorer (03-bce-vs-mse, else any chapter with an
explorer or slider) using the exact command of ``tools/present.py``, waits for it to
render, fails on errors, "Error displaying widget" or "Loading widget…", then moves
every control of the first explorer and checks that its figure changes.
"""

from __future__ import annotations

import contextlib
import json
import time

import _harness as H
import pytest

pytestmark = pytest.mark.browser


def _code(nb_path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb.get("cells", [])
        if c.get("cell_type") == "code"
    )


def pick_chapter(root=None):
    """The chapter to present: one using LossExplorer (03 first), else any with a slider."""
    nbs = H.chapters(root) if root is not None else H.chapters()
    codes = {nb: _code(nb) for nb in nbs}
    loss = [nb for nb in nbs if "LossExplorer" in codes[nb]]
    loss.sort(key=lambda nb: (not nb.name.startswith("03-"), nb.name))
    if loss:
        return loss[0]
    for marker in ("Explorer(", "interact", "Slider("):
        hits = [nb for nb in nbs if marker in codes[nb]]
        if hits:
            return hits[0]
    return None


def _load_and_check(page, server) -> list[str]:
    """Open (or reopen) the Voilà page, wait for it to render, and list what is wrong."""
    page.goto(
        f"{server.base}/?token={server.token}", wait_until="domcontentloaded", timeout=180_000
    )
    # Voilà executes every cell on the server, then shows them (the spinner goes away)
    page.wait_for_function(
        """() => !document.getElementById('loading')
                 && document.getElementById('rendered_cells')
                 && document.getElementById('rendered_cells').style.display !== 'none'""",
        timeout=300_000,
        polling=200,
    )
    driver = H.WidgetDriver(page, quiet_ms=300)
    driver.wait_widgets_rendered(timeout=120)
    time.sleep(0.5)
    failures = []
    body = page.evaluate("() => document.body.innerText")
    if "There was an error when executing cell" in body:
        failures.append("Voilà reports: " + body[body.index("There was an error") :][:500])
    failures += [
        f"error output: {t[:1500]}" for t in driver.stderr_texts() if H.err_text_is_error(t)
    ]
    failures += driver.widget_problems()
    failures += driver.layout_problems()
    return failures


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_chapter_in_voila(edition, chromium_path, browser_context, artifacts_dir, tmp_path):
    """``present 03`` and ``present 03 --zh`` (the Chinese edition, notebooks/zh/)."""
    chapter = pick_chapter(H.NOTEBOOKS / "zh" if edition == "zh" else None)
    assert chapter is not None, (
        "no chapter notebook uses an explorer or a slider; nothing to present in Voilà"
    )
    copy = H.copy_notebooks(tmp_path / "root") / ("zh" if edition == "zh" else "") / chapter.name
    server = H.start_voila(copy, tmp_path / "voila-server")
    page = None
    try:
        page = browser_context.new_page()
        log = H.PageLog(page)
        failures = _load_and_check(page, server)
        if failures and all(f.startswith("Loading widget") for f in failures):
            # Voilà sometimes leaves a widget unrestored on a loaded machine (voila-dashboards/
            # voila#534, #920); a student reloads. One reload must render every widget.
            print(
                f"{chapter.name} in Voilà: a widget was still loading after the first render;"
                " reloading once"
            )
            H.full_screenshot(page, artifacts_dir / f"voila-{chapter.stem}-first-load.png")
            log = H.PageLog(page)
            failures = _load_and_check(page, server)
        assert not failures, f"{chapter.name} in Voilà:\n- " + "\n- ".join(failures)
        driver = H.WidgetDriver(page, quiet_ms=300)

        blocks = [b for b in driver.blocks() if b["controls"]["sliders"]]
        assert blocks, f"{chapter.name} in Voilà: no widget with a slider was rendered"
        rep = driver.exercise_all(only_blocks=[blocks[0]["index"]])
        failures = rep.failures + [f"browser error: {e}" for e in log.widget_related()]
        print(
            f"{chapter.name} in Voilà: {rep.n_sliders} slider(s) moved; " + "; ".join(rep.actions)
        )
        assert rep.n_sliders >= 1
        assert not failures, f"{chapter.name} in Voilà:\n- " + "\n- ".join(failures)
    finally:
        if page is not None:
            with contextlib.suppress(Exception):
                H.full_screenshot(page, artifacts_dir / f"voila-{edition}-{chapter.stem}.png")
            page.close()
        server.stop()
