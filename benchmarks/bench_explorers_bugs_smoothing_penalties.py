"""Rows of ``bench_explorers.py`` for chapter 09's BugSwitchExplorer and chapter 10's
SmoothingGapExplorer and PenaltyPathExplorer.

Picked up by ``python benchmarks/bench_explorers.py`` (every ``bench_explorers_*.py`` next to it
adds its ``CASES``). BugSwitchExplorer trains every setting once when it is built (shared by the
process); a move only redraws. Aim: at most 20 ms per update and at least 5x faster than the
naive way.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_explorers import Case, _sweep  # noqa: E402

from lossviz.explorers import (  # noqa: E402
    BugSwitchExplorer,
    PenaltyPathExplorer,
    SmoothingGapExplorer,
)
from lossviz.scratch import BUGS  # noqa: E402

__all__ = ["CASES"]


def _bug_moves(n):
    keys = list(BUGS)
    return [{"bug": keys[i % len(keys)]} for i in range(n)]


def _cases(n=40):
    return [
        Case("BugSwitchExplorer (bug)", BugSwitchExplorer, _bug_moves(n)),
        Case("SmoothingGapExplorer (eps)", SmoothingGapExplorer, _sweep("eps", 0.0, 0.3, n, 2)),
        Case(
            "PenaltyPathExplorer (log lambda)",
            PenaltyPathExplorer,
            _sweep("log_lam", -4.0, 0.0, n, 1),
        ),
    ]


CASES = _cases()

if __name__ == "__main__":
    from bench_explorers import main

    main(["--only", "BugSwitch,SmoothingGap,PenaltyPath"])
