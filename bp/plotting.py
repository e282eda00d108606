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

__all__ = ["COLORS", "draw_network", "new_figure"]

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

    if ax is None:
        fig, ax = new_figure(width=7.0, height=4.6)
    else:
        fig = ax.figure
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


# --- Chapters 3 and 4: The output layer, The hidden layer (add functions below this line) -----


# --- Chapter 5 and Matrix form: deep nets, shapes (add functions below this line) ------------


# --- Computational graphs and Training (add functions below this line) -------------------------
