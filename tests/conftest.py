"""Shared test plumbing: the Agg backend, and a ``strict`` fixture that turns warnings and
floating-point errors into failures for the maths-core tests.

A test module opts into strict mode with ``pytestmark = pytest.mark.usefixtures("strict")``.
"""

import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")


@pytest.fixture
def strict():
    """Every warning is an error, and so is every overflow, invalid operation or division by 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield
