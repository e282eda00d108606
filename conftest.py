"""Shared pytest configuration: close matplotlib figures after every test and doctest, and skip
the doctests that need scikit-learn when it is not installed.

bp.plotting's doctests each draw a figure; without this, dozens stay open in one process and
matplotlib warns (and warnings are errors here). scikit-learn is an optional dependency
(bp's ``data`` extra): without it the digits doctest and the tests marked ``needs_sklearn`` are
skipped, with a reason that says how to install it, instead of erroring.
"""

import importlib.util

import pytest

import bp

#: Why what needs scikit-learn is skipped, and how to install it.
NO_SKLEARN = f"needs scikit-learn, not installed ({bp.install_command('data')})"
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
    skip = pytest.mark.skip(reason=NO_SKLEARN)
    for item in items:
        if item.get_closest_marker("needs_sklearn") or (
            isinstance(item, pytest.DoctestItem) and item.name in NEEDS_SKLEARN
        ):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
