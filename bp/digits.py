"""Numbers as a learner writes them: the digits they claim, and whether they agree with bp's.

A value written as text claims the precision of its significant digits, from its first nonzero
digit to its last (:func:`significant_digits`); it agrees with a value when it is that value
rounded or cut at its last digit (:func:`agrees`), up to the :data:`MAX_DIGITS` significant
digits bp vouches for. A zero claims nothing. :func:`bp.slips.check` and ``python -m bp check``
judge with these; the explorer's checker is their port to JavaScript. Text is read by the one
grammar of numbers of ``bp._checks`` (the ASCII digits 0 to 9, a decimal point, an exponent).

>>> agrees("0.5933", 0.5932699921071872), significant_digits("0.0822")
(True, 3)
"""

from __future__ import annotations

import decimal
import re

import numpy as np

from bp import _checks

__all__ = [
    "MAX_DECIMALS",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "agrees",
    "read",
    "rounded_like",
    "significant_digits",
]


#: The significant digits bp vouches for: its values are float64 (15 to 17 digits), each rounded
#: several times on its way. Digits written beyond the 15th are not compared: a value computed
#: to 30 digits elsewhere agrees with bp in the digits bp has.
MAX_DIGITS = 15
#: A written value is smaller than 10**(MAX_EXPONENT + 1) in size (a float's range)...
MAX_EXPONENT = 308
#: ... and has no digit beyond the MAX_DECIMALS-th decimal place, so every comparison is quick.
MAX_DECIMALS = 400
_EXACT = decimal.Context(prec=2 * (MAX_EXPONENT + MAX_DECIMALS))
_NUMBER = re.compile(_checks.NUMBER)


def read(written, key):
    """A learner's value as an exact Decimal with the digits written.

    Parameters
    ----------
    written : str or real number
        Text (read by the one grammar of numbers), an int (its digits), a numpy float (its own
        shortest digits) or another real number (its float's shortest repr).
    key : str
        The name the error message gives the value, such as ``"out_h1"``.

    Returns
    -------
    decimal.Decimal

    Raises
    ------
    ValueError, TypeError
        When ``written`` is not a finite number, or is beyond the bounds (:data:`MAX_EXPONENT`,
        :data:`MAX_DECIMALS`).

    Examples
    --------
    >>> read("0.50", "x"), read(1.5e-3, "x")
    (Decimal('0.50'), Decimal('0.0015'))
    """
    if isinstance(written, str):
        problem = _checks.number_problem(written)
        if problem:
            raise _checks.fail(ValueError, key, f"be {problem}", repr(written))
        sign, whole, fraction, exponent = (g or "" for g in _NUMBER.match(written).groups())
        whole, fraction = whole.replace("_", ""), fraction.replace("_", "")
        exponent = exponent.replace("_", "")
        if len(exponent.lstrip("+-").lstrip("0")) > 6:  # an exponent of a million or more
            d = None if (whole + fraction).strip("0") else decimal.Decimal(0)
        else:
            d = decimal.Decimal(f"{sign}{whole}{fraction}E{int(exponent or 0) - len(fraction)}")
    elif _checks.is_integer(written):
        d = decimal.Decimal(int(written))
    elif isinstance(written, np.floating) and _checks.is_real(written):
        # a float32 at its own precision: its shortest digits, not those of a float64
        d = decimal.Decimal(np.format_float_scientific(written, unique=True))
    elif _checks.is_real(written):
        try:
            d = decimal.Decimal(repr(float(written)))
        except OverflowError:  # a Fraction beyond a float's range
            d = None
    else:
        raise _checks.fail(
            TypeError,
            key,
            "be a number or its text",
            f"{_checks.shown(written)} ({type(written).__name__})",
        )
    if d is not None and not d.is_finite():
        raise _checks.fail(ValueError, key, "be a finite number", repr(written))
    if d is None or (d and (d.adjusted() > MAX_EXPONENT or d.as_tuple().exponent < -MAX_DECIMALS)):
        raise _checks.fail(
            ValueError,
            key,
            f"be a number smaller than 1e{MAX_EXPONENT + 1} in size, with no digit beyond "
            f"the {MAX_DECIMALS}th decimal place",
            _checks.shown(written),
        )
    return d


def significant_digits(written):
    """How many significant digits ``written`` has: from its first nonzero digit to its last.

    This is the precision a written value claims. ``"0.0822"`` has 3, ``"1.20e-3"`` has 3 (a
    zero written after the point counts), ``"500"`` has 3. A zero (``"0"``, ``"-0"``,
    ``"0.000"``, ``"0e5"``) has none: it agrees with every value small enough, so it certifies
    nothing about a value that is not exactly 0.

    Parameters
    ----------
    written : str or float
        As :func:`agrees` takes it.

    Returns
    -------
    int

    Raises
    ------
    ValueError, TypeError
        When ``written`` is not a finite number, as :func:`agrees`.

    Examples
    --------
    >>> significant_digits("0.0822"), significant_digits("1.20e-3"), significant_digits("0.000")
    (3, 3, 0)
    """
    d = read(written, "written")
    return len(d.as_tuple().digits) if d else 0


