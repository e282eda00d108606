"""Hypothesis strategies and data shared by the tests of bp's network, gradient checks and API.

One home for the shapes of the random networks the tests draw, so that a change (deeper nets,
wider batches) is made once.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from bp import activations, losses

#: Layer widths of a small random network: 2 to 5 layers of 1 to 8 neurons.
SIZES = st.lists(st.integers(min_value=1, max_value=8), min_size=2, max_size=5)
#: The same with at least two outputs, as a softmax (cross-entropy) output layer needs.
SIZES_SOFTMAX = st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=4).flatmap(
    lambda head: st.integers(min_value=2, max_value=8).map(lambda out: [*head, out])
)
#: Rows in a batch.
BATCH = st.integers(min_value=1, max_value=5)
#: Seeds for numpy's generator (and bp's, which take any integer >= 0).
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
#: Finite floats of ordinary size.
FINITE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
#: Every activation, and the losses.
ACTIVATIONS = st.sampled_from(list(activations.ACTIVATIONS))
LOSSES = st.sampled_from(list(losses.LOSSES))


def sizes_for(loss):
    """The strategy of layer widths that ``loss`` accepts."""
    return SIZES_SOFTMAX if loss == "cross_entropy" else SIZES


def data(sizes, batch, seed, loss="squared_error"):
    """A random batch for a network of ``sizes``: one-hot targets for the cross-entropy."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(batch, sizes[0]))
    if loss == "cross_entropy":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=batch)]
    else:
        Y = rng.uniform(size=(batch, sizes[-1]))
    return X, Y


def snapshot(net):
    """Copies of every parameter of ``net``, weights first."""
    return [p.copy() for p in net.weights + net.biases]


def assert_unchanged(net, before):
    """Every parameter of ``net`` equals the ``snapshot`` taken before, bit for bit."""
    after = net.weights + net.biases
    assert len(after) == len(before)
    for p, q in zip(after, before, strict=True):
        np.testing.assert_array_equal(p, q)
