"""The explorer page computes what bp computes: its JavaScript is proven equal to bp.

The page (docs/explorer.md, docs/_static/explorer*.js) is a second implementation of the worked
example. It is opened with the default configuration and with seeded random ones (every bias
mode, both update orders, 1 to 50 steps, weights of both signs) through the URL hash, over http
and from file:// (the first configuration opens the page, the next are links followed on it), and
every ``data-value`` it shows is compared with ``python -m bp trace --json`` for the same
options, to a relative 1e-12:

- keys of ``trace --json``: with the command's output;
- the chain-rule factors and deltas (``delta_o1`` ...): with ``bp.example.worked_example``;
- ``fd_<gradient>``, the central finite differences: with the same difference of bp's
  ``E_total``, to the tolerance rounding allows (see ``fd_tolerance``).

A sign flipped in the JavaScript fails the comparison; the bad-input messages are the command
line's, word for word; the hash and the controls follow each other.
"""

from __future__ import annotations

import json
import math
import random
import re

import pytest
from built_site import ROOT, SITE, bp_command, offline_context, watch

from bp import _checks, example, slips, walk
from bp.cli import build_parser

REL = 1e-12
EPS = 1e-6  # the page's finite-difference step, as bp.gradcheck's default
FLAGS = ("inputs", "targets", "weights", "biases", "lr", "bias", "update", "steps")
PAGE = "explorer.html"
# The largest differences seen, printed at the end: relative, page vs bp (trace keys and
# chain-rule factors; the slips' numbers), and absolute for the finite differences.
LARGEST = {"rel": 0.0, "key": None, "values": 0, "configs": 0, "fd": 0.0}
LARGEST_SLIPS = {"rel": 0.0, "key": None, "values": 0}


