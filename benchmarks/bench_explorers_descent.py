"""Rows of ``bench_explorers.py`` for GradientDescentExplorer (chapter 01).

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); run alone with ``python benchmarks/bench_explorers.py --only descent``.

Three rows: the learning-rate slider on the chapter's one-logit problem (through convergence and
oscillation), the learning rate on the double well (into divergence, drawn as a capped mark), and
the start slider at 100 steps.  Each move reruns the whole descent (at most 100 scalar steps).
Aim: at most 20 ms per update and at least 5x faster than the naive way.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import GradientDescentExplorer  # noqa: E402
from lossviz.explorers.descent import LEARNING_RATES  # noqa: E402

__all__ = ["CASES"]


def _rates(n, lo, hi):
    rates = [r for r in LEARNING_RATES if lo <= r <= hi]
    seq = rates + rates[::-1]
    return [{"lr": r} for r in (seq * (n // len(seq) + 1))[:n]]


def _cases(n=40):
    return [
        Case(
            "GradientDescentExplorer descent (lr, one logit)",
            lambda: GradientDescentExplorer(problem="logit", w0=-2.0),
            _rates(n, 0.1, 50.0),
        ),
        Case(
            "GradientDescentExplorer descent (lr, double well, diverging)",
            lambda: GradientDescentExplorer(problem="double well", w0=0.5),
            _rates(n, 0.01, 1.0),
        ),
        Case(
            "GradientDescentExplorer descent (start, 100 steps)",
            lambda: GradientDescentExplorer(problem="double well", lr=0.2, n_steps=100),
            _sweep("w0", -3.0, 3.0, n, 1),
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "descent"])
