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

import math

import numpy as np

from bp import _checks
from bp.network import Network

__all__ = ["gradcheck", "numerical_gradient", "numerical_gradients", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    """The gradient of a scalar function by central differences, in float64.

    Each entry of ``x`` in turn is moved to ``x + eps`` and ``x - eps`` *in place* (so that ``f``
    may read ``x`` from a closure, as a network reads its own weights), ``f(x)`` is evaluated at
    both, and the entry is restored exactly.

    The differences are taken in float64, and only there: ``x`` must be a float64 array and
    ``f`` must return a real number in float64 or wider (a Python float or int, a float64, a
    :class:`fractions.Fraction`). In a narrower dtype the step is lost to rounding (in float16,
    :math:`1 + 10^{-6}` *is* 1, so the slope of :math:`x^2` at 1 comes out 0; in float32 it
    comes out 1.967), so other dtypes are refused rather than answered wrongly: cast first,
    ``x.astype(np.float64)``. For the same reason an ``eps`` so small that ``x + eps`` or
    ``x - eps`` rounds back to ``x`` is refused, as is one so large that they overflow.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number (a Python float or int, or a float64).
    x : numpy.ndarray of float64
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
        If ``f`` is not callable, ``x`` is not a float64 numpy array, or ``f`` returns anything
        but a real number in float64 or a Python number.
    ValueError
        If ``f`` returns NaN or infinity at one of the points, ``x`` is not finite, or ``eps``
        is lost to rounding at an entry of ``x`` or overflows it.

    Examples
    --------
    The slope of :math:`x^2` at :math:`x = 2` is 4:

    >>> numerical_gradient(lambda x: float(x[0] ** 2), np.array([2.0]))
    array([4.])
    >>> numerical_gradient(lambda x: float(x[0] ** 2), np.array([1.0]), eps=1e-20)
    Traceback (most recent call last):
    ...
    ValueError: eps must be large enough to move every entry of x; got 1e-20, for which x + eps == x at x[0] = 1.0
    """
    _checks.function(f, "f")
    _checks.float64_array(x, "x")
    eps = _checks.positive_number(eps, "eps")
    if not np.isfinite(float(np.abs(x).max(initial=0.0)) + eps):
        raise _checks.fail(ValueError, "eps", "keep x + eps and x - eps finite", repr(eps))
    lost = (x + eps == x) | (x - eps == x)
    if lost.any():
        i = tuple(int(k) for k in np.argwhere(lost)[0])
        raise _checks.fail(
            ValueError,
            "eps",
            "be large enough to move every entry of x",
            f"{eps!r}, for which x + eps == x at x[{', '.join(map(str, i))}] = {float(x[i])!r}",
        )
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = _value(f(x), i, "+")
            x[i] = old - eps
            f_minus = _value(f(x), i, "-")
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    if not _checks.all_finite(grad):
        raise ValueError(f"the differences overflowed float64: eps={eps!r} is too small for f")
    return grad


def _value(value, i, sign):
    """``f``'s value as a float: a real number in float64 (or a Python number), finite."""
    where = f"x[{', '.join(map(str, i))}] {sign} eps"
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]  # a numpy scalar of the array's dtype
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        raise _checks.fail(
            TypeError, "f", "return a float64 or a Python float", f"{value.dtype} at {where}"
        )
    if not _checks.is_real(value):
        raise _checks.fail(
            TypeError, "f", "return a real number", f"{type(value).__name__} at {where}"
        )
    try:
        number = float(value)  # a Fraction, an int: one float from here on
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise _checks.fail(ValueError, "f", "return a finite number", f"{value!r} at {where}")
    return number


