"""Loss functions, each beside its gradient.

A loss compares the network's output :math:`a^{(L)}` with the target :math:`y`. The backward pass
starts from the output layer's error :math:`\\delta^{(L)} = \\partial C / \\partial z^{(L)}`, so each
:class:`Loss` carries the forward rule ``f`` (the cost of a batch) and the backward rule ``delta``
(that error), written one under the other.

Both losses are means over the batch: for a batch of ``n`` rows, :math:`C = \\frac1n \\sum_x C_x`.

The functions of this module check their arguments (arrays of real numbers, finite, of one shape,
at least one row; for cross-entropy, outputs and targets that are distributions) and return
finite values or raise a ValueError. Integer arrays are converted to float64 first, as everywhere
in bp; booleans are refused. A mean over the batch is taken in at least float32, so that no
batch size overflows a narrow dtype (float16's largest number is 65,504). The :class:`Loss`
records hold the same rules unchecked, for :class:`~bp.network.Network`, which has checked its
inputs once already.

>>> import numpy as np
>>> from bp.losses import get
>>> get("squared_error").f(np.array([[0.75, 0.77]]), np.array([[0.01, 0.99]]))
np.float64(0.298...)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from bp import _checks
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
        ``f(a, y, z)``: the mean cost over a batch of outputs ``a`` against targets ``y``, given
        also the output layer's weighted inputs ``z`` (cross-entropy computes from them; the
        squared error does not need them).
    delta : callable
        ``delta(z, a, y, df)``: the output error
        :math:`\\delta^{(L)} = \\partial C/\\partial z^{(L)}` for the whole batch, given the
        output layer's weighted inputs ``z``, outputs ``a``, targets ``y`` and its activation's
        derivative ``df``, called as ``df(z, a)``, as the ``df`` of a
        :class:`bp.activations.Activation` is.
    output : callable or None
        The output layer's activation that the loss imposes (softmax for cross-entropy), or
        ``None`` when the output layer uses the network's activation.
    targets : callable or None
        ``targets(y, name)`` refuses targets the loss has no meaning for (cross-entropy: rows
        that are not distributions), raising a ValueError that names ``name``; None if any
        finite targets will do.

    Notes
    -----
    The built-in records hold the rules unchecked (the network checks its inputs once);
    :func:`squared_error` and the other functions of this module check theirs.

    Examples
    --------
    >>> get("cross_entropy").output is softmax
    True
    """

    name: str
    f: Callable
    delta: Callable
    output: Callable | None = None
    targets: Callable | None = None


def _batch_pair(a, y, a_name="a"):
    """``a`` and ``y`` as checked 2-D batches of one shape (a 1-D array is one row)."""
    a = np.atleast_2d(_checks.array(a, a_name))
    y = np.atleast_2d(_checks.array(y, "y"))
    if a.shape != y.shape:  # a target of another shape would broadcast into a wrong number
        raise _checks.fail(ValueError, "y", f"have the shape of {a_name}, {a.shape}", y.shape)
    if a.size == 0:
        raise _checks.fail(ValueError, a_name, "hold at least one row and one column", a.shape)
    return a, y


def _like(z, a):
    """The weighted inputs ``z`` checked to have the shape of the outputs ``a``."""
    z = np.atleast_2d(_checks.array(z, "z"))
    if z.shape != a.shape:
        raise _checks.fail(ValueError, "z", f"have the shape of a, {a.shape}", z.shape)
    return z


def _mean(terms):
    """The sum of every entry of ``terms`` over its number of rows, in the dtype of ``terms``.

    A float16 sum runs in float32, where neither it nor the number of rows can overflow (in
    float16 a batch of 65,520 rows would itself round to infinity, and every mean to 0).
    """
    total = terms.sum(dtype=np.promote_types(terms.dtype, np.float32))
    return terms.dtype.type(total / len(terms))


def _per_row(x):
    """``x / n`` for a batch ``x`` of ``n`` rows (each row's share of the mean), in ``x``'s
    dtype; in float16 the division runs in float32, as in :func:`_mean`."""
    if x.dtype == np.float16:
        return (x / np.float32(len(x))).astype(np.float16)
    return x / len(x)


def _finite(value, name):
    """``value`` if every entry is finite, else a ValueError: the result overflowed."""
    if not _checks.all_finite(np.asarray(value)):
        raise ValueError(
            f"{name} overflowed: its inputs are too large for their dtype (got NaN or inf)"
        )
    return value


