"""Input checks for bp's public functions: one place, one message style.

Every message reads ``"<parameter> must <be what was expected>; got <what was received>"``.
Public functions run these once, at their boundary; internal code trusts its callers.

Three choices made here hold for all of bp:

- **Integers become float64.** Integer input (a Python int, or an array of any integer dtype)
  is converted to float64 before any arithmetic: computed in its own dtype it would wrap
  (``-np.uint8(1)`` is 255) or lose every fraction (an int network truncates its updates).
  Floating input keeps its dtype.
- **A bool is not a number.** ``True`` is an ``int`` to Python, but ``lr=True`` or
  ``sizes=[2, True]`` is a slip, never a deliberate 1: :func:`is_real` refuses it, and arrays of
  dtype bool are refused likewise.
- **Nothing is dropped silently.** A masked array's mask, the order of a set or a dict, or the
  part of a value that does not fit the network's dtype would each be lost by a plain
  conversion, so they are refused with a message that says what to do instead.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence

import numpy as np


def shown(value):
    """``value`` for a message: its repr, shortened, or an array's shape and dtype."""
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def fail(exc, name, expected, got):
    """An exception ``exc`` with the one message style: what ``name`` must be, what it got."""
    return exc(f"{name} must {expected}; got {got}")


#: ``True`` is an ``int`` to Python; to bp a bool is never a number. Written here, once.
_BOOLS = (bool, np.bool_)


def is_real(value):
    """Whether ``value`` is a real number: a Python or numpy int or float, and not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, _BOOLS)


def is_integer(value):
    """Whether ``value`` is an integer: a Python or numpy int, and not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, _BOOLS)


# --- numbers -----------------------------------------------------------------------------------
def real(value, name):
    """``value`` as a finite float, or a TypeError/ValueError naming ``name``."""
    if not is_real(value):
        raise fail(TypeError, name, "be a real number", f"{shown(value)} ({type(value).__name__})")
    number = float(value)  # Fraction, numpy scalars: one float from here on
    if not np.isfinite(number):
        raise fail(ValueError, name, "be a finite number", shown(value))
    return number


def positive_number(value, name):
    """A finite real number > 0 as a float, or a TypeError/ValueError naming ``name``."""
    number = real(value, name)
    if not number > 0:
        raise fail(ValueError, name, "be a finite number > 0", shown(value))
    return number


def nonnegative_number(value, name):
    """A finite real number >= 0 as a float, or a TypeError/ValueError naming ``name``."""
    number = real(value, name)
    if not number >= 0:
        raise fail(ValueError, name, "be a finite number >= 0", shown(value))
    return number


def integer(value, name, minimum):
    """An integer >= ``minimum`` as an int, or a TypeError/ValueError naming ``name``."""
    if not is_integer(value):
        raise fail(TypeError, name, "be an integer", f"{shown(value)} ({type(value).__name__})")
    if value < minimum:
        raise fail(ValueError, name, f"be an integer >= {minimum}", shown(value))
    return int(value)


def positive_int(value, name):
    """An integer >= 1, or a TypeError/ValueError naming ``name``."""
    return integer(value, name, 1)


def seed(value, name="seed"):
    """A seed for :func:`numpy.random.default_rng`: an integer >= 0."""
    return integer(value, name, 0)


# --- structures --------------------------------------------------------------------------------
def sizes(value, name="sizes"):
    """Layer widths: an ordered sequence of at least two integers >= 1, as a list of int.

    A set or a dict has no order to give the layers, so it is refused, like a string.
    """
    ordered = isinstance(value, Sequence) or (isinstance(value, np.ndarray) and value.ndim == 1)
    if not ordered or isinstance(value, str | bytes):
        raise fail(
            TypeError,
            name,
            "be an ordered sequence of integers such as [2, 2, 2]",
            f"{shown(value)} ({type(value).__name__})",
        )
    if len(value) < 2:
        raise fail(ValueError, name, "list at least two layers (input and output)", list(value))
    for s in value:
        if not is_integer(s):
            raise fail(TypeError, name, "hold integers", f"{s!r} in {list(value)}")
        if s < 1:
            raise fail(ValueError, name, "all be >= 1", list(value))
    return [int(s) for s in value]


