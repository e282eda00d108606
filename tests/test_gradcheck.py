"""Tests of :mod:`bp.gradcheck`: central differences, the relative error, and gradcheck passing a
correct network and failing wrong ones."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import FINITE, SEEDS, assert_unchanged, data, snapshot

from bp import example
from bp.activations import Activation, sigmoid
from bp.gradcheck import gradcheck, numerical_gradient, numerical_gradients, relative_error
from bp.network import Network

# See tests/test_network.py: with eps = 1e-5 the differences are good to about 1e-11 absolute, and
# entries below FLOOR are measured in absolute terms.
EPS = 1e-5
FLOOR = 1e-3


# --- numerical_gradient ----------------------------------------------------------------------


def test_slope_of_x_squared_at_2_is_4():
    grad = numerical_gradient(lambda x: float(x[0] ** 2), np.array([2.0]))
    assert grad.shape == (1,)
    assert grad[0] == pytest.approx(4.0, rel=1e-9)


def test_gradient_of_a_function_of_a_vector():
    x = np.array([0.3, -1.2, 2.0])

    def f(v):
        return float(np.sum(np.sin(v)) + v[0] * v[1])

    expected = np.cos(x) + np.array([x[1], x[0], 0.0])
    np.testing.assert_allclose(numerical_gradient(f, x), expected, rtol=1e-8, atol=1e-10)


def test_gradient_of_a_function_of_a_matrix_keeps_its_shape():
    x = np.arange(6.0).reshape(2, 3)
    grad = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, 2 * x, rtol=1e-8, atol=1e-8)


def test_the_point_is_perturbed_in_place_and_restored_exactly():
    x = np.array([0.1, 0.7, -0.3])
    original = x.copy()
    seen = []

    def f(v):
        assert v is x  # f may read x from a closure, as a network reads its weights
        seen.append(v.copy())
        return float(v @ v)

    numerical_gradient(f, x, eps=1e-4)
    np.testing.assert_array_equal(x, original)
    assert len(seen) == 2 * x.size
    assert seen[0][0] == original[0] + 1e-4
    assert seen[1][0] == original[0] - 1e-4


def test_the_point_is_restored_when_f_raises():
    x = np.array([0.1, 0.7])
    original = x.copy()

    def f(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match=r"boom"):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, original)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_a_point_in_low_precision_is_refused_not_answered_wrongly(dtype):
    # A wrong slope is worse than none: in float16 the slope of x**2 at 1 comes out 0, in float32
    # 1.967.
    x = np.array([1.0], dtype=dtype)
    with pytest.raises(TypeError, match=r"^x must be a numpy array of float64.*got dtype"):
        numerical_gradient(lambda v: float(v[0] ** 2), x)
    assert x[0] == 1.0


def test_a_function_computing_in_float32_is_refused():
    x = np.array([1.0])
    with pytest.raises(TypeError, match=r"^f must return a float64 .*got float32 at x\[0\] \+ eps"):
        numerical_gradient(lambda v: np.float32(v[0]) ** 2, x)
    assert x[0] == 1.0


def test_error_is_of_order_eps_squared():
    # f = x^3: the central difference is 3x^2 + eps^2 exactly.
    for eps in (1e-2, 1e-3):
        grad = numerical_gradient(lambda v: float(v[0] ** 3), np.array([1.0]), eps=eps)
        assert grad[0] - 3.0 == pytest.approx(eps**2, rel=1e-4)


# --- numerical_gradients ---------------------------------------------------------------------


def test_numerical_gradients_have_the_shapes_of_the_parameters_and_leave_the_net_alone():
    net = Network([3, 4, 2], seed=0)
    X, Y = data([3, 4, 2], 3, 0)
    before = snapshot(net)
    dW, db = numerical_gradients(net, X, Y)
    assert [d.shape for d in dW] == [W.shape for W in net.weights]
    assert [d.shape for d in db] == [b.shape for b in net.biases]
    assert all(d.dtype == np.float64 for d in dW + db)
    assert_unchanged(net, before)


def test_numerical_gradients_of_the_worked_example():
    dW, _ = numerical_gradients(example.worked_example_network(), [0.05, 0.10], [0.01, 0.99])
    assert dW[1][0, 0] == pytest.approx(example.worked_example()["dE_dw5"], rel=1e-8)


# --- relative_error --------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(a=FINITE, b=FINITE)
def test_relative_error_is_symmetric(a, b):
    assert relative_error(a, b) == relative_error(b, a)


@settings(max_examples=50, deadline=None)
@given(a=FINITE)
def test_relative_error_of_equal_values_is_zero(a):
    assert relative_error(a, a) == 0.0


@settings(max_examples=50, deadline=None)
@given(a=FINITE, b=FINITE)
def test_relative_error_is_between_zero_and_two(a, b):
    assert 0.0 <= relative_error(a, b) <= 2.0


def test_relative_error_of_two_zeros_is_zero():
    with np.errstate(all="raise"):
        assert relative_error(0.0, 0.0) == 0.0


def test_relative_error_by_its_formula():
    a, b = np.array([1.0, 0.0, 2.0, -3.0]), np.array([1.1, 0.0, -2.0, -1.0])
    expected = [0.1 / 1.1, 0.0, 2.0, 2.0 / 3.0]
    np.testing.assert_allclose(relative_error(a, b), expected, rtol=1e-14)


def test_relative_error_is_scale_free():
    assert relative_error(1e-9, 2e-9) == pytest.approx(relative_error(1.0, 2.0), rel=1e-14)


def test_floor_measures_small_entries_in_absolute_terms():
    assert relative_error(1e-9, 2e-9) == pytest.approx(0.5)
    assert relative_error(1e-9, 2e-9, floor=1e-3) == pytest.approx(1e-6, rel=1e-12)
    # Above the floor, the floor changes nothing.
    assert relative_error(1.0, 2.0, floor=1e-3) == relative_error(1.0, 2.0)


def test_floor_makes_two_zeros_zero():
    assert relative_error(0.0, 0.0, floor=1e-3) == 0.0


def test_relative_error_broadcasts():
    assert relative_error(np.ones((2, 3)), 1.0).shape == (2, 3)


def test_negative_floor_raises():
    with pytest.raises(ValueError, match=r"floor"):
        relative_error(1.0, 2.0, floor=-1e-3)


def test_nan_floor_raises():
    with pytest.raises(ValueError, match=r"floor"):
        relative_error(1.0, 2.0, floor=float("nan"))


def test_string_floor_raises_type_error():
    with pytest.raises(TypeError, match=r"floor"):
        relative_error(1.0, 2.0, floor="1e-3")


def test_numpy_float32_floor_is_a_number():
    assert relative_error(1e-9, 2e-9, floor=np.float32(1e-3)) == pytest.approx(1e-6, rel=1e-6)


# --- gradcheck -------------------------------------------------------------------------------


def test_gradcheck_of_the_worked_example_with_defaults():
    # Default eps = 1e-6 and no floor: dE/dw1 (4e-4) is small enough to show some rounding.
    assert gradcheck(example.worked_example_network(), [0.05, 0.10], [0.01, 0.99]) < 1e-6


@settings(max_examples=50, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=4),
    batch=st.integers(min_value=1, max_value=6),
    seed=SEEDS,
    activation=st.sampled_from(["sigmoid", "tanh", "identity"]),
)
def test_gradcheck_of_a_random_network_is_small(sizes, batch, seed, activation):
    net = Network(sizes, activation=activation, seed=seed)
    X, Y = data(sizes, batch, seed)
    error = gradcheck(net, X, Y, eps=EPS, floor=FLOOR)
    assert isinstance(error, float)
    assert error < 1e-6


def test_gradcheck_leaves_the_network_unchanged():
    net = Network([3, 4, 2], seed=1)
    X, Y = data([3, 4, 2], 3, 1)
    before = snapshot(net)
    gradcheck(net, X, Y)
    assert_unchanged(net, before)


def test_gradcheck_of_a_float32_network_is_at_float32_precision():
    net = Network([3, 4, 2], seed=2, dtype=np.float32)
    X, Y = data([3, 4, 2], 3, 2)
    assert gradcheck(net, X, Y, eps=EPS, floor=FLOOR) < 1e-4


class ForgetsTheMean(Network):
    """Returns the gradient of the batch's sum instead of its mean."""

    def gradients(self, X, Y):
        dW, db = super().gradients(X, Y)
        n = len(np.atleast_2d(X))
        return [n * d for d in dW], [n * d for d in db]


