"""Keep every number: ``python -m bp trace`` prints, byte for byte, what it printed before the
worked example's code was restructured: a change of structure must not change a number.

``tests/data/trace_golden.json`` was written by ``tests/data/make_trace_golden.py`` from the code
of that day: the published example and 63 variants (every bias mode and update order, 1 to 1000
steps, other weights, inputs, targets and learning rates, 30 seeded random configurations).
"""

from __future__ import annotations

import json
import pathlib

import pytest

from bp import cli, example

CASES = json.loads(
    (pathlib.Path(__file__).parent / "data" / "trace_golden.json").read_text(encoding="utf-8")
)
KEYS = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")


def test_the_record_covers_every_mode():
    assert CASES[0]["args"] == []
    runs = [cli.build_parser().parse_args(["trace", *case["args"]]) for case in CASES]
    assert {(a.bias, a.update) for a in runs} == {
        (b, u) for b in example.BIAS_MODES for u in example.UPDATE_ORDERS
    }
    assert {a.steps for a in runs} >= {1, 2, 5, 50, 1000}


@pytest.mark.parametrize("case", CASES, ids=lambda case: " ".join(case["args"]) or "published")
def test_trace_prints_what_it_printed(case, capsys):
    assert cli.main(["trace", "--json", *case["args"]]) == 0
    assert capsys.readouterr().out == case["json"]
    assert cli.main(["trace", *case["args"]]) == 0
    assert capsys.readouterr().out == case["table"]
    args = cli.build_parser().parse_args(["trace", *case["args"]])
    trace = example.worked_example(**{k: getattr(args, k) for k in KEYS})
    assert dict(trace) == case["trace"]
