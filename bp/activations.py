"""Activation functions, each beside its derivative.

A neuron's output is :math:`a = \\sigma(z)`, where :math:`z` is its weighted input. The backward
pass needs :math:`\\sigma'(z)`, so every activation ``f`` here is written directly above its
derivative ``f_prime``, and the two travel together as an :class:`Activation`, looked up by name.

The functions work element-wise, like numpy's own: any finite input gives a finite output, with
no warning (the sigmoid's and softmax's overflows are handled); a NaN given in comes back out,
as from ``numpy.exp``. Checking for NaN is the job of whoever takes the input from a user:
:class:`~bp.network.Network` refuses it.

Input of a floating dtype keeps its dtype. Integer input is converted to float64 first (as
everywhere in bp: in an integer dtype ``-z`` and ``exp`` would wrap or lose the fraction), and
booleans, complex numbers and other non-numbers are refused with a TypeError naming ``z``.

>>> import numpy as np
>>> from bp.activations import get
>>> sig = get("sigmoid")
>>> sig.f(np.array([0.0])), sig.df(np.array([0.0]))
(array([0.5]), array([0.25]))
>>> sig.f(np.array([1], dtype=np.uint8))  # an integer dtype: computed in float64
array([0.73105858])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from bp import _checks

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get",
    "identity",
    "identity_prime",
    "relu",
    "relu_prime",
    "sigmoid",
    "sigmoid_prime",
    "softmax",
    "tanh",
    "tanh_prime",
    "unchecked",
]


class Activation(NamedTuple):
    """An activation function together with its derivative.

    Attributes
    ----------
    name : str
        The name it is looked up by.
    f : callable
        The forward rule :math:`a = \\sigma(z)`, element-wise.
    df : callable
        The backward rule :math:`\\sigma'(z)`, element-wise: ``df(z)``, or ``df(z, a)`` given
        also the output ``a = f(z)`` when the caller holds it (the network does), so that a
        derivative with a form in :math:`a` (the sigmoid's :math:`a(1 - a)`) needs no second
        exponential. The one way bp asks for a derivative; a derivative that has no use for
        ``a`` ignores it.

    Examples
    --------
    >>> square = Activation("square", lambda z: z**2, lambda z, a=None: 2 * z)
    >>> square.f(3.0), square.df(3.0), square.df(3.0, 9.0)
    (9.0, 6.0, 6.0)
    """

    name: str
    f: Callable
    df: Callable


def sigmoid(z):
    """The logistic sigmoid, :math:`\\sigma(z) = 1 / (1 + e^{-z})`.

    Numerically stable: no overflow warning and no NaN for any finite ``z``. When ``z`` is so
    negative that :math:`e^{-z}` overflows (:math:`z < -709` in float64), :math:`1/(1 + \\infty)`
    gives exactly 0 for a true value below :math:`10^{-308}`; numpy's overflow warning is
    silenced for that case only. Elsewhere the formula keeps full relative precision, tiny
    outputs included.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.

    Returns
    -------
    numpy.ndarray
        :math:`\\sigma(z)`, same shape as ``z``, each value in [0, 1].

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    z = _floats(z)
    with np.errstate(over="ignore"):
        return _sigmoid(z)


def sigmoid_prime(z, a=None):
    """Derivative of the sigmoid, :math:`\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))`.

    A function of ``z``: for :math:`z > 2` the factor :math:`1 - \\sigma(z)` would lose relative
    precision to cancellation (and round to 0 from :math:`z \\approx 37`), so there the same
    number is computed at :math:`-z`, since :math:`\\sigma'(z) = \\sigma'(-z)`: every value keeps
    a relative error below :math:`10^{-15}`, tiny ones included
    (:math:`\\sigma'(40) \\approx 4.2 \\times 10^{-18}`).

    Given also the output ``a = sigmoid(z)``, it is ``a * (1 - a)``, with no second exponential:
    what :class:`~bp.network.Network` computes, and the worked example's
    :math:`out\\,(1 - out)` to the last bit. Its absolute error stays below :math:`10^{-16}`,
    but where ``a`` rounds near 1 its relative precision is lost (at :math:`z = 40` it is 0).
    Passing ``z`` where ``a`` is expected is a classic bug.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.
    a : array_like, optional
        The outputs ``sigmoid(z)``, if already computed.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, each value in [0, 1/4].

    Examples
    --------
    >>> sigmoid_prime(np.array([0.0, 2.0]))
    array([0.25      , 0.10499359])
    >>> print(f"{sigmoid_prime(40.0):.6g}", sigmoid_prime(40.0, sigmoid(40.0)))
    4.24835e-18 0.0
    """
    if a is not None:
        return _sigmoid_prime(z, _floats(a, "a"))
    z = _floats(z)
    s = sigmoid(np.where(z > 2, -z, z))  # up to 2, sigma(z) (1 - sigma(z)) as written
    return s * (1 - s)


def tanh(z):
    """The hyperbolic tangent, :math:`\\tanh z`.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, each value in [-1, 1].

    Examples
    --------
    >>> tanh(np.array([0.0, 1.0]))
    array([0.        , 0.76159416])
    """
    return np.tanh(_floats(z))


def tanh_prime(z, a=None):
    """Derivative of tanh, :math:`1 - \\tanh^2 z`, or ``1 - a**2`` given the output ``a``.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.
    a : array_like, optional
        The outputs ``tanh(z)``, if already computed.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, each value in [0, 1].

    Examples
    --------
    >>> tanh_prime(np.array([0.0, 1.0]))
    array([1.        , 0.41997434])
    """
    return _tanh_prime(z, np.tanh(_floats(z)) if a is None else _floats(a, "a"))


def relu(z):
    """The rectified linear unit, :math:`\\max(0, z)`.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``.

    Examples
    --------
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return _relu(_floats(z))


def relu_prime(z, a=None):
    """Derivative of relu: 1 where :math:`z > 0`, else 0 (the value 0 is taken at the kink z = 0).

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.
    a : array_like, optional
        Not used: the outputs say nothing ``z`` does not.

    Returns
    -------
    numpy.ndarray
        Same shape and floating dtype as ``z``.

    Examples
    --------
    >>> relu_prime(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """
    return _relu_prime(_floats(z))


def identity(z):
    """The identity, :math:`a = z` (a linear output layer).

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.

    Returns
    -------
    numpy.ndarray
        A copy of ``z`` (so that a network's :math:`a^{(l)}` and :math:`z^{(l)}` are two arrays).

    Examples
    --------
    >>> z = np.array([-2.0, 3.0])
    >>> a = identity(z)
    >>> a, a is z
    (array([-2.,  3.]), False)
    """
    return _identity(_floats(z))


def identity_prime(z, a=None):
    """Derivative of the identity: 1 everywhere.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape.
    a : array_like, optional
        Not used.

    Returns
    -------
    numpy.ndarray
        Ones, same shape and floating dtype as ``z``.

    Examples
    --------
    >>> identity_prime(np.array([-2.0, 3.0]))
    array([1., 1.])
    """
    return _identity_prime(_floats(z))


def softmax(z):
    """Softmax over the last axis, :math:`a_j = e^{z_j} / \\sum_k e^{z_k}`.

    Its Jacobian is not diagonal, so it is not an :class:`Activation`: the cross-entropy loss in
    :mod:`bp.losses` uses it as the output layer and folds its derivative into
    :math:`\\delta^{(L)} = a^{(L)} - y`.

    Parameters
    ----------
    z : array_like, shape (..., n)
        Weighted inputs of the output layer, ``n >= 1``.

    Returns
    -------
    numpy.ndarray, shape (..., n)
        Non-negative values summing to 1 along the last axis.

    Examples
    --------
    >>> softmax(np.array([0.0, np.log(3.0)]))
    array([0.25, 0.75])
    """
    z = _floats(z)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise _checks.fail(ValueError, "z", "have at least one entry along its last axis", z.shape)
    with np.errstate(over="ignore"):  # z - max overflows to -inf only where a_j < 1e-308: 0
        e = np.exp(z - z.max(axis=-1, keepdims=True))  # shifting by the max prevents overflow
    return e / e.sum(axis=-1, keepdims=True)


def _floats(z, name="z"):
    """``z`` as an array of a floating dtype: integers become float64, non-numbers a TypeError."""
    return _checks.array(z, name, ndims=None, finite=False)


# The rules alone, without the check of their input, for a caller that has checked it (an array
# of a floating dtype) and runs under np.errstate: the network. The functions above check, then
# call these. A derivative is called as df(z, a), with the output a = f(z).
def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _sigmoid_prime(z, a):
    return a * (1 - a)


def _tanh_prime(z, a):
    return 1 - a**2


def _relu(z):
    return np.maximum(z, 0)


def _relu_prime(z, a=None):
    return (z > 0).astype(z.dtype)


def _identity(z):
    return z.copy()


def _identity_prime(z, a=None):
    return np.ones_like(z)


#: Every activation by name, each beside its derivative: ``ACTIVATIONS["sigmoid"].df`` is
#: :func:`sigmoid_prime`.
ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime),
    "tanh": Activation("tanh", tanh, tanh_prime),
    "relu": Activation("relu", relu, relu_prime),
    "identity": Activation("identity", identity, identity_prime),
}

#: The same activations with the unchecked rules, by name: see :func:`unchecked`.
_UNCHECKED = {
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_prime),
    "tanh": Activation("tanh", np.tanh, _tanh_prime),
    "relu": Activation("relu", _relu, _relu_prime),
    "identity": Activation("identity", _identity, _identity_prime),
}


def unchecked(activation):
    """``activation`` without the input check that its ``f`` and ``df`` run on every call.

    For a caller that has checked its input once, at its boundary, and calls the rules on arrays
    of a floating dtype under its own ``np.errstate``, as :class:`~bp.network.Network` does: the
    same numbers, without the check's cost on every layer. An activation that is not one of bp's
    own is returned as it is.

    Examples
    --------
    >>> unchecked(ACTIVATIONS["sigmoid"]).f(np.array([0.0]))
    array([0.5])
    >>> square = Activation("square", lambda z: z**2, lambda z, a=None: 2 * z)
    >>> unchecked(square) is square
    True
    """
    if ACTIVATIONS.get(activation.name) is not activation:
        return activation
    return _UNCHECKED[activation.name]


def get(name):
    """Return the :class:`Activation` called ``name``.

    Parameters
    ----------
    name : str or Activation
        One of ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"identity"``; an :class:`Activation` is
        returned unchanged.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        If ``name`` is not a known activation; the message lists the valid names.
    TypeError
        If ``name`` is neither a string nor an :class:`Activation`.

    Examples
    --------
    >>> get("tanh").name
    'tanh'
    >>> get("swish")
    Traceback (most recent call last):
    ...
    ValueError: activation must be one of 'identity', 'relu', 'sigmoid', 'tanh'; got 'swish'
    """
    return _checks.name_in(ACTIVATIONS, name, "activation", Activation)
