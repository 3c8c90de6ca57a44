"""The computation layer's tables and printed summaries in Chinese: headers, marked text cells and
titles shown in ``zh`` (aligned by display width), the data kept in English (code looks rows and
columns up by their English names), and the English output unchanged.
"""

from __future__ import annotations

import pickle
import re
import warnings

import numpy as np
import pytest

import lossviz as lv
from lossviz import _text, i18n
from lossviz.i18n import N_

CJK = re.compile(r"[\u3400-\u9fff]")
#: English words a Chinese table keeps: acronyms, identifiers, function and library names
KEPT = {
    "BCE",
    "MSE",
    "ECE",
    "NLL",
    "bce",
    "mse",
    "sgd",
    "sigmoid",
    "softmax",
    "yhat",
    "onehot",
    "log",
    "eps",
    "sum",
    "PyTorch",
    "with",  # bce_with_logits
    "logits",
    "logit",
    "scikit",
    "learn",
    "LogisticRegression",
    "class",  # class_weight='balanced'
    "weight",
    "balanced",
    "Platt",
    "isotonic",
    "TunedThresholdClassifierCV",
    "square",
    "sigma",
    "max",
    "num",
    "PolynomialFits",  # the repr's first line
    "degrees",
}
#: Tables whose every header is a symbol (β, E_90, w_90): nothing to translate
SYMBOLS_ONLY = {"imbalance_compare.effective_number_table"}

ic = lv.imbalance_compare


def _double_well_path():
    loss, grad = lv.descent.double_well()
    return lv.descent.gradient_descent(loss, grad, [0.5], lr=0.1, n_steps=7)


#: Every table and printed summary of the computation layer, as text (what a notebook prints).
TABLES = {
    "faq.cross_entropy_forms": lambda: str(lv.faq.cross_entropy_forms()),
    "faq.cross_entropy_forms.html": lambda: lv.faq.cross_entropy_forms()._repr_html_(),
    "faq.flipped_label_pull": lambda: str(lv.faq.flipped_label_pull(n=200, epochs=100)),
    "faq.imbalance_remedies": lambda: str(lv.faq.imbalance_remedies(epochs=30)),
    "faq.optimiser_table": lambda: str(lv.faq.optimiser_table(runs=[("sgd", 0.1, 64)], epochs=1)),
    "matching.growth_table": lambda: str(lv.matching.growth_table()),
    "matching.integration_check": lambda: str(lv.matching.integration_check()),
    "matching.matching_loss_table": lambda: str(lv.matching.matching_loss_table()),
    "matching.empty": lambda: str(lv.matching.Table([])),
    "descent.table": lambda: _double_well_path().table(every=2, extra={"p": lambda t: 0.5}),
    "polyfit.table": lambda: repr(lv.polyfit.polynomial_fits()),
    "posthoc.table": lambda: lv.posthoc.temperature_study("over-confident").table(),
    "square_loss.summary": lambda: lv.square_loss.summary({"ce": [0.9, 1.0], "square": [0.8, 0.8]}),
    "surface.neuron_rate_table": lambda: lv.surface.neuron_rate_table(rates=[0.15]),
    "surface.convexity_table": lambda: lv.surface.convexity_table(),
    "imbalance_compare.compare_remedies": lambda: str(ic.compare_remedies(ic.make_problem(20))),
    "imbalance_compare.sklearn_peer": lambda: str(ic.sklearn_peer(ic.make_problem(20))),
    "imbalance_compare.class_share_table": lambda: str(
        ic.class_share_table(np.array([0, 0, 0, 1]), np.zeros(4))
    ),
    "imbalance_compare.effective_number_table": lambda: str(ic.effective_number_table([90, 10])),
    "imbalance_compare.easy_negative_table": lambda: str(
        ic.easy_negative_table((20,), gammas=(0, 2))
    ),
    "imbalance_compare.flood_experiment": lambda: str(
        ic.flood_experiment(n_easy=(0, 500), linear=True)
    ),
}


