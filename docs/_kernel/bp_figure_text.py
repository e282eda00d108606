"""Every figure drawn once more with its words in each translation of the book (an IPython
extension of the kernel that executes the pages; ipython_kernel_config.py loads it).

A page executes once for every language. Where the kernel shows a matplotlib figure it makes,
beside the English SVG (``image/svg+xml``, untouched), one more SVG a translation
(``application/vnd.bp.figure.<language>+svg``): the same figure, drawn again with the string of
each text artist (title, axis label, legend, annotation, table cell) and each tick label put
through the language's figure catalogue, ``locales/<language>/LC_MESSAGES/figures.po``. Numbers
in a string are taken out first, so that one message covers every value (``σ′ = {0}``), and put
back in the language's style (French: 0,2413, and ``{,}`` inside mathtext); a string with no word
of two letters or more (``w5``, ``E_total``, ``0.5``) only has its numbers restyled. The output's
metadata lists the figure's messages (``messages``) and those the catalogue lacks
(``untranslated``): ``nox -s translations -- update`` collects the first into the catalogue, the
French build reports the second. The translation build shows the translated SVG in place of the
English one (docs/_ext/bp_i18n.py).

The catalogues are named by ``BP_FIGURE_CATALOGUES`` (``fr=/path/to/figures.po``, separated by
``os.pathsep``); conf.py sets it, and keys the execution cache on the catalogues' content.
"""

from __future__ import annotations

import os
import re
import time

MIME = "application/vnd.bp.figure.{language}+svg"
NUMBER = re.compile(r"(?<![\w.{])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w}])")
PLACEHOLDER = re.compile(r"\{(\d+)\}")
WORD = re.compile(r"(?<![\w\\])[A-Za-zÀ-ÿ][a-zà-ÿ]+(?![\w])")
MATH = re.compile(r"(\$[^$]*\$)")


def catalogue(path):
    """msgid -> msgstr of a figure catalogue (translated, not fuzzy); {} if there is none."""
    if not os.path.isfile(path):
        return {}
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def template(text):
    """A figure string with its numbers taken out: (message or None, numbers).

    The message is None for a string with no word to translate.

    >>> template("σ′ = 0.2413")
    (None, ['0.2413'])
    >>> template("error after 3 steps")
    ('error after {0} steps', ['3'])
    >>> template("$E_{total}$ along $w_5$")
    ('$E_{total}$ along $w_5$', [])
    """
    numbers = []

    def take(match):
        numbers.append(match.group(0))
        return "{" + str(len(numbers) - 1) + "}"

    message = NUMBER.sub(take, text)
    words = WORD.findall(MATH.sub(" ", message).replace("{", " ").replace("}", " "))
    return (message if words else None), numbers


def restyle(text, decimal=","):
    """Decimal points between digits in ``decimal``'s style: in prose ``,``, in mathtext ``{,}``.

    >>> restyle("$x = 0.5$ and 0.25")
    '$x = 0{,}5$ and 0,25'
    """
    parts = MATH.split(text)
    return "".join(
        re.sub(r"(?<=\d)\.(?=\d)", "{" + decimal + "}" if part.startswith("$") else decimal, part)
        for part in parts
    )


class Translator:
    """A language's figure strings: translate one, and remember the messages met."""

    def __init__(self, messages):
        self.messages = messages
        self.met, self.missing = [], []

    def __call__(self, text):
        if not text:
            return text
        message, numbers = template(text)
        if message is not None:
            if message not in self.met:
                self.met.append(message)
            translated = self.messages.get(message)
            if translated is None and message not in self.missing:
                self.missing.append(message)
            message = translated or message
            text = PLACEHOLDER.sub(lambda m: numbers[int(m.group(1))], message)
        return restyle(text)


def translated_svg(fig, translator, print_svg):
    """The SVG of ``fig`` (by ``print_svg``, the English SVG's own printer) with its strings and
    tick labels through ``translator``; the figure is left exactly as it was."""
    from matplotlib.text import Text

    texts = [(t, t.get_text()) for t in fig.findobj(Text)]
    formatters = []
    for ax in fig.get_axes():
        for axis in ax._axis_map.values():
            for formatter in {axis.get_major_formatter(), axis.get_minor_formatter()}:
                if "format_ticks" in vars(formatter):
                    continue
                original = formatter.format_ticks
                formatter.format_ticks = lambda values, f=original: [
                    translator(s) for s in f(values)
                ]
                formatters.append(formatter)
    try:
        for text, string in texts:
            translated = translator(string)
            if translated != string:
                text.set_text(translated)
        return print_svg(fig)
    finally:
        for text, string in texts:
            if text.get_text() != string:
                text.set_text(string)
        for formatter in formatters:
            del formatter.format_ticks


def load_ipython_extension(ip):
    from IPython.core.formatters import BaseFormatter, catch_format_error
    from matplotlib.figure import Figure
    from traitlets import Unicode

    spec = os.environ.get("BP_FIGURE_CATALOGUES", "")
    for entry in filter(None, spec.split(os.pathsep)):
        language, _, path = entry.partition("=")
        messages = catalogue(path)
        mime = MIME.format(language=language)

        class TranslatedFigure(BaseFormatter):
            """A formatter for figures alone: matplotlib's inline backend, when it sets itself
            up, takes every formatter's printer for figures away (for_type would not last)."""

            format_type = Unicode(mime)

            @catch_format_error
            def __call__(self, obj):
                if not self.enabled or not isinstance(obj, Figure):
                    return None
                return self.render(obj)

        def render(fig, messages=messages):
            # The English SVG's printer (the inline backend's, with its settings), found when
            # a figure is shown: the backend installs it when pyplot is first imported.
            print_svg = ip.display_formatter.formatters["image/svg+xml"].lookup_by_type(Figure)
            translator = Translator(messages)
            start = time.perf_counter()
            svg = translated_svg(fig, translator, print_svg)
            if os.environ.get("BP_FIGURE_TIMES"):  # the cost of the second drawing (bench)
                with open(os.environ["BP_FIGURE_TIMES"], "a", encoding="utf-8") as f:
                    f.write(f"{time.perf_counter() - start:.4f}\n")
            return svg, {"messages": translator.met, "untranslated": translator.missing}

        formatter = TranslatedFigure(parent=ip.display_formatter)
        formatter.render = render
        ip.display_formatter.formatters[mime] = formatter
