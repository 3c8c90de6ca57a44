"""``python3 course.py lab``: starts JupyterLab on the course, also as root, with a token."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import course  # noqa: E402


def test_root_gets_allow_root_and_is_told(monkeypatch, capsys):
    monkeypatch.setattr(course, "is_root", lambda: True)
    assert course.root_flags() == ["--allow-root"]
    assert "--allow-root" in capsys.readouterr().out
    monkeypatch.setattr(course, "is_root", lambda: False)
    assert course.root_flags() == []


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_lab(tmp_path, *extra):
    """Run ``python3 course.py lab [extra]`` for real; return (process, base URL, token, lines)."""
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path))
    env.pop("JUPYTERLAB_SETTINGS_DIR", None)
    cmd = [
        sys.executable,
        str(ROOT / "course.py"),
        "lab",
        *extra,
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    seen = []
    deadline = time.monotonic() + 90
    token = None
    while time.monotonic() < deadline and token is None:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        m = re.search(rf"http://127\.0\.0\.1:{port}/lab\S*\?token=(\w+)", line)
        token = m.group(1) if m else None
    base = f"http://127.0.0.1:{port}"
    if token:
        for _ in range(100):  # the URL is printed just before the server accepts connections
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except urllib.error.URLError:
                time.sleep(0.2)
    return proc, base, token, seen


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_lab_serves_the_course_with_a_token(tmp_path):
    """The README's first command, run for real (as root in CI): a token is required."""
    proc, base, token, seen = _start_lab(tmp_path)
    try:
        assert token, "JupyterLab printed no URL with a token:\n" + "".join(seen[-30:])
        if os.geteuid() == 0:
            assert any("--allow-root" in s for s in seen)
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(f"{base}/api/contents", timeout=10)
        assert denied.value.code == 403
        url = f"{base}/api/contents/00-start-here.ipynb?content=0&token={token}"
        assert json.load(urllib.request.urlopen(url, timeout=10))["type"] == "notebook"
        settings = f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        locale = json.load(urllib.request.urlopen(settings, timeout=10))["settings"].get("locale")
        assert locale in (None, "default", "en"), f"English lab started with locale {locale!r}"
    finally:
        _stop(proc)


def test_lab_zh_opens_the_chinese_edition_with_a_chinese_interface(tmp_path):
    """``python3 course.py lab --zh``: notebooks/zh at the root, JupyterLab's locale zh_CN
    (the language pack is installed and its strings are served), lossviz in Chinese."""
    proc, base, token, seen = _start_lab(tmp_path, "--zh")
    try:
        assert token, "JupyterLab printed no URL with a token:\n" + "".join(seen[-30:])
        assert any("notebooks/zh/00-start-here.ipynb" in s for s in seen), "".join(seen[-30:])
        url = f"{base}/api/contents/00-start-here.ipynb?content=1&token={token}"
        nb = json.load(urllib.request.urlopen(url, timeout=10))["content"]
        assert 'lv.set_language("zh")' in "".join(
            "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
        )
        settings = f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={token}"
        got = json.load(urllib.request.urlopen(settings, timeout=10))
        assert got["settings"]["locale"] == "zh_CN", got["settings"]
        themes = f"{base}/lab/api/settings/@jupyterlab/apputils-extension:themes?token={token}"
        over = json.load(urllib.request.urlopen(themes, timeout=10))["settings"]["overrides"]
        assert "Noto Sans Mono CJK SC" in over["code-font-family"], over
        pack = json.load(
            urllib.request.urlopen(f"{base}/lab/api/translations/zh_CN?token={token}", timeout=10)
        )
        assert pack["data"], "the zh_CN language pack serves no strings"
        menus = json.dumps(pack["data"], ensure_ascii=False)
        assert "文件" in menus, "the zh_CN pack has no Chinese menu strings"
    finally:
        _stop(proc)
