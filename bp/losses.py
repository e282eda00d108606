"""Loss functions, each beside its gradient.

A loss compares the network's output :math:`a^{(L)}` with the target :math:`y`. The backward pass
starts from the output layer's error :math:`\\delta^{(L)} = \\partial C / \\partial z^{(L)}`, so each
:class:`Loss` carries the forward rule ``f`` (the cost of a batch) and the backward rule ``delta``
(that error), written one under the other.

Both losses are means over the batch: for a batch of ``n`` rows, :math:`C = \\frac1n \\sum_x C_x`.

>>> import numpy as np
>>> from bp.losses import get
>>> get("squared_error").f(np.array([[0.75, 0.77]]), np.array([[0.01, 0.99]]))
np.float64(0.298...)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from bp.activations import softmax

__all__ = [
    "LOSSES",
    "Loss",
    "cross_entropy",
    "cross_entropy_delta",
    "get",
    "squared_error",
    "squared_error_delta",
]


class Loss(NamedTuple):
    """A loss together with the output layer's error it produces.

    Attributes
    ----------
    name : str
        The name it is looked up by.
    f : callable
        ``f(a, y)``: the mean cost over a batch of outputs ``a`` against targets ``y``.
    delta : callable
        ``delta(z, a, y, df)``: the output error :math:`\\delta^{(L)} = \\partial C/\\partial z^{(L)}`
        for the whole batch, given the output layer's weighted inputs ``z``, outputs ``a``,
        targets ``y`` and its activation derivative ``df``.
    output : callable or None
        The output layer's activation that the loss imposes (softmax for cross-entropy), or
        ``None`` when the output layer uses the network's activation.

    Examples
    --------
    >>> get("cross_entropy").output is softmax
    True
    """

    name: str
    f: Callable
    delta: Callable
    output: Callable | None = None


def _same_shape(a, y):
    # A target of another shape would broadcast into a wrong number, not an error.
    if np.shape(a) != np.shape(y):
        raise ValueError(f"y must have the shape of a, {np.shape(a)}; got {np.shape(y)}")


def squared_error(a, y):
    """Squared error, :math:`C = \\frac1n \\sum_x \\tfrac12 \\lVert a^{(L)}(x) - y(x) \\rVert^2`.

    For one example this is the classic :math:`E_{total} = \\sum_j \\tfrac12 (target_j - out_j)^2`.
    The ½ is there so that the derivative, :math:`a - y`, carries no factor 2.

    Parameters
    ----------
    a : numpy.ndarray, shape (n, n_out)
        Outputs, one row an example.
    y : numpy.ndarray, shape (n, n_out)
        Targets.

    Returns
    -------
    numpy.floating
        The mean over the ``n`` rows.

    Examples
    --------
    >>> squared_error(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[0.0, 0.0], [0.0, 2.0]]))
    np.float64(2.25)
    """
    _same_shape(a, y)
    return 0.5 * np.sum((a - y) ** 2) / len(a)


def squared_error_delta(z, a, y, df):
    """Output error of the squared error: :math:`\\delta^{(L)} = (a - y) \\odot \\sigma'(z) / n`.

    :math:`\\partial C/\\partial a = (a - y)/n` (the ½ cancels the 2 of the square, the mean brings
    the :math:`1/n`), times :math:`\\partial a/\\partial z = \\sigma'(z)` by the chain rule.

    Parameters
    ----------
    z, a, y : numpy.ndarray, shape (n, n_out)
        Weighted inputs and outputs of the output layer, and targets.
    df : callable
        Derivative :math:`\\sigma'` of the output layer's activation.

    Returns
    -------
    numpy.ndarray, shape (n, n_out)

    Examples
    --------
    >>> from bp.activations import identity_prime
    >>> z = np.array([[2.0, 0.0]])
    >>> squared_error_delta(z, z, np.array([[0.0, 1.0]]), identity_prime)
    array([[ 2., -1.]])
    """
    _same_shape(a, y)
    return (a - y) * df(z) / len(a)


def cross_entropy(a, y):
    """Categorical cross-entropy, :math:`C = -\\frac1n \\sum_x \\sum_j y_j \\log a_j`.

    ``a`` is the softmax output and ``y`` one-hot targets. Outputs that underflow to 0 are
    clipped to the smallest positive float so that the cost stays finite.

    Parameters
    ----------
    a : numpy.ndarray, shape (n, n_out)
        Softmax outputs, each row summing to 1.
    y : numpy.ndarray, shape (n, n_out)
        One-hot targets (any rows of non-negative weights summing to 1 work).

    Returns
    -------
    numpy.floating
        The mean over the ``n`` rows.

    Examples
    --------
    >>> cross_entropy(np.array([[0.25, 0.75]]), np.array([[0.0, 1.0]]))
    np.float64(0.287...)
    """
    tiny = np.finfo(np.result_type(a, np.float32)).tiny
    _same_shape(a, y)
    return -np.sum(y * np.log(np.maximum(a, tiny))) / len(a)


def cross_entropy_delta(z, a, y, df=None):
    """Output error of softmax with cross-entropy: :math:`\\delta^{(L)} = (a - y) / n`.

    The softmax Jacobian and the derivative of the logarithm cancel to this one line, so the
    activation derivative ``df`` is not used.

    Parameters
    ----------
    z, a, y : numpy.ndarray, shape (n, n_out)
        Weighted inputs and softmax outputs of the output layer, and one-hot targets.
    df : callable, optional
        Ignored; present so that every loss's ``delta`` has the same signature.

    Returns
    -------
    numpy.ndarray, shape (n, n_out)

    Examples
    --------
    >>> a = np.array([[0.25, 0.75]])
    >>> cross_entropy_delta(None, a, np.array([[0.0, 1.0]]))
    array([[ 0.25, -0.25]])
    """
    _same_shape(a, y)
    return (a - y) / len(a)


#: Every loss by name.
LOSSES = {
    "squared_error": Loss("squared_error", squared_error, squared_error_delta),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_delta, softmax),
}


def get(name):
    """Return the :class:`Loss` called ``name``.

    Parameters
    ----------
    name : str or Loss
        ``"squared_error"`` or ``"cross_entropy"``; a :class:`Loss` is returned unchanged.

    Returns
    -------
    Loss

    Raises
    ------
    ValueError
        If ``name`` is not a known loss; the message lists the valid names.
    TypeError
        If ``name`` is neither a string nor a :class:`Loss`.

    Examples
    --------
    >>> get("squared_error").name
    'squared_error'
    >>> get("mse")
    Traceback (most recent call last):
    ...
    ValueError: loss must be one of 'cross_entropy', 'squared_error'; got 'mse'
    """
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"loss must be a name (str) or a Loss; got {type(name).__name__}")
    if name not in LOSSES:
        valid = ", ".join(repr(n) for n in sorted(LOSSES))
        raise ValueError(f"loss must be one of {valid}; got {name!r}")
    return LOSSES[name]
