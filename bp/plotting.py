"""Figures of the book, drawn from the same objects the text discusses.

Every figure is a matplotlib figure on an opaque white background with dark ink, so that it reads
the same in the site's light and dark modes. Matplotlib is needed only here (``pip install
bp[plot]``); the rest of bp needs numpy alone.

>>> fig, ax = draw_network()
>>> len(ax.patches) >= 8  # six neurons and two biases
True
"""

from __future__ import annotations

import numpy as np

from bp import example

__all__ = [
    "COLORS",
    "draw_gradient_path",
    "draw_graph",
    "draw_network",
    "error_along",
    "error_grid",
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

#: Colours of the book's figures (colour-blind safe, readable on white).
COLORS = {
    "ink": "#1a1a1a",
    "muted": "#6b6b6b",
    "accent": "#d1495b",
    "blue": "#00798c",
    "gold": "#edae49",
    "navy": "#30638e",
    "green": "#3a7d44",
    "node": "#f2f2f2",
}


def new_figure(nrows=1, ncols=1, width=6.4, height=4.0, **kwargs):
    """A figure in the book's style: white, opaque, dark ink, light grid.

    Parameters
    ----------
    nrows, ncols : int, default 1
        Grid of axes, as in :func:`matplotlib.pyplot.subplots`.
    width, height : float
        Size in inches.
    **kwargs
        Passed to :func:`matplotlib.pyplot.subplots`.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes or numpy.ndarray of Axes

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> fig.get_facecolor()
    (1.0, 1.0, 1.0, 1.0)
    """
    import matplotlib.pyplot as plt

    # Styled object by object: a ``plt.rc_context`` around ``subplots`` would, on leaving,
    # restore the rc backend setting and stop Jupyter's inline backend from showing any later
    # figure.
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(width, height), layout="constrained", facecolor="white", **kwargs
    )
    for ax in np.atleast_1d(axes).flat:
        ax.set_facecolor("white")
        ax.grid(True, color="#e6e6e6")
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(COLORS["muted"])
        ax.tick_params(colors=COLORS["ink"], labelsize=10)
        ax.xaxis.label.set_color(COLORS["ink"])
        ax.yaxis.label.set_color(COLORS["ink"])
        ax.title.set_color(COLORS["ink"])
    return fig, axes


# Where each neuron of the 2-2-2 network sits: layer on x, neuron on y.


def _figure_for(ax, width, height):
    """``(ax.figure, ax)``, or a new figure of the book's style when ``ax`` is None."""
    if ax is None:
        return new_figure(width=width, height=height)
    return ax.figure, ax


_POS = {
    "i1": (0.0, 1.0),
    "i2": (0.0, 0.0),
    "h1": (1.0, 1.0),
    "h2": (1.0, 0.0),
    "o1": (2.0, 1.0),
    "o2": (2.0, 0.0),
    "b1": (0.55, -0.75),
    "b2": (1.55, -0.75),
}
# Each weight's (from, to): w1, w2 feed h1; w3, w4 feed h2; w5, w6 feed o1; w7, w8 feed o2.
_EDGES = {
    "w1": ("i1", "h1"),
    "w2": ("i2", "h1"),
    "w3": ("i1", "h2"),
    "w4": ("i2", "h2"),
    "w5": ("h1", "o1"),
    "w6": ("h2", "o1"),
    "w7": ("h1", "o2"),
    "w8": ("h2", "o2"),
}
_BIAS_EDGES = {"b1": ("h1", "h2"), "b2": ("o1", "o2")}


