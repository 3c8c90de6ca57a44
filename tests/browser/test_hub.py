"""A class on a hub, for real: a local JupyterHub, three students, an nbgitpuller link each.

JupyterHub (PyPI ``jupyterhub``) with ``configurable-http-proxy`` (npm, installed on first use
into ``.cache/npm`` with ``npm install --prefix``, never globally), the DummyAuthenticator with a
password, and SimpleLocalProcessSpawner (no system accounts; single-user servers get
``--allow-root`` when run as root). Everything listens on 127.0.0.1 only.

Each of three users logs in through the hub's login page with ``next`` set to an nbgitpuller link
(``/hub/user-redirect/git-pull?repo=file://<clone>&branch=...&urlpath=lab/tree/lossviz/notebooks/
03-bce-vs-mse.ipynb``) to a local clone of this repository (its committed state); the hub spawns
the user's server, nbgitpuller clones the course into the user's home, JupyterLab opens chapter 03.
The test runs every cell and moves the LossExplorer's ``predicted p`` slider: the explorer's
picture must change on each user's page. The hub, the proxy, the spawned servers and their
kernels are always stopped (by process id).

Run it alone with ``python -m pytest -m hub tests/browser/test_hub.py`` (about 2-4 minutes).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import _harness as H
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.hub]

REPO = H.REPO
NPM_PREFIX = REPO / ".cache" / "npm"
CHP_SPEC = "configurable-http-proxy@^5"
CHAPTER = "03-bce-vs-mse.ipynb"
SLIDER = "predicted p"
USERS = ("ada", "blaise", "carl")
BUDGET_S = 300.0


def configurable_http_proxy() -> Path:
    """The proxy's executable, installed into .cache/npm on first use."""
    exe = NPM_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
    if exe.exists():
        return exe
    npm = shutil.which("npm")
    if not npm:
        pytest.fail(
            "npm was not found on PATH, so configurable-http-proxy (JupyterHub's proxy, an npm "
            "package) cannot be installed. Install Node.js and npm (e.g. `apt-get install -y "
            "npm`), or deselect this test with `-m 'not hub'`.",
            pytrace=False,
        )
    NPM_PREFIX.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        [npm, "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", CHP_SPEC],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if r.returncode or not exe.exists():
        pytest.fail(
            f"`npm install --prefix {NPM_PREFIX} {CHP_SPEC}` failed (exit {r.returncode}):\n"
            f"{r.stdout[-2000:]}\n{r.stderr[-2000:]}",
            pytrace=False,
        )
    return exe


def course_clone(dest: Path) -> tuple[Path, str]:
    """A clone of this repository's committed state at dest/lossviz; (path, branch)."""
    branch = (
        subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--abbrev-ref", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        or "main"
    )
    if branch == "HEAD":  # detached (CI): give the commit a branch name in the clone
        branch = "main"
    target = dest / "lossviz"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        ["git", "-C", str(target), "checkout", "--quiet", "-B", branch],
        check=True,
        capture_output=True,
    )
    return target, branch


