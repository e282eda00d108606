"""The book in other languages: one Sphinx build per language, from the same executed pages.

The English book is the source, at the site's root; each translation is built with
``-D language=<code>`` into a folder of its own (``fr/``), its text from the catalogues
``locales/<code>/LC_MESSAGES/<page>.po`` (Sphinx's gettext i18n), its code and outputs from the
same execution cache (nothing runs twice). What Sphinx and MyST-NB do not do, done here:

1. **Glued values in translated text.** Sphinx parses a translated paragraph as a document of its
   own; MyST-NB's glue roles look for the page's glue data on that document, find none, and drop
   the number (``No key ... found in glue data``). The page's notebook renderer, which holds the
   glue data, is handed to its translated paragraphs. Their glued numbers follow the language's
   typography: in French a decimal comma (0,2984) and a narrow space between thousands; code,
   outputs and command lines keep Python's point.
2. **The catalogues checked** as the build starts (:mod:`bp_catalogues`): a translation that lost
   a glue role, a math span, a reference, a link or a literal is a warning, so under ``-W`` an
   error, naming the page.
3. **A language switch** on every page, to the same page in the other language (``bp-language``
   template; ``_static/bp-language.js`` keeps the section the reader is at), ``hreflang``
   alternate links in the head, and the site's shared files (the wheel of bp) taken from the
   root: a translation is a folder of the same site, not a second site.
4. **MyST-NB's output folder** per language (``jupyter_execute-<code>`` beside the English
   one): MyST-NB puts it beside the output folder, which for a translation is inside the site.
5. **Figures in the page's language.** The kernel draws each figure a second time with its
   words from ``figures.po`` (docs/_kernel/bp_figure_text.py), as one more mime type of the
   same output; a translation shows that SVG where the English page shows its own. One
   execution, two drawings; the English SVGs are the same bytes as without it.
6. **The words of the machinery** (``ui.po``): the install box, the footer and download links,
   the comments of downloaded notebooks, bp's slip descriptions and the explorer's messages
   (``window.bpData.ui``, read by ``bpText`` in the page's JavaScript). Downloaded notebooks of
   a translation are in its language: their markdown put through the page's catalogue.

``nox -s translations -- update`` refreshes the catalogues, ui.pot and figures.pot included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import textwrap
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import Parser as MystNbParser
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The switch's tooltip, in the language it leads to (one language a reader may not read).
TITLES = {"en": "This page in English", "fr": "Cette page en français"}
# Number typography of each language's prose: (thousands separator, decimal separator).
NUMBER_STYLE = {"fr": ("\u202f", ",")}
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")


def localized_number_text(text: str, language: str) -> str:
    """Numbers in ``text`` written as ``language``'s prose writes them.

    >>> localized_number_text("0.2984 after 23,860 steps; 1,234.5", "fr")
    '0,2984 after 23\\u202f860 steps; 1\\u202f234,5'
    >>> localized_number_text("0.2984", "en")
    '0.2984'
    """
    if language not in NUMBER_STYLE:
        return text
    thousands, decimal = NUMBER_STYLE[language]
    text = _THOUSANDS.sub("\0", text)
    return _DECIMAL.sub(decimal, text).replace("\0", thousands)


def root_language(config) -> str:
    """The source language of the book, built at the site's root (the first of bp_languages)."""
    return next(iter(config.bp_languages))


def is_translation(config) -> bool:
    return (config.language or "en") != root_language(config)


def site_root(config) -> str:
    """Where the site's root is, relative to this build's output folder ("" or "..")."""
    return ".." if is_translation(config) else ""


# --- 1. Glued values in translated text ------------------------------------------------------
_RENDERERS: dict[str, object] = {}  # docname -> MyST-NB's renderer of the page being read
_GLUED_CLASSES = ({"pasted-text"}, {"output", "text_plain"})


class _Attributes(dict):
    """A document's attributes, through which MyST-NB's renderer of the page passes: it is
    taught the figures of the build's language when the parser puts it there, and kept when
    the parser takes it away (for the page's translated paragraphs)."""

    kept = None
    language = None

    def __setitem__(self, key, value):
        if key == "nb_renderer":
            _show_figures_in(value, self.language)
        super().__setitem__(key, value)

    def pop(self, key, *default):
        value = super().pop(key, *default)
        if key == "nb_renderer":
            self.kept = value
        return value


