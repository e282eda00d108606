"""The book's running example: the classic 2-2-2 sigmoid network, one named scalar at a time.

Two inputs :math:`i_1, i_2`, two hidden neurons :math:`h_1, h_2`, two outputs :math:`o_1, o_2`.
Weights :math:`w_1, w_2` feed :math:`h_1`; :math:`w_3, w_4` feed :math:`h_2`; :math:`w_5, w_6` feed
:math:`o_1`; :math:`w_7, w_8` feed :math:`o_2`. :math:`b_1` is the hidden layer's bias,
:math:`b_2` the output layer's:

.. math::

    net_{h1} &= w_1 i_1 + w_2 i_2 + b_1, \\qquad out_{h1} = \\sigma(net_{h1}), \\\\
    net_{o1} &= w_5\\, out_{h1} + w_6\\, out_{h2} + b_2, \\qquad out_{o1} = \\sigma(net_{o1}), \\\\
    E_{total} &= \\tfrac12 (target_{o1} - out_{o1})^2 + \\tfrac12 (target_{o2} - out_{o2})^2 .

The example owns its data: the values (:data:`INPUTS` ... :data:`LEARNING_RATE`) and the wiring
(:data:`LAYERS`, :data:`WIRING`, :data:`BIAS_WIRING`, and :data:`PATHS`, derived from them). Everything
else is derived from these: :func:`worked_example` computes every quantity in explicit scalar
steps, so that each has a name the book can show, from ``net_h1`` to ``dE_dw1`` to ``E_after``;
:func:`worked_example_network` builds the same network as a :class:`~bp.network.Network` for the
matrix form, and :func:`worked_example_graph` as a graph of :class:`~bp.graph.Value` nodes.

>>> t = worked_example()
>>> round(t["E_total"], 9), round(t["dE_dw5"], 9), round(t["w5_new"], 8)
(0.298371109, 0.082167041, 0.35891648)
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator

from bp import _checks
from bp.activations import sigmoid
from bp.graph import Value
from bp.network import Network

__all__ = [
    "BIASES",
    "BIAS_MODES",
    "BIAS_WIRING",
    "INPUTS",
    "LAYERS",
    "LEARNING_RATE",
    "MAX_STEPS",
    "PATHS",
    "STEP_KNOBS",
    "TARGETS",
    "UPDATE_ORDERS",
    "WEIGHTS",
    "WIRING",
    "Trace",
    "check_weight",
    "json_keys",
    "weight_index",
    "worked_example",
    "worked_example_graph",
    "worked_example_network",
]

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


def _into(neuron):
    """The weights into ``neuron`` and the neuron each comes from, in the order w1 ... w8."""
    return [(w, src) for w, (src, dst) in WIRING.items() if dst == neuron]


def _out_of(neuron):
    """The weights out of ``neuron`` and the neuron each goes to, in the order w1 ... w8."""
    return [(w, dst) for w, (src, dst) in WIRING.items() if src == neuron]


def _paths_from(neuron):
    if neuron in LAYERS[-1]:
        return [(neuron,)]
    return [(neuron, w, *rest) for w, dst in _out_of(neuron) for rest in _paths_from(dst)]


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


def _total(terms):
    """``terms[0] + terms[1] + ...`` from left to right, as the formula is written.

    Not :func:`sum`: it starts from 0 (which turns -0.0 into 0.0) and, since Python 3.12,
    compensates rounding errors, which would change the last digit of some numbers.
    """
    return functools.reduce(operator.add, terms)


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


class Trace(dict):
    """Every named quantity of a run of the worked example, as a dict of floats.

    Keys of the first step: ``net_h1``, ``out_h1``, ... ``E_total``; the chain-rule factors
    ``dE_dout_o1``, ``dout_o1_dnet_o1``, ``dnet_o1_dw5``, ...; the deltas ``delta_o1``, ...,
    ``delta_h2``; the hidden layer's sums ``dEo1_dout_h1``, ``dEo2_dout_h1``, ``dE_dout_h1``, ...;
    the gradients ``dE_dw1`` ... ``dE_dw8`` and of the biases; the new parameters ``w1_new`` ...
    After all the steps: ``E_after``, ``out_o1_after``, ``out_o2_after`` and the parameters.

    Attributes
    ----------
    settings : dict
        The arguments of the run.
    history : list of float
        :math:`E_{total}` before each step, then after the last.

    Examples
    --------
    >>> t = worked_example(steps=3)
    >>> len(t.history), t.history[-1] == t["E_after"]
    (4, True)
    """

    def __init__(self, values, settings, history):
        super().__init__(values)
        self.settings = settings
        self.history = history

    def json_dict(self):
        """The flat dict printed by ``python -m bp trace --json``.

        Returns
        -------
        dict
            ``net_h1`` ... ``E_total``, ``dE_dw1`` ... ``dE_dw8``, the bias gradients
            (``dE_db1, dE_db2`` or, per neuron, ``dE_db_h1`` ... ``dE_db_o2``) of the first step;
            ``w1_new`` ... ``w8_new``, the new biases, ``E_after``, ``out_o1_after``,
            ``out_o2_after`` after all the steps.

        Examples
        --------
        >>> list(worked_example(bias="per-neuron").json_dict())[-7:]
        ['b_h1_new', 'b_h2_new', 'b_o1_new', 'b_o2_new', 'E_after', 'out_o1_after', 'out_o2_after']
        """
        keys = json_keys(self.settings["bias"])
        return {k: self[k] for k in keys}

    def to_json(self):
        """:meth:`json_dict` as a JSON string.

        Examples
        --------
        >>> worked_example().to_json()[:20]
        '{"net_h1": 0.3775, "'
        """
        return json.dumps(self.json_dict())

    def table(self):
        """A readable step-by-step table of the run, as printed by ``python -m bp trace``.

        Returns
        -------
        str

        Examples
        --------
        >>> print(worked_example().table().splitlines()[0])
        Worked example: 2-2-2 sigmoid network, lr 0.5, biases fixed, update simultaneous, 1 step(s)
        """
        return _table(self)


def json_keys(bias="fixed"):
    """The keys of ``python -m bp trace --json`` for a bias mode, in the order printed.

    Parameters
    ----------
    bias : {"fixed", "shared", "per-neuron"}, default "fixed"
        Per neuron, the biases are ``b_h1 ... b_o2``; otherwise ``b1, b2``.

    Returns
    -------
    list of str
        ``net_h1`` ... ``E_total``, ``dE_dw1`` ... ``dE_dw8``, the bias gradients of the first
        step; ``w1_new`` ... ``w8_new``, the new biases, ``E_after``, ``out_o1_after``,
        ``out_o2_after`` after all the steps.

    Examples
    --------
    >>> json_keys()[:3], len(json_keys()), len(json_keys("per-neuron"))
    (['net_h1', 'out_h1', 'net_h2'], 34, 38)
    """
    if bias not in BIAS_MODES:
        raise ValueError(f"bias must be one of {', '.join(map(repr, BIAS_MODES))}; got {bias!r}")
    neurons = LAYERS[1] + LAYERS[2]
    biases = [f"b_{u}" for u in neurons] if bias == "per-neuron" else list(BIAS_WIRING)
    keys = [k for n in neurons for k in (f"net_{n}", f"out_{n}")]
    keys += [f"E_{o}" for o in LAYERS[-1]] + ["E_total"]
    keys += [f"dE_d{w}" for w in WIRING] + [f"dE_d{b}" for b in biases]
    keys += [f"{w}_new" for w in WIRING] + [f"{b}_new" for b in biases]
    return keys + ["E_after"] + [f"out_{o}_after" for o in LAYERS[-1]]


def _forward(p, x, t, knobs):
    """The forward pass on parameters ``p``: every net, out and error, by name.

    ``x`` maps each input to its value, ``t`` each output to its target.
    """
    v = _Values(digits=knobs["digits"])
    out = dict(x)  # the out of every neuron; an input's out is its value
    read = knobs["forward_weight"]  # the right pass reads every weight as itself
    for n in LAYERS[1] + LAYERS[2]:
        # net = sum of weight * out over the weights into n, plus n's bias
        v[f"net_{n}"] = _total(
            [p[read.get(w, w)] * out[src] for w, src in _into(n)] + [p[f"b_{n}"]]
        )
        v[f"out_{n}"] = out[n] = _sigma(v[f"net_{n}"])
    for o in LAYERS[-1]:
        # (t - out) * (t - out), not ** 2: a Python float power raises OverflowError for huge
        # targets, a product gives inf (which worked_example then reports).
        half = 0.5 if knobs["half"] else 1
        v[f"E_{o}"] = half * (t[o] - out[o]) * (t[o] - out[o])
    v["E_total"] = _total([v[f"E_{o}"] for o in LAYERS[-1]])
    return v


def _gradients_of_weights_into(layer, v, p, x, knobs):
    """dE/dw = delta of the neuron w feeds * dnet/dw, the out of the neuron w comes from."""
    for n in layer:
        for w, src in _into(n):
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
        for w, _ in _into(o):
            new[w] = p[w] - lr * v[f"dE_d{w}"]
    # The hidden layer's deltas need the output weights. Correct: the old ones, at which every
    # gradient is taken. The sequential mistake: the ones just updated.
    W = p if (knobs["update"] or update) == "simultaneous" else new

    # Hidden layer: out_h1 feeds both outputs, so its blame is a sum of two paths.
    for h in hidden:
        for w, o in _out_of(h):
            v[f"dE{o}_dout_{h}"] = v[f"delta_{o}"] * W[w]
        v[f"dE_dout_{h}"] = _total([v[f"dE{o}_dout_{h}"] for o in knobs["paths"]])
        slope = v[f"out_{slope_of.get(h, h)}"]
        v[f"dout_{h}_dnet_{h}"] = slope * (1 - slope)
        v[f"delta_{h}"] = v[f"dE_dout_{h}"] * v[f"dout_{h}_dnet_{h}"]
    _gradients_of_weights_into(hidden, v, p, x, knobs)
    for h in hidden:
        for w, _ in _into(h):
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
            v[f"dE_d{b}"] = _total([v[f"delta_{u}"] for u in units])


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
    if bias not in BIAS_MODES:
        raise ValueError(f"bias must be one of {', '.join(map(repr, BIAS_MODES))}; got {bias!r}")
    if update not in UPDATE_ORDERS:
        valid = ", ".join(map(repr, UPDATE_ORDERS))
        raise ValueError(f"update must be one of {valid}; got {update!r}")
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


def worked_example_network(weights=WEIGHTS, biases=BIASES):
    """The worked example as a :class:`~bp.network.Network`, for the matrix form.

    :math:`W^{(1)} = \\begin{bmatrix} w_1 & w_2 \\\\ w_3 & w_4 \\end{bmatrix}` (row ``j`` feeds
    hidden neuron ``j``), :math:`W^{(2)} = \\begin{bmatrix} w_5 & w_6 \\\\ w_7 & w_8 \\end{bmatrix}`,
    and every neuron of a layer starts with that layer's bias. The rows and columns follow
    :data:`WIRING`: the weight from neuron ``k`` of one layer to neuron ``j`` of the next sits
    in row ``j``, column ``k``.

    Parameters
    ----------
    weights : 8 floats, default :data:`WEIGHTS`
    biases : pair of float, default :data:`BIASES`

    Returns
    -------
    Network

    Examples
    --------
    >>> worked_example_network().weights[1]
    array([[0.4 , 0.45],
           [0.5 , 0.55]])
    """
    w = dict(zip(WIRING, _checks.reals(weights, "weights", 8), strict=True))
    b = _checks.reals(biases, "biases", 2)
    matrices = [
        [[w[_weight_between(k, j)] for k in before] for j in layer]
        for before, layer in itertools.pairwise(LAYERS)
    ]
    vectors = [[b[l]] * len(BIAS_WIRING[name]) for l, name in enumerate(BIAS_WIRING)]
    return Network.from_params(matrices, vectors)


def _weight_between(src, dst):
    return next(w for w, ends in WIRING.items() if ends == (src, dst))


def worked_example_graph(weights=WEIGHTS, biases=BIASES, inputs=INPUTS, targets=TARGETS):
    """The book's 2-2-2 sigmoid network as a graph of :class:`~bp.graph.Value` nodes.

    Leaves are labelled ``w1`` ... ``w8``, ``b1`` (one bias shared by both hidden neurons),
    ``b2`` (shared by both outputs), ``i1, i2`` and ``target_o1, target_o2``; inner nodes
    ``net_h1``, ``out_h1``, ..., ``E_o1``, ``E_o2``, ``E_total``, the names of
    :func:`worked_example`. The graph follows :data:`WIRING` and :data:`BIAS_WIRING`.

    Parameters
    ----------
    weights : 8 floats, default :data:`WEIGHTS`
    biases : pair of float, default :data:`BIASES`
    inputs : pair of float, default :data:`INPUTS`
    targets : pair of float, default :data:`TARGETS`

    Returns
    -------
    E_total : Value
        The error; call ``E_total.backward()`` to fill the gradients.
    params : dict of str to Value
        ``"w1"`` ... ``"w8"``, ``"b1"``, ``"b2"``.

    Examples
    --------
    >>> E, params = worked_example_graph()
    >>> E.backward()
    >>> round(E.data, 9), round(params["w5"].grad, 9), round(params["w1"].grad, 9)
    (0.298371109, 0.082167041, 0.000438568)
    """
    ws = _checks.reals(weights, "weights", 8)
    bs = _checks.reals(biases, "biases", 2)
    xs = _checks.reals(inputs, "inputs", 2)
    ts = _checks.reals(targets, "targets", 2)
    out = {i: Value(x, label=i) for i, x in zip(LAYERS[0], xs, strict=True)}
    p = {w: Value(x, label=w) for w, x in zip(WIRING, ws, strict=True)}
    p.update({b: Value(x, label=b) for b, x in zip(BIAS_WIRING, bs, strict=True)})
    bias_of = {u: b for b, units in BIAS_WIRING.items() for u in units}

    def named(node, label):
        node.label = label
        return node

    errors = []
    for n in LAYERS[1] + LAYERS[2]:
        terms = [p[w] * out[src] for w, src in _into(n)] + [p[bias_of[n]]]
        out[n] = named(named(_total(terms), f"net_{n}").sigmoid(), f"out_{n}")
        if n in LAYERS[-1]:
            diff = Value(ts[LAYERS[-1].index(n)], label=f"target_{n}") - out[n]
            errors.append(named(0.5 * diff**2, f"E_{n}"))
    return named(_total(errors), "E_total"), p


def _fmt(x):
    """A table cell: 9 decimals, or 9 significant digits and an exponent beyond a million."""
    return f"{x: .9f}" if abs(x) < 1e6 else f"{x: .8e}"


def _name(neuron):
    """How the table names a neuron's out: an input by its own name, any other as out_<n>."""
    return neuron if neuron in LAYERS[0] else f"out_{neuron}"


