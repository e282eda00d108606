"""Slices and contours of the worked example's error, tangents, and gradient descent on them.

The numbers come from :mod:`bp.landscape`, the same functions the chapters' prose reads.
"""

from __future__ import annotations

import numpy as np

from bp import example
from bp.landscape import error_along, error_grid, minimum_along
from bp.plotting.style import COLORS, FONT, colorbar, figure_for, legend, log_steps

__all__ = [
    "plot_error_along",
    "plot_error_contours",
    "plot_error_vs_weight",
    "plot_learning_rates",
    "plot_partial_slices",
    "plot_tangent",
]


def plot_error_vs_weight(weight="w5", span=(-14.0, 4.0), tangent_width=6.0, ax=None):
    """:math:`E_{total}` against one weight, with its minimum and the tangent at today's value.

    The slope of the tangent is :math:`\\partial E_{total}/\\partial w` from the worked example;
    its sign says which way the weight should move (against the slope).

    Parameters
    ----------
    weight : {"w1", ..., "w8"}, default "w5"
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
    fig, ax = figure_for(ax, width=6.8, height=4.0)
    index = example.weight_index(weight)
    w0 = example.WEIGHTS[index]
    t = example.worked_example()
    E0, slope = t["E_total"], t[f"dE_d{weight}"]
    grid = np.linspace(*span, 601)
    E = error_along(weight, grid)
    best, lowest = minimum_along(weight, span, n=len(grid))
    label = f"$E_{{total}}$ as ${weight[0]}_{weight[1]}$ varies"
    ax.plot(grid, E, color=COLORS["navy"], lw=2, label=label)
    half = tangent_width / 2
    tw = np.array([w0 - half, w0 + half])
    _tangent_at(ax, w0, E0, slope, tw, f"tangent at today's value, slope {slope:.3f}")
    ax.annotate(
        f"today: ${weight[0]}_{weight[1]}$ = {w0:g}",
        xy=(w0, E0),
        xytext=(w0 - 5.5, E0 + 0.1),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=FONT["body"],
        color=COLORS["ink"],
    )
    ax.plot([best], [lowest], "v", color=COLORS["green"], ms=9, zorder=3)
    ax.annotate(
        f"minimum near {best:.1f}",
        xy=(best, lowest),
        xytext=(best - 1.0, lowest + 0.12),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=FONT["body"],
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
    ax.text(w0 + 1.65, E0 - 0.14, label, ha="center", fontsize=FONT["small"], color=COLORS["green"])
    ax.set_xlabel(f"${weight[0]}_{weight[1]}$ (the other seven weights fixed)")
    ax.set_ylabel("$E_{total}$")
    legend(ax, loc="upper left")
    return fig, ax


def plot_learning_rates(lrs=(0.5, 20.0, 400.0), steps=1000, bowl_steps=8, axes=None):
    """Gradient descent with several learning rates: on the network, and on a parabola.

    Left: :math:`E_{total}` of the worked example against the step when all eight weights take
    gradient-descent steps (:func:`bp.example.worked_example` with ``steps``), one line per
    learning rate, on log-log axes. A rate that is too large wins the first step and then
    stops: its outputs saturate, every sigmoid slope is almost 0, and the error stays where it
    landed while a smaller rate passes below it. Right: the same rule on the bowl
    :math:`q(w) = w^2` (curvature 2, so steps with :math:`\\eta > 1` grow instead of
    shrinking), the shape every smooth error takes near its minimum.

    Parameters
    ----------
    lrs : sequence of 3 float, default (0.5, 20.0, 400.0)
        Learning rates on the network: too small, reasonable, too large.
    steps : int, default 1000
        Steps on the network.
    bowl_steps : int, default 8
        Steps on the bowl.
    axes : pair of matplotlib.axes.Axes, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : numpy.ndarray of 2 matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_learning_rates(steps=3, bowl_steps=3)
    >>> len(ax), len(ax[0].lines), ax[0].get_yscale()
    (2, 3, 'log')
    """
    fig, ax = figure_for(axes, width=7.0, height=3.6, ncols=2)
    # Too small, reasonable, too large: the same colours on both panels.
    colors = [COLORS["gold"], COLORS["green"], COLORS["accent"]]
    for lr, c in zip(lrs, colors, strict=False):
        history = example.worked_example(lr=lr, steps=steps).history
        ax[0].plot(np.arange(len(history)), history, color=c, lw=2, label=f"$\\eta$ = {lr:g}")
    log_steps(ax[0], steps)
    ax[0].set_yscale("log")
    ax[0].set_xlabel("step (log scale from step 1)")
    ax[0].set_ylabel("$E_{total}$ (log scale)")
    ax[0].set_title("all eight weights", fontsize=FONT["title"])
    legend(ax[0], loc="lower left")

    q = np.linspace(-3.6, 3.6, 401)
    ax[1].plot(q, q**2, color=COLORS["muted"], lw=1.5)
    for lr, c in zip((0.1, 0.4, 1.05), colors, strict=True):
        w, path = 1.5, [1.5]
        for _ in range(bowl_steps):
            w = w - lr * 2 * w
            path.append(w)
        path = np.array(path)
        ax[1].plot(path, path**2, "o-", color=c, ms=5, lw=1.2, label=f"$\\eta$ = {lr:g}")
    ax[1].set_ylim(-0.3, 13.5)
    ax[1].set_xlabel("$w$")
    ax[1].set_ylabel("$q(w) = w^2$")
    ax[1].set_title("the same rule on a bowl", fontsize=FONT["title"])
    legend(ax[1], loc="upper center")
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
    fig, ax = figure_for(ax, width=6.0, height=4.2)
    x = np.linspace(*xlim, 400)
    y0, m = float(f(np.array(x0))), float(df(np.array(x0)))
    ax.plot(x, f(x), color=COLORS["navy"], lw=2, label=label)
    _tangent_at(ax, x0, y0, m, x, f"tangent at $x = {x0:g}$: slope {m:g}")
    # Rise over run: one step right, m steps up.
    ax.plot([x0, x0 + 1, x0 + 1], [y0, y0, y0 + m], color=COLORS["green"], lw=1.5)
    ax.text(x0 + 0.5, y0 - 0.6, "run 1", ha="center", fontsize=FONT["small"], color=COLORS["green"])
    ax.text(
        x0 + 1.05,
        y0 + m / 2,
        f"rise {m:g}",
        va="center",
        fontsize=FONT["small"],
        color=COLORS["green"],
    )
    ax.annotate(
        f"touches at ({x0:g}, {y0:g})",
        xy=(x0, y0),
        xytext=(x0 - 1.2, y0 + 2.5),
        arrowprops={"arrowstyle": "->", "color": COLORS["ink"]},
        fontsize=FONT["small"],
        color=COLORS["ink"],
    )
    span = f(x).max() - f(x).min()
    ax.set_ylim(f(x).min() - 0.15 * span, f(x).max() + 0.05 * span)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    legend(ax, loc="upper left")
    return fig, ax


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
    fig, ax = figure_for(ax, width=6.0, height=5.2)
    W5, W6, E = error_grid(w5, w6, n=61)
    filled = ax.contourf(W5, W6, E, levels=14, cmap="Blues", alpha=0.75)
    lines = ax.contour(W5, W6, E, levels=14, colors=COLORS["ink"], linewidths=0.5)
    ax.clabel(lines, lines.levels[::3], fontsize=FONT["small"], fmt="%.2f")
    colorbar(filled, ax, "$E_{total}$")
    t = example.worked_example()
    p5, p6 = example.WEIGHTS[4], example.WEIGHTS[5]
    g5, g6 = t["dE_dw5"], t["dE_dw6"]
    ax.axhline(p6, color=COLORS["gold"], ls="--", lw=1.5)
    ax.text(
        w5[0] + 0.2,
        p6 + 0.25,
        f"slice $w_6$ = {p6:g}",
        color=COLORS["ink"],
        fontsize=FONT["small"],
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
            fontsize=FONT["body"],
            ha="center",
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    ax.set_xlabel("$w_5$")
    ax.set_ylabel("$w_6$")
    ax.set_aspect("equal")
    ax.grid(False)
    return fig, ax


def plot_partial_slices(half_width=4.0, axes=None):
    """Each partial derivative is the slope of one slice of :math:`E_{total}(w_5, w_6)`.

    Left: :math:`E_{total}` against :math:`w_5` with :math:`w_6` fixed, and the tangent of slope
    :math:`\\partial E/\\partial w_5`; right: against :math:`w_6` with :math:`w_5` fixed, slope
    :math:`\\partial E/\\partial w_6`. The slopes come from the worked example.

    Parameters
    ----------
    half_width : float, default 4.0
        Each slice spans today's value plus or minus this much.
    axes : pair of matplotlib.axes.Axes, optional

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
    fig, ax = figure_for(axes, width=7.0, height=3.4, ncols=2, sharey=True)
    t = example.worked_example()
    E0 = t["E_total"]
    for a, name, fixed in zip(ax, ("w5", "w6"), ("w6", "w5"), strict=True):
        w0 = example.WEIGHTS[example.weight_index(name)]
        grid = np.linspace(w0 - half_width, w0 + half_width, 201)
        slope = t[f"dE_d{name}"]
        a.plot(grid, error_along(name, grid), color=COLORS["navy"], lw=2, label="slice of $E$")
        tw = np.array([w0 - 1.5, w0 + 1.5])
        label = f"slope $\\partial E/\\partial {name[0]}_{name[1]}$ = {slope:.4f}"
        _tangent_at(a, w0, E0, slope, tw, label, ms=7)
        other = example.WEIGHTS[example.weight_index(fixed)]
        a.set_xlabel(f"${name[0]}_{name[1]}$  (${fixed[0]}_{fixed[1]}$ fixed at {other:g})")
        legend(a, loc="upper left")
    ax[0].set_ylabel("$E_{total}$")
    return fig, ax


