"""bp.graph: every local derivative against central differences, forks, resets, depth, the worked
example against bp.example and bp.network, forward mode against reverse mode, bad input."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp import example
from bp.example import worked_example_graph
from bp.gradcheck import numerical_gradient
from bp.graph import Dual, Value, gradient, topological_order

SETTINGS = settings(deadline=None, max_examples=50)


def reals(lo=-3.0, hi=3.0):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def away_from_zero(lo=0.5, hi=3.0):
    return st.tuples(reals(lo, hi), st.sampled_from([-1.0, 1.0])).map(lambda p: p[0] * p[1])


# Each operation as a function of its operands, with a strategy for a point where it is smooth.
OPS = {
    "add": (lambda a, b: a + b, st.tuples(reals(), reals())),
    "sub": (lambda a, b: a - b, st.tuples(reals(), reals())),
    "mul": (lambda a, b: a * b, st.tuples(reals(), reals())),
    "truediv": (lambda a, b: a / b, st.tuples(reals(), away_from_zero())),
    "radd": (lambda a: 2.5 + a, st.tuples(reals())),
    "rsub": (lambda a: 2.5 - a, st.tuples(reals())),
    "rmul": (lambda a: 2.5 * a, st.tuples(reals())),
    "rtruediv": (lambda a: 2.5 / a, st.tuples(away_from_zero())),
    "add_number": (lambda a: a + 2.5, st.tuples(reals())),
    "sub_number": (lambda a: a - 2.5, st.tuples(reals())),
    "mul_number": (lambda a: a * 2.5, st.tuples(reals())),
    "div_number": (lambda a: a / 2.5, st.tuples(reals())),
    "pow_int": (lambda a: a**3, st.tuples(reals())),
    "pow_negative_int": (lambda a: a**-2, st.tuples(away_from_zero())),
    "pow_real": (lambda a: a**1.7, st.tuples(reals(0.5, 3.0))),
    "pow_zero": (lambda a: a**0, st.tuples(reals())),
    "neg": (lambda a: -a, st.tuples(reals())),
    "sigmoid": (lambda a: a.sigmoid(), st.tuples(reals(-6.0, 6.0))),
    "tanh": (lambda a: a.tanh(), st.tuples(reals())),
    "exp": (lambda a: a.exp(), st.tuples(reals())),
    "relu": (lambda a: a.relu(), st.tuples(away_from_zero(1e-3, 3.0))),
}


def value_grads(f, point):
    leaves = [Value(x) for x in point]
    out = f(*leaves)
    out.backward()
    return [leaf.grad for leaf in leaves]


@pytest.mark.parametrize("name", list(OPS))
def test_op_grad_matches_central_differences(name):
    f, points = OPS[name]

    @SETTINGS
    @given(points)
    def check(point):
        numeric = numerical_gradient(lambda x: f(*(Value(xi) for xi in x)).data, np.array(point))
        np.testing.assert_allclose(value_grads(f, point), numeric, rtol=1e-6, atol=1e-7)

    check()


@pytest.mark.parametrize("name", list(OPS))
def test_dual_derivative_equals_value_gradient(name):
    f, points = OPS[name]

    @SETTINGS
    @given(points)
    def check(point):
        reverse = value_grads(f, point)
        for i in range(len(point)):
            out = f(*(Dual(x, float(i == j)) for j, x in enumerate(point)))
            assert out.dot == pytest.approx(reverse[i], rel=1e-12, abs=1e-15)
            assert out.value == f(*(Value(x) for x in point)).data

    check()


def composite(x, y, z):
    h = (x * y + z).tanh() - (y / (1.0 + x * x)).sigmoid()
    return (h * h + (z - 0.5).relu() * x).exp() / 3.0 + 2.0 * y**3


@SETTINGS
@given(st.tuples(reals(-2.0, 2.0), reals(-2.0, 2.0), reals(-2.0, 2.0)))
def test_forward_mode_equals_reverse_mode_on_a_composite(point):
    forward = gradient(composite, point, mode="forward")
    reverse = gradient(composite, point, mode="reverse")
    np.testing.assert_allclose(forward, reverse, rtol=1e-12, atol=1e-14)


def test_parents_record_local_derivatives_at_forward_time():
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    assert c.op == "*"
    assert c.parents == ((a, -3.0), (b, 2.0))
    assert a.grad == 0.0
    assert c.grad == 0.0


@SETTINGS
@given(reals())
def test_fork_accumulates_both_paths(x0):
    x = Value(x0)
    y = x * x + x
    y.backward()
    assert x.grad == pytest.approx(2 * x0 + 1, rel=1e-15, abs=1e-15)


def test_parents_cannot_be_reassigned():
    c = Value(2.0) * Value(-3.0)
    with pytest.raises(AttributeError):
        c.parents = ()
    assert [local for _, local in c.parents] == [-3.0, 2.0]


def test_fork_through_a_shared_intermediate():
    x = Value(1.5)
    h = x.tanh()
    y = h * 2.0 + h.exp()  # h used twice
    y.backward()
    assert h.grad == pytest.approx(2.0 + math.exp(math.tanh(1.5)), rel=1e-15)
    assert x.grad == pytest.approx(h.grad * (1 - math.tanh(1.5) ** 2), rel=1e-15)


def test_backward_twice_gives_the_same_grads_not_double():
    x, w = Value(0.5), Value(-1.2)
    y = (x * w).sigmoid() + x * x
    y.backward()
    first = (x.grad, w.grad, y.grad)
    y.backward()
    assert (x.grad, w.grad, y.grad) == first


def test_backward_without_reset_passes_inner_gradients_on_again():
    # y = x*x + x at x = 3: dy/dx = 7. Without the reset the product node keeps its gradient
    # of 1 and receives 1 more, so x gets 2 * (3 * 2) + 1 + 7 = 20, not 2 * 7 = 14.
    x = Value(3.0)
    y = x * x + x
    y.backward()
    assert x.grad == 7.0
    y.backward(reset=False)
    assert x.grad == 20.0
    y.backward()
    assert x.grad == 7.0


@pytest.mark.parametrize("reset", [None, 0, "no"])
def test_backward_rejects_a_reset_that_is_not_a_bool(reset):
    x = Value(3.0)
    y = x * x
    y.backward()
    with pytest.raises(TypeError, match="reset must be True or False"):
        y.backward(reset=reset)
    assert x.grad == 6.0  # nothing changed


def test_backward_resets_grads_left_by_another_output():
    x = Value(2.0)
    y, z = x * 3.0, x * x
    y.backward()
    z.backward()
    assert x.grad == 4.0


def test_10000_node_chain_needs_no_recursion():
    x = Value(0.0)
    y = x
    for _ in range(10_000):
        y = y + 1.0
    order = topological_order(y)
    assert len(order) == 20_001  # x, 10,000 constants, 10,000 sums
    y.backward()
    assert y.data == 10_000.0
    assert x.grad == 1.0


def test_topological_order_puts_every_parent_first():
    E, _ = worked_example_graph()
    order = topological_order(E)
    position = {id(node): k for k, node in enumerate(order)}
    assert len(position) == len(order)  # each node once
    assert order[-1] is E
    for node in order:
        for parent, _ in node.parents:
            assert position[id(parent)] < position[id(node)]


GRAD_KEYS = [f"dE_dw{k}" for k in range(1, 9)] + ["dE_db1", "dE_db2"]
PARAM_NAMES = [f"w{k}" for k in range(1, 9)] + ["b1", "b2"]
OTHER_PARAMS = {
    "weights": (0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8),
    "biases": (-0.3, 0.2),
    "inputs": (1.0, -0.5),
    "targets": (0.3, 0.7),
}


@pytest.mark.parametrize("kwargs", [{}, OTHER_PARAMS], ids=["book", "other"])
def test_worked_example_graph_matches_the_scalar_trace(kwargs):
    E, params = worked_example_graph(**kwargs)
    E.backward()
    trace = example.worked_example(**kwargs)
    assert E.data == pytest.approx(trace["E_total"], rel=1e-12)
    for key, name in zip(GRAD_KEYS, PARAM_NAMES, strict=True):
        assert params[name].grad == pytest.approx(trace[key], rel=1e-12), name
    nodes = {node.label: node for node in topological_order(E) if node.label}
    for key in ("net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"):
        assert nodes[key].data == pytest.approx(trace[key], rel=1e-12), key
    for key in ("E_o1", "E_o2", "E_total"):
        assert nodes[key].data == pytest.approx(trace[key], rel=1e-12), key


@pytest.mark.parametrize("kwargs", [{}, OTHER_PARAMS], ids=["book", "other"])
def test_worked_example_graph_matches_network_gradients(kwargs):
    E, params = worked_example_graph(**kwargs)
    E.backward()
    net = example.worked_example_network(
        kwargs.get("weights", example.WEIGHTS), kwargs.get("biases", example.BIASES)
    )
    dW, db = net.gradients(
        kwargs.get("inputs", example.INPUTS), kwargs.get("targets", example.TARGETS)
    )
    expected = [*dW[0].ravel(), *dW[1].ravel(), db[0].sum(), db[1].sum()]
    got = [params[name].grad for name in PARAM_NAMES]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)


def test_worked_example_graph_returns_labelled_leaves():
    _, params = worked_example_graph()
    assert list(params) == PARAM_NAMES
    assert all(v.label == name and v.parents == () for name, v in params.items())
    assert [params[f"w{k}"].data for k in range(1, 9)] == list(example.WEIGHTS)


def test_relu_gradient_at_zero_is_zero():
    assert value_grads(lambda a: a.relu(), [0.0]) == [0.0]


def test_python_numbers_are_coerced_on_either_side():
    x = Value(2.0)
    y = 1 - 3 / x + x * 2 - 1.5
    assert y.data == 2.0
    y.backward()
    assert x.grad == pytest.approx(3 / 4 + 2)


def bad_exponent_str():
    return Value(2.0) ** "2"


def bad_exponent_value():
    return Value(2.0) ** Value(2.0)


@pytest.mark.parametrize(
    ("call", "exc", "name"),
    [
        (lambda: Value("1.0"), TypeError, "data"),
        (lambda: Value(None), TypeError, "data"),
        (lambda: Value(True), TypeError, "data"),
        (lambda: Value(1.0, op=1), TypeError, "op"),
        (lambda: Value(1.0, label=None), TypeError, "label"),
        (lambda: Value(1.0, parents=[(1.0, 1.0)]), TypeError, "parents"),
        (lambda: Value(1.0, parents=[(Value(1.0), "x")]), TypeError, "parents"),
        (bad_exponent_str, TypeError, "exponent"),
        (bad_exponent_value, TypeError, "exponent"),
        (lambda: Value(2.0) ** True, TypeError, "exponent"),
        (lambda: Value(-2.0) ** 0.5, ValueError, "exponent"),
        (lambda: Value(0.0) ** 0.5, ValueError, "exponent"),
        (lambda: Value(0.0) ** -1, ValueError, "exponent"),
        (lambda: Dual("1.0"), TypeError, "value"),
        (lambda: Dual(1.0, "1"), TypeError, "dot"),
        (lambda: Dual(2.0) ** "2", TypeError, "exponent"),
        (lambda: topological_order(1.0), TypeError, "root"),
        (lambda: gradient(1.0, [1.0]), TypeError, "f"),
        (lambda: gradient(lambda x: x, 1.0), TypeError, "point"),
        (lambda: gradient(lambda x: x, "1"), TypeError, "point"),
        (lambda: gradient(lambda x: x, ["a"]), TypeError, "point"),
        (lambda: gradient(lambda x: x, [1.0], mode="sideways"), ValueError, "mode"),
        (lambda: gradient(lambda x: 1.0, [1.0]), TypeError, "f"),
        (lambda: gradient(lambda x: 1.0, [1.0], mode="forward"), TypeError, "f"),
        (lambda: worked_example_graph(weights=(0.1, 0.2)), ValueError, "weights"),
        (lambda: worked_example_graph(biases="ab"), TypeError, "biases"),
        (lambda: worked_example_graph(inputs=(0.1, math.nan)), ValueError, "inputs"),
        (lambda: worked_example_graph(targets=(0.1, "x")), TypeError, "targets"),
    ],
    ids=[
        "data-str",
        "data-None",
        "data-bool",
        "op-int",
        "label-None",
        "parents-not-Value",
        "parents-local-not-number",
        "exponent-str",
        "exponent-Value",
        "exponent-bool",
        "exponent-fraction-of-negative",
        "exponent-fraction-at-zero",
        "exponent-negative-at-zero",
        "dual-value-str",
        "dual-dot-str",
        "dual-exponent-str",
        "root-not-Value",
        "f-not-callable",
        "point-number",
        "point-str",
        "point-holds-str",
        "mode-unknown",
        "f-returns-float-reverse",
        "f-returns-float-forward",
        "weights-too-few",
        "biases-str",
        "inputs-nan",
        "targets-str-entry",
    ],
)
def test_bad_input_names_the_parameter(call, exc, name):
    with pytest.raises(exc, match=rf"\b{name}\b"):
        call()


@pytest.mark.parametrize(
    "call",
    [lambda: Value(1.0) + "a", lambda: "a" * Value(1.0), lambda: Value(1.0) - Dual(1.0)],
    ids=["value-plus-str", "str-times-value", "value-minus-dual"],
)
def test_operands_of_another_type_are_not_numbers(call):
    with pytest.raises(TypeError, match=r"unsupported operand|can't multiply"):
        call()


# --- errors that name what went wrong: the operation, its operands, the parameter -----------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Value(10.0) ** 400, r"^10\.0 \*\* 400\.0 overflows"),
        (lambda: Value(1000.0).exp(), r"^exp\(1000\.0\) overflows"),
        (lambda: Value(1e300) * 1e10, r"^1e\+300 \* 10000000000\.0 overflows"),
        (lambda: Value(1.0) / 0, r"^1\.0 / 0\.0 divides by zero"),
        (lambda: Dual(1e300, 1.0) * Dual(1e10, 0.0), r"overflows"),
        (lambda: Dual(1.0, 1e300) * Dual(1e10, 1.0), r"^\* overflows|overflows"),
    ],
    ids=["pow", "exp", "mul", "div-zero", "dual-value", "dual-dot"],
)
def test_an_operation_that_overflows_raises_a_value_error_naming_it(make, message):
    # Not a bare OverflowError, nor an infinity carried on silently.
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("data", [math.nan, math.inf, -math.inf])
def test_a_value_that_is_not_finite_is_refused(data):
    with pytest.raises(ValueError, match=r"^data must be a finite number"):
        Value(data)


def test_parents_that_are_not_a_sequence_raise_naming_parents():
    # Not Python's "'int' object is not iterable".
    with pytest.raises(TypeError, match=r"^parents must be a sequence of \(Value, float\) pairs"):
        Value(1.0, parents=5)


def test_backward_that_overflows_raises_and_leaves_the_gradients_as_they_were():
    x = Value(1e-300)
    y = (x * 1e200) * 1e200  # finite values, but dy/dx = 1e400
    x.grad = 7.0
    with pytest.raises(ValueError, match=r"^backward overflowed"):
        y.backward()
    assert x.grad == 7.0


# --- a power beyond 2**53 -------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Value, Dual])
def test_the_derivative_of_a_huge_power_of_a_negative_base_has_the_right_sign(cls):
    # n - 1 rounded to an even number: d/dx x**n at x = -1 came out +n.
    n = float(2**53 + 2)  # even, so n - 1 is odd: n * (-1)**(n - 1) = -n
    if cls is Value:
        x = Value(-1.0)
        y = x**n
        y.backward()
        slope = x.grad
    else:
        slope = (Dual(-1.0, 1.0) ** n).dot
    assert slope == -n


@SETTINGS
@given(k=st.integers(53, 1000), x=st.sampled_from([-1.0, 1.0]))
def test_the_derivative_of_a_power_beyond_2_53_is_n_x_to_the_n_over_x(k, x):
    n = float(2**k)  # every float this large is even
    assert gradient(lambda v: v**n, [x])[0] == n * x**n / x
