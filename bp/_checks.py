"""Input checks for bp's public functions: one place, one message style.

Every message names the parameter, says what was expected and what was received. Internal code
trusts its callers; these run once, at the public boundary.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_array(x, name):
    """``x`` as a float array of 1 or 2 dimensions, or a TypeError/ValueError naming ``name``."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; {err}") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers; got an array of dtype {arr.dtype}")
    if arr.ndim == 0 or arr.ndim > 2:
        raise ValueError(
            f"{name} must be 1-D (one sample) or 2-D (batch, features); got {arr.ndim}-D shape "
            f"{arr.shape}"
        )
    if arr.size and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; got NaN or inf")
    return arr


def as_batch(x, name, width, dtype):
    """``x`` as a 2-D batch of the given width and dtype, and whether it was a single sample."""
    arr = as_array(x, name)
    single = arr.ndim == 1
    if single:
        arr = arr[np.newaxis, :]
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample; got an empty batch {arr.shape}")
    if arr.shape[1] != width:
        raise ValueError(
            f"{name} must have {width} feature(s) per sample; got shape {arr.shape[1:] if single else arr.shape}"
        )
    return arr.astype(dtype, copy=False), single


def as_targets(y, name, x_batch, width, dtype):
    """Targets ``y`` checked against a batch of ``x_batch`` rows and ``width`` outputs."""
    arr = as_array(y, name)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    if arr.shape[0] != x_batch:
        raise ValueError(f"{name} must have as many samples as X ({x_batch}); got {arr.shape[0]}")
    if arr.shape[1] != width:
        raise ValueError(
            f"{name} must have shape ({x_batch}, {width}) to match the output layer; "
            f"got {arr.shape}"
        )
    return arr.astype(dtype, copy=False)


def positive_number(value, name):
    """A finite real number > 0, or a TypeError/ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return float(value)


def positive_int(value, name):
    """An integer >= 1, or a TypeError/ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1; got {value!r}")
    return int(value)