class Parser(MystNbParser):
    """MyST-NB's parser, whose translated paragraphs find the glue data of their page, and
    whose figures are drawn in the build's language."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = getattr(document.settings, "env", None) or self.env
        translated = str(document.current_source or "").endswith("<translated>")
        if translated and inputstring.startswith("::\n\n"):
            # A literal node's translation (a math block's): Sphinx wraps it in reST's "::",
            # which MyST would read as text; it is the block's new content.
            text = textwrap.dedent(inputstring.removeprefix("::\n\n"))
            document.append(nodes.literal_block(text, text))
        elif translated:
            renderer = _RENDERERS.get(env.docname)
            if renderer is not None:
                document.attributes["nb_renderer"] = renderer
            try:
                super().parse(inputstring, document)
            finally:
                document.attributes.pop("nb_renderer", None)
            language = env.config.language
            for node in document.findall(nodes.inline):
                if set(node["classes"]) in _GLUED_CLASSES:
                    node[:] = [nodes.Text(localized_number_text(node.astext(), language))]
        else:
            attributes = _Attributes(document.attributes)
            attributes.language = env.config.language if is_translation(env.config) else None
            document.attributes = attributes
            try:
                super().parse(inputstring, document)
            finally:
                document.attributes = dict(attributes)
            if attributes.language and attributes.kept is not None:
                _RENDERERS[env.docname] = attributes.kept
                _report_figure_messages(env, attributes.kept)
            _computed_math(document, attributes.language)


def localized_math(latex: str, language: str) -> str:
    r"""Computed LaTeX with its numbers written as ``language``'s equations write them: in
    French a decimal comma, ``{,}`` (a bare comma in math is followed by a space).

    >>> localized_math(r"w_5^{new} = 0.4 - 0.5 \times 0.082167 = 0.358916", "fr")
    'w_5^{new} = 0{,}4 - 0{,}5 \\times 0{,}082167 = 0{,}358916'
    >>> localized_math(r"a \\[0.5em] b = 0.25", "fr")  # a length is TeX's, not a number
    'a \\\\[0.5em] b = 0{,}25'
    >>> localized_math("0.4", "en")
    '0.4'
    """
    if language not in NUMBER_STYLE:
        return latex
    return _DECIMAL_NOT_LENGTH.sub("{" + NUMBER_STYLE[language][1] + "}", latex)


_DECIMAL_NOT_LENGTH = re.compile(r"(?<=\d)\.(?=\d)(?!\d*\s*(?:pt|em|ex|mu|mm|cm|in|bp)\b)")


def _computed_math(document: nodes.document, language: str | None) -> None:
    """The equations a page's code computes (IPython's ``Math``, MyST-NB's text/latex outputs):
    not messages of the page's catalogue (their numbers are the code's, not a translator's;
    a new number would otherwise be a new message to translate), and in a translation their
    numbers in the language's typography, as glued numbers in prose."""
    for node in document.findall(nodes.math_block):
        if "text_latex" not in node["classes"]:
            continue
        node["translatable"] = False
        if language:
            node[:] = [nodes.Text(localized_math(node.astext(), language))]


# --- 1b. Figures in the page's language ------------------------------------------------------
# docs/_kernel/bp_figure_text.py draws each figure once more, its words translated, as this
# mime type of the same output; a translation shows it in place of the English SVG.
FIGURE_MIME = "application/vnd.bp.figure.{language}+svg"
GLUE_PREFIX = "application/papermill.record/"


def _svg_bytes(text: str) -> bytes:
    return os.linesep.join(text.splitlines()).encode("utf-8")  # as MyST-NB writes an SVG