class DropsAnEntry(Network):
    """Loses one entry of the first layer's gradient."""

    def gradients(self, X, Y):
        dW, db = super().gradients(X, Y)
        dW[0][0, 0] = 0.0
        return dW, db


class UpdatesBeforeBackprop(Network):
    """The sequential mistake: each layer's weights are updated (lr 0.5) before its delta is
    passed back through them, so the layers below see the new weights."""

    def gradients(self, X, Y):
        z, a = self.forward_pass(X)
        Y = np.atleast_2d(Y)
        df = self.activation.df
        W = [w.copy() for w in self.weights]
        dW, db = [None] * self.L, [None] * self.L
        delta = self.loss.delta(z[-1], a[-1], Y, df)
        for l in range(self.L, 0, -1):
            dW[l - 1], db[l - 1] = delta.T @ a[l - 1], delta.sum(axis=0)
            W[l - 1] -= 0.5 * dW[l - 1]  # too early
            if l > 1:
                delta = (delta @ W[l - 1]) * df(z[l - 1])
        return dW, db


@pytest.mark.parametrize("cls", [ForgetsTheMean, DropsAnEntry, UpdatesBeforeBackprop])
def test_gradcheck_catches_a_network_with_wrong_gradients(cls):
    sizes = [3, 4, 2]
    X, Y = data(sizes, 4, 3)
    correct = Network(sizes, seed=3)
    wrong = cls.from_params(correct.weights, correct.biases)
    assert isinstance(wrong, cls)
    assert gradcheck(correct, X, Y, eps=EPS, floor=FLOOR) < 1e-6
    assert gradcheck(wrong, X, Y, eps=EPS, floor=FLOOR) > 1e-2


