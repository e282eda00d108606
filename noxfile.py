"""Sessions of the bp book: ``nox -l`` lists them, ``nox`` runs every check.

Each session runs on the interpreter that runs nox and installs bp itself with ``-e .``: the
notebook kernel that executes the book's pages is a separate process, so bp must be importable in
the session's environment, not only on a path that conf.py adds.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_ext"))
sys.path.insert(0, str(Path(__file__).parent / "tests" / "site"))
import bp_inputs  # standard library only: what a build of the site reads
import which_chromium  # standard library only: the browser the browser tests drive

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "tests", "docs", "site"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"


def _install(session, *groups):
    # uv, unlike pip, leaves the installed modules uncompiled: every Python that starts (the
    # build, and each page's kernel) then compiles numpy, matplotlib, IPython... from source,
    # and recompiles them every time where PYTHONDONTWRITEBYTECODE is set. Compiled once here.
    compiled = ("--compile-bytecode",) if session.venv_backend == "uv" else ()
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups), *compiled)


def _sphinx_args(builder="html", out=HTML, doctrees=BUILD / "doctrees"):
    """The builder, the doctree folder, the source and the output of a sphinx run of the book."""
    return ("-b", builder, "-d", str(doctrees), str(DOCS), str(out))


# The arguments every HTML build of the book shares (docs, serve, site), as scientific-python's
# cookie does: one place to change the source, output or doctree folder, or the builder.
SPHINX_ARGS = ("-n", *_sphinx_args())  # -n, nitpicky: every cross-reference must resolve
# The strict build (docs, site): every warning is an error, but all of them are reported first.
STRICT = ("-W", "--keep-going")


# The translations of the site (docs/locales/<code>), each built into html/<code>/ after the
# English site, from the same execution cache (nothing executes twice), with doctrees of its own.
TRANSLATIONS = ("fr",)


# What the last successful build of the site was made from (docs/_ext/bp_inputs.py): the
# project's files, the PDFs the site serves, the installed packages, the BP_ settings, the
# commands, and the files it wrote. A build with none of them changed starts no Sphinx.
STAMP = BUILD / "site-inputs.txt"


def _inputs(session, commands):
    """The hash of what ``commands`` build the site from, or None (then they always run)."""
    location = getattr(session.virtualenv, "location", None)
    if not location:  # --no-venv: the packages are not those of a session of ours
        return None
    venv = Path(location)
    site_packages = [*venv.glob("lib/python*/site-packages"), venv / "Lib" / "site-packages"]
    return bp_inputs.inputs(
        ROOT,
        commands=commands,
        packages=bp_inputs.installed(site_packages),
        ignored=[PDF],
    )


def _build_html(session, *extra):
    """Build the site, English then each translation; with nothing changed since the last build
    (no ``extra`` arguments: ``nox -s docs -- -E`` always builds), build nothing."""
    commands = [("sphinx-build", *STRICT, *SPHINX_ARGS, *extra)]
    for language in TRANSLATIONS:
        commands.append(
            (
                "sphinx-build",
                *STRICT,
                "-n",
                "-D",
                f"language={language}",
                *_sphinx_args("html", HTML / language, BUILD / f"doctrees-{language}"),
                *extra,
            )
        )
    key = None if extra else _inputs(session, commands)
    if key and STAMP.is_file() and STAMP.read_text() == f"{key}\n{bp_inputs.outputs(HTML)}\n":
        session.log(f"Nothing the site is built from has changed since its last build: {STAMP}")
        return
    STAMP.unlink(missing_ok=True)
    built = [session.run(*command) for command in commands]  # None: not run (--install-only)
    if key and None not in built:
        STAMP.write_text(f"{key}\n{bp_inputs.outputs(HTML)}\n")


@nox.session
def lint(session):
    """Ruff: lint and formatting of bp, tests, docs and this file."""
    _install(session, "lint")
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")


def _pytest(session, suite, where, *options):
    """pytest with ``options`` on the tests at ``where``, in one process a core (tests/shards.py;
    ``BP_SHARDS=1``: one process). Arguments after ``--`` are pytest's; those that name tests or
    their files (``nox -s tests -- tests/test_walk.py -x``) take the place of ``where``."""
    if any(Path(arg.split("::")[0]).exists() for arg in session.posargs if arg[:1] != "-"):
        where = ()
    session.run("python", "tests/shards.py", suite, *options, *where, *session.posargs)


@nox.session
def tests(session):
    """Unit, property and doctests of bp, and the book-build tests (a fixture book)."""
    _install(session, "test", "docs")
    # The doctests of bp and of the book's Sphinx extensions, and every test but the browser's,
    # PyTorch's and the PDF's.
    _pytest(
        session,
        "tests",
        ("bp", "docs/_ext", "tests"),
        "--doctest-modules",
        "--ignore=tests/site",  # nox -s site
        "--ignore=tests/crosscheck",  # nox -s crosscheck (installs PyTorch)
        "--ignore=tests/pdf",  # nox -s pdf (checks the PDF it builds)
    )


@nox.session
def docs(session):
    """Build the book into docs/_build/html, executing every page (cached, never stale)."""
    _install(session, "docs")
    _build_html(session, *session.posargs)
    session.log(f"The book is at {(HTML / 'index.html').as_uri()}")
    for language in TRANSLATIONS:
        session.log(f"In {language}: {(HTML / language / 'index.html').as_uri()}")


LOCALES = DOCS / "locales"


@nox.session(default=False)
def translations(session):
    """The translations' catalogues: ``-- check`` (default) counts and checks them,
    ``-- update`` brings them up to date with the English pages (then checks them).

    ``-- check fr/training``: one page; ``-- check --strict``: every page must be complete.
    """
    _install(session, "docs", "translations")
    command, *rest = session.posargs or ["check"]
    if command == "update":
        # The English messages, then each catalogue updated: new messages empty, changed ones
        # fuzzy (with the old translation kept beside them), removed ones dropped.
        gettext = BUILD / "gettext"
        session.run(
            "sphinx-build",
            *STRICT,
            *_sphinx_args("gettext", gettext, BUILD / "doctrees-gettext"),
        )
        languages = [p.name for p in sorted(LOCALES.iterdir()) if p.is_dir()]
        for language in rest or languages:
            session.run(
                "sphinx-intl", "update", "-p", str(gettext), "-d", str(LOCALES), "-l", language
            )
        rest = []
    elif command != "check":
        session.error(f"nox -s translations -- check|update; got {command!r}")
    session.run("python", str(DOCS / "_ext" / "bp_catalogues.py"), *rest)


@nox.session(default=False)
def serve(session):
    """Build the book and serve it with live reload at http://127.0.0.1:8000."""
    _install(session, "serve")
    session.run(
        "sphinx-autobuild",
        *SPHINX_ARGS,
        "--watch",
        "bp",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
    )


