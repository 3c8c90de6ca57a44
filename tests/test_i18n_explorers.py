"""The explorers in Chinese (issue 13): controls, readouts, figures and static twins.

Every explorer exported by :mod:`lossviz.explorers` (found, not listed) is built in Chinese, every
control is moved to both ends (every option of a choice or checkbox), a few settings that bring
out rare texts ("∞ diverged at step t", "all weights of p are 0", what a buggy loop raises) are
set, and the static twin is drawn and saved.  Throughout, a string with no Chinese entry
(:class:`lossviz.i18n.MissingTranslationWarning`) and matplotlib's "Glyph … missing from font"
warning are errors, and every text shown — control descriptions and option labels, readout lines,
figure texts, the twin's titles and readouts — is Chinese: no English word is left in it except
the names of functions, code and people in :data:`KEEP` (softmax, PyTorch's MSELoss, ...).

In English the controls' descriptions and option labels are those of the English edition
(:data:`EN_CONTROLS`), and so are the readouts' words (:data:`EN_READOUTS`, numbers as ``#``);
nothing shows a Chinese character.  The readouts' tables keep their columns in Chinese (a Chinese
character takes two columns of the monospaced readout).
"""

from __future__ import annotations

import io
import re
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest
from explorer_checks import control_ends
from frames import Move, apply_move, explorer_classes

from lossviz import i18n
from lossviz.explorers import SaturationExplorer
from lossviz.explorers._base import text_width

ROOT = Path(__file__).resolve().parents[1]

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{3,}")
NUMBER = re.compile(r"[−+-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?")
#: English words that stay in the Chinese edition: names of functions, code, people, acronyms.
KEEP = {
    "softmax",
    "sigmoid",
    "onehot",
    "log",
    "exp",
    "sum",
    "max",
    "min",
    "dot",
    "true",
    "other",
    "PyTorch",
    "MSELoss",
    "Nielsen",
    "Huber",
    "BCE",
    "MSE",
    "MAE",
    "ECE",
    "NLL",
    "epoch",  # the course's term: 轮（epoch）
}
#: A Python exception quoted in a figure (BugSwitchExplorer shows what the buggy loop raises):
#: error messages stay in English.
EXCEPTION = re.compile(r"\b[A-Z]\w*Error: .*", re.DOTALL)

#: Constructor variants besides the default construction (controls of another kind).
VARIANTS = {"SaturationExplorer[wxb]": (SaturationExplorer, {"inputs": "wxb"})}

#: Settings that show texts a sweep of the controls' ends may miss: class name -> settings.
SCENARIOS = {
    "LossExplorer": [
        {"p": 0.0, "y": 1},
        {"p": 1.0, "y": 0, "view": "p"},
        {"view": "z", "z": -10.0, "y": 1},
    ],
    "EntropyExplorer": [{"p1": 0.0, "p2": 0.0, "p3": 0.0}, {"p1": 1.0, "q1": 0.0}],
    "GradientDescentExplorer": [{"problem": "double well", "lr": 0.5, "w0": 0.5, "n_steps": 30}],
    "SmoothingGapExplorer": [{"eps": 0.0}],
    "BugSwitchExplorer": [{"bug": "shape"}, {"bug": "no_neg"}, {"bug": "sign", "lr": 2.0}],
    "ImbalanceExplorer": [{"ratio": 1000, "remedy_a": "none", "threshold": 0.99}],
    "MultiLabelExplorer": [{"z0": -8.0, "z1": -8.0, "z2": -8.0}],
    "RegressionExplorer": [{"outlier_size": 0.0}],
    "TemperatureExplorer": [{"model": "well-specified"}],
}

#: Readout lines laid out as a table, per class: in Chinese as in English, every row takes as
#: many columns as the others.
TABLES = {
    "LossExplorer": slice(1, None),
    "DataPullExplorer": slice(1, None),
    "RegressionExplorer": slice(1, -1),
}

