"""The worked example in bp's two engines: as a :class:`~bp.network.Network` (the matrix form)
and as a graph of :class:`~bp.graph.Value` nodes."""

from __future__ import annotations

import itertools

from bp import _checks
from bp.example.definition import (
    BIAS_OF,
    BIAS_WIRING,
    BIASES,
    INPUTS,
    LAYERS,
    TARGETS,
    WEIGHTS,
    WIRING,
    into,
    total,
)
from bp.graph import Value
from bp.network import Network


def worked_example_network(weights=WEIGHTS, biases=BIASES):
    """The worked example as a :class:`~bp.network.Network`, for the matrix form.

    :math:`W^{(1)} = \\begin{bmatrix} w_1 & w_2 \\\\ w_3 & w_4 \\end{bmatrix}` (row ``j`` feeds
    hidden neuron ``j``), :math:`W^{(2)} = \\begin{bmatrix} w_5 & w_6 \\\\ w_7 & w_8 \\end{bmatrix}`,
    and every neuron of a layer starts with that layer's bias. The rows and columns follow
    :data:`WIRING`: the weight from neuron ``k`` of one layer to neuron ``j`` of the next sits
    in row ``j``, column ``k``.

    Parameters
    ----------
    weights : 8 floats, default :data:`WEIGHTS`
    biases : pair of float, default :data:`BIASES`

    Returns
    -------
    Network

    Examples
    --------
    >>> worked_example_network().weights[1]
    array([[0.4 , 0.45],
           [0.5 , 0.55]])
    """
    w = dict(zip(WIRING, _checks.reals(weights, "weights", 8), strict=True))
    b = _checks.reals(biases, "biases", 2)
    matrices = [
        [[w[_weight_between(k, j)] for k in before] for j in layer]
        for before, layer in itertools.pairwise(LAYERS)
    ]
    vectors = [[b[l]] * len(BIAS_WIRING[name]) for l, name in enumerate(BIAS_WIRING)]
    return Network.from_params(matrices, vectors)


def _weight_between(src, dst):
    return next(w for w, ends in WIRING.items() if ends == (src, dst))


def worked_example_graph(weights=WEIGHTS, biases=BIASES, inputs=INPUTS, targets=TARGETS):
    """The book's 2-2-2 sigmoid network as a graph of :class:`~bp.graph.Value` nodes.

    Leaves are labelled ``w1`` ... ``w8``, ``b1`` (one bias shared by both hidden neurons),
    ``b2`` (shared by both outputs), ``i1, i2`` and ``target_o1, target_o2``; inner nodes
    ``net_h1``, ``out_h1``, ..., ``E_o1``, ``E_o2``, ``E_total``, the names of
    :func:`worked_example`. The graph follows :data:`WIRING` and :data:`BIAS_WIRING`.

    Parameters
    ----------
    weights : 8 floats, default :data:`WEIGHTS`
    biases : pair of float, default :data:`BIASES`
    inputs : pair of float, default :data:`INPUTS`
    targets : pair of float, default :data:`TARGETS`

    Returns
    -------
    E_total : Value
        The error; call ``E_total.backward()`` to fill the gradients.
    params : dict of str to Value
        ``"w1"`` ... ``"w8"``, ``"b1"``, ``"b2"``.

    Examples
    --------
    >>> E, params = worked_example_graph()
    >>> E.backward()
    >>> round(E.data, 9), round(params["w5"].grad, 9), round(params["w1"].grad, 9)
    (0.298371109, 0.082167041, 0.000438568)
    """
    ws = _checks.reals(weights, "weights", 8)
    bs = _checks.reals(biases, "biases", 2)
    xs = _checks.reals(inputs, "inputs", 2)
    ts = _checks.reals(targets, "targets", 2)
    out = {i: Value(x, label=i) for i, x in zip(LAYERS[0], xs, strict=True)}
    p = {w: Value(x, label=w) for w, x in zip(WIRING, ws, strict=True)}
    p.update({b: Value(x, label=b) for b, x in zip(BIAS_WIRING, bs, strict=True)})

    def named(node, label):
        node.label = label
        return node

    errors = []
    for n in LAYERS[1] + LAYERS[2]:
        terms = [p[w] * out[src] for w, src in into(n)] + [p[BIAS_OF[n]]]
        out[n] = named(named(total(terms), f"net_{n}").sigmoid(), f"out_{n}")
        if n in LAYERS[-1]:
            diff = Value(ts[LAYERS[-1].index(n)], label=f"target_{n}") - out[n]
            errors.append(named(0.5 * diff**2, f"E_{n}"))
    return named(total(errors), "E_total"), p