def reals(value, name, n):
    """``n`` finite real numbers in order (a sequence or a 1-D array), as a tuple of float.

    A set or a dict has no order to give the numbers, so it is refused, like a string; each
    entry is checked by :func:`real`, whose message names its position, as in ``weights[4]``.
    """
    ordered = isinstance(value, Sequence) or (isinstance(value, np.ndarray) and value.ndim == 1)
    if not ordered or isinstance(value, str | bytes):
        raise fail(
            TypeError,
            name,
            f"be a sequence of {n} numbers",
            f"{shown(value)} ({type(value).__name__})",
        )
    if len(value) != n:
        raise fail(ValueError, name, f"hold {n} numbers", f"{len(value)}: {shown(value)}")
    return tuple(real(x, f"{name}[{i}]") for i, x in enumerate(value))


def float_dtype(value, name="dtype"):
    """A numpy floating dtype, such as ``numpy.float64``."""
    try:
        dtype = np.dtype(value)
    except TypeError:
        raise fail(TypeError, name, "be a numpy floating dtype", shown(value)) from None
    if dtype.kind != "f":
        raise fail(TypeError, name, "be a floating dtype such as float64", dtype)
    return dtype


def function(value, name):
    """``value`` if it can be called, else a TypeError naming ``name``."""
    if not callable(value):
        raise fail(TypeError, name, "be callable", type(value).__name__)
    return value


def one_of(value, name, choices):
    """``value`` if it is one of ``choices`` (a mode, an order, a key), else a ValueError."""
    if value not in choices:
        raise fail(ValueError, name, "be one of " + ", ".join(map(repr, choices)), repr(value))
    return value


def name_in(registry, value, name, record):
    """The entry of ``registry`` called ``value``; an instance of ``record`` is returned as is.

    One lookup for every registry (activations, losses); the message lists the valid names.
    """
    if isinstance(value, record):
        return value
    if not isinstance(value, str):
        raise fail(
            TypeError,
            name,
            f"be a name (str) or {record.__name__}",
            f"{shown(value)} ({type(value).__name__})",
        )
    if value not in registry:
        raise fail(
            ValueError, name, "be one of " + ", ".join(map(repr, sorted(registry))), repr(value)
        )
    return registry[value]


# --- arrays ------------------------------------------------------------------------------------
def array(x, name, ndims=(1, 2), finite=True, integers=np.float64):
    """``x`` as a finite numpy array of a floating dtype with one of ``ndims`` dimensions.

    Integers become float64 (or the dtype ``integers``; None keeps them); floating dtypes are
    kept. Refused: ragged lists, booleans, complex
    or object values, masked arrays (their mask would be dropped), NaN and infinity. The result
    may share memory with ``x``. ``ndims=None`` takes any number of dimensions. With
    ``finite=False`` the entries are not looked at: for a caller that checks its results instead
    (a NaN or an infinity in the input makes them non-finite) and then calls again with
    ``finite=True`` to name the cause.
    """
    if isinstance(x, np.ma.MaskedArray):
        raise fail(
            TypeError,
            name,
            "be a plain array (bp would ignore a mask)",
            "a masked array; pass x.filled(value) or drop the masked rows",
        )
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nested lists
        raise fail(ValueError, name, "be a rectangular array of numbers", err) from None
    if arr.dtype.kind in "iu":
        if integers is not None:
            arr = arr.astype(integers)
    elif arr.dtype.kind != "f":
        what = "booleans" if arr.dtype.kind == "b" else f"dtype {arr.dtype}"
        raise fail(TypeError, name, "hold real numbers", what)
    if ndims is not None and arr.ndim not in ndims:
        expected = " or ".join(f"{d}-D" for d in ndims)
        if ndims == (1, 2):
            expected = "1-D (one sample) or 2-D (batch, features)"
        raise fail(ValueError, name, f"be {expected}", f"{arr.ndim}-D shape {arr.shape}")
    if finite and arr.dtype.kind == "f" and not all_finite(arr):
        raise fail(ValueError, name, "be finite", "NaN or inf")
    return arr


