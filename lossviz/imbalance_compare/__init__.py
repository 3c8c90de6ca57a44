"""Remedies for class imbalance compared on the same data (a package; see its submodules)."""

from .problem import *  # noqa: F403
from .problem import __all__, _thin_index  # noqa: F401