def test_gradcheck_catches_a_derivative_taken_of_a_instead_of_z():
    # The classic bug: sigma'(z) written as a * (1 - a) but handed z.
    wrong = Activation("sigmoid", sigmoid, lambda z, a=None: z * (1 - z))
    net = Network([3, 4, 2], activation=wrong, seed=4)
    X, Y = data([3, 4, 2], 4, 4)
    assert gradcheck(net, X, Y, eps=EPS, floor=FLOOR) > 1e-2


# --- bad arguments: one test per case --------------------------------------------------------


def test_zero_eps_raises():
    with pytest.raises(ValueError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps=0)


def test_negative_eps_raises():
    with pytest.raises(ValueError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps=-1e-6)


def test_nan_eps_raises():
    with pytest.raises(ValueError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps=float("nan"))


def test_infinite_eps_raises():
    with pytest.raises(ValueError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps=float("inf"))


def test_string_eps_raises():
    with pytest.raises(TypeError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps="1e-6")


def test_boolean_eps_raises():
    with pytest.raises(TypeError, match=r"eps"):
        numerical_gradient(lambda x: 0.0, np.zeros(1), eps=True)


def test_zero_eps_in_numerical_gradients_raises():
    X, Y = data([2, 1], 1, 0)
    with pytest.raises(ValueError, match=r"eps"):
        numerical_gradients(Network([2, 1]), X, Y, eps=0.0)


def test_negative_eps_in_gradcheck_raises():
    X, Y = data([2, 1], 1, 0)
    with pytest.raises(ValueError, match=r"eps"):
        gradcheck(Network([2, 1]), X, Y, eps=-1.0)


def test_non_callable_f_raises():
    with pytest.raises(TypeError, match=r"f must be callable"):
        numerical_gradient(3, np.zeros(1))


def test_integer_point_raises():
    with pytest.raises(TypeError, match=r"^x must be a numpy array of float64"):
        numerical_gradient(lambda x: 0.0, np.zeros(1, dtype=int))


def test_list_point_raises():
    with pytest.raises(TypeError, match=r"^x must be a numpy array of float64"):
        numerical_gradient(lambda x: 0.0, [1.0])


def test_gradcheck_of_a_non_network_raises():
    with pytest.raises(TypeError, match=r"net must be a Network"):
        gradcheck("net", [0.0], [0.0])


def test_numerical_gradients_of_a_non_network_raises():
    with pytest.raises(TypeError, match=r"net must be a Network"):
        numerical_gradients(None, [0.0], [0.0])


def test_gradcheck_of_mismatched_data_raises_naming_x():
    with pytest.raises(ValueError, match=r"^X must have 2 feature"):
        gradcheck(Network([2, 1]), [[0.0, 1.0, 2.0]], [[0.0]])


# --- no silent wrong number: NaN and infinity never pass a check ----------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [(np.nan, np.nan), (np.nan, 1.0), (0.0, np.nan), (np.inf, np.inf), (1.0, -np.inf)],
)
def test_relative_error_of_a_value_that_is_not_a_number_is_infinite(a, b):
    # A NaN must not count as a perfect 0.
    assert relative_error(a, b) == np.inf
    assert relative_error(np.array([1.0, a]), np.array([1.0, b])).tolist() == [0.0, np.inf]


