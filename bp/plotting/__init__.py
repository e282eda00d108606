"""Figures of the book, drawn from the same objects the text discusses.

One module per kind of picture; every name is re-exported here, so a page calls
``bp.plotting.draw_network`` whichever module holds it:

- ``bp.plotting.style`` -- the palette (``COLORS``, ``SERIES``), the type scale
  (``FONT``) and :func:`new_figure`; change the look of every figure there;
- ``bp.plotting.diagram`` -- the 2-2-2 network with its weights, and a weight's path to the
  error;
- ``bp.plotting.landscapes`` -- the error against one or two weights, tangents, gradient
  descent on a slice (the numbers come from :mod:`bp.landscape`);
- ``bp.plotting.graphs`` -- computational graphs of :class:`~bp.graph.Value` nodes;
- ``bp.plotting.matrices`` -- shapes of matrix products, a batch's gradient;
- ``bp.plotting.training`` -- error and loss curves, outputs, decision boundaries, digits;
- ``bp.plotting.costs`` -- what one gradient costs, by each method.

Every figure function takes ``ax=None`` (a new figure) or the axes to draw on, and returns
``(fig, ax)``. Matplotlib is needed only here (bp's ``plot`` extra:
:func:`bp.install_command` installs it); the rest of bp needs numpy alone.

>>> fig, ax = draw_network()
>>> len(ax.patches) >= 8  # six neurons and two biases
True
"""

from bp.plotting.costs import plot_backprop_cost, plot_gradient_costs, plot_mode_costs
from bp.plotting.diagram import draw_gradient_path, draw_network
from bp.plotting.graphs import draw_graph, draw_graph_rows
from bp.plotting.landscapes import (
    plot_error_along,
    plot_error_contours,
    plot_error_vs_weight,
    plot_learning_rates,
    plot_partial_slices,
    plot_tangent,
)
from bp.plotting.matrices import plot_batch_gradients, plot_matrix_shapes
from bp.plotting.style import (
    COLORS,
    FONT,
    SERIES,
    colorbar,
    figure_for,
    legend,
    log_steps,
    new_figure,
)
from bp.plotting.training import (
    plot_decision_boundary,
    plot_delta_by_layer,
    plot_digits,
    plot_error_histories,
    plot_loss_curve,
    plot_outputs_vs_targets,
    plot_training_curves,
    plot_update_order,
)

__all__ = [
    "COLORS",
    "FONT",
    "SERIES",
    "colorbar",
    "draw_gradient_path",
    "draw_graph",
    "draw_graph_rows",
    "draw_network",
    "figure_for",
    "legend",
    "log_steps",
    "new_figure",
    "plot_backprop_cost",
    "plot_batch_gradients",
    "plot_decision_boundary",
    "plot_delta_by_layer",
    "plot_digits",
    "plot_error_along",
    "plot_error_contours",
    "plot_error_histories",
    "plot_error_vs_weight",
    "plot_gradient_costs",
    "plot_learning_rates",
    "plot_loss_curve",
    "plot_matrix_shapes",
    "plot_mode_costs",
    "plot_outputs_vs_targets",
    "plot_partial_slices",
    "plot_tangent",
    "plot_training_curves",
    "plot_update_order",
]
