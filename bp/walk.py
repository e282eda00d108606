"""The walk-through: one gradient-descent step of the worked example, in the order of a hand
calculation, one rule at a time.

The forward pass neuron by neuron (net, then out), the errors and :math:`E_{total}`; the output
layer (:math:`\\partial E/\\partial out`, :math:`\\partial out/\\partial net`, :math:`\\delta`, each
gradient and its update); the hidden layer (the blame of each path, their sum, the slope,
:math:`\\delta`, each gradient and its update); the biases; then the error after the step. Each
step names its quantity by its key in ``python -m bp trace --json``, writes its rule in symbols,
then with the numbers substituted, then the result, and says which neurons and weights it uses
and which section of the book explains it.

The steps are data: :func:`plan` gives the templates of a configuration's shape (its bias mode,
update order, number of steps and slip), with ``{name}`` where a number goes; :func:`values`
gives the numbers (from :func:`bp.slips.trace`, so that every result is bp's); :func:`walk`
fills one with the other, and :func:`explain` prints it (``python -m bp trace --explain``). The
walk-through page fills the same templates, exported by :func:`page_data`, with the numbers of
the explorer's JavaScript.

>>> first = walk()[0]
>>> first["rule"], first["numbers"], first["result"]
('net_h1 = w1 · i1 + w2 · i2 + b1', '0.15 × 0.05 + 0.2 × 0.1 + 0.35', '0.3775')
"""

from __future__ import annotations

import itertools
import re

from bp import _checks, digits, example, slips

__all__ = [
    "GROUPS",
    "LINES",
    "SECTIONS",
    "SIGNIFICANT",
    "explain",
    "page_data",
    "plan",
    "shown",
    "step_lines",
    "values",
    "walk",
]

#: How many significant digits a number of the walk-through shows.
SIGNIFICANT = 9
#: The headings of the walk, in order.
GROUPS = (
    "Forward pass",
    "Output layer",
    "Hidden layer",
    "Biases",
    "After the step",
    "After the last step",
)
#: The book's section that explains each kind of step: ``page#anchor``.
SECTIONS = {
    "net": "intuition#intuition-forward",
    "out": "intuition#intuition-forward",
    "error": "intuition#factor-half",
    "dE_dout": "output-layer#output-layer-chain",
    "slope": "calculus#calculus-sigmoid",
    "delta_output": "output-layer#output-layer-delta",
    "gradient_output": "output-layer#output-layer-delta",
    "update": "output-layer#output-layer-update",
    "path": "hidden-layer#which-weights",
    "sum": "hidden-layer#two-paths",
    "slope_hidden": "hidden-layer#right-sigma-prime",
    "delta_hidden": "hidden-layer#hidden-layer-delta",
    "gradient_hidden": "hidden-layer#hidden-layer-factor-3",
    "update_hidden": "hidden-layer#update-order",
    "bias_gradient": "hidden-layer#biases",
    "bias_update": "questions#questions-bias-update",
    "after": "hidden-layer#hidden-layer-iteration",
}
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def _slip(slip):
    if slip is None:
        return None
    if not isinstance(slip, str) or slip not in slips.SLIPS:
        raise ValueError(f"slip must be one of {', '.join(slips.SLIPS)} or None; got {slip!r}")
    return slips.SLIPS[slip]


def _src(neuron):
    """The symbol of a neuron's out: an input by its own name, any other as ``out_<n>``."""
    return neuron if neuron in example.LAYERS[0] else f"out_{neuron}"


