"""Practice on fresh numbers: the book's exercises on the 2-2-2 example, with numbers from a seed.

Each exercise of :data:`EXERCISES` asks for quantities of the worked example (keys of
``python -m bp trace --json``). :func:`variant` draws its numbers (inputs, targets, weights,
biases, learning rate, bias handling) from a seed: whole hundredths from the :data:`RANGES`,
drawn again until the exercise keeps its point (:func:`keeps_point`: no saturated neuron, no
answer so small or so cancelled that its digits mean little, and the exercise's own
conditions). The same seed gives the same numbers on every machine, and on the book's pages,
whose JavaScript (``docs/_static/practice-core.js``) draws them with the same integer generator
(:func:`mulberry32`) from the data of :func:`page_data`. An instructor can assign "seed 17";
``python -m bp practice --seed 17`` prints the variants, ``--answers`` their answers.

>>> v = variant(17, "hidden-layer-1")
>>> v.exercise, v.asks[-1], v.config["bias"]
('hidden-layer-1', 'dE_dw4', 'fixed')
>>> v == variant(17, "hidden-layer-1")
True
"""

from __future__ import annotations

import dataclasses
import decimal
import json
from html import escape

from bp import _checks, digits, example
from bp.example.definition import BIAS_WIRING, LAYERS, out_of

__all__ = [
    "ASKED_DIGITS",
    "EXERCISES",
    "MAX_SEED",
    "RANGES",
    "Exercise",
    "Variant",
    "answer_key",
    "keeps_point",
    "moodle_xml",
    "mulberry32",
    "options",
    "page_data",
    "parse_seeds",
    "rounded",
    "tolerance",
    "variant",
]

