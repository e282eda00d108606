"""Tests of :mod:`bp.slips`: each slip does what its sentence says, is computed by the example's
own step under any configuration, and is recognised by :func:`bp.slips.check` from its own
numbers; right numbers pass, a corrupted one is named, bad input raises."""

from __future__ import annotations

import fractions
import json
import math
import pathlib
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp import cli, example, slips
from bp.example import worked_example, worked_example_network
from bp.gradcheck import relative_error

DOCS = pathlib.Path(__file__).parent.parent / "docs"

CONFIGS = {
    "published": {},
    "shared": {"bias": "shared"},
    "per-neuron, 3 steps": {"bias": "per-neuron", "steps": 3},
    "sequential, lr 0.8": {"update": "sequential", "lr": 0.8},
    "other numbers": {
        "weights": (0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8),
        "inputs": (1.0, -0.5),
        "targets": (0.3, 0.7),
        "biases": (-0.3, 0.2),
        "bias": "shared",
        "steps": 5,
    },
}


def applies(slip, config):
    return slip.applies(config.get("bias", "fixed"), config.get("update", "simultaneous"))


CASES = [
    pytest.param(name, config, id=f"{name}-{label}")
    for label, config in CONFIGS.items()
    for name, slip in slips.SLIPS.items()
    if applies(slip, config)
]


# --- the catalogue ----------------------------------------------------------------------------


def test_the_catalogue_holds_the_known_slips_in_order():
    assert list(slips.SLIPS) == [
        "sequential",
        "sign",
        "factor-two",
        "wrong-neuron-slope",
        "cross-layer-slope",
        "wrong-weights",
        "one-path",
        "fork-weights",
        "rounded",
        "bias-trained",
        "bias-fixed",
        "half-shared-bias",
        "weight-as-input",
    ]


@pytest.mark.parametrize("slip", slips.SLIPS.values(), ids=list(slips.SLIPS))
def test_each_slip_has_one_sentence_a_section_and_one_change_of_the_step(slip):
    assert slip.description.endswith(".")
    assert slip.description.count(". ") == 0  # one sentence
    page, anchor = slip.section.split("#")
    assert re.fullmatch(r"[a-z0-9-]+", anchor)
    # the section exists: a MyST label on that page
    assert f"\n({anchor})=\n" in (DOCS / f"{page}.md").read_text(encoding="utf-8"), slip.section
    assert slip.url == f"{page}.html#{anchor}"
    # one rule of the step replaced, or the step run with another update order or bias mode
    assert (slip.rule is None) != (not slip.config)
    if slip.rule is not None:
        assert list(slip.rules) == [slip.rule]
        assert slip.rule in example.RULES
        assert slip.rules[slip.rule] is not example.RULES[slip.rule]
    choices = {"update": example.UPDATE_ORDERS, "bias": example.BIAS_MODES}
    assert all(value in choices[k] for k, value in slip.config.items())


def test_the_catalogue_is_plain_json():
    data = json.loads(json.dumps(slips.catalogue()))
    assert [d["name"] for d in data] == list(slips.SLIPS)
    assert data[0]["applies_to"] == {"update": ["simultaneous"]}
    assert (data[-1]["rule"], data[-1]["params"], data[-1]["config"]) == (
        "dnet_dw",
        {"weights": ["w8"]},
        {},
    )


# --- each slip is what its sentence says --------------------------------------------------------


def test_no_slip_gives_the_right_numbers():
    assert slips.trace(None) == worked_example()


@pytest.mark.parametrize(("name", "config"), CASES)
def test_each_slip_changes_some_number_of_the_trace(name, config):
    right, slipped = slips.trace(None, **config), slips.trace(name, **config)
    assert list(slipped.json_dict()) == list(right.json_dict())  # the configuration's keys
    assert slipped.json_dict() != right.json_dict()
    assert slipped.settings["slip"] == name
    assert (slipped.settings["bias"], slipped.settings["update"]) == (
        right.settings["bias"],
        right.settings["update"],
    )


def test_sequential_takes_the_hidden_blame_through_the_new_weights():
    t = slips.trace("sequential")
    assert t["dEo1_dout_h1"] == t["delta_o1"] * t["w5_new"]
    assert t["dEo2_dout_h2"] == t["delta_o2"] * t["w8_new"]
    assert t["dE_dw5"] == worked_example()["dE_dw5"]


