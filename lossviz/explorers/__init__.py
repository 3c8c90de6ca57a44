"""Interactive explorers: one class per idea, each a persistent Agg figure in an
``ipywidgets.Image``.

See :mod:`lossviz.explorers._base` for the contract every explorer follows and how to write one.

Examples
--------
>>> from lossviz.explorers import LossExplorer
>>> round(LossExplorer(_live=False).compute(p=0.2, y=1)["bce"], 3)
1.609
"""

from ._base import BoolParam, ChoiceParam, Explorer, FloatParam, IntParam, render_small_multiples
from .descent import GradientDescentExplorer
from .entropy import EntropyExplorer
from .imbalance import ImbalanceExplorer
from .loss import LossExplorer
from .multilabel import MultiLabelExplorer
from .neuron import NeuronTrainingExplorer
from .penalty_path import PenaltyPathExplorer
from .pointwise import DataPullExplorer
from .regression import RegressionExplorer
from .saturation import SaturationExplorer
from .scratch import BugSwitchExplorer
from .smoothing import SmoothingGapExplorer
from .softmax import SoftmaxExplorer
from .surface import LossSurfaceExplorer
from .temperature import TemperatureExplorer

__all__ = [
    "Explorer",
    "FloatParam",
    "IntParam",
    "ChoiceParam",
    "BoolParam",
    "render_small_multiples",
    "LossExplorer",
    "SaturationExplorer",
    "EntropyExplorer",
    "SoftmaxExplorer",
    "NeuronTrainingExplorer",
    "ImbalanceExplorer",
    "RegressionExplorer",
    "MultiLabelExplorer",
    "BugSwitchExplorer",
    "SmoothingGapExplorer",
    "PenaltyPathExplorer",
    "LossSurfaceExplorer",
    "DataPullExplorer",
    "TemperatureExplorer",
    "GradientDescentExplorer",
]