#: The largest seed: a seed is a whole number from 0 to 2**32 - 1, the state of the generator.
MAX_SEED = 2**32 - 1
#: The most seeds one command takes (``--seeds 1-120`` is a class).
MAX_SEEDS = 10_000
#: Each value of a variant is a whole number of hundredths, ``lo``, ``lo + step``, ... ``hi``:
#: few decimals to write, the size of the book's own numbers, no neuron near saturation.
RANGES = {
    "inputs": {"lo": 5, "hi": 100, "step": 5},
    "targets": {"lo": 1, "hi": 99, "step": 1},
    "weights": {"lo": -80, "hi": 80, "step": 5},
    "biases": {"lo": 5, "hi": 80, "step": 5},
    "lr": {"lo": 10, "hi": 100, "step": 10},
}
#: The values are whole numbers divided by this.
SCALE = 100
#: Significant digits the exercises ask for (the check accepts any the learner writes).
ASKED_DIGITS = 4
#: What keeps an exercise's point, for every exercise: each neuron's out within
#: ``[OUT_MARGIN, 1 - OUT_MARGIN]`` (no saturated neuron: sigma' is at least 0.0475), each output
#: at least ``TARGET_GAP`` from its target (something to learn), each answer at least
#: ``MIN_ANSWER`` in size, and each sum asked (of :data:`SUMS`) at least ``CANCEL`` times its
#: largest term (no near-cancellation, which would leave few meaningful digits).
OUT_MARGIN, TARGET_GAP, MIN_ANSWER, CANCEL = 0.05, 0.05, 1e-4, 0.2
#: The sums of the step: a hidden neuron's blame (one path through each output) and a shared
#: bias's gradient (the deltas of the neurons it feeds), each key with the keys of its terms.
SUMS = {
    **{f"dE_dout_{h}": [f"dE{o}_dout_{h}" for _, o in out_of(h)] for h in LAYERS[1]},
    **{f"dE_d{b}": [f"delta_{u}" for u in units] for b, units in BIAS_WIRING.items()},
}
#: Draws before :func:`variant` gives up (each keeps the point with a probability far above 1/2).
MAX_ATTEMPTS = 1000
#: The step between the generator's starting states of two exercises (2**32 / golden ratio).
STREAM = 0x9E3779B9
_MASK = 0xFFFFFFFF


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One exercise of a chapter, as practised on fresh numbers.

    Attributes
    ----------
    page, number : str, int
        Where the book asks it: the page's name and the exercise's number there.
    title : str
        What it is about, in a few words.
    prompt : str
        What it asks, without numbers (the variant brings them).
    asks : dict of str to list of str
        For each bias mode the exercise is practised with, the keys asked (keys of
        ``python -m bp trace --json``), in the order the exercise asks them.
    update : str
        The update order of its variants.
    conditions : list of [str, str, float]
        The exercise's own point, as ``[key, "<" or ">", number]``.
    """

    page: str
    number: int
    title: str
    prompt: str
    asks: dict
    update: str = "simultaneous"
    conditions: list = dataclasses.field(default_factory=list)

    @property
    def name(self):
        """``page-number``, such as ``"hidden-layer-1"``."""
        return f"{self.page}-{self.number}"


def _exercise(page, number, title, prompt, asks, **kwargs):
    return Exercise(page, number, title, prompt, asks, **kwargs)


#: The chapters' exercises that ask for numbers of the 2-2-2 example, by name, in the book's order.
EXERCISES = {
    e.name: e
    for e in (
        _exercise(
            "intuition",
            1,
            "Where w7 and w8 go",
            "w7 and w8 have negative derivatives. Compute them, then w7 and w8 after one step of "
            "gradient descent and out_o2 after it: do the weights go up, and does out_o2 move "
            "toward its target?",
            {"fixed": ["dE_dw7", "dE_dw8", "w7_new", "w8_new", "out_o2_after"]},
            conditions=[["dE_dw7", "<", 0.0], ["dE_dw8", "<", 0.0]],
        ),
        _exercise(
            "calculus",
            2,
            "The gradient of w6",
            "Write dE_total/dw6 as a product of three factors, as for w5, and evaluate each "
            "factor and the product.",
            {"fixed": ["dE_dout_o1", "dout_o1_dnet_o1", "out_h2", "dE_dw6"]},
        ),
        _exercise(
            "output-layer",
            1,
            "The weight from h1 to o2",
            "Write dE_total/dw7 as a product of three factors and evaluate each factor and the "
            "product.",
            {"fixed": ["dE_dout_o2", "dout_o2_dnet_o2", "out_h1", "dE_dw7"]},
        ),
        _exercise(
            "output-layer",
            3,
            "Shared or per neuron",
            "Compute the deltas of the output layer, then the output bias (or biases) after one "
            "step, with the bias handling given.",
            {
                "shared": ["delta_o1", "delta_o2", "dE_db2", "b2_new"],
                "per-neuron": ["delta_o1", "delta_o2", "b_o1_new", "b_o2_new"],
            },
        ),
        _exercise(
            "hidden-layer",
            1,
            "The weight from i2 to h2",
            "Compute dE_total/dw4 from delta_o1, delta_o2, the two weights out of h2, out_h2 and "
            "i2: the blame of each path, their sum, the slope of h2 and the gradient.",
            {"fixed": ["dEo1_dout_h2", "dEo2_dout_h2", "dE_dout_h2", "dout_h2_dnet_h2", "dE_dw4"]},
        ),
        _exercise(
            "hidden-layer",
            2,
            "Make the mistake on purpose",
            "Update w5 and w7 first, then compute dE_total/dw1 with the updated w5 and w7 (and "
            "the old deltas): the sequential update.",
            {"fixed": ["delta_o1", "delta_o2", "w5_new", "w7_new", "dE_dout_h1", "dE_dw1"]},
            update="sequential",
        ),
        _exercise(
            "hidden-layer",
            3,
            "The hidden bias, shared",
            "With one bias shared by the hidden layer, compute the hidden deltas, the bias's "
            "gradient and its value after one step.",
            {"shared": ["delta_h1", "delta_h2", "dE_db1", "b1_new"]},
        ),
        _exercise(
            "back-in-backprop",
            1,
            "The blame on out_h2",
            "Compute dE/dout_h2 from delta_o1, delta_o2 and the weights that leave h2.",
            {"fixed": ["delta_o1", "delta_o2", "dEo1_dout_h2", "dEo2_dout_h2", "dE_dout_h2"]},
        ),
        _exercise(
            "errata",
            1,
            "The blame of o2 on out_h1",
            "Compute dE_o2/dout_h1 as delta_o2 w7.",
            {"fixed": ["delta_o2", "dEo2_dout_h1"]},
        ),
    )
}


def mulberry32(state):
    """One step of the mulberry32 generator on 32-bit integers: ``(next state, output)``.

    Exact integer arithmetic, so that the JavaScript of the pages (with ``Math.imul``) gives the
    same outputs bit for bit.

    Parameters
    ----------
    state : int
        From 0 to 2**32 - 1.

    Returns
    -------
    tuple of int
        The next state and a whole number from 0 to 2**32 - 1.

    Examples
    --------
    >>> state, x = mulberry32(17)
    >>> state, x
    (1831565830, 2908338376)
    """
    state = (state + 0x6D2B79F5) & _MASK
    t = ((state ^ (state >> 15)) * (state | 1)) & _MASK
    t = (t + (((t ^ (t >> 7)) * (t | 61)) & _MASK)) & _MASK ^ t
    return state, (t ^ (t >> 14)) & _MASK


class _Draws:
    """The generator's outputs as choices: ``pick(n)`` is a whole number from 0 to n - 1."""

    def __init__(self, state):
        self.state = state

    def pick(self, n):
        self.state, x = mulberry32(self.state)
        return (x * n) >> 32

    def value(self, r):
        return (r["lo"] + r["step"] * self.pick((r["hi"] - r["lo"]) // r["step"] + 1)) / SCALE


def _check_seed(seed):
    if not _checks.is_integer(seed):
        raise _checks.fail(
            TypeError, "seed", "be a whole number", f"{_checks.shown(seed)} ({type(seed).__name__})"
        )
    if not 0 <= seed <= MAX_SEED:
        raise _checks.fail(ValueError, "seed", f"be from 0 to {MAX_SEED}", _checks.shown(seed))
    return int(seed)


def keeps_point(values, exercise, bias):
    """Whether a run's values keep the point of ``exercise``.

    No saturated neuron, each output at least ``TARGET_GAP`` from its target, no answer smaller
    than ``MIN_ANSWER`` or cancelled below ``CANCEL`` times its largest term, and the
    exercise's own conditions.

    Parameters
    ----------
    values : dict
        A run of the worked example (:func:`bp.example.worked_example`).
    exercise : Exercise
    bias : str
        The bias mode of the run, one of ``exercise.asks``.

    Returns
    -------
    bool

    Examples
    --------
    >>> t = example.worked_example()
    >>> keeps_point(t, EXERCISES["intuition-1"], "fixed")
    True
    >>> keeps_point(example.worked_example(weights=(.15, .2, .25, .3, 8, 8, .5, .55)),
    ...             EXERCISES["calculus-2"], "fixed")  # o1 saturated
    False
    """
    hidden, outputs = LAYERS[1], LAYERS[2]
    outs = [values[f"out_{n}"] for n in hidden + outputs]
    if not all(OUT_MARGIN <= a <= 1 - OUT_MARGIN for a in outs):
        return False
    if not all(abs(values[f"dE_dout_{o}"]) >= TARGET_GAP for o in outputs):
        return False
    asked = exercise.asks[bias]
    if not all(abs(values[k]) >= MIN_ANSWER for k in asked):
        return False
    for key in (k for k in asked if k in SUMS):
        if abs(values[key]) < CANCEL * max(abs(values[t]) for t in SUMS[key]):
            return False
    return all(values[k] < x if op == "<" else values[k] > x for k, op, x in exercise.conditions)


@dataclasses.dataclass(frozen=True)
class Variant:
    """One exercise on the numbers of one seed.

    Attributes
    ----------
    seed : int
    exercise : str
        Its name in :data:`EXERCISES`.
    config : dict
        The arguments of :func:`bp.example.worked_example` (and of ``python -m bp check``).
    asks : list of str
        The keys asked.
    answers : dict of str to float
        bp's value of each key asked.
    draws : int
        How many draws it took to keep the exercise's point (1 most often).
    """

    seed: int
    exercise: str
    config: dict
    asks: list
    answers: dict
    draws: int

    def text(self, answers=False):
        """The exercise with its numbers, as ``python -m bp practice`` prints it.

        Examples
        --------
        >>> print(variant(17, "errata-1").text().splitlines()[0])
        errata-1, seed 17: The blame of o2 on out_h1
        """
        e, c = EXERCISES[self.exercise], self.config
        bias = {"fixed": "fixed (not trained)", "shared": "one per layer, trained"}.get(
            c["bias"], "one per neuron, trained"
        )
        lines = [
            f"{self.exercise}, seed {self.seed}: {e.title}",
            f"  inputs   i1 = {c['inputs'][0]:g}, i2 = {c['inputs'][1]:g}",
            f"  targets  o1 = {c['targets'][0]:g}, o2 = {c['targets'][1]:g}",
            "  weights  " + ", ".join(f"w{i} = {w:g}" for i, w in enumerate(c["weights"], 1)),
            f"  biases   b1 = {c['biases'][0]:g}, b2 = {c['biases'][1]:g}; {bias}",
            f"  learning rate {c['lr']:g}, update {c['update']}",
            f"  {e.prompt}",
            f"  Give {ASKED_DIGITS} significant digits:",
        ]
        for key in self.asks:
            shown = rounded(self.answers[key]) if answers else "?"
            lines.append(f"    {key} = {shown}")
        lines.append(f"  Check: python -m bp check {options(c)} KEY=VALUE ...")
        return "\n".join(lines)


def rounded(value, n=ASKED_DIGITS):
    """``value`` to ``n`` significant digits, as text, by :func:`bp.digits.rounded_like`.

    Examples
    --------
    >>> rounded(0.08216704056423078), rounded(-0.99996)
    ('0.08217', '-1.000')
    """
    return digits.rounded_like(f"{1:.{n - 1}f}", value)


def options(config):
    """A configuration as the options of ``python -m bp check`` (and ``trace``) that set it.

    Examples
    --------
    >>> options(variant(17, "errata-1").config)[:9]
    '--inputs '
    """
    words = []
    for name in ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps"):
        value = config[name]
        values = value if isinstance(value, tuple | list) else (value,)
        words += [f"--{name}", *(repr(v) if isinstance(v, float) else str(v) for v in values)]
    return " ".join(words)


def variant(seed, exercise):
    """The numbers of ``exercise`` drawn from ``seed``, and bp's answers.

    The generator starts at ``seed + k * STREAM`` (modulo 2**32), ``k`` the exercise's place in
    :data:`EXERCISES` counted from 1, and draws, in this order, the two inputs, the two targets,
    the eight weights, the two biases, the learning rate (:data:`RANGES`) and the bias mode (one
    of ``asks``), until the values keep the exercise's point (:func:`keeps_point`).

    Parameters
    ----------
    seed : int
        From 0 to :data:`MAX_SEED`.
    exercise : str
        A name of :data:`EXERCISES`.

    Returns
    -------
    Variant

    Raises
    ------
    TypeError, ValueError
        When ``seed`` is not a whole number from 0 to :data:`MAX_SEED`, or ``exercise`` is not
        a name of :data:`EXERCISES`.

    Examples
    --------
    >>> v = variant(1, "output-layer-1")
    >>> v.asks
    ['dE_dout_o2', 'dout_o2_dnet_o2', 'out_h1', 'dE_dw7']
    >>> all(0.05 <= v.config["inputs"][i] <= 1 for i in (0, 1))
    True
    >>> variant(-1, "output-layer-1")
    Traceback (most recent call last):
    ...
    ValueError: seed must be from 0 to 4294967295; got -1
    """
    seed = _check_seed(seed)
    _checks.one_of(exercise, "exercise", tuple(EXERCISES))
    e = EXERCISES[exercise]
    k = list(EXERCISES).index(exercise) + 1
    draws = _Draws((seed + k * STREAM) & _MASK)
    modes = list(e.asks)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        config = {
            name: tuple(draws.value(RANGES[name]) for _ in range(n))
            for name, n in (("inputs", 2), ("targets", 2), ("weights", 8), ("biases", 2))
        }
        config["lr"] = draws.value(RANGES["lr"])
        config.update(bias=modes[draws.pick(len(modes))], update=e.update, steps=1)
        values = example.worked_example(**config)
        if keeps_point(values, e, config["bias"]):
            asks = list(e.asks[config["bias"]])
            return Variant(seed, exercise, config, asks, {k: values[k] for k in asks}, attempt)
    raise RuntimeError(f"no variant of {exercise} for seed {seed} in {MAX_ATTEMPTS} draws")


def parse_seeds(text):
    """Seeds as a command line writes them: ``17``, ``1-120``, ``3,5,8-10``.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of int
        In the order written, each once.

    Raises
    ------
    ValueError
        When ``text`` is not such a list of whole numbers from 0 to :data:`MAX_SEED`, a range
        runs backwards, or it holds more than ``MAX_SEEDS`` (10,000) seeds.

    Examples
    --------
    >>> parse_seeds("1-3,7")
    [1, 2, 3, 7]
    >>> parse_seeds("5-1")
    Traceback (most recent call last):
    ...
    ValueError: seeds must be whole numbers from 0 to 4294967295 or ranges such as 1-120; got '5-1'
    """
    expected = f"be whole numbers from 0 to {MAX_SEED} or ranges such as 1-120"
    seeds = []
    for part in text.split(",") if isinstance(text, str) else [None]:
        ends = part.split("-") if part else []
        if not (1 <= len(ends) <= 2 and all(e.isascii() and e.isdigit() for e in ends)):
            raise _checks.fail(ValueError, "seeds", expected, _checks.shown(text))
        lo, hi = int(ends[0][:12]), int(ends[-1][:12])
        if hi > MAX_SEED or lo > hi or len(ends[-1]) > 12:
            raise _checks.fail(ValueError, "seeds", expected, _checks.shown(text))
        if hi - lo + 1 + len(seeds) > MAX_SEEDS:
            raise _checks.fail(
                ValueError, "seeds", f"hold at most {MAX_SEEDS} seeds", _checks.shown(text)
            )
        seeds += range(lo, hi + 1)
    return list(dict.fromkeys(seeds))


def answer_key(seeds, exercises=None):
    """The answers of every variant, one line each: seed, exercise, key, rounded, exact.

    Tab-separated, with a header: what ``python -m bp practice --seeds 1-120 --answers`` prints,
    for a spreadsheet or a grader.

    Examples
    --------
    >>> print(answer_key([17], ["errata-1"]))  # doctest: +NORMALIZE_WHITESPACE
    seed  exercise  key  answer  exact
    17  errata-1  delta_o2  ...
    """
    rows = ["seed\texercise\tkey\tanswer\texact"]
    for seed in seeds:
        for name in exercises or EXERCISES:
            v = variant(seed, name)
            rows += [f"{seed}\t{name}\t{k}\t{rounded(x)}\t{x!r}" for k, x in v.answers.items()]
    return "\n".join(rows)


def tolerance(value, n=ASKED_DIGITS):
    """One unit of the ``n``-th significant digit of ``value``: a written value that is
    ``value`` rounded or cut to ``n`` digits is within it.

    Examples
    --------
    >>> tolerance(0.08216704056423078), tolerance(-1.5)
    (Decimal('0.00001'), Decimal('0.001'))
    """
    return decimal.Decimal(1).scaleb(decimal.Decimal(repr(float(value))).adjusted() - n + 1)


def moodle_xml(seeds, exercises=None):
    """Moodle XML quiz questions: one embedded-answers (cloze) question per exercise and seed,
    each answer NUMERICAL with bp's value and the :func:`tolerance` of the digits asked, in
    one category per exercise (a random question of a category gives each student one seed).

    Examples
    --------
    >>> xml = moodle_xml([17], ["errata-1"])
    >>> xml.count("<question type=\\"cloze\\">"), "{1:NUMERICAL:=" in xml
    (1, True)
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for name in exercises or EXERCISES:
        out += [
            '  <question type="category">',
            f"    <category><text>$course$/bp practice/{name}</text></category>",
            "  </question>",
        ]
        for seed in seeds:
            v = variant(seed, name)
            lines = v.text().splitlines()
            body = "".join(
                f"<p>{escape(line.strip())}</p>" for line in lines[1 : -(len(v.asks) + 1)]
            )
            blanks = "".join(
                f"<p>{k} = {{1:NUMERICAL:={x!r}:{tolerance(x):f}}}</p>"
                for k, x in v.answers.items()
            )
            out += [
                '  <question type="cloze">',
                f"    <name><text>{escape(lines[0])}</text></name>",
                (
                    f'    <questiontext format="html"><text><![CDATA[{body}{blanks}]]></text>'
                    "</questiontext>"
                ),
                "    <generalfeedback><text></text></generalfeedback>",
                "  </question>",
            ]
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def page_data():
    """What the pages' JavaScript needs to draw the same variants, as plain data.

    Returns
    -------
    dict
        JSON-ready: ``ranges``, ``scale``, ``stream``, ``max_seed``, ``max_attempts``,
        ``asked_digits``, the rules of :func:`keeps_point` (``out_margin``, ``target_gap``,
        ``min_answer``, ``cancel``, ``sums``) and ``exercises``, in order, each with ``name``,
        ``page``, ``number``, ``title``, ``prompt``, ``asks``, ``update``, ``conditions``.

    Examples
    --------
    >>> data = page_data()
    >>> data["exercises"][0]["name"], data["ranges"]["lr"]
    ('intuition-1', {'lo': 10, 'hi': 100, 'step': 10})
    """
    data = {
        "ranges": RANGES,
        "scale": SCALE,
        "stream": STREAM,
        "max_seed": MAX_SEED,
        "max_attempts": MAX_ATTEMPTS,
        "asked_digits": ASKED_DIGITS,
        "out_margin": OUT_MARGIN,
        "target_gap": TARGET_GAP,
        "min_answer": MIN_ANSWER,
        "cancel": CANCEL,
        "sums": SUMS,
        "exercises": [{"name": e.name, **dataclasses.asdict(e)} for e in EXERCISES.values()],
    }
    return json.loads(json.dumps(data))
