"""Tests of :class:`bp.network.Network`: initialisation, shapes, backpropagation against central
differences and the published worked example, learning, dtypes, copies and input checks."""

from __future__ import annotations

import concurrent.futures
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import BATCH, SEEDS, SIZES, assert_unchanged, data, sizes_for, snapshot

from bp import example
from bp.activations import sigmoid
from bp.gradcheck import numerical_gradients, relative_error
from bp.network import Network

# Central differences carry a truncation error of order eps**2 and a rounding error of about
# 1e-16 * C / eps, C the cost. With eps = 1e-5 both stay near 1e-11 (absolute) when C is about 1,
# so entries smaller than FLOOR are measured in absolute terms (relative_error's floor): a relative
# error below TOL then means agreement to about 1e-9 absolute on tiny entries, and to seven
# significant digits or better on every other one. A deep linear network can have a cost of 100
# or more, and then the rounding alone reaches 1e-9 (cost 72: 1.07e-9 on an entry of 0.0087,
# found by hypothesis): floor_for raises the floor so that tiny entries are allowed the rounding
# error the cost brings, and no more.
EPS = 1e-5
FLOOR = 1e-2
TOL = 1e-7

# The classic worked example: one sample, two inputs, two targets.
X_EX = np.array([[0.05, 0.10]])
Y_EX = np.array([[0.01, 0.99]])

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def floor_for(net, X, Y):
    """FLOOR, or more when the cost is so large that rounding alone would exceed TOL * FLOOR."""
    rounding = 4 * np.finfo(np.float64).eps * max(float(net.cost(X, Y)), 1.0) / EPS
    return max(FLOOR, rounding / TOL)


def max_relative_error(grads, reference, floor=FLOOR):
    dW, db = grads
    nW, nb = reference
    return max(
        float(relative_error(a, b, floor).max()) for a, b in zip(dW + db, nW + nb, strict=True)
    )


# --- initialisation --------------------------------------------------------------------------


def test_same_seed_gives_same_weights():
    a, b = Network([3, 4, 2], seed=7), Network([3, 4, 2], seed=7)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(p, q)


def test_different_seeds_give_different_weights():
    a, b = Network([3, 4, 2], seed=7), Network([3, 4, 2], seed=8)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        assert not np.array_equal(p, q)


def test_default_seed_is_reproducible():
    np.testing.assert_array_equal(Network([2, 3]).weights[0], Network([2, 3]).weights[0])


@settings(max_examples=50, deadline=None)
@given(sizes=SIZES, seed=SEEDS)
def test_parameter_shapes_follow_sizes(sizes, seed):
    net = Network(sizes, seed=seed)
    assert net.sizes == sizes
    assert len(sizes) == net.L + 1
    for l in range(1, len(sizes)):
        assert net.weights[l - 1].shape == (sizes[l], sizes[l - 1])
        assert net.biases[l - 1].shape == (sizes[l],)


def test_initial_weights_have_standard_deviation_one_over_sqrt_fan_in():
    net = Network([400, 300], seed=0)
    assert net.weights[0].std() == pytest.approx(1 / np.sqrt(400), rel=0.02)
    assert abs(net.weights[0].mean()) < 0.01


def test_repr_names_sizes_activation_and_loss():
    net = Network([2, 3, 2], activation="tanh", loss="cross_entropy")
    assert repr(net) == "Network(sizes=[2, 3, 2], activation='tanh', loss='cross_entropy')"


# --- from_params -----------------------------------------------------------------------------


def test_from_params_keeps_shapes_n_out_by_n_in():
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(4, 3)), rng.normal(size=(2, 4))]
    biases = [rng.normal(size=4), rng.normal(size=2)]
    net = Network.from_params(weights, biases)
    assert net.sizes == [3, 4, 2]
    assert [W.shape for W in net.weights] == [(4, 3), (2, 4)]
    assert [b.shape for b in net.biases] == [(4,), (2,)]
    for p, q in zip(net.weights + net.biases, weights + biases, strict=True):
        np.testing.assert_array_equal(p, q)


def test_from_params_copies_its_arguments():
    W, b = np.ones((2, 3)), np.zeros(2)
    net = Network.from_params([W], [b])
    W[0, 0], b[0] = 99.0, 99.0
    assert net.weights[0][0, 0] == 1.0
    assert net.biases[0][0] == 0.0


def test_from_params_row_j_column_k_is_weight_to_j_from_k():
    # One layer, identity: z_j = sum_k w_jk x_k + b_j.
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = np.array([0.5, -0.5])
    net = Network.from_params([W], [b], activation="identity")
    x = np.array([1.0, 10.0, 100.0])
    expected = [sum(W[j, k] * x[k] for k in range(3)) + b[j] for j in range(2)]
    np.testing.assert_allclose(net.forward(x), expected, rtol=1e-15)