def _table(t):
    s = t.settings
    per_neuron = s["bias"] == "per-neuron"
    hidden, outputs = LAYERS[1], LAYERS[2]
    bias_of = {u: b for b, units in BIAS_WIRING.items() for u in units}
    lines = [
        (
            f"Worked example: 2-2-2 sigmoid network, lr {s['lr']:g}, biases {s['bias']}, "
            f"update {s['update']}, {s['steps']} step(s)"
        ),
        (
            f"inputs i1={s['inputs'][0]:g} i2={s['inputs'][1]:g}   "
            f"targets o1={s['targets'][0]:g} o2={s['targets'][1]:g}"
        ),
        "",
        "Forward pass",
    ]
    rows = []
    for n in hidden + outputs:
        terms = [f"{w}*{_name(src)}" for w, src in _into(n)] + [bias_of[n]]
        rows += [(f"net_{n}", " + ".join(terms)), (f"out_{n}", f"sigma(net_{n})")]
    rows += [(f"E_{o}", f"1/2 (target_{o} - out_{o})^2") for o in outputs]
    rows += [("E_total", " + ".join(f"E_{o}" for o in outputs))]
    lines += [f"  {k:<16}{_fmt(t[k])}   {how}" for k, how in rows]
    lines += ["", "Output layer (chain rule: dE/dw = dE/dout * dout/dnet * dnet/dw)"]
    for o in outputs:
        for k in (f"dE_dout_{o}", f"dout_{o}_dnet_{o}", f"delta_{o}"):
            lines.append(f"  {k:<16}{_fmt(t[k])}")
    for o in outputs:
        for w, src in _into(o):
            lines.append(f"  {f'dE_d{w}':<16}{_fmt(t[f'dE_d{w}'])}   delta_{o} * {_name(src)}")
    lines += ["", "Hidden layer (out_h feeds both outputs: the two paths add)"]
    for h in hidden:
        for w, o in _out_of(h):
            k = f"dE{o}_dout_{h}"
            lines.append(f"  {k:<16}{_fmt(t[k])}   delta_{o} * {w}")
        for k in (f"dE_dout_{h}", f"dout_{h}_dnet_{h}", f"delta_{h}"):
            lines.append(f"  {k:<16}{_fmt(t[k])}")
    for h in hidden:
        for w, src in _into(h):
            lines.append(f"  {f'dE_d{w}':<16}{_fmt(t[f'dE_d{w}'])}   delta_{h} * {_name(src)}")
    lines += ["", "Biases (dnet/db = 1)"]
    bias_keys = [f"dE_db_{u}" for u in hidden + outputs] + [f"dE_d{b}" for b in BIAS_WIRING]
    lines += [f"  {k:<16}{_fmt(t[k])}" for k in bias_keys]
    lines += ["", f"Update (w_new = w - {s['lr']:g} * dE/dw)", f"  {'':<8}{'old':>13}{'new':>14}"]
    for w, old in zip(WIRING, s["weights"], strict=True):
        lines.append(f"  {w:<8}{_fmt(old)}  {_fmt(t[f'{w}_new'])}")
    start = dict(zip(BIAS_WIRING, s["biases"], strict=True))
    bias_new = (
        [(f"b_{u}", start[bias_of[u]]) for u in hidden + outputs]
        if per_neuron
        else list(start.items())
    )
    lines += [f"  {b:<8}{_fmt(old)}  {_fmt(t[f'{b}_new'])}" for b, old in bias_new]
    lines += [
        "",
        f"After {s['steps']} step(s)",
        f"  {'E_total':<16}{_fmt(t['E_total'])}  ->  {_fmt(t['E_after'])}",
    ]
    lines += [f"  {f'out_{o}':<16}{_fmt(t[f'out_{o}_after'])}" for o in outputs]
    return "\n".join(lines)
