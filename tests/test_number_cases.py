"""One grammar of numbers, one verdict: ``python -m bp`` and the explorer's JavaScript agree.

The cases are in tests/data/number_cases.json, which tests/site/test_explorer.py reads too (the
page in a browser). Here they run against bp (``bp._checks.number_problem``, ``python -m bp
trace`` and ``python -m bp check``) and, when Node is installed, against
docs/_static/explorer-core.js under Node: the same arguments must give the same error, the same
numbers the same verdicts and the same report, line for line.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

from bp import _checks, cli, slips

ROOT = pathlib.Path(__file__).parent.parent
CASES = json.loads((ROOT / "tests" / "data" / "number_cases.json").read_text(encoding="utf-8"))
CORE = ROOT / "docs" / "_static" / "explorer-core.js"


def check_argv(case):
    """The arguments of ``python -m bp check`` for a check case."""
    options = [a for flag, texts in case.get("options", {}).items() for a in (f"--{flag}", *texts)]
    return ["check", *options, *(f"{k}={v}" for k, v in case["numbers"].items())]


def run_cli(argv, capsys):
    """``python -m bp ARGV`` in-process: exit status, stdout lines, the error after 'error: '."""
    try:
        status = cli.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    error = err.strip().split("error: ", 1)[1] if err.strip() else None
    return status, out.splitlines(), error


def verdicts(case):
    """bp.slips.check's verdict on each value of a check case."""
    options = case.get("options", {})
    config = {k: tuple(map(float, v)) for k, v in options.items()}
    result = slips.check(case["numbers"], **config)
    return {
        k: "unchecked" if k in result.unchecked else "wrong" if k in result.differ else "right"
        for k in result.given
    }


GRAMMAR = [pytest.param(c, id=repr(c["text"])) for c in CASES["grammar"]]
OPTIONS = [pytest.param(c, id=" ".join(c["args"])) for c in CASES["options"]]
CHECKS = [pytest.param(c, id=c["name"]) for c in CASES["checks"]]


def numbered(params):
    """The same cases with their position in the file, as ``(i, case)``."""
    return [pytest.param(i, *p.values, id=p.id) for i, p in enumerate(params)]


# --- bp --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", GRAMMAR)
def test_bp_reads_each_text_by_the_one_grammar(case):
    assert _checks.number_problem(case["text"]) == case["problem"]


@pytest.mark.parametrize("case", OPTIONS)
def test_bp_trace_accepts_or_refuses_each_option_with_its_message(case, capsys):
    status, _, error = run_cli(["trace", "--json", *case["args"]], capsys)
    assert (status, error) == ((2, case["error"]) if case["error"] else (0, None))


@pytest.mark.parametrize("case", CHECKS)
def test_bp_check_gives_each_case_its_verdict(case, capsys):
    status, lines, error = run_cli(check_argv(case), capsys)
    assert status == case["status"]
    if status == 2:
        assert error == case["error"]
        return
    assert verdicts(case) == case["verdicts"]
    if "line" in case:
        assert any(line.startswith(case["line"]) for line in lines), lines


# --- the explorer's JavaScript, under Node -----------------------------------------------------

# Loads explorer-core.js as the page does (a classic script that sets window.bpExplorer), and
# answers every case of the file with what the page computes.
HARNESS = r"""
globalThis.window = globalThis;
require(process.argv[1]);
const X = window.bpExplorer, cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
function hashOf(options) {
  return Object.entries(options || {}).map(([f, t]) => f + "=" + t.join(",")).join("&");
}
const out = { grammar: [], options: [], checks: [] };
for (const c of cases.grammar) out.grammar.push(X.numberProblem(c.text));
for (const c of cases.options) {
  // the arguments grouped by option, each checked as the page checks its fields
  let error = null, name = null;
  const texts = {};
  for (const a of c.args) {
    if (a.startsWith("--") && X.flagNamed(a.slice(2))) texts[name = a.slice(2)] = [];
    else texts[name].push(a);
  }
  for (const n in texts) error = error || X.checkOption(n, texts[n]).error || null;
  out.options.push(error);
}
for (const c of cases.checks) {
  const config = X.parseHash(hashOf(c.options)).config, written = {};
  let error = null;
  for (const k in c.numbers) {
    error = error || X.badNumber(k, c.numbers[k]);
    written[k] = c.numbers[k];
  }
  if (error) { out.checks.push({ status: 2, error: error }); continue; }
  const r = X.check(written, config), verdicts = {};
  r.keys.forEach(k => {
    verdicts[k] = r.unchecked.includes(k) ? "unchecked" : r.differ.includes(k) ? "wrong" : "right";
  });
  out.checks.push({ status: r.ok ? 0 : 1, verdicts: verdicts,
    lines: X.checkReport(r, written, config).map(l => l.join("")) });
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def javascript():
    """What explorer-core.js makes of every case, run once under Node."""
    node = shutil.which("node")
    if node is None:
        pytest.skip(
            "Node is not installed; tests/site/test_explorer.py runs the cases in a browser"
        )
    run = subprocess.run(
        [node, "-e", HARNESS, str(CORE)],
        input=json.dumps(CASES),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(run.stdout)


@pytest.mark.parametrize(("i", "case"), numbered(GRAMMAR))
def test_the_explorer_reads_each_text_by_the_same_grammar(javascript, i, case):
    assert javascript["grammar"][i] == case["problem"]


@pytest.mark.parametrize(("i", "case"), numbered(OPTIONS))
def test_the_explorer_refuses_each_option_as_bp_trace_does(javascript, i, case):
    assert javascript["options"][i] == case["error"]


@pytest.mark.parametrize(("i", "case"), numbered(CHECKS))
def test_the_explorer_gives_each_case_bp_checks_verdict_and_report(javascript, i, case, capsys):
    page = javascript["checks"][i]
    assert page["status"] == case["status"]
    if case["status"] == 2:
        assert page["error"] == case["error"]
        return
    assert page["verdicts"] == case["verdicts"]
    _, lines, _ = run_cli(check_argv(case), capsys)
    assert page["lines"] == lines


def test_the_explorer_uses_bps_grammar(javascript):
    node = shutil.which("node")
    source = subprocess.run(
        [
            node,
            "-e",
            (
                "globalThis.window = globalThis; require(process.argv[1]);"
                "process.stdout.write(JSON.stringify(window.bpExplorer.GRAMMAR))"
            ),
            str(CORE),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    grammar = json.loads(source)
    assert grammar == {
        k: getattr(_checks, k) for k in ("NUMBER", "NONFINITE", "INTEGER", "NEGATIVE")
    }
