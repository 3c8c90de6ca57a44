"""lossviz: why classifiers are trained with cross-entropy rather than mean squared error.

The maths core (:mod:`lossviz.activations`, :mod:`lossviz.losses`, :mod:`lossviz.gradients`,
:mod:`lossviz.information`) imports numpy alone; plots and explorers build on it.

Examples
--------
>>> import lossviz as lv
>>> round(lv.bce([1], [0.8]), 3)
0.223
"""

from .activations import log_sigmoid, log_softmax, logit, sigmoid, softmax
from .gradients import (
    bce_grad_prob,
    bce_with_logits_grad,
    focal_grad_prob,
    focal_loss_with_logits_grad,
    mse_grad_prob,
    mse_sigmoid_grad,
    mse_softmax_grad,
    numerical_grad,
    softmax_cross_entropy_grad,
)
from .information import cross_entropy, entropy, kl_divergence
from .losses import (
    bce,
    bce_with_logits,
    categorical_cross_entropy,
    focal_loss_prob,
    focal_loss_with_logits,
    huber,
    mae,
    mse,
    softmax_cross_entropy,
)

__version__ = "0.1.0"

# Everything beyond the maths core is imported on first use, so that ``import lossviz`` stays
# light (numpy only) and the core never depends on matplotlib or ipywidgets.
_SUBMODULES = (
    "activations",
    "losses",
    "gradients",
    "information",
    "data",
    "imbalance",
    "metrics",
    "train",
    "exercises",
    "question_bank",
    "style",
    "i18n",
    "figure",
    "plots",
    "explorers",
    "errata",
    "regression",
    "descent",
    *("descent_regimes", "polyfit"),  # chapter 01
    "stability",
    "multilabel",
    "surface",
    "calibration",
    "scratch",
    "smoothing",
    "penalties",
    "posthoc",  # chapter 05
    "matching",
    "pointwise",
    *("robust", "continuous_bernoulli", "housenet"),  # chapter 08
    "imbalance_compare",  # chapter 07
    *("lr_finder", "faq", "square_loss"),  # chapter 11
)
_LAZY = {
    # the explorers and the figure helpers a chapter calls most
    "LossExplorer": "explorers",
    "SaturationExplorer": "explorers",
    "NeuronTrainingExplorer": "explorers",
    "EntropyExplorer": "explorers",
    "SoftmaxExplorer": "explorers",
    "ImbalanceExplorer": "explorers",
    "RegressionExplorer": "explorers",
    "MultiLabelExplorer": "explorers",
    "BugSwitchExplorer": "explorers",
    "SmoothingGapExplorer": "explorers",
    "PenaltyPathExplorer": "explorers",
    "LossSurfaceExplorer": "explorers",
    "DataPullExplorer": "explorers",
    "TemperatureExplorer": "explorers",
    "GradientDescentExplorer": "explorers",
    "small_multiples": "plots",
    "set_language": "i18n",
    "get_language": "i18n",
    "set_lecture_mode": "style",
    "is_lecture_mode": "style",
    "lecture_style": "style",
    "Exercise": "exercises",
    "questions": "question_bank",
    "glossary": "terms",
}


def __getattr__(name):
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lossviz' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES))


__all__ = [
    # activations
    "sigmoid",
    "log_sigmoid",
    "logit",
    "softmax",
    "log_softmax",
    # losses
    "bce",
    "bce_with_logits",
    "mse",
    "mae",
    "huber",
    "softmax_cross_entropy",
    "categorical_cross_entropy",
    "focal_loss_with_logits",
    "focal_loss_prob",
    # gradients
    "bce_with_logits_grad",
    "mse_sigmoid_grad",
    "softmax_cross_entropy_grad",
    "focal_loss_with_logits_grad",
    "bce_grad_prob",
    "mse_grad_prob",
    "focal_grad_prob",
    "mse_softmax_grad",
    "numerical_grad",
    # information
    "entropy",
    "cross_entropy",
    "kl_divergence",
    # explorers, figures, exercises (imported on first use)
    *_LAZY,
    # submodules
    *_SUBMODULES[4:],
]