def test_sign_negates_every_gradient_of_the_first_step():
    right, t = worked_example(), slips.trace("sign")
    for w in example.WIRING:
        assert t[f"dE_d{w}"] == -right[f"dE_d{w}"]
    assert t["E_total"] == right["E_total"]
    assert t["E_after"] > right["E_total"]  # uphill


def test_factor_two_doubles_the_errors_and_the_gradients():
    right, t = worked_example(), slips.trace("factor-two")
    for key in ["E_o1", "E_o2", "E_total"] + [f"dE_d{w}" for w in example.WIRING]:
        assert t[key] == pytest.approx(2 * right[key], rel=1e-14), key


def test_wrong_neuron_slope_takes_the_other_neurons_slope():
    t = slips.trace("wrong-neuron-slope")
    assert t["dout_o1_dnet_o1"] == t["out_o2"] * (1 - t["out_o2"])
    assert t["dout_h2_dnet_h2"] == t["out_h1"] * (1 - t["out_h1"])


def test_wrong_weights_gives_o2_the_weights_of_o1():
    t = slips.trace("wrong-weights")
    assert t["net_o2"] == t["net_o1"]  # both outputs share b2
    assert t["net_h1"] == worked_example()["net_h1"]


def test_one_path_forgets_the_path_through_o2():
    t = slips.trace("one-path")
    assert t["dE_dout_h1"] == t["dEo1_dout_h1"]
    assert t["dE_dout_h2"] == t["dEo1_dout_h2"]


def test_rounded_writes_every_value_with_4_decimals():
    t = slips.trace("rounded")
    assert all(round(x, 4) == x for x in t.values())
    assert t["out_h1"] == 0.5933


def test_bias_trained_and_bias_fixed():
    assert slips.trace("bias-trained")["b1_new"] == worked_example(bias="shared")["b1_new"]
    fixed = slips.trace("bias-fixed", bias="per-neuron")
    assert [fixed[f"b_{u}_new"] for u in ("h1", "h2", "o1", "o2")] == [0.35, 0.35, 0.60, 0.60]


def test_cross_layer_slope_takes_the_output_o1s_slope_for_h2():
    right, t = worked_example(), slips.trace("cross-layer-slope")
    assert t["dout_h2_dnet_h2"] == t["out_o1"] * (1 - t["out_o1"])
    assert t["dout_h1_dnet_h1"] == right["dout_h1_dnet_h1"]
    assert t["dout_o1_dnet_o1"] == right["dout_o1_dnet_o1"]
    assert [s.name for s in slips.check({"dout_h2_dnet_h2": "0.1868"}).slips] == [
        "cross-layer-slope"
    ]


def test_the_check_command_names_the_cross_layer_slope(capsys):
    assert cli.main(["check", "dout_h2_dnet_h2=0.1868"]) == 1
    assert "known slip, cross-layer-slope:" in capsys.readouterr().out


def test_fork_weights_brings_the_blame_back_along_the_weights_into_one_output():
    right, t = worked_example(), slips.trace("fork-weights")
    w = dict(zip(example.WIRING, example.WEIGHTS, strict=True))
    assert t["dEo1_dout_h1"] == right["dEo1_dout_h1"]  # w5: right
    assert t["dEo2_dout_h1"] == t["delta_o2"] * w["w6"]  # w6 where w7 belongs
    assert t["dEo1_dout_h2"] == t["delta_o1"] * w["w7"]  # w7 where w6 belongs
    # W delta instead of W^T delta
    W2 = worked_example_network().weights[1]
    blame = W2 @ np.array([t["delta_o1"], t["delta_o2"]])
    assert np.allclose(blame, [t["dE_dout_h1"], t["dE_dout_h2"]], rtol=1e-15, atol=0)
    assert t["dE_dw5"] == right["dE_dw5"]
    assert t["dE_dw1"] != right["dE_dw1"]


