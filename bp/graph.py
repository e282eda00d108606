"""A computational graph of scalars, differentiated in reverse mode and in forward mode.

Every operation on a :class:`Value` returns a new node that records its parents together with
the *local* derivative :math:`\\partial\\,\\text{node} / \\partial\\,\\text{parent}`, computed at
forward time beside the forward rule. :meth:`Value.backward` then visits the graph once, output
first, and applies the chain rule,

.. math::

    \\frac{\\partial E}{\\partial\\,\\text{parent}}
    \\mathrel{+}= \\frac{\\partial\\,\\text{node}}{\\partial\\,\\text{parent}}
    \\frac{\\partial E}{\\partial\\,\\text{node}},

adding over every path, so that a node used twice (a fork) receives the sum of both blames.
One backward pass gives the derivative of one output with respect to every input.

:class:`Dual` uses the same local derivatives in the other direction: each number carries its
derivative with respect to *one* chosen input forward. Forward mode therefore needs one pass per
input, reverse mode one pass per output.

>>> x = Value(3.0, label="x")
>>> y = x * x + x
>>> y.backward()
>>> y.data, x.grad
(12.0, 7.0)
>>> gradient(lambda x: x * x + x, [3.0], mode="forward")
[7.0]
"""

from __future__ import annotations

import math
from functools import partialmethod

from bp import _checks
from bp.activations import sigmoid as _sigmoid

__all__ = [
    "Dual",
    "Value",
    "gradient",
    "topological_order",
]

#: The binary operations: op -> rule (a, b) -> (y, dy/da, dy/db).
_BINARY = {
    "+": lambda a, b: (a + b, 1.0, 1.0),
    "-": lambda a, b: (a - b, 1.0, -1.0),
    "*": lambda a, b: (a * b, b, a),
    "/": lambda a, b: (a / b, 1.0 / b, -a / (b * b)),
}
#: The element-wise functions: name -> (forward rule y = f(x), local derivative dy/dx(x, y)).
_UNARY = {
    "sigmoid": (lambda x: float(_sigmoid(x)), lambda x, y: y * (1.0 - y)),
    "tanh": (math.tanh, lambda x, y: 1.0 - y * y),
    "exp": (math.exp, lambda x, y: y),
    "relu": (lambda x: max(x, 0.0), lambda x, y: 1.0 if x > 0 else 0.0),
}


def _shown(op, operands):
    """An operation as the reader would write it: ``2.0 * 3.0``, ``exp(1000.0)``."""
    if op in _BINARY or op == "**":
        return f" {op} ".join(map(repr, operands))
    return f"{op}({', '.join(map(repr, operands))})"


def _finite(op, operands, *results):
    """``results`` if all are finite floats, else a ValueError naming the operation."""
    if not all(math.isfinite(r) for r in results):
        raise ValueError(
            f"{_shown(op, operands)} overflows: its value or its derivative is beyond the "
            "largest float"
        )
    return results


def _apply(op, rule, operands):
    """``rule(*operands)`` -> (y, local derivatives...), every one finite, or a ValueError."""
    try:
        results = rule(*operands)
    except OverflowError:
        results = (math.inf,)
    except ZeroDivisionError:
        raise ValueError(f"{_shown(op, operands)} divides by zero") from None
    return _finite(op, operands, *results)


def _power(x, n):
    """``x**n`` and its derivative :math:`n x^{n-1}`.

    From :math:`|n| = 2^{53}` on, floats are even integers and ``n - 1`` rounds to one of them
    (the sign of a negative base's power would flip): there the derivative is taken as
    :math:`n x^n / x`.
    """
    y = x**n
    if n == 0:
        return y, 0.0
    if abs(n) < 2.0**53:
        return y, n * x ** (n - 1)
    return y, (n * y / x if x != 0 else 0.0)


