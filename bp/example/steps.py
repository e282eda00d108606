"""The worked example in explicit scalar steps: :func:`worked_example` and the rules it follows.

One forward pass, one backward pass and one update, every quantity under the name the book gives
it (``net_h1``, ``dE_dw5``, ``w1_new``, ...), each loop running over :data:`WIRING`. The equations
a learner can get wrong are the small functions of :data:`RULES`, each the right one;
:mod:`bp.slips` makes a known mistake by replacing one of them (``worked_example(rules=...)``).
"""

from __future__ import annotations

import math

import numpy as np

from bp import _checks
from bp.activations import ACTIVATIONS, unchecked
from bp.example.definition import (
    BIAS_MODES,
    BIAS_WIRING,
    BIASES,
    INPUTS,
    LAYERS,
    LEARNING_RATE,
    MAX_STEPS,
    TARGETS,
    UPDATE_ORDERS,
    WEIGHTS,
    WIRING,
    into,
    out_of,
    total,
)
from bp.example.trace import Trace

# ---- The rules: each equation a learner can get wrong, as the book writes it ----------------


def _weight(p, w):
    """The value the forward pass multiplies by for weight ``w``: its own, :math:`w`."""
    return p[w]


def _error(t, out):
    """:math:`E = \\tfrac12 (t - out)^2` and its slope :math:`\\partial E/\\partial out = out - t`."""
    # (t - out) * (t - out), not ** 2: a Python float power raises OverflowError for huge
    # targets, a product gives inf (which worked_example then reports).
    return 0.5 * (t - out) * (t - out), out - t


def _slope(v, n):
    """:math:`\\sigma'(net_n) = out_n (1 - out_n)`, from neuron ``n``'s own out in ``v``."""
    return v[f"out_{n}"] * (1 - v[f"out_{n}"])


def _dnet_dw(p, w, a):
    """:math:`\\partial net/\\partial w`: the out ``a`` of the neuron weight ``w`` comes from."""
    return a


def _path_weight(W, w):
    """The weight a blame travels back along, from an output to a hidden neuron: ``W[w]``."""
    return W[w]


def _blame(paths):
    """:math:`\\partial E/\\partial out_h`: the blames of every path from ``h``, added.

    ``paths`` maps each output to the blame of the path through it.
    """
    return total(list(paths.values()))


def _shared_bias_gradient(deltas):
    """A bias that feeds several neurons (``deltas``: neuron -> delta): the sum of their deltas."""
    return total(list(deltas.values()))


def _written(x):
    """A value as it is written down before its next use: as computed."""
    return x


#: The rules of one step, each the right one, by name: ``weight`` (what the forward pass reads
#: for a weight), ``error`` (:math:`E` and :math:`\\partial E/\\partial out`), ``slope``
#: (:math:`\\sigma'`), ``dnet_dw``, ``path_weight`` (the weight a hidden neuron's blame comes
#: back along), ``blame`` (the sum over paths), ``shared_bias_gradient`` and ``written`` (a value
#: as written down). :mod:`bp.slips` replaces one to make a known slip.
RULES = {
    "weight": _weight,
    "error": _error,
    "slope": _slope,
    "dnet_dw": _dnet_dw,
    "path_weight": _path_weight,
    "blame": _blame,
    "shared_bias_gradient": _shared_bias_gradient,
    "written": _written,
}


#: sigma without the check of its input: worked_example checked every number at its boundary,
#: and runs its steps under one np.errstate (a net so negative that exp overflows gives 0).
_SIGMOID = unchecked(ACTIVATIONS["sigmoid"]).f


def _sigma(x):
    return float(_SIGMOID(x))


class _Values(dict):
    """The named quantities of a step, each as written down (the rule ``written``)."""

    def __init__(self, written, values=()):
        super().__init__()
        self.written = written
        for k, x in dict(values).items():
            self[k] = x

    def __setitem__(self, key, x):
        super().__setitem__(key, self.written(x))


def _values(written, values=()):
    """The quantities of a step as :class:`_Values`; a plain dict when ``written`` is the right
    rule, which keeps every value as computed (the same numbers, without a call per value)."""
    return dict(values) if written is _written else _Values(written, values)


def _forward(p, x, t, r):
    """The forward pass on parameters ``p`` by the rules ``r``: every net, out and error, by name.

    ``x`` maps each input to its value, ``t`` each output to its target.
    """
    v = _values(r["written"])
    out = dict(x)  # the out of every neuron as computed; an input's out is its value
    for n in LAYERS[1] + LAYERS[2]:
        # net = sum of weight * out over the weights into n, plus n's bias
        v[f"net_{n}"] = total([r["weight"](p, w) * out[src] for w, src in into(n)] + [p[f"b_{n}"]])
        v[f"out_{n}"] = out[n] = _sigma(v[f"net_{n}"])
    for o in LAYERS[-1]:
        v[f"E_{o}"], _ = r["error"](t[o], out[o])
    v["E_total"] = total([v[f"E_{o}"] for o in LAYERS[-1]])
    return v


