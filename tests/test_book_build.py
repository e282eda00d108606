"""The book's build is strict and its notebook cache is fast and never stale.

Each test builds a tiny fixture book with the book's own ``docs/conf.py`` (executed as the
fixture's configuration, so every setting under test is the real one), in a subprocess, the way
``nox -s docs`` does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("myst_nb", reason="the book-build tests need the docs dependency group")

DOCS = Path(__file__).resolve().parents[1] / "docs"

pytestmark = pytest.mark.slow
# As in ``nox -s docs``: nitpicky, warnings are errors, every problem reported before failing.
# --no-color: the tests read the build's messages as text, and a CI that forces colour (FORCE_COLOR)
# would wrap each line in escape codes.
SPHINX = [sys.executable, "-m", "sphinx", "--no-color", "-n", "-W", "--keep-going", "-b", "html"]

FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
  language: python
---
"""


def page(title, *cells, prose=""):
    body = "".join(
        f"\n```{{code-cell}} ipython3\n{textwrap.dedent(c).strip()}\n```\n" for c in cells
    )
    return f"{FRONT_MATTER}\n# {title}\n{prose}\n{body}"


class Book:
    """A fixture book in ``root/src`` using the real conf.py, with a fake package to hash."""

    def __init__(self, root):
        self.root = root
        self.src = root / "src"
        self.pkg = root / "pkg"
        self.log = root / "executed.log"
        self.src.mkdir()
        self.pkg.mkdir()
        (self.pkg / "fixture_mod.py").write_text("VALUE = 1\n")
        (self.src / "conf.py").write_text(
            textwrap.dedent(
                f"""\
                __file__ = {str(DOCS / "conf.py")!r}
                exec(compile(open(__file__).read(), __file__, "exec"))
                bp_cache_sources = [{str(self.pkg)!r}]
                html_static_path = [{str(DOCS / "_static")!r}]
                html_favicon = {str(DOCS / "_static" / "favicon.svg")!r}
                """
            )
        )
        self.pages = []

    def write(self, name, text):
        (self.src / f"{name}.md").write_text(text)
        if name not in self.pages:
            self.pages.append(name)
        toctree = "\n".join(p for p in self.pages)
        (self.src / "index.md").write_text(f"# Fixture\n\n```{{toctree}}\n{toctree}\n```\n")

    def build(self, language=None, **extra_env):
        """Build the book (in ``language``: as nox -s docs builds a translation, into html/<code>)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("BP_")}
        env.update(extra_env)
        env["EXEC_LOG"] = str(self.log)
        env["PYTHONPATH"] = os.pathsep.join([str(self.pkg), env.get("PYTHONPATH", "")])
        self.log.write_text("")
        doctrees, html, options = self.root / "doctrees", self.root / "html", []
        if language:
            doctrees, html = self.root / f"doctrees-{language}", html / language
            options = ["-D", f"language={language}"]
        result = subprocess.run(
            [*SPHINX, *options, "-d", str(doctrees), str(self.src), str(html)],
            check=False,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        result.output = result.stdout + result.stderr
        return result

    def executed(self):
        return sorted(self.log.read_text().split())


@pytest.fixture
def book(tmp_path):
    return Book(tmp_path)


@pytest.fixture(scope="module")
def good_book(tmp_path_factory):
    """One book of the pages that build cleanly, built once (a build is seconds): the tests that
    only read what a good build wrote share it. Each page is the one its test wrote when it built
    a book of its own; what a test reads of its page does not depend on the other pages."""
    book = Book(tmp_path_factory.mktemp("good_book"))
    book.write("good", page("Good", "print(6 * 7)"))
    glue = "from myst_nb import glue\nimport numpy as np\nglue('x', {}, display=False)"
    glued = page("Glued", glue.format("float(np.float64(0.25))"), prose="")
    book.write("glued", glued + "\nx is {glue:text}`x:.2f`.\n")
    book.write(
        "nb",
        page(
            "Notebook",
            "---\ntags: [remove-cell]\n---\nfrom myst_nb import glue\nx = 41\nglue('x', x)",
            "print('visible', x + 1)",
        ),
    )
    book.write("plain", page("Plain", "print(6 * 7)"))
    book.write("plots", page("Plots", "import matplotlib\nprint(matplotlib.__name__)"))
    hidden = "---\ntags: [remove-cell]\n---\nimport sklearn"
    book.write("hidden", page("Hidden", hidden, "print('no extra shown')"))
    book.result = book.build()
    return book


def logged(name):
    """A cell that records in $EXEC_LOG that this page was executed, and shows the package value."""
    return f"""
    import os, fixture_mod
    with open(os.environ["EXEC_LOG"], "a") as f:
        f.write("{name}\\n")
    print("value", fixture_mod.VALUE)
    """


def test_a_good_page_builds(good_book):
    assert good_book.result.returncode == 0, good_book.result.output
    assert "42" in (good_book.root / "html" / "good.html").read_text()


def test_a_failing_cell_fails_the_build_and_names_the_page(book):
    book.write("broken_page", page("Broken", "x = 1", "1 / 0"))
    result = book.build()
    assert result.returncode != 0
    assert "broken_page" in result.output
    assert "ZeroDivisionError" in result.output


def test_a_broken_reference_fails_the_build_and_names_the_page(book):
    book.write("badref", page("Bad ref", "1", prose="See {ref}`no-such-label`."))
    result = book.build()
    assert result.returncode != 0
    assert "badref.md" in result.output
    assert "no-such-label" in result.output


def test_stray_stderr_fails_the_build(book):
    book.write("noisy", page("Noisy", "import sys; print('oops', file=sys.stderr)"))
    result = book.build()
    assert result.returncode != 0
    assert "noisy.md" in result.output
    assert "stderr was found" in result.output


def test_a_glued_float_appears_formatted_in_the_prose(good_book):
    assert good_book.result.returncode == 0, good_book.result.output
    assert (
        'x is <span class="pasted-text">0.25</span>'
        in (good_book.root / "html" / "glued.html").read_text()
    )


def test_the_cache_executes_what_changed_and_nothing_else(book):
    book.write("a", page("A", logged("a")))
    book.write("b", page("B", logged("b")))

    first = book.build()
    assert first.returncode == 0, first.output
    assert book.executed() == ["a", "b"]

    unchanged = book.build()
    assert unchanged.returncode == 0, unchanged.output
    assert book.executed() == [], "a rebuild with no change executed a page"

    book.write("a", page("A", logged("a"), "print('a second cell')"))
    one_page = book.build()
    assert one_page.returncode == 0, one_page.output
    assert book.executed() == ["a"], "editing one page must execute that page only"

    (book.pkg / "fixture_mod.py").write_text("VALUE = 2\n")
    package = book.build()
    assert package.returncode == 0, package.output
    assert book.executed() == ["a", "b"], "editing the package must execute every page"
    for name in ("a", "b"):
        html = (book.root / "html" / f"{name}.html").read_text()
        assert "value 2" in html, f"{name}.html shows a stale output"
        assert "value 1" not in html

    caches = list((book.src / "_build" / ".jupyter_cache").iterdir())
    assert len(caches) == 1, "the cache of the old package source was not removed"


def test_a_page_that_reads_the_other_pages_follows_them(book):
    # bp-reads-pages, with the page's execution mode "force": the notebook cache matches a page
    # by its own code, which does not change when the pages it reads do.
    reader = page("Reader", logged("reader") + 'print("words", len(open("b.md").read().split()))')
    reader = reader.replace("---\n\n#", "mystnb:\n  execution_mode: force\n---\n\n#", 1)
    book.write("reader", reader.replace("# Reader\n", "# Reader\n\n```{bp-reads-pages}\n```\n"))
    book.write("b", page("B", logged("b"), prose="Some prose."))
    first = book.build()
    assert first.returncode == 0, first.output
    assert book.executed() == ["b", "reader"]
    words = len((book.src / "b.md").read_text().split())
    assert f"words {words}" in (book.root / "html" / "reader.html").read_text()

    unchanged = book.build()
    assert unchanged.returncode == 0, unchanged.output
    assert book.executed() == [], "a rebuild with no change executed a page"

    book.write("b", page("B", logged("b"), prose="Some prose, and more of it now."))
    prose = book.build()
    assert prose.returncode == 0, prose.output
    assert book.executed() == ["reader"], "b's code did not change; the page reading it did"
    html = (book.root / "html" / "reader.html").read_text()
    assert f"words {words + 5}" in html, "the reader shows the old length of b"


def waits_for(me, other):
    """A cell that says ``me`` started, then waits for ``other`` to start: it only finishes when
    the two pages run at the same time (after two minutes alone it fails the page)."""
    return f"""
    import os, pathlib, time
    started = pathlib.Path(os.environ["EXEC_LOG"]).with_name("started")
    with open(started, "a") as f:
        f.write("{me}\\n")
    deadline = time.monotonic() + 120
    while "{other}" not in started.read_text().split():
        assert time.monotonic() < deadline, "{other} never ran beside {me}"
        time.sleep(0.05)
    """


def test_the_pages_to_execute_run_side_by_side_and_once(book):
    (book.src / "conf.py").write_text(
        (book.src / "conf.py").read_text() + "bp_parallel_processes = 2\n"
    )
    book.write("a", page("A", waits_for("a", "b"), logged("a")))
    book.write("b", page("B", waits_for("b", "a"), logged("b")))
    result = book.build()
    assert result.returncode == 0, result.output
    assert book.executed() == ["a", "b"], "a page executed in parallel was executed again"


def test_pages_run_side_by_side_share_the_cores_among_their_blas_threads(book, monkeypatch):
    # Two kernels on the machine's cores: each gets its share for numpy's BLAS threads, not one
    # thread a core each; a variable set by whoever builds is kept.
    for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    (book.src / "conf.py").write_text(
        (book.src / "conf.py").read_text() + "bp_parallel_processes = 2\n"
    )
    seen = """
    import os
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    with open(os.environ["EXEC_LOG"], "a") as f:
        f.write(",".join(os.environ.get(n, "unset") for n in names) + "\\n")
    """
    book.write("a", page("A", seen))
    book.write("b", page("B", seen))
    result = book.build()
    assert result.returncode == 0, result.output
    share = str(max(1, len(os.sched_getaffinity(0)) // 2))
    assert book.executed() == [f"{share},3,{share}"] * 2


def test_a_failing_page_among_others_fails_the_build_and_names_the_page(book):
    book.write("fine", page("Fine", "print(6 * 7)"))
    book.write("broken_page", page("Broken", "x = 1", "1 / 0"))
    result = book.build()
    assert result.returncode != 0
    assert "broken_page" in result.output
    assert "ZeroDivisionError" in result.output


def test_bp_nb_cache_root_moves_the_cache_and_a_new_build_reuses_it(book, tmp_path):
    book.write("a", page("A", logged("a")))
    root = tmp_path / "kept-cache"
    first = book.build(BP_NB_CACHE_ROOT=str(root))
    assert first.returncode == 0, first.output
    assert [p.name for p in root.iterdir()] != [], "no cache was written under BP_NB_CACHE_ROOT"
    assert not (book.src / "_build" / ".jupyter_cache").exists()

    for built in ("doctrees", "html"):  # a fresh build: only the cache outside survives
        shutil.rmtree(book.root / built)
    again = book.build(BP_NB_CACHE_ROOT=str(root))
    assert again.returncode == 0, again.output
    assert book.executed() == [], "the cache under BP_NB_CACHE_ROOT was not used"


def test_the_downloadable_notebook_has_no_build_plumbing(good_book):
    book = good_book
    assert book.result.returncode == 0, book.result.output
    path = book.root / "html" / "_sources" / "nb.ipynb"
    notebook = path.read_text()
    assert "visible" in notebook
    assert "myst_nb" not in notebook
    nbformat = pytest.importorskip("nbformat")
    nbformat.validate(nbformat.reads(notebook, as_version=4))  # a cell without an id warns
    # It runs without MyST-NB: the hidden cell's computation is kept, glue() prints.
    cells = [
        "".join(c["source"]) for c in json.loads(notebook)["cells"] if c["cell_type"] == "code"
    ]
    out = subprocess.run(
        [sys.executable, "-c", "\n".join(cells)], capture_output=True, text=True, check=True
    )
    assert out.stdout == "x = 41\nvisible 42\n"
    assert "_sources/nb.ipynb" in (book.root / "html" / "nb.html").read_text()


GLUED_FIGURE = """\
import matplotlib.pyplot as plt
from myst_nb import glue