#: The controls of the English edition: description, or (description, option labels in words).
EN_CONTROLS = {
    "BugSwitchExplorer": {
        "bug": (
            "bug",
            ["correct", "dw sign", "w.dot(X)", "softmax axis 0", "no max shift", "no (1−y) term"],
        ),
        "raw_pixels": ("input", ["pixels 0–1", "raw pixels 0–16"]),
        "lr": "learning rate",
    },
    "DataPullExplorer": {"w": "weight w", "b": "bias b"},
    "EntropyExplorer": {
        "p1": "weight of p1",
        "p2": "weight of p2",
        "p3": "weight of p3",
        "q1": "weight of q1",
        "q2": "weight of q2",
        "q3": "weight of q3",
        "unit": ("unit", ["nats", "bits"]),
    },
    "GradientDescentExplorer": {
        "problem": ("loss", ["quadratic w²", "one logit, BCE", "double well"]),
        "lr": "learning rate η",
        "w0": "start w₀",
        "n_steps": "steps",
    },
    "ImbalanceExplorer": {
        "ratio": "imbalance",
        "remedy_a": (
            "A (solid)",
            [
                "none",
                "class weights",
                "oversampling",
                "undersampling",
                "focal loss",
                "weights + prior correction",
            ],
        ),
        "remedy_b": (
            "B (dashed)",
            [
                "none",
                "class weights",
                "oversampling",
                "undersampling",
                "focal loss",
                "weights + prior correction",
            ],
        ),
        "gamma": "focal γ",
        "threshold": "threshold",
    },
    "LossExplorer": {
        "p": "predicted p",
        "y": "true label",
        "gamma": "focal γ",
        "show_bce": "BCE",
        "show_mse": "MSE",
        "show_focal": "focal",
        "view": ("x axis", ["p view", "logit view"]),
        "z": "logit z",
    },
    "LossSurfaceExplorer": {
        "w0": "start w₀",
        "b0": "start b₀",
        "lr": "learning rate η",
        "steps": "steps",
    },
    "MultiLabelExplorer": {
        "z0": "logit z0",
        "z1": "logit z1",
        "z2": "logit z2",
        "target": "target y",
    },
    "NeuronTrainingExplorer": {
        "w0": "initial w",
        "b0": "initial b",
        "lr": "η quadratic costs",
        "lr_ce": "η cross-entropy",
        "epochs": "epochs",
        "show_mseloss": "also PyTorch MSELoss (no ½)",
    },
    "PenaltyPathExplorer": {"kind": "penalty", "log_lam": "log₁₀ λ"},
    "RegressionExplorer": {
        "outlier_size": "outlier size (k€)",
        "n_outliers": "outliers (of 50)",
        "delta": "Huber δ (k€)",
    },
    "SaturationExplorer": {"z": "logit z", "y": "true label"},
    "SmoothingGapExplorer": {"eps": "smoothing ε", "K": "classes"},
    "SoftmaxExplorer": {
        "z0": "logit z0",
        "z1": "logit z1",
        "z2": "logit z2",
        "T": "temperature T",
        "true_class": "true class",
    },
    "TemperatureExplorer": {
        "model": ("model", ["over-confident", "well-specified"]),
        "T": "temperature T",
    },
}

