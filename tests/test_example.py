"""Tests of :mod:`bp.example`: the classic 2-2-2 worked example against the numbers published in
Matt Mazur's "A Step by Step Backpropagation Example", against the matrix form, and its Trace."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp import example
from bp.example import BIAS_MODES, UPDATE_ORDERS, Trace, worked_example, worked_example_network
from bp.network import Network

X_EX = [[0.05, 0.10]]
Y_EX = [[0.01, 0.99]]

# The published values, to the digits printed in the post (the default settings: biases not
# trained, learning rate 0.5, one step).
PUBLISHED = {
    "net_h1": 0.3775,
    "out_h1": 0.593269992,
    "out_h2": 0.596884378,
    "net_o1": 1.105905967,
    "out_o1": 0.75136507,
    "out_o2": 0.772928465,
    "E_o1": 0.274811083,
    "E_o2": 0.023560026,
    "E_total": 0.298371109,
    "dE_dout_o1": 0.74136507,
    "dout_o1_dnet_o1": 0.186815602,
    "dnet_o1_dw5": 0.593269992,
    "dE_dw5": 0.082167041,
    "w5_new": 0.35891648,
    "w6_new": 0.408666186,
    "w7_new": 0.511301270,
    "w8_new": 0.561370121,
    "dEo1_dout_h1": 0.055399425,
    "dEo2_dout_h1": -0.019049118,
    "dE_dout_h1": 0.036350306,
    "dout_h1_dnet_h1": 0.241300709,
    "dE_dw1": 0.000438568,
    "w1_new": 0.149780716,
    "w2_new": 0.19956143,
    "w3_new": 0.24975114,
    "w4_new": 0.29950229,
}


def digits(x):
    """Decimals printed in a published value such as 0.35891648."""
    text = repr(x)
    return len(text.split(".")[1]) if "." in text else 0


@pytest.fixture(scope="module")
def trace():
    return worked_example()


# --- the published numbers -------------------------------------------------------------------


@pytest.mark.parametrize(("key", "published"), sorted(PUBLISHED.items()))
def test_default_run_reproduces_the_published_value(trace, key, published):
    assert round(trace[key], digits(published)) == published


def test_headline_published_values(trace):
    assert round(trace["E_total"], 9) == 0.298371109
    assert round(trace["out_o1"], 8) == 0.75136507
    assert round(trace["out_o2"], 9) == 0.772928465
    assert round(trace["w5_new"], 8) == 0.35891648
    assert round(trace["w1_new"], 9) == 0.149780716


def test_error_after_one_step_is_the_forward_pass_at_the_new_weights(trace):
    # bp.example documents E_after as the error after the last step; with the default settings
    # only the weights move (biases fixed). Recompute it with the matrix form.
    W1 = [[trace["w1_new"], trace["w2_new"]], [trace["w3_new"], trace["w4_new"]]]
    W2 = [[trace["w5_new"], trace["w6_new"]], [trace["w7_new"], trace["w8_new"]]]
    b1, b2 = example.BIASES
    net = Network.from_params([W1, W2], [[b1, b1], [b2, b2]])
    assert trace["E_after"] == pytest.approx(net.cost(X_EX, Y_EX), rel=1e-14)
    out = net.forward(X_EX[0])
    assert trace["out_o1_after"] == pytest.approx(out[0], rel=1e-14)
    assert trace["out_o2_after"] == pytest.approx(out[1], rel=1e-14)
    assert round(trace["E_after"], 9) == 0.291027774
    assert trace["E_after"] < trace["E_total"]


def test_published_error_after_one_step_is_that_of_the_sequential_update(trace):
    # The post prints 0.291027924 for the error after the first round, which is not the error at
    # its own updated weights (0.291027774, above): it is what the sequential update gives, the
    # output weights moved before the hidden deltas are computed.
    sequential = worked_example(update="sequential")
    assert round(sequential["E_after"], 9) == 0.291027924
    assert round(trace["E_after"], 9) != 0.291027924


def test_published_outputs_after_ten_thousand_steps_are_those_of_the_sequential_update():
    t = worked_example(steps=10_000, update="sequential")
    assert round(t["out_o1_after"], 9) == 0.015912196
    assert round(t["out_o2_after"], 9) == 0.984065734


# --- against the matrix form -----------------------------------------------------------------


def test_network_is_the_worked_example():
    net = worked_example_network()
    np.testing.assert_array_equal(net.weights[0], [[0.15, 0.20], [0.25, 0.30]])
    np.testing.assert_array_equal(net.weights[1], [[0.40, 0.45], [0.50, 0.55]])
    np.testing.assert_array_equal(net.biases[0], [0.35, 0.35])
    np.testing.assert_array_equal(net.biases[1], [0.60, 0.60])


def test_network_with_custom_parameters():
    w = tuple(range(1, 9))
    net = worked_example_network(weights=w, biases=(-1.0, 2.0))
    np.testing.assert_array_equal(net.weights[0], [[1, 2], [3, 4]])
    np.testing.assert_array_equal(net.weights[1], [[5, 6], [7, 8]])
    np.testing.assert_array_equal(net.biases[0], [-1.0, -1.0])


@pytest.mark.parametrize("bias", BIAS_MODES)
def test_scalar_trace_matches_backpropagation_in_matrix_form(bias):
    inputs, targets = (0.3, -0.7), (0.2, 0.6)
    weights = (0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8)
    t = worked_example(
        inputs=inputs, targets=targets, weights=weights, biases=(0.1, -0.1), bias=bias
    )
    net = worked_example_network(weights=weights, biases=(0.1, -0.1))
    dW, db = net.gradients(inputs, targets)
    np.testing.assert_allclose(dW[0].ravel(), [t[f"dE_dw{i}"] for i in range(1, 5)], rtol=1e-12)
    np.testing.assert_allclose(dW[1].ravel(), [t[f"dE_dw{i}"] for i in range(5, 9)], rtol=1e-12)
    np.testing.assert_allclose(db[0], [t["dE_db_h1"], t["dE_db_h2"]], rtol=1e-12)
    np.testing.assert_allclose(db[1], [t["dE_db_o1"], t["dE_db_o2"]], rtol=1e-12)
    assert t["dE_db1"] == pytest.approx(db[0].sum(), rel=1e-12)
    assert t["dE_db2"] == pytest.approx(db[1].sum(), rel=1e-12)


def test_fixed_biases_do_not_move(trace):
    assert trace["b1_new"] == example.BIASES[0]
    assert trace["b2_new"] == example.BIASES[1]


def test_shared_biases_move_with_the_sum_of_the_layer_deltas():
    t = worked_example(bias="shared")
    lr = example.LEARNING_RATE
    assert t["b1_new"] == pytest.approx(0.35 - lr * (t["delta_h1"] + t["delta_h2"]), rel=1e-15)
    assert t["b2_new"] == pytest.approx(0.60 - lr * (t["delta_o1"] + t["delta_o2"]), rel=1e-15)
    assert t["b_h1_new"] == t["b_h2_new"] == t["b1_new"]


def test_per_neuron_biases_move_with_their_own_delta():
    t = worked_example(bias="per-neuron")
    for unit, start in (("h1", 0.35), ("h2", 0.35), ("o1", 0.60), ("o2", 0.60)):
        assert t[f"b_{unit}_new"] == pytest.approx(start - 0.5 * t[f"delta_{unit}"], rel=1e-15)


def test_sequential_update_passes_deltas_through_the_new_output_weights(trace):
    s = worked_example(update="sequential")
    for w in ("w5", "w6", "w7", "w8"):
        assert s[f"{w}_new"] == trace[f"{w}_new"]
    assert s["dEo1_dout_h1"] == pytest.approx(s["delta_o1"] * s["w5_new"], rel=1e-15)
    assert trace["dEo1_dout_h1"] == pytest.approx(trace["delta_o1"] * 0.40, rel=1e-15)
    assert s["w1_new"] != trace["w1_new"]


# --- the Trace -------------------------------------------------------------------------------


def test_trace_is_a_dict_of_floats(trace):
    assert isinstance(trace, Trace)
    assert isinstance(trace, dict)
    assert trace
    assert all(isinstance(k, str) for k in trace)
    assert all(type(v) is float for v in trace.values())
    assert all(math.isfinite(v) for v in trace.values())


@pytest.mark.parametrize("bias", BIAS_MODES)
@pytest.mark.parametrize("update", UPDATE_ORDERS)
def test_every_mode_gives_floats(bias, update):
    t = worked_example(bias=bias, update=update, steps=2)
    assert all(type(v) is float for v in t.values())


def test_history_holds_the_error_before_each_step_and_after_the_last():
    t = worked_example(steps=5)
    assert len(t.history) == 6
    assert t.history[0] == t["E_total"]
    assert t.history[-1] == t["E_after"]
    assert all(b < a for a, b in zip(t.history, t.history[1:], strict=False))


def test_first_step_quantities_are_reported_after_several_steps(trace):
    t = worked_example(steps=3)
    for key in ("E_total", "dE_dw1", "dE_dw5", "delta_o1"):
        assert t[key] == trace[key]
    assert t["E_after"] < trace["E_after"]


def test_settings_record_the_arguments():
    t = worked_example(lr=0.25, bias="shared", update="sequential", steps=2)
    assert t.settings == {
        "inputs": example.INPUTS,
        "targets": example.TARGETS,
        "weights": example.WEIGHTS,
        "biases": example.BIASES,
        "lr": 0.25,
        "bias": "shared",
        "update": "sequential",
        "steps": 2,
        "rules": [],
    }
    written = worked_example(rules={"written": example.RULES["written"]})
    assert written.settings["rules"] == []  # the right rule is no change
    assert worked_example(rules={"written": lambda x: round(x, 4)}).settings["rules"] == ["written"]


@pytest.mark.parametrize("bias", BIAS_MODES)
def test_json_round_trip(bias):
    t = worked_example(bias=bias)
    text = t.to_json()
    assert json.loads(text) == t.json_dict()
    assert list(json.loads(text)) == list(t.json_dict())


def test_json_dict_is_a_flat_dict_of_trace_values(trace):
    d = trace.json_dict()
    assert all(d[k] == trace[k] for k in d)
    assert set(d) <= set(trace)
    assert list(d)[:3] == ["net_h1", "out_h1", "net_h2"]
    assert list(d)[-3:] == ["E_after", "out_o1_after", "out_o2_after"]
    assert "b1_new" in d


def test_per_neuron_json_names_every_bias():
    d = worked_example(bias="per-neuron").json_dict()
    assert {"dE_db_h1", "dE_db_o2", "b_h1_new", "b_o2_new"} <= set(d)
    assert "b1_new" not in d


def test_table_shows_the_settings_and_the_numbers(trace):
    table = trace.table()
    lines = table.splitlines()
    assert lines[0] == (
        "Worked example: 2-2-2 sigmoid network, lr 0.5, biases fixed, update simultaneous, "
        "1 step(s)"
    )
    assert f"{trace['E_total']: .9f}" in table
    assert f"{trace['dE_dw5']: .9f}" in table
    assert any(line.split()[:1] == ["E_total"] and "->" in line for line in lines)


# --- bad arguments: one test per case --------------------------------------------------------


def test_inputs_of_the_wrong_length_raise():
    with pytest.raises(ValueError, match=r"^inputs must hold 2 numbers"):
        worked_example(inputs=(0.05, 0.10, 0.2))


def test_targets_not_numbers_raise():
    with pytest.raises(TypeError, match=r"^targets\[1\] must be a real number; got '0.99' \(str\)"):
        worked_example(targets=(0.01, "0.99"))


def test_weights_not_finite_raise():
    with pytest.raises(ValueError, match=r"^weights\[7\] must be a finite number; got nan"):
        worked_example(weights=(0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, float("nan")))


def test_weights_of_the_wrong_length_raise():
    with pytest.raises(ValueError, match=r"^weights must hold 8 numbers; got 2: \(0.15, 0.2\)"):
        worked_example(weights=(0.15, 0.2))


def test_biases_as_a_string_raise():
    with pytest.raises(
        TypeError, match=r"^biases must be a sequence of 2 numbers; got '0.35 0.60'"
    ):
        worked_example(biases="0.35 0.60")


def test_a_bool_among_the_inputs_raises():
    with pytest.raises(TypeError, match=r"^inputs\[0\] must be a real number; got True \(bool\)"):
        worked_example(inputs=(True, 0.10))


def test_biases_as_a_set_raise():
    # a set has no order: which bias is b1 would be left to chance
    with pytest.raises(TypeError, match=r"^biases must be a sequence of 2 numbers; got .* \(set\)"):
        worked_example(biases={0.35, 0.60})


def test_numpy_values_give_the_same_numbers():
    biases = np.array(example.BIASES, dtype=np.float32)
    t = worked_example(weights=np.array(example.WEIGHTS), biases=biases)
    assert dict(t) == dict(worked_example(biases=[float(b) for b in biases]))


def test_zero_lr_raises():
    with pytest.raises(ValueError, match=r"^lr must be"):
        worked_example(lr=0)


def test_zero_steps_raise():
    with pytest.raises(ValueError, match=r"^steps must be"):
        worked_example(steps=0)


def test_unknown_bias_mode_raises():
    with pytest.raises(ValueError, match=r"^bias must be one of .*; got 'none'"):
        worked_example(bias="none")


def test_json_keys_of_an_unknown_bias_mode_raise():
    with pytest.raises(ValueError, match=r"^bias must be one of 'fixed', .*; got 'per-layer'"):
        example.json_keys("per-layer")


def test_unknown_update_order_raises():
    with pytest.raises(ValueError, match=r"^update must be one of .*; got 'parallel'"):
        worked_example(update="parallel")


def test_network_with_the_wrong_number_of_weights_raises():
    with pytest.raises(ValueError, match=r"^weights must hold 8 numbers"):
        worked_example_network(weights=(0.1,) * 7)


def test_too_many_steps_raise():
    with pytest.raises(ValueError, match=r"^steps must be <= 10000; got 10001"):
        worked_example(steps=example.MAX_STEPS + 1)


def test_unknown_rule_raises():
    with pytest.raises(ValueError, match=r"^rules must be rules of weight, error, .*; got colour"):
        worked_example(rules={"colour": lambda x: x})


def test_rules_not_a_dict_raise():
    with pytest.raises(TypeError, match=r"^rules must be a dict of name to function; got str"):
        worked_example(rules="sign")


def test_a_rule_that_is_not_a_function_raises():
    with pytest.raises(TypeError, match=r"^rules\['written'\] must be a function; got int"):
        worked_example(rules={"written": 4})


def test_check_weight_refuses_other_names():
    with pytest.raises(ValueError, match=r"^name must be one of w1, .*, w8; got 'b1'"):
        example.check_weight("b1", "name")


def test_weight_index_is_the_position_in_weights():
    names = list(example.WIRING)
    assert [example.weight_index(w) for w in names] == list(range(len(example.WEIGHTS)))
    assert example.WEIGHTS[example.weight_index("w6")] == worked_example().settings["weights"][5]


def test_weight_index_refuses_other_names():
    with pytest.raises(ValueError, match=r"^fixed must be one of w1, .*, w8; got 'w0'"):
        example.weight_index("w0", "fixed")


# --- no silent infinity: finite inputs give finite numbers or a clear error -----------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"targets": (1e200, 0.99)}, "E_o1 is inf at step 1"),
        ({"inputs": (1e10, 0.0), "weights": (1e300,) + (0.0,) * 7}, "net_h1 is inf at step 1"),
        ({"targets": (1e100, 0.0), "lr": 1e300}, "w1_new is inf in the update of step 1"),
    ],
)
def test_overflow_from_finite_inputs_raises_naming_the_quantity(kwargs, message):
    with pytest.raises(ValueError, match=rf"^the worked example overflowed: {message}"):
        worked_example(**kwargs)


FLOATS = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    inputs=st.tuples(FLOATS, FLOATS),
    targets=st.tuples(FLOATS, FLOATS),
    weights=st.tuples(*[FLOATS] * 8),
    lr=st.floats(min_value=1e-300, max_value=1e300),
    bias=st.sampled_from(BIAS_MODES),
    steps=st.integers(1, 3),
)
def test_finite_inputs_give_finite_numbers_or_a_clear_error(
    inputs, targets, weights, lr, bias, steps
):
    try:
        t = worked_example(inputs, targets, weights, lr=lr, bias=bias, steps=steps)
    except ValueError as err:
        message = str(err)
        t = None
    if t is None:
        assert message.startswith("the worked example overflowed: ")
    else:
        assert all(math.isfinite(x) for x in t.values())
        assert all(math.isfinite(x) for x in t.history)


# --- the wiring -------------------------------------------------------------------------------


def test_the_wiring_is_the_books():
    # w1, w2 feed h1; w3, w4 feed h2; w5, w6 feed o1; w7, w8 feed o2
    feeds = {w: dst for w, (_, dst) in example.WIRING.items()}
    assert feeds == {
        "w1": "h1", "w2": "h1", "w3": "h2", "w4": "h2",
        "w5": "o1", "w6": "o1", "w7": "o2", "w8": "o2",
    }  # fmt: skip
    assert list(example.WIRING) == [f"w{k}" for k in range(1, 9)]
    assert {"b1": example.LAYERS[1], "b2": example.LAYERS[2]} == example.BIAS_WIRING


def test_every_path_runs_from_the_weight_to_an_output_along_the_wiring():
    for w, paths in example.PATHS.items():
        assert len(paths) == (1 if example.WIRING[w][1] in example.LAYERS[2] else 2)
        for path in paths:
            assert path[1] == w
            assert path[-1] in example.LAYERS[2]
            for src, edge, dst in zip(path[0::2], path[1::2], path[2::2], strict=False):
                assert example.WIRING[edge] == (src, dst)


def test_gradients_are_sums_over_the_paths():
    # dE/dw = sum over the paths of the products of local derivatives along each
    t = worked_example()
    weights = dict(zip(example.WIRING, example.WEIGHTS, strict=True))
    out = dict(zip(example.LAYERS[0], example.INPUTS, strict=True))
    out.update({n: t[f"out_{n}"] for n in example.LAYERS[1] + example.LAYERS[2]})
    for w, paths in example.PATHS.items():
        total = 0.0
        for path in paths:
            neurons = path[2::2]
            product = out[path[0]]  # dnet/dw: the out of the neuron w comes from
            for k, n in enumerate(neurons):
                product *= t[f"dout_{n}_dnet_{n}"]
                if k + 1 < len(neurons):
                    product *= weights[path[2 * k + 3]]
            o = neurons[-1]
            total += product * t[f"dE_dout_{o}"]
        assert total == pytest.approx(t[f"dE_d{w}"], rel=1e-12), w