def random_configs(n=24, seed=17):
    """n seeded configurations: each bias mode with each update order, steps 1 to 50."""
    rng = random.Random(seed)
    configs = []
    for k in range(n):
        configs.append(
            {
                "inputs": [rng.uniform(-1, 1) for _ in range(2)],
                "targets": [rng.uniform(0, 1) for _ in range(2)],
                "weights": [rng.uniform(-2, 2) for _ in range(8)],
                "biases": [rng.uniform(-1, 1) for _ in range(2)],
                "lr": rng.uniform(0.05, 2),
                "bias": example.BIAS_MODES[k % 3],
                "update": example.UPDATE_ORDERS[(k // 3) % 2],
                "steps": [1, 50][k % 2] if k < 4 else rng.randint(1, 50),
            }
        )
    return configs


DEFAULT = {
    "inputs": list(example.INPUTS),
    "targets": list(example.TARGETS),
    "weights": list(example.WEIGHTS),
    "biases": list(example.BIASES),
    "lr": example.LEARNING_RATE,
    "bias": "fixed",
    "update": "simultaneous",
    "steps": 1,
}
CONFIGS = [DEFAULT, *random_configs()]


def to_hash(config):
    """The URL hash of a configuration, with the command's option names (repr: exact)."""

    def text(v):
        return ",".join(map(repr, v)) if isinstance(v, list) else str(v)

    return "&".join(f"{f}={text(config[f])}" for f in FLAGS)


def hash_argv(hash_):
    """The command-line arguments a hash stands for: ``lr=0.5`` is ``--lr 0.5``."""
    argv = []
    for part in filter(None, hash_.split("&")):
        name, _, text = part.partition("=")
        argv += [f"--{name}", *(text.split(",") if text else [])]
    return argv


def bp_trace(argv):
    """``python -m bp trace ARGV --json``: (exit code, parsed JSON or the error message)."""
    code, out, err = bp_command(["trace", *argv, "--json"])
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1, f"the command's error is not one line: {err!r}"
        return code, lines[0].split("error: ", 1)[1]
    return 0, json.loads(out)


def bp_options(config):
    return {f: tuple(v) if isinstance(v, list) else v for f, v in config.items()}


def bp_finite_differences(config):
    """bp's E_total moved by +-EPS along each gradient's parameter, differenced as on the page."""
    options = {**bp_options(config), "steps": 1}

    def error(**moved):
        return example.worked_example(**{**options, **moved})["E_total"]

    fd = {}
    for i in range(8):
        plus, minus = list(options["weights"]), list(options["weights"])
        plus[i] += EPS
        minus[i] -= EPS
        fd[f"dE_dw{i + 1}"] = (error(weights=plus) - error(weights=minus)) / (2 * EPS)
    for j, key in enumerate(("dE_db1", "dE_db2")):  # a layer's bias moves both its neurons
        plus, minus = list(options["biases"]), list(options["biases"])
        plus[j] += EPS
        minus[j] -= EPS
        fd[key] = (error(biases=plus) - error(biases=minus)) / (2 * EPS)
    return fd


def fd_tolerance(e_total):
    """How far two correct finite differences may differ.

    Each side's E_total may differ from the other's by a few units in the last place (the two
    exp functions need not round alike); the difference of two such values divided by 2 EPS
    turns ulp(E) into ulp(E) / EPS, about 1e-10 E. Eight ulps of margin: 8 * 2**-52 * E / EPS.
    """
    return 8 * 2**-52 * max(abs(e_total), 1e-300) / EPS


def rel_diff(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def shown(page):
    """Every (data-key, data-value) on the page."""
    return page.evaluate(
        "() => [...document.querySelectorAll('#bp-explorer [data-key]')]"
        ".map(e => [e.dataset.key, e.dataset.value])"
    )


def mismatches(values, config, cli, record=True):
    """Every shown value that differs from bp, as readable lines; records the largest rel."""
    trace = example.worked_example(**bp_options(config))
    fd = bp_finite_differences(config)
    # The gradient the finite differences estimate: bp's, never the sequential slip's.
    true_gradient = example.worked_example(**{**bp_options(config), "update": "simultaneous"})
    wrong, seen = [], set()
    for key, text in values:
        x = float(text)
        seen.add(key)
        if key.startswith("fd_"):
            name = key[3:]
            if name in fd:
                ok = abs(x - fd[name]) <= fd_tolerance(trace["E_total"])
                expected = fd[name]
                if record:
                    LARGEST["fd"] = max(LARGEST["fd"], abs(x - fd[name]))
            else:  # one neuron's bias: bp cannot move it alone; its true gradient instead
                expected = true_gradient[name]
                ok = abs(x - expected) <= 1e-8 * max(1.0, abs(expected))
            if not ok:
                wrong.append(f"{key}: page {x!r}, bp {expected!r}")
            continue
        expected = cli[key] if key in cli else trace.get(key)
        if expected is None:
            wrong.append(f"{key}: shown by the page, unknown to bp")
            continue
        rel = rel_diff(x, expected)
        if record and rel > LARGEST["rel"]:
            LARGEST.update(rel=rel, key=key)
        LARGEST["values"] += record
        if rel > REL:
            wrong.append(f"{key}: page {x!r}, bp {expected!r} (relative difference {rel:.1e})")
    missing = set(cli) - seen
    if missing:
        wrong.append(f"not shown: {sorted(missing)}")
    return wrong


@pytest.fixture(scope="module", autouse=True)
def report_largest(request):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter and capture and LARGEST["values"]:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nexplorer vs bp: largest relative difference {LARGEST['rel']:.3g} "
                f"({LARGEST['key']}) over {LARGEST['values']} values of "
                f"{LARGEST['configs']} configurations; finite differences: largest absolute "
                f"difference {LARGEST['fd']:.3g}; slips: largest relative difference "
                f"{LARGEST_SLIPS['rel']:.3g} ({LARGEST_SLIPS['key']}) over "
                f"{LARGEST_SLIPS['values']} values"
            )


def page_url(server, origin, hash_=""):
    base = f"{server}/{PAGE}" if origin == "http" else (SITE / PAGE).as_uri()
    return f"{base}#{hash_}" if hash_ else base


@pytest.fixture
def explorer(browser, server):
    """Open the explorer (http or file://, with a hash); collect console errors and requests."""
    problems = []
    context = offline_context(browser, server, problems)
    opened = []

    def open_(origin="http", hash_="", prepare=None):
        page = watch(context.new_page(), problems)
        if prepare:
            prepare(page)
        page.goto(page_url(server, origin, hash_), wait_until="load")
        page.wait_for_selector("#bp-explorer[data-ready=true]")
        opened.append(page)
        return page

    yield open_
    context.close()
    assert not problems, "\n".join(problems)


def wait_for_hash(page, hash_):
    """Wait until the page has read (or written) a hash with the same options as ``hash_``."""
    page.wait_for_function(
        """h => {
            const shown = document.getElementById('bp-explorer').dataset.hash;
            if (shown === undefined) return false;
            return JSON.stringify(bpExplorer.parseHash(shown))
                === JSON.stringify(bpExplorer.parseHash(h));
        }""",
        arg=hash_,
    )


@pytest.fixture(scope="module")
def tabs(browser, server):
    """One explorer a origin, kept open for the module's tests that only follow links to it."""
    opened = {}
    yield opened
    for context, _, _ in opened.values():
        context.close()


@pytest.fixture
def follow(tabs, browser, server):
    """Follow a link to the explorer (http or file://, with a hash) in the tab of its origin:
    the first link opens the page, the next ones are followed on it, as a reader follows the
    page's own links (the page reads a new hash as it reads the one it was opened with:
    ``fromHash``). Fails the test on a console error or a request to another host meanwhile."""
    used = []

    def follow_(origin, hash_):
        if origin not in tabs:
            problems = []
            context = offline_context(browser, server, problems)
            page = watch(context.new_page(), problems)
            page.goto(page_url(server, origin, hash_), wait_until="load")
            page.wait_for_selector("#bp-explorer[data-ready=true]")
            tabs[origin] = (context, page, problems)
        else:
            page, problems = tabs[origin][1:]
            page.goto(page_url(server, origin, hash_))  # the same document: no new load
        used.append(problems)
        return page

    yield follow_
    for problems in used:
        found, problems[:] = problems[:], []
        assert not found, "\n".join(found)


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize("n", range(len(CONFIGS)), ids=lambda n: f"config{n}")
def test_every_value_equals_bp(follow, origin, n):
    config = CONFIGS[n]
    hash_ = to_hash(config)
    status, cli = bp_trace(hash_argv(hash_))
    assert status == 0, cli
    page = follow(origin, hash_)
    wait_for_hash(page, hash_)
    values = shown(page)
    LARGEST["configs"] += 1
    wrong = mismatches(values, config, cli)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("bias", example.BIAS_MODES)
def test_the_page_shows_exactly_the_quantities_of_trace_json(explorer, bias):
    config = {**DEFAULT, "bias": bias}
    _, cli = bp_trace(hash_argv(to_hash(config)))
    page = explorer("http", to_hash(config))
    wait_for_hash(page, to_hash(config))
    keys = [k for k, _ in shown(page) if not k.startswith("fd_")]
    assert set(keys) == set(cli)
    assert {f"fd_{k}" for k in cli if k.startswith(("dE_dw", "dE_db"))} <= dict(shown(page)).keys()


def test_configurations_cover_the_options():
    assert {c["bias"] for c in CONFIGS} == set(example.BIAS_MODES)
    assert {c["update"] for c in CONFIGS} == set(example.UPDATE_ORDERS)
    assert {1, 50} <= {c["steps"] for c in CONFIGS}
    weights = [w for c in CONFIGS for w in c["weights"]]
    assert min(weights) < 0 < max(weights)
    assert len(CONFIGS) >= 21


# The `sign` slip planted in the JavaScript: dE/dout = target - out instead of out - target.
PLANTED = ("out - t]", "t - out]")  # in the rule `error`


def test_a_planted_sign_error_fails_the_comparison(explorer, server):
    def plant(page):
        def route(r):
            body = r.fetch().text()
            assert body.count(PLANTED[0]) == 1, "the line to plant the bug in has changed"
            r.fulfill(status=200, content_type="text/javascript", body=body.replace(*PLANTED))

        page.route("**/_static/explorer-core.js", route)

    page = explorer("http", to_hash(DEFAULT), prepare=plant)
    _, cli = bp_trace([])
    wrong = mismatches(shown(page), DEFAULT, cli, record=False)
    assert any(line.startswith("dE_dw5:") for line in wrong), wrong
    assert any(line.startswith("w1_new:") for line in wrong), wrong


# ---- Bad input: the command line's limits and words ---------------------------------------

BAD_HASHES = [
    "inputs=0.05",
    "inputs=0.05,0.1,0.2",
    "inputs=,0.1",
    "targets=0.01,inf",
    "weights=0.15,0.2,abc,0.3,0.4,0.45,0.5,0.55",
    "weights=0.15,0.2,0.25,0.3,0.4,0.45,0.5",
    "biases=0.35,1e400",
    "biases=0.35,nan",
    "lr=0",
    "lr=-1",
    "lr=",
    "lr=fast",
    "bias=wrong",
    "update=backwards",
    "steps=0",
    "steps=1.5",
    "steps=-2",
    "colour=red",
    "lr=0.1&lr=x",
    "steps=10001",  # more than bp runs
    "targets=1e200,1",  # E_o1 overflows
]


@pytest.mark.parametrize("bad", BAD_HASHES)
def test_a_bad_link_shows_the_cli_message_and_keeps_the_configuration(follow, bad):
    status, message = bp_trace(hash_argv(bad))
    assert status == 2
    good = {**DEFAULT, "lr": 0.25, "steps": 3}
    page = follow("http", to_hash(good))
    wait_for_hash(page, to_hash(good))
    page.evaluate("h => { location.hash = h; }", bad)
    wait_for_hash(page, bad)
    line = page.locator(".bpx-link-error").inner_text()
    assert line.endswith(message), (line, message)
    flag = bad.split("=")[0]
    if message.startswith((f"argument --{flag}:", f"{flag} must")):  # about one option
        assert page.locator(f"#bpx-error-{flag}").inner_text() == message
    _, cli = bp_trace(hash_argv(to_hash(good)))
    assert not mismatches(shown(page), good, cli)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("weights-2", "abc"),
        ("weights-7", ""),
        ("inputs-0", "1e999"),
        ("targets-1", "-inf"),
        ("biases-0", "1,2"),
        ("lr-0", "0"),
        ("lr-0", "-0.5"),
        ("steps-0", "0"),
        ("steps-0", "2.5"),
    ],
)
def test_a_bad_field_shows_the_cli_message_beside_it(explorer, field, text):
    page = explorer("http")
    before = shown(page)
    hash_before = page.evaluate("location.hash")
    flag, index = field.split("-")
    texts = {
        f: [str(x) for x in v] if isinstance(v, list) else [str(v)] for f, v in DEFAULT.items()
    }
    texts[flag][int(index)] = text
    page.fill(f"#bpx-{field}", text)
    status, message = bp_trace([f"--{flag}", *texts[flag]])
    assert status == 2
    assert page.locator(f"#bpx-error-{flag}").inner_text() == message
    assert page.locator(f"#bpx-{field}").get_attribute("aria-invalid") == "true"
    if len(texts[flag]) > 1:  # only the refused value is marked, not its neighbours
        other = f"#bpx-{flag}-{1 - min(int(index), 1)}"
        assert page.locator(other).get_attribute("aria-invalid") is None
    assert shown(page) == before
    assert page.evaluate("location.hash") == hash_before


