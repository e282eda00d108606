"""The 2-2-2 network drawn from its parameters: every neuron, weight and bias named and valued.

Where each neuron sits is the drawing's own business; which weight joins which neurons, and which
path leads from a weight to the error, is the worked example's.
"""

from __future__ import annotations

import numpy as np

from bp import example
from bp.plotting.style import COLORS, FONT, figure_for

__all__ = ["draw_gradient_path", "draw_network"]

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

    fig, ax = figure_for(ax, width=7.0, height=4.6)
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
            fontsize=FONT["small"],
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
        ax.text(
            bx, by, f"{bname}\n{b[bname]:.2f}", ha="center", va="center", fontsize=FONT["small"]
        )
    node_values = node_values or {}
    for name in ("i1", "i2", "h1", "h2", "o1", "o2"):
        x, y = _POS[name]
        ax.add_patch(
            Circle(
                (x, y), r, fc=COLORS["node"], ec=color(name), lw=2.5 if name in highlight else 1.5
            )
        )
        text = name if name not in node_values else f"{name}\n{node_values[name]}"
        ax.text(x, y, text, ha="center", va="center", fontsize=FONT["small"], color=color(name))
    for x, label in ((0, "inputs"), (1, "hidden layer"), (2, "outputs")):
        ax.text(
            x, 1.35, label, ha="center", va="center", fontsize=FONT["body"], color=COLORS["muted"]
        )
    if title:
        ax.set_title(title)
    return fig, ax


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
    fig, ax = figure_for(ax, width=8.4, height=4.6)
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
                fontsize=FONT["small"],
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
            fontsize=FONT["small"],
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
    ax.text(
        ex, ey, f"E_total\n{t['E_total']:.4f}", ha="center", va="center", fontsize=FONT["small"]
    )
    ax.text(
        ex, 1.35, "error", ha="center", va="center", fontsize=FONT["body"], color=COLORS["muted"]
    )
    ax.set_xlim(-0.45, 3.45)
    return fig, ax
