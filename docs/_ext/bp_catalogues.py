"""The translations of the book, checked: how much of each page is translated, and that no
translation lost what the build computes or links.

A catalogue is ``docs/locales/<language>/LC_MESSAGES/<page>.po``: one message per paragraph,
heading, caption, alt text, list item or table cell of the English page (its MyST source), with
the translation as its msgstr. For each translated message, the check fails when the msgstr

- dropped, added or changed a glue role (``{glue:text}`net_h1:.4f```: the number the page
  computes), a math span (``$...$``, ``$$...$$``: identical, except that a decimal point between
  two digits may become the French decimal comma ``{,}``, and text inside ``\\text{...}`` may be
  translated), the target of a cross-reference role (``{ref}`text <label>```: the text may be
  translated, the label not), the address of a link (``[text](url)``), or a code literal
  (```bp.Network```);
- or leaves the catalogue invalid for gettext (``msgfmt -c``).

Untranslated and fuzzy messages are counted (messages and English words); they fail the check
only on the pages that must be complete (``COMPLETE_PAGES``, or every page once ``EVERY_PAGE``
is set). On the API page only the text of ``api.md`` itself must be translated; its docstrings
are code and may stay English.

Run it from the repository::

    python docs/_ext/bp_catalogues.py            # every page of every language
    python docs/_ext/bp_catalogues.py fr/training fr/errata
    nox -s translations -- check                # the same, in the docs environment

It needs Babel (a dependency of Sphinx) and, for the validity check, gettext's ``msgfmt``.
The French build (``nox -s docs``) runs it too: every problem is a warning, so an error.

Note: Babel marks messages holding braces ``python-brace-format`` (its guess for Python
strings); the book's messages are MyST, not format strings, so ``msgfmt -c`` is run without
that guess (a plain ``msgfmt -c`` refuses the French decimal comma ``{,}`` in math).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]
LOCALES = DOCS / "locales"

# The pages whose catalogue must be complete (no untranslated or fuzzy message): a page is added
# here when its translation is finished. EVERY_PAGE = True asks it of every page (the edition is
# finished); until then an incomplete page is counted, not refused.
EVERY_PAGE = True
COMPLETE_PAGES: frozenset[str] = frozenset()
# Pages whose catalogue holds code documentation (docstrings) that may stay English: only the
# messages written in the page's own source must be translated.
CODE_PAGES = frozenset({"api"})

# MyST roles {name}`body`, reStructuredText roles :name:`body` (docstrings), code literals.
MYST_ROLE = re.compile(r"\{(?P<name>[\w:+.-]+)\}(?P<ticks>`+)(?P<body>.+?)(?P=ticks)", re.DOTALL)
RST_ROLE = re.compile(r":(?P<name>[\w:+.-]+):(?P<ticks>`+)(?P<body>.+?)(?P=ticks)", re.DOTALL)
RST_LINK = re.compile(r"`(?P<text>[^`<]*)<(?P<url>[^`>]+)>`__?")
LITERAL = re.compile(r"(?P<ticks>`+)(?P<body>.+?)(?P=ticks)", re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$(?P<body>.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<!\\)\$(?P<body>[^$]+?)(?<!\\)\$", re.DOTALL)
LINK = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]+)>")
EXPLICIT_TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")
DECIMAL_COMMA = re.compile(r"(?<=\d)\{,\}(?=\d)")
TEXT_IN_MATH = re.compile(r"\\text\{(?P<words>[^{}]*)\}")
DIGITS = re.compile(r"\d+")
# A display-math block of a page's source (MyST's $$ ... $$ or ```{math}```): its message is
# its LaTeX alone, without the dollars, so it is compared as math whole.
SOURCE_MATH_BLOCK = re.compile(
    r"^(?:\$\$(?P<dollars>.+?)\$\$|```\{math\}[^\n]*\n(?:[ \t]*:[^\n]*\n)*(?P<directive>.*?)^```)",
    re.DOTALL | re.MULTILINE,
)

KINDS = ("glue role", "math", "cross-reference", "link", "code literal")


def _math(body: str) -> str:
    r"""A math span as compared: decimal commas read as points, spacing ignored, and of the
    words inside \text{} only their numbers (the words may be translated, a number not).

    >>> _math(r"0{,}5 \qquad \text{pour un petit } \Delta") == _math(r"0.5 \qquad \text{for small } \Delta")
    True
    >>> _math(r"\text{(BP1)}") == _math(r"\text{(BP2)}")
    False
    """
    body = DECIMAL_COMMA.sub(".", body)
    body = TEXT_IN_MATH.sub(_numbers_of_text, body)
    return " ".join(body.split())


def _numbers_of_text(match: re.Match) -> str:
    return "\\text{" + " ".join(DIGITS.findall(match["words"])) + "}"


def display_math(docs: Path, page: str) -> set[str]:
    r"""The display-math blocks of ``docs/<page>.md`` (their LaTeX, whitespace-normalised): the
    messages to compare as math whole.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p.md").write_text("Text.\n\n$$\nE = 1\n$$\n\n```{math}\n:label: eq\nx\n```\n")
    >>> sorted(display_math(folder, "p"))
    ['E = 1', 'x']
    """
    source = docs / f"{page}.md"
    if not source.is_file():
        return set()
    text = source.read_text(encoding="utf-8")
    return {
        " ".join((m["dollars"] or m["directive"] or "").split())
        for m in SOURCE_MATH_BLOCK.finditer(text)
    }


def tokens(text: str) -> dict[str, Counter]:
    """What a message must keep, by kind: a Counter of each kind's items.

    >>> found = tokens("The {glue:text}`net_h1:.4f` of $w_5 = 0.4$, see {ref}`this <calc>`.")
    >>> found["glue role"], found["math"], found["cross-reference"]
    (Counter({'{glue:text}`net_h1:.4f`': 1}), Counter({'$w_5 = 0.4$': 1}), Counter({'ref: calc': 1}))
    >>> tokens("$w_5 = 0{,}4$ et `bp.Network`")["math"] == tokens("$w_5 = 0.4$")["math"]
    True
    """
    found = {kind: Counter() for kind in KINDS}

    def role(match: re.Match) -> str:
        name, body = match["name"], match["body"]
        if name.startswith("glue"):
            found["glue role"][f"{{{name}}}`{body}`"] += 1
        else:
            explicit = EXPLICIT_TARGET.search(body)
            target = explicit["target"] if explicit else body
            found["cross-reference"][f"{name}: {' '.join(target.split())}"] += 1
        return " "

    def link(match: re.Match) -> str:
        found["link"][match["url"]] += 1
        return " "

    def literal(match: re.Match) -> str:
        found["code literal"][match["body"]] += 1
        return " "

    def math(match: re.Match) -> str:
        delimiter = "$$" if match.group(0).startswith("$$") else "$"
        found["math"][f"{delimiter}{_math(match['body'])}{delimiter}"] += 1
        return " "

    rest = MYST_ROLE.sub(role, text)
    rest = RST_ROLE.sub(role, rest)
    rest = RST_LINK.sub(link, rest)
    rest = LITERAL.sub(literal, rest)
    rest = DISPLAY_MATH.sub(math, rest)
    rest = INLINE_MATH.sub(math, rest)
    rest = LINK.sub(link, rest)
    AUTOLINK.sub(link, rest)
    return found


def compare(msgid: str, msgstr: str, *, math_block: bool = False) -> list[str]:
    r"""What the translation ``msgstr`` lost or changed of ``msgid``: one line a difference.
    ``math_block``: the message is a display-math block's LaTeX, compared as math whole.

    >>> compare("Slope {glue:text}`s:.4f` at $x = 0.5$.", "Pente {glue:text}`s:.4f` en $x = 0{,}5$.")
    []
    >>> compare("See {doc}`calculus`.", "Voir {doc}`calcul`.")
    ["cross-reference 'doc: calculus' missing", "cross-reference 'doc: calcul' added"]
    >>> compare(r"w = 0.4 \text{ here}", r"w = 0{,}4 \text{ ici}", math_block=True)
    []
    >>> compare(r"w = 0.4", r"w = 0{,}5", math_block=True)
    ["math '$$w = 0.4$$' missing", "math '$$w = 0.5$$' added"]
    """
    if math_block:
        msgid, msgstr = f"$${msgid}$$", f"$${msgstr}$$"
    want, got = tokens(msgid), tokens(msgstr)
    problems = []
    for kind in KINDS:
        for item, n in (want[kind] - got[kind]).items():
            problems.append(f"{kind} {item!r} missing" + (f" ({n} times)" if n > 1 else ""))
        for item, n in (got[kind] - want[kind]).items():
            problems.append(f"{kind} {item!r} added" + (f" ({n} times)" if n > 1 else ""))
    return problems


def words(text: str) -> int:
    """The number of words of a message (runs of characters between spaces).

    >>> words("The output  layer")
    3
    """
    return len(text.split())


@dataclass
class PageReport:
    """What one catalogue holds: counts of messages and words, and what fails the check."""

    language: str
    page: str
    messages: Counter = field(default_factory=Counter)  # translated, untranslated, fuzzy
    words: Counter = field(default_factory=Counter)  # the English words of the same
    problems: list[str] = field(default_factory=list)  # preservation and validity: always fail
    incomplete: list[str] = field(default_factory=list)  # fail on complete pages only

    @property
    def name(self) -> str:
        return f"{self.language}/{self.page}"

    def failures(self, *, every_page: bool = EVERY_PAGE) -> list[str]:
        """What fails the check: the problems, and the missing translations of a complete page."""
        complete = every_page or self.page in COMPLETE_PAGES
        return self.problems + (self.incomplete if complete else [])


def shorten(text: str, width: int = 70) -> str:
    """``text`` on one line, cut to ``width`` characters.

    >>> shorten("The   output layer", 9), shorten("The output layer")
    ('The outp…', 'The output layer')
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def own_text(page: str, docs: Path | None = None) -> str | None:
    """The whitespace-normalised source of a code page (its own messages must be translated);
    None for the other pages (all their messages must be).

    >>> own_text("training") is None, "API reference" in own_text("api")
    (True, True)
    """
    if page not in CODE_PAGES:
        return None
    source = (docs or DOCS) / f"{page}.md"
    return " ".join(source.read_text(encoding="utf-8").split()) if source.exists() else ""


