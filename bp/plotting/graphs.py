"""Computational graphs of :class:`~bp.graph.Value` nodes, laid out by depth and drawn."""

from __future__ import annotations

import numpy as np

from bp.plotting.style import COLORS, FONT, figure_for, new_figure

__all__ = ["draw_graph", "draw_graph_rows"]

_OP_NAMES = {"*": "×", "+": "+", "-": "−", "/": "÷", "neg": "−x", "sigmoid": "σ"}


def _roots(root):
    return list(root) if isinstance(root, list | tuple) else [root]


def _graph_layout(root, stop_at=()):
    """The nodes of ``root``'s graph, each with a column (depth) and a row.

    ``topological_order`` of each root (``root`` may be a list), cut at the nodes labelled in
    ``stop_at`` (drawn as leaves). An
    operation sits one column right of its latest operand; a leaf just left of its first
    consumer. Rows come from a few sweeps that move each node towards its neighbours' mean row.
    """
    from bp.graph import topological_order

    roots = _roots(root)

    def operands(node):
        if node not in roots and node.label in stop_at:
            return []
        return [p for p, _ in node.parents]

    keep, stack = set(roots), list(roots)
    while stack:
        for parent in operands(stack.pop()):
            if parent not in keep:
                keep.add(parent)
                stack.append(parent)
    order = []  # the roots' orders merged: each node still after all of its parents
    for r in roots:
        order += [n for n in topological_order(r) if n in keep and n not in order]
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


def draw_graph(root, ax=None, stop_at=(), values=True, fontsize=None, title=None, mark_root=True):
    """Draw a computational graph of :class:`~bp.graph.Value` nodes, laid out by depth.

    The drawing is generated from the graph: the nodes are those of
    :func:`bp.graph.topological_order`, each placed one column right of its latest operand, and
    each box shows the node's name (its label, or its operation), its forward value ``v`` and
    its gradient ``g`` (:math:`\\partial E/\\partial\\,\\text{node}`, filled by ``backward()``),
    in red. Parameters (labels ``w1``, ``b2``, ...) have blue borders, the root a red one.

    Parameters
    ----------
    root : Value or list of Value
        The output of the graph, e.g. ``E_total`` of :func:`bp.example.worked_example_graph`, or
        several nodes whose graphs are drawn together.
    ax : matplotlib.axes.Axes, optional
    stop_at : iterable of str
        Labels of nodes to draw as leaves, cutting off everything they depend on (to draw a
        sub-graph, e.g. ``stop_at={"out_h1", "out_h2"}`` for the output layer only).
    values : bool, default True
        Show ``v`` and ``g`` under each name; False shows names only (for a whole, small graph).
    fontsize : float, default FONT["small"]
    title : str, optional
    mark_root : bool, default True
        Give the root a red border.

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

    fontsize = FONT["small"] if fontsize is None else fontsize
    order, parents, column, row = _graph_layout(root, set(stop_at))
    n_cols = max(column.values()) + 1
    n_rows = max(row.values()) - min(row.values()) + 1
    per_row = 0.72 if values else 0.5
    fig, ax = figure_for(ax, width=min(1.0 * n_cols + 0.3, 12.0), height=per_row * n_rows + 0.4)
    ax.set_axis_off()
    dx, dy = 1.0, 1.0
    w, h = (0.84 if values else 0.74) * dx, (0.74 if values else 0.4) * dy
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
        if mark_root and node in _roots(root):
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
                y + 0.23 * dy * offset,
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


def draw_graph_rows(root, cuts, stop_at=(), values=False, fontsize=None, width=6.8, axes=None):
    """A graph too wide for the page, drawn in rows: each row ends where the next begins.

    Row ``k`` is the graph of the nodes labelled ``cuts[k]``, cut at ``cuts[k - 1]``; the last
    row is the graph of ``root``, cut at ``cuts[-1]``. The nodes of a cut are drawn twice, at
    the right end of one row and the left end of the next. Every row has the same scale, so a
    box is the same size in each, and the type keeps its size on the page.

    Parameters
    ----------
    root : Value
    cuts : sequence of sequence of str
        Labels of the nodes where one row ends and the next begins, in order from the inputs,
        e.g. ``[("net_h1", "net_h2"), ("net_o1", "net_o2")]``.
    stop_at : iterable of str
        Labels of nodes drawn as leaves in every row, as in :func:`draw_graph`.
    values : bool, default False
        Show each node's value ``v`` and gradient ``g``, as in :func:`draw_graph`.
    fontsize : float, optional
        Default ``FONT["small"]``.
    width : float, default 6.8
        Width of the figure in inches.
    axes : sequence of Axes, optional
        One per row (``len(cuts) + 1``); by default a new figure whose rows are as tall as
        their graphs.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : numpy.ndarray of Axes, one per row

    Examples
    --------
    >>> from bp.graph import Value
    >>> x = Value(3.0, label="x")
    >>> y = (x * x).sigmoid()
    >>> y.label = "y"
    >>> z = y + x
    >>> z.label = "z"
    >>> fig, axes = draw_graph_rows(z, [["y"]])
    >>> [len(ax.patches) for ax in axes]  # x, x * x, y; then y, x, z
    [3, 3]
    """
    from bp.graph import topological_order

    nodes = {n.label: n for n in topological_order(root) if n.label}
    missing = [label for cut in cuts for label in cut if label not in nodes]
    if missing:
        raise ValueError(f"cuts must name nodes of the graph; got unknown labels {missing}")
    stop_at = set(stop_at)
    pieces = [
        ([nodes[label] for label in cut], stop_at | set(prev))
        for cut, prev in zip(cuts, [(), *cuts[:-1]], strict=True)
    ]
    pieces.append((root, stop_at | (set(cuts[-1]) if cuts else set())))
    layouts = [_graph_layout(r, stop) for r, stop in pieces]
    n_cols = max(max(column.values()) + 1 for _, _, column, _ in layouts)
    rows = [max(row.values()) - min(row.values()) + 1 for _, _, _, row in layouts]
    # Inches per row: room for one line of text in a box, or three with values.
    per_row = (0.8 if values else 0.4) * min(1.0, width / n_cols)
    if axes is None:
        fig, axes = new_figure(
            len(pieces),
            1,
            width=width,
            height=per_row * sum(rows) + 0.3 * len(pieces),
            gridspec_kw={"height_ratios": rows},
            squeeze=False,
        )
        axes = axes[:, 0]
    else:
        axes = np.asarray(axes)
        fig = axes[0].figure
    for k, (ax, (r, stop)) in enumerate(zip(axes, pieces, strict=True)):
        last = k == len(pieces) - 1
        draw_graph(r, ax=ax, stop_at=stop, values=values, fontsize=fontsize, mark_root=last)
        ax.set_xlim(-0.45, n_cols - 0.55)
    return fig, axes
