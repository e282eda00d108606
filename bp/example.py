"""The book's running example: the classic 2-2-2 sigmoid network, one named scalar at a time.

Two inputs :math:`i_1, i_2`, two hidden neurons :math:`h_1, h_2`, two outputs :math:`o_1, o_2`.
Weights :math:`w_1, w_2` feed :math:`h_1`; :math:`w_3, w_4` feed :math:`h_2`; :math:`w_5, w_6` feed
:math:`o_1`; :math:`w_7, w_8` feed :math:`o_2`. :math:`b_1` is the hidden layer's bias,
:math:`b_2` the output layer's:

.. math::

    net_{h1} &= w_1 i_1 + w_2 i_2 + b_1, \\qquad out_{h1} = \\sigma(net_{h1}), \\\\
    net_{o1} &= w_5\\, out_{h1} + w_6\\, out_{h2} + b_2, \\qquad out_{o1} = \\sigma(net_{o1}), \\\\
    E_{total} &= \\tfrac12 (target_{o1} - out_{o1})^2 + \\tfrac12 (target_{o2} - out_{o2})^2 .

:func:`worked_example` computes every quantity in explicit scalar steps, so that each has a name
the book can show, from ``net_h1`` to ``dE_dw1`` to ``E_after``. :func:`network` builds the same
network as a :class:`~bp.network.Network` for the matrix form.

>>> t = worked_example()
>>> round(t["E_total"], 9), round(t["dE_dw5"], 9), round(t["w5_new"], 8)
(0.298371109, 0.082167041, 0.35891648)
"""

from __future__ import annotations

import json
import math
import numbers

from bp import _checks
from bp.activations import sigmoid
from bp.network import Network

__all__ = [
    "BIASES",
    "BIAS_MODES",
    "INPUTS",
    "LEARNING_RATE",
    "TARGETS",
    "UPDATE_ORDERS",
    "WEIGHTS",
    "Trace",
    "network",
    "worked_example",
]

#: The inputs :math:`(i_1, i_2)` of the classic example.
INPUTS = (0.05, 0.10)
#: The targets of :math:`o_1, o_2`.
TARGETS = (0.01, 0.99)
#: :math:`w_1, \dots, w_8`.
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


def _sigma(x):
    return float(sigmoid(x))


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
        keys = ["net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"]
        keys += ["E_o1", "E_o2", "E_total"] + [f"dE_dw{i}" for i in range(1, 9)]
        per_neuron = self.settings["bias"] == "per-neuron"
        units = ("h1", "h2", "o1", "o2")
        keys += [f"dE_db_{u}" for u in units] if per_neuron else ["dE_db1", "dE_db2"]
        keys += [f"w{i}_new" for i in range(1, 9)]
        keys += [f"b_{u}_new" for u in units] if per_neuron else ["b1_new", "b2_new"]
        keys += ["E_after", "out_o1_after", "out_o2_after"]
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


def _forward(p, i1, i2, t1, t2):
    """The forward pass on parameters ``p``: every net, out and error, by name."""
    v = {}
    v["net_h1"] = p["w1"] * i1 + p["w2"] * i2 + p["b_h1"]
    v["out_h1"] = _sigma(v["net_h1"])
    v["net_h2"] = p["w3"] * i1 + p["w4"] * i2 + p["b_h2"]
    v["out_h2"] = _sigma(v["net_h2"])
    v["net_o1"] = p["w5"] * v["out_h1"] + p["w6"] * v["out_h2"] + p["b_o1"]
    v["out_o1"] = _sigma(v["net_o1"])
    v["net_o2"] = p["w7"] * v["out_h1"] + p["w8"] * v["out_h2"] + p["b_o2"]
    v["out_o2"] = _sigma(v["net_o2"])
    # (t - out) * (t - out), not ** 2: a Python float power raises OverflowError for huge
    # targets, a product gives inf.
    v["E_o1"] = 0.5 * (t1 - v["out_o1"]) * (t1 - v["out_o1"])
    v["E_o2"] = 0.5 * (t2 - v["out_o2"]) * (t2 - v["out_o2"])
    v["E_total"] = v["E_o1"] + v["E_o2"]
    return v


