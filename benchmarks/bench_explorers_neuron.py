"""Rows of ``bench_explorers.py`` for the training explorer NeuronTrainingExplorer.

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); run alone with ``python benchmarks/bench_explorers_neuron.py``.

Both explorers cache their trainings per setting, so a revisited setting costs no training.  To
measure honestly, these rows use subclasses whose cache is emptied before every ``compute``: every
live move and every naive rebuild trains from scratch (the worst case a person meets: a setting
never seen before).  Aim: at most 100 ms per update and at least 5x faster than the naive way.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import NeuronTrainingExplorer  # noqa: E402
from lossviz.explorers import neuron as _neuron  # noqa: E402

# ImbalanceExplorer: bench_explorers_imbalance.py
__all__ = ["CASES", "UncachedNeuronTrainingExplorer"]


class UncachedNeuronTrainingExplorer(NeuronTrainingExplorer):
    """NeuronTrainingExplorer that trains from scratch on every compute (for honest timings)."""

    def compute(self, *, w0=0.6, b0=0.9, lr=0.15, epochs=300, lr_ce=None, x=1.0, y=0.0):
        _neuron._cache.clear()
        return super().compute(w0=w0, b0=b0, lr=lr, epochs=epochs, lr_ce=lr_ce, x=x, y=y)


def _cases(n=40):
    return [
        Case(
            "NeuronTrainingExplorer (w0)",
            UncachedNeuronTrainingExplorer,
            _sweep("w0", 0.0, 3.0, n, 1),
            target_ms=100.0,
        ),
        Case(
            "NeuronTrainingExplorer (lr)",
            UncachedNeuronTrainingExplorer,
            # the rate sliders are selections: move over their values (0.005 ... 3)
            [{"lr": r} for r in _neuron.LEARNING_RATES] * 2,
            target_ms=100.0,
        ),
        Case(
            "NeuronTrainingExplorer (epochs)",
            UncachedNeuronTrainingExplorer,
            [{"epochs": int(e)} for e in range(100, 100 + 10 * n, 10)][:n],
            target_ms=100.0,
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "neurontraining"] + sys.argv[1:])
