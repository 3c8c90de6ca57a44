"""Shared machinery for the real-browser tests and the latency benchmark.

Starts JupyterLab / Voila servers on 127.0.0.1 with a random token and a free
port, launches the Debian Chromium through Playwright (never ``playwright
install``), and drives ipywidgets sliders the way a person does.

Importable from pytest (``tests/browser`` is put on ``sys.path`` by the
conftest) and from ``benchmarks/bench_browser_latency.py`` (which inserts
``tests/browser`` into ``sys.path`` itself).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

CHROMIUM_MISSING = (
    "Chromium was not found on PATH (shutil.which('chromium') is None), so the real-browser "
    "tests cannot run. Install it with `apt-get install -y chromium` (as root; on Debian/Ubuntu), "
    "or put a Chromium/Chrome binary named `chromium` on PATH. Do not run `playwright install`. "
    "To skip the browser tests deliberately, set LOSSVIZ_SKIP_BROWSER=1."
)

PLAYWRIGHT_MISSING = (
    "The Python package `playwright` is not importable, so the real-browser tests cannot run. "
    "Install it with `pip install playwright` (the browser itself is the system Chromium: "
    "`apt-get install -y chromium`; never `playwright install`). "
    "To skip the browser tests deliberately, set LOSSVIZ_SKIP_BROWSER=1."
)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = "application/vnd.jupyter.stderr"


# --------------------------------------------------------------------------- utilities


def skip_requested() -> bool:
    return os.environ.get("LOSSVIZ_SKIP_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chapters(root: Path = NOTEBOOKS) -> list[Path]:
    """Chapter notebooks ``NN-*.ipynb`` in order."""
    return sorted(p for p in root.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def _load_present():
    """tools/present.py (the README's `present` command), so the tests use its exact voila command."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "lossviz_tools_present", REPO / "tools" / "present.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


present_tool = _load_present()
resolve_chapter = present_tool.resolve_chapter


def run_dir(prefix: str = "browser") -> Path:
    """A folder named by this test run, e.g. test-artifacts/browser-20260101-120000."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    d = ARTIFACTS / f"{prefix}-{stamp}"
    n = 1
    while d.exists():
        n += 1
        d = ARTIFACTS / f"{prefix}-{stamp}-{n}"
    d.mkdir(parents=True)
    return d


def _http_ok(
    url: str, token: str | None = None, timeout: float = 2.0, any_status: bool = False
) -> bool:
    """True if url answers 200 (or answers at all, with any_status)."""
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status == 200 or any_status
    except urllib.error.HTTPError:
        return any_status
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def stop_process(proc: subprocess.Popen | None, grace: float = 10.0) -> None:
    """terminate (SIGTERM to the process group), wait, then kill; never raises."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(Exception):
            proc.terminate()
    try:
        proc.wait(timeout=grace)
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(Exception):
            proc.kill()
    with contextlib.suppress(Exception):
        proc.wait(timeout=5)


# --------------------------------------------------------------------------- servers


LAB_USER_SETTINGS = {
    # render every cell (no virtual scrolling) so every output is in the DOM
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # never write to the (copied) notebooks
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # no news / update toasts over the notebook
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


@dataclass
class Server:
    """A Jupyter-server-based process (JupyterLab or Voila) we started."""

    kind: str
    port: int
    token: str
    proc: subprocess.Popen
    workdir: Path
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str):
        req = urllib.request.Request(self.base + path, method=method)
        req.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Delete every session and kernel (keeps the 2 cores free between chapters)."""
        with contextlib.suppress(Exception):
            for s in self.api("GET", "/api/sessions") or []:
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/sessions/{s['id']}")
        with contextlib.suppress(Exception):
            for k in self.api("GET", "/api/kernels") or []:
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/kernels/{k['id']}")

    def stop(self) -> None:
        stop_process(self.proc)
        with contextlib.suppress(Exception):
            self._log.close()  # type: ignore[attr-defined]


def _spawn(
    kind: str, cmd: list[str], cwd: Path, env: dict, workdir: Path
) -> tuple[subprocess.Popen, Path]:
    log_path = workdir / f"{kind}.log"
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the server's life, closed by stop)
    proc = subprocess.Popen(
        cmd,
        cwd=str(cwd),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # own process group: kernels die with the server
    )
    proc._lv_log = log  # type: ignore[attr-defined]
    return proc, log_path


def _isolated_env(workdir: Path) -> dict:
    env = dict(os.environ)
    for sub in ("config", "runtime"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    env["JUPYTER_CONFIG_DIR"] = str(workdir / "config")  # ignore ~/.jupyter
    env["JUPYTER_RUNTIME_DIR"] = str(workdir / "runtime")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("MPLBACKEND", None)  # let %matplotlib / the kernel decide
    env["PYTHONUNBUFFERED"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _wait_ready(server: Server, path: str, timeout: float, any_status: bool = False) -> Server:
    deadline = time.monotonic() + timeout
    url = server.base + path
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            tail = server.log_tail()
            server.stop()
            raise RuntimeError(
                f"{server.kind} exited with code {server.proc.returncode} before it was "
                f"ready:\n{tail}"
            )
        if _http_ok(url, server.token, any_status=any_status):
            return server
        time.sleep(0.25)
    tail = server.log_tail()
    server.stop()
    raise RuntimeError(f"{server.kind} was not ready at {url} after {timeout:.0f} s:\n{tail}")


def copy_notebooks(dest: Path, notebooks: list[Path] | None = None) -> Path:
    """Copy the notebooks folder (and files it may read) so runs never touch the committed copies."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "notebooks"
    if notebooks is None:
        if NOTEBOOKS.is_dir():
            shutil.copytree(
                NOTEBOOKS,
                target,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
                dirs_exist_ok=True,
            )
        else:
            target.mkdir()
    else:
        target.mkdir(exist_ok=True)
        for nb in notebooks:
            shutil.copy2(nb, target / nb.name)
    return target


def start_lab(root_dir: Path, workdir: Path, timeout: float = 120.0) -> Server:
    """JupyterLab 4 on 127.0.0.1:<free port> with a random token; root_dir is served."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = workdir / "lab-user-settings"
    for rel, value in LAB_USER_SETTINGS.items():
        f = settings / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    port, token = free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={workdir / 'lab-workspaces'}",
        # no news feed, no update check, no "build recommended" dialog
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.tornado_settings={'page_config_data': {'buildCheck': False, "
        "'buildAvailable': False}}",
        "--ServerApp.terminals_enabled=False",
        "--ContentsManager.allow_hidden=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers / CI run as root
        cmd.append("--allow-root")
    proc, log_path = _spawn("jupyterlab", cmd, root_dir, _isolated_env(workdir), workdir)
    server = Server("jupyterlab", port, token, proc, workdir, log_path)
    server._log = proc._lv_log  # type: ignore[attr-defined]
    return _wait_ready(server, "/api/status", timeout)


def start_voila(
    notebook: Path, workdir: Path, timeout: float = 120.0, extra: list[str] | None = None
) -> Server:
    """Voila (>= 0.5) serving one notebook on 127.0.0.1:<free port> with a random token."""
    workdir.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(24)
    cmd = voila_command(notebook, port=port, token=token, open_browser=False) + list(extra or [])
    proc, log_path = _spawn("voila", cmd, notebook.parent, _isolated_env(workdir), workdir)
    server = Server("voila", port, token, proc, workdir, log_path)
    server._log = proc._lv_log  # type: ignore[attr-defined]
    # any HTTP answer means the server is up (the notebook page itself would start a kernel)
    return _wait_ready(server, "/voila/static/no-such-file", timeout, any_status=True)


def voila_command(notebook: Path, *, port: int, token: str | None, open_browser: bool) -> list[str]:
    return present_tool.voila_command(
        notebook, port=port, token=token, open_browser=open_browser, python=sys.executable
    )


# --------------------------------------------------------------------------- browser


def launch_browser(
    playwright,
    user_data_dir: Path,
    chromium: str | None = None,
    width: int = 1280,
    height: int = 900,
):
    """A persistent Chromium context (fresh profile in user_data_dir)."""
    chromium = chromium or find_chromium()
    if not chromium:
        raise RuntimeError(CHROMIUM_MISSING)
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=chromium,
        headless=True,
        args=list(CHROMIUM_ARGS),
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        ignore_default_args=["--enable-automation"],
    )


class PageLog:
    """Collects uncaught page errors and console errors from a Playwright page."""

    def __init__(self, page):
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )

    def widget_related(self) -> list[str]:
        keys = ("widget", "jupyter-widgets", "ipywidgets", "nouislider")
        out = [e for e in self.page_errors if any(k in e.lower() for k in keys)]
        out += [e for e in self.console_errors if any(k in e.lower() for k in keys)]
        return out


# JS ------------------------------------------------------------------------------------

JS_HELPERS = r"""
() => {
  if (window.__lv) return true;
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const STDERR = 'application/vnd.jupyter.stderr';
  function hash(s) {
    let h = 2166136261 >>> 0;
    for (let i = 0; i < s.length; i += Math.max(1, Math.floor(s.length / 4096))) {
      h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    }
    return s.length + ':' + h.toString(16);
  }
  // top-level output areas (not nested in a widget, e.g. an Output widget) that hold a widget
  function topOutputs() {
    return Array.from(document.querySelectorAll('.jp-OutputArea-output'))
      .filter(el => !el.parentElement.closest('.jupyter-widgets, .jp-OutputArea-output'));
  }
  function topBlocks() {
    return topOutputs().filter(el => el.querySelector('.jupyter-widgets'));
  }
  function labelBlocks() {
    const blocks = topBlocks();
    blocks.forEach((b, i) => b.setAttribute('data-lv-block', String(i)));
    return blocks;
  }
  function block(i) { return document.querySelector(`[data-lv-block="${i}"]`); }
  // what a person sees change: images, canvases; text of (non-stderr) outputs as a fallback
  function visualSig(b) {
    const parts = [];
    b.querySelectorAll('img').forEach(img => parts.push('img=' + hash(img.currentSrc || img.src || '')));
    b.querySelectorAll('canvas').forEach(c => {
      try { parts.push('canvas=' + hash(c.toDataURL())); } catch (e) { parts.push('canvas=?'); }
    });
    b.querySelectorAll('svg').forEach(s => { if (!s.closest('.noUi-target')) parts.push('svg=' + hash(s.outerHTML)); });
    return parts.join('|');
  }
  function textSig(b) {
    // text a person reads: explorer readouts (HTML widgets) and plain outputs; not the controls' own labels
    const parts = [];
    b.querySelectorAll('.widget-html, .widget-htmlmath').forEach(h => parts.push(hash(h.textContent || '')));
    b.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      if (o.getAttribute('data-mime-type') === STDERR) return;
      if (o.querySelector('.jp-OutputArea-output') || o.querySelector('.jupyter-widgets')) return;
      parts.push(hash(o.textContent || ''));
    });
    return parts.join('|');
  }
  // full=false: the picture (or the text when there is no picture); full=true: picture and text
  function sig(b, full) {
    if (!b) return null;
    const v = visualSig(b);
    if (full) return 'V' + v + '#T' + textSig(b);
    return v ? 'V' + v : 'T' + textSig(b);
  }
  function kernelIdle() {
    try {
      const w = window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.shell.currentWidget;
      if (!w || !w.sessionContext || !w.content) return true;   // Voila: no notebook panel
      const k = w.sessionContext.session && w.sessionContext.session.kernel;
      if (k && k.status !== 'idle') return false;
      return !Array.from(w.node.querySelectorAll('.jp-InputArea-prompt')).some(p => (p.textContent || '').includes('[*]'));
    } catch (e) { return true; }
  }
  // resolves when the kernel is idle and the block has not changed for quietMs
  async function settle(i, quietMs, timeoutMs) {
    const t0 = performance.now();
    let last = sig(block(i), true), since = performance.now();
    while (performance.now() - t0 < timeoutMs) {
      await new Promise(r => setTimeout(r, 25));
      const cur = sig(block(i), true);
      if (cur !== last || !kernelIdle()) { last = cur; since = performance.now(); }
      else if (performance.now() - since >= quietMs) break;
    }
    return {v: sig(block(i), false), f: sig(block(i), true), settled: performance.now() - t0 < timeoutMs};
  }
  function stderrTexts(root) {
    return Array.from(root.querySelectorAll(`.jp-OutputArea-output[data-mime-type="${STDERR}"]`))
      .map(o => (o.textContent || '').trim()).filter(t => t.length > 0);
  }
  function widgetProblems(root) {
    const probs = [];
    root.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      if (!o.querySelector('.jupyter-widgets') && /^\s*Loading widget/.test(o.textContent || ''))
        probs.push('Loading widget… (a widget never rendered)');
    });
    root.querySelectorAll('.jp-OutputArea-output, .jupyter-widgets').forEach(o => {
      if (o.querySelector('.jp-OutputArea-output')) return;
      const t = o.textContent || '';
      if (t.includes('Error displaying widget')) probs.push('Error displaying widget: ' + t.trim().slice(0, 300));
    });
    return Array.from(new Set(probs));
  }
  const clean = t => (t || '').replace(/[\u200b\u00a0]/g, ' ').trim();
  function controlInfo(b) {
    const sliders = Array.from(b.querySelectorAll('.noUi-handle')).map((h, j) => {
      h.setAttribute('data-lv-handle', String(j));
      const w = h.closest('.widget-slider, .jupyter-widgets');
      const lab = w ? w.querySelector('.widget-label') : null;
      const tgt = h.closest('.noUi-target');
      return {
        index: j,
        label: lab ? clean(lab.textContent) : '',
        value: h.getAttribute('aria-valuenow'),
        min: h.getAttribute('aria-valuemin'),
        max: h.getAttribute('aria-valuemax'),
        disabled: !!(tgt && tgt.hasAttribute('disabled')) || h.hasAttribute('disabled'),
        hidden: h.getClientRects().length === 0,   // e.g. in a closed Accordion / other Tab
      };
    });
    const dropdowns = Array.from(b.querySelectorAll('.widget-dropdown select')).map((s, j) => {
      s.setAttribute('data-lv-select', String(j));
      const w = s.closest('.widget-dropdown');
      const lab = w ? w.querySelector('.widget-label') : null;
      return {index: j, label: lab ? clean(lab.textContent) : '', disabled: s.disabled,
              options: Array.from(s.options).map(o => o.value), value: s.value};
    });
    const toggles = Array.from(b.querySelectorAll('.widget-toggle-buttons')).map((t, j) => {
      t.setAttribute('data-lv-toggles', String(j));
      const lab = t.querySelector('.widget-label');
      const btns = Array.from(t.querySelectorAll('button'));
      return {index: j, label: lab ? clean(lab.textContent) : '',
              buttons: btns.map(x => x.textContent.trim() || x.title),
              active: btns.findIndex(x => x.classList.contains('mod-active')),
              disabled: btns.some(x => x.disabled)};
    });
    const checkboxes = Array.from(b.querySelectorAll('.widget-checkbox input[type="checkbox"]')).map((c, j) => {
      c.setAttribute('data-lv-check', String(j));
      const w = c.closest('.widget-checkbox');
      return {index: j, label: w ? clean(w.textContent) : '', disabled: c.disabled};
    });
    return {sliders, dropdowns, toggles, checkboxes};
  }
  function handleValue(i, j) {
    const h = block(i) && block(i).querySelector(`[data-lv-handle="${j}"]`);
    if (!h) return null;
    const w = h.closest('.widget-slider');
    const r = w ? w.querySelector('.widget-readout') : null;
    return (h.getAttribute('aria-valuenow') || '') + ' / ' + (r ? (r.textContent || r.value || '').trim() : '');
  }
  // widget parts pushed out of sight: beyond the right edge of their output area
  function layoutProblems() {
    const probs = [];
    labelBlocks().forEach((b, i) => {
      const br = b.getBoundingClientRect();
      if (br.width === 0) return;
      b.querySelectorAll('.widget-html, .widget-htmlmath, .widget-label, img, canvas, .widget-slider, ' +
                         '.widget-toggle-buttons, .widget-checkbox, .widget-dropdown, .widget-button').forEach(el => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return;
        const edge = Math.min(br.right, document.documentElement.clientWidth);
        const over = Math.round(r.right - edge);
        if (over > 4) {
          const what = (el.className.baseVal !== undefined ? el.tagName : (el.className || el.tagName)).toString().split(' ')
            .filter(c => c.startsWith('widget-') && c !== 'widget-inline-hbox').join('.') || el.tagName.toLowerCase();
          probs.push(`block ${i}: ${what} ${JSON.stringify(clean(el.textContent).slice(0, 40))} ` +
                     `extends ${over} px beyond the right edge of its output area or of the window ` +
                     `(output ${Math.round(br.width)} px wide, window ${document.documentElement.clientWidth} px): cut off`);
        }
      });
    });
    return probs;
  }
  window.__lv = {hash, layoutProblems, settle, kernelIdle, topBlocks, labelBlocks, block, sig, visualSig, textSig, stderrTexts,
                 widgetProblems, controlInfo, handleValue};
  return true;
}
"""

JS_LAB_STATE = r"""
() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return {ready: false, why: 'no window.jupyterapp'};
  const w = app.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext) return {ready: false, why: 'no notebook panel'};
  const sc = w.sessionContext;
  const k = sc.session && sc.session.kernel;
  const busyPrompts = Array.from(w.node.querySelectorAll('.jp-InputArea-prompt'))
    .filter(p => (p.textContent || '').includes('[*]')).length;
  return {ready: !!(sc.isReady && k), path: w.context ? w.context.path : '',
          status: k ? k.status : 'none', busyPrompts, ncells: w.content.widgets.length};
}
"""

JS_LAB_RUN_ALL = r"""
() => {
  window.__lvRun = {done: false, result: null, error: null};
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    r => { window.__lvRun.done = true; window.__lvRun.result = r; },
    e => { window.__lvRun.done = true; window.__lvRun.error = String(e); });
  return true;
}
"""

JS_LAB_CELL_ERRORS = r"""
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const n = cell.model.executionCount;
    const src = (cell.model.sharedModel ? cell.model.sharedModel.getSource() : '').split('\n')[0].slice(0, 80);
    if (n === null || n === undefined) out.push({cell: i, kind: 'not-executed', text: src});
    const outs = cell.model.outputs.toJSON();
    outs.forEach(o => {
      if (o.output_type === 'error') out.push({cell: i, kind: 'error', text: `${o.ename}: ${o.evalue}`.slice(0, 500)});
      if (o.output_type === 'stream' && o.name === 'stderr') {
        const t = Array.isArray(o.text) ? o.text.join('') : String(o.text);
        out.push({cell: i, kind: /Traceback|Error|Exception/.test(t) ? 'stderr-error' : 'stderr', text: t.slice(0, 500)});
      }
    });
  });
  return out;
}
"""


class MoveFailed(Exception):
    """A control move failed (already recorded in the report); stop moving that control."""


@dataclass
class ControlReport:
    actions: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    n_sliders: int = 0


class WidgetDriver:
    """Finds the widget blocks on a page (JupyterLab or Voila) and moves their controls."""

    def __init__(
        self, page, *, kernel_idle=None, change_timeout: float = 15.0, quiet_ms: int = 150
    ):
        self.page = page
        self.kernel_idle = kernel_idle  # callable -> bool, or None (Voila)
        self.change_timeout = change_timeout
        self.quiet_ms = quiet_ms
        # block -> {slider index: label}: sliders disabled at the start, moved once a toggle,
        # dropdown or checkbox enables them (e.g. a logit slider enabled by a view toggle)
        self._pending: dict[int, dict[int, str]] = {}

    def install(self) -> None:
        self.page.evaluate(JS_HELPERS)

    def js(self, expr: str, arg=None):
        """Evaluate the function ``expr`` in the page with the helpers (window.__lv) installed."""
        return self.page.evaluate(
            f"(arg) => {{ if (!window.__lv) ({JS_HELPERS})(); return ({expr})(arg); }}", arg
        )

    # -- discovery ----------------------------------------------------------------------
    def blocks(self) -> list[dict]:
        return self.js(
            """() => __lv.labelBlocks().map((b, i) => ({index: i, controls: __lv.controlInfo(b),
                   nimg: b.querySelectorAll('img, canvas').length}))"""
        )

    def widget_problems(self) -> list[str]:
        return self.js("() => __lv.widgetProblems(document.body)")

    def layout_problems(self) -> list[str]:
        return self.js("() => __lv.layoutProblems()")

    def stderr_texts(self, block: int | None = None) -> list[str]:
        if block is None:
            return self.js("() => __lv.stderrTexts(document.body)")
        return self.js("(i) => __lv.stderrTexts(__lv.block(i))", block)

    def wait_widgets_rendered(self, timeout: float = 60.0) -> None:
        """Wait until no widget output still says 'Loading widget…' (bounded; never raises)."""
        with contextlib.suppress(Exception):
            self.page.wait_for_function(
                """() => Array.from(document.querySelectorAll('.jp-OutputArea-output')).every(
                          o => o.querySelector('.jupyter-widgets') || !/^\\s*Loading widget/.test(o.textContent || ''))""",
                timeout=timeout * 1000,
            )

    # -- settling -----------------------------------------------------------------------
    def sig(self, block: int, full: bool = False) -> str:
        return self.js("([i, f]) => __lv.sig(__lv.block(i), f)", [block, full])

    def settle(self, block: int, timeout: float = 30.0) -> dict:
        """Wait until the kernel is idle (when known) and the block is stable; returns its signatures."""
        return self.js(
            "([i, q, t]) => __lv.settle(i, q, t)", [block, self.quiet_ms, timeout * 1000]
        )

    def wait_change(self, block: int, before: dict, full: bool, n_err: int) -> bool:
        """Wait until the block changes (picture, or picture/text with full) or new error output
        appears.
        """
        key = "f" if full else "v"
        try:
            self.js(
                """([i, s, f, n, t]) => new Promise(resolve => {
                       const t0 = performance.now();
                       const poll = () => {
                         const b = __lv.block(i);
                         if (b && (__lv.sig(b, f) !== s || __lv.stderrTexts(b).join('\\n').length > n)) return resolve(true);
                         if (performance.now() - t0 > t) return resolve(false);
                         setTimeout(poll, 15);
                       };
                       poll();
                   })""",
                [block, before[key], full, n_err, self.change_timeout * 1000],
            )
            return self.sig(block, full) != before[key]
        except Exception:
            return False

    def handle_value(self, block: int, handle: int):
        return self.js("([i, j]) => __lv.handleValue(i, j)", [block, handle])

    # -- actions ------------------------------------------------------------------------
    def _check_move(
        self,
        rep: ControlReport,
        block: int,
        what: str,
        before: dict,
        before_val,
        after_val,
        n_err: int,
        *,
        picture: bool = False,
    ) -> dict:
        """Record the outcome of one move; raises MoveFailed to stop moving this control.

        picture=True: the picture itself must change (big moves); otherwise the picture or the
        explorer's readout text (single steps, which may be smaller than a pixel).
        """
        if after_val == before_val:
            rep.actions.append(f"{what}: value stayed {after_val} (at the end already)")
            return self.settle(block)
        changed = self.wait_change(block, before, not picture, n_err)
        after = self.settle(block)
        errs = "\n".join(self.stderr_texts(block))
        if len(errs) > n_err:
            rep.failures.append(
                f"block {block}: {what} ({before_val} -> {after_val}) produced error output:\n"
                + errs[n_err:][:3000]
            )
            raise MoveFailed(what)
        if not changed:
            thing = (
                "the figure did not change"
                if picture
                else "neither the figure nor the readout changed"
            )
            rep.failures.append(
                f"block {block}: {what} moved the value {before_val} -> {after_val} but {thing}"
                f" within {self.change_timeout:.0f} s (a control with no visible effect in "
                f"the current state"
                f" should be disabled there; disabled controls are not moved)"
            )
            raise MoveFailed(what)
        rep.actions.append(
            f"{what}: {before_val} -> {after_val}, {'figure' if picture else 'view'} changed"
        )
        return after

    def _handle(self, block: int, j: int):
        return self.page.locator(f'[data-lv-block="{block}"] [data-lv-handle="{j}"]')

    def press(self, block: int, j: int, key: str) -> None:
        h = self._handle(block, j)
        h.scroll_into_view_if_needed()
        h.focus()
        self.page.keyboard.press(key)

    def drag(self, block: int, j: int, fraction: float) -> None:
        h = self._handle(block, j)
        h.scroll_into_view_if_needed()
        track = self.page.locator(f'[data-lv-block="{block}"] [data-lv-handle="{j}"]').locator(
            "xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' "
            "noUi-target ')][1]"
        )
        hb, tb = h.bounding_box(), track.bounding_box()
        if not hb or not tb:
            raise RuntimeError("slider handle or track has no bounding box (not visible)")
        x0, y0 = hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2
        vertical = tb["height"] > tb["width"]
        if vertical:
            x1, y1 = x0, tb["y"] + tb["height"] * (1 - fraction)
        else:
            x1, y1 = tb["x"] + tb["width"] * fraction, y0
        m = self.page.mouse
        m.move(x0, y0)
        m.down()
        m.move(x1, y1, steps=8)
        m.up()

    def slider_fraction(self, block: int, j: int) -> float | None:
        return self.js(
            """([i, j]) => { const h = __lv.block(i).querySelector(`[data-lv-handle="${j}"]`);
                   const v = +h.getAttribute('aria-valuenow'), lo = +h.getAttribute('aria-valuemin'),
                         hi = +h.getAttribute('aria-valuemax');
                   return hi > lo ? (v - lo) / (hi - lo) : null; }""",
            [block, j],
        )

    def exercise_slider(self, rep: ControlReport, block: int, j: int, label: str) -> None:
        """Home, End, a drag to 30 % (the picture must change each time), ArrowRight, ArrowLeft
        (picture or readout must change), then a drag back to where the slider started."""
        n_err = len("\n".join(self.stderr_texts(block)))
        name = f"slider {label or '#' + str(j)}"
        start = self.slider_fraction(block, j)
        cur = self.settle(block)
        steps = [
            ("key", "Home", True),
            ("key", "End", True),
            ("drag", 0.3, True),
            ("key", "ArrowRight", False),
            ("key", "ArrowLeft", False),
        ]
        if start is not None:
            steps.append(("drag", start, False))
        for kind, arg, picture in steps:
            v0 = self.handle_value(block, j)
            if kind == "key":
                self.press(block, j, arg)
                what = f"{name} [{arg}]"
            else:
                self.drag(block, j, arg)
                what = f"{name} [drag to {arg:.0%}]"
            time.sleep(0.03)
            v1 = self.handle_value(block, j)
            cur = self._check_move(rep, block, what, cur, v0, v1, n_err, picture=picture)

    def exercise_dropdown(self, rep: ControlReport, block: int, info: dict) -> None:
        n_err = len("\n".join(self.stderr_texts(block)))
        name = f"dropdown {info['label'] or '#' + str(info['index'])}"
        cur = self.settle(block)
        sel = self.page.locator(f'[data-lv-block="{block}"] [data-lv-select="{info["index"]}"]')
        original = info["value"]
        for value in [v for v in info["options"] if v != original][:2] + [original]:
            v0 = sel.input_value()
            sel.select_option(value)
            cur = self._check_move(
                rep, block, f"{name} [{value}]", cur, v0, sel.input_value(), n_err
            )
            cur = self._move_enabled(rep, block) or cur

    def _move_enabled(self, rep: ControlReport, block: int) -> dict | None:
        """Move, once each, the block's sliders that were disabled at the start and are enabled
        now; returns the block's signatures afterwards (None when there was nothing to move)."""
        pending = self._pending.get(block)
        if not pending:
            return None
        now = {s["index"]: s for s in self.blocks()[block]["controls"]["sliders"]}
        ready = [j for j in pending if j in now and not now[j]["disabled"]]
        ready = [j for j in ready if not now[j].get("hidden")]
        if not ready:
            return None
        for j in ready:
            label = pending.pop(j)
            rep.n_sliders += 1
            rep.actions.append(f"block {block}: slider {label} enabled by a control, moved")
            with contextlib.suppress(MoveFailed):
                self.exercise_slider(rep, block, j, label)
        return self.settle(block)

    def exercise_toggles(self, rep: ControlReport, block: int, info: dict) -> None:
        n_err = len("\n".join(self.stderr_texts(block)))
        name = f"toggle buttons {info['label'] or '#' + str(info['index'])}"
        cur = self.settle(block)
        group = self.page.locator(
            f'[data-lv-block="{block}"] [data-lv-toggles="{info["index"]}"] button'
        )
        order = [k for k in range(len(info["buttons"])) if k != info["active"]]
        if info["active"] >= 0:
            order.append(info["active"])
        for k in order:

            def active():
                return self.js(
                    """([i, t]) => Array.from(document.querySelectorAll(`[data-lv-block="${i}"] [data-lv-toggles="${t}"] button`))
                         .findIndex(x => x.classList.contains('mod-active'))""",
                    [block, info["index"]],
                )

            a0 = active()
            group.nth(k).scroll_into_view_if_needed()
            group.nth(k).click()
            time.sleep(0.05)
            cur = self._check_move(
                rep, block, f"{name} [{info['buttons'][k]}]", cur, a0, active(), n_err
            )
            cur = self._move_enabled(rep, block) or cur

    def exercise_checkbox(self, rep: ControlReport, block: int, info: dict) -> None:
        n_err = len("\n".join(self.stderr_texts(block)))
        name = f"checkbox {info['label'] or '#' + str(info['index'])}"
        cur = self.settle(block)
        box = self.page.locator(f'[data-lv-block="{block}"] [data-lv-check="{info["index"]}"]')
        for _ in range(2):  # toggle, then back
            v0 = box.is_checked()
            box.scroll_into_view_if_needed()
            box.click()
            time.sleep(0.05)
            cur = self._check_move(
                rep, block, f"{name} [{'off' if v0 else 'on'}]", cur, v0, box.is_checked(), n_err
            )
            cur = self._move_enabled(rep, block) or cur

    def exercise_all(
        self,
        *,
        dropdowns: bool = True,
        toggles: bool = True,
        checkboxes: bool = True,
        only_blocks: list[int] | None = None,
    ) -> ControlReport:
        rep = ControlReport()
        blocks = self.blocks()
        if only_blocks is not None:
            blocks = [b for b in blocks if b["index"] in only_blocks]
        stderr_before = self.stderr_texts()
        for b in blocks:
            i, ctl = b["index"], b["controls"]
            if not (ctl["sliders"] or ctl["dropdowns"] or ctl["toggles"] or ctl["checkboxes"]):
                continue
            err0 = self.stderr_texts(i)
            self._pending[i] = {}
            for s in ctl["sliders"]:
                if s["disabled"] or s.get("hidden"):
                    why = "disabled" if s["disabled"] else "not shown"
                    rep.actions.append(f"block {i}: slider {s['label']} {why}, skipped")
                    if s["disabled"] and not s.get("hidden"):
                        self._pending[i][s["index"]] = s["label"]
                    continue
                rep.n_sliders += 1
                try:
                    self.exercise_slider(rep, i, s["index"], s["label"])
                except MoveFailed:
                    pass
                except Exception as e:  # a Playwright error here is a failure too
                    rep.failures.append(
                        f"block {i}: slider {s['label']!r}: {type(e).__name__}: {e}"
                    )
            if dropdowns:
                for d in ctl["dropdowns"]:
                    if not d["disabled"] and len(d["options"]) > 1:
                        try:
                            self.exercise_dropdown(rep, i, d)
                        except MoveFailed:
                            pass
                        except Exception as e:
                            rep.failures.append(
                                f"block {i}: dropdown {d['label']!r}: {type(e).__name__}: {e}"
                            )
            if toggles:
                for t in ctl["toggles"]:
                    if not t["disabled"] and len(t["buttons"]) > 1:
                        try:
                            self.exercise_toggles(rep, i, t)
                        except MoveFailed:
                            pass
                        except Exception as e:
                            rep.failures.append(
                                f"block {i}: toggle buttons {t['label']!r}: {type(e).__name__}: {e}"
                            )
            if checkboxes:
                for c in ctl.get("checkboxes", []):
                    if not c["disabled"]:
                        try:
                            self.exercise_checkbox(rep, i, c)
                        except MoveFailed:
                            pass
                        except Exception as e:
                            rep.failures.append(
                                f"block {i}: checkbox {c['label']!r}: {type(e).__name__}: {e}"
                            )
            for label in self._pending.pop(i, {}).values():
                rep.actions.append(f"block {i}: slider {label} never enabled by a control")
            err1 = self.stderr_texts(i)
            reported = "\n".join(rep.failures)
            new = [t for t in err1[len(err0) :] if t[:200] not in reported]
            if new:
                rep.failures.append(
                    f"block {i}: error output after moving its controls:\n"
                    + "\n---\n".join(t[:1500] for t in new)
                )
        stderr_after = self.stderr_texts()
        reported = "\n".join(rep.failures)
        new = [t for t in stderr_after[len(stderr_before) :] if t[:200] not in reported]
        if new:
            rep.failures.append(
                "new stderr output after moving the controls:\n"
                + "\n---\n".join(t[:1500] for t in new)
            )
        for p in self.widget_problems():
            rep.failures.append(f"after moving the controls: {p}")
        return rep


