"""One chapter in Jupyter Notebook 7 (``jupyter notebook``), in headless Chromium.

Notebook 7 is built from JupyterLab's components: with ``expose_app_in_browser`` its app is
``window.jupyterapp`` as in JupyterLab, the current notebook panel is
``jupyterapp.shell.currentWidget`` and "Run all" is the same ``notebook:run-all-cells``
command, so the harness's :class:`LabNotebook` drives it; only the URL (``/notebooks/<path>``)
and the server command differ. Runs the chapter with the LossExplorer (03), checks that no cell
failed and no widget is broken, then moves every control of its first explorer and checks that
the figure changes each time.
"""

from __future__ import annotations

import json
import secrets
import sys

import _harness as H
import pytest
from test_voila import pick_chapter

pytestmark = pytest.mark.browser


class Notebook7(H.LabNotebook):
    def url(self) -> str:
        return f"{self.server.base}/notebooks/{self.rel_path}?token={self.server.token}"


def start_notebook7(root_dir, workdir, timeout: float = 120.0) -> H.Server:
    """Jupyter Notebook 7 on 127.0.0.1:<free port> with a random token (as H.start_lab)."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = workdir / "user-settings"
    for rel, value in H.LAB_USER_SETTINGS.items():
        f = settings / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    port, token = H.free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "notebook",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--JupyterNotebookApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root_dir}",
        f"--JupyterNotebookApp.user_settings_dir={settings}",
        f"--JupyterNotebookApp.workspaces_dir={workdir / 'workspaces'}",
        "--ServerApp.terminals_enabled=False",
    ]
    if H.os.name == "posix" and H.os.geteuid() == 0:
        cmd.append("--allow-root")
    proc, log_path = H._spawn("notebook7", cmd, root_dir, H._isolated_env(workdir), workdir)
    server = H.Server("notebook7", port, token, proc, workdir, log_path)
    server._log = proc._lv_log  # type: ignore[attr-defined]
    return H._wait_ready(server, "/api/status", timeout)


def test_chapter_in_notebook7(browser_context, artifacts_dir, tmp_path):
    chapter = pick_chapter()
    assert chapter is not None, "no chapter with an explorer"
    root = tmp_path / "root"
    H.copy_notebooks(root, [chapter])
    server = start_notebook7(root, tmp_path / "nb7-server")
    nb = None
    try:
        nb = Notebook7(browser_context, server, f"notebooks/{chapter.name}")
        nb.open(timeout=180)
        assert "/notebooks/" in nb.page.url
        app = nb.page.evaluate("() => window.jupyterapp.name")
        assert app == "Jupyter Notebook", f"expected Notebook 7's app, found {app!r}"
        nb.run_all(timeout=400)
        nb.driver.wait_widgets_rendered(timeout=60)
        failures = [f"cell {p['cell']}: {p['kind']}: {p['text']}" for p in nb.cell_problems()]
        failures = [f for f in failures if ": stderr:" not in f]
        failures += nb.driver.widget_problems()
        assert not failures, f"{chapter.name} in Notebook 7:\n- " + "\n- ".join(failures)

        blocks = [b for b in nb.driver.blocks() if b["controls"]["sliders"]]
        assert blocks, f"{chapter.name} in Notebook 7: no widget with a slider was rendered"
        rep = nb.driver.exercise_all(only_blocks=[blocks[0]["index"]])
        failures = rep.failures + [f"browser error: {e}" for e in nb.log.widget_related()]
        print(f"{chapter.name} in Notebook 7: {rep.n_sliders} slider(s); " + "; ".join(rep.actions))
        assert rep.n_sliders >= 1
        assert not failures, f"{chapter.name} in Notebook 7:\n- " + "\n- ".join(failures)
    finally:
        if nb is not None:
            nb.screenshot(artifacts_dir / f"notebook7-{chapter.stem}.png")
            nb.close()
        server.shutdown_kernels()
        server.stop()
