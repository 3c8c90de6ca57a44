"""The errata in Chinese: the table, every demonstration, the repair stages (lossviz.errata).

In the Chinese edition everything the errata show a student is in Chinese — the table's column
titles and its text columns (what the source says, what is true, the kind), each demonstration's
line, the labels and summaries of the sources' code run and repaired, the withdrawn id's reason —
with no string missing from the catalogue (``MissingTranslationWarning`` is an error here), and
every number of the English output, in the same order (so the two editions print the same
numbers). What the sources wrote stays as they wrote it: the quotes, their code, and the Python
errors their code raises. English is shown exactly as before.
"""

from __future__ import annotations

import configparser
import html
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

import lossviz.errata as errata
from lossviz import i18n
from lossviz.errata.registry import _KIND_NAMES

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")  # as tests/test_editions.py counts them
SANITIZE = Path(__file__).resolve().parent / "nbval_sanitize.cfg"


@pytest.fixture(autouse=True)
def _strict():
    """Every warning is an error, and a missing entry warns again (the warning is issued once)."""
    i18n._warned.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    i18n.set_language("en")


def _sanitized(text):
    """``text`` with the sanitizer's replacements applied (the timings of E29)."""
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    for section in config.sections():
        text = re.sub(config[section]["regex"], config[section]["replace"], text)
    return text


def _in(lang, func, *args):
    with i18n.language(lang):
        return func(*args)


@pytest.mark.parametrize("e", errata.ERRATA, ids=lambda e: e.id)
def test_every_demonstration_in_chinese_keeps_the_numbers(e):
    en = _in("en", lambda: str(e.demo()))
    zh = _in("zh", lambda: str(e.demo()))
    assert zh.startswith(f"{e.id}：源文 -> ") and " | 正确 -> " in zh, zh
    assert "sources ->" not in zh and "correct ->" not in zh
    assert CJK.search(zh.split(" | 正确 -> ")[1]), f"the correction of {e.id} is not in Chinese"
    assert "\n" not in zh
    assert NUMBER.findall(_sanitized(zh)) == NUMBER.findall(_sanitized(en)), (en, zh)


def test_e29_timings_are_sanitized_in_both_editions():
    """The E29 line's timings vary from run to run; tests/nbval_sanitize.cfg masks them in both."""
    for lang, masked in (("en", "multi-label BCE T ms"), ("zh", "多标签 BCE T ms")):
        line = _in(lang, lambda: str(errata.demo("E29")))
        assert masked in _sanitized(line), line
        assert not re.search(r"\d+\.\d+ ms", _sanitized(line)), _sanitized(line)


def test_english_demonstrations_are_unchanged():
    """Examples of the English output, exactly as before the Chinese edition."""
    assert str(errata.demo("E13")) == (
        "E13: sources -> y=0, p=0.8: as printed -y log p + (1-y) log(1-p) = -1.609 (negative, "
        "falls as p -> 1) | correct -> y=0, p=0.8: correct -[y log p + (1-y) log(1-p)] = +1.609 "
        "(grows to inf as p -> 1)"
    )
    assert str(errata.demo("E38")) == (
        "E38: sources -> AxisError: axis 1 is out of bounds for array of dimension 1; with axis 0 "
        "(softmax across the 3 samples) it prints 'Cross-Entropy Loss: 0.6365' | correct -> "
        "sigmoid per sample: 0.4399 (= lv.bce_with_logits)"
    )
    assert errata.demo("E35").fixed == (
        "dw = +X.T.dot(y_hat - y): runs; printed loss 3.0059 -> 0.7621 -> 0.5022 (falls)"
    )
    # no Chinese but the term E15 is about
    assert not [r.id for r in errata.run_all() if CJK.search(str(r).replace("最小二乘", ""))]


def _cells(table_html):
    rows = re.findall(r"<tr>(.*?)</tr>", table_html)
    return [[html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)] for r in rows]


