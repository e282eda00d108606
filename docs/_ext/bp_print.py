"""The book off the screen: its PDF, its licence and its version, on every page and in print.

1. **The PDF's own shape.** ``nox -s pdf`` runs the LaTeX builder with ``-t print``: conf.py then
   takes ``print.md`` as the root (parts and chapters). The title page gives the version and the
   date of the build, its back the licence and how to cite the book. A page that only works on
   screen (``bp_screen_only``: the explorer) is printed as its opening paragraph and its address.

2. **The PDF on the site.** When the PDF named by ``bp_pdf`` exists as the site is built, it is
   copied to ``pdf/book.pdf`` in the site, every page's download menu offers it, and the
   ``bp-downloads`` directive (on the landing page) links it. When it does not exist, nothing
   links it and no old copy stays in the site: a site built without TeX has no dead link.

3. **Who may reuse what, and which version.** Every page's footer says the version, the date of
   the build and the licences: text and figures CC BY 4.0, code MIT.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import zipfile
from pathlib import Path

from bp_i18n import is_translation, messages, ui
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

PDF_HREF = "pdf/book.pdf"  # where the PDF is served, relative to the site's root
LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


def build_date():
    """The day of the build, UTC; ``SOURCE_DATE_EPOCH`` fixes it for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch
        else datetime.datetime.now(datetime.UTC)
    )
    return now.date().isoformat()


def _pdf_source(app):
    """The built PDF to publish with the site, or None when there is none."""
    if not app.config.bp_pdf:
        return None
    name = app.config.bp_pdf.format(language=app.config.language or "en")
    path = (Path(app.confdir) / name).resolve()
    return path if path.is_file() else None


def _configure(app, config):
    date = build_date()
    config.bp_build_date = date
    # Whether the PDF is published is an "html" config value: when it changes, every page is
    # written again, so that no page keeps (or lacks) a link to it.
    config.bp_pdf_href = PDF_HREF if _pdf_source(app) else ""
    name, url = LICENCE
    colophon = ui(
        config,
        "Version {release}, built {date}. Text and figures: {licence}; code: MIT. "
        "Cite the version you read.",
    )
    licence = f'<a href="{url}">{name}</a>'
    footer = (
        '<p class="bp-colophon">'
        + colophon.format(release=config.release, date=date, licence=licence)
        + "</p>"
    )
    config.html_theme_options = {**config.html_theme_options, "extra_footer": footer}
    config.latex_elements = {
        **config.latex_elements,
        "preamble": config.latex_elements.get("preamble", "") + back_of_title_page(config, date),
    }


def _tex(text: str) -> str:
    r"""Plain words made safe for LaTeX (the few characters a sentence of the machinery or an
    address may hold).

    >>> _tex("https://x.org/a_b#c, 100% & more")
    'https://x.org/a\\_b\\#c, 100\\% \\& more'
    """
    for char in "_#%&$":
        text = text.replace(char, "\\" + char)
    return text


def _tex_format(text: str, fields: dict[str, str]) -> str:
    r"""``text``'s words made safe for LaTeX, its ``{fields}`` replaced by LaTeX.

    >>> _tex_format("100% of {a_b}", {"a_b": "(x_1)"})
    '100\\% of (x_1)'
    """
    parts = re.split(r"(\{\w+\})", text)
    return "".join(fields[p[1:-1]] if i % 2 else _tex(p) for i, p in enumerate(parts))


def back_of_title_page(config, date: str) -> str:
    """The LaTeX of the title page's date and of its back (version, licence, how to cite), in
    the build's language (ui.po)."""
    name, url = LICENCE
    fields = {
        "title": rf"\textit{{{_tex(config.project)}}}",
        "author": _tex(config.author),
        "version": config.release,
        "date": date,
        "year": date[:4],
        "licence": name,
        "licence_url": rf"\url{{{url}}}",
        "bp": r"\texttt{bp}",
        "site": _tex(config.bp_site_url or ui(config, "the book's site")),
    }
    made = ui(
        config,
        "{title}, version {version}, built {date} from the same executed pages as the site: "
        "every number, table and figure was computed by the code of the package {bp} while "
        "this book was built.",
    )
    licences = ui(
        config,
        "Text and figures are licensed under the Creative Commons Attribution 4.0 International "
        "licence ({licence}, {licence_url}): you may copy, adapt and share them, in slides too, "
        "if you name the source. The code (the {bp} package and the book's code cells) is under "
        "the MIT licence.",
    )
    cite = ui(config, "To cite: {author}, {title}, version {version} ({year}), {site}.")
    built = ui(config, "Built {date}")
    paragraphs = r"\par\medskip\noindent" + "\n"
    back = paragraphs.join(_tex_format(text, fields) for text in (made, licences, cite))
    return (
        f"\n\\AtBeginDocument{{\\date{{{_tex_format(built, fields)}}}}}\n"
        "\\newcommand{\\sphinxbackoftitlepage}{%\n"
        f"\\vspace*{{\\fill}}\\small\\noindent\n{back}\\par\n}}\n"
    )