def err_text_is_error(text: str) -> bool:
    return any(k in text for k in ("Traceback", "Error", "Exception"))


JS_SCROLLER = r"""
() => {
  // the element that scrolls the document's content (JupyterLab and Voila scroll inside a panel)
  let best = document.scrollingElement, extra = best.scrollHeight - best.clientHeight;
  document.querySelectorAll('*').forEach(el => {
    const oy = getComputedStyle(el).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && el.clientHeight > 100) {
      const e = el.scrollHeight - el.clientHeight;
      if (e > extra) { best = el; extra = e; }
    }
  });
  document.querySelectorAll('[data-lv-scroller]').forEach(el => el.removeAttribute('data-lv-scroller'));
  best.setAttribute('data-lv-scroller', '1');
  return Math.max(0, extra);
}
"""


def full_screenshot(page, path: Path, max_height: int = 15000) -> None:
    """Screenshot of the whole content: grow the viewport by what the main scroller hides, then shoot."""
    vp = page.viewport_size or {"width": 1280, "height": 900}
    try:
        extra = page.evaluate(JS_SCROLLER)
        if extra > 0:
            page.set_viewport_size(
                {"width": vp["width"], "height": int(min(max_height, vp["height"] + extra + 20))}
            )
            page.evaluate(
                "() => { const el = document.querySelector('[data-lv-scroller]'); if (el) "
                "el.scrollTop = 0; "
                "window.scrollTo(0, 0); }"
            )
            time.sleep(0.4)
        page.screenshot(path=str(path), full_page=True)
    finally:
        with contextlib.suppress(Exception):
            page.set_viewport_size(vp)


