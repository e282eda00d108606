"""Sphinx configuration of *Backpropagation, computed*.

The build is strict (``sphinx-build -n -W``): a failing cell, stray stderr, a broken
cross-reference or any other warning fails it. It is also offline: MathJax is served from the
site itself, no fonts or scripts come from another host, and intersphinx is used only when
``BP_DOCS_ONLINE=1`` says the network is there.
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import bp

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))  # the book's own extensions (bp itself is pip-installed)
ONLINE = os.environ.get("BP_DOCS_ONLINE") == "1"

project = "Backpropagation, computed"
author = "The bp authors"
copyright = "2026, The bp authors"
release = version = bp.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx-mathjax-offline",  # MathJax 3 and its fonts in _static, no CDN
    "bp_book",  # notebook cache keyed on bp's source; .ipynb downloads; the wheel
    "bp_parallel",  # the pages to execute, executed side by side before Sphinx reads them
    "bp_api",  # the API page: re-exported constants documented, named-tuple field stubs hidden
    "bp_print",  # the book as a PDF: its print root, its link on the site; licence and version
    "bp_i18n",  # the French edition: glue in translated text, the language switch, the checks
    "bp_practice",  # "try it with new numbers" under the exercises on the worked example
]
if ONLINE:
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "matplotlib": ("https://matplotlib.org/stable", None),
    }

exclude_patterns = [
    "print.md",  # the root of the PDF (nox -s pdf builds with -t print); the site has index.md
    "_build",
    "_kernel",
    "jupyter_execute",
    ".jupyter_cache",
    "Thumbs.db",
    ".DS_Store",
]
if tags.has("print"):  # noqa: F821 (Sphinx defines tags in conf.py)
    # The PDF: print.md is its root (title page, parts, chapters); the landing page is the site's.
    root_doc = "print"
    extensions.append("sphinxcontrib.cairosvgconverter")  # SVG figures to vector PDF for LaTeX
    exclude_patterns = [p for p in exclude_patterns if p != "print.md"] + ["index.md"]
# BP_DOCS_ONLY="intuition calculus" builds just those pages (and the landing page): a quick loop
# for an author. The full build, the only one CI and the README know, builds everything.
if os.environ.get("BP_DOCS_ONLY"):
    include_patterns = [
        "index.md",
        "api.md",
        *(f"{p}.md" for p in os.environ["BP_DOCS_ONLY"].split()),
    ]
    suppress_warnings = ["toc.excluded", "toc.not_readable", "ref.ref", "ref.doc", "ref.numref"]
nitpicky = True
numfig = True
# Offline, types named in docstrings that live in other projects cannot be resolved.
nitpick_ignore_regex = (
    []
    if ONLINE
    else [(r"py:.*", r"(numpy|np|matplotlib|argparse|json|collections|typing|sklearn)(\..*)?")]
)
# Parameter types in numpy docstrings are prose ("array_like, shape (n, n_in)"), not classes.
nitpick_ignore_regex.append(("py:class", r"(?!bp\.).*"))
# Private helpers (bp.graph._Scalar, the base of Value and Dual) are deliberately undocumented.
nitpick_ignore_regex.append(("py:class", r"bp\.\w+\._\w+"))

# --- MyST and MyST-NB -----------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "dollarmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

nb_execution_mode = "cache"
nb_execution_raise_on_error = True  # a failing cell fails the build, naming the page
nb_execution_show_tb = True
nb_execution_timeout = 300  # seconds per cell
nb_output_stderr = "warn"  # stray stderr is a warning, and warnings are errors
nb_merge_streams = True
nb_kernel_rgx_aliases = {".*": "python3"}

bp_cache_sources = ["../bp", "_kernel"]  # bp's code and the kernel's figure configuration
bp_cache_root = "_build/.jupyter_cache"  # $BP_NB_CACHE_ROOT, if set, wins (README: Build the book)
# The wheel readers install (built from this project with each build, published in wheels/), and
# the address the site is hosted at, for the install command; a local build names its own folder.
bp_wheel_project = str(DOCS.parent)
bp_site_url = os.environ.get("BP_SITE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# --- Figures: the same whatever the reader's matplotlib setup ------------------------------
# The kernel that executes the pages is a separate process that inherits this one's
# environment. ipykernel picks the inline backend only when MPLBACKEND is unset: with
# MPLBACKEND=Agg (usual on headless servers and CI) no figure would be displayed, so no
# figure, caption or numbered reference would reach the book. A reader's matplotlibrc, style
# or IPython profile could change every figure. So the build pins all three: the inline
# backend, an rc file of matplotlib's defaults, and a kernel profile of the book's own
# (_kernel/ipython_kernel_config.py: SVG figures, the font, the pixel density of rasters).
KERNEL = DOCS / "_kernel"
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
os.environ["MATPLOTLIBRC"] = str(KERNEL / "matplotlibrc")
_ipython_dir = Path(tempfile.mkdtemp(prefix="bp-book-ipython-"))
(_ipython_dir / "profile_default").mkdir()
shutil.copy(KERNEL / "ipython_kernel_config.py", _ipython_dir / "profile_default")
os.environ["IPYTHONDIR"] = str(_ipython_dir)
atexit.register(shutil.rmtree, _ipython_dir, ignore_errors=True)

# --- The book as a PDF (nox -s pdf: the LaTeX builder, XeLaTeX, latexmk) -------------------
# Figures are SVG; the LaTeX builder cannot use SVG, and MyST-NB offers it no SVG unless told:
# without this override every figure would silently become its text repr ("<Figure size ...>").
# The SVG goes to LaTeX, and the converter (CairoSVG) turns it into a vector PDF.
nb_mime_priority_overrides = [
    ("latex", "image/svg+xml", 15),
    # The message catalogues: figures as images, so that their alt text is offered for translation.
    ("gettext", "image/svg+xml", 15),
]
# The PDF the site serves when it exists as the site is built (nox -s pdf makes it, then builds
# the site again); without it the site links no PDF. {language}: one PDF per edition.
bp_pdf = "_build/pdf/{language}/book.pdf"
bp_screen_only = ["explorer", "walkthrough"]  # printed as their opening paragraph and address
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("print", "book.tex", project, author, "manual", False)]
latex_domain_indices = False
latex_show_urls = "footnote"
latex_show_pagerefs = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "releasename": "Version",
    # DejaVu: the figures' typeface, and it has the Greek, primes and arrows of the prose.
    "fontpkg": r"""
