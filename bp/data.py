"""The book's data sets, as float64 arrays with one example a row and one-hot targets.

:func:`xor` is the four points a network without a hidden layer cannot separate; :func:`digits`
is scikit-learn's 8x8 handwritten digits (bp's ``data`` extra: :func:`bp.install_command`
installs it), scaled to [0, 1] and split into training, validation and test sets; :func:`one_hot` turns class labels into the
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

import bp
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


def digits(test_size=0.2, validation_size=0.2, seed=0):
    """scikit-learn's handwritten digits, scaled, one-hot and split three ways.

    1797 images of 8x8 pixels, each pixel an integer from 0 to 16, are flattened to 64 inputs
    and divided by 16, so that every input lies in [0, 1]. The digit 0-9 becomes a one-hot row
    of 10. A permutation drawn with ``seed`` puts ``ceil(test_size * 1797)`` examples in the
    test set, the next ``ceil(validation_size * 1797)`` in the validation set and the rest in
    the training set; the same seed gives the same split.

    The three sets have three jobs. The network learns its weights from the training set; the
    choices made *about* training (the learning rate, when to stop) are made on the validation
    set; the test set is looked at once, at the end, to report how well the chosen network does
    on images that influenced none of those decisions.

    Parameters
    ----------
    test_size : float, default 0.2
        The fraction of the examples held out for testing, strictly between 0 and 1.
    validation_size : float, default 0.2
        The fraction held out for validation, strictly between 0 and 1.
    seed : int, default 0
        Seed of the split, >= 0.

    Returns
    -------
    X_train : numpy.ndarray, shape (n_train, 64), float64
    Y_train : numpy.ndarray, shape (n_train, 10), float64
    X_val : numpy.ndarray, shape (n_val, 64), float64
    Y_val : numpy.ndarray, shape (n_val, 10), float64
    X_test : numpy.ndarray, shape (n_test, 64), float64
    Y_test : numpy.ndarray, shape (n_test, 10), float64

    Raises
    ------
    ImportError
        If scikit-learn is not installed.
    TypeError, ValueError
        On a ``test_size`` or ``validation_size`` that is not a number in (0, 1), two sizes
        that leave no training example, or a ``seed`` that is not an integer >= 0; the message
        names the parameter.

    Examples
    --------
    >>> X_train, Y_train, X_val, Y_val, X_test, Y_test = digits(seed=0)
    >>> X_train.shape, X_val.shape, X_test.shape
    ((1077, 64), (360, 64), (360, 64))
    >>> Y_train.shape, float(X_train.min()), float(X_train.max())
    ((1077, 10), 0.0, 1.0)
    """
    for name, size in (("test_size", test_size), ("validation_size", validation_size)):
        if not 0 < _checks.real(size, name) < 1:
            raise ValueError(f"{name} must lie strictly between 0 and 1; got {size!r}")
    seed = _checks.seed(seed)
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:
        raise ImportError(
            "bp.data.digits needs scikit-learn, which is not installed; "
            f"install it with: {bp.install_command('data')}"
        ) from err

    data = load_digits()
    X = np.asarray(data.data, dtype=np.float64) / 16.0
    Y = one_hot(np.asarray(data.target, dtype=np.int64), 10)
    n = X.shape[0]
    n_test, n_val = math.ceil(test_size * n), math.ceil(validation_size * n)
    if n_test + n_val >= n:
        raise ValueError(
            "test_size and validation_size must leave at least one training example; got "
            f"test_size={test_size!r}, validation_size={validation_size!r}"
        )
    order = np.random.default_rng(seed).permutation(n)
    test, val, train = order[:n_test], order[n_test : n_test + n_val], order[n_test + n_val :]
    return X[train], Y[train], X[val], Y[val], X[test], Y[test]
