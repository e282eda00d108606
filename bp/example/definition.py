"""What the worked example is: its values, its wiring, and the names of its weights.

Everything else in :mod:`bp.example` is derived from the values (:data:`INPUTS` ...
:data:`LEARNING_RATE`) and the wiring (:data:`LAYERS`, :data:`WIRING`, :data:`BIAS_WIRING`, and
:data:`PATHS`, derived from them); this module imports nothing of bp.
"""

from __future__ import annotations

import functools
import operator

#: The inputs :math:`(i_1, i_2)` of the classic example.
INPUTS = (0.05, 0.10)
#: The targets of :math:`o_1, o_2`.
TARGETS = (0.01, 0.99)
#: :math:`w_1, \\dots, w_8`.
WEIGHTS = (0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)
#: :math:`b_1` (hidden layer) and :math:`b_2` (output layer).
BIASES = (0.35, 0.60)
#: The learning rate :math:`\eta`.
LEARNING_RATE = 0.5
#: How biases are handled: not trained, one per layer, or one per neuron.
BIAS_MODES = ("fixed", "shared", "per-neuron")
#: When the output weights change: after every gradient is computed (correct), or before the
#: hidden layer's deltas are computed (a common mistake).
UPDATE_ORDERS = ("simultaneous", "sequential")
#: The largest number of steps :func:`worked_example` (and ``python -m bp trace``) runs.
MAX_STEPS = 10_000

#: The neurons, layer by layer: inputs, hidden layer, output layer.
LAYERS = (("i1", "i2"), ("h1", "h2"), ("o1", "o2"))
#: The wiring: each weight, in the order w1 ... w8, and the neurons it joins, ``(from, to)``.
#: :math:`w_k` multiplies the out of its ``from`` neuron (an input's value) into the net of its
#: ``to`` neuron.
WIRING = {
    "w1": ("i1", "h1"),
    "w2": ("i2", "h1"),
    "w3": ("i1", "h2"),
    "w4": ("i2", "h2"),
    "w5": ("h1", "o1"),
    "w6": ("h2", "o1"),
    "w7": ("h1", "o2"),
    "w8": ("h2", "o2"),
}
#: Each layer's bias and the neurons whose net it enters: :math:`b_1` both hidden neurons,
#: :math:`b_2` both outputs.
BIAS_WIRING = {"b1": ("h1", "h2"), "b2": ("o1", "o2")}


def into(neuron):
    """The weights into ``neuron`` and the neuron each comes from, in the order w1 ... w8.

    The terms of :math:`net` of ``neuron``: each weight times the out of the neuron it comes
    from, read off :data:`WIRING`.

    Parameters
    ----------
    neuron : str
        A name of :data:`LAYERS`, such as ``"h1"``.

    Returns
    -------
    list of (str, str)
        ``(weight, from)`` pairs; empty for an input.

    Examples
    --------
    >>> into("h1"), into("o2")
    ([('w1', 'i1'), ('w2', 'i2')], [('w7', 'h1'), ('w8', 'h2')])
    """
    return list(_INTO.get(neuron, ()))


def out_of(neuron):
    """The weights out of ``neuron`` and the neuron each goes to, in the order w1 ... w8.

    The paths the blame of ``neuron`` comes back along, read off :data:`WIRING`:
    ``(weight, to)`` pairs, empty for an output (``neuron`` as in :func:`into`).

    Examples
    --------
    >>> out_of("h1")
    [('w5', 'o1'), ('w7', 'o2')]
    """
    return list(_OUT_OF.get(neuron, ()))


# What into and out_of return, read off WIRING once for every neuron (the worked example asks for
# them at every step of its thousands).
_INTO = {n: tuple((w, s) for w, (s, d) in WIRING.items() if d == n) for ns in LAYERS for n in ns}
_OUT_OF = {n: tuple((w, d) for w, (s, d) in WIRING.items() if s == n) for ns in LAYERS for n in ns}


#: The bias whose value enters each neuron's net, from :data:`BIAS_WIRING`: ``{"h1": "b1", ...}``.
BIAS_OF = {u: b for b, units in BIAS_WIRING.items() for u in units}


def total(terms):
    """``terms[0] + terms[1] + ...`` from left to right, as the formula is written.

    Not ``sum``: it starts from 0 (which turns -0.0 into 0.0) and, since Python 3.12,
    compensates rounding errors, which would change the last digit of some numbers. The
    worked example adds every sum with it, and so does the explorer's JavaScript.

    Parameters
    ----------
    terms : sequence of float
        At least one.

    Returns
    -------
    float

    Examples
    --------
    >>> total([-0.0]), sum([-0.0])
    (-0.0, 0.0)
    >>> total([0.1, 0.2, 0.3])
    0.6000000000000001
    """
    return functools.reduce(operator.add, terms)


def _paths_from(neuron):
    if neuron in LAYERS[-1]:
        return [(neuron,)]
    return [(neuron, w, *rest) for w, dst in out_of(neuron) for rest in _paths_from(dst)]


#: Every path from each weight to the error, derived from :data:`WIRING`: weight name ->
#: tuple of paths, each path the names it passes, alternating neuron and weight, from the
#: weight's ``from`` neuron to an output. :math:`w_5 \dots w_8` have one path each, :math:`w_1
#: \dots w_4` two (their hidden neuron feeds both outputs), which is why their gradients are sums.
PATHS = {w: tuple((src, w, *rest) for rest in _paths_from(dst)) for w, (src, dst) in WIRING.items()}


def check_weight(name, param="weight"):
    """``name`` if it names a weight of the worked example, else a ValueError naming ``param``.

    The one check of a weight's name in bp: figures and the command line use it too.

    Parameters
    ----------
    name : str
        ``"w1"`` ... ``"w8"``.
    param : str, default "weight"
        The name of the caller's parameter, for the message.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        When ``name`` is not one of :data:`WIRING`'s keys.

    Examples
    --------
    >>> check_weight("w5"), WIRING["w5"], PATHS["w5"]
    ('w5', ('h1', 'o1'), (('h1', 'w5', 'o1'),))
    >>> PATHS["w1"]
    (('i1', 'w1', 'h1', 'w5', 'o1'), ('i1', 'w1', 'h1', 'w7', 'o2'))
    >>> check_weight("w9")
    Traceback (most recent call last):
    ...
    ValueError: weight must be one of w1, w2, w3, w4, w5, w6, w7, w8; got 'w9'
    """
    if not isinstance(name, str) or name not in WIRING:
        raise ValueError(f"{param} must be one of {', '.join(WIRING)}; got {name!r}")
    return name


def weight_index(name, param="weight"):
    """The position of the weight ``name`` in :data:`WEIGHTS` (the order of :data:`WIRING`).

    Parameters
    ----------
    name : str
        ``"w1"`` ... ``"w8"``, checked by :func:`check_weight`.
    param : str, default "weight"
        The name of the caller's parameter, for the message.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        When ``name`` is not one of :data:`WIRING`'s keys.

    Examples
    --------
    >>> weight_index("w5"), WEIGHTS[weight_index("w5")]
    (4, 0.4)
    """
    return list(WIRING).index(check_weight(name, param))
