"""Promises about the book's sources that no build checks by itself."""

from __future__ import annotations

import re

from book_source import DOCS, PAGES, sections


def test_the_learner_questions_are_at_least_twenty():
    assert len(sections(DOCS / "questions.md")) >= 20


def test_every_learner_question_links_to_a_section():
    # {ref} targets are section labels; the strict build (-n -W) fails if one does not exist.
    unlinked = [title for title, body in sections(DOCS / "questions.md") if "{ref}`" not in body]
    assert not unlinked, unlinked


def test_every_page_has_a_kernelspec_and_a_label():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        if page.stem != "index":
            assert re.search(rf"^\({re.escape(page.stem)}\)=$", text, re.MULTILINE), page.name
        if page.stem != "api":
            assert "kernelspec:\n  name: python3" in text, page.name


def test_every_chapter_has_two_exercises_with_checked_solutions():
    chapters = [
        "intuition",
        "calculus",
        "output-layer",
        "hidden-layer",
        "back-in-backprop",
        "matrix-form",
        "computational-graphs",
        "training",
    ]
    for name in chapters:
        text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
        assert text.count(":::{dropdown} Solution") >= 2, name
        assert text.count(":tags: [hide-cell]") >= 2, name
        assert len(re.findall(r"^name: fig-|^    name: fig-", text, re.MULTILINE)) >= 2, name
