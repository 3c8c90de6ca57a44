"""Every command the README and course.py's help name exists in course.py's command table.

(``python3 course.py site`` was documented but missing from the table once: it printed the help.)
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import course  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
import present  # noqa: E402

COMMAND = re.compile(r"python3 course\.py (\w+)")


def test_documented_commands_exist():
    named = set(COMMAND.findall(course.__doc__)) | set(
        COMMAND.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    )
    named |= set(COMMAND.findall((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")))
    missing = sorted(named - set(course.COMMANDS))
    assert not missing, f"documented but not in course.COMMANDS: {missing}"
    assert {"lab", "test", "present", "build", "site", "strings", "figures", "slides"} <= named


def test_unknown_command_prints_the_help(capsys):
    assert course.main(["no-such-command"]) == 2
    assert "python3 course.py lab" in capsys.readouterr().out


def test_present_zh_serves_the_chinese_chapter(capsys):
    assert present.main(["05", "--zh", "--dry-run", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert "notebooks/zh/05-softmax-many-classes.ipynb" in out
    assert present.main(["05", "--dry-run", "--no-browser"]) == 0
    assert "notebooks/05-softmax-many-classes.ipynb" in capsys.readouterr().out


def test_test_command_installs_a_cjk_font_when_missing(monkeypatch):
    """Without a CJK font, ``course.py test`` installs fonts-noto-cjk (as root) or says how."""
    asked = []
    monkeypatch.delenv("LOSSVIZ_SKIP_BROWSER", raising=False)
    monkeypatch.setattr(course, "has_cjk_font", lambda: False)
    monkeypatch.setattr(course, "apt_install", lambda *p: asked.append(p) or True)
    course.ensure_cjk_font()
    assert asked == [("fonts-noto-cjk",)]
    monkeypatch.setattr(course, "has_cjk_font", lambda: True)
    course.ensure_cjk_font()
    assert len(asked) == 1
