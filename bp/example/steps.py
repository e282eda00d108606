"""The worked example in explicit scalar steps: :func:`worked_example` and its knobs.

One forward pass, one backward pass and one update, every quantity under the name the book gives
it (``net_h1``, ``dE_dw5``, ``w1_new``, ...), each loop running over :data:`WIRING`.
"""

from __future__ import annotations

import math

from bp import _checks
from bp.activations import sigmoid
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

#: The knobs of one step of :func:`worked_example`, each at the right math. :mod:`bp.slips`
#: turns them, one slip at a time, to reproduce the numbers of a learner's known mistake.
#:
#: - ``half``: ``True`` for :math:`E = \tfrac12 (t - out)^2` and :math:`\partial E/\partial out
#:   = out - t`; ``False`` for :math:`(t - out)^2` and :math:`2(out - t)`.
#: - ``sign``: ``1``, or ``-1`` for :math:`\partial E/\partial out` taken as :math:`t - out`.
#: - ``slope_of``: neuron -> the neuron whose :math:`out (1 - out)` is used as its slope.
#: - ``forward_weight``: weight -> the weight whose value is read in its place in the forward pass.
#: - ``weight_as_input``: weights whose :math:`\partial net/\partial w` is taken as the weight.
#: - ``paths``: the outputs whose paths are added in a hidden neuron's blame.
#: - ``digits``: ``None``, or the decimals every computed value is rounded to before its use.
#: - ``update``, ``bias``: ``None`` (as the parameters of :func:`worked_example`), or the
#:   update order and the bias mode the step follows while the keys of the result stay those of
#:   the parameters.
STEP_KNOBS = {
    "half": True,
    "sign": 1,
    "slope_of": {},
    "forward_weight": {},
    "weight_as_input": (),
    "paths": LAYERS[-1],
    "digits": None,
    "update": None,
    "bias": None,
}


def _sigma(x):
    return float(sigmoid(x))


class _Values(dict):
    """The named quantities of a step; with ``digits``, each rounded as it is written down."""

    def __init__(self, values=(), digits=None):
        self.digits = digits
        super().__init__()
        self.update(values)

    def __setitem__(self, key, x):
        super().__setitem__(key, x if self.digits is None else round(x, self.digits))

    def update(self, values=(), **more):
        for k, x in dict(values, **more).items():
            self[k] = x


def _forward(p, x, t, knobs):
    """The forward pass on parameters ``p``: every net, out and error, by name.

    ``x`` maps each input to its value, ``t`` each output to its target.
    """
    v = _Values(digits=knobs["digits"])
    out = dict(x)  # the out of every neuron; an input's out is its value
    read = knobs["forward_weight"]  # the right pass reads every weight as itself
    for n in LAYERS[1] + LAYERS[2]:
        # net = sum of weight * out over the weights into n, plus n's bias
        v[f"net_{n}"] = total([p[read.get(w, w)] * out[src] for w, src in into(n)] + [p[f"b_{n}"]])
        v[f"out_{n}"] = out[n] = _sigma(v[f"net_{n}"])
    for o in LAYERS[-1]:
        # (t - out) * (t - out), not ** 2: a Python float power raises OverflowError for huge
        # targets, a product gives inf (which worked_example then reports).
        half = 0.5 if knobs["half"] else 1
        v[f"E_{o}"] = half * (t[o] - out[o]) * (t[o] - out[o])
    v["E_total"] = total([v[f"E_{o}"] for o in LAYERS[-1]])
    return v


def _gradients_of_weights_into(layer, v, p, x, knobs):
    """dE/dw = delta of the neuron w feeds * dnet/dw, the out of the neuron w comes from."""
    for n in layer:
        for w, src in into(n):
            local = p[w] if w in knobs["weight_as_input"] else x.get(src, v.get(f"out_{src}"))
            v[f"dnet_{n}_d{w}"] = local
            v[f"dE_d{w}"] = v[f"delta_{n}"] * v[f"dnet_{n}_d{w}"]


