"""The markdown and the folding of a downloaded notebook, so that it reads like its page.

A page's markdown is MyST: glued numbers are roles (``{glue:text}`E_total:.6f```), solutions are
``:::{dropdown}`` directives, cross-references are roles. Jupyter renders none of them. Here the
markdown cells are rewritten into what Jupyter does render, from what the executed notebook and
Sphinx already know:

* a glued value becomes the text the page shows, formatted by MyST-NB's own function;
* a ``{dropdown}`` becomes a collapsed ``<details>`` block, an admonition a block quote with its
  title in bold, a ``{math}`` block ``$$ ... $$``, a ``{glue:md}`` its glued markdown, and any
  other directive its content;
* a cross-reference becomes the text the page shows for it (a section title, "Fig. 3", a
  function's name in code style), resolved by a function the caller passes;
* labels ``(name)=`` and MyST comments ``% ...`` are dropped.

Code cells that the page hides (its plumbing, the checks under each solution, the code of a
figure) keep their code, folded: Jupyter's ``source_hidden`` cell metadata.
"""

from __future__ import annotations

import re

from myst_nb.core.variables import format_plain_text

# A role: {glue:text}`name:fmt`, {glue}`name`, {ref}`text <label>`, {py:func}`~bp.x.f`
ROLE = re.compile(r"\{([a-z]+(?::[a-z]*)?)\}`([^`]+)`")
FENCE = re.compile(r"^(\s*)(`{3,}|:{3,})\s*(\{([^}]+)\})?\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
ADMONITIONS = {
    "admonition": "",
    "note": "Note",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "seealso": "See also",
}
# Cells the page does not show in full: their code is folded in the notebook.
FOLDED_TAGS = {"remove-cell", "remove-input", "hide-cell", "hide-input"}


def glued_values(nb):
    """Every value glued in an executed notebook: name -> its output's data, by mime type."""
    values = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            prefix = record.get("mime_prefix", "")
            values[record["name"]] = {
                mime.removeprefix(prefix): "".join(data) if isinstance(data, list) else data
                for mime, data in output.get("data", {}).items()
            }
    return values


def glued_text(values, content):
    """What ``{glue:text}`content``` shows on the page: ``name:format`` with the glued value.

    >>> glued_text({"x": {"text/plain": "0.298371109"}}, "x:.4f")
    '0.2984'
    >>> glued_text({"n": {"text/plain": "23860"}}, "n:,d")
    '23,860'
    """
    name, _, spec = content.partition(":")
    if name not in values:
        raise KeyError(f"glue {name!r} is used in the markdown but was never glued")
    return format_plain_text(values[name]["text/plain"], spec)


def _role(resolve, values, match, localize=None):
    role, content = match.groups()
    if role in ("glue", "glue:text", "glue:"):
        text = glued_text(values, content)
        return localize(text) if localize else text
    text, target = content, content
    explicit = re.match(r"^(.*?)\s*<([^<>]+)>$", content, re.DOTALL)
    if explicit:
        text, target = explicit.groups()
    if role.startswith("py:") or role in ("func", "meth", "class", "mod", "attr", "data", "obj"):
        if not explicit:
            text = target.lstrip("~").split(".")[-1] if target.startswith("~") else target
        return f"`{text}`"
    shown = resolve(role, target) if resolve else None
    if explicit and role != "numref":
        return text
    return shown or text


def reader_markdown(text, values, resolve=None, install=None, localize=None):
    """A page's MyST markdown as Jupyter renders it (see the module docstring).

    ``values`` are the page's glued values (:func:`glued_values`); ``resolve(role, target)``
    gives the text of a cross-reference, or None for its target as written; ``install`` is the
    command a ``{bp-install}`` directive shows; ``localize(text)`` writes a glued number as the
    page's language does (a French page: 0,2984).

    >>> md = ":::{dropdown} Solution\\nE = {glue:text}`E:.2f`, see {ref}`Intro <intro>`.\\n:::"
    >>> print(reader_markdown(md, {"E": {"text/plain": "0.2983"}}))
    <details><summary>Solution</summary>
    <BLANKLINE>
    E = 0.30, see Intro.
    <BLANKLINE>
    </details>
    """
    out, stack = [], []  # stack: (fence, kind, quote prefix before it)
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        quote = stack[-1][2] if stack else ""
        fence = FENCE.match(line)
        if stack and stack[-1][1] == "code":
            if (
                fence
                and fence.group(2) == stack[-1][0]
                and not fence.group(3)
                and not fence.group(5)
            ):
                stack.pop()
            out.append(quote + line)
            continue
        if fence and stack and fence.group(2) == stack[-1][0] and not fence.group(3):
            _, kind, prefix = stack.pop()
            if kind == "details":
                out += [prefix, prefix + "</details>"]
            elif kind == "math":
                out.append(prefix + "$$")
            continue
        if fence and fence.group(3):
            marker, name, title = fence.group(2), fence.group(4), fence.group(5).strip()
            while i < len(lines) and OPTION.match(lines[i]):
                i += 1
            if name == "dropdown":
                out += [f"{quote}<details><summary>{title or 'Details'}</summary>", quote]
                stack.append((marker, "details", quote))
            elif name in ADMONITIONS:
                heading = title or ADMONITIONS[name]
                stack.append((marker, "quote", quote + "> "))
                if heading:
                    out += [
                        f"{quote}> **{_inline(heading, values, resolve, localize)}**",
                        quote + "> ",
                    ]
            elif name == "math":
                out.append(quote + "$$")
                stack.append((marker, "math", quote))
            elif name == "glue:md":
                glued_md = values.get(title, {}).get("text/markdown", "")
                out += [
                    quote + _inline(line, values, resolve, localize)
                    for line in glued_md.split("\n")
                ]
                stack.append((marker, "drop", quote))
            elif name == "bp-install" and install:
                out += [f"{quote}```bash", f"{quote}{install}", f"{quote}```"]
                stack.append((marker, "drop", quote))
            else:
                stack.append((marker, "content", quote))
            continue
        if fence and fence.group(2).startswith("`"):  # a plain code block
            stack.append((fence.group(2), "code", quote))
            out.append(quote + line)
            continue
        if stack and stack[-1][1] == "drop":
            continue
        if re.match(r"^\([\w:-]+\)=\s*$", line) or re.match(r"^%( |$)", line):
            continue  # a label, a MyST comment
        out.append(quote + _inline(line, values, resolve, localize) if line else quote.rstrip())
    return "\n".join(out).strip("\n")


def _inline(line, values, resolve, localize=None):
    return ROLE.sub(lambda m: _role(resolve, values, m, localize), line)


def fold_hidden_code(cell):
    """Fold a code cell that the page hides, with the metadata Jupyter collapses by."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    if cell["cell_type"] == "code" and tags & FOLDED_TAGS:
        cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