# ---- The hash and the controls follow each other -------------------------------------------


@pytest.mark.parametrize("origin", ["http", "file"])
def test_a_changed_control_updates_the_hash_and_the_link_reopens_it(explorer, origin):
    page = explorer(origin)
    page.fill("#bpx-weights-2", "-0.7")
    page.select_option("#bpx-bias", "shared")
    page.fill("#bpx-steps-0", "12")
    config = {**DEFAULT, "weights": [*DEFAULT["weights"]], "bias": "shared", "steps": 12}
    config["weights"][2] = -0.7
    wait_for_hash(page, to_hash(config))
    assert page.evaluate("location.hash") == "#" + to_hash(config)
    # a slider moves its option from the keyboard
    slider = page.locator(".bpx-weights input[type=range]").nth(0)
    slider.focus()
    page.keyboard.press("ArrowRight")
    config["weights"][0] = 0.16
    wait_for_hash(page, to_hash(config))
    assert page.input_value("#bpx-weights-0") == "0.16"

    again = explorer(origin, page.evaluate("location.hash.slice(1)"))
    _, cli = bp_trace(hash_argv(to_hash(config)))
    assert again.input_value("#bpx-weights-2") == "-0.7"
    assert again.input_value("#bpx-bias") == "shared"
    assert not mismatches(shown(again), config, cli)


