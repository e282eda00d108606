"""The accessibility audit with colour contrast checked once for each group of twins (audit.py)
fails wherever the whole audit fails."""

from __future__ import annotations

import collections

import pytest
from audit import contrast_failures, serious_violations
from built_site import open_page

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
