"""No silent wrong number, as properties over bp's public API.

For finite inputs, within the domain a function accepts or not, every public function returns
finite values or raises a documented error (ValueError or TypeError, whose message names the
parameter); and when it raises, the objects passed in (arrays, networks, graph nodes) are exactly
as they were. Hypothesis draws the inputs from the whole float64 range, huge values included, so
overflows are part of the domain; warnings are errors in this test suite, so a RuntimeWarning
leaking out of numpy fails these tests too.
"""

from __future__ import annotations

import copy
import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import ACTIVATIONS, BATCH, LOSSES, SEEDS, sizes_for

from bp import activations, losses
from bp.gradcheck import gradcheck, numerical_gradient, relative_error
from bp.graph import Dual, Value, gradient
from bp.network import Network

#: Any finite float64, from the tiniest to the largest.
ANY_FINITE = st.floats(allow_nan=False, allow_infinity=False)
#: Finite floats of ordinary size, where the interesting answers are not errors.
ORDINARY = st.floats(min_value=-10.0, max_value=10.0, allow_nan=False)
NUMBERS = st.one_of(ORDINARY, ANY_FINITE)
DTYPES = st.sampled_from([np.float64, np.float32])
#: More examples for a long search: BP_PROPERTY_EXAMPLES=2000 pytest tests/test_properties.py
EXAMPLES = int(os.environ.get("BP_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def finite(result):
    """Whether every number in a result (arrays, floats, nested lists and tuples) is finite."""
    if result is None or isinstance(result, Network):
        return True
    if isinstance(result, Value):
        return finite([result.data, result.grad])
    if isinstance(result, Dual):
        return finite([result.value, result.dot])
    if isinstance(result, list | tuple):
        return all(finite(r) for r in result)
    return bool(np.all(np.isfinite(np.asarray(result, dtype=np.float64))))


def state(obj):
    """A deep copy of what a call could change: arrays, networks' parameters, graph gradients."""
    if isinstance(obj, Network):
        return [p.copy() for p in obj.weights + obj.biases]
    if isinstance(obj, Value):
        return (obj.data, obj.grad)
    if isinstance(obj, Dual):
        return (obj.value, obj.dot)
    return copy.deepcopy(obj)


def same(a, b):
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b, equal_nan=True)
    both_nan = isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
    return a == b or both_nan


def obeys_the_rule(fn, *args):
    """Call ``fn(*args)``: a finite result, or a ValueError/TypeError with ``args`` unchanged."""
    before = [state(a) for a in args]
    try:
        return_value, error = fn(*args), None
    except (ValueError, TypeError) as err:
        return_value, error = None, err
    if error is not None:
        assert str(error), "an error must say what went wrong"
        for a, b in zip(args, before, strict=True):
            assert same(state(a), b), f"{fn!r} raised {error!r} but changed its argument"
        return None
    assert finite(return_value), f"{fn!r} returned a number that is not finite: {return_value!r}"
    return return_value


@st.composite
def networks(draw):
    loss = draw(LOSSES)
    sizes = draw(sizes_for(loss).filter(lambda s: len(s) <= 4))
    net = Network(
        sizes, activation=draw(ACTIVATIONS), loss=loss, seed=draw(SEEDS), dtype=draw(DTYPES)
    )
    if draw(st.booleans()):  # parameters of any finite size, written in place as a reader may
        for p in net.weights + net.biases:
            p[...] = draw(hnp.arrays(p.dtype, p.shape, elements=ORDINARY.map(p.dtype.type)))
            p *= draw(st.sampled_from([1.0, 1e3, 1e30]))
    return net


@st.composite
def batches(draw, net):
    """X and Y for ``net``: arbitrary finite numbers, or targets that the loss accepts."""
    n = draw(BATCH)
    X = draw(hnp.arrays(np.float64, (n, net.sizes[0]), elements=NUMBERS))
    if net.loss.name == "cross_entropy" and draw(st.booleans()):
        Y = np.eye(net.sizes[-1])[
            draw(st.lists(st.integers(0, net.sizes[-1] - 1), min_size=n, max_size=n))
        ]
    else:
        Y = draw(hnp.arrays(np.float64, (n, net.sizes[-1]), elements=NUMBERS))
    return X, Y


@SETTINGS
@given(data=st.data())
def test_every_network_method_returns_finite_numbers_or_raises_changing_nothing(data):
    net = data.draw(networks())
    X, Y = data.draw(batches(net))
    obeys_the_rule(net.forward, X)
    obeys_the_rule(net.forward_pass, X)
    obeys_the_rule(net.cost, X, Y)
    obeys_the_rule(net.deltas, X, Y)
    obeys_the_rule(net.gradients, X, Y)
    lr = data.draw(st.one_of(st.floats(1e-3, 10.0), st.floats(min_value=1e-300, max_value=1e308)))
    stepped = obeys_the_rule(lambda net, X, Y: net.step(X, Y, lr), net, X, Y)
    if stepped is not None:
        assert finite([net.weights, net.biases])
    epochs = data.draw(st.integers(1, 5))
    batch_size = data.draw(st.one_of(st.none(), st.integers(1, 3)))
    obeys_the_rule(lambda net, X, Y: net.fit(X, Y, lr, epochs, batch_size), net, X, Y)
    assert finite([net.weights, net.biases])


@settings(max_examples=max(EXAMPLES // 2, 1), deadline=None)
@given(data=st.data())
def test_gradcheck_returns_a_finite_error_or_raises(data):
    net = data.draw(networks().filter(lambda n: n.dtype == np.float64 and sum(n.sizes) <= 12))
    X, Y = data.draw(batches(net))
    error = obeys_the_rule(gradcheck, net, X, Y)
    if error is not None:
        assert error >= 0


@SETTINGS
@given(
    a=hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=NUMBERS),
    data=st.data(),
)
def test_every_loss_function_returns_finite_numbers_or_raises(a, data):
    y = data.draw(hnp.arrays(np.float64, a.shape, elements=NUMBERS))
    z = data.draw(hnp.arrays(np.float64, a.shape, elements=NUMBERS))
    df = activations.ACTIVATIONS[data.draw(ACTIVATIONS)].df
    obeys_the_rule(losses.squared_error, a, y)
    obeys_the_rule(losses.squared_error_delta, z, a, y, df)
    obeys_the_rule(losses.cross_entropy, a, y)
    obeys_the_rule(lambda a, y, z: losses.cross_entropy(a, y, z), a, y, z)
    obeys_the_rule(losses.cross_entropy_delta, z, a, y)
    softmax_a = activations.softmax(z)
    one_hot = np.eye(a.shape[1])[np.zeros(a.shape[0], dtype=int)]
    obeys_the_rule(lambda a, y, z: losses.cross_entropy(a, y, z), softmax_a, one_hot, z)


@SETTINGS
@given(z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2), elements=NUMBERS))
def test_every_activation_and_its_derivative_is_finite_on_finite_input(z):
    for name in ("sigmoid", "tanh", "relu", "identity"):
        obeys_the_rule(getattr(activations, name), z)
        obeys_the_rule(getattr(activations, f"{name}_prime"), z)
    obeys_the_rule(activations.softmax, z)


