"""The error landscape of the worked example: :math:`E` as one or two weights vary.

The chapters read numbers off these slices of the error surface (the minimum along
:math:`w_5`, the error after a step on :math:`w_5` alone, where gradient descent on one weight
goes), and bp's figures draw them; both call the functions here, so a figure and the sentence
beside it come from the same computation. Each point is a full run of
:func:`bp.example.worked_example` with one or two weights replaced and the rest fixed.

>>> E = error_along("w5", [0.40, 0.0])
>>> bool(E[1] < E[0])  # w5 = 0 is downhill of today's 0.40
True
"""

from __future__ import annotations

import numpy as np

from bp import _checks, example

__all__ = ["error_along", "error_grid", "gradient_descent_1d", "minimum_along"]

_ERRORS = ("E_total", "E_o1", "E_o2")


def error_along(
    weight,
    values,
    weights=example.WEIGHTS,
    *,
    inputs=example.INPUTS,
    targets=example.TARGETS,
    biases=example.BIASES,
    error="E_total",
):
    """The error of the worked example as one weight varies and every other parameter stays.

    For each value :math:`v`, the forward pass with :math:`w = v` and the other weights as
    given: a slice of the error surface through the point ``weights``.

    Parameters
    ----------
    weight : {"w1", ..., "w8"}
        The weight that varies.
    values : array_like, shape (n,)
        Values given to that weight in turn.
    weights : 8 floats, default :data:`bp.example.WEIGHTS`
        The other weights (the entry of ``weight`` itself is replaced).
    inputs, targets, biases : pairs of float, default the example's
        As in :func:`bp.example.worked_example`.
    error : {"E_total", "E_o1", "E_o2"}, default "E_total"
        Which error: the total, or one output's share of it.

    Returns
    -------
    numpy.ndarray, shape (n,)

    Raises
    ------
    TypeError, ValueError
        For an unknown ``weight`` or ``error``, a value that is not finite, or ``weights``
        that are not 8 finite numbers.

    Examples
    --------
    >>> float(error_along("w5", [0.40])[0]) == example.worked_example()["E_total"]
    True
    >>> E_o1, E_o2 = (error_along("w5", [0.0, 1.0], error=e) for e in ("E_o1", "E_o2"))
    >>> bool(E_o2[0] == E_o2[1])  # w5 feeds o1 only
    True
    """
    index = example.weight_index(weight)
    _checks.one_of(error, "error", _ERRORS)
    out = []
    weights = _checks.reals(weights, "weights", 8)
    for v in _checks.array(values, "values", ndims=(1,)).tolist():
        ws = list(weights)
        ws[index] = float(v)
        out.append(example.worked_example(inputs, targets, ws, biases)[error])
    return np.array(out)


def minimum_along(weight, span=(-14.0, 4.0), n=601):
    """The lowest :math:`E_{total}` as one weight varies on a grid, every other weight fixed.

    Parameters
    ----------
    weight : {"w1", ..., "w8"}
        The weight that varies; the others keep their values in :data:`bp.example.WEIGHTS`.
    span : pair of float, default (-14.0, 4.0)
        Range of the weight: the grid is ``numpy.linspace(*span, n)``.
    n : int, default 601
        Points on the grid, >= 1.

    Returns
    -------
    w, E : float
        The grid's value of the weight with the lowest error, and that error.

    Examples
    --------
    >>> w, E = minimum_along("w5")
    >>> round(w, 2), bool(E < error_along("w5", [0.40])[0])
    (-9.2, True)
    """
    lo, hi = _checks.reals(span, "span", 2)
    grid = np.linspace(lo, hi, _checks.positive_int(n, "n"))
    E = error_along(weight, grid)
    best = int(np.argmin(E))
    return float(grid[best]), float(E[best])


def error_grid(w5=(-4.0, 4.0), w6=(-4.0, 4.0), n=81):
    """:math:`E_{total}` of the worked example on a grid of :math:`(w_5, w_6)`, the rest fixed.

    With the hidden layer fixed, :math:`E_{o2}` does not involve :math:`w_5, w_6`, and
    :math:`E_{o1}` depends on them only through :math:`w_5\\,out_{h1} + w_6\\,out_{h2}`: the
    contour lines of this grid are straight and parallel.

    Parameters
    ----------
    w5, w6 : pair of float, default (-4.0, 4.0)
        Ranges of the two weights.
    n : int, default 81
        Points along each axis, >= 1.

    Returns
    -------
    W5, W6, E : numpy.ndarray, shape (n, n)
        As :func:`numpy.meshgrid` returns them (``W5`` varies along columns), and the error.

    Examples
    --------
    >>> W5, W6, E = error_grid(n=5)
    >>> E.shape, bool(E.min() > 0)
    ((5, 5), True)
    >>> bool(E[2, 2] == error_along("w5", [0.0], weights=(0.15, 0.2, 0.25, 0.3, 0, 0, 0.5, 0.55)))
    True
    """
    n = _checks.positive_int(n, "n")
    lo5, hi5 = _checks.reals(w5, "w5", 2)
    lo6, hi6 = _checks.reals(w6, "w6", 2)
    W5, W6 = np.meshgrid(np.linspace(lo5, hi5, n), np.linspace(lo6, hi6, n))
    E = np.empty_like(W5)
    for idx in np.ndindex(W5.shape):
        ws = list(example.WEIGHTS)
        ws[4], ws[5] = float(W5[idx]), float(W6[idx])
        E[idx] = example.worked_example(weights=ws)["E_total"]
    return W5, W6, E


def gradient_descent_1d(weight, lr, steps, start, weights=example.WEIGHTS):
    """Gradient descent on one weight of the worked example, every other parameter fixed.

    Each step is :math:`w \\leftarrow w - \\eta\\, \\partial E_{total}/\\partial w`, with the
    gradient of :func:`bp.example.worked_example` at the current value.

    Parameters
    ----------
    weight : {"w1", ..., "w8"}
    lr : float
        The learning rate :math:`\\eta`, > 0.
    steps : int
        Number of steps, >= 1.
    start : float
        The weight's first value.
    weights : 8 floats, default :data:`bp.example.WEIGHTS`
        The other weights.

    Returns
    -------
    numpy.ndarray, shape (steps + 1,)
        The weight's values: ``start``, then after each step.

    Raises
    ------
    TypeError, ValueError
        On a bad argument, the message naming it: ``weights`` must be 8 finite numbers.

    Examples
    --------
    >>> path = gradient_descent_1d("w5", lr=0.5, steps=1, start=0.4)
    >>> [round(float(w), 8) for w in path]  # the example's first step on w5
    [0.4, 0.35891648]
    >>> gradient_descent_1d("w5", lr=0.5, steps=1, start=0.4, weights=(1, 2))
    Traceback (most recent call last):
    ...
    ValueError: weights must hold 8 numbers; got 2: (1, 2)
    """
    index = example.weight_index(weight)
    lr = _checks.positive_number(lr, "lr")
    steps = _checks.positive_int(steps, "steps")
    start = _checks.real(start, "start")
    ws = list(_checks.reals(weights, "weights", 8))
    ws[index] = start
    path = [start]
    for _ in range(steps):
        t = example.worked_example(weights=ws)
        ws[index] = ws[index] - lr * t[f"dE_d{weight}"]
        path.append(ws[index])
    return np.array(path)