#: The words of the English readouts at the default setting, line by line (numbers as ``#``,
#: runs of spaces as one).
EN_READOUTS = {
    "BugSwitchExplorer": (
        "the correct loop [chapter #]",
        "held-out loss #, accuracy # (correct: #, #; # digits)",
        "gradient check, relative error of dW: # (passes)",
    ),
    "DataPullExplorer": (
        "w = #, b = #; mislabelled point p = #",
        "mean loss its loss its pull share of |dL/dw|",
        "BCE # # # # %",
        "MSE # # # # %",
    ),
    "EntropyExplorer": (
        "p = w/Σw = [#, #, #] (Σw = #)",
        "q = w′/Σw′ = [#, #, #] (Σw′ = #)",
        "H(p) = # nats",
        "H(p, q) = # nats",
        "KL(p‖q) = # nats",
    ),
    "GradientDescentExplorer": (
        "mean BCE, # of # positive",
        "η = #, z₀ = #, # steps",
        "z = #, loss = #",
        "regime: converges",
        "near z* = #: #/L″ = #, #/L″ = #",
    ),
    "ImbalanceExplorer": (
        "train # : # (#:#), held out # : #",
        "threshold #",
        "A solid: none",
        "precision #, recall #; AP #, ECE #",
        "B dashed: class weights",
        "precision #, recall #; AP #, ECE #",
        "minority rate # (dotted PR line)",
    ),
    "LossExplorer": (
        "p = #, y = #",
        "loss dL/dp",
        "BCE # #",
        "MSE # #",
        "FL γ=# # #",
    ),
    "LossSurfaceExplorer": (
        "start (#, #), η #, # steps",
        "BCE: end (#, #), loss # (min #)",
        "MSE: end (#, #), loss # (min #)",
        "MSE surface at the start: not convex (a negative curvature)",
    ),
    "MultiLabelExplorer": (
        "y = (#, #, #); softmax target y/Σy = (#, #, #)",
        "(normalised explicitly: softmax CE needs a distribution)",
        "z σ(z) q BCE p−y q−y/Σy",
        "# # # # # # #",
        "# # # # # # #",
        "# # # # # # #",
        "BCE sum #, mean #; softmax CE # (≥ ln # = #)",
        "above #: sigmoids {#, #}, softmax {#}",
    ),
    "NeuronTrainingExplorer": (
        "w₀ # b₀ # a₀ #",
        "η: CE #, quadratic #; # epochs",
        "CE a # C #",
        "½(a−y)² a # C #",
        "at the start, ∂C/∂z of cross-entropy",
        "is # × that of ½(a−y)²",
    ),
    "PenaltyPathExplorer": (
        "L#, λ = #: weights exactly #: # of #; informative weight #",
        "validation loss #; chosen λ = # (validation loss #)",
    ),
    "RegressionExplorer": (
        "# outliers of #, # k€; Huber δ = # k€",
        "intercept slope outlier",
        "(k€) (k€/m²) pull",
        "true # #",
        "MSE # # #×",
        "MAE # # #×",
        "Huber # # #×",
        "pull: outlier's |dL/dr| ÷ ordinary point's",
    ),
    "SaturationExplorer": (
        "z = #, y = #, p = σ(z) = #",
        "σ'(z) = p(# − p) = #",
        "BCE dL/dz = p − y = #",
        "MSE dL/dz = #(p − y)σ'(z) = #",
        "ratio #/(#σ') = # (MSE = (p−y)², PyTorch MSELoss)",
        "ratio #/σ' = # (cost ½(p−y)², Nielsen)",
    ),
    "SmoothingGapExplorer": (
        "ε = #, K = #: optimum gap g* = #",
        "target p_true = #; loss floor H(t) = #",
    ),
    "SoftmaxExplorer": (
        "T = #, true class #",
        "p = [#, #, #]",
        "CE = −log p_# = #",
        "Σ(p − onehot)² = #",
        "true-class gradient: CE #",
        "MSE #",
        "entropy of p = # nats",
    ),
    "TemperatureExplorer": (
        "over-confident: # points per class, # epochs at lr #",
        "T = # (fitted on validation: #)",
        "test ECE = # (T = #: #)",
        "test NLL = # (T = #: #)",
        "accuracy # (any T), mean confidence #",
    ),
}


def _cases():
    cases = [pytest.param(cls, {}, id=cls.__name__) for cls in explorer_classes()]
    cases += [pytest.param(cls, kw, id=case_id) for case_id, (cls, kw) in VARIANTS.items()]
    return cases


CASES = _cases()


@pytest.fixture
def zh(monkeypatch):
    """Chinese, with a missing catalogue entry or a missing glyph an error (each string warns
    afresh: what earlier tests were warned about is forgotten)."""
    monkeypatch.setattr(i18n, "_warned", set())
    with warnings.catch_warnings():
        warnings.simplefilter("error", i18n.MissingTranslationWarning)
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        with i18n.language("zh"):
            yield


