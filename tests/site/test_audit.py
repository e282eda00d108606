"""The accessibility audit with colour contrast checked once for each group of twins (audit.py)
fails wherever the whole audit fails; in dark mode, where the audit runs the rules that read
colours alone, the others find what they find in light mode."""

from __future__ import annotations

import collections

import pytest
from audit import AXE, RULES, contrast_failures, serious_violations
from built_site import Views, open_page

# Colours too faint on the page's background (white, or the code blocks' grey): for the names
# in code, the article's paragraphs and the links of the navigation sidebar.
PLACES = (".highlight", ".bd-sidenav", ".bd-article p")
FAINT = """() => { const style = document.createElement("style");
    style.textContent = ".highlight .n { color: #b0b0b0 !important }"
        + " .bd-article p { color: #c0c0c0 !important }"
        + " .bd-sidenav a { color: #c8c8c8 !important }";
    document.head.append(style); }"""


@pytest.fixture
def chapter(browser, server):
    context, page, _, _ = open_page(browser, server, "intuition.html")
    yield page
    context.close()


def test_a_twin_fails_the_audit_as_its_first_does(chapter):
    chapter.evaluate(FAINT)
    every, spared, size = contrast_failures(chapter, PLACES)
    # the whole rule finds each planted fault, on many elements
    assert {place for _, place in every} == set(PLACES)
    # and fails every element of a group or none of it
    failed = collections.Counter(group for group, _ in every)
    assert {k: n for k, n in failed.items() if k in size} == {
        k: size[k] for k in failed if k in size
    }
    # the rule with the twins spared fails in the same groups, on fewer elements
    assert set(spared) == set(every)
    assert 3 * len(spared) < len(every), (len(spared), len(every))


def test_the_audit_finds_a_planted_fault(chapter):
    assert not serious_violations(chapter)
    chapter.evaluate(FAINT)
    found = serious_violations(chapter)
    assert [v.split()[0] for v in found] == ["color-contrast"], found


def test_the_audit_in_dark_mode_runs_the_rules_that_read_colours(chapter):
    chapter.evaluate(AXE)
    assert chapter.evaluate(RULES, True) == ["color-contrast", "link-in-text-block"]
    assert not serious_violations(chapter, colours_only=True)
    chapter.evaluate(FAINT)
    chapter.evaluate("document.body.append(document.createElement('img'))")  # no alt text
    found = [v.split()[0] for v in serious_violations(chapter, colours_only=True)]
    assert found == ["color-contrast"], found
    assert "image-alt" in [v.split()[0] for v in serious_violations(chapter)]


# What each rule that reads no colour finds on a page: its verdict, and each element it read
# (by its place among the page's elements: axe-core's selectors for every element of a large
# page would cost a minute) with what each of its checks said of it.
FINDINGS = """async (rules) => {
    const place = new Map([...document.querySelectorAll("*")].map((e, i) => [e, i]));
    const found = {};
    const report = await axe.run({runOnly: {type: "rule", values: rules}, selectors: false,
                                  elementRef: true});
    for (const kind of ["violations", "passes", "incomplete", "inapplicable"]) {
        for (const rule of report[kind]) {
            found[rule.id] = [kind, rule.nodes.map(n => (place.get(n.element) ?? "?") + " "
                + n.any.concat(n.all, n.none).map(c => c.id + ": " + c.message).join("; "))];
        }
    }
    return found;
}"""


@pytest.mark.parametrize("page_name", ["intuition.html", "fr/notation.html", "explorer.html"])
def test_the_rules_that_read_no_colour_find_the_same_in_both_schemes(browser, server, page_name):
    """test_page audits a page in dark mode by the rules that read colours alone: the others
    read the markup, names, roles and layout, which the page keeps when it is switched to dark
    (the views in dark mode are switched: built_site.Views). On each of the site's 94 pages the
    94 other rules found the same elements with the same checks' messages in both schemes
    (2026-12-07); a rule of the theme's that hid the figures in dark mode alone would change
    what five of them find on intuition.html (image-alt, region and three more). Read here on a
    chapter, a translated page and the explorer's form."""
    views = Views(browser, server)
    try:
        found = {}
        for scheme in ("light", "dark"):
            _, page, _, _ = views((page_name, scheme, 1280))
            page.evaluate(AXE)
            found[scheme] = page.evaluate(FINDINGS, page.evaluate(RULES, False))
        assert len(found["light"]) > 50, sorted(found["light"])
        differ = sorted(k for k in found["light"] if found["light"][k] != found["dark"].get(k))
        assert not differ, f"these rules find otherwise in dark mode: {differ}"
    finally:
        views.close()
