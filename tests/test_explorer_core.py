"""The explorer's JavaScript computes what bp computes, and its data is bp's: fast, no browser.

``docs/_static/explorer-core.js`` holds only the arithmetic of the worked example; everything it
knows of bp (options, defaults, wiring, names and order of quantities, the slip catalogue) comes
from ``_static/bp-data.js``, which the book's build writes from :func:`bp.cli.page_data`. Here the
script runs under Node (skipped when there is none) on every configuration of
``tests/data/trace_golden.json`` (64, every bias mode and update order, 1 to 1,000 steps), right
and with each slip of the catalogue, and every value is compared with bp's to a relative 1e-12 (or 1e-18 absolute).
A sign flipped in the JavaScript must fail that comparison. The browser tests
(``tests/site/test_explorer.py``) check the page itself.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import types

import numpy as np
import pytest

from bp import cli, example, slips, walk
from bp.plotting import diagram

ROOT = pathlib.Path(__file__).parents[1]
CORE = ROOT / "docs" / "_static" / "explorer-core.js"
NODE = shutil.which("node")
REL = 1e-12
# Near a minimum an error is the square of a difference of nearly equal numbers: one ulp of
# exp in out_o1 (Math.exp and numpy's need not round alike) moves an E_after of 1e-10 by 1e-21,
# a relative 1e-11. Values this close agree.
ABS = 1e-18
KEYS = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
GOLDEN = json.loads((ROOT / "tests" / "data" / "trace_golden.json").read_text(encoding="utf-8"))
# The largest relative difference seen, JS against bp, printed by the slips' test.
LARGEST = {"rel": 0.0, "where": None, "values": 0, "runs": 0}

# Loads bp-data.js and explorer-core.js as the page does (a `window` global), then runs each job
# of stdin: {"config": ..., "slip": an entry of the catalogue or null} -> the values, or
# {"error": message}.
HARNESS = """
const vm = require("vm"), fs = require("fs");
global.window = {};
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
const X = window.bpExplorer;
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const out = jobs.map(j => {
  if (j.call) return X[j.call](...j.args);
  try { return X.workedExample(j.config, j.slip); } catch (e) { return {error: e.message}; }
});
process.stdout.write(JSON.stringify(out));
"""


def config_of(args):
    """The configuration of ``python -m bp trace ARGS`` as the page holds it (lists, not tuples)."""
    a = cli.build_parser().parse_args(["trace", *args])
    return {
        k: list(v) if isinstance(v, tuple) else v for k, v in ((k, getattr(a, k)) for k in KEYS)
    }


CONFIGS = [config_of(case["args"]) for case in GOLDEN]


def run_js(jobs, tmp_path, core=None):
    """Run the jobs in Node on bp's page data and ``core`` (default: the explorer's script)."""
    if NODE is None:
        pytest.skip("Node is not installed: the explorer's arithmetic is tested in the browser")
    data = tmp_path / "bp-data.js"
    data.write_text(cli.page_script(), encoding="utf-8")
    script = tmp_path / "explorer-core.js"
    script.write_text(CORE.read_text(encoding="utf-8") if core is None else core, encoding="utf-8")
    run = subprocess.run(
        [NODE, "-e", HARNESS, str(data), str(script)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def bp_run(config, slip=None):
    """bp's values for a configuration (with a slip of the catalogue), or its overflow message."""
    options = {k: tuple(v) if isinstance(v, list) else v for k, v in config.items()}
    try:
        return dict(slips.trace(slip, **options))
    except ValueError as err:
        return {"error": str(err)}


