"""Interactive explorers: one class per idea, each a persistent Agg figure in an ``ipywidgets.Image``.

See :mod:`lossviz.explorers._base` for the contract every explorer follows and how to write one.
"""
from ._base import BoolParam, ChoiceParam, Explorer, FloatParam, IntParam, render_small_multiples

__all__ = [
    "Explorer",
    "FloatParam",
    "IntParam",
    "ChoiceParam",
    "BoolParam",
    "render_small_multiples",
]