def test_from_params_worked_example_forward():
    net = example.worked_example_network()
    out = net.forward(X_EX[0])
    t = example.worked_example()
    np.testing.assert_allclose(out, [t["out_o1"], t["out_o2"]], rtol=1e-14)


# --- forward ---------------------------------------------------------------------------------


def test_forward_of_one_sample_is_one_row():
    net = Network([3, 4, 2], seed=1)
    x = np.array([0.1, -0.2, 0.3])
    out = net.forward(x)
    assert out.shape == (2,)
    np.testing.assert_array_equal(out, net.forward(x[np.newaxis, :])[0])


def test_forward_of_a_batch_is_one_row_per_sample():
    net = Network([3, 4, 2], seed=1)
    X = np.arange(15.0).reshape(5, 3) / 10
    out = net.forward(X)
    assert out.shape == (5, 2)
    for i in range(5):
        np.testing.assert_allclose(out[i], net.forward(X[i]), rtol=1e-14)


def test_forward_matches_the_layer_formula():
    net = Network([3, 4, 2], seed=2)
    X = np.random.default_rng(2).normal(size=(5, 3))
    a = X
    for W, b in zip(net.weights, net.biases, strict=True):
        a = sigmoid(a @ W.T + b)
    np.testing.assert_allclose(net.forward(X), a, rtol=1e-14)


def test_forward_pass_is_indexed_by_layer():
    net = Network([3, 4, 2], seed=3)
    z, a = net.forward_pass([[1.0, 2.0, 3.0]])
    assert z[0] is None
    np.testing.assert_array_equal(a[0], [[1.0, 2.0, 3.0]])
    assert [x.shape for x in a] == [(1, 3), (1, 4), (1, 2)]
    assert [x.shape for x in z[1:]] == [(1, 4), (1, 2)]
    np.testing.assert_array_equal(a[-1], net.forward([[1.0, 2.0, 3.0]]))


def test_cross_entropy_output_is_a_softmax():
    net = Network([3, 4, 5], loss="cross_entropy", seed=4)
    out = net.forward(np.random.default_rng(4).normal(size=(6, 3)))
    assert np.all(out > 0)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-14)


# --- gradients against central differences ---------------------------------------------------


@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
@settings(max_examples=50, deadline=None)
@given(data_=st.data(), batch=BATCH, seed=SEEDS)
def test_gradients_agree_with_central_differences(activation, loss, data_, batch, seed):
    sizes = data_.draw(sizes_for(loss))
    net = Network(sizes, activation=activation, loss=loss, seed=seed)
    X, Y = data(sizes, batch, seed, loss)
    grads = net.gradients(X, Y)
    reference = numerical_gradients(net, X, Y, eps=EPS)
    assert max_relative_error(grads, reference, floor_for(net, X, Y)) < TOL


@settings(max_examples=50, deadline=None)
@given(sizes=SIZES, batch=BATCH, seed=SEEDS)
def test_gradients_have_the_shapes_of_the_parameters(sizes, batch, seed):
    net = Network(sizes, seed=seed)
    X, Y = data(sizes, batch, seed, "squared_error")
    dW, db = net.gradients(X, Y)
    assert [d.shape for d in dW] == [W.shape for W in net.weights]
    assert [d.shape for d in db] == [b.shape for b in net.biases]


def test_bias_gradient_is_the_sum_of_the_deltas():
    net = Network([3, 4, 2], seed=5)
    X, Y = data([3, 4, 2], 5, 5, "squared_error")
    delta = net.deltas(X, Y)
    _, db = net.gradients(X, Y)
    assert delta[0] is None
    for l in range(1, net.L + 1):
        assert delta[l].shape == (5, net.sizes[l])
        np.testing.assert_allclose(db[l - 1], delta[l].sum(axis=0), rtol=1e-14)


def test_gradients_of_a_batch_are_the_mean_of_single_sample_gradients():
    net = Network([3, 4, 2], seed=6)
    X, Y = data([3, 4, 2], 4, 6, "squared_error")
    dW, db = net.gradients(X, Y)
    singles = [net.gradients(X[i], Y[i]) for i in range(4)]
    for l in range(net.L):
        np.testing.assert_allclose(dW[l], np.mean([s[0][l] for s in singles], axis=0), rtol=1e-12)
        np.testing.assert_allclose(db[l], np.mean([s[1][l] for s in singles], axis=0), rtol=1e-12)


def test_a_wrong_gradient_is_caught_by_the_relative_error():
    net = Network([3, 4, 2], seed=8)
    X, Y = data([3, 4, 2], 3, 8, "squared_error")
    dW, db = net.gradients(X, Y)
    reference = numerical_gradients(net, X, Y, eps=EPS)
    assert max_relative_error((dW, db), reference) < TOL
    dW[1][0, 1] *= 1.01  # a one-percent error in a single entry
    assert max_relative_error((dW, db), reference) > 1e-3


# --- the published worked example ------------------------------------------------------------


