"""The 2-2-2 network drawn from its parameters: every neuron, weight and bias named and valued.

Where each neuron sits is the drawing's business; which weight joins which neurons, and which
path leads from a weight to the error, is the worked example's.

Every weight's label lies on its own edge, turned along it, a little way from the neuron the
edge leaves: the two crossings (``w2`` with ``w3``, ``w6`` with ``w7``) are at the middle of
their edges, so no label sits on a crossing, and no label touches a neuron.
"""

from __future__ import annotations

import numpy as np

from bp import _checks, example
from bp.plotting.style import COLORS, FONT, figure_for

__all__ = ["THINNEST", "WIDEST", "draw_gradient_path", "draw_network"]

# Where each neuron sits: layer on x (inputs left), neuron on y (the first on top); the biases
# below, between the layers they feed; the error E_total right of the outputs.
_DX, _DY = 1.6, 1.5
_POS = {
    neuron: (_DX * layer, _DY * (len(neurons) - 1 - k))
    for layer, neurons in enumerate(example.LAYERS)
    for k, neuron in enumerate(neurons)
}
_POS.update({b: (_DX * (layer + 0.45), -0.62) for layer, b in enumerate(example.BIAS_WIRING)})
_POS["E"] = (_DX * (len(example.LAYERS) - 1) + 1.0, _DY / 2)
_R = 0.26  # radius of a neuron
#: Widest and thinnest edge, in points, when the widths show the edge values.
WIDEST, THINNEST = 4.8, 0.6
_E_HALF, _E_PAD = 0.42, 0.02  # half the width of the E_total box, and the padding around it
_NEURONS = [n for layer in example.LAYERS for n in layer]
_INPUTS, *_, _OUTPUTS = example.LAYERS
_RIGHT = _DX * (len(example.LAYERS) - 1)  # the outputs' x

# Which weight joins which neurons, and the biases', are the worked example's (its WIRING).
_EDGES = example.WIRING
_BIAS_EDGES = example.BIAS_WIRING

# Everything on the paths from each weight to the error: the neurons and weights of every path
# in the example's PATHS (w1 ... w4 have two, through both outputs), and the error itself.
_PATHS = {w: frozenset().union(*paths) | {"E"} for w, paths in example.PATHS.items()}


def _edge_label_position(name):
    """Where the label of weight ``name`` goes: on its edge, turned along it, and the angle."""
    (x0, y0), (x1, y1) = _POS[_EDGES[name][0]], _POS[_EDGES[name][1]]
    # Horizontal edges: the middle. Crossing edges: halfway between the neuron they leave and
    # the crossing at the middle of the edge.
    t = 0.5 if y0 == y1 else (_R / np.hypot(x1 - x0, y1 - y0) + 0.5) / 2
    angle = np.degrees(np.arctan2(y1 - y0, x1 - x0))
    return x0 + t * (x1 - x0), y0 + t * (y1 - y0), angle


def _parameters(weights, biases):
    """The weights and biases by name, checked: ``{"w1": ...}``, ``{"b1": ...}``."""
    w = dict(zip(_EDGES, _checks.reals(weights, "weights", 8), strict=True))
    return w, dict(zip(_BIAS_EDGES, _checks.reals(biases, "biases", 2), strict=True))


