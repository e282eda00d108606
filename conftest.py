"""Shared pytest configuration: close matplotlib figures after every test and doctest.

bp.plotting's doctests each draw a figure; without this, dozens stay open in one process and
matplotlib warns (and warnings are errors here).
"""

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
