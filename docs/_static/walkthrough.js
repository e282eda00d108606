/* The walk-through page: one gradient-descent step of the worked example, one rule at a time.
 *
 * The steps, their rules, the expressions to fill and the book's sections are bp's
 * (window.bpData.walk, from bp.walk.page_data()); the numbers are those of explorer-core.js
 * (global `bpExplorer`, tested against bp). This file only fills templates: `bpWalk.steps` is
 * bp.walk.walk, and `bpWalk.lines` bp.walk.step_lines, text for text
 * (tests/test_walkthrough_core.py runs both under Node against bp).
 *
 * The configuration is read from the address as the explorer writes it (`inputs=..&lr=..`,
 * after `?` or `#`), with `slip=NAME`, `step=K` (1 to n) or `key=KEY` (the step that computes
 * that quantity of `python -m bp trace --json`). A classic script, no modules, no fetch.
 */
(function () {
  "use strict";
  var X = window.bpExplorer, D = window.bpData;
  if (!X || !D || !D.walk) return;
  var W = D.walk;
  var INPUTS = X.LAYERS[0], OUTPUTS = X.LAYERS[X.LAYERS.length - 1];
  var WEIGHTS = Object.keys(X.WIRING), BIASES = Object.keys(X.BIAS_WIRING);
  var DIGITS = "1." + new Array(W.significant).join("2"); // as many significant digits

  // bp.walk.shown: SIGNIFICANT digits, half up, trailing zeros dropped, a minus sign −.
  function shown(x) {
    var text = X.roundedLike(DIGITS, x), e = text.indexOf("e");
    var mantissa = e < 0 ? text : text.slice(0, e), exponent = e < 0 ? "" : text.slice(e);
    if (mantissa.indexOf(".") >= 0) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
    return (mantissa + exponent).replace(/^-/, "−");
  }

  // bp.walk.values: every number the templates name.
  function values(c, slip) {
    var one = X.copy(c);
    one.steps = 1;
    var first = X.workedExample(one, slip), t = {}, k;
    INPUTS.forEach(function (n, i) { t[n] = c.inputs[i]; });
    OUTPUTS.forEach(function (o, i) { t["target_" + o] = c.targets[i]; });
    WEIGHTS.forEach(function (w, i) { t[w] = c.weights[i]; });
    BIASES.forEach(function (b, i) {
      X.BIAS_WIRING[b].forEach(function (u) { t["b_" + u] = c.biases[i]; });
    });
    t.lr = c.lr;
    for (k in first) t[k] = first[k];
    if (c.steps !== 1) {
      for (k in first) if (/_new$/.test(k)) t[k + "_1"] = first[k];
      var last = X.workedExample(c, slip);
      for (k in last) t[k] = last[k];
    }
    return t;
  }

  function fill(template, table, number) {
    return template.replace(/\{([A-Za-z0-9_]+)\}/g, function (_, name) {
      var x = table[name], text = number(x);
      return x < 0 ? "(" + text + ")" : text;
    });
  }

  function planName(c, slip) {
    return c.bias + " " + c.update + " " + (slip ? slip.name : "-") + " " +
      (c.steps === 1 ? "1" : "n");
  }

  // bp.walk.walk: the steps of a configuration (and a slip of the catalogue, or null), filled.
  // Throws bp's RangeError when the configuration cannot be run.
  function steps(c, slip) {
    var table = values(c, slip), ids = W.plans[planName(c, slip)];
    if (!ids) throw new RangeError("the slip " + slip.name + " is no slip here");
    return ids.map(function (i) {
      var s = X.copy(W.templates[i]), value = table[s.key], at = s.section.indexOf("#");
      s.numbers = fill(s.numbers, table, shown);
      s.value = value;
      s.result = shown(value);
      s.url = s.section.slice(0, at) + ".html" + s.section.slice(at);
      return s;
    });
  }

  // bp.walk.step_lines: the lines of the k-th step of n.
  function lines(step, k, n) {
    var eq = step.rule.indexOf(" = "), key = step.rule.slice(0, eq);
    var fields = X.copy(step);
    fields.k = k;
    fields.n = n;
    fields.key = key;
    fields.symbols = step.rule.slice(eq + 3);
    fields.pad = new Array(key.length + 1).join(" ");
    return W.lines.map(function (line) {
      return line.replace(/\{(\w+)\}/g, function (_, f) { return String(fields[f]); });
    });
  }

  window.bpWalk = { shown: shown, values: values, steps: steps, lines: lines };

  var root = typeof document === "undefined" ? null : document.getElementById("bp-walk");
  if (!root) return;

  // ---- The page ----------------------------------------------------------------------------

  var bpText = X.bpText, prose = X.prose; // the page's language (explorer-core.js)
  var EXTRA = ["slip", "step", "key"]; // the walk's own names in the address
  var config = X.copy(X.DEFAULTS), slip = null, walk = [], right = [], at = 0;
  var texts = {}, fields = {}, errors = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // Controls: every option of `python -m bp trace`, as text (one field a value), and the slip.
  var form = el("form", { class: "bpw-controls", "aria-label": bpText("Configuration of the walk-through") });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  X.FLAGS.forEach(function (flag) {
    var name = flag.name, set = el("fieldset", { class: "bpw-group bpw-" + name });
    var errId = "bpw-error-" + name;
    set.appendChild(el("legend", { text: "--" + name }));
    fields[name] = [];
    if (flag.choices) {
      var select = el("select", { id: "bpw-" + name, "aria-describedby": errId,
        "aria-label": "--" + name });
      flag.choices.forEach(function (ch) {
        select.appendChild(el("option", { value: ch, text: X.choiceWord(ch) }));
      });
      select.addEventListener("change", function () { texts[name] = [select.value]; fromControls(); });
      set.appendChild(select);
      fields[name].push(select);
    } else {
      var n = flag.n === null ? 1 : flag.n;
      for (var i = 0; i < n; i++) {
        var id = "bpw-" + name + "-" + i;
        var label = name === "steps" ? bpText("steps") : flag.n === null ? name
          : name === "weights" ? WEIGHTS[i]
          : name === "biases" ? BIASES[i] : name === "inputs" ? INPUTS[i] : "target_" + OUTPUTS[i];
        var field = el("input", { type: "text", id: id, size: "7", autocomplete: "off",
          spellcheck: "false", inputmode: name === "steps" ? "numeric" : "decimal",
          "aria-describedby": errId });
        field.addEventListener("input", (function (j, f) {
          return function () { texts[name][j] = f.value; fromControls(); };
        })(i, field));
        set.appendChild(el("span", { class: "bpw-field" }, [el("label", { for: id, text: label }), field]));
        fields[name].push(field);
      }
    }
    errors[name] = el("p", { class: "bpx-error", id: errId });
    set.appendChild(errors[name]);
    form.appendChild(set);
  });
  var slipSelect = el("select", { id: "bpw-slip" });
  form.appendChild(el("fieldset", { class: "bpw-group bpw-slip" }, [
    el("legend", { text: bpText("Make a known slip") }),
    el("label", { for: "bpw-slip", class: "bpx-visually-hidden",
      text: bpText("Make a known slip") }),
    slipSelect
  ]));
  slipSelect.addEventListener("change", function () {
    slip = slipNamed(slipSelect.value);
    rebuild(keyAt());
  });
  var blocked = el("p", { class: "bpx-error bpw-blocked", "aria-live": "polite" });

  function slipNamed(name) {
    for (var i = 0; i < X.SLIPS.length; i++) if (X.SLIPS[i].name === name) return X.SLIPS[i];
    return null;
  }

  function applies(s, c) {
    return Object.keys(s.applies_to).every(function (k) { return s.applies_to[k].indexOf(c[k]) >= 0; });
  }

  function showSlips() {
    slipSelect.innerHTML = "";
    slipSelect.appendChild(el("option", { value: "", text: bpText("none") }));
    X.SLIPS.forEach(function (s) {
      if (applies(s, config)) slipSelect.appendChild(el("option", { value: s.name, text: s.name }));
    });
    if (slip && !applies(slip, config)) slip = null;
    slipSelect.value = slip ? slip.name : "";
  }

  function textsOf(c) {
    var t = {};
    X.FLAGS.forEach(function (f) {
      t[f.name] = f.n === null ? [String(c[f.name])] : c[f.name].map(X.repr);
    });
    return t;
  }

  function showTexts() {
    X.FLAGS.forEach(function (f) {
      fields[f.name].forEach(function (field, i) {
        if (field.value !== texts[f.name][i]) field.value = texts[f.name][i];
      });
    });
  }

  // The controls, checked as the command line checks them; an invalid field blocks the update
  // and says so, and the walk keeps the last valid configuration.
  function fromControls() {
    var next = X.copy(config), bad = [];
    X.FLAGS.forEach(function (f) {
      var r = X.checkOption(f.name, texts[f.name]);
      errors[f.name].textContent = r.error || "";
      fields[f.name].forEach(function (field, i) {
        if (r.error && (r.index === undefined || r.index === i)) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      });
      if (r.error) bad.push("--" + f.name);
      else next[f.name] = r.value;
    });
    if (bad.length) {
      blocked.textContent = bpText("Not applied while {options} holds an invalid value: the " +
        "walk-through shows the last valid configuration.", { options: bad.join(", ") });
      return;
    }
    var previous = config;
    config = next;
    if (!rebuild(keyAt())) config = previous;
  }

  // ---- The walk ------------------------------------------------------------------------------

  var region = el("section", { class: "bpw-walk", tabindex: "0", role: "region",
    "aria-roledescription": bpText("walk-through"),
    "aria-label": bpText("Walk-through: the left and right arrow keys go to the previous and " +
      "next step") });
  var status = el("p", { class: "bpw-status" });
  var announce = el("p", { class: "bpx-visually-hidden", "aria-live": "polite",
    "aria-atomic": "true" });
  var prev = el("button", { type: "button", class: "bpw-prev", text: bpText("← Previous") });
  var next = el("button", { type: "button", class: "bpw-next", text: bpText("Next →") });
  var nav = el("div", { class: "bpw-nav" }, [prev, status, next]);
  var figure = el("div", { class: "bpw-diagram" });
  var list = el("ol", { class: "bpw-steps" });
  var explorerLink = el("a", { class: "bpw-explorer-link", href: "explorer.html",
    text: bpText("Open this configuration in the explorer") });
  region.appendChild(nav);
  region.appendChild(announce);
  region.appendChild(figure);
  region.appendChild(list);

  // The lines of a step as the page shows them: bp's, their numbers written as the page's
  // language writes numbers in prose (the decimal comma in French).
  function shownLines(step, k, n) {
    return lines(step, k, n).map(function (line, j) {
      return j >= 1 && j <= 3 ? prose(line) : line;
    });
  }

  function keyAt() {
    return walk.length ? walk[at].key : null;
  }

  // Compute the walk (and the right one, under a slip); false, with bp's message, if it cannot.
  function rebuild(key, index) {
    var w, r;
    try {
      w = steps(config, slip);
      r = slip ? steps(config, null) : w;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      blocked.textContent = bpText("Not applied: {error}", { error: e.message });
      return false;
    }
    blocked.textContent = "";
    walk = w;
    right = r;
    showSlips();
    var found = -1;
    // a key of the last step's parameters (w5_new) is the first step's (w5_new_1) if need be
    walk.forEach(function (s, i) { if (s.key === key || s.key === key + "_1") found = i; });
    at = index !== undefined ? index : found >= 0 ? found : Math.min(at, walk.length - 1);
    render();
    return true;
  }

  function render() {
    list.innerHTML = "";
    var byKey = {};
    right.forEach(function (s) { byKey[s.key] = s; });
    walk.forEach(function (s, i) {
      var item = el("li", { class: "bpw-step", id: "bpw-step-" + (i + 1), "data-key": s.key,
        "data-value": X.repr(s.value), "data-group": s.group });
      var ls = shownLines(s, i + 1, walk.length);
      item.appendChild(el("p", { class: "bpw-head", text: ls[0] }));
      var body = el("div", { class: "bpw-lines" });
      ls.slice(1, 4).forEach(function (line, j) {
        body.appendChild(el("div", { class: "bpw-line bpw-line-" + ["rule", "numbers", "result"][j],
          text: line }));
      });
      item.appendChild(body);
      var book = el("p", { class: "bpw-book" });
      var link = ls[4].lastIndexOf(s.url);
      book.appendChild(document.createTextNode(ls[4].slice(0, link)));
      book.appendChild(el("a", { href: s.url, text: s.url }));
      item.appendChild(book);
      var ok = byKey[s.key];
      if (slip && ok && (ok.value !== s.value || ok.rule !== s.rule)) {
        item.setAttribute("data-changed", "true");
        var without = shownLines(ok, i + 1, walk.length);
        var diff = el("div", { class: "bpw-changed" }, [
          el("p", { text: bpText("Changed by the slip {name}. Without it:",
            { name: slip.name }) })]);
        without.slice(1, 4).forEach(function (line) {
          diff.appendChild(el("div", { class: "bpw-line", text: line }));
        });
        item.appendChild(diff);
      }
      item.hidden = i !== at;
      list.appendChild(item);
    });
    if (slip) {
      var changed = list.querySelectorAll("[data-changed]").length;
      root.setAttribute("data-changed", String(changed));
    } else {
      root.removeAttribute("data-changed");
    }
    slipNote.innerHTML = "";
    if (slip) {
      slipNote.appendChild(el("p", { text: bpText("Slip {name}: {description} ",
        { name: slip.name, description: slip.description }) }, [
        el("a", { href: slip.url, text: bpText("The book explains it.") })]));
    }
    texts = textsOf(config);
    showTexts();
    go(at);
  }

  function go(k) {
    at = Math.max(0, Math.min(walk.length - 1, k));
    var items = list.children;
    for (var i = 0; i < items.length; i++) items[i].hidden = i !== at;
    var s = walk[at];
    prev.disabled = at === 0;
    next.disabled = at === walk.length - 1;
    var text = bpText("Step {k} of {n}", { k: at + 1, n: walk.length });
    if (status.textContent !== text) {
      status.textContent = text;
      announce.textContent = text + ". " + shownLines(s, at + 1, walk.length).slice(1, 4)
        .map(function (line) { return line.trim(); }).join(" ");
    }
    figure.innerHTML = diagram(s);
    root.setAttribute("data-step", String(at + 1));
    root.setAttribute("data-steps", String(walk.length));
    explorerLink.setAttribute("href", "explorer.html#" + X.toHash(config));
    writeAddress();
  }

  prev.addEventListener("click", function () { go(at - 1); });
  next.addEventListener("click", function () { go(at + 1); });
  // The arrow keys move the walk only while it has the focus: elsewhere the book's own keys
  // (previous and next page) keep working. Stopped here, they do not reach the book's handler.
  region.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: walk.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    go(to);
  });

  // ---- The network, the step's neurons and weights highlighted --------------------------------

  function diagram(s) {
    var cols = [30, 200, 370], rows = [40, 180], r = 24, pos = {}, uses = {};
    s.uses.forEach(function (u) { uses[u] = true; });
    X.LAYERS.forEach(function (layer, l) {
      layer.forEach(function (n, j) { pos[n] = [cols[l], rows[j]]; });
    });
    var out = ['<svg viewBox="0 0 400 220" role="img" aria-labelledby="bpw-diagram-title">',
      '<title id="bpw-diagram-title">' + bpText("The 2-2-2 network. Step {k}, {key}, uses " +
      "{uses}.", { k: at + 1, key: s.key, uses: s.uses.join(", ") }) + "</title>"];
    WEIGHTS.forEach(function (w) {
      var a = pos[X.WIRING[w][0]], b = pos[X.WIRING[w][1]], on = uses[w] ? " bpw-on" : "";
      out.push('<line class="bpw-edge' + on + '" x1="' + a[0] + '" y1="' + a[1] + '" x2="' +
        b[0] + '" y2="' + b[1] + '"/>');
    });
    WEIGHTS.forEach(function (w) {
      // the label a quarter of the way along its own edge, from its source: never beside another
      var a = pos[X.WIRING[w][0]], b = pos[X.WIRING[w][1]], t = 0.3;
      var x = a[0] + t * (b[0] - a[0]), y = a[1] + t * (b[1] - a[1]) - 8;
      out.push('<text class="bpw-wlabel' + (uses[w] ? " bpw-on" : "") + '" x="' + x + '" y="' +
        y + '">' + w + "</text>");
    });
    Object.keys(pos).forEach(function (n) {
      var p = pos[n], on = uses[n] ? " bpw-on" : "";
      out.push('<circle class="bpw-node' + on + '" cx="' + p[0] + '" cy="' + p[1] + '" r="' + r + '"/>');
      out.push('<text class="bpw-name' + on + '" x="' + p[0] + '" y="' + (p[1] + 5) + '">' + n + "</text>");
    });
    out.push("</svg>");
    return out.join("");
  }

  // ---- The address -----------------------------------------------------------------------------

  function addressParts() {
    var parts = [];
    [location.search.slice(1), location.hash.slice(1)].forEach(function (q) {
      if (q) parts = parts.concat(q.split("&"));
    });
    return parts.filter(function (p) { return p !== ""; });
  }

  function fromAddress() {
    var own = {}, rest = [];
    addressParts().forEach(function (p) {
      var eq = p.indexOf("="), name = eq < 0 ? p : p.slice(0, eq);
      if (EXTRA.indexOf(name) >= 0) {
        try { own[name] = decodeURIComponent(p.slice(eq + 1)); } catch (e) { own[name] = ""; }
      } else {
        rest.push(p);
      }
    });
    var r = X.parseHash(rest.join("&"));
    if (!r.error) config = r.config;
    slip = own.slip ? slipNamed(own.slip) : null;
    if (slip && !applies(slip, config)) slip = null;
    var k = /^[0-9]+$/.test(own.step || "") ? Number(own.step) - 1 : 0;
    texts = textsOf(config);
    if (!rebuild(own.key || null, own.key ? undefined : k)) {
      config = X.copy(X.DEFAULTS);
      slip = null;
      rebuild(null, 0);
    }
    if (r.error) {
      blocked.textContent = bpText("This link's options are not valid: {error}",
        { error: r.error });
    }
  }

  function address() {
    return X.toHash(config) + (slip ? "&slip=" + slip.name : "") + "&step=" + (at + 1);
  }

  function writeAddress() {
    var a = address();
    root.setAttribute("data-address", a);
    if (location.search.slice(1) === a) return;
    try {
      history.replaceState(null, "", location.pathname + "?" + a);
    } catch (e) {
      location.replace("#" + a);
    }
  }

  var slipNote = el("div", { class: "bpw-slip-note", "aria-live": "polite" });
  root.innerHTML = "";
  root.appendChild(form);
  root.appendChild(blocked);
  root.appendChild(slipNote);
  root.appendChild(el("p", { class: "bpw-links" }, [explorerLink]));
  root.appendChild(region);
  fromAddress();
  window.addEventListener("hashchange", fromAddress);
  root.setAttribute("data-ready", "true");
})();
