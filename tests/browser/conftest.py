"""Fixtures for the real-browser tests (JupyterLab / Voila in headless Chromium).

Run them with ``python -m pytest -m browser tests/browser`` (they are part of the
normal test run too). Chromium comes from the system (``apt-get install -y
chromium``); if it is missing the tests FAIL and say how to install it, unless
``LOSSVIZ_SKIP_BROWSER=1`` is set on purpose.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

import _harness as H  # noqa: E402

_STARTED = []  # servers started by this session, stopped at exit whatever happens


def _stop_all():
    while _STARTED:
        _STARTED.pop().stop()


atexit.register(_stop_all)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: real-browser test (JupyterLab/Voila in headless Chromium); "
        "needs `apt-get install -y chromium`; set LOSSVIZ_SKIP_BROWSER=1 to skip deliberately",
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    d = getattr(config, "_lossviz_artifacts", None)
    if d is not None:
        terminalreporter.write_sep("-", "lossviz browser screenshots")
        terminalreporter.write_line(f"screenshots of this run: {d}")


@pytest.fixture(scope="session")
def chromium_path():
    """The Chromium binary; fails (does not skip) when it is missing."""
    if H.skip_requested():
        pytest.skip("LOSSVIZ_SKIP_BROWSER=1: real-browser tests skipped on request")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail(H.PLAYWRIGHT_MISSING, pytrace=False)
    path = H.find_chromium()
    if not path:
        pytest.fail(H.CHROMIUM_MISSING, pytrace=False)
    return path


@pytest.fixture(scope="session")
def artifacts_dir(request):
    d = H.run_dir("browser")
    request.config._lossviz_artifacts = d
    print(f"\n[lossviz] browser screenshots go to {d}")
    return d


@pytest.fixture(scope="session")
def browser_context(chromium_path, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        ctx = H.launch_browser(pw, tmp_path_factory.mktemp("chromium-profile"), chromium_path)
        try:
            yield ctx
        finally:
            with contextlib.suppress(Exception):
                ctx.close()
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory):
    """A throw-away copy of notebooks/ served by JupyterLab (committed notebooks never change)."""
    root = tmp_path_factory.mktemp("lab-root")
    H.copy_notebooks(root)
    (root / "selftest").mkdir()
    return root


@pytest.fixture(scope="session")
def lab_server(chromium_path, lab_root, tmp_path_factory):
    server = H.start_lab(lab_root, tmp_path_factory.mktemp("lab-server"))
    _STARTED.append(server)
    try:
        yield server
    finally:
        server.stop()
        if server in _STARTED:
            _STARTED.remove(server)


@pytest.fixture
def lab_notebook(lab_server, browser_context):
    """Factory: open a notebook (path relative to the lab root) in a fresh page; cleans up."""
    opened = []

    def open_(rel_path: str) -> H.LabNotebook:
        nb = H.LabNotebook(browser_context, lab_server, rel_path)
        opened.append(nb)
        nb.open()
        return nb

    yield open_
    for nb in opened:
        nb.close()
    lab_server.shutdown_kernels()
