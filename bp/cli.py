"""The command line: ``python -m bp trace`` prints the worked example step by step, and
``python -m bp check`` checks a learner's own numbers against it.

A learner who works the 2-2-2 example by hand can check every number, with the book's values or
their own::

    python -m bp trace
    python -m bp trace --weights .1 .2 .3 .4 .5 .6 .7 .8 --bias per-neuron --steps 10
    python -m bp trace --json
    python -m bp check out_h1=0.5933 E_total=0.2984 dE_dw5=0.0822 w5_new=0.3589
    python -m bp check --lr 0.8 --file my-numbers.json

Exit codes follow the conventions of Unix tools: 0 on success (``check``: every value agrees);
1 when ``check`` finds a value that differs, or the output cannot be written (one line on
stderr); 2 on bad input (a usage error, a key or value ``check`` does not know, or numbers that
overflow), with a one-line message, never a traceback; 130 when interrupted (Ctrl-C); 141,
quietly, when the reader of the output has gone (``| head -1``).
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import re
import sys

from bp import example, gradcheck, slips

__all__ = ["build_parser", "main", "page_data", "page_script"]

#: Exit codes.
OK, DIFFER, ERROR, USAGE, INTERRUPTED, BROKEN_PIPE = 0, 1, 1, 2, 130, 141


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``bp trace: error: ...``.

    It also reads ``-1e-3`` as a negative number, not an option (Python before 3.13 does not),
    and ``-inf``, ``-nan`` as values (which the options then refuse as not finite).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(
            r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE
        )

    def error(self, message):
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def _finite(text):
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
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
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{expected}, got {text!r}") from None
    if not 1 <= n <= example.MAX_STEPS:
        raise argparse.ArgumentTypeError(f"{expected}, got {text!r}")
    return n


def _key_value(text):
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE such as out_h1=0.5933, got {text!r}")
    return key.strip(), value.strip()


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
    trace.add_argument("--json", action="store_true", help="print one flat JSON object")
    check = commands.add_parser(
        "check",
        help="check your own numbers of the worked example, and name the slip behind them",
        description="Compare your numbers with bp's for the same configuration. A value is "
        "right when it agrees to the digits you wrote. For the first that differs, print the "
        "expected value and the known slip that reproduces your numbers, if one does. Exit 0 "
        "when all agree, 1 when some differ, 2 on bad input.",
    )
    _add_configuration(check)
    check.add_argument(
        "--file",
        metavar="NUMBERS.json",
        help="a JSON object of your numbers, with the keys of 'bp trace --json'",
    )
    check.add_argument(
        "numbers",
        nargs="*",
        type=_key_value,
        metavar="KEY=VALUE",
        help="your numbers, with the keys of 'bp trace --json' (and delta_o1, dE_dout_h1, ...)",
    )
    return parser


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
        the step of :func:`bp.gradcheck.numerical_gradient`.

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
    """The learner's numbers as written: from ``--file`` and the KEY=VALUE arguments."""
    numbers = {}
    if args.file is not None:
        try:
            with open(args.file, encoding="utf-8") as f:
                # numbers as text, so that the digits the learner wrote count
                data = json.load(f, parse_float=str, parse_int=str, parse_constant=str)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            fail(f"cannot read --file {args.file}: {err}")
        if not isinstance(data, dict):
            fail(f"--file {args.file} must hold one JSON object of KEY: VALUE")
        numbers.update(data)
    for key, value in args.numbers:
        if key in numbers:
            fail(f"{key} is given twice")
        numbers[key] = value
    if not numbers:
        fail("no numbers to check: give KEY=VALUE arguments or --file NUMBERS.json")
    return numbers


def _check_report(result):
    n, differ = len(result.given), result.differ
    if result.ok:
        return f"All {n} value(s) agree with bp, to the digits you wrote."
    key = result.first
    written, value = result.given[key], result.expected[key]
    lines = [
        (
            f"{len(differ)} of {n} value(s) differ from bp. The first, in the order of the "
            f"computation: {key}"
        ),
        f"  expected {slips.rounded_like(written, value)}  (exactly {value!r})",
        f"  given    {str(written).strip()}",
    ]
    if len(differ) > 1:
        lines.append(f"Also differ: {', '.join(differ[1:])}")
    if result.slips:
        for slip in result.slips:
            lines += [
                f"Your numbers are those of a known slip, {slip.name}: {slip.description}",
                f"  The book explains it in {slip.url}",
            ]
    else:
        lines.append("No known slip reproduces all your numbers: recompute from " + key + ".")
    return "\n".join(lines)


def _run(argv):
    parser = build_parser()
    args = parser.parse_args(argv)
    prog = f"bp {args.command}"

    def fail(message):
        parser.exit(USAGE, f"{prog}: error: {message}\n")

    config = _configuration(args)
    if args.command == "check":
        numbers = _read_numbers(args, fail)
        try:
            result = slips.check(numbers, **config)
        except (ValueError, TypeError) as err:
            fail(err)
        _write(_check_report(result))
        return OK if result.ok else DIFFER
    try:
        trace = example.worked_example(**config)
    except ValueError as err:  # a result out of float range: no table, no invalid JSON
        fail(err)
    _write(trace.to_json() if args.json else trace.table())
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


def main(argv=None):
    """Run the ``bp`` command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; the default reads ``sys.argv``.

    Returns
    -------
    int
        The exit code: 0 on success, 1 when ``check`` finds a differing value or the output
        cannot be written, 130 on Ctrl-C, 141 when the output's reader has gone (argparse exits
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