# --------------------------------------------------------------------------- JupyterLab page


class LabNotebook:
    """One notebook opened in JupyterLab in a fresh page."""

    def __init__(self, context, server: Server, rel_path: str):
        self.server = server
        self.rel_path = rel_path
        self.page = context.new_page()
        self.log = PageLog(self.page)
        self.driver = WidgetDriver(self.page, kernel_idle=self.kernel_idle)

    def url(self) -> str:
        return f"{self.server.base}/lab/tree/{self.rel_path}?reset&token={self.server.token}"

    def state(self) -> dict:
        return self.page.evaluate(JS_LAB_STATE)

    def kernel_idle(self) -> bool:
        s = self.state()
        return bool(s.get("ready")) and s.get("status") == "idle" and s.get("busyPrompts") == 0

    def _diagnose(self) -> str:
        """What the page shows when a wait timed out: state, dialogs, the running cell."""
        try:
            return json.dumps(
                self.page.evaluate(
                    f"""() => {{
                    let s; try {{ s = ({JS_LAB_STATE})(); }} catch (e) {{ s = {{error: String(e)}}; }}
                    const dialogs = Array.from(document.querySelectorAll('.jp-Dialog')).map(d => d.innerText.slice(0, 300));
                    const running = Array.from(document.querySelectorAll('.jp-CodeCell')).filter(c =>
                        (c.querySelector('.jp-InputArea-prompt') || {{}}).textContent === '[*]:')
                        .map(c => (c.querySelector('.jp-InputArea-editor') || c).innerText.slice(0, 200));
                    return {{state: s, dialogs, running}};
                }}"""
                ),
                ensure_ascii=False,
            )
        except Exception as e:
            return f"(page not inspectable: {e})"

    def _wait(self, predicate: str, timeout: float, what: str) -> None:
        try:
            self.page.wait_for_function(predicate, timeout=timeout * 1000, polling=200)
        except Exception as e:
            raise RuntimeError(
                f"{self.rel_path}: {what} not reached within {timeout:.0f} s "
                f"({type(e).__name__}); page: {self._diagnose()}"
            ) from None

    def open(self, timeout: float = 120.0) -> None:
        self.page.goto(self.url(), wait_until="domcontentloaded", timeout=timeout * 1000)
        self._wait(
            f"""() => {{ const s = ({JS_LAB_STATE})();
                    return s.ready && s.status === 'idle' && s.path === {json.dumps(self.rel_path)}; }}""",
            timeout,
            "notebook open with an idle kernel",
        )
        # more room for the notebook: collapse the file browser
        with contextlib.suppress(Exception):
            self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")

    def run_all(self, timeout: float = 300.0) -> dict:
        self.page.evaluate(JS_LAB_RUN_ALL)
        self._wait("() => window.__lvRun && window.__lvRun.done", timeout, "run-all-cells finished")
        self._wait(
            f"""() => {{ const s = ({JS_LAB_STATE})(); return s.ready && s.status === 'idle' && s.busyPrompts === 0; }}""",
            timeout,
            "kernel idle with no [*] prompt",
        )
        return self.page.evaluate("() => window.__lvRun")

    def cell_problems(self) -> list[dict]:
        return self.page.evaluate(JS_LAB_CELL_ERRORS)

    def screenshot(self, path: Path) -> None:
        full_screenshot(self.page, path)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.close(run_before_unload=False)


