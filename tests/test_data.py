"""bp.data: shapes and dtypes, one-hot rows, a reproducible split, bad arguments."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bp import install_command
from bp.data import digits, one_hot, xor

#: scikit-learn is optional (bp's data extra): without it, conftest.py skips what needs it.
needs_sklearn = pytest.mark.needs_sklearn


def test_xor_shapes_dtype_and_values():
    X, Y = xor()
    assert X.shape == (4, 2)
    assert Y.shape == (4, 1)
    assert X.dtype == np.float64
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(Y[:, 0], np.logical_xor(X[:, 0], X[:, 1]))


def test_xor_returns_fresh_arrays():
    X, _ = xor()
    X[0, 0] = 5.0
    assert xor()[0][0, 0] == 0.0


def test_one_hot_rows_sum_to_one_at_the_label():
    labels = np.array([3, 0, 9, 9, 4])
    Y = one_hot(labels, 10)
    assert Y.shape == (5, 10)
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(Y.argmax(axis=1), labels)


def test_one_hot_of_no_labels_is_empty():
    assert one_hot([], 3).shape == (0, 3)


@pytest.fixture(scope="module")
def split():
    return digits(test_size=0.2, validation_size=0.1, seed=1)


@needs_sklearn
def test_digits_shapes_and_dtypes(split):
    X_train, Y_train, X_val, Y_val, X_test, Y_test = split
    assert X_train.shape == (1797 - 360 - 180, 64)
    assert Y_train.shape == (1797 - 360 - 180, 10)
    assert X_val.shape == (180, 64)
    assert Y_val.shape == (180, 10)
    assert X_test.shape == (360, 64)
    assert Y_test.shape == (360, 10)
    assert all(a.dtype == np.float64 for a in split)


@needs_sklearn
def test_digits_pixels_in_unit_interval(split):
    X = np.vstack(split[0::2])
    assert X.min() == 0.0
    assert X.max() == 1.0


@needs_sklearn
def test_digits_targets_are_one_hot(split):
    for Y in split[1::2]:
        np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
        assert set(np.unique(Y)) == {0.0, 1.0}
    assert set(split[1].argmax(axis=1)) == set(range(10))


@needs_sklearn
def test_digits_split_partitions_the_data(split):
    from sklearn.datasets import load_digits

    all_rows = [row.tobytes() for row in load_digits().data / 16.0]
    rows = [row.tobytes() for row in np.vstack(split[0::2])]
    assert sorted(rows) == sorted(all_rows)  # every image lands in exactly one of the three


@needs_sklearn
def test_digits_default_split_is_sixty_twenty_twenty():
    X_train, _, X_val, _, X_test, _ = digits()
    assert (len(X_train), len(X_val), len(X_test)) == (1077, 360, 360)


@needs_sklearn
def test_digits_split_is_reproducible_with_a_seed(split):
    again = digits(test_size=0.2, validation_size=0.1, seed=1)
    for a, b in zip(split, again, strict=True):
        np.testing.assert_array_equal(a, b)


@needs_sklearn
def test_digits_split_changes_with_the_seed(split):
    other = digits(test_size=0.2, validation_size=0.1, seed=2)
    assert not np.array_equal(split[0], other[0])


def test_digits_without_scikit_learn_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(ImportError, match=re.escape(install_command("data"))):
        digits()


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        ({"test_size": 0.0}, ValueError),
        ({"test_size": 1.0}, ValueError),
        ({"test_size": -0.1}, ValueError),
        ({"test_size": float("nan")}, ValueError),
        pytest.param({"test_size": 0.9999}, ValueError, marks=needs_sklearn),
        ({"test_size": "0.2"}, TypeError),
        ({"test_size": True}, TypeError),
    ],
    ids=["zero", "one", "negative", "nan", "no-training-example", "str", "bool"],
)
def test_digits_bad_test_size(kwargs, exc):
    with pytest.raises(exc, match="test_size"):
        digits(**kwargs)


@pytest.mark.parametrize(
    ("validation_size", "exc"),
    [
        (0.0, ValueError),
        (1.0, ValueError),
        (float("nan"), ValueError),
        ("0.2", TypeError),
        (False, TypeError),
    ],
    ids=["zero", "one", "nan", "str", "bool"],
)
def test_digits_bad_validation_size(validation_size, exc):
    with pytest.raises(exc, match="validation_size"):
        digits(validation_size=validation_size)


@needs_sklearn
def test_digits_sizes_that_leave_no_training_example():
    with pytest.raises(ValueError, match=r"test_size=0\.5, validation_size=0\.5"):
        digits(test_size=0.5, validation_size=0.5)


@pytest.mark.parametrize(
    ("seed", "exc"),
    [(1.5, TypeError), (None, TypeError), (True, TypeError), (-1, ValueError)],
    ids=["float", "None", "bool", "negative"],
)
def test_digits_bad_seed(seed, exc):
    with pytest.raises(exc, match="seed"):
        digits(seed=seed)


@pytest.mark.parametrize(
    ("labels", "n_classes", "exc", "name"),
    [
        ([0, 1], 0, ValueError, "n_classes"),
        ([0, 1], -2, ValueError, "n_classes"),
        ([0, 1], 2.0, TypeError, "n_classes"),
        ([0, 1], True, TypeError, "n_classes"),
        ([0.0, 1.0], 2, TypeError, "labels"),
        (["a", "b"], 2, TypeError, "labels"),
        ([True, False], 2, TypeError, "labels"),
        ([[0, 1]], 2, ValueError, "labels"),
        (3, 4, ValueError, "labels"),
        ([0, 2], 2, ValueError, "labels"),
        ([-1, 0], 2, ValueError, "labels"),
        ([[0], [0, 1]], 2, ValueError, "labels"),
    ],
    ids=[
        "n_classes-zero",
        "n_classes-negative",
        "n_classes-float",
        "n_classes-bool",
        "labels-float",
        "labels-str",
        "labels-bool",
        "labels-2d",
        "labels-scalar",
        "labels-too-large",
        "labels-negative",
        "labels-ragged",
    ],
)
def test_one_hot_bad_arguments(labels, n_classes, exc, name):
    with pytest.raises(exc, match=rf"\b{name}\b"):
        one_hot(labels, n_classes)


_BLOCK_SKLEARN = """
import sys
sys.modules["sklearn"] = None  # import sklearn now fails, as where it is not installed
import pytest
sys.exit(pytest.main(sys.argv[1:]))
"""


def test_without_scikit_learn_its_tests_are_skipped_not_errors(tmp_path):
    # Where scikit-learn is missing, the digits doctest and tests are skipped, not errors.
    root = Path(__file__).resolve().parents[1]
    args = ["--doctest-modules", "bp/data.py", "tests/test_data.py", "-p", "no:cacheprovider"]
    args += ["-q", "-rs", "-k", "not test_without_scikit_learn", f"--basetemp={tmp_path}"]
    result = subprocess.run(
        [sys.executable, "-c", _BLOCK_SKLEARN, *args],
        check=False,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "needs scikit-learn" in result.stdout
    assert "error" not in result.stdout.lower().split("short test summary")[-1]
