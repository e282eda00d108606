"""bp.landscape: the numbers the prose reads off the error surface, unchanged by the move.

``tests/data/landscape_before.json`` holds values computed by the functions these replace
(``bp.plotting.error_along``, ``error_grid``, ``_gradient_descent_1d`` and the loop inside
``plot_error_along``) at commit feb2e00, before bp.plotting became a package. The new functions
must give the same floats, to 13 significant digits: their last bit differs from one processor
to another (numpy's ``exp`` and sums take vectorised paths that depend on the CPU), while a
changed formula moves them far more.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from bp import example
from bp.landscape import error_along, error_grid, gradient_descent_1d, minimum_along

BEFORE = json.loads((Path(__file__).parent / "data" / "landscape_before.json").read_text())
GRID = np.array(BEFORE["error_along_grid"])
REL = 1e-13


def assert_same(got, want, what=""):
    np.testing.assert_allclose(got, want, rtol=REL, atol=0, err_msg=what)


def test_a_changed_value_is_caught():
    want = BEFORE["error_along"]["w5"]
    with pytest.raises(AssertionError):
        assert_same(np.array(want) * (1 + 1e-12), want)


@pytest.mark.parametrize("weight", sorted(BEFORE["error_along"]))
def test_error_along_unchanged(weight):
    assert_same(error_along(weight, GRID), BEFORE["error_along"][weight])


def test_error_along_other_weights_unchanged():
    got = error_along("w6", GRID, weights=BEFORE["error_along_weights"])
    assert_same(got, BEFORE["error_along_alt"])


@pytest.mark.parametrize(
    ("key", "args"),
    [("error_grid", ((-4.0, 4.0), (-4.0, 4.0))), ("error_grid_ranges", ((-2.0, 6.0), (-1.0, 3.0)))],
)
def test_error_grid_unchanged(key, args):
    n = len(BEFORE[key]["E"])
    W5, W6, E = error_grid(*args, n=n)
    assert_same(W5, BEFORE[key]["W5"])
    assert_same(W6, BEFORE[key]["W6"])
    assert_same(E, BEFORE[key]["E"])


@pytest.mark.parametrize("case", sorted(BEFORE["descent"]))
def test_gradient_descent_1d_unchanged(case):
    weight, lr, steps, start = case.split("|")
    path = gradient_descent_1d(weight, float(lr), int(steps), float(start))
    assert_same(path, BEFORE["descent"][case])


VARIANT = {"inputs": (0.3, -0.2), "targets": (0.2, 0.7), "lr": 2.0, "bias": "per-neuron"}


@pytest.mark.parametrize("case", sorted(BEFORE["error_curves"]))
def test_error_curves_unchanged(case):
    """The three curves plot_error_along drew with its own loop, now from error_along."""
    run, weight = case.split("|")
    trace = example.worked_example(**(VARIANT if run == "variant" else {}))
    s = trace.settings
    want = BEFORE["error_curves"][case]
    for error in ("E_total", "E_o1", "E_o2"):
        got = error_along(
            weight,
            want["x"],
            s["weights"],
            inputs=s["inputs"],
            targets=s["targets"],
            biases=s["biases"],
            error=error,
        )
        assert_same(got, want[error], error)


def test_error_along_matches_the_worked_example_at_each_weight():
    t = example.worked_example()
    for i, weight in enumerate(example.WIRING):
        assert error_along(weight, [example.WEIGHTS[i]])[0] == t["E_total"]


def test_outputs_share_the_total():
    values = np.linspace(-2, 2, 5)
    total = error_along("w2", values)
    parts = error_along("w2", values, error="E_o1") + error_along("w2", values, error="E_o2")
    np.testing.assert_allclose(total, parts, rtol=0, atol=1e-15)


def test_one_descent_step_is_the_examples_update():
    for i, weight in enumerate(example.WIRING):
        path = gradient_descent_1d(weight, 0.5, 1, example.WEIGHTS[i])
        assert path[1] == example.worked_example()[f"{weight}_new"]


@pytest.mark.parametrize("weight", ["w0", "w9", "W5", "", 5, None, ("w5",)])
def test_unknown_weight_is_refused(weight):
    for f in (
        lambda: error_along(weight, [0.0]),
        lambda: gradient_descent_1d(weight, 0.5, 1, 0.0),
    ):
        with pytest.raises(
            ValueError, match=r"weight must be one of w1, w2, w3, w4, w5, w6, w7, w8; got"
        ):
            f()


def test_unknown_error_is_refused():
    with pytest.raises(ValueError, match="error must be one of 'E_total', 'E_o1', 'E_o2'; got 'E'"):
        error_along("w5", [0.0], error="E")


@pytest.mark.parametrize("values", [[np.nan], [0.0, np.inf]])
def test_non_finite_values_are_refused(values):
    with pytest.raises(ValueError, match=r"^values must be finite"):
        error_along("w5", values)


def test_booleans_as_values_are_refused():
    with pytest.raises(TypeError, match=r"^values must hold real numbers; got booleans"):
        error_along("w5", [True, False])


def test_values_not_1d_are_refused():
    with pytest.raises(ValueError, match=r"^values must be 1-D; got 2-D shape \(1, 2\)"):
        error_along("w5", [[0.0, 1.0]])


def test_non_finite_start_is_refused():
    with pytest.raises(ValueError, match=r"^start must be a finite number; got nan"):
        gradient_descent_1d("w5", 0.5, 1, np.nan)


@pytest.mark.parametrize(
    ("lr", "error"), [(0.0, ValueError), (-1.0, ValueError), (True, TypeError)]
)
def test_bad_learning_rate_is_refused(lr, error):
    with pytest.raises(error, match="lr must be"):
        gradient_descent_1d("w5", lr, 1, 0.4)


@pytest.mark.parametrize(("steps", "error"), [(0, ValueError), (1.5, TypeError)])
def test_bad_steps_are_refused(steps, error):
    with pytest.raises(error, match="steps must be"):
        gradient_descent_1d("w5", 0.5, steps, 0.4)


@pytest.mark.parametrize(("n", "error"), [(0, ValueError), (2.0, TypeError)])
def test_bad_grid_size_is_refused(n, error):
    with pytest.raises(error, match="n must be"):
        error_grid(n=n)


def test_non_finite_grid_range_is_refused():
    with pytest.raises(ValueError, match=r"^w6\[1\] must be a finite number; got inf"):
        error_grid(w6=(0.0, np.inf))


# --- the minimum along one weight ---------------------------------------------------------------


@pytest.mark.parametrize("weight", list(example.WIRING))
def test_minimum_along_is_the_lowest_point_of_the_curve(weight):
    grid = np.linspace(-3.0, 3.0, 61)
    E = error_along(weight, grid)
    assert minimum_along(weight, (-3.0, 3.0), n=61) == (float(grid[E.argmin()]), float(E.min()))


def test_minimum_along_w5_lies_left_of_its_start():
    w, E = minimum_along("w5")
    assert w < example.WEIGHTS[4]
    assert example.worked_example()["E_total"] > E


def test_minimum_along_an_unknown_weight_is_refused():
    with pytest.raises(ValueError, match=r"^weight must be one of w1"):
        minimum_along("b1")


@pytest.mark.parametrize(("n", "error"), [(0, ValueError), (2.0, TypeError)])
def test_minimum_along_a_bad_grid_size_is_refused(n, error):
    with pytest.raises(error, match=r"^n must be"):
        minimum_along("w5", n=n)


def test_minimum_along_a_span_that_is_not_a_pair_is_refused():
    with pytest.raises(ValueError, match=r"^span must"):
        minimum_along("w5", span=(0.0, 1.0, 2.0))


def test_minimum_along_a_non_finite_span_is_refused():
    with pytest.raises(ValueError, match=r"^span\[0\] must be a finite number"):
        minimum_along("w5", span=(-np.inf, 1.0))


@pytest.mark.parametrize(
    "call",
    [
        lambda w: gradient_descent_1d("w5", lr=0.5, steps=1, start=0.4, weights=w),
        lambda w: error_along("w5", [0.4], weights=w),
    ],
    ids=["gradient_descent_1d", "error_along"],
)
def test_weights_that_are_not_eight_numbers_are_refused_naming_weights(call):
    # A raw IndexError came out of weights=(1, 2).
    with pytest.raises(ValueError, match=r"^weights must hold 8 numbers; got 2: \(1, 2\)"):
        call((1, 2))
    with pytest.raises(TypeError, match=r"^weights\[0\] must be a real number"):
        call(("a",) * 8)