def test_half_shared_bias_trains_a_shared_bias_with_one_neurons_delta():
    right, t = worked_example(bias="shared"), slips.trace("half-shared-bias", bias="shared")
    assert (t["dE_db1"], t["dE_db2"]) == (t["delta_h1"], t["delta_o1"])
    assert t["b1_new"] == example.BIASES[0] - example.LEARNING_RATE * t["delta_h1"]
    assert all(t[f"dE_d{w}"] == right[f"dE_d{w}"] for w in example.WIRING)
    assert t["b1_new"] != right["b1_new"]
    assert not slips.SLIPS["half-shared-bias"].applies(bias="fixed")


def test_weight_as_input_takes_w8_for_its_own_input():
    right, t = worked_example(), slips.trace("weight-as-input")
    assert t["dnet_o2_dw8"] == example.WEIGHTS[7]
    assert t["dE_dw8"] == t["delta_o2"] * example.WEIGHTS[7]
    assert t["dE_dw7"] == right["dE_dw7"]


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(list(slips.SLIPS)),
    weights=st.tuples(*[st.floats(-3, 3)] * 8),
    bias=st.sampled_from(example.BIAS_MODES),
    steps=st.integers(1, 4),
)
def test_a_slip_under_any_configuration_is_the_example_with_its_rule(name, weights, bias, steps):
    t = slips.trace(name, weights=weights, bias=bias, steps=steps)
    slip = slips.SLIPS[name]
    config = {"weights": weights, "bias": bias, "steps": steps, **slip.config}
    expected = worked_example(**config, rules=slip.rules)
    assert t == expected
    assert all(math.isfinite(x) for x in t.values())


# --- check: a learner's numbers ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "config"), CASES)
def test_each_slips_own_numbers_are_diagnosed_as_that_slip(name, config):
    theirs = slips.trace(name, **config).json_dict()
    right = slips.trace(None, **config)
    for digits in (None, 4):
        numbers = {k: repr(v) if digits is None else f"{v:.{digits}f}" for k, v in theirs.items()}
        result = slips.check(numbers, **config)
        if name == "rounded" and result.ok:
            # Rounded to 4 decimals, the rounded slip can agree with every right number to the
            # digits written: then it is no mistake at all.
            assert all(slips.agrees(numbers[k], right[k]) for k in numbers)
            continue
        assert not result.ok
        assert [s.name for s in result.slips] == [name]


def test_the_published_rounded_slip_shows_in_one_blame_and_in_E_after():
    # Written to 4 decimals, every number of the rounded slip agrees with the right one but
    # delta_o2 * w7 (from delta_o2 rounded first) and the error after the step.
    theirs = slips.trace("rounded").json_dict()
    result = slips.check({k: f"{v:.4f}" for k, v in theirs.items()})
    assert result.differ == ["dEo2_dout_h1", "E_after"]
    assert [s.name for s in result.slips] == ["rounded"]


@pytest.mark.parametrize("config", CONFIGS.values(), ids=list(CONFIGS))
def test_exact_numbers_pass(config):
    right = slips.trace(None, **config)
    assert slips.check({k: repr(v) for k, v in right.json_dict().items()}, **config).ok
    assert slips.check({k: repr(v) for k, v in right.items()}, **config).ok  # every quantity
    assert slips.check({k: f"{v:.4f}" for k, v in right.json_dict().items()}, **config).ok
    assert slips.check(dict(right.json_dict()), **config).ok  # floats


def test_one_corrupted_value_is_named_and_no_slip_claims_it():
    numbers = {k: f"{v:.6f}" for k, v in worked_example().json_dict().items()}
    numbers["w6_new"] = "0.408667"  # 0.408666186...: one unit too high in the 6th decimal
    result = slips.check(numbers)
    assert result.differ == ["w6_new"]
    assert result.first == "w6_new"
    assert result.slips == []


def test_the_first_difference_is_in_the_order_of_the_computation():
    t = slips.trace("sign").json_dict()
    # given in the JSON's order, dE_dw1 comes first; backpropagation computes dE_dw5 first
    numbers = {"dE_dw1": repr(t["dE_dw1"]), "dE_dw5": repr(t["dE_dw5"])}
    assert slips.check(numbers).differ == ["dE_dw5", "dE_dw1"]