def test_worked_example_cost_is_e_total():
    # Squared error is the batch mean of 1/2 ||a - y||^2: a batch of one gives E_total.
    net = example.worked_example_network()
    assert net.cost(X_EX, Y_EX) == pytest.approx(example.worked_example()["E_total"], rel=1e-14)
    assert round(net.cost(X_EX, Y_EX), 9) == 0.298371109


def test_worked_example_gradient_of_w5():
    dW, _ = example.worked_example_network().gradients(X_EX, Y_EX)
    assert float(dW[1][0, 0]) == pytest.approx(0.082167041, rel=1e-8)


def test_worked_example_gradient_of_w1():
    dW, _ = example.worked_example_network().gradients(X_EX, Y_EX)
    assert round(float(dW[0][0, 0]), 9) == 0.000438568


def test_worked_example_every_gradient_matches_the_scalar_trace():
    t = example.worked_example()
    dW, db = example.worked_example_network().gradients(X_EX, Y_EX)
    # W1 = [[w1, w2], [w3, w4]], W2 = [[w5, w6], [w7, w8]]
    expected_W = [
        [[t["dE_dw1"], t["dE_dw2"]], [t["dE_dw3"], t["dE_dw4"]]],
        [[t["dE_dw5"], t["dE_dw6"]], [t["dE_dw7"], t["dE_dw8"]]],
    ]
    expected_b = [[t["dE_db_h1"], t["dE_db_h2"]], [t["dE_db_o1"], t["dE_db_o2"]]]
    for got, want in zip(dW + db, expected_W + expected_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_worked_example_step_matches_per_neuron_update():
    # Network.step trains every neuron's bias: the trace's per-neuron mode.
    t = example.worked_example(bias="per-neuron")
    net = example.worked_example_network().step(X_EX, Y_EX, lr=example.LEARNING_RATE)
    W1 = [[t["w1_new"], t["w2_new"]], [t["w3_new"], t["w4_new"]]]
    W2 = [[t["w5_new"], t["w6_new"]], [t["w7_new"], t["w8_new"]]]
    np.testing.assert_allclose(net.weights[0], W1, rtol=1e-14)
    np.testing.assert_allclose(net.weights[1], W2, rtol=1e-14)
    np.testing.assert_allclose(net.biases[0], [t["b_h1_new"], t["b_h2_new"]], rtol=1e-14)
    np.testing.assert_allclose(net.biases[1], [t["b_o1_new"], t["b_o2_new"]], rtol=1e-14)
    assert net.cost(X_EX, Y_EX) == pytest.approx(t["E_after"], rel=1e-13)


# --- learning --------------------------------------------------------------------------------


def test_step_reduces_the_cost():
    net = Network([3, 5, 2], seed=9)
    X, Y = data([3, 5, 2], 6, 9, "squared_error")
    before = net.cost(X, Y)
    assert net.step(X, Y, lr=0.5) is net
    assert net.cost(X, Y) < before


def test_step_is_w_minus_lr_times_gradient():
    net = Network([3, 4, 2], seed=10)
    X, Y = data([3, 4, 2], 4, 10, "squared_error")
    dW, db = net.gradients(X, Y)
    before = snapshot(net)
    net.step(X, Y, lr=0.3)
    for p, q, g in zip(net.weights + net.biases, before, dW + db, strict=True):
        np.testing.assert_allclose(p, q - 0.3 * g, rtol=1e-14)


def test_fit_returns_one_loss_per_epoch():
    net = Network([2, 3, 1], seed=0)
    history = net.fit(XOR_X, XOR_Y, lr=1.0, epochs=7)
    assert len(history) == 7
    assert all(type(h) is float for h in history)
    assert history[-1] == pytest.approx(net.cost(XOR_X, XOR_Y), rel=1e-14)


def test_fit_learns_xor():
    net = Network([2, 3, 1], seed=0)
    history = net.fit(XOR_X, XOR_Y, lr=2.0, epochs=3000)
    assert len(history) == 3000
    assert np.all(np.diff(history) <= 0)  # full-batch descent with this rate never goes up
    assert history[-1] < 0.01 * history[0]
    np.testing.assert_array_equal(np.round(net.forward(XOR_X)), XOR_Y)


def test_fit_with_mini_batches_is_reproducible_and_learns():
    a, b = Network([2, 4, 1], seed=1), Network([2, 4, 1], seed=1)
    ha = a.fit(XOR_X, XOR_Y, lr=1.0, epochs=200, batch_size=3, seed=5)
    hb = b.fit(XOR_X, XOR_Y, lr=1.0, epochs=200, batch_size=3, seed=5)
    assert len(ha) == 200
    assert ha == hb
    assert ha[-1] < ha[0]


def test_fit_stops_when_the_callback_returns_true():
    calls = []

    def callback(epoch, net, loss):
        calls.append((epoch, loss))
        return epoch == 3

    history = Network([2, 3, 1]).fit(XOR_X, XOR_Y, lr=1.0, epochs=10, callback=callback)
    assert len(history) == 3
    assert calls == list(enumerate(history, start=1))


# --- dtypes ----------------------------------------------------------------------------------


def test_float32_network_gives_float32_everything():
    net = Network([3, 4, 2], seed=11, dtype=np.float32)
    X, Y = data([3, 4, 2], 4, 11, "squared_error")
    X, Y = X.astype(np.float32), Y.astype(np.float32)
    assert net.dtype == np.float32
    assert net.forward(X).dtype == np.float32
    dW, db = net.gradients(X, Y)
    assert all(d.dtype == np.float32 for d in dW + db)
    net.step(X, Y, lr=0.1)
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)