def test_an_edited_hash_updates_the_page(explorer):
    page = explorer("http")
    config = CONFIGS[5]
    page.evaluate("h => { location.hash = h; }", to_hash(config))
    wait_for_hash(page, to_hash(config))
    assert page.input_value("#bpx-lr-0") == repr(config["lr"])
    _, cli = bp_trace(hash_argv(to_hash(config)))
    assert not mismatches(shown(page), config, cli)


def test_the_try_links_set_their_configurations(explorer):
    page = explorer("http")
    links = page.locator(".bpx-try a")
    assert links.count() == 4
    for i in range(4):
        links.nth(i).click()
        hash_ = links.nth(i).get_attribute("href")[1:]
        wait_for_hash(page, hash_)
        status, cli = bp_trace(hash_argv(hash_))
        assert status == 0
        assert rel_diff(float(dict(shown(page))["E_total"]), cli["E_total"]) <= REL


def test_the_errata_video_link_opens_a_filling_with_the_videos_outputs(explorer):
    # errata.html links its filling of the step-by-step video's network to the explorer; the
    # page must show what `bp trace` computes for it, and the outputs the video reports.
    html = (SITE / "errata.html").read_text(encoding="utf-8")
    (href,) = re.findall(r'id="errata-video-explorer" href="explorer\.html#([^"]+)"', html)
    hash_ = href.replace("&amp;", "&")
    status, cli = bp_trace(hash_argv(hash_))
    assert status == 0, cli
    page = explorer("http", hash_)
    wait_for_hash(page, hash_)
    values = dict(shown(page))
    for key in ("out_h2", "out_o1", "E_total", "dE_dw8"):
        assert rel_diff(float(values[key]), cli[key]) <= REL, key
    assert f"{float(values['out_h2']):.2f}" == "0.61"
    assert f"{float(values['out_o1']):.2f}" == "0.80"
    args = build_parser().parse_args(["trace", *hash_argv(hash_)])
    # the video's own values, where its comments give them
    assert (args.weights[1], args.weights[4], args.weights[7]) == (0.25, 0.84, 0.52)
    assert (args.targets[0], args.lr) == (0.0, 0.8)


@pytest.mark.parametrize("bias", ["fixed", "shared"])
def test_step_applies_one_update(explorer, bias):
    config = {**DEFAULT, "bias": bias, "update": "sequential", "steps": 4}
    page = explorer("http", to_hash(config))
    _, one = bp_trace(hash_argv(to_hash({**config, "steps": 1})))
    page.click(".bpx-step")
    stepped = {
        **config,
        "weights": [one[f"w{i}_new"] for i in range(1, 9)],
        "biases": [one["b1_new"], one["b2_new"]],
    }
    wait_for_hash(page, to_hash(stepped))
    _, cli = bp_trace(hash_argv(to_hash(stepped)))
    assert not mismatches(shown(page), stepped, cli)


def test_step_is_disabled_with_per_neuron_biases(explorer):
    page = explorer("http", to_hash({**DEFAULT, "bias": "per-neuron"}))
    assert page.locator(".bpx-step").is_disabled()