# --- A reference to a section whose title has math --------------------------------------------
class MathInReferences(SphinxPostTransform):
    """A reference shows the title it points to with its math typeset, not as TeX source.

    Sphinx writes the text of ``{ref}`label``` as the title's plain text: for "Softmax and
    cross-entropy: why $\\delta^{(L)} = a - y$" that is the raw ``\\delta^{(L)}``, on the site
    and in the PDF alike. Here such a reference gets a copy of the title itself, math included.
    """

    default_priority = 20  # after Sphinx resolved the references (10)

    def run(self, **kwargs):
        std = self.env.domains.standard_domain
        with_math = {
            name: (docname, labelid)
            for docname, labelid, name in std.labels.values()
            if docname and "\\" in name
        }
        for inline in list(self.document.findall(nodes.inline)):
            found = with_math.get(inline.astext()) if "std-ref" in inline["classes"] else None
            title = self._title(*found) if found else None
            if title is not None:
                inline.children = []
                inline.extend(
                    child.deepcopy()
                    for child in title.children
                    if not isinstance(child, (nodes.target, nodes.reference))
                )

    def _title(self, docname, labelid):
        doctree = self.document if docname == self.env.docname else self.env.get_doctree(docname)
        for section in doctree.findall(nodes.section):
            if labelid in section["ids"]:
                return section[0]
        return None


# --- Print: a page that only works on screen -------------------------------------------------
def _screen_only_in_print(app, doctree, docname):
    """The LaTeX builder resolves the whole book as one tree, each page in a start_of_file."""
    if app.builder.format != "latex":
        return
    for page in list(doctree.findall(addnodes.start_of_file)):
        if page["docname"] in app.config.bp_screen_only:
            _address_only(app, page, page["docname"])


def _address_only(app, page, docname):
    section = next(iter(page.findall(nodes.section)))
    title = section[0]
    opening = next(iter(section.findall(nodes.paragraph)), None)
    labels = [child for child in section.children if isinstance(child, nodes.target)]
    # the page in the build's language: a translation is a folder of the site (fr/explorer.html)
    folder = f"{app.config.language}/" if is_translation(app.config) else ""
    html = f"{folder}{docname}.html"
    base = app.config.bp_site_url.rstrip("/")
    where = (
        nodes.reference("", f"{base}/{html}", refuri=f"{base}/{html}")
        if base
        else nodes.literal(text=html)
    )
    if base:
        words = ui(
            app,
            "This page works only on screen: it computes in the browser as you change its "
            "numbers. It is the page {address} of the book's site.",
        )
    else:
        words = ui(
            app,
            "This page works only on screen: it computes in the browser as you change its "
            "numbers. It is the page {address} of the book's site (its HTML build).",
        )
    before, _, after = words.partition("{address}")
    note = nodes.paragraph("", before, where, nodes.Text(after))
    kept = [title, *labels, *([opening.deepcopy()] if opening else []), note]
    section.clear()
    section.extend(kept)


# --- Print: the parts of the book ------------------------------------------------------------
class PartDirective(SphinxDirective):
    """``bp-part``: in print.md, a part of the book (a LaTeX ``\\part``), its title translated
    through ``locales/<language>/LC_MESSAGES/print.po`` (msgid: the English title)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self):
        title = self.arguments[0]
        if is_translation(self.config):
            language = self.config.language
            catalogue = Path(self.env.srcdir) / "locales" / language / "LC_MESSAGES" / "print.po"
            self.env.note_dependency(str(catalogue))
            translated = messages(self.env.srcdir, language, "print").get(title)
            if translated is None:
                logger.warning(
                    f"[bp_print] part {title!r} has no translation in {catalogue.name}",
                    location=(self.env.docname, self.lineno),
                )
            title = translated or title
        return [nodes.raw("", f"\\part{{{_tex(title)}}}\n", format="latex")]


# --- The PDF on the site ------------------------------------------------------------------------
class bp_downloads(nodes.General, nodes.Element):
    """Where the landing page links the PDF; filled in (or dropped) as each page is written."""


class DownloadsDirective(SphinxDirective):
    """``bp-downloads``: a paragraph linking the book's PDF, when the site has one."""

    has_content = False

    def run(self):
        return [bp_downloads()]


def _render_downloads(app, doctree, docname):
    for node in list(doctree.findall(bp_downloads)):
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        up = "../" * docname.count("/")
        figures = ui(app, "SVG, and PNG for projection") if _rasteriser() else "SVG"
        version = ui(app, "Version {release}, built {date}. ")
        release, date = app.config.release, app.config.bp_build_date
        children = [nodes.Text(version.format(release=release, date=date))]
        if app.config.bp_pdf_href:
            children += [
                nodes.Text(
                    ui(app, "The whole book is also one PDF, built from the same executed pages: ")
                ),
                nodes.reference("", "book.pdf", refuri=up + app.config.bp_pdf_href),
                nodes.Text(". "),
            ]
        children += [
            nodes.Text(
                ui(app, "Every figure, named after its label ({figures}): ").format(figures=figures)
            ),
            nodes.reference("", pack_name(app), refuri=f"{up}{FIGURES}/{pack_name(app)}"),
            nodes.Text(
                ui(
                    app,
                    ". Text and figures are {licence}: reuse them, in slides too, "
                    "naming the book and its version; the code is MIT.",
                ).format(licence=LICENCE[0])
            ),
        ]
        node.replace_self(nodes.paragraph("", "", *children, classes=["bp-downloads"]))


