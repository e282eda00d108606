"""The book's data sets, as float64 arrays with one example a row and one-hot targets.

:func:`xor` is the four points a network without a hidden layer cannot separate; :func:`digits`
is scikit-learn's 8x8 handwritten digits (install it with ``pip install bp[data]``), scaled to
[0, 1] and split into a training and a test set; :func:`one_hot` turns class labels into the
target rows that :class:`~bp.network.Network` expects.

>>> from bp.data import one_hot, xor
>>> X, Y = xor()
>>> X.shape, Y.shape
((4, 2), (4, 1))
>>> one_hot([2, 0], 3)
array([[0., 0., 1.],
       [1., 0., 0.]])
"""

from __future__ import annotations

import math

import numpy as np

from bp import _checks

__all__ = ["digits", "one_hot", "xor"]


def xor():
    """The XOR problem: four inputs and their exclusive or.

    Returns
    -------
    X : numpy.ndarray, shape (4, 2), float64
        The four corners of the unit square, ``[0, 0], [0, 1], [1, 0], [1, 1]``.
    Y : numpy.ndarray, shape (4, 1), float64
        1 where exactly one input is 1: ``[0], [1], [1], [0]``.

    Examples
    --------
    >>> X, Y = xor()
    >>> X
    array([[0., 0.],
           [0., 1.],
           [1., 0.],
           [1., 1.]])
    >>> Y.ravel()
    array([0., 1., 1., 0.])
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    Y = np.array([[0], [1], [1], [0]], dtype=np.float64)
    return X, Y


def one_hot(labels, n_classes):
    """Class labels as one-hot rows: row ``i`` is 1 in column ``labels[i]``, 0 elsewhere.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class indices, each in ``0 .. n_classes - 1``.
    n_classes : int
        The number of classes, >= 1: the width of each row.

    Returns
    -------
    numpy.ndarray, shape (n, n_classes), float64

    Raises
    ------
    TypeError
        If ``labels`` does not hold integers or ``n_classes`` is not an integer.
    ValueError
        If ``labels`` is not 1-D, a label is outside ``0 .. n_classes - 1``, or
        ``n_classes < 1``.

    Examples
    --------
    >>> one_hot([0, 2, 1], n_classes=3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    n_classes = _checks.positive_int(n_classes, "n_classes")
    try:
        arr = np.asarray(labels)
    except (TypeError, ValueError) as err:  # ragged nested lists
        raise ValueError(f"labels must be a 1-D array of integers; {err}") from None
    if arr.size == 0 and arr.dtype.kind == "f":  # [] is read as float
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"labels must hold integers; got an array of dtype {arr.dtype}")
    if arr.ndim != 1:
        raise ValueError(f"labels must be 1-D; got {arr.ndim}-D shape {arr.shape}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        bad = arr[(arr < 0) | (arr >= n_classes)][0]
        raise ValueError(f"labels must lie in 0 .. {n_classes - 1} (n_classes - 1); got {bad}")
    Y = np.zeros((arr.size, n_classes), dtype=np.float64)
    Y[np.arange(arr.size), arr] = 1.0
    return Y


def digits(test_size=0.25, seed=0):
    """scikit-learn's handwritten digits, scaled, one-hot and split into training and test sets.

    1797 images of 8x8 pixels, each pixel an integer from 0 to 16, are flattened to 64 inputs
    and divided by 16, so that every input lies in [0, 1]. The digit 0-9 becomes a one-hot row
    of 10. A permutation drawn with ``seed`` puts ``ceil(test_size * 1797)`` examples in the
    test set and the rest in the training set; the same seed gives the same split.

    Parameters
    ----------
    test_size : float, default 0.25
        The fraction of the examples held out for testing, strictly between 0 and 1.
    seed : int, default 0
        Seed of the split, >= 0.

    Returns
    -------
    X_train : numpy.ndarray, shape (n_train, 64), float64
    Y_train : numpy.ndarray, shape (n_train, 10), float64
    X_test : numpy.ndarray, shape (n_test, 64), float64
    Y_test : numpy.ndarray, shape (n_test, 10), float64

    Raises
    ------
    ImportError
        If scikit-learn is not installed.
    TypeError, ValueError
        On a ``test_size`` that is not a number in (0, 1) or leaves no example on one side, or a
        ``seed`` that is not an integer >= 0; the message names the parameter.

    Examples
    --------
    >>> X_train, Y_train, X_test, Y_test = digits(test_size=0.25, seed=0)
    >>> X_train.shape, Y_train.shape, X_test.shape, Y_test.shape
    ((1347, 64), (1347, 10), (450, 64), (450, 10))
    >>> float(X_train.min()), float(X_train.max())
    (0.0, 1.0)
    """
    if not 0 < _checks.real(test_size, "test_size") < 1:
        raise ValueError(f"test_size must lie strictly between 0 and 1; got {test_size!r}")
    seed = _checks.seed(seed)
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:
        raise ImportError(
            "bp.data.digits needs scikit-learn, which is not installed; "
            "install it with: pip install bp[data]"
        ) from err

    data = load_digits()
    X = np.asarray(data.data, dtype=np.float64) / 16.0
    Y = one_hot(np.asarray(data.target, dtype=np.int64), 10)
    n = X.shape[0]
    n_test = math.ceil(test_size * n)
    if n_test >= n:
        raise ValueError(f"test_size must leave at least one training example; got {test_size!r}")
    order = np.random.default_rng(int(seed)).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], Y[train], X[test], Y[test]
