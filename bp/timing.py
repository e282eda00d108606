"""One timer for the pages that measure what a computation costs.

A single timing of a fast call is noisy: the operating system, the garbage collector or a cold
cache can slow any one run. The shortest of a few runs is the best estimate of what the code
itself costs (the same rule as the standard library's ``timeit``). Timings are reported, never asserted: how fast a
machine is belongs to the reader's machine, and bp's benchmarks run in ``nox -s bench``.

>>> t = best_time(lambda: sum(range(1000)), repeat=3)
>>> t.result, t.seconds > 0
(499500, True)
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

from bp import _checks

__all__ = ["Timing", "best_time"]


class Timing(NamedTuple):
    """The result of :func:`best_time`.

    Attributes
    ----------
    seconds : float
        The shortest of the timed runs, in seconds.
    result : object
        What the last run returned.
    """

    seconds: float
    result: Any


def best_time(f, repeat=5):
    """The shortest time of ``repeat`` calls of ``f()``, and what ``f`` returned.

    Parameters
    ----------
    f : callable
        Called with no arguments, ``repeat`` times.
    repeat : int, default 5
        Number of timed calls, >= 1.

    Returns
    -------
    Timing
        ``(seconds, result)``: unpack it, or read ``.seconds``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``repeat`` is not an integer.
    ValueError
        If ``repeat`` < 1.

    Examples
    --------
    >>> seconds, total = best_time(lambda: sum(range(10)), repeat=2)
    >>> total, 0 < seconds < 1
    (45, True)
    """
    _checks.function(f, "f")
    repeat = _checks.positive_int(repeat, "repeat")
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return Timing(best, result)