def plot_error_along(weight="w5", lo=None, hi=None, trace=None, ax=None, num=201):
    """:math:`E_{total}`, :math:`E_{o1}` and :math:`E_{o2}` as one weight moves, the others fixed.

    The slice of the error surface through the run's starting point along one weight
    (:func:`bp.landscape.error_along`), with the tangent whose slope is the gradient
    :math:`\\partial E_{total}/\\partial w`, and two points after one step: the error with only
    this weight moved to :math:`w - \\eta\\,\\partial E_{total}/\\partial w` (on the curve), and
    the error after the step of all eight weights (``E_after``, off this slice).

    Parameters
    ----------
    weight : {"w1", ..., "w8"}, default "w5"
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
    >>> [line.get_label() for line in ax.lines][:3]
    ['$E_{total}$', '$E_{o1}$', '$E_{o2}$']
    """
    from matplotlib.ticker import MaxNLocator

    i = example.weight_index(weight)
    t = example.worked_example() if trace is None else trace
    s = t.settings
    w0 = s["weights"][i]
    lo = w0 - 4.0 if lo is None else lo
    hi = w0 + 4.0 if hi is None else hi
    xs = np.linspace(lo, hi, num)
    run = {"inputs": s["inputs"], "targets": s["targets"], "biases": s["biases"]}
    fig, ax = figure_for(ax, width=6.4, height=4.2)
    styles = {
        "E_total": (COLORS["ink"], "-", 2.2),
        "E_o1": (COLORS["blue"], "--", 1.5),
        "E_o2": (COLORS["gold"], "-.", 1.5),
    }
    for k, (c, ls, lw) in styles.items():
        ys = error_along(weight, xs, s["weights"], error=k, **run)
        ax.plot(xs, ys, color=c, ls=ls, lw=lw, label=f"$E_{{{k[2:]}}}$")
    g = t[f"dE_d{weight}"]
    half = 0.15 * (hi - lo)
    ax.plot(
        [w0 - half, w0 + half],
        [t["E_total"] - g * half, t["E_total"] + g * half],
        color=COLORS["accent"],
        lw=2,
        label=f"tangent, slope ∂E/∂{weight} = {g:.4f}",
    )
    w1 = t[f"{weight}_new"]
    (alone,) = error_along(weight, [w1], s["weights"], **run)
    points = [
        ([w0], [t["E_total"]], {"marker": "o", "color": COLORS["accent"]}, None),
        (
            [w1],
            [alone],
            {"marker": "o", "color": COLORS["navy"]},
            f"after one step of {weight} alone: E = {alone:.4f}",
        ),
        (
            [w1],
            [t["E_after"]],
            {"marker": "D", "mfc": "white", "mec": COLORS["green"], "mew": 2},
            f"after one step of all weights: E = {t['E_after']:.4f}",
        ),
    ]
    for x, y, style, label in points:
        ax.plot(x, y, ls="none", ms=7, label=label, **style)
    ax.set_xlabel(f"{weight} (all other parameters fixed)")
    ax.set_ylabel("error")
    legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncols=2)
    # The step is short on this scale: a magnified view of it, bottom right, high enough that
    # its tick labels stand above the E_o2 line.
    zoom = ax.inset_axes([0.63, 0.2, 0.35, 0.38])
    pad = 0.6 * abs(w0 - w1) + 1e-9
    xs_zoom = np.linspace(min(w0, w1) - pad, max(w0, w1) + pad, 41)
    zoom.plot(xs_zoom, error_along(weight, xs_zoom, s["weights"], **run), color=COLORS["ink"], lw=2)
    zoom.plot(xs_zoom, t["E_total"] + g * (xs_zoom - w0), color=COLORS["accent"], lw=1.5)
    for x, y, style, _ in points:
        zoom.plot(x, y, ls="none", ms=7, **style)
    ys = [t["E_total"], alone, t["E_after"]]
    span = max(ys) - min(ys)
    zoom.set_ylim(min(ys) - 0.3 * span, max(ys) + 0.3 * span)
    zoom.set_xlim(xs_zoom[0], xs_zoom[-1])
    zoom.tick_params(labelsize=FONT["small"], colors=COLORS["ink"])
    zoom.set_facecolor("white")
    zoom.grid(True, color=COLORS["grid"])
    zoom.xaxis.set_major_locator(MaxNLocator(3))
    zoom.yaxis.set_major_locator(MaxNLocator(3))
    ax.indicate_inset_zoom(zoom, edgecolor=COLORS["muted"])
    return fig, ax


def _tangent_at(ax, x0, y0, slope, xs, label, ms=8):
    """The tangent at ``(x0, y0)`` over ``xs``, dashed, and the point where it touches."""
    ax.plot(xs, y0 + slope * (xs - x0), color=COLORS["accent"], lw=1.8, ls="--", label=label)
    ax.plot([x0], [y0], "o", color=COLORS["accent"], ms=ms, zorder=3)
