"""The book's running example: the classic 2-2-2 sigmoid network, one named scalar at a time.

Two inputs :math:`i_1, i_2`, two hidden neurons :math:`h_1, h_2`, two outputs :math:`o_1, o_2`.
Weights :math:`w_1, w_2` feed :math:`h_1`; :math:`w_3, w_4` feed :math:`h_2`; :math:`w_5, w_6` feed
:math:`o_1`; :math:`w_7, w_8` feed :math:`o_2`. :math:`b_1` is the hidden layer's bias,
:math:`b_2` the output layer's:

.. math::

    net_{h1} &= w_1 i_1 + w_2 i_2 + b_1, \\qquad out_{h1} = \\sigma(net_{h1}), \\\\
    net_{o1} &= w_5\\, out_{h1} + w_6\\, out_{h2} + b_2, \\qquad out_{o1} = \\sigma(net_{o1}), \\\\
    E_{total} &= \\tfrac12 (target_{o1} - out_{o1})^2 + \\tfrac12 (target_{o2} - out_{o2})^2 .

The example owns its data: the values (:data:`INPUTS` ... :data:`LEARNING_RATE`) and the wiring
(:data:`LAYERS`, :data:`WIRING`, :data:`BIAS_WIRING`, and :data:`PATHS`, derived from them;
:func:`into`, :func:`out_of` and :data:`BIAS_OF` read the wiring neuron by neuron).
Everything else is derived from these: :func:`worked_example` computes every quantity in explicit
scalar steps, so that each has a name the book can show, from ``net_h1`` to ``dE_dw1`` to
``E_after``, and returns them as a :class:`Trace`; :func:`worked_example_network` builds the same
network as a :class:`~bp.network.Network` for the matrix form, and :func:`worked_example_graph`
as a graph of :class:`~bp.graph.Value` nodes.

Every name is re-exported here (``bp.example.worked_example``), whichever module holds it:

- ``bp.example.definition`` -- the values, the wiring and the names of the weights;
- ``bp.example.steps`` -- :func:`worked_example`, one scalar step at a time, and the rules it
  follows (:data:`RULES`), one of which :mod:`bp.slips` replaces to reproduce a mistake;
- ``bp.example.trace`` -- :class:`Trace`, the record of a run, with its JSON and text table;
- ``bp.example.forms`` -- the same network in bp's two engines, as a matrix-form
  :class:`~bp.network.Network` and as a graph.

>>> t = worked_example()
>>> round(t["E_total"], 9), round(t["dE_dw5"], 9), round(t["w5_new"], 8)
(0.298371109, 0.082167041, 0.35891648)
"""

from bp.example.definition import (
    BIAS_MODES,
    BIAS_OF,
    BIAS_WIRING,
    BIASES,
    INPUTS,
    LAYERS,
    LEARNING_RATE,
    MAX_STEPS,
    PATHS,
    TARGETS,
    UPDATE_ORDERS,
    WEIGHTS,
    WIRING,
    check_weight,
    into,
    out_of,
    total,
    weight_index,
)
from bp.example.forms import worked_example_graph, worked_example_network
from bp.example.steps import RULES, worked_example
from bp.example.trace import Trace, json_keys, quantities

__all__ = [
    "BIASES",
    "BIAS_MODES",
    "BIAS_OF",
    "BIAS_WIRING",
    "INPUTS",
    "LAYERS",
    "LEARNING_RATE",
    "MAX_STEPS",
    "PATHS",
    "RULES",
    "TARGETS",
    "UPDATE_ORDERS",
    "WEIGHTS",
    "WIRING",
    "Trace",
    "check_weight",
    "into",
    "json_keys",
    "out_of",
    "quantities",
    "total",
    "weight_index",
    "worked_example",
    "worked_example_graph",
    "worked_example_network",
]
