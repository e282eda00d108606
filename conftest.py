"""Shared pytest configuration: close matplotlib figures after every test and doctest, and skip
the doctests that need scikit-learn when it is not installed.

bp.plotting's doctests each draw a figure; without this, dozens stay open in one process and
matplotlib warns (and warnings are errors here). scikit-learn is an optional dependency
(``pip install bp[data]``): without it the digits doctest is skipped with that reason, as the
tests of tests/test_data.py that need it are, instead of erroring.
"""

import importlib.util

import pytest

#: Doctests that load scikit-learn's digits, by their name.
NEEDS_SKLEARN = {"bp.data.digits"}


def _has(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing, or blocked in sys.modules
        return False


def pytest_collection_modifyitems(config, items):
    if _has("sklearn"):
        return
    skip = pytest.mark.skip(reason="needs scikit-learn, not installed (pip install bp[data])")
    for item in items:
        if isinstance(item, pytest.DoctestItem) and item.name in NEEDS_SKLEARN:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
