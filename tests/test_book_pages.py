"""Promises about the book's sources that no build checks by itself."""

from __future__ import annotations

import re

import pytest
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


MAIN_PATH = ["intuition", "calculus", "output-layer", "hidden-layer", "back-in-backprop"]


@pytest.mark.parametrize("name", MAIN_PATH)
def test_every_going_further_aside_of_the_main_path_is_one_folded_style(name):
    """A detour on chapters 1-5 is a dropdown titled "Going further: ..." with one class."""
    lines = (DOCS / f"{name}.md").read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if "Going further" in line and not line.startswith("#"):
            assert line.startswith(":::{dropdown} Going further: "), (name, i + 1, line)
            assert lines[i + 1] == ":class-container: going-further", (name, i + 1)