# --------------------------------------------------------------------------- notebooks we generate


def _nb(cells: list[str]) -> dict:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def write_notebook(path: Path, cells: list[str]) -> Path:
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(_nb(cells), str(path))
    return path


STANDIN_EXPLORER = """\
# a stand-in explorer (IntSlider + Image rendered from a persistent Agg figure)
import io, numpy as np, ipywidgets as W
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg

class StandIn:
    def __init__(self, fail_at=None):
        self.fail_at = fail_at
        self.fig = Figure(figsize=(7, 2.6), dpi=100)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot(1, 1, 1)
        self.p = np.linspace(0.001, 0.999, 300)
        (self.line,) = self.ax.plot(self.p, -np.log(self.p))
        self.ax.set_ylim(0, 7)
        self.image = W.Image(format="png")
        self.error_output = W.Output()
        self.slider = W.IntSlider(value=5, min=0, max=40, description="k")
        self.choice = W.ToggleButtons(options=["bce", "mse"], description="loss")
        self.slider.observe(self._update, "value")
        self.choice.observe(self._update, "value")
        self.widget = W.VBox([W.HBox([self.slider, self.choice]), self.image, self.error_output])
        self._update()
    def _update(self, change=None):
        try:
            k = self.slider.value
            if self.fail_at is not None and k == self.fail_at:
                raise RuntimeError("stand-in failure at k=%d" % k)
            y = -np.log(self.p) * (1 + k / 10) if self.choice.value == "bce" else (1 - self.p) ** 2 * (1 + k)
            self.line.set_ydata(y)
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png")
            self.image.value = buf.getvalue()
        except Exception:
            with self.error_output:
                import traceback; traceback.print_exc()
    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)
"""


def standin_notebook(path: Path, *, fail_at: int | None = None) -> Path:
    return write_notebook(path, [STANDIN_EXPLORER, f"StandIn(fail_at={fail_at!r})"])
