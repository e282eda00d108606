"""bp.plotting: the package's shape, its one style, and the branches the doctests do not run."""

import inspect

import matplotlib
import numpy as np
import pytest

import bp.plotting
from bp import example
from bp.landscape import error_along
from bp.plotting import FONT, SERIES, diagram

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
    """The step of w5 alone lies on the curve; the step of all weights is E_after."""
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


# --- The network diagram: labels on their own edges, clear of nodes and crossings ---------


def _label_half_length(ax, text):
    """Half the length of ``text`` along its baseline, in data units (equal aspect)."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    probe = ax.text(
        0,
        0,
        text.get_text(),
        fontsize=text.get_fontsize(),
        fontweight=text.get_fontweight(),
        bbox=text.get_bbox_patch() and {"boxstyle": "round,pad=0.2"},
    )
    width_px = probe.get_window_extent(renderer).width
    probe.remove()
    (x0, _), (x1, _) = ax.transData.inverted().transform([(0, 0), (width_px, 0)])
    return (x1 - x0) / 2


def _crossing(a, b):
    """Where the straight edges ``a`` and ``b`` cross, or None."""
    (p, q), (r, s) = ([np.array(diagram._POS[n]) for n in diagram._EDGES[e]] for e in (a, b))

    def cross(a, b):
        return a[0] * b[1] - a[1] * b[0]

    d = cross(q - p, s - r)
    if d == 0:
        return None
    t, u = cross(r - p, s - r) / d, cross(r - p, q - p) / d
    return p + t * (q - p) if 0 < t < 1 and 0 < u < 1 else None


FIGURES_OF_THE_NETWORK = {
    "weights": lambda: bp.plotting.draw_network(),
    "blame": lambda: bp.plotting.draw_network(
        edge_values={f"w{i}": example.worked_example()[f"dE_dw{i}"] for i in range(1, 9)},
        edge_format="{name}: {value:+.5f}",
        scale_widths=True,
    ),
    "path w5": lambda: bp.plotting.draw_gradient_path(weight="w5"),
    "path w1": lambda: bp.plotting.draw_gradient_path(weight="w1"),
}


@pytest.mark.parametrize("figure", sorted(FIGURES_OF_THE_NETWORK))
def test_each_weight_label_lies_on_its_edge_clear_of_nodes_and_crossings(figure):
    fig, ax = FIGURES_OF_THE_NETWORK[figure]()
    fig.canvas.draw()
    for name, (src, dst) in diagram._EDGES.items():
        x, y, angle = diagram._edge_label_position(name)
        (label,) = [t for t in ax.texts if t.get_position() == (x, y)]
        assert label.get_rotation() % 180 == pytest.approx(angle % 180)
        half = _label_half_length(ax, label)
        center = np.array([x, y])
        for node in (src, dst):
            gap = np.hypot(*(center - diagram._POS[node])) - diagram._R
            assert gap > half, f"{figure}: the label of {name} reaches into {node}"
        for other in diagram._EDGES:
            point = _crossing(name, other)
            if point is not None:
                assert np.hypot(*(center - point)) > half, (
                    f"{figure}: the label of {name} covers its crossing with {other}"
                )


def test_edges_have_one_width_unless_scaled():
    _, ax = bp.plotting.draw_network()
    widths = {
        a.arrow_patch.get_linewidth()
        for a in ax.texts
        if hasattr(a, "arrow_patch")
        and a.arrow_patch is not None
        and a.arrow_patch.get_linestyle() == "solid"
    }
    assert len(widths) == 1


def test_gradient_path_marks_only_the_factors_of_the_chain_rule():
    """sigma' of h1 is not a factor of dE/dw5; only out_h1 is."""
    t = example.worked_example()
    _, ax = bp.plotting.draw_gradient_path(t, weight="w5")
    slopes = [x.get_text() for x in ax.texts if x.get_text().startswith("σ′")]
    assert slopes == [f"σ′ = {t['dout_o1_dnet_o1']:.4f}"]
    red = matplotlib.colors.to_hex(bp.plotting.COLORS["accent"])
    reds = {x.get_text() for x in ax.texts if matplotlib.colors.to_hex(x.get_color()) == red}
    assert f"{t['out_h1']:.4f}" in reds  # the value w5 multiplies
    assert "w6" not in reds
    assert "w7" not in reds


def test_gradient_path_of_w1_labels_the_fork_with_weights_not_gradients():
    t = example.worked_example()
    _, ax = bp.plotting.draw_gradient_path(t, weight="w1")
    texts = {x.get_text() for x in ax.texts}
    assert {"w5 = 0.40", "w7 = 0.50"} <= texts
    slopes = sorted(x.get_text() for x in ax.texts if x.get_text().startswith("σ′"))
    want = sorted(f"σ′ = {t[f'dout_{u}_dnet_{u}']:.4f}" for u in ("h1", "o1", "o2"))
    assert slopes == want


