"""The public API of DESIGN.md is importable from the package itself, and the maths core stays
numpy-only.
"""

import importlib
import subprocess
import sys

import pytest

import lossviz as lv

CORE = {
    "activations": ["sigmoid", "log_sigmoid", "logit", "softmax", "log_softmax"],
    "losses": [
        "bce",
        "bce_with_logits",
        "mse",
        "mae",
        "huber",
        "softmax_cross_entropy",
        "categorical_cross_entropy",
        "focal_loss_with_logits",
        "focal_loss_prob",
    ],
    "gradients": [
        "bce_with_logits_grad",
        "mse_sigmoid_grad",
        "softmax_cross_entropy_grad",
        "focal_loss_with_logits_grad",
        "bce_grad_prob",
        "mse_grad_prob",
        "numerical_grad",
        "focal_grad_prob",
        "mse_softmax_grad",
    ],
    "information": ["entropy", "cross_entropy", "kl_divergence"],
}


@pytest.mark.parametrize("module", sorted(CORE))
def test_core_names_are_exported(module):
    mod = importlib.import_module(f"lossviz.{module}")
    assert sorted(mod.__all__) == sorted(CORE[module])
    for name in CORE[module]:
        assert getattr(lv, name) is getattr(mod, name)
        assert name in lv.__all__


def test_every_name_in_all_resolves():
    for name in lv.__all__:
        assert getattr(lv, name) is not None, name


def test_unknown_attribute_is_a_clear_error():
    with pytest.raises(AttributeError, match="no attribute 'bce_loss'"):
        lv.bce_loss  # noqa: B018


def test_core_imports_numpy_alone():
    code = (
        "import sys, lossviz, lossviz.losses, lossviz.gradients, lossviz.information, "
        "lossviz.activations\n"
        "bad = [m for m in ('matplotlib', 'ipywidgets', 'IPython', 'scipy', 'sklearn', "
        "'torch') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"importing the maths core pulled in {out}"


def test_questions_is_a_plain_function():
    import types

    from lossviz.question_bank import available_chapters

    assert isinstance(lv.questions, types.FunctionType)
    chapters = available_chapters()
    assert chapters, "no chapter has questions"
    q = lv.questions(chapters[0])
    assert hasattr(q, "q1")
    with pytest.raises(ValueError, match="chapter must be one of"):
        lv.questions("99")
