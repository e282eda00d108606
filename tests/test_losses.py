"""Tests of :mod:`bp.losses`: values from the formulas, batch means, output errors against central
differences, softmax with cross-entropy, lookup by name and bad shapes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEEDS, assert_unchanged, snapshot

from bp import example, losses
from bp.activations import ACTIVATIONS, softmax
from bp.gradcheck import gradcheck, numerical_gradient
from bp.losses import (
    LOSSES,
    Loss,
    cross_entropy,
    cross_entropy_delta,
    squared_error,
    squared_error_delta,
)
from bp.network import Network

A = np.array([[0.2, 0.7, 0.1], [0.9, 0.3, 0.5]])
Y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])

SHAPES = st.tuples(st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=5))


def batch(shape, seed, one_hot=False):
    """Weighted inputs ``z`` and targets ``y`` of the given shape."""
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=2.0, size=shape)
    y = (
        np.eye(shape[1])[rng.integers(0, shape[1], size=shape[0])]
        if one_hot
        else rng.uniform(size=shape)
    )
    return z, y


# --- squared error ---------------------------------------------------------------------------


def test_squared_error_of_a_hand_example():
    # C = (1/n) sum_x 1/2 sum_j (a_j - y_j)^2, written out element by element.
    n, m = A.shape
    expected = sum(0.5 * sum((A[x, j] - Y[x, j]) ** 2 for j in range(m)) for x in range(n)) / n
    assert squared_error(A, Y) == pytest.approx(expected, rel=1e-15)


def test_squared_error_is_the_mean_over_the_batch():
    per_sample = [squared_error(A[i : i + 1], Y[i : i + 1]) for i in range(len(A))]
    assert squared_error(A, Y) == pytest.approx(np.mean(per_sample), rel=1e-15)
    # Repeating the batch leaves the mean unchanged.
    assert squared_error(np.vstack([A, A]), np.vstack([Y, Y])) == pytest.approx(
        squared_error(A, Y), rel=1e-15
    )


def test_squared_error_of_one_sample_is_e_total():
    t = example.worked_example()
    a = np.array([[t["out_o1"], t["out_o2"]]])
    y = np.array([example.TARGETS])
    assert squared_error(a, y) == pytest.approx(t["E_o1"] + t["E_o2"], rel=1e-15)
    assert round(float(squared_error(a, y)), 9) == 0.298371109


def test_squared_error_is_zero_on_target():
    assert squared_error(Y, Y) == 0.0


def test_squared_error_delta_of_a_hand_example():
    z = np.array([[2.0, 0.0], [1.0, -1.0]])
    y = np.array([[0.0, 1.0], [1.0, 1.0]])
    df = ACTIVATIONS["identity"].df
    # (a - y) * f'(z) / n with a = z and f' = 1.
    expected = (z - y) / 2
    np.testing.assert_allclose(squared_error_delta(z, z, y, df), expected, rtol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "identity"])
@settings(max_examples=50, deadline=None)
@given(shape=SHAPES, seed=SEEDS)
def test_squared_error_delta_is_the_gradient_with_respect_to_z(name, shape, seed):
    act = ACTIVATIONS[name]
    z, y = batch(shape, seed)
    delta = squared_error_delta(z, act.f(z), y, act.df)
    numeric = numerical_gradient(lambda v: squared_error(act.f(v), y), z.copy(), eps=1e-6)
    np.testing.assert_allclose(delta, numeric, rtol=1e-6, atol=1e-9)


def test_squared_error_gradient_with_respect_to_a_is_a_minus_y_over_n():
    a = A.copy()
    numeric = numerical_gradient(lambda v: squared_error(v, Y), a, eps=1e-6)
    np.testing.assert_allclose(numeric, (A - Y) / len(A), rtol=1e-8, atol=1e-12)


# --- cross-entropy ---------------------------------------------------------------------------


def test_cross_entropy_of_a_hand_example():
    a = softmax(np.array([[1.0, 2.0, 3.0], [0.5, 0.0, -0.5]]))
    # C = -(1/n) sum_x sum_j y_j log a_j; with one-hot rows only the target's term remains.
    expected = -(math.log(a[0, 1]) + math.log(a[1, 0])) / 2
    assert cross_entropy(a, Y) == pytest.approx(expected, rel=1e-15)


def test_cross_entropy_of_an_underflowed_output_without_z_is_refused():
    # -log(0) is infinite: refused, where the old code clipped it to about 708, a wrong number.
    with pytest.raises(ValueError, match=r"^a must be > 0 where y > 0 \(pass z"):
        cross_entropy(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("margin", [50.0, 120.0, 800.0, 1e5])
def test_cross_entropy_from_z_is_exact_at_any_margin(dtype, margin):
    # Not capped, as clipping the softmax would cap it, at about 708 (float64) or 87 (float32).
    z = np.array([[0.0, margin]], dtype=dtype)
    c = cross_entropy(softmax(z), np.array([[1.0, 0.0]], dtype=dtype), z)
    assert np.isfinite(c)
    assert c == pytest.approx(margin, rel=1e-6)


def test_cross_entropy_network_passes_gradcheck_at_a_large_margin():
    # With the cost capped, a correct gradient would fail gradcheck.
    net = Network.from_params([[[1.0, 0.0], [0.0, 1.0]]], [[0.0, 0.0]], "identity", "cross_entropy")
    X, Y = np.array([[0.0, 750.0]]), np.array([[1.0, 0.0]])
    assert net.cost(X, Y) == pytest.approx(750.0, rel=1e-12)
    assert gradcheck(net, X, Y, eps=1e-6, floor=1e-3) < 1e-6


@pytest.mark.parametrize(
    "y",
    [[[0.0, 0.0]], [[1.0, 1.0]], [[1.5, -0.5]], [[0.5, 0.4]]],
    ids=["all-zeros", "two-ones", "negative", "sums-to-0.9"],
)
def test_cross_entropy_refuses_targets_that_are_not_distributions(y):
    # For such targets the gradient a - y does not match the cost.
    a = np.array([[0.5, 0.5]])
    with pytest.raises(ValueError, match=r"^y must have rows of non-negative weights summing to 1"):
        cross_entropy(a, y)
    net = Network([2, 2], loss="cross_entropy")
    for method in (net.cost, net.gradients, net.deltas):
        with pytest.raises(ValueError, match=r"^Y must have rows of non-negative weights"):
            method([[0.1, 0.2]], y)
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"^Y must have rows"):
        net.step([[0.1, 0.2]], y, lr=0.1)
    assert_unchanged(net, before)


def test_cross_entropy_accepts_soft_targets_summing_to_one():
    y = np.array([[0.1, 0.2, 0.7]])
    a = softmax(np.array([[1.0, 2.0, 3.0]]))
    assert cross_entropy(a, y) == pytest.approx(-np.sum(y * np.log(a)), rel=1e-14)


def test_cross_entropy_delta_is_a_minus_y_over_n():
    a = softmax(np.array([[1.0, 2.0, 3.0], [0.5, 0.0, -0.5]]))
    np.testing.assert_allclose(cross_entropy_delta(None, a, Y), (a - Y) / len(a), rtol=1e-15)


def test_cross_entropy_delta_ignores_the_activation_derivative():
    a = softmax(np.array([[1.0, 2.0, 3.0]]))
    y = Y[:1]

    def never(z):
        raise AssertionError("df must not be called")

    np.testing.assert_array_equal(cross_entropy_delta(None, a, y, never), a - y)


@settings(max_examples=50, deadline=None)
@given(shape=SHAPES, seed=SEEDS)
def test_cross_entropy_delta_is_the_gradient_of_softmax_cross_entropy(shape, seed):
    z, y = batch(shape, seed, one_hot=True)
    delta = cross_entropy_delta(z, softmax(z), y)
    numeric = numerical_gradient(lambda v: cross_entropy(softmax(v), y), z.copy(), eps=1e-6)
    np.testing.assert_allclose(delta, numeric, rtol=1e-6, atol=1e-9)


def test_cross_entropy_loss_imposes_a_softmax_output():
    assert LOSSES["cross_entropy"].output is softmax
    assert LOSSES["squared_error"].output is None


def test_network_with_cross_entropy_has_output_delta_a_minus_y_over_n():
    net = Network([3, 4, 3], loss="cross_entropy", seed=0)
    X = np.random.default_rng(0).normal(size=(2, 3))
    delta = net.deltas(X, Y)
    np.testing.assert_allclose(delta[-1], (net.forward(X) - Y) / 2, rtol=1e-14)


# --- float32 ---------------------------------------------------------------------------------


def test_output_errors_keep_float32():
    a, y = A.astype(np.float32), Y.astype(np.float32)
    df = ACTIVATIONS["sigmoid"].df
    assert squared_error_delta(a, a, y, df).dtype == np.float32
    assert cross_entropy_delta(a, softmax(a), y).dtype == np.float32


# --- lookup by name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "f", "delta"),
    [
        ("squared_error", squared_error, squared_error_delta),
        ("cross_entropy", cross_entropy, cross_entropy_delta),
    ],
)
def test_lookup_by_name(name, f, delta):
    # The records hold the same rules as the functions, unchecked (the network checks once).
    loss = losses.get(name)
    assert loss.name == name
    assert loss is LOSSES[name]
    z = np.array([[1.0, 2.0, 3.0], [0.5, 0.0, -0.5]])
    sig = ACTIVATIONS["sigmoid"]
    a = softmax(z) if name == "cross_entropy" else sig.f(z)
    assert loss.f(a, Y, z) == pytest.approx(f(a, Y), rel=1e-14)
    np.testing.assert_allclose(loss.delta(z, a, Y, sig.df), delta(z, a, Y, sig.df), rtol=1e-15)


def test_lookup_of_a_loss_returns_it_unchanged():
    custom = Loss("custom", squared_error, squared_error_delta)
    assert losses.get(custom) is custom


def test_unknown_loss_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"loss must be one of .*; got 'mse'"):
        losses.get("mse")


def test_lookup_of_a_non_string_raises_type_error():
    with pytest.raises(TypeError, match=r"loss"):
        losses.get(None)


# --- bad shapes: one test per case -----------------------------------------------------------


def test_squared_error_of_mismatched_batches_raises():
    with pytest.raises(ValueError, match=r"y must have the shape of a"):
        squared_error(np.zeros((2, 3)), np.zeros((3, 3)))


def test_squared_error_of_mismatched_widths_raises():
    with pytest.raises(ValueError, match=r"y must have the shape of a"):
        squared_error(np.zeros((2, 3)), np.zeros((2, 2)))


def test_squared_error_delta_of_mismatched_shapes_raises():
    df = ACTIVATIONS["sigmoid"].df
    with pytest.raises(ValueError, match=r"y must have the shape of a"):
        squared_error_delta(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((3, 3)), df)


def test_cross_entropy_of_mismatched_widths_raises():
    with pytest.raises(ValueError, match=r"y must have the shape of a"):
        cross_entropy(np.full((2, 3), 1 / 3), np.zeros((2, 2)))


def test_cross_entropy_delta_of_mismatched_shapes_raises():
    with pytest.raises(ValueError, match=r"y must have the shape of a"):
        cross_entropy_delta(None, np.zeros((2, 3)), np.zeros((2, 2)))


def test_network_cost_with_targets_of_the_wrong_width_raises_naming_y():
    net = Network([2, 3], loss="cross_entropy")
    with pytest.raises(ValueError, match=r"^Y must have shape \(1, 3\)"):
        net.cost([[0.0, 1.0]], [[0.0, 1.0]])


def test_network_cost_with_too_few_targets_raises_naming_y():
    net = Network([2, 3])
    with pytest.raises(ValueError, match=r"^Y must have as many samples as X \(2\)"):
        net.cost(np.zeros((2, 2)), np.zeros((1, 3)))


# Each loss and its delta as a function of the outputs a and the targets y (z = a: identity).
EVERY_LOSS = pytest.mark.parametrize(
    "call",
    [
        lambda a, y: squared_error(a, y),
        lambda a, y: squared_error_delta(a, a, y, ACTIVATIONS["identity"].df),
        lambda a, y: cross_entropy(a, y),
        lambda a, y: cross_entropy_delta(a, a, y),
    ],
    ids=["squared_error", "squared_error_delta", "cross_entropy", "cross_entropy_delta"],
)


@EVERY_LOSS
def test_targets_of_another_shape_raise_instead_of_broadcasting(call):
    a = np.full((2, 3), 0.5)
    with pytest.raises(ValueError, match=r"y must have the shape of a, \(2, 3\); got \(1, 3\)"):
        call(a, np.zeros((1, 3)))


# --- no silent wrong number: plain lists work, an empty batch is an error -------------------------


def test_squared_error_takes_plain_lists():
    # Not a failure inside numpy ("unsupported operand").
    assert squared_error([[1.0, 2.0]], [[0.0, 0.0]]) == pytest.approx(2.5)


def test_squared_error_of_one_example_as_a_1d_array_is_its_cost():
    # A 1-D array is one example: the mean is over one row, not over its entries.
    assert squared_error([1.0, 2.0], [0.0, 0.0]) == squared_error([[1.0, 2.0]], [[0.0, 0.0]])


@pytest.mark.parametrize(
    "call",
    [
        lambda a: squared_error(a, a),
        lambda a: squared_error_delta(a, a, a, ACTIVATIONS["identity"].df),
        lambda a: cross_entropy(a, a),
        lambda a: cross_entropy_delta(None, a, a),
    ],
    ids=["squared_error", "squared_error_delta", "cross_entropy", "cross_entropy_delta"],
)
def test_losses_of_an_empty_batch_raise(call):
    # Not NaN with a RuntimeWarning.
    with pytest.raises(ValueError, match=r"^a must hold at least one row"):
        call(np.zeros((0, 3)))


def test_squared_error_that_overflows_raises():
    with pytest.raises(ValueError, match=r"^squared_error overflowed"):
        squared_error([[1e200]], [[-1e200]])


def test_losses_refuse_nan():
    with pytest.raises(ValueError, match=r"^a must be finite"):
        squared_error([[np.nan]], [[0.0]])


# --- integer and boolean input: integers computed in float64, booleans refused ----------------

INTEGER_DTYPES = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64]


def test_squared_error_of_huge_int64_opposites_does_not_wrap():
    # 2**62 - -2**62 wrapped to 0 in int64: the cost came out 0.0.
    got = squared_error(np.array([2**62]), np.array([-(2**62)]))
    assert got == 0.5 * float(2**63) ** 2


def test_squared_error_of_int8_opposites_does_not_wrap():
    # 100 - -100 wrapped to -56 in int8: the cost came out 32.0 (should be 20000).
    assert squared_error(np.array([100], np.int8), np.array([-100], np.int8)) == 20000.0


def test_squared_error_delta_of_uint8_does_not_wrap():
    # 0 - 1 wrapped to 255 in uint8.
    z = np.array([[0]], np.uint8)
    got = squared_error_delta(z, z, np.array([[1]], np.uint8), ACTIVATIONS["identity"].df)
    np.testing.assert_array_equal(got, [[-1.0]])


@EVERY_LOSS
def test_boolean_outputs_are_refused_naming_a(call):
    with pytest.raises(TypeError, match=r"^a must hold real numbers; got booleans"):
        call(np.array([[True, False]]), np.array([[1.0, 0.0]]))


@settings(max_examples=50, deadline=None)
@given(dtype=st.sampled_from(INTEGER_DTYPES), data=st.data())
def test_integer_losses_of_any_dtype_equal_their_float64(dtype, data):
    info = np.iinfo(dtype)
    ints = st.integers(info.min, info.max)
    shape = data.draw(SHAPES)
    a = np.array(
        data.draw(st.lists(ints, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])), dtype
    ).reshape(shape)
    y = np.array(data.draw(st.lists(ints, min_size=a.size, max_size=a.size)), dtype).reshape(shape)
    df = ACTIVATIONS["identity"].df
    assert squared_error(a, y) == squared_error(a.astype(float), y.astype(float))
    np.testing.assert_array_equal(
        squared_error_delta(a, a, y, df),
        squared_error_delta(a.astype(float), a, y.astype(float), df),
    )
    one_hot = np.eye(shape[1], dtype=dtype)[np.arange(shape[0]) % shape[1]]
    assert cross_entropy(one_hot, one_hot) == cross_entropy(one_hot.astype(float), one_hot)


# --- a batch too large for float16 --------------------------------------------------------------


@pytest.mark.parametrize("n", [65_520, 100_000])
def test_float16_means_do_not_overflow_with_the_batch_size(n):
    # n itself rounded to float16 infinity: every delta came out 0 and the cost inf.
    a = np.full((n, 1), 0.75, np.float16)
    y = np.full((n, 1), 0.25, np.float16)
    assert squared_error(a, y) == np.float16(0.125)
    delta = squared_error_delta(a, a, y, ACTIVATIONS["identity"].df)
    assert delta.dtype == np.float16
    assert float(delta.sum(dtype=np.float64)) == pytest.approx(0.5, rel=1e-2)
    p = np.tile(np.array([[0.5, 0.5]], np.float16), (n, 1))
    one_hot = np.tile(np.array([[1.0, 0.0]], np.float16), (n, 1))
    assert float(cross_entropy(p, one_hot)) == pytest.approx(math.log(2), rel=1e-3)
    column_sums = cross_entropy_delta(None, p, one_hot).sum(axis=0, dtype=np.float64)
    np.testing.assert_allclose(column_sums, [-0.5, 0.5], rtol=1e-2)


# --- small ones -----------------------------------------------------------------------------


def test_a_perfect_cross_entropy_is_plus_zero():
    # -np.sum(0.0) / n came out -0.0.
    y = np.array([[0.0, 1.0]])
    for cost in (cross_entropy(y, y), cross_entropy(y, y, np.array([[0.0, 800.0]]))):
        assert cost == 0.0
        assert math.copysign(1.0, cost) == 1.0


def test_cross_entropy_delta_refuses_outputs_that_are_not_distributions():
    # cross_entropy refused this a; its delta took it.
    a, y = np.array([[0.9, 0.9]]), np.array([[0.0, 1.0]])
    with pytest.raises(ValueError, match=r"^a must have rows of non-negative weights summing to 1"):
        cross_entropy(a, y)
    with pytest.raises(ValueError, match=r"^a must have rows of non-negative weights summing to 1"):
        cross_entropy_delta(None, a, y)