def figure_translations(outputs, language: str) -> tuple[dict[str, str], list[str]]:
    """From notebook outputs (mime bundles and their metadata): the translated SVG of each
    figure, by the SHA-256 of its English SVG, and the figure messages the catalogue lacks."""
    mime = FIGURE_MIME.format(language=language)
    swaps, missing = {}, []
    for data, metadata in outputs:
        data = {k.removeprefix(GLUE_PREFIX): v for k, v in data.items()}
        metadata = {k.removeprefix(GLUE_PREFIX): v for k, v in (metadata or {}).items()}
        english, translated = data.get("image/svg+xml"), data.get(mime)
        if english and translated:
            swaps[hashlib.sha256(_svg_bytes(english)).hexdigest()] = translated
            missing += [
                m for m in metadata.get(mime, {}).get("untranslated", []) if m not in missing
            ]
    return swaps, missing


def _outputs(renderer):
    client = renderer.renderer.nb_client
    outputs = [
        (output.get("data", {}), output.get("metadata", {}))
        for cell in client.notebook.get("cells", [])
        for output in cell.get("outputs", [])
    ]
    return outputs + [(g.get("data", {}), g.get("metadata", {})) for g in client.glue_data.values()]


def _show_figures_in(renderer, language):
    """MyST-NB's renderer of a page, drawing each figure in ``language`` (None: English): the
    figure's translated SVG where there is one, and the extra mime types of the figures of the
    other languages left out (MyST-NB would warn that it does not know them)."""
    render = renderer.render_mime_type
    swaps = {}

    def render_mime_type(data):
        if ".bp.figure." in data.mime_type:
            return []
        if language and data.mime_type == "image/svg+xml" and isinstance(data.content, str):
            if not swaps:
                swaps.update(figure_translations(_outputs(renderer), language)[0] or {"": ""})
            digest = hashlib.sha256(_svg_bytes(data.content)).hexdigest()
            if digest in swaps:
                data = dataclasses.replace(data, content=swaps[digest])
        return render(data)

    renderer.render_mime_type = render_mime_type


def _report_figure_messages(env, renderer):
    language = env.config.language
    missing = figure_translations(_outputs(renderer), language)[1]
    if missing:
        import bp_catalogues

        complete = bp_catalogues.EVERY_PAGE or "figures" in bp_catalogues.COMPLETE_PAGES
        report = logger.warning if complete else logger.info
        report(
            f"[bp_i18n] {len(missing)} figure message(s) not in the {language} figure catalogue "
            f"(nox -s translations -- update): {missing[:3]}",
            location=env.docname,
        )


def figure_outputs(nb: dict, language: str | None) -> dict:
    """A notebook whose figures are those of ``language`` (its SVG in place of the English one;
    None: English), with no trace of the other languages' figures."""
    mime = FIGURE_MIME.format(language=language) if language else None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for key in [k for k in data if ".bp.figure." in k]:
                svg = data.pop(key)
                if key.removeprefix(GLUE_PREFIX) == mime:
                    data[key.replace(mime, "image/svg+xml")] = svg
            metadata = output.get("metadata", {})
            for key in [k for k in metadata if ".bp.figure." in k]:
                metadata.pop(key)
    return nb


def _forget_renderer(app, doctree):
    _RENDERERS.pop(app.env.docname, None)  # translated paragraphs are parsed by now
    if is_translation(app.config):
        # The machinery's words are on every page (the install box, the footer): a change of
        # ui.po writes every page again, as a change of the page's own catalogue does.
        ui_po = DOCS / "locales" / app.config.language / "LC_MESSAGES" / "ui.po"
        if ui_po.exists():
            app.env.note_dependency(str(ui_po))


