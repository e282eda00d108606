"""``{practice}``: "try it with new numbers" under a chapter's exercise.

``:::{practice} hidden-layer-1`` (a name of :data:`bp.practice.EXERCISES`) places the exercise's
practice box: on the site, a ``<div class="bpp">`` that ``_static/practice.js`` fills with the
numbers of the seed in the page's address (``?seed=17``), boxes for the answers and the verdicts
of ``python -m bp check``; the page gets the scripts it needs (bp's data, the explorer's
arithmetic, the generator, the box) and nothing else does. Other builders (the PDF) leave it out:
on paper, ``python -m bp practice`` prints the same exercises.
"""

from __future__ import annotations

from pathlib import Path

from bp_i18n import ui
from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

import bp.practice

#: The scripts of a page with a practice box, in the order they load (bp-data.js is written
#: into _static by bp_book after the build).
SCRIPTS = ("bp-data.js", "explorer-core.js", "practice-core.js", "practice.js")
#: The page that walks through one step, linked from a wrong answer when the book has it.
WALKTHROUGH = "walkthrough"


class practice_box(nodes.General, nodes.Element):
    """Where a practice box goes; its ``exercise`` is a name of bp.practice.EXERCISES."""


class PracticeDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        if name not in bp.practice.EXERCISES:
            known = ", ".join(bp.practice.EXERCISES)
            raise self.error(f"practice: unknown exercise {name!r}; expected one of {known}")
        return [practice_box(exercise=name)]


def _visit(self, node):
    builder, docname = self.builder, self.builder.current_docname
    attrs = {
        "class": "bpp",
        "data-exercise": node["exercise"],
        "data-root": builder.get_relative_uri(docname, builder.config.root_doc).rpartition("/")[0],
    }
    if WALKTHROUGH in builder.env.found_docs:
        attrs["data-walkthrough"] = builder.get_relative_uri(docname, WALKTHROUGH)
    self.body.append(self.starttag(node, "div", "", **attrs))
    command = f"<code>python -m bp practice --exercise {node['exercise']} --seed 17</code>"
    said = ui(
        builder.config, "Fresh numbers for this exercise need JavaScript; {command} prints them."
    )
    self.body.append(f"<noscript><p>{said.format(command=command)}</p></noscript>")


def _depart(self, node):
    self.body.append("</div>\n")


def _leave_out_of_print(app, doctree, docname):
    if app.builder.format != "html":
        for node in list(doctree.findall(practice_box)):
            node.parent.remove(node)


def _add_scripts(app, pagename, templatename, context, doctree):
    if doctree is None or not any(True for _ in doctree.findall(practice_box)):
        return
    for script in SCRIPTS:
        app.add_js_file(script)
    app.add_css_file("practice.css")


def _check_exercises_have_boxes(app, env):
    """Every exercise of bp.practice has its box on its page (when the page is built), once."""
    found = {}
    for docname in env.found_docs:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8")
        for name in bp.practice.EXERCISES:
            if f"{{practice}} {name}\n" in text:
                found.setdefault(name, []).append(docname)
    for name, exercise in bp.practice.EXERCISES.items():
        if exercise.page in env.found_docs and found.get(name) != [exercise.page]:
            raise ExtensionError(
                f"[bp_practice] the exercise {name} needs one practice box, on {exercise.page}; "
                f"found on {found.get(name, [])}"
            )


def setup(app):
    app.add_node(practice_box, html=(_visit, _depart))
    app.add_directive("practice", PracticeDirective)
    app.connect("doctree-resolved", _leave_out_of_print)
    app.connect("html-page-context", _add_scripts)
    app.connect("env-check-consistency", _check_exercises_have_boxes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