HUB_CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.cleanup_servers = True
c.JupyterHub.services = [{{"name": "lossviz-test", "api_token": {api_token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "lossviz-test",
    "scopes": ["list:users", "read:users", "read:servers", "admin:servers"],
    "services": ["lossviz-test"],
}}]
"""


class Hub:
    """A JupyterHub we started; stop() ends it, its proxy and every server it spawned."""

    def __init__(self, work: Path, chp: Path):
        self.work = work
        self.port, self.hub_port, self.proxy_api_port = (H.free_port() for _ in range(3))
        self.password = secrets.token_hex(12)
        self.api_token = secrets.token_hex(24)
        settings = work / "lab-user-settings"
        for rel, value in H.LAB_USER_SETTINGS.items():
            f = settings / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(value))
        (work / "jupyter-config").mkdir(parents=True, exist_ok=True)
        args = [
            "--LabApp.expose_app_in_browser=True",  # the harness reads window.jupyterapp
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.terminals_enabled=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers / CI run as root
            args.append("--allow-root")
        environment = {
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTER_CONFIG_DIR": str(work / "jupyter-config"),  # not ~/.jupyter
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYTHONUNBUFFERED": "1",
        }
        singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
        self.config = work / "jupyterhub_config.py"
        self.config.write_text(
            HUB_CONFIG.format(
                port=self.port,
                hub_port=self.hub_port,
                proxy_api_port=self.proxy_api_port,
                work=work,
                chp=str(chp),
                password=self.password,
                users=list(USERS),
                singleuser=singleuser,
                args=args,
                environment=environment,
                api_token=self.api_token,
            )
        )
        self.log_path = work / "jupyterhub.log"
        self.proc: subprocess.Popen | None = None
        self.pids: set[int] = set()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> Hub:
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)
        env["JUPYTER_CONFIG_DIR"] = str(self.work / "jupyter-config")
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed by stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(self.config)],
            cwd=str(self.work),
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({self.proc.returncode}):\n{self.tail()}")
            with contextlib.suppress(Exception):
                if self.api("GET", "/hub/api/") is not None:
                    self._note_children()
                    return self
            time.sleep(0.3)
        raise RuntimeError(f"jupyterhub not ready after {timeout:.0f} s:\n{self.tail()}")

    def tail(self, n: int = 80) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        return "(no log)"

    def api(self, method: str, path: str):
        req = urllib.request.Request(self.base + path, method=method)
        req.add_header("Authorization", f"token {self.api_token}")
        with urllib.request.urlopen(req, timeout=15) as r:
            body = r.read()
        return json.loads(body) if body else {}

    def _note_children(self) -> None:
        """Remember the hub's descendants (proxy, single-user servers, kernels) by pid."""
        import psutil

        with contextlib.suppress(Exception):
            for p in psutil.Process(self.proc.pid).children(recursive=True):
                self.pids.add(p.pid)

    def servers(self) -> dict[str, dict]:
        users = self.api("GET", "/hub/api/users")
        return {u["name"]: u.get("servers", {}).get("", {}) for u in users}

    def stop(self) -> None:
        import psutil

        if self.proc is None:
            return
        self._note_children()
        for name in USERS:  # stop the servers the hub's way first
            with contextlib.suppress(Exception):
                self.api("DELETE", f"/hub/api/users/{name}/server")
        H.stop_process(self.proc, grace=20)  # SIGTERM: the hub stops its servers and proxy
        # whatever is left of what it started: by pid, never by name
        left = []
        for pid in self.pids:
            with contextlib.suppress(psutil.Error):
                p = psutil.Process(pid)
                p.terminate()
                left.append(p)
        _, alive = psutil.wait_procs(left, timeout=5)
        for p in alive:
            with contextlib.suppress(psutil.Error):
                p.send_signal(signal.SIGKILL)
        with contextlib.suppress(Exception):
            self._log.close()
        self.proc = None


class HubNotebook(H.LabNotebook):
    """A notebook a hub user opened through a link (not by the lab URL of a token server)."""

    def __init__(self, context, rel_path: str):
        self.rel_path = rel_path
        self.page = context.new_page()
        self.log = H.PageLog(self.page)
        self.driver = H.WidgetDriver(self.page, kernel_idle=self.kernel_idle)

    def login_through(self, hub: Hub, user: str, link: str, timeout: float = 120.0) -> None:
        login = f"{hub.base}/hub/login?next={urllib.parse.quote(link, safe='')}"
        self.page.goto(login, wait_until="domcontentloaded", timeout=60_000)
        self.page.fill("#username_input", user)
        self.page.fill("#password_input", hub.password)
        self.page.click("#login_submit")
        # spawn pending -> OAuth -> git-pull (clone) -> JupyterLab with the chapter open
        self._wait(
            f"""() => {{ const s = ({H.JS_LAB_STATE})(); return s.ready &&
                    s.status === 'idle' && s.path === {json.dumps(self.rel_path)}; }}""",
            timeout,
            f"{user}: chapter open in JupyterLab through the nbgitpuller link",
        )


def _start_run_all(nb: HubNotebook) -> None:
    """Start Run All Cells (returns at once; the three kernels then run side by side)."""
    nb.page.evaluate(H.JS_LAB_RUN_ALL)


def _finish_and_move(nb: HubNotebook, user: str, timeout: float = 240.0) -> str:
    """Wait for Run All, then move the LossExplorer's p slider; a failure text or ''."""
    nb._wait("() => window.__lvRun && window.__lvRun.done", timeout, "run-all-cells finished")
    nb._wait(
        f"""() => {{ const s = ({H.JS_LAB_STATE})();
                return s.ready && s.status === 'idle' && s.busyPrompts === 0; }}""",
        timeout,
        "kernel idle with no [*] prompt",
    )
    errors = [p for p in nb.cell_problems() if p["kind"] in ("error", "stderr-error")]
    if errors:
        return f"{user}: cells failed: {errors}"
    d = nb.driver
    d.install()
    d.wait_widgets_rendered()
    target = None
    for b in d.blocks():
        for s in b["controls"]["sliders"]:
            if s["label"] == SLIDER and not s["disabled"] and not s["hidden"]:
                target = (b["index"], s["index"])
    if target is None:
        return f"{user}: no enabled slider {SLIDER!r} found on the page"
    block, handle = target
    before = d.settle(block)
    v0 = d.handle_value(block, handle)
    d.press(block, handle, "Home")
    changed = d.wait_change(block, before, False, 0)
    v1 = d.handle_value(block, handle)
    if v0 == v1:
        return f"{user}: the slider did not move ({v0})"
    if not changed:
        return f"{user}: slider moved {v0} -> {v1} but the explorer's picture did not change"
    return ""


def test_three_students_on_a_local_jupyterhub(browser_context, tmp_path, artifacts_dir):
    t_start = time.monotonic()
    chp = configurable_http_proxy()
    clone, branch = course_clone(tmp_path / "src")
    hub = Hub(tmp_path / "hub", chp)
    rel = f"lossviz/notebooks/{CHAPTER}"
    link = "/hub/user-redirect/git-pull?" + urllib.parse.urlencode(
        {"repo": f"file://{clone}", "branch": branch, "urlpath": f"lab/tree/{rel}"}
    )
    failures, stamps, servers, pages = [], {}, {}, {}

    def stamp(what):
        stamps[what] = round(time.monotonic() - t_start, 1)
        print(f"[hub] {stamps[what]:6.1f} s  {what}", flush=True)

    def on_term(signum, frame):  # a killed run (timeout, CI) still stops the hub below
        raise KeyboardInterrupt(f"signal {signum}")

    old_term = signal.signal(signal.SIGTERM, on_term)
    browser_context.clear_cookies()  # cookies of other 127.0.0.1 servers are not per port
    try:
        hub.start()
        stamp("hub up")
        for user in USERS:
            # log in as this user: only the hub's login cookies go; the earlier users' server
            # cookies (path /user/<name>/) stay, so their pages keep working
            for name in ("jupyterhub-hub-login", "jupyterhub-session-id"):
                browser_context.clear_cookies(name=name)
            nb = HubNotebook(browser_context, rel)
            try:
                nb.login_through(hub, user, link)
                pages[user] = nb
                _start_run_all(nb)
            except Exception as e:  # a timeout on one user's page is that user's failure
                failures.append(f"{user}: {type(e).__name__}: {str(e)[:1500]}")
                nb.close()
            stamp(f"{user}: logged in, course pulled, chapter open, running")
            hub._note_children()
        for user, nb in pages.items():
            try:
                why = _finish_and_move(nb, user)
            except Exception as e:
                why = f"{user}: {type(e).__name__}: {str(e)[:1500]}"
            if why:
                failures.append(why)
            with contextlib.suppress(Exception):
                nb.page.screenshot(path=str(artifacts_dir / f"hub-{user}.png"))
            stamp(f"{user}: ran, moved the slider{' (FAILED)' if why else ''}")
        servers = hub.servers()
        running = sorted(n for n, s in servers.items() if s.get("ready"))
        cloned = sorted(
            u for u in USERS if (hub.work / "home" / u / "lossviz" / "notebooks" / CHAPTER).exists()
        )
    finally:
        for nb in pages.values():
            nb.close()
        hub.stop()
        browser_context.clear_cookies()
        signal.signal(signal.SIGTERM, old_term)
        stamp("hub stopped")
    elapsed = time.monotonic() - t_start
    assert not failures, "\n".join(failures) + f"\n--- hub log ---\n{hub.tail()}"
    assert running == sorted(USERS), f"servers running at the end: {running}"
    assert cloned == sorted(USERS), f"nbgitpuller clones in the users' homes: {cloned}"
    assert elapsed < BUDGET_S, f"the hub test took {elapsed:.0f} s (budget {BUDGET_S:.0f} s)"