@nox.session
def site(session):
    """Open every page of a fresh build in Chromium: offline, accessible, light and dark, 375 px."""
    _install(session, "docs", "site")
    _build_html(session)
    if which_chromium.chromium_path() is None:
        # No browser here: Playwright's own headless shell, downloaded once (needs the network;
        # where that is not reachable, install one, as .ci/run does with Debian's).
        session.run("playwright", "install", "--only-shell", "chromium")
    _pytest(session, "tests/site", ("tests/site",))


# The book as a PDF needs TeX from the system, as the site session needs a browser. Debian's
# packages (what .ci/run installs); fonts-dejavu-core is the typeface, libcairo2 CairoSVG's library.
TEX_PACKAGES = (
    "texlive-xetex latexmk texlive-latex-extra texlive-lang-french tex-gyre "
    "fonts-dejavu-core poppler-utils libcairo2"
)
# The languages of the PDF: those of the site (English, the source, and its translations). Each
# PDF is docs/_build/pdf/<language>/book.pdf, served at pdf/book.pdf of its edition's folder of
# the site (pdf/book.pdf, fr/pdf/book.pdf): the same name in every folder, as every page is.
LANGUAGES = ("en", *TRANSLATIONS)
PDF = BUILD / "pdf"


@nox.session(default=False)
def pdf(session):
    """The book as one PDF per language (XeLaTeX), checked, then served with the site.

    ``nox -s pdf`` builds every language of the site, ``nox -s pdf -- en`` one of them.
    """
    missing = [
        tool for tool in ("xelatex", "latexmk", "pdftotext", "pdffonts") if not shutil.which(tool)
    ]
    if missing:
        session.error(
            f"nox -s pdf needs TeX Live and poppler; {', '.join(missing)} not found. "
            f"On Debian or Ubuntu: apt-get install {TEX_PACKAGES}"
        )
    languages = session.posargs or LANGUAGES
    unknown = sorted(set(languages) - set(LANGUAGES))
    if unknown:
        session.error(f"no edition of the book in {unknown}; the site has {list(LANGUAGES)}")
    _install(session, "pdf")
    times = {}  # language: seconds of its LaTeX build and XeLaTeX runs
    for language in languages:
        (PDF / language / "book.pdf").unlink(missing_ok=True)  # never an old PDF on the site
    # The site first, from the same executed pages: the checks compare the PDF with it.
    _build_html(session)
    for language in languages:
        latex = BUILD / "latex" / language
        started = time.monotonic()
        session.run(
            "sphinx-build",
            *STRICT,
            "-n",
            "-t",
            "print",
            "-D",
            f"language={language}",
            # doctrees of their own: the print build has another root and leaves index.md out
            *_sphinx_args("latex", latex, BUILD / f"doctrees-print-{language}"),
        )
        with session.chdir(latex):
            session.run(
                "latexmk",
                "-xelatex",
                "-interaction=nonstopmode",
                "-halt-on-error",
                "book.tex",
                external=True,
                silent=True,
            )
        times[language] = time.monotonic() - started
        env = {
            "BP_PDF": str(latex / "book.pdf"),
            "BP_PDF_LOG": str(latex / "book.log"),
            "BP_PDF_LANGUAGE": language,
            # the site of the PDF's language, which the checks compare it with
            "BP_PDF_SITE": str(HTML if language == LANGUAGES[0] else HTML / language),
        }
        session.run("pytest", "tests/pdf/test_book_pdf.py", "-p", "no:cacheprovider", env=env)
        (PDF / language).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(latex / "book.pdf", PDF / language / "book.pdf")
    # The site again, now serving the PDF at pdf/book.pdf and linking it from every page.
    _build_html(session)
    session.run("pytest", "tests/pdf/test_served.py", "-p", "no:cacheprovider")
    for language in languages:
        book = PDF / language / "book.pdf"
        size = book.stat().st_size / 2**20
        session.log(
            f"The {language} PDF is at {book} ({size:.1f} MB; LaTeX and XeLaTeX "
            f"{times[language]:.0f} s)"
        )