def draw_network(
    ax=None,
    weights=example.WEIGHTS,
    biases=example.BIASES,
    node_values=None,
    edge_values=None,
    edge_format="{name} = {value:.2f}",
    highlight=(),
    scale_widths=False,
    notes=None,
    error=False,
):
    """Draw the 2-2-2 network with every neuron, weight and bias named and valued.

    The drawing is made from the parameters it is given, so it always matches the formulas:
    :math:`w_1, w_2` feed :math:`h_1`; :math:`w_3, w_4` feed :math:`h_2`; :math:`w_5, w_6` feed
    :math:`o_1`; :math:`w_7, w_8` feed :math:`o_2`. Each weight's label lies on its edge,
    turned along it, away from the crossings and the neurons.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    weights : 8 floats, default :data:`bp.example.WEIGHTS`
    biases : pair of float, default :data:`bp.example.BIASES`
    node_values : dict, optional
        A short value under a neuron's name, inside it, e.g. ``{"i1": "0.05"}``; the key
        ``"E"`` gives the value under :math:`E_{total}` when ``error`` is true.
    edge_values : dict, optional
        A value for each of ``"w1"`` ... ``"w8"`` to show on the edges instead of the weights
        (for example the gradients :math:`\\partial E/\\partial w`).
    edge_format : str, default "{name} = {value:.2f}"
        Format of an edge label, with fields ``name`` and ``value``.
    highlight : iterable of str
        Names of neurons and weights (``"w5"``, ``"h1"``, ``"o1"``, ``"E"``, ...) to draw in the
        accent colour, e.g. the path from a weight to the error; everything else is drawn in
        grey when something is highlighted.
    scale_widths : bool, default False
        Edge widths proportional to ``|value|``, the largest ``WIDEST`` points wide, but none
        thinner than ``THINNEST`` points (constants of this module), so that every edge stays visible (say so in the
        caption); uniform otherwise.
    notes : dict, optional
        Text beside a neuron, outside it: left of an input, right of an output, above
        :math:`h_1`, below :math:`h_2`; e.g. ``{"o1": "target 0.01"}``.
    error : bool, default False
        Also draw :math:`E_{total}` right of the outputs, with an edge from each.

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
    w, b = _parameters(weights, biases)
    values = w if edge_values is None else {k: float(edge_values[k]) for k in _EDGES}
    highlight = set(highlight)
    largest = max(abs(v) for v in values.values()) or 1.0
    widths = {
        name: max(THINNEST, WIDEST * abs(v) / largest)
        if scale_widths
        else (2.6 if name in highlight else 1.2)
        for name, v in values.items()
    }
    labels = {name: edge_format.format(name=name, value=v) for name, v in values.items()}
    return _draw(ax, labels, widths, b, highlight, node_values or {}, notes or {}, error)


def _draw(ax, labels, widths, biases, highlight, node_values, notes, error, factor=None):
    """Draw the network: edges with ``labels`` and ``widths``, biases, neurons, the error.

    ``factor`` is a neuron whose value is a factor of a chain rule but whose name is not on
    the path: its value is red and bold and its circle has a red dashed outline.
    """
    left = -_R - 0.1 - (0.75 if any(n[0] == "i" for n in notes) else 0.0)
    right = (_POS["E"][0] + 0.47) if error else _RIGHT + _R + 0.1
    if any(n[0] == "o" for n in notes) and not error:
        right += 1.1
    bottom, top = -0.8, _DY + (0.8 if error else 0.6)
    # The figure's size follows the drawing (equal scales on x and y), 7 inches wide: the
    # width of the page's column, so that the type keeps its size on the page.
    fig, ax = figure_for(ax, width=7.0, height=7.0 * (top - bottom) / (right - left))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.grid(False)
    rest = COLORS["muted"] if highlight else COLORS["ink"]

    def color(name):
        return COLORS["accent"] if name in highlight else rest

    _draw_edges(ax, labels, widths, highlight, color)
    _draw_biases(ax, biases, highlight, color)
    _draw_neurons(ax, node_values, notes, highlight, color, factor)
    if error:
        _draw_error(ax, node_values.get("E"), highlight, color, rest)
    layers = [(0, "inputs"), (_DX, "hidden layer"), (_RIGHT, "outputs")]
    if error:
        layers.append((_POS["E"][0], "error"))
    for x, label in layers:
        ax.text(
            x,
            top - 0.12,
            label,
            ha="center",
            va="center",
            fontsize=FONT["body"],
            color=COLORS["muted"],
        )
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    return fig, ax


def _arrow(ax, start, end, color, lw, on, **style):
    """An arrow from ``start`` to ``end``, drawn above the others when ``on``."""
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "lw": lw,
            "color": color,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 12 + 2 * lw,
            **style,
        },
        zorder=3 if on else 2,
    )


def _draw_edges(ax, labels, widths, highlight, color):
    """Each weight's edge, from neuron rim to neuron rim, with its label along it."""
    for name, (src, dst) in _EDGES.items():
        (x0, y0), (x1, y1) = _POS[src], _POS[dst]
        ux, uy = np.array([x1 - x0, y1 - y0]) / np.hypot(x1 - x0, y1 - y0)
        on = name in highlight
        start, end = (x0 + ux * _R, y0 + uy * _R), (x1 - ux * _R, y1 - uy * _R)
        _arrow(ax, start, end, color(name), widths[name], on)
        lx, ly, angle = _edge_label_position(name)
        ax.text(
            lx,
            ly,
            labels[name],
            ha="center",
            va="center",
            rotation=angle,
            rotation_mode="anchor",
            fontsize=FONT["small"],
            fontweight="bold" if on else "normal",
            color=color(name),
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
            zorder=4 if on else 3,
        )


