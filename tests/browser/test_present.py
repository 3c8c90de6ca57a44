"""tools/present.py (the README's `present` command) resolves chapters and builds the voila command.
No browser needed; the Voilà run itself is tested in test_voila.py with this same command."""

from __future__ import annotations

import sys

import _harness as H
import pytest

present = H.present_tool


def test_resolve_chapter_by_number_and_name():
    nbs = present.chapters()
    if not nbs:
        pytest.fail(f"no chapter notebooks in {present.NOTEBOOKS}")
    nb = nbs[0]
    num = nb.name[:2]
    assert present.resolve_chapter(num) == nb.resolve()
    assert present.resolve_chapter(int(num)) == nb.resolve()
    assert present.resolve_chapter(nb.stem) == nb.resolve()
    assert present.resolve_chapter(str(nb)) == nb.resolve()


def test_resolve_chapter_rejects_unknown_with_the_list():
    with pytest.raises(ValueError, match="exactly one notebook") as exc:
        present.resolve_chapter("no-such-chapter-xyz")
    for nb in present.chapters():
        assert nb.stem in str(exc.value)


def test_voila_command_is_local_with_token():
    cmd = present.voila_command("nb.ipynb", port=8870, token="abc", open_browser=False)
    assert cmd[:3] == [sys.executable, "-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8870" in cmd and "--token=abc" in cmd
    assert "--no-browser" in cmd and cmd[-1] == "nb.ipynb"
    assert "--no-browser" not in present.voila_command("nb.ipynb", port=1, open_browser=True)


def test_present_dry_run(capsys):
    nbs = present.chapters()
    if not nbs:
        pytest.fail(f"no chapter notebooks in {present.NOTEBOOKS}")
    assert present.main([nbs[0].name[:2], "--dry-run", "--port", "8871"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8871/?token=" in out and "voila" in out
    assert present.main(["no-such-chapter-xyz", "--dry-run"]) == 2