def plan(bias="fixed", update="simultaneous", steps=1, slip=None):
    """The steps of the walk-through of a configuration's shape, as templates.

    Parameters
    ----------
    bias : {"fixed", "shared", "per-neuron"}, default "fixed"
    update : {"simultaneous", "sequential"}, default "simultaneous"
    steps : int, default 1
        With more than one, the walk shows the first step, whose new parameters it keys
        ``w1_new_1`` ... (``python -m bp trace --steps 1`` prints them as ``w1_new`` ...), and
        then the outputs and the error after the last step.
    slip : str or None, default None
        A name of :data:`bp.slips.SLIPS`: the rules follow the slip (the sign slip's
        ``dE_dout_o1 = target_o1 − out_o1``, the sequential update's ``delta_o1 · w5_new``).

    Returns
    -------
    list of dict
        One per step, in order: ``key`` (of ``python -m bp trace --json``, or ``w1_new_1`` ...),
        ``group`` (of :data:`GROUPS`), ``rule`` (``key = symbols``), ``numbers`` (the
        expression with ``{name}`` for each number: a key, ``w1`` ... ``w8``, ``b_h1`` ...
        ``b_o2`` (the starting biases), ``i1``, ``i2``, ``target_o1``, ``target_o2``, ``lr``),
        ``uses`` (neurons and weights) and ``section`` (``page#anchor``).

    Raises
    ------
    ValueError, TypeError
        On an unknown mode or slip, or ``steps`` out of range.

    Examples
    --------
    >>> steps = plan(update="sequential")
    >>> path = next(s for s in steps if s["key"] == "dEo1_dout_h1")
    >>> path["rule"], path["numbers"]
    ('dEo1_dout_h1 = delta_o1 · w5_new', '{delta_o1} × {w5_new}')
    >>> plan(bias="per-neuron")[0]["rule"]
    'net_h1 = w1 · i1 + w2 · i2 + b_h1'
    >>> plan(slip="oops")
    Traceback (most recent call last):
    ...
    ValueError: slip must be one of sequential, sign, ...; got 'oops'
    """
    _checks.one_of(bias, "bias", example.BIAS_MODES)
    _checks.one_of(update, "update", example.UPDATE_ORDERS)
    steps = _checks.positive_int(steps, "steps")
    if steps > example.MAX_STEPS:
        raise ValueError(f"steps must be <= {example.MAX_STEPS}; got {steps!r}")
    s = _slip(slip)
    rule, q = (s.rule, s.params) if s else (None, {})
    trained = (s.config if s else {}).get("bias", bias)
    order = (s.config if s else {}).get("update", update)
    new = "_new_1" if steps > 1 else "_new"  # the key of a parameter after the first step
    hidden, outputs = example.LAYERS[1], example.LAYERS[2]
    out = []

    def add(group, key, symbols, numbers, uses, section):
        if rule == "written":  # every value rounded as it is written down
            numbers = f"round({numbers}, {q['digits']})"
            symbols += f", written to {q['digits']} decimals"
        out.append(
            {
                "key": key,
                "group": GROUPS[group],
                "rule": f"{key} = {symbols}",
                "numbers": numbers,
                "uses": list(uses),
                "section": SECTIONS[section],
            }
        )

    def read(w):  # the weight the forward pass reads for w
        return q["instead"].get(w, w) if rule == "weight" else w

    def bias_symbol(n):
        return f"b_{n}" if bias == "per-neuron" else example.BIAS_OF[n]

    def written(numbers):  # a value as written down before its next use
        return f"round({numbers}, {q['digits']})" if rule == "written" else numbers

    def out_of(n):  # the numbers of n's out as the next layer and the error read it
        # written down rounded, but read as computed: sigma of the net as written
        return f"σ({{net_{n}}})" if rule == "written" else f"{{out_{n}}}"

    def net(n, after=False):  # symbols and numbers of n's net; after: at the new parameters
        suffix = "_new" if after else ""
        terms = [(read(w) + suffix, a) for w, a in example.into(n)]
        b = bias_symbol(n) + suffix
        into = [
            f"σ({written(net(a, True)[1])})" if after else out_of(a) for _, a in terms
        ] if n in example.LAYERS[-1] else [f"{{{a}}}" for _, a in terms]  # fmt: skip
        return (
            " + ".join(f"{w} · {_src(a)}" for w, a in terms) + f" + {b}",
            " + ".join(f"{{{w}}} × {x}" for (w, _), x in zip(terms, into, strict=True))
            + f" + {{{b if after else f'b_{n}'}}}",
        )

    def error(o, out_key, out_numbers):
        half = q.get("half", True) if rule == "error" else True
        square = f"(target_{o} − {out_key})²"
        numbers = f"({{target_{o}}} − {out_numbers})²"
        return ("½ " + square, "½ × " + numbers) if half else (square, numbers)

    for n in hidden + outputs:
        symbols, numbers = net(n)
        ins = [a for _, a in example.into(n)]
        add(0, f"net_{n}", symbols, numbers, [*ins, n, *(w for w, _ in example.into(n))], "net")
        add(0, f"out_{n}", f"σ(net_{n}) = 1 / (1 + e^(−net_{n}))",
            f"1 / (1 + e^(−{{net_{n}}}))", [n], "out")  # fmt: skip
    for o in outputs:
        add(0, f"E_{o}", *error(o, f"out_{o}", out_of(o)), [o], "error")
    add(0, "E_total", " + ".join(f"E_{o}" for o in outputs),
        " + ".join(f"{{E_{o}}}" for o in outputs), outputs, "error")  # fmt: skip

    def slope(n, section):
        of = q["of"].get(n, n) if rule == "slope" else n
        add(group, f"dout_{n}_dnet_{n}", f"out_{of} · (1 − out_{of})",
            f"{{out_{of}}} × (1 − {{out_{of}}})", [n], section)  # fmt: skip

    def gradients_and_updates(layer, kind):
        for n in layer:
            for w, a in example.into(n):
                wrong = rule == "dnet_dw" and w in q["weights"]
                factor = w if wrong else _src(a)
                add(group, f"dE_d{w}", f"delta_{n} · {factor}", f"{{delta_{n}}} × {{{factor}}}",
                    [a, n, w], f"gradient_{kind}")  # fmt: skip
        for n in layer:
            for w, a in example.into(n):
                add(group, f"{w}{new}", f"{w} − η · dE_d{w}", f"{{{w}}} − {{lr}} × {{dE_d{w}}}",
                    [a, n, w], "update" if kind == "output" else "update_hidden")  # fmt: skip

    group = 1
    for o in outputs:
        sign = q.get("sign", 1) if rule == "error" else 1
        a, b = (f"out_{o}", f"target_{o}")[:: 1 if sign > 0 else -1]
        symbols, numbers = f"{a} − {b}", f"{{{a}}} − {{{b}}}"
        if rule == "error" and not q.get("half", True):  # dE/dout of (t - out)^2
            symbols, numbers = f"2 · ({symbols})", f"2 × ({numbers})"
        add(group, f"dE_dout_{o}", symbols, numbers, [o], "dE_dout")
        slope(o, "slope")
        add(group, f"delta_{o}", f"dE_dout_{o} · dout_{o}_dnet_{o}",
            f"{{dE_dout_{o}}} × {{dout_{o}_dnet_{o}}}", [o], "delta_output")  # fmt: skip
    gradients_and_updates(outputs, "output")

    group = 2
    for h in hidden:
        paths = example.out_of(h)
        for w, o in paths:
            along = q["instead"].get(w, w) if rule == "path_weight" else w
            along += new if order == "sequential" else ""
            add(group, f"dE{o}_dout_{h}", f"delta_{o} · {along.replace('_new_1', '_new')}",
                f"{{delta_{o}}} × {{{along}}}", [h, w, o], "path")  # fmt: skip
        summed = [o for _, o in paths if rule != "blame" or o in q["outputs"]]
        add(group, f"dE_dout_{h}", " + ".join(f"dE{o}_dout_{h}" for o in summed),
            " + ".join(f"{{dE{o}_dout_{h}}}" for o in summed), [h, *(x for p in paths for x in p)],
            "sum")  # fmt: skip
        slope(h, "slope_hidden")
        add(group, f"delta_{h}", f"dE_dout_{h} · dout_{h}_dnet_{h}",
            f"{{dE_dout_{h}}} × {{dout_{h}_dnet_{h}}}", [h], "delta_hidden")  # fmt: skip
    gradients_and_updates(hidden, "hidden")

    group = 3
    per_neuron = bias == "per-neuron"
    layers = {b: units for b, units in example.BIAS_WIRING.items()}
    for b, units in layers.items():
        if per_neuron:
            for u in units:
                add(group, f"dE_db_{u}", f"delta_{u}", f"{{delta_{u}}}", [u], "bias_gradient")
        else:
            fed = [u for u in units if rule != "shared_bias_gradient" or u in q["neurons"]]
            add(group, f"dE_d{b}", " + ".join(f"delta_{u}" for u in fed),
                " + ".join(f"{{delta_{u}}}" for u in fed), units, "bias_gradient")  # fmt: skip
    for b, units in layers.items():
        for u in units if per_neuron else units[:1]:
            name = f"b_{u}" if per_neuron else b
            gradient = f"dE_db_{u}" if trained == "per-neuron" else f"dE_d{b}"
            if trained == "fixed":
                add(group, f"{name}{new}", f"{name} (not trained)", f"{{b_{u}}}", units,
                    "bias_update")  # fmt: skip
            else:
                add(group, f"{name}{new}", f"{name} − η · {gradient}",
                    f"{{b_{u}}} − {{lr}} × {{{gradient}}}", units, "bias_update")  # fmt: skip

    group = 4 if steps == 1 else 5
    parts = []
    for o in outputs:
        symbols, numbers = net(o, after=True)
        hidden_nets = {h: net(h, after=True)[0] for h in hidden}
        for h, text in hidden_nets.items():
            symbols = symbols.replace(f"out_{h}", f"σ({text})")
        add(group, f"out_{o}_after", f"σ({symbols})", f"σ({written(numbers)})",
            [*example.LAYERS[0], *hidden, o, *example.WIRING], "after")  # fmt: skip
        # the error reads the out as computed: sigma of the net as written, when rounding
        read_out = f"σ({written(numbers)})" if rule == "written" else f"{{out_{o}_after}}"
        symbol, numbers = error(o, f"out_{o}_after", read_out)
        parts.append((symbol, written(numbers)))
    add(group, "E_after", " + ".join(p[0] for p in parts), " + ".join(p[1] for p in parts),
        outputs, "after")  # fmt: skip
    return out