def _draw_biases(ax, biases, highlight, color):
    """Each bias in a box below the layer it feeds, with a dashed arrow to each neuron."""
    from matplotlib.patches import FancyBboxPatch

    for bname, targets in _BIAS_EDGES.items():
        bx, by = _POS[bname]
        for target in targets:
            tx, ty = _POS[target]
            ux, uy = np.array([tx - bx, ty - by]) / np.hypot(tx - bx, ty - by)
            end = (tx - ux * _R, ty - uy * _R)
            _arrow(ax, (bx, by + 0.12), end, color(bname), 1.0, bname in highlight, ls="--")
        ax.add_patch(
            FancyBboxPatch(
                (bx - 0.3, by - 0.12),
                0.6,
                0.24,
                boxstyle="round,pad=0.02",
                fc=COLORS["node"],
                ec=color(bname),
                zorder=5,
            )
        )
        ax.text(
            bx,
            by,
            f"{bname} = {biases[bname]:.2f}",
            ha="center",
            va="center",
            fontsize=FONT["small"],
            color=color(bname) if highlight else COLORS["ink"],
            zorder=6,
        )


def _draw_neurons(ax, node_values, notes, highlight, color, factor):
    """Each neuron: a circle with its name, its value under the name, its note beside it."""
    from matplotlib.patches import Circle

    for name in _NEURONS:
        x, y = _POS[name]
        on = name in highlight
        ink = COLORS["accent"] if on else COLORS["ink"]
        ax.add_patch(
            Circle((x, y), _R, fc=COLORS["node"], ec=color(name), lw=2.6 if on else 1.4, zorder=5)
        )
        if name == factor:
            ax.add_patch(
                Circle((x, y), _R, fc="none", ec=COLORS["accent"], lw=1.6, ls="--", zorder=7)
            )
        value = node_values.get(name)
        ax.text(
            x,
            y + (0.08 if value else 0.0),
            name,
            ha="center",
            va="center",
            fontsize=FONT["body"],
            fontweight="bold" if on else "normal",
            color=ink,
            zorder=6,
        )
        if value:
            ax.text(
                x,
                y - 0.09,
                value,
                ha="center",
                va="center",
                fontsize=FONT["small"],
                fontweight="bold" if name == factor else "normal",
                color=COLORS["accent"] if name == factor else ink,
                zorder=6,
            )
        if name in notes:
            side = {"i": (-1, 0), "o": (1, 0)}.get(name[0], (0, 1 if y > 0 else -1))
            ax.text(
                x + side[0] * (_R + 0.08),
                y + side[1] * (_R + 0.08),
                notes[name],
                ha={-1: "right", 1: "left"}.get(side[0], "center"),
                va={-1: "top", 1: "bottom"}.get(side[1], "center"),
                fontsize=FONT["small"],
                color=ink,
                zorder=6,
            )


