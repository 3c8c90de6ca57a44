#!/usr/bin/env python3
"""Set up and run the lossviz course with nothing but Python 3 (standard library only).

    python3 course.py lab            create .venv, install, open the course in JupyterLab
    python3 course.py lab --zh       the Chinese edition (中文版), JupyterLab in Chinese
    python3 course.py test           create .venv, install, run every test
    python3 course.py present 03     show chapter 03 without code, in Voila (app mode)
    python3 course.py present 03 --lecture   the same in lecture style (larger fonts and lines)
    python3 course.py present 03 --zh        chapter 03 of the Chinese edition
    python3 course.py slides 03 [--zh]  offline reveal.js deck of chapter 03 in slides/ (no code;
                                     reveal.js and MathJax from npm, cached in .cache/npm)
    python3 course.py build [NN ..] [--zh|--both]  build notebooks/*.ipynb from their .md sources
                                     (--zh: the Chinese edition in notebooks/zh/)
    python3 course.py figures [NN ..] [--format svg|pdf|png] [--lecture] [--zh]
                                     every static figure and twin to figures/NN/, with a manifest
    python3 course.py strings extract|check|missing|add FILE
                                     the string catalogues lossviz/locale/{en,zh}.json
    python3 course.py lock           refresh requirements.lock (the pinned versions installed)
    python3 course.py site [NN ..] [--lang en|zh]  static website in site/ (both editions by
                                     default, a language switch on every page): every chapter,
                                     every explorer live with no kernel (open site/index.html)

The virtual environment lives in ``.venv`` next to this file. It installs the versions pinned in
``requirements.lock`` (``LOSSVIZ_UNLOCKED=1``: the newest that pyproject.toml allows) and is
reinstalled when either file changes.  Extra arguments after ``test`` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".lossviz-installed"
EXTRAS = ".[lab,test]"
LOCK = ROOT / "requirements.lock"
LOCK_COMMAND = [
    "uv",
    "pip",
    "compile",
    "pyproject.toml",
    "--extra",
    "lab",
    "--extra",
    "test",
    "--universal",
    "--python-version",
    "3.10",
    "--upgrade",
    "-o",
    "requirements.lock",
]


def say(msg):
    print(f"[course] {msg}", flush=True)


def run(cmd, **kw):
    say(" ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], **kw)


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(*packages):
    """Install Debian packages when root on a machine with apt-get; return True on success."""
    if not (is_root() and shutil.which("apt-get")):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    return run(["apt-get", "install", "-y", "-qq", *packages], env=env).returncode == 0


def create_venv():
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        return
    except (subprocess.CalledProcessError, OSError) as exc:
        failure = exc
    minor = f"python3.{sys.version_info.minor}-venv"
    say(f"creating the virtual environment failed ({failure}); Debian ships venv's pip separately.")
    if apt_install("python3-venv", minor) or apt_install("python3-venv"):
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        return
    sys.exit(
        "[course] Please install the venv module, e.g. `sudo apt-get install -y "
        "python3-venv`, then run this again."
    )


def ensure_env():
    if sys.version_info < (3, 10):  # noqa: UP036 (say so on an old Python, do not crash)
        sys.exit(f"[course] lossviz needs Python >= 3.10; this is {sys.version.split()[0]}.")
    locked = os.environ.get("LOSSVIZ_UNLOCKED") != "1"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    if locked:
        digest.update(LOCK.read_bytes())
    wanted = digest.hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        say(f"creating a virtual environment in {VENV.name}/")
        create_venv()
    if run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], cwd=ROOT).returncode:
        sys.exit("[course] could not upgrade pip in .venv")
    if locked:
        say(f"installing the tested versions pinned in {LOCK.name} (LOSSVIZ_UNLOCKED=1: newest)")
        steps = [["-r", LOCK.name], ["--no-deps", "-e", "."]]
    else:
        steps = [["-e", EXTRAS]]
    for step in steps:
        if run([PY, "-m", "pip", "install", "--quiet", *step], cwd=ROOT).returncode:
            sys.exit("[course] installing lossviz and its dependencies failed (see above)")
    STAMP.write_text(wanted)


def ensure_chromium():
    """The browser tests drive Debian's Chromium; install it when missing and we can."""
    if os.environ.get("LOSSVIZ_SKIP_BROWSER") == "1" or shutil.which("chromium"):
        return
    say("Chromium is not installed; the browser tests need it.")
    if not apt_install("chromium", "fonts-noto-cjk"):
        say(
            "could not install it here: run `sudo apt-get install -y chromium` (the browser "
            "tests will fail until then)."
        )


def has_cjk_font():
    """True when fontconfig knows a Noto Sans CJK font (what Chromium draws Chinese with)."""
    if not shutil.which("fc-list"):
        return Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists()
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return "Noto Sans CJK" in out or "Noto Sans Mono CJK" in out


def ensure_cjk_font():
    """The Chinese edition's browser tests need a CJK font in Chromium (Debian fonts-noto-cjk)."""
    if os.environ.get("LOSSVIZ_SKIP_BROWSER") == "1" or has_cjk_font():
        return
    say("no CJK font for the browser: the Chinese edition's pages would show tofu boxes.")
    if not apt_install("fonts-noto-cjk"):
        say("could not install it here: run `sudo apt-get install -y fonts-noto-cjk`.")