def _english_words(text):
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"（[^）]*）", "", text)  # an English term in parentheses after its Chinese one
    return set(re.findall(r"[A-Za-z]{3,}", text)) - KEPT


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_in_chinese(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", i18n.MissingTranslationWarning)
        with i18n.language("zh"):
            text = TABLES[name]()
    assert CJK.search(text) or name in SYMBOLS_ONLY, text
    assert not _english_words(text), (_english_words(text), text)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_in_english(name):
    text = TABLES[name]()
    assert not CJK.search(text), text


def test_tables_keep_english_data_in_chinese():
    with i18n.language("zh"):
        t = ic.compare_remedies(ic.make_problem(20), ("none", "class_weights", "focal"))
        assert t.columns[0] == "remedy"
        assert t["class weights"]["recall"] > t["none"]["recall"]
        assert t["focal loss γ=2"]["remedy"] == "focal loss γ=2"
        assert "焦点损失 γ=2" in str(t) and "类别权重" in str(t)
        m = lv.matching.matching_loss_table()
        assert [row["matches"] for row in m] == ["yes", "yes", "yes", "no"]
        assert str(m).splitlines()[0].split()[-1] == "匹配"
        f = lv.faq.cross_entropy_forms()
        assert all(f.column("holds")) and f.row("one of K classes")["loss"] == "softmax CE"
        assert list(lv.surface.convexity_curves())[2] == "MSE on sigmoid, in w"
        s = lv.posthoc.temperature_study("well-specified")
        assert s.name == "well-specified" and s.description.startswith("200 points per class")
        assert s.table().startswith("模型设定正确：每类 200 个点")


def test_chinese_columns_line_up():
    """Columns are aligned by display width: a Chinese character takes two columns."""
    with i18n.language("zh"):
        lines = str(lv.faq.imbalance_remedies(epochs=5)).splitlines()
    starts = [[m.start() for m in re.finditer(r"(?<=  )\S", _wide(line))] for line in lines]
    assert len({tuple(s) for s in starts}) == 1, lines
    with i18n.language("zh"):
        text = _double_well_path().table()
    head, *rows = text.splitlines()
    assert {_text.width(line) for line in rows} == {_text.width(head)}


def _wide(line):
    """The line with every wide character doubled, so columns are character positions."""
    return "".join(ch * _text.width(ch) for ch in line)


def test_english_output_is_the_english_of_before():
    assert str(lv.imbalance_compare.Table([{"remedy": "none", "recall": 0.4}])).splitlines() == [
        "remedy  recall",
        "none     0.400",
    ]
    assert lv.posthoc.temperature_study("well-specified").table().splitlines()[2] == (
        "held-out test split (4000 points)   T = 1    T = 0.962"
    )
    assert str(lv.matching.Table([])) == "(empty table)"
    assert (
        lv.square_loss.summary({"a": [1.0, 1.0]})
        == "a 1.0000 ± 0.0000 (test accuracy over 2 seeds)"
    )
    assert lv.faq.Table(["a"], [[True], [False]]).column("a") == [True, False]
    assert str(lv.faq.Table(["a"], [[True], [False]])).splitlines()[2:] == ["yes", "no"]


def test_message():
    m = _text.Message(N_("focal γ={gamma:g}"), gamma=2.0)
    assert m == "focal γ=2" and isinstance(m, str) and hash(m) == hash("focal γ=2")
    assert {"focal γ=2": 1}[m] == 1
    assert pickle.loads(pickle.dumps(m)) == m
    assert pickle.loads(pickle.dumps(m)).template == "focal γ={gamma:g}"
    assert _text.shown(m) == "focal γ=2"
    with i18n.language("zh"):
        assert _text.shown(m) == "焦点损失 γ=2"
        assert _text.shown(pickle.loads(pickle.dumps(m))) == "焦点损失 γ=2"
        # fields that are marked text are shown translated too
        nested = _text.Message(N_("{label}: concave here"), label="loss")
        assert _text.shown(nested) == "损失：此处为凹"


def test_shown_translates_only_marked_text():
    with i18n.language("zh"):
        assert _text.shown("loss") == "损失"
        assert _text.shown("E_90") == "E_90"  # not marked: shown as it is, no warning
        assert _text.shown("已翻译") == "已翻译"
        assert _text.shown(3) == 3
    assert _text.shown("loss") == "loss"


def test_width():
    assert _text.width("abc") == 3
    assert _text.width("损失 p") == 6
    assert _text.width("σ'(z) · −∞") == 10
    assert _text.ljust("步数", 5) == "步数 "
    assert _text.rjust("步数", 3) == "步数"
