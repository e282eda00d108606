"""The walk-through (bp.walk): its steps go in the order of a hand calculation, every result is
bp's (``python -m bp trace --json``), and every substituted expression, evaluated, gives it.

An expression is evaluated twice: filled with every number's repr (``exact``), it must give the
result to a relative 1e-12; as shown (9 significant digits), it must give the result within
what rounding its numbers to the digits shown can change (each number moved by half a unit of
its last digit, the changes added), so that a learner who recomputes a step from the numbers on
the screen gets the result on the screen.
"""

from __future__ import annotations

import json
import math
import pathlib
import re

import pytest

from bp import cli, example, slips, walk

ROOT = pathlib.Path(__file__).parents[1]
GOLDEN = json.loads((ROOT / "tests" / "data" / "trace_golden.json").read_text(encoding="utf-8"))
KEYS = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
REL = 1e-12
# The configurations compared: the 64 of the golden record (every bias mode and update order,
# 1 to 1000 steps, 30 seeded random ones). Slips are walked on the first 12 of them.
CONFIGS = [
    {k: getattr(a, k) for k in KEYS}
    for a in (cli.build_parser().parse_args(["trace", *case["args"]]) for case in GOLDEN)
]
SLIP_CONFIGS = CONFIGS[:12]
# The largest relative difference seen, exact expression against bp, for the record.
LARGEST = {"rel": 0.0, "steps": 0, "walks": 0}


def sigma(z):
    return 1 / (1 + math.exp(-z))


def evaluate(text):
    """A substituted expression of the walk, evaluated by Python."""
    python = text
    for shown, meant in (("×", "*"), ("−", "-"), ("½", "0.5"), ("²", "**2"), ("e^(", "exp(")):
        python = python.replace(shown, meant)
    python = python.replace("σ(", "sigma(")
    assert re.fullmatch(r"[-+*/()., 0-9eaxpsigmroundn]*", python), python
    return eval(python, {"__builtins__": {}}, {"exp": math.exp, "sigma": sigma, "round": round})


NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?(?:e[+-]\d+)?)")


def rounding_bound(text):
    """How far the expression can move when each number shown moves by half its last unit."""
    base, bound = evaluate(text), 0.0
    for m in NUMBER.finditer(text):
        x = float(m.group(1))
        if x == 0 or text[: m.start()].endswith(", "):  # round(..., 4): a place, not a number
            continue
        # its last digit shown is at most the SIGNIFICANT-th (trailing zeros are dropped)
        unit = 10.0 ** (math.floor(math.log10(x)) - walk.SIGNIFICANT + 1)
        number = m.group(1)
        moved = text[: m.start()] + repr(float(number) + unit / 2) + text[m.end() :]
        bound += abs(evaluate(moved) - base)
    return bound


def rel(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


def expected_value(key, last, first):
    """bp's value of a step's key: ``w1_new_1`` is the first step's ``w1_new``."""
    return first[key.removesuffix("_1")] if key.endswith("_new_1") else last[key]


def check_walk(config, slip=None):
    steps = walk.walk(slip, **config)
    last = slips.trace(slip, **config).json_dict()
    first = slips.trace(slip, **{**config, "steps": 1}).json_dict()
    wrong = []
    for s in steps:
        want = expected_value(s["key"], last, first)
        if s["value"] != want or s["result"] != walk.shown(want):
            wrong.append(f"{s['key']}: walk {s['value']!r}, bp {want!r}")
        exact = evaluate(s["exact"])
        r = rel(exact, want)
        LARGEST["rel"] = max(LARGEST["rel"], r)
        LARGEST["steps"] += 1
        if r > REL:
            wrong.append(f"{s['key']}: {s['exact']} = {exact!r}, bp {want!r} ({r:.1e})")
        shown = evaluate(s["numbers"])
        if abs(shown - want) > 2 * rounding_bound(s["numbers"]) + 1e-15 * abs(want):
            wrong.append(f"{s['key']}: {s['numbers']} = {shown!r}, shown {s['result']}")
    LARGEST["walks"] += 1
    return wrong


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c['bias']}-{c['update']}-{c['steps']}")
def test_every_step_is_bps_number_and_its_expression_gives_it(config):
    wrong = check_walk(config)
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("slip", list(slips.SLIPS))
def test_the_walk_of_a_slip_gives_the_slips_numbers(slip, capsys):
    wrong = []
    for config in SLIP_CONFIGS:
        if slips.SLIPS[slip].applies(config["bias"], config["update"]):
            wrong += check_walk(config, slip)
    assert not wrong, "\n".join(wrong[:10])
    if slip == list(slips.SLIPS)[-1]:
        with capsys.disabled():
            print(
                f"\nbp.walk: {LARGEST['walks']} walks, {LARGEST['steps']} steps evaluated; "
                f"largest relative difference, exact expression vs bp: {LARGEST['rel']:.3g}"
            )


