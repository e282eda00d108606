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
import random
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
require(process.argv[2]);
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
def scripts(tmp_path_factory):
    """The page's scripts, as it loads them: bp's data (``bp.cli.page_script``), then the core."""
    if shutil.which("node") is None:
        pytest.skip(
            "Node is not installed; tests/site/test_explorer.py runs the cases in a browser"
        )
    data = tmp_path_factory.mktemp("page") / "bp-data.js"
    data.write_text(cli.page_script(), encoding="utf-8")
    return [str(data), str(CORE)]


@pytest.fixture(scope="module")
def javascript(scripts):
    """What explorer-core.js makes of every case, run once under Node."""
    run = subprocess.run(
        [shutil.which("node"), "-e", HARNESS, *scripts],
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


# --- many more numbers: bp and the explorer agree on each -----------------------------------


def random_pairs(n=600, seed=26):
    """(written, value): values of every size and sign, written to 1 to 20 significant digits,
    rounded, cut, one unit off, with exponents and underscores, and zeros."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        value = rng.choice([-1, 1]) * 10 ** rng.uniform(-320, 308) * rng.random()
        digits = rng.randint(1, 20)
        text = f"{value:.{digits - 1}e}"
        mantissa, exponent = text.split("e")
        kind = rng.randrange(6)
        if kind == 1:  # one unit off in the last digit
            last = int(mantissa[-1])
            mantissa = mantissa[:-1] + str((last + rng.choice([1, 9])) % 10)
        elif kind == 2:  # plain digits
            text = format(value, f".{max(0, digits - int(exponent) - 1)}f")[:400]
        elif kind == 3:
            text = rng.choice(["0", "-0", "0.000", "0e5"])
        elif kind == 4:  # its shortest repr
            text = repr(value)
        if kind in (0, 1, 5):
            text = f"{mantissa}e{int(exponent)}"
        pairs.append((text, value))
    return pairs


AGREE = r"""
globalThis.window = globalThis;
require(process.argv[1]);
require(process.argv[2]);
const X = window.bpExplorer, pairs = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(pairs.map(([w, v]) => {
  const bad = X.badNumber("written", w);
  return bad ? [bad] : [X.agrees(w, v), X.significantDigits(w), X.roundedLike(w, v)];
})));
"""


def test_the_explorer_agrees_with_bp_on_600_random_numbers(scripts):
    pairs = random_pairs()
    run = subprocess.run(
        [shutil.which("node"), "-e", AGREE, *scripts],
        input=json.dumps(pairs),
        capture_output=True,
        text=True,
        check=True,
    )
    page = json.loads(run.stdout)
    bounded = 0
    for (written, value), theirs in zip(pairs, page, strict=True):
        try:
            ours = [
                slips.agrees(written, value),
                slips.significant_digits(written),
                slips.rounded_like(written, value),
            ]
        except ValueError as err:
            ours = [str(err)]
            bounded += 1
        assert theirs == ours, (written, value)
    assert bounded < len(pairs) / 2  # most are checked, not refused


@settings(max_examples=300, deadline=None)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v != 0),
    digits=st.integers(1, 20),
)
def test_a_value_written_to_any_number_of_digits_agrees(value, digits):
    # format rounds the float's exact binary value, half to even: bp must accept it all the same
    assert slips.agrees(f"{value:.{digits - 1}e}", value)
    assert slips.agrees(slips.rounded_like(f"{value:.{digits - 1}e}", value), value)
