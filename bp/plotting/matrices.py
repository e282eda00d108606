"""The matrix form: shapes of matrix products, and a batch's gradient as a mean."""

from __future__ import annotations

import numpy as np

from bp.plotting.style import COLORS, FONT, SERIES, figure_for, legend

__all__ = ["plot_batch_gradients", "plot_matrix_shapes"]


def plot_matrix_shapes(rows, labels=None, unit=0.45, ax=None):
    """Matrix products drawn as boxes the size of their shapes, for dimension analysis.

    Each row of the figure is one equation; each operand is a box ``n_rows`` cells high and
    ``n_cols`` cells wide, labelled with its name and shape, so that the inner dimensions of a
    product visibly match.

    Parameters
    ----------
    rows : sequence of sequence
        One equation per row: operands ``(name, (n_rows, n_cols))`` and operator strings
        (``"@"``, ``"="``, ``"*"``, ``"+"``) in reading order, e.g.
        ``[("dW2", (2, 2)), "=", ("D2.T", (2, 3)), "@", ("A1", (3, 2))]``.
    labels : sequence of str, optional
        A title for each row, e.g. ``"(BP4)"``, written at its left.
    unit : float, default 0.45
        Side of one matrix cell, in data units.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new figure, sized to the drawing.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_matrix_shapes([[("Z", (3, 2)), "=", ("A", (3, 2)), "@", ("W.T", (2, 2))]])
    >>> len(ax.patches)
    3
    """
    from matplotlib.patches import Rectangle

    own = ax is None
    fig, ax = figure_for(ax, width=7.0, height=4.0)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.grid(False)
    x0 = 0.0 if labels is None else 1.6
    y_top, x_max = 0.0, 0.0
    for r, row in enumerate(rows):
        height = unit * max(item[1][0] for item in row if not isinstance(item, str))
        mid = y_top - 0.35 - height / 2
        if labels is not None:
            ax.text(
                0.0,
                mid,
                labels[r],
                ha="left",
                va="center",
                fontsize=FONT["title"],
                color=COLORS["navy"],
            )
        x = x0
        for item in row:
            if isinstance(item, str):
                ax.text(x + 0.25, mid, item, ha="center", va="center", fontsize=FONT["title"])
                x += 0.5
                continue
            name, (n_rows, n_cols) = item
            w, h = unit * n_cols, unit * n_rows
            ax.add_patch(
                Rectangle((x, mid - h / 2), w, h, fc=COLORS["node"], ec=COLORS["navy"], lw=1.5)
            )
            for i in range(1, n_rows):  # faint lines between the cells
                ax.plot([x, x + w], [mid - h / 2 + i * unit] * 2, color="#cccccc", lw=0.6)
            for j in range(1, n_cols):
                ax.plot([x + j * unit] * 2, [mid - h / 2, mid + h / 2], color="#cccccc", lw=0.6)
            ax.text(
                x + w / 2, mid + h / 2 + 0.08, name, ha="center", va="bottom", fontsize=FONT["body"]
            )
            ax.text(
                x + w / 2,
                mid - h / 2 - 0.08,
                f"({n_rows}, {n_cols})",
                ha="center",
                va="top",
                fontsize=FONT["small"],
                color=COLORS["muted"],
            )
            x += w + 0.1
        x_max = max(x_max, x)
        y_top -= height + 1.0
    ax.set_xlim(-0.1, x_max + 0.1)
    ax.set_ylim(y_top + 0.3, 0.1)
    if own:
        fig.set_size_inches(7.0, 7.0 * (0.1 - y_top - 0.3) / (x_max + 0.2))
    return fig, ax


def plot_batch_gradients(per_example, batch, names, ax=None):
    """Each example's gradient and the mini-batch gradient, their mean.

    Parameters
    ----------
    per_example : array_like, shape (n, p)
        Row ``x``: the gradient :math:`\\partial C_x/\\partial w` of example ``x`` for ``p``
        parameters.
    batch : array_like, shape (p,)
        The gradient of the batch's loss :math:`C = \\frac1n \\sum_x C_x`.
    names : sequence of str
        The ``p`` parameter names, e.g. ``["w1", ..., "w8"]``.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_batch_gradients([[1.0, -1.0], [3.0, 0.0]], [2.0, -0.5], ["w1", "w2"])
    >>> len(ax.patches), len(ax.lines)  # two bars; one line per example and the zero line
    (2, 3)
    """
    per_example, batch = np.asarray(per_example), np.asarray(batch)
    fig, ax = figure_for(ax, width=7.0, height=3.8)
    positions = np.arange(len(names))
    ax.bar(positions, batch, width=0.6, color=COLORS["gold"], alpha=0.6, label="batch gradient")
    markers = "os^Dv<>p"
    for x, row in enumerate(per_example):
        ax.plot(
            positions + 0.12 * (x - (len(per_example) - 1) / 2),
            row,
            markers[x % 8],
            ls="none",
            color=SERIES[x % len(SERIES)],
            label=f"example {x + 1}",
        )
    ax.axhline(0.0, color=COLORS["muted"], lw=0.8)
    ax.set_xticks(positions, names)
    ax.set_ylabel("dC/dw")
    legend(ax, ncols=2)
    return fig, ax