def rel_diff(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


def differences(jobs, results, record=True):
    """Every value of the JS that differs from bp's, as readable lines."""
    wrong = []
    for job, js in zip(jobs, results, strict=True):
        slip = job["name"]
        theirs = bp_run(job["config"], slip)
        where = f"{slip or 'right'} {job['config']}"
        if "error" in theirs or "error" in js:
            if js != theirs:
                wrong.append(f"{where}: page {js.get('error')!r}, bp {theirs.get('error')!r}")
            continue
        if set(js) != set(theirs):
            wrong.append(f"{where}: keys {sorted(set(js) ^ set(theirs))} not on both sides")
            continue
        for key, x in js.items():
            rel = rel_diff(x, theirs[key])
            if record:
                LARGEST["values"] += 1
                if rel > LARGEST["rel"]:
                    LARGEST.update(rel=rel, where=f"{key}, {where}")
            if rel > REL and abs(x - theirs[key]) > ABS:
                wrong.append(f"{where}: {key} page {x!r}, bp {theirs[key]!r} ({rel:.1e})")
        LARGEST["runs"] += record
    return wrong


def jobs_for(names):
    entries = {s["name"]: s for s in slips.catalogue()}
    return [
        {"config": c, "name": name, "slip": entries.get(name)}
        for name in names
        for c in CONFIGS
        if name is None or slips.SLIPS[name].applies(c["bias"], c["update"])
    ]


def test_the_right_numbers_equal_bp_on_the_books_configurations(tmp_path):
    jobs = jobs_for([None])
    assert len(jobs) == len(GOLDEN) == 64
    wrong = differences(jobs, run_js(jobs, tmp_path))
    assert not wrong, "\n".join(wrong[:20])


def test_each_slips_numbers_equal_bp(tmp_path, capsys):
    jobs = jobs_for(slips.SLIPS)
    results = run_js(jobs, tmp_path)
    assert {j["name"] for j in jobs} == set(slips.SLIPS)
    wrong = differences(jobs, results)
    assert not wrong, "\n".join(wrong[:20])
    with capsys.disabled():  # the largest difference so far, for the record
        print(
            f"\nexplorer-core.js vs bp: largest relative difference {LARGEST['rel']:.3g} "
            f"({LARGEST['where']}) over {LARGEST['values']} values of {LARGEST['runs']} runs"
        )


# The `sign` slip planted in the JavaScript: dE/dout = target - out instead of out - target.
PLANTED = ("out - t]", "t - out]")  # in the rule `error`


def test_a_planted_sign_error_fails_the_comparison(tmp_path):
    core = CORE.read_text(encoding="utf-8")
    assert core.count(PLANTED[0]) == 1, "the line to plant the bug in has changed"
    jobs = jobs_for([None])[:3]
    wrong = differences(jobs, run_js(jobs, tmp_path, core.replace(*PLANTED)), record=False)
    assert any(": dE_dw5 page" in line for line in wrong), wrong


def test_the_page_reads_bps_names_and_defaults(tmp_path):
    calls = [{"call": "jsonKeys", "args": [b]} for b in example.BIAS_MODES]
    calls += [{"call": "parseHash", "args": [""]}, {"call": "parseHash", "args": ["lr=0.8"]}]
    *keys, defaults, fast = run_js(calls, tmp_path)
    assert keys == [example.json_keys(b) for b in example.BIAS_MODES]
    assert defaults["config"] == config_of([])
    assert fast["config"] == config_of(["--lr", "0.8"])


def test_the_build_writes_bps_page_data(tmp_path):
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        bp_book = pytest.importorskip("bp_book", reason="the build's extension needs Sphinx")
    finally:
        sys.path.pop(0)
    app = types.SimpleNamespace(outdir=str(tmp_path), builder=types.SimpleNamespace(format="html"))
    bp_book._write_page_data(app, None)
    written = (tmp_path / "_static" / "bp-data.js").read_text(encoding="utf-8")
    assert written == cli.page_script()
    data = json.loads(written.split("window.bpData = ", 1)[1].rstrip().removesuffix(";"))
    assert data == cli.page_data()
    assert data["catalogue"] == slips.catalogue()
    assert [o["default"] for o in data["options"]] == list(config_of([]).values())


def table_keys(table):
    """The quantities the table of ``python -m bp trace`` shows, by the names of the JSON."""
    keys, section = [], None
    for line in table.splitlines():
        if line and not line.startswith(" "):
            section = line.split()[0]
            continue
        words = line.split()
        if not words or words == ["old", "new"]:
            continue
        name = words[0]
        if section == "Update":
            name += "_new"
        elif section == "After":
            name = "E_after" if name == "E_total" else f"{name}_after"
        keys.append(name)
    return keys


@pytest.mark.parametrize("bias", example.BIAS_MODES)
def test_the_json_the_table_and_the_page_show_the_same_quantities(bias, capsys):
    assert cli.main(["trace", "--json", "--bias", bias]) == 0
    json_keys = list(json.loads(capsys.readouterr().out))
    assert cli.main(["trace", "--bias", bias]) == 0
    shown_in_table = table_keys(capsys.readouterr().out)
    page = cli.page_data()["quantities"][bias]
    shown_on_page = [k for group in page.values() for k in group]
    assert set(json_keys) == set(shown_in_table) == set(shown_on_page)
    assert json_keys == shown_on_page  # and in the same order
    assert len(json_keys) == len(set(json_keys))
    # the deltas and chain-rule factors are among them, both conventions' bias gradients too
    assert {"delta_h1", "dEo2_dout_h1", "dout_o1_dnet_o1", "dE_db1", "dE_db_o2"} <= set(json_keys)


# ---- The diagram: each weight's label on its own edge, by the rule of the book's figures ----

# The explorer's layout (docs/_static/explorer.js: columns, rows, radius) and the figures'
# (bp.plotting.diagram: x of each layer, y of each neuron, the first on top, radius).
PAGE_LAYOUT = ([50, 340, 630], [120, 300], 34)
FIGURE_LAYOUT = (
    [diagram._POS[layer[0]][0] for layer in example.LAYERS],
    [diagram._POS[n][1] for n in example.LAYERS[0]],
    diagram._R,
)


def _cross(a, b):
    return a[0] * b[1] - a[1] * b[0]


def _crossings(pos, name):
    """Where the edge of weight ``name`` crosses others, as fractions of it (from its source)."""
    (p, q) = (np.array(pos[n], float) for n in example.WIRING[name])
    found = []
    for other, (a, b) in example.WIRING.items():
        r, s = np.array(pos[a], float), np.array(pos[b], float)
        d = _cross(q - p, s - r)
        if other == name or d == 0:
            continue
        t, u = _cross(r - p, s - r) / d, _cross(r - p, q - p) / d
        if 0 < t < 1 and 0 < u < 1:
            found.append(t)
    return found


def layout_of(tmp_path, cols, rows, r, core=None):
    (layout,) = run_js([{"call": "diagramLayout", "args": [cols, rows, r]}], tmp_path, core)
    return layout


@pytest.mark.parametrize("layout", [PAGE_LAYOUT, FIGURE_LAYOUT], ids=["page", "figures"])
def test_each_weight_label_sits_on_the_edge_bps_wiring_gives_it(tmp_path, layout):
    cols, rows, r = layout
    pos = {n: (cols[l], rows[j]) for l, ns in enumerate(example.LAYERS) for j, n in enumerate(ns)}
    edges = layout_of(tmp_path, cols, rows, r)["edges"]
    assert set(edges) == set(example.WIRING)
    crossed = 0
    for w, (src, dst) in example.WIRING.items():
        e = edges[w]
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        assert (e["from"], e["to"]) == ([x0, y0], [x1, y1]), w
        t = (e["x"] - x0) / (x1 - x0)  # no edge is vertical
        assert e["y"] == pytest.approx(y0 + t * (y1 - y0)), f"the label of {w} is off its edge"
        assert e["angle"] == pytest.approx(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        length = np.hypot(x1 - x0, y1 - y0)
        crossings = _crossings(pos, w)
        if not crossings:
            assert t == pytest.approx(0.5), w
            continue
        # halfway between the rim of the neuron it leaves and the first crossing
        crossed += 1
        first = min(crossings)
        assert r / length < t < first, w
        assert t - r / length == pytest.approx(first - t), w
    assert crossed == 4  # w2, w3, w6, w7


def test_the_page_places_labels_where_the_figures_do(tmp_path):
    edges = layout_of(tmp_path, *FIGURE_LAYOUT)["edges"]
    for w in example.WIRING:
        x, y, angle = diagram._edge_label_position(w)
        e = edges[w]
        assert (e["x"], e["y"], e["angle"]) == pytest.approx((x, y, angle)), w


def test_a_label_planted_at_the_crossing_fails(tmp_path):
    core = CORE.read_text(encoding="utf-8")
    planted = ("(r / length + first) / 2", "first")
    assert core.count(planted[0]) == 1, "the line to plant the bug in has changed"
    edges = layout_of(tmp_path, *FIGURE_LAYOUT, core=core.replace(*planted))["edges"]
    moved = [
        w
        for w in example.WIRING
        if (edges[w]["x"], edges[w]["y"]) != pytest.approx(diagram._edge_label_position(w)[:2])
    ]
    assert moved == ["w2", "w3", "w6", "w7"]


# ---- The rule beside each quantity: bp's (bp.walk), never typed in the page ----------------


@pytest.mark.parametrize("update", example.UPDATE_ORDERS)
def test_the_rule_of_each_quantity_is_bp_walks(tmp_path, update):
    calls = [{"call": "rules", "args": [b, update]} for b in example.BIAS_MODES]
    for bias, rules in zip(example.BIAS_MODES, run_js(calls, tmp_path), strict=True):
        steps = walk.walk(bias=bias, update=update)
        assert rules == {s["key"]: s["rule"].split(" = ", 1)[1] for s in steps}
        # every quantity the page lists has its rule, but the other convention's bias gradients
        missing = set(example.json_keys(bias)) - set(rules)
        others = (
            {"dE_db1", "dE_db2"}
            if bias == "per-neuron"
            else {f"dE_db_{n}" for layer in example.LAYERS[1:] for n in layer}
        )
        assert missing == others
    if update == "sequential":  # the slip is visible in its rule: the updated output weight
        assert rules["dEo1_dout_h1"] == "delta_o1 · w5_new"
