"""Known slips in the worked example, and a check of a learner's own numbers against bp.

Most numbers that do not match the worked example come from a handful of mistakes. Each slip in
:data:`SLIPS` is one of them, made by :func:`bp.example.worked_example` itself with one of its
:data:`~bp.example.RULES` replaced by a small override below (or with another update order or
bias mode): the slip's numbers are computed, never typed, and follow any configuration (other
weights, biases trained, several steps).

:func:`check` compares a learner's numbers with the right ones and names the slip that
reproduces them, when one does; ``python -m bp check`` prints its answer. A value the learner
wrote counts as right when it agrees to the digits written, rounded or cut (:func:`bp.digits.agrees`).

>>> trace("sign")["dE_dw5"] == -trace(None)["dE_dw5"]
True
>>> result = check({"E_total": "0.2984", "dE_dw5": "-0.0822"})
>>> result.first, [s.name for s in result.slips]
('dE_dw5', ['sign'])
"""

from __future__ import annotations

import dataclasses
import json

from bp import _checks, digits, example
from bp.digits import MAX_DIGITS, agrees, rounded_like, significant_digits  # noqa: F401
from bp.gradcheck import relative_error

__all__ = [
    "SLIPS",
    "Check",
    "Slip",
    "catalogue",
    "check",
    "sequential_error",
    "trace",
]


# ---- The overrides: each replaces one rule of the step, from the slip's parameters ----------


def _weight(instead):
    """The forward pass reads weight ``instead[w]`` where it should read ``w``."""
    return lambda p, w: p[instead.get(w, w)]


def _error(half=True, sign=1):
    """:math:`E` without its :math:`\\tfrac12` (``half=False``), and with it
    :math:`\\partial E/\\partial out = 2 (out - t)`; ``sign=-1``: :math:`t - out`."""

    def error(t, out):
        return (0.5 if half else 1) * (t - out) * (t - out), sign * (1 if half else 2) * (out - t)

    return error


def _slope(of):
    """Neuron ``n``'s slope :math:`out (1 - out)` from the out of neuron ``of[n]``."""
    right = example.RULES["slope"]
    return lambda v, n: right(v, of.get(n, n))


def _dnet_dw(weights):
    """:math:`\\partial net/\\partial w` taken as the weight itself, for the ``weights``."""
    return lambda p, w, a: p[w] if w in weights else a


def _path_weight(instead):
    """A hidden neuron's blame brought back along weight ``instead[w]`` where ``w`` belongs."""
    return lambda W, w: W[instead.get(w, w)]


def _blame(outputs):
    """Only the paths through ``outputs`` added into a hidden neuron's blame."""
    return lambda paths: example.total([paths[o] for o in outputs])


def _shared_bias_gradient(neurons):
    """A shared bias's gradient from the deltas of ``neurons`` only, not of all it feeds."""
    return lambda deltas: example.total([d for u, d in deltas.items() if u in neurons])


def _written(digits):
    """Every value rounded to ``digits`` decimals as it is written down."""
    return lambda x: round(x, digits)


_OVERRIDES = {
    "weight": _weight,
    "error": _error,
    "slope": _slope,
    "dnet_dw": _dnet_dw,
    "path_weight": _path_weight,
    "blame": _blame,
    "shared_bias_gradient": _shared_bias_gradient,
    "written": _written,
}


