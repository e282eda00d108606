"""Tests of :mod:`bp.activations`: each derivative against central differences, the sigmoid's
stability, the conventions at special points, softmax, lookup by name and dtypes."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bp import activations
from bp.activations import (
    ACTIVATIONS,
    Activation,
    identity,
    identity_prime,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    tanh,
    tanh_prime,
)
from bp.gradcheck import numerical_gradient

EPS = 1e-6
Z = st.floats(min_value=-30, max_value=30, allow_nan=False, allow_infinity=False)
ZS = st.lists(Z, min_size=1, max_size=6)
NAMES = sorted(ACTIVATIONS)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=50, deadline=None)
@given(zs=ZS)
def test_derivative_agrees_with_central_differences(name, zs):
    act = ACTIVATIONS[name]
    z = np.array(zs)
    if name == "relu":
        assume(np.all(np.abs(z) > 10 * EPS))  # the kink: no derivative to compare with
    # Element-wise: the gradient of sum(f(z)) is f'(z), entry by entry.
    numeric = numerical_gradient(lambda x: float(np.sum(act.f(x))), z.copy(), eps=EPS)
    # Rounding in central differences is about 1e-16 * |f| / eps, so tiny slopes (sigmoid'(30)
    # is 1e-13) are compared in absolute terms.
    np.testing.assert_allclose(act.df(z), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=50, deadline=None)
@given(zs=ZS)
def test_activation_keeps_the_shape(name, zs):
    act = ACTIVATIONS[name]
    z = np.array(zs).reshape(1, -1)
    assert act.f(z).shape == z.shape
    assert act.df(z).shape == z.shape


# --- sigmoid ---------------------------------------------------------------------------------


def test_sigmoid_of_zero_is_one_half():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_prime(0.0) == 0.25


def test_sigmoid_of_large_inputs_gives_no_warning_and_no_nan():
    z = np.array([-1000.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, da = sigmoid(z), sigmoid_prime(z)
    assert not np.any(np.isnan(a))
    assert not np.any(np.isnan(da))
    np.testing.assert_array_equal(a, [0.0, 1.0])
    np.testing.assert_array_equal(da, [0.0, 0.0])


def test_sigmoid_of_large_float32_inputs_gives_no_warning_and_no_nan():
    z = np.array([-1000.0, -100.0, 100.0, 1000.0], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = sigmoid(z)
    assert a.dtype == np.float32
    assert not np.any(np.isnan(a))
    assert a[0] == 0.0
    assert a[-1] == 1.0


def test_sigmoid_keeps_relative_precision_of_tiny_outputs():
    # sigma(z) = e^z / (1 + e^z), which is e^z to full precision when e^z is tiny.
    for z in (-40.0, -300.0, -700.0):
        assert sigmoid(z) == pytest.approx(np.exp(z), rel=1e-13)


@settings(max_examples=50, deadline=None)
@given(z=st.floats(min_value=-700, max_value=700))
def test_sigmoid_is_in_the_unit_interval_and_symmetric(z):
    a = sigmoid(z)
    assert 0.0 <= a <= 1.0
    assert sigmoid(-z) == pytest.approx(1.0 - a, abs=1e-15)
    assert 0.0 <= sigmoid_prime(z) <= 0.25


def test_sigmoid_prime_is_a_function_of_z_not_of_a():
    z = 2.0
    s = 1 / (1 + np.exp(-z))
    assert sigmoid_prime(z) == pytest.approx(s * (1 - s), rel=1e-15)
    assert sigmoid_prime(z) != pytest.approx(z * (1 - z))


# --- tanh, relu, identity --------------------------------------------------------------------


def test_tanh_at_zero():
    assert tanh(0.0) == 0.0
    assert tanh_prime(0.0) == 1.0


def test_tanh_of_large_inputs_saturates_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(tanh(np.array([-1000.0, 1000.0])), [-1.0, 1.0])
        np.testing.assert_array_equal(tanh_prime(np.array([-1000.0, 1000.0])), [0.0, 0.0])


def test_relu_at_zero_is_zero_with_slope_zero():
    # The documented convention at the kink: relu'(0) = 0.
    assert relu(np.array([0.0]))[0] == 0.0
    assert relu_prime(np.array([0.0]))[0] == 0.0
    assert relu_prime(np.array([-0.0]))[0] == 0.0


def test_relu_and_its_slope_on_both_sides():
    z = np.array([-3.0, -1e-300, 1e-300, 3.0])
    np.testing.assert_array_equal(relu(z), [0.0, 0.0, 1e-300, 3.0])
    np.testing.assert_array_equal(relu_prime(z), [0.0, 0.0, 1.0, 1.0])


def test_identity_and_its_slope():
    z = np.array([-2.0, 0.0, 5.0])
    np.testing.assert_array_equal(identity(z), z)
    np.testing.assert_array_equal(identity_prime(z), [1.0, 1.0, 1.0])


def test_slopes_of_integer_inputs_are_floats():
    z = np.array([-1, 0, 2])
    assert relu_prime(z).dtype.kind == "f"
    assert identity_prime(z).dtype.kind == "f"


# --- softmax ---------------------------------------------------------------------------------

ROWS = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=5),
    elements=st.floats(min_value=-30, max_value=30),
)


@settings(max_examples=50, deadline=None)
@given(z=ROWS)
def test_softmax_rows_are_positive_and_sum_to_one(z):
    a = softmax(z)
    assert a.shape == z.shape
    assert np.all(a > 0)
    np.testing.assert_allclose(a.sum(axis=-1), 1.0, rtol=1e-14)


@settings(max_examples=50, deadline=None)
@given(z=ROWS, shift=st.floats(min_value=-100, max_value=100))
def test_softmax_is_shift_invariant(z, shift):
    np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-12, atol=1e-300)


def test_softmax_matches_its_formula():
    z = np.array([[0.0, 1.0, 2.0], [-1.0, 0.5, 3.0]])
    e = np.exp(z)
    np.testing.assert_allclose(softmax(z), e / e.sum(axis=1, keepdims=True), rtol=1e-15)


def test_softmax_of_large_inputs_does_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = softmax(np.array([[1000.0, 1000.0], [-1000.0, 1000.0]]))
    np.testing.assert_array_equal(a, [[0.5, 0.5], [0.0, 1.0]])


def test_softmax_is_not_an_element_wise_activation():
    assert "softmax" not in ACTIVATIONS


# --- lookup by name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "f", "df"),
    [
        ("sigmoid", sigmoid, sigmoid_prime),
        ("tanh", tanh, tanh_prime),
        ("relu", relu, relu_prime),
        ("identity", identity, identity_prime),
    ],
)
def test_lookup_by_name(name, f, df):
    act = activations.get(name)
    assert (act.name, act.df) == (name, df)
    z = np.linspace(-30.0, 30.0, 61)
    np.testing.assert_array_equal(act.f(z), f(z))  # the same rule (sigmoid's without errstate)
    assert ACTIVATIONS[name] is act


def test_lookup_of_an_activation_returns_it_unchanged():
    square = Activation("square", lambda z: z**2, lambda z, a=None: 2 * z)
    assert activations.get(square) is square


def test_unknown_name_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"activation must be one of .*; got 'swish'") as info:
        activations.get("swish")
    for name in NAMES:
        assert repr(name) in str(info.value)


def test_lookup_of_a_non_string_raises_type_error():
    with pytest.raises(TypeError, match=r"activation"):
        activations.get(3)


# --- dtypes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_float32_is_preserved(name):
    act = ACTIVATIONS[name]
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]], dtype=np.float32)
    assert act.f(z).dtype == np.float32
    assert act.df(z).dtype == np.float32


def test_float32_is_preserved_by_softmax():
    assert softmax(np.array([[1.0, 2.0]], dtype=np.float32)).dtype == np.float32


# --- an empty softmax names z; the derivative taken from the output is exact ----------------------


@pytest.mark.parametrize("shape", [(1, 0), (0,), ()])
def test_softmax_of_an_empty_row_raises_naming_z(shape):
    # bp's message, not numpy's "zero-size array to reduction operation", which names no parameter.
    with pytest.raises(ValueError, match=r"^z must have at least one entry along its last axis"):
        softmax(np.zeros(shape))


# --- integer and boolean input: integers computed in float64, booleans refused ----------------

INTEGER_DTYPES = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64]
RULES = [
    *(ACTIVATIONS[n].f for n in NAMES),
    *(ACTIVATIONS[n].df for n in NAMES),
    softmax,
]


def test_sigmoid_of_a_uint8_one_is_computed_in_float64():
    # In uint8, -z wraps to 255 and exp(255) overflows: sigmoid came out 0.
    np.testing.assert_array_equal(sigmoid(np.array([1], np.uint8)), sigmoid(np.array([1.0])))


def test_softmax_of_uint64_input_is_computed_in_float64():
    # In uint64, z - max wraps: [nan, 0.] came out.
    got = softmax(np.array([0, 5], np.uint64))
    np.testing.assert_array_equal(got, softmax(np.array([0.0, 5.0])))


def test_softmax_of_the_int8_extremes_is_computed_in_float64():
    # In int8, -128 - 127 wraps to 1: [0.269, 0.731] came out for [1, ~0].
    got = softmax(np.array([127, -128], np.int8))
    np.testing.assert_array_equal(got, softmax(np.array([127.0, -128.0])))
    assert got[0] > 0.999


@pytest.mark.parametrize("rule", RULES, ids=lambda f: f.__name__)
def test_boolean_input_is_refused_naming_z(rule):
    with pytest.raises(TypeError, match=r"^z must hold real numbers; got booleans"):
        rule(np.array([True, False]))


@pytest.mark.parametrize("rule", RULES, ids=lambda f: f.__name__)
@settings(max_examples=25, deadline=None)
@given(dtype=st.sampled_from(INTEGER_DTYPES), data=st.data())
def test_integer_input_of_any_dtype_equals_its_float64(rule, dtype, data):
    info = np.iinfo(dtype)
    ints = data.draw(hnp.arrays(dtype, st.integers(1, 5), elements=st.integers(info.min, info.max)))
    got = rule(ints)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, rule(ints.astype(np.float64)))


# --- small ones -----------------------------------------------------------------------------


def test_identity_returns_a_new_array_not_its_input():
    z = np.array([1.0, -2.0])
    a = identity(z)
    a[0] = 9.0
    assert z[0] == 1.0


def test_sigmoid_prime_of_40_keeps_full_relative_precision():
    # 1 - sigmoid(40) rounds to 0, and sigma'(40) = 4.2e-18 came out 0.
    exact = math.exp(-40) / (1 + math.exp(-40)) ** 2
    assert float(sigmoid_prime(40.0)) == pytest.approx(exact, rel=4e-16, abs=0)


@settings(max_examples=300, deadline=None)
@given(z=st.floats(min_value=-700, max_value=700))
def test_sigmoid_prime_keeps_a_relative_error_below_1e_15_everywhere(z):
    # sigma'(z) = e / (1 + e)^2 with e = e^-|z|, in exact rational arithmetic on the float e (whose
    # own rounding moves the result by less than 1.2e-16)
    e = Fraction(math.exp(-abs(z)))
    exact = float(e / (1 + e) ** 2)
    assert float(sigmoid_prime(z)) == pytest.approx(exact, rel=1e-15, abs=0)


@settings(max_examples=100, deadline=None)
@given(z=st.floats(min_value=-700, max_value=2))
def test_sigmoid_prime_up_to_2_is_sigma_times_one_minus_sigma_bit_for_bit(z):
    # The book asserts that Network.gradients equals the worked example's out (1 - out) to the
    # last bit (its z are below 1.3); the precise form at -z takes over only above 2.
    s = sigmoid(z)
    assert sigmoid_prime(z) == s * (1 - s)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=50, deadline=None)
@given(zs=st.lists(st.floats(-700, 700), min_size=1, max_size=6))
def test_the_derivative_given_the_output_agrees_with_the_derivative_of_z(name, zs):
    # df(z, a), the network's way (no second exponential), against df(z): equal but for the
    # rounding of a, at most 1.2e-16 absolute
    act = ACTIVATIONS[name]
    z = np.array(zs)
    np.testing.assert_allclose(act.df(z, act.f(z)), act.df(z), rtol=0, atol=2e-16)


def test_sigmoid_prime_given_the_output_is_a_times_one_minus_a_bit_for_bit():
    # The network's sigma'(z): the worked example's out (1 - out) to the last bit.
    z = np.random.default_rng(0).normal(scale=5.0, size=(7, 5))
    a = sigmoid(z)
    np.testing.assert_array_equal(sigmoid_prime(z, a), a * (1 - a))


# --- the network's unchecked rules -------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@settings(max_examples=30, deadline=None)
@given(zs=st.lists(st.floats(-700, 700), min_size=1, max_size=6))
def test_unchecked_rules_give_the_checked_rules_numbers_bit_for_bit(name, dtype, zs):
    act, fast = ACTIVATIONS[name], activations.unchecked(ACTIVATIONS[name])
    z = np.array([zs], dtype=dtype)
    with np.errstate(all="ignore"):  # as the network calls them
        a = fast.f(z)
        np.testing.assert_array_equal(a, act.f(z), strict=True)
        np.testing.assert_array_equal(fast.df(z, a), act.df(z, a), strict=True)


def test_unchecked_returns_an_activation_of_ones_own_as_it_is():
    square = Activation("square", lambda z: z**2, lambda z, a=None: 2 * z)
    assert activations.unchecked(square) is square


def test_unchecked_returns_a_look_alike_of_a_builtin_name_as_it_is():
    # Named "sigmoid" but not bp's: its own rules are kept, not swapped for bp's.
    mine = Activation("sigmoid", ACTIVATIONS["tanh"].f, ACTIVATIONS["tanh"].df)
    assert activations.unchecked(mine) is mine
