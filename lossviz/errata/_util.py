"""Small helpers shared by the demonstration modules."""

from __future__ import annotations

from .sandbox import _round_numbers, repair_stages

__all__: list[str] = []


def _r(x, d=4):
    """``x`` as a Python float rounded to ``d`` decimals."""
    return round(float(x), d)


def _stages(key):
    """``(label, one-line summary)`` of each stage of :func:`repair_stages` for ``key``."""
    return [(label, _round_numbers(run.summary())) for label, run in repair_stages(key)]