def _foreign(text):
    """The English words of ``text`` that a Chinese reader should not see."""
    if text.startswith("$"):  # tick labels in mathtext: numbers
        return []
    text = EXCEPTION.sub("", text)
    return [w for w in WORD.findall(text) if w not in KEEP]


def _shown_texts(fig):
    return [
        t.get_text()
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip()
    ]


def _option_labels(widget):
    return [o[0] if isinstance(o, tuple) else str(o) for o in getattr(widget, "options", ())]


def _check_chinese(ex, where):
    """Every text ``ex`` shows is Chinese, and its readout has Chinese in it."""
    assert ex.last_error is None, f"{where}: {ex.last_error}"
    problems = [f"figure text {t!r}: {_foreign(t)}" for t in _shown_texts(ex.figure) if _foreign(t)]
    problems += [
        f"readout line {x!r}: {_foreign(x)}" for x in ex.readout_text.splitlines() if _foreign(x)
    ]
    assert not problems, f"{where}: English left in Chinese:\n" + "\n".join(problems)
    if ex.readout_lines:
        assert CJK.search(ex.readout_text), f"{where}: no Chinese in the readout\n{ex.readout_text}"
        assert CJK.search(ex.readout.value), f"{where}: no Chinese in the readout's HTML"


def _check_controls_chinese(ex, name):
    problems = [
        f"control {key}: {text!r}"
        for key, w in ex.controls.items()
        for text in [w.description, *_option_labels(w)]
        if _foreign(text)
    ]
    assert not problems, f"{name}: English left in the controls:\n" + "\n".join(problems)
    assert any(CJK.search(w.description) for w in ex.controls.values()), (
        f"{name}: no control description in Chinese"
    )


# ------------------------------------------------------------------------------ the catalogue
def test_catalogue_has_every_explorer_string():
    sys.path.insert(0, str(ROOT / "tools"))
    import strings

    missing = strings.missing("zh", [str(ROOT / "lossviz" / "explorers")])
    assert not missing, f"no Chinese entry for {sorted(missing)[:10]} (python3 course.py strings)"


# ------------------------------------------------------------------------------ Chinese
@pytest.mark.parametrize(("cls", "kwargs"), CASES)
def test_explorer_in_chinese(cls, kwargs, zh):
    name = cls.__name__
    ex = cls(image_format="png", **kwargs)
    _check_controls_chinese(ex, name)
    _check_chinese(ex, f"{name} at the start")
    for key, spec in ex.param_spec().items():
        for value in control_ends(spec):
            move = Move(key, value)
            apply_move(ex, move)
            _check_chinese(ex, f"{name} after {move}")
    for setting in [] if kwargs else SCENARIOS.get(name, []):
        ex.set(**setting)
        _check_chinese(ex, f"{name} at {setting}")
    ex.invalidate()  # a full draw of every text of the figure, in the Chinese font
    ex.update()
    _check_chinese(ex, f"{name} redrawn")


@pytest.mark.parametrize(("cls", "kwargs"), CASES)
def test_static_twin_in_chinese(cls, kwargs, zh):
    ex = cls(_live=False, **kwargs)
    spec = ex.param_spec()
    key = next(iter(spec))
    settings = [{key: v} for v in control_ends(spec[key])[:2]]
    settings += [] if kwargs else SCENARIOS.get(cls.__name__, [])[:1]
    fig = ex.static(settings)
    fig.savefig(io.BytesIO(), format="png")  # draws every text: a missing glyph is an error
    texts = _shown_texts(fig)
    problems = [f"{t!r}: {_foreign(t)}" for t in texts if _foreign(t)]
    assert not problems, f"{cls.__name__} twin: English left in Chinese:\n" + "\n".join(problems)
    assert any(CJK.search(t) for t in texts)
    params = ex.params
    if ex._readout(ex.compute(**ex._compute_args(params)), params):
        readouts = [sub._supxlabel.get_text() for sub in fig.subfigs if sub._supxlabel]
        assert len(readouts) == len(settings)
        assert all(CJK.search(t) for t in readouts), readouts