def test_a_wrong_expression_fails_the_check(monkeypatch):
    # A rule that says + where bp subtracts: the check must see it.
    original = walk.plan

    def planted(*args, **kwargs):
        steps = original(*args, **kwargs)
        for s in steps:
            if s["key"] == "dE_dout_o1":
                s["numbers"] = s["numbers"].replace(" − ", " + ")
        return steps

    monkeypatch.setattr(walk, "plan", planted)
    assert any(line.startswith("dE_dout_o1") for line in check_walk(CONFIGS[0]))


def test_the_walk_goes_in_the_order_of_a_hand_calculation():
    keys = [s["key"] for s in walk.walk()]
    q = example.quantities()
    assert keys[:11] == q["forward"]  # net then out, neuron by neuron, then the errors
    at = {k: i for i, k in enumerate(keys)}
    # each factor before the product made of it, each gradient before its update
    assert at["dE_dout_o1"] < at["dout_o1_dnet_o1"] < at["delta_o1"] < at["dE_dw5"] < at["w5_new"]
    assert at["dEo1_dout_h1"] < at["dEo2_dout_h1"] < at["dE_dout_h1"] < at["delta_h1"]
    assert at["delta_h1"] < at["dE_dw1"] < at["w1_new"] < at["dE_db1"] < at["b1_new"]
    assert keys[-3:] == ["out_o1_after", "out_o2_after", "E_after"]
    # every quantity of the first step that the bias mode uses, once
    assert len(keys) == len(set(keys))
    shown = set(q["forward"] + q["backward"]) | {f"dE_d{w}" for w in example.WIRING}
    assert shown <= set(keys)


def test_the_sequential_update_visibly_uses_the_new_output_weights():
    right = {s["key"]: s for s in walk.walk()}
    steps = {s["key"]: s for s in walk.walk(update="sequential")}
    path = steps["dEo1_dout_h1"]
    assert path["rule"] == "dEo1_dout_h1 = delta_o1 · w5_new"
    assert path["numbers"] == f"{steps['delta_o1']['result']} × {steps['w5_new']['result']}"
    assert right["dEo1_dout_h1"]["numbers"] == f"{right['delta_o1']['result']} × 0.4"
    assert path["value"] != right["dEo1_dout_h1"]["value"]
    # the sequential slip under the simultaneous order is the same walk
    assert walk.walk("sequential") == walk.walk(update="sequential")


def test_each_neuron_has_its_own_bias_in_per_neuron_mode():
    rules = {s["key"]: s["rule"] for s in walk.walk(bias="per-neuron")}
    assert rules["net_h2"] == "net_h2 = w3 · i1 + w4 · i2 + b_h2"
    assert rules["net_o1"].endswith("+ b_o1")
    assert rules["b_o2_new"] == "b_o2_new = b_o2 − η · dE_db_o2"
    assert rules["dE_db_h1"] == "dE_db_h1 = delta_h1"
    assert "dE_db1" not in rules


def test_a_slip_changes_the_rule_it_replaces():
    rules = {s["key"]: s["rule"] for s in walk.walk("sign")}
    assert rules["dE_dout_o1"] == "dE_dout_o1 = target_o1 − out_o1"
    rules = {s["key"]: s["rule"] for s in walk.walk("factor-two")}
    assert rules["E_o1"] == "E_o1 = (target_o1 − out_o1)²"
    assert rules["dE_dout_o2"] == "dE_dout_o2 = 2 · (out_o2 − target_o2)"
    rules = {s["key"]: s["rule"] for s in walk.walk("one-path")}
    assert rules["dE_dout_h1"] == "dE_dout_h1 = dEo1_dout_h1"
    rules = {s["key"]: s["rule"] for s in walk.walk("weight-as-input")}
    assert rules["dE_dw8"] == "dE_dw8 = delta_o2 · w8"
    rules = {s["key"]: s["rule"] for s in walk.walk("bias-trained")}
    assert rules["b1_new"] == "b1_new = b1 − η · dE_db1"


def test_several_steps_walk_the_first_and_end_after_the_last():
    steps = {s["key"]: s for s in walk.walk(steps=3)}
    one = example.worked_example(steps=1)
    three = example.worked_example(steps=3)
    assert steps["w5_new_1"]["value"] == one["w5_new"]
    assert "w5_new" not in steps
    assert steps["E_after"]["value"] == three["E_after"]
    assert steps["E_after"]["group"] == "After the last step"