def test_off_path_edges_are_thinner_than_the_path():
    _, ax = bp.plotting.draw_gradient_path(weight="w5")
    arrows = [a.arrow_patch for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    red = matplotlib.colors.to_rgba(bp.plotting.COLORS["accent"])
    on = [a.get_linewidth() for a in arrows if a.get_edgecolor() == red]
    off = [a.get_linewidth() for a in arrows if a.get_edgecolor() != red]
    assert min(on) > max(off)


# --- Graphs in rows ------------------------------------------------------------------------


def test_graph_rows_repeat_each_cut_and_share_one_scale():
    from bp.example import worked_example_graph

    E_total, _ = worked_example_graph()
    E_total.backward()
    _, axes = bp.plotting.draw_graph_rows(E_total, [("net_h1", "net_h2"), ("net_o1", "net_o2")])
    names = [[t.get_text() for t in ax.texts] for ax in axes]
    assert {"net_h1", "net_h2"} <= set(names[0]) & set(names[1])
    assert {"net_o1", "net_o2"} <= set(names[1]) & set(names[2])
    assert "E_total" in names[2]
    assert len({ax.get_xlim() for ax in axes}) == 1


def test_graph_rows_refuse_an_unknown_cut():
    from bp.graph import Value

    x = Value(1.0, label="x")
    with pytest.raises(
        ValueError, match=r"cuts must name nodes of the graph; got unknown labels \['y'\]"
    ):
        bp.plotting.draw_graph_rows(x * x, [["y"]])


# --- Log axes where the story is about orders of magnitude --------------------------------


def test_distance_bars_are_on_a_log_axis_and_equal_the_gaps():
    t = example.worked_example(steps=3)
    _, ax = bp.plotting.plot_outputs_vs_targets({"run": t}, distance=True)
    heights = sorted(round(p.get_height(), 15) for p in ax.patches)
    want = [abs(t["out_o1"] - 0.01), abs(t["out_o2"] - 0.99)]
    want += [abs(t["out_o1_after"] - 0.01), abs(t["out_o2_after"] - 0.99)]
    assert heights == sorted(round(w, 15) for w in want)
    assert ax.get_yscale() == "log"


def test_learning_rates_left_panel_is_the_error_against_the_step():
    _, ax = bp.plotting.plot_learning_rates(lrs=(0.5, 20.0, 400.0), steps=5)
    for line, lr in zip(ax[0].lines, (0.5, 20.0, 400.0), strict=True):
        assert line.get_ydata().tolist() == example.worked_example(lr=lr, steps=5).history


@pytest.mark.parametrize(
    "draw",
    [
        lambda: bp.plotting.draw_network(error=True, highlight=["o1", "E"]),
        lambda: bp.plotting.draw_gradient_path(weight="w1"),
    ],
)
def test_arrows_into_the_error_end_at_the_rim_of_its_box_not_under_it(draw):
    fig, ax = draw()
    fig.canvas.draw()
    (box,) = [p for p in ax.patches if p.get_width() == 2 * diagram._E_HALF]
    left = ax.transData.inverted().transform(box.get_window_extent())[0, 0]
    ex, ey = diagram._POS["E"]
    tips = [a.xy for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    into_error = [x for x, y in tips if abs(y - ey) < 0.2 and x > ex - 1]
    assert len(into_error) == 2
    assert all(x <= left + 1e-9 for x in into_error)


@pytest.mark.parametrize("weight", ["w1", "w5"])
def test_gradient_on_the_path_has_four_significant_digits_like_its_factors(weight):
    t = example.worked_example()
    _, ax = bp.plotting.draw_gradient_path(t, weight=weight)
    (label,) = [x.get_text() for x in ax.texts if x.get_text().startswith("∂E/∂w")]
    digits = label.split("\n")[1].lstrip("+-0.")
    assert len(digits) == 4
    assert float(label.split("\n")[1]) == float(f"{t[f'dE_d{weight}']:.4g}")


def test_no_curve_runs_through_the_tick_labels_of_the_error_along_inset():
    fig, ax = bp.plotting.plot_error_along("w5")
    fig.canvas.draw()
    (zoom,) = ax.child_axes
    labels = [x.get_window_extent() for x in zoom.get_xticklabels() if x.get_text()]
    assert labels
    for line in ax.lines:
        xy = ax.transData.transform(line.get_xydata())
        for box in labels:
            inside = (
                (xy[:, 0] >= box.x0)
                & (xy[:, 0] <= box.x1)
                & (xy[:, 1] >= box.y0)
                & (xy[:, 1] <= box.y1)
            )
            assert not inside.any(), line.get_label()
