"""axe-core's audit of an open page, its colour-contrast rule spared the repeats.

The colour-contrast rule is most of an audit of this site's pages (measured: 25.2 s of the API
page's 29.1 s, 3.1 s of a source listing's 3.8 s, 2.6 s of the Intuition chapter's 3.7 s): for
each element with text it finds the colours under it. Most of those elements repeat one another:
a source listing holds thousands of tokens in a few dozen colours on one background. Two
elements are *twins* when they agree in everything the rule reads to decide: their colour, font
size and weight, text shadow and stroke, visibility, the paint of every box from them up to the
page (background colour and image, opacity, filter, blend mode, position, z-index, transform),
and what kind of text they hold (by axe-core's own functions: letters or punctuation alone, emoji
alone, one character). The rule checks the first of each group; the other rules check every
element, as before.

Never twinned, and checked one by one: an element that a box out of the flow (positioned,
transformed or floated) overlaps without being its ancestor or descendant; one under a box
whose ``::before`` or ``::after`` paints a background; one not wholly inside the boxes that clip
it (a sidebar's link below its scrolled part, the end of a long line of code); text in an SVG
drawing, whose shapes lie under its labels.

That a twin fails exactly when its first does: ``test_a_twin_fails_the_audit_as_its_first_does``
plants faint colours in code, prose and the sidebar and finds that the whole rule fails every
element of a group or none, and the rule with twins spared fails the same groups. And on every
page of both editions, in both schemes, the whole rule gave every twin the verdict and the data
(ratio, colours, message) of its first (2026-12-07, 188 audits).
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE = Axe().axe_script
IMPACTS = ("serious", "critical")

# Marks each text element: data-bp-first="k" for the first of group k, data-bp-twin="k" for
# the others. Returns how many text elements and groups the page has.
MARK_TWINS = r"""() => {
    const { removeUnicode, sanitize, hasUnicode } = axe.commons.text;
    const CLEAR = "rgba(0, 0, 0, 0)";
    const PAINT = ["background-color", "background-image", "opacity", "filter",
                   "mix-blend-mode", "backdrop-filter", "position", "z-index", "transform"];
    // The paint of a box and of every box around it; null under a painting pseudo-element.
    const paints = new Map();
    const pseudoPaints = e => ["::before", "::after"].some(p => {
        const s = getComputedStyle(e, p);
        return s.content !== "none" && s.display !== "none"
            && (s.backgroundColor !== CLEAR || s.backgroundImage !== "none");
    });
    const paint = e => {
        if (!e) return "";
        if (!paints.has(e)) {
            const s = getComputedStyle(e);
            const above = paint(e.parentElement);
            paints.set(e, above === null || pseudoPaints(e) ? null
                : above + "|" + PAINT.map(p => s.getPropertyValue(p)).join(","));
        }
        return paints.get(e);
    };
    // The part of the page an element's content shows through: its ancestors' overflow clips.
    const EVERYWHERE = {left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity};
    const clips = new Map();
    const clip = e => {
        if (!e || e === document.documentElement) return EVERYWHERE;
        if (!clips.has(e)) {
            const up = clip(e.parentElement), s = getComputedStyle(e);
            let c = up;
            if (s.overflowX !== "visible" || s.overflowY !== "visible") {
                const r = e.getBoundingClientRect();
                c = {left: Math.max(up.left, r.left), top: Math.max(up.top, r.top),
                     right: Math.min(up.right, r.right), bottom: Math.min(up.bottom, r.bottom)};
            }
            clips.set(e, c);
        }
        return clips.get(e);
    };
    // Boxes taken out of the flow, which may lie over text that is not theirs.
    const lifted = [];
    for (const e of document.body.querySelectorAll("*")) {
        const s = getComputedStyle(e);
        if (s.position === "static" && s.transform === "none" && s.float === "none") continue;
        const r = e.getBoundingClientRect();
        if (r.width && r.height) lifted.push([e, r]);
    }
    const overlaid = (e, r) => lifted.some(([o, q]) =>
        q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom
        && o !== e && !o.contains(e) && !e.contains(o));
    for (const e of document.querySelectorAll("[data-bp-first], [data-bp-twin]")) {
        e.removeAttribute("data-bp-first");
        e.removeAttribute("data-bp-twin");
    }
    const first = new Map();
    let texts = 0;
    for (const e of document.body.querySelectorAll("*")) {
        let text = "";
        for (const c of e.childNodes) if (c.nodeType === Node.TEXT_NODE) text += c.textContent;
        text = text.trim();
        if (!text) continue;
        texts++;
        const r = e.getBoundingClientRect(), under = paint(e), c = clip(e.parentElement);
        const shown = r.left >= c.left && r.top >= c.top && r.right <= c.right && r.bottom <= c.bottom;
        if (under === null || !shown || e.closest("svg") || overlaid(e, r)) {
            continue;  // checked on its own
        }
        const s = getComputedStyle(e);
        const key = [
            under, s.color, s.fontSize, s.fontWeight, s.textShadow, s.webkitTextStrokeWidth,
            s.webkitTextStrokeColor, s.webkitTextFillColor, s.visibility,
            e.checkVisibility({opacityProperty: true, visibilityProperty: true}),
            r.width > 0 && r.height > 0,
            removeUnicode(sanitize(text), {emoji: true, nonBmp: false, punctuations: true}) !== "",
            hasUnicode(text, {nonBmp: true}) && sanitize(removeUnicode(text, {nonBmp: true})) === "",
            text.length === 1,
        ].join(";");
        if (first.has(key)) {
            e.setAttribute("data-bp-twin", first.get(key));
        } else {
            e.setAttribute("data-bp-first", first.size);
            first.set(key, first.size);
        }
    }
    return {texts, groups: first.size};
}"""
SPARE_TWINS = """() => axe.configure({rules: [
    {id: "color-contrast", selector: "*:not([data-bp-twin])"}]})"""


# The rules an audit runs by default, those that read colours (axe-core's category "cat.color":
# color-contrast and link-in-text-block) or the others (markup, names, roles, layout).
RULES = """(colours) => axe._audit.rules
    .filter(r => r.enabled && r.tags.includes("cat.color") === colours).map(r => r.id)"""


def audit(page, colours_only=False):
    """axe-core's report on ``page`` (``violations`` alone), colour contrast checked once a group
    of twins; with ``colours_only``, by the rules that read colours alone."""
    page.evaluate(AXE)
    page.evaluate(MARK_TWINS)
    page.evaluate(SPARE_TWINS)
    options = {"resultTypes": ["violations"]}
    if colours_only:
        options["runOnly"] = {"type": "rule", "values": page.evaluate(RULES, True)}
    return page.evaluate("options => axe.run(options)", options)


# The elements colour contrast fails: [group, where] each, the group "k" of data-bp-first or
# data-bp-twin "k" (or the element's tag and text if it is checked on its own), and where it is:
# the closest of the ancestors or selectors given.
CONTRAST_FAILURES = """async (places) => {
    const r = await axe.run({runOnly: ["color-contrast"], elementRef: true,
                             resultTypes: ["violations"]});
    return r.violations.flatMap(v => v.nodes.map(n => {
        const e = n.element;
        const k = e.getAttribute("data-bp-first") ?? e.getAttribute("data-bp-twin");
        return [k ?? e.tagName + ": " + e.textContent.trim().slice(0, 40),
                places.find(p => e.closest(p)) ?? "elsewhere"];
    }));
}"""


GROUPS = """() => {
    const size = {};
    for (const e of document.querySelectorAll("[data-bp-first], [data-bp-twin]")) {
        const k = e.getAttribute("data-bp-first") ?? e.getAttribute("data-bp-twin");
        size[k] = (size[k] || 0) + 1;
    }
    return size;
}"""


def contrast_failures(page, places=()):
    """The elements of ``page`` that fail colour contrast, ``(group, place)`` each (see
    ``CONTRAST_FAILURES``): the whole rule's, then the rule's with the twins spared; and the
    number of elements in each group."""
    page.evaluate(AXE)
    page.evaluate(MARK_TWINS)
    every = page.evaluate(CONTRAST_FAILURES, list(places))
    page.evaluate(SPARE_TWINS)
    spared = page.evaluate(CONTRAST_FAILURES, list(places))
    return [tuple(f) for f in every], [tuple(f) for f in spared], page.evaluate(GROUPS)


def serious_violations(page, colours_only=False):
    """Each serious or critical violation of ``page``: rule, impact, help, first element (by the
    rules that read colours alone, with ``colours_only``)."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- {v['nodes'][0]['target']}"
        for v in audit(page, colours_only)["violations"]
        if v["impact"] in IMPACTS
    ]
