/* "Try it with new numbers": the practice boxes under a chapter's exercises.
 *
 * Each <div class="bpp" data-exercise="NAME"> (the {practice} directive, docs/_ext/bp_practice.py)
 * becomes the exercise on the numbers of the seed in the page's address (?seed=17: shareable,
 * the numbers of `python -m bp practice --seed 17`), with a box per answer. Each answer is marked
 * right or wrong to the digits written, and the report below says what `python -m bp check` says
 * (the slip that explains wrong numbers, with its section of the book), with a link to the
 * walk-through's step for the first wrong one. ?verdict=only (the page setting "verdict only")
 * hides the expected values. Nothing leaves the page. The arithmetic is that of
 * explorer-core.js and practice-core.js; this file only builds the boxes.
 *
 * A classic script (no modules, no fetch): it works from file:// and offline.
 */
(function () {
  "use strict";

  var X = window.bpExplorer, C = window.bpPracticeCore;
  var bpText = X.bpText, prose = X.prose; // the page's language (explorer-core.js)
  var params = new URLSearchParams(location.search);
  var state = { seed: 1, verdictOnly: params.get("verdict") === "only" };
  var boxes = [];

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function exerciseNamed(name) {
    for (var i = 0; i < C.EXERCISES.length; i++) {
      if (C.EXERCISES[i].name === name) return C.EXERCISES[i];
    }
    return null;
  }

  // The address with the page's settings: ?seed=N (&verdict=only), the hash kept.
  function remember() {
    params.set("seed", String(state.seed));
    if (state.verdictOnly) params.set("verdict", "only");
    else params.delete("verdict");
    try {
      history.replaceState(null, "", "?" + params.toString() + location.hash);
    } catch (e) {
      // some browsers refuse to change a file:// address; the typed one still works
    }
  }

  // The exercise's numbers in the page's prose (the decimal comma in French).
  function numbersOf(c) {
    var bias = { fixed: bpText("fixed (not trained)"),
      shared: bpText("one per layer, trained") }[c.bias] || bpText("one per neuron, trained");
    var w = c.weights.map(function (x, i) { return "w" + (i + 1) + " = " + prose(x); });
    return [
      bpText("inputs i1 = {i1}, i2 = {i2}; targets o1 = {o1}, o2 = {o2}", { i1: prose(c.inputs[0]),
        i2: prose(c.inputs[1]), o1: prose(c.targets[0]), o2: prose(c.targets[1]) }),
      bpText("weights {weights}", { weights: w.join(", ") }),
      bpText("biases b1 = {b1}, b2 = {b2}, {bias}; learning rate {lr}; update {update}",
        { b1: prose(c.biases[0]), b2: prose(c.biases[1]), bias: bias, lr: prose(c.lr),
          update: X.choiceWord(c.update) })
    ];
  }

  function build(div) {
    var name = div.getAttribute("data-exercise"), e = exerciseNamed(name);
    var root = div.getAttribute("data-root"), id = "bpp-" + name;
    var box = { div: div, name: name, exercise: e, root: root ? root + "/" : "",
      walkthrough: div.getAttribute("data-walkthrough") };
    div.textContent = "";
    box.seed = el("input", { id: id + "-seed", type: "text", inputmode: "numeric",
      autocomplete: "off", spellcheck: "false", size: "10", "aria-describedby": id + "-seed-error" });
    box.seedError = el("span", { id: id + "-seed-error", class: "bpp-error" });
    var fresh = el("button", { type: "button", class: "bpp-button", text: bpText("New numbers") });
    box.verdict = el("input", { id: id + "-verdict", type: "checkbox" });
    var print = el("button", { type: "button", class: "bpp-button",
      text: bpText("Print an exercise sheet") });
    box.numbers = el("div", { class: "bpp-numbers" });
    box.form = el("form", { class: "bpp-answers", novalidate: "" });
    box.report = el("div", { class: "bpp-report", role: "status", "aria-live": "polite" });
    div.appendChild(el("p", { class: "bpp-title", id: id + "-title" },
      [el("strong", { text: bpText("Try it with new numbers") }), " (" + e.title + ")"]));
    div.setAttribute("role", "group");
    div.setAttribute("aria-labelledby", id + "-title");
    div.appendChild(el("div", { class: "bpp-bar" }, [
      el("label", { for: id + "-seed", text: bpText("Seed") }), box.seed, fresh,
      el("span", { class: "bpp-check" }, [box.verdict,
        el("label", { for: id + "-verdict",
          text: bpText("Verdict only (hide expected values)") })]),
      print, box.seedError
    ]));
    div.appendChild(box.numbers);
    div.appendChild(el("p", { class: "bpp-prompt", text: e.prompt + " " + bpText("Give {n} " +
      "significant digits, or as many as you like: each answer is checked to the digits you " +
      "write.", { n: C.ASKED_DIGITS }) }));
    div.appendChild(box.form);
    div.appendChild(box.report);
    box.seed.addEventListener("change", function () { setSeed(box, box.seed.value); });
    box.seed.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); setSeed(box, box.seed.value); }
    });
    fresh.addEventListener("click", function () {
      setSeed(box, String(Math.floor(Math.random() * 1000000)));
    });
    box.verdict.addEventListener("change", function () {
      state.verdictOnly = box.verdict.checked;
      remember();
      boxes.forEach(function (b) { b.verdict.checked = state.verdictOnly; check(b); });
    });
    print.addEventListener("click", printSheet);
    box.form.addEventListener("submit", function (ev) { ev.preventDefault(); check(box); });
    return box;
  }

  // Draw this box's variant for the page's seed, and empty its answers.
  function draw(box) {
    var v = box.variant = C.variant(state.seed, box.name), id = "bpp-" + box.name;
    box.seed.value = String(state.seed);
    box.seed.removeAttribute("aria-invalid");
    box.seedError.textContent = "";
    box.verdict.checked = state.verdictOnly;
    box.numbers.textContent = "";
    numbersOf(v.config).forEach(function (line) {
      box.numbers.appendChild(el("p", { text: line }));
    });
    box.form.textContent = "";
    box.fields = {};
    v.asks.forEach(function (key) {
      var input = el("input", { id: id + "-" + key, type: "text", inputmode: "decimal",
        autocomplete: "off", spellcheck: "false", "aria-describedby": id + "-" + key + "-mark",
        "data-key": key });
      var mark = el("span", { id: id + "-" + key + "-mark", class: "bpp-mark" });
      box.fields[key] = { input: input, mark: mark };
      box.form.appendChild(el("div", { class: "bpp-row" }, [
        el("label", { for: input.id }, [el("code", { text: key })]), input, mark
      ]));
    });
    box.form.appendChild(el("button", { type: "submit", class: "bpp-button", text: bpText("Check") }));
    box.report.textContent = "";
  }

  function setSeed(box, text) {
    var problem = C.seedProblem(text);
    if (problem) {
      box.seedError.textContent = problem;
      box.seed.setAttribute("aria-invalid", "true");
      return;
    }
    state.seed = Number(text);
    remember();
    boxes.forEach(draw);
  }

  function mark(field, verdict, text) {
    field.mark.textContent = text;
    field.mark.className = "bpp-mark" + (verdict ? " bpp-" + verdict : "");
    if (verdict === "wrong" || verdict === "bad") field.input.setAttribute("aria-invalid", "true");
    else field.input.removeAttribute("aria-invalid");
  }

  function line(parts, box) {
    var p = el("p", {}, [parts[0]]);
    if (parts[1]) p.appendChild(el("a", { href: box.root + parts[1], text: parts[1] }));
    return p;
  }

  // Mark each answer, and report as `python -m bp check` does (without the expected value in
  // verdict-only mode).
  function check(box) {
    var given = {}, any = false, c = box.variant.config;
    box.report.textContent = "";
    Object.keys(box.fields).forEach(function (key) {
      var f = box.fields[key], text = f.input.value;
      if (!text.trim()) return mark(f, null, "");
      any = true;
      var bad = X.badNumber(key, text);
      if (bad) return mark(f, "bad", bad);
      given[key] = text;
    });
    if (!Object.keys(given).length) {
      if (any) box.report.appendChild(el("p", { text: bpText("No number to check.") }));
      return;
    }
    var result = X.check(given, c);
    Object.keys(given).forEach(function (key) {
      var f = box.fields[key];
      if (result.differ.indexOf(key) >= 0) mark(f, "wrong", bpText("\u2717 wrong"));
      else if (result.unchecked.indexOf(key) >= 0) mark(f, "unchecked", bpText("not checked"));
      else mark(f, "right", bpText("\u2713 right"));
    });
    X.checkReport(result, given, c, state.verdictOnly).forEach(function (parts) {
      box.report.appendChild(line(parts, box));
    });
    if (result.differ.length && box.walkthrough) {
      var first = result.differ[0];
      var around = bpText("Walk through the step that computes {key}.").split("{key}");
      box.report.appendChild(el("p", {}, [around[0],
        el("a", { href: box.walkthrough + "?" + X.toHash(c) + "&key=" + first,
          class: "bpp-walk" }, [el("code", { text: first })]), around[1]]));
    }
  }

  // The exercise sheet of the page's boxes for the seed: the questions, then (unless verdict
  // only) the answers on a page of their own. Printed alone (practice.css, @media print).
  function printSheet() {
    var old = document.querySelector(".bpp-sheet");
    if (old) old.remove();
    var sheet = el("div", { class: "bpp-sheet" }), answers = el("section",
      { class: "bpp-sheet-answers" }, [el("h2", { text: bpText("Answers, seed {seed}",
        { seed: state.seed }) })]);
    sheet.appendChild(el("h1", { text: bpText("{page}: exercises, seed {seed}",
      { page: document.title.split(/ [\u2014|-] /)[0], seed: state.seed }) }));
    boxes.forEach(function (box) {
      // the sheet's heading names the page: every box of a page is one of its own exercises
      var v = box.variant, e = box.exercise, title = bpText("{title} (exercise {number})",
        { title: e.title, number: e.number });
      var q = el("section", { class: "bpp-sheet-exercise" }, [el("h2", { text: title })]);
      numbersOf(v.config).concat([e.prompt]).forEach(function (t) {
        q.appendChild(el("p", { text: t }));
      });
      q.appendChild(el("p", { class: "bpp-sheet-blanks", text: v.asks.map(function (k) {
        return k + " = ____________";
      }).join("   ") }));
      sheet.appendChild(q);
      answers.appendChild(el("h3", { text: title }));
      answers.appendChild(el("p", { text: v.asks.map(function (k) {
        return k + " = " + prose(C.rounded(v.answers[k]));
      }).join("   ") }));
    });
    if (!state.verdictOnly) sheet.appendChild(answers);
    document.body.appendChild(sheet);
    document.body.classList.add("bpp-printing");
    window.print();
  }

  window.addEventListener("afterprint", function () {
    document.body.classList.remove("bpp-printing");
  });

  function start() {
    var divs = document.querySelectorAll("div.bpp[data-exercise]");
    if (!divs.length) return;
    var asked = params.get("seed");
    boxes = Array.prototype.map.call(divs, build);
    if (asked !== null && !C.seedProblem(asked)) state.seed = Number(asked);
    boxes.forEach(draw);
    if (asked !== null && C.seedProblem(asked)) {
      boxes.forEach(function (b) {
        b.seed.value = asked;
        b.seed.setAttribute("aria-invalid", "true");
        b.seedError.textContent = C.seedProblem(asked) + " " +
          bpText("(the page shows seed {seed})", { seed: state.seed });
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