def test_every_quantity_is_drawn_or_listed_with_full_precision(explorer):
    page = explorer("http")
    values = dict(shown(page))
    # the diagram carries the gradients on its edges and the outputs on its neurons
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.bpx-diagram [data-key]')].map(e => e.dataset.key)"
    )
    assert {f"dE_dw{i}" for i in range(1, 9)} <= set(drawn)
    assert {"out_h1", "out_h2", "out_o1", "out_o2"} <= set(drawn)
    # the full value, not the rounded text
    assert values["out_h1"] == repr(example.worked_example()["out_h1"])
    assert math.isclose(float(values["fd_dE_dw5"]), float(values["dE_dw5"]), rel_tol=1e-6)


# ---- Check your own numbers: the slip catalogue, ported -----------------------------------

SLIP_CONFIGS = CONFIGS[:7]  # the default, then every bias mode with both update orders


def test_the_catalogue_is_bps(explorer):
    page = explorer("http")
    assert page.evaluate("bpExplorer.SLIPS") == slips.catalogue()


@pytest.mark.parametrize("name", list(slips.SLIPS))
def test_each_slip_computes_what_bp_computes(explorer, name):
    page = explorer("http")
    compared = 0
    for config in SLIP_CONFIGS:
        entry = next(s for s in slips.catalogue() if s["name"] == name)
        js = page.evaluate(
            """([c, k]) => {
                try { return bpExplorer.workedExample(c, k); }
                catch (e) { return {error: e.message}; }
            }""",
            [config, entry],
        )
        try:
            theirs, overflow = slips.trace(name, **bp_options(config)), None
        except ValueError as err:  # the slip overflows in bp: the page must say so too
            theirs, overflow = None, str(err)
        if overflow:
            assert js == {"error": overflow}
            continue
        assert set(js) == set(theirs)
        for key, x in js.items():
            rel = rel_diff(x, theirs[key])
            LARGEST_SLIPS["values"] += 1
            if rel > LARGEST_SLIPS["rel"]:
                LARGEST_SLIPS.update(rel=rel, key=f"{key}, {name}")
            assert rel <= REL, f"{name}, {key}: page {x!r}, bp {theirs[key]!r}"
            compared += 1
    assert compared


def write_numbers(page, numbers):
    """Type the numbers into the checker's fields (one input event each, as typing gives)."""
    page.evaluate(
        """numbers => {
            for (const input of document.querySelectorAll('[data-check-key]')) {
                const text = numbers[input.dataset.checkKey];
                input.value = text === undefined ? '' : text;
                input.dispatchEvent(new Event('input'));
            }
        }""",
        numbers,
    )


def page_check(page):
    """The checker's answer: first key differing, slips named, verdict per key, report lines."""
    diagnosis = page.locator(".bpx-diagnosis")
    verdicts = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-check-key]')]"
        ".map(i => [i.dataset.checkKey, document.getElementById(i.id + '-verdict')"
        ".dataset.verdict]))"
    )
    slips_named = (diagnosis.get_attribute("data-slips") or "").split()
    lines = [" ".join(line.split()) for line in diagnosis.inner_text().splitlines()]
    lines = [line for line in lines if line]
    return diagnosis.get_attribute("data-first") or None, slips_named, verdicts, lines


def bp_check(config, numbers):
    """``python -m bp check [options] KEY=VALUE ...``: exit code and report lines."""
    code, out, _ = bp_command(
        ["check", *hash_argv(to_hash(config)), *(f"{k}={v}" for k, v in numbers.items())]
    )
    # as the page lays it out: one paragraph a line, runs of spaces collapsed
    lines = [" ".join(line.split()) for line in out.splitlines()]
    return code, [line for line in lines if line]


# A number in a report line: not the 5 of dE_dw5, nor a part of a longer number.
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])")


def assert_same_report(lines, report):
    """The page's report says what ``bp check`` says: the same lines, word for word, and the
    same numbers, to the last digit where both sides computed them alike. Math.exp and numpy's
    exp need not round alike (which of them differs depends on the machine: numpy picks its
    code for the CPU), so the page's "exactly 0.24367295644698272" may be bp's
    "exactly 0.2436729564469827", one ulp away: numbers agree to a relative REL."""
    assert len(lines) == len(report), (lines, report)
    for line, theirs in zip(lines, report, strict=True):
        assert NUMBER.sub("#", line) == NUMBER.sub("#", theirs), (line, theirs)
        for x, y in zip(NUMBER.findall(line), NUMBER.findall(theirs), strict=True):
            assert rel_diff(float(x), float(y)) <= REL, (line, theirs)


def named_slips(report):
    return re.findall(r"known slip, ([\w-]+):", "\n".join(report))


