"""The practice boxes under the chapters' exercises: bp's variants, checked as bp check checks.

Every exercise of :data:`bp.practice.EXERCISES` has its box on its page; the box shows the numbers
``python -m bp practice`` prints for the seed in the address, marks answers right or wrong to the
digits written, names the slip behind wrong ones in the words of ``python -m bp check`` (without
the expected value when the page is set to verdict only), keeps the seed in the address, and
prints an exercise sheet: the questions on one page, the answers on the next.
"""

from __future__ import annotations

import re

import pytest
from audit import serious_violations
from built_site import SITE
from built_site import open_page as _open

from bp import practice, slips

PAGES = sorted({e.page for e in practice.EXERCISES.values()})


def open_page(browser, server, address, **kwargs):
    context, page, problems, _ = _open(browser, server, address, **kwargs)
    return context, page, problems


def box(page, name):
    return page.locator(f'div.bpp[data-exercise="{name}"]')


def answer(page, name, values):
    """Type ``values`` (key -> text) into the box of ``name``, check, and return the marks."""
    b = box(page, name)
    for key, text in values.items():
        b.locator(f'input[data-key="{key}"]').fill(text)
    b.get_by_role("button", name="Check").click()
    return {key: b.locator(f'input[data-key="{key}"] + .bpp-mark').inner_text() for key in values}


def numbers_shown(page, name):
    return box(page, name).locator(".bpp-numbers").inner_text()


def weights_text(v):
    return ", ".join(f"w{i} = {w:g}" for i, w in enumerate(v.config["weights"], 1))


@pytest.mark.parametrize("page_name", PAGES)
def test_each_exercise_has_its_box_with_bps_numbers(browser, server, page_name):
    context, page, problems = open_page(browser, server, f"{page_name}.html?seed=17")
    try:
        assert not problems["console"], problems["console"]
        names = [n for n, e in practice.EXERCISES.items() if e.page == page_name]
        assert page.locator("div.bpp").count() == len(names)
        for name in names:
            v = practice.variant(17, name)
            assert weights_text(v) in numbers_shown(page, name)
            assert (
                box(page, name)
                .locator("input[data-key]")
                .evaluate_all("es => es.map(e => e.dataset.key)")
                == v.asks
            )
            assert box(page, name).get_by_label("Seed").input_value() == "17"
    finally:
        context.close()


def test_right_answers_are_marked_right(browser, server):
    v = practice.variant(17, "hidden-layer-1")
    context, page, _ = open_page(browser, server, "hidden-layer.html?seed=17")
    try:
        marks = answer(page, v.exercise, {k: practice.rounded(x) for k, x in v.answers.items()})
        assert set(marks.values()) == {"\u2713 right"}
        report = box(page, v.exercise).locator(".bpp-report")
        assert report.get_attribute("role") == "status"
        n = len(v.asks)
        assert report.inner_text() == f"All {n} value(s) agree with bp, to the digits you wrote."
    finally:
        context.close()


def with_the_sign_slip(browser, server, query):
    """Errata's exercise for seed 5, answered with the numbers of the sign slip."""
    v = practice.variant(5, "errata-1")
    slipped = slips.trace("sign", **v.config)
    context, page, problems = open_page(browser, server, f"errata.html?seed=5{query}")
    marks = answer(page, v.exercise, {k: practice.rounded(slipped[k]) for k in v.asks})
    return v, context, page, problems, marks