def real_array(x, name):
    """``x`` as a float64 array of any shape (NaN and infinity allowed), or a TypeError."""
    if isinstance(x, np.ma.MaskedArray):
        raise fail(TypeError, name, "be a plain array (bp would ignore a mask)", "a masked array")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nested lists
        raise fail(ValueError, name, "be a rectangular array of numbers", err) from None
    if arr.dtype.kind not in "iuf":
        raise fail(TypeError, name, "be an array of real numbers", f"dtype {arr.dtype}")
    return arr.astype(np.float64, copy=False)


def float64_array(x, name):
    """``x`` itself if it is a finite numpy array of float64 (to be changed in place)."""
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        got = f"dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        raise fail(
            TypeError,
            name,
            "be a numpy array of float64, perturbed in place (in a narrower dtype the step is "
            f"lost to rounding: pass {name}.astype(np.float64))",
            got,
        )
    if not all_finite(x):
        raise fail(ValueError, name, "be finite", "NaN or inf")
    return x


def all_finite(*arrays):
    """Whether every entry of every array is finite (no NaN, no infinity).

    One sum decides in the common case: a NaN or an infinity makes the sum non-finite. Only when
    the sum is not finite (which a sum of huge finite values can also be) are the entries looked
    at one by one, so the answer is exact. Small arrays are summed as Python floats, which for a
    few numbers costs less than a call into numpy.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_results(*arrays)


def finite_results(*arrays):
    """:func:`all_finite` for a caller already under ``np.errstate(all="ignore")``.

    The network's public methods run under one np.errstate, and check their results with this
    (an entry of an errstate costs about as much as the sum of a small array).
    """
    total = 0.0
    for a in arrays:
        total += sum(a.ravel().tolist()) if a.size <= _SMALL else float(np.add.reduce(a, None))
    return math.isfinite(total) or all(np.isfinite(a).all() for a in arrays)


#: Arrays up to this size are summed in Python by :func:`all_finite`.
_SMALL = 64


def in_dtype(arr, name, dtype, finite=True):
    """``arr`` (already finite) cast to ``dtype``, refusing values that overflow it."""
    if arr.dtype == dtype:
        return arr
    with np.errstate(over="ignore"):
        cast = arr.astype(dtype)
    if finite and cast.dtype.kind == "f" and not all_finite(cast):
        raise fail(
            ValueError,
            name,
            f"be finite in the network's dtype {dtype} (largest {float(np.finfo(dtype).max):.3g})",
            f"values up to {float(np.abs(arr).max()):.3g}",
        )
    return cast


def as_batch(x, name, width, dtype, finite=True):
    """``x`` as a 2-D batch of the given width and dtype, and whether it was a single sample.

    ``finite=False``: see :func:`array`.
    """
    batch = type(x) is np.ndarray and x.dtype == dtype and x.ndim == 2 and x.shape[1] == width
    if not finite and batch and x.shape[0] > 0:  # already a batch: nothing to convert
        return x, False
    arr = array(x, name, finite=finite)
    single = arr.ndim == 1
    if single:
        arr = arr[np.newaxis, :]
    if arr.shape[0] == 0:
        raise fail(ValueError, name, "hold at least one sample", f"an empty batch {arr.shape}")
    if arr.shape[1] != width:
        got = f"shape {arr.shape[1:] if single else arr.shape}"
        raise fail(ValueError, name, f"have {width} feature(s) per sample", got)
    return in_dtype(arr, name, dtype, finite), single


def as_targets(y, name, rows, width, dtype, finite=True):
    """Targets ``y`` checked against a batch of ``rows`` samples and ``width`` outputs."""
    if not finite and type(y) is np.ndarray and y.dtype == dtype and y.shape == (rows, width):
        return y  # already a batch of the right shape: nothing to convert
    arr = array(y, name, finite=finite)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    if arr.shape[0] != rows:
        raise fail(ValueError, name, f"have as many samples as X ({rows})", arr.shape[0])
    if arr.shape[1] != width:
        raise fail(
            ValueError, name, f"have shape ({rows}, {width}) to match the output layer", arr.shape
        )
    return in_dtype(arr, name, dtype, finite)


# --- a network's parameters -------------------------------------------------------------------
def layers(weights, biases):
    """The weights and biases of a network, checked against each other: ``(Ws, bs, dtype)``.

    ``weights[l]`` must be 2-D and ``biases[l]`` 1-D, non-empty, each layer's weights taking as
    many inputs as the layer before has outputs, and each bias matching its weights' rows. The
    dtype is the common dtype of the floating-point parameters, float64 if all are integers;
    every array is cast to it (integers too, refusing values that would overflow it).
    """
    for name, params, what in (("weights", weights, "2-D"), ("biases", biases, "1-D")):
        if isinstance(params, np.ndarray) or not isinstance(params, list | tuple):
            raise fail(
                TypeError,
                name,
                f"be a list of {what} arrays, one per layer",
                type(params).__name__,
            )
    if len(weights) == 0:
        raise fail(ValueError, "weights", "hold at least one layer", "an empty list")
    if len(biases) != len(weights):
        raise fail(
            ValueError,
            "biases",
            f"have one array per layer of weights ({len(weights)})",
            len(biases),
        )
    Ws = [_layer_array(w, f"weights[{i}]", ndim=2) for i, w in enumerate(weights)]
    bs = [_layer_array(b, f"biases[{i}]", ndim=1) for i, b in enumerate(biases)]
    for i in range(1, len(Ws)):
        if Ws[i].shape[1] != Ws[i - 1].shape[0]:
            raise fail(
                ValueError,
                f"weights[{i}]",
                f"have {Ws[i - 1].shape[0]} columns to follow weights[{i - 1}] of shape "
                f"{Ws[i - 1].shape}",
                f"shape {Ws[i].shape}",
            )
    for i, (W, b) in enumerate(zip(Ws, bs, strict=True)):
        if b.shape != (W.shape[0],):
            raise fail(
                ValueError,
                f"biases[{i}]",
                f"have shape ({W.shape[0]},) to match weights[{i}] of shape {W.shape}",
                b.shape,
            )
    floats = [p.dtype for p in Ws + bs if p.dtype.kind == "f"]
    dtype = np.result_type(*floats) if floats else np.dtype(np.float64)
    Ws = [in_dtype(W, f"weights[{i}]", dtype) for i, W in enumerate(Ws)]
    bs = [in_dtype(b, f"biases[{i}]", dtype) for i, b in enumerate(bs)]
    return Ws, bs, dtype


def _layer_array(p, name, ndim):
    arr = array(p, name, ndims=(ndim,), integers=None)  # cast below, to the floats' dtype
    if arr.size == 0:
        raise fail(ValueError, name, "not be empty", f"shape {arr.shape}")
    return arr


def writeable(weights, biases):
    """Nothing if every array of a network's ``weights`` and ``biases`` can be written."""
    for name, arrays in (("weights", weights), ("biases", biases)):
        for i, p in enumerate(arrays):
            if not p.flags.writeable:
                raise fail(
                    ValueError, f"{name}[{i}]", "be writeable to be trained", "a read-only array"
                )