def _draw_error(ax, value, highlight, color, rest):
    """:math:`E_{total}` in a box right of the outputs, an edge from each output into it."""
    from matplotlib.patches import FancyBboxPatch

    ex, ey = _POS["E"]
    for o in _OUTPUTS:
        x0, y0 = _POS[o]
        on = o in highlight and "E" in highlight
        ax.annotate(
            "",
            xy=(ex - _E_HALF - _E_PAD, ey + (0.08 if y0 > ey else -0.08)),  # at the box's rim
            xytext=(x0 + _R, y0),
            arrowprops={
                "arrowstyle": "-|>",
                "lw": 2.6 if on else 1.2,
                "shrinkA": 0,
                "shrinkB": 0,
                "color": COLORS["accent"] if on else rest,
            },
            zorder=3 if on else 2,
        )
    ax.add_patch(
        FancyBboxPatch(
            (ex - _E_HALF, ey - 0.2),
            2 * _E_HALF,
            0.4,
            boxstyle=f"round,pad={_E_PAD}",
            fc=COLORS["node"],
            ec=color("E"),
            lw=2.6 if "E" in highlight else 1.4,
            zorder=5,
        )
    )
    ink = color("E") if "E" in highlight else COLORS["ink"]
    ax.text(
        ex,
        ey + (0.07 if value else 0.0),
        "$E_{total}$",
        ha="center",
        va="center",
        fontsize=FONT["body"],
        color=ink,
        zorder=6,
    )
    if value:
        ax.text(
            ex,
            ey - 0.1,
            value,
            ha="center",
            va="center",
            fontsize=FONT["small"],
            color=ink,
            zorder=6,
        )


def draw_gradient_path(trace=None, weight="w5", ax=None):
    """The 2-2-2 network with the path from one weight to :math:`E_{total}` and its factors.

    The path from ``weight`` to the error is red, and in red beside it stand exactly the
    factors of its chain rule: the value that ``weight`` multiplies (the output of the neuron
    it leaves, or an input), the weight of each further edge on the path, the sigmoid's slope
    :math:`\\sigma'(net) = out\\,(1 - out)` of each neuron the path enters, and
    :math:`\\partial E_{total}/\\partial out_o = out_o - target_o` of each output it reaches.
    The edge of ``weight`` itself shows the product of those factors,
    :math:`\\partial E_{total}/\\partial w`, to four significant digits. Every neuron shows its
    output (an input its value); every edge off the path is grey and thin, with its name only.

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
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith(("w5", "w6", "σ′"))]
    ['w6', 'σ′ = 0.1868']
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith("∂E/∂w")]
    ['∂E/∂w5 =\\n+0.08217']
    """
    example.check_weight(weight)
    t = example.worked_example() if trace is None else trace
    path = set(_PATHS[weight])
    # The weight multiplies its source's output: that value is a factor, the source's own
    # sigma' is not. The source is off the highlighted path; its value is marked instead.
    source = _EDGES[weight][0]
    highlight = path - {source}
    ws, b = _parameters(t.settings["weights"], t.settings["biases"])
    nodes = dict(zip(_INPUTS, (f"{x:.2f}" for x in t.settings["inputs"]), strict=True))
    nodes.update({u: f"{t[f'out_{u}']:.4f}" for u in _NEURONS if u not in _INPUTS})
    nodes["E"] = f"{t['E_total']:.4f}"
    labels = {w: (f"{w} = {ws[w]:.2f}" if w in path else w) for w in _EDGES}
    labels[weight] = f"∂E/∂{weight} =\n{t[f'dE_d{weight}']:+.4g}"
    widths = {w: 2.6 if w in highlight else 1.2 for w in _EDGES}
    fig, ax = _draw(ax, labels, widths, b, highlight, nodes, {}, True, factor=source)
    for u in _NEURONS:
        if u in path and u != source and u not in _INPUTS:
            x, y = _POS[u]
            ax.text(
                x,
                y + (_R + 0.06 if y > 0 else -_R - 0.06),
                f"σ′ = {t[f'dout_{u}_dnet_{u}']:.4f}",
                ha="center",
                va="bottom" if y > 0 else "top",
                fontsize=FONT["small"],
                color=COLORS["accent"],
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                zorder=6,
            )
    ex, ey = _POS["E"]
    for o in _OUTPUTS:
        if o in path:
            y0 = _POS[o][1]
            ax.text(
                ex - 0.35,
                ey + (0.55 if y0 > ey else -0.55),
                f"∂E/∂out_{o}\n= {t[f'dE_dout_{o}']:+.4f}",
                ha="left",
                va="center",
                fontsize=FONT["small"],
                color=COLORS["accent"],
                zorder=6,
            )
    return fig, ax