def test_table_in_chinese():
    table = errata.table()
    en_html = _in("en", table._repr_html_)
    zh_html = _in("zh", table._repr_html_)
    en, zh = _cells(en_html), _cells(zh_html)
    assert zh[0] == [
        "编号",
        "出处（源文 · §）",
        "原文摘录",
        "源文的说法",
        "正确的说法",
        "类型",
        "展示于（章 §）",
    ]
    assert en[0][0] == "id" and en[0][3] == "what it says"
    assert len(zh) == len(en) == len(errata.ERRATA) + 1
    for row_en, row_zh in zip(en[1:], zh[1:], strict=True):
        ident, _, quote, says, truth, kind, _ = row_zh
        assert ident == row_en[0] and quote == row_en[2], "ids and quotes stay as written"
        assert CJK.search(says) and CJK.search(truth), row_zh
        assert kind == i18n.catalogue("zh")[row_en[5]]
        for a, b in zip(row_en, row_zh, strict=True):
            assert NUMBER.findall(a) == NUMBER.findall(b), (a, b)
    # the rows keep the English data that code compares
    assert table[0]["kind"] in errata.KINDS and not CJK.search(table[0]["says"])


def test_table_markdown_and_repr_in_chinese():
    with i18n.language("zh"):
        md = errata.table("08").to_markdown()
        text = repr(errata.table())
    assert md.startswith("| 编号 | 出处（源文 · §） |")
    assert "08（引言）" in md and "（另见 000 §7.1）" in md
    assert "[假设性]" in text and "（课程之外）" in text and "见 09 §3.1" in text
    # English as before
    assert errata.table("08").to_markdown().startswith("| id | source (seed · §) | quote |")
    assert "08 (intro)" in errata.table("08").to_markdown()
    assert "  ch 09 §3.1" in repr(errata.table()) and "[hypothetical]" in repr(errata.table())


def test_every_kind_has_a_chinese_name():
    assert set(_KIND_NAMES) == set(errata.KINDS)
    zh = i18n.catalogue("zh")
    assert all(CJK.search(zh[name]) for name in _KIND_NAMES.values())


@pytest.mark.parametrize("key", sorted(errata.REPAIRS))
def test_repair_stages_in_chinese(key):
    en = errata.repair_stages(key)
    with i18n.language("zh"):
        zh = errata.repair_stages(key)
        summaries = [run.summary() for _, run in zh]
    assert en[0][0] == "as published" and zh[0][0] == "原样运行"
    for (label_en, run_en), (label_zh, _), summary in zip(en, zh, summaries, strict=True):
        assert CJK.search(label_zh), label_zh
        assert NUMBER.findall(label_zh) == NUMBER.findall(label_en)
        if run_en.error:
            assert summary == run_en.error  # Python's message, as the code raised it
        else:
            assert summary.startswith("可运行"), summary
            assert NUMBER.findall(summary) == NUMBER.findall(run_en.summary())


def test_chinese_stage_labels_line_up_by_display_width():
    """Chapter 09 prints f"{label:38} -> ..."; a Chinese character takes two columns."""
    with i18n.language("zh"):
        labels = [label for label, _ in errata.repair_stages("002 §4.1")]
    wide = [f"{label:38}|" for label in labels]
    widths = {sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in w) for w in wide}
    assert widths == {39}, wide
    assert f"{labels[0]:>10}" == "  原样运行" and f"{labels[0]:^10}" == " 原样运行 "
    en = [label for label, _ in errata.repair_stages("002 §4.1")]
    assert type(en[0]) is str and f"{en[0]:38}" == "as published".ljust(38)


def test_withdrawn_reason_in_chinese():
    with i18n.language("zh"):
        reason = errata.WITHDRAWN["E02"]
    assert reason.startswith("已撤回：004 §1.2 「能够避免过拟合和欠拟合的问题」")
    assert NUMBER.findall(reason) == NUMBER.findall(errata.WITHDRAWN["E02"])
    assert errata.WITHDRAWN["E02"].startswith("withdrawn: 004 §1.2")
    with i18n.language("zh"), pytest.raises(ValueError, match="E02 was withdrawn: 004"):
        errata.get("E02")  # error messages stay in English


def test_the_sources_code_is_not_translated():
    with i18n.language("zh"):
        run = errata.run_source("004 §4.1")
        code = errata.SOURCE_CODE["002 §4.1"]
    assert run.printed == "Mean Squared Error: 0.25"
    assert code == errata.SOURCE_CODE["002 §4.1"]
