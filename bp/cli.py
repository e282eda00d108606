"""The command line: ``python -m bp trace`` prints the worked example step by step, and
``python -m bp check`` checks a learner's own numbers against it.

A learner who works the 2-2-2 example by hand can check every number, with the book's values or
their own::

    python -m bp trace
    python -m bp trace --weights .1 .2 .3 .4 .5 .6 .7 .8 --bias per-neuron --steps 10
    python -m bp trace --json
    python -m bp check out_h1=0.5933 E_total=0.2984 dE_dw5=0.0822 w5_new=0.3589
    python -m bp check --lr 0.8 --file my-numbers.json
    python -m bp check --verdict-only out_h1=0.5933     # right or wrong, no expected value

and practise on fresh numbers, the book's exercises with numbers drawn from a seed::

    python -m bp practice --seed 17 [--answers]
    python -m bp practice --seeds 1-120 --answers       # the answer key of a class
    python -m bp practice --seeds 1-120 --moodle quiz.xml

Exit codes follow the conventions of Unix tools: 0 on success (``check``: every value agrees);
1 when ``check`` finds a value that differs or certifies nothing (a zero, which agrees with any
small value), or the output cannot be written (one line on stderr); 2 on bad input (a usage error, a key or value ``check`` does not know, or numbers that
overflow), with a one-line message, never a traceback; 130 when interrupted (Ctrl-C); 141,
quietly, when the reader of the output has gone (``| head -1``).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import math
import os
import re
import sys

from bp import _checks, digits, example, gradcheck, practice, slips, walk

__all__ = ["build_parser", "main", "page_data", "page_script"]

#: Exit codes.
OK, DIFFER, ERROR, USAGE, INTERRUPTED, BROKEN_PIPE = 0, 1, 1, 2, 130, 141


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``bp trace: error: ...``.

    It also reads ``-1e-3`` as a negative number, not an option (Python before 3.13 does not),
    ``-inf``, ``-nan`` as values (which the options then refuse as not finite), and any other
    ``-`` not followed by a letter as a value, so that ``-0x10`` is refused as a number rather
    than taken for an option (:data:`bp._checks.NEGATIVE`, the explorer's rule too).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(_checks.NEGATIVE, re.IGNORECASE)

    def error(self, message):
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def _finite(text):
    problem = _checks.number_problem(text)  # one grammar, the explorer's too
    if problem:
        raise argparse.ArgumentTypeError(f"expected {problem}, got {text!r}")
    x = float(text)
    if x == 0 and _NONZERO.search(_MANTISSA.match(text).group(0)):  # 1e-400: no float holds it
        raise argparse.ArgumentTypeError(
            f"expected a number a float can hold (this one reads as 0), got {text!r}"
        )
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return x


def _positive(text):
    x = _finite(text)
    if x <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return x


def _count(text):
    expected = f"expected a whole number from 1 to {example.MAX_STEPS}"
    if not _INTEGER.match(text):
        raise argparse.ArgumentTypeError(f"{expected}, got {text!r}")
    n = int(text) if len(text) <= 100 else 0  # int() refuses 4,300 digits or more
    if not 1 <= n <= example.MAX_STEPS:
        raise argparse.ArgumentTypeError(f"{expected}, got {text!r}")
    return n


_INTEGER = re.compile(_checks.INTEGER)
_MANTISSA, _NONZERO = re.compile(r"[^eE]*"), re.compile("[1-9]")


def _key_value(text):
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE such as out_h1=0.5933, got {text!r}")
    return key.strip(), value  # the value as written: bp.slips reads (or refuses) it


def _add_configuration(command):
    """The options of the worked example's configuration, shared by trace and check."""
    command.add_argument(
        "--inputs", nargs=2, type=_finite, metavar=("I1", "I2"), default=example.INPUTS
    )
    command.add_argument(
        "--targets", nargs=2, type=_finite, metavar=("T1", "T2"), default=example.TARGETS
    )
    command.add_argument(
        "--weights",
        nargs=8,
        type=_finite,
        metavar=tuple(f"W{i}" for i in range(1, 9)),
        default=example.WEIGHTS,
        help="w1..w8: w1, w2 feed h1; w3, w4 feed h2; w5, w6 feed o1; w7, w8 feed o2",
    )
    command.add_argument(
        "--biases",
        nargs=2,
        type=_finite,
        metavar=("B1", "B2"),
        default=example.BIASES,
        help="b1 (hidden layer) and b2 (output layer)",
    )
    command.add_argument(
        "--lr", type=_positive, metavar="ETA", default=example.LEARNING_RATE, help="learning rate"
    )
    command.add_argument(
        "--bias",
        choices=example.BIAS_MODES,
        default="fixed",
        help="biases not trained, one per layer, or one per neuron (default: fixed)",
    )
    command.add_argument(
        "--update",
        choices=example.UPDATE_ORDERS,
        default="simultaneous",
        help="simultaneous (correct) or sequential (output weights updated before the hidden "
        "deltas: a common mistake)",
    )
    command.add_argument(
        "--steps",
        type=_count,
        metavar="N",
        default=1,
        help=f"gradient steps, 1 to {example.MAX_STEPS}",
    )


