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
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import Parser as MystNbParser
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


class _KeepsRenderer(dict):
    """A document's attributes that keep MyST-NB's renderer when its parser takes it away."""

    kept = None

    def pop(self, key, *default):
        value = super().pop(key, *default)
        if key == "nb_renderer":
            self.kept = value
        return value


class Parser(MystNbParser):
    """MyST-NB's parser, whose translated paragraphs find the glue data of their page."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = getattr(document.settings, "env", None) or self.env
        translated = str(document.current_source or "").endswith("<translated>")
        if not is_translation(env.config):
            super().parse(inputstring, document)
        elif translated and inputstring.startswith("::\n\n"):
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
            keeps = _KeepsRenderer(document.attributes)
            document.attributes = keeps
            try:
                super().parse(inputstring, document)
            finally:
                document.attributes = dict(keeps)
            if keeps.kept is not None:
                _RENDERERS[env.docname] = keeps.kept


def _forget_renderer(app, doctree):
    _RENDERERS.pop(app.env.docname, None)  # translated paragraphs are parsed by now


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


# --- 2. The catalogues checked ---------------------------------------------------------------
def _check_catalogues(app):
    if not is_translation(app.config):
        return
    import bp_catalogues

    language = app.config.language
    folder = Path(app.confdir) / "locales" / language / "LC_MESSAGES"
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
    app.connect("doctree-read", _forget_renderer)
    app.connect("html-page-context", _add_language_links)
    app.add_js_file("bp-language.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
