"""Training: error and loss curves, outputs against targets, decision boundaries, digits."""

from __future__ import annotations

import numpy as np

from bp import example
from bp.plotting.style import (
    COLORS,
    FONT,
    SERIES,
    colorbar,
    figure_for,
    legend,
    log_steps,
)
from bp.slips import sequential_error

__all__ = [
    "plot_decision_boundary",
    "plot_delta_by_layer",
    "plot_digits",
    "plot_error_histories",
    "plot_loss_curve",
    "plot_outputs_vs_targets",
    "plot_training_curves",
    "plot_update_order",
]


def plot_error_histories(histories, ax=None, logx=False):
    """Training curves: the error before each step, on a logarithmic axis.

    Parameters
    ----------
    histories : dict of str to sequence of float
        A label and a history, such as the ``history`` of a :class:`bp.example.Trace`, per curve.
    ax : matplotlib.axes.Axes, optional
    logx : bool, default False
        Steps on a logarithmic axis too (linear from 0 to 1, then logarithmic): for a long run
        whose first hundred steps matter as much as its last thousands.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> fig, ax = plot_error_histories({"fixed": [0.3, 0.2, 0.1], "shared": [0.3, 0.1, 0.01]})
    >>> len(ax.lines), ax.get_yscale()
    (2, 'log')
    >>> plot_error_histories({"fixed": [0.3, 0.2, 0.1]}, logx=True)[1].get_xscale()
    'symlog'
    """
    fig, ax = figure_for(ax, width=6.4, height=4.0)
    styles = ["-", "--", "-.", ":", "-"]
    for n, (label, h) in enumerate(histories.items()):
        ax.plot(
            np.arange(len(h)),
            h,
            color=SERIES[n % len(SERIES)],
            ls=styles[n % len(styles)],
            lw=2,
            label=label,
        )
    ax.set_yscale("log")
    if logx:
        log_steps(ax, max(len(h) for h in histories.values()) - 1)
    ax.set_xlabel("step (log scale)" if logx else "step")
    ax.set_ylabel("$E_{total}$ (log scale)")
    legend(ax)
    return fig, ax


def plot_outputs_vs_targets(traces, ax=None, start=True, distance=False):
    """The outputs :math:`out_{o1}, out_{o2}` of several runs beside the targets, as bars.

    With ``distance=True`` the bars are how far each output is from its target,
    :math:`|out - target|`, on a logarithmic axis: outputs of 0.010 and 0.016 look alike beside
    a target of 0.01 on a scale from 0 to 1, but their distances differ by orders of magnitude.

    Parameters
    ----------
    traces : dict of str to bp.example.Trace
        A label and a run per bar: the outputs after the run's last step.
    ax : matplotlib.axes.Axes, optional
    start : bool, default True
        Also show the outputs before training (those of the first run's first forward pass).
    distance : bool, default False
        Plot :math:`|out - target|` on a log axis instead of the outputs beside the targets.

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
    >>> fig, ax = plot_outputs_vs_targets({"1 step": worked_example()}, distance=True)
    >>> len(ax.patches), ax.get_yscale()  # start and the run, for two outputs
    (4, 'log')
    """
    fig, ax = figure_for(ax, width=6.4, height=3.6)
    first = next(iter(traces.values()))
    targets = np.array(first.settings["targets"])
    groups = {} if distance else {"target": list(targets)}
    # Runs in the colours of plot_error_histories; the target dark grey, the start light grey.
    colors = [] if distance else [COLORS["muted"]]
    if start:
        groups["start"] = [first["out_o1"], first["out_o2"]]
        colors.append(COLORS["light"])
    groups.update({k: [t["out_o1_after"], t["out_o2_after"]] for k, t in traces.items()})
    colors += list(SERIES) * len(traces)
    if distance:
        groups = {k: list(np.abs(np.array(ys) - targets)) for k, ys in groups.items()}
    width = 0.8 / len(groups)
    for n, (label, ys) in enumerate(groups.items()):
        xs = np.arange(2) + (n - (len(groups) - 1) / 2) * width
        bars = ax.bar(xs, ys, width, color=colors[n], label=label)
        ax.bar_label(bars, fmt="%.0e" if distance else "%.3f", fontsize=FONT["small"], padding=2)
    ax.set_xticks([0, 1], ["out_o1", "out_o2"])
    if distance:
        ax.set_yscale("log")
        lo, hi = min(min(ys) for ys in groups.values()), max(max(ys) for ys in groups.values())
        ax.set_ylim(lo / 3, hi * 30)
        ax.set_ylabel("|out − target| (log scale)")
    else:
        ax.set_ylim(0, 1.15)
        ax.set_ylabel("value")
    legend(ax, ncols=len(groups), loc="upper left")
    return fig, ax