@pytest.mark.parametrize("name", list(slips.SLIPS))
def test_each_slips_numbers_are_named_as_bp_check_names_them(explorer, name):
    diagnosed = 0
    page = explorer("http")
    for config in SLIP_CONFIGS:
        if not slips.SLIPS[name].applies(config["bias"], config["update"]):
            continue
        try:
            theirs = slips.trace(name, **bp_options(config)).json_dict()
        except ValueError:  # this slip overflows here
            continue
        page.evaluate("h => { location.hash = h; }", to_hash(config))  # an edited link
        wait_for_hash(page, to_hash(config))
        numbers = {k: f"{x:.10g}" for k, x in theirs.items()}  # ten digits, as written
        write_numbers(page, numbers)
        status, report = bp_check(config, numbers)
        expected = slips.check(numbers, **bp_options(config))
        first, named, verdicts, lines = page_check(page)
        assert status == 1
        assert_same_report(lines, report)
        assert named == named_slips(report)
        assert name in named
        assert first == expected.first
        assert verdicts == {
            k: "wrong"
            if k in expected.differ
            else "unchecked"
            if k in expected.unchecked
            else "right"
            for k in theirs
        }
        diagnosed += 1
    assert diagnosed


def test_exact_numbers_are_right(explorer):
    page = explorer("http")
    numbers = {"out_h1": "0.5933", "E_total": "0.298371109", "dE_dw5": "0.0821", "w5_new": "0.36"}
    write_numbers(page, numbers)
    status, report = bp_check(DEFAULT, numbers)
    first, named, verdicts, lines = page_check(page)
    assert status == 0
    assert_same_report(lines, report)
    assert (first, named) == (None, [])
    assert {k: v for k, v in verdicts.items() if v} == dict.fromkeys(numbers, "right")


def test_one_corrupted_value_is_named(explorer):
    page = explorer("http")
    numbers = {k: f"{x:.9g}" for k, x in example.worked_example().json_dict().items()}
    numbers["dE_dw3"] = "0.000497714"  # the last digit one too many
    write_numbers(page, numbers)
    status, report = bp_check(DEFAULT, numbers)
    first, named, verdicts, lines = page_check(page)
    assert status == 1
    assert_same_report(lines, report)
    assert first == "dE_dw3"
    assert named == named_slips(report) == []
    assert [k for k, v in verdicts.items() if v == "wrong"] == ["dE_dw3"]


@pytest.mark.parametrize("text", ["abc", "nan", "1e", "0.5.3"])
def test_a_value_that_is_not_a_number_gets_bps_message(explorer, text):
    page = explorer("http")
    with pytest.raises(ValueError, match="dE_dw5 must be") as err:
        slips.check({"dE_dw5": text})
    write_numbers(page, {"dE_dw5": text})
    assert page.locator("#bpx-check-dE_dw5-verdict").inner_text() == str(err.value)
    assert page.locator("#bpx-check-dE_dw5-verdict").get_attribute("data-verdict") == "bad"


def test_a_link_that_cannot_be_decoded_is_named_not_thrown(explorer):
    # no command line counterpart: a shell argument is never a broken percent-encoding
    page = explorer("http", "lr=0.25")
    page.evaluate("h => { location.hash = h; }", "inputs=%E0%A4%A,1")
    wait_for_hash(page, "inputs=%E0%A4%A,1")
    assert "could not read the link" in page.locator(".bpx-link-error").inner_text()
    _, cli = bp_trace(["--lr", "0.25"])
    assert not mismatches(shown(page), {**DEFAULT, "lr": 0.25}, cli)


# ---- One list of cases for bp and the page (tests/data/number_cases.json) ------------------

NUMBER_CASES = json.loads(
    (ROOT / "tests" / "data" / "number_cases.json").read_text(encoding="utf-8")
)


def test_the_page_reads_each_text_by_bps_grammar(explorer):
    page = explorer("http")
    texts = [c["text"] for c in NUMBER_CASES["grammar"]]
    problems = page.evaluate("texts => texts.map(bpExplorer.numberProblem)", texts)
    assert problems == [c["problem"] for c in NUMBER_CASES["grammar"]]
    assert problems == [_checks.number_problem(t) for t in texts]


@pytest.mark.parametrize("case", NUMBER_CASES["options"], ids=lambda c: " ".join(c["args"]))
def test_a_field_gets_the_message_bp_trace_gives(explorer, case):
    page = explorer("http")
    flag, *texts = case["args"]
    for i, text in enumerate(texts):  # typed into the option's fields, one by one
        page.fill(f"#bpx-{flag[2:]}-{i}", text)
    status, message = bp_trace(case["args"])
    error = page.locator(f"#bpx-error-{flag[2:]}").inner_text()
    assert (status, error) == ((2, case["error"]) if case["error"] else (0, ""))
    if case["error"]:
        assert message == case["error"]