@pytest.mark.parametrize(
    ("written", "value", "ok"),
    [
        ("0.5933", 0.5932699921071872, True),  # rounded
        ("0.5932", 0.5932699921071872, True),  # cut
        ("0.5934", 0.5932699921071872, False),
        ("0.593269992", 0.5932699921071872, True),
        ("0.59326999", 0.5932699921071872, True),
        ("0.593269991", 0.5932699921071872, False),
        ("-0.0227", -0.02274024221597822, True),
        ("0.0227", -0.02274024221597822, False),
        ("1", 0.99, True),
        ("2.98e-1", 0.2983711087600027, True),
        (0.5933, 0.5932699921071872, True),  # a float: its shortest repr's digits
    ],
)
def test_agrees_to_the_digits_written(written, value, ok):
    assert slips.agrees(written, value) is ok


def test_rounded_like_gives_the_learners_significant_digits():
    assert slips.rounded_like("0.123", 0.08216704056423078) == "0.0822"
    assert slips.rounded_like("-1e-2", 0.0015) == "0.002"
    assert slips.rounded_like("0.9", 0.99) == "1"  # the carry does not add a digit


@pytest.mark.parametrize(
    ("written", "value", "expected"),
    [
        ("1e-300", 0.2983711087600027, "0.3"),  # not 300 digits
        ("1e5", 0.2983711087600027, "0.3"),  # not 0E+5
        ("1.0", 123456.7, "1.2e+05"),
        ("1.00", 1.5e-7, "1.50e-07"),
        ("2", 0.0, "0"),
    ],
)
def test_rounded_like_prints_plain_digits_or_an_exponent_as_python_does(written, value, expected):
    assert slips.rounded_like(written, value) == expected


@pytest.mark.parametrize(
    ("written", "n"), [("0.0822", 3), ("1.20e-3", 3), ("500", 3), ("5e2", 1), ("-0.5", 1)]
)
def test_significant_digits_count_from_the_first_nonzero_digit(written, n):
    assert slips.significant_digits(written) == n


@pytest.mark.parametrize("zero", ["0", "-0", "0.000", "0e5", "0E+1", 0.0, 0])
def test_a_zero_has_no_significant_digit_and_agrees_only_with_zero(zero):
    assert slips.significant_digits(zero) == 0
    assert not slips.agrees(zero, 0.5932699921071872)
    assert not slips.agrees(zero, -1e-300)
    assert slips.agrees(zero, 0.0)
    assert slips.agrees(zero, -0.0)


def test_check_of_zeros_certifies_nothing():
    result = slips.check({"E_total": "0", "dE_dw5": "0", "w5_new": "0", "out_h1": "0"})
    assert not result.ok
    assert result.unchecked == ["out_h1", "E_total", "dE_dw5", "w5_new"]
    assert result.differ == []
    assert result.slips == []


def test_check_of_a_zero_where_bp_has_exactly_zero_is_right():
    assert slips.check({"dE_dw1": "0"}, inputs=(0.0, 0.1)).ok


def test_a_zero_does_not_keep_a_slip_from_being_named():
    result = slips.check({"dE_dw5": "-0.0822", "w5_new": "0"})
    assert [s.name for s in result.slips] == ["sign"]
    assert result.unchecked == ["w5_new"]


def test_a_float32_is_judged_at_its_own_precision():
    out_h1 = worked_example()["out_h1"]
    assert slips.check({"out_h1": np.float32(0.5933)}).ok  # not 0.5933000206947327
    assert slips.significant_digits(np.float32(0.5933)) == 4
    assert slips.agrees(np.float32(out_h1), out_h1)  # its shortest digits agree
    assert not slips.check({"out_h1": np.float32(0.5934)}).ok


def test_a_float16_is_judged_at_its_own_precision():
    assert slips.check({"out_h1": np.float16(0.5933)}).ok  # its own shortest digits, 0.5933
    assert not slips.check({"out_h1": np.float16(0.5936)}).ok


def test_an_int_is_its_own_digits():
    assert slips.significant_digits(10**20) == 21
    assert slips.agrees(1, 0.99)
    assert not slips.agrees(2, 0.99)


# --- bad input: one test per case ---------------------------------------------------------------


def test_check_of_an_unknown_key_raises():
    with pytest.raises(ValueError, match=r"^numbers: unknown key 'E_totl'"):
        slips.check({"E_totl": "0.2984"})


def test_check_of_a_value_that_is_not_a_number_raises():
    with pytest.raises(ValueError, match=r"^out_h1 must be a number; got '0x10'"):
        slips.check({"out_h1": "0x10"})