def messages(confdir, language: str, domain: str) -> dict[str, str]:
    """The translated messages of one catalogue (``<domain>.po``): msgid -> msgstr, without
    the untranslated and fuzzy ones (the build shows those in English)."""
    from babel.messages.pofile import read_po

    path = Path(confdir) / "locales" / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        catalogue = read_po(f)
    return {
        m.id: m.string
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def translate_markdown(text: str, translations: dict[str, str]) -> str:
    r"""MyST markdown with each message of ``translations`` replaced where it stands whole: a
    paragraph (over several lines, or quoted with ``>``), a heading, a list item, a table cell,
    a directive's title; the longest messages first.

    >>> md = "# The output layer\n\nOne weight,\nthen the next.\n\n| a | The output layer |"
    >>> print(translate_markdown(md, {"The output layer": "La couche de sortie",
    ...                               "One weight, then the next.": "Un poids, puis l'autre."}))
    # La couche de sortie
    <BLANKLINE>
    Un poids, puis l'autre.
    <BLANKLINE>
    | a | La couche de sortie |
    """
    for msgid in sorted(translations, key=len, reverse=True):
        words = msgid.split()
        if not words:
            continue
        pattern = r"\s+(?:>[ \t]*)*".join(map(re.escape, words))
        text = re.sub(rf"(?<!\S){pattern}(?!\S)", lambda _m, s=translations[msgid]: s, text)
    return text


def markdown_translator(app, docname: str):
    """The function that puts a page's markdown in the build's language (identity in English)."""
    if not is_translation(app.config):
        return lambda text: text
    translations = messages(app.confdir, app.config.language, docname)
    return lambda text: translate_markdown(text, translations)


# --- 1c. The words of the book's machinery: ui.po -------------------------------------------
# Strings that no page holds (the install box, the PDF and figure links, the footer, downloaded
# notebooks' comments, the explorer's messages, bp's slip descriptions) are written in English
# in the code as ui(app, "...") (Python, docs/_ext) or bpText("...") (JavaScript, docs/_static),
# and translated through locales/<language>/LC_MESSAGES/ui.po; nox -s translations -- update
# collects them (_write_templates).
DOCS = Path(__file__).resolve().parents[1]
_UI: dict[str, dict[str, str]] = {}


def ui_messages(config) -> dict[str, str]:
    """The translated words of the machinery in the build's language ({} in English)."""
    if not is_translation(config):
        return {}
    language = config.language
    if language not in _UI:
        _UI[language] = messages(DOCS, language, "ui")
    return _UI[language]


def N_(text: str) -> str:
    """Mark ``text`` as a string of the machinery to translate (translated where it is used)."""
    return text


def ui(app, text: str) -> str:
    """``text``, a string of the book's machinery, in the build's language."""
    return ui_messages(getattr(app, "config", app)).get(text, text)


def translated_page_script(script: str, words: dict[str, str]) -> str:
    r"""The explorer's data (``window.bpData = {...};``) in a translation: bp's slip descriptions
    translated, and ``ui``, the translated strings that the page's JavaScript shows through
    ``bpText`` (_static/bp-language.js).

    >>> script = 'window.bpData = {"catalogue": [{"description": "Wrong sign."}]};\n'
    >>> print(translated_page_script(script, {"Wrong sign.": "Mauvais signe."}))
    window.bpData = {
     "catalogue": [
      {
       "description": "Mauvais signe."
      }
     ],
     "ui": {
      "Wrong sign.": "Mauvais signe."
     }
    };
    <BLANKLINE>
    """
    head, _, body = script.partition("window.bpData = ")
    data = json.loads(body.strip().removesuffix(";"))
    for slip in data.get("catalogue", []):
        slip["description"] = words.get(slip["description"], slip["description"])
    data["ui"] = words
    return f"{head}window.bpData = {json.dumps(data, indent=1, ensure_ascii=False)};\n"


def ui_strings(docs: Path = DOCS) -> list[tuple[str, str]]:
    """Every string of the machinery to translate, with where it comes from: ``ui(app, "...")``
    and ``N_("...")`` in docs/_ext, ``bpText("...")`` in docs/_static, bp's slip descriptions."""
    from babel.messages.extract import extract_from_file

    found = []
    sources = [("python", p, {"ui": (2,), "N_": None}) for p in sorted(docs.glob("_ext/*.py"))]
    sources += [("javascript", p, {"bpText": None}) for p in sorted(docs.glob("_static/*.js"))]
    for method, path, keywords in sources:
        for _line, message, _comments, _context in extract_from_file(
            method, path, keywords=keywords, comment_tags=()
        ):
            found.append((message, path.relative_to(docs).as_posix()))
    import bp.slips

    found += [(slip["description"], "bp/slips.py") for slip in bp.slips.catalogue()]
    return found


def figure_strings(cache_path, language: str) -> list[tuple[str, str]]:
    """Every figure message of the executed pages (their outputs' metadata, in the cache)."""
    from jupyter_cache import get_cache

    mime = FIGURE_MIME.format(language=language)
    cache = get_cache(cache_path)
    found = []
    for record in cache.list_cache_records():
        nb = cache.get_cache_bundle(record.pk).nb
        where = Path(record.uri).name if getattr(record, "uri", None) else f"record {record.pk}"
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                for key, metadata in output.get("metadata", {}).items():
                    if key.removeprefix(GLUE_PREFIX) == mime:
                        found += [(m, where) for m in metadata.get("messages", [])]
    return found


def _write_templates(app, exc):
    """With the gettext builder: ui.pot and figures.pot beside the pages' templates, for
    ``sphinx-intl update`` (nox -s translations -- update)."""
    if exc is not None or app.builder.name != "gettext":
        return
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    languages = list(app.config.bp_languages)[1:]
    domains = {"ui": ui_strings()}
    for language in languages[:1]:  # every translation draws the same figure strings
        domains["figures"] = figure_strings(app.config.nb_execution_cache_path, language)
    for domain, found in domains.items():
        catalogue = Catalog(project=app.config.project, version=app.config.version)
        for message, where in found:
            catalogue.add(message, locations=[(where, None)] if where else ())
        with open(Path(app.outdir) / f"{domain}.pot", "wb") as f:
            write_po(f, catalogue, width=76, omit_header=False, include_lineno=False)
        logger.info(f"[bp_i18n] {domain}.pot: {len(catalogue)} messages")


# --- 2. The catalogues checked ---------------------------------------------------------------
def _check_catalogues(app):
    if not is_translation(app.config):
        return
    import bp_catalogues

    language = app.config.language
    folder = Path(app.confdir) / "locales" / language / "LC_MESSAGES"
    for page in bp_catalogues.missing_catalogues(language, Path(app.confdir)):
        complete = bp_catalogues.EVERY_PAGE or page in bp_catalogues.COMPLETE_PAGES
        (logger.warning if complete else logger.info)(
            f"[bp_i18n] {language}/{page}: no catalogue, the page is in English "
            "(nox -s translations -- update makes it)"
        )
    for path in sorted(folder.glob("*.po")):
        report = bp_catalogues.check_catalogue(path)
        for failure in report.failures():
            logger.warning(f"[bp_i18n] {failure}", location=str(path))
        counts = report.messages
        if counts["untranslated"] or counts["fuzzy"]:
            logger.info(
                f"[bp_i18n] {report.name}: {counts['translated']} translated, "
                f"{counts['untranslated']} untranslated, {counts['fuzzy']} fuzzy"
            )


class CheckMessages(SphinxTransform):
    """The page in step with its catalogue: every message Sphinx takes from the English page
    (the messages the gettext builder writes, found the same way, just before Sphinx's
    ``Locale`` transform puts the translations in) has a translation. Without it Sphinx shows the
    English message on the translated page, silently: an English sentence edited without its
    catalogue (a new msgid the catalogue does not hold) is a warning, so under ``-W`` an error,
    naming the page, the line and the English text. The API page's docstrings may stay English
    (``bp_catalogues.CODE_PAGES``). A display-math block's translation is compared with its
    LaTeX whole (:func:`bp_catalogues.compare`: only ``\\text{}`` words and decimal commas may
    differ)."""

    default_priority = 19  # Locale's is 20: the English messages, as the gettext builder sees them

    def apply(self, **kwargs) -> None:
        source = str(self.document.get("source", ""))
        if not is_translation(self.config) or source.endswith("<translated>"):
            return  # an English build, or a translated message (parsed as a document of its own)
        import bp_catalogues
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain
        from sphinx.util.nodes import extract_messages

        docname = self.env.current_document.docname
        domain = docname_to_domain(docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir) / d for d in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, domain)
        if not found:
            return  # no catalogue: _check_catalogues says so once, for the whole page
        translated = {}
        while catalog is not None:  # the catalogue and its fallbacks, as Locale merges them
            translated = {**getattr(catalog, "_catalog", {}), **translated}
            catalog = getattr(catalog, "_fallback", None)
        own = bp_catalogues.own_text(docname, Path(self.env.srcdir))
        for node, msg in extract_messages(self.document):
            msgstr = str(translated.get(msg, ""))
            if msgstr.strip():
                if isinstance(node, nodes.math_block):  # its LaTeX, compared as math whole
                    for problem in bp_catalogues.compare(msg, msgstr, math_block=True):
                        logger.warning(f"[bp_i18n] {problem}", location=node)
                continue
            if own is not None and " ".join(msg.split()) not in own:
                continue  # a docstring of the API page
            _UNTRANSLATED.setdefault(docname, []).append((node, msg, domain))