def draw_network(
    ax=None,
    weights=example.WEIGHTS,
    biases=example.BIASES,
    node_values=None,
    edge_values=None,
    edge_format="{name} = {value:.2f}",
    highlight=(),
    title=None,
):
    """Draw the 2-2-2 network with every neuron, weight and bias named and valued.

    The drawing is made from the parameters it is given, so it always matches the formulas:
    :math:`w_1, w_2` feed :math:`h_1`; :math:`w_3, w_4` feed :math:`h_2`; :math:`w_5, w_6` feed
    :math:`o_1`; :math:`w_7, w_8` feed :math:`o_2`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    weights : 8 floats, default :data:`bp.example.WEIGHTS`
    biases : pair of float, default :data:`bp.example.BIASES`
    node_values : dict, optional
        Text under each neuron's name, e.g. ``{"i1": "0.05", "o1": "out 0.751"}``.
    edge_values : dict, optional
        A value for each of ``"w1"`` ... ``"w8"`` to show on the edges instead of the weights
        (for example the gradients :math:`\\partial E/\\partial w`); edge widths grow with
        its magnitude.
    edge_format : str, default "{name} = {value:.2f}"
        Format of an edge label, with fields ``name`` and ``value``.
    highlight : iterable of str
        Names of neurons and weights (``"w5"``, ``"h1"``, ``"o1"``, ...) to draw in the accent
        colour, e.g. the path from a weight to the error.
    title : str, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = draw_network(highlight=["w5", "o1"])
    >>> sorted(t.get_text() for t in ax.texts if t.get_text().startswith("w5"))
    ['w5 = 0.40']
    """
    from matplotlib.patches import Circle, FancyBboxPatch

    fig, ax = _figure_for(ax, width=7.0, height=4.6)
    w = dict(zip(_EDGES, example._floats(weights, "weights", 8), strict=True))
    b = dict(zip(("b1", "b2"), example._floats(biases, "biases", 2), strict=True))
    values = w if edge_values is None else {k: float(edge_values[k]) for k in _EDGES}
    highlight = set(highlight)
    largest = max(abs(v) for v in values.values()) or 1.0
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-0.45, 2.45)
    ax.set_ylim(-1.1, 1.45)

    def color(name):
        return COLORS["accent"] if name in highlight else COLORS["ink"]

    r = 0.17
    for name, (x0, y0) in ((k, _POS[v[0]]) for k, v in _EDGES.items()):
        x1, y1 = _POS[_EDGES[name][1]]
        dx, dy = x1 - x0, y1 - y0
        length = np.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        width = 0.8 + 4.0 * abs(values[name]) / largest
        ax.annotate(
            "",
            xy=(x1 - ux * r, y1 - uy * r),
            xytext=(x0 + ux * r, y0 + uy * r),
            arrowprops={"arrowstyle": "-|>", "lw": width, "color": color(name), "shrinkA": 0},
        )
        # Label a third of the way along, so that the labels of crossing edges do not collide.
        t = 0.3 if dy >= 0 else 0.32
        lx, ly = x0 + dx * t, y0 + dy * t
        ax.text(
            lx,
            ly + (0.09 if dy >= 0 else -0.09),
            edge_format.format(name=name, value=values[name]),
            ha="center",
            va="center",
            fontsize=9,
            color=color(name),
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    for bname, targets in _BIAS_EDGES.items():
        bx, by = _POS[bname]
        for target in targets:
            tx, ty = _POS[target]
            ax.annotate(
                "",
                xy=(tx - 0.12, ty - 0.12),
                xytext=(bx + 0.1, by + 0.1),
                arrowprops={"arrowstyle": "-|>", "lw": 0.8, "color": COLORS["muted"], "ls": "--"},
            )
        ax.add_patch(
            FancyBboxPatch(
                (bx - 0.13, by - 0.1),
                0.26,
                0.2,
                boxstyle="round,pad=0.02",
                fc=COLORS["node"],
                ec=color(bname),
            )
        )
        ax.text(bx, by, f"{bname}\n{b[bname]:.2f}", ha="center", va="center", fontsize=8)
    node_values = node_values or {}
    for name in ("i1", "i2", "h1", "h2", "o1", "o2"):
        x, y = _POS[name]
        ax.add_patch(
            Circle(
                (x, y), r, fc=COLORS["node"], ec=color(name), lw=2.5 if name in highlight else 1.5
            )
        )
        text = name if name not in node_values else f"{name}\n{node_values[name]}"
        ax.text(x, y, text, ha="center", va="center", fontsize=9, color=color(name))
    for x, label in ((0, "inputs"), (1, "hidden layer"), (2, "outputs")):
        ax.text(x, 1.35, label, ha="center", va="center", fontsize=10, color=COLORS["muted"])
    if title:
        ax.set_title(title)
    return fig, ax


# --- Chapters 1 and 2: Intuition, Calculus (add functions below this line) -------------------


def error_along(weight, values, weights=example.WEIGHTS):
    """:math:`E_{total}` of the worked example as one weight varies and the others stay fixed.

    Parameters
    ----------
    weight : str
        ``"w1"`` ... ``"w8"``.
    values : array_like, shape (n,)
        Values given to that weight in turn.
    weights : 8 floats, default :data:`bp.example.WEIGHTS`
        The other weights.

    Returns
    -------
    numpy.ndarray, shape (n,)

    Examples
    --------
    >>> float(error_along("w5", [0.40])[0]) == example.worked_example()["E_total"]
    True
    """
    index = _weight_index(weight)
    out = []
    for v in np.asarray(values, dtype=float).ravel():
        ws = list(weights)
        ws[index] = float(v)
        out.append(example.worked_example(weights=ws)["E_total"])
    return np.array(out)


def _weight_index(weight):
    if weight not in _EDGES:
        raise ValueError(f"weight must be one of w1 ... w8; got {weight!r}")
    return int(weight[1:]) - 1


def _gradient_descent_1d(weight, lr, steps, start):
    """Positions of ``steps`` gradient-descent steps on one weight, the others fixed."""
    index = _weight_index(weight)
    ws = list(example.WEIGHTS)
    ws[index] = start
    path = [start]
    for _ in range(steps):
        t = example.worked_example(weights=ws)
        ws[index] = ws[index] - lr * t[f"dE_d{weight}"]
        path.append(ws[index])
    return np.array(path)


def plot_error_vs_weight(weight="w5", span=(-14.0, 4.0), tangent_width=6.0, ax=None):
    """:math:`E_{total}` against one weight, with its minimum and the tangent at today's value.

    The slope of the tangent is :math:`\\partial E_{total}/\\partial w` from the worked example;
    its sign says which way the weight should move (against the slope).

    Parameters
    ----------
    weight : str, default "w5"
        The weight that varies; the others keep their values in :data:`bp.example.WEIGHTS`.
    span : pair of float, default (-14.0, 4.0)
        Range of the weight on the horizontal axis.
    tangent_width : float, default 6.0
        Length of the drawn tangent segment, in units of the weight.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_error_vs_weight()
    >>> len(ax.lines) >= 2  # the curve and the tangent
    True
    """
    fig, ax = _figure_for(ax, width=6.8, height=4.0)
    index = _weight_index(weight)
    w0 = example.WEIGHTS[index]
    t = example.worked_example()
    E0, slope = t["E_total"], t[f"dE_d{weight}"]
    grid = np.linspace(*span, 601)
    E = error_along(weight, grid)
    best = grid[np.argmin(E)]
    label = f"$E_{{total}}$ as ${weight[0]}_{weight[1]}$ varies"
    ax.plot(grid, E, color=COLORS["navy"], lw=2, label=label)
    half = tangent_width / 2
    tw = np.array([w0 - half, w0 + half])
    ax.plot(
        tw,
        E0 + slope * (tw - w0),
        color=COLORS["accent"],
        lw=1.8,
        ls="--",
        label=f"tangent at today's value, slope {slope:.3f}",
    )
    ax.plot([w0], [E0], "o", color=COLORS["accent"], ms=8, zorder=3)
    ax.annotate(
        f"today: ${weight[0]}_{weight[1]}$ = {w0:g}",
        xy=(w0, E0),
        xytext=(w0 - 5.5, E0 + 0.1),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=10,
        color=COLORS["ink"],
    )
    ax.plot([best], [E.min()], "v", color=COLORS["green"], ms=9, zorder=3)
    ax.annotate(
        f"minimum near {best:.1f}",
        xy=(best, E.min()),
        xytext=(best - 1.0, E.min() + 0.12),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=10,
        color=COLORS["ink"],
        ha="center",
    )
    # Below and right of today's point the plot is empty: room for the way downhill.
    ax.annotate(
        "",
        xy=(w0 + 0.3, E0 - 0.1),
        xytext=(w0 + 3.0, E0 - 0.1),
        arrowprops={"arrowstyle": "-|>", "color": COLORS["green"], "lw": 2},
    )
    label = "move against the slope"
    ax.text(w0 + 1.65, E0 - 0.14, label, ha="center", fontsize=9, color=COLORS["green"])
    ax.set_xlabel(f"${weight[0]}_{weight[1]}$ (the other seven weights fixed)")
    ax.set_ylabel("$E_{total}$")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return fig, ax


def plot_learning_rates(lrs=(0.5, 20.0, 400.0), steps=8, weight="w5"):
    """Gradient descent on one weight with several learning rates, and on a parabola.

    Left: the weight's trajectories on the curve :math:`E_{total}(w)` of the worked example
    (others fixed), one colour per learning rate. Right: the same rule on the bowl
    :math:`q(w) = w^2` (curvature 2, so steps with :math:`\\eta > 1` grow instead of shrinking),
    the shape every smooth error takes near its minimum.

    Parameters
    ----------
    lrs : sequence of 3 float, default (0.5, 20.0, 400.0)
        Learning rates on the network's curve: too small, reasonable, too large.
    steps : int, default 8
        Number of steps of each trajectory.
    weight : str, default "w5"

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : numpy.ndarray of 2 matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_learning_rates(steps=3)
    >>> len(ax), len(ax[0].lines) >= 4
    (2, True)
    """
    fig, ax = new_figure(1, 2, width=10.0, height=4.2)
    w0 = example.WEIGHTS[_weight_index(weight)]
    paths = [_gradient_descent_1d(weight, lr, steps, w0) for lr in lrs]
    lo = min(-14.0, min(p.min() for p in paths) - 1.0)
    grid = np.linspace(lo, 4.0, 801)
    ax[0].plot(grid, error_along(weight, grid), color=COLORS["muted"], lw=1.5)
    colors = [COLORS["gold"], COLORS["green"], COLORS["accent"]]
    for lr, path, c in zip(lrs, paths, colors, strict=False):
        ax[0].plot(
            path, error_along(weight, path), "o-", color=c, ms=5, lw=1.2, label=f"$\\eta$ = {lr:g}"
        )
    ax[0].set_xlabel(f"${weight[0]}_{weight[1]}$")
    ax[0].set_ylabel("$E_{total}$")
    ax[0].set_title(f"{steps} steps on the network's error", fontsize=11)
    ax[0].legend(frameon=False, fontsize=9)

    q = np.linspace(-3.6, 3.6, 401)
    ax[1].plot(q, q**2, color=COLORS["muted"], lw=1.5)
    for lr, c in zip((0.1, 0.4, 1.05), colors, strict=True):
        w, path = 1.5, [1.5]
        for _ in range(steps):
            w = w - lr * 2 * w
            path.append(w)
        path = np.array(path)
        ax[1].plot(path, path**2, "o-", color=c, ms=5, lw=1.2, label=f"$\\eta$ = {lr:g}")
    ax[1].set_ylim(-0.3, 13.5)
    ax[1].set_xlabel("$w$")
    ax[1].set_ylabel("$q(w) = w^2$")
    ax[1].set_title("the same rule on a bowl", fontsize=11)
    ax[1].legend(frameon=False, fontsize=9, loc="upper center")
    return fig, ax


def plot_tangent(
    f=np.square, df=lambda x: 2 * x, x0=2.0, xlim=(-0.5, 3.5), label="$f(x) = x^2$", ax=None
):
    """A curve and its tangent at one point: the derivative as a slope.

    The tangent is the line :math:`y = f(x_0) + f'(x_0)(x - x_0)`; it touches the curve at
    :math:`x_0` only (for a convex curve such as :math:`x^2`).

    Parameters
    ----------
    f, df : callable, default :math:`x^2` and :math:`2x`
        The function and its derivative, vectorised over numpy arrays.
    x0 : float, default 2.0
        Where the tangent touches.
    xlim : pair of float, default (-0.5, 3.5)
    label : str, default "$f(x) = x^2$"
        Legend entry of the curve.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_tangent()
    >>> slope = np.polyfit(*ax.lines[1].get_data(), 1)[0]
    >>> round(float(slope), 6)
    4.0
    """
    fig, ax = _figure_for(ax, width=6.0, height=4.2)
    x = np.linspace(*xlim, 400)
    y0, m = float(f(np.array(x0))), float(df(np.array(x0)))
    ax.plot(x, f(x), color=COLORS["navy"], lw=2, label=label)
    ax.plot(
        x,
        y0 + m * (x - x0),
        color=COLORS["accent"],
        lw=1.8,
        ls="--",
        label=f"tangent at $x = {x0:g}$: slope {m:g}",
    )
    ax.plot([x0], [y0], "o", color=COLORS["accent"], ms=8, zorder=3)
    # Rise over run: one step right, m steps up.
    ax.plot([x0, x0 + 1, x0 + 1], [y0, y0, y0 + m], color=COLORS["green"], lw=1.5)
    ax.text(x0 + 0.5, y0 - 0.6, "run 1", ha="center", fontsize=9, color=COLORS["green"])
    ax.text(x0 + 1.05, y0 + m / 2, f"rise {m:g}", va="center", fontsize=9, color=COLORS["green"])
    ax.annotate(
        f"touches at ({x0:g}, {y0:g})",
        xy=(x0, y0),
        xytext=(x0 - 1.2, y0 + 2.5),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=9,
        color=COLORS["ink"],
    )
    span = f(x).max() - f(x).min()
    ax.set_ylim(f(x).min() - 0.15 * span, f(x).max() + 0.05 * span)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return fig, ax


def error_grid(w5=(-4.0, 4.0), w6=(-4.0, 4.0), n=81):
    """:math:`E_{total}` of the worked example on a grid of :math:`(w_5, w_6)`, the rest fixed.

    Parameters
    ----------
    w5, w6 : pair of float
        Ranges of the two weights.
    n : int, default 81
        Points along each axis.

    Returns
    -------
    W5, W6, E : numpy.ndarray, shape (n, n)
        As :func:`numpy.meshgrid` returns them (``W5`` varies along columns), and the error.

    Examples
    --------
    >>> W5, W6, E = error_grid(n=5)
    >>> E.shape, bool(E.min() > 0)
    ((5, 5), True)
    """
    W5, W6 = np.meshgrid(np.linspace(*w5, n), np.linspace(*w6, n))
    E = np.empty_like(W5)
    for idx in np.ndindex(W5.shape):
        ws = list(example.WEIGHTS)
        ws[4], ws[5] = float(W5[idx]), float(W6[idx])
        E[idx] = example.worked_example(weights=ws)["E_total"]
    return W5, W6, E


def plot_error_contours(w5=(-4.0, 4.0), w6=(-4.0, 4.0), arrow_scale=12.0, ax=None):
    """Contours of :math:`E_{total}(w_5, w_6)` with the gradient at today's weights.

    The arrow is the gradient :math:`(\\partial E/\\partial w_5, \\partial E/\\partial w_6)`
    from the worked example, drawn ``arrow_scale`` times longer than it is (it is short), with the
    way downhill, its opposite. A dashed line marks the slice :math:`w_6 = 0.45` along which
    :math:`\\partial E/\\partial w_5` is the slope.

    Parameters
    ----------
    w5, w6 : pair of float
        Ranges of the axes.
    arrow_scale : float, default 12.0
        Magnification of the gradient arrow.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_error_contours()
    >>> len(ax.collections) >= 1
    True
    """
    fig, ax = _figure_for(ax, width=6.0, height=5.2)
    W5, W6, E = error_grid(w5, w6, n=61)
    filled = ax.contourf(W5, W6, E, levels=14, cmap="Blues", alpha=0.75)
    lines = ax.contour(W5, W6, E, levels=14, colors=COLORS["ink"], linewidths=0.5)
    ax.clabel(lines, lines.levels[::3], fontsize=8, fmt="%.2f")
    fig.colorbar(filled, ax=ax, label="$E_{total}$")
    t = example.worked_example()
    p5, p6 = example.WEIGHTS[4], example.WEIGHTS[5]
    g5, g6 = t["dE_dw5"], t["dE_dw6"]
    ax.axhline(p6, color=COLORS["gold"], ls="--", lw=1.5)
    ax.text(
        w5[0] + 0.2,
        p6 + 0.25,
        f"slice $w_6$ = {p6:g}",
        color=COLORS["ink"],
        fontsize=9,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    ax.plot([p5], [p6], "o", color=COLORS["accent"], ms=8, zorder=4)
    for sign, c, label in ((1, COLORS["accent"], "gradient"), (-1, COLORS["green"], "downhill")):
        ax.annotate(
            "",
            xy=(p5 + sign * arrow_scale * g5, p6 + sign * arrow_scale * g6),
            xytext=(p5, p6),
            arrowprops={"arrowstyle": "-|>", "color": c, "lw": 2.2},
            zorder=5,
        )
        ax.text(
            p5 + sign * arrow_scale * g5 * 1.3 + 0.6,
            p6 + sign * arrow_scale * g6 * 1.3 - 0.2,
            label,
            color=c,
            fontsize=10,
            ha="center",
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    ax.set_xlabel("$w_5$")
    ax.set_ylabel("$w_6$")
    ax.set_aspect("equal")
    ax.grid(False)
    return fig, ax


def plot_partial_slices(half_width=4.0):
    """Each partial derivative is the slope of one slice of :math:`E_{total}(w_5, w_6)`.

    Left: :math:`E_{total}` against :math:`w_5` with :math:`w_6` fixed, and the tangent of slope
    :math:`\\partial E/\\partial w_5`; right: against :math:`w_6` with :math:`w_5` fixed, slope
    :math:`\\partial E/\\partial w_6`. The slopes come from the worked example.

    Parameters
    ----------
    half_width : float, default 4.0
        Each slice spans today's value plus or minus this much.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : numpy.ndarray of 2 matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_partial_slices()
    >>> [len(a.lines) >= 2 for a in ax]
    [True, True]
    """
    fig, ax = new_figure(1, 2, width=9.6, height=3.8, sharey=True)
    t = example.worked_example()
    E0 = t["E_total"]
    for a, name, fixed in zip(ax, ("w5", "w6"), ("w6", "w5"), strict=True):
        w0 = example.WEIGHTS[_weight_index(name)]
        grid = np.linspace(w0 - half_width, w0 + half_width, 201)
        slope = t[f"dE_d{name}"]
        a.plot(grid, error_along(name, grid), color=COLORS["navy"], lw=2, label="slice of $E$")
        tw = np.array([w0 - 1.5, w0 + 1.5])
        a.plot(
            tw,
            E0 + slope * (tw - w0),
            color=COLORS["accent"],
            ls="--",
            lw=1.8,
            label=f"slope $\\partial E/\\partial {name[0]}_{name[1]}$ = {slope:.4f}",
        )
        a.plot([w0], [E0], "o", color=COLORS["accent"], ms=7, zorder=3)
        other = example.WEIGHTS[_weight_index(fixed)]
        a.set_xlabel(f"${name[0]}_{name[1]}$  (${fixed[0]}_{fixed[1]}$ fixed at {other:g})")
        a.legend(loc="upper left", frameon=False, fontsize=9)
    ax[0].set_ylabel("$E_{total}$")
    return fig, ax


# --- Chapters 3 and 4: The output layer, The hidden layer (add functions below this line) -----

# The path from each weight to the error: the weight, the neurons it passes and the output
# edges it reaches. w5..w8 reach one output; w1..w4 reach both, through their hidden neuron.
_PATHS = {
    "w5": ("h1", "o1"),
    "w6": ("h2", "o1"),
    "w7": ("h1", "o2"),
    "w8": ("h2", "o2"),
    "w1": ("i1", "h1", "w5", "w7", "o1", "o2"),
    "w2": ("i2", "h1", "w5", "w7", "o1", "o2"),
    "w3": ("i1", "h2", "w6", "w8", "o1", "o2"),
    "w4": ("i2", "h2", "w6", "w8", "o1", "o2"),
}


def draw_gradient_path(trace=None, weight="w5", ax=None):
    """The 2-2-2 network with the path from one weight to :math:`E_{total}` highlighted.

    Each edge is labelled with its gradient :math:`\\partial E_{total}/\\partial w` (edge widths
    grow with its size), each neuron with its output, each neuron on the path also with its
    :math:`\\sigma'(net) = out\\,(1 - out)`, and each edge from an output to the error with
    :math:`\\partial E_{total}/\\partial out_o = out_o - target_o`. The highlighted edges are the
    factors of the chain rule for ``weight``.

    Parameters
    ----------
    trace : bp.example.Trace, optional
        A run of :func:`bp.example.worked_example`; the default settings by default.
    weight : {"w1", ..., "w8"}, default "w5"
        The weight whose path is highlighted.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = draw_gradient_path(weight="w5")
    >>> any(t.get_text().startswith("w5: +0.0822") for t in ax.texts)
    True
    """
    from matplotlib.patches import FancyBboxPatch

    if weight not in _PATHS:
        raise ValueError(f"weight must be one of w1 ... w8; got {weight!r}")
    t = example.worked_example() if trace is None else trace
    fig, ax = _figure_for(ax, width=8.4, height=4.6)
    path = {weight, *_PATHS[weight]}
    nodes = {f"i{k}": f"{t.settings['inputs'][k - 1]:g}" for k in (1, 2)}
    nodes.update({u: f"{t[f'out_{u}']:.4f}" for u in ("h1", "h2", "o1", "o2")})
    draw_network(
        ax,
        weights=t.settings["weights"],
        biases=t.settings["biases"],
        node_values=nodes,
        edge_values={f"w{i}": t[f"dE_dw{i}"] for i in range(1, 9)},
        edge_format="{name}: {value:+.4f}",
        highlight=path,
    )
    for u in ("h1", "h2", "o1", "o2"):
        if u in path:
            x, y = _POS[u]
            ax.text(
                x,
                y + 0.24 if y > 0.5 else y - 0.24,
                f"σ′ = {t[f'dout_{u}_dnet_{u}']:.4f}",
                ha="center",
                va="center",
                fontsize=8,
                color=COLORS["accent"],
            )
    ex, ey = 3.05, 0.5
    for o in ("o1", "o2"):
        x0, y0 = _POS[o]
        on = o in path
        c = COLORS["accent"] if on else COLORS["muted"]
        ax.annotate(
            "",
            xy=(ex - 0.3, ey + (0.06 if y0 > ey else -0.06)),
            xytext=(x0 + 0.18, y0),
            arrowprops={"arrowstyle": "-|>", "lw": 2.0 if on else 1.0, "color": c},
        )
        ax.text(
            (x0 + ex) / 2 + 0.12,
            (y0 + ey) / 2 + (0.2 if y0 > ey else -0.2),
            f"∂E/∂out_{o}\n{t[f'dE_dout_{o}']:+.4f}",
            ha="center",
            va="center",
            fontsize=8,
            color=c,
        )
    ax.add_patch(
        FancyBboxPatch(
            (ex - 0.3, ey - 0.16),
            0.6,
            0.32,
            boxstyle="round,pad=0.02",
            fc=COLORS["node"],
            ec=COLORS["accent"],
            lw=2,
        )
    )
    ax.text(ex, ey, f"E_total\n{t['E_total']:.4f}", ha="center", va="center", fontsize=9)
    ax.text(ex, 1.35, "error", ha="center", va="center", fontsize=10, color=COLORS["muted"])
    ax.set_xlim(-0.45, 3.45)
    return fig, ax


def plot_error_along(name="w5", lo=None, hi=None, trace=None, ax=None, num=201):
    """:math:`E_{total}`, :math:`E_{o1}` and :math:`E_{o2}` as one weight moves, the others fixed.

    The slice of the error surface through the worked example's point along one weight, with
    the tangent whose slope is the gradient :math:`\\partial E_{total}/\\partial w` and the
    point one gradient step away, :math:`w - \\eta\\,\\partial E_{total}/\\partial w`.

    Parameters
    ----------
    name : {"w1", ..., "w8"}, default "w5"
    lo, hi : float, optional
        Range of the weight; by default its value minus and plus 4.
    trace : bp.example.Trace, optional
        The run whose point, gradient and learning rate are shown; the default run by default.
    ax : matplotlib.axes.Axes, optional
    num : int, default 201
        Points on the curves.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_error_along("w5", num=21)
    >>> len(ax.lines) >= 4
    True
    """
    if name not in _PATHS:
        raise ValueError(f"name must be one of w1 ... w8; got {name!r}")
    t = example.worked_example() if trace is None else trace
    s = t.settings
    i = int(name[1]) - 1
    w0 = s["weights"][i]
    lo = w0 - 4.0 if lo is None else lo
    hi = w0 + 4.0 if hi is None else hi
    xs = np.linspace(lo, hi, num)
    curves = {"E_total": [], "E_o1": [], "E_o2": []}
    for x in xs:
        ws = list(s["weights"])
        ws[i] = float(x)
        run = example.worked_example(s["inputs"], s["targets"], ws, s["biases"])
        for k, ys in curves.items():
            ys.append(run[k])
    fig, ax = _figure_for(ax, width=6.4, height=4.0)
    styles = {
        "E_total": (COLORS["ink"], "-", 2.2),
        "E_o1": (COLORS["blue"], "--", 1.5),
        "E_o2": (COLORS["gold"], "-.", 1.5),
    }
    for k, ys in curves.items():
        c, ls, lw = styles[k]
        ax.plot(xs, ys, color=c, ls=ls, lw=lw, label=k)
    g = t[f"dE_d{name}"]
    half = 0.15 * (hi - lo)
    ax.plot(
        [w0 - half, w0 + half],
        [t["E_total"] - g * half, t["E_total"] + g * half],
        color=COLORS["accent"],
        lw=2,
        label=f"tangent, slope ∂E/∂{name} = {g:.4f}",
    )
    ax.plot([w0], [t["E_total"]], "o", color=COLORS["accent"], ms=7)
    w1 = t[f"{name}_new"]
    ax.plot(
        [w1],
        [t["E_after"]],
        "o",
        mfc="white",
        mec=COLORS["navy"],
        mew=2,
        ms=7,
        label=f"after one step: {name} = {w1:.4f}",
    )
    ax.set_xlabel(f"{name} (all other parameters fixed)")
    ax.set_ylabel("error")
    ax.legend(frameon=False, fontsize=9)
    return fig, ax


def plot_error_histories(histories, ax=None):
    """Training curves: the error before each step, on a logarithmic axis.

    Parameters
    ----------
    histories : dict of str to sequence of float
        A label and a history, such as the ``history`` of a :class:`bp.example.Trace`, per curve.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_error_histories({"fixed": [0.3, 0.2, 0.1], "shared": [0.3, 0.1, 0.01]})
    >>> len(ax.lines), ax.get_yscale()
    (2, 'log')
    """
    fig, ax = _figure_for(ax, width=6.4, height=4.0)
    colors = [COLORS["ink"], COLORS["blue"], COLORS["accent"], COLORS["navy"], COLORS["gold"]]
    styles = ["-", "--", "-.", ":", "-"]
    for n, (label, h) in enumerate(histories.items()):
        ax.plot(
            np.arange(len(h)),
            h,
            color=colors[n % len(colors)],
            ls=styles[n % len(styles)],
            lw=2,
            label=label,
        )
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("E_total (log scale)")
    ax.legend(frameon=False)
    return fig, ax


def plot_outputs_vs_targets(traces, ax=None, start=True):
    """The outputs :math:`out_{o1}, out_{o2}` of several runs beside the targets, as bars.

    Parameters
    ----------
    traces : dict of str to bp.example.Trace
        A label and a run per bar: the outputs after the run's last step.
    ax : matplotlib.axes.Axes, optional
    start : bool, default True
        Also show the outputs before training (those of the first run's first forward pass).

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> from bp.example import worked_example
    >>> fig, ax = plot_outputs_vs_targets({"1 step": worked_example()})
    >>> len(ax.patches)  # target, start and the run, for two outputs
    6
    """
    fig, ax = _figure_for(ax, width=6.4, height=3.6)
    first = next(iter(traces.values()))
    groups = {"target": list(first.settings["targets"])}
    if start:
        groups["start"] = [first["out_o1"], first["out_o2"]]
    groups.update({k: [t["out_o1_after"], t["out_o2_after"]] for k, t in traces.items()})
    # Runs in the colours of plot_error_histories; the target grey, the start gold.
    runs = [COLORS["ink"], COLORS["blue"], COLORS["accent"], COLORS["navy"]]
    colors = [COLORS["muted"]] + ([COLORS["gold"]] if start else []) + runs * len(traces)
    width = 0.8 / len(groups)
    for n, (label, ys) in enumerate(groups.items()):
        xs = np.arange(2) + (n - (len(groups) - 1) / 2) * width
        bars = ax.bar(xs, ys, width, color=colors[n], label=label)
        ax.bar_label(bars, fmt="%.3f", fontsize=7, padding=2)
    ax.set_xticks([0, 1], ["out_o1", "out_o2"])
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("value")
    ax.legend(frameon=False, fontsize=8, ncols=len(groups), loc="upper left")
    return fig, ax


def plot_update_order(lrs=None, ax=None):
    """How far the "sequential" hidden-layer gradients are from the true ones, by learning rate.

    For each learning rate :math:`\\eta` the worked example is run twice: with every gradient
    taken at the old weights (``update="simultaneous"``, the gradient) and with the hidden
    deltas built from output weights already updated (``update="sequential"``, a common
    mistake). Plotted is the largest relative error :math:`|g_{seq} - g| / |g|` over the four
    hidden weights' gradients :math:`\\partial E/\\partial w_1, \\dots, \\partial E/\\partial w_4`.

    Parameters
    ----------
    lrs : sequence of float, optional
        Learning rates, > 0; by default 25 values from 0.001 to 10, evenly spaced in log.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_update_order([0.1, 1.0])
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    """
    lrs = np.logspace(-3, 1, 25) if lrs is None else np.asarray(lrs, dtype=float)
    errors = []
    for lr in lrs:
        good = example.worked_example(lr=float(lr))
        bad = example.worked_example(lr=float(lr), update="sequential")
        errors.append(
            max(
                abs(bad[f"dE_dw{i}"] - good[f"dE_dw{i}"]) / abs(good[f"dE_dw{i}"])
                for i in range(1, 5)
            )
        )
    fig, ax = _figure_for(ax, width=6.4, height=3.8)
    ax.loglog(lrs, errors, "o-", color=COLORS["accent"], ms=4, label="sequential vs. true gradient")
    ax.axvline(example.LEARNING_RATE, color=COLORS["muted"], ls="--", lw=1)
    ax.text(
        example.LEARNING_RATE * 1.1,
        min(errors),
        f"η = {example.LEARNING_RATE:g}",
        color=COLORS["muted"],
        fontsize=9,
    )
    ax.set_xlabel("learning rate η (log scale)")
    ax.set_ylabel("largest relative error of ∂E/∂w1…w4")
    ax.legend(frameon=False, loc="upper left")
    return fig, ax


# --- Chapter 5 and Matrix form: deep nets, shapes (add functions below this line) ------------


def plot_backprop_cost(depths, paths, by_paths, by_backprop, times=None):
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
    fig, axes = new_figure(1, 2 if two else 1, width=9.6 if two else 6.4, height=4.0)
    ax = axes[0] if two else axes
    ax.semilogy(
        depths, by_paths, "o-", color=COLORS["accent"], label="multiply-adds, sum over paths"
    )
    ax.semilogy(depths, paths, "s:", color=COLORS["gold"], label="paths from one weight in layer 1")
    ax.semilogy(depths, by_backprop, "o-", color=COLORS["blue"], label="multiply-adds, backprop")
    ax.set_xlabel("number of layers L")
    ax.set_ylabel("count (log scale)")
    ax.set_title("Work for one gradient")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=9)
    if two:
        d, t_paths, t_backprop = times
        ax2 = axes[1]
        ax2.semilogy(d, t_paths, "o-", color=COLORS["accent"], label="sum over paths")
        ax2.semilogy(
            d, t_backprop, "o-", color=COLORS["blue"], label="backprop (same code, memoised)"
        )
        ax2.set_xlabel("number of layers L")
        ax2.set_ylabel("seconds (log scale)")
        ax2.set_title("Measured time")
        ax2.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax2.legend(frameon=False, fontsize=9)
        return fig, axes
    return fig, ax


def plot_delta_by_layer(magnitudes, bound=None):
    """How large the error :math:`\\delta^{(l)}` is in each layer, one line per activation.

    Parameters
    ----------
    magnitudes : dict of str to sequence of float
        For each activation's name, a size of :math:`\\delta^{(l)}` (e.g. the mean of
        :math:`|\\delta^{(l)}_j|`) for :math:`l = 1, \\dots, L`.
    bound : sequence of float, optional
        A reference curve, e.g. :math:`(1/4)^{L - l}` times the output layer's value.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_delta_by_layer({"sigmoid": [1e-4, 1e-2, 1.0], "relu": [0.5, 0.7, 1.0]})
    >>> len(ax.lines)
    2
    """
    fig, ax = new_figure(width=6.4, height=4.0)
    palette = {"sigmoid": COLORS["accent"], "tanh": COLORS["gold"], "relu": COLORS["blue"]}
    others = iter([COLORS["navy"], COLORS["green"], COLORS["muted"]])
    for name, values in magnitudes.items():
        layers = np.arange(1, len(values) + 1)
        color = palette.get(name) or next(others)
        ax.semilogy(layers, values, "o-", color=color, label=name)
    if bound is not None:
        layers = np.arange(1, len(bound) + 1)
        ax.semilogy(
            layers, bound, "--", color=COLORS["muted"], label="x 1/4 per layer, from layer L"
        )
    ax.set_xlabel("layer l (input side left, output layer right)")
    ax.set_ylabel("mean |delta| (log scale)")
    ax.set_xticks(layers)
    ax.legend(frameon=False, fontsize=9)
    return fig, ax


def plot_matrix_shapes(rows, labels=None, unit=0.45):
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

    fig, ax = new_figure(width=7.2, height=4.0)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.grid(False)
    x0 = 0.0 if labels is None else 1.6
    y_top, x_max = 0.0, 0.0
    for r, row in enumerate(rows):
        height = unit * max(item[1][0] for item in row if not isinstance(item, str))
        mid = y_top - 0.35 - height / 2
        if labels is not None:
            ax.text(0.0, mid, labels[r], ha="left", va="center", fontsize=11, color=COLORS["navy"])
        x = x0
        for item in row:
            if isinstance(item, str):
                ax.text(x + 0.25, mid, item, ha="center", va="center", fontsize=14)
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
            ax.text(x + w / 2, mid + h / 2 + 0.08, name, ha="center", va="bottom", fontsize=10)
            ax.text(
                x + w / 2,
                mid - h / 2 - 0.08,
                f"({n_rows}, {n_cols})",
                ha="center",
                va="top",
                fontsize=9,
                color=COLORS["muted"],
            )
            x += w + 0.1
        x_max = max(x_max, x)
        y_top -= height + 1.0
    ax.set_xlim(-0.1, x_max + 0.1)
    ax.set_ylim(y_top + 0.3, 0.1)
    fig.set_size_inches(7.2, 7.2 * (0.1 - y_top - 0.3) / (x_max + 0.2))
    return fig, ax


def plot_batch_gradients(per_example, batch, names):
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
    fig, ax = new_figure(width=7.2, height=4.0)
    positions = np.arange(len(names))
    ax.bar(positions, batch, width=0.6, color=COLORS["gold"], alpha=0.6, label="batch gradient")
    markers = "os^Dv<>p"
    palette = [COLORS["navy"], COLORS["accent"], COLORS["green"], COLORS["blue"], COLORS["muted"]]
    for x, row in enumerate(per_example):
        ax.plot(
            positions + 0.12 * (x - (len(per_example) - 1) / 2),
            row,
            markers[x % 8],
            ls="none",
            color=palette[x % len(palette)],
            label=f"example {x + 1}",
        )
    ax.axhline(0.0, color=COLORS["muted"], lw=0.8)
    ax.set_xticks(positions, names)
    ax.set_ylabel("dC/dw")
    ax.legend(frameon=False, fontsize=9, ncols=2)
    return fig, ax


# --- Computational graphs and Training (add functions below this line) -------------------------


_OP_NAMES = {"*": "×", "+": "+", "-": "−", "/": "÷", "neg": "−x", "sigmoid": "σ"}


def _graph_layout(root, stop_at=()):
    """The nodes of ``root``'s graph, each with a column (depth) and a row.

    ``topological_order(root)``, cut at the nodes labelled in ``stop_at`` (drawn as leaves). An
    operation sits one column right of its latest operand; a leaf just left of its first
    consumer. Rows come from a few sweeps that move each node towards its neighbours' mean row.
    """
    from bp.graph import topological_order

    def operands(node):
        return [] if node is not root and node.label in stop_at else [p for p, _ in node._parents]

    keep, stack = {root}, [root]
    while stack:
        for parent in operands(stack.pop()):
            if parent not in keep:
                keep.add(parent)
                stack.append(parent)
    order = [n for n in topological_order(root) if n in keep]
    parents = {n: operands(n) for n in order}
    children = {n: [] for n in order}
    for node in order:
        for p in parents[node]:
            children[p].append(node)
    column = {}
    for node in order:
        column[node] = 1 + max((column[p] for p in parents[node]), default=-1)
    for node in reversed(order):
        if not parents[node] and children[node]:
            column[node] = min(column[c] for c in children[node]) - 1
    columns = {}
    for node in order:
        columns.setdefault(column[node], []).append(node)
    row = {}
    for nodes in columns.values():
        for k, node in enumerate(nodes):
            row[node] = k - (len(nodes) - 1) / 2
    keys = sorted(columns)
    for sweep in range(24):  # barycentre sweeps, alternately rightwards and leftwards
        for c in keys if sweep % 2 == 0 else keys[::-1]:
            nodes = columns[c]
            target = {
                n: np.mean([row[m] for m in parents[n] + children[n]] or [row[n]]) for n in nodes
            }
            nodes.sort(key=lambda n: target[n])
            placed = []  # each node at its target, pushed down to keep one row between nodes
            for node in nodes:
                placed.append(max(target[node], placed[-1] + 1) if placed else target[node])
            shift = np.mean([p - target[n] for p, n in zip(placed, nodes, strict=True)])
            for p, node in zip(placed, nodes, strict=True):
                row[node] = p - shift
    return order, parents, column, row


def draw_graph(root, ax=None, stop_at=(), values=True, fontsize=9, title=None):
    """Draw a computational graph of :class:`~bp.graph.Value` nodes, laid out by depth.

    The drawing is generated from the graph: the nodes are those of
    :func:`bp.graph.topological_order`, each placed one column right of its latest operand, and
    each box shows the node's name (its label, or its operation), its forward value ``v`` and
    its gradient ``g`` (:math:`\\partial E/\\partial\\,\\text{node}`, filled by ``backward()``),
    in red. Parameters (labels ``w1``, ``b2``, ...) have blue borders, the root a red one.

    Parameters
    ----------
    root : Value
        The output of the graph, e.g. ``E_total`` of :func:`bp.example.worked_example_graph`.
    ax : matplotlib.axes.Axes, optional
    stop_at : iterable of str
        Labels of nodes to draw as leaves, cutting off everything they depend on (to draw a
        sub-graph, e.g. ``stop_at={"out_h1", "out_h2"}`` for the output layer only).
    values : bool, default True
        Show ``v`` and ``g`` under each name; False shows names only (for a whole, small graph).
    fontsize : float, default 9
    title : str, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> from bp.graph import Value
    >>> x = Value(3.0, label="x")
    >>> y = x * x + x
    >>> y.backward()
    >>> fig, ax = draw_graph(y)
    >>> len(ax.patches)  # x, x * x and the sum
    3
    """
    from matplotlib.patches import FancyBboxPatch

    order, parents, column, row = _graph_layout(root, set(stop_at))
    n_cols = max(column.values()) + 1
    n_rows = max(row.values()) - min(row.values()) + 1
    if ax is None:
        per_row = 0.72 if values else 0.5
        fig, ax = new_figure(width=min(1.0 * n_cols + 0.3, 12.0), height=per_row * n_rows + 0.4)
    else:
        fig = ax.figure
    ax.set_axis_off()
    dx, dy = 1.0, 1.0
    w, h = (0.84 if values else 0.74) * dx, (0.66 if values else 0.4) * dy
    pos = {n: (column[n] * dx, -row[n] * dy) for n in order}
    for node in order:
        x1, y1 = pos[node]
        for parent in parents[node]:
            x0, y0 = pos[parent]
            ax.annotate(
                "",
                xy=(x1 - w / 2, y1),
                xytext=(x0 + w / 2, y0),
                arrowprops={
                    "arrowstyle": "-|>",
                    "lw": 0.8,
                    "color": COLORS["muted"],
                    "shrinkA": 0,
                    "shrinkB": 1,
                },
            )
    for node in order:
        x, y = pos[node]
        if node is root:
            edge = COLORS["accent"]
        elif node.label[:1] in ("w", "b") and node.label[1:].isdigit():
            edge = COLORS["blue"]
        else:
            edge = COLORS["muted"]
        ax.add_patch(
            FancyBboxPatch(
                (x - w / 2, y - h / 2),
                w,
                h,
                boxstyle="round,pad=0.02",
                fc=COLORS["node"],
                ec=edge,
                lw=1.6 if edge != COLORS["muted"] else 0.9,
            )
        )
        name = node.label or _OP_NAMES.get(node.op, node.op) or f"{node.data:g}"
        lines = [(name, COLORS["ink"])]
        if values:
            lines += [
                (f"v {node.data:.4f}", COLORS["ink"]),
                (f"g {node.grad:.4f}", COLORS["accent"]),
            ]
        for k, (text, color) in enumerate(lines):
            offset = (len(lines) - 1) / 2 - k
            ax.text(
                x,
                y + 0.2 * dy * offset,
                text,
                ha="center",
                va="center",
                fontsize=fontsize,
                color=color,
            )
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - w / 2 - 0.05, max(xs) + w / 2 + 0.05)
    ax.set_ylim(min(ys) - h / 2 - 0.05, max(ys) + h / 2 + 0.05)
    if title:
        ax.set_title(title)
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


def _cost_curves(sizes, curves, xlabel, ylabel, ax):
    """Two costs against a size on log-log axes, marked at the sizes measured."""
    from matplotlib.ticker import NullFormatter

    fig, ax = _figure_for(ax, width=6.0, height=3.8)
    for (label, cost), marker, color in zip(
        curves.items(), "os", (COLORS["accent"], COLORS["blue"]), strict=True
    ):
        ax.loglog(sizes, cost, f"{marker}-", color=color, label=label)
    ax.set_xticks(list(sizes), [f"{int(n)}" for n in sizes])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False, fontsize=9)
    return fig, ax


