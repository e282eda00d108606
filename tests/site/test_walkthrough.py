"""The walk-through page, in Chromium: bp's numbers and bp's lines, the keyboard, the address.

The page (docs/walkthrough.md, docs/_static/walkthrough.js) fills bp's templates with the
explorer's arithmetic. Opened over http and from file:// with configurations in its address,
every step element's ``data-value`` must be ``python -m bp trace --json``'s for its
``data-key`` (to a relative 1e-12), and the step on screen must read as the same step of
``python -m bp trace --explain``. The arrow keys move the walk only while it has the focus; a
chosen slip marks the steps it changes.
"""

from __future__ import annotations

import pytest
from built_site import SITE, bp_command, offline_context, watch
from test_explorer import DEFAULT, bp_trace, hash_argv, random_configs, to_hash

PAGE = "walkthrough.html"
REL = 1e-12
CONFIGS = [DEFAULT, *random_configs(4, seed=5)]


def url(server, origin, query=""):
    base = f"{server}/{PAGE}" if origin == "http" else (SITE / PAGE).as_uri()
    return f"{base}{query}"


@pytest.fixture
def walkthrough(browser, server):
    """Open the walk-through (http or file://, with ``?query`` or ``#hash``); no console error."""
    problems = []
    context = offline_context(browser, server, problems)

    def open_(origin="http", query=""):
        page = watch(context.new_page(), problems)
        page.goto(url(server, origin, query), wait_until="load")
        page.wait_for_selector("#bp-walk[data-ready=true]")
        return page

    yield open_
    context.close()
    assert not problems, "\n".join(problems)


def steps_of(page):
    return page.evaluate(
        "() => [...document.querySelectorAll('#bp-walk li[data-key]')]"
        ".map(e => [e.dataset.key, Number(e.dataset.value)])"
    )


def current_lines(page):
    """The lines of the step on screen, as they read."""
    item = page.locator("#bp-walk li.bpw-step:not([hidden])")
    head = item.locator(".bpw-head").inner_text()
    lines = item.locator(".bpw-lines > .bpw-line").all_inner_texts()
    return [head, *lines, item.locator(".bpw-book").inner_text()]


def explain_blocks(argv):
    code, out, err = bp_command(["trace", "--explain", *argv])
    assert code == 0, err
    return [block.splitlines() for block in out.rstrip("\n").split("\n\n")[1:]]


def rel(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize("n", range(len(CONFIGS)), ids=lambda n: f"config{n}")
def test_every_step_is_bps_and_reads_as_trace_explain(walkthrough, origin, n):
    config = CONFIGS[n]
    page = walkthrough(origin, "?" + to_hash(config) + "&step=3")
    argv = hash_argv(to_hash(config))
    _, last = bp_trace(argv)
    _, first = bp_trace([*argv, "--steps", "1"])
    shown = steps_of(page)
    blocks = explain_blocks(argv)
    assert len(shown) == len(blocks)
    for key, value in shown:
        want = first[key.removesuffix("_1")] if key.endswith("_new_1") else last[key]
        assert rel(value, want) <= REL, (key, value, want)
    assert page.get_attribute("#bp-walk", "data-step") == "3"
    assert current_lines(page) == blocks[2]


def test_the_arrow_keys_move_the_walk_only_while_it_has_the_focus(walkthrough):
    page = walkthrough("http")
    n = int(page.get_attribute("#bp-walk", "data-steps"))
    page.focus(".bpw-walk")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#bp-walk", "data-step") == "3"
    assert page.locator(".bpw-status").inner_text() == f"Step 3 of {n}"
    assert "step=3" in page.evaluate("location.search")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute("#bp-walk", "data-step") == "2"
    page.keyboard.press("End")
    assert page.get_attribute("#bp-walk", "data-step") == str(n)
    page.keyboard.press("Home")
    assert page.url.endswith("step=1")
    # the buttons, from the keyboard: the arrows still move the walk, not the book
    page.focus(".bpw-next")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#bp-walk", "data-step") == "3"
    # elsewhere, the arrow keys turn the book's pages
    page.evaluate("document.activeElement.blur()")
    following = page.locator("a.right-next").get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")
    assert page.url.split("?")[0].endswith(following.split("#")[0])


@pytest.mark.parametrize("origin", ["http", "file"])
def test_the_address_opens_a_step_by_number_or_by_key(walkthrough, origin):
    page = walkthrough(origin, "?lr=0.8&step=20")
    assert page.get_attribute("#bp-walk", "data-step") == "20"
    assert page.input_value("#bpw-lr-0") == "0.8"
    page = walkthrough(origin, "?lr=0.8&key=dE_dw1")
    assert page.locator("li.bpw-step:not([hidden])").get_attribute("data-key") == "dE_dw1"
    page = walkthrough(origin, "#bias=shared&key=dE_db1")  # the explorer's form, after a #
    assert page.locator("li.bpw-step:not([hidden])").get_attribute("data-key") == "dE_db1"
    assert page.input_value("#bpw-bias") == "shared"
    # the step moves, the address follows, and the link reopens it
    page.click(".bpw-next")
    reopened = walkthrough(origin, page.evaluate("location.search"))
    assert reopened.get_attribute("#bp-walk", "data-step") == page.get_attribute(
        "#bp-walk", "data-step"
    )


def test_a_slip_marks_the_steps_it_changes(walkthrough):
    page = walkthrough("http", "?key=dEo1_dout_h1")
    page.select_option("#bpw-slip", "sequential")
    item = page.locator("li.bpw-step:not([hidden])")
    assert item.get_attribute("data-key") == "dEo1_dout_h1"
    assert item.get_attribute("data-changed") == "true"
    assert "delta_o1 · w5_new" in item.locator(".bpw-lines").inner_text()
    assert "delta_o1 · w5" in item.locator(".bpw-changed").inner_text()
    changed = page.evaluate(
        "() => [...document.querySelectorAll('li[data-changed]')].map(e => e.dataset.key)"
    )
    assert "dE_dw5" not in changed  # the output layer is the same
    assert {"dEo1_dout_h1", "delta_h1", "dE_dw1", "E_after"} <= set(changed)
    assert "slip=sequential" in page.evaluate("location.search")
    _, slipped = bp_trace(["--update", "sequential"])
    assert float(item.get_attribute("data-value")) == slipped["dEo1_dout_h1"]


def test_an_invalid_field_says_it_blocks_the_update(walkthrough):
    page = walkthrough("http", "?step=5")
    before = steps_of(page)
    page.fill("#bpw-weights-1", "0.2.1")
    _, message = bp_trace(["--weights", "0.15", "0.2.1", *map(str, DEFAULT["weights"][2:])])
    assert page.locator("#bpw-error-weights").inner_text() == message
    assert page.get_attribute("#bpw-weights-1", "aria-invalid") == "true"
    assert "--weights" in page.locator(".bpw-blocked").inner_text()
    page.fill("#bpw-lr-0", "0.8")  # a valid edit elsewhere: still blocked, and said so
    assert steps_of(page) == before
    page.fill("#bpw-weights-1", "0.2")
    after = steps_of(page)
    assert after != before
    assert page.locator(".bpw-blocked").inner_text() == ""
    assert page.get_attribute("#bp-walk", "data-step") == "5"