def _backward(layer, blame, v, p, x, r):
    """Each neuron's blame :math:`\\partial E/\\partial out` (``blame(n)``), its slope and its
    delta, then the gradients of the weights into the layer, :math:`\\delta \\cdot \\partial
    net/\\partial w`, and of the biases."""
    for n in layer:
        v[f"dE_dout_{n}"] = blame(n)
        v[f"dout_{n}_dnet_{n}"] = r["slope"](v, n)  # sigma' = out (1 - out)
        v[f"delta_{n}"] = v[f"dE_dout_{n}"] * v[f"dout_{n}_dnet_{n}"]
    for n in layer:
        for w, src in into(n):
            v[f"dnet_{n}_d{w}"] = r["dnet_dw"](p, w, x.get(src, v.get(f"out_{src}")))
            v[f"dE_d{w}"] = v[f"delta_{n}"] * v[f"dnet_{n}_d{w}"]
    # dnet/db = 1: a neuron's own bias gets its delta; a bias shared by the layer, their sum
    for u in layer:
        v[f"dE_db_{u}"] = v[f"delta_{u}"]
    for b, units in BIAS_WIRING.items():
        if units == layer:
            v[f"dE_d{b}"] = r["shared_bias_gradient"]({u: v[f"delta_{u}"] for u in units})


def _step(p, x, t, lr, bias, update, r):
    """One forward pass, one backward pass and one update by the rules ``r``: every quantity."""
    v = _forward(p, x, t, r)
    hidden, outputs = LAYERS[1], LAYERS[2]
    new = _values(r["written"], p)  # the parameters after the step, updated layer by layer
    # A hidden neuron's blame comes back along the output weights. Correct: the old ones, at
    # which every gradient is taken. The sequential mistake: the new ones, updated first.
    W = p if update == "simultaneous" else new

    def output_blame(o):  # dE/dout of the error 1/2 (t - out)^2: out - t
        return r["error"](t[o], v[f"out_{o}"])[1]

    def hidden_blame(h):  # out_h feeds every output: one path through each, and they add
        for w, o in out_of(h):
            v[f"dE{o}_dout_{h}"] = v[f"delta_{o}"] * r["path_weight"](W, w)
        return r["blame"]({o: v[f"dE{o}_dout_{h}"] for _, o in out_of(h)})

    # Output layer: dE/dw5 = dE/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5, then the update
    _backward(outputs, output_blame, v, p, x, r)
    for o in outputs:
        for w, _ in into(o):
            new[w] = p[w] - lr * v[f"dE_d{w}"]
    # Hidden layer: dE/dw1 = (the sum over paths) * dout_h1/dnet_h1 * dnet_h1/dw1
    _backward(hidden, hidden_blame, v, p, x, r)
    for h in hidden:
        for w, _ in into(h):
            new[w] = p[w] - lr * v[f"dE_d{w}"]

    if bias == "shared":
        for b, units in BIAS_WIRING.items():
            for u in units:
                new[f"b_{u}"] = p[f"b_{u}"] - lr * v[f"dE_d{b}"]
    elif bias == "per-neuron":
        for u in hidden + outputs:
            new[f"b_{u}"] = p[f"b_{u}"] - lr * v[f"dE_db_{u}"]
    return v, new