def plot_loss_curve(history, ax=None, label=None, color=None, logy=True):
    """The loss after every epoch of training, as returned by :meth:`bp.network.Network.fit`.

    Parameters
    ----------
    history : sequence of float
        The loss after epoch 1, 2, ...
    ax : matplotlib.axes.Axes, optional
    label : str, optional
        Legend entry.
    color : str, optional
        Default ``COLORS["blue"]``.
    logy : bool, default True
        A logarithmic loss axis.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_loss_curve([0.3, 0.2, 0.05])
    >>> ax.lines[0].get_ydata().tolist()
    [0.3, 0.2, 0.05]
    """
    fig, ax = _figure_for(ax, width=6.0, height=3.6)
    epochs = np.arange(1, len(history) + 1)
    ax.plot(epochs, history, color=color or COLORS["blue"], lw=1.8, label=label)
    if logy:
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss C")
    if label:
        ax.legend(frameon=False, fontsize=9)
    return fig, ax


def plot_decision_boundary(net, X, Y, ax=None, resolution=200):
    """A two-input, one-output network's output over the plane, with its data points.

    The background is the output :math:`a^{(L)}` on a grid (light to dark), the black line its
    0.5 contour (the decision boundary), the markers the examples, by class.

    Parameters
    ----------
    net : Network
        Two inputs, one output in [0, 1] (a sigmoid output layer).
    X : numpy.ndarray, shape (n, 2)
    Y : numpy.ndarray, shape (n, 1)
        Targets 0 or 1.
    ax : matplotlib.axes.Axes, optional
    resolution : int, default 200
        Grid points along each axis.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> from bp.data import xor
    >>> from bp.network import Network
    >>> X, Y = xor()
    >>> fig, ax = plot_decision_boundary(Network([2, 3, 1]), X, Y, resolution=20)
    >>> len(ax.collections) >= 2
    True
    """
    fig, ax = _figure_for(ax, width=4.6, height=4.0)
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float).ravel()
    pad = 0.25 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    out = net.forward(np.column_stack([g1.ravel(), g2.ravel()]))[:, 0].reshape(g1.shape)
    mesh = ax.pcolormesh(g1, g2, out, cmap="BuPu", vmin=0, vmax=1, shading="auto")
    ax.contour(g1, g2, out, levels=[0.5], colors=COLORS["ink"], linewidths=1.5)
    for cls, marker, color in ((0, "o", COLORS["gold"]), (1, "s", COLORS["accent"])):
        rows = np.equal(Y, cls)
        ax.scatter(
            X[rows, 0],
            X[rows, 1],
            marker=marker,
            s=90,
            color=color,
            edgecolors=COLORS["ink"],
            zorder=3,
            label=f"target {cls}",
        )
    fig.colorbar(mesh, ax=ax, label="network output")
    ax.set_xlabel("input 1")
    ax.set_ylabel("input 2")
    ax.grid(False)
    ax.set_aspect("equal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2, frameon=False, fontsize=9)
    return fig, ax


def plot_training_curves(losses, accuracies, axes=None):
    """Loss and accuracy against epoch, side by side.

    Parameters
    ----------
    losses : dict of str to sequence of float
        Named loss curves, e.g. ``{"training": history}``.
    accuracies : dict of str to sequence of float
        Named accuracy curves (fractions in [0, 1]), e.g. ``{"training": ..., "test": ...}``.
    axes : pair of matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of two Axes

    Examples
    --------
    >>> fig, axes = plot_training_curves({"training": [1.0, 0.5]}, {"test": [0.8, 0.9]})
    >>> [len(ax.lines) for ax in axes]
    [1, 1]
    """
    if axes is None:
        fig, axes = new_figure(1, 2, width=9.0, height=3.6)
    else:
        fig = axes[0].figure
    palette = [COLORS["blue"], COLORS["accent"], COLORS["gold"], COLORS["green"]]
    for (name, curve), color in zip(losses.items(), palette, strict=False):
        plot_loss_curve(curve, ax=axes[0], label=name, color=color)
    for (name, curve), color in zip(accuracies.items(), palette, strict=False):
        epochs = np.arange(1, len(curve) + 1)
        axes[1].plot(epochs, 100 * np.asarray(curve), color=color, lw=1.8, label=name)
    axes[1].set_xlabel("epoch")
    axes[1].set_ylabel("accuracy (%)")
    axes[1].legend(frameon=False, fontsize=9)
    return fig, axes


def plot_digits(images, titles, ncols=6):
    """A row (or grid) of 8x8 digit images, each with a title.

    Parameters
    ----------
    images : numpy.ndarray, shape (n, 64)
        Flattened images, pixels in [0, 1] as :func:`bp.data.digits` returns them.
    titles : sequence of str
        One title per image, e.g. ``"7 read as 9"``.
    ncols : int, default 6

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of Axes

    Examples
    --------
    >>> fig, axes = plot_digits(np.zeros((2, 64)), ["a", "b"], ncols=2)
    >>> [ax.get_title() for ax in axes.flat]
    ['a', 'b']
    """
    images = np.asarray(images, dtype=float)
    n = len(images)
    nrows = max(1, -(-n // ncols))
    fig, axes = new_figure(nrows, ncols, width=1.5 * ncols, height=1.75 * nrows, squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k < n:
            ax.imshow(images[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(titles[k], fontsize=10, color=COLORS["ink"])
    return fig, axes


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