def test_every_section_is_a_label_of_the_book():
    for section in {t["section"] for t in walk.page_data()["templates"]}:
        page, _, label = section.partition("#")
        text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
        assert f"({label})=" in text, section


def test_the_uses_name_neurons_and_weights():
    names = {n for layer in example.LAYERS for n in layer} | set(example.WIRING)
    for t in walk.page_data()["templates"]:
        assert t["uses"], t
        assert set(t["uses"]) <= names, t


def test_the_page_data_holds_every_plan():
    data = walk.page_data()
    for name, ids in data["plans"].items():
        bias, update, slip, steps = name.split()
        want = walk.plan(bias, update, 1 if steps == "1" else 2, None if slip == "-" else slip)
        assert [data["templates"][i] for i in ids] == want
    assert len(data["plans"]) == 2 * sum(
        s is None or slips.SLIPS[s].applies(b, u)
        for b in example.BIAS_MODES
        for u in example.UPDATE_ORDERS
        for s in [None, *slips.SLIPS]
    )
    assert cli.page_data()["walk"] == json.loads(json.dumps(data))


def test_the_explanation_prints_every_step():
    text = walk.explain(lr=0.8)
    steps = walk.walk(lr=0.8)
    blocks = text.split("\n\n")
    assert (
        blocks[0]
        == "Walk-through of one gradient-descent step: lr 0.8, biases fixed, update simultaneous"
    )
    assert len(blocks) == len(steps) + 1
    for k, (block, step) in enumerate(zip(blocks[1:], steps, strict=True), 1):
        assert block.splitlines() == walk.step_lines(step, k, len(steps))
    assert "slip sign" in walk.explain("sign").splitlines()[0]


@pytest.mark.parametrize(
    ("call", "exc", "message"),
    [
        (lambda: walk.plan(bias="both"), ValueError, "bias must be one of"),
        (lambda: walk.plan(update="later"), ValueError, "update must be one of"),
        (lambda: walk.plan(steps=0), ValueError, "steps must be an integer >= 1"),
        (lambda: walk.plan(steps=1.5), TypeError, "steps must be"),
        (lambda: walk.plan(steps=example.MAX_STEPS + 1), ValueError, "steps must be <="),
        (lambda: walk.plan(slip="oops"), ValueError, "slip must be one of"),
        (lambda: walk.walk(slip=3), ValueError, "slip must be one of"),
        (lambda: walk.walk(lr=-1), ValueError, "lr must be a finite number > 0"),
        (lambda: walk.walk(weights=(1, 2)), ValueError, "weights must hold 8 numbers"),
        (lambda: walk.walk(targets=(1e200, 0.99)), ValueError, "overflowed"),
        (lambda: walk.values(slip="oops"), ValueError, "slip must be one of"),
        (lambda: walk.explain(bias="x"), ValueError, "bias must be one of"),
        (lambda: walk.shown("0.5"), TypeError, "x must be a real number"),
        (lambda: walk.shown(math.inf), ValueError, "x must be a finite number"),
    ],
)
def test_bad_input_is_refused_by_name(call, exc, message):
    with pytest.raises(exc, match=re.escape(message)):
        call()


@pytest.mark.parametrize(
    ("x", "text"),
    [(0.0, "0"), (-0.0, "0"), (1e9, "1e+09"), (123456.7, "123456.7"), (-1.5e-5, "−1.5e-05"),
     (0.99999999999, "1"), (0.1 + 0.2, "0.3")],
)  # fmt: skip
def test_shown_numbers(x, text):
    assert walk.shown(x) == text


# ---- python -m bp trace --explain ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [[], ["--bias", "per-neuron", "--update", "sequential"], ["--lr", "0.1", "--steps", "4"]],
)
def test_trace_explain_prints_the_walk(args, capsys):
    assert cli.main(["trace", "--explain", *args]) == 0
    a = cli.build_parser().parse_args(["trace", *args])
    assert capsys.readouterr().out == walk.explain(**{k: getattr(a, k) for k in KEYS}) + "\n"


def test_trace_explain_and_json_are_one_or_the_other(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["trace", "--explain", "--json"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_trace_explain_refuses_what_trace_refuses(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["trace", "--explain", "--lr", "0"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "bp trace: error: argument --lr: expected a number > 0, got '0'\n"
    )
    with pytest.raises(SystemExit) as stop:
        cli.main(["trace", "--explain", "--targets", "1e200", "0.99"])
    assert stop.value.code == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert "the worked example overflowed" in err.err