# docname -> the (node, English message, catalogue) that CheckMessages found untranslated; said
# once the page is read, for the nodes still in it: the gettext builder takes its messages from
# the page as read, without the front matter (docutils makes it the docinfo, which Sphinx drops).
_UNTRANSLATED: dict[str, list] = {}


def _on_page(node, doctree) -> bool:
    """Whether ``node`` is still in ``doctree`` (a node taken out keeps its ``parent``)."""
    while node.parent is not None:
        if not any(child is node for child in node.parent.children):
            return False
        node = node.parent
    return node is doctree


def _report_untranslated(app, doctree):
    for node, msg, domain in _UNTRANSLATED.pop(app.env.docname, []):
        if not _on_page(node, doctree):
            continue  # taken out of the page since (the front matter)
        import bp_catalogues

        language = app.config.language
        logger.warning(
            f"[bp_i18n] {language}/{app.env.docname}: no translation of the English message "
            f"{bp_catalogues.shorten(msg, 200)!r}: the page shows it in English "
            f"(nox -s translations -- update, then translate it in "
            f"locales/{language}/LC_MESSAGES/{domain}.po)",
            location=node,
        )


# --- 3. The language switch ------------------------------------------------------------------
def language_links(config, pagename: str) -> list[dict[str, str]]:
    """The page ``pagename`` in every language of the book: code, name, relative address."""
    here = config.language or "en"
    up = "../" * pagename.count("/")
    to_root = up + ("../" if is_translation(config) else "")
    root = root_language(config)
    return [
        {
            "code": code,
            "name": name,
            "href": f"{to_root}{'' if code == root else code + '/'}{pagename}.html",
            "current": code == here,
            "title": TITLES.get(code, name),
        }
        for code, name in config.bp_languages.items()
    ]