def _step(p, i1, i2, t1, t2, lr, bias, update):
    """One forward pass, one backward pass and one update: every quantity, by name."""
    v = _forward(p, i1, i2, t1, t2)

    # Output layer: dE/dw5 = dE/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5
    for o, t in (("o1", t1), ("o2", t2)):
        v[f"dE_dout_{o}"] = v[f"out_{o}"] - t  # d/dout of 1/2 (t - out)^2 = -(t - out)
        v[f"dout_{o}_dnet_{o}"] = v[f"out_{o}"] * (1 - v[f"out_{o}"])  # sigma' = out (1 - out)
        v[f"delta_{o}"] = v[f"dE_dout_{o}"] * v[f"dout_{o}_dnet_{o}"]
    for w, o, h in (("w5", "o1", "h1"), ("w6", "o1", "h2"), ("w7", "o2", "h1"), ("w8", "o2", "h2")):
        v[f"dnet_{o}_d{w}"] = v[f"out_{h}"]
        v[f"dE_d{w}"] = v[f"delta_{o}"] * v[f"dnet_{o}_d{w}"]
    v["dE_db_o1"], v["dE_db_o2"] = v["delta_o1"], v["delta_o2"]
    v["dE_db2"] = v["delta_o1"] + v["delta_o2"]  # one bias feeds both outputs: its blame adds

    new = dict(p)
    for w in ("w5", "w6", "w7", "w8"):
        new[w] = p[w] - lr * v[f"dE_d{w}"]
    # The hidden layer's deltas need the output weights. Correct: the old ones, at which every
    # gradient is taken. The sequential mistake: the ones just updated.
    W = p if update == "simultaneous" else new

    # Hidden layer: out_h1 feeds both outputs, so its blame is a sum of two paths.
    for h, w_o1, w_o2 in (("h1", "w5", "w7"), ("h2", "w6", "w8")):
        v[f"dEo1_dout_{h}"] = v["delta_o1"] * W[w_o1]
        v[f"dEo2_dout_{h}"] = v["delta_o2"] * W[w_o2]
        v[f"dE_dout_{h}"] = v[f"dEo1_dout_{h}"] + v[f"dEo2_dout_{h}"]
        v[f"dout_{h}_dnet_{h}"] = v[f"out_{h}"] * (1 - v[f"out_{h}"])
        v[f"delta_{h}"] = v[f"dE_dout_{h}"] * v[f"dout_{h}_dnet_{h}"]
    for w, h, i in (("w1", "h1", i1), ("w2", "h1", i2), ("w3", "h2", i1), ("w4", "h2", i2)):
        v[f"dnet_{h}_d{w}"] = i
        v[f"dE_d{w}"] = v[f"delta_{h}"] * i
        new[w] = p[w] - lr * v[f"dE_d{w}"]
    v["dE_db_h1"], v["dE_db_h2"] = v["delta_h1"], v["delta_h2"]
    v["dE_db1"] = v["delta_h1"] + v["delta_h2"]

    if bias == "shared":
        for b, units in (("dE_db1", ("h1", "h2")), ("dE_db2", ("o1", "o2"))):
            for u in units:
                new[f"b_{u}"] = p[f"b_{u}"] - lr * v[b]
    elif bias == "per-neuron":
        for u in ("h1", "h2", "o1", "o2"):
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
        Gradient-descent steps; the first step's quantities are reported, and the parameters
        and error after the last.

    Returns
    -------
    Trace
        A dict of every named quantity (Python floats).

    Raises
    ------
    ValueError, TypeError
        On a wrong number of values, a non-finite value, ``lr <= 0``, ``steps < 1`` or an unknown
        mode; the message names the parameter.

    Examples
    --------
    >>> t = worked_example()
    >>> t["net_h1"], round(t["out_h1"], 9)
    (0.3775, 0.593269992)
    >>> round(t["dE_dw1"], 9), round(t["w1_new"], 9)
    (0.000438568, 0.149780716)
    """
    i1, i2 = _floats(inputs, "inputs", 2)
    t1, t2 = _floats(targets, "targets", 2)
    ws = _floats(weights, "weights", 8)
    b1, b2 = _floats(biases, "biases", 2)
    lr = _checks.positive_number(lr, "lr")
    steps = _checks.positive_int(steps, "steps")
    if bias not in BIAS_MODES:
        raise ValueError(f"bias must be one of {', '.join(map(repr, BIAS_MODES))}; got {bias!r}")
    if update not in UPDATE_ORDERS:
        valid = ", ".join(map(repr, UPDATE_ORDERS))
        raise ValueError(f"update must be one of {valid}; got {update!r}")

    p = {f"w{i}": w for i, w in enumerate(ws, start=1)}
    p.update(b_h1=b1, b_h2=b1, b_o1=b2, b_o2=b2)
    history, first = [], None
    for _ in range(steps):
        v, p = _step(p, i1, i2, t1, t2, lr, bias, update)
        history.append(v["E_total"])
        first = first or v
    after = _forward(p, i1, i2, t1, t2)
    history.append(after["E_total"])

    values = dict(first)
    values.update({f"{k}_new": x for k, x in p.items()})
    values["b1_new"], values["b2_new"] = p["b_h1"], p["b_o1"]
    values["E_after"] = after["E_total"]
    values["out_o1_after"], values["out_o2_after"] = after["out_o1"], after["out_o2"]
    settings = {
        "inputs": (i1, i2),
        "targets": (t1, t2),
        "weights": ws,
        "biases": (b1, b2),
        "lr": lr,
        "bias": bias,
        "update": update,
        "steps": steps,
    }
    return Trace(values, settings, history)


def network(weights=WEIGHTS, biases=BIASES):
    """The worked example as a :class:`~bp.network.Network`, for the matrix form.

    :math:`W^{(1)} = \\begin{bmatrix} w_1 & w_2 \\\\ w_3 & w_4 \\end{bmatrix}` (row ``j`` feeds
    hidden neuron ``j``), :math:`W^{(2)} = \\begin{bmatrix} w_5 & w_6 \\\\ w_7 & w_8 \\end{bmatrix}`,
    and every neuron of a layer starts with that layer's bias.

    Parameters
    ----------
    weights : 8 floats, default :data:`WEIGHTS`
    biases : pair of float, default :data:`BIASES`

    Returns
    -------
    Network

    Examples
    --------
    >>> network().weights[1]
    array([[0.4 , 0.45],
           [0.5 , 0.55]])
    """
    w = _floats(weights, "weights", 8)
    b1, b2 = _floats(biases, "biases", 2)
    return Network.from_params(
        [[w[0:2], w[2:4]], [w[4:6], w[6:8]]],
        [[b1, b1], [b2, b2]],
    )


def _floats(values, name, n):
    if isinstance(values, str | bytes) or not hasattr(values, "__len__"):
        raise TypeError(f"{name} must be a sequence of {n} numbers; got {type(values).__name__}")
    if len(values) != n:
        raise ValueError(f"{name} must hold {n} numbers; got {len(values)}")
    out = []
    for x in values:
        if isinstance(x, bool) or not isinstance(x, numbers.Real):
            raise TypeError(f"{name} must hold numbers; got {x!r}")
        x = float(x)
        if not math.isfinite(x):
            raise ValueError(f"{name} must be finite; got {x!r}")
        out.append(x)
    return tuple(out)


def _fmt(x):
    return f"{x: .9f}"


def _table(t):
    s = t.settings
    per_neuron = s["bias"] == "per-neuron"
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
    rows = [
        ("net_h1", "w1*i1 + w2*i2 + b1"),
        ("out_h1", "sigma(net_h1)"),
        ("net_h2", "w3*i1 + w4*i2 + b1"),
        ("out_h2", "sigma(net_h2)"),
        ("net_o1", "w5*out_h1 + w6*out_h2 + b2"),
        ("out_o1", "sigma(net_o1)"),
        ("net_o2", "w7*out_h1 + w8*out_h2 + b2"),
        ("out_o2", "sigma(net_o2)"),
        ("E_o1", "1/2 (target_o1 - out_o1)^2"),
        ("E_o2", "1/2 (target_o2 - out_o2)^2"),
        ("E_total", "E_o1 + E_o2"),
    ]
    lines += [f"  {k:<16}{_fmt(t[k])}   {how}" for k, how in rows]
    lines += ["", "Output layer (chain rule: dE/dw = dE/dout * dout/dnet * dnet/dw)"]
    for o in ("o1", "o2"):
        for k in (f"dE_dout_{o}", f"dout_{o}_dnet_{o}", f"delta_{o}"):
            lines.append(f"  {k:<16}{_fmt(t[k])}")
    for w, o in (("w5", "o1"), ("w6", "o1"), ("w7", "o2"), ("w8", "o2")):
        lines.append(f"  dE_d{w:<12}{_fmt(t[f'dE_d{w}'])}   delta_{o} * {_inputs_of(w)}")
    lines += ["", "Hidden layer (out_h feeds both outputs: the two paths add)"]
    for h, wa, wb in (("h1", "w5", "w7"), ("h2", "w6", "w8")):
        lines.append(f"  dEo1_dout_{h:<6}{_fmt(t[f'dEo1_dout_{h}'])}   delta_o1 * {wa}")
        lines.append(f"  dEo2_dout_{h:<6}{_fmt(t[f'dEo2_dout_{h}'])}   delta_o2 * {wb}")
        for k in (f"dE_dout_{h}", f"dout_{h}_dnet_{h}", f"delta_{h}"):
            lines.append(f"  {k:<16}{_fmt(t[k])}")
    for w, h in (("w1", "h1"), ("w2", "h1"), ("w3", "h2"), ("w4", "h2")):
        lines.append(f"  dE_d{w:<12}{_fmt(t[f'dE_d{w}'])}   delta_{h} * {_inputs_of(w)}")
    lines += ["", "Biases (dnet/db = 1)"]
    bias_keys = [f"dE_db_{u}" for u in ("h1", "h2", "o1", "o2")] + ["dE_db1", "dE_db2"]
    lines += [f"  {k:<16}{_fmt(t[k])}" for k in bias_keys]
    lines += ["", f"Update (w_new = w - {s['lr']:g} * dE/dw)", f"  {'':<8}{'old':>13}{'new':>14}"]
    for i in range(1, 9):
        lines.append(f"  w{i:<7}{_fmt(s['weights'][i - 1])}  {_fmt(t[f'w{i}_new'])}")
    bias_new = (
        [(f"b_{u}", s["biases"][u[0] == "o"]) for u in ("h1", "h2", "o1", "o2")]
        if per_neuron
        else [("b1", s["biases"][0]), ("b2", s["biases"][1])]
    )
    lines += [f"  {b:<8}{_fmt(old)}  {_fmt(t[f'{b}_new'])}" for b, old in bias_new]
    lines += [
        "",
        f"After {s['steps']} step(s)",
        f"  {'E_total':<16}{_fmt(t['E_total'])}  ->  {_fmt(t['E_after'])}",
        f"  {'out_o1':<16}{_fmt(t['out_o1_after'])}",
        f"  {'out_o2':<16}{_fmt(t['out_o2_after'])}",
    ]
    return "\n".join(lines)


def _inputs_of(w):
    return {"w1": "i1", "w2": "i2", "w3": "i1", "w4": "i2"}.get(
        w, "out_h1" if w in ("w5", "w7") else "out_h2"
    )
