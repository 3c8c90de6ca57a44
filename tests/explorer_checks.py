"""Checks shared by the explorer test files (imported by them; not collected as tests)."""

import math

import matplotlib
import numpy as np

from lossviz.explorers._base import BoolParam, ChoiceParam, FloatParam, IntParam
from lossviz.explorers.imbalance import SelectionParam


def n_artists(ex):
    """Artists in the figure, without the axis ticks (matplotlib makes as many ticks as the limits
    need).
    """
    ticks = set()
    for t in ex.figure.findobj(matplotlib.axis.Tick):
        ticks.update(map(id, t.findobj()))
    return sum(id(a) not in ticks for a in ex.figure.findobj())


def texts(ex):
    """Every text in the figure, and the readout beside it."""
    return [t.get_text() for t in ex.figure.findobj(matplotlib.text.Text)] + [ex.readout_text]


def control_ends(spec):
    """The two ends of a slider or selection, or every option of a choice or checkbox."""
    if isinstance(spec, (FloatParam, IntParam)):
        return [spec.min, spec.max]
    if isinstance(spec, SelectionParam):
        values = [v for _, v in spec._pairs()]
        return [values[0], values[-1]]
    if isinstance(spec, ChoiceParam):
        return [v for _, v in spec._pairs()]
    if isinstance(spec, BoolParam):
        return [True, False]
    raise AssertionError(f"unknown control {spec!r}")


def assert_clean_result(result, *, skip=()):
    """Every number in a compute result is finite or +-inf, never NaN (keys in ``skip`` are not
    checked).
    """

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, np.ndarray) and v.dtype.kind in "fc":
            assert not np.isnan(v).any(), "NaN in a compute result"
        elif isinstance(v, float):
            assert not math.isnan(v), "NaN in a compute result"

    walk({k: v for k, v in result.items() if k not in skip})
