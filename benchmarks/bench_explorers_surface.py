"""Rows of ``bench_explorers.py`` for chapter 04's new controls: the loss-surface explorer and the
neuron explorer's learning rate per cost.

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); ``--only surface`` runs these rows.  The descent paths are cached per start
and rate; to measure honestly the rows empty the caches before every compute (a setting never seen
before).  The surfaces themselves are computed once per data set and are not part of an update.
Aim: at most 20 ms per update, at least 5x faster than an ``interact`` cell that rebuilds.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz import surface as _surface  # noqa: E402
from lossviz.explorers import LossSurfaceExplorer, NeuronTrainingExplorer  # noqa: E402
from lossviz.explorers import surface as _surface_explorer  # noqa: E402
from lossviz.explorers.neuron import LEARNING_RATES  # noqa: E402

__all__ = ["CASES"]


class UncachedLossSurfaceExplorer(LossSurfaceExplorer):
    """LossSurfaceExplorer whose descent paths are recomputed on every compute."""

    def compute(self, *, w0=-5.0, b0=-5.0, lr=1.0, steps=200):
        _surface_explorer._path_cache.clear()
        return super().compute(w0=w0, b0=b0, lr=lr, steps=steps)


class UncachedNeuronExplorer(NeuronTrainingExplorer):
    """NeuronTrainingExplorer that trains from scratch on every compute."""

    def compute(self, *, w0=0.6, b0=0.9, lr=0.15, epochs=300, lr_ce=None, x=1.0, y=0.0):
        _surface._neuron_cache.clear()
        return super().compute(w0=w0, b0=b0, lr=lr, epochs=epochs, lr_ce=lr_ce, x=x, y=y)


def _rates(key):
    return [{key: v} for v in LEARNING_RATES[:10]]


CASES = [
    Case(
        "surface: start w0", lambda: UncachedLossSurfaceExplorer(), _sweep("w0", -5.0, 5.0, 40, 1)
    ),
    Case(
        "surface: start b0 (400 steps)",
        lambda: UncachedLossSurfaceExplorer(steps=400),
        _sweep("b0", -5.0, 5.0, 40, 1),
    ),
    Case(
        "surface: lr",
        lambda: UncachedLossSurfaceExplorer(),
        [{"lr": v} for v in (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)] * 2,
    ),
    Case(
        "surface neuron: η cross-entropy",
        lambda: UncachedNeuronExplorer(w0=2.0, b0=2.0),
        _rates("lr_ce") * 2,
        target_ms=20.0,
    ),
]

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "surface"])
