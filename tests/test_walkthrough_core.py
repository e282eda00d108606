"""The walk-through page's JavaScript walks as bp walks: the same steps, text for text, and
the same numbers. Fast, no browser.

``docs/_static/walkthrough.js`` fills bp's templates (``bp.walk.page_data()``, in
``_static/bp-data.js``) with the numbers of ``explorer-core.js``. Here both scripts run under
Node (skipped when there is none), as the page loads them, on the 64 configurations of
``tests/data/trace_golden.json`` and under every slip on some of them; every line a step shows
must be bp's (:func:`bp.walk.step_lines`), and every number bp's to a relative 1e-12. The browser
tests (``tests/site/test_walkthrough.py``) check the page itself.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest
from test_explorer_core import CONFIGS, config_of

from bp import cli, slips, walk

ROOT = pathlib.Path(__file__).parents[1]
STATIC = ROOT / "docs" / "_static"
NODE = shutil.which("node")
REL = 1e-12

# Loads the page's scripts with a `window` and no document, then runs each job of stdin:
# {"config", "slip": an entry of the catalogue or null} -> [{key, value, lines}], or {"error"}.
HARNESS = """
const vm = require("vm"), fs = require("fs");
global.window = {};
for (const path of process.argv.slice(1)) vm.runInThisContext(fs.readFileSync(path, "utf8"));
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const out = jobs.map(j => {
  let steps;
  try { steps = window.bpWalk.steps(j.config, j.slip); } catch (e) { return {error: e.message}; }
  return steps.map((s, i) => ({key: s.key, value: s.value,
    lines: window.bpWalk.lines(s, i + 1, steps.length)}));
});
process.stdout.write(JSON.stringify(out));
"""


def node(code, tmp_path, script=None, stdin=""):
    """Run ``code`` in Node after the page's three scripts (``script``: walkthrough.js's text)."""
    if NODE is None:
        pytest.skip("Node is not installed: the walk-through is tested in the browser")
    (tmp_path / "bp-data.js").write_text(cli.page_script(), encoding="utf-8")
    page = tmp_path / "walkthrough.js"
    page.write_text(script or (STATIC / "walkthrough.js").read_text(encoding="utf-8"), "utf-8")
    scripts = [tmp_path / "bp-data.js", STATIC / "explorer-core.js", page]
    done = subprocess.run([NODE, "-e", code, *map(str, scripts)], input=stdin, text=True,
                          capture_output=True, check=False)  # fmt: skip
    assert not done.returncode, done.stderr
    return json.loads(done.stdout)


def run_js(jobs, tmp_path, script=None):
    return node(HARNESS, tmp_path, script, json.dumps(jobs))


def options(config):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in config.items()}


def differences(jobs, results):
    wrong, largest, compared = [], 0.0, 0
    for job, js in zip(jobs, results, strict=True):
        name = job["slip"]["name"] if job["slip"] else None
        where = f"{name or 'right'} {job['config']}"
        try:
            steps = walk.walk(name, **options(job["config"]))
        except ValueError as err:
            if js != {"error": str(err)}:
                wrong.append(f"{where}: page {js}, bp {err}")
            continue
        if "error" in js:
            wrong.append(f"{where}: page {js['error']}, bp walks")
            continue
        if [s["key"] for s in js] != [s["key"] for s in steps]:
            wrong.append(f"{where}: the steps differ")
            continue
        for k, (page, bp) in enumerate(zip(js, steps, strict=True), 1):
            if page["lines"] != walk.step_lines(bp, k, len(steps)):
                wrong.append(f"{where}: step {k}\n  page {page['lines']}\n  bp   {bp}")
            a, b = page["value"], bp["value"]
            rel = 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))
            largest = max(largest, rel)
            if rel > REL:
                wrong.append(f"{where}: {bp['key']} page {a!r}, bp {b!r}")
        compared += 1
    return wrong, largest, compared


def test_the_page_walks_as_bp_walks(tmp_path, capsys):
    catalogue = slips.catalogue()
    jobs = [{"config": c, "slip": None} for c in CONFIGS]
    jobs += [
        {"config": c, "slip": s}
        for c in CONFIGS[:6]
        for s in catalogue
        if slips.SLIPS[s["name"]].applies(c["bias"], c["update"])
    ]
    wrong, largest, compared = differences(jobs, run_js(jobs, tmp_path))
    assert not wrong, "\n".join(wrong[:5])
    assert compared >= 20 + len(catalogue)
    with capsys.disabled():
        print(
            f"\nwalkthrough.js vs bp.walk: {compared} walks compared line for line; largest "
            f"relative difference of a value {largest:.3g}"
        )


def test_a_planted_slip_in_the_page_fails_the_comparison(tmp_path):
    # The page fills a negative number without its parentheses: the lines differ from bp's.
    script = (STATIC / "walkthrough.js").read_text(encoding="utf-8")
    planted = 'return x < 0 ? "(" + text + ")" : text;'
    assert script.count(planted) == 1, "the line to plant the bug in has changed"
    jobs = [{"config": config_of([]), "slip": None}]
    results = run_js(jobs, tmp_path, script.replace(planted, "return text;"))
    wrong, _, _ = differences(jobs, results)
    assert any("delta_o2" in line for line in wrong), wrong


def test_the_page_shows_numbers_as_bp_does(tmp_path):
    xs = [0.0, -0.0, 1e9, 123456.7, -1.5e-5, 0.99999999999, 0.1 + 0.2, 5e-324, 1.5e308]
    code = (
        "const vm = require('vm'), fs = require('fs'); global.window = {};"
        "for (const p of process.argv.slice(1)) vm.runInThisContext(fs.readFileSync(p, 'utf8'));"
        f"process.stdout.write(JSON.stringify({json.dumps(xs)}.map(window.bpWalk.shown)));"
    )
    assert node(code, tmp_path) == [walk.shown(x) for x in xs]
