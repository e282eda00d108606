"""Gradient checking: the second way every gradient in the book is computed.

Backpropagation gives the exact gradient in one backward pass. Central finite differences give
an independent estimate, one parameter at a time,

.. math::

    \\frac{\\partial C}{\\partial w} \\approx \\frac{C(w + \\varepsilon) - C(w - \\varepsilon)}{2\\varepsilon},

with an error of order :math:`\\varepsilon^2`, at the price of two evaluations of the loss per
parameter. The two are compared with the relative error of the CS231n notes,
:math:`|a - b| / \\max(|a|, |b|)`.

>>> import numpy as np
>>> from bp.gradcheck import numerical_gradient
>>> numerical_gradient(lambda x: float(np.sum(x**2)), np.array([1.0, -2.0]))
array([ 2., -4.])
"""

from __future__ import annotations

import numbers

import numpy as np

from bp import _checks
from bp.network import Network

__all__ = ["gradcheck", "numerical_gradient", "numerical_gradients", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    """The gradient of a scalar function by central differences.

    Each entry of ``x`` in turn is moved to ``x + eps`` and ``x - eps`` *in place* (so that ``f``
    may read ``x`` from a closure, as a network reads its own weights), ``f(x)`` is evaluated at
    both, and the entry is restored exactly.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number.
    x : numpy.ndarray of floats
        The point; perturbed in place during the call and restored on return.
    eps : float, default 1e-6
        The step :math:`\\varepsilon`, > 0.

    Returns
    -------
    numpy.ndarray
        Shaped like ``x``, in float64.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x`` is not a floating-point numpy array.

    Examples
    --------
    The slope of :math:`x^2` at :math:`x = 2` is 4:

    >>> numerical_gradient(lambda x: float(x[0] ** 2), np.array([2.0]))
    array([4.])
    """
    if not callable(f):
        raise TypeError(f"f must be callable; got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(
            "x must be a numpy array of floats (it is perturbed in place); got "
            + (f"dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__)
        )
    eps = _checks.positive_number(eps, "eps")
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = float(f(x))
            x[i] = old - eps
            f_minus = float(f(x))
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def numerical_gradients(net, X, Y, eps=1e-6):
    """Every parameter's gradient of ``net``'s loss on a batch, by central differences.

    The differences are taken on a float64 copy of ``net``, which is left unchanged.

    Parameters
    ----------
    net : Network
    X : array_like, shape (batch, n_in) or (n_in,)
    Y : array_like, shape (batch, n_out) or (n_out,)
    eps : float, default 1e-6

    Returns
    -------
    dW, db : list of numpy.ndarray
        Shaped like ``net.weights`` and ``net.biases``, as :meth:`~bp.network.Network.gradients` returns.

    Examples
    --------
    >>> net = Network([2, 2, 2], seed=0)
    >>> dW, db = numerical_gradients(net, [0.05, 0.10], [0.01, 0.99])
    >>> [d.shape for d in dW]
    [(2, 2), (2, 2)]
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network; got {type(net).__name__}")
    X, Y = net._check_xy(X, Y)
    twin = Network.from_params(
        [W.astype(np.float64) for W in net.weights],
        [b.astype(np.float64) for b in net.biases],
        activation=net.activation,
        loss=net.loss,
    )
    X, Y = X.astype(np.float64), Y.astype(np.float64)

    def cost(_):
        return twin.loss.f(twin._forward_pass(X)[1][-1], Y)

    dW = [numerical_gradient(cost, W, eps) for W in twin.weights]
    db = [numerical_gradient(cost, b, eps) for b in twin.biases]
    return dW, db


def relative_error(a, b, floor=0.0):
    """The relative error :math:`|a - b| / \\max(|a|, |b|, \\text{floor})`, element-wise.

    With the default ``floor=0`` this is the measure of the CS231n notes, and it is 0 where
    ``a`` and ``b`` are both 0. A positive ``floor`` measures entries smaller than it in absolute
    terms: useful because central differences carry a rounding error of roughly
    :math:`10^{-16} C / \\varepsilon` whatever the gradient's size, so the relative error of a
    gradient entry of :math:`10^{-8}` says more about float64 than about the gradient.

    Parameters
    ----------
    a, b : array_like
        Same shape (or broadcastable).
    floor : float, default 0.0
        Smallest denominator, >= 0.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> relative_error(np.array([1.0, 0.0, 2.0]), np.array([1.1, 0.0, -2.0]))
    array([0.09090909, 0.        , 2.        ])
    >>> relative_error(1e-9, 2e-9), relative_error(1e-9, 2e-9, floor=1e-3)
    (array(0.5), array(1.e-06))
    """
    if isinstance(floor, bool) or not isinstance(floor, numbers.Real):
        raise TypeError(f"floor must be a real number; got {type(floor).__name__}")
    if not floor >= 0:
        raise ValueError(f"floor must be a number >= 0; got {floor!r}")
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    out = np.zeros(np.broadcast(a, b).shape)
    return np.divide(np.abs(a - b), scale, out=out, where=scale > 0)


def gradcheck(net, X, Y, eps=1e-6, floor=0.0):
    """The largest relative error between backpropagation and central differences.

    Compares :meth:`~bp.network.Network.gradients` with :func:`numerical_gradients` over every weight and
    bias, by :func:`relative_error`. In float64 a correct gradient gives about 1e-7 or less on
    entries of ordinary size (the CS231n rule of thumb); 1e-2 or more means a bug. Entries
    far smaller than the loss itself are at the mercy of rounding: pass a ``floor`` to measure
    them in absolute terms.

    Parameters
    ----------
    net : Network
    X : array_like, shape (batch, n_in) or (n_in,)
    Y : array_like, shape (batch, n_out) or (n_out,)
    eps : float, default 1e-6
        The finite-difference step.
    floor : float, default 0.0
        Passed to :func:`relative_error`.

    Returns
    -------
    float

    Examples
    --------
    >>> net = Network([2, 2, 2], seed=0)
    >>> gradcheck(net, [0.05, 0.10], [0.01, 0.99]) < 1e-7
    True
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network; got {type(net).__name__}")
    dW, db = net.gradients(X, Y)
    nW, nb = numerical_gradients(net, X, Y, eps)
    errors = [relative_error(a, n, floor).max() for a, n in zip(dW + db, nW + nb, strict=True)]
    return float(max(errors))