def test_float32_gradients_agree_with_float64_differences_to_float32_precision():
    net = Network([3, 4, 2], seed=12, dtype=np.float32)
    X, Y = data([3, 4, 2], 4, 12, "squared_error")
    reference = numerical_gradients(net, X, Y, eps=EPS)
    assert max_relative_error(net.gradients(X, Y), reference) < 1e-4


def test_float64_network_stays_float64_on_float32_inputs():
    net = Network([3, 4, 2], seed=13)
    X, Y = data([3, 4, 2], 4, 13, "squared_error")
    dW, db = net.gradients(X.astype(np.float32), Y.astype(np.float32))
    assert net.dtype == np.float64
    assert all(d.dtype == np.float64 for d in dW + db)


def test_from_params_takes_the_dtype_of_its_parameters():
    net = Network.from_params([np.ones((2, 3), np.float32)], [np.zeros(2, np.float32)])
    assert net.dtype == np.float32
    assert net.forward(np.ones(3)).dtype == np.float32


def test_from_params_of_integers_is_float64():
    assert Network.from_params([[[1, 2]]], [[0]]).dtype == np.float64


# --- copies ----------------------------------------------------------------------------------


def test_copy_is_independent():
    net = Network([3, 4, 2], seed=14)
    before = snapshot(net)
    twin = net.copy()
    assert all(p is not q for p, q in zip(twin.weights, net.weights, strict=True))
    X, Y = data([3, 4, 2], 4, 14, "squared_error")
    twin.step(X, Y, lr=1.0)
    twin.weights[0][0, 0] = 99.0
    assert_unchanged(net, before)
    assert not np.array_equal(twin.weights[1], net.weights[1])


def test_copy_has_the_same_parameters_and_behaviour():
    net = Network([3, 4, 2], activation="tanh", loss="cross_entropy", seed=15)
    twin = net.copy()
    assert repr(twin) == repr(net)
    X = np.ones((2, 3))
    np.testing.assert_array_equal(twin.forward(X), net.forward(X))


# --- bad inputs: one test per case -----------------------------------------------------------


@pytest.fixture
def net():
    return Network([2, 3, 1], seed=0)


def test_sizes_too_short_raises():
    with pytest.raises(ValueError, match=r"sizes"):
        Network([2])


def test_sizes_not_integers_raises():
    with pytest.raises(TypeError, match=r"sizes"):
        Network([2, 2.5])


def test_sizes_zero_raises():
    with pytest.raises(ValueError, match=r"sizes"):
        Network([2, 0, 1])


def test_sizes_not_a_sequence_raises():
    with pytest.raises(TypeError, match=r"sizes"):
        Network(3)


def test_unknown_activation_raises():
    with pytest.raises(ValueError, match=r"activation.*'swish'"):
        Network([2, 1], activation="swish")


def test_unknown_loss_raises():
    with pytest.raises(ValueError, match=r"loss.*'mse'"):
        Network([2, 1], loss="mse")


def test_non_integer_seed_raises():
    with pytest.raises(TypeError, match=r"seed"):
        Network([2, 1], seed=1.5)


def test_bad_dtype_raises():
    with pytest.raises(TypeError, match=r"dtype"):
        Network([2, 1], dtype=np.int32)


def test_unknown_dtype_raises():
    with pytest.raises(TypeError, match=r"dtype"):
        Network([2, 1], dtype="banana")


def test_wrong_x_width_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^X must have 2 feature"):
        net.step([[1.0, 2.0, 3.0]], [[0.0]], lr=0.1)
    assert_unchanged(net, before)


def test_wrong_x_width_in_forward_raises(net):
    with pytest.raises(ValueError, match=r"^X must have 2 feature"):
        net.forward([1.0, 2.0, 3.0])


def test_y_rows_mismatch_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^Y must have as many samples as X"):
        net.step(XOR_X, XOR_Y[:2], lr=0.1)
    assert_unchanged(net, before)


def test_y_width_mismatch_raises(net):
    with pytest.raises(ValueError, match=r"^Y must have shape"):
        net.gradients(XOR_X, np.zeros((4, 2)))


def test_nan_in_x_raises(net):
    before = snapshot(net)
    X = XOR_X.copy()
    X[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"^X must be finite"):
        net.step(X, XOR_Y, lr=0.1)
    assert_unchanged(net, before)


