"""Rows of ``bench_explorers.py`` for ImbalanceExplorer (chapter 07: the remedies compared).

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); run alone with ``python benchmarks/bench_explorers_imbalance.py``.

* ``threshold`` — the slider that retrains nothing: operating points by binary search and a redraw.
  Aim: at most 20 ms per update.
* ``ratio`` and ``remedy`` — controls that used to train up to two models.  The fits of every
  setting of the controls ship as package data (``lossviz.imbalance_compare.precompute_fits``), so
  a first visit computes the held-out probabilities from the stored weights and nothing trains.
  To measure the worst case honestly (a setting never seen before) these rows empty the explorer's
  cache of evaluations before every ``compute``, for the live explorer and the naive rebuild alike.
  Aim: at most 20 ms.
* ``ratio, live training`` — the fallback (``precomputed=False``): the models trained live, as
  before the package data; shown for comparison.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import ImbalanceExplorer  # noqa: E402
from lossviz.explorers import imbalance as _imbalance  # noqa: E402
from lossviz.explorers.imbalance import RATIOS  # noqa: E402

__all__ = ["CASES", "UncachedImbalanceExplorer"]


class UncachedImbalanceExplorer(ImbalanceExplorer):
    """ImbalanceExplorer that forgets its evaluations before every compute (the data stay
    cached): every setting is a first visit."""

    def compute(self, **params):
        for key in [k for k in _imbalance._cache if k[0] == "eval"]:
            del _imbalance._cache[key]
        return super().compute(**params)


def _ratio_moves(n):
    up = [{"ratio": r} for r in RATIOS]
    seq = up + up[-2::-1]
    return (seq * (n // len(seq) + 1))[:n]


def _remedy_moves(n):
    cycle = [
        {"remedy_b": r}
        for r in ("oversample", "undersample", "focal", "prior_correction", "class_weights")
    ]
    return (cycle * (n // len(cycle) + 1))[:n]


def _gamma_moves(n):
    cycle = [{"gamma": 0.5 * k} for k in range(11)]
    return (cycle * (n // len(cycle) + 1))[:n]


def _cases(n=40):
    return [
        Case(
            "ImbalanceExplorer (threshold, 1:100)",
            ImbalanceExplorer,
            _sweep("threshold", 0.05, 0.95, n, 2),
            target_ms=20.0,
        ),
        Case(
            "ImbalanceExplorer (threshold, 1:1000)",
            lambda: ImbalanceExplorer(ratio=1000),
            _sweep("threshold", 0.05, 0.95, n, 2),
            target_ms=20.0,
        ),
        Case(
            "ImbalanceExplorer (ratio, first visit)",
            UncachedImbalanceExplorer,
            _ratio_moves(min(n, 19)),
            target_ms=20.0,
        ),
        Case(
            "ImbalanceExplorer (remedy B, 1:100, first visit)",
            UncachedImbalanceExplorer,
            _remedy_moves(min(n, 10)),
            target_ms=20.0,
        ),
        Case(
            "ImbalanceExplorer (γ, focal B, 1:1000, first visit)",
            lambda: UncachedImbalanceExplorer(ratio=1000, remedy_b="focal"),
            _gamma_moves(min(n, 11)),
            target_ms=20.0,
        ),
        Case(
            "ImbalanceExplorer (ratio, live training)",
            lambda: UncachedImbalanceExplorer(precomputed=False),
            _ratio_moves(min(n, 10)),
            target_ms=1000.0,
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "imbalanceexplorer"] + sys.argv[1:])