@SETTINGS
@given(
    a=hnp.arrays(np.float64, st.integers(1, 5), elements=NUMBERS),
    b=NUMBERS,
    floor=st.one_of(st.just(0.0), NUMBERS),
)
def test_relative_error_is_finite_and_never_negative(a, b, floor):
    out = obeys_the_rule(relative_error, a, b, floor)
    if out is not None:
        assert np.all(out >= 0)


@SETTINGS
@given(
    x=hnp.arrays(np.float64, st.integers(1, 3), elements=NUMBERS),
    eps=st.one_of(st.just(1e-6), st.floats(min_value=1e-300, max_value=1e308)),
    power=st.sampled_from([1, 2, 3]),
)
def test_numerical_gradient_is_finite_or_raises_and_restores_x(x, eps, power):
    def f(v):
        with np.errstate(all="ignore"):  # f may overflow; numerical_gradient must then raise
            return float(np.sum(v**power))

    before = x.copy()
    obeys_the_rule(lambda x: numerical_gradient(f, x, eps), x)
    np.testing.assert_array_equal(x, before)


OPS = [
    lambda a, b: a + b,
    lambda a, b: a - b,
    lambda a, b: a * b,
    lambda a, b: a / b,
    lambda a, b: b / a,
    lambda a, b: a**2 + b**3,
    lambda a, b: (a * b).exp(),
    lambda a, b: (a - b).sigmoid() * b.tanh(),
    lambda a, b: (a * b).relu() + a,
]


@SETTINGS
@given(x=NUMBERS, y=NUMBERS, op=st.sampled_from(OPS))
def test_graph_operations_and_gradients_are_finite_or_raise(x, y, op):
    a, b = Value(x), Value(y)
    out = obeys_the_rule(op, a, b)
    if out is not None:
        assert finite(out.data)
        obeys_the_rule(lambda out: out.backward(), out)
    obeys_the_rule(op, Dual(x, 1.0), Dual(y, 0.0))
    obeys_the_rule(lambda point: gradient(op, point), [x, y])
    obeys_the_rule(lambda point: gradient(op, point, mode="forward"), [x, y])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_network_refuses_every_non_finite_input(bad):
    net = Network([2, 2], seed=0)
    X = np.array([[0.0, bad]])
    for method in (net.forward, net.forward_pass):
        with pytest.raises(ValueError, match=r"^X must be finite"):
            method(X)
