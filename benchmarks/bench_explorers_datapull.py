"""Rows of ``bench_explorers.py`` for DataPullExplorer and LossExplorer's logit view (chapter 03).

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); run alone with ``python benchmarks/bench_explorers.py --only datapull,logit``.
Aim: at most 20 ms per update and at least 5x faster than the naive interact + rebuild way.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import DataPullExplorer, LossExplorer  # noqa: E402

__all__ = ["CASES"]


def _cases(n=40):
    return [
        Case("DataPullExplorer (w)", DataPullExplorer, _sweep("w", -4.0, 4.0, n, 1)),
        Case("DataPullExplorer (b)", lambda: DataPullExplorer(w=2.0), _sweep("b", -4.0, 4.0, n, 1)),
        Case(
            "LossExplorer logit view (z)",
            lambda: LossExplorer(view="z"),
            _sweep("z", -10.0, 10.0, n, 1),
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "datapull,logit"])