def _add_language_links(app, pagename, templatename, context, doctree):
    links = language_links(app.config, pagename)
    context["bp_languages"] = links
    head = "".join(
        f'<link rel="alternate" hreflang="{link["code"]}" href="{link["href"]}" />\n'
        for link in links
    )
    context["metatags"] = context.get("metatags", "") + head
    if is_translation(app.config):
        # bp-install.js: the wheel is in the site's root, not in this language's folder
        context["metatags"] += f'<meta name="bp-site-root" content="{site_root(app.config)}/" />\n'


# --- 4. MyST-NB's output folder per language -------------------------------------------------
def executed_folder(app) -> Path:
    """Where MyST-NB writes a page's executed notebook and glue data for this build."""
    build = Path(app.outdir).parent
    if is_translation(app.config):
        build = build.parent
        return build / f"jupyter_execute-{app.config.language}"
    return build / "jupyter_execute"


def _set_site_root(app, config):
    config.bp_site_root = site_root(config)


def _own_output_folder(app):
    if is_translation(app.config):
        folder = executed_folder(app).resolve()
        app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def setup(app):
    app.add_config_value("bp_languages", {"en": "English"}, "html", types=[dict])
    app.add_source_parser(Parser, override=True)
    app.connect("config-inited", _set_site_root)
    app.connect("builder-inited", _own_output_folder, priority=600)  # after MyST-NB's (500)
    app.connect("builder-inited", _check_catalogues)
    app.add_transform(CheckMessages)
    app.connect("doctree-read", _forget_renderer)
    app.connect("doctree-read", _report_untranslated)
    app.connect("html-page-context", _add_language_links)
    app.connect("build-finished", _write_templates)
    app.add_js_file("bp-language.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
