"""What a gradient costs: by paths against backpropagation, forward against reverse mode, finite
differences against backpropagation."""

from __future__ import annotations

from bp.plotting.style import COLORS, FONT, figure_for, legend

__all__ = ["plot_backprop_cost", "plot_gradient_costs", "plot_mode_costs"]


def plot_backprop_cost(depths, paths, by_paths, by_backprop, times=None, axes=None):
    """The cost of the gradient against depth: summing over paths, and backpropagation.

    Summing the chain rule over every path from a weight to the loss costs work that grows
    like the number of paths, :math:`\\prod_{m > l} n_m`, exponentially in depth;
    backpropagation computes each :math:`\\delta^{(l)}` once and costs work linear in depth.

    Parameters
    ----------
    depths : sequence of int
        Numbers of layers :math:`L`.
    paths : sequence of int
        Paths from a first-layer weight to the loss, one per depth.
    by_paths, by_backprop : sequence of int
        Multiply-adds of the whole gradient by summing over paths and by backpropagation.
    times : tuple (depths, seconds_by_paths, seconds_by_backprop), optional
        Measured times for a second panel.
    axes : Axes, or pair of Axes when ``times`` is given, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes, or numpy.ndarray of two Axes when ``times`` is given

    Examples
    --------
    >>> fig, ax = plot_backprop_cost([2, 3, 4], [3, 9, 27], [30, 100, 300], [20, 30, 40])
    >>> len(ax.lines)
    3
    """
    from matplotlib.ticker import MaxNLocator

    two = times is not None
    fig, axes = figure_for(axes, width=7.0 if two else 6.4, height=3.8, ncols=2 if two else 1)
    ax = axes[0] if two else axes
    ax.semilogy(
        depths, by_paths, "o-", color=COLORS["accent"], label="multiply-adds, sum over paths"
    )
    ax.semilogy(depths, paths, "s:", color=COLORS["gold"], label="paths from one weight in layer 1")
    ax.semilogy(depths, by_backprop, "o-", color=COLORS["blue"], label="multiply-adds, backprop")
    ax.set_xlabel("number of layers L")
    ax.set_ylabel("count (log scale)")
    ax.set_title("Work for one gradient", fontsize=FONT["title"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    # Two panels side by side leave no room inside for a legend: under each panel.
    below = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.2)} if two else {}
    legend(ax, **below)
    if two:
        d, t_paths, t_backprop = times
        ax2 = axes[1]
        ax2.semilogy(d, t_paths, "o-", color=COLORS["accent"], label="sum over paths")
        ax2.semilogy(
            d, t_backprop, "o-", color=COLORS["blue"], label="backprop (same code, memoised)"
        )
        ax2.set_xlabel("number of layers L")
        ax2.set_ylabel("seconds (log scale)")
        ax2.set_title("Measured time", fontsize=FONT["title"])
        ax2.xaxis.set_major_locator(MaxNLocator(integer=True))
        legend(ax2, **below)
        return fig, axes
    return fig, ax


def plot_mode_costs(n_inputs, forward, reverse, ylabel="seconds per gradient", ax=None):
    """Cost of one gradient in forward mode and in reverse mode against the number of inputs.

    Parameters
    ----------
    n_inputs : sequence of int
        Number of inputs (weights) of each function measured.
    forward, reverse : sequence of float
        The cost of its gradient by each mode (seconds, or operations), same length.
    ylabel : str, default "seconds per gradient"
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_mode_costs([10, 100], [1e-3, 1e-1], [2e-4, 2e-3])
    >>> len(ax.lines)
    2
    """
    return _cost_curves(
        n_inputs,
        {
            "forward mode (one pass per input)": forward,
            "reverse mode (one pass per output)": reverse,
        },
        "number of inputs (weights)",
        ylabel,
        ax,
    )


def plot_gradient_costs(n_params, backprop, numerical, ax=None):
    """Seconds per gradient by backpropagation and by finite differences, against parameters.

    Parameters
    ----------
    n_params : sequence of int
        Number of weights and biases of each network.
    backprop, numerical : sequence of float
        Seconds for one gradient by :meth:`~bp.network.Network.gradients` and by
        :func:`bp.gradcheck.numerical_gradients`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_gradient_costs([100, 1000], [1e-4, 2e-4], [1e-2, 1e-1])
    >>> len(ax.lines)
    2
    """
    return _cost_curves(
        n_params,
        {
            "finite differences (2P losses)": numerical,
            "backpropagation (one pass each way)": backprop,
        },
        "number of parameters P",
        "seconds per gradient",
        ax,
    )


def _cost_curves(sizes, curves, xlabel, ylabel, ax):
    """Two costs against a size on log-log axes, marked at the sizes measured."""
    from matplotlib.ticker import NullFormatter

    fig, ax = figure_for(ax, width=6.0, height=3.8)
    for (label, cost), marker, color in zip(
        curves.items(), "os", (COLORS["accent"], COLORS["blue"]), strict=True
    ):
        ax.loglog(sizes, cost, f"{marker}-", color=color, label=label)
    ax.set_xticks(list(sizes), [f"{int(n)}" for n in sizes])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    legend(ax)
    return fig, ax
