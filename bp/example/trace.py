"""The record of a run of the worked example: :class:`Trace`, its JSON and its text table."""

from __future__ import annotations

import json

from bp import _checks
from bp.example.definition import (
    BIAS_MODES,
    BIAS_OF,
    BIAS_WIRING,
    LAYERS,
    WIRING,
    into,
    out_of,
)


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
    >>> from bp.example import worked_example
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
            The keys of :func:`json_keys`: ``net_h1`` ... ``E_total``, the chain-rule factors
            and deltas, ``dE_dw1`` ... ``dE_dw8`` and the bias gradients of the first step;
            ``w1_new`` ... ``w8_new``, the new biases, ``E_after``, ``out_o1_after``,
            ``out_o2_after`` after all the steps.

        Examples
        --------
        >>> from bp.example import worked_example
        >>> list(worked_example(bias="per-neuron").json_dict())[-7:]
        ['b_h1_new', 'b_h2_new', 'b_o1_new', 'b_o2_new', 'E_after', 'out_o1_after', 'out_o2_after']
        """
        keys = json_keys(self.settings["bias"])
        return {k: self[k] for k in keys}

    def to_json(self):
        """:meth:`json_dict` as a JSON string.

        Examples
        --------
        >>> from bp.example import worked_example
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
        >>> from bp.example import worked_example
        >>> print(worked_example().table().splitlines()[0])
        Worked example: 2-2-2 sigmoid network, lr 0.5, biases fixed, update simultaneous, 1 step(s)
        """
        return _table(self)


def quantities(bias="fixed"):
    """Every quantity of a run that bp prints, by group, in the order of the computation.

    One list of names for ``python -m bp trace`` (its table's rows), ``--json`` (its keys, see
    :func:`json_keys`) and the explorer page (its tables).

    Parameters
    ----------
    bias : {"fixed", "shared", "per-neuron"}, default "fixed"
        Per neuron, the new biases are ``b_h1_new ... b_o2_new``; otherwise ``b1_new, b2_new``.

    Returns
    -------
    dict of str to list of str
        ``"forward"``: ``net_h1`` ... ``E_total``; ``"backward"``: the chain-rule factors
        ``dE_dout_o1``, ``dout_o1_dnet_o1`` and the delta of each output, then of each hidden
        neuron the blame of each path (``dEo1_dout_h1``), their sum, its slope and its delta;
        ``"gradients"``: ``dE_dw1`` ... ``dE_dw8`` and the bias gradients of both conventions,
        each neuron's own (``dE_db_h1`` ...) and each layer's shared one (``dE_db1, dE_db2``);
        ``"after"``: the parameters after all the steps, ``E_after``, ``out_o1_after``,
        ``out_o2_after``.

    Examples
    --------
    >>> q = quantities()
    >>> q["backward"][:3], q["gradients"][-2:]
    (['dE_dout_o1', 'dout_o1_dnet_o1', 'delta_o1'], ['dE_db1', 'dE_db2'])
    >>> q["after"][-4:]
    ['b2_new', 'E_after', 'out_o1_after', 'out_o2_after']
    """
    _checks.one_of(bias, "bias", BIAS_MODES)
    hidden, outputs = LAYERS[1], LAYERS[2]
    neurons = hidden + outputs
    backward = [k for o in outputs for k in (f"dE_dout_{o}", f"dout_{o}_dnet_{o}", f"delta_{o}")]
    for h in hidden:
        backward += [f"dE{o}_dout_{h}" for _, o in out_of(h)]
        backward += [f"dE_dout_{h}", f"dout_{h}_dnet_{h}", f"delta_{h}"]
    per_neuron = [f"b_{u}" for u in neurons]
    biases = per_neuron if bias == "per-neuron" else list(BIAS_WIRING)
    return {
        "forward": [k for n in neurons for k in (f"net_{n}", f"out_{n}")]
        + [f"E_{o}" for o in outputs]
        + ["E_total"],
        "backward": backward,
        "gradients": [f"dE_d{w}" for w in WIRING]
        + [f"dE_d{b}" for b in per_neuron + list(BIAS_WIRING)],
        "after": [f"{p}_new" for p in [*WIRING, *biases]]
        + ["E_after"]
        + [f"out_{o}_after" for o in outputs],
    }


def json_keys(bias="fixed"):
    """The keys of ``python -m bp trace --json`` for a bias mode, in the order printed.

    Every group of :func:`quantities` for the bias mode ``bias``, one after the other.

    Returns
    -------
    list of str

    Examples
    --------
    >>> json_keys()[:3], len(json_keys()), len(json_keys("per-neuron"))
    (['net_h1', 'out_h1', 'net_h2'], 54, 56)
    """
    return [k for group in quantities(bias).values() for k in group]


def _fmt(x):
    """A table cell: 9 decimals from 1e-6 to a million, else 9 significant digits and an
    exponent (so that no value but 0 prints as 0.000000000, and -0.0 prints as 0)."""
    return f"{x + 0.0: .9f}" if x == 0 or 1e-6 <= abs(x) < 1e6 else f"{x: .8e}"


def _name(neuron):
    """How the table names a neuron's out: an input by its own name, any other as out_<n>."""
    return neuron if neuron in LAYERS[0] else f"out_{neuron}"