def nonfinite_parameter(weights, biases):
    """The ValueError naming a network's first weight or bias array with NaN or inf, or None."""
    name = nonfinite_array(weights, biases)
    return (
        None
        if name is None
        else fail(ValueError, f"the network's {name}", "be finite", "NaN or inf")
    )


def nonfinite_array(weights, biases):
    """The name (``"weights[0]"``) of a network's first parameter array with NaN or inf, or None."""
    for name, arrays in (("weights", weights), ("biases", biases)):
        for i, p in enumerate(arrays):
            if not all_finite(p):
                return f"{name}[{i}]"
    return None


def batches(net, X, Y=None, finite=True):
    """``X`` (and ``Y``) as 2-D batches in ``net``'s dtype; and whether X was one sample (1-D).

    ``finite=False``: NaN and infinity are let through, see :func:`array`; targets that the
    loss refuses (``net.loss.targets``) are refused all the same.
    """
    first, last = net.weights[0], net.weights[-1]
    Xb, single = as_batch(X, "X", first.shape[1], first.dtype, finite=finite)
    if Y is None:
        return Xb, single
    check = net.loss.targets  # which needs finite numbers
    Yb = as_targets(Y, "Y", len(Xb), last.shape[0], first.dtype, finite or check is not None)
    if check is not None:
        check(Yb, "Y")
    return Xb, Yb