\setmainfont{DejaVu Serif}[Scale=0.92]
\setsansfont{DejaVu Sans}[Scale=0.92]
\setmonofont{DejaVu Sans Mono}[Scale=0.8]
""",
    "fncychap": r"\usepackage[Sonny]{fncychap}",
    "printindex": "",
    "makeindex": "",
    "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true, verbatimmaxunderfull=1",
    "figure_align": "H",  # a figure stays beside the text that discusses it
    # A glued number is never cut at a line's end after its minus sign (1,1e- / 11): a reader
    # would copy it wrong, and so would the PDF's text layer.
    "preamble": r"""
\expandafter\def\csname DUrolepasted-text\endcsname#1{{\def\sphinxhyphen{\mbox{-}}#1}}
""",
}

# --- API reference --------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "none"
autodoc_default_options = {"members": True, "show-inheritance": False}
# Default arguments as written in the source (``df=lambda x: 2 * x``), not as raw reprs
# (``<function <lambda>>``); registries of functions are shown without values in api.md.
autodoc_preserve_defaults = True
# The API page's "On this page" lists its module sections, not every object by name.
toc_object_entries = False
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True  # NamedTuple fields are documented once, as members
napoleon_preprocess_types = False  # types are prose, not cross-references

# --- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["bp.css"]
html_js_files = ["bp-install.js"]  # the install command points at the wheel beside the page
html_favicon = "_static/favicon.svg"  # without one, browsers ask for /favicon.ico and get a 404
html_domain_indices = False  # the module index adds nothing to the API page (nine modules)
html_last_updated_fmt = None
html_show_sourcelink = True
html_copy_source = True
# Follow the reader's system light/dark setting; without a default a first visit logs an error.
html_context = {"default_mode": "auto"}
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": True,  # left and right arrow keys: previous and next page
    "home_page_in_toc": True,
    # The language switch (bp_i18n), before the theme's download and mode buttons.
    "article_header_end": ["bp-language.html", "article-header-buttons.html"],
}
templates_path = [str(DOCS / "_templates")]  # absolute: the build tests reuse this conf.py

# Outputs carry no copy button, and prompts are stripped from what is copied.
copybutton_selector = "div:not(.output) > div.highlight > pre"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False

# --- Translations (the French edition: docs/locales/fr/LC_MESSAGES/<page>.po) ---------------
# One catalogue a page (gettext_compact off), no source line numbers in them (an edit above a
# paragraph would otherwise touch every message below it).
locale_dirs = ["locales/"]
gettext_compact = False
gettext_location = False
# The languages of the site: the first is the source, at the root; the others in a folder each
# (nox -s docs builds them with -D language=fr into _build/html/fr).
bp_languages = {"en": "English", "fr": "Français"}
# Figures in each translation: the kernel draws every figure once more with its words from the
# language's figure catalogue (_kernel/bp_figure_text.py); an edit of a catalogue re-executes the
# pages, as an edit of bp does (the cache is keyed on them too).
_figure_catalogues = {
    language: DOCS / "locales" / language / "LC_MESSAGES" / "figures.po"
    for language in list(bp_languages)[1:]
}
os.environ["BP_KERNEL_DIR"] = str(KERNEL)
os.environ["BP_FIGURE_CATALOGUES"] = os.pathsep.join(
    f"{language}={path}" for language, path in _figure_catalogues.items()
)
bp_cache_sources += [str(path.relative_to(DOCS)) for path in _figure_catalogues.values()]