def test_gradcheck_cannot_pass_a_network_whose_gradients_are_nan():
    # Gradients that are all NaN must not be reported as a perfect 0.0.
    nan_prime = Activation("sigmoid", sigmoid, lambda z, a=None: np.full_like(z, np.nan))
    net = Network([3, 4, 2], activation=nan_prime, seed=0)
    X, Y = data([3, 4, 2], 2, 0)
    with pytest.raises(ValueError, match=r"^the gradients came out NaN"):
        gradcheck(net, X, Y)


def test_infinite_floor_is_refused():
    # floor=inf would make every check pass.
    net = Network([2, 2], seed=0)
    with pytest.raises(ValueError, match=r"^floor must be a finite number"):
        gradcheck(net, [0.1, 0.2], [0.3, 0.4], floor=np.inf)
    with pytest.raises(ValueError, match=r"^floor must be a finite number"):
        relative_error(1.0, 2.0, floor=np.inf)


def test_a_function_returning_nan_is_refused():
    x = np.array([1.0])
    with pytest.raises(
        ValueError, match=r"^f must return a finite number; got nan at x\[0\] \+ eps"
    ):
        numerical_gradient(lambda v: float("nan"), x)
    assert x[0] == 1.0


def test_numerical_gradients_of_a_network_with_nan_weights_raises():
    net = Network([2, 2], seed=0)
    net.weights[0][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^the network's weights\[0\] must be finite"):
        numerical_gradients(net, [0.1, 0.2], [0.3, 0.4])


# --- an eps lost to rounding -------------------------------------------------------------------


def test_an_eps_lost_to_rounding_is_refused_by_numerical_gradient():
    # 1 + 1e-20 == 1: the slope of x**2 at 1 came out 0.
    with pytest.raises(
        ValueError,
        match=r"^eps must be large enough to move every entry of x; got 1e-20, for which "
        r"x \+ eps == x at x\[1\] = 1.0",
    ):
        numerical_gradient(lambda x: float(np.sum(x**2)), np.array([0.0, 1.0]), eps=1e-20)


@pytest.mark.parametrize("call", [gradcheck, numerical_gradients])
def test_an_eps_lost_to_rounding_is_refused_by_the_network_checks(call):
    # gradcheck reported 1.0 ("a bug") on a correct gradient.
    net = Network([2, 2, 2], seed=0)
    with pytest.raises(ValueError, match=r"^eps must be large enough to move every entry of x"):
        call(net, [0.05, 0.10], [0.01, 0.99], eps=1e-20)


@settings(max_examples=100, deadline=None)
@given(x=st.floats(-1e6, 1e6), eps=st.floats(1e-30, 1e-3))
def test_numerical_gradient_answers_only_when_eps_moves_x(x, eps):
    point = np.array([x])
    moves = (x + eps != x) and (x - eps != x)
    if moves:
        assert np.isfinite(numerical_gradient(lambda v: float(v[0]), point, eps=eps)[0])
    else:
        with pytest.raises(ValueError, match=r"^eps must be large enough"):
            numerical_gradient(lambda v: float(v[0]), point, eps=eps)


# --- relative_error of numbers whose difference overflows ---------------------------------------


def test_relative_error_of_opposite_huge_numbers_is_2():
    # 1e308 - -1e308 overflowed: the relative error came out inf.
    assert relative_error(1e308, -1e308) == 2.0
    np.testing.assert_array_equal(relative_error([1e308, 1.0], [-1e308, -1.0]), [2.0, 2.0])


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(allow_nan=False, allow_infinity=False),
    b=st.floats(allow_nan=False, allow_infinity=False),
)
def test_relative_error_of_finite_numbers_is_finite_and_at_most_2(a, b):
    err = float(relative_error(a, b))
    assert 0.0 <= err <= 2.0
    if a == -b != 0:
        assert err == 2.0


# --- small ones -----------------------------------------------------------------------------


def test_numerical_gradient_takes_an_f_that_returns_a_fraction():
    # numpy's "ufunc 'isfinite' not supported" came out.
    from fractions import Fraction

    grad = numerical_gradient(lambda x: Fraction(float(x[0])) ** 2, np.array([2.0]), eps=1e-3)
    assert grad[0] == pytest.approx(4.0, rel=1e-9)


def test_an_f_that_returns_a_fraction_beyond_float_is_refused():
    from fractions import Fraction

    with pytest.raises(ValueError, match=r"^f must return a finite number; got Fraction\("):
        numerical_gradient(lambda x: Fraction(10**400), np.array([2.0]))