def shown(x):
    """A number as the walk-through shows it: :data:`SIGNIFICANT` significant digits (rounded
    half up, from its shortest repr, by :func:`bp.digits.rounded_like`), trailing zeros dropped,
    and a minus sign ``−``.

    Parameters
    ----------
    x : float

    Returns
    -------
    str

    Examples
    --------
    >>> shown(0.3775), shown(0.5932699921071872), shown(-0.0227), shown(1.2345e-7), shown(2.0)
    ('0.3775', '0.593269992', '−0.0227', '1.2345e-07', '2')
    """
    text = digits.rounded_like("1." + "2" * (SIGNIFICANT - 1), _checks.real(x, "x"))
    mantissa, e, exponent = text.partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return (
        (mantissa + e + exponent).replace("-", "−", 1)
        if text[0] == "-"
        else mantissa + e + exponent
    )


def values(slip=None, **config):
    """Every number the walk-through of a configuration fills in, by the names of :func:`plan`.

    The inputs ``i1, i2``, the targets ``target_o1, target_o2``, the starting parameters
    ``w1`` ... ``w8`` and ``b_h1`` ... ``b_o2``, the learning rate ``lr``, every quantity of
    the first step (:func:`bp.slips.trace` with ``steps=1``) and, with more than one step, the
    first step's new parameters as ``w1_new_1`` ... and the quantities after the last step.

    Parameters
    ----------
    slip : str or None, default None
        A name of :data:`bp.slips.SLIPS`.
    **config
        The arguments of :func:`bp.example.worked_example` (``inputs`` ... ``steps``).

    Returns
    -------
    dict of str to float

    Raises
    ------
    ValueError, TypeError
        As :func:`bp.slips.trace`.

    Examples
    --------
    >>> v = values(steps=2)
    >>> v["w5"], round(v["w5_new_1"], 8), round(v["w5_new"], 8)
    (0.4, 0.35891648, 0.31735386)
    """
    _slip(slip)
    steps = config.get("steps", 1)
    first = slips.trace(slip, **{**config, "steps": 1})
    s = first.settings
    table = dict(zip(example.LAYERS[0], s["inputs"], strict=True))
    table.update({f"target_{o}": t for o, t in zip(example.LAYERS[-1], s["targets"], strict=True)})
    table.update(zip(example.WIRING, s["weights"], strict=True))
    for b, value in zip(example.BIAS_WIRING, s["biases"], strict=True):
        table.update({f"b_{u}": value for u in example.BIAS_WIRING[b]})
    table["lr"] = s["lr"]
    table.update(first)
    if steps != 1:
        table.update({f"{k}_1": x for k, x in first.items() if k.endswith("_new")})
        table.update(slips.trace(slip, **config))
    return table


