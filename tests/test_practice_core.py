"""The pages draw the variants bp draws: ``docs/_static/practice-core.js`` against bp.practice.

The script holds only the generator's arithmetic; the ranges, the exercises and their rules come
from ``_static/bp-data.js`` (:func:`bp.cli.page_data`). Here it runs under Node (skipped when
there is none) for 60 seeds of every exercise: the same numbers bit for bit, the same number of
draws, and the same answers to a relative 1e-12. A constant changed in the JavaScript generator
must fail that comparison. The browser tests (``tests/site/test_practice.py``) check the pages.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

from bp import cli, practice

ROOT = pathlib.Path(__file__).parents[1]
STATIC = ROOT / "docs" / "_static"
NODE = shutil.which("node")
SEEDS = range(60)
REL = 1e-12

# Loads the page's three scripts in order (a `window` global), then answers each call of stdin:
# {"call": name of bpPracticeCore or bpExplorer, "args": [...]} -> its result, or {"error": ...}.
HARNESS = """
const vm = require("vm"), fs = require("fs");
global.window = {};
for (const path of process.argv.slice(1)) vm.runInThisContext(fs.readFileSync(path, "utf8"));
const calls = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(calls.map(c => {
  const where = c.call in window.bpPracticeCore ? window.bpPracticeCore : window.bpExplorer;
  try { return where[c.call](...c.args); } catch (e) { return {error: e.message}; }
})));
"""


def page_scripts(tmp_path, core=None):
    """The page's scripts in the order it loads them: bp's data, the explorer's arithmetic and
    the practice generator (or ``core`` in its place)."""
    mine = core or (STATIC / "practice-core.js").read_text(encoding="utf-8")
    (tmp_path / "practice-core.js").write_text(mine, encoding="utf-8")
    (tmp_path / "bp-data.js").write_text(cli.page_script(), encoding="utf-8")
    return [tmp_path / "bp-data.js", STATIC / "explorer-core.js", tmp_path / "practice-core.js"]


def run_js(calls, tmp_path, core=None):
    if NODE is None:
        pytest.skip("Node is not installed: the practice generator is tested in the browser")
    paths = page_scripts(tmp_path, core)
    command = [NODE, "-e", HARNESS, *map(str, paths)]
    try:
        out = subprocess.check_output(command, input=json.dumps(calls), text=True, stderr=-1)
    except subprocess.CalledProcessError as err:
        pytest.fail(f"Node failed:\n{err.stderr}")
    return json.loads(out)


def variant_calls():
    return [
        {"call": "variant", "args": [seed, name]} for seed in SEEDS for name in practice.EXERCISES
    ]


def differences(calls, results):
    """Where the page's variants differ from bp's, and the largest relative difference."""
    wrong, largest = [], 0.0
    for call, js in zip(calls, results, strict=True):
        v = practice.variant(*call["args"])
        config = {k: list(x) if isinstance(x, tuple) else x for k, x in v.config.items()}
        where = f"seed {v.seed}, {v.exercise}"
        if (js.get("config"), js.get("asks"), js.get("draws")) != (config, v.asks, v.draws):
            wrong.append(f"{where}: page {js}, bp {config} {v.asks} after {v.draws} draw(s)")
            continue
        for key, x in v.answers.items():
            rel = 0.0 if x == js["answers"][key] else abs(x - js["answers"][key]) / abs(x)
            largest = max(largest, rel)
            if rel > REL:
                wrong.append(f"{where}: {key} page {js['answers'][key]!r}, bp {x!r}")
    return wrong, largest


def test_the_page_draws_bps_variants_for_60_seeds(tmp_path, capsys):
    calls = variant_calls()
    wrong, largest = differences(calls, run_js(calls, tmp_path))
    assert not wrong, "\n".join(wrong[:10])
    with capsys.disabled():  # for the record
        print(
            f"\npractice-core.js vs bp: {len(SEEDS)} seeds x {len(practice.EXERCISES)} "
            f"exercises, same numbers; largest relative difference of an answer {largest:.3g}"
        )


def test_the_generator_gives_bps_integers(tmp_path):
    states = [0, 1, 17, 2**31 - 1, 2**31, 2**32 - 1, *range(12345, 12345 * 300, 12345)]
    calls = [{"call": "mulberry32", "args": [s]} for s in states]
    assert run_js(calls, tmp_path) == [list(practice.mulberry32(s)) for s in states]


def test_a_changed_constant_in_the_generator_fails_the_comparison(tmp_path):
    source = (STATIC / "practice-core.js").read_text(encoding="utf-8")
    assert source.count("t | 61") == 1, "the line to plant the bug in has changed"
    calls = variant_calls()[:20]
    wrong, _ = differences(calls, run_js(calls, tmp_path, source.replace("t | 61", "t | 63")))
    assert len(wrong) >= 15


@pytest.mark.parametrize("text", ["abc", "-1", "4294967296", "1.5", "", "1-3", "١٧"])
def test_a_bad_seed_gets_the_command_lines_message(text, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["practice", "--seed", text])
    said = capsys.readouterr().err.strip().removeprefix("bp practice: error: ")
    assert run_js([{"call": "seedProblem", "args": [text]}], tmp_path) == [said]


def test_a_good_seed_has_no_problem(tmp_path):
    assert run_js([{"call": "seedProblem", "args": ["17"]}], tmp_path) == [None]


def test_the_page_rounds_answers_as_bp(tmp_path):
    values = [v for s in range(5) for v in practice.variant(s, "hidden-layer-1").answers.values()]
    calls = [{"call": "rounded", "args": [x]} for x in values]
    assert run_js(calls, tmp_path) == [practice.rounded(x) for x in values]