def worked_example(
    inputs=INPUTS,
    targets=TARGETS,
    weights=WEIGHTS,
    biases=BIASES,
    lr=LEARNING_RATE,
    bias="fixed",
    update="simultaneous",
    steps=1,
    *,
    rules=None,
):
    """Run the 2-2-2 worked example in explicit scalar steps and name every quantity.

    Parameters
    ----------
    inputs : pair of float, default (0.05, 0.10)
        :math:`i_1, i_2`.
    targets : pair of float, default (0.01, 0.99)
        The targets of :math:`o_1, o_2`.
    weights : 8 floats, default (0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)
        :math:`w_1, \\dots, w_8`.
    biases : pair of float, default (0.35, 0.60)
        :math:`b_1, b_2`: the starting value of every bias in the hidden and the output layer.
    lr : float, default 0.5
        The learning rate :math:`\\eta`, > 0.
    bias : {"fixed", "shared", "per-neuron"}, default "fixed"
        ``"fixed"``: biases are not trained (their gradients are still reported, as
        ``dE_db1, dE_db2``). ``"shared"``: one bias per layer, trained with the sum of the
        layer's deltas. ``"per-neuron"``: each neuron its own bias (``b_h1, b_h2, b_o1, b_o2``),
        each starting at its layer's value, trained with its own delta.
    update : {"simultaneous", "sequential"}, default "simultaneous"
        ``"simultaneous"`` (correct): every gradient from the old weights. ``"sequential"``
        (a common mistake): the output weights are updated before the hidden deltas are
        computed, and those use the new values.
    steps : int, default 1
        Gradient-descent steps, 1 to :data:`MAX_STEPS`; the first step's quantities are
        reported, and the parameters and error after the last.
    rules : dict, optional
        Rules of :data:`RULES` to replace, name -> function of the same arguments, to reproduce
        a known mistake; :mod:`bp.slips` makes them. The keys of the result do not change.

    Returns
    -------
    Trace
        A dict of every named quantity (Python floats).

    Raises
    ------
    ValueError, TypeError
        On a wrong number of values, a non-finite value, ``lr <= 0``, ``steps`` out of range,
        an unknown mode or rule, or when a quantity overflows to infinity (or NaN) from finite
        inputs; the message names the parameter or the quantity.

    Examples
    --------
    >>> t = worked_example()
    >>> t["net_h1"], round(t["out_h1"], 9)
    (0.3775, 0.593269992)
    >>> round(t["dE_dw1"], 9), round(t["w1_new"], 9)
    (0.000438568, 0.149780716)
    >>> worked_example(targets=(1e200, 0.99))
    Traceback (most recent call last):
    ...
    ValueError: the worked example overflowed: E_o1 is inf at step 1 (from finite inputs); ...
    """
    i1, i2 = _checks.reals(inputs, "inputs", 2)
    t1, t2 = _checks.reals(targets, "targets", 2)
    ws = _checks.reals(weights, "weights", 8)
    b1, b2 = _checks.reals(biases, "biases", 2)
    lr = _checks.positive_number(lr, "lr")
    steps = _checks.positive_int(steps, "steps")
    if steps > MAX_STEPS:
        raise ValueError(f"steps must be <= {MAX_STEPS}; got {steps!r}")
    _checks.one_of(bias, "bias", BIAS_MODES)
    _checks.one_of(update, "update", UPDATE_ORDERS)
    r = _rules(rules)

    x = dict(zip(LAYERS[0], (i1, i2), strict=True))
    t = dict(zip(LAYERS[-1], (t1, t2), strict=True))
    p = dict(zip(WIRING, ws, strict=True))
    for b, value in zip(BIAS_WIRING, (b1, b2), strict=True):
        p.update({f"b_{u}": value for u in BIAS_WIRING[b]})
    history, first = [], None
    with np.errstate(over="ignore"):  # sigma of a very negative net: exp overflows, sigma is 0
        for step in range(1, steps + 1):
            v, p = _step(p, x, t, lr, bias, update, r)
            _check_finite(v, f"at step {step}")
            _check_finite({f"{k}_new": x for k, x in p.items()}, f"in the update of step {step}")
            history.append(v["E_total"])
            first = first or v
        after = _forward(p, x, t, r)
    _check_finite(after, f"after step {steps}")
    history.append(after["E_total"])

    values = dict(first)
    values.update({f"{k}_new": value for k, value in p.items()})
    for b, units in BIAS_WIRING.items():
        values[f"{b}_new"] = p[f"b_{units[0]}"]
    values["E_after"] = after["E_total"]
    values.update({f"out_{o}_after": after[f"out_{o}"] for o in LAYERS[-1]})
    settings = {
        "inputs": (i1, i2),
        "targets": (t1, t2),
        "weights": ws,
        "biases": (b1, b2),
        "lr": lr,
        "bias": bias,
        "update": update,
        "steps": steps,
        "rules": sorted(k for k in RULES if r[k] is not RULES[k]),
    }
    return Trace(values, settings, history)


def _rules(rules):
    if rules is None:
        return RULES
    if not isinstance(rules, dict):
        raise TypeError(f"rules must be a dict of name to function; got {type(rules).__name__}")
    unknown = sorted(set(rules) - set(RULES))
    if unknown:
        raise ValueError(f"rules must be rules of {', '.join(RULES)}; got {', '.join(unknown)}")
    for name, rule in rules.items():
        if not callable(rule):
            raise TypeError(f"rules[{name!r}] must be a function; got {type(rule).__name__}")
    return {**RULES, **rules}


def _check_finite(values, when):
    for key, x in values.items():
        if not math.isfinite(x):
            raise ValueError(
                f"the worked example overflowed: {key} is {x!r} {when} (from finite inputs); "
                "try smaller inputs, targets, weights or learning rate"
            )