@dataclasses.dataclass(frozen=True)
class Slip:
    """One known mistake: its name, what it is in one sentence, where the book explains it.

    Attributes
    ----------
    name : str
        A short name, such as ``"sign"``, used by ``python -m bp check`` and the explorer.
    description : str
        What the learner did, in one sentence.
    section : str
        The book's section about it: a page's name and an anchor, ``"questions#questions-sign"``
        (the page is ``questions.html``).
    rule : str or None
        The rule of :data:`bp.example.RULES` the slip replaces, or ``None``.
    params : dict
        The parameters of the replacement (see :attr:`rules`).
    config : dict
        Settings (``"update"``, ``"bias"``) the slip follows instead of the configuration's.
    applies_to : dict
        Configuration settings (``"bias"``, ``"update"``) -> the values under which the slip
        is a slip; empty when it always is. Biases left fixed are no slip when they are fixed.

    Examples
    --------
    >>> SLIPS["sign"].rule, SLIPS["sign"].params, SLIPS["sign"].url
    ('error', {'sign': -1}, 'questions.html#questions-sign')
    >>> SLIPS["sequential"].config
    {'update': 'sequential'}
    """

    name: str
    description: str
    section: str
    rule: str | None = None
    params: dict = dataclasses.field(default_factory=dict)
    config: dict = dataclasses.field(default_factory=dict)
    applies_to: dict = dataclasses.field(default_factory=dict)

    @property
    def url(self):
        """The section as a link relative to the book's root: ``page.html#anchor``."""
        page, _, anchor = self.section.partition("#")
        return f"{page}.html#{anchor}"

    @property
    def rules(self):
        """The replaced rule, for ``worked_example(rules=...)``: ``{rule: function}`` or ``{}``.

        Examples
        --------
        >>> error = SLIPS["factor-two"].rules["error"]
        >>> error(0.0, 1.0)
        (1.0, 2.0)
        """
        if self.rule is None:
            return {}
        return {self.rule: _OVERRIDES[self.rule](**self.params)}

    def applies(self, bias="fixed", update="simultaneous"):
        """Whether the slip is a mistake under this bias mode and update order.

        Examples
        --------
        >>> SLIPS["bias-fixed"].applies(bias="fixed"), SLIPS["bias-fixed"].applies(bias="shared")
        (False, True)
        """
        settings = {"bias": bias, "update": update}
        return all(settings[k] in allowed for k, allowed in self.applies_to.items())


def _slip(name, description, section, rule=None, applies_to=None, config=None, **params):
    return Slip(name, description, section, rule, params, config or {}, applies_to or {})


#: The catalogue of known slips, by name, in the order they are tried.
SLIPS = {
    s.name: s
    for s in (
        _slip(
            "sequential",
            "The output weights were updated before the hidden deltas were computed, so "
            "delta_h1 and delta_h2 use the new w5 to w8 instead of the ones every gradient "
            "is taken at.",
            "errata#errata-sequential",
            applies_to={"update": ("simultaneous",)},
            config={"update": "sequential"},
        ),
        _slip(
            "sign",
            "dE/dout was taken as target - out instead of out - target, so every gradient has "
            "the wrong sign and the step goes uphill.",
            "questions#questions-sign",
            "error",
            sign=-1,
        ),
        _slip(
            "factor-two",
            "The 1/2 was left out of the error, E = (target - out)^2, so dE/dout = 2 (out - "
            "target) and the errors and every gradient are twice the book's.",
            "questions#questions-half",
            "error",
            half=False,
        ),
        _slip(
            "wrong-neuron-slope",
            "Each neuron's slope out (1 - out) was taken from the other neuron of its layer "
            "(out_o2 for o1, out_h2 for h1).",
            "questions#questions-out-times-one-minus-out",
            "slope",
            of={"h1": "h2", "h2": "h1", "o1": "o2", "o2": "o1"},
        ),
        _slip(
            "cross-layer-slope",
            "Hidden neuron h2's slope was taken from output o1, out_o1 (1 - out_o1), instead of "
            "out_h2 (1 - out_h2), as in a popular step-by-step video (0.80 x 0.20 = 0.16 where "
            "its 0.61 x 0.39 belongs).",
            "hidden-layer#right-sigma-prime",
            "slope",
            of={"h2": "o1"},
        ),
        _slip(
            "wrong-weights",
            "o2's forward pass used w5, w6 (the weights into o1) instead of its own w7, w8.",
            "intuition#intuition-forward",
            "weight",
            instead={"w7": "w5", "w8": "w6"},
        ),
        _slip(
            "one-path",
            "A hidden neuron's blame was taken through o1 only: dE/dout_h1 = delta_o1 w5, "
            "without the path through o2 that the sum adds.",
            "hidden-layer#hidden-layer-chain",
            "blame",
            outputs=("o1",),
        ),
        _slip(
            "fork-weights",
            "A hidden neuron's blame came back along the weights into one output instead of the "
            "weights out of the neuron: dE/dout_h1 = delta_o1 w5 + delta_o2 w6, though w6 leaves "
            "h2 and h1's path to o2 is w7 (W delta instead of W^T delta).",
            "hidden-layer#which-weights",
            "path_weight",
            instead={"w6": "w7", "w7": "w6"},
        ),
        _slip(
            "rounded",
            "Every intermediate value was rounded to 4 decimals before its next use, and the "
            "rounding errors add up in the later digits.",
            "questions#questions-seventh-digit",
            "written",
            digits=4,
        ),
        _slip(
            "bias-trained",
            "The biases were updated (one per layer, with the sum of its deltas) though this "
            "configuration keeps them fixed.",
            "questions#questions-bias-update",
            applies_to={"bias": ("fixed",)},
            config={"bias": "shared"},
        ),
        _slip(
            "bias-fixed",
            "The biases were left at their starting values though this configuration trains them.",
            "questions#questions-bias-update",
            applies_to={"bias": ("shared", "per-neuron")},
            config={"bias": "fixed"},
        ),
        _slip(
            "half-shared-bias",
            "A bias shared by a layer was trained with the delta of one neuron it feeds, dE/db1 = "
            "delta_h1 and dE/db2 = delta_o1, instead of the sum over both neurons.",
            "questions#questions-shared-bias",
            "shared_bias_gradient",
            applies_to={"bias": ("shared",)},
            neurons=("h1", "o1"),
        ),
        _slip(
            "weight-as-input",
            "dnet_o2/dw8 was taken as w8 instead of out_h2 (the weight in place of the value it "
            "multiplies), as in a popular step-by-step video.",
            "output-layer#weight-not-input",
            "dnet_dw",
            weights=("w8",),
        ),
    )
}