def msgfmt_errors(path: Path) -> list[str] | None:
    """``msgfmt -c``'s errors on the catalogue (without Babel's python-format guesses), or None
    where gettext's msgfmt is not installed."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^#,(.*)$", _without_format_flags, text)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        run = subprocess.run(
            [msgfmt, "-c", "-o", "/dev/null", str(copy)],
            capture_output=True,
            text=True,
            check=False,
            env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        )
    if run.returncode == 0:
        return []
    lines = [line.replace(str(copy), path.name) for line in run.stderr.splitlines()]
    return [line for line in lines if "warning: header field" not in line]


def _without_format_flags(match: re.Match) -> str:
    flags = [f.strip() for f in match[1].split(",")]
    kept = [f for f in flags if f and not f.endswith("python-brace-format")]
    kept = [f for f in kept if not f.endswith("python-format")]
    return "#, " + ", ".join(kept) if kept else "#"


def check_catalogue(path: Path, *, msgfmt: bool = True) -> PageReport:
    """Count and check one catalogue ``<language>/LC_MESSAGES/<page>.po``."""
    from babel.messages.pofile import PoFileError, read_po

    language, page = path.parent.parent.name, path.stem
    report = PageReport(language, page)
    try:
        with path.open("rb") as f:
            catalogue = read_po(f, abort_invalid=True)
    except (PoFileError, ValueError) as error:  # not a catalogue at all
        report.problems.append(f"not a valid catalogue: {error}")
        return report
    if msgfmt:
        errors = msgfmt_errors(path)
        if errors is None:
            print("bp_catalogues: msgfmt not found (install gettext); validity not checked")
        report.problems += errors or []
    own = own_text(page)
    blocks = display_math(DOCS, page)
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple):
            continue  # the header; the book has no plural messages
        msgid, msgstr = message.id, message.string or ""
        state = "fuzzy" if message.fuzzy else "translated" if msgstr.strip() else "untranslated"
        report.messages[state] += 1
        report.words[state] += words(msgid)
        required = own is None or " ".join(msgid.split()) in own
        if state != "translated":
            if required:
                report.incomplete.append(f"{state}: {shorten(msgid)!r}")
            if state == "untranslated":
                continue
        math_block = " ".join(msgid.split()) in blocks
        for problem in compare(msgid, msgstr, math_block=math_block):
            report.problems.append(f"{problem} in the translation of {shorten(msgid)!r}")
    return report


def catalogues(selection: list[str] | None = None) -> list[Path]:
    """The catalogues to check: every one, or those named ``<language>/<page>`` or ``<page>``."""
    every = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
    if not selection:
        return every
    chosen = [p for p in every if {p.stem, f"{p.parent.parent.name}/{p.stem}"} & set(selection)]
    unknown = (
        set(selection)
        - {p.stem for p in chosen}
        - {f"{p.parent.parent.name}/{p.stem}" for p in chosen}
    )
    if unknown:
        raise SystemExit(f"no catalogue for {sorted(unknown)} under {LOCALES}")
    return chosen


# Pages of docs/ that are not pages of the site (the PDF's root).
NOT_PAGES = frozenset({"print"})


def missing_catalogues(language: str, docs: Path | None = None) -> list[str]:
    """The pages (docs/<page>.md) that have no catalogue in ``language``: wholly untranslated."""
    docs = docs or DOCS
    folder = docs / "locales" / language / "LC_MESSAGES"
    return [
        p.stem
        for p in sorted(docs.glob("*.md"))
        if p.stem not in NOT_PAGES and not (folder / f"{p.stem}.po").exists()
    ]


def summary(reports: list[PageReport], *, every_page: bool = EVERY_PAGE) -> str:
    """A table of the pages' counts, then each failure."""
    head = f"{'page':<26}{'translated':>16}{'untranslated':>16}{'fuzzy':>14}  words done"
    lines = [head]
    total_m, total_w = Counter(), Counter()
    for r in reports:
        total_m += r.messages
        total_w += r.words
        lines.append(_row(r.name, r.messages, r.words))
    lines.append(_row("total", total_m, total_w))
    for r in reports:
        for failure in r.failures(every_page=every_page):
            lines.append(f"{r.name}: {failure}")
    return "\n".join(lines)