def squared_error(a, y):
    """Squared error, :math:`C = \\frac1n \\sum_x \\tfrac12 \\lVert a^{(L)}(x) - y(x) \\rVert^2`.

    For one example this is the classic :math:`E_{total} = \\sum_j \\tfrac12 (target_j - out_j)^2`.
    The ½ is there so that the derivative, :math:`a - y`, carries no factor 2.

    Parameters
    ----------
    a : array_like, shape (n, n_out) or (n_out,)
        Outputs, one row an example (a 1-D array is one example).
    y : array_like, same shape as ``a``
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
    a, y = _batch_pair(a, y)
    with np.errstate(all="ignore"):
        return _finite(_squared_error(a, y), "squared_error")


def _squared_error(a, y, z=None):
    return 0.5 * _mean((a - y) ** 2)


def squared_error_delta(z, a, y, df):
    """Output error of the squared error: :math:`\\delta^{(L)} = (a - y) \\odot \\sigma'(z) / n`.

    :math:`\\partial C/\\partial a = (a - y)/n` (the ½ cancels the 2 of the square, the mean brings
    the :math:`1/n`), times :math:`\\partial a/\\partial z = \\sigma'(z)` by the chain rule.

    Parameters
    ----------
    z, a, y : array_like, shape (n, n_out)
        Weighted inputs and outputs of the output layer, and targets.
    df : callable
        Derivative :math:`\\sigma'` of the output layer's activation, called as ``df(z, a)``,
        as the ``df`` of a :class:`bp.activations.Activation` is.

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
    a, y = _batch_pair(a, y)
    z = _like(z, a)
    _checks.function(df, "df")
    with np.errstate(all="ignore"):
        return _finite(_squared_error_delta(z, a, y, df), "squared_error_delta")


def _squared_error_delta(z, a, y, df):
    return _per_row((a - y) * df(z, a))


def cross_entropy(a, y, z=None):
    """Categorical cross-entropy, :math:`C = -\\frac1n \\sum_x \\sum_j y_j \\log a_j`.

    ``a`` is the softmax output and ``y`` holds one-hot targets (any rows of non-negative
    weights summing to 1). Given the weighted inputs ``z`` with :math:`a = \\mathrm{softmax}(z)`,
    an :math:`a_j` that underflowed (below the smallest normal float, 0 beyond a margin of about
    708 in float64, 87 in float32) has its logarithm taken as log-softmax,
    :math:`\\log a_j = z_j - \\log \\sum_k e^{z_k}` (the log-sum-exp shifted by the largest
    :math:`z_k`), so the cost is exact for any finite ``z``, never capped. This is what a
    cross-entropy :class:`~bp.network.Network` does.

    Parameters
    ----------
    a : array_like, shape (n, n_out) or (n_out,)
        Softmax outputs, each row summing to 1.
    y : array_like, same shape as ``a``
        Targets, each row non-negative and summing to 1.
    z : array_like, same shape as ``a``, optional
        The weighted inputs whose softmax is ``a``; without them an output :math:`a_j = 0` where
        :math:`y_j > 0` (an infinite cost) is refused.

    Returns
    -------
    numpy.floating
        The mean over the ``n`` rows.

    Examples
    --------
    >>> cross_entropy(np.array([[0.25, 0.75]]), np.array([[0.0, 1.0]]))
    np.float64(0.287...)
    >>> z = np.array([[0.0, 800.0]])  # softmax(z)[0, 0] underflows to 0; the cost is 800
    >>> cross_entropy(softmax(z), np.array([[1.0, 0.0]]), z)
    np.float64(800.0)
    """
    a, y = _batch_pair(a, y)
    _checks.distributions(a, "a")
    _checks.distributions(y, "y")
    if z is not None:
        z = _like(z, a)
    elif np.any((a == 0) & (y > 0)):
        raise _checks.fail(
            ValueError,
            "a",
            "be > 0 where y > 0 (pass z to compute the cost from the weighted inputs)",
            "an output of 0 where its target is positive (an infinite cost)",
        )
    with np.errstate(all="ignore"):
        return _finite(_cross_entropy(a, y, z), "cross_entropy")


def _cross_entropy(a, y, z=None):
    if z is None:  # a_j = 0 where y_j > 0 has been refused; terms with y_j = 0 are 0
        log_a = np.log(a, where=y > 0, out=np.zeros_like(a))
        return 0.0 - _mean(y * log_a)  # 0.0 - : a perfect cost is 0.0, not -0.0
    tiny = np.finfo(a.dtype).tiny
    log_a = np.log(np.maximum(a, tiny))
    underflowed = a < tiny  # log a_j of an a_j rounded to 0 would be -inf: take log-softmax
    if underflowed.any():
        shifted = z - z.max(axis=-1, keepdims=True)  # no overflow in the exponentials
        log_softmax = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        log_a = np.where(underflowed, log_softmax, log_a)
    return 0.0 - _mean(y * log_a)


def cross_entropy_delta(z, a, y, df=None):
    """Output error of softmax with cross-entropy: :math:`\\delta^{(L)} = (a - y) / n`.

    The softmax Jacobian and the derivative of the logarithm cancel to this one line, so the
    activation derivative ``df`` is not used.

    Parameters
    ----------
    z : array_like or None
        Weighted inputs of the output layer; not used (may be None).
    a, y : array_like, shape (n, n_out)
        Softmax outputs of the output layer, and targets: rows of non-negative weights summing
        to 1, both (as :func:`cross_entropy` requires).
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
    a, y = _batch_pair(a, y)
    _checks.distributions(a, "a")
    _checks.distributions(y, "y")
    return _cross_entropy_delta(z, a, y)


def _cross_entropy_delta(z, a, y, df=None):
    return _per_row(a - y)


#: Every loss by name; the records hold the rules unchecked (see :class:`Loss`).
LOSSES = {
    "squared_error": Loss("squared_error", _squared_error, _squared_error_delta),
    "cross_entropy": Loss(
        "cross_entropy",
        _cross_entropy,
        _cross_entropy_delta,
        output=softmax,
        targets=_checks.distributions,
    ),
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
    return _checks.name_in(LOSSES, name, "loss", Loss)