def catalogue():
    """The catalogue as plain data (JSON-ready), for pages and ports of it.

    Returns
    -------
    list of dict
        One dict per slip of :data:`SLIPS`, in order: ``name``, ``description``, ``section``,
        ``url``, ``rule``, ``params``, ``config``, ``applies_to`` (tuples as lists). The
        explorer's JavaScript makes each slip from these, with its own copy of the overrides.

    Examples
    --------
    >>> one_path = next(s for s in catalogue() if s["name"] == "one-path")
    >>> one_path["rule"], one_path["params"]
    ('blame', {'outputs': ['o1']})
    """
    entries = [
        {
            "name": s.name,
            "description": s.description,
            "section": s.section,
            "url": s.url,
            "rule": s.rule,
            "params": s.params,
            "config": s.config,
            "applies_to": s.applies_to,
        }
        for s in SLIPS.values()
    ]
    return json.loads(json.dumps(entries))  # tuples as lists


def _as_slip(slip):
    if slip is None or isinstance(slip, Slip):
        return slip
    if isinstance(slip, str) and slip in SLIPS:
        return SLIPS[slip]
    raise ValueError(f"slip must be one of {', '.join(SLIPS)} or None; got {slip!r}")


def trace(slip, *, bias="fixed", update="simultaneous", **config):
    """The numbers of the worked example with one slip made, under any configuration.

    Parameters
    ----------
    slip : str, Slip or None
        A name of :data:`SLIPS`; ``None`` gives the right numbers.
    bias, update
        The bias mode and update order of the configuration, as in
        :func:`bp.example.worked_example`; a slip such as ``"sequential"`` runs with another,
        while its result keeps the configuration's keys and settings.
    **config
        The other arguments of :func:`bp.example.worked_example` (``inputs``, ``targets``,
        ``weights``, ``biases``, ``lr``, ``steps``).

    Returns
    -------
    bp.example.Trace
        Every quantity, under the keys of the configuration: ``trace(...).json_dict()`` is the
        slip's ``python -m bp trace --json``.

    Raises
    ------
    ValueError, TypeError
        On an unknown slip or a bad configuration, as :func:`bp.example.worked_example`.

    Examples
    --------
    >>> right, slipped = trace(None), trace("sequential")
    >>> right["dE_dw5"] == slipped["dE_dw5"], right["dE_dw1"] == slipped["dE_dw1"]
    (True, False)
    >>> round(trace("factor-two")["E_total"] / right["E_total"], 12)
    2.0
    >>> trace("bias-fixed", bias="per-neuron")["b_h1_new"]
    0.35
    """
    slip = _as_slip(slip)
    ours = {"bias": bias, "update": update}
    if slip is None:
        return example.worked_example(**config, **ours)
    t = example.worked_example(**config, **{**ours, **slip.config}, rules=slip.rules)
    # the keys and the settings of the configuration, with the slip's name
    return example.Trace(t, {**t.settings, **ours, "slip": slip.name}, t.history)