def _row(name: str, messages: Counter, words_: Counter) -> str:
    cells = [f"{messages[s]:>5} ({words_[s]:>5} w)" for s in ("translated", "untranslated")]
    all_words = sum(words_.values()) or 1
    done = 100 * words_["translated"] / all_words
    fuzzy = f"{messages['fuzzy']:>4} ({words_['fuzzy']:>4} w)"
    return f"{name:<26}{cells[0]:>16}{cells[1]:>16}{fuzzy:>14}  {done:5.1f} %"


def main(argv: list[str] | None = None) -> int:
    """Check the catalogues named (all by default); ``--strict``: every page must be complete."""
    args = sys.argv[1:] if argv is None else argv
    strict = "--strict" in args
    reports = [check_catalogue(p) for p in catalogues([a for a in args if a != "--strict"])]
    every_page = strict or EVERY_PAGE
    print(summary(reports, every_page=every_page))
    failed = sum(len(r.failures(every_page=every_page)) for r in reports)
    for language in sorted({r.language for r in reports}):
        for page in missing_catalogues(language, LOCALES.parent):
            print(f"{language}/{page}: no catalogue (nox -s translations -- update makes it)")
            failed += every_page or page in COMPLETE_PAGES
    print(f"{failed} failure(s)" if failed else "every catalogue passes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