def _factors(t, n, blame):
    """The rows of neuron ``n``'s chain-rule factors and delta; ``blame``: how dE/dout adds up."""
    rows = [
        (f"dE_dout_{n}", blame),
        (f"dout_{n}_dnet_{n}", f"out_{n} * (1 - out_{n})"),
        (f"delta_{n}", f"dE_dout_{n} * dout_{n}_dnet_{n}"),
    ]
    return [f"  {k:<16}{_fmt(t[k])}   {how}" for k, how in rows]


def _table(t):
    s = t.settings
    per_neuron = s["bias"] == "per-neuron"
    hidden, outputs = LAYERS[1], LAYERS[2]
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
        terms = [f"{w}*{_name(src)}" for w, src in into(n)] + [
            f"b_{n}" if per_neuron else BIAS_OF[n]
        ]
        rows += [(f"net_{n}", " + ".join(terms)), (f"out_{n}", f"sigma(net_{n})")]
    rows += [(f"E_{o}", f"1/2 (target_{o} - out_{o})^2") for o in outputs]
    rows += [("E_total", " + ".join(f"E_{o}" for o in outputs))]
    lines += [f"  {k:<16}{_fmt(t[k])}   {how}" for k, how in rows]
    lines += ["", "Output layer (chain rule: dE/dw = dE/dout * dout/dnet * dnet/dw)"]
    for o in outputs:
        lines += _factors(t, o, f"out_{o} - target_{o}")
    for o in outputs:
        for w, src in into(o):
            lines.append(f"  {f'dE_d{w}':<16}{_fmt(t[f'dE_d{w}'])}   delta_{o} * {_name(src)}")
    lines += ["", "Hidden layer (out_h feeds both outputs: the two paths add)"]
    # the sequential mistake brings the blame back along the output weights already updated
    along = "_new" if s["update"] == "sequential" else ""
    for h in hidden:
        for w, o in out_of(h):
            k = f"dE{o}_dout_{h}"
            lines.append(f"  {k:<16}{_fmt(t[k])}   delta_{o} * {w}{along}")
        lines += _factors(t, h, " + ".join(f"dE{o}_dout_{h}" for _, o in out_of(h)))
    for h in hidden:
        for w, src in into(h):
            lines.append(f"  {f'dE_d{w}':<16}{_fmt(t[f'dE_d{w}'])}   delta_{h} * {_name(src)}")
    lines += ["", "Biases (dnet/db = 1)"]
    lines += [f"  {f'dE_db_{u}':<16}{_fmt(t[f'dE_db_{u}'])}   delta_{u}" for u in hidden + outputs]
    for b, units in BIAS_WIRING.items():
        sum_of = " + ".join(f"delta_{u}" for u in units)
        lines.append(f"  {f'dE_d{b}':<16}{_fmt(t[f'dE_d{b}'])}   {sum_of}")
    lines += ["", f"Update (w_new = w - {s['lr']:g} * dE/dw)", f"  {'':<8}{'old':>13}{'new':>14}"]
    for w, old in zip(WIRING, s["weights"], strict=True):
        lines.append(f"  {w:<8}{_fmt(old)}  {_fmt(t[f'{w}_new'])}")
    start = dict(zip(BIAS_WIRING, s["biases"], strict=True))
    bias_new = (
        [(f"b_{u}", start[BIAS_OF[u]]) for u in hidden + outputs]
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
