"""The code style CONTRIBUTING.md asks for: the ruff rules of pyproject.toml, clean everywhere."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff():
    exe = Path(sys.executable).with_name("ruff")
    found = str(exe) if exe.exists() else shutil.which("ruff")
    if not found:
        pytest.fail("ruff is not installed: `python3 course.py test` installs it (the test extra)")
    return found


def test_ruff_check_is_clean():
    out = subprocess.run(
        [_ruff(), "check", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, (
        f"ruff check found problems (fix: ruff check --fix .):\n{out.stdout}"
    )


def test_ruff_format_is_clean():
    out = subprocess.run(
        [_ruff(), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, (
        f"ruff format would change files (run: ruff format .):\n{out.stdout}"
    )