def numerical_gradients(net, X, Y, eps=1e-6):
    """Every parameter's gradient of ``net``'s loss on a batch, by central differences.

    The differences are taken on a float64 copy of ``net``, which is left unchanged, by
    :func:`numerical_gradient` of its :meth:`~bp.network.Network.cost`; ``X`` and ``Y`` are taken
    in ``net``'s dtype first, as ``net`` itself takes them.

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
    _check_net(net)
    X, Y = _checks.batches(net, X, Y)
    eps = _checks.positive_number(eps, "eps")
    twin = Network.from_params(
        [W.astype(np.float64) for W in net.weights],
        [b.astype(np.float64) for b in net.biases],
        activation=net.activation,
        loss=net.loss,
    )
    X, Y = _checks.batches(twin, X, Y)

    def cost(_):
        return twin.cost(X, Y)

    dW = [numerical_gradient(cost, W, eps) for W in twin.weights]
    db = [numerical_gradient(cost, b, eps) for b in twin.biases]
    return dW, db


def _check_net(net):
    if not isinstance(net, Network):
        raise _checks.fail(TypeError, "net", "be a Network", type(net).__name__)
    err = _checks.nonfinite_parameter(net.weights, net.biases)
    if err is not None:
        raise err


def relative_error(a, b, floor=0.0):
    """The relative error :math:`|a - b| / \\max(|a|, |b|, \\text{floor})`, element-wise.

    With the default ``floor=0`` this is the measure of the CS231n notes, and it is 0 where
    ``a`` and ``b`` are both 0. A positive ``floor`` measures entries smaller than it in absolute
    terms: useful because central differences carry a rounding error of roughly
    :math:`10^{-16} C / \\varepsilon` whatever the gradient's size, so the relative error of a
    gradient entry of :math:`10^{-8}` says more about float64 than about the gradient.

    Where ``a`` or ``b`` is NaN or infinite the relative error is infinite: a value that is not
    a number agrees with nothing, so no check that compares the result with a tolerance passes.

    Parameters
    ----------
    a, b : array_like
        Same shape (or broadcastable).
    floor : float, default 0.0
        Smallest denominator, finite and >= 0.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> relative_error(np.array([1.0, 0.0, 2.0]), np.array([1.1, 0.0, -2.0]))
    array([0.09090909, 0.        , 2.        ])
    >>> relative_error(1e-9, 2e-9), relative_error(1e-9, 2e-9, floor=1e-3)
    (array(0.5), array(1.e-06))
    >>> relative_error(np.nan, np.nan)
    array(inf)
    >>> relative_error(1e308, -1e308)  # a - b overflows; the ratio does not
    array(2.)
    """
    floor = _checks.nonnegative_number(floor, "floor")
    a = _checks.real_array(a, "a")
    b = _checks.real_array(b, "b")
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise _checks.fail(
            ValueError, "b", f"broadcast with a of shape {a.shape}", b.shape
        ) from None
    with np.errstate(all="ignore"):
        scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
        out = np.zeros(shape)
        np.divide(np.abs(a - b), scale, out=out, where=scale > 0)
        finite = np.isfinite(a) & np.isfinite(b)
        # a - b of two finite numbers can overflow (1e308 - -1e308): scaled first, it cannot
        far = finite & ~np.isfinite(out)
        if far.any():
            a, b, scale = (np.broadcast_to(v, shape)[far] for v in (a, b, scale))
            out[far] = np.abs(a / scale - b / scale)
    out[~finite] = np.inf
    return out


def gradcheck(net, X, Y, eps=1e-6, floor=0.0):
    """The largest relative error between backpropagation and central differences.

    Compares :meth:`~bp.network.Network.gradients` with :func:`numerical_gradients` over every weight and
    bias, by :func:`relative_error`. In float64 a correct gradient gives about 1e-7 or less on
    entries of ordinary size (the CS231n rule of thumb); 1e-2 or more means a bug. Entries
    far smaller than the loss itself are at the mercy of rounding: pass a ``floor`` to measure
    them in absolute terms.

    The check cannot pass on numbers that are not numbers: where either side is NaN or
    infinite the error is infinite (and the network's own methods refuse such results).

    Parameters
    ----------
    net : Network
    X : array_like, shape (batch, n_in) or (n_in,)
    Y : array_like, shape (batch, n_out) or (n_out,)
    eps : float, default 1e-6
        The finite-difference step.
    floor : float, default 0.0
        Passed to :func:`relative_error`; finite and >= 0.

    Returns
    -------
    float

    Examples
    --------
    >>> net = Network([2, 2, 2], seed=0)
    >>> gradcheck(net, [0.05, 0.10], [0.01, 0.99]) < 1e-7
    True
    """
    _check_net(net)
    X, Y = _checks.batches(net, X, Y)  # converted once: the calls below check them at no cost
    eps = _checks.positive_number(eps, "eps")
    floor = _checks.nonnegative_number(floor, "floor")
    dW, db = net.gradients(X, Y)
    nW, nb = numerical_gradients(net, X, Y, eps)
    errors = [relative_error(a, n, floor).max() for a, n in zip(dW + db, nW + nb, strict=True)]
    return float(max(errors))
