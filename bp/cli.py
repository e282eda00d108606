"""The command line: ``python -m bp trace`` prints the worked example step by step.

A learner who works the 2-2-2 example by hand can check every number, with the book's values or
their own::

    python -m bp trace
    python -m bp trace --weights .1 .2 .3 .4 .5 .6 .7 .8 --bias per-neuron --steps 10
    python -m bp trace --json

Bad values are usage errors: exit code 2 and a one-line message, never a traceback.
"""

from __future__ import annotations

import argparse
import math
import re
import sys

from bp import example

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``bp trace: error: ...``.

    It also reads ``-1e-3`` as a negative number, not an option (Python before 3.13 does not).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


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
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return n


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
    """
    parser = _Parser(prog="bp", description="Companion commands of the book on backpropagation.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    trace = commands.add_parser(
        "trace",
        help="print the 2-2-2 worked example step by step",
        description="Print every quantity of the 2-2-2 worked example: forward pass, chain-rule "
        "factors, deltas, gradients, updated parameters and the error after the update.",
    )
    trace.add_argument(
        "--inputs", nargs=2, type=_finite, metavar=("I1", "I2"), default=example.INPUTS
    )
    trace.add_argument(
        "--targets", nargs=2, type=_finite, metavar=("T1", "T2"), default=example.TARGETS
    )
    trace.add_argument(
        "--weights",
        nargs=8,
        type=_finite,
        metavar=tuple(f"W{i}" for i in range(1, 9)),
        default=example.WEIGHTS,
        help="w1..w8: w1, w2 feed h1; w3, w4 feed h2; w5, w6 feed o1; w7, w8 feed o2",
    )
    trace.add_argument(
        "--biases",
        nargs=2,
        type=_finite,
        metavar=("B1", "B2"),
        default=example.BIASES,
        help="b1 (hidden layer) and b2 (output layer)",
    )
    trace.add_argument(
        "--lr", type=_positive, metavar="ETA", default=example.LEARNING_RATE, help="learning rate"
    )
    trace.add_argument(
        "--bias",
        choices=example.BIAS_MODES,
        default="fixed",
        help="biases not trained, one per layer, or one per neuron (default: fixed)",
    )
    trace.add_argument(
        "--update",
        choices=example.UPDATE_ORDERS,
        default="simultaneous",
        help="simultaneous (correct) or sequential (output weights updated before the hidden "
        "deltas: a common mistake)",
    )
    trace.add_argument("--steps", type=_count, metavar="N", default=1, help="gradient steps")
    trace.add_argument("--json", action="store_true", help="print one flat JSON object")
    return parser


def main(argv=None):
    """Run the ``bp`` command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; the default reads ``sys.argv``.

    Returns
    -------
    int
        The exit code, 0 on success (argparse exits with 2 on a usage error).

    Examples
    --------
    >>> main(["trace", "--json"])  # doctest: +ELLIPSIS
    {"net_h1": 0.3775, "out_h1": 0.5932699921071872, ...}
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        trace = example.worked_example(
            inputs=args.inputs,
            targets=args.targets,
            weights=args.weights,
            biases=args.biases,
            lr=args.lr,
            bias=args.bias,
            update=args.update,
            steps=args.steps,
        )
    except ValueError as err:  # a result out of float range: no table, no invalid JSON
        parser.exit(2, f"bp {args.command}: error: {err}\n")
    sys.stdout.write((trace.to_json() if args.json else trace.table()) + "\n")
    return 0