def _fill(numbers, table, number):
    def one(m):
        x = table[m.group(1)]
        text = number(x)
        return f"({text})" if x < 0 else text

    return _PLACEHOLDER.sub(one, numbers)


def walk(slip=None, **config):
    """The walk-through of a configuration: every step of :func:`plan` with its numbers.

    Parameters
    ----------
    slip, **config
        As :func:`values`: a slip's name or ``None``, and the configuration.

    Returns
    -------
    list of dict
        Each step of :func:`plan` with ``numbers`` filled in (:func:`shown`; a negative number
        in parentheses), ``result`` (:func:`shown` of ``value``), ``value`` (the float, bp's),
        ``exact`` (``numbers`` with every number's repr: Python evaluates it to ``value``, with
        ``×``, ``−``, ``½``, ``²``, ``e^`` and ``σ`` read as operators) and ``url``.

    Raises
    ------
    ValueError, TypeError
        On a bad slip or configuration, with the message of :func:`values`.

    Examples
    --------
    >>> step = walk(lr=0.1)[-1]
    >>> step["key"], step["rule"].split(" = ")[1]
    ('E_after', '½ (target_o1 − out_o1_after)² + ½ (target_o2 − out_o2_after)²')
    >>> walk(lr=0)
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0; got 0
    """
    table = values(slip, **config)
    settings = {k: config.get(k, v) for k, v in (("bias", "fixed"), ("update", "simultaneous"))}
    steps = []
    for step in plan(**settings, steps=config.get("steps", 1), slip=slip):
        value = table[step["key"]]
        page, _, anchor = step["section"].partition("#")
        steps.append(
            {
                **step,
                "numbers": _fill(step["numbers"], table, shown),
                "result": shown(value),
                "value": value,
                "exact": _fill(step["numbers"], table, repr),
                "url": f"{page}.html#{anchor}",
            }
        )
    return steps