fig, ax = plt.subplots(figsize=(2, 1.5))
ax.plot([0, 1, 2], [0, 1, 4])
glue("curve", fig, display=False)
"""
FIGURE_PROSE = """
```{glue:figure} curve
:alt: A curve rising from zero to four over three points.
:name: fig-curve

A glued curve.
```

As {numref}`fig-curve` shows.
"""


# Headless servers and CI runners often set MPLBACKEND=Agg; with it the kernel never displays a
# figure, glue finds nothing to paste and every {numref} to a glued figure is undefined. The
# book pins what its pages need in its own configuration, so the reader's setting changes nothing.
@pytest.mark.parametrize("backend", [None, "Agg", "pdf"])
def test_a_glued_figure_builds_whatever_the_matplotlib_backend(book, backend):
    book.write("fig", page("Figure", GLUED_FIGURE, prose=FIGURE_PROSE))
    extra = {} if backend is None else {"MPLBACKEND": backend}
    result = book.build(**extra)
    assert result.returncode == 0, f"MPLBACKEND={backend}:\n{result.output[-3000:]}"
    html = (book.root / "html" / "fig.html").read_text()
    figure = html[html.index('id="fig-curve"') :]
    assert "<img" in figure.split("</figure>")[0], "the glued figure has no image"
    assert "Fig. 1" in html, "the reference to the glued figure is not numbered"


def test_the_build_publishes_a_wheel_and_says_how_to_install_it(good_book):
    assert good_book.result.returncode == 0, good_book.result.output
    html = good_book.root / "html"
    (wheel,) = (html / "wheels").glob("*.whl")
    assert wheel.name.startswith("backprop_computed-")
    command = f'pip install "backprop-computed[plot] @ {(html / "wheels").as_uri()}/{wheel.name}"'
    assert command in (html / "plots.html").read_text()
    # Only code the reader sees asks for an install note; the notebook has every cell.
    for name in ("plain", "hidden"):
        assert "bp-install" not in (html / f"{name}.html").read_text().split("</head>")[1]
    # The downloaded notebook names no folder of the build machine: SITE, and what to put there.
    first = json.loads((html / "_sources" / "hidden.ipynb").read_text())["cells"][0]
    anywhere = f'pip install "backprop-computed[data] @ SITE/wheels/{wheel.name}"'
    assert first["source"].splitlines()[-1] == f"# %{anywhere}"
    assert "Replace SITE" in first["source"]


def test_the_site_links_the_pdf_exactly_when_one_was_built(book):
    """With a built PDF every page's download menu and the landing page's link point at the copy
    served with the site; without one (no TeX) nothing links a PDF and no old copy stays."""
    book.write("plain", page("Plain", "print(6 * 7)", prose="\n```{bp-downloads}\n```\n"))
    html = book.root / "html"
    built = book.src / "_build" / "pdf" / "en" / "book.pdf"

    def linked(name):
        return "pdf/book.pdf" in (html / f"{name}.html").read_text()

    result = book.build()
    assert result.returncode == 0, result.output
    assert not linked("plain")
    assert not linked("index")
    assert not (html / "pdf").exists()
    # every page's footer: the version, the day of the build, the licences
    footer = re.search(r'<p class="bp-colophon">(.*?)</p>', (html / "index.html").read_text())
    assert re.match(r"Version \d+\.\d+\.\d+, built \d{4}-\d{2}-\d{2}\.", footer.group(1))
    assert "CC BY 4.0" in footer.group(1)
    assert "code: MIT" in footer.group(1)

    built.parent.mkdir(parents=True)
    built.write_bytes(b"%PDF-1.5 fixture\n")
    result = book.build()
    assert result.returncode == 0, result.output
    assert (html / "pdf" / "book.pdf").read_bytes() == built.read_bytes()
    assert linked("index")  # the download menu of a page that did not change
    text = (html / "plain.html").read_text()
    assert 'href="pdf/book.pdf">book.pdf</a>' in text  # the landing page's paragraph
    assert "download-book-pdf-button" in text

    built.unlink()
    result = book.build()
    assert result.returncode == 0, result.output
    assert not linked("plain")
    assert not linked("index")
    assert not (html / "pdf").exists()


def test_the_french_build_refuses_a_changed_math_block_and_a_stale_catalogue(book):
    from test_catalogues import catalogue

    math = "w = 0.4 \\quad \\text{for small } w"

    def write(sentence):
        prose = f"\n{sentence}\n\n$$\n{math}\n$$\n\nIt falls to the right.\n"
        book.write("chapter", page("Chapter", prose=prose))

    def translate(math_fr):
        catalogue(
            book.src / "locales",
            ("Chapter", "Chapitre"),
            ("The slope is steep here.", "La pente est forte ici."),
            (math, math_fr),
            ("It falls to the right.", "Elle descend vers la droite."),
            page="chapter",
        )

    write("The slope is steep here.")
    catalogue(book.src / "locales", ("Fixture", "Montage"), page="index")
    translate("w = 0.5 \\quad \\text{pour un petit } w")  # a number changed in the math
    wrong = book.build(language="fr")
    assert wrong.returncode != 0
    [lost, added] = [line for line in wrong.output.splitlines() if "[bp_i18n] math" in line]
    assert "chapter.md" in lost
    assert "math '$$w = 0.4 " in lost
    assert lost.endswith("' missing")
    assert "math '$$w = 0.5 " in added

    translate("w = 0{,}4 \\quad \\text{pour un petit } w")
    french = book.build(language="fr")
    assert french.returncode == 0, french.output
    html = (book.root / "html" / "fr" / "chapter.html").read_text()
    assert "La pente est forte ici." in html
    assert "w = 0{,}4 \\quad \\text{pour un petit } w" in html

    write("The slope is steeper here.")  # the English page edited, its catalogue not
    stale = book.build(language="fr")
    assert stale.returncode != 0, "the French page shows an English sentence, and the build passed"
    [warning] = [line for line in stale.output.splitlines() if "no translation of" in line]
    assert "chapter.md" in warning
    assert "'The slope is steeper here.'" in warning
    assert "nox -s translations -- update" in warning
