"""The self-check exercises in Chinese (``lv.set_language("zh")``), and unchanged in English.

Every question of every chapter is rendered (plain text, HTML, widget) in Chinese, and every
feedback path a learner can reach — the right answer, each wrong choice, each trap, a wrong
number, a wrong type, the hints and the solution — is Chinese, with the numbers the English
edition shows. A string with no Chinese entry fails (MissingTranslationWarning is an error).
"""

from __future__ import annotations

import copy
import pickle
import re
import warnings
from collections import Counter

import numpy as np
import pytest

from lossviz import i18n
from lossviz.exercises import Exercise, Text, shown
from lossviz.exercises.checks import standard_traps
from lossviz.i18n import N_
from lossviz.question_bank import available_chapters, questions

CJK = re.compile(r"[\u4e00-\u9fff]")
# three English words in a row: an untranslated sentence (code such as lv.bce([0], [0.9]) is not)
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]+(?:[ ,]+[A-Za-z][A-Za-z'-]+){2,}")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
WRONG_GENERIC = ["nonsense", 1e9, -7, [1, 2, 3, 4, 5], True, float("nan"), 3 + 1j]


@pytest.fixture
def strict():
    """Missing translations and missing glyphs are errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", i18n.MissingTranslationWarning)
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        yield


@pytest.fixture
def zh(strict):
    with i18n.language("zh"):
        yield


def _chinese(text, what=""):
    assert CJK.search(text), f"{what}: no Chinese in {text!r}"
    leaked = ENGLISH.findall(text)
    assert not leaked, f"{what}: English left in {text!r}: {leaked}"


def _same_numbers(en, zh_text, what=""):
    missing = Counter(NUMBER.findall(en)) - Counter(NUMBER.findall(zh_text))
    assert not missing, f"{what}: numbers {dict(missing)} of {en!r} are not in {zh_text!r}"


def _as_given(value):
    return value if np.ndim(value) == 0 or isinstance(value, (list, str)) else np.asarray(value)


ALL = [
    pytest.param(key, n, id=f"ch{key}-q{n}")
    for key in available_chapters()
    for n in range(1, len(questions(key)) + 1)
]


def _english_texts(q):
    """Everything a question shows in English (a fresh copy, so hint positions start at 0)."""
    q = q.renamed(q.name)
    with i18n.language("en"):
        hints = [q.next_hint_text() for _ in range(max(1, len(q.hints)))]
        return repr(q), hints, q.solution_message()


@pytest.mark.parametrize("key, n", ALL)
def test_every_question_renders_in_chinese(zh, key, n):
    q = questions(key)[n]
    en_repr, en_hints, en_solution = _english_texts(q)
    # the question: plain text, HTML, its choices
    text, page = repr(q), q._repr_html_()
    _chinese(text, "repr")
    assert text != en_repr
    _chinese(page, "html")
    _same_numbers(en_repr, text, "question")
    for letter, choice in (q.choice_texts or {}).items():
        _chinese(choice, f"choice ({letter})")
        assert f"({letter}) {choice}" in text
    # hints, one after the other, and the solution (computed when asked for ch09/ch10 q4)
    hints = [q.next_hint_text() for _ in range(max(1, len(q.hints)))]
    for en_hint, hint in zip(en_hints, hints, strict=True):
        assert hint.startswith("提示"), hint
        _chinese(hint, "hint")
        _same_numbers(en_hint, hint, "hint")
    solution = q.solution_message()
    assert solution.startswith("解答：" + q.expected_text()), solution
    _chinese(solution[len("解答：") :], "solution")
    _same_numbers(en_solution, solution, "solution")


@pytest.mark.parametrize("key, n", ALL)
def test_every_feedback_path_in_chinese(zh, key, n):
    q = questions(key)[n]
    right = q.evaluate(_as_given(q.answer))
    assert right and right.text.startswith("正确："), right.text
    assert q.evaluate(...).text == "把 ... 换成你的答案，然后再次运行这个单元格。"
    texts = []
    for letter, choice in (q.choices or {}).items():
        v = q.evaluate(letter)
        if letter == q.answer:
            assert v and v.text.startswith(f"正确：({letter}) {shown(choice.text)}")
            if choice.why:
                assert shown(choice.why) in v.text
            continue
        assert not v and v.kind == "choice"
        assert v.text.startswith(f"还不对。你选了 ({letter})。{shown(choice.why)}"), v.text
        texts.append(v.text)
    for trap in q.traps:  # each typical mistake: its own sentence, in Chinese
        v = q.evaluate(_as_given(trap.value))
        assert not v and v.kind == trap.kind and shown(trap.message) in v.text, v.text
        _chinese(shown(trap.message), "trap")
        with i18n.language("en"):
            _same_numbers(str(trap.message), shown(trap.message), "trap")
        texts.append(v.text)
    for given in WRONG_GENERIC:
        v = q.evaluate(given)
        assert not v, (given, v.text)
        texts.append(v.text)
    for text in texts:
        assert text.startswith("还不对。"), text
        assert text.endswith(f"试试 {q.name}.hint()，或用 {q.name}.solution() 查看答案。"), text
        _chinese(text, "feedback")


@pytest.mark.parametrize("key, n", ALL)
def test_every_widget_in_chinese(zh, key, n):
    box = questions(key)[n].widget()
    ex = box.exercise
    assert [b.description for b in (box.check_button, box.hint_button, box.solution_button)] == [
        "检查",
        "提示",
        "解答",
    ]
    _chinese(box.children[0].value, "widget question")
    if ex.choices is not None:
        for label, letter in box.answer.options:
            assert label.startswith(f"({letter}) ")
            _chinese(label, "radio option")
    else:
        _chinese(box.answer.placeholder, "placeholder")
    box.check_button.click()  # nothing chosen yet
    assert box.verdict.status == "not_attempted"
    expected = "请选择一个答案" if ex.choices is not None else "在输入框中键入答案"
    assert expected in box.feedback.value
    wrong = next((k for k in ex.choices if k != ex.answer), None) if ex.choices else "nonsense"
    box.answer.value = wrong
    box.check_button.click()
    feedback = box.feedback.value
    assert not box.verdict.ok and "还不对" in feedback and "lossviz-wrong" in feedback
    assert "按“提示”，或按“解答”查看答案。" in feedback and ".hint()" not in feedback
    box.answer.value = ex.answer if ex.choices is not None else ex.expected_text()
    box.check_button.click()
    assert box.verdict.ok and "正确：" in box.feedback.value
    box.hint_button.click()
    assert "提示" in box.feedback.value and "lossviz-hint" in box.feedback.value
    box.solution_button.click()
    assert "解答：" in box.feedback.value and "lossviz-solution" in box.feedback.value


def test_chapter_listing_in_chinese(zh):
    ch = questions("03")
    assert repr(ch).splitlines()[0] == "第 03 章：5 道题"
    assert "<b>第 03 章</b>" in ch._repr_html_()
    _chinese(ch._repr_html_())


def test_generic_feedback_in_chinese(zh):
    """The machinery's own sentences: precision, types, arrays, text, truth values, checkers."""
    number = questions("03").q1  # 3 decimals
    cases = [
        ("2.3", "只精确到一位小数，而题目要求三位小数"),
        ("2.301", "请对精确值四舍五入"),
        ("zz", "答案是一个数，而你给的是文本 'zz'"),
        (float("nan"), "这不是一个数（NaN）"),
        (float("inf"), "它是无穷大，而答案是有限值"),
        (-2.303, "大小是对的，但符号反了"),
        (3.322, "以比特为单位"),
        (100.0, "太大了，相差超过 10 倍"),
        (0.01, "太小了，相差超过 10 倍"),
        (1.0, "太小了。"),
        (True, "真值 True"),
        (3 + 1j, "复数"),
    ]
    for given, words in cases:
        assert words in number.evaluate(given).text, (given, number.evaluate(given).text)
    four = questions("04").q2  # 3 significant figures
    assert "只精确到两位有效数字，而题目要求三位有效数字" in four.evaluate(4.8).text
    array = questions("05").q1
    assert "答案的形状是 (3,)，而你给的形状是 (2,)" in array.evaluate([0.1, 0.2]).text
    assert array.evaluate([0.1, 0.2]).kind == "shape"
    assert array.evaluate("0.1, 0.2, 0.3").kind == "type"
    assert "3 项中有 3 项不对；第一个错误项的下标是 0" in array.evaluate([0.1, 0.2, 0.3]).text
    close = (np.asarray(array.answer) + 0.0009).tolist()
    assert "每一项都很接近" in array.evaluate(close).text
    choice = questions("03").q3
    assert "请用字母 a, b, c, d 之一作答" in choice.evaluate("z").text
    assert "请只选一个字母；你选了 a, b" in choice.evaluate("a, b").text
    # truth values, words, checkers and a question without hints or solution
    yes = Exercise("Convex?", answer=True)
    assert "请回答 True 或 False" in yes.evaluate(3).text
    assert "False 不对。" in yes.evaluate(False).text
    assert yes.evaluate("yes").text == "正确：True。"
    word = Exercise("Term?", answer={"entropy", "H"})
    assert "请检查术语及其拼写" in word.evaluate("entropie").text
    assert "答案是一个词或短语" in word.evaluate(3).text
    assert word.expected_text() == "'H' 或 'entropy'"
    checked = Exercise("Even?", checker=lambda x: x % 2 == 0)
    assert "它没有通过检查" in checked.evaluate(3).text
    assert checked.evaluate(4).text == "正确：4。"
    assert "无法检查（TypeError" in checked.evaluate("x").text
    assert checked.next_hint_text() == "提示：这道题没有提示；试试 q.solution()。"
    assert checked.solution_message() == "解答：这道题没有书面解答。"
    for text in (yes.evaluate(3).text, word.evaluate(3).text, checked.evaluate("x").text):
        assert text.startswith("还不对。") and text.endswith("查看答案。"), text


def test_standard_misconceptions_in_chinese(zh):
    for trap in standard_traps(0.5, ["sign", "half", "bits", "nats", "percent", "fraction"]):
        _chinese(shown(trap.message), trap.kind)


def test_widget_true_false_and_no_hint_in_chinese(zh):
    prompt = questions("03").q3.prompt  # a question whose text the catalogue has
    box = Exercise(prompt, answer=True, name="q.q9").widget()
    assert [label for label, _ in box.answer.options] == ["对（True）", "错（False）"]
    box.hint_button.click()
    assert "提示：这道题没有提示；试试“解答”按钮。" in box.feedback.value
    box.answer.value = "False"
    box.check_button.click()
    assert "按“提示”，或按“解答”查看答案。" in box.feedback.value


def test_text_is_the_english_string_shown_translated(strict):
    t = Text(N_("Hint {i}/{n}: {hint}"), i=1, n=2, hint="x")
    assert isinstance(t, str) and t == "Hint 1/2: x" and shown(t) == "Hint 1/2: x"
    with i18n.language("zh"):
        assert shown(t) == "提示 1/2：x"
    for clone in (copy.deepcopy(t), pickle.loads(pickle.dumps(t))):
        assert clone == t and clone.template == t.template and clone.values == t.values
    assert shown(None) is None and shown("") == ""


def test_english_is_unchanged_after_a_chinese_session(strict):
    """Switching to Chinese and back leaves every English text as it was."""

    def dump():
        out = []
        for key in available_chapters():
            ch = questions(key)
            out += [repr(ch), ch._repr_html_()]
            for q in ch:
                out += [repr(q), q._repr_html_(), q.next_hint_text()]
                out += [q.evaluate(_as_given(x)).text for x in [q.answer, 1e9, "zz"]]
                out += [q.evaluate(_as_given(t.value)).text for t in q.traps]
                out += [q.evaluate(k).text for k in q.choices or {}]
        return out

    with i18n.language("en"):
        before = dump()
    with i18n.language("zh"):
        chinese = dump()
    with i18n.language("en"):
        after = dump()
    assert before == after and before != chinese
    assert not any(CJK.search(t) for t in before)
    assert before[0].startswith("Chapter 00: 2 question(s)")


def test_english_feedback_reads_as_before(strict):
    with i18n.language("en"):
        q = questions("03")
        assert q.q1.evaluate(2.3).text == (
            "Not quite. You gave 2.3. It is right to one decimal, but the question asks for "
            "three decimals. Try q.q1.hint(), or q.q1.solution() to see the answer."
        )
        assert q.q1.evaluate(2.303).text == "Correct: 2.303."
        box = q.q1.widget()
        assert [b.description for b in (box.check_button, box.hint_button)] == ["Check", "Hint"]
        box.answer.value = "0.105"
        box.check_button.click()
        assert "Press Hint, or Solution to see the answer." in box.feedback.value