# The PyTorch sessions install with pip (virtualenv), not uv: pip honours pip's own configuration
# (find-links, constraints), such as a CPU wheel of torch kept on the machine; uv ignores it and
# resolves torch from the index, on Linux a CUDA build of several GB.
@nox.session(default=False, venv_backend="virtualenv")
def bench(session):
    """Time bp's forward and gradients against numpy matmul, then the book's build (cold and
    with no change). ``-- --torch``: PyTorch too; ``-- --sequential``: pages one at a time;
    ``-- --no-build``: bp alone."""
    _install(session, "test", "docs")
    ours = {"--torch", "--sequential", "--no-build"}
    if "--torch" in session.posargs:
        session.install("torch==2.13.0")
    session.run("python", "benchmarks/bench.py", *[a for a in session.posargs if a not in ours])
    if "--no-build" not in session.posargs:
        sequential = ["--sequential"] if "--sequential" in session.posargs else []
        session.run("python", "benchmarks/build.py", *sequential)


@nox.session(default=False, venv_backend="virtualenv")
def crosscheck(session):
    """Compare bp's gradients with PyTorch autograd on random networks (installs torch, CPU)."""
    _install(session, "test")
    session.install("torch==2.13.0")
    session.run("pytest", "tests/crosscheck", "-p", "no:cacheprovider", *session.posargs)


@nox.session(default=False)
def linkcheck(session):
    """Check the book's external links (needs the network; not part of CI)."""
    _install(session, "docs")
    session.run(
        "sphinx-build",
        *_sphinx_args("linkcheck", BUILD / "linkcheck"),
        *session.posargs,
        env={"BP_DOCS_ONLINE": "1"},
    )