def results_finite(net, what, X, Y, *arrays):
    """Nothing if every array of ``net``'s results is finite; else the ValueError that names the
    cause: ``X`` or ``Y`` (as the caller passed them), a parameter, or an overflow.

    Shapes and dtypes are checked on the way in (:func:`batches`); whether X, Y and the
    parameters are finite is read off the results, which any NaN or infinity among them makes
    non-finite: one sum per result instead of one per input and parameter. Only then, to name
    the cause, are they checked one by one.
    """
    if finite_results(*arrays):
        return
    batches(net, X, Y)
    err = nonfinite_parameter(net.weights, net.biases)
    if err is None:
        err = ValueError(
            f"{what} came out NaN or infinite in {net.dtype}: an overflow (inputs or "
            "parameters too large for the dtype) or an activation or loss that returned NaN"
        )
    raise err


def diverged(net, where, lr, restored):
    """The ValueError for a training step or loss that came out NaN or infinite ``where``."""
    err = nonfinite_parameter(net.weights, net.biases)
    if err is not None:
        return err
    state = "the network is as it was before the call" if restored else "nothing was changed"
    return fail(
        ValueError,
        "lr",
        "be small enough to keep training finite",
        f"{lr!r}: gradient descent diverged (NaN or inf) {where}; {state}. Try a smaller "
        "learning rate.",
    )


def distributions(y, name):
    """``y`` (finite, 2-D) whose rows are probability distributions: >= 0, summing to 1.

    The sums may miss 1 by rounding: by 1e-6, or in a narrow dtype by a few units of its
    precision per entry.
    """
    eps = np.finfo(y.dtype).eps if y.dtype.kind == "f" else 0.0
    atol = max(1e-6, 4 * y.shape[-1] * eps)
    if (y < 0).any():
        raise fail(
            ValueError, name, "have rows of non-negative weights summing to 1", "a negative entry"
        )
    with np.errstate(over="ignore"):  # a sum that overflows is not 1 either
        sums = y.sum(axis=-1, dtype=np.float64)
    bad = np.flatnonzero(np.abs(sums - 1) > atol)
    if bad.size:
        raise fail(
            ValueError,
            name,
            "have rows of non-negative weights summing to 1 (one-hot, for instance)",
            f"row {bad[0]} summing to {sums[bad[0]]:.6g}",
        )
    return y