def test_inf_in_x_raises(net):
    with pytest.raises(ValueError, match=r"^X must be finite"):
        net.gradients([np.inf, 0.0], [0.0])


def test_empty_batch_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^X must hold at least one sample"):
        net.step(np.zeros((0, 2)), np.zeros((0, 1)), lr=0.1)
    assert_unchanged(net, before)


def test_three_dimensional_x_raises(net):
    with pytest.raises(ValueError, match=r"^X must be 1-D .* or 2-D .*; got 3-D"):
        net.forward(np.zeros((1, 1, 2)))


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"'identity', 'relu', 'sigmoid', 'tanh'"):
        Network([2, 1], activation="sigm")


def test_nan_in_y_raises(net):
    with pytest.raises(ValueError, match=r"^Y must be finite"):
        net.gradients([0.0, 1.0], [np.nan])


def test_non_numeric_x_raises(net):
    with pytest.raises(TypeError, match=r"^X must hold real numbers"):
        net.forward(["a", "b"])


def test_negative_lr_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"lr"):
        net.step(XOR_X, XOR_Y, lr=-0.1)
    assert_unchanged(net, before)


def test_zero_lr_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"lr"):
        net.step(XOR_X, XOR_Y, lr=0)
    assert_unchanged(net, before)


def test_non_number_lr_raises(net):
    before = snapshot(net)
    with pytest.raises(TypeError, match=r"lr"):
        net.step(XOR_X, XOR_Y, lr="0.1")
    assert_unchanged(net, before)


def test_negative_lr_in_fit_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"lr"):
        net.fit(XOR_X, XOR_Y, lr=-1.0, epochs=5)
    assert_unchanged(net, before)


def test_zero_epochs_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"epochs"):
        net.fit(XOR_X, XOR_Y, lr=0.1, epochs=0)
    assert_unchanged(net, before)


def test_non_integer_epochs_raises(net):
    before = snapshot(net)
    with pytest.raises(TypeError, match=r"epochs"):
        net.fit(XOR_X, XOR_Y, lr=0.1, epochs=2.0)
    assert_unchanged(net, before)


def test_zero_batch_size_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"batch_size"):
        net.fit(XOR_X, XOR_Y, lr=0.1, epochs=5, batch_size=0)
    assert_unchanged(net, before)


def test_non_callable_callback_raises(net):
    before = snapshot(net)
    with pytest.raises(TypeError, match=r"callback"):
        net.fit(XOR_X, XOR_Y, lr=0.1, epochs=5, callback=3)
    assert_unchanged(net, before)


def test_from_params_mismatched_layer_shapes_raises():
    with pytest.raises(ValueError, match=r"weights\[1\]"):
        Network.from_params([np.zeros((3, 2)), np.zeros((1, 2))], [np.zeros(3), np.zeros(1)])


def test_from_params_mismatched_bias_shape_raises():
    with pytest.raises(ValueError, match=r"biases\[0\]"):
        Network.from_params([np.zeros((3, 2))], [np.zeros(2)])


def test_from_params_missing_biases_raises():
    with pytest.raises(ValueError, match=r"biases"):
        Network.from_params([np.zeros((3, 2))], [])


def test_from_params_nan_weight_raises():
    with pytest.raises(ValueError, match=r"weights\[0\]"):
        Network.from_params([[[np.nan]]], [[0.0]])


def test_non_finite_parameters_are_refused_before_training(net):
    net.weights[0][0, 0] = np.inf
    with pytest.raises(ValueError, match=r"weights"):
        net.step(XOR_X, XOR_Y, lr=0.1)


# --- no silent wrong number: a non-finite result or an unusable argument is an error --------------


def diverging_net():
    """A linear network and data on which lr = 10 diverges within a few dozen epochs."""
    return Network([2, 3, 1], activation="identity", seed=0)


def test_fit_that_diverges_raises_naming_the_epoch_and_leaves_the_network_as_it_was():
    # Not a history of NaN with only RuntimeWarnings.
    net = diverging_net()
    before = snapshot(net)
    with pytest.raises(
        ValueError, match=r"^lr must be small enough .*got 10.0: .* diverged .*(at|after) epoch \d+"
    ):
        net.fit(XOR_X, XOR_Y, lr=10.0, epochs=2000)
    assert_unchanged(net, before)


def test_fit_with_mini_batches_that_diverges_names_the_step():
    net = diverging_net()
    with pytest.raises(
        ValueError,
        match=r"diverged \(NaN or inf\) (at epoch \d+, step [1-4]|in the loss after epoch)",
    ):
        net.fit(XOR_X, XOR_Y, lr=10.0, epochs=2000, batch_size=1)