def agrees(written, value):
    """Whether a number as the learner wrote it agrees with ``value`` in every digit written.

    ``written`` agrees when it is ``value`` rounded (half up) or cut at its last significant
    digit: ``"0.5933"`` and ``"0.5932"`` both agree with 0.593269992..., ``"0.5934"`` does not.
    The precision claimed is that of the digits written (:func:`significant_digits`), up to
    the :data:`MAX_DIGITS` (15) significant digits bp vouches for: digits beyond are not compared
    (nor, below 1e-308, digits beyond the place of the smallest float).
    ``value`` is taken as its shortest repr. A written zero agrees only with a value that is
    exactly 0.

    Parameters
    ----------
    written : str or float
        The learner's number, as text (its digits count) or a number: a float or an int as its
        shortest repr, a numpy float32 or float16 as its own shortest repr.
    value : float
        The exact value.

    Returns
    -------
    bool

    Raises
    ------
    ValueError, TypeError
        When ``written`` is not a finite number, or is beyond the bounds a float allows (larger
        than 1e309 in size, or with a digit beyond the 400th decimal place).

    Examples
    --------
    >>> agrees("0.5933", 0.5932699921071872), agrees("0.5934", 0.5932699921071872)
    (True, False)
    >>> agrees("5.933e-1", 0.5932699921071872), agrees("0.59", 0.5932699921071872)
    (True, True)
    >>> agrees("0", 0.5932699921071872), agrees("0", 0.0)
    (False, True)
    """
    d = read(written, "written")
    if not d:
        return float(value) == 0
    exact = decimal.Decimal(repr(float(value)))
    place = decimal.Decimal(1).scaleb(d.as_tuple().exponent)
    claims = {d}
    finest = max(d.adjusted() - MAX_DIGITS + 1, _FINEST)
    if d.as_tuple().exponent < finest:  # only the digits bp has are compared
        place = decimal.Decimal(1).scaleb(finest)
        claims = {d.quantize(place, rounding=mode, context=_EXACT) for mode in _MODES}
    return any(exact.quantize(place, rounding=mode, context=_EXACT) in claims for mode in _MODES)


#: No float has a digit below 1e-323 (the smallest, 5e-324, is all there is at that place).
_FINEST = -323
#: A value agrees when it is bp's rounded (half up, away from 0 at a tie) or cut at its last digit.
_MODES = (decimal.ROUND_HALF_UP, decimal.ROUND_DOWN)


def rounded_like(written, value):
    """``value`` rounded (half up) to as many significant digits as ``written`` has, as text.

    What the learner should have written, to their own precision (one significant digit for a
    written zero, at most :data:`MAX_DIGITS`); in plain digits from 1e-4 on, as Python prints floats, otherwise with an
    exponent.

    Examples
    --------
    >>> rounded_like("0.0411", 0.08216704056423078), rounded_like("1.2e-3", 0.00043856773)
    ('0.0822', '0.00044')
    >>> rounded_like("1e5", 0.2983711087600027), rounded_like("7e-300", 0.2983711087600027)
    ('0.3', '0.3')
    >>> rounded_like("0.50", 123456.7), rounded_like("3.0", 0.0)
    ('1.2e+05', '0')
    """
    n = min(max(significant_digits(written), 1), MAX_DIGITS)
    exact = decimal.Decimal(repr(float(value)))
    if not exact:
        return "0"
    place = decimal.Decimal(1).scaleb(exact.adjusted() - n + 1)
    rounded = exact.quantize(place, rounding=decimal.ROUND_HALF_UP, context=_EXACT)
    if len(rounded.as_tuple().digits) > n:  # 0.99 to one digit: 1.0 is 1 at the next place
        rounded = rounded.quantize(place.scaleb(1), context=_EXACT)
    return _plain(rounded)


def _plain(d):
    """A Decimal as Python prints a float: plain digits from 1e-4 to below 1e16, else d.dde+XX."""
    sign, digits, exponent = d.as_tuple()
    text = "".join(map(str, digits))
    top = exponent + len(digits) - 1  # the exponent of the first digit
    if exponent <= 0 and top >= -4:
        point = len(text) + exponent
        text = (
            "0." + "0" * -point + text
            if point <= 0
            else text[:point] + "." * bool(exponent) + text[point:]
        )
    else:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        text = f"{mantissa}e{'-' if top < 0 else '+'}{abs(top):02d}"
    return "-" * sign + text