def sequential_error(lr):
    """How far the "sequential" slip's hidden-layer gradients are from the true ones.

    The largest relative error :math:`|g_{seq} - g| / \\max(|g_{seq}|, |g|)`
    (:func:`bp.gradcheck.relative_error`) over the gradients of the weights into the hidden layer
    (:math:`\\partial E/\\partial w_1, \\dots, \\partial E/\\partial w_4`), where :math:`g_{seq}`
    comes from :func:`trace` of ``"sequential"``. The output weights used have moved by
    :math:`\\eta` times their gradient, so :math:`g_{seq} - g` grows in proportion to ``lr``, and
    so does the relative error while :math:`|g_{seq}| \\le |g|`; it never exceeds 2.

    Parameters
    ----------
    lr : float
        The learning rate :math:`\\eta`, > 0.

    Returns
    -------
    float

    Examples
    --------
    >>> small, large = sequential_error(0.25), sequential_error(0.5)
    >>> round(large / small, 3)
    2.0
    """
    right, slipped = trace(None, lr=lr), trace("sequential", lr=lr)
    hidden = [w for w, (_, dst) in example.WIRING.items() if dst in example.LAYERS[1]]
    return max(float(relative_error(slipped[f"dE_d{w}"], right[f"dE_d{w}"])) for w in hidden)


@dataclasses.dataclass(frozen=True)
class Check:
    """The answer of :func:`check`.

    Attributes
    ----------
    expected : bp.example.Trace
        The right numbers for the configuration.
    given : dict of str to str
        The learner's numbers as written, in the order of the computation.
    differ : list of str
        The keys whose values do not agree, in the order of the computation.
    slips : list of Slip
        The slips whose numbers agree with every value given (empty when all agree).
    unchecked : list of str
        The keys whose values have no significant digit (``"0"``, ``"0.000"``) where bp's
        value is not exactly 0: such a value certifies nothing, so it is neither right nor
        wrong (see :func:`bp.digits.significant_digits`).
    """

    expected: example.Trace
    given: dict
    differ: list
    slips: list
    unchecked: list = dataclasses.field(default_factory=list)

    @property
    def ok(self):
        """``True`` when every value agrees: none differs, none is unchecked."""
        return not self.differ and not self.unchecked

    @property
    def first(self):
        """The first key that differs in the order of the computation, or ``None``."""
        return self.differ[0] if self.differ else None


def check(numbers, **config):
    """Compare a learner's numbers with bp's, and name the known slip that explains them.

    Parameters
    ----------
    numbers : dict of str to str or float
        Keys of ``python -m bp trace --json`` (or any other key of :class:`bp.example.Trace`,
        such as ``delta_o1``) and the values the learner got, as written.
    **config
        The configuration, as the arguments of :func:`bp.example.worked_example`.

    Returns
    -------
    Check

    Raises
    ------
    ValueError, TypeError
        On an empty ``numbers``, an unknown key, a value that is not a finite number, or a bad
        configuration.

    Examples
    --------
    >>> check({"out_h1": "0.593269992", "E_total": "0.2984"}).ok
    True
    >>> result = check({"out_h1": "0.5933", "dE_dw1": "0.000439", "w1_new": "0.149781"})
    >>> result.ok, result.first, result.expected["dE_dw1"] > 0
    (True, None, True)
    >>> slipped = trace("sequential").json_dict()
    >>> [s.name for s in check(slipped).slips]
    ['sequential']
    """
    expected = trace(None, **config)
    if not isinstance(numbers, dict):
        raise TypeError(f"numbers must be a dict of key to value; got {type(numbers).__name__}")
    if not numbers:
        raise ValueError("numbers must hold at least one KEY=VALUE; got none")
    for key in numbers:
        if key not in expected:
            raise ValueError(
                f"numbers: unknown key {_checks.shown(key)}; expected keys of python -m bp "
                "trace --json, such as net_h1, out_h1, E_total, dE_dw5, w5_new"
            )
    given = {k: numbers[k] for k in expected if k in numbers}  # in the order of the computation
    zeros = {k for k, written in given.items() if not digits.read(written, k)}
    unchecked = [k for k in given if k in zeros and expected[k] != 0]
    differ = [
        k for k, written in given.items() if k not in zeros and not agrees(written, expected[k])
    ]
    slips = []
    if differ:
        for slip in SLIPS.values():
            if not slip.applies(expected.settings["bias"], expected.settings["update"]):
                continue
            try:
                theirs = trace(slip, **config)
            except ValueError:  # the slip overflows: it cannot be what the learner did
                continue
            # a written zero certifies nothing, for a slip as for the right numbers
            if all(agrees(given[k], theirs[k]) for k in given if k not in zeros):
                slips.append(slip)
    return Check(expected, given, differ, slips, unchecked)