@pytest.mark.parametrize("case", NUMBER_CASES["checks"], ids=lambda c: c["name"])
def test_the_page_checks_each_case_as_bp_check_does(follow, case):
    options = {k: [float(x) for x in v] for k, v in case.get("options", {}).items()}
    config = {**DEFAULT, **options}
    page = follow("http", to_hash(config))
    wait_for_hash(page, to_hash(config))
    write_numbers(page, case["numbers"])
    status, report = bp_check(config, case["numbers"])
    assert status == case["status"]
    if status == 2:
        key = next(k for k in case["numbers"] if case["error"].startswith(f"{k} must"))
        assert page.locator(f"#bpx-check-{key}-verdict").inner_text() == case["error"]
        assert page.locator(".bpx-diagnosis").inner_text() == case["error"]
        return
    _, _, verdicts, lines = page_check(page)
    assert_same_report(lines, report)
    assert {k: v for k, v in verdicts.items() if v} == case["verdicts"]


# ---- The diagram: each weight's label beside its own edge, clear of the others -------------

# Every label and edge of the diagram as drawn, in the SVG's own pixels: a label as the corners
# of its text's box turned as the page turns it, an edge as its two ends, a neuron as centre and
# radius.
DRAWN = """() => {
    const svg = document.querySelector('.bpx-diagram');
    const at = (el, x, y) => {
        const p = svg.createSVGPoint(); p.x = x; p.y = y;
        const q = p.matrixTransform(el.getCTM()); return [q.x, q.y];
    };
    const box = el => {
        const b = el.getBBox();
        return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
                [b.x, b.y + b.height]].map(([x, y]) => at(el, x, y));
    };
    return {
        labels: [...svg.querySelectorAll('text.bpx-label')].map(t => ({
            of: t.dataset.labelOf || null, text: t.textContent, box: box(t)})),
        edges: Object.fromEntries([...svg.querySelectorAll('line[data-weight]')].map(l => [
            l.dataset.weight, [at(l, +l.getAttribute('x1'), +l.getAttribute('y1')),
                               at(l, +l.getAttribute('x2'), +l.getAttribute('y2'))]])),
        nodes: [...svg.querySelectorAll('circle[data-neuron]')].map(c => ({
            name: c.dataset.neuron, centre: at(c, +c.getAttribute('cx'), +c.getAttribute('cy')),
            r: +c.getAttribute('r') * c.getCTM().a})),
    };
}"""


def _segment_distance(p, a, b):
    p, a, b = (complex(*v) for v in (p, a, b))
    t = max(0.0, min(1.0, ((p - a) * (b - a).conjugate()).real / abs(b - a) ** 2))
    return abs(p - (a + t * (b - a)))


def _segments_cross(a, b, c, d):
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _box_edges(box):
    return [(box[i], box[(i + 1) % 4]) for i in range(4)]


def _inside(p, box):
    """Whether point p is inside the convex quadrilateral ``box``."""
    sides = [
        (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) for a, b in _box_edges(box)
    ]
    return all(s > 0 for s in sides) or all(s < 0 for s in sides)


def _boxes_meet(one, other):
    return (
        any(_segments_cross(a, b, c, d) for a, b in _box_edges(one) for c, d in _box_edges(other))
        or any(_inside(p, other) for p in one)
        or any(_inside(p, one) for p in other)
    )


WIDE_LABELS = "weights=-1.25,2,-0.001,1.5,-2,2,-1.99,0.5"  # long values, both signs


@pytest.mark.parametrize("hash_", ["", to_hash(CONFIGS[3]), WIDE_LABELS])
def test_each_weight_label_lies_beside_its_own_edge_and_crosses_nothing(explorer, hash_):
    # The rule of the book's figures (bp/plotting/diagram.py): which weight joins which neurons
    # is bp's wiring; a label beside the wrong edge, on a crossing or over a neuron fails here.
    page = explorer("http", hash_)
    drawn = page.evaluate(DRAWN)
    edges, labels = drawn["edges"], drawn["labels"]
    assert set(edges) == set(example.WIRING)
    positions = {n["name"]: n["centre"] for n in drawn["nodes"]}
    for w, (src, dst) in example.WIRING.items():
        assert [*edges[w][0], *edges[w][1]] == pytest.approx([*positions[src], *positions[dst]]), w
    assert sorted(label["of"] for label in labels if label["of"]) == sorted(2 * list(edges))
    for label in labels:
        box, w = label["box"], label["of"]
        centre = [sum(p[i] for p in box) / 4 for i in range(2)]
        if w:
            nearest = min(edges, key=lambda e: _segment_distance(centre, *edges[e]))
            assert nearest == w, f"{label['text']!r} sits nearer {nearest} than {w}"
        for e, (a, b) in edges.items():
            assert not any(_segments_cross(a, b, p, q) for p, q in _box_edges(box)), (
                f"{label['text']!r} crosses the edge of {e}"
            )
        for node in drawn["nodes"]:
            gap = min(_segment_distance(node["centre"], p, q) for p, q in _box_edges(box))
            assert gap > node["r"], f"{label['text']!r} touches {node['name']}"
            assert not _inside(node["centre"], box), f"{label['text']!r} covers {node['name']}"
        for other in labels:
            if other is not label:
                assert not _boxes_meet(box, other["box"]), (
                    f"{label['text']!r} overlaps {other['text']!r}"
                )


