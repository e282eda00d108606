"""The one style of the book's figures: palette, type scale, and a figure to draw on.

Every figure is drawn on an opaque white background with dark ink, so that it reads the same in
the site's light and dark modes. Change a colour or a font size here and every figure follows.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "COLORS",
    "FONT",
    "SERIES",
    "colorbar",
    "figure_for",
    "legend",
    "log_steps",
    "new_figure",
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
    "light": "#b8b8b8",
    "grid": "#e6e6e6",
}

#: The colours of several curves or bars in one figure, in order: the first series is blue,
#: the second red, and so on. Figures that compare runs use the same order, so one run keeps
#: its colour from one figure to the next.
SERIES = tuple(COLORS[c] for c in ("blue", "accent", "gold", "green", "navy", "ink"))

#: Font sizes in points. Figures are drawn at the width they are shown at (at most about 7
#: inches), so a point here is a point on the page: ``"small"`` (tick labels, legends, labels
#: inside a drawing) is no smaller than the page's small print, ``"body"`` is for axis labels
#: and node names, ``"title"`` for panel titles.
FONT = {"small": 11.0, "body": 12.0, "title": 13.0}


def new_figure(nrows=1, ncols=1, width=6.4, height=4.0, **kwargs):
    """A figure in the book's style: white, opaque, dark ink, light grid, the book's type scale.

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
    >>> fig.get_facecolor(), ax.xaxis.label.get_fontsize() == FONT["body"]
    ((1.0, 1.0, 1.0, 1.0), True)
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
        ax.grid(True, color=COLORS["grid"])
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(COLORS["muted"])
        ax.tick_params(which="both", colors=COLORS["ink"], labelsize=FONT["small"])
        for label in (ax.xaxis.label, ax.yaxis.label):
            label.set_color(COLORS["ink"])
            label.set_fontsize(FONT["body"])
        ax.title.set_color(COLORS["ink"])
        ax.title.set_fontsize(FONT["title"])
    return fig, axes


def figure_for(ax, width, height, nrows=1, ncols=1, **kwargs):
    """``(figure, ax)`` of the axes given, or a new figure of the book's style when ``ax`` is None.

    Every figure function takes ``ax=None`` (or ``axes=None`` for several panels): a new figure
    of its natural size, or panels of a figure the caller composes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, sequence or array of Axes, or None
        Returned as given, with the figure of its (first) axes.
    width, height : float
        Size in inches of the new figure.
    nrows, ncols, **kwargs
        The grid of a new figure, as :func:`new_figure` takes it.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes, or the axes of a grid

    Examples
    --------
    >>> fig, ax = figure_for(None, 4.0, 3.0)
    >>> figure_for(ax, 1.0, 1.0) == (fig, ax)
    True
    >>> fig, axes = figure_for(None, 7.0, 3.0, ncols=2)
    >>> figure_for(list(axes), 1.0, 1.0)[0] is fig
    True
    """
    if ax is None:
        return new_figure(nrows, ncols, width=width, height=height, **kwargs)
    return np.atleast_1d(np.asarray(ax, dtype=object)).flat[0].figure, ax


def legend(ax, **kwargs):
    """A legend in the book's style: no frame, the small font size.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.legend` (``loc``, ``ncols``, ...).

    Returns
    -------
    matplotlib.legend.Legend

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], label="a line")
    >>> legend(ax).get_texts()[0].get_fontsize() == FONT["small"]
    True
    """
    return ax.legend(**{"frameon": False, "fontsize": FONT["small"], **kwargs})


def log_steps(ax, last):
    """A step axis from 0 to ``last`` that is logarithmic from step 1 on.

    Linear between 0 and 1 (so step 0, the start, is shown), then one decade per tick:
    the first hundred steps of a long run get as much room as the last thousands.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    last : int
        The last step, >= 1.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> log_steps(ax, 1000)
    >>> ax.get_xscale(), [int(t) for t in ax.get_xticks()]
    ('symlog', [0, 1, 10, 100, 1000])
    """
    from matplotlib.ticker import NullLocator

    ax.set_xscale("symlog", linthresh=1.0, linscale=0.5)
    ax.set_xlim(0, last)
    ticks = [0] + [10**k for k in range(len(str(int(last))))]
    ticks = [t for t in ticks if t <= last]
    ax.set_xticks(ticks, [f"{t:d}" for t in ticks])
    ax.xaxis.set_minor_locator(NullLocator())


def colorbar(mappable, ax, label):
    """A colour bar beside ``ax`` in the book's type scale.

    Parameters
    ----------
    mappable : matplotlib.cm.ScalarMappable
        What the bar explains, e.g. the result of ``contourf`` or ``pcolormesh``.
    ax : matplotlib.axes.Axes
    label : str

    Returns
    -------
    matplotlib.colorbar.Colorbar

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> bar = colorbar(ax.imshow([[0, 1]]), ax, "value")
    >>> bar.ax.yaxis.label.get_fontsize() == FONT["body"]
    True
    """
    bar = ax.figure.colorbar(mappable, ax=ax)
    bar.set_label(label, fontsize=FONT["body"], color=COLORS["ink"])
    bar.ax.tick_params(labelsize=FONT["small"], colors=COLORS["ink"])
    return bar
