"""Keep every number: ``python -m bp trace`` prints what it printed before the worked example's
code was restructured: a change of structure must not change a number. The table is compared
character for character; the full-precision values (``--json`` and the trace itself) to 13
significant digits, since their last bit differs from one processor to another (numpy's ``exp``
and sums take vectorised paths that depend on the CPU), while any change of formula moves far more.

``tests/data/trace_golden.json`` was written by ``tests/data/make_trace_golden.py`` from the code
of that day: the published example and 63 variants (every bias mode and update order, 1 to 1000
steps, other weights, inputs, targets and learning rates, 30 seeded random configurations).
"""

from __future__ import annotations

import json
import math
import pathlib

import pytest

from bp import cli, example

CASES = json.loads(
    (pathlib.Path(__file__).parent / "data" / "trace_golden.json").read_text(encoding="utf-8")
)
KEYS = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
REL = 1e-13


def assert_same_values(got, want):
    """The same keys in the same order, and each value the same to REL."""
    assert list(got) == list(want)
    far = {k: (got[k], want[k]) for k in want if not math.isclose(got[k], want[k], rel_tol=REL)}
    assert far == {}


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
    assert_same_values(json.loads(capsys.readouterr().out), json.loads(case["json"]))
    assert cli.main(["trace", *case["args"]]) == 0
    assert capsys.readouterr().out == case["table"]
    args = cli.build_parser().parse_args(["trace", *case["args"]])
    trace = example.worked_example(**{k: getattr(args, k) for k in KEYS})
    assert_same_values(dict(trace), case["trace"])


def test_a_changed_value_is_caught():
    """The tolerance lets the last bits vary, not a formula: a relative change of 1e-12 fails."""
    want = CASES[0]["trace"]
    moved = {k: v * (1 + 1e-12) if k == "E_total" else v for k, v in want.items()}
    with pytest.raises(AssertionError):
        assert_same_values(moved, want)
    assert_same_values({k: v * (1 + 2e-16) for k, v in want.items()}, want)
