"""The glossary of chapter 00: one table of (English, Chinese, symbol) rows for both editions."""

from __future__ import annotations

import re

import pytest

import lossviz as lv
from lossviz import i18n
from lossviz.terms import TERMS, Glossary, glossary

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture
def language():
    """Set the language for one test and restore the one before it afterwards."""
    before = i18n.get_language()
    yield i18n.set_language
    i18n.set_language(before)


def test_every_row_has_three_non_empty_fields():
    assert len(TERMS) >= 35
    for row in TERMS:
        assert len(row) == 3 and all(isinstance(f, str) and f.strip() for f in row), row


def test_the_chinese_field_is_chinese():
    for english, chinese, _ in TERMS:
        assert CJK.search(chinese), f"{english!r}: no Chinese characters in {chinese!r}"


def test_no_duplicate_english_terms():
    terms = [e.casefold() for e, _, _ in TERMS]
    assert len(terms) == len(set(terms)), sorted({t for t in terms if terms.count(t) > 1})


def test_symbols_are_balanced_mathematics():
    for english, _, symbol in TERMS:
        assert symbol.count("$") % 2 == 0, (english, symbol)
        assert symbol.count("{") == symbol.count("}"), (english, symbol)


def test_the_terms_of_the_course_are_there():
    english = {e for e, _, _ in TERMS}
    for term in ("loss function", "cross-entropy", "entropy", "gradient descent", "focal loss"):
        assert term in english
    assert dict((e, c) for e, c, _ in TERMS)["cross-entropy"] == "交叉熵"


def test_headers_follow_the_language(language):
    language("en")
    g = glossary()
    assert g.headers == ("term", "中文", "symbol")
    assert "<th>term</th><th>中文</th><th>symbol</th>" in g._repr_html_()
    language("zh")
    g = glossary()
    assert g.headers == ("英文", "中文", "符号")
    assert "<th>英文</th><th>中文</th><th>符号</th>" in g._repr_html_()
    assert g._repr_markdown_().splitlines()[0] == "| 英文 | 中文 | 符号 |"
    assert repr(g).splitlines()[0].split() == ["英文", "中文", "符号"]


def test_one_row_per_term_in_every_representation(language):
    language("en")
    g = glossary()
    assert len(g) == len(TERMS)
    assert g._repr_html_().count("<tr>") == len(TERMS) + 1
    assert len(g._repr_markdown_().splitlines()) == len(TERMS) + 2
    assert len(repr(g).splitlines()) == len(TERMS) + 1


def test_html_is_escaped():
    g = Glossary(rows=(("a <b> & c", "甲“乙”", '$x < y$ "q"'),), headers=("<h>", "中", "&"))
    out = g._repr_html_()
    assert "<b>" not in out and "<h>" not in out
    assert "a &lt;b&gt; &amp; c" in out and "$x &lt; y$ &quot;q&quot;" in out
    assert "<th>&lt;h&gt;</th>" in out and "<th>&amp;</th>" in out
    # the real table: every < of the symbols is escaped, so the only tags are the table's own
    tags = set(re.findall(r"</?([a-z]+)", glossary()._repr_html_()))
    assert tags == {"table", "thead", "tbody", "tr", "th", "td"}


def test_markdown_escapes_the_column_bar():
    g = Glossary(rows=(("a|b", "甲", "$|x|$"),), headers=("term", "中文", "symbol"))
    assert g._repr_markdown_().splitlines()[2] == r"| a\|b | 甲 | $\|x\|$ |"


def test_lv_glossary_is_the_function_even_after_importing_the_module():
    # the module is lossviz.terms, so importing it cannot rebind lv.glossary to a module
    assert isinstance(lv.glossary(), Glossary)
    assert "glossary" in dir(lv)