class _Scalar:
    """The operations shared by :class:`Value` and :class:`Dual`.

    Each is a forward rule and the local derivatives of its result with respect to its operands.
    A subclass's ``_node(data, parents, op)`` decides what to do with them: record them for a
    later backward pass (:class:`Value`) or apply them at once (:class:`Dual`).
    """

    __slots__ = ()

    def _coerce(self, other):
        if isinstance(other, type(self)):
            return other
        if _checks.is_real(other):
            return type(self)(other)
        return NotImplemented

    def _binary(self, other, op, reflected=False):
        other = self._coerce(other)
        if other is NotImplemented:
            return other
        a, b = (other, self) if reflected else (self, other)
        y, da, db = _apply(op, _BINARY[op], (a._x, b._x))
        return self._node(y, ((a, da), (b, db)), op)

    __add__ = partialmethod(_binary, op="+")
    __radd__ = partialmethod(_binary, op="+", reflected=True)
    __sub__ = partialmethod(_binary, op="-")
    __rsub__ = partialmethod(_binary, op="-", reflected=True)
    __mul__ = partialmethod(_binary, op="*")
    __rmul__ = partialmethod(_binary, op="*", reflected=True)
    __truediv__ = partialmethod(_binary, op="/")
    __rtruediv__ = partialmethod(_binary, op="/", reflected=True)

    def __neg__(self):
        return self._node(-self._x, ((self, -1.0),), "neg")

    def __pow__(self, exponent):
        n, x = _checks.real(exponent, "exponent"), self._x
        if x < 0 and not n.is_integer():
            raise ValueError(f"exponent must be an integer for a negative base {x!r}; got {n!r}")
        if x == 0 and n != 0 and n < 1:
            raise ValueError(f"exponent must be 0 or >= 1 at base 0; got {n!r}")
        y, local = _apply("**", _power, (x, n))
        return self._node(y, ((self, local),), f"**{n:g}")

    def _unary(self, op):
        f, df = _UNARY[op]
        y, local = _apply(op, lambda x: (y := f(x), df(x, y)), (self._x,))
        return self._node(y, ((self, local),), op)

    def sigmoid(self):
        """:math:`\\sigma(x) = 1/(1 + e^{-x})`, local derivative :math:`\\sigma(x)(1 - \\sigma(x))`.

        Examples
        --------
        >>> Value(0.0).sigmoid().data, Dual(0.0, 1.0).sigmoid().dot
        (0.5, 0.25)
        """
        return self._unary("sigmoid")

    def tanh(self):
        """:math:`\\tanh x`, local derivative :math:`1 - \\tanh^2 x`.

        Examples
        --------
        >>> Value(0.0).tanh().data, Dual(0.0, 1.0).tanh().dot
        (0.0, 1.0)
        """
        return self._unary("tanh")

    def exp(self):
        """:math:`e^x`, local derivative :math:`e^x`.

        Examples
        --------
        >>> Value(0.0).exp().data, Dual(0.0, 2.0).exp().dot
        (1.0, 2.0)
        """
        return self._unary("exp")

    def relu(self):
        """:math:`\\max(x, 0)`, local derivative 1 for :math:`x > 0`, else 0.

        Examples
        --------
        >>> Value(-1.5).relu().data, Dual(2.0, 1.0).relu().dot
        (0.0, 1.0)
        """
        return self._unary("relu")


class Value(_Scalar):
    """A node of a computational graph: a number, its gradient, and where it came from.

    Supports ``+ - * /`` (with Python numbers on either side), ``**`` with a number exponent,
    unary ``-``, and the methods ``sigmoid()``, ``tanh()``, ``exp()`` and ``relu()``.

    Parameters
    ----------
    data : float
        The value computed by the forward pass.
    parents : sequence of (Value, float) pairs, default ()
        The nodes this one was computed from, each with the local derivative
        :math:`\\partial\\,\\text{self} / \\partial\\,\\text{parent}`. Empty for a leaf.
    op : str, default ""
        The operation that made the node (``"+"``, ``"*"``, ``"sigmoid"``, ...), for display.
    label : str, default ""
        A name, such as ``"w5"`` or ``"net_h1"``.

    Raises
    ------
    TypeError, ValueError
        On a bad argument (``data`` must be a finite real number). An operation whose value or
        local derivative is not finite (``Value(1000.0).exp()``, ``Value(10.0) ** 400``, a
        division by zero) raises a ValueError that names it, instead of carrying an infinity on.

    Attributes
    ----------
    data : float
    grad : float
        :math:`\\partial E / \\partial\\,\\text{self}` after ``E.backward()``; 0.0 before.
    op, label : str
    parents : tuple of (Value, float)
        The operands this node was computed from, each with the local derivative of this node
        with respect to it, taken at forward time (read-only).

    Examples
    --------
    >>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    >>> c = (a * b).relu() + a
    >>> c.op, [(p.op, local) for p, local in c.parents]
    ('+', [('relu', 1.0), ('', 1.0)])
    >>> c.backward()
    >>> a.grad, b.grad
    (1.0, 0.0)
    """

    __slots__ = ("_parents", "data", "grad", "label", "op")

    def __init__(self, data, parents=(), op="", label=""):
        self.data, self.grad = _checks.real(data, "data"), 0.0
        for name, text in (("op", op), ("label", label)):
            if not isinstance(text, str):
                raise TypeError(f"{name} must be a str; got {type(text).__name__}")
        self.op, self.label = op, label
        if isinstance(parents, str | bytes) or not hasattr(parents, "__iter__"):
            raise _checks.fail(
                TypeError, "parents", "be a sequence of (Value, float) pairs", repr(parents)
            )
        parents = tuple(parents)
        if not all(
            isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], Value) for p in parents
        ):
            raise _checks.fail(
                TypeError, "parents", "hold (Value, float) pairs", _checks.shown(parents)
            )
        self._parents = tuple((p, _checks.real(d, "parents")) for p, d in parents)

    @property
    def parents(self):
        return self._parents

    @property
    def _x(self):
        return self.data

    def _node(self, data, parents, op):
        return Value(data, parents, op)

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    def backward(self, reset=True):
        """Fill ``.grad`` of every node this one depends on with the derivative of this one.

        Every node's gradient is first reset to 0, so calling twice gives the same result.
        Then ``self.grad = 1`` and, visiting the nodes from this one back to the leaves
        (:func:`topological_order`, reversed), each node adds ``local * node.grad`` to each of
        its parents. The walk is a loop, not a recursion: any depth works.

        Parameters
        ----------
        reset : bool, default True
            ``False`` leaves out the reset, the classic bug it prevents: every node, inner ones
            included, keeps the gradient of an earlier pass and passes it on again, so a second
            call gives more than twice the first pass's gradient of a node used along several
            paths.

        Examples
        --------
        >>> x = Value(-2.0)
        >>> y = x**2 / 4 - 1 / x
        >>> y.backward(); y.backward()
        >>> x.grad
        -0.75
        >>> x = Value(3.0)
        >>> y = x * x + x
        >>> y.backward(); y.backward(reset=False)
        >>> x.grad
        20.0
        """
        if not isinstance(reset, bool):
            raise _checks.fail(TypeError, "reset", "be True or False", _checks.shown(reset))
        order = topological_order(self)
        before = [node.grad for node in order]
        for node in order if reset else ():
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in node._parents:
                parent.grad += local * node.grad
        if not all(math.isfinite(node.grad) for node in order):  # an overflow: undo, and say so
            for node, grad in zip(order, before, strict=True):
                node.grad = grad
            raise ValueError("backward overflowed: a gradient is beyond the largest float")


