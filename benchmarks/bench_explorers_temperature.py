"""Rows of ``bench_explorers.py`` for chapter 05's temperature-scaling explorer.

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); ``--only temperature`` runs these rows.  The two trained models and their
ECE/NLL curves are computed once (when the explorer is made); an update applies the temperature
to the 4000 held-out logits, bins them (reliability, ECE) and computes the NLL.
Aim: at most 20 ms per update, at least 5x faster than an ``interact`` cell that rebuilds.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import TemperatureExplorer  # noqa: E402

__all__ = ["CASES"]

CASES = [
    Case(
        "temperature: T (over-confident)",
        lambda: TemperatureExplorer(),
        _sweep("T", 0.25, 8.0, 40, 2),
    ),
    Case(
        "temperature: T (well-specified)",
        lambda: TemperatureExplorer(model="well-specified"),
        _sweep("T", 0.25, 8.0, 40, 2),
    ),
    Case(
        "temperature: model",
        lambda: TemperatureExplorer(),
        [{"model": m} for m in ("well-specified", "over-confident")] * 10,
        target_ms=20.0,
    ),
]

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "temperature"])