def build_parser():
    """The argument parser of the ``bp`` command.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> args = build_parser().parse_args(["trace", "--lr", "0.1", "--bias", "shared"])
    >>> args.lr, args.bias, args.steps
    (0.1, 'shared', 1)
    >>> build_parser().parse_args(["check", "out_h1=0.5933"]).numbers
    [('out_h1', '0.5933')]
    """
    parser = _Parser(prog="bp", description="Companion commands of the book on backpropagation.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    trace = commands.add_parser(
        "trace",
        help="print the 2-2-2 worked example step by step",
        description="Print every quantity of the 2-2-2 worked example: forward pass, chain-rule "
        "factors, deltas, gradients, updated parameters and the error after the update.",
    )
    _add_configuration(trace)
    shown = trace.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print one flat JSON object")
    shown.add_argument(
        "--explain",
        action="store_true",
        help="walk through one step in the order of a hand calculation: each rule, "
        "the numbers substituted, the result (as the book's walk-through page)",
    )
    check = commands.add_parser(
        "check",
        help="check your own numbers of the worked example, and name the slip behind them",
        description="Compare your numbers with bp's for the same configuration. A value is "
        "right when it agrees in every significant digit you wrote; a zero has none and is "
        "not checked. For the first that differs, print the expected value and the known slip "
        "that reproduces your numbers, if one does. Exit 0 when all agree, 1 when some differ "
        "or are not checked, 2 on bad input. Numbers take a decimal point and the digits 0-9.",
    )
    _add_configuration(check)
    check.add_argument(
        "--file",
        action="append",
        metavar="NUMBERS.json",
        help="a JSON object of your numbers, with the keys of 'bp trace --json'; several "
        "--file are read together, and a key given twice is refused",
    )
    check.add_argument(
        "--verdict-only",
        action="store_true",
        help="say right or wrong and name the slip, without printing the expected value",
    )
    check.add_argument(
        "numbers",
        nargs="*",
        type=_key_value,
        metavar="KEY=VALUE",
        help="your numbers, with the keys of 'bp trace --json' (and delta_o1, dE_dout_h1, ...)",
    )
    _add_practice(commands)
    return parser


def _seed(text):
    try:
        seeds = practice.parse_seeds(text)
    except ValueError:
        seeds = []
    if len(seeds) != 1 or "-" in text or "," in text:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 0 to {practice.MAX_SEED}, got {text!r}"
        )
    return seeds