def topological_order(root):
    """Every node ``root`` depends on, each after all of its parents, ``root`` last.

    A depth-first search with an explicit stack (no recursion, so a chain of any length works).

    Parameters
    ----------
    root : Value

    Returns
    -------
    list of Value
        Each node once, leaves first.

    Examples
    --------
    >>> a, b = Value(1.0), Value(2.0)
    >>> [node.data for node in topological_order(a * b + a)]
    [1.0, 2.0, 2.0, 3.0]
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value; got {type(root).__name__}")
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p, _ in reversed(node._parents) if p not in seen)
    return order


class Dual(_Scalar):
    """A dual number :math:`v + \\dot v\\,\\varepsilon`: a value and its derivative, carried
    forward together (forward-mode differentiation).

    ``dot`` is :math:`\\partial v / \\partial x` for one chosen input :math:`x`: seed that input
    with ``dot=1`` and every other with 0, and every operation (the same as :class:`Value`'s)
    propagates :math:`\\dot y = \\sum_{\\text{parents}} (\\partial y/\\partial p)\\, \\dot p`.

    Parameters
    ----------
    value : float
    dot : float, default 0.0

    Examples
    --------
    >>> x = Dual(3.0, 1.0)
    >>> y = x * x + x
    >>> y
    Dual(value=12.0, dot=7.0)
    """

    __slots__ = ("dot", "value")

    def __init__(self, value, dot=0.0):
        self.value = _checks.real(value, "value")
        self.dot = _checks.real(dot, "dot")

    @property
    def _x(self):
        return self.value

    def _node(self, data, parents, op):
        (dot,) = _finite(op, [p.value for p, _ in parents], sum(l * p.dot for p, l in parents))
        return Dual(data, dot)

    def __repr__(self):
        return f"Dual(value={self.value!r}, dot={self.dot!r})"


def gradient(f, point, mode="reverse"):
    """The gradient of ``f`` at ``point``, in reverse mode or in forward mode.

    Parameters
    ----------
    f : callable
        ``f(*xs)`` returns one number, computed with the operations of :class:`Value` and
        :class:`Dual` (the arithmetic operators and their methods).
    point : sequence of float
        Where to differentiate.
    mode : {"reverse", "forward"}, default "reverse"
        ``"reverse"``: ``f`` on :class:`Value` leaves, then one ``backward()``: one pass for all
        the inputs. ``"forward"``: ``f`` on :class:`Dual` numbers once per input, that input
        seeded with ``dot=1``: ``len(point)`` passes.

    Returns
    -------
    list of float

    Examples
    --------
    >>> f = lambda x, y: x * y + y.exp()
    >>> gradient(f, [2.0, 0.0]), gradient(f, [2.0, 0.0], mode="forward")
    ([0.0, 3.0], [0.0, 3.0])
    """
    _checks.function(f, "f")
    if isinstance(point, str | bytes) or not hasattr(point, "__len__"):
        raise TypeError(f"point must be a sequence of numbers; got {type(point).__name__}")
    xs = [_checks.real(x, "point") for x in point]
    if mode not in ("reverse", "forward"):
        raise ValueError(f"mode must be 'reverse' or 'forward'; got {mode!r}")
    if mode == "forward":  # one pass per input
        outs = [f(*(Dual(x, float(j == i)) for j, x in enumerate(xs))) for i in range(len(xs))]
        _check_result(outs, Dual)
        return [out.dot for out in outs]
    leaves = [Value(x) for x in xs]  # one pass for every input
    out = f(*leaves)
    _check_result([out], Value)
    out.backward()
    return [leaf.grad for leaf in leaves]


def _check_result(outs, cls):
    for out in outs:
        if not isinstance(out, cls):
            raise TypeError(f"f must return a {cls.__name__}; got {type(out).__name__}")