def test_step_that_would_make_a_weight_infinite_raises_and_changes_nothing():
    # Not infinite weights written into the network.
    net = Network([1, 1], activation="identity", seed=0)
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"Try a smaller learning rate"):
        net.step([[1e3]], [[0.0]], lr=1e306)
    assert_unchanged(net, before)


@pytest.mark.parametrize("method", ["forward", "forward_pass", "cost", "deltas", "gradients"])
def test_nan_weights_are_refused_by_every_method(method):
    # Every method, not only cost and step: forward must not return NaN outputs.
    net = Network([2, 2, 2], seed=0)
    net.weights[1][0, 0] = np.nan
    args = (X_EX,) if method.startswith("forward") else (X_EX, Y_EX)
    with pytest.raises(ValueError, match=r"^the network's weights\[1\] must be finite"):
        getattr(net, method)(*args)


def test_infinite_bias_is_refused_by_step_and_nothing_changes():
    net = Network([2, 2, 2], seed=0)
    net.biases[0][1] = np.inf
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^the network's biases\[0\] must be finite"):
        net.step(X_EX, Y_EX, lr=0.5)
    assert_unchanged(net, before)


def test_an_overflow_inside_the_network_raises():
    net = Network.from_params([[[1e200]], [[1e200]]], [[0.0], [0.0]], activation="identity")
    with pytest.raises(ValueError, match=r"^the output came out NaN or infinite in float64"):
        net.forward([[1e10]])


@pytest.mark.parametrize("value", [1e300, -1e39, np.inf])
def test_input_that_overflows_float32_is_refused_like_inf(value):
    # A value that float32 cannot hold must not become inf with only a RuntimeWarning.
    net = Network([2, 1], dtype=np.float32)
    with pytest.raises(ValueError, match=r"^X must be finite"):
        net.forward([value, 0.0])
    with pytest.raises(ValueError, match=r"^Y must be finite"):
        net.cost([0.0, 0.0], [value])


def test_parameters_that_overflow_the_dtype_are_refused():
    with pytest.raises(ValueError, match=r"^biases\[0\] must be finite in the network's dtype"):
        Network.from_params([np.array([[1.0]], dtype=np.float16)], [np.array([100_000])])


def test_step_with_a_read_only_layer_changes_no_layer():
    # All or nothing: no layer is updated before every layer can be written.
    net = Network([2, 2, 2], seed=0)
    net.weights[1].flags.writeable = False
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^weights\[1\] must be writeable"):
        net.step(X_EX, Y_EX, lr=0.5)
    assert_unchanged(net, before)


def test_negative_seed_raises_naming_seed():
    # bp's message, not numpy's, which names no parameter.
    with pytest.raises(ValueError, match=r"^seed must be an integer >= 0; got -1"):
        Network([2, 1], seed=-1)


@pytest.mark.parametrize(("seed", "exc"), [(-1, ValueError), (1.5, TypeError), (None, TypeError)])
def test_bad_seed_in_fit_raises_naming_seed_and_changes_nothing(seed, exc):
    # Checked by fit itself: not a failure inside numpy (-1), nor silently accepted (None).
    net = Network([2, 3, 1], seed=0)
    before = snapshot(net)
    with pytest.raises(exc, match=r"^seed must be an integer"):
        net.fit(XOR_X, XOR_Y, lr=1.0, epochs=2, batch_size=2, seed=seed)
    assert_unchanged(net, before)


def test_learning_rate_as_a_fraction_is_a_number():
    # Any real number is a learning rate, not only float and int.
    from fractions import Fraction

    a, b = Network([2, 2, 2], seed=0), Network([2, 2, 2], seed=0)
    a.step(X_EX, Y_EX, lr=Fraction(1, 2))
    b.step(X_EX, Y_EX, lr=0.5)
    assert_unchanged(a, snapshot(b))


@pytest.mark.parametrize("sizes", [{2: 0, 3: 0}, {2, 3}], ids=["dict", "set"])
def test_sizes_without_an_order_are_refused(sizes):
    # Layer sizes in whatever order a dict or a set iterates would build a different network.
    with pytest.raises(TypeError, match=r"^sizes must be an ordered sequence"):
        Network(sizes)


def test_sizes_as_a_tuple_or_an_array_are_accepted():
    assert Network((2, 3, 1)).sizes == Network(np.array([2, 3, 1])).sizes == [2, 3, 1]


def test_a_masked_array_is_refused_not_unmasked():
    # A mask is never dropped without a word.
    net = Network([2, 1])
    X = np.ma.masked_array([[1.0, 2.0]], mask=[[False, True]])
    with pytest.raises(TypeError, match=r"^X must be a plain array \(bp would ignore a mask\)"):
        net.forward(X)


def test_boolean_inputs_are_refused():
    with pytest.raises(TypeError, match=r"^X must hold real numbers; got booleans"):
        Network([2, 1]).forward(np.array([True, False]))


def test_from_params_of_int8_is_float64():
    # Integer parameters give a float64 network, not the smallest float that holds them.
    net = Network.from_params([np.array([[1, 2]], dtype=np.int8)], [np.array([0], dtype=np.int8)])
    assert net.dtype == np.float64