def _seeds(text):
    try:
        return practice.parse_seeds(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_practice(commands):
    drill = commands.add_parser(
        "practice",
        help="the book's exercises on the worked example, with fresh numbers from a seed",
        description="Print the exercises that ask for numbers of the 2-2-2 example, with "
        "numbers drawn from a seed (the book's pages draw the same from ?seed=N), and, with "
        "--answers, bp's answers; or write them as Moodle XML quiz questions.",
    )
    which = drill.add_mutually_exclusive_group(required=True)
    which.add_argument("--seed", type=_seed, dest="seeds", metavar="N", help="one seed")
    which.add_argument("--seeds", type=_seeds, metavar="LIST", help="such as 1-120 or 3,5,8-10")
    drill.add_argument(
        "--exercise",
        action="append",
        choices=practice.EXERCISES,
        help="only this exercise (repeatable); default: all",
    )
    drill.add_argument("--answers", action="store_true", help="print the answers")
    drill.add_argument("--moodle", metavar="QUIZ.xml", help="write Moodle XML quiz questions")


#: How the explorer page converts each option's text, by the type function of the option.
_PAGE_TYPES = {_finite: "finite", _positive: "positive", _count: "count"}


def page_data():
    """What the explorer page knows of bp, as plain data: written by the book's build into
    ``_static/bp-data.js``, so that the page's JavaScript holds only arithmetic.

    Returns
    -------
    dict
        JSON-ready: ``options``, the configuration options of ``trace`` and ``check`` in the
        parser's order (``name``, ``n`` values or ``None`` for one, ``type`` of
        ``"finite"``, ``"positive"``, ``"count"`` or ``"choice"``, ``choices``, ``default``,
        ``help``); ``max_steps``; the worked example's ``layers``, ``wiring`` and
        ``bias_wiring``; the slip ``catalogue`` (:func:`bp.slips.catalogue`);
        ``quantities``, the groups of :func:`bp.example.quantities` for each bias mode; ``eps``,
        the step of :func:`bp.gradcheck.numerical_gradient`; ``grammar``, the regular
        expressions of numbers written as text (``bp._checks.NUMBER`` ...: one grammar for the
        command line and the page); ``check``, the limits of :func:`bp.slips.check`
        (``max_digits``, ``max_exponent``, ``max_decimals``); ``walk``, the walk-through's
        templates (:func:`bp.walk.page_data`); ``practice``, what the pages need to draw the
        variants of :func:`bp.practice.variant` (:func:`bp.practice.page_data`).

    Examples
    --------
    >>> data = page_data()
    >>> [o["name"] for o in data["options"]]
    ['inputs', 'targets', 'weights', 'biases', 'lr', 'bias', 'update', 'steps']
    >>> data["options"][2]["default"][:2], data["wiring"]["w5"], data["eps"]
    ([0.15, 0.2], ['h1', 'o1'], 1e-06)
    """
    parser = _Parser(add_help=False)
    _add_configuration(parser)
    options = [
        {
            "name": a.dest,
            "n": a.nargs,
            "type": "choice" if a.choices else _PAGE_TYPES[a.type],
            "choices": list(a.choices) if a.choices else None,
            "default": list(a.default) if isinstance(a.default, tuple) else a.default,
            "help": a.help,
        }
        for a in parser._actions
    ]
    eps = inspect.signature(gradcheck.numerical_gradient).parameters["eps"].default
    data = {
        "options": options,
        "max_steps": example.MAX_STEPS,
        "layers": example.LAYERS,
        "wiring": example.WIRING,
        "bias_wiring": example.BIAS_WIRING,
        "catalogue": slips.catalogue(),
        "quantities": {bias: example.quantities(bias) for bias in example.BIAS_MODES},
        "eps": eps,
        "grammar": {k: getattr(_checks, k) for k in ("NUMBER", "NONFINITE", "INTEGER", "NEGATIVE")},
        "practice": practice.page_data(),
        "check": {
            "max_digits": digits.MAX_DIGITS,
            "max_exponent": digits.MAX_EXPONENT,
            "max_decimals": digits.MAX_DECIMALS,
        },
        "walk": walk.page_data(),
    }
    return json.loads(json.dumps(data))  # tuples as lists: what the page reads


def page_script():
    """:func:`page_data` as the classic script the explorer page loads: ``window.bpData = ...``.

    A script, not a JSON file, so that the page works from ``file://`` (no fetch).

    Returns
    -------
    str

    Examples
    --------
    >>> page_script().splitlines()[1]
    'window.bpData = {'
    """
    data = json.dumps(page_data(), indent=1, ensure_ascii=False)
    return (
        "/* Generated from bp by the book's build: bp.cli.page_data(). Do not edit. */\n"
        f"window.bpData = {data};\n"
    )


def _configuration(args):
    keys = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
    return {k: getattr(args, k) for k in keys}


def _read_numbers(args, fail):
    """The learner's numbers as written: from each ``--file`` and the KEY=VALUE arguments.

    A key given twice, in one file, in two, or in a file and an argument, is refused.
    """
    pairs = []
    for path in args.file or ():
        try:
            with open(path, encoding="utf-8-sig") as f:  # a byte-order mark, as Notepad writes
                # numbers as text, so that the digits the learner wrote count; every pair of
                # every object, so that a key written twice is seen
                data = json.load(
                    f, parse_float=str, parse_int=str, parse_constant=str, object_pairs_hook=list
                )
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            fail(f"cannot read --file {path}: {err}")
        except RecursionError:
            fail(f"cannot read --file {path}: its JSON is nested too deeply")
        if not (isinstance(data, list) and all(isinstance(p, tuple) for p in data)):
            fail(f"--file {path} must hold one JSON object of KEY: VALUE")
        pairs += [(key, _plain_json(value)) for key, value in data]
    numbers = {}
    for key, value in pairs + args.numbers:
        if key in numbers:
            fail(f"{key if len(key) <= 60 else key[:57] + '...'} is given twice")
        numbers[key] = value
    if not numbers:
        fail("no numbers to check: give KEY=VALUE arguments or --file NUMBERS.json")
    return numbers


def _plain_json(value):
    """A value of a --file as :func:`bp.slips.check` takes it: JSON arrays and objects (lists
    of pairs, as read) become lists and dicts again, so that the message shows JSON's form."""
    if isinstance(value, list):
        if value and all(isinstance(p, tuple) for p in value):
            return {k: _plain_json(v) for k, v in value}
        return [_plain_json(v) for v in value]
    return value


def _check_report(result, verdict_only=False):
    """What ``python -m bp check`` prints: the verdict, the first difference, the diagnosis.

    The explorer prints the same lines (``checkReport`` in docs/_static/explorer-core.js).
    """
    n, differ, unchecked = len(result.given), result.differ, result.unchecked
    lines = [f"All {n} value(s) agree with bp, to the digits you wrote."] if result.ok else []
    if differ:
        key = result.first
        written, value = result.given[key], result.expected[key]
        lines.append(
            f"{len(differ)} of {n} value(s) differ from bp. The first, in the order of the "
            f"computation: {key}"
        )
        if not verdict_only:  # a lecturer's setting: the learner finds the value themselves
            lines.append(f"  expected {digits.rounded_like(written, value)}  (exactly {value!r})")
        lines.append(f"  given    {_given(written)}")
        if len(differ) > 1:
            lines.append(f"Also differ: {', '.join(differ[1:])}")
        for slip in result.slips:
            lines += [
                f"Your numbers are those of a known slip, {slip.name}: {slip.description}",
                f"  The book explains it in {slip.url}",
            ]
        if not result.slips and key == next(iter(result.given)):
            lines += [
                (
                    f"No known slip reproduces your numbers, and the first you gave, {key}, "
                    "already differs: you probably worked with another configuration than the "
                    "one checked:"
                ),
                f"  {practice.options(result.expected.settings)}",
                f"  Give yours with these options, or recompute from {key}.",
            ]
        elif not result.slips:
            lines.append(f"No known slip reproduces all your numbers: recompute from {key}.")
    if unchecked:
        lines.append(
            f"Not checked, no significant digit: {', '.join(unchecked)}. A 0 (or 0.000) agrees "
            "with any value small enough, so it certifies nothing: write your value to its "
            "first nonzero digit at least."
        )
    if not differ and unchecked and len(unchecked) < n:
        lines.append(
            f"The other {n - len(unchecked)} value(s) agree with bp, to the digits you wrote."
        )
    long = [k for k, w in result.given.items() if digits.significant_digits(w) > digits.MAX_DIGITS]
    if long:
        lines.append(
            f"Only the first {digits.MAX_DIGITS} significant digits of {', '.join(long)} are "
            "compared: bp computes in float64."
        )
    return "\n".join(lines)


def _given(written):
    """A learner's value as they wrote it, for the report (a float32 as its own digits)."""
    return written.strip() if isinstance(written, str) else str(written)


def _run(argv):
    parser = build_parser()
    args = parser.parse_args(argv)
    prog = f"bp {args.command}"

    def fail(message):
        parser.exit(USAGE, f"{prog}: error: {message}\n")

    if args.command == "practice":
        return _practice(args)
    config = _configuration(args)
    if args.command == "check":
        numbers = _read_numbers(args, fail)
        try:
            result = slips.check(numbers, **config)
        except (ValueError, TypeError) as err:
            fail(err)
        _write(_check_report(result, args.verdict_only))
        return OK if result.ok else DIFFER
    try:
        trace = example.worked_example(**config)
        text = walk.explain(**config) if args.explain else None
    except ValueError as err:  # a result out of float range: no table, no invalid JSON
        fail(err)
    _write(text if args.explain else trace.to_json() if args.json else trace.table())
    return OK


def _practice(args):
    names = args.exercise or list(practice.EXERCISES)
    if args.moodle:
        xml = practice.moodle_xml(args.seeds, names)
        try:
            with open(args.moodle, "w", encoding="utf-8") as f:
                f.write(xml)
        except OSError as err:
            sys.stderr.write(f"bp practice: error: cannot write --moodle {args.moodle}: {err}\n")
            return ERROR
        return OK
    if len(args.seeds) > 1 and args.answers:
        _write(practice.answer_key(args.seeds, names))
        return OK
    variants = (practice.variant(s, n) for s in args.seeds for n in names)
    _write("\n\n".join(v.text(args.answers) for v in variants))
    return OK


def _write(text):
    if sys.stdout is None:  # started with its standard output closed
        raise OSError("standard output is closed")
    sys.stdout.write(text + "\n")
    sys.stdout.flush()  # here, so that a failure is caught here, not at exit


def _discard_stdout():
    """Point the standard output at /dev/null, so that Python's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real file behind sys.stdout
        pass


def _escape_unencodable():
    """Write what the terminal's encoding cannot hold as escapes (\\u0661), not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # not a text file, or already closed: nothing to reconfigure
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def main(argv=None):
    """Run the ``bp`` command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; the default reads ``sys.argv``.

    Returns
    -------
    int
        The exit code: 0 on success, 1 when ``check`` finds a differing or unchecked value or
        the output cannot be written, 130 on Ctrl-C, 141 when the output's reader has gone (argparse exits
        with 2 on a usage error).

    Examples
    --------
    >>> main(["trace", "--json"])  # doctest: +ELLIPSIS
    {"net_h1": 0.3775, "out_h1": 0.5932699921071872, ...}
    0
    >>> main(["check", "out_h1=0.5933", "E_total=0.2984"])
    All 2 value(s) agree with bp, to the digits you wrote.
    0
    """
    _escape_unencodable()
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:  # `bp trace | head -1`: the reader has what it wanted
        _discard_stdout()
        return BROKEN_PIPE
    except OSError as err:  # a full disk, a closed stdout
        _discard_stdout()
        if sys.stderr is not None:
            sys.stderr.write(f"bp: error: cannot write the output: {err}\n")
        return ERROR
