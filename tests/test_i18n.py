"""The language switch and the string catalogues (lossviz/i18n.py, lossviz/locale, tools/strings).

* The English catalogue is exactly the set of strings marked in the code (``tr``/``N_``).
* Every English string has a Chinese entry, non-empty, with the same ``{placeholders}``, and
  translated (not the English repeated); no Chinese entry is stale.
* Every Chinese string of the catalogue renders in a figure with the course's fonts and no
  "Glyph … missing from font" warning (that warning is an error here).
* ``set_language`` rejects what it cannot do, naming the argument, the choices and the fix.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest

from lossviz import i18n, style

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import strings as catalogue_tool  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_english_catalogue_is_what_the_code_marks():
    marked, errors = catalogue_tool.marked_strings()
    assert not errors, "\n".join(errors)
    en = json.loads((i18n.LOCALE_DIR / "en.json").read_text(encoding="utf-8"))["strings"]
    new, gone = sorted(set(marked) - set(en)), sorted(set(en) - set(marked))
    assert not new and not gone, (
        f"lossviz/locale/en.json is out of date: {len(new)} new {new[:5]}, {len(gone)} gone "
        f"{gone[:5]}; run `python3 course.py strings extract`"
    )
    assert len(marked) > 0


def test_every_english_string_has_its_chinese_entry():
    problems = catalogue_tool.problems("zh")
    assert not problems, f"{len(problems)} catalogue problem(s):\n" + "\n".join(problems[:20])


def test_catalogue_check_can_fail(tmp_path, monkeypatch):
    """A missing entry, a changed placeholder and an untranslated entry are each reported."""
    zh = dict(i18n.catalogue("zh"))
    assert zh, "the Chinese catalogue is empty"
    first, second, *_ = sorted(zh)
    zh.pop(first)
    zh[second] = "{not_a_field} 中文"
    locale = tmp_path / "locale"
    locale.mkdir()
    (locale / "en.json").write_text((i18n.LOCALE_DIR / "en.json").read_text(encoding="utf-8"))
    (locale / "zh.json").write_text(json.dumps({"strings": zh}, ensure_ascii=False))
    monkeypatch.setattr(catalogue_tool, "LOCALE", locale)
    found = "\n".join(catalogue_tool.problems("zh"))
    assert f"no entry for {first!r}" in found
    assert f"{second!r} has fields" in found


def test_tr_switches_language_and_warns_on_a_missing_entry():
    text = sorted(i18n.catalogue("zh"))[0]
    assert i18n.tr(text) == text
    with i18n.language("zh"):
        assert i18n.tr(text) == i18n.catalogue("zh")[text]
        with pytest.warns(i18n.MissingTranslationWarning, match="no 'zh' entry"):
            assert i18n.tr("a string nobody marked, for this test") == (
                "a string nobody marked, for this test"
            )
    assert i18n.get_language() == "en"


@pytest.mark.parametrize("bad", ["fr", "ZH", "", None, 1])
def test_set_language_rejects_what_it_cannot_do(bad):
    with pytest.raises(ValueError) as err:
        i18n.set_language(bad)
    msg = str(err.value)
    assert "lang must be one of 'en', 'zh'" in msg and repr(bad) in msg and "Use 'en'" in msg


def test_environment_variable_chooses_the_language(monkeypatch):
    monkeypatch.setenv("LOSSVIZ_LANG", "zh_CN")
    assert i18n._from_env() == "zh"
    monkeypatch.setenv("LOSSVIZ_LANG", "klingon")
    with pytest.raises(ValueError, match="LOSSVIZ_LANG"):
        i18n._from_env()


def test_placeholders():
    assert i18n.placeholders("{a} and {b:.3f} but not {{c}}") == ["a", "b"]


def test_every_chinese_string_renders_without_a_missing_glyph():
    """Draw the whole Chinese catalogue with the course's zh fonts; a missing glyph fails."""
    from lossviz.figure import agg_figure

    texts = sorted(set(i18n.catalogue("zh").values()))
    with matplotlib.rc_context(style.rc(lang="zh")):
        fig, _ = agg_figure((8, 6), layout=None)
        ax = fig.add_subplot()
        artists = [
            ax.text(0, k, t, family=style.monospace_family("zh") if k % 2 else None)
            for k, t in enumerate(texts)
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s) …" is a UserWarning
        fig.canvas.draw()
    assert len(artists) == len(texts)
    assert sum(bool(CJK.search(t)) for t in texts) > 0.8 * len(texts)


def test_missing_glyph_check_can_fail():
    """Without the CJK font, the same drawing warns: the check above sees tofu."""
    from lossviz.figure import agg_figure

    with matplotlib.rc_context(style.rc(lang="en")):
        fig, _ = agg_figure((4, 3), layout=None)
        fig.add_subplot().set_title("交叉熵")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert any("missing from font" in str(w.message) for w in seen)


def test_cjk_font_is_registered_without_touching_global_settings():
    before = dict(matplotlib.rcParams)
    names = style.register_cjk_fonts()
    assert names == {"sans": "Noto Sans CJK SC", "mono": "Noto Sans Mono CJK SC"}
    assert dict(matplotlib.rcParams) == before
    with i18n.language("zh"):
        assert style.rc()["font.family"] == ["DejaVu Sans", "Noto Sans CJK SC"]
    assert (
        "Noto Sans CJK SC" not in style.rc()["font.family"] if "font.family" in style.rc() else True
    )
