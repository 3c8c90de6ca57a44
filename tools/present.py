#!/usr/bin/env python3
"""Present one chapter as an app without code (Voilà), e.g. in a lecture.

    python tools/present.py 03                 # notebooks/03-*.ipynb
    python tools/present.py bce-vs-mse         # by (part of) its name
    python tools/present.py 3 --port 8870 --no-browser
    python tools/present.py 03 --lecture       # lecture style (larger fonts, lines, readouts)
    python tools/present.py 03 --zh            # the Chinese edition, notebooks/zh/03-*.ipynb

Runs ``voila`` (>= 0.5) on the chapter, listening on 127.0.0.1 only, with a random token
(the browser is opened with it; the URL with the token is also printed), showing tracebacks
if a cell fails. Stop it with Ctrl-C. Standard library only; ``voila`` must be installed in
the same Python (``pip install -e .[lab]``).

With ``--lecture`` the Voilà kernel gets ``LOSSVIZ_LECTURE=1`` in its environment, which
:mod:`lossviz.style` reads at import as the default of lecture mode: every explorer and figure of
the chapter is drawn in lecture style, without a change to the notebook.

From Python: ``present("03", lecture=True)`` (blocks until Voilà stops; returns its exit code).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_PORT = 8866

__all__ = ["present", "resolve_chapter", "voila_command", "voila_env", "chapters", "LECTURE_ENV"]

#: The environment variable lossviz.style reads at import (lecture mode on by default when "1").
LECTURE_ENV = "LOSSVIZ_LECTURE"


def chapters(root: Path = NOTEBOOKS) -> list[Path]:
    """The chapter notebooks ``NN-*.ipynb``, in order."""
    return sorted(p for p in Path(root).glob("[0-9][0-9]-*.ipynb") if p.is_file())


def resolve_chapter(chapter: str | int | Path, root: Path = NOTEBOOKS) -> Path:
    """Chapter ``3``, ``"03"``, ``"03-bce-vs-mse"``, ``"bce-vs-mse"``, ``"bce"`` or a path -> path.

    Raises ValueError naming the chapters when ``chapter`` matches none or several.
    """
    s = str(chapter).strip()
    p = Path(s)
    if p.suffix == ".ipynb" and p.is_file():
        return p.resolve()
    nbs = chapters(root)
    if s.isdigit():
        hits = [nb for nb in nbs if nb.name[:2] == f"{int(s):02d}"]
    else:
        stem = s[:-6] if s.endswith(".ipynb") else s
        stem = Path(stem).name
        hits = [nb for nb in nbs if nb.stem == stem] or [
            nb for nb in nbs if stem.lower() in nb.stem.lower()
        ]
    if len(hits) != 1:
        names = ", ".join(nb.stem for nb in nbs) or "(none)"
        found = (
            "no chapter"
            if not hits
            else f"{len(hits)} chapters ({', '.join(h.stem for h in hits)})"
        )
        raise ValueError(
            f"chapter must name exactly one notebook in {root}; found {found} for "
            f"{str(chapter)!r}. "
            f"Use a number such as 3 or 03, or one of: {names}."
        )
    return hits[0].resolve()


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _pick_port(preferred: int = DEFAULT_PORT) -> int:
    if _port_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def voila_command(
    notebook: Path | str,
    *,
    port: int,
    token: str | None = None,
    open_browser: bool = True,
    show_tracebacks: bool = True,
    python: str | None = None,
) -> list[str]:
    """The voila command line for ``notebook`` (127.0.0.1 only; ``token=None`` means no token)."""
    cmd = [
        python or sys.executable,
        "-m",
        "voila",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        f"--show_tracebacks={show_tracebacks}",
        "--theme=light",
    ]
    if token:
        cmd.append(f"--token={token}")
    if not open_browser:
        cmd.append("--no-browser")
    cmd.append(str(notebook))
    return cmd


def voila_env(lecture: bool = False, base: dict | None = None) -> dict:
    """The environment for Voilà and its kernels: ``base`` (default ``os.environ``) with
    ``LOSSVIZ_LECTURE=1`` when ``lecture`` (removed otherwise, so a stray value cannot leak in).

    >>> voila_env(True, {})["LOSSVIZ_LECTURE"]
    '1'
    >>> LECTURE_ENV in voila_env(False, {"LOSSVIZ_LECTURE": "1"})
    False
    """
    env = dict(os.environ if base is None else base)
    if lecture:
        env[LECTURE_ENV] = "1"
    else:
        env.pop(LECTURE_ENV, None)
    return env


def present(
    chapter: str | int | Path,
    *,
    port: int | None = None,
    open_browser: bool = True,
    token: str | None = "random",
    dry_run: bool = False,
    lecture: bool = False,
    zh: bool = False,
) -> int:
    """Serve ``chapter`` with Voilà on 127.0.0.1 until Ctrl-C; returns Voilà's exit code.

    ``token="random"`` (default) generates one; ``token=None`` serves without a token.
    With ``dry_run=True`` only prints the command. ``lecture=True`` shows the chapter in
    lecture style (``LOSSVIZ_LECTURE=1`` for the kernel). ``zh=True`` presents the chapter of
    the Chinese edition (``notebooks/zh/``).
    """
    nb = resolve_chapter(chapter, NOTEBOOKS / "zh" if zh else NOTEBOOKS)
    port = _pick_port() if port is None else port
    if token == "random":
        token = secrets.token_hex(16)
    cmd = voila_command(nb, port=port, token=token, open_browser=open_browser)
    url = f"http://127.0.0.1:{port}/" + (f"?token={token}" if token else "")
    print(
        f"[present] {nb.relative_to(ROOT) if nb.is_relative_to(ROOT) else nb} with Voilà at {url}",
        flush=True,
    )
    print("[present] " + (f"{LECTURE_ENV}=1 " if lecture else "") + " ".join(cmd), flush=True)
    if dry_run:
        return 0
    print("[present] stop with Ctrl-C", flush=True)
    # the kernel's working directory is the notebook's folder, as in JupyterLab
    proc = subprocess.Popen(cmd, cwd=str(nb.parent), env=voila_env(lecture))
    # a SIGTERM to this script stops Voilà too (Ctrl-C reaches both through the terminal)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Present one chapter as an app without code (Voilà).")
    ap.add_argument("chapter", help="chapter number (03), name (bce-vs-mse) or notebook path")
    ap.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"port on 127.0.0.1 (default {DEFAULT_PORT} or a free one)",
    )
    ap.add_argument("--no-browser", action="store_true", help="do not open a browser")
    ap.add_argument(
        "--no-token", action="store_true", help="serve without a token (127.0.0.1 only anyway)"
    )
    ap.add_argument("--dry-run", action="store_true", help="print the command and exit")
    ap.add_argument(
        "--lecture",
        action="store_true",
        help="lecture style: larger fonts, lines and readouts for the explorers and figures",
    )
    ap.add_argument(
        "--zh", action="store_true", help="the Chinese edition (notebooks/zh/NN-*.ipynb)"
    )
    args = ap.parse_args(argv)
    try:
        return present(
            args.chapter,
            port=args.port,
            open_browser=not args.no_browser,
            token=None if args.no_token else "random",
            dry_run=args.dry_run,
            lecture=args.lecture,
            zh=args.zh,
        )
    except ValueError as exc:
        print(f"[present] {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