def _step(p, x, t, lr, bias, update, knobs):
    """One forward pass, one backward pass and one update: every quantity, by name."""
    v = _forward(p, x, t, knobs)
    hidden, outputs = LAYERS[1], LAYERS[2]
    slope_of = knobs["slope_of"]

    # Output layer: dE/dw5 = dE/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5
    for o in outputs:
        # d/dout of 1/2 (t - out)^2 = -(t - out) = out - t
        v[f"dE_dout_{o}"] = knobs["sign"] * (1 if knobs["half"] else 2) * (v[f"out_{o}"] - t[o])
        slope = v[f"out_{slope_of.get(o, o)}"]
        v[f"dout_{o}_dnet_{o}"] = slope * (1 - slope)  # sigma' = out (1 - out)
        v[f"delta_{o}"] = v[f"dE_dout_{o}"] * v[f"dout_{o}_dnet_{o}"]
    _gradients_of_weights_into(outputs, v, p, x, knobs)
    _bias_gradients(outputs, v)

    new = _Values(p, digits=knobs["digits"])
    for o in outputs:
        for w, _ in into(o):
            new[w] = p[w] - lr * v[f"dE_d{w}"]
    # The hidden layer's deltas need the output weights. Correct: the old ones, at which every
    # gradient is taken. The sequential mistake: the ones just updated.
    W = p if (knobs["update"] or update) == "simultaneous" else new

    # Hidden layer: out_h1 feeds both outputs, so its blame is a sum of two paths.
    for h in hidden:
        for w, o in out_of(h):
            v[f"dE{o}_dout_{h}"] = v[f"delta_{o}"] * W[w]
        v[f"dE_dout_{h}"] = total([v[f"dE{o}_dout_{h}"] for o in knobs["paths"]])
        slope = v[f"out_{slope_of.get(h, h)}"]
        v[f"dout_{h}_dnet_{h}"] = slope * (1 - slope)
        v[f"delta_{h}"] = v[f"dE_dout_{h}"] * v[f"dout_{h}_dnet_{h}"]
    _gradients_of_weights_into(hidden, v, p, x, knobs)
    for h in hidden:
        for w, _ in into(h):
            new[w] = p[w] - lr * v[f"dE_d{w}"]
    _bias_gradients(hidden, v)

    mode = knobs["bias"] or bias
    if mode == "shared":
        for b, units in BIAS_WIRING.items():
            for u in units:
                new[f"b_{u}"] = p[f"b_{u}"] - lr * v[f"dE_d{b}"]
    elif mode == "per-neuron":
        for u in hidden + outputs:
            new[f"b_{u}"] = p[f"b_{u}"] - lr * v[f"dE_db_{u}"]
    return v, new


def _bias_gradients(layer, v):
    """dnet/db = 1: a neuron's own bias gets its delta; a layer's shared bias, their sum."""
    for u in layer:
        v[f"dE_db_{u}"] = v[f"delta_{u}"]
    for b, units in BIAS_WIRING.items():
        if units == layer:  # one bias feeds every neuron of the layer: its blame adds
            v[f"dE_d{b}"] = total([v[f"delta_{u}"] for u in units])


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
    slip=None,
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
    slip : dict, optional
        Knobs of :data:`STEP_KNOBS` to turn away from the right math, to reproduce a known
        mistake; :mod:`bp.slips` names them. The keys of the result do not change.

    Returns
    -------
    Trace
        A dict of every named quantity (Python floats).

    Raises
    ------
    ValueError, TypeError
        On a wrong number of values, a non-finite value, ``lr <= 0``, ``steps`` out of range,
        an unknown mode or knob, or when a quantity overflows to infinity (or NaN) from finite
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
    knobs = _knobs(slip)

    x = dict(zip(LAYERS[0], (i1, i2), strict=True))
    t = dict(zip(LAYERS[-1], (t1, t2), strict=True))
    p = dict(zip(WIRING, ws, strict=True))
    for b, value in zip(BIAS_WIRING, (b1, b2), strict=True):
        p.update({f"b_{u}": value for u in BIAS_WIRING[b]})
    history, first = [], None
    for step in range(1, steps + 1):
        v, p = _step(p, x, t, lr, bias, update, knobs)
        _check_finite(v, f"at step {step}")
        _check_finite({f"{k}_new": x for k, x in p.items()}, f"in the update of step {step}")
        history.append(v["E_total"])
        first = first or v
    after = _forward(p, x, t, knobs)
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
        "slip": {k: value for k, value in knobs.items() if value != STEP_KNOBS[k]},
    }
    return Trace(values, settings, history)


def _knobs(slip):
    knobs = dict(STEP_KNOBS)
    if slip is None:
        return knobs
    if not isinstance(slip, dict):
        raise TypeError(f"slip must be a dict of knobs; got {type(slip).__name__}")
    unknown = set(slip) - set(STEP_KNOBS)
    if unknown:
        raise ValueError(
            f"slip must hold knobs of {', '.join(STEP_KNOBS)}; got {', '.join(sorted(unknown))}"
        )
    knobs.update(slip)
    return knobs


def _check_finite(values, when):
    for key, x in values.items():
        if not math.isfinite(x):
            raise ValueError(
                f"the worked example overflowed: {key} is {x!r} {when} (from finite inputs); "
                "try smaller inputs, targets, weights or learning rate"
            )