@pytest.mark.parametrize("name", sorted(TABLES))
def test_readout_tables_stay_aligned(name, zh):
    cls = {c.__name__: c for c in explorer_classes()}[name]
    zh_lines = cls(image_format="png").readout_text.splitlines()[TABLES[name]]
    with i18n.language("en"):
        en_lines = cls(image_format="png").readout_text.splitlines()[TABLES[name]]
    assert len({len(x) for x in en_lines}) == 1, en_lines
    assert len({text_width(x) for x in zh_lines}) == 1, zh_lines
    assert any(CJK.search(x) for x in zh_lines)


def test_softmax_gradient_lines_stay_aligned(zh):
    lines = {c.__name__: c for c in explorer_classes()}["SoftmaxExplorer"]().readout_text
    lines = lines.splitlines()
    ce = next(x for x in lines if " CE " in x)
    mse = next(x for x in lines if x.lstrip().startswith("MSE"))
    assert CJK.search(ce)
    # as in English: "CE" ends where "MSE" below it ends
    assert text_width(ce[: ce.index(" CE ")]) == text_width(mse[: mse.index("MSE")])


# ------------------------------------------------------------------------------ English
def _skeleton(text):
    """The words of a readout, line by line: numbers as ``#``, runs of spaces as one."""
    return tuple(re.sub(r" +", " ", NUMBER.sub("#", x)).strip() for x in text.splitlines())


@pytest.mark.parametrize(("cls", "kwargs"), [c for c in CASES if not c.values[1]])
def test_explorer_in_english_unchanged(cls, kwargs):
    name = cls.__name__
    with i18n.language("en"):
        ex = cls(image_format="png")
        shown = {}
        for key, w in ex.controls.items():
            labels = [x for x in _option_labels(w) if re.search(r"[A-Za-z]{2,}", x)]
            shown[key] = (w.description, labels) if labels else w.description
        assert shown == EN_CONTROLS[name]
        assert _skeleton(ex.readout_text) == EN_READOUTS[name]
        everything = [*_shown_texts(ex.figure), ex.readout_text, ex.readout.value, *shown]
        everything += [w.description for w in ex.controls.values()]
        twin = ex.static([dict(ex.params)])
        everything += _shown_texts(twin)
    assert not [t for t in everything if CJK.search(t)]


def test_language_is_the_one_at_construction():
    """An explorer shows the language it was built in; English never reads the catalogue."""
    with i18n.language("zh"):
        zh = SaturationExplorer(image_format="png")
    with i18n.language("en"):
        en = SaturationExplorer(image_format="png")
    assert zh.controls["z"].description == "对数几率 z"
    assert en.controls["z"].description == "logit z"
    assert CJK.search(zh.figure.axes[0].get_title())
    assert en.figure.axes[0].get_title() == "sigmoid"


def test_temperature_description_is_the_studys():
    """The readout writes a model's description from its settings: in English, the study's own."""
    from lossviz.posthoc import STUDIES, temperature_study

    cls = {c.__name__: c for c in explorer_classes()}["TemperatureExplorer"]
    ex = cls(_live=False)
    for model in STUDIES:
        params = {**ex.params, "model": model}
        with i18n.language("en"):
            line = ex._readout(ex.compute(**params), params)[0][0]
        assert line == f"{model}: {temperature_study(model).description}"


def test_sweep_table_prints_in_chinese_keeps_english_columns(zh):
    cls = {c.__name__: c for c in explorer_classes()}["ImbalanceExplorer"]
    table = cls(_live=False).sweep_table((1, 1000))
    assert table.columns[:3] == ["ratio", "train", "held out"]
    assert table.column("A recall")[1] == 0.0
    head = str(table).splitlines()[0]
    assert "训练集" in head and "A 召回率" in head and not _foreign(head)
    assert "未定义" in str(table)  # the precision of a model that never predicts the minority
