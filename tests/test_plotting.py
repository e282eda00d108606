"""bp.plotting: the package's shape, its one style, and the branches the doctests do not run."""

import inspect

import matplotlib
import numpy as np
import pytest

import bp.plotting
from bp import example
from bp.landscape import error_along
from bp.plotting import FONT, SERIES

FIGURES = [name for name in bp.plotting.__all__ if name.startswith(("plot_", "draw_"))]


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_function_takes_ax_none(name):
    params = inspect.signature(getattr(bp.plotting, name)).parameters
    key = "ax" if "ax" in params else "axes"
    assert key in params, f"{name} takes neither ax nor axes"
    assert params[key].default is None


def test_no_module_is_over_600_lines():
    from pathlib import Path

    for path in Path(bp.plotting.__file__).parent.glob("*.py"):
        assert len(path.read_text().splitlines()) <= 600, path.name


def test_backprop_cost_two_panels():
    """The branch the book uses (with measured times), which the doctest does not run."""
    _, axes = bp.plotting.plot_backprop_cost(
        [2, 3, 4],
        [3, 9, 27],
        [30, 100, 300],
        [20, 30, 40],
        times=([2, 3], [1e-3, 3e-3], [1e-4, 2e-4]),
    )
    assert len(axes) == 2
    assert [len(ax.lines) for ax in axes] == [3, 2]
    assert axes[1].get_yscale() == "log"
    assert axes[1].lines[0].get_ydata().tolist() == [1e-3, 3e-3]
    assert axes[1].lines[1].get_ydata().tolist() == [1e-4, 2e-4]


def test_backprop_cost_on_given_axes():
    fig, axes = bp.plotting.new_figure(1, 2)
    got_fig, got_axes = bp.plotting.plot_backprop_cost(
        [2, 3], [3, 9], [30, 100], [20, 30], times=([2], [1.0], [0.5]), axes=axes
    )
    assert got_fig is fig
    assert got_axes is axes


def test_error_along_marks_both_after_step_points():
    """Issue 12.3: the step of w5 alone lies on the curve; the step of all weights is E_after."""
    t = example.worked_example()
    _, ax = bp.plotting.plot_error_along("w5", trace=t, num=21)
    alone = [line for line in ax.lines if "alone" in line.get_label()]
    every = [line for line in ax.lines if "all weights" in line.get_label()]
    assert len(alone) == len(every) == 1
    x, y = alone[0].get_xdata()[0], alone[0].get_ydata()[0]
    assert x == t["w5_new"]
    assert y == error_along("w5", [t["w5_new"]])[0]
    assert every[0].get_ydata()[0] == t["E_after"]


def test_style_font_sizes_are_the_scale():
    _, ax = bp.plotting.plot_error_vs_weight()
    sizes = {t.get_fontsize() for t in ax.texts if t.get_text()} | {
        t.get_fontsize() for t in ax.get_legend().get_texts()
    }
    sizes |= {label.get_fontsize() for label in ax.get_xticklabels()}
    assert sizes <= set(FONT.values())
    assert min(sizes) >= FONT["small"]


def test_series_are_distinct_colours():
    assert len(set(SERIES)) == len(SERIES)


def test_training_curves_use_the_series_in_order():
    _, axes = bp.plotting.plot_training_curves(
        {"a": [1.0, 0.5], "b": [0.9, 0.4]}, {"a": [0.5, 0.6]}
    )
    colors = [matplotlib.colors.to_hex(line.get_color()) for line in axes[0].lines]
    assert colors == [SERIES[0], SERIES[1]]


def test_matrix_shapes_on_given_axes_keeps_the_figure_size():
    fig, ax = bp.plotting.new_figure(width=5.0, height=3.0)
    bp.plotting.plot_matrix_shapes([[("Z", (3, 2)), "=", ("A", (3, 2))]], ax=ax)
    assert tuple(fig.get_size_inches()) == (5.0, 3.0)


def test_digits_on_given_axes():
    fig, axes = bp.plotting.new_figure(1, 2, squeeze=False)
    got_fig, got = bp.plotting.plot_digits(np.zeros((2, 64)), ["a", "b"], axes=axes)
    assert got_fig is fig
    assert [ax.get_title() for ax in got.flat] == ["a", "b"]


@pytest.mark.parametrize("weight", ["w0", "x", 5])
def test_error_along_refuses_unknown_weight(weight):
    with pytest.raises(ValueError, match="weight must be one of"):
        bp.plotting.plot_error_along(weight)