def test_from_params_of_booleans_is_refused():
    with pytest.raises(TypeError, match=r"^weights\[0\] must hold real numbers; got booleans"):
        Network.from_params([np.array([[True, False]])], [np.array([0.0])])


def test_from_params_checks_its_arguments_as_the_constructor_does():
    # from_params builds through __init__, so a loss the sizes cannot carry is refused there too.
    with pytest.raises(ValueError, match=r"^sizes must end with at least 2 outputs"):
        Network.from_params([[[1.0, 2.0]]], [[0.0]], loss="cross_entropy")


def test_forward_pass_does_not_return_the_callers_array():
    # a[0] is a copy of X: changing one must not change the other.
    X = np.array([[0.05, 0.10]])
    _, a = Network([2, 2, 2]).forward_pass(X)
    a[0][0, 0] = 99.0
    assert X[0, 0] == 0.05


def test_cross_entropy_with_a_single_output_is_refused():
    # A softmax of one output is always 1, so its gradient would be 0 without a word.
    with pytest.raises(
        ValueError, match=r"^sizes must end with at least 2 outputs .*cross_entropy"
    ):
        Network([2, 3, 1], loss="cross_entropy")


def test_fit_returns_what_cost_returns():
    # The history fit returns is cost()'s number, bit for bit, not a copy's.
    net = Network([2, 3, 1], seed=0)
    history = net.fit(XOR_X, XOR_Y, lr=1.0, epochs=3)
    assert history[-1] == net.cost(XOR_X, XOR_Y)


# --- a float16 batch larger than float16's largest number ----------------------------------------


def test_a_float16_network_learns_from_a_batch_of_65520_rows():
    # len(batch) rounded to float16 infinity: the gradient came out exactly 0 and step did nothing.
    rng = np.random.default_rng(0)
    X, Y = rng.uniform(size=(65_520, 2)), rng.uniform(size=(65_520, 1))
    net = Network([2, 1], seed=0, dtype=np.float16)
    wide = Network.from_params([W.astype(np.float64) for W in net.weights], net.biases)
    dW, _ = net.gradients(X, Y)
    dW64, _ = wide.gradients(X.astype(np.float16), Y.astype(np.float16))
    np.testing.assert_allclose(dW[0].astype(np.float64), dW64[0], rtol=2e-2)
    before = snapshot(net)
    net.step(X, Y, lr=1.0)
    assert not np.array_equal(net.weights[0], before[0])


def test_a_float16_cost_of_100000_rows_is_finite():
    # It raised "inputs or parameters too large for the dtype".
    X, Y = np.full((100_000, 1), 0.5), np.full((100_000, 1), 0.5)
    net = Network.from_params([np.array([[1.0]], np.float16)], [np.array([0.0], np.float16)])
    assert net.cost(X, Y) == pytest.approx(0.5 * (sigmoid(0.5) - 0.5) ** 2, rel=1e-2)


# --- parameters are floating point wherever they enter -------------------------------------------


def test_an_integer_array_assigned_to_a_layer_is_converted_to_the_network_dtype():
    # It made the network int64: forward truncated X to 0 and returned the biases.
    net = Network([2, 2], activation="identity")
    net.weights[0] = np.array([[1, 0], [0, 1]])
    net.biases[0] = np.array([0, 0])
    assert net.weights[0].dtype == net.biases[0].dtype == np.float64
    np.testing.assert_array_equal(net.forward([0.05, 0.1]), [0.05, 0.1])
    before = snapshot(net)
    net.step([0.05, 0.1], [1.0, 1.0], lr=0.5)  # the update was cast back to int: no change
    assert not np.array_equal(net.weights[0], before[0])


def test_integer_layers_assigned_to_a_float32_network_become_float32():
    net = Network([2, 1], dtype=np.float32)
    net.weights = [np.array([[1, 2]])]
    assert net.weights[0].dtype == np.float32
    assert isinstance(net.weights[0], np.ndarray)


@pytest.mark.parametrize(
    ("value", "exc", "message"),
    [
        (
            np.array([[True, False]]),
            TypeError,
            r"^weights\[0\] must hold real numbers; got booleans",
        ),
        (np.array([[np.nan, 0.0]]), ValueError, r"^weights\[0\] must be finite"),
        (np.array([[1.0, 2.0, 3.0]]), ValueError, r"^weights\[0\] must keep the layer's shape"),
        (np.array([1.0, 2.0]), ValueError, r"^weights\[0\] must be 2-D"),
    ],
)
def test_a_bad_array_assigned_to_a_layer_is_refused_and_changes_nothing(value, exc, message):
    net = Network([2, 1])
    before = snapshot(net)
    with pytest.raises(exc, match=message):
        net.weights[0] = value
    with pytest.raises(exc, match=message):
        net.weights = [value]
    assert_unchanged(net, before)


