"""Write ``trace_golden.json``: ``python -m bp trace [--json]`` for the published example and many
variants, as printed by the code of the day it was run.

The file is a record, not a specification: ``tests/test_trace_golden.py`` checks that today's code
prints exactly the same bytes, so a refactoring that changes any number of the book fails. Run this
script again only when a change of a number is intended, and say why in the commit.

    python tests/data/make_trace_golden.py
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import pathlib
import random

from bp import cli, example


def variants():
    yield []
    for bias, update, steps in itertools.product(
        ("fixed", "shared", "per-neuron"), ("simultaneous", "sequential"), (1, 2, 5, 50)
    ):
        yield ["--bias", bias, "--update", update, "--steps", str(steps)]
    yield ["--lr", "0.8"]
    yield ["--lr", "0.01", "--steps", "1000"]
    yield ["--lr", "40", "--steps", "3", "--bias", "per-neuron"]
    yield ["--inputs", "1", "-2", "--targets", "0.3", "0.7"]
    yield ["--weights", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", "--bias", "shared"]
    yield ["--biases", "0", "0", "--steps", "3"]
    yield ["--weights", "-1e-3", "0", "0", "0", "0", "0", "0", "0"]
    yield ["--targets", "2", "-1", "--bias", "per-neuron", "--update", "sequential"]
    yield ["--weights", "30", "-30", "30", "-30", "30", "-30", "30", "-30"]  # saturated neurons
    rng = random.Random(20261127)
    for _ in range(30):
        args = ["--inputs", *(repr(round(rng.uniform(-2, 2), 6)) for _ in range(2))]
        args += ["--targets", *(repr(round(rng.uniform(0, 1), 6)) for _ in range(2))]
        args += ["--weights", *(repr(round(rng.uniform(-3, 3), 6)) for _ in range(8))]
        args += ["--biases", *(repr(round(rng.uniform(-1, 1), 6)) for _ in range(2))]
        args += ["--lr", repr(round(rng.uniform(0.01, 2), 4))]
        args += ["--bias", rng.choice(["fixed", "shared", "per-neuron"])]
        args += ["--update", rng.choice(["simultaneous", "sequential"])]
        args += ["--steps", str(rng.randint(1, 50))]
        yield args


def printed(args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["trace", *args]) == 0
    return out.getvalue()


def every_quantity(args):
    """Every named quantity of the run, the chain-rule factors too, not only the JSON's keys."""
    a = cli.build_parser().parse_args(["trace", *args])
    keys = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
    return dict(example.worked_example(**{k: getattr(a, k) for k in keys}))


def main():
    cases = [
        {
            "args": args,
            "json": printed([*args, "--json"]),
            "table": printed(args),
            "trace": every_quantity(args),
        }
        for args in variants()
    ]
    path = pathlib.Path(__file__).with_name("trace_golden.json")
    path.write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {path}")


if __name__ == "__main__":
    main()