def test_a_wrong_answer_names_the_slip_that_explains_it(browser, server):
    v, context, page, problems, marks = with_the_sign_slip(browser, server, "")
    try:
        assert set(marks.values()) == {"\u2717 wrong"}
        report = box(page, v.exercise).locator(".bpp-report").inner_text()
        named = f"Your numbers are those of a known slip, sign: {slips.SLIPS['sign'].description}"
        assert named in report
        first = v.asks[0]
        assert f"expected {practice.rounded(v.answers[first])}" in report
        link = box(page, v.exercise).locator(".bpp-report a", has_text="questions.html")
        assert link.get_attribute("href") == slips.SLIPS["sign"].url
        walk = box(page, v.exercise).locator("a.bpp-walk")
        if (SITE / "walkthrough.html").exists():  # the walk-through's step that computes it
            assert walk.get_attribute("href").startswith("walkthrough.html?inputs=")
            assert walk.get_attribute("href").endswith(f"&key={first}")
        else:
            assert walk.count() == 0
        assert not problems["console"], problems["console"]
        assert not problems["status"], problems["status"]
        assert not serious_violations(page)
    finally:
        context.close()


def test_verdict_only_hides_the_expected_value(browser, server):
    v, context, page, _, _ = with_the_sign_slip(browser, server, "&verdict=only")
    try:
        b = box(page, v.exercise)
        assert b.get_by_label("Verdict only (hide expected values)").is_checked()
        report = b.locator(".bpp-report").inner_text()
        assert "known slip, sign" in report
        assert "expected" not in report
        assert practice.rounded(v.answers[v.asks[0]]) not in report
        b.get_by_label("Verdict only (hide expected values)").uncheck()
        assert "verdict=" not in page.url
        assert "expected " in b.locator(".bpp-report").inner_text()
    finally:
        context.close()


def test_the_seed_is_in_the_address(browser, server):
    context, page, _ = open_page(browser, server, "output-layer.html")
    try:
        first = box(page, "output-layer-1")
        assert first.get_by_label("Seed").input_value() == "1"
        first.get_by_label("Seed").fill("23")
        first.get_by_label("Seed").press("Enter")
        assert re.search(r"\?seed=23(&|#|$)", page.url)
        for name in ("output-layer-1", "output-layer-3"):  # every box of the page follows
            assert weights_text(practice.variant(23, name)) in numbers_shown(page, name)
        first.get_by_label("Seed").fill("-4")
        first.get_by_label("Seed").press("Enter")
        said = first.locator(".bpp-error").inner_text()
        assert said == "argument --seed: expected a whole number from 0 to 4294967295, got '-4'"
        assert weights_text(practice.variant(23, "output-layer-1")) in numbers_shown(
            page, "output-layer-1"
        )
    finally:
        context.close()


def test_the_box_works_from_a_file(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((SITE / "calculus.html").as_uri() + "?seed=9")
        v = practice.variant(9, "calculus-2")
        assert weights_text(v) in numbers_shown(page, "calculus-2")
    finally:
        context.close()


def pages_of(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("verdict", ["", "&verdict=only"])
def test_the_exercise_sheet_prints_questions_then_answers(browser, server, verdict):
    context, page, _ = open_page(browser, server, f"hidden-layer.html?seed=17{verdict}")
    try:
        page.evaluate("window.print = () => { window.printed = true; }")
        box(page, "hidden-layer-2").get_by_role("button", name="Print an exercise sheet").click()
        assert page.evaluate("window.printed")
        page.emulate_media(media="print")
        shown = page.evaluate(
            """() => [...document.body.children]
                .filter(e => getComputedStyle(e).display !== "none").map(e => e.className)"""
        )
        assert shown == ["bpp-sheet"]
        sheet = page.locator(".bpp-sheet").inner_text()
        for name in ("hidden-layer-1", "hidden-layer-2", "hidden-layer-3"):
            v, e = practice.variant(17, name), practice.EXERCISES[name]
            # headed by its title and number; the page, named once in the sheet's title, is not
            # repeated (as its file name, hidden-layer, it read like a typo)
            assert f"{e.title} (exercise {e.number})" in sheet
            assert weights_text(v) in sheet
            answered = all(f"{k} = {practice.rounded(x)}" in sheet for k, x in v.answers.items())
            assert answered == (not verdict)
        pdf = page.pdf(format="A4")
        assert pages_of(pdf) == (1 if verdict else 2)  # the questions fit one page
    finally:
        context.close()