class Layers(list):
    """A network's ``weights`` or ``biases``: one array a layer, checked when one is assigned.

    ``layers[l] = value`` must keep the layer's shape and is converted to its dtype (integers
    included; booleans, NaN, infinity and values beyond the dtype refused). The number of
    layers is fixed: appending, inserting, deleting or reordering raises a TypeError.
    """

    def __init__(self, name, arrays):
        super().__init__(arrays)
        self.name = name

    def checked(self, l, value):
        """``value`` checked and converted to take the place of layer ``l``."""
        if not is_integer(l):
            raise fail(TypeError, f"an index of {self.name}", "be an integer (one layer)", l)
        old = self[l]  # an IndexError for a layer the network does not have
        name = f"{self.name}[{l}]"
        arr = array(value, name, ndims=(old.ndim,))
        if arr.shape != old.shape:
            raise fail(ValueError, name, f"keep the layer's shape {old.shape}", arr.shape)
        return in_dtype(arr, name, old.dtype)

    def __setitem__(self, l, value):
        super().__setitem__(l, self.checked(l, value))

    def replaced(self, arrays):
        """New layers of ``arrays``, one per layer, all checked before any is kept."""
        if isinstance(arrays, np.ndarray) or not isinstance(arrays, list | tuple):
            raise fail(
                TypeError, self.name, "be a list of arrays, one per layer", type(arrays).__name__
            )
        if len(arrays) != len(self):
            raise fail(ValueError, self.name, f"hold {len(self)} arrays, one a layer", len(arrays))
        return Layers(self.name, [self.checked(l, v) for l, v in enumerate(arrays)])

    def _fixed(self, *args, **kwargs):
        raise TypeError(f"{self.name} must keep one array per layer; make a new Network instead")

    append = extend = insert = pop = remove = clear = sort = reverse = _fixed
    __delitem__ = __iadd__ = __imul__ = _fixed

    def __reduce__(self):  # pickle and copy: rebuilt from its arrays, not appended to
        return (Layers, (self.name, list(self)))


# --- numbers written as text -------------------------------------------------------------------
# One grammar for every number a reader types, on the command line (``python -m bp``) and in the
# explorer, whose JavaScript uses these same regular expressions (their source is valid in both
# languages). Only the ASCII digits 0 to 9 are digits: Python's float() would also read "١.٥"
# (Arabic-Indic digits) or "１" (full width), a browser's Number() would not, and a number read
# differently in two places is a wrong number in one of them. Underscores may group digits, as
# in Python; ASCII spaces, tabs and line breaks around the number are ignored.

_SPACE = r"[ \t\n\r]*"
_DIGITS = r"[0-9](?:_?[0-9])*"
#: A finite number: sign, whole digits, fraction digits, exponent (groups 1 to 4).
NUMBER = (
    rf"^{_SPACE}([+-]?)(?=\.?[0-9])({_DIGITS})?(?:\.({_DIGITS})?)?"
    rf"(?:[eE]([+-]?{_DIGITS}))?{_SPACE}$"
)
#: Infinity and NaN, which Python's float() reads and bp refuses as not finite (any case).
NONFINITE = rf"^{_SPACE}[+-]?(?:inf|infinity|nan){_SPACE}$"
#: A whole number, as ``--steps`` takes it.
INTEGER = rf"^{_SPACE}[+-]?{_DIGITS}{_SPACE}$"
#: What the command line reads as a negative number, not an option, after a "-": anything but a
#: letter or a second "-" (so that "-0x10" is refused as a number, not taken for an option),
#: and "-inf", "-nan" (any case), which the options then refuse as not finite.
NEGATIVE = r"^-(?:[^A-Za-z-]|(?:inf|infinity|nan)$)"

_NUMBER, _NONFINITE = re.compile(NUMBER), re.compile(NONFINITE, re.IGNORECASE)


def number_problem(text):
    """What a number written as ``text`` must be, when it is not one, or ``None``.

    The phrase completes "must be ..." or "expected ...": ``"a number"``, ``"a finite number"``
    (infinity, NaN), ``"a number with a decimal point, such as 0.5"`` (for ``"0,5"``: the
    decimal comma is refused, never guessed), ``"a number written with the digits 0 to 9"``.

    Examples
    --------
    >>> number_problem("-1.5e-3"), number_problem("0,5933"), number_problem("nan")
    (None, 'a number with a decimal point, such as 0.5933', 'a finite number')
    """
    if _NUMBER.match(text):
        return None
    if _NONFINITE.match(text):
        return "a finite number"
    pointed = text.replace(",", ".", 1)
    if "." not in text and _NUMBER.match(pointed):
        return f"a number with a decimal point, such as {pointed.strip()}"
    if any(c.isdecimal() and not "0" <= c <= "9" for c in text):
        return "a number written with the digits 0 to 9"
    return "a number"