def plot_update_order(lrs=None, ax=None):
    """How far the "sequential" hidden-layer gradients are from the true ones, by learning rate.

    For each learning rate :math:`\\eta` the worked example is run twice: with every gradient
    taken at the old weights (``update="simultaneous"``, the gradient) and with the hidden
    deltas built from output weights already updated (``update="sequential"``, a common
    mistake). Plotted is :func:`bp.slips.sequential_error`, the largest relative error
    :math:`|g_{seq} - g| / \\max(|g_{seq}|, |g|)` over the four hidden weights' gradients.

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
    errors = [sequential_error(float(lr)) for lr in lrs]
    fig, ax = figure_for(ax, width=6.4, height=3.8)
    ax.loglog(lrs, errors, "o-", color=COLORS["accent"], ms=4, label="sequential vs. true gradient")
    ax.axvline(example.LEARNING_RATE, color=COLORS["muted"], ls="--", lw=1)
    ax.text(
        example.LEARNING_RATE * 1.1,
        min(errors),
        f"η = {example.LEARNING_RATE:g}",
        color=COLORS["muted"],
        fontsize=FONT["small"],
    )
    ax.set_xlabel("learning rate η (log scale)")
    ax.set_ylabel("largest relative error of ∂E/∂w1…w4")
    legend(ax, loc="upper left")
    return fig, ax


def plot_delta_by_layer(magnitudes, bound=None, ax=None):
    """How large the error :math:`\\delta^{(l)}` is in each layer, one line per activation.

    Parameters
    ----------
    magnitudes : dict of str to sequence of float
        For each activation's name, a size of :math:`\\delta^{(l)}` (e.g. the mean of
        :math:`|\\delta^{(l)}_j|`) for :math:`l = 1, \\dots, L`.
    bound : sequence of float, optional
        A reference curve, e.g. :math:`(1/4)^{L - l}` times the output layer's value.
    ax : matplotlib.axes.Axes, optional

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
    fig, ax = figure_for(ax, width=6.4, height=4.0)
    palette = {"sigmoid": COLORS["accent"], "tanh": COLORS["gold"], "relu": COLORS["blue"]}
    others = iter(SERIES[3:])
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
    legend(ax)
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
    fig, ax = figure_for(ax, width=6.0, height=3.6)
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
        legend(ax)
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
    fig, axes = figure_for(axes, width=7.0, height=3.4, ncols=2)
    for (name, curve), color in zip(losses.items(), SERIES, strict=False):
        plot_loss_curve(curve, ax=axes[0], label=name, color=color)
    for (name, curve), color in zip(accuracies.items(), SERIES, strict=False):
        epochs = np.arange(1, len(curve) + 1)
        axes[1].plot(epochs, 100 * np.asarray(curve), color=color, lw=1.8, label=name)
    axes[1].set_xlabel("epoch")
    axes[1].set_ylabel("accuracy (%)")
    legend(axes[1])
    return fig, axes


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
    fig, ax = figure_for(ax, width=4.6, height=4.0)
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float).ravel()
    pad = 0.25 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    out = net.forward(np.column_stack([g1.ravel(), g2.ravel()]))[:, 0].reshape(g1.shape)
    # Drawn as pixels, not 40,000 vector squares (which would weigh megabytes in an SVG).
    mesh = ax.pcolormesh(g1, g2, out, cmap="BuPu", vmin=0, vmax=1, shading="auto", rasterized=True)
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
    colorbar(mesh, ax, "network output")
    ax.set_xlabel("input 1")
    ax.set_ylabel("input 2")
    ax.grid(False)
    ax.set_aspect("equal")
    legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2)
    return fig, ax


def plot_digits(images, titles, ncols=6, axes=None):
    """A row (or grid) of 8x8 digit images, each with a title.

    Parameters
    ----------
    images : numpy.ndarray, shape (n, 64)
        Flattened images, pixels in [0, 1] as :func:`bp.data.digits` returns them.
    titles : sequence of str
        One title per image, e.g. ``"7 read as 9"``.
    ncols : int, default 6
    axes : numpy.ndarray of Axes, optional
        At least as many axes as images; by default a new figure of ``ncols`` columns.

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
    fig, axes = figure_for(
        axes, width=1.15 * ncols, height=1.5 * nrows, nrows=nrows, ncols=ncols, squeeze=False
    )
    axes = np.asarray(axes)
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k < n:
            ax.imshow(
                images[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest"
            )
            ax.set_title(titles[k], fontsize=FONT["body"], color=COLORS["ink"])
    return fig, axes
