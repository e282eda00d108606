"""The notebook kernel's configuration while the book builds (see "Figures" in conf.py).

conf.py copies this file into a fresh IPython profile and points ``IPYTHONDIR`` at it, so the
kernel that executes the pages reads this file and none of the reader's own (no startup scripts,
no ``%matplotlib`` choices, no rc overrides). It is a ``.py`` file under ``bp_cache_sources``: an
edit here re-executes every page, as an edit to bp does.
"""

import os
import sys

c = get_config()  # noqa: F821 (IPython's config loader defines it)

# Every figure as SVG: sharp at any pixel density, text as outlines (no font needed offline).
c.InlineBackend.figure_formats = {"svg"}
# No creation date in the SVG: a figure that did not change is byte for byte the same.
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
# Applied over matplotlib's defaults (conf.py's MATPLOTLIBRC hides the reader's rc file).
c.InlineBackend.rc = {
    # Dense parts drawn as pixels inside the SVG (the decision boundary's mesh, the digits) get
    # 200 pixels per inch: at least 2x the CSS pixels they are shown at.
    "figure.dpi": 200,
    "font.family": ["DejaVu Sans"],  # ships with matplotlib: the same glyphs on every machine
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "path",
    "svg.hashsalt": "bp-book",  # stable ids inside the SVG, build after build
}
# Each figure drawn once more for each translation of the book, its words in that language
# (bp_figure_text.py beside this file; conf.py names the folder and the catalogues).
if os.environ.get("BP_KERNEL_DIR"):
    sys.path.insert(0, os.environ["BP_KERNEL_DIR"])
    c.InteractiveShellApp.extensions = ["bp_figure_text"]
# The build's kernels keep no history database.
c.HistoryManager.enabled = False