def ensure_npm():
    """The offline slides and the hub test take reveal.js, MathJax and the proxy from npm."""
    if shutil.which("npm"):
        return
    say("npm is not installed; the slides and the hub test fetch JavaScript packages with it.")
    if not apt_install("nodejs", "npm"):
        say("could not install it here: run `sudo apt-get install -y nodejs npm`.")


def root_flags():
    """JupyterLab refuses to start as root unless told; say so, and keep the token on."""
    if not is_root():
        return []
    say(
        "running as root (a container, a cloud VM): passing --allow-root to Jupyter; "
        "token authentication stays on."
    )
    return ["--allow-root"]


#: JupyterLab's user settings for ``lab --zh`` (its interface in Chinese), kept in the project
#: so that the user's own JupyterLab settings are not touched.
LAB_ZH_SETTINGS = ROOT / ".cache" / "lab-zh" / "user-settings"


def lab_zh_env(base=None):
    """Environment for ``lab --zh``: JupyterLab's locale zh_CN (from the language pack
    jupyterlab-language-pack-zh-CN) in a project-local settings folder, and lossviz in Chinese
    in every kernel (``LOSSVIZ_LANG=zh``)."""
    folder = LAB_ZH_SETTINGS / "@jupyterlab" / "translation-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plugin.jupyterlab-settings").write_text('{"locale": "zh_CN"}\n')
    # printed tables are padded by display width (a CJK character = two columns): a code font
    # whose CJK characters are exactly two columns wide keeps them aligned (Noto CJK, if there)
    themes = LAB_ZH_SETTINGS / "@jupyterlab" / "apputils-extension"
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "themes.jupyterlab-settings").write_text(
        '{"overrides": {"code-font-family": "\'Noto Sans Mono CJK SC\', monospace"}}\n'
    )
    env = dict(os.environ if base is None else base)
    env.update(JUPYTERLAB_SETTINGS_DIR=str(LAB_ZH_SETTINGS), LOSSVIZ_LANG="zh")
    return env


def cmd_lab(args):
    ensure_env()
    zh = "--zh" in args
    args = [a for a in args if a != "--zh"]
    start = "notebooks/zh/00-start-here.ipynb" if zh else "notebooks/00-start-here.ipynb"
    cmd = [PY, "-m", "jupyter", "lab", start, *root_flags(), *args]
    if zh:
        say("the Chinese edition, with JupyterLab's interface in Chinese (中文版)")
    return run(cmd, cwd=ROOT, env=lab_zh_env() if zh else None).returncode


def cmd_test(args):
    ensure_env()
    ensure_chromium()
    ensure_cjk_font()
    ensure_npm()
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
    return run([PY, "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def cmd_present(args):
    ensure_env()
    if not args:
        sys.exit(
            "[course] usage: python3 course.py present NN   (e.g. 03 for "
            "notebooks/03-bce-vs-mse.ipynb)"
        )
    sys.path.insert(0, str(ROOT))
    return run([PY, str(ROOT / "tools" / "present.py"), *args], cwd=ROOT).returncode


def cmd_lock(args):
    """Refresh requirements.lock: the newest versions that pyproject.toml allows, pinned."""
    ensure_env()
    uv = BIN / "uv"
    if not uv.exists() and run([PY, "-m", "pip", "install", "--quiet", "uv"]).returncode:
        sys.exit("[course] could not install uv (PyPI package `uv`) into .venv")
    code = run([uv, *LOCK_COMMAND[1:], *args], cwd=ROOT).returncode
    if not code:
        say(f"{LOCK.name} refreshed: run `python3 course.py test`, then commit it.")
    return code


def cmd_figures(args):
    ensure_env()
    return run([PY, str(ROOT / "tools" / "figures.py"), *args], cwd=ROOT).returncode


def cmd_slides(args):
    ensure_env()
    ensure_npm()
    if not args:
        sys.exit("[course] usage: python3 course.py slides NN [NN ...]   (e.g. 03)")
    return run([PY, str(ROOT / "tools" / "slides.py"), *args], cwd=ROOT).returncode


def cmd_site(args):
    ensure_env()
    env = dict(os.environ, MPLBACKEND="Agg")
    return run([PY, str(ROOT / "tools" / "site.py"), *args], cwd=ROOT, env=env).returncode


def cmd_build(args):
    ensure_env()
    return run([PY, str(ROOT / "tools" / "chapters.py"), *args], cwd=ROOT).returncode


def cmd_strings(args):
    ensure_env()
    return run([PY, str(ROOT / "tools" / "strings.py"), *args], cwd=ROOT).returncode


COMMANDS = {
    "lab": cmd_lab,
    "test": cmd_test,
    "present": cmd_present,
    "build": cmd_build,
    "lock": cmd_lock,
    "slides": cmd_slides,
    "figures": cmd_figures,
    "site": cmd_site,
    "strings": cmd_strings,
}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