#: The lines of one step, as the page and ``python -m bp trace --explain`` show it: ``{k}`` and
#: ``{n}`` its place, ``{pad}`` spaces as wide as ``{key}``, ``{symbols}`` the rule's right side.
LINES = (
    "Step {k} of {n} · {group} · {key}",
    "  {key} = {symbols}",
    "  {pad} = {numbers}",
    "  {pad} = {result}",
    "  Explained in {url}",
)


def step_lines(step, k, n):
    """The lines of one step of :func:`walk`, the ``k``-th of ``n``, by :data:`LINES`.

    Examples
    --------
    >>> for line in step_lines(walk()[0], 1, 50):
    ...     print(line)
    Step 1 of 50 · Forward pass · net_h1
      net_h1 = w1 · i1 + w2 · i2 + b1
             = 0.15 × 0.05 + 0.2 × 0.1 + 0.35
             = 0.3775
      Explained in intuition.html#intuition-forward
    """
    key, _, symbols = step["rule"].partition(" = ")
    fields = {**step, "k": k, "n": n, "key": key, "symbols": symbols, "pad": " " * len(key)}
    return [line.format(**fields) for line in LINES]


def explain(slip=None, **config):
    """The walk-through as text: what ``python -m bp trace --explain`` prints.

    A line that names the configuration, then each step of :func:`walk` (:func:`step_lines`),
    a blank line between steps.

    Parameters
    ----------
    slip, **config
        As :func:`walk`.

    Returns
    -------
    str

    Examples
    --------
    >>> print(explain().splitlines()[0])
    Walk-through of one gradient-descent step: lr 0.5, biases fixed, update simultaneous
    >>> print(explain(steps=3).splitlines()[0])
    Walk-through of the first of 3 gradient-descent steps: lr 0.5, biases fixed, update simultaneous
    """
    steps = walk(slip, **config)
    s = {"lr": example.LEARNING_RATE, "bias": "fixed", "update": "simultaneous", "steps": 1}
    s.update(config)
    which = "one" if s["steps"] == 1 else f"the first of {s['steps']}"
    plural = "" if s["steps"] == 1 else "s"
    text = [
        f"Walk-through of {which} gradient-descent step{plural}: lr {s['lr']:g}, "
        f"biases {s['bias']}, update {s['update']}" + (f", slip {slip}" if slip else "")
    ]
    for k, step in enumerate(steps, 1):
        text += ["", *step_lines(step, k, len(steps))]
    return "\n".join(text)


def page_data():
    """The walk-through's templates for the page, as plain data (``bp.cli.page_data()["walk"]``).

    Returns
    -------
    dict
        ``significant`` (:data:`SIGNIFICANT`), ``lines`` (:data:`LINES`), ``templates`` (every
        distinct step of :func:`plan`) and ``plans``: for each ``"<bias> <update> <slip or
        -> <1 or n>"`` (one step or more), the indices of its steps in ``templates``.

    Examples
    --------
    >>> data = page_data()
    >>> first = data["plans"]["fixed simultaneous - 1"][0]
    >>> data["templates"][first]["numbers"]
    '{w1} × {i1} + {w2} × {i2} + {b_h1}'
    """
    templates, index, plans = [], {}, {}
    shapes = itertools.product(
        example.BIAS_MODES, example.UPDATE_ORDERS, [None, *slips.SLIPS], (1, 2)
    )
    for bias, update, slip, steps in shapes:
        if slip and not slips.SLIPS[slip].applies(bias, update):
            continue
        ids = []
        for step in plan(bias, update, steps, slip):
            key = repr(sorted(step.items()))
            if key not in index:
                index[key] = len(templates)
                templates.append(step)
            ids.append(index[key])
        plans[f"{bias} {update} {slip or '-'} {'1' if steps == 1 else 'n'}"] = ids
    return {
        "significant": SIGNIFICANT,
        "lines": list(LINES),
        "templates": templates,
        "plans": plans,
    }