def _offer_pdf(app, pagename, templatename, context, doctree):
    """The book's PDF in the download menu of every page (after the theme builds the menu)."""
    if not app.config.bp_pdf_href:
        return
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](app.config.bp_pdf_href, 1),
                    "text": "book .pdf",
                    "tooltip": ui(app, "Download the whole book as a PDF"),
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def _publish_pdf(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    dest = Path(app.outdir) / PDF_HREF
    source = _pdf_source(app)
    if source is None or not app.config.bp_pdf_href:
        shutil.rmtree(dest.parent, ignore_errors=True)  # no stale copy in a site without a link
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    logger.info(f"[bp_print] the PDF is served at {PDF_HREF}")


# --- The figure pack ------------------------------------------------------------------------------
FIGURES = "figures"  # in the site: figures/<name>.svg (and .png), and the pack as one zip
PNG_WIDTH = 1920  # pixels: a full-HD projector's width


def figure_files(app):
    """``[(readable name, built image)]`` of every named figure of the book, page by page.

    The name is the figure's label without its ``fig-`` prefix (``fig-intuition-network`` gives
    ``intuition-network``); labels are unique across the book, so names are too.
    """
    found = []
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        for figure in doctree.findall(nodes.figure):
            image = next(iter(figure.findall(nodes.image)), None)
            if image is None or not figure["names"]:
                continue
            # builder.images knows the images of the pages written by this run only; the others
            # were copied under their own file name by an earlier run
            built = app.builder.images.get(image["uri"], Path(image["uri"]).name)
            built = Path(app.outdir) / app.builder.imagedir / built
            if built.is_file():
                found.append((figure["names"][0].removeprefix("fig-"), built))
    return found


def _rasteriser():
    """CairoSVG's ``svg2png``, or None where CairoSVG or its cairo library is missing (the
    site then offers SVG alone; ``nox -s pdf``, which has it, adds the PNGs)."""
    try:
        from cairosvg import svg2png
    except (ImportError, OSError):
        return None
    return svg2png


def _figure_pack(app, exc):
    """``figures/<name>.svg`` for each named figure, and the pack: one zip of them all, with a
    PNG of each where CairoSVG is at hand, and a README that says how to credit them."""
    if exc is not None or app.builder.format != "html":
        return
    dest = Path(app.outdir) / FIGURES
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    svg2png = _rasteriser()
    readme = FIGURE_README.format(
        title=app.config.project,
        version=app.config.release,
        date=app.config.bp_build_date,
        licence=LICENCE[0],
        url=LICENCE[1],
        png=f"PNG {PNG_WIDTH} pixels wide for projection, " if svg2png else "",
    )
    count = 0
    with zipfile.ZipFile(dest / pack_name(app), "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("figures/README.txt", readme)
        for name, built in figure_files(app):
            if built.suffix != ".svg":
                continue
            shutil.copyfile(built, dest / f"{name}.svg")
            pack.write(built, f"figures/{name}.svg")
            if svg2png is not None:
                png = svg2png(url=str(built), output_width=PNG_WIDTH)
                pack.writestr(f"figures/{name}.png", png)
            count += 1
    logger.info(f"[bp_print] figure pack: {count} figures in {FIGURES}/{pack_name(app)}")


def pack_name(app):
    return f"backprop-computed-figures-{app.config.release}.zip"


FIGURE_README = """\
The figures of {title}, version {version} (built {date}), each named after its label in the book:
SVG (vector, for print and the web), {png}as drawn by the code of the package bp while the book
was built.

Licence: {licence} ({url}). You may copy, adapt and share them, in slides too, if you name the
source, for example: "Figure from {title}, version {version}, by The bp authors, {licence}".
"""


def setup(app):
    app.add_config_value("bp_pdf", "", "html", types=[str])
    app.add_config_value("bp_pdf_href", "", "html", types=[str])
    app.add_config_value("bp_build_date", "", "html", types=[str])
    app.add_config_value("bp_screen_only", [], "", types=[list])
    app.add_node(bp_downloads)
    app.add_directive("bp-downloads", DownloadsDirective)
    app.add_directive("bp-part", PartDirective)
    app.connect("config-inited", _configure)
    app.add_post_transform(MathInReferences)
    app.connect("doctree-resolved", _screen_only_in_print)
    app.connect("doctree-resolved", _render_downloads)
    # after sphinx-book-theme builds its download menu (priority 501)
    app.connect("html-page-context", _offer_pdf, priority=502)
    app.connect("build-finished", _publish_pdf)
    app.connect("build-finished", _figure_pack)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