def test_check_of_a_decimal_comma_raises_asking_for_a_point():
    with pytest.raises(
        ValueError, match=r"^out_h1 must be a number with a decimal point, such as 0.5933; got"
    ):
        slips.check({"out_h1": "0,5933"})


def test_check_of_digits_other_than_0_to_9_raises():
    with pytest.raises(
        ValueError, match=r"^out_h1 must be a number written with the digits 0 to 9"
    ):
        slips.check({"out_h1": "\u0661.\u0665"})


@pytest.mark.parametrize(
    "written",
    ["1e999999999", "1e-1001", "1e1000000", "1e" + "9" * 5000, 10**400, "0." + "0" * 400 + "1"],
    ids=["1e999999999", "1e-1001", "1e1000000", "1e9999...", "10**400", "401-decimals"],
)
def test_check_of_a_value_beyond_the_bounds_raises_quickly(written):
    with pytest.raises(ValueError, match=r"^E_total must be a number smaller than 1e309 in size"):
        slips.check({"E_total": written})


def test_check_of_a_fraction_beyond_a_float_raises():
    with pytest.raises(ValueError, match=r"^E_total must be a number smaller than 1e309"):
        slips.check({"E_total": fractions.Fraction(10**400, 3)})


def test_check_of_an_unknown_key_shows_it_shortened():
    with pytest.raises(ValueError, match=r"^numbers: unknown key 'x{56}[.]{3};"):
        slips.check({"x" * 1000: "0.5"})


def test_check_of_a_value_that_is_not_finite_raises():
    with pytest.raises(ValueError, match=r"^out_h1 must be a finite number; got 'nan'"):
        slips.check({"out_h1": "nan"})


def test_check_of_a_bool_raises():
    with pytest.raises(TypeError, match=r"^out_h1 must be a number or its text; got True \(bool\)"):
        slips.check({"out_h1": True})


def test_check_of_nothing_raises():
    with pytest.raises(ValueError, match=r"^numbers must hold at least one KEY=VALUE"):
        slips.check({})


def test_check_of_a_list_raises():
    with pytest.raises(TypeError, match=r"^numbers must be a dict of key to value; got list"):
        slips.check([("out_h1", "0.5933")])


def test_check_with_a_bad_configuration_raises():
    with pytest.raises(ValueError, match=r"^lr must be a finite number > 0"):
        slips.check({"out_h1": "0.5933"}, lr=-1)


def test_trace_of_an_unknown_slip_raises():
    with pytest.raises(ValueError, match=r"^slip must be one of sequential, .*; got 'typo'"):
        slips.trace("typo")


# --- how far the sequential slip is from the right gradients ------------------------------------


@settings(max_examples=30, deadline=None)
@given(lr=st.floats(1e-3, 1.0), factor=st.floats(1.5, 4.0))
def test_sequential_error_grows_in_proportion_to_the_learning_rate(lr, factor):
    # up to lr = 4 every sequential hidden gradient is smaller than the true one, so the
    # denominator of the relative error is the true gradient, which lr does not change
    ratio = slips.sequential_error(factor * lr) / slips.sequential_error(lr)
    assert math.isclose(ratio, factor, rel_tol=1e-5)


def test_sequential_error_is_the_worst_hidden_weight():
    right, slipped = worked_example(lr=2.0), worked_example(lr=2.0, update="sequential")
    worst = max(relative_error(slipped[k], right[k]) for k in ("dE_dw1", "dE_dw3"))
    assert slips.sequential_error(2.0) >= worst > 0


@pytest.mark.parametrize("lr", [0.5, 5.0, 10.0, 100.0])
def test_sequential_error_is_the_books_relative_error_and_never_above_two(lr):
    right, slipped = worked_example(lr=lr), worked_example(lr=lr, update="sequential")
    worst = max(relative_error(slipped[f"dE_dw{k}"], right[f"dE_dw{k}"]) for k in range(1, 5))
    assert slips.sequential_error(lr) == worst <= 2


@pytest.mark.parametrize(("lr", "error"), [(0.0, ValueError), (True, TypeError), ("1", TypeError)])
def test_sequential_error_of_a_bad_learning_rate_raises(lr, error):
    with pytest.raises(error, match=r"^lr must be"):
        slips.sequential_error(lr)
