"""Rows of ``bench_explorers.py`` for RegressionExplorer and MultiLabelExplorer.

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``); run alone with ``python benchmarks/bench_explorers_regression_multilabel.py``.

RegressionExplorer caches its line fits per setting; these rows use a subclass whose cache is
emptied before every ``compute``, so every move refits MSE, MAE (IRLS) and Huber from scratch (the
worst case: a setting never seen before).  Aim: at most 20-50 ms per update and at least 5x faster
than the naive way.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.data import multilabel_target_patterns as target_patterns  # noqa: E402
from lossviz.explorers import MultiLabelExplorer, RegressionExplorer  # noqa: E402
from lossviz.explorers import regression as _regression  # noqa: E402

__all__ = ["CASES", "UncachedRegressionExplorer"]


class UncachedRegressionExplorer(RegressionExplorer):
    """RegressionExplorer that refits every line on every compute (for honest timings)."""

    def compute(self, *, outlier_size=400.0, n_outliers=5, delta=25.0):
        _regression._fit_cache.clear()
        return super().compute(outlier_size=outlier_size, n_outliers=n_outliers, delta=delta)


def _target_moves(n, k=4):
    pats = [{"target": t} for t in target_patterns(k)]
    return (pats * (n // len(pats) + 1))[:n]


def _cases(n=40):
    return [
        Case(
            "RegressionExplorer (outlier size)",
            UncachedRegressionExplorer,
            _sweep("outlier_size", 0.0, 1000.0, n, -1),
            target_ms=50.0,
        ),
        Case(
            "RegressionExplorer (Huber delta)",
            UncachedRegressionExplorer,
            _sweep("delta", 1.0, 200.0, n, 0),
            target_ms=50.0,
        ),
        Case(
            "MultiLabelExplorer 4 labels (z0)",
            lambda: MultiLabelExplorer(k=4),
            _sweep("z0", -8.0, 8.0, n, 1),
        ),
        Case(
            "MultiLabelExplorer 4 labels (target)",
            lambda: MultiLabelExplorer(k=4),
            _target_moves(n),
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "regression,multilabel"] + sys.argv[1:])