# ---- The tables follow the computation; a refused field says it holds the update back -------


def in_the_tables(page, attribute):
    """(value of data-<attribute>, text) of every cell of the tables that has one, in order."""
    return page.evaluate(
        "a => [...document.querySelectorAll(`.bpx-results td[data-${a}]`)]"
        ".map(e => [e.getAttribute(`data-${a}`), e.textContent])",
        attribute,
    )


@pytest.mark.parametrize("bias", example.BIAS_MODES)
def test_the_tables_list_the_quantities_in_the_order_of_the_computation(explorer, bias):
    # bp's order (bp.example.quantities): the forward pass, the chain-rule factors and deltas,
    # the gradients made of them, then the update; never a gradient before its factors.
    listed = [k for k, _ in in_the_tables(explorer("http", f"bias={bias}"), "key")]
    listed = [k for k in listed if not k.startswith("fd_")]
    assert listed == example.json_keys(bias)
    assert listed.index("delta_h2") < listed.index("dE_dw1") < listed.index("w1_new")


@pytest.mark.parametrize("update", example.UPDATE_ORDERS)
def test_beside_each_quantity_stands_the_rule_bp_walk_gives_it(explorer, update):
    shown_rules = dict(in_the_tables(explorer("http", f"update={update}&steps=3"), "rule-of"))
    assert list(shown_rules) == example.json_keys()  # one rule cell a row, in the tables' order
    steps = walk.walk(update=update)  # the rules of one step
    assert {k: r for k, r in shown_rules.items() if r} == {
        s["key"]: s["rule"].split(" = ", 1)[1] for s in steps
    }
    if update == "sequential":  # the slip shows in the rule of the hidden neurons' blame
        assert shown_rules["dEo1_dout_h1"] == "delta_o1 · w5_new"


def test_a_refused_field_names_itself_as_what_holds_the_update_back(explorer):
    page = explorer("http")
    before = shown(page)
    assert page.locator(".bpx-blocked").inner_text() == ""
    page.fill("#bpx-weights-2", "abc")
    page.fill("#bpx-lr-0", "0.8")  # a valid edit elsewhere: not applied, and the page says why
    _, message = bp_trace(["--weights", "0.15", "0.2", "abc", "0.3", "0.4", "0.45", "0.5", "0.55"])
    blocked = page.locator(".bpx-blocked")
    assert blocked.get_attribute("aria-live") == "polite"
    assert "w3 (--weights): " + message in blocked.inner_text()
    assert shown(page) == before
    go = blocked.locator("button[data-blocking]")
    assert go.count() == 1
    assert go.get_attribute("data-blocking") == "bpx-weights-2"
    go.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "bpx-weights-2"
    # two refused fields: both named, in the order of the controls
    page.fill("#bpx-steps-0", "0")
    assert blocked.locator("button[data-blocking]").evaluate_all(
        "bs => bs.map(b => b.dataset.blocking)"
    ) == ["bpx-weights-2", "bpx-steps-0"]
    page.fill("#bpx-steps-0", "1")
    page.fill("#bpx-weights-2", "0.3")  # fixed: the edit held back is applied with it
    config = {**DEFAULT, "weights": [*DEFAULT["weights"]], "lr": 0.8}
    config["weights"][2] = 0.3
    wait_for_hash(page, to_hash(config))
    assert blocked.inner_text() == ""
    _, cli = bp_trace(hash_argv(to_hash(config)))
    assert not mismatches(shown(page), config, cli)


DELTAS = [k for k in example.json_keys() if k.startswith("delta_")]  # outputs' first


def _deltas_of(name):
    """A slip's deltas, written to ten significant digits."""
    return {k: f"{slips.trace(name)[k]:.10g}" for k in DELTAS}


# The slips whose deltas differ from bp's at the digits written (`rounded` gives deltas of four
# decimals, which agree with bp's to the four digits they have).
SLIPS_OF_DELTAS = [
    name
    for name in slips.SLIPS
    if slips.SLIPS[name].applies("fixed", "simultaneous") and slips.check(_deltas_of(name)).differ
]


@pytest.mark.parametrize("name", SLIPS_OF_DELTAS)
def test_the_deltas_alone_are_checked_and_their_slip_named_as_bp_check_does(explorer, name):
    page = explorer("http")
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('[data-check-key^=delta_]')]"
        ".map(e => e.dataset.checkKey)"
    )
    assert boxes == DELTAS  # a box for each neuron's delta, in the order computed
    assert len(SLIPS_OF_DELTAS) >= 7
    numbers = _deltas_of(name)
    write_numbers(page, numbers)
    status, report = bp_check(DEFAULT, numbers)
    first, named, verdicts, lines = page_check(page)
    expected = slips.check(numbers)
    assert status == 1
    assert_same_report(lines, report)
    assert name in named == named_slips(report)
    assert first == expected.first
    assert {k: v for k, v in verdicts.items() if v} == {
        k: "wrong" if k in expected.differ else "right" for k in DELTAS
    }