def test_a_value_beyond_the_dtype_assigned_to_a_layer_is_refused():
    net = Network([1, 1], dtype=np.float16)
    with pytest.raises(ValueError, match=r"^biases\[0\] must be finite in the network's dtype"):
        net.biases[0] = [100_000]


@pytest.mark.parametrize(
    "change",
    [
        lambda layers: layers.append(np.zeros((1, 1))),
        lambda layers: layers.insert(0, np.zeros((1, 1))),
        lambda layers: layers.pop(),
        lambda layers: layers.clear(),
        lambda layers: layers.__delitem__(0),
        lambda layers: layers.reverse(),
    ],
)
def test_the_number_and_order_of_layers_is_fixed(change):
    net = Network([1, 1, 1])
    with pytest.raises(TypeError, match=r"^weights must keep one array per layer"):
        change(net.weights)
    assert len(net.weights) == 2


def test_a_list_of_the_wrong_length_assigned_to_weights_is_refused():
    net = Network([1, 1, 1])
    with pytest.raises(ValueError, match=r"^weights must hold 2 arrays, one a layer; got 1"):
        net.weights = [np.zeros((1, 1))]


@settings(max_examples=25, deadline=None)
@given(
    dtype=st.sampled_from([np.int8, np.uint8, np.int32, np.int64, np.uint64]),
    values=st.lists(st.integers(0, 100), min_size=4, max_size=4),
)
def test_an_integer_layer_equals_its_float64(dtype, values):
    ints = np.array(values, dtype).reshape(2, 2)
    a, b = Network([2, 2, 1], seed=0), Network([2, 2, 1], seed=0)
    a.weights[0], b.weights[0] = ints, ints.astype(np.float64)
    X = np.array([[0.05, 0.1]])
    np.testing.assert_array_equal(a.forward(X), b.forward(X))


# --- pickling, for multiprocessing ---------------------------------------------------------------


def _cost_in_another_process(net):
    return net.cost(X_EX, Y_EX)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
def test_a_network_pickles_and_comes_back_equal(activation, loss):
    # The activation registry held lambdas: no Network could be pickled.
    net = Network([2, 3, 2], activation=activation, loss=loss, seed=4, dtype=np.float32)
    back = pickle.loads(pickle.dumps(net))
    assert repr(back) == repr(net)
    assert back.dtype == np.float32
    assert_unchanged(back, snapshot(net))
    assert back.cost(X_EX, Y_EX) == net.cost(X_EX, Y_EX)
    back.weights[0] = np.ones((3, 2))  # still checked after the round trip
    with pytest.raises(ValueError, match=r"keep the layer's shape"):
        back.weights[0] = np.ones((2, 2))


def test_a_network_is_sent_to_another_process():
    net = Network([2, 2, 2], seed=1)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(_cost_in_another_process, net).result() == net.cost(X_EX, Y_EX)


# --- fit's callback ------------------------------------------------------------------------------


def test_a_callback_that_puts_a_nan_into_a_weight_is_named_and_undone():
    # It was reported as "lr must be small enough ... gradient descent diverged".
    net = Network([2, 3, 1], seed=0)
    before = snapshot(net)

    def poison(epoch, net, loss):
        if epoch == 3:
            net.weights[1][0, 0] = np.nan

    with pytest.raises(
        ValueError,
        match=r"^callback must leave the network's parameters finite; got NaN or inf in "
        r"weights\[1\] after epoch 3; the network is as it was before the call",
    ):
        net.fit(XOR_X, XOR_Y, lr=1.0, epochs=5, callback=poison)
    assert_unchanged(net, before)


def test_a_callback_that_raises_leaves_the_network_as_it_was():
    # The exception came through with the network trained for two epochs.
    net = Network([2, 3, 1], seed=0)
    before = snapshot(net)

    def stop_badly(epoch, net, loss):
        if epoch == 2:
            raise KeyError("from the callback")

    with pytest.raises(KeyError, match="from the callback"):
        net.fit(XOR_X, XOR_Y, lr=1.0, epochs=5, callback=stop_badly)
    assert_unchanged(net, before)


def test_a_callback_may_change_the_parameters_in_place():
    net = Network([2, 3, 1], seed=0)

    def clip(epoch, net, loss):
        for W in net.weights:
            np.clip(W, -0.1, 0.1, out=W)

    net.fit(XOR_X, XOR_Y, lr=5.0, epochs=3, callback=clip)
    assert all(np.abs(W).max() <= 0.1 for W in net.weights)


# --- small ones ----------------------------------------------------------------------------------


def test_an_identity_layer_has_its_own_activation_array():
    # a[l] was the same array as z[l]: changing one changed the other.
    z, a = Network([2, 2], activation="identity").forward_pass([1.0, 2.0])
    assert not np.shares_memory(a[1], z[1])
    np.testing.assert_array_equal(a[1], z[1])
